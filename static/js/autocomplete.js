// Autocomplete for every <input data-autocomplete-url="...">: the ARIA 1.2 combobox pattern.
// Progressive enhancement: without JavaScript the input is a plain search box whose form submits
// to the search page. With it, suggestions from the endpoint ({"results": [{name, url, alias}]})
// appear in a listbox: Up/Down move, Enter opens the highlighted skill, Escape closes, a click
// opens. Suggestions are built with textContent, never innerHTML.
(function () {
  "use strict";

  var DELAY_MS = 120;
  var counter = 0;

  function enhance(input) {
    counter += 1;
    var listId = "autocomplete-list-" + counter;
    var list = document.createElement("ul");
    var status = document.createElement("div");
    var options = [];
    var active = -1;
    var timer = null;
    var request = null;

    list.id = listId;
    list.className = "autocomplete-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Suggested skills");
    list.hidden = true;
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("autocomplete", "off");
    input.parentNode.classList.add("autocomplete");
    input.parentNode.appendChild(list);
    input.parentNode.appendChild(status);

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      options.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function open(url) {
      window.location.assign(url);
    }

    function render(results) {
      list.textContent = "";
      options = results.map(function (result, i) {
        var option = document.createElement("li");
        var name = document.createElement("span");
        option.id = listId + "-" + i;
        option.className = "autocomplete-option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.url = result.url;
        name.className = "autocomplete-name";
        name.textContent = result.name;
        option.appendChild(name);
        if (result.alias) {
          var alias = document.createElement("span");
          alias.className = "autocomplete-alias";
          alias.textContent = "also: " + result.alias;
          option.appendChild(alias);
        }
        // mousedown, not click: it fires before the input loses focus and closes the list.
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          open(result.url);
        });
        option.addEventListener("mousemove", function () {
          if (active !== i) {
            highlight(i);
          }
        });
        list.appendChild(option);
        return option;
      });
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (options.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        status.textContent =
          options.length + (options.length === 1 ? " suggestion" : " suggestions") +
          ", use the up and down arrow keys to choose.";
      } else {
        close();
        status.textContent = "";
      }
    }

    function fetchSuggestions() {
      var text = input.value.trim();
      if (request) {
        request.abort();
      }
      if (!text) {
        render([]);
        return;
      }
      request = new AbortController();
      var url = new URL(input.getAttribute("data-autocomplete-url"), window.location.href);
      url.searchParams.set("q", text);
      fetch(url, { signal: request.signal, headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.ok ? response.json() : { results: [] };
        })
        .then(function (data) {
          if (input.value.trim() === text) {
            render(data.results || []);
          }
        })
        .catch(function () {
          /* aborted or offline: the plain search still works */
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, DELAY_MS);
    });

    input.addEventListener("keydown", function (event) {
      var expanded = !list.hidden && options.length > 0;
      if (event.key === "ArrowDown" || event.key === "Down") {
        event.preventDefault();
        if (!expanded && options.length) {
          list.hidden = false;
          input.setAttribute("aria-expanded", "true");
          highlight(0);
        } else if (expanded) {
          highlight((active + 1) % options.length);
        }
      } else if (event.key === "ArrowUp" || event.key === "Up") {
        if (expanded) {
          event.preventDefault();
          highlight(active <= 0 ? options.length - 1 : active - 1);
        }
      } else if (event.key === "Enter") {
        if (expanded && active >= 0) {
          event.preventDefault();
          open(options[active].dataset.url);
        }
      } else if (event.key === "Escape" || event.key === "Esc") {
        if (expanded) {
          event.preventDefault();
          close();
        }
      }
    });

    input.addEventListener("blur", close);
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("input[data-autocomplete-url]"), enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
