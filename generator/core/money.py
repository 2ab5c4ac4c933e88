"""Money: integer amounts in a currency's smallest unit, formatted through Babel's CLDR data."""

from __future__ import annotations

import re

from generator.core import caches

LOCALES = {"id": "id_ID", "en": "en_US"}
_RUPIAH_SAMPLE = re.compile(r"(\D*)1(\D)234(?:\2)567")


def currency_digits(code: str) -> int:
    """Decimals of the smallest unit people pay in: rupiah have none in practice."""
    if code == "IDR":
        return 0
    from babel.numbers import get_currency_precision  # Babel's CLDR tables: loaded when first needed

    return get_currency_precision(code)


@caches.memoize(maxsize=8192)
def format_money(amount: int | None, currency: str = "IDR", lang: str = "id") -> str:
    """`350000` → `Rp350.000`; `1999` USD cents → `$19.99`."""
    if amount is None:
        return ""
    if currency == "IDR" and type(amount) is int and amount >= 0:
        layout = _rupiah_layout(lang)
        if layout:
            return _rupiah(amount, layout)
    return _babel_money(amount, currency, lang)


FREE = {"id": "Gratis", "en": "Free"}


def price_text(amount: int | None, currency: str = "IDR", lang: str = "id", unit: str | None = None) -> str:
    """A price as buyers read it: `Rp15.000 / kg`, `Gratis` for 0, "" for none."""
    if amount is None:
        return ""
    if amount == 0:
        return FREE.get(lang, FREE["id"])
    text = format_money(amount, currency, lang)
    return f"{text} / {unit}" if unit else text


def _babel_money(amount: int, currency: str, lang: str) -> str:
    from babel.numbers import format_currency

    locale = LOCALES.get(lang, "id_ID")
    if currency == "IDR":
        return format_currency(amount, "IDR", locale=locale, format="¤#,##0", currency_digits=False)
    digits = currency_digits(currency)
    return format_currency(amount / 10**digits if digits else amount, currency, locale=locale)


def _rupiah(amount: int, layout: tuple[str, str]) -> str:
    prefix, group = layout
    return prefix + f"{amount:,}".replace(",", group)


@caches.memoize(maxsize=16)
def _rupiah_layout(lang: str) -> tuple[str, str] | None:
    """How Babel writes rupiah in this language (`Rp`, `.`), read off Babel once and checked.

    Babel takes ~28 µs an amount and a shop has as many amounts as products; the layout
    writes the same text in ~1 µs. None (Babel writes every amount) unless the layout
    reproduces Babel exactly.
    """
    m = _RUPIAH_SAMPLE.fullmatch(_babel_money(1234567, "IDR", lang))
    if not m:
        return None
    layout = m.group(1), m.group(2)
    checks = (0, 7, 999, 1000, 35_000, 1_125_000, 10**12 + 1)
    return layout if all(_rupiah(a, layout) == _babel_money(a, "IDR", lang) for a in checks) else None


def money_parts(currency: str = "IDR", lang: str = "id") -> dict:
    """How `format_money` writes amounts, for the cart's JavaScript (so both write `Rp350.000`)."""
    digits = currency_digits(currency)
    sample = format_money(1234567 * 10**digits + (10**digits - 1 if digits else 0), currency, lang)
    spots = [i for i, ch in enumerate(sample) if ch.isdigit()]
    body = sample[spots[0] : spots[-1] + 1]
    return {
        "pre": sample[: spots[0]],
        "post": sample[spots[-1] + 1 :],
        "group": "" if body[1].isdigit() else body[1],
        "dec": body[-digits - 1] if digits else "",
        "digits": digits,
    }
