"""The number reader: Arabic with separators, Chinese numerals, multipliers, percent, money in 万元."""

from decimal import Decimal

import pytest

from nlp.claims.numbers import parse_number, split_number, value_wan


@pytest.mark.parametrize("text, value, mult", [
    ("49,644.69", "49644.69", ""),   # thousands separators (seed 000 narrative)
    ("13.50", "13.50", ""),          # stated precision kept
    ("13.5", "13.5", ""),
    ("22.1904", "22.1904", ""),      # four decimals (seed 001 project reports)
    ("0", "0", ""),
    ("3.2万", "3.2", "万"),          # multiplier stays with the unit
    ("3200万", "3200", "万"),
    ("24.6亿", "24.6", "亿"),
    ("三千二百", "3200", ""),
    ("三千二百万", "3200", "万"),
    ("两", "2", ""),
    ("十", "10", ""),
    ("一百零五", "105", ""),
    ("三点五", "3.5", ""),
    # a written sign stays with the value (增长-3.5%: the claims grammar reads the direction)
    ("-3.5", "-3.5", ""),            # hyphen-minus (增长-3.5%)
    ("－15.6", "-15.6", ""),         # full-width minus as printed before normalisation
    ("−8.3", "-8.3", ""),            # U+2212 minus (kept by normalisation)
    ("﹣2", "-2", ""),               # small hyphen-minus
    ("+3", "3", ""),
    ("-12.30", "-12.30", ""),        # written precision kept with the sign
    ("-1,234.50", "-1234.50", ""),
    ("-3.2万", "-3.2", "万"),        # the multiplier stays with the unit, the sign with the value
    ("负三", "-3", ""),
    ("负3.5", "-3.5", ""),
])
def test_split_number_keeps_written_value_and_multiplier(text, value, mult):
    n = split_number(text)
    assert n is not None
    assert str(n.value) == value
    assert n.multiplier == mult


@pytest.mark.parametrize("text, full", [
    ("3.2万", "32000"), ("三千二百万", "32000000"), ("1.2亿", "120000000"), ("百分之五", "5"),
    ("26.5%", "26.5"), ("百分之二十六点五", "26.5"), ("49,644.69", "49644.69"), ("两百", "200"),
    ("-3.5%", "-3.5"), ("－15.6%", "-15.6"), ("−8.3%", "-8.3"), ("-3.2万", "-32000"),
    ("百分之负五", "-5"), ("+2%", "2"),
])
def test_parse_number_full_value(text, full):
    assert parse_number(text) == Decimal(full)


@pytest.mark.parametrize("text", ["", "元", "abc", "一切", "万"])
def test_not_numbers(text):
    assert parse_number(text) is None


@pytest.mark.parametrize("value, unit, wan", [
    ("49644.69", "万元", "49644.69"), ("81.12", "元", "0.008112"), ("1.2", "亿元", "12000.0"),
    ("389000", "元", "38.9000"),
])
def test_value_wan_is_exact(value, unit, wan):
    assert value_wan(Decimal(value), unit) == Decimal(wan)
    assert str(value_wan(Decimal(value), unit)) == wan


@pytest.mark.parametrize("unit", ["万件", "%", "人次", None])
def test_value_wan_only_for_money(unit):
    assert value_wan(Decimal("3200"), unit) is None


@pytest.mark.parametrize("text", ["--3", "3-5", "-", "负", "负负三", "-+3"])
def test_signs_alone_or_doubled_are_not_numbers(text):
    assert parse_number(text) is None
