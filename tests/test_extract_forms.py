"""Each form of citation the grammar must read, each variant real text contains, and the
look-alikes that must not be read as citations."""

from __future__ import annotations

import datetime as dt

import pytest

from citelint import extract


def one(text: str):
    found = extract(text)
    assert len(found) == 1, [c.text for c in found]
    return found[0]


def parts(c, *names):
    return tuple(getattr(c, n) for n in names)


# --- symbols ------------------------------------------------------------------------------

PARTY_SYMBOLS = [
    ("24-QĐ/TW", "24", "QĐ", "TW", None),
    ("01-CTr/TU", "01", "CTr", "TU", "Chương trình"),
    ("06-ĐA/TU", "06", "ĐA", "TU", "Đề án"),
    ("08-QĐi/TW", "08", "QĐi", "TW", "Quy định"),
    ("36-HD/VPTW", "36", "HD", "VPTW", "Hướng dẫn"),
    ("97-KH/ĐUK", "97", "KH", "ĐUK", "Kế hoạch"),
    ("24-BS/UBKTTU", "24", "BS", "UBKTTU", "Bản sao"),
]


@pytest.mark.parametrize("symbol,number,code,issuer,type_name", PARTY_SYMBOLS)
def test_party_symbol_alone(symbol, number, code, issuer, type_name):
    c = one(f"Theo {symbol}, các cấp ủy triển khai.")
    assert parts(c, "kind", "symbol", "number", "type_code", "issuer_code", "type_name") == (
        "party", symbol, number, code, issuer, type_name)
    assert c.text == symbol


@pytest.mark.parametrize("prefix", ["", "số ", "Số ", "Quy định ", "Quy định số ", "Số: "])
def test_party_symbol_with_type_word_and_so(prefix):
    c = one(f"Thực hiện {prefix}24-QĐ/TW của Bộ Chính trị")
    assert c.symbol == "24-QĐ/TW"
    assert c.text.startswith(prefix) and c.text.endswith("24-QĐ/TW của Bộ Chính trị")
    assert c.type_name == ("Quy định" if "Quy định" in prefix else None)  # QĐ alone is two types


def test_qd_is_told_apart_by_the_type_word():
    assert one("Quy định số 37-QĐ/TW").type_name == "Quy định"
    assert one("Quyết định số 1841-QĐ/TU").type_name == "Quyết định"
    assert one("số 37-QĐ/TW").type_name is None


STATE_SYMBOLS = [
    ("30/2020/NĐ-CP", "state", "30", 2020, "NĐ", "CP", "Nghị định"),
    ("15/2020/QĐ-TTg", "state", "15", 2020, "QĐ", "TTg", None),
    ("719/QĐ-TTg", "state", "719", None, "QĐ", "TTg", None),
    ("123/QĐ-UBND", "state", "123", None, "QĐ", "UBND", None),
    ("08/NQ-CP", "state", "08", None, "NQ", "CP", "Nghị quyết"),
    ("24/2012/TTLT-BLĐTBXH-BNV-BTC", "state", "24", 2012, "TTLT", "BLĐTBXH-BNV-BTC", "Thông tư liên tịch"),
    ("80/2015/QH13", "law", "80", 2015, None, "QH13", None),
    ("351/2017/UBTVQH14", "law", "351", 2017, None, "UBTVQH14", None),
    ("18-L/CTN", "state", "18", None, "L", "CTN", "Lệnh"),
    ("3768/QĐ-UB", "state", "3768", None, "QĐ", "UB", None),
    ("1966/CP-NC", "state", "1966", None, None, "CP-NC", "Công văn"),  # a letter's issuer: the body and its unit, whole
    ("367/2006-CV/LĐBĐ", "state", "367", 2006, "CV", "LĐBĐ", "Công văn"),
    ("2191/BNN-TCTL", "state", "2191", None, None, "BNN-TCTL", "Công văn"),
    ("01/2021/TT-BNV", "state", "01", 2021, "TT", "BNV", None),  # TT: Thông tư or Thông tri
]


@pytest.mark.parametrize("symbol,kind,number,year,code,issuer,type_name", STATE_SYMBOLS)
def test_state_symbols(symbol, kind, number, year, code, issuer, type_name):
    c = one(f"Căn cứ {symbol} đã ban hành.")
    assert parts(c, "kind", "symbol", "number", "year", "type_code", "issuer_code", "type_name") == (
        kind, symbol, number, year, code, issuer, type_name)


def test_law_with_type_word():
    c = one("Luật số 80/2015/QH13 quy định")
    assert parts(c, "kind", "type_name", "symbol", "text") == ("law", "Luật", "80/2015/QH13", "Luật số 80/2015/QH13")


def test_older_state_forms_after_a_type_word():
    assert parts(one("theo Nghị định 61/CP của Chính phủ"), "symbol", "issuer_code", "type_name") == ("61/CP", "CP", "Nghị định")
    # number and year only: a citation of a known type and year with no symbol to look it up by
    c = one("Nghị định 51/1999 hướng dẫn")
    assert parts(c, "kind", "symbol", "number", "year", "type_name") == ("short", None, "51", 1999, "Nghị định")
    assert [d.code for d in c.deviations] == ["incomplete-symbol"]
    # without a type word these shapes are too ambiguous: a newspaper issue, a lot number
    assert extract("báo Tuổi Trẻ số 11/2005 đưa tin") == []
    assert extract("lô 12/A khu đô thị") == []


# --- type words -----------------------------------------------------------------------------

TYPE_WORDS = [
    ("Nghị quyết", "NQ"), ("Quyết định", "QĐ"), ("Quy định", "QĐ"), ("Chỉ thị", "CT"),
    ("Kết luận", "KL"), ("Hướng dẫn", "HD"), ("Thông báo", "TB"), ("Chương trình", "CTr"),
    ("Đề án", "ĐA"), ("Kế hoạch", "KH"), ("Công văn", "CV"), ("Công điện", "CĐ"),
    ("Quy chế", "QC"), ("Thông tri", "TT"), ("Báo cáo", "BC"), ("Tờ trình", "TTr"), ("Biên bản", "BB"),
    ("Bản sao", "BS"),
]


