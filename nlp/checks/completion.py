"""Completion and execution rates, and budget adjustments.

"完成全年预算 14.39 万元的 97.6%": rate = actual / budget. The budget is the inline one, else the
budget amount of the sentence the rate names (年初 → 年初预算, 执行率 → 调整后预算, else the nearest
budget), else ``actual ∓ change`` from "比年初预算数增加 …". "年初预算 600 万元，年中调减预算 356.04 万元，
调整后预算 343.96 万元" must satisfy adjusted = initial ± adjustment. When a rate matches only a
different budget than the one the sentence states, the message says which one would match.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable

import regex

from ..interval import Interval, compare
from ..records import Claim, Finding
from ..rules.registry import RuleContext, rule
from .changes import base_of_change
from .common import clause_before, finding, fmt_iv, money_verdict, recomputed, stated, wan, zero_possible
from .context import heading_between, sentences
from .statements import Sentence, Statement

HUNDRED = Decimal(100)
_BUDGET_ROLES = ("adjusted", "initial", "budget")


def _wanted_role(ctx: RuleContext, rate: Claim) -> tuple[str, ...]:
    before = clause_before(ctx.doc.text, rate.start)
    base = rate.base or ""
    # the rate's own words first ("完成年初预算的", "执行率"), then the base the claim took from its sentence
    # ("项目支出年初预算…，年中追加…，实际支出…，执行率…" is against 年初 + 追加, though 年初 was said)
    if "年初" in before:
        return ("initial", "budget", "adjusted")
    if "调整" in before or "执行率" in before:
        return ("adjusted", "budget", "initial")
    if base == "年初预算":
        return ("initial", "budget", "adjusted")
    if base == "调整后预算":
        return ("adjusted", "budget", "initial")
    return ("budget", "adjusted", "initial")


def budget_candidates(ctx: RuleContext, sent: Sentence, st: Statement, rate: Claim) -> list[tuple[str, Interval, list[Claim]]]:
    """Budgets the rate may be measured against, the sentence's own choice first: (label, 万元, claims)."""
    out: list[tuple[str, Interval, list[Claim]]] = []
    if st.budget is not None and wan(st.budget) is not None:
        out.append((f"预算 {stated(st.budget)}", wan(st.budget), [st.budget]))
    if st.prior is not None and wan(st.prior) is not None and "预算" in clause_before(ctx.doc.text, st.prior.start):
        out.append((f"预算 {stated(st.prior)}", wan(st.prior), [st.prior]))  # "比年初预算 8.3 亿元减少…"
    prev = [s for s in sent.statements if s.level is not None and s.role in _BUDGET_ROLES
            and s.level.start < rate.start]
    implied = _implied_adjusted(prev)
    for role in _wanted_role(ctx, rate):
        named = [s for s in reversed(prev) if s.role == role]
        if role == "adjusted" and not named and implied:
            # "年初预算数 480.00 万元，年中追加预算 125.60 万元，全年预算数 …。…执行率为 …": 年初 + 追加 first
            out += implied
            implied = []
        for s in named:
            out.append((f"{s.level.subject or '预算'} {stated(s.level)}", wan(s.level), [s.level]))
    if st.level is not None:
        cur = wan(st.level)
        for ch in st.changes:
            c = ch.change
            if c is None or wan(c) is None or "预算" not in (c.base or "") or c.direction not in ("增加", "减少"):
                continue
            if c.start > rate.start and "预算" not in clause_before(ctx.doc.text, c.start):
                continue  # "占调整预算数115.8%，增支42991万元，增长10.3%": a change after the rate, vs 上年
            b = base_of_change(cur, wan(c), c.direction)
            out.append((f"{stated(st.level)}{'−' if c.direction == '增加' else '+'}{stated(c)} = {fmt_iv(b)} 万元",
                        b, [c]))
    return out + implied


def _implied_adjusted(prev: list[Statement]) -> list[tuple[str, Interval, list[Claim]]]:
    """The adjusted budget implied by initial ± adjustment, when the sentence states one."""
    out = []
    for s in prev:
        if s.role == "initial" and s.changes and s.changes[0].change is not None:
            c = s.changes[0].change
            if wan(c) is None or c.direction not in ("增加", "减少"):
                continue
            b = wan(s.level) + wan(c) if c.direction == "增加" else wan(s.level) - wan(c)
            out.append((f"调整后预算 {stated(s.level)}{'+' if c.direction == '增加' else '−'}{stated(c)} = "
                        f"{fmt_iv(b)} 万元", b, [s.level, c]))
    return out


