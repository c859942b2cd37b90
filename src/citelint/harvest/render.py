"""Writing the generated registry file: YAML read and written with ruamel.yaml's round-trip
mode, so that comments, key order and quoting someone added by hand survive; new entries are
appended and generated entries enriched, never a hand-written value changed."""

from __future__ import annotations

import io
import os
from pathlib import Path

from ..registry.index import Registry
from ..registry.model import Document, Issuer


def relative_source(path: str, line: int | str, root: Path) -> str:
    """A source as the registry records it: relative to the registry file's directory, so that
    the registry means the same on every machine (``../seeds/004.txt:6``)."""
    return f"{Path(os.path.relpath(Path(path).resolve(), root.resolve())).as_posix()}:{line}"


def relative_source_of(source: str, root: Path) -> str:
    path, _, line = source.rpartition(":")
    return relative_source(path, line, root)


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
           combined: Registry, root: Path) -> tuple[str, list[str]]:
    """The generated file with the new entries appended and generated entries enriched, and the
    ids of the entries already there that gained something."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString as Q

    y = _yaml()
    data = y.load(old_text) if old_text.strip() else None
    if data is None:
        data = CommentedMap()
    if new_issuers:
        seq = data.setdefault("issuers", CommentedSeq())
        for issuer in sorted(new_issuers.values(), key=lambda i: i.id):
            seq.append(_entry([
                ("id", issuer.id), ("kind", issuer.kind), ("name", issuer.name), ("codes", list(issuer.codes)),
                ("jurisdiction", issuer.jurisdiction or None), ("numbering", issuer.numbering),
                ("terms", issuer.terms or None), ("sources", list(issuer.sources)),
            ]))
    docs = data.setdefault("documents", CommentedSeq())
    by_id = {m.get("id"): m for m in docs if isinstance(m, dict)}
    for doc in new_docs:
        m = by_id[doc.id] = _entry([
            ("id", doc.id), ("type", doc.type), ("number", Q(doc.number)), ("symbol", doc.symbol or None),
            ("issuer", doc.issuer), ("date", Q(doc.date.isoformat()) if doc.date else None), ("term", doc.term or None),
            ("sources", list(doc.sources)), ("verified", False),
        ])
        docs.append(m)
    enriched: list[str] = []
    for doc_id, e in evidence.items():
        m = by_id.get(doc_id)
        if m is None:
            continue
        before = _snapshot(m)
        _enrich(m, relative_evidence(e, root), combined.documents[doc_id])
        if doc_id not in {d.id for d in new_docs} and _snapshot(m) != before:
            enriched.append(doc_id)
    out = io.StringIO()
    y.dump(data, out)
    text = out.getvalue()
    if not old_text.strip():
        text = _HEADER + text
    return text, enriched


def _entry(fields: list[tuple[str, object]]):
    """A new YAML entry with the fields in this order, those that are None left out."""
    from ruamel.yaml.comments import CommentedMap

    m = CommentedMap()
    for key, value in fields:
        if value is not None:
            m[key] = value
    return m


def would_change(doc: Document, e: dict) -> bool:
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


def relative_evidence(e: dict, root: Path) -> dict:
    def rel(sources: list[str]) -> list[str]:
        return [relative_source(*src.rsplit(":", 1), root) for src in sources]

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