@pytest.mark.parametrize("word,code", TYPE_WORDS)
def test_party_type_words(word, code):
    c = one(f"Thực hiện {word} số 12-{code}/TU ngày 3/4/2018 của Ban Thường vụ Thành ủy")
    assert parts(c, "type_name", "type_code", "symbol", "date") == (word, code, f"12-{code}/TU", dt.date(2018, 4, 3))
    assert c.issuer_text == "Ban Thường vụ Thành ủy"


STATE_TYPE_WORDS = [
    ("Nghị định", "NĐ", "CP"), ("Thông tư", "TT", "BNV"), ("Thông tư liên tịch", "TTLT", "BTC-BNV"),
    ("Pháp lệnh", "PL", "UBTVQH"), ("Quyết định", "QĐ", "TTg"), ("Chỉ thị", "CT", "TTg"),
    ("Sắc lệnh", "SL", "CTN"), ("Kế hoạch", "KH", "UBND"), ("Dự án", "DA", "BXD"), ("Phương án", "PA", "UBND"),
]


@pytest.mark.parametrize("word,code,issuer", STATE_TYPE_WORDS)
def test_state_type_words(word, code, issuer):
    c = one(f"{word} số 05/2019/{code}-{issuer} ngày 1/2/2019")
    # the kind follows the issuing body: the National Assembly's Standing Committee makes law
    kind = "law" if issuer == "UBTVQH" else "state"
    assert parts(c, "kind", "type_name", "type_code", "issuer_code", "year") == (kind, word, code, issuer, 2019)


def test_lenh_and_luat_words():
    assert one("Lệnh số 18-L/CTN").type_name == "Lệnh"
    assert one("Bộ luật số 45/2019/QH14").type_name == "Luật"


# --- dates, issuers, titles --------------------------------------------------------------------

@pytest.mark.parametrize(
    "written,expected",
    [
        ("ngày 30/7/2021", dt.date(2021, 7, 30)),
        ("ngày 24-9-2013", dt.date(2013, 9, 24)),
        ("ngày 27 tháng 6 năm 2012", dt.date(2012, 6, 27)),
        ("ngày 03 tháng 4 năm 2018", dt.date(2018, 4, 3)),
        ("ban hành ngày 3/11/2021", dt.date(2021, 11, 3)),
        ("(ngày 5/5/2022)", dt.date(2022, 5, 5)),
        ("(5/5/2022)", dt.date(2022, 5, 5)),
    ],
)
def test_date_forms(written, expected):
    c = one(f"Nghị quyết số 15-NQ/TW {written} của Bộ Chính trị")
    assert c.date == expected
    assert c.year == expected.year
    assert c.text.endswith("của Bộ Chính trị")


def test_impossible_date_is_kept_and_marked():
    c = one("Nghị quyết số 12-NQ/TW ngày 30/2/2021")
    assert c.date is None and c.date_text == "30/2/2021"
    assert [(d.code, d.found) for d in c.deviations] == [("invalid-date", "30/2/2021")]


@pytest.mark.parametrize(
    "phrase,issuer_text,term",
    [
        ("của Ban Chấp hành Trung ương", "Ban Chấp hành Trung ương", None),
        ("của Ban chấp hành Trung ương", "Ban chấp hành Trung ương", None),
        ("của Ban Thường vụ Thành ủy Hà Nội", "Ban Thường vụ Thành ủy Hà Nội", None),
        ("của Bộ Chính trị khóa XII", "Bộ Chính trị", "XII"),
        ("của Ban Bí thư Trung ương", "Ban Bí thư Trung ương", None),
        ("của Thành uỷ Hà Nội khoá XVII", "Thành uỷ Hà Nội", "XVII"),
        ("của Ủy ban nhân dân thành phố Hà Nội", "Ủy ban nhân dân thành phố Hà Nội", None),
        ("của UBND tỉnh Bà Rịa - Vũng Tàu", "UBND tỉnh Bà Rịa - Vũng Tàu", None),
        ("của Thủ tướng Chính phủ", "Thủ tướng Chính phủ", None),
        ("của Bộ Văn hoá, Thể thao và Du lịch", "Bộ Văn hoá, Thể thao và Du lịch", None),
    ],
)
def test_issuing_body_after_the_number(phrase, issuer_text, term):
    c = one(f"Quyết định số 31-QĐ/TW ngày 1/1/2020 {phrase} về công tác cán bộ.")
    assert (c.issuer_text, c.term) == (issuer_text, term)
    assert c.text.endswith(phrase.split(" khó")[0] if term is None else phrase)


def test_issuing_body_before_the_number():
    c = one("Quyết định của Bộ Chính trị số31-QĐ/TW")
    assert parts(c, "symbol", "issuer_text", "type_name") == ("31-QĐ/TW", "Bộ Chính trị", "Quyết định")
    assert c.text == "Quyết định của Bộ Chính trị số31-QĐ/TW"


@pytest.mark.parametrize(
    "text,title",
    [
        ('Nghị quyết số 15-NQ/TW ngày 5/5/2022 về “phương hướng phát triển Thủ đô”, ông nói', "phương hướng phát triển Thủ đô"),
        ('Nghị quyết số 15-NQ/TW về "phương hướng phát triển Thủ đô" đã', "phương hướng phát triển Thủ đô"),
        ("Quyết định số 1841-QĐ/TU về việc “ban hành Quy định”; còn", "ban hành Quy định"),
        ("gồm: Quy định số 24-QĐ/TW về thi hành Điều lệ Đảng; Quy định số 22-QĐ/TW", "thi hành Điều lệ Đảng"),
        ("- Quyết định số 123/QĐ-UBND về việc phê duyệt kế hoạch năm 2020", "việc phê duyệt kế hoạch năm 2020"),
    ],
)
def test_titles_quoted_or_clearly_delimited(text, title):
    assert extract(text)[0].title == title


