"""Schemas of the store tables: column names, Arrow types and one-line descriptions.

The row shapes of cells, claims, findings and reasons are the dataclasses of :mod:`nlp.records`
(whatever fields they gain later come along automatically); each row also gets the keys ``doc`` and
``id`` and the positions ``line``/``start``/``end`` first. Decimals are stored as text so that the
stated precision survives (``13.50`` stays ``13.50``); dicts are JSON text; lists are Arrow lists.
``docs/audit.md`` describes every column listed here (a test keeps the two in step).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from decimal import Decimal
from typing import Any

import pyarrow as pa

from .records import Cell, Claim, Clause, Finding

S, I, F, B = pa.string(), pa.int64(), pa.float64(), pa.bool_()
LS, LF = pa.list_(pa.string()), pa.list_(pa.float64())

#: Every table of the store, in the order they are written.
TABLES = ("documents", "sections", "cells", "claims", "findings", "reasons", "coverage", "stages", "texts")
#: Tables exported as Parquet (and CSV with --csv). ``texts`` stays in the database.
EXPORTED = ("documents", "sections", "cells", "claims", "findings", "reasons", "coverage", "stages")

TABLE_DOCS = {
    "documents": "One row per input, in input order, with status (ok/partial/failed), metadata and counts.",
    "sections": "Parts, numbered headings and table regions of each document (nlp.sections).",
    "cells": "Table cells (nlp.tables); value keeps the stated precision.",
    "claims": "Quantified claims in the narrative (nlp.claims).",
    "findings": "One evaluated rule instance each (nlp.rules): verdict, severity, evidence.",
    "reasons": "Clauses of stated explanations with reason labels (nlp.reasons).",
    "coverage": "Per document and rule: instances evaluated and how many were unverifiable.",
    "stages": "Per document and stage: ok / empty / missing / error, the note, and seconds taken.",
    "texts": "The normalised text of each document (offsets point into it) and its narrative line ranges.",
}

_POS = {
    "doc": "input name as given (or as found in a folder); with id, the key of a row",
    "id": "row id, unique within its document",
    "line": "1-based line of the input file",
    "start": "start offset in the normalised document text (texts.text)",
    "end": "end offset (exclusive) in the normalised document text",
}

#: Fixed columns: table → [(column, type, description)].
FIXED: dict[str, list[tuple[str, pa.DataType, str]]] = {
    "documents": [
        ("seq", I, "position of the input in the run (0-based)"),
        ("doc", S, _POS["doc"]),
        ("path", S, "file path read (null for stdin)"),
        ("status", S, "ok | partial (a stage missing, failed or found nothing) | failed (could not be read)"),
        ("reason", S, "one line: why failed, or the notes that made it partial"),
        ("notes", LS, "every note of the run on this document"),
        ("department", S, "department named in the title"),
        ("year", I, "fiscal year"),
        ("kind", S, "决算 | 预算 | 绩效自评"),
        ("scope", S, "部门 | 本级 | 单位"),
        ("unit", S, "table unit (万元 / 元)"),
        ("encoding", S, "detected input encoding"),
        ("source", S, "text | pdf"),
        ("script", S, "simplified | traditional"),
        ("lines", I, "number of input lines"),
        ("pages", I, "number of PDF pages (null for text)"),
        ("chars", I, "length of the normalised text"),
        ("rules_applied", I, "check rules applied"),
        ("instances", I, "rule instances evaluated (findings)"),
        ("evaluated", I, "instances with a verdict other than unverifiable"),
        ("unverifiable", I, "instances that could not be checked"),
        ("n_sections", I, "rows in sections"), ("n_tables", I, "distinct tables among the cells"),
        ("n_cells", I, "rows in cells"), ("n_claims", I, "rows in claims"), ("n_findings", I, "rows in findings"),
        ("n_consistent", I, "findings with verdict consistent"), ("n_rounding", I, "findings with verdict rounding"),
        ("n_inconsistent", I, "findings with verdict inconsistent"),
        ("n_unverifiable", I, "findings with verdict unverifiable"), ("n_reasons", I, "rows in reasons"),
    ],
    "sections": [
        ("doc", S, _POS["doc"]), ("id", S, "S + index"), ("line", I, "= start_line"),
        ("start", I, "offset of the first character of start_line"), ("end", I, "offset of the end of end_line"),
        ("kind", S, "概况 | 表 | 情况说明 | 绩效 | 其他重要事项 | 名词解释 | 目录 | 其他"),
        ("level", I, "0 part, 1 一、, 2 （一）, 3 1., 4 （1）, 5 ①"), ("heading", S, "heading text"),
        ("start_line", I, "first line (1-based, inclusive)"), ("end_line", I, "last line (inclusive)"),
        ("marker", S, "numbering marker (一、 （一） …)"), ("parent", S, "id of the enclosing section"),
        ("index", I, "position in the document's section list"),
    ],
    "coverage": [
        ("doc", S, _POS["doc"]), ("rule", S, "rule id"), ("instances", I, "findings the rule produced"),
        ("unverifiable", I, "of which unverifiable"),
    ],
    "stages": [
        ("doc", S, _POS["doc"]), ("stage", S, "load | sections | narrative | tables | claims | checks | reasons"),
        ("status", S, "ok | empty (ran, found nothing) | missing (module not installed) | error (raised)"),
        ("note", S, "why not ok"), ("seconds", F, "wall-clock time (the only non-deterministic column)"),
    ],
    "texts": [
        ("doc", S, _POS["doc"]), ("text", S, "normalised text; every start/end offset points into it"),
        ("narrative", S, "JSON list of [start_line, end_line, kind] prose ranges shown in the report"),
    ],
}

_RECORDS = {"cells": Cell, "claims": Claim, "findings": Finding, "reasons": Clause}
_RECORD_DOCS: dict[str, dict[str, str]] = {
    "cells": {"id": "X + running number", "start": "offset of the cell text in its line (else the line)",
              "end": "end offset of the cell text", "table": "canonical table id (T1 … T9, budget ids)",
              "table_title": "title as printed", "row_code": "功能/经济分类 code of the row",
              "row_label": "row label", "side": "收入 / 支出 for two-sided tables", "column": "column heading",
              "value": "decimal text, stated precision kept; null when blank", "unit": "unit of the value",
              "text": "the cell as printed", "page": "PDF page", "bbox": "PDF box [x0, top, x1, bottom]",
              "row": "row index within the table"},
    "claims": {"id": "claim id (C + number when the extractor gives none)", "text": "the figure as written",
               "sentence": "the sentence it stands in", "kind": "amount | change | growth_rate | share | …",
               "subject": "what the figure is about, as written", "subject_key": "canonical subject",
               "value": "decimal text", "unit": "unit as written", "value_wan": "value in 万元 (decimal text)",
               "approx": "近 / 超 / 约 …", "direction": "增加 / 减少 / 持平 / 大于 / 小于",
               "base": "上年决算 / 年初预算 / …", "group": "claims stated together", "operator": "≥ ≤ > < =",
               "section": "section kind or heading", "page": "PDF page", "extra": "JSON: anything else"},
    "findings": {"id": "F + number", "rule": "rule id", "verdict": "consistent | rounding | inconsistent | unverifiable",
                 "severity": "info | low | medium | high", "stated": "figure as stated",
                 "expected": "figure the tables or arithmetic give", "evidence": "JSON: cells, formula, numbers",
                 "message": "one-line explanation", "claim_text": "text of the claim checked",
                 "claim_id": "claims.id of the claim checked", "page": "PDF page"},
    "reasons": {"id": "R + number", "clause": "clause text", "explains": "claims.id (or explanation) it explains",
                "labels": "reason labels (docs/reasons-taxonomy.md)", "scores": "JSON: label → score",
                "flags": "vague / reason_missing / reason_mismatch …", "marker": "一是 / 1. …",
                "cue": "cue phrase", "kind": "reason | use", "explanation_id": "id of the whole explanation",
                "page": "PDF page"},
}
_KEYS_FIRST = ("doc", "id", "line", "start", "end")


def arrow_type(hint: Any) -> pa.DataType:
    """Arrow type for a dataclass field annotation."""
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return arrow_type(args[0]) if len(args) == 1 else S
    if origin in (list, tuple):
        inner = arrow_type(args[0]) if args else S
        return pa.list_(inner if inner in (S, I, F, B) else S)
    return {str: S, int: I, float: F, bool: B, Decimal: S}.get(hint, S)


def _record_columns(name: str) -> list[tuple[str, pa.DataType, str]]:
    cls = _RECORDS[name]
    hints = typing.get_type_hints(cls)
    docs = {**_POS, **_RECORD_DOCS.get(name, {})}
    cols = {f.name: (f.name, arrow_type(hints[f.name]), docs.get(f.name, f"{cls.__name__}.{f.name}"))
            for f in dataclasses.fields(cls)}
    for key in _KEYS_FIRST:
        cols.setdefault(key, (key, S if key in ("doc", "id") else I, docs[key]))
    first = [cols.pop(k) for k in _KEYS_FIRST]
    return first + list(cols.values())


def columns(name: str) -> list[tuple[str, pa.DataType, str]]:
    """The declared columns of a table."""
    return list(FIXED[name]) if name in FIXED else _record_columns(name)


def column_docs(name: str) -> tuple[str, dict[str, str]]:
    """(table description, column → description)."""
    return TABLE_DOCS[name], {c: d for c, _, d in columns(name)}


def arrow_schema(name: str, rows: list[dict[str, Any]] | None = None) -> pa.Schema:
    """The table's schema, plus a text column for every key some row has beyond it (kept, not dropped)."""
    cols = columns(name)
    known = {c for c, _, _ in cols}
    extra: list[str] = []
    for r in rows or ():
        for k in r:
            if k not in known:
                known.add(k)
                extra.append(k)
    return pa.schema([pa.field(c, t) for c, t, _ in cols] + [pa.field(k, S) for k in extra])
