"""spaCy view of the claims: a blank Chinese pipeline with the jieba segmenter and a component
that puts the claims on ``doc.spans["claims"]``.

The regex extractors do the finding (:mod:`nlp.claims.patterns`); this module only presents
their result the spaCy way, for users who want tokens, spans and extension attributes::

    from nlp.claims import claims_doc
    sdoc = claims_doc("一般公共预算财政拨款收入49,644.69万元,比上年增加10,391.38万元,增长26.5%。")
    for span in sdoc.spans["claims"]:
        print(span.text, span._.kind, span._.value, span._.unit, span._.subject)

The spaCy text is ``Document.text`` (the normalised text, same offsets as the claim records), so
``span.start_char == claim.start``. Spans snap outwards to token boundaries; ``span._.claim`` is
the full :class:`~nlp.records.Claim`. The jieba dictionary is the project's
(:mod:`nlp.claims.segment`), so budget terms and units are single tokens.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

COMPONENT = "shuoming_claims"
SPAN_KEY = "claims"
_ATTRS = ("kind", "value", "unit", "value_wan", "subject", "subject_key", "approx", "direction", "base",
          "group", "operator", "line")


def _register() -> None:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

    for attr in _ATTRS + ("claim",):
        if not Span.has_extension(attr):
            Span.set_extension(attr, default=None)
    if not Doc.has_extension("shuoming_document"):
        Doc.set_extension("shuoming_document", default=None)

    if COMPONENT not in Language.factories:
        @Language.component(COMPONENT)
        def claims_component(doc):  # noqa: ANN001 - spaCy signature
            """Extract claims from the Doc's text and add them as ``doc.spans["claims"]``."""
            from ..load import load_text
            from .extract import extract_claims

            document = doc._.shuoming_document
            if document is None or document.text != doc.text:
                document = load_text(doc.text, doc="<spacy>")
            spans = []
            for claim in extract_claims(document):
                span = doc.char_span(claim.start, claim.end, label=claim.kind, alignment_mode="expand")
                if span is None:
                    continue
                span._.claim = claim
                for attr in _ATTRS:
                    setattr(span._, attr, getattr(claim, attr))
                spans.append(span)
            doc.spans[SPAN_KEY] = spans
            return doc


@lru_cache(maxsize=1)
def build_nlp():
    """The blank ``zh`` pipeline (jieba segmenter, project dictionary) with the claims component."""
    import spacy

    from .segment import tokenizer

    tokenizer()  # add the user dictionary to jieba's global tokenizer, which spaCy uses
    _register()
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe(COMPONENT)
    return nlp


def claims_doc(text_or_document: Any, nlp=None):
    """A spaCy ``Doc`` with the claims on ``doc.spans["claims"]``.

    Accepts a string (read as a bare passage) or a :class:`~nlp.document.Document` (its
    normalised text is the Doc's text, so span offsets equal the claim offsets).
    """
    from ..document import Document
    from ..load import load_text

    nlp = nlp or build_nlp()
    if isinstance(text_or_document, Document):
        document = text_or_document
    else:
        document = load_text(str(text_or_document), doc="<text>")
    doc = nlp.make_doc(document.text)
    doc._.shuoming_document = document
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    return doc
