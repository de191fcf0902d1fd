// "Add to interview kit" in place. Without JavaScript each link is a plain link to
// /kit/change/?add=<slug>, which adds the skill to the visitor's current kit (a cookie holding
// the kit's query string) and opens the kit. With it, the click adds the skill to the same
// cookie here, the link says so, and the "Interview kit" link in the header shows the kit's size.
(function () {
  "use strict";
  var COOKIE = "interview_kit";
  var MAX_SKILLS = 12;

  function readKit() {
    var match = document.cookie.match(/(?:^|;\s*)interview_kit=([^;]*)/);
    try {
      return new URLSearchParams(match ? decodeURIComponent(match[1]) : "");
    } catch (error) {
      return new URLSearchParams("");
    }
  }

  function slugsOf(kit) {
    return (kit.get("skills") || "").split(",").filter(Boolean);
  }

  function writeKit(kit) {
    var secure = window.location.protocol === "https:" ? "; secure" : "";
    document.cookie = COOKIE + "=" + encodeURIComponent(kit.toString()) +
      "; path=/; max-age=" + 30 * 86400 + "; samesite=lax" + secure;
  }

  function announce(text) {
    var live = document.getElementById("kit-live");
    if (live) {
      live.textContent = "";
      window.setTimeout(function () { live.textContent = text; }, 50);
    }
  }

  function kitUrl(kit) {
    var query = kit.toString();
    return "/kit/" + (query ? "?" + query : "");
  }

  function showSize() {
    var kit = readKit();
    var count = slugsOf(kit).length;
    document.querySelectorAll(".kit-nav").forEach(function (link) {
      var badge = link.querySelector(".kit-count");
      if (badge) {
        badge.textContent = count ? " (" + count + ")" : "";
      }
      if (count) {
        link.href = kitUrl(kit);
      }
    });
    document.querySelectorAll("a[data-kit-add]").forEach(function (link) {
      var inKit = slugsOf(kit).indexOf(link.getAttribute("data-kit-add")) !== -1;
      var text = inKit ? "In your interview kit" : "Add to interview kit";
      link.classList.toggle("kit-add--added", inKit);
      link.textContent = text;
      link.setAttribute("aria-label", text + ": " + link.getAttribute("data-kit-name"));
      if (inKit) {
        link.href = kitUrl(kit);
      }
    });
    document.dispatchEvent(new CustomEvent("kit:size", { detail: { count: count } }));
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-kit-add]");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) {
      return;
    }
    var kit = readKit();
    var slugs = slugsOf(kit);
    var slug = link.getAttribute("data-kit-add");
    if (slugs.indexOf(slug) !== -1) {
      return; // already there: the link opens the kit
    }
    event.preventDefault();
    var name = link.getAttribute("data-kit-name");
    if (slugs.length >= MAX_SKILLS) {
      announce("Your interview kit already has " + MAX_SKILLS + " skills, the most one interview can cover. Remove one from the kit to add " + name + ".");
      link.setAttribute("data-kit-full", "true");
      return;
    }
    slugs.push(slug);
    kit.set("skills", slugs.join(","));
    writeKit(kit);
    showSize();
    announce("Added " + name + " to your interview kit: " + slugs.length + " skill" + (slugs.length === 1 ? "" : "s") + ".");
  });

  window.SkillAtlasKit = { read: readKit, write: writeKit, refresh: showSize };
  showSize();
})();
