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
place names are matched in both forms, with either tone placement ("Thanh Hoá", "Thanh Hóa"),
so that a long text is never normalised as a whole.  Only the first 50 000 characters (300 000
of HTML) are read for the date; the whole text is counted for places, in one regex pass.  Line
numbers are 1-based lines of the original text (as ``extract`` counts them: by "\\n").
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from itertools import product

from ..diagnostics import ArticleContext, new_context
from ..text.files import strip_markup
from ..vocabulary import DOC_TYPES, fold, tone_variants

__all__ = [
    "JURISDICTIONS",
    "PROVINCES_2025",
    "PROVINCES_BEFORE_2025",
    "canonical_jurisdiction",
    "infer_context",
]

MIN_YEAR = 1945
MAX_YEAR = 2100

# --- places ---------------------------------------------------------------------------------

HCM = "Thành phố Hồ Chí Minh"

#: The 63 provinces and centrally-run cities before the 2025 merger (canonical spelling: NFC,
#: the older tone placement "Hóa", "Hòa", as in :mod:`citelint.vocabulary`).
PROVINCES_BEFORE_2025: tuple[str, ...] = (
    "Hà Nội", HCM, "Hải Phòng", "Đà Nẵng", "Cần Thơ",
    "An Giang", "Bà Rịa - Vũng Tàu", "Bắc Giang", "Bắc Kạn", "Bạc Liêu", "Bắc Ninh", "Bến Tre",
    "Bình Định", "Bình Dương", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Đắk Lắk",
    "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Tĩnh",
    "Hải Dương", "Hậu Giang", "Hòa Bình", "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum",
    "Lai Châu", "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An", "Nam Định", "Nghệ An", "Ninh Bình",
    "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh",
    "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa",
    "Thừa Thiên Huế", "Tiền Giang", "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
)

#: The 34 provinces and centrally-run cities from 1 July 2025 (Nghị quyết 202/2025/QH15).
#: Every name but "Huế" (the former Thừa Thiên Huế, a centrally-run city since 2025) is also
#: one of the 63.
PROVINCES_2025: tuple[str, ...] = (
    "Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", HCM, "Cần Thơ",
    "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa", "Nghệ An",
    "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ", "Bắc Ninh",
    "Hưng Yên", "Ninh Bình", "Quảng Trị", "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Lâm Đồng",
    "Đắk Lắk", "Đồng Nai", "Tây Ninh", "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang",
)

#: Every canonical jurisdiction name.
JURISDICTIONS: tuple[str, ...] = tuple(dict.fromkeys(PROVINCES_BEFORE_2025 + PROVINCES_2025))

# Other spellings that name a place unambiguously in running text (besides the tone placement
# and an all-capitals spelling, which every name gets).
_TEXT_ALIASES: dict[str, tuple[str, ...]] = {
    "Hà Nội": ("HN",),
    "Thừa Thiên Huế": ("Thừa Thiên - Huế", "TT-Huế", "TT - Huế", "TT Huế"),
    "Bà Rịa - Vũng Tàu": ("Bà Rịa-Vũng Tàu", "BR-VT", "BRVT"),
    "Đắk Lắk": ("Đắc Lắc", "Đăk Lăk", "Đắk Lăk", "Đăk Lắk", "Đắc Lắk"),
    "Đắk Nông": ("Đăk Nông", "Đắc Nông"),
    "Bắc Kạn": ("Bắc Cạn",),
    "Kon Tum": ("Kontum",),
}

# Accepted by canonical_jurisdiction (a name someone typed), not counted in running text:
# "Hồ Chí Minh" alone is far more often the President ("tư tưởng Hồ Chí Minh").
_NAME_ALIASES: dict[str, tuple[str, ...]] = {
    "Hà Nội": ("Hanoi",),
    HCM: ("Hồ Chí Minh", "HCM", "TPHCM", "HCMC", "Ho Chi Minh City", "Sài Gòn", "Saigon"),
    "Đắk Lắk": ("Daklak",),
    "Đắk Nông": ("Daknong",),
}

