"""A validated registry cached by the content of its files and citelint's version, so that
later runs skip reading YAML and validating."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .. import __version__
from ..fs import write_atomically
from ..gcpause import cyclic_gc_paused
from .index import Registry
from .model import Document, Issuer, Meeting, Plenum, ReplacedBy, Term, TermSet

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
        values["replaced_by"] = ReplacedBy(id=rid, effective=dt.date.fromordinal(eff))
    if values["meeting"] is not None:
        kind, number, term = values["meeting"]
        values["meeting"] = Meeting(kind=kind, number=number, term=term)
    for name in ("sources", "co_issuers", "names"):  # JSON has lists; the models hold tuples
        values[name] = tuple(values[name])
    return Document(**values)


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
    return TermSet(id=ts_id, name=name, sources=tuple(sources), terms=tuple(
        Term(name=n, start=dt.date.fromordinal(a), end=dt.date.fromordinal(b) if b is not None else None, sources=tuple(src))
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


def _registry_from_payload(p: dict, sections: dict | None = None) -> Registry:
    """The registry of a cache's payload; ``sections``: the large sections, when they are looked
    up on disk rather than held (an SQLite cache)."""
    term_sets = {t[0]: _term_set_from_plain(t) for t in p["term_sets"]}
    issuers = {t[0]: Issuer(**{k: tuple(v) if isinstance(v, list) else v for k, v in zip(_ISSUER_FIELDS, t)})
               for t in p["issuers"]}
    if sections is None:
        sections = {
            "documents": LazyDocuments(p["documents"]),
            "by_party_symbol": _from_pairs(p["by_party_symbol"]),
            "by_state_symbol": p["by_state_symbol"],
            "by_meeting": _from_pairs(p["by_meeting"]),
            "by_type_number": _from_pairs(p["by_type_number"]),
            "by_name": p["by_name"],
            "replaces": p["replaces"],
            "origin": p["origin"],
        }
    return Registry(
        term_sets=term_sets,
        issuers=issuers,
        plenums={t[0]: Plenum(id=t[0], term=t[1], number=t[2], start=dt.date.fromordinal(t[3]) if t[3] else None,
                                  end=dt.date.fromordinal(t[4]) if t[4] else None, complete=t[5], sources=tuple(t[6]), verified=t[7])
                 for t in p["plenums"]},
        **sections,
    )


# --- a large registry: an on-disk index ---------------------------------------------------------
#
# A registry of tens of thousands of documents would cost every process its whole size to load
# from JSON.  From SQLITE_FROM documents on, the cache is an SQLite file instead: the small
# sections (terms, issuers, plenums) are read at once, each document and index entry when a
# lookup asks for it, so that a check costs what it looks up.  The file is written whole under
# a temporary name and renamed (never changed after), and opened read-only.

SQLITE_FROM = 20_000
_LARGE = ("documents", "by_party_symbol", "by_state_symbol", "by_meeting", "by_type_number", "by_name", "replaces", "origin")
_TUPLE_KEYED = frozenset({"by_party_symbol", "by_meeting", "by_type_number"})


class _Store:
    """A read-only connection to a cached registry's SQLite file, opened in the process that
    uses it (a forked worker opens its own) and carried by path when pickled."""

    def __init__(self, path: Path, rebuild=None) -> None:
        self.path = Path(path)
        self.rebuild = rebuild  # () -> Registry: the registry read from its files, if the cache fails
        self.full: Registry | None = None
        self._db = None
        self._pid = None

    def __getstate__(self) -> dict:
        return {"path": self.path, "rebuild": self.rebuild}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["path"], state["rebuild"])

    def recover(self, error: Exception) -> Registry:
        """The registry as read from its files, after the cache failed at a lookup (a damaged
        page): the rest of the run uses it, the damaged file is removed for the next run."""
        if self.full is None:
            if self.rebuild is None:
                raise error
            try:
                self.path.unlink()
            except OSError:
                pass
            self.full = self.rebuild()
        return self.full

    @property
    def db(self):
        import sqlite3

        if self._db is None or self._pid != os.getpid():
            uri = self.path.resolve().as_uri() + "?mode=ro&immutable=1"
            self._db, self._pid = sqlite3.connect(uri, uri=True, check_same_thread=False), os.getpid()
        return self._db

    def get(self, section: str, key: str) -> str | None:
        row = self.db.execute("SELECT value, crc FROM kv WHERE section=? AND key=?", (section, key)).fetchone()
        if row is None:
            return None
        if _crc(section, key, row[0]) != row[1]:
            raise ValueError(f"{self.path}: a damaged entry ({section} {key})")
        return row[0]

    def keys(self, section: str):
        return [k for (k,) in self.db.execute("SELECT key FROM kv WHERE section=? ORDER BY n", (section,))]


class _Section(Mapping):
    """One large section of a registry cached in SQLite: looked up by key, never loaded whole."""

    def __init__(self, store: _Store, name: str, build=None) -> None:
        self.store, self.name, self.build = store, name, build
        self._tuples = name in _TUPLE_KEYED
        self._memo: dict = {}

    def _key(self, key) -> str:
        return json.dumps(list(key), ensure_ascii=False) if self._tuples else key

    def __getitem__(self, key):
        try:
            return self._memo[key]
        except (KeyError, TypeError):
            pass
        value = self._memo[key] = self._lookup(key)
        return value

    def _lookup(self, key):
        import sqlite3

        if self.store.full is None:
            try:
                raw = self.store.get(self.name, self._key(key)) if isinstance(key, (str, tuple)) else None
                if raw is not None:
                    value = json.loads(raw)
                    return self.build(key, value) if self.build else value
            except (sqlite3.Error, ValueError, TypeError, KeyError) as e:
                self.store.recover(e)  # a damaged entry: the registry read from its files answers
            else:
                raise KeyError(key)
        return getattr(self.store.full, self.name)[key]

    def __contains__(self, key) -> bool:
        try:
            self[key]
        except KeyError:
            return False
        return True

    def __iter__(self):
        import sqlite3

        if self.store.full is None:
            try:
                keys = self.store.keys(self.name)
            except sqlite3.Error as e:
                self.store.recover(e)
            else:
                return (tuple(json.loads(k)) if self._tuples else k for k in keys)
        return iter(getattr(self.store.full, self.name))

    def __len__(self) -> int:
        return sum(1 for _ in self)


def _crc(section: str, key: str, value: str) -> int:
    """Each entry's checksum: a damaged page is found at the lookup that reads it."""
    return zlib.crc32(f"{section}\0{key}\0{value}".encode("utf-8"))


