"""The editor's pages: small, phone-first, no JavaScript needed, every text escaped by Jinja2.

Sentences come from the message catalogue (generator/messages.py); the short labels on
buttons and fields live here, in both languages.
"""

from __future__ import annotations

from jinja2 import DictLoader, Environment, select_autoescape

from generator.core.messages import render_message

LABELS = {
    "products": ("Produk saya", "My products"),
    "new_product": ("+ Tambah produk", "+ Add a product"),
    "available": ("tersedia", "available"),
    "sold_out": ("habis", "sold out"),
    "mark_sold_out": ("Tandai habis", "Mark sold out"),
    "mark_available": ("Tandai tersedia", "Mark available"),
    "edit": ("Ubah", "Edit"),
    "undo": ("Batalkan perubahan terakhir", "Undo the last change"),
    "sign_out": ("Keluar", "Sign out"),
    "nama": ("Nama produk", "Product name"),
    "harga": ("Harga (misalnya 25000 atau 25rb)", "Price (e.g. 25000 or 25rb)"),
    "stok": (
        "Stok (kosongkan kalau tidak dihitung, atau tulis habis)",
        "Stock (leave empty if not counted, or write habis)",
    ),
    "kategori": ("Kategori", "Category"),
    "deskripsi": ("Cerita tentang produk", "About the product"),
    "foto": ("Tambah foto (kamera atau galeri)", "Add photos (camera or gallery)"),
    "save": ("Simpan & terbitkan", "Save & publish"),
    "delete": ("Hapus produk ini", "Remove this product"),
    "live": ("Lihat halaman produk", "See the product page"),
    "shop_page": ("Lihat halaman toko", "See the shop page"),
    "back": ("← Kembali ke daftar", "← Back to the list"),
    "ask": ("tanya harga", "price on request"),
    "fix": ("perlu diperbaiki", "needs fixing"),
    "on_computer": ("diubah di komputer", "changed on a computer"),
    "new_title": ("Produk baru", "New product"),
    "edit_title": ("Ubah produk", "Edit product"),
    "now": ("Isian yang tersimpan sekarang", "What is saved now"),
    "shops": ("Pilih toko", "Pick a shop"),
    "open_shop": ("Buka", "Open"),
    "other_shop": ("Ganti toko", "Another shop"),
    "photos_now": ("Foto sekarang", "Photos now"),
    "shop_settings": ("Ubah data toko", "Edit the shop's details"),
    "shop_title": ("Data toko", "Shop details"),
    "shop_nama": ("Nama toko", "Shop name"),
    "shop_slogan": ("Slogan (satu kalimat pendek)", "Tagline (one short sentence)"),
    "shop_whatsapp": ("Nomor WhatsApp yang menerima pesanan", "WhatsApp number that takes the orders"),
    "shop_pembayaran": ("Cara bayar (misalnya nomor rekening atau QRIS)", "How to pay (e.g. bank account or QRIS)"),
    "shop_jam": ("Jam buka", "Opening hours"),
    "shop_pengiriman": ("Cara kirim (satu pilihan per baris)", "Delivery options (one per line)"),
    "shop_warna": ("Warna toko", "Shop colour"),
    "shop_warna_theme": ("Warna bawaan tema", "The theme's own colour"),
    "shop_warna_now": ("(sekarang)", "(now)"),
    "shop_warna_own": ("Warna yang dipilih pelatih", "The colour your trainer chose"),
    # the swatches by name (shop.SWATCHES): a seller chooses "Hijau", never "#0b6e4f"
    "#8a3b12": ("Cokelat", "Brown"),
    "#1f4e79": ("Biru tua", "Dark blue"),
    "#0b6e4f": ("Hijau", "Green"),
    "#a61b1b": ("Merah", "Red"),
    "#6a1b9a": ("Ungu", "Purple"),
    "#005f73": ("Biru kehijauan", "Teal"),
    "#333333": ("Abu-abu tua", "Dark grey"),
    "#f2a65a": ("Jingga muda", "Light orange"),
    "#7cc4fa": ("Biru muda", "Light blue"),
    "#8fd694": ("Hijau muda", "Light green"),
    "#f7a1b0": ("Merah muda", "Pink"),
    "#d7b8f3": ("Ungu muda", "Lilac"),
    "shop_logo": ("Logo toko", "Shop logo"),
    "shop_logo_new": ("Ganti logo (foto atau gambar)", "New logo (photo or picture)"),
    "shop_logo_remove": ("Hapus logo", "Remove the logo"),
    "hidden": ("disembunyikan", "hidden"),
    "hide": ("Sembunyikan dari toko", "Hide from the shop"),
    "show": ("Tampilkan lagi", "Show again"),
    "main_photo": ("Foto utama", "Main photo"),
    "photo_n": ("Foto", "Photo"),
    "photo_up": ("↑ Geser ke depan", "↑ Move forward"),
    "photo_down": ("↓ Geser ke belakang", "↓ Move back"),
    "photo_remove": ("Hapus foto ini", "Remove this photo"),
    "photos_hint": (
        "Foto pertama adalah foto utama. Foto yang dihapus bisa dikembalikan dengan tombol Batalkan.",
        "The first photo is the main one. A removed photo can be brought back with Undo.",
    ),
    "variants": ("Varian (misalnya ukuran atau rasa)", "Variants (e.g. sizes or flavours)"),
    "variants_hint": (
        "Satu varian satu baris. Harga dan stok boleh kosong: harga produk yang dipakai. Baris kosong diabaikan;"
        " simpan untuk mendapat baris kosong baru.",
        "One variant per row. Price and stock may stay empty: the product's price is used. Empty rows are"
        " ignored; save to get new empty rows.",
    ),
    "variant_row": ("Varian", "Variant"),
    "variant_nama": ("Nama varian", "Variant name"),
    "variant_harga": ("Harga sendiri", "Own price"),  # both may stay empty: said by variants_hint
    "variant_stok": ("Stok", "Stock"),
    "variants_elsewhere": (
        "Varian produk ini ditulis di komputer dan tidak bisa diubah dari HP.",
        "This product's variants were written on a computer and cannot be changed from the phone.",
    ),
    "share_wa": ("Bagikan ke WhatsApp", "Share on WhatsApp"),
    "shared_photos": ("Foto dari galeri", "Photos from the gallery"),
    "none_yet": (
        "Belum ada produk. Tekan tombol di atas untuk menambah.",
        "No products yet. Press the button above to add one.",
    ),
}

