"""Fields and tokens: what one line of a table holds, whatever the text layout.

The three layouts of the seeds (and the PDF reader's output) are split into *fields*:
tab-separated cells (``tab``; empty string = blank cell, column position kept), markdown pipe
cells (``pipe``) or whitespace-separated runs (``spaces``, pdftotext layout, where blank cells
simply vanish). Each field is then classed: ``NUM`` (a figure: decimals, thousands commas,
percent, a dash for zero), ``INT`` (a small integer: a 行次/栏次 number or a stray page number),
``CODE`` (a 3/5/7-digit 功能分类 or 3/5-digit 经济分类 code, also ``[20103]`` prefixes), ``EMPTY``
or ``TEXT``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Iterable

import regex

NUM_RE = regex.compile(r"^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$")
INT_RE = regex.compile(r"^\d{1,2}$")
CODE_RE = regex.compile(r"^(?:2\d{2}(?:\d{2}(?:\d{2})?)?|3\d{2}(?:\d{2})?)$")
BRACKET_CODE = regex.compile(r"^\[(\d{3,7})\]\s*(.*)$")
DASHES = {"-", "--", "—", "——", "/"}
_SEP_ROW = regex.compile(r"^\|?\s*:?-{2,}")


@dataclass
class Field:
    text: str
    line: int
    kind: str  # NUM | INT | CODE | EMPTY | TEXT
    col: int = 0  # position of the field in its line (tab/pipe), else running index

    @property
    def blank(self) -> bool:
        return self.kind == "EMPTY"


def parse_number(text: str) -> Decimal | None:
    """The Decimal of a printed figure, keeping its stated precision; None when not a figure."""
    s = text.strip().replace(",", "").replace("−", "-")
    if s.endswith("%"):
        s = s[:-1]
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


def first_label(text: str, patterns: Iterable[tuple[regex.Pattern[str], str]], default: str) -> str:
    """The label of the first ``(pattern, label)`` pair whose pattern is found in ``text``
    (``pattern.search``: anchor a pattern with ``^…$`` to test the whole text); ``default`` when none
    is. Earlier pairs win, so list the narrower patterns first."""
    for pattern, label in patterns:
        if pattern.search(text):
            return label
    return default


_KINDS = ((CODE_RE, "CODE"), (INT_RE, "INT"), (NUM_RE, "NUM"))  # a 2-digit number is a code or 行次 first


def classify(text: str) -> str:
    """``EMPTY``, ``CODE``, ``INT``, ``NUM`` or ``TEXT`` for one cell."""
    s = text.strip()
    return first_label(s, _KINDS, "TEXT") if s else "EMPTY"


def line_layout(line: str) -> str | None:
    """``pipe``, ``tab`` or None (then the table is in ``spaces`` layout)."""
    s = line.strip()
    if s.startswith("|") and s.endswith("|") and len(s) > 1:
        return "pipe"
    if "\t" in line:
        return "tab"
    return None


def is_separator(line: str) -> bool:
    """A markdown ``|---|---|`` row."""
    s = line.strip()
    return bool(_SEP_ROW.match(s)) and set(s) <= set("|-: ")


_SPLIT_MIXED = regex.compile(r"\s+")
_FIGURE_MARK = regex.compile(r"[.,]")
_SPACES = regex.compile(r"\s{1,}")


def _split_mixed(text: str) -> list[str]:
    """A cell that swallowed its neighbours (``297.71 30215 会议费``) back into parts.

    Only splits where a figure or a code stands alone between spaces; Chinese text with inner
    spaces (``政府办公厅(室)及 相关机构事务``) stays one part."""
    parts = _SPLIT_MIXED.split(text.strip())
    if len(parts) < 2:
        return [text.strip()]
    out: list[str] = []
    for p in parts:
        k = classify(p)
        if out and k == "TEXT" and classify(out[-1]) == "TEXT":
            out[-1] = out[-1] + " " + p
        else:
            out.append(p)
    kinds = [classify(p) for p in out]
    if all(k == "TEXT" for k in kinds):
        return [text.strip()]
    if all(k == "INT" for k in kinds):
        return out  # a 栏次 run "1 2"
    for p, k in zip(out, kinds):
        if k == "NUM" and not _FIGURE_MARK.search(p) or k == "INT":
            return [text.strip()]  # a year or a hotline number inside a label
    return out


def fields_of(line: str, line_no: int, layout: str) -> list[Field]:
    """Split one normalised line into classed fields for ``layout``."""
    if layout == "pipe":
        s = line.strip()
        raw = s[1:-1].split("|") if s.endswith("|") else s[1:].split("|")
    elif layout == "tab":
        raw = line.rstrip("\n").split("\t")
    else:
        raw = [p for p in _SPACES.split(line.strip()) if p]
    out: list[Field] = []
    for col, cell in enumerate(raw):
        cell = cell.strip()
        if cell in DASHES:
            out.append(Field(cell, line_no, "NUM", col))
            continue
        parts = _split_mixed(cell) if layout != "spaces" else [cell]
        for p in parts:
            out.append(Field(p, line_no, classify(p), col))
    return out
