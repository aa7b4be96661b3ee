"""Ingest: encodings are detected and reported; bad inputs give one-line errors, never tracebacks."""

from __future__ import annotations

import codecs
import subprocess
import sys

import pytest

from nlp.errors import InputError
from nlp.ingest import Source, decode, iter_sources
from nlp.load import load_source

from .conftest import SEED

EXCERPT = SEED["000"].read_text(encoding="utf-8")[:3000]


@pytest.mark.parametrize(
    "data, expected",
    [
        (EXCERPT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + EXCERPT.encode("utf-8"), "utf-8-sig"),
        (EXCERPT.encode("gbk"), "gbk"),
        (EXCERPT.encode("gb18030") + "𠀀".encode("gb18030"), "gb18030"),
        (codecs.BOM_UTF16_LE + EXCERPT.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + EXCERPT.encode("utf-16-be"), "utf-16-be"),
        (EXCERPT.encode("utf-16-le"), "utf-16-le"),
    ],
    ids=["utf8", "utf8-bom", "gbk", "gb18030", "utf16le-bom", "utf16be-bom", "utf16le-nobom"],
)
def test_encodings_detected(data, expected):
    got = decode("x.txt", data)
    assert got.encoding == expected
    assert got.text.startswith("2022 年度广州市政务服务数据管理局部门决算")


def test_crlf_line_endings_keep_line_numbers():
    text = decode("x", EXCERPT.replace("\n", "\r\n").encode("utf-8")).text
    assert text.split("\n")[:3] == EXCERPT.split("\n")[:3]


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty file"),
        (b"   \n\n  ", "empty file"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "binary file"),
        (b"\xfd\x81\x30\xff" * 50 + b"\x80\xff", "undecodable"),
        (codecs.BOM_UTF16_LE + bytes(range(0x80, 0xFF)) * 4, "undecodable"),
    ],
    ids=["empty", "blank", "binary", "undecodable", "utf16-bom-garbage"],
)
def test_bad_bytes(data, message):
    with pytest.raises(InputError) as exc:
        decode("bad.txt", data)
    assert message in str(exc.value)
    assert "\n" not in str(exc.value)


def test_missing_and_empty_folder(tmp_path):
    (tmp_path / "empty").mkdir()
    sources = list(iter_sources([str(tmp_path / "nope.txt"), str(tmp_path / "empty")]))
    assert [s.error for s in sources] == ["no such file or folder", "folder holds no documents (.txt, .md, .pdf)"]


def test_folder_is_recursive_and_sorted(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("x")
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "b" / "c.md").write_text("x")
    (tmp_path / "ignored.png").write_bytes(b"x")
    (tmp_path / "README.md").write_text("预算 决算 说明")
    (tmp_path / "b" / "SOURCES.md").write_text("预算 决算 来源")
    names = [s.path.relative_to(tmp_path).as_posix() for s in iter_sources([str(tmp_path)])]
    assert names == ["a.txt", "b/c.md", "b/z.txt"]


def test_not_a_disclosure(tmp_path):
    p = tmp_path / "poem.txt"
    p.write_text("床前明月光，疑是地上霜。举头望明月，低头思故乡。\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_source(Source(doc=str(p), path=p))
    assert "not a budget" in str(exc.value)


def _run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "nlp.cli", *args], capture_output=True, text=True,
                          input=stdin)


def test_cli_bad_inputs_one_line_each_and_others_processed(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02\x03" * 200)
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(SEED["004"].read_text(encoding="utf-8").encode("gbk", errors="replace"))
    r = _run("info", str(tmp_path / "empty.txt"), str(tmp_path / "missing.txt"), str(tmp_path / "bin.txt"),
             str(gbk), str(SEED["002"]))
    assert r.returncode == 1
    errs = r.stderr.strip().splitlines()
    assert len(errs) == 3, r.stderr
    assert all(line.startswith("shuoming: ") for line in errs)
    assert "Traceback" not in r.stderr
    out = r.stdout.strip().splitlines()
    assert len(out) == 2
    assert '"encoding": "gbk"' in out[0] and '"year": 2022' in out[0]


def test_cli_stdin_reads_a_bare_passage():
    passage = "2022年度“三公”经费预算总计21.8万元，比上年增加1.68万元。主要原因是车辆运行维护费用增加。"
    r = _run("info", "-", stdin=passage)
    assert r.returncode == 0, r.stderr
    assert '"doc": "-"' in r.stdout and '"year": 2022' in r.stdout


def test_cli_help_on_every_command():
    r = _run("--help")
    assert r.returncode == 0
    for cmd in ("info", "sections"):
        h = _run(cmd, "--help")
        assert h.returncode == 0 and "Usage" in h.stdout


def test_big5_traditional_text_is_decoded_as_big5_not_gbk_mojibake():
    # Big5 bytes usually decode as GBK too (as mojibake): the text was then rejected as "no budget
    # vocabulary". The decoding yielding more common disclosure characters wins.
    trad = "2023年度一般公共預算財政撥款支出1234.56萬元，比上年增加100.5萬元，增長8.9%，主要原因是人員增加。\n" * 5
    d = decode("big5.txt", trad.encode("big5"))
    assert d.encoding == "big5" and d.text == trad
    # GBK and GB18030 text is unaffected, even short
    for s in (EXCERPT, "部门决算支出123万元。\n", trad):
        assert decode("g.txt", s.encode("gb18030")).text == s


@pytest.mark.parametrize("text", [
    # real excerpts naming a single disclosure word (passages p0029, p0081, p0146 of the corpus)
    "二、机构设置及人员情况\n2022年江上乡人民政府共有预算单位1个,二级单位2个。\n",
    "一、主要职能\n凤山公路养护中心是一个以公路养护为主要业务范围的事业单位。\n",
    "一、评估结论\n形成了污水处理特许经营项目事前绩效评估报告,最终评分结果参见下表。\n",
    "本单位内设6个科室。人员编制共14名,均为全额事业编制。\n",
], ids=["预算单位", "主要职能", "绩效", "编制"])
def test_single_section_excerpts_of_real_disclosures_are_accepted(tmp_path, text):
    p = tmp_path / "x.txt"
    p.write_text(text, encoding="utf-8")
    assert load_source(Source(doc=str(p), path=p)).text == text
