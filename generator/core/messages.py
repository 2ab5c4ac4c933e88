"""Every sentence Lapak says to a seller or trainer, in Indonesian (default) and English.

A message is one plain sentence: what is wrong, then what to write instead.
"""

from __future__ import annotations

import os
from typing import Any

LANGS = ("id", "en")

# Canonical field names as a seller would write them in each language.
FIELD_NAMES = {
    "id": {
        "name": "nama",
        "price": "harga",
        "whatsapp": "whatsapp",
        "stock": "stok",
        "old_price": "harga_coret",
        "featured": "unggulan",
        "order": "urutan",
        "photos": "foto",
        "variants": "varian",
        "weight": "berat",
        "sku": "kode",
        "slug": "slug",
        "tagline": "slogan",
        "city": "kota",
        "address": "alamat",
        "logo": "logo",
        "theme": "tema",
        "language": "bahasa",
        "currency": "mata_uang",
        "colors": "warna",
        "payment": "pembayaran",
        "order_message": "pesan_order",
        "hours": "jam",
        "intro": "tentang",
        "accent": "aksen",
        "background": "latar",
        "text": "teks",
        "file": "file",
        "alt": "keterangan",
        "variants.name": "nama varian",
        "photos.file": "nama file foto",
        "site_url": "site_url",
        "instagram": "instagram",
        "maps": "maps",
        "category": "kategori",
        "tags": "tag",
        "delivery": "pengiriman",
        "description": "deskripsi",
        "about": "tentang",
        "colors.accent": "warna aksen",
        "colors.background": "warna latar",
        "colors.text": "warna teks",
    },
    "en": {
        "variants.name": "variant name",
        "photos.file": "photo file name",
        "colors.accent": "accent colour",
        "colors.background": "background colour",
        "colors.text": "text colour",
    },
}

