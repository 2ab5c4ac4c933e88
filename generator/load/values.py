"""Forgiving readers for what people actually type: prices, phone numbers, stock, yes/no.

Each function takes the text as written and returns one normalised value, or raises
`InvalidValue` naming a message code; the loader adds the file and line.
"""
from __future__ import annotations

import re
import unicodedata


class InvalidValue(ValueError):
    """A value that cannot mean anything sensible; `code` picks the message."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.params = params


ASK = "ask"  # marker for "price on request"
PLACEHOLDER_WHATSAPP = "0800-0000-0000"  # the number `lapak new` writes; a warning until replaced

_ASK_WORDS = {"tanya", "tanyakan", "tanya harga", "tanya saja", "hubungi", "hubungi kami",
              "nego", "ask", "on request", "price on request", "call", "dm"}
_MULTIPLIERS = {
    "rb": 1_000, "ribu": 1_000, "rbu": 1_000, "k": 1_000, "rebu": 1_000,
    "jt": 1_000_000, "juta": 1_000_000, "jta": 1_000_000, "m": 1_000_000,
    "rupiah": 1,
}
_CURRENCY_WORDS = ("rp.", "rp", "idr")
MAX_PRICE = 10**13
# Compiled once: prices, stock and slugs are read for every product and variant.
_TRAILING_DASH = re.compile(r"[,.]-+$|-+$")
_PRICE = re.compile(r"([0-9][0-9., ]*)\s*([a-z]*)\.?")
_SEPARATOR = re.compile(r"[.,]")
_GROUPED = re.compile(r"\d+(?:[.,]\d{3})*")
_GROUPED_THOUSANDS = re.compile(r"\d{1,3}([.,]\d{3})+")
_STOCK_COUNT = re.compile(r"(\d{1,9})\s*[a-z]*\.?")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def parse_price(text: str | int, digits: int = 0) -> int | str:
    """`Rp 350.000`, `350rb`, `1,5jt` → integer amount in the currency's smallest unit.

    Returns ASK for "tanya" (price on request). `digits` is the number of decimals of
    the currency's smallest unit (0 for rupiah, 2 for dollars).
    """
    if type(text) is str and text.isascii() and text.isdigit() and len(text) < 14:
        return _checked_price(int(text) * 10**digits, text)  # `350000`: most prices, as they are
    raw = str(text).strip()
    s = " ".join(raw.lower().split())
    if s in _ASK_WORDS:
        return ASK
    for word in _CURRENCY_WORDS:
        if s.startswith(word):
            s = s[len(word):].strip()
            break
    s = _TRAILING_DASH.sub("", s).strip()
    if len(s) > 40:  # no price is that long; int() of thousands of digits is refused by Python itself
        raise InvalidValue("price.too_big" if s[:1].isdigit() else "price.not_number", value=raw[:60])
    m = _PRICE.fullmatch(s)
    if not m or (m.group(2) and m.group(2) not in _MULTIPLIERS):
        raise InvalidValue("price.not_number", value=raw)
    number, unit = m.group(1).replace(" ", ""), m.group(2)
    if unit:
        # 50k dollars is 5,000,000 cents: the multiplier counts whole units, not the smallest one.
        amount = _with_multiplier(number, _MULTIPLIERS[unit] * 10**digits, raw)
    else:
        amount = _plain_amount(number, digits, raw)
    return _checked_price(amount, raw)


def _checked_price(amount: int, raw: str) -> int:
    if amount >= MAX_PRICE:
        raise InvalidValue("price.too_big", value=raw)
    return amount


def _split_decimal(number: str) -> tuple[str, str] | None:
    """Split `1.500.000,50` into whole and fraction digits, whatever the separators.

    None when the separators make no number (`1.2.3`, `12.345.6`).
    """
    seps = [i for i, ch in enumerate(number) if ch in ".,"]
    if not seps:
        return number, ""
    last = seps[-1]
    tail = number[last + 1:]
    kinds = {number[i] for i in seps}
    # A lone separator followed by exactly three digits groups thousands (350.000, 350,000);
    # two kinds of separator mean the last one is the decimal mark (1.500,50 / 1,500.50).
    if len(kinds) == 1 and len(tail) == 3 and all(len(g) == 3 for g in _SEPARATOR.split(number)[1:]):
        return _SEPARATOR.sub("", number), ""
    head = number[:last]
    # Before a decimal mark only thousands groups of the *other* separator may stand.
    if number[last] in head or not _GROUPED.fullmatch(head):
        return None
    return _SEPARATOR.sub("", head), tail


def _plain_amount(number: str, digits: int, raw: str) -> int:
    split = _split_decimal(number)
    if split is None:
        raise InvalidValue("price.not_number", value=raw)
    whole, frac = split
    if not whole.isdigit() or (frac and not frac.isdigit()):
        raise InvalidValue("price.not_number", value=raw)
    if len(frac) > max(digits, 2):
        raise InvalidValue("price.not_number", value=raw)
    frac_digits = (frac + "0" * digits)[:digits]
    dropped = frac[digits:]
    amount = int(whole) * 10**digits + (int(frac_digits) if frac_digits else 0)
    if dropped and int(dropped) >= 10 ** len(dropped) // 2:
        amount += 1
    return amount


def _with_multiplier(number: str, mult: int, raw: str) -> int:
    # "1,5jt" / "1.5 juta" use the separator as a decimal mark; "1.500rb" groups thousands.
    if _GROUPED_THOUSANDS.fullmatch(number):
        number = _SEPARATOR.sub("", number)
    whole, _, frac = number.replace(",", ".").partition(".")
    if not whole.isdigit() or (frac and not frac.isdigit()) or "." in frac:
        raise InvalidValue("price.not_number", value=raw)
    frac = frac[:6]
    return int(whole) * mult + (int(frac) * mult // 10 ** len(frac) if frac else 0)


_PHONE_SEPARATORS = re.compile(r"[\s\-.()/\u00a0\u2010-\u2015]+")


def parse_phone(text: str | int) -> str:
    """`0812-3456-7890`, `+62 812 3456 7890`, `(0812) 3456 7890` → `6281234567890`."""
    raw = str(text).strip()
    s = raw
    m = re.search(r"wa\.me/\+?(\d+)", s)
    if m:
        s = m.group(1)
    s = _PHONE_SEPARATORS.sub("", s)
    plus = s.startswith("+")
    digits = s.lstrip("+")
    if not digits.isdigit() or not digits.isascii():
        raise InvalidValue("phone.invalid", value=raw)
    if plus or digits.startswith("62"):
        if digits.startswith("620"):
            digits = "62" + digits[3:]
        elif not digits.startswith("62"):
            return _international(digits, raw)
    elif digits.startswith("0"):
        digits = "62" + digits[1:]
    elif digits.startswith("8"):
        digits = "62" + digits
    else:
        raise InvalidValue("phone.invalid", value=raw)
    national = digits[2:]
    if not national or national[0] == "0" or not 8 <= len(national) <= 13:
        raise InvalidValue("phone.invalid", value=raw)
    return digits


def _international(digits: str, raw: str) -> str:
    # E.164 allows at most 15 digits; shorter than 8 cannot be a mobile number anywhere.
    if not 8 <= len(digits) <= 15 or digits[0] == "0":
        raise InvalidValue("phone.invalid", value=raw)
    return digits


SOLD_OUT_WORDS = {"habis", "kosong", "sold out", "soldout", "sold-out", "out of stock", "tidak ada",
                  "tidak tersedia", "stok habis", "0"}
IN_STOCK_WORDS = {"ada", "tersedia", "ready", "ready stock", "in stock", "available", "ya", "yes",
                  "banyak", "siap"}


def parse_stock(text: str | int) -> int | None:
    """A count (`5`, `5 pcs`), `habis` → 0, `ada` → None (available, count unknown)."""
    raw = str(text).strip()
    s = " ".join(raw.lower().split())
    if s in SOLD_OUT_WORDS:
        return 0
    if s in IN_STOCK_WORDS:
        return None
    m = _STOCK_COUNT.fullmatch(s)
    if not m:
        raise InvalidValue("stock.invalid", value=raw)
    return int(m.group(1))


_TRUE = {"ya", "iya", "y", "yes", "true", "benar", "on", "1", "betul"}
_FALSE = {"tidak", "tdk", "gak", "nggak", "enggak", "no", "n", "false", "salah", "off", "0", "bukan"}


def parse_bool(text: str) -> bool:
    """`ya`/`tidak`, `yes`/`no`, `true`/`false` → bool."""
    s = str(text).strip().lower()
    if s in _TRUE:
        return True
    if s in _FALSE:
        return False
    raise InvalidValue("bool.invalid", value=text)


def slugify(text: str) -> str:
    """A URL-safe, lower-case ASCII slug: `Kain Batik Tulis (Indigo)` → `kain-batik-tulis-indigo`."""
    s = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii").lower()
    return _NOT_SLUG.sub("-", s).strip("-")[:80].strip("-")


_HEX_COLOR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


def parse_color(text: str) -> str:
    """Only `#rgb` / `#rrggbb` reach a stylesheet: anything else could carry CSS."""
    s = str(text).strip()
    if not s.startswith("#") and re.fullmatch(r"[0-9a-fA-F]{6}|[0-9a-fA-F]{3}", s):
        s = "#" + s
    if not _HEX_COLOR.fullmatch(s):
        raise InvalidValue("color.invalid", value=text)
    return s.lower()


def parse_url(text: str) -> str:
    """An http(s) address; a bare domain gets `https://`. Other schemes are refused."""
    s = str(text).strip()
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", s) and not re.match(r"^https?://", s, re.I):
        raise InvalidValue("url.invalid", value=text)
    if not re.match(r"^https?://", s, re.I):
        s = "https://" + s.lstrip("/")
    if not re.fullmatch(r"https?://[^\s<>\"'`]+", s, re.I) or len(s) > 2000:
        raise InvalidValue("url.invalid", value=text)
    return s


def parse_instagram(text: str) -> str:
    """`@batikmalon`, `instagram.com/batikmalon/` → `batikmalon`."""
    s = str(text).strip()
    m = re.search(r"instagram\.com/([A-Za-z0-9_.]+)", s)
    handle = m.group(1) if m else s.lstrip("@")
    if not re.fullmatch(r"[A-Za-z0-9_.]{1,30}", handle):
        raise InvalidValue("instagram.invalid", value=text)
    return handle
