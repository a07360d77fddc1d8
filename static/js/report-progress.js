// Assurance report progress: asks the report's status (JSON) every two seconds, moves the
// progress bar and its text, and reloads the page once the report is ready or has failed
// (the page then lists the downloads). Without JavaScript the page asks to be refreshed.
(function () {
  "use strict";
  var box = document.querySelector("[data-report-status-url]");
  if (!box) {
    return;
  }
  var url = box.getAttribute("data-report-status-url");
  var fill = box.querySelector("[data-progress-fill]");
  var text = box.querySelector("[data-progress-text]");
  var hint = document.querySelector("[data-refresh-hint]");
  if (hint) {
    hint.hidden = true;
  }
  var width = null;
  if (fill) {
    fill.classList.forEach(function (name) {
      if (name.indexOf("spr-w-") === 0) {
        width = name;
      }
    });
  }

  function show(data) {
    var progress = Math.max(0, Math.min(100, parseInt(data.progress, 10) || 0));
    if (fill) {
      if (width) {
        fill.classList.remove(width);
      }
      width = "spr-w-" + progress;
      fill.classList.add(width);
    }
    if (text) {
      text.textContent = progress + "%: " + data.stage;
    }
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        if (data) {
          show(data);
          if (data.finished) {
            window.location.reload();
            return;
          }
        }
        window.setTimeout(poll, 2000);
      })
      .catch(function () {
        window.setTimeout(poll, 4000);
      });
  }

  window.setTimeout(poll, 1000);
})();
