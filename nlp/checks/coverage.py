"""Coverage of the narrative checks: how many claims were checked, and why the others were not.

A claim counts as *checked* when at least one finding with a verdict other than ``unverifiable``
used it (its key is in the finding's ``evidence["claims"]`` or it is the finding's claim). A
claim only ever named by ``unverifiable`` findings is unverifiable with their reasons; a claim no
rule touched is ``not checked`` ("no rule applies").
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Iterable

from .common import MONEY_FACTOR, claim_key

MONEY_OR_PERCENT = set(MONEY_FACTOR) | {"%"}


def _get(obj: Any, name: str, default: Any = None) -> Any:
    return obj.get(name, default) if isinstance(obj, dict) else getattr(obj, name, default)


def _key(c: Any) -> str:
    if isinstance(c, dict):
        return c.get("id") or f"{c.get('line')}:{c.get('start')}"
    return claim_key(c)


def coverage(claims: Iterable[Any], findings: Iterable[Any]) -> dict[str, Any]:
    """Counts per document: extracted, checked, unverifiable by reason, untouched; the same for the
    money and percentage claims (the ones the issue's coverage target is about)."""
    claims = list(claims)
    checked: set[str] = set()
    reasons: dict[str, Counter] = {}
    for f in findings:
        ev = _get(f, "evidence") or {}
        keys = list(ev.get("claims") or [])
        cid = _get(f, "claim_id")
        if cid:
            keys.append(cid)
        if _get(f, "verdict") == "unverifiable":
            reason = ev.get("reason") or "unverifiable"
            for k in keys:
                reasons.setdefault(k, Counter())[reason] += 1
        else:
            checked.update(keys)

    def summary(subset: list[Any]) -> dict[str, Any]:
        by_reason: Counter = Counter()
        n_checked = n_unver = 0
        for c in subset:
            k = _key(c)
            if k in checked:
                n_checked += 1
            elif k in reasons:
                n_unver += 1
                by_reason[reasons[k].most_common(1)[0][0]] += 1
            else:
                by_reason["no rule applies"] += 1
        n = len(subset)
        return {"extracted": n, "checked": n_checked, "unverifiable": n - n_checked,
                "checked_pct": round(100 * n_checked / n, 1) if n else None,
                "unverifiable_by_reason": dict(by_reason.most_common())}

    # "400 多万市民" is a count in 万, not money: counts are not money claims whatever their unit
    money = [c for c in claims if _get(c, "unit") in MONEY_OR_PERCENT and _get(c, "value") is not None
             and _get(c, "kind") != "count"]
    out = summary(claims)
    out["money_percent"] = summary(money)
    return out
