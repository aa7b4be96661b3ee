"""Changes stated in prose against the two period columns of the passage's own table: "公务接待费预算
3.80 万元，比上年增加 0.70 万元" beside a table row "公务接待费 | 3.80 | 4.50 | …" (2024年 and 2023年 预算数).

``narrative.change_cell``: the prose level restates the row's current-period cell (:func:`.link.link_own_table`);
the row's earlier-period cell (the other year, or the 上年/上期 column) is the base, so the change must be
newer − older in size and direction, and a growth rate (newer − older) ÷ older.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable

import regex

from ..interval import Interval, compare
from ..records import Cell, Finding
from ..rules.registry import RuleContext, rule
from .common import MONEY_FACTOR, finding, fmt_iv, stated, wan
from .context import sentences
from .link import link_own_table

HUNDRED = Decimal(100)
_YEAR = regex.compile(r"(?:19|20)\d\d")
_OLDER = regex.compile(r"上年|上期|去年|上一年")
_NOT_A_LEVEL = regex.compile(r"率|占|比重|比例|%|％|增减|变动|分值|得分|权重")


def _older(cells: list[Cell], current: Cell) -> Cell | None:
    """The row's cell of the period before ``current``'s: the year before it, else the one 上年 column."""
    row = [c for c in cells if c.table == current.table and c.row == current.row and c is not current
           and c.value is not None and not _NOT_A_LEVEL.search(c.column or "")]
    y = _YEAR.search(current.column or "")
    if y:
        prev = [c for c in row if (m := _YEAR.search(c.column or "")) and int(m.group()) == int(y.group()) - 1]
        if len(prev) == 1:
            return prev[0]
    prev = [c for c in row if _OLDER.search(c.column or "")]
    return prev[0] if len(prev) == 1 else None


@rule("narrative.change_cell", scope="narrative",
      doc="文中增减额、增减率与同文表格同名行的本期、上期数一致（方向、数额、比率）")
def check_change_cell(ctx: RuleContext) -> Iterable[Finding]:
    cells = ctx.cells or []
    if not any((c.table or "").startswith("U") for c in cells):
        return
    for sent in sentences(ctx):
        for st in sent.statements:
            if st.level is None or not st.changes or st.level.unit not in MONEY_FACTOR:
                continue
            lk = link_own_table(st.level, cells)
            old = _older(cells, lk.cell) if lk is not None else None
            if old is None:
                continue
            factor = MONEY_FACTOR.get(lk.cell.unit or "万元", Decimal(1))
            diff = (Interval.of(lk.cell.value) - Interval.of(old.value)) * factor  # 万元
            base = Interval.of(old.value) * factor
            where = f"表中“{lk.cell.row_label}”{lk.cell.column} {lk.cell.value}、{old.column} {old.value}（第 {old.line} 行）"
            ch = st.changes[0]
            if ch.change is not None and ch.change.direction in ("增加", "减少") and wan(ch.change) is not None:
                signed = wan(ch.change) if ch.change.direction == "增加" else wan(ch.change) * Decimal(-1)
                v = "consistent" if signed.overlaps(diff) else "inconsistent"
                word = "增加" if diff.mid > 0 else "减少" if diff.mid < 0 else "持平"
                size = diff if diff.mid >= 0 else Interval(-diff.hi, -diff.lo)
                turned = v == "inconsistent" and (signed * Decimal(-1)).overlaps(diff)
                yield finding(ctx, "narrative.change_cell", ch.change, v,
                              f"{stated(ch.change)}：{where}，应为{word} {fmt_iv(size)} 万元"
                              + ("，方向词有误。" if turned else "。"),
                              evidence={"cell_line": lk.cell.line, "prior_line": old.line, "direction": word},
                              severity="high" if v == "inconsistent" else None)
            if ch.rate is not None and ch.rate.value is not None and ch.rate.direction in ("增加", "减少") \
                    and base.lo > 0:
                iv = diff / base * HUNDRED
                signed = ch.rate.value if ch.rate.direction == "增加" else -ch.rate.value
                v = compare(signed, iv)
                yield finding(ctx, "narrative.change_cell", ch.rate, v,
                              f"{stated(ch.rate)}：{where}，增减率应为 {fmt_iv(iv)}%。", expected=f"{fmt_iv(iv)}%",
                              evidence={"cell_line": lk.cell.line, "prior_line": old.line},
                              severity="medium" if v == "inconsistent" else None)
