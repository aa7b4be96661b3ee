"""Claims: every quantified statement of the narrative (issue 4).

- :func:`extract_claims` — the stage entry point: ``Document`` → list of :class:`~nlp.records.Claim`;
- :func:`claims_doc` — the same claims on a spaCy ``Doc`` (``doc.spans["claims"]``);
- :mod:`.numbers` — the number reader; :mod:`.patterns` — regex extractors per kind;
  :mod:`.subjects` — subject phrases and keys; :mod:`.segment` — jieba with our dictionary.
"""

from __future__ import annotations

from .extract import extract_claims

__all__ = ["extract_claims", "claims_doc"]


def claims_doc(text_or_document, nlp=None):
    """A spaCy ``Doc`` of the text with the claims on ``doc.spans["claims"]`` (see :mod:`.pipeline`)."""
    from .pipeline import claims_doc as _claims_doc

    return _claims_doc(text_or_document, nlp=nlp)
