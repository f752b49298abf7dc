/* kommgraph page 2/5: the edges, drawn under the nodes, strongest first, within a budget.
   A canvas without a graphics card spends its time on the pixels of the lines: 28,000
   edges took 200-400 ms per frame however they were batched, so each frame draws the
   strongest edges with an end on the screen, up to BUDGET edges (fewer while the view
   moves) and PIXELS of line length.
   Zooming in brings the weaker ones of that part of the network. Lines are 1 to 3
   pixels wide at any zoom (by weight): a 2-pixel line costs several times a 1-pixel
   one, and a zoomed-in 8-unit line 30 pixels. The edges of the selection are drawn on
   top. Hit tests run over the edges drawn in the last frame. */
(function () {
"use strict";
var api = window.kommgraph, network = api.network;
var BUDGET = 5000, MOVING = 1500, PIXELS = 1200000, CHUNK = 64;
var drawn = [];  /* indices into shown.edges, drawn in the last frame */
api.chosenEdge = null;  /* the display edge id pinned in the panel */

function inside(a, box) { return a.x >= box[0] && a.x <= box[2] && a.y >= box[1] && a.y <= box[3]; }
function stroke(ctx, list, nodes, picks, width, color) {
  ctx.lineWidth = width;
  ctx.strokeStyle = color;
  for (var s = 0; s < picks.length; s += CHUNK) {
    ctx.beginPath();
    for (var k = s; k < Math.min(picks.length, s + CHUNK); k++) {
      var d = list[picks[k]], a = nodes[d.from], b = nodes[d.to];
      ctx.moveTo(a.x, a.y);
      ctx.lineTo(b.x, b.y);
    }
    ctx.stroke();
  }
}

network.on("beforeDrawing", function (ctx) {
  var t0 = performance.now(), shown = api.shown(), list = shown.edges, hidden = shown.edgeHidden;
  var nodes = network.body.nodes, canvas = network.canvas.frame.canvas;
  var lo = network.DOMtoCanvas({x: 0, y: 0});
  var hi = network.DOMtoCanvas({x: canvas.clientWidth, y: canvas.clientHeight});
  var box = [lo.x, lo.y, hi.x, hi.y], renderer = network.renderer;
  var budget = renderer && (renderer.dragging || renderer.zooming) ? MOVING : BUDGET;
  var byWidth = {}, marked = [], k, d, a, b, length = 0, pixels = PIXELS / network.getScale();
  drawn = [];
  for (k = 0; k < list.length && drawn.length < budget; k++) {
    if (hidden[k]) { continue; }
    d = list[k];
    a = nodes[d.from];
    b = nodes[d.to];
    if (!a || !b || a.options.hidden || b.options.hidden || !(inside(a, box) || inside(b, box))) {
      continue;
    }
    length += Math.abs(a.x - b.x) + Math.abs(a.y - b.y);
    if (length > pixels) { break; }
    drawn.push(k);
    if (api.marked[d.from] || api.marked[d.to] || d.id === api.chosenEdge) { marked.push(k); continue; }
    var w = d.width < 4 ? 1 : d.width < 6.5 ? 2 : 3;  /* pixels on screen, at any zoom */
    (byWidth[w] = byWidth[w] || []).push(k);
  }
  var alpha = drawn.length > 2000 ? 0.22 : 0.35, scale = network.getScale();
  ctx.save();
  Object.keys(byWidth).forEach(function (w) {
    stroke(ctx, list, nodes, byWidth[w], +w / scale, "rgba(80,80,80," + alpha + ")");
  });
  marked.forEach(function (m) {
    stroke(ctx, list, nodes, [m], 2.5 / scale,
           list[m].id === api.chosenEdge ? "#C00000" : "rgba(20,20,20,0.8)");
  });
  ctx.restore();
  api.edgesDrawn = {count: drawn.length, of: list.length, ms: performance.now() - t0};
});

/* The display edge nearest to a point (DOM pixels in the canvas), within 6 pixels. */
api.edgeAt = function (point) {
  var shown = api.shown(), list = shown.edges, nodes = network.body.nodes;
  var p = network.DOMtoCanvas(point), reach = 6 / network.getScale(), best = null, bestD = reach * reach;
  drawn.forEach(function (k) {
    var d = list[k], a = nodes[d.from], b = nodes[d.to];
    if (!a || !b) { return; }
    var dx = b.x - a.x, dy = b.y - a.y, len = dx * dx + dy * dy;
    var t = len ? Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len)) : 0;
    var ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y, dist = ex * ex + ey * ey;
    if (dist <= bestD) { bestD = dist; best = d.id; }
  });
  return best;
};
/* The two display nodes of a display edge. */
api.endsOf = function (id) {
  var k = api.shown().edgeAt[id];
  if (k === undefined) { return null; }
  var d = api.shown().edges[k];
  return [d.from, d.to];
};
}());
