"""The forgiving readers of generator/values.py: what sellers type → one normalised value."""

from __future__ import annotations

import pytest
from babel.numbers import NumberFormatError, parse_decimal

from generator.load.values import (
    ASK,
    MAX_PRICE,
    PLACEHOLDER_WHATSAPP,
    InvalidValue,
    PriceReading,
    parse_bool,
    parse_color,
    parse_instagram,
    parse_phone,
    parse_price,
    parse_stock,
    parse_url,
    phone_doubt,
    read_price,
    slugify,
)


def refusal(parse, text, *args) -> InvalidValue:
    with pytest.raises(InvalidValue) as info:
        parse(text, *args)
    return info.value


# --- prices -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, amount",
    [
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
    ],
)
def test_price_forms_become_whole_rupiah(text, amount):
    assert parse_price(text) == amount
    assert type(parse_price(text)) is int  # money is never a float


@pytest.mark.parametrize("text", ["tanya", "TANYA", " Tanya ", "tanya harga", "nego", "hubungi kami", "ask"])
def test_price_on_request_words_mean_ask(text):
    assert parse_price(text) == ASK


@pytest.mark.parametrize(
    "text",
    [
        "tiga ratus",
        "Rp",
        "rp",
        "IDR",
        "12abc",
        "-5000",
        "Rp -5.000",
        "",
        "   ",
        "350.000,-an",
        "1e3",
        ".5jt",
        "$19.99",
        "²",
        "5²",
        "jt",
        "rb 15",
        "15rb jt",
        # separators that make no number: not silently 12 or 12346
        "1.2.3",
        "1,2,3",
        "12.345.6",
        "1.23.456",
        "1.000,000.5",
        "1.234.5678",
    ],
)
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


@pytest.mark.parametrize(
    "text, cents",
    [
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
    ],
)
def test_price_in_a_currency_with_cents(text, cents):
    assert parse_price(text, digits=2) == cents


def test_price_with_more_decimals_than_cents_is_refused():
    assert refusal(parse_price, "19.9999", 2).code == "price.not_number"


# Issue 15: prices read the wrong way without a word, and prices refused that a person reads.


@pytest.mark.parametrize(
    "text, amount, doubt",
    [
        # the comma is Indonesian's decimal mark: 1,250 juta is 1.25 juta — read so, and said so,
        # since English writing groups thousands with it
        ("1,250jt", 1_250_000, "price.ambiguous"),
        ("1,500rb", 1_500, "price.ambiguous"),
        # M is juta in "1,5M" but also miliar: read as juta, and said so
        ("1,5M", 1_500_000, "price.ambiguous_m"),
        ("2m", 2_000_000, "price.ambiguous_m"),
        # plainly one reading: no word
        ("1,25jt", 1_250_000, None),
        ("1.500rb", 1_500_000, None),
        ("1,5jt", 1_500_000, None),
    ],
)
def test_a_price_with_two_readings_is_read_one_way_and_says_which(text, amount, doubt):
    reading = read_price(text)
    assert reading.amount == amount
    assert (reading.doubt[0] if reading.doubt else None) == doubt
    if doubt:
        params = reading.doubt[1]
        assert params["value"] == text and params["reading"] == f"{amount:,}".replace(",", ".")


def test_the_doubt_names_the_other_way_to_write_it():
    assert read_price("1,250jt").doubt[1]["other"] == "1250jt"
    assert read_price("1,5M").doubt[1]["other"] == "1,5 miliar"


@pytest.mark.parametrize(
    "text, hint",
    [
        ("1.5", "1,5rb"),
        ("2.50", "2,5rb"),
        ("12.50", "12,5rb"),
        ("1,5", "1,5rb"),
        ("Rp 7,25", "7,25rb"),
        ("0.5", "0,5rb"),
    ],
)
def test_a_fraction_of_a_rupiah_is_refused_not_rounded(text, hint):
    err = refusal(parse_price, text)
    assert err.code == "price.fraction" and err.params == {"value": text, "hint": hint}
    # Babel's strict Indonesian reading refuses the dotted ones too (it cannot tell 1.5 from 15)
    if "." in text:
        with pytest.raises(NumberFormatError):
            parse_decimal(text, locale="id", strict=True)


