"""Injected defects across the corpora: how many are reported on the right line, how many are
missed, how many cannot be checked at all, and what false alarms an injection raises elsewhere.

    python bench/bench_injection.py [--sites N] [--passage-sites N] [--no-pdf] [--no-passages]
                                    [--kind KIND] [--misses] [--jobs N]

Documents: every seed (``corpora/seeds``), every PDF (``corpora/pdf``; their extracted text is
re-loaded with ``load_text`` so that an edit is a text edit) and every passage of
``corpora/passages/passages.jsonl`` whose clean run has at least one checked claim. One defect is
injected at a time, at seeded random sites (``--seed``), and the whole ``shuoming check`` pipeline
runs (scopes tables, narrative, document).

Kinds (a site is a claim or table cell of the clean run):
    amount_digit   a digit of a narrative money amount edited
    amount_shift   a narrative money amount's decimal point moved (×10)
    rate           a growth rate ± 2 points (26.5% → 28.5%)
    direction      the change word of a change/growth rate flipped (增加↔减少, 增长↔下降 …) or a
                   comparison word flipped (大于↔小于, 高于↔低于)
    share          a share (占比) ± 3 points
    completion     a completion/execution rate ± 3 points
    table_total    a digit of a table total cell (合计/总计 rows) edited
    table_part     a digit of another table cell edited
    sangong_part   a digit of a 三公 item amount (出国/接待/用车) in the narrative edited
    unit_swap      万元 → 元 on a narrative amount

Counted per kind: sites tried; detected (a new ``inconsistent``/``rounding`` finding on the edited
line, or for a table edit a new one citing the edited cell's line); missed (not detected although
the site was checked before: a claim that a finding other than unverifiable was about or used,
from a rule that tests its value — not only a bound such as part ≤ whole or the agreement of two direction words — or a
cell named in the evidence of a table rule); uncheckable (not detected, nothing checked the site
before); consequences (new ``inconsistent`` findings on other lines that quote the injected figure,
use a claim of the edited line, or name a line range holding it: a list total, a rate on the next
PDF line, a share sum the edit broke); false alarms (any
other new ``inconsistent`` finding on another line, not citing the edited cell). The clean baseline
(inconsistent findings per document) is printed first.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

KINDS = ("amount_digit", "amount_shift", "rate", "direction", "share", "completion", "table_total",
         "table_part", "sangong_part", "unit_swap")
MONEY = {"元", "万元", "亿元"}
NUM = regex.compile(r"\d[\d,]*(?:\.\d+)?")
FLIPS = {"增加": "减少", "减少": "增加", "增长": "下降", "下降": "增长", "上升": "下降", "提高": "降低",
         "降低": "提高", "减": "增", "增": "减", "大于": "小于", "小于": "大于", "高于": "低于", "低于": "高于",
         "多于": "少于", "少于": "多于"}
COMPARE = ("大于", "小于", "高于", "低于", "多于", "少于")
SANGONG = regex.compile(r"出国|出境|接待|公务用车|车辆购置|运行维护|运行费")
# rules whose verdict does not test the figure's value: a bound (part ≤ whole, share × amount ≤
# total …), the agreement of two direction words, a zero base, the unit. A site they alone checked
# counts as uncheckable for a value edit (``direction`` and ``amount_unit`` do test a flipped word
# and a swapped unit).
NOT_VALUE = {"narrative.direction", "narrative.zero_base", "narrative.part_le_whole", "narrative.sme_category_share",
             "perf.fund_amount", "narrative.reason_amounts", "narrative.adjustment_reasons", "perf.score_weight",
             "narrative.amount_unit", "narrative.ranked_order", "narrative.completion_direction"}
TESTS = {"direction": {"narrative.direction", "narrative.budget_comparison"}, "unit_swap": {"narrative.amount_unit"}}


# ---------------------------------------------------------------- pipeline

def run(name: str, text: str):
    from nlp import load_text
    from nlp.checks import check_document
    from nlp.claims import extract_claims
    import nlp.tables.rules  # noqa: F401  (registers the table rules)

    doc = load_text(text, doc=name)
    claims = extract_claims(doc)
    findings, _ = check_document(doc, claims=claims, scopes=("tables", "narrative", "document"))
    return doc, claims, findings


def _dicts(x):
    """Every dict nested in a finding's evidence (lists and dicts walked), outermost first."""
    if isinstance(x, dict):
        yield x
        for v in x.values():
            yield from _dicts(v)
    elif isinstance(x, list):
        for v in x:
            yield from _dicts(v)


