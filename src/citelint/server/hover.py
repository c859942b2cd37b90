"""What hovering a citation shows: the registry entry it resolves to, or why it does not
resolve (with the candidates when several documents fit)."""

from __future__ import annotations

import re

from ..registry.index import Registry
from ..i18n import N_, _

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
    "in-force": N_("in force"),
    "replaced": N_("replaced"),
    "expired": N_("expired"),
    "superseded": N_("superseded"),
    "unknown": N_("unknown"),
}
_UNRESOLVED_TEXT = {
    "ambiguous": N_("Ambiguous: several registry documents fit"),
    "unknown": N_("Not in the registry"),
    "no-antecedent": N_("A short form with no full citation in this article, and no single registry document that fits"),
    "antecedent-unknown": N_("Its full citation in this article is not in the registry"),
    "meeting-without-type": N_("Names a meeting but not what kind of document"),
    "not-looked-up": N_("Cited by its name: the registry does not look documents up by name"),
    "version-unknown": N_("Named without its year, and the article's date cannot tell which version is meant"),
    "no-registry": N_("No registry for this file (the built-in one is turned off, `builtin-registry = false`, and none "
                   "is configured): only the form of the citation is checked"),
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
            (_("Issued by"), _md(issuer.name) if issuer else _md(doc.issuer)),
            (_("Date"), _iso(doc.date)),
            (_("Term"), f"khóa {_md(doc.term)}" if doc.term else None),
        ]
        status = _(_STATUS_TEXT[doc.status]) if doc.status in _STATUS_TEXT else doc.status
        if doc.replaced_by is not None:
            new = registry.documents.get(doc.replaced_by.id)
            by = f"**{_doc_summary(new, registry)}**" if new is not None else f"`{doc.replaced_by.id}`"
            replaced = _("replaced by {by} from {date}").format(by=by, date=doc.replaced_by.effective.isoformat())
            status = replaced if doc.status == "replaced" else f"{status}; {replaced}"
        facts.append((_("Status"), status))
        predecessors = [i for i in registry.replaces.get(doc.id, []) if i in registry.documents]
        if predecessors:
            facts.append((_("Replaces"), ", ".join(_doc_summary(registry.documents[i], registry) for i in predecessors)))
        if doc.meeting is not None:
            m = doc.meeting
            what = (_("plenum {number} of the term {term}") if m.kind == "plenum" else _("the congress of the term {term}")).format(
                number=m.number, term=m.term)
            facts.append((_("Issued at"), _md(what)))
        facts.append((_("Sources"), ", ".join(_md(s) for s in doc.sources) or _("none")))
        facts.append((_("Verified"), _("yes") if doc.verified else _("no (not confirmed by a public source)")))
        if doc.notes:
            facts.append((_("Notes"), _md(doc.notes)))
        lines += [f"- **{k}:** {v}" for k, v in facts if v]
        via = _(" · resolved via {via}").format(via=resolved.via) if resolved.via else ""
        lines.append("")
        lines.append(_("Registry entry `{id}`").format(id=doc.id) + via)
        if resolved.note:
            lines.append("")
            lines.append(_("*Note:* {note}").format(note=_md(resolved.note)))
        return "\n".join(lines)

    # Not resolved: say why, and what was cited.
    lines.append(f"**{_md(c.text)}**")
    lines.append("")
    known = _UNRESOLVED_TEXT.get(resolved.status)
    lines.append((_(known) if known else _("Not resolved ({status})").format(status=resolved.status)) + ".")
    if resolved.candidates and registry is not None:
        lines.append("")
        lines.append(_("Candidates:"))
        lines += [f"- {_doc_summary(d, registry)} (`{d.id}`)" for d in resolved.candidates]
    if resolved.note:
        lines.append("")
        lines.append(_("*Note:* {note}").format(note=_md(resolved.note)))
    cited = [
        (_("Symbol"), c.symbol),
        (_("Type"), c.type_name),
        (_("Number"), c.number),
        (_("Issuing body"), c.issuer_text),
        (_("Date"), _iso(c.date)),
        (_("Term"), f"khóa {c.term}" if c.term else None),
        (_("Title"), c.title),
    ]
    cited = [(k, v) for k, v in cited if v]
    if cited:
        lines.append("")
        lines.append(_("As cited:"))
        lines += [f"- **{k}:** {_md(v)}" for k, v in cited]
    return "\n".join(lines)
