"""Plain records passed between stages and written to the store.

Every record carries provenance: ``doc`` (the input name), ``line`` (1-based line of the input
file) and, for text spans, ``start``/``end`` character offsets into the normalised document text
(``Document.text``; :meth:`~nlp.document.Document.position` maps them to input columns). PDF
records add ``page`` and ``bbox``. Records are dataclasses with ``to_dict()`` for JSON/CSV/Parquet.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any


def _plain(value: Any) -> Any:
    """JSON-friendly value: Decimals become strings that keep their stated precision."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


class Record:
    def to_dict(self) -> dict[str, Any]:
        return {k: _plain(v) for k, v in asdict(self).items()}  # type: ignore[call-overload]


@dataclass
class Cell(Record):
    """One table cell: ``value`` keeps the stated precision; a blank cell has ``value`` None."""

    doc: str
    table: str  # canonical id, e.g. T1 … T9 for the 决算 set (see docs/tables.md)
    table_title: str
    row_code: str | None
    row_label: str
    side: str | None  # "收入" / "支出" for two-sided statement tables, else None
    column: str
    value: Decimal | None
    unit: str | None
    line: int
    text: str = ""  # the cell as printed
    page: int | None = None
    bbox: list[float] | None = None
    row: int = 0  # row index within the table (document order)


@dataclass
class Claim(Record):
    """One quantified claim in the narrative (see docs/claims.md for kinds)."""

    doc: str
    line: int
    start: int
    end: int
    text: str
    sentence: str
    kind: str
    subject: str | None = None
    subject_key: str | None = None
    value: Decimal | None = None
    unit: str | None = None
    value_wan: Decimal | None = None
    approx: str | None = None
    direction: str | None = None
    base: str | None = None
    group: str | None = None
    operator: str | None = None
    section: str | None = None
    id: str = ""
    page: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Finding(Record):
    """One evaluated rule instance (tables, narrative or document rules)."""

    doc: str
    rule: str
    verdict: str  # consistent | rounding | inconsistent | unverifiable
    severity: str  # info | low | medium | high
    line: int | None
    stated: str | None
    expected: str | None
    evidence: dict[str, Any] | None
    message: str
    claim_text: str | None = None
    start: int | None = None
    end: int | None = None
    claim_id: str | None = None
    page: int | None = None


@dataclass
class Clause(Record):
    """One clause of a stated explanation, with reason labels."""

    doc: str
    line: int
    start: int
    end: int
    clause: str
    explains: str | None
    labels: list[str]
    scores: dict[str, float]
    flags: list[str]
    marker: str | None = None
    cue: str | None = None
    kind: str = "reason"  # reason | use | missing (a stated change with no explanation)
    explanation_id: str | None = None
    page: int | None = None
    explained: str | None = None  # the statement explained, as the input writes it (lines joined)
    figure_direction: str | None = None  # what its figures say: 增加/减少/持平/大于/小于/等于
    cue_direction: str | None = None  # what the cue asserts (决算数大于预算数的主要原因 → 大于)
    cue_start: int | None = None
    cue_end: int | None = None
    amounts: list[dict[str, Any]] = field(default_factory=list)  # money amounts inside the clause
    amount_check: dict[str, Any] | None = None  # do the clauses' amounts add up to the change?
    covers: list[str] = field(default_factory=list)  # every claim group in the statement explained
    clause_normalised: str | None = None  # the clause as the classifier reads it (normalised prose view)
    explained_normalised: str | None = None  # the statement explained, in the normalised prose view


VERDICTS = ("consistent", "rounding", "inconsistent", "unverifiable")
SEVERITIES = ("info", "low", "medium", "high")
