"""Finding citations in a text: scan → parse → assemble → place (:mod:`.place`), every
position in the original's terms.

``extract(text)`` is the library call; :func:`extract_prepared` does the work on a
:class:`~citelint.text.prepared.PreparedText` that other stages read too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import LoadError
from ..gcpause import cyclic_gc_paused
from ..models import Citation, Pinpoint
from ..text.files import Document, load_document
from ..text.prepared import PreparedText
from .assemble import assemble, is_list_context, needs_list_context
from .parse import WINDOW_LIMIT, parse_window, parse_window_cached
from .place import Placer
from .scan import candidate_starts, last_char_before

# How far back to look for the start of a line (for the list context of a plain title); bounded,
# so that a text that is one long line does not make every look-back scan to its start.
_LINE_LOOKBACK = 2000
# A form or template names its code like a document's number ("Mẫu số 02-TC", "MẪU SỐ 03-TT").
# A bill is named like the law it will be: "dự thảo Luật ...", "Dự án Luật ...", "dự Luật ...".
_DRAFT_BEFORE = re.compile(r"(?<![^\W\d_])(?:[Dd]ự(?:[ \t]+(?:thảo|án))?|DỰ(?:[ \t]+(?:THẢO|ÁN))?)[ \t]*\Z")
_FORM_WORD_BEFORE = re.compile(r"(?<![^\W\d_])(?:[Mm]ẫu|MẪU|[Bb]iểu|BIỂU)[ \t]*\Z")
# Between two items of a list: "(sửa đổi), ", " và ", ", và " (after a name that may end in
# "VN" or "Việt Nam", which a listed name leaves out).
_NEXT_IN_LIST = re.compile(r"(?:[ \t]+(?:VN|Việt[ \t]+Nam))?(?:[ \t]*\([^()\n]{1,30}\))?[ \t]*(?:,|;|và|hoặc|,[ \t]*và)[ \t]*")
# The name of an attached file: the text from the candidate runs, within its clause, to a file
# extension ("Phụ lục kèm theo Thông tư 19-2018-TT-BNNPTNT.docx", "PL TT 343.2016.doc").
_FILE_NAME = re.compile(r"(?:[^\n,;:.]|\.(?=\S)){0,120}?\.(?:docx?|pdf|xlsx?|rar|zip|rtf|odt)(?![^\W\d_])", re.I)
# The label of an annex or a form after the number ("NĐ 143 - PL I", "NĐ 49 - Mẫu 1").
_LABEL_AFTER = re.compile(r"[ \t]*-[ \t]*(?:PL|Phụ[ \t]+lục|PHỤ[ \t]+LỤC|Mẫu|MẪU|Biểu|BIỂU)(?:[ \t]+(?:số[ \t]*)?(?:[IVXLC]+|\d+))?(?![^\W\d_])")


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
    bill_end = -100  # where the last bill read ("dự thảo Luật ...") ends
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
        if raws[0].form == "law" and start <= bill_end + 40 and _NEXT_IN_LIST.fullmatch(text, bill_end, start):
            bill_end = start + raws[0].end
            continue  # "dự án Luật Đất đai (sửa đổi), Luật Nhà ở và Luật ...": bills, all of them
        if raws[0].form in ("untyped", "law") and last_char_before(text, start).isalpha():
            before = _FORM_WORD_BEFORE if raws[0].form == "untyped" else _DRAFT_BEFORE
            if before.search(text, max(0, start - 16), start):
                if raws[0].form == "law":
                    bill_end = start + raws[0].end
                continue  # "Mẫu số 02-TC": a form's code; "dự thảo Luật Đất đai": a bill
        if _names_a_file_or_label(window, raws[0]):
            continue
        list_context = needs_list_context(raws) and is_list_context(_line_before(text, start))
        templates, reach = assemble(window, capped, list_context)
        if templates:
            placer.place(start, templates, _pinpoint_before(text, start, consumed))
            consumed = start + reach
    return placer.citations


def _names_a_file_or_label(window: str, raw) -> bool:
    """The candidate is part of an attached file's name, or the number is an annex's or a
    form's label, not a document's."""
    if "." in window and _FILE_NAME.match(window):
        return True
    return raw.number is not None and _LABEL_AFTER.match(window, raw.number.end) is not None


# A pinpoint written before a citation: "điểm a khoản 2 Điều 5", "Điều 12, khoản 3", "khoản 4 và 5
# Điều 24", "Điều 52 của" (the words run back from the citation to the pinpoint's first word).
_PINPOINT_BEFORE = re.compile(
    r"(?:(?:[Đđ]iểm[ \t]+(?P<p1>[a-zđ])\)?[ \t]*,?[ \t]*)?(?:[Kk]hoản[ \t]+(?P<c1>\d+)(?:[ \t]*(?:,|và)[ \t]*(?:khoản[ \t]+)?\d+)*[ \t]*,?[ \t]*)?"
    r"Điều[ \t]+(?P<a>\d+[a-z]?)(?:[ \t]*(?:,|và)[ \t]*(?:Điều[ \t]+)?\d+)*"
    r"(?:[ \t]*,?[ \t]*[Kk]hoản[ \t]+(?P<c2>\d+))?(?:[ \t]*,?[ \t]*[Đđ]iểm[ \t]+(?P<p2>[a-zđ]))?)"
    r"[ \t]*,?[ \t]*(?:của[ \t]+)?\Z"
)


_PINPOINT_WORD = re.compile(r"(?<![^\W\d_])(?:[Đđ]iểm|[Kk]hoản|Điều)[ \t]")


def _pinpoint_before(text: str, start: int, consumed: int) -> tuple[int, Pinpoint] | None:
    """A pinpoint just before ``start`` (not inside an earlier citation), with where it starts."""
    lo = max(consumed, start - 120, text.rfind("\n", max(0, start - 120), start) + 1)
    if text.find("iều", lo, start) < 0:  # no "Điều" just before: the usual case, answered at once
        return None
    for w in _PINPOINT_WORD.finditer(text, lo, start):  # where a pinpoint may begin, leftmost first
        m = _PINPOINT_BEFORE.match(text, w.start(), start)
        if m is not None:
            return m.start(), Pinpoint(article=m.group("a"), clause=m.group("c1") or m.group("c2"),
                                           point=m.group("p1") or m.group("p2"))
    return None


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
