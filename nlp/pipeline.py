"""The whole pipeline for one document: ``analyze(source) -> DocResult``.

Stages run in order — load (ingest, normalise, metadata) → sections → tables → claims → checks →
reasons — and each later stage is optional: it runs when its module can be imported. A stage that
is missing, raises, or finds nothing becomes a *note* and the document's status becomes
``partial``; only a document that cannot be read at all is ``failed`` (with the one-line reason of
its :class:`~nlp.errors.InputError`). ``analyze`` never raises for a bad input, so one document can
never stop a batch.

The result is plain data (dicts and lists, Decimals as strings): it pickles across processes and is
exactly what :mod:`nlp.store` writes. Every row carries ``doc`` and ``id`` (the keys linking the
tables) and its position: ``line`` (1-based input line) and ``start``/``end`` (offsets into the
normalised ``Document.text``). Given the same input the result is the same, except ``seconds`` in
``stages`` (wall-clock timings, kept apart for that reason).
"""

from __future__ import annotations

import importlib
import inspect
import json
import time
from dataclasses import asdict, dataclass, field, is_dataclass
from decimal import Decimal
from typing import Any, Callable

from .errors import InputError
from .ingest import Source

#: Optional stage modules, by stage name. A stage whose module is absent is reported, not fatal.
STAGE_MODULES = {"tables": "nlp.tables", "claims": "nlp.claims", "checks": "nlp.rules",
                 "reasons": "nlp.reasons"}
#: Modules imported before the checks run so that the rules they define are registered.
RULE_MODULES = ("nlp.checks",)
#: Section kinds whose prose the report shows (and claims are read from).
NARRATIVE_KINDS = ("情况说明", "其他重要事项", "绩效", "概况")
STATUSES = ("ok", "partial", "failed")


