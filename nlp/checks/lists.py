"""Lists in a sentence: parts vs the stated total, 其中 ≤ whole, ranked lists in order, and the
words 大于/小于/等于 comparing 决算 with 预算 or 上年.

"政府采购支出总额 33,434.66 万元，其中：货物 120.38 万元、工程 41.36 万元、服务 33,272.92 万元" must add up;
a 其中 list may be partial ("其中 A、B" of a longer list), so a shortfall is only an error for
breakdowns known to be complete (政府采购 货物/工程/服务, 三公 items, 人员/公用经费) — otherwise it is
``unverifiable``; a list that exceeds its total is always wrong. A second 其中 or a parenthesis
opens a sub-list of the part before it; sub-lists are resolved by arithmetic, and when they cannot
be resolved the list is ``unverifiable`` rather than guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable

import regex

from ..interval import Interval, compare, shown_equal
from ..records import Claim, Finding
from ..resources import read_lexicon_lines
from ..claims.lexicon import cues
from ..rules.registry import RuleContext, rule
from .common import MONEY_FACTOR, clause_before, finding, fmt_iv, is_money, stated, text_between
from .context import heading_between, sentence_index, sentence_of, sentences, statement_of
from .list_slips import digit_slip, mistyped, quantity, quantity_sum, shift_slip
from .statements import compatible_subjects, garbled, in_reason, subject_core

_TRIGGER = regex.compile(r"其中\s*[:：,，]?|(?:主要)?包括\s*[:：]?|分别为\s*[:：]?|分别是\s*[:：]?|构成(?:情况)?为\s*[:：]?"
                         r"|(?:主要)?用于以下(?:几个)?方面\s*[:：]")


def complete_breakdowns() -> list[tuple[tuple[str, ...], "regex.Pattern | None", "regex.Pattern | None"]]:
    """(keys, total pattern, whole pattern) of every breakdown of lexicons/complete_breakdowns.tsv."""
    out = []
    for ln in read_lexicon_lines("complete_breakdowns.tsv"):
        if ln.startswith("@"):
            continue
        keys, total, whole = (ln.split("\t") + ["", ""])[:3]
        out.append((tuple(k.strip() for k in keys.split(",") if k.strip()),
                    regex.compile(total.strip()) if total.strip() else None,
                    regex.compile(whole.strip()) if whole.strip() else None))
    return out


_COMPLETE = [(keys, total) for keys, total, _ in complete_breakdowns()]
_REMAINDER = next((regex.compile(ln.partition("\t")[2].strip()) for ln in read_lexicon_lines("complete_breakdowns.tsv")
                   if ln.startswith("@remainder")), None)
_RANK = regex.compile(r"前\s*([一二三四五六七八九十两\d]+)\s*(?:名|位|项)|排名前|依次为|从高到低")
_COMPARE_WORDS = (r"(?:决算数?|支出决算数?|实际支出数?)\s*(大于|小于|等于|高于|低于|超过|少于|多于)\s*"
                  r"(上年决算数?|上年度?决算数?|年初预算数?|全年预算数?|预算数?)")
# a PDF line may break inside the phrase ("决算数小于预\n算数的主要原因")
_COMPARE = regex.compile(regex.sub(r"(\p{Han}\??)(?=\p{Han})", r"\1\\s*", _COMPARE_WORDS))


_COUNT_UNITS = ("个", "辆", "人", "次", "人次", "台（套）", "台(套)", "台", "家", "项", "场", "件")


@dataclass
class Item:
    claim: Claim
    depth: int


def bracket_depth(text: str, start: int, pos: int) -> int:
    """Brackets open at ``pos`` counted from ``start``."""
    seg = text[start:pos]
    return seg.count("(") + seg.count("（") - seg.count(")") - seg.count("）")


def _unit_kind(c: Claim) -> str | None:
    if is_money(c):
        return "money"
    if c.kind == "count" and c.value is not None:
        return "count:" + (c.unit or "")
    if is_measure(c):
        return "measure:" + (c.unit or "")
    return None


def is_measure(c: Claim) -> bool:
    """An area, length, weight … stated as an amount ("房屋 18,436.52 平方米"): it adds up like money."""
    return c.kind == "amount" and c.value is not None and cues().units.get(c.unit or "") == "measure"


_USES = regex.compile(r"用于")
_CLAUSE_BREAK = regex.compile(r"[，;；。:：]|(?<!\d),|,(?!\d{3}(?!\d))")


def _in_use(text: str, pos: int, limit: int = 80) -> bool:
    """The figure at ``pos`` is inside a 用于 clause — after 用于 with no clause break between (items joined by
    、 and thousands separators stay inside): "主要用于小学教育 2,418.75 万元、初中教育 1,652.30 万元". A list
    opened by "主要用于以下方面：" starts after its colon; "…，主要用于…建设，调出资金 103 万元" is out of it."""
    lo = max(0, pos - limit)
    k = max((m.end() for m in _USES.finditer(text, lo, pos)), default=-1)
    return k >= 0 and _CLAUSE_BREAK.search(text, k, pos) is None


_PER_UNIT = regex.compile(r"人均|平均|每人|每次|每批|每辆|单价|单车|单位成本|标准")


def _items(ctx: RuleContext, sent, after: int, kind: str, role: str = "level") -> list[Item]:
    """The figures of ``kind`` after ``after`` in the sentence; money only as levels of ``role`` (the
    total's: "“三公”经费支出预算为 79 万元。其中：因公出国（境）费支出预算为 0 万元，…" lists budgets)."""
    text = ctx.doc.text
    out = []
    levels = {id(st.level) for st in sent.statements if st.level is not None and st.role in ("level", role)}
    for c in sent.claims:
        if c.start <= after or _unit_kind(c) != kind:
            continue
        if kind == "money" and (id(c) not in levels or _PER_UNIT.search(c.subject or "")):
            continue  # "…共接待 46 批次、318 人次，人均接待费用 309.12 元": a rate per head is no part
        if _in_use(text, c.start):
            continue  # "教育支出 4,457.45 万元，…主要用于小学教育 2,418.75 万元、初中教育 1,652.30 万元；": what a part pays for
        if kind.startswith("measure") and (_PER_UNIT.search(c.subject or "") or in_reason(text, c)):
            continue
        if kind.startswith("count") and (c.kind != "count" or in_reason(text, c)):
            continue
        out.append(Item(c, bracket_depth(text, sent.start, c.start)))
    return out


def _resolve(items: list[Item], text: str) -> tuple[list[Claim], bool] | None:
    """Top-level parts of a list; sub-lists (a nested 其中 or a parenthesis) are folded into the part
    they detail. Returns (parts, resolved) or None when a sub-list cannot be matched by arithmetic."""
    if not items:
        return [], True
    base = items[0].depth
    top: list[Claim] = []
    i = 0
    while i < len(items):
        it = items[i]
        if it.depth > base:
            i += 1  # inside a parenthesis: details the part before it
            continue
        top.append(it.claim)
        j = i + 1
        gap = text[it.claim.end:items[j].claim.start] if j < len(items) else ""
        trig = _TRIGGER.search(gap)
        # "人员经费 2152.26 万元，主要包括：基本工资、…；公用经费 184.65 万元": a 包括 of names closed by ； opens no sub-list
        nested = j < len(items) and items[j].depth == base and trig is not None and not regex.search(
            r"[;；]", gap[trig.end():])
        if nested:
            acc = Interval.exact(Decimal(0))
            target = quantity(it.claim)
            k = j
            while k < len(items) and items[k].depth == base:
                acc = acc + quantity(items[k].claim)
                k += 1
                if acc.overlaps(Interval(target.lo - Decimal("0.0101"), target.hi + Decimal("0.0101"))):
                    break
            else:
                return None
            i = k
            continue
        i = j
    return top, True


def _lists(ctx: RuleContext) -> list[tuple[Claim, list[Claim] | None, str, object]]:
    """(total, parts, trigger words, sentence) for each list the narrative states: after a trigger
    word (其中/包括/分别为 …), and in brackets right after a figure when they hold every item of a
    breakdown known complete. Read once per run: five rules use them."""
    cache = ctx.extra.setdefault("_checks", {})
    if "lists" not in cache:
        cache["lists"] = [*_trigger_lists(ctx), *_bracket_lists(ctx)]
    return cache["lists"]


_OPEN = regex.compile(r"\s*[（(]")


def _bracket_lists(ctx: RuleContext) -> Iterable[tuple[Claim, list[Claim], str, object]]:
    """"公务用车购置及运行费 20.40 万元（公务用车购置费 0 万元，比上年增加 0 万元；公务用车运行维护费 20.40 万元，
    比上年增加 0 万元。）": a bracket with no trigger word opened right after a level is its list when
    the levels directly inside name every item of a breakdown known complete."""
    text = ctx.doc.text
    for sent in sentences(ctx):
        levels = {id(st.level) for st in sent.statements if st.level is not None and st.role == "level"}
        for total in sent.claims:
            if id(total) not in levels or not is_money(total):
                continue
            m = _OPEN.match(text, total.end)
            if m is None or _TRIGGER.match(text, m.end()):
                continue  # "（其中：…）" is a trigger list
            depth = bracket_depth(text, sent.start, m.end())
            items = [it for it in _inside(_items(ctx, sent, m.end() - 1, "money"), depth) if it.depth == depth]
            parts = [it.claim for it in items]
            if len(parts) >= 2 and _complete(parts, total):
                yield total, parts, m.group(0).strip(), sent


def _trigger_lists(ctx: RuleContext) -> Iterable[tuple[Claim, list[Claim], str, object]]:
    text = ctx.doc.text
    sents = sentences(ctx)
    for idx, sent in enumerate(sents):
        named = _NAMED.match(text, sent.start, sent.end)
        opens = ([named] if named else []) + list(_TRIGGER.finditer(text, sent.start, sent.end))
        for m in opens:
            before = [c for c in sent.claims if c.end <= m.start() and (_unit_kind(c) or _count_change(c))]
            total = None
            clause_list = False
            via_change = False
            if regex.match(r"\s*(?:无|没有)", text[m.end():m.end() + 4]):
                continue  # "包括：无"
            if m is named:
                total = _named_total(ctx, sents, idx, named.group("name"))
                if total is None or _TRIGGER.match(text, m.end()):
                    continue  # "基本支出中，其中：…" is read at its trigger
            elif before:
                last = before[-1]
                cand = _level_of_change(sent, last, text, m.end())
                if garbled(text, cand) or bracket_depth(text, sent.start, cand.start) > bracket_depth(text, sent.start, m.start()):
                    continue  # "854万（…畅通工程159万元）\n其中：": the last figure closed in brackets is not the total
                gap = _own_gap(text, sent, last, m.start())
                if regex.search(r"[；;。]\s*\p{Han}", gap):
                    continue  # "…收入 52,341.07 万元；支出包括：…": a new subject opens its own list
                if cand is not last:  # the change's own rate words ("，同比增长 28.46%，") are no gap either
                    gap = _RATE_WORDS.sub("", gap)
                if len(gap) <= 3:
                    total = cand
                    via_change = cand is not last
                    # after "X 万元，占 Y%，" the list is the clause's own: it ends at the next ;
                    clause_list = cand is last and len(regex.sub(r"\s+", "", text[cand.end:m.start()])) > 3
            elif idx > 0 and len(regex.sub(r"\s+", "", text[sent.start:m.start()])) <= 6:
                total = _earlier_total(ctx, sents, idx)
                if total is None:
                    total = _earlier_total(ctx, sents, idx, complete_only=True)
                    via_change = total is not None  # kept only for a breakdown known complete
            if total is None or (total.kind == "amount" and clause_before(text, total.start).startswith("涉及")):
                continue
            if total.kind not in ("amount", "count"):
                continue  # "减少 2 万元，其中：购置费 0 万元、运行费 12 万元": the parts are levels, not changes
            kind = _unit_kind(total)
            stop = regex.compile(r"[;；。]").search(text, m.end(), sent.end)
            head = [c for c in sent.claims if m.end() <= c.start < (stop.start() if stop else sent.end)
                    and _unit_kind(c)]
            if head and all(_unit_kind(c) != kind for c in head):
                # "接待 8 批次、58 人次，其中：检查指导 6 批次，…": the list counts the measure stated just before
                other = _paired_total(text, sent, before, total, _unit_kind(head[0]), m.start())
                if other is None:
                    continue  # "公务接待费 201.25 万元，其中：国内公务接待 4032 批次，33409 人次；": another measure
                total, kind = other, _unit_kind(other)
            st = statement_of(ctx, total)
            items = _items(ctx, sent, m.end() - 1, kind, st.role if st is not None else "level")
            depth = bracket_depth(text, sent.start, m.start())
            items = _inside(items, depth)
            items = _until_end(items, text)
            items = _before_run_on(items, text)
            items = _before_restated(items, text)
            items = _before_new_list(items, text)
            items = _before_sibling(items, total)
            if clause_list:
                stop = regex.compile(r"[;；。]").search(text, m.end(), sent.end)
                items = [it for it in items if stop is None or it.claim.start < stop.start()]
            res = _resolve(items, text) if not _nested_by_name(items, text) else None
            parts = _prefix_total(res[0], total, text) if res else None
            if via_change and not (parts and (_complete(parts, total, _total_words(ctx, total, None))
                                              or _near_level(total, parts))):
                continue  # after a change, only a breakdown known complete, or one adding up to about the level, is its list
            yield total, parts, m.group(0), sent


_RATE_WORDS = regex.compile(r"(?:同比|比上年|较上年)?(?:增长|下降|增加|减少|上升|降低|增|减)(?:幅度|率)?为?")


def _near_level(total: Claim, parts: list[Claim]) -> bool:
    """Money parts adding up to within 5% of the level ("预算合计 100.50 万元，比上年预算减少 0.35 万元，…，
    其中会议费 18.50 万元，培训费 48.60 万元，差旅费 35.20 万元"): they detail the level, not its change,
    and a slip among them is worth reporting; a run into the next subject's figures does not add up so."""
    if len(parts) < 2 or not all(is_money(p) for p in parts) or not total.value:
        return False
    s = sum((quantity(p).mid for p in parts), Decimal(0))
    t = quantity(total).mid
    return bool(t) and abs(s - t) <= t * Decimal("0.05")


def _paired_total(text: str, sent, before: list[Claim], total: Claim, kind: str | None, pos: int) -> Claim | None:
    """The figure of ``kind`` stated with the total in one run ("8 批次、58 人次，其中："), or None."""
    if kind is None or total.kind != "count":
        return None
    cand = next((c for c in reversed(before) if _unit_kind(c) == kind), None)
    if cand is None:
        return None
    gap = text[cand.end:pos]
    for c in sent.claims:
        if cand.end <= c.start and c.end <= pos:
            gap = gap.replace(text[c.start:c.end], "")
    return cand if len(regex.sub(r"\s+", "", gap)) <= 3 else None


def _level_of_change(sent, cand: Claim, text: str, after: int) -> Claim:
    """The figure a list details: the last one before the trigger, or — when that is the change of a
    level ("公务用车运行维护及购置费 325000 元，比上年预算增 72000 元，同比增长 28.46%，其中：购置费 0 元，…；
    运行维护费 325000 元，…") and the list opens with a level, not a change — that level."""
    if cand.kind != "change":
        return cand
    if not is_money(cand):
        return _count_level(sent, cand, text, after)
    st = next((st for st in sent.statements if any(ch.change is cand for ch in st.changes)), None)
    if st is None or st.level is None or st.role != "level" or not is_money(st.level):
        return cand
    levels = {id(x.level) for x in sent.statements if x.level is not None}
    first = next((c for c in sent.claims if c.start >= after and _unit_kind(c)), None)
    return st.level if first is not None and id(first) in levels else cand


def _count_change(c: Claim) -> bool:
    return c.kind == "change" and not is_money(c) and c.value is not None and c.unit in _COUNT_UNITS


def _count_level(sent, change: Claim, text: str, after: int) -> Claim:
    """"共有车辆 23 辆，比上年末的 26 辆增加了 3 辆，其中：一般公务用车 3 辆、…": the count a count's change is
    of — the last count of its unit before the change that is not the earlier period's ("比上年末的 26 辆"),
    when the list opens with counts of that unit; else the change itself."""
    before = [c for c in sent.claims if c.kind == "count" and c.unit == change.unit and c.end <= change.start
              and not regex.search(r"(?:比|较|与|同)", clause_before(text, c.start))]
    first = next((c for c in sent.claims if c.start >= after and _unit_kind(c)), None)
    if not before or first is None or first.kind != "count" or first.unit != change.unit:
        return change
    return before[-1]


_IN_PART = regex.compile(r"在([^,，;；。、]{2,12}?)(?:中|之中|里)")


def _nested_by_name(items: list[Item], text: str) -> bool:
    """A part said to be inside an earlier one ("其中教育支出超3095亿元，高等教育在教育支出中占比最大，
    超2827亿元") details it: the list's levels are not known."""
    for a, b in zip(items, items[1:]):
        for m in _IN_PART.finditer(text[a.claim.end:b.claim.start]):
            if any(m.group(1) in (it.claim.subject or "") for it in items[:items.index(b)]):
                return True
    return False


def _inside(items: list[Item], depth: int) -> list[Item]:
    """A list opened inside brackets ends where they close ("35.99亿元（其中，购置费4亿元，运行维护费
    31.99亿元），减少5.28亿元；公务接待费6.61亿元": 公务接待费 is not a part)."""
    out = []
    for it in items:
        if it.depth < depth:
            break
        out.append(it)
    return out


_RESTATED = regex.compile(r"(?:共计|合计|总计)[^,，;；。、]{0,8}$")


def _before_restated(items: list[Item], text: str) -> list[Item]:
    """The list ends before an amount its clause calls a total ("…县财政资金30.9万元，共计下达61.8万元",
    "…基金调入103万元，收入合计为6449万元"): a restated or new total is not a part."""
    out = []
    for it in items:
        if out and _RESTATED.search(clause_before(text, it.claim.start)):
            break
        out.append(it)
    return out


def _before_new_list(items: list[Item], text: str) -> list[Item]:
    """The list ends before an amount after ；/; that opens a list of its own ("全年实际收入…，其中
    财政拨款收入…；全年实际支出1595.59万元，其中基本支出…": 实际支出 is a new total, not a part)."""
    for k in range(1, len(items)):
        a, b = items[k - 1].claim, items[k].claim
        last = k + 1 == len(items)
        after = text[b.end:items[k + 1].claim.start] if not last else text[b.end:b.end + 12]
        m = _TRIGGER.search(after)
        if last and m is not None and not regex.search(r"\d", text[b.end + m.end():b.end + m.end() + 30]):
            m = None  # "…；公用经费 512.38 万元，主要包括办公费、印刷费…": what it covers, not a list of figures
        if regex.search(r"[;；]", text[a.end:b.start]) and m is not None:
            return items[:k]
    return items


def _siblings() -> list[tuple["regex.Pattern[str]", "regex.Pattern[str]"]]:
    out = []
    for ln in read_lexicon_lines("list_siblings.tsv"):
        item, _, total = ln.partition("\t")
        out.append((regex.compile(item.strip()), regex.compile(total.strip())))
    return out


_SIBLINGS = _siblings()


def _before_sibling(items: list[Item], total: Claim) -> list[Item]:
    """A list ends before an item that is its total's sibling (lexicons/list_siblings.tsv: 年初结转和结余
    after 本年收入合计's sources)."""
    pats = [item for item, tot in _SIBLINGS if tot.search(regex.sub(r"\s+", "", total.subject or ""))]
    for i, it in enumerate(items):
        if any(p.search(it.claim.subject or "") for p in pats):
            return items[:i]
    return items


def _prefix_total(parts: list[Claim], total: Claim, text: str) -> list[Claim]:
    """When the first parts already add up to the total, the figures after them are not parts
    ("中央资金1372.7万元，地方资金98.6万元，其他资金859.6万元2023年支出2310.4万元…", "中央财政资金30.9万元，
    县财政配套资金30.9万元，2021年度中央下达资金61.8万元"). The figure after the prefix must also look
    like the start of something else: after ；/。, glued on with no punctuation, or equal to the total
    itself. A changed part or total leaves no such prefix, so a wrong figure is still reported."""
    if len(parts) < 3:
        return parts
    whole = _complete(parts, total)
    t = quantity(total)
    scale = 1 / (MONEY_FACTOR[total.unit] if is_money(total) else Decimal(1))
    acc = Interval.exact(Decimal(0))
    for k, p in enumerate(parts[:-1]):
        acc = acc + quantity(p)
        nxt = parts[k + 1]
        gap = text[p.end:nxt.start]
        boundary = bool(regex.search(r"[;；。]", gap)) or not regex.search(r"[,，、:：(（)）]", gap) \
            or compare(total.value, quantity(nxt) * scale) == "consistent"
        if k >= 1 and boundary and compare(total.value, acc * scale) == "consistent" \
                and all(quantity(q).hi > 0 for q in parts[k + 1:]) \
                and not (whole and not _complete(parts[:k + 1], total)):
            # (a known-complete breakdown — 三公: 出国, 接待, 用车 — is not cut short of its items)
            return parts[:k + 1]
        if acc.lo > t.hi:
            break
    return parts


def _own_gap(text: str, sent, cand: Claim, pos: int) -> str:
    """The words between a total and its list trigger, without the total's own share or change
    ("共支出 0.56 万元，占会议费 47.46%，其中…": the share belongs to the total)."""
    gap = text[cand.end:pos]
    for c in sent.claims:
        if cand.end <= c.start and c.end <= pos and c.kind in ("share", "growth_rate", "not_comparable"):
            gap = gap.replace(text[c.start:c.end], "")
    gap = regex.sub(r"\s+", "", gap)
    return regex.sub(r"占[^,，;；。:：]{0,12}(?=[,，])", "", gap)


# a sentence opening with the name of a total stated before: "基本支出中，人员经费 3,268.45 万元，…；公用经费 512.38 万元"
_NAMED = regex.compile(r"\s*(?P<name>[^\d\s，,。；;：:（()）“”、]{2,12}?)(?:之)?中\s*[，,：:]")


def _named_total(ctx: RuleContext, sents, idx: int, name: str) -> Claim | None:
    """The one money level of the three sentences before (no heading between) whose subject ends with
    ``name``: the total a sentence opening "基本支出中，…" breaks down."""
    for back in range(1, 4):
        if idx - back < 0 or heading_between(ctx, sents[idx - back].start, sents[idx].start):
            return None
        hits = [st.level for st in sents[idx - back].statements if st.level is not None and is_money(st.level)
                and st.role == "level" and subject_core(st.level.subject).endswith(name)]
        if hits:
            return hits[0] if len(hits) == 1 else None
    return None


def _earlier_total(ctx: RuleContext, sents, idx: int, complete_only: bool = False) -> Claim | None:
    """The one amount of the one or two sentences before a sentence that opens with its list
    ("因公出国（境）费支出 0 万元。全年…0 人次。开支内容包括：(1)…"), no heading between."""
    for back in (1, 2):
        if idx - back < 0:
            return None
        prev = sents[idx - back]
        if sents[idx].start - prev.end > 200 or heading_between(ctx, prev.start, sents[idx].start):
            return None
        # a budget has its breakdown too ("…补助经费预算 10441 万元。其中，中央转移支付资金 8353 万元…")
        lv = [st.level for st in prev.statements if st.level is not None
              and st.role in ("level", "budget", "initial", "adjusted")]
        if len(lv) == 1 and not _answered_budget(prev, lv[0]):
            return lv[0]
        actual = [st.level for st in prev.statements if st.level is not None and st.role == "level"]
        if len(lv) > 1 and len(actual) == 1 and complete_only:
            # "…年初预算 18.00 万元，支出决算 15.36 万元，完成预算的 85.33%。其中：…": the actual, for a
            # breakdown known complete only (interleaved budgets and actuals are no list of it)
            return actual[0]
        if lv or any(is_money(c) for c in prev.claims):
            return None
    return None


def _answered_budget(sent, c: Claim) -> bool:
    """A budget whose sentence gives its completion rate ("机关运行经费年初预算 300.00 万元，完成年初预算的
    95.58%"): the spending was stated before, and the list that follows details it, not the budget."""
    return any(st.level is c and st.role != "level" for st in sent.statements) and any(
        st.completions for st in sent.statements)


def _before_run_on(items: list[Item], text: str) -> list[Item]:
    """A list ends at an item whose ；-piece does not open with its name: "其中财政拨款 125.36 万元，占 95.6%；
    区档案数字化加工中心项目支出最多，为 69.79 万元" — after the ; a clause break comes before the figure, so
    the piece is a remark, not the next item."""
    out = items[:1]
    for a, b in zip(items, items[1:]):
        gap = text[a.claim.end:b.claim.start]
        k = max(gap.rfind(";"), gap.rfind("；"))
        if k >= 0 and regex.search(r"[,，]", gap[k + 1:]) and not regex.search(r"\d", gap[k + 1:]):
            break  # (a piece stating a budget before the item, "…预算数为43.48万元,决算支出数为63.06万元", goes on)
        out.append(b)
    return out


def _until_end(items: list[Item], text: str) -> list[Item]:
    """A list whose first two items are joined by 、 ends at the next ; (a sub-list of a longer one)."""
    if len(items) < 2:
        return items
    gap = text[items[0].claim.end:items[1].claim.start]
    if "、" not in gap or regex.search(r"[;；。]", gap):
        return items
    out = [items[0]]
    for a, b in zip(items, items[1:]):
        if regex.search(r"[;；。]", text[a.claim.end:b.claim.start]):
            break
        out.append(b)
    return out


def _complete(parts: list[Claim], total: Claim | None = None, total_words: str | None = None) -> bool:
    """The parts name every item of a breakdown known complete (lexicons/complete_breakdowns.tsv;
    the three fiscal funds only under a 财政拨款 total). ``total_words``: what names the total when its
    own subject is elliptical (the sentence before it: "公务用车购置及运行费年初预算 18.00 万元，支出决算
    15.36 万元")."""
    subjects = "".join(p.subject or "" for p in parts)
    if _REMAINDER is not None and parts and _REMAINDER.search(parts[-1].subject or ""):
        return True
    named = (total.subject or "") if total is not None else ""
    if total_words:
        named += "|" + total_words
    return any(all(k in subjects for k in keys) and (pat is None or (total is not None and pat.search(named)))
               for keys, pat in _COMPLETE)


def _total_words(ctx: RuleContext, total: Claim, sent) -> str | None:
    """The words of its own sentence before an elliptical total (a subject of six characters at most)."""
    if len(total.subject or "") > 6:
        return None
    own = sentence_of(ctx, total) or sent
    return ctx.doc.text[own.start:total.start] if own is not None else None


_BASIC_PROJECT = ("基本支出", "项目支出")


def _two_cuts(parts: list[Claim]) -> bool:
    """"其中科学技术支出（类）1,892.36 万元，…项目支出 1,616.88 万元": a 功能分类 class beside 基本/项目支出 —
    two ways of cutting one total, each part of its own breakdown, not one list."""
    from ..tables.lexicon import class_code_for

    cores = [subject_core(p.subject) for p in parts]
    by_nature = [c for c in cores if c.endswith(_BASIC_PROJECT)]
    by_function = [c for c in cores if "（类）" in c or "(类)" in c or (c not in by_nature and class_code_for(c, 1.0))]
    return bool(by_nature) and bool(by_function)


@rule("narrative.list_total", scope="narrative", doc="句中列举的各部分之和等于所述总额（其中/包括/分别为）")
def check_list_total(ctx: RuleContext) -> Iterable[Finding]:
    for total, parts, trig, sent in _lists(ctx):
        if parts and _two_cuts(parts):
            continue
        if not is_money(total) and not is_measure(total):
            if parts and len(parts) >= 2:
                yield from _count_list(ctx, total, parts, trig, sent)
            continue
        if parts is None:
            yield finding(ctx, "narrative.list_total", total, "unverifiable",
                          f"{stated(total)} 之后的列举含嵌套的“其中”，层级无法确定，未核对合计。",
                          evidence={"reason": "列举层级不明"})
            continue
        if len(parts) < 2:
            continue
        s = quantity_sum(parts)
        t = quantity(total)
        factor = MONEY_FACTOR[total.unit] if is_money(total) else Decimal(1)
        v = compare(total.value, s * (1 / factor))
        if v == "consistent" and not shown_equal(total.value, s.mid * (1 / factor)):
            v = "rounding"  # the parts as printed add up to another figure: a residue, reported apart
        listing = "、".join(f"{p.subject or ''}{stated(p)}" for p in parts)
        unit = total.unit or ""
        shown = s * (1 / factor) if is_money(total) else s  # the sum in the total's own unit
        slip = digit_slip(total, parts) if v == "inconsistent" and s.hi < t.lo else None
        shift = shift_slip(total, parts) if v == "inconsistent" and s.hi < t.lo and not slip else None
        if shift:
            yield finding(ctx, "narrative.list_total", total, "inconsistent",
                          f"{stated(total)}：“{trig}”后列举 {listing}，合计 {fmt_iv(shown)}{unit}，少于总额；移动一次"
                          f"{shift[1]}即相符，疑为笔误：{shift[0]}。", expected=f"{fmt_iv(shown)}{unit}", severity="medium",
                          evidence={"reason": f"{shift[1]}错位", "slip": shift[0]}, claims=parts)
            continue
        if slip:
            yield finding(ctx, "narrative.list_total", total, "inconsistent",
                          f"{stated(total)}：“{trig}”后列举 {listing}，合计 {fmt_iv(shown)}{unit}，少于总额；差额恰为一位"
                          f"数字之差，疑为笔误：{slip}。", expected=f"{fmt_iv(shown)}{unit}", severity="medium",
                          evidence={"reason": "差额为一位数字之差", "slip": slip}, claims=parts)
            continue
        if v == "inconsistent" and s.hi < t.lo and not _complete(parts, total, _total_words(ctx, total, sent)):
            yield finding(ctx, "narrative.list_total", total, "unverifiable",
                          f"{stated(total)}：“{trig}”后列举 {listing}，合计 {fmt_iv(shown)}{unit}，少于总额；列举可能不全。",
                          evidence={"reason": "列举可能不完整"}, claims=parts)
            continue
        tail = "，与总额的差额属四舍五入尾差，无需更正" if v == "rounding" else ""
        over = digit_slip(total, parts, excess=True) if v == "inconsistent" and s.lo > t.hi else None
        if over:
            tail = f"，多于总额；差额恰为一位数字之差，疑为笔误：{over}"
        yield finding(ctx, "narrative.list_total", total, v,
                      f"{total.subject or ''}{stated(total)}（第 {total.line} 行），所列 {listing} 合计 {fmt_iv(shown)}{unit}{tail}。",
                      expected=f"{fmt_iv(shown)}{unit}", severity="high" if v == "inconsistent" else None, claims=parts,
                      evidence={"slip": over} if over else None)


def _parallel(ctx: RuleContext, total: Claim, parts: list[Claim], sent) -> tuple[Claim, list[Claim]] | None:
    """The items' second measure when it adds up exactly: "接待 117 批次、906 人次，其中：检查指导 73 批次、
    548 人次；考察交流 31 批次、236 人次；其他 13 批次、95 人次" — (117 批次, [73, 31, 13 批次]) for the 人次
    list, else None."""
    second = _second_measure(ctx, total, parts, sent)
    if second is None or sum(c.value for c in second[1]) != second[0].value:
        return None
    return second


def _second_measure(ctx: RuleContext, total: Claim, parts: list[Claim], sent) -> tuple[Claim, list[Claim]] | None:
    """(second total, its items) of a count list given in two measures, whatever they add up to:
    "共接待 41 批次、438 人次，其中：国内 38 批次、412 人次，外事 3 批次、26 人次" for the 人次 list (438 = 412 + 26) gives
    (41 批次, [38, 3 批次]); None when the items are not one per part."""
    text = ctx.doc.text
    before = [c for c in sent.claims if c.kind == "count" and c.value is not None and c.end <= total.start
              and c.unit != total.unit and len(text_between(text, c.end, total.start)) <= 3]
    if not before:
        return None
    other = before[-1]
    items = [c for c in sent.claims if c.kind == "count" and c.unit == other.unit and c.value is not None
             and total.end <= c.start < parts[-1].end]
    return (other, items) if len(items) == len(parts) else None


_EVENT_UNITS = ("次", "期", "场", "批次", "批", "辆", "台", "套")
_SPECIFIC_EVENTS = ("批次", "期", "场")  # 接待批次, 培训期数, 会议场次: the parts count the same events


def _same_kind(text: str, total: Claim, parts: list[Claim]) -> bool:
    """Every part counts what its total counts: its subject ends with the noun the total's does
    ("召开会议 14 次" — 二类会议, 三类会议), or the parts name no noun of their own."""
    noun = regex.sub(r"(?:共|总|数|合计|总数|全年|共计)+$", "", total.subject or "")[-2:]
    return bool(noun) and all((p.subject or "").endswith(noun) for p in parts)


def _count_list(ctx: RuleContext, total: Claim, parts: list[Claim], trig: str, sent) -> Iterable[Finding]:
    """A count list is checked only when it is known complete: a breakdown of lexicons/complete_breakdowns.tsv
    (车辆 by type), or its items' second measure adds up exactly to the total's (批次 beside 人次). Counts
    of people and things often overlap or leave items out, so other count lists are not judged."""
    if any(p.unit != total.unit or p.approx for p in parts) or total.approx:
        return
    complete = _complete(parts, total)
    parallel = None if complete else _parallel(ctx, total, parts, sent)
    got = sum((p.value for p in parts), Decimal(0))
    if not complete and parallel is None and got == total.value:
        # the list adds up in its own measure, so it names every part: its second measure must add up too
        second = _second_measure(ctx, total, parts, sent)
        if second is not None and sum(c.value for c in second[1]) != second[0].value:
            other, items = second
            listing = "、".join(f"{c.subject or ''}{stated(c)}" for c in items)
            n = sum(c.value for c in items)
            yield finding(ctx, "narrative.list_total", other, "inconsistent",
                          f"{other.subject or ''}{stated(other)}（第 {other.line} 行），“{trig}”后所列 {listing} 合计 "
                          f"{n}{other.unit or ''}；同列各项{total.unit}合计与总数 {stated(total)} 相符，列举完整。",
                          expected=f"{n}{other.unit or ''}", severity="high", claims=[*items, total, *parts],
                          evidence={"complete": "parallel"})
    if parallel is None and not complete:
        # events of one kind cannot overlap ("召开会议 14 次，其中二类会议 2 次、三类会议 5 次、四类会议 9 次"):
        # more of them listed than held is an error; people (人) and things (个, 项) may be counted twice
        if not (total.unit in _EVENT_UNITS and got > total.value
                and (total.unit in _SPECIFIC_EVENTS or _same_kind(ctx.doc.text, total, parts))):
            return
    listing = "、".join(f"{p.subject or ''}{stated(p)}" for p in parts)
    why = (f"；各项{parallel[0].unit}合计与总数 {stated(parallel[0])} 相符，列举完整" if parallel else "")
    ok = got == total.value
    used = parts + ([parallel[0], *parallel[1]] if parallel else [])
    yield finding(ctx, "narrative.list_total", total, "consistent" if ok else "inconsistent",
                  f"{total.subject or ''}{stated(total)}（第 {total.line} 行），“{trig}”后所列 {listing} 合计 "
                  f"{got}{total.unit or ''}{why}。", expected=f"{got}{total.unit or ''}",
                  severity=None if ok else "high", claims=used,
                  evidence={"complete": "parallel" if parallel else "breakdown"})


def _first_change(ctx: RuleContext, level: Claim, later: bool = False):
    """The first change (with a known direction) of the statement whose level is ``level``; with
    ``later``, else the change a following sentence states of the same subject with no level of its own
    (:func:`_later_change`)."""
    st = statement_of(ctx, level)
    for ch in st.changes if st is not None else []:
        got = _known(ch)
        if got is not None:
            return got
    return _later_change(ctx, level) if later else None


def _known(ch):
    if ch.change is not None and ch.change.value is not None and ch.change.direction in ("增加", "减少"):
        return ch.change
    return ch.flat


_LATER_SENTENCES = 3


def _later_change(ctx: RuleContext, level: Claim):
    """"其中：基本支出补助 3,468.20 万元，项目支出补助 1,240.00 万元。基本支出补助比上年增加 365.45 万元，…；
    项目支出补助比上年减少 656.30 万元": the only change, in the next few sentences of the paragraph, of a
    statement with no level whose subject is the part's own name (four or more characters, equal after
    dropping spaces and direction words)."""
    name = subject_core(level.subject)
    sents = sentences(ctx)
    k = sentence_index(ctx, level.start)
    if len(name) < 4 or k is None:
        return None
    hits = []
    for j in range(k, min(len(sents), k + 1 + _LATER_SENTENCES)):
        if j > k and heading_between(ctx, sents[k].start, sents[j].start):
            break
        for st in sents[j].statements:
            if st.level is not None and not (st.level.start > level.end and _restates(st.level, level)):
                continue
            for ch in st.changes:
                got = _known(ch)
                if got is not None and got.start > level.end and (st.level is not None or subject_core(got.subject) == name):
                    hits.append(got)
                    break
    return hits[0] if len(hits) == 1 else None


def _restates(later: Claim, level: Claim) -> bool:
    """"（二）公务接待费支出预算 4 万元，比 2021 年预算减少 4 万元" after "其中：…公务接待费支出预算为 4 万元":
    the same figure in the same unit under a name that contains the other."""
    return (later.value == level.value and later.unit == level.unit
            and compatible_subjects(subject_core(later.subject) or None, subject_core(level.subject) or None)
            and bool(later.subject) and bool(level.subject))


def _signed(c: Claim) -> Interval:
    iv = quantity(c) if c.kind != "flat" else Interval.exact(Decimal(0))
    return iv * Decimal(-1) if c.direction == "减少" else iv


@rule("narrative.list_change", scope="narrative",
      doc="其中各项的增减额（增加为正、减少为负）之和等于总额的增减额")
def check_list_change(ctx: RuleContext) -> Iterable[Finding]:
    """"基本支出 3,512.46 万元，比上年增加 208.37 万元，其中：人员经费 3,048.90 万元，比上年增加 235.12 万元；
    公用经费 463.56 万元，比上年减少 26.75 万元": when the total and every listed part state their change
    against the same base, the parts' changes net to the total's. Only money lists whose parts add up
    to the total (a partial list's changes need not net)."""
    for total, parts, trig, _ in _lists(ctx):
        if not parts or len(parts) < 2 or not is_money(total):
            continue
        if compare(total.value, quantity_sum(parts) * (1 / MONEY_FACTOR[total.unit])) != "consistent":
            continue
        tc = _first_change(ctx, total)
        pcs = [_first_change(ctx, p, later=True) for p in parts]
        if tc is None or any(c is None for c in pcs) or not all(is_money(c) or c.kind == "flat" for c in [tc, *pcs]):
            continue
        net = Interval.exact(Decimal(0))
        for c in pcs:
            net = net + _signed(c)
        if tc.kind == "flat":
            v = "consistent" if net.lo <= 0 <= net.hi else "inconsistent"
        else:
            factor = MONEY_FACTOR[tc.unit]
            signed = tc.value * (-1 if tc.direction == "减少" else 1)
            v = compare(signed, net * (1 / factor))
            if v == "consistent" and not shown_equal(signed, net.mid * (1 / factor)):
                v = "rounding"  # the parts' changes as printed net to another figure: a residue
        words = "、".join(f"{p.subject or ''}{c.direction or '持平'}{stated(c) if c.kind != 'flat' else ''}"
                          for p, c in zip(parts, pcs))
        msg = (f"{total.subject or ''}{tc.direction or ''}{stated(tc)}（第 {tc.line} 行）；“{trig}”后各项：{words}，"
               f"净增减 {fmt_iv(net)} 万元" + ("，与总额的增减不符。" if v == "inconsistent" else "，与总额的增减相符。"))
        at, fix = (_change_slip(tc, pcs, net) if v == "inconsistent" else None) or (tc, None)
        yield finding(ctx, "narrative.list_change", at, v, msg + (f"{fix}。" if fix else ""),
                      expected=f"{fmt_iv(net)}万元", severity="high" if v == "inconsistent" else None,
                      claims=[*pcs, total, *parts], evidence={"slip": fix} if fix else None)


def _change_slip(tc: Claim, pcs: list[Claim], net: Interval) -> tuple[Claim, str] | None:
    """The one change figure whose repair makes the parts net to the total's change: its direction
    word reversed ("项目支出补助比上年增加 656.30 万元" for 减少), or one mistyped or two swapped digits
    (325.10 for 352.10). The total's own change is a candidate too; None when no repair or more than
    one fits."""
    if tc.kind == "flat":
        return None
    factor = MONEY_FACTOR[tc.unit]
    signed = Interval.exact(tc.value * (-1 if tc.direction == "减少" else 1)) * factor
    out = []
    if compare(-signed.mid * (1 / factor), net * (1 / factor)) == "consistent":
        out.append((tc, _turned(tc)))
    out += [(tc, w) for w in _retyped(tc, net)]
    for c in (c for c in pcs if c.kind != "flat"):
        rest = net - _signed(c)
        if compare(signed.mid * (1 / factor), (rest - _signed(c)) * (1 / factor)) == "consistent":
            out.append((c, _turned(c)))
        out += [(c, w) for w in _retyped(c, signed - rest)]
    return out[0] if len(out) == 1 else None


def _turned(c: Claim) -> str:
    return f"{c.subject or ''}{c.direction}{stated(c)} 方向应为“{'增加' if c.direction == '减少' else '减少'}”"


def _retyped(c: Claim, need: Interval) -> list[str]:
    """"X 应为 Y" when the signed change ``need`` (万元) has ``c``'s direction and, printed to ``c``'s
    precision, differs from it by one digit or two swapped neighbours."""
    need = need * (1 / MONEY_FACTOR[c.unit])
    if need.lo * need.hi <= 0 or (need.mid < 0) != (c.direction == "减少"):
        return []
    q = Decimal(1).scaleb(c.value.as_tuple().exponent)
    fixed = abs(need.mid).quantize(q)
    how = mistyped(c.value, fixed, q)
    return [] if how is None or fixed == c.value else [f"{c.subject or ''}{c.direction}{stated(c)} 应为 {fixed}{c.unit or ''}{how}"]


_GENERIC = ("个", "项", "家", "件")


def _same_thing(text: str, total: Claim, part: Claim) -> bool:
    """With a generic measure word (个, 项 …) a count's part counts the same thing as its whole only
    when both subjects end in the same noun ("项目30个，其中…项目28个"); unknown subjects pass."""
    if total.unit not in _GENERIC:
        return True
    a = _counted(text, total)[-2:]
    if not a or not part.subject and not _after(text, part):
        return True
    return a in _after(text, part) + (part.subject or "")


def _after(text: str, c: Claim) -> str:
    m = regex.match(r"\s*([\p{Han}]{1,8})", text, pos=c.end)
    if m and not regex.match(r"(?:以上|左右|以内|其中|包括|分别|主要|共|是|为|的)", m.group(1)):
        return m.group(1)
    return ""


def _counted(text: str, c: Claim) -> str:
    """The noun a count counts: after its measure word ("6个指标"), else its subject ("单位共4个")."""
    return _after(text, c) or regex.sub(r"(?:共|总|数|合计|总数)+$", "", c.subject or "")


@rule("narrative.part_le_whole", scope="narrative", doc="“其中”所列的单项不大于总额")
def check_part_le_whole(ctx: RuleContext) -> Iterable[Finding]:
    for total, parts, trig, _ in _lists(ctx):
        if not parts or len(parts) != 1:
            continue
        p = parts[0]
        if not is_money(total) and (total.unit not in _COUNT_UNITS or total.approx or p.approx):
            continue
        if not is_money(total) and not _same_thing(ctx.doc.text, total, p):
            continue  # "单位共1个，包括内设非独立核算的机构14个": 机构 are not 单位
        ok = quantity(p).lo <= quantity(total).hi
        yield finding(ctx, "narrative.part_le_whole", p, "consistent" if ok else "inconsistent",
                      f"“{trig}”所列 {p.subject or ''}{stated(p)}" + ("不大于" if ok else "大于") +
                      f"总额 {total.subject or ''}{stated(total)}（第 {total.line} 行）。",
                      severity=None if ok else "high", claims=[total])


@rule("narrative.ranked_order", scope="narrative", doc="“前N名”等排序列举的数值按顺序排列")
def check_ranked(ctx: RuleContext) -> Iterable[Finding]:
    text = ctx.doc.text
    for sent in sentences(ctx):
        for m in _RANK.finditer(text, sent.start, sent.end):
            items = [c for c in sent.claims if c.start > m.end() and c.value is not None
                     and c.kind in ("count", "amount")]
            if len(items) < 3:
                continue
            unit = items[0].unit
            items = [c for c in items if c.unit == unit]
            vals = [c.value for c in items]
            desc = all(a >= b for a, b in zip(vals, vals[1:]))
            asc = all(a <= b for a, b in zip(vals, vals[1:]))
            if desc or asc:
                yield finding(ctx, "narrative.ranked_order", items[0], "consistent",
                              f"排序列举（{m.group(0)}）的 {len(items)} 项按{'降' if desc else '升'}序排列。", claims=items)
                continue
            bad = next(i for i in range(1, len(vals)) if vals[i] > vals[i - 1])
            yield finding(ctx, "narrative.ranked_order", items[bad], "inconsistent",
                          f"“{m.group(0)}”列举未按大小排序：{'、'.join(stated(c) for c in items)}；"
                          f"第 {bad + 1} 项 {stated(items[bad])} 大于前一项 {stated(items[bad - 1])}。",
                          severity="low", claims=items)


@rule("narrative.budget_comparison", scope="narrative",
      doc="“决算数大于/小于/等于预算数（上年决算数）”与所列数字相符")
def check_comparison(ctx: RuleContext) -> Iterable[Finding]:
    text = ctx.doc.text
    sts = [st for s in sentences(ctx) for st in s.statements if st.level is not None and st.role == "level"]
    # "年初预算为 187.75 万元，支出决算为 187.19 万元": the budget is the statement just before, same sentence
    budget_of = {}
    for s in sentences(ctx):
        for a, b in zip(s.statements, s.statements[1:]):
            if a.level is not None and a.role in ("initial", "budget", "adjusted") and b.role == "level" \
                    and b.level is not None and b.budget is None and is_money(a.level):
                budget_of[id(b)] = a.level
    for m in _COMPARE.finditer(text):
        word, base = regex.sub(r"\s+", "", m.group(1)), regex.sub(r"\s+", "", m.group(2))
        sent_lo = max(text.rfind("。", 0, m.start()), text.rfind("\n\n", 0, m.start()), 0)
        about_3gong = "三公" in text[sent_lo:m.start()]
        before = [st for st in sts if st.level.start < m.start()]
        if about_3gong:
            before = [st for st in before if "三公" in (st.level.subject or "")] or []
        st = before[-1] if before else None
        line = ctx.doc.line_of(m.start(1))  # the comparison word's line (the phrase may break)
        sign = {"大于": 1, "高于": 1, "超过": 1, "多于": 1, "小于": -1, "低于": -1, "少于": -1, "等于": 0}[word]
        if st is None:
            continue
        if "上年" in base:
            ch = next((c.change for c in st.changes if c.change is not None and "上年" in (c.change.base or "")), None)
            flat = next((c.flat for c in st.changes if c.flat is not None), None)
            if ch is None and flat is None:
                continue
            actual = 0 if flat is not None or ch.value == 0 else (1 if ch.direction == "增加" else -1)
            ref = f"{st.level.subject or ''}{stated(st.level)}，" + (f"比上年{ch.direction}{stated(ch)}" if ch and ch.direction != "持平" else "与上年持平")
            used = [st.level, ch or flat]
        else:
            budget = st.budget if st.budget is not None else budget_of.get(id(st))
            if budget is None:
                continue
            a, b = st.level.value * MONEY_FACTOR[st.level.unit], budget.value * MONEY_FACTOR[budget.unit]
            actual = (a > b) - (a < b)
            ref = f"决算 {stated(st.level)}，预算 {stated(budget)}"
            used = [st.level, budget]
        v = "consistent" if actual == sign else "inconsistent"
        words = {1: "大于", -1: "小于", 0: "等于"}
        yield finding(ctx, "narrative.budget_comparison", None, v,
                      f"第 {line} 行写“决算{word}{base}”，而文中数字为 {ref}（{words[actual]}）。",
                      stated_text=m.group(0), expected=words[actual], line=line,
                      severity="low" if v == "inconsistent" else None, claims=used)