# Names that are not places although they contain one ("Thái Bình Dương", the Pacific): matched
# so that the place inside them is not.
_NOT_PLACES = ("Thái Bình Dương", "Đồng Tháp Mười", "Hồ Chí Minh")

# A place name right after a personal name is part of the name ("Nguyễn Hòa Bình", "Lê Thanh
# Hóa").  Common family names and middle names:
_NAME_WORD_LIST: tuple[str, ...] = (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Đào", "Trương", "Lâm", "Mai", "Trịnh", "Đoàn", "Lương",
    "Tô", "Tạ", "Cao", "Chu", "Lưu", "Kiều", "Quách", "Lại", "Triệu", "Vương", "Tăng", "Khổng",
    "Mạc", "Nông", "Lò", "Âu", "Hứa", "Phùng", "Tống", "Doãn", "Châu", "Văn", "Thị", "Đức",
    "Minh", "Hữu", "Quang", "Công", "Xuân", "Hồng", "Kim", "Ngọc", "Đình", "Duy", "Quốc", "Tiến",
    "Trọng", "Bá", "Viết", "Tuấn", "Hoài", "Thu", "Khắc", "Mạnh", "Đăng", "Phương", "Thúy", "Thùy",
)

_SP = r"[ \t\u00a0]+"
_COMBINING = "\u0300-\u036f"


def _spellings(name: str, *, capitals: bool = True) -> set[str]:
    """``name`` as it may be typed: both tone placements (word by word), and in capitals.

    NFD text and Ð typed for Đ are dealt with once, on the text (:func:`_comparable`), rather
    than by four times as many spellings: the patterns built from these are compiled in every
    process, and their size is most of the start-up cost of this module."""
    words = name.split(" ")
    out = {" ".join(combo) for combo in product(*(tone_variants(w) for w in words))}
    if capitals:
        out |= {s.upper() for s in out}
    return out


