"""The article's date and jurisdiction (`citelint.context`): where each comes from, and what
must not be taken for them (a citation's date, the "Các tin khác" list, "Hà Nam" for "Hà Nội")."""

from __future__ import annotations

import datetime as dt
import time
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citelint.context.dates import html_date
from citelint.context.infer import infer_context
from citelint.context.places import JURISDICTIONS, PROVINCES_2025, PROVINCES_BEFORE_2025, canonical_jurisdiction
from citelint.diagnostics import ArticleContext
from conftest import SEEDS, finishes_within


def seed(name: str) -> str:
    (path,) = SEEDS.glob(f"{name}_*.txt")
    return path.read_text(encoding="utf-8")


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


# --- the seed articles ------------------------------------------------------------------------


def test_seed_000_date_from_the_bulleted_header_line():
    text = seed("000")
    ctx = infer_context(text)
    assert ctx.date == dt.date(2019, 4, 11)
    assert ctx.year == 2019
    assert ctx.date_source == f"header (line {line_of(text, '11/04/2019 16:37')})" == "header (line 3)"
    assert ctx.jurisdiction == "Hà Nội"
    assert ctx.jurisdiction_source.startswith("text (") and ctx.jurisdiction_source.endswith(" mentions)")


def test_seed_001_date_from_the_lead_with_the_year_of_the_same_paragraph():
    text = seed("001")
    ctx = infer_context(text)
    # "Sáng 13/7, ... triển khai nhiệm vụ trọng tâm 6 tháng cuối năm 2022."
    assert ctx.date == dt.date(2022, 7, 13)
    assert ctx.date_source == f"text (line {line_of(text, 'Sáng 13/7')})"
    assert ctx.jurisdiction == "Hà Nội"


def test_seed_002_only_the_year_is_known_and_a_cited_date_does_not_win():
    text = seed("002")
    ctx = infer_context(text)
    assert ctx.date is None
    assert ctx.year == 2018  # "quý III-2018", "Kế hoạch năm 2018"; not 2013 of "ngày 24-9-2013"
    assert ctx.date_source == f"text (year only, line {line_of(text, 'quý III-2018')})"
    assert ctx.effective_date == dt.date(2018, 12, 31)
    assert ctx.jurisdiction == "Hà Nội"


def test_seed_003_header_wins_and_the_other_news_dates_of_2026_do_not():
    text = seed("003")
    ctx = infer_context(text)
    assert ctx.date == dt.date(2021, 12, 11)
    assert ctx.date_source == f"header (line {line_of(text, 'Cập nhật: Thứ bảy')})" == "header (line 3)"
    assert ctx.jurisdiction == "Hà Nội"


def test_seed_003_without_its_header_still_takes_nothing_from_the_other_news():
    # Without the header, the lead's "Chiều 10/12" has no year in the article; the "Các tin
    # khác" section has "Sáng 14/1 ... năm 2025 ... năm 2026" and "Bắc Ninh": none of it counts.
    text = seed("003").replace("Cập nhật: Thứ bảy, 11/12/2021 | 5:31:17 PM", "")
    ctx = infer_context(text)
    assert ctx.year is None and ctx.date is None and ctx.date_source is None
    assert ctx.jurisdiction == "Hà Nội"


def test_seed_004_header_with_weekday_time_and_timezone():
    text = seed("004")
    ctx = infer_context(text)
    assert ctx.date == dt.date(2021, 11, 19)
    assert ctx.date_source == f"header (line {line_of(text, 'Thứ Sáu, 19/11/2021')})"
    assert ctx.jurisdiction == "Hà Nội"


@pytest.mark.parametrize("name", ["000", "001", "002", "003", "004"])
def test_seeds_in_nfd_give_the_same_context(name):
    text = seed(name)
    nfd = unicodedata.normalize("NFD", text)
    assert nfd != text
    assert infer_context(nfd) == infer_context(text)


@pytest.mark.parametrize("name", ["000", "001", "002", "003", "004"])
def test_seeds_as_markdown_give_the_same_context(name):
    assert infer_context(seed(name), markup="markdown") == infer_context(seed(name))


# --- header lines ----------------------------------------------------------------------------

LEAD = "Ban Thường vụ Tỉnh ủy Nghệ An tổ chức hội nghị quán triệt Nghị quyết của Tỉnh ủy Nghệ An."


