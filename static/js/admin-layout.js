// Every admin page: on a phone the change list's filters start folded (each is a <details>), so the list
// itself comes first; a person opens the one filter they need. Desktop keeps them open beside the list.
(function () {
  "use strict";
  if (!window.matchMedia("(max-width: 767px)").matches) return;
  document.querySelectorAll("#changelist-filter details[open]").forEach(function (details) {
    details.open = false;
  });
})();
