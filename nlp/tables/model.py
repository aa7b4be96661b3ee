"""Plain data of the table stage: a parsed :class:`Table` and its logical :class:`Row` s.

A Table is what :func:`nlp.tables.extract_tables` returns: a canonical ``id`` (T1…T9, B1…B13,
P1…P5, X1, or U<n> when unidentified — see docs/tables.md), the title as printed, the unit, the
input lines it spans, its value column names and its cells (:class:`nlp.records.Cell`). Rows are
kept too because the rules think in rows (a code, a label, a side, values by column).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..records import Cell


@dataclass
class Value:
    """One value slot of a row: the stated number (None when blank), as printed, and its line."""

    column: str
    value: Decimal | None
    text: str
    line: int


@dataclass
class Row:
    """One logical row (possibly assembled from several input lines)."""

    label: str
    line: int  # line of the label (or of the values when the label is blank)
    code: str | None = None
    side: str | None = None
    values: list[Value] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)  # every input line the row was read from
    rowno: int | None = None  # 行次 printed next to the label (not a value)
    index: int = 0

    def get(self, column: str) -> Value | None:
        for v in self.values:
            if v.column == column:
                return v
        return None

    def first(self) -> Value | None:
        """The first value slot (the amount of a one-column side, or the row total)."""
        return self.values[0] if self.values else None


@dataclass
class Table:
    """One table of a document, continuation pages merged."""

    doc: str
    id: str  # canonical id; repeated ids get a suffix in ``key`` (P2, P2-2 …)
    title: str
    unit: str | None
    start_line: int
    end_line: int
    layout: str  # tab | pipe | spaces
    shape: str  # statement | coded | econ | sangong | perf
    kind: str | None = None  # 决算 | 预算 | 绩效 | None
    key: str = ""
    columns: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    cells: list[Cell] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)  # (line, text) of 注/无发生额 lines
    pages: list[int] = field(default_factory=list)  # first line of each page segment
    title_line: int | None = None
    identified_by: str = "title"  # title | header | continuation | none

    def to_dict(self) -> dict:
        return {"doc": self.doc, "table": self.key or self.id, "id": self.id, "title": self.title,
                "unit": self.unit, "start_line": self.start_line, "end_line": self.end_line,
                "layout": self.layout, "shape": self.shape, "kind": self.kind, "columns": self.columns,
                "rows": len(self.rows), "cells": len(self.cells), "segments": len(self.pages),
                "identified_by": self.identified_by}
