"""Check rules: small registered functions, each with an id and a one-line doc.

Table reconciliation rules (``scope="tables"``), narrative rules (``"narrative"``) and document
rules (``"document"``) all register here; :func:`run_rules` evaluates them and reports coverage.
"""

from .registry import REGISTRY, Rule, RuleContext, rule, run_rules  # noqa: F401
