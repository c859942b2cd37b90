"""Placing citations: window-relative templates become citations at their place in the original
text, with lines, columns, the text as written, and the deviations only the original shows
(Ð typed for Đ, a dash typed for a hyphen, a Cyrillic or Greek look-alike)."""

from __future__ import annotations

import re

from ..models import Citation, Deviation, Pinpoint
from ..text.normalize import DASHES, ETH_FOR_D, LOOK_ALIKES
from ..text.offsets import LineIndex, OffsetChain
from .assemble import CitationTemplate
from ..i18n import _

_ETH_RE = re.compile("[" + "".join(ETH_FOR_D) + "]")
_LOOK_ALIKE_RE = re.compile("[" + "".join(LOOK_ALIKES) + "]")
_DASH_RE = re.compile(f"[{DASHES}]")
# Any of the above: what the normalised text no longer shows and the original does.
_MARKS_RE = re.compile("[" + "".join(ETH_FOR_D) + DASHES + "".join(LOOK_ALIKES) + "]")


class Placer:
    """Turns window-relative templates into citations at their place in the original text."""

    def __init__(self, original: str, chain: OffsetChain, lines: LineIndex, path: str | None) -> None:
        self.original = original
        self.chain = chain
        self.path = path
        self.lines = lines
        self.citations: list[Citation] = []

    def place(self, base: int, templates: tuple[CitationTemplate, ...], pinpoint: tuple[int, Pinpoint] | None = None) -> None:
        """``pinpoint``: where a pinpoint written before the first citation starts (in the
        normalised text), and what it names; the citation's span then starts there."""
        for i, t in enumerate(templates):
            self.citations.append(self._citation(base, t, pinpoint if i == 0 else None))

    def _citation(self, base: int, t: CitationTemplate, pinpoint: tuple[int, Pinpoint] | None = None) -> Citation:
        original = self.original
        span = self.chain.span_to_source
        start, end = span(base + t.start, base + t.end)
        extra = {}
        if pinpoint is not None:
            start = self.chain.to_source(pinpoint[0], "start")
            extra["pinpoint"] = pinpoint[1]
        devs = []
        for d in t.deviations:
            a, b = span(base + d.start, base + d.end)
            if d.start == d.end:
                b = a
            devs.append(Deviation(code=d.code, message=d.message, start=a, end=b, found=original[a:b], replacement=d.replacement))
        if _MARKS_RE.search(original, start, end):  # rare: one search of the citation's own span
            self._marks_in_original(base, t, start, end, devs)
        if len(devs) > 1:
            devs.sort(key=lambda x: (x.start, x.end, x.code))
        return Citation(
            **t.fields,
            **extra,
            **self.lines.span(start, end),
            text=original[start:end],
            deviations=tuple(devs),
            path=self.path,
        )

    def _marks_in_original(self, base: int, t: CitationTemplate, start: int, end: int, devs: list) -> None:
        """Ð typed for Đ and Cyrillic or Greek look-alikes anywhere in the citation, and a dash
        typed for a hyphen in its symbol or date: the normalised text no longer shows them, the
        original does."""
        original = self.original
        for m in _ETH_RE.finditer(original, start, end):
            c = m.group()
            devs.append(Deviation(code="eth-for-d", message=_("{char} (U+{code}) typed for {meant}").format(char=repr(c), code=f"{ord(c):04X}", meant=repr(ETH_FOR_D[c])),
                                       start=m.start(), end=m.end(), found=c, replacement=ETH_FOR_D[c]))
        for m in _LOOK_ALIKE_RE.finditer(original, start, end):
            c = m.group()
            script = _("Cyrillic") if "\u0400" <= c <= "\u04ff" else _("Greek")
            message = _("{char} ({script}, U+{code}) typed for the Latin {meant}").format(
                char=repr(c), script=script, code=f"{ord(c):04X}", meant=repr(LOOK_ALIKES[c]))
            devs.append(Deviation(code="look-alike", message=message,
                                       start=m.start(), end=m.end(), found=c, replacement=LOOK_ALIKES[c]))
        for s, e in t.hyphen_spans:
            a, b = self.chain.span_to_source(base + s, base + e)
            for m in _DASH_RE.finditer(original, a, b):
                devs.append(Deviation(code="dash", message=_("U+{code} used as a hyphen").format(code=f"{ord(m.group()):04X}"),
                                           start=m.start(), end=m.end(), found=m.group(), replacement="-"))

