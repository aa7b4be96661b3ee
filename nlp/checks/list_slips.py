"""Which figure of a "其中" list slipped, when the parts fall short of their total.

A list may leave items out, so a shortfall is normally only ``unverifiable``
(`narrative.list_total`). Two shortfalls are not what left-out items look like, and each names
the figure to correct:

- one mistyped digit (`digit_slip`): 759.80 listed as 100.00 + 658.80 … only under strict
  precision conditions, see there;
- a shifted decimal point or a 元/万元 slip (`shift_slip`): the parts add up exactly to a tenth,
  a hundredth, a thousandth or a ten-thousandth of the total ("预算 104410 万元。其中，中央 8353
  万元，省级 2088 万元"), or the total is reached when one part is read ×10…×10000. A left-out
  remainder that happens to be exactly 9, 99, 999 or 9999 times the listed sum (or a part) is
  improbable once the figures carry four significant digits, which is required.
"""

from __future__ import annotations

from decimal import Decimal

from ..interval import Interval
from ..records import Claim
from .common import is_money, wan

_SHIFTS = (1, 2, 3, 4)  # 10^k: a decimal point moved k places; k = 4 also 元 written for 万元


def significant(value: Decimal) -> int:
    """Significant digits of a figure, trailing zeros not counted (10441 → 5, 104410 → 5, 30.90 → 3)."""
    return len(value.normalize().as_tuple().digits) if value else 0


def quantity(c: Claim) -> Interval:
    """A list figure's interval: money in 万元, anything else as written."""
    return wan(c) if is_money(c) else Interval.of(c.value)


def quantity_sum(claims: list[Claim]) -> Interval:
    """The list figures' sum (:func:`quantity` of each)."""
    s = Interval.exact(Decimal(0))
    for c in claims:
        s = s + quantity(c)
    return s


def shift_slip(total: Claim, parts: list[Claim]) -> tuple[str, str] | None:
    """("X 应为 Y", "小数点" | "单位") when one shifted figure explains the shortfall, else None."""
    if total.value is None or any(p.value is None for p in parts):
        return None
    s = quantity_sum(parts)
    t = quantity(total)
    out = []
    if significant(total.value) >= 4 and significant(s.mid) >= 4:
        for k in _SHIFTS:
            if (t * Decimal(1).scaleb(-k)).overlaps(s):
                out.append((total, total.value.scaleb(-k), k))
    if significant(total.value) >= 4:
        for p in parts:
            if significant(p.value) < 3:
                continue
            for k in _SHIFTS:
                if (s + quantity(p) * (Decimal(1).scaleb(k) - 1)).overlaps(t):
                    out.append((p, p.value.scaleb(k), k))
    if len(out) != 1:  # none, or two repairs that both fit: not telling which
        return None
    c, fixed, k = out[0]
    what = "单位" if k == 4 else "小数点"
    return f"{c.subject or ''}{c.value}{c.unit or ''} 应为 {_show(c.value, fixed)}{c.unit or ''}", what


def _show(stated: Decimal, fixed: Decimal) -> str:
    """The corrected figure with the stated figure's digits (16991.2 → 1699.12, 104410 → 10441)."""
    if stated.as_tuple().exponent >= 0 and fixed == fixed.to_integral_value():
        fixed = fixed.quantize(Decimal(1))
    return f"{fixed:f}"


def digit_slip(total: Claim, parts: list[Claim], excess: bool = False) -> str | None:
    """A shortfall that one mistyped digit explains, as "X 应为 Y", else None.

    A "其中" list may leave items out, so a sum below its total is normally only unverifiable.
    But when the figures are not all round and the gap is a single non-zero digit at least two
    places above the coarsest figure's precision (300.00 under figures to the cent; 200 under
    958.8 = 100 + 658.8),
    while adding it to one part, or taking it from the total, changes exactly one digit of that
    figure (or swaps two neighbouring digits, the gap then 9 × d × 10^k), the figures were
    mistyped: left-out items do not sum to such a number. With ``excess``, a sum above its total is
    read the same way (it is an error anyway; the repair names the figure to correct)."""
    figures = [total, *parts]
    if any(c.value is None or c.unit != total.unit for c in figures):
        return None
    exps = {c.value.as_tuple().exponent for c in figures if c.value}  # a stated 0 has no precision
    if not exps or not all(isinstance(e, int) for e in exps):
        return None
    exp, coarse = min(exps), max(exps)
    if not any(c.value and c.value.as_tuple().digits[-1] for c in figures):
        return None
    gap = total.value - sum((c.value for c in parts), Decimal(0))
    if gap < 0 and not excess:
        return None
    digits = abs(gap).normalize().as_tuple()
    # two places above the coarsest figure's precision: a figure rounded to it cannot make up the gap;
    # a gap of 9 × d × 10^k (d one digit) may be two neighbouring digits swapped (23670 for 23760)
    if gap == 0 or digits.exponent < coarse + 2:
        return None
    one_digit = len(digits.digits) == 1
    swap_only = not one_digit and gap % 9 == 0 and len((abs(gap) / 9).normalize().as_tuple().digits) == 1
    if not one_digit and not swap_only:
        return None
    q = Decimal(1).scaleb(exp)
    options = [(p, p.value + gap) for p in parts] + [(total, total.value - gap)]
    out = []
    for c, fixed in options:
        if fixed < 0:
            continue
        how = mistyped(c.value, fixed, q, swap_only)
        if how is not None:
            out.append(f"{c.subject or ''}{c.value}{c.unit or ''} 应为 {fixed.quantize(q)}{how}")
    return "，或".join(out) if out else None


def mistyped(value: Decimal, fixed: Decimal, q: Decimal, swap_only: bool = False) -> str | None:
    """How ``value`` printed to ``q`` differs from ``fixed``: "" for one mistyped digit, "（两位数字颠倒）"
    for two neighbouring digits swapped, None otherwise."""
    a, b = str(value.quantize(q)), str(fixed.quantize(q))
    if not swap_only and len(a) == len(b) and sum(x != y for x, y in zip(a, b)) == 1:
        return ""
    return "（两位数字颠倒）" if _swapped(a, b) else None


def _swapped(a: str, b: str) -> bool:
    """Do two printed figures differ by two neighbouring digits swapped (23670.00 / 23760.00)?"""
    if len(a) != len(b):
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


