"""Render one ruled table as rows of TAB-separated cells, the layout the tables stage reads.

Contract (see docs/pdf.md): one output line per grid row; one cell per grid column; a blank cell
is an empty string between tabs so positions are kept; a merged cell's text sits in its top-left
grid cell; a wrapped cell is joined into one cell; the 类/款/项 function-code columns ("201"
"06" "01") and the 类/款 economic-code columns ("301" "01") become one code cell ("2010601",
"30101"); rows with no text at all are dropped. A table continued on the next page keeps the
same columns because its grid has the same boundaries and inherits the code columns.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from .extract import Char
from .grid import Grid
from .lines import group_lines, join_cell_lines, line_text

_CODE_HEAD = regex.compile(r"^\d{3}$")
_CODE_TAIL = regex.compile(r"^\d{2}$")
_CODE_WORD = regex.compile(r"^[类款项]$")
_HAS_DIGIT = regex.compile(r"\d")
_WHOLE_CODE = regex.compile(r"^\d{3}(?:\d{2}){0,2}$")


@dataclass
class Row:
    """One rendered table row: cell strings (no tabs inside) and the row's box on the page."""

    cells: list[str]
    bbox: tuple[float, float, float, float]

    @property
    def text(self) -> str:
        return "\t".join(self.cells)


@dataclass
class RenderedTable:
    grid: Grid
    rows: list[Row] = field(default_factory=list)
    code_groups: list[tuple[int, int]] = field(default_factory=list)  # inclusive grid-column ranges


def cell_texts(grid: Grid, chars: list[Char]) -> list[list[str]]:
    """Text of every atomic cell: a merged cell's text in its top-left cell, '' elsewhere.

    A wrapped cell's lines are joined ("机关事业单位基本养老保险" + "缴费支出"); spaces that only
    spread characters across the cell ("因 公 出 国 （ 境 ） 费") are dropped.
    """
    by_cell: dict[int, list[Char]] = {}
    for c in chars:
        i, j = grid.cell_at((c[1] + c[3]) / 2, (c[2] + c[4]) / 2)
        by_cell.setdefault(grid.owner[i][j], []).append(c)
    texts = [[""] * grid.n_cols for _ in range(grid.n_rows)]
    for cell, cs in by_cell.items():
        r0, c0, _, _ = grid.spans[cell]
        lines = [line_text(ln.chars, wide_gap=False) for ln in group_lines(cs)]
        texts[r0][c0] = join_cell_lines(lines).replace("\t", " ")
    return texts


def find_code_groups(texts: list[list[str]]) -> list[tuple[int, int]]:
    """Runs of grid columns that hold one classification code split by level (类 | 款 [| 项]).

    Found from the codes themselves (a 3-digit 类 column followed by 2-digit 款/项 columns) or,
    in a table with no rows (an empty 政府性基金 table), from the header words 类 款 项.
    """
    n_cols = len(texts[0]) if texts else 0
    groups: list[tuple[int, int]] = []
    j = 0
    while j < n_cols - 1:
        end = j
        header = next((r for r in texts if r[j] == "类" and r[j + 1] == "款"), None)
        if header is not None:
            end = j + 2 if j + 2 < n_cols and header[j + 2] == "项" else j + 1
        elif any(_CODE_HEAD.match(r[j]) for r in texts):
            k = j + 1
            while k < n_cols and k - j <= 2 and _tail_column(texts, k):
                end = k
                k += 1
        if end > j:
            groups.append((j, end))
            j = end + 1
        else:
            j += 1
    return groups


def _tail_column(texts: list[list[str]], k: int) -> bool:
    """A 款 or 项 column: only 2-digit codes, the words 类/款/项, or blanks — and some codes."""
    seen = False
    for r in texts:
        t = r[k]
        if _CODE_TAIL.match(t):
            seen = True
        elif t and not _CODE_WORD.match(t):
            return False
    return seen


def render_table(grid: Grid, chars: list[Char], inherited: list[tuple[int, int]] | None = None) -> RenderedTable:
    """Rows of one grid; ``inherited`` are the code columns of the table this one continues."""
    texts = cell_texts(grid, chars)
    groups = find_code_groups(texts) or list(inherited or [])
    starts = {a: b for a, b in groups}
    _labels_out_of_code_columns(grid, texts, groups)
    out = RenderedTable(grid=grid, code_groups=groups)
    x0, x1 = grid.xs[0], grid.xs[-1]
    for i, row in enumerate(texts):
        bbox = (x0, grid.ys[i], x1, grid.ys[i + 1])
        cells: list[str] = []
        header_words: list[tuple[int, str]] = []
        j = 0
        while j < len(row):
            if j in starts:
                parts = row[j:starts[j] + 1]
                if all(not p or _HAS_DIGIT.search(p) for p in parts):
                    cells.append("".join(parts))
                elif all(not p or _CODE_WORD.match(p) for p in parts) and _has_values(row, j, starts[j]):
                    # "类 款 项" printed in the same row as the 合计 figures: a header line of its own
                    cells.append("")
                    header_words.append((len(cells) - 1, " ".join(p for p in parts if p)))
                else:
                    cells.append(" ".join(p for p in parts if p))
                j = starts[j] + 1
            else:
                cells.append(row[j])
                j += 1
        if header_words:
            head = [""] * len(cells)
            for pos, words in header_words:
                head[pos] = words
            out.rows.append(Row(head, bbox))
        if any(cells):
            out.rows.append(Row(cells, bbox))
    return out


def _labels_out_of_code_columns(grid: Grid, texts: list[list[str]], groups: list[tuple[int, int]]) -> None:
    """A label merged across the code columns and the name column ("合计", "项目", "人员经费合计")
    belongs to the name column: move it to the first column after the code group (or after a
    single column of whole codes, as Word-made tables print "2010301" in one cell)."""
    taken = {j for a, b in groups for j in range(a, b + 1)}
    singles = [(j, j) for j in range(grid.n_cols) if j not in taken
               and sum(1 for r in texts if _WHOLE_CODE.match(r[j])) >= 2
               and not any(t and not _WHOLE_CODE.match(t) and _HAS_DIGIT.search(t) for t in (r[j] for r in texts))]
    for a, b in list(groups) + singles:
        if b + 1 >= grid.n_cols:
            continue
        for i, row in enumerate(texts):
            t = row[a]
            if not t or _HAS_DIGIT.search(t) or row[b + 1]:
                continue
            _, c0, _, c1 = grid.spans[grid.owner[i][a]]
            if c0 == a and c1 > b:
                row[b + 1], row[a] = t, ""


def _has_values(row: list[str], a: int, b: int) -> bool:
    return any(_HAS_DIGIT.search(t) for k, t in enumerate(row) if not a <= k <= b)
