"""``report.html``: highlighting by verdict, evidence, escaping, self-containment, charts."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest

from nlp import store
from nlp.report import render_report
from nlp.report.model import _segments, build_model, claim_verdict

from .audit_samples import FIGURES, HOSTILE_TEXT, sample_results


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    return store.build_tables(sample_results(tmp_path_factory.mktemp("report")))


@pytest.fixture(scope="module")
def html(tables):
    return render_report(tables)


def test_claims_are_highlighted_by_verdict(html):
    for fig, _, _, verdict in FIGURES:
        cls = f"v-{verdict or 'unchecked'}"
        assert re.search(rf'<mark class="cl {cls}[^"]*"[^>]*>{re.escape(fig)}</mark>', html), fig


def test_evidence_and_reasons_are_in_the_page(html):
    assert "T1 本年收入合计 / 决算数" in html and "本年 − 上年" in html
    assert "10,392.38万元" in html  # expected figure of the inconsistent claim
    assert "新增项目/职能 (new_task)" in html  # reason label, by name
    assert 'class="rs"' in html or " rs\"" in html  # the explanation clause is marked in the text


def test_document_text_is_escaped(html):
    assert HOSTILE_TEXT not in html and "<script>alert" not in html
    assert "&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;" in html
    assert "<b>加粗</b>" not in html and "&lt;b&gt;加粗&lt;/b&gt;" in html
    assert "<img src=x" not in html and "<i>sic</i>" not in html  # stage outputs are escaped too
    assert html.count("<script") == 1  # only the report's own script


def test_page_is_self_contained(html):
    assert not re.search(r'\b(?:src|href)\s*=\s*["\']?(?:https?:)?//', html)
    assert "<link" not in html and "@import" not in html and "url(" not in html
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert "default-src 'none'" in csp
    script = re.search(r"<script>(.*)</script>", html, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp  # the only script allowed to run is the page's own


def test_findings_table_has_every_finding_and_filters(html, tables):
    rows = re.findall(r'<tr data-n="\d+" data-severity="(\w+)" data-verdict="(\w+)" data-rule="([^"]+)"', html)
    assert len(rows) == tables["findings"].num_rows
    assert sum(1 for f in tables["findings"].column("doc").to_pylist() if f.endswith("sample.txt")) == 5
    for select in ("f-severity", "f-rule", "f-doc", "f-verdict"):
        assert f'id="{select}"' in html
    assert '<option value="T1.income_total">' in html


def test_charts_are_inline_svg(html):
    assert html.count("<svg") >= 5
    assert "Findings per rule" in html and "Reason labels by direction" in html
    assert "T1.income_total" in re.search(r"<figcaption>Findings per rule</figcaption>(.*?)</svg>", html, re.S).group(1)


def test_failed_documents_are_listed(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    from nlp.batch import run_batch

    html = render_report(store.build_tables(run_batch([str(empty)], workers=1)))
    assert 'id="failures"' in html and "empty file" in html


def test_overlapping_claims_stay_clickable():
    text = "完成预算14.39万元的97.6%。"
    a = {"key": "a", "verdict": "consistent", "claim": {}}
    b = {"key": "b", "verdict": "inconsistent", "claim": {}}
    segs = _segments(text, 0, len(text), [(4, 11, "c", a), (2, 16, "c", b)])
    keys = [s["claims"] for s in segs]
    assert ["b", "a"] in keys or ["a", "b"] in keys
    assert "".join(s["text"] for s in segs) == text
    assert claim_verdict(["consistent", "unverifiable"]) == "consistent"
    assert claim_verdict(["consistent", "inconsistent"]) == "inconsistent"
    assert claim_verdict([]) == "unchecked"


def test_model_links_claims_findings_and_reasons(tables):
    m = build_model(tables)
    doc = m["documents"][0]
    by_id = {v["claim"]["id"]: v for v in doc["claims"]}
    assert by_id["c2"]["verdict"] == "inconsistent"
    assert [r["labels"] for r in by_id["c2"]["reasons"]] == [["new_task"], ["personnel"]]
    assert m["totals"]["findings"] == tables["findings"].num_rows and m["totals"]["documents"] == 2


def test_large_corpus_lists_only_non_consistent_findings(tables, monkeypatch):
    from nlp.report import model

    monkeypatch.setattr(model, "MAX_LISTED_CONSISTENT", 1)
    html = render_report(tables)
    assert 'id="unlisted"' in html
    rows = re.findall(r'<tr data-n="\d+" data-severity="\w+" data-verdict="(\w+)"', html)
    assert rows and "consistent" not in rows
    n_not_consistent = sum(1 for v in tables["findings"].column("verdict").to_pylist() if v != "consistent")
    assert len(rows) == n_not_consistent
    chart = re.search(r"<figcaption>Findings per rule</figcaption>(.*?)</svg>", html, re.S).group(1)
    assert "· consistent:" in chart  # the chart still counts the unlisted ones