CSS = """*{box-sizing:border-box}body{margin:0;font:18px/1.45 system-ui,sans-serif;color:#1b1b1b;background:#f6f4f0}
main{max-width:40rem;margin:0 auto;padding:1rem}h1{font-size:1.4rem;margin:.5rem 0 1rem}
a{color:#0b5394}.button,button{display:block;width:100%;min-height:3rem;padding:.7rem 1rem;border:0;border-radius:.6rem;
background:#0b5394;color:#fff;font:inherit;font-weight:600;text-align:center;text-decoration:none;cursor:pointer}
.button.light,button.light{background:#e4e0d8;color:#1b1b1b}button.danger{background:#a61b1b}
ul.products{list-style:none;padding:0;margin:1rem 0}
ul.products li{display:grid;grid-template-columns:4.5rem 1fr;gap:.3rem .8rem;
background:#fff;border-radius:.8rem;padding:.8rem;margin:0 0 .8rem}
ul.products img,.thumb{width:4.5rem;height:4.5rem;object-fit:cover;
border-radius:.5rem;background:#ddd}.actions{grid-column:1/-1;display:grid;grid-template-columns:1fr 1fr;gap:.5rem}
.actions a,.actions button{min-height:3rem}.state{font-weight:600}.state.out{color:#a61b1b}.state.in{color:#1e6b2f}
.notice{background:#e6f2e6;border-left:.4rem solid #1e6b2f;padding:.8rem;border-radius:.4rem}
.error,.problem{color:#a61b1b;font-weight:600}
.error{background:#fbe9e9;border-left:.4rem solid #a61b1b;padding:.8rem;border-radius:.4rem}
label{display:block;font-weight:600;margin:1rem 0 .3rem}
input,textarea,select{width:100%;font:inherit;padding:.7rem;border:2px solid #aaa;
border-radius:.5rem;background:#fff;min-height:3rem}textarea{min-height:9rem}.reading{color:#444;margin:.2rem 0}
fieldset{border:0;padding:0;margin:1rem 0}legend{font-weight:600}
.swatches label{display:flex;align-items:center;gap:.6rem;font-weight:400;margin:.3rem 0;min-height:3rem}
.swatches input,fieldset input[type=checkbox]{width:auto;min-height:0}form{margin:0}.row{margin:1rem 0}.photos{display:flex;flex-wrap:wrap;gap:.4rem}
table{width:100%;border-collapse:collapse}
td,th{border-bottom:1px solid #ccc;padding:.4rem;text-align:left;vertical-align:top}footer{margin:2rem 0}
.state.hid{color:#6b4e00}.actions .wide{grid-column:1/-1}fieldset{border:2px solid #ccc;border-radius:.6rem;
margin:1rem 0;padding:.2rem .8rem .8rem}fieldset label{font-weight:400}
ol.photos{list-style:none;padding:0;display:block}ol.photos li{display:grid;grid-template-columns:4.5rem 1fr;
gap:.5rem .8rem;background:#fff;border-radius:.8rem;padding:.8rem;margin:0 0 .8rem}
ol.photos .actions{grid-template-columns:1fr}.actions .wa{grid-column:1/-1}.button.wa{background:#1e6b2f;color:#fff}
[data-variant-row]{display:grid;grid-template-columns:1fr 1fr;column-gap:.6rem;align-items:end}
[data-variant-row]>:nth-child(n+2):nth-child(-n+3){grid-column:1/-1}
[data-variant-row]>label:nth-of-type(2){grid-area:3/1}[data-variant-row]>input:nth-of-type(2){grid-area:4/1}
[data-variant-row]>label:nth-of-type(3){grid-area:3/2}[data-variant-row]>input:nth-of-type(3){grid-area:4/2}"""