def test_no_title_where_the_clause_runs_on():
    c = one("Thực hiện Quyết định số 123/QĐ-UBND về việc phê duyệt kế hoạch, UBND huyện đã triển khai.")
    assert c.title is None


def test_title_stops_before_the_next_coordinated_citation():
    a, b = extract("Nghị quyết số 18-NQ/TW về X, Nghị quyết số 19-NQ/TW về Y;")
    assert (a.title, b.title) == ("X", "Y")


def test_the_span_excludes_the_title_and_citations_inside_a_title_are_found():
    outer, inner = extract("Theo Nghị quyết số 04-NQ/TW về tiếp tục thực hiện Nghị quyết số 12-NQ/TW; và")
    assert outer.text == "Nghị quyết số 04-NQ/TW"
    assert outer.title == "tiếp tục thực hiện Nghị quyết số 12-NQ/TW"
    assert inner.symbol == "12-NQ/TW"


# --- coordination ---------------------------------------------------------------------------

def test_coordinated_suffix_is_shared():
    a, b = extract("theo Nghị quyết số 18, Nghị quyết số 19-NQ/TW của Trung ương")
    assert (a.symbol, a.kind, a.text) == ("18-NQ/TW", "party", "Nghị quyết số 18")
    assert (b.symbol, b.text) == ("19-NQ/TW", "Nghị quyết số 19-NQ/TW của Trung ương")
    assert a.coordinated and b.coordinated


def test_plural_list_of_symbols():
    a, b = extract("các Nghị quyết số 18-NQ/TW, 19-NQ/TW của Trung ương")
    assert (a.symbol, b.symbol) == ("18-NQ/TW", "19-NQ/TW")
    assert a.text == "Nghị quyết số 18-NQ/TW"  # "các" is not part of the citation
    assert b.type_name == "Nghị quyết" and b.type_word is None


def test_two_full_citations_joined_by_va():
    a, b = extract("Trong thực hiện Nghị quyết số 15-NQ/TU và Chỉ thị số 15-CT/TU, thành phố")
    assert (a.symbol, a.type_name, b.symbol, b.type_name) == ("15-NQ/TU", "Nghị quyết", "15-CT/TU", "Chỉ thị")


def test_coordinated_short_forms_share_the_issuer():
    a, b = extract("thực hiện Nghị quyết số 15, Chỉ thị số 15 của Thành ủy, trọng tâm")
    assert (a.kind, a.type_name, a.issuer_text) == ("short", "Nghị quyết", "Thành ủy")
    assert (b.kind, b.type_name, b.issuer_text) == ("short", "Chỉ thị", "Thành ủy")


def test_bare_numbers_share_the_suffix():
    found = extract("các Nghị quyết số 15, 16 và 17-NQ/TU")
    assert [c.symbol for c in found] == ["15-NQ/TU", "16-NQ/TU", "17-NQ/TU"]
    assert [c.text for c in found] == ["Nghị quyết số 15", "16", "17-NQ/TU"]


def test_suffix_is_not_shared_across_contradicting_types():
    a, b = extract("Nghị quyết số 18, Chỉ thị số 19-CT/TW")
    assert (a.kind, a.symbol, b.symbol) == ("short", None, "19-CT/TW")


def test_inherited_type_word_yields_to_the_code():
    found = extract("Quyết định 719/QĐ-TTg, 08/NQ-CP")
    assert [c.type_name for c in found] == ["Quyết định", "Nghị quyết"]


# --- short forms and named references ---------------------------------------------------------

@pytest.mark.parametrize(
    "text,type_name,number,issuer_text",
    [
        ("Nghị quyết 15 đã đi vào cuộc sống", "Nghị quyết", "15", None),
        ("theo Chương trình 01 của Thành ủy", "Chương trình", "01", "Thành ủy"),
        ("Chương trình số 01 đã đề ra", "Chương trình", "01", None),
        ("Đề án 06 đã khắc phục", "Đề án", "06", None),
        ("thực hiện quyết định số 03, thành lập", "Quyết định", "03", None),
    ],
)
def test_short_forms(text, type_name, number, issuer_text):
    c = one(text)
    assert parts(c, "kind", "type_name", "number", "issuer_text", "symbol") == ("short", type_name, number, issuer_text, None)


@pytest.mark.parametrize(
    "text",
    [
        "Kế hoạch 5 năm", "Kế hoạch 2018", "chương trình 01 và kế hoạch 5", "Phương án 1 là giữ nguyên",
        "Văn bản 12 nêu", "trong 10 Chương trình công tác",
    ],
)
def test_numbers_after_type_words_that_are_not_citations(text):
    assert extract(text) == []


def test_a_count_after_a_coordinating_comma_is_not_a_citation():
    assert [c.text for c in extract("Nghị quyết số 15, 20 năm qua")] == ["Nghị quyết số 15"]


@pytest.mark.parametrize(
    "text,plenum,term,issuer_text",
    [
        ("Nghị quyết Trung ương 4 (khóa XII)", 4, "XII", "Trung ương"),
        ("Nghị quyết T.Ư 4 (khoá XIII)", 4, "XIII", "T.Ư"),
        ("Nghị quyết T.Ư 4, khóa XI", 4, "XI", "T.Ư"),
        ("Nghị quyết TW4 khóa 11", 4, "XI", "TW"),
        ("Nghị quyết Hội nghị Trung ương 8 khóa XIII", 8, "XIII", "Trung ương"),
        ("Nghị quyết Hội nghị lần thứ tư Ban Chấp hành Trung ương khóa XII", 4, "XII", "Ban Chấp hành Trung ương"),
        ("Nghị quyết Hội nghị lần thứ 6 Ban Chấp hành Trung ương Đảng khóa XII", 6, "XII", "Ban Chấp hành Trung ương Đảng"),
        ("Nghị quyết Trung ương 5", 5, None, "Trung ương"),
        ("thực hiện nghị quyết Trung ương 4 khóa XII", 4, "XII", "Trung ương"),
    ],
)
def test_named_plenums(text, plenum, term, issuer_text):
    c = one(text)
    assert parts(c, "kind", "meeting", "plenum", "term", "issuer_code", "issuer_text") == (
        "named", "plenum", plenum, term, "TW", issuer_text)


