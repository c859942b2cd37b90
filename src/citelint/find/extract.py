"""Finding citations in a text: scan → parse → assemble → place, every position in the
original's terms.

``extract(text)`` is the library call; :func:`extract_prepared` does the work on a
:class:`~citelint.text.prepared.PreparedText` that other stages read too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import LoadError
from ..gcpause import cyclic_gc_paused
from ..models import Citation, Deviation, trusted_constructor
from ..text.files import Document, load_document
from ..text.offsets import LineIndex, OffsetChain
from ..text.prepared import PreparedText
from .assemble import CitationTemplate, assemble, is_list_context, needs_list_context
from .parse import WINDOW_LIMIT, parse_window, parse_window_cached
from .scan import candidate_starts

_ETH = {"Ð": "Đ", "ð": "đ", "Ɖ": "Đ"}
_ETH_RE = re.compile("[" + "".join(_ETH) + "]")
_DASH_RE = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d]")
# How far back to look for the start of a line (for the list context of a plain title); bounded,
# so that a text that is one long line does not make every look-back scan to its start.
_LINE_LOOKBACK = 2000


def clear_caches() -> None:
    """Forget the parsed and assembled windows (a benchmark's cold start)."""
    parse_window_cached.cache_clear()
    assemble.cache_clear()


def extract(text: str, *, markup: str = "text", path: str | None = None) -> list[Citation]:
    """Every citation in ``text``, in order.  ``markup`` is "text", "markdown" or "html"."""
    return extract_prepared(PreparedText(text, markup), path=path)


def extract_prepared(prepared: PreparedText, *, path: str | None = None) -> list[Citation]:
    """Every citation in a prepared text, in order."""
    with cyclic_gc_paused():
        return _extract(prepared, path)


def _extract(prepared: PreparedText, path: str | None) -> list[Citation]:
    placer = _Placer(prepared.original, prepared.to_original, prepared.lines, path)
    text = prepared.normalized.text
    consumed = 0
    for start in candidate_starts(text):
        if start < consumed:
            continue
        # Bounded search: on a text that is one long line, an unbounded find would rescan to
        # the end for every candidate (quadratic).
        window_end = text.find("\n", start, start + WINDOW_LIMIT)
        capped = window_end < 0 and start + WINDOW_LIMIT < len(text)
        if window_end < 0:
            window_end = min(len(text), start + WINDOW_LIMIT)
        window = text[start:window_end]
        raws = parse_window(window)
        if not raws:
            continue
        list_context = needs_list_context(raws) and is_list_context(_line_before(text, start))
        templates, reach = assemble(window, capped, list_context)
        if templates:
            placer.place(start, templates)
            consumed = start + reach
    return placer.citations


def _line_before(text: str, pos: int) -> str:
    lo = max(0, pos - _LINE_LOOKBACK)
    return text[text.rfind("\n", lo, pos) + 1 if text.rfind("\n", lo, pos) >= 0 else lo : pos]


class _Placer:
    """Turns window-relative templates into citations at their place in the original text."""

    def __init__(self, original: str, chain: OffsetChain, lines: LineIndex, path: str | None) -> None:
        self.original = original
        self.chain = chain
        self.path = path
        self.lines = lines
        self.citations: list[Citation] = []
        # Most documents have neither; checking once spares a search per citation.
        self.has_eth = _ETH_RE.search(original) is not None
        self.has_dash = _DASH_RE.search(original) is not None

    def place(self, base: int, templates: tuple[CitationTemplate, ...]) -> None:
        for t in templates:
            self.citations.append(self._citation(base, t))

    def _citation(self, base: int, t: CitationTemplate) -> Citation:
        original = self.original
        span = self.chain.span_to_source
        start, end = span(base + t.start, base + t.end)
        devs = []
        for d in t.deviations:
            a, b = span(base + d.start, base + d.end)
            if d.start == d.end:
                b = a
            devs.append(_new_deviation(code=d.code, message=d.message, start=a, end=b, found=original[a:b], replacement=d.replacement))
        if self.has_eth or self.has_dash:
            self._eth_and_dashes(base, t, start, end, devs)
        if len(devs) > 1:
            devs.sort(key=lambda x: (x.start, x.end, x.code))
        return _new_citation(
            **t.fields,
            **self.lines.span(start, end),
            text=original[start:end],
            deviations=tuple(devs),
            path=self.path,
        )

    def _eth_and_dashes(self, base: int, t: CitationTemplate, start: int, end: int, devs: list) -> None:
        """Ð typed for Đ anywhere in the citation, and a dash typed for a hyphen in its symbol or
        date: the normalised text no longer shows them, the original does."""
        original = self.original
        for m in _ETH_RE.finditer(original, start, end):
            c = m.group()
            devs.append(_new_deviation(code="eth-for-d", message=f"{c!r} (U+{ord(c):04X}) typed for {_ETH[c]!r}",
                                       start=m.start(), end=m.end(), found=c, replacement=_ETH[c]))
        if not self.has_dash:
            return
        for s, e in t.hyphen_spans:
            a, b = self.chain.span_to_source(base + s, base + e)
            for m in _DASH_RE.finditer(original, a, b):
                devs.append(_new_deviation(code="dash", message=f"U+{ord(m.group()):04X} used as a hyphen",
                                           start=m.start(), end=m.end(), found=m.group(), replacement="-"))


_new_citation = trusted_constructor(Citation)
_new_deviation = trusted_constructor(Deviation)


# --- files --------------------------------------------------------------------------------


@dataclass
class FileResult:
    """What reading one file gave: its citations, or why it could not be read."""

    path: str
    citations: list[Citation] = field(default_factory=list)
    error: LoadError | None = None
    encoding: str | None = None
    notes: tuple[str, ...] = ()
    text: str | None = field(default=None, repr=False)  # the decoded original
    markup: str = "text"


def extract_document(doc: Document) -> list[Citation]:
    return extract_prepared(PreparedText(doc.text, doc.markup), path=doc.path)


def extract_file(path: str) -> FileResult:
    """Citations of one file; an unreadable or undecodable file gives a result with ``error``."""
    try:
        doc = load_document(path)
    except LoadError as e:
        return FileResult(path, error=e)
    return FileResult(path, extract_document(doc), encoding=doc.encoding, notes=doc.notes, text=doc.text, markup=doc.markup)