# Enhancements only (every form works without them): the price as the build will read it, shown
# while it is typed (asked of the server, so it is the build's own reader, never a copy of it in
# JavaScript); and photos shrunk in the phone before they travel (a 12 MP photo over a slow
# network), upright, as JPEG. A photo the browser cannot shrink (HEIC, …) is sent as it is.
JS = """(function () {
  var photos = document.querySelector("input[name=foto]"), save = document.querySelector("[data-save]");
  function shrink(file) {
    if (!/^image\\//.test(file.type) || file.size < 400000) return Promise.resolve(file);
    return createImageBitmap(file, {imageOrientation: "from-image"}).then(function (bmp) {
      var scale = Math.min(1, 1600 / Math.max(bmp.width, bmp.height)), c = document.createElement("canvas");
      c.width = Math.round(bmp.width * scale);
      c.height = Math.round(bmp.height * scale);
      c.getContext("2d").drawImage(bmp, 0, 0, c.width, c.height);
      return new Promise(function (done) {
        c.toBlob(function (b) {
          done(b && b.size < file.size ? new File([b], "foto.jpg", {type: "image/jpeg"}) : file);
        }, "image/jpeg", 0.82);
      });
    }).catch(function () { return file; });
  }
  if (photos && save && window.createImageBitmap && window.DataTransfer) {
    photos.addEventListener("change", function () {
      var files = Array.prototype.slice.call(photos.files);
      if (!files.length) return;
      save.disabled = true;
      save.setAttribute("data-busy", "");
      Promise.all(files.map(shrink)).then(function (out) {
        var dt = new DataTransfer();
        out.forEach(function (f) { dt.items.add(f); });
        photos.files = dt.files;  // set from a script: fires no new "change"
      }).catch(function () {}).then(function () { save.disabled = false; save.removeAttribute("data-busy"); });
    });
  }
})();
(function () {
  var field = document.querySelector("[name=harga]"), out = document.querySelector("[data-reading]"), timer;
  if (!field || !out || !window.fetch) return;
  field.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      fetch("/harga?t=" + encodeURIComponent(field.value), {credentials: "same-origin"})
        .then(function (r) { return r.json(); })
        .then(function (d) { out.textContent = d.text; })
        .catch(function () {});
    }, 250);
  });
})();
"""

