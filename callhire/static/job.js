// Follow a background job: poll its progress and reload the page once it is over.
// Without JavaScript the page offers a refresh link instead.
(function () {
  "use strict";
  var box = document.getElementById("job-progress");
  if (!box || box.dataset.state === "done" || box.dataset.state === "failed") return;
  var bar = document.getElementById("job-bar");
  var text = document.getElementById("job-state");
  var hint = box.querySelector(".no-js-hint");
  if (hint) hint.hidden = true;
  var url = box.dataset.progressUrl;
  var failures = 0;

  function show(status) {
    bar.max = Math.max(status.total, 1);
    bar.value = status.done;
    bar.textContent = status.percent + "%";
    var strong = document.createElement("strong");
    strong.textContent = status.state_display;
    text.replaceChildren(strong, document.createTextNode(" · " + status.done + " / " + status.total));
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (status) {
        failures = 0;
        show(status);
        if (status.finished) {
          window.location.reload();
        } else {
          window.setTimeout(poll, 1000);
        }
      })
      .catch(function () {
        // A dropped connection: keep trying, more slowly, and offer the link again.
        failures += 1;
        if (hint) hint.hidden = false;
        window.setTimeout(poll, Math.min(10000, 1000 * Math.pow(2, failures)));
      });
  }
  window.setTimeout(poll, 500);
})();
