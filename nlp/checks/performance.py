"""Performance indicators (绩效): target vs actual vs the claimed outcome, scores, grades.

A 绩效 paragraph reads "接通率目标值≥80%，实际完成值 62.83%，低于目标值" or "自评得分为 99.5 分，结果为“优”".
The claims stage gives the kinds (``target`` with its ``operator``, ``actual``, ``score``,
``grade``); this module pairs them and checks what the words after them assert:

- ``perf.target_outcome`` — an actual against its target and operator (≥ ≤ > < =) vs the
  outcome words (完成/达到/达标, 未完成/未达到, 超额完成) and comparison words (高于/低于/优于);
- ``perf.score_weight`` — a score is at most its weight ("总分 20 分，得分 20 分");
- ``perf.total_score`` — a total score equals the sum of its parts when the parts' weights make
  up the whole (Σ 分值 = 100), else the parts are an incomplete breakdown and nothing is said;
- ``perf.grade_band`` — the grade (优/良/中/差) matches the band of its score
  (优 ≥ 90, 良 80–90, 中 60–80, 差 < 60, on a 100-point scale).

Every figure is an interval (``99.5`` covers [99.45, 99.55]); a relation rounding can explain
holds. Pairs are only formed inside one indicator's paragraph (up to the next target or heading),
and a pair with no outcome words yields nothing: there is no claim to check.
"""

from __future__ import annotations

from decimal import Decimal
from functools import partial
from typing import Iterable

import regex

from ..interval import Interval, compare
from ..records import Claim, Finding
from ..rules.registry import RuleContext, rule
from .common import clause_before, finding, fmt, stated, text_between
from .context import heading_between, narrative_claims, sentences

# ---------------------------------------------------------------- targets and actuals

#: outcome words after an actual: what they assert about the target.
_NOT_MET = regex.compile(r"未(?:能)?(?:完成|达到|达标|实现)|没有(?:完成|达到|实现)|不达标|未达预期|难以达标")
_EXCEEDED = regex.compile(r"超额完成|超出目标|超过目标|超出预期|超过预期")
_MET = regex.compile(r"(?<![未没不超])(?:完成(?:了)?(?:年度)?(?:绩效)?(?:目标|预期|任务|指标)|指标完成情况良好|达到(?:了)?(?:年度)?(?:目标|预期|指标)|(?<!不)达标|实现(?:了)?(?:预期)?目标)")
#: comparison words: direction of actual vs target, whatever the operator.
_HIGHER = regex.compile(r"(?:高于|超过|大于|多于)(?:了)?(?:年初)?(?:目标|预期|指标)")
_LOWER = regex.compile(r"(?:低于|少于|小于)(?:了)?(?:年初)?(?:目标|预期|指标)")
_BETTER = regex.compile(r"优于(?:了)?(?:年初)?(?:目标|预期|指标)")
#: indicators whose smaller value is better (响应时间, 成本 …), when the target gives no operator.
_SMALLER_BETTER = regex.compile(r"时间|时长|时限|耗时|成本|费用|故障|投诉|差错|错误|事故|损失|天数|工作日|秒|分钟|小时|压减至")
_STOP = regex.compile(r"\n\s*(?:[(（]?\s*[一二三四五六七八九十\d]+\s*[)）、.．])")

_WINDOW = 600  # characters from a target to its actual (one indicator paragraph)
_OUTCOME_WINDOW = 70  # characters after the actual that may carry its outcome words


def _op(target: Claim, before: str = "") -> str | None:
    """The target's operator; without one, ≥ for a percentage of a good thing and ≤ for time/cost
    indicators (read from the words before the target), else None (direction unknown)."""
    op = target.operator
    if op:
        return {"≧": "≥", "≦": "≤", ">=": "≥", "<=": "≤"}.get(op, op)
    words = (target.subject or "") + before
    if _SMALLER_BETTER.search(words) or _SMALLER_BETTER.search(target.unit or ""):
        return "≤"
    if target.unit in ("%", "％"):
        return "≥"
    return None


def _relation(actual: Interval, target: Interval) -> str:
    """'eq' when the intervals overlap, else 'gt' or 'lt'."""
    if actual.overlaps(target):
        return "eq"
    return "gt" if actual.lo > target.hi else "lt"


