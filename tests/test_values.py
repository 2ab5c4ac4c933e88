"""The forgiving readers of generator/values.py: what sellers type → one normalised value."""
from __future__ import annotations

import pytest

from generator.load.values import (
    ASK,
    MAX_PRICE,
    InvalidValue,
    parse_bool,
    parse_color,
    parse_instagram,
    parse_phone,
    parse_price,
    parse_stock,
    parse_url,
    slugify,
)


def refusal(parse, text, *args) -> InvalidValue:
    with pytest.raises(InvalidValue) as info:
        parse(text, *args)
    return info.value


# --- prices -------------------------------------------------------------------------------

@pytest.mark.parametrize("text, amount", [
    # every form DESIGN §1 lists
    ("350000", 350_000),
    ("350.000", 350_000),
    ("Rp 350.000", 350_000),
    ("Rp350.000,-", 350_000),
    ("350rb", 350_000),
    ("350 ribu", 350_000),
    ("1,5jt", 1_500_000),
    ("1.5 juta", 1_500_000),
    # and what else people paste from chats and spreadsheets
    ("IDR 350,000", 350_000),
    ("Rp. 1.250.000", 1_250_000),
    ("350.000,00", 350_000),
    ("50k", 50_000),
    ("350000 rupiah", 350_000),
    ("rp350.000.-", 350_000),
    ("Rp 350.000 ,-", 350_000),
    ("RP 350.000", 350_000),
    ("  350.000  ", 350_000),
    ("350 000", 350_000),
    ("1 500 000", 1_500_000),
    ("350 rb.", 350_000),
    ("2,5 jt", 2_500_000),
    ("0,5jt", 500_000),
    ("1.500rb", 1_500_000),  # a dot grouping thousands before a multiplier
    ("Rp. 1,5jt", 1_500_000),
    ("1.5m", 1_500_000),
    ("1.000.000,00", 1_000_000),
    ("1,000,000.00", 1_000_000),
    ("0", 0),
    (350_000, 350_000),  # an int from a caller is fine too
])
def test_price_forms_become_whole_rupiah(text, amount):
    assert parse_price(text) == amount
    assert type(parse_price(text)) is int  # money is never a float


@pytest.mark.parametrize("text", ["tanya", "TANYA", " Tanya ", "tanya harga", "nego", "hubungi kami", "ask"])
def test_price_on_request_words_mean_ask(text):
    assert parse_price(text) == ASK


@pytest.mark.parametrize("text", [
    "tiga ratus", "Rp", "rp", "IDR", "12abc", "-5000", "Rp -5.000", "", "   ", "350.000,-an",
    "1e3", "rp 50.000 / pcs", "1jt500", ".5jt", "$19.99",
    # separators that make no number: not silently 12 or 12346
    "1.2.3", "1,2,3", "12.345.6", "1.23.456", "1.000,000.5", "1.234.5678",
])
def test_price_that_means_nothing_is_refused_with_the_written_value(text):
    err = refusal(parse_price, text)
    assert err.code == "price.not_number"
    assert err.params == {"value": text.strip()}


@pytest.mark.parametrize("text", ["9" * 20, str(MAX_PRICE), "10.000.000.000.000", "1.000.000.000.000.000jt"])
def test_absurdly_large_price_is_refused(text):
    err = refusal(parse_price, text)
    assert err.code == "price.too_big"
    assert err.params == {"value": text}


def test_largest_accepted_price_is_just_below_the_limit():
    assert parse_price(str(MAX_PRICE - 1)) == MAX_PRICE - 1


@pytest.mark.parametrize("text, cents", [
    ("19.99", 1999),
    ("19,99", 1999),
    ("20", 2000),
    ("0.5", 50),
    ("1,999.50", 199_950),
    ("1.999,50", 199_950),
    ("1.000.000,5", 100_000_050),
    # a multiplier counts whole dollars, not cents: 50k dollars is 5,000,000 cents
    ("50k", 5_000_000),
    ("1,5jt", 150_000_000),
])
def test_price_in_a_currency_with_cents(text, cents):
    assert parse_price(text, digits=2) == cents


