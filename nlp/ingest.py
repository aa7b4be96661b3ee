"""Ingest: turn paths (files, folders, ``-`` for stdin) into decoded inputs.

Stage 1 of the pipeline. It only finds inputs and decodes bytes to text, reporting the encoding it
detected; it never interprets the content. Problems become :class:`~nlp.errors.InputError` with a
one-line reason, raised per input so a batch can go on with the others.
"""

from __future__ import annotations

import codecs
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .errors import InputError

#: File suffixes treated as documents when a folder is walked.
TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
PDF_SUFFIXES = {".pdf"}
DOC_SUFFIXES = TEXT_SUFFIXES | PDF_SUFFIXES
#: Project files that sit beside disclosures in a folder and are not disclosures; skipped when a
#: folder is walked (a file named explicitly is always read).
NOT_DOCUMENTS = ("readme", "sources", "license", "licence", "changelog", "contributing")


@dataclass(frozen=True)
class Source:
    """One input to process: ``doc`` is the name as given (or as found in a folder)."""

    doc: str
    path: Path | None  # None for stdin
    error: str | None = None  # set when the input could not even be located

    @property
    def is_pdf(self) -> bool:
        return self.path is not None and self.path.suffix.lower() in PDF_SUFFIXES


@dataclass(frozen=True)
class Decoded:
    """Decoded text of one input and the encoding that was detected."""

    doc: str
    text: str
    encoding: str


def iter_sources(paths: list[str] | tuple[str, ...]) -> Iterator[Source]:
    """Expand the given paths into sources, in order; folders recursively and sorted.

    A missing path or a folder with no documents yields a ``Source`` carrying an error, so that it
    appears in the results with its reason instead of disappearing.
    """
    for given in paths:
        if given == "-":
            yield Source(doc="-", path=None)
            continue
        p = Path(given)
        if p.is_dir():
            found = sorted(
                (f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in DOC_SUFFIXES
                 and not any(part.startswith(".") for part in f.relative_to(p).parts)
                 and not f.stem.lower().startswith(NOT_DOCUMENTS)),
                key=lambda f: f.as_posix(),
            )
            if not found:
                yield Source(doc=given, path=p, error="folder holds no documents (.txt, .md, .pdf)")
            for f in found:
                yield Source(doc=str(f), path=f)
        elif p.is_file():
            yield Source(doc=given, path=p)
        elif p.exists():
            yield Source(doc=given, path=p, error="not a regular file")
        else:
            yield Source(doc=given, path=p, error="no such file or folder")


def read_bytes(source: Source) -> bytes:
    """The raw bytes of a source (stdin for ``-``)."""
    if source.error:
        raise InputError(source.doc, source.error)
    try:
        if source.path is None:
            return sys.stdin.buffer.read()
        return source.path.read_bytes()
    except OSError as exc:  # permissions, vanished file …
        raise InputError(source.doc, f"cannot read: {exc.strerror or exc}") from None


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _looks_utf16(data: bytes) -> str | None:
    """Guess BOM-less UTF-16 from the pattern of NUL bytes in ASCII-heavy text."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) / 2
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    # CJK-only UTF-16 has few NULs; accept it when it decodes and is mostly CJK.
    for enc in ("utf-16-le", "utf-16-be"):
        if len(data) % 2 == 0:
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            cjk = sum(1 for ch in text[:2000] if "\u4e00" <= ch <= "\u9fff")
            if cjk > 0.5 * min(len(text), 2000):
                return enc
    return None


def _plausible(text: str) -> bool:
    """True when decoded text is mostly characters a disclosure uses (guards UTF-16 guesses)."""
    sample = text[:4000]
    if not sample:
        return True
    ok = sum(1 for ch in sample if ch.isascii() or "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f"
             or "\uff00" <= ch <= "\uffef" or ch in "“”‘’—…·《》〔〕【】①②③④⑤⑥⑦⑧⑨⑩≥≤×÷")
    return ok >= 0.9 * len(sample)


def _is_binary(text: str) -> bool:
    """True when decoded text is mostly control characters (an image, an archive …)."""
    sample = text[:8192]
    if not sample:
        return False
    ctrl = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f\v") or ch == "\ufffd")
    return ctrl > 0.02 * len(sample) or "\x00" in sample


#: Characters frequent in any disclosure, in both scripts: Big5 bytes often decode as GBK too (as
#: mojibake), so the decoding that yields more of these wins.
_COMMON = set("年元万萬支出收入预預算决決计計财財政经經费費项項目基本用公务務人员員增加减減少比上情况況说說明部门門")


def _common_score(text: str) -> int:
    return sum(1 for ch in text[:20000] if ch in _COMMON)


def _try_big5(data: bytes) -> str | None:
    """Traditional-script text in Big5 (cp950), or None when the bytes are not Big5."""
    try:
        return data.decode("cp950")
    except UnicodeDecodeError:
        return None


def decode(doc: str, data: bytes) -> Decoded:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16, GB18030/GBK or Big5, reporting which.

    Line endings are normalised to ``\\n`` (a lone ``\\r`` too) so that line numbers agree with
    what editors show.
    """
    if not data.strip():
        raise InputError(doc, "empty file")
    text = None
    encoding = None
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(enc.replace("-sig", ""))
                encoding = enc
            except UnicodeDecodeError:
                raise InputError(doc, f"undecodable bytes after a {enc} byte-order mark") from None
            break
    if text is None and b"\x00" in data[:4096]:
        enc = _looks_utf16(data)
        if enc:
            try:
                text, encoding = data.decode(enc), enc
            except UnicodeDecodeError:
                text = None
        if text is None:
            raise InputError(doc, "binary file, not text")
    if text is None:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            for enc in ("gbk", "gb18030"):
                try:
                    text, encoding = data.decode(enc), enc
                    break
                except UnicodeDecodeError:
                    continue
            big5 = _try_big5(data)
            if big5 is not None and (text is None or _common_score(big5) > _common_score(text)):
                text, encoding = big5, "big5"
    if text is None:
        enc = _looks_utf16(data)
        if enc:
            text, encoding = data.decode(enc), enc
    if text is None or (encoding or "").startswith("utf-16") and not _plausible(text):
        raise InputError(doc, "undecodable bytes: not UTF-8, UTF-16, GB18030 or Big5")
    if _is_binary(text):
        raise InputError(doc, "binary file, not text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(doc, "empty file")
    return Decoded(doc=doc, text=text, encoding=encoding or "utf-8")


def read_text(source: Source) -> Decoded:
    """Read and decode a text source."""
    return decode(source.doc, read_bytes(source))
