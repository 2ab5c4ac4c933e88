/* Lapak cart: an enhancement of the static shop pages (no framework, no network, no service).
   Shop settings come from <script id="lapak-shop" type="application/json">; the cart lives in
   localStorage per shop; checkout opens one https://wa.me/<digits>?text=… message in this tab.
   Hooks: data-add-to-cart, data-cart-count, data-cart-total, data-checkout; form fields
   name, address, delivery, note. Seller text only ever goes into textContent and the message. */
(function () {
  'use strict';
  var block = document.getElementById('lapak-shop');
  if (!block || !window.JSON) return;
  var S = JSON.parse(block.textContent), M = S.msg, key = 'lapak-cart:' + S.id, memory = {};

  function $(sel, el) { return (el || document).querySelector(sel); }
  function $$(sel, el) { return [].slice.call((el || document).querySelectorAll(sel)); }
  function load(k) {
    try { return JSON.parse(localStorage.getItem(k)); } catch (e) { return memory[k]; }
  }
  function save(k, value) {
    memory[k] = value;
    try { localStorage.setItem(k, JSON.stringify(value)); } catch (e) { /* private mode: memory only */ }
  }
  function clamp(n) { return Math.max(1, Math.min(999, parseInt(n, 10) || 1)); }

  var cart = load(key);
  if (!cart || typeof cart !== 'object' || Array.isArray(cart)) cart = {};  // damaged: start again
  cart.items = [].concat(cart.items || []).filter(function (i) {
    return i && typeof i.id === 'string' && typeof i.name === 'string' && (i.qty = clamp(i.qty));
  });
  if (!cart.form || typeof cart.form !== 'object') cart.form = {};
  var buyer = load('lapak-buyer') || {};  // name and address, shared by the shops of this site
  cart.form.name = cart.form.name || buyer.name;
  cart.form.address = cart.form.address || buyer.address;
  // Back from WhatsApp or another page: a page restored from memory shows an old cart.
  window.addEventListener('pageshow', function (e) { if (e.persisted) location.reload(); });

  // Integers in the currency's smallest unit, written like the generator's money.py (Rp350.000).
  function money(n) {
    var m = S.money, s = String(n), f = '';
    if (m.digits) {
      while (s.length <= m.digits) s = '0' + s;
      f = m.dec + s.slice(-m.digits);
      s = s.slice(0, -m.digits);
    }
    return m.pre + s.replace(/\B(?=(\d{3})+(?!\d))/g, m.group) + f + m.post;
  }
  // A price as the pages write it: 0 is "Gratis", a unit reads "Rp25.000 / kg".
  function price(n, unit) { return n === 0 ? M.free : money(n) + (unit ? ' / ' + unit : ''); }
  function label(it) { return it.name + (it.variant ? ' (' + it.variant + ')' : ''); }
  function totals() {
    var t = { count: 0, sum: 0, ask: false };
    cart.items.forEach(function (i) {
      t.count += i.qty;
      if (i.price == null) t.ask = true; else t.sum += i.price * i.qty;
    });
    t.text = (t.sum || !t.ask ? price(t.sum) : '') + (t.ask ? (t.sum ? ' + ' : '') + M.ask : '');
    return t;
  }
  var hush;
  function announce(which, it) {
    var s = $('[data-cart-status]');
    if (!s) return;
    s.textContent = (s.getAttribute('data-' + which) || '{item}').replace('{item}', label(it));
    clearTimeout(hush);
    hush = setTimeout(function () { s.textContent = ''; }, 5000);  // said; now out of the way
  }
  function update() {
    save(key, cart);
    var t = totals();
    $$('[data-cart-count]').forEach(function (e) { e.textContent = t.count; });
    $$('[data-cart-total]').forEach(function (e) { e.textContent = t.text; });
    $$('[data-cart-link]').forEach(function (e) { e.hidden = !t.count; });
    var empty = $('[data-cart-empty]'), form = $('[data-cart-form]');
    if (empty) empty.hidden = t.count > 0;
    if (form) form.hidden = !t.count;
  }

  // Add-to-cart forms: the button carries the product (sold-out variants are not in it).
  $$('[data-add-to-cart]').forEach(function (button) {
    var p = JSON.parse(button.getAttribute('data-add-to-cart')), form = button.form;
    cart.items.forEach(function (it) {  // this page is newer than the stored copy
      if (it.id !== p.id) return;
      var v = (p.variants || []).filter(function (x) { return x.name === it.variant; })[0];
      it.name = p.name;
      if (v || !p.variants) { it.price = v ? v.price : p.price; it.unit = (v || p).unit; }
    });
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var vname = form.elements.variant ? form.elements.variant.value : '', cost = p.price, unit = p.unit;
      if (p.variants) {
        var v = p.variants.filter(function (x) { return x.name === vname; })[0];
        if (!v) return;  // sold out or unknown
        cost = v.price;
        unit = v.unit;
      }
      var n = clamp(form.elements.qty ? form.elements.qty.value : 1);
      var it = cart.items.filter(function (x) { return x.id === p.id && x.variant === vname; })[0];
      if (it) it.qty = clamp(it.qty + n);
      else cart.items.push(it = { id: p.id, name: p.name, variant: vname, price: cost, unit: unit, qty: n });
      update();
      announce('added', it);
    });
  });

  // A product page's one order button follows the chosen variant (each variant's own link
  // stays in the page, for browsers without JavaScript).
  $$('[data-order]').forEach(function (a) {
    var form = a.closest('form');
    function follow() {
      var v = form.elements.variant ? form.elements.variant.value : '';
      $$('[data-variant]').forEach(function (l) { if (l.getAttribute('data-variant') === v) a.href = l.href; });
    }
    form.addEventListener('change', follow);
    follow();
  });

  document.addEventListener('click', function (e) {
    var b = e.target.closest && e.target.closest('[data-step]');
    if (!b) return;
    var input = $('input', b.parentNode);
    input.value = clamp(clamp(input.value) + Number(b.getAttribute('data-step')));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });

  // The cart page: one row per item, steppers, remove, and the checkout form.
  var list = $('[data-cart-items]'), row = $('template[data-cart-row]'), rows = [];
  function fill(r, it) {
    $('[data-f=name]', r).textContent = label(it);
    $('[data-f=price]', r).textContent = it.price == null ? list.getAttribute('data-ask') : price(it.price, it.unit);
    $('[data-f=sub]', r).textContent = it.price == null ? '' : price(it.price * it.qty);
    $('input', r).value = it.qty;
  }
  if (list && row) {
    rows = cart.items.map(function (it) {
      var r = row.content.firstElementChild.cloneNode(true);
      $$('[aria-label], button', r).forEach(function (el) {
        el.setAttribute('aria-label', (el.getAttribute('aria-label') || el.textContent) + ': ' + label(it));
      });
      fill(r, it);
      list.appendChild(r);
      return r;
    });
    list.addEventListener('change', function (e) {
      var i = rows.indexOf(e.target.closest('li'));
      if (i < 0) return;
      cart.items[i].qty = clamp(e.target.value);
      fill(rows[i], cart.items[i]);
      update();
    });
    list.addEventListener('click', function (e) {
      var i = rows.indexOf(e.target.closest('li'));
      if (i < 0 || !e.target.closest('[data-remove]')) return;
      var it = cart.items.splice(i, 1)[0];
      rows.splice(i, 1)[0].remove();
      var next = rows[i] || rows[i - 1];
      (next ? $('[data-remove]', next) : $('h1')).focus();
      update();
      announce('removed', it);
    });
  }

  var order = $('[data-checkout]'), form = order && order.form, fields = ['name', 'address', 'delivery', 'note'];
  function details() {
    var d = {};
    fields.forEach(function (k) { var el = form.elements[k]; d[k] = el ? el.value.trim() : ''; });
    return d;
  }
  function message(d, code, compact) {
    var L = M.labels, t = totals(), items = cart.items.map(function (it, i) {
      var name = label(it), c = Array.from(name), cost = it.price == null ? '(' + M.ask + ')' : price(it.price * it.qty);
      var qty = it.qty + (it.unit ? ' ' + it.unit : '');  // 25rb/kg × 2: two kg
      if (!compact) return (i + 1) + '. ' + name + ' × ' + qty + (it.price == null ? ' ' : ' = ') + cost;
      // Long carts: shorter lines; a long name keeps its start and its end (sizes, numbers).
      if (c.length > 40) name = c.slice(0, 24).join('') + '…' + c.slice(-15).join('');
      return (i + 1) + '. ' + name + ' ' + (it.unit ? qty + ' ' : it.qty + 'x ') + cost;
    }).join('\n');
    var values = { shop: M.shop, items: items, total: t.sum || !t.ask ? t.text : '', payment: M.payment, code: code };
    fields.forEach(function (k) { values[k] = d[k]; });
    var lines = [M.template.replace(/\{(\w+)\}/g, function (all, k) { return k in values ? values[k] : all; })];
    function has(k) { return M.template.indexOf('{' + k + '}') >= 0; }
    if (!has('items')) lines.push(items);
    ['total'].concat(fields, 'payment', 'code').forEach(function (k) {
      if (values[k] && !has(k)) lines.push(L[k] + ': ' + values[k]);
      if (k === 'total' && t.ask && M.ask_line) lines.push(M.ask_line);  // as one product's order asks
    });
    return lines.join('\n');
  }
  if (form) {
    fields.forEach(function (k) {
      var el = form.elements[k];
      if (el && cart.form[k]) el.value = cart.form[k];
      if (el && el.selectedIndex < 0) el.selectedIndex = 0;
    });
    form.addEventListener('input', function () {
      cart.form = details();
      save('lapak-buyer', { name: cart.form.name, address: cart.form.address });
      save(key, cart);
    });
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      if (!cart.items.length) return;
      var d = details(), code = (Date.now().toString(36).slice(-4) + Math.random().toString(36).slice(2, 4)).toUpperCase();
      var text = message(d, code, false);
      if (encodeURIComponent(text).length > 1800) text = message(d, code, true);  // long carts: shorter lines
      location.href = 'https://wa.me/' + S.wa + '?text=' + encodeURIComponent(text);
    });
  }

  $$('[data-cart-js]').forEach(function (e) { e.hidden = false; });
  $$('[data-cart-nojs]').forEach(function (e) { e.hidden = true; });
  update();
}());
