// Space to Think timer (seed 004: six timed stages).
//
// The server holds the timer: the stage, whether the clock runs, and how much time is left.
// This script only counts down between server updates, asks the server every few seconds
// where the session is (so every participant's screen shows the same stage), and lets the
// Facilitator start, pause and move on without reloading the page. Without it, the page
// still shows the stage and the buttons work as ordinary forms.
(function () {
  "use strict";

  var section = document.querySelector("[data-spr-timer]");
  if (!section || !window.fetch || !window.DOMParser) {
    return;
  }
  var announcer = document.querySelector("[data-spr-timer-announce]");
  var url = section.getAttribute("data-url");
  var pollMs = Math.max(1, parseInt(section.getAttribute("data-poll-seconds"), 10) || 5) * 1000;
  var FRAGMENT = { "X-SPR-Fragment": "timer" };

  var panel = null;
  var remainingAtLoad = 0;
  var loadedAt = 0;
  var lastShown = null;
  var busy = false;

  function read() {
    panel = section.querySelector("[data-timer]");
    remainingAtLoad = parseInt(panel.getAttribute("data-remaining"), 10) || 0;
    loadedAt = Date.now();
    lastShown = null;
    // The "reload the page" hint is for browsers without this script.
    Array.prototype.forEach.call(section.querySelectorAll("[data-no-js]"), function (el) {
      el.hidden = true;
    });
  }

  function isRunning() {
    return panel.getAttribute("data-running") === "true" &&
      panel.getAttribute("data-status") === "in_progress";
  }

  function remaining() {
    if (!isRunning()) {
      return remainingAtLoad;
    }
    return remainingAtLoad - Math.floor((Date.now() - loadedAt) / 1000);
  }

  function format(seconds) {
    var s = Math.abs(seconds);
    var rest = s % 60;
    return Math.floor(s / 60) + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function say(text) {
    if (!announcer || !text) {
      return;
    }
    // Clear first, so that the same words said twice are announced twice.
    announcer.textContent = "";
    window.setTimeout(function () {
      announcer.textContent = text;
    }, 100);
  }

  function tick() {
    if (!panel || !isRunning()) {
      return;
    }
    var left = remaining();
    var display = panel.querySelector("[data-timer-display]");
    var label = panel.querySelector("[data-timer-label]");
    if (display) {
      display.textContent = format(left);
    }
    if (label) {
      label.textContent = label.getAttribute(left >= 0 ? "data-label-left" : "data-label-over");
    }
    // Speak only at the moments that matter: a ticking clock read aloud helps nobody.
    if (lastShown !== null && lastShown > 60 && left <= 60 && left > 0) {
      say("One minute left in this stage.");
    }
    if (lastShown !== null && lastShown > 0 && left <= 0) {
      say("Time is up for this stage.");
    }
    lastShown = left;
  }

  function parse(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    return doc.querySelector("[data-timer]");
  }

  // Put the server's panel in place. If the timer moved on, redraw it (keeping the
  // keyboard focus on the matching control) and say what changed; if not, only resync
  // the seconds, so nothing moves under a keyboard or screen reader user.
  function apply(fresh, focusKey) {
    if (!fresh) {
      return;
    }
    var error = fresh.querySelector("[data-timer-error]");
    var changed = error || fresh.getAttribute("data-version") !== panel.getAttribute("data-version");
    if (!changed) {
      remainingAtLoad = parseInt(fresh.getAttribute("data-remaining"), 10) || 0;
      loadedAt = Date.now();
      return;
    }
    var hadFocus = section.contains(document.activeElement);
    if (!focusKey && hadFocus && document.activeElement.form) {
      focusKey = document.activeElement.form.getAttribute("data-focus-key");
    }
    panel.replaceWith(fresh);
    read();
    tick();
    say(error ? error.textContent : fresh.getAttribute("data-announce"));
    if (focusKey || hadFocus) {
      var target = focusKey &&
        section.querySelector('[data-focus-key="' + focusKey + '"] button');
      (target || section.querySelector("#timer-heading")).focus();
    }
  }

  function poll() {
    if (busy || document.hidden) {
      return;
    }
    window.fetch(url, { headers: FRAGMENT, credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        // Signed out, or no longer in the session: leave the page as it is.
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        if (html) {
          apply(parse(html));
        }
      })
      .catch(function () {});
  }

  section.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute("data-timer-form")) {
      return;
    }
    event.preventDefault();
    if (busy) {
      return;
    }
    busy = true;
    var button = form.querySelector("button");
    button.setAttribute("aria-disabled", "true");
    window.fetch(form.getAttribute("action"), {
      method: "POST",
      body: new FormData(form),
      headers: FRAGMENT,
      credentials: "same-origin",
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("timer " + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        busy = false;
        apply(parse(html), form.getAttribute("data-focus-key"));
      })
      .catch(function () {
        // Fall back to an ordinary form post: the server answers with the whole page.
        busy = false;
        form.submit();
      });
  });

  read();
  tick();
  window.setInterval(tick, 500);
  window.setInterval(poll, pollMs);
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) {
      poll();
    }
  });
})();