def _comparable(text: str) -> str:
    """NFC, and Đ for Ð; the same lines (neither step touches a line break)."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if "Ð" in text or "ð" in text:
        text = text.replace("Ð", "Đ").replace("ð", "đ")
    return text


def _pattern(spelling: str) -> str:
    """A regex for one spelling: any run of spaces for a space, any dash for "-"."""
    return "".join(_unit_pattern(u) for u in _units(spelling))


_SPACE, _DASH, _END = " ", "-", ""


def _units(spelling: str) -> list[str]:
    """Characters of a spelling; a space stands for any run of spaces, "-" for a dash with any
    spacing around it."""
    return list(re.sub(r"[ \t\u00a0]*[-–—][ \t\u00a0]*", "-", re.sub(r"[ \t\u00a0]+", " ", spelling)))


def _unit_pattern(u: str) -> str:
    if u == _SPACE:
        return _SP
    if u == _DASH:
        return r"[ \t\u00a0]*[-–—][ \t\u00a0]*"
    return re.escape(u)


def _trie_pattern(spellings: set[str], *, word_start: bool = False) -> str:
    """One regex for many spellings, shaped as a trie so that a position where none starts fails
    at once; the longest spelling wins.  With ``word_start``, a match cannot start inside a word
    (the check comes after the first character, so that the regex engine can still skip to the
    positions where a first character occurs)."""
    root: dict = {}
    for s in spellings:
        node = root
        for u in _units(s):
            node = node.setdefault(u, {})
        node[_END] = {}

    def emit(node: dict, top: bool = False) -> str:
        alts = []
        for u in sorted(k for k in node if k != _END):
            head = _unit_pattern(u)
            if top and word_start:
                head += rf"(?<![\w{_COMBINING}].)"
            alts.append(head + emit(node[u]))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if _END in node else body

    return emit(root, top=True)


_WORD_END = rf"(?![\w{_COMBINING}])"


def _key(s: str) -> str:
    """Comparison key of a place name: case, tone placement, spaces, dots and dashes ignored."""
    f = fold(s)
    base, _, tones = f.partition("|")
    base = re.sub(r"[\s.\-–—_,]+", "", base)
    return base + ("|" + tones if tones else "")


def _ascii_key(s: str) -> str:
    """A key without any diacritics ("Ha Noi" for "Hà Nội")."""
    s = unicodedata.normalize("NFD", s.replace("Đ", "D").replace("đ", "d").replace("Ð", "D").replace("ð", "d"))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"[\s.\-–—_,]+", "", s)


_NAME_BY_KEY: dict[str, str] = {}
_NAME_BY_ASCII: dict[str, str] = {}
for _name in JURISDICTIONS:
    for _surface in (_name, *_TEXT_ALIASES.get(_name, ()), *_NAME_ALIASES.get(_name, ())):
        for _s in _spellings(_surface):
            _NAME_BY_KEY.setdefault(_key(_s), _name)
        _NAME_BY_ASCII.setdefault(_ascii_key(_surface), _name)
for _surface in ("TP.HCM", "TP HCM", "TP. HCM", "TP Hồ Chí Minh", "TP. Hồ Chí Minh"):
    _NAME_BY_KEY.setdefault(_key(_surface), HCM)
    _NAME_BY_ASCII.setdefault(_ascii_key(_surface), HCM)

# What may stand before a place name in a name someone gives ("thành phố Hà Nội", "Tỉnh ủy
# Nghệ An", "TP. Hà Nội"), in a diacritic-free lower-case spelling.
_LEVEL_PREFIX = re.compile(
    r"^(?:thanh\s*pho|tinh\s*uy|thanh\s*uy|tinh|tp\.?|ubnd|uy\s*ban\s*nhan\s*dan|hdnd|"
    r"dang\s*bo|thu\s*do|city\s+of|province\s+of)\s*[.:,]?\s*"
)


def canonical_jurisdiction(name: str) -> str | None:
    """The canonical name of a province or centrally-run city, or None when it names none.

    "HN", "Hà Nội", "thành phố Hà Nội", "TP. Hà Nội", "Ha Noi" → "Hà Nội"; "TP.HCM" →
    "Thành phố Hồ Chí Minh"; "Thanh Hoá" → "Thanh Hóa"."""
    if not isinstance(name, str):
        return None
    text = unicodedata.normalize("NFC", name).strip()
    if not text:
        return None
    found = _NAME_BY_KEY.get(_key(text))
    if found:
        return found
    # Without the level word, and without diacritics.
    ascii_spaced = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    ascii_spaced = "".join(c for c in ascii_spaced if not unicodedata.combining(c)).lower().strip()
    found = _NAME_BY_ASCII.get(_ascii_key(ascii_spaced))
    if found:
        return found
    rest = ascii_spaced
    for _ in range(3):  # "Thành ủy thành phố Hà Nội": a few level words at most
        stripped = _LEVEL_PREFIX.sub("", rest, count=1)
        if stripped == rest:
            break
        rest = stripped
        found = _NAME_BY_ASCII.get(_ascii_key(rest))
        if found:
            return found
    return None


def _given_jurisdiction(value: str | None) -> str | None:
    """A jurisdiction given by the user: canonical when known, else as given."""
    if value is None:
        return None
    value = unicodedata.normalize("NFC", str(value)).strip()
    if not value:
        return None
    return canonical_jurisdiction(value) or value


# --- lines of the article -------------------------------------------------------------------

#: How much of the article is read for its date (headers, the lead, the years it speaks of).
DATE_WINDOW = 50_000
#: HTML is verbose (a <head> of scripts and styles): a larger window of markup.
HTML_DATE_WINDOW = 300_000
DATE_WINDOW_LINES = 2_000
HEADER_LINES = 15
HTML_HEADER_LINES = 60
LEAD_LINES = 30


@dataclass
class _Line:
    number: int  # 1-based line in the original text
    offset: int  # where it starts in the original text
    text: str  # NFC, markup removed


_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)(?:\r?\n)(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_MD_CLEAN = re.compile(
    r"^[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?|[-+*•][ \t]+|\d{1,9}[.)][ \t]+)+"  # line prefixes
    r"|!?\[([^\]\n]*)\]\([^)\n]*\)"  # links: keep the text
    r"|</?[A-Za-z][^>\n]*>"  # inline tags
    r"|\*\*|__|~~|`+"
)


def _front_matter(text: str) -> tuple[dict[str, str], int]:
    """Key → value of a YAML front matter block (flat keys only), and the lines it takes."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, 0
    out: dict[str, str] = {}
    for line in m.group(1).splitlines():
        km = re.match(r"^([A-Za-z_][\w.-]*)[ \t]*:[ \t]*(.*?)[ \t]*$", line)
        if km:
            value = km.group(2)
            value = re.sub(r"[ \t]+#.*$", "", value)  # a YAML comment
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            out.setdefault(km.group(1).lower(), value.strip())
    return out, m.group(0).count("\n")