# A form sent on a flaky connection: when sending fails (no signal), what was typed is kept in
# localStorage and the chosen (already shrunk) photos in IndexedDB, a plain sentence says it will be
# sent again, and it is: when the phone is back online, or after a growing pause. A draft kept that
# way is put back into the form when the page is opened again, and sent. Without JavaScript the form
# is sent the ordinary way.
JS += """(function () {
  var form = document.querySelector("form[data-keep]");
  if (!form || !window.fetch || !window.FormData || !window.localStorage || !window.Promise) return;
  var key = "lapak-draft:" + form.getAttribute("action"), note = null, tries = 0, timer = null, sending = false;
  var input = form.querySelector("input[type=file]");
  function store(mode, act) {
    return new Promise(function (done) {
      if (!window.indexedDB) return done(null);
      var open = indexedDB.open("lapak", 1);
      open.onupgradeneeded = function () { open.result.createObjectStore("foto"); };
      open.onerror = function () { done(null); };
      open.onsuccess = function () {
        try {
          var tx = open.result.transaction("foto", mode), req = act(tx.objectStore("foto"));
          tx.oncomplete = function () { done(req.result); };
          tx.onerror = tx.onabort = function () { done(null); };
        } catch (e) { done(null); }
      };
    });
  }
  function show() {
    if (note) return;
    note = document.createElement("p");
    note.className = "error";
    note.setAttribute("role", "status");
    note.setAttribute("data-offline", "");
    note.textContent = document.body.getAttribute("data-offline-text");
    form.parentNode.insertBefore(note, form);
  }
  function keep() {
    var fields = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name && el.type !== "file" && el.name !== "csrf_token") fields[el.name] = el.value;
    });
    try { localStorage.setItem(key, JSON.stringify(fields)); } catch (e) {}
    var files = input ? Array.prototype.slice.call(input.files) : [];
    return store("readwrite", function (s) { return s.put(files, key); });
  }
  function forget() {
    localStorage.removeItem(key);
    return store("readwrite", function (s) { return s["delete"](key); });
  }
  function later() {
    sending = false;
    tries += 1;
    clearTimeout(timer);
    timer = setTimeout(send, Math.min(60000, 3000 * Math.pow(2, tries - 1)));
  }
  function send() {
    if (sending) return;
    sending = true;
    clearTimeout(timer);
    fetch(form.action, {method: "POST", body: new FormData(form), credentials: "same-origin"}).then(function (r) {
      return r.text().then(function (html) {
        // kept while signed out (an expired session): sent again once the card's link is opened
        return (r.status === 403 ? Promise.resolve() : forget()).then(function () {
          var url = r.redirected ? r.url : location.href;
          document.open();
          document.write(html);
          document.close();
          history.replaceState(null, "", url);
        });
      });
    }, function () { keep().then(show).then(later); });
  }
  form.addEventListener("submit", function (e) { e.preventDefault(); send(); });
  window.addEventListener("online", function () { if (note) { tries = 0; send(); } });
  var kept = null;
  try { kept = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) {}
  if (kept) {
    Object.keys(kept).forEach(function (name) {
      var el = form.elements[name];
      if (el && el.type !== "file") el.value = kept[name];
    });
    store("readonly", function (s) { return s.get(key); }).then(function (files) {
      if (files && files.length && input && window.DataTransfer) {
        var dt = new DataTransfer();
        files.forEach(function (f) { dt.items.add(f); });
        input.files = dt.files;
      }
      show();
      if (navigator.onLine) send();
    });
  }
})();
"""

_BASE = """<!doctype html>
<html lang="{{ lang }}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{% block title %}{{ t("products") }}{% endblock %}</title>
<link rel="stylesheet" href="/aset/edit.css"><script src="/aset/edit.js" defer></script>
<link rel="manifest" href="/manifest.webmanifest"><meta name="theme-color" content="#0b5394">
<link rel="icon" href="/aset/ikon-192.png"><link rel="apple-touch-icon" href="/aset/ikon-192.png"></head>
<body data-offline-text="{{ offline_text }}"><main>
{% if flash %}<p class="{{ 'error' if flash_error else 'notice' }}" role="status">{{ flash }}</p>{% endif %}
{% if live %}<p><a class="button light" data-live href="{{ live }}">{{ t("live") }}</a></p>{% endif %}
{% if publish_note %}<p class="{{ 'error' if publish_bad else 'notice' }}" data-published>{{ publish_note }}</p>{% endif %}
{% if wa %}<p><a class="button wa" data-share-wa href="{{ wa }}" target="_blank" rel="noopener">{{ t("share_wa") }}</a></p>{% endif %}
{% block main %}{% endblock %}
</main></body></html>"""

