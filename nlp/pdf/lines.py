"""Characters → text lines, and the spacing rule that turns a line of characters into a string.

Lines are formed by the vertical *centre* of each character's band, which :mod:`.extract` builds
from the baseline and the font size, not from glyph boxes: in these documents the figures are set
in a Latin font whose glyph box is taller than the Chinese one around it, so their tops differ by
several points while their baselines agree. Grouping by glyph top is how a reader ends up printing
"…总计 万元" with "2995.39" on a line of its own.

Spacing: no space between Chinese characters (nor between Chinese and a figure), a space between
two Latin words or figures that stand apart, and — in running text only — a space where a wide
gap separates two runs on one line (e.g. "部门：XX局      单位：万元").
"""

from __future__ import annotations

from dataclasses import dataclass

from .extract import Char


@dataclass
class TextLine:
    """One visual line: its characters left to right and its box (x0, top, x1, bottom)."""

    chars: list[Char]
    bbox: tuple[float, float, float, float]

    @property
    def centre(self) -> float:
        return (self.bbox[1] + self.bbox[3]) / 2


def _centre(c: Char) -> float:
    return (c[2] + c[4]) / 2


def _half_height(c: Char) -> float:
    return (c[4] - c[2]) / 2  # the band is one font size tall (see extract)


def group_lines(chars: list[Char]) -> list[TextLine]:
    """Group characters into visual lines, top to bottom; each line sorted left to right."""
    if not chars:
        return []
    ordered = sorted(chars, key=_centre)
    lines: list[list[Char]] = []
    cur: list[Char] = []
    cur_centre = 0.0
    cur_half = 0.0
    for c in ordered:
        cy = _centre(c)
        if cur and abs(cy - cur_centre) <= 0.6 * max(cur_half, _half_height(c)):
            cur.append(c)
            # running mean keeps a long line from drifting
            cur_centre += (cy - cur_centre) / len(cur)
            cur_half = max(cur_half, _half_height(c))
        else:
            if cur:
                lines.append(cur)
            cur, cur_centre, cur_half = [c], cy, _half_height(c)
    if cur:
        lines.append(cur)
    out = []
    for ln in lines:
        ln.sort(key=lambda c: c[1])
        out.append(TextLine(ln, (min(c[1] for c in ln), min(c[2] for c in ln),
                                 max(c[3] for c in ln), max(c[4] for c in ln))))
    out.sort(key=lambda t: (t.bbox[1], t.bbox[0]))
    return out


def _latin(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in ".,%-+/()")


def line_text(chars: list[Char], wide_gap: bool = True) -> str:
    """The string of one line of characters (sorted left to right), spaced by the rule above."""
    parts: list[str] = []
    prev: Char | None = None
    for c in chars:
        if prev is not None:
            gap = c[1] - prev[3]
            size = max(min(prev[5], c[5]) or 10.0, 4.0)
            if gap < -0.5 * size and c[0] == prev[0]:
                continue  # the same glyph drawn twice (fake bold): keep one
            if wide_gap and gap > 1.5 * size:
                parts.append(" ")
            elif _latin(prev[0]) and _latin(c[0]) and gap > 0.2 * size:
                parts.append(" ")
        parts.append(c[0])
        prev = c
    return "".join(parts)


def join_cell_lines(texts: list[str]) -> str:
    """Join the lines of a wrapped cell: no separator, except a space between two Latin words."""
    out = ""
    for t in texts:
        if not t:
            continue
        if out and out[-1].isascii() and out[-1].isalpha() and t[0].isascii() and t[0].isalpha():
            out += " "
        out += t
    return out