def _met(rel: str, op: str) -> bool | None:
    """Does relation ``rel`` of actual to target satisfy the operator? None when undecidable."""
    if op in ("≥",):
        return rel in ("eq", "gt")
    if op in ("≤",):
        return rel in ("eq", "lt")
    if op == ">":
        return True if rel == "gt" else (False if rel == "lt" else None)
    if op == "<":
        return True if rel == "lt" else (False if rel == "gt" else None)
    if op == "=":
        return rel == "eq"
    return None


def _better(rel: str, op: str) -> bool | None:
    """Strictly better than the target (what 超额完成 / 优于 assert)."""
    if op in ("≥", ">"):
        return rel == "gt"
    if op in ("≤", "<"):
        return rel == "lt"
    return None


def kpi_pairs(ctx: RuleContext) -> list[tuple[Claim, Claim]]:
    """(target, actual) pairs: each target with the first later figure of the same unit in its
    indicator paragraph (not another target, not in the target's own clause)."""
    text = ctx.doc.text
    claims = sorted(narrative_claims(ctx), key=lambda c: c.start)
    out = []
    for i, t in enumerate(claims):
        if t.kind != "target" or t.value is None:
            continue
        for a in claims[i + 1:]:
            if a.start - t.end > _WINDOW:
                break
            gap = text[t.end:a.start]
            if _STOP.search(gap):
                break
            if a.kind == "target" and a.unit == t.unit:
                break
            if a.unit != t.unit or a.value is None:
                continue
            if a.kind not in ("actual", "percent", "count", "amount", "change", "completion_rate"):
                continue
            if not regex.search(r"[，,。;；]", gap):
                continue  # same clause as the target: a second target or a range, not the actual
            out.append((t, _stated_actual(text, claims, t, a)))
            break
    return out


def _stated_actual(text: str, claims: list[Claim], t: Claim, a: Claim) -> Claim:
    """``a``, or the figure the text calls the actual ("实际完成值 100%") further in the same
    paragraph when ``a`` is a plain figure ("均能 100% 接入 … 实际完成值 100%，完成目标值")."""
    if a.kind == "actual":
        return a
    for b in claims:
        if b.start <= a.end:
            continue
        if b.start - t.end > _WINDOW or _STOP.search(text[t.end:b.start]) or (b.kind == "target" and b.unit == t.unit):
            break
        if b.kind == "actual" and b.unit == t.unit and b.value is not None:
            return b
    return a


def _outcome_text(text: str, actual: Claim, claims: list[Claim]) -> str:
    """The words after the actual up to the next figure (at most one short stretch)."""
    end = min(len(text), actual.end + _OUTCOME_WINDOW)
    for c in claims:
        if c.start >= actual.end and c.start < end:
            end = c.start
            break
    seg = text[actual.end:end]
    m = _STOP.search(seg)
    if m:
        seg = seg[:m.start()]
    return regex.sub(r"\s+", "", seg)


_SUM_UP = regex.compile(r"^\s*(?:但|但是|可见|综上)[，,]?")


def _summing_up(text: str, actual: Claim) -> str:
    """The next sentence when it sums the indicator up and names the actual's subject ("…实际每月节省
    6.5 万元，租用短信平台…168.504 万元。但互联网专线每月节省费用少于预期值"), else ""."""
    end = text.find("。", actual.end)
    if end < 0:
        return ""
    nxt_end = text.find("。", end + 1)
    nxt = text[end + 1:nxt_end if nxt_end > 0 else len(text)]
    if not _SUM_UP.search(nxt) or _STOP.search(nxt):
        return ""
    subject = regex.sub(r"[^\p{Han}]", "", clause_before(text, actual.start))
    nxt_han = regex.sub(r"[^\p{Han}]", "", nxt)
    if not any(subject[i:i + 5] in nxt_han for i in range(max(0, len(subject) - 4))):
        return ""
    return regex.sub(r"\s+", "", nxt)


def _say(said: list[str], problems: list[str], words: str, wrong: bool, problem: str) -> None:
    """Record outcome ``words`` the text uses, and ``problem`` when the figures contradict them."""
    said.append(words)
    if wrong:
        problems.append(problem)


@rule("perf.target_outcome", scope="narrative",
      doc="绩效指标：实际值按目标值及其运算符（≥ ≤ > < =）判断是否完成，与文中“完成/未完成/超额完成/高于/低于”一致")
