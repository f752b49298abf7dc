/* kommgraph page 5/5: the search and the filters.
   The search folds case and accents as the command line does (kommgraph.rdf.names.fold:
   "Jörn" = "joern" = "jorn"), looks at every label and other name (skos:altLabel) and
   lists all hits, best first; a hit is pinned and shown on click. The topic and year
   filters hide what no event of theirs supports, fit the view to what is left and say
   so in the header. */
(function () {
"use strict";
var api = window.kommgraph, D = api.data, N = D.nodes, network = api.network;
var $ = api.$, el = api.el, say = api.say;
var keys = null;  /* per node: [folded name or other name, ...], made on first use */

function folds(s) {
  var a = s.toLowerCase().replace(/ß/g, "ss");
  return [a.replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue"), a].map(function (x) {
    return x.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/\s+/g, " ").trim();
  });
}
function rank(key, q) {
  if (key === q) { return 0; }
  if (key.indexOf(q) === 0) { return 1; }
  if ((" " + key).indexOf(" " + q) >= 0) { return 2; }
  return key.indexOf(q) >= 0 ? 3 : 9;
}
/* Every node whose name or other name contains the query: [node index, rank, matched name]. */
function hits(query) {
  var q = folds(query).filter(function (x, i, all) { return x && all.indexOf(x) === i; });
  var out = [];
  if (!q.length) { return out; }
  if (!keys) {
    keys = N.map(function (n) {
      return [n.name].concat(n.alt || []).map(function (name) { return [name, folds(name)]; });
    });
  }
  keys.forEach(function (names, i) {
    var best = 9, via = null;
    names.forEach(function (nk) {
      nk[1].forEach(function (k) {
        q.forEach(function (x) {
          var r = rank(k, x);
          if (r < best) { best = r; via = nk[0]; }
        });
      });
    });
    if (best < 9) { out.push([i, best, via]); }
  });
  return out.sort(function (a, b) {
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
