/*
 * landinv map layer (see docs/map.md): many polygons on one canvas, drawn
 * from the compact payload that landinv.mapview.encode_layer writes.
 *
 * Payload: vertices as integer steps of `q` degrees, delta-coded along one
 * stream ("c", lon/lat interleaved) in base64 VLQ text; vertex count of each
 * ring ("r") and ring count of each feature ("f") in the same code; attribute
 * columns for the tooltip ("cols"); a style class per feature ("k");
 * optionally "marked": features whose lookup column `col` holds one of the
 * indices `in` are drawn with `style` laid over their class style (supplied
 * parcels: pale, hatched, dashed), so the mark costs no byte per feature.
 *
 * Each layer is an L.Canvas renderer that draws only what is in view, one
 * path per style class, skipping vertices closer than half a pixel. Hover and
 * click are answered by one dispatcher per map from a grid index, so there is
 * no Leaflet object per feature: 100,000 parcels cost a few typed arrays.
 */
(function (L) {
  'use strict';
  if (!L || L.LandinvLayer) { return; }

  var ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  var DIGITS = new Int8Array(128);
  for (var a = 0; a < ALPHABET.length; a++) { DIGITS[ALPHABET.charCodeAt(a)] = a; }

  // Signed base64 VLQ: 5 data bits per digit, bit 6 = more digits follow,
  // sign in the lowest bit of the assembled value.
  function decodeVlq(text) {
    var out = new Int32Array(text ? text.length : 0), n = 0, value = 0, shift = 0;
    for (var i = 0; i < out.length; i++) {
      var d = DIGITS[text.charCodeAt(i)];
      value |= (d & 31) << shift;
      if (d & 32) { shift += 5; continue; }
      out[n++] = (value & 1) ? -(value >>> 1) : (value >>> 1);
      value = 0;
      shift = 0;
    }
    return out.subarray(0, n);
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) { return '&#' + c.charCodeAt(0) + ';'; });
  }

  // Web Mercator in units of the world square (x, y in 0..1), as L.CRS.EPSG3857.
  var MAX_LAT = 85.0511287798;
  function unitX(lon) { return lon / 360 + 0.5; }
  function unitY(lat) {
    var s = Math.sin(Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI / 180);
    return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
  }

  function decodeGeometry(data) {
    var deltas = decodeVlq(data.c), nv = deltas.length >> 1, q = data.q;
    var ux = new Float64Array(nv), uy = new Float64Array(nv), x = 0, y = 0, i;
    for (i = 0; i < nv; i++) {
      x += deltas[2 * i];
      y += deltas[2 * i + 1];
      ux[i] = unitX(x * q);
      uy[i] = unitY(y * q);
    }
    var ringLen = decodeVlq(data.r), featRings = decodeVlq(data.f), n = featRings.length;
    var ring0 = new Int32Array(ringLen.length + 1), feat0 = new Int32Array(n + 1);
    for (i = 0; i < ringLen.length; i++) { ring0[i + 1] = ring0[i] + ringLen[i]; }
    for (i = 0; i < n; i++) { feat0[i + 1] = feat0[i] + featRings[i]; }
    var box = new Float64Array(4 * n);
    for (var f = 0; f < n; f++) {
      var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      for (var v = ring0[feat0[f]]; v < ring0[feat0[f + 1]]; v++) {
        if (ux[v] < x0) { x0 = ux[v]; }
        if (ux[v] > x1) { x1 = ux[v]; }
        if (uy[v] < y0) { y0 = uy[v]; }
        if (uy[v] > y1) { y1 = uy[v]; }
      }
      box[4 * f] = x0; box[4 * f + 1] = y0; box[4 * f + 2] = x1; box[4 * f + 3] = y1;
    }
    return { n: n, ux: ux, uy: uy, ring0: ring0, feat0: feat0, box: box };
  }

  // Uniform grid over the data's extent: cell -> features whose box meets it.
  function buildGrid(g) {
    var n = g.n, x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity, f;
    for (f = 0; f < n; f++) {
      if (!(g.box[4 * f] <= g.box[4 * f + 2])) { continue; }  // feature without vertices
      x0 = Math.min(x0, g.box[4 * f]); y0 = Math.min(y0, g.box[4 * f + 1]);
      x1 = Math.max(x1, g.box[4 * f + 2]); y1 = Math.max(y1, g.box[4 * f + 3]);
    }
    var side = Math.max(1, Math.ceil(Math.sqrt(n / 4)));
    var grid = { side: side, x0: x0, y0: y0, cw: (x1 - x0) / side || 1, ch: (y1 - y0) / side || 1 };
    var counts = new Int32Array(side * side + 1), pass, cx, cy;
    grid.start = counts;
    for (pass = 0; pass < 2; pass++) {
      if (pass === 1) {
        for (var c = 1; c <= side * side; c++) { counts[c] += counts[c - 1]; }
        grid.items = new Int32Array(counts[side * side]);
        var fill = counts.slice(0, side * side);
      }
      for (f = 0; f < n; f++) {
        if (!(g.box[4 * f] <= g.box[4 * f + 2])) { continue; }
        var r = cellRange(grid, g.box[4 * f], g.box[4 * f + 1], g.box[4 * f + 2], g.box[4 * f + 3]);
        for (cy = r[1]; cy <= r[3]; cy++) {
          for (cx = r[0]; cx <= r[2]; cx++) {
            if (pass === 0) { counts[cy * side + cx + 1]++; } else { grid.items[fill[cy * side + cx]++] = f; }
          }
        }
      }
    }
    return grid;
  }

  function cellRange(grid, x0, y0, x1, y1) {
    var s = grid.side - 1;
    function clamp(v) { return Math.max(0, Math.min(s, Math.floor(v))); }
    return [clamp((x0 - grid.x0) / grid.cw), clamp((y0 - grid.y0) / grid.ch),
            clamp((x1 - grid.x0) / grid.cw), clamp((y1 - grid.y0) / grid.ch)];
  }

  // Even-odd rule over all rings of a feature: right for holes and for
  // the disjoint parts of a multipolygon.
  function contains(g, f, px, py) {
    var inside = false;
    for (var r = g.feat0[f]; r < g.feat0[f + 1]; r++) {
      var v0 = g.ring0[r], v1 = g.ring0[r + 1];
      for (var i = v0, j = v1 - 1; i < v1; j = i++) {
        var xi = g.ux[i], yi = g.uy[i], xj = g.ux[j], yj = g.uy[j];
        if ((yi > py) !== (yj > py) && px < (xj - xi) * (py - yi) / (yj - yi) + xi) { inside = !inside; }
      }
    }
    return inside;
  }

  // Features per drawing group: one group per style class, and one more per
  // class for the marked features (after all unmarked ones, so the hatching
  // of a marked parcel is never covered by a neighbour's fill).
  function drawGroups(data, classes, cols) {
    var styles = data.styles, groups = [], k, f;
    for (k = 0; k < styles.length; k++) { groups.push({ style: styles[k], feats: [] }); }
    var mark = data.marked, marks = null;
    if (mark && cols[mark.col]) {
      var values = cols[mark.col].v;
      marks = new Uint8Array(classes.length);
      for (f = 0; f < classes.length; f++) { marks[f] = mark['in'].indexOf(values[f]) >= 0 ? 1 : 0; }
      for (k = 0; k < styles.length; k++) { groups.push({ style: L.extend({}, styles[k], mark.style), feats: [] }); }
    }
    for (f = 0; f < classes.length; f++) {
      var g = Math.min(classes[f], styles.length - 1);
      groups[marks && marks[f] ? g + styles.length : g].feats.push(f);
    }
    return groups;
  }

  // A tile of diagonal lines ("/") that repeats seamlessly every `step` pixels.
  function hatchTile(color, step) {
    var tile = document.createElement('canvas');
    tile.width = tile.height = step;
    var t = tile.getContext('2d');
    t.strokeStyle = color;
    t.lineWidth = 1.5;
    t.beginPath();
    t.moveTo(0, step); t.lineTo(step, 0);
    // The line's ends spill over two corners: draw them on the opposite ones too.
    t.moveTo(-1, 1); t.lineTo(1, -1);
    t.moveTo(step - 1, step + 1); t.lineTo(step + 1, step - 1);
    t.stroke();
    return tile;
  }

  // st_folium reads the clicked object's tooltip text: give it "kind:id".
  function clickTarget(text) {
    var html = escapeHtml(text);
    return { _tooltip: { _content: html }, getTooltip: function () { return { getContent: function () { return html; } }; } };
  }

  L.LandinvLayer = L.Canvas.extend({
    options: { padding: 0.1, interactive: true, zIndex: 350, labels: false },

    initialize: function (data, options) {
      options = L.extend({}, options, { pane: 'landinv-' + data.kind });
      L.Canvas.prototype.initialize.call(this, options);
      this._data = data;
      this._geom = decodeGeometry(data);
      this._cols = (data.cols || []).map(function (col) {
        return (col.t === 's') ? col : L.extend({}, col, { v: decodeVlq(col.v) });
      });
      this._groups = drawGroups(data, decodeVlq(data.k), this._cols);
      this._hatches = {};  // hatch pattern per colour and spacing, made on first use
      // Rings per fill/stroke call. Skia's cost per path grows faster than its
      // size; 16 rings a path drew 100k parcels 10x faster than 4000.
      this._chunk = 16;
      this._grid = null;  // built on the first hover: costs nothing for a map never touched
    },

    onAdd: function (map) {
      var pane = this.options.pane;
      if (!map.getPane(pane)) { map.createPane(pane).style.zIndex = this.options.zIndex; }
      L.Canvas.prototype.onAdd.call(this, map);
      // The map, not the canvas, gets the mouse: stacked canvases would hide each other.
      this._container.style.pointerEvents = 'none';
      hubOf(map).add(this);
      if (this.options.labels) { this._addLabels(map); }
    },

    onRemove: function (map) {
      hubOf(map).remove(this);
      if (this._labels) { this._labels.forEach(function (t) { map.removeLayer(t); }); }
      L.Canvas.prototype.onRemove.call(this, map);
    },

    _addLabels: function (map) {
      var points = this._data.lp || [], names = this._data.id;
      this._labels = points.map(function (p, i) {
        return L.tooltip({ permanent: true, direction: 'top', offset: [0, -4], className: 'landinv-zone-label' })
          .setLatLng(p).setContent(escapeHtml(names[i])).addTo(map);
      });
    },

    _draw: function () {
      var ctx = this._ctx, map = this._map, g = this._geom;
      if (!ctx || !map || !g.n || !this._bounds) { return; }
      var b = this._bounds, o = map.getPixelOrigin(), scale = 256 * Math.pow(2, map.getZoom());
      var vx0 = (b.min.x + o.x) / scale, vy0 = (b.min.y + o.y) / scale;
      var vx1 = (b.max.x + o.x) / scale, vy1 = (b.max.y + o.y) / scale;
      var box = g.box, ux = g.ux, uy = g.uy, drawn = 0;
      for (var k = 0; k < this._groups.length; k++) {
        var feats = this._groups[k].feats, style = this._groups[k].style, rings = 0;
        if (!feats.length) { continue; }
        ctx.beginPath();
        for (var i = 0; i < feats.length; i++) {
          var f = feats[i];
          if (box[4 * f] > vx1 || box[4 * f + 2] < vx0 || box[4 * f + 1] > vy1 || box[4 * f + 3] < vy0) { continue; }
          drawn++;
          for (var r = g.feat0[f]; r < g.feat0[f + 1]; r++) {
            var v = g.ring0[r], end = g.ring0[r + 1];
            var lx = ux[v] * scale - o.x, ly = uy[v] * scale - o.y;
            ctx.moveTo(lx, ly);
            for (v++; v < end; v++) {
              var px = ux[v] * scale - o.x, py = uy[v] * scale - o.y;
              if (Math.abs(px - lx) + Math.abs(py - ly) < 0.5) { continue; }  // sub-pixel step
              ctx.lineTo(px, py);
              lx = px; ly = py;
            }
            ctx.closePath();
            rings++;
          }
          if (rings > this._chunk) { this._paint(ctx, style); ctx.beginPath(); rings = 0; }
        }
        this._paint(ctx, style);
      }
      // Leaflet places permanent tooltips when they are added and on zoom; in
      // the app's iframe the view settles later, so move the labels with us.
      if (this._labels) { this._labels.forEach(function (t) { t.update(); }); }
      // What tests and benchmarks wait for: features drawn in the last frame.
      this._container.setAttribute('data-landinv-kind', this._data.kind);
      this._container.setAttribute('data-drawn', drawn);
      this._container.setAttribute('data-drawn-at', Math.round(performance.now()));
    },

    _paint: function (ctx, style) {
      if (style.fo > 0) {
        ctx.globalAlpha = style.fo;
        ctx.fillStyle = style.fill;
        ctx.fill();
      }
      if (style.hatch > 0) {
        // Patterns live in the layer's coordinates, whose origin moves only
        // on zoom: the hatching stays put while the map is dragged.
        var key = style.color + '/' + style.hatch;
        if (!this._hatches[key]) { this._hatches[key] = ctx.createPattern(hatchTile(style.color, style.hatch), 'repeat'); }
        ctx.globalAlpha = 0.9;
        ctx.fillStyle = this._hatches[key];
        ctx.fill();
      }
      if (style.w > 0) {
        ctx.globalAlpha = style.so === undefined ? 1 : style.so;
        ctx.lineWidth = style.w;
        ctx.strokeStyle = style.color;
        ctx.setLineDash(style.dash || []);
        ctx.lineJoin = 'round';
        ctx.stroke();
      }
      ctx.globalAlpha = 1;
    },

    // Index of the feature under a layer point, or -1 (the smallest wins).
    hitTest: function (layerPoint) {
      var g = this._geom, map = this._map;
      if (!g.n || !map) { return -1; }
      if (!this._grid) { this._grid = buildGrid(g); }
      var o = map.getPixelOrigin(), scale = 256 * Math.pow(2, map.getZoom());
      var px = (layerPoint.x + o.x) / scale, py = (layerPoint.y + o.y) / scale;
      var grid = this._grid;
      if (px < grid.x0 || py < grid.y0 || px > grid.x0 + grid.cw * grid.side || py > grid.y0 + grid.ch * grid.side) { return -1; }
      var r = cellRange(grid, px, py, px, py), cell = r[1] * grid.side + r[0], best = -1, bestArea = Infinity;
      for (var i = grid.start[cell]; i < grid.start[cell + 1]; i++) {
        var f = grid.items[i], box = g.box;
        if (px < box[4 * f] || px > box[4 * f + 2] || py < box[4 * f + 1] || py > box[4 * f + 3]) { continue; }
        var area = (box[4 * f + 2] - box[4 * f]) * (box[4 * f + 3] - box[4 * f + 1]);
        if (area < bestArea && contains(g, f, px, py)) { best = f; bestArea = area; }
      }
      return best;
    },

    featureId: function (f) { return this._data.id[f]; },

    tooltipHtml: function (f) {
      var rows = ['<b>' + escapeHtml(this._data.id[f]) + '</b>'];
      for (var c = 0; c < this._cols.length; c++) {
        var col = this._cols[c], value;
        if (col.t === 's') { value = col.v[f]; }
        else if (col.t === 'u') { value = col.u[col.v[f]]; }
        else { value = (col.v[f] / col.x).toLocaleString(undefined, { maximumFractionDigits: col.d }); }
        if (value === '' || value === null || value === undefined) { continue; }
        rows.push('<span class="landinv-k">' + escapeHtml(col.l) + '</span> ' + escapeHtml(value) + (col.s ? ' ' + escapeHtml(col.s) : ''));
      }
      return rows.join('<br>');
    },

    // Latitude/longitude rings of one feature (for the hover outline).
    latLngs: function (f) {
      var g = this._geom, out = [];
      for (var r = g.feat0[f]; r < g.feat0[f + 1]; r++) {
        var ring = [];
        for (var v = g.ring0[r]; v < g.ring0[r + 1]; v++) {
          var lon = (g.ux[v] - 0.5) * 360;
          var lat = Math.atan(Math.sinh(Math.PI * (1 - 2 * g.uy[v]))) * 180 / Math.PI;
          ring.push([lat, lon]);
        }
        out.push(ring);
      }
      return out;
    }
  });

  L.landinvLayer = function (data, options) { return new L.LandinvLayer(data, options); };

  // One per map: hover tooltip, hover outline and clicks for every landinv layer.
  function hubOf(map) {
    if (map._landinvHub) { return map._landinvHub; }
    var layers = [], current = null, outline = null;
    var tip = L.tooltip({ direction: 'top', offset: [0, -8], className: 'landinv-tip', opacity: 0.95 });
    var outlinePane = map.getPane('landinv-hover') || map.createPane('landinv-hover');
    outlinePane.style.zIndex = 450;
    outlinePane.style.pointerEvents = 'none';
    var outlineRenderer = L.svg({ pane: 'landinv-hover' });

    function hit(e) {
      for (var i = layers.length - 1; i >= 0; i--) {
        var layer = layers[i];
        if (!layer._map || !layer.options.interactive) { continue; }
        var f = layer.hitTest(e.layerPoint);
        if (f >= 0) { return { layer: layer, f: f }; }
      }
      return null;
    }

    function clear() {
      if (outline) { map.removeLayer(outline); outline = null; }
      map.closeTooltip(tip);
      map.getContainer().style.cursor = '';
      current = null;
    }

    map.on('mousemove', function (e) {
      if (map.dragging && map.dragging.moving && map.dragging.moving()) { return; }
      var h = hit(e);
      if (!h) { if (current) { clear(); } return; }
      if (!current || current.layer !== h.layer || current.f !== h.f) {
        if (outline) { map.removeLayer(outline); }
        outline = L.polygon(h.layer.latLngs(h.f), { renderer: outlineRenderer, interactive: false, fill: false, color: '#00e5ff', weight: 3 }).addTo(map);
        tip.setContent(h.layer.tooltipHtml(h.f));
        current = h;
      }
      tip.setLatLng(e.latlng);
      if (!map.hasLayer(tip)) { map.openTooltip(tip); }
      map.getContainer().style.cursor = 'pointer';
    });
    map.on('mouseout zoomstart', clear);
    map.on('click', function (e) {
      var h = hit(e);
      if (!h) { return; }
      h.layer.fire('click', {
        latlng: e.latlng, layerPoint: e.layerPoint, containerPoint: e.containerPoint,
        originalEvent: e.originalEvent, feature: h.f,
        sourceTarget: clickTarget(h.layer._data.kind + ':' + h.layer.featureId(h.f))
      });
    });

    map._landinvHub = {
      add: function (layer) {
        layers.push(layer);
        layers.sort(function (x, y) { return x.options.zIndex - y.options.zIndex; });
      },
      remove: function (layer) {
        layers = layers.filter(function (x) { return x !== layer; });
        if (current && current.layer === layer) { clear(); }
      }
    };
    return map._landinvHub;
  }
})(window.L);
