// The live block of a story covered live (templates/articles/_article_live.html). Every few seconds it
// asks the story's endpoint (articles/site/live.py) whether anything changed since the stamp its page was
// made with; when something did, it puts new entries in at the top, replaces edited ones, drops removed
// ones and says how many are new. It stops once the coverage ends, and waits while the tab is hidden.
// Without JavaScript a reload shows the same entries.
(function () {
  "use strict";

  var block = document.querySelector(".live[data-live-url]");
  if (!block || !window.fetch || !window.JSON) {
    return;
  }
  var list = block.querySelector(".live-entries");
  var status = block.querySelector(".live-status");
  var news = block.querySelector(".live-news");
  var empty = block.querySelector(".live-empty");
  var reload = block.querySelector(".live-reload");
  if (reload) {
    reload.hidden = true; // what a reader without JavaScript is told: here the entries come by themselves
  }
  var every = Math.max(1, parseInt(block.dataset.poll, 10) || 15) * 1000;
  var timer = null;
  var asking = false;
  var stopped = false;

  function fragment(html) {
    var template = document.createElement("template");
    template.innerHTML = html.trim();
    return template.content.firstElementChild;
  }

  function announce(count) {
    if (!count) {
      return;
    }
    var text = count === 1 ? block.dataset.oneNew : block.dataset.manyNew.replace("__N__", String(count));
    news.textContent = "";
    window.setTimeout(function () { news.textContent = text; }, 50);
  }

  function apply(data) {
    if (!data || !data.stamp) {
      return;
    }
    if (data.changed) {
      var shown = {};
      Array.prototype.forEach.call(list.querySelectorAll(":scope > .live-entry"), function (item) {
        shown[item.dataset.entry] = item;
      });
      var added = 0;
      var previous = null;
      data.entries.forEach(function (entry) {
        var id = String(entry.id);
        var item = shown[id];
        if (!item || item.dataset.stamp !== entry.stamp) {
          var fresh = fragment(entry.html);
          if (item) {
            item.replaceWith(fresh);
          } else {
            added += 1;
            fresh.classList.add("live-new");
          }
          item = fresh;
        }
        delete shown[id];
        // In the answer's order, newest first: after the previous entry, or first of all.
        if (previous ? previous.nextElementSibling !== item : list.firstElementChild !== item) {
          list.insertBefore(item, previous ? previous.nextElementSibling : list.firstElementChild);
        }
        previous = item;
      });
      Object.keys(shown).forEach(function (id) { shown[id].remove(); });
      status.innerHTML = data.status;
      empty.hidden = data.entries.length > 0 || !data.live;
      announce(added);
    }
    block.dataset.stamp = data.stamp;
    if (data.poll) {
      every = Math.max(1, data.poll) * 1000;
    }
    if (!data.live) {
      stopped = true;
      if (reload) {
        reload.remove();
      }
    }
  }

  function ask() {
    timer = null;
    if (stopped || asking) {
      return;
    }
    if (document.hidden) {
      return; // visibilitychange asks again when the reader comes back
    }
    asking = true;
    var url = block.dataset.liveUrl + "?sau=" + encodeURIComponent(block.dataset.stamp || "");
    window.fetch(url, { credentials: "omit", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (response.status === 404) {
          stopped = true; // the story went down, or its coverage was removed
          return null;
        }
        return response.ok ? response.json() : null;
      })
      .then(apply)
      .catch(function () { /* offline for a moment: the next round asks again */ })
      .then(function () {
        asking = false;
        schedule();
      });
  }

  function schedule() {
    if (!stopped && timer === null && !document.hidden) {
      timer = window.setTimeout(ask, every);
    }
  }

  document.addEventListener("visibilitychange", function () {
    if (!document.hidden && timer === null && !asking) {
      ask();
    }
  });
  schedule();
}());
