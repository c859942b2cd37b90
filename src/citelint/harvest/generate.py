"""Growing the registry from articles: every full citation with a date, an issuing body or a
title is evidence about a document.

How a run goes:

1. Every article goes through the same pipeline as `check` (extract, infer its date and place,
   resolve against the reference registry).  A citation that resolves to a registry document
   is evidence about it.  One that does not, and is dated (or carries its year in the symbol,
   as State symbols do), proposes a new document; an undated one cannot say which term's
   document it is, and waits.
2. The citations are resolved again against the registry plus the proposals, exactly as the
   next run will see them, and the evidence is recorded from that pass.  So a second run over
   the same corpus finds what the first wrote, and changes nothing.
3. New documents (and issuers the registry lacks) are appended to the generated file; a
   generated entry gains evidence and missing fields; a hand-written entry is never touched.
   Where articles disagree about a date, or contradict a registry entry, nothing is picked:
   the conflict is reported with every source, and the command exits 1.

The generated file is YAML read and written with ruamel.yaml's round-trip mode, so comments,
key order and quoting that someone added by hand survive; it is written atomically (temporary
file, fsync, rename) under a lock, so an interrupted run leaves the previous file intact and
two runs cannot interleave.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable

from .. import vocabulary as v
from ..check.analyse import analyse
from ..config import Options
from ..diagnostics import ArticleContext
from ..errors import LoadError
from ..models import Citation
from ..registry.build import build_registry
from ..registry.index import Registry
from ..registry.model import Document, Issuer
from ..resolve import issuer_named_by, place_named, resolve_article, split_local
from ..text.files import iter_files, load_document
from .render import relative_evidence, relative_source_of, render, would_change

GENERATED_FILE = "generated.yaml"
_CITY_JURISDICTIONS = frozenset(v.fold(x) for x in ("Hà Nội", "Thành phố Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế"))


@dataclass
class Conflict:
    """Sources that disagree about one fact of one document."""

    document: str  # id, or the symbol of a proposed document
    fact: str  # "date"
    values: dict[str, list[str]]  # value -> sources ("registry" for the registry's own value)
    verified: bool = False  # the registry's value is verified

    def describe(self) -> str:
        registry = [value for value, srcs in self.values.items() if srcs == ["registry"]]
        cited = [f"{value} ({', '.join(srcs)})" for value, srcs in self.values.items() if srcs != ["registry"]]
        if registry:
            entry = "the verified registry entry" if self.verified else "the registry entry (unverified)"
            return f"{self.document}: {self.fact} {' and '.join(cited)} contradicts {entry}: {registry[0]}"
        return f"{self.document}: the articles disagree on its {self.fact}: " + " vs ".join(cited)


@dataclass
class Outcome:
    files_read: int = 0
    unreadable: list[str] = field(default_factory=list)
    citations_seen: int = 0  # citations carrying at least one fact
    added: list[str] = field(default_factory=list)  # new document ids
    added_issuers: list[str] = field(default_factory=list)
    enriched: list[str] = field(default_factory=list)  # generated entries that gained evidence
    conflicts: list[Conflict] = field(default_factory=list)
    old_text: str = ""
    new_text: str = ""

    @property
    def changed(self) -> bool:
        return self.old_text != self.new_text


# --- reading the corpus -------------------------------------------------------------------------


@dataclass
class Harvested:
    """What one article gives: its citations that carry facts, and its context (when it has any)."""

    path: str
    citations: list[Citation]
    context: ArticleContext | None


def read_article(path: str, options: Options | None = None) -> Harvested | str:
    """One file's citations that carry facts, with its context; or why it could not be read.
    (A plain function: what a worker process runs for the distributed path.)  The registry is
    not used here: resolution comes later, against the registry and the proposals together."""
    try:
        doc = load_document(path)
    except LoadError as e:
        return str(e)
    options = replace(options, registry=None) if options is not None else Options()
    article = analyse(doc.text, path=path, markup=doc.markup, options=options)
    citations = [c for c in article.citations if _has_facts(c)]
    return Harvested(path, citations, article.context if citations else None)


def _read(paths: Iterable[str], options: Options, outcome: Outcome, progress: Callable[[str], None] | None,
          reader: Callable[[list[str]], Iterable[Harvested | str]] | None) -> list[Harvested]:
    files = list(iter_files(paths, options.config.include, options.config.exclude, gitignore=options.config.respect_gitignore))
    if reader is None:
        def reader(files: list[str]) -> Iterable[Harvested | str]:
            for path in files:
                if progress:
                    progress(path)
                yield read_article(path, options)
    articles = []
    for result in reader(files):
        if isinstance(result, str):
            outcome.unreadable.append(result)
            continue
        outcome.files_read += 1
        if result.citations:
            articles.append(result)
    return articles


def _has_facts(c: Citation) -> bool:
    return c.kind in ("party", "state", "law") and bool(c.number and c.number.isdigit()) and bool(
        c.date or c.issuer_text or c.title)


# --- proposing new documents ----------------------------------------------------------------------


@dataclass
class _Proposal:
    symbol: str
    kind: str
    type_name: str | None
    type_code: str | None
    number: str
    issuer_code: str | None
    jurisdiction: str | None
    term: str | None
    year: int | None
    dates: Counter = field(default_factory=Counter)
    issuer_texts: Counter = field(default_factory=Counter)
    first_source: str = ""


def _proposal_key(c: Citation, article: Harvested, reference: Registry) -> tuple | None:
    """What identifies a document the registry lacks, if this citation can say."""
    if c.kind in ("state", "law"):
        if c.symbol and re.search(r"/\d{4}[/-]", c.symbol):
            return ("state", c.symbol)  # the year is in the symbol
        if c.date is None:
            return None
        return ("state", c.symbol, c.date.year)
    if c.date is None:
        return None
    place = _jurisdiction(c, article)
    term = _term_at(reference, c.issuer_code, place, c.date)
    if term is None and not _has_term_set(reference, c.issuer_code, place):
        term = c.term  # the issuer's terms are unknown: the cited khóa is all there is
    period = term if term else c.date.year
    return ("party", c.issuer_code, place, v.canonical_type_code(c.type_code or ""), int(c.number), period)


def _jurisdiction(c: Citation, article: Harvested) -> str | None:
    if c.issuer_code not in v.LOCAL_PARTY_CODES:
        return None
    return place_named(c.issuer_text) or article.context.jurisdiction


def _term_at(reference: Registry, code: str | None, place: str | None, date: dt.date) -> str | None:
    for issuer in reference.issuers.values():
        if code in issuer.codes and v.fold(issuer.jurisdiction or "") == v.fold(place or "") and issuer.terms:
            term = reference.term_at(issuer, date)
            if term is not None:
                return term.name
    return None


def _has_term_set(reference: Registry, code: str | None, place: str | None) -> bool:
    return any(code in i.codes and v.fold(i.jurisdiction or "") == v.fold(place or "") and i.terms for i in reference.issuers.values())


def _propose(articles: list[Harvested], reference: Registry) -> dict[tuple, _Proposal]:
    proposals: dict[tuple, _Proposal] = {}
    for article in articles:
        resolved = resolve_article(article.citations, article.context, reference)
        for c, r in zip(article.citations, resolved):
            if r.status == "resolved":
                continue
            key = _proposal_key(c, article, reference)
            if key is None:
                continue
            p = proposals.get(key)
            if p is None:
                place = key[2] if key[0] == "party" else None
                p = proposals[key] = _Proposal(
                    symbol=c.symbol, kind=c.kind, type_name=c.type_name, type_code=c.type_code, number=c.number,
                    issuer_code=c.issuer_code, jurisdiction=place, term=key[5] if key[0] == "party" and isinstance(key[5], str) else None,
                    year=c.year, first_source=f"{article.path}:{c.line}",
                )
            if c.date:
                p.dates[c.date.isoformat()] += 1
            if c.issuer_text:
                p.issuer_texts[c.issuer_text] += 1
    return proposals


# --- issuers ---------------------------------------------------------------------------------------


def _issuer_for(p: _Proposal, reference: Registry, new_issuers: dict[str, Issuer], source: str) -> str:
    """The registry issuer the proposal's evidence names, or a new one."""
    pool = {**reference.issuers, **new_issuers}
    fitting = [i for i in pool.values() if p.issuer_code in i.codes
               and v.fold(i.jurisdiction or "") == v.fold(p.jurisdiction or "")]
    named = [i for i in fitting if any(issuer_named_by(t, i, p.jurisdiction) for t in p.issuer_texts)]
    if len({i.id for i in named}) == 1:
        return named[0].id
    if not p.issuer_texts:
        # No body named: the committee itself, not its standing committee or an organ of it.
        plain = [i for i in fitting if not re.match(r"(?i)ban thường vụ|thường trực|văn phòng", i.name)]
        if len(plain) == 1:
            return plain[0].id
    name = _issuer_name(p)
    issuer_id = v.ascii_slug(name)
    if issuer_id in pool:
        return issuer_id
    terms = next((i.terms for i in fitting if i.terms), None)
    new_issuers[issuer_id] = Issuer(
        id=issuer_id, kind="party" if p.kind == "party" else "state", name=name,
        codes=(p.issuer_code,) if p.issuer_code else (), jurisdiction=p.jurisdiction,
        numbering="term" if p.kind == "party" else "year", terms=terms, sources=(source,),
    )
    return issuer_id


