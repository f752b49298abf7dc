/* kommgraph page 4/5: the evidence, on hover and pinned in the side panel.
   Hovering shows a tooltip that stays while the pointer moves into it; clicking pins
   the evidence in the side panel as selectable text, with a copy button, a link to
   the actor's page of the site (when the page is part of one) and the selection in
   the URL fragment (#node=IRI or #edge=IRI|IRI, each encoded): opening the page with
   it restores the selection. Hit tests (vis-network's getNodeAt, edges.js's edgeAt)
   redraw nothing. */
(function () {
"use strict";
var api = window.kommgraph, D = api.data, N = D.nodes, E = D.edges, G = D.groups || [];
var network = api.network, $ = api.$, el = api.el, say = api.say;
var canvas = $("kg-canvas"), tip = $("kg-tip"), panel = $("kg-panel"), body = $("kg-panel-body");
var hovered = null, hideTimer = null, restTimer = null, pending = false, pinned = null;

function line(t) { return typeof t === "number" ? D.strings[t] : t; }
function evidence(item, hint) {  /* DOM built with textContent: data never becomes HTML */
  var box = el("div", "kg-evidence");
  box.appendChild(el("h3", null, item.title));
  if (item.alt && item.alt.length) { box.appendChild(el("div", "kg-alt", say("also", {names: item.alt.join(", ")}))); }
  box.appendChild(el("div", "kg-sub", line(item.tip.sub)));
  item.tip.sections.forEach(function (s) {
    if (!s.items.length) { return; }
    var ul = el("ul");
    box.appendChild(el("div", "kg-head", line(s.head)));
    s.items.forEach(function (i) {
      var li = el("li", null, line(i[0])), inner = el("ul");
      i[1].forEach(function (x) { inner.appendChild(el("li", null, line(x))); });
      if (i[1].length) { li.appendChild(inner); }
      ul.appendChild(li);
    });
    if (s.more) { ul.appendChild(el("li", "kg-more", say("more", {count: s.more}))); }
    box.appendChild(ul);
  });
  if (hint) { box.appendChild(el("div", "kg-hint", hint)); }
  return box;
}
function pair(a, b) { return encodeURIComponent(a) + "|" + encodeURIComponent(b); }
/* What a display item is: title, evidence, other names, link, fragment. */
function describe(id) {
  if (Object.prototype.hasOwnProperty.call(api.index, id)) {
    var n = N[api.index[id]];
    return {title: n.name, tip: n.tip, alt: n.alt, path: n.path, hash: "node=" + encodeURIComponent(n.id)};
  }
  if (id.indexOf("group:") === 0) {
    var g = G[+id.slice(6)];
    return {title: g.name, tip: g.tip, group: +id.slice(6)};
  }
  var shown = api.shown(), refs = shown.edgeRefs[id];
  if (!refs) { return null; }
  var e = E[refs[0]], ends = api.endsOf(id).map(title);
  if (shown.edges[shown.edgeAt[id]].real) {
    return {title: N[e.from].name + " — " + N[e.to].name, tip: e.tip, hash: "edge=" + pair(N[e.from].id, N[e.to].id)};
  }
  var sum = 0;
  refs.forEach(function (i) { sum += E[i].weight; });
  return {title: ends.join(" — "), tip: {sub: say("ties", {count: refs.length, weight: Math.round(sum * 100) / 100}), sections: []}};
}
function title(id) {
  return id.indexOf("group:") === 0 ? G[+id.slice(6)].name : N[api.index[id]].name;
}
api.describe = describe;

/* hover */
function hide() { tip.hidden = true; hovered = null; }
function later() { clearTimeout(hideTimer); hideTimer = setTimeout(hide, 350); }
function hover(point, start) {
  var id = network.getNodeAt(point);
  if (id === undefined) { id = api.edgeAt(point); }
  if (id === undefined || id === null) { later(); return; }
  clearTimeout(hideTimer);
  if (id !== hovered) {
    var item = describe(id);
    if (!item) { return; }
    hovered = id;
    tip.replaceChildren(evidence(item, item.group === undefined ? say("pin_hint") : say("open_hint")));
    tip.hidden = false;
    /* passed over on the way elsewhere, it lets the pointer through; rested on, it can be
       entered (and its text selected) */
    tip.classList.add("kg-passive");
    clearTimeout(restTimer);
    restTimer = setTimeout(function () { tip.classList.remove("kg-passive"); }, 250);
    /* beside the pointer, on the side where it fits: it never covers what is hovered */
    var box = canvas.getBoundingClientRect(), w = tip.offsetWidth, h = tip.offsetHeight;
    var left = point.x + 14 + w <= box.width - 8 ? point.x + 14 : point.x - 14 - w;
    var top = point.y + 14 + h <= box.height - 8 ? point.y + 14 : point.y - 14 - h;
    tip.style.left = Math.max(4, left) + "px";
    tip.style.top = Math.max(4, top) + "px";
    api.measure("hover", start);
  }
}
canvas.addEventListener("mousemove", function (ev) {
  if (pending) { return; }
  pending = true;
  var box = canvas.getBoundingClientRect(), point = {x: ev.clientX - box.left, y: ev.clientY - box.top};
  var start = ev.timeStamp;
  requestAnimationFrame(function () { pending = false; hover(point, start); });
});
canvas.addEventListener("mouseleave", later);
tip.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
tip.addEventListener("mouseleave", later);

/* the side panel */
function unpin() {
  pinned = null;
  api.marked = {};
  api.chosenEdge = null;
  panel.hidden = true;
  network.selectNodes([]);
  api.refresh();
  if (location.hash) { history.replaceState(null, "", location.pathname + location.search); }
}
function pin(id, focus) {
  var i = api.index[id];
  if (i !== undefined && api.groupOf[i] >= 0 && !api.open[api.groupOf[i]]) { api.openGroup(api.groupOf[i]); }
  var item = describe(id);
  if (!item) { return false; }
  if (item.group !== undefined) { api.openGroup(item.group); hide(); return true; }
  pinned = id;
  var box = evidence(item), links = el("p", "kg-links");
  if (D.site !== null && D.site !== undefined && item.path) {
    var a = el("a", null, say("site_page"));
    a.href = D.site + "/" + item.path;
    links.appendChild(a);
  }
  if (item.hash) {
    var self = el("a", null, say("permalink"));
    self.href = "#" + item.hash;
    links.appendChild(self);
    history.replaceState(null, "", "#" + item.hash);
  }
  box.appendChild(links);
  body.replaceChildren(box);
  $("kg-copy-status").textContent = "";
  panel.hidden = false;
  api.marked = {};
  api.chosenEdge = null;
  if (api.index[id] !== undefined) {
    api.marked[id] = true;
    network.selectNodes([id]);
    if (focus) { network.focus(id, {scale: Math.max(network.getScale(), 1.1), animation: {duration: 250}}); }
  } else {
    var ends = api.endsOf(id), at = network.getPositions(ends);
    ends.forEach(function (x) { api.marked[x] = true; });
    api.chosenEdge = id;
    network.selectNodes([]);
    if (focus) {
      network.moveTo({position: {x: (at[ends[0]].x + at[ends[1]].x) / 2, y: (at[ends[0]].y + at[ends[1]].y) / 2},
                      scale: Math.max(network.getScale(), 1.1), animation: {duration: 250}});
    }
  }
  api.refresh();
  return true;
}
api.pin = pin;
api.unpin = unpin;
api.pinned = function () { return pinned; };
network.on("click", function (params) {
  var start = performance.now();
  var edge = params.nodes.length ? null : api.edgeAt(params.pointer.DOM);
  if (params.nodes.length) { pin(params.nodes[0], false); } else if (edge) { pin(edge, false); }
  api.measure("click", start);
});
$("kg-close").addEventListener("click", unpin);
document.addEventListener("keydown", function (ev) { if (ev.key === "Escape" && pinned) { unpin(); } });
$("kg-copy").addEventListener("click", function () {
  var text = body.innerText, status = $("kg-copy-status");
  function select() {
    var range = document.createRange(), sel = window.getSelection();
    range.selectNodeContents(body);
    sel.removeAllRanges();
    sel.addRange(range);
    var done = false;
    try { done = document.execCommand("copy"); } catch (e) { done = false; }
    status.textContent = say(done ? "copied" : "selected");
  }
  if (navigator.clipboard && navigator.clipboard.writeText) {
    navigator.clipboard.writeText(text).then(function () { status.textContent = say("copied"); }, select);
  } else { select(); }
});

/* the selection in the URL fragment */
function restore() {
  var hash = location.hash.slice(1), eq = hash.indexOf("="), what = hash.slice(0, eq);
  var value = hash.slice(eq + 1), ids;
  try {
    ids = value.split("|").map(decodeURIComponent);
  } catch (e) { return false; }
  ids.forEach(function (iri) {  /* an edge's ends may sit in closed communities */
    var i = api.index[iri];
    if (i !== undefined && api.groupOf[i] >= 0) { api.openGroup(api.groupOf[i]); }
  });
  if (what === "node" && ids.length === 1 && api.index[ids[0]] !== undefined) { return pin(ids[0], true); }
  if (what === "edge" && ids.length === 2) {
    var id = ids.slice().sort().join(" -- ");
    if (!api.shown().edgeRefs[id]) { id = ids.slice().reverse().join(" -- "); }
    return api.shown().edgeRefs[id] ? pin(id, true) : false;
  }
  return false;
}
api.on("start", function () { if (location.hash.length > 1) { restore(); } });
window.addEventListener("hashchange", function () { if (location.hash.length > 1) { restore(); } });
}());