def test_price_with_more_decimals_than_cents_is_refused():
    assert refusal(parse_price, "19.9999", 2).code == "price.not_number"


# --- phone numbers ----------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "0812-3456-7890",
    "+62 812 3456 7890",
    "6281234567890",
    "62 812-3456-7890",
    "(0812) 3456 7890",
    "812 3456 7890",
    "+62 (0) 812 3456 7890",
    "62 0812 3456 7890",
    "0812.3456.7890",
    "0812\u20133456\u20137890",  # en dashes from a word processor
    "0812\u00a03456\u00a07890",  # no-break spaces from a web page
    "https://wa.me/6281234567890",
    "https://wa.me/6281234567890?text=halo",
    "wa.me/+6281234567890",
    6281234567890,
])
def test_indonesian_mobile_number_forms(text):
    assert parse_phone(text) == "6281234567890"


@pytest.mark.parametrize("text, digits", [
    ("+60 12-345 6789", "60123456789"),  # Malaysia keeps its own country code
    ("+1 415 555 2671", "14155552671"),
    ("+44 20 7946 0958", "442079460958"),
])
def test_foreign_number_with_plus_keeps_its_country_code(text, digits):
    assert parse_phone(text) == digits


@pytest.mark.parametrize("text, digits", [
    # WhatsApp Business accepts landlines, so a landline is a phone number (DESIGN §1:
    # only a number that *cannot* be a phone number is an error).
    ("021 1234 5678", "622112345678"),
    ("(0274) 123456", "62274123456"),
    ("+62 21 1234 5678", "622112345678"),
])
def test_landline_numbers_are_accepted(text, digits):
    assert parse_phone(text) == digits


@pytest.mark.parametrize("text", [
    "0812-abcd-7890",      # letters
    "wa: 081234567890",
    "0812",                # too short
    "08123",
    "+62 812 3456",
    "6208123",
    "0812345678901234",    # too long for Indonesia
    "+62 812 3456 7890 1234",
    "+6281234567890123456",  # longer than E.164 allows
    "+0812 3456 7890",
    "1234567890",          # no country code and no leading 0 or 8
    "62", "+62", "", "   ",
    "\uff10\uff18\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19\uff10",  # full-width digits
    "0812 3456 7890 / 0813 1111 2222",  # two numbers in one field
])
def test_number_that_cannot_be_a_phone_is_refused(text):
    err = refusal(parse_phone, text)
    assert err.code == "phone.invalid"
    assert err.params == {"value": text.strip()}


# --- stock --------------------------------------------------------------------------------

@pytest.mark.parametrize("text, stock", [
    ("5", 5), (7, 7), ("5 pcs", 5), ("5pcs.", 5), ("12 buah", 12), ("0", 0), ("999999999", 999_999_999),
    ("habis", 0), ("Habis", 0), ("stok habis", 0), ("kosong", 0), ("SOLD OUT", 0), ("sold-out", 0),
    ("ada", None), ("  Tersedia ", None), ("ready stock", None), ("in stock", None),
])
def test_stock_forms(text, stock):
    assert parse_stock(text) == stock


@pytest.mark.parametrize("text", ["-1", "lima", "5.5", "", "10 pcs lagi", "1000000000"])
def test_stock_that_means_nothing_is_refused(text):
    err = refusal(parse_stock, text)
    assert err.code == "stock.invalid"
    assert err.params == {"value": text}


# --- yes / no -----------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["ya", "Ya", "iya", "YES", "y", "true", "True", "1", "benar", " ya ", True])
def test_bool_true_words(text):
    assert parse_bool(text) is True


@pytest.mark.parametrize("text", ["tidak", "tdk", "gak", "no", "n", "false", "False", "0", "bukan", False])
def test_bool_false_words(text):
    assert parse_bool(text) is False


@pytest.mark.parametrize("text", ["mungkin", "", "2", "yess"])
def test_bool_other_words_are_refused(text):
    err = refusal(parse_bool, text)
    assert err.code == "bool.invalid"
    assert err.params == {"value": text}


