"""The tab-layout parser on PDF-reader output: one line per row, TAB-separated cells aligned to
columns, empty strings for blank cells (so column positions are kept)."""

from __future__ import annotations

from decimal import Decimal

from nlp.document import Document
from nlp.tables import extract_tables


def render(table, title: str, header: list[list[str]], width: int) -> list[str]:
    """A parsed one-sided table rendered the way the PDF reader renders it."""
    lines = [title, "单位:万元"]
    lines += ["\t".join(h + [""] * (width - len(h))) for h in header]
    for r in table.rows:
        cells = [r.code or "", r.label] + [v.text for v in r.values]
        lines.append("\t".join(cells + [""] * (width - len(cells))))
    return lines


def test_pdftotext_table_rendered_as_tab_rows_reads_back(seed_docs):
    t3 = next(t for t in extract_tables(seed_docs["004"]) if t.id == "T3")
    header = [["功能分类科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出",
               "对附属单位补助支出"], ["", "栏次", "1", "2", "3", "4", "5", "6"]]
    text = "\n".join(render(t3, "支出决算表", header, 8)) + "\n"
    back = next(t for t in extract_tables(Document.from_text("pdf-like", text)) if t.id == "T3")
    assert back.columns == t3.columns
    assert [(r.code, r.label, [v.value for v in r.values]) for r in back.rows] == \
           [(r.code, r.label, [v.value for v in r.values]) for r in t3.rows]


def test_blank_cells_keep_their_column():
    text = "\n".join([
        "一般公共预算财政拨款支出决算表", "单位:万元",
        "科目编码\t科目名称\t本年支出合计\t基本支出\t项目支出",
        "\t栏次\t1\t2\t3",
        "\t合计\t100.00\t\t60.00",
        "201\t一般公共服务支出\t\t40.00\t",
        "20103\t政府办公厅(室)及相关机构事务\t100.00\t40.00\t60.00",
    ]) + "\n"
    t5 = extract_tables(Document.from_text("blanks", text))[0]
    assert t5.id == "T5"
    got = {(r.label, v.column): v.value for r in t5.rows for v in r.values}
    assert got[("合计", "基本支出")] is None
    assert got[("合计", "项目支出")] == Decimal("60.00")
    assert got[("一般公共服务支出", "本年支出合计")] is None
    assert got[("一般公共服务支出", "基本支出")] == Decimal("40.00")
    assert got[("一般公共服务支出", "项目支出")] is None


def test_two_sided_statement_with_blank_left_half():
    text = "\n".join([
        "收入支出决算总表", "单位:万元",
        "收入\t\t\t支出\t\t",
        "项目\t行次\t决算数\t项目\t行次\t决算数",
        "栏次\t\t1\t栏次\t\t2",
        "一、一般公共预算财政拨款收入\t1\t10.00\t一、一般公共服务支出\t31\t10.00",
        "\t2\t\t二、外交支出\t32\t",
        "本年收入合计\t3\t10.00\t本年支出合计\t33\t10.00",
    ]) + "\n"
    t1 = extract_tables(Document.from_text("stmt", text))[0]
    rows = [(r.side, r.rowno, r.label, r.values[0].value) for r in t1.rows]
    assert rows == [("收入", 1, "一、一般公共预算财政拨款收入", Decimal("10.00")),
                    ("支出", 31, "一、一般公共服务支出", Decimal("10.00")),
                    ("支出", 32, "二、外交支出", None),
                    ("收入", 3, "本年收入合计", Decimal("10.00")),
                    ("支出", 33, "本年支出合计", Decimal("10.00"))]


def test_pdf_template_sangong_interleaved_and_empty_fund_table():
    """2024 template as the PDF reader renders it (上海市普陀区财政局 PDF, 三公 and 政府性基金 pages):
    预算数/决算数 alternate per item; an empty fund table has a 合计 row of blank cells."""
    text = "\n".join([
        "财政拨款“三公”经费支出决算表", "单位:万元",
        "财政拨款“三公”经费" + "\t" * 11,
        "合计\t\t因公出国(境)费\t\t公务用车购置及运行费\t\t\t\t\t\t公务接待费\t",
        "\t\t\t\t小计\t\t公务用车购置费\t\t公务用车运行费\t\t\t",
        "\t".join(["预算数", "决算数"] * 6),
        "0.95\t\t\t\t\t\t\t\t\t\t0.95\t",
        "政府性基金预算财政拨款收入支出决算表", "单位:万元",
        "\t项目\t年初结转和结余\t本年收入\t本年支出\t\t\t年末结转和结余",
        "支出功能分类科目编码\t科目名称\t\t\t小计\t基本支出\t项目支出\t",
        "\t合计\t\t\t\t\t\t",
        "注:本单位无政府性基金预算财政拨款支出,故本表无数据。",
    ]) + "\n"
    t7, t8 = extract_tables(Document.from_text("pdf-2024", text))
    assert (t7.id, t8.id) == ("T7", "T8")
    got = {(r.label, v.column): v.value for r in t7.rows for v in r.values}
    assert got[("合计", "预算数")] == Decimal("0.95")
    assert got[("合计", "决算数")] is None
    assert got[("公务接待费", "预算数")] == Decimal("0.95")
    assert got[("因公出国(境)费", "预算数")] is None
    total = [c for c in t8.cells if c.row_label == "合计"]
    assert len(total) == 6 and all(c.value is None for c in total)
