// The recruiter's playback: highlight each transcript word while the recording plays; a click on a word plays from it.
(function () {
  "use strict";
  document.querySelectorAll("[data-recording]").forEach(function (box) {
    var audio = box.querySelector("audio");
    var words = Array.prototype.slice.call(box.querySelectorAll(".transcript .word"));
    if (!audio || !words.length) return;
    var times = words.map(function (w) { return [parseFloat(w.dataset.start), parseFloat(w.dataset.end)]; });
    var current = null;
    function show() {
      var t = audio.currentTime;
      var found = null;
      for (var i = 0; i < times.length; i++) {
        if (t >= times[i][0] && t < times[i][1] + 0.05) { found = words[i]; break; }
      }
      if (found !== current) {
        if (current) current.classList.remove("now");
        if (found) found.classList.add("now");
        current = found;
      }
      if (!audio.paused) window.requestAnimationFrame(show);
    }
    audio.addEventListener("play", function () { window.requestAnimationFrame(show); });
    audio.addEventListener("seeked", show);
    audio.addEventListener("ended", function () { if (current) current.classList.remove("now"); current = null; });
    words.forEach(function (word, i) {
      word.addEventListener("click", function () { audio.currentTime = times[i][0]; audio.play(); });
    });
  });
})();
