"""Shared helpers of the narrative checks: money in 万元 as intervals, context text, findings.

Every displayed figure is an :class:`~nlp.interval.Interval` (``13.5`` stands for [13.45, 13.55]);
money is converted to 万元 before any arithmetic, so ``81.12元`` and ``81.12 万元`` differ by 10⁴.
Findings about a claim carry its text, offsets, line and id, so an auditor can jump to it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Iterable

import regex

from ..interval import Interval, compare
from ..records import Claim, Finding

#: 万元 per stated money unit.
MONEY_FACTOR = {"元": Decimal("0.0001"), "千元": Decimal("0.1"), "万元": Decimal(1), "亿元": Decimal(10000),
                "万": Decimal(1), "亿": Decimal(10000)}
MONEY_KINDS = ("amount", "change")
PERCENT_KINDS = ("growth_rate", "share", "completion_rate", "percent", "target", "actual")
SEVERITY = {"consistent": "info", "rounding": "info", "unverifiable": "info"}
_CLAUSE_END = set(",;。!?:；，：")
_WS = regex.compile(r"\s+")


def is_money(claim: Claim) -> bool:
    """True when the claim states an amount of money (a unit we can convert to 万元)."""
    return claim.unit in MONEY_FACTOR and claim.value is not None


def is_percent(claim: Claim) -> bool:
    return claim.unit in ("%", "％") and claim.value is not None


def wan(claim: Claim) -> Interval | None:
    """The claim's money value in 万元, as the interval its displayed digits allow. A stated zero
    ("因公出国（境）费 0 万元") is exactly zero, as a printed 0.00 in a table is: a department that spent
    some money writes its decimals, and a 0 read as ±0.5 万元 would let a list or a share absorb any
    error in the other parts."""
    if not is_money(claim):
        return None
    if claim.value == 0:
        return Interval.exact(Decimal(0))
    return Interval.of(claim.value) * MONEY_FACTOR[claim.unit]


def value_interval(claim: Claim) -> Interval | None:
    """The displayed value's interval in its own unit (a percentage stays a percentage)."""
    return None if claim.value is None else Interval.of(claim.value)


def zero_possible(iv: Interval) -> bool:
    """The interval admits a zero (or negative) true value: no rate can be computed against it."""
    return iv.lo <= 0


def fmt(value: Decimal | None, places: int = 2) -> str:
    """A Decimal with thousands separators and ``places`` decimals (``49644.69`` → ``49,644.69``)."""
    if value is None:
        return "—"
    q = Decimal(1).scaleb(-places)
    return f"{value.quantize(q):,}"


def fmt_iv(iv: Interval, places: int = 2) -> str:
    """The midpoint of an interval as the document would print it."""
    return fmt(iv.mid, places)


def places_of(claim: Claim, default: int = 2) -> int:
    from ..interval import decimals_of

    return max(decimals_of(claim.value), 1) if claim.value is not None else default


def stated(claim: Claim) -> str:
    """The claim as written, for messages (its text, else value + unit)."""
    if claim.text:
        return _WS.sub("", claim.text)
    return f"{claim.value}{claim.unit or ''}"


def sort_key(claim: Claim) -> tuple[int, int]:
    return (claim.start if claim.start is not None else 0, claim.line)


def clause_before(text: str, pos: int, limit: int = 80) -> str:
    """The words of the clause that leads up to ``pos`` (whitespace dropped), back to a , ; 。 :."""
    i = pos
    lo = max(0, pos - limit)
    while i > lo and text[i - 1] not in _CLAUSE_END:
        i -= 1
    return _WS.sub("", text[i:pos])


def text_between(text: str, a: int, b: int) -> str:
    """Document text between two offsets, whitespace dropped."""
    return _WS.sub("", text[a:b]) if b > a else ""


def text_after(text: str, pos: int, limit: int = 40) -> str:
    return _WS.sub("", text[pos:pos + limit])


def verdict_of(stated_value: Decimal, computed: Interval | None) -> str:
    """compare() for a displayed value; ``unverifiable`` when nothing could be computed."""
    return "unverifiable" if computed is None else compare(stated_value, computed)


def sum_wan(claims: Iterable[Claim]) -> Interval:
    """The true sum of money claims in 万元, as an interval (0 for none)."""
    total = Interval.exact(Decimal(0))
    for c in claims:
        total = total + wan(c)
    return total


def money_verdict(claim: Claim, computed: Interval) -> str:
    """compare() for a money claim against an amount computed in 万元 (brought to the claim's unit)."""
    return compare(claim.value, computed * (Decimal(1) / MONEY_FACTOR[claim.unit]))


def recomputed(ctx: Any, rule: str, claim: Claim, computed: Interval, message: str, *,
               places: int = 2, severity: str = "medium", claims: Iterable[Claim] = ()) -> Finding:
    """A finding on a money ``claim`` against the amount the narrative's own figures give, in 万元;
    ``severity`` is the one of an inconsistency."""
    v = money_verdict(claim, computed)
    return finding(ctx, rule, claim, v, message, expected=f"{fmt_iv(computed, places)}万元",
                   severity=severity if v == "inconsistent" else None, claims=claims)


def finding(ctx: Any, rule: str, claim: Claim | None, verdict: str, message: str, *,
            stated_text: str | None = None, expected: str | None = None,
            evidence: dict[str, Any] | None = None, severity: str | None = None,
            line: int | None = None, claims: Iterable[Claim] = ()) -> Finding:
    """A finding located on ``claim`` (its text, offsets, id, line); ``claims`` lists every input used."""
    if severity is None:
        severity = SEVERITY.get(verdict, "medium")
    ev = dict(evidence or {})
    used = ([claim] if claim is not None else []) + [c for c in claims if c is not None]
    keys = [claim_key(c) for c in used]
    if keys:
        ev["claims"] = list(dict.fromkeys(keys))
    lines = sorted({c.line for c in used if c.line is not None} | ({line} if line is not None else set()))
    if len(lines) > 1:  # a statement wrapped over lines (or words on one, figures on another): every input line the finding rests on
        ev["lines"] = lines
    f = Finding(doc=ctx.doc.doc, rule=rule, verdict=verdict, severity=severity,
                line=line if line is not None else (claim.line if claim else None),
                stated=stated_text if stated_text is not None else (stated(claim) if claim else None),
                expected=expected, evidence=ev or None, message=message)
    if claim is not None:
        f.claim_text = claim.text
        f.start, f.end = claim.start, claim.end
        f.claim_id = claim.id or None
        f.page = claim.page
    return f


def claim_key(claim: Claim) -> str:
    """A claim's id, or ``line:start`` when the extractor gave none (used to count coverage)."""
    return claim.id or f"{claim.line}:{claim.start}"
