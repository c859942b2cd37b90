"""Inline suppression in the article itself, in markdownlint's syntax."""

from __future__ import annotations

import re

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
        self._ranges: list[tuple[int, int, set[str] | None]] = []
        self.unknown: list[tuple[int, int, str]] = []  # (start, end, word): words that name no rule
        text = prepared.original
        if "citelint-" not in text:
            return
        index = prepared.lines
        open_: list[tuple[int, set[str] | None]] = []
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
            elif kind == "disable":
                open_.append((line, codes))
            else:  # enable
                still_open = []
                for start, opened in open_:
                    if codes is None or (opened is not None and opened <= codes):
                        self._ranges.append((start, line, opened))
                    else:
                        still_open.append((start, opened))
                open_ = still_open
        for start, opened in open_:
            self._ranges.append((start, 1 << 30, opened))

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
        return any(a <= line <= b and (codes is None or code in codes) for a, b, codes in self._ranges)
