"""The report: highlighting by verdict, evidence, escaping, self-containment, charts — in the
single-file page (``render_report``) and in the index + one page per document (``write_report``)."""

from __future__ import annotations

import base64
import hashlib
import re
from html import unescape
from pathlib import Path

import pyarrow.compute as pc
import pytest

from nlp import report as report_mod
from nlp import store
from nlp.batch import run_batch
from nlp.report import page_name, render_report, write_report
from nlp.report.model import _segments, build_model, claim_verdict

from .audit_samples import FIGURES, HOSTILE_TEXT, sample_results


def sample_with_failure(folder: Path):
    """The two sample results and a third input that fails (an empty file)."""
    results = sample_results(folder)
    empty = folder / "empty.txt"
    empty.write_bytes(b"")
    failed = run_batch([str(empty)], workers=1)[0]
    failed.seq = failed.document["seq"] = len(results)
    return results + [failed]


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    return store.build_tables(sample_results(tmp_path_factory.mktemp("report")))


@pytest.fixture(scope="module")
def html(tables):
    return render_report(tables)


@pytest.fixture(scope="module")
def split(tmp_path_factory):
    """(tables, output folder) of write_report on the samples and a failed input."""
    d = tmp_path_factory.mktemp("split")
    tables = store.build_tables(sample_with_failure(d))
    out = d / "out"
    write_report(tables, out)
    return tables, out


def _index(split) -> str:
    return (split[1] / "report.html").read_text(encoding="utf-8")


def _page(split, doc_suffix: str) -> tuple[Path, str]:
    index = _index(split)
    href = re.search(rf'<a href="(report/[^"#]+)">[^<]*{re.escape(doc_suffix)}</a>', index).group(1)
    path = split[1] / href
    return path, path.read_text(encoding="utf-8")


@pytest.fixture(params=["single", "document page"])
def page_with_sample(request, html, split):
    """The sample document's text as shown by the single-file report and by its document page."""
    return html if request.param == "single" else _page(split, "sample.txt")[1]


def test_claims_are_highlighted_by_verdict(page_with_sample):
    for fig, _, _, verdict in FIGURES:
        cls = f"v-{verdict or 'unchecked'}"
        assert re.search(rf'<mark class="cl {cls}[^"]*"[^>]*>{re.escape(fig)}</mark>', page_with_sample), fig


def test_evidence_and_reasons_are_in_the_page(page_with_sample):
    html = page_with_sample
    assert "T1 本年收入合计 / 决算数" in html and "本年 − 上年" in html
    assert "10,392.38万元" in html  # expected figure of the inconsistent claim
    assert "新增项目/职能 (new_task)" in html  # reason label, by name
    assert 'class="rs"' in html or " rs\"" in html  # the explanation clause is marked in the text


def test_document_text_is_escaped(page_with_sample):
    html = page_with_sample
    assert HOSTILE_TEXT not in html and "<script>alert" not in html
    assert "&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;" in html
    assert "<b>加粗</b>" not in html and "&lt;b&gt;加粗&lt;/b&gt;" in html
    assert "<img src=x" not in html and "<i>sic</i>" not in html  # stage outputs are escaped too
    assert html.count("<script") == 1  # only the report's own script


def _all_pages(split) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in [split[1] / "report.html", *sorted((split[1] / "report").iterdir())]]


@pytest.mark.parametrize("which", ["single", "split"])
def test_page_is_self_contained(which, html, split):
    for page in [html] if which == "single" else _all_pages(split):
        _self_contained(page)


def _self_contained(html: str) -> None:
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


# -- index + one page per document ------------------------------------------------------------
def test_index_lists_every_input_with_status_and_links_to_its_page(split):
    tables, out = split
    index = _index(split)
    docs = tables["documents"].to_pylist()
    assert len(docs) == 3 and {d["status"] for d in docs} >= {"failed"}
    rows = re.findall(r'<tr id="doc-(\d+)" data-n="\d+" data-status="(\w+)"[^>]*>(.*?)</tr>', index, re.S)
    assert [(int(seq), status) for seq, status, _ in rows] == [(d["seq"], d["status"]) for d in docs]
    pages = sorted(p.name for p in (out / "report").iterdir())
    for (seq, status, cells), d in zip(rows, docs):
        links = re.findall(r'<a href="([^"]+)">', cells)
        if status == "failed":
            assert links == [] and d["reason"] == "empty file" and "empty file" in cells
        else:
            assert links == [f"report/{page_name(d['seq'], d['doc'])}"]
            assert (out / links[0]).is_file()
    assert len(pages) == 2  # no page for the failed input
    assert 'id="failures"' in index


def test_index_holds_no_document_text(split):
    index = _index(split)
    assert "主要原因" not in index and "加粗" not in index  # narrative text is on the document pages only
    assert 'class="ln"' not in index and 'class="ev"' not in index