@pytest.mark.parametrize(
    "header, expected",
    [
        ("11/04/2019 16:37", dt.date(2019, 4, 11)),
        ("  • 11/04/2019 16:37", dt.date(2019, 4, 11)),
        ("Thứ Sáu, 19/11/2021, 10:43 [GMT+7]", dt.date(2021, 11, 19)),
        ("Cập nhật: Thứ bảy, 11/12/2021 | 5:31:17 PM", dt.date(2021, 12, 11)),
        ("Cập nhật: Thứ bẩy, 11/12/2021", dt.date(2021, 12, 11)),
        ("THỨ HAI, 06/06/2022", dt.date(2022, 6, 6)),
        ("Ngày đăng: 19/11/2021", dt.date(2021, 11, 19)),
        ("Chủ nhật, 05/06/2022 - 08:15", dt.date(2022, 6, 5)),
        ("chủ nhật, 05-06-2022", dt.date(2022, 6, 5)),
        ("15:30 ngày 19/11/2021", dt.date(2021, 11, 19)),
        ("Thời gian: 19-11-2021", dt.date(2021, 11, 19)),
        ("Ngày: 1/2/2020", dt.date(2020, 2, 1)),
        ("Đăng lúc 10h43 19/11/2021", dt.date(2021, 11, 19)),
    ],
)
def test_header_line_forms(header, expected):
    text = f"Nghệ An: quán triệt nghị quyết\n\n{header}\n{LEAD}\n"
    ctx = infer_context(text)
    assert ctx.date == expected
    assert ctx.year == expected.year
    assert ctx.date_source == "header (line 3)"


@pytest.mark.parametrize(
    "line",
    [
        "Quy định số 24-QĐ/TW ngày 30/7/2021 của Ban Chấp hành Trung ương",
        "Theo Nghị định 30/2020/NĐ-CP ngày 5/3/2020, 10:00",
        "19/11/2021",  # a bare date: no time, no weekday, no label
        "Thứ Sáu, 31/02/2021, 10:43",  # no such day
        "Thứ Sáu, 19/11/1820, 10:43",  # out of range
    ],
)
def test_not_header_lines(line):
    text = f"Tiêu đề\n{line}\nNội dung bài viết không có ngày tháng.\n"
    ctx = infer_context(text)
    assert ctx.date is None
    assert ctx.date_source is None or not ctx.date_source.startswith("header")


def test_header_beyond_the_first_lines_is_not_a_header():
    body = "\n".join(f"Đoạn văn thứ {i} của bài viết." for i in range(20))
    text = f"Tiêu đề\n{body}\nThứ Sáu, 19/11/2021, 10:43\n"
    assert infer_context(text).date is None


def test_header_wins_over_the_lead():
    text = "Tiêu đề\n\n11/04/2019 16:37\nSáng 13/7, hội nghị triển khai nhiệm vụ năm 2022.\n"
    ctx = infer_context(text)
    assert ctx.date == dt.date(2019, 4, 11) and ctx.date_source == "header (line 3)"


# --- the lead and the year -------------------------------------------------------------------


@pytest.mark.parametrize(
    "lead, expected",
    [
        ("Chiều 10/12, Ban Thường vụ Thành ủy làm việc về kế hoạch năm 2021.", dt.date(2021, 12, 10)),
        ("(HNM) - Tối 2/9, lễ kỷ niệm diễn ra trang trọng; năm 2020 là năm bản lề.", dt.date(2020, 9, 2)),
        ("ANTD.VN - Trưa 5/6, đoàn công tác đến thăm; kết quả quý II/2023.", dt.date(2023, 6, 5)),
        ("Hôm nay (20/5), hội nghị khai mạc, tổng kết năm 2019.", dt.date(2019, 5, 20)),
        ("Tại Hà Nội, sáng 13/7, đồng chí Bí thư chủ trì hội nghị năm 2022.", dt.date(2022, 7, 13)),
        ("Ngày 11-4, Ban Chỉ đạo họp bàn công tác những tháng còn lại năm 2019.", dt.date(2019, 4, 11)),
        ("Sáng 13/7/2022, Ban Chỉ đạo họp.", dt.date(2022, 7, 13)),
    ],
)
def test_lead_date_with_the_year_of_its_paragraph(lead, expected):
    text = f"Tiêu đề bài viết\n\n{lead}\n\nĐoạn sau.\n"
    ctx = infer_context(text)
    assert ctx.date == expected
    assert ctx.date_source == "text (line 3)"


