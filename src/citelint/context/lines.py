"""The first part of an article as the lines a reader sees, numbered as in the original, up to
a trailing list of other articles."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text.normalize import comparable
from ..text.prepared import PreparedText
from .places import OTHER_NEWS_WORDS
from .spelling import spelling_pattern

#: How much of the article is read for its date (headers, the lead, the years it speaks of).
DATE_WINDOW = 50_000
#: HTML is verbose (a <head> of scripts and styles): a larger window of markup.
HTML_DATE_WINDOW = 300_000
DATE_WINDOW_LINES = 2_000
HEADER_LINES = 15
HTML_HEADER_LINES = 60
LEAD_LINES = 30


@dataclass
class Line:
    number: int  # 1-based line in the original text
    offset: int  # where it starts in the original text
    text: str  # NFC, markup removed


def visible_lines(prepared: PreparedText) -> list[Line]:
    """The first part of the article as lines a reader sees (NFC, Đ for Ð), numbered as in the
    original: for HTML the non-blank lines the tags make, within the first HTML_DATE_WINDOW
    characters of markup and DATE_WINDOW of text; else every line of the first DATE_WINDOW
    characters after the front matter (Markdown punctuation blanked)."""
    html = prepared.markup == "html"
    text, to_original = prepared.visible_head(HTML_DATE_WINDOW if html else DATE_WINDOW)
    index = prepared.lines
    lines: list[Line] = []
    if html:
        budget = DATE_WINDOW  # of visible text
        pos = 0
        while len(lines) < DATE_WINDOW_LINES and budget > 0 and pos <= len(text):
            src = to_original.to_source(pos)
            if src >= HTML_DATE_WINDOW:
                break
            end = text.find("\n", pos)
            end = len(text) if end < 0 else end
            raw = text[pos:end]
            if raw.strip():
                visible = raw[:budget]
                budget -= len(visible)
                lines.append(Line(index.line(src), src, comparable(visible)))
            pos = end + 1
        return lines
    window = text[:DATE_WINDOW]
    offset = 0
    for i, raw in enumerate(window.split("\n", DATE_WINDOW_LINES)[:DATE_WINDOW_LINES]):
        if i >= prepared.front_matter.lines:
            lines.append(Line(i + 1, offset, comparable(raw.rstrip("\r"))))
        offset += len(raw) + 1
    return lines


_OTHER_NEWS_LINE = re.compile(
    r"[ \t•*#>\-]*(?:" + "|".join(spelling_pattern(w) for w in sorted(OTHER_NEWS_WORDS, key=len, reverse=True)) + r")[ \t:.]*",
    re.IGNORECASE,
)


def _is_trailing(offset: int, length: int) -> bool:
    """A section marker ends the article only past its first quarter (not a box in the lead)."""
    return offset >= length // 4


def cut_lines(lines: list[Line], length: int) -> list[Line]:
    for i, line in enumerate(lines):
        text = line.text.strip()
        if text and _is_trailing(line.offset, length) and _OTHER_NEWS_LINE.fullmatch(text):
            return lines[:i]
    return lines


