"""Shares: part ÷ total with the right denominator, and breakdowns summing to 100%.

"占政府采购支出总额的 16.9%" names its denominator: it is looked up among the amounts stated
before (subject match), and a share that matches only another nearby total is inconsistent with a
message naming the total that would match. "占 93.7%" names none: the shares of one breakdown
(same section) must share one denominator, chosen as the stated total most of them agree with; a
share that disagrees with it is inconsistent, and a breakdown whose parts add up to its total must
have shares adding up to 100% within rounding.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Iterable

import regex

from ..interval import Interval, compare, decimals_of, sum_intervals
from ..records import Claim, Finding
from ..rules.registry import RuleContext, rule
from .common import clause_before, finding, fmt_iv, is_money, stated, sum_wan, wan, zero_possible
from .context import sentences

HUNDRED = Decimal(100)
_STRIP = regex.compile(r"[\s\"“”'‘’()（）]|的$|比重$|比例$|为$")
_SUFFIX = regex.compile(r"(?:合计|总额|总计|总数|金额|决算数|决算|总量)$")


@dataclass
class Share:
    claim: Claim
    part: Claim
    denominator: str  # as named in the sentence ('' when implied)
    section: int
    total: Claim | None = None  # the denominator's own figure, when the 占 phrase states it inline


def norm_subject(s: str | None) -> str:
    """A subject reduced for matching: no quotes or spaces, no 合计/总额/决算 suffix."""
    if not s:
        return ""
    s = regex.sub(r"[\s\"“”'‘’]", "", s)
    s = regex.sub(r"[（(]\s*[类款项]\s*[)）]", "", s)
    for _ in range(2):
        s = _SUFFIX.sub("", s)
    return s


_LOOSE = regex.compile(r"(?:19|20)\d\d年度?|本部门|本单位|本级|财政拨款|拨款")


def _loose(s: str | None) -> str:
    """A subject without its owner, year and the 财政拨款 of a fund's name (一般公共预算财政拨款项目支出 and
    一般公共预算项目支出 name one figure)."""
    return _LOOSE.sub("", norm_subject(s))


def denominator_phrase(text: str, claim: Claim) -> str:
    """What a share is "占" of, as written ('' when the sentence names nothing)."""
    lo = max(0, claim.start - 40)
    seg = text[lo:claim.start]
    i = seg.rfind("占")
    if i < 0:
        return ""
    phrase = regex.sub(r"\s+", "", seg[i + 1:])
    if regex.search(r"[,;。:，；]", phrase):
        return ""
    for _ in range(3):
        phrase = _STRIP.sub("", phrase)
    return phrase


def _section_of(ctx: RuleContext, line: int, max_level: int) -> int:
    """Start line of the innermost heading of level ≤ ``max_level`` at or above ``line``."""
    best = 0
    for s in ctx.sections or []:
        if getattr(s, "kind", "") == "表" or getattr(s, "level", 9) > max_level:
            continue
        if s.start_line <= line and s.start_line > best:
            best = s.start_line
    return best


def collect(ctx: RuleContext) -> list[Share]:
    """Every share claim with the part it is about (the amount of its statement)."""
    out = []
    for sent in sentences(ctx):
        for st in sent.statements:
            for sh in st.shares:
                if sh.value is None or st.level is None or not is_money(st.level):
                    continue
                if regex.search(r"[;；。]", ctx.doc.text[st.level.end:sh.start]):
                    continue  # the share is about another subject of the sentence
                if st.level.unit == "元" and _reads_as_wan(st):
                    continue  # a missing 万: narrative.amount_unit reports it
                inline = _inline_total(ctx, sent, st)
                if inline is not None:
                    out.append(Share(sh, inline[0], inline[1], _section_of(ctx, sh.line, 2), total=st.level))
                    continue
                out.append(Share(sh, st.level, denominator_phrase(ctx.doc.text, sh),
                                 _section_of(ctx, sh.line, 2)))
    respective = _respective(ctx)  # they pair shares with names that no statement of theirs holds
    taken = {id(s.claim) for s in respective}
    return [s for s in out if id(s.claim) not in taken] + respective


_RESPECTIVELY = regex.compile(
    r"分别占(?P<a>[^,，;；。:：%\d]{1,30}?)的?(?:比重|比例)?(?:为|是)?(?=\s*(?:\d|百分之))"
    r"|占(?P<b>[^,，;；。:：%\d]{1,30}?)的?(?:比重|比例)?分别(?:为|是)(?=\s*(?:\d|百分之))")
_NAME_SPLIT = regex.compile(r"[、和及与]|以及")
_PCT_JOIN = regex.compile(r"\s*(?:[、，,和及与]|以及)?\s*$")


def _respective(ctx: RuleContext) -> list[Share]:
    """"货物、工程、服务分别占政府采购预算总额的 31.72%、13.10%、57.18%" (or "…占…的比重分别为…"): the i-th
    share is of the i-th name, whose amount is the nearest one stated before under a subject holding that name. Only when
    names and shares pair one to one and every name finds its amount."""
    text = ctx.doc.text
    out = []
    for sent in sentences(ctx):
        for m in _RESPECTIVELY.finditer(text, sent.start, sent.end):
            left = clause_before(text, m.start(), 40)
            names = [n for n in (norm_subject(x) for x in _NAME_SPLIT.split(left)) if n]
            pcts = []
            for c in sorted(sent.claims, key=lambda c: c.start):
                if c.start < m.end() or c.unit != "%" or c.value is None:
                    continue
                if pcts and not _PCT_JOIN.fullmatch(text[pcts[-1].end:c.start]):
                    break
                pcts.append(c)
            if len(names) < 2 or len(names) != len(pcts):
                continue
            den = _STRIP.sub("", m.group("a") or m.group("b") or "")
            if not norm_subject(den):
                continue
            before = _amounts_before(ctx, m.start(), _section_of(ctx, pcts[0].line, 2))
            parts = [next((c for c in before if n in norm_subject(c.subject)), None) for n in names]
            if any(p is None for p in parts) or len({id(p) for p in parts}) != len(parts):
                continue
            out.extend(Share(c, p, den, _section_of(ctx, c.line, 2)) for c, p in zip(pcts, parts))
    return out


_INLINE_OF = regex.compile(r"占([^,，;；。:：、%％\d]{0,24})$")


def _inline_total(ctx: RuleContext, sent, st) -> tuple[Claim, str] | None:
    """"支出 2,045.71 万元，占本年支出合计 2,118.15 万元的 96.58%": the figure inside the 占 phrase is the
    denominator, and the part is the level stated before it in the sentence: (part, denominator words)."""
    text = ctx.doc.text
    m = _INLINE_OF.search(clause_before(text, st.level.start, 30))
    if m is None:
        return None
    prev = [x.level for x in sent.statements if x.level is not None and x.level.end <= st.level.start
            and is_money(x.level)]
    if not prev:
        return None
    return prev[-1], regex.sub(r"\s+", "", m.group(1)) or "所述总额"


def _amounts_before(ctx: RuleContext, pos: int, since_line: int = 0) -> list[Claim]:
    """Statement amounts stated before ``pos`` (nearest first), from ``since_line`` on."""
    out = []
    for sent in sentences(ctx):
        for st in sent.statements:
            c = st.level
            if c is not None and is_money(c) and c.start < pos and c.line >= since_line:
                out.append(c)
    return sorted(out, key=lambda c: -c.start)


def share_interval(part: Claim, total: Interval) -> Interval | None:
    if zero_possible(total):
        return None
    return wan(part) / total * HUNDRED


@rule("narrative.share", scope="narrative",
      doc="占比 = 部分 ÷ 所指总额；只与其他总额相符时报不一致并指出相符的分母")
def check_share(ctx: RuleContext) -> Iterable[Finding]:
    shares = collect(ctx)
    named = [s for s in shares if s.denominator]
    implied = [s for s in shares if not s.denominator]
    for s in named:
        yield from _named(ctx, s)
    groups: dict[int, list[Share]] = {}
    for s in implied:
        groups.setdefault(_section_of(ctx, s.claim.line, 1), []).append(s)
    resolved = ctx.extra.setdefault("_checks", {}).setdefault("breakdowns", [])
    for sec, group in groups.items():
        for part in _by_total(ctx, group):
            yield from _implied(ctx, sec, part, resolved)


_OPENS_LIST = regex.compile(r"\s*[,，]?\s*(?:其中|包括|分别为|分别是)")
_NAMES_TOTAL = regex.compile(r"(?:合计|总计|总额)$")
_BARE_TOTALS = ("合计", "总计", "共计", "总额")


def _by_total(ctx: RuleContext, group: list[Share]) -> list[list[Share]]:
    """A section's implied shares cut where a new total is stated between two of them ("本年收入合计
    7,985.40 万元，其中：…占 97.83%；…占 2.17%。…本年支出合计 8,102.66 万元，其中：基本支出…占 65.61%"):
    a money level that is no share's part and opens a list (其中/包括 after it) or names a total (合计,
    总计, 总额) opens the next breakdown; the details of a part ("…2.98 万元，占 100.00%，包括利息收入 0.18
    万元、…") do not."""
    group = sorted(group, key=lambda s: s.claim.start)
    parts = {id(s.part) for s in group}
    text = ctx.doc.text
    levels = [st.level for sent in sentences(ctx) for st in sent.statements
              if st.level is not None and is_money(st.level) and id(st.level) not in parts
              and (_OPENS_LIST.match(text, st.level.end) or _NAMES_TOTAL.search(st.level.subject or ""))]
    out = [[group[0]]]
    for a, b in zip(group, group[1:]):
        if any(a.claim.end <= c.start < b.part.start for c in levels):
            out.append([])
        out[-1].append(b)
    return out


def _named(ctx: RuleContext, s: Share) -> Iterable[Finding]:
    want = norm_subject(s.denominator)
    before = _amounts_before(ctx, s.claim.start)
    match = s.total or next((c for c in before if norm_subject(c.subject) == want and c is not s.part), None)
    if match is None and len(want) >= 3:
        match = next((c for c in before if c is not s.part and want in norm_subject(c.subject)), None)
    if match is None:  # "占一般公共预算项目支出总额的" for "本部门一般公共预算财政拨款项目支出"
        loose = _loose(s.denominator)
        match = next((c for c in before if c is not s.part and len(loose) >= 4 and _loose(c.subject) == loose), None)
    if match is None and _NAMES_TOTAL.search(s.denominator):  # "占支出合计的": "…，合计 1,000.00 万元"
        match = next((c for c in before if c is not s.part and (c.subject is None or regex.sub(
            r"\s", "", c.subject) in _BARE_TOTALS) and clause_before(ctx.doc.text, c.start, 8)[-2:] in _BARE_TOTALS),
                     None)
    if match is None:
        cell = _denominator_cell(ctx, s)
        if cell is not None:
            yield from _against_cell(ctx, s, cell)
            return
        yield finding(ctx, "narrative.share", s.claim, "unverifiable",
                      f"{stated(s.part)} 占{s.denominator}的 {stated(s.claim)}：文中未找到“{s.denominator}”的金额。",
                      evidence={"reason": "分母未列示", "denominator": s.denominator}, claims=[s.part])
        return
    iv = share_interval(s.part, wan(match))
    if iv is None:
        return
    v = compare(s.claim.value, iv)
    msg = (f"{stated(s.part)} ÷ {s.denominator} {stated(match)}（第 {match.line} 行）= {fmt_iv(iv)}%，"
           f"文中占比为 {stated(s.claim)}。")
    ev: dict[str, Any] = {"denominator": s.denominator, "denominator_line": match.line}
    if v == "inconsistent":
        for other in _amounts_before(ctx, s.claim.start):
            if other is match or other is s.part or wan(other).hi <= wan(s.part).lo:
                continue
            iv2 = share_interval(s.part, wan(other))
            if iv2 is not None and compare(s.claim.value, iv2) != "inconsistent":
                msg += f"按“{other.subject}”{stated(other)}（第 {other.line} 行）计算为 {fmt_iv(iv2)}%，与文中占比相符，分母用错。"
                ev["matches"] = {"subject": other.subject, "line": other.line}
                break
    yield finding(ctx, "narrative.share", s.claim, v, msg, expected=f"{fmt_iv(iv)}%", evidence=ev,
                  severity="medium" if v == "inconsistent" else None, claims=[s.part, match])


def _denominator_cell(ctx: RuleContext, s: Share):
    """The table cell of a named denominator no sentence states ("一般公共预算项目支出总额" → T5
    合计 项目支出), through the subject map."""
    from .link import link_map

    if not ctx.cells:
        return None
    probe = Claim(doc=s.claim.doc, line=s.claim.line, start=s.claim.start, end=s.claim.end, text="",
                  sentence="", kind="amount", subject=norm_subject(s.denominator))
    lk = link_map(probe, ctx.cells)
    return lk if lk is not None and lk.cell.value is not None else None


def _against_cell(ctx: RuleContext, s: Share, lk) -> Iterable[Finding]:
    from .common import MONEY_FACTOR

    cell = lk.cell
    total = Interval.of(cell.value) * MONEY_FACTOR.get(cell.unit or "万元", Decimal(1))
    iv = share_interval(s.part, total)
    if iv is None:
        if wan(s.part).hi > 0 or s.claim.value != 0:
            return
        v, msg = "consistent", f"{stated(s.part)} 占{s.denominator}（{cell.table} 为 0）的 {stated(s.claim)}。"
    else:
        v = compare(s.claim.value, iv)
        msg = (f"{stated(s.part)} ÷ {s.denominator}（{cell.table}“{cell.row_label}”{cell.column} "
               f"{cell.value} 万元，第 {cell.line} 行）= {fmt_iv(iv)}%，文中占比为 {stated(s.claim)}。")
        if v == "inconsistent":
            other = _other_total(ctx, s, cell)
            if other is not None:
                msg += (f"按 {other[0].table}“{other[0].row_label}”{other[0].column} {other[0].value} 万元"
                        f"（第 {other[0].line} 行，口径不同）计算为 {fmt_iv(other[1])}%，与文中占比相符，分母用错。")
    yield finding(ctx, "narrative.share", s.claim, v, msg, expected=None if iv is None else f"{fmt_iv(iv)}%",
                  evidence={"denominator": s.denominator, **lk.evidence()},
                  severity="medium" if v == "inconsistent" else None, claims=[s.part])


def _other_total(ctx: RuleContext, s: Share, cell):
    """Another table's total of the same column (T3 项目支出 for T5's) that gives the stated share."""
    for c in ctx.cells or []:
        if c is cell or c.value is None or c.column != cell.column or c.table == cell.table:
            continue
        if (c.row_label or "") not in ("合计", "总计") or c.table not in ("T3", "T5", "T8", "T9"):
            continue
        iv = share_interval(s.part, Interval.of(c.value))
        if iv is not None and compare(s.claim.value, iv) != "inconsistent":
            return c, iv
    return None


def _implied(ctx: RuleContext, sec: int, group: list[Share], resolved: list) -> Iterable[Finding]:
    first = min(s.claim.start for s in group)
    parts = {id(s.part): s.part for s in group}
    cands: list[tuple[str, Interval, Claim | None]] = [
        (f"{c.subject or ''} {stated(c)}（第 {c.line} 行）", wan(c), c)
        for c in _amounts_before(ctx, first, since_line=sec) if id(c) not in parts]
    if len(parts) >= 2:
        total = sum_wan(parts.values())
        cands.append((f"所列各项之和 {fmt_iv(total)} 万元", total, None))
    best = None
    for label, total, c in cands:
        score = 0
        for s in group:
            iv = share_interval(s.part, total)
            if iv is not None and s.part.value != 0 and compare(s.claim.value, iv) != "inconsistent":
                score += 1
        if score and (best is None or score > best[0]):
            best = (score, label, total, c)
    discriminating = [s for s in group if s.part.value != 0]
    if (best is None or best[0] * 2 < len(discriminating)) and len(parts) >= 2:
        best = _breakdown_of_stated(cands, sum_wan(parts.values()), len(parts)) or best
    if best is None or (best[0] * 2 < len(discriminating) and best[0] > 0):
        listed = _list_totals(ctx, group)
        if listed is not None:
            yield from listed
            return
        whole = _complete_whole(group)
        if whole is not None:
            best = (0, f"所列各项之和 {fmt_iv(whole)} 万元（完整构成，占比合计 100%）", whole, None)
    if best is None or (best[0] * 2 < len(discriminating) and best[0] > 0):
        for s in group:
            yield finding(ctx, "narrative.share", s.claim, "unverifiable",
                          f"{stated(s.part)} 占 {stated(s.claim)}：未写明分母，前文也没有与之相符的总额。",
                          evidence={"reason": "分母不明"}, claims=[s.part])
        yield from _complete_shares(ctx, group)
        return
    _, label, total, c = best
    for s in group:
        iv = share_interval(s.part, total)
        if iv is None:
            continue
        v = compare(s.claim.value, iv)
        yield finding(ctx, "narrative.share", s.claim, v,
                      f"{stated(s.part)} ÷ {label} = {fmt_iv(iv)}%，文中占比为 {stated(s.claim)}。",
                      expected=f"{fmt_iv(iv)}%", evidence={"denominator": label, "implied": True},
                      severity="medium" if v == "inconsistent" else None, claims=[s.part] + ([c] if c else []))
    resolved.append((group, total, label))


def _complete_shares(ctx: RuleContext, group: list[Share]) -> Iterable[Finding]:
    """Shares of a breakdown known complete (lexicons/complete_breakdowns.tsv: 因公出国, 公务用车, 公务接待
    …) add up to 100% whatever their unknown denominator: a ``narrative.share_sum`` finding."""
    parts = _complete_parts(group)
    if parts is None:
        return
    if not Decimal(50) <= sum((s.claim.value for s in group), Decimal(0)) <= Decimal(150):
        return  # "用车 1.4 万元，占 0.02%": shares of a larger whole (the total spending), not of the list
    yield from _sum_to_100(ctx, group, sum_wan(parts), "未写明", why="所列各项为完整构成（三公经费等）")


def _complete_parts(group: list[Share]) -> list[Claim] | None:
    """The parts of the shares when they are a breakdown known complete (lexicons/complete_breakdowns.tsv),
    one share each, on one line; else None (two lists on two lines are two wholes)."""
    from .lists import _complete

    parts = list({id(s.part): s.part for s in group}.values())
    if len(parts) < 2 or len(parts) != len(group) or not _complete(parts):
        return None
    if len({s.claim.line for s in group} | {s.part.line for s in group}) != 1:
        return None
    return parts


def _complete_whole(group: list[Share]) -> Interval | None:
    """The sum of the parts, when they are a breakdown known complete, listed in one sentence, and
    their shares add up to 100%: then that sum is the whole every share is of ("出国 0 万元，占 0%；
    用车 26.09 万元，占 86.24%；接待 4.15 万元，占 13.76%" — no total stated), else None."""
    parts = _complete_parts(group)
    if parts is None:
        return None
    ssum = sum_intervals([s.claim.value for s in group])
    slack = Decimal(1).scaleb(-max(decimals_of(s.claim.value) for s in group))
    if not ssum.lo - slack <= HUNDRED <= ssum.hi + slack:
        return None  # shares that do not add up are share_sum's finding
    return sum_wan(parts)


def _adds_up(psum: Interval, total: Interval, n: int) -> bool:
    """The sum of ``n`` displayed parts meets the total, each rounded apart (a cent of slack per part)."""
    slack = Decimal("0.011") * n
    return psum.overlaps(Interval(total.lo - slack, total.hi + slack))


def _breakdown_of_stated(cands: list[tuple[str, Interval, Claim | None]], psum: Interval, n: int):
    """When no total agrees with any share, a stated total that the listed parts add up to (a complete
    breakdown: "三公经费 1.52 万元 … 出国 0 万元，占 0%；接待 1.52 万元，占 97%；用车 0 万元，占 0%") is the
    denominator its structure names: (0, label, total, claim), or None. Score 0 marks a denominator
    chosen by structure, not by agreement."""
    for label, total, c in cands:
        if c is None or total is None:
            continue
        if _adds_up(psum, total, n):
            return (0, label, total, c)
    return None


def _list_totals(ctx: RuleContext, group: list[Share]) -> list[Finding] | None:
    """When no stated total agrees with the shares, a share whose part is listed under a total
    ("收入合计 X，其中：财政拨款收入 Y，占 Z%") is measured against that total, the one its
    structure names. None unless every share of the group is such a part."""
    from .lists import _lists

    owner = {}
    for total, parts, _, _ in _lists(ctx):
        if parts and is_money(total) and wan(total) is not None:
            for p in parts:
                owner.setdefault(id(p), total)
    out = []
    for s in group:
        total = owner.get(id(s.part))
        gap = regex.sub(r"\s+", "", ctx.doc.text[s.part.end:s.claim.start])
        if total is None or len(gap) > 6:
            return None  # "1000万元按照…各占50%的比例": a share inside the part's clause is of something else
        iv = share_interval(s.part, wan(total))
        if iv is None:
            return None
        v = compare(s.claim.value, iv)
        label = f"{total.subject or ''} {stated(total)}（第 {total.line} 行）"
        out.append(finding(ctx, "narrative.share", s.claim, v,
                           f"{stated(s.part)} ÷ {label} = {fmt_iv(iv)}%，文中占比为 {stated(s.claim)}"
                           f"（分母取其所属列举的总额）。", expected=f"{fmt_iv(iv)}%",
                           evidence={"denominator": label, "implied": True, "list_total": True},
                           severity="medium" if v == "inconsistent" else None, claims=[s.part, total]))
    return out


def _sum_to_100(ctx: RuleContext, group: list[Share], total: Interval, label: str,
                why: str = "各项金额之和与总额相符") -> Iterable[Finding]:
    """Shares of a complete breakdown (parts add up to the total, or ``why`` says how else it is known
    complete) add up to 100%."""
    seen, parts, shares = set(), [], []
    for s in group:
        if id(s.part) in seen:
            continue
        seen.add(id(s.part))
        parts.append(s.part)
        shares.append(s.claim)
    if len(shares) < 2:
        return
    if not _adds_up(sum_wan(parts), total, len(parts)):
        return  # not a complete breakdown
    ssum = sum_intervals([s.value for s in shares])
    d = max(decimals_of(s.value) for s in shares)
    slack = Decimal(1).scaleb(-d)
    lo, hi = ssum.lo - slack, ssum.hi + slack
    v = "consistent" if lo <= HUNDRED <= hi else "inconsistent"
    total_stated = sum((s.value for s in shares), Decimal(0))
    yield finding(ctx, "narrative.share_sum", shares[0], v,
                  f"第 {shares[0].line}–{shares[-1].line} 行各项占比（分母 {label}）合计 {total_stated}%，"
                  f"{why}，占比合计应为 100%。",
                  expected="100%", stated_text=f"{total_stated}%", severity="medium" if v == "inconsistent" else None,
                  claims=parts + shares)


@rule("narrative.share_sum", scope="narrative", doc="同一构成的各项占比合计为 100%（允许舍入误差）")
def check_share_sum(ctx: RuleContext) -> Iterable[Finding]:
    cache = ctx.extra.setdefault("_checks", {})
    if "breakdowns" not in cache:
        list(check_share(ctx))  # resolves the breakdowns and their denominators
    for group, total, label in cache.get("breakdowns", []):
        yield from _sum_to_100(ctx, group, total, label)


def _reads_as_wan(st: Any) -> bool:
    """A 元 amount in a sentence of 万元 amounts whose value is of their order (81.12元 among 万元)."""
    return st.level.value is not None and st.level.value < 100000
