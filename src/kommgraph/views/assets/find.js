/* kommgraph page 5/5: the search and the filters.
   The search folds case and accents as the command line does (fold.js), looks at every
   label and other name (skos:altLabel) and lists all hits, best first; a hit is pinned and shown on click. The topic and year
   filters hide what no event of theirs supports, fit the view to what is left and say
   so in the header. */
(function () {
"use strict";
var api = window.kommgraph, D = api.data, N = D.nodes, network = api.network;
var $ = api.$, el = api.el, say = api.say;
var fold = window.kommgraphFold;
var keys = null;  /* per node: its names with their foldings, made on first use */

/* Every node whose name or other name holds the query (`kommgraph.fold`, fold.js):
   [node index, rank, matched name], best first, then the most central. */
function hits(query) {
  if (!keys) { keys = N.map(function (n) { return fold.keysOf([n.name].concat(n.alt || [])); }); }
  return fold.match(keys, query).sort(function (a, b) {
    return a[1] - b[1] || N[b[0]].score - N[a[0]].score || (N[a[0]].name < N[b[0]].name ? -1 : 1);
  });
}
api.find = function (query) { return hits(query).map(function (h) { return N[h[0]].id; }); };

function show(i) {
  var id = N[i].id;
  if (network.body.nodes[id] && network.body.nodes[id].options.hidden) { reset(); }
  api.pin(id, true);
  $("kg-found").textContent = say("found", {name: N[i].name});
  return id;
}
function list(query) {  /* all hits as buttons; returns them */
  var found = hits(query), box = $("kg-hits"), all = document.createDocumentFragment();
  found.forEach(function (h) {
    var li = el("li"), b = el("button", "kg-hit", N[h[0]].name);
    b.type = "button";
    if (h[2] !== N[h[0]].name) { li.title = h[2]; b.appendChild(el("span", "kg-via", " (" + h[2] + ")")); }
    b.addEventListener("click", function () { show(h[0]); });
    li.appendChild(b);
    all.appendChild(li);
  });
  box.replaceChildren(all);
  $("kg-found").textContent = !query.trim() ? "" :
    found.length ? say("matches", {count: found.length}) : say("no_match", {query: query});
  return found;
}
api.focus = function (query) {
  var found = list(query);
  if (!found.length) { return null; }
  return show(found[0][0]);
};
$("kg-search").addEventListener("input", function (ev) {
  list($("kg-search").value);
  api.measure("search", ev.timeStamp);
});
$("kg-search-form").addEventListener("submit", function (ev) {
  ev.preventDefault();
  api.focus($("kg-search").value);
});

/* filters */
var sel = $("kg-topic"), from = $("kg-from"), to = $("kg-to");
var names = {};
D.topics.forEach(function (t) {
  var o = el("option", null, t.label);
  o.value = String(t.index);
  names[t.index] = t.label;
  sel.appendChild(o);
});
if (D.years.length) {
  from.min = to.min = from.placeholder = D.years[0];
  from.max = to.max = to.placeholder = D.years[1];
}
function num(input) { var v = parseInt(input.value, 10); return isNaN(v) ? null : v; }
function header() {
  var parts = D.filters.slice(), rule = api.rule;
  if (rule.topic !== null) { parts.push(say("topic_is", {topic: names[rule.topic]})); }
  if (rule.lo !== null) { parts.push(say("since", {date: rule.lo})); }
  if (rule.hi !== null) { parts.push(say("until", {date: rule.hi})); }
  var text = say("filters", {filters: parts.length ? parts.join("; ") : say("no_filters")});
  var line = $("kg-filters");
  if (line) { line.textContent = text; }
  $("kg-shown").textContent = api.filtering() ? say("shown", {shown: api.matching, total: N.length}) : "";
}
function apply(ev) {
  var start = ev && ev.timeStamp ? ev.timeStamp : performance.now();
  api.rule.topic = sel.value === "" ? null : parseInt(sel.value, 10);
  api.rule.lo = num(from);
  api.rule.hi = num(to);
  var visible = api.show();
  if (visible.length) { network.fit({nodes: visible, animation: false}); }
  header();
  api.measure("filter", start);
}
function reset(ev) {
  sel.value = "";
  from.value = "";
  to.value = "";
  apply(ev);
  if (!api.filtering()) { api.home(false); }
}
[sel, from, to].forEach(function (x) { x.addEventListener("change", apply); });
$("kg-reset").addEventListener("click", reset);
api.apply = apply;
api.reset = reset;
}());
