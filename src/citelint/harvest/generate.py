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
import io
import os
import re
import tempfile
import unicodedata
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from .. import vocabulary as v
from ..context.infer import infer_context
from ..find.extract import extract_document
from ..text.files import LoadError, iter_files, load_document
from ..models import Citation
from ..registry.build import Document, Issuer, Registry, build_registry
from ..resolve import issuer_named_by, resolve_article

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
    undated_unknown: int = 0  # citations no document could be found or proposed for
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
class _Article:
    path: str
    citations: list[Citation]
    context: object


def read_article(path: str) -> _Article | str:
    """One file's citations that carry facts, with its context; or why it could not be read.
    (A plain function of the path: what a worker process runs for the distributed path.)"""
    try:
        doc = load_document(path)
    except LoadError as e:
        return str(e)
    citations = [c for c in extract_document(doc) if _has_facts(c)]
    return _Article(path, citations, infer_context(doc.text, markup=doc.markup) if citations else None)


def _read(paths: Iterable[str], include, exclude, outcome: Outcome, progress: Callable[[str], None] | None,
          reader: Callable[[list[str]], Iterable[_Article | str]] | None) -> list[_Article]:
    files = list(iter_files(paths, include, exclude))
    if reader is None:
        def reader(files: list[str]) -> Iterable[_Article | str]:
            for path in files:
                if progress:
                    progress(path)
                yield read_article(path)
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


def _source(path: str, line: int | str, root: Path) -> str:
    """A source as the registry records it: relative to the registry file's directory, so that
    the registry means the same on every machine (``../seeds/004.txt:6``)."""
    return f"{Path(os.path.relpath(Path(path).resolve(), root.resolve())).as_posix()}:{line}"


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


def _proposal_key(c: Citation, article: _Article, reference: Registry) -> tuple | None:
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


def _jurisdiction(c: Citation, article: _Article) -> str | None:
    if c.issuer_code not in ("TU", "HU", "QU", "ThU"):
        return None
    from ..resolve import _place_named

    return _place_named(c.issuer_text) or article.context.jurisdiction


def _term_at(reference: Registry, code: str | None, place: str | None, date: dt.date) -> str | None:
    for issuer in reference.issuers.values():
        if code in issuer.codes and v.fold(issuer.jurisdiction or "") == v.fold(place or "") and issuer.terms:
            term = reference.term_at(issuer, date)
            if term is not None:
                return term.name
    return None


def _has_term_set(reference: Registry, code: str | None, place: str | None) -> bool:
    return any(code in i.codes and v.fold(i.jurisdiction or "") == v.fold(place or "") and i.terms for i in reference.issuers.values())


def _propose(articles: list[_Article], reference: Registry) -> dict[tuple, _Proposal]:
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


def _slug(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d").replace("Ð", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "x"


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
    issuer_id = _slug(name)
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
        from ..resolve import _split_local

        head, place = _split_local(text)
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
    *,
    reference_files: list[tuple[str, bytes]] | None = None,
    include=(),
    exclude=(),
    progress: Callable[[str], None] | None = None,
    reader: Callable[[list[str]], Iterable[_Article | str]] | None = None,
) -> Outcome:
    """Harvest ``paths`` into the generated registry file ``target`` (not written here: see
    :func:`write_atomically`).  ``reference_files`` is the rest of the registry (path, bytes):
    its documents are matched, never modified.  ``reader`` maps the list of files to their
    :func:`read_article` results, in order (the distributed path passes one)."""
    outcome = Outcome()
    old_text = target.read_text(encoding="utf-8") if target.exists() else ""
    outcome.old_text = old_text
    reference_files = [f for f in (reference_files or []) if Path(f[0]).resolve() != target.resolve()]
    contents = reference_files + ([(str(target), old_text.encode("utf-8"))] if old_text.strip() else [])
    reference = build_registry(contents) if contents else Registry()
    root = target.parent

    articles = _read(paths, include, exclude, outcome, progress, reader)
    outcome.citations_seen = sum(len(a.citations) for a in articles)

    # Pass A: proposals for documents the registry lacks.
    new_issuers: dict[str, Issuer] = {}
    proposals = _propose(articles, reference)
    taken = set(reference.documents)
    new_docs: list[Document] = []
    for key, p in sorted(proposals.items(), key=lambda kv: repr(kv[0])):
        source = _relative_source(p.first_source, root)
        issuer_id = _issuer_for(p, reference, new_issuers, source)
        dates = sorted(p.dates)
        date = dt.date.fromisoformat(dates[0]) if len(dates) == 1 else None
        year = date.year if date else (p.year or (key[5] if isinstance(key[-1], int) else None))
        doc_id = _unique_id(_slug(f"{issuer_id}-{p.type_code or 'cv'}-{p.number}-{year or p.term or 'x'}"), taken)
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
                outcome.undated_unknown += 1
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
            _would_change(combined.documents[k], _relative_evidence(e, root)) for k, e in generated_evidence.items()):
        outcome.new_text = old_text  # nothing to add or enrich: no round trip through the YAML writer
    elif old_text.strip() or new_docs or new_issuers:
        outcome.new_text = render(old_text, new_issuers, new_docs, {k: v_ for k, v_ in evidence.items() if k in generated_ids},
                                  combined, outcome, root)
    else:
        outcome.new_text = old_text  # nothing to write: no file is created
    outcome.added = [d.id for d in new_docs]
    outcome.added_issuers = sorted(new_issuers)
    if outcome.changed:
        # Never write a registry that would not load: check the result as the next run will.
        build_registry(reference_files + [(str(target), outcome.new_text.encode("utf-8"))])
    return outcome


