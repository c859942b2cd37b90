"""What `citelint check` reports: diagnostics, their fixes, and how each citation resolved."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .models import Citation, trusted_constructor

Severity = Literal["error", "warning"]


class TextEdit(BaseModel):
    """Replace ``[start, end)`` of the original text (code points) with ``replacement``."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    start: int
    end: int
    replacement: str


class Fix(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)

    message: str
    applicability: Literal["safe", "unsafe"] = "safe"
    edits: tuple[TextEdit, ...]


class DocumentRef(BaseModel):
    """A registry document as a report names it."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    id: str
    symbol: str | None = None
    type: str
    date: dt.date | None = None
    issuer: str  # the issuing body's name ("Bộ Chính trị")
    title: str | None = None
    verified: bool = False


class Resolution(BaseModel):
    """How one citation was matched to the registry.

    ``resolved`` is set when exactly one document fits; ``candidates`` lists the documents
    that fit when several do (or the ones a conflicting citation was compared with)."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    resolved: DocumentRef | None = None
    candidates: tuple[DocumentRef, ...] = ()
    via: str | None = None  # "symbol", "antecedent", "registry", "plenum", "congress"
    note: str | None = None


class Diagnostic(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)

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
        return self.model_dump(mode="json")


class ArticleContext(BaseModel):
    """What the article is about, as far as resolution needs it, and where that came from."""

    model_config = ConfigDict(frozen=True, defer_build=True)

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


class FileReport(BaseModel):
    """Everything `check` found in one file."""

    model_config = ConfigDict(defer_build=True)

    path: str
    context: ArticleContext | None = None
    citations: int = 0  # how many citations were found
    resolved: int = 0  # how many of them resolved to one registry document
    diagnostics: tuple[Diagnostic, ...] = ()
    # The original text, for code frames; never serialised.  Reports that come back from worker
    # processes or the results cache carry it only where there are findings.
    source: str | None = Field(default=None, exclude=True, repr=False)

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == "warning")


# Trusted constructors (no validation) for the objects `check` builds from already-typed values.
new_diagnostic = trusted_constructor(Diagnostic)
new_fix = trusted_constructor(Fix)
new_text_edit = trusted_constructor(TextEdit)
new_resolution = trusted_constructor(Resolution)
new_document_ref = trusted_constructor(DocumentRef)
new_context = trusted_constructor(ArticleContext)
new_file_report = trusted_constructor(FileReport)
