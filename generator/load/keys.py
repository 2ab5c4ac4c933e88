"""The keys a seller may write, in English or Indonesian, and their one canonical name."""

from __future__ import annotations

from generator.core import caches
from generator.core.errors import WARNING, Problem, problem
from generator.load.yamlio import LineDict

SHOP_KEYS = {
    "name": ["nama", "nama_toko", "toko"],
    "whatsapp": ["wa", "no_wa", "nomor_wa", "nomor_whatsapp", "no_whatsapp", "hp", "no_hp", "telepon"],
    "tagline": ["slogan", "moto"],
    "about": ["tentang", "tentang_kami", "deskripsi", "description", "keterangan"],
    "city": ["kota", "kabupaten"],
    "address": ["alamat"],
    "logo": [],
    "theme": ["tema"],
    "language": ["bahasa", "lang"],
    "currency": ["mata_uang"],
    "colors": ["warna", "colours"],
    "payment": ["pembayaran", "bayar", "rekening"],
    "delivery": ["pengiriman", "kirim", "ongkir", "kurir"],
    "order_message": ["pesan_order", "pesan_pesanan", "template_pesan"],
    "instagram": ["ig"],
    "maps": ["peta", "google_maps", "lokasi"],
    "hours": ["jam", "jam_buka", "buka"],
    "site_url": ["url", "alamat_web", "website", "situs"],
}

PRODUCT_KEYS = {
    "name": ["nama", "nama_produk", "judul", "title"],
    "price": ["harga"],
    "photos": ["foto", "photo", "gambar", "images", "image", "fotos"],
    "category": ["kategori", "jenis"],
    "variants": ["varian", "variant", "pilihan", "ukuran"],
    "stock": ["stok", "persediaan"],
    "old_price": ["harga_coret", "harga_lama", "harga_asli", "harga_normal"],
    "weight": ["berat"],
    "featured": ["unggulan", "andalan"],
    "tags": ["tag", "label"],
    "order": ["urutan", "nomor_urut"],
    "description": ["deskripsi", "keterangan", "penjelasan"],
    "slug": [],
    "sku": ["kode", "kode_produk"],
    "hidden": ["sembunyikan", "disembunyikan", "tersembunyi", "draft", "draf"],
}

VARIANT_KEYS = {
    "name": ["nama", "pilihan"],
    "price": ["harga"],
    "stock": ["stok"],
    "old_price": ["harga_coret", "harga_lama"],
}

PHOTO_KEYS = {
    "file": ["src", "foto", "berkas", "nama_file", "path"],
    "alt": ["caption", "keterangan", "judul", "teks"],
}

MARKET_KEYS = {
    "name": ["nama", "nama_pasar"],
    "site_url": ["url", "alamat_web", "website", "situs"],
    "theme": ["tema"],
    "language": ["bahasa", "lang"],
    "intro": ["tentang", "about", "deskripsi", "description", "keterangan"],
}

COLOR_KEYS = {
    "accent": ["aksen", "utama", "primary"],
    "background": ["latar", "latar_belakang", "bg"],
    "text": ["teks", "tulisan"],
}


def _build_alias_table(schema: dict[str, list[str]]) -> dict[str, str]:
    table = {}
    for canonical, aliases in schema.items():
        table[canonical] = canonical
        for alias in aliases:
            table[alias] = canonical
    return table


# The schemas above are constants that live as long as the process, so their ids stay theirs.
_TABLES = {
    id(schema): _build_alias_table(schema)
    for schema in (SHOP_KEYS, PRODUCT_KEYS, VARIANT_KEYS, PHOTO_KEYS, MARKET_KEYS, COLOR_KEYS)
}


def _alias_table(schema: dict[str, list[str]]) -> dict[str, str]:
    """`{name as written: canonical}`, built once for the schemas above (per product it cost more
    than reading the keys)."""
    return _TABLES.get(id(schema)) or _build_alias_table(schema)


@caches.memoize(maxsize=1024)
def _clean_key(key: str) -> str:
    """`Harga Coret`, `harga-coret` → `harga_coret`; the few names sellers write, cleaned once."""
    return "_".join(str(key).strip().lower().replace("-", " ").split())


def canonical_keys(data: LineDict, schema: dict, path: str) -> tuple[dict, list[Problem]]:
    """Map written keys to canonical ones: `{canonical: (value, line)}` plus warnings.

    Unknown keys get a "did you mean" hint; a field written twice (e.g. `name` and
    `nama`) keeps the first and warns.
    """
    table = _alias_table(schema)
    out: dict[str, tuple] = {}
    written: dict[str, str] = {}  # canonical → the key as the seller wrote it first
    problems: list[Problem] = []
    for key, line in data.duplicates:
        problems.append(problem(path, line, "key.duplicate", WARNING, key=key))
    for key, value in data.items():
        line = data.line_of(key)
        # Most keys are written as the table has them (`name:`): no cleaning needed to find them.
        canonical = table[key] if key in table else table.get(_clean_key(key))
        if canonical is None:
            problems.append(_unknown_key(path, line, key, table))
        elif canonical in out:
            problems.append(problem(path, line, "key.twice", WARNING, key=key, first=written[canonical]))
        else:
            out[canonical] = (value, line)
            written[canonical] = key
    return out, problems


def _unknown_key(path: str, line: int, key: str, table: dict[str, str]) -> Problem:
    import difflib  # only for a key nobody knows

    close = difflib.get_close_matches(_clean_key(key), list(table), n=1, cutoff=0.6)
    if close:
        return problem(path, line, "key.unknown_hint", WARNING, key=key, hint=close[0])
    return problem(path, line, "key.unknown", WARNING, key=key, known=", ".join(sorted(_first_names(table))))


def _first_names(table: dict[str, str]) -> set[str]:
    return set(table.values())
