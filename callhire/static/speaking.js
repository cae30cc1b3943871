// The voice test and sample call: the microphone check, recording in chunks, the server's clock.
// Each recording is uploaded a second at a time while it is made, one chunk after another; a chunk
// that fails is sent again until the server has it, so a dropped connection loses nothing.
(function () {
  "use strict";
  var textElement = document.getElementById("voice-text");
  var TEXT = textElement ? JSON.parse(textElement.textContent) : {};
  var TIMESLICE_MS = 1000;
  var RETRY_MS = 2000;
  var HEARTBEAT_MS = 5000;
  var problemBox = document.getElementById("mic-problem");
  var stream = null;
  var analyser = null;
  var meters = [];
  var peak = 0; // the loudest sample since it was last reset, 0 to 1
  var samplesSeen = 0;
  var samplesClipped = 0; // at full scale: a few are normal, many mean distortion

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (input) return input.value;
    var match = document.cookie.match(/csrftoken=([^;]+)/);
    return match ? match[1] : "";
  }

  function showProblem(key) {
    if (!problemBox) return;
    problemBox.textContent = TEXT[key] || key;
    problemBox.hidden = false;
  }

  // The microphone, opened once per page, with a level meter fed by an AnalyserNode.
  function microphone() {
    if (stream) return Promise.resolve(stream);
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia || !window.MediaRecorder) {
      showProblem("unsupported");
      return Promise.reject(new Error("unsupported"));
    }
    return navigator.mediaDevices.getUserMedia({ audio: true }).then(function (s) {
      stream = s;
      if (problemBox) problemBox.hidden = true;
      var Context = window.AudioContext || window.webkitAudioContext;
      if (Context) {
        var context = new Context();
        analyser = context.createAnalyser();
        analyser.fftSize = 1024;
        context.createMediaStreamSource(s).connect(analyser);
        if (context.state === "suspended") context.resume();
        measure();
      }
      return s;
    }, function (error) {
      var name = error && error.name;
      if (name === "NotAllowedError" || name === "SecurityError") showProblem("denied");
      else if (name === "NotFoundError" || name === "OverconstrainedError") showProblem("nomic");
      else showProblem("micerror");
      throw error;
    });
  }

  function measure() {
    var samples = new Float32Array(analyser.fftSize);
    function frame() {
      analyser.getFloatTimeDomainData(samples);
      var sum = 0;
      var loudest = 0;
      for (var i = 0; i < samples.length; i++) {
        var v = Math.abs(samples[i]);
        sum += v * v;
        if (v > loudest) loudest = v;
        if (v >= 0.99) samplesClipped += 1;
      }
      samplesSeen += samples.length;
      if (loudest > peak) peak = loudest;
      // RMS on a square-root scale, so normal speech moves the meter to the middle.
      var level = Math.min(1, Math.sqrt(Math.sqrt(sum / samples.length)) * 1.6);
      meters.forEach(function (meter) { meter.value = level; meter.textContent = Math.round(level * 100) + "%"; });
      window.requestAnimationFrame(frame);
    }
    window.requestAnimationFrame(frame);
  }

  function recorderFor(s) {
    var types = ["audio/webm;codecs=opus", "audio/ogg;codecs=opus", "audio/webm", "audio/mp4"];
    for (var i = 0; i < types.length; i++) {
      if (MediaRecorder.isTypeSupported && MediaRecorder.isTypeSupported(types[i])) {
        return new MediaRecorder(s, { mimeType: types[i] });
      }
    }
    return new MediaRecorder(s);
  }

  // The microphone check on the section's first page: nothing leaves the browser.
  var micCheck = document.getElementById("mic-check");
  if (micCheck) {
    var startButton = document.getElementById("mic-start");
    var testButton = document.getElementById("mic-test");
    var playback = document.getElementById("mic-playback");
    var result = document.getElementById("mic-result");
    meters.push(document.getElementById("mic-level"));
    startButton.addEventListener("click", function () {
      microphone().then(function () { testButton.disabled = false; }, function () {});
    });
    testButton.addEventListener("click", function () {
      microphone().then(function (s) {
        var recorder = recorderFor(s);
        var parts = [];
        peak = 0;
        samplesSeen = samplesClipped = 0;
        testButton.disabled = true;
        result.textContent = TEXT.recording || "";
        recorder.ondataavailable = function (event) { if (event.data.size) parts.push(event.data); };
        recorder.onstop = function () {
          playback.src = URL.createObjectURL(new Blob(parts, { type: recorder.mimeType }));
          playback.hidden = false;
          var clipped = samplesSeen && samplesClipped / samplesSeen > 0.002;
          result.textContent = peak < 0.02 ? TEXT.quiet : clipped ? TEXT.loud : TEXT.good;
          testButton.disabled = false;
        };
        recorder.start();
        window.setTimeout(function () { recorder.stop(); }, 5000);
      }, function () {});
    });
  }

  var form = document.getElementById("voice");
  if (!form) return;
  var csrf = csrfToken();
  var doneUrl = form.dataset.doneUrl;
  var saveUrl = form.dataset.saveUrl;
  var remaining = parseFloat(form.dataset.remaining);
  var timeLeft = document.getElementById("time-left");
  var busy = 0; // recordings being made or sent
  var over = false;

  function post(url, body, type) {
    var headers = { "X-CSRFToken": csrf };
    if (type) headers["Content-Type"] = type;
    return fetch(url, { method: "POST", headers: headers, body: body, credentials: "same-origin" });
  }

  function Step(box) {
    var self = this;
    var state = box.querySelector(".rec-state");
    var recordButton = box.querySelector(".record");
    var stopButton = box.querySelector(".stop");
    var keepButton = box.querySelector(".keep");
    var elapsed = box.querySelector(".elapsed");
    var maxSeconds = parseInt(box.dataset.maxSeconds, 10) || 60;
    var recorder = null;
    var chunks = []; // every chunk of this take, kept until the recording is closed
    var confirmed = 0; // chunks the server has
    var sending = false;
    var stopped = false;
    var closing = false;
    var startedAt = 0;
    var ticker = null;
    meters.push(box.querySelector(".level"));

    function say(key, extra) {
      state.textContent = (TEXT[key] || key) + (extra ? " " + extra : "");
    }

    function buttons(mode) {
      recordButton.hidden = mode === "recording" || mode === "saving" || mode === "done";
      stopButton.hidden = mode !== "recording";
      keepButton.hidden = mode !== "cut";
      if ((mode === "retry" || mode === "cut") && TEXT.again) recordButton.textContent = TEXT.again;
    }

    function answered(data) {
      box.dataset.state = data.state;
      box.dataset.received = data.received;
      box.dataset.takesLeft = data.takes_left;
      if (data.state === "retry") {
        say(data.problem === "silent" || data.problem === "clipped" ? data.problem : "too_short");
        buttons(data.takes_left > 0 ? "retry" : "done");
      } else if (data.state === "uploading") {
        say("cut");
        buttons("cut");
      } else {
        say(["silent", "clipped", "too_short"].indexOf(data.problem) >= 0 ? "kept" : "saved");
        buttons("done");
      }
    }

    function refused(response) {
      return response.json().then(function (data) {
        if (data.finished) { over = true; say("finished"); buttons("done"); return; }
        say("refused");
        state.textContent = (TEXT.refused || "%(reason)s").replace("%(reason)s", data.error || response.status);
        buttons("retry");
      }, function () { say("offline"); });
    }

    function sendNext() {
      if (sending) return;
      if (confirmed >= chunks.length) {
        if (stopped) close();
        return;
      }
      sending = true;
      var index = confirmed;
      post(box.dataset.chunkUrl + index + "/", chunks[index], chunks[index].type || "application/octet-stream")
        .then(function (response) {
          sending = false;
          if (response.ok) {
            confirmed = index + 1;
            box.dataset.state = "uploading";
            box.dataset.received = confirmed; // the server holds audio now: another take must restart
            sendNext();
          } else if (response.status === 409) {
            return response.clone().json().then(function (data) {
              if (typeof data.expected === "number" && data.expected <= chunks.length) {
                confirmed = data.expected; // the server lost or never got some: send again from there
                sendNext();
              } else {
                finishBusy();
                return refused(response);
              }
            });
          } else {
            finishBusy();
            return refused(response);
          }
        }, function () {
          sending = false;
          say("offline");
          window.setTimeout(sendNext, RETRY_MS);
        });
    }

    function close() {
      if (closing) return;
      closing = true;
      say("uploading");
      post(box.dataset.finishUrl, JSON.stringify({ chunks: chunks.length }), "application/json").then(function (response) {
        closing = false;
        if (response.status === 409) {
          return response.json().then(function (data) {
            if (typeof data.expected === "number") { confirmed = data.expected; sendNext(); } else { finishBusy(); answered(data); }
          });
        }
        finishBusy();
        if (!response.ok) return refused(response);
        return response.json().then(answered);
      }, function () {
        closing = false;
        say("offline");
        window.setTimeout(close, RETRY_MS);
      });
    }

    function finishBusy() {
      if (self.active) { self.active = false; busy -= 1; }
    }

    function record() {
      microphone().then(function (s) {
        chunks = [];
        confirmed = 0;
        stopped = false;
        recorder = recorderFor(s);
        recorder.ondataavailable = function (event) {
          if (event.data && event.data.size) { chunks.push(event.data); sendNext(); }
        };
        recorder.onstop = function () {
          stopped = true;
          window.clearInterval(ticker);
          elapsed.textContent = "";
          buttons("saving");
          if (chunks.length === 0) { finishBusy(); say("too_short"); buttons("retry"); return; }
          sendNext();
        };
        self.active = true;
        busy += 1;
        recorder.start(TIMESLICE_MS);
        startedAt = Date.now();
        ticker = window.setInterval(function () {
          var seconds = Math.floor((Date.now() - startedAt) / 1000);
          elapsed.textContent = seconds + " " + (TEXT.seconds || "s");
          if (seconds >= maxSeconds) stop();
        }, 250);
        say("recording");
        buttons("recording");
        stopButton.focus();
      }, function () {});
    }

    function stop() {
      if (recorder && recorder.state !== "inactive") recorder.stop();
    }

    recordButton.addEventListener("click", function () {
      if (over) return;
      var st = box.dataset.state;
      if ((st === "new" || st === "uploading") && !(parseInt(box.dataset.received, 10) > 0)) {
        record();
        return;
      }
      // Another take: the server drops the earlier one first.
      post(box.dataset.restartUrl, "", null).then(function (response) {
        if (!response.ok) return refused(response);
        return response.json().then(function (data) {
          box.dataset.state = data.state;
          box.dataset.received = data.received;
          record();
        });
      }, function () { say("offline"); });
    });
    stopButton.addEventListener("click", stop);
    keepButton.addEventListener("click", function () {
      // A recording cut off by a reload: keep what the server already has.
      chunks = new Array(parseInt(box.dataset.received, 10) || 0);
      confirmed = chunks.length;
      self.active = true;
      busy += 1;
      stopped = true;
      close();
    });

    var initial = box.dataset.state;
    if (initial === "uploading" && parseInt(box.dataset.received, 10) > 0) buttons("cut");
    else if (initial === "retry") buttons(parseInt(box.dataset.takesLeft, 10) > 0 ? "retry" : "done");
    else if (initial !== "new" && initial !== "uploading") buttons("done");
    else buttons("new");
  }

  Array.prototype.forEach.call(form.querySelectorAll(".voice-step"), function (box) { new Step(box); });

  // The server keeps the time: a heartbeat every few seconds, like the other sections.
  function heartbeat(finish) {
    return post(saveUrl, JSON.stringify(finish ? { finish: true } : {}), "application/json").then(function (response) {
      if (!response.ok) return null;
      return response.json().then(function (data) {
        remaining = data.remaining;
        if (data.finished) { over = true; window.location.href = doneUrl; }
        return data;
      });
    }, function () { return null; });
  }
  window.setInterval(function () { if (!over) heartbeat(false); }, HEARTBEAT_MS);
  window.setInterval(function () {
    remaining = Math.max(0, remaining - 1);
    if (timeLeft) timeLeft.textContent = Math.round(remaining);
  }, 1000);

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (busy > 0) { showProblem("busy"); return; }
    heartbeat(true).then(function (data) { if (!data) form.submit(); });
  });
})();
