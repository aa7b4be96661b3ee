"""Tables drawn without rules: columns from the x-positions of the words, rows from the lines.

The fallback for a page region that reads like a table but has no ruling lines. A line is split
into *runs* where characters stand more than ~1 em apart; a *block* is a vertically contiguous
stretch of lines with at least three rows of figures; the block's columns are the x-intervals
covered by the runs of its figure rows (a header run that falls in empty space adds a column).
Each run then goes to the column it overlaps most, so blank cells stay blank, and a label broken
above and below its figures (a cell wrapped around the vertical centre) is joined back into the
figures' row. Output: the same :class:`~.tablerows.Row` records as a ruled table, through the
same code-column joining.
"""

from __future__ import annotations

import regex

from .lines import TextLine, join_cell_lines, line_text
from .tablerows import Row, find_code_groups

_FIGURE = regex.compile(r"^[-−]?\d[\d,]*(?:\.\d+)?%?$")
_CODE = regex.compile(r"^\d{3}(?:\d{2}){0,2}$")
_NOT_ROW = regex.compile(r"^(?:单位\s*[:：]|注\s*[:：]|说明\s*[:：])|表$|。")
_PITCH = 2.2  # a line further below the previous than this many line heights ends a block
_MIN_FIGURE_ROWS = 3

Run = tuple[float, float, str]  # x0, x1, text


def runs_of(line: TextLine) -> list[Run]:
    """The runs of one line: characters closer than ~1 em belong to one run."""
    out: list[Run] = []
    cur = [line.chars[0]]
    for c in line.chars[1:]:
        prev = cur[-1]
        size = max(min(prev[5], c[5]), 4.0)
        if c[1] - prev[3] > 0.9 * size:
            out.append((cur[0][1], cur[-1][3], line_text(cur, wide_gap=False)))
            cur = [c]
        else:
            cur.append(c)
    out.append((cur[0][1], cur[-1][3], line_text(cur, wide_gap=False)))
    return out


def _figure_row(runs: list[Run]) -> bool:
    return len(runs) >= 2 and any(_FIGURE.match(t) for _, _, t in runs)


def find_blocks(lines: list[TextLine], continuing: bool = False) -> list[tuple[int, int]]:
    """Index ranges [start, end) of ``lines`` that form tables without rules.

    ``continuing``: the previous page ended inside such a table, so a block starting at the top of
    this page needs only one row of figures (the last rows of a table spilled over).
    """
    runs = [runs_of(ln) for ln in lines]
    blocks: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        if not _figure_row(runs[i]):
            i += 1
            continue
        lo = hi = i
        while lo > 0 and _joins(lines, runs, lo - 1, lo):
            lo -= 1
        while hi + 1 < len(lines) and _joins(lines, runs, hi, hi + 1):
            hi += 1
        need = 1 if continuing and lo == 0 else _MIN_FIGURE_ROWS
        if sum(1 for k in range(lo, hi + 1) if _figure_row(runs[k])) >= need:
            blocks.append((lo, hi + 1))
        i = hi + 1
    return blocks


def _joins(lines: list[TextLine], runs: list[list[Run]], a: int, b: int) -> bool:
    """Line ``b`` directly follows line ``a`` inside one table."""
    height = max(lines[a].bbox[3] - lines[a].bbox[1], lines[b].bbox[3] - lines[b].bbox[1], 4.0)
    if lines[b].bbox[1] - lines[a].bbox[3] > (_PITCH - 1) * height:
        return False
    for k in (a, b):
        text = "".join(t for _, _, t in runs[k])
        if _NOT_ROW.search(text):
            return False
        if len(runs[k]) == 1 and len(text) > 24:
            return False  # a wrapped sentence, not a cell
    return True


def render_block(lines: list[TextLine], previous: list[tuple[float, float]] | None = None
                 ) -> tuple[list[Row], list[tuple[float, float]]]:
    """Rows of one block, cells aligned to the block's columns; and those columns.

    ``previous``: the columns of the table this block may continue; they are used when every run
    of this block's figure rows falls in exactly one of them (a continuation page often has no
    figures in some columns, which would otherwise vanish).
    """
    runs = [runs_of(ln) for ln in lines]
    cols = _columns(runs)
    if previous and _fits(runs, previous):
        cols = list(previous)
    if len(cols) < 2:
        return [], cols
    texts: list[list[str]] = []
    ends: list[list[float]] = []  # right end of each cell's text, to tell a wrapped label
    for rs in runs:
        cells = [""] * len(cols)
        right = [0.0] * len(cols)
        for x0, x1, t in rs:
            j = max(range(len(cols)), key=lambda k: (min(x1, cols[k][1]) - max(x0, cols[k][0]), -k))
            cells[j] = (cells[j] + " " + t).strip() if cells[j] else t
            right[j] = max(right[j], x1)
        texts.append(cells)
        ends.append(right)
    boxes = [ln.bbox for ln in lines]
    size = max(lines[0].chars[0][5], 4.0)
    texts, boxes = _join_wrapped_tails(texts, boxes, ends, cols, size)
    texts, boxes = _rejoin_wrapped_labels(texts, boxes)
    texts, boxes = _merge_offset_figures(texts, boxes)
    groups = find_code_groups(texts)
    starts = {a: b for a, b in groups}
    out = []
    for cells, box in zip(texts, boxes):
        merged: list[str] = []
        j = 0
        while j < len(cells):
            if j in starts:
                merged.append("".join(cells[j:starts[j] + 1]))
                j = starts[j] + 1
            else:
                merged.append(cells[j])
                j += 1
        if any(merged):
            out.append(Row(merged, (cols[0][0], box[1], cols[-1][1], box[3])))
    return out, cols


