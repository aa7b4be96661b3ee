"""Table regions: split a document into page *segments* — a caption block (title, 表 N, 部门/单位
lines) followed by table lines — before continuation pages are merged.

Why segments and not the coarse regions of :mod:`nlp.layout`: a 决算 table continued over three
pages repeats its title, unit line, header and 合计 row on every page (noise §3.1, §3.2); a page
that lost its title (000: the 基本支出 table at 335) must still start a new table; and the 单位
line may come before the title (000:271). A segment ends at a note (``注:``), a section heading,
a prose line, or the next caption block.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from ..document import Document
from .identify import by_title
from .lexicon import squash, table_kinds
from .tokens import is_separator, line_layout

_TITLE_END = regex.compile(r"(?:表|表\s*[(（][^()（）]{1,20}[)）])\s*$")
_TABLE_NO = regex.compile(r"^\s*表\s*\d+\s*$")
_TABLE_NO_TITLE = regex.compile(r"^\s*表\s*\d+\s+\S.*表\s*$")
_UNIT_LINE = regex.compile(r"^\s*(?:部门|单位名称|单位|预算单位|编制单位|填报单位)\s*[:：]|单位\s*[:：]\s*(?:万元|元|亿元)")
_YEAR_CAPTION = regex.compile(r"^\s*[(（]\s*\d{4}\s*年度?\s*[)）]\s*$")
_NOTE = regex.compile(r"^\s*(?:注\s*[:：]|注\s*\d|备注|说明\s*[:：]|\^?\{?\d\.\}?\s*本套报表|\d\.\s*本套报表|本表本年度?无|本表无|本套报表)")
_EMPTY_NOTE = regex.compile(r"(本表|本年度?).{0,6}无(发生额|数据|此项)|无发生额|公开空表")
_PART = regex.compile(r"^\s*第[一二三四五六七八九十]+部分")
_TOC_ITEM = regex.compile(r"^\s*[-*+]\s")
_PROSE = regex.compile(r"[。；;！？]|(?:，|(?<!\d),|,(?!\d)).*(?:，|(?<!\d),|,(?!\d))")
_SPACES_PROSE = regex.compile(r"(?<!\d),|,(?!\d)|[，：:]\s*$")
_PAGE_NO = regex.compile(r"^\s*[-—]?\s*\d{1,3}\s*[-—]?\s*$")


def is_title(line: str) -> bool:
    """A table title line: short, no cells, ends in 表 (or matches a known title)."""
    s = line.strip()
    if not s or "\t" in s or s.startswith("|") or _TOC_ITEM.match(line) or _PART.match(s):
        return False
    if s.startswith("注") or "。" in s or len(squash(s)) > 60:
        return False
    if _TABLE_NO_TITLE.match(s):
        return True
    q = squash(s)
    if _TITLE_END.search(s) and len(q) >= 4:
        return True
    return (any(k.pattern.search(q) for k in table_kinds()) and len(q) <= 40
            and not regex.search(r"[,，:：]", s))


def is_caption(line: str) -> bool:
    s = line.strip()
    return bool(is_title(s) or _TABLE_NO.match(s) or (_UNIT_LINE.search(s) and "\t" not in s and "|" not in s
                                                        and len(s) <= 60) or _YEAR_CAPTION.match(s))


def is_note(line: str) -> bool:
    return bool(_NOTE.match(line) or _EMPTY_NOTE.search(line)) and "\t" not in line and not line.strip().startswith("|")


@dataclass
class Segment:
    """One page of one table: caption lines, then table lines (blank lines dropped)."""

    captions: list[int] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    notes: list[int] = field(default_factory=list)
    layout: str = "spaces"
    title: str = ""
    title_line: int | None = None
    gap_prose: bool = True  # prose lines between the previous segment and this one

    @property
    def start(self) -> int:
        return min(self.captions + self.lines + self.notes)

    @property
    def end(self) -> int:
        return max(self.lines + self.notes + self.captions)


def _body_ok(line: str, layout: str) -> bool:
    """May this line belong to a table body of ``layout``?"""
    if layout in ("tab", "pipe"):
        return line_layout(line) == layout
    s = line.strip()
    if _PROSE.search(s) or _PART.match(s) or len(s) > 80 or _SPACES_PROSE.search(s):
        return False
    return True


def _next_is_note(lines: list[str], i: int) -> bool:
    """Is the next non-blank line (0-based index ``i`` onwards) a note?"""
    while i < len(lines) and not lines[i].strip():
        i += 1
    return i < len(lines) and is_note(lines[i])


def find_segments(doc: Document) -> list[Segment]:
    """All table page-segments of ``doc`` in document order."""
    lines = doc.lines[: doc.n_lines]
    n = len(lines)
    segs: list[Segment] = []
    cur: Segment | None = None
    prose_since = True  # prose seen since the last segment closed
    in_toc = False
    i = 0
    while i < n:
        no = i + 1
        line = lines[i]
        s = line.strip()
        i += 1
        if not s or _PAGE_NO.match(line) and (cur is None or cur.layout != "spaces"):
            continue
        if regex.match(r"^\s*目\s*录\s*$", s):
            in_toc = True
            continue
        if in_toc:
            if _TOC_ITEM.match(line) or _PART.match(s) or len(s) < 40 and "\t" not in s:
                continue
            in_toc = False
        lay = line_layout(line)
        if lay is None and is_caption(line):
            if cur is not None and (cur.lines or cur.notes):
                segs.append(cur)
                cur = None
                prose_since = False
            if cur is None:
                cur = Segment(gap_prose=prose_since)
            cur.captions.append(no)
            if is_title(line) and not _TABLE_NO.match(s):
                if (not cur.title or _TABLE_NO_TITLE.match(s) or not _TITLE_END.search(cur.title)
                        or (by_title(s) is not None and by_title(cur.title) is None)):
                    # a known table title beats a part heading above it ("上海市…2024年度部门决算表"
                    # printed over "收入支出决算总表" on the first table page)
                    cur.title, cur.title_line = s, no
            continue
        if cur is not None and is_note(line):
            cur.notes.append(no)
            continue
        if cur is not None and cur.notes:
            # text after a note: more note text (wrapped) or the end of the table
            if len(s) < 60 and not lay and not _PART.match(s) and _EMPTY_NOTE.search(s):
                cur.notes.append(no)
                continue
            if not lay and len(s) < 100 and regex.search(r"[:：]$", s) and _next_is_note(lines, i):
                # a line introducing the next note ("…并在本表下方作下述说明:" + "说明:…本表无数据")
                cur.notes.append(no)
                continue
            segs.append(cur)
            cur = None
            prose_since = False
        if lay is not None and is_separator(line):
            if cur is None:
                cur = Segment(gap_prose=prose_since)
            cur.layout = "pipe"
            continue
        if cur is None:
            if lay is None:
                prose_since = True
                continue
            cur = Segment(gap_prose=prose_since)
        if not cur.lines:
            cur.layout = lay or "spaces"
        if _body_ok(line, cur.layout):
            cur.lines.append(no)
            continue
        # a prose line ends the table
        if cur.lines or cur.notes:
            segs.append(cur)
        cur = None
        prose_since = True
    if cur is not None and (cur.lines or cur.notes):
        segs.append(cur)
    return [s for s in segs if s.lines]
