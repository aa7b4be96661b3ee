"""End to end: ``shuoming audit`` on a folder of the five seeds plus three awkward files.

The folder holds the seeds, an empty file, a binary file and a GBK-encoded copy of a seed. The
real pipeline runs (whatever stages are installed); the bad files must be listed as failed with
their reasons while everything else is audited, and every output must agree with the database.
"""

from __future__ import annotations

import csv
import re
import shutil

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

import nlp
from nlp import store
from nlp.cli import app
from nlp.schema import EXPORTED, TABLES

from .conftest import SEED

GBK_SOURCE = "004"  # 000 holds a character GBK cannot encode; the others round-trip


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    d = tmp_path_factory.mktemp("disclosures")
    for p in SEED.values():
        shutil.copy(p, d / p.name)
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 40)
    text = SEED[GBK_SOURCE].read_text(encoding="utf-8")
    (d / "gbk_copy.txt").write_bytes(text.encode("gbk"))
    return d


@pytest.fixture(scope="module")
def audited(folder, tmp_path_factory):
    out = tmp_path_factory.mktemp("audit-out")
    result = CliRunner().invoke(app, ["audit", str(folder), "--out", str(out), "--workers", "2", "--csv", "--xlsx"])
    return out, result


def by_name(df: pd.DataFrame) -> dict[str, dict]:
    return {r["doc"].rsplit("/", 1)[-1]: r for r in df.to_dict("records")}


def test_exit_code_and_files(audited):
    out, result = audited
    assert result.exit_code == 1, result.output  # two inputs failed, the rest were written
    for name in ["audit.duckdb", "report.html", "audit.xlsx"] + [f"{t}.parquet" for t in EXPORTED] \
            + [f"{t}.csv" for t in EXPORTED]:
        assert (out / name).is_file(), name
    assert not [p for p in out.iterdir() if p.name.startswith(".")], "temporary files left behind"
    assert "documents" in result.output and "failed" in result.output


def test_report_has_a_page_per_document_read(audited):
    out, _ = audited
    docs = pd.read_parquet(out / "documents.parquet")
    pages = sorted(p.name for p in (out / "report").iterdir())
    assert len(pages) == (docs["status"] != "failed").sum() == 6  # none for the two failed inputs
    index = (out / "report.html").read_text(encoding="utf-8")
    assert all(f'href="report/{name}"' in index for name in pages)
    assert "empty.txt" in index and "binary file, not text" in index


def test_single_file_report(tmp_path):
    out = tmp_path / "o"
    result = CliRunner().invoke(app, ["audit", str(SEED["002"]), "--out", str(out), "--workers", "1",
                                      "--single-file"])
    assert result.exit_code == 0, result.output
    assert not (out / "report").exists()
    page = (out / "report.html").read_text(encoding="utf-8")
    assert '<details class="doc" id="doc-0"' in page and re.search(r'<div class="ln" id="d0-L\d+">', page)


def test_every_input_has_a_status(audited):
    out, _ = audited
    docs = by_name(pd.read_parquet(out / "documents.parquet"))
    assert len(docs) == 8
    assert docs["empty.txt"]["status"] == "failed" and docs["empty.txt"]["reason"] == "empty file"
    assert docs["binary.txt"]["status"] == "failed" and docs["binary.txt"]["reason"] == "binary file, not text"
    for p in SEED.values():
        assert docs[p.name]["status"] in ("ok", "partial"), docs[p.name]
    gbk = docs["gbk_copy.txt"]
    assert gbk["status"] in ("ok", "partial") and gbk["encoding"] in ("gbk", "gb18030")
    original = docs[SEED[GBK_SOURCE].name]
    for key in ("department", "year", "kind", "scope", "unit", "lines", "n_sections", "n_claims", "n_cells"):
        assert gbk[key] == original[key], key
    assert original["department"] == "清远市政务服务数据管理局本级" and original["year"] == 2022
    # a partial document says why, in one line
    for r in docs.values():
        assert (r["status"] == "ok") == pd.isna(r["reason"])
        assert pd.isna(r["reason"]) or "\n" not in r["reason"]


def test_duckdb_counts_equal_parquet_and_csv(audited):
    out, _ = audited
    con = duckdb.connect(str(out / "audit.duckdb"), read_only=True)
    try:
        names = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        assert names == set(TABLES)
        for t in EXPORTED:
            n_db = con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
            assert n_db == pq.read_metadata(out / f"{t}.parquet").num_rows, t
            with open(out / f"{t}.csv", encoding="utf-8-sig", newline="") as fh:
                assert sum(1 for _ in csv.reader(fh)) - 1 == n_db, t
        assert con.execute("SELECT count(*) FROM sections").fetchone()[0] > 50
        # keys link the tables: every claim, section and finding belongs to an audited document
        for t in ("sections", "cells", "claims", "findings", "reasons"):
            orphans = con.execute(f'SELECT count(*) FROM "{t}" x LEFT JOIN documents d USING (doc) '
                                  "WHERE d.doc IS NULL OR d.status = 'failed'").fetchone()[0]
            assert orphans == 0, t
            dup = con.execute(f'SELECT count(*) - count(DISTINCT (doc, id)) FROM "{t}"').fetchone()[0]
            assert dup == 0, t
        comment = con.execute("SELECT comment FROM duckdb_columns() WHERE table_name = 'claims' "
                              "AND column_name = 'start'").fetchone()[0]
        assert "offset" in comment
    finally:
        con.close()


