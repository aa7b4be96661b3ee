"""Targets and actuals in indicator prose (绩效自评 / 绩效评价 reports), beyond the cue words.

:func:`nlp.claims.patterns.classify` decides a target or an actual from the words in the figure's
own clause (``目标值≥80%``, ``实际完成值62.83%``). Indicator prose also states them by structure,
which this post-pass reads over the classified mentions of one text:

- **goal statements** — the figures of a goal are targets (``count`` / ``amount`` / ``percent``
  become ``target``): the rest of a sentence after a goal lead at a clause start
  (``项目绩效总目标为:…提供24个机柜``), a paragraph opened by a goal title (``1.总体绩效目标。…``),
  and the lines under a goal heading (``(二)项目绩效目标设定情况``) through its indicator
  sub-headings (``数量指标:``) up to the next other heading;
- **target/actual pairs** — in a paragraph that states a target, a figure in another sentence with
  the target's unit is the indicator's actual (``预期值为369个。实际…统计量369个``);
- **verdicts** — a figure whose clause is followed by a judgement against its target value
  (``满意度95.6%,高于预期值``; ``…。超额实现了立项时设置的预期值``) is an actual.

Never targets or actuals: a starting level (``从327个工作日压减至90个工作日``: 327 is a count) and
figures in brackets (asides). Cue patterns live in ``lexicons/claim_cues.tsv`` (role ``indicator``).
"""

from __future__ import annotations

import regex

from .lexicon import cues

PLAIN = ("count", "amount", "percent")
_NUMBERING = regex.compile(
    r"^\s*(?:[一二三四五六七八九十]+\s*[、.]|[(（]\s*[一二三四五六七八九十\d]+\s*[)）]\s*[、.]?"
    r"|\d{1,2}\s*[、.](?:(?!\d)|(?=\d{4}年))|[①-⑳])\s*")
_SENT_END = "。!?;\n"
_CLAUSE_END = _SENT_END + ",:、"


def _pat(name: str) -> "regex.Pattern[str]":
    return cues().kind_patterns[name][0]


def _has(name: str) -> bool:
    return bool(cues().kind_patterns.get(name))


def apply(text: str, mentions: list) -> None:
    """Re-kind the plain figures of ``mentions`` (classified, in text order) that indicator
    structure makes targets or actuals. Mutates the mentions in place."""
    if not mentions or not _has("goal_lead"):
        return
    if not any(m.kind in PLAIN or m.kind == "target" for m in mentions):
        return
    if not any(w in text for w in cues().kind_words.get("indicator_word", ())):
        return  # no goal, target or verdict word: nothing to read (most budget prose)
    _BOUNDS.clear()
    goal = _goal_spans(text)
    for m in mentions:
        if m.kind in ("target", "actual") and _start_level(text, m):
            m.kind, m.operator = _plain_kind(m.unit), None  # 预期值为从185个工作日压减至…
        elif m.kind in PLAIN and _inside(goal, m.num_start) and not _aside(text, m) and not _start_level(text, m):
            m.kind = "target"
    _pairs(text, mentions)
    _verdicts(text, mentions)


# --- where goals are stated ----------------------------------------------------------------------

def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(a <= pos < b for a, b in spans)


