"""Change, prior and rate within one statement; direction words; zero bases.

"<amount>，比上年决算数增加 <change>，增长 <rate>" fixes the prior: ``current − change`` for 增加,
``current + change`` for 减少, and the rate ``change / prior``. Every input is the interval its
displayed digits allow, so a rate that rounding explains is never an error. A prior that may be 0
admits no rate: it must be printed "--（不可比）".
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable

import regex

from ..interval import Interval, compare
from ..records import Claim, Finding
from ..rules.registry import RuleContext, rule
from .common import MONEY_FACTOR, finding, fmt, fmt_iv, is_money, stated, verdict_of, wan, zero_possible
from .context import heading_between, sentence_index, sentences, statements
from .statements import Change, Statement, name_core, subject_core

HUNDRED = Decimal(100)
UP, DOWN = "增加", "减少"
FLAT = "持平"  # a change of 0 (增加0万元, 增长0%) is read as 持平 by the claims stage: the prior is the level


def prior_of(st: Statement, ch: Change) -> Interval | None:
    """The base the change is measured from, in 万元, or None when it cannot be computed."""
    if st.level is None and st.prior is not None and ch.change is not None:
        return stated_prior(st, ch)  # a sentence stating only the base: the rate is change ÷ base
    if st.level is None or ch.change is None or ch.change.direction not in (UP, DOWN, FLAT):
        return None
    cur, delta = wan(st.level), wan(ch.change)
    if cur is None or delta is None:
        return None
    if st.level.value >= 0 and cur.lo < 0:
        cur = Interval(Decimal(0), cur.hi)  # "0 万元" is no negative amount: a 下降 stays ≤ 100%
    if stated_prior(st, ch) is not None:
        return stated_prior(st, ch)  # "比上年 18.39 亿元增加 2.88 亿元"
    if st.role == "initial" and "年初" in (ch.change.base or "") and st.level.start < ch.change.start:
        return cur  # an adjustment of the initial budget is measured from it ("预算调整率")
    return base_of_change(cur, delta, ch.change.direction)


def base_of_change(current: Interval, delta: Interval, direction: str | None) -> Interval:
    """The base a change is measured from (万元): ``current − change`` for 增加, else ``current + change``."""
    return current - delta if direction == UP else current + delta


def stated_prior(st: Statement, ch: Change) -> Interval | None:
    """The earlier period's amount stated before the statement's first change, in 万元."""
    if st.prior is None or not st.changes or ch is not st.changes[0]:
        return None
    return wan(st.prior)


def _where(st: Statement, ch: Change) -> str:
    subj = (st.level.subject if st.level is not None else None) or (ch.change.subject if ch.change else "") or ""
    return f"{subj}（第 {(ch.rate or ch.placeholder or ch.change or st.level).line} 行）"


@rule("narrative.change_rate", scope="narrative",
      doc="增减率 = 增减额 ÷ 基数（基数 = 本期数 ∓ 增减额），按显示位数区间比较")
def check_change_rate(ctx: RuleContext) -> Iterable[Finding]:
    for st in statements(ctx):
        for ch in st.changes:
            if ch.rate is None or ch.rate.value is None:
                continue
            r = ch.rate
            prior = stated_prior(st, ch)
            if ch.change is None and st.level is not None and prior is not None and wan(st.level) is not None \
                    and not zero_possible(prior):
                # "较上年同期 99895 万元下降 32.0%": the rate is (本期 − 上期) ÷ 上期
                diff = prior - wan(st.level) if r.direction == DOWN else wan(st.level) - prior
                computed = diff / prior * HUNDRED
                yield _rate_finding(ctx, ch, prior, computed,
                                    f"{_where(st, ch)}：本期 {stated(st.level)}，对比基数 {stated(st.prior)}，"
                                    f"增减率应为 {fmt_iv(computed)}%，文中为 {stated(r)}。", [st.level, st.prior, r])
                continue
            if ch.change is not None and st.level is None and prior is not None and not zero_possible(prior) \
                    and wan(ch.change) is not None:
                # "与上年预算 2,450.00 万元相比，增加 550.00 万元，增长 22.45%": change ÷ the base stated
                computed = wan(ch.change) / prior * HUNDRED
                yield _rate_finding(ctx, ch, prior, computed,
                                    f"{_where(st, ch)}：基数 {stated(st.prior)}，{ch.change.direction} {stated(ch.change)}，"
                                    f"增减率应为 {fmt_iv(computed)}%，文中为 {stated(r)}。", [st.prior, *ch.claims])
                continue
            use, note = _with_carried_level(ctx, st, ch)
            if ch.change is None or use.level is None:
                missing = "增减额" if ch.change is None else "本期数"
                yield finding(ctx, "narrative.change_rate", r, "unverifiable",
                              f"{stated(r)}：同一句中未列示{missing}，无法复核增减率。",
                              evidence={"reason": f"{missing}未列示"}, claims=ch.claims)
                continue
            prior = prior_of(use, ch)
            if prior is None:
                yield finding(ctx, "narrative.change_rate", r, "unverifiable",
                              f"{stated(r)}：增减方向不明，无法复核增减率。",
                              evidence={"reason": "增减方向不明"}, claims=[use.level, *ch.claims])
                continue
            if zero_possible(prior):
                continue  # narrative.zero_base reports it
            computed = wan(ch.change) / prior * HUNDRED  # type: ignore[operator]
            yield _rate_finding(ctx, ch, prior, computed,
                                f"{_where(use, ch)}：本期 {stated(use.level)}{note}，{ch.change.direction} {stated(ch.change)}，"
                                f"基数应为 {fmt_iv(prior)} 万元，增减率应为 {fmt_iv(computed)}%，文中为 {stated(r)}。",
                                [use.level, *ch.claims])


def _with_carried_level(ctx: RuleContext, st: Statement, ch: Change) -> tuple[Statement, str]:
    """The statement a change is measured in, and a note on where its level was stated: its own, or —
    when its sentence states no level and :func:`_carried_level` finds one before with a usable base —
    that level's, noted "（第 N 行，前句所述）"."""
    if ch.change is None or st.level is not None:
        return st, ""
    level = _carried_level(ctx, st, ch)
    if level is None:
        return st, ""
    carried = Statement(sentence=st.sentence, level=level, role="level", changes=[ch])
    prior = prior_of(carried, ch)
    if prior is None or zero_possible(prior):
        return st, ""
    return carried, f"（第 {level.line} 行，前句所述）"