def test_finding_links_open_the_line_of_their_sentence(split):
    tables, out = split
    index = _index(split)
    links = re.findall(r'<tr data-n="\d+"[^>]*data-doc="([^"]+)"[^>]*>.*?<a href="([^"]+)">', index, re.S)
    wrong = [f for f in tables["findings"].to_pylist() if f["verdict"] in ("inconsistent", "rounding")]
    assert len(links) == len(wrong) >= 3
    for doc, href in links:
        path, anchor = unescape(href).split("#")
        page = (out / path).read_text(encoding="utf-8")
        assert f'data-doc="{doc}"' in page  # the page of the finding's document
        assert f'id="{anchor}"' in page
        if anchor.startswith("L"):  # a line of the narrative: the finding's claim is highlighted in it
            line = re.search(rf'<div class="ln" id="{anchor}">(.*?)</div>', page, re.S).group(1)
            assert '<mark class="cl v-inconsistent' in line or '<mark class="cl v-rounding' in line
        else:  # a table rule: its row in the page's findings table
            assert anchor.startswith("f-")
    assert any(h.split("#")[1].startswith("L") for _, h in links) and any("#f-" in h for _, h in links)


def test_document_page_lists_its_findings_with_line_links(split):
    tables, _ = split
    path, page = _page(split, "sample.txt")
    rows = re.findall(r'<tr data-n="\d+" data-severity="\w+" data-verdict="(\w+)"', page)
    assert len(rows) == sum(1 for d in tables["findings"].column("doc").to_pylist() if d.endswith("sample.txt"))
    for anchor in re.findall(r'<a href="#(L\d+)">', page):
        assert f'id="{anchor}"' in page
    assert 'href="../report.html#doc-0"' in page and 'id="f-doc"' not in page


def test_document_page_depends_on_its_document_only(split, tmp_path):
    tables, out = split
    _, page = _page(split, "sample.txt")
    doc = tables["documents"].column("doc")[0].as_py()
    alone = {name: t.filter(pc.equal(t["doc"], doc)) if "doc" in t.column_names else t for name, t in tables.items()}
    write_report(alone, tmp_path)
    [single] = list((tmp_path / "report").iterdir())

    def body(html):  # the links to the other documents and the count of documents aside
        return re.sub(r'<div class="crumbs">.*?</div>', "", html)

    assert body(single.read_text(encoding="utf-8")) == body(page)


def test_index_grows_by_a_row_per_document(split):
    index = _index(split)
    rows = re.findall(r'<tr id="doc-\d+".*?</tr>', index, re.S)
    assert len(rows) == 3 and max(len(r.encode()) for r in rows) < 2000


def test_index_findings_are_capped(split, monkeypatch, tmp_path):
    monkeypatch.setattr(report_mod, "MAX_INDEX_FINDINGS", 1)
    write_report(split[0], tmp_path)
    index = (tmp_path / "report.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr data-n="\d+" data-severity="(\w+)" data-verdict="(\w+)"', index)
    assert rows == [("high", "inconsistent")]  # the most severe one
    assert "the 1 most severe" in index


def test_many_consistent_findings_are_counted_by_rule(split, monkeypatch, tmp_path):
    monkeypatch.setattr(report_mod, "MAX_PAGE_CONSISTENT", 0)
    write_report(split[0], tmp_path)
    page = (tmp_path / "report" / page_name(0, "sample.txt")).read_text(encoding="utf-8")
    verdicts = re.findall(r'<tr data-n="\d+" data-severity="\w+" data-verdict="(\w+)"', page)
    assert verdicts and "consistent" not in verdicts
    assert re.search(r'id="folded">1 consistent findings .*N.amount 1', page)


def test_rewrite_replaces_pages_and_single_file_removes_them(split, tmp_path):
    stale = tmp_path / "report" / "0009-old.html"
    stale.parent.mkdir()
    stale.write_text("old", encoding="utf-8")
    written = write_report(split[0], tmp_path)
    assert set(written) == {"report.html", "report/"} and not stale.exists()
    assert len(list((tmp_path / "report").iterdir())) == 2
    written = write_report(split[0], tmp_path, single_file=True)
    assert set(written) == {"report.html"} and not (tmp_path / "report").exists()
    assert 'class="doc"' in (tmp_path / "report.html").read_text(encoding="utf-8")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("seq, doc, name", [
    (0, "corpora/seeds/000_e7eec69b57aa2ea8.txt", "0001-000_e7eec69b57aa2ea8.html"),
    (11, "上海市普陀区财政局2024年度部门决算.pdf", "0012-2024.html"),
    (2, "附件2：部门决算模板.pdf", "0003-2.html"),
    (4, "财政局.txt", "0005.html"),
    (0, "-", "0001.html"),
    (9, "a b/c d#2", "0010-c-d-2.html"),
    (1234, "x.txt", "1235-x.html"),
])
def test_page_names_are_safe_and_numbered(seq, doc, name):
    assert page_name(seq, doc) == name
    assert re.fullmatch(r"[0-9]+(-[A-Za-z0-9_-]+)?\.html", page_name(seq, doc))


def test_pandas_tables_give_the_same_report(split, tmp_path):
    tables, out = split
    write_report({name: t.to_pandas() for name, t in tables.items()}, tmp_path)
    for p in [Path("report.html"), *(Path("report") / q.name for q in (out / "report").iterdir())]:
        assert (tmp_path / p).read_text(encoding="utf-8") == (out / p).read_text(encoding="utf-8"), p


def test_store_write_outputs_writes_the_index_and_document_pages(tables, tmp_path):
    """``store.write_outputs`` (the library entry point) writes the same report as ``shuoming audit``."""
    written = store.write_outputs(tables, tmp_path)
    assert (tmp_path / "report.html").is_file() and "audit.duckdb" in written
    pages = sorted(p.name for p in (tmp_path / "report").glob("*.html"))
    assert len(pages) == tables["documents"].num_rows
    index = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert all(f"report/{p}" in index for p in pages)
