"""Finding citations in a text: scan → parse → assemble → place (:mod:`.place`), every
position in the original's terms.

``extract(text)`` is the library call; :func:`extract_prepared` does the work on a
:class:`~citelint.text.prepared.PreparedText` that other stages read too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import LoadError
from ..gcpause import cyclic_gc_paused
from ..models import Citation
from ..text.files import Document, load_document
from ..text.prepared import PreparedText
from .assemble import assemble, is_list_context, needs_list_context
from .parse import WINDOW_LIMIT, parse_window, parse_window_cached
from .place import Placer
from .scan import candidate_starts

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
    placer = Placer(prepared.original, prepared.to_original, prepared.lines, path)
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
