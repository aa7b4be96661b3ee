"""Document metadata: department, year, kind (决算/预算/绩效自评), scope (部门/本级/单位), table unit.

Read from the title (the first lines before the table of contents), else from the first part
heading, else from the most frequent evidence in the text. Each value is None when the document
does not say it; nothing is guessed from the file name.
"""

from __future__ import annotations

from collections import Counter

import regex

from .document import Document
from .errors import InputError
from .resources import read_lexicon_lines

_YEAR = regex.compile(r"(?<!\d)(20[0-4]\d|19[89]\d)\s*年")
_KIND_WORDS = [
    ("绩效自评", regex.compile(r"绩效自评|自评报告|绩效评价报告|绩效自评价")),
    ("决算", regex.compile(r"决\s*算")),
    ("预算", regex.compile(r"预\s*算")),
]
_TITLE_NOISE = regex.compile(
    r"(?:\d{4}\s*年度?|第[一二三四五六七八九十]+部分\s*[:：]?|部\s*门\s*决\s*算|部\s*门\s*预\s*算|单位\s*决\s*算|"
    r"单位\s*预\s*算|部门整体支出绩效自评报告|整体支出绩效自评报告|绩效自评报告|部门整体绩效自评报告|决\s*算|预\s*算|"
    r"情况说明|公开|概况|目\s*录|报告|[“”\"《》:：\s])")
_ORG_END = regex.compile(
    r"(?:局|委员会|委|办公室|办|院|厅|中心|会|部|所|站|馆|处|队|校|学|政府|办事处|街道|镇|乡|社|公司|集团|台|署|监狱|法院|检察院)"
    r"(?:本级|机关)?$")
_UNIT = regex.compile(r"单位\s*[:：]\s*(万元|元|亿元|千元)")


def _title_lines(doc: Document, limit: int = 12) -> list[str]:
    out = []
    for line in doc.lines[: doc.n_lines]:
        s = line.strip().lstrip("#").strip()
        if not s:
            continue
        if regex.match(r"^目\s*录$", s):
            break
        out.append(s)
        if len(out) >= limit:
            break
    return out


# A labelled field naming the department: "填报单位(盖章):永兴县畜牧兽医水产局", "项目单位:鹤山市卫生健康局"
# (not a count introducing a list: "共5个单位:院本级、…").
_LABELLED = regex.compile(r"(?<!个)(?:单位|部门)\s*(?:[(（]\s*盖章\s*[)）])?\s*[:：]\s*([^\s:：,，;；|]{3,40})")
# An official letterhead: "重庆市荣昌区财政局文件荣财农〔2021〕99号…".
_LETTERHEAD = regex.compile(r"(.{3,40}?)文件")


def _department(candidates: list[str]) -> str | None:
    for text in candidates:
        for m in _LABELLED.finditer(text):
            value = _TITLE_NOISE.sub("", m.group(1))
            m2 = _ORG_END.search(value) or regex.search(_ORG_END.pattern.rstrip("$"), value)
            if m2 and len(value[:m2.end()]) >= 3:
                return value[:m2.end()]
        stripped = _TITLE_NOISE.sub("", text)
        m = _LETTERHEAD.match(stripped)
        if m and _ORG_END.search(m.group(1)):
            return m.group(1)
        stripped = regex.sub(r"^[0-9一二三四五六七八九十、.．]+", "", stripped)
        if 3 <= len(stripped) <= 40 and _ORG_END.search(stripped):
            return stripped
    return None


def detect_metadata(doc: Document) -> dict:
    """Department, year, kind, scope and table unit of ``doc`` (values None when not stated)."""
    head = _title_lines(doc)
    title = "".join(head[:3])
    parts = [l.strip() for l in doc.lines[: doc.n_lines] if regex.match(r"^\s*第[一二三四五六七八九十]+部分", l)]
    candidates = [title] + head[:3] + parts
    department = _department(candidates)

    year = None
    for text in [title] + parts:
        m = _YEAR.search(text)
        if m:
            year = int(m.group(1))
            break
    if year is None:
        years = Counter(int(m.group(1)) for m in _YEAR.finditer(doc.text))
        year = years.most_common(1)[0][0] if years else None

    kind = None
    for text in [title] + parts[:3]:
        for name, pat in _KIND_WORDS:
            if pat.search(text):
                kind = name
                break
        if kind:
            break
    if kind is None:
        counts = {name: len(pat.findall(doc.text)) for name, pat in _KIND_WORDS}
        if counts["绩效自评"] >= 2:
            kind = "绩效自评"
        elif counts["决算"] or counts["预算"]:
            kind = "决算" if counts["决算"] >= counts["预算"] else "预算"

    scope = None
    joined = regex.sub(r"\s+", "", " ".join([title] + parts[:2]))
    if "本级" in joined:
        scope = "本级"
    elif regex.search(r"单位(?:决算|预算)", joined):
        scope = "单位"
    elif regex.search(r"部门", joined) or department:
        scope = "部门"

    units = Counter(m.group(1) for m in _UNIT.finditer(doc.text))
    unit = units.most_common(1)[0][0] if units else None

    return {"department": department, "year": year, "kind": kind, "scope": scope, "unit": unit}


def assert_disclosure(doc: Document, minimum: int = 2) -> None:
    """Raise :class:`InputError` when the text is not a budget disclosure at all."""
    if any(t in doc.text for t in read_lexicon_lines("disclosure_terms_decisive.txt")):
        return
    terms = read_lexicon_lines("disclosure_terms.txt")
    found = {t for t in terms if t in doc.text}
    if len(found) < minimum:
        raise InputError(doc.doc, "not a budget or final-accounts disclosure (no budget vocabulary found)")