def _md_clean(line: str) -> str:
    return _MD_CLEAN.sub(lambda m: m.group(1) if m.group(1) is not None else " ", line)


def _visible_lines(text: str, markup: str, skip_lines: int) -> list[_Line]:
    """The first part of the article as lines a reader sees, numbered as in the original."""
    if markup == "html":
        window = text[:HTML_DATE_WINDOW]
        stripped, omap = strip_markup(window, "html")
        newlines = [m.start() for m in re.finditer("\n", window)]
        lines = []
        pos = 0
        budget = DATE_WINDOW  # of visible text
        for raw in stripped.split("\n"):
            if len(lines) >= DATE_WINDOW_LINES or budget <= 0:
                break
            if raw.strip():
                src = omap.to_source(pos)
                visible = raw[:budget]
                budget -= len(visible)
                lines.append(_Line(bisect_right(newlines, src - 1) + 1, src, unicodedata.normalize("NFC", visible)))
            pos += len(raw) + 1
        return lines
    window = text[:DATE_WINDOW]
    lines = []
    offset = 0
    for i, raw in enumerate(window.split("\n", DATE_WINDOW_LINES)[:DATE_WINDOW_LINES]):
        if i >= skip_lines:
            s = unicodedata.normalize("NFC", raw.rstrip("\r"))
            if markup == "markdown":
                s = _md_clean(s)
            lines.append(_Line(i + 1, offset, s))
        offset += len(raw) + 1
    return lines


# "Các tin khác", "Tin cùng chuyên mục"...: the start of a list of other articles.
_OTHER_NEWS_WORDS = (
    "Các tin khác", "Tin khác", "Các bài khác", "Tin cùng chuyên mục", "Bài cùng chuyên mục",
    "Cùng chuyên mục", "Tin liên quan", "Bài liên quan", "Tin bài liên quan", "Các tin liên quan",
    "Tin mới", "Tin mới nhất", "Tin mới hơn", "Tin cũ hơn", "Tin đã đưa", "Tin nổi bật",
    "Tin đọc nhiều", "Đọc nhiều", "Đọc nhiều nhất", "Xem nhiều", "Xem nhiều nhất", "Mới nhất",
    "Xem thêm", "Đọc thêm", "Phản hồi", "Bình luận", "Ý kiến bạn đọc", "Gửi bình luận",
)
_OTHER_NEWS_LINE = re.compile(
    r"[ \t•*#>\-]*(?:" + "|".join(_pattern(w) for w in sorted(_OTHER_NEWS_WORDS, key=len, reverse=True)) + r")[ \t:.]*",
    re.IGNORECASE,
)


def _is_trailing(offset: int, length: int) -> bool:
    """A section marker ends the article only past its first quarter (not a box in the lead)."""
    return offset >= length // 4


def _cut_lines(lines: list[_Line], length: int) -> list[_Line]:
    for i, line in enumerate(lines):
        text = line.text.strip()
        if text and _is_trailing(line.offset, length) and _OTHER_NEWS_LINE.fullmatch(text):
            return lines[:i]
    return lines


# --- dates ----------------------------------------------------------------------------------


def _make_date(y: int, m: int, d: int) -> dt.date | None:
    if not MIN_YEAR <= y <= MAX_YEAR:
        return None
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


