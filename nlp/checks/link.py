"""Linking: the table cell a narrative amount restates.

Two ways, tried in order:

1. the 类/款/项 path written in words ("一般公共服务（类）政协事务（款）行政运行（项）"), read from the
   claim's subject and the words and headings before it, walked down the code hierarchy of the
   一般公共预算 expenditure table (T5, else T3): class label → its 5-digit 款 → its 7-digit 项;
2. ``lexicons/subject_table_map.tsv``: a subject pattern → table, row and column patterns (and side).

The link records its evidence: table, row code and label, column, cell line and value. A claim
with no link is not guessed at; the rule using it reports ``unverifiable``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import regex

from ..records import Cell, Claim
from ..resources import read_lexicon_lines

# a name may itself hold a bracketed word: "政府办公厅（室）及相关机构事务（款）"
_PATH = regex.compile(r"((?:[^\s()（）,，。:：;；、\d]|[(（](?!\s*[类款项]\s*[)）])[^\s()（）,，。]{1,3}[)）])+?)\s*[(（]\s*(类|款|项)\s*[)）]")
_NUMBERING = regex.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．])\s*")
_QUOTES = regex.compile(r"[\s\"“”'‘’]")
_YEAR_PREFIX = regex.compile(r"^.*?(?:\d{4}年度?|本年度|本部门|本单位|我局|我部门)+")
_SUFFIX = regex.compile(r"(?:支出)$")


@dataclass
class Link:
    cell: Cell
    how: str  # "path" | "map"

    def evidence(self) -> dict[str, Any]:
        c = self.cell
        return {"table": c.table, "row_code": c.row_code, "row_label": c.row_label, "column": c.column,
                "cell_line": c.line, "cell_value": str(c.value) if c.value is not None else None,
                "unit": c.unit, "link": self.how}


@lru_cache(maxsize=1)
def _map() -> tuple[tuple[Any, tuple[str, ...], Any, Any, str, Any], ...]:
    """Map lines: (subject, tables, row, column, side, scope). A line with a scope (6th column, a
    heading pattern) applies only in sections whose heading matches it ("非税" → 非税收入征缴情况表);
    a line without one only outside the sections of another fund or topic."""
    rows = []
    for line in read_lexicon_lines("subject_table_map.tsv"):
        parts = line.split("\t")
        if len(parts) < 5:
            continue
        subj, tables, row, col, side = parts[:5]
        scope = parts[5] if len(parts) > 5 and parts[5] not in ("", "-") else None
        rows.append((regex.compile(subj), tuple(tables.split(",")),
                     None if row == "-" else regex.compile(row),
                     None if col == "-" else regex.compile(col), side,
                     None if scope is None else regex.compile(scope)))
    return tuple(rows)


def clean_label(s: str | None) -> str:
    """A row label or subject without numbering, quotes, spaces, (类)/(款)/(项) marks."""
    s = _NUMBERING.sub("", s or "")
    s = _QUOTES.sub("", s)
    s = regex.sub(r"[(（]\s*[类款项]\s*[)）]", "", s)
    return s.replace("（", "(").replace("）", ")")


def clean_subject(s: str | None) -> str:
    s = _QUOTES.sub("", s or "")
    s2 = _YEAR_PREFIX.sub("", s)
    return (s2 or s).replace("（", "(").replace("）", ")")


def _same(a: str, b: str) -> bool:
    a, b = _SUFFIX.sub("", clean_label(a)), _SUFFIX.sub("", clean_label(b))
    return bool(a) and a == b


def path_of(doc: Any, claim: Claim, lookback: int = 400) -> list[tuple[str, str]]:
    """The (name, level) 类/款/项 path written before the figure: from the claim back to the last
    figure or sentence end, extended over heading lines that name a 类/款."""
    text = doc.text
    lo = max(0, claim.start - lookback)
    seg = text[lo:claim.start]
    # cut at the previous figure (a number followed by a unit) or sentence end
    cut = max(seg.rfind("。"), seg.rfind(";"), seg.rfind("；"))
    for m in regex.finditer(r"\d(?:万元|元|%)", seg):
        cut = max(cut, m.end())
    own = seg[cut + 1:] if cut >= 0 else seg
    found = [(m.group(1), m.group(2)) for m in _PATH.finditer(own)]
    if not found and _ACTUAL_BEFORE.search(own):
        found = _item_heading_path(seg)
    if found and found[0][1] != "类":
        # the 类/款 may be in the heading above ("2、一般公共服务（类）政协事务（款）")
        head = [(m.group(1), m.group(2)) for m in _PATH.finditer(seg[:cut + 1] if cut >= 0 else "")]
        levels = {"类": 0, "款": 1, "项": 2}
        need = levels[found[0][1]]
        prefix: list[tuple[str, str]] = []
        for name, lv in reversed(head):
            if levels[lv] < need and (not prefix or levels[lv] < levels[prefix[0][1]]):
                prefix.insert(0, (name, lv))
                if lv == "类":
                    break
        found = prefix + found
    return found


_ACTUAL_BEFORE = regex.compile(r"(?:支出)?决算(?:数)?(?:为|是)\s*$")
_ENUMERATOR = regex.compile(r"(?:^|\n)\s*(?:\d{1,2}\s*[、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)")


def _item_heading_path(seg: str) -> list[tuple[str, str]]:
    """The 类/款/项 path heading the enumerated item a 决算 figure sits in, when the sentences between
    hold no other path ("2、社会保障和就业支出(类)行政事业单位养老支出(款)事业单位离退休(项)。主要用于：…。
    年初预算为28.11万元，支出决算为28.11万元"): the figure is that 项's actual."""
    starts = [m.start() for m in _ENUMERATOR.finditer(seg)]
    if not starts:
        return []
    item = regex.sub(r"\s*\n\s*", "", seg[starts[-1]:])  # a name wrapped across lines ("行政单位\n医疗(项)")
    paths = list(_PATH.finditer(item))
    if not paths:
        return []
    # one path, written as the item's heading: 类 first, ending the heading sentence
    first, last = paths[0], paths[-1]
    if first.group(2) != "类" or "。" not in item[last.end():last.end() + 3]:
        return []
    if any(ch in item[first.start():last.end()] for ch in "。；;"):
        return []
    return [(m.group(1), m.group(2)) for m in paths]


def link_path(doc: Any, claim: Claim, cells: list[Cell], tables: tuple[str, ...] = ("T5", "T3")) -> Link | None:
    """The row the 类/款/项 path names in the first of ``tables`` that has it. A 项 named like its
    款 ("城市基础设施配套费安排的支出（款）城市基础设施配套费安排的支出（项）") is the 款's only 项 when
    it has exactly one (T8 lists it as "其他城市基础设施配套费安排的支出")."""
    path = path_of(doc, claim)
    if not path or path[0][1] != "类":
        return None
    for table in tables:
        rows = [c for c in cells if c.table == table and c.row_code]
        if not rows:
            continue
        code = ""
        ok = True
        for name, level in path:
            width = {"类": 3, "款": 5, "项": 7}[level]
            cand = [c for c in rows if len(c.row_code) == width and c.row_code.startswith(code)
                    and _same(c.row_label, name)]
            if not cand and level == "项" and code and _same(name, _label(rows, code)):
                only = {c.row_code for c in rows if len(c.row_code) == 7 and c.row_code.startswith(code)}
                cand = [c for c in rows if len(only) == 1 and c.row_code in only]
            if not cand:
                ok = False
                break
            code = cand[0].row_code
        if not ok:
            code = _leaf_in_class(rows, path)
            if not code:
                continue
        row = [c for c in rows if c.row_code == code]
        total = _total_column(row)
        if total is not None:
            return Link(total, "path")
    return None


def _leaf_in_class(rows: list[Cell], path: list[tuple[str, str]]) -> str:
    """The 项 row of a path whose 款 is misnamed ("住房保障支出（款）住房公积金（项）" where the table's 款
    is 住房改革支出): the one 项 under the path's 类 with the path's 项 name, or ""."""
    if len(path) < 2 or path[0][1] != "类" or path[-1][1] != "项":
        return ""
    cls = {c.row_code for c in rows if len(c.row_code) == 3 and _same(c.row_label, path[0][0])}
    if len(cls) != 1:
        return ""
    (k,) = cls
    leaf = {c.row_code for c in rows if len(c.row_code) == 7 and c.row_code.startswith(k) and _same(c.row_label, path[-1][0])}
    return next(iter(leaf)) if len(leaf) == 1 else ""


def _label(rows: list[Cell], code: str) -> str:
    return next((c.row_label or "" for c in rows if c.row_code == code), "")


def _total_column(row: list[Cell]) -> Cell | None:
    for pat in (r"^(?:本年支出)?合计$|^决算数$|^合计$|^本年支出小计$", r"合计|决算"):
        for c in row:
            if regex.search(pat, c.column or "") and c.value is not None:
                return c
    return next((c for c in row if c.value is not None), None)


def link_map(claim: Claim, cells: list[Cell], headings: list[str] | None = None) -> Link | None:
    """The cell the subject map gives for ``claim``: unscoped lines when ``headings`` is None,
    else only the lines whose scope matches one of the enclosing ``headings``."""
    subj = clean_subject(claim.subject)
    if not subj:
        return None
    for spat, tables, rpat, cpat, side, scope in _map():
        if (scope is None) != (headings is None):
            continue
        if scope is not None and not any(scope.search(h or "") for h in headings):
            continue
        if not spat.search(subj):
            continue
        for table in tables:
            cand = [c for c in cells if c.table == table and c.value is not None
                    and (rpat is None or rpat.search(clean_label(c.row_label)))
                    and (side == "-" or not c.side or c.side == side)]
            if cpat is not None:
                cand = [c for c in cand if cpat.search(c.column or "")]
            if cand:
                return Link(cand[0], "map")
        return None
    return None


_FUND = regex.compile(r"政府性基金")  # its 类/款/项 are T8's rows, not T5's
_OTHER_SCOPE = regex.compile(r"政府性基金|国有资本经营|非税|绩效|项目|会议费|机关运行|政府采购|国有资产")


def _headings(sections: list[Any], line: int) -> list[str]:
    """Headings of the sections enclosing ``line`` (innermost last)."""
    out = []
    for s in sections or []:
        if getattr(s, "kind", "") != "表" and s.start_line <= line <= s.end_line:
            out.append(s.heading)
    return out


_SPENT = regex.compile(r"实际支出|实际支付|支出(?:金额|数)?$|最终支付")
_FOLLOWING = 15  # lines from "实际支出 X 万元。资金使用情况如表1所示" to the table's total row


def link_following_table(claim: Claim, cells: list[Cell]) -> Link | None:
    """A project report's spending restated by the funds table right after it ("实际支出 311.3652
    万元…资金使用情况如表1所示" → 表1 合计 金额): project tables (ids P…) only, total row, 金额 column."""
    if not _SPENT.search(clean_subject(claim.subject)):
        return None
    cand = [c for c in cells if (c.table or "").startswith("P") and c.value is not None
            and claim.line < c.line <= claim.line + _FOLLOWING
            and clean_label(c.row_label) in ("合计", "总计") and regex.search(r"金额|合计", c.column or "")]
    return Link(min(cand, key=lambda c: c.line), "following table") if cand else None


_NOT_A_LEVEL = regex.compile(r"率|占|比重|比例|%|％|增减|变动|上年|上期|去年|年初预算|分值|得分|权重")
_LATER = regex.compile(r"本年|本期|当年|年末|决算数|执行数|实际")
_MEASURE_TAIL = regex.compile(r"(?:本年|本期|全年)?(?:支出|收入|经费)?(?:合计|总额|决算数?|预算数?)?$")
_YEAR_IN = regex.compile(r"(?:19|20)\d\d")


def link_own_table(claim: Claim, cells: list[Cell]) -> Link | None:
    """A figure restating the row of the same name in a table no template names (ids U…): "小学教育 2,418.75
    万元" → the 小学教育 row. The subject must end with the row's whole label (four characters or more, one
    such row in all those tables), and the row must have one current-period column: its only figure
    column, else the one of the latest year, else the only one saying 本年/决算数/执行数."""
    subject = clean_label(clean_subject(claim.subject))
    if len(subject) < 4:
        return None
    names = {subject, _MEASURE_TAIL.sub("", subject)}  # "推广中心本年支出" names the row 推广中心
    rows: dict[tuple[str, int], list[Cell]] = {}
    for c in cells:
        label = clean_label(c.row_label)
        if (c.table or "").startswith("U") and len(label) >= 4 and any(n.endswith(label) for n in names) \
                and c.value is not None:
            rows.setdefault((c.table, c.row), []).append(c)
    if len(rows) != 1:
        return None
    row = [c for c in next(iter(rows.values())) if not _NOT_A_LEVEL.search(c.column or "")]
    if len(row) > 1:
        years = [(int(m.group()), k) for k, c in enumerate(row) if (m := _YEAR_IN.search(c.column or ""))]
        if len(years) == len(row) and len({y for y, _ in years}) == len(row):
            row = [row[max(years)[1]]]
        else:
            total = [c for c in row if regex.search(r"^(?:合计|小计|总计)$|^本年.*合计$", c.column or "")]
            row = total or [c for c in row if _LATER.search(c.column or "")]
    return Link(row[0], "own table") if len(row) == 1 else None


def link(doc: Any, claim: Claim, cells: list[Cell], sections: list[Any] = ()) -> Link | None:
    """The cell ``claim`` restates, or None. The unscoped subject map is used only outside sections
    about another fund or topic (a 政府性基金 section's 基本支出 is not T3's); inside them only the
    map lines scoped to that topic."""
    if not cells:
        return None
    heads = _headings(sections, claim.line)
    fund = any(_FUND.search(h or "") for h in heads)
    found = link_path(doc, claim, cells, ("T8",) if fund else ("T5", "T3"))
    if found is not None:
        return found
    found = link_following_table(claim, cells) or link_own_table(claim, cells)
    if found is not None:
        return found
    if any(_OTHER_SCOPE.search(h or "") for h in heads):
        return link_map(claim, cells, heads)
    return link_map(claim, cells)
