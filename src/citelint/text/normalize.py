"""Normalisation of decoded text for parsing, keeping a map back to every original position.

What changes, and why:
- Unicode NFC.  NFD text ("e" + U+0302 + U+0301) does not match the grammar's letters.
- Zero-width characters and soft hyphens are removed: they hide inside words and symbols.
- One character for another, same length: Ð (U+00D0, Icelandic eth, typed for Đ) → Đ;
  dashes and the minus sign → "-"; exotic spaces (no-break, thin, ideographic) → " ";
  U+2028/U+2029 → "\n"; Cyrillic and Greek capitals that look Latin, inside a code
  ("NĐ-СР") → the Latin letters.

Tone placement is left alone: both "khoá" and "khóa", "uỷ" and "ủy" are valid NFC, and the
grammar accepts both (see :func:`citelint.vocabulary.tone_variants`).

``normalize(normalize(t).text).text == normalize(t).text`` holds for every text.
"""

from __future__ import annotations

import heapq
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .markup import wrapped_line_breaks
from .offsets import Edit, OffsetChain, OffsetMap, apply_edits

_COMBINING_RANGES = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_CLUSTER = re.compile(f"[^{_COMBINING_RANGES}]?[{_COMBINING_RANGES}]+")
_INVISIBLE_CHARS = "\u00ad\u180e\u200b\u200c\u200d\u2060\ufeff"
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")

#: Letters typed for Đ: Ð (U+00D0, Icelandic eth), ð, Ɖ (African D, seen in OCR output).
ETH_FOR_D = {"\u00d0": "Đ", "\u00f0": "đ", "\u0189": "Đ"}
#: Dashes and the minus sign, typed for a hyphen.
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"

_ONE_FOR_ONE = {
    **ETH_FOR_D,
    **{c: "-" for c in DASHES},
    **{c: " " for c in "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"},
    "\u2028": "\n",
    "\u2029": "\n",
    "\uff0f": "/",  # fullwidth solidus
}
_ONE_FOR_ONE_RE = re.compile("[" + "".join(re.escape(c) for c in _ONE_FOR_ONE) + "]")

#: Cyrillic and Greek capitals that look like Latin ones ("NĐ-СР" typed with Cyrillic С and Р).
#: They are read as Latin only inside a run of code characters that has a Latin letter, a digit,
#: "-" or "/" in it, so that a Russian or Greek word is left as it is.
LOOK_ALIKES = {
    **dict(zip("АВСЕНІКМОРТХУ", "ABCEHIKMOPTXY")),  # Cyrillic
    **dict(zip("ΑΒΕΗΙΚΜΝΟΡΤΧΥΖ", "ABEHIKMNOPTXYZ")),  # Greek
}
_LOOK_ALIKE_CHARS = "".join(LOOK_ALIKES)
_LATIN_CODE_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZĐ0123456789/-")
_SPECIAL_RE = re.compile("[" + _INVISIBLE_CHARS + "".join(re.escape(c) for c in _ONE_FOR_ONE) + _LOOK_ALIKE_CHARS + "]")

@dataclass(frozen=True)
class Normalized:
    text: str
    offsets: OffsetChain