def test_positions_point_at_the_input(audited, folder):
    """Every section and claim row carries doc + line + offsets, and they point at its text."""
    out, _ = audited
    dbs = store.read_duckdb(out / "audit.duckdb")
    texts = {r["doc"]: r["text"] for r in dbs["texts"].to_dict("records")}
    sections = dbs["sections"]
    assert sections[["doc", "line", "start", "end"]].notna().all().all()
    for r in sections.head(200).to_dict("records"):
        t = texts[r["doc"]]
        assert r["start"] <= r["end"] <= len(t)
        assert t[r["start"]:].startswith(t.split("\n")[r["line"] - 1])
        if r["kind"] != "表":  # the heading is on its line of the input file
            raw = (folder / r["doc"].rsplit("/", 1)[-1]).read_bytes()
            enc = "gbk" if r["doc"].endswith("gbk_copy.txt") else "utf-8"
            assert r["heading"][:4] in raw.decode(enc).split("\n")[r["line"] - 1], r
    claims = dbs["claims"]
    if len(claims):
        assert claims[["doc", "id", "line", "start", "end"]].notna().all().all()
        for r in claims.head(300).to_dict("records"):
            t = texts[r["doc"]]
            assert t[r["start"]:r["end"]].strip(), r


def test_xlsx_has_a_sheet_per_table(audited):
    from openpyxl import load_workbook

    out, _ = audited
    wb = load_workbook(out / "audit.xlsx", read_only=True)
    assert {"documents", "findings", "claims", "reasons", "cells", "sections"} <= set(wb.sheetnames)
    ws = wb["documents"]
    assert ws.max_row == 9  # header + 8 inputs


def test_one_and_two_workers_give_identical_results(folder, audited):
    out, _ = audited  # written with --workers 2
    one = nlp.audit([str(folder)], workers=1)
    assert set(one) == set(TABLES)
    for name in EXPORTED:
        a, b = one[name], pd.read_parquet(out / f"{name}.parquet")
        if name == "stages":
            a, b = a.drop(columns=["seconds"]), b.drop(columns=["seconds"])
        pd.testing.assert_frame_equal(a, b, obj=name)
    assert list(one["documents"]["seq"]) == list(range(8))
    texts = store.read_duckdb(out / "audit.duckdb")["texts"]
    assert list(texts["text"]) == list(one["texts"]["text"])


def test_rerun_replaces_atomically(folder, tmp_path, monkeypatch):
    out = tmp_path / "out"
    seeds_only = [str(SEED[k]) for k in ("002", "003", "002")]  # the quick ones; a file may come twice
    nlp.audit(seeds_only[:2], out=str(out), csv=True)
    first = store.read_duckdb(out / "audit.duckdb")["documents"]
    assert len(first) == 2 and (out / "claims.csv").exists()

    # an interrupted write leaves the previous database whole and no temporary files
    def boom(tables, path):
        path.write_bytes(b"half a database")
        raise KeyboardInterrupt

    monkeypatch.setattr(store, "write_duckdb", boom)
    with pytest.raises(KeyboardInterrupt):
        nlp.audit(seeds_only, out=str(out))
    monkeypatch.undo()
    assert len(store.read_duckdb(out / "audit.duckdb")["documents"]) == 2
    assert not [p for p in out.iterdir() if p.name.startswith(".")]

    # a completed re-run replaces the results, and drops exports this run did not make
    nlp.audit(seeds_only, out=str(out))
    docs = store.read_duckdb(out / "audit.duckdb")["documents"]
    assert len(docs) == 3 and docs["doc"].is_unique and docs["doc"].iloc[2].endswith("002_6db38462d4630a99.txt#2")
    assert pq.read_metadata(out / "documents.parquet").num_rows == 3
    assert not (out / "claims.csv").exists()


def test_usage_errors_exit_2(tmp_path):
    runner = CliRunner()
    assert runner.invoke(app, ["audit", "--out", str(tmp_path)]).exit_code == 2  # no PATH
    assert runner.invoke(app, ["audit", str(SEED["002"])]).exit_code == 2  # no --out
    assert runner.invoke(app, ["audit", str(SEED["002"]), "--out", str(tmp_path), "--workers", "-1"]).exit_code == 2
    f = tmp_path / "file"
    f.write_text("x")
    assert runner.invoke(app, ["audit", str(SEED["002"]), "--out", str(f)]).exit_code == 2


def test_all_good_exits_0(tmp_path):
    result = CliRunner().invoke(app, ["audit", str(SEED["002"]), "--out", str(tmp_path / "o"), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "[1/1]" in result.output  # plain log lines when not on a terminal
