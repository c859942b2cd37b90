"""The validated registry and the indexes resolution looks documents up by."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Iterable

from .. import vocabulary as v
from .model import Document, Issuer, Plenum, Term, TermSet

_PARTY_SYMBOL = re.compile(r"^(\d+)-([^/\s]+)/(.+)$")


@dataclass
class Registry:
    """Validated registry content and the indexes resolution uses."""

    term_sets: dict[str, TermSet] = field(default_factory=dict)
    issuers: dict[str, Issuer] = field(default_factory=dict)
    documents: Mapping[str, Document] = field(default_factory=dict)
    plenums: dict[str, Plenum] = field(default_factory=dict)
    # (issuer code, type code, number as int) -> document ids: a Party symbol in any term
    by_party_symbol: dict[tuple[str, str, int], list[str]] = field(default_factory=dict)
    # canonical State symbol -> document ids
    by_state_symbol: dict[str, list[str]] = field(default_factory=dict)
    # (meeting kind, plenum number or 0, term) -> document ids
    by_meeting: dict[tuple[str, int, str], list[str]] = field(default_factory=dict)
    # (type name, number as int) -> document ids: for short forms
    by_type_number: dict[tuple[str, int], list[str]] = field(default_factory=dict)
    # a law's or code's name, folded ("luật đất đai") -> document ids, oldest first
    by_name: dict[str, list[str]] = field(default_factory=dict)
    replaces: dict[str, list[str]] = field(default_factory=dict)  # id -> ids it replaced
    # "documents/ID", "issuers/ID", "term_sets/ID" -> the layer the entry comes from
    origin: dict[str, str] = field(default_factory=dict)
    content_key: str = ""  # a hash of the files it was read from (what a results cache depends on)

    # -- lookups ----------------------------------------------------------------------------

    def term_set_of(self, issuer: Issuer) -> TermSet | None:
        return self.term_sets.get(issuer.terms) if issuer.terms else None

    def term_at(self, issuer: Issuer, date: dt.date) -> Term | None:
        ts = self.term_set_of(issuer)
        return ts.term_at(date) if ts else None

    def central_terms(self) -> TermSet | None:
        """The Central Committee's terms (khóa), when the registry has them."""
        return next((t for t in self.term_sets.values() if t.id == "trung-uong"), None)

    def layer_of(self, section: str, entry_id: str) -> str:
        """Where an entry comes from: "built-in" (shipped with citelint) or "project"."""
        return self.origin.get(f"{section}/{entry_id}", "project")

    def plenum(self, term: str, number: int | None) -> Plenum | None:
        """The Central Committee's plenum ``number`` of khóa ``term``, when the registry has it."""
        return next((p for p in self.plenums.values() if p.term == term and p.number == number), None)

    def docs(self, ids: Iterable[str]) -> list[Document]:
        return [self.documents[i] for i in ids]

    def party_symbol(self, code: str, type_code: str, number: int) -> list[Document]:
        return self.docs(self.by_party_symbol.get((code, v.canonical_type_code(type_code), number), ()))

    def state_symbol(self, symbol: str) -> list[Document]:
        return self.docs(self.by_state_symbol.get(symbol, ()))

    def meeting(self, kind: str, number: int | None, term: str) -> list[Document]:
        return self.docs(self.by_meeting.get((kind, number or 0, term), ()))

    def type_number(self, type_name: str, number: int) -> list[Document]:
        return self.docs(self.by_type_number.get((type_name, number), ()))

    def named(self, name: str) -> list[Document]:
        """The documents called ``name`` ("Luật Đất đai"), every version, oldest first."""
        return self.docs(self.by_name.get(v.fold(name), ()))

    # -- building -------------------------------------------------------------------------------

    def build_index(self) -> None:
        for doc in self.documents.values():
            issuer = self.issuers[doc.issuer]
            if doc.symbol:
                m = _PARTY_SYMBOL.match(doc.symbol) if issuer.kind == "party" else None
                if m:
                    key = (m.group(3), v.canonical_type_code(m.group(2)), int(m.group(1)))
                    self.by_party_symbol.setdefault(key, []).append(doc.id)
                else:
                    self.by_state_symbol.setdefault(doc.symbol, []).append(doc.id)
            if doc.meeting:
                key = (doc.meeting.kind, doc.meeting.number or 0, doc.meeting.term)
                self.by_meeting.setdefault(key, []).append(doc.id)
            if doc.number and doc.number.isdigit():
                self.by_type_number.setdefault((doc.type, int(doc.number)), []).append(doc.id)
            if doc.replaced_by:
                self.replaces.setdefault(doc.replaced_by.id, []).append(doc.id)
            for name in doc.names:
                self.by_name.setdefault(v.fold(name), []).append(doc.id)
        for ids in self.by_name.values():
            ids.sort(key=lambda i: (self.documents[i].date or dt.date.max, i))
