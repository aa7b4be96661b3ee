"""The report's view model: store tables in, plain per-document passages and findings out.

Pure data, no HTML: every string here is raw text and the template escapes it. A passage is a run
of input lines (the narrative sections, plus any line holding a claim outside them); each line is
cut into segments at claim and reason-clause boundaries, so overlapping claims stay clickable and
no claim is left out of the page.
"""

from __future__ import annotations

import bisect
import json
from collections import defaultdict
from typing import Any

#: Verdict shown on a claim when several findings judge it: the first that occurs wins.
VERDICT_ORDER = ("inconsistent", "rounding", "consistent", "unverifiable")
SEVERITY_RANK = {"high": 3, "medium": 2, "low": 1, "info": 0}
UNCHECKED = "unchecked"
#: Above this many ``consistent`` findings the list shows only the others (a large corpus has tens
#: of thousands of reconciled table identities); they stay in the charts, the counts and the store.
MAX_LISTED_CONSISTENT = 2000
#: Longest evidence list shown in full (a sum over 30 rows shows its first parts and a count).
MAX_EVIDENCE_ITEMS = 12


def rows(table: Any) -> list[dict[str, Any]]:
    """Rows of an Arrow table or a pandas DataFrame as dicts (NaN → None)."""
    if table is None:
        return []
    if hasattr(table, "to_pylist"):
        return table.to_pylist()
    import pandas as pd

    df = table.convert_dtypes()  # integer columns with nulls stay integers (not 2022.0)
    df = df.astype(object).where(pd.notna(df), None)
    out = df.to_dict("records")
    for r in out:  # list columns come back as numpy arrays
        for k, v in r.items():
            if hasattr(v, "tolist") and not isinstance(v, (str, bytes)):
                r[k] = v.tolist()
    return out


def claim_verdict(verdicts: list[str]) -> str:
    """The verdict a claim is highlighted with, from the verdicts of its findings."""
    for v in VERDICT_ORDER:
        if v in verdicts:
            return v
    return UNCHECKED


def evidence_items(evidence: Any) -> list[tuple[str, str]]:
    """Evidence (JSON text or a dict) as (key, value) lines for display."""
    if evidence in (None, ""):
        return []
    if isinstance(evidence, str):
        try:
            evidence = json.loads(evidence)
        except ValueError:
            return [("", evidence)]
    if isinstance(evidence, dict):
        return [(str(k), show_value(v)) for k, v in evidence.items()]
    return [("", show_value(evidence))]


def show_value(v: Any) -> str:
    """Evidence value for a reader: a cell as ``T1 · row · column = value (line n)``, lists one per line."""
    if isinstance(v, dict):
        if "value" in v and ("row" in v or "table" in v):
            where = " · ".join(str(v[k]) for k in ("table", "row", "column") if v.get(k) not in (None, ""))
            line = f" (line {v['line']})" if v.get("line") is not None else ""
            return f"{where} = {v.get('value')}{line}"
        return ", ".join(f"{k}: {show_value(x)}" for k, x in v.items())
    if isinstance(v, list):
        items = [show_value(x) for x in v[:MAX_EVIDENCE_ITEMS]]
        if len(v) > MAX_EVIDENCE_ITEMS:
            items.append(f"… {len(v) - MAX_EVIDENCE_ITEMS} more (all in findings.evidence)")
        return "\n".join(items) if any(isinstance(x, dict) for x in v) else " – ".join(items) if len(v) == 2 \
            and all(isinstance(x, (str, int, float)) for x in v) else ", ".join(items)
    return "" if v is None else str(v)


