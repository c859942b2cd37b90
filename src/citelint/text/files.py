"""Reading articles: finding the files, decoding their bytes, stripping markup for parsing.

Markup is stripped so that every position still maps back to the original: tags, comments,
front matter and Markdown punctuation are overwritten with spaces of the same length (block
tags with a line break), and only entity references (``&amp;``, ``&#7889;``), which change
length, go through an :class:`~citelint.offsets.OffsetMap`.  A single line break inside an HTML
text run or a Markdown paragraph is a soft break and becomes a space; the grammar treats a real
line break as the end of a citation.
"""

from __future__ import annotations

import fnmatch
import html
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from .encoding import DecodeError, decode_bytes
from .offsets import Edit, OffsetMap, apply_edits

TEXT_SUFFIXES = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html", ".xhtml": "html"}


def markup_for(path: str | os.PathLike) -> str:
    return TEXT_SUFFIXES.get(Path(path).suffix.lower(), "text")


# --- files ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Document:
    path: str
    text: str  # the decoded original text; every reported offset is into this
    markup: str
    encoding: str
    notes: tuple[str, ...] = ()


class LoadError(Exception):
    """A file that cannot be read as text: the path, why, and where (1-based) if known."""

    def __init__(self, path: str, reason: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(reason)
        self.path = path
        self.reason = reason
        self.line = line
        self.column = column

    def location(self) -> str:
        if self.line is not None:
            return f"{self.path}:{self.line}:{self.column or 1}"
        return self.path

    def __str__(self) -> str:
        return f"{self.location()}: {self.reason}"


def load_document(path: str | os.PathLike) -> Document:
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except IsADirectoryError:
        raise LoadError(name, "is a directory") from None
    except FileNotFoundError:
        raise LoadError(name, "no such file or directory") from None
    except PermissionError:
        raise LoadError(name, "permission denied") from None
    except OSError as e:
        raise LoadError(name, f"cannot read: {e.strerror or e}") from None
    try:
        decoded = decode_bytes(data)
    except DecodeError as e:
        raise LoadError(name, e.reason, e.line, e.column) from None
    return Document(name, decoded.text, markup_for(name), decoded.encoding, tuple(decoded.notes))


def iter_files(
    paths: Iterable[str | os.PathLike],
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
) -> Iterator[str]:
    """The files to read, in a stable order.

    A file named on the command line is always read (unless excluded).  A directory is walked
    recursively for files with a known suffix (.txt .md .markdown .html .htm .xhtml), or, when
    ``include`` globs are given, for the files matching them; hidden directories are skipped; ``exclude`` globs drop files and
    directories.  Globs match the path relative to the directory given, or the file name.
    A path that does not exist is yielded as it is, so that reading it reports the error.
    ``exclude`` globs match a path, its name, or any directory it is in ("drafts/" or "drafts"
    excludes drafts/a.md), for files named explicitly too: pre-commit names every file.
    """
    include = list(include)
    exclude = list(exclude)

    def matches(rel: str, globs: list[str]) -> bool:
        if not globs:
            return False
        parts = rel.split("/")
        candidates = {rel, parts[-1]}
        for n in range(1, len(parts)):
            candidates.add("/".join(parts[:n]))
            candidates.add(parts[n - 1])
        return any(fnmatch.fnmatch(c, g.rstrip("/")) for c in candidates for g in globs if g.rstrip("/"))

    seen: set[str] = set()
    for p in paths:
        root = Path(p)
        if not root.is_dir():
            if not matches(root.as_posix(), exclude) and str(root) not in seen:
                seen.add(str(root))
                yield str(root)
            continue
        top = str(root)
        for dirpath, dirnames, filenames in os.walk(top):
            # Plain string paths: an archive of 80,000 files is walked without a Path per file.
            rel_dir = os.path.relpath(dirpath, top).replace(os.sep, "/")
            rel_dir = "" if rel_dir == "." else rel_dir + "/"
            dirnames[:] = sorted(
                d for d in dirnames if not d.startswith(".") and not matches(rel_dir + d, exclude) and d != "__pycache__"
            )
            for f in sorted(filenames):
                rel = rel_dir + f
                if matches(rel, exclude):
                    continue
                wanted = matches(rel, include) if include else os.path.splitext(f)[1].lower() in TEXT_SUFFIXES
                if wanted:
                    full = os.path.join(dirpath, f)
                    if top == ".":
                        full = full[2:]  # "./a.md" -> "a.md", as Path(".") / "a.md" gives
                    if full not in seen:
                        seen.add(full)
                        yield full


# --- markup -----------------------------------------------------------------------------------


def strip_markup(text: str, markup: str) -> tuple[str, OffsetMap]:
    """Text for parsing, and the map from its positions back to ``text``."""
    if markup == "html":
        return _decode_entities(_blank_html(text))
    if markup == "markdown":
        return _decode_entities(_blank_markdown(text))
    if markup == "text":
        return text, OffsetMap()
    raise ValueError(f"unknown markup {markup!r}")


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


_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n.*?\r?\n(?:---|\.\.\.)[ \t]*(?=\r?\n|\Z)", re.S)
_MD_COMMENT = re.compile(r"(?s)<!--.*?-->")
_MD_LINE_PREFIX = re.compile(r"(?m)^([ \t]{0,3}(?:#{1,6}[ \t]|>[ \t]?|[-+*][ \t]+|\d{1,9}[.)][ \t]+)+)")
_MD_LINK = re.compile(r"!?\[([^\]\n]*)\]\(([^)\n]*)\)")
_MD_EMPHASIS = re.compile(r"\*\*|__|~~|`+|(?<![^\W_])[*_](?=\S)|(?<=\S)[*_](?![^\W_])|\\(?=[\\`*_{}\[\]()#+\-.!])")
_MD_INLINE_TAG = _HTML_TAG
_MD_BLOCK_START = re.compile(r"[ \t]*(?:$|#{1,6}[ \t]|>|[-+*][ \t]|\d{1,9}[.)][ \t]|```|~~~|\||<)")


def _blank_markdown(text: str) -> str:
    out = _FRONT_MATTER.sub(lambda m: _blank(m.group()), text, count=1)
    out = _MD_COMMENT.sub(lambda m: _blank(m.group()), out)
    # "[" (or "![") before the text; "](", the URL and ")" after it: the same length in spaces.
    out = _MD_LINK.sub(lambda m: " " * (2 if m.group().startswith("!") else 1) + m.group(1) + " " * (len(m.group(2)) + 3), out)
    out = _MD_LINE_PREFIX.sub(lambda m: " " * len(m.group()), out)
    out = _MD_INLINE_TAG.sub(lambda m: " " * len(m.group()), out)
    out = _MD_EMPHASIS.sub(lambda m: " " * len(m.group()), out)
    return _join_soft_breaks(out, text)


def _join_soft_breaks(blanked: str, original: str) -> str:
    """A line break inside a paragraph becomes a space (same length)."""
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


def _decode_entities(text: str) -> tuple[str, OffsetMap]:
    edits = []
    for m in _ENTITY.finditer(text):
        decoded = html.unescape(m.group())
        if decoded != m.group():
            edits.append(Edit(m.start(), m.end(), decoded))
    if not edits:
        return text, OffsetMap()
    return apply_edits(text, edits)
