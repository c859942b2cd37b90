"""The data that flows between stages: records (:mod:`citelint.records`), no behaviour beyond formatting."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from .records import Record, to_json

Kind = Literal["party", "state", "law", "short", "named"]

#: What the extractor can find amiss in how a citation is written.  Each code is reported by one
#: CL1xx rule, which declares it (:attr:`citelint.rules.catalog.Rule.deviations`).
DeviationCode = Literal[
    "unparsed-symbol",
    "invalid-date",
    "party-number-state-separators",
    "missing-issuer",
    "symbol-spacing",
    "missing-space",
    "issuer-spelling",
    "type-code-spelling",
    "eth-for-d",
    "dash",
    "look-alike",
    "arabic-term",
    "incomplete-symbol",
]


class Deviation(Record):
    """Something in a citation that differs from the canonical way of writing it.

    ``start``/``end`` locate it in the original text; ``replacement``, when set, is a safe fix:
    writing it in place of ``[start, end)`` gives the canonical form (an empty span inserts).
    """

    code: DeviationCode
    message: str
    start: int
    end: int
    found: str
    replacement: str | None = None


class Pinpoint(Record):
    """The part of a document a citation names with it: article (Điều), clause (khoản), point
    (điểm), as written ("5", "2", "a")."""

    article: str | None = None
    clause: str | None = None
    point: str | None = None


class Citation(Record):
    """One citation found in a text.

    Offsets are Unicode code points into the decoded original text (end exclusive); lines and
    columns are 1-based.  ``number`` keeps leading zeros as written.  ``issuer_code`` is
    canonical ("TW" for "TƯ"); ``type_name`` is the type word in the text when there is one,
    else the type a code unambiguously names (None for "QĐ", which is two types).
    """

    kind: Kind
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    symbol: str | None = None
    type_name: str | None = None
    type_word: str | None = None
    type_code: str | None = None
    number: str | None = None
    year: int | None = None
    issuer_code: str | None = None
    issuer_text: str | None = None
    date: dt.date | None = None
    date_text: str | None = None
    term: str | None = None
    plenum: int | None = None
    meeting: Literal["plenum", "congress"] | None = None
    title: str | None = None
    name: str | None = None  # a law's, code's or ordinance's name as written ("đất đai")
    canonical_name: str | None = None  # the document's name as its title spells it ("Luật Đất đai")
    pinpoint: Pinpoint | None = None  # "điểm a khoản 2 Điều 5" written before it (the span covers it)
    coordinated: bool = False
    deviations: tuple[Deviation, ...] = ()
    path: str | None = None

    def record(self) -> dict:
        """A JSON-ready dict (dates as ISO strings)."""
        return to_json(self)
