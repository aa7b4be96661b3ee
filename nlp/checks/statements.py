"""Statements: the claims of one sentence grouped around the amount they are about.

A budget sentence reads "<subject> <amount>，比上年决算数增加 <change>，增长 <rate>，完成预算 <budget> 的 <rate>，
占 <share>". The rules need those roles, and the extractor's ``group`` ids are not always there, so
this module rebuilds them from document order and the words before each figure:

- a money amount opens a new :class:`Statement` unless it is an inline budget ("完成预算 13.5 万元的")
  or an aside inside a reason ("涉及年度预算 272.42 万元");
- changes, rates, 不可比 placeholders, 持平, completion rates and shares attach to the open statement;
  a rate pairs with the change just before it (so "减少 231.46 万元，下降 92.65%；比年初预算数增加 3.88 万元"
  keeps each base with its own figures);
- a sentence that opens with a change ("与 2018 年相比，收、支总计各增加 …") continues the last statement
  of the previous sentence when the subjects agree.

Sentences end at 。!? and at headings. Everything is plain data; nothing here judges a figure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import regex

from ..records import Claim
from ..tables.tokens import first_label
from .common import clause_before, is_money, sort_key

_INLINE_BUDGET = regex.compile(r"(?:完成|占|(?<!预算)为|达到)(?:全年|年初|年度|调整后?)?预算(?:数|额)?(?:为)?$")
# "比上年 18.39 亿元增加 2.88 亿元", "较2022年决算数688.84万元131.49万元", "较上年同期526499万元减支":
# the amount after a comparison with an earlier period is the prior the change is measured from
_PRIOR = regex.compile(r"(?:比|较|与|同|相比|相较|对比)于?(?:(?:上年|上一年|上年度|去年|同期|上年同期|"
                       r"(?:19|20)\d\d年度?)(?:同期)?的?|(?=年初|全年|调整|预算))(?:年初|全年|调整后?)?"
                       r"(?:(?:收入|支出)(?=决算|预算))?(?:决算|预算)?(?:数|支出数|收入数|支出|收入)?的?(?:为)?[（(]?$"
                       # "…预算为 90.90 万元，上年预算为 79.70 万元，比上年预算增加…": last year's figure named as such
                       r"|(?:^|(?<=[\s，,。；;：:]))(?:上年|上一年度?|去年|上年度)(?:同期)?的?(?:年初|全年|调整后?)?"
                       r"(?:决算|预算|实际)(?:数|支出数|收入数|支出|收入)?(?:为|是)?$")
_ADJUSTED = regex.compile(r"调整后(?:的)?(?:全年)?预算(?:数|额)?(?:为|是)?$|实际到位(?:资金)?(?:为)?$")
_INITIAL = regex.compile(r"年初(?:总)?预算(?:数|额)?(?:安排)?(?:为|是)?$")
_BUDGET = regex.compile(r"(?:全年|年度|本年)?预算(?:数|额|金额|资金)?(?:为|是|共)?$|预算额度(?:为)?$"
                         r"|可(?:使)?用资金(?:合计|总额)?(?:为|共)?$")  # the funds an 执行率 is measured against
_ASIDE = regex.compile(r"(?<!共)涉及(?:年度)?(?:预算|资金)?|主要为|主要是|主要用于|用于|新增|追加|相当于|其中包括")
_REASON = regex.compile(r"主要(?:变动|增减变动)?(?:情况|原因)|主要是|原因[是为]|(?:原因|情况)[:：]?[一二三四五]是")
_TERMINATORS = set("。!?！？")


@dataclass
class Change:
    """One change against one base: the change amount, its rate (or 不可比 placeholder), or 持平."""

    change: Claim | None = None
    rate: Claim | None = None
    placeholder: Claim | None = None
    flat: Claim | None = None

    @property
    def base(self) -> str | None:
        for c in (self.change, self.rate, self.placeholder, self.flat):
            if c is not None and c.base:
                return c.base
        return None

    @property
    def claims(self) -> list[Claim]:
        return [c for c in (self.change, self.rate, self.placeholder, self.flat) if c is not None]


@dataclass
class Statement:
    """The claims about one amount in one sentence."""

    sentence: int
    level: Claim | None = None
    role: str = "level"  # level | budget | initial | adjusted
    budget: Claim | None = None  # inline budget of a completion phrase
    prior: Claim | None = None  # the earlier period's amount the first change is measured from
    changes: list[Change] = field(default_factory=list)
    completions: list[Claim] = field(default_factory=list)
    completion_placeholders: list[Claim] = field(default_factory=list)
    shares: list[Claim] = field(default_factory=list)

    @property
    def subject(self) -> str | None:
        return self.level.subject if self.level is not None else None


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    claims: list[Claim] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    asides: list[Claim] = field(default_factory=list)


def garbled(text: str, claim: Claim) -> bool:
    """The figure follows a replacement character ("支出?8639万元" on a mis-decoded mirror page): a
    digit may have been lost with it, so the figure cannot be relied on."""
    return claim.start > 0 and text[claim.start - 1] in "?？\ufffd"


_ROLES = ((_INLINE_BUDGET, "inline_budget"), (_PRIOR, "prior"), (_ADJUSTED, "adjusted"), (_INITIAL, "initial"),
          (_ASIDE, "aside"), (_BUDGET, "budget"))
"""Cue before an amount → its role, narrowest first (the first match wins)."""


def amount_role(text: str, claim: Claim) -> str:
    """Role of a money amount from the words just before it: inline_budget | adjusted | initial |
    budget | prior | aside | level."""
    if garbled(text, claim):
        return "aside"
    return first_label(clause_before(text, claim.start), _ROLES, "level")


def in_reason(text: str, claim: Claim) -> bool:
    """The figure sits inside a reason clause ("主要变动情况：…", "一是…") of its sentence part."""
    i = claim.start
    lo = max(0, i - 120)
    while i > lo and text[i - 1] not in ";。；:：":
        i -= 1
    return bool(_REASON.search(text[i:claim.start]))


_HALF_STOP = regex.compile(r"(?<=[\p{Han}%％)）])\.(?=\s*(?:\p{Han}|$))")


def sentence_bounds(doc: Any, sections: list[Any] = ()) -> list[int]:
    """Sorted offsets where a new sentence starts (after 。!? and at each heading line)."""
    text = doc.text
    starts = {0}
    for i, ch in enumerate(text):
        if ch in _TERMINATORS and not text[i + 1:i + 3].lstrip()[:1] in (")", "）"):
            starts.add(i + 1)
        elif ch == "." and _HALF_STOP.match(text, i):  # half-width "…占0%.\n与上年相比…"
            starts.add(i + 1)
    for s in sections or ():
        line = getattr(s, "start_line", None)
        if line and getattr(s, "kind", "") != "表" and 1 <= line <= doc.n_lines:
            starts.add(doc.line_start(line))
            if line + 1 <= doc.n_lines:
                starts.add(doc.line_start(line + 1))
    return sorted(starts)


_JOINED_TOTALS = regex.compile(r"^收入?\s*[、和与及]?\s*支出?(?:\s*总计)?(?:各|均|分别)?(?:增加|减少|增长|下降)?$")
_GRAND = regex.compile(r"(?:收入|支出)总计$")


def compatible_subjects(a: str | None, b: str | None) -> bool:
    """Does one subject name the other (a grand total's name only itself; 收、支总计 both grand totals)?"""
    if not a or not b:
        return True
    if _JOINED_TOTALS.search(a) and _GRAND.search(b) or _JOINED_TOTALS.search(b) and _GRAND.search(a):
        return True  # "收、支总计各增加…" continues 收入总计 and 支出总计 alike
    if _side(a) and _side(b) and _side(a) != _side(b):
        return False  # "收入合计 … 支出合计 …。收入合计增加…": income never continues expense
    a2, b2 = _norm(a), _norm(b)
    if (not a2 and _GRAND.search(a)) or (not b2 and _GRAND.search(b)):
        # a grand total's name (支出总计) continues only itself, not any subject (年末结转和结余)
        a2, b2 = regex.sub(r"\s+", "", a), regex.sub(r"\s+", "", b)
    return a2 in b2 or b2 in a2


_CHANGE_TAIL = regex.compile(r"(?:比上年|较上年|同比|与上年相比)?(?:增加|减少|增长|下降|上升|降低|持平)+$")
_BOTH_TAIL = regex.compile(r"(?:各|均|都|分别|均为|均為|为|為)+$")  # "收、支总计均为 9,857.83 万元…收、支总计各增加…"


def _same_name(a: str | None, b: str | None) -> bool:
    """Two subjects that name one figure once a trailing 均为/各 and the 、 of 收、支 are dropped
    ("财政拨款收、支总计均为…" and "财政拨款收支总计比上年减少…")."""
    x = name_core(a)
    return bool(x) and x == name_core(b)


def name_core(subject: str | None) -> str:
    """:func:`subject_core` without the 、 of a joined name (收、支总计 → 收支总计)."""
    return subject_core(subject).replace("、", "")


def subject_core(subject: str | None) -> str:
    """A subject without spaces and punctuation, a trailing comparison and direction ("基本支出补助比上年增加")
    or 各/均/为: the name two statements of one figure share."""
    bare = _CHANGE_TAIL.sub("", regex.sub(r"[\s,，:：]", "", subject or ""))
    return _BOTH_TAIL.sub("", bare)


def _side(s: str) -> str:
    """收 or 支 when a subject names one side only (收入合计, 支出决算), else ''."""
    inc, exp = "收入" in s, "支出" in s
    return "收" if inc and not exp else "支" if exp and not inc else ""


def _norm(s: str) -> str:
    # 合计/总计: a table total's name keeps them in its subject (收入总计, nlp.claims); 收支 continues it
    return regex.sub(r"[\s\"“”'‘’()（）]|支出决算|决算|支出|收入|经费|费|合计|总计", "", s)


def build_sentences(doc: Any, claims: list[Claim], sections: list[Any] = ()) -> list[Sentence]:
    """Group claims by sentence and build their statements."""
    import bisect

    starts = sentence_bounds(doc, sections)
    ordered = sorted((c for c in claims if c.start is not None), key=sort_key)
    sentences: dict[int, Sentence] = {}
    for c in ordered:
        k = bisect.bisect_right(starts, c.start) - 1
        if k not in sentences:
            end = starts[k + 1] if k + 1 < len(starts) else len(doc.text)
            sentences[k] = Sentence(index=k, start=starts[k], end=end)
        sentences[k].claims.append(c)
    out = [sentences[k] for k in sorted(sentences)]
    prev: Sentence | None = None
    for s in out:
        _statements(doc.text, s, prev)
        prev = s
    return out


def _opens_with_prior(text: str, s: Sentence, c: Claim) -> bool:
    """Is ``c`` the sentence's first figure, named as the earlier period's after a comparison word
    ("与上年预算…相比", "比上年…")?"""
    return (not any(x.start < c.start for x in s.claims)
            and bool(regex.search(r"(?:比|较|与|同|相比|对比)", clause_before(text, c.start))))


def _statements(text: str, s: Sentence, prev: Sentence | None) -> None:
    cur: Statement | None = None
    for c in s.claims:
        kind = c.kind
        if kind == "amount" and is_money(c):
            role = amount_role(text, c)
            if role == "inline_budget":
                if cur is not None and cur.budget is None:
                    cur.budget = c
                else:
                    s.asides.append(c)
                continue
            if role == "aside" or in_reason(text, c):
                s.asides.append(c)
                continue
            if role == "level" and cur is not None and cur.level is not None and _earlier_period(text, cur, c):
                role = "prior"
            if role == "prior":
                if cur is not None and cur.level is not None and cur.prior is None and not cur.changes:
                    cur.prior = c
                    continue
                if _opens_with_prior(text, s, c):
                    # "与上年预算 2,450.00 万元相比，增加 550.00 万元，增长 22.45%": the base alone, its level stated before
                    cur = Statement(sentence=s.index, level=None, prior=c)
                    s.statements.append(cur)
                    continue
                role = "level"
            cur = Statement(sentence=s.index, level=c, role=role)
            s.statements.append(cur)
            continue
        if kind not in ("change", "growth_rate", "not_comparable", "flat", "completion_rate", "share"):
            continue
        if kind == "change" and not is_money(c):
            continue
        if cur is not None and cur.level is not None:
            outer = _outer(text, s, cur, c)
            cur = _head_after_list(text, s, outer, c)
            if kind == "change" and cur is outer and _own_subject(text, cur, c):
                cur = Statement(sentence=s.index, level=None)
                s.statements.append(cur)
        if cur is None:
            opens = not any(x.kind == "amount" and is_money(x) and x.start < c.start for x in s.claims)
            cur = _carry(prev, c, text) if opens else None  # only a sentence that opens with its change
            if cur is None:
                cur = Statement(sentence=s.index, level=None)
            s.statements.append(cur)
        if kind == "change":
            last = cur.changes[-1] if cur.changes else None
            if last is not None and last.change is None and last.rate is not None and last.flat is None \
                    and (last.rate.direction == c.direction or _adjacent(text, last.rate, c)) \
                    and _same_base(text, last.rate, c):
                # "同比下降10.2%，减收4800万元": the rate's own change after it (right after it, even
                # with the other direction word: narrative.direction then reports the disagreement)
                last.change = c
            else:
                cur.changes.append(Change(change=c))
        elif kind == "growth_rate":
            last = cur.changes[-1] if cur.changes else None
            if last is not None and last.rate is None and last.placeholder is None and last.flat is None \
                    and (last.change is None or _same_base(text, last.change, c)):
                last.rate = c
            else:
                cur.changes.append(Change(rate=c))
        elif kind == "not_comparable":
            before = clause_before(text, c.start)
            if "占" in before:
                continue  # a share of a zero total: nothing to compute
            if before.endswith("的") or "完成" in before:
                cur.completion_placeholders.append(c)
                continue
            last = cur.changes[-1] if cur.changes else None
            if last is not None and last.rate is None and last.placeholder is None and last.flat is None:
                last.placeholder = c
            else:
                cur.changes.append(Change(placeholder=c))
        elif kind == "flat":
            cur.changes.append(Change(flat=c))
        elif kind == "completion_rate":
            cur.completions.append(c)
        elif kind == "share":
            cur.shares.append(c)


_LAST_PERIOD = regex.compile(r"(?:上年|去年|上一年|上年度|上年同期)(?:决算|预算)?(?:数|支出数|收入数|支出|收入)?(?:为|是)?$")
_YEAR = regex.compile(r"((?:19|20)\d\d)年")
_LAST_PERIOD_NAMED = regex.compile(r"(?:上年|去年|上一年度?|上年度)(?:同期)?的?(?P<name>\p{Han}{2,20}?)(?:为|是)?$")


def _earlier_period(text: str, cur: Statement, c: Claim) -> bool:
    """The amount is the earlier period's of the open statement ("本年支出100万元，上年决算数为90万元，
    增加10万元"; "2023年支出100万元，2022年支出90万元")."""
    own = clause_before(text, c.start)
    if _LAST_PERIOD.match(own):
        return True
    m = _LAST_PERIOD_NAMED.match(own)
    if m and subject_core(cur.level.subject).endswith(m.group("name")):
        return True  # "年末结转和结余86.42万元，上年年末结转和结余132.75万元": the same name, last year's
    y1, y0 = _YEAR.match(own), _YEAR.search(clause_before(text, cur.level.start))
    return bool(y1 and y0 and int(y1.group(1)) < int(y0.group(1)))


def _adjacent(text: str, a: Claim, b: Claim) -> bool:
    """``b`` follows ``a`` in the next clause with only its change word between ("增长10.85%,增收")."""
    gap = text[a.end:b.start]
    return len(gap) <= 8 and not regex.search(r"[;；。:：()（）]|其中|\d", gap) and gap.count(",") + gap.count("，") <= 1


def _same_base(text: str, a: Claim, b: Claim) -> bool:
    """Two relative figures may belong to one change unless their own clauses say one is against the
    budget and the other against a period ("完成预算…，短收7431万元，同比下降10.2%" are two changes;
    "较2023年年初预算的1278万元减少40万元，同比下降3.1%" is one: last year's budget)."""
    kinds = {_against(text, a), _against(text, b)}
    return not {"budget", "period"} <= kinds


_BUDGET_GAP = ("短收", "超收", "超支")  # a gap to the budget by its very word
_VS_PERIOD = regex.compile(r"同比|(?:比|较|与|相比|对比)于?(?:上年|去年|上一年|(?:19|20)\d\d年)")
_VS_BUDGET = regex.compile(r"(?:比|较|与|相比|对比)[^,，;；。]{0,6}预算")


def _against(text: str, c: Claim) -> str | None:
    """What the figure's own clause compares with: budget | period | None (not said)."""
    if (c.extra or {}).get("cue") in _BUDGET_GAP:
        return "budget"
    own = clause_before(text, c.start)
    if _VS_PERIOD.search(own):
        return "period"
    if _VS_BUDGET.search(own):
        return "budget"
    return None


def _outer(text: str, s: Sentence, cur: Statement, c: Claim) -> Statement:
    """The statement a change belongs to when the open one is a part listed in brackets that have
    closed before the change ("42.68亿元（包括购置费9.26亿元、运行费33.42亿元），减少3.11亿元")."""
    between = text[cur.level.end:c.start]
    if between.count(")") + between.count("）") <= between.count("(") + between.count("（"):
        return cur
    depth, i = 0, cur.level.start - 1
    while i >= s.start:
        ch = text[i]
        if ch in ")）":
            depth += 1
        elif ch in "(（":
            if depth == 0:
                break
            depth -= 1
        i -= 1
    if i < s.start:
        return cur
    outer = [st for st in s.statements if st.level is not None and st.level.end <= i]
    return outer[-1] if outer else cur


def _list_head(text: str, s: Sentence) -> Statement | None:
    """The sentence's first statement when a list of at least two parts opens right after its level
    (其中/包括/分别为 before the second statement's level), else None."""
    if len(s.statements) < 3:
        return None
    head, second = s.statements[0], s.statements[1].level
    if head.level is None or head.role != "level" or second is None:
        return None
    return head if _LIST_OPEN.search(text[head.level.end:second.start]) else None


def _head_after_list(text: str, s: Sentence, cur: Statement, c: Claim) -> Statement:
    """"一般公共预算当年拨款 2,654.74 万元，其中基本支出…、项目支出 874.60 万元；比上年预算增加 382.14 万元": a bare
    change after a ; that closes the head's list is the head's, not the last part's."""
    head = _list_head(text, s)
    if head is None or head is cur:
        return cur
    if not regex.search(r"[;；]", text[cur.level.end:c.start]) or not _BARE_CHANGE.match(clause_before(text, c.start)):
        return cur
    return head


def _own_subject(text: str, cur: Statement, c: Claim) -> bool:
    """A change after a semicolon that names another subject ("因公出国费0万元；公务用车运行维护费
    支出决算减少0.47万元") is not about the open statement's amount. Semicolons inside brackets
    ("20.40 万元（购置费 0 万元…；运行维护费 20.40 万元…）比上年增加 0 万元") do not count."""
    between, depth = [], 0
    for ch in text[cur.level.end:c.start]:
        depth += ch in "(（"
        if depth == 0:
            between.append(ch)
        depth = max(0, depth - (ch in ")）"))
    if "；" not in between and ";" not in between:
        return False
    return bool(c.subject and cur.subject) and not compatible_subjects(cur.subject, c.subject)


_ADJUSTMENT = regex.compile(r"追加|调增|调减|调整|调入|调出")


def is_adjustment(text: str, c: Claim) -> bool:
    """A change of a budget in the year ("年中预算追加了 190.7049 万元", "年中追加 302.49 万元")."""
    return c.kind in ("change", "growth_rate") and ("预算" in (c.base or "") or not c.base) \
        and bool(_ADJUSTMENT.search(clause_before(text, c.start)))


_LIST_OPEN = regex.compile(r"其中|(?:主要)?包括|分别为|分别是")
_BARE_CHANGE = regex.compile(r"^\s*(?:比|较|与|同比|环比)")


def _carry(prev: Sentence | None, c: Claim, text: str = "") -> Statement | None:
    """The last statement of the previous sentence, when this sentence continues it (a budget
    statement is continued only by an adjustment of it: "年初预算 300 万元。年中追加 302.49 万元")."""
    if prev is None or not prev.statements:
        return None
    last = prev.statements[-1]
    head = _list_head(text, prev) if text else None
    if head is not None:
        # "对个人和家庭的补助 1,640.48 万元，主要包括：离休费…、助学金 1,245.33 万元。比上年增加 128.42 万元":
        # after a list a bare change ("比上年…") is the head's, never the last part's
        if _BARE_CHANGE.match(clause_before(text, c.start)) or _same_name(head.level.subject, c.subject):
            return Statement(sentence=head.sentence, level=head.level, role=head.role)
        return None
    if last.level is not None and last.role == "initial" and text and is_adjustment(text, c):
        return Statement(sentence=last.sentence, level=last.level, role=last.role)
    if last.level is None or last.role != "level":
        return None
    if c.subject and not last.level.subject:
        return None  # "…共12.8万元。“三公”经费决算数据减少16.5万元": the change names its own subject
    if compatible_subjects(last.level.subject, c.subject):
        return Statement(sentence=last.sentence, level=last.level, role=last.role)
    return None


def statements(doc: Any, claims: list[Claim], sections: list[Any] = ()) -> list[Statement]:
    """All statements of a document in order."""
    return [st for s in build_sentences(doc, claims, sections) for st in s.statements]
