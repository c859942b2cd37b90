"""The grammar file itself: generated vocabulary up to date, no LALR conflicts, packaged."""

from __future__ import annotations

import logging

from lark import Lark, logger

from citelint import vocabulary as v
from citelint.find.grammar import generate_vocabulary, grammar_text, is_vocabulary_current


def test_generated_vocabulary_is_current():
    assert is_vocabulary_current(), "run: python -m citelint.find.regen_grammar"


def test_every_type_word_and_code_is_in_the_grammar():
    section = generate_vocabulary()
    for t in v.DOC_TYPES:
        for w in t.words:
            assert w.split()[0] in section, w
        for c in t.codes:
            assert c in section, c


def _conflicts(grammar: str) -> list[str]:
    """Lark resolves shift/reduce conflicts silently, logging them at debug level; collect them."""
    messages: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(record.getMessage())

    handler = Collect()
    old_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        Lark(grammar, parser="lalr", lexer="contextual", debug=True)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
    return [m for m in messages if "conflict" in m.lower()]


def test_no_lalr_conflicts():
    # A conflict would mean a citation form that the parser quietly refuses.
    assert _conflicts(grammar_text()) == []


def test_conflict_detection_works():
    assert _conflicts('start: a "x"?\na: "y" "x"?\n')


def test_roman_numerals():
    assert [v.roman_to_int(r) for r in ("XI", "XII", "XIII", "XVII", "IV", "IIII", "")] == [11, 12, 13, 17, 4, None, None]
    assert v.int_to_roman(17) == "XVII"
