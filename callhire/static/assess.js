// The timed part of an assessment: autosave, the server's clock, keystrokes and tab leaves.
(function () {
  "use strict";
  var form = document.getElementById("assessment");
  if (!form) return;
  var saveUrl = form.dataset.saveUrl;
  var doneUrl = form.dataset.doneUrl;
  var section = form.dataset.section;
  var remaining = parseFloat(form.dataset.remaining);
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var timeLeft = document.getElementById("time-left");
  var saveState = document.getElementById("save-state");
  var started = performance.now();
  var keystrokes = [];
  var sentKeys = 0;
  // The server keeps the highest count it was sent, so carry on from its counts after a reload.
  var tabLeaves = parseInt(form.dataset.tabLeaves, 10) || 0;
  var pasteAttempts = parseInt(form.dataset.pasteAttempts, 10) || 0;
  // The server stores each item's total as sent: start from the time already spent before a reload.
  var itemSeconds = readJSON("saved-seconds");
  var currentItem = null;
  var currentSince = 0;
  var finishing = false;
  var inFlight = null; // the save under way: saves go one at a time, so no keystroke is sent twice
  var HEARTBEAT_MS = 5000;
  var RETRY_MS = 2000;

  function readJSON(id) {
    var element = document.getElementById(id);
    var value = element ? JSON.parse(element.textContent || "{}") : {};
    return value && typeof value === "object" ? value : {};
  }

  restore(readJSON("saved-answers"));

  function restore(answers) {
    if (section === "typing") {
      if (answers.text) form.elements["a__text"].value = answers.text;
      return;
    }
    Object.keys(answers).forEach(function (id) {
      var value = answers[id];
      if (value && typeof value === "object") {
        check("best__" + id, value.best);
        check("worst__" + id, value.worst);
      } else {
        var field = form.elements["a__" + id];
        if (!field) return;
        if (field.length !== undefined && field.tagName === undefined) check("a__" + id, value);
        else field.value = value;
      }
    });
  }

  function check(name, value) {
    var inputs = form.querySelectorAll("input[name='" + name + "']");
    inputs.forEach(function (input) { input.checked = String(input.value) === String(value); });
  }

  function collect() {
    if (section === "typing") return { text: form.elements["a__text"].value };
    var answers = {};
    form.querySelectorAll("[data-item]").forEach(function (box) {
      var id = box.dataset.item;
      if (section === "judgement") {
        var best = form.querySelector("input[name='best__" + id + "']:checked");
        var worst = form.querySelector("input[name='worst__" + id + "']:checked");
        if (best || worst) answers[id] = { best: best ? best.value : "", worst: worst ? worst.value : "" };
        return;
      }
      var checked = form.querySelector("input[name='a__" + id + "']:checked");
      var field = box.querySelector("input[type=text], textarea");
      if (checked) answers[id] = checked.value;
      else if (field && field.value.trim() !== "") answers[id] = field.value;
    });
    return answers;
  }

  // Time spent on each item: from the moment it gets focus until another one does.
  function enterItem(id) {
    var now = performance.now();
    if (currentItem) itemSeconds[currentItem] = (itemSeconds[currentItem] || 0) + (now - currentSince) / 1000;
    currentItem = id;
    currentSince = now;
  }
  form.addEventListener("focusin", function (event) {
    var box = event.target.closest("[data-item]");
    if (box && box.dataset.item !== currentItem) enterItem(box.dataset.item);
  });

  if (section === "typing") {
    var area = form.elements["a__text"];
    var passage = document.getElementById("passage").textContent;
    ["paste", "drop", "cut"].forEach(function (kind) {
      area.addEventListener(kind, function (event) {
        event.preventDefault();
        pasteAttempts += 1;
      });
    });
    area.addEventListener("keydown", function (event) {
      // A shortcut (Ctrl+V, Ctrl+A...) types nothing: log it so that replaying the log skips it.
      var key = (event.ctrlKey || event.metaKey) && !event.altKey ? "Ctrl+" + event.key : event.key;
      keystrokes.push([Math.round(performance.now() - started), key]);
    });
    area.addEventListener("input", function () {
      if (area.value.length >= passage.length) finish();
    });
    area.focus();
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") tabLeaves += 1;
  });

  function payload(done) {
    if (currentItem) enterItem(currentItem);
    var body = {
      answers: collect(),
      item_seconds: itemSeconds,
      tab_leaves: tabLeaves,
      paste_attempts: pasteAttempts,
      keystrokes: keystrokes.slice(sentKeys),
      finish: !!done
    };
    return body;
  }

  // Resolves to the server's answer, {failed: status} when it refused the save, or null when offline.
  function send(done) {
    var body = payload(done);
    var sending = keystrokes.length;
    return fetch(saveUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify(body),
      credentials: "same-origin"
    }).then(function (response) {
      if (!response.ok) {
        saveState.textContent = "…";
        return { failed: response.status };
      }
      return response.json().then(function (data) {
        sentKeys = sending;
        remaining = data.remaining;
        saveState.textContent = form.dataset.savedText || "";
        if (data.finished) window.location.href = doneUrl;
        return data;
      });
    }).catch(function () {
      // Offline for now: the next save sends everything again, and the server keeps the clock.
      saveState.textContent = "…";
      return null;
    });
  }

  function save(done) {
    var run = (inFlight || Promise.resolve()).then(function () { return send(done); });
    inFlight = run;
    run.then(function () { if (inFlight === run) inFlight = null; });
    return run;
  }

  function finish() {
    if (finishing) return;
    finishing = true;
    form.querySelectorAll("input, textarea, button").forEach(function (el) { el.readOnly = true; });
    (function last() {
      save(true).then(function (data) {
        // Offline: keep the last answers and try again rather than leave them behind.
        if (data) window.location.href = doneUrl;
        else window.setTimeout(last, RETRY_MS);
      });
    })();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    finish();
  });

  var lastTick = performance.now();
  setInterval(function () {
    var now = performance.now();
    remaining = Math.max(0, remaining - (now - lastTick) / 1000);
    lastTick = now;
    timeLeft.textContent = Math.ceil(remaining);
    if (remaining <= 0) finish();
  }, 250);
  setInterval(function () { if (!finishing && !inFlight) save(false); }, HEARTBEAT_MS);
})();
