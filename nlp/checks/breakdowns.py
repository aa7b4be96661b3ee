"""A breakdown known to be complete, listed apart from its whole, adds up to the whole stated before.

The national template states the 三公 total in one paragraph ("“三公”经费支出预算为 30.8 万元，支出决算为
25.7 万元") and its items in the next, with no total of their own ("“三公”经费支出决算中，因公出国（境）费
支出决算 0 万元，占 0%；公务接待费支出决算 16.3 万元，占 63.42%；公务用车购置及运行维护费支出决算 9.4 万元，
占 36.58%"). No 其中 binds the two, so ``narrative.list_total`` does not see the pair. This rule does:
the parts of one sentence that name every item of a breakdown known complete (the breakdowns of
``lexicons/complete_breakdowns.tsv`` that name their whole) add up to the nearest earlier figure of
the same role (决算 with 决算, 预算 with 预算) whose subject names that whole, a few lines back at most
and of the same year.
"""

from __future__ import annotations

from typing import Iterable

import regex

from ..interval import compare, shown_equal
from ..records import Claim, Finding
from ..rules.registry import RuleContext, rule
from .common import MONEY_FACTOR, finding, fmt_iv, is_money, stated, sum_wan
from .context import sentence_of, sentences
from .list_slips import quantity
from .lists import bracket_depth
from .statements import Statement

WINDOW_LINES = 12  # how far back the whole may be stated (the template puts it one paragraph up)
_YEAR = regex.compile(r"(20\d\d)\s*年")


def _wholes() -> list[tuple[tuple[str, ...], "regex.Pattern[str]"]]:
    """(keys, whole pattern) of every complete breakdown that names its whole (third column)."""
    from .lists import complete_breakdowns

    return [(keys, whole) for keys, _, whole in complete_breakdowns() if whole is not None]


_WHOLES = _wholes()


def _parts(ctx: RuleContext, sent, keys: tuple[str, ...], listed: set[int]) -> list[Statement] | None:
    """One money statement per key in the sentence, outside brackets and outside any 其中 list, all
    of one role; None when a key has none or several."""
    text = ctx.doc.text
    levels = [st for st in sent.statements if st.level is not None and is_money(st.level)
              and id(st.level) not in listed and bracket_depth(text, sent.start, st.level.start) == 0]
    out = []
    for k in keys:
        hits = [st for st in levels if k in (st.level.subject or "")]
        if len(hits) != 1:
            return None
        out.append(hits[0])
    if len({st.role for st in out}) != 1 or len({id(st) for st in out}) != len(out):
        return None
    return out


def _year(ctx: RuleContext, claim: Claim) -> str | None:
    sent = sentence_of(ctx, claim)
    if sent is None:
        return None
    m = _YEAR.search(ctx.doc.text, sent.start, sent.end)
    return m.group(1) if m else None


def _names_whole(ctx: RuleContext, c: Claim, pattern: "regex.Pattern[str]", keys: tuple[str, ...]) -> bool:
    """The figure's subject names the whole, or — when the subject is elliptical (six characters at
    most) — its sentence does before it with no item named since ("“三公”经费支出预算为 30.8 万元，支出
    决算为 25.7 万元": the second figure's subject is only 支出)."""
    subject = regex.sub(r"\s+|[（(][^）)]*[）)]", "", c.subject or "")  # "政府采购金额(以合同签订为准)"
    if pattern.search(subject):
        return not any(k in subject for k in keys)
    if len(subject) > 6:
        return False  # a subject of its own (小微企业合同金额) names something else
    sent = sentence_of(ctx, c)
    if sent is None:
        return False
    before = ctx.doc.text[sent.start:c.start]
    m = None
    for m in pattern.finditer(before):
        pass
    return m is not None and not any(k in before[m.end():] for k in keys)


def _whole(ctx: RuleContext, parts: list[Statement], pattern: "regex.Pattern[str]",
           keys: tuple[str, ...]) -> Claim | None:
    """The nearest earlier figure of the parts' role whose subject names the whole."""
    first = min(st.level.start for st in parts)
    line = min(st.level.line for st in parts)
    role = parts[0].role
    year = _year(ctx, parts[0].level)
    cands = [st for s in sentences(ctx) for st in s.statements
             if st.level is not None and is_money(st.level) and st.level.start < first]
    for st in sorted(cands, key=lambda st: -st.level.start):
        c = st.level
        if line - c.line > WINDOW_LINES:
            return None
        if st.role != role or not _names_whole(ctx, c, pattern, keys):
            continue
        other = _year(ctx, c)
        if year and other and other != year:
            return None
        return c
    return None


@rule("narrative.breakdown_total", scope="narrative",
      doc="完整构成（三公经费三项、政府采购三类）分列而未写合计时，各项之和等于前文所述该项总额")
def check_breakdown_total(ctx: RuleContext) -> Iterable[Finding]:
    from .lists import _lists

    listed = {id(p) for _, parts, _, _ in _lists(ctx) for p in (parts or [])}
    for sent in sentences(ctx):
        for keys, pattern in _WHOLES:
            sts = _parts(ctx, sent, keys, listed)
            if sts is None:
                continue
            whole = _whole(ctx, sts, pattern, keys)
            if whole is None:
                continue
            parts = sorted((st.level for st in sts), key=lambda c: c.start)
            if _closer_whole(ctx, whole, parts):
                continue
            yield _finding(ctx, whole, parts, pattern)


def _closer_whole(ctx: RuleContext, whole: Claim, parts: list[Claim]) -> bool:
    """Another figure stated between the whole and the parts is their sum ("政府采购支出总额 1,562.80 万元，
    其中：授予中小企业合同金额 1,219.85 万元…。货物类…中小企业合同金额 486.30 万元，工程类…，服务类…"): the
    parts detail that figure, not the whole."""
    s = sum_wan(parts)
    ids = {id(p) for p in parts}
    between = [st.level for sent in sentences(ctx) for st in sent.statements
               if st.level is not None and is_money(st.level) and id(st.level) not in ids
               and whole.end <= st.level.start < parts[0].start]
    return any(quantity(c).overlaps(s) for c in between)


def _finding(ctx: RuleContext, whole: Claim, parts: list[Claim], pattern: "regex.Pattern[str]") -> Finding:
    s = sum_wan(parts)
    factor = MONEY_FACTOR[whole.unit]
    shown = s * (1 / factor)
    # the intervals already allow every part and the whole its own rounding: no further slack
    v = compare(whole.value, shown, slack_units=0)
    if v == "consistent" and not shown_equal(whole.value, shown.mid):
        v = "rounding"
    listing = "、".join(f"{p.subject or ''}{stated(p)}" for p in parts)
    sums = f"合计 {fmt_iv(shown)}{whole.unit}"
    if v == "inconsistent":
        name = whole.subject if pattern.search(whole.subject or "") else "总额"
        msg = (f"第 {parts[0].line} 行分列的 {listing}，{sums}，与第 {whole.line} 行所述{name} "
               f"{stated(whole)}不符；各项为完整构成，合计应等于总额。")
    else:
        tail = "，差额属四舍五入尾差" if v == "rounding" else ""
        msg = f"第 {parts[0].line} 行分列的 {listing}，{sums}，与第 {whole.line} 行所述总额 {stated(whole)}相符{tail}。"
    return finding(ctx, "narrative.breakdown_total", parts[0], v, msg, stated_text=stated(whole),
                   expected=f"{fmt_iv(shown)}{whole.unit}", severity="high" if v == "inconsistent" else None,
                   evidence={"whole_line": whole.line}, claims=[whole, *parts[1:]])
