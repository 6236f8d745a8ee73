// Draws a dyad timeline (stacked bars per quad class, mean PLOVER score line) with
// the bundled plotly.js, from a JSON data island named by data-timeline.
(function () {
  "use strict";
  var COLORS = {
    "verbal cooperation": "#74c476", "material cooperation": "#238b45",
    "verbal conflict": "#fd8d3c", "material conflict": "#cb181d"
  };

  function drawTimeline(el, data) {
    if (!data || !data.periods || data.periods.length === 0) {
      el.textContent = "No dated events between these two.";
      el.classList.add("empty");
      return;
    }
    var traces = Object.keys(data.counts).map(function (quad) {
      return { type: "bar", name: quad, x: data.periods, y: data.counts[quad],
               marker: { color: COLORS[quad] || "#888" } };
    });
    traces.push({ type: "scatter", mode: "lines+markers", name: "mean PLOVER score",
                  x: data.periods, y: data.mean_score, yaxis: "y2", connectgaps: true,
                  line: { color: "#222", width: 2 } });
    var layout = {
      barmode: "stack", height: 380, margin: { t: 20, r: 60, l: 50, b: 40 },
      xaxis: { type: "date" }, yaxis: { title: { text: "events per " + data.interval } },
      yaxis2: { title: { text: "mean score" }, overlaying: "y", side: "right",
                range: [-10, 10], dtick: 5, zeroline: true, showgrid: false },
      legend: { orientation: "h", y: 1.12 }
    };
    Plotly.newPlot(el, traces, layout, { displaylogo: false, responsive: true });
  }

  window.eventwireTimeline = drawTimeline;
  function drawAll() {
    document.querySelectorAll("[data-timeline]").forEach(function (el) {
      var source = document.getElementById(el.getAttribute("data-timeline"));
      drawTimeline(el, JSON.parse(source.textContent));
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
