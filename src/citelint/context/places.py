"""Places: the provinces and centrally-run cities, their spellings, a typed name's canonical
form, and which place an article is about (the one its text names most, when it clearly
dominates)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from .spelling import COMBINING, WORD_END, ascii_key, place_key, spelling_pattern, spellings, trie_pattern

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


# "Các tin khác", "Tin cùng chuyên mục"...: the start of a list of other articles.
OTHER_NEWS_WORDS = (
    "Các tin khác", "Tin khác", "Các bài khác", "Tin cùng chuyên mục", "Bài cùng chuyên mục",
    "Cùng chuyên mục", "Tin liên quan", "Bài liên quan", "Tin bài liên quan", "Các tin liên quan",
    "Tin mới", "Tin mới nhất", "Tin mới hơn", "Tin cũ hơn", "Tin đã đưa", "Tin nổi bật",
    "Tin đọc nhiều", "Đọc nhiều", "Đọc nhiều nhất", "Xem nhiều", "Xem nhiều nhất", "Mới nhất",
    "Xem thêm", "Đọc thêm", "Phản hồi", "Bình luận", "Ý kiến bạn đọc", "Gửi bình luận",
)
_NAME_BY_KEY: dict[str, str] = {}
_NAME_BY_ASCII: dict[str, str] = {}
for _name in JURISDICTIONS:
    for _surface in (_name, *_TEXT_ALIASES.get(_name, ()), *_NAME_ALIASES.get(_name, ())):
        for _s in spellings(_surface):
            _NAME_BY_KEY.setdefault(place_key(_s), _name)
        _NAME_BY_ASCII.setdefault(ascii_key(_surface), _name)
for _surface in ("TP.HCM", "TP HCM", "TP. HCM", "TP Hồ Chí Minh", "TP. Hồ Chí Minh"):
    _NAME_BY_KEY.setdefault(place_key(_surface), HCM)
    _NAME_BY_ASCII.setdefault(ascii_key(_surface), HCM)

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
    found = _NAME_BY_KEY.get(place_key(text))
    if found:
        return found
    # Without the level word, and without diacritics.
    ascii_spaced = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    ascii_spaced = "".join(c for c in ascii_spaced if not unicodedata.combining(c)).lower().strip()
    found = _NAME_BY_ASCII.get(ascii_key(ascii_spaced))
    if found:
        return found
    rest = ascii_spaced
    for _ in range(3):  # "Thành ủy thành phố Hà Nội": a few level words at most
        stripped = _LEVEL_PREFIX.sub("", rest, count=1)
        if stripped == rest:
            break
        rest = stripped
        found = _NAME_BY_ASCII.get(ascii_key(rest))
        if found:
            return found
    return None


def given_jurisdiction(value: str | None) -> str | None:
    """A jurisdiction given by the user: canonical when known, else as given."""
    if value is None:
        return None
    value = unicodedata.normalize("NFC", str(value)).strip()
    if not value:
        return None
    return canonical_jurisdiction(value) or value



# --- the place an article is about ----------------------------------------------------------

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
                for s in spellings(surface):
                    out.setdefault(s, name)
    for s in spellings("TPHCM") | spellings("TpHCM"):
        out.setdefault(s, HCM)
    # "Hồ Chí Minh" names the City only after "thành phố" or "TP" (else it is the President).
    for surface in ("Hồ Chí Minh", "HCM"):
        for s in spellings(surface):
            out.setdefault(s, _CHECK_CITY)
    for surface in _NOT_PLACES:
        for s in spellings(surface):
            out.setdefault(s, None)
    for w in OTHER_NEWS_WORDS:
        for form in (w, " ".join(x[:1].upper() + x[1:] for x in w.split())):
            for s in spellings(form):
                out.setdefault(s, _MARK)
    return out


_SCAN_SPELLINGS = _scan_spellings()
_SCAN_RE = re.compile(trie_pattern(set(_SCAN_SPELLINGS)) + WORD_END)
_SCAN_BY_KEY: dict[str, str | None] = {}
for _s, _n in _SCAN_SPELLINGS.items():
    _SCAN_BY_KEY.setdefault(place_key(_s), _n)

# A place name right after a personal name is part of the name ("Nguyễn Hòa Bình").
_PERSON_WORDS = frozenset(v for w in _NAME_WORD_LIST for v in spellings(w))
_WORD_BEFORE = re.compile(rf"(?<![\w{COMBINING}])([\w{COMBINING}]{{1,12}})[ \t\u00a0]+\Z")
_CITY_BEFORE = re.compile(
    r"(?<![\w" + COMBINING + r"])(?:"
    + "|".join(spelling_pattern(v) for w in ("Thành phố", "Thành Phố") for v in spellings(w) | spellings(w.lower()))
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
        kind = _KIND_CACHE[surface] = _SCAN_BY_KEY.get(place_key(surface))
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


def place_counts(text: str) -> Counter[str]:
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


def text_jurisdiction(text: str, year: int | None) -> tuple[str, int] | None:
    counts = place_counts(text)
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