def _goal_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of ``text`` that state goals (see module docstring)."""
    spans: list[tuple[int, int]] = []
    lead, title = _pat("goal_lead"), _pat("goal_title")
    heading, not_goal, ind = _pat("goal_heading"), _pat("not_goal"), _pat("indicator_heading")
    in_block = pending = False
    pos = 0
    for line in text.split("\n"):
        lo, hi = pos, pos + len(line)
        pos = hi + 1
        body_at = _NUMBERING.match(line)
        body = line[body_at.end():] if body_at else line.lstrip()
        stripped = body.strip()
        if heading.search(stripped) and not not_goal.search(stripped):
            in_block, pending = True, False
            continue
        if in_block and not ind.match(stripped) and _is_heading(line, body_at is not None, stripped):
            in_block = False
        if in_block:
            # inside a goal block only indicator lines state goals (数量指标:…1966人), and the
            # line after a bare indicator heading (产出指标数量指标:); other prose does not
            if ind.match(stripped):
                rest = stripped[ind.match(stripped).end():].strip(" :")
                if rest:
                    spans.append((lo, hi))
                pending = not rest
                continue
            if pending:
                spans.append((lo, hi))
                pending = False
                continue
        if title.match(stripped):
            spans.append((lo, hi))
            continue
        # clause-start goal leads: the rest of their sentence
        start = 0
        for i in range(len(line) + 1):
            if i == len(line) or line[i] in _CLAUSE_END:
                clause = line[start:i].lstrip()
                if lead.match(clause):
                    end = i
                    while end < len(line) and line[end] not in _SENT_END:
                        end += 1
                    spans.append((lo + start, lo + end))
                start = i + 1
    return spans


def _is_heading(line: str, numbered: bool, body: str) -> bool:
    """A line that opens a new part: numbered, or short with no clause punctuation and no figure."""
    if not body:
        return False
    if numbered:
        return True
    return len(body) <= 25 and not any(ch in body for ch in ",;、") and not any(ch.isdigit() for ch in body)


def _plain_kind(unit: str | None) -> str:
    """The kind a figure has outside indicator structure, from its unit."""
    if unit in ("%", "‰"):
        return "percent"
    base = (unit or "").split("/")[0].lstrip("千百万亿")
    return "amount" if cues().units.get(base) in ("money", "measure") else "count"


# --- what is never a target or an actual ---------------------------------------------------------

def _aside(text: str, m) -> bool:
    """The figure sits inside brackets of its sentence (an aside: ``(…分为…两类)``)."""
    depth = 0
    for i in range(m.num_start - 1, max(-1, m.num_start - 120), -1):
        ch = text[i]
        if ch in _SENT_END:
            break
        if ch in ")）":
            depth += 1
        elif ch in "(（":
            if depth == 0:
                return True
            depth -= 1
    return False


def _start_level(text: str, m) -> bool:
    """``从/由 X …至/到/为 Y``: X is the level before the change."""
    left = _clause_left(text, m.num_start)
    right = _clause_right(text, m.end)
    return bool(_pat("start_from").search(left) and _pat("start_to").match(right))


def _clause_left(text: str, pos: int, limit: int = 60) -> str:
    lo = max(0, pos - limit)
    for i in range(pos - 1, lo - 1, -1):
        if text[i] in _CLAUSE_END:
            return text[i + 1:pos]
    return text[lo:pos]


def _clause_right(text: str, pos: int, limit: int = 60) -> str:
    hi = min(len(text), pos + limit)
    for i in range(pos, hi):
        if text[i] in _CLAUSE_END:
            return text[pos:i]
    return text[pos:hi]


# --- actuals -------------------------------------------------------------------------------------

_BOUNDS: dict[tuple[str, int], tuple[int, int]] = {}  # per apply() call: (stops, pos) -> bounds


def _bounds(text: str, pos: int, stops: str) -> tuple[int, int]:
    """Start and end of the unit (sentence / paragraph) of ``text`` around ``pos``."""
    key = (stops, pos)
    got = _BOUNDS.get(key)
    if got is None:
        a = max(text.rfind(ch, 0, pos) for ch in stops) + 1
        ends = [k for k in (text.find(ch, pos) for ch in stops) if k >= 0]
        got = _BOUNDS[key] = (a, min(ends) if ends else len(text))
    return got


def _eligible(text: str, m) -> bool:
    return m.kind in PLAIN and not _aside(text, m) and not _start_level(text, m)


def _pairs(text: str, mentions: list) -> None:
    """Actuals paired with a stated target by unit, within the target's paragraph.

    For each unit of a target, the first other sentence of the paragraph holding figures in that
    unit gives the actuals (``预期值为369个。实际…统计量369个``), unless the paragraph already
    states an actual in that unit (``实际完成值62.83%``: later percentages are reasons).
    """
    targets = [m for m in mentions if m.kind == "target" and m.unit and not _start_level(text, m)]
    if not targets:
        return
    paras: dict[int, list] = {}
    for m in mentions:
        paras.setdefault(_bounds(text, m.num_start, "\n")[0], []).append(m)
    for group in paras.values():
        units = {t.unit for t in group if t in targets}
        if not units:
            continue
        target_sents = {_bounds(text, t.num_start, _SENT_END) for t in group if t.kind == "target"}
        for unit in units:
            if any(m.kind == "actual" and m.unit == unit for m in group):
                continue
            verbs = {_verb_before(text, t) for t in group if t.kind == "target" and t.unit == unit}
            chosen = None
            for m in group:
                if m.unit != unit:
                    continue
                if not _eligible(text, m) and not (m.kind == "change" and m.base in (None, "目标值")
                                                   and m.cue and m.cue in verbs):
                    continue
                sent = _bounds(text, m.num_start, _SENT_END)
                if sent in target_sents or (chosen is not None and sent != chosen):
                    continue
                chosen = sent
                m.kind, m.direction, m.base = "actual", None, None


def _verb_before(text: str, m) -> str:
    """The words right before a figure in its clause (to compare how a target and a figure
    are stated: ``每月节省7.4万元`` / ``实际每月节省6.5万元`` are the same indicator)."""
    return _clause_left(text, m.num_start).replace(" ", "")[-2:]


def _verdicts(text: str, mentions: list) -> None:
    """Figures judged against their target value by the clause (or sentence) that follows."""
    verdict = _pat("verdict")
    for m in mentions:
        if not _eligible(text, m):
            continue
        c_end = _bounds(text, m.end, _CLAUSE_END)[1]
        if c_end < len(text) and text[c_end] in ",:" and verdict.match(text[c_end + 1:].lstrip()):
            m.kind = "actual"
            continue
        s_end = _bounds(text, m.end, _SENT_END)[1]
        if s_end < len(text) and text[s_end] in "。!?;" and verdict.match(text[s_end + 1:].lstrip()):
            m.kind = "actual"
