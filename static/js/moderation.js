// Keyboard shortcuts for the moderation queue: j/k move, a approve, r reject, s spam, x select.
(function () {
  "use strict";
  var items = Array.prototype.slice.call(document.querySelectorAll(".queue-item"));
  if (!items.length) {
    return;
  }
  var current = 0;
  function focus(index) {
    current = Math.max(0, Math.min(items.length - 1, index));
    items.forEach(function (item, i) { item.classList.toggle("is-current", i === current); });
    items[current].focus();
    items[current].scrollIntoView({ block: "nearest" });
  }
  items.forEach(function (item, i) {
    item.addEventListener("focus", function () { current = i; items.forEach(function (other, j) { other.classList.toggle("is-current", j === i); }); });
  });
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    if (target.matches("input[type=text], input[type=date], textarea, select")) {
      return;
    }
    var key = event.key.toLowerCase();
    if (key === "j") {
      focus(current + 1);
    } else if (key === "k") {
      focus(current - 1);
    } else if (key === "x") {
      var box = items[current].querySelector("input[type=checkbox]");
      if (box) { box.checked = !box.checked; }
    } else {
      var button = items[current].querySelector("button[data-key='" + key + "']");
      if (!button) {
        return;
      }
      button.click();
    }
    event.preventDefault();
  });
  focus(0);
})();