@pytest.mark.parametrize(
    "text,term,issuer_text",
    [
        ("Nghị quyết Đại hội XIII", "XIII", None),
        ("Nghị quyết Đại hội XIII của Đảng", "XIII", "Đảng"),
        ("Nghị quyết Đại hội lần thứ XIII của Đảng", "XIII", "Đảng"),
        ("Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng", "XIII", "Đảng"),
        ("Nghị quyết Đại hội Đảng toàn quốc lần thứ XIII", "XIII", None),
        ("Nghị quyết Đại hội XVII Đảng bộ Thành phố", "XVII", "Đảng bộ Thành phố"),
    ],
)
def test_named_congresses(text, term, issuer_text):
    c = one(text)
    assert parts(c, "kind", "meeting", "term", "issuer_text", "plenum") == ("named", "congress", term, issuer_text, None)
    assert c.text == text


def test_arabic_term_is_converted_and_marked():
    c = one("Nghị quyết TW4 khóa 11")
    assert [(d.code, d.found, d.replacement) for d in c.deviations] == [("arabic-term", "11", "XI")]


# --- variants: canonical parts kept, each deviation recorded ------------------------------------

@pytest.mark.parametrize(
    "text,symbol,deviations",
    [
        ("Nghị quyết 15-NQ/TƯ", "15-NQ/TW", [("issuer-spelling", "TƯ", "TW")]),
        ("Nghị quyết 15-NQ/T.Ư", "15-NQ/TW", [("issuer-spelling", "T.Ư", "TW")]),
        ("Kết luận 12-KL/UBKTTƯ", "12-KL/UBKTTW", [("issuer-spelling", "UBKTTƯ", "UBKTTW")]),
        ("số12-NQ/TW", "12-NQ/TW", [("missing-space", "số12", "số 12")]),
        ("Thông báo 70-TB/TWngày 1/1/2020", "70-TB/TW", [("missing-space", "", " ")]),
        ("Nghị quyết 18- NQ/TW", "18-NQ/TW", [("symbol-spacing", "- ", "-")]),
        ("Quy định 24-QĐ / TW", "24-QĐ/TW", [("symbol-spacing", " / ", "/")]),
        ("Quy định 08 - QĐ / TƯ", "08-QĐ/TW",
         [("symbol-spacing", " - ", "-"), ("symbol-spacing", " / ", "/"), ("issuer-spelling", "TƯ", "TW")]),
        ("Quyết định 01 /2017/QĐ-TTg", "01/2017/QĐ-TTg", [("symbol-spacing", " /", "/")]),
        ("Chỉ thị 16/CT–TTg", "16/CT-TTg", [("dash", "–", "-")]),
        ("Chỉ thị 16/CT\u2212TTg", "16/CT-TTg", [("dash", "\u2212", "-")]),
        ("Ðề án 06-ÐA/TU", "06-ĐA/TU", [("eth-for-d", "Ð", "Đ"), ("eth-for-d", "Ð", "Đ")]),
        ("Chương trình 01-Ctr/TU", "01-CTr/TU", [("type-code-spelling", "Ctr", "CTr")]),
        ("Quy định 29/QĐ-TW", "29-QĐ/TW", [("party-number-state-separators", "29/QĐ-TW", "29-QĐ/TW")]),
        ("Thông báo 159-TB ngày 2/2/2020", "159-TB", [("missing-issuer", "159-TB", None)]),
    ],
)
def test_variants(text, symbol, deviations):
    c = one(text)
    assert c.symbol == symbol
    assert [(d.code, d.found, d.replacement) for d in c.deviations] == deviations
    for d in c.deviations:
        assert text[d.start : d.end] == d.found


def test_variant_kinds():
    assert one("Quy định 29/QĐ-TW").kind == "party"
    assert one("Thông báo 159-TB").issuer_code is None
    ngay22 = one("Nghị quyết số 12-NQ/TW ngày22 tháng 7 năm 2012")
    assert ngay22.date == dt.date(2012, 7, 22)
    assert [d.found for d in ngay22.deviations] == ["ngày22"]


def test_applying_every_fix_gives_the_canonical_text():
    text = "Quy định 08 - QĐ / TƯ"
    c = one(text)
    fixed = text
    for d in sorted(c.deviations, key=lambda d: -d.start):
        fixed = fixed[: d.start] + d.replacement + fixed[d.end :]
    assert fixed == "Quy định 08-QĐ/TW"
    assert one(fixed).deviations == ()


def test_unparseable_symbol_after_a_short_form_is_marked():
    c = one("Quy định số 30/2/2021")
    assert (c.kind, c.number) == ("short", "30")
    assert [(d.code, d.found) for d in c.deviations] == [("unparsed-symbol", "30/2/2021")]


def test_the_type_word_and_code_are_both_kept_when_they_disagree():
    c = one("Nghị quyết số 19-CT/TW")
    assert (c.type_name, c.type_code) == ("Nghị quyết", "CT")


# --- look-alikes --------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "Đoàn kiểm tra số 135 của Bộ Chính trị làm việc",
        "trong Quý I/2019 của Chương trình",
        "giai đoạn 2016-2020",
        "nhà số 42 phố Hàng Thiếc",
        "theo Mẫu 01-IV/KSHN",
        "Điều 36.3.LQ.1. Phạm vi điều chỉnh",
        "xe biển số 29A-123.45 và 30E-678.90",
        "đại dịch COVID-19 và Covid-19",
        "đội U23-Việt Nam",
        "Nghị quyết của Trung ương về xây dựng Đảng",
        "theo Kế hoạch năm 2018",
        "Báo Nhân Dân số 23456 ra ngày 2/9",
        "tăng 5.030-đảng viên",
        "Nghị quyết đại hội đảng các cấp",
        "ngay sau Đại hội lần thứ XIII của Đảng",
        "Tổ giám sát số 1 thuộc Đoàn giám sát",
        "tỷ lệ 1/3 và 24/7",
    ],
)
def test_look_alikes_are_not_citations(text):
    assert extract(text) == []


