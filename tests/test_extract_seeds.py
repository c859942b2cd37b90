"""Every citation in the five seed articles, with its parts, and nothing else.

The expectations were written by reading the articles (see each comment), not generated."""

from __future__ import annotations

import datetime as dt

import pytest

from citelint import extract_file
from conftest import SEED_004, SEEDS

# (line, kind, text as written, symbol, number, type name, issuer code, date, term, plenum)
EXPECTED = {
    # Hà Nội news, 11/04/2019: the programme 01-CTr/TU of term XVI, cited in full twice and
    # as "Chương trình 01" three times, and the plenum TW4 of term XI inside its title.
    "000_883b030afed6ad88.txt": [
        (7, "party", "Chương trình 01-CTr/TU của Thành ủy", "01-CTr/TU", "01", "Chương trình", "TU", None, None, None),
        (11, "party", "Chương trình 01-CTr/TU của Thành ủy", "01-CTr/TU", "01", "Chương trình", "TU", None, None, None),
        (11, "named", "Nghị quyết Trung ương 4 (khóa XI)", None, None, "Nghị quyết", "TW", None, "XI", 4),
        (21, "short", "Chương trình 01 của Thành ủy", None, "01", "Chương trình", None, None, None, None),
        (21, "short", "Chương trình 01 của Thành ủy", None, "01", "Chương trình", None, None, None, None),
        (27, "short", "Chương trình 01 của Thành ủy", None, "01", "Chương trình", None, None, None, None),
    ],
    # 2022: programme 01-CTr/TU of term XVII ("khóa 17"), 15-NQ/TU and 15-CT/TU.
    "001_9387de9a32f19963.txt": [
        (3, "party", "Chương trình số 01-CTr/TU của Thành ủy Hà Nội khóa 17", "01-CTr/TU", "01", "Chương trình", "TU", None, "XVII", None),
        (9, "party", "Chương trình số 01-CTr/TU", "01-CTr/TU", "01", "Chương trình", "TU", None, None, None),
        (11, "party", "Nghị quyết số 15-NQ/TU", "15-NQ/TU", "15", "Nghị quyết", "TU", None, None, None),
        (11, "party", "Chỉ thị số 15-CT/TU", "15-CT/TU", "15", "Chỉ thị", "TU", None, None, None),
        (15, "short", "Chương trình số 01", None, "01", "Chương trình", None, None, None, None),
        (15, "short", "Chương trình số 01", None, "01", "Chương trình", None, None, None, None),
    ],
    # 2018: Đề án 06-ĐA/TU three times (once dated), the programme twice, short forms, the
    # plenum TW4 khóa XII, and "Nghị quyết số 18, Nghị quyết số 19-NQ/TW" sharing a suffix.
    "002_a21f578245a916a4.txt": [
        (4, "party", "Đề án số 06-ĐA/TU ngày 24-9-2013", "06-ĐA/TU", "06", "Đề án", "TU", "2013-09-24", None, None),
        (6, "short", "Chương trình 01", None, "01", "Chương trình", None, None, None, None),
        (6, "named", "Nghị quyết Trung ương 4 (khóa XII)", None, None, "Nghị quyết", "TW", None, "XII", 4),
        (8, "party", "Chương trình 01-CTr/TU", "01-CTr/TU", "01", "Chương trình", "TU", None, None, None),
        (10, "party", "Đề án số 06-ĐA/TU", "06-ĐA/TU", "06", "Đề án", "TU", None, None, None),
        (10, "short", "Đề án 06", None, "06", "Đề án", None, None, None, None),
        (12, "short", "Đề án số 06", None, "06", "Đề án", None, None, None, None),
        (14, "party", "Chương trình 01-CTr/TU", "01-CTr/TU", "01", "Chương trình", "TU", None, None, None),
        (18, "short", "Nghị quyết số 15", None, "15", "Nghị quyết", None, None, None, None),
        (18, "short", "Chỉ thị số 15 của Thành ủy", None, "15", "Chỉ thị", None, None, None, None),
        (20, "party", "Đề án số 06-ĐA/TU", "06-ĐA/TU", "06", "Đề án", "TU", None, None, None),
        (20, "party", "Nghị quyết số 18", "18-NQ/TW", "18", "Nghị quyết", "TW", None, None, None),
        (20, "party", "Nghị quyết số 19-NQ/TW của Trung ương", "19-NQ/TW", "19", "Nghị quyết", "TW", None, None, None),
    ],
    # 2021: the Congress XIII four times, the plenum T.Ư 4 khoá XIII, and nothing for
    # "Đoàn kiểm tra số 135 của Bộ Chính trị" or "Đại hội lần thứ XIII" without "Nghị quyết".
    "003_f1b95d96ca388da7.txt": [
        (5, "named", "Nghị quyết Đại hội XIII của Đảng", None, None, "Nghị quyết", None, None, "XIII", None),
        (21, "named", "Nghị quyết Đại hội XIII của Đảng", None, None, "Nghị quyết", None, None, "XIII", None),
        (25, "named", "Nghị quyết Đại hội XIII của Đảng", None, None, "Nghị quyết", None, None, "XIII", None),
        (27, "named", "Nghị quyết T.Ư 4 (khoá XIII)", None, None, "Nghị quyết", "TW", None, "XIII", 4),
        (29, "named", "Nghị quyết Đại hội lần thứ XIII của Đảng", None, None, "Nghị quyết", None, None, "XIII", None),
    ],
    # 19/11/2021: ten full citations with dates, in one ";"-separated list.
    "004_8b74df4c981ce569.txt": [
        (6, "party", "Quy định số 24-QĐ/TƯ ngày 30/7/2021 của Ban Chấp hành Trung ương", "24-QĐ/TW", "24", "Quy định", "TW", "2021-07-30", None, None),
        (6, "named", "Điều lệ Đảng", None, None, "Điều lệ", None, None, None, None),  # the Party Charter, in the title before
        (6, "party", "Hướng dẫn số 01-HD/TƯ ngày 28/9/2021 của Ban Bí thư Trung ương", "01-HD/TW", "01", "Hướng dẫn", "TW", "2021-09-28", None, None),
        (6, "named", "Điều lệ Đảng", None, None, "Điều lệ", None, None, None, None),  # the Party Charter, in the title before
        (6, "party", "Quy định số 41-QĐ/TƯ ngày 3/11/2021 của Bộ Chính trị", "41-QĐ/TW", "41", "Quy định", "TW", "2021-11-03", None, None),
        (6, "party", "Quy định số 22-QĐ/TƯ ngày 28/7/2021 của Ban Chấp hành Trung ương", "22-QĐ/TW", "22", "Quy định", "TW", "2021-07-28", None, None),
        (6, "party", "Quy định số 37-QĐ/TƯ ngày 25/10/2021 của Ban Chấp hành Trung ương", "37-QĐ/TW", "37", "Quy định", "TW", "2021-10-25", None, None),
        (6, "party", "Nghị quyết số 04-NQ/TU ngày 31/5/2021", "04-NQ/TU", "04", "Nghị quyết", "TU", "2021-05-31", None, None),
        (6, "party", "Quy định số 04-QĐ/TU ngày 11/8/2021", "04-QĐ/TU", "04", "Quy định", "TU", "2021-08-11", None, None),
        (6, "party", "Quy định số 07-QĐ/TU ngày 17/11/2021", "07-QĐ/TU", "07", "Quy định", "TU", "2021-11-17", None, None),
        (6, "party", "Quyết định số 1841-QĐ/TU ngày 28/10/2021", "1841-QĐ/TU", "1841", "Quyết định", "TU", "2021-10-28", None, None),
        (6, "party", "Quy định số 05-QĐ/TU ngày 16/8/2021", "05-QĐ/TU", "05", "Quy định", "TU", "2021-08-16", None, None),
    ],
}


