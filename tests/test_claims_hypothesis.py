"""No exception on arbitrary Unicode input; records stay within the text."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nlp.claims import extract_claims
from nlp.claims.numbers import parse_number
from nlp.load import load_text

ALPHABET = st.characters(blacklist_categories=("Cs",))
BUDGETY = st.sampled_from(list("0123456789.,%万亿元个人次比上年增加减少下降持平占的—-()（）一二三四五十百千两约近超以上\n 。;:≥"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=ALPHABET, max_size=200))
def test_any_unicode(text):
    doc = load_text(text)
    for c in extract_claims(doc):
        assert 0 <= c.start <= c.end <= len(doc.text)
        assert 1 <= c.line <= max(doc.n_lines, 1)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=BUDGETY, max_size=120))
def test_budget_like_noise(text):
    doc = load_text(text)
    claims = extract_claims(doc)
    assert len({c.id for c in claims}) == len(claims)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_number_reader_never_raises(text):
    parse_number(text)
