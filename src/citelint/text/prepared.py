"""One article's text, prepared once for every stage that reads it.

Extraction, the article's context, inline suppressions and the rules all read the same
:class:`PreparedText`: the text as written, its markup blanked in place, the text for parsing
and its normalised form, the chain of offset maps back to the original, one line index and the
front matter.  Each is computed on first use, once.
"""

from __future__ import annotations

from functools import cached_property

from .markup import FrontMatter, blank_markup, check_markup, decode_entities, front_matter, join_soft_breaks
from .normalize import Normalized, comparable, normalize
from .offsets import LineIndex, OffsetChain, OffsetMap


class PreparedText:
    def __init__(self, original: str, markup: str = "text") -> None:
        check_markup(markup)
        self.original = original  # the decoded text as written: every reported offset is into it
        self.markup = markup  # "text", "markdown" or "html"

    @cached_property
    def front_matter(self) -> FrontMatter:
        """Markdown front matter (empty for other markup)."""
        return front_matter(self.original) if self.markup == "markdown" else FrontMatter()

    @cached_property
    def layout(self) -> str:
        """Markup blanked with spaces: the same length as the original, every character of text
        at its place (for HTML, block tags become line breaks and source line breaks spaces)."""
        return blank_markup(self.original, self.markup)

    @cached_property
    def _parse(self) -> tuple[str, OffsetMap]:
        if self.markup == "html":
            return decode_entities(self.layout)
        if self.markup == "markdown":
            return decode_entities(join_soft_breaks(self.layout, self.original))
        return self.original, OffsetMap()

    @property
    def parse_text(self) -> str:
        """The layout with soft line breaks of Markdown joined and entities decoded (what is
        normalised for the grammar)."""
        return self._parse[0]

    @property
    def markup_map(self) -> OffsetMap:
        """Positions in :attr:`parse_text` back to the original."""
        return self._parse[1]

    def visible_head(self, length: int) -> tuple[str, OffsetMap]:
        """The text a reader sees, line by line, of the first ``length`` characters of the
        original, and the map of its positions to the original: the parse text for HTML (whose
        lines come from its tags), else the layout (the lines as written).  Taken from the whole
        text's when that was prepared already; else only the head is prepared."""
        if self.markup == "html":
            if "_parse" in self.__dict__:
                return self._parse
            return decode_entities(blank_markup(self.original[:length], "html"))
        if "layout" in self.__dict__:
            return self.layout[:length], OffsetMap()
        return blank_markup(self.original[:length], self.markup), OffsetMap()

    @cached_property
    def comparable(self) -> str:
        """The original in NFC with Đ for Ð: the same lines and the markup kept, for matching
        names in it."""
        return comparable(self.original)

    @cached_property
    def normalized(self) -> Normalized:
        """What the grammar reads: the parse text in NFC, with Đ for Ð, plain dashes and spaces,
        and, in plain text, its hard line wraps joined (see :mod:`citelint.text.normalize`)."""
        return normalize(self.parse_text, join_wraps=self.markup == "text")

    @cached_property
    def to_original(self) -> OffsetChain:
        """Positions in the normalised text back to the original."""
        return OffsetChain([self.markup_map, *self.normalized.offsets.maps])

    @cached_property
    def lines(self) -> LineIndex:
        """Lines and columns of the original."""
        return LineIndex(self.original)
