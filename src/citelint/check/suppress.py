"""Inline suppression in the article itself, in markdownlint's syntax."""

from __future__ import annotations

import re
from bisect import bisect_right

from ..text.prepared import PreparedText

# A directive ends at the first ">", which must be that of "-->".  Where it is not (or there is
# none), the directive's start and all up to that ">" are taken in one match with group 2 None and
# passed over: a directive starting in there would end at the same ">" and fail too, and is not
# tried again (which would read on to the same ">" once for each: quadratic).
_DIRECTIVE = re.compile(r"<!--\s*citelint-(disable-next-line|disable-line|disable|enable)\b(?:([^>]*?)-->|[^>]*+)")
_WORD = re.compile(r"[^\s,]+")


class Suppressions:
    """``<!-- citelint-disable-next-line CL201 -->`` and its kin (markdownlint's syntax).

    - ``disable-next-line [CODES]``: the line after the comment;
    - ``disable-line [CODES]``: the comment's own line;
    - ``disable [CODES]`` ... ``enable [CODES]``: every line between.
    Without codes, every rule.  Codes are rule codes (CL201) or names (unknown-document);
    anything else disables nothing and is reported (CL902)."""

    def __init__(self, prepared: PreparedText) -> None:
        self._lines: dict[int, set[str] | None] = {}  # line -> codes (None: all)
        self._ranges: list[tuple[int, int, frozenset[str] | None]] = []  # (first line, last line, codes)
        self._covered: dict[str | None, tuple[list[int], list[int]]] | None = None
        self.unknown: list[tuple[int, int, str]] = []  # (start, end, word): words that name no rule
        text = prepared.original
        if "citelint-" not in text:
            return
        index = prepared.lines
        # The "disable" directives still open.  An "enable" closes those whose codes it names all
        # of: the sets of codes are bits of an int, and the sets an "enable" closes are the open
        # ones that name no code it does not name, found by a few operations on ints, not by a
        # look at each directive still open (thousands of them, for each "enable").
        open_all: list[int] = []  # "disable" of every rule: their lines
        bit_of: dict[frozenset[str], int] = {}  # each set of codes a "disable" names: its bit
        sets: list[frozenset[str]] = []  # the sets, by bit
        naming: dict[str, int] = {}  # code -> the bits of the sets that name it
        open_bits = 0
        open_lines: dict[int, list[int]] = {}  # bit -> lines of the open "disable" with that set
        for m in _DIRECTIVE.finditer(text):
            if m.group(2) is None:
                continue
            kind = m.group(1)
            codes = self._codes(m)
            line, _ = index.line_col(m.start())
            if kind == "disable-next-line":
                self._add_line(line + 1, codes)
            elif kind == "disable-line":
                self._add_line(line, codes)
            elif kind == "disable" and codes is None:
                open_all.append(line)
            elif kind == "disable":
                key = frozenset(codes)
                bit = bit_of.get(key)
                if bit is None:
                    bit = bit_of[key] = len(sets)
                    sets.append(key)
                    for code in key:
                        naming[code] = naming.get(code, 0) | 1 << bit
                open_bits |= 1 << bit
                open_lines.setdefault(bit, []).append(line)
            else:  # enable
                if codes is None:
                    self._ranges.extend((start, line, None) for start in open_all)
                    open_all = []
                    closing = open_bits
                else:
                    kept = 0
                    for code, bits in naming.items():
                        if code not in codes:
                            kept |= bits
                    closing = open_bits & ~kept
                open_bits &= ~closing
                while closing:
                    low = closing & -closing
                    closing ^= low
                    bit = low.bit_length() - 1
                    self._ranges.extend((start, line, sets[bit]) for start in open_lines.pop(bit))
        self._ranges.extend((start, 1 << 30, None) for start in open_all)
        for bit, starts in open_lines.items():
            self._ranges.extend((start, 1 << 30, sets[bit]) for start in starts)

    def _codes(self, m: re.Match) -> set[str] | None:
        """The rules a directive names (by code or by name, as markdownlint allows), None for
        every rule when it names none.  A word that names no rule ("CL1O7", "cl107", "XYZ")
        disables nothing: it is remembered, to be reported, and a directive naming only such
        words disables no rule at all."""
        from ..rules.catalog import RULES, RULES_BY_NAME

        words = list(_WORD.finditer(m.group(2)))
        if not words:
            return None
        codes: set[str] = set()
        for w in words:
            word = w.group()
            if word in RULES:
                codes.add(word)
            elif word in RULES_BY_NAME:
                codes.add(RULES_BY_NAME[word].code)
            else:
                self.unknown.append((m.start(2) + w.start(), m.start(2) + w.end(), word))
        return codes

    def _add_line(self, line: int, codes: set[str] | None) -> None:
        if line in self._lines and (self._lines[line] is None or codes is None):
            self._lines[line] = None
        elif line in self._lines:
            self._lines[line] |= codes
        else:
            self._lines[line] = codes

    def covers(self, code: str, line: int) -> bool:
        if line in self._lines:
            codes = self._lines[line]
            if codes is None or code in codes:
                return True
        if not self._ranges:
            return False
        if self._covered is None:
            self._covered = _merged(self._ranges)
        return any(_in(self._covered.get(key), line) for key in (code, None))


def _merged(ranges: list[tuple[int, int, frozenset[str] | None]]) -> dict[str | None, tuple[list[int], list[int]]]:
    """For each code (None: every rule), the lines the ranges cover, as sorted disjoint
    intervals: their first lines and their last lines."""
    by_code: dict[str | None, list[tuple[int, int]]] = {}
    for start, end, codes in ranges:
        for code in (None,) if codes is None else codes:
            by_code.setdefault(code, []).append((start, end))
    merged = {}
    for code, spans in by_code.items():
        firsts: list[int] = []
        lasts: list[int] = []
        for start, end in sorted(spans):
            if lasts and start <= lasts[-1] + 1:
                lasts[-1] = max(lasts[-1], end)
            else:
                firsts.append(start)
                lasts.append(end)
        merged[code] = (firsts, lasts)
    return merged


def _in(intervals: tuple[list[int], list[int]] | None, line: int) -> bool:
    if intervals is None:
        return False
    firsts, lasts = intervals
    i = bisect_right(firsts, line) - 1
    return i >= 0 and line <= lasts[i]