def _fits(runs: list[list[Run]], cols: list[tuple[float, float]]) -> bool:
    for rs in runs:
        for x0, x1, _ in rs:
            if sum(1 for a, b in cols if min(x1, b) > max(x0, a)) != 1:
                return False
    return True


def _columns(runs: list[list[Run]]) -> list[tuple[float, float]]:
    """Column x-intervals: the union of the figure rows' runs, plus header runs in empty space."""
    spans = sorted((x0, x1) for rs in runs if _figure_row(rs) for x0, x1, _ in rs)
    cols: list[list[float]] = []
    for x0, x1 in spans:
        if cols and x0 <= cols[-1][1] + 1.0:
            cols[-1][1] = max(cols[-1][1], x1)
        else:
            cols.append([x0, x1])
    for rs in runs:
        if _figure_row(rs):
            continue
        for x0, x1, _ in rs:
            if not any(min(x1, c[1]) > max(x0, c[0]) for c in cols):
                cols.append([x0, x1])
    cols.sort()
    return [(a, b) for a, b in cols]


def _join_wrapped_tails(texts, boxes, ends, cols, size):
    """A text-only line continues the cell above it when that cell's text ran to the column's right
    edge (it wrapped for want of room) — "机关事业单位基本养老保险缴" + "费支出"."""
    right_edge = [max(e[j] for e in ends) for j in range(len(cols))]  # the column's widest text
    out_t, out_b, out_e = [], [], []
    for r, b, e in zip(texts, boxes, ends):
        filled = [j for j, t in enumerate(r) if t]
        if out_t and len(filled) == 1 and not _FIGURE.match(r[filled[0]]):
            j = filled[0]
            prev, prev_end = out_t[-1], out_e[-1]
            if prev[j] and prev_end[j] >= right_edge[j] - 0.6 * size and b[1] - out_b[-1][3] < 0.45 * size:
                prev[j] = join_cell_lines([prev[j], r[j]])
                prev_end[j] = e[j]
                out_b[-1] = _union(out_b[-1], b)
                continue
        out_t.append(r)
        out_b.append(b)
        out_e.append(e)
    return out_t, out_b


def _merge_offset_figures(texts: list[list[str]], boxes: list) -> tuple[list[list[str]], list]:
    """A line of figures only, printed a little above or below its row (top-aligned figures next to
    a vertically centred label), joins the nearest row whose cells it exactly complements."""
    i = 0
    while i < len(texts):
        r = texts[i]
        if not (any(r) and all(not t or _FIGURE.match(t) for t in r)):
            i += 1
            continue
        height = boxes[i][3] - boxes[i][1]
        best = None
        for k in (i - 1, i + 1):
            if 0 <= k < len(texts) and any(t and not _FIGURE.match(t) for t in texts[k]) \
                    and all(not (a and b) for a, b in zip(r, texts[k])):
                gap = abs((boxes[k][1] + boxes[k][3]) / 2 - (boxes[i][1] + boxes[i][3]) / 2)
                if gap <= 1.3 * height and (best is None or gap < best[0]):
                    best = (gap, k)
        if best is None:
            i += 1
            continue
        k = best[1]
        texts[k] = [a or b for a, b in zip(texts[k], r)]
        boxes[k] = _union(boxes[k], boxes[i])
        del texts[i], boxes[i]
    return texts, boxes


def _rejoin_wrapped_labels(texts: list[list[str]], boxes: list) -> tuple[list[list[str]], list]:
    """A figures row with an empty label cell takes the label-only lines just above and below it."""
    if not texts:
        return texts, boxes
    n_cols = len(texts[0])
    # the label column: the one holding the most Chinese text
    label = max(range(n_cols), key=lambda j: sum(len(regex.findall(r"\p{Han}", r[j])) for r in texts))
    only_label = [bool(r[label]) and not any(t for k, t in enumerate(r) if k != label) for r in texts]
    keep = [True] * len(texts)
    for i, r in enumerate(texts):
        if r[label] or not any(_FIGURE.match(t) for t in r):
            continue
        above = i > 0 and only_label[i - 1] and keep[i - 1]
        below = i + 1 < len(texts) and only_label[i + 1]
        coded = any(_CODE.match(t) for t in r)
        if not ((above and below) or (coded and (above or below))):
            continue  # a lone label line next to a figures line is a row of its own
        parts = []
        for k, use in ((i - 1, above), (i + 1, below)):
            if use:
                parts.append(texts[k][label])
                keep[k] = False
                boxes[i] = _union(boxes[i], boxes[k])
        r[label] = join_cell_lines(parts)
    return [r for r, k in zip(texts, keep) if k], [b for b, k in zip(boxes, keep) if k]


def _union(a, b):
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))