def _carried_level(ctx: RuleContext, st: Statement, ch: Change) -> Claim | None:
    """The level a change restating its subject in the next sentence is of: "2016 年度一般公共预算财政
    拨款支出 2,045.71 万元，占…。与 2015 年度相比，一般公共预算财政拨款支出增加 168.93 万元，增长 10.06%"
    — the only money level of the sentence before whose subject ends with the change's (four or more
    characters, direction words dropped); None when the change's sentence states a level of its own."""
    if ch.change is None or not is_money(ch.change):
        return None
    subject = subject_core(ch.change.subject)
    if len(subject) < 4:
        return None
    sents = sentences(ctx)
    k = sentence_index(ctx, ch.change.start)
    if not k or any(x.level is not None for x in sents[k].statements):
        return None
    for j in range(k - 1, max(-1, k - 1 - _CARRY_BACK), -1):
        if j < k - 1 and heading_between(ctx, sents[j].start, sents[k].start):
            break
        prev = [x.level for x in sents[j].statements if x.level is not None and x.role == "level" and is_money(x.level)]
        # "财政拨款收、支总计均为 X 万元。…财政拨款收支总计比上年减少…": the 、 of 收、支 aside
        hits = [c for c in prev if name_core(c.subject).endswith(subject.replace("、", ""))]
        if hits:
            return hits[0] if len(hits) == 1 and not _of_base_year(ctx, sents[k], ch, sents[j]) else None
    return _joined_level(ctx, sents, k) if _JOINED.search(subject) else None