def check_target_outcome(ctx: RuleContext) -> Iterable[Finding]:
    text = ctx.doc.text
    claims = sorted(narrative_claims(ctx), key=lambda c: c.start)
    for t, a in kpi_pairs(ctx):
        words = _outcome_text(text, a, claims)
        if not any(p.search(words) for p in (_NOT_MET, _EXCEEDED, _MET, _HIGHER, _LOWER, _BETTER)):
            words = _summing_up(text, a)
        tv, av = Interval.of(t.value), Interval.of(a.value)
        rel = _relation(av, tv)
        before = text[max(0, t.start - 60):t.start]
        heads = list(_STOP.finditer(before))
        op = _op(t, before[heads[-1].start():] if heads else before)  # not the previous indicator's words
        said = []
        problems = []
        rel_word = {"eq": "等于", "gt": "高于", "lt": "低于"}[rel]
        better, met = (_better(rel, op), _met(rel, op)) if op else (None, None)
        say = partial(_say, said, problems)
        # comparison words: direction only
        if _HIGHER.search(words):
            say("高于目标", rel == "lt", "文中称高于目标，而实际值低于目标值")
        if _LOWER.search(words):
            say("低于目标", rel == "gt", "文中称低于目标，而实际值高于目标值")
        if _BETTER.search(words):
            say("优于目标", better is False, f"文中称优于目标，而按“{op}”实际值并未优于目标值")
        if _EXCEEDED.search(words):
            say("超额完成", better is False, f"文中称超额完成，而按“{op}”实际值未超过目标值")
        elif _NOT_MET.search(words):
            say("未完成", met is True, f"文中称未完成，而按“{op}”实际值已达到目标值")
        elif _MET.search(words):
            say("完成", met is False, f"文中称完成，而按“{op}”实际值未达到目标值")  # no operator: never False
        if not said:
            continue
        decided = op is not None or rel == "eq" or any(s in ("高于目标", "低于目标") for s in said)
        where = f"目标值 {t.operator or ''}{stated(t)}（第 {t.line} 行），实际值 {stated(a)}（第 {a.line} 行）"
        ev = {"operator": op, "operator_stated": t.operator, "relation": rel, "outcome_words": said}
        if problems:
            yield finding(ctx, "perf.target_outcome", a, "inconsistent",
                          f"{where}：实际值{rel_word}目标值；" + "；".join(problems) + "。",
                          expected=f"实际{rel_word}目标", evidence=ev, severity="medium", claims=[t])
        elif decided:
            yield finding(ctx, "perf.target_outcome", a, "consistent",
                          f"{where}：实际值{rel_word}目标值，与文中“{'、'.join(said)}”相符。",
                          evidence=ev, claims=[t])
        else:
            yield finding(ctx, "perf.target_outcome", a, "unverifiable",
                          f"{where}：目标值未写明方向（≥/≤），无法判断是否完成。",
                          evidence={**ev, "reason": "目标方向不明"}, claims=[t])


# ---------------------------------------------------------------- scores

# 总分 is a weight ("总分 20 分，得分 20 分") unless a score's own words come first ("自评总分 91.36 分")
_SCORED_TOTAL = r"(?:自评|综合|评价|考核|最终|实际)"
_WEIGHT_CUE = regex.compile(rf"(?:(?<!{_SCORED_TOTAL})总分|分值|满分|权重|标准分)(?:为|是|共|:|：)?$")
_TOTAL_CUE = regex.compile(rf"(?:自评|综合|评价|最终|总|整体)[^，,。;；]{{0,12}}得分|总得分|得分(?:合计|总计)|{_SCORED_TOTAL}总分")
_BRACKET_WEIGHT = regex.compile(r"\s*[（(]\s*(?:分值|满分|权重|标准分)")
HUNDRED = Decimal(100)


def _is_weight(text: str, c: Claim) -> bool:
    return bool(_WEIGHT_CUE.search(clause_before(text, c.start, 20)))


