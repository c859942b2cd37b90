"""Markup: what of an HTML or Markdown file is text, without moving any position.

Markup is blanked in place: tags, comments, front matter and Markdown punctuation are
overwritten with spaces of the same length (HTML block tags with a line break), so that the
*layout* of a file has the length, and for Markdown the lines, of the file as written.  Only
entity references (``&amp;``, ``&#7889;``), which change length, go through an
:class:`~citelint.text.offsets.OffsetMap`.  For parsing, a single line break inside an HTML
text run or a Markdown paragraph is a soft break and becomes a space: the grammar treats a real
line break as the end of a citation.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .offsets import Edit, OffsetMap, apply_edits
from ..i18n import _

MARKUPS = ("text", "markdown", "html")


def check_markup(markup: str) -> None:
    if markup not in MARKUPS:
        raise ValueError(_('unknown markup {markup!r}').format(markup=markup))


# --- front matter ---------------------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?=\r?\n|\Z)", re.DOTALL)
# The value is stripped of its spaces and tabs in Python: "[ \t]*(.*?)[ \t]*$" would try every
# end of a long run of spaces inside the value, from every position in it (quadratic).
_FRONT_MATTER_KEY = re.compile(r"^([A-Za-z_][\w.-]*)[ \t]*:(.*)$")
# A YAML comment; a run of spaces is tried from its first space only.
_YAML_COMMENT = re.compile(r"(?<![ \t])[ \t]++#.*$")


@dataclass(frozen=True)
class FrontMatter:
    """A Markdown file's YAML front matter: its flat keys (lower case) and values, where it ends,
    and how many lines it takes (the 0-based index of the first line after it)."""

    fields: dict[str, str] = field(default_factory=dict)
    end: int = 0
    lines: int = 0
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)  # where each value is in the text


def front_matter(text: str) -> FrontMatter:
    m = _FRONT_MATTER.match(text)
    if not m:
        return FrontMatter()
    fields: dict[str, str] = {}
    spans: dict[str, tuple[int, int]] = {}
    at = m.start(1)
    for line in m.group(1).splitlines(keepends=True):
        km = _FRONT_MATTER_KEY.match(line.rstrip("\r\n"))
        if km:
            raw = km.group(2)
            value = _YAML_COMMENT.sub("", raw.strip(" \t"))
            start = at + km.start(2) + len(raw) - len(raw.lstrip(" \t"))
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value, start = value[1:-1], start + 1
            key = km.group(1).lower()
            if key not in fields:
                fields[key] = value.strip()
                lead = len(value) - len(value.lstrip())
                spans[key] = (start + lead, start + lead + len(value.strip()))
        at += len(line)
    lines = m.group(0).count("\n") + (1 if m.end() < len(text) else 0)
    return FrontMatter(fields, m.end(), lines, spans)


# --- blanking ---------------------------------------------------------------------------------------


def blank_markup(text: str, markup: str) -> str:
    """``text`` with its markup overwritten by spaces (HTML block tags by a line break): the
    same length, every character of text where it was."""
    if markup == "html":
        return _blank_html(text)
    if markup == "markdown":
        return _blank_markdown(text)
    check_markup(markup)
    return text


def _blank(s: str) -> str:
    """Same length, only the line breaks kept."""
    return re.sub(r"[^\n]", " ", s)


_BLOCK_TAGS = (
    "address|article|aside|blockquote|body|br|dd|div|dl|dt|fieldset|figcaption|figure|footer|form|"
    "h[1-6]|header|hr|li|main|nav|ol|p|pre|section|table|tbody|td|tfoot|th|thead|title|tr|ul|head|html"
)
_BLOCK_TAG_NAME = re.compile(f"(?i)(?:{_BLOCK_TAGS})")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")


# --- scanning that reads each stretch of text once ---------------------------------------------
#
# What HTML skips and where a tag ends are the matches of plain regexes:
#
#   <!--.*?-->|<(script|style|noscript|template)\b[^>]*>.*?</\1\s*>|<!\[CDATA\[.*?\]\]>|<![^>]*>|<\?[^>]*>
#   </?([A-Za-z][A-Za-z0-9-]*)\b(?:[^>"']|"[^"]*"|'[^']*')*/?>
#
# (case-insensitive and across lines).  But when the terminator is missing, such a regex reads
# to the end of the text before it fails, then tries again from the next "<" and reads to the
# end again: time quadratic in the number of unterminated starts ("<a " or "<!--" a hundred
# thousand times).  The scanners below find the same matches, and search each stretch of text
# for a terminator once, whatever the number of starts before it.


class _NextMatch:
    """The first match of ``search`` at or after a position, for positions asked for in
    increasing order: one answer serves every later position up to where it was found (every
    later position at all when nothing was), so each stretch of text is searched once."""

    __slots__ = ("_search", "_from", "_found")

    def __init__(self, search: Callable[[int], tuple[int, int] | None]) -> None:
        self._search = search
        self._from = -1
        self._found: tuple[int, int] | None = None

    def __call__(self, pos: int) -> tuple[int, int] | None:
        if self._from < 0 or pos < self._from or (self._found is not None and pos > self._found[0]):
            self._from, self._found = pos, self._search(pos)
        return self._found


def _next_string(text: str, s: str) -> _NextMatch:
    def search(pos: int) -> tuple[int, int] | None:
        i = text.find(s, pos)
        return None if i < 0 else (i, i + len(s))

    return _NextMatch(search)


_HIDDEN_ELEMENTS = ("script", "style", "noscript", "template")
# "</\1" of a case-insensitive regex compares characters by their lower case (so "</ſcript>",
# with a long s, closes "<ſcript>" but not "<script>"): the same regex engine decides, among the
# close tags that "(?i)</script\s*>" finds (a few more).
_SAME_NAME = re.compile(r"(?is)([^\x00]*)\x00\1")


def _next_close_tag(text: str, name: str) -> _NextMatch:
    element = next(e for e in _HIDDEN_ELEMENTS if re.fullmatch(e, name, re.IGNORECASE))
    candidate = re.compile(r"(?i)</%s\s*>" % element)

    def search(pos: int) -> tuple[int, int] | None:
        while (m := candidate.search(text, pos)) is not None:
            if _SAME_NAME.fullmatch(f"{name}\x00{text[m.start() + 2 : m.start() + 2 + len(name)]}"):
                return m.span()
            pos = m.start() + 1
        return None

    return _NextMatch(search)


_SKIP_START = re.compile(r"(?is)<(?:!|\?|(%s)\b)" % "|".join(_HIDDEN_ELEMENTS))
_CDATA_START = re.compile(r"(?is)<!\[CDATA\[")


def _html_skips(text: str) -> Iterator[tuple[int, int]]:
    """The spans of what HTML shows nothing of, left to right: comments, script, style,
    noscript and template elements, CDATA sections, other "<!...>" and "<?...>".  An
    unterminated comment or element is not one: "<!--" with no "-->" after it ends at the next
    ">", "<script>" with no "</script>" is a tag like another."""
    comment_end = _next_string(text, "-->")
    cdata_end = _next_string(text, "]]>")
    gt = _next_string(text, ">")
    close_tags: dict[str, _NextMatch] = {}
    pos = 0
    while (m := _SKIP_START.search(text, pos)) is not None:
        start = m.start()
        found = None
        name = m.group(1)
        if name is not None:
            opened = gt(m.end())
            if opened is not None:
                key = name.lower()  # names alike in lower case close alike
                if key not in close_tags:
                    close_tags[key] = _next_close_tag(text, name)
                found = close_tags[key](opened[1])
        else:
            if text.startswith("<!--", start):
                found = comment_end(start + 4)
            if found is None and _CDATA_START.match(text, start):
                found = cdata_end(start + 9)
            if found is None:
                found = gt(start + 2)
        if found is None:
            pos = start + 1
        else:
            yield start, found[1]
            pos = found[1]


_TAG_HEAD = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)\b")
# The rest of a tag, up to the ">" that ends it; possessive, as there is one way to read it.
_TAG_REST = re.compile(r"(?:[^>\"']++|\"[^\"]*+\"|'[^']*+')*+>")
_TAG_STOP = re.compile(r"[>\"']")


class _TagEnds:
    """Where a tag whose attributes start at a position ends: at the first ">" that is not in
    a quoted value.  A tag is read by one regex until a tag fails to end (an unterminated tag
    or quote); from then on, where each tag ends is worked out from the positions of the ">"
    and quotes, remembering the answer for each quote reached, so that the many tags that run
    into the same unterminated stretch do not each read it again."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._failed = False  # whether a tag has failed to end
        self._stops: list[int] | None = None  # positions of ">", '"' and "'"
        self._ends: dict[int, int] = {}  # a quote opening a value -> where the tag ends (-1: never)

    def end(self, pos: int) -> int:
        """Where the tag ends (after its ">"), or -1 when it does not."""
        text = self._text
        if not self._failed:
            m = _TAG_REST.match(text, pos)
            if m is not None:
                return m.end()
            self._failed = True
            return -1
        stops = self._stops
        if stops is None:
            stops = self._stops = [s.start() for s in _TAG_STOP.finditer(text)]
        ends = self._ends
        walked = []
        i = bisect_left(stops, pos)
        while True:
            if i == len(stops):
                end = -1
                break
            k = stops[i]
            if k in ends:
                end = ends[k]
                break
            if text[k] == ">":
                end = k + 1
                break
            walked.append(k)
            close = text.find(text[k], k + 1)
            if close < 0:
                end = -1
                break
            i = bisect_right(stops, close)
        for k in walked:
            ends[k] = end
        return end


