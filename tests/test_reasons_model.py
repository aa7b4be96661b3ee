"""The reason classifier: safe format round trip, real clauses, and the eval command."""

from __future__ import annotations

import json
import zipfile

import numpy as np
from typer.testing import CliRunner

from nlp.cli import app
from nlp.reasons.classify import classify, decide, rule_labels
from nlp.reasons.evaluate import examples, score_labels
from nlp.reasons.model import FORMAT, ReasonModel, fit
from nlp.reasons.text import classifier_text
from nlp.resources import model_path


def test_saved_model_is_plain_data_and_round_trips(tmp_path):
    # training on a small fixed subset (120 gold clauses), nested thresholds included
    exs = examples()[:120]
    m = fit([x.item for x in exs], [x.labels for x in exs], groups=[x.doc for x in exs])
    assert set(m.thresholds) == set(m.labels) and any(t != 0.5 for t in m.thresholds.values())
    m.save(tmp_path / "r")
    meta = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert meta["format"] == FORMAT == "shuoming-reasons-5" and meta["labels"][0] == "personnel"
    with zipfile.ZipFile(tmp_path / "r.npz") as z:  # .npy arrays only, no pickled objects
        assert sorted(z.namelist()) == ["char_idf.npy", "coef.npy", "explained_idf.npy", "intercept.npy",
                                        "word_idf.npy"]
    back = ReasonModel.load(tmp_path / "r")
    items = [x.item for x in exs[:20]]
    assert np.allclose(m.predict_proba(items), back.predict_proba(items), atol=1e-4)


def test_shipped_model_card_scores_and_gold_fit():
    """The shipped model: its recorded nested cross-validated scores, and its labels on the gold."""
    from nlp.reasons.classify import default_model

    model = default_model()
    cv = model.info["cv"]
    assert model.info["clauses"] >= 400 and cv["macro_f1"] >= 0.72 and cv["micro_f1"] >= 0.75  # honest (frozen rules)
    assert model.config["rules"] == ["taxonomy_v2"]  # a frozen lexicon; the leaky legacy one is not shipped
    assert cv["macro_f1"] > model.info["cv_variants"]["model_only"]["macro_f1"]  # the taxonomy rules still help
    assert cv["macro_f1"] > model.info["cv_variants"]["real_only"]["macro_f1"] + 0.02  # the synthetic clauses help
    assert model.info["synthetic"]["clauses"] >= 1000
    assert model.info["cv_by_kind"]["reason"]["clauses"] >= 300
    assert model.info["reason_missing"]["recall"] >= 0.6
    exs = examples()
    got = classify([x.text for x in exs], [x.kind for x in exs], directions=[x.direction for x in exs])
    fit_scores = score_labels([x.labels for x in exs], [g for g, _ in got])
    assert fit_scores.micro_f1 >= 0.9  # it learnt its own data (held-out scores are the card's)


def test_gold_text_and_document_text_read_alike():
    # p0008: traditional characters with mirror-site pinyin glosses, as the gold copies them
    assert classifier_text("出國(境)費標(biāo)準(zhǔn)調(diào)整") == "出国(境)费标准调整"
    assert classifier_text("经费(含外宾接待)") == "经费(含外宾接待)"  # a real bracket stays
    assert "policy_change" in rule_labels("出國(境)費標(biāo)準(zhǔn)調(diào)整、出訪任務(wù)增多")


def test_shipped_model_labels_real_clauses():
    assert model_path("reasons.json").exists() and model_path("reasons.npz").exists()
    got = classify(["严格执行中央八项规定,严格落实公务用车制度和公务接待制度,厉行节约,控制支出",  # p0173
                    "新接收军转干部和招聘事业单位人员,相应增加人员工资薪酬",  # seed 000 line 474
                    "2022年疫情防控相关的话务需求暴涨"],  # seed 000 line 557
                   ["reason", "reason", "reason"])
    assert "austerity" in got[0][0]
    assert "personnel" in got[1][0]
    assert "external_shock" in got[2][0]


def test_decisions_thresholds_and_vague():
    assert "external_shock" in rule_labels("受疫情影响,相应减少公务考察调研接待活动")
    assert "personnel" in rule_labels("机关事业单位人员基本养老保险缴费支出")  # p0040 (frozen taxonomy lexicon)
    th = {"austerity": 0.5, "vehicles": 0.3}
    assert decide({"austerity": 0.9, "vehicles": 0.05}, ["vehicles"], th) == ["austerity"]  # rules are features only
    assert decide({"austerity": 0.4, "vehicles": 0.35}, [], th) == ["vehicles"]  # per-label threshold
    assert decide({"austerity": 0.2, "vehicles": 0.1}, [], th) == ["austerity"]  # none passes: the best
    assert decide({"vague": 0.7, "personnel": 0.6}, [], {"vague": 0.5, "personnel": 0.5}) == ["personnel"]
    assert decide({"vague": 0.2, "personnel": 0.3}, ["vague"], {"vague": 0.5, "personnel": 0.5}) == ["vague"]


def test_score_labels_counts():
    s = score_labels([["austerity"], ["vehicles", "austerity"]], [["austerity"], ["vehicles"]])
    assert s.per_label["austerity"]["recall"] == 0.5 and s.per_label["vehicles"]["precision"] == 1.0


def test_eval_and_reasons_commands_run():
    # a quick cross-validation on the clauses of 12 documents (the full run is `shuoming eval reasons`)
    r = CliRunner().invoke(app, ["eval", "reasons", "--no-find", "--no-missing", "--folds", "2", "--docs", "12",
                                 "--no-synthetic", "--format", "json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.output)
    assert out["clauses"] >= 40 and 0.0 < out["macro_f1"] <= 1.0
    assert set(out["variants"]) == {"model_only", "taxonomy_v1", "no_embedding", "shipped"}  # (b) is (c) without synthetic
    assert out["variants"]["shipped"]["macro_f1"] == out["macro_f1"]
    assert out["segmentation"]["exact_match"] >= 0.9
    text = "2021年度收入合计153.47万元,较上年决算数减少30.67万元,减少16.7%,主要原因是人员经费减少。"  # p0196
    r = CliRunner().invoke(app, ["reasons", "-", "--format", "csv"], input=text)
    assert r.exit_code == 0, r.output
    lines = r.output.strip().splitlines()
    assert lines[0].startswith("doc,line,start,end,clause,explains,labels,scores,flags")
    assert "人员经费减少" in lines[1] and "personnel" in lines[1]


def test_mined_rules_come_from_the_given_clauses_only():
    """Phrases are mined per label with a precision floor over documents; unseen clauses mine nothing."""
    from nlp.reasons.mine import MINE, mine_rules, rule_hits

    exs = examples()
    docs = sorted({x.doc for x in exs})[:60]
    part = [x for x in exs if x.doc in docs]
    rules = mine_rules([x.text for x in part], [x.labels for x in part], [x.doc for x in part], ["austerity", "personnel"])
    assert rules and {l for l, _ in rules} == {"austerity", "personnel"}
    for label, g in rules:  # every kept phrase meets the floor on the clauses it was mined from
        holding = [x for x in part if g in classifier_text(x.text)]
        assert len(holding) >= MINE["min_support"]
        assert sum(label in x.labels for x in holding) >= MINE["min_precision"] * len(holding)
        assert len({x.doc for x in holding if label in x.labels}) >= MINE["min_docs"]
    assert "austerity" in rule_hits("严格执行中央八项规定精神,厉行节约", rules)
