"""CL2xx: citations the registry cannot match to exactly one document."""

from __future__ import annotations

from typing import Iterator

from ..diagnostics import Diagnostic
from .base import RuleContext

NEEDS_REGISTRY = True  # every finding compares a citation with the registry


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    for i, r in enumerate(ctx.resolved):
        c = r.citation
        if r.status == "unknown":
            what = c.symbol or _named_description(c) or c.text
            note = f" ({r.note})" if r.note else ""
            known = r.note and r.note.startswith("the registry knows this symbol only")
            yield ctx.diagnostic("CL201", i, f"{what} {'of this date or term ' if known else ''}is not in the registry{note}",
                                 help="if the citation is right, add the document to the registry with its sources")
        elif r.status == "no-antecedent":
            yield ctx.diagnostic("CL202", i, f"'{c.text}' refers to no full citation in this article, and no single registry document fits",
                                 help=f"cite the document in full once, e.g. {c.type_name or ''} số {c.number}-... ngày ...".strip())
        elif r.status == "ambiguous":
            names = ", ".join(_candidate(d) for d in r.candidates)
            yield ctx.diagnostic("CL203", i, f"'{c.text}' fits {len(r.candidates)} documents: {names}",
                                 help="add the date or the term (khóa) to tell them apart")


def _candidate(d) -> str:
    when = d.date.isoformat() if d.date else (f"khóa {d.term}" if d.term else "undated")
    return f"{d.symbol or d.type} ({when})"


def _named_description(c) -> str | None:
    if c.meeting == "plenum":
        return f"{c.type_name} of plenum {c.plenum}" + (f" khóa {c.term}" if c.term else "")
    if c.meeting == "congress":
        return f"{c.type_name} of congress {c.term}"
    return None
