"""What `citelint registry show | stats | export` report: a registry's entries found by id or
symbol, as records; where articles cite them; counts over the registry; every document as a
flat record for JSON or CSV."""

from __future__ import annotations

import csv
import datetime as dt
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from .. import vocabulary as v
from ..errors import LoadError, UsageError
from ..text.files import iter_files, load_document
from ..i18n import _
from .index import Registry
from .model import Document
from ..jsonio import dump_indented

if TYPE_CHECKING:
    from ..config import Options

EXPORT_FIELDS = (
    "id", "type", "number", "symbol", "issuer", "issuer_name", "co_issuers", "jurisdiction", "date", "effective", "term",
    "title", "names", "status", "replaced_by", "replaced_by_effective", "meeting_kind", "meeting_number", "meeting_term",
    "verified", "sources", "notes", "layer",
)
CSV_SOURCE_SEPARATOR = " | "


# --- finding entries ------------------------------------------------------------------------------


def find_entries(registry: Registry, query: str) -> tuple[list[Document], str | None]:
    """The entries ``query`` names, by id or by symbol, and the canonical symbol it was read as
    (None when it is an id or no symbol could be read in it).  Sorted by date, then id."""
    q = query.strip()
    for candidate in (q, q.lower()):
        if candidate in registry.documents:
            return [registry.documents[candidate]], None
    symbol, ids = _ids_for_symbol(registry, q)
    docs = [registry.documents[i] for i in dict.fromkeys(ids)]
    docs.sort(key=lambda d: (d.date or dt.date.max, d.id))
    return docs, symbol


def _ids_for_symbol(registry: Registry, text: str) -> tuple[str | None, list[str]]:
    from ..find.extract import extract

    ids: list[str] = list(registry.by_state_symbol.get(text, ()))
    citations = [c for c in extract(text) if c.symbol] if text else []
    symbols = list(dict.fromkeys(c.symbol for c in citations))
    if len(symbols) > 1:
        raise UsageError(_('{text!r} holds several symbols ({value}): give one symbol or id').format(text=text, value=', '.join(symbols)))
    if not citations:
        return None, ids
    c = citations[0]
    if c.kind == "party" and c.issuer_code and c.type_code and c.number and c.number.isdigit():
        ids += registry.by_party_symbol.get((c.issuer_code, v.canonical_type_code(c.type_code), int(c.number)), ())
    ids += registry.by_state_symbol.get(c.symbol, ())
    return c.symbol, ids


