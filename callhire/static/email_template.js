// Live preview of an email template: after a pause in typing, ask the server for the preview
// (the same "Preview" button the form has without JavaScript) and show it beside the form.
(function () {
  "use strict";
  var form = document.querySelector("form[data-live-preview]");
  var preview = document.getElementById("preview");
  if (!form || !preview || !window.fetch || !window.DOMParser) return;
  var timer = null;
  var latest = 0;
  function refresh() {
    var data = new FormData(form);
    data.set("action", "preview");
    var ticket = ++latest;
    // form.action would be the buttons named "action", not the attribute.
    fetch(form.getAttribute("action") || window.location.href, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        if (ticket !== latest) return; // an older answer arriving late
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("preview");
        if (fresh) preview.innerHTML = fresh.innerHTML;
      })
      .catch(function () { /* offline: the Preview button still works */ });
  }
  form.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 400);
  });
})();
