// One switch that hides every answer guide on the page at once (for sharing a screen with a
// candidate) and shows them again, without reloading. Without JavaScript the switch stays
// hidden and the guides are simply shown.
(function () {
  "use strict";

  document.querySelectorAll("[data-guides]").forEach(function (section) {
    var row = section.querySelector(".guide-switch-row");
    var button = section.querySelector(".guide-switch");
    if (!row || !button) {
      return;
    }
    row.hidden = false;
    button.addEventListener("click", function () {
      var shown = button.getAttribute("aria-checked") !== "true";
      button.setAttribute("aria-checked", shown ? "true" : "false");
      section.classList.toggle("guides-hidden", !shown);
    });
  });
})();
