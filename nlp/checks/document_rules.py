"""Document-level checks: the year in headings and dates, the contents vs the tables present,
empty fund tables explained.

- ``doc.heading_year`` — a heading, contents entry or title line that ties a year to the
  document's own kind ("2021 年度部门决算", "2022年度收入支出决算总体情况说明") must name the
  document's year. A 预算 document legitimately names the prior year's 决算/执行, so for a 预算
  only years tied to 预算 are checked. The document year is ``doc.meta["year"]`` unless most of
  the year-bearing headings agree on another one (a single altered title must not make every
  other heading look wrong).
- ``doc.date_year`` — "截至 YYYY 年 12 月 31 日" in a 决算 is the year-end of the document year.
- ``doc.contents_tables`` — every table the contents (目录) lists is present, matched by meaning
  (:func:`nlp.tables.identify.by_title` gives the canonical id of the entry).
- ``doc.empty_table_statement`` — an all-zero 政府性基金 / 国有资本经营 table says so, in its notes,
  the text next to it or the narrative ("本表本年度无发生额", "本部门无政府性基金…").
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Iterable

import regex

from ..records import Finding
from ..rules.registry import RuleContext, rule

_YEAR = regex.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_TOC_ENTRY = regex.compile(r"^\s*(?:[-*+]\s*)?(?:[一二三四五六七八九十]+\s*[、.．]|\d+\s*[、.．]|表\s*\d+)\s*(.+?)\s*$")
_EMPTY = regex.compile(r"无发生额|无数据|空表|(?:本部门|本单位|我部门|我单位|本年度?|今年)(?:无|没有|未)[^。；;]{0,12}(?:政府性基金|国有资本经营)"
                       r"|(?:政府性基金|国有资本经营)[^。；;]{0,30}(?:无发生|没有|未发生|未安排|无收支|无收入|无支出|为零|为0)")
FUND_TABLES = {"T8": "政府性基金", "T9": "国有资本经营", "B8": "政府性基金", "B9": "国有资本经营"}


def _finding(ctx: RuleContext, rid: str, verdict: str, line: int | None, message: str, *,
             stated: str | None = None, expected: str | None = None, evidence: dict | None = None,
             severity: str | None = None) -> Finding:
    if severity is None:
        severity = "info" if verdict != "inconsistent" else "medium"
    return Finding(doc=ctx.doc.doc, rule=rid, verdict=verdict, severity=severity, line=line, stated=stated,
                   expected=expected, evidence=evidence, message=message)


def _meta(ctx: RuleContext, key: str) -> Any:
    meta = getattr(ctx.doc, "meta", None) or {}
    return meta.get(key)


def toc_lines(ctx: RuleContext) -> list[int]:
    """Line numbers of the contents (目录) section, heading excluded."""
    for s in ctx.sections or []:
        if getattr(s, "kind", "") == "目录":
            return list(range(s.start_line + 1, s.end_line + 1))
    return []


def heading_lines(ctx: RuleContext) -> list[tuple[int, str]]:
    """(line, text) of the title lines, the contents entries and the part/first-level headings."""
    doc = ctx.doc
    out: list[tuple[int, str]] = []
    secs = [s for s in ctx.sections or [] if getattr(s, "kind", "") not in ("表",)]
    first = min((s.start_line for s in secs), default=min(doc.n_lines, 8) + 1)
    for n in range(1, min(first, 12)):
        t = doc.raw_line(n).strip()
        if t and len(t) <= 60 and not regex.search(r"[，。,;；]", t):  # a title line, not a paragraph
            out.append((n, t))
    out += [(n, doc.raw_line(n).strip()) for n in toc_lines(ctx)]
    for s in secs:
        if getattr(s, "kind", "") != "目录" and s.level <= 1:
            out.append((s.start_line, s.heading))
    for t in ctx.tables or []:
        title = getattr(t, "title", None)
        if title:
            out.append((getattr(t, "title_line", None) or t.start_line, title))
    return out


_KIND_PHRASE = {
    "决算": regex.compile(r"^[^，。,;；]{0,30}?(?:部门决算|单位决算|决算表|情况说明|总表说明|决算总体|收入支出决算|决算公开)"),
    "预算": regex.compile(r"^[^，。,;；]{0,30}?(?:部门预算|单位预算|预算表|情况说明|预算公开)"),
    "绩效": regex.compile(r"^[^，。,;；]{0,30}?(?:绩效自评|绩效评价报告|整体支出绩效)"),
}
_NOT_KIND = {"预算": regex.compile(r"^[^，。,;；]{0,30}?(?:决算|执行|完成)")}
_COMPARE_BEFORE = regex.compile(r"(?:与|比|较|截至|截止|关于|开展|根据)$")
_COMPARE_AFTER = regex.compile(r"^度?(?:相比|比|同比|以来|至)")
_CITATION = regex.compile(r"《[^》]*》|〔[^〕]*〕|\[[^\]]*\]")


def _tied_years(text: str, kind: str) -> list[int]:
    """Years in a heading tied to the document kind by a kind phrase ("2021 年度部门决算",
    "2022年度收入支出决算总体情况说明"); years in comparisons ("与2016年决算相比") and citations
    (《关于开展2017年…的通知》) are not the heading's own year."""
    key = "绩效" if kind and "绩效" in kind else kind
    phrase = _KIND_PHRASE.get(key)
    if phrase is None:
        return []
    t = _CITATION.sub("", regex.sub(r"\s+", "", text))
    out = []
    for m in _YEAR.finditer(t):
        rest = t[m.end():m.end() + 40]
        if _COMPARE_BEFORE.search(t[max(0, m.start() - 4):m.start()]) or _COMPARE_AFTER.search(rest):
            continue
        if phrase.search(rest) and not (key in _NOT_KIND and _NOT_KIND[key].search(rest)):
            out.append(int(m.group(1)))
    return out


