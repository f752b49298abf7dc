(function () {
"use strict";
var D = JSON.parse(document.getElementById("kg-data").textContent);
function $(id) { return document.getElementById(id); }
function el(tag, cls, text) {
  var e = document.createElement(tag);
  if (cls) { e.className = cls; }
  if (text !== undefined) { e.textContent = text; }
  return e;
}
function tip(title, t) {  /* DOM built with textContent: data never becomes HTML */
  var box = el("div", "kg-tip");
  box.appendChild(el("strong", null, title));
  box.appendChild(el("div", "kg-sub", D.strings[t.sub]));
  t.sections.forEach(function (s) {
    if (!s.items.length) { return; }
    var ul = el("ul");
    box.appendChild(el("div", "kg-head", D.strings[s.head]));
    s.items.forEach(function (i) {
      var li = el("li", null, D.strings[i[0]]), inner = el("ul");
      i[1].forEach(function (x) { inner.appendChild(el("li", null, D.strings[x])); });
      if (i[1].length) { li.appendChild(inner); }
      ul.appendChild(li);
    });
    if (s.more) { ul.appendChild(el("li", "kg-more", "… and " + s.more + " more")); }
    box.appendChild(ul);
  });
  return box;
}
var nodes = new vis.DataSet(D.nodes.map(function (n) {
  return {id: n.id, label: n.label, shape: n.shape, size: n.size, title: tip(n.name, n.tip),
          color: {background: n.color, border: "#333333",
                  highlight: {background: n.color, border: "#000000"},
                  hover: {background: n.color, border: "#000000"}}};
}));
var E = D.edges.map(function (e) {  /* edge ids are "a -- b", a < b, as in Python */
  var a = D.nodes[e.from], b = D.nodes[e.to];
  return {id: a.id + " -- " + b.id, from: a.id, to: b.id, width: e.width, facets: e.facets,
          title: tip(a.name + " — " + b.name, e.tip)};
});
var edges = new vis.DataSet(E.map(function (e) {
  return {id: e.id, from: e.from, to: e.to, width: e.width, title: e.title};
}));
var network = new vis.Network($("kg-canvas"), {nodes: nodes, edges: edges}, {
  layout: {randomSeed: D.seed, improvedLayout: D.nodes.length <= 150},
  nodes: {borderWidth: 1, font: {size: 21, face: "system-ui, sans-serif", color: "#1a1a1a",
          strokeWidth: 4, strokeColor: "#ffffff"}},
  edges: {color: {color: "rgba(80,80,80,0.35)", highlight: "#222222", hover: "#444444"},
          smooth: false, selectionWidth: 1.5, hoverWidth: 1},
  interaction: {hover: true, tooltipDelay: 120, keyboard: false},
  physics: {solver: "forceAtlas2Based", minVelocity: 0.75,
            forceAtlas2Based: {gravitationalConstant: -160, centralGravity: 0.02, springLength: 150,
                               springConstant: 0.04, avoidOverlap: 1},
            stabilization: {enabled: true, iterations: 700, updateInterval: 50, fit: true}}
});
var api = {nodes: nodes, edges: edges, network: network, data: D, stabilized: false};
window.kommgraph = api;
function stretch() {  /* widen a round layout to the canvas's aspect: more room for labels */
  var pos = network.getPositions(), ids = Object.keys(pos);
  var box = $("kg-canvas").getBoundingClientRect();
  if (ids.length < 3 || !box.height) { return; }
  var xs = ids.map(function (i) { return pos[i].x; });
  var ys = ids.map(function (i) { return pos[i].y; });
  var lo = Math.min.apply(null, xs), w = Math.max.apply(null, xs) - lo;
  var h = Math.max.apply(null, ys) - Math.min.apply(null, ys);
  var f = Math.min((box.width / box.height) / (w / h || 1), 1.8), mid = lo + w / 2;
  if (!(f > 1.05)) { return; }
  ids.forEach(function (i) { network.moveNode(i, mid + (pos[i].x - mid) * f, pos[i].y); });
}
function done() {
  network.setOptions({physics: false});
  stretch();
  network.fit();
  api.stabilized = true;
  $("kg-status").textContent = "Layout done; physics stopped.";
}
network.on("stabilizationProgress", function (p) {
  $("kg-status").textContent = "Laying out… " + Math.round(100 * p.iterations / p.total) + "%";
});
network.once("stabilizationIterationsDone", done);
if (!D.nodes.length) { done(); }

function folds(s) {
  var a = s.toLowerCase(), b = a.replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue");
  return [a, b].map(function (x) {
    return x.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/ß/g, "ss")
      .replace(/\s+/g, " ").trim();
  });
}
var keys = {};
D.nodes.forEach(function (n) { keys[n.id] = folds(n.name); });
function rank(key, q) {
  if (key === q) { return 0; }
  if (key.indexOf(q) === 0) { return 1; }
  if ((" " + key).indexOf(" " + q) >= 0) { return 2; }
  return key.indexOf(q) >= 0 ? 3 : 9;
}
function find(query) {
  var q = folds(query).filter(function (x) { return x; }), best = null, bestRank = 9;
  D.nodes.forEach(function (n) {
    var r = 9;
    keys[n.id].forEach(function (k) { q.forEach(function (x) { r = Math.min(r, rank(k, x)); }); });
    if (r < bestRank || (r < 9 && r === bestRank && n.score > best.score)) {
      best = n;
      bestRank = r;
    }
  });
  return best;
}
function focus(query) {
  var n = find(query);
  if (!n) { $("kg-found").textContent = "No actor matches “" + query + "”."; return null; }
  if (nodes.get(n.id).hidden) { reset(); }
  network.selectNodes([n.id]);
  network.focus(n.id, {scale: 1.3, animation: {duration: 300}});
  $("kg-found").textContent = "Found: " + n.name;
  return n.id;
}
api.find = function (q) { var n = find(q); return n ? n.id : null; };
api.focus = focus;
$("kg-search-form").addEventListener("submit", function (ev) {
  ev.preventDefault();
  focus($("kg-search").value);
});
D.nodes.forEach(function (n) {
  var o = el("option");
  o.value = n.name;
  $("kg-names").appendChild(o);
});

var sel = $("kg-topic"), from = $("kg-from"), to = $("kg-to");
D.topics.forEach(function (t) {
  var o = el("option", null, t.label);
  o.value = String(t.index);
  sel.appendChild(o);
});
if (D.years.length) {
  from.min = to.min = from.placeholder = D.years[0];
  from.max = to.max = to.placeholder = D.years[1];
}
function num(input) { var v = parseInt(input.value, 10); return isNaN(v) ? null : v; }
function passes(facets, topic, lo, hi) {  /* some event fits both the years and the topic */
  return facets.some(function (f) {
    var y = f[0];
    if ((lo !== null || hi !== null) && y === null) { return false; }
    if ((lo !== null && y < lo) || (hi !== null && y > hi)) { return false; }
    return topic === null || f[1].indexOf(topic) >= 0;
  });
}
function apply() {
  var topic = sel.value === "" ? null : parseInt(sel.value, 10), lo = num(from), hi = num(to);
  var active = topic !== null || lo !== null || hi !== null, linked = {}, visible = {}, count = 0;
  var edgeUpdates = E.map(function (e) {
    var show = !active || passes(e.facets, topic, lo, hi);
    linked[e.from] = linked[e.to] = true;
    if (show) { visible[e.from] = visible[e.to] = true; }
    return {id: e.id, hidden: !show};
  });
  var nodeUpdates = D.nodes.map(function (n) {
    var show = !active || visible[n.id] === true ||
      (!linked[n.id] && passes(n.facets, topic, lo, hi));
    count += show ? 1 : 0;
    return {id: n.id, hidden: !show};
  });
  nodes.update(nodeUpdates);
  edges.update(edgeUpdates);
  $("kg-shown").textContent = active ? count + " of " + D.nodes.length + " nodes match." : "";
}
function reset() { sel.value = ""; from.value = ""; to.value = ""; apply(); }
[sel, from, to].forEach(function (x) { x.addEventListener("change", apply); });
$("kg-reset").addEventListener("click", reset);
api.apply = apply;
}());