@pytest.mark.parametrize(
    "text, amount", [("350.00", 350), ("350,00", 350), ("350.000,00", 350_000), ("1.000.000,0", 1_000_000)]
)
def test_a_zero_fraction_is_no_fraction(text, amount):
    assert parse_price(text) == amount


@pytest.mark.parametrize(
    "text", ["150 200", "10 15rb", "1 250 500", "15rb 20rb", "15 20", "2jt 1500", "1jt 2jt", "2rb 1jt"]
)
def test_two_numbers_run_together_are_refused(text):
    assert refusal(parse_price, text).code == "price.two_numbers"


@pytest.mark.parametrize(
    "text, amount",
    [
        ("gratis", 0),
        ("Gratis", 0),
        ("GRATIS", 0),
        ("free", 0),
        ("1 miliar", 1_000_000_000),
        ("2 milyar", 2_000_000_000),
        ("1,5 miliar", 1_500_000_000),
        ("2jt500", 2_500_000),
        ("1jt500", 1_500_000),
        ("2jt 500", 2_500_000),
        ("15rb500", 15_500),
        ("1 juta 500 ribu", 1_500_000),
        ("2jt 250rb", 2_250_000),
        ("1 miliar 200 juta", 1_200_000_000),
        ("15.000 IDR", 15_000),
        ("Rp:15.000", 15_000),
        ("Rp: 15.000", 15_000),
        ("15 ribu rupiah", 15_000),
        ("15.000,—", 15_000),
        ("15.000,–", 15_000),
        ("15.000 —", 15_000),
        ("Rp 15.000 Rp", 15_000),
        ("@15rb", 15_000),
        ("@ Rp 15.000", 15_000),
        ("350rb nego", 350_000),
        ("350rb (nego)", 350_000),
        ("Rp 350.000 bisa nego", 350_000),
        # digits of other scripts: Arabic-Indic, Extended Arabic-Indic, full-width, Devanagari, Thai
        ("\u0661\u0665\u0660\u0660\u0660", 15_000),
        ("\u06f1\u06f5\u06f0\u06f0\u06f0", 15_000),
        ("\uff11\uff15\uff0e\uff10\uff10\uff10", 15_000),
        ("Rp \uff11\uff15\uff10\uff10\uff10", 15_000),
        ("\u0967\u096b\u0966\u0966\u0966", 15_000),
        ("\u0e51\u0e55rb", 15_000),
        ("\u200b15.000\ufeff", 15_000),  # zero-width space and BOM from a copy
    ],
)
def test_prices_a_person_understands_are_read(text, amount):
    assert parse_price(text) == amount
    if text.isdecimal():  # Babel reads other scripts' digits the same
        assert parse_decimal(text, locale="id") == amount


@pytest.mark.parametrize(
    "text, amount, unit",
    [
        ("15rb/pcs", 15_000, "pcs"),
        ("25rb/kg", 25_000, "kg"),
        ("25rb / kg", 25_000, "kg"),
        ("Rp 25.000 per kg", 25_000, "kg"),
        ("Rp 25.000,- / lembar", 25_000, "lembar"),
        ("rp 50.000 / pcs", 50_000, "pcs"),
        ("10rb/100 gram", 10_000, "100 gram"),
        ("15 ribu rupiah per porsi", 15_000, "porsi"),
        ("@15rb/pcs", 15_000, "pcs"),
        ("Rp 1,5jt/meter", 1_500_000, "meter"),
        ("15rb", 15_000, None),
    ],
)
def test_a_per_unit_price_keeps_its_unit(text, amount, unit):
    reading = read_price(text)
    assert reading == PriceReading(amount, unit)
    assert parse_price(text) == amount


@pytest.mark.parametrize(
    "text",
    [
        "chat",
        "Chat aja",
        "tanya aja",
        "nego",
        "nego/tanya",
        "tanya/nego",
        "Tanya via WA",
        "hubungi penjual",
        "DM",
        "inbox",
        "japri",
        "chat admin",
        "tanya dulu ya kak",
        "harga nego",
        "price on request",
        "contact us",
    ],
)
def test_more_ask_words_mean_price_on_request(text):
    assert parse_price(text) == ASK


