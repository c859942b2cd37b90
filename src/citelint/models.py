"""The data that flows between stages: plain pydantic models, no behaviour beyond formatting."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict

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


def trusted_constructor(model):
    """A constructor for ``model`` from trusted, already-typed values, without validation.

    It does what ``model.model_construct`` does for a complete set of fields, minus the
    per-field bookkeeping.  Models here are declared with ``defer_build``: building a pydantic
    schema costs tens of milliseconds per model at start-up, and a `check` that only constructs
    trusted values never needs one (a JSON dump or a validation builds it on first use).  The
    test suite checks that what this builds equals a validated model."""
    setattr_ = object.__setattr__
    defaults = None
    # A frozen model's set of fields given is never changed in place (pydantic copies it for
    # model_copy), so the objects built with the same fields share one: on a text of 100,000
    # citations that is 100,000 sets fewer.
    shared: dict[tuple, set] | None = {} if model.model_config.get("frozen") else None

    def construct(**fields):
        nonlocal defaults
        if defaults is None:
            defaults = {name: f.default for name, f in model.model_fields.items() if not f.is_required()}
        obj = model.__new__(model)
        setattr_(obj, "__dict__", {**defaults, **fields})
        if shared is None:
            given = set(fields)
        else:
            names = tuple(fields)
            given = shared.get(names)
            if given is None:
                given = shared[names] = set(names)
        setattr_(obj, "__pydantic_fields_set__", given)
        setattr_(obj, "__pydantic_extra__", None)
        setattr_(obj, "__pydantic_private__", None)
        return obj

    return construct


class Deviation(BaseModel):
    """Something in a citation that differs from the canonical way of writing it.

    ``start``/``end`` locate it in the original text; ``replacement``, when set, is a safe fix:
    writing it in place of ``[start, end)`` gives the canonical form (an empty span inserts).
    """

    model_config = ConfigDict(frozen=True, defer_build=True)

    code: DeviationCode
    message: str
    start: int
    end: int
    found: str
    replacement: str | None = None


class Pinpoint(BaseModel):
    """The part of a document a citation names with it: article (Điều), clause (khoản), point
    (điểm), as written ("5", "2", "a")."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    article: str | None = None
    clause: str | None = None
    point: str | None = None


class Citation(BaseModel):
    """One citation found in a text.

    Offsets are Unicode code points into the decoded original text (end exclusive); lines and
    columns are 1-based.  ``number`` keeps leading zeros as written.  ``issuer_code`` is
    canonical ("TW" for "TƯ"); ``type_name`` is the type word in the text when there is one,
    else the type a code unambiguously names (None for "QĐ", which is two types).
    """

    model_config = ConfigDict(frozen=True, defer_build=True)

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
        return self.model_dump(mode="json")