def _date_str(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _ref(registry: Registry, doc_id: str, effective: dt.date | None = None) -> dict:
    """What a text needs to say about another entry: its id, symbol, date (and effective date)."""
    doc = registry.documents.get(doc_id)
    ref = {"id": doc_id, "symbol": doc.symbol if doc else None, "type": doc.type if doc else None,
           "date": _date_str(doc.date) if doc else None}
    if effective is not None or doc is None:
        ref["effective"] = _date_str(effective)
    return ref


def _document_fields(registry: Registry, doc: Document) -> dict:
    """The fields `show` and `export` both report, JSON-ready."""
    issuer = registry.issuers.get(doc.issuer)
    return {
        "id": doc.id,
        "type": doc.type,
        "number": doc.number,
        "symbol": doc.symbol,
        "issuer": doc.issuer,
        "issuer_name": issuer.name if issuer else None,
        "co_issuers": list(doc.co_issuers),
        "jurisdiction": issuer.jurisdiction if issuer else None,
        "date": _date_str(doc.date),
        "effective": _date_str(doc.effective),
        "term": doc.term,
        "title": doc.title,
        "names": list(doc.names),
        "status": doc.status,
        "verified": doc.verified,
        "sources": list(doc.sources),
        "notes": doc.notes,
        "layer": registry.layer_of("documents", doc.id),
    }


def entry_record(registry: Registry, doc: Document) -> dict:
    """An entry as a JSON-ready dict (ISO dates), with what it replaced and what replaced it."""
    replaced = []
    for old_id in registry.replaces.get(doc.id, ()):
        old = registry.documents.get(old_id)
        replaced.append(_ref(registry, old_id, old.replaced_by.effective if old and old.replaced_by else None))
    evidence = getattr(doc, "evidence", None)
    return {
        **_document_fields(registry, doc),
        "replaced_by": _ref(registry, doc.replaced_by.id, doc.replaced_by.effective) if doc.replaced_by else None,
        "replaces": replaced,
        "meeting": {"kind": doc.meeting.kind, "number": doc.meeting.number, "term": doc.meeting.term} if doc.meeting else None,
        "evidence": _jsonable(evidence) if evidence is not None else None,
    }


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(x) for k, x in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_jsonable(x) for x in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


# --- show -------------------------------------------------------------------------------------------


def citations_of(ids: Iterable[str], paths: Sequence[str], options: Options, *,
                 err: TextIO | None = None) -> dict[str, list[dict]]:
    """For each id, the citations in ``paths`` that resolve to it (full citations and short
    forms), as {path, line, column, text}, in file order; ``options`` says the registry, the
    configuration (its include and exclude globs, default jurisdiction) and the articles' date
    and jurisdiction.  Unreadable files are named on ``err``."""
    from ..check.analyse import analyse

    wanted: dict[str, list[dict]] = {i: [] for i in ids}
    config = options.config
    for path in iter_files(paths, config.include, config.exclude, gitignore=config.respect_gitignore):
        try:
            doc = load_document(path)
        except LoadError as e:
            if err is not None:
                err.write(f"{e.location()}: warning: not read: {e.reason}\n")
            continue
        article = analyse(doc.text, path=path, markup=doc.markup, options=options)
        for r in article.resolved:
            if r.status == "resolved" and r.document is not None and r.document.id in wanted:
                c = r.citation
                wanted[r.document.id].append({"path": path, "line": c.line, "column": c.column, "text": c.text})
    return wanted


# --- stats -------------------------------------------------------------------------------------------


def registry_stats(registry: Registry) -> dict:
    """Counts over the registry, as a JSON-ready dict."""
    docs = [registry.documents[i] for i in registry.documents]
    names = Counter(i.name for i in registry.issuers.values())

    def issuer_label(issuer_id: str) -> str:
        issuer = registry.issuers.get(issuer_id)
        if issuer is None:
            return issuer_id
        return issuer.name if names[issuer.name] == 1 else f"{issuer.name} ({issuer.id})"

    def ranked(counter: Counter) -> dict:
        return dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))

    by_symbol: dict[str, list[str]] = {}
    for d in docs:
        if d.symbol:
            by_symbol.setdefault(d.symbol, []).append(d.id)
    shared = {s: sorted(ids) for s, ids in sorted(by_symbol.items()) if len(ids) > 1}
    sources = [len(d.sources) for d in docs]
    median = statistics.median(sources) if sources else None
    if isinstance(median, float) and median.is_integer():
        median = int(median)
    verified = sum(1 for d in docs if d.verified)
    return {
        "documents": len(docs),
        "by_layer": ranked(Counter(registry.layer_of("documents", d.id) for d in docs)),
        "verified": verified,
        "unverified": len(docs) - verified,
        "by_type": ranked(Counter(d.type for d in docs)),
        "by_issuer": ranked(Counter(issuer_label(d.issuer) for d in docs)),
        "by_status": ranked(Counter(d.status for d in docs)),
        "by_term": ranked(Counter(d.term or "(none)" for d in docs)),
        "issuers": len(registry.issuers),
        "term_sets": len(registry.term_sets),
        "with_replaced_by": sum(1 for d in docs if d.replaced_by),
        "shared_symbols": shared,
        "without_date": sorted(d.id for d in docs if d.date is None),
        "sources_per_document": {"min": min(sources) if sources else None, "median": median,
                                 "max": max(sources) if sources else None},
    }


# --- export -------------------------------------------------------------------------------------------


def export_records(registry: Registry) -> list[dict]:
    """Every document as a flat record (EXPORT_FIELDS), in id order; dates ISO, sources a list."""
    records = []
    for doc_id in sorted(registry.documents):
        d = registry.documents[doc_id]
        record = {
            **_document_fields(registry, d),
            "replaced_by": d.replaced_by.id if d.replaced_by else None,
            "replaced_by_effective": _date_str(d.replaced_by.effective) if d.replaced_by else None,
            "meeting_kind": d.meeting.kind if d.meeting else None,
            "meeting_number": d.meeting.number if d.meeting else None,
            "meeting_term": d.meeting.term if d.meeting else None,
        }
        records.append({name: record[name] for name in EXPORT_FIELDS})
    return records


def write_json(records: list[dict], out: TextIO) -> None:
    dump_indented(records, out)
    out.write("\n")


def write_csv(records: list[dict], out: TextIO) -> None:
    """RFC 4180: a header row, CRLF line ends, fields with a comma, quote or line break quoted.
    Empty for null; verified as true/false; sources joined with " | "; a cell that would start a
    spreadsheet formula is prefixed with an apostrophe."""
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(EXPORT_FIELDS)
    for r in records:
        row = []
        for f in EXPORT_FIELDS:
            value = r[f]
            if f in ("sources", "co_issuers", "names"):
                value = CSV_SOURCE_SEPARATOR.join(value)
            elif isinstance(value, bool):
                value = "true" if value else "false"
            elif value is None:
                value = ""
            row.append(_inert(value))
        writer.writerow(row)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _inert(value):
    """A cell a spreadsheet will not run as a formula (OWASP's CSV injection advice): text that
    starts with = + - @, a tab or a carriage return gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
