// Rows of event tables open the event's evidence.
(function () {
  "use strict";
  document.addEventListener("click", function (ev) {
    var row = ev.target.closest("tr[data-href]");
    if (!row || ev.target.closest("a, button, input, select")) { return; }
    window.location.assign(row.getAttribute("data-href"));
  });
})();