def test_lead_year_from_the_rest_of_the_article_when_its_paragraph_has_none():
    text = "Tiêu đề\n\nChiều 10/12, Đoàn kiểm tra làm việc với Thành ủy.\n\nKết quả công tác năm 2021 được đánh giá cao.\n"
    ctx = infer_context(text)
    assert ctx.date == dt.date(2021, 12, 10)
    assert ctx.date_source == "text (line 3)"


def test_lead_year_ignores_ranges_horizons_and_cited_dates():
    text = (
        "Tiêu đề\n\nSáng 13/7, hội nghị quán triệt Nghị quyết số 04-NQ/TU ngày 31/5/2019 "
        "về nhiệm kỳ 2020-2025, tầm nhìn đến năm 2045, trong năm 2022.\n"
    )
    assert infer_context(text).date == dt.date(2022, 7, 13)


def test_lead_without_any_year_gives_nothing():
    text = "Tiêu đề\n\nSáng 13/7, hội nghị quán triệt Quy định số 24-QĐ/TW ngày 30/7/2021.\n"
    ctx = infer_context(text)
    assert (ctx.date, ctx.year, ctx.date_source) == (None, None, None)


def test_day_month_not_introduced_by_a_time_word_is_not_the_articles_date():
    text = "Tiêu đề\n\nKế hoạch được ban hành 13/7 để thực hiện trong năm 2022.\n"
    ctx = infer_context(text)
    assert ctx.date is None and ctx.year == 2022
    assert ctx.date_source == "text (year only, line 3)"


def test_year_only_most_frequent_present_year_and_ignored_forms():
    text = (
        "Tiêu đề\n\n"
        "Hội nghị tổng kết quý III-2018 và chủ đề công tác năm 2018.\n"
        "Thực hiện Nghị định 30/2020/NĐ-CP, Đề án số 06-ĐA/TU ngày 24-9-2013.\n"
        "Phấn đấu đến năm 2030, tầm nhìn năm 2045, giai đoạn 2016-2020, so với cùng kỳ năm 2017.\n"
        "Kế hoạch năm 2018 hoàn thành.\n"
    )
    ctx = infer_context(text)
    assert ctx.date is None
    assert ctx.year == 2018
    assert ctx.date_source == "text (year only, line 3)"


def test_year_only_tie_goes_to_the_latest():
    text = "Tiêu đề\n\nTổng kết năm 2021, triển khai nhiệm vụ năm 2022.\n"
    ctx = infer_context(text)
    assert ctx.year == 2022 and ctx.date is None


def test_quarter_forms_count_as_present_years():
    text = "Tiêu đề\n\nKết quả quý I/2019 và 6 tháng đầu năm 2019; quý 3-2019.\n"
    assert infer_context(text).year == 2019


def test_no_date_at_all():
    ctx = infer_context("Tiêu đề\n\nHội nghị bàn về công tác xây dựng Đảng.\n")
    assert (ctx.date, ctx.year, ctx.date_source) == (None, None, None)
    assert ctx.effective_date is None


def test_unknown_markup_is_an_error():
    with pytest.raises(ValueError):
        infer_context("x", markup="rst")


def test_empty_text():
    assert infer_context("") == ArticleContext()


# --- the other-news section ------------------------------------------------------------------


OTHER_NEWS_ARTICLE = (
    "Hà Nội chọn đột phá\n\n"
    "Chiều 10/12, Ban Thường vụ Thành ủy Hà Nội làm việc về kết quả năm 2021.\n"
    "Đảng bộ thành phố Hà Nội đã chủ động triển khai.\n"
    "Thành ủy Hà Nội sẽ đẩy mạnh đổi mới.\n\n"
    "{marker}\n"
    "Sáng 14/1, Tỉnh ủy Bắc Ninh tổng kết công tác năm 2025, triển khai phương hướng năm 2026.\n"
    "Ngày 14/1, HĐND tỉnh Bắc Ninh giám sát. Bắc Ninh, Bắc Ninh, Bắc Ninh, Bắc Ninh năm 2026.\n"
    "Bắc Ninh năm 2026. Bắc Ninh năm 2026. Bắc Ninh năm 2026.\n"
)


