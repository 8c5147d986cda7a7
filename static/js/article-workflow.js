// The workflow buttons of a story's admin page post their own form, not the article form: a step taken
// while the article has unsaved edits would leave those edits behind, so it waits until they are saved.
// Publishing or scheduling a story that lacks something (the server lists it in #publish-warnings) shows
// the list first; "Vẫn xuất bản" sends the same step with the override. The server checks again either way.
(function () {
  "use strict";
  const articleForm = document.getElementById("article_form");
  const workflowForm = document.getElementById("workflow-form");
  const warning = document.querySelector(".workflow-unsaved");
  const publishWarnings = document.getElementById("publish-warnings");
  const overrideForm = document.getElementById("workflow-override-form");
  if (!articleForm || !workflowForm) return;
  const PUBLISHING = ["publish", "schedule"];
  let changed = false;
  const markChanged = (event) => {
    if (event.target.form === workflowForm || event.target.getAttribute("form") === "workflow-form") return;
    changed = true;
  };
  articleForm.addEventListener("input", markChanged);
  articleForm.addEventListener("change", markChanged);
  workflowForm.addEventListener("submit", (event) => {
    if (changed) {
      event.preventDefault();
      if (warning) {
        warning.hidden = false;
        warning.scrollIntoView({ block: "center" });
      }
      return;
    }
    const action = event.submitter ? event.submitter.value : "";
    if (publishWarnings && overrideForm && PUBLISHING.includes(action)) {
      event.preventDefault();
      overrideForm.elements.action.value = action;
      publishWarnings.hidden = false;
      publishWarnings.scrollIntoView({ block: "center" });
      publishWarnings.querySelector("button").focus();
    }
  });
  if (overrideForm) {
    // The note and the schedule time are typed in the panel: carry what is there now.
    overrideForm.addEventListener("submit", (event) => {
      if (changed) {
        event.preventDefault();
        if (warning) warning.hidden = false;
        return;
      }
      for (const name of ["note", "publish_at_0", "publish_at_1"]) {
        const typed = document.querySelector(`[form="workflow-form"][name="${name}"]`);
        if (typed) overrideForm.elements[name].value = typed.value;
      }
    });
  }
})();
