// Every admin page. On a phone the change list's filters start folded (each is a <details>), so the list
// comes first. And the local copy of a story being typed (article-draft.js) is dropped once its save has
// gone through: the page after a save may be the story, a new form or the list, so the check lives here.
(function () {
  "use strict";
  if (window.matchMedia("(max-width: 767px)").matches) {
    document.querySelectorAll("#changelist-filter details[open]").forEach(function (details) {
      details.open = false;
    });
  }
  var SAVING = "newsroom:story-saving";
  var saving;
  try {
    saving = window.sessionStorage.getItem(SAVING);
  } catch (error) {
    return;
  }
  if (!saving) return;
  window.sessionStorage.removeItem(SAVING);
  // A refused save comes back as the same form with its errors: the copy stays until it is really saved.
  var refused = document.querySelector("#article_form .errornote:not([hidden]), #article_form .errorlist");
  if (!refused) {
    try {
      JSON.parse(saving).forEach(function (key) { window.localStorage.removeItem(key); });
    } catch (error) { /* nothing to clear */ }
  }
})();
