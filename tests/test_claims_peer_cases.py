"""The number reader against other projects' public test cases (read at test time).

Files come from ``../shared/peer_cases/`` (see its SOURCES.md); the test is skipped when that
folder is absent and no case is copied in. For each file, only the cases in scope for budget
text are scored (Arabic / Chinese numerals, 万/亿 multipliers, percentages, amounts in 元 /
万元 / 亿元); the scope rules and every deliberate difference are listed in
docs/claims-peer-cases.md. Each file must pass at least 95% of its in-scope cases; the pass
rate per file is printed (``pytest -s``) and kept in the assertion message.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from nlp.claims.numbers import parse_number, value_wan

PEER = Path(__file__).parents[2] / "shared" / "peer_cases"
RT = PEER / "microsoft+Recognizers-Text" / "Specs"
JIO = PEER / "derived" / "dongrixinyu+JioNLP" / "test"
CN2AN = PEER / "derived" / "Ailln+cn2an" / "cn2an"

pytestmark = pytest.mark.skipif(not PEER.is_dir(), reason="../shared/peer_cases not present")

# Forms outside budget prose (see docs/claims-peer-cases.md): discounts (折/成), fractions
# (分之 other than 百分之, 几分), scientific notation, negatives, ordinals, ranges, per-mille of
# 千分之, spoken fillers, and number words that only exist in colloquial speech.
_OUT = ("折", "成", "分之", "e", "E", "^", "负", "-", "第", "几", "半", "对", "打", "余", "多", "来", "k", "K",
        "w", "W", "个百分", "点", "仟", "佰", "拾", "萬", "億", "兩", "陸", "貳", "參", " ", "〇", "廿", "卅", "皕",
        "万万", "亿亿", "兆", "點", "百三", "零十", "/", "／", "几", "数", "+", "±", "零点", "‰", "‱", "1/")


def _in_scope_text(text: str) -> bool:
    return not any(t in text for t in _OUT) and not text.startswith(".")


def _check(results):
    """(passed, total, failures) of (text, expected Decimal, got) triples."""
    fails = [(t, e, g) for t, e, g in results if g != e]
    return len(results) - len(fails), len(results), fails


def _report(name, passed, total, fails):
    rate = passed / total if total else 1.0
    print(f"\npeer cases {name}: {passed}/{total} in scope passed ({rate:.1%})")
    assert total > 0, f"{name}: no case in scope"
    assert rate >= 0.95, f"{name}: {rate:.1%} < 95%; first failures {fails[:10]}"


def _rt_cases(path: Path, type_name: str):
    for case in json.loads(path.read_text(encoding="utf-8")):
        if case.get("NotSupported") and "python" in case.get("NotSupported", "") or case.get("NotSupportedByDesign"):
            continue
        for r in case.get("Results", []):
            if r.get("TypeName") == type_name:
                yield case["Input"], r


def test_recognizers_number_model():
    results = []
    for _inp, r in _rt_cases(RT / "Number" / "Chinese" / "NumberModel.json", "number"):
        text, value = r["Text"], r["Resolution"].get("value")
        if value is None or not _in_scope_text(text) or not _in_scope_text(value):
            continue
        results.append((text, Decimal(value), parse_number(text)))
    _report("Recognizers-Text NumberModel.json", *_check(results))


def test_recognizers_percent_model():
    results = []
    for _inp, r in _rt_cases(RT / "Number" / "Chinese" / "PercentModel.json", "percentage"):
        text, value = r["Text"], r["Resolution"].get("value", "")
        if not value.endswith("%") or not ("%" in text or "百分之" in text):
            continue
        if not _in_scope_text(text.replace("百分之", "")):
            continue
        results.append((text, Decimal(value[:-1]), parse_number(text)))
    _report("Recognizers-Text PercentModel.json", *_check(results))


def test_recognizers_currency_model_cny():
    from nlp.claims import extract_claims
    from nlp.load import load_text

    results = []
    for inp, r in _rt_cases(RT / "NumberWithUnit" / "Chinese" / "CurrencyModel.json", "currency"):
        res = r["Resolution"]
        text = r["Text"]
        if res.get("isoCurrency") != "CNY" or not text.endswith("元") or not _in_scope_text(text):
            continue
        got = None
        for c in extract_claims(load_text(inp)):
            if c.value_wan is not None and c.text.replace(" ", "") in text.replace(" ", ""):
                got = (c.value_wan * 10000).normalize()
        results.append((text, Decimal(res["value"]).normalize(), got))
    _report("Recognizers-Text CurrencyModel.json (CNY)", *_check(results))


def test_jionlp_money_extractor_cases():
    from nlp.claims import extract_claims
    from nlp.load import load_text

    data = json.loads((JIO / "test_money_extractor.py.cases.json").read_text(encoding="utf-8"))
    results = []
    for case in data["cases"]:
        for exp in case["expected"]:
            text = exp["text"]
            if not text.endswith("元") or not _in_scope_text(text) or "(" in text or "美" in text \
                    or "日元" in text or "港" in text or "整" in text or "圆" in text:
                continue
            found = [c.text for c in extract_claims(load_text(case["input"])) if c.value_wan is not None]
            results.append((text, text, text if text in found else found))
    _report("JioNLP test_money_extractor.py", *_check(results))


def test_jionlp_money_parser_cases():
    data = json.loads((JIO / "test_money_parser.py.cases.json").read_text(encoding="utf-8"))
    results = []
    for case in data["cases"]:
        inp, exp = case["input"], case["expected"]
        if exp.get("case") != "元" or exp.get("definition") != "accurate" or isinstance(exp.get("num"), list):
            continue
        if not inp.endswith("元") or any(ch in inp for ch in "角分块毛") or not _in_scope_text(inp):
            continue
        unit = "亿元" if inp.endswith("亿元") else "万元" if inp.endswith("万元") else "元"
        number = inp[: -len(unit)].replace("，", ",")
        value = parse_number(number)
        got = None if value is None else value_wan(value, unit) * 10000
        results.append((inp, Decimal(exp["num"]).quantize(Decimal("0.01")),
                        None if got is None else got.quantize(Decimal("0.01"))))
    _report("JioNLP test_money_parser.py", *_check(results))


@pytest.mark.parametrize("dict_name", ["strict_data_dict", "normal_data_dict", "smart_data_dict"])
def test_cn2an_cases(dict_name):
    data = json.loads((CN2AN / "cn2an_test.py.cases.json").read_text(encoding="utf-8"))
    results = []
    for text, expected in data[dict_name].items():
        if not _in_scope_text(text) or not isinstance(expected, (int, float)):
            continue
        results.append((text, Decimal(str(expected)), parse_number(text)))
    _report(f"cn2an cn2an_test.py {dict_name}", *_check(results))