_JOINED = regex.compile(r"收支(?:预算|决算)?(?:总额|总计|合计|总量|规模)$")
_SIDE_TOTAL = regex.compile(r"(?P<side>收入|支出)(?:预算|决算)?(?:总额|总计|合计)?$")


def _joined_level(ctx: RuleContext, sents, k: int) -> Claim | None:
    """"收入预算 9,938.42 万元，其中：…。支出预算 9,938.42 万元，其中：…。收支预算总额比上年预算增加…": a change of
    the joined 收支 total is of the income and expense totals stated (each the head of its sentence) in
    the sentences before, when the two are equal."""
    heads: dict[str, Claim] = {}
    for j in range(k - 1, max(-1, k - 1 - _CARRY_BACK), -1):
        if heading_between(ctx, sents[j].start, sents[k].start):
            break
        head = next((x.level for x in sents[j].statements if x.level is not None and is_money(x.level)), None)
        m = _SIDE_TOTAL.search(subject_core(head.subject)) if head is not None else None
        if m and m.group("side") not in heads:
            heads[m.group("side")] = head
    if len(heads) != 2 or heads["收入"].value_wan != heads["支出"].value_wan:
        return None
    return max(heads.values(), key=lambda c: c.start)


_BASE_YEAR = regex.compile(r"(?:比|较|与|同)\s*((?:19|20)\d\d)\s*年")
_YEAR = regex.compile(r"((?:19|20)\d\d)\s*年")


def _of_base_year(ctx: RuleContext, sent, ch: Change, earlier) -> bool:
    """"2021 年度…公务用车运行费用 7.73 万元。⏎2022 年度…预算较 2021 年度增加…。公务用车运行费用较上年同期增加 2.27 万元":
    the earlier sentence is of the year the change is measured from, so its figure is the base, not the level."""
    text = ctx.doc.text
    m = None
    for m in _BASE_YEAR.finditer(text, min(sent.start, text.rfind("\n", 0, ch.change.start) + 1), ch.change.start):
        pass  # the last comparison year of the change's sentence or line
    y = _YEAR.search(text, earlier.start, earlier.end)
    return m is not None and y is not None and m.group(1) == y.group(1)


_CARRY_BACK = 3
"""Sentences a change may look back for its level: "收入总计 7,155.91 万元，支出总计 7,155.91 万元。收入总计包括：…；
支出总计包括：…。收入、支出总计与上年相比均增加 325.66 万元" (the nearest sentence naming it wins)."""


def _rate_finding(ctx: RuleContext, ch: Change, prior: Interval, computed: Interval, message: str,
                  claims: list[Claim]) -> Finding:
    """narrative.change_rate on ``ch.rate`` against the rate computed from ``prior`` (万元).

    A rate in 倍 (``增长1.2倍`` = +120%) is compared in 倍, with no rounding slack: one unit of a
    whole 倍 is a hundred points, too wide to call a miss a rounding residue."""
    if ch.rate.unit == "倍":
        in_times = computed * (Decimal(1) / HUNDRED)
        v, expected = compare(ch.rate.value, in_times, slack_units=0), f"{fmt_iv(in_times)}倍"
    else:
        v, expected = verdict_of(ch.rate.value, computed), f"{fmt_iv(computed)}%"
    return finding(ctx, "narrative.change_rate", ch.rate, v, message, expected=expected,
                   severity="medium" if v == "inconsistent" else None,
                   evidence={"prior_wan": fmt_iv(prior), "rate_lo": fmt(computed.lo, 4),
                             "rate_hi": fmt(computed.hi, 4), "base": ch.base},
                   claims=claims)


@rule("narrative.zero_base", scope="narrative",
      doc="基数为 0 时增长率须写“--（不可比）”；基数不为 0 时不得写不可比")
