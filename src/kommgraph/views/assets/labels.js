/* kommgraph page 3/5: labels by importance and zoom, never on top of each other.
   vis-network draws no labels; after each drawing this pass places them on screen,
   most central first (the selected, hovered and ego nodes before all), each below its
   node where no placed label is, checked on a grid of cells; a label that does not fit
   waits until the zoom makes room. The ego actor gets a ring. */
(function () {
"use strict";
var api = window.kommgraph, D = api.data, N = D.nodes, G = D.groups || [];
var network = api.network, egoId = D.ego === null || D.ego === undefined ? null : N[D.ego].id;
var FONT = "system-ui, -apple-system, \"Segoe UI\", Roboto, sans-serif";
var CELL = 48, MAX_LABELS = 400, PAD = 3, NODE_PX = 5;  /* smaller nodes may be covered */
var widths = {};  /* label -> width at 10px */
var order = [];   /* display ids, most important first */
var names = {};   /* display id -> label */
var weight = {};  /* display id -> importance for the font size, 0..1 */

function rank() {
  var shown = api.shown(), top = 0, items = [];
  Object.keys(shown.refs).forEach(function (id) {
    var g = id.indexOf("group:") === 0 ? G[+id.slice(6)] : null, score;
    if (g) {
      names[id] = g.name.length > 40 ? g.name.slice(0, 39) + "…" : g.name;
      score = Infinity;
    } else {
      names[id] = N[api.index[id]].label;
      score = N[api.index[id]].score;
    }
    if (score !== Infinity) { top = Math.max(top, score); }
    items.push([id, score]);
  });
  items.sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : 1); });
  order = items.map(function (x) { return x[0]; });
  items.forEach(function (x) { weight[x[0]] = x[1] === Infinity ? 1 : Math.sqrt(x[1] / (top || 1)); });
  if (egoId) { order.unshift(egoId); }
}
rank();
api.on("shown", rank);

var cols = 0, rows = 0;
function cells(box, fn) {  /* the grid cells a box covers, clamped to the screen's */
  var a0 = Math.max(0, Math.floor(box[0] / CELL)), a1 = Math.min(cols - 1, Math.floor(box[2] / CELL));
  var b0 = Math.max(0, Math.floor(box[1] / CELL)), b1 = Math.min(rows - 1, Math.floor(box[3] / CELL));
  for (var b = b0; b <= b1; b++) { for (var a = a0; a <= a1; a++) { fn(b * cols + a); } }
}
function mark(grid, box) { cells(box, function (c) { (grid[c] = grid[c] || []).push(box); }); }
function taken(grid, box) {  /* overlaps a placed label or another node */
  var hit = false;
  cells(box, function (c) {
    var list = grid[c] || [];
    for (var i = 0; i < list.length && !hit; i++) {
      var o = list[i];
      if (o[4] !== box[4] && box[0] < o[2] && o[0] < box[2] && box[1] < o[3] && o[1] < box[3]) { hit = true; }
    }
  });
  return hit;
}
function width(ctx, text) {
  if (!(text in widths)) {
    ctx.font = "10px " + FONT;
    widths[text] = ctx.measureText(text).width;
  }
  return widths[text];
}

network.on("afterDrawing", function (ctx) {
  var t0 = performance.now();
  var scale = network.getScale(), origin = network.canvasToDOM({x: 0, y: 0});
  var canvas = ctx.canvas, ratio = window.devicePixelRatio || 1;
  var w = canvas.width / ratio, h = canvas.height / ratio, grid = [], placed = 0;
  cols = Math.ceil(w / CELL) + 1;
  rows = Math.ceil(h / CELL) + 1;
  var body = network.body, seen = {};
  var first = Object.keys(api.marked).concat(order);
  ctx.save();
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  ctx.lineJoin = "round";
  body.nodeIndices.forEach(function (id) {  /* the nodes on screen: no label covers them,
                                              but a dot of a few pixels in an overview */
    var n = body.nodes[id], x = n.x * scale + origin.x, y = n.y * scale + origin.y;
    var r = n.options.size * scale;
    if (r < NODE_PX || x < -r || y < -r || x > w + r || y > h + r) { return; }
    mark(grid, [x - r, y - r, x + r, y + r, id]);
  });
  var most = Math.min(MAX_LABELS, Math.round(w * h / 10000));  /* an overview stays legible */
  for (var k = 0; k < first.length && placed < most; k++) {
    var id = first[k], node = body.nodes[id];
    if (seen[id] || !node || node.options.hidden) { continue; }
    seen[id] = true;
    var x = node.x * scale + origin.x, y = node.y * scale + origin.y;
    var r = node.options.size * scale, text = names[id] || "";
    var must = api.marked[id] === true || id === egoId;
    if (!text || x < -200 || x > w + 200 || y < -50 || y > h + 50) { continue; }
    var size = must ? 14 : 11 + 4 * (weight[id] || 0), half = width(ctx, text) * size / 20 + PAD;
    var top = y + r + 2, bottom = top + size + PAD;
    x = Math.min(Math.max(x, half), w - half);  /* inside the canvas, near its node */
    var box = [x - half, top, x + half, bottom, id];
    if (!must && taken(grid, box)) { continue; }
    mark(grid, box);
    placed += 1;
    ctx.font = (must ? "600 " : "") + size + "px " + FONT;
    ctx.lineWidth = 4;
    ctx.strokeStyle = "rgba(255,255,255,0.92)";
    ctx.strokeText(text, x, top);
    ctx.fillStyle = "#1a1a1a";
    ctx.fillText(text, x, top);
  }
  if (egoId && body.nodes[egoId]) {
    var ego = body.nodes[egoId];
    ctx.beginPath();
    ctx.arc(ego.x * scale + origin.x, ego.y * scale + origin.y, ego.options.size * scale + 7, 0, 2 * Math.PI);
    ctx.lineWidth = 4;
    ctx.strokeStyle = "#C00000";
    ctx.stroke();
  }
  ctx.restore();
  api.labels = {placed: placed, ms: performance.now() - t0};
});
}());