@pytest.mark.parametrize("marker", ["Các tin khác", "Tin cùng chuyên mục", "Tin liên quan", "  • CÁC TIN KHÁC:", "Tin Liên Quan"])
def test_nothing_after_the_other_news_line_counts(marker):
    ctx = infer_context(OTHER_NEWS_ARTICLE.format(marker=marker))
    assert ctx.date == dt.date(2021, 12, 10)
    assert ctx.jurisdiction == "Hà Nội"
    assert ctx.jurisdiction_source == "text (4 mentions)"  # the title's and the three above


def test_without_the_marker_the_other_news_would_win():
    # The same text with the marker line as ordinary prose: Bắc Ninh dominates.
    ctx = infer_context(OTHER_NEWS_ARTICLE.format(marker="Trong khi đó, các tin khác cho biết:"))
    assert ctx.jurisdiction == "Bắc Ninh"


def test_a_related_news_box_in_the_lead_does_not_cut_the_article():
    body = "\n".join(["Thành ủy Nghệ An triển khai nghị quyết năm 2020."] * 6)
    text = f"Tiêu đề\n\nTin liên quan\n{body}\n"
    ctx = infer_context(text)
    assert ctx.jurisdiction == "Nghệ An"
    assert ctx.year == 2020


# --- front matter, HTML metadata, arguments --------------------------------------------------

MD = """---
title: "Hà Nội: quán triệt nghị quyết"
date: {date}
jurisdiction: {place}
---
# Hà Nội: quán triệt nghị quyết

Thứ Sáu, 19/11/2021, 10:43

Ban Thường vụ Thành ủy Hà Nội tổ chức hội nghị; Thành ủy Hà Nội chỉ đạo.
"""


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2020-05-01", dt.date(2020, 5, 1)),
        ('"2020-05-01"', dt.date(2020, 5, 1)),
        ("'01/05/2020'", dt.date(2020, 5, 1)),
        ("01/05/2020", dt.date(2020, 5, 1)),
        ("2020-05-01T10:43:00+07:00", dt.date(2020, 5, 1)),
        ("2020-05-01 10:43:00", dt.date(2020, 5, 1)),
    ],
)
def test_front_matter_date_and_jurisdiction_win_over_header_and_text(value, expected):
    ctx = infer_context(MD.format(date=value, place="Nghệ An"), markup="markdown")
    assert (ctx.date, ctx.year, ctx.date_source) == (expected, expected.year, "front matter")
    assert (ctx.jurisdiction, ctx.jurisdiction_source) == ("Nghệ An", "front matter")


def test_front_matter_year_alone_keeps_the_year():
    ctx = infer_context(MD.format(date="2018", place="tỉnh Thanh Hoá"), markup="markdown")
    assert (ctx.date, ctx.year, ctx.date_source) == (None, 2018, "front matter")
    assert ctx.jurisdiction == "Thanh Hóa"


def test_markdown_without_front_matter_date_falls_back_to_the_header_line():
    text = MD.replace("date: {date}\n", "").format(place="Nghệ An")
    ctx = infer_context(text, markup="markdown")
    assert ctx.date == dt.date(2021, 11, 19)
    assert ctx.date_source == f"header (line {line_of(text, 'Thứ Sáu')})" == "header (line 7)"
    assert ctx.jurisdiction == "Nghệ An"


def test_markdown_unreadable_front_matter_date_falls_back():
    ctx = infer_context(MD.format(date="sắp tới", place="Nghệ An"), markup="markdown")
    assert ctx.date == dt.date(2021, 11, 19) and ctx.date_source.startswith("header")


def test_front_matter_is_only_read_in_markdown():
    ctx = infer_context(MD.format(date="2020-05-01", place="Nghệ An"), markup="text")
    assert ctx.date_source != "front matter"
    assert ctx.jurisdiction_source != "front matter"


def test_explicit_arguments_win_over_everything():
    text = MD.format(date="2020-05-01", place="Nghệ An")
    ctx = infer_context(
        text, markup="markdown", date=dt.date(2023, 3, 4), jurisdiction="tp.hcm", default_jurisdiction="Huế"
    )
    assert (ctx.date, ctx.year, ctx.date_source) == (dt.date(2023, 3, 4), 2023, "--date")
    assert (ctx.jurisdiction, ctx.jurisdiction_source) == ("Thành phố Hồ Chí Minh", "--jurisdiction")