def check_zero_base(ctx: RuleContext) -> Iterable[Finding]:
    for st in statements(ctx):
        for ch in st.changes:
            if ch.rate is None and ch.placeholder is None:
                continue
            prior = prior_of(st, ch)
            target = ch.rate or ch.placeholder
            if prior is None:
                if ch.placeholder is not None:
                    yield finding(ctx, "narrative.zero_base", target, "unverifiable",
                                  f"{stated(target)}：未列示本期数或增减额，无法确认基数是否为 0。",
                                  evidence={"reason": "基数无法计算"}, claims=ch.claims)
                continue
            zero = zero_possible(prior)
            if ch.placeholder is not None:
                v = "consistent" if zero else "inconsistent"
                msg = (f"{_where(st, ch)}：写“不可比”，基数为 {fmt_iv(prior)} 万元"
                       + ("，与基数为 0 相符。" if zero else
                          f"，不为 0，应可计算增减率 {fmt_iv(wan(ch.change) / prior * HUNDRED)}%。"))
                yield finding(ctx, "narrative.zero_base", ch.placeholder, v, msg, expected=None if zero else "可比",
                              severity="medium" if v == "inconsistent" else None,
                              evidence={"prior_wan": fmt_iv(prior)}, claims=[st.level, *ch.claims])
            elif zero:
                r = ch.rate
                if r.value == 0 and wan(ch.change).lo <= 0:
                    yield finding(ctx, "narrative.zero_base", r, "consistent",
                                  f"{_where(st, ch)}：基数为 0，增减额为 0，写“{stated(r)}”数值无误，"
                                  f"但按模板应写“--（基数为 0，不可比）”（模板瑕疵，非计算错误）。",
                                  severity="low", expected="--（不可比）", evidence={"prior_wan": fmt_iv(prior),
                                                                                   "note": "template"},
                                  claims=[st.level, *ch.claims])
                else:
                    yield finding(ctx, "narrative.zero_base", r, "inconsistent",
                                  f"{_where(st, ch)}：本期 {stated(st.level)}，{ch.change.direction} "
                                  f"{stated(ch.change)}，基数为 {fmt_iv(prior)} 万元（为 0 或负数），"
                                  f"增减率不可计算，文中却写 {stated(r)}。",
                                  severity="medium", expected="--（不可比）",
                                  evidence={"prior_wan": fmt_iv(prior)}, claims=[st.level, *ch.claims])


@rule("narrative.direction", scope="narrative",
      doc="增减方向词一致：增减额与增减率同向；“增加”的额不大于本期数")
def check_direction(ctx: RuleContext) -> Iterable[Finding]:
    for st in statements(ctx):
        for ch in st.changes:
            if ch.change is None or ch.rate is None:
                continue
            d1, d2 = ch.change.direction, ch.rate.direction
            if d1 not in (UP, DOWN) or d2 not in (UP, DOWN):
                continue
            if d1 != d2 and not (ch.change.value == 0 and ch.rate.value == 0):
                yield finding(ctx, "narrative.direction", ch.rate, "inconsistent",
                              f"{_where(st, ch)}：增减额写“{d1}”{stated(ch.change)}，增减率却写“{d2}”"
                              f"{stated(ch.rate)}，方向矛盾。",
                              severity="medium", expected=d1, evidence={"change_direction": d1, "rate_direction": d2},
                              claims=[ch.change, ch.rate])
            else:
                yield finding(ctx, "narrative.direction", ch.rate, "consistent",
                              f"{_where(st, ch)}：增减额与增减率方向一致（{d1}）。", claims=[ch.change, ch.rate])


@rule("narrative.prior_change", scope="narrative",
      doc="本期 = 上期 ± 增减额（“较上年同期 526499 万元减支 76067 万元”三数俱在时）")
