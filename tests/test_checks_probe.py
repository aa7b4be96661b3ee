"""The written checks probe (corpora/annotations/checks-probe): every injected defect is reported on
its line, and every passage with its defects corrected raises no inconsistent finding."""

import json
from functools import lru_cache

import pytest

from nlp.resources import corpus_path
from tests.check_runs import document_run

PROBE = corpus_path("annotations", "checks-probe")


def _jsonl(name: str) -> list[dict]:
    return [json.loads(ln) for ln in (PROBE / name).read_text(encoding="utf-8").splitlines() if ln.strip()]


@lru_cache(maxsize=None)
def _passages() -> dict[str, str]:
    return {p["id"]: p["text"] for p in _jsonl("ca-passages.jsonl")}


DEFECTS = _jsonl("ca-defects.jsonl")


def _cited(f) -> set[int]:
    ev = f.evidence or {}
    return ({f.line} | set(ev.get("lines", [])) | {ev[k] for k in ("whole_line",) if isinstance(ev.get(k), int)})


@pytest.mark.parametrize("d", DEFECTS, ids=[f"{d['doc']}:{d['line']}:{d['kind']}" for d in DEFECTS])
def test_an_injected_defect_is_reported_on_its_line(d):
    _, _, findings = document_run(d["doc"], _passages()[d["doc"]])
    hit = [f for f in findings if f.verdict in ("inconsistent", "rounding") and d["line"] in _cited(f)]
    assert hit, f"{d['figure']} should read {d['correct']} ({d['relation']})"


def _corrected(pid: str) -> str:
    lines = _passages()[pid].split("\n")
    for d in DEFECTS:
        if d["doc"] == pid:
            lines[d["line"] - 1] = lines[d["line"] - 1].replace(d["figure"], d["correct"], 1)
    return "\n".join(lines)


@pytest.mark.parametrize("pid", sorted(_passages()))
def test_a_consistent_passage_raises_no_inconsistent_finding(pid):
    _, _, findings = document_run(pid + ":corrected", _corrected(pid))
    assert not [(f.line, f.rule, f.message) for f in findings if f.verdict == "inconsistent"]
