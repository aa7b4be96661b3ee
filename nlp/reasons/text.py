"""Text preparation for the reasons stage: pinyin glosses, and the form the classifier reads.

Mirror sites print a pinyin gloss after some characters ("決算數(shù)小于預(yù)算數(shù)"). The gloss hides
cue phrases and splits words, so it is removed before cues are searched (:func:`strip_glosses`
on a :class:`~nlp.mapped.MappedText`, offsets kept) and before a clause is classified.
:func:`classifier_text` puts a clause in the same form whether it comes from a gold annotation
(copied from the raw input: traditional characters, full-width punctuation, glosses, layout
spaces) or from a normalised document, so training and use see the same text.

Proposed for ``nlp/normalize.py`` (not edited here): the same gloss removal as a normalisation
step, so every stage gets it.
"""

from __future__ import annotations

from functools import lru_cache

import regex

# "(shù)" after a Chinese character: lower-case pinyin with tone marks (or a tone digit), ASCII or
# full-width brackets. A bracket after a non-Chinese character, or holding a Chinese word, is kept.
GLOSS = regex.compile(r"(?<=\p{Han})[(（](?:[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*|[a-zü]+[1-5])[)）]")
_SPACE = regex.compile(r"\s+")


def strip_glosses(mapped):
    """``mapped`` (a MappedText) without pinyin glosses; offsets still map to the source."""
    if not GLOSS.search(mapped.text):
        return mapped
    return mapped.sub(GLOSS, "")


@lru_cache(maxsize=4096)
def classifier_text(text: str) -> str:
    """A clause as the classifier reads it: normalised (width, simplified), no glosses, no spaces."""
    from ..normalize import normalise_text

    return _SPACE.sub("", GLOSS.sub("", normalise_text(text or "")))