def test_explicit_unknown_jurisdiction_is_kept_as_given():
    ctx = infer_context("Thành ủy Hà Nội, Thành ủy Hà Nội.", jurisdiction="  Quận Ba Đình ")
    assert (ctx.jurisdiction, ctx.jurisdiction_source) == ("Quận Ba Đình", "--jurisdiction")


def test_config_default_is_a_fallback_after_the_text_and_front_matter():
    hanoi = seed("004")
    ctx = infer_context(hanoi, default_jurisdiction="Nghệ An")
    assert (ctx.jurisdiction, ctx.jurisdiction_source) == ("Hà Nội", "text (5 mentions)")
    ctx = infer_context(MD.format(date="2020-05-01", place="Hà Tĩnh"), markup="markdown", default_jurisdiction="Nghệ An")
    assert (ctx.jurisdiction, ctx.jurisdiction_source) == ("Hà Tĩnh", "front matter")


def test_config_default_used_when_the_article_names_no_place():
    ctx = infer_context("Hội nghị bàn về công tác cán bộ năm 2022.", default_jurisdiction="hà nội")
    assert (ctx.jurisdiction, ctx.jurisdiction_source) == ("Hà Nội", "config")
    assert ctx.year == 2022


def test_blank_arguments_are_ignored():
    ctx = infer_context(seed("000"), jurisdiction="  ", default_jurisdiction="")
    assert ctx.jurisdiction == "Hà Nội" and ctx.jurisdiction_source.startswith("text")


def test_datetime_argument_is_taken_as_its_date():
    ctx = infer_context("x", date=dt.datetime(2021, 1, 2, 23, 59))
    assert ctx.date == dt.date(2021, 1, 2) and type(ctx.date) is dt.date


HTML = """<!DOCTYPE html>
<html><head>
<title>Hà Nội: quán triệt</title>
{meta}
</head>
<body>
<h1>Hà Nội: quán triệt nghị quyết</h1>
<div class="date">Thứ Sáu, 19/11/2021, 10:43 [GMT+7]</div>
<p>Ngày 18/11, Ban Thường vụ Thành ủy Hà Nội tổ chức hội nghị. Thành ủy Hà&nbsp;Nội chỉ đạo.</p>
</body></html>
"""


@pytest.mark.parametrize(
    "meta",
    [
        '<meta property="article:published_time" content="2021-11-20T10:43:00+07:00">',
        "<meta content='2021-11-20T10:43:00+07:00' property='article:published_time' />",
        '<meta name="pubdate" content="2021-11-20">',
        '<meta itemprop="datePublished" content="20/11/2021">',
        '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2021-11-20T10:43:00+07:00"}</script>',
        '<time datetime="2021-11-20T10:43">20/11</time>',
    ],
)
def test_html_metadata_wins_over_the_header(meta):
    ctx = infer_context(HTML.format(meta=meta), markup="html")
    assert (ctx.date, ctx.date_source) == (dt.date(2021, 11, 20), "html metadata")
    assert ctx.jurisdiction == "Hà Nội"


def test_html_published_time_wins_over_other_metadata():
    meta = '<time datetime="2020-01-01"></time><meta name="pubdate" content="2021-01-01">' + (
        '<meta property="article:published_time" content="2021-11-20T10:43:00+07:00">'
    )
    assert infer_context(HTML.format(meta=meta), markup="html").date == dt.date(2021, 11, 20)


def test_html_without_metadata_takes_the_header_with_its_original_line():
    text = HTML.format(meta="")
    ctx = infer_context(text, markup="html")
    assert ctx.date == dt.date(2021, 11, 19)
    assert ctx.date_source == f"header (line {line_of(text, 'Thứ Sáu')})"


def test_html_on_one_line():
    text = HTML.format(meta="").replace("\n", "")
    ctx = infer_context(text, markup="html")
    assert ctx.date == dt.date(2021, 11, 19) and ctx.date_source == "header (line 1)"


