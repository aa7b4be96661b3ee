"""Tables without rules: the 财政局 PDF with every path object removed must render (nearly) the
same TAB rows from word positions alone as it does from its ruling lines."""

from __future__ import annotations

import io

import pytest
import regex

from tests.conftest import PDFS

CZJ = PDFS / "上海市普陀区财政局2024年度部门决算.pdf"


def _strip_rules(data: bytes) -> bytes:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    pdf = pdfium.PdfDocument(data)
    for i in range(len(pdf)):
        page = pdf[i]
        paths = [o for o in page.get_objects(max_depth=1) if o.type == pdfium_c.FPDF_PAGEOBJ_PATH]
        for o in paths:
            page.remove_obj(o)
        if paths:
            page.gen_content()
    buf = io.BytesIO()
    pdf.save(buf)
    return buf.getvalue()


@pytest.fixture(scope="module")
def both():
    from nlp.pdf import render_lines

    data = CZJ.read_bytes()
    ruled, _, _ = render_lines("ruled.pdf", data)
    bare, _, _ = render_lines("bare.pdf", _strip_rules(data))
    return ruled, bare


def _rows(lines, pages):
    return [(ln.page, ln.text) for ln in lines if ln.kind == "row" and ln.page in pages]


def test_the_stripped_copy_has_no_rules():
    from nlp.pdf.extract import read_page
    from nlp.pdf.source import open_pdf

    pdf = open_pdf("bare.pdf", _strip_rules(CZJ.read_bytes()))
    page = read_page(pdf, 7)
    assert page.hsegs == [] and page.vsegs == [] and len(page.chars) > 400


def test_statement_table_rows_from_positions(both):
    ruled, bare = both
    # T1 收入支出决算总表 and its continuation page: every row identical, blank cells included
    assert _rows(bare, {6, 7}) == _rows(ruled, {6, 7})


def test_coded_rows_from_positions(both):
    ruled, bare = both
    coded = lambda lines: [r for r in _rows(lines, {8, 9, 10, 11, 15}) if regex.match(r"\d{3,7}\t", r[1])]  # noqa: E731
    assert coded(bare) == coded(ruled)
    assert len(coded(bare)) == 57
    # a label wrapped around its figures comes back whole; continuation pages keep all columns
    assert (10, "2080505\t机关事业单位基本养老保险缴费支出\t160.75\t160.75\t\t\t\t") in _rows(bare, {10})
    assert (9, "2210203\t购房补贴\t258.50\t258.50\t\t\t\t\t") in _rows(bare, {9})


def test_running_text_is_untouched(both):
    ruled, bare = both
    text = lambda lines: [(ln.page, ln.text) for ln in lines if ln.page >= 21]  # noqa: E731
    assert text(bare) == text(ruled)
    assert all(ln.kind == "text" for ln in bare if ln.page >= 21 or ln.page <= 4)
