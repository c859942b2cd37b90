"""Finding citations in a text: scan → parse → assemble, with every position in original terms.

``extract(text)`` is the library call; :func:`extract_prepared` does the work for text whose
markup has already been stripped (see :mod:`citelint.load`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from . import vocabulary as v
from .models import Citation, Deviation
from .normalize import normalize
from .offsets import LineIndex, OffsetChain
from .parse import WINDOW_LIMIT, RawDoc, Span, parse_window
from .load import Document, LoadError, load_document, strip_markup
from .grammar import type_word_pattern
from .scan import candidate_starts

# A short form followed by one of these is a count, not a document: "Kế hoạch 5 năm".
_COUNT_WORDS = frozenset(
    """năm tháng ngày tuần giờ phút quý tuổi người lần đợt đơn hộ xã phường huyện tỉnh điểm
    triệu tỷ nghìn ngàn trăm chục km m ha kg tấn đồng usd mục nội nhóm chỉ tiêu nhiệm vụ
    giải pháp bước khóa kỳ cấp loại tổ chi đảng viên cán bộ văn bản trường học sinh""".split()
)
_WORD_AFTER = re.compile(r"[ \t]*([^\W\d_]+|%)")
_NEXT_CITATION_IN_TITLE = re.compile(
    r"(?:,|[ \t](?:và|hoặc))[ \t]*(?:(?:các|những)[ \t]+)?" + type_word_pattern() + r"[ \t]+(?:[Ss]ố[ \t]*)?\d"
)
_SYMBOL_TAIL = re.compile(r"[ \t]?[-/][ \t]?[\w.]+(?:[ \t]?[-/][ \t]?[\w.]+)*")
_ETH = {"Ð": "Đ", "ð": "đ", "Ɖ": "Đ"}
_DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d")


def extract(text: str, *, markup: str = "text", path: str | None = None) -> list[Citation]:
    """Every citation in ``text``, in order.  ``markup`` is "text", "markdown" or "html"."""
    parse_text, markup_map = strip_markup(text, markup)
    return extract_prepared(text, parse_text, OffsetChain([markup_map]), path=path)


def extract_prepared(original: str, parse_text: str, to_original: OffsetChain, *, path: str | None = None) -> list[Citation]:
    """Citations in ``parse_text`` (markup stripped from ``original``; ``to_original`` maps back)."""
    norm = normalize(parse_text)
    chain = OffsetChain([*to_original.maps, *norm.offsets.maps])
    builder = _Builder(original, norm.text, chain, path)
    text = norm.text
    consumed = 0
    for start in candidate_starts(text):
        if start < consumed:
            continue
        line_end = text.find("\n", start)
        if line_end < 0:
            line_end = len(text)
        window_end = min(line_end, start + WINDOW_LIMIT)
        raws = parse_window(text[start:window_end])
        if not raws:
            continue
        kept = builder.add(start, raws, capped=window_end < line_end)
        if kept:
            consumed = start + max(r.end for r in raws)
    return builder.citations


# --- assembly -----------------------------------------------------------------------------


@dataclass
class _Draft:
    raw: RawDoc
    base: int  # absolute position of the window in normalised text
    type_name: str | None = None
    suffix_from: RawDoc | None = None  # the later item whose symbol this one shares
    body: Span | None = None
    body_base: int = 0
    inherited_type: bool = False
    deviations: list[tuple[str, str, int, int, str | None]] = field(default_factory=list)

    @property
    def symbol_raw(self) -> RawDoc | None:
        if self.raw.shape:
            return self.raw
        return self.suffix_from


class _Builder:
    def __init__(self, original: str, text: str, chain: OffsetChain, path: str | None) -> None:
        self.original = original
        self.text = text
        self.chain = chain
        self.path = path
        self.lines = LineIndex(original)
        self.citations: list[Citation] = []

    def add(self, base: int, raws: tuple[RawDoc, ...], *, capped: bool) -> bool:
        drafts = [_Draft(raw, base, type_name=_type_name_of_word(raw)) for raw in raws]
        _share_across_list(drafts)
        kept = [d for d in drafts if self._keep(d)]
        for d in kept:
            self.citations.append(self._citation(d, coordinated=len(kept) > 1, capped=capped))
        return bool(kept)

    # A reference with no symbol is kept only where it reads as one.
    def _keep(self, d: _Draft) -> bool:
        raw = d.raw
        if raw.form in ("plenum", "congress"):
            return True
        if raw.shape in ("year_symbol", "letter_symbol") and raw.type_word is None and not d.inherited_type:
            # "số 11/2005" may be a newspaper's issue, "12/A" a lot number: without a type word
            # these shapes are only citations when the letter names its unit ("2191/BNN-TCTL").
            return raw.shape == "letter_symbol" and len(raw.issuers) > 1
        if raw.shape == "year_symbol" and not 1945 <= int(raw.year.text) <= 2099:
            return False
        if d.symbol_raw is not None:
            return True
        if raw.form == "bare_number":
            return d.body is not None  # "số 15, 16 của Thành ủy"; else a plain count
        number = raw.number.text
        if len(number) > 5:
            return False
        if raw.so is None:
            if raw.type_word and raw.type_word.text[0].islower():
                return False  # "kế hoạch 5": lower case without "số" is ordinary prose
            if raw.type_word and not v.TYPE_BY_NAME[v.type_name_for_word(raw.type_word.text)].bare_short:
                return False  # "Phương án 1": an option, not a document
            if len(number) == 4 and 1900 <= int(number) <= 2099:
                return False  # "Kế hoạch 2018": a year
        m = _WORD_AFTER.match(self.text, d.base + raw.end)
        if m and m.group(1).lower() in _COUNT_WORDS:
            return False
        return True

    def _citation(self, d: _Draft, *, coordinated: bool, capped: bool) -> Citation:
        raw, base = d.raw, d.base
        sym = d.symbol_raw
        start, end = self.chain.span_to_source(base + raw.start, base + raw.end)
        line, column = self.lines.line_col(start)
        end_line, end_column = self.lines.line_col(end)

        fields: dict = dict(
            start=start,
            end=end,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            text=self.original[start:end],
            type_name=d.type_name,
            type_word=raw.type_word.text if raw.type_word else None,
            number=raw.number.text if raw.number else None,
            coordinated=coordinated,
            path=self.path,
        )
        devs: list[Deviation] = []

        if raw.form in ("plenum", "congress"):
            fields.update(self._named(raw, base, devs))
        elif sym is not None:
            fields.update(self._symbol(d, sym, devs))
        else:
            fields["kind"] = "short"
            self._unparsed_symbol(raw, base, devs)

        if raw.form not in ("plenum", "congress"):
            if d.body is not None:
                fields["issuer_text"] = d.body.text
            if raw.term is not None:
                fields["term"] = self._term(raw.term, base, devs)
            self._date(raw, base, fields, devs)
            fields["title"] = self._title(raw, base, start, capped)
            self._glue(raw, base, devs)
        self._eth_and_dashes(raw, base, start, end, devs)
        fields["deviations"] = tuple(sorted(devs, key=lambda x: (x.start, x.end, x.code)))
        return Citation.model_construct(**fields)

    # -- parts ---------------------------------------------------------------------------

    def _named(self, raw: RawDoc, base: int, devs: list[Deviation]) -> dict:
        out: dict = {"kind": "named", "meeting": raw.form}
        if raw.term is not None:
            out["term"] = self._term(raw.term, base, devs)
        if raw.form == "plenum":
            plenum = raw.plenum.text
            out["plenum"] = int(plenum) if plenum.isdigit() else v.ORDINAL_WORDS.get(" ".join(plenum.lower().split()))
            out["issuer_code"] = "TW"
            out["issuer_text"] = raw.body.text if raw.body else None
        else:
            out["issuer_text"] = raw.body.text if raw.body else None
        return out

    def _symbol(self, d: _Draft, sym: RawDoc, devs: list[Deviation]) -> dict:
        raw, base = d.raw, d.base
        shared = sym is not raw
        sym_base = d.base  # items of one list share one window
        code = v.canonical_type_code(sym.type_code.text) if sym.type_code else None
        issuers = [v.canonical_issuer_code(i.text) for i in sym.issuers]
        year = int(sym.year.text) if sym.year else None
        number = raw.number.text
        shape = sym.shape
        issuer_code = issuers[0] if shape == "letter_symbol" else ("-".join(issuers) or None)

        if shape == "party_symbol":
            kind = "state" if issuer_code and not v.is_party_issuer(issuer_code) else "party"
        elif shape == "assembly_symbol":
            kind = "law" if re.fullmatch(r"(?:UBTV)?QH\d*", issuer_code or "") else "state"
        elif shape in ("state_symbol", "state_year_symbol") and len(issuers) == 1 and v.is_party_issuer(issuers[0]):
            kind = "party"
        else:
            kind = "state"

        if kind == "party":
            symbol = f"{number}-{code}/{issuer_code}" if issuer_code else f"{number}-{code}"
        elif shape == "party_symbol":
            symbol = f"{number}-{code}/{issuer_code}"
        elif shape == "state_year_symbol":
            symbol = f"{number}/{sym.year.text}/{code}-{issuer_code}"
        elif shape == "assembly_symbol":
            symbol = f"{number}/{sym.year.text}/{issuer_code}"
        elif shape == "state_symbol":
            symbol = f"{number}/{code}-{issuer_code}"
        elif shape == "letter_symbol":
            symbol = f"{number}/{'-'.join(issuers)}"
        elif shape == "year_symbol":  # the press's "Nghị định 51/1999"
            symbol = f"{number}/{sym.year.text}"
        else:  # old_symbol: 367/2006-CV/LĐBĐ
            symbol = f"{number}/{sym.year.text}-{code}/{issuer_code}"

        type_name = d.type_name
        if type_name is None and code:
            names = v.types_for_code(code)
            type_name = names[0] if len(names) == 1 else None
        if type_name is None and shape == "letter_symbol":
            type_name = "Công văn"

        if not shared:
            self._symbol_deviations(sym, sym_base, kind, symbol, devs)
        return dict(
            kind=kind,
            symbol=symbol,
            type_name=type_name,
            type_code=code,
            year=year,
            issuer_code=issuer_code,
        )

    def _symbol_deviations(self, sym: RawDoc, base: int, kind: str, symbol: str, devs: list[Deviation]) -> None:
        s0, s1 = sym.symbol_span
        if kind == "party" and sym.shape in ("state_symbol", "state_year_symbol"):
            self._dev(devs, "party-number-state-separators",
                      f"a Party document's number is written NUMBER-TYPE/ISSUER: {symbol}",
                      base + s0, base + s1, symbol)
        else:
            toks = sym.symbol_tokens
            for a, b in zip(toks, toks[1:]):
                gap = self.text[base + a.end : base + b.start]
                if gap != gap.strip():
                    self._dev(devs, "symbol-spacing", "space inside a document symbol",
                              base + a.end, base + b.start, gap.strip())
        if sym.shape == "year_symbol":
            self._dev(devs, "incomplete-symbol", f"{symbol} has no type code or issuer (NUMBER/YEAR/TYPE-ISSUER)",
                      base + s0, base + s1, None)
        if kind == "party" and not sym.issuers:
            self._dev(devs, "missing-issuer", f"the symbol {symbol} has no issuer code (e.g. /TW, /TU)",
                      base + s0, base + s1, None)
        if sym.type_code and sym.type_code.text != v.canonical_type_code(sym.type_code.text):
            canon = v.canonical_type_code(sym.type_code.text)
            self._dev(devs, "type-code-spelling", f"type code {sym.type_code.text!r} is written {canon!r}",
                      base + sym.type_code.start, base + sym.type_code.end, canon)
        for tok in sym.issuers:
            canon = v.canonical_issuer_code(tok.text)
            if canon != tok.text:
                self._dev(devs, "issuer-spelling", f"issuer code {tok.text!r} is written {canon!r}",
                          base + tok.start, base + tok.end, canon)

    def _term(self, tok: Span, base: int, devs: list[Deviation]) -> str | None:
        if tok.text.isdigit():
            roman = v.int_to_roman(int(tok.text)) if 0 < int(tok.text) < 400 else None
            if roman:
                self._dev(devs, "arabic-term", f"terms are written in Roman numerals: khóa {roman}",
                          base + tok.start, base + tok.end, roman)
            return roman
        return tok.text if v.roman_to_int(tok.text) else None

    def _date(self, raw: RawDoc, base: int, fields: dict, devs: list[Deviation]) -> None:
        if raw.date_span is None:
            return
        day, month, year = (int(t.text) for t in raw.date_tokens)
        fields["date_text"] = raw.date_span.text
        try:
            fields["date"] = dt.date(year, month, day)
        except ValueError:
            self._dev(devs, "invalid-date", f"no such date: {raw.date_span.text}",
                      base + raw.date_span.start, base + raw.date_span.end, None)
            return
        if fields.get("year") is None:
            fields["year"] = year

    def _title(self, raw: RawDoc, base: int, start: int, capped: bool) -> str | None:
        title = raw.title
        if title is None:
            return None
        if raw.title_quoted:
            inner = re.sub(r"^việc[ \t]+", "", title.text)
            return inner[1:-1].strip() or None
        if capped and title.end >= WINDOW_LIMIT - 2:
            return None  # the line was cut before the clause ended
        # A plain title ends where the next coordinated citation begins ("... về X, Nghị quyết
        # số 19-NQ/TW về Y;"): that is a clear delimiter too.
        nxt = _NEXT_CITATION_IN_TITLE.search(title.text)
        if nxt:
            return title.text[: nxt.start()].strip() or None
        text = self.text
        after = base + title.end
        while after < len(text) and text[after] in " \t.":
            after += 1
        if after < len(text) and text[after] == ";":
            return title.text.strip()
        # The clause runs to the end of the line: a title only in a list ("...: A; B; C.").
        line_start = text.rfind("\n", 0, base + raw.start) + 1
        before = text[line_start : base + raw.start]
        if ";" in before or before.rstrip().endswith(":") or not before.strip(" \t-•*+"):
            return title.text.strip()
        return None

    def _glue(self, raw: RawDoc, base: int, devs: list[Deviation]) -> None:
        if raw.so and raw.number and raw.so.end == raw.number.start and not raw.so.text.endswith(":"):
            self._dev(devs, "missing-space", f"no space between {raw.so.text!r} and the number",
                      base + raw.so.start, base + raw.number.end, f"{raw.so.text} {raw.number.text}")
        if raw.date_keyword and raw.date_tokens and raw.date_keyword.end == raw.date_tokens[0].start:
            first = raw.date_tokens[0]
            self._dev(devs, "missing-space", f"no space between {raw.date_keyword.text!r} and the date",
                      base + raw.date_keyword.start, base + first.end, f"{raw.date_keyword.text} {first.text}")
        if raw.symbol_tokens:
            end = base + raw.symbol_tokens[-1].end
            if end < len(self.text) and self.text[end].isalpha():
                self._dev(devs, "missing-space", "no space after the symbol", end, end, " ")

    def _unparsed_symbol(self, raw: RawDoc, base: int, devs: list[Deviation]) -> None:
        """A short form whose number runs on into something symbol-like that did not parse
        ("Quy định số 30/2/2021"): kept, and marked, since it looks like a citation."""
        m = _SYMBOL_TAIL.match(self.text, base + raw.number.end)
        if m:
            self._dev(devs, "unparsed-symbol", f"{raw.number.text + m.group()!r} looks like a document symbol but is not one",
                      base + raw.number.start, m.end(), None)

    def _eth_and_dashes(self, raw: RawDoc, base: int, start: int, end: int, devs: list[Deviation]) -> None:
        original = self.original
        for i in range(start, end):
            c = original[i]
            if c in _ETH:
                devs.append(Deviation(code="eth-for-d", message=f"{c!r} (U+{ord(c):04X}) typed for {_ETH[c]!r}",
                                      start=i, end=i + 1, found=c, replacement=_ETH[c]))
        spans = []
        if raw.symbol_span:
            spans.append(raw.symbol_span)
        if raw.date_span:
            spans.append((raw.date_span.start, raw.date_span.end))
        for s, e in spans:
            a, b = self.chain.span_to_source(base + s, base + e)
            for i in range(a, b):
                if original[i] in _DASHES:
                    devs.append(Deviation(code="dash", message=f"U+{ord(original[i]):04X} used as a hyphen",
                                          start=i, end=i + 1, found=original[i], replacement="-"))

    def _dev(self, devs: list[Deviation], code: str, message: str, start: int, end: int, replacement: str | None) -> None:
        a, b = self.chain.span_to_source(start, end)
        if start == end:
            b = a
        devs.append(Deviation(code=code, message=message, start=a, end=b, found=self.original[a:b], replacement=replacement))


def _type_name_of_word(raw: RawDoc) -> str | None:
    if raw.type_word is None:
        return None
    name = v.type_name_for_word(raw.type_word.text)
    return None if name == "Văn bản" else name


def _share_across_list(drafts: list[_Draft]) -> None:
    """What coordinated references share: a later item's symbol suffix, the type word of an
    earlier one, and the issuing body named after the last one."""
    for d in drafts:
        if d.raw.body is not None:
            d.body = d.raw.body
    if len(drafts) < 2:
        return
    for i, d in enumerate(drafts):
        if d.raw.type_word is None and i > 0:
            # "các Nghị quyết số 18-NQ/TW, 19-NQ/TW": the type word carries over, unless the
            # item's own code says otherwise ("Quyết định 719/QĐ-TTg, 08/NQ-CP").
            for prev in reversed(drafts[:i]):
                if prev.raw.type_word is not None or prev.inherited_type:
                    if prev.type_name is None or _suffix_fits(prev.type_name, d.raw):
                        d.type_name = prev.type_name
                        d.inherited_type = True
                    break
        if d.raw.shape is None and d.raw.form in ("typed", "bare_number"):
            for later in drafts[i + 1 :]:
                if later.raw.shape:
                    if _suffix_fits(d.type_name, later.raw):
                        d.suffix_from = later.raw
                    break
    last_body = drafts[-1].raw.body
    if last_body is not None:
        for d in drafts[:-1]:
            if d.body is None:
                d.body = last_body


def _suffix_fits(type_name: str | None, sym: RawDoc) -> bool:
    if type_name is None or sym.type_code is None:
        return True
    return v.canonical_type_code(sym.type_code.text) in v.TYPE_BY_NAME[type_name].codes



# --- files --------------------------------------------------------------------------------


@dataclass
class FileResult:
    """What reading one file gave: its citations, or why it could not be read."""

    path: str
    citations: list[Citation] = field(default_factory=list)
    error: LoadError | None = None
    encoding: str | None = None
    notes: tuple[str, ...] = ()


def extract_document(doc: Document) -> list[Citation]:
    parse_text, markup_map = strip_markup(doc.text, doc.markup)
    return extract_prepared(doc.text, parse_text, OffsetChain([markup_map]), path=doc.path)


def extract_file(path: str) -> FileResult:
    """Citations of one file; an unreadable or undecodable file gives a result with ``error``."""
    try:
        doc = load_document(path)
    except LoadError as e:
        return FileResult(path, error=e)
    return FileResult(path, extract_document(doc), encoding=doc.encoding, notes=doc.notes)
