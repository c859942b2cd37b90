"""Files on disk: atomic writes, the lock beside a file, and matching paths against globs.

Everything citelint writes (a fixed article, the generated registry, an export, the baseline,
the registry cache) goes through :func:`write_atomically`, so that a reader, or the next run
after a crash, sees the old file or the new one and never a part of either.
"""

from __future__ import annotations

import errno
import fnmatch
import glob
import os
import re
import stat
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable

from .i18n import _


class UnsafeTarget(OSError):
    """A write refused: the target is outside the directory it must stay in (through a
    symbolic link, or by its configured path)."""


#: The temporary files of an atomic write: ``.NAME.citelint-RANDOM.tmp``; only those are ever
#: removed as left over by a killed run (``.NAME.anything.tmp`` may be someone else's).
_TMP_MARK = "citelint-"
_STALE_AFTER = 3600  # seconds: a temporary file this old is no other run's work in progress


def safe_target(target: Path, root: Path | None = None) -> Path:
    """The file to write for ``target``: the file itself, or the one a symbolic link names
    (the link is kept: a link to an article stays a link).  With ``root`` (for paths the user
    did not name on the command line: a configured baseline, the cache, the files of a walked
    directory), the real file must lie inside ``root``, else :class:`UnsafeTarget`: a link or a
    configured path does not send citelint's writes elsewhere on the machine."""
    target = Path(target)
    real = Path(os.path.realpath(target))
    if root is not None:
        top = Path(os.path.realpath(root))
        if real != top and top not in real.parents:
            raise UnsafeTarget(errno.EPERM, _("outside {root} (through a symbolic link or its configured path); not written").format(root=root),
                               str(target))
    return real


def write_atomically(target: Path, data: bytes | str, *, root: Path | None = None, expected: bytes | None = None,
                     exclusive: bool = False, sync_directory: bool = True, durable: bool = True) -> None:
    """Write ``target`` (``str`` as UTF-8, with no newline translation): a temporary file in the
    same directory, fsync, rename over the target, fsync the directory.  The target is either
    the old file or the new one, whatever happens (Ctrl-C, kill -9, a full disk).  An existing
    file keeps its permissions; a new one gets the umask's.  Temporary files left by a run that
    was killed are removed first.  ``root``: see :func:`safe_target`.  ``expected``: the bytes
    the file had when it was read; if it has changed since (an editor saved it meanwhile), the
    write is refused rather than losing that edit.  ``exclusive``: the caller holds the
    target's lock (:func:`locked`), so every temporary file of ours beside it is a leftover.
    ``sync_directory=False`` leaves the directory's fsync (which makes the rename durable, not
    atomic) to the caller, who writes many files into it: :func:`fsync_directory` once at the end.
    ``durable=False`` syncs nothing: for files made from others, which a crash loses nothing of
    (the write stays atomic: the target is whole, old or new, while the system runs)."""
    with atomic_file(target, root=root, expected=expected, exclusive=exclusive,
                     sync_directory=sync_directory and durable, durable=durable) as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)


class ChangedMeanwhile(OSError):
    """The file changed between reading it and writing it."""


@contextmanager
def atomic_file(target: Path, *, root: Path | None = None, expected: bytes | None = None, exclusive: bool = False,
                sync_directory: bool = True, durable: bool = True):
    """A binary file to write ``target`` through, as :func:`write_atomically` does: it replaces
    the target when the block ends normally; on an exception the target is left as it was."""
    target = safe_target(Path(target), root)
    _remove_stale(target, 0 if exclusive else _STALE_AFTER)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{_TMP_MARK}", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            if durable:
                os.fsync(f.fileno())
        os.chmod(tmp, _mode_for(target))
        if expected is not None:
            try:
                now = target.read_bytes()
            except FileNotFoundError:
                now = None
            if now != expected:
                raise ChangedMeanwhile(errno.EAGAIN, _("changed while citelint was working on it; left as it is"), str(target))
        os.replace(tmp, target)
        tmp = None
        if sync_directory:
            fsync_directory(target.parent)
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


# Temporary files of ours found in a directory, by the name of the file each was for: a
# directory is listed once per process, not once per file written into it (writing n files into
# one directory would list it n times).  Only what is older than _STALE_AFTER is removed from
# this list, and a file that old was there at the listing.
_LEFTOVERS: dict[Path, dict[str, list[Path]]] = {}
_LEFTOVER = re.compile(rf"^\.(?P<name>.+)\.{re.escape(_TMP_MARK)}.*\.tmp$", re.S)


def fsync_directory(directory: Path) -> None:
    """Make the renames done in ``directory`` durable."""
    dir_fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def _remove_stale(target: Path, age: float) -> None:
    """Remove this writer's own temporary files for ``target`` left by a killed run: by their
    mark and their age (older than ``age`` seconds), never another program's nor, unless the
    caller holds the lock, a running write's."""
    now = time.time()
    if age > 0:
        found = _LEFTOVERS.get(target.parent)
        if found is None:
            found = _LEFTOVERS[target.parent] = {}
            try:
                with os.scandir(target.parent) as entries:
                    for entry in entries:
                        m = _LEFTOVER.match(entry.name)
                        if m:
                            found.setdefault(m.group("name"), []).append(Path(entry.path))
            except OSError:
                pass
        candidates = found.pop(target.name, [])
    else:  # the caller holds the lock: every temporary file of ours beside the target is a leftover
        candidates = list(target.parent.glob(f".{glob.escape(target.name)}.{_TMP_MARK}*.tmp"))
    for stale in candidates:
        try:
            st = stale.lstat()
            if stat.S_ISREG(st.st_mode) and now - st.st_mtime >= age:
                stale.unlink()
        except OSError:
            pass


def _mode_for(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextmanager
def locked(target: Path, *, wait: bool = True):
    """An exclusive lock in a hidden file beside ``target`` (``.NAME.lock``): two runs that
    write the same file take turns."""
    import fcntl

    target = Path(target)
    lock_path = target.with_name(f".{target.name}.lock")
    # never through a symbolic link: a planted link must not make citelint create or open
    # a file elsewhere
    fd = os.open(lock_path, os.O_CREAT | os.O_RDWR | os.O_NOFOLLOW, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def path_matches(path: str, globs: Iterable[str], base: Path | None = None) -> bool:
    """Whether a glob matches ``path`` (a "/"-separated name, as given or relative to the
    directory walked), its file name, or a directory it is in: "drafts/", "drafts" and
    "drafts/*" all take drafts/a.md.  With ``base`` (the configuration's directory), the path
    relative to it is tried too."""
    patterns = [g.rstrip("/") for g in globs if g.rstrip("/")]
    if not patterns:
        return False
    candidates = _candidates(path.replace(os.sep, "/"))
    if base is not None:
        try:
            rel = Path(path).resolve().relative_to(Path(base).resolve()).as_posix()
        except (ValueError, OSError):
            rel = None
        if rel is not None:
            candidates |= _candidates(rel)
    return any(fnmatch.fnmatch(c, g) for c in candidates for g in patterns)


def _candidates(rel: str) -> set[str]:
    parts = rel.split("/")
    out = {rel, parts[-1]}
    for n in range(1, len(parts)):
        out.add("/".join(parts[:n]))
        out.add(parts[n - 1])
    return out