@pytest.mark.parametrize(
    "text",
    [
        # tags that never end (an unterminated quote): each "<meta" was read on to the quote
        "<meta " * 49_000 + "'" + '<meta property="article:published_time" content="2021-11-20">',
        # a long word with no "=": an attribute name was tried from each of its letters
        "<meta " + "a" * 250_000 + ' name="pubdate" content="2021-11-20">',
    ],
)
def test_html_metadata_after_malformed_tags(text):
    with finishes_within(30):
        assert html_date(text) == (dt.date(2021, 11, 20), 2021)
        assert html_date(text.replace("2021-11-20", "")) == (None, None)


# --- jurisdiction from the text --------------------------------------------------------------


def test_tone_placements_count_as_one_place():
    text = "Tỉnh ủy Thanh Hoá họp. Tỉnh ủy Thanh Hóa chỉ đạo. Tỉnh Thanh Hoá phát triển."
    ctx = infer_context(text)
    assert (ctx.jurisdiction, ctx.jurisdiction_source) == ("Thanh Hóa", "text (3 mentions)")


@pytest.mark.parametrize("spelling, expected", [("Khánh Hoà", "Khánh Hòa"), ("Hoà Bình", "Hòa Bình"), ("THANH HOÁ", "Thanh Hóa")])
def test_other_tone_placements_and_capitals(spelling, expected):
    ctx = infer_context(f"Tỉnh ủy {spelling} họp. Tỉnh {spelling} phát triển.")
    assert ctx.jurisdiction == expected


def test_nfd_place_names_are_counted():
    text = unicodedata.normalize("NFD", "Tỉnh ủy Nghệ An họp; tỉnh Nghệ An phát triển; Thành ủy Hà Nội.")
    ctx = infer_context(text)
    assert (ctx.jurisdiction, ctx.jurisdiction_source) == ("Nghệ An", "text (2 mentions)")


def test_ha_nam_is_not_ha_noi():
    text = "Tỉnh ủy Hà Nam họp. Tỉnh Hà Nam phát triển. Đảng bộ tỉnh Hà Nam vững mạnh."
    ctx = infer_context(text)
    assert (ctx.jurisdiction, ctx.jurisdiction_source) == ("Hà Nam", "text (3 mentions)")
    assert canonical_jurisdiction("Hà Nam") == "Hà Nam" != canonical_jurisdiction("Hà Nội")


@pytest.mark.parametrize(
    "text",
    [
        "Hải Phòng, Hải Phòng và Hải Dương.",
        "Hà Giang, Hà Giang, An Giang.",
        "Kiên Giang, Kiên Giang, Hậu Giang.",
    ],
)
def test_whole_names_on_word_boundaries(text):
    first = text.split(",")[0]
    assert infer_context(text).jurisdiction == first


def test_a_place_inside_a_longer_word_is_not_counted():
    assert infer_context("XHà Nội, Hà Nộii, aHà Nội.").jurisdiction is None


def test_ho_chi_minh_the_city_and_the_president():
    president = "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; Chủ tịch Hồ Chí Minh. " * 3
    assert infer_context(president).jurisdiction is None
    city = president + "Thành ủy TP.HCM họp; Thành phố Hồ Chí Minh phát triển; TPHCM; TP. Hồ Chí Minh."
    ctx = infer_context(city)
    assert (ctx.jurisdiction, ctx.jurisdiction_source) == ("Thành phố Hồ Chí Minh", "text (4 mentions)")


def test_personal_names_and_the_pacific_are_not_places():
    text = (
        "Phó Thủ tướng Nguyễn Hòa Bình dự. Đồng chí Nguyễn Hòa Bình phát biểu. "
        "Khu vực châu Á - Thái Bình Dương; Thái Bình Dương. Tỉnh ủy Bình Định họp; tỉnh Bình Định."
    )
    ctx = infer_context(text)
    assert (ctx.jurisdiction, ctx.jurisdiction_source) == ("Bình Định", "text (2 mentions)")


def test_abbreviations():
    ctx = infer_context("UBND TP HN họp. Thành ủy HN chỉ đạo.")
    assert ctx.jurisdiction == "Hà Nội"
    ctx = infer_context("Tỉnh ủy BR-VT họp; tỉnh Bà Rịa – Vũng Tàu; Bà Rịa-Vũng Tàu.")
    assert (ctx.jurisdiction, ctx.jurisdiction_source) == ("Bà Rịa - Vũng Tàu", "text (3 mentions)")


