// Show interview times in the candidate's own time zone: the page is rendered in the zone the
// times were offered in; when the browser's differs, ask for the page in the browser's zone once.
(function () {
  "use strict";
  var zone;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
  if (!zone) return;
  var select = document.getElementById("tz");
  var known = select && Array.prototype.some.call(select.options, function (o) { return o.value === zone; });
  if (!known) return;
  var params = new URLSearchParams(window.location.search);
  if (!params.has("tz") && select.value !== zone) {
    params.set("tz", zone);
    window.location.replace(window.location.pathname + "?" + params.toString());
  }
})();
