"""Load one input into a :class:`~nlp.document.Document` with its metadata.

The entry point of the pipeline for a single source: ingest → decode → normalise → metadata.
PDFs go to the PDF reader (:mod:`nlp.pdf`) when it is available.
"""

from __future__ import annotations

from .document import Document
from .errors import InputError
from .ingest import Source, read_bytes, decode
from .metadata import assert_disclosure, detect_metadata

_PDF_MAGIC = b"%PDF"


def load_source(source: Source, check_disclosure: bool = True) -> Document:
    """Read, decode and normalise one source; raise :class:`InputError` with a one-line reason."""
    data = read_bytes(source)
    if data[:1024].lstrip().startswith(_PDF_MAGIC) or source.is_pdf:
        doc = _load_pdf(source, data)
    else:
        decoded = decode(source.doc, data)
        doc = Document.from_text(source.doc, decoded.text, encoding=decoded.encoding)
    if check_disclosure:
        assert_disclosure(doc)
    doc.meta.update(detect_metadata(doc))
    return doc


def _load_pdf(source: Source, data: bytes) -> Document:
    try:
        from . import pdf  # noqa: F401  (optional stage, see nlp/pdf)
    except ImportError:
        raise InputError(source.doc, "PDF not supported yet") from None
    return pdf.read_pdf(source.doc, data)


def load_text(text: str, doc: str = "<text>", check_disclosure: bool = False) -> Document:
    """A document from a string already in memory (a passage, a test case)."""
    d = Document.from_text(doc, text.replace("\r\n", "\n").replace("\r", "\n"))
    if check_disclosure:
        assert_disclosure(d)
    d.meta.update(detect_metadata(d))
    return d


def load(path: str, check_disclosure: bool = True) -> Document:
    """Load a single file path (``-`` for stdin)."""
    from .ingest import iter_sources

    sources = list(iter_sources([path]))
    if len(sources) != 1:
        raise InputError(path, "expected one document, got a folder")
    return load_source(sources[0], check_disclosure=check_disclosure)
