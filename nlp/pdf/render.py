"""Lay out one page as located text lines: running text in reading order, tables as TAB rows.

Characters inside a ruled table go to :mod:`.tablerows`; all others form text lines
(:mod:`.lines`), of which stretches that read as a table without rules go to :mod:`.unruled`. Text lines and tables are then ordered top to bottom, so a table's title and its
"单位：万元" line come right above its rows, and a note ("注：…") right below.
"""

from __future__ import annotations

from dataclasses import dataclass

from .extract import Char, PageContent
from .grid import Grid, find_grids
from .lines import group_lines, line_text
from .tablerows import RenderedTable, render_table
from .unruled import find_blocks, render_block

_SAME_COLUMNS = 2.0  # pt: grids whose column boundaries agree this well continue one table


@dataclass
class OutLine:
    """One line of the rendered document with its provenance."""

    text: str
    page: int
    bbox: tuple[float, float, float, float]
    kind: str  # "text" or "row"


@dataclass
class TableState:
    """What the next page needs to know about the last table of this one (to continue it)."""

    xs: list[float]
    code_groups: list[tuple[int, int]]
    columns: list[tuple[float, float]] | None = None  # x-intervals of a table without rules


def render_page(content: PageContent, previous: TableState | None = None) -> tuple[list[OutLine], TableState | None]:
    """Lines of one page, and the state of its last table for a continuation on the next page."""
    grids = find_grids(content.hsegs, content.vsegs)
    in_grid: list[list[Char]] = [[] for _ in grids]
    free: list[Char] = []
    for c in content.chars:
        cx, cy = (c[1] + c[3]) / 2, (c[2] + c[4]) / 2
        for k, g in enumerate(grids):
            if g.contains(cx, cy):
                in_grid[k].append(c)
                break
        else:
            free.append(c)

    blocks: list[tuple[float, int, list[OutLine]]] = []
    text_lines = group_lines(free)
    in_table: set[int] = set()
    state = previous
    carried = previous.columns if previous is not None and not grids else None
    for lo, hi in find_blocks(text_lines, continuing=bool(carried)):  # tables without rules
        rendered, cols = render_block(text_lines[lo:hi], carried if lo == 0 else None)
        rows = [OutLine(r.text, content.number, r.bbox, "row") for r in rendered]
        if rows:
            blocks.append((text_lines[lo].bbox[1], 1, rows))
            in_table.update(range(lo, hi))
            state = TableState(xs=[], code_groups=[], columns=cols)
    for k, ln in enumerate(text_lines):
        if k not in in_table:
            blocks.append((ln.bbox[1], 0, [OutLine(line_text(ln.chars), content.number, ln.bbox, "text")]))
    for k, g in enumerate(grids):
        inherited = None
        if state is not None and _same_columns(g, state.xs) and _first_on_page(g, content, free):
            inherited = state.code_groups
        table: RenderedTable = render_table(g, in_grid[k], inherited)
        rows = [OutLine(r.text, content.number, r.bbox, "row") for r in table.rows]
        if rows:
            blocks.append((g.ys[0], 1, rows))
        state = TableState(xs=g.xs, code_groups=table.code_groups)
    if state is previous and previous is not None:
        state = None  # a page without a table ends any table in progress
    blocks.sort(key=lambda b: (b[0], b[1]))
    return [line for _, _, lines in blocks for line in lines], state


def _same_columns(g: Grid, xs: list[float]) -> bool:
    return len(g.xs) == len(xs) and all(abs(a - b) <= _SAME_COLUMNS for a, b in zip(g.xs, xs))


def _first_on_page(g: Grid, content: PageContent, free: list[Char]) -> bool:
    """A continuation starts the page: no running text above it except a short page header."""
    above = [c for c in free if c[4] <= g.ys[0]]
    return len(above) <= 40
