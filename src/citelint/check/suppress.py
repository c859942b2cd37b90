"""Inline suppression in the article itself, in markdownlint's syntax."""

from __future__ import annotations

import re

from ..text.prepared import PreparedText

_DIRECTIVE = re.compile(r"<!--\s*citelint-(disable-next-line|disable-line|disable|enable)\b([^>]*?)-->")


class Suppressions:
    """``<!-- citelint-disable-next-line CL201 -->`` and its kin (markdownlint's syntax).

    - ``disable-next-line [CODES]``: the line after the comment;
    - ``disable-line [CODES]``: the comment's own line;
    - ``disable [CODES]`` ... ``enable [CODES]``: every line between.
    Without codes, every rule."""

    def __init__(self, prepared: PreparedText) -> None:
        self._lines: dict[int, set[str] | None] = {}  # line -> codes (None: all)
        self._ranges: list[tuple[int, int, set[str] | None]] = []
        text = prepared.original
        if "citelint-" not in text:
            return
        index = prepared.lines
        open_: list[tuple[int, set[str] | None]] = []
        for m in _DIRECTIVE.finditer(text):
            kind, args = m.group(1), m.group(2)
            codes = set(re.findall(r"CL\d{3}", args)) or None
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
