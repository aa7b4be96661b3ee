"""``nlp.pipeline.analyze``: statuses, notes for missing or failing stages, determinism."""

from __future__ import annotations

import pickle

import pytest

from nlp import pipeline
from nlp.ingest import Source, iter_sources
from nlp.pipeline import analyze

from .conftest import SEED


def source(key: str) -> Source:
    return next(iter_sources([str(SEED[key])]))


def strip_timings(r):
    d = r.to_dict()
    for s in d["stages"]:
        s.pop("seconds")
    return d


def test_seed_is_audited_with_metadata_and_positions():
    r = analyze(source("004"), seq=3)
    assert r.status in ("ok", "partial") and r.seq == 3
    d = r.document
    assert (d["department"], d["year"], d["kind"], d["scope"]) == ("清远市政务服务数据管理局本级", 2022, "决算", "本级")
    assert d["status"] == r.status and d["n_sections"] == len(r.sections) > 0
    assert r.narrative and all(k in pipeline.NARRATIVE_KINDS for _, _, k in r.narrative)
    for s in r.sections:
        assert s["doc"] == r.doc and s["id"].startswith("S")
        assert r.text[s["start"]:].startswith(r.text.split("\n")[s["line"] - 1])
    for c in r.claims:
        assert c["doc"] == r.doc and c["id"] and c["line"] >= 1 and 0 <= c["start"] < c["end"]
    assert {s["stage"] for s in r.stages} >= {"load", "sections", "tables", "claims", "checks", "reasons"}
    pickle.loads(pickle.dumps(r))  # plain data: it crosses process boundaries


def test_result_is_deterministic():
    assert strip_timings(analyze(source("003"))) == strip_timings(analyze(source("003")))


@pytest.mark.parametrize("content, reason", [(b"", "empty file"), (bytes(range(256)) * 40, "binary file, not text"),
                                             ("今天天气很好，我们去公园散步。".encode(), "not a budget")],
                         ids=["empty", "binary", "not-a-disclosure"])
def test_bad_input_fails_with_one_line(tmp_path, content, reason):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    r = analyze(next(iter_sources([str(p)])))
    assert r.status == "failed" and reason in r.reason and "\n" not in r.reason
    assert r.document["status"] == "failed" and r.claims == [] and r.text is None


def test_missing_input_fails():
    r = analyze(next(iter_sources(["/nonexistent/x.txt"])))
    assert (r.status, r.reason) == ("failed", "no such file or folder")


def test_missing_stage_is_a_note(monkeypatch):
    monkeypatch.setitem(pipeline.STAGE_MODULES, "reasons", "nlp._no_such_stage")
    r = analyze(source("002"))
    assert r.status == "partial"
    assert "stage reasons unavailable (no module nlp._no_such_stage)" in r.reason
    assert [s["status"] for s in r.stages if s["stage"] == "reasons"] == ["missing"]


def test_crashing_stage_is_a_note_not_a_crash(monkeypatch):
    def boom(*a, **k):
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(pipeline, "_claims", boom)
    r = analyze(source("002"))
    assert r.status == "partial" and r.sections
    assert "stage claims failed (RuntimeError: boom second line)" in r.reason
    assert r.claims == []


def test_unexpected_error_in_loading_fails_the_document_only(monkeypatch):
    import sys

    monkeypatch.setattr(sys.modules["nlp.load"], "load_source", lambda s: (_ for _ in ()).throw(MemoryError("too big")))
    r = analyze(source("002"))
    assert r.status == "failed" and r.reason == "internal error (MemoryError: too big)"


def test_call_with_passes_only_accepted_keywords():
    def f(doc, sections=None):
        return doc, sections

    assert pipeline.call_with(f, 1, sections=2, tables=3) == (1, 2)
    assert pipeline.call_with(lambda doc, **kw: kw, 1, a=2) == {"a": 2}


def test_table_builder_equals_build_tables_in_any_arrival_order(tmp_path):
    import copy

    from nlp import store

    from .audit_samples import sample_results

    results = sample_results(tmp_path)
    results.append(analyze(next(iter_sources([str(tmp_path / "missing.txt")])), seq=2))
    expected = store.build_tables(copy.deepcopy(results))
    builder = store.TableBuilder()
    for r in reversed(results):  # workers finish in any order
        builder.add(r)
    got = builder.tables()
    assert set(got) == set(expected)
    for name in expected:
        assert got[name].equals(expected[name]), name
    assert results[0].claims == [] and results[0].document["n_claims"] == 5  # rows went to Arrow