def _row(c):
    return (
        c.line,
        c.kind,
        c.text,
        c.symbol,
        c.number,
        c.type_name,
        c.issuer_code,
        c.date.isoformat() if c.date else None,
        c.term,
        c.plenum,
    )


@pytest.fixture(scope="module")
def results():
    return {name: extract_file(str(SEEDS / name)) for name in EXPECTED}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_citations_exactly(results, name):
    result = results[name]
    assert result.error is None
    assert [_row(c) for c in result.citations] == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_spans_point_at_the_original_text(results, name):
    text = (SEEDS / name).read_text(encoding="utf-8")
    lines = text.split("\n")
    for c in results[name].citations:
        assert text[c.start : c.end] == c.text
        assert lines[c.line - 1][c.column - 1 :].startswith(c.text)
        assert c.path == str(SEEDS / name)


def test_titles_in_the_seeds(results):
    by_symbol = {c.symbol: c for c in results["004_8b74df4c981ce569.txt"].citations}
    assert by_symbol["24-QĐ/TW"].title == "thi hành Điều lệ Đảng"
    assert by_symbol["41-QĐ/TW"].title == "miễn nhiệm, từ chức đối với cán bộ"
    assert by_symbol["04-NQ/TU"].title == (
        "Tập trung xây dựng và nâng cao chất lượng đội ngũ cán bộ các cấp nhiệm kỳ 2020-2025 và những năm tiếp theo"
    )
    assert by_symbol["1841-QĐ/TU"].title.startswith("ban hành Quy định đánh giá, xếp loại hằng tháng")
    # the last item of the list ends the paragraph with a full stop
    assert by_symbol["05-QĐ/TU"].title.endswith("của thành phố Hà Nội")
    dated = results["002_a21f578245a916a4.txt"].citations[0]
    assert dated.title.startswith("Kiện toàn, sắp xếp tổ chức đảng")
    programme = results["001_9387de9a32f19963.txt"].citations[1]
    assert programme.title.startswith("Tăng cường công tác xây dựng, chỉnh đốn Đảng")


def test_deviations_in_the_seeds(results):
    seed4 = [c for c in results["004_8b74df4c981ce569.txt"].citations if c.symbol]  # the charter has none
    # the press writes TƯ for the Central Committee's code TW
    assert [[(d.code, d.found, d.replacement) for d in c.deviations] for c in seed4[:5]] == [
        [("issuer-spelling", "TƯ", "TW")]
    ] * 5
    assert all(not c.deviations for c in seed4[5:])
    text = SEED_004.read_text(encoding="utf-8")
    d = seed4[0].deviations[0]
    assert text[d.start : d.end] == "TƯ"
    khoa17 = results["001_9387de9a32f19963.txt"].citations[0]
    assert [(d.code, d.found, d.replacement) for d in khoa17.deviations] == [("arabic-term", "17", "XVII")]


def test_coordinated_and_shared_parts(results):
    c18, c19 = results["002_a21f578245a916a4.txt"].citations[-2:]
    assert c18.coordinated and c19.coordinated
    assert c18.issuer_text == c19.issuer_text == "Trung ương"
    nq15, ct15 = results["002_a21f578245a916a4.txt"].citations[8:10]
    assert (nq15.issuer_text, ct15.issuer_text) == ("Thành ủy", "Thành ủy")
    assert results["002_a21f578245a916a4.txt"].citations[0].date == dt.date(2013, 9, 24)
