"""Coarse line classification: blank, table row, or prose.

Used by :mod:`nlp.sections` to mark table regions and by prose views to skip table rows. It
recognises the three text layouts of PDF-to-text tools: tab-separated cells, markdown pipes, and
pdftotext "layout" rows where cells are runs separated by spaces and several figures share a line.
The table parser (:mod:`nlp.tables`) does the precise work; this only has to tell rows from prose.
"""

from __future__ import annotations

import regex

from .document import Document

_NUM = r"-?\d[\d,]*(?:\.\d+)?%?"
_COLUMN_GAP = regex.compile(r"(?<![\d.,])" + _NUM + r" {2,}" + _NUM + r"(?:\s|$)")
_NUM_TOKEN = regex.compile(rf"(?<![\w.,]){_NUM}(?![\w.,])")
_ONLY_NUMS = regex.compile(rf"^\s*(?:(?:{_NUM}|-|--|—|/)\s*)+$")
_PIPE_ROW = regex.compile(r"^\s*\|.*\|\s*$")
_SENTENCE = regex.compile(r"[。；;，,：:、](?!\s*$)|[。]\s*$|\d\s*(?:万元|亿元|元|万件|万人|人次|个|辆)")
# the same, but a half-width comma between digit groups ("1,380.00") is a thousands separator, no clause break
_SENTENCE_NO_THOUSANDS = regex.compile(r"[。；;，：:、](?!\s*$)|(?<!\d),(?!\s*$)|,(?!\d{3}(?!\d))(?!\s*$)|[。]\s*$"
                                       r"|\d\s*(?:万元|亿元|元|万件|万人|人次|个|辆)")
_WORDY = regex.compile(r"\p{Han}{6,}[，,。；]")


def classify_line(line: str) -> str:
    """``blank``, ``table`` or ``prose`` for one normalised line."""
    s = line.strip()
    if not s:
        return "blank"
    if _PIPE_ROW.match(s):
        return "table"
    if "\t" in s:
        cells = [c for c in s.split("\t") if c.strip()]
        if len(cells) >= 2 and not _WORDY.search(s):
            return "table"
        if any(_NUM_TOKEN.fullmatch(c.strip()) for c in cells) and len(cells) >= 2:
            return "table"
    nums = _NUM_TOKEN.findall(s)
    if _ONLY_NUMS.match(s) and (len(nums) >= 2 or "." in s):
        return "table"
    # pdftotext layout: two figures a column gap apart ("1,380.00       0.00"), thousands separators allowed
    if _COLUMN_GAP.search(s) and not _SENTENCE_NO_THOUSANDS.search(s):
        return "table"
    # pdftotext layout: several figures separated by runs of spaces, little sentence punctuation
    if len(nums) >= 2 and regex.search(r"\S {1,}" + _NUM + r"(?:\s|$)", s) and not _SENTENCE.search(s):
        decimals = sum(1 for n in nums if "." in n)
        if decimals >= 1 or len(nums) >= 3:
            return "table"
    return "prose"


def line_types(doc: Document) -> list[str]:
    """Type of every line of ``doc`` (index 0 = line 1)."""
    return [classify_line(line) for line in doc.lines[: doc.n_lines]]


def table_regions(doc: Document, types: list[str] | None = None, max_gap: int = 3) -> list[tuple[int, int]]:
    """Runs of table rows as (start_line, end_line); short prose gaps (titles, units) inside are kept."""
    types = types or line_types(doc)
    regions: list[tuple[int, int]] = []
    start = end = None
    gap = 0
    for i, t in enumerate(types, start=1):
        if t == "table":
            if start is None:
                start = i
            end = i
            gap = 0
        elif start is not None and t == "prose":
            gap += 1
            if gap > max_gap:
                regions.append((start, end))
                start = end = None
                gap = 0
    if start is not None:
        regions.append((start, end))
    return regions
