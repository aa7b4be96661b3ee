"""``shown_equal``: does a computed figure print as the stated one at the stated precision?"""

from decimal import Decimal

import pytest

from nlp.interval import shown_equal


@pytest.mark.parametrize("stated, computed, equal", [
    ("39193.87", "39193.87", True),
    ("39193.86", "39193.87", False),  # seed 000 T3: a one-cent residue
    ("21", "20", False),
    ("21", "20.5", True),  # half up
    ("26.5", "26.47", True),  # a rate printed to 0.1
    ("0.00", "0.004", True),
    ("40.14", "40.15", False),
    ("7", "7.00", True),
])
def test_shown_equal(stated, computed, equal):
    assert shown_equal(Decimal(stated), Decimal(computed)) is equal
