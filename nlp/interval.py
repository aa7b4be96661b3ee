"""Rounding-aware arithmetic: a displayed number is an interval, not a point.

``49,644.69`` stands for every value in [49,644.685, 49,644.695]. Relations between displayed
figures hold when their intervals allow it; a difference that rounding explains is a
``rounding`` verdict, never an error. Money stays in :class:`decimal.Decimal` throughout.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation


def decimals_of(value: Decimal) -> int:
    """Number of decimals a Decimal was stated with (``Decimal('13.50')`` → 2, ``Decimal('20')`` → 0)."""
    exp = value.as_tuple().exponent
    return -exp if isinstance(exp, int) and exp < 0 else 0


def to_decimal(text: str | int | float | Decimal | None) -> Decimal | None:
    """Parse a plain number string (commas allowed) keeping its precision; None when not a number."""
    if text is None:
        return None
    if isinstance(text, Decimal):
        return text
    if isinstance(text, int):
        return Decimal(text)
    if isinstance(text, float):
        return Decimal(repr(text))
    s = str(text).strip().replace(",", "").replace(" ", "")
    if not s:
        return None
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


@dataclass(frozen=True)
class Interval:
    """Closed interval [lo, hi] of the values a displayed figure may stand for."""

    lo: Decimal
    hi: Decimal

    @classmethod
    def of(cls, value: Decimal, decimals: int | None = None) -> "Interval":
        """The interval of ``value`` displayed with ``decimals`` decimals (default: as stated)."""
        d = decimals_of(value) if decimals is None else decimals
        half = Decimal(1).scaleb(-d) / 2
        return cls(value - half, value + half)

    @classmethod
    def exact(cls, value: Decimal) -> "Interval":
        return cls(value, value)

    def __add__(self, other: "Interval") -> "Interval":
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def __sub__(self, other: "Interval") -> "Interval":
        return Interval(self.lo - other.hi, self.hi - other.lo)

    def __mul__(self, k: Decimal) -> "Interval":
        a, b = self.lo * k, self.hi * k
        return Interval(min(a, b), max(a, b))

    def __truediv__(self, other: "Interval") -> "Interval | None":
        """Quotient interval; None when the divisor may be zero."""
        if other.lo <= 0 <= other.hi:
            return None
        cands = [self.lo / other.lo, self.lo / other.hi, self.hi / other.lo, self.hi / other.hi]
        return Interval(min(cands), max(cands))

    def overlaps(self, other: "Interval") -> bool:
        return self.lo <= other.hi and other.lo <= self.hi

    def contains(self, value: Decimal) -> bool:
        return self.lo <= value <= self.hi

    @property
    def mid(self) -> Decimal:
        return (self.lo + self.hi) / 2


def sum_intervals(values: list[Decimal]) -> Interval:
    """Interval of the true sum of displayed values."""
    total = Interval.exact(Decimal(0))
    for v in values:
        total = total + Interval.of(v)
    return total


def compare(stated: Decimal, computed: Interval, slack_units: int = 1) -> str:
    """Verdict for a stated figure against a computed interval.

    ``consistent`` when the stated value's own interval overlaps the computed one;
    ``rounding`` when they miss by at most ``slack_units`` units in the stated last place
    (the documents round parts and totals independently); else ``inconsistent``.
    """
    own = Interval.of(stated)
    if own.overlaps(computed):
        return "consistent"
    unit = Decimal(1).scaleb(-decimals_of(stated))
    gap = computed.lo - own.hi if computed.lo > own.hi else own.lo - computed.hi
    return "rounding" if gap <= unit * slack_units else "inconsistent"


def shown_equal(stated: Decimal, computed: Decimal) -> bool:
    """Does ``computed``, rounded half-up to the stated figure's decimals, print as ``stated``?

    Intervals that overlap make a relation possible; a sum that prints differently is still a
    rounding residue (reported apart from errors, never as one)."""
    q = Decimal(1).scaleb(-decimals_of(stated))
    return computed.quantize(q, rounding=ROUND_HALF_UP) == stated.quantize(q)
