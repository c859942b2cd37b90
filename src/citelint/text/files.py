"""Reading articles: finding the files and decoding their bytes."""

from __future__ import annotations

import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import DecodeError, LoadError
from ..fs import path_matches
from ..i18n import _
from .encoding import decode_bytes

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


def load_document(path: str | os.PathLike) -> Document:
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except IsADirectoryError:
        try:
            os.scandir(path).close()
        except PermissionError:
            raise LoadError(name, _('directory not readable: permission denied (its files are not checked)')) from None
        except OSError:
            pass
        raise LoadError(name, _('is a directory')) from None
    except FileNotFoundError:
        raise LoadError(name, _('no such file or directory')) from None
    except PermissionError:
        raise LoadError(name, _('permission denied')) from None
    except OSError as e:
        raise LoadError(name, _('cannot read: {value}').format(value=e.strerror or e)) from None
    return document_from_bytes(name, data)


def load_stdin(name: str = "-") -> Document:
    """Standard input read as a file named ``name`` (whose suffix chooses the markup)."""
    return document_from_bytes(name, sys.stdin.buffer.read())


def document_from_bytes(name: str, data: bytes) -> Document:
    """The bytes of a file named ``name`` decoded; undecodable bytes are a LoadError."""
    try:
        decoded = decode_bytes(data)
    except DecodeError as e:
        raise LoadError(name, e.reason, e.line, e.column) from None
    return Document(name, decoded.text, markup_for(name), decoded.encoding, tuple(decoded.notes))


def _unseen(paths: list[str], seen: set[str]) -> Iterator[str]:
    """The paths not yielded yet, in order, taking them out of ``paths``."""
    while paths:
        p = paths.pop(0)
        if p not in seen:
            seen.add(p)
            yield p


def _regular(dirpath: str, name: str) -> bool:
    """Whether a directory entry is a regular file (or a link to one)."""
    try:
        return stat.S_ISREG(os.stat(os.path.join(dirpath, name)).st_mode)
    except OSError:
        return True  # let reading it say what is wrong (a dangling link, no permission)


def _nothing_ignored(rel: str) -> bool:
    return False


_NOTHING_IGNORED = _nothing_ignored


def git_ignored(top: str):
    """A test of paths relative to ``top``: whether git ignores them, when ``top`` is in a git
    work tree (else, or without git, nothing is).  One ``git ls-files`` call lists the ignored
    files and directories under ``top``."""
    import subprocess

    try:
        done = subprocess.run(["git", "-C", top, "ls-files", "--others", "--ignored", "--exclude-standard", "--directory", "-z"],
                              capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return _NOTHING_IGNORED
    if done.returncode != 0:
        return _NOTHING_IGNORED
    entries = [e.decode("utf-8", "surrogateescape") for e in done.stdout.split(b"\0") if e]
    files = {e for e in entries if not e.endswith("/")}
    dirs = tuple(e for e in entries if e.endswith("/"))
    if not files and not dirs:
        return _NOTHING_IGNORED

    def ignored(rel: str) -> bool:
        return rel in files or rel.startswith(dirs)

    return ignored


#: Directories never walked into (besides hidden ones: .git, .venv, .citelint_cache): other
#: tools' trees, which hold no articles.
SKIPPED_DIRECTORIES = frozenset({"__pycache__", "node_modules", "venv"})


def iter_files(
    paths: Iterable[str | os.PathLike],
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
    *,
    gitignore: bool = True,
) -> Iterator[str]:
    """The files to read, in a stable order.

    A file named on the command line is always read (unless excluded).  A directory is walked
    recursively for files with a known suffix (.txt .md .markdown .html .htm .xhtml), or, when
    ``include`` globs are given, for the files matching them; hidden directories and
    :data:`SKIPPED_DIRECTORIES` are skipped; ``exclude`` globs drop files and
    directories.  Globs match the path relative to the directory given, or the file name.
    A path that does not exist is yielded as it is, so that reading it reports the error.
    ``exclude`` globs match a path, its name, or any directory it is in ("drafts/" or "drafts"
    excludes drafts/a.md), for files named explicitly too: pre-commit names every file.
    With ``gitignore``, a directory in a git work tree is walked without the files git ignores
    (.gitignore, .git/info/exclude, the global excludes file); a file named explicitly is read.
    """
    include = list(include)
    exclude = list(exclude)

    seen: set[str] = set()
    for p in paths:
        root = Path(p)
        if not root.is_dir():
            if not path_matches(root.as_posix(), exclude) and str(root) not in seen:
                seen.add(str(root))
                yield str(root)
            continue
        top = str(root)
        ignored = git_ignored(top) if gitignore else _NOTHING_IGNORED
        unreadable: list[str] = []
        def cannot_list(e: OSError) -> None:
            unreadable.append(e.filename[2:] if top == "." and e.filename.startswith("./") else e.filename)

        for dirpath, dirnames, filenames in os.walk(top, onerror=cannot_list):
            # a directory that cannot be listed is yielded itself: reading it reports why, so
            # that a run never calls a tree clean whose files it could not see
            yield from _unseen(unreadable, seen)
            # Plain string paths: an archive of 80,000 files is walked without a Path per file.
            rel_dir = os.path.relpath(dirpath, top).replace(os.sep, "/")
            rel_dir = "" if rel_dir == "." else rel_dir + "/"
            dirnames[:] = sorted(
                d for d in dirnames if not d.startswith(".") and d not in SKIPPED_DIRECTORIES
                and not path_matches(rel_dir + d, exclude) and not ignored(rel_dir + d + "/")
            )
            for f in sorted(filenames):
                rel = rel_dir + f
                if path_matches(rel, exclude) or ignored(rel):
                    continue
                wanted = path_matches(rel, include) if include else os.path.splitext(f)[1].lower() in TEXT_SUFFIXES
                if wanted and _regular(dirpath, f):  # not a FIFO, a socket, a device: reading one can block for ever
                    full = os.path.join(dirpath, f)
                    if top == ".":
                        full = full[2:]  # "./a.md" -> "a.md", as Path(".") / "a.md" gives
                    if full not in seen:
                        seen.add(full)
                        yield full
        yield from _unseen(unreadable, seen)  # the last directories walked
