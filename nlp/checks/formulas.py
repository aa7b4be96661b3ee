"""Arithmetic the narrative writes out itself: formulas, savings, balances, instalments.

Project reports justify their figures with small sums in words. Each is recomputed from the
figures written next to it, with the intervals their displayed digits allow:

- ``narrative.expression``: "20 万/个 × 3 人（运维人员）× 2 个机房 = 120 万元" is evaluated (× ÷ before
  + −); the amount the formula explains ("每年节约运维成本 120 万元，20 万/个 × …") must match too.
- ``narrative.savings``: "区财政共需投入 5068 万元，云计算中心投入 1738 万元。即 5 年可节约 3300 万元，
  年均节约 660 万元": a saving opened by 即 is the difference of the two amounts just stated, and
  a 年均 saving over "N 年" is that saving ÷ N.
- ``narrative.balance``: "年初总预算 22.63 万元，最终支付 22.1904 万元，结余 0.4396 万元。支付率达 98%":
  结余 = 预算 − 支付, and a 支付率/执行率 right after = 支付 ÷ 预算.
- ``narrative.installments``: "项目 20.4424 万元，首付款 12.2654 万元。剩余 8.1769 万元" → whole = 首付 + 剩余.
- ``narrative.payments``: "最终支付 22.1904 万元…其中：(1)…支付验收款 8.125 万元；(2)…一次性支付 1.8 万元；
  (3)…首付款 12.2654 万元" → the one paid figure of each item adds up to the total paid.

Counts in a formula (3 人, 2 个) are exact; money terms stand for their displayed interval.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable

import regex

from ..interval import Interval, compare
from ..records import Claim, Finding
from ..rules.registry import RuleContext, rule
from .common import MONEY_FACTOR, clause_before, finding, fmt_iv, is_money, recomputed, stated, sum_wan, text_between, wan
from .context import heading_between, narrative_claims, sentences

_UNIT = r"(?:亿元|万元|千元|元|亿|万)"
_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"  # 1,000.5 whole, never its tail "000.5"
_TERM = (r"(?P<num>" + _NUM + r")\s*(?:(?P<unit>" + _UNIT + r")|(?P<pct>[%％]))?\s*(?:/\s*[\p{Han}]{1,2}\s*)?"
         r"(?:[\p{Han}]{1,4})?\s*(?:[(（][^()（）]{0,16}[)）])?\s*")
_OP = r"[×xX*＊÷/＋+−\-－]"
_EXPR = regex.compile(r"(?<![\d.,])(?P<terms>(?:" + _TERM + _OP + r"\s*)+" + _TERM + r")[=＝]\s*(?P<res>" + _NUM + r")\s*(?P<runit>" + _UNIT + ")")
_TERM_RE = regex.compile(_TERM)
_OP_RE = regex.compile(r"\s*(" + _OP + r")\s*")


def _mul(a: Interval, b: Interval) -> Interval:
    cands = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi]
    return Interval(min(cands), max(cands))


def _evaluate(terms: list[tuple[Interval, bool]], ops: list[str]) -> tuple[Interval, bool] | None:
    """Value of ``t0 op t1 op …`` (× ÷ bind first) and whether it is money; None on a zero divisor."""
    sums: list[tuple[str, Interval]] = []
    cur, money = terms[0][0], terms[0][1]
    sign = "+"
    for op, (t, is_m) in zip(ops, terms[1:]):
        if op in "×xX*＊":
            cur, money = _mul(cur, t), money or is_m
        elif op in "÷/":
            q = cur / t
            if q is None:
                return None
            cur = q
        else:
            sums.append((sign, cur))
            sign = "+" if op in "＋+" else "-"
            cur, money = t, money or is_m
    sums.append((sign, cur))
    total = Interval.exact(Decimal(0))
    for s, v in sums:
        total = total + v if s == "+" else total - v
    return total, money


def _parse(m: regex.Match) -> tuple[list[tuple[Interval, bool]], list[str]] | None:
    """Terms (interval in 万元 when money, exact count otherwise) and operators of a formula."""
    body = m.group("terms")
    terms, ops, pos = [], [], 0
    while pos < len(body):
        t = _TERM_RE.match(body, pos)
        if t is None or t.end() == pos:
            return None
        num, unit = Decimal(t.group("num").replace(",", "")), t.group("unit")
        if unit:
            terms.append((Interval.of(num) * MONEY_FACTOR[unit], True))
        elif t.group("pct"):
            terms.append((Interval.of(num) * Decimal("0.01"), False))  # "× 10%": a displayed rate
        else:
            terms.append((Interval.exact(num), False))  # a count: 3 人, 2 个机房
        pos = t.end()
        o = _OP_RE.match(body, pos)
        if o is None:
            break
        ops.append(o.group(1))
        pos = o.end()
    if len(terms) != len(ops) + 1 or len(terms) < 2:
        return None
    return terms, ops


@rule("narrative.expression", scope="narrative",
      doc="文中算式（20 万/个 × 3 × 2 = 120 万元）按所写数字计算，结果与所说明的金额相符")
def check_expression(ctx: RuleContext) -> Iterable[Finding]:
    text = ctx.doc.text
    claims = sorted(narrative_claims(ctx), key=lambda c: c.start)
    for m in _EXPR.finditer(text):
        parsed = _parse(m)
        if parsed is None:
            continue
        got = _evaluate(*parsed)
        if got is None or not got[1]:
            continue  # a formula of counts only, or a zero divisor
        value = got[0]
        inside = [c for c in claims if m.start() <= c.start < m.end()]
        result = next((c for c in inside if is_money(c) and c.start >= m.start("res")), None)
        if result is None:
            continue
        before = [c for c in claims if c.end <= m.start() and is_money(c)
                  and regex.fullmatch(r"[\s,，:：]*", text[c.end:m.start()])]
        formula = regex.sub(r"\s+", "", m.group(0))
        for c in [result, *before[-1:]]:
            yield recomputed(ctx, "narrative.expression", c, value,
                             f"算式“{formula}”按所写数字计算为 {fmt_iv(value)} 万元，文中为 {stated(c)}（第 {c.line} 行）。",
                             claims=[*inside, c])


def _amounts(claims: Iterable[Claim]) -> list[Claim]:
    """The money amounts among ``claims`` (not changes), in their order."""
    return [c for c in claims if is_money(c) and c.kind == "amount"]


_SAVE = regex.compile(r"^(?:即|也即|也就是)[^，,。；;]*?(?:可)?(?:节约|节省)")
_PER_YEAR = regex.compile(r"(?:年均|每年|平均每年)(?:可)?(?:节约|节省)")


def _years(ctx: RuleContext, sent, before: int) -> Decimal | None:
    m = None
    for m in regex.finditer(r"(\d+)\s*年(?:内|间|来)?(?:可|共|累计)?(?:节约|节省)", ctx.doc.text[sent.start:before]):
        pass
    return Decimal(m.group(1)) if m else None


@rule("narrative.savings", scope="narrative",
      doc="“即可节约 C”= 前句两金额之差，“年均节约 D”= C ÷ 年数")
def check_savings(ctx: RuleContext) -> Iterable[Finding]:
    text = ctx.doc.text
    sents = sentences(ctx)
    for i, sent in enumerate(sents):
        money = _amounts(sent.claims)
        saving = next((c for c in money if _SAVE.search(text_between(text, sent.start, c.start))), None)
        if saving is None:
            continue
        prior = [c for c in money if c.start < saving.start]
        if not prior and i > 0:
            prior = _amounts(sents[i - 1].claims)
        if len(prior) != 2:
            continue
        a, b = prior
        diff = wan(a) - wan(b) if wan(a).mid >= wan(b).mid else wan(b) - wan(a)
        yield recomputed(ctx, "narrative.savings", saving, diff,
                         f"{stated(a)} 与 {stated(b)} 之差为 {fmt_iv(diff)} 万元，文中“可节约”{stated(saving)}（第 {saving.line} 行）。",
                         claims=[a, b, saving])
        years = _years(ctx, sent, saving.start)
        per = next((c for c in money if c.start > saving.start and _PER_YEAR.search(clause_before(text, c.start))), None)
        if years and per is not None:
            each = wan(saving) * (Decimal(1) / years)
            yield recomputed(ctx, "narrative.savings", per, each,
                             f"{stated(saving)} ÷ {years} 年 = {fmt_iv(each)} 万元，文中年均 {stated(per)}。",
                             claims=[saving, per])


_BUDGET = regex.compile(r"预算(?:数|额|资金)?(?:安排)?(?:为)?$")
_SPENT = regex.compile(r"(?:最终|实际|累计)?(?:支付|支出|使用|执行)(?:金额|资金|数)?(?:为|了)?$")
_LEFT = regex.compile(r"(?:结余|节余|剩余)(?:资金)?(?:为)?$")
_PAY_RATE = regex.compile(r"(?:支付|执行|使用)率")


@rule("narrative.balance", scope="narrative",
      doc="结余 = 预算 − 支付；紧随的支付率/执行率 = 支付 ÷ 预算")
def check_balance(ctx: RuleContext) -> Iterable[Finding]:
    text = ctx.doc.text
    sents = sentences(ctx)
    for i, sent in enumerate(sents):
        figures = [c for c in sent.claims if is_money(c)]  # changes too: "追加 20 万元" between breaks a triple
        for k in range(len(figures) - 2):
            bud, spent, left = figures[k:k + 3]
            if any(c.kind != "amount" for c in (bud, spent, left)):
                continue
            if not (_BUDGET.search(clause_before(text, bud.start)) and _SPENT.search(clause_before(text, spent.start))
                    and _LEFT.search(clause_before(text, left.start))):
                continue
            diff = wan(bud) - wan(spent)
            yield recomputed(ctx, "narrative.balance", left, diff,
                             f"预算 {stated(bud)} − 支付 {stated(spent)} = {fmt_iv(diff, 4)} 万元，文中结余 {stated(left)}（第 {left.line} 行）。",
                             places=4, claims=[bud, spent, left])
            later = [c for c in sent.claims if c.start > left.end]
            if not later and i + 1 < len(sents):
                later = sents[i + 1].claims[:1]
            rate = next((c for c in later[:1] if c.unit == "%" and c.value is not None
                         and _PAY_RATE.search(clause_before(text, c.start))), None)
            if rate is None:
                continue
            q = wan(spent) / wan(bud)
            if q is None:
                continue
            v = compare(rate.value, q * Decimal(100))
            yield finding(ctx, "narrative.balance", rate, v,
                          f"支付 {stated(spent)} ÷ 预算 {stated(bud)} = {fmt_iv(q * Decimal(100))}%，文中 {stated(rate)}。",
                          expected=f"{fmt_iv(q * Decimal(100))}%", severity="medium" if v == "inconsistent" else None,
                          claims=[bud, spent, rate])


_FIRST = regex.compile(r"(?:首付款|首期款|预付款|首笔款)(?:为)?$")
_REST = regex.compile(r"(?:剩余|尾款|余款)(?:款项|资金)?(?:为)?$")


@rule("narrative.installments", scope="narrative",
      doc="合同（项目）金额 = 首付款 + 剩余款")
def check_installments(ctx: RuleContext) -> Iterable[Finding]:
    text = ctx.doc.text
    money = sorted(_amounts(narrative_claims(ctx)), key=lambda c: c.start)
    for j in range(1, len(money) - 1):
        whole, first, rest = money[j - 1], money[j], money[j + 1]
        if not (_FIRST.search(clause_before(text, first.start)) and _REST.search(clause_before(text, rest.start))):
            continue
        if first.start - whole.end > 12 or rest.start - first.end > 40:
            continue
        total = wan(first) + wan(rest)
        yield recomputed(ctx, "narrative.installments", whole, total,
                         f"首付 {stated(first)} + 剩余 {stated(rest)} = {fmt_iv(total, 4)} 万元，文中金额 {stated(whole)}（第 {whole.line} 行）。",
                         places=4, claims=[whole, first, rest])


_PAID_TOTAL = regex.compile(r"(?:最终|实际|累计|共计?)(?:支付|付款)(?:了|金额|资金)?(?:为)?$")
_LIST_OPEN = regex.compile(r"其中\s*[:：]?\s*(?:[(（]\s*1\s*[)）]|①)")
_ITEM = regex.compile(r"[(（]\s*(\d{1,2})\s*[)）]|([①②③④⑤⑥⑦⑧⑨])")
_PAID = regex.compile(r"支付|付款|首付|验收款|预付")
_UNPAID = regex.compile(r"剩余|尾款|未付|将于|预算|结余")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨"


def _items(text: str, start: int, limit: int = 700) -> list[tuple[int, int]]:
    """Spans of the numbered items (1)(2)… or ①②… from ``start``; the last ends at its 。."""
    marks = []
    for m in _ITEM.finditer(text, start, min(len(text), start + limit)):
        n = int(m.group(1)) if m.group(1) else _CIRCLED.index(m.group(2)) + 1
        if n != len(marks) + 1:
            break
        marks.append(m.start())
    if len(marks) < 2:
        return []
    stop = text.find("。", marks[-1])
    stop = min(len(text), start + limit) if stop < 0 else stop
    return [(a, b) for a, b in zip(marks, marks[1:] + [stop])]


@rule("narrative.payments", scope="narrative",
      doc="“最终支付 X，其中：(1)…支付 A；(2)…支付 B …” 各项所付之和 = X")
def check_payments(ctx: RuleContext) -> Iterable[Finding]:
    text = ctx.doc.text
    money = sorted(_amounts(narrative_claims(ctx)), key=lambda c: c.start)
    for x in money:
        if not _PAID_TOTAL.search(clause_before(text, x.start)):
            continue
        m = _LIST_OPEN.search(text, x.end, min(len(text), x.end + 200))
        if m is None or heading_between(ctx, x.start, m.start()):
            continue
        paid = []
        for a, b in _items(text, m.start()):
            inside = [c for c in money if a <= c.start < b and _PAID.search(clause_before(text, c.start, 120))
                      and not _UNPAID.search(clause_before(text, c.start, 120))]
            if len(inside) != 1:
                paid = []
                break  # an item with no paid figure, or several: not a plain list of payments
            paid.append(inside[0])
        if not paid:
            continue
        total = sum_wan(paid)
        listing = " + ".join(stated(p) for p in paid)
        yield recomputed(ctx, "narrative.payments", x, total,
                         f"所列各项支付 {listing} = {fmt_iv(total, 4)} 万元，文中支付合计 {stated(x)}（第 {x.line} 行）。",
                         places=4, claims=[x, *paid])
