"""Maps between positions in a derived text and positions in the text it was made from.

Every stage that changes the text (markup stripping, entity decoding, Unicode normalisation)
records its changes as *edits*: a span of the source replaced by a string.  An
:class:`OffsetMap` built from those edits turns any position in the result back into a position
in the source, so that a citation found in normalised text points at the exact characters the
user wrote.  Positions are Unicode code points; ends are exclusive.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Iterable, Sequence


@dataclass(frozen=True)
class Edit:
    """Source span ``[start, end)`` replaced by ``replacement``."""

    start: int
    end: int
    replacement: str


@dataclass
class OffsetMap:
    """Result position → source position, for a text made by applying edits to a source.

    Positions outside every edit move by the accumulated length difference; a position strictly
    inside a replaced span maps to the start of the source span (``side="start"``) or its end
    (``side="end"``), so that a mapped span always covers whole source characters.
    """

    # Parallel sorted lists, one entry per edit: where it starts and ends in the result and in
    # the source.
    _res_starts: list[int] = field(default_factory=list)
    _res_ends: list[int] = field(default_factory=list)
    _src_starts: list[int] = field(default_factory=list)
    _src_ends: list[int] = field(default_factory=list)

    @property
    def is_identity(self) -> bool:
        return not self._res_starts

    def to_source(self, pos: int, side: str = "start") -> int:
        i = bisect_right(self._res_starts, pos) - 1
        if i < 0:
            return pos
        res_start, res_end = self._res_starts[i], self._res_ends[i]
        if pos >= res_end:
            return self._src_ends[i] + (pos - res_end)
        if pos == res_start:
            return self._src_starts[i]
        return self._src_starts[i] if side == "start" else self._src_ends[i]

    def span_to_source(self, start: int, end: int) -> tuple[int, int]:
        return self.to_source(start, "start"), self.to_source(end, "end")


def apply_edits(text: str, edits: Iterable[Edit]) -> tuple[str, OffsetMap]:
    """Apply non-overlapping edits (sorted by start) to ``text``; return the result and its map."""
    pieces: list[str] = []
    omap = OffsetMap()
    src_pos = 0
    res_pos = 0
    for e in edits:
        if e.start < src_pos:
            raise ValueError(f"overlapping edits at {e.start}")
        pieces.append(text[src_pos : e.start])
        res_pos += e.start - src_pos
        if e.end - e.start == len(e.replacement) and text[e.start : e.end] == e.replacement:
            src_pos = e.end
            res_pos += len(e.replacement)
            pieces.append(e.replacement)
            continue
        omap._res_starts.append(res_pos)
        omap._src_starts.append(e.start)
        pieces.append(e.replacement)
        res_pos += len(e.replacement)
        omap._res_ends.append(res_pos)
        omap._src_ends.append(e.end)
        src_pos = e.end
    pieces.append(text[src_pos:])
    return "".join(pieces), omap


@dataclass
class OffsetChain:
    """Maps composed in order: the last stage's positions back to the first stage's source."""

    maps: Sequence[OffsetMap] = ()

    def __post_init__(self) -> None:
        self.maps = [m for m in self.maps if not m.is_identity]

    def to_source(self, pos: int, side: str = "start") -> int:
        for m in reversed(self.maps):
            pos = m.to_source(pos, side)
        return pos

    def span_to_source(self, start: int, end: int) -> tuple[int, int]:
        if not self.maps:
            return start, end
        return self.to_source(start, "start"), self.to_source(end, "end")


class LineIndex:
    """1-based line and column of positions in a text (lines end at "\\n").

    Positions are usually asked for in increasing order (citations in text order), so the index
    remembers the last answer and counts newlines only in the gap since then; a position
    before the last one is found by bisection in the table of line starts, built once.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._pos = 0
        self._line = 1
        self._line_start = 0
        self._starts: list[int] | None = None

    def line_col(self, pos: int) -> tuple[int, int]:
        text = self._text
        if pos < self._pos:
            starts = self.line_starts
            i = bisect_right(starts, pos) - 1
            return i + 1, pos - starts[i] + 1
        newlines = text.count("\n", self._pos, pos)
        if newlines:
            self._line += newlines
            self._line_start = text.rfind("\n", self._pos, pos) + 1
        self._pos = pos
        return self._line, pos - self._line_start + 1

    def line(self, pos: int) -> int:
        return self.line_col(pos)[0]

    def span(self, start: int, end: int) -> dict[str, int]:
        """The position fields of a span, as citations and diagnostics carry them."""
        line, column = self.line_col(start)
        end_line, end_column = self.line_col(end)
        return {"start": start, "end": end, "line": line, "column": column, "end_line": end_line, "end_column": end_column}

    @property
    def line_starts(self) -> list[int]:
        """Where each line starts (index 0: line 1)."""
        if self._starts is None:
            text = self._text
            starts = [0]
            i = text.find("\n")
            while i >= 0:
                starts.append(i + 1)
                i = text.find("\n", i + 1)
            self._starts = starts
        return self._starts
