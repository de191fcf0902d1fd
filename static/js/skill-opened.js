// Counts one view of this skill page for the editors' dashboard (taxonomy/page_opens.py):
// a beacon to the page's own ".../opened" address, sent even when the page came from a cache.
// Nothing about the visitor is sent.
(function () {
  "use strict";
  var script = document.currentScript;
  var url = script && script.dataset.url;
  if (url && navigator.sendBeacon) {
    navigator.sendBeacon(url);
  }
})();
