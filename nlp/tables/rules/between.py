"""Between-table reconciliation rules (docs/rules-domain.md "Between tables").

They apply to a document of the right kind (决算 → T ids, 预算 → B ids) that has at least one of
the tables involved; a missing partner table makes the instance ``unverifiable`` with the reason,
so a dropped table is never silently skipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from ...records import Finding
from ...rules.registry import rule
from ..lexicon import row_is
from ..model import Row, Table
from .common import (by_code, check_equal, check_le, find_row, is_ordinal_row, rows_of, table,
                     total_row, unverifiable, val)


def _any(*tids: str):
    return lambda ctx: any(table(ctx, t) is not None for t in tids)


def _need(ctx, rid: str, what: str, *tids: str):
    """The tables, or an unverifiable finding naming the missing ones."""
    got = [table(ctx, t) for t in tids]
    missing = [t for t, g in zip(tids, got) if g is None]
    if missing:
        return None, unverifiable(ctx, rid, what, "文档中未找到表 " + "、".join(missing))
    return got, None


def _pair(rid: str, doc: str, a_id: str, b_id: str, what: str):
    """Register ``body(ctx, rid, what, a, b)`` as rule ``rid`` (one-line ``doc``) over tables ``a_id`` and
    ``b_id``: it applies when either is present, and a missing one is the unverifiable finding that
    names it, so the body only ever sees both tables."""

    def deco(body: Callable[..., Iterable[Finding]]):
        def run(ctx) -> Iterable[Finding]:
            got, miss = _need(ctx, rid, what, a_id, b_id)
            if miss:
                yield miss
                return
            yield from body(ctx, rid, what, *got)

        rule(rid, "tables", doc, applies=_any(a_id, b_id))(run)
        return body

    return deco


def _eq(ctx, rid: str, what: str, a_t, a_row: Row | None, a_col: str | None, b_t, b_row: Row | None,
        b_col: str | None, expr: str) -> Iterable[Finding]:
    a, b = val(a_row, a_col), val(b_row, b_col)
    if a is None and b is None and a_row is not None and b_row is not None:
        return  # the line is blank in both tables (PDF tables leave zero cells empty): nothing to compare
    if a is None or b is None:
        miss = []
        if a is None:
            miss.append(f"{a_t.key or a_t.id} 的{a_row.label if a_row else '对应行'}{a_col or ''}")
        if b is None:
            miss.append(f"{b_t.key or b_t.id} 的{b_row.label if b_row else '对应行'}{b_col or ''}")
        yield unverifiable(ctx, rid, what, "未找到 " + "、".join(miss), a.line if a else None)
        return
    yield check_equal(ctx, rid, what, (a_t, a_row, a), (b_t, b_row, b), expr)


# -- one figure of a table = one figure of another ------------------------------------------------
@dataclass(frozen=True)
class _At:
    """Where a figure stands: the table id, how its row is found, the column (None: the row's first value)."""

    table: str
    row: Callable[[Table], Row | None]
    col: str | None = None


def _named(key: str, side: str):
    """Row finder: the row naming ``key`` (``lexicons/table_rows.tsv``) on ``side``."""
    return lambda t: find_row(t, key, side)


def _income_row(key: str):
    """Row finder: the 收入 row naming ``key``, numbered or not."""
    return lambda t: next((r for r in rows_of(t, "收入") if row_is(r.label, key)), None)


# (rule id, one-line doc, what the finding speaks of (None: the doc), figure checked, figure it must
# equal, how the expected figure is named (None: the doc after "= "))
_SAME = [
    ("X.T1_T2.income", "T1 本年收入合计 = T2 合计（本年收入合计）", "T1 本年收入合计与 T2 收入决算表合计",
     _At("T1", _named("本年收入合计", "收入")), _At("T2", total_row, "本年收入合计"), "T2 合计"),
    ("X.T1_T3.expense", "T1 本年支出合计 = T3 合计（本年支出合计）", "T1 本年支出合计与 T3 支出决算表合计",
     _At("T1", _named("本年支出合计", "支出")), _At("T3", total_row, "本年支出合计"), "T3 合计"),
    ("X.T4_T5.total", "T4 本年支出合计（一般公共预算栏）= T5 合计", "T4 一般公共预算财政拨款支出与 T5 合计",
     _At("T4", _named("本年支出合计", "支出"), "一般公共预算财政拨款"), _At("T5", total_row, "本年支出合计"),
     "T5 合计"),
    # 预算 tables
    ("X.B1_B3.expense", "B1 本年支出合计 = B3 合计", None,
     _At("B1", _named("本年支出合计", "支出")), _At("B3", total_row, "合计"), None),
    ("X.B1_B2.income", "B1 本年收入合计 = B2 合计", None,
     _At("B1", _named("本年收入合计", "收入")), _At("B2", total_row, "合计"), None),
    ("X.B4_B5.total", "B4 一般公共预算收入 = B5 合计", None,
     _At("B4", _income_row("一般公共预算财政拨款收入")), _At("B5", total_row, "小计"), None),
    ("X.B5_B6.basic", "B5 基本支出合计 = B6 合计", None, _At("B5", total_row, "基本支出"), _At("B6", total_row, "预算"),
     None),
    ("X.B5_B10.project", "B5 项目支出合计 = B10 合计", None, _At("B5", total_row, "项目支出"),
     _At("B10", total_row, "预算"), None),
    ("X.B3_B11.basic", "B3 基本支出合计 = B11 合计", None, _At("B3", total_row, "基本支出"),
     _At("B11", total_row, "总计"), None),
    ("X.B3_B12.project", "B3 项目支出合计 = B12 合计", None, _At("B3", total_row, "项目支出"),
     _At("B12", total_row, "总计"), None),
]


def _same(a: _At, b: _At, expr: str):
    """Rule body: the figure at ``a`` equals the figure at ``b`` (named ``expr`` in the message)."""
    return lambda ctx, rid, what, ta, tb: _eq(ctx, rid, what, ta, a.row(ta), a.col, tb, b.row(tb), b.col, expr)


for _rid, _doc, _what, _a, _b, _expr in _SAME:
    _pair(_rid, _doc, _a.table, _b.table, _what or _doc)(_same(_a, _b, _expr or _doc.split("= ")[-1]))


# -- each class line of a summary table = the same class of a detail table --------------------------
def _by_class(ctx, rid: str, a, a_id: str, a_col: str | None, b, b_id: str, b_col: str) -> Iterable[Finding]:
    for r in rows_of(a, "支出"):
        if not r.code or len(r.code) != 3:
            continue
        av = val(r, a_col)
        if av is None:
            continue
        other = by_code(b, r.code)
        w = f"{a_id}「{r.label}」与 {b_id} {r.code}"
        if other is None:
            if av.value == 0:
                continue  # a zero class line has no row in the detail table: nothing to compare
            yield unverifiable(ctx, rid, w, f"{b_id} 中没有科目 {r.code}", av.line)
            continue
        yield from _eq(ctx, rid, w, a, r, a_col, b, other, b_col, f"{b_id} {r.code} {b_col}")


for _rid, _doc, _a_id, _a_col, _b_id in (
        ("X.T1_T3.class", "T1 各类支出 = T3 同类科目本年支出合计", "T1", None, "T3"),
        ("X.T4_T5.class", "T4 各类支出（一般公共预算栏）= T5 同类科目本年支出合计", "T4", "一般公共预算财政拨款", "T5")):
    _pair(_rid, _doc, _a_id, _b_id, f"{_a_id} 各类支出与 {_b_id} 同类科目")(
        lambda ctx, rid, what, a, b, a_id=_a_id, a_col=_a_col, b_id=_b_id:
        _by_class(ctx, rid, a, a_id, a_col, b, b_id, "本年支出合计"))


_FUND_KEYS = ("一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "国有资本经营预算财政拨款收入")


@_pair("X.T1_T4.income", "T1 财政拨款收入各行 = T4 对应收入行", "T1", "T4", "T1 与 T4 财政拨款收入")
def t1_t4(ctx, rid, what, t1, t4):
    for key in _FUND_KEYS:
        a = next((r for r in rows_of(t1, "收入") if is_ordinal_row(r) and row_is(r.label, key)), None)
        b = next((r for r in rows_of(t4, "收入") if is_ordinal_row(r) and row_is(r.label, key)), None)
        if a is None and b is None:
            continue
        if b is None and a is not None and val(a) is not None and val(a).value == 0:
            continue
        yield from _eq(ctx, rid, f"{what}（{key}）", t1, a, None, t4, b, None, f"T4 {key}")


@_pair("X.T5_T6.basic", "T5 基本支出合计 = T6 人员经费合计 + 公用经费合计", "T5", "T6",
       "T5 基本支出与 T6 人员经费 + 公用经费")
def t5_t6(ctx, rid, what, t5, t6):
    total = total_row(t5)
    parts = [find_row(t6, "人员经费合计", "人员经费"), find_row(t6, "公用经费合计", "公用经费")]
    tv = val(total, "基本支出")
    if tv is None or any(val(p) is None for p in parts):
        yield unverifiable(ctx, rid, what, "未找到 T5 基本支出合计或 T6 人员经费/公用经费合计")
        return
    from .common import check_sum
    yield check_sum(ctx, rid, what, t5, total, tv, [(t6, p, val(p)) for p in parts], "T6 人员经费合计 + 公用经费合计")


def _fund_table(ctx, rid: str, tid: str, col: str) -> Iterable[Finding]:
    what = f"T4 {col}支出与 {tid} 合计"
    t4 = table(ctx, "T4")
    other = table(ctx, tid)
    if t4 is None:
        yield unverifiable(ctx, rid, what, "文档中未找到表 T4")
        return
    total = find_row(t4, "本年支出合计", "支出")
    if total is not None and total.get(col) is None:
        return  # the document's T4 has no such fund column (older templates): nothing to compare
    if other is None:
        v = val(total, col)
        if v is not None and v.value == 0:
            return  # no fund spending and no table: consistent by omission
        yield unverifiable(ctx, rid, what, f"文档中未找到表 {tid}", v.line if v else None)
        return
    yield from _eq(ctx, rid, what, t4, total, col, other, total_row(other), "本年支出小计", f"{tid} 合计本年支出")


def _has_fund_col(col: str, tid: str):
    def ok(ctx) -> bool:
        t4 = table(ctx, "T4")
        if table(ctx, tid) is not None:
            return True
        return t4 is not None and any(v.column == col for r in t4.rows for v in r.values)
    return ok


for _tid, _col in (("T8", "政府性基金预算财政拨款"), ("T9", "国有资本经营预算财政拨款")):
    rule(f"X.T4_{_tid}.fund", "tables", f"T4 {_col}支出 = {_tid} 合计本年支出", applies=_has_fund_col(_col, _tid))(
        lambda ctx, tid=_tid, col=_col: _fund_table(ctx, f"X.T4_{tid}.fund", tid, col))


@_pair("X.T5_T3.part", "T5 每一科目 ≤ T3 同一科目（部分不大于整体）", "T5", "T3", "T5 科目不大于 T3 同一科目")
def t5_le_t3(ctx, rid, what, t5, t3):
    for r in t5.rows:
        if not r.code:
            continue
        other = by_code(t3, r.code)
        for col in ("本年支出合计", "基本支出", "项目支出"):
            a, b = val(r, col), val(other, col)
            if a is None:
                continue
            w = f"T5 {r.code}{r.label}（{col}）≤ T3"
            if b is None:
                yield unverifiable(ctx, rid, w, f"T3 中没有科目 {r.code} 的{col}", a.line)
                continue
            yield check_le(ctx, rid, w, (t5, r, a), (t3, other, b), f"T3 {r.code} {col}")


@rule("X.T2.fiscal_part", "tables", "财政拨款收入 ≤ 本年收入合计（T2 合计行）", applies=_any("T2"))
def t2_fiscal(ctx):
    t2 = table(ctx, "T2")
    total = total_row(t2)
    a, b = val(total, "财政拨款收入"), val(total, "本年收入合计")
    if a is None or b is None:
        yield unverifiable(ctx, "X.T2.fiscal_part", "财政拨款收入不大于本年收入合计", "T2 合计行不完整")
        return
    yield check_le(ctx, "X.T2.fiscal_part", "财政拨款收入不大于本年收入合计", (t2, total, a), (t2, total, b),
                   "本年收入合计")


_T6_T7 = (("30212", "因公出国(境)费"), ("31013", "公务用车购置费"), ("30231", "公务用车运行维护费"),
          ("30217", "公务接待费"))


@_pair("X.T6_T7.items", "T6 30212/31013/30231/30217 ≤ T7 对应三公经费决算数", "T6", "T7",
       "T6 基本支出中的三公经费不大于 T7 决算数")
def t6_t7(ctx, rid, what, t6, t7):
    for code, key in _T6_T7:
        r = by_code(t6, code)
        item = find_row(t7, key)
        a = val(r)
        if a is None:
            continue
        b = val(item, "决算数")
        w = f"T6 {code}{r.label} ≤ T7 {key}决算数"
        if b is None:
            yield unverifiable(ctx, rid, w, f"T7 中未找到{key}决算数", a.line)
            continue
        yield check_le(ctx, rid, w, (t6, r, a), (t7, item, b), f"T7 {key}决算数")


def _empty_note(ctx, rid: str, tid: str) -> Iterable[Finding]:
    """An all-zero fund table must say so (本表本年度无发生额)."""
    from ...records import Finding as F
    t = table(ctx, tid)
    vals = [c.value for c in t.cells if c.value is not None]
    if any(v != 0 for v in vals):
        return
    said = any("无发生额" in n or "无数据" in n or "空表" in n for _, n in t.notes)
    yield F(doc=ctx.doc.doc, rule=rid, verdict="consistent" if said else "inconsistent",
            severity="info" if said else "low", line=t.title_line or t.start_line, stated="0",
            expected="说明无发生额", evidence={"table": t.key or t.id, "notes": [n for _, n in t.notes]},
            message=(f"{tid} 全为零，且已说明本年度无发生额。" if said else
                     f"{tid}「{t.title}」全为零，但未说明“本表本年度无发生额”，请补充空表说明。"))


def _all_zero(ctx, tid: str) -> bool:
    t = table(ctx, tid)
    return t is not None and all(c.value in (None, 0) for c in t.cells)


for _tid in ("T8", "T9", "B8", "B9"):
    rule(f"{_tid}.empty_note", "tables", f"{_tid} 全为零时须注明“本表本年度无发生额”",
         applies=lambda ctx, tid=_tid: _all_zero(ctx, tid))(
        lambda ctx, tid=_tid: _empty_note(ctx, f"{tid}.empty_note", tid))
