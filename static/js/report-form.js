// Progressive enhancement for the report form. Everything here is optional: the server
// checks all of it again, and the form works the same without JavaScript.
(function () {
  "use strict";
  var form = document.querySelector("form.report-form");
  if (!form) return;

  var MB = 1024 * 1024;
  var maxFiles = Number(form.dataset.maxFiles);
  var maxFileBytes = Number(form.dataset.maxFileBytes);
  var maxTotalBytes = Number(form.dataset.maxTotalBytes);
  var fileInput = form.querySelector("input[type=file]");
  var fileNote = document.getElementById("evidence-check");

  function checkFiles() {
    var files = Array.prototype.slice.call(fileInput.files || []);
    var problems = [];
    var total = 0;
    if (files.length > maxFiles) problems.push("最多只能选择 " + maxFiles + " 个文件。");
    files.forEach(function (file) {
      total += file.size;
      if (file.size > maxFileBytes) {
        problems.push("“" + file.name + "”超过 " + maxFileBytes / MB + " MB，请压缩后再选择。");
      }
    });
    if (total > maxTotalBytes) problems.push("文件合计超过 " + maxTotalBytes / MB + " MB。");
    fileNote.textContent = problems.join(" ");
    fileNote.classList.toggle("field-error", problems.length > 0);
    return problems.length === 0;
  }

  if (fileInput && fileNote) {
    fileInput.addEventListener("change", checkFiles);
    form.addEventListener("submit", function (event) {
      if (!checkFiles()) {
        event.preventDefault();
        fileInput.focus();
      }
    });
  }

  // Show the contact fields only when "实名举报" is chosen.
  var namedFields = form.querySelector(".named-fields");
  var identityRadios = form.querySelectorAll("input[name=identity]");
  function toggleNamed() {
    var named = form.querySelector("input[name=identity]:checked");
    namedFields.hidden = !(named && named.value === "named");
  }
  if (namedFields && identityRadios.length) {
    identityRadios.forEach(function (radio) { radio.addEventListener("change", toggleNamed); });
    if (!namedFields.querySelector("[aria-invalid]")) toggleNamed();
  }

  // A running count for the description, announced politely.
  var description = form.querySelector("textarea[data-maxlength]");
  if (description) {
    var counter = document.createElement("p");
    counter.className = "hint char-count";
    counter.setAttribute("aria-live", "polite");
    description.insertAdjacentElement("afterend", counter);
    var update = function () {
      var max = Number(description.dataset.maxlength);
      counter.textContent = "已输入 " + description.value.length + " / " + max + " 字";
    };
    description.addEventListener("input", update);
    update();
  }
})();
