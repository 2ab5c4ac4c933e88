"""Forgiving readers for what people actually type: prices, phone numbers, stock, yes/no.

Each function takes the text as written and returns one normalised value, or raises
`InvalidValue` naming a message code; the loader adds the file and line.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Final, Literal


class InvalidValue(ValueError):
    """A value that cannot mean anything sensible; `code` picks the message."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.params = params


ASK: Final = "ask"  # marker for "price on request"
PLACEHOLDER_WHATSAPP = "0800-0000-0000"  # the number `lapak new` writes; a warning until replaced
EXAMPLE_PRODUCT = ("Contoh Produk", "Contoh")  # name and category of the product `lapak new` writes

_ASK_WORDS = {
    "tanya",
    "tanyakan",
    "tanya harga",
    "tanya saja",
    "hubungi",
    "hubungi kami",
    "nego",
    "ask",
    "on request",
    "price on request",
    "call",
    "dm",
}
# "nego/tanya", "tanya via WA aja", "chat admin": every word one of these, one of them a request.
_ASK_CORE = {
    "tanya",
    "tanyakan",
    "hubungi",
    "nego",
    "negosiasi",
    "ask",
    "request",
    "call",
    "dm",
    "pm",
    "chat",
    "inbox",
    "japri",
    "wa",
    "whatsapp",
    "kontak",
    "contact",
    "negotiable",
    "tny",
}
_ASK_FILLER = {
    "harga",
    "saja",
    "aja",
    "ja",
    "dulu",
    "kami",
    "via",
    "lewat",
    "by",
    "on",
    "for",
    "price",
    "us",
    "me",
    "admin",
    "penjual",
    "seller",
    "langsung",
    "ya",
    "boleh",
    "sis",
    "kak",
    "gan",
    "bisa",
    "atau",
    "or",
    "and",
    "dan",
    "the",
    "di",
    "ke",
    "dengan",
    "please",
    "pls",
    "silakan",
}
_FREE_WORDS = {"gratis", "free", "gratis!", "free!", "cuma-cuma", "cuma cuma", "0 (gratis)"}
# Multipliers name whole units (1,5jt: one and a half million). `m` is read as juta, with a
# warning: it is also written for miliar.
_MULTIPLIERS = {
    "rb": 1_000,
    "ribu": 1_000,
    "rbu": 1_000,
    "k": 1_000,
    "rebu": 1_000,
    "rban": 1_000,
    "ribuan": 1_000,
    "jt": 1_000_000,
    "juta": 1_000_000,
    "jta": 1_000_000,
    "m": 1_000_000,
    "mio": 1_000_000,
    "miliar": 10**9,
    "milyar": 10**9,
    "mlr": 10**9,
    "mly": 10**9,
}
MAX_PRICE = 10**13
# Compiled once: prices, stock and slugs are read for every product and variant.
_CURRENCY_BEFORE = re.compile(r"^(?:rp|idr)\s*[.:]?\s*")
_CURRENCY_AFTER = re.compile(r"\s*(?:rp|idr|rupiah)\.?$")
_TRAILING_DASH = re.compile(r"\s*[,.]?\s*[-\u2010-\u2015]+$")
# "15rb/pcs", "Rp 25.000 per kg", "25rb / 100 gram": the unit the price counts.
_PER_UNIT = re.compile(r"^(.*?\S)\s*(?:/|\bper\b)\s*([^\W_][\w .]{0,19})$")
_NEGOTIABLE = re.compile(r"\s*[(,]?\s*(?:bisa\s+|masih\s+)?nego(?:\s+tipis)?\s*\)?$")  # "350rb nego": the price stands
_WORD_BREAKS = re.compile(r"[\s/,.!?+&-]+")
_TOKEN = re.compile(r"\s*(?:([0-9][0-9.,]*)|([a-z]+)\.?)")
_SEPARATOR = re.compile(r"[.,]")
_GROUPED = re.compile(r"\d+(?:[.,]\d{3})*")
_GROUPED_THOUSANDS = re.compile(r"\d{1,3}(\.\d{3})+")
_STOCK_COUNT = re.compile(r"(\d{1,9})\s*[a-z]*\.?")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
# Zero-width characters and marks a copy from a chat or a web page carries along.
INVISIBLE = dict.fromkeys(
    map(ord, "\ufeff\u200b\u200c\u200d\u2060\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u00ad"),
    None,
)
# Full-width forms (U+FF01…U+FF5E) → ASCII, as a phone keyboard set to Chinese or Japanese types them.
_FULL_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def ascii_digits(text: str) -> str:
    """Digits of any script (Arabic-Indic ٣, full-width ３ …) as ASCII digits; other text kept.

    Only true decimal digits are read (`²` stays `²`), so no sign becomes a number by accident.
    """
    text = text.translate(INVISIBLE)
    if text.isascii():
        return text
    text = text.translate(_FULL_WIDTH)
    return "".join(str(unicodedata.decimal(ch)) if not ch.isascii() and ch.isdecimal() else ch for ch in text)


