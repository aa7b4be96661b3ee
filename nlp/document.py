"""The located document: normalised text in which every character knows its input line and column.

A :class:`Document` is what every later stage reads. ``text`` is the normalised text
(:mod:`nlp.normalize`) with the same line structure as the input, so line ``n`` of ``text`` is line
``n`` of the file. :meth:`Document.stream` gives a prose view of a line range (lines joined,
stray page numbers and layout spaces dropped) whose offsets still map back to the input.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

import regex

from .mapped import MappedText
from .normalize import normalise

_CJK = r"\p{Han}"
_WIDE = r"[\p{Han}\u3000-\u303f\uff00-\uffef“”‘’、。《》〔〕【】—…·]"
_WS_RUN = regex.compile(r"[ \t\f\v]+")
_PAGE_NO = regex.compile(r"^\s*[-—]?\s*\d{1,3}\s*[-—]?\s*$")
_UNIT_START = regex.compile(r"^\s*(?:万|亿|元|%|个|人|次|辆|台|件|项|家|条|批|场|户|套|名|平方|公里|吨|亩)")
_MARKER = regex.compile(
    r"^\s*(?:[-*+]\s+|第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]"
    r"|\d{1,2}[、.．](?!\d)|[①-⑳]|[一二三四五六七八九十]是)")
# a half-width full stop ends a line's sentence after a word, a percent or a bracket ("…占0%."), never
# inside a figure ("13.")
_END = regex.compile(r"(?:[。！？!?；;：:]|(?<=[\p{Han}%％)）])\.)\s*$")
_PUNCT = regex.compile(r"[，,。；;！？!?]")
# a short line of words alone in its paragraph, no figure or punctuation ("变动原因", "存在问题"): a
# heading, so the next line opens a paragraph (a wrapped line is full width and runs on)
_BARE_HEADING = regex.compile(r"^[\p{Han}“”\"（）()]{2,12}$")


@dataclass
class Document:
    """One disclosure, decoded and normalised, with positions back to the input.

    Attributes:
        doc: the input's name as given on the command line (or found in a folder).
        raw: the decoded input text (line endings normalised to ``\\n``).
        mapped: the normalised text; ``mapped.origin`` maps into ``raw``.
        encoding: the detected encoding (``utf-8``, ``utf-8-sig``, ``gbk``, ``gb18030``, ``utf-16-le`` …).
        meta: document metadata filled by :mod:`nlp.metadata` (department, year, kind, scope, unit).
        pages: for PDFs, the 1-based page of each line (index 0 = line 1); ``None`` for text input.
        boxes: for PDFs, the bounding box ``(x0, top, x1, bottom)`` of each line, by line number.
    """

    doc: str
    raw: str
    mapped: MappedText
    encoding: str = "utf-8"
    traditional_chars: int = 0
    meta: dict[str, Any] = field(default_factory=dict)
    pages: list[int] | None = None
    boxes: dict[int, tuple[float, float, float, float]] | None = None
    source_kind: str = "text"  # "text" or "pdf"
    notes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.text = self.mapped.text
        self.lines = self.text.split("\n")
        self._starts = [0]
        for line in self.lines[:-1]:
            self._starts.append(self._starts[-1] + len(line) + 1)
        self.raw_lines = self.raw.split("\n")
        self._raw_starts = [0]
        for i, ch in enumerate(self.raw):
            if ch == "\n":
                self._raw_starts.append(i + 1)

    # -- construction -------------------------------------------------------------------------
    @classmethod
    def from_text(cls, doc: str, raw: str, encoding: str = "utf-8", **kw: Any) -> "Document":
        """Normalise decoded text into a document."""
        norm = normalise(raw)
        return cls(doc=doc, raw=raw, mapped=norm.mapped, encoding=encoding,
                   traditional_chars=norm.traditional_chars, **kw)

    # -- positions ----------------------------------------------------------------------------
    @property
    def n_lines(self) -> int:
        """Number of lines of the input (a final newline does not open a new line)."""
        n = len(self.lines)
        return n - 1 if n > 1 and self.lines[-1] == "" else n

    @property
    def script(self) -> str:
        return "traditional" if self.traditional_chars >= 5 else "simplified"

    def line_start(self, line: int) -> int:
        """Offset in ``text`` of the first character of 1-based ``line``."""
        return self._starts[line - 1]

    def line_end(self, line: int) -> int:
        """Offset in ``text`` just past the last character of 1-based ``line`` (before ``\\n``)."""
        return self._starts[line - 1] + len(self.lines[line - 1])

    def line_of(self, offset: int) -> int:
        """1-based line of a ``text`` offset."""
        return bisect.bisect_right(self._starts, max(offset, 0))

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column) in the input file of a ``text`` offset, both 1-based (column in characters)."""
        raw_off = self.mapped.source(offset)
        line = bisect.bisect_right(self._raw_starts, raw_off)
        return line, raw_off - self._raw_starts[line - 1] + 1

    def page_of(self, line: int) -> int | None:
        """1-based PDF page of a line, or None for text input."""
        if self.pages is None or not (1 <= line <= len(self.pages)):
            return None
        return self.pages[line - 1]

    def locate(self, start: int, end: int | None = None) -> dict[str, Any]:
        """Provenance of a ``text`` span: line, column, page and box where known."""
        line, col = self.position(start)
        out: dict[str, Any] = {"doc": self.doc, "line": line, "column": col}
        if self.pages is not None:
            out["page"] = self.page_of(line)
            if self.boxes and line in self.boxes:
                out["bbox"] = list(self.boxes[line])
        return out

    # -- views --------------------------------------------------------------------------------
    def stream(self, start_line: int = 1, end_line: int | None = None,
               skip: set[int] | frozenset[int] = frozenset()) -> MappedText:
        """Prose view of lines ``start_line..end_line`` (inclusive), mapped to ``text`` offsets.

        Lines are joined without a separator (a word or number broken by a line wrap comes back
        together); blank lines, lines in ``skip`` and stray page numbers are dropped; runs of
        spaces are removed next to Chinese characters and kept as one space between ASCII words.
        A ``\\n`` is kept where a new paragraph starts (a list or heading marker, or after a line
        that ends a sentence), so sentence splitting still sees paragraph ends.
        """
        end_line = self.n_lines if end_line is None else min(end_line, self.n_lines)
        kept = [n for n in range(start_line, end_line + 1) if n not in skip and self.lines[n - 1].strip()]
        parts: list[MappedText] = []
        prev_text = ""
        prev_heading = False
        for i, n in enumerate(kept):
            line = self.lines[n - 1]
            if _PAGE_NO.match(line) and i + 1 < len(kept) and prev_text and not _UNIT_START.match(
                    self.lines[kept[i + 1] - 1]):
                continue
            lo = self.line_start(n)
            seg = MappedText(line, list(range(lo, lo + len(line) + 1)))
            seg = _compact(seg)
            if not seg.text:
                continue
            if parts:
                if _MARKER.match(line) or _END.search(prev_text) or prev_heading:
                    parts.append(MappedText("\n", [lo, lo]))
                elif _ascii_word(prev_text[-1:]) and _ascii_word(seg.text[:1]):
                    parts.append(MappedText(" ", [lo, lo]))
            parts.append(seg)
            prev_text = seg.text
            starts_paragraph = len(parts) == 1 or parts[-2].text == "\n"
            marker = _MARKER.match(line)
            alone = marker is not None and not line[marker.end():].strip()  # "（一）" on its own line: its item follows
            prev_heading = (marker is not None and not alone and len(seg.text) <= 30 and not _PUNCT.search(seg.text)) \
                or (marker is None and starts_paragraph and _BARE_HEADING.match(seg.text) is not None)
        return MappedText.concat(parts) if parts else MappedText("", [self.line_start(start_line)
                                                                       if start_line <= self.n_lines else len(self.text)])

    def source_text(self, start: int, end: int) -> str:
        """The input as decoded (before normalisation) under the ``text`` span ``start:end``."""
        a, b = self.mapped.source_span(start, end)
        return self.raw[a:b]

    def line_text(self, line: int) -> str:
        return self.lines[line - 1]

    def raw_line(self, line: int) -> str:
        """Line ``line`` (1-based) of the input as decoded, before normalisation."""
        return self.raw_lines[line - 1]


def _ascii_word(ch: str) -> bool:
    return bool(ch) and ch.isascii() and ch.isalnum()


def _compact(seg: MappedText) -> MappedText:
    """Strip a line and drop layout spaces next to wide characters."""
    text = seg.text
    lo, hi = 0, len(text)
    while lo < hi and text[lo] in " \t\f\v":
        lo += 1
    while hi > lo and text[hi - 1] in " \t\f\v":
        hi -= 1
    seg = seg.slice(lo, hi)

    def repl(m: "regex.Match[str]") -> str:
        s, e = m.span()
        before = seg.text[s - 1] if s > 0 else ""
        after = seg.text[e] if e < len(seg.text) else ""
        if _ascii_word(before) and _ascii_word(after):
            return " "
        return ""

    return seg.sub(_WS_RUN, repl)