@pytest.mark.parametrize("text", ["harga", "saja", "via", "tanya 15rb", "chat 15rb"])
def test_a_filler_word_alone_or_a_number_beside_an_ask_word_is_not_ask(text):
    assert refusal(parse_price, text).code.startswith("price.")


@pytest.mark.parametrize("text", ["15.000", "1.250.000", "350.000,00", "\u0661\u0665\u0660\u0660\u0660", "1.000"])
def test_plain_indonesian_numbers_read_as_babel_reads_them(text):
    assert parse_price(text) == parse_decimal(text, locale="id", strict=True)


# --- phone numbers ----------------------------------------------------------------------------
# Issue 15: a table of Indonesian numbers as people write and paste them, judged by Google's
# libphonenumber after Lapak's clean-up. Each row: as written, the digits wa.me gets (or None
# when refused), and the warning (landline, toll-free) or the refusal's reason.
# Mobile prefixes: 0811-0819, 0821-0823, 0828, 0831-0833, 0838, 0851-0859, 0877-0878,
# 0881-0889, 0895-0899; landlines: area code + number (021 Jakarta, 022 Bandung, 024 Semarang,
# 0274 Yogyakarta, 031 Surabaya, 061 Medan, 0361 Denpasar …); toll-free: 0800, 001-803.
PHONES = [
    # mobile numbers of every operator, as written on a card
    ("0811-234-5678", "628112345678", None),
    ("0812-3456-7890", "6281234567890", None),
    ("0813 1234 5678", "6281312345678", None),
    ("0814-1234-567", "62814123456" + "7", None),
    ("0815 123 4567", "628151234567", None),
    ("0816-123-4567", "628161234567", None),
    ("0817 1234 5678", "6281712345678", None),
    ("0818-1234-5678", "6281812345678", None),
    ("0819 1234 5678", "6281912345678", None),
    ("0821-1234-5678", "6282112345678", None),
    ("0822 1234 5678", "6282212345678", None),
    ("0823-1234-5678", "6282312345678", None),
    ("0828 1234 5678", "6282812345678", None),
    ("0831-1234-5678", "6283112345678", None),
    ("0832 1234 5678", "6283212345678", None),
    ("0833-1234-5678", "6283312345678", None),
    ("0838 1234 5678", "6283812345678", None),
    ("0851-1234-5678", "6285112345678", None),
    ("0852 1234 5678", "6285212345678", None),
    ("0853-1234-5678", "6285312345678", None),
    ("0855 1234 5678", "6285512345678", None),
    ("0856-1234-5678", "6285612345678", None),
    ("0857 1234 5678", "6285712345678", None),
    ("0858-1234-5678", "6285812345678", None),
    ("0859 1234 5678", "6285912345678", None),
    ("0877-1234-5678", "6287712345678", None),
    ("0878 1234 5678", "6287812345678", None),
    ("0881-1234-5678", "6288112345678", None),
    ("0882 1234 5678", "6288212345678", None),
    ("0883-1234-5678", "6288312345678", None),
    ("0884 1234 5678", "6288412345678", None),
    ("0885-1234-5678", "6288512345678", None),
    ("0886 1234 5678", "6288612345678", None),
    ("0887-1234-5678", "6288712345678", None),
    ("0888 1234 5678", "6288812345678", None),
    ("0889-1234-5678", "6288912345678", None),
    ("0895 1234 5678", "6289512345678", None),
    ("0896-1234-5678", "6289612345678", None),
    ("0897 1234 5678", "6289712345678", None),
    ("0898-1234-5678", "6289812345678", None),
    ("0899 1234 5678", "6289912345678", None),
    ("0899-1234-56789", "62899123456789", None),  # 13 digits: the longest in use
    ("0811-2345-67", "62811234567", None),  # 11 digits
    # the ways of writing one number
    ("081234567890", "6281234567890", None),
    ("0812 3456 7890", "6281234567890", None),
    ("0812.3456.7890", "6281234567890", None),
    ("(0812) 3456 7890", "6281234567890", None),
    ("0812/3456/7890", "6281234567890", None),
    ("+62 812 3456 7890", "6281234567890", None),
    ("+62 812-3456-7890", "6281234567890", None),
    ("+62-812-3456-7890", "6281234567890", None),
    ("+62(812)34567890", "6281234567890", None),
    ("+6281234567890", "6281234567890", None),
    ("6281234567890", "6281234567890", None),
    ("62 812 3456 7890", "6281234567890", None),
    ("+62 (0) 812 3456 7890", "6281234567890", None),
    ("+62 0812 3456 7890", "6281234567890", None),
    ("62 0812-3456-7890", "6281234567890", None),
    ("812 3456 7890", "6281234567890", None),
    ("8123-4567-890", "6281234567890", None),
    (6281234567890, "6281234567890", None),
    (81234567890, "6281234567890", None),  # a YAML number loses its leading zero
    # what comes along when pasted
    ("'081234567890", "6281234567890", None),  # Excel's apostrophe
    ("\u2018081234567890", "6281234567890", None),
    ('"0812-3456-7890"', "6281234567890", None),
    ("WA: 0812-3456-7890", "6281234567890", None),
    ("wa: 081234567890", "6281234567890", None),
    ("WA 0812 3456 7890", "6281234567890", None),
    ("WhatsApp: +62 812 3456 7890", "6281234567890", None),
    ("HP: +62 812 3456 7890", "6281234567890", None),
    ("Hp. 0812 3456 7890", "6281234567890", None),
    ("No. HP: 0812-3456-7890", "6281234567890", None),
    ("No WA 0812-3456-7890", "6281234567890", None),
    ("Nomor WA: 0812 3456 7890", "6281234567890", None),
    ("Telp: 0812-3456-7890", "6281234567890", None),
    ("tel:+6281234567890", "6281234567890", None),
    ("tel:+62-812-3456-7890", "6281234567890", None),
    ("https://wa.me/6281234567890", "6281234567890", None),
    ("https://wa.me/6281234567890?text=halo", "6281234567890", None),
    ("wa.me/+6281234567890", "6281234567890", None),
    ("http://wa.me/6281234567890/", "6281234567890", None),
    ("https://api.whatsapp.com/send?phone=6281234567890", "6281234567890", None),
    ("https://api.whatsapp.com/send?phone=6281234567890&text=Halo%20kak", "6281234567890", None),
    ("api.whatsapp.com/send?text=halo&phone=6281234567890", "6281234567890", None),
    ("https://api.whatsapp.com/send/?phone=%2B6281234567890", "6281234567890", None),
    ("https://web.whatsapp.com/send?phone=6281234567890", "6281234567890", None),
    ("\uff10\uff18\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19\uff10", "6281234567890", None),  # full-width
    (
        "\uff0b\uff16\uff12\u3000\uff18\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19\uff10",
        "6281234567890",
        None,
    ),
    ("\u0660\u0668\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669\u0660", "6281234567890", None),  # Arabic-Indic
    ("\u06f0\u06f8\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9\u06f0", "6281234567890", None),
    ("\u200b0812\u200b3456\u200b7890", "6281234567890", None),  # zero-width spaces
    ("\ufeff0812-3456-7890", "6281234567890", None),  # a byte-order mark from a text file
    ("\u202a+62 812-3456-7890\u202c", "6281234567890", None),  # direction marks from a contact card
    ("0812\u20133456\u20137890", "6281234567890", None),  # en dashes from a word processor
    ("0812\u00a03456\u00a07890", "6281234567890", None),  # no-break spaces from a web page
    ("O812-3456-7890", "6281234567890", None),  # the letter O typed for a zero
    ("o81234567890", "6281234567890", None),
    ("+62 62 812 3456 7890", "6281234567890", None),  # the country code written twice
    ("+6262 81234567890", "6281234567890", None),
    # landlines: read, with a warning (WhatsApp is on mobiles)
    ("021 1234 5678", "622112345678", "phone.landline"),
    ("(021) 1234-5678", "622112345678", "phone.landline"),
    ("+62 21 1234 5678", "622112345678", "phone.landline"),
    ("021-5551234", "62215551234", "phone.landline"),
    ("022-7654321", "62227654321", "phone.landline"),
    ("(024) 8312345", "62248312345", "phone.landline"),
    ("024 7601234", "62247601234", "phone.landline"),
    ("(0274) 123456", "62274123456", "phone.landline"),
    ("0274-512345", "62274512345", "phone.landline"),
    ("031 5321234", "62315321234", "phone.landline"),
    ("061-4512345", "62614512345", "phone.landline"),
    ("0361 234567", "62361234567", "phone.landline"),
    ("Telp. (0271) 712345", "62271712345", "phone.landline"),
    # toll-free numbers: read, with a warning
    ("0800-1234-567", "628001234567", "phone.toll_free"),
    ("0800 123 4567", "628001234567", "phone.toll_free"),
    ("0800-1-888-888", "628001888888", "phone.toll_free"),
    # foreign numbers stay accepted when valid
    ("+60 12-345 6789", "60123456789", None),  # Malaysia keeps its own country code
    ("+60 12 345 6789", "60123456789", None),
    ("60123456789", "60123456789", None),  # Malaysia's code without the "+"
    ("+65 9123 4567", "6591234567", None),  # Singapore
    ("+65 8123 4567", "6581234567", None),
    ("+1 415 555 2671", "14155552671", None),
    ("+61 412 345 678", "61412345678", None),  # Australia
    ("+44 7400 123456", "447400123456", None),
    ("+44 20 7946 0958", "442079460958", "phone.landline"),
    # refused, with the reason
    ("0912-3456-789", None, "phone.not_in_use"),  # no Indonesian number starts with 09
    ("0912345678", None, "phone.not_in_use"),
    ("+62 123 456 789", None, "phone.not_in_use"),
    ("+62 912 3456 7890", None, "phone.not_in_use"),
    ("0812", None, "phone.too_short"),
    ("08123", None, "phone.too_short"),
    ("0812-345", None, "phone.too_short"),
    ("+62 812 3456", None, "phone.too_short"),
    ("6208123", None, "phone.too_short"),
    ("62", None, "phone.too_short"),
    ("+62", None, "phone.too_short"),
    ("0812345678901234", None, "phone.too_long"),  # too long for Indonesia
    ("0812-3456-7890-12", None, "phone.too_long"),
    ("+62 812 3456 7890 1234", None, "phone.too_long"),
    ("+6281234567890123456", None, "phone.too_long"),  # longer than E.164 allows
    ("0812 3456 7890 / 0813 1111 2222", None, "phone.two_numbers"),
    ("0812-3456-7890, 0857-1111-2222", None, "phone.two_numbers"),
    ("0812 3456 7890 atau 0857 1111 2222", None, "phone.two_numbers"),
    ("1234567890", None, "phone.no_country"),  # no country code and no leading 0 or 8
    ("+0812 3456 7890", None, "phone.invalid"),
    ("+999 1234 5678", None, "phone.invalid"),
    ("0812-abcd-7890", None, "phone.invalid"),  # letters
    ("nomor saya", None, "phone.invalid"),
    ("", None, "phone.invalid"),
    ("   ", None, "phone.invalid"),
]