@dataclass(frozen=True)
class PriceReading:
    """What a price field says: an amount (or ASK), what it is counted per, and a doubt.

    `doubt` is a warning (code, params) when the text could mean another amount: the
    reading chosen is used and the seller is told which it is.
    """

    amount: int | Literal["ask"]
    unit: str | None = None
    doubt: tuple[str, dict] | None = None


def parse_price(text: str | int, digits: int = 0) -> int | str:
    """`Rp 350.000`, `350rb`, `1,5jt` → integer amount in the currency's smallest unit.

    Returns ASK for "tanya" (price on request). `digits` is the number of decimals of
    the currency's smallest unit (0 for rupiah, 2 for dollars).
    """
    if type(text) is str and text.isascii() and text.isdigit() and len(text) < 14:
        return _checked_price(int(text) * 10**digits, text)  # `350000`: most prices, as they are
    return read_price(text, digits).amount


def read_price(text: str | int, digits: int = 0) -> PriceReading:
    """The whole reading of a price: `25rb/kg` → 25000 per "kg"; `1,5M` → 1500000 with a doubt."""
    if type(text) is str and text.isascii() and text.isdigit() and len(text) < 14:
        return PriceReading(_checked_price(int(text) * 10**digits, text))
    raw = str(text).strip()
    s = " ".join(ascii_digits(raw).lower().split())
    if _asks(s):
        return PriceReading(ASK)
    if s in _FREE_WORDS:
        return PriceReading(0)
    if len(s) > 60:  # no price is that long; int() of thousands of digits is refused by Python itself
        raise InvalidValue("price.too_big" if s[:1].isdigit() else "price.not_number", value=raw[:60])
    s = _NEGOTIABLE.sub("", s).removeprefix("@").strip()  # "@15rb": fifteen thousand each
    unit = None
    m = _PER_UNIT.fullmatch(s)
    if m and any(ch.isdigit() for ch in m.group(1)) and any(ch.isalpha() for ch in m.group(2)):
        s, unit = m.group(1), " ".join(m.group(2).split()).rstrip(".")
    s = _TRAILING_DASH.sub("", s).strip()
    s = _CURRENCY_BEFORE.sub("", s)
    s = _CURRENCY_AFTER.sub("", s).strip()
    s = _TRAILING_DASH.sub("", s).strip()
    amount, doubt = _amount(s, digits, raw)
    return PriceReading(_checked_price(amount, raw), unit, doubt)


def _asks(s: str) -> bool:
    if s in _ASK_WORDS:
        return True
    words = [w for w in _WORD_BREAKS.split(s) if w]
    return bool(words) and any(w in _ASK_CORE for w in words) and all(w in _ASK_CORE or w in _ASK_FILLER for w in words)


