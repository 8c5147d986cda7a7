// Article pages are cached without a CSRF token; fetch one just before the comment form is sent.
// Without JavaScript the server asks the reader to confirm once from a page that carries a token.
(function () {
  "use strict";
  document.querySelectorAll("form.comment-form[data-token-url]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      var field = form.querySelector("input[name=csrfmiddlewaretoken]");
      if (!field || field.value) {
        return;
      }
      event.preventDefault();
      var button = form.querySelector("button[type=submit]");
      if (button) {
        button.disabled = true;
      }
      fetch(form.dataset.tokenUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.json(); })
        .then(function (data) { field.value = data.token; })
        .catch(function () { /* the server's confirmation step takes over */ })
        .then(function () { form.submit(); });
    });
  });
})();
