/* landinv map tools: metric scale bar, north arrow, distance/area measuring and
 * a notice when basemap tiles cannot load (offline). Written for landinv; plain
 * Leaflet 1.9, no other library. Called as landinvTools(map, texts). */
(function () {
  'use strict';
  if (window.landinvTools) { return; }

  function esc(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  // Area of a lon/lat ring on the sphere (m²): for reading a map, not for the
  // inventory (stored areas are ellipsoidal, computed by landinv.geometry).
  function sphericalArea(latlngs) {
    var R = 6371008.8, total = 0, n = latlngs.length;
    if (n < 3) { return 0; }
    for (var i = 0; i < n; i++) {
      var p1 = latlngs[i], p2 = latlngs[(i + 1) % n];
      total += (p2.lng - p1.lng) * Math.PI / 180 *
        (2 + Math.sin(p1.lat * Math.PI / 180) + Math.sin(p2.lat * Math.PI / 180));
    }
    return Math.abs(total * R * R / 2);
  }

  function fmt(value, digits) {
    return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  }

  function measureControl(map, t) {
    var points = [], line = null, shape = null, marks = L.layerGroup(), on = false;
    var Control = L.Control.extend({
      options: { position: 'topleft' },
      onAdd: function () {
        var box = L.DomUtil.create('div', 'leaflet-bar landinv-measure');
        var button = L.DomUtil.create('a', 'landinv-measure-toggle', box);
        button.href = '#'; button.title = t.measure_help; button.textContent = t.measure;
        button.setAttribute('role', 'button');
        var out = L.DomUtil.create('div', 'landinv-measure-out', box);
        out.style.display = 'none';
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.on(button, 'click', function (e) {
          L.DomEvent.preventDefault(e);
          on = !on;
          map._landinvMeasuring = on;
          button.classList.toggle('on', on);
          map.getContainer().style.cursor = on ? 'crosshair' : '';
          if (on) { map.doubleClickZoom.disable(); reset(); out.style.display = 'block'; show(); }
          else { map.doubleClickZoom.enable(); reset(); out.style.display = 'none'; }
        });
        this._out = out;
        return box;
      }
    });
    var control = new Control();
    control.addTo(map);
    marks.addTo(map);

    function reset() {
      points = [];
      marks.clearLayers();
      line = null; shape = null;
    }

    function show() {
      var length = 0;
      for (var i = 1; i < points.length; i++) { length += points[i - 1].distanceTo(points[i]); }
      var html = esc(t.measure_start);
      if (points.length >= 2) {
        html = esc(t.distance) + ': <b>' + (length >= 1000 ? fmt(length / 1000, 3) + ' km' : fmt(length, 1) + ' m') + '</b>';
      }
      if (points.length >= 3) {
        var area = sphericalArea(points);
        html += '<br>' + esc(t.area) + ': <b>' + fmt(area, 0) + ' m²</b> · <b>' + fmt(area / (10000 / 15), 2) +
          ' ' + esc(t.mu) + '</b> · ' + fmt(area / 10000, 4) + ' ha';
      }
      control._out.innerHTML = html + '<br><span class="landinv-measure-note">' + esc(t.measure_note) + '</span>';
    }

    map.on('click', function (e) {
      if (!on) { return; }
      points.push(e.latlng);
      L.circleMarker(e.latlng, { radius: 3, color: '#d81b60', weight: 2, interactive: false }).addTo(marks);
      if (line) { marks.removeLayer(line); }
      if (shape) { marks.removeLayer(shape); shape = null; }
      line = L.polyline(points, { color: '#d81b60', weight: 2, dashArray: '5 4', interactive: false }).addTo(marks);
      if (points.length >= 3) {
        shape = L.polygon(points, { color: '#d81b60', weight: 1, fillOpacity: 0.12, interactive: false }).addTo(marks);
      }
      show();
    });
    return control;
  }

  function northArrow(map, t) {
    var Control = L.Control.extend({
      options: { position: 'bottomleft' },
      onAdd: function () {
        var box = L.DomUtil.create('div', 'landinv-north');
        box.title = t.north;
        box.innerHTML = '<svg width="26" height="34" viewBox="0 0 26 34" aria-hidden="true">' +
          '<polygon points="13,2 22,28 13,22 4,28" fill="#222" stroke="#fff" stroke-width="1"/></svg>' +
          '<div>' + esc(t.north_letter) + '</div>';
        return box;
      }
    });
    return new Control().addTo(map);
  }

  function tileNotice(map, t) {
    var shown = false;
    function warn() {
      if (shown) { return; }
      shown = true;
      var Control = L.Control.extend({
        options: { position: 'topright' },
        onAdd: function () {
          var box = L.DomUtil.create('div', 'landinv-tile-notice');
          box.setAttribute('role', 'status');
          box.textContent = t.tiles_offline;
          return box;
        }
      });
      new Control().addTo(map);
    }
    function watch(layer) {
      if (layer instanceof L.TileLayer && !layer._landinvWatched) {
        layer._landinvWatched = true;
        layer.on('tileerror', warn);
      }
    }
    map.eachLayer(watch);
    map.on('layeradd', function (e) { watch(e.layer); });
  }

  window.landinvTools = function (map, t) {
    L.control.scale({ metric: true, imperial: false, maxWidth: 160 }).addTo(map);
    northArrow(map, t);
    measureControl(map, t);
    tileNotice(map, t);
  };
})();
