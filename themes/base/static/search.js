/* Market-wide product search. Works offline and from file://: every part of the index is a
   script file that registers its data (no fetch, no request beyond the site).
   search-index.js: which shard (assets/cari/<prefix>.js) holds the words of which prefixes, and the
   spelling table; a query loads the shards of its words only, intersects the products of its
   words, then loads the record files (assets/cari/r-<n>.js) of the results it shows. Products
   whose name starts with the query come first; the record files are in name order, and
   assets/cari/awal-nama.js (loaded when the page is idle) tells which of them hold the names
   starting with a text, so those are requested with the shards, in the same round trip. */
(function () {
  "use strict";
  var box = document.querySelector("[data-search]");
  if (!box) return;
  var input = box.querySelector("input"), list = document.querySelector("[data-results]"),
      status = document.querySelector("[data-search-status]"),
      labels = JSON.parse(box.getAttribute("data-labels")), base = box.getAttribute("data-index"),
      root = base.slice(0, base.lastIndexOf("/") + 1), SHOWN = 60,
      DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_", loaded = {}, decoded = {}, seq = 0, timer = 0,
      bounds = null;
  function fold(s) { return s.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, ""); }
  function script(src) {
    if (!loaded[src]) loaded[src] = new Promise(function (ok, fail) {
      var s = document.createElement("script");
      s.src = src; s.onload = ok;
      s.onerror = function () { delete loaded[src]; fail(); };
      document.head.appendChild(s);
    });
    return loaded[src];
  }
  var inline = box.getAttribute("data-manifest");  // the page carries the manifest: no wait for it
  if (inline) window.LAPAK_INDEX = JSON.parse(inline);
  function manifest() {
    return window.LAPAK_INDEX ? Promise.resolve(window.LAPAK_INDEX)
      : script(base).then(function () { return window.LAPAK_INDEX; });
  }
  function words() { return fold(input.value).split(/[^a-z0-9]+/).filter(function (w) { return w.length > 1; }); }
  // A name as the record files are sorted by (generator/render/search.py name_key): its words in their usual spelling.
  function nameKey(ix, text) {
    return fold(text).split(/[^a-z0-9]+/).filter(Boolean).map(function (w) { return canon(ix, w); }).join(" ");
  }
  function nameBounds(ix) {  // where each record file's names start (search.py name_bounds), decoded once
    if (!ix.bounds) return Promise.resolve({keys: ix.count ? [""] : [], both: [false]});
    return script(root + ix.dir + ix.bounds).then(function () {
      if (!bounds) {
        bounds = {keys: [""], both: [false]};
        window.LAPAK_B.replace(/([,=])([0-9a-z])([^,=]*)/g, function (all, mark, same, rest) {
          bounds.keys.push(bounds.keys[bounds.keys.length - 1].slice(0, parseInt(same, 36)) + rest);
          bounds.both.push(mark === "=");
          return "";
        });
      }
      return bounds;
    }, function () { return null; });  // without it the results come in plain name order
  }
  // The record files [first, last] that may hold a name starting with `start`; first is the file of
  // the first such name when there is one (binary searches over the bounds, which are sorted).
  function span(b, start) {
    var lo = 1, hi = b.keys.length, m;
    while (lo < hi) {  // the first file whose bound is past `start`: the file before may end with it
      m = (lo + hi) >> 1;
      if (b.keys[m] > start || (b.keys[m] === start && b.both[m])) hi = m; else lo = m + 1;
    }
    var first = lo - 1, top = start + "~";  // "~" sorts after a-z, 0-9 and space
    lo = 0; hi = b.keys.length;
    while (lo < hi) { m = (lo + hi) >> 1; if (b.keys[m] < top) lo = m + 1; else hi = m; }
    return [first, lo - 1];
  }
  function shardFiles(ix, ws) {  // the shard files of the words, each word in its usual spelling
    var want = {};
    ws.forEach(function (w) { shardsOf(ix, canon(ix, w)).forEach(function (k) { want[k] = 1; }); });
    return Object.keys(want);
  }
  function prefetch() {  // at each key: the shards of the words typed so far start loading at once
    manifest().then(function (ix) {
      var ws = words().filter(function (w) { return w.length > 2; });  // "ke" alone would fetch every ke… shard
      shardFiles(ix, ws).forEach(function (k) { script(root + ix.dir + k + ".js").catch(function () {}); });
    }, function () {});
  }
  // A word as the search knows it: "kripik" and "keripik" alike are "keripik".
  function canon(ix, w) { return Object.prototype.hasOwnProperty.call(ix.variants, w) ? ix.variants[w] : w; }
  function shardsOf(ix, w) {
    return ix.shards.filter(function (prefixes) {
      return prefixes.some(function (p) { return p.indexOf(w) === 0 || w.indexOf(p) === 0; });
    }).map(function (prefixes) { return prefixes[0]; });
  }
  function ids(word) {  // the products of an indexed word, decoded once
    if (!decoded[word]) {
      var n = 0, text = "";
      for (var k in window.LAPAK_S) if (Object.prototype.hasOwnProperty.call(window.LAPAK_S[k], word)) text = window.LAPAK_S[k][word];
      if (text.charAt(0) === "!") {  // a common word: one digit a 6 products, a bit each
        decoded[word] = [];
        for (var i = 1; i < text.length; i++) {
          var bits = DIGITS.indexOf(text.charAt(i));
          for (var b = 0; b < 6; b++) if (bits & (1 << b)) decoded[word].push((i - 1) * 6 + b);
        }
      } else decoded[word] = text.split(",").map(function (d) { n += parseInt(d, 36); return n; });
    }
    return decoded[word];
  }
  function matching(keys, w) {  // every product with a word that starts with w
    var found = {};
    keys.forEach(function (shard) {
      var words = window.LAPAK_S[shard];
      for (var word in words) if (word.indexOf(w) === 0) ids(word).forEach(function (id) { found[id] = 1; });
    });
    return found;
  }
  function records(ix, files) {
    return Promise.all(files.map(function (f) { return script(root + ix.dir + "r-" + f + ".js"); }));
  }
  function hitsOf(ix, keys, typed) {  // the products with every word, by id (name order)
    var hits = null;
    // the index holds a product's word in both spellings: a query word is looked up in its usual one
    typed.forEach(function (w) {
      var a = matching(keys, canon(ix, w));
      hits = hits === null ? Object.keys(a).map(Number).sort(function (x, y) { return x - y; })
        : hits.filter(function (id) { return a[id]; });
    });
    return hits;
  }
  function ranked(ix, hits, files, start) {  // names starting with `start` first, then the others
    var first = [], rest = [], near = {};
    files.forEach(function (f) { near[f] = 1; });
    hits.forEach(function (id) {
      var f = Math.floor(id / ix.per);
      (near[f] && nameKey(ix, window.LAPAK_R[f].r[id % ix.per][1]).indexOf(start) === 0 ? first : rest).push(id);
    });
    return first.concat(rest);
  }
  function run(whole) {  // whole: the query came at once (pasted, sent), no key is to follow
    var mine = ++seq, typed = words(), query = input.value;
    if (!typed.length) { list.textContent = ""; status.textContent = ""; status.setAttribute("data-query", query); return; }
    manifest().then(function (ix) {
      var keys = shardFiles(ix, typed), start = nameKey(ix, query),
          waiting = keys.some(function (k) { return !(window.LAPAK_S && window.LAPAK_S[k]); }),
          shards = Promise.all(keys.map(function (k) { return script(root + ix.dir + k + ".js"); }));
      shards.catch(function () {});  // failed shards end the query below, once the bounds came
      return nameBounds(ix).then(function (b) {
        // The files of the first names starting with the query: enough of them for a screen of
        // results (the first may hold one such name, the others are full of them).
        var range = b ? span(b, start) : [0, -1], near = [];
        for (var f = range[0]; f <= range[1] && near.length < 1 + Math.ceil(SHOWN / ix.per); f++) near.push(f);
        // with the shards: one round trip (not while typing, when the query has yet to change)
        if (waiting && whole) records(ix, near).catch(function () {});
        return shards.then(function () {
          if (mine !== seq) return null;
          var hits = hitsOf(ix, keys, typed), where = {};
          hits.forEach(function (id) { where[Math.floor(id / ix.per)] = 1; });
          near = near.filter(function (f) { return where[f]; });
          return records(ix, near).then(function () {
            if (mine !== seq) return null;
            var shown = ranked(ix, hits, near, start).slice(0, SHOWN), chunks = {};
            shown.forEach(function (id) { chunks[Math.floor(id / ix.per)] = 1; });
            return records(ix, Object.keys(chunks))  // none when the names starting with the query fill the screen
              .then(function () { return mine === seq ? [ix, hits.length, shown, query] : null; });
          });
        });
      });
    }).then(function (r) { if (r) show(r[0], r[1], r[2], r[3]); }, function () {});
  }
  function show(ix, count, shown, query) {
    list.textContent = "";
    shown.forEach(function (id) {
      var part = window.LAPAK_R[Math.floor(id / ix.per)], row = part.r[id % ix.per], shop = part.s[row[0]];
      var li = document.createElement("li"), a = document.createElement("a"), pic;
      a.href = root + shop[0] + "/" + row[2] + ".html";
      if (row[4]) {
        pic = document.createElement("img");
        pic.src = root + shop[0] + "/" + row[4]; pic.width = 48; pic.height = 48; pic.alt = ""; pic.loading = "lazy";
      } else { pic = document.createElement("span"); pic.setAttribute("aria-hidden", "true"); }
      pic.className = "thumb";
      a.appendChild(pic);
      a.insertAdjacentHTML("beforeend", "<span class=name></span><span class=price></span><span class=meta></span>");
      a.children[1].textContent = row[1];
      a.children[2].textContent = row[3] || labels.ask;
      a.children[3].textContent = shop[1];
      li.appendChild(a); list.appendChild(li);
    });
    status.textContent = count > SHOWN ? labels.more.replace("%d", SHOWN)  // never a count that is not true
      : count ? labels.found.replace("%d", count) : labels.none;
    status.setAttribute("data-query", query);  // what the results are of (for tests and tools)
  }
  function soon() { clearTimeout(timer); timer = setTimeout(function () { run(false); }, 150); }
  function early() { manifest().then(nameBounds).catch(function () {}); }
  input.addEventListener("focus", early);
  input.addEventListener("input", function (e) {
    // a paste (or a word picked from the keyboard's suggestions) is not typing: no key follows soon
    // (a word being composed, as phone keyboards send each key, is typing)
    var at = /^insertFrom|^insertReplacement/.test(e.inputType) || (e.inputType === "insertText" && e.data && e.data.length > 1);
    if (at) { clearTimeout(timer); run(true); return; }
    prefetch(); soon();
  });
  // the bounds are small and wanted by the first query: loaded once the page is idle, not before
  function idle() { if (window.requestIdleCallback) window.requestIdleCallback(early); else setTimeout(early, 0); }
  if (document.readyState === "complete") idle(); else window.addEventListener("load", idle);
  box.addEventListener("submit", function (e) { e.preventDefault(); clearTimeout(timer); run(true); });
})();