def _merge(ranges: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for a, b, k in sorted(ranges):
        if out and a <= out[-1][1] + 1:
            pa_, pb, pk = out[-1]
            out[-1] = (pa_, max(pb, b), pk)
        else:
            out.append((a, b, k))
    return out


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            starts.append(i + 1)
    return starts


def build_model(tables: dict[str, Any]) -> dict[str, Any]:
    """Everything the single-file template shows, from the store tables."""
    documents = rows(tables.get("documents"))
    claims = rows(tables.get("claims"))
    verdict_counts = rule_verdict_counts(tables.get("findings"))
    n_findings = sum(n for c in verdict_counts.values() for n in c.values())
    n_consistent = sum(c.get("consistent", 0) for c in verdict_counts.values())
    hide_consistent = n_consistent > MAX_LISTED_CONSISTENT
    # rows needed: listed findings and those judging a claim (filtered before leaving Arrow)
    findings = rows(_needed_findings(tables.get("findings"), hide_consistent))
    reasons = rows(tables.get("reasons"))
    texts = {t["doc"]: t for t in rows(tables.get("texts"))}

    seq_of = {d["doc"]: d["seq"] for d in documents}
    claims_by_doc = _group(claims)
    findings_by_doc = _group(findings)
    reasons_by_doc = _group(reasons)
    docs = [doc_view(d, claims_by_doc.get(d["doc"], []), findings_by_doc.get(d["doc"], []),
                     reasons_by_doc.get(d["doc"], []), texts.get(d["doc"])) for d in documents]

    shown_by_doc = {d["doc"]["doc"]: d["shown"] for d in docs}
    finding_rows = []
    for i, f in enumerate(findings):
        if hide_consistent and f.get("verdict") == "consistent":
            continue
        linked = f.get("line") in shown_by_doc.get(f["doc"], ())  # link only to lines on the page
        finding_rows.append(finding_row(f, seq_of.get(f["doc"], 0), i, linked))
    # most severe first, then in document order; data-n keeps the store order for re-sorting
    finding_rows.sort(key=finding_order)
    return {
        "documents": docs,
        "findings": finding_rows,
        "unlisted_consistent": n_consistent if hide_consistent else 0,
        **finding_choices(findings),
        "doc_options": doc_options(documents, {f["doc"] for f in finding_rows}),
        "totals": totals(documents, len(claims), n_findings, verdict_counts, len(reasons)),
        "rule_verdicts": verdict_counts,
        "claim_verdicts": _count([v["verdict"] for d in docs for v in d["claims"]]),
    }


def doc_options(documents: list[dict], with_findings: set[str]) -> list[tuple[str, str]]:
    """(doc, short name) of the documents with a listed finding, for the findings' document filter."""
    return [(d["doc"], str(d["doc"]).replace("\\", "/").rsplit("/", 1)[-1]) for d in documents
            if d["doc"] in with_findings]


def _group(items: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    for x in items:
        out[x["doc"]].append(x)
    return out


def finding_row(f: dict[str, Any], seq: int, n: int, linked: bool) -> dict[str, Any]:
    """A finding as a row of a findings table (``linked``: its line is shown on the document's page)."""
    return dict(f, seq=seq, n=n, linked=linked, anchor=finding_anchor(f, n),
                severity_rank=SEVERITY_RANK.get(f.get("severity"), -1),
                evidence_items=evidence_items(f.get("evidence")))


def finding_anchor(f: dict[str, Any], n: int) -> str:
    """The id of a finding's row on its document's page: ``f-`` + its id (``f-F12``), else its position."""
    fid = str(f.get("id") or "")
    return f"f-{fid}" if fid and all(ch.isascii() and (ch.isalnum() or ch in "-_.") for ch in fid) else f"f-n{n}"


def finding_order(f: dict[str, Any]) -> tuple:
    """Most severe first, then in document order (``n`` keeps the store order for ties)."""
    return (-f["severity_rank"], f["seq"], f.get("line") or 0, f["n"])


def finding_choices(findings: list[dict]) -> dict[str, list[str]]:
    """The options of the findings filters: rules, severities and verdicts that occur."""
    sev = {f.get("severity") for f in findings}
    ver = {f.get("verdict") for f in findings}
    return {"rules": sorted({f["rule"] for f in findings if f.get("rule")}),
            "severities": [s for s in ("high", "medium", "low", "info") if s in sev],
            "verdicts": [v for v in ("inconsistent", "rounding", "unverifiable", "consistent") if v in ver]}


def doc_view(d: dict[str, Any], claims: list[dict], findings: list[dict], reasons: list[dict],
             text: dict[str, Any] | None) -> dict[str, Any]:
    """One document: its claims with their findings and reasons, its reason clauses and passages.

    Only this document's rows are needed, so a report can be built one document at a time.
    """
    seq = d["seq"]
    findings_by_claim: dict[str, list[dict]] = defaultdict(list)
    for f in findings:
        if f.get("claim_id"):
            findings_by_claim[f["claim_id"]].append(f)
    reasons_by_claim: dict[str, list[dict]] = defaultdict(list)
    for r in reasons:  # explains names a claim id or a claim group (claims stated together)
        if r.get("explains"):
            reasons_by_claim[r["explains"]].append(r)
    views = []
    for i, c in enumerate(claims):
        fs = findings_by_claim.get(c.get("id") or "", [])
        rs = reasons_by_claim.get(c.get("id") or "", []) + (reasons_by_claim.get(c["group"], []) if c.get("group")
                                                              else [])
        views.append({"key": f"c{seq}-{i}", "claim": c, "verdict": claim_verdict([f["verdict"] for f in fs]),
                      "findings": [dict(f, evidence_items=evidence_items(f.get("evidence"))) for f in fs],
                      "reasons": rs})
    rviews = [{"key": f"r{seq}-{i}", "reason": r} for i, r in enumerate(reasons)]
    passages = _passages(text, views, rviews) if text else []
    shown = {ln["n"] for p in passages for ln in p["lines"]}
    return {"doc": d, "seq": seq, "claims": views, "reasons": rviews, "passages": passages, "shown": shown,
            "verdicts": _count([v["verdict"] for v in views])}


def doc_slices(table: Any) -> dict[str, tuple[int, int]] | None:
    """doc → (offset, length) of its rows when each document's rows are contiguous (as the store
    writes them, document by document), else None."""
    if table is None:
        return {}
    docs = table.column("doc").to_pylist() if hasattr(table, "column") and hasattr(table, "schema") \
        else list(table["doc"])
    out: dict[str, tuple[int, int]] = {}
    start = 0
    for i in range(1, len(docs) + 1):
        if i == len(docs) or docs[i] != docs[start]:
            if docs[start] in out:
                return None
            out[docs[start]] = (start, i - start)
            start = i
    return out


class RowsByDoc:
    """The rows of one store table for one document at a time, without turning the whole table
    into Python objects: contiguous runs are sliced out of the Arrow table as they are asked for."""

    def __init__(self, table: Any):
        self.table = table
        self.slices = doc_slices(table) if hasattr(table, "slice") and hasattr(table, "schema") else None
        self.grouped = None if self.slices is not None else _group(rows(table))

    def __call__(self, doc: str) -> list[dict[str, Any]]:
        if self.grouped is not None:
            return self.grouped.get(doc, [])
        off, n = self.slices.get(doc, (0, 0))
        return self.table.slice(off, n).to_pylist() if n else []


def _count(values: list[str]) -> dict[str, int]:
    out: dict[str, int] = defaultdict(int)
    for v in values:
        out[v] += 1
    return dict(out)


def rule_verdict_counts(table: Any) -> dict[str, dict[str, int]]:
    """rule → verdict → number of findings, counted inside Arrow when the table is an Arrow table."""
    out: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    if table is None:
        return {}
    if hasattr(table, "group_by") and hasattr(table, "schema"):
        agg = table.select(["rule", "verdict"]).group_by(["rule", "verdict"]).aggregate([([], "count_all")])
        for r in agg.to_pylist():
            out[r["rule"] or "?"][r["verdict"] or "?"] += r["count_all"]
    else:
        for f in rows(table):
            out[f.get("rule") or "?"][f.get("verdict") or "?"] += 1
    return {k: dict(v) for k, v in out.items()}


def _needed_findings(table: Any, hide_consistent: bool) -> Any:
    if table is None or not hide_consistent or not hasattr(table, "filter"):
        return table
    import pyarrow.compute as pc

    keep = pc.or_kleene(pc.not_equal(table["verdict"], "consistent"), pc.is_valid(table["claim_id"]))
    return table.filter(pc.fill_null(keep, True))


def totals(documents: list[dict], n_claims: int, n_findings: int, verdict_counts: dict[str, dict[str, int]],
            n_reasons: int) -> dict[str, Any]:
    status = _count([d.get("status") or "" for d in documents])
    verdicts: dict[str, int] = defaultdict(int)
    for c in verdict_counts.values():
        for v, n in c.items():
            verdicts[v] += n
    return {"documents": len(documents), "ok": status.get("ok", 0), "partial": status.get("partial", 0),
            "failed": status.get("failed", 0), "claims": n_claims, "findings": n_findings,
            "reasons": n_reasons, "verdicts": dict(verdicts)}


def _passages(t: dict[str, Any], views: list[dict], rviews: list[dict]) -> list[dict[str, Any]]:
    text = t["text"] or ""
    starts = _line_starts(text)
    n_lines = len(starts)

    def line_of(offset: int) -> int:
        return bisect.bisect_right(starts, max(0, offset))

    def line_end(n: int) -> int:
        return starts[n] - 1 if n < n_lines else len(text)

    spans = []  # (start, end, kind, key)
    for v in views:
        c = v["claim"]
        if c.get("start") is not None and c.get("end") is not None:
            spans.append((int(c["start"]), max(int(c["end"]), int(c["start"]) + 1), "c", v))
    for rv in rviews:
        r = rv["reason"]
        if r.get("start") is not None and r.get("end") is not None:
            spans.append((int(r["start"]), max(int(r["end"]), int(r["start"]) + 1), "r", rv))
    by_line: dict[int, list[tuple]] = defaultdict(list)
    for s in spans:
        for n in range(line_of(s[0]), line_of(max(s[0], s[1] - 1)) + 1):
            by_line[n].append(s)

    ranges = [(int(a), int(b), str(k)) for a, b, k in json.loads(t.get("narrative") or "[]")]
    ranges += [(n, n, "") for n in by_line if not any(a <= n <= b for a, b, _ in ranges)]
    out = []
    for a, b, kind in _merge(ranges):
        lines = []
        for n in range(max(a, 1), min(b, n_lines) + 1):
            lo, hi = starts[n - 1], line_end(n)
            if not text[lo:hi].strip() and n not in by_line:
                continue
            lines.append({"n": n, "segments": _segments(text, lo, hi, by_line.get(n, []))})
        if lines:
            out.append({"kind": kind, "start_line": a, "end_line": b, "lines": lines})
    return out


def _segments(text: str, lo: int, hi: int, spans: list[tuple]) -> list[dict[str, Any]]:
    """Cut ``text[lo:hi]`` at span boundaries; each piece lists the claims and clauses covering it."""
    cuts = {lo, hi}
    for s, e, _, _ in spans:
        if lo < s < hi:
            cuts.add(s)
        if lo < e < hi:
            cuts.add(e)
    edges = sorted(cuts)
    segs = []
    for a, b in zip(edges, edges[1:]):
        cover = [sp for sp in spans if sp[0] <= a and sp[1] >= b]
        cs = [sp[3] for sp in cover if sp[2] == "c"]
        rs = [sp[3] for sp in cover if sp[2] == "r"]
        verdict = claim_verdict([c["verdict"] for c in cs]) if cs else None
        if cs and all(c["verdict"] == UNCHECKED for c in cs):
            verdict = UNCHECKED
        segs.append({"text": text[a:b], "claims": [c["key"] for c in cs], "reasons": [r["key"] for r in rs],
                     "verdict": verdict, "labels": sorted({lb for r in rs for lb in (r["reason"].get("labels") or [])})})
    if not segs:
        segs.append({"text": "", "claims": [], "reasons": [], "verdict": None, "labels": []})
    return segs
