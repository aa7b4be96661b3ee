"""Regex extractors: find every stated figure in a prose text and decide its kind.

Works on plain strings (a :meth:`Document.stream` view, so lines are already joined). Returns
:class:`Mention` records with offsets into that string; :mod:`nlp.claims.extract` maps them back
to the document and adds subjects and groups.

Three finders run over the text:

- figures: an Arabic or Chinese number with its sign, approximation words, multiplier and unit;
  the kind comes from the unit and the words just before the figure (:func:`classify`); a written
  sign decides the direction of a change or rate (:func:`_apply_signs`: ``增长-3.5%`` is 减少 3.5);
- placeholders: the dash printed for a rate against a zero base (``增长--(基数为0,不可比)``,
  ``完成预算0万元的——%``) → ``not_comparable``;
- words: ``持平`` and its variants → ``flat``; ``等级为优`` → ``grade``; ``得分 15`` → ``score``.

Not claims (filtered here): years, dates, document numbers, 7×24, numbers glued to Latin letters
(versions, model names), 第N / 前N名 ordinals, list numbering (also glued to a figure:
``7.21个司法所`` is item 7, 21个), numbers without a unit, and figures
inside the names in ``lexicons/claim_not_numbers.txt``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

import regex

@lru_cache(maxsize=None)
def _re(pattern: str) -> "regex.Pattern[str]":
    """Compiled pattern (cached here: the regex module's own cache lookup is slow in hot loops)."""
    return regex.compile(pattern)


def _search(pattern: str, text: str):
    return _re(pattern).search(text)


def _match(pattern: str, text: str):
    return _re(pattern).match(text)


from . import indicators
from .lexicon import cues
from .numbers import ARABIC, CN_BIG, CN_CHARS, CN_DIGITS, CN_UNITS, MINUS, SIGNS, split_number

SENTENCE_END = "。!?！？;；\n"
CLAUSE_END = SENTENCE_END + ",，:：、"


@dataclass
class Mention:
    """One figure (or placeholder / flat word) found in a text; offsets index that text."""

    start: int
    end: int
    text: str
    kind: str
    value: Decimal | None = None
    unit: str | None = None
    approx: str | None = None
    direction: str | None = None
    base: str | None = None
    operator: str | None = None
    num_start: int = 0  # offset of the first digit (the claim's line is where the figure starts)
    cue: str | None = None
    budget_ref: bool = False  # an amount naming the budget inside a completion phrase
    sign: str | None = None  # "-" / "+" when a sign was written before the figure (增长-3.5%)
    extra: dict = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------
# the figure regex

@lru_cache(maxsize=1)
def _figure_re() -> "regex.Pattern[str]":
    c = cues()
    units = sorted(c.units, key=len, reverse=True)
    unit_alt = "|".join(regex.escape(u) + (f"(?!{c.unit_blockers[u]})" if u in c.unit_blockers else "")
                        for u in units)
    per = r"(?:/(?:人·月|人/月|人/年|10万公顷|人|年|月|日|天|次|亩|户|个|公顷|平方米|小时|件))?"
    before = "|".join(regex.escape(w) for w, _ in c.approx_before)
    cn = rf"[{CN_DIGITS}{CN_UNITS}][{CN_CHARS}]*(?:点[{CN_DIGITS}]+)?"
    return regex.compile(
        rf"(?P<pre>(?:{before})\s*)?"
        rf"(?:(?P<pct>百分之)\s*(?P<pctnum>{ARABIC}|{cn})"
        rf"|(?P<sign>[{regex.escape(SIGNS)}]|负(?=\d))?(?P<num>{ARABIC})(?:\s*(?P<mult>千万|百万|[{CN_BIG}]))?"
        rf"|(?P<cn>{cn}))"
        rf"(?P<more>\s*(?:多|余))?"
        rf"(?(mult)|(?:\s*(?P<mult2>[万亿])(?=\s*(?:{unit_alt}|多|余)?))?)"
        rf"(?P<more2>(?:多|余))?"
        rf"(?:\s*(?P<unit>(?:{unit_alt}){per}))?"
        rf"(?P<post>以上|左右)?",
        regex.V0,
    )


_DASH = regex.compile(
    r"(?P<lead>增长|下降|增幅|降幅|增减|变动|变化|的|占比?|为|比例|比重|率)\s*[:：]?\s*(?:\((?:下降|减少|增加)\)\s*)?"
    r"(?P<dash>——|--|—|-|－|一(?=\s*\(?\s*基数))\s*(?P<pct>%)?"
    r"(?=\s*(?:\(|（)?\s*(?:基数|不可比)|\s*[,，;；。)）]|\s*$|\s*比上年|\s*,)")
# the same stated in words: "上年无此项支出，增长率不可比", "上年决算数为0，增幅无法计算"
_NOT_COMPARABLE_WORDS = regex.compile(
    r"(?P<lead>增长率|增幅|降幅|增减率|增减幅度|变动率|变化率|增长|下降)\s*(?:为|是|:|：)?\s*"
    r"(?P<word>不可比|无法比较|无法计算|不可计算|不具可比性)")
_LABEL_BEFORE = regex.compile(r"(\p{Han}{1,10})\s*[:：]\s*$")
_YEAR_AFTER = regex.compile(r"^\s*(?:-|—|~|至|到)?\s*(?:\d{4}\s*)?年")
_DATE_AFTER = regex.compile(r"^\s*(?:月|日|号|时|点(?!\d)|:\d|\s*\d{1,2}\s*日)")
_GRADE = regex.compile(
    r"(?:等级|评价等级|评价结果|评定等级|自评等级|绩效评级|评级|等次|自评结果|评价结论|评定结果)"
    r"(?:为|是|:|评定为|评为|确定为|达到)?\s*[\"“”']?\s*(?P<g>优秀|良好|优|良|中等|合格|不合格|差)(?![\p{Han}])")
_GRADE_BEFORE = regex.compile(
    r"(?:达到了?|评为|评定为|获得了?|为)\s*[\"“”']?\s*(?P<g>优秀|良好|优|良|中等|合格|不合格|差)\s*[\"“”']?\s*(?:等级|等次|级)")
_SCORE_BARE = regex.compile(r"(?P<cue>得分|分值|总分|评分|满分)(?:为|是|:|达到|达)?\s*(?P<num>\d+(?:\.\d+)?)(?!\s*[\d.%分])")
_OPERATOR = regex.compile(r"(≥|≤|>=|<=|>|<|=|大于等于|小于等于|不低于|不高于|不少于|不超过|高于|低于|大于|小于|少于|多于|达到)\s*$")
_OP_CANON = {">=": "≥", "<=": "≤", "大于等于": "≥", "不低于": "≥", "不少于": "≥", "达到": None,
             "小于等于": "≤", "不高于": "≤", "不超过": "≤", "高于": ">", "大于": ">", "多于": ">",
             "低于": "<", "小于": "<", "少于": "<"}
_VERBLESS_CHANGE = regex.compile(
    r"(?:比|较|与)[^,;。]{0,24}?(?:相比|相较|(?:决算数?|预算数?|上年|去年|同期)\d[\d,]*(?:\.\d+)?(?:万|亿)?元)$")
_NUMBERING_AFTER = regex.compile(r"^(?:[、.．)）](?!\d)|\s*[、)）])")
_DIGIT_PCT = frozenset("0123456789%")
_TABLE_RUN = regex.compile(r"(?:(?<![\d.,\-−])[-−]?\d[\d,]*(?:\.\d+)?%?[ \t]+){3,}$")
_GLUED_BEFORE = regex.compile(r"[A-Za-z_/\\#@&\d.,:-]$")
_PRODUCT = regex.compile(r"^\s*[×xX*✕]\s*\d|^\s*[-—~]\s*\d")
_PRODUCT_BEFORE = regex.compile(r"\d\s*[×xX*✕]\s*$")


_THOUSANDS = regex.compile(r"(?<=\d),(?=\d{3}(?!\d))")


def thousands_comma(text: str, i: int) -> bool:
    """Is the comma at ``i`` a thousands separator ("31,600万元"), not a clause break?"""
    return text[i] == "," and bool(_THOUSANDS.match(text, i))


def _clause_left(text: str, pos: int, limit: int = 60, stops: str = CLAUSE_END) -> str:
    """Text from the last clause break before ``pos`` up to ``pos`` (at most ``limit`` chars); a
    thousands separator inside a figure ("为预算31,600万元的") is no break."""
    lo = max(0, pos - limit)
    for i in range(pos - 1, lo - 1, -1):
        if text[i] in stops and not thousands_comma(text, i):
            return text[i + 1:pos]
    return text[lo:pos]


def _approx_after(post: str | None, more: str | None) -> str | None:
    if post:
        return post
    if more:
        return "多"
    return None


def find_mentions(text: str) -> list[Mention]:
    """All claims-to-be in ``text``, in text order (figures, placeholders, flat/grade words)."""
    out: list[Mention] = []
    c = cues()
    fig = _figure_re()
    for m in fig.finditer(text):
        numbered = False
        k = _enumerator_end(text, m, c)
        if k is not None:  # "7.21个司法所": item 7, then the figure 21个
            m, numbered = fig.match(text, k), True
            if m is None:
                continue
        men = _figure(text, m, c, numbered)
        if men is not None:
            out.append(men)
    out.extend(_placeholders(text, out))
    out.extend(_flats(text, c))
    out.extend(_grades(text))
    out.extend(_bare_scores(text, out))
    out.sort(key=lambda x: (x.num_start, x.start))
    indicators.apply(text, out)
    _rates_in_brackets(text, out)
    _coordinated(text, out)
    _apply_signs(out)
    _verbless_directions(text, out)
    _zero_changes(out)
    return out


def _figure(text: str, m: "regex.Match[str]", c, numbered: bool = False) -> Mention | None:
    """A figure match → a classified :class:`Mention`, or None when it is not a claim.

    ``numbered``: the match follows an item number that was split off it (``7.`` of ``7.21个``).
    """
    pct = bool(m.group("pct"))
    group = "num" if m.group("num") else "cn" if m.group("cn") else "pctnum"
    num_text = m.group(group)
    ns, ne = m.span(group)
    sign = _sign(text, m, c)
    first = m.start("pct") if pct else m.start("sign") if sign else ns  # where the figure starts
    unit = m.group("unit")
    base_unit = unit.split("/")[0] if unit else unit
    mult = m.group("mult") or m.group("mult2") or ""
    is_cn = group == "cn" or (pct and not _match(r"\d", num_text))
    if not unit and not pct and not (mult and not is_cn):
        return None  # a bare number is not a claim (scores are read separately)
    if first > 1 and text[first - 1] in " \t" and text[max(0, first - 60):first].rstrip()[-1:] in _DIGIT_PCT \
            and _TABLE_RUN.search(text, max(0, first - 60), first):
        return None  # "年度资金总额 200 200 179.43 10 89.7%": a table row flattened into prose
    if _not_a_claim(text, m, num_text, ns, ne, base_unit, is_cn, c, numbered):
        return None
    num = split_number(num_text)
    if num is None:
        return None
    mult = num.multiplier + mult
    if pct:
        unit = base_unit = "%"
    if base_unit == "台套" or (base_unit == "台" and _match(r"\s*\(\s*套\s*\)", text[m.end():m.end() + 5])):
        unit = base_unit = "台(套)"
    full_unit = unit if pct else (mult + (unit or ""))
    approx = None
    if m.group("pre"):
        w = m.group("pre").strip()
        approx = dict(c.approx_before).get(w, w)
    approx = approx or _approx_after(m.group("post"), m.group("more") or m.group("more2"))
    tail = _match(r"\s*(以上|左右)", text[m.end():m.end() + 3])
    if not approx and tail:
        approx = tail.group(1)
    end = m.start("post") if m.group("post") else m.end()
    men = Mention(start=m.start("pre") if m.group("pre") else first, end=end, text=text[first:end], kind="",
                  value=num.value, unit=full_unit or None, approx=approx, num_start=first, sign=sign)
    if not base_unit and mult:
        category = "multiplier"
    else:
        category = c.units.get(base_unit or "", "count")
    classify(text, men, category, c)
    return men if men.kind else None


_SIGN_AFTER = ":：(（,，、|=＝[【“\"'"  # besides a (non-numeral) Chinese character, what may precede a sign
_ITEM_START = "\n。；;:：!！?？"


@lru_cache(maxsize=1)
def _range_before_re() -> "regex.Pattern[str]":
    """A figure with its unit ending just before a dash: ``10万元-``, ``3个月-`` (a range or a minus)."""
    units = "|".join(regex.escape(u) for u in sorted(cues().units, key=len, reverse=True))
    return regex.compile(rf"[\d{CN_DIGITS}{CN_UNITS}]\s*(?:千万|百万|[{CN_BIG}])?\s*(?:{units})(?:/\S{{1,3}})?\s*$")


def _sign(text: str, m: "regex.Match[str]", c) -> str | None:
    """``-`` / ``+`` when the dash (or 负) before the figure is its sign, else None.

    A sign follows a word or an opening mark: ``增长-3.5%``, ``增长率为−12.30%``, ``(-11.00%)``,
    ``增减额 -120.5万元``. Not a sign: a dash after a digit, a Latin letter or a closing mark
    (``1-3个月``, ``2M-SDH``), after a figure with its unit (``10万元-2万元``, ``3个月-6个月``), at a
    line start (a bullet), after a Chinese numeral (``三-5``), 正负 (±), or in a clause that writes
    out a formula (``… - 2万元 = …``).
    """
    s = m.group("sign")
    if not s:
        return None
    k = m.start("sign")
    i = k
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    prev = text[i - 1] if i > 0 else ""
    if not prev or prev == "\n" or prev in CN_CHARS or prev in "正±":
        return None
    if prev not in _SIGN_AFTER and not _match(r"\p{Han}", prev):
        return None
    if _range_before_re().search(text, max(0, i - 16), i):
        return None
    rest = text[m.end():m.end() + 40]
    cut = next((j for j, ch in enumerate(rest) if ch in CLAUSE_END), len(rest))
    if "=" in rest[:cut] or "＝" in rest[:cut]:
        return None
    return "-" if s in MINUS or s == "负" else "+"


def _enumerator_end(text: str, m: "regex.Match[str]", c) -> int | None:
    """Where the figure starts when an item number was glued to it, else None.

    pdftotext runs a list number into the item's first figure: ``2.24 小时人工服务比率…`` is item 2,
    ``24小时``; ``7.21个司法所…`` is item 7, ``21个``. Read so only at the start of an item (line
    start, or after 。；：!?), for an ``N.M`` with a one- or two-digit N, no sign, approximation word
    or multiplier, when the unit only counts whole things (``integer_unit`` in
    ``lexicons/claim_cues.tsv``: 个, 家, 所 …) or the remainder opens a name (``24小时``,
    ``lexicons/claim_not_numbers.txt``). ``增长2.24%``, ``2.24万元`` and ``2.5小时`` stay decimals.
    """
    if not m.group("num") or m.group("sign") or m.group("pre") or m.group("mult") or m.group("mult2"):
        return None
    mm = _match(r"\d{1,2}\.(?=\d+$)", m.group("num"))
    if mm is None:
        return None
    ns = m.start("num")
    i = ns
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    if i > 0 and text[i - 1] not in _ITEM_START:
        return None
    k = ns + mm.end()
    unit = m.group("unit")
    if unit and unit.split("/")[0] in c.kind_words.get("integer_unit", ()):
        return k
    window = text[k:k + 20]
    if any(p.match(window) for p in c.not_number_patterns) or window.startswith(c.not_numbers):
        return k
    return None


def _not_a_claim(text: str, m: "regex.Match[str]", num_text: str, ns: int, ne: int, unit: str | None,
                 is_cn: bool, c, numbered: bool = False) -> bool:
    """True for figures that are not claims: years, dates, numbering, codes, names, 7×24 …"""
    pct = bool(m.group("pct"))
    before = text[max(0, ns - 12):ns]
    after = text[ne:ne + 8]
    if not pct and not numbered:
        if _search(r"[A-Za-z\d_/\\#@&]$|[A-Za-z\d]\s*[.,]$", before):
            return True  # versions, model names (WAF1000), codes glued to text (a comma after a word is a clause break)
        if _search(r"-$", before) and _search(r"[\dA-Za-z]-$", before):
            return True  # 2M-SDH, 20109-海关事务
    if _PRODUCT.match(after) or _PRODUCT_BEFORE.search(before):
        return True  # 7×24, 7*24, number ranges of codes
    if _NUMBERING_AFTER.match(after) and not unit:
        return True
    if _match(r"[、.．)）](?!\d)", after):
        return True  # list numbering: "2.项目支出", "(2)项目"
    if not is_cn and not pct:
        raw = num_text.replace(",", "")
        if "." not in raw and len(raw) == 4 and 1900 <= int(raw) <= 2100 and (
                _YEAR_AFTER.match(after) or not unit):
            return True  # a year
        if unit in (None, "年", "日", "度", "时") and _DATE_AFTER.match(after) and not (
                unit == "日" and (_match(r"\s*日\s*(?:内|以内|之内)", after)
                                  or _search(r"(?:至|到|约|需|需要|缩短|压减|控制在)\s*$", before))):
            return True  # a date or a time (but 1日内, 压减至132日 are durations)
        if unit == "日" and _search(r"月\s*$", before):
            return True
        if _search(r"[〔\[【]\s*$", before):
            return True  # 〔2019〕
        if "《" in text[max(0, ns - 30):ns] and _in_quote(text, ns):
            return True  # 《2022年348个城市热线运行质量…》: a title
        if _search(r"[〕\]】]\s*$", before) and _match(r"\s*号", after):
            return True  # 〔2019〕52号
        if _search(r"(?:第|前|后|排名|名列|位列|位居|排在|排第|No\.?)\s*$", before):
            return True
        if _match(r"\s*(?:号|版|届)(?!\p{Han}*(?:元|人))", after) and unit in (None, "个"):
            return True
    if is_cn:
        cat = "ratio" if pct else c.units.get(unit or "")  # 百分之六点八四 is a percentage
        if cat not in ("count", "duration", "ratio"):
            if not (cat == "money" and len(num_text) > 1):
                return True
        if not any(ch in CN_DIGITS for ch in num_text) and num_text not in ("十",):
            return True  # 千人, 百姓 …
        if not pct and _search(r"(?:第|之|星期|周|每|前|后|上|下|同|这|那|哪)\s*$", before):
            return True
        if num_text in ("一", "壹") and cat != "duration" and (
                unit not in c.kind_words.get("one_unit", ())
                or text[m.end():m.end() + 4].startswith(c.kind_words.get("one_not", ()))):
            return True  # 一 is a count only before a listed measure word (一台, 一场), not in idioms
        if num_text in ("一", "壹") and _match(r"\s*(?:年一|天一|年多|日一|时|年[一二两三四五六七八九十\d])", text[ne:ne + 3]):
            return True  # 一年四次: a frequency, not a duration
        if _in_quote(text, ns):
            return True  # “两类社会投资项目…”, “最多跑一次”: a Chinese numeral inside a quoted name
    if not is_cn and _match(r"\d{1,2}\.(?:19|20)\d\d$", num_text) and _match(r"\s*年", after):
        return True  # "2.2021年…": a list number run into a year
    lo = max(0, ns - 8)
    window = text[lo:m.end() + 8]
    for pat in c.not_number_patterns:
        for mm in pat.finditer(window):
            if lo + mm.start() <= ns < lo + mm.end():
                return True
    for p in c.not_numbers:
        k = window.find(p)
        while k >= 0:
            if lo + k <= ns < lo + k + len(p):
                return True
            k = window.find(p, k + 1)
    return False


def _in_quote(text: str, pos: int, limit: int = 30) -> bool:
    """``pos`` lies inside a short quotation or book title opened earlier in its sentence."""
    for i in range(pos - 1, max(-1, pos - limit), -1):
        ch = text[i]
        if ch in "”」』》" or ch in SENTENCE_END:
            return False
        if ch in "“「『《":
            return True
    return False


def _left(text: str, pos: int) -> str:
    """Clause-left of a figure with spaces removed."""
    return _clause_left(text, pos).replace(" ", "")


def _strip_approx(left: str, c) -> str:
    for w, _ in c.approx_before:
        if left.endswith(w):
            return left[: -len(w)]
    return left


_FILLER = regex.compile(r"(?:了|为|额|幅度为|幅度|金额|资金|预算|财政资金|运维成本|成本|能耗|费用|约|达|共"
                       r"|\((?:增加|减少|下降|增长|减|增)\))+$")


def _direction_before(left: str, c) -> tuple[str | None, str | None]:
    """(direction, verb) when a change verb stands just before the figure (small filler allowed:
    ``增加(减少)0万元``, ``调减预算356.04万元``, ``增长了 3%``)."""
    s = _strip_approx(left, c)
    words = _direction_words(c)
    longest = 4
    if s[-1:] in ("至", "到", "为") and any(s[:-1].endswith(w) for w in _suffixes(s[:-1], longest)
                                          if w in words and not (s[-1] == "为" and w[-1] in "幅额")):
        return None, None  # "压缩为5个工作日", "下降至3%": the level reached, not a change
        # (a noun naming the change is not: "增幅为15.6%", "增减额为-5万元")
    for cand in (_FILLER.sub("", s), s):
        for n in range(min(longest, len(cand)), 0, -1):
            d = words.get(cand[-n:])
            if d:
                return d, cand[-n:]
    return None, None


def _suffixes(s: str, longest: int) -> list[str]:
    return [s[-n:] for n in range(1, min(longest, len(s)) + 1)]


_DIRECTION_WORDS: dict[int, dict[str, str]] = {}


def _direction_words(c) -> dict[str, str]:
    """Direction verbs as a dict (built once per cue set)."""
    out = _DIRECTION_WORDS.get(id(c))
    if out is None:
        out = {}
        for w, d in c.directions:
            out.setdefault(w, d)
        _DIRECTION_WORDS[id(c)] = out
    return out


def _has_comparison(sentence_left: str) -> bool:
    return bool(_search(r"比|较|与[^,;。]{0,20}?相比|同比|环比|相比|对比|年中|调减|调增|追加|节约|节省|减少|增加|增长|下降|减收|减支|增支|短收|调整", sentence_left))


def _match_kind_cue(left: str, kind: str, c) -> str | None:
    for p in c.kind_patterns.get(kind, ()):
        mm = p.search(left)
        if mm:
            return mm.group(0)
    for w in c.kind_words.get(kind, ()):
        if w in left:
            return w
    return None


def classify(text: str, men: Mention, category: str, c) -> None:
    """Set ``men.kind`` (and direction/base/operator) from the unit category and the words before."""
    left = _left(text, men.start)
    if not left and (lab := _LABEL_BEFORE.search(text, max(0, men.start - 14), men.start)):
        left = lab.group(1)  # "增长率：5%", "完成率：98%": the label before a colon names the figure
    sent_left = _clause_left(text, men.start, 160, SENTENCE_END).replace(" ", "")
    op = _OPERATOR.search(_strip_approx(left, c))
    if op:
        men.operator = _OP_CANON.get(op.group(1), op.group(1))
    direction, verb = _direction_before(left, c)
    if category == "percent":
        unit = men.unit or "%"
        if direction and verb not in ("多", "少") and not _search(r"(?:占|比重|比例)[^,;。]*$", left[:-len(verb)] if verb else left):
            men.kind = "growth_rate" if unit in ("%", "‰") else "change"
            men.direction = direction
            men.cue = verb
        elif unit in ("%", "‰") and (g := _match_kind_cue(left, "growth_rate", c)):
            men.kind, men.cue = "growth_rate", g  # 预算调整率为175.7487%, 增长率为5%
            men.direction = next((d for w, d in c.directions if len(w) > 1 and w in g), None)
        elif _match_kind_cue(left, "completion_rate", c):
            men.kind = "completion_rate"
            men.cue = _match_kind_cue(left, "completion_rate", c)
        elif "预算" in sent_left and (cue := _match_kind_cue(_strip_approx(left, c), "completion_budget", c)):
            men.kind, men.cue = "completion_rate", cue  # 预算额为593.76万元,实际支付593.76万元,完成率达100%
        elif _match_kind_cue(left, "share", c):
            men.kind = "share"
        elif (t := _target_actual(left, sent_left, c)) or men.operator in ("≥", "≤"):
            men.kind = t or "target"
        elif unit != "%" and direction:
            men.kind, men.direction = "change", direction
        else:
            men.kind = "percent"
        if men.kind in ("growth_rate", "change", "completion_rate"):
            men.base = base_of(sent_left, c, men.kind)
        return
    if category == "ratio":
        # 增长1.2倍 (+120%), 增加了一倍: a growth rate in 倍 after an increase verb; a ratio to the
        # base (是上年的2倍) or a 倍 after a decrease word is no claim of a kind we read
        if direction == "增加" and verb not in ("多", "新增", "追加", "增支", "增收", "多支", "超支"):
            men.kind, men.direction, men.cue = "growth_rate", direction, verb
            men.base = base_of(sent_left, c, "growth_rate")
            if not men.approx and text[men.end:men.end + 1] in ("多", "余"):  # 增长了一倍多
                men.approx, men.end, men.text = "多", men.end + 1, men.text + text[men.end]
        return
    if category == "score":
        men.kind = "score"
        return
    strong = _target_actual(left, left, c, strong_only=True)
    if strong:
        men.kind = strong
        return
    clause_verb = bool(verb) and _strip_approx(left, c).startswith(verb) and verb not in ("多", "少", "新增")
    if direction and verb not in ("多", "少", "新增", "提升", "扩大", "降") and (
            _has_comparison(sent_left) or len(verb) >= 2 or clause_verb):
        men.kind, men.direction, men.cue = "change", direction, verb
        men.base = base_of(sent_left, c, "change")
        if verb in ("新增",):
            men.kind, men.direction = "amount", None
        return
    if direction and verb in ("多", "少", "降") and _search(r"(?:比|较)[^,;。]{0,20}$", left):
        men.kind, men.direction, men.cue = "change", direction, verb
        men.base = base_of(sent_left, c, "change")
        return
    if category == "money" and _VERBLESS_CHANGE.search(left):
        # "与2016年相比21.79万元,增加14.01%": the verb is missing; the rate after it gives the direction
        men.kind, men.cue = "change", "verbless"
        men.base = base_of(sent_left, c, "change")
        return
    t = _target_actual(left, sent_left, c) or ("target" if men.operator in ("≥", "≤") else None)
    if t:
        men.kind = t
        return
    if category in ("money", "measure", "multiplier"):
        if category == "multiplier" and not _search(r"经费|资金|预算|投资|金额|费|支出|收入|元", sent_left[-40:]):
            men.kind = "count"
            return
        men.kind = "amount"
        after = text[men.end:men.end + 3]
        if after.startswith("的") and _search(r"(?:完成|为|占|达)[^,;。]{0,20}?(?:预算|计划)[^,;。]{0,6}$", left):
            men.budget_ref = True
        return
    men.kind = "count"


def _target_actual(left: str, sent_left: str, c, strong_only: bool = False) -> str | None:
    """``target`` / ``actual`` from the latest target or actual cue before the figure.

    The latest cue in the figure's own clause decides (``目标值80%,实际完成值62.83%``); a cue
    earlier in the sentence does not reach later clauses (``目标值≥95%,热线平台…一个工作日内…``
    is one target). A bare ``实际`` only marks an actual when a target (word or operator) was
    stated before it in the sentence (else it is a plain count). Goal statements, pairs across
    sentences and verdicts are read by :mod:`nlp.claims.indicators`.
    """
    s = left[-80:]
    best, best_pos = None, -1
    for kind in ("target", "actual"):
        for w in c.kind_words.get(kind, ()):
            if strong_only and len(w) < 3:
                continue
            k = s.rfind(w)
            if k >= 0 and (k + len(w) > best_pos):
                best, best_pos = kind, k + len(w)
    if best == "actual":
        # an actual needs a target in the same sentence, or a strong actual word
        strong = ("实际完成值", "实际值", "完成值", "实际完成", "实现值")
        sent = sent_left[-120:]
        if not any(w in s for w in strong) and not any(w in sent for w in c.kind_words.get("target", ())) \
                and not _search(r"[≥≤]|\\[gl]eq|不低于|不少于|不高于|不超过", sent):
            return None
    return best


def base_of(sent_left: str, c, kind: str) -> str | None:
    """Base word closest before the figure, normalised by ``lexicons/claim_bases.tsv``."""
    best = None
    best_end = -1
    for base, pat in c.bases:
        for mm in pat.finditer(sent_left):
            if mm.end() > best_end:
                best, best_end = base, mm.end()
    if best == "上年" and kind == "completion_rate":
        return None
    return best


def _placeholders(text: str, found: list[Mention]) -> list[Mention]:
    """Dash placeholders for rates against a zero base, and the same said in words (``增长率不可比``)
    → ``not_comparable``."""
    out = []
    taken = [(f.start, f.end) for f in found]
    for m in _DASH.finditer(text):
        s, e = m.span("dash")
        if any(a <= s < b for a, b in taken):
            continue
        end = m.end("pct") if m.group("pct") else e
        out.append(Mention(start=s, end=end, text=text[s:end], kind="not_comparable",
                           unit="%" if m.group("pct") else None, num_start=s, cue=m.group("lead")))
    for m in _NOT_COMPARABLE_WORDS.finditer(text):
        s, e = m.span("word")
        if any(a <= s < b for a, b in taken) or any(x.start <= s < x.end + 12 for x in out):
            continue  # the words in a dash placeholder's brackets ("--（基数为0，不可比）")
        out.append(Mention(start=s, end=e, text=text[s:e], kind="not_comparable", num_start=s,
                           cue=m.group("lead")))
    return out


def _flats(text: str, c) -> list[Mention]:
    """Flat words (持平 …) stated as claims, in text order.

    Not claims: a flat word outside a comparison (unless a strong word), a requirement
    (``零增长要求``), a second word of the same statement (``与上年持平,无增减变化``) and a reason
    clause restating a flat already stated in the paragraph against the same base
    (``与上年持平。决算数与上年持平的主要原因是…``).
    """
    spans: list[tuple[int, int, str]] = []
    for w in c.flat:  # longest first: a shorter word inside a found one is skipped
        k = text.find(w)
        while k >= 0:
            s, e = k, k + len(w)
            k = text.find(w, e)
            if not any(a <= s < b for a, b, _ in spans):
                spans.append((s, e, w))
    out: list[Mention] = []
    for s, e, w in sorted(spans):
        left = _clause_left(text, s, 40).replace(" ", "")
        strong = "持平" in w or "增减" in w or "零增长" in w
        if not strong and not _search(r"(?:与|和|同|较|比)[^,;。]*?(?:上年|预算|年初|决算|\d{4}年|去年|同期)[^,;。]*?(?:相比|相较|比较)?[^,;。]*$", left):
            continue
        if w in ("一致", "相同") and not _search(r"(?:预算|上年|决算|年)", left):
            continue
        if text[e:e + 6].lstrip("的").startswith(c.kind_words.get("flat_not", ())):
            continue  # "达到零增长要求": a requirement, not a claim
        base = base_of(left, c, "flat")
        if out and out[-1].end <= s and _match(r"[\s,，、;；]*$", text[out[-1].end:s]):
            continue  # "与上年持平,无增减变化": one claim in two words
        if _match(r"(?:的)?(?:主要)?原因", text[e:e + 5]):
            if _search(r"^[^,;。]{0,3}$", left):
                continue  # "持平原因…" restating the claim
            para = text.rfind("\n", 0, s)
            if any(o.base == base and o.start > para for o in out):
                continue  # stated already in this paragraph
        out.append(Mention(start=s, end=e, text=w, kind="flat", direction="持平",
                           num_start=s, base=base))
    return out


def _grades(text: str) -> list[Mention]:
    """``等级为优`` and ``达到了"优"等级``."""
    out = []
    for m in [*_GRADE.finditer(text), *_GRADE_BEFORE.finditer(text)]:
        if any(o.start == m.start("g") for o in out):
            continue
        s, e = m.span("g")
        if _match(r"[”\"’」』]?(?:等级|等次)?的", text[e:e + 6]):
            continue  # "绩效评级为“良”的项目0个": a count of projects by grade, not a grade
        out.append(Mention(start=s, end=e, text=m.group("g"), kind="grade", num_start=s,
                           extra={"grade": m.group("g")}))
    return out


def _bare_scores(text: str, found: list[Mention]) -> list[Mention]:
    """``分值 15`` / ``得分 15`` (no 分 written) → score."""
    out = []
    taken = {f.num_start for f in found}
    for m in _SCORE_BARE.finditer(text):
        s, e = m.span("num")
        if s in taken:
            continue
        v = split_number(m.group("num"))
        if v is None:
            continue
        out.append(Mention(start=s, end=e, text=m.group("num"), kind="score", value=v.value,
                           num_start=s, cue=m.group("cue")))
    return out


def _rates_in_brackets(text: str, found: list[Mention]) -> None:
    """``减少18.50万元(65.37%)``: a bare percentage in brackets after a change is its rate."""
    for i, men in enumerate(found):
        if men.kind != "percent" or i == 0:
            continue
        prev = found[i - 1]
        between = text[prev.end:men.start].replace(" ", "")
        if prev.kind == "change" and between in ("(", "（", "(增长", "(下降", "，", ",", "(同比"):
            men.kind, men.direction, men.base = "growth_rate", prev.direction, prev.base


def _coordinated(text: str, found: list[Mention]) -> None:
    """Figures sharing one verb or one comparison take its kind.

    ``同比增长了43.8%和30.3%``: the second rate is a growth_rate too; ``减少4户10人``: both are
    changes; ``…的比例15.68%,比上年的18.92%``: last year's value of a share is a share.
    """
    for i in range(1, len(found)):
        men, prev = found[i], found[i - 1]
        if men.kind not in ("percent", "count", "amount") or men.num_start < prev.end:
            continue
        between = text[prev.end:men.start].replace(" ", "")
        same_unit = (men.unit in ("%", "‰")) == (prev.unit in ("%", "‰"))
        if prev.kind in ("growth_rate", "change") and same_unit and (
                between in ("和", "、", "及", "与", "或") or (between == "" and prev.kind == "change")):
            men.kind, men.direction, men.base = prev.kind, prev.direction, prev.base
            continue
        if men.kind == "percent" and _search(r"(?:比|较|与|同)(?:上年|去年|上年同期|同期|上一年)的?$", _left(text, men.start)):
            for p in reversed(found[:i]):
                if any(ch in SENTENCE_END for ch in text[p.end:men.start]):
                    break
                if p.kind in ("share", "completion_rate"):
                    men.kind = p.kind
                    break


def _apply_signs(found: list[Mention]) -> None:
    """Fold a written sign into the claim (after the kinds and directions from words are set).

    A change or rate takes its direction from the sign: a negative figure is a decrease of its
    magnitude whatever the word before it (``增长-3.5%`` → 减少 3.5; ``增减变化-5.2万元`` → 减少
    5.2); ``value`` stays the magnitude, as for every change. A decrease word before a negative
    figure (``下降-2.1%``, ``降幅为-4.06%``) is read as a decrease of 2.1 — the sign restating the
    direction, as sloppy templates write it — and flagged ``double_negative``. ``extra`` keeps the
    value as written (``signed``) and how the sign was read (``sign``: flips / restates / decides /
    value). A figure of any other kind keeps its sign in ``value`` (``-120.5``). A neutral change
    word (direction ``±``) without a sign leaves the direction open.
    """
    for men in found:
        if men.direction == "±" and not men.sign:
            men.direction = None
        if not men.sign or men.value is None:
            continue
        neg = men.sign == "-"
        men.extra["signed"] = str(-men.value if neg else men.value)
        if men.kind in ("change", "growth_rate"):
            said = men.direction if men.direction in ("增加", "减少") else None
            if said is None:
                reading = "decides"
                men.direction = "减少" if neg else "增加"
            elif neg and said == "增加":
                reading = "flips"
                men.direction = "减少"
            else:
                reading = "restates"
                if neg and men.cue:
                    men.extra["double_negative"] = True
            men.extra["sign"] = reading
        elif neg:
            men.value = -men.value
            men.extra["sign"] = "value"


def _verbless_directions(text: str, found: list[Mention]) -> None:
    """A change stated without a verb takes its direction from the rate that follows it."""
    for i, men in enumerate(found):
        if men.kind != "change" or men.direction is not None:
            continue
        for nxt in found[i + 1:i + 3]:
            if nxt.kind == "growth_rate" and not any(ch in SENTENCE_END for ch in text[men.end:nxt.start]):
                men.direction = nxt.direction
                break


def _zero_changes(found: list[Mention]) -> None:
    """A change or rate of zero states no change, whatever its verb: ``增加0万元``, ``增长0%``,
    ``减少 0.00 万元`` are flat in substance. Such a claim keeps its kind and its value 0 and takes
    direction 持平 (as a flat claim does); ``extra.direction_word`` keeps the direction the word
    wrote (增加 / 减少), so a reviewer can still see the wording."""
    for men in found:
        if men.kind in ("change", "growth_rate") and men.value == 0 and men.direction in ("增加", "减少"):
            men.extra["direction_word"] = men.direction
            men.direction = "持平"