def score_pairs(ctx: RuleContext) -> list[tuple[Claim, Claim]]:
    """(weight, score) pairs within a sentence: "总分 20 分，得分 20 分" / "分值 10 分，得分 9 分"."""
    text = ctx.doc.text
    out = []
    for s in sentences(ctx):
        scores = [c for c in s.claims if c.kind == "score" and c.value is not None]
        bracketed = set()  # "得分 9.5 分（分值 10 分）": the weight in brackets is the score's before it
        for sc, w in zip(scores, scores[1:]):
            if not _is_weight(text, sc) and _BRACKET_WEIGHT.match(text_between(text, sc.end, w.start)) \
                    and _is_weight(text, w):
                out.append((w, sc))
                bracketed.add(id(w))
        for w, sc in zip(scores, scores[1:]):
            if id(w) in bracketed:
                continue
            if _is_weight(text, w) and not _is_weight(text, sc) and "得分" in text_between(text, w.end, sc.start) + clause_before(text, sc.start, 20):
                out.append((w, sc))
    return out


@rule("perf.score_weight", scope="narrative", doc="绩效得分不超过该项分值（总分/分值/权重）")
def check_score_weight(ctx: RuleContext) -> Iterable[Finding]:
    for w, sc in score_pairs(ctx):
        v = Interval.of(sc.value)
        ok = v.lo <= Interval.of(w.value).hi
        yield finding(ctx, "perf.score_weight", sc, "consistent" if ok else "inconsistent",
                      f"得分 {stated(sc)}（第 {sc.line} 行）{'不超过' if ok else '超过'}分值 {stated(w)}。",
                      expected=f"≤{w.value}", evidence={"weight": str(w.value)},
                      severity=None if ok else "medium", claims=[w])


def _total_scores(ctx: RuleContext) -> list[Claim]:
    text = ctx.doc.text
    out = []
    for s in sentences(ctx):
        for c in s.claims:
            if c.kind == "score" and c.value is not None and not _is_weight(text, c):
                if _TOTAL_CUE.search(clause_before(text, c.start, 30)) and Decimal(0) < c.value <= HUNDRED:
                    out.append(c)
    return out


#: the weight of 预算执行率 in the national 项目支出绩效自评表 (the other indicators share the other 90)
EXECUTION_WEIGHT = Decimal(10)
_EXECUTION = regex.compile(r"预算执行|执行率|资金执行")


def _execution_score(ctx: RuleContext, tot: Claim, parts: list, taken: set) -> tuple[Claim, Claim] | None:
    """"一、预算执行情况：…执行率92.51%，该项得分9.21分。二、产出指标：…得分15分（分值15分）…" — the one
    score with no weight in the sentence of the first (分值, 得分) pair or the one before it, on budget
    execution, paired with the template's weight of 10 (a stand-in weight claim)."""
    text = ctx.doc.text
    first = min(min(w.start, sc.start) for w, sc in parts)
    sents = sentences(ctx)
    k = next((i for i, s in enumerate(sents) if s.start <= first < s.end), None)
    if k is None:
        return None
    found = [c for s in sents[max(0, k - 1):k + 1] if _EXECUTION.search(text, s.start, s.end)
             for c in s.claims if c.kind == "score" and c.value is not None and id(c) not in taken
             and c.start < first and not _is_weight(text, c)]
    if len(found) != 1 or not Decimal(0) <= found[0].value <= EXECUTION_WEIGHT:
        return None
    sc = found[0]
    weight = Claim(doc=sc.doc, line=sc.line, start=sc.start, end=sc.start, text="", sentence=sc.sentence,
                   kind="score", value=EXECUTION_WEIGHT, unit="分")
    return weight, sc


@rule("perf.total_score", scope="narrative",
      doc="总得分 = Σ 各部分得分（各部分分值合计为 100 时才构成完整分解）")
