/* kommgraph page 1/5: the data, the drawing and what is shown.
   Positions come from Python (page_layout.py): vis-network only draws them, with
   physics off, and nothing is moved node by node after loading. Above a size the
   data carries communities ("groups"): each is drawn as one node until it is opened.
   Filters hide nodes through vis-network's own "hidden" flag on its internal nodes and
   one _updateVisibleIndices() (9.1.2): a DataSet update of 2,000 nodes and 28,000 edges
   took over a second, this takes milliseconds. Every text is set with textContent. */
(function () {
"use strict";
var D = JSON.parse(document.getElementById("kg-data").textContent);
var N = D.nodes, E = D.edges, G = D.groups || [];
var handlers = {};
var api = window.kommgraph = {data: D, timing: {}, open: {}};

function $(id) { return document.getElementById(id); }
function el(tag, cls, text) {
  var e = document.createElement(tag);
  if (cls) { e.className = cls; }
  if (text !== undefined && text !== null) { e.textContent = text; }
  return e;
}
function say(key, values) {  /* a word of the interface, with its {name}s filled in */
  return D.ui[key].replace(/\{(\w+)\}/g, function (all, name) {
    return values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
  });
}
api.$ = $;
api.el = el;
api.say = say;
api.on = function (name, fn) { (handlers[name] = handlers[name] || []).push(fn); };
api.emit = function (name, arg) { (handlers[name] || []).forEach(function (fn) { fn(arg); }); };
api.measure = function (kind, start) {  /* ms from an event until the frame after it is painted */
  requestAnimationFrame(function () {
    requestAnimationFrame(function () { api.timing[kind] = performance.now() - start; });
  });
};

var groupOf = new Int32Array(N.length).fill(-1);
G.forEach(function (g, k) { g.members.forEach(function (i) { groupOf[i] = k; }); });
var byId = {};
N.forEach(function (n, i) { byId[n.id] = i; });
api.index = byId;
/* display ids drawn marked (selection, hover): read by edges.js and labels.js on every
   frame, set by panel.js. Here, in the first script: a site page loads the scripts as
   files, and vis-network may draw a frame before the later ones have run. */
api.marked = {};
api.groupOf = groupOf;
api.edgeId = function (i) { return N[E[i].from].id + " -- " + N[E[i].to].id; };

function colors(fill, border) {
  return {background: fill, border: border,
          highlight: {background: fill, border: "#000000"},
          hover: {background: fill, border: "#000000"}};
}
function nodeItem(n, i) {
  var ego = D.ego === i;
  return {id: n.id, x: n.x, y: n.y, shape: n.shape, size: ego ? n.size * 1.25 : n.size,
          borderWidth: ego ? 5 : 1, color: colors(n.color, ego ? "#000000" : "#333333")};
}
function groupItem(g, k) {
  return {id: "group:" + k, x: g.x, y: g.y, shape: "dot", size: g.size, borderWidth: 2,
          shapeProperties: {borderDashes: [6, 4]}, color: colors(g.color, "#333333")};
}
/* What is shown for the open groups: display nodes and edges, each with the data items
   behind it; the edges strongest first (the drawing keeps to a budget of edges). */
function build() {
  var nodes = [], refs = {}, list = [], edgeRefs = {}, heaviest = 0;
  var key = function (i) {
    var g = groupOf[i];
    return g >= 0 && !api.open[g] ? "group:" + g : N[i].id;
  };
  N.forEach(function (n, i) {
    if (groupOf[i] < 0 || api.open[groupOf[i]]) { nodes.push(nodeItem(n, i)); refs[n.id] = [i]; }
  });
  G.forEach(function (g, k) {
    if (!api.open[k]) { nodes.push(groupItem(g, k)); refs["group:" + k] = g.members; }
  });
  E.forEach(function (e, i) {
    var a = key(e.from), b = key(e.to), id, item;
    if (a === b) { return; }
    if (a === N[e.from].id && b === N[e.to].id) {  /* "a -- b", a < b, as in Python */
      id = a + " -- " + b;
      edgeRefs[id] = [i];
      list.push({id: id, from: a, to: b, width: e.width, weight: e.weight, real: true});
      return;
    }
    if (b < a) { id = a; a = b; b = id; }
    id = a + " -- " + b;
    item = edgeRefs[id];
    if (!item) {
      edgeRefs[id] = item = [];
      list.push({id: id, from: a, to: b, weight: 0, real: false});
    }
    item.push(i);
  });
  list.forEach(function (d) {
    if (d.real) { return; }
    edgeRefs[d.id].forEach(function (i) { d.weight += E[i].weight; });
    heaviest = Math.max(heaviest, d.weight);
  });
  list.forEach(function (d) { if (!d.real) { d.width = 1 + 7 * Math.sqrt(d.weight / heaviest); } });
  list.sort(function (a, b) { return b.weight - a.weight || (a.id < b.id ? -1 : 1); });
  var at = {};
  list.forEach(function (d, k) { at[d.id] = k; });
  return {nodes: nodes, refs: refs, edges: list, edgeRefs: edgeRefs, edgeAt: at,
          edgeHidden: new Uint8Array(list.length)};
}

var shown = build();
var nodes = new vis.DataSet(shown.nodes);
/* vis-network draws the nodes only: 28,000 edges drawn one by one cost it 200 ms per
   frame and 2 s to set up; edges.js draws a budget of them, strongest first. */
var network = new vis.Network($("kg-canvas"), {nodes: nodes, edges: new vis.DataSet([])}, {
  layout: {improvedLayout: false, randomSeed: D.seed},
  physics: false,
  nodes: {borderWidth: 1},
  interaction: {hover: false, keyboard: false, tooltipDelay: 3600000, selectConnectedEdges: false}
});
api.nodes = nodes;
api.network = network;
/* a redraw at the next frame, as vis-network asks for its own (redraw() draws at once) */
api.refresh = function () { network.body.emitter.emit("_requestRedraw"); };
api.shown = function () { return shown; };

/* Which data items pass the page's filters; a display item shows if one behind it does. */
var rule = {topic: null, lo: null, hi: null};
api.rule = rule;
function passes(facets) {  /* some event fits both the years and the topic */
  return facets.some(function (f) {
    var y = f[0];
    if ((rule.lo !== null || rule.hi !== null) && y === null) { return false; }
    if ((rule.lo !== null && y < rule.lo) || (rule.hi !== null && y > rule.hi)) { return false; }
    return rule.topic === null || f[1].indexOf(rule.topic) >= 0;
  });
}
api.filtering = function () { return rule.topic !== null || rule.lo !== null || rule.hi !== null; };
function visibility() {
  var active = api.filtering(), nodeOk = new Uint8Array(N.length), edgeOk = new Uint8Array(E.length);
  var linked = new Uint8Array(N.length), count = 0;
  E.forEach(function (e, i) {
    linked[e.from] = linked[e.to] = 1;
    if (!active || passes(e.facets)) { edgeOk[i] = nodeOk[e.from] = nodeOk[e.to] = 1; }
  });
  N.forEach(function (n, i) {
    if (!active || (!linked[i] && passes(n.facets))) { nodeOk[i] = 1; }
    count += nodeOk[i];
  });
  return {nodes: nodeOk, edges: edgeOk, count: count};
}
api.show = function () {  /* apply the filters to what is drawn; returns the visible node ids */
  var ok = visibility(), body = network.body, visible = [];
  var some = function (refs, flags) {
    for (var k = 0; k < refs.length; k++) { if (flags[refs[k]]) { return true; } }
    return false;
  };
  Object.keys(shown.refs).forEach(function (id) {
    var on = some(shown.refs[id], ok.nodes);
    body.nodes[id].options.hidden = !on;
    if (on) { visible.push(id); }
  });
  shown.edges.forEach(function (d, k) { shown.edgeHidden[k] = some(shown.edgeRefs[d.id], ok.edges) ? 0 : 1; });
  network._updateVisibleIndices();
  api.refresh();
  api.matching = ok.count;
  return visible;
};
api.visible = function () { return network.body.nodeIndices.slice().sort(); };

/* Open a group (or close them all): the display items change, positions stay. */
function sync() {
  var next = build();
  nodes.remove(Object.keys(shown.refs).filter(function (id) { return !next.refs[id]; }));
  nodes.add(next.nodes.filter(function (d) { return !shown.refs[d.id]; }));
  shown = next;
  api.show();
  api.emit("shown");
}
api.openGroup = function (k) {
  if (k < 0 || api.open[k]) { return; }
  var start = performance.now();
  api.open[k] = true;
  sync();
  $("kg-close-groups").hidden = false;
  api.measure("open", start);
};
api.closeGroups = function () {
  api.open = {};
  sync();
  $("kg-close-groups").hidden = true;
};
if (G.length) { $("kg-close-groups").addEventListener("click", api.closeGroups); }

/* Where the view starts: everything, or the ego actor in the middle. */
api.home = function (animate) {
  var ego = D.ego === null || D.ego === undefined ? null : N[D.ego];
  var anim = animate ? {duration: 250} : false;
  if (!ego || !network.body.nodes[ego.id]) { network.fit({animation: anim}); return; }
  var box = $("kg-canvas").getBoundingClientRect(), far = 1;
  network.body.nodeIndices.forEach(function (id) {
    var n = network.body.nodes[id];
    far = Math.max(far, Math.abs(n.x - ego.x) * box.height / box.width, Math.abs(n.y - ego.y));
  });
  network.moveTo({position: {x: ego.x, y: ego.y}, scale: 0.45 * box.height / (far + 40),
                  animation: anim});
};
document.addEventListener("DOMContentLoaded", function () {
  api.home(false);
  api.emit("start");
  network.once("afterDrawing", function () {
    $("kg-status").textContent = say("ready");
    api.timing.ready = performance.now();  /* ms since navigation started */
    document.body.dataset.state = "ready";
  });
  network.redraw();
});
}());
