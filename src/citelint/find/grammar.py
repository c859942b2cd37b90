"""Loading the citation grammar, and generating its vocabulary section from data.

``python -m citelint.find.regen_grammar`` rewrites the generated section of ``grammar/citation.lark``
from :mod:`citelint.vocabulary`; ``--check`` exits 1 if it is stale.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from lark import Lark

from .. import vocabulary as v

BEGIN = "// --- BEGIN GENERATED VOCABULARY (python -m citelint.find.regen_grammar) ---"
END = "// --- END GENERATED VOCABULARY ---"

# A word does not run into a following letter.
_NOT_LETTER = r"(?![^\W\d_])"


def words_pattern(words: list[str]) -> str:
    """Alternation of multi-word phrases, longest first, any run of spaces between words, each
    word in either tone placement ("Thành ủy", "Thành uỷ")."""
    alternatives = []
    for w in sorted(set(words), key=lambda w: (-len(w), w)):
        parts = []
        for syllable in w.split():
            variants = v.tone_variants(syllable)
            parts.append(re.escape(variants[0]) if len(variants) == 1 else "(?:" + "|".join(map(re.escape, variants)) + ")")
        alternatives.append(r"\s+".join(parts))
    return "(?:" + "|".join(alternatives) + ")"


#: An abbreviated type word stands only before a number ("NĐ 118", "NĐ số 61/CP"), not before
#: a number that goes on with "-" or "." and digits (a ship's or a file's number: "tàu NĐ 07-46").
ABBREVIATION_PATTERN = (
    "(?:" + "|".join(sorted(v.TYPE_ABBREVIATIONS, key=len, reverse=True)) + ")"
    + r"(?=[ \t]+(?:số[ \t]*)?\d+(?![\d]|[-.]\d))"
)


def type_word_pattern() -> str:
    """Every type word, capitalised, in lower case or in capitals ("Nghị quyết", "nghị quyết",
    "NGHỊ QUYẾT", as a heading writes it), and the abbreviations before a number ("NĐ 118")."""
    words = []
    for t in v.DOC_TYPES:
        for w in t.words:
            words += [w, w[0].lower() + w[1:], w.upper()]
    return "(?:" + words_pattern(words) + "|" + ABBREVIATION_PATTERN + ")" + _NOT_LETTER


def generate_vocabulary() -> str:
    upper = "".join(sorted(set(v.VIETNAMESE_UPPER) | set("ĐƯ")))
    lines = [
        BEGIN,
        "// Type words: " + ", ".join(t.name for t in v.DOC_TYPES) + ".",
        f"TYPE_WORD: /{type_word_pattern()}/",
        "// Type codes: canonical and variant spellings; the longest first so that QĐi is not QĐ.",
        "TYPE_CODE.3: /(?:" + "|".join(re.escape(c) for c in v.TYPE_CODES) + ")" + _NOT_LETTER + "/",
        "// Names of issuing bodies, as they follow \"của\".",
        f"BODY.2: /{words_pattern(list(v.BODY_NAMES))}{_NOT_LETTER}/i",
        "// \"thành phố\", \"tỉnh\"... between a local body and its place name.",
        f"PLACE_LEVEL.2: /{words_pattern(list(v.PLACE_LEVEL_WORDS))}(?![^\\W\\d_])/i",
        "// A place name: capitalised words, possibly joined by a dash (\"Bà Rịa - Vũng Tàu\").",
        f"PLACE: /[{upper}]\\w*(?:[ \\t]+[{upper}]\\w*)*(?:[ \\t]*-[ \\t]*[{upper}]\\w*(?:[ \\t]+[{upper}]\\w*)*)?/",
        "// Names of laws, codes and ordinances, in any case (\"Luật thương mại\").",
        f"KNOWN_LAW_NAME.2: /(?i:{words_pattern(sorted(v.LAW_NAMES, key=len, reverse=True))}){_NOT_LETTER}/",
        "// Ordinal words of plenums: \"lần thứ tư\".",
        f"ORDINAL: /{words_pattern(list(v.ORDINAL_WORDS))}{_NOT_LETTER}/i",
        END,
    ]
    return "\n".join(lines)


def repo_grammar_path() -> Path:
    return Path(__file__).resolve().parents[3] / "grammar" / "citation.lark"


def grammar_text() -> str:
    """The grammar as shipped: inside the package when installed, else the source checkout's.
    (A path beside this module, not importlib.resources: that import alone cost 14 ms of a
    check's start-up.)"""
    packaged = Path(__file__).resolve().parent / "grammar" / "citation.lark"
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    return repo_grammar_path().read_text(encoding="utf-8")


def with_vocabulary(text: str) -> str:
    start = text.index(BEGIN)
    end = text.index(END) + len(END)
    return text[:start] + generate_vocabulary() + text[end:]


def is_vocabulary_current(text: str | None = None) -> bool:
    text = grammar_text() if text is None else text
    return with_vocabulary(text) == text


@lru_cache(maxsize=1)
def parser() -> Lark:
    """The LALR parser (built once per process; Lark caches the tables on disk)."""
    return Lark(
        grammar_text(),
        parser="lalr",
        lexer="contextual",
        start="start",
        maybe_placeholders=False,
        cache=True,
    )