# --- older and variant State symbols: real documents, read whole -----------------------------------

OLDER_STATE_SYMBOLS = [
    # text, kind, symbol, type_name, issuer_code
    ("Nghị định 385-HĐBT ngày 7/11/1990 của Hội đồng Bộ trưởng", "state", "385-HĐBT", "Nghị định", "HĐBT"),
    ("Nghị định số 73-CP ngày 1/11/1993", "state", "73-CP", "Nghị định", "CP"),
    ("Quyết định 477-TTg", "state", "477-TTg", "Quyết định", "TTg"),
    ("Sắc lệnh số 53/SL", "state", "53/SL", "Sắc lệnh", None),
    ("Luật số 21-LCT/HĐNN8", "law", "21-LCT/HĐNN8", "Luật", "HĐNN8"),
    ("Thông tư liên tịch số 162/2004/TTLT/BQP-BTC", "state", "162/2004/TTLT/BQP-BTC", "Thông tư liên tịch", "BQP-BTC"),
    ("Quyết định số 12/2005/QĐ/BGD&ĐT", "state", "12/2005/QĐ/BGD&ĐT", "Quyết định", "BGD&ĐT"),
    ("Thông tư liên tịch số 19/2012/TTLT-BTC-BKH&ĐT-BTTTT", "state", "19/2012/TTLT-BTC-BKH&ĐT-BTTTT", "Thông tư liên tịch",
     "BTC-BKH&ĐT-BTTTT"),
    ("công văn số 3497/YT-QLD", "state", "3497/YT-QLD", "Công văn", "YT-QLD"),
    ("Nghị quyết 1234/2025/NQ-UBTVQH15", "law", "1234/2025/NQ-UBTVQH15", "Nghị quyết", "UBTVQH15"),
]


@pytest.mark.parametrize("text,kind,symbol,type_name,issuer", OLDER_STATE_SYMBOLS)
def test_older_and_variant_state_symbols_are_read_whole(text, kind, symbol, type_name, issuer):
    c = one(text)
    assert c.text == text and c.deviations == ()  # the whole citation, and nothing malformed about it
    assert parts(c, "kind", "symbol", "type_name", "issuer_code") == (kind, symbol, type_name, issuer)


def test_an_old_state_symbol_without_a_type_word():
    assert parts(one("theo 385-HĐBT của Hội đồng Bộ trưởng"), "kind", "symbol") == ("state", "385-HĐBT")
    assert extract("đội số 2-ABC thắng") == []  # an unknown code after a number: a team, not a document


def test_codes_in_lower_case_are_read_and_their_spelling_reported():
    c = one("Thông tư 55/2018/tt-bgtvt")
    assert parts(c, "kind", "symbol", "type_code", "issuer_code", "year") == ("state", "55/2018/TT-BGTVT", "TT", "BGTVT", 2018)
    assert [(d.code, d.found, d.replacement) for d in c.deviations] == [
        ("type-code-spelling", "tt", "TT"), ("issuer-spelling", "bgtvt", "BGTVT")]


def test_a_heading_in_capitals():
    c = one("QUYẾT ĐỊNH SỐ 12/QĐ-UBND")
    assert parts(c, "text", "type_name", "symbol") == ("QUYẾT ĐỊNH SỐ 12/QĐ-UBND", "Quyết định", "12/QĐ-UBND")
    c = one("THÔNG TƯ SỐ 17/2013/TT-BTTTT NGÀY 02 THÁNG 8 NĂM 2013")
    assert parts(c, "type_name", "symbol", "date") == ("Thông tư", "17/2013/TT-BTTTT", dt.date(2013, 8, 2))


@pytest.mark.parametrize("text", ["Mẫu số 02-TC", "theo mẫu số 03-TT ban hành kèm theo", "MẪU SỐ 03-TT", "Biểu số 01-KH"])
def test_form_codes_are_not_citations(text):
    assert extract(text) == []


# --- documents by name: laws, codes, ordinances, the Constitution, the Party Charter -------------------

NAMED_LAWS = [
    # text, citation as found, type_name, name, year
    ("theo Luật Đất đai 2013 thì", "Luật Đất đai 2013", "Luật", "Đất đai", 2013),
    ("Luật Đất đai năm 2013 quy định", "Luật Đất đai năm 2013", "Luật", "Đất đai", 2013),
    ("áp dụng Bộ luật Lao động", "Bộ luật Lao động", "Bộ luật", "Lao động", None),
    ("Luật Ngân sách nhà nước và các văn bản hướng dẫn", "Luật Ngân sách nhà nước", "Luật", "Ngân sách nhà nước", None),
    ("Luật Thi hành án hình sự được ban hành", "Luật Thi hành án hình sự", "Luật", "Thi hành án hình sự", None),
    ("trái với Hiến pháp năm 1992", "Hiến pháp năm 1992", "Hiến pháp", None, 1992),
    ("vi phạm Điều lệ Đảng", "Điều lệ Đảng", "Điều lệ", None, None),
    ("Cương lĩnh chính trị năm 1991 của Đảng", "Cương lĩnh chính trị năm 1991", "Cương lĩnh", None, 1991),
    # a name in lower case is read when it is a known law's
    ("theo Luật thương mại", "Luật thương mại", "Luật", "thương mại", None),
    ("Điều 628 của Bộ Luật dân sự", "Điều 628 của Bộ Luật dân sự", "Bộ luật", "dân sự", None),
]


@pytest.mark.parametrize("text,found,type_name,name,year", NAMED_LAWS)
def test_documents_by_name(text, found, type_name, name, year):
    c = one(text)
    assert parts(c, "kind", "text", "type_name", "name", "year", "symbol") == ("named", found, type_name, name, year, None)


def test_a_law_with_its_name_and_symbol():
    c = one("Luật Điện ảnh số 62/2006/QH11")
    assert parts(c, "kind", "symbol", "name", "type_name") == ("law", "62/2006/QH11", "Điện ảnh", "Luật")