def check_prior_change(ctx: RuleContext) -> Iterable[Finding]:
    for st in statements(ctx):
        if st.level is None or not st.changes:
            continue
        prior_claim = st.prior if st.prior is not None else _opening_balance(ctx, st)
        if prior_claim is None:
            continue
        ch = st.changes[0]
        c = ch.change
        cur, prior = wan(st.level), wan(prior_claim)
        if c is None or c.direction not in (UP, DOWN, FLAT) or cur is None or prior is None or wan(c) is None:
            continue
        exp = prior + wan(c) if c.direction == UP else prior - wan(c)
        v = verdict_of(st.level.value, exp * (1 / MONEY_FACTOR[st.level.unit]))
        op = "+" if c.direction == UP else "−"
        turned = ""
        if v == "inconsistent" and c.direction in (UP, DOWN):
            back = prior - wan(c) if c.direction == UP else prior + wan(c)
            if verdict_of(st.level.value, back * (1 / MONEY_FACTOR[st.level.unit])) == "consistent":
                turned = f"按“{DOWN if c.direction == UP else UP}”计算则相符，方向词有误。"
        yield finding(ctx, "narrative.prior_change", st.level, v,
                      f"{_where(st, ch)}：上期 {stated(prior_claim)}"
                      f"{'' if prior_claim is st.prior else f'（第 {prior_claim.line} 行）'} {op} {stated(c)} = "
                      f"{fmt_iv(exp)} 万元，文中本期为 {stated(st.level)}。{turned}", expected=f"{fmt_iv(exp)}万元",
                      severity="high" if v == "inconsistent" else None, claims=[prior_claim, c])


_CLOSING = regex.compile(r"年末|期末")
_OPENING = regex.compile(r"年初|期初")
_SINCE_OPENING = regex.compile(r"(?:比|较|与)\s*(?:年初|期初)")
_PERIOD_WORDS = regex.compile(r"(?:19|20)\d\d年度?|年末|期末|年初|期初|本年|本部门|本单位")


def _opening_balance(ctx: RuleContext, st: Statement) -> Claim | None:
    """"年初结转和结余 1,398.88 万元 …。年末财政拨款结转和结余 2,181.17 万元，比年初减少 782.29 万元": the
    opening balance of a closing one measured "比年初", stated in one of the three sentences before under
    the same name (years, 年初/年末 and owner words aside; no heading between)."""
    c = st.changes[0].change
    if c is None or not _CLOSING.search(st.level.subject or "") \
            or not _SINCE_OPENING.search(ctx.doc.text, max(0, c.start - 12), c.start):
        return None
    name = _PERIOD_WORDS.sub("", subject_core(st.level.subject))
    sents = sentences(ctx)
    k = sentence_index(ctx, st.level.start)
    if not k or len(name) < 4:
        return None
    for j in range(k - 1, max(-1, k - 1 - _CARRY_BACK), -1):
        if heading_between(ctx, sents[j].start, st.level.start):
            return None
        hits = [x.level for x in sents[j].statements if x.level is not None and is_money(x.level)
                and _OPENING.search(x.level.subject or "")
                and _PERIOD_WORDS.sub("", subject_core(x.level.subject)) == name]
        if hits:
            return hits[0] if len(hits) == 1 else None
    return None


@rule("narrative.double_negative", scope="narrative",
      doc="减少类方向词后不再写负号（“下降-2.1%”按字面是增长，应写“下降2.1%”或“增长-2.1%”）")
def check_double_negative(ctx: RuleContext) -> Iterable[Finding]:
    for c in ctx.claims or []:
        extra = getattr(c, "extra", None) or {}
        if not extra.get("double_negative"):
            continue
        cue = extra.get("cue") or c.direction or "减少"
        plain = c.text.lstrip("-－−﹣ ")
        yield finding(ctx, "narrative.double_negative", c, "inconsistent",
                      f"“{cue}{c.text}”：减少类方向词后又写负号，按字面是相反方向；按{c.direction or '减少'} {plain} "
                      f"读取，应写“{cue}{plain}”。",
                      severity="low", expected=f"{cue}{plain}",
                      evidence={"signed": extra.get("signed"), "note": "wording"})