def find_tags(text: str, head: re.Pattern[str] = _TAG_HEAD) -> Iterator[tuple[re.Match[str], int]]:
    """Each tag of ``text`` that ``head`` starts, as the match of ``head`` and where the tag
    ends (after its ">", the first one not in a quoted value), left to right and without
    overlap: the matches of ``head`` followed by ``(?:[^>"']|"[^"]*"|'[^']*')*>``."""
    ends = _TagEnds(text)
    pos = 0
    while (m := head.search(text, pos)) is not None:
        end = ends.end(m.end())
        if end < 0:
            pos = m.start() + 1
        else:
            yield m, end
            pos = end


def _overwrite(text: str, spans: Iterable[tuple[int, int, str]]) -> str:
    """``text`` with each span (start, end, replacement), in order and not overlapping, replaced."""
    pieces = []
    last = 0
    for start, end, replacement in spans:
        pieces.append(text[last:start])
        pieces.append(replacement)
        last = end
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


def _blank_html(text: str) -> str:
    # Source line breaks are white space in HTML; structure comes from the tags.
    out = text.replace("\r\n", "  ").replace("\n", " ").replace("\r", " ")
    out = _overwrite(out, ((start, end, " " * (end - start)) for start, end in _html_skips(out)))

    def tag(m: re.Match, end: int) -> str:
        n = end - m.start()
        if _BLOCK_TAG_NAME.fullmatch(m.group(1)):
            return "\n" + " " * (n - 1)
        return " " * n

    return _overwrite(out, ((m.start(), end, tag(m, end)) for m, end in find_tags(out)))