@pytest.mark.parametrize("text", ["Luật này có hiệu lực", "Luật sư Nguyễn Văn A", "Nghị quyết Hà Nội về", "luật pháp nước ta"])
def test_what_is_not_a_document_by_name(text):
    assert extract(text) == []


def test_meetings_are_still_read_as_meetings():
    c = one("Nghị quyết T.Ư 4 (khoá XIII)")
    assert parts(c, "kind", "meeting", "plenum", "term", "name") == ("named", "plenum", 4, "XIII", None)


@pytest.mark.parametrize("text", ["theo dự thảo Luật Đất đai sửa đổi", "Dự án Luật Dược được thảo luận", "DỰ THẢO LUẬT Đất đai"])
def test_a_bill_is_not_a_law(text):
    assert extract(text) == []


def test_an_amending_law_cites_the_law_it_amends():
    (c,) = extract("Luật Sửa đổi, bổ sung một số điều của Luật Điện ảnh năm 2009")
    assert parts(c, "kind", "text", "name", "year") == ("named", "Luật Điện ảnh năm 2009", "Điện ảnh", 2009)


PINPOINTS = [
    # text, the citation as found (the pinpoint included), article, clause, point
    ("theo điểm a khoản 2 Điều 5 Nghị định 30/2020/NĐ-CP thì", "điểm a khoản 2 Điều 5 Nghị định 30/2020/NĐ-CP", "5", "2", "a"),
    ("Điều 12, khoản 3 Luật Báo chí", "Điều 12, khoản 3 Luật Báo chí", "12", "3", None),
    ("khoản 2 Điều 80 của Luật Thi hành án hình sự", "khoản 2 Điều 80 của Luật Thi hành án hình sự", "80", "2", None),
    ("khoản 4 và 5 Điều 24 Luật Điện ảnh", "khoản 4 và 5 Điều 24 Luật Điện ảnh", "24", "4", None),
    ("Điều 1 Thông tư số 136/2018/TT-BTC", "Điều 1 Thông tư số 136/2018/TT-BTC", "1", None, None),
]


@pytest.mark.parametrize("text,found,article,clause,point", PINPOINTS)
def test_a_pinpoint_is_attached_to_its_citation(text, found, article, clause, point):
    c = one(text)
    assert c.text == found and (c.pinpoint.article, c.pinpoint.clause, c.pinpoint.point) == (article, clause, point)
    assert c.record()["pinpoint"] == {"article": article, "clause": clause, "point": point}


def test_no_pinpoint_without_one():
    assert one("Căn cứ Nghị định 30/2020/NĐ-CP").pinpoint is None
    assert one("Điều 36.3.LQ.1 theo Nghị định 30/2020/NĐ-CP").text == "Nghị định 30/2020/NĐ-CP"  # a codification id


def test_cyrillic_and_greek_look_alikes_are_read_and_reported():
    c = one("Nghị định 30/2020/NĐ-\u0421\u0420 ngày 5/3/2020")  # Cyrillic С and Р
    assert c.symbol == "30/2020/NĐ-CP"
    assert [(d.code, d.found, d.replacement) for d in c.deviations] == [("look-alike", "\u0421", "C"), ("look-alike", "\u0420", "P")]
    assert one("Quyết định số 12/QĐ-\u03a4Tg").symbol == "12/QĐ-TTg"  # Greek Τ
    assert extract("Hiệp ước \u0421\u0421\u0421\u0420 ký năm 1950") == []  # a Russian word stays Russian


def test_a_date_written_with_dots():
    c = one("Chỉ thị 26 ngày 22.9.2005 của Ủy ban nhân dân")
    assert parts(c, "kind", "number", "date") == ("short", "26", dt.date(2005, 9, 22))  # not "26 ngày", a count of days


VARIANT_SEPARATORS = [
    # text, kind, canonical symbol, deviations (code, replacement)
    ("Nghị quyết 12/NQ/TU của Thành ủy", "party", "12-NQ/TU", [("party-number-state-separators", "12-NQ/TU")]),
    ("Quyết định 45/QĐ/UB", "state", "45/QĐ/UB", []),  # an old State symbol, written so
    ("Nghị quyết 15 NQ/TW", "party", "15-NQ/TW", [("symbol-spacing", "-")]),  # a space where the dash is
    ("Quyết định 15 CT/UBND", "state", "15-CT/UBND", [("symbol-spacing", "-")]),  # the same in an old State symbol
    ("Nghị quyết số 05-NQ/H.U", "party", "05-NQ/HU", [("issuer-spelling", "HU")]),  # Huyện ủy, dotted
    ("Quyết định số 10-QĐNS/TW", "party", "10-QĐNS/TW", []),  # a decision on personnel
]


@pytest.mark.parametrize("text,kind,symbol,deviations", VARIANT_SEPARATORS)
def test_variant_separators_and_codes(text, kind, symbol, deviations):
    c = one(text)
    assert c.text == text and (c.kind, c.symbol) == (kind, symbol)
    assert [(d.code, d.replacement) for d in c.deviations] == deviations


def test_number_and_year_in_words():
    c = one("Nghị định số 12 năm 2020 của Chính phủ")
    assert parts(c, "kind", "number", "year", "symbol") == ("short", "12", 2020, None)
    assert extract("Nghị định 15 năm qua") == []  # a count of years, not a document


@pytest.mark.parametrize("text", ["ĐH Luật Hà Nội và Đà Nẵng", "thảo luận dự Luật Thực hành tiết kiệm, chống lãng phí"])
def test_a_law_school_and_a_bill_are_not_laws(text):
    assert extract(text) == []


@pytest.mark.parametrize("text,term,body", [
    ("Nghị quyết Đại hội Đảng bộ Quân đội lần thứ X", "X", "Đảng bộ Quân đội"),
    ("Nghị quyết Đại hội Đảng bộ Công an Trung ương lần thứ VII", "VII", "Đảng bộ Công an Trung ương"),
    ("Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Nghệ An lần thứ XIX", "XIX", "Đảng bộ tỉnh Nghệ An"),
    ("Nghị quyết Đại hội XVII Đảng bộ Thành phố", "XVII", "Đảng bộ Thành phố"),
])
def test_congress_resolutions_of_party_organisations(text, term, body):
    c = one(text)
    # the organisation is kept, so that the resolution is not taken for the national congress's
    assert parts(c, "kind", "meeting", "text", "term", "issuer_text") == ("named", "congress", text, term, body)


