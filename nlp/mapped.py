"""A string that remembers, for every character, where it came from.

``MappedText`` is the shared mechanism behind normalisation and line joining: each edit (a regex
substitution, a deletion, a join) produces a new text whose ``origin[i]`` is the offset in the
original text of character ``i``. Offsets compose, so any derived view can be traced back to the
line and column of the input file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import regex


@dataclass
class MappedText:
    """``text`` plus ``origin``: ``origin[i]`` is the source offset of ``text[i]``.

    ``origin`` has ``len(text) + 1`` entries; the last one is the source offset just past the end,
    so that an end offset maps too.
    """

    text: str
    origin: list[int]

    @classmethod
    def identity(cls, text: str, base: int = 0) -> "MappedText":
        return cls(text, list(range(base, base + len(text) + 1)))

    def __len__(self) -> int:
        return len(self.text)

    def source(self, offset: int) -> int:
        """Source offset of ``offset`` (clamped to the text)."""
        if offset < 0:
            offset = 0
        if offset > len(self.text):
            offset = len(self.text)
        return self.origin[offset]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source span of ``text[start:end]``: from the first character's origin to just past the last."""
        if end <= start:
            s = self.source(start)
            return s, s
        return self.source(start), self.source(end - 1) + 1

    def sub(self, pattern: "regex.Pattern[str] | str", repl: "str | Callable[[regex.Match[str]], str]",
            flags: int = 0) -> "MappedText":
        """Regex substitution that keeps the map.

        Characters of a replacement map one-to-one onto the match when lengths agree (so a
        same-length fix like ``．``→``.`` keeps exact columns), otherwise each maps to the match start.
        """
        pat = regex.compile(pattern, flags) if isinstance(pattern, str) else pattern
        out: list[str] = []
        origin: list[int] = []
        last = 0
        text, src = self.text, self.origin
        for m in pat.finditer(text):
            s, e = m.span()
            out.append(text[last:s])
            origin.extend(src[last:s])
            r = repl(m) if callable(repl) else m.expand(repl)
            if len(r) == e - s:
                origin.extend(src[s:e])
            else:
                # Align the replacement with the kept groups where possible: characters copied from the
                # match keep their own origins; inserted ones take the origin of the match start.
                origin.extend(_align(r, text[s:e], src[s:e + 1]))
            out.append(r)
            last = e
        out.append(text[last:])
        origin.extend(src[last:])
        return MappedText("".join(out), origin)

    def translate(self, table: dict[int, str]) -> "MappedText":
        """Character-wise translation (``str.translate`` table); multi-char outputs map to the char."""
        out: list[str] = []
        origin: list[int] = []
        for ch, o in zip(self.text, self.origin):
            r = table.get(ord(ch), ch)
            out.append(r)
            origin.extend([o] * len(r))
        origin.append(self.origin[-1])
        return MappedText("".join(out), origin)

    def compose(self, inner: "MappedText") -> "MappedText":
        """``inner`` is a view derived from ``self.text``; return it mapped to ``self``'s source."""
        src = self.origin
        n = len(src) - 1
        return MappedText(inner.text, [src[min(max(o, 0), n)] for o in inner.origin])

    def slice(self, start: int, end: int) -> "MappedText":
        return MappedText(self.text[start:end], self.origin[start:end] + [self.source(end)])

    @staticmethod
    def concat(parts: list["MappedText"]) -> "MappedText":
        if not parts:
            return MappedText("", [0])
        text = "".join(p.text for p in parts)
        origin: list[int] = []
        for p in parts:
            origin.extend(p.origin[:-1])
        origin.append(parts[-1].origin[-1])
        return MappedText(text, origin)


def _align(repl: str, matched: str, src: list[int]) -> list[int]:
    """Origins for ``repl`` replacing ``matched``: greedy in-order match of identical characters."""
    out: list[int] = []
    j = 0
    for ch in repl:
        k = matched.find(ch, j)
        if k >= 0:
            out.append(src[k])
            j = k + 1
        else:
            out.append(src[min(j, len(src) - 1)])
    return out
