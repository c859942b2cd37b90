"""The registry's entries: term sets, issuers, documents and plenums, as records.

What a registry file may say is declared here, with the records: the field types, and the
checks (:data:`CHECKS`) that :mod:`citelint.registry.validate` applies when it reads a file.
A registry read from its cache is not validated again."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Callable, Literal

from .. import vocabulary as v
from ..i18n import _
from ..records import Record
from .source import UnquotedDate

_ID = r"^[a-z0-9][a-z0-9._-]*$"
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


_MAX_NUMBER = 12  # characters: "12345" is long for a document number; past this, not one


def _short(value: Any) -> Any:
    """A value as an error message quotes it: a long text cut (a 5,000-digit "date" is not
    worth 5,000 characters of message)."""
    return value[:40] + "…" if isinstance(value, str) and len(value) > 40 else value


def _iso_date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    if isinstance(value, UnquotedDate):
        raise ValueError(_('unquoted date {str!r}: write dates as quoted strings, "{value}"').format(str=str(value), value=value))
    if not isinstance(value, str) or not _ISO.match(value):
        raise ValueError(_('not a date in the form "YYYY-MM-DD": {value!r}').format(value=_short(value)))
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(_('no such date: {value!r}').format(value=_short(value))) from None


def _some_source(value: tuple[str, ...], what: str) -> tuple[str, ...]:
    if not value:
        raise ValueError(_('every {what} needs at least one source').format(what=what))
    return value


class Term(Record):
    name: str
    start: dt.date
    end: dt.date | None = None  # None: the current term
    sources: tuple[str, ...] = ()

    def contains(self, date: dt.date) -> bool:
        return self.start <= date and (self.end is None or date <= self.end)


class TermSet(Record):
    id: str
    name: str
    terms: tuple[Term, ...]
    sources: tuple[str, ...] = ()

    def term(self, name: str) -> Term | None:
        return next((t for t in self.terms if t.name == name), None)

    def term_at(self, date: dt.date) -> Term | None:
        return next((t for t in self.terms if t.contains(date)), None)


class Issuer(Record):
    id: str
    kind: Literal["party", "state"]
    name: str
    aliases: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()
    jurisdiction: str | None = None  # None: national
    numbering: Literal["term", "year"]
    terms: str | None = None  # a term set's id
    sources: tuple[str, ...] = ()

    # An issuer numbered per term may lack a term set (one generated from articles before its
    # terms are known): its documents' terms are then not checked against dates.


class ReplacedBy(Record):
    id: str
    effective: dt.date


class Meeting(Record):
    kind: Literal["plenum", "congress"]
    number: int | None = None  # the plenum's number; a congress is known by its term
    term: str


_STATUSES = ("in-force", "replaced", "expired", "superseded", "unknown")


class Document(Record):
    id: str
    type: str
    number: str | None = None
    symbol: str | None = None
    issuer: str
    co_issuers: tuple[str, ...] = ()  # a joint document's other bodies (Thông tư liên tịch)
    date: dt.date | None = None
    effective: dt.date | None = None  # the date it took effect, where a source states it
    term: str | None = None
    title: str | None = None
    names: tuple[str, ...] = ()  # what a law or code is called by ("Luật Đất đai", "Bộ luật Lao động")
    status: Literal["in-force", "replaced", "expired", "superseded", "unknown"] = "unknown"
    replaced_by: ReplacedBy | None = None
    meeting: Meeting | None = None
    sources: tuple[str, ...]
    verified: bool = False
    notes: str | None = None
    # What `citelint registry generate` saw: fact -> value -> the articles (path:line) that
    # state it, and how many distinct articles cite the document with facts.
    evidence: dict[str, Any] | None = None


class Plenum(Record):
    """A plenum (hội nghị) of the Central Committee: its dates and whether the registry lists
    every numbered document it issued (what makes "it issued no Nghị quyết" a fact)."""

    id: str
    term: str
    number: int
    start: dt.date | None = None
    end: dt.date | None = None
    complete: bool = False  # a source lists what it issued, and the registry has all of it
    sources: tuple[str, ...]
    verified: bool = False


def _roman(value: str) -> str:
    if v.roman_to_int(value) is None:
        raise ValueError(_('not a term in Roman numerals: {value!r}').format(value=value))
    return value


def _id(value: str) -> str:
    if not re.match(_ID, value):
        raise ValueError(_("ids are lower case letters, digits, '.', '_' and '-': {value!r}").format(value=value))
    return value


def _type(value: str) -> str:
    if value not in v.TYPE_BY_NAME:
        raise ValueError(_('unknown document type {value!r} (known: {value2})').format(value=value, value2=', '.join(v.TYPE_BY_NAME)))
    return value


def _number(value: Any) -> Any:
    if isinstance(value, int):
        raise ValueError(_('write the number as written, quoted (leading zeros matter): "{value:02d}"').format(value=value))
    if isinstance(value, str) and len(value) > _MAX_NUMBER:
        raise ValueError(_('a document number of {n} characters: at most {most}').format(n=len(value), most=_MAX_NUMBER))
    return value


#: The checks a registry file's entries pass besides their fields' types: per record, per field,
#: ``(mode, check)``: a "before" check sees the value as the file has it, an "after" check the
#: value of the field's type; each returns the value or raises ``ValueError`` with the message.
CHECKS: dict[type, dict[str, tuple[Literal["before", "after"], Callable[[Any], Any]]]] = {
    Term: {"start": ("before", _iso_date), "end": ("before", _iso_date), "name": ("after", _roman)},
    ReplacedBy: {"effective": ("before", _iso_date)},
    Document: {"date": ("before", _iso_date), "effective": ("before", _iso_date), "id": ("after", _id),
               "type": ("after", _type), "sources": ("after", lambda value: _some_source(value, "document")),
               "number": ("before", _number)},
    Plenum: {"start": ("before", _iso_date), "end": ("before", _iso_date),
             "sources": ("after", lambda value: _some_source(value, "plenum"))},
}