CATALOGUE: dict[str, tuple[str, str]] = {
    "label.warning": ("peringatan", "warning"),
    "label.error": ("galat", "error"),
    "label.notice": ("catatan", "note"),
    "label.column": ("kolom {column}", "column {column}"),
    "site_url.missing": (
        "site_url belum diisi, jadi pratinjau tautan di WhatsApp tampil tanpa gambar, pesan pesanan tanpa "
        "tautan produk, dan tidak ada kode QR maupun sitemap — isi misalnya: site_url: https://nama.github.io/pasar",
        "site_url is not set, so link previews in WhatsApp show no image, orders carry no product link, and "
        "there is no QR code or sitemap — set e.g. site_url: https://name.github.io/market",
    ),
    # YAML syntax
    "yaml.colon": (
        "ada titik dua (:) yang membingungkan di baris ini — kalau isinya memang memakai titik dua, "
        'apit dengan tanda kutip, misalnya: nama: "Kain: Indigo"',
        "a colon (:) on this line is confusing — if the value really contains a colon, put it in "
        'quotes, e.g. name: "Cloth: Indigo"',
    ),
    "yaml.missing_colon": (
        "baris ini tidak punya titik dua (:) antara nama isian dan isinya — tulis misalnya: harga: 350000",
        "this line has no colon (:) between the field name and its value — write e.g. price: 350000",
    ),
    "yaml.indent": (
        "jarak awal baris (indentasi) tidak rata — buat baris ini sejajar dengan baris sebelumnya",
        "the indentation is uneven — line this line up with the one above it",
    ),
    "yaml.quote": (
        "ada tanda kutip yang dibuka tapi tidak ditutup — tambahkan tanda kutip penutup",
        "a quote is opened but never closed — add the closing quote",
    ),
    "yaml.bad_start": (
        "isian di baris ini diawali tanda yang tidak boleh (seperti @, ` atau %) — apit isinya dengan tanda kutip",
        "the value on this line starts with a character YAML does not allow (such as @, ` or %) — "
        "put the value in quotes",
    ),
    "yaml.duplicate": (
        "nama isian ditulis dua kali — hapus salah satunya",
        "a field name is written twice — delete one of them",
    ),
    "yaml.syntax": (
        "file ini tidak bisa dibaca ({detail}) — periksa tanda titik dua, tanda kutip dan jarak awal baris",
        "this file cannot be read ({detail}) — check the colons, quotes and indentation",
    ),
    "yaml.too_many_aliases": (
        "file ini memakai terlalu banyak alias (*) — tulis isinya secara langsung",
        "this file uses too many aliases (*) — write the values out directly",
    ),
    "yaml.too_deep": (
        "susunan file ini terlalu dalam — sederhanakan isinya",
        "this file is nested too deeply — simplify it",
    ),
    "yaml.many_documents": (
        'baris "---" ini memulai dokumen YAML kedua, padahal file ini hanya boleh berisi satu — hapus baris '
        '"---" itu, atau pindahkan isi di bawahnya ke file lain',
        'this "---" line starts a second YAML document, but this file may hold only one — delete that '
        '"---" line, or move what follows it into another file',
    ),
    "yaml.complex_key": (
        "nama isian di baris ini berupa daftar [ ] atau isian { }, padahal harus teks biasa — tulis misalnya: "
        "ukuran: besar",
        "the field name on this line is a list [ ] or a mapping { }, but it must be plain text — write e.g. "
        "size: large",
    ),
    "yaml.comment_space": (
        "tanda # di baris ini menempel pada isian sebelumnya, jadi tidak jelas apakah itu catatan — tulis spasi "
        "sebelum # untuk catatan, atau apit seluruh isinya dengan tanda kutip",
        "the # on this line touches the value before it, so it is unclear whether it starts a comment — put a "
        "space before # for a comment, or put the whole value in quotes",
    ),
    "yaml.flow_dash": (
        'tanda - sendirian di dalam [ ] atau { } tidak bisa dibaca — hapus, atau apit dengan tanda kutip: "-"',
        'a lone - inside [ ] or { } cannot be read — delete it, or put it in quotes: "-"',
    ),
    "yaml.flow_question": (
        "tanda ? di awal teks di dalam [ ] atau { } dibaca sebagai tanda khusus YAML — apit teksnya dengan tanda "
        'kutip, misalnya: ["?besar", promo]',
        "a ? at the start of a text inside [ ] or { } is read as a YAML sign — put the text in quotes, "
        'e.g. ["?large", sale]',
    ),
    "yaml.anchor_name": (
        "nama penanda (& atau *) di baris ini hanya boleh berisi huruf, angka, - dan _ — tulis misalnya: &ukuran",
        "the name after & or * on this line may hold only letters, digits, - and _ — write e.g. &size",
    ),
    # keys
    "key.unknown_hint": (
        'isian "{key}" tidak dikenal — maksudnya "{hint}"?',
        'unknown field "{key}" — did you mean "{hint}"?',
    ),
    "key.unknown": (
        'isian "{key}" tidak dikenal dan diabaikan — isian yang dikenal: {known}',
        'unknown field "{key}" is ignored — known fields: {known}',
    ),
    "key.duplicate": (
        'isian "{key}" ditulis dua kali; yang terakhir dipakai — hapus salah satunya',
        'field "{key}" is written twice; the last one is used — delete one of them',
    ),
    "key.twice": (
        '"{key}" sama artinya dengan isian "{first}" yang sudah ditulis; yang ini diabaikan — hapus salah satunya',
        '"{key}" means the same as "{first}", which is already written; this one is ignored — delete one',
    ),
    # fields
    "field.missing": (
        'isian "{field}" wajib diisi — tambahkan baris misalnya: {field}: …',
        'the field "{field}" is required — add a line such as: {field}: …',
    ),
    "field.missing_cell": (
        'kolom "{field}" di baris ini kosong padahal wajib diisi — isi kolom itu, atau hapus barisnya',
        'the "{field}" column is empty in this row but is required — fill it in, or delete the row',
    ),
    "field.not_text": (
        'isian "{field}" harus berupa teks biasa, bukan daftar — tulis isinya dalam satu baris',
        'the field "{field}" must be plain text, not a list — write it on one line',
    ),
    "field.not_list": (
        'isian "{field}" sebaiknya berupa daftar — tulis tiap isinya di baris sendiri yang diawali "- "',
        'the field "{field}" should be a list — write each item on its own line starting with "- "',
    ),
    "price.not_number": (
        'harga "{value}" bukan angka — tulis misalnya 300000 atau 300rb',
        'price "{value}" is not a number — write e.g. 300000 or 300rb',
    ),
    "price.fraction": (
        'harga "{value}" punya pecahan rupiah (rupiah tidak punya sen), jadi tidak dibulatkan diam-diam — '
        "tulis harga penuh, misalnya {hint} atau angkanya saja tanpa koma",
        'price "{value}" has a fraction of a rupiah (rupiah have no cents), so it is not rounded silently — '
        "write the whole price, e.g. {hint} or the plain number without a decimal point",
    ),
    "price.two_numbers": (
        'harga "{value}" berisi dua angka terpisah — tulis satu harga saja, misalnya 150.000 atau 15rb '
        "(varian dengan harga lain tulis di varian:)",
        'price "{value}" holds two separate numbers — write one price, e.g. 150.000 or 15rb '
        "(put other prices under variants:)",
    ),
    "price.ambiguous": (
        'harga "{value}" dibaca Rp{reading} (koma sebagai tanda desimal) — kalau maksudnya lain, tulis {other}',
        'price "{value}" is read as Rp{reading} (the comma as a decimal mark) — if you meant otherwise, write {other}',
    ),
    "price.ambiguous_m": (
        'harga "{value}" dibaca Rp{reading} (M sebagai juta), padahal M juga dipakai untuk miliar — '
        "tulis jt untuk juta, atau {other}",
        'price "{value}" is read as Rp{reading} (M as juta, million), though M is also written for miliar '
        "(billion) — write jt for juta, or {other}",
    ),
    "old_price.not_higher": (
        "harga_coret {old} tidak lebih tinggi dari harga produk ini maupun variannya, jadi tidak ditampilkan — "
        "tulis harga lama yang lebih tinggi, atau hapus harga_coret",
        "old_price {old} is not higher than this product's price or any of its variants', so it is not shown — "
        "write a higher old price, or delete old_price",
    ),
    "price.too_big": (
        'harga "{value}" terlalu besar — periksa jumlah angka nolnya',
        'price "{value}" is too large — check the number of zeros',
    ),
    "price.missing": (
        "harga belum diisi — tambahkan misalnya: harga: 350000 (atau harga: tanya)",
        "the price is missing — add e.g. price: 350000 (or price: tanya for price on request)",
    ),
    "phone.invalid": (
        'nomor WhatsApp "{value}" tidak bisa dipakai — tulis misalnya 0812-3456-7890 atau +62 812 3456 7890',
        'WhatsApp number "{value}" cannot be used — write e.g. 0812-3456-7890 or +62 812 3456 7890',
    ),
    "phone.too_short": (
        'nomor WhatsApp "{value}" terlalu pendek — tulis nomor lengkap, misalnya 0812-3456-7890',
        'WhatsApp number "{value}" is too short — write the whole number, e.g. 0812-3456-7890',
    ),
    "phone.too_long": (
        'nomor WhatsApp "{value}" terlalu panjang (ada angka lebih atau dua nomor tergabung) — '
        "tulis satu nomor, misalnya 0812-3456-7890",
        'WhatsApp number "{value}" is too long (an extra digit, or two numbers run together) — '
        "write one number, e.g. 0812-3456-7890",
    ),
    "phone.not_in_use": (
        'nomor "{value}" bukan nomor Indonesia yang ada (nomor HP diawali 08, misalnya 0812…) — periksa angka awalnya',
        '"{value}" is not an Indonesian number in use (mobile numbers start with 08, e.g. 0812…) — '
        "check its first digits",
    ),
    "phone.bad_country": (
        'kode negara pada nomor "{value}" tidak dikenal — untuk Indonesia tulis +62 atau mulai dengan 0',
        'the country code of "{value}" is not known — for Indonesia write +62 or start with 0',
    ),
    "phone.no_country": (
        'nomor "{value}" tidak diawali 0, 8 atau kode negara — tulis misalnya 0812-3456-7890, '
        "atau +60 … untuk nomor luar negeri",
        '"{value}" starts with neither 0, 8 nor a country code — write e.g. 0812-3456-7890, '
        "or +60 … for a number abroad",
    ),
    "phone.two_numbers": (
        'isian whatsapp "{value}" berisi dua nomor — tulis satu nomor yang menerima pesanan',
        'the whatsapp field "{value}" holds two numbers — write the one number that takes orders',
    ),
    "phone.landline": (
        "nomor ini sepertinya nomor telepon rumah/kantor, padahal WhatsApp ada di HP; pesanan dikirim ke nomor "
        "ini — kalau bukan nomor WhatsApp, tulis nomor HP, misalnya 0812-3456-7890",
        "this looks like a landline number, while WhatsApp is on mobiles; orders are sent to it — if it is not "
        "on WhatsApp, write a mobile number, e.g. 0812-3456-7890",
    ),
    "phone.toll_free": (
        "nomor ini sepertinya nomor bebas pulsa/layanan (0800…), yang tidak bisa menerima WhatsApp — "
        "tulis nomor HP, misalnya 0812-3456-7890",
        "this looks like a toll-free or service number (0800…), which cannot receive WhatsApp — "
        "write a mobile number, e.g. 0812-3456-7890",
    ),
    "stock.invalid": (
        'stok "{value}" tidak dimengerti — tulis sebuah angka (misalnya 5) atau "habis"',
        'stock "{value}" is not understood — write a number (e.g. 5) or "habis" (sold out)',
    ),
    "bool.invalid": (
        'isian "{field}" berisi "{value}" — tulis "ya" atau "tidak"',
        'the field "{field}" says "{value}" — write "ya" (yes) or "tidak" (no)',
    ),
    "order.invalid": (
        'urutan "{value}" bukan angka — tulis misalnya: urutan: 1',
        'order "{value}" is not a number — write e.g. order: 1',
    ),
    "color.invalid": (
        'warna "{value}" tidak dikenal dan diabaikan — tulis kode warna seperti "#1f4e79"',
        'colour "{value}" is not understood and is ignored — write a colour code such as "#1f4e79"',
    ),
    "colors.invalid": (
        'warna harus ditulis misalnya: warna: {{aksen: "#1f4e79"}} — isian ini diabaikan',
        'colours must be written e.g. colors: {{accent: "#1f4e79"}} — this field is ignored',
    ),
    "url.invalid": (
        'alamat "{value}" bukan alamat web — tulis alamat yang diawali https://',
        '"{value}" is not a web address — write an address starting with https://',
    ),
    "instagram.invalid": (
        'akun Instagram "{value}" tidak dikenali — tulis misalnya @batikmalon',
        'Instagram account "{value}" is not recognised — write e.g. @batikmalon',
    ),
    "language.unknown": (
        'bahasa "{value}" belum tersedia; dipakai bahasa Indonesia — tulis "id" atau "en"',
        'language "{value}" is not available; Indonesian is used — write "id" or "en"',
    ),
    "currency.unknown": (
        'mata uang "{value}" tidak dikenal; dipakai IDR — tulis kode seperti IDR atau USD',
        'currency "{value}" is not known; IDR is used — write a code such as IDR or USD',
    ),
    "variants.too_many": (
        "ada {count} varian, paling banyak {limit} — pecah menjadi beberapa produk",
        "there are {count} variants, at most {limit} — split them into several products",
    ),
    "variants.duplicate": (
        'varian "{name}" ditulis dua kali — beri nama yang berbeda',
        'variant "{name}" is written twice — give them different names',
    ),
    "variants.invalid": (
        "varian harus ditulis misalnya: - nama: Merah  (atau - 250 gram: 35rb)",
        "a variant must be written e.g. - name: Red  (or - 250 gram: 35rb)",
    ),
    "text.unsafe_removed": (
        "bagian teks yang tidak aman dibuang ({what}) — tulis teks biasa saja",
        "unsafe parts of the text were removed ({what}) — write plain text only",
    ),
    "text.line_too_long": (
        'isian "{field}" panjang sekali ({count} huruf) — memenuhi halaman dan terpotong di pratinjau '
        "WhatsApp; persingkat sampai {limit} huruf",
        'the field "{field}" is very long ({count} characters) — it crowds the pages and is cut in '
        "WhatsApp previews; shorten it to {limit}",
    ),
    "text.too_long": (
        "teks ini {count} huruf, hanya {limit} huruf pertama yang ditampilkan — persingkat ceritanya",
        "this text has {count} characters; only the first {limit} are shown — shorten it",
    ),
    # photos
    "photos.too_many": (
        "produk ini punya {count} foto; hanya {limit} foto pertama yang ditampilkan — pilih foto terbaik "
        "dan tulis namanya di isian foto:",
        "this product has {count} photos; only the first {limit} are shown — pick the best ones "
        "and list them under photos:",
    ),
    "photo.outside": (
        'foto "{file}" berada di luar folder toko — simpan fotonya di folder photos/ dan tulis namanya saja',
        'photo "{file}" is outside the shop\'s folder — put it in the photos/ folder and write just its name',
    ),
    "photo.missing": (
        'foto "{file}" tidak ada di folder {folder}/; halaman tetap dibuat tanpa foto ini',
        'photo "{file}" is not in the {folder}/ folder; the page is still made without it',
    ),
    "photo.missing_hint": (
        'foto "{file}" tidak ada di folder {folder}/ — maksudnya "{hint}"? Halaman tetap dibuat tanpa foto ini',
        'photo "{file}" is not in the {folder}/ folder — did you mean "{hint}"? The page is still made without it',
    ),
    "photo.svg": (
        '"{file}" adalah gambar SVG, dan Lapak hanya menerbitkan foto (JPG, PNG, WebP, HEIC); halaman tetap '
        "dibuat tanpa gambar ini — simpan gambarnya sebagai PNG (logo) atau JPG (foto) lalu tulis nama file itu",
        '"{file}" is an SVG drawing, and Lapak publishes photos only (JPG, PNG, WebP, HEIC); the page is still '
        "made without it — save the picture as PNG (a logo) or JPG (a photo) and write that file's name",
    ),
    "photo.unreadable": (
        "foto ini tidak bisa dibuka ({detail}); produk tetap tampil tanpa foto ini — simpan ulang sebagai JPG",
        "this photo cannot be opened ({detail}); the product is shown without it — save it again as JPG",
    ),
    "photo.empty": (
        "file foto ini kosong (0 byte); produk tetap tampil tanpa foto ini — salin ulang fotonya dari HP",
        "this photo file is empty (0 bytes); the product is shown without it — copy the photo again",
    ),
    "photo.not_image": (
        "file ini bukan foto yang bisa dibaca; produk tetap tampil tanpa foto ini — simpan ulang sebagai JPG",
        "this file is not a readable photo; the product is shown without it — save it again as JPG",
    ),
    "photo.too_many_pixels": (
        "foto ini terlalu besar (terlalu banyak piksel); produk tetap tampil tanpa foto ini — kecilkan dulu fotonya",
        "this photo has too many pixels; the product is shown without it — make it smaller first",
    ),
    "photo.truncated": (
        "foto ini tidak lengkap (terpotong, mungkin belum selesai disalin); produk tetap tampil tanpa foto ini "
        "— salin ulang fotonya dari HP",
        "this photo is incomplete (cut off, perhaps not fully copied); the product is shown without it "
        "— copy the photo again from the phone",
    ),
    "photo.broken": (
        "foto ini rusak dan tidak bisa dibaca; produk tetap tampil tanpa foto ini — simpan ulang sebagai JPG",
        "this photo is damaged and cannot be read; the product is shown without it — save it again as JPG",
    ),
    "photo.exif_damaged": (
        "data EXIF foto ini rusak ({detail}); fotonya tetap dipakai tanpa data itu, tapi arah tegaknya mungkin "
        "salah — kalau tampil miring, putar fotonya lalu simpan ulang sebagai JPG",
        "this photo's EXIF data is damaged ({detail}); the photo is still used without it, but may not be "
        "upright — if it shows sideways, rotate it and save it again as JPG",
    ),
    "photo.decoder_warning": (
        "pembaca foto memberi peringatan tentang foto ini ({detail}); fotonya tetap dipakai — kalau tampil "
        "aneh, simpan ulang sebagai JPG",
        "the photo reader warned about this photo ({detail}); the photo is still used — if it looks wrong, "
        "save it again as JPG",
    ),
    "photo.heic": (
        "foto HEIC (dari iPhone) belum bisa dibaca di komputer ini; produk tetap tampil tanpa foto ini "
        "— pasang pillow-heif (pip install pillow-heif) atau simpan fotonya sebagai JPG",
        "HEIC photos (from an iPhone) cannot be read on this computer; the product is shown without it "
        "— install pillow-heif (pip install pillow-heif) or save the photo as JPG",
    ),
    "photo.too_big": (
        "file foto ini lebih dari 40 MB; produk tetap tampil tanpa foto ini — kecilkan dulu fotonya",
        "this photo file is over 40 MB; the product is shown without it — make it smaller first",
    ),
    "path.link_outside": (
        "ini adalah tautan (symlink) ke tempat di luar folder toko dan tidak dibaca — "
        "salin file atau foldernya ke dalam folder toko sebagai file biasa",
        "this is a link (symlink) to a place outside the shop's folder and is not read — "
        "copy the file or folder into the shop's folder as a normal file",
    ),
    # files and folders
    "file.too_big": (
        "file ini terlalu besar ({size}) dan tidak dibaca — file teks toko cukup beberapa KB; "
        "persingkat isinya dan taruh foto di folder photos/",
        "this file is too large ({size}) and is not read — a shop's text file needs only a few KB; "
        "shorten it and put photos in the photos/ folder",
    ),
    "file.unreadable": (
        "file ini tidak bisa dibuka ({detail}) — simpan ulang sebagai file teks biasa lalu coba lagi",
        "this file cannot be opened ({detail}) — save it again as a plain text file and retry",
    ),
    "file.not_mapping": (
        'isi file ini harus berupa daftar isian "nama: isi" — lihat contoh di README',
        'this file must hold "name: value" fields — see the example in the README',
    ),
    "product.list_item": (
        'setiap produk dalam daftar harus berisi isian seperti "- nama: …" lalu "  harga: …"',
        'each product in the list must hold fields such as "- name: …" then "  price: …"',
    ),
    "product.empty_file": (
        "file produk ini kosong — isi dengan nama dan harga, atau hapus filenya",
        "this product file is empty — fill in a name and price, or delete the file",
    ),
    "product.not_mapping": (
        'isi file produk harus berupa isian "nama: …" dan "harga: …"',
        'a product file must hold fields such as "name: …" and "price: …"',
    ),
    "sheet.no_name_column": (
        'baris judul kolom tidak ditemukan: tidak ada kolom "nama" di baris-baris pertama — tulis di baris '
        "pertama judul kolomnya, misalnya: nama, harga, kategori, stok, foto, deskripsi",
        'no header row found: no "name" column in the first rows — write the column headings in the first row, '
        "e.g.: name, price, category, stock, photos, description",
    ),
    "sheet.unreadable": (
        "file Excel ini tidak bisa dibaca ({detail}) — buka di Excel atau Google Sheets lalu simpan ulang "
        "sebagai .xlsx (tanpa kata sandi), atau sebagai .csv",
        "this Excel file cannot be read ({detail}) — open it in Excel or Google Sheets and save it again as "
        ".xlsx (without a password), or as .csv",
    ),
    "product.no_front_matter": (
        'file .md harus diawali baris "---", lalu nama dan harga, lalu "---" lagi sebelum deskripsi',
        'a .md file must start with a "---" line, then name and price, then "---" again before the description',
    ),
    "product.reserved_slug": (
        'nama file produk "{slug}" sudah dipakai Lapak untuk halaman lain — ganti nama filenya',
        'the product file name "{slug}" is used by Lapak for another page — rename the file',
    ),
    "product.duplicate_slug": (
        'produk ini punya alamat halaman "{slug}" yang sama dengan produk di {other} — ganti nama file atau isi slug',
        'this product has the same page address "{slug}" as the product at {other} — rename the file or set slug',
    ),
    "project.no_sellers": (
        'tidak ada folder sellers/ di sini — buat toko baru dengan: lapak new "Nama Toko"',
        'there is no sellers/ folder here — create a shop with: lapak new "Shop Name"',
    ),
    "seller.bad_folder_name": (
        'nama folder "{folder}" tidak bisa dijadikan alamat toko (atau sama dengan "{other}") — '
        "pakai huruf kecil, angka dan tanda minus, misalnya batik-bu-sri",
        'the folder name "{folder}" cannot be used as the shop\'s address (or clashes with "{other}") — '
        "use lower-case letters, digits and dashes, e.g. batik-bu-sri",
    ),
    "shop.no_file": (
        "folder toko ini belum punya shop.yaml — buat file shop.yaml berisi nama dan whatsapp",
        "this shop folder has no shop.yaml — create one with name and whatsapp",
    ),
    "shop.empty": (
        "shop.yaml kosong — isi minimal nama dan whatsapp, misalnya: nama: Batik Bu Sri",
        "shop.yaml is empty — fill in at least name and whatsapp, e.g. name: Batik Bu Sri",
    ),
    "products.no_folder": (
        "belum ada folder products/ — buat folder products/ dan isi satu file per produk",
        "there is no products/ folder yet — create it with one file per product",
    ),
    "products.ignored_file": (
        "file ini bukan file produk (.md, .yaml, .csv, .xlsx atau .ods) dan diabaikan — ganti akhiran namanya "
        "menjadi .md atau .yaml (tabel: simpan sebagai .xlsx atau .csv), atau pindahkan dari folder ini",
        "this is not a product file (.md, .yaml, .csv, .xlsx or .ods) and is ignored — rename it to end in .md or "
        ".yaml (a spreadsheet: save it as .xlsx or .csv), or move it out of this folder",
    ),
    "products.none": (
        "toko ini belum punya produk — tambahkan file produk ke folder ini",
        "this shop has no products yet — add a product file to this folder",
    ),
    # build
    "build.out_unsafe": (
        'folder hasil "{out}" tidak aman dipakai (berisi file toko atau proyek) — pilih folder lain, misalnya output/',
        'the output folder "{out}" is not safe to use (it holds shop or project files) — pick another, e.g. output/',
    ),
    "build.locked": (
        'build lain sedang berjalan di folder hasil "{out}" — tunggu sampai selesai lalu coba lagi',
        'another build is running on the output folder "{out}" — wait for it to finish and try again',
    ),
    "build.out_not_folder": (
        '"{out}" adalah file, bukan folder — pilih folder hasil lain dengan --out, misalnya output/',
        '"{out}" is a file, not a folder — pick another output folder with --out, e.g. output/',
    ),
    "build.out_foreign": (
        'folder hasil "{out}" sudah berisi "{name}" yang bukan buatan Lapak dan akan tertimpa — '
        'pindahkan "{name}" dari sana, atau pilih folder kosong atau folder baru dengan --out',
        'the output folder "{out}" already holds "{name}", which Lapak did not write and would overwrite '
        '(files Lapak did not write are kept only where no page goes) — move "{name}" away, or pick an '
        "empty or new folder with --out",
    ),
    "build.write_failed": (
        "tidak bisa menulis hasil ({detail}) — periksa ruang disk dan izin folder",
        "cannot write the output ({detail}) — check disk space and folder permissions",
    ),
    "build.no_shop": (
        'tidak ada toko dengan nama folder "{slug}" — pilih salah satu: {known}',
        'there is no shop folder "{slug}" — pick one of: {known}',
    ),
    "build.no_shop_hint": (
        'tidak ada toko dengan nama folder "{slug}" — maksud Anda "{hint}"? (semua toko: {known})',
        'there is no shop folder "{slug}" — did you mean "{hint}"? (every shop: {known})',
    ),
    "dask.missing": (
        "--dask perlu Dask, yang belum terpasang — pasang dengan: pip install 'lapak[dask]'",
        "--dask needs Dask, which is not installed — install it with: pip install 'lapak[dask]'",
    ),
    "dask.no_scheduler": (
        "tidak bisa tersambung ke klaster Dask di {address} ({detail}) — periksa alamatnya dan "
        "apakah penjadwalnya (dask scheduler) sudah berjalan",
        "cannot connect to the Dask cluster at {address} ({detail}) — check the address and "
        "that its scheduler (dask scheduler) is running",
    ),
    "dask.no_workers": (
        "klaster Dask di {address} belum punya pekerja — jalankan dulu: dask worker {address}",
        "the Dask cluster at {address} has no workers yet — start one first: dask worker {address}",
    ),
    "dask.no_lapak": (
        "pekerja klaster Dask tidak bisa menjalankan Lapak ({detail}) — pasang Lapak versi yang sama di setiap pekerja",
        "a Dask worker cannot run Lapak ({detail}) — install the same Lapak version on every worker",
    ),
    "dask.version": (
        "pekerja Dask {worker} memakai Lapak {theirs}, di sini Lapak {ours} — pasang versi yang sama di setiap pekerja",
        "Dask worker {worker} runs Lapak {theirs}, this machine Lapak {ours} — install the same version on "
        "every worker",
    ),
    "dask.no_market": (
        "pekerja Dask {worker} tidak melihat folder pasar {folder} — folder pasar dan folder hasil harus "
        "ada di penyimpanan bersama, dengan alamat folder yang sama di setiap pekerja",
        "Dask worker {worker} cannot see the market folder {folder} — the market and output folders must "
        "be on shared storage, at the same path on every worker",
    ),
    "dask.no_write": (
        "pekerja Dask {worker} tidak bisa menulis di {folder} — folder hasil dan folder .lapak-cache harus "
        "bisa ditulis dari setiap pekerja (penyimpanan bersama)",
        "Dask worker {worker} cannot write to {folder} — the output folder and the .lapak-cache folder must "
        "be writable from every worker (shared storage)",
    ),
    "build.no_market": (
        "tidak ada pasar atau toko di {folder} — Lapak mencari folder sellers/ (satu folder per toko) atau "
        "shop.yaml di folder itu; jalankan perintah di folder pasar, atau buat pasar dengan: "
        'lapak new --market "Nama Pasar" FOLDER',
        "there is no market or shop in {folder} — Lapak looks there for a sellers/ folder (one folder per shop) "
        "or a shop.yaml; run the command in the market's folder, or create a market with: "
        'lapak new --market "Market Name" FOLDER',
    ),
    "theme.missing": (
        'tema "{theme}" tidak ada — pilih salah satu: {known}',
        'theme "{theme}" does not exist — pick one of: {known}',
    ),
    "theme.bad_name": (
        'nama tema "{value}" tidak boleh berisi garis miring, titik atau spasi; dipakai tema pasar — '
        "tulis nama tema saja, misalnya: tema: base",
        'the theme name "{value}" may not hold slashes, dots or spaces; the market\'s theme is used — '
        "write just a theme name, e.g. theme: base",
    ),
    "theme.css_unsafe": (
        'gaya ini memuat "{what}" yang bisa memuat alamat luar atau menjalankan skrip, jadi tidak dipakai — '
        "hapus bagian itu (gambar taruh di folder photos/, bukan lewat CSS)",
        'this stylesheet holds "{what}", which could load outside addresses or run script, so it is not used — '
        "remove that part (photos go in the photos/ folder, not in CSS)",
    ),
    "theme.templates_ignored": (
        "template sendiri tidak dipakai di pasar karena bisa menjalankan kode — minta pelatih memasang desainnya "
        "sebagai tema di folder themes/ pasar, lalu tulis tema: <nama> di shop.yaml",
        "a seller's own templates are not used in a market because they can run code — ask the trainer to add "
        "the design as a theme in the market's themes/ folder, then write theme: <name> in shop.yaml",
    ),
    "theme.loop": (
        'tema "{theme}" saling mewarisi tanpa ujung — periksa isian extends di theme.yaml',
        'theme "{theme}" extends itself in a loop — check extends in theme.yaml',
    ),
    "theme.template": (
        "template tema rusak atau dilarang ({detail}) — perbaiki template itu atau hapus dari folder templates/",
        "a theme template is broken or not allowed ({detail}) — fix it or remove it from the templates/ folder",
    ),
    "new.exists": (
        '"{where}" sudah ada dan tidak akan ditimpa — pilih nama lain',
        '"{where}" already exists and will not be overwritten — pick another name',
    ),
    "new.bad_name": (
        'nama "{name}" tidak bisa dijadikan nama folder — pakai huruf atau angka',
        'the name "{name}" cannot become a folder name — use letters or digits',
    ),
    "new.name_is_path": (
        '"{name}" terlihat seperti folder, bukan nama toko — tulis namanya dulu, lalu folder pasarnya: '
        'lapak new "Nama Toko" FOLDER',
        '"{name}" looks like a folder, not a shop name — write the name first, then the market\'s folder: '
        'lapak new "Shop Name" FOLDER',
    ),
    "new.name_is_path_market": (
        '"{name}" terlihat seperti folder, bukan nama pasar — tulis namanya dulu, lalu foldernya: '
        'lapak new --market "Nama Pasar" FOLDER',
        '"{name}" looks like a folder, not a market name — write the name first, then the folder: '
        'lapak new --market "Market Name" FOLDER',
    ),
    "new.created": (
        "toko baru dibuat di {path} — ubah shop.yaml dan products/, lalu jalankan: {command}",
        "new shop created in {path} — edit shop.yaml and products/, then run: {command}",
    ),
    "new.market_created": (
        'pasar baru dibuat di {path} — tambahkan toko dengan: lapak new "Nama Toko" {folder}',
        'new market created in {path} — add shops with: lapak new "Shop Name" {folder}',
    ),
    "shop.placeholder_phone": (
        "nomor WhatsApp masih nomor contoh — ganti dengan nomor yang menerima pesanan",
        "the WhatsApp number is still the example number — replace it with the number that takes orders",
    ),
    "product.example": (
        "ini masih produk contoh dari lapak new dan ikut tampil di toko — ubah nama, harga, kategori dan "
        "ceritanya, atau hapus file ini",
        "this is still the example product from lapak new and is published with the shop — change its name, "
        "price, category and story, or delete this file",
    ),
    "publish.no_site": (
        "belum ada situs di folder ini — jalankan dulu: lapak build",
        "there is no built site in this folder — run lapak build first",
    ),
    "publish.no_git": (
        "program git belum terpasang — pasang git lalu coba lagi",
        "git is not installed — install git and try again",
    ),
    "publish.failed": (
        "gagal mengirim ke git (pesan git: {detail}) — periksa alamat repositori dan izin aksesnya",
        "pushing with git failed (git says: {detail}) — check the repository address and access rights",
    ),
    "publish.too_big": (
        "situs ini {size} GB dalam {count} file, padahal GitHub Pages hanya menayangkan situs sampai 1 GB — "
        "untuk pasar sebesar ini pakai hosting lain (Netlify, server sendiri) atau buat satu pasar per kabupaten",
        "this site is {size} GB in {count} files, but GitHub Pages only serves sites up to 1 GB — for a market "
        "this big use another host (Netlify, your own server) or make one market per regency",
    ),
    "publish.done": (
        "situs dikirim ke {remote} cabang {branch} (commit {commit})",
        "site pushed to {remote} branch {branch} (commit {commit})",
    ),
    "zip.done": (
        "{count} file dikemas ke {zip} — unggah isinya ke hosting mana pun",
        "{count} files packed into {zip} — upload its contents to any web host",
    ),
    "export.done": (
        "{count} produk ditulis ke {file} — satu baris per produk; baris satu toko bisa disimpan sebagai "
        "file di folder products/ toko itu",
        "{count} products written to {file} — one row per product; one shop's rows can be saved as a file in "
        "that shop's products/ folder",
    ),
    "export.skipped": (
        "toko ini tidak ikut ditulis karena filenya ada galat — jalankan lapak check untuk melihatnya: {shops}",
        "these shops are left out because their files have errors — run lapak check to see them: {shops}",
    ),
    # lapak import: seller folders from a sign-up form
    "import.column": ("kolom {column} dipakai untuk {field}", "column {column} used for {field}"),
    "import.column_unused": (
        "kolom {column} tidak dipakai (beri arti lewat --map bila perlu)",
        "column {column} not used (give it a meaning with --map if needed)",
    ),
    "import.field.name": ("nama toko", "shop name"),
    "import.field.owner": ("nama pemilik", "owner's name"),
    "import.field.whatsapp": ("nomor WhatsApp", "WhatsApp number"),
    "import.field.city": ("kota", "town"),
    "import.field.address": ("alamat", "address"),
    "import.field.slogan": ("slogan", "slogan"),
    "import.field.about": ("cerita toko", "shop story"),
    "import.field.products": ("produk", "products"),
    "import.field.instagram": ("Instagram", "Instagram"),
    "import.created": ("{slug}: toko baru dibuat (dari {row})", "{slug}: new shop created (from {row})"),
    "import.updated": (
        "{slug}: diperbarui dari {row} ({files})",
        "{slug}: updated from {row} ({files})",
    ),
    "import.unchanged": ("{slug}: dibiarkan, tidak ada yang berubah", "{slug}: left alone, nothing changed"),
    "import.kept_edited": (
        "{slug}: {file} dibiarkan — penjual sudah mengubahnya sejak impor terakhir, jadi tidak ditimpa",
        "{slug}: {file} left alone — the seller changed it since the last import, so it is not overwritten",
    ),
    "import.kept_removed": (
        "{slug}: {file} dibiarkan — penjual sudah menghapusnya sejak impor terakhir, jadi tidak dibuat lagi",
        "{slug}: {file} left alone — the seller deleted it since the last import, so it is not written again",
    ),
    "import.not_ours": (
        "{slug}: dibiarkan — folder toko ini sudah ada dan tidak dibuat oleh impor ({row})",
        "{slug}: left alone — this shop folder already exists and was not made by an import ({row})",
    ),
    "import.no_name": (
        "nama toko kosong — isi nama tokonya; baris ini dilewati",
        "the shop name is empty — fill it in; this row is skipped",
    ),
    "import.bad_name": (
        'nama toko "{name}" tidak bisa menjadi nama folder — pakai huruf atau angka; baris ini dilewati',
        'the shop name "{name}" cannot become a folder name — use letters or digits; this row is skipped',
    ),
    "import.bad_phone": (
        "{reason}; baris ini dilewati",
        "{reason}; this row is skipped",
    ),
    "import.products_line": ("Produk kami: {products}", "Our products: {products}"),
    "import.summary": (
        "{created} toko dibuat, {updated} diperbarui, {kept} dibiarkan, {problems} baris bermasalah",
        "{created} shops created, {updated} updated, {kept} left alone, {problems} rows with problems",
    ),
    "import.bad_suffix": (
        "{file}: Lapak membaca jawaban formulir dari file .csv, .xlsx atau .ods — simpan filenya dalam salah "
        "satu bentuk itu",
        "{file}: Lapak reads form answers from a .csv, .xlsx or .ods file — save the file in one of those forms",
    ),
    "import.shop_folder": (
        "{folder} adalah folder satu toko — tulis folder pasarnya (yang berisi sellers/) sesudah --market",
        "{folder} is one shop's folder — give the market folder (the one holding sellers/) after --market",
    ),
    "import.no_file": ("{file}: file ini tidak ada", "{file}: no such file"),
    "import.unreadable": ("{file}: file tidak bisa dibaca: {detail}", "{file}: the file cannot be read: {detail}"),
    "import.empty": ("{file}: file ini kosong", "{file}: this file is empty"),
    "import.no_name_column": (
        '{file}: tidak ada kolom nama toko (misalnya "Nama Toko" atau "Nama usaha") — tulis pada file pemetaan '
        '(--map) kolom mana yang berisi nama toko, misalnya: "Nama UMKM": name',
        '{file}: no shop-name column (such as "Shop name" or "Nama Toko") — say in a mapping file (--map) which '
        'column holds the shop name, e.g.: "Business": name',
    ),
    "import.bad_mapping": (
        '{file}: file pemetaan harus berisi baris "judul kolom: isian" ({detail})',
        '{file}: a mapping file must hold "column heading: field" lines ({detail})',
    ),
    "import.bad_field": (
        '{file}: "{field}" (untuk kolom "{heading}") bukan isian yang dikenal — pakai salah satu: name, owner, '
        "whatsapp, city, address, slogan, about, products, instagram, ignore",
        '{file}: "{field}" (for the column "{heading}") is not a known field — use one of: name, owner, '
        "whatsapp, city, address, slogan, about, products, instagram, ignore",
    ),
    "serve.also": ("juga bisa dibuka di: {addresses}", "also reachable at: {addresses}"),
    "serve.running": (
        "pratinjau berjalan di {address} — halaman dimuat ulang sendiri setiap file disimpan; Ctrl+C untuk berhenti",
        "preview running at {address} — the page reloads itself whenever a file is saved; Ctrl+C to stop",
    ),
    # lapak edit: the terminal (trainer) and the phone (seller)
    "edit.running": (
        "pengubah toko berjalan di {address} — penjual masuk dengan tautan di kartunya; Ctrl+C untuk berhenti",
        "the shop editor is running at {address} — sellers sign in with the link on their card; Ctrl+C to stop",
    ),
    "edit.no_links": (
        "belum ada tautan penjual — buat kartunya dulu dengan: lapak edit {dir} --cards",
        "no seller has a link yet — make the cards first with: lapak edit {dir} --cards",
    ),
    "edit.cards_written": (
        "{count} kartu penjual ditulis ke {path} — cetak lalu hapus file itu; kartu lama tidak berlaku lagi",
        "{count} seller cards written to {path} — print them, then delete that file; older cards no longer work",
    ),
    "edit.trainer_link": (
        "tautan pelatih (bisa mengubah semua toko, simpan baik-baik): {link}",
        "the trainer's link (can change every shop, keep it safe): {link}",
    ),
    "edit.new_link": (
        "tautan baru untuk {slug}: {link} — tautan lamanya tidak berlaku lagi",
        "new link for {slug}: {link} — the old link no longer works",
    ),
    "edit.unknown_seller": (
        'tidak ada toko bernama "{slug}" — pilih salah satu: {known}',
        'there is no shop called "{slug}" — pick one of: {known}',
    ),
    "edit.sign_in_failed": (
        "tautan ini tidak berlaku (mungkin sudah diganti) — minta kartu baru ke pelatih Anda",
        "this link does not work (it may have been replaced) — ask your trainer for a new card",
    ),
    "edit.signed_out": (
        "Anda belum masuk — buka tautan dari kartu Anda (pindai kode QR-nya dengan kamera HP)",
        "you are not signed in — open the link on your card (scan its QR code with the phone's camera)",
    ),
    "edit.too_many_tries": (
        "terlalu banyak tautan salah dari HP ini — tunggu sepuluh menit lalu pindai kartu Anda lagi",
        "too many wrong links from this phone — wait ten minutes, then scan your card again",
    ),
    "edit.form_expired": (
        "formulir ini sudah kedaluwarsa — buka lagi halamannya lalu simpan sekali lagi",
        "this form has expired — open the page again and save once more",
    ),
    "edit.too_large": (
        "kiriman terlalu besar — kirim paling banyak {count} foto sekali simpan, masing-masing di bawah {size} MB",
        "what was sent is too large — send at most {count} photos per save, each under {size} MB",
    ),
    "edit.too_long": (
        'isian "{field}" terlalu panjang ({count} huruf) — persingkat sampai {limit} huruf',
        'the field "{field}" is too long ({count} characters) — shorten it to {limit}',
    ),
    "edit.photo_too_many": (
        "terlalu banyak foto sekaligus ({count}) — pilih paling banyak {limit} foto lalu simpan lagi",
        "too many photos at once ({count}) — pick at most {limit} photos and save again",
    ),
    "edit.photo_too_big": (
        "foto ini lebih dari 15 MB dan tidak disimpan — ambil ulang fotonya atau kecilkan dulu",
        "this photo is over 15 MB and was not saved — take it again or make it smaller first",
    ),
    "edit.photo_not_image": (
        "file ini bukan foto yang bisa dibaca dan tidak disimpan — pilih foto dari galeri atau kamera",
        "this file is not a photo that can be read and was not saved — pick a photo from the gallery or camera",
    ),
    "edit.photo_too_many_pixels": (
        "foto ini terlalu besar (terlalu banyak piksel) dan tidak disimpan — pilih foto dari kamera HP",
        "this photo has too many pixels and was not saved — pick a photo taken with the phone's camera",
    ),
    "edit.photo_broken": (
        "foto ini rusak atau tidak lengkap dan tidak disimpan — ambil ulang fotonya lalu simpan lagi",
        "this photo is damaged or incomplete and was not saved — take it again, then save again",
    ),
    "edit.not_found": (
        "produk ini tidak ada (mungkin sudah dihapus) — kembali ke daftar produk",
        "this product does not exist (it may have been deleted) — go back to the product list",
    ),
    "edit.not_editable": (
        "{file} ditulis dengan cara yang belum bisa diubah dari HP — minta pelatih mengubahnya di komputer",
        "{file} is written in a way that cannot be changed from the phone yet — ask your trainer to change it",
    ),
    "edit.conflict": (
        "produk ini baru saja diubah dari HP lain; tidak ada yang ditimpa — periksa kedua isian lalu simpan lagi",
        "this product was just changed from another phone; nothing was overwritten — compare both, then save again",
    ),
    "edit.saved": (
        "tersimpan dan halaman toko sudah diperbarui — lihat hasilnya di bawah",
        "saved, and the shop's page is updated — see it below",
    ),
    "edit.build_failed": (
        "tersimpan, tapi halaman toko belum bisa diperbarui: {detail}",
        "saved, but the shop's page could not be updated yet: {detail}",
    ),
    "edit.undone": ("perubahan terakhir dibatalkan ({what})", "the last change was undone ({what})"),
    "edit.undo_nothing": ("belum ada perubahan yang bisa dibatalkan", "there is no change to undo yet"),
    "edit.undo_conflict": (
        "perubahan terakhir tidak bisa dibatalkan karena produknya sudah diubah lagi — ubah saja isinya langsung",
        "the last change cannot be undone because the product was changed again since — edit it directly",
    ),
    "edit.deleted": (
        '"{name}" dihapus dari toko — tekan Batalkan untuk mengembalikannya',
        '"{name}" was removed from the shop — press Undo to bring it back',
    ),
    "edit.commit_new": ('produk baru "{name}"', 'new product "{name}"'),
    "edit.commit_change": ('"{name}" diubah', '"{name}" changed'),
    "edit.commit_sold_out": ('"{name}" habis', '"{name}" sold out'),
    "edit.commit_available": ('"{name}" tersedia lagi', '"{name}" available again'),
    "edit.commit_delete": ('"{name}" dihapus', '"{name}" removed'),
    "edit.commit_shop": ("data toko diubah", "shop details changed"),
    "edit.color_invalid": (
        'warna "{value}" tidak bisa dipakai dan tidak ada yang diubah — pilih salah satu warna di daftar',
        'the colour "{value}" cannot be used and nothing was changed — pick one of the colours in the list',
    ),
    "edit.published_ago": ("sudah terbit {ago}", "published {ago}"),
    "edit.published_now": ("sudah terbit barusan", "published just now"),
    "edit.publish_waiting": (
        "perubahan akan terbit sebentar lagi (paling lama satu menit)",
        "the change will be published shortly (within a minute)",
    ),
    "edit.publish_failed": (
        "toko belum bisa diterbitkan ke internet; perubahan tetap tersimpan — beri tahu pelatih",
        "the shop could not be published to the internet yet; the change is saved — tell your trainer",
    ),
    "edit.publish_failed_trainer": (
        "menerbitkan ke {remote} gagal: {detail}",
        "publishing to {remote} failed: {detail}",
    ),
    "edit.publish_done_trainer": ("terbit ke {remote} ({commit})", "published to {remote} ({commit})"),
    "edit.commit_hidden": ('"{name}" disembunyikan', '"{name}" hidden'),
    "edit.commit_shown": ('"{name}" ditampilkan lagi', '"{name}" shown again'),
    "edit.commit_photo_moved": ('urutan foto "{name}" diubah', 'photo order of "{name}" changed'),
    "edit.commit_photo_removed": ('foto "{name}" dihapus', 'a photo of "{name}" removed'),
    "edit.hidden": (
        '"{name}" disembunyikan: pembeli tidak melihatnya sampai Anda menampilkannya lagi',
        '"{name}" is hidden: buyers do not see it until you show it again',
    ),
    "edit.shown": ('"{name}" tampil lagi di toko', '"{name}" is shown in the shop again'),
    "edit.photo_moved": (
        "urutan foto diubah — foto pertama adalah foto utama",
        "photo order changed — the first photo is the main one",
    ),
    "edit.photo_removed": (
        "foto dihapus dari produk — tekan Batalkan di daftar produk untuk mengembalikannya",
        "the photo was removed from the product — press Undo on the product list to bring it back",
    ),
    "edit.photo_unknown": (
        "foto ini bukan foto produk ini (mungkin sudah dihapus) — buka lagi halaman produknya",
        "this photo is not one of this product's photos (it may have been removed) — open the product again",
    ),
    "edit.variant_row": ('varian baris {row} ("{name}"): {detail}', 'variant row {row} ("{name}"): {detail}'),
    "edit.variant_no_name": (
        "varian baris {row}: tulis nama variannya (misalnya Kecil atau 250 gram), atau kosongkan harganya",
        "variant row {row}: write the variant's name (e.g. Small or 250 gram), or empty its price",
    ),
    "edit.variant_too_many": (
        "terlalu banyak varian ({count}) — paling banyak {limit} baris bisa diubah dari HP",
        "too many variants ({count}) — at most {limit} rows can be changed from the phone",
    ),
    "edit.price_unused": (
        "semua varian punya harga sendiri, jadi harga {price} ini tidak terpakai — ubah harga di baris varian,"
        " atau kosongkan harga varian yang harus memakai harga ini",
        "every variant has its own price, so this price of {price} would not be used — change the prices in the"
        " variant rows, or empty the price of the variants that should use this one",
    ),
    "edit.shared_signed_out": (
        "foto belum bisa dibagikan ke Lapak: buka dulu tautan dari kartu Anda (pindai kode QR-nya), lalu bagikan lagi",
        "photos cannot be shared to Lapak yet: open the link on your card first (scan its QR code), then share again",
    ),
    "edit.shared_none": (
        "tidak ada foto yang ikut dibagikan — pilih foto di galeri lalu bagikan ke Lapak",
        "no photo came with the share — pick photos in the gallery, then share them to Lapak",
    ),
    "edit.shared_ready": (
        "{count} foto dari galeri sudah terlampir — isi nama dan harga, lalu tekan Simpan",
        "{count} photos from the gallery are attached — fill in the name and price, then press Save",
    ),
    "edit.offline": (
        "Belum terkirim — akan dikirim lagi saat ada sinyal",
        "Not sent yet — it will be sent again when there is signal",
    ),
    # the command line: argparse's own words (its %-placeholders kept as they are)
    "usage.usage": ("penggunaan: ", "usage: "),
    "usage.error": ("%(prog)s: galat: %(message)s\n", "%(prog)s: error: %(message)s\n"),
    "usage.argument": ("argumen %(argument_name)s: %(message)s", "argument %(argument_name)s: %(message)s"),
    "usage.invalid_choice": (
        "pilihan %(value)r tidak dikenal (pilih salah satu: %(choices)s)",
        "invalid choice: %(value)r (choose from %(choices)s)",
    ),
    "usage.required": ("argumen ini wajib diisi: %s", "the following arguments are required: %s"),
    "usage.one_of": ("salah satu argumen ini wajib diisi: %s", "one of the arguments %s is required"),
    "usage.unrecognized": (
        "argumen tidak dikenal: %s — lihat lapak --help",
        "unrecognized arguments: %s — see lapak --help",
    ),
    "usage.expected_one": ("perlu satu isian sesudahnya", "expected one argument"),
    "usage.invalid_value": ("isian %(value)r tidak sah (harus %(type)s)", "invalid %(type)s value: %(value)r"),
    "usage.ambiguous": (
        "opsi %(option)s bisa berarti %(matches)s",
        "ambiguous option: %(option)s could match %(matches)s",
    ),
    "usage.positional": ("argumen", "positional arguments"),
    "usage.options": ("opsi", "options"),
    "usage.help": ("tampilkan bantuan ini lalu keluar", "show this help message and exit"),
    "usage.version": ("tampilkan versi Lapak lalu keluar", "show program's version number and exit"),
    "usage.unknown_command": (
        'perintah "{word}" tidak dikenal — pilih salah satu: {known}',
        'unknown command "{word}" — pick one of: {known}',
    ),
    "usage.unknown_command_hint": (
        'perintah "{word}" tidak dikenal — maksud Anda: {hint}?',
        'unknown command "{word}" — did you mean {hint}?',
    ),
    # summaries
    "summary.built": (
        "{shops} toko dengan {products} produk selesai dibuat di {out} — buka {open}",
        "built shops: {shops}, products: {products}, in {out} — open {open}",
    ),
    "summary.checked": (
        "{shops} toko dengan {products} produk diperiksa, tidak ada yang punya galat",
        "checked shops: {shops}, products: {products}; none has errors",
    ),
    "summary.checked_errors": (
        "{shops} toko dengan {products} produk diperiksa; {shops_with_errors} toko punya galat",
        "checked shops: {shops}, products: {products}; shops with errors: {shops_with_errors}",
    ),
    "summary.strict": (
        "--strict: {warnings} peringatan dianggap galat, jadi pemeriksaan gagal — perbaiki peringatannya "
        "atau jalankan tanpa --strict",
        "--strict: {warnings} warnings count as errors, so the check fails — fix the warnings or run without --strict",
    ),
    "summary.problems": ("{errors} galat, {warnings} peringatan", "{errors} errors, {warnings} warnings"),
    "summary.skipped": (
        "toko yang dilewati karena ada galat (hasil lamanya tidak diubah): {shops}",
        "shops skipped because of errors (their previous output is left as it was): {shops}",
    ),
    "summary.internal": (
        "Lapak mengalami kesalahan di dalam dirinya sendiri ({detail}) — jalankan lagi dengan --debug "
        "dan kirimkan hasilnya ke pengembang",
        "Lapak hit an internal error ({detail}) — run again with --debug and send the output to the developers",
    ),
    # `lapak build --timings`: where the time went, step by step.
    "summary.timings": ("waktu tiap langkah: {steps}", "time per step: {steps}"),
    "timing.read": ("membaca pasar", "reading the market"),
    "timing.load": ("membaca toko", "reading the shops"),
    "timing.sellers": ("membaca dan membuat toko", "reading and building the shops"),
    "timing.photos": ("foto", "photos"),
    "timing.shops": ("membuat toko", "building the shops"),
    "timing.market": ("halaman pasar dan pencarian", "market pages and search"),
    # `lapak report`: the trainer's funnel report (its to-do lines, its page's words).
    "report.done": (
        "Laporan ditulis ke {file} — buka file itu di browser, atau cetak",
        "Report written to {file} — open it in a browser, or print it",
    ),
    "report.todo.errors": (
        "{count} galat harus diperbaiki dulu agar tokonya bisa dibuat — jalankan lapak check",
        "{count} errors must be fixed before the shop can be built — run lapak check",
    ),
    "report.todo.no_products": (
        "belum ada produk — tambahkan paling sedikit {count}",
        "no products yet — add at least {count}",
    ),
    "report.todo.few_products": (
        "baru {count} produk — tambahkan {more} lagi",
        "only {count} products so far — add {more} more",
    ),
    "report.todo.no_photo": ("{count} produk belum ada fotonya", "{count} products have no photo yet"),
    "report.todo.no_photo_one": ("1 produk belum ada fotonya", "1 product has no photo yet"),
    "report.todo.no_price": ("{count} produk belum ada harganya", "{count} products have no price yet"),
    "report.todo.no_price_one": ("1 produk belum ada harganya", "1 product has no price yet"),
    "report.todo.stale": ("belum ada perubahan sejak {date}", "no change since {date}"),
    "report.todo.never_changed": ("belum ada perubahan yang tercatat", "no change recorded yet"),
    "report.todo.warnings": (
        "{count} peringatan perlu dibaca — jalankan lapak check",
        "{count} warnings to read — run lapak check",
    ),
    "report.step.seller_folders": ("folder penjual", "seller folders"),
    "report.step.shops_build": ("toko yang bisa dibuat", "shops that build"),
    "report.step.three_products": ("punya paling sedikit 3 produk", "with at least 3 products"),
    "report.step.photos_and_prices": (
        "foto dan harga di setiap produk",
        "photos and prices on every product",
    ),
    "report.step.changed_30_days": ("ada perubahan dalam 30 hari terakhir", "changed in the last 30 days"),
    "report.step.changed_7_days": ("ada perubahan dalam 7 hari terakhir", "changed in the last 7 days"),
    "report.page.title": ("Laporan pasar {market}", "{market}: market report"),
    "report.page.made": ("Dibuat {date}. {source}", "Made on {date}. {source}"),
    "report.page.source_git": (
        "Tanggal perubahan diambil dari riwayat git.",
        "Change dates come from the git history.",
    ),
    "report.page.source_files": (
        "Tanggal perubahan diambil dari waktu file (pasar ini tidak memakai git).",
        "Change dates come from the file times (this market does not use git).",
    ),
    "report.page.funnel": ("Corong program", "The programme's funnel"),
    "report.page.funnel_summary": ("Corong: {steps}", "Funnel: {steps}"),
    "report.page.step": ("tahap", "step"),
    "report.page.count": ("penjual", "sellers"),
    "report.page.share": ("dari semua", "of all"),
    "report.page.weeks": ("Penjual aktif per minggu", "Sellers active per week"),
    "report.page.weeks_summary": (
        "Penjual yang mengubah tokonya setiap minggu, {first} sampai {last}; paling banyak {most}",
        "Sellers who changed their shop each week, {first} to {last}; at most {most}",
    ),
    "report.page.week_bar": ("minggu {week}: {count} penjual", "week of {week}: {count} sellers"),
    "report.page.sellers": ("Penjual, yang perlu dikunjungi lebih dulu", "Sellers, those needing a visit first"),
    "report.page.sort_hint": (
        "Klik judul kolom untuk mengurutkan; urutan awal: yang paling perlu dibantu di atas.",
        "Click a column heading to sort; at first, those needing the most help are on top.",
    ),
    "report.page.col_need": ("urutan", "rank"),
    "report.page.col_shop": ("toko", "shop"),
    "report.page.col_last": ("perubahan terakhir", "last change"),
    "report.page.col_products": ("produk", "products"),
    "report.page.col_photo": ("dengan foto", "with photo"),
    "report.page.col_price": ("dengan harga", "with price"),
    "report.page.col_errors": ("galat", "errors"),
    "report.page.col_warnings": ("peringatan", "warnings"),
    "report.page.col_todo": ("yang perlu dikerjakan", "to do"),
    "report.page.nothing_to_do": ("tidak ada — tokonya terawat", "nothing — the shop is well kept"),
    "report.page.unknown": ("tidak diketahui", "unknown"),
}


def current_lang(explicit: str | None = None) -> str:
    """`--lang` wins, then LAPAK_LANG, then Indonesian."""
    lang = (explicit or os.environ.get("LAPAK_LANG") or "id").strip().lower()[:2]
    return lang if lang in LANGS else "id"


def render_message(code: str, params: dict[str, Any], lang: str = "id") -> str:
    """Fill one catalogue sentence; an unknown code is shown as itself (never crashes)."""
    texts = CATALOGUE.get(code)
    if texts is None:
        return code + (" " + repr(params) if params else "")
    params = dict(params)
    names = FIELD_NAMES.get(lang, {})
    if "field" in params:
        params["field"] = names.get(params["field"], params["field"])
    if "known" in params and code.startswith("key."):
        params["known"] = ", ".join(sorted(names.get(k, k) for k in params["known"].split(", ")))
    template = texts[1] if lang == "en" else texts[0]
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template
