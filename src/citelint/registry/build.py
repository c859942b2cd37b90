"""The registry of known documents: YAML files → validated models → an index for resolution.

Layout: a directory of ``*.yaml`` files, each a mapping with any of three keys:

- ``term_sets``: the terms (khóa) of a Party committee, each with its start and end date;
- ``issuers``: issuing bodies: id, kind (party/state), name and aliases, the codes they write in
  symbols, jurisdiction (null for national bodies), numbering (per term or per year), term set;
- ``documents``: id, type, number, symbol, issuer, date, term, title, status, ``replaced_by``
  (id and the date it took effect), ``meeting`` (the plenum or congress that issued it),
  ``sources`` (where each fact comes from) and ``verified``.

Dates are quoted ISO strings ("2021-07-30").  Every error is reported as file:line:column.

Reading YAML: PyYAML's libyaml composer gives nodes with positions; this module turns them
into values itself, which is how duplicate keys, unquoted dates and impossible dates are
caught with their position instead of crashing the loader.  A validated registry is cached,
keyed by the content of its files and citelint's version, so later runs skip all of this.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import marshal
import os
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from .. import __version__
from .. import vocabulary as v
from ..gcpause import cyclic_gc_paused
from ..models import trusted_constructor

_ID = r"^[a-z0-9][a-z0-9._-]*$"
_ROMAN = r"^[IVXLC]+$"
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
CACHE_FORMAT = 3


# --- reading YAML with positions ------------------------------------------------------------


class UnquotedDate(str):
    """A plain YAML scalar that YAML would read as a timestamp: dates must be quoted."""


class YMap(dict):
    """A mapping that remembers where it and each of its keys were written (0-based)."""

    __slots__ = ("mark", "key_marks")


class YList(list):
    __slots__ = ("mark", "item_marks")


@dataclass
class RegistryError:
    path: str
    line: int  # 1-based
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class RegistryInvalid(Exception):
    def __init__(self, errors: list[RegistryError]) -> None:
        super().__init__(f"{len(errors)} error(s) in the registry")
        self.errors = errors


def _mark(node) -> tuple[int, int]:
    return node.start_mark.line, node.start_mark.column


def _value(node, path: str, errors: list[RegistryError]) -> Any:
    import yaml

    if isinstance(node, yaml.MappingNode):
        out = YMap()
        out.mark = _mark(node)
        out.key_marks = {}
        for key_node, value_node in node.value:
            key = _value(key_node, path, errors)
            if not isinstance(key, str):
                key = str(key)
            if key in out:
                line, col = _mark(key_node)
                first = out.key_marks[key]
                errors.append(RegistryError(path, line + 1, col + 1, f"duplicate key {key!r} (first at line {first[0] + 1})"))
                continue
            out.key_marks[key] = _mark(key_node)
            out[key] = _value(value_node, path, errors)
        return out
    if isinstance(node, yaml.SequenceNode):
        out = YList(_value(n, path, errors) for n in node.value)
        out.mark = _mark(node)
        out.item_marks = [_mark(n) for n in node.value]
        return out
    # scalars: resolved by tag; timestamps are never constructed (an impossible one would crash)
    tag, text = node.tag, node.value
    if not node.style:  # plain (libyaml says "", the pure-Python parser None)
        if tag.endswith(":null"):
            return None
        if tag.endswith(":bool"):
            return text.lower() in ("true", "yes", "on")
        if tag.endswith(":int"):
            try:
                return int(text.replace("_", ""), 0)
            except ValueError:
                return text
        if tag.endswith(":float"):
            try:
                return float(text)
            except ValueError:
                return text
        if tag.endswith(":timestamp"):
            return UnquotedDate(text)
    return text


def read_yaml(text: str | bytes, path: str) -> tuple[Any, list[RegistryError]]:
    import yaml  # only when a registry is read, not when it comes from the cache

    errors: list[RegistryError] = []
    try:
        with cyclic_gc_paused():
            node = yaml.compose(text, Loader=yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return None, [RegistryError(path, line, col, f"YAML syntax error: {e.problem or e}")]
    except yaml.YAMLError as e:
        return None, [RegistryError(path, 1, 1, f"YAML error: {e}")]
    if node is None:
        return None, errors
    return _value(node, path, errors), errors




# --- the models -------------------------------------------------------------------------------


def _iso_date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    if isinstance(value, UnquotedDate):
        raise ValueError(f"unquoted date {str(value)!r}: write dates as quoted strings, \"{value}\"")
    if not isinstance(value, str) or not _ISO.match(value):
        raise ValueError(f"not a date in the form \"YYYY-MM-DD\": {value!r}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"no such date: {value!r}") from None


class _Model(BaseModel):
    # defer_build: a registry loaded from the cache never validates, so never needs the schema
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Term(_Model):
    name: str
    start: dt.date
    end: dt.date | None = None  # None: the current term
    sources: tuple[str, ...] = ()

    _dates = field_validator("start", "end", mode="before")(_iso_date)

    @field_validator("name")
    @classmethod
    def _roman(cls, value: str) -> str:
        if v.roman_to_int(value) is None:
            raise ValueError(f"not a term in Roman numerals: {value!r}")
        return value

    def contains(self, date: dt.date) -> bool:
        return self.start <= date and (self.end is None or date <= self.end)


class TermSet(_Model):
    id: str
    name: str
    terms: tuple[Term, ...]
    sources: tuple[str, ...] = ()

    def term(self, name: str) -> Term | None:
        return next((t for t in self.terms if t.name == name), None)

    def term_at(self, date: dt.date) -> Term | None:
        return next((t for t in self.terms if t.contains(date)), None)


class Issuer(_Model):
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


class ReplacedBy(_Model):
    id: str
    effective: dt.date

    _dates = field_validator("effective", mode="before")(_iso_date)


class Meeting(_Model):
    kind: Literal["plenum", "congress"]
    number: int | None = None  # the plenum's number; a congress is known by its term
    term: str


_STATUSES = ("in-force", "replaced", "expired", "superseded", "unknown")


class Document(_Model):
    id: str
    type: str
    number: str | None = None
    symbol: str | None = None
    issuer: str
    date: dt.date | None = None
    term: str | None = None
    title: str | None = None
    status: Literal["in-force", "replaced", "expired", "superseded", "unknown"] = "unknown"
    replaced_by: ReplacedBy | None = None
    meeting: Meeting | None = None
    sources: tuple[str, ...]
    verified: bool = False
    notes: str | None = None
    # What `citelint registry generate` saw: fact -> value -> the articles (path:line) that
    # state it, and how many distinct articles cite the document with facts.
    evidence: dict[str, Any] | None = None

    _dates = field_validator("date", mode="before")(_iso_date)

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not re.match(_ID, value):
            raise ValueError(f"ids are lower case letters, digits, '.', '_' and '-': {value!r}")
        return value

    @field_validator("type")
    @classmethod
    def _type(cls, value: str) -> str:
        if value not in v.TYPE_BY_NAME:
            raise ValueError(f"unknown document type {value!r} (known: {', '.join(v.TYPE_BY_NAME)})")
        return value

    @field_validator("sources")
    @classmethod
    def _sources(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if not value:
            raise ValueError("every document needs at least one source")
        return value

    @field_validator("number", mode="before")
    @classmethod
    def _number(cls, value: Any) -> Any:
        if isinstance(value, int):
            raise ValueError(f"write the number as written, quoted (leading zeros matter): \"{value:02d}\"")
        return value


_new_document = trusted_constructor(Document)
_new_replaced_by = trusted_constructor(ReplacedBy)
_new_meeting = trusted_constructor(Meeting)
_new_term = trusted_constructor(Term)
_new_term_set = trusted_constructor(TermSet)
_new_issuer = trusted_constructor(Issuer)


# --- the registry -------------------------------------------------------------------------------

_PARTY_SYMBOL = re.compile(r"^(\d+)-([^/\s]+)/(.+)$")


@dataclass
class Registry:
    """Validated registry content and the indexes resolution uses."""

    term_sets: dict[str, TermSet] = field(default_factory=dict)
    issuers: dict[str, Issuer] = field(default_factory=dict)
    documents: Mapping[str, Document] = field(default_factory=dict)
    # (issuer code, type code, number as int) -> document ids: a Party symbol in any term
    by_party_symbol: dict[tuple[str, str, int], list[str]] = field(default_factory=dict)
    # canonical State symbol -> document ids
    by_state_symbol: dict[str, list[str]] = field(default_factory=dict)
    # (meeting kind, plenum number or 0, term) -> document ids
    by_meeting: dict[tuple[str, int, str], list[str]] = field(default_factory=dict)
    # (type name, number as int) -> document ids: for short forms
    by_type_number: dict[tuple[str, int], list[str]] = field(default_factory=dict)
    # folded name or alias -> issuer ids
    issuers_by_name: dict[str, list[str]] = field(default_factory=dict)
    replaces: dict[str, list[str]] = field(default_factory=dict)  # id -> ids it replaced
    content_key: str = ""  # a hash of the files it was read from (what a results cache depends on)

    # -- lookups ----------------------------------------------------------------------------

    def issuer_of(self, doc: Document) -> Issuer:
        return self.issuers[doc.issuer]

    def term_set_of(self, issuer: Issuer) -> TermSet | None:
        return self.term_sets.get(issuer.terms) if issuer.terms else None

    def term_at(self, issuer: Issuer, date: dt.date) -> Term | None:
        ts = self.term_set_of(issuer)
        return ts.term_at(date) if ts else None

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

    def issuers_named(self, text: str) -> list[Issuer]:
        """Issuers whose name or an alias is ``text``, or its head ("Thành ủy Hà Nội" → the
        Hà Nội committee; "Thành ủy" alone → every Thành ủy)."""
        key = v.fold(text)
        ids = self.issuers_by_name.get(key)
        if ids:
            return [self.issuers[i] for i in ids]
        return []

    # -- building -------------------------------------------------------------------------------

    def _index(self) -> None:
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
        for issuer in self.issuers.values():
            for name in (issuer.name, *issuer.aliases):
                self.issuers_by_name.setdefault(v.fold(name), []).append(issuer.id)


# --- loading and validating ---------------------------------------------------------------------


def registry_files(root: str | os.PathLike) -> list[Path]:
    root = Path(root)
    if root.is_file():
        return [root]
    return sorted(p for p in root.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts))


def load_registry(root: str | os.PathLike, *, use_cache: bool = True) -> Registry:
    """The registry in ``root`` (a directory or one file); raises RegistryInvalid."""
    files = registry_files(root)
    if not files:
        raise RegistryInvalid([RegistryError(str(root), 1, 1, "no registry files (*.yaml) found")])
    contents = [(str(p), p.read_bytes()) for p in files]
    key = _cache_key(contents)
    if use_cache:
        cached = _cache_read(key)
        if cached is not None:
            cached.content_key = key
            return cached
    registry = build_registry(contents)
    if use_cache:
        _cache_write(key, registry)
    registry.content_key = key
    return registry


def build_registry(contents: list[tuple[str, bytes]]) -> Registry:
    errors: list[RegistryError] = []
    reg = Registry()
    # where each entry was written, for the cross-checks' messages
    where: dict[tuple[str, str], tuple[str, int, int]] = {}
    key_where: dict[tuple[str, str, str], tuple[str, int, int]] = {}
    sections = {"term_sets": (TermSet, reg.term_sets), "issuers": (Issuer, reg.issuers), "documents": (Document, reg.documents)}

    with cyclic_gc_paused():
        for path, data in contents:
            value, errs = read_yaml(data, path)
            errors += errs
            if value is None:
                continue
            if not isinstance(value, YMap):
                errors.append(RegistryError(path, 1, 1, "a registry file is a mapping with term_sets, issuers and/or documents"))
                continue
            for section, entries in value.items():
                line, col = value.key_marks[section]
                if section not in sections:
                    errors.append(RegistryError(path, line + 1, col + 1, f"unknown section {section!r} (expected: {', '.join(sections)})"))
                    continue
                model, target = sections[section]
                if not isinstance(entries, YList):
                    errors.append(RegistryError(path, line + 1, col + 1, f"{section} must be a list"))
                    continue
                for item, (iline, icol) in zip(entries, entries.item_marks):
                    if not isinstance(item, YMap):
                        errors.append(RegistryError(path, iline + 1, icol + 1, f"each entry of {section} must be a mapping"))
                        continue
                    try:
                        entry = model.model_validate(item)
                    except ValidationError as e:
                        for err in e.errors():
                            errors.append(_located(path, item, err))
                        continue
                    if entry.id in target:
                        first = where[(section, entry.id)]
                        l2, c2 = item.key_marks.get("id", item.mark)
                        errors.append(RegistryError(path, l2 + 1, c2 + 1, f"duplicate id {entry.id!r} (first in {first[0]}:{first[1]})"))
                        continue
                    target[entry.id] = entry
                    where[(section, entry.id)] = (path, iline + 1, icol + 1)
                    for k, (kl, kc) in item.key_marks.items():
                        key_where[(section, entry.id, k)] = (path, kl + 1, kc + 1)

        errors += _cross_check(reg, where, key_where)
        if errors:
            raise RegistryInvalid(sorted(errors, key=lambda e: (e.path, e.line, e.column)))
        reg._index()
    return reg


def _located(path: str, item: YMap, err: dict) -> RegistryError:
    loc = err.get("loc", ())
    line, col = item.mark
    node: Any = item
    for part in loc:
        if isinstance(node, YMap) and part in node:
            line, col = node.key_marks[part]
            node = node[part]
        elif isinstance(node, YList) and isinstance(part, int) and part < len(node):
            line, col = node.item_marks[part]
            node = node[part]
        else:
            break
    where = ".".join(str(p) for p in loc)
    message = err.get("msg", "invalid").removeprefix("Value error, ")
    if err.get("type") == "missing":
        message = f"missing field {where!r}"
    elif err.get("type") == "extra_forbidden":
        message = f"unknown field {where!r}"
    else:
        message = f"{where}: {message}" if where else message
    return RegistryError(path, line + 1, col + 1, message)


def _cross_check(reg: Registry, where, key_where) -> list[RegistryError]:
    errors: list[RegistryError] = []

    def at(section: str, id_: str, key: str | None = None) -> tuple[str, int, int]:
        return key_where.get((section, id_, key)) or where[(section, id_)]

    for issuer in reg.issuers.values():
        if issuer.terms and issuer.terms not in reg.term_sets:
            p, l, c = at("issuers", issuer.id, "terms")
            errors.append(RegistryError(p, l, c, f"issuer {issuer.id!r}: unknown term set {issuer.terms!r}"))
    for doc in reg.documents.values():
        issuer = reg.issuers.get(doc.issuer)
        if issuer is None:
            p, l, c = at("documents", doc.id, "issuer")
            errors.append(RegistryError(p, l, c, f"document {doc.id!r}: unknown issuer {doc.issuer!r}"))
            continue
        if doc.replaced_by and doc.replaced_by.id not in reg.documents:
            p, l, c = at("documents", doc.id, "replaced_by")
            errors.append(RegistryError(p, l, c, f"document {doc.id!r}: replaced_by names no document: {doc.replaced_by.id!r}"))
        if doc.symbol and doc.number and not _symbol_has_number(doc.symbol, doc.number):
            p, l, c = at("documents", doc.id, "symbol")
            errors.append(RegistryError(p, l, c, f"document {doc.id!r}: symbol {doc.symbol!r} does not carry its number {doc.number!r}"))
        term_set = reg.term_sets.get(issuer.terms) if issuer.terms else None
        if doc.term and term_set is not None:
            term = term_set.term(doc.term)
            if term is None:
                p, l, c = at("documents", doc.id, "term")
                errors.append(RegistryError(p, l, c, f"document {doc.id!r}: {term_set.name} has no term {doc.term!r}"))
            elif doc.date and not term.contains(doc.date):
                p, l, c = at("documents", doc.id, "date")
                span = f"{term.start.isoformat()} to {term.end.isoformat() if term.end else 'now'}"
                errors.append(RegistryError(p, l, c, f"document {doc.id!r} is dated {doc.date.isoformat()}, outside term {doc.term} ({span})"))
    return errors


def _symbol_has_number(symbol: str, number: str) -> bool:
    m = re.match(r"^(\d+)", symbol)
    return bool(m) and int(m.group(1)) == int(number) if number.isdigit() else True


# --- the cache --------------------------------------------------------------------------------


def cache_dir() -> Path:
    env = os.environ.get("CITELINT_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "citelint"


def _cache_key(contents: list[tuple[str, bytes]]) -> str:
    h = hashlib.sha256()
    h.update(f"citelint {__version__} registry cache {CACHE_FORMAT}\n".encode())
    for path, data in contents:
        h.update(os.path.basename(path).encode() + b"\0" + len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


# The cache holds plain values (marshal loads them several times faster than pickle loads
# models), and documents become models only when a check asks for them: a check touches a
# handful of a registry's documents, and building 100,000 models took most of a load.

_DOC_FIELDS = ("type", "number", "symbol", "issuer", "date", "term", "title", "status", "replaced_by", "meeting",
               "sources", "verified", "notes", "evidence")


def _doc_to_plain(d: Document) -> tuple:
    return (
        d.type, d.number, d.symbol, d.issuer, d.date.toordinal() if d.date else None, d.term, d.title, d.status,
        (d.replaced_by.id, d.replaced_by.effective.toordinal()) if d.replaced_by else None,
        (d.meeting.kind, d.meeting.number, d.meeting.term) if d.meeting else None,
        tuple(d.sources), d.verified, d.notes, _plain(d.evidence),
    )


def _plain(value: Any) -> Any:
    """Dicts, lists, tuples and scalars only (marshal's types)."""
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
    if values["replaced_by"] is not None:
        rid, eff = values["replaced_by"]
        values["replaced_by"] = _new_replaced_by(id=rid, effective=dt.date.fromordinal(eff))
    if values["meeting"] is not None:
        kind, number, term = values["meeting"]
        values["meeting"] = _new_meeting(kind=kind, number=number, term=term)
    return _new_document(**values)


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
    return _new_term_set(id=ts_id, name=name, sources=sources, terms=tuple(
        _new_term(name=n, start=dt.date.fromordinal(a), end=dt.date.fromordinal(b) if b is not None else None, sources=src)
        for n, a, b, src in terms))


_ISSUER_FIELDS = ("id", "kind", "name", "aliases", "codes", "jurisdiction", "numbering", "terms", "sources")


def _cache_payload(reg: Registry) -> dict:
    return {
        "format": CACHE_FORMAT,
        "term_sets": [_term_set_plain(ts) for ts in reg.term_sets.values()],
        "issuers": [tuple(getattr(i, f) for f in _ISSUER_FIELDS) for i in reg.issuers.values()],
        "documents": {d.id: _doc_to_plain(d) for d in reg.documents.values()},
        "by_party_symbol": reg.by_party_symbol,
        "by_state_symbol": reg.by_state_symbol,
        "by_meeting": reg.by_meeting,
        "by_type_number": reg.by_type_number,
        "issuers_by_name": reg.issuers_by_name,
        "replaces": reg.replaces,
    }


def _registry_from_payload(p: dict) -> Registry:
    term_sets = {t[0]: _term_set_from_plain(t) for t in p["term_sets"]}
    issuers = {t[0]: _new_issuer(**dict(zip(_ISSUER_FIELDS, t))) for t in p["issuers"]}
    return Registry(
        term_sets=term_sets,
        issuers=issuers,
        documents=LazyDocuments(p["documents"]),
        by_party_symbol=p["by_party_symbol"],
        by_state_symbol=p["by_state_symbol"],
        by_meeting=p["by_meeting"],
        by_type_number=p["by_type_number"],
        issuers_by_name=p["issuers_by_name"],
        replaces=p["replaces"],
    )


def _cache_read(key: str) -> Registry | None:
    path = cache_dir() / f"registry-{key}.marshal"
    try:
        with cyclic_gc_paused():
            payload = marshal.loads(path.read_bytes())
            if not isinstance(payload, dict) or payload.get("format") != CACHE_FORMAT:
                return None
            return _registry_from_payload(payload)
    except (OSError, EOFError, ValueError, TypeError, KeyError):
        return None


def _cache_write(key: str, registry: Registry) -> None:
    """Atomic (temporary file + rename): safe when several processes build the same cache."""
    directory = cache_dir()
    tmp = None
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".registry-", suffix=".tmp", dir=directory)
        with os.fdopen(fd, "wb") as f:
            f.write(marshal.dumps(_cache_payload(registry)))
        os.replace(tmp, directory / f"registry-{key}.marshal")
        tmp = None
    except (OSError, ValueError):
        pass  # a cache that cannot be written only costs time
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
