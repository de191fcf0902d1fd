// The advert box says how many characters are left or too many (the box has no maxlength:
// a browser would cut a long paste off without a word; the server says what is too long).
(function () {
  "use strict";
  document.querySelectorAll("textarea[data-kit-counter]").forEach(function (box) {
    var counter = document.getElementById(box.getAttribute("data-kit-counter"));
    var limit = parseInt(box.getAttribute("data-max-length"), 10);
    if (!counter || !limit) {
      return;
    }
    function show() {
      var left = limit - box.value.replace(/\r\n/g, "\n").length;
      if (left < 0) {
        counter.textContent = (-left).toLocaleString() + " characters too many: keep the advert, drop the rest of the page.";
      } else {
        counter.textContent = left < 2000 ? left.toLocaleString() + " characters left" : "";
      }
    }
    box.addEventListener("input", show);
    show();
  });
})();
