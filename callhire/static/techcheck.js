// The home-office tech check: microphone and headset, then latency, jitter, loss, download and
// upload against callhire's own server. The page sends raw timings; the server works out the
// figures, checks them against what it served and answers with the result cards.
(function () {
  "use strict";
  var form = document.getElementById("techcheck");
  if (!form || !window.fetch || !window.performance) return;
  form.hidden = false;

  var d = form.dataset;
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var button = document.getElementById("run");
  var progress = document.getElementById("progress");
  var step = document.getElementById("step");
  var meter = document.getElementById("mic-level");
  var results = document.getElementById("results");
  var MAX_DOWN = parseInt(d.maxDownload, 10);
  var MAX_UP = parseInt(d.maxUpload, 10);
  var PING_TIMEOUT = parseInt(d.pingTimeout, 10);
  var PINGS = parseInt(d.pings, 10);
  var TARGET_SECONDS = 2; // each transfer after the first is sized to take about this long
  var TRANSFERS = 2; // timed transfers per direction, after one small warm-up
  var TONE_HZ = 1250;

  function Stop(message) { this.message = message; }

  function say(text) { step.textContent = text; }
  function setProgress(value) { progress.value = Math.max(progress.value, Math.min(100, value)); }
  function sleep(ms) { return new Promise(function (resolve) { setTimeout(resolve, ms); }); }

  // A refusal from the server (rate limit, ended run) stops the check with its own message.
  function refusal(response) {
    return response.json().catch(function () { return {}; }).then(function (body) {
      throw new Stop(body.message || d.textFailed);
    });
  }

  // Microphone and headset ------------------------------------------------------------------

  function audioCheck(context) {
    var constraints = { audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false } };
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return Promise.resolve({ level: null, echo: null });
    return navigator.mediaDevices.getUserMedia(constraints).then(function (stream) {
      var source = context.createMediaStreamSource(stream);
      var analyser = context.createAnalyser();
      analyser.fftSize = 2048;
      source.connect(analyser);
      var samples = new Float32Array(analyser.fftSize);
      var spectrum = new Float32Array(analyser.frequencyBinCount);
      var bin = Math.round(TONE_HZ / (context.sampleRate / analyser.fftSize));
      var peak = 0;

      function level() {
        analyser.getFloatTimeDomainData(samples);
        var top = 0;
        for (var i = 0; i < samples.length; i++) top = Math.max(top, Math.abs(samples[i]));
        meter.value = top;
        return top;
      }
      // Mean power around the tone's frequency over `ms`, while calling level() to keep the meter live.
      function tonePower(ms) {
        var total = 0, count = 0, until = performance.now() + ms;
        return new Promise(function (resolve) {
          (function sample() {
            analyser.getFloatFrequencyData(spectrum);
            for (var b = bin - 1; b <= bin + 1; b++) total += Math.pow(10, spectrum[b] / 10);
            count += 3;
            level();
            if (performance.now() < until) setTimeout(sample, 30);
            else resolve(total / Math.max(count, 1));
          })();
        });
      }

      say(d.textSpeak);
      var speakUntil = performance.now() + 4000;
      return new Promise(function (resolve) {
        (function listen() {
          peak = Math.max(peak, level());
          setProgress(2 + 18 * (1 - (speakUntil - performance.now()) / 4000));
          if (performance.now() < speakUntil) setTimeout(listen, 50);
          else resolve();
        })();
      }).then(function () {
        say(d.textQuiet);
        return sleep(400).then(function () { return tonePower(600); });
      }).then(function (quiet) {
        var oscillator = context.createOscillator();
        var gain = context.createGain();
        oscillator.frequency.value = TONE_HZ;
        gain.gain.value = 0.3;
        oscillator.connect(gain).connect(context.destination);
        oscillator.start();
        return sleep(200).then(function () { return tonePower(900); }).then(function (loud) {
          oscillator.stop();
          stream.getTracks().forEach(function (track) { track.stop(); });
          meter.value = 0;
          setProgress(25);
          // How far the tone rose above the room: loud on speakers, faint through a headset.
          var echo = quiet > 0 && loud > 0 ? 10 * Math.log10(loud / quiet) : null;
          return { level: Math.min(1, peak), echo: echo !== null && isFinite(echo) ? Math.round(echo * 10) / 10 : null };
        });
      });
    }).catch(function () {
      say(d.textNoMic);
      return { level: null, echo: null };
    });
  }

  // Network ---------------------------------------------------------------------------------

  function pings(url) {
    var rtts = [];
    var sent = 0;
    function probe(counted) {
      var controller = window.AbortController ? new AbortController() : null;
      var timer = controller ? setTimeout(function () { controller.abort(); }, PING_TIMEOUT) : null;
      var begun = performance.now();
      return fetch(url + "?t=" + Date.now() + "-" + sent, { cache: "no-store", credentials: "same-origin", signal: controller && controller.signal })
        .then(function (response) {
          clearTimeout(timer);
          if (response.status === 429 || response.status === 404) return refusal(response);
          var rtt = performance.now() - begun;
          if (counted && response.ok && rtt <= PING_TIMEOUT) rtts.push(Math.round(rtt * 10) / 10);
        }, function () {
          clearTimeout(timer); // timed out or failed: a lost probe
        });
    }
    say(d.textPing);
    var chain = probe(false); // the first one opens the connection: not timed
    for (var i = 0; i < PINGS; i++) {
      chain = chain.then(function () {
        sent += 1;
        setProgress(25 + 20 * sent / PINGS);
        return probe(true).then(function () { return sleep(40); });
      });
    }
    return chain.then(function () { return { sent: sent, rtts: rtts }; });
  }

  function nextSize(bytes, ms, cap) {
    var perSecond = bytes / Math.max(ms, 1) * 1000;
    return Math.max(64 * 1024, Math.min(cap, Math.round(perSecond * TARGET_SECONDS)));
  }

  function download(url) {
    var timed = [];
    function once(size) {
      var begun = performance.now();
      return fetch(url + "?bytes=" + size + "&t=" + Date.now(), { cache: "no-store", credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) return refusal(response);
          return response.arrayBuffer();
        })
        .then(function (body) { return { bytes: body.byteLength, ms: performance.now() - begun }; });
    }
    say(d.textDown);
    var chain = once(256 * 1024); // warm-up: lets the connection speed up, and sizes the next one
    for (var i = 0; i < TRANSFERS; i++) {
      chain = chain.then(function (last) {
        return once(nextSize(last.bytes, last.ms, MAX_DOWN)).then(function (result) {
          timed.push({ bytes: result.bytes, ms: Math.round(result.ms * 10) / 10 });
          setProgress(45 + 25 * timed.length / TRANSFERS);
          return result;
        });
      });
    }
    return chain.then(function () { return timed; });
  }

  function randomBody(size) {
    var bytes = new Uint8Array(size);
    for (var at = 0; at < size; at += 65536) {
      window.crypto.getRandomValues(bytes.subarray(at, Math.min(size, at + 65536)));
    }
    return new Blob([bytes], { type: "application/octet-stream" });
  }

  function upload(url) {
    var timed = [];
    function once(size) {
      var body = randomBody(size);
      var begun = performance.now();
      return fetch(url, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrf, "Content-Type": "application/octet-stream" }
      }).then(function (response) {
        if (!response.ok) return refusal(response);
        return response.json();
      }).then(function (answer) { return { bytes: answer.received, ms: performance.now() - begun }; });
    }
    say(d.textUp);
    var chain = once(128 * 1024);
    for (var i = 0; i < TRANSFERS; i++) {
      chain = chain.then(function (last) {
        return once(nextSize(last.bytes, last.ms, MAX_UP)).then(function (result) {
          timed.push({ bytes: result.bytes, ms: Math.round(result.ms * 10) / 10 });
          setProgress(70 + 25 * timed.length / TRANSFERS);
          return result;
        });
      });
    }
    return chain.then(function () { return timed; });
  }

  function post(url, data) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf, "Content-Type": "application/json" },
      body: JSON.stringify(data)
    });
  }

  // The run ------------------------------------------------------------------------------------

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (button.disabled) return; // one run at a time
    button.disabled = true;
    progress.value = 0;
    var AudioContextClass = window.AudioContext || window.webkitAudioContext;
    var context = AudioContextClass ? new AudioContextClass() : null; // made in the click, so it may play
    var data = { wired: form.elements.wired.checked, quiet: form.elements.quiet.checked };
    var urls;
    post(d.startUrl, {}).then(function (response) {
      if (!response.ok) return refusal(response);
      return response.json();
    }).then(function (started) {
      urls = started.urls;
      return context ? audioCheck(context) : { level: null, echo: null };
    }).then(function (audio) {
      data.mic = { level: audio.level };
      data.echo_db = audio.echo;
      return pings(urls.ping);
    }).then(function (result) {
      data.pings = result;
      return download(urls.down);
    }).then(function (timed) {
      data.download = timed;
      return upload(urls.up);
    }).then(function (timed) {
      data.upload = timed;
      say(d.textSave);
      return post(urls.save, data);
    }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) throw new Stop(body.message || d.textFailed);
        results.innerHTML = body.html;
        setProgress(100);
        say(d.textDone);
        var heading = document.getElementById("result-heading");
        if (heading) { heading.tabIndex = -1; heading.focus(); }
      });
    }).catch(function (error) {
      step.setAttribute("role", "alert");
      say(error instanceof Stop ? error.message : d.textFailed);
    }).then(function () {
      button.disabled = false;
      if (context && context.close) context.close();
    });
  });
})();
