"""CL3xx: citations that contradict the registry or the article."""

from __future__ import annotations

import re
from typing import Iterator

from ..diagnostics import Diagnostic
from ..i18n import _
from ..resolve import issuer_named_by, sentence_around
from .base import RuleContext, unsafe_fix

NEEDS_REGISTRY = True  # every finding compares a citation with the registry


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    reg = ctx.registry
    article_date = ctx.context.trusted_date  # a weak date (a year the text mentions) dates nothing
    # the date and body written after a citation in another's title may be that one's
    in_title = [_in_outer_title(ctx, i) for i in range(len(ctx.citations))]
    for i, r in enumerate(ctx.resolved):
        c = r.citation
        if r.status == "meeting-without-type":
            issued = _and([f"{d.type} {d.symbol or ''}".strip() + (f" ({d.date:%d/%m/%Y})" if d.date else "") for d in r.candidates])
            if c.meeting == "plenum":
                message = _("plenum {plenum} (khóa {term}) issued no {type}; it issued {issued}")
            else:
                message = _("congress {term} issued no {type}; it issued {issued}")
            yield ctx.diagnostic("CL304", i, message.format(plenum=c.plenum, term=c.term, type=c.type_name, issued=issued),
                                 help=_("cite what the meeting issued"), weak=_weakness(r, r.candidates) or _unlisted(reg, c))
            continue
        doc = r.document
        if doc is None:
            continue
        issuer = reg.issuers[doc.issuer]
        label = doc.symbol or doc.id
        outer = in_title[i]
        if c.date is not None and doc.date is not None and c.date != doc.date and not outer:
            fix = None
            if doc.verified and c.date_text:
                a = c.start + c.text.find(c.date_text) if c.date_text in c.text else None
                if a is not None and a >= c.start:
                    fix = unsafe_fix(_("write the registry's date {date}").format(date=f"{doc.date:%d/%m/%Y}"),
                                     [(a, a + len(c.date_text), _format_like(c.date_text, doc.date))])
            yield ctx.diagnostic("CL301", i, _("{symbol} is dated {date} in the registry, not {cited}").format(
                                 symbol=label, date=f"{doc.date:%d/%m/%Y}", cited=f"{c.date:%d/%m/%Y}"),
                                 help=_source_help(doc), fix=fix, weak=_weakness(r, [doc]))
        if c.issuer_text and c.kind != "named" and not outer and c.issuer_text in c.text \
                and not any(issuer_named_by(name, reg.issuers[i], ctx.context.jurisdiction)
                            for i in (doc.issuer, *doc.co_issuers) for name in _body_names(c.issuer_text)) \
                and not (doc.co_issuers and _several_bodies(c.issuer_text)):
            fix = None
            at = c.text.rfind(c.issuer_text)
            if doc.verified and at >= 0 and c.text[at:] == c.issuer_text:  # the body ends the citation as written
                fix = unsafe_fix(_("name the registry's issuing body: {body}").format(body=issuer.name),
                                 [(c.start + at, c.start + at + len(c.issuer_text), issuer.name)])
            yield ctx.diagnostic("CL302", i, _("{symbol} was issued by {body}, not {cited}").format(
                                 symbol=label, body=issuer.name, cited=c.issuer_text),
                                 help=_source_help(doc), fix=fix, weak=_weakness(r, [doc]))
        if c.type_word and c.type_name and _base_type(c.type_name) != _base_type(doc.type):
            yield ctx.diagnostic("CL303", i, _("{symbol} is a {type}, not a {cited}").format(
                                 symbol=label, type=doc.type, cited=c.type_name),
                                 help=_source_help(doc), weak=_weakness(r, [doc]))
        if c.term and doc.term and c.term != doc.term and r.via != "antecedent":
            yield ctx.diagnostic("CL308", i, _("{symbol} belongs to khóa {term}, not khóa {cited}").format(
                                 symbol=label, term=doc.term, cited=c.term),
                                 help=_source_help(doc), weak=_weakness(r, [doc]))
        if c.plenum and c.kind != "named" and doc.meeting and doc.meeting.kind == "plenum" and doc.meeting.number \
                and doc.meeting.number != c.plenum:  # "18-NQ/TW của Hội nghị Trung ương 7"
            yield ctx.diagnostic("CL308", i, _("{symbol} was passed at plenum {plenum} (khóa {term}), not plenum {cited}").format(
                                 symbol=label, plenum=doc.meeting.number, term=doc.meeting.term, cited=c.plenum),
                                 help=_source_help(doc), weak=_weakness(r, [doc]))
        if article_date is not None:
            if doc.date is not None and doc.date > article_date:
                yield ctx.diagnostic("CL305", i, _("{symbol} is dated {date}, after the article ({article})").format(
                                     symbol=label, date=f"{doc.date:%d/%m/%Y}", article=_article_date(ctx)),
                                     help=_("check which document is meant, or the article's date"), weak=_weakness(r, [doc]))
            rb = doc.replaced_by
            if rb is not None and rb.effective <= article_date and not _historical(ctx.text, c.start, c.end):
                repl = reg.documents[rb.id]
                yield ctx.diagnostic("CL306", i,
                                     _("{symbol} was replaced by {successor} from {date}, before the article ({article})").format(
                                         symbol=label, successor=repl.symbol or repl.id, date=f"{rb.effective:%d/%m/%Y}",
                                         article=_article_date(ctx)),
                                     help=_("cite {successor}").format(successor=repl.symbol or repl.id)
                                     + (f" ({repl.title})" if repl.title else ""), weak=_weakness(r, [doc]))
    yield from _inconsistent_dates(ctx, in_title)


