"""The store: results as Arrow tables, a DuckDB file, Parquet/CSV/Excel exports and the report.

:func:`build_tables` turns pipeline results into one Arrow table per store table (schemas in
:mod:`nlp.schema`, documented in ``docs/audit.md``). :func:`write_outputs` writes them into an
output folder: ``audit.duckdb``, ``report.html`` + ``report/``, one Parquet file per table, and on request CSV
and an Excel workbook. Every file is first written under a temporary name in the output folder and
then renamed into place, so an interrupted run never leaves a half-written database and a re-run
replaces the previous results.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any, Iterable

import pyarrow as pa
import pyarrow.parquet as pq

from .pipeline import DocResult
from .schema import EXPORTED, TABLES, arrow_schema, column_docs

DB_NAME = "audit.duckdb"
REPORT_NAME = "report.html"
XLSX_NAME = "audit.xlsx"
XLSX_SHEETS = ("documents", "findings", "claims", "reasons", "cells", "sections", "coverage", "stages")
_XLSX_MAX_CHARS = 32767  # Excel's limit for one cell
_XLSX_MAX_ROWS = 1_048_575


def rows_of(results: Iterable[DocResult]) -> dict[str, list[dict[str, Any]]]:
    """The rows of every store table, in input order."""
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for r in results:
        out["documents"].append(dict(r.document))
        out["sections"].extend(r.sections)
        out["cells"].extend(r.cells)
        out["claims"].extend(r.claims)
        out["findings"].extend(r.findings)
        out["reasons"].extend(r.reasons)
        out["coverage"].extend(r.coverage)
        out["stages"].extend(r.stages)
        if r.text is not None:
            out["texts"].append({"doc": r.doc, "text": r.text,
                                 "narrative": json.dumps(r.narrative, ensure_ascii=False)})
    return out


def build_tables(results: Iterable[DocResult]) -> dict[str, pa.Table]:
    """One Arrow table per store table; columns a stage adds beyond the schema are kept, as text."""
    return _arrow(rows_of(results))


class TableBuilder:
    """Collects results one document at a time as Arrow tables, so that a large batch does not
    hold every row as Python dicts. :meth:`add` empties the result's row lists (its ``document``
    row and counts stay, for the summary); :meth:`tables` gives what :func:`build_tables` would."""

    def __init__(self) -> None:
        self.parts: dict[int, dict[str, pa.Table]] = {}

    def add(self, result: DocResult) -> None:
        self.parts[result.seq] = _arrow(rows_of([result]))
        for name in ("sections", "cells", "claims", "findings", "reasons", "coverage", "narrative"):
            setattr(result, name, [])
        result.text = None

    def tables(self) -> dict[str, pa.Table]:
        order = [self.parts[k] for k in sorted(self.parts)]
        out = {}
        for name in TABLES:
            pieces = [p[name] for p in order if p[name].num_rows]
            if not pieces:
                out[name] = _arrow({name: []})[name]
                continue
            try:
                out[name] = pa.concat_tables(pieces, promote_options="default")
            except (pa.ArrowInvalid, pa.ArrowTypeError):  # a column typed differently per document
                out[name] = _arrow({name: [r for t in pieces for r in t.to_pylist()]})[name]
        return out


def _arrow(tables_rows: dict[str, list[dict[str, Any]]]) -> dict[str, pa.Table]:
    tables = {}
    for name, rows in tables_rows.items():
        schema = arrow_schema(name, rows)
        fitted = [_fit(r, schema) for r in rows]
        try:
            tables[name] = pa.Table.from_pylist(fitted, schema=schema)
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, OverflowError):
            schema = _loosen(schema, fitted)  # a stage gave a value of another type: keep it as text
            tables[name] = pa.Table.from_pylist([_fit(r, schema) for r in rows], schema=schema)
    return tables


def _loosen(schema: pa.Schema, rows: list[dict[str, Any]]) -> pa.Schema:
    """The schema with every column whose values do not fit their declared type turned into text."""
    fields = []
    for f in schema:
        try:
            pa.array([r.get(f.name) for r in rows], type=f.type)
            fields.append(f)
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, OverflowError):
            fields.append(pa.field(f.name, pa.string()))
    return pa.schema(fields)


def _fit(row: dict[str, Any], schema: pa.Schema) -> dict[str, Any]:
    out = {}
    for f in schema:
        v = row.get(f.name)
        if v is None:
            out[f.name] = None
        elif pa.types.is_string(f.type) and not isinstance(v, str):
            out[f.name] = json.dumps(v, ensure_ascii=False, sort_keys=True, default=str)
        elif pa.types.is_list(f.type) and not isinstance(v, (list, tuple)):
            out[f.name] = [v]
        else:
            out[f.name] = v
    return out


# -- writing ----------------------------------------------------------------------------------
def write_outputs(tables: dict[str, pa.Table], out: str | os.PathLike, csv: bool = False,
                  xlsx: bool = False, report: bool = True) -> dict[str, Path]:
    """Write database, Parquet files, report (``report.html`` + ``report/``; CSV/Excel on request)
    into ``out``; return paths.

    Files are staged in a hidden temporary folder inside ``out`` and renamed into place; CSV or
    Excel files of an earlier run that this run does not produce are removed so that nothing stale
    sits next to fresh results.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    if report:  # report.html (the index) and report/ (a page per document), staged and renamed by the report
        from .report import write_report

        written.update(write_report(tables, out))
    with tempfile.TemporaryDirectory(prefix=".shuoming-", dir=out) as tmp:
        staged: dict[str, Path] = {}
        tmpdir = Path(tmp)
        for name in EXPORTED:
            p = tmpdir / f"{name}.parquet"
            pq.write_table(tables[name], p)
            staged[f"{name}.parquet"] = p
        if csv:
            for name in EXPORTED:
                p = tmpdir / f"{name}.csv"
                write_csv(tables[name], p)
                staged[f"{name}.csv"] = p
        if xlsx:
            p = tmpdir / XLSX_NAME
            write_xlsx(tables, p)
            staged[XLSX_NAME] = p
        p = tmpdir / DB_NAME
        write_duckdb(tables, p)
        staged[DB_NAME] = p
        for fname, p in staged.items():  # the database last: it is the record of the run
            if fname == DB_NAME:
                continue
            os.replace(p, out / fname)
            written[fname] = out / fname
        os.replace(staged[DB_NAME], out / DB_NAME)
        written[DB_NAME] = out / DB_NAME
    for stale in [f"{n}.csv" for n in EXPORTED] + [XLSX_NAME]:
        if stale not in written and (out / stale).is_file():
            (out / stale).unlink()
    return written