_CSRF = '<input type="hidden" name="csrf_token" value="{{ csrf }}">'

_MESSAGE = """{% extends "base.html" %}{% block title %}Lapak{% endblock %}{% block main %}
<h1>Lapak</h1><p class="error">{{ message }}</p>
{% for detail in details or [] %}<p class="problem">{{ detail }}</p>{% endfor %}
{% if back %}<p><a class="button light" href="/">{{ t("back") }}</a></p>{% endif %}
{% endblock %}"""

_SHOPS = (
    """{% extends "base.html" %}{% block main %}
<h1>{{ t("shops") }}</h1>
<form method="post" action="/toko" enctype="multipart/form-data">"""
    + _CSRF
    + """
<select name="toko" aria-label="{{ t('shops') }}">{% for slug in shops %}<option value="{{ slug }}">{{ slug }}</option>{% endfor %}</select>
<p><button>{{ t("open_shop") }}</button></p></form>
<footer><form method="post" action="/keluar" enctype="multipart/form-data">"""
    + _CSRF
    + """
<button class="light">{{ t("sign_out") }}</button></form></footer>
{% endblock %}"""
)

_LIST = (
    """{% extends "base.html" %}{% block main %}
<h1>{{ shop_name }}</h1>
{% for message in shop_problems %}<p class="error">{{ message }}</p>{% endfor %}
<p><a class="button" data-new-product href="/produk/baru">{{ t("new_product") }}</a></p>
<ul class="products">
{% for item in items %}<li data-product="{{ item.slug }}">
{% if item.thumb %}<img src="/gambar/{{ item.slug }}.jpg" alt="" width="72" height="72">{% else %}<span class="thumb"></span>{% endif %}
<div><strong>{{ item.name }}</strong><br>{{ item.price }}{% if item.known %} ·
<span class="state {{ 'out' if item.sold_out else 'in' }}">{{ t("sold_out") if item.sold_out else t("available") }}</span>
{%- if item.hidden %} · <span class="state hid" data-hidden>{{ t("hidden") }}</span>{% endif %}{% endif %}
{% if item.problems %}<br><span class="problem">{{ t("fix") }}</span>{% endif %}
{% if not item.editable %}<br><small>{{ t("on_computer") }}</small>{% endif %}</div>
{% if item.editable %}<div class="actions">
{% if item.known %}<form method="post" action="/produk/{{ item.slug }}/habis" enctype="multipart/form-data">"""
    + _CSRF
    + """
<button class="light" data-sold-out-toggle>{{ t("mark_available") if item.sold_out else t("mark_sold_out") }}</button></form>{% endif %}
<a class="button light" data-edit href="/produk/{{ item.slug }}">{{ t("edit") }}</a>
{% if item.known %}<form class="wide" method="post" action="/produk/{{ item.slug }}/sembunyikan" enctype="multipart/form-data">"""
    + _CSRF
    + """
<button class="light" data-hide-toggle>{{ t("show") if item.hidden else t("hide") }}</button></form>{% endif %}
{% if item.wa %}<a class="button light wa" data-share-wa href="{{ item.wa }}" target="_blank" rel="noopener">{{ t("share_wa") }}</a>{% endif %}</div>{% endif %}
</li>{% else %}<li><p>{{ t("none_yet") }}</p></li>{% endfor %}
</ul>
<form method="post" action="/batalkan" enctype="multipart/form-data">"""
    + _CSRF
    + """
<button class="light" data-undo>{{ t("undo") }}</button></form>
<footer><p><a class="button light" data-shop-settings href="/pengaturan">{{ t("shop_settings") }}</a></p>
{% if shop_live %}<p><a href="{{ shop_live }}">{{ t("shop_page") }}</a></p>{% endif %}
{% if trainer %}<form method="post" action="/toko" enctype="multipart/form-data">"""
    + _CSRF
    + """
<input type="hidden" name="toko" value=""><p><button class="light">{{ t("other_shop") }}</button></p></form>{% endif %}
<form method="post" action="/keluar" enctype="multipart/form-data">"""
    + _CSRF
    + """
<button class="light">{{ t("sign_out") }}</button></form></footer>
{% endblock %}"""
)

