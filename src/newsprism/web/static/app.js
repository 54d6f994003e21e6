// The web app's own script (the report's is report.js): it follows a run's progress over
// server-sent events and reloads the page, which then lists the stories, when the run ends.
// Without it, the run's page refreshes itself (a <noscript> refresh) until the run ends.
(function () {
  "use strict";
  var box = document.getElementById("job");
  if (!box || box.dataset.finished === "yes" || !window.EventSource) return;
  var log = document.getElementById("job-log");
  var state = document.getElementById("job-state");
  var seen = log.children.length;
  var source = new EventSource(box.dataset.events);
  source.addEventListener("progress", function (e) {
    if (Number(e.lastEventId) <= seen) return;  // already on the page
    seen = Number(e.lastEventId);
    var item = document.createElement("li");
    item.textContent = e.data;  // text, never markup
    log.appendChild(item);
    log.scrollTop = log.scrollHeight;
    state.textContent = "Working… " + e.data;
  });
  source.addEventListener("done", function () {
    source.close();
    state.textContent = "Done; loading the stories…";
    location.reload();
  });
})();
