"""The article's date from its lines: a header line, the lead's "Sáng 13/7" with a nearby
year, or the year it speaks of as the present; and dates in metadata."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from ..text.markup import find_tags
from ..vocabulary import DOC_TYPES
from .lines import HTML_DATE_WINDOW, LEAD_LINES, Line
from .spelling import spelling_pattern, spellings

MIN_YEAR = 1945
MAX_YEAR = 2100



def make_date(y: int, m: int, d: int) -> dt.date | None:
    if not MIN_YEAR <= y <= MAX_YEAR:
        return None
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


_ISO_DATE = re.compile(r"(?<![0-9])([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?![0-9])")
_DMY_DATE = re.compile(r"(?<![0-9/.-])([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})(?![0-9])")
_DMY_WORDS = re.compile(r"(?i)(?<![0-9])([0-9]{1,2})[ \t]+tháng[ \t]+([0-9]{1,2})[ \t]*(?:,[ \t]*|[ \t]+)năm[ \t]+([0-9]{4})(?![0-9])")


def parse_date_value(value: str) -> tuple[dt.date | None, int | None]:
    """A date written in metadata: ISO (with or without time), d/m/yyyy, or a year alone."""
    value = value.strip()
    m = _ISO_DATE.search(value)
    if m:
        d = make_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d:
            return d, d.year
    m = _DMY_DATE.search(value)
    if m:
        d = make_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if d:
            return d, d.year
    m = re.fullmatch(r"([0-9]{4})", value)
    if m and MIN_YEAR <= int(m.group(1)) <= MAX_YEAR:
        return None, int(m.group(1))
    return None, None


# A <meta> or <time> tag: its name, then its attributes up to the first ">" not in a quoted value
# (found by find_tags, which reads an unterminated tag once, not once for each "<meta" before
# its end).
_META_HEAD = re.compile(r"<(meta|time)\b", re.IGNORECASE)
# An attribute; a name is tried from its first character only (from each of them, a long word
# with no "=" after it would be read to its end again and again).
_ATTR = re.compile(r"(?<![\w:.-])([\w:.-]++)[ \t\r\n]*=[ \t\r\n]*(\"[^\"]*\"|'[^']*'|[^\s>]+)")
_JSON_LD_DATE = re.compile(r"\"datePublished\"\s*:\s*\"([^\"]{4,40})\"")
_META_NAMES = (
    ("article:published_time",),
    ("og:published_time", "datepublished", "pubdate", "publishdate", "publish-date", "publish_date",
     "article.published", "dc.date.issued", "dc.date", "dcterms.date", "date"),
)


def html_date(text: str) -> tuple[dt.date | None, int | None]:
    head = text[:HTML_DATE_WINDOW]
    best: dict[int, tuple[dt.date | None, int | None]] = {}
    for m, end in find_tags(head, _META_HEAD):
        attrs = {}
        for a in _ATTR.finditer(head[m.end() : end - 1]):
            v = a.group(2)
            if v[:1] in "\"'":
                v = v[1:-1]
            attrs.setdefault(a.group(1).lower(), v)
        if m.group(1).lower() == "time":
            rank, value = 3, attrs.get("datetime")
        else:
            key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
            rank = next((r for r, names in enumerate(_META_NAMES) if key in names), None)
            value = attrs.get("content")
        if rank is None or value is None or rank in best:
            continue
        found = parse_date_value(value)
        if found != (None, None):
            best[rank] = found
    m = _JSON_LD_DATE.search(head)
    if m:
        found = parse_date_value(m.group(1))
        if found != (None, None):
            best.setdefault(2, found)
    if not best:
        return None, None
    return best[min(best)]


# Header lines: a date, with a time, a weekday or a label, on a short line.
_TIME = re.compile(r"(?<![0-9])[0-9]{1,2}[ \t]*(?::|h|giờ|Giờ)[ \t]*[0-9]{2}(?![0-9])|GMT|(?<!\w)[AP]M(?!\w)")
_WEEKDAY = re.compile(
    r"(?<!\w)(?:" + "|".join(
        spelling_pattern(v)
        for w in ("Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Thứ bẩy", "Chủ nhật")
        for v in spellings(w)
    ) + r"|Thứ[ \t]+[2-7]|T[2-7]|CN)(?!\w)",
    re.IGNORECASE,
)
_LABEL = re.compile(
    r"(?<!\w)(?:cập[ \t]+nhật|ngày[ \t]+đăng|đăng[ \t]+ngày|đăng|đăng[ \t]+lúc|ngày[ \t]+cập[ \t]+nhật|"
    r"xuất[ \t]+bản|ngày[ \t]+xuất[ \t]+bản|thời[ \t]+gian|ngày[ \t]*:|published|posted|updated)(?!\w)",
    re.IGNORECASE,
)
# A citation on the line ("24-QĐ/TW", "30/2020/NĐ-CP", "Quy định số"): its dates are not the
# article's.
_CITATION_HINT = re.compile(
    r"[0-9]+[ \t]*-[ \t]*[A-ZĐ][A-ZĐa-zđ]{0,5}[ \t]*/|/[0-9]{4}/[A-ZĐ]|(?<!\w)(?:"
    + "|".join(spelling_pattern(w) for t in DOC_TYPES for w in t.words)
    + r")[ \t]+(?:số[ \t]+)?[0-9]",
    re.IGNORECASE,
)
HEADER_MAX_LENGTH = 120


def header_date(lines: list[Line], max_lines: int) -> tuple[dt.date, int] | None:
    seen = 0
    for line in lines:
        s = line.text.strip()
        if not s:
            continue
        seen += 1
        if seen > max_lines:
            break
        if len(s) > HEADER_MAX_LENGTH or _CITATION_HINT.search(s):
            continue
        if not (_TIME.search(s) or _WEEKDAY.search(s) or _LABEL.search(s)):
            continue
        candidates = []
        for m in _DMY_DATE.finditer(s):
            candidates.append((m.start(), make_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))))
        for m in _DMY_WORDS.finditer(s):
            candidates.append((m.start(), make_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))))
        for m in _ISO_DATE.finditer(s):
            candidates.append((m.start(), make_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))))
        for _, d in sorted(candidates, key=lambda c: c[0]):
            if d is not None:
                return d, line.number
    return None


# "Sáng 13/7, ...", "Chiều 10/12, ...", "Ngày 11-4, ...", "ANTD.VN - Sáng 13/7", ", sáng nay (13/7)"
_TIME_WORDS = (
    "Sáng nay", "Chiều nay", "Tối nay", "Trưa nay", "Tối qua", "Đêm qua", "Sáng sớm", "Hôm nay",
    "Hôm qua", "Sáng", "Chiều", "Tối", "Trưa", "Đêm", "Ngày",
)
_DAY_MONTH = re.compile(r"[0-9][ \t]*[/-][ \t]*[0-9]")
_LEAD_DATE = re.compile(
    r"(?:^[ \t]*(?:[^\n,]{0,40}?[ \t][-–—][ \t]*)?|,[ \t]*)"  # paragraph start (after a dateline), or a comma
    r"(?:" + "|".join(spelling_pattern(v) for w in _TIME_WORDS for v in spellings(w)) + r")"
    r"[ \t]*(?:\([ \t]*)?(?:ngày[ \t]+)?"
    r"([0-9]{1,2})[ \t]*[/-][ \t]*([0-9]{1,2})(?:[ \t]*[/-][ \t]*([0-9]{4}))?(?![0-9])(?![ \t]*[/-][ \t]*[0-9])",
    re.IGNORECASE,
)

# Years the article speaks of as the present: "năm 2018", "quý III-2018", "quý 3/2018".
_YEAR_MENTION = re.compile(
    r"(?<!\w)(?:(năm)|(quý)[ \t]+(?:[IVX]{1,4}|[1-4])[ \t]*(?:[-/][ \t]*|năm[ \t]+))[ \t]*([0-9]{4})(?![0-9])"
    r"|(?<![0-9/.-])([0-9]{4})(?![0-9])",
    re.IGNORECASE,
)
# What before "năm YYYY" makes it not the present: a horizon, a comparison, a span.
_NOT_PRESENT_BEFORE = re.compile(
    r"(?<!\w)(?:đến|tới|trước|sau|từ|tầm[ \t]+nhìn|cùng[ \t]+kỳ|so[ \t]+với|giai[ \t]+đoạn|nhiệm[ \t]+kỳ|khóa|khoá|"
    r"định[ \t]+hướng|mục[ \t]+tiêu|vào|kỷ[ \t]+niệm|thành[ \t]+lập)[ \t]*(?:năm[ \t]*)?$",
    re.IGNORECASE,
)
# After the year: a range ("2016-2020", "2020 - 2025") or a symbol ("2020/NĐ-CP").
_NOT_PRESENT_AFTER = re.compile(r"^[ \t]*[-–—][ \t]*[0-9]{2,4}(?![0-9])|^/[A-ZĐ]|^[ \t]*(?:trở đi|về trước)", re.IGNORECASE)
# Before a bare year: part of a range or a date.
_RANGE_BEFORE = re.compile(r"[0-9]{4}[ \t]*[-–—][ \t]*$|[0-9][/.-]$")


@dataclass(frozen=True)
class Year:
    year: int
    line_index: int
    pos: int  # in the line
    strong: bool  # "năm YYYY", "quý X-YYYY"; a bare "YYYY" is weak


_HAS_DIGIT = re.compile(r"\d")


# The same mentions as _YEAR_MENTION, found from their digits: a pattern that starts with a
# digit is searched for quickly, one that starts with a look-behind and an alternation is tried
# at every position of every line.
_FOUR_DIGITS = re.compile(r"[0-9]{4}(?![0-9])")
_DIGITS = "0123456789"
_STRONG_BEFORE = re.compile(r"(?<!\w)(?:năm|quý[ \t]+(?:[IVX]{1,4}|[1-4])[ \t]*(?:[-/][ \t]*|năm[ \t]+))[ \t]*\Z", re.IGNORECASE)
_WEAK_NOT_AFTER = "/.-"


def _year_matches(s: str):
    """``(start, end, year, strong)`` for each year mention of a line, as _YEAR_MENTION's
    matches: a strong one starts at its "năm" or "quý"."""
    for m in _FOUR_DIGITS.finditer(s):
        at = m.start()
        if at and s[at - 1] in _DIGITS:
            continue
        strong = _STRONG_BEFORE.search(s, max(0, at - 64), at)
        if strong is not None:
            yield strong.start(), m.end(), int(m.group()), True
        elif at == 0 or s[at - 1] not in _WEAK_NOT_AFTER:
            yield at, m.end(), int(m.group()), False


def year_mentions(lines: list[Line]) -> list[Year]:
    out = []
    for i, line in enumerate(lines):
        s = line.text
        if not s or not _HAS_DIGIT.search(s):
            continue
        for start, end, y, strong in _year_matches(s):
            if not MIN_YEAR <= y <= MAX_YEAR:
                continue
            before = s[max(0, start - 30) : start]
            after = s[end : end + 20]
            if _NOT_PRESENT_AFTER.match(after):
                continue
            if strong:
                if _NOT_PRESENT_BEFORE.search(before):
                    continue
            else:
                if _RANGE_BEFORE.search(before) or _NOT_PRESENT_BEFORE.search(before):
                    continue
            out.append(Year(y, i, start, strong))
    return out


def _paragraph_of(lines: list[Line], i: int) -> tuple[int, int]:
    start = i
    while start > 0 and lines[start - 1].text.strip():
        start -= 1
    end = i
    while end + 1 < len(lines) and lines[end + 1].text.strip():
        end += 1
    return start, end


def lead_date(lines: list[Line], years: list[Year]) -> tuple[dt.date, int, bool] | None:
    """A date in the article's first lines, its line, and whether its year is written with it or
    in the same paragraph (True), or taken from a year elsewhere in the text (False)."""
    seen = 0
    for i, line in enumerate(lines):
        if not line.text.strip():
            continue
        seen += 1
        if seen > LEAD_LINES:
            break
        if not _DAY_MONTH.search(line.text):
            continue  # what _LEAD_DATE needs, found without trying it at every comma
        for m in _LEAD_DATE.finditer(line.text):
            day, month = int(m.group(1)), int(m.group(2))
            if m.group(3):
                d = make_date(int(m.group(3)), month, day)
                if d:
                    return d, line.number, True
                continue
            if not (1 <= month <= 12 and 1 <= day <= 31):
                continue
            p0, p1 = _paragraph_of(lines, i)

            def distance(y: Year, i: int = i, at: int = m.start()) -> tuple[int, int]:
                return (abs(y.line_index - i), abs(y.pos - at) if y.line_index == i else y.pos)

            same = [y for y in years if p0 <= y.line_index <= p1]
            for pool, near in (([y for y in same if y.strong], True), (same, True), ([y for y in years if y.strong], False)):
                for y in sorted(pool, key=distance):
                    d = make_date(y.year, month, day)
                    if d:
                        return d, line.number, near
    return None


def year_only(lines: list[Line], years: list[Year]) -> tuple[int, int] | None:
    strong = [y for y in years if y.strong]
    if not strong:
        return None
    counts = Counter(y.year for y in strong)
    best = max(counts, key=lambda y: (counts[y], y))
    first = min((y for y in strong if y.year == best), key=lambda y: (y.line_index, y.pos))
    return best, lines[first.line_index].number