@pytest.mark.parametrize(
    "text",
    [
        "Thành ủy Hà Nội họp.",  # one mention
        "Thành ủy Hà Nội, Thành ủy Hà Nội, Hà Nội; Tỉnh ủy Nghệ An, Nghệ An.",  # 3 vs 2: no clear winner
        "Hà Nội, Hà Nội, Nghệ An, Nghệ An.",  # a tie
    ],
)
def test_no_clear_jurisdiction(text):
    ctx = infer_context(text)
    assert (ctx.jurisdiction, ctx.jurisdiction_source) == (None, None)


def test_clear_dominance():
    ctx = infer_context("Hà Nội, Hà Nội, Hà Nội, Hà Nội, Nghệ An, Nghệ An.")
    assert (ctx.jurisdiction, ctx.jurisdiction_source) == ("Hà Nội", "text (4 mentions)")


@pytest.mark.parametrize("year, expected", [("2019", "Thừa Thiên Huế"), ("2025", "Huế")])
def test_hue_is_named_as_of_the_articles_year(year, expected):
    text = f"Tỉnh ủy Thừa Thiên Huế họp năm {year}; TT-Huế phát triển; thành phố Huế đẹp."
    ctx = infer_context(text)
    assert ctx.jurisdiction == expected
    assert ctx.jurisdiction_source == "text (3 mentions)"


# --- canonical_jurisdiction ------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, expected",
    [
        ("HN", "Hà Nội"),
        ("Hà Nội", "Hà Nội"),
        ("hà nội", "Hà Nội"),
        ("thành phố Hà Nội", "Hà Nội"),
        ("TP. Hà Nội", "Hà Nội"),
        ("Ha Noi", "Hà Nội"),
        ("Hanoi", "Hà Nội"),
        ("Thành ủy Hà Nội", "Hà Nội"),
        (unicodedata.normalize("NFD", "Hà Nội"), "Hà Nội"),
        ("TP.HCM", "Thành phố Hồ Chí Minh"),
        ("TPHCM", "Thành phố Hồ Chí Minh"),
        ("TP Hồ Chí Minh", "Thành phố Hồ Chí Minh"),
        ("Thành phố Hồ Chí Minh", "Thành phố Hồ Chí Minh"),
        ("Sài Gòn", "Thành phố Hồ Chí Minh"),
        ("Thanh Hoá", "Thanh Hóa"),
        ("tỉnh Thanh Hóa", "Thanh Hóa"),
        ("Tỉnh ủy Nghệ An", "Nghệ An"),
        ("Nghe An", "Nghệ An"),
        ("Khánh Hoà", "Khánh Hòa"),
        ("Đăk Lăk", "Đắk Lắk"),
        ("Bắc Cạn", "Bắc Kạn"),
        ("Bà Rịa – Vũng Tàu", "Bà Rịa - Vũng Tàu"),
        ("TT-Huế", "Thừa Thiên Huế"),
        ("Huế", "Huế"),
        ("Ðà Nẵng", "Đà Nẵng"),
        ("Hà Nam", "Hà Nam"),
    ],
)
def test_canonical_jurisdiction(name, expected):
    assert canonical_jurisdiction(name) == expected


@pytest.mark.parametrize("name", ["", "  ", "Paris", "Hà", "Nội", "Ba Đình", "Trung ương", "Hà Nội Hà Nội"])
def test_canonical_jurisdiction_unknown(name):
    assert canonical_jurisdiction(name) is None


def test_place_lists():
    assert len(PROVINCES_BEFORE_2025) == len(set(PROVINCES_BEFORE_2025)) == 63
    assert len(PROVINCES_2025) == len(set(PROVINCES_2025)) == 34
    assert set(PROVINCES_2025) - set(PROVINCES_BEFORE_2025) == {"Huế"}
    assert set(JURISDICTIONS) == set(PROVINCES_BEFORE_2025) | set(PROVINCES_2025)
    for name in JURISDICTIONS:
        assert unicodedata.is_normalized("NFC", name)
        assert canonical_jurisdiction(name) == name
        # every name is also found under both tone placements and without diacritics
        ascii_name = "".join(c for c in unicodedata.normalize("NFD", name.replace("Đ", "D")) if not unicodedata.combining(c))
        assert canonical_jurisdiction(ascii_name) == name, ascii_name


