// The story list's action bar: the note field only for a take-down, the time fields only for a schedule.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("changelist-form");
  const select = form && form.querySelector('select[name="action"]');
  if (!select) return;
  const note = form.querySelector(".bulk-note");
  const time = form.querySelector('[name="publish_at_0"]');
  const noteLabel = note && note.closest("label");
  const timeLabel = time && time.closest("label");
  const show = () => {
    if (noteLabel) noteLabel.hidden = select.value !== "take_down_selected";
    if (timeLabel) timeLabel.hidden = select.value !== "schedule_selected";
  };
  select.addEventListener("change", show);
  show();
});
