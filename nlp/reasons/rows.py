"""Reasons in the rows of an indicator table printed as text (绩效自评表 flattened by a PDF-to-text tool).

A header row whose cells name a reason column ("偏差原因分析及改进措施", "差异原因", "未完成原因") makes every
following row with as many cells a row to read ("购置学生课桌椅	600套	480套	年初需求测算偏高…；下一年度加强需求摸排"):
its reason cell, improvement measures after ``；`` dropped, is an explanation of that row's target and
actual, with no cue; a row whose actual falls short of its target (numbers in the target and actual
columns, the target not an upper bound) and whose reason cell is empty or says "无" is a gap with no
reason. Rows are the table rows the prose reader skips, so nothing is read twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import regex

_SEP = regex.compile(r"\s*\|\s*|\t+")
_REASON_HEAD = regex.compile(r"(?:偏差|差异|未完成|未达标|变动|差距)(?:的)?原因|原因(?:分析|说明)")
_TARGET_HEAD = regex.compile(r"(?:年度|全年)?(?:指标|目标)值|计划(?:数|值)|目标")
_ACTUAL_HEAD = regex.compile(r"实际(?:完成)?(?:值|数)?|完成(?:值|情况)")
_NOTHING = regex.compile(r"^(?:无|无偏差|无差异|未偏差|已完成|完成|达标|/|-+|—+|／)?[。.]?$")
_MEASURE = regex.compile(r"^\s*(?:下一?步|下一?年度?|今后|以后|后续|将|拟|继续|进一步|加强|改进|整改|措施|建议)")
_NUMBER = regex.compile(r"\d[\d,，]*(?:\.\d+)?")
_UPPER = regex.compile(r"^\s*(?:≤|<|＜|<=|不高于|不超过|低于|小于|控制在)")


@dataclass
class RowReason:
    """One row: the line, the row's statement (indicator, target, actual), and its reason cell."""

    line: int
    statement: str
    reason: str  # the reason cell with improvement measures cut off ("" when none is given)
    reason_col: int  # character offset of the reason inside the line (-1 when none)
    short: bool  # the actual falls short of the target


def _cells(line: str) -> list[str]:
    cells = _SEP.split(line.strip().strip("|"))
    return cells if len(cells) >= 3 else []


def _number(cell: str) -> Decimal | None:
    m = _NUMBER.search(cell)
    try:
        return Decimal(m.group(0).replace(",", "").replace("，", "")) if m else None
    except InvalidOperation:
        return None


def _short(target: str, actual: str) -> bool:
    """Does the actual fall short of a target that is a floor (≥ X, or X)?"""
    t, a = _number(target), _number(actual)
    if t is None or a is None or _UPPER.search(target):
        return False
    return a * _scale(actual) < t * _scale(target)


def _scale(cell: str) -> Decimal:
    """"18万人次" is 180000 人次."""
    return Decimal(10000) if "万" in cell else Decimal(1)


def _reason_text(cell: str) -> str:
    """The reason in a cell, improvement measures after ；/; cut off ("…人员变动；下年度加强培训")."""
    pieces = regex.split(r"[；;]", cell)
    keep = [p for p in pieces if p.strip() and not _MEASURE.search(p)]
    text = "；".join(p.strip() for p in keep).strip().rstrip("。.")
    return "" if _NOTHING.match(text) else text


def row_reasons(lines: list[str]) -> list[RowReason]:
    """Every row of every indicator table with a reason column in ``lines`` (1-based line numbers)."""
    out: list[RowReason] = []
    head: list[str] | None = None
    col = tgt = act = -1
    for n, line in enumerate(lines, 1):
        cells = _cells(line)
        if not cells:
            head = None
            continue
        reason_cols = [i for i, c in enumerate(cells) if _REASON_HEAD.search(c) and len(c) <= 20]
        if reason_cols:
            head, col = cells, reason_cols[-1]
            tgt = next((i for i, c in enumerate(cells) if _TARGET_HEAD.search(c) and i != col), -1)
            act = next((i for i, c in enumerate(cells) if _ACTUAL_HEAD.search(c) and i not in (col, tgt)), -1)
            continue
        if head is None or len(cells) < col or len(cells) > len(head):
            continue
        cell = cells[col] if col < len(cells) else ""
        reason = _reason_text(cell)
        short = tgt >= 0 and act >= 0 and max(tgt, act) < len(cells) and _short(cells[tgt], cells[act])
        at = line.find(reason) if reason else -1
        statement = " | ".join(c for i, c in enumerate(cells) if i != col and c)
        out.append(RowReason(n, statement, reason, at, short))
    return out