# --- slugs --------------------------------------------------------------------------------

@pytest.mark.parametrize("text, slug", [
    ("Kain Batik Tulis (Indigo)", "kain-batik-tulis-indigo"),
    ("Café Crème", "cafe-creme"),
    ("Ñandú", "nandu"),
    ("İstanbul", "istanbul"),
    ("\ufb01 ligature", "fi-ligature"),
    ("Jus 🍓 Stroberi", "jus-stroberi"),
    ("Kue Lapis — Legit!", "kue-lapis-legit"),
    ("---x---", "x"),
    ("Keripik  Pedas__Level 5", "keripik-pedas-level-5"),
    ("🍓🍓", ""),
    ("日本語", ""),
])
def test_slugify_makes_lower_case_ascii(text, slug):
    assert slugify(text) == slug


@pytest.mark.parametrize("text", ["a" * 200, "ab-" * 40, "x" * 79 + "-y", "Kue " * 50])
def test_slug_is_capped_at_80_and_never_ends_with_a_dash(text):
    slug = slugify(text)
    assert 0 < len(slug) <= 80
    assert not slug.endswith("-") and not slug.startswith("-")
    assert set(slug) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")


# --- colours ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, color", [
    ("#fff", "#fff"), ("#FFFFFF", "#ffffff"), ("#a1B2c3", "#a1b2c3"),
    ("fff", "#fff"), ("a1b2c3", "#a1b2c3"), (" #ABC ", "#abc"),
])
def test_hex_colors_are_accepted_and_normalised(text, color):
    assert parse_color(text) == color


@pytest.mark.parametrize("text", [
    "red", "rgb(1,2,3)", "#ff", "#ffff", "#fffffff", "#12345678", "#ggg", "",
    "url(javascript:alert(1))", "expression(alert(1))", "#fff;background:url(x)", "#fff}body{color:red",
    "#fff\"><script>",
])
def test_anything_but_a_hex_color_is_refused(text):
    err = refusal(parse_color, text)
    assert err.code == "color.invalid"
    assert err.params == {"value": text}


# --- web addresses ------------------------------------------------------------------------

@pytest.mark.parametrize("text, url", [
    ("example.com", "https://example.com"),
    ("www.example.com/toko", "https://www.example.com/toko"),
    ("//example.com", "https://example.com"),
    ("https://example.com", "https://example.com"),
    ("http://example.com/a?b=c", "http://example.com/a?b=c"),
    ("  https://maps.app.goo.gl/abc  ", "https://maps.app.goo.gl/abc"),
])
def test_url_gets_https_when_bare(text, url):
    assert parse_url(text) == url


@pytest.mark.parametrize("text", [
    "javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "ftp://example.com", "mailto:a@b.co",
    "https://exa mple.com", 'https://x.com/"onmouseover="alert(1)', "https://x.com/<script>", "https://", "",
    "https://example.com/" + "a" * 2000,
])
def test_url_with_another_scheme_or_breaking_out_of_an_attribute_is_refused(text):
    err = refusal(parse_url, text)
    assert err.code == "url.invalid"
    assert err.params == {"value": text}


# --- instagram ----------------------------------------------------------------------------

@pytest.mark.parametrize("text, handle", [
    ("@batikmalon", "batikmalon"),
    ("batikmalon", "batikmalon"),
    ("https://instagram.com/batikmalon/", "batikmalon"),
    ("https://www.instagram.com/batik.malon?igshid=abc", "batik.malon"),
    ("instagram.com/batik_malon", "batik_malon"),
])
def test_instagram_handle_from_at_name_or_link(text, handle):
    assert parse_instagram(text) == handle


@pytest.mark.parametrize("text", ["@batik malon", "@" + "a" * 31, "@", "", "@bat<script>", "batik/malon"])
def test_instagram_that_is_not_a_handle_is_refused(text):
    err = refusal(parse_instagram, text)
    assert err.code == "instagram.invalid"
    assert err.params == {"value": text}
