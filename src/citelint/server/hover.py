"""What hovering a citation shows: the registry entry it resolves to, or why it does not
resolve (with the candidates when several documents fit)."""

from __future__ import annotations

import re

from ..registry.index import Registry

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~])")


def _md(text: object) -> str:
    return _MD_SPECIAL.sub(r"\\\1", str(text))


def _iso(date) -> str | None:
    return date.isoformat() if date is not None else None


def _doc_summary(doc, registry: Registry) -> str:
    issuer = registry.issuers.get(doc.issuer)
    parts = [doc.symbol or doc.id, doc.type, _iso(doc.date), issuer.name if issuer else doc.issuer]
    return " · ".join(_md(p) for p in parts if p)


_STATUS_TEXT = {
    "in-force": "in force",
    "replaced": "replaced",
    "expired": "expired",
    "superseded": "superseded",
    "unknown": "unknown",
}
_UNRESOLVED_TEXT = {
    "ambiguous": "Ambiguous: several registry documents fit",
    "unknown": "Not in the registry",
    "no-antecedent": "A short form with no full citation in this article, and no single registry document that fits",
    "antecedent-unknown": "Its full citation in this article is not in the registry",
    "meeting-without-type": "Names a meeting but not what kind of document",
    "not-looked-up": "Cited by its name: the registry does not look documents up by name",
    "version-unknown": "Named without its year, and the article's date cannot tell which version is meant",
    "no-registry": "No registry for this file (the built-in one is turned off, `builtin-registry = false`, and none "
                   "is configured): only the form of the citation is checked",
}


def hover_markdown(resolved, registry: Registry | None) -> str:
    c = resolved.citation
    lines: list[str] = []
    doc = resolved.document
    if doc is not None and registry is not None:
        issuer = registry.issuers.get(doc.issuer)
        title = f"**{_md(doc.symbol)}** — {_md(doc.type)}" if doc.symbol else f"**{_md(doc.type)}** (`{doc.id}`)"
        lines.append(title)
        if doc.title:
            lines.append("")
            lines.append(f"*{_md(doc.title)}*")
        lines.append("")
        facts = [
            ("Issued by", _md(issuer.name) if issuer else _md(doc.issuer)),
            ("Date", _iso(doc.date)),
            ("Term", f"khóa {_md(doc.term)}" if doc.term else None),
        ]
        status = _STATUS_TEXT.get(doc.status, doc.status)
        if doc.replaced_by is not None:
            new = registry.documents.get(doc.replaced_by.id)
            by = f"**{_doc_summary(new, registry)}**" if new is not None else f"`{doc.replaced_by.id}`"
            replaced = f"replaced by {by} from {doc.replaced_by.effective.isoformat()}"
            status = replaced if doc.status == "replaced" else f"{status}; {replaced}"
        facts.append(("Status", status))
        predecessors = [i for i in registry.replaces.get(doc.id, []) if i in registry.documents]
        if predecessors:
            facts.append(("Replaces", ", ".join(_doc_summary(registry.documents[i], registry) for i in predecessors)))
        if doc.meeting is not None:
            m = doc.meeting
            what = (f"plenum {m.number} of the term {m.term}" if m.kind == "plenum" else f"the congress of the term {m.term}")
            facts.append(("Issued at", _md(what)))
        facts.append(("Sources", ", ".join(_md(s) for s in doc.sources) or "none"))
        facts.append(("Verified", "yes" if doc.verified else "no (not confirmed by a public source)"))
        if doc.notes:
            facts.append(("Notes", _md(doc.notes)))
        lines += [f"- **{k}:** {v}" for k, v in facts if v]
        via = f" · resolved via {resolved.via}" if resolved.via else ""
        lines.append("")
        lines.append(f"Registry entry `{doc.id}`{via}")
        if resolved.note:
            lines.append("")
            lines.append(f"*Note:* {_md(resolved.note)}")
        return "\n".join(lines)

    # Not resolved: say why, and what was cited.
    lines.append(f"**{_md(c.text)}**")
    lines.append("")
    lines.append(_UNRESOLVED_TEXT.get(resolved.status, f"Not resolved ({resolved.status})") + ".")
    if resolved.candidates and registry is not None:
        lines.append("")
        lines.append("Candidates:")
        lines += [f"- {_doc_summary(d, registry)} (`{d.id}`)" for d in resolved.candidates]
    if resolved.note:
        lines.append("")
        lines.append(f"*Note:* {_md(resolved.note)}")
    cited = [
        ("Symbol", c.symbol),
        ("Type", c.type_name),
        ("Number", c.number),
        ("Issuing body", c.issuer_text),
        ("Date", _iso(c.date)),
        ("Term", f"khóa {c.term}" if c.term else None),
        ("Title", c.title),
    ]
    cited = [(k, v) for k, v in cited if v]
    if cited:
        lines.append("")
        lines.append("As cited:")
        lines += [f"- **{k}:** {_md(v)}" for k, v in cited]
    return "\n".join(lines)