@dataclass
class DocResult:
    """Everything the pipeline found in one document, as plain rows ready for the store."""

    seq: int
    doc: str
    status: str = "ok"  # ok | partial | failed
    reason: str | None = None  # one line: why failed or partial
    notes: list[str] = field(default_factory=list)
    document: dict[str, Any] = field(default_factory=dict)
    text: str | None = None  # normalised document text; claim offsets point into it
    narrative: list[list[Any]] = field(default_factory=list)  # [start_line, end_line, kind]
    sections: list[dict[str, Any]] = field(default_factory=list)
    cells: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    findings: list[dict[str, Any]] = field(default_factory=list)
    coverage: list[dict[str, Any]] = field(default_factory=list)
    reasons: list[dict[str, Any]] = field(default_factory=list)
    stages: list[dict[str, Any]] = field(default_factory=list)  # stage, status, note, seconds

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# -- helpers ----------------------------------------------------------------------------------
def one_line(text: str, limit: int = 300) -> str:
    """A message squeezed onto one line (errors from libraries can span several)."""
    s = " ".join(str(text).split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


def plain(value: Any) -> Any:
    """A JSON-friendly copy: Decimals as strings (stated precision kept), tuples as lists."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(plain(v) for v in value)
    return value


def as_row(record: Any) -> dict[str, Any]:
    """A stage's record (a :mod:`nlp.records` dataclass, another dataclass or a dict) as a dict."""
    if hasattr(record, "to_dict"):
        d = record.to_dict()
    elif is_dataclass(record) and not isinstance(record, type):
        d = asdict(record)
    elif isinstance(record, dict):
        d = dict(record)
    else:
        d = dict(vars(record))
    return plain(d)


def stage_module(name: str) -> tuple[Any | None, str | None]:
    """Import an optional stage's module: (module, None) or (None, why it is unavailable)."""
    modname = STAGE_MODULES[name]
    try:
        return importlib.import_module(modname), None
    except ModuleNotFoundError as exc:
        if exc.name and (exc.name == modname or modname.startswith(exc.name + ".")):
            return None, f"stage {name} unavailable (no module {modname})"
        return None, f"stage {name} unavailable ({one_line(f'{type(exc).__name__}: {exc}')})"
    except Exception as exc:  # noqa: BLE001 - a broken stage must not stop the pipeline
        return None, f"stage {name} unavailable ({one_line(f'{type(exc).__name__}: {exc}')})"


def preload_stages() -> dict[str, str | None]:
    """Import every optional stage once (before forking workers); name → note or None."""
    return {name: stage_module(name)[1] for name in STAGE_MODULES}


_WARM_UP_TEXT = ("广州市示例局2022年度部门决算\n第三部分 2022年度部门决算情况说明\n一、收入支出决算总体情况说明\n"
                 "2022年度收入合计49,644.69万元，比上年决算数增加10,391.38万元，增长26.5%。"
                 "主要原因：一是新增项目经费；二是人员增加。\n")


def warm_up() -> None:
    """Run every stage once on a built-in passage so that lazily loaded dictionaries and models
    are in memory before worker processes are forked (they then share them, and none pays the
    start-up again). Errors are ignored here: the real documents report them."""
    from .load import load_text
    from .sections import find_sections

    try:
        doc = load_text(_WARM_UP_TEXT, doc="<warm-up>")
        sections = find_sections(doc)
        tables, cells = _tables(doc, sections)
        claims = _claims(doc, sections, tables, cells)
        _checks(doc, sections, tables, cells, claims)
        _reasons(doc, claims, sections)
    except Exception:  # noqa: BLE001
        pass


def call_with(fn: Callable[..., Any], *args: Any, **optional: Any) -> Any:
    """Call ``fn(*args)`` adding only the keyword arguments its signature accepts."""
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return fn(*args)
    if any(p.kind is p.VAR_KEYWORD for p in params.values()):
        return fn(*args, **optional)
    return fn(*args, **{k: v for k, v in optional.items() if k in params})


class _Stages:
    """Runs stages for one document, recording status, note and time of each."""

    def __init__(self, result: DocResult):
        self.result = result

    def run(self, name: str, fn: Callable[[], Any], default: Any = None) -> Any:
        t0 = time.perf_counter()
        status, note, value = "ok", None, default
        try:
            value = fn()
        except InputError:
            raise
        except _Unavailable as exc:
            status, note = "missing", str(exc)
        except Exception as exc:  # noqa: BLE001 - a stage bug must not stop this document
            status, note = "error", f"stage {name} failed ({one_line(f'{type(exc).__name__}: {exc}')})"
            value = default
        self.result.stages.append({"doc": self.result.doc, "stage": name, "status": status, "note": note,
                                   "seconds": round(time.perf_counter() - t0, 6)})
        if note:
            self.result.notes.append(note)
        return value

    def note(self, stage: str, text: str) -> None:
        """A stage ran but found nothing worth having (e.g. no tables): partial, not an error."""
        for s in self.result.stages:
            if s["stage"] == stage and s["status"] == "ok":
                s["status"], s["note"] = "empty", text
        self.result.notes.append(text)


class _Unavailable(Exception):
    pass


def _require(name: str) -> Any:
    module, why = stage_module(name)
    if module is None:
        raise _Unavailable(why)
    return module


# -- the pipeline -----------------------------------------------------------------------------
def analyze(source: Source, seq: int = 0) -> DocResult:
    """Run every available stage on one source. Never raises for a bad input or a failing stage."""
    result = DocResult(seq=seq, doc=source.doc)
    result.document = {"seq": seq, "doc": source.doc,
                       "path": None if source.path is None else source.path.as_posix()}
    try:
        _analyze(source, result)
    except InputError as exc:
        _fail(result, one_line(str(exc)))
    except Exception as exc:  # noqa: BLE001 - last line of defence: one document, one failed row
        _fail(result, f"internal error ({one_line(f'{type(exc).__name__}: {exc}')})")
    result.document.update({"status": result.status, "reason": result.reason, "notes": list(result.notes)})
    return result


def _fail(result: DocResult, reason: str) -> None:
    result.status, result.reason = "failed", reason
    for name in ("sections", "cells", "claims", "findings", "coverage", "reasons", "narrative"):
        setattr(result, name, [])
    result.text = None


def _analyze(source: Source, result: DocResult) -> None:
    from .load import load_source
    from .sections import find_sections, narrative_lines

    stages = _Stages(result)
    t0 = time.perf_counter()
    doc = load_source(source)  # InputError → failed
    result.stages.append({"doc": source.doc, "stage": "load", "status": "ok", "note": None,
                          "seconds": round(time.perf_counter() - t0, 6)})
    result.text = doc.text
    meta = doc.meta
    result.document.update({
        "department": meta.get("department"), "year": meta.get("year"), "kind": meta.get("kind"),
        "scope": meta.get("scope"), "unit": meta.get("unit"), "encoding": doc.encoding,
        "source": doc.source_kind, "script": doc.script, "lines": doc.n_lines,
        "pages": (max(doc.pages) if doc.pages else 0) if doc.pages is not None else None,
        "chars": len(doc.text)})
    result.notes.extend(one_line(n) for n in getattr(doc, "notes", []) or [])

    sections = stages.run("sections", lambda: find_sections(doc), default=[])
    result.sections = [_section_row(doc, s) for s in sections]
    narrative = stages.run("narrative", lambda: narrative_lines(doc, sections, kinds=NARRATIVE_KINDS), [])
    result.narrative = [[int(a), int(b), str(k)] for a, b, k in narrative]

    tables, cells = stages.run("tables", lambda: _tables(doc, sections), default=([], []))
    result.cells = [_cell_row(doc, c, i) for i, c in enumerate(cells)]
    if stages.result.stages[-1]["status"] == "ok" and not cells:
        stages.note("tables", "no tables found")

    claims = stages.run("claims", lambda: _claims(doc, sections, tables, cells), default=[])
    _assign_ids(claims, "C")
    result.claims = [_claim_row(doc, c) for c in claims]
    if stages.result.stages[-1]["status"] == "ok" and not claims:
        stages.note("claims", "no claims found")

    findings, coverage = stages.run("checks", lambda: _checks(doc, sections, tables, cells, claims),
                                    default=([], None))
    by_claim = {c["id"]: c for c in result.claims}
    result.findings = [_finding_row(f, i, by_claim) for i, f in enumerate(findings)]
    result.coverage = _coverage_rows(source.doc, coverage)
    if coverage is not None:
        cov = coverage.to_dict() if hasattr(coverage, "to_dict") else dict(coverage)
        result.document.update({k: cov.get(k) for k in ("rules_applied", "instances", "evaluated", "unverifiable")})
        if not cov.get("rules_applied"):
            stages.note("checks", "no check rules applied")

    reasons = stages.run("reasons", lambda: _reasons(doc, claims, sections), default=[])
    result.reasons = [_reason_row(doc, r, i) for i, r in enumerate(reasons)]

    result.document.update(_counts(result))
    result.status = "partial" if result.notes else "ok"
    result.reason = "; ".join(dict.fromkeys(result.notes)) or None


# -- stage calls ------------------------------------------------------------------------------
def _tables(doc: Any, sections: list[Any]) -> tuple[list[Any], list[Any]]:
    mod = _require("tables")
    if hasattr(mod, "extract_tables"):
        tables = list(call_with(mod.extract_tables, doc, sections=sections) or [])
        cells = [c for t in tables for c in (getattr(t, "cells", None) or [])]
        if not cells and hasattr(mod, "extract_cells"):
            cells = list(call_with(mod.extract_cells, doc, sections=sections) or [])
        return tables, cells
    if hasattr(mod, "extract_cells"):
        return [], list(call_with(mod.extract_cells, doc, sections=sections) or [])
    raise _Unavailable("stage tables unavailable (nlp.tables has no extract_tables/extract_cells)")


def _claims(doc: Any, sections: list[Any], tables: list[Any], cells: list[Any]) -> list[Any]:
    mod = _require("claims")
    if not hasattr(mod, "extract_claims"):
        raise _Unavailable("stage claims unavailable (nlp.claims has no extract_claims)")
    return list(call_with(mod.extract_claims, doc, sections=sections, tables=tables, cells=cells) or [])


def _checks(doc: Any, sections: list[Any], tables: list[Any], cells: list[Any], claims: list[Any]):
    mod = _require("checks")
    for extra in RULE_MODULES:  # packages whose import registers more rules, when present
        try:
            importlib.import_module(extra)
        except ModuleNotFoundError as exc:
            if not (exc.name and extra.startswith(exc.name)):
                raise
    ctx = mod.RuleContext(doc=doc, tables=tables, cells=cells, claims=claims, sections=sections)
    findings, coverage = mod.run_rules(ctx)
    return list(findings), coverage


def _reasons(doc: Any, claims: list[Any], sections: list[Any]) -> list[Any]:
    mod = _require("reasons")
    if not hasattr(mod, "extract_reasons"):
        raise _Unavailable("stage reasons unavailable (nlp.reasons has no extract_reasons)")
    return list(call_with(mod.extract_reasons, doc, claims, sections=sections) or [])


# -- rows -------------------------------------------------------------------------------------
def _assign_ids(records: list[Any], prefix: str) -> None:
    """Give every record a unique ``id`` within its document (keeping ids a stage already set)."""
    seen: set[str] = set()
    for i, r in enumerate(records, start=1):
        rid = getattr(r, "id", None) if not isinstance(r, dict) else r.get("id")
        if not rid or rid in seen:
            rid = f"{prefix}{i:04d}"
            while rid in seen:
                rid += "x"
            if isinstance(r, dict):
                r["id"] = rid
            else:
                try:
                    r.id = rid
                except AttributeError:
                    pass
        seen.add(rid)


def _span_of_line(doc: Any, line: int | None) -> tuple[int | None, int | None]:
    if not line or not (1 <= line <= doc.n_lines):
        return None, None
    return doc.line_start(line), doc.line_end(line)


def _section_row(doc: Any, s: Any) -> dict[str, Any]:
    row = as_row(s)
    row["id"] = f"S{int(row.get('index', 0)):04d}"
    row["line"] = row.get("start_line")
    row["start"] = doc.line_start(row["start_line"]) if row.get("start_line") else None
    end_line = min(int(row.get("end_line") or 0), doc.n_lines)
    row["end"] = doc.line_end(end_line) if end_line >= 1 else None
    row["parent"] = None if row.get("parent") is None else f"S{int(row['parent']):04d}"
    return row


def _cell_row(doc: Any, cell: Any, i: int) -> dict[str, Any]:
    row = as_row(cell)
    row["id"] = f"X{i + 1:05d}"
    start, end = _span_of_line(doc, row.get("line"))
    text = (row.get("text") or "").strip()
    if start is not None and text:
        at = doc.text.find(text, start, end)
        if at >= 0:
            start, end = at, at + len(text)
    row.setdefault("start", start)
    row.setdefault("end", end)
    return row


def _claim_row(doc: Any, claim: Any) -> dict[str, Any]:
    row = as_row(claim)
    if row.get("start") is not None and row.get("line") is None:
        row["line"] = doc.position(row["start"])[0]
    return row


def _finding_row(f: Any, i: int, by_claim: dict[str, dict[str, Any]]) -> dict[str, Any]:
    row = as_row(f)
    row["id"] = f"F{i + 1:04d}"
    claim = by_claim.get(row.get("claim_id") or "")
    if claim is not None:  # a narrative finding without its own position takes its claim's
        for key in ("line", "start", "end"):
            if row.get(key) is None:
                row[key] = claim.get(key)
    if isinstance(row.get("evidence"), (dict, list)):
        row["evidence"] = json.dumps(row["evidence"], ensure_ascii=False, sort_keys=True, default=str)
    return row


def _reason_row(doc: Any, r: Any, i: int) -> dict[str, Any]:
    row = as_row(r)
    row["id"] = f"R{i + 1:04d}"
    if isinstance(row.get("scores"), dict):
        row["scores"] = json.dumps(row["scores"], ensure_ascii=False, sort_keys=True, default=str)
    return row


def _coverage_rows(doc: str, coverage: Any) -> list[dict[str, Any]]:
    if coverage is None:
        return []
    cov = coverage.to_dict() if hasattr(coverage, "to_dict") else dict(coverage)
    rows = []
    for rule_id, stats in sorted((cov.get("by_rule") or {}).items()):
        rows.append({"doc": doc, "rule": rule_id, "instances": int(stats.get("instances", 0)),
                     "unverifiable": int(stats.get("unverifiable", 0))})
    return rows


def _counts(result: DocResult) -> dict[str, Any]:
    verdicts = {v: 0 for v in ("consistent", "rounding", "inconsistent", "unverifiable")}
    for f in result.findings:
        if f.get("verdict") in verdicts:
            verdicts[f["verdict"]] += 1
    return {"n_sections": len(result.sections), "n_tables": len({c.get("table") for c in result.cells}),
            "n_cells": len(result.cells), "n_claims": len(result.claims), "n_findings": len(result.findings),
            **{f"n_{k}": v for k, v in verdicts.items()}, "n_reasons": len(result.reasons)}