def _tokens(s: str, raw: str) -> list[tuple[str, str]]:
    """`2jt 500rb` → [("2", "jt"), ("500", "rb")]; `350 000` → [("350 000", "")]."""
    pos = 0
    out: list[tuple[str, str]] = []
    while pos < len(s):
        m = _TOKEN.match(s, pos)
        if not m or m.end() == pos:
            raise InvalidValue("price.not_number", value=raw)
        pos = m.end()
        number, word = m.groups()
        if number:
            if out and not out[-1][1]:  # "350 000": a group after a space
                out[-1] = (out[-1][0] + " " + number, "")
            else:
                out.append((number, ""))
        elif word:
            if word not in _MULTIPLIERS or not out or out[-1][1]:
                raise InvalidValue("price.not_number", value=raw)
            out[-1] = (out[-1][0], word)
    if not out:
        raise InvalidValue("price.not_number", value=raw)
    return out


def _amount(s: str, digits: int, raw: str) -> tuple[int, tuple[str, dict] | None]:
    parts = _tokens(s, raw)
    if len(parts) == 1 and not parts[0][1]:
        return _plain_amount(_joined(parts[0][0], False, raw), digits, raw), None
    total, doubt, last = 0, None, None
    for i, (number, word) in enumerate(parts):
        if not word:
            # "2jt500": the number after a multiplier counts the next smaller one (2,5 juta).
            if i != len(parts) - 1 or not number.isdigit() or len(number) > 3 or last is None:
                raise InvalidValue("price.two_numbers", value=raw)
            total += int(number) * (last // 1000 if last >= 1000 else 1) * 10**digits
            continue
        mult = _MULTIPLIERS[word]
        if last is not None and mult >= last:
            raise InvalidValue("price.two_numbers", value=raw)
        last = mult
        number = _joined(number, True, raw)
        if i and not number.isdigit():  # "2jt 1,5rb": only the first part may have a fraction
            raise InvalidValue("price.not_number", value=raw)
        amount, doubt_here = _with_multiplier(number, word, mult * 10**digits, raw)
        total += amount
        doubt = doubt or doubt_here
    return total, doubt


def _joined(number: str, multiplied: bool, raw: str) -> str:
    """`350 000` → `350000`; spaces group thousands only when what follows is plainly thousands.

    `150 200` and `10 15rb` are two numbers run together, not one price.
    """
    if " " not in number:
        return number
    first, *groups = number.split(" ")
    if (
        all(len(g) == 3 and g.isdigit() for g in groups)
        and first.isdigit()
        and len(first) <= 3
        and (multiplied or groups[-1] == "000")
    ):
        return first + "".join(groups)
    raise InvalidValue("price.two_numbers", value=raw)


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
    tail = number[last + 1 :]
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
    if frac[digits:].strip("0"):
        # "1.5" or "12.50" rupiah: no price has a part of a rupiah; rounding it away would
        # publish Rp2 for what was surely meant as 1,5 ribu.
        short = frac.rstrip("0")
        raise InvalidValue("price.fraction", value=raw, hint=f"{int(whole)},{short}rb")
    frac_digits = (frac + "0" * digits)[:digits]
    return int(whole) * 10**digits + (int(frac_digits) if frac_digits else 0)


def _with_multiplier(number: str, word: str, mult: int, raw: str) -> tuple[int, tuple[str, dict] | None]:
    # "1,5jt" / "1.5 juta" use the separator as a decimal mark; "1.500rb" groups thousands.
    doubt = None
    if _GROUPED_THOUSANDS.fullmatch(number):
        number = number.replace(".", "")
    whole, _, frac = number.replace(",", ".").partition(".")
    if not whole.isdigit() or (frac and not frac.isdigit()) or "." in frac or len(frac) > 6:
        raise InvalidValue("price.not_number", value=raw)
    amount = int(whole) * mult + (int(frac) * mult // 10 ** len(frac) if frac else 0)
    reading = _grouped(amount // (mult // _MULTIPLIERS[word]))
    if "," in number and len(frac) == 3:
        # "1,250jt": the Indonesian decimal comma (1,25 juta), though English writing groups
        # thousands with it (1250 juta).
        doubt = ("price.ambiguous", {"value": raw, "reading": reading, "other": f"{whole}{frac}{word}"})
    elif word == "m":
        doubt = ("price.ambiguous_m", {"value": raw, "reading": reading, "other": f"{number.replace('.', ',')} miliar"})
    return amount, doubt


def _grouped(whole_units: int) -> str:
    return f"{whole_units:,}".replace(",", ".")


_PHONE_SEPARATORS = re.compile(r"[\s\-.()/\u00a0\u2010-\u2015]+")
# What people paste before the number: "WA: ", "HP: ", "No. WA ", "tel:", a wa.me or api.whatsapp.com link.
_PHONE_LABEL = re.compile(
    r"^(?:(?:no(?:mor)?|nmr)\.?\s*)?(?:wa|whatsapp|hp|handphone|ponsel|telp|telepon|tlp|tel|"
    r"phone|mobile|cell)?\.?\s*[:=.]?\s*",
    re.I,
)
_PHONE_LINK = re.compile(r"(?:wa\.me/|whatsapp\.com/send/?\?(?:[^#]*&)?phone=)((?:\+|%2b)?[0-9][0-9 ]*)", re.I)
_TWO_NUMBERS = re.compile(r"\d[\d\s\-.()]{6,}\d\s*(?:/|,|;|\batau\b|\bor\b|&)\s*\+?\d[\d\s\-.()]{6,}\d", re.I)
ID_REGION = "ID"


def _clean_phone(raw: str) -> str:
    """Lapak's forgiving clean-up: a number as people paste it → `+digits` or national digits."""
    s = ascii_digits(raw).strip().strip("'\"\u2018\u2019\u201c\u201d`").strip()
    m = _PHONE_LINK.search(s)
    if m:
        s = re.sub("^%2b", "+", m.group(1), flags=re.I)
    elif _TWO_NUMBERS.search(s):
        raise InvalidValue("phone.two_numbers", value=raw)
    else:
        s = _PHONE_LABEL.sub("", s, count=1)
    s = re.sub(r"^([+]?\s*)[oO](?=[\d\s-])", r"\g<1>0", s)  # "O812…": the letter typed for a zero
    s = _PHONE_SEPARATORS.sub("", s)
    plus = s.startswith("+")
    digits = s[1:] if plus else s
    if not digits.isdigit() or not digits.isascii():
        raise InvalidValue("phone.invalid", value=raw)
    if plus:
        return "+" + digits
    if digits.startswith("62"):
        return "+" + digits
    if digits.startswith("0"):
        return digits
    if digits.startswith("8"):
        return "0" + digits  # "812 3456 7890": the trunk zero left out
    return "?" + digits  # perhaps a country code written without its "+": judged as one


def parse_phone(text: str | int) -> str:
    """`0812-3456-7890`, `+62 812 3456 7890`, `WA: (0812) 3456 7890` → `6281234567890`.

    After the clean-up Google's libphonenumber judges the number (region ID): a number it
    calls invalid is refused with the reason; landlines and toll-free numbers are read, and
    `phone_doubt` says why they may not reach WhatsApp.
    """
    raw = str(text).strip()
    cleaned = _clean_phone(raw)
    if cleaned in ("080000000000", "+6280000000000"):  # PLACEHOLDER_WHATSAPP (or as read): the loader warns
        return "6280000000000"
    if cleaned in ("+62", "+"):
        raise InvalidValue("phone.too_short", value=raw)
    if cleaned.startswith("+620"):  # "+62 (0) 812…": the trunk zero written after the country code
        cleaned = "+62" + cleaned[4:]
    if len(cleaned.lstrip("+")) > 17:  # no number is that long (E.164: 15 digits)
        raise InvalidValue("phone.too_long", value=raw)
    import phonenumbers  # Google's numbering plans: loaded when a shop's number is first read

    if cleaned.startswith("?") and len(cleaned) < 9:  # "12345": not the start of any number
        raise InvalidValue("phone.too_short", value=raw)
    if cleaned.startswith("?"):  # "60 12-345 6789": Malaysia's code without the "+"
        number = _phone_number(phonenumbers, "+" + cleaned[1:], raw, "phone.no_country")
        if phonenumbers.is_valid_number(number):
            return f"{number.country_code}{number.national_number}"
        raise InvalidValue("phone.no_country", value=raw)

    number = _phone_number(phonenumbers, cleaned, raw)
    if cleaned.startswith("+6262"):
        # "+62 62 812…": the country code written twice (a mobile number wins over the landline
        # the doubled digits might also spell: a shop gives the number WhatsApp is on).
        again = _phone_number(phonenumbers, "+62" + cleaned[5:], raw)
        if (
            phonenumbers.number_type(again)
            in (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)
            or not phonenumbers.is_valid_number(number)
            and phonenumbers.is_valid_number(again)
        ):
            number = again
    if not phonenumbers.is_valid_number(number):
        raise InvalidValue(_invalid_reason(phonenumbers, number), value=raw)
    return f"{number.country_code}{number.national_number}"


def _phone_number(phonenumbers, cleaned: str, raw: str, other: str = "phone.invalid"):
    try:
        return phonenumbers.parse(cleaned, ID_REGION)
    except phonenumbers.NumberParseException as e:
        too = {
            e.TOO_SHORT_NSN: "phone.too_short",
            e.TOO_SHORT_AFTER_IDD: "phone.too_short",
            e.TOO_LONG: "phone.too_long",
        }
        raise InvalidValue(too.get(e.error_type, other), value=raw) from None


def _invalid_reason(phonenumbers, number) -> str:
    reason = phonenumbers.is_possible_number_with_reason(number)
    R = phonenumbers.ValidationResult
    if reason == R.TOO_SHORT:
        return "phone.too_short"
    if reason == R.TOO_LONG:
        return "phone.too_long"
    if reason == R.INVALID_COUNTRY_CODE:
        return "phone.bad_country"
    if number.country_code == 62:
        if str(number.national_number).startswith("8"):  # a mobile number: judged by mobile lengths
            mobile = phonenumbers.is_possible_number_for_type_with_reason(number, phonenumbers.PhoneNumberType.MOBILE)
            if mobile in (R.TOO_SHORT, R.TOO_LONG):
                return "phone.too_short" if mobile == R.TOO_SHORT else "phone.too_long"
        return "phone.not_in_use"  # "0912…", "+62 123…": no Indonesian number starts so
    return "phone.invalid"


def phone_doubt(digits: str) -> str | None:
    """A warning code when a valid number is likely not on WhatsApp (landline, toll-free)."""
    import phonenumbers

    try:
        number = phonenumbers.parse("+" + digits)
    except phonenumbers.NumberParseException:
        return None
    kind = phonenumbers.number_type(number)
    T = phonenumbers.PhoneNumberType
    if kind == T.FIXED_LINE:
        return "phone.landline"
    if kind in (T.TOLL_FREE, T.PREMIUM_RATE, T.SHARED_COST, T.UAN):
        return "phone.toll_free"
    return None


SOLD_OUT_WORDS = {
    "habis",
    "kosong",
    "sold out",
    "soldout",
    "sold-out",
    "out of stock",
    "tidak ada",
    "tidak tersedia",
    "stok habis",
    "0",
}
IN_STOCK_WORDS = {"ada", "tersedia", "ready", "ready stock", "in stock", "available", "ya", "yes", "banyak", "siap"}


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