@pytest.mark.parametrize("text,symbol,date", [
    ("Theo Chỉ\nthị số 05-CT/TW ngày 15/5/2016", "05-CT/TW", dt.date(2016, 5, 15)),
    ("Theo Chỉ\r\nthị số 05-CT/TW ngày 15/5/2016", "05-CT/TW", dt.date(2016, 5, 15)),
    ("theo Nghị quyết số\n15-NQ/TW ngày\n20/5/2020", "15-NQ/TW", dt.date(2020, 5, 20)),
    ("theo Quyết\nđịnh số 12/QĐ-UBND ngày 3/4/2021", "12/QĐ-UBND", dt.date(2021, 4, 3)),
])
def test_citation_across_a_hard_line_wrap(text, symbol, date):
    (c,) = extract(text)
    assert (c.symbol, c.date) == (symbol, date)
    assert c.text == text[c.start : c.end] and c.text.startswith(("Chỉ", "Nghị", "Quyết"))
    # positions stay those of the text as written: the citation starts on line 1, ends on a later one
    assert (c.line, c.end_line) == (1, text.count("\n") + 1)


def test_a_line_break_before_a_list_label_or_a_capital_is_kept():
    # "a)" starts a list item; a capital may start a heading: neither line is joined to the one before
    (c,) = extract("Căn cứ Nghị quyết số 15-NQ/TW\na) ngày 20/5/2020")
    assert c.text == "Nghị quyết số 15-NQ/TW" and c.date is None
    assert extract("Chỉ\nThị trường") == []


@pytest.mark.parametrize("text,type_name,number,symbol", [
    ("điều chỉnh lương theo NĐ 118, tăng lương", "Nghị định", "118", None),
    ("sau khi qui định của QĐ 217 có hiệu lực", "Quyết định", "217", None),
    ("nhà nước quản lý mua hóa giá theo NĐ 61/CP nên", "Nghị định", "61", "61/CP"),
    ("thu tiền theo NĐ số 38/2000/NĐ-CP ngày 23-8-2000", "Nghị định", "38", "38/2000/NĐ-CP"),
])
def test_abbreviated_type_word_before_a_number(text, type_name, number, symbol):
    (c,) = extract(text)
    assert (c.type_name, c.number, c.symbol) == (type_name, number, symbol)
    assert c.text.startswith(("NĐ", "QĐ"))


@pytest.mark.parametrize("text", [
    "bắt giữ tàu NĐ 07-46 của ông",  # a ship's number
    "TT số 101 Nguyễn Cửu Vân",  # a centre (trung tâm): "TT" is not read as Thông tư
    "BQLNĐ 5 tầng",
    "Phuluc_II_kemtheo Thông tư 19-2018-TT-BNNPTNT.docx",  # attached files
    "Quy định ban hành kèm theo Thông tư 40.2018.TT.BLĐTBXH.doc",
    "Phụ lục_kem theo NĐ số 47_2011_ND-CP.doc",
    "Mẫu số 01. NĐ 89-Đ6.doc",
    "NĐ 143 - PL I",  # annexes' and forms' labels
    "NĐ 49 - Mẫu 1",
    "QCVN 166-TT16",  # technical standards
    "theo QCVN 86:2015/BGTVT và TCVN 5687:2010",
    "Dự án 1 - Phát triển rừng",
])
def test_files_labels_and_standards_are_not_citations(text):
    assert extract(text) == []


def test_a_citation_before_a_link_to_a_file_in_another_clause_is_kept():
    (c,) = extract("Theo Nghị định số 30/2020/NĐ-CP; xem tệp nd30.pdf")
    assert c.symbol == "30/2020/NĐ-CP"


def test_every_bill_of_a_list_after_one_du_an_luat_is_a_bill():
    text = "trình Quốc hội Dự án Luật Đất đai (sửa đổi), Luật Nhà ở và Luật Kinh doanh bất động sản."
    assert extract(text) == []
    # a law cited after the list, in another sentence, is a law
    (c,) = extract(text + " Theo Luật Đất đai 2013, người dân")
    assert (c.name, c.year) == ("Đất đai", 2013)


@pytest.mark.parametrize("text,name,cited", [
    ("Luật Xây dựng giao thẩm quyền quản lý chất lượng", "Xây dựng", "Luật Xây dựng"),  # a known name ends the name
    ("theo Luật Nhà ở năm 2014", "Nhà ở", "Luật Nhà ở năm 2014"),  # "ở" inside a known name
    ("Luật Thuế thu nhập cá nhân quy định", "Thuế thu nhập cá nhân", "Luật Thuế thu nhập cá nhân"),
])
def test_a_known_law_name_ends_where_the_name_ends(text, name, cited):
    (c,) = extract(text)
    assert (c.name, c.text) == (name, cited)


@pytest.mark.parametrize("text,name,canonical,year", [
    ("theo Luật đất đai năm 2003", "đất đai", "Luật Đất đai", 2003),
    ("Bộ Luật lao động", "lao động", "Bộ luật Lao động", None),
    ("Pháp lệnh ưu đãi người có công với cách mạng", "ưu đãi người có công với cách mạng",
     "Pháp lệnh Ưu đãi người có công với cách mạng", None),
    ("Luật Tương lai số hóa", "Tương lai số hóa", "Luật Tương lai số hóa", None),  # not listed: as written
    ("Hiến pháp năm 2013", None, "Hiến pháp", 2013),
    ("Điều lệ Đảng", None, "Điều lệ Đảng", None),
])
def test_a_name_as_written_and_its_canonical_form(text, name, canonical, year):
    (c,) = extract(text)
    assert (c.kind, c.name, c.canonical_name, c.year) == ("named", name, canonical, year)


