// The reader's text size (A−/A+ beside the story), kept in this browser. Loaded in <head> without defer:
// the saved size is set on <html> before the page is drawn, so the story never jumps after it appears.
(function () {
  "use strict";
  var KEY = "newsroom:text-size";
  var SMALLEST = -1;
  var LARGEST = 3;
  var root = document.documentElement;

  function saved() {
    try {
      var level = parseInt(window.localStorage.getItem(KEY), 10);
      return isNaN(level) ? 0 : Math.min(LARGEST, Math.max(SMALLEST, level));
    } catch (error) {
      return 0; // storage refused (private browsing, cookies blocked): the normal size
    }
  }

  function remember(level) {
    try {
      if (level === 0) {
        window.localStorage.removeItem(KEY);
      } else {
        window.localStorage.setItem(KEY, String(level));
      }
    } catch (error) {
      // The size still applies to this page; it just is not remembered.
    }
  }

  function apply(level) {
    if (level === 0) {
      root.removeAttribute("data-text-size");
    } else {
      root.setAttribute("data-text-size", String(level));
    }
  }

  function current() {
    return parseInt(root.getAttribute("data-text-size") || "0", 10);
  }

  function showControls() {
    document.querySelectorAll(".text-size").forEach(function (group) {
      var buttons = group.querySelectorAll("button[data-step]");
      function refresh() {
        var level = current();
        buttons.forEach(function (button) {
          var step = parseInt(button.getAttribute("data-step"), 10);
          var atBound = step < 0 ? level <= SMALLEST : level >= LARGEST;
          button.setAttribute("aria-disabled", atBound ? "true" : "false");
        });
      }
      buttons.forEach(function (button) {
        button.addEventListener("click", function () {
          var step = parseInt(button.getAttribute("data-step"), 10);
          var level = Math.min(LARGEST, Math.max(SMALLEST, current() + step));
          apply(level);
          remember(level);
          refresh();
        });
      });
      refresh();
      group.hidden = false;
    });
  }

  apply(saved());
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", showControls);
  } else {
    showControls();
  }
})();
