"""Cheap pre-filter: the positions in normalised text where a citation may start.

Four separate regex passes, each with a rare first character so that the regex engine skips
most of the text in C (one alternation of all of them is several times slower, measured in
bench/):

- a symbol separator: "-" or "/" (optionally a year and another separator) then an upper-case
  letter, with digits just before it ("24-QĐ", "30/2020/NĐ", "18- NQ");
- "ố" of "số"/"Số" followed by a digit, after a type word in lower case ("nghị quyết số 15");
  "ị", "ịnh" or "ư" followed by a number: the end of a type word in lower case ("nghị định 45",
  "chỉ thị 08", "thông tư 95");
- a capitalised type word followed by a number, "số", a plenum or congress, or by "của ...
  số" ("Chương trình 01", "Nghị quyết Trung ương 4", "Quyết định của Bộ Chính trị số31-QĐ/TW");
  "Luật", "Bộ luật", "Pháp lệnh" followed by a capitalised name ("Luật Đất đai"); "Hiến pháp",
  "Điều lệ Đảng"; a type word in capitals followed by "SỐ" (a heading); an abbreviated type
  word ("NĐ 118", "QĐ 217": the grammar takes it only before a number);
- lower-case "nghị quyết" followed by a plenum or congress (in the pass for "ị", above).

A start found from a number or "số" moves back over "số" and over a type word written just
before it, in either case ("nghị định số 30/2020/NĐ-CP").
"""

from __future__ import annotations

import re

from .. import vocabulary as v
from .grammar import type_word_pattern, words_pattern

_SEP_ANCHOR = re.compile(r"[-/][ \t]*(?:\d{2,4}[ \t]*[-/][ \t]*)?[A-ZĐƯ]")
_SO_ANCHOR = re.compile(r"ố(?:[ \t]*:)?[ \t]*\d")  # "SỐ" of a heading: after its type word, below
_NAMED_FOLLOWERS = r"Trung[ \t]+ương|T[ \t]?\.[ \t]?[ƯW]|TƯ|TW|[Hh]ội[ \t]+nghị|[Đđ]ại[ \t]+hội"


def _by_first_letter(words: list[str]) -> str:
    """An alternation factored by first letter ("N(?:ghị quyết|ghị định)|Q(?:...)"): the regex
    engine then rejects a capital that starts no type word after one comparison, not thirty."""
    groups: dict[str, list[str]] = {}
    for w in words:
        groups.setdefault(w[0], []).append(w)
    alternatives = []
    for first, group in sorted(groups.items()):
        rest = words_pattern([w[1:] for w in group])
        alternatives.append(re.escape(first) + rest)
    return "(?:" + "|".join(alternatives) + ")"


_UPPER = "A-ZĐÂĂÊÔƠƯÁÀẢÃẠẤẦẨẪẬẮẰẲẴẶÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ"
# Documents named without a type word: the Constitution and the Party Charter.
_NAMED_ALONE = ("Hiến pháp", "HIẾN PHÁP", "Điều lệ Đảng", "Cương lĩnh")
_TYPE_ANCHOR = re.compile(
    _by_first_letter([x for t in v.DOC_TYPES for w in t.words for x in (w, w.upper())] + list(_NAMED_ALONE)
                     + list(v.TYPE_ABBREVIATIONS))
    + r"(?![^\W\d_])(?="
    + "|".join(f"(?<={w})" for w in _NAMED_ALONE)
    # a law, code or ordinance by its name: "Luật Đất đai", "Bộ luật Lao động", "Pháp lệnh Dân số"
    + rf"|(?<=uật)[ \t]+[{_UPPER}]|(?<=lệnh)[ \t]+[{_UPPER}]"
    # ... or by a listed name in lower case: "Luật thương mại"
    + r"|(?:(?<=uật)|(?<=lệnh))[ \t]+(?i:" + words_pattern(list(v.LAW_NAMES)) + r")(?![^\W\d_])"
    + r"|[ \t]*(?:[Ss]ố|SỐ|\d|"
    + _NAMED_FOLLOWERS
    + r"|của[^\n;.]{1,80}?[Ss]ố))"
)
# A type word in lower case just before a number, without "số" ("nghị định 45", "quyết định 53",
# "chỉ thị 08", "thông tư 95"): found from its rare last letters, one literal each.
# The first pass finds lower-case "nghị quyết" before a plenum or congress too (from the "ị" of
# "nghị": one literal for both).
_LOWER_SHORT_ANCHORS = (
    re.compile(r"ị(?:(?:nh)?[ \t]+\d|(?P<named>[ \t]+quyết(?=[ \t]+(?:" + _NAMED_FOLLOWERS + "))))"),
    re.compile(r"ư[ \t]+\d"),
)
# A type word (any case) ending a short stretch of text, for moving a start back onto it.
_TYPE_WORD_BEFORE = re.compile(r"(?<![^\W\d_])" + type_word_pattern() + r"[ \t]*\Z")
_SO_BEFORE = re.compile(r"(?<![^\W\d_])(?:[Ss]ố|SỐ)(?:[ \t]*:)?[ \t]*\Z")