# A comment with no "-->" after it is text, as is every "<!--" after it: one match takes them
# all (group 1 None), rather than a search to the end of the text for each.
_MD_COMMENT = re.compile(r"(?s)<!--(?:.*?(-->)|.*)")
_MD_LINE_PREFIX = re.compile(r"(?m)^([ \t]{0,3}(?:#{1,6}[ \t]|>[ \t]?|[-+*][ \t]+|\d{1,9}[.)][ \t]+)+)")
# A link; or, where none starts, the "[" and what follows it up to where the link failed (group
# 2 None): no "[" in there starts a link either, and is not tried again.
_MD_LINK = re.compile(r"!?\[([^\]\n]*+)\]\(([^)\n]*+)\)|\[[^\]\n]*+(?:\]\([^)\n]*+)?")
_MD_EMPHASIS = re.compile(r"\*\*|__|~~|`+|(?<![^\W_])[*_](?=\S)|(?<=\S)[*_](?![^\W_])|\\(?=[\\`*_{}\[\]()#+\-.!])")
_MD_BLOCK_START = re.compile(r"[ \t]*(?:$|#{1,6}[ \t]|>|[-+*][ \t]|\d{1,9}[.)][ \t]|```|~~~|\||<)")


def _md_link(m: re.Match) -> str:
    if m.group(2) is None:
        return m.group()
    # "[" (or "![") before the text; "](", the URL and ")" after it: the same length in spaces.
    return " " * (2 if m.group().startswith("!") else 1) + m.group(1) + " " * (len(m.group(2)) + 3)