@pytest.mark.parametrize("text, digits, code", PHONES)
def test_indonesian_numbers_as_people_write_them(text, digits, code):
    if digits is None:
        err = refusal(parse_phone, text)
        assert (err.code, err.params) == (code, {"value": str(text).strip()})
        return
    assert parse_phone(text) == digits
    assert phone_doubt(digits) == code
    assert parse_phone(digits) == digits  # never a second country code


def test_the_phone_table_is_large_and_derived_from_libphonenumber():
    import phonenumbers

    assert len(PHONES) >= 100
    for text, digits, _code in PHONES:
        if digits:  # every number accepted is one libphonenumber calls valid
            assert phonenumbers.is_valid_number(phonenumbers.parse("+" + digits)), text


def test_the_placeholder_number_of_lapak_new_is_read_though_no_number_in_use():
    # libphonenumber calls 0800-0000-0000 invalid; it is read so the loader can say it is the example
    assert parse_phone(PLACEHOLDER_WHATSAPP) == "6280000000000"


# --- stock --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, stock",
    [
        ("5", 5),
        (7, 7),
        ("5 pcs", 5),
        ("5pcs.", 5),
        ("12 buah", 12),
        ("0", 0),
        ("999999999", 999_999_999),
        ("habis", 0),
        ("Habis", 0),
        ("stok habis", 0),
        ("kosong", 0),
        ("SOLD OUT", 0),
        ("sold-out", 0),
        ("ada", None),
        ("  Tersedia ", None),
        ("ready stock", None),
        ("in stock", None),
    ],
)
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