def _inconsistent_dates(ctx: RuleContext, in_title: list[bool]) -> Iterator[Diagnostic]:
    """One document cited with two dates.  Reported once per document, at the first date that
    differs; not when the registry knows the document's date (CL301 names the wrong one then),
    not for a citation in another's title (its date may be the outer one's), not for a Party
    symbol whose dates fall in two terms."""
    first: dict[str, tuple[int, object]] = {}
    reported: set[str] = set()
    for i, r in enumerate(ctx.resolved):
        c = r.citation
        if c.date is None:
            continue
        if r.document is not None and r.document.date is not None:
            continue
        if in_title[i]:
            continue
        key = r.document.id if r.document is not None else (c.symbol or None)
        if key is None or key in reported:
            continue
        if key not in first:
            first[key] = (i, c.date)
            continue
        j, date = first[key]
        if c.date != date and not _other_documents(ctx, c, date):
            reported.add(key)
            earlier = ctx.citations[j]
            weak = None
            year = _symbol_year(c)
            if year is not None and (year != c.date.year or year != date.year) and \
                    (c.date.day, c.date.month) != (date.day, date.month):
                # a date of another year than the symbol's, and another day: the symbol may be
                # miswritten, or the date another document's.  (Only the year differing is a typo
                # of the year: "21/3/2009" for 23/2007/TT-BTC of 21/3/2007.)
                weak = _("one date is not of {year}, the symbol's year: the symbol may be miswritten").format(year=year)
            yield ctx.diagnostic("CL307", i,
                                 _("{symbol} is dated {date} here but {other} at line {line}").format(
                                     symbol=c.symbol or key, date=f"{c.date:%d/%m/%Y}", other=f"{date:%d/%m/%Y}",
                                     line=_line(ctx, earlier)),
                                 help=_("use the document's date everywhere"), weak=weak)


_DATE_WORD = re.compile(r"ngày\s+\d")
_LIST_JOINT = re.compile(r"[ \t]*(?:,|và|,[ \t]*và)[ \t]*")
_TITLE_BREAK = re.compile(r"[;()\n]|\.(?!\S)")


def _in_outer_title(ctx: RuleContext, i: int) -> bool:
    """Whether citation ``i`` stands inside the title of an earlier citation on its line, so that
    the date and body written after it may be an outer document's: "Nghị quyết số
    01/2016/NQ-HĐTP Hướng dẫn áp dụng ... Bộ luật hình sự số 100/2015/QH13 ngày 30/06/2016 của
    Tòa án nhân dân tối cao" dates the resolution, not the code."""
    c = ctx.citations[i]
    if i == 0 or c.date is None and c.issuer_text is None:
        return False
    first = i  # the first item of the list this citation ends ("A ngày x và B ngày y")
    while first > 0 and _LIST_JOINT.fullmatch(ctx.text, ctx.citations[first - 1].end, ctx.citations[first].start):
        first -= 1
    if first == 0:
        return False
    outer = ctx.citations[first - 1]
    start = ctx.citations[first].start
    if outer.end > start or outer.line != c.line or outer.kind == "named":
        return False
    between = ctx.text[outer.end : start]
    if len(between.split()) < 2 or _TITLE_BREAK.search(between) or between.lstrip().startswith(","):
        return False  # a comma after the outer citation ends it: what follows is no title of it
    # an undated outer citation's title runs on to this one; a dated one's may too, and the body
    # written after this one then names the outer document's issuer, not this one's
    dated = outer.date is not None or _DATE_WORD.search(between)
    return not dated or _body_contradicts_code(c.issuer_text, c.issuer_code)


# What a State issuer code's body is called ("của Chính phủ" for CP): enough to see that "của Bộ
# Lao động - Thương binh và Xã hội" cannot have issued a decree 61/2015/NĐ-CP.
_BODY_FOR_CODE = (
    (re.compile(r"(?:UBTV)?QH\d*"), "quốc hội"),
    (re.compile(r"CP"), "chính phủ"),
    (re.compile(r"TTg"), "thủ tướng"),
    (re.compile(r"B[A-ZĐ&]+"), "bộ"),
)


