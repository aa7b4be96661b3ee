"""Identities of tables no template names (ids ``U1``, ``U2`` …): a table pasted into a passage, a
department's own breakdown by unit or by item.

- ``U.total_row``: the 合计/总计 row is the sum of the other rows, column by column (numbered items and
  sub-items — 一、 > （一） > 1. > （1） — as a hierarchy);
- ``U.total_column``: a first column named 合计/总计/小计 (本年收入合计) is the sum of the columns beside it;
- ``U.change_column``: an 增减/增减额 column is the newer period's column less the older one's;
- ``U.hierarchy``: by 功能/经济分类 codes, 合计 = Σ 类, 类 = Σ 款, 款 = Σ 项;
- ``U.rate_column``: an 增减率 column is the 增减额 over the older period's figure;
- ``U.score_weight``: a score is at most its weight, in a table whose weights add up to 100.

Such tables may nest rows (其中) or columns, or hold rates that do not add up, so an identity is
claimed only where the table itself bears it out: the findings of one identity are reported when at
least one column (for rows) or row (for columns) holds exactly on a figure other than 0, and dropped
when none does (the identity is then not the table's). Rate, share and code columns are never summed.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable

import regex

from ...interval import Interval, compare
from ...records import Finding
from ...rules.registry import rule
from ..lexicon import squash, template_columns
from ..model import Row, Table, Value
from .common import check_sum, hierarchy_sums, sum_rows, total_row, val

_NOT_SUMMED = regex.compile(r"率|占|比重|比例|%|％|百分|排名|序号|编码|代码|单价|标准|人均|平均|指标值|完成值")
_NESTED = regex.compile(r"^(?:其中|含|包括|注|备注|\d+[.、])")
_ORDINAL = regex.compile(r"^[一二三四五六七八九十]+[、.．]")
_TOTAL_COLUMN = regex.compile(r"(?:合计|总计|小计)$")
_CHANGE_COLUMN = regex.compile(r"^(?:比上年)?(?:增减|增减额|增减数|增减变动|增减变化|变动额|变化额|增(?:加)?额)(?:[（(].*[)）])?$")
_NEWER = regex.compile(r"本年|本期|当年|年末|期末")
_OLDER = regex.compile(r"上年|上期|去年|年初|期初")
_YEAR = regex.compile(r"(?:19|20)\d\d")


def _unknown(ctx) -> list[Table]:
    """Tables no template names, and tables a template's title sits over whose columns are none of the
    template's (a 收入决算表 by source with 本年/上年 columns): their template's rules find nothing to check."""
    return [t for t in ctx.tables if (t.id or "").startswith("U") or (
        t.shape in ("coded", "perf") and t.columns and not set(t.columns) & _template_names(t.id))]


def _template_names(tid: str) -> set[str]:
    return {c for side in (None, "收入", "支出", "item", "group") for c, _ in template_columns(tid, side)}


def _any_unknown(ctx) -> bool:
    return bool(_unknown(ctx))


def _summed(t: Table) -> list[str]:
    """The value columns that may add up (not rates, shares, scores or codes)."""
    return [c for c in t.columns if not _NOT_SUMMED.search(squash(c))]


def _only(t: Table, pattern: "regex.Pattern[str]") -> str | None:
    """The one column whose name matches ``pattern``, else None (none, or several)."""
    cols = [c for c in t.columns if pattern.match(squash(c))]
    return cols[0] if len(cols) == 1 else None


def _borne_out(found: list[Finding]) -> list[Finding]:
    """All of one identity's findings when at least one holds exactly on a figure other than 0 (a
    column of zeros adds up in any table), none otherwise."""
    checked = [f for f in found if f.verdict in ("consistent", "rounding", "inconsistent")]
    if any(f.verdict == "consistent" and f.stated and Decimal(f.stated) != 0 for f in checked) and len(checked) >= 2:
        return checked
    return []


def _total(t: Table) -> Row | None:
    """The 合计/总计 row: so named, or an uncoded first or last row whose name ends so (基本支出合计)."""
    found = total_row(t)
    if found is not None or not t.rows:
        return found
    ends = [t.rows[0], t.rows[-1]]
    return next((r for r in ends if not r.code and (_TOTAL_COLUMN.search(squash(r.label)) or squash(r.label) == "总分")),
                None)


@rule("U.total_row", "tables", "未识别表格：合计行 = 其余各行之和（逐列；至少一列相符时才判定）", applies=_any_unknown)
def total_rows(ctx) -> Iterable[Finding]:
    for t in _unknown(ctx):
        labels = "".join(r.label for r in t.rows)
        if "收入" in labels and "支出" in labels:
            continue  # income and expense rows side by side (a 收支 statement read flat): no one total
        total = _total(t)
        parts = [r for r in t.rows if r is not total]
        levels = [_marker_level(r.label) for r in parts]
        if total is not None and len(parts) >= 2 and all(levels) and len(set(levels)) > 1 and not any(r.code for r in parts):
            yield from _marked(ctx, t, total, parts, levels)  # "1.…(1)…(2)…2.…": numbered items and sub-items
            continue
        if total is None or len(parts) < 2 or any(r.code or _NESTED.match(squash(r.label)) for r in parts):
            continue  # coded rows: U.hierarchy
        if any(_TOTAL_COLUMN.search(squash(r.label)) for r in parts):
            continue  # subtotals among the rows: a hierarchy, not a flat list
        found = []
        for col in _summed(t):
            found.extend(_cells_named(_suspect(f, t, col, parts, _row_checks(ctx, t)))
                         for f in sum_rows(ctx, "U.total_row", t, total, parts, f"{t.key}（{col}）合计行 = 各行之和", col))
        if len(found) == 1 and all(_ORDINAL.match(r.label) for r in parts):
            yield from found  # one column, but the rows number themselves as siblings (一、…二、…): a flat list
            continue
        yield from _borne_out(found)


_MARKERS = (regex.compile(r"^[一二三四五六七八九十]+[、.．]"), regex.compile(r"^[(（][一二三四五六七八九十]+[)）]"),
            regex.compile(r"^\d{1,2}[、.．](?!\d)"), regex.compile(r"^[(（]\d{1,2}[)）]"))


def _marker_level(label: str) -> int:
    """The usual order of Chinese item numbers: 1 for 一、, 2 for （一）, 3 for 1. / 1、, 4 for （1）; 0 for a
    row with no item number."""
    s = squash(label)
    return next((k + 1 for k, m in enumerate(_MARKERS) if m.match(s)), 0)


def _marked(ctx, t: Table, total: Row, parts: list[Row], levels: list[int]) -> Iterable[Finding]:
    """合计 = Σ the items of the top numbering level; an item = Σ its sub-items, where it has them."""
    top = min(levels)
    found = []
    heads = [r for r, lv in zip(parts, levels) if lv == top]
    for col in _summed(t):
        found.extend(sum_rows(ctx, "U.total_row", t, total, heads, f"{t.key}（{col}）合计行 = 各项之和", col))
    for k, (r, lv) in enumerate(zip(parts, levels)):
        below = []  # the rows under this item, up to the next item of its level or above
        for r2, lv2 in zip(parts[k + 1:], levels[k + 1:]):
            if lv2 <= lv:
                break
            below.append((r2, lv2))
        kids = [r2 for r2, lv2 in below if lv2 == min(x for _, x in below)] if below else []
        if kids:
            for col in _summed(t):
                found.extend(sum_rows(ctx, "U.total_row", t, r, kids, f"{t.key}「{r.label}」（{col}）= 其下各分项之和", col))
    yield from (_cells_named(f) for f in _borne_out(found))


def _suspect(f: Finding, t: Table, col: str, parts: list, row_checks: list) -> Finding:
    """A column that does not add up, crossed with the one part row whose own identity fails in that
    column too: that cell is the likely slip, named in the message and in ``evidence.lines``."""
    if f.verdict != "inconsistent":
        return f
    rows = [r for r, cols, g in row_checks if g.verdict == "inconsistent" and col in cols and r in parts]
    if len(rows) == 1:
        r = rows[0]
        cell = r.get(col)
        f.evidence = {**(f.evidence or {}), "lines": [r.line], "suspect": {"row": r.label, "column": col,
                                                                          "line": cell.line if cell else r.line}}
        f.message += f"第 {r.line} 行「{r.label}」的{col}与本行其他数字亦不相符，最可能是该数填错。"
    return f


def _cells_named(f: Finding) -> Finding:
    """A sum that fails with no single suspect names every cell it adds (``evidence.lines``): the slip
    is the total or one of them."""
    if f.verdict == "inconsistent" and "lines" not in f.evidence:
        f.evidence = {**f.evidence, "lines": [p["line"] for p in f.evidence.get("parts") or [] if p.get("line")]}
    return f


def _row_checks(ctx, t: Table) -> list[tuple]:
    """Every row-wise identity of ``t`` (a 合计 column, an 增减 column): (row, columns used, finding)."""
    return _total_column_checks(ctx, t) + _change_checks(ctx, t)


@rule("U.total_column", "tables", "未识别表格：合计列 = 其余各列之和（逐行；至少一行相符时才判定）", applies=_any_unknown)
def total_columns(ctx) -> Iterable[Finding]:
    for t in _unknown(ctx):
        yield from _borne_out([f for _, _, f in _total_column_checks(ctx, t)])


def _total_column_checks(ctx, t: Table) -> list[tuple]:
    cols = _summed(t)
    if len(cols) < 3 or not _TOTAL_COLUMN.search(squash(cols[0])) or t.columns[0] != cols[0]:
        return []
    parts = cols[1:]
    if any(_NESTED.match(squash(c)) or _TOTAL_COLUMN.search(squash(c)) or _CHANGE_COLUMN.match(squash(c))
           for c in parts):
        return []
    out = []
    for r in t.rows:
        tv = val(r, cols[0])
        pv = [(t, r, v) for v in (val(r, c) for c in parts) if v is not None]
        if tv is None or not pv:
            continue
        what = f"{t.key}「{r.label}」{cols[0]} = {' + '.join(parts)}"
        out.append((r, set(cols), check_sum(ctx, "U.total_column", what, t, r, tv, pv, " + ".join(parts))))
    return out


def _periods(t: Table, change: str) -> tuple[str, str] | None:
    """(newer, older) columns of an 增减 column: the two summed columns before it, told apart by their
    years or by 本年/上年 words."""
    k = t.columns.index(change)
    before = [c for c in _summed(t) if t.columns.index(c) < k][-2:]
    if len(before) != 2:
        return None
    a, b = before
    ya, yb = _YEAR.search(a), _YEAR.search(b)
    if ya and yb and ya.group() != yb.group():
        return (a, b) if ya.group() > yb.group() else (b, a)
    if _NEWER.search(a) and _OLDER.search(b):
        return a, b
    if _OLDER.search(a) and _NEWER.search(b):
        return b, a
    return None


@rule("U.change_column", "tables", "未识别表格：增减列 = 本期列 − 上期列（逐行；至少一行相符时才判定）", applies=_any_unknown)
def change_columns(ctx) -> Iterable[Finding]:
    for t in _unknown(ctx):
        checks = _change_checks(ctx, t)
        for change in dict.fromkeys(f.evidence["change_column"] for _, _, f in checks):
            yield from _borne_out([f for _, _, f in checks if f.evidence["change_column"] == change])


def _change_checks(ctx, t: Table) -> list[tuple]:
    out = []
    for change in [c for c in t.columns if _CHANGE_COLUMN.match(squash(c))]:
        pair = _periods(t, change)
        if pair is None:
            continue
        newer, older = pair
        for r in t.rows:
            cv, nv, ov = val(r, change), val(r, newer), val(r, older)
            if cv is None or nv is None or ov is None:
                continue
            minus = Value(ov.column, -ov.value, ov.text, ov.line)
            f = check_sum(ctx, "U.change_column", f"{t.key}「{r.label}」{change} = {newer} − {older}",
                          t, r, cv, [(t, r, nv), (t, r, minus)], f"{newer} − {older}")
            f.evidence["change_column"] = change
            out.append((r, {change, newer, older}, f))
    return out


@rule("U.hierarchy", "tables", "未识别表格：合计 = Σ 类，类 = Σ 款，款 = Σ 项（按科目编码；至少一处相符时才判定）",
      applies=_any_unknown)
def hierarchies(ctx) -> Iterable[Finding]:
    for t in _unknown(ctx):
        if sum(1 for r in t.rows if r.code) < 2:
            continue
        found = [f for f in hierarchy_sums(ctx, "U.hierarchy", t, _total(t), _summed(t))
                 if f.verdict != "unverifiable"]
        checks = _row_checks(ctx, t)
        for f in _borne_out(found):
            if f.verdict == "inconsistent":
                col = (f.evidence.get("stated") or {}).get("column")
                codes = {p.get("code") for p in f.evidence.get("parts") or []}
                f = _suspect(f, t, col, [r for r in t.rows if r.code in codes], checks)
                if "suspect" not in f.evidence:
                    f = _child_suspect(f, found)
            yield _cells_named(f)


def _gap(f: Finding) -> Decimal | None:
    return abs(Decimal(f.stated) - Decimal(f.expected)) if f.stated and f.expected else None


def _child_suspect(f: Finding, found: list[Finding]) -> Finding:
    """A parent that does not add up because one listed child is wrong: the child's own sum fails by the
    same amount in the same column (205 = 4257.45 under 20502 whose 项 add up to 4457.45, as 205 says).
    The child is named (``evidence.lines``, ``evidence.suspect``)."""
    if f.verdict != "inconsistent":
        return f
    st = f.evidence.get("stated") or {}
    kids = {(p.get("code"), p.get("column")) for p in f.evidence.get("parts") or []}
    for g in found:
        gs = g.evidence.get("stated") or {}
        if g is f or g.verdict != "inconsistent" or (gs.get("code"), gs.get("column")) not in kids:
            continue
        if _gap(g) is not None and _gap(g) == _gap(f) and gs.get("column") == st.get("column"):
            f.evidence = {**f.evidence, "lines": [gs.get("line")],
                          "suspect": {"row": gs.get("row"), "column": gs.get("column"), "line": gs.get("line")}}
            f.message += f"下级科目「{gs.get('row')}」本身与其明细之和亦差 {_gap(g)}，最可能是该数填错。"
            break
    return f


_RATE_COLUMN = regex.compile(r"^(?:比上年)?(?:增减|增长|变动|变化)(?:率|幅度|%|％)|^增幅$|^降幅$")


@rule("U.rate_column", "tables", "未识别表格：增减率列 = 增减额 ÷ 上期数（逐行；至少一行相符时才判定）", applies=_any_unknown)
def rate_columns(ctx) -> Iterable[Finding]:
    for t in _unknown(ctx):
        rate, change = _only(t, _RATE_COLUMN), _only(t, _CHANGE_COLUMN)
        pair = _periods(t, change) if rate and change else None
        if pair is None:
            continue
        older = pair[1]
        found = []
        for r in t.rows:
            rv, cv, ov = val(r, rate), val(r, change), val(r, older)
            if rv is None or cv is None or ov is None or ov.value == 0:
                continue
            iv = Interval.of(cv.value) / Interval.of(ov.value)
            if iv is None:
                continue
            iv = iv * Decimal(100)
            stated = rv.value if "%" in (rv.text or "") or abs(rv.value) > 1 or rv.value == 0 else rv.value * 100
            v = compare(stated, iv)
            found.append(Finding(doc=ctx.doc.doc, rule="U.rate_column", verdict=v,
                                 severity="medium" if v == "inconsistent" else "info", line=rv.line,
                                 stated=format(rv.value, "f"), expected=f"{iv.mid:.2f}",
                                 evidence={"table": t.key, "row": r.label, "change": format(cv.value, "f"),
                                           "prior": format(ov.value, "f")},
                                 message=f"{t.key}「{r.label}」{rate}：{cv.value} ÷ {ov.value} = {iv.mid:.2f}%，"
                                         f"表中为 {rv.text or rv.value}。"))
        yield from _borne_out(found)


_WEIGHT_COLUMN = regex.compile(r"^(?:分值|权重|标准分|满分)")
_SCORE_COLUMN = regex.compile(r"^(?:得分|自评得分|评分)")


@rule("U.score_weight", "tables", "未识别表格：每行得分不超过其分值（权重；各项分值合计为 100 时才判定）",
      applies=_any_unknown)
def score_weights(ctx) -> Iterable[Finding]:
    for t in _unknown(ctx):
        weight, score = _only(t, _WEIGHT_COLUMN), _only(t, _SCORE_COLUMN)
        if weight is None or score is None:
            continue
        total = _total(t)
        ws = [val(r, weight) for r in t.rows if r is not total]
        if sum((w.value for w in ws if w is not None), Decimal(0)) != 100:
            continue  # the weights are no 100-point scheme: the columns may be misread
        for r in t.rows:
            w, sc = val(r, weight), val(r, score)
            if w is None or sc is None:
                continue
            ok = Interval.of(sc.value).lo <= Interval.of(w.value).hi
            yield Finding(doc=ctx.doc.doc, rule="U.score_weight", verdict="consistent" if ok else "inconsistent",
                          severity="info" if ok else "medium", line=sc.line, stated=format(sc.value, "f"),
                          expected=f"≤{w.value}", evidence={"table": t.key, "row": r.label, "weight": format(w.value, "f")},
                          message=f"{t.key}「{r.label}」得分 {sc.value}" + (f" 不超过分值 {w.value}，相符。" if ok
                                                                            else f" 超过分值 {w.value}。"))