def cited_lines(f) -> set[int]:
    """Lines a finding names: its own and every cell line of its evidence."""
    out = {f.line} if f.line else set()
    for d in _dicts(f.evidence or {}):
        out |= {d[k] for k in ("line", "cell_line") if isinstance(d.get(k), int)}
    return out


def cited_cells(f) -> set[tuple[int, str]]:
    """(line, column) of every table cell in a finding's evidence."""
    return {(d[k], d["column"]) for d in _dicts(f.evidence or {}) for k in ("line", "cell_line")
            if isinstance(d.get(k), int) and d.get("column")}


def key(f):
    return (f.line, f.rule, f.stated, f.expected, f.verdict)


# ---------------------------------------------------------------- sites

def _span(text_lines: list[str], doc, claim) -> tuple[int, int] | None:
    """Columns of the claim's text on its raw line (whitespace-tolerant, nearest its column)."""
    line = text_lines[claim.line - 1]
    pat = regex.compile(r"\s*".join(regex.escape(ch) for ch in claim.text if not ch.isspace()))
    col = claim.start - doc.line_start(claim.line)
    best = None
    for m in pat.finditer(line, overlapped=True):
        d = abs(m.start() - col)
        if best is None or d < best[0]:
            best = (d, m.start(), m.end())
    return (best[1], best[2]) if best else None


def _edit(lines: list[str], ln: int, a: int, b: int, new: str) -> str:
    out = lines[:]
    out[ln - 1] = out[ln - 1][:a] + new + out[ln - 1][b:]
    return "\n".join(out)


def _digit_edit(num: str, rng: random.Random) -> str | None:
    pos = [i for i, ch in enumerate(num) if ch.isdigit()]
    if not pos:
        return None
    i = rng.choice(pos)
    choices = [d for d in "0123456789" if d != num[i] and not (d == "0" and i == pos[0] and len(pos) > 1)]
    return num[:i] + rng.choice(choices) + num[i + 1:]


def _shift(num: str) -> str:
    plain = num.replace(",", "")
    if "." not in plain:
        return plain + "0"
    a, b = plain.split(".")
    a2, b2 = (a + b[0]).lstrip("0") or "0", b[1:]
    return a2 + ("." + b2 if b2 else "")


def _bump(num: str, delta: Decimal) -> str:
    v = Decimal(num.replace(",", ""))
    places = len(num.split(".")[1]) if "." in num else 0
    w = v + delta if v + delta > 0 else v - delta
    return f"{w:.{places}f}"


