// The kit page without reloads. The page works as a plain form (GET /kit/change/, which
// redirects to the kit's own URL); here each change fetches that same URL, swaps the kit in
// place, keeps the address bar on the kit's link, and puts focus back where it was.
(function () {
  "use strict";
  var main = document.getElementById("kit-main");
  if (!main) {
    return;
  }

  function remember() {
    // The kit on screen becomes the visitor's current kit; a dead link (no skills) does not
    // wipe the one they have.
    var root = document.getElementById("kit-main");
    var kit = new URLSearchParams((root && root.getAttribute("data-kit-query")) || "");
    if (window.SkillAtlasKit && kit.get("skills")) {
      window.SkillAtlasKit.write(kit);
      window.SkillAtlasKit.refresh();
    }
  }

  function enhancePrint() {
    document.querySelectorAll(".kit-print").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  function announce(text) {
    var live = document.getElementById("kit-live");
    if (live) {
      live.textContent = text;
    }
  }

  var pending = null;

  function submit(form, submitter) {
    var params = new URLSearchParams(new FormData(form));
    if (submitter && submitter.name) {
      params.append(submitter.name, submitter.value);
    }
    var focusId = document.activeElement && document.activeElement.id;
    if (pending) {
      pending.abort();
    }
    pending = new AbortController();
    main.setAttribute("aria-busy", "true");
    fetch(form.action + "?" + params.toString(), { signal: pending.signal, credentials: "same-origin" })
      .then(function (response) {
        return response.text().then(function (html) { return { url: response.url, html: html }; });
      })
      .then(function (result) {
        var doc = new DOMParser().parseFromString(result.html, "text/html");
        var fresh = doc.getElementById("kit-main");
        var card = doc.querySelector(".scorecard");
        if (!fresh) {
          window.location.href = result.url;
          return;
        }
        var current = document.getElementById("kit-main");
        current.replaceWith(document.importNode(fresh, true));
        var oldCard = document.querySelector(".scorecard");
        if (oldCard && card) {
          oldCard.replaceWith(document.importNode(card, true));
        } else if (card) {
          document.getElementById("kit-main").after(document.importNode(card, true));
        } else if (oldCard) {
          oldCard.remove();
        }
        document.title = doc.title;
        window.history.replaceState(null, "", result.url);
        main = document.getElementById("kit-main");
        setUp();
        var target = focusId && document.getElementById(focusId);
        if (target && !target.disabled) {
          target.focus();
        } else {
          var heading = main.querySelector("h1");
          heading.setAttribute("tabindex", "-1");
          heading.focus();
        }
        var summary = main.querySelector(".kit-summary");
        announce("Kit updated. " + (summary ? summary.textContent.replace(/\s+/g, " ").trim() : ""));
      })
      .catch(function (error) {
        if (error.name !== "AbortError") {
          form.submit();
        }
      })
      .finally(function () {
        if (main) {
          main.removeAttribute("aria-busy");
        }
      });
  }

  function setUp() {
    var form = document.getElementById("kit-form");
    remember();
    enhancePrint();
    document.querySelectorAll("#kit-main button[data-copy-target][hidden]").forEach(function (button) {
      if (window.SkillAtlasCopy) {
        window.SkillAtlasCopy.enhance(button);
      }
    });
    if (!form) {
      return;
    }
    var update = form.querySelector(".kit-update-row");
    if (update) {
      update.hidden = true; // every change applies at once
    }
    form.addEventListener("change", function (event) {
      if (event.target.type === "checkbox") {
        submit(form, null);
      }
    });
    var role = form.querySelector("#kit-role");
    if (role) {
      role.addEventListener("change", function () { submit(form, null); });
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      submit(form, event.submitter);
    });
  }

  setUp();
})();
