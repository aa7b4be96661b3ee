"""The reason classifier: safe format round trip, real clauses, and the eval command."""

from __future__ import annotations

import json
import zipfile

import numpy as np
from typer.testing import CliRunner

from nlp.cli import app
from nlp.reasons.classify import classify, decide, rule_labels
from nlp.reasons.evaluate import examples, score_labels
from nlp.reasons.model import ReasonModel, fit, model_input
from nlp.resources import model_path


def test_saved_model_is_plain_data_and_round_trips(tmp_path):
    exs = examples()[:120]
    m = fit([model_input(x.text, x.kind) for x in exs], [x.labels for x in exs])
    m.save(tmp_path / "r")
    meta = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert meta["format"] == "shuoming-reasons-1" and meta["labels"][0] == "personnel"
    with zipfile.ZipFile(tmp_path / "r.npz") as z:  # .npy arrays only, no pickled objects
        assert sorted(z.namelist()) == ["coef.npy", "idf.npy", "intercept.npy"]
    back = ReasonModel.load(tmp_path / "r")
    texts = [model_input(x.text, x.kind) for x in exs[:20]]
    assert np.allclose(m.predict_proba(texts), back.predict_proba(texts), atol=1e-4)


def test_shipped_model_labels_real_clauses():
    assert model_path("reasons.json").exists() and model_path("reasons.npz").exists()
    got = classify(["严格执行中央八项规定,严格落实公务用车制度和公务接待制度,厉行节约,控制支出",  # p0173
                    "新接收军转干部和招聘事业单位人员,相应增加人员工资薪酬",  # seed 000 line 474
                    "2022年疫情防控相关的话务需求暴涨"],  # seed 000 line 557
                   ["reason", "reason", "reason"])
    assert "austerity" in got[0][0]
    assert "personnel" in got[1][0]
    assert "external_shock" in got[2][0]


def test_rules_add_labels_unless_the_model_vetoes():
    assert rule_labels("受疫情影响,相应减少公务考察调研接待活动")[:1] == ["task_ended"] or \
        "external_shock" in rule_labels("受疫情影响,相应减少公务考察调研接待活动")
    sure_not = {"austerity": 0.9, "vehicles": 0.05}  # the model vetoes a rule label it is sure against
    assert decide(sure_not, ["vehicles"], {"austerity": 0.5, "vehicles": 0.5}) == ["austerity"]
    unsure = {"austerity": 0.3, "vehicles": 0.2}
    assert decide(unsure, ["vehicles"], {"austerity": 0.5, "vehicles": 0.5}) == ["vehicles"]
    assert decide({"vague": 0.7, "personnel": 0.6}, [], {"vague": 0.5, "personnel": 0.5}) == ["personnel"]


def test_score_labels_counts():
    s = score_labels([["austerity"], ["vehicles", "austerity"]], [["austerity"], ["vehicles"]])
    assert s.per_label["austerity"]["recall"] == 0.5 and s.per_label["vehicles"]["precision"] == 1.0


def test_eval_and_reasons_commands_run():
    # a quick cross-validation on the clauses of 12 documents (the full run is `shuoming eval reasons`)
    r = CliRunner().invoke(app, ["eval", "reasons", "--no-find", "--folds", "2", "--docs", "12", "--format", "json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.output)
    assert out["clauses"] >= 40 and 0.0 < out["macro_f1"] <= 1.0
    assert out["segmentation"]["exact_match"] >= 0.9
    text = "2021年度收入合计153.47万元,较上年决算数减少30.67万元,减少16.7%,主要原因是人员经费减少。"  # p0196
    r = CliRunner().invoke(app, ["reasons", "-", "--format", "csv"], input=text)
    assert r.exit_code == 0, r.output
    lines = r.output.strip().splitlines()
    assert lines[0].startswith("doc,line,start,end,clause,explains,labels,scores,flags")
    assert "人员经费减少" in lines[1] and "personnel" in lines[1]
