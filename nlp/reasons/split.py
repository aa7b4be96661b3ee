"""Split one explanation into clauses, one per stated reason.

Rules of docs/annotation-reasons.md: split at enumerators (一是/二是…, 第一/第二, 其一/其二, 1./2./1、/1）,
一、/二、, （1）/(1), ①②, A./B., （a）/（b）, 首先/其次/此外, 一方面/另一方面) and, when there are none, at ``；``/``;``/``。``
that separate independent reasons; never at commas. A clause's text excludes its enumerator (kept as
``marker``) and its closing punctuation.

An enumerator counts only where a clause can start (the start of the text or after punctuation)
and only as part of a sequence that starts at 1 and goes up by one, so "统一是", "第一批" or the
"2." of "2.5" never split.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .lexicon import list_item_patterns

_CN_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}
_ENUM = regex.compile(
    r"(?P<m>(?P<cn>[一二三四五六七八九十]{1,2})是"
    r"|第(?P<ord>[一二三四五六七八九十]{1,2})(?=[，,:：\s]|、(?![一二三四五六七八九十]))"
    r"|其(?P<qi>[一二三四五六七八九十])(?=[，,、:：\s])"
    r"|[(（]\s*(?P<par>\d{1,2})\s*[)）]"
    r"|[(（]\s*(?P<cpar>[一二三四五六七八九十]{1,2})\s*[)）]"
    r"|(?P<num>\d{1,2})\s*(?:[.．](?!\d)|、(?!\d+(?:\.\d+)?[、，,和及])|[)）])"
    r"|(?P<cnd>[一二三四五六七八九十]{1,2})、(?![一二三四五六七八九十])"
    r"|(?P<circ>[①-⑳])"
    r"|[(（]\s*(?P<lpar>[A-Ha-h])\s*[)）]"
    r"|(?P<lat>[A-Ha-h])\s*[.．、)）](?![A-Za-z\d.．])"
    r"|(?P<seq>首先|其次|再次|此外|另外|最后)(?:(?=[，,、:：])|是(?=\p{Han}))"
    r"|(?P<side>一方面|另一方面)(?:是(?=\p{Han}))?"
    r")(?P<p>\s*[:：，,、．.]?)")
_CLAUSE_START = regex.compile(r"[；;。，,：:、\n\s]")
_OPEN = "（(“‘《〔【["
_CLOSE = "）)”’》〕】]"
_LEAD = " \t\n\u3000，,、:：；;"
_TRAIL_PUNCT = " \t\n\u3000；;。，,、：:"
_FILLER = regex.compile(r"^(?:主要(?:是|有|包括)?|如下|具体(?:如下|是)?|有|以下几个方面|以下方面)?$")
_CONSEQUENCE = regex.compile(r"\s*(?:因此|所以|从而|导致|致使|故而|进而|造成)")
_SEQ_ORDER = {"首先": 1, "其次": 2, "再次": 3, "此外": 0, "另外": 0, "最后": 0}


@dataclass
class ClauseSpan:
    """One clause: ``start``/``end`` index the split text; ``marker`` is its enumerator, if any."""

    start: int
    end: int
    text: str
    marker: str | None


def _cn_number(s: str) -> int:
    if s == "十":
        return 10
    if len(s) == 2 and s[0] == "十":
        return 10 + _CN_DIGITS[s[1]]
    if len(s) == 2 and s[1] == "十":
        return _CN_DIGITS[s[0]] * 10
    return _CN_DIGITS.get(s[0], 0) if len(s) == 1 else 0


def _enumerator(m: "regex.Match[str]") -> tuple[str, int]:
    """(type, ordinal) of an enumerator match."""
    if m.group("cn"):
        return "shi", _cn_number(m.group("cn"))
    if m.group("ord"):
        return "di", _cn_number(m.group("ord"))
    if m.group("qi"):
        return "qi", _cn_number(m.group("qi"))
    if m.group("par"):
        return "par", int(m.group("par"))
    if m.group("cpar"):
        return "cpar", _cn_number(m.group("cpar"))
    if m.group("num"):
        return "num", int(m.group("num"))
    if m.group("cnd"):
        return "cnd", _cn_number(m.group("cnd"))
    if m.group("side"):
        return "side", 1 if m.group("side") == "一方面" else 2
    if m.group("circ"):
        return "circ", ord(m.group("circ")) - ord("①") + 1
    if m.group("lpar"):
        return "lpar", ord(m.group("lpar").upper()) - ord("A") + 1
    if m.group("lat"):
        return "lat", ord(m.group("lat").upper()) - ord("A") + 1
    return "seq", _SEQ_ORDER[m.group("seq")]


def enumerators(text: str) -> list[tuple[int, int, str, int]]:
    """Enumerators that start clauses: (start, end, type, ordinal), one consistent 1,2,3… sequence.

    The sequence type is the first type whose first occurrence has ordinal 1; later enumerators
    of that type are kept when their ordinal is the next one expected.
    """
    cands = []
    for m in _ENUM.finditer(text):
        s = m.start()
        if s > 0 and not _CLAUSE_START.match(text[s - 1]):
            continue
        typ, n = _enumerator(m)
        cands.append((s, m.end(), typ, n))
    for s, _e, typ, n in cands:
        if n != 1:
            continue
        seq = []
        expect = 1
        for c in cands:
            if c[2] != typ or c[0] < s:
                continue
            if c[3] == expect or (typ == "seq" and c[3] == 0 and expect > 1):
                seq.append(c)
                expect += 1
        return seq
    return []


def _top_level_breaks(text: str) -> list[int]:
    """Offsets of ``；``/``;``/``。`` outside brackets and quotes."""
    depth = 0
    out = []
    for i, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch == "“" or ch == "”":
            pass
        elif depth == 0 and ch in "；;。\n":
            if ch == "。" and _CONSEQUENCE.match(text, i + 1):
                continue  # "…。因此…" states the consequence of the same reason
            out.append(i)
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop leading/closing punctuation, and quotes that wrap the whole clause."""
    while start < end and text[start] in _LEAD:
        start += 1
    while end > start and text[end - 1] in _TRAIL_PUNCT:
        end -= 1
    if end - start >= 2 and text[start] in "“\"" and text[end - 1] in "”\"" \
            and not any(q in text[start + 1:end - 1] for q in "“”\""):
        start, end = _trim(text, start + 1, end - 1)
    return start, end