def _blank_markdown(text: str) -> str:
    fm = front_matter(text)
    out = _blank(text[: fm.end]) + text[fm.end :] if fm.end else text
    out = _MD_COMMENT.sub(lambda m: _blank(m.group()) if m.group(1) else m.group(), out)
    out = _MD_LINK.sub(_md_link, out)
    out = _MD_LINE_PREFIX.sub(lambda m: " " * len(m.group()), out)
    out = _overwrite(out, ((m.start(), end, " " * (end - m.start())) for m, end in find_tags(out)))
    return _MD_EMPHASIS.sub(lambda m: " " * len(m.group()), out)


def join_soft_breaks(blanked: str, original: str) -> str:
    """A line break inside a Markdown paragraph becomes a space (same length)."""
    chars = list(blanked)
    lines = original.split("\n")
    pos = 0
    for i, line in enumerate(lines[:-1]):
        pos += len(line)
        nxt = lines[i + 1]
        if line.strip() and not _MD_BLOCK_START.match(nxt) and not line.rstrip().startswith(("```", "~~~", "|")):
            chars[pos] = " "
            if line.endswith("\r"):
                chars[pos - 1] = " "
        pos += 1
    return "".join(chars)


_LOWER = "a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
# A line break inside a sentence of plain text wrapped by hand: the next line goes on in lower
# case ("Chỉ⏎thị số 05-CT/TW"; not a list label such as "a)" or "đ."), or a number follows "số" or "ngày".
_WRAP = re.compile(rf"\n(?=[{_LOWER}](?![).])|\d)")  # (a digit only after "số", "ngày": below)
_NUMBER_WORD_BEFORE = ("số", "Số", "ngày")


def wrapped_line_breaks(text: str) -> list[tuple[int, int, str]]:
    """The hard line wraps inside sentences of plain text, each as (start, end, spaces) to put
    in its place (same length): a line that ends in a letter and a next line that goes on in
    lower case, or "số" or "ngày" at the end of a line and a number on the next."""
    joins = []
    for m in _WRAP.finditer(text):
        i = m.start()
        j = i - 1 if i > 0 and text[i - 1] == "\r" else i
        if text[i + 1].isdigit() and not text.endswith(_NUMBER_WORD_BEFORE, max(0, j - 4), j):
            continue
        if j > 0 and text[j - 1].isalpha() and not _bare_place_level(text, i + 1):
            joins.append((j, i + 1, " " * (i + 1 - j)))
    return joins


# A line that starts with a place level and no name after it ("xã" alone) does not go on with a
# body's name from the line before ("... của Ban Chấp hành Trung ương⏎xã ..."): no join there.
_PLACE_LEVEL = re.compile(r"(?i:thành[ \t]+phố|thị[ \t]+trấn|thị[ \t]+xã|phường|huyện|quận|tỉnh|xã)(?![^\W\d_])[ \t]*")


def _bare_place_level(text: str, pos: int) -> bool:
    m = _PLACE_LEVEL.match(text, pos)
    return m is not None and not (m.end() < len(text) and text[m.end()].isupper())


def decode_entities(text: str) -> tuple[str, OffsetMap]:
    edits = []
    for m in _ENTITY.finditer(text):
        decoded = html.unescape(m.group())
        if decoded != m.group():
            edits.append(Edit(m.start(), m.end(), decoded))
    if not edits:
        return text, OffsetMap()
    return apply_edits(text, edits)
