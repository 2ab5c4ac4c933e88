"""The market-wide search's files: the words of every product folded the way Indonesians type
them, split into shards by their first letters, the products themselves in record files, and a
small manifest (see `search_index`; themes/base/static/search.js reads them)."""

from __future__ import annotations

import json
import operator
import posixpath
import re
import unicodedata

from generator.core import caches
from generator.core.models import ShopCard
from generator.load.values import slugify
from generator.render.jsontext import compact_json

SEARCH_INDEX = "search-index.js"  # the manifest, at the output root


# Common spellings of the same word as sellers and buyers type them → the one the search folds
# them to. search.js folds every word of a product (its name, category, shop, town) and of the
# query through this table, so "kripik" finds "Keripik Tempe" and "keripik" finds "Kripik Pedas".
SPELLING_VARIANTS = {
    "kripik": "keripik",
    "krupuk": "kerupuk",
    "sambel": "sambal",
    "tempeh": "tempe",
    "cabe": "cabai",
    "baso": "bakso",
    "gethuk": "getuk",
    "renginang": "rengginang",
    "kueh": "kue",
}


SEARCH_DIR = "assets/cari"  # the index's shards and product records (beside search.js)
SEARCH_RECORDS = 32  # products per record file: a query loads those of the results it shows
SEARCH_SHARD_BYTES = 16_000  # prefix buckets smaller than this are merged with their neighbours
SEARCH_SHARD_MAX = 24_000  # a bucket larger than this is split by one more letter
SEARCH_BOUNDS = "awal-nama.js"  # where each record file's names start (a name no word prefix takes)
_FOLD_WORD = re.compile(r"[a-z0-9]+")