def document_year(ctx: RuleContext) -> int | None:
    """meta year, unless most year-bearing headings agree on another one."""
    kind = _meta(ctx, "kind") or ""
    years = Counter(y for _, t in heading_lines(ctx) for y in _tied_years(t, kind))
    meta = _meta(ctx, "year")
    if years:
        top, n = years.most_common(1)[0]
        if meta is None or (top != meta and n > years.get(meta, 0)):
            return top
    return meta


@rule("doc.heading_year", scope="document", doc="标题、目录与各部分标题中的年度与文件年度一致（预算文件可提及上年决算）")
def check_heading_year(ctx: RuleContext) -> Iterable[Finding]:
    kind = _meta(ctx, "kind") or ""
    year = document_year(ctx)
    if year is None or not kind:
        return
    seen = set()
    for line, text in heading_lines(ctx):
        for y in _tied_years(text, kind):
            if (line, y) in seen:
                continue
            seen.add((line, y))
            ok = y == year
            yield _finding(ctx, "doc.heading_year", "consistent" if ok else "inconsistent", line,
                           f"第 {line} 行标题“{text[:40]}”{'年度与文件年度一致' if ok else f'写作 {y} 年，而本文件为 {year} 年度{kind}'}。",
                           stated=str(y), expected=str(year), evidence={"heading": text, "year": y, "document_year": year})


_YEAR_END = regex.compile(r"截[至止](?:到)?\s*((?:19|20)\d{2})\s*年\s*12\s*月\s*31\s*日")


@rule("doc.date_year", scope="document", doc="决算中“截至 YYYY 年 12 月 31 日”为文件年度的年末")
def check_date_year(ctx: RuleContext) -> Iterable[Finding]:
    if _meta(ctx, "kind") != "决算":
        return
    year = document_year(ctx)
    if year is None:
        return
    doc = ctx.doc
    for m in _YEAR_END.finditer(doc.text):
        y = int(m.group(1))
        line = doc.line_of(m.start())
        ok = y == year
        said = regex.sub(r"\s+", "", m.group(0))
        yield _finding(ctx, "doc.date_year", "consistent" if ok else "inconsistent", line,
                       f"第 {line} 行“{said}”"
                       f"{'为文件年度年末' if ok else f'不是本文件 {year} 年度的年末'}。",
                       stated=str(y), expected=str(year), evidence={"date": m.group(0), "document_year": year})


