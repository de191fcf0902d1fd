// Copy buttons: <button data-copy-target="ID" hidden> copies the value or text of #ID.
// Progressive enhancement: the button stays hidden without JavaScript, and the text it copies
// is in a read-only field anyone can select by hand.
(function () {
  "use strict";

  function copyText(text, field) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Older browsers and plain-http hosts: select the field and use the legacy command.
    return new Promise(function (resolve, reject) {
      field.focus();
      field.select();
      (document.execCommand("copy") ? resolve : reject)();
    });
  }

  function enhance(button) {
    var field = document.getElementById(button.getAttribute("data-copy-target"));
    if (!field) {
      return;
    }
    var status =
      document.getElementById(button.getAttribute("data-copy-status")) ||
      button.parentNode.querySelector(".copy-status");
    var label = button.innerHTML;
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = "value" in field ? field.value : field.textContent;
      copyText(text, field).then(
        function () {
          button.textContent = "Copied";
          button.setAttribute("data-state", "copied");
          if (status) {
            status.textContent = button.getAttribute("data-copy-done") || "Search string copied to the clipboard.";
          }
          window.setTimeout(function () {
            button.innerHTML = label;
            button.removeAttribute("data-state");
          }, 4000);
        },
        function () {
          field.focus();
          field.select();
          if (status) {
            status.textContent = "Could not copy: the text is selected, press Ctrl+C or ⌘C.";
          }
        }
      );
    });
  }

  document.querySelectorAll("button[data-copy-target]").forEach(enhance);
  // Pages that replace their content in place (the interview kit) enhance new buttons with it.
  window.SkillAtlasCopy = { enhance: enhance };
})();