def _issuer_name(p: _Proposal) -> str:
    if p.issuer_texts:
        text = p.issuer_texts.most_common(1)[0][0]
        head, place = split_local(text)
        if head is not None and place is None and p.jurisdiction:
            return f"{text} {p.jurisdiction}"
        return text
    if p.issuer_code == "TW":
        return "Trung ương Đảng"
    if p.issuer_code in ("TU", "ThU") and p.jurisdiction:
        return ("Thành ủy " if v.fold(p.jurisdiction) in _CITY_JURISDICTIONS else "Tỉnh ủy ") + p.jurisdiction
    return p.issuer_code or "unknown"


# --- the run -----------------------------------------------------------------------------------------


def generate(
    paths: Iterable[str],
    target: Path,
    options: Options | None = None,
    *,
    reference_files: list[tuple[str, bytes]] | None = None,
    progress: Callable[[str], None] | None = None,
    reader: Callable[[list[str]], Iterable[Harvested | str]] | None = None,
) -> Outcome:
    """Harvest ``paths`` into the generated registry file ``target`` (not written here: see
    :func:`citelint.fs.write_atomically`).  ``options`` gives the configuration (include and
    exclude globs, the default jurisdiction) and the articles' date and jurisdiction.
    ``reference_files`` is the rest of the registry (path, bytes): its documents are matched,
    never modified.  ``reader`` maps the list of files to their :func:`read_article` results,
    in order (the distributed path passes one)."""
    options = options or Options()
    outcome = Outcome()
    old_text = target.read_text(encoding="utf-8") if target.exists() else ""
    outcome.old_text = old_text
    reference_files = [f for f in (reference_files or []) if Path(f[0]).resolve() != target.resolve()]
    contents = reference_files + ([(str(target), old_text.encode("utf-8"))] if old_text.strip() else [])
    reference = build_registry(contents) if contents else Registry()
    root = target.parent

    articles = _read(paths, options, outcome, progress, reader)
    outcome.citations_seen = sum(len(a.citations) for a in articles)

    # Pass A: proposals for documents the registry lacks.
    new_issuers: dict[str, Issuer] = {}
    proposals = _propose(articles, reference)
    taken = set(reference.documents)
    new_docs: list[Document] = []
    for key, p in sorted(proposals.items(), key=lambda kv: repr(kv[0])):
        source = relative_source_of(p.first_source, root)
        issuer_id = _issuer_for(p, reference, new_issuers, source)
        dates = sorted(p.dates)
        date = dt.date.fromisoformat(dates[0]) if len(dates) == 1 else None
        year = date.year if date else (p.year or (key[5] if isinstance(key[-1], int) else None))
        doc_id = _unique_id(v.ascii_slug(f"{issuer_id}-{p.type_code or 'cv'}-{p.number}-{year or p.term or 'x'}"), taken)
        taken.add(doc_id)
        new_docs.append(Document(
            id=doc_id, type=p.type_name or _type_for_code(p.type_code), number=p.number, symbol=p.symbol,
            issuer=issuer_id, date=date, term=p.term, sources=(source,), verified=False,
        ))

    # Pass B: resolve everything against the registry as it will be, and gather the evidence.
    combined = _with(reference, new_issuers, new_docs)
    evidence: dict[str, dict] = defaultdict(lambda: {"articles": set(), "date": defaultdict(list), "issuer": defaultdict(list),
                                                     "title": defaultdict(list)})
    for article in articles:
        for c, r in zip(article.citations, resolve_article(article.citations, article.context, combined)):
            if r.status != "resolved":
                continue
            e = evidence[r.document.id]
            src = f"{article.path}:{c.line}"  # as the user named it; made relative when written
            e["articles"].add(article.path)
            if c.date:
                e["date"][c.date.isoformat()].append(src)
            if c.issuer_text:
                e["issuer"][c.issuer_text].append(src)
            if c.title:
                e["title"][c.title].append(src)

    generated_ids = {d.id for d in new_docs} | _ids_in(old_text)
    for doc_id, e in sorted(evidence.items()):
        doc = combined.documents[doc_id]
        dates = dict(sorted(e["date"].items()))
        if doc.date is not None and any(d != doc.date.isoformat() for d in dates):
            values = {doc.date.isoformat(): ["registry"], **{d: s for d, s in dates.items() if d != doc.date.isoformat()}}
            outcome.conflicts.append(Conflict(doc.symbol or doc.id, "date", values, verified=doc.verified))
        elif doc.date is None and len(dates) > 1:
            outcome.conflicts.append(Conflict(doc.symbol or doc.id, "date", dates))
    generated_evidence = {k: v_ for k, v_ in evidence.items() if k in generated_ids}
    if not new_docs and not new_issuers and not any(
            would_change(combined.documents[k], relative_evidence(e, root)) for k, e in generated_evidence.items()):
        outcome.new_text = old_text  # nothing to add or enrich: no round trip through the YAML writer
    elif old_text.strip() or new_docs or new_issuers:
        outcome.new_text, outcome.enriched = render(old_text, new_issuers, new_docs, generated_evidence, combined, root)
    else:
        outcome.new_text = old_text  # nothing to write: no file is created
    outcome.added = [d.id for d in new_docs]
    outcome.added_issuers = sorted(new_issuers)
    if outcome.changed:
        # Never write a registry that would not load: check the result as the next run will.
        build_registry(reference_files + [(str(target), outcome.new_text.encode("utf-8"))])
    return outcome


def _unique_id(base: str, taken: set[str]) -> str:
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def _type_for_code(code: str | None) -> str:
    names = v.types_for_code(code) if code else ()
    return names[0] if len(names) == 1 else "Văn bản"


def _with(reference: Registry, issuers: dict[str, Issuer], docs: list[Document]) -> Registry:
    reg = Registry(term_sets=dict(reference.term_sets), issuers={**reference.issuers, **issuers},
                   documents={**{k: reference.documents[k] for k in reference.documents}, **{d.id: d for d in docs}})
    reg.build_index()
    return reg


def _ids_in(text: str) -> set[str]:
    return set(re.findall(r"(?m)^\s*-\s*id:\s*['\"]?([a-z0-9][a-z0-9._-]*)", text))
