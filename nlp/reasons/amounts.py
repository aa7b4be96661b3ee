"""Amounts stated inside a clause ("涉及年度预算 272.42 万元") and the check that they add up.

When an explanation lists several clauses that each carry one money amount, the amounts are the
parts of the explained change: 272.42 + 1060.27 = 1332.69 万元. The check is made only then, and
only against the change amount of the statement explained (the figure after 增加/减少/调增…).
The claims stage's reader is used when ``nlp.claims`` is importable; otherwise a small reader of
Arabic amounts in 元/万元/亿元.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

import regex

_MONEY = regex.compile(r"(?<![\d.])(?P<num>\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<unit>亿元|万元|元)")
_CHANGE = regex.compile(
    r"(?:增加|减少|增长|下降|降低|调增|调减|增支|减支|增收|减收|节约|超支)(?:了)?\s*"
    r"(?P<num>\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<unit>亿元|万元|元)")
_FACTOR = {"元": Decimal("0.0001"), "万元": Decimal(1), "亿元": Decimal(10000)}


def _wan(num: str, unit: str) -> Decimal | None:
    try:
        return Decimal(num.replace(",", "").replace("，", "")) * _FACTOR[unit]
    except (InvalidOperation, KeyError):
        return None


def _places(num: str) -> int:
    return len(num.split(".")[1]) if "." in num else 0


_FALLS = regex.compile(r"(?:减少|下降|降低|压减|压缩|核减|调减|减支|少支)了?\s*$")


def read_amounts(text: str) -> list[dict[str, Any]]:
    """Money amounts in ``text``: ``{start, end, text, value, unit, value_wan}`` (offsets into ``text``)."""
    out = []
    for m in _MONEY.finditer(text):
        v = _wan(m.group("num"), m.group("unit"))
        if v is None:
            continue
        out.append({"start": m.start(), "end": m.end(), "text": m.group(0), "value": m.group("num").replace(",", ""),
                    "unit": m.group("unit"), "value_wan": v, "places": _places(m.group("num")),
                    "falls": bool(_FALLS.search(text[max(0, m.start() - 6):m.start()]))})
    return out


def change_amount(statement: str) -> dict[str, Any] | None:
    """The change amount of a statement ("比上年决算数增加 1332.69 万元" → 1332.69 万元), or None."""
    m = _CHANGE.search(statement)
    if not m:
        return None
    v = _wan(m.group("num"), m.group("unit"))
    if v is None:
        return None
    return {"text": m.group(0), "value_wan": v, "places": _places(m.group("num"))}


def check_sum(clause_amounts: list[list[dict[str, Any]]], statement: str | None) -> dict[str, Any] | None:
    """Whether the clauses' amounts add up to the explained change.

    Made only when there are at least two clauses, each with exactly one money amount, and the
    statement states a change amount. Returns ``{verdict, total, expected, tolerance}`` with
    verdict ``consistent`` or ``inconsistent``; None when the check does not apply.
    """
    if len(clause_amounts) < 2 or any(len(a) != 1 for a in clause_amounts) or not statement:
        return None
    change = change_amount(statement)
    if change is None:
        return None
    total = sum((a[0]["value_wan"] for a in clause_amounts), Decimal(0))
    places = max([change["places"]] + [a[0]["places"] for a in clause_amounts])
    unit_step = Decimal(1).scaleb(-places)
    tol = unit_step * len(clause_amounts) / 2 + unit_step / 2
    diff = abs(total - change["value_wan"])
    out = {"verdict": "consistent" if diff <= tol else "inconsistent", "total": total,
           "expected": change["value_wan"], "tolerance": tol}
    signs = [-1 if a[0].get("falls") else 1 for a in clause_amounts]
    if diff > tol and len(set(signs)) == 2:
        # rises and falls netted ("新购置…支出 28.50 万元；…运行维护费减少 9.80 万元；…接待费减少 3.62 万元"
        # against 增加 15.08 万元): the net change in either direction
        net = sum((s * a[0]["value_wan"] for s, a in zip(signs, clause_amounts)), Decimal(0))
        if abs(abs(net) - change["value_wan"]) <= tol:
            out.update(verdict="consistent", total=net, netted=True)
    return out