_LOOKBACK = 260  # characters: the budget stated in the sentence(s) just before, same paragraph block


def _earlier_budgets(ctx: RuleContext, sent: Sentence, rate: Claim) -> list[tuple[str, Interval, list[Claim]]]:
    """Budgets of the previous one or two sentences ("调整后预算为 311.3652 万元。实际支出 311.3652
    万元，执行率为 100%"), when no heading lies between: the same choice rules as in the sentence."""
    sents = sentences(ctx)
    k = next((i for i, s in enumerate(sents) if s is sent), None)
    if k is None:
        return []
    out: list[tuple[str, Interval, list[Claim]]] = []
    for prev in reversed(sents[max(0, k - 2):k]):
        if sent.start - prev.end > _LOOKBACK or heading_between(ctx, prev.start, sent.start):
            break
        fake = Statement(sentence=sent.index, level=None)
        merged = Sentence(index=prev.index, start=prev.start, end=sent.end, claims=prev.claims,
                          statements=prev.statements + [fake])
        out += [c for c in budget_candidates(ctx, merged, fake, rate)]
        if out:
            break
    return out


def _names_role(ctx: RuleContext, rate: Claim, used: list[Claim]) -> bool:
    """The budget used is of the role the rate's words ask for first (调整后 for 执行率 …)."""
    from .statements import amount_role

    want = _wanted_role(ctx, rate)[0]
    # words that name no budget ("支出执行为 97%") are measured against the final, adjusted one
    ok = ("budget", "adjusted") if want == "budget" else (want,)
    return any(c.kind == "amount" and amount_role(ctx.doc.text, c) in ok for c in used) or len(used) > 1


_PRIOR_RATE = regex.compile(r"(?:比|较|与|同)?(?:上年|去年|上一年|上年度|同期|(?:19|20)\d\d年度?)(?:同期)?的?(?:为|是)?\s*$")


@rule("narrative.completion_rate", scope="narrative",
      doc="完成率/执行率 = 决算(执行)数 ÷ 预算数，预算数取句中所指（年初/调整后/全年）")
