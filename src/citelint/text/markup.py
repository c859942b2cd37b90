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
from dataclasses import dataclass, field

from .offsets import Edit, OffsetMap, apply_edits
from ..i18n import _

MARKUPS = ("text", "markdown", "html")


def check_markup(markup: str) -> None:
    if markup not in MARKUPS:
        raise ValueError(_('unknown markup {markup!r}').format(markup=markup))


# --- front matter ---------------------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?=\r?\n|\Z)", re.DOTALL)
_FRONT_MATTER_KEY = re.compile(r"^([A-Za-z_][\w.-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")


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
            value = re.sub(r"[ \t]+#.*$", "", km.group(2))  # a YAML comment
            start = at + km.start(2)
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
_HTML_SKIP = re.compile(r"(?is)<!--.*?-->|<(script|style|noscript|template)\b[^>]*>.*?</\1\s*>|<!\[CDATA\[.*?\]\]>|<![^>]*>|<\?[^>]*>")
_HTML_TAG = re.compile(r"(?s)</?([A-Za-z][A-Za-z0-9-]*)\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*/?>")
_BLOCK_TAG_NAME = re.compile(f"(?i)(?:{_BLOCK_TAGS})")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")


def _blank_html(text: str) -> str:
    # Source line breaks are white space in HTML; structure comes from the tags.
    out = text.replace("\r\n", "  ").replace("\n", " ").replace("\r", " ")
    out = _HTML_SKIP.sub(lambda m: " " * len(m.group()), out)

    def tag(m: re.Match) -> str:
        n = len(m.group())
        if _BLOCK_TAG_NAME.fullmatch(m.group(1)):
            return "\n" + " " * (n - 1)
        return " " * n

    return _HTML_TAG.sub(tag, out)


_MD_COMMENT = re.compile(r"(?s)<!--.*?-->")
_MD_LINE_PREFIX = re.compile(r"(?m)^([ \t]{0,3}(?:#{1,6}[ \t]|>[ \t]?|[-+*][ \t]+|\d{1,9}[.)][ \t]+)+)")
_MD_LINK = re.compile(r"!?\[([^\]\n]*)\]\(([^)\n]*)\)")
_MD_EMPHASIS = re.compile(r"\*\*|__|~~|`+|(?<![^\W_])[*_](?=\S)|(?<=\S)[*_](?![^\W_])|\\(?=[\\`*_{}\[\]()#+\-.!])")
_MD_INLINE_TAG = _HTML_TAG
_MD_BLOCK_START = re.compile(r"[ \t]*(?:$|#{1,6}[ \t]|>|[-+*][ \t]|\d{1,9}[.)][ \t]|```|~~~|\||<)")


def _blank_markdown(text: str) -> str:
    fm = front_matter(text)
    out = _blank(text[: fm.end]) + text[fm.end :] if fm.end else text
    out = _MD_COMMENT.sub(lambda m: _blank(m.group()), out)
    # "[" (or "![") before the text; "](", the URL and ")" after it: the same length in spaces.
    out = _MD_LINK.sub(lambda m: " " * (2 if m.group().startswith("!") else 1) + m.group(1) + " " * (len(m.group(2)) + 3), out)
    out = _MD_LINE_PREFIX.sub(lambda m: " " * len(m.group()), out)
    out = _MD_INLINE_TAG.sub(lambda m: " " * len(m.group()), out)
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
