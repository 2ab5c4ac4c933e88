"""`lapak import`: seller folders from the answers of a sign-up form (Google Forms CSV or Excel).

Each column's meaning is guessed from its heading (Indonesian or English; a small YAML mapping
file `heading: field` overrides the guess). Each good row becomes a seller folder written with
`scaffold.seller_files`. What was written is recorded in `MARKET/.lapak-import.json` (the
seller's slug and a hash of every file), so a second run adds the new sellers, rewrites a file
only while it is still as the last import wrote it, and never overwrites a seller's edit.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.core.atomic import write_atomic
from generator.core.errors import ContentError
from generator.core.messages import render_message
from generator.load.sheets import cell_text, column_letter, sheet_rows
from generator.load.values import PLACEHOLDER_WHATSAPP, InvalidValue, parse_phone, slugify
from generator.scaffold import seller_files

STATE_FILE = ".lapak-import.json"
SUFFIXES = {".csv", ".xlsx", ".ods"}
FIELDS = ("name", "owner", "whatsapp", "city", "address", "slogan", "about", "products", "instagram", "ignore")
# Names a mapping file may give a field (besides the English ones above).
FIELD_ALIASES = {
    "nama_toko": "name",
    "toko": "name",
    "shop": "name",
    "pemilik": "owner",
    "wa": "whatsapp",
    "kota": "city",
    "alamat": "address",
    "tentang": "about",
    "deskripsi": "about",
    "produk": "products",
    "ig": "instagram",
    "abaikan": "ignore",
    "lewati": "ignore",
}
# Heading words → field, tried in this order (the first rule with a word of the heading wins:
# "Alamat toko" is an address, "Deskripsi usaha" a story, "Nama toko" the shop's name).
RULES: tuple[tuple[str, frozenset[str]], ...] = (
    ("ignore", frozenset({"timestamp", "stempel", "cap", "email", "surel", "skor", "score"})),
    ("whatsapp", frozenset({"wa", "whatsapp", "hp", "telepon", "telp", "phone", "ponsel", "handphone", "nomor"})),
    ("instagram", frozenset({"instagram", "ig"})),
    ("address", frozenset({"alamat", "address"})),
    ("city", frozenset({"kota", "kabupaten", "kab", "city", "town", "domisili", "daerah"})),
    ("slogan", frozenset({"slogan", "tagline", "motto", "moto"})),
    ("about", frozenset({"deskripsi", "tentang", "cerita", "description", "about", "keterangan", "profil"})),
    ("products", frozenset({"produk", "product", "products", "jualan", "barang", "dijual"})),
    ("owner", frozenset({"pemilik", "owner", "lengkap", "anda", "your", "full", "peserta"})),
    ("name", frozenset({"toko", "usaha", "shop", "store", "business", "brand", "merek", "umkm", "lapak"})),
    ("owner", frozenset({"nama", "name"})),
)


class ImportUsageError(Exception):
    """The form file or mapping file cannot be used at all (exit 2)."""

    def __init__(self, code: str, **params):
        self.code, self.params = code, params
        super().__init__(code)


@dataclass
class ImportResult:
    columns: list[tuple[str, str]] = field(default_factory=list)  # (column label, field or "")
    lines: list[str] = field(default_factory=list)  # one a seller, in the language asked
    problems: list[str] = field(default_factory=list)  # `file:row: …`
    created: int = 0
    updated: int = 0
    kept: int = 0


def read_mapping(path: Path) -> dict[str, str]:
    """A mapping file: `heading: field` lines (YAML) → {normalised heading: field}."""
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except OSError as e:
        raise ImportUsageError("import.unreadable", file=str(path), detail=e.strerror or str(e)) from e
    except Exception as e:  # a YAML mistake: told as the file being unusable
        raise ImportUsageError("import.bad_mapping", file=str(path), detail=type(e).__name__) from e
    if not isinstance(data, dict):
        raise ImportUsageError("import.bad_mapping", file=str(path), detail="heading: field")
    mapping = {}
    for heading, name in data.items():
        key = _norm(str(name or "ignore")).replace(" ", "_")
        key = FIELD_ALIASES.get(key, key)
        if key not in FIELDS:
            raise ImportUsageError("import.bad_field", file=str(path), heading=str(heading), field=str(name))
        mapping[_norm(str(heading))] = key
    return mapping


def guess_field(heading: str) -> str:
    """The field a form heading most likely asks for ("" when none fits)."""
    words = set(_norm(heading).split())
    for name, keys in RULES:
        if words & keys:
            return name
    return ""


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.lower()).split())


def import_sellers(form: Path, market: Path, mapping: dict[str, str] | None, lang: str, shown: str) -> ImportResult:
    """Read `form` and create or update seller folders under `market/sellers/`."""
    if form.suffix.lower() not in SUFFIXES:
        raise ImportUsageError("import.bad_suffix", file=shown)
    if not form.is_file():
        raise ImportUsageError("import.no_file", file=shown)
    if (market / "shop.yaml").is_file():  # one shop's folder, not the market's
        raise ImportUsageError("import.shop_folder", folder=str(market))
    try:
        rows = sheet_rows(form, shown)
    except ContentError as e:
        raise ImportUsageError("import.unreadable", file=shown, detail=e.problem.message(lang)) from e
    filled = [(n, cells) for n, cells in rows if any(cell_text(c) for c in cells)]
    if not filled:
        raise ImportUsageError("import.empty", file=shown)
    (header_row, header), body = filled[0], filled[1:]
    result = ImportResult()
    columns: dict[str, int] = {}
    for i, cell in enumerate(header):
        heading = cell_text(cell)
        if not heading:
            continue
        name = (mapping or {}).get(_norm(heading)) or guess_field(heading)
        label = f"{column_letter(i)} ({' '.join(heading.split())})"
        if name and name != "ignore" and name not in columns:
            columns[name] = i
            result.columns.append((label, name))
        else:
            result.columns.append((label, ""))
    if "name" not in columns:
        raise ImportUsageError("import.no_name_column", file=f"{shown}:{header_row}")

    state_path = market / STATE_FILE
    state = _read_state(state_path)
    sellers: dict[str, dict] = state.setdefault("sellers", {})
    by_key = {record["key"]: slug for slug, record in sellers.items()}
    for number, cells in body:
        values = {name: _value(cells, i) for name, i in columns.items()}
        where = f"{shown}:{number}"
        if not values.get("name"):
            result.problems.append(f"{where}: " + render_message("import.no_name", {}, lang))
            continue
        phone = PLACEHOLDER_WHATSAPP
        if values.get("whatsapp"):
            try:
                phone = _shown_phone(parse_phone(values["whatsapp"]))
            except InvalidValue as e:
                reason = render_message(e.code, e.params, lang)
                result.problems.append(
                    f"{where}: "
                    + render_message("import.bad_phone", {"value": values["whatsapp"], "reason": reason}, lang)
                )
                continue
        name = " ".join(values["name"].split())
        base = slugify(name)
        if not base:
            result.problems.append(f"{where}: " + render_message("import.bad_name", {"name": name}, lang))
            continue
        key = f"{base}|{phone}"
        slug = by_key.get(key)
        if slug is None:
            slug = _free_slug(base, market, sellers)
            if slug != base and (market / "sellers" / base).exists() and base not in sellers:
                # a folder of that name made by hand (`lapak new`): the form's row is that seller
                result.lines.append(render_message("import.not_ours", {"slug": base, "row": where}, lang))
                result.kept += 1
                continue
        about = values.get("about", "")
        if values.get("products"):
            products = render_message("import.products_line", {"products": values["products"]}, "id")
            about = f"{about}\n\n{products}" if about else products
        files = seller_files(
            name,
            phone=phone,
            slogan=" ".join(values.get("slogan", "").split()),
            city=" ".join(values.get("city", "").split()),
            address=" ".join(values.get("address", "").split()),
            about=about,
            instagram=values.get("instagram", "").strip(),
        )
        record = sellers.get(slug)
        outcome = _write_seller(market / "sellers" / slug, files, record, lang)
        sellers[slug] = {
            "key": key,
            "name": name,
            "owner": values.get("owner", ""),
            "row": number,
            "files": outcome.hashes,
            **({"declined": outcome.declined} if outcome.declined else {}),
        }
        by_key[key] = slug
        params = {"slug": slug, "row": where}
        if record is None:
            result.created += 1
            result.lines.append(render_message("import.created", params, lang))
        elif outcome.written:
            result.updated += 1
            result.lines.append(render_message("import.updated", {**params, "files": ", ".join(outcome.written)}, lang))
        else:
            result.kept += 1
            if not outcome.kept:
                result.lines.append(render_message("import.unchanged", params, lang))
        for rel, why in outcome.kept:
            result.lines.append(render_message(f"import.kept_{why}", {**params, "file": f"{slug}/{rel}"}, lang))
    _write_state(state_path, state)
    return result


@dataclass
class _Outcome:
    hashes: dict[str, str] = field(default_factory=dict)
    written: list[str] = field(default_factory=list)
    kept: list[tuple[str, str]] = field(default_factory=list)  # (file, "edited" | "removed")
    declined: dict[str, str] = field(default_factory=dict)  # file → hash of the form's version not written


def _write_seller(folder: Path, files: dict[str, str], record: dict | None, lang: str) -> _Outcome:
    """Write each file unless the seller changed it since the last import; new folders in full.

    A seller's edit is told when the form says something else for that file, once for each new
    answer (recorded as `declined`): the sample product most sellers delete, or a shop.yaml the
    seller keeps, is not reported again on every run."""
    out = _Outcome()
    before = (record or {}).get("files", {})
    told = (record or {}).get("declined", {})
    (folder / "photos").mkdir(parents=True, exist_ok=True)
    for rel, text in files.items():
        data = text.encode("utf-8")
        wanted = _hash(data)
        path = folder / rel
        recorded = before.get(rel)
        if not path.exists():
            if recorded is not None:  # the seller deleted it (the sample product, most often)
                out.hashes[rel] = recorded
                if recorded != wanted:  # said when the form would have changed it, once for each answer
                    out.declined[rel] = wanted
                    if told.get(rel) != wanted:
                        out.kept.append((rel, "removed"))
                continue
            write_atomic(path, data)
            out.hashes[rel] = wanted
            if record is not None:
                out.written.append(rel)
            continue
        current = _hash(path.read_bytes())
        if current == wanted:
            out.hashes[rel] = wanted
        elif recorded is not None and current == recorded:
            write_atomic(path, data)
            out.hashes[rel] = wanted
            out.written.append(rel)
        else:  # the seller's own version: kept; said when the form would have changed the file
            out.hashes[rel] = recorded or current
            if recorded != wanted:
                out.declined[rel] = wanted
                if told.get(rel) != wanted:
                    out.kept.append((rel, "edited"))
    return out


def _free_slug(base: str, market: Path, sellers: dict) -> str:
    """`base`, or `base-2`, `base-3`… when another seller (or folder) has it."""
    slug, n = base, 1
    while slug in sellers or (market / "sellers" / slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _shown_phone(digits: str) -> str:
    """`6281234567890` → `+62 812-3456-7890`, as a person writes it in shop.yaml."""
    import phonenumbers

    number = phonenumbers.parse("+" + digits)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def _value(cells: list, index: int) -> str:
    return cell_text(cells[index]).strip() if index < len(cells) else ""


def _hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_state(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"version": 1, "sellers": {}}
    return data if isinstance(data, dict) and isinstance(data.get("sellers"), dict) else {"version": 1, "sellers": {}}


def _write_state(path: Path, state: dict) -> None:
    text = json.dumps(state, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        write_atomic(path, text.encode("utf-8"))