def fold_words(text: str) -> list[str]:
    """The words of `text` as search.js folds them: lower case, accents dropped, letters and digits."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return _FOLD_WORD.findall("".join(c for c in decomposed if not "\u0300" <= c <= "\u036f"))


def name_key(name: str) -> str:
    """A product's name as the search sorts and compares it: its folded words in their usual
    spelling, one space apart ("Kripik  Singkong!" → "keripik singkong")."""
    return " ".join(SPELLING_VARIANTS.get(w, w) for w in fold_words(name))


def name_bounds(keys: list[str], per: int) -> list[tuple[str, bool]]:
    """For each record file after the first (`per` of the sorted name `keys` a file): the shortest
    start of its first name that sorts after the previous file's last name, or, when the two
    names are equal, the whole name and True (that name is in both files)."""
    bounds = []
    for start in range(per, len(keys), per):
        last, first = keys[start - 1], keys[start]
        if last == first:
            bounds.append((first, True))
        else:
            bounds.append((first[: len(posixpath.commonprefix([last, first])) + 1], False))
    return bounds


def bounds_text(bounds: list[tuple[str, bool]]) -> str:
    """The bounds as one short string: per bound "=" when its name is in both files (else ","),
    one base-36 digit, how many of its first letters it shares with the bound before (at most
    35), then its other letters. Names are folded to a-z, 0-9 and spaces: no clash."""
    parts, before = [], ""
    for text, both in bounds:
        same = min(len(posixpath.commonprefix([before, text])), 35)
        parts.append(("=" if both else ",") + _base36(same) + text[same:])
        before = text
    return "".join(parts)


@caches.memoize(maxsize=65536)
def _folded_part(text: str) -> tuple[str, ...]:
    """fold_words of a text many products share (a category, a shop's name, its town)."""
    return tuple(fold_words(text))


@caches.memoize(maxsize=65536)
def folded_slug(text: str) -> str:
    """One slug for the spellings of one name: "Kripik" and "Keripik" are both "keripik"."""
    return slugify(" ".join(SPELLING_VARIANTS.get(w, w) for w in fold_words(text))) or slugify(text)


def _base36(n: int) -> str:
    digits = ""
    while True:
        n, r = divmod(n, 36)
        digits = "0123456789abcdefghijklmnopqrstuvwxyz"[r] + digits
        if not n:
            return digits


_BITMAP_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"


def _bitmap(ids: list[int], count: int) -> str:
    """The products of a common word as "!" and one digit per 6 products (bit n of digit k: product
    6k + n): shorter than the gaps between them once a word is in about one product in 12."""
    bits = bytearray(count // 6 + 1)
    for i in ids:
        bits[i // 6] |= 1 << (i % 6)
    return "!" + "".join(_BITMAP_DIGITS[b] for b in bits).rstrip("0")


def _script(name: str, key: object, data: object) -> bytes:
    return f"(window.{name}=window.{name}||{{}})[{json.dumps(key)}]={compact_json(data)};\n".encode()


def _prefix_buckets(entries: dict[str, int], length: int = 2) -> list[tuple[str, int, list[str]]]:
    """(prefix, bytes, words) per prefix of `length` letters; a bucket past SEARCH_SHARD_MAX is
    cut by one more letter (a word no longer than its prefix stays in its own bucket)."""
    groups: dict[str, list[str]] = {}
    for word in entries:
        groups.setdefault(word[:length], []).append(word)
    buckets = []
    for prefix, words in sorted(groups.items()):
        size = sum(entries[w] for w in words)
        longer = [w for w in words if len(w) > length]
        if size > SEARCH_SHARD_MAX and longer and length < 8:
            if len(longer) < len(words):
                short = [w for w in words if len(w) <= length]
                buckets.append((prefix, sum(entries[w] for w in short), short))
            buckets += _prefix_buckets({w: entries[w] for w in longer}, length + 1)
        else:
            buckets.append((prefix, size, words))
    return buckets


def search_index(cards: list[ShopCard]) -> dict[str, bytes]:
    """The market-wide search as script files, so it works offline and from file:// with no
    request beyond the site: `search-index.js`, a small manifest (which shard holds which word
    prefixes, and the spelling table); `assets/cari/<prefix>.js`, the shards: every folded word
    of a product's name, category, shop and town with the products it is in; and
    `assets/cari/r-<n>.js` (a name no word prefix takes), the products themselves (name, price,
    shop, thumbnail), SEARCH_RECORDS a file in the order of their name_key, so that the results a
    query shows sit in few files; and `assets/cari/awal-nama.js`, where each record file's names
    start, so that the record files of the names starting with a query are known before its
    shards arrive. A word of a product is indexed as written and in its usual spelling; a query
    word is looked up in its usual spelling only."""
    products = sorted(
        ((name_key(item[0]), si, n) for si, card in enumerate(cards) for n, item in enumerate(card.items)),
        key=operator.itemgetter(0, 1, 2),
    )
    postings: dict[str, list[int]] = {}
    for pid, (_, si, n) in enumerate(products):
        card = cards[si]
        item = card.items[n]
        words = set()
        # the words of "name category shop town": the name's as written, the others shared
        for w in (*fold_words(item[0]), *_folded_part(item[3]), *_folded_part(card.name), *_folded_part(card.city)):
            words.add(w)
            words.add(SPELLING_VARIANTS.get(w, w))
        for w in words:
            postings.setdefault(w, []).append(pid)
    encoded = {}
    for word, ids in postings.items():
        deltas = ",".join(_base36(b - a) for a, b in zip([0, *ids], ids, strict=False))
        encoded[word] = deltas if len(deltas) <= len(products) // 6 + 2 else _bitmap(ids, len(products))
    sizes = {w: len(w) + len(e) + 6 for w, e in encoded.items()}
    shards: list[tuple[list[str], list[str]]] = []  # (prefixes, words)
    size = SEARCH_SHARD_BYTES
    small = sum(sizes.values()) <= SEARCH_SHARD_BYTES  # a small market's index: one shard
    for prefix, bytes_, bucket in _prefix_buckets(sizes):
        if not small and (size + bytes_ > SEARCH_SHARD_BYTES or shards[-1][0][0][:1] != prefix[:1]):
            shards.append(([], []))
            size = 0
        if not shards:
            shards.append(([], []))
        shards[-1][0].append(prefix)
        shards[-1][1].extend(bucket)
        size += bytes_
    files: dict[str, bytes] = {}
    for prefixes, bucket in shards:
        files[f"{SEARCH_DIR}/{prefixes[0]}.js"] = _script(
            "LAPAK_S", prefixes[0], {w: encoded[w] for w in sorted(bucket)}
        )
    for start in range(0, len(products), SEARCH_RECORDS):
        shops: dict[int, int] = {}
        rows = []
        for _, si, n in products[start : start + SEARCH_RECORDS]:
            item = cards[si].items[n]
            rows.append([shops.setdefault(si, len(shops)), item[0], item[1], item[2], item[4] if len(item) > 4 else ""])
        table = [[cards[si].slug, cards[si].name] for si in shops]
        files[f"{SEARCH_DIR}/r-{start // SEARCH_RECORDS}.js"] = _script(
            "LAPAK_R", start // SEARCH_RECORDS, {"s": table, "r": rows}
        )
    manifest = {
        "dir": SEARCH_DIR + "/",
        "per": SEARCH_RECORDS,
        "count": len(products),
        "shards": [prefixes for prefixes, _ in shards],
        "variants": dict(sorted(SPELLING_VARIANTS.items())),
    }
    if len(products) > SEARCH_RECORDS:  # one record file needs no bounds
        bounds = name_bounds([name for name, _, _ in products], SEARCH_RECORDS)
        files[f"{SEARCH_DIR}/{SEARCH_BOUNDS}"] = f"window.LAPAK_B={json.dumps(bounds_text(bounds))};\n".encode()
        manifest["bounds"] = SEARCH_BOUNDS
    files[SEARCH_INDEX] = f"window.LAPAK_INDEX={compact_json(manifest)};\n".encode()
    return files
