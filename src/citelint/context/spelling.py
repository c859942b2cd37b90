"""How a name may be typed in running text: both tone placements, capitals, any spacing and
dash, and regexes built from many spellings at once."""

from __future__ import annotations

import re
import unicodedata
from itertools import product

from ..vocabulary import fold, tone_variants

_SP = r"[ \t\u00a0]+"
COMBINING = "\u0300-\u036f"


def spellings(name: str, *, capitals: bool = True) -> set[str]:
    """``name`` as it may be typed: both tone placements (word by word), and in capitals.

    NFD text and Ð typed for Đ are dealt with once, on the text (:func:`comparable`), rather
    than by four times as many spellings: the patterns built from these are compiled in every
    process, and their size is most of the start-up cost of this module."""
    words = name.split(" ")
    out = {" ".join(combo) for combo in product(*(tone_variants(w) for w in words))}
    if capitals:
        out |= {s.upper() for s in out}
    return out


def spelling_pattern(spelling: str) -> str:
    """A regex for one spelling: any run of spaces for a space, any dash for "-"."""
    return "".join(_unit_pattern(u) for u in _units(spelling))


_SPACE, _DASH, _END = " ", "-", ""


def _units(spelling: str) -> list[str]:
    """Characters of a spelling; a space stands for any run of spaces, "-" for a dash with any
    spacing around it."""
    return list(re.sub(r"[ \t\u00a0]*[-–—][ \t\u00a0]*", "-", re.sub(r"[ \t\u00a0]+", " ", spelling)))


def _unit_pattern(u: str) -> str:
    if u == _SPACE:
        return _SP
    if u == _DASH:
        return r"[ \t\u00a0]*[-–—][ \t\u00a0]*"
    return re.escape(u)


def trie_pattern(spellings: set[str], *, word_start: bool = False) -> str:
    """One regex for many spellings, shaped as a trie so that a position where none starts fails
    at once; the longest spelling wins.  With ``word_start``, a match cannot start inside a word
    (the check comes after the first character, so that the regex engine can still skip to the
    positions where a first character occurs)."""
    root: dict = {}
    for s in spellings:
        node = root
        for u in _units(s):
            node = node.setdefault(u, {})
        node[_END] = {}

    def emit(node: dict, top: bool = False) -> str:
        alts = []
        for u in sorted(k for k in node if k != _END):
            head = _unit_pattern(u)
            if top and word_start:
                head += rf"(?<![\w{COMBINING}].)"
            alts.append(head + emit(node[u]))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if _END in node else body

    return emit(root, top=True)


WORD_END = rf"(?![\w{COMBINING}])"


def place_key(s: str) -> str:
    """Comparison key of a place name: case, tone placement, spaces, dots and dashes ignored."""
    f = fold(s)
    base, _, tones = f.partition("|")
    base = re.sub(r"[\s.\-–—_,]+", "", base)
    return base + ("|" + tones if tones else "")


def ascii_key(s: str) -> str:
    """A key without any diacritics ("Ha Noi" for "Hà Nội")."""
    s = unicodedata.normalize("NFD", s.replace("Đ", "D").replace("đ", "d").replace("Ð", "D").replace("ð", "d"))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"[\s.\-–—_,]+", "", s)