def candidate_starts(text: str) -> list[int]:
    """Sorted, distinct positions where the parser should try to read a citation."""
    starts: set[int] = set()
    for m in _TYPE_ANCHOR.finditer(text):
        if m.start() > 0 and text[m.start() - 1].isalnum() and m.group() in v.TYPE_ABBREVIATIONS:
            continue  # "NĐ 118", not "BQLNĐ 5" (a type word may be glued: "theoNghị định 108")
        starts.add(m.start())
    for anchor in _LOWER_SHORT_ANCHORS:
        for m in anchor.finditer(text):
            if m.re.groupindex and m.group("named"):
                if text.startswith("ngh", m.start() - 3):  # "nghị quyết Trung ương 4"
                    starts.add(m.start() - 3)
                continue
            number = m.end() - 1
            start = _back_over_type_word(text, number)
            if start != number:
                starts.add(start)
    for m in _SO_ANCHOR.finditer(text):
        # "số" after a type word in lower case ("nghị định số 30"); "số 24-QĐ/TW" alone is
        # found from its separator, and "số 135" alone is no citation.
        so = m.start() - 1
        if so >= 0 and text[so] in "sS" and (so == 0 or not text[so - 1].isalnum()):  # số, Số, SỐ
            start = _back_over_type_word(text, so)
            if start != so:
                starts.add(start)
    for m in _SEP_ANCHOR.finditer(text):
        start = _number_before(text, m.start())
        if start is not None:
            starts.add(_back_over_so_and_type_word(text, start))
    return sorted(starts)


_STANDARD_BEFORE = re.compile(r"(?<![^\W\d_])(?:QCVN|TCVN|QCĐP|TCN|TCCS|TCXDVN|ISO|IEC) [\d.:/ -]{0,14}\Z")


def _number_before(text: str, sep: int) -> int | None:
    """Start of the digits just before a separator (spaces allowed between), if any."""
    i = sep
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    j = i
    while j > 0 and text[j - 1].isdigit():
        j -= 1
    if j == i or i - j > 6 or text.count("0", j, i) == i - j:
        return None  # no digits, too many, or only zeros ("TT 0 - TT i" in a formula): no document's number
    if j > 1 and not text[j - 1].isalpha() and _STANDARD_BEFORE.search(text, max(0, j - 24), j):
        return None  # "QCVN 86:2015/BGTVT", "QCVN 18: 2008/BTNMT", "QCVN 02-19:2012-TT": a standard
    if j > 1 and text[j - 1] in " \t" and text[j - 2].isdigit():
        return None  # "số 3 1/CT-TTg": the rest of a number split by a space
    if j > 0:
        before = text[j - 1]
        if before.isalpha() and text[max(0, j - 2) : j].lower() != "số":
            return None  # "U23-Việt", "COVID-19": a number glued to a word is not a document's
        if before in ".," and j > 1 and text[j - 2].isdigit():
            return None  # "5.030-..." : part of a larger number
    return j


def _back_over_so_and_type_word(text: str, start: int) -> int:
    if last_char_before(text, start) in "ốỐ":
        m = _SO_BEFORE.search(text, max(0, start - 12), start)
        if m:
            start = m.start()
    return _back_over_type_word(text, start)


def _back_over_type_word(text: str, start: int) -> int:
    if last_char_before(text, start) not in _TYPE_WORD_LAST_LETTERS:
        return start
    m = _TYPE_WORD_BEFORE.search(text, max(0, start - 40), start)
    return m.start() if m else start


def last_char_before(text: str, pos: int) -> str:
    """The character before ``pos``, spaces and a colon skipped ("" at the start)."""
    i = pos
    while i > 0 and text[i - 1] in " \t:":
        i -= 1
    return text[i - 1] if i > 0 else ""


# The regex look-backs are tried only where the text just before could end a type word.
_TYPE_WORD_LAST_LETTERS = frozenset(c for t in v.DOC_TYPES for w in t.words for c in (w[-1], w[-1].upper()))