@pytest.mark.parametrize("name", PROVINCES_BEFORE_2025 + ("Huế",))
def test_every_place_is_counted_in_text(name):
    if name == "Thành phố Hồ Chí Minh":
        text = f"Thành ủy {name} họp; Đảng bộ {name} vững mạnh."
    else:
        text = f"Tỉnh ủy {name} họp; Đảng bộ {name} vững mạnh."
    ctx = infer_context(text, date=dt.date(2025, 8, 1) if name == "Huế" else None)
    assert (ctx.jurisdiction, ctx.jurisdiction_source) == (name, "text (2 mentions)")


# --- robustness and speed --------------------------------------------------------------------


PIECES = list("0123456789/-.:, \n\t<>\"'=#*") + [
    "Thứ Sáu, ", "chủ nhật ", "19/11/2021", "31/02/2021", "10:43", "năm 2018", "quý III-", "Sáng 13/7",
    "Chiều ", "ngày ", "Các tin khác", "Tin liên quan", "Hà Nội", "Hà Nam", "Thanh Hoá", "HN",
    "TP.HCM", "Hồ Chí Minh", "thành phố ", "Nguyễn ", "\u0301", "\u0323", "Ð", "٣", "\u00a0", "\r\n",
    '<meta property="article:published_time" content="', '<time datetime="', "---\ndate: ",
    "\n---\n", "jurisdiction: ", "9999", "0000", "Ngày 0/0, ", "Ngày 32/13/2021 ",
]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    text=st.lists(st.sampled_from(PIECES), max_size=80).map("".join),
    markup=st.sampled_from(["text", "markdown", "html"]),
)
def test_never_raises_and_returns_real_dates(text, markup):
    ctx = infer_context(text, markup=markup)
    assert isinstance(ctx, ArticleContext)
    if ctx.date is not None:
        assert type(ctx.date) is dt.date
        assert 1945 <= ctx.date.year <= 2100
        assert ctx.year == ctx.date.year
    if ctx.year is not None:
        assert 1945 <= ctx.year <= 2100
        assert ctx.date_source is not None
    else:
        assert ctx.date is None and ctx.date_source is None
    if ctx.jurisdiction is not None:
        assert ctx.jurisdiction_source is not None
        if ctx.jurisdiction_source.startswith("text ("):
            assert ctx.jurisdiction in JURISDICTIONS


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400), st.sampled_from(["text", "markdown", "html"]))
def test_never_raises_on_arbitrary_text(text, markup):
    ctx = infer_context(text, markup=markup)
    if ctx.date is not None:
        assert 1945 <= ctx.date.year <= 2100


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_canonical_jurisdiction_never_raises(name):
    result = canonical_jurisdiction(name)
    assert result is None or result in JURISDICTIONS


def _best_time(text: str, markup: str) -> float:
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        infer_context(text, markup=markup)
        best = min(best, time.perf_counter() - t0)
    return best


def _cost_per_mb_ratio(unit: str, markup: str) -> float:
    """How much more a MB of 5 MB costs than a MB of 1 MB of the same text (1 when linear, 5 when
    quadratic): a ratio measured in one run, whatever the machine's speed."""
    small = (unit * (1_000_000 // len(unit) + 1))[:1_000_000]
    large = (unit * (5_000_000 // len(unit) + 1))[:5_000_000]
    return (_best_time(large, markup) / 5) / _best_time(small, markup)


@pytest.mark.parametrize("markup", ["text", "markdown", "html"])
def test_a_5_mb_article_costs_what_five_1_mb_articles_cost(markup):
    assert _cost_per_mb_ratio(seed("001"), markup) < 2


@pytest.mark.parametrize("markup", ["text", "html"])
def test_a_5_mb_article_on_one_line_costs_what_five_1_mb_lines_cost(markup):
    assert _cost_per_mb_ratio(seed("001").replace("\n", " "), markup) < 2


@pytest.mark.parametrize("markup", ["text", "html"])
def test_text_dense_with_dates_and_places_stays_linear(markup):
    # A place name every 60 characters (real articles have one every few hundred).
    assert _cost_per_mb_ratio("Thành ủy Hà Nội họp, Sáng 13/7 năm 2022 Thứ Sáu 19/11/2021 ", markup) < 2
