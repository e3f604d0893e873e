// Progressive enhancement for the report form. Everything here is optional: the server
// checks all of it again, and the form works the same without JavaScript.
(function () {
  "use strict";
  var form = document.querySelector("form.report-form");
  if (!form) return;

  var MB = 1024 * 1024;
  var maxFiles = Number(form.dataset.maxFiles);
  var maxFileBytes = Number(form.dataset.maxFileBytes);
  var maxVideoBytes = Number(form.dataset.maxVideoBytes);
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
      var limit = /^video\//.test(file.type) ? maxVideoBytes : maxFileBytes;
      if (file.size > limit) {
        problems.push("“" + file.name + "”超过 " + limit / MB + " MB，请压缩后再选择。");
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
  // "使用我的位置": the button exists only here, and the browser is asked for the position
  // only after it is clicked (the click is the consent). The fields stay clearable.
  var locationBox = form.querySelector("[data-location]");
  if (locationBox && navigator.geolocation) {
    var inputs = locationBox.querySelectorAll("input");
    var status = locationBox.querySelector(".location-status");
    var use = document.createElement("button");
    use.type = "button";
    use.className = "button";
    use.textContent = "使用我的位置";
    var clear = document.createElement("button");
    clear.type = "button";
    clear.className = "button";
    clear.textContent = "清空坐标";
    locationBox.querySelector("legend").insertAdjacentElement("afterend", use);
    use.insertAdjacentElement("afterend", clear);
    use.addEventListener("click", function () {
      status.textContent = "正在获取位置……";
      navigator.geolocation.getCurrentPosition(function (position) {
        inputs[0].value = position.coords.latitude.toFixed(5);
        inputs[1].value = position.coords.longitude.toFixed(5);
        status.textContent = "已填入您的位置，精度约 " + Math.round(position.coords.accuracy) + " 米。";
      }, function () {
        status.textContent = "未能获取位置（可能未获允许）。请在“具体地点”中用文字说明。";
      }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
    });
    clear.addEventListener("click", function () {
      inputs[0].value = "";
      inputs[1].value = "";
      status.textContent = "坐标已清空。";
      inputs[0].focus();
    });
  }
})();
