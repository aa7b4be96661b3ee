"""nlp.layout.classify_line on lines of the seeds and the written probe: a pdftotext-layout table row
whose figures carry thousands separators is a table row; prose with commas stays prose."""

import pytest

from nlp.layout import classify_line


@pytest.mark.parametrize("line, kind", [
    # cg-008: space-aligned rows with thousands separators (the comma inside 1,380.00 is no clause break)
    ("2060499    其他技术研究与开发支出           1,380.00       0.00   1,380.00", "table"),
    ("           合计                             2,190.71     573.83   1,616.88", "table"),
    ("201        一般公共服务支出                   236.88       0.00     236.88", "table"),
    # prose keeps its commas, half- and full-width
    ("本年支出合计2,190.71万元,其中科学技术支出1,892.36万元", "prose"),
    ("本年支出合计2,190.71万元，比上年增加1,234.00万元。", "prose"),
    ("收入 8,652.37 1,234.00, 支出 20", "prose"),
    ("", "blank"),
])
def test_classify_line(line, kind):
    assert classify_line(line) == kind
