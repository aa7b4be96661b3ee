"""Rates computed from counts and from two levels of one indicator.

- ``narrative.count_rate``: "共有财政支出项目 30 个 … 其中，自评结果优秀的 26 个，优秀率为 86.67%" —
  a 率 after a count is that count over the whole the 其中 list hangs off (the last count before
  其中, in the sentence or the one before), and a 完成率 after "约定 200 万条 … 实际 247.49 万条" is
  the actual count over the agreed one. Units must agree ("万条/年" and "万条" do).
- ``narrative.level_change``: "接通率从 45.57% 提升至 74.70%，提升幅度达 28.63%", "从 185 个工作日
  压减至约 132 日，压减率为 29%" — the stated change matches the relative change |B − A| ÷ A or, for
  two percentages, the difference in points; matching neither is inconsistent.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable

import regex

from ..interval import Interval, compare
from ..records import Claim, Finding
from ..rules.registry import RuleContext, rule
from .common import clause_before, finding, fmt_iv, stated, zero_possible
from .context import sentences

HUNDRED = Decimal(100)
_RATE = regex.compile(r"率(?:约)?(?:为|达|达到|是)?$")
_PLAN = regex.compile(r"约定|目标|计划|预期|应")
_ACTUAL = regex.compile(r"实际|完成|累计")
_CHANGE_RATE = regex.compile(r"(?:压减|压缩|缩短|减少|下降|降低|提升|提高|增长|增加)(?:率|幅度|比例)?(?:约)?(?:为|达|达到|了)?$")
_FROM_TO = regex.compile(r"至|到|提升|提高|降|减|压缩|缩短|需|变为")
_COUNT_KINDS = ("count", "target", "actual")


def _unit(c: Claim) -> str:
    u = regex.sub(r"/(?:年|月|日|次)$", "", c.unit or "")
    return {"日": "天", "工作日": "天", "个工作日": "天"}.get(u, u)


def _is_count(c: Claim) -> bool:
    return c.kind in _COUNT_KINDS and c.value is not None and c.unit not in (None, "%", "％") \
        and not c.unit.endswith("元")


def _qty(c: Claim) -> Interval:
    """A count as written: a whole number of things is exact (30 个 is 30), a decimal or an
    approximate figure covers its rounding interval."""
    if c.value == c.value.to_integral_value() and "." not in (c.text or "") and not c.approx:
        return Interval.exact(c.value)
    return Interval.of(c.value)


def _whole_before_qizhong(ctx: RuleContext, sents, k: int, before: int, unit: str) -> Claim | None:
    """The last count of ``unit`` before the 其中 that precedes offset ``before`` (sentence ``k`` or
    the one before it)."""
    text = ctx.doc.text
    lo = sents[k - 1].start if k > 0 else sents[k].start
    i = text.rfind("其中", lo, before)
    if i < 0:
        return None
    pool = (sents[k - 1].claims if k > 0 else []) + sents[k].claims
    cands = [c for c in pool if c.end <= i and _is_count(c) and _unit(c) == unit
             and c.kind != "target" and not c.operator]  # "培训1860人次（年度目标≥1800人次），其中": not the target
    return cands[-1] if cands else None


@rule("narrative.count_rate", scope="narrative", doc="由个数计算的比率（优秀率、覆盖率、完成率）= 部分数 ÷ 总数")
def check_count_rate(ctx: RuleContext) -> Iterable[Finding]:
    text = ctx.doc.text
    sents = sentences(ctx)
    for k, sent in enumerate(sents):
        for r in sent.claims:
            if r.unit not in ("%", "％") or r.value is None or r.kind in ("growth_rate", "not_comparable"):
                continue
            if not _RATE.search(clause_before(text, r.start)):
                continue
            counts = [c for c in sent.claims if c.end <= r.start and _is_count(c)]
            if not counts:
                continue
            num = counts[-1]
            between = text[num.end:r.start]
            if "。" in between or len(regex.findall(r"[,，;；]", between)) > 1:
                continue
            unit = _unit(num)
            den = None
            if "完成率" in clause_before(text, r.start) and _ACTUAL.search(clause_before(text, num.start)):
                plans = [c for c in counts[:-1] if _unit(c) == unit and _PLAN.search(clause_before(text, c.start))]
                den = plans[-1] if plans else None
            if den is None:
                den = _whole_before_qizhong(ctx, sents, k, num.start, unit)
            if den is None or den is num:
                continue
            d = _qty(den)
            if zero_possible(d):
                continue
            iv = _qty(num) / d * HUNDRED
            v = compare(r.value, iv)
            yield finding(ctx, "narrative.count_rate", r, v,
                          f"{num.subject or ''}{stated(num)} ÷ {den.subject or ''}{stated(den)}（第 {den.line} 行）"
                          f"= {fmt_iv(iv)}%，文中为 {stated(r)}。", expected=f"{fmt_iv(iv)}%",
                          severity="medium" if v == "inconsistent" else None, claims=[num, den])


@rule("narrative.level_change", scope="narrative",
      doc="“从 A 提升（压减）至 B，幅度 X%”：X 等于相对变化 |B−A|÷A，或两百分比之差")
def check_level_change(ctx: RuleContext) -> Iterable[Finding]:
    text = ctx.doc.text
    for sent in sentences(ctx):
        for r in sent.claims:
            if r.unit not in ("%", "％") or r.value is None:
                continue
            if not _CHANGE_RATE.search(clause_before(text, r.start)):
                continue
            prev = [c for c in sent.claims if c.end <= r.start and c.value is not None and c is not r]
            if len(prev) < 2:
                continue
            a, b = prev[-2], prev[-1]
            pct = a.unit in ("%", "％") and b.unit in ("%", "％")
            if not pct and not (_is_count(a) and _is_count(b) and _unit(a) == _unit(b)):
                continue
            if not _FROM_TO.search(text[a.end:b.start]) or "。" in text[a.end:b.start]:
                continue
            ia, ib = (Interval.of(a.value), Interval.of(b.value)) if pct else (_qty(a), _qty(b))
            if zero_possible(ia):
                continue
            diff = ib - ia if b.value >= a.value else ia - ib
            rel = diff / ia * HUNDRED
            cands = [("相对变化", rel)] + ([("百分点差", diff)] if pct else [])
            verdicts = [(label, iv, compare(r.value, iv)) for label, iv in cands]
            ok = [x for x in verdicts if x[2] != "inconsistent"]
            label, iv, v = ok[0] if ok else verdicts[0]
            alt = "" if ok or not pct else f"，两者之差为 {fmt_iv(diff)} 个百分点"
            yield finding(ctx, "narrative.level_change", r, v,
                          f"从 {stated(a)} 到 {stated(b)}：{label}为 {fmt_iv(iv)}%{alt}，文中为 {stated(r)}。",
                          expected=f"{fmt_iv(iv)}%", severity="medium" if v == "inconsistent" else None,
                          claims=[a, b])


_EARLIER_COUNT = regex.compile(r"(?:比|较|与|同)\s*(?:上年|去年|上一年|上年度|年初|(?:19|20)\d\d年)(?:末|底|同期)?(?:的)?$")


@rule("narrative.count_change", scope="narrative",
      doc="个数的增减：本期数 = 上期数 ± 增减数（“共有车辆 23 辆，比上年末的 26 辆减少了 3 辆”），方向词与两数大小一致")
def check_count_change(ctx: RuleContext) -> Iterable[Finding]:
    """A count, its earlier value and its change stated in one breath: the three must agree, and the
    direction word must follow the two counts. When only the direction word is wrong the message says so."""
    text = ctx.doc.text
    for sent in sentences(ctx):
        for ch in sent.claims:
            if ch.kind != "change" or ch.value is None or ch.direction not in ("增加", "减少") or not ch.unit \
                    or ch.unit in ("%", "％") or ch.unit.endswith("元"):
                continue
            same = [c for c in sent.claims if _is_count(c) and _unit(c) == _unit(ch) and c.end <= ch.start]
            if len(same) < 2:
                continue
            prior, level = same[-1], same[-2]
            if not _EARLIER_COUNT.search(clause_before(text, prior.start)) or \
                    _EARLIER_COUNT.search(clause_before(text, level.start)):
                continue
            want = level.value - prior.value
            got = ch.value if ch.direction == "增加" else -ch.value
            ok = want == got
            turned = not ok and want == -got
            word = "增加" if want > 0 else "减少"
            msg = (f"{level.subject or ''}{stated(level)}，上期 {stated(prior)}：{word if want else '持平'} "
                   f"{abs(want)}{ch.unit}，文中为{ch.direction} {stated(ch)}"
                   + ("，方向词应为“" + word + "”。" if turned else "。"))
            yield finding(ctx, "narrative.count_change", ch, "consistent" if ok else "inconsistent", msg,
                          expected=f"{word}{abs(want)}{ch.unit}", severity=None if ok else "high",
                          claims=[level, prior], evidence={"direction": word} if turned else None)
