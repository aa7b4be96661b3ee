"""The synthetic training clauses: well-formed, training-only, and never scored."""

from __future__ import annotations

import numpy as np
import pytest

from nlp.reasons.evaluate import cross_validate, examples, synthetic_examples, _fold
from nlp.reasons.gold import load_synthetic, squash
from nlp.reasons.lexicon import LABELS
from nlp.reasons.model import CONFIG, fit

SYN = load_synthetic()


def test_synthetic_records_are_well_formed():
    assert len(SYN) >= 1000
    assert len({e.id for e in SYN}) == len(SYN)
    for e in SYN:
        assert e.source.startswith("synthetic-") and e.kind in ("reason", "use")
        assert e.clauses, e.id
        for c in e.clauses:
            assert c.labels and set(c.labels) <= set(LABELS), (e.id, c.labels)
            assert "vague" not in c.labels or c.labels == ["vague"], e.id
            assert squash(c.text) in squash(e.text), (e.id, c.text)


@pytest.mark.parametrize("label", LABELS)
def test_every_label_has_synthetic_examples(label):
    assert sum(label in x.labels for x in synthetic_examples()) >= 40


def test_synthetic_clauses_are_not_copies_of_gold():
    """Written blind to the gold: only a few generic phrases (厉行节约, 人员变动) may coincide."""
    gold = {_fold(x.text) for x in examples()}
    same = [x.text for x in synthetic_examples() if _fold(x.text) in gold]
    assert all(len(_fold(t)) <= 12 for t in same), same
    assert len(same) <= 0.01 * len(synthetic_examples())


def test_synthetic_clauses_train_but_are_never_scored():
    exs = [x for x in examples() if x.doc in sorted({x.doc for x in examples()})[:6]]
    extra = synthetic_examples()[:60]
    cfg = {**CONFIG, "synthetic": False}
    more = cross_validate(exs, 2, config=cfg, extra=extra)
    assert more.n == len(more.predictions) == len(exs)  # scored on gold clauses only
    a = fit([x.item for x in exs], [x.labels for x in exs], config=cfg)
    b = fit([x.item for x in exs], [x.labels for x in exs], config=cfg,
            extra=([x.item for x in extra], [x.labels for x in extra]))
    assert a.coef.shape != b.coef.shape or not np.allclose(a.coef, b.coef)  # they do change the model
    assert len(b.vocab["char"]) > len(a.vocab["char"])


def test_parallel_folds_give_the_same_scores():
    exs = [x for x in examples() if x.doc in sorted({x.doc for x in examples()})[:12]]
    cfg = {**CONFIG, "synthetic": False}
    one = cross_validate(exs, 2, config=cfg, n_jobs=1)
    two = cross_validate(exs, 2, config=cfg, n_jobs=2)
    assert len(exs) >= 100 and one.predictions == two.predictions
