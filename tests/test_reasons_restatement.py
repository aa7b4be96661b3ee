"""Restatement features (nlp/reasons/restatement.py): a clause that only repeats its statement."""

import pytest

from nlp.reasons import restatement as R
from nlp.reasons.text import classifier_text


@pytest.mark.parametrize("clause, statement, restates", [
    ("公务接待费减少", "公务接待费支出3.2万元,比上年减少0.8万元", True),
    ("因公出国(境)费减少", "因公出國(境)費支出0萬元,比上年減少12萬元", True),  # traditional statement
    ("与上年持平", "公务用车购置费0万元,与上年持平", True),
    ("严格落实中央八项规定精神,压减一般性支出", "公务接待费支出3.2万元,比上年减少0.8万元", False),
    ("新增数字政府建设经费", "一般公共预算财政拨款收入49644.69万元,比上年增加10391.38万元", False),
    ("人员增加", None, False),
])
def test_restates(clause, statement, restates):
    f = R.features(classifier_text(clause), classifier_text(statement or ""))
    assert (f[1] == 1.0) is restates
    assert 0.0 <= f[0] <= 1.0


def test_overlap_is_the_share_of_clause_bigrams_in_the_statement():
    # 接待费减少: bigrams 接待 待费 费减 减少; the statement holds 接待 待费 and 减少
    assert R.overlap("接待费减少", "公务接待费比上年减少") == pytest.approx(3 / 4)
    assert R.overlap("接待费减少", "") == 0.0
    assert R.overlap("减", "减少") == 0.0  # no bigram in a one-character clause


def test_brevity_falls_with_length():
    short, long_ = R.features("疫情影响", None)[2], R.features("受疫情影响" * 8, None)[2]
    assert short == pytest.approx(1 / (1 + 4 / 8)) and long_ < 0.2


def test_shipped_model_reads_the_features():
    from nlp.reasons.classify import default_model
    from nlp.reasons.model import Item

    m = default_model()
    assert m is not None and m.config.get("restatement")
    extra = m.extra(Item("公务接待费减少", explained="公务接待费比上年减少0.8万元"), "公务接待费减少")
    from nlp.reasons import encoder

    embedding = encoder.DIM if m.config.get("embedding_weight") else 0  # the last block of the features
    assert len(extra) == m.coef.shape[1] - sum(len(v) for v in m.vocab.values()) - embedding
    assert extra[-3:] == R.features("公务接待费减少", "公务接待费比上年减少0.8万元")
