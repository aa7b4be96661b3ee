"""Indicator values in the narrative against the self-evaluation table that lists them.

A 绩效自评 report states "工单转派及时率 100%、月度话务接通率 95.5%…" and its 项目支出绩效自评表
lists the same indicators with 年度指标值 and 实际完成指标值 columns. A narrative percentage whose
subject is the end of a row label of such a table (the row label carries the 一级/二级指标 names
before the 三级指标: "产出指标数量指标月度话务接通率") restates that row: an actual its
实际完成(指标)值 cell, a target its 年度指标值 cell. The nearest such table (by line) is used; a row
that two tables list with different values, or a subject shorter than four characters, is not
guessed at.
"""

from __future__ import annotations

from typing import Any, Iterable

import regex

from ..interval import Interval, compare
from ..records import Claim, Finding
from ..rules.registry import RuleContext, rule
from .common import finding, fmt, stated
from .context import narrative_claims

_ACTUAL_COL = regex.compile(r"实际(?:完成)?(?:指标)?值|实际完成情况|完成值")
_TARGET_COL = regex.compile(r"(?:年度)?(?:指标|目标|预期)值")
_NORM = regex.compile(r"[\s.．。,，、:：;；\"“”'‘’()（）*]|的")
_KINDS = ("percent", "actual", "target", "completion_rate")
_MAX_DISTANCE = 250  # lines between the narrative figure and the table row


def norm(s: str | None) -> str:
    return _NORM.sub("", s or "")


def _rows(ctx: RuleContext) -> list[tuple[str, Any, str]]:
    """(normalized row label, cell, 'actual'|'target') for the indicator columns of every table."""
    out = []
    for c in ctx.cells or []:
        if c.value is None or not c.row_label:
            continue
        col = c.column or ""
        role = "actual" if _ACTUAL_COL.search(col) else ("target" if _TARGET_COL.search(col) else None)
        if role is None:
            continue
        out.append((norm(c.row_label), c, role))
    return out


def match_row(claim: Claim, rows: list[tuple[str, Any, str]]):
    """The cell restating ``claim`` (nearest table first), or None."""
    subj = norm(claim.subject)
    if len(subj) < 4:
        return None
    want = "target" if claim.kind == "target" else "actual"
    cands = [cell for label, cell, role in rows if role == want and label.endswith(subj)]
    if not cands:
        return None
    cands.sort(key=lambda c: abs(c.line - claim.line))
    best = cands[0]
    if abs(best.line - claim.line) > _MAX_DISTANCE:
        return None
    same_table = [c for c in cands if c.table == best.table and abs(c.line - best.line) < 40]
    if len({c.value for c in same_table}) > 1:
        return None
    return best


@rule("perf.kpi_table", scope="narrative", doc="文中绩效指标的实际值（目标值）与绩效自评表所列一致")
def check_kpi_table(ctx: RuleContext) -> Iterable[Finding]:
    rows = _rows(ctx)
    if not rows:
        return
    for c in narrative_claims(ctx):
        if c.kind not in _KINDS or c.unit not in ("%", "％") or c.value is None:
            continue
        cell = match_row(c, rows)
        if cell is None:
            continue
        v = compare(c.value, Interval.of(cell.value))
        what = "目标值" if c.kind == "target" else "实际完成值"
        yield finding(ctx, "perf.kpi_table", c, v,
                      f"{c.subject}{stated(c)}（第 {c.line} 行）；{cell.table}“{cell.row_label}”{what}为 "
                      f"{fmt(cell.value, 2).rstrip('0').rstrip('.')}%（第 {cell.line} 行）。",
                      expected=f"{cell.value}%",
                      evidence={"table": cell.table, "row_label": cell.row_label, "column": cell.column,
                                "cell_line": cell.line, "cell_value": str(cell.value)},
                      severity="medium" if v == "inconsistent" else None)
