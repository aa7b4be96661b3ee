"""What a statement's figures say: the direction of a change and of an actual-vs-budget gap.

A small reader used to (a) find the stated changes and budget gaps that need an explanation,
(b) give the ``figure_direction`` an explanation is checked against. Two directions are kept
apart: ``year`` (比上年/较上年/同比 … 增加/减少/持平) and ``budget`` (完成预算的 X%, 比年初预算数
增加/减少, 超出预算, 年初没预算 → 大于/小于/等于), because a cue like "决算数大于预算数的主要原因"
speaks about the budget gap only.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import regex

_NUM = r"(?P<num>\d[\d,，.．]*)"
_BUDGET_BASE = r"(?:年初|全年|调整后|调整|批复)?预算(?:数|安排)?"
_INC = "增加|增长|上升|提高|增|超支|多"
_DEC = "减少|下降|降低|减|节约|少"
# actual vs budget
_BUDGET_RATE = regex.compile(
    rf"(?:完成|占|为|达到?)(?:了)?{_BUDGET_BASE}\s*(?:[\d,.]+\s*万?元)?\s*的?\s*{_NUM}\s*%"
    rf"|(?:(?:预算)?执行|(?:资金|经费|补贴|补助)[^，,。；;\d]{{0,6}}?(?:执行|完成|支付|发放|拨付|到位))率"
    rf"(?:为|达|达到|是)?\s*{_NUM}\s*%")
# a budget and an actual stated side by side: "全年预算数1437530.39万元,全区执行数1042971.58万元",
# "指标金额是110万元,实际拨付金额是108万元", "项目预算总额 73,387.27万元,截止…,已经支出70,909.19万元"
_UNIT = r"\s*(?P<{0}>万元|亿元|元)"
_NO_AMOUNT = r"(?:(?!万元|亿元|其中|[。；;]).){0,30}?"  # never across a part ("预算54万元,其中:A支出决算0万元")
_BUDGET_PAIR = regex.compile(
    rf"(?:预算数?|预算总额|预算安排|指标金额)(?:为|是|安排)?\s*(?P<a>\d[\d,，.．]*){_UNIT.format('ua')}"
    rf"{_NO_AMOUNT}(?:执行数|支出决算数?|决算数|实际支出|已经?支出|实际拨付金额|实际拨付|实际使用)(?:为|是|了)?\s*"
    rf"(?P<b>\d[\d,，.．]*){_UNIT.format('ub')}")
_BUDGET_CHANGE = regex.compile(
    rf"(?:比|较|与){_BUDGET_BASE}(?:相比)?[，,]?\s*(?P<dir>{_INC}|{_DEC})(?:了)?\s*{_NUM}?")
# the actual first, its budget in the next clause: "公务用车购置及运行维护费决算 12.06万元,年初预算 15.00万元" (not
# "2010年…决算数为 4275.98 万元,2011年…预算数为…", not "决算 6.4 亿元,比年初预算 8.3 亿元减少…")
_ACTUAL_PAIR = regex.compile(
    rf"(?:执行数|支出决算数?|决算数?|实际支出|已经?支出)(?:为|是)?\s*(?P<b>\d[\d,，.．]*){_UNIT.format('ub')}"
    rf"\s*[，,]\s*(?:年初|全年|调整后)?(?:预算数?|预算总额|预算安排)(?:为|是)?\s*(?P<a>\d[\d,，.．]*){_UNIT.format('ua')}")
_OVER_BUDGET = regex.compile(r"超出预算|超预算|年初(?:没|未|无)(?:有)?(?:预算|安排预算)|年初预算(?:为|是)?\s*0(?:\.0+)?\s*万?元")
_BUDGET_COMPARE = regex.compile(rf"(?:决算数?|支出)?(?P<dir>大于|小于|高于|低于|等于|超过|少于){_BUDGET_BASE}")
_BUDGET_ADJUST = regex.compile(rf"(?:年中)?(?:预算)?(?P<dir>追加|调增|调减|追减)(?:了)?(?:预算)?\s*{_NUM}\s*(?:万元|元|亿元)")
_BUDGET_FLAT = regex.compile(rf"与{_BUDGET_BASE}持平")
# year on year
_YEAR_BASE = r"(?:上年度?|去年|上一年度?|\d{4}\s*年度?|同期|上年同期|上年决算数?|上年度决算数?|上年预算数?)"
_YEAR_CHANGE = regex.compile(
    rf"(?:比|较|与|同比)\s*{_YEAR_BASE}?(?:相比|同期)?(?:决算数?|(?:年初)?预算数?|数)?(?:相比)?[，,]?\s*"
    rf"(?P<dir>{_INC}|{_DEC})(?:[（(](?:{_INC}|{_DEC})[)）])?(?:了)?\s*{_NUM}?")
# an amount followed by its growth, the base left implicit: "一般公共预算收入2441亿元、增长16%"
_AMOUNT_GROWTH = regex.compile(
    rf"\d\s*(?:万元|亿元|元)\s*[、，,]\s*(?:同比)?(?P<dir>增长|下降|增加|减少)\s*{_NUM}\s*%")
_YEAR_CHANGE_SUBJ = regex.compile(
    rf"与\s*{_YEAR_BASE}(?:决算数?|预算数?)?相比[，,]?[^，,。；;\d]{{0,30}}?(?P<dir>{_INC}|{_DEC})(?:了)?\s*{_NUM}?")
_YEAR_FLAT = regex.compile(rf"(?:与|和|比|较)\s*{_YEAR_BASE}(?:决算数?|预算数?)?(?:相比)?\s*(?:持平|相同|一致|无变化|没有变化)|(?:无增减|无变化|没有变化)")
_ZERO = regex.compile(r"^0*(?:[.．]0*)?$")


@dataclass
class Directions:
    """Directions stated in a text: ``year`` 增加/减少/持平, ``budget`` 大于/小于/等于 (None when unstated)."""

    year: str | None = None
    budget: str | None = None

    @property
    def any(self) -> str | None:
        return self.year or self.budget


def _value(s: str | None) -> Decimal | None:
    if not s:
        return None
    s = s.replace(",", "").replace("，", "").replace("．", ".").rstrip(".")
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


def _is_zero(s: str | None) -> bool:
    return bool(s) and bool(_ZERO.match(s.replace(",", "")))


def directions(text: str) -> Directions:
    """Year-on-year and budget directions stated in ``text`` (the first of each kind)."""
    d = Directions()
    for m in _BUDGET_RATE.finditer(text):
        v = _value(m.group("num"))
        if v is not None and Decimal(1) <= v <= Decimal(1000):
            d.budget = "大于" if v > 100 else "小于" if v < 100 else "等于"
            break
    if d.budget is None:
        m = _BUDGET_COMPARE.search(text)
        if m:
            w = m.group("dir")
            d.budget = "大于" if w in ("大于", "高于", "超过") else "小于" if w in ("小于", "低于", "少于") else "等于"
    if d.budget is None:
        m = _BUDGET_CHANGE.search(text)
        if m:
            d.budget = "等于" if _is_zero(m.group("num")) else "大于" if regex.match(_INC, m.group("dir")) else "小于"
    if d.budget in (None, "等于"):  # 100% of an adjusted budget: the adjustment is the gap to explain
        m = _BUDGET_ADJUST.search(text)
        if m and not _is_zero(m.group("num")):
            d.budget = "大于" if m.group("dir") in ("追加", "调增") else "小于"
    if d.budget is None:
        m = _BUDGET_PAIR.search(text) or _ACTUAL_PAIR.search(text)
        if m and m.group("ua") == m.group("ub"):
            a, b = _value(m.group("a")), _value(m.group("b"))
            if a is not None and b is not None:
                d.budget = "大于" if b > a else "小于" if b < a else "等于"
    if d.budget is None and _OVER_BUDGET.search(text):
        d.budget = "大于"
    if d.budget is None and _BUDGET_FLAT.search(text):
        d.budget = "等于"
    for m in list(_YEAR_CHANGE.finditer(text)) + list(_YEAR_CHANGE_SUBJ.finditer(text)):
        if regex.match(rf"(?:比|较|与){_BUDGET_BASE}", m.group(0)):
            continue
        d.year = "持平" if _is_zero(m.group("num")) else "增加" if regex.match(_INC, m.group("dir")) else "减少"
        break
    if d.year is None:
        m = _AMOUNT_GROWTH.search(text)
        if m:
            d.year = "持平" if _is_zero(m.group("num")) else "增加" if regex.match(_INC, m.group("dir")) else "减少"
    if d.year is None and _YEAR_FLAT.search(text):
        d.year = "持平"
    return d


# a change stated by its amount without a named base ("本年支出1094.65万元,增加207.42万元"; "总量均增加12亿元";
# "减支 5273 万元"): enough to let a bare 主要是/因/由于 that follows count as its explanation
_BARE_CHANGE = regex.compile(
    rf"(?:{_INC}|{_DEC}|增支|减支)(?:了|约|幅度为|幅度?达|幅为)?\s*{_NUM}\s*(?:万元|亿元|元|%|个百分点)")


def states_change(text: str) -> bool:
    """Does ``text`` state a change or a budget gap (with a base, or a bare "增加 X 万元")?

    Wider than :func:`needs_explanation` (which decides ``reason_missing`` and needs a base): it
    only gates the weak cues (主要是, 因, 由于…) of the next clause or sentence.
    """
    d = directions(text)  # a flat result is explained too ("与上年持平，主要是…"), though it is never missing
    return d.year is not None or d.budget in ("大于", "小于") or bool(_BARE_CHANGE.search(text))


def needs_explanation(text: str) -> Directions | None:
    """Directions of a statement that states a change or a budget gap (not flat, not 100%), else None."""
    d = directions(text)
    if d.year in ("增加", "减少") or d.budget in ("大于", "小于"):
        return d
    return None


SIGN = {"增加": 1, "大于": 1, "减少": -1, "小于": -1, "持平": 0, "等于": 0}


def contradicts(cue_direction: str | None, figures: Directions) -> bool:
    """True when the cue asserts the opposite of what the figures say.

    A 大于/小于 cue is checked against the budget direction, a 增加/减少 cue against the year
    direction (falling back to the other when the statement states only one).
    """
    if cue_direction not in SIGN or SIGN[cue_direction] == 0:
        return False
    if cue_direction in ("大于", "小于"):
        fig = figures.budget or None
    else:
        fig = figures.year or figures.budget
    if fig is None or SIGN.get(fig, 0) == 0:
        return False
    return SIGN[fig] != SIGN[cue_direction]
