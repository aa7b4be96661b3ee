"""Headers: where the header ends, the 栏次 row, and the names of the value columns.

Column names come, in order of preference, from (1) the header text matched against the table's
column aliases (``lexicons/table_columns.tsv``) — per column position for tab and pipe layouts
(multi-row headers are read top to bottom in each position), in reading order for pdftotext
layout where a header is exploded over many lines; (2) the table's template when the header
cannot be read but the number of value columns matches it (OCR-garbled headers, 000:125, 179);
(3) ``栏N``. 栏次 numbers (1 2 3 …) and 行次 numbers are never values.
"""

from __future__ import annotations

import regex

from .lexicon import squash, template_columns
from .tokens import Field

_LANCI = regex.compile(r"栏\s*次")
_DEC = regex.compile(r"[.,%]")


def is_data_line(fields: list[Field], layout: str) -> bool:
    """Does this line carry figures (as opposed to header words and 栏次 numbers)?"""
    text = "".join(f.text for f in fields)
    if _LANCI.search(text):
        return False
    if any(f.kind == "NUM" and _DEC.search(f.text) for f in fields):
        return True
    if fields and fields[0].kind == "CODE" and (len(fields) == 1 or fields[1].kind == "TEXT"):
        return True  # pdftotext: a code on its own line starts a broken row
    # integer figures next to a long label (a 预算数 of 949 in a project list)
    return any(f.kind in ("NUM", "INT") and len(f.text) >= 3 for f in fields) and any(
        f.kind == "TEXT" and len(f.text) >= 8 for f in fields)


def lanci_numbers(header: list[list[Field]]) -> list[list[int]]:
    """The 栏次 numbers of the header, split at each 栏次 word (one list per side)."""
    for fields in header:
        text = " ".join(f.text for f in fields)
        ints = [f for f in fields if f.kind == "INT"]
        words = [f for f in fields if _LANCI.search(f.text)]
        if words:
            sides: list[list[int]] = []
            for f in fields:
                if _LANCI.search(f.text):
                    sides.append([])
                elif f.kind == "INT" and sides:
                    sides[-1].append(int(f.text))
            if any(sides):
                return [s for s in sides if s] if len(sides) > 1 else sides
        elif len(ints) >= 3 and len(ints) == len([f for f in fields if not f.blank]):
            nums = [int(f.text) for f in ints]
            if nums == list(range(nums[0], nums[0] + len(nums))):
                return [nums]
        del text
    return []


def header_positions(header: list[list[Field]]) -> dict[int, str]:
    """Tab/pipe headers: the text of each column position, rows joined top to bottom."""
    out: dict[int, str] = {}
    for fields in header:
        if lanci_numbers([fields]):
            continue
        for f in fields:
            if f.kind == "TEXT":
                out[f.col] = out.get(f.col, "") + squash(f.text)
    return out


def header_text(header: list[list[Field]]) -> str:
    return "".join(squash(f.text) for fields in header for f in fields if not f.blank)


def _scan(text: str, aliases: list[tuple[str, tuple[str, ...]]]) -> list[str]:
    """Canonical columns named in ``text``, in reading order (longest alias at each point)."""
    found: list[str] = []
    i = 0
    while i < len(text):
        best: tuple[int, str] | None = None
        for col, names in aliases:
            for a in names:
                if a and text.startswith(a, i) and (best is None or len(a) > best[0]):
                    best = (len(a), col)
        if best:
            found.append(best[1])
            i += best[0]
        else:
            i += 1
    return found


def found_columns(table_id: str, sides: list[str | None], header: list[list[Field]], layout: str) -> list[str]:
    """Canonical column names the header spells out, in order (all sides together)."""
    aliases: list[tuple[str, tuple[str, ...]]] = []
    for side in sides:
        aliases += template_columns(table_id, side)
    if not aliases:
        return []
    if layout in ("tab", "pipe"):
        pos = header_positions(header)
        out = []
        for p in sorted(pos):
            hit = _scan(pos[p], aliases)
            if hit:
                out.append(hit[-1])
        return out
    return _scan(header_text(header), aliases)


def own_columns(table_id: str, header: list[list[Field]], n: int) -> list[str] | None:
    """Tab/pipe: names for the last ``n`` header cells when the header does not spell the template's
    value columns ("| 收入来源 | 本年决算数 | 上年决算数 |" under a 收入决算表 title): each the template's
    canonical name when the cell is one of its aliases, else the cell's own words. None when the header
    has no label cell plus ``n`` named cells."""
    pos = header_positions(header)
    keys = sorted(pos)
    if len(keys) <= n or keys != list(range(keys[0], keys[0] + len(keys))):
        return None  # merged or missing header cells: positions cannot be trusted
    aliases = template_columns(table_id, None)
    out = []
    for text in [pos[k] for k in keys[len(keys) - n:]]:
        hit = _scan(text, aliases) if aliases else []
        if len(hit) > 1 or _LABELLISH.search(text):
            return None  # two columns in one cell, or a label column among the figures
        out.append(hit[0] if hit else text)
    return out


_LABELLISH = regex.compile(r"名称|编码|代码|科目$|^项目$")


def first_value_position(table_id: str, header: list[list[Field]]) -> int | None:
    """Tab/pipe: the first column position whose header names one of the table's value columns."""
    aliases = template_columns(table_id, None)
    pos = header_positions(header)
    return next((p for p in sorted(pos) if _scan(pos[p], aliases)), None)


def name_columns(table_id: str, side: str | None, n: int, found: list[str]) -> list[str]:
    """Names for ``n`` value columns of one side: header names, else template, else 栏N."""
    template = [c for c, _ in template_columns(table_id, side)]
    # a column named twice in a row is one column: a group word over its first sub-column
    # ("本年支出" over "小计 基本支出 项目支出" both alias 本年支出小计)
    found = [c for k, c in enumerate(found) if k == 0 or c != found[k - 1]]
    if len(found) == n:
        return list(found)
    if len(template) == n:
        return template
    names = list(found[:n]) if found else list(template[:n])
    while len(names) < n:
        names.append(f"栏{len(names) + 1}")
    return names
