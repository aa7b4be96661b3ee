"""Score extracted claims against the gold annotations in ``corpora/annotations/claims``.

Gold files are ``claims-<batch>.jsonl`` with ``ranges-<batch>.jsonl`` (see
docs/annotation-claims.md). A prediction counts only when its line lies inside an annotated
range of its document. A prediction matches a gold claim with the same doc and kind, an equal
value (as decimals: ``13.5`` = ``13.50``; both null for flat / not_comparable / grade) and a line
at most one apart; matching is one-to-one, nearest line first. Precision and recall are per kind.

Documents are seed files (``corpora/seeds/<doc>``) or passage ids (``corpora/passages``), whose
lines are the lines of the passage text.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Iterable

from ..load import load, load_text
from ..resources import corpus_path
from .extract import extract_claims


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class Report:
    by_kind: dict[str, Score] = field(default_factory=dict)
    false_positives: list[dict[str, Any]] = field(default_factory=list)
    false_negatives: list[dict[str, Any]] = field(default_factory=list)
    docs: int = 0

    def total(self) -> Score:
        s = Score()
        for v in self.by_kind.values():
            s.tp += v.tp
            s.fp += v.fp
            s.fn += v.fn
        return s


def _jsonl(path: Path) -> list[dict[str, Any]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line:
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError:
                continue  # a file being written by an annotator right now
    return out


def load_gold(folder: Path | None = None) -> tuple[list[dict], dict[str, list[tuple[int, int]]]]:
    """All gold claims and annotated ranges (by doc) under ``folder``."""
    folder = folder or corpus_path("annotations", "claims")
    gold: list[dict] = []
    ranges: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for p in sorted(folder.glob("claims-*.jsonl")):
        gold.extend(_jsonl(p))
    for p in sorted(folder.glob("ranges-*.jsonl")):
        for r in _jsonl(p):
            ranges[r["doc"]].append((int(r["start_line"]), int(r["end_line"])))
    return gold, dict(ranges)


def _dec(v: Any) -> Decimal | None:
    if v is None or v == "":
        return None
    try:
        return Decimal(str(v).replace(",", ""))
    except InvalidOperation:
        return None


def _passages() -> dict[str, str]:
    path = corpus_path("passages", "passages.jsonl")
    if not path.exists():
        return {}
    return {r["id"]: r["text"] for r in _jsonl(path)}


def predict(doc_id: str, passages: dict[str, str]) -> list[dict[str, Any]]:
    """Predicted claims of one gold document as plain dicts."""
    if doc_id in passages:
        doc = load_text(passages[doc_id], doc=doc_id)
    else:
        path = corpus_path("seeds", doc_id)
        if not path.exists():
            return []
        doc = load(str(path))
    return [c.to_dict() for c in extract_claims(doc)]


def evaluate(folder: Path | None = None, docs: Iterable[str] | None = None) -> Report:
    """Per-kind precision/recall of :func:`extract_claims` on the gold set."""
    gold, ranges = load_gold(folder)
    passages = _passages()
    wanted = set(docs) if docs else None
    report = Report()
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for g in gold:
        by_doc[g["doc"]].append(g)
    for doc_id in sorted(set(ranges) | set(by_doc)):
        if wanted and doc_id not in wanted:
            continue
        doc_ranges = ranges.get(doc_id, [])
        inside = lambda line: any(a <= line <= b for a, b in doc_ranges)  # noqa: E731
        preds = [p for p in predict(doc_id, passages) if inside(p["line"])]
        golds = [g for g in by_doc.get(doc_id, []) if inside(int(g["line"]))]
        report.docs += 1
        _match(doc_id, preds, golds, report)
    return report


def _match(doc_id: str, preds: list[dict], golds: list[dict], report: Report) -> None:
    used = [False] * len(preds)
    for g in golds:
        kind = g["kind"]
        gv = _dec(g.get("value"))
        best = None
        for i, p in enumerate(preds):
            if used[i] or p["kind"] != kind or abs(p["line"] - int(g["line"])) > 1:
                continue
            if _dec(p.get("value")) != gv:
                continue
            d = abs(p["line"] - int(g["line"]))
            if best is None or d < best[0]:
                best = (d, i)
        score = report.by_kind.setdefault(kind, Score())
        if best is None:
            score.fn += 1
            report.false_negatives.append(g)
        else:
            used[best[1]] = True
            score.tp += 1
    for i, p in enumerate(preds):
        if not used[i]:
            report.by_kind.setdefault(p["kind"], Score()).fp += 1
            report.false_positives.append(p)
