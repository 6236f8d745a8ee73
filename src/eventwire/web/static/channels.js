// Draws a pair's channel timeline with the bundled plotly.js: one row per channel, a
// marker per observation at its date (a line from start to end for a date range),
// coloured by status.  Data comes from a JSON island named by data-channels; with
// data-documents set, clicking a marker opens the observation's article.
(function () {
  "use strict";
  var COLORS = {
    held: "#1f77b4", active: "#2ca02c", planned: "#9467bd",
    suspended: "#d62728", resumed: "#17becf", refused: "#ff7f0e"
  };

  // plotly renders a few tags in hover text: article words must stay words
  function escapeText(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function hover(row, obs) {
    var when = (obs.date || "undated") + (obs.date_end && obs.date_end !== obs.date ? " – " + obs.date_end : "");
    var ev = obs.evidence && obs.evidence[0];
    var sentence = ev ? ev.sentence : "";
    if (sentence.length > 140) { sentence = sentence.slice(0, 137) + "…"; }
    return escapeText(row.channel.name) + "<br>" + escapeText(obs.status) + " · " + escapeText(when) +
      (sentence ? "<br>" + escapeText(sentence) : "");
  }

  function traces(data) {
    var byStatus = {};
    data.channels.forEach(function (row) {
      row.history.forEach(function (obs) {
        if (!obs.date) { return; }
        var t = byStatus[obs.status] = byStatus[obs.status] ||
          { points: { x: [], y: [], text: [], doc: [] }, ranges: { x: [], y: [], text: [], doc: [] } };
        var doc = obs.evidence && obs.evidence[0] ? obs.evidence[0].doc_id : null;
        var label = hover(row, obs);
        if (obs.date_end && obs.date_end !== obs.date) {
          t.ranges.x.push(obs.date, obs.date_end, null);
          t.ranges.y.push(row.channel.name, row.channel.name, null);
          t.ranges.text.push(label, label, null);
          t.ranges.doc.push(doc, doc, null);
        } else {
          t.points.x.push(obs.date); t.points.y.push(row.channel.name);
          t.points.text.push(label); t.points.doc.push(doc);
        }
      });
    });
    var out = [];
    (data.statuses || Object.keys(COLORS)).forEach(function (status) {
      var t = byStatus[status];
      if (!t) { return; }
      var color = COLORS[status] || "#888";
      var shown = false;
      [["ranges", "lines+markers"], ["points", "markers"]].forEach(function (kind) {
        var part = t[kind[0]];
        if (part.x.length === 0) { return; }
        out.push({ type: "scatter", mode: kind[1], name: status, legendgroup: status,
                   showlegend: !shown, x: part.x, y: part.y, text: part.text,
                   customdata: part.doc, hoverinfo: "text", connectgaps: false,
                   line: { color: color, width: 6 },
                   marker: { color: color, size: 11, line: { color: "#fff", width: 1 } } });
        shown = true;
      });
    });
    return out;
  }

  function drawChannels(el, data) {
    var rows = (data && data.channels || []).filter(function (row) {
      return row.history.some(function (obs) { return obs.date; });
    }).map(function (row) { return row.channel.name; });
    if (rows.length === 0) {
      el.textContent = "No dated observations of these channels.";
      el.classList.add("empty");
      return;
    }
    var layout = {
      height: Math.max(260, 60 * rows.length + 120),
      margin: { t: 30, r: 20, l: 20, b: 40 }, hovermode: "closest",
      xaxis: { type: "date" },
      yaxis: { type: "category", categoryorder: "array", categoryarray: rows.slice().reverse(),
               automargin: true },
      legend: { orientation: "h", y: 1.08 }
    };
    Plotly.newPlot(el, traces(data), layout, { displaylogo: false, responsive: true });
    var base = el.getAttribute("data-documents");
    if (base && el.on) {
      el.on("plotly_click", function (event) {
        var doc = event.points && event.points[0] && event.points[0].customdata;
        if (doc) { window.location.href = base + encodeURIComponent(doc); }
      });
    }
  }

  window.eventwireChannels = drawChannels;
  function drawAll() {
    document.querySelectorAll("[data-channels]").forEach(function (el) {
      var source = document.getElementById(el.getAttribute("data-channels"));
      drawChannels(el, JSON.parse(source.textContent));
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