def check_completion(ctx: RuleContext) -> Iterable[Finding]:
    for sent in sentences(ctx):
        for st in sent.statements:
            for rate in st.completions:
                if rate.value is None or _PRIOR_RATE.search(clause_before(ctx.doc.text, rate.start, 12)):
                    continue  # "执行率为 98.62%，比上年的 96.35% 提高 2.27 个百分点": last year's rate, not this one
                if st.level is None or wan(st.level) is None or st.role in _BUDGET_ROLES:
                    # no executed amount: none stated, or the amount is the budget itself
                    # ("全年预算数 X 万元，全区执行数 Y（含…），执行率 Z%" with Y unitless)
                    yield finding(ctx, "narrative.completion_rate", rate, "unverifiable",
                                  f"{stated(rate)}：句中未列示决算（执行）数，无法复核完成率。",
                                  evidence={"reason": "执行数未列示"})
                    continue
                cands = budget_candidates(ctx, sent, st, rate)
                earlier = not cands
                if earlier:
                    cands = _earlier_budgets(ctx, sent, rate)
                if not cands:
                    yield finding(ctx, "narrative.completion_rate", rate, "unverifiable",
                                  f"{stated(st.level)} 的完成率 {stated(rate)}：句中未列示所对应的预算数。",
                                  evidence={"reason": "预算数未列示"}, claims=[st.level])
                    continue
                actual = wan(st.level)
                results = []
                for label, budget, used in cands:
                    if zero_possible(budget):
                        # 0 of a 0 budget written "0%": a template note, not a wrong figure
                        results.append((label, None, "inconsistent" if rate.value != 0 or not zero_possible(actual)
                                        else "consistent", used))
                        continue
                    iv = actual / budget * HUNDRED
                    results.append((label, iv, compare(rate.value, iv), used))
                label, iv, v, used = results[0]
                if earlier and v == "inconsistent" and not _names_role(ctx, rate, used):
                    # a budget of an earlier sentence that the rate's words do not name (年初 for an
                    # 执行率): maybe not the one meant, so no verdict
                    yield finding(ctx, "narrative.completion_rate", rate, "unverifiable",
                                  f"{stated(st.level)} 的完成率 {stated(rate)}：前句所列 {label} 与之不符，"
                                  "且非文中所指预算，无法确定对应的预算数。",
                                  evidence={"reason": "预算数未列示"}, claims=[st.level])
                    continue
                if iv is None:
                    msg = (f"{stated(st.level)}：预算数为 0（{label}），完成率应写“--（不可比）”，文中为 {stated(rate)}。")
                    if v == "consistent":
                        msg = (f"{stated(st.level)}：预算数为 0（{label}），执行数为 0，写“{stated(rate)}”数值无误，"
                               "但按模板应写“--（不可比）”（模板瑕疵，非计算错误）。")
                    yield finding(ctx, "narrative.completion_rate", rate, v, msg, expected="--（不可比）",
                                  severity="medium" if v == "inconsistent" else "low", claims=[st.level, *used])
                    continue
                msg = f"{stated(st.level)} ÷ {label} = {fmt_iv(iv)}%，文中完成率为 {stated(rate)}。"
                ev = {"budget": label}
                if v == "inconsistent":
                    other = [(lb, i2) for lb, i2, v2, _ in results[1:] if i2 is not None and v2 != "inconsistent"]
                    if other:
                        msg += f"按 {other[0][0]} 计算为 {fmt_iv(other[0][1])}%，与文中完成率相符，请核对所列预算数。"
                        ev["matches"] = other[0][0]
                yield finding(ctx, "narrative.completion_rate", rate, v, msg, expected=f"{fmt_iv(iv)}%",
                              evidence=ev, severity="medium" if v == "inconsistent" else None,
                              claims=[st.level, *used])
            for ph in st.completion_placeholders:
                if st.budget is None or wan(st.budget) is None:
                    continue
                zero = zero_possible(wan(st.budget))
                yield finding(ctx, "narrative.completion_rate", ph, "consistent" if zero else "inconsistent",
                              f"{stated(st.budget)} 预算下完成率写“不可比”" +
                              ("，预算为 0，相符。" if zero else "，但预算不为 0，应可计算完成率。"),
                              severity=None if zero else "medium", claims=[st.budget, st.level])


@rule("narrative.adjusted_budget", scope="narrative",
      doc="调整后预算 = 年初预算 ± 年中调整额；决算数 = 预算数 ± 与预算的差额")
def check_adjusted(ctx: RuleContext) -> Iterable[Finding]:
    for sent in sentences(ctx):
        sts = sent.statements
        for i, st in enumerate(sts):
            if st.role == "adjusted" or _full_year_after_adjustment(ctx, sts, i):
                init = next((s for s in reversed(sts[:i]) if s.role == "initial"), None)
                if init is None:
                    init = _earlier_initial(ctx, sent)
                if init is None:
                    continue
                adj = next((ch.change for ch in init.changes if ch.change is not None), None)
                if adj is None:
                    between = [s for s in sts[:i] if s.level is not None and init.level.start < s.level.start]
                    found = _undirected(ctx, between)
                    if found is not None:
                        yield _undirected_finding(ctx, init.level, found[0], found[1], st.level)
                        continue
                if adj is None or adj.direction not in ("增加", "减少"):
                    yield finding(ctx, "narrative.adjusted_budget", st.level, "unverifiable",
                                  f"{stated(st.level)}：未列示年中调整额，无法复核调整后预算。",
                                  evidence={"reason": "调整额未列示"}, claims=[init.level])
                    continue
                adjs = [ch.change for ch in init.changes if ch.change is not None]
                if any(a.direction not in ("增加", "减少") for a in adjs):
                    adjs = [adj]  # an undirected further change: only the first, as stated
                # "年中追加 6,412.37 万元，…调减 1,085.20 万元，调整后预算为 43,977.17 万元": every adjustment counts
                exp, words = wan(init.level), f"年初预算 {stated(init.level)}"
                for a in adjs:
                    exp, op = (exp + wan(a), "+") if a.direction == "增加" else (exp - wan(a), "−")
                    words += f" {op} 调整 {stated(a)}"
                yield recomputed(ctx, "narrative.adjusted_budget", st.level, exp,
                                 f"{words} = {fmt_iv(exp)} 万元，文中调整后预算为 {stated(st.level)}（第 {st.level.line} 行）。",
                                 severity="high", claims=[init.level, *adjs])
            elif st.role == "level" and st.budget is not None:
                for ch in st.changes:
                    c = ch.change
                    if c is None or "预算" not in (c.base or "") or c.direction not in ("增加", "减少"):
                        continue
                    exp, op = _plus_minus(st.budget, c)
                    yield recomputed(ctx, "narrative.adjusted_budget", st.level, exp,
                                     f"预算 {stated(st.budget)} {op} {stated(c)} = {fmt_iv(exp)} 万元，"
                                     f"文中决算数为 {stated(st.level)}。", severity="high", claims=[st.budget, c])


