"""CL2xx: citations the registry cannot match to exactly one document."""

from __future__ import annotations

import re
from typing import Iterator

from ..diagnostics import Diagnostic
from ..i18n import _
from .base import RuleContext

NEEDS_REGISTRY = True  # every finding compares a citation with the registry


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    for i, r in enumerate(ctx.resolved):
        c = r.citation
        if r.status == "unknown":
            what = c.symbol or _named_description(c) or c.text
            note = f" ({r.note})" if r.note else ""
            message = _("{what} of this date or term is not in the registry") if r.other_term else _("{what} is not in the registry")
            yield ctx.diagnostic("CL201", i, message.format(what=what) + note,
                                 help=_("if the citation is right, add the document to the registry with its sources"))
        elif r.status == "no-antecedent" and r.note:  # dated, or with its year: identified, but not by its symbol
            yield ctx.diagnostic("CL202", i, _("'{text}' is cited without its symbol ({note}), and no registry document of "
                                               "that number and year fits").format(text=c.text, note=r.note),
                                 help=_("cite the document in full once, e.g. {example}").format(example=_example(c)))
        elif r.status == "no-antecedent":
            yield ctx.diagnostic("CL202", i, _("'{text}' refers to no full citation in this article, and no single registry "
                                               "document fits").format(text=c.text),
                                 help=_("cite the document in full once, e.g. {example}").format(example=_example(c)))
        elif r.status == "ambiguous":
            if c.meeting is not None and _collective(ctx.text, c.start, c.end):
                continue  # "các Nghị quyết Trung ương 6, 7 khóa XII": every one of them is meant
            names = ", ".join(_candidate(d) for d in r.candidates)
            yield ctx.diagnostic("CL203", i, _("'{text}' fits {count} registry documents: {names}").format(
                                 text=c.text, count=len(r.candidates), names=names),
                                 help=_("add the date or the term (khóa) to tell them apart"))


_PLURAL_BEFORE = re.compile(r"(?:các|những|Các|Những)[ \t]+$")
_MORE_MEETINGS_AFTER = re.compile(r"[ \t]*(?:,|và|;)[ \t]*(?:\d|[IVX]+(?![^\W\d_])|lần[ \t]+thứ)")


def _collective(text: str, start: int, end: int) -> bool:
    """Whether a meeting's documents are cited together: "các Nghị quyết Trung ương ...", "Nghị
    quyết Hội nghị Trung ương 6, 7 khóa XII"."""
    return bool(_PLURAL_BEFORE.search(text, max(0, start - 8), start) or _MORE_MEETINGS_AFTER.match(text, end))


_STATE_BODIES = ("chính phủ", "thủ tướng", "ubnd", "ủy ban nhân dân", "uỷ ban nhân dân", "bộ ", "quốc hội", "hđnd")


def _example(c) -> str:
    """A full citation of the short form's kind: a State document's symbol carries its year and
    issuer (Nghị định số 108/2006/NĐ-CP), a Party document's its type and committee (Chỉ thị số
    05-CT/TW)."""
    from .. import vocabulary as v

    t = v.TYPE_BY_NAME.get(c.type_name or "")
    code = t.codes[0] if t and t.codes else "..."
    body = (c.issuer_text or "").lower()
    state = c.type_name in ("Nghị định", "Thông tư", "Thông tư liên tịch", "Công văn") or body.startswith(_STATE_BODIES)
    if state:
        return f"{c.type_name or 'Văn bản'} số {c.number}/<năm>/{code}-<cơ quan> ngày ..."
    return f"{c.type_name or 'Văn bản'} số {c.number}-{code}/<cấp ủy> ngày ..."


def _candidate(d) -> str:
    when = f"{d.date:%d/%m/%Y}" if d.date else (f"khóa {d.term}" if d.term else _("undated"))
    return f"{d.symbol or d.type} ({when})"


def _named_description(c) -> str | None:
    if c.meeting == "plenum":
        return (_("{type} of plenum {plenum} khóa {term}") if c.term else _("{type} of plenum {plenum}")).format(
            type=c.type_name, plenum=c.plenum, term=c.term)
    if c.meeting == "congress":
        return _("{type} of congress {term}").format(type=c.type_name, term=c.term)
    return None
