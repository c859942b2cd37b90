"""What `citelint check` reports: diagnostics, their fixes, and how each citation resolved."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from .models import Citation
from .records import Record, exclude, to_json

Severity = Literal["error", "warning"]


class TextEdit(Record):
    """Replace ``[start, end)`` of the original text (code points) with ``replacement``."""

    start: int
    end: int
    replacement: str


class Fix(Record):
    message: str
    applicability: Literal["safe", "unsafe"] = "safe"
    edits: tuple[TextEdit, ...]


class DocumentRef(Record):
    """A registry document as a report names it."""

    id: str
    symbol: str | None = None
    type: str
    date: dt.date | None = None
    issuer: str  # the issuing body's name ("Bộ Chính trị")
    title: str | None = None
    verified: bool = False


class Resolution(Record):
    """How one citation was matched to the registry.

    ``resolved`` is set when exactly one document fits; ``candidates`` lists the documents
    that fit when several do (or the ones a conflicting citation was compared with)."""

    resolved: DocumentRef | None = None
    candidates: tuple[DocumentRef, ...] = ()
    via: str | None = None  # "symbol", "antecedent", "registry", "plenum", "congress"
    note: str | None = None


class Diagnostic(Record):
    path: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    severity: Severity
    message: str
    help: str | None = None
    fix: Fix | None = None
    citation: Citation | None = None
    resolution: Resolution | None = None

    def record(self) -> dict:
        return to_json(self)


class ArticleContext(Record):
    """What the article is about, as far as resolution needs it, and where that came from."""

    date: dt.date | None = None
    year: int | None = None  # known even when the day is not ("... năm 2018")
    date_source: str | None = None  # "front matter", "header (line 3)", "text (line 3)", "--date", "config"
    # "high": the date comes from what dates the article (--date, front matter, HTML metadata, its
    # header or dateline); "low": a date in its lead, or the year the text mentions most.
    date_confidence: Literal["high", "low"] | None = None
    jurisdiction: str | None = None  # "Hà Nội"
    jurisdiction_source: str | None = None

    @property
    def trusted_date(self) -> dt.date | None:
        """The effective date when the evidence for it is strong, else None: no error rests on a
        weak date."""
        return None if self.date_confidence == "low" else self.effective_date

    @property
    def effective_date(self) -> dt.date | None:
        """The date to resolve against: the date, else the last day of the known year."""
        if self.date is not None:
            return self.date
        if self.year is not None:
            return dt.date(self.year, 12, 31)
        return None


class FileReport(Record):
    """Everything `check` found in one file."""

    path: str
    context: ArticleContext | None = None
    citations: int = 0  # how many citations were found
    resolved: int = 0  # how many of them resolved to one registry document
    documents: tuple[str, ...] = ()  # the registry id of each citation that resolved, in text order
    diagnostics: tuple[Diagnostic, ...] = ()
    # The original text, for code frames; never serialised.  Reports that come back from worker
    # processes or the results cache carry it only where there are findings.
    source: str | None = exclude()

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == "warning")

