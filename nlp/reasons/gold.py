"""The gold reason annotations (docs/annotation-reasons.md) and the documents they refer to.

Every file matching ``corpora/annotations/reasons/reasons-*.jsonl`` (explanations with their
clauses and labels) and ``missing-*.jsonl`` (stated changes without an explanation) is read, in
sorted file order, so a new annotation batch is picked up without a code change.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex

from ..resources import corpus_path

_SPACE = regex.compile(r"\s+")


def squash(text: str | None) -> str:
    """Text without whitespace: gold text keeps layout spaces, the prose stream drops them."""
    return _SPACE.sub("", text or "")


@dataclass
class GoldClause:
    text: str
    marker: str | None
    labels: list[str]


@dataclass
class GoldExplanation:
    """One annotated explanation; ``source`` is the annotation file it came from."""

    id: str
    doc: str
    line: int
    kind: str
    text: str
    cue: str | None
    explained: str | None
    figure_direction: str | None
    cue_direction: str | None
    clauses: list[GoldClause]
    flags: list[str] = field(default_factory=list)
    page: int | None = None
    source: str = ""
    note: str | None = None


def annotation_dir() -> Path:
    return corpus_path("annotations", "reasons")


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError as exc:  # a file being written: report, skip the line
            raise ValueError(f"{path.name}:{n}: {exc}") from None
    return out


def synthetic_dir() -> Path:
    """Synthetic training explanations (written blind to the gold set; training only, never scored)."""
    return corpus_path("annotations", "reasons-synthetic")


def load_gold(directory: Path | None = None, pattern: str = "reasons-*.jsonl") -> list[GoldExplanation]:
    """All gold explanations from ``reasons-*.jsonl``, in file then line order."""
    directory = directory or annotation_dir()
    out = []
    for path in sorted(directory.glob(pattern)):
        for r in _read_jsonl(path):
            clauses = [GoldClause(c.get("text") or "", c.get("marker"), list(c.get("labels") or []))
                       for c in r.get("clauses") or []]
            out.append(GoldExplanation(
                id=str(r.get("id")), doc=r["doc"], line=int(r.get("line") or 0), kind=r.get("kind") or "reason",
                text=r.get("text") or "", cue=r.get("cue"), explained=r.get("explained"),
                figure_direction=r.get("figure_direction"), cue_direction=r.get("cue_direction"),
                clauses=clauses, flags=list(r.get("flags") or []), page=r.get("page"), source=path.name,
                note=r.get("note")))
    return out


def load_synthetic(directory: Path | None = None) -> list[GoldExplanation]:
    """Synthetic explanations (``reasons-synthetic/synthetic-*.jsonl``, same record format as the gold).

    They were written from the taxonomy and the annotation guide without reading any gold clause,
    to give rare labels and other departments' wording more examples. They only ever join the
    *training* side of a split: every reported score is computed on real gold clauses.
    """
    directory = directory or synthetic_dir()
    if not directory.is_dir():
        return []
    return load_gold(directory, "synthetic-*.jsonl")


def load_missing(directory: Path | None = None) -> list[dict[str, Any]]:
    """All gold missing-reason records from ``missing-*.jsonl``."""
    directory = directory or annotation_dir()
    out = []
    for path in sorted(directory.glob("missing-*.jsonl")):
        for r in _read_jsonl(path):
            r["source"] = path.name
            out.append(r)
    return out


@lru_cache(maxsize=1)
def passages() -> dict[str, dict[str, Any]]:
    """The development passages by id (``corpora/passages/passages.jsonl``)."""
    path = corpus_path("passages", "passages.jsonl")
    if not path.exists():
        return {}
    return {r["id"]: r for r in _read_jsonl(path)}


def doc_path(doc: str) -> Path | None:
    """File of a seed or PDF named in an annotation, or None for a passage id / unknown name."""
    for sub in ("seeds", "pdf"):
        p = corpus_path(sub, doc)
        if p.exists():
            return p
    return None


def doc_meta(doc: str) -> dict[str, Any]:
    """kind / year / place of an annotated document where known (passages carry them)."""
    p = passages().get(doc)
    if p is not None:
        return {"kind": p.get("kind"), "year": p.get("year"), "place": p.get("place")}
    return {}
