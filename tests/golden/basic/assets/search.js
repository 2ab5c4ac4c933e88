/* Market-wide product search. Works offline and from file://: the index is a script file
   (search-index.js), loaded the first time the buyer touches the search box or a category. */
(function () {
  "use strict";
  var box = document.querySelector("[data-search]");
  if (!box) return;
  var input = box.querySelector("input"), list = document.querySelector("[data-results]"),
      status = document.querySelector("[data-search-status]"), cats = document.querySelector("[data-categories]"),
      labels = JSON.parse(box.getAttribute("data-labels")), index = null, category = "", loading = false;
  function fold(s) { return s.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, ""); }
  var pending = null, SHOWN = 60;
  function load(then) {
    if (index) return then();
    pending = then;  // the latest wish runs once the index has arrived
    if (loading) return;
    loading = true;
    var s = document.createElement("script");
    s.src = box.getAttribute("data-index");
    s.onload = function () { index = prepare(window.LAPAK_INDEX); pending(); };
    document.head.appendChild(s);
  }
  var variants = {};
  // A word as the search knows it: "kripik" and "keripik" alike are "keripik" (the table is
  // in the index). The text searched keeps its own words too, so a half-typed word still matches.
  function canon(w) { return Object.prototype.hasOwnProperty.call(variants, w) ? variants[w] : w; }
  function prepare(data) {
    variants = data.variants || {};
    return data.items.map(function (it) {
      var shop = data.shops[it[0]], hay = fold([it[1], it[4], shop[1], shop[2]].join(" ")),
          known = hay.split(/[^a-z0-9]+/).filter(function (w) { return canon(w) !== w; }).map(canon);
      return { name: it[1], url: shop[0] + "/" + it[2] + ".html", price: it[3], cat: it[4], shop: shop[1],
               hay: known.length ? hay + " " + known.join(" ") : hay };
    });
  }
  function wireCategories() {
    if (!cats) return;
    Array.prototype.forEach.call(cats.querySelectorAll("button"), function (b) {
      b.onclick = function () {
        var c = b.getAttribute("data-category");
        category = category === c ? "" : c;
        Array.prototype.forEach.call(cats.children, function (x) { x.setAttribute("aria-pressed", "false"); });
        b.setAttribute("aria-pressed", String(category === c));
        load(run);
      };
    });
  }
  function run() {
    var words = fold(input.value).split(/\s+/).filter(Boolean), found = [];
    list.textContent = "";
    if (!words.length && !category) { status.textContent = ""; return; }
    for (var i = 0; i < index.length && found.length <= SHOWN; i++) {
      var it = index[i];
      if (category && it.cat !== category) continue;
      if (words.every(function (w) { return it.hay.indexOf(w) >= 0 || it.hay.indexOf(canon(w)) >= 0; })) found.push(it);
    }
    var more = found.length > SHOWN;  // one past what is shown: say "more than", never a count that is not true
    found.slice(0, SHOWN).forEach(function (it) {
      var li = document.createElement("li"), a = document.createElement("a");
      a.href = it.url;
      a.innerHTML = "<span class=name></span><span class=price></span><span class=meta></span>";
      a.children[0].textContent = it.name;
      a.children[1].textContent = it.price || labels.ask;
      a.children[2].textContent = it.shop;
      li.appendChild(a); list.appendChild(li);
    });
    status.textContent = more ? labels.more.replace("%d", SHOWN)
      : found.length ? labels.found.replace("%d", found.length) : labels.none;
  }
  input.addEventListener("focus", function () { load(function () {}); });
  input.addEventListener("input", function () { load(run); });
  box.addEventListener("submit", function (e) { e.preventDefault(); load(run); });
  wireCategories();
})();