_FORM = (
    """{% extends "base.html" %}{% block title %}{{ t("new_title") if new else t("edit_title") }}{% endblock %}
{% block main %}
<p><a href="/">{{ t("back") }}</a></p>
<h1>{{ t("new_title") if new else values.nama or t("edit_title") }}</h1>
{% for message in problems.get("", []) %}<p class="error">{{ message }}</p>{% endfor %}
{% if conflict %}<p class="error">{{ conflict_message }}</p>
<table><caption>{{ t("now") }}</caption>{% for name in fields %}<tr><th>{{ t(name) }}</th>
<td>{{ conflict[name] }}</td></tr>{% endfor %}</table>{% endif %}
<form method="post" enctype="multipart/form-data" action="{{ action }}" data-keep>"""
    + _CSRF
    + """
<input type="hidden" name="dasar" value="{{ base }}">
{% for name in fields %}<label for="f-{{ name }}">{{ t(name) }}</label>
{% if name == "deskripsi" %}<textarea id="f-{{ name }}" name="{{ name }}" maxlength="{{ limits[name] }}">{{ values[name] }}</textarea>
{% else %}<input id="f-{{ name }}" name="{{ name }}" value="{{ values[name] }}" maxlength="{{ limits[name] }}"
{%- if name == "nama" %} required{% endif %}{% if name == "kategori" %} list="kategori-list"{% endif %} autocomplete="off">{% endif %}
{% if name == "harga" %}<p class="reading" data-reading aria-live="polite">{{ reading }}</p>{% endif %}
{% for message in problems.get(name, []) %}<p class="problem">{{ message }}</p>{% endfor %}
{% endfor %}
<datalist id="kategori-list">{% for c in categories %}<option value="{{ c }}">{% endfor %}</datalist>
{% if rows is none %}<p><strong>{{ t("variants") }}</strong></p><p>{{ t("variants_elsewhere") }}</p>
{% else %}<fieldset data-variants><legend><strong>{{ t("variants") }}</strong></legend>
<input type="hidden" name="varian_ada" value="1"><p class="reading">{{ t("variants_hint") }}</p>
{% for message in problems.get("varian", []) %}<p class="problem">{{ message }}</p>{% endfor %}
{% for row in rows %}<fieldset data-variant-row><legend>{{ t("variant_row") }} {{ loop.index }}</legend>
{% set n = loop.index %}{% for cell in ("nama", "harga", "stok") %}
<label for="v{{ n }}-{{ cell }}">{{ t("variant_" + cell) }}</label>
<input id="v{{ n }}-{{ cell }}" name="varian_{{ cell }}" value="{{ row[cell] }}" maxlength="{{ row_limits[cell] }}" autocomplete="off">
{%- endfor %}</fieldset>{% endfor %}</fieldset>{% endif %}
{% if staged %}<p><strong>{{ t("shared_photos") }}</strong></p><div class="photos" data-staged>{% for n in range(staged) %}
<img class="thumb" src="/bagikan/foto/{{ n }}.jpg" alt="" width="72" height="72">{% endfor %}</div>
<input type="hidden" name="bagikan" value="1">{% endif %}
<label for="f-foto">{{ t("foto") }}</label>
<input id="f-foto" type="file" name="foto" accept="image/*" multiple>
{% for message in problems.get("foto", []) %}<p class="problem">{{ message }}</p>{% endfor %}
<p class="row"><button data-save>{{ t("save") }}</button></p>
</form>
{% if photos %}<h2 id="foto">{{ t("photos_now") }}</h2><p>{{ t("photos_hint") }}</p><ol class="photos">
{% for n, name in photos %}<li data-photo="{{ name }}"><img class="thumb" src="/gambar/{{ slug }}.jpg?n={{ n }}" alt="" width="72" height="72">
<div><strong>{{ t("main_photo") if loop.first else t("photo_n") ~ " " ~ loop.index }}</strong></div>
<form class="actions" method="post" action="/produk/{{ slug }}/foto" enctype="multipart/form-data">"""
    + _CSRF
    + """
<input type="hidden" name="gambar" value="{{ name }}">
{% if not loop.first %}<button class="light" name="aksi" value="naik" data-photo-up>{{ t("photo_up") }}</button>{% endif %}
{% if not loop.last %}<button class="light" name="aksi" value="turun" data-photo-down>{{ t("photo_down") }}</button>{% endif %}
<button class="light" name="aksi" value="hapus" data-photo-remove>{{ t("photo_remove") }}</button></form></li>{% endfor %}</ol>{% endif %}
{% if not new %}<footer><form method="post" action="{{ action }}/hapus" enctype="multipart/form-data">"""
    + _CSRF
    + """
<button class="danger" data-delete>{{ t("delete") }}</button></form></footer>{% endif %}
{% endblock %}"""
)

