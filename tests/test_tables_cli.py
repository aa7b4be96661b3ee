"""``shuoming tables`` and ``shuoming check`` on a seed."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from nlp.cli import app

from pathlib import Path

SEED4 = str(next((Path(__file__).resolve().parent.parent / "corpora" / "seeds").glob("004_*.txt")))


def test_tables_command_jsonl_and_filter():
    res = CliRunner().invoke(app, ["tables", SEED4, "--table", "T7"])
    assert res.exit_code == 0, res.output
    recs = [json.loads(line) for line in res.stdout.splitlines()]
    assert len(recs) == 12 and {r["table"] for r in recs} == {"T7"}
    assert {r["column"] for r in recs} == {"预算数", "决算数"}
    assert all(r["line"] == 1053 for r in recs)


def test_tables_command_csv():
    res = CliRunner().invoke(app, ["tables", SEED4, "--format", "csv", "--table", "T1"])
    assert res.exit_code == 0
    lines = res.stdout.splitlines()
    assert lines[0].startswith("doc,table,table_title,row_code,row_label,side,column,value")
    assert len(lines) == 43  # header + 42 cells of T1


def test_check_command_reports_findings_and_coverage():
    res = CliRunner().invoke(app, ["check", SEED4, "--only", "tables"])
    assert res.exit_code == 0, res.output
    recs = [json.loads(line) for line in res.stdout.splitlines()]
    cov = recs[-1]
    assert cov["coverage"] and cov["instances"] == len(recs) - 1
    assert cov["evaluated_pct"] >= 95
    assert {"doc", "rule", "verdict", "severity", "line", "stated", "expected", "evidence", "message"} <= set(recs[0])


def test_check_min_severity_filters():
    res = CliRunner().invoke(app, ["check", SEED4, "--only", "tables", "--min-severity", "medium"])
    assert res.exit_code == 0
    recs = [json.loads(line) for line in res.stdout.splitlines()]
    assert len(recs) == 1 and recs[0]["coverage"]
