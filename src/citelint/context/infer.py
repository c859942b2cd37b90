"""The article's date and jurisdiction: what a citation's resolution needs from its article.

Party documents are numbered anew every term, so "Chương trình 01-CTr/TU" means a different
document in 2019 and in 2022; and "/TU" is the code of every provincial committee, so in a Hà Nội
article it means the Thành ủy Hà Nội.  :func:`infer_context` finds both, and says where each
came from.

Date, best first:

1. the ``date`` argument (the ``--date`` flag): source ``"--date"``;
2. Markdown front matter ``date:``: ``"front matter"``;
3. HTML metadata (``article:published_time``, ``pubdate``, ``datePublished``, ``<time
   datetime>``): ``"html metadata"``;
4. a header line near the top ("Thứ Sáu, 19/11/2021, 10:43 [GMT+7]", "11/04/2019 16:37",
   "Cập nhật: ...", "Ngày đăng: ..."): ``"header (line N)"``;
5. the lead's "Sáng 13/7, ..." with the year of a nearby "năm 2022": ``"text (line N)"``;
6. the year alone, the one the article speaks of as the present ("quý III-2018", "Kế hoạch năm
   2018"): ``"text (year only, line N)"``.

Jurisdiction, best first: the ``jurisdiction`` argument (``"--jurisdiction"``), front matter
``jurisdiction:`` (``"front matter"``), the province or city the text mentions most, when it
clearly dominates (``"text (N mentions)"``), and last ``default_jurisdiction`` from the
project's config (``"config"``), for articles that name no place.

A trailing "Các tin khác" / "Tin cùng chuyên mục" / "Tin liên quan" section lists other
articles, with their own dates and places: nothing from such a line on is looked at.

The text may be NFC or NFD: the lines read for the date are normalised one by one, and the
places are counted in the original in NFC, with either tone placement ("Thanh Hoá", "Thanh
Hóa").  Only the first 50 000
characters (300 000 of HTML) are read for the date; the whole text is counted for places, in
one regex pass.  Line numbers are 1-based lines of the original text (as ``extract`` counts
them: by "\\n").
"""

from __future__ import annotations

import datetime as dt

from ..diagnostics import ArticleContext
from ..text.prepared import PreparedText
from .dates import header_date, html_date, lead_date, parse_date_value, year_mentions, year_only
from .lines import HEADER_LINES, HTML_HEADER_LINES, cut_lines, visible_lines
from .places import given_jurisdiction, text_jurisdiction

__all__ = ["infer_context"]


FRONT_MATTER_DATE_KEYS = ("date", "published", "pubdate", "publishdate", "published_at", "date_published")


def unreadable_front_matter_date(prepared: PreparedText) -> tuple[str, int, int] | None:
    """The front matter's date field, if it has one and no field of the date can be read:
    ``(value, start, end)``."""
    fm = prepared.front_matter
    keys = [k for k in FRONT_MATTER_DATE_KEYS if k in fm.fields]
    if not keys or any(parse_date_value(fm.fields[k])[1] is not None for k in keys):
        return None
    start, end = fm.spans[keys[0]]
    return fm.fields[keys[0]], start, end


def infer_context(
    text: str | PreparedText,
    *,
    markup: str = "text",
    date: dt.date | None = None,
    jurisdiction: str | None = None,
    default_jurisdiction: str | None = None,
) -> ArticleContext:
    """The article's date and jurisdiction, and where each came from (see the module's doc).

    ``text`` is the decoded original (markup included), or the article as already prepared
    (its own markup then wins over ``markup``); ``markup`` is "text", "markdown" or "html".
    ``date`` and ``jurisdiction`` are the user's (``--date``, ``--jurisdiction``) and win over
    everything; ``default_jurisdiction`` (the project's config) is the fallback when the text
    names no place."""
    prepared = text if isinstance(text, PreparedText) else PreparedText(text, markup)
    markup = prepared.markup
    front = prepared.front_matter.fields

    # Date.
    the_date: dt.date | None = None
    year: int | None = None
    date_source: str | None = None
    confident = True
    if date is not None:
        the_date = date.date() if isinstance(date, dt.datetime) else date
        year, date_source = the_date.year, "--date"
    unreadable = unreadable_front_matter_date(prepared) if date_source is None else None
    if date_source is None and front:
        for key in FRONT_MATTER_DATE_KEYS:
            if key in front:
                d, y = parse_date_value(front[key])
                if y is not None:
                    the_date, year, date_source = d, y, "front matter"
                    break
    if date_source is None and markup == "html":
        d, y = html_date(prepared.original)
        if y is not None:
            the_date, year, date_source = d, y, "html metadata"
    if date_source is None:
        lines = cut_lines(visible_lines(prepared), len(prepared.original))
        header = header_date(lines, HTML_HEADER_LINES if markup == "html" else HEADER_LINES)
        if header:
            the_date, line_no = header
            year, date_source = the_date.year, f"header (line {line_no})"
        else:
            years = year_mentions(lines)
            lead = lead_date(lines, years)
            if lead:
                # a date in the lead is as often an earlier event's ("Ngày 26-8-1974, ...",
                # "chiều 10-10" with a year of another event in its paragraph): never evidence
                # enough for an error
                the_date, line_no, _ = lead
                confident = False
                year, date_source = the_date.year, f"text (line {line_no})"
            else:
                only = year_only(lines, years)
                if only:
                    # the year the text mentions most: as often a birth, a past event or a
                    # cited document's year as the article's
                    year, line_no = only
                    date_source, confident = f"text (year only, line {line_no})", False

    if unreadable is not None and date_source is not None and date_source != "front matter":
        # the article says when it is from, in a way that cannot be read (CL903): what the
        # text suggests instead is no evidence for an error
        confident = False

    # Jurisdiction.
    place: str | None = None
    place_source: str | None = None
    if given_jurisdiction(jurisdiction):
        place, place_source = given_jurisdiction(jurisdiction), "--jurisdiction"
    elif given_jurisdiction(front.get("jurisdiction")):
        place, place_source = given_jurisdiction(front.get("jurisdiction")), "front matter"
    else:
        # The project's default is a fallback: a Hà Nội paper's article about Tỉnh ủy Nghệ An
        # means Nghệ An's committee by /TU.
        found = text_jurisdiction(prepared.comparable, year)
        if found:
            place, n = found
            place_source = f"text ({n} mentions)"
        elif given_jurisdiction(default_jurisdiction):
            place, place_source = given_jurisdiction(default_jurisdiction), "config"

    return ArticleContext(
        date=the_date,
        year=year,
        date_source=date_source,
        date_confidence=None if year is None else "high" if confident else "low",
        jurisdiction=place,
        jurisdiction_source=place_source,
    )