def claim_sites(name, text, doc, claims, findings, rng):
    """Candidate injections at claims: (kind, description, new text, edited line, checked)."""
    lines = text.split("\n")
    rules = defaultdict(set)
    for f in findings:
        if f.verdict != "unverifiable":
            # the finding's own claim and every claim it used (a list total's parts, a rate's amounts)
            for cid in {f.claim_id, *((f.evidence or {}).get("claims") or [])} - {None}:
                rules[cid].add(f.rule)
    out = []
    for c in claims:
        if c.value is None or c.line is None:
            continue
        checked = rules.get(c.id, set())
        span = _span(lines, doc, c)
        if span is None:
            continue
        a, b = span
        frag = lines[c.line - 1][a:b]
        m = NUM.search(frag)
        if not m:
            continue
        num = m.group(0)
        na, nb = a + m.start(), a + m.end()

        def put(kind, desc, new_num=None, at=None, new=None):
            if new_num is not None:
                new_text = _edit(lines, c.line, na, nb, new_num)
            else:
                new_text = _edit(lines, c.line, at[0], at[1], new)
            ok = bool(checked - NOT_VALUE) or bool(checked & TESTS.get(kind, set()))
            out.append((kind, f"{c.line}: {desc}", new_text, c.line, ok, None))

        if c.kind == "amount" and c.unit in MONEY and c.value > 0:
            nd = _digit_edit(num, rng)
            if nd:
                put("amount_digit", f"{c.text} → {nd}", nd)
            put("amount_shift", f"{c.text} → {_shift(num)}", _shift(num))
            unit_at = frag.find("万元")
            if c.unit == "万元" and unit_at >= 0:
                put("unit_swap", f"{c.text} 万元→元", at=(a + unit_at, a + unit_at + 2), new="元")
            if SANGONG.search(c.subject or "") or (
                    "三公" in (c.sentence or "") and SANGONG.search(lines[c.line - 1][max(0, a - 14):a])):
                if nd:
                    put("sangong_part", f"{c.text} → {nd}", nd)
        elif c.kind == "growth_rate" and c.unit == "%":
            new = _bump(num, Decimal(2))
            put("rate", f"{c.text} → {new}%", new)
        elif c.kind == "share" and c.unit == "%":
            v = Decimal(num.replace(",", ""))
            new = _bump(num, Decimal(3) if v + 3 <= 100 else Decimal(-3))
            put("share", f"{c.text} → {new}%", new)
        elif c.kind == "completion_rate" and c.unit == "%":
            new = _bump(num, Decimal(3) if rng.random() < 0.5 else Decimal(-3))
            put("completion", f"{c.text} → {new}%", new)
        if c.kind in ("change", "growth_rate") and c.direction in ("增加", "减少") and c.value != 0:
            line = lines[c.line - 1]
            cue = (c.extra or {}).get("cue")
            words = [cue] if cue in FLIPS else [w for w in FLIPS if len(w) == 2 and w not in COMPARE]
            best = None
            for w in words:
                i = line.rfind(w, 0, a)
                if i >= 0 and a - i <= 12 and (best is None or i > best[0]):
                    best = (i, w)
            if best:
                i, w = best
                put("direction", f"{w}→{FLIPS[w]} before {c.text}", at=(i, i + len(w)), new=FLIPS[w])
    return out


def compare_sites(name, text, doc, claims, findings):
    """大于/小于 … between figures of a narrative line that holds claims."""
    lines = text.split("\n")
    verdicts = defaultdict(set)
    for f in findings:
        if f.line:
            verdicts[f.line].add(f.verdict)
    out = []
    for ln in sorted({c.line for c in claims if c.line}):
        line = lines[ln - 1]
        for w in COMPARE:
            for m in regex.finditer(w, line):
                checked = any(f.line == ln and f.rule == "narrative.budget_comparison" and f.verdict != "unverifiable"
                              for f in findings)
                out.append(("direction", f"{ln}: {w}→{FLIPS[w]}", _edit(lines, ln, m.start(), m.end(), FLIPS[w]),
                            ln, checked, None))
    return out


def cell_sites(text, doc, findings, rng):
    from nlp.tables import extract_tables

    lines = text.split("\n")
    checked = set()
    for f in findings:
        if f.verdict != "unverifiable" and f.rule.split(".")[0] not in ("narrative", "perf", "doc"):
            checked |= cited_cells(f)
    out = []
    for t in extract_tables(doc):
        for cell in t.cells:
            if cell.value is None or cell.value == 0 or not cell.line or not cell.text:
                continue
            line = lines[cell.line - 1]
            if line.count(cell.text) != 1:
                continue
            nd = _digit_edit(cell.text, rng)
            if not nd:
                continue
            i = line.index(cell.text)
            kind = "table_total" if regex.search(r"合计|总计", cell.row_label or "") else "table_part"
            out.append((kind, f"{cell.line}: {t.id} {cell.row_label}/{cell.column} {cell.text} → {nd}",
                        _edit(lines, cell.line, i, i + len(cell.text), nd), cell.line,
                        (cell.line, cell.column) in checked, cell.line))
    return out


