// "Đọc nhiều": tells the server that a reader opened this story. One small POST, no cookie, nothing kept in
// the browser; the server counts one view per reader address and story an hour (articles/site/readership.py).
(function () {
  "use strict";
  var script = document.currentScript;
  var url = script && script.dataset.viewUrl;
  if (!url) {
    return;
  }
  function send() {
    fetch(url, { method: "POST", keepalive: true, credentials: "omit", mode: "same-origin", cache: "no-store" })
      .catch(function () { /* a view not counted is no reader's problem */ });
  }
  // A page the browser prerendered ahead of a click is counted when, and only if, the reader opens it.
  if (document.prerendering) {
    document.addEventListener("prerenderingchange", send, { once: true });
  } else {
    send();
  }
})();
