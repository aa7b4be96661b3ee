"""The number reader: Arabic and Chinese numerals, multipliers, percent, approximation words.

Budget prose states figures in many shapes — ``49,644.69``, ``13.50``, ``3.2万``, ``三千二百``,
``百分之五``, ``近 72.4 万`` — and the audit compares them with tables at the *stated* precision,
so every value is a :class:`~decimal.Decimal` built from the written digits (``13.50`` keeps its
two decimals). Chinese numerals are converted with ``cn2an``.

Two readings are offered:

- :func:`parse_number` resolves a whole written number to its full value (``3.2万`` → 32000,
  ``百分之五`` → 5); used by the peer-case tests and by anything that needs magnitudes;
- :func:`split_number` keeps the convention of the claim records: a multiplier written with the
  number stays with the unit (``3200 万件`` → value 3200, unit ``万件``).

Both keep a written sign: ``-3.5``, ``－15.6`` (full width), ``−8.3`` (U+2212 minus), ``﹣2``,
``+3`` and ``负三`` are signed values (:data:`MINUS`, :data:`PLUS`). Whether a dash before a
figure *is* a sign (``增长-3.5%``) or a range / operator (``1-3个月``, ``10万元-2万元``) depends on
the text around it and is decided by the claim grammar (:mod:`nlp.claims.patterns`).

:func:`value_wan` converts a money value to 万元 for comparison with tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import regex

# Chinese numeral characters (lower and upper case / financial forms).
CN_DIGITS = "零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖貳參陸两"
CN_UNITS = "十百千拾佰仟"
CN_BIG = "万亿萬億"
CN_CHARS = CN_DIGITS + CN_UNITS + CN_BIG

_CN_VALUE = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
    "九": 9, "壹": 1, "贰": 2, "貳": 2, "叁": 3, "參": 3, "肆": 4, "伍": 5, "陆": 6, "陸": 6, "柒": 7,
    "捌": 8, "玖": 9,
}
_CN_UNIT = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_BIG = {"万": 10 ** 4, "萬": 10 ** 4, "亿": 10 ** 8, "億": 10 ** 8}

# Signs written before a figure: hyphen-minus, U+2212 minus, full-width and small hyphen-minus.
MINUS = "-−－﹣"
PLUS = "+＋"
SIGNS = MINUS + PLUS

# An Arabic number: thousands groups with commas, or plain digits, with an optional decimal part.
ARABIC = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
# A Chinese numeral: at least one digit or unit character; decimal part with 点.
CHINESE = rf"[{CN_DIGITS}{CN_UNITS}](?:[{CN_CHARS}]*)(?:点[{CN_DIGITS}]+)?"

_SIGN = rf"[{regex.escape(SIGNS)}]"
_ARABIC_RE = regex.compile(rf"^\s*({_SIGN}?\s*{ARABIC})\s*$")
_MIXED_RE = regex.compile(rf"^\s*({_SIGN}?\s*{ARABIC})\s*([{CN_UNITS}{CN_BIG}]+)\s*$")
_PERCENT_RE = regex.compile(r"^\s*百\s*分\s*之\s*(.+?)\s*$|^\s*(.+?)\s*[%％]\s*$")

APPROX_BEFORE = ("将近", "接近", "超过", "超出", "大约", "约为", "约", "近", "超", "逾", "达到", "高达")
APPROX_AFTER = ("以上", "左右", "多", "余", "有余")


@dataclass(frozen=True)
class Number:
    """A number as written: ``value`` keeps the written digits; ``multiplier`` is 万/亿/… or ''."""

    value: Decimal
    multiplier: str = ""

    @property
    def full(self) -> Decimal:
        """The value with the written multiplier applied (``3.2`` + ``万`` → 32000)."""
        out = self.value
        for ch in self.multiplier:
            out *= _CN_BIG.get(ch) or _CN_UNIT.get(ch, 1)
        return out


def sign_of(text: str) -> int:
    """-1 when ``text`` starts with a minus sign (any of :data:`MINUS`) or 负, +1 otherwise."""
    s = text.lstrip()
    return -1 if s[:1] in MINUS or s.startswith("负") else 1


def decimal_of(text: str) -> Decimal | None:
    """Decimal of an Arabic number as written (separators dropped, precision kept, sign kept:
    ``−8.3`` and ``－15.6`` are negative)."""
    s = text.replace(",", "").replace(" ", "")
    if s[:1] in SIGNS:
        s = ("-" if s[0] in MINUS else "") + s[1:]
    try:
        return Decimal(s)
    except (InvalidOperation, ValueError):
        return None


def cn_to_decimal(text: str) -> Decimal | None:
    """Decimal of a Chinese numeral (``三千二百`` → 3200, ``三点五`` → 3.5, ``十余万`` → 100000).

    Uses ``cn2an`` in smart mode and falls back to a small positional reader for forms it
    rejects (``两百``, digit strings like ``二〇二二``). Returns None when it is not a number.
    """
    s = text.replace(" ", "").replace("余", "").replace("多", "")
    if not s:
        return None
    try:
        import cn2an

        v = cn2an.cn2an(s, "smart")
        return Decimal(str(v)) if not isinstance(v, Decimal) else v
    except Exception:  # noqa: BLE001 - cn2an raises ValueError and others on odd input
        pass
    return _cn_fallback(s)


def _cn_fallback(s: str) -> Decimal | None:
    if "点" in s:
        whole, _, frac = s.partition("点")
        w = _cn_fallback(whole) if whole else Decimal(0)
        if w is None or not frac or any(c not in _CN_VALUE for c in frac):
            return None
        return Decimal(f"{w}.{''.join(str(_CN_VALUE[c]) for c in frac)}")
    if all(c in _CN_VALUE for c in s):  # digit string: 二〇二二
        return Decimal("".join(str(_CN_VALUE[c]) for c in s))
    total = 0
    section = 0
    digit = None
    for c in s:
        if c in _CN_VALUE:
            digit = _CN_VALUE[c]
        elif c in _CN_UNIT:
            section += (1 if digit is None else digit) * _CN_UNIT[c]
            digit = None
        elif c in _CN_BIG:
            section += digit or 0
            total = (total + section) * _CN_BIG[c]
            section, digit = 0, None
        else:
            return None
    return Decimal(total + section + (digit or 0))


def split_number(text: str) -> Number | None:
    """Read ``text`` as one number, keeping a trailing 万/亿 (or 千万 …) as the multiplier.

    ``49,644.69`` → (49644.69, ''); ``3.2万`` → (3.2, '万'); ``三千二百万`` → (3200, '万');
    ``十`` → (10, ''); ``-3.5`` → (-3.5, ''); ``负三`` → (-3, ''). Returns None when ``text`` is
    not a number.
    """
    s = text.strip().replace(" ", "")
    if not s:
        return None
    if s[0] == "负" and len(s) > 1 and s[1] not in SIGNS and s[1] != "负":
        n = split_number(s[1:])
        return Number(-n.value, n.multiplier) if n is not None else None
    m = _ARABIC_RE.match(s)
    if m:
        v = decimal_of(m.group(1))
        return Number(v) if v is not None else None
    m = _MIXED_RE.match(s)
    if m:
        v = decimal_of(m.group(1))
        return Number(v, m.group(2)) if v is not None else None
    mult = ""
    core = s
    while len(core) > 1 and core[-1] in CN_BIG and core[-2] not in CN_BIG and not any(
            ch in CN_BIG for ch in core[:-1]):
        mult = core[-1] + mult
        core = core[:-1]
    if core and all(c in CN_CHARS + "点余多" for c in core) and any(c in CN_DIGITS + CN_UNITS for c in core):
        v = cn_to_decimal(core)
        if v is not None:
            return Number(v, mult)
    if core and _MIXED_CHARS.fullmatch(core) and regex.search(r"\d", core):
        v = _mixed(core)
        if v is not None:
            return Number(v, mult)
    return None


_MIXED_CHARS = regex.compile(rf"(?:\d+|[{CN_CHARS}])+")
_MIXED_TOKEN = regex.compile(rf"\d+|[{CN_CHARS}]")


def _mixed(s: str) -> Decimal | None:
    """Arabic digit runs mixed with Chinese units: ``5万4千6百`` → 54600, ``1百01`` → 101."""
    total = 0
    section = 0
    digit = None
    for tok in _MIXED_TOKEN.findall(s):
        if tok.isdigit():
            digit = int(tok)
        elif tok in _CN_VALUE:
            digit = _CN_VALUE[tok] if not (digit == 0 and tok in "零〇") else digit
        elif tok in _CN_UNIT:
            section += (1 if digit is None else digit) * _CN_UNIT[tok]
            digit = None
        elif tok in _CN_BIG:
            section += digit or 0
            total = (total + section) * _CN_BIG[tok] if _CN_BIG[tok] > 10 ** 4 or total == 0 else total + section * _CN_BIG[tok]
            section, digit = 0, None
        else:
            return None
    return Decimal(total + section + (digit or 0))


def parse_number(text: str) -> Decimal | None:
    """Full value of a written number or percentage (percent sign / 百分之 dropped, value in %).

    ``3.2万`` → 32000; ``三千二百万`` → 32000000; ``百分之五`` → 5; ``26.5%`` → 26.5;
    ``-3.5%`` → -3.5; ``－15.6%`` → -15.6.
    """
    s = text.strip()
    m = _PERCENT_RE.match(s)
    if m:
        s = m.group(1) or m.group(2)
    s = s.replace(" ", "")
    n = split_number(s)
    if n is not None:
        return n.full
    return None


MONEY_FACTOR_WAN = {"元": Decimal("0.0001"), "万元": Decimal(1), "亿元": Decimal(10000),
                    "千元": Decimal("0.1"), "百万元": Decimal(100), "千万元": Decimal(1000)}


def value_wan(value: Decimal | None, unit: str | None) -> Decimal | None:
    """A money value in 万元 (``81.12`` 元 → 0.008112; ``1.2`` 亿元 → 12000), else None.

    The result is exact (Decimal scaling), so no precision is invented or lost.
    """
    if value is None or not unit:
        return None
    factor = MONEY_FACTOR_WAN.get(unit.replace(" ", ""))
    if factor is None:
        return None
    return value * factor
