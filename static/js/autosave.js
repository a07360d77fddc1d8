// Saves a draft form as the user types (after a short pause) and every 30 seconds.
// The form names its endpoint in data-autosave-url and carries the draft's version in
// [data-autosave-version]; a 409 answer means someone else saved first: autosave stops and
// the page says so, and the next "Save draft" shows both versions (nothing is overwritten).
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave-url]");
  if (!form || !window.fetch || !window.FormData) {
    return;
  }
  var url = form.getAttribute("data-autosave-url");
  var versionInput = form.querySelector("[data-autosave-version]");
  var statusBox = document.querySelector("[data-autosave-status]");
  var conflictBanner = document.querySelector("[data-autosave-conflict]");
  var conflictText = document.querySelector("[data-autosave-conflict-text]");
  var PAUSE_MS = 1500;
  var INTERVAL_MS = 30000;
  var dirty = false;
  var saving = false;
  var stopped = false;
  var timer = null;
  var pendingSubmitter = null;

  function say(text) {
    if (statusBox) {
      statusBox.textContent = text;
    }
  }

  function stop(message, showBanner) {
    stopped = true;
    say(message);
    if (showBanner && conflictBanner) {
      if (conflictText) {
        conflictText.textContent = message;
      }
      conflictBanner.hidden = false;
    }
  }

  function finish() {
    saving = false;
    if (pendingSubmitter !== null) {
      var submitter = pendingSubmitter;
      pendingSubmitter = null;
      if (form.requestSubmit) {
        form.requestSubmit(submitter || undefined);
      } else {
        form.submit();
      }
    } else if (dirty && !stopped) {
      schedule();
    }
  }

  function save() {
    timer = null;
    if (saving || stopped || !dirty) {
      return;
    }
    saving = true;
    dirty = false;
    say("Saving…");
    fetch(url, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch", Accept: "application/json" },
    })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (response.redirected || type.indexOf("application/json") === -1) {
          stop("You have been signed out, so this draft is no longer saving. Copy anything typed since the last save, then sign in again.", true);
          return null;
        }
        return response.json().then(function (data) {
          if (response.status === 409) {
            if (data.locked) {
              stop("This record has been signed and can no longer be edited.", true);
            } else {
              stop("Someone else (" + (data.saved_by || "another person") + ") saved this draft while you were typing. Your latest changes have not been saved: select “Save draft” to compare the two versions.", true);
            }
            return null;
          }
          if (!response.ok) {
            dirty = true;
            say("Could not save just now. Trying again shortly.");
            return null;
          }
          versionInput.value = data.version;
          var problems = data.errors && data.errors.length ? " " + data.errors.length + " answer(s) need correcting before they can be saved." : "";
          say("Draft saved at " + data.saved_at + "." + problems);
          return null;
        });
      })
      .catch(function () {
        dirty = true;
        say("Could not save just now (no connection?). Trying again shortly.");
      })
      .then(finish);
  }

  function schedule() {
    if (timer !== null) {
      window.clearTimeout(timer);
    }
    timer = window.setTimeout(save, PAUSE_MS);
  }

  function changed() {
    if (stopped) {
      return;
    }
    dirty = true;
    schedule();
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  window.setInterval(function () {
    if (dirty && !saving && !stopped) {
      save();
    }
  }, INTERVAL_MS);

  // A normal submit waits for a save in flight, so it carries the newest version.
  form.addEventListener("submit", function (event) {
    if (timer !== null) {
      window.clearTimeout(timer);
      timer = null;
    }
    if (saving) {
      event.preventDefault();
      pendingSubmitter = event.submitter || false;
      return;
    }
    dirty = false;
    stopped = true;
  });

  window.addEventListener("beforeunload", function (event) {
    if (dirty && !stopped) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