def check_total_score(ctx: RuleContext) -> Iterable[Finding]:
    pairs = score_pairs(ctx)
    totals = _total_scores(ctx)
    used = {id(sc) for _, sc in pairs}
    for i, tot in enumerate(totals):
        if id(tot) in used:
            continue
        nxt = next((t.start for t in totals[i + 1:] if id(t) not in used and t.start > tot.start), None)
        parts = [(w, sc) for w, sc in pairs if sc.start > tot.start and (nxt is None or sc.start < nxt)]
        if not parts:  # "…预算执行率分值10分，得分9.6分。自评总分96.1分": the parts stated before the total
            prev = max((t.end for t in totals[:i] if id(t) not in used), default=-1)
            parts = [(w, sc) for w, sc in pairs if prev < w.start and sc.end <= tot.start
                     and not heading_between(ctx, w.start, tot.start)]
        if not parts:
            continue
        wsum = sum((Interval.of(w.value) for w, _ in parts[1:]), Interval.of(parts[0][0].value))
        if not wsum.contains(HUNDRED):
            execution = _execution_score(ctx, tot, parts, used | {id(t) for t in totals})
            if execution is None or not (wsum + Interval.exact(EXECUTION_WEIGHT)).contains(HUNDRED):
                continue  # not a complete breakdown of a 100-point total: nothing to add up
            parts = sorted([execution, *parts], key=lambda p: p[1].start)
        # scores are awarded at one precision: "得分48分 … 27.5分 … 9.6分" — 48 is 48.0, not 47.5–48.5
        q = Decimal(1).scaleb(min(c.value.as_tuple().exponent for c in [tot, *(sc for _, sc in parts)]))
        ssum = sum((Interval.of(sc.value.quantize(q)) for _, sc in parts[1:]), Interval.of(parts[0][1].value.quantize(q)))
        v = compare(tot.value, ssum)
        listed = " + ".join(str(sc.value) for _, sc in parts)
        yield finding(ctx, "perf.total_score", tot, v,
                      f"总得分 {stated(tot)}（第 {tot.line} 行）；各部分得分 {listed} = {fmt(ssum.mid, 2)} 分"
                      f"（分值合计 100 分）。",
                      expected=f"{fmt(ssum.mid, 2)}分", evidence={"parts": [str(sc.value) for _, sc in parts]},
                      severity="medium" if v == "inconsistent" else None,
                      claims=[c for p in parts for c in p if c.text])  # not the stand-in weight


#: grade → [lo, hi) on a 100-point scale; 优 includes 100.
BANDS = {"优": (Decimal(90), Decimal(101)), "良": (Decimal(80), Decimal(90)),
         "中": (Decimal(60), Decimal(80)), "差": (Decimal(0), Decimal(60))}
_GRADE_WORD = {"优秀": "优", "良好": "良", "中等": "中", "较差": "差", "优": "优", "良": "良", "中": "中", "差": "差"}


def band_of(score: Decimal) -> str:
    for g, (lo, hi) in BANDS.items():
        if lo <= score < hi:
            return g
    return "差"


def _grade(c: Claim) -> str | None:
    g = (c.extra or {}).get("grade") or c.text or ""
    g = regex.sub(r"[\s\"“”'‘’]", "", g)
    return _GRADE_WORD.get(g) or _GRADE_WORD.get(g[:1])


@rule("perf.grade_band", scope="narrative", doc="绩效等级与得分所在区间一致（优 ≥90，良 80–90，中 60–80，差 <60）")
def check_grade_band(ctx: RuleContext) -> Iterable[Finding]:
    text = ctx.doc.text
    sents = sentences(ctx)
    for k, s in enumerate(sents):
        for g in (c for c in s.claims if c.kind == "grade"):
            grade = _grade(g)
            if grade is None:
                continue
            # the score of the same sentence, else of the neighbouring sentence (closest first)
            cands = [c for c in s.claims if c.kind == "score" and c.value is not None and not _is_weight(text, c)]
            if not cands:
                for j in (k - 1, k + 1):
                    if 0 <= j < len(sents) and abs(sents[j].start - s.start) < 400:
                        cands += [c for c in sents[j].claims if c.kind == "score" and c.value is not None
                                  and not _is_weight(text, c)]
            if not cands:
                continue
            # a total score ("自评总分 97.5 分，其中…满意度指标得分 10 分，自评等级为优") before the nearest item score
            totals = [c for c in cands if _TOTAL_CUE.search(clause_before(text, c.start, 30))]
            sc = min(totals or cands, key=lambda c: abs(c.start - g.start))
            if sc.value > HUNDRED:
                continue
            iv = Interval.of(sc.value)
            lo, hi = BANDS[grade]
            ok = iv.hi >= lo and iv.lo < hi
            yield finding(ctx, "perf.grade_band", g, "consistent" if ok else "inconsistent",
                          f"等级“{grade}”（第 {g.line} 行），得分 {stated(sc)}（第 {sc.line} 行）"
                          f"{'在' if ok else '不在'}该等级区间 [{lo}, {min(hi, HUNDRED)}{']' if grade == '优' else ')'}；"
                          f"按得分应为“{band_of(sc.value)}”。",
                          expected=band_of(sc.value), evidence={"score": str(sc.value), "band": [str(lo), str(hi)]},
                          severity=None if ok else "medium", claims=[sc])
