"""From the grammar's raw parts to citations, relative to their window.

Assembly decides what a parse means: which coordinated items share a symbol suffix, a type
word or an issuing body; which short forms are citations and which are counts ("Kế hoạch 5
năm"); the canonical symbol and kind; every deviation from the canonical way of writing it.

It is a pure function of the window's text and two facts about its surroundings, and so is
memoised: identical windows (boilerplate, adversarial repetition) are assembled once.  Turning
a template into a positioned :class:`~citelint.models.Citation` is :mod:`citelint.find.extract`'s job.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from .. import vocabulary as v
from .grammar import type_word_pattern
from .parse import WINDOW_LIMIT, RawDoc, Span, parse_window
from ..i18n import _

# A short form followed by one of these is a count, not a document: "Kế hoạch 5 năm".
_COUNT_WORDS = frozenset(
    """năm tháng ngày tuần giờ phút quý tuổi người lần đợt đơn hộ xã phường huyện tỉnh điểm
    triệu tỷ nghìn ngàn trăm chục km m ha kg tấn đồng usd mục nội nhóm chỉ tiêu nhiệm vụ
    giải pháp bước khóa kỳ cấp loại tổ chi đảng viên cán bộ văn bản trường học sinh %""".split()
)
# ... or a section's number ("Quy định 1.4", "Quy định 16.3" of a convention), not a document's
_NUMBER_GOES_ON = re.compile(r"[a-zđ]{1,2}[/-]|[ \t]\d{1,4}[ \t]?[/-][ \t]?[\dA-ZĐ]|\.\d{2,4}[/.-]|\.\d{1,2}(?![\d/])")
_DIGITS_GO_ON = re.compile(r"[ \t]\d")
_YEARS = range(1900, 2101)  # a year a document can be dated: "năm 201 6" read as 201 is none
_WORD_AFTER = re.compile(r"[ \t]*([^\W\d_]+|%)")
_MEETING_AFTER = re.compile(r"[ \t]+(?:Đại|ĐẠI|Hội|HỘI)[ \t]+(?:hội|HỘI|nghị|NGHỊ)(?![^\W\d_])")
_NEXT_CITATION_IN_TITLE = re.compile(
    r"(?:,|[ \t](?:và|hoặc))[ \t]*(?:(?:các|những)[ \t]+)?" + type_word_pattern() + r"[ \t]+(?:[Ss]ố[ \t]*)?\d"
)
_SYMBOL_TAIL = re.compile(r"[ \t]?[-/][ \t]?[\w.]+(?:[ \t]?[-/][ \t]?[\w.]+)*")


@dataclass(frozen=True)
class DeviationTemplate:
    code: str
    message: str
    start: int  # relative to the window; an empty span is an insertion point
    end: int
    replacement: str | None


@dataclass(frozen=True)
class CitationTemplate:
    start: int  # the citation's span relative to the window (title excluded)
    end: int
    fields: dict  # every Citation field that does not depend on where the window is
    deviations: tuple[DeviationTemplate, ...]
    # where a dash typed as en dash or minus would be a deviation (symbol and date)
    hyphen_spans: tuple[tuple[int, int], ...]


def needs_list_context(raws: tuple[RawDoc, ...]) -> bool:
    """Whether assembling these parts needs to know if the line is a list (plain titles)."""
    return any(r.title is not None and not r.title_quoted for r in raws)


def is_list_context(line_before: str) -> bool:
    """A citation in a list ("...như: A; B; C."), or starting its line, has a delimited title."""
    return ";" in line_before or line_before.rstrip().endswith(":") or not line_before.strip(" \t-•*+")


@lru_cache(maxsize=8192)
def assemble(window: str, capped: bool, list_context: bool) -> tuple[tuple[CitationTemplate, ...], int]:
    """The citations at the start of ``window`` and how far they reach (0 if none).

    ``capped``: the window was cut before the end of its line.  ``list_context``: see
    :func:`is_list_context` (only consulted for plain titles)."""
    raws = parse_window(window)
    if not raws:
        return (), 0
    drafts = [_Draft(raw, type_name=_type_name_of_word(raw)) for raw in raws]
    _share_across_list(drafts)
    kept = [d for d in drafts if _keep(window, d)]
    if not kept:
        return (), 0
    coordinated = len(kept) > 1
    templates = tuple(_template(window, d, coordinated, capped, list_context) for d in kept)
    return templates, max(r.end for r in raws)


# --- drafts: one item of a (possibly coordinated) list ---------------------------------------


class _Draft:
    __slots__ = ("raw", "type_name", "suffix_from", "date_from", "body", "inherited_type", "demoted")

    def __init__(self, raw: RawDoc, type_name: str | None) -> None:
        self.raw = raw
        self.type_name = type_name
        self.suffix_from: RawDoc | None = None  # the later item whose symbol this one shares
        self.date_from: RawDoc | None = None  # ... and whose date ("số 18, 19-NQ/TW ngày 25/10/2017")
        self.body: Span | None = raw.body
        self.inherited_type = False
        self.demoted = False  # its "symbol" is not one ("30/2" is no number/year): a short form

    @property
    def symbol_raw(self) -> RawDoc | None:
        if self.demoted:
            return None
        return self.raw if self.raw.shape else self.suffix_from


def _type_name_of_word(raw: RawDoc) -> str | None:
    if raw.type_word is None or raw.form == "law" and raw.name is None:
        return None  # no type word, or "Hiến pháp" / "Điều lệ Đảng" (see _named_law)
    name = v.type_name_for_word(raw.type_word.text)
    return None if name == "Văn bản" else name


def _share_across_list(drafts: list[_Draft]) -> None:
    """What coordinated references share: a later item's symbol suffix (and the date after it),
    the type word of an earlier one, and the issuing body named after the last one (by the items
    without a date of their own)."""
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
                        if d.raw.date_span is None and later.raw.date_span is not None:
                            d.date_from = later.raw
                    break
    last_body = drafts[-1].raw.body
    if last_body is not None:
        for d in drafts[:-1]:
            # "Chỉ thị số A ngày x, Quy định số B ngày y của Ban Bí thư": an item with a date of
            # its own is a whole citation; the body named after the last one may not be its
            if d.body is None and d.raw.date_span is None:
                d.body = last_body


def _suffix_fits(type_name: str | None, sym: RawDoc) -> bool:
    if type_name is None or sym.type_code is None:
        return True
    return v.canonical_type_code(sym.type_code.text) in v.TYPE_BY_NAME[type_name].codes


def _keep(window: str, d: _Draft) -> bool:
    """A reference with no symbol is kept only where it reads as one."""
    raw = d.raw
    if raw.form in ("plenum", "congress"):
        return True
    if raw.form == "law":
        # a name after "Luật", "Bộ luật", "Pháp lệnh" (not after any type word: "Nghị quyết
        # Hà Nội" names no document); the Constitution and the Party Charter by themselves
        return raw.name is None or d.type_name in _NAMED_TYPES and not _names_a_place(raw.name.text)
    if raw.shape in ("year_symbol", "letter_symbol", "code_symbol", "old_state_symbol") and raw.type_word is None \
            and not d.inherited_type:
        # "số 11/2005" may be a newspaper's issue, "12/A" a lot number, "số 2-ABC" a team: without
        # a type word these shapes are only citations when the letter names its unit
        # ("2191/BNN-TCTL") or the code is an old State body's ("385-HĐBT").
        if raw.shape == "old_state_symbol":
            return v.canonical_issuer_code(raw.issuers[-1].text) in v.OLD_STATE_ISSUERS if raw.issuers else False
        return raw.shape == "letter_symbol" and len(raw.issuers) > 1
    if raw.shape == "year_symbol" and not 1945 <= int(raw.year.text) <= 2099:
        d.demoted = True  # "Quy định số 30/2/2021": a short form followed by something odd
        if _DIGITS_GO_ON.match(window, raw.year.end):
            return False  # "Thông tư 176 /20 09/TT-BTC": a symbol broken by spaces, not read
    if d.symbol_raw is not None:
        return True
    if raw.form == "bare_number":
        return d.body is not None  # "số 15, 16 của Thành ủy"; else a plain count
    number = raw.number.text
    if len(number) > 5:
        return False
    if raw.so is None:
        if raw.type_word and raw.type_word.text[0].islower() \
                and not v.TYPE_BY_NAME[v.type_name_for_word(raw.type_word.text)].lower_short:
            return False  # "kế hoạch 5": lower case without "số" is ordinary prose ("nghị định 45" is not)
        if raw.type_word and not v.TYPE_BY_NAME[v.type_name_for_word(raw.type_word.text)].bare_short:
            return False  # "Phương án 1": an option, not a document
        if len(number) == 4 and 1900 <= int(number) <= 2099:
            return False  # "Kế hoạch 2018": a year
        if d.type_name == "Chương trình" and int(number) >= 100:
            return False  # "Chương trình 135": a national programme named by its decision's number
    # "Kế hoạch 5 năm" is a period; a number followed by its date or issuer is a document's
    # ("Nghị định 181 của Chính phủ chỉ mới ...": the word after the issuer says nothing)
    m = _WORD_AFTER.match(window, raw.end) if raw.end == raw.number.end else None
    if m and m.group(1).lower() in _COUNT_WORDS:
        return False
    if raw.end == raw.number.end and _MEETING_AFTER.match(window, raw.end):
        return False  # "Nghị quyết 13 Đại hội Đảng bộ TP": the number is the congress's
    if raw.end == raw.number.end and _NUMBER_GOES_ON.match(window, raw.end):
        return False  # "số 30a/2008/NQ-CP", "số 3 1/CT-TTg", "số 297.2016/TT-BTC": a symbol not reached
    return True


# --- one citation -------------------------------------------------------------------------------


def _template(window: str, d: _Draft, coordinated: bool, capped: bool, list_context: bool) -> CitationTemplate:
    raw = d.raw
    devs: list[DeviationTemplate] = []
    fields: dict = dict(
        type_name=d.type_name,
        type_word=raw.type_word.text if raw.type_word else None,
        number=raw.number.text if raw.number else None,
        coordinated=coordinated,
    )
    if raw.name is not None:
        fields["name"] = raw.name.text
    if raw.form == "law":
        fields.update(_named_law(raw))
        return CitationTemplate(raw.start, raw.end, fields, (), ())
    if raw.form in ("plenum", "congress"):
        fields.update(_named(raw, devs))
    elif d.symbol_raw is not None:
        fields.update(_symbol(window, d, devs))
    else:
        fields["kind"] = "short"
        if raw.year is not None and int(raw.year.text) in _YEARS:
            fields["year"] = int(raw.year.text)  # "Nghị định số 12 năm 2020"
        _unparsed_symbol(window, raw, devs)
    if raw.form not in ("plenum", "congress"):
        if d.body is not None:
            fields["issuer_text"] = d.body.text
        if raw.plenum is not None:  # "của Hội nghị Trung ương 6 khóa XI"
            fields["plenum"] = _plenum_number(raw.plenum)
        if raw.term is not None:
            fields["term"] = _term(raw.term, devs)
        if d.date_from is not None:
            _date(d.date_from, fields, [])  # the shared date's deviations are reported where it is written
        else:
            _date(raw, fields, devs)
        fields["title"] = _title(window, raw, capped, list_context)
        _glue(window, raw, devs)
    hyphen_spans = tuple(s for s in (raw.symbol_span, (raw.date_span.start, raw.date_span.end) if raw.date_span else None) if s)
    devs.sort(key=lambda x: (x.start, x.end, x.code))
    return CitationTemplate(raw.start, raw.end, fields, tuple(devs), hyphen_spans)


_NAMED_TYPES = frozenset({"Luật", "Bộ luật", "Pháp lệnh"})


def _names_a_place(name: str) -> bool:
    """"(Đại học) Luật Hà Nội", "(Khoa) Luật TP HCM": a school of law, not a law."""
    from ..context.places import canonical_jurisdiction

    return canonical_jurisdiction(name) is not None


def _named_law(raw: RawDoc) -> dict:
    word = raw.type_word.text
    if raw.name is None:  # "Hiến pháp", "Điều lệ Đảng", "Cương lĩnh chính trị"
        first = word.split()[0].lower()
        type_name = {"hiến": "Hiến pháp", "cương": "Cương lĩnh"}.get(first, "Điều lệ")
    else:
        type_name = "Bộ luật" if v.fold(word) == v.fold("Bộ luật") else v.type_name_for_word(word)
    return dict(kind="named", type_name=type_name, year=int(raw.year.text) if raw.year else None,
                canonical_name=v.canonical_law_name(type_name, raw.name.text if raw.name else None))


def _named(raw: RawDoc, devs: list[DeviationTemplate]) -> dict:
    out: dict = {"kind": "named", "meeting": raw.form}
    if raw.term is not None:
        out["term"] = _term(raw.term, devs)
    out["issuer_text"] = raw.body.text if raw.body else None
    if raw.form == "plenum":
        out["plenum"] = _plenum_number(raw.plenum)
        out["issuer_code"] = "TW"
    return out


def _plenum_number(span: Span) -> int | None:
    """6 for "6", "sáu", "thứ sáu"."""
    return int(span.text) if span.text.isdigit() else v.ORDINAL_WORDS.get(" ".join(span.text.lower().split()))


_ASSEMBLY = re.compile(r"(?:UBTV)?QH\d*")


def _symbol(window: str, d: _Draft, devs: list[DeviationTemplate]) -> dict:
    raw, sym = d.raw, d.symbol_raw
    shape = sym.shape
    code = v.canonical_type_code(_code_text(sym, sym.type_code)) if sym.type_code else None
    written_code = code
    if shape == "old_state_symbol" and code not in v.LAW_PROMULGATION_CODES:
        code = None  # "07-UB/LĐTL": a unit's code before the issuer, not a document type
    issuers = [v.canonical_issuer_code(_code_text(sym, i)) for i in sym.issuers]
    year = int(sym.year.text) if sym.year else None
    number = raw.number.text
    issuer_code = "-".join(issuers) or None

    if shape == "year_symbol":  # the press's "Nghị định 51/1999": a number and a year, no symbol
        if sym is raw:
            _symbol_deviations(window, sym, "short", f"{number}/{sym.year.text}", devs)
        return dict(kind="short", symbol=None, type_name=d.type_name, type_code=None, year=year, issuer_code=None)
    if shape in ("party_symbol", "spaced_symbol", "slash_symbol"):
        kind = "state" if issuer_code and not v.is_party_issuer(issuer_code) else "party"
    elif shape == "old_state_symbol":
        kind = "law" if code == "LCT" or any(i.startswith("HĐNN") for i in issuers) else "state"
    elif any(_ASSEMBLY.fullmatch(i) for i in issuers):
        kind = "law"  # the National Assembly and its Standing Committee: 80/2015/QH13, 1234/2025/NQ-UBTVQH15
    elif shape in ("state_symbol", "state_year_symbol") and len(issuers) == 1 and v.is_party_organ(issuers[0]):
        kind = "party"  # "29/QĐ-TW"; not a State steering committee's "109/QĐ-BCĐCLNTW"
    else:
        kind = "state"

    if kind == "party":
        symbol = f"{number}-{code}/{issuer_code}" if issuer_code else f"{number}-{code}"
    elif shape in ("party_symbol", "spaced_symbol"):  # 18-L/CTN; "15 NQ/TW" read as 15-NQ/TW
        symbol = f"{number}-{code}/{issuer_code}"
    elif shape in ("state_year_symbol", "lower_symbol"):
        symbol = f"{number}/{sym.year.text}/{code}-{issuer_code}"
    elif shape == "joint_symbol":  # 162/2004/TTLT/BQP-BTC: written so, and so issued
        symbol = f"{number}/{sym.year.text}/{code}/{issuer_code}"
    elif shape == "assembly_symbol":
        symbol = f"{number}/{sym.year.text}/{issuer_code}"
    elif shape == "state_symbol":
        symbol = f"{number}/{code}-{issuer_code}"
    elif shape == "code_symbol":  # 53/SL
        symbol = f"{number}/{code}"
    elif shape == "slash_symbol":  # 45/QĐ/UB: a State symbol written so
        symbol = f"{number}/{code}/{issuer_code}"
    elif shape == "letter_symbol":
        symbol = f"{number}/{issuer_code}"
    elif shape == "old_state_symbol":  # 385-HĐBT, 21-LCT/HĐNN8, 07-UB/LĐTL
        symbol = f"{number}-{written_code}/{issuer_code}" if written_code else f"{number}-{issuer_code}"
    else:  # old_symbol: 367/2006-CV/LĐBĐ
        symbol = f"{number}/{sym.year.text}-{code}/{issuer_code}"

    type_name = d.type_name
    if type_name is None and code:
        names = v.types_for_code(code)
        type_name = names[0] if len(names) == 1 else None
    if type_name is None and shape == "letter_symbol":
        type_name = "Công văn"

    if sym is raw:  # a shared suffix is reported where it is written, not on every item
        _symbol_deviations(window, sym, kind, symbol, devs)
    return dict(kind=kind, symbol=symbol, type_name=type_name, type_code=code, year=year, issuer_code=issuer_code)


def _code_text(sym: RawDoc, span: Span) -> str:
    """A code as it is read: codes written in lower case ("tt-bgtvt") are the upper-case ones."""
    return span.text.upper() if sym.shape == "lower_symbol" else span.text


# After "NUMBER/YEAR", the rest of a symbol written wrongly ("28/2014TT/BNNPTNT", "55/2005 QĐ-UB",
# "01/2016/NQ.HĐTP", "66/1998/TT'LT", "95/1998-NĐ-CP", "155/2014//TT-BTC", "23/2003 QH11"): the
# symbol is not incomplete, its separators are odd.
_GARBLED_CODE_AFTER = re.compile(r"[^\W\d_]|[.'’/]{1,2}[ \t]?[^\W\d_]|[ \t][A-ZĐ]{2,}(?:[-/.]|\d*(?![^\W\d_]))"
                                 r"|-(?:" + "|".join(v.TYPE_CODES) + r")[-/]")  # "95/1998-NĐ-CP", not "115/2017-BTC"


def _symbol_deviations(window: str, sym: RawDoc, kind: str, symbol: str, devs: list[DeviationTemplate]) -> None:
    s0, s1 = sym.symbol_span
    if kind == "party" and sym.shape in ("state_symbol", "state_year_symbol", "slash_symbol"):
        devs.append(DeviationTemplate("party-number-state-separators",
                                      _("a Party document's number is written NUMBER-TYPE/ISSUER: {symbol}").format(symbol=symbol), s0, s1, symbol))
    else:
        toks = sym.symbol_tokens
        for k, (a, b) in enumerate(zip(toks, toks[1:])):
            gap = window[a.end : b.start]
            if k == 0 and sym.shape == "spaced_symbol":  # "15 NQ/TW": a space where the dash is
                devs.append(DeviationTemplate("symbol-spacing", _("a space where the symbol has a dash"), a.end, b.start, "-"))
            elif k == 0 and a.end == b.start and sym.shape == "old_state_symbol":  # "15CP"
                devs.append(DeviationTemplate("symbol-spacing", _("no dash between the number and the code"), a.end, b.start, "-"))
            elif gap != gap.strip():
                devs.append(DeviationTemplate("symbol-spacing", _("space inside a document symbol"), a.end, b.start, gap.strip()))
    if sym.shape == "year_symbol" and not _GARBLED_CODE_AFTER.match(window, s1):
        devs.append(DeviationTemplate("incomplete-symbol", _("{symbol} has no type code or issuer (NUMBER/YEAR/TYPE-ISSUER)").format(symbol=symbol),
                                      s0, s1, None))
    if kind == "party" and not sym.issuers:
        devs.append(DeviationTemplate("missing-issuer", _("the symbol {symbol} has no issuer code (e.g. /TW, /TU)").format(symbol=symbol), s0, s1, None))
    if sym.type_code:
        written = sym.type_code.text
        canon = v.canonical_type_code(_code_text(sym, sym.type_code))
        if canon != written:
            devs.append(DeviationTemplate("type-code-spelling", _("type code {code} should be written {canonical}").format(code=repr(written), canonical=repr(canon)),
                                          sym.type_code.start, sym.type_code.end, canon))
    for tok in sym.issuers:
        canon = v.canonical_issuer_code(_code_text(sym, tok))
        if canon != tok.text:
            devs.append(DeviationTemplate("issuer-spelling", _("issuer code {code} should be written {canonical}").format(code=repr(tok.text), canonical=repr(canon)),
                                          tok.start, tok.end, canon))


def _unparsed_symbol(window: str, raw: RawDoc, devs: list[DeviationTemplate]) -> None:
    """A short form whose number runs on into something symbol-like that did not parse
    ("Quy định số 30/2/2021"): kept, and marked, since it looks like a citation."""
    m = _SYMBOL_TAIL.match(window, raw.number.end)
    if m and not _DIGITS_GO_ON.match(window, m.end()):  # "176 /20 09/TT-BTC": digits split by spaces
        devs.append(DeviationTemplate("unparsed-symbol",
                                      _("{text} looks like a document symbol but is not one").format(text=repr(raw.number.text + m.group())),
                                      raw.number.start, m.end(), None))


def _term(tok: Span, devs: list[DeviationTemplate]) -> str | None:
    if tok.text.isdigit():
        roman = v.int_to_roman(int(tok.text)) if 0 < int(tok.text) < 400 else None
        if roman:
            devs.append(DeviationTemplate("arabic-term", _("terms are written in Roman numerals: khóa {roman}").format(roman=roman),
                                          tok.start, tok.end, roman))
        return roman
    return tok.text if v.roman_to_int(tok.text) else None


def _date(raw: RawDoc, fields: dict, devs: list[DeviationTemplate]) -> None:
    if raw.date_span is None:
        return
    day, month, year = (int(t.text) for t in raw.date_tokens)
    fields["date_text"] = raw.date_span.text
    if year not in _YEARS:
        return  # "năm 201 6": digits broken by a space, not a date to compare
    try:
        fields["date"] = dt.date(year, month, day)
    except ValueError:
        devs.append(DeviationTemplate("invalid-date", _("no such date: {date}").format(date=raw.date_span.text),
                                      raw.date_span.start, raw.date_span.end, None))
        return
    if fields.get("year") is None:
        fields["year"] = year


def _title(window: str, raw: RawDoc, capped: bool, list_context: bool) -> str | None:
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
    after = title.end
    while after < len(window) and window[after] in " \t.":
        after += 1
    if after < len(window) and window[after] == ";":
        return title.text.strip()
    # The clause runs to the end of the line: a title only in a list ("...: A; B; C.").
    return title.text.strip() if list_context else None


def _glue(window: str, raw: RawDoc, devs: list[DeviationTemplate]) -> None:
    if raw.so and raw.number and raw.so.end == raw.number.start and not raw.so.text.endswith(":"):
        devs.append(DeviationTemplate("missing-space", _("no space between {word} and the number").format(word=repr(raw.so.text)),
                                      raw.so.start, raw.number.end, f"{raw.so.text} {raw.number.text}"))
    if raw.date_keyword and raw.date_tokens and raw.date_keyword.end == raw.date_tokens[0].start:
        first = raw.date_tokens[0]
        devs.append(DeviationTemplate("missing-space", _("no space between {word} and the date").format(word=repr(raw.date_keyword.text)),
                                      raw.date_keyword.start, first.end, f"{raw.date_keyword.text} {first.text}"))
    if raw.symbol_tokens:
        end = raw.symbol_tokens[-1].end
        if end < len(window) and window[end].isalpha():
            devs.append(DeviationTemplate("missing-space", _("no space after the symbol"), end, end, " "))