_ISO_DATE = re.compile(r"(?<![0-9])([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?![0-9])")
_DMY_DATE = re.compile(r"(?<![0-9/.-])([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})(?![0-9])")
_DMY_WORDS = re.compile(r"(?i)(?<![0-9])([0-9]{1,2})[ \t]+tháng[ \t]+([0-9]{1,2})[ \t]*(?:,[ \t]*|[ \t]+)năm[ \t]+([0-9]{4})(?![0-9])")


def _parse_date_value(value: str) -> tuple[dt.date | None, int | None]:
    """A date written in metadata: ISO (with or without time), d/m/yyyy, or a year alone."""
    value = value.strip()
    m = _ISO_DATE.search(value)
    if m:
        d = _make_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d:
            return d, d.year
    m = _DMY_DATE.search(value)
    if m:
        d = _make_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if d:
            return d, d.year
    m = re.fullmatch(r"([0-9]{4})", value)
    if m and MIN_YEAR <= int(m.group(1)) <= MAX_YEAR:
        return None, int(m.group(1))
    return None, None


_META_TAG = re.compile(r"<(meta|time)\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.IGNORECASE)
_ATTR = re.compile(r"([\w:.-]+)[ \t\r\n]*=[ \t\r\n]*(\"[^\"]*\"|'[^']*'|[^\s>]+)")
_JSON_LD_DATE = re.compile(r"\"datePublished\"\s*:\s*\"([^\"]{4,40})\"")
_META_NAMES = (
    ("article:published_time",),
    ("og:published_time", "datepublished", "pubdate", "publishdate", "publish-date", "publish_date",
     "article.published", "dc.date.issued", "dc.date", "dcterms.date", "date"),
)


def _html_date(text: str) -> tuple[dt.date | None, int | None]:
    head = text[:HTML_DATE_WINDOW]
    best: dict[int, tuple[dt.date | None, int | None]] = {}
    for m in _META_TAG.finditer(head):
        attrs = {}
        for a in _ATTR.finditer(m.group(2)):
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
        found = _parse_date_value(value)
        if found != (None, None):
            best[rank] = found
    m = _JSON_LD_DATE.search(head)
    if m:
        found = _parse_date_value(m.group(1))
        if found != (None, None):
            best.setdefault(2, found)
    if not best:
        return None, None
    return best[min(best)]


# Header lines: a date, with a time, a weekday or a label, on a short line.
_TIME = re.compile(r"(?<![0-9])[0-9]{1,2}[ \t]*(?::|h|giờ|Giờ)[ \t]*[0-9]{2}(?![0-9])|GMT|(?<!\w)[AP]M(?!\w)")
_WEEKDAY = re.compile(
    r"(?<!\w)(?:" + "|".join(
        _pattern(v)
        for w in ("Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Thứ bẩy", "Chủ nhật")
        for v in _spellings(w)
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
    + "|".join(_pattern(w) for t in DOC_TYPES for w in t.words)
    + r")[ \t]+(?:số[ \t]+)?[0-9]",
    re.IGNORECASE,
)
HEADER_MAX_LENGTH = 120


def _header_date(lines: list[_Line], max_lines: int) -> tuple[dt.date, int] | None:
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
            candidates.append((m.start(), _make_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))))
        for m in _DMY_WORDS.finditer(s):
            candidates.append((m.start(), _make_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))))
        for m in _ISO_DATE.finditer(s):
            candidates.append((m.start(), _make_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))))
        for _, d in sorted(candidates, key=lambda c: c[0]):
            if d is not None:
                return d, line.number
    return None


