"""Subjects of claims: the phrase a figure is about, its canonical key, base and direction words.

The subject is the shortest phrase naming what the figure measures, as written before it in the
same clause: ``一般公共预算财政拨款收入49,644.69万元`` → ``一般公共预算财政拨款收入``. The
phrase is cut from the clause on jieba token boundaries after dropping what is not part of the
name: list markers (``1.``, ``(一)``, ``一是``), years (``2022年度``), the department's own name,
``其中`` and trailing copulas (``为``, ``达到``, ``共计`` …). The canonical ``subject_key`` comes
from ``lexicons/subject_aliases.tsv`` (longest alias contained in the phrase).
"""

from __future__ import annotations

from functools import lru_cache

import regex

from .lexicon import cues, subject_aliases

_SQUASH = regex.compile(r"[\s\"'“”‘’「」『』()（）]")
_LEAD = regex.compile(
    r"^(?:[-*+]\s*|\d{1,2}\s*[.、．]\s*(?!\d)|[(（]\s*[\d一二三四五六七八九十]+\s*[)）]\s*[、.．]?|[一二三四五六七八九十]+\s*[、.．]"
    r"|[①-⑳]|[一二三四五六七八九十]是|其中\s*[:：]?|具体(?:情况)?(?:如下)?\s*[:：]?|另外|此外|同时|全年|本年度?|今年|当年"
    r"|\d{4}\s*(?:年度?|年)(?:全年)?|截至\d{4}年\d{1,2}月\d{1,2}日|截至|截止|按同口径|经统计|据统计|共有|共|合计|累计)+")
_ORG = regex.compile(r"^.{2,30}?(?:局|委员会|委|办公室|办|中心|政府|院|馆|站|所|处|队|会|社|厅|部)(?:本级|机关)?(?=\d{4}|本级|本部门|本单位|全年|年度)")
_TAIL = regex.compile(
    r"(?:合计|总计|共计|累计|共|计|为|是|达到|达|约为|约|有|分别为|分别|全年|实现|完成|安排|列支|支出了|支出为|决算为|预算为"
    r"|收入为|金额为|数为|总额为|共有|已|已经|拥有|安排了|下达|增至|降至|提供|仅)$")
_EMPTY = regex.compile(r"^[\p{P}\s\d]*$")


def squash(text: str) -> str:
    """Text with spaces, quotes and brackets removed (for alias matching)."""
    return _SQUASH.sub("", text or "")


def subject_key(subject: str | None) -> str | None:
    """Canonical key of a subject phrase from the alias table, or None when no alias is in it."""
    if not subject:
        return None
    return _key(squash(subject))


@lru_cache(maxsize=8192)
def _key(s: str) -> str | None:
    """Key of the longest alias in ``s``; between aliases of one length, the one written last (the
    项 of a 类/款/项 path, 住房保障支出(类)…住房公积金(项) → 住房公积金), so the key never depends on
    the order of the alias table."""
    best: tuple[int, int, str] | None = None  # (length, position, key)
    for alias, key in subject_aliases():
        if best is not None and len(alias) < best[0]:
            break
        pos = s.rfind(alias) if alias else -1
        if pos >= 0 and (best is None or pos > best[1]):
            best = (len(alias), pos, key)
    return best[2] if best else None


@lru_cache(maxsize=4096)
def direction_of(word: str) -> str | None:
    """Direction (增加 / 减少 / 持平) stated by a verb, from ``lexicons/claim_cues.tsv``."""
    c = cues()
    if word in c.flat:
        return "持平"
    for w, d in c.directions:
        if word == w:
            return d
    return None


def subject_phrase(clause_left: str, cut_points: set[int] | None = None) -> str | None:
    """The subject named in ``clause_left`` (the clause text before a figure), or None.

    ``cut_points`` are jieba token boundaries of ``clause_left``; when given, the phrase starts
    on one so a word is never cut in half.
    """
    s = clause_left.strip()
    if not s:
        return None
    # drop approximation and comparison words at the end; a table total's name (收入合计, 支出总计:
    # ``total_name`` in lexicons/claim_cues.tsv) keeps its 合计 / 总计, which is no copula there
    totals = cues().kind_patterns.get("total_name", ())
    for _ in range(3):
        before = s
        for w, _v in cues().approx_before:
            if s.endswith(w):
                s = s[: -len(w)]
        if any(p.search(squash(s)) for p in totals):
            break
        s = _TAIL.sub("", s).rstrip(" :：")
        if s == before:
            break
    start = 0
    m = _LEAD.match(s)
    while m and m.end() > 0:
        start += m.end()
        m = _LEAD.match(s[start:])
    org = _ORG.match(s[start:])
    if org and len(s) - start - org.end() >= 2:
        start += org.end()
    m = _LEAD.match(s[start:])
    if m and m.end() > 0:
        start += m.end()
    if cut_points:
        later = [p for p in cut_points if p >= start]
        earlier = [p for p in cut_points if p <= start]
        if earlier and start not in cut_points and later:
            start = max(earlier)
    phrase = s[start:].strip(" ,，:：、")
    if len(phrase) > 40:
        phrase = phrase[-40:]
    if not phrase or _EMPTY.match(phrase):
        return None
    return phrase