def _relative_source(source: str, root: Path) -> str:
    path, _, line = source.rpartition(":")
    return _source(path, line, root)


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
    reg._index()
    return reg


def _ids_in(text: str) -> set[str]:
    return set(re.findall(r"(?m)^\s*-\s*id:\s*['\"]?([a-z0-9][a-z0-9._-]*)", text))


# --- writing ---------------------------------------------------------------------------------------


def _yaml():
    from ruamel.yaml import YAML

    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    return y


_HEADER = (
    "# Documents found in articles by `citelint registry generate`: unverified until someone checks\n"
    "# them against their sources.  Edit freely: fields you set are never overwritten, and your\n"
    "# comments and order are kept.  Each entry's `evidence` says which articles state each fact.\n"
)


def render(old_text: str, new_issuers: dict[str, Issuer], new_docs: list[Document], evidence: dict[str, dict],
           combined: Registry, outcome: Outcome, root: Path) -> str:
    """The generated file with the new entries appended and generated entries enriched."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString as Q

    y = _yaml()
    data = y.load(old_text) if old_text.strip() else None
    if data is None:
        data = CommentedMap()
    if new_issuers:
        seq = data.setdefault("issuers", CommentedSeq())
        for issuer in sorted(new_issuers.values(), key=lambda i: i.id):
            m = CommentedMap()
            m["id"] = issuer.id
            m["kind"] = issuer.kind
            m["name"] = issuer.name
            m["codes"] = list(issuer.codes)
            if issuer.jurisdiction:
                m["jurisdiction"] = issuer.jurisdiction
            m["numbering"] = issuer.numbering
            if issuer.terms:
                m["terms"] = issuer.terms
            m["sources"] = list(issuer.sources)
            seq.append(m)
    docs = data.setdefault("documents", CommentedSeq())
    by_id = {m.get("id"): m for m in docs if isinstance(m, dict)}
    for doc in new_docs:
        m = CommentedMap()
        m["id"] = doc.id
        m["type"] = doc.type
        m["number"] = Q(doc.number)
        if doc.symbol:
            m["symbol"] = doc.symbol
        m["issuer"] = doc.issuer
        if doc.date:
            m["date"] = Q(doc.date.isoformat())
        if doc.term:
            m["term"] = doc.term
        m["sources"] = list(doc.sources)
        m["verified"] = False
        docs.append(m)
        by_id[doc.id] = m
    for doc_id, e in evidence.items():
        m = by_id.get(doc_id)
        if m is None:
            continue
        before = _snapshot(m)
        _enrich(m, _relative_evidence(e, root), combined.documents[doc_id])
        if doc_id not in {d.id for d in new_docs} and _snapshot(m) != before:
            outcome.enriched.append(doc_id)
    out = io.StringIO()
    y.dump(data, out)
    text = out.getvalue()
    if not old_text.strip():
        text = _HEADER + text
    return text


def _would_change(doc: Document, e: dict) -> bool:
    """Whether :func:`_enrich` would change this generated entry, judged from its loaded values."""
    if doc.title is None and e["title"]:
        return True
    if not doc.verified:
        known = set(doc.sources)
        if any(src not in known for srcs in (*e["date"].values(), *e["issuer"].values(), *e["title"].values()) for src in srcs):
            return True
    if len(e["date"]) > 1 and doc.date is None and doc.notes is None:
        return True
    if doc.evidence is not None and "articles" not in doc.evidence:
        return False  # evidence someone wrote by hand is theirs
    return doc.evidence != _evidence_value(e)


def _evidence_value(e: dict) -> dict:
    """The evidence mapping as it is written (and read back)."""
    out: dict = {"articles": len(e["articles"])}
    for fact in ("date", "issuer", "title"):
        if e[fact]:
            out[fact] = [{"value": value, "sources": sorted(set(srcs))} for value, srcs in sorted(e[fact].items())]
    return out


def _relative_evidence(e: dict, root: Path) -> dict:
    def rel(sources: list[str]) -> list[str]:
        return [_source(*src.rsplit(":", 1), root) for src in sources]

    return {"articles": e["articles"], **{fact: {value: rel(srcs) for value, srcs in e[fact].items()} for fact in ("date", "issuer", "title")}}


def _snapshot(m) -> str:
    out = io.StringIO()
    _yaml().dump(m, out)
    return out.getvalue()


def _enrich(m, e: dict, doc: Document) -> None:
    """Add what the evidence says and the entry lacks; never change a value that is there."""
    from ruamel.yaml.comments import CommentedMap

    titles = e["title"]
    if "title" not in m and titles:
        m["title"] = max(titles.items(), key=lambda kv: (len(kv[1]), len(kv[0]), kv[0]))[0]
    if m.get("verified") is not True:
        # Once someone has verified an entry its sources are theirs; until then each article
        # that states a fact is one of them.
        sources = list(m.get("sources") or [])
        for srcs in (*e["date"].values(), *e["issuer"].values(), *titles.values()):
            for s in srcs:
                if s not in sources:
                    sources.append(s)
        if list(m.get("sources") or []) != sources:
            m["sources"] = sources
    from ruamel.yaml.comments import CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString as Q

    ev = CommentedMap()
    ev["articles"] = len(e["articles"])
    for fact in ("date", "issuer", "title"):
        if e[fact]:
            items = CommentedSeq()
            for value, srcs in sorted(e[fact].items()):
                item = CommentedMap()
                item["value"] = Q(value) if fact == "date" else value
                item["sources"] = sorted(set(srcs))
                items.append(item)
            ev[fact] = items
    if len(e["date"]) > 1 and doc.date is None and "notes" not in m:
        m["notes"] = f"conflict: the articles give {len(e['date'])} dates (see evidence); none was picked"
    if "evidence" not in m or _snapshot(m["evidence"]) != _snapshot(ev):
        if "evidence" in m and not _generated_evidence(m["evidence"]):
            return  # evidence someone wrote by hand is theirs
        m["evidence"] = ev


def _generated_evidence(value) -> bool:
    return isinstance(value, dict) and "articles" in value


# --- atomic write under a lock ---------------------------------------------------------------------


@contextmanager
def locked(target: Path, *, wait: bool = True):
    """An exclusive lock beside the target: two generate runs on one registry take turns."""
    import fcntl

    lock_path = target.with_name(f".{target.name}.lock")
    fd = os.open(lock_path, os.O_CREAT | os.O_RDWR, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def write_atomically(target: Path, text: str) -> None:
    write_atomically_bytes(target, text.encode("utf-8"))


def write_atomically_bytes(target: Path, data: bytes) -> None:
    """Temporary file in the same directory, fsync, rename, fsync the directory: the target is
    either the old file or the new one, whatever happens (Ctrl-C, kill -9, a full disk).  An
    existing file keeps its permissions."""
    for stale in target.parent.glob(f".{target.name}.*.tmp"):  # left by a run that was killed
        try:
            stale.unlink()
        except OSError:
            pass
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        try:
            os.chmod(tmp, target.stat().st_mode & 0o7777)
        except FileNotFoundError:
            os.chmod(tmp, 0o644)
        os.replace(tmp, target)
        tmp = None
        dir_fd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
