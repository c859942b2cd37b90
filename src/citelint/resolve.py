"""Resolving citations to registry documents.

- Full citations by key: a Party symbol's (issuer code, type code, number) names one document
  per term, so the term comes from the cited date, else the cited term (khóa), else the
  article's date (the document of the term in force then, else the latest earlier one).  /TU
  and other local codes mean the committee of the article's jurisdiction (or of the place the
  citation names).  State symbols carry their year.
- Short forms ("Chương trình 01") by their antecedent in the same article (the nearest before, else the first after);
  else by the unique registry document that fits the article's jurisdiction and date.
- Documents named by their meeting ("Nghị quyết Trung ương 4 (khóa XII)") through the record
  of what each plenum or congress issued.

Nothing is guessed: when several documents fit, the resolution lists them as candidates.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal

from . import vocabulary as v
from .i18n import _
from .diagnostics import ArticleContext, DocumentRef, Resolution
from .models import Citation
from .registry.index import Registry
from .registry.model import Document, Issuer

# Names that stand for any body writing /TW: the press says "Trung ương" for the Central
# Committee, the Politburo and the Secretariat alike.
_GENERIC_CENTRAL = frozenset(v.fold(n) for n in ("Trung ương", "Trung ương Đảng", "T.Ư", "TƯ", "TW", "Đảng"))
# Heads of local Party bodies: with a place ("Thành ủy Hà Nội") or alone (the article's).
_LOCAL_HEADS = {
    v.fold(h): codes
    for h, codes in (
        ("Thành ủy", ("TU",)),
        ("Tỉnh ủy", ("TU",)),
        ("Ban Thường vụ Thành ủy", ("TU",)),
        ("Ban Thường vụ Tỉnh ủy", ("TU",)),
        ("Thường trực Thành ủy", ("TU",)),
        ("Thường trực Tỉnh ủy", ("TU",)),
        ("Ban Chấp hành Đảng bộ", ("TU",)),
        ("Huyện ủy", ("HU",)),
        ("Quận ủy", ("QU",)),
    )
}
_LONGEST_HEAD = max(len(h.split("|")[0].split()) for h in _LOCAL_HEADS)  # "ban thường vụ thành ủy": 5 words

#: How one citation resolved: to one document; to several (ambiguous); to none (unknown); a
#: short form with no full citation or registry document to refer to (no-antecedent), or whose
#: full citation is itself unknown (antecedent-unknown); a meeting that issued no document of
#: the cited type (meeting-without-type); not looked up, for want of a registry (no-registry) or
#: because the registry has no index of documents by name (not-looked-up: "Luật Đất đai"); a law
#: named without its year where the article's date cannot tell which version it means
#: (version-unknown).
Status = Literal["resolved", "ambiguous", "unknown", "no-antecedent", "antecedent-unknown", "meeting-without-type",
                 "no-registry", "not-looked-up", "version-unknown"]


@dataclass
class Resolved:
    """The outcome for one citation."""

    citation: Citation
    status: Status
    document: Document | None = None
    candidates: list[Document] = field(default_factory=list)
    via: str | None = None
    note: str | None = None
    # why the choice is too weak for a conflict found on it to be an error (chosen by an uncertain
    # article date, by the words of a sentence, by a symbol another term may have used), or None
    weak: str | None = None
    # unknown because the registry's documents of this symbol are of another term, or later
    other_term: bool = False

    def resolution(self, registry: Registry) -> Resolution:
        return Resolution(
            resolved=document_ref(self.document, registry) if self.document else None,
            candidates=tuple(document_ref(d, registry) for d in self.candidates),
            via=self.via,
            note=self.note,
        )


def document_ref(doc: Document, registry: Registry) -> DocumentRef:
    return DocumentRef(
        id=doc.id,
        symbol=doc.symbol,
        type=doc.type,
        date=doc.date,
        issuer=registry.issuers[doc.issuer].name,
        title=doc.title,
        verified=doc.verified,
    )


def resolve_article(citations: list[Citation], context: ArticleContext, registry: Registry,
                    text: str | None = None) -> list[Resolved]:
    """How each citation resolves; ``text`` (the article, as the citations' offsets count it)
    lets the topic of a sentence choose among a meeting's documents."""
    resolver = _Resolver(registry, context, text)
    full = [resolver.full(c) if c.kind in ("party", "state", "law") else None for c in citations]
    # a short form the article dates somewhere ("nghị định 81 (ban hành ngày 23/11/1995)",
    # "Nghị định số 113/2003") is identified, by its type, number and date or year, wherever it
    # is written without them
    dated: dict[tuple[str | None, str | None], Citation | None] = {}
    for c in citations:
        if c.kind == "short" and (c.date or c.year) is not None and c.number:
            key = (c.type_name, c.number.lstrip("0"))
            first = dated.setdefault(key, c)
            if first is not None and (first.date or first.year) != (c.date or c.year):
                # two dates: one may be an outer document's ("nghị định 116 sửa đổi ... nghị
                # định 81 (ban hành 23/4/2004)" dates 116), so neither identifies it
                dated[key] = None
    antecedents = _Antecedents([r for r in full if r is not None], resolver)
    out: list[Resolved] = []
    for i, c in enumerate(citations):
        if full[i] is not None:
            out.append(full[i])
        elif c.kind == "short":
            out.append(resolver.short(c, antecedents, dated.get((c.type_name, (c.number or "").lstrip("0")))))
        else:
            out.append(resolver.named(c))
    return out


class _Antecedents:
    """An article's full citations, indexed by number, for its short forms: the candidates of a
    short form are filtered once per kind of short form (number, year, type, issuer words), not
    once per short form, and the nearest one found by bisection: an article with thousands of
    short forms costs what it has, not their product."""

    def __init__(self, full: list[Resolved], resolver: _Resolver) -> None:
        self._resolver = resolver
        self._by_number: dict[int, list[Resolved]] = {}
        for r in sorted(full, key=lambda r: r.citation.start):
            n = r.citation.number
            if n and n.isdigit():
                self._by_number.setdefault(int(n), []).append(r)
        self._memo: dict[tuple, tuple[list[Resolved], list[int]]] = {}

    def of(self, c: Citation, number: int | None) -> tuple[list[Resolved], list[int]]:
        """The full citations ``c`` may shorten, in the article's order, and where they start."""
        key = (number, c.year, c.type_name, c.issuer_text)
        found = self._memo.get(key)
        if found is None:
            rs = self._find(c, number)
            found = self._memo[key] = (rs, [r.citation.start for r in rs])
        return found

    def _find(self, c: Citation, number: int | None) -> list[Resolved]:
        same_number = [r for r in self._by_number.get(number, ()) if number is not None
                       and (c.year is None or r.citation.year in (None, c.year))]  # "số 12/2005" is not 12/2006/NĐ-CP
        return [
            r for r in same_number
            if _same_type(c.type_name, r.citation) and self._resolver._issuer_text_fits_citation(c.issuer_text, r.citation)
        ] or [
            # "Đề án 599" after "Quyết định số 599/QĐ-TTg ... (sau đây gọi tắt là Đề án 599)": a
            # scheme or programme is called by the number of the decision that approved it
            r for r in same_number if c.type_name in _APPROVED_BY_DECISION and r.citation.type_name == "Quyết định"
        ]


class _Resolver:
    def __init__(self, registry: Registry, context: ArticleContext, text: str | None = None) -> None:
        self.reg = registry
        self.ctx = context
        self.text = text
        self.article_date = context.effective_date

    # -- full citations ---------------------------------------------------------------------

    def full(self, c: Citation) -> Resolved:
        if c.kind == "party" and c.issuer_code and c.type_code and c.number and c.number.isdigit():
            candidates = self.reg.party_symbol(c.issuer_code, c.type_code, int(c.number))
            candidates = self._in_jurisdiction(candidates, c)
        elif c.symbol:
            candidates = self.reg.state_symbol(c.symbol)
        else:
            return Resolved(c, "unknown", note=_("the symbol has no issuer code to look it up by"))
        if not candidates:
            return Resolved(c, "unknown", via="symbol")
        possible = self._possible(c, candidates)
        if not possible:
            known = ", ".join(f"{d.date:%d/%m/%Y}" if d.date else f"khóa {d.term}" for d in candidates)
            return Resolved(c, "unknown", via="symbol", other_term=True, note=_(
                "the registry knows this symbol only for {known}: another term's document, or one later than the article"
            ).format(known=known))
        return self._symbol_alone(self._choose(c, possible, via="symbol"))

    def _symbol_alone(self, r: Resolved) -> Resolved:
        """A Party symbol cited with neither date nor term names a document of whichever term
        the reader assumes: the registry's may be another term's namesake ("Kết luận 28-KL/TW"
        in a 2024 text is khóa XIII's, not khóa XI's of 2012), unless the article is dated in the
        document's own term."""
        c, d = r.citation, r.document
        if d is None or r.weak or c.kind != "party" or c.date is not None or c.term is not None or not d.term:
            return r
        if self.reg.issuers[d.issuer].numbering != "term":
            return r
        at = self.ctx.trusted_date
        if at is None or self._term_of_date(d, at) != d.term:
            r.weak = _("the symbol, cited without its date, may be another term's document")
        return r

    def _after_article(self, d: Document) -> bool:
        """Issued after the article (by its trusted date): not a document it can cite."""
        article = self.ctx.trusted_date
        return article is not None and d.date is not None and d.date > article

    def _possible(self, c: Citation, docs: list[Document]) -> list[Document]:
        """The documents a citation can mean: numbering restarts every term, so one of another
        term than the cited date's or the cited term (khóa), or one dated after the article, is
        another document with the same number, not this one misquoted."""
        out = []
        for d in docs:
            if c.term is not None and d.term and d.term != c.term and d.date != c.date:
                continue  # "Chỉ thị 27-CT/TW ngày 12/01/1998 (khóa VIII)" is not khóa XII's 27-CT/TW
            if c.date is not None:
                if d.date != c.date and d.term and self._term_of_date(d, c.date) != d.term \
                        and self.reg.term_set_of(self.reg.issuers[d.issuer]) is not None:
                    continue  # dated in another term, or before every term the registry knows
            elif c.term is not None:
                if d.term and d.term != c.term:
                    continue
            elif self._after_article(d):
                continue
            out.append(d)
        return out

    def _in_jurisdiction(self, docs: list[Document], c: Citation) -> list[Document]:
        if c.issuer_code not in v.LOCAL_PARTY_CODES:
            return docs
        place = place_named(c.issuer_text) or self.ctx.jurisdiction
        if place is None:
            return docs  # unknown: every province's document stays a candidate
        key = v.fold(place)
        return [d for d in docs if v.fold(self.reg.issuers[d.issuer].jurisdiction or "") == key]

    def _choose(self, c: Citation, docs: list[Document], via: str) -> Resolved:
        """One document among those sharing a key, by type, date, term, then the article's date."""
        if len(docs) > 1 and c.type_name is not None:
            # before 2016 a law and a resolution of the National Assembly could share a symbol
            # (18/2008/QH12): the type written with it tells them apart
            of_type = [d for d in docs if d.type == c.type_name]
            docs = of_type or docs
        if len(docs) == 1:
            return self._one(c, docs[0], via)
        if c.date is not None:
            exact = [d for d in docs if d.date == c.date]
            if len(exact) == 1:
                return self._one(c, exact[0], via)
            in_term = [d for d in docs if self._term_of_date(d, c.date) == d.term and d.term]
            if len(in_term) == 1:
                return self._one(c, in_term[0], via, note=_("the term of the cited date"))
        if c.term is not None:
            same_term = [d for d in docs if d.term == c.term]
            if len(same_term) == 1:
                return self._one(c, same_term[0], via, note=f"khóa {c.term}")
            if same_term:
                docs = same_term
        if len({self.reg.issuers[d.issuer].jurisdiction for d in docs}) > 1:
            # /TU of several provinces and no place known: the article's date cannot choose
            return Resolved(c, "ambiguous", candidates=docs, via=via, note=_("the article's jurisdiction is unknown"))
        chosen = self._in_force(docs)
        if chosen is not None:
            return self._by_article_date(self._one(c, chosen[0], via, note=chosen[1]))
        return Resolved(c, "ambiguous", candidates=docs, via=via)

    def _by_article_date(self, r: Resolved) -> Resolved:
        """``r``, chosen by the article's date: weak when that date is."""
        if self.ctx.date_confidence == "low":
            r.weak = _("the document was chosen by an uncertain article date")
            r.note = (_("{note}, by an uncertain article date").format(note=r.note) if r.note
                      else _("by an uncertain article date"))
        return r

    def _in_force(self, docs: list[Document]) -> tuple[Document, str] | None:
        """The document of the term in force at the article's date, else the latest earlier."""
        date = self.article_date
        if date is None:
            return None
        current = [d for d in docs if d.term and self._term_of_date(d, date) == d.term]
        if len(current) == 1:
            return current[0], _("the term in force at the article's date")
        if len(current) > 1 or self.ctx.date_confidence == "low":
            # an uncertain date tells at most the term: "the latest earlier" document may be an
            # older namesake of one of that term the registry does not know (28-KL/TW of 2012
            # for the one of 2022)
            return None
        earlier = [d for d in docs if d.date is not None and d.date <= date]
        if earlier:
            latest = max(d.date for d in earlier)
            best = [d for d in earlier if d.date == latest]
            if len(best) == 1:
                return best[0], _("the latest before the article's date")
        return None

    def _term_of_date(self, doc: Document, date: dt.date) -> str | None:
        term = self.reg.term_at(self.reg.issuers[doc.issuer], date)
        return term.name if term else None

    def _one(self, c: Citation, doc: Document, via: str, note: str | None = None) -> Resolved:
        return Resolved(c, "resolved", document=doc, via=via, note=note)

    # -- short forms -----------------------------------------------------------------------------

    def short(self, c: Citation, full: _Antecedents, dated: Citation | None = None) -> Resolved:
        """``dated``: a short form of the same type and number that the article dates (or gives
        the year of)."""
        if (c.date is not None or c.year is not None) and dated is not None:
            dated = c
        number = int(c.number) if c.number and c.number.isdigit() else None
        antecedents, starts = full.of(c, number)
        if antecedents:
            # as a reader does: the nearest full citation before the short form, else the first
            # after it ("Nghị định số 108/2005/NĐ-CP ... theo Nghị định 108")
            k = bisect.bisect_left(starts, c.start)
            nearest = antecedents[k - 1] if k > 0 else antecedents[0]
            symbol = nearest.citation.symbol
            if nearest.document is not None:
                return Resolved(c, "resolved", document=nearest.document, via="antecedent",
                                note=_("as {symbol} in this article").format(symbol=symbol),
                                weak=nearest.weak)
            if nearest.candidates:
                return Resolved(c, "ambiguous", candidates=nearest.candidates, via="antecedent",
                                note=_("as {symbol} in this article").format(symbol=symbol))
            return Resolved(c, "antecedent-unknown", via="antecedent",
                            note=_("refers to {symbol} in this article").format(symbol=symbol))
        if number is None or c.type_name is None:
            return Resolved(c, "no-antecedent")
        docs = [d for d in self.reg.type_number(c.type_name, number)
                if any(self._issuer_fits(c.issuer_text, self.reg.issuers[i]) for i in (d.issuer, *d.co_issuers))]
        docs = [d for d in docs if not self._after_article(d)]
        when = ""
        if dated is not None:
            when = (_("dated {date}").format(date=f"{dated.date:%d/%m/%Y}") if dated.date
                    else _("of {year}").format(year=dated.year))
            # numbering restarts every year (State) or term (Party): another year's document is
            # another document; one of that year with another day is this one, its date mistyped
            year = dated.date.year if dated.date else dated.year
            docs = [d for d in docs if d.date is not None and d.date.year == year]
            if len(docs) == 1:
                where = _(" in this article") if dated is c else _(" at line {line}").format(line=dated.line)
                return self._one(c, docs[0], via="registry", note=f"{when}{where}")
        if not docs:
            if dated is not None:
                # identified by its type, number and date or year, but never by its symbol
                where = _(" in this article") if dated is c else _(" at line {line}").format(line=dated.line)
                return Resolved(c, "no-antecedent", note=f"{when}{where}")
            return Resolved(c, "no-antecedent")
        if c.issuer_text is None and c.date is None and self.ctx.trusted_date is None:
            # "Nghị quyết 15" alone in an article of unknown date: the registry's documents with
            # that type and number are guesses, not candidates
            return Resolved(c, "no-antecedent")
        if len(docs) == 1:
            return self._one(c, docs[0], via="registry")
        chosen = self._in_force(docs)
        if chosen is not None:
            return self._by_article_date(self._one(c, chosen[0], via="registry", note=chosen[1]))
        return Resolved(c, "ambiguous", candidates=docs, via="registry")

    def _issuer_text_fits_citation(self, text: str | None, full: Citation) -> bool:
        """A short form's "của Thành ủy" fits a /TU citation, not a /TW one."""
        if not text or not full.issuer_code:
            return True
        key = v.fold(text)
        head, _ = split_local(text)
        if head is not None:
            return full.issuer_code in _LOCAL_HEADS[head]
        if key in _GENERIC_CENTRAL:
            return full.issuer_code == "TW"
        return True

    def _issuer_fits(self, text: str | None, issuer: Issuer) -> bool:
        """Whether a body as the text names it ("Thành ủy", "Bộ Chính trị") can be ``issuer``.
        With no name in the text: any national body, or a local one of the article's place."""
        if not text:
            return issuer.jurisdiction is None or (
                self.ctx.jurisdiction is not None and v.fold(issuer.jurisdiction) == v.fold(self.ctx.jurisdiction))
        return issuer_named_by(text, issuer, self.ctx.jurisdiction)

    # -- named references ----------------------------------------------------------------------

    def named(self, c: Citation) -> Resolved:
        if c.meeting is None:  # a law, code or ordinance by its name, the Constitution, the Charter
            return self._by_name(c)
        if c.meeting == "congress" and c.issuer_text and split_local(c.issuer_text)[0] is None \
                and v.fold(c.issuer_text).startswith(v.fold("Đảng bộ")):
            return Resolved(c, "unknown", via="congress", note=_("a local Party congress"))
        term = c.term or self._central_term_at_article()
        if term is None:
            return Resolved(c, "unknown", via=c.meeting, note=_("no term given and the article's date is unknown"))
        by_date = c.term is None
        docs = self.reg.meeting(c.meeting, c.plenum, term)
        if not docs:
            return Resolved(c, "unknown", via=c.meeting)
        of_type = [d for d in docs if c.type_name is None or d.type == c.type_name]
        if not of_type:
            r = Resolved(c, "meeting-without-type", candidates=docs, via=c.meeting)
            return self._by_article_date(r) if by_date else r
        if len(of_type) == 1:
            r = self._one(c, of_type[0], via=c.meeting)
            return self._by_article_date(r) if by_date else r
        topical = self._by_topic(c, of_type)
        if topical is not None:
            r = self._one(c, topical, via=c.meeting, note=_("by the topic of the sentence"))
            r.weak = _("the document was chosen by words of the sentence")  # a guess, on which no error may rest
            return r
        return Resolved(c, "ambiguous", candidates=of_type, via=c.meeting)

    def _by_topic(self, c: Citation, docs: list[Document]) -> Document | None:
        """The one document whose title has words of its own (in no other candidate's title)
        in the citation's sentence: "Nghị quyết Trung ương 4 (khóa XI) ... xây dựng, chỉnh đốn
        Đảng" is 12-NQ/TW ("... xây dựng Đảng hiện nay"), not 13-NQ/TW (infrastructure)."""
        if self.text is None or any(not d.title for d in docs):
            return None
        a, b = sentence_around(self.text, c.start, c.end, 300)
        sentence = set(_words(self.text[a : c.start] + " " + self.text[c.end : b]))
        titles = [set(_words(d.title or "")) for d in docs]
        hits = []
        for k, words in enumerate(titles):
            own = words.difference(*(t for j, t in enumerate(titles) if j != k))
            hits.append(len(own & sentence))
        best = max(hits)
        return docs[hits.index(best)] if best > 0 and hits.count(best) == 1 else None

    def _by_name(self, c: Citation) -> Resolved:
        """"Luật Đất đai 2013": the version of that year; "Bộ luật Lao động": the version in
        force at the article's (trusted) date.  Laws are re-enacted under one name, and the
        registry may not know every version: without a year and a trusted date, or in the months
        between a new version's passing and its taking effect, which one is meant cannot be told."""
        name = c.canonical_name
        docs = self.reg.named(name) if name else []
        if not docs:
            return Resolved(c, "not-looked-up", note=_("the registry has no document called {name}").format(name=name) if name else None)
        if c.year is not None:
            of_year = [d for d in docs if d.date is not None and d.date.year == c.year]
            if len(of_year) == 1:
                return self._one(c, of_year[0], via="name")
            if not of_year:
                known = ", ".join(f"{d.symbol} ({d.date.year})" for d in docs if d.date)
                return Resolved(c, "unknown", via="name", note=_("the registry knows {name} only as {known}").format(name=name, known=known))
            return Resolved(c, "ambiguous", candidates=of_year, via="name")
        at = self.ctx.trusted_date  # a year the text mentions, or a date in the lead, dates no version
        if at is None:
            return Resolved(c, "version-unknown", candidates=docs, via="name",
                            note=_("cited without its year in an article of unknown date"))
        issued = [d for d in docs if d.date is not None and d.date <= at]
        if not issued:
            return Resolved(c, "unknown", via="name", note=_("every {name} in the registry is later than the article").format(name=name))
        chosen = issued[-1]  # oldest first: the latest passed by the article's date
        if chosen.effective is not None and chosen.effective > at:
            # passed, not yet in force: the article may mean it or the version it replaces
            return Resolved(c, "version-unknown", candidates=issued[-2:], via="name",
                            note=_("{symbol} was passed but not yet in force at the article's date").format(symbol=chosen.symbol))
        return self._one(c, chosen, via="name", note=_("the version in force at the article's date"))

    def _central_term_at_article(self) -> str | None:
        if self.article_date is None:
            return None
        central = self.reg.central_terms()
        term = central.term_at(self.article_date) if central else None
        return term.name if term else None


_SENTENCE_END = re.compile(r"[.!?;\n]")


def sentence_around(text: str, start: int, end: int, reach: int) -> tuple[int, int]:
    """Where the clause that holds [start, end) begins and ends (at ". ! ? ;" or a line
    break), looking at most ``reach`` characters either way."""
    a = max(0, start - reach)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, a, start)]
    a = ends[-1] if ends else a
    m = _SENTENCE_END.search(text, end, end + reach)
    return a, m.start() if m else min(len(text), end + reach)


