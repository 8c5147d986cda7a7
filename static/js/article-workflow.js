// The workflow buttons of a story's admin page post their own form, not the article form: a step taken
// while the article has unsaved edits would leave those edits behind, so it waits until they are saved.
(function () {
  "use strict";
  const articleForm = document.getElementById("article_form");
  const workflowForm = document.getElementById("workflow-form");
  const warning = document.querySelector(".workflow-unsaved");
  if (!articleForm || !workflowForm) return;
  let changed = false;
  const markChanged = (event) => {
    if (event.target.form === workflowForm || event.target.getAttribute("form") === "workflow-form") return;
    changed = true;
  };
  articleForm.addEventListener("input", markChanged);
  articleForm.addEventListener("change", markChanged);
  workflowForm.addEventListener("submit", (event) => {
    if (!changed) return;
    event.preventDefault();
    if (warning) {
      warning.hidden = false;
      warning.scrollIntoView({ block: "center" });
    }
  });
})();
