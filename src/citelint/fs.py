"""Files on disk: atomic writes, the lock beside a file, and matching paths against globs.

Everything citelint writes (a fixed article, the generated registry, an export, the baseline,
the registry cache) goes through :func:`write_atomically`, so that a reader, or the next run
after a crash, sees the old file or the new one and never a part of either.
"""

from __future__ import annotations

import fnmatch
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable


def write_atomically(target: Path, data: bytes | str) -> None:
    """Write ``target`` (``str`` as UTF-8, with no newline translation): a temporary file in the
    same directory, fsync, rename over the target, fsync the directory.  The target is either
    the old file or the new one, whatever happens (Ctrl-C, kill -9, a full disk).  An existing
    file keeps its permissions; a new one gets the umask's.  Temporary files left by a run that
    was killed are removed first."""
    with atomic_file(target) as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)


@contextmanager
def atomic_file(target: Path):
    """A binary file to write ``target`` through, as :func:`write_atomically` does: it replaces
    the target when the block ends normally; on an exception the target is left as it was."""
    target = Path(target)
    for stale in target.parent.glob(f".{target.name}.*.tmp"):
        try:
            stale.unlink()
        except OSError:
            pass
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
        tmp = None
        dir_fd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
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
    fd = os.open(lock_path, os.O_CREAT | os.O_RDWR, 0o644)
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
