"""The blind second annotation and its adjudication (corpora/annotations/reasons-agreement/)."""

import json

import pytest

from nlp.reasons import agreement as A
from nlp.reasons.gold import GoldClause, GoldExplanation
from nlp.reasons.lexicon import LABELS

GOLD = A.clause_keys()
SECOND = A.second_annotation()
ADJ = A.adjudication()


def test_second_annotation_covers_every_gold_clause_once():
    assert set(SECOND) == {k for k, v in GOLD.items() if v}


@pytest.mark.parametrize("key", sorted(SECOND))
def test_second_labels_are_taxonomy_ids_and_vague_alone(key):
    labels = SECOND[key]["labels"]
    assert labels and set(labels) <= set(LABELS)
    assert "vague" not in labels or labels == ["vague"]


@pytest.mark.parametrize("key", sorted(ADJ))
def test_adjudicated_labels_are_what_the_gold_holds(key):
    r = ADJ[key]
    assert sorted(GOLD[key]) == sorted(r["labels"])
    assert sorted(r["first"]) != sorted(r["second"])  # only disagreements are adjudicated
    assert sorted(r["second"]) == sorted(SECOND[key]["labels"])
    picked = {"first": r["first"], "second": r["second"]}.get(r["chosen"])
    if picked is not None:
        assert sorted(picked) == sorted(r["labels"])
    else:
        assert r["chosen"] == "other" and sorted(r["labels"]) not in (sorted(r["first"]), sorted(r["second"]))


def test_every_disagreement_is_adjudicated():
    """Where the second annotation differs from the gold, the gold was set by adjudication."""
    differ = {k for k in SECOND if sorted(SECOND[k]["labels"]) != sorted(GOLD[k])}
    assert differ <= set(ADJ)


def _write(tmp_path, name, rows):
    (tmp_path / name).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def test_agreement_scores_the_independent_readings_and_the_adjudicated_gold(tmp_path, monkeypatch):
    gold = [GoldExplanation("e1", "d", 1, "reason", "t", None, None, None, None,
                            [GoldClause("人员增加", "一是", ["personnel"]), GoldClause("新增项目", "二是", ["new_task"])])]
    _write(tmp_path, "second-annotation.jsonl", [{"key": "e1#0", "labels": ["personnel"]},
                                                 {"key": "e1#1", "labels": ["operations"]}])
    _write(tmp_path, "adjudication.jsonl", [{"key": "e1#1", "first": ["new_task", "operations"],
                                            "second": ["operations"], "labels": ["new_task"], "chosen": "other"}])
    monkeypatch.setattr(A, "agreement_dir", lambda: tmp_path)
    a = A.agreement(gold)
    assert a["clauses"] == 2 and a["disagreements"] == 1 and a["adjudicated"] == {"other": 1}
    # against the gold: personnel agrees, new_task missed, operations spurious
    assert a["per_label"]["personnel"]["f1"] == 1.0 and a["per_label"]["new_task"]["f1"] == 0.0
    assert a["exact"] == 0.5
    # independent: first {personnel}, {new_task, operations} vs second {personnel}, {operations}
    assert a["independent"]["exact"] == 0.5
    assert a["independent"]["micro_f1"] == pytest.approx(2 * 2 / (2 * 2 + 0 + 1))


def test_no_second_annotation_gives_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(A, "agreement_dir", lambda: tmp_path)
    assert A.agreement([]) == {}