def normalize(text: str, join_wraps: bool = False) -> Normalized:
    """``text`` normalised; with ``join_wraps``, the hard line wraps inside its sentences (plain
    text wrapped by hand: "Chỉ⏎thị số 05-CT/TW") become spaces too."""
    maps: list[OffsetMap] = []
    # One pass finds both kinds of special character (they are rare; a full str.translate or a
    # re.sub with a callback costs several times more on a large text).
    found = _SPECIAL_RE.findall(text)
    if found and any(c in _INVISIBLE_CHARS for c in found):
        text, m = apply_edits(text, (Edit(x.start(), x.end(), "") for x in _INVISIBLE.finditer(text)))
        maps.append(m)
    nfc = _nfc_with_map(text)
    if nfc is not None:
        text, m = nfc
        maps.append(m)
        found = _SPECIAL_RE.findall(text)
    look_alikes = {c for c in found if c in LOOK_ALIKES} if found else set()
    if look_alikes:
        text = _latin_look_alikes(text, look_alikes)
    joins = wrapped_line_breaks(text) if join_wraps else []
    one_for_one = found and any(c in _ONE_FOR_ONE for c in found)
    if one_for_one or joins:
        # one pass, one copy of the text, for both kinds of same-length replacement
        replacements = ((x.start(), x.end(), _ONE_FOR_ONE[x.group()]) for x in _ONE_FOR_ONE_RE.finditer(text)) \
            if one_for_one else iter(())
        pieces = []
        last = 0
        for start, end, replacement in heapq.merge(replacements, joins):
            pieces.append(text[last:start])
            pieces.append(replacement)
            last = end
        pieces.append(text[last:])
        text = "".join(pieces)
    return Normalized(text, OffsetChain(maps))


def _latin_look_alikes(text: str, chars: set[str]) -> str:
    """Each run of look-alike capitals that stands in a code (next to a Latin capital, a digit,
    "-" or "/") written in Latin; the rest (a word of another script) left alone.  Look-alikes
    are rare: ``chars`` are the ones the text holds, found with ``str.find``."""
    positions = sorted(i for c in chars for i in _all_positions(text, c))
    pieces: list[str] = []
    last = 0
    k = 0
    while k < len(positions):
        a = b = positions[k]
        while k + 1 < len(positions) and positions[k + 1] == b + 1:
            k += 1
            b += 1
        k += 1
        b += 1
        if (a > 0 and text[a - 1] in _LATIN_CODE_CHARS) or (b < len(text) and text[b] in _LATIN_CODE_CHARS):
            pieces.append(text[last:a])
            pieces.append("".join(LOOK_ALIKES[c] for c in text[a:b]))
            last = b
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


def _all_positions(text: str, c: str):
    i = text.find(c)
    while i >= 0:
        yield i
        i = text.find(c, i + 1)


# CPython puts combining marks in canonical order by insertion, one mark at a time: a long run
# of marks out of order ("a" followed by U+0301 U+0316 half a million times) takes minutes.  Runs
# longer than this are put in order first, by a sort.
_LONG_MARK_RUN = 32
# Where such a run may be: every combining mark is above U+02FF (text in Latin letters has none).
_MAYBE_LONG_MARK_RUN = re.compile("[^\x00-\u02ff]{%d,}" % (_LONG_MARK_RUN + 1))
# Characters of combining class 0 whose decomposition is a pair of marks (Tibetan vowel signs):
# in a run of marks, they are decomposed before the run is sorted.
_MARK_PAIRS = {c: unicodedata.normalize("NFD", c) for c in "\u0f73\u0f75\u0f81"}


def nfc(text: str) -> str:
    """``unicodedata.normalize("NFC", text)``, in time linear in the text however long its runs
    of combining marks."""
    if len(text) > _LONG_MARK_RUN:
        text = _MAYBE_LONG_MARK_RUN.sub(_long_runs_in_order, text)
    return unicodedata.normalize("NFC", text)


def _long_runs_in_order(m: re.Match) -> str:
    s = m.group()
    if s.count(s[0]) == len(s):
        return s  # one character repeated ("a" and a million acute accents): in order already
    marks = [c for c in set(s) if unicodedata.combining(c) or c in _MARK_PAIRS]
    if len(marks) > 1 or (marks and marks[0] in _MARK_PAIRS):  # else no run can be out of order
        long_run = re.compile("[%s]{%d,}" % ("".join(map(re.escape, marks)), _LONG_MARK_RUN + 1))
        s = long_run.sub(lambda m: _in_canonical_order(m.group()), s)
    return s