# ---------------------------------------------------------------- evaluation

def evaluate_doc(args):
    name, text, per_kind, seed, kinds = args
    rng = random.Random(f"{seed}:{name}")
    doc, claims, findings = run(name, text)
    base = {key(f) for f in findings if f.verdict in ("inconsistent", "rounding")}
    baseline = sum(f.verdict == "inconsistent" for f in findings)
    checked_claims = sum(1 for f in findings if f.claim_id and f.verdict != "unverifiable")
    cands = claim_sites(name, text, doc, claims, findings, rng) + compare_sites(name, text, doc, claims, findings)
    if "table_total" in kinds or "table_part" in kinds:
        cands += cell_sites(text, doc, findings, rng)
    by_kind = defaultdict(list)
    for s in cands:
        if s[0] in kinds:
            by_kind[s[0]].append(s)
    results = []
    for kind, sites in by_kind.items():
        chosen = rng.sample(sites, min(per_kind, len(sites)))
        for kind_, desc, new_text, ln, checked, cell_line in chosen:
            if new_text == text:
                continue
            try:
                _, after_claims, after = run(name, new_text)
            except Exception as e:  # an injection must never crash the pipeline
                results.append({"doc": name, "kind": kind, "desc": desc, "line": ln, "checked": checked,
                                "detected": False, "crash": repr(e), "false": [], "consequences": 0})
                continue
            new = [f for f in after if f.verdict in ("inconsistent", "rounding") and key(f) not in base]
            if cell_line is not None:
                hit = [f for f in new if cell_line in cited_lines(f)]
            else:
                hit = [f for f in new if f.line == ln]
            new_num = NUM.findall(new_text.split("\n")[ln - 1])
            old_num = set(NUM.findall(text.split("\n")[ln - 1]))
            injected = [x.replace(",", "") for x in new_num if x not in old_num]
            line_of = {c.id: c.line for c in after_claims}
            if kind == "unit_swap":  # the figure is unchanged, its unit is not
                injected = [x.replace(",", "") + "元" for x in new_num]
            false, conseq = [], []
            for f in new:
                if f.verdict != "inconsistent" or f in hit or f.line == ln \
                        or (cell_line is not None and cell_line in cited_lines(f)):
                    continue
                # a consequence: the finding quotes the injected figure, or names a line range
                # holding the edited line (the shares of a breakdown no longer add up)
                spans = [(int(a), int(b or a)) for a, b in regex.findall(r"第 (\d+)(?:[–-](\d+))? 行", f.message)]
                used = (f.evidence or {}).get("claims") or []
                if any(x in f.message.replace(",", "") for x in injected) or any(a <= ln <= b for a, b in spans) \
                        or any(line_of.get(k) == ln for k in used):
                    conseq.append(f)
                else:
                    false.append(f)
            results.append({"doc": name, "kind": kind, "desc": desc, "line": ln, "checked": checked,
                            "detected": bool(hit), "rules": sorted({f.rule for f in hit}),
                            "false": [(f.line, f.rule, f.message[:90]) for f in false],
                            "consequences": len(conseq),
                            "sentence": new_text.split("\n")[ln - 1][:160]})
    return name, baseline, checked_claims, results