def _sqlite_bytes(payload: dict) -> bytes:
    """The SQLite file of a cache payload, built in memory."""
    import sqlite3

    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE kv (section TEXT, key TEXT, value TEXT, n INTEGER, crc INTEGER, PRIMARY KEY (section, key)) WITHOUT ROWID")
    head = {k: v for k, v in payload.items() if k not in _LARGE}
    rows = [("", "head", json.dumps(head, ensure_ascii=False), 0)]
    for name in _LARGE:
        section = payload[name]
        items = section if isinstance(section, list) else section.items()
        for n, (key, value) in enumerate(items):
            key = json.dumps(list(key), ensure_ascii=False) if name in _TUPLE_KEYED else key
            rows.append((name, key, json.dumps(value, ensure_ascii=False), n))
    db.executemany("INSERT INTO kv VALUES (?, ?, ?, ?, ?)", [(*r, _crc(r[0], r[1], r[2])) for r in rows])
    db.commit()
    data = db.serialize()
    db.close()
    return data


def _read_sqlite(path: Path, rebuild=None) -> Registry | None:
    import sqlite3

    store = _Store(path, rebuild)
    try:
        head = json.loads(store.get("", "head") or "null")
    except (sqlite3.Error, ValueError):
        return None
    if not isinstance(head, dict) or head.get("format") != CACHE_FORMAT:
        return None
    sections = {name: _Section(store, name, _doc_from_plain if name == "documents" else None) for name in _LARGE}
    return _registry_from_payload(head, sections)


def read_cache(key: str, rebuild=None) -> Registry | None:
    """The cached registry of ``key``, or None (a miss).  ``rebuild``: how to read the registry
    from its files should a large (SQLite) cache fail at a lookup."""
    large = cache_dir() / f"registry-{key}.sqlite"
    try:
        if large.is_file():
            return _read_sqlite(large, rebuild)
    except OSError:  # a cache directory this user may not search
        return None
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
        payload = _cache_payload(registry)
        if len(registry.documents) >= SQLITE_FROM:
            write_atomically(directory / f"registry-{key}.sqlite", _sqlite_bytes(payload), root=directory)
            return
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        write_atomically(directory / f"registry-{key}.json", hashlib.sha256(body).hexdigest().encode() + b"\n" + body, root=directory)
    except (OSError, ValueError):
        pass  # a cache that cannot be written only costs time