@lru_cache(maxsize=2)  # the same long run is often ordered twice: in a line, and in its cluster
def _in_canonical_order(run: str) -> str:
    """A run of marks sorted by combining class, keeping the order of marks of one class: its
    canonical order (each mark's decomposition is of marks of its own class)."""
    for c, pair in _MARK_PAIRS.items():
        run = run.replace(c, pair)
    return "".join(sorted(run, key=unicodedata.combining))


def comparable(text: str) -> str:
    """NFC, and Đ for Ð: no position moves across a line break (for matching words, not for
    mapping positions)."""
    # normalize() answers NFC text by its quick check; is_normalized() first would normalise a
    # text with combining marks twice (its "maybe" answer is settled by normalising)
    text = nfc(text)
    if "Ð" in text or "ð" in text:
        text = text.replace("Ð", "Đ").replace("ð", "đ")
    return text


#: Text is checked for NFC in blocks of about this many characters, cut after a line break (no
#: character composes across one).  Text that is already NFC passes a quick check; a block that
#: fails is checked line by line, so only the lines with combining marks are normalised.
_NFC_BLOCK = 4096


def _nfc_with_map(text: str) -> tuple[str, OffsetMap] | None:
    """NFC of ``text`` with its offset map, or None when it is NFC already."""
    edits: list[Edit] = []
    i = 0
    n = len(text)
    while i < n:
        j = text.find("\n", i + _NFC_BLOCK)
        j = n if j < 0 else j + 1
        if not unicodedata.is_normalized("NFC", text[i:j]):
            line_start = i
            while line_start < j:
                line_end = text.find("\n", line_start, j)
                line_end = j if line_end < 0 else line_end + 1
                line = text[line_start:line_end]
                # one normalisation a line: is_normalized of a line with marks normalises it too
                target = nfc(line)
                if target != line:
                    edits.extend(_nfc_edits(line, line_start, target))
                line_start = line_end
        i = j
    if not edits:
        return None
    return apply_edits(text, edits)


def _nfc_edits(text: str, offset: int, target: str | None = None) -> list[Edit]:
    """Edits that make ``text`` (a piece no character composes across) NFC, each as small as
    possible, at positions shifted by ``offset``; ``target``: its NFC, if known."""
    target = nfc(text) if target is None else target
    edits = []
    for x in _CLUSTER.finditer(text):
        s = x.group()
        n = nfc(s)
        if n != s:
            edits.append(Edit(x.start() + offset, x.end() + offset, n))
    if _applied(text, edits, offset) != target:
        # Rare scripts compose across what the fast path treats as boundaries (Hangul jamo,
        # singleton decompositions): cut the text only before characters that never compose
        # with what precedes them (a regex of the others the text holds finds the pieces).
        edits = []
        unstable = [c for c in set(text) if not _is_stable_starter(c)]
        if unstable:
            chars = "".join(map(re.escape, unstable))
            for x in re.finditer(f"[^{chars}]?[{chars}]+", text):
                s = x.group()
                n = nfc(s)
                if n != s:
                    edits.append(Edit(x.start() + offset, x.end() + offset, n))
        if _applied(text, edits, offset) != target:
            edits = [Edit(offset, offset + len(text), target)]
    return edits


def _applied(text: str, edits: list[Edit], offset: int) -> str:
    """``text`` with ``edits`` (at positions shifted by ``offset``) made."""
    pieces = []
    last = 0
    for e in edits:
        pieces.append(text[last : e.start - offset])
        pieces.append(e.replacement)
        last = e.end - offset
    pieces.append(text[last:])
    return "".join(pieces)


@lru_cache(maxsize=4096)
def _is_stable_starter(c: str) -> bool:
    return (
        unicodedata.combining(c) == 0
        and unicodedata.category(c) not in ("Mn", "Mc")
        and not ("\u1161" <= c <= "\u1175" or "\u11a8" <= c <= "\u11c2")
        and unicodedata.normalize("NFC", c) == c
    )