_SHOP_FORM = (
    """{% extends "base.html" %}{% block title %}{{ t("shop_title") }}{% endblock %}
{% block main %}
<p><a href="/">{{ t("back") }}</a></p>
<h1>{{ t("shop_title") }}</h1>
{% for message in problems.get("", []) %}<p class="error">{{ message }}</p>{% endfor %}
{% if conflict %}<p class="error">{{ conflict_message }}</p>
<table><caption>{{ t("now") }}</caption>{% for name in fields %}<tr><th>{{ t("shop_" + name) }}</th>
<td>{{ conflict[name] }}</td></tr>{% endfor %}</table>{% endif %}
<form method="post" enctype="multipart/form-data" action="/pengaturan" data-keep>"""
    + _CSRF
    + """
<input type="hidden" name="dasar" value="{{ base }}">
{% for name in fields %}<label for="f-{{ name }}">{{ t("shop_" + name) }}</label>
{% if name in ("pembayaran", "pengiriman") %}<textarea id="f-{{ name }}" name="{{ name }}" maxlength="{{ limits[name] }}">
{{- values[name] }}</textarea>
{% else %}<input id="f-{{ name }}" name="{{ name }}" value="{{ values[name] }}" maxlength="{{ limits[name] }}"
{%- if name == "whatsapp" %} inputmode="tel"{% endif %} autocomplete="off">{% endif %}
{% for message in problems.get(name, []) %}<p class="problem">{{ message }}</p>{% endfor %}
{% endfor %}
<fieldset class="swatches" data-colors><legend>{{ t("shop_warna") }}</legend>
<label><input type="radio" name="warna" value=""{% if not color %} checked{% endif %}> {{ t("shop_warna_theme") }}</label>
{% for c in swatches %}<label><input type="radio" name="warna" value="{{ c }}"{% if c == color %} checked{% endif %}>
<svg width="40" height="40" aria-hidden="true"><rect width="40" height="40" rx="8" fill="{{ c }}"/></svg> {{ t(c) if t(c) != c else t("shop_warna_own") }}
{%- if c == color %} {{ t("shop_warna_now") }}{% endif %}</label>{% endfor %}
{% for message in problems.get("warna", []) %}<p class="problem">{{ message }}</p>{% endfor %}
</fieldset>
<fieldset data-logo><legend>{{ t("shop_logo") }}</legend>
{% if has_logo %}<img class="thumb" src="/pengaturan/logo.jpg" alt="{{ t('shop_logo') }}" width="72" height="72">
<label><input type="checkbox" name="hapus_logo" value="1"> {{ t("shop_logo_remove") }}</label>{% endif %}
<label for="f-logo">{{ t("shop_logo_new") }}</label>
<input id="f-logo" type="file" name="logo" accept="image/*">
{% for message in problems.get("logo", []) %}<p class="problem">{{ message }}</p>{% endfor %}
</fieldset>
<p class="row"><button data-save>{{ t("save") }}</button></p>
</form>
{% endblock %}"""
)

_ENV = Environment(
    loader=DictLoader(
        {
            "base.html": _BASE,
            "message.html": _MESSAGE,
            "shops.html": _SHOPS,
            "list.html": _LIST,
            "form.html": _FORM,
            "shop.html": _SHOP_FORM,
        }
    ),
    autoescape=select_autoescape(default=True, default_for_string=True),
)


def render(name: str, lang: str, **context) -> str:
    """One page; `t(label)` gives a label and `m(code, params)` a catalogue sentence in the page's language."""

    def t(label: str) -> str:
        pair = LABELS.get(label, (label, label))
        return pair[1] if lang == "en" else pair[0]

    offline_text = render_message("edit.offline", {}, lang)
    return _ENV.get_template(name).render(lang=lang, t=t, offline_text=offline_text, **context)


def message(code: str, params: dict | None, lang: str) -> str:
    return render_message(code, params or {}, lang)
