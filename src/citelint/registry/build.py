"""The registry of known documents: YAML files → validated records → an index for resolution.

Layout: a directory of ``*.yaml`` files, each a mapping with any of three keys:

- ``term_sets``: the terms (khóa) of a Party committee, each with its start and end date;
- ``issuers``: issuing bodies: id, kind (party/state), name and aliases, the codes they write in
  symbols, jurisdiction (null for national bodies), numbering (per term or per year), term set;
- ``documents``: id, type, number, symbol, issuer, date, term, title, status, ``replaced_by``
  (id and the date it took effect), ``meeting`` (the plenum or congress that issued it),
  ``sources`` (where each fact comes from) and ``verified``.

Dates are quoted ISO strings ("2021-07-30").  Every error is reported as file:line:column.  A
validated registry is cached (:mod:`.cache`), keyed by the content of its files and
citelint's version, so later runs skip all of this.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path
from typing import Any


from ..errors import RegistryInvalid
from ..gcpause import cyclic_gc_paused
from ..i18n import _
from .cache import cache_key, read_cache, write_cache
from .index import Registry
from .model import Document, Issuer, Plenum, TermSet
from .source import RegistryError, YList, YMap, read_yaml


def registry_files(root: str | os.PathLike) -> list[Path]:
    root = Path(root)
    if root.is_file():
        return [root]
    return sorted(p for p in root.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts))


#: The layers a registry is read from: the documents citelint ships, under a project's own.
BUILTIN = "built-in"
PROJECT = "project"


def builtin_registry_dir() -> Path | None:
    """The registry shipped with citelint: packaged in the wheel (``citelint/data/registry``),
    or the ``registry/`` directory of a source checkout."""
    here = Path(__file__).resolve().parent
    packaged = here.parent / "data" / "registry"
    if packaged.is_dir():
        return packaged
    checkout = here.parents[2]
    source = checkout / "registry"
    return source if source.is_dir() and (checkout / "pyproject.toml").is_file() else None


def load_registry(root: str | os.PathLike, *, use_cache: bool = True) -> Registry:
    """The registry in ``root`` (a directory or one file), alone; raises RegistryInvalid."""
    return _load([(PROJECT, Path(root))], use_cache=use_cache)


def load_layered(project: str | os.PathLike | None = None, *, builtin: bool = True, use_cache: bool = True) -> Registry | None:
    """The built-in registry (unless ``builtin`` is false) under the project's registry
    ``project``, whose entries add to the built-in ones and replace those with the same id.
    None when there is neither."""
    layers: list[tuple[str, Path]] = []
    shipped = builtin_registry_dir() if builtin else None
    if shipped is not None:
        layers.append((BUILTIN, shipped))
    if project is not None and not (shipped is not None and Path(project).resolve() == shipped):
        layers.append((PROJECT, Path(project)))
    return _load(layers, use_cache=use_cache) if layers else None


def _load(layers: list[tuple[str, Path]], *, use_cache: bool) -> Registry:
    contents: list[tuple[str, bytes, str]] = []
    for layer, root in layers:
        files = registry_files(root)
        if not files:
            raise RegistryInvalid([RegistryError(str(root), 1, 1, _('no registry files (*.yaml) found'))], where=str(root))
        contents += [(str(p), p.read_bytes(), layer) for p in files]
    key = cache_key([(f"{layer}:{path}", data) for path, data, layer in contents])
    if use_cache:
        cached = read_cache(key, rebuild=functools.partial(_rebuild, contents, key))
        if cached is not None:
            cached.content_key = key
            return cached
    try:
        registry = build_registry(contents)
    except RegistryInvalid as e:
        e.where = " + ".join(str(root) for _, root in layers)
        raise
    if use_cache:
        write_cache(key, registry)
    registry.content_key = key
    return registry


def _rebuild(contents: list[tuple[str, bytes, str]], key: str) -> Registry:
    registry = build_registry(contents)
    registry.content_key = key
    return registry


def build_registry(contents: list[tuple[str, bytes]] | list[tuple[str, bytes, str]]) -> Registry:
    """The registry of these files, in order: ``(path, bytes[, layer])``.  An entry of a later
    layer replaces the entry of an earlier layer with its id; within a layer, ids are unique."""
    from .validate import ValidationError, validate  # pydantic: only a registry read from YAML needs it

    errors: list[RegistryError] = []
    reg = Registry()
    # where each entry was written, for the cross-checks' messages
    where: dict[tuple[str, str], tuple[str, int, int]] = {}
    key_where: dict[tuple[str, str, str], tuple[str, int, int]] = {}
    sections = {"term_sets": (TermSet, reg.term_sets), "issuers": (Issuer, reg.issuers), "documents": (Document, reg.documents),
                "plenums": (Plenum, reg.plenums)}

    with cyclic_gc_paused():
        for path, data, *rest in contents:
            layer = rest[0] if rest else PROJECT
            value, errs = read_yaml(data, path)
            errors += errs
            if value is None:
                continue
            if not isinstance(value, YMap):
                errors.append(RegistryError(path, 1, 1, _('a registry file is a mapping with term_sets, issuers, documents and/or plenums')))
                continue
            for section, entries in value.items():
                line, col = value.key_marks[section]
                if section not in sections:
                    errors.append(RegistryError(path, line + 1, col + 1, _('unknown section {section!r} (expected: {value})').format(section=section, value=', '.join(sections))))
                    continue
                model, target = sections[section]
                if not isinstance(entries, YList):
                    errors.append(RegistryError(path, line + 1, col + 1, _('{section} must be a list').format(section=section)))
                    continue
                for item, (iline, icol) in zip(entries, entries.item_marks):
                    if not isinstance(item, YMap):
                        errors.append(RegistryError(path, iline + 1, icol + 1, _('each entry of {section} must be a mapping').format(section=section)))
                        continue
                    try:
                        entry = validate(model, item)
                    except ValidationError as e:
                        for err in e.errors():
                            errors.append(_located(path, item, err))
                        continue
                    if entry.id in target and reg.origin.get(f"{section}/{entry.id}", PROJECT) == layer:
                        first = where[(section, entry.id)]
                        l2, c2 = item.key_marks.get("id", item.mark)
                        errors.append(RegistryError(path, l2 + 1, c2 + 1, _('duplicate id {id!r} (first in {value}:{value2})').format(id=entry.id, value=first[0], value2=first[1])))
                        continue
                    target[entry.id] = entry  # a later layer's entry replaces an earlier one's
                    reg.origin[f"{section}/{entry.id}"] = layer
                    where[(section, entry.id)] = (path, iline + 1, icol + 1)
                    for k, (kl, kc) in item.key_marks.items():
                        key_where[(section, entry.id, k)] = (path, kl + 1, kc + 1)

        errors += _cross_check(reg, where, key_where)
        if errors:
            raise RegistryInvalid(sorted(errors, key=lambda e: (e.path, e.line, e.column)))
        reg.build_index()
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
            errors.append(RegistryError(p, l, c, _('issuer {id!r}: unknown term set {terms!r}').format(id=issuer.id, terms=issuer.terms)))
    for doc in reg.documents.values():
        issuer = reg.issuers.get(doc.issuer)
        if issuer is None:
            p, l, c = at("documents", doc.id, "issuer")
            errors.append(RegistryError(p, l, c, _('document {id!r}: unknown issuer {issuer!r}').format(id=doc.id, issuer=doc.issuer)))
            continue
        for other in doc.co_issuers:
            if other not in reg.issuers:
                p, l, c = at("documents", doc.id, "co_issuers")
                errors.append(RegistryError(p, l, c, _('document {id!r}: unknown issuer {other!r} in co_issuers').format(id=doc.id, other=other)))
        if doc.replaced_by and doc.replaced_by.id not in reg.documents:
            p, l, c = at("documents", doc.id, "replaced_by")
            errors.append(RegistryError(p, l, c, _('document {id!r}: replaced_by names no document: {id2!r}').format(id=doc.id, id2=doc.replaced_by.id)))
        elif doc.replaced_by and _replacement_cycle(reg, doc.id):
            p, l, c = at("documents", doc.id, "replaced_by")
            errors.append(RegistryError(p, l, c, _("document {id!r}: replaced_by comes back to it ({chain})").format(
                id=doc.id, chain=" → ".join(_replacement_cycle(reg, doc.id)))))
        if doc.symbol and doc.number and not _symbol_has_number(doc.symbol, doc.number):
            p, l, c = at("documents", doc.id, "symbol")
            errors.append(RegistryError(p, l, c, _('document {id!r}: symbol {symbol!r} does not carry its number {number!r}').format(id=doc.id, symbol=doc.symbol, number=doc.number)))
        term_set = reg.term_sets.get(issuer.terms) if issuer.terms else None
        if doc.term and term_set is not None:
            term = term_set.term(doc.term)
            if term is None:
                p, l, c = at("documents", doc.id, "term")
                errors.append(RegistryError(p, l, c, _('document {id!r}: {name} has no term {term!r}').format(id=doc.id, name=term_set.name, term=doc.term)))
            elif doc.date and not term.contains(doc.date):
                p, l, c = at("documents", doc.id, "date")
                span = f"{term.start.isoformat()} to {term.end.isoformat() if term.end else 'now'}"
                errors.append(RegistryError(p, l, c, _('document {id!r} is dated {value}, outside term {term} ({span})').format(id=doc.id, value=doc.date.isoformat(), term=doc.term, span=span)))
    return errors


def _symbol_has_number(symbol: str, number: str) -> bool:
    m = re.match(r"^(\d+)", symbol)
    return bool(m) and int(m.group(1)) == int(number) if number.isdigit() else True


def _replacement_cycle(reg, doc_id: str) -> list[str] | None:
    """The chain of replacements from ``doc_id`` when it comes back to ``doc_id`` (a document
    replaced by itself, or by one that it replaces), else None."""
    chain = [doc_id]
    current = reg.documents.get(doc_id)
    while current is not None and current.replaced_by is not None:
        nxt = current.replaced_by.id
        chain.append(nxt)
        if nxt == doc_id:
            return chain
        if nxt in chain[:-1] or len(chain) > len(reg.documents) + 1:
            return None  # a cycle further on, reported for its own documents
        current = reg.documents.get(nxt)
    return None