# "Sáng 13/7, ...", "Chiều 10/12, ...", "Ngày 11-4, ...", "ANTD.VN - Sáng 13/7", ", sáng nay (13/7)"
_TIME_WORDS = (
    "Sáng nay", "Chiều nay", "Tối nay", "Trưa nay", "Tối qua", "Đêm qua", "Sáng sớm", "Hôm nay",
    "Hôm qua", "Sáng", "Chiều", "Tối", "Trưa", "Đêm", "Ngày",
)
_LEAD_DATE = re.compile(
    r"(?:^[ \t]*(?:[^\n,]{0,40}?[ \t][-–—][ \t]*)?|,[ \t]*)"  # paragraph start (after a dateline), or a comma
    r"(?:" + "|".join(_pattern(v) for w in _TIME_WORDS for v in _spellings(w)) + r")"
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
class _Year:
    year: int
    line_index: int
    pos: int  # in the line
    strong: bool  # "năm YYYY", "quý X-YYYY"; a bare "YYYY" is weak


_HAS_DIGIT = re.compile(r"\d")


def _year_mentions(lines: list[_Line]) -> list[_Year]:
    out = []
    for i, line in enumerate(lines):
        s = line.text
        if not s or not _HAS_DIGIT.search(s):
            continue
        for m in _YEAR_MENTION.finditer(s):
            strong = m.group(3) is not None
            y = int(m.group(3) or m.group(4))
            if not MIN_YEAR <= y <= MAX_YEAR:
                continue
            before = s[max(0, m.start() - 30) : m.start()]
            after = s[m.end() : m.end() + 20]
            if _NOT_PRESENT_AFTER.match(after):
                continue
            if strong:
                if _NOT_PRESENT_BEFORE.search(before):
                    continue
            else:
                if _RANGE_BEFORE.search(before) or _NOT_PRESENT_BEFORE.search(before):
                    continue
            out.append(_Year(y, i, m.start(), strong))
    return out


def _paragraph_of(lines: list[_Line], i: int) -> tuple[int, int]:
    start = i
    while start > 0 and lines[start - 1].text.strip():
        start -= 1
    end = i
    while end + 1 < len(lines) and lines[end + 1].text.strip():
        end += 1
    return start, end


def _lead_date(lines: list[_Line], years: list[_Year]) -> tuple[dt.date, int] | None:
    seen = 0
    for i, line in enumerate(lines):
        if not line.text.strip():
            continue
        seen += 1
        if seen > LEAD_LINES:
            break
        for m in _LEAD_DATE.finditer(line.text):
            day, month = int(m.group(1)), int(m.group(2))
            if m.group(3):
                d = _make_date(int(m.group(3)), month, day)
                if d:
                    return d, line.number
                continue
            if not (1 <= month <= 12 and 1 <= day <= 31):
                continue
            p0, p1 = _paragraph_of(lines, i)

            def distance(y: _Year, i: int = i, at: int = m.start()) -> tuple[int, int]:
                return (abs(y.line_index - i), abs(y.pos - at) if y.line_index == i else y.pos)

            same = [y for y in years if p0 <= y.line_index <= p1]
            for pool in ([y for y in same if y.strong], same, [y for y in years if y.strong]):
                for y in sorted(pool, key=distance):
                    d = _make_date(y.year, month, day)
                    if d:
                        return d, line.number
    return None


def _year_only(lines: list[_Line], years: list[_Year]) -> tuple[int, int] | None:
    strong = [y for y in years if y.strong]
    if not strong:
        return None
    counts = Counter(y.year for y in strong)
    best = max(counts, key=lambda y: (counts[y], y))
    first = min((y for y in strong if y.year == best), key=lambda y: (y.line_index, y.pos))
    return best, lines[first.line_index].number


# --- jurisdiction from the text -------------------------------------------------------------

# One pass over the whole text (which is not normalised: NFC and NFD spellings are both in the
# regex) finds the places, the names that contain one, and the line that starts the list of
# other articles.  The regex is a trie of spellings that start with a capital letter, so that
# the engine skips straight to the capitals; the rest is checked on each match.
_MARK, _CHECK_CITY = "<mark>", "<city?>"


def _scan_spellings() -> dict[str, str | None]:
    """Spelling → what it is: a place name, None (not a place), _MARK, or _CHECK_CITY."""
    out: dict[str, str | None] = {}
    for name in JURISDICTIONS:
        if name != HCM:
            for surface in (name, *_TEXT_ALIASES.get(name, ())):
                for s in _spellings(surface):
                    out.setdefault(s, name)
    for s in _spellings("TPHCM") | _spellings("TpHCM"):
        out.setdefault(s, HCM)
    # "Hồ Chí Minh" names the City only after "thành phố" or "TP" (else it is the President).
    for surface in ("Hồ Chí Minh", "HCM"):
        for s in _spellings(surface):
            out.setdefault(s, _CHECK_CITY)
    for surface in _NOT_PLACES:
        for s in _spellings(surface):
            out.setdefault(s, None)
    for w in _OTHER_NEWS_WORDS:
        for form in (w, " ".join(x[:1].upper() + x[1:] for x in w.split())):
            for s in _spellings(form):
                out.setdefault(s, _MARK)
    return out


_SCAN_SPELLINGS = _scan_spellings()
_SCAN_RE = re.compile(_trie_pattern(set(_SCAN_SPELLINGS)) + _WORD_END)
_SCAN_BY_KEY: dict[str, str | None] = {}
for _s, _n in _SCAN_SPELLINGS.items():
    _SCAN_BY_KEY.setdefault(_key(_s), _n)

# A place name right after a personal name is part of the name ("Nguyễn Hòa Bình").
_PERSON_WORDS = frozenset(v for w in _NAME_WORD_LIST for v in _spellings(w))
_WORD_BEFORE = re.compile(rf"(?<![\w{_COMBINING}])([\w{_COMBINING}]{{1,12}})[ \t\u00a0]+\Z")
_CITY_BEFORE = re.compile(
    r"(?<![\w" + _COMBINING + r"])(?:"
    + "|".join(_pattern(v) for w in ("Thành phố", "Thành Phố") for v in _spellings(w) | _spellings(w.lower()))
    + r"|TP|Tp|tp)\.?[ \t\u00a0]*\Z"
)
_AFTER_MARK = re.compile(r"[ \t:.]*\r?(?:\n|<|\Z)")
_MARK_BULLETS = " \t•*#>-"


_SPACES = " \t\u00a0"
_KIND_CACHE: dict[str, str | None] = {}


def _scan_kind(surface: str) -> str | None:
    try:
        return _KIND_CACHE[surface]
    except KeyError:
        kind = _KIND_CACHE[surface] = _SCAN_BY_KEY.get(_key(surface))
        return kind


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_" or unicodedata.combining(c) != 0


def _stands_alone(text: str, start: int, end: int) -> bool:
    """Whether the words at [start, end) are alone on their line (or between two tags)."""
    j = start
    while j > 0 and start - j <= 10 and text[j - 1] in _MARK_BULLETS:
        j -= 1
    return (j == 0 or text[j - 1] in "\n>") and _AFTER_MARK.match(text, end) is not None


def _after_personal_name(text: str, start: int) -> bool:
    """Whether the place name at ``start`` (after a space) follows a family or middle name."""
    k = text.rfind(" ", max(0, start - 16), start - 1)
    if 0 <= k < start - 2 and not text[k + 1].isupper():
        return False  # "Thành ủy Hà Nội": the word before is not capitalised (the usual case)
    prev = _WORD_BEFORE.search(text, max(0, start - 16), start)
    return prev is not None and prev.group(1) in _PERSON_WORDS


def _place_counts(text: str) -> Counter[str]:
    """Mentions of each place in ``text`` (NFC or NFD), up to a trailing list of other articles."""
    counts: Counter[str] = Counter()
    trailing_from = len(text) // 4
    for m in _SCAN_RE.finditer(text):
        start = m.start()
        before = text[start - 1] if start else "\n"
        if before not in _SPACES and _is_word_char(before):
            continue  # inside a word
        kind = _scan_kind(m.group())
        if kind is None:
            continue
        if kind == _MARK:
            if start >= trailing_from and _stands_alone(text, start, m.end()):
                break
            continue
        if kind == _CHECK_CITY:
            if not _CITY_BEFORE.search(text, max(0, start - 12), start):
                continue
            kind = HCM
        elif before in _SPACES and _after_personal_name(text, start):
            continue
        counts[kind] += 1
    return counts


def _text_jurisdiction(text: str, year: int | None) -> tuple[str, int] | None:
    counts = _place_counts(text)
    # Thừa Thiên Huế became the city of Huế in 2025: one place, named as of the article's date.
    if "Huế" in counts and "Thừa Thiên Huế" in counts:
        hue, tth = counts.pop("Huế"), counts.pop("Thừa Thiên Huế")
        if year is not None:
            name = "Huế" if year >= 2025 else "Thừa Thiên Huế"
        else:
            name = "Huế" if hue > tth else "Thừa Thiên Huế"
        counts[name] = hue + tth
    if not counts:
        return None
    ranked = counts.most_common()
    name, n = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    if n >= 2 and n >= 2 * runner_up:
        return name, n
    return None


# --- the article's context ------------------------------------------------------------------


def infer_context(
    text: str,
    *,
    markup: str = "text",
    date: dt.date | None = None,
    jurisdiction: str | None = None,
    default_jurisdiction: str | None = None,
) -> ArticleContext:
    """The article's date and jurisdiction, and where each came from (see the module's doc).

    ``text`` is the decoded original (markup included); ``markup`` is "text", "markdown" or
    "html".  ``date`` and ``jurisdiction`` are the user's (``--date``, ``--jurisdiction``) and
    win over everything; ``default_jurisdiction`` (the project's config) is the fallback when the
    text names no place."""
    if markup not in ("text", "markdown", "html"):
        raise ValueError(f"unknown markup {markup!r}")
    text = _comparable(text)
    front: dict[str, str] = {}
    front_lines = 0
    if markup == "markdown":
        front, front_lines = _front_matter(text)

    # Date.
    the_date: dt.date | None = None
    year: int | None = None
    date_source: str | None = None
    lines: list[_Line] | None = None
    if date is not None:
        the_date = date.date() if isinstance(date, dt.datetime) else date
        year, date_source = the_date.year, "--date"
    if date_source is None and front:
        for key in ("date", "published", "pubdate", "publishdate", "published_at", "date_published"):
            if key in front:
                d, y = _parse_date_value(front[key])
                if y is not None:
                    the_date, year, date_source = d, y, "front matter"
                    break
    if date_source is None and markup == "html":
        d, y = _html_date(text)
        if y is not None:
            the_date, year, date_source = d, y, "html metadata"
    if date_source is None:
        lines = _cut_lines(_visible_lines(text, markup, front_lines), len(text))
        header = _header_date(lines, HTML_HEADER_LINES if markup == "html" else HEADER_LINES)
        if header:
            the_date, line_no = header
            year, date_source = the_date.year, f"header (line {line_no})"
        else:
            years = _year_mentions(lines)
            lead = _lead_date(lines, years)
            if lead:
                the_date, line_no = lead
                year, date_source = the_date.year, f"text (line {line_no})"
            else:
                only = _year_only(lines, years)
                if only:
                    year, line_no = only
                    date_source = f"text (year only, line {line_no})"

    # Jurisdiction.
    place: str | None = None
    place_source: str | None = None
    if _given_jurisdiction(jurisdiction):
        place, place_source = _given_jurisdiction(jurisdiction), "--jurisdiction"
    elif _given_jurisdiction(front.get("jurisdiction")):
        place, place_source = _given_jurisdiction(front.get("jurisdiction")), "front matter"
    else:
        # The project's default is a fallback: a Hà Nội paper's article about Tỉnh ủy Nghệ An
        # means Nghệ An's committee by /TU.
        found = _text_jurisdiction(text, year)
        if found:
            place, n = found
            place_source = f"text ({n} mentions)"
        elif _given_jurisdiction(default_jurisdiction):
            place, place_source = _given_jurisdiction(default_jurisdiction), "config"

    return new_context(
        date=the_date,
        year=year,
        date_source=date_source,
        jurisdiction=place,
        jurisdiction_source=place_source,
    )
