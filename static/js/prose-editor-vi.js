// The body editor's toolbar in Vietnamese. django-prose-editor 0.28 passes its dialogs' texts through
// window.gettext (the admin's jsi18n catalogue, which serves locale/vi/LC_MESSAGES/djangojs.po) but
// writes its toolbar's titles, aria-labels and menu options ("bold", "Heading 2") in code. Each editor
// announces itself with "prose-editor:ready"; we pass those labels through the same catalogue, and again
// whenever the menu redraws them (the block-type picker shows the current block). The story's own text
// (the contenteditable .ProseMirror; the menu borrows that class for its options) is never touched.
(function () {
  "use strict";

  const translate = window.gettext;
  if (typeof translate !== "function") {
    return;
  }
  const LABELS = ["title", "aria-label"];

  function inStory(node) {
    const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    return !element || element.closest("[contenteditable], textarea") !== null;
  }

  function translateText(node) {
    const text = node.textContent.trim();
    if (!text || inStory(node) || node.parentElement.closest(".material-icons")) {
      return;
    }
    const translated = translate(text);
    if (translated !== text) {
      node.textContent = translated;
    }
  }

  function translateLabels(element) {
    if (inStory(element)) {
      return;
    }
    for (const name of LABELS) {
      const value = element.getAttribute(name);
      if (value) {
        const translated = translate(value);
        if (translated !== value) {
          element.setAttribute(name, translated);
        }
      }
    }
  }

  function translateTree(root) {
    if (root.nodeType === Node.TEXT_NODE) {
      translateText(root);
      return;
    }
    if (root.nodeType !== Node.ELEMENT_NODE || inStory(root)) {
      return;
    }
    translateLabels(root);
    for (const element of root.querySelectorAll("[title], [aria-label]")) {
      translateLabels(element);
    }
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      translateText(node);
    }
  }

  function watch(container) {
    translateTree(container);
    new MutationObserver(function (changes) {
      for (const change of changes) {
        if (change.type === "attributes") {
          translateLabels(change.target);
        } else if (change.type === "characterData") {
          translateText(change.target);
        } else {
          change.addedNodes.forEach(translateTree);
        }
      }
    }).observe(container, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: LABELS,
    });
  }

  document.addEventListener("prose-editor:ready", function (event) {
    const container = event.target.closest(".prose-editor");
    if (container) {
      watch(container);
    }
  });
})();
