// Progressive enhancement for the receipt page: "复制" buttons (hidden without JavaScript or
// without the Clipboard API) and a reminder when leaving before "我已保存回执" is ticked.
// The page works the same without this file; the server keeps the receipt either way.
(function () {
  "use strict";
  var receipt = document.querySelector("[data-receipt]");
  if (!receipt) return;

  var status = receipt.querySelector("[data-copy-status]");

  function announce(text) {
    if (status) status.textContent = text;
  }

  if (navigator.clipboard && window.isSecureContext) {
    receipt.querySelectorAll("button[data-copy]").forEach(function (button) {
      var source = document.getElementById(button.dataset.copy);
      if (!source) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        var text = source.textContent.replace(/\s+/g, "");
        navigator.clipboard.writeText(text).then(
          function () {
            button.textContent = "已复制";
            announce("已复制：" + text);
            window.setTimeout(function () { button.textContent = "复制"; }, 3000);
          },
          function () { announce("无法复制，请手动抄写。"); }
        );
      });
    });
  }

  // Leaving the page (closing the tab, another address) before confirming: the browser asks
  // once. The confirmation form itself and the download links (download attribute) do not.
  var done = receipt.querySelector("form[data-receipt-done]");
  if (!done) return;
  var saved = done.querySelector("input[type=checkbox]");
  var submitting = false;
  done.addEventListener("submit", function () { submitting = true; });
  window.addEventListener("beforeunload", function (event) {
    if (submitting || (saved && saved.checked)) return;
    event.preventDefault();
    event.returnValue = "";  // older browsers need a value to ask at all
  });
})();
