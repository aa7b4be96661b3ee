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

    df = table.astype(object).where(pd.notna(table), None)
    return df.to_dict("records")


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
    """Everything the template shows, from the store tables."""
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
    findings_by_claim: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for f in findings:
        if f.get("claim_id"):
            findings_by_claim[(f["doc"], f["claim_id"])].append(f)
    reasons_by_claim: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for r in reasons:  # explains names a claim id or a claim group (claims stated together)
        if r.get("explains"):
            reasons_by_claim[(r["doc"], r["explains"])].append(r)
    claims_by_doc: dict[str, list[dict]] = defaultdict(list)
    for c in claims:
        claims_by_doc[c["doc"]].append(c)
    reasons_by_doc: dict[str, list[dict]] = defaultdict(list)
    for r in reasons:
        reasons_by_doc[r["doc"]].append(r)

    docs = []
    for d in documents:
        seq = d["seq"]
        views = []
        for i, c in enumerate(claims_by_doc.get(d["doc"], [])):
            fs = findings_by_claim.get((c["doc"], c.get("id") or ""), [])
            rs = reasons_by_claim.get((c["doc"], c.get("id") or ""), []) + \
                (reasons_by_claim.get((c["doc"], c["group"]), []) if c.get("group") else [])
            views.append({"key": f"c{seq}-{i}", "claim": c, "verdict": claim_verdict([f["verdict"] for f in fs]),
                          "findings": [dict(f, evidence_items=evidence_items(f.get("evidence"))) for f in fs],
                          "reasons": rs})
        rviews = [{"key": f"r{seq}-{i}", "reason": r} for i, r in enumerate(reasons_by_doc.get(d["doc"], []))]
        t = texts.get(d["doc"])
        passages = _passages(t, views, rviews) if t else []
        shown = {ln["n"] for p in passages for ln in p["lines"]}
        docs.append({"doc": d, "seq": seq, "claims": views, "reasons": rviews, "passages": passages, "shown": shown,
                     "verdicts": _count([v["verdict"] for v in views])})

    shown_by_doc = {d["doc"]["doc"]: d["shown"] for d in docs}
    finding_rows = []
    for i, f in enumerate(findings):
        if hide_consistent and f.get("verdict") == "consistent":
            continue
        linked = f.get("line") in shown_by_doc.get(f["doc"], ())  # link only to lines on the page
        finding_rows.append(dict(f, seq=seq_of.get(f["doc"], 0), n=i, linked=linked,
                                 severity_rank=SEVERITY_RANK.get(f.get("severity"), -1),
                                 evidence_items=evidence_items(f.get("evidence"))))
    # most severe first, then in document order; data-n keeps the store order for re-sorting
    finding_rows.sort(key=lambda f: (-f["severity_rank"], f["seq"], f.get("line") or 0, f["n"]))
    return {
        "documents": docs,
        "findings": finding_rows,
        "unlisted_consistent": n_consistent if hide_consistent else 0,
        "rules": sorted({f["rule"] for f in findings if f.get("rule")}),
        "severities": [s for s in ("high", "medium", "low", "info") if any(f.get("severity") == s for f in findings)],
        "verdicts": [v for v in ("inconsistent", "rounding", "unverifiable", "consistent")
                     if any(f.get("verdict") == v for f in findings)],
        "totals": _totals(documents, claims, n_findings, verdict_counts, reasons),
        "rule_verdicts": verdict_counts,
        "claim_verdicts": _count([v["verdict"] for d in docs for v in d["claims"]]),
    }


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


def _totals(documents: list[dict], claims: list[dict], n_findings: int, verdict_counts: dict[str, dict[str, int]],
            reasons: list[dict]) -> dict[str, Any]:
    status = _count([d.get("status") or "" for d in documents])
    verdicts: dict[str, int] = defaultdict(int)
    for c in verdict_counts.values():
        for v, n in c.items():
            verdicts[v] += n
    return {"documents": len(documents), "ok": status.get("ok", 0), "partial": status.get("partial", 0),
            "failed": status.get("failed", 0), "claims": len(claims), "findings": n_findings,
            "reasons": len(reasons), "verdicts": dict(verdicts)}


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
