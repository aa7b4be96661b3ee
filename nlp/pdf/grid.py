"""Ruled tables: from ruling segments to a grid of (possibly merged) cells.

A table drawn with rules is the most reliable structure a PDF has: the column and row boundaries
are the x of its vertical rules and the y of its horizontal rules. Where a border is missing
between two neighbouring grid cells, the cell spans both (a header such as "支出功能分类" over
the 类/款/项 columns, or "本年收入合计" over three header rows). Plain data only: a :class:`Grid`
is boundaries plus, for every atomic cell, the id of the merged cell that owns it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from .extract import Seg

TOL = 2.0  # pt: rules closer than this are one rule; ends closer than this touch


@dataclass
class Grid:
    """One ruled table on one page.

    ``xs``/``ys`` are the column/row boundaries (sorted, top-left origin); atomic cell (i, j) lies
    between ``ys[i]``–``ys[i+1]`` and ``xs[j]``–``xs[j+1]``. ``owner[i][j]`` is the merged cell that
    covers it and ``spans[c] = (row0, col0, row1, col1)`` (inclusive) its extent.
    """

    xs: list[float]
    ys: list[float]
    owner: list[list[int]] = field(default_factory=list)
    spans: dict[int, tuple[int, int, int, int]] = field(default_factory=dict)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1

    def contains(self, x: float, y: float, margin: float = 1.0) -> bool:
        x0, y0, x1, y1 = self.bbox
        return x0 - margin <= x <= x1 + margin and y0 - margin <= y <= y1 + margin

    def cell_at(self, x: float, y: float) -> tuple[int, int]:
        """Atomic (row, col) containing point (x, y), clamped to the grid."""
        i = min(max(bisect.bisect_right(self.ys, y) - 1, 0), self.n_rows - 1)
        j = min(max(bisect.bisect_right(self.xs, x) - 1, 0), self.n_cols - 1)
        return i, j


def find_grids(hsegs: list[Seg], vsegs: list[Seg]) -> list[Grid]:
    """All ruled tables of a page, top to bottom; a grid needs two rows of rules and two columns."""
    hs = _merge(hsegs)
    vs = _merge(vsegs)
    if len(hs) < 2 or len(vs) < 2:
        return []
    parent = list(range(len(hs) + len(vs)))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for i, (y, x0, x1) in enumerate(hs):
        for j, (x, top, bottom) in enumerate(vs):
            if x0 - TOL <= x <= x1 + TOL and top - TOL <= y <= bottom + TOL:
                parent[find(i)] = find(len(hs) + j)
    groups: dict[int, tuple[list[Seg], list[Seg]]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(find(len(hs) + j), ([], []))[1].append(v)
    grids = []
    for h_lines, v_lines in groups.values():
        if len(h_lines) >= 2 and len(v_lines) >= 2:
            g = _grid(h_lines, v_lines)
            if g is not None:
                grids.append(g)
    grids.sort(key=lambda g: (g.ys[0], g.xs[0]))
    return grids


def _merge(segs: list[Seg]) -> list[Seg]:
    """Join collinear pieces that touch or overlap (Word draws every cell border separately)."""
    out: list[Seg] = []
    for pos, group in _cluster(sorted(segs), key=lambda s: s[0]):
        group.sort(key=lambda s: s[1])
        a, b = group[0][1], group[0][2]
        for _, s0, s1 in group[1:]:
            if s0 <= b + TOL:
                b = max(b, s1)
            else:
                out.append((pos, a, b))
                a, b = s0, s1
        out.append((pos, a, b))
    return out


def _cluster(items, key):
    """Group sorted items whose ``key`` lies within TOL of the group's first; yields (mean key, items)."""
    group: list = []
    first = None
    for it in items:
        k = key(it)
        if group and k - first > TOL:
            yield sum(key(g) for g in group) / len(group), group
            group = []
        if not group:
            first = k
        group.append(it)
    if group:
        yield sum(key(g) for g in group) / len(group), group


def _positions(values: list[float]) -> list[float]:
    return [pos for pos, _ in _cluster(sorted(values), key=lambda v: v)]


def _grid(h_lines: list[Seg], v_lines: list[Seg]) -> Grid | None:
    xs = _positions([x for x, _, _ in v_lines])
    ys = _positions([y for y, _, _ in h_lines])
    # Rules that stop short of the frame still bound the table: extend to the rules' extremes.
    left, right = min(a for _, a, _ in h_lines), max(b for _, _, b in h_lines)
    top, bottom = min(a for _, a, _ in v_lines), max(b for _, _, b in v_lines)
    if left < xs[0] - TOL:
        xs.insert(0, left)
    if right > xs[-1] + TOL:
        xs.append(right)
    if top < ys[0] - TOL:
        ys.insert(0, top)
    if bottom > ys[-1] + TOL:
        ys.append(bottom)
    if len(xs) < 2 or len(ys) < 2:
        return None
    n_rows, n_cols = len(ys) - 1, len(xs) - 1

    def v_border(j: int, i: int) -> bool:  # rule at xs[j] between rows ys[i]..ys[i+1]
        if j == 0 or j == n_cols:
            return True
        lo, hi = ys[i], ys[i + 1]
        q = (hi - lo) / 4
        return any(abs(x - xs[j]) <= TOL and t <= lo + q and b >= hi - q for x, t, b in v_lines)

    def h_border(i: int, j: int) -> bool:  # rule at ys[i] between columns xs[j]..xs[j+1]
        if i == 0 or i == n_rows:
            return True
        lo, hi = xs[j], xs[j + 1]
        q = (hi - lo) / 4
        return any(abs(y - ys[i]) <= TOL and a <= lo + q and b >= hi - q for y, a, b in h_lines)

    parent = list(range(n_rows * n_cols))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for i in range(n_rows):
        for j in range(n_cols):
            k = i * n_cols + j
            if j + 1 < n_cols and not v_border(j + 1, i):
                parent[find(k + 1)] = find(k)
            if i + 1 < n_rows and not h_border(i + 1, j):
                parent[find(k + n_cols)] = find(k)
    owner = [[find(i * n_cols + j) for j in range(n_cols)] for i in range(n_rows)]
    spans: dict[int, tuple[int, int, int, int]] = {}
    for i in range(n_rows):
        for j in range(n_cols):
            c = owner[i][j]
            r0, c0, r1, c1 = spans.get(c, (i, j, i, j))
            spans[c] = (min(r0, i), min(c0, j), max(r1, i), max(c1, j))
    return Grid(xs=xs, ys=ys, owner=owner, spans=spans)
