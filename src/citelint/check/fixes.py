"""Applying fixes: to text, and to files byte for byte.

A fix never changes anything outside its span.  For a file, the text is decoded, edited, and
encoded again with the file's own encoding and byte-order mark; line endings are part of the
text and so stay as they were.  Before touching a file, citelint checks that encoding the
unedited text gives back the file's exact bytes: if it would not (a legacy encoding converted
on reading, say), the file is left alone and the reason reported.  Files are written
atomically.
"""

from __future__ import annotations

import difflib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..diagnostics import Diagnostic, TextEdit
from ..errors import DecodeError
from ..fs import write_atomically
from ..i18n import _
from ..text.encoding import decode_bytes

# Encodings whose round trip is exact, with the bytes that start a file in each.
_ROUND_TRIP = {"utf-8": ("utf-8", b""), "utf-8-sig": ("utf-8", b"\xef\xbb\xbf"),
               "utf-16-le": ("utf-16-le", b"\xff\xfe"), "utf-16-be": ("utf-16-be", b"\xfe\xff")}


def applicable(diagnostics: list[Diagnostic], *, unsafe: bool = False) -> list[Diagnostic]:
    """The diagnostics whose fixes can be applied together: safe ones (and unsafe ones if
    asked), in text order, none overlapping another (the first one wins; the rest wait for
    the next pass)."""
    chosen: list[Diagnostic] = []
    taken: list[tuple[int, int]] = []
    for d in sorted(diagnostics, key=lambda d: (d.fix.edits[0].start if d.fix and d.fix.edits else 0, d.code)):
        fix = d.fix
        if fix is None or not fix.edits or (fix.applicability == "unsafe" and not unsafe):
            continue
        spans = [(e.start, e.end) for e in fix.edits]
        if any(_overlap(a, b) for a in spans for b in taken):
            continue
        chosen.append(d)
        taken.extend(spans)
    return chosen


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    # Two insertions at one point, or a span and an insertion inside it, overlap too.
    return a[0] < b[1] and b[0] < a[1] or a == b or (a[0] == a[1] and b[0] <= a[0] <= b[1]) or (b[0] == b[1] and a[0] <= b[0] <= a[1])


def apply_edits(text: str, edits: list[TextEdit]) -> str:
    out = []
    pos = 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        out.append(text[pos : e.start])
        out.append(e.replacement)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def fix_text(text: str, diagnostics: list[Diagnostic], *, unsafe: bool = False) -> tuple[str, list[Diagnostic]]:
    chosen = applicable(diagnostics, unsafe=unsafe)
    edits = [e for d in chosen for e in d.fix.edits]
    return apply_edits(text, edits), chosen


@dataclass
class FileFix:
    path: str
    old_text: str = ""
    new_text: str = ""
    applied: list[Diagnostic] = field(default_factory=list)
    new_bytes: bytes | None = None
    old_bytes: bytes | None = None  # as read: the file must still hold them when it is replaced
    refused: str | None = None  # why the file cannot be fixed in place

    @property
    def changed(self) -> bool:
        return self.new_bytes is not None and self.new_text != self.old_text

    def diff(self) -> str:
        return "".join(difflib.unified_diff(self.old_text.splitlines(keepends=True), self.new_text.splitlines(keepends=True),
                                            fromfile=self.path, tofile=self.path))


def fix_until_stable(text: str, lint, *, unsafe: bool = False, passes: int = 4) -> tuple[str, list[Diagnostic]]:
    """``text`` with its fixes applied, again and again until nothing more applies (a fix can
    reveal another), at most ``passes`` times; and the findings fixed.  ``lint(text) ->
    diagnostics`` runs the checks."""
    applied: list[Diagnostic] = []
    for _pass in range(passes):
        text, chosen = fix_text(text, lint(text), unsafe=unsafe)
        if not chosen:
            break
        applied.extend(chosen)
    return text, applied


def encoder_for(encoding: str) -> Callable[[str], bytes] | None:
    """How to encode a text as a file decoded from ``encoding`` was (its codec and byte-order
    mark), for the encodings whose round trip is exact; None for the others."""
    if encoding not in _ROUND_TRIP:
        return None
    codec, bom = _ROUND_TRIP[encoding]
    return lambda text: bom + text.encode(codec)


@dataclass
class Rewritable:
    """A file read to be rewritten: its bytes, its text, and how to encode a new text as it
    is encoded (codec and byte-order mark)."""

    data: bytes
    text: str
    encode: Callable[[str], bytes]


def read_for_rewrite(path: str) -> Rewritable | str:
    """``path`` read so that a new text can replace it, encoded as it is, byte for byte; or why
    it cannot be (another user's, read-only, unreadable, or an encoding that does not survive a
    round trip).  ``OSError`` when it cannot be read at all."""
    refused = _not_ours_to_rewrite(path)
    if refused:
        return refused
    data = Path(path).read_bytes()
    try:
        decoded = decode_bytes(data)
    except DecodeError as e:
        return f"cannot read: {e.reason}"
    encode = encoder_for(decoded.encoding)
    if encode is None:
        return f"its encoding ({decoded.encoding}) is converted on reading; citelint does not rewrite it"
    if encode(decoded.text) != data:
        return "its bytes would not survive a round trip; left as it is"
    return Rewritable(data, decoded.text, encode)


def fix_file(path: str, lint, *, unsafe: bool = False, passes: int = 4) -> FileFix:
    """Fix ``path`` (not written: see :func:`write_fixed`).  ``lint(text) -> diagnostics``
    runs the checks; fixing repeats until nothing more applies (a fix can reveal another)."""
    result = FileFix(path)
    read = read_for_rewrite(path)
    if isinstance(read, str):
        result.refused = read
        return result
    result.old_bytes = read.data
    result.old_text = read.text
    text, result.applied = fix_until_stable(read.text, lint, unsafe=unsafe, passes=passes)
    result.new_text = text
    result.new_bytes = read.encode(text)
    return result


def write_fixed(result: FileFix, *, root: Path | None = None) -> None:
    """Replace the file with its fixed bytes, unless it changed since it was read (an editor
    saved it meanwhile: its edit is not lost).  ``root``: the directory the real file must be in
    (for a file found by walking a directory; a file named on the command line is written, or
    the file its link names, wherever it is)."""
    write_atomically(Path(result.path), result.new_bytes, root=root, expected=result.old_bytes)


def _not_ours_to_rewrite(path: str) -> str | None:
    """Why citelint must not replace the file, if so: replacing makes a new file, which would
    drop a read-only mode's meaning and give another user's file to whoever runs citelint."""
    try:
        st = os.stat(path)
    except OSError:
        return None  # reading it says what is wrong
    if st.st_uid != os.geteuid():
        return _("it belongs to another user")
    if not st.st_mode & stat.S_IWUSR:
        return _("it is read-only")
    return None

