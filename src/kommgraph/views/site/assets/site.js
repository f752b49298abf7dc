/* kommgraph site: the search and the "copy" buttons of citations.
   The search index (assets/search.js) is loaded on first use only, by a script element:
   pages opened from disk (file://) may not fetch() their neighbours, but they may load
   a script of their own site (the pages' Content-Security-Policy allows 'self').
   The search folds case and accents as the command line and the network page do
   (fold.js, loaded before this script) and looks at every name and other name. Every text is set with textContent. */
(function () {
"use strict";
var root = document.body.getAttribute("data-root") || "";
var W = JSON.parse(document.getElementById("kg-words").textContent);
var form = document.getElementById("kg-find"), input = document.getElementById("kg-q");
var box = document.getElementById("kg-results"), status = document.getElementById("kg-status");
var hitsBox = document.getElementById("kg-hits");
var index = null, keys = null, loading = false, pending = null;
var SHOWN = 12;  /* hits listed per kind */
var api = window.kommgraphSite = {ready: false};
var fold = window.kommgraphFold;  /* the search rule of the network page too (fold.js) */

function say(key, values) {
  return W[key].replace(/\{(\w+)\}/g, function (all, name) {
    return values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
  });
}
function el(tag, text) {
  var e = document.createElement(tag);
  if (text !== undefined) { e.textContent = text; }
  return e;
}
function load(then) {
  pending = then;
  if (index || loading) { if (index) { then(); } return; }
  loading = true;
  status.textContent = say("loading");
  box.hidden = false;
  var s = document.createElement("script");
  s.src = root + "assets/search.js";
  s.addEventListener("load", function () {
    index = window.kommgraphSearch || {groups: [], items: []};
    keys = index.items.map(function (it) { return fold.keysOf([it[1]].concat(it[3] || [])); });
    api.ready = true;
    if (pending) { pending(); }
  });
  s.addEventListener("error", function () { status.textContent = say("failed"); });
  document.head.appendChild(s);
}
function find(query) {
  var items = index.items;
  return fold.match(keys, query).sort(function (a, b) {
    return a[1] - b[1] || (items[a[0]][1] < items[b[0]][1] ? -1 : items[a[0]][1] > items[b[0]][1] ? 1 : 0);
  });
}
function show(query) {
  var found = find(query), all = document.createDocumentFragment();
  box.hidden = !query.trim();
  index.groups.forEach(function (group, g) {
    var mine = found.filter(function (h) { return index.items[h[0]][0] === g; });
    if (!mine.length) { return; }
    all.appendChild(el("h2", say("group", {kind: group, count: mine.length})));
    var ul = el("ul");
    mine.slice(0, SHOWN).forEach(function (h) {
      var it = index.items[h[0]], li = el("li"), a = el("a", it[1]);
      a.href = root + it[2];
      li.appendChild(a);
      if (h[2] !== it[1]) { li.appendChild(el("span", " (" + h[2] + ")")); }
      ul.appendChild(li);
    });
    if (mine.length > SHOWN) { ul.appendChild(el("li", say("more", {count: mine.length - SHOWN}))); }
    all.appendChild(ul);
  });
  hitsBox.replaceChildren(all);
  status.textContent = !query.trim() ? "" :
    found.length ? say("matches", {count: found.length}) : say("none", {query: query});
  api.last = found.map(function (h) { return index.items[h[0]][2]; });
}
api.search = function (query) { input.value = query; load(function () { show(input.value); }); };
input.addEventListener("focus", function () { load(function () { if (input.value) { show(input.value); } }); });
input.addEventListener("input", function () { load(function () { show(input.value); }); });
form.addEventListener("submit", function (ev) {
  ev.preventDefault();
  load(function () {
    show(input.value);
    var first = hitsBox.querySelector("a");
    if (first) { first.focus(); }
  });
});

/* "Copy" beside a citation: the clipboard where the browser allows it, else a selection */
document.addEventListener("click", function (ev) {
  var button = ev.target.closest ? ev.target.closest(".kg-copy") : null;
  if (!button) { return; }
  var text = button.parentNode.querySelector(".cite-text");
  function selected() {
    var range = document.createRange();
    range.selectNodeContents(text);
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    button.textContent = say("selected");
  }
  if (navigator.clipboard && navigator.clipboard.writeText) {
    navigator.clipboard.writeText(text.textContent).then(function () {
      button.textContent = say("copied");
    }, selected);
  } else {
    selected();
  }
});
}());
