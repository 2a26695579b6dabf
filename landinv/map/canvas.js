/*
 * landinv map layer (see docs/map.md): many polygons on one canvas, drawn
 * from the compact payload that landinv.map.encode writes.
 *
 * Why one file of ~470 lines: it is inlined into the map page as a single
 * script (landinv.map.elements.LayerLibrary) whose parts share private
 * helpers inside one closure; splitting it would need a loader or globals.
 *
 * Payload: vertices as integer steps of `q` degrees, delta-coded along one
 * stream ("c", lon/lat interleaved) in base64 VLQ text; vertex count of each
 * ring ("r") and ring count of each feature ("f") in the same code; attribute
 * columns for the tooltip ("cols"); a style class per feature ("k");
 * optionally "marked": features whose lookup column `col` holds one of the
 * indices `in` are drawn with `style` laid over their class style (supplied
 * parcels: pale, hatched, dashed), so the mark costs no byte per feature.
 *
 * Each layer is an L.Canvas renderer that draws only what is in view, in
 * paths of a few rings per style class, skipping vertices closer than half a
 * pixel. Level of detail by size on screen: a feature under THIN_PX gets a
 * hairline outline (and fewer vertices), one under DOT_PX is drawn as its box.
 * Hover and click are answered by one dispatcher per map from a grid index,
 * so there is no Leaflet object per feature: 100,000 parcels cost a few typed
 * arrays.
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
  function unitY(lat) {
    var s = Math.sin(Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI / 180);
    return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
  }

  // Latitudes within this many degrees of an anchor are projected with a
  // second-order Taylor step from it instead of sin + log: the error is below
  // 1e-10 of the world (0.03 px at zoom 20), and the first paint decodes
  // ~100k vertices in code not yet optimised.
  var ANCHOR_DEG = 0.05;

  // One pass over the vertex text: VLQ digits -> grid steps -> position ->
  // Web Mercator, with each feature's box (no intermediate arrays).
  function decodeGeometry(data) {
    var ringLen = decodeVlq(data.r), featRings = decodeVlq(data.f), n = featRings.length, i;
    var ring0 = new Int32Array(ringLen.length + 1), feat0 = new Int32Array(n + 1);
    for (i = 0; i < ringLen.length; i++) { ring0[i + 1] = ring0[i] + ringLen[i]; }
    for (i = 0; i < n; i++) { feat0[i + 1] = feat0[i] + featRings[i]; }
    var nv = ring0[ringLen.length], text = data.c || '', q = data.q;
    var ux = new Float64Array(nv), uy = new Float64Array(nv), box = new Float64Array(4 * n);
    var pos = 0, x = 0, y = 0, v = 0, limit = ANCHOR_DEG / q;
    var anchor = NaN, ya = 0, k1 = 0, k2 = 0;
    for (var f = 0; f < n; f++) {
      var end = ring0[feat0[f + 1]], x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      for (; v < end; v++) {
        for (var axis = 0; axis < 2; axis++) {
          var value = 0, shift = 0, d;
          do {
            d = DIGITS[text.charCodeAt(pos++)];
            value |= (d & 31) << shift;
            shift += 5;
          } while (d & 32);
          var delta = (value & 1) ? -(value >>> 1) : (value >>> 1);
          if (axis === 0) { x += delta; } else { y += delta; }
        }
        var px = x * q / 360 + 0.5, dy = y - anchor;
        if (!(dy <= limit && dy >= -limit)) {
          var lat = y * q;
          anchor = y; dy = 0; ya = unitY(lat);
          if (Math.abs(lat) < 80) {
            // dy/dlat = -sec(lat) / 360, d2y/dlat2 = -sec tan (pi / 180) / 360, per grid step.
            var rad = lat * Math.PI / 180, sec = 1 / Math.cos(rad);
            k1 = -sec / 360 * q;
            k2 = -sec * Math.tan(rad) * Math.PI / 180 / 720 * q * q;
          } else { k1 = k2 = 0; anchor = NaN; }  // near the poles: exact every time
        }
        var py = ya + (k1 + k2 * dy) * dy;
        ux[v] = px; uy[v] = py;
        if (px < x0) { x0 = px; }
        if (px > x1) { x1 = px; }
        if (py < y0) { y0 = py; }
        if (py > y1) { y1 = py; }
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

  // Level of detail (CSS pixels): features smaller than THIN_PX on screen get
  // a hairline outline; smaller than DOT_PX, they are drawn as their box.
  var THIN_PX = 16, DOT_PX = 1.5;

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
      var view = [(b.min.x + o.x) / scale, (b.min.y + o.y) / scale,
                  (b.max.x + o.x) / scale, (b.max.y + o.y) / scale];
      // Level of detail, by each feature's size on screen (world units per
      // pixel at this zoom): below THIN_PX its outline is a hairline, below
      // DOT_PX the feature is its box (at least one pixel).
      var lod = { thin: THIN_PX / scale, dot: DOT_PX / scale, scale: scale, ox: o.x, oy: o.y };
      var drawn = 0;
      for (var k = 0; k < this._groups.length; k++) {
        var group = this._groups[k];
        if (!group.feats.length) { continue; }
        // Small features first, with a hairline outline; then the others, in full style.
        drawn += this._drawPass(ctx, group, view, lod, true);
        drawn += this._drawPass(ctx, group, view, lod, false);
      }
      // Leaflet places permanent tooltips when they are added and on zoom; in
      // the app's iframe the view settles later, so move the labels with us.
      if (this._labels) { this._labels.forEach(function (t) { t.update(); }); }
      // What tests and benchmarks wait for: features drawn in the last frame.
      this._container.setAttribute('data-landinv-kind', this._data.kind);
      this._container.setAttribute('data-drawn', drawn);
      this._container.setAttribute('data-drawn-at', Math.round(performance.now()));
    },

    // Trace and paint the features of one group that are in view and small
    // (thin = true) or not; return how many. Runs cold on the first paint
    // (interpreted), so the loops keep everything in locals.
    _drawPass: function (ctx, group, view, lod, thin) {
      var g = this._geom, box = g.box, ux = g.ux, uy = g.uy, feat0 = g.feat0, ring0 = g.ring0;
      var feats = group.feats, nf = feats.length, chunk = this._chunk;
      var scale = lod.scale, ox = lod.ox, oy = lod.oy, small = lod.thin, dot = lod.dot;
      var vx0 = view[0], vy0 = view[1], vx1 = view[2], vy1 = view[3];
      // Vertices closer than this (|dx| + |dy|, pixels) to the last one drawn
      // are skipped: half a pixel in full detail, one for a small feature.
      var step = thin ? 1 : 0.5, drawn = 0, rings = 0;
      ctx.beginPath();
      for (var i = 0; i < nf; i++) {
        var f = feats[i], b = 4 * f, x0 = box[b], y0 = box[b + 1], x1 = box[b + 2], y1 = box[b + 3];
        if (x0 > vx1 || x1 < vx0 || y0 > vy1 || y1 < vy0) { continue; }
        var w = x1 - x0, h = y1 - y0;
        if ((w < small && h < small) !== thin) { continue; }
        drawn++;
        if (w < dot && h < dot) {
          ctx.rect(x0 * scale - ox, y0 * scale - oy, w * scale > 1 ? w * scale : 1, h * scale > 1 ? h * scale : 1);
          rings++;
        } else {
          // A small feature needs no more vertices than its size in pixels.
          var most = thin ? (w + h) * scale : Infinity;
          for (var r = feat0[f], r1 = feat0[f + 1]; r < r1; r++) {
            var v = ring0[r], end = ring0[r + 1], stride = 1;
            if (end - v > most + 4) { stride = Math.floor((end - v) / (most + 4)); }
            var lx = ux[v] * scale - ox, ly = uy[v] * scale - oy;
            ctx.moveTo(lx, ly);
            for (v += stride; v < end; v += stride) {
              var px = ux[v] * scale - ox, py = uy[v] * scale - oy, dx = px - lx, dy = py - ly;
              if ((dx < 0 ? -dx : dx) + (dy < 0 ? -dy : dy) < step) { continue; }
              ctx.lineTo(px, py);
              lx = px; ly = py;
            }
            ctx.closePath();
            rings++;
          }
        }
        if (rings > chunk) { this._paint(ctx, group.style, thin); ctx.beginPath(); rings = 0; }
      }
      if (rings) { this._paint(ctx, group.style, thin); }
      return drawn;
    },

    _paint: function (ctx, style, thin) {
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
        // Skia draws a stroke of at most one device pixel as a hairline: no
        // joins, no stroke outline to fill; ~5x cheaper than 1.2 px round joins
        // on thousands of parcels a few pixels wide, and it looks the same there.
        ctx.lineWidth = thin ? Math.min(style.w, 1) : style.w;
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