def _table_ids(ctx: RuleContext) -> set[str]:
    return {str(getattr(t, "id", "")).split("-")[0] for t in ctx.tables or []}


def contents_tables(ctx: RuleContext) -> list[tuple[int, str, str]]:
    """(line, entry, canonical id) of the contents entries that name a table."""
    try:
        from ..tables.identify import by_title
    except ImportError:  # the tables stage is not installed
        return []
    out = []
    for n in toc_lines(ctx):
        m = _TOC_ENTRY.match(ctx.doc.raw_line(n))
        if not m or "表" not in m.group(1):
            continue
        k = by_title(m.group(1))
        if k is not None:
            out.append((n, m.group(1), k.id))
    return out


@rule("doc.contents_tables", scope="document", doc="目录列出的表格均在文中出现（按表名含义匹配）")
def check_contents_tables(ctx: RuleContext) -> Iterable[Finding]:
    present = _table_ids(ctx)
    for line, entry, tid in contents_tables(ctx):
        ok = tid in present
        yield _finding(ctx, "doc.contents_tables", "consistent" if ok else "inconsistent", line,
                       f"目录第 {line} 行列出“{entry}”（{tid}），{'文中有此表' if ok else '文中未找到此表'}。",
                       stated=entry, expected=tid, evidence={"table": tid, "present": sorted(present)},
                       severity=None if ok else "high")


def _said_empty(ctx: RuleContext, t: Any, fund: str) -> tuple[bool, int | None]:
    """Is the table said to be empty: its notes, the lines next to it, or a narrative sentence?"""
    for line, note in getattr(t, "notes", None) or []:
        if _EMPTY.search(note):
            return True, line
    doc = ctx.doc
    end = min(doc.n_lines, t.end_line + 8)
    for n in range(max(1, t.start_line - 2), end + 1):
        if _EMPTY.search(doc.raw_line(n)):
            return True, n
    for m in _EMPTY.finditer(doc.text):
        seg = m.group(0)
        if fund in seg or fund in doc.text[max(0, m.start() - 30):m.end() + 30]:
            return True, doc.line_of(m.start())
    return False, None


def _tables_rule_reports(tid: str) -> bool:
    """The tables stage has its own empty-note rule for this table (so a missing note is reported
    once, by it)."""
    from ..rules.registry import REGISTRY

    return f"{tid}.empty_note" in REGISTRY


@rule("doc.empty_table_statement", scope="document",
      doc="政府性基金/国有资本经营表全为零时，表注、表旁或说明中须说明无发生额（本表本年度无发生额/本部门无…）")
def check_empty_table_statement(ctx: RuleContext) -> Iterable[Finding]:
    for t in ctx.tables or []:
        tid = str(getattr(t, "id", "")).split("-")[0]
        fund = FUND_TABLES.get(tid)
        if fund is None:
            continue
        if any(c.value not in (None, 0) for c in getattr(t, "cells", None) or []):
            continue
        said, where = _said_empty(ctx, t, fund)
        if _tables_rule_reports(tid):
            # the tables rule (T8.empty_note …) reports the table's own note, present or missing:
            # this rule adds only what it cannot see, a statement next to the table or in the text
            if not said or any(_EMPTY.search(n) for _, n in getattr(t, "notes", None) or []):
                continue
        line = getattr(t, "title_line", None) or t.start_line
        yield _finding(ctx, "doc.empty_table_statement", "consistent" if said else "inconsistent", line,
                       f"{tid}“{t.title}”全为零或空白，" + (f"第 {where} 行已说明无发生额。" if said else
                                                       "表注、表旁及说明中均未说明本年度无发生额。"),
                       stated="0", expected="说明无发生额", evidence={"table": tid, "said_at": where},
                       severity=None if said else "low")
