/* Charts of the operations centre: drawn from the JSON beside them; the tables carry the same numbers.
   Without JavaScript (or without the chart library) the tables alone are the page. */
(function () {
  "use strict";
  function draw() {
    var source = document.getElementById("ops-charts");
    if (!source || typeof window.Chart === "undefined") return;
    var data = JSON.parse(source.textContent);
    var vi = (document.documentElement.lang || "vi").indexOf("vi") === 0;
    var locale = vi ? "vi-VN" : "en-GB";
    var colours = ["#0b4f9c", "#11703a", "#b3261e", "#8a5a00"];
    var wall = document.body.classList.contains("ops-wall");
    window.Chart.defaults.font.size = wall ? 18 : 13;
    window.Chart.defaults.locale = locale;
    window.Chart.defaults.animation = false;
    var months = document.getElementById("chart-months");
    if (months) {
      new window.Chart(months, {
        type: "bar",
        data: {
          labels: data.months.labels,
          datasets: data.months.series.map(function (s, i) {
            return { label: s.label, data: s.data, backgroundColor: colours[i] };
          })
        },
        options: { maintainAspectRatio: false, responsive: true }
      });
    }
    [["chart-timing", data.timing, ["#11703a", "#5cc488", "#b3261e"]],
     ["chart-channels", data.channels, ["#0b4f9c", "#5a8fd6", "#8a5a00"]]].forEach(function (spec) {
      var canvas = document.getElementById(spec[0]);
      if (!canvas) return;
      new window.Chart(canvas, {
        type: "doughnut",
        data: { labels: spec[1].labels, datasets: [{ data: spec[1].data, backgroundColor: spec[2] }] },
        options: { maintainAspectRatio: false, responsive: true, plugins: { legend: { position: "right" } } }
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
