"""The pretrained sentence encoder behind the reason classifier's embedding feature."""

from __future__ import annotations

import json
import warnings
from itertools import combinations

import numpy as np
import pytest

from nlp.reasons import encoder
from nlp.reasons.evaluate import examples
from nlp.reasons.model import CONFIG, ReasonModel, fit
from nlp.reasons.text import classifier_text


def test_vectors_are_unit_length_and_512_wide():
    v = encoder.encode(["一是车辆购置费增加", "二是因公出国（境）团组减少"])
    assert v.shape == (2, encoder.DIM) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    assert encoder.encode([]).shape == (0, encoder.DIM)


def test_a_text_gets_one_vector_whatever_batch_it_comes_in():
    texts = ["主要是人员增加导致工资福利支出增加", "受疫情影响，部分项目未能开展", "车辆老化更新"]
    together = encoder.encode(texts)
    assert np.allclose(encoder.encode(texts[::-1])[::-1], together)
    assert np.allclose(encoder.encode([texts[1], texts[1]]), together[[1, 1]])


@pytest.mark.parametrize("a, b", [
    ("主要是公务用车运行维护费减少12.35万元", "主要是公务用车运行维护费减少3.8万元"),
    ("增加人员经费272.42万元", "增加人员经费1,050万元"),
])
def test_amounts_do_not_move_a_clause(a, b):
    # numbers are masked (encoder.mask_numbers): the cause, not the figure, places a clause
    va, vb = encoder.encode([a, b])
    assert float(va @ vb) > 0.95


def _gold_by_single_label(label: str) -> list[str]:
    return [classifier_text(x.text) for x in examples() if x.labels == [label]]


@pytest.mark.parametrize("label, other", [("vehicles", "personnel"), ("austerity", "payment_timing"),
                                          ("personnel", "operations"), ("forecast", "austerity")])
def test_real_clauses_of_one_cause_sit_closer_than_clauses_of_another(label, other):
    """On gold clauses from many departments: the mean cosine within a label beats the mean
    cosine across two labels (what makes the embedding worth a feature)."""
    mine, theirs = encoder.encode(_gold_by_single_label(label)), encoder.encode(_gold_by_single_label(other))
    assert len(mine) >= 8 and len(theirs) >= 8
    within = np.mean([float(mine[i] @ mine[j]) for i, j in combinations(range(len(mine)), 2)])
    across = float(np.mean(mine @ theirs.T))
    assert within > across + 0.05


def test_the_model_reads_the_embedding_and_records_its_encoder(tmp_path):
    assert CONFIG["embedding_weight"] > 0
    exs = examples()[:60]
    items, labels = [x.item for x in exs], [x.labels for x in exs]
    with_emb = fit(items, labels, groups=[x.doc for x in exs])
    without = fit(items, labels, groups=[x.doc for x in exs], config={**CONFIG, "embedding_weight": 0.0})
    assert with_emb.coef.shape[1] == without.coef.shape[1] + encoder.DIM
    assert np.abs(with_emb.coef[:, -encoder.DIM:]).sum() > 0  # the regression uses it
    jpath, _ = with_emb.save(tmp_path / "m")
    meta = json.loads(jpath.read_text(encoding="utf-8"))
    assert meta["embedding"]["package"] == encoder.PACKAGE and meta["embedding"]["dim"] == encoder.DIM
    assert meta["embedding"]["version"] != "not installed"


def test_a_model_trained_with_another_encoder_version_warns(tmp_path):
    exs = examples()[:40]
    jpath, _ = fit([x.item for x in exs], [x.labels for x in exs], groups=[x.doc for x in exs]).save(tmp_path / "m")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ReasonModel.load(tmp_path / "m")  # trained with the installed version: no warning
    meta = json.loads(jpath.read_text(encoding="utf-8"))
    meta["embedding"]["version"] = "0.0.1"
    jpath.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    with pytest.warns(UserWarning, match="0.0.1"):
        ReasonModel.load(tmp_path / "m")