def split_clauses(text: str) -> list[ClauseSpan]:
    """Clauses of an explanation's text (after its cue), in order; ``[]`` for an empty text."""
    out: list[ClauseSpan] = []
    enums = enumerators(text)
    if enums:
        pre_s, pre_e = _trim(text, 0, enums[0][0])
        if pre_e > pre_s and not _FILLER.match(text[pre_s:pre_e]):
            out.append(ClauseSpan(pre_s, pre_e, text[pre_s:pre_e], None))
        for k, (s, e, _typ, _n) in enumerate(enums):
            stop = enums[k + 1][0] if k + 1 < len(enums) else len(text)
            cs, ce = _trim(text, e, stop)
            if ce > cs:
                out.append(ClauseSpan(cs, ce, text[cs:ce], text[s:e].strip()))
        return out
    last = 0
    pieces: list[tuple[int, int, str]] = []  # (start, end, the break that ends it)
    for b in _top_level_breaks(text) + [len(text)]:
        cs, ce = _trim(text, last, b)
        if ce > cs:
            pieces.append((cs, ce, text[b] if b < len(text) else ""))
        last = b + 1
    for cs, ce in _merge_name_lists(text, pieces):
        out.append(ClauseSpan(cs, ce, text[cs:ce], None))
    return out


_NAME_MAX = 40


def _name_piece(piece: str, position: str) -> bool:
    """Is ``piece`` an item of a ``；``-list of names (``position``: first, middle or last)?

    The first item may start with the verb of the reason (本年增加A项目); the others are bare
    names; the last may close the list with a short predicate ("…等项目增加") — with 等, or after
    at least two other names (``position`` ``last3``).
    """
    pats = list_item_patterns()
    if len(piece) > _NAME_MAX or regex.search(r"[，,。：:]", piece):
        return False
    if position != "first" and pats["predicate"].match(piece):
        return False
    if regex.search(rf"(?:{pats['name_end'].pattern})$", piece):
        return True
    if position in ("last", "last3") and (position == "last3" or "等" in piece):
        return bool(regex.search(rf"(?:{pats['name_end'].pattern})(?:{pats['tail'].pattern})$", piece))
    return False


def _merge_name_lists(text: str, pieces: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Spans of the clauses: runs of ``；``-separated names under one reason joined into one."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(pieces):
        j = i
        if pieces[i][2] in "；;" and pieces[i][2] and _name_piece(text[pieces[i][0]:pieces[i][1]], "first"):
            while j + 1 < len(pieces) and pieces[j][2] in "；;" and pieces[j][2]:
                nxt = text[pieces[j + 1][0]:pieces[j + 1][1]]
                if _name_piece(nxt, "middle"):
                    j += 1
                    continue
                if _name_piece(nxt, "last3" if j - i >= 1 else "last"):
                    j += 1
                break
        out.append((pieces[i][0], pieces[j][1]))
        i = j + 1
    return out