_WORD = re.compile(r"[^\W\d_]+")


def _words(text: str) -> list[str]:
    return [v.fold(w) for w in _WORD.findall(text) if len(w) > 1]


def issuer_named_by(text: str, issuer: Issuer, jurisdiction: str | None) -> bool:
    """Whether the body named in ``text`` can be ``issuer`` (generic names fit several)."""
    key = v.fold(text)
    if key in _GENERIC_CENTRAL:
        return "TW" in issuer.codes or (key == v.fold("Đảng") and issuer.jurisdiction is None)
    if key in (v.fold(n) for n in (issuer.name, *issuer.aliases)):
        return True
    head, place = split_local(text)
    if head is not None:
        place = place or jurisdiction
        if not set(_LOCAL_HEADS[head]) & set(issuer.codes):
            return False
        if head.startswith(v.fold("Ban Thường vụ")) and v.fold("Ban Thường vụ") not in v.fold(issuer.name):
            return False
        return place is None or v.fold(issuer.jurisdiction or "") == v.fold(place)
    return False


def split_local(text: str | None) -> tuple[str | None, str | None]:
    """("thành ủy", "Hà Nội") for "Thành ủy Hà Nội"; (None, None) if no local head."""
    if not text:
        return None, None
    words = text.split()
    for n in range(min(_LONGEST_HEAD, len(words)), 0, -1):
        head = v.fold(" ".join(words[:n]))
        if head in _LOCAL_HEADS:
            rest = " ".join(words[n:])
            for level in ("thành phố", "tỉnh", "TP.", "TP"):
                if v.fold(rest).startswith(v.fold(level) + " "):
                    rest = rest[len(level) :].strip()
            return head, rest or None
    return None, None


def place_named(issuer_text: str | None) -> str | None:
    return split_local(issuer_text)[1]


_APPROVED_BY_DECISION = frozenset({"Đề án", "Chương trình", "Kế hoạch", "Dự án", "Quy chế", "Phương án"})


def _same_type(type_name: str | None, full: Citation) -> bool:
    if type_name is None:
        return True
    if full.type_name is not None:
        # "Thông tư số 1232/1998" after "Thông tư liên tịch số 1232/1998/TTLT-...": a joint
        # circular is a circular, and the press shortens it so
        return full.type_name == type_name or full.type_name.removesuffix(" liên tịch") == type_name
    return full.type_code is not None and full.type_code in v.TYPE_BY_NAME[type_name].codes