def corpus(args) -> list[tuple[str, str, str]]:
    """(corpus, name, text) of every document to inject into."""
    docs = []
    for p in sorted((ROOT / "corpora" / "seeds").glob("*.txt")):
        docs.append(("seeds", p.name, p.read_text(encoding="utf-8")))
    if not args.no_pdf:
        from nlp.load import load

        for p in sorted((ROOT / "corpora" / "pdf").glob("*.pdf")):
            docs.append(("pdf", p.name, load(str(p)).text))
    if not args.no_passages:
        with open(ROOT / "corpora" / "passages" / "passages.jsonl", encoding="utf-8") as fh:
            for raw in fh:
                r = json.loads(raw)
                docs.append(("passages", r["id"], r["text"]))
    return docs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sites", type=int, default=6, help="sites per kind per seed/PDF document")
    ap.add_argument("--passage-sites", type=int, default=1, help="sites per kind per passage")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--no-pdf", action="store_true")
    ap.add_argument("--no-passages", action="store_true")
    ap.add_argument("--kind", action="append", choices=KINDS)
    ap.add_argument("--misses", action="store_true", help="list every missed site and false alarm")
    ap.add_argument("--json", help="write every site's result to this file")
    ap.add_argument("--jobs", type=int, default=4)
    args = ap.parse_args()
    kinds = tuple(args.kind or KINDS)
    docs = corpus(args)
    work = [(name, text, args.passage_sites if c == "passages" else args.sites, args.seed, kinds)
            for c, name, text in docs]
    where = {name: c for c, name, _ in docs}
    with ProcessPoolExecutor(args.jobs) as ex:
        outs = list(ex.map(evaluate_doc, work, chunksize=1))
    # only passages with a checkable claim take part
    outs = [o for o in outs if where[o[0]] != "passages" or o[2] > 0]

    print("Clean baseline: inconsistent findings per document")
    for name, baseline, _, _ in outs:
        if where[name] != "passages":
            print(f"  {name[:40]:<40} {baseline}")
    pas = [b for n, b, _, _ in outs if where[n] == "passages"]
    print(f"  passages with checked claims: {len(pas)}, inconsistent {sum(pas)} "
          f"({sum(1 for b in pas if b)} passages with any)")

    rows = [r for _, _, _, rs in outs for r in rs]
    print()
    hdr = (f"{'kind':<14} {'corpus':<9} {'tried':>6} {'detected':>9} {'missed':>7} {'uncheck.':>9} {'false':>6} "
           f"{'conseq.':>8} {'det/checkable':>14}")
    print(hdr)
    print("-" * len(hdr))
    total = Counter()
    for kind in kinds:
        for c in ("seeds", "pdf", "passages", "all"):
            rs = [r for r in rows if r["kind"] == kind and (c == "all" or where[r["doc"]] == c)]
            if not rs:
                continue
            det = sum(r["detected"] for r in rs)
            miss = sum(1 for r in rs if not r["detected"] and r["checked"])
            unch = sum(1 for r in rs if not r["detected"] and not r["checked"])
            fa = sum(len(r["false"]) for r in rs)
            cq = sum(r["consequences"] for r in rs)
            chk = det + miss
            print(f"{kind:<14} {c:<9} {len(rs):>6} {det:>9} {miss:>7} {unch:>9} {fa:>6} {cq:>8} "
                  f"{100.0 * det / chk if chk else 0:>13.1f}%")
            if c == "all":
                total.update(tried=len(rs), det=det, miss=miss, unch=unch, fa=fa, cq=cq)
    chk = total["det"] + total["miss"]
    print("-" * len(hdr))
    print(f"{'total':<14} {'all':<9} {total['tried']:>6} {total['det']:>9} {total['miss']:>7} {total['unch']:>9} "
          f"{total['fa']:>6} {total['cq']:>8} {100.0 * total['det'] / chk if chk else 0:>13.1f}%")
    crashes = [r for r in rows if r.get("crash")]
    if crashes:
        print(f"\n{len(crashes)} injections crashed the pipeline:")
        for r in crashes[:10]:
            print("  ", r["doc"], r["desc"], r["crash"])
    if args.misses:
        print("\nMissed (checked before, not reported on the edited line):")
        for r in rows:
            if not r["detected"] and r["checked"]:
                print(f"  [{r['kind']}] {r['doc'][:24]} {r['desc']} | {r.get('sentence', '')}")
        print("\nFalse alarms:")
        for r in rows:
            for fa in r["false"]:
                print(f"  [{r['kind']}] {r['doc'][:24]} {r['desc']} → {fa}")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