@pytest.mark.parametrize(
    "text, slug",
    [
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
    ],
)
def test_slugify_makes_lower_case_ascii(text, slug):
    assert slugify(text) == slug


@pytest.mark.parametrize("text", ["a" * 200, "ab-" * 40, "x" * 79 + "-y", "Kue " * 50])
def test_slug_is_capped_at_80_and_never_ends_with_a_dash(text):
    slug = slugify(text)
    assert 0 < len(slug) <= 80
    assert not slug.endswith("-") and not slug.startswith("-")
    assert set(slug) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")


# --- colours ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, color",
    [
        ("#fff", "#fff"),
        ("#FFFFFF", "#ffffff"),
        ("#a1B2c3", "#a1b2c3"),
        ("fff", "#fff"),
        ("a1b2c3", "#a1b2c3"),
        (" #ABC ", "#abc"),
    ],
)
def test_hex_colors_are_accepted_and_normalised(text, color):
    assert parse_color(text) == color


@pytest.mark.parametrize(
    "text",
    [
        "red",
        "rgb(1,2,3)",
        "#ff",
        "#ffff",
        "#fffffff",
        "#12345678",
        "#ggg",
        "",
        "url(javascript:alert(1))",
        "expression(alert(1))",
        "#fff;background:url(x)",
        "#fff}body{color:red",
        '#fff"><script>',
    ],
)
def test_anything_but_a_hex_color_is_refused(text):
    err = refusal(parse_color, text)
    assert err.code == "color.invalid"
    assert err.params == {"value": text}