def _body_contradicts_code(body: str | None, code: str | None) -> bool:
    if not body or not code:
        return False
    for pattern, name in _BODY_FOR_CODE:
        if pattern.fullmatch(code):
            return not body.lower().startswith(name) and name not in body.lower().split(" của ")[0]
    return False


# Words that make a mention of a document history, not current use: "Quy định này thay thế Quy
# định số X", "trước đây theo ...", "đã hết hiệu lực", "được sửa đổi bởi".
_HISTORY = re.compile(r"thay\s+thế|trước\s+đây|trước\s+khi|hết\s+hiệu\s+lực|bãi\s+bỏ|sửa\s+đổi|đã\s+được\s+thay",
                      re.IGNORECASE)
def _historical(text: str, start: int, end: int) -> bool:
    """Whether the sentence that cites [start, end) speaks of the document's history."""
    a, b = sentence_around(text, start, end, 200)
    return bool(_HISTORY.search(text, a, start) or _HISTORY.search(text, end, b))


def _base_type(type_name: str) -> str:
    """A code is a law ("Bộ luật Hình sự" is a Luật of the National Assembly)."""
    return "Luật" if type_name == "Bộ luật" else type_name


def _body_names(text: str) -> list[str]:
    """The body as written, and without the one or two capitalised words a title may have
    begun with ("của Chính phủ Quy định chi tiết ..." reads the body as "Chính phủ Quy")."""
    words = text.split()
    out = [text]
    for k in (1, 2):
        if len(words) > k and all(w[:1].isupper() for w in words[-k:]):
            out.append(" ".join(words[:-k]))
    return out


def _unlisted(reg, c) -> str | None:
    """Why "the plenum issued no such document" is not a fact: the registry does not know
    (from a source that lists them) everything the plenum issued."""
    if c.meeting != "plenum":
        return None
    plenum = reg.plenum(c.term, c.plenum) if c.term else None
    if plenum is None or not (plenum.complete and plenum.verified):
        return _("the registry may not list everything the plenum issued")
    return None


def _several_bodies(text: str) -> bool:
    """ "Bộ Tài chính và Bộ Khoa học và Công nghệ", "Liên bộ ...": a joint document's bodies,
    named together in a way no single name matches."""
    t = text.lower()
    return t.startswith("liên") or t.count("bộ") > 1 or "," in t


def _symbol_year(c) -> int | None:
    """The year a State symbol is written with ("120/2016/NĐ-CP"), not one taken from its date."""
    if c.kind != "state" or c.year is None or not c.symbol:
        return None
    return c.year if re.search(rf"(?<!\d){c.year}(?!\d)", c.symbol) else None


def _other_documents(ctx: RuleContext, c, other_date) -> bool:
    """Whether the two dates of one symbol may be two documents' (or one not this symbol's).
    A Party number restarts every term: 39-NQ/TW of 2015 and of 2019 are two resolutions.  A
    State symbol without a year restarts every year: 21/CT-TTg of 2021 and of 2023 are two
    directives.  (A State symbol with a year is dated in that year; a date of another year makes
    the finding a warning, in the caller.)"""
    if c.kind == "state":
        return _symbol_year(c) is None and c.date.year != other_date.year
    if c.kind != "party":
        return False
    central = ctx.registry.central_terms() if ctx.registry is not None else None
    if c.issuer_code == "TW" and central is not None:
        a, b = central.term_at(c.date), central.term_at(other_date)
        return a is None or b is None or a.name != b.name
    return abs(c.date.year - other_date.year) > 1  # a local committee's terms are not known here


def _weakness(r, docs) -> str | None:
    """Why a conflict with these registry documents is no error, if it is not."""
    if not all(d.verified for d in docs):
        return _("the registry's fact is unverified")
    if r.weak:
        return r.weak
    return None


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else _("{items} and {last}").format(items=", ".join(items[:-1]), last=items[-1])


def _line(ctx: RuleContext, c) -> int:
    return c.line


def _article_date(ctx: RuleContext) -> str:
    a = ctx.context
    if a.date is not None:
        return a.date.strftime("%d/%m/%Y")
    return str(a.year)


def _source_help(doc) -> str:
    facts = [doc.symbol or doc.id, doc.type, doc.date.strftime("%d/%m/%Y") if doc.date else None]
    text = _("registry: {facts}").format(facts=" · ".join(f for f in facts if f))
    if doc.sources:
        text += _(" (source: {source})").format(source=doc.sources[0])
    if not doc.verified:
        text += " [unverified]"
    return text


def _format_like(written: str, date) -> str:
    """The registry's date in the style the article used (30/7/2021, 30-7-2021, ngày...tháng...)."""
    if "tháng" in written:
        return f"{date.day:02d} tháng {date.month} năm {date.year}"
    sep = "-" if "-" in written else "/"
    day = f"{date.day:02d}" if written[:2].isdigit() and written[0] == "0" else str(date.day)
    return f"{day}{sep}{date.month}{sep}{date.year}"
