"""The gap between a budget and its actual, when a sentence states all three.

"年初预算为 412.60 万元，支出决算为 436.95 万元，决算数大于年初预算数 24.35 万元", "水电费预算 28.00 万元，
支出 30.15 万元，超支 2.15 万元", "…，比年初预算超支 23.20 万元": the gap is the actual minus the budget,
and its word says which is larger (节约/结余/少支/小于 — the actual is smaller; 超支/多支/超出/大于 —
larger). The 大于/小于 words alone are ``narrative.budget_comparison``'s; this rule checks the
amount, and the direction of the 节约/超支 words.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable

import regex

from ..interval import compare, decimals_of
from ..records import Claim, Finding
from ..rules.registry import RuleContext, rule
from .common import MONEY_FACTOR, clause_before, finding, fmt, fmt_iv, is_money, stated, wan
from .context import sentences

_BUDGET_ROLES = ("budget", "initial", "adjusted")
_SMALLER = r"节约|结余|节支|少支|结存"
_LARGER = r"超支|多支|超出"
_COMPARED = r"(?:决算数?|支出数?|执行数|实际支出数?)?(大于|小于|高于|低于|超过|少于|多于)(?:年初|全年|调整后)?预算(?:数|额)?"
_GAP = regex.compile(rf"(?:比(?:年初|全年|调整后)?预算(?:数)?)?(?:(?P<small>{_SMALLER})|(?P<large>{_LARGER})|{_COMPARED})(?:了|资金|金额)?$")


def _gap(text: str, c: Claim) -> tuple[str, bool] | None:
    """("smaller" | "larger", by a comparison word) of a gap figure's own words, else None."""
    m = _GAP.search(regex.sub(r"\s+", "", clause_before(text, c.start)))
    if m is None:
        return None
    if m.group("small"):
        return "smaller", False
    if m.group("large"):
        return "larger", False
    return ("larger" if m.group(1) in ("大于", "高于", "超过", "多于") else "smaller"), True


@rule("narrative.budget_gap", scope="narrative",
      doc="预算与实际的差额（节约/超支/决算数大于预算数 X 万元）等于两者之差，节约/超支与大小一致")
def check_budget_gap(ctx: RuleContext) -> Iterable[Finding]:
    text = ctx.doc.text
    for sent in sentences(ctx):
        sts = sent.statements
        for i in range(len(sts) - 1):
            budget, actual = sts[i], sts[i + 1]
            if budget.role not in _BUDGET_ROLES or actual.role != "level" or budget.level is None \
                    or actual.level is None or not is_money(budget.level) or not is_money(actual.level):
                continue
            cands = [ch.change for ch in actual.changes if ch.change is not None]
            if i + 2 < len(sts) and sts[i + 2].level is not None:
                cands.append(sts[i + 2].level)
            for g in cands:
                kind = _gap(text, g) if is_money(g) and g.value is not None else None
                if kind is not None:
                    yield _finding(ctx, budget.level, actual.level, g, *kind)
                    break


def _finding(ctx: RuleContext, budget: Claim, actual: Claim, gap: Claim, side: str, compared: bool) -> Finding:
    diff = wan(actual) - wan(budget)
    larger = diff.lo > 0
    smaller = diff.hi < 0
    words = f"预算 {stated(budget)}，实际 {stated(actual)}"
    if not compared and ((side == "larger" and smaller) or (side == "smaller" and larger)):
        said = "超支" if side == "larger" else "节约"
        return finding(ctx, "narrative.budget_gap", gap, "inconsistent",
                       f"{words}：实际{'小于' if smaller else '大于'}预算，文中却写“{said}” {stated(gap)}。",
                       expected=("节约" if smaller else "超支") + f"{fmt(abs(diff.mid) / MONEY_FACTOR[gap.unit])}{gap.unit}",
                       severity="high", claims=[budget, actual], evidence={"reason": "方向相反"})
    size = (diff if larger else diff * Decimal(-1)) * (1 / MONEY_FACTOR[gap.unit])
    return _against(ctx, "narrative.budget_gap", gap, size, lambda shown: f"{words}，差额应为 {shown}，文中为 {stated(gap)}。",
                    [budget, actual], "high")


def _against(ctx: RuleContext, rule_id: str, c: Claim, computed, message, claims: list[Claim], severity: str) -> Finding:
    """``c`` against the interval ``computed`` (in its unit), shown at its own decimals (two at least)."""
    v = compare(c.value, computed)
    shown = f"{fmt_iv(computed, max(2, decimals_of(c.value)))}{c.unit}"
    return finding(ctx, rule_id, c, v, message(shown), expected=shown,
                   severity=severity if v == "inconsistent" else None, claims=claims)


_PER_HEAD = regex.compile(r"人均[^，,。；;：:\d]{0,10}$")
_HEADS = ("人次", "人", "名")


@rule("narrative.per_capita", scope="narrative", doc="人均费用 = 金额 ÷ 人数（人次），按显示位数区间比较")
def check_per_capita(ctx: RuleContext) -> Iterable[Finding]:
    """"国内公务接待 8.46 万元，接待 46 批次 392 人次，人均接待费用 215.82 元": the amount and the head count
    stated before a 人均 figure give it. The count is the last 人次/人 count before it in its sentence (before
    a 其中 that lists its parts, when there is one);
    the amount the last money level (no budget, prior or change) before that count there, else the
    last one of the sentence before ("会议费支出 26.84 万元…。…参会人员 1,260 人次，人均会议费 213.02 元"). A standard (每天标准人均
    3 元) is no quotient."""
    text = ctx.doc.text
    sents = sentences(ctx)
    for k, sent in enumerate(sents):
        for c in sent.claims:
            if not is_money(c) or c.value is None or not _PER_HEAD.search(clause_before(text, c.start, 16)):
                continue
            if "标准" in clause_before(text, c.start, 16):
                continue
            heads = [h for h in sent.claims if h.kind == "count" and h.unit in _HEADS and h.end <= c.start
                     and h.value]
            if not heads:
                continue
            head = heads[-1]
            cut = text.find("其中", heads[0].end, c.start)
            whole = [h for h in heads if h.end <= cut] if cut >= 0 else []
            if whole:
                # "共接待 41 批次、438 人次，其中：国内…412 人次，外事…26 人次；人均接待费用 196.80 元": the whole's count
                head = whole[-1]
            money = [m for m in _spent(sent) if m.end <= head.start and m is not c]
            if not money and k:
                money = _spent(sents[k - 1])
            if not money:
                continue
            amount = money[-1]
            per = wan(amount) * (1 / head.value) * (1 / MONEY_FACTOR[c.unit])
            yield _against(ctx, "narrative.per_capita", c, per,
                           lambda shown: f"{amount.subject or ''}{stated(amount)} ÷ {stated(head)} = {shown}，文中人均为 {stated(c)}。",
                           [amount, head], "medium")


def _spent(sent) -> list[Claim]:
    """The money levels a sentence states (spending or receipts, not budgets, priors or changes)."""
    return [st.level for st in sent.statements if st.level is not None and st.role == "level"
            and is_money(st.level) and st.level.kind == "amount" and st.level.value is not None]