# --- web addresses ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, url",
    [
        ("example.com", "https://example.com"),
        ("www.example.com/toko", "https://www.example.com/toko"),
        ("//example.com", "https://example.com"),
        ("https://example.com", "https://example.com"),
        ("http://example.com/a?b=c", "http://example.com/a?b=c"),
        ("  https://maps.app.goo.gl/abc  ", "https://maps.app.goo.gl/abc"),
    ],
)
def test_url_gets_https_when_bare(text, url):
    assert parse_url(text) == url


@pytest.mark.parametrize(
    "text",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "ftp://example.com",
        "mailto:a@b.co",
        "https://exa mple.com",
        'https://x.com/"onmouseover="alert(1)',
        "https://x.com/<script>",
        "https://",
        "",
        "https://example.com/" + "a" * 2000,
    ],
)
def test_url_with_another_scheme_or_breaking_out_of_an_attribute_is_refused(text):
    err = refusal(parse_url, text)
    assert err.code == "url.invalid"
    assert err.params == {"value": text}


# --- instagram ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, handle",
    [
        ("@batikmalon", "batikmalon"),
        ("batikmalon", "batikmalon"),
        ("https://instagram.com/batikmalon/", "batikmalon"),
        ("https://www.instagram.com/batik.malon?igshid=abc", "batik.malon"),
        ("instagram.com/batik_malon", "batik_malon"),
    ],
)
def test_instagram_handle_from_at_name_or_link(text, handle):
    assert parse_instagram(text) == handle


@pytest.mark.parametrize("text", ["@batik malon", "@" + "a" * 31, "@", "", "@bat<script>", "batik/malon"])
def test_instagram_that_is_not_a_handle_is_refused(text):
    err = refusal(parse_instagram, text)
    assert err.code == "instagram.invalid"
    assert err.params == {"value": text}
