"""Rules of the 绩效自评表 (P1 部门整体, P2 项目支出): scores against weights, the total, the grade.

A self-evaluation table gives each scored line a weight (分值 / 分值(权重)) and a score (得分 /
自评得分) — the 预算执行率 line and every indicator — then a 总分 and a ticked grade box
(``☑优 90分≤得分≤100分; □良 …``). Three identities follow:

* ``score_weight`` — no score exceeds its weight;
* ``total_score`` — 总分 = Σ scores of the scored lines, checked only when the weights read add up
  to the full marks (a misread or missing line would otherwise pass for an error);
* ``grade_band`` — the ticked grade is the band of the 总分 (优 90–100, 良 80–90, 中 60–80, 差 <60).

Column names, total spellings, check marks and bands are domain data in
``lexicons/table_perf.tsv``. Every P1/P2 table of the document is checked (P2, P2-2 …); one whose
weight/score columns cannot be read is ``unverifiable``, never skipped.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Iterable

import regex

from ...records import Finding
from ...resources import read_lexicon_lines
from ...rules.registry import rule
from ..lexicon import squash
from ..model import Row, Table, Value
from .common import unverifiable


@lru_cache(maxsize=None)
def _lexicon() -> dict[str, list[list[str]]]:
    out: dict[str, list[list[str]]] = {}
    for line in read_lexicon_lines("table_perf.tsv"):
        kind, *rest = line.split("\t")
        out.setdefault(kind.strip(), []).append([r.strip() for r in rest])
    return out


def _names(kind: str) -> set[str]:
    return {squash(n) for row in _lexicon().get(kind, []) for n in row[0].split(",") if n.strip()}


def _bands() -> list[tuple[str, Decimal, Decimal]]:
    return [(g, Decimal(lo), Decimal(hi)) for g, lo, hi in _lexicon().get("grade", [])]


def _full_marks() -> Decimal:
    return Decimal(_lexicon()["full"][0][0])


def _band_of(score: Decimal) -> str | None:
    """The grade whose band holds ``score`` (the top band includes full marks)."""
    for g, lo, hi in _bands():
        if lo <= score < hi or (hi == _full_marks() and score == hi):
            return g
    return None


def _value(row: Row, kind: str) -> Value | None:
    """The row's figure in a column named like ``kind`` (weight | score)."""
    names = _names(kind)
    return next((v for v in row.values if squash(v.column) in names and v.value is not None), None)


def _scored(t: Table) -> list[tuple[Row, Value, Value]]:
    """(row, weight, score) of every line that carries both. A weight without a score is a merged
    分值 cell repeated on the budget lines under it (000:571-572), or a score that was not read —
    the full-marks gate of ``total_score`` tells the two apart."""
    out = []
    for r in t.rows:
        w, s = _value(r, "weight"), _value(r, "score")
        if w is not None and s is not None:
            out.append((r, w, s))
    return out


_NUMBER = regex.compile(r"\d{1,3}(?:\.\d+)?")


def _total(ctx, t: Table) -> tuple[Value, Row | None] | None:
    """The 总分 figure: from its row, else from the table's line that starts with 总分."""
    totals = _names("total")
    for r in t.rows:
        if squash(r.label) in totals:
            v = next((v for v in r.values if v.value is not None), None)
            if v is not None:
                return v, r
    for no in range(t.start_line, t.end_line + 1):
        text = ctx.doc.lines[no - 1]
        s = squash(text)
        hit = next((n for n in totals if s.startswith(n)), None)
        if hit:
            m = _NUMBER.search(s[len(hit):])
            if m:
                return Value(column="总分", value=Decimal(m.group()), text=m.group(), line=no), None
    return None


def _grade(ctx, t: Table) -> tuple[str, int] | None:
    """The ticked grade (优/良/中/差) of the table and its line."""
    marks = "".join(m for row in _lexicon().get("checked", []) for m in row[0].split(","))
    grades = "".join(g for g, _, _ in _bands())
    pat = regex.compile(f"[{regex.escape(marks)}]\\s*([{grades}])")
    for no in range(t.start_line, t.end_line + 1):
        m = pat.search(ctx.doc.lines[no - 1])
        if m:
            return m.group(1), no
    return None


def _perf_tables(ctx, tid: str) -> list[Table]:
    return [t for t in ctx.tables if t.id == tid]


def _no_columns(ctx, rid: str, t: Table) -> Finding:
    return unverifiable(ctx, rid, f"{t.key or t.id} 绩效评分", "未识别出分值（权重）与得分栏", t.start_line)


def _score_weight(ctx, rid: str, tid: str) -> Iterable[Finding]:
    """Scores are points given, not rounded amounts: 12 against a weight of 10 is over, exactly."""
    for t in _perf_tables(ctx, tid):
        pairs = _scored(t)
        if not pairs:
            yield _no_columns(ctx, rid, t)
            continue
        for r, w, s in pairs:
            what = f"{t.key}「{r.label or '评分'}」得分不超过分值"
            ok = s.value <= w.value
            ev = {"table": t.key or t.id, "row": r.label, "score": {"column": s.column, "value": s.text, "line": s.line},
                  "weight": {"column": w.column, "value": w.text, "line": w.line}}
            yield Finding(doc=ctx.doc.doc, rule=rid, verdict="consistent" if ok else "inconsistent",
                          severity="info" if ok else "medium", line=s.line, stated=s.text, expected=f"≤{w.text}",
                          evidence=ev, message=(f"{what}：得分 {s.text} ≤ 分值 {w.text}，相符。" if ok else
                                                f"{what}：得分 {s.text} 超过该项分值 {w.text}。请核对第 {s.line} 行的评分。"))