def test_a_count_word_after_the_issuer_does_not_undo_a_citation():
    (c,) = extract("Quyết định 181 của Thủ tướng Chính phủ chỉ mới tập trung vào 4 nội dung đầu.")
    assert (c.number, c.issuer_text) == ("181", "Thủ tướng Chính phủ")
    (c,) = extract("Chỉ thị 26 ngày 22.9.2005 của UBND TP.HCM")
    assert (c.number, c.date) == ("26", dt.date(2005, 9, 22))
    assert extract("Kế hoạch 5 năm của tỉnh") == []


def test_bills_in_a_list_whose_names_end_in_vn():
    text = ("Tiếp đến là Dự án Luật Dược, Bộ luật Hàng hải VN (sửa đổi), Luật Đường sắt VN, "
            "Luật Kiểm toán Nhà nước, Luật Quốc phòng và Dự án Luật Giáo dục (sửa đổi)")
    assert extract(text) == []


def test_old_state_code_glued_to_the_number():
    (c,) = extract("theo quy định tại Nghị định 15CP và các văn bản")
    assert (c.kind, c.symbol, c.text) == ("state", "15-CP", "Nghị định 15CP")
    assert [(d.code, d.found, d.replacement) for d in c.deviations] == [("symbol-spacing", "", "-")]
    # only the old State codes, only glued: "15 CP" and "15NQ" are no symbols
    assert [c.text for c in extract("Nghị định số 15 CP")] == ["Nghị định số 15"]
    assert [(c.text, c.symbol) for c in extract("Quyết định 15QĐ")] == [("Quyết định 15", None)]


@pytest.mark.parametrize("text,issuer,term,plenum", [
    ("Nghị quyết số 18-NQ/TW của Hội nghị Trung ương 6 khóa XI", "Trung ương", "XI", 6),
    ("Nghị quyết số 19-NQ/TW ngày 25/10/2017 của Hội nghị lần thứ sáu Ban Chấp hành Trung ương khóa XII",
     "Ban Chấp hành Trung ương", "XII", 6),
])
def test_an_issuer_that_names_the_meeting_keeps_its_term(text, issuer, term, plenum):
    # the term and plenum the text states are kept, so that a wrong one can be reported; the
    # issuer is the body whose plenum it was
    (c,) = extract(text)
    assert (c.text, c.issuer_text, c.term, c.plenum) == (text, issuer, term, plenum)


@pytest.mark.parametrize("text,number", [
    ("theo qui định tại nghị định 45 của Chính phủ", "45"),
    ("Điểm bất cập trong thông tư 06 là thuốc chuyên khoa", "06"),
    ("cương quyết xóa bỏ theo chỉ thị 08 của UBND TP HCM", "08"),
    ("Thủ tướng vừa ký quyết định 14, ban hành Quy chế", "14"),
])
def test_lower_case_decree_circular_directive_decision_without_so(text, number):
    (c,) = extract(text)
    assert (c.kind, c.number, c.text[0].islower()) == ("short", number, True)


@pytest.mark.parametrize("text", ["theo kế hoạch 5 của xã", "chương trình 3 tiết học", "quyết định 5 năm trước"])
def test_other_lower_case_types_and_counts_without_so_are_prose(text):
    assert extract(text) == []


@pytest.mark.parametrize("text", ["Thông tư 28/2014TT/BNNPTNT", "Quyết định 55/2005 QĐ-UB", "Nghị quyết 01/2016/NQ.HĐTP"])
def test_a_garbled_symbol_after_number_and_year_is_not_called_incomplete(text):
    (c,) = extract(text)
    assert "incomplete-symbol" not in [d.code for d in c.deviations]
    assert [d.code for d in extract("Nghị định 51/1999 của Chính phủ")[0].deviations] == ["incomplete-symbol"]


@pytest.mark.parametrize("text", ["Chỉ thị số 3 1/CT-TTg ngày 29/7/2020", "Thông tư 176 /20 09/TT-BTC", "Nghị định 93/201 6/NĐ-CP"])
def test_a_symbol_whose_digits_are_broken_by_spaces_is_not_misread(text):
    # not "1/CT-TTg", not a malformed "176 /20" nor a year 201: nothing is read rather than a wrong symbol
    assert extract(text) == []


@pytest.mark.parametrize("text", ["Nghị định 95/1998-NĐ-CP", "Thông tư 155/2014//TT-BTC", "Luật 23/2003 QH11"])
def test_wrong_separators_after_the_year_are_not_an_incomplete_symbol(text):
    (c,) = extract(text)
    assert "incomplete-symbol" not in [d.code for d in c.deviations]


@pytest.mark.parametrize("text", ["QCVN 02-19:2012-TT chuẩn", "Thông tư số 297.2016/TT-BTC ngày 15 tháng 11 năm 2016"])
def test_a_standard_and_a_dotted_symbol_are_not_misread(text):
    assert extract(text) == []


@pytest.mark.parametrize("text", ["QCVN 18: 2008/BTNMT – Quy chuẩn kỹ thuật", "QCVN 8-3: 2012-TT05/BYT",
                                  "Độ lún = H 0 - (H ix - H in )/2 + TT 0 - TT i"])
def test_standards_with_spaces_and_a_formula_are_not_symbols(text):
    assert extract(text) == []


def test_a_place_level_alone_on_the_next_line_does_not_extend_the_body():
    # plain text wrapped by hand joins a line that goes on in lower case, but "xã" with no name
    # after it does not continue "Ban Chấp hành Trung ương" (found by the property tests)
    from citelint.find.extract import extract

    (c,) = extract("Quy định số 24-QĐ/TW ngày 30/7/2021 của Ban Chấp hành Trung ương\nxã hội hóa giáo dục")
    assert c.text.endswith("Trung ương") and c.issuer_text == "Ban Chấp hành Trung ương"
    (c,) = extract("Quyết định số 12-QĐ/ĐU của Đảng ủy\nxã Tân Hòa về việc")
    assert c.issuer_text == "Đảng ủy xã Tân Hòa"  # a named place still goes on
