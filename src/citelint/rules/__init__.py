"""The rules: one module per family; :mod:`.catalog` lists them all with their documentation."""

from .catalog import RULES, RULES_BY_NAME, Rule, rule_doc

__all__ = ["RULES", "RULES_BY_NAME", "Rule", "rule_doc"]