def _total_score(ctx, rid: str, tid: str) -> Iterable[Finding]:
    for t in _perf_tables(ctx, tid):
        what = f"{t.key} 总分 = Σ 各项得分"
        scored = _scored(t)
        total = _total(ctx, t)
        if not scored:
            yield _no_columns(ctx, rid, t)
            continue
        if total is None:
            yield unverifiable(ctx, rid, what, f"{t.key} 中未找到总分", t.start_line)
            continue
        tv, _ = total
        weights = sum((w.value for _, w, _ in scored), Decimal(0))
        if weights != _full_marks():
            yield unverifiable(ctx, rid, what, f"读出的分值合计 {weights}，不是满分 {_full_marks()}，评分行未读全",
                               tv.line)
            continue
        yield _exact_total(ctx, rid, what, t, tv, scored)


def _exact_total(ctx, rid: str, what: str, t: Table, tv: Value, scored) -> Finding:
    """Scores are points given, not rounded amounts: their sum must match 总分 exactly (a 总分
    printed with fewer decimals than its parts may differ below its last place: ``rounding``)."""
    total = sum((s.value for _, _, s in scored), Decimal(0))
    gap = abs(total - tv.value)
    unit = Decimal(1).scaleb(tv.value.as_tuple().exponent)
    verdict = "consistent" if gap == 0 else "rounding" if gap < unit else "inconsistent"
    parts = [{"row": r.label, "column": s.column, "value": s.text, "line": s.line} for r, _, s in scored]
    msg = {"consistent": f"{what}：{tv.text} = 各项得分之和（{total}），相符。",
           "rounding": f"{what}：{tv.text} 与各项得分之和 {total} 相差不到末位，属四舍五入。",
           "inconsistent": f"{what}：表中总分为 {tv.text}，但各项得分之和为 {total}，相差 {gap}。请核对第 {tv.line} 行及各项得分。"}
    return Finding(doc=ctx.doc.doc, rule=rid, verdict=verdict,
                   severity="info" if verdict != "inconsistent" else "medium", line=tv.line, stated=tv.text,
                   expected=format(total, "f"), evidence={"table": t.key or t.id, "total_line": tv.line, "parts": parts},
                   message=msg[verdict])


def _grade_band(ctx, rid: str, tid: str) -> Iterable[Finding]:
    for t in _perf_tables(ctx, tid):
        what = f"{t.key} 评价等级与总分"
        total, grade = _total(ctx, t), _grade(ctx, t)
        if total is None and grade is None:
            continue  # a table without 总分 and 等级 (an indicator list): nothing to grade
        if total is None or grade is None:
            yield unverifiable(ctx, rid, what, "未找到总分" if total is None else "未找到勾选的评价等级",
                               (total[0].line if total else grade[1]))
            continue
        tv = total[0]
        g, line = grade
        band = next((b for b in _bands() if b[0] == g), None)
        if band is None:
            yield unverifiable(ctx, rid, what, f"等级「{g}」不在等级区间表中", line)
            continue
        _, lo, hi = band
        expected = _band_of(tv.value)
        ok = expected == g
        yield Finding(doc=ctx.doc.doc, rule=rid, verdict="consistent" if ok else "inconsistent",
                      severity="info" if ok else "medium", line=line, stated=g, expected=expected,
                      evidence={"table": t.key or t.id, "total": format(tv.value, "f"), "total_line": tv.line,
                                "grade": g, "band": [format(lo, "f"), format(hi, "f")]},
                      message=(f"{what}：总分 {tv.text}，评价等级「{g}」，相符。" if ok else
                               f"{what}：总分 {tv.text} 应评为「{expected}」，表中勾选「{g}」。请核对第 {line} 行。"))


for _tid in ("P1", "P2"):
    rule(f"{_tid}.score_weight", "tables", f"{_tid} 绩效自评表：各项得分不超过其分值（权重）",
         applies=lambda ctx, tid=_tid: bool(_perf_tables(ctx, tid)))(
        lambda ctx, tid=_tid: _score_weight(ctx, f"{tid}.score_weight", tid))
    rule(f"{_tid}.total_score", "tables", f"{_tid} 绩效自评表：总分 = Σ 各项得分（预算执行 + 各指标）",
         applies=lambda ctx, tid=_tid: bool(_perf_tables(ctx, tid)))(
        lambda ctx, tid=_tid: _total_score(ctx, f"{tid}.total_score", tid))
    rule(f"{_tid}.grade_band", "tables", f"{_tid} 绩效自评表：勾选的评价等级与总分区间一致（优90–100/良80–90/中60–80/差<60）",
         applies=lambda ctx, tid=_tid: bool(_perf_tables(ctx, tid)))(
        lambda ctx, tid=_tid: _grade_band(ctx, f"{tid}.grade_band", tid))
del _tid
