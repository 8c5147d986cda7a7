// The "Chia sẻ" block of an article page (templates/articles/_share.html). Where the browser has a share
// sheet, one button opens it; elsewhere the plain Facebook and Zalo links stay, with a button that copies
// the story's address. Without JavaScript the links work as they are.
(function () {
  "use strict";

  function show(element, shown) {
    if (element) {
      element.hidden = !shown;
    }
  }

  function announce(status, state, message) {
    // Emptied first, so that the same message said again is announced again.
    status.textContent = "";
    status.dataset.state = state;
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  function setUp(block) {
    var data = { title: block.dataset.title, url: block.dataset.url };
    var links = block.querySelector(".share-links");
    var native = block.querySelector(".share-native");
    var copyItem = block.querySelector(".share-copy-item");
    var manual = block.querySelector(".share-manual");
    var field = manual && manual.querySelector("input");
    var status = block.querySelector(".share-status");

    function selectByHand() {
      show(manual, true);
      field.focus();
      field.select();
      announce(status, "refused", block.dataset.copyRefused);
    }

    show(copyItem, true);
    copyItem.querySelector("button").addEventListener("click", function () {
      if (!navigator.clipboard || typeof navigator.clipboard.writeText !== "function") {
        selectByHand();
        return;
      }
      navigator.clipboard.writeText(data.url).then(function () {
        show(manual, false);
        announce(status, "copied", block.dataset.copied);
      }, selectByHand);
    });

    var canShare = typeof navigator.share === "function" &&
      (typeof navigator.canShare !== "function" || navigator.canShare(data));
    if (!canShare) {
      return;
    }
    show(native, true);
    show(links, false);
    block.querySelector(".share-heading").classList.add("visually-hidden");
    native.addEventListener("click", function () {
      Promise.resolve()
        .then(function () { return navigator.share(data); })
        .catch(function (error) {
          if (error && error.name === "AbortError") {
            return; // the reader closed the sheet
          }
          show(links, true); // refused or failed: the links are the way left
        });
    });
  }

  document.querySelectorAll(".share[data-url]").forEach(setUp);
})();