_FULL_YEAR = regex.compile(r"全年预算(?:数|额)?(?:为|是)?$")


def _full_year_after_adjustment(ctx: RuleContext, sts: list[Statement], i: int) -> bool:
    """"年初预算数 480.00 万元，年中追加预算 125.60 万元，全年预算数 605.60 万元": after an initial budget
    with its adjustment in the sentence, the 全年预算 is the adjusted budget."""
    st = sts[i]
    if st.role != "budget" or st.level is None or not _FULL_YEAR.search(clause_before(ctx.doc.text, st.level.start)):
        return False
    return any(s.role == "initial" and any(ch.change is not None for ch in s.changes) for s in sts[:i])


def _plus_minus(base: Claim, adj: Claim) -> tuple[Interval, str]:
    """``base`` with an 增加 (else 减少) ``adj`` applied, in 万元, and the operator written for it."""
    up = adj.direction == "增加"
    return (wan(base) + wan(adj) if up else wan(base) - wan(adj)), ("+" if up else "−")


_ADJ_AMOUNT = regex.compile(r"(?:预算|资金)?(调整|调增|调减|追加|核减|调剂)(?:了)?(?:额|数|资金|金额)?(?:为|了)?$")
_MAX_BACK = 700  # characters back to the initial budget an adjusted budget follows ("…原因如下：…")


def _earlier_initial(ctx: RuleContext, sent: Sentence) -> Statement | None:
    """The initial budget with its adjustment stated in one of the five sentences before, no
    heading between ("年初预算安排 108.51 万元。年中预算追加了 190.7049 万元…。…项目调整后预算为 …")."""
    sents = sentences(ctx)
    k = next((i for i, s in enumerate(sents) if s is sent), None)
    if k is None:
        return None
    for prev in reversed(sents[max(0, k - 5):k]):
        if sent.start - prev.end > _MAX_BACK or heading_between(ctx, prev.start, sent.start):
            return None
        for s in reversed(prev.statements):
            if s.role == "adjusted":
                return None  # that adjustment already has its result
            if s.role == "initial" and any(ch.change is not None for ch in s.changes):
                return s
    return None


def _undirected(ctx: RuleContext, between: list[Statement]) -> tuple[Claim, str] | None:
    """An adjustment written as an amount ("预算调整 73.18 万元"): (claim, word)."""
    for s in between:
        m = _ADJ_AMOUNT.search(clause_before(ctx.doc.text, s.level.start))
        if m and wan(s.level) is not None:
            return s.level, m.group(1)
    return None


def _undirected_finding(ctx: RuleContext, init: Claim, adj: Claim, word: str, adjusted: Claim):
    """Adjusted = initial ± adjustment; 调整 gives no sign, so either sign may hold."""
    signs = {"调增": (1,), "追加": (1,), "调减": (-1,), "核减": (-1,)}.get(word, (1, -1))
    results = []
    for sign in signs:
        exp = wan(init) + wan(adj) if sign > 0 else wan(init) - wan(adj)
        results.append((sign, exp, money_verdict(adjusted, exp)))
    ok = [r for r in results if r[2] != "inconsistent"]
    sign, exp, v = ok[0] if ok else results[0]
    op = "+" if sign > 0 else "−"
    return finding(ctx, "narrative.adjusted_budget", adjusted, v,
                   f"年初预算 {stated(init)} {op} {word} {stated(adj)} = {fmt_iv(exp)} 万元，"
                   f"文中调整后预算为 {stated(adjusted)}（第 {adjusted.line} 行）。",
                   expected=f"{fmt_iv(exp)}万元", severity="high" if v == "inconsistent" else None,
                   claims=[init, adj])
