"""Code-point offsets ⇄ LSP positions (line, character in the negotiated encoding), with the
LSP's notion of a line: ``\\n``, ``\\r\\n`` or ``\\r``."""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

from lsprotocol import types as lsp

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class TextIndex:
    """Code-point offsets ⇄ LSP positions (line, character in the negotiated encoding) for one
    text.  Lines end at ``\\n``, ``\\r\\n`` or ``\\r``, as the LSP says."""

    def __init__(self, text: str, encoding: str = lsp.PositionEncodingKind.Utf16) -> None:
        self.text = text
        self.encoding = encoding
        starts, ends = [0], []
        for m in _LINE_BREAK.finditer(text):
            ends.append(m.start())
            starts.append(m.end())
        ends.append(len(text))
        self.starts = starts  # where each line starts
        self.ends = ends  # where each line's content ends (before its line break)

    def _units(self, segment: str) -> int:
        if self.encoding == lsp.PositionEncodingKind.Utf32:
            return len(segment)
        if self.encoding == lsp.PositionEncodingKind.Utf8:
            return len(segment.encode("utf-8", "surrogatepass"))
        return len(segment) + len(_ASTRAL.findall(segment))  # UTF-16: astral characters are pairs

    def position(self, offset: int) -> lsp.Position:
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        return lsp.Position(line=line, character=self._units(self.text[start:offset]))

    def range(self, start: int, end: int) -> lsp.Range:
        return lsp.Range(start=self.position(start), end=self.position(end))

    def offset(self, position: lsp.Position) -> int:
        """The code-point offset of a client position; past the end of a line is its end, past
        the last line the end of the text, inside a character that character's start."""
        if position.line < 0:
            return 0
        if position.line >= len(self.starts):
            return len(self.text)
        start, end = self.starts[position.line], self.ends[position.line]
        want = max(0, position.character)
        segment = self.text[start:end]
        if self.encoding == lsp.PositionEncodingKind.Utf32 or (
            self.encoding != lsp.PositionEncodingKind.Utf8 and not _ASTRAL.search(segment)
        ):
            return start + min(want, len(segment))
        units = 0
        for i, ch in enumerate(segment):
            n = self._units(ch)
            if units + n > want:
                return start + i
            units += n
        return end


def apply_change(text: str, change: Any, encoding: str) -> str:
    """One ``TextDocumentContentChangeEvent`` applied to ``text``."""
    rng = getattr(change, "range", None)
    if rng is None:
        return change.text
    index = TextIndex(text, encoding)
    start, end = index.offset(rng.start), index.offset(rng.end)
    if end < start:
        start, end = end, start
    return text[:start] + change.text + text[end:]
