// Autocomplete for every <input data-autocomplete-url="...">: the ARIA 1.2 combobox pattern.
// Progressive enhancement: without JavaScript the input is a plain search box whose form submits
// to the search page. With it, suggestions from the endpoint ({"results": [{name, url, alias}],
// "job_titles": [{name, url, other_name}], "categories": [{name, url}]}) appear in a listbox in
// labelled groups (Skills, Job titles, Categories): Up/Down move through every option, Enter
// opens the highlighted one, Escape closes, a click opens. A skill found by an alias shows the
// alias and the skill it belongs to. Suggestions are built with textContent, never innerHTML.
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

    function makeOption(index, main, detail, url) {
      var option = document.createElement("li");
      var name = document.createElement("span");
      option.id = listId + "-" + index;
      option.className = "autocomplete-option";
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.dataset.url = url;
      name.className = "autocomplete-name";
      name.textContent = main;
      option.appendChild(name);
      if (detail) {
        var more = document.createElement("span");
        more.className = "autocomplete-alias";
        more.textContent = detail;
        option.appendChild(more);
      }
      // mousedown, not click: it fires before the input loses focus and closes the list.
      option.addEventListener("mousedown", function (event) {
        event.preventDefault();
        open(url);
      });
      option.addEventListener("mousemove", function () {
        if (active !== index) {
          highlight(index);
        }
      });
      return option;
    }

    function groupsOf(data) {
      return [
        {
          label: "Skills",
          items: (data.results || []).map(function (skill) {
            return skill.alias
              ? [skill.alias, "another name for " + skill.name, skill.url]
              : [skill.name, "", skill.url];
          })
        },
        {
          label: "Job titles",
          items: (data.job_titles || []).map(function (title) {
            return title.other_name
              ? [title.other_name, "job title: " + title.name, title.url]
              : [title.name, "job title", title.url];
          })
        },
        {
          label: "Categories",
          items: (data.categories || []).map(function (category) {
            return [category.name, "category", category.url];
          })
        }
      ].filter(function (group) {
        return group.items.length > 0;
      });
    }

    function render(data) {
      list.textContent = "";
      options = [];
      groupsOf(data).forEach(function (group, g) {
        var wrapper = document.createElement("li");
        var heading = document.createElement("span");
        var inner = document.createElement("ul");
        wrapper.setAttribute("role", "group");
        wrapper.className = "autocomplete-group";
        heading.id = listId + "-group-" + g;
        heading.className = "autocomplete-group-label";
        heading.setAttribute("role", "presentation");
        heading.textContent = group.label;
        wrapper.setAttribute("aria-labelledby", heading.id);
        inner.setAttribute("role", "none");
        group.items.forEach(function (item) {
          var option = makeOption(options.length, item[0], item[1], item[2]);
          options.push(option);
          inner.appendChild(option);
        });
        wrapper.appendChild(heading);
        wrapper.appendChild(inner);
        list.appendChild(wrapper);
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
        render({});
        return;
      }
      request = new AbortController();
      var url = new URL(input.getAttribute("data-autocomplete-url"), window.location.href);
      url.searchParams.set("q", text);
      fetch(url, { signal: request.signal, headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.ok ? response.json() : {};
        })
        .then(function (data) {
          if (input.value.trim() === text) {
            render(data || {});
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
