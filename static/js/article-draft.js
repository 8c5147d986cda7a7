// The story form keeps what is being typed. A copy of the form (the body editor included) goes to
// localStorage, keyed by story and version, a moment after each change; after a crash or a closed tab the
// form offers it back. Leaving a changed form asks first. A copy made on an older version keeps that version
// in the form, so the server's edit-conflict check refuses it instead of overwriting newer work.
// The word count and reading time beside the body live here too: they read the same editor.
(function () {
  "use strict";
  var form = document.getElementById("article_form");
  var banner = document.getElementById("draft-restore");
  if (!form || !banner) return;
  var storage;
  try {
    storage = window.localStorage;
    storage.getItem("newsroom:probe");
  } catch (error) {
    return; // private mode without storage: the form still works, it just keeps no copy
  }
  var prefix = banner.dataset.key + ":v";
  var versionField = form.querySelector("input[name=edit_version]");
  var bodyField = form.querySelector("textarea[name=body]");
  var stats = document.getElementById("body-stats");
  var WORDS_PER_MINUTE = 220;
  var editor = null;
  var baseline = null;
  var submitting = false;
  var timer = null;

  function keyFor(version) { return prefix + (version || "0"); }
  function currentVersion() { return versionField ? versionField.value : "0"; }

  function skipped(element) {
    var name = element.name;
    return !name || element.disabled || element.type === "file" || element.type === "hidden" ||
      element.type === "submit" || element.type === "button" || name === "csrfmiddlewaretoken" ||
      name === "body" || /-(TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS$/.test(name);
  }

  function bodyHTML() {
    if (editor) return editor.getHTML();
    return bodyField ? bodyField.value : "";
  }

  function collect() {
    var fields = {};
    Array.prototype.forEach.call(form.elements, function (element) {
      if (skipped(element)) return;
      if (element.type === "checkbox" || element.type === "radio") {
        if (element.type === "radio" && !element.checked) return;
        fields[element.name] = element.type === "checkbox" ? element.checked : element.value;
      } else if (element.tagName === "SELECT") {
        // Autocomplete boxes only hold their chosen option: keep its text to put it back.
        fields[element.name] = Array.prototype.map.call(element.selectedOptions, function (option) {
          return [option.value, option.textContent];
        });
      } else {
        fields[element.name] = element.value;
      }
    });
    return { fields: fields, body: bodyHTML() };
  }

  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

  function save() {
    timer = null;
    if (submitting || baseline === null) return;
    var content = collect();
    var key = keyFor(currentVersion());
    if (same(content, baseline)) {
      storage.removeItem(key);
      return;
    }
    try {
      storage.setItem(key, JSON.stringify({ version: currentVersion(), savedAt: Date.now(), content: content }));
    } catch (error) { /* storage full: nothing more we can keep */ }
  }

  function later() {
    updateStats();
    if (timer) window.clearTimeout(timer);
    timer = window.setTimeout(save, 400);
  }

  function storedCopies() {
    var copies = [];
    for (var i = 0; i < storage.length; i += 1) {
      var key = storage.key(i);
      if (key && key.indexOf(prefix) === 0) {
        try {
          copies.push({ key: key, copy: JSON.parse(storage.getItem(key)) });
        } catch (error) {
          storage.removeItem(key);
        }
      }
    }
    return copies.sort(function (a, b) { return b.copy.savedAt - a.copy.savedAt; });
  }

  function apply(content) {
    Object.keys(content.fields).forEach(function (name) {
      var value = content.fields[name];
      var elements = form.querySelectorAll('[name="' + CSS.escape(name) + '"]');
      Array.prototype.forEach.call(elements, function (element) {
        if (element.type === "checkbox") {
          element.checked = !!value;
        } else if (element.type === "radio") {
          element.checked = element.value === value;
        } else if (element.tagName === "SELECT") {
          var chosen = value.map(function (pair) { return pair[0]; });
          value.forEach(function (pair) {
            if (!Array.prototype.some.call(element.options, function (o) { return o.value === pair[0]; })) {
              element.appendChild(new Option(pair[1], pair[0], false, false));
            }
          });
          Array.prototype.forEach.call(element.options, function (option) {
            option.selected = chosen.indexOf(option.value) !== -1;
          });
          element.dispatchEvent(new Event("change", { bubbles: true }));
        } else {
          element.value = value;
        }
      });
    });
    if (editor) {
      editor.commands.setContent(content.body);
    }
    if (bodyField) bodyField.value = content.body;
  }

  function formatTime(timestamp) {
    return new Date(timestamp).toLocaleString("vi-VN", {
      timeZone: "Asia/Ho_Chi_Minh", hour: "2-digit", minute: "2-digit", day: "2-digit", month: "2-digit",
      year: "numeric"
    });
  }

  function offer() {
    var copies = storedCopies();
    if (!copies.length) return;
    var newest = copies[0];
    copies.slice(1).forEach(function (older) { storage.removeItem(older.key); });
    if (same(newest.copy.content, baseline)) {
      // The page already shows it. After a refused save (an edit conflict) it is still not stored: keep it.
      if (!form.querySelector(".errornote:not([hidden]), .errorlist")) storage.removeItem(newest.key);
      return;
    }
    var detail = banner.querySelector(".draft-restore-detail");
    var text = banner.dataset.textSaved.replace("__TIME__", formatTime(newest.copy.savedAt));
    if (newest.copy.version !== currentVersion()) {
      text += " " + banner.dataset.textOlder.replace("__OLD__", newest.copy.version)
        .replace("__NEW__", currentVersion());
    }
    detail.textContent = text;
    banner.hidden = false;
    banner.querySelector(".draft-restore-yes").addEventListener("click", function () {
      apply(newest.copy.content);
      // The version the copy was typed on: a save from it meets the server's edit-conflict check.
      if (versionField) versionField.value = newest.copy.version;
      banner.hidden = true;
      form.dispatchEvent(new Event("change")); // the workflow buttons now wait for a save
      later();
    });
    banner.querySelector(".draft-restore-no").addEventListener("click", function () {
      storage.removeItem(newest.key);
      banner.hidden = true;
    });
  }

  function updateStats() {
    if (!stats) return;
    var text = editor ? editor.getText() : (bodyField ? bodyField.value.replace(/<[^>]*>/g, " ") : "");
    var words = text.split(/\s+/).filter(Boolean).length;
    var minutes = words ? Math.max(1, Math.ceil(words / WORDS_PER_MINUTE)) : 0;
    stats.textContent = stats.dataset.template.replace("__WORDS__", words.toLocaleString("vi-VN"))
      .replace("__MINUTES__", minutes);
  }

  function start() {
    if (baseline !== null) return;
    baseline = collect();
    offer();
    updateStats();
  }

  function attach(found) {
    if (editor || !found) return;
    editor = found;
    if (stats && bodyField) {
      var wrapper = bodyField.closest(".prose-editor");
      if (wrapper) wrapper.parentNode.insertBefore(stats, wrapper.nextSibling);
    }
    editor.on("update", later);
    start();
  }

  // The editor announces itself with prose-editor:ready, which may come before this script runs; Tiptap
  // also hangs the editor on its element, so look there until it appears.
  document.addEventListener("prose-editor:ready", function (event) {
    if (event.detail.textarea === bodyField) attach(event.detail.editor);
  });
  var tries = 0;
  (function look() {
    if (editor || !bodyField) return;
    var wrapper = bodyField.closest(".prose-editor");
    var surface = wrapper && wrapper.querySelector(".ProseMirror[contenteditable]");
    if (surface && surface.editor) {
      attach(surface.editor);
    } else if ((tries += 1) < 50) {
      window.setTimeout(look, 100);
    } else {
      start(); // no editor after 5 s: keep a copy of the other fields all the same
    }
  })();
  if (!bodyField) start();

  form.addEventListener("input", later);
  form.addEventListener("change", later);
  form.addEventListener("submit", function () {
    submitting = true;
    if (timer) window.clearTimeout(timer);
    var keys = storedCopies().map(function (entry) { return entry.key; });
    keys.push(keyFor(currentVersion()));
    try {
      window.sessionStorage.setItem("newsroom:story-saving", JSON.stringify(keys));
    } catch (error) { /* the copy stays; the form offers it back once, and discarding it is one click */ }
  });
  window.addEventListener("pagehide", function () { if (timer) save(); });
  window.addEventListener("beforeunload", function (event) {
    if (submitting || baseline === null) return;
    if (timer) save();
    if (same(collect(), baseline)) return;
    event.preventDefault();
    event.returnValue = "";
  });
})();
