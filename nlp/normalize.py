"""Normalise text for matching without losing positions.

Stage 2 of the pipeline. Every step is a :class:`~nlp.mapped.MappedText` edit that keeps line
breaks, so line ``n`` of the normalised text is line ``n`` of the input and every character maps
back to its input column. Steps, in order:

1. markup debris: HTML tags, markdown ``**``, LaTeX (``\\geq``, ``$…$``, ``\\text{万}``), and pinyin
   glosses that mirror sites insert (``預(yù)算`` → ``預算``);
2. width: full-width ASCII and ideographic spaces to ASCII (``，`` → ``,``, ``（`` → ``(``, ``１`` → ``1``);
3. script: traditional to simplified Chinese (OpenCC ``t2s``);
4. OCR number noise: ``49, 644. 69`` → ``49,644.69``; ``3. 45`` → ``3.45``;
   ``10.391.38`` → ``10,391.38`` (only where unambiguous: two dots, a three-digit middle group).

Spaces between words are kept here (table layouts need them); prose views drop them when lines
are joined (:meth:`nlp.document.Document.stream`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from .mapped import MappedText

_TAG = regex.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>\n]*)?/?>")
# A script or style element on one line is code, not visible text: dropped with its content.
_CODE = regex.compile(r"<(script|style)\b[^<>\n]*>[^\n]*?</\1\s*>", flags=regex.IGNORECASE)
_BOLD = regex.compile(r"\*\*|__(?=\S)|(?<=\S)__")
_LATEX_TEXT = regex.compile(r"\\(?:text|mathrm|textrm|mbox)\s*\{([^{}\n]*)\}")
_LATEX_SYMBOLS = {
    r"\geqslant": "≥", r"\leqslant": "≤", r"\geq": "≥", r"\leq": "≤", r"\ge": "≥", r"\le": "≤",
    r"\times": "×", r"\div": "÷", r"\%": "%", r"\pm": "±", r"\neq": "≠", r"\approx": "≈",
    r"\cdot": "·", r"\sim": "~", r"\quad": " ", r"\qquad": " ", r"\,": " ", r"\;": " ",
}
_LATEX_SYM = regex.compile("|".join(regex.escape(k) + (r"(?![A-Za-z])" if k[-1].isalpha() else "")
                                    for k in sorted(_LATEX_SYMBOLS, key=len, reverse=True)))
_DOLLAR = regex.compile(r"\$")
_LATEX_NOISE = regex.compile(r"\\(?:nu|mathbf|left|right|big|Big)\b|[{}](?=[^\n]*\$)")

# Pinyin glosses that mirror sites insert after characters: "預(yù)算" -> "預算" (needs a tone mark).
_TONES = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_GLOSS = regex.compile(rf"(?<=\p{{Han}})[(（](?=[a-zü]*[{_TONES}])[a-zü{_TONES}]{{1,7}}[)）]")

_WIDTH = {i: chr(i - 0xFEE0) for i in range(0xFF01, 0xFF5F)}
_WIDTH.update({0x3000: " ", 0x00A0: " ", 0x2002: " ", 0x2003: " ", 0x2009: " ", 0x200B: "",
               0xFEFF: "", 0xFE6A: "%", 0x2030: "‰", 0xFF61: "。", 0x2215: "/", 0x2236: ":"})
# Invisible format characters (zero-width joiners, bidi marks and embeddings, soft hyphen) that web
# copies leave inside numbers and words ("12\u200c3.4万元"): dropped like the zero-width space.
_WIDTH.update({cp: "" for cp in (0x00AD, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, *range(0x202A, 0x202F),
                                 *range(0x2066, 0x206A))})

# Thousands comma followed by OCR spaces: "49, 644" -> "49,644" (the group must be 3 digits).
_OCR_COMMA = regex.compile(r"(?<=\d),[ \t]+(?=\d{3}(?!\d))")
# Decimal point followed by OCR spaces: "3. 45" -> "3.45"; not a bulleted list number ("- 1. 20个").
_OCR_POINT = regex.compile(r"(?<!^[ \t]*[-*+][ \t]+\d{0,3})(?<=\d)\.[ \t]+(?=\d{1,2}(?![\d.]))",
                           flags=regex.MULTILINE)
# Two dots with a 3-digit middle group: "10.391.38" -> "10,391.38".
_OCR_DOTS = regex.compile(r"(?<![\d.,])(\d{1,3})\.(\d{3})\.(\d{1,2})(?![\d.])")


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(mt: MappedText) -> tuple[MappedText, int]:
    """Traditional → simplified, line by line; returns the text and how many characters changed."""
    conv = _t2s()
    parts: list[MappedText] = []
    changed = 0
    pos = 0
    text = mt.text
    for line in text.split("\n"):
        seg = mt.slice(pos, pos + len(line))
        new = conv.convert(line) if line else line
        if new != line:
            if len(new) == len(line):
                changed += sum(1 for a, b in zip(line, new) if a != b)
                seg = MappedText(new, seg.origin)
            else:  # phrase conversion changed the length: fall back to one character at a time
                chars = [conv.convert(c) for c in line]
                changed += sum(1 for a, b in zip(line, chars) if a != b)
                seg = seg.translate({ord(a): b for a, b in zip(line, chars) if a != b})
        parts.append(seg)
        pos += len(line)
        if pos < len(text):
            parts.append(mt.slice(pos, pos + 1))
            pos += 1
    return MappedText.concat(parts), changed


def strip_markup(mt: MappedText) -> MappedText:
    """Remove HTML tags, markdown bold and LaTeX wrappers, keeping the visible text."""
    if "<" in mt.text:
        mt = mt.sub(_CODE, "")
        mt = mt.sub(_TAG, "")
    if "*" in mt.text or "__" in mt.text:
        mt = mt.sub(_BOLD, "")
    if "\\" in mt.text:
        mt = mt.sub(_LATEX_TEXT, lambda m: m.group(1))
        mt = mt.sub(_LATEX_SYM, lambda m: _LATEX_SYMBOLS[m.group(0)])
    if "$" in mt.text:
        mt = mt.sub(_LATEX_NOISE, "")
        mt = mt.sub(_DOLLAR, "")
    return mt


def strip_glosses(mt: MappedText) -> MappedText:
    """Drop pinyin glosses after Chinese characters (``預(yù)算`` → ``預算``), as mirror sites print them."""
    if "(" in mt.text or "（" in mt.text:
        mt = mt.sub(_GLOSS, "")
    return mt


def fix_number_noise(mt: MappedText) -> MappedText:
    """Repair OCR damage inside numbers (spaces after separators, dot as thousands separator)."""
    mt = mt.sub(_OCR_COMMA, ",")
    mt = mt.sub(_OCR_POINT, ".")
    mt = mt.sub(_OCR_DOTS, lambda m: f"{m.group(1)},{m.group(2)}.{m.group(3)}")
    return mt


@dataclass
class Normalised:
    """Result of :func:`normalise`: the mapped text and what was found on the way."""

    mapped: MappedText
    traditional_chars: int


def normalise(raw: str) -> Normalised:
    """Normalise decoded input text; ``mapped.origin`` points into ``raw``."""
    mt = MappedText.identity(raw)
    mt = strip_markup(mt)
    mt = strip_glosses(mt)
    mt = mt.translate(_WIDTH)
    mt, changed = to_simplified(mt)
    mt = fix_number_noise(mt)
    return Normalised(mt, changed)


def normalise_text(raw: str) -> str:
    """Convenience: just the normalised string."""
    return normalise(raw).mapped.text
