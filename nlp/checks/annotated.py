"""Claims from the gold annotations, located in the document, to run the checks apart from the extractor.

``corpora/annotations/claims/*.jsonl`` records carry doc, line, text, kind, value, unit, subject,
direction, base (docs/annotation-claims.md). This module finds each record's text on its line of
the normalised document and returns :class:`~nlp.records.Claim` records with offsets, so the
checks can be measured on hand-verified claims (and compared with the extractor's).
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from decimal import Decimal
from typing import Any

import regex

from ..normalize import normalise_text
from ..records import Claim
from ..resources import corpus_path
from .common import MONEY_FACTOR


def gold_records(doc_name: str) -> list[dict[str, Any]]:
    """Every gold claim record of ``doc_name`` (a seed file name), in file order."""
    out = []
    for path in sorted(corpus_path("annotations", "claims").glob("claims-*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                if r.get("doc") == doc_name:
                    out.append(r)
    return out


def _pattern(text: str) -> "regex.Pattern[str]":
    chars = [regex.escape(ch) for ch in normalise_text(text) if not ch.isspace()]
    return regex.compile(r"\s*".join(chars))


def gold_claims(doc: Any) -> list[Claim]:
    """The gold claims of ``doc`` as located Claim records (records whose text is not found are skipped)."""
    taken: dict[int, list[tuple[int, int]]] = defaultdict(list)
    out: list[Claim] = []
    for i, r in enumerate(gold_records(Path(doc.doc).name)):
        line = int(r["line"])
        if not (1 <= line <= doc.n_lines):
            continue
        lo = doc.line_start(line)
        span = None
        pat = _pattern(r["text"])
        # the figure may run onto the next lines (a unit split by a page break)
        hay_end = doc.line_end(min(line + 3, doc.n_lines))
        for m in pat.finditer(doc.text, lo, hay_end):
            if m.start() > doc.line_end(line):
                break
            if not any(a < m.end() and m.start() < b for a, b in taken[line]):
                span = m.span()
                break
        if span is None:
            continue
        taken[line].append(span)
        value = Decimal(r["value"]) if r.get("value") not in (None, "") else None
        unit = r.get("unit")
        vw = value * MONEY_FACTOR[unit] if value is not None and unit in MONEY_FACTOR else None
        out.append(Claim(doc=doc.doc, line=line, start=span[0], end=span[1], text=r["text"], sentence="",
                         kind=r["kind"], subject=r.get("subject"), value=value, unit=unit, value_wan=vw,
                         approx=r.get("approx"), direction=r.get("direction"), base=r.get("base"),
                         operator=r.get("operator"), id=f"G{i:04d}", extra={"note": r.get("note")}))
    out.sort(key=lambda c: c.start)
    return out
