"""``shuoming claims`` and ``shuoming eval claims`` end to end; the spaCy Doc entry point."""

from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from nlp.cli import app

from .conftest import SEED

runner = CliRunner()
FIELDS = {"doc", "line", "start", "end", "text", "sentence", "kind", "subject", "subject_key", "value",
          "unit", "value_wan", "approx", "direction", "base", "group"}


def test_claims_jsonl_on_a_seed_has_every_field_and_offsets_point_at_the_figure():
    from nlp.load import load

    res = runner.invoke(app, ["claims", str(SEED["004"])])
    assert res.exit_code == 0, res.output
    recs = [json.loads(line) for line in res.stdout.splitlines()]
    assert len(recs) > 100
    assert FIELDS <= set(recs[0])
    doc = load(str(SEED["004"]))
    for r in recs:
        assert doc.text[r["start"]:r["end"]] == r["text"]
        assert doc.line_of(r["start"]) == r["line"]


def test_claims_from_stdin_bare_passage():
    text = "2017年西双版纳州民族宗教事务局安排公务接待费预算20万元,比上年减少1万元,下降4.76%。\n"
    res = runner.invoke(app, ["claims", "-"], input=text)
    assert res.exit_code == 0, res.output
    recs = [json.loads(line) for line in res.stdout.splitlines()]
    assert [(r["kind"], r["value"], r["direction"]) for r in recs] == [
        ("amount", "20", None), ("change", "1", "减少"), ("growth_rate", "4.76", "减少")]
    assert recs[0]["doc"] == "-" or recs[0]["doc"].startswith("<")
    assert len({r["group"] for r in recs}) == 1


def test_claims_csv_and_section_filter():
    res = runner.invoke(app, ["claims", str(SEED["000"]), "--format", "csv", "--section", "概况"])
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert rows and all(r["section"] == "概况" for r in rows)
    assert {"9", "4", "3"} <= {r["value"] for r in rows}


def test_claims_missing_file_is_one_line_error():
    res = runner.invoke(app, ["claims", "no/such/file.txt"])
    assert res.exit_code == 1
    assert "Traceback" not in res.output


def test_eval_claims_prints_per_kind_scores():
    res = runner.invoke(app, ["eval", "claims", "--format", "json", "--doc", "p0001", "--doc", "p0099"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    kinds = {r["kind"]: r for r in out["kinds"]}
    assert {"amount", "change", "growth_rate", "ALL"} <= set(kinds)
    assert kinds["ALL"]["gold"] > 20 and 0 <= kinds["ALL"]["precision"] <= 1


def test_claims_doc_spans_carry_claims():
    from nlp.claims import claims_doc
    from nlp.load import load_text

    text = "一般公共预算财政拨款收入49,644.69万元,比上年决算数增加10,391.38万元,增长26.5%。"
    sdoc = claims_doc(text)
    spans = list(sdoc.spans["claims"])
    assert [s._.kind for s in spans] == ["amount", "change", "growth_rate"]
    assert spans[0]._.subject == "一般公共预算财政拨款收入"
    assert "一般公共预算财政拨款收入" in [t.text for t in sdoc]   # user dictionary: one token
    document = load_text(text)
    sdoc2 = claims_doc(document)
    assert [s.start_char for s in sdoc2.spans["claims"]] == [s._.claim.start for s in sdoc2.spans["claims"]]


def test_jsonl_escapes_unicode_line_separators_so_each_record_is_one_line(tmp_path):
    # U+2028/U+2029/U+0085 in the text are left raw by json.dumps(ensure_ascii=False), and
    # str.splitlines() breaks on them: one record must stay one line for any reader.
    p = tmp_path / "ls.txt"
    p.write_text("支出1234.5万元\u2028比上年增加5万元\u2029增长3%。\x85完成。\n", encoding="utf-8")
    for cmd in ("claims", "reasons", "sections", "tables", "check"):
        res = runner.invoke(app, [cmd, str(p)])
        assert res.exit_code == 0, res.output
        lines = res.stdout.splitlines()
        assert all(json.loads(line)["doc"] for line in lines)
        if cmd == "claims":
            assert any("\u2028" in json.loads(line)["sentence"] for line in lines)
