/* kommgraph: how a name is searched, one rule for the network page and the site.
   Case and accents are folded as the command line does (kommgraph.rdf.names.fold:
   "Jörn" = "joern" = "jorn"); a name ranks 0 when it is the query, 1 when it starts
   with it, 2 when a word starts with it, 3 when it holds every word of the query. */
(function () {
"use strict";
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
  var words = q.split(" ");
  for (var i = 0; i < words.length; i++) { if (key.indexOf(words[i]) < 0) { return 9; } }
  return 3;
}
/* The keys of one entry: each of its names with the name's foldings. */
function keysOf(names) {
  return names.map(function (name) { return [name, folds(name)]; });
}
/* [entry index, rank, matched name] of every entry (keysOf each) holding the query. */
function match(keys, query) {
  var q = folds(query).filter(function (x, i, all) { return x && all.indexOf(x) === i; });
  var found = [];
  if (!q.length) { return found; }
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
    if (best < 9) { found.push([i, best, via]); }
  });
  return found;
}
window.kommgraphFold = {keysOf: keysOf, match: match};
})();
