// The header menu is a <details>: closed behind "菜单" on phones, and always shown on wider
// screens. header.css shows it there already where the browser styles ::details-content;
// this opens it for the others. Without JavaScript the "菜单" button still works everywhere.
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 600px)");
  function follow() {
    var menus = document.querySelectorAll("details[data-open-wide]");
    for (var i = 0; i < menus.length; i++) {
      menus[i].open = wide.matches;
    }
  }
  follow();
  wide.addEventListener("change", follow);
})();
