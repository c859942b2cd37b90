"""A validated registry cached by the content of its files and citelint's version, so that
later runs skip reading YAML and validating."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .. import __version__
from ..fs import write_atomically
from ..gcpause import cyclic_gc_paused
from .index import Registry
from .model import (
    Document,
    TermSet,
    new_document,
    new_issuer,
    new_meeting,
    new_plenum,
    new_replaced_by,
    new_term,
    new_term_set,
)

CACHE_FORMAT = 9


def cache_dir() -> Path:
    env = os.environ.get("CITELINT_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "citelint"


def cache_key(contents: list[tuple[str, bytes]]) -> str:
    h = hashlib.sha256()
    h.update(f"citelint {__version__} registry cache {CACHE_FORMAT}\n".encode())
    for path, data in contents:
        h.update(os.path.basename(path).encode() + b"\0" + len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


# The cache holds plain values as JSON (data only: nothing in it can run code when read, unlike
# pickle or marshal), and documents become models only when a check asks for them: a check touches a
# handful of a registry's documents, and building 100,000 models took most of a load.

_DOC_FIELDS = ("type", "number", "symbol", "issuer", "date", "term", "title", "status", "replaced_by", "meeting",
               "sources", "verified", "notes", "evidence", "co_issuers", "effective", "names")


def _doc_to_plain(d: Document) -> tuple:
    return (
        d.type, d.number, d.symbol, d.issuer, d.date.toordinal() if d.date else None, d.term, d.title, d.status,
        (d.replaced_by.id, d.replaced_by.effective.toordinal()) if d.replaced_by else None,
        (d.meeting.kind, d.meeting.number, d.meeting.term) if d.meeting else None,
        tuple(d.sources), d.verified, d.notes, _plain(d.evidence),
        tuple(d.co_issuers), d.effective.toordinal() if d.effective else None, tuple(d.names),
    )


def _plain(value: Any) -> Any:
    """Dicts, lists and scalars only (JSON's types)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _doc_from_plain(doc_id: str, t: tuple) -> Document:
    values = dict(zip(_DOC_FIELDS, t))
    values["id"] = doc_id
    if values["date"] is not None:
        values["date"] = dt.date.fromordinal(values["date"])
    if values["effective"] is not None:
        values["effective"] = dt.date.fromordinal(values["effective"])
    if values["replaced_by"] is not None:
        rid, eff = values["replaced_by"]
        values["replaced_by"] = new_replaced_by(id=rid, effective=dt.date.fromordinal(eff))
    if values["meeting"] is not None:
        kind, number, term = values["meeting"]
        values["meeting"] = new_meeting(kind=kind, number=number, term=term)
    for name in ("sources", "co_issuers", "names"):  # JSON has lists; the models hold tuples
        values[name] = tuple(values[name])
    return new_document(**values)


class LazyDocuments(Mapping):
    """Documents by id, each built from its cached values when first asked for."""

    def __init__(self, plain: dict[str, tuple]) -> None:
        self._plain = plain
        self._built: dict[str, Document] = {}

    def __getitem__(self, doc_id: str) -> Document:
        doc = self._built.get(doc_id)
        if doc is None:
            doc = self._built[doc_id] = _doc_from_plain(doc_id, self._plain[doc_id])
        return doc

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._plain

    def __iter__(self):
        return iter(self._plain)

    def __len__(self) -> int:
        return len(self._plain)


def _term_set_plain(ts: TermSet) -> tuple:
    return (ts.id, ts.name, tuple((t.name, t.start.toordinal(), t.end.toordinal() if t.end else None, tuple(t.sources)) for t in ts.terms),
            tuple(ts.sources))


def _term_set_from_plain(t: tuple) -> TermSet:
    ts_id, name, terms, sources = t
    return new_term_set(id=ts_id, name=name, sources=tuple(sources), terms=tuple(
        new_term(name=n, start=dt.date.fromordinal(a), end=dt.date.fromordinal(b) if b is not None else None, sources=tuple(src))
        for n, a, b, src in terms))


_ISSUER_FIELDS = ("id", "kind", "name", "aliases", "codes", "jurisdiction", "numbering", "terms", "sources")


def _cache_payload(reg: Registry) -> dict:
    return {
        "format": CACHE_FORMAT,
        "term_sets": [_term_set_plain(ts) for ts in reg.term_sets.values()],
        "issuers": [tuple(getattr(i, f) for f in _ISSUER_FIELDS) for i in reg.issuers.values()],
        "documents": {d.id: _doc_to_plain(d) for d in reg.documents.values()},
        "by_party_symbol": _pairs(reg.by_party_symbol),
        "by_state_symbol": reg.by_state_symbol,
        "by_meeting": _pairs(reg.by_meeting),
        "by_type_number": _pairs(reg.by_type_number),
        "by_name": reg.by_name,
        "replaces": reg.replaces,
        "origin": reg.origin,
        "plenums": [(q.id, q.term, q.number, q.start.toordinal() if q.start else None, q.end.toordinal() if q.end else None,
                     q.complete, tuple(q.sources), q.verified) for q in reg.plenums.values()],
    }


def _pairs(index: dict) -> list:
    """An index keyed by tuples, as JSON can hold it: [[key...], value] pairs."""
    return [[list(k), v] for k, v in index.items()]


def _from_pairs(pairs: list) -> dict:
    return {tuple(k): v for k, v in pairs}


def _registry_from_payload(p: dict) -> Registry:
    term_sets = {t[0]: _term_set_from_plain(t) for t in p["term_sets"]}
    issuers = {t[0]: new_issuer(**{k: tuple(v) if isinstance(v, list) else v for k, v in zip(_ISSUER_FIELDS, t)})
               for t in p["issuers"]}
    return Registry(
        term_sets=term_sets,
        issuers=issuers,
        documents=LazyDocuments(p["documents"]),
        by_party_symbol=_from_pairs(p["by_party_symbol"]),
        by_state_symbol=p["by_state_symbol"],
        by_meeting=_from_pairs(p["by_meeting"]),
        by_type_number=_from_pairs(p["by_type_number"]),
        by_name=p["by_name"],
        replaces=p["replaces"],
        origin=p["origin"],
        plenums={t[0]: new_plenum(id=t[0], term=t[1], number=t[2], start=dt.date.fromordinal(t[3]) if t[3] else None,
                                  end=dt.date.fromordinal(t[4]) if t[4] else None, complete=t[5], sources=tuple(t[6]), verified=t[7])
                 for t in p["plenums"]},
    )


def read_cache(key: str) -> Registry | None:
    path = cache_dir() / f"registry-{key}.json"
    try:
        with cyclic_gc_paused():
            # The first line is the SHA-256 of the rest: a cache damaged in any way (cut short
            # by a full disk, a flipped bit, an edit) is a miss and is built again, never a
            # registry that fails on the first lookup of what was damaged.
            digest, _, body = path.read_bytes().partition(b"\n")
            if hashlib.sha256(body).hexdigest().encode() != digest:
                return None
            payload = json.loads(body)
            if not isinstance(payload, dict) or payload.get("format") != CACHE_FORMAT:
                return None
            return _registry_from_payload(payload)
    except (OSError, EOFError, ValueError, TypeError, KeyError):
        return None


def write_cache(key: str, registry: Registry) -> None:
    """Atomic: safe when several processes build the same cache at once."""
    directory = cache_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        body = json.dumps(_cache_payload(registry), ensure_ascii=False).encode("utf-8")
        write_atomically(directory / f"registry-{key}.json", hashlib.sha256(body).hexdigest().encode() + b"\n" + body, root=directory)
    except (OSError, ValueError):
        pass  # a cache that cannot be written only costs time
