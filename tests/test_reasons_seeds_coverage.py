"""Acceptance (issue 6): every stated change in the 决算 seeds is explained or flagged reason_missing.

Walks every claim of kind ``change`` / ``growth_rate`` with a base (nlp.claims) of the seeds that
report actuals (决算, and the 绩效自评 seed of a 决算 year; the 预算 seed is left out) and checks
that an explanation record links it (``explains`` / ``covers``), a ``missing`` record covers it,
or it is itself part of an explanation (a change given as the reason of another change:
"主要原因一是话务量同比增长了43.8%…"). Changes of money and rates only: a change of a rank or a
headcount ("排名提高了13名") is an outcome, not a budget figure that needs a reason.
"""

from __future__ import annotations

import pytest

from nlp.reasons import extract_reasons

MONEY_OR_RATE = {"万元", "元", "亿元", "%", "个百分点"}


@pytest.fixture(scope="module")
def actual_seeds(seed_docs):
    out = {k: d for k, d in seed_docs.items() if d.meta.get("kind") != "预算"}
    assert {d.meta.get("kind") for d in out.values()} >= {"决算"}
    return out


def _uncovered(doc):
    from nlp.claims import extract_claims

    claims = extract_claims(doc)
    recs = extract_reasons(doc, claims=claims)
    groups, spans = set(), []
    for r in recs:
        groups.update(r.covers)
        if r.explains:
            groups.add(r.explains)
        spans.append((r.start, r.end))  # a missing record's statement, or an explanation clause
    stated = [c for c in claims if c.kind in ("change", "growth_rate") and c.base
              and (c.unit in MONEY_OR_RATE or c.kind == "growth_rate")]
    assert stated
    return [c for c in stated if c.group not in groups and not any(a <= c.start < b for a, b in spans)]


@pytest.mark.parametrize("key", ["000", "001", "002", "004"])
def test_every_stated_change_is_explained_or_flagged(actual_seeds, key):
    if key not in actual_seeds:
        pytest.skip(f"seed {key} is a budget")
    bad = _uncovered(actual_seeds[key])
    assert not bad, [(c.line, c.text, c.sentence[:60]) for c in bad]
