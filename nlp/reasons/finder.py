"""Find explanations in a prose text: the cue, the explanation's extent, and the statement it explains.

Works on one prose view (``Document.stream``: lines joined, so an explanation broken across lines
comes back whole); every span is an offset into that text, mapped to the document by the caller.

* A **strong** cue (``主要原因是``, ``主要变动情况：``, ``预决算产生差异的主要原因是``, ``主要用于``) starts an
  explanation wherever it stands. A **weak** cue (``因``, ``由于``, ``主要是``, ``用于``) does only
  where a clause can start and the sentence before it states a change (a use: any figure), or at
  the start of a sentence that follows such a statement.
* The explanation runs from just after the cue to the end of its sentence. It goes on past
  ``。``/a paragraph break when the next sentence continues its enumeration (一是… 。二是…) or
  states a consequence (…。因此…), and stops early at ``；`` when what follows is a new statement
  with figures ("；政府性基金预算财政拨款收入 3,740.53 万元，比上年…") or at the next strong cue.
* The statement explained is the last ``；``-piece with a figure before the cue in the same
  sentence, else the nearest earlier sentence with a figure that is not itself an explanation.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .cues import Cue, cue_direction, find_cues
from .figures import states_change
from .split import _ENUM, enumerators

MAX_LEN = 600
_FIGURE = regex.compile(r"\d[\d,，.．]*\s*(?:万元|元|亿元|%|万|亿|人|辆|个|次)|持平|没预算|未安排预算|无预算")
_STATEMENT_WORD = regex.compile(r"比|较|与.{0,16}相比|同比|完成|占|持平|执行率|为.{0,8}预算")
_AMOUNT = regex.compile(r"\d[\d,，.．]*\s*(?:万元|元|亿元|%)")
_SENT_END = "。！？!?\n"
_CLAUSE_BEFORE = regex.compile(r"[，,：:；;。\n（(]\s*$")
_CONSEQUENCE = regex.compile(r"(?:因此|所以|从而|导致|致使|故而|进而)")
_SPACE = " \t\u3000"
# the change itself named as the subject of the cue: "…减少33亿元。农业农村部表示，减少部分主要是…"
# … or ending a short subject without figures: "六安财政局解释预算增加主要是…", "支出减少主要因…"
_CHANGE_SUBJECT = regex.compile(
    r"(?:^|[，,：:；;。\n])\s*[^\d，,：:；;。\n]{0,12}?(?:增加|减少|增长|下降|增减|变动|差异|超支|节约)(?:部分|的部分|额)?\s*$")
# a rate short of its mark restated in words before a weak cue: "执行率未达到100%，主要是…"
_GAP_SUBJECT = regex.compile(
    r"^\s*(?:预算)?(?:执行率|完成率|支出进度)(?:未达到?|没有达到|低于|不足|未满)[^，,。；;]{0,12}[，,]?\s*$")
_LEAD_IN = 16  # longest lead-in without figures before a weak cue ("财政部表示，因公出国(境)费增加，")


@dataclass
class Found:
    """One explanation in stream offsets."""

    cue: Cue
    start: int  # first character of the explanation text (after the cue)
    end: int  # just past its last character (closing punctuation excluded)
    explained: tuple[int, int] | None  # the statement explained, or None


def is_break(text: str, i: int) -> bool:
    """Does a sentence end at ``text[i]``?

    The prose view starts a new line after any line that ends in ``；`` or ``：`` too, so a line
    break counts as a sentence end only when the text before it does not run on.
    """
    ch = text[i]
    if ch == "\n":
        k = i - 1
        while k >= 0 and text[k] in _SPACE:
            k -= 1
        if k < 0 or text[k] not in "；;：:，,、":
            return True
        return bool(_ENUM.match(text, i + 1))  # "…如下：" + a numbered line: a new sentence
    return ch in _SENT_END


def sentence_start(text: str, pos: int) -> int:
    """Offset just after the sentence end before ``pos`` (0 at the start of the text)."""
    i = pos - 1
    while i >= 0 and not is_break(text, i):
        i -= 1
    return i + 1


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in _SPACE + "\n，,、：:；;":
        s += 1
    while e > s and text[e - 1] in _SPACE + "\n，,、：:；;。":
        e -= 1
    return s, e


_LEVEL_AND_RATE = regex.compile(r"^\s*[^\d，,；;。]{2,24}?\d[\d,，.．]*\s*(?:万元|亿元|元)\s*[，,]\s*(?:同比|比上年|较上年)?"
                                r"(?:增长|下降|增加|减少|上升|降低)\s*\d[\d.．]*\s*%")


def is_new_statement(segment: str) -> bool:
    """A ``；``-piece that states a figure of its own (a new statement, not part of a reason list):
    a comparison word with an amount, or a level followed by its rate ("交通运输支出 18,402 万元，下降
    22.7%" after the explanation of the item before)."""
    return bool(_AMOUNT.search(segment) and _STATEMENT_WORD.search(segment)) or bool(_LEVEL_AND_RATE.match(segment))


def _weak_ok(text: str, cue: Cue) -> bool:
    """Whether a weak cue introduces an explanation here.

    It must stand where a clause can start, right after a stated change: in the same sentence
    (the text before it states one), or at the start of the next sentence. A short lead-in
    without figures ("报告说，主要是…", "农业农村部表示，减少部分主要是…") counts as the start of the
    next sentence.
    """
    before = text[:cue.start]
    s = sentence_start(text, cue.start)
    head = text[s:cue.start]
    if cue.kind == "use":
        if head.strip(_SPACE):
            return bool(_CLAUSE_BEFORE.search(before)) and bool(_FIGURE.search(head))
        return bool(_FIGURE.search(previous_sentence(text, s)))
    if head.strip(_SPACE):
        if not _CLAUSE_BEFORE.search(before) and not _CHANGE_SUBJECT.search(before):
            return False
        if states_change(head):
            return True
        if _GAP_SUBJECT.search(head):  # "…执行率96.0%。（预算调整主要是…。）执行率未达到100%，主要是…": the gap named again
            return _change_within(text, s, 2)
        if regex.search(r"\d", head) or len(head.strip(_SPACE)) > _LEAD_IN:
            return False
    # (after a lead-in) at a sentence start: the previous sentence must state something to explain
    return states_change(previous_sentence(text, s))


def previous_sentence(text: str, s: int) -> str:
    """The sentence before the one starting at ``s`` ("" at the start), empty breaks ("。⏎") skipped."""
    span = _previous_span(text, s)
    return text[span[0]:span[1]] if span else ""


def _previous_span(text: str, s: int) -> tuple[int, int] | None:
    while s > 0:
        ps = sentence_start(text, s - 1)
        if text[ps:s].strip(_SPACE + "\n" + _SENT_END):
            return ps, s
        s = ps
    return None


def _change_within(text: str, s: int, back: int) -> bool:
    """Does one of the ``back`` sentences before the one starting at ``s`` state a change?"""
    for _ in range(back):
        span = _previous_span(text, s)
        if span is None:
            return False
        if states_change(text[span[0]:span[1]]):
            return True
        s = span[0]
    return False


def _continues(text: str, j: int, body: int, i: int) -> bool:
    """Does the explanation started at ``body`` go on at ``j`` (after a sentence end at ``i``)?"""
    if _CONSEQUENCE.match(text, j):
        return True
    seq = enumerators(text[body:i])
    if not seq:
        return False
    m = _ENUM.match(text, j)
    if m:
        return _next_item(text, body, i, j, m, seq)
    # an item of more than one sentence ("1.受财力约束…只能安排108.51万元。因…追加支付…。2.按项目进度…"):
    # it goes on when the list's next enumerator follows in the same paragraph
    for m in _ENUM.finditer(text, j, min(len(text), j + _ITEM_TAIL)):
        p = m.start()
        if "\n" in text[j:p].rstrip("\n"):
            return False
        if text[p - 1] in _SENT_END + "\n" and _next_item(text, body, i, p, m, seq):
            return True
    return False


_ITEM_TAIL = 200  # characters a list item may run on past its first sentence


def _next_item(text: str, body: int, i: int, p: int, m, seq) -> bool:
    """Is the enumerator ``m`` at ``p`` the next one of the list ``seq`` started at ``body``?"""
    return len(enumerators(text[body:i] + "；" + text[p:m.end() + 1])) == len(seq) + 1


_USE_STOP = regex.compile(r"\s*(?:共|其中|占|比|较|完成|同比|发生|累计|合计)[^，,；;。]*?\d")


def extent(text: str, body: int, limit: int, kind: str = "reason") -> int:
    """End offset (exclusive, before closing punctuation) of the explanation starting at ``body``.

    A use (主要用于…) also stops at a comma followed by new figures ("，共接待…8 次").
    """
    n = min(len(text), limit, body + MAX_LEN)
    i = body
    while i < n:
        ch = text[i]
        if is_break(text, i):
            j = i + 1
            while j < n and text[j] in _SPACE + "\n":
                j += 1
            if j < n and _continues(text, j, body, i):
                i = j
                continue
            return i
        if kind == "use" and ch in "，," and _USE_STOP.match(text, i + 1):
            return i
        if ch in "；;：:":
            j = i + 1
            while j < n and text[j] in _SPACE + "\n":
                j += 1
            k = j
            while k < len(text) and text[k] not in "；;" and not is_break(text, k):
                k += 1
            seg = text[j:k]
            if j < n and _ENUM.match(text, j) and enumerators(text[body:i]):
                i = j
                continue
            if is_new_statement(seg) or (kind == "use" and ch in "；;" and _FIGURE.search(seg)):
                return i
        i += 1
    return n


def _pieces(text: str, s: int, e: int, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``；``-pieces of ``text[s:e]`` with earlier explanations (cue to end) cut out."""
    bounds = [(s, e)]
    # only spans overlapping [s, e) can cut it: filtering first keeps a long document linear-ish
    # (every sentence used to walk every explanation of the document through the loop below)
    for a, b in [t for t in taken if t[0] < e and s < t[1]]:
        nxt = []
        for x, y in bounds:
            if b <= x or a >= y:
                nxt.append((x, y))
                continue
            if x < a:
                nxt.append((x, a))
            if b < y:
                nxt.append((b, y))
        bounds = nxt
    out = []
    for x, y in bounds:
        last = x
        for m in regex.finditer(r"[；;]", text[x:y]):
            out.append((last, x + m.start()))
            last = x + m.end()
        out.append((last, y))
    return out


def _explained(text: str, cue_start: int, taken: list[tuple[int, int]], kind: str = "reason") -> tuple[int, int] | None:
    """The statement an explanation whose cue starts at ``cue_start`` explains (stream span).

    In an earlier sentence, a reason prefers the nearest one that states a change or budget gap
    over a nearer one with figures that states none ("预算200万元，完成预算的89.7%。一是开展活动130场…。
    发现的主要问题及原因：…" explains the 89.7%).
    """
    s = sentence_start(text, cue_start)
    for a, b in reversed(_pieces(text, s, cue_start, taken)):
        if _FIGURE.search(text[a:b]):
            ps, pe = _trim(text, a, b)
            return (ps, pe) if pe > ps else (a, b)
    # earlier sentences: the nearest with a figure that is not itself an explanation
    pos = s
    first = None
    for _ in range(4):
        if pos <= 0:
            break
        ps = sentence_start(text, pos - 1)
        span = _trim(text, ps, pos)
        inside = any(a <= span[0] and span[1] <= b + 1 for a, b in taken) or any(
            a < span[1] and span[0] < b and not _FIGURE.search(text[span[0]:a]) for a, b in taken)
        if not inside and _FIGURE.search(text[span[0]:span[1]]):
            if text.startswith("其中", span[0]) and ps > 0:  # "…38.62%。其中：…。" states parts of the total before
                prev = _trim(text, sentence_start(text, ps - 1), ps)
                if _FIGURE.search(text[prev[0]:prev[1]]):
                    span = (prev[0], span[1])
            if kind != "reason" or states_change(text[span[0]:span[1]]):
                return span if first is None or states_change(text[span[0]:span[1]]) else first
            if first is None:
                first = span
        pos = ps
    return first


def _quoted(text: str, pos: int) -> bool:
    """Is ``pos`` inside a “…” quotation opened in its sentence?"""
    head = text[sentence_start(text, pos):pos]
    return head.count("“") > head.count("”")


def _heading_body(text: str, body: int) -> int:
    """Where the text of a cue that ends its line ("三、“三公”经费变动原因⏎一是…") starts: the next line."""
    i = body
    while i < len(text) and (text[i] in _SPACE + "\n" or (text[i] in _SENT_END and i == body)):
        i += 1
    return i


_CLAUSE_START = regex.compile(r"(?:^|[，,：:；;。！？\n])[^\d，,：:；;。！？\n]{0,12}$")


def _before(text: str, c: Cue, taken: list[tuple[int, int]]) -> Found | None:
    """A cause stated before its change ("受A影响，B减少"): the cause is the explanation, the rest
    of its clause (up to ``；`` or the sentence end) the statement, which must name a change.

    When that rest states no figure but only restates a change made before ("…下降40.7%，受A影响，相应
    安排的支出减少"; "…为年初预算的215.7%。受A影响，年中追加…资金"), the explanation explains that
    earlier statement with its figures."""
    if c.cause is None or not _CLAUSE_START.search(text, 0, c.start):
        return None
    k = c.end
    while k < len(text) and text[k] not in "；;" and not is_break(text, k):
        k += 1
    rest = _trim(text, c.end, k)
    if rest[1] <= rest[0] or cue_direction(text[rest[0]:rest[1]]) is None:
        return None
    s, e = _trim(text, *c.cause)
    if not _FIGURE.search(text[rest[0]:rest[1]]):
        earlier = _just_before(text, c.start, taken)
        if earlier is not None:
            rest = earlier
    return Found(c, s, e, rest) if e > s else None


def _just_before(text: str, pos: int, taken: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The change stated right before ``pos``: earlier in its sentence, else the whole previous
    sentence when no explanation stands in it; None otherwise (a cause two sentences after a
    figure, past another explanation, is about something else)."""
    s = sentence_start(text, pos)
    if text[s:pos].strip(_SPACE + "，,"):
        head = _trim(text, s, pos)
        return head if states_change(text[head[0]:head[1]]) else None
    span = _previous_span(text, s)
    if span is None:
        return None
    prev = _trim(text, *span)
    if any(a < prev[1] and prev[0] < b for a, b in taken) or not states_change(text[prev[0]:prev[1]]):
        return None
    return prev


def find_explanations(text: str) -> list[Found]:
    """Explanations in ``text``, in order, with the statements they explain.

    Cause-before-change cues ("受A影响，B减少") are read last, only outside the explanations found
    by the other cues.
    """
    out = _after_cues(text)
    taken = [(f.cue.start, f.end) for f in out]
    extra = []
    for c in find_cues(text, before=True):
        if any(a <= c.start < b or c.start <= a < c.end for a, b in taken):
            continue
        f = _before(text, c, taken)
        if f is not None:
            extra.append(f)
            taken.append((c.start, c.end))
    return sorted(out + extra, key=lambda f: f.cue.start)


_HAN = regex.compile(r"\p{Han}")
_NO_SPACE = regex.compile(r"\s+")


def is_body(text: str) -> bool:
    """Whether the text after a cue can be an explanation: it holds at least two Chinese characters
    (not a figure), is not a template's blank ("XXXXXXXX"), does not merely point at what follows ("以下方面"), and
    is not the text of an indicator table (three different header words: "产出指标…数量指标…得分");
    the patterns are ``lexicons/reason_non_bodies.tsv``."""
    from .lexicon import non_body_patterns

    t = _NO_SPACE.sub("", text)
    if len(_HAN.findall(t)) < 2:
        return False
    pats = non_body_patterns()
    if any(k in pats and pats[k].search(t) for k in ("pointer", "placeholder")):
        return False
    words = {m.group(0) for m in pats["table_word"].finditer(t)} if "table_word" in pats else set()
    return len(words) < 3


_OPENING = regex.compile(r"(?:首先|一是|第一|一方面)")


def _openings(text: str) -> list[Cue]:
    """Reasons listed with no cue phrase, right after the change ("…增长16.2%。首先，…；其次，…"): a
    word enumerator (首先/一是/第一) opening a list of at least two items whose first item states no
    figure of its own (a list of parts — "一是基本支出 A 万元…" — is no explanation). Numbered lists
    (1. / (1)) are left alone: after a change they open its breakdown or the next section. As a
    weak cue, it counts only after a stated change (:func:`_weak_ok`)."""
    out = []
    for m in _OPENING.finditer(text):
        p = m.start()
        if p > 0 and text[p - 1] not in _SENT_END + "，,；;":
            continue
        seq = enumerators(text[p:p + MAX_LEN])
        if len(seq) < 2 or seq[0][0] != 0 or is_new_statement(text[p + seq[0][1]:p + seq[1][0]]):
            continue
        out.append(Cue(p, p, p, "", "reason", "weak", None))
    return out


# a change's figure closing its clause: "…比上年减少1.28万元，下降59.81%，" / "…与上年持平，"
_CHANGE_END = regex.compile(r"(?:(?:增加|减少|增长|下降|上升|降低|增|减)了?\s*\d[\d,，.．]*\s*(?:万元|亿元|元|%|个百分点)"
                            r"|持平)\s*[，,]\s*")
_COUNT_CHANGE = regex.compile(r"(?:增加|减少|增|减|新增|报废|处置)了?\s*\d+\s*(?:辆|人|名|个|次|批次|人次|台|套|项|期|场)")
_TAIL_STOP = regex.compile(r"\d|其中|占|比|较|同比|主要|原因|用于|具体|分别|包括|详见|如下"
                           r"|变动|变化|达到|符合|实现|完成")  # "…，未发生增减变动", "…，达到零增长要求": a status, no cause


def _tails(text: str) -> list[Cue]:
    """Reasons with no cue after the change's figures in the same sentence ("公务接待费 0.86 万元，比上年
    减少 1.28 万元，下降 59.81%，严格执行公务接待管理规定，压缩接待次数和标准。"): the rest of the sentence after
    the last figure of a change, up to ；, when it states no figure but a count that changed
    ("公务用车保有量减少 4 辆"), opens with none of the words of other
    statements or cues, and a frozen label cue phrase (``lexicons/reason_cue_taxonomy_v2.tsv``, not
    ``vague``) names a cause in it. A weak cue: it counts only after a stated change."""
    from .lexicon import label_cues
    from .text import classifier_text

    out = []
    for m in _CHANGE_END.finditer(text):
        p = m.end()
        k = p
        while k < len(text) and not is_break(text, k) and text[k] not in "；;":
            k += 1
        tail = text[p:k]
        prepared = classifier_text(tail)  # simplified script
        words = _COUNT_CHANGE.sub("", tail)  # "…减少 3.90 万元，公务用车减少 1 辆": a count that changed is a cause
        if (_TAIL_STOP.search(words) or _TAIL_STOP.search(_COUNT_CHANGE.sub("", prepared)) or _CHANGE_END.search(tail)
                or len(_HAN.findall(tail)) < 6):
            continue
        if any(label != "vague" and pat.search(prepared) for label, pat in label_cues("taxonomy_v2")):
            out.append(Cue(p, p, p, "", "reason", "weak", None))
    return out


def _after_cues(text: str) -> list[Found]:
    cues = find_cues(text)
    pseudo = _openings(text) + _tails(text)
    cues = sorted(cues + [o for o in pseudo if not any(c.start <= o.start < max(c.end, c.body) for c in cues)],
                  key=lambda c: c.start)
    strong = [c.start for c in cues if c.strength == "strong"]
    out: list[Found] = []
    covered = -1
    taken: list[tuple[int, int]] = []
    for c in cues:
        if c.start < covered:
            continue
        if c.strength == "weak" and not _weak_ok(text, c):
            continue
        if c.kind == "use" and _quoted(text, c.start):  # “腾出更多资金用于发展所需”: a slogan cited
            continue
        body = c.body
        if c.strength == "strong" and body < len(text) and is_break(text, body) and not text[c.start:c.end].endswith(("是", "为")):
            body = _heading_body(text, body)
        limit = next((s for s in strong if s >= body), len(text))
        end = extent(text, body, limit, c.kind)
        s, e = _trim(text, body, end)
        if e <= s or not is_body(text[s:e]):
            continue
        explained = _explained(text, c.start, taken, c.kind)
        out.append(Found(c, s, e, explained))
        taken.append((c.start, e))
        covered = e
    return out