def write_duckdb(tables: dict[str, pa.Table], path: str | os.PathLike) -> None:
    """A DuckDB database holding every table, with table and column comments from the schema."""
    import duckdb

    path = Path(path)
    for p in (path, Path(f"{path}.wal")):
        if p.exists():
            p.unlink()
    con = duckdb.connect(str(path))
    try:
        for name, table in tables.items():
            con.register("_incoming", table)
            con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM _incoming')
            con.unregister("_incoming")
            table_doc, cols = column_docs(name)
            con.execute(f"COMMENT ON TABLE \"{name}\" IS {_sql_str(table_doc)}")
            for col in table.column_names:
                if col in cols:
                    con.execute(f'COMMENT ON COLUMN "{name}"."{col}" IS {_sql_str(cols[col])}')
        con.execute("CHECKPOINT")
    finally:
        con.close()


def _sql_str(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _flat(value: Any) -> Any:
    """A value for a flat file: lists joined with '; ', everything else as is."""
    if isinstance(value, list):
        return "; ".join("" if v is None else str(v) for v in value)
    return value


def write_csv(table: pa.Table, path: str | os.PathLike) -> None:
    """UTF-8 CSV with a BOM (so that spreadsheet programs read the Chinese text right)."""
    import csv as _csv

    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = _csv.writer(fh)
        w.writerow(table.column_names)
        for row in table.to_pylist():
            w.writerow(["" if v is None else _flat(v) for v in row.values()])


def write_xlsx(tables: dict[str, pa.Table], path: str | os.PathLike) -> None:
    """An Excel workbook for auditors: one sheet per table, bold frozen header, filters, widths.

    Text longer than Excel allows in a cell is cut with a visible mark; control characters Excel
    rejects are dropped (the Parquet and DuckDB outputs keep the exact text).
    """
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    for name in XLSX_SHEETS:
        table = tables[name]
        ws = wb.create_sheet(name)
        cols = table.column_names
        ws.append(cols)
        for c in ws[1]:
            c.font = Font(bold=True)
        widths = [min(max(len(c) + 2, 8), 60) for c in cols]
        for n, row in enumerate(table.to_pylist()):
            if n >= _XLSX_MAX_ROWS - 1:
                ws.append([f"… {table.num_rows - n} more rows: see {name}.parquet"])
                break
            vals = []
            for j, v in enumerate(row.values()):
                v = _flat(v)
                if isinstance(v, str):
                    v = ILLEGAL_CHARACTERS_RE.sub("", v)
                    if len(v) > _XLSX_MAX_CHARS:
                        v = v[: _XLSX_MAX_CHARS - 20] + " …[truncated]"
                    if n < 200:
                        widths[j] = min(max(widths[j], len(v) + 2), 60)
                vals.append(v)
            ws.append(vals)
        for j, w in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(j)].width = w
        ws.freeze_panes = "A2"
        if cols:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{max(ws.max_row, 1)}"
    wb.save(path)


def read_duckdb(path: str | os.PathLike) -> dict[str, Any]:
    """Every table of an ``audit.duckdb`` as pandas DataFrames (read-only)."""
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    try:
        names = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY table_name").fetchall()]
        return {n: con.execute(f'SELECT * FROM "{n}"').df() for n in names}
    finally:
        con.close()
