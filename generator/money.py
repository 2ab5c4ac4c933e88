"""Money: integer amounts in a currency's smallest unit, formatted through Babel's CLDR data."""
from __future__ import annotations

from functools import lru_cache

LOCALES = {"id": "id_ID", "en": "en_US"}


def currency_digits(code: str) -> int:
    """Decimals of the smallest unit people pay in: rupiah have none in practice."""
    if code == "IDR":
        return 0
    from babel.numbers import get_currency_precision  # Babel's CLDR tables: loaded when first needed

    return get_currency_precision(code)


@lru_cache(maxsize=8192)
def format_money(amount: int | None, currency: str = "IDR", lang: str = "id") -> str:
    """`350000` → `Rp350.000`; `1999` USD cents → `$19.99`."""
    if amount is None:
        return ""
    from babel.numbers import format_currency  # once per amount (cached): the import is a dict lookup

    locale = LOCALES.get(lang, "id_ID")
    if currency == "IDR":
        return format_currency(amount, "IDR", locale=locale, format="¤#,##0", currency_digits=False)
    digits = currency_digits(currency)
    return format_currency(amount / 10**digits if digits else amount, currency, locale=locale)


def money_parts(currency: str = "IDR", lang: str = "id") -> dict:
    """How `format_money` writes amounts, for the cart's JavaScript (so both write `Rp350.000`)."""
    digits = currency_digits(currency)
    sample = format_money(1234567 * 10**digits + (10**digits - 1 if digits else 0), currency, lang)
    spots = [i for i, ch in enumerate(sample) if ch.isdigit()]
    body = sample[spots[0]:spots[-1] + 1]
    return {
        "pre": sample[:spots[0]],
        "post": sample[spots[-1] + 1:],
        "group": "" if body[1].isdigit() else body[1],
        "dec": body[-digits - 1] if digits else "",
        "digits": digits,
    }
