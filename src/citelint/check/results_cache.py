"""A cache of `check` results for unchanged files: `.citelint_cache/` beside the configuration.

A result is reused when the file's content, the settings (configuration, registry content,
command-line options) and citelint's version are what they were.  The content is compared by
SHA-256; a file whose size and modification time are unchanged is taken as unchanged without
being read again (as ruff does).  Entries live in SQLite (one small database, WAL mode with a
busy timeout), so that several processes can read and write it at once, as pre-commit runs
them, and a run over 80,000 files keeps no index in memory.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import os
import sqlite3
import typing
from dataclasses import asdict
from pathlib import Path

from .. import __version__
from ..config import Options
from ..diagnostics import ArticleContext, FileReport
from ..records import field_names, from_json, to_json, type_hints

CACHE_DIR = ".citelint_cache"
_FORMAT = 4  # raised whenever what an entry holds changes
_SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    settings TEXT NOT NULL,
    path TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    report BLOB NOT NULL,
    PRIMARY KEY (settings, path)
)
"""


def settings_key(options: Options) -> str:
    """What a result depends on besides the file: version, configuration, registry content,
    the article date and jurisdiction given on the command line."""
    h = hashlib.sha256(f"citelint {__version__} cache format {_FORMAT}\n".encode())
    fields = asdict(options.config)
    fields.pop("path", None)
    h.update(repr(sorted((k, repr(v)) for k, v in fields.items())).encode())
    registry = options.registry
    h.update(f"registry:{registry.content_key if registry is not None else '-'}".encode())
    h.update(repr(sorted((k, repr(v)) for k, v in (("date", options.date), ("jurisdiction", options.jurisdiction)))).encode())
    return h.hexdigest()


class ResultCache:
    def __init__(self, directory: Path, settings: str) -> None:
        self.directory = Path(directory)
        self.settings = settings
        self._db: sqlite3.Connection | None = None
        self._unwritten: list[tuple] = []
        self.problem: str | None = None  # why the cache was given up, if it was

    def _give_up(self, error: BaseException) -> None:
        """A cache that cannot be read or written is not used for the rest of the run: the check
        goes on without it (the caller may say so)."""
        self.problem = f"{self.directory}: {error}"
        self._unwritten.clear()

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            self.directory.mkdir(parents=True, exist_ok=True)
            for p in (self.directory, *(self.directory / f"results.sqlite{x}" for x in ("", "-wal", "-shm", "-journal"))):
                if p.is_symlink():
                    # a link committed into the repository must not make the cache write elsewhere
                    raise OSError(errno.ELOOP, "a symbolic link; the cache is not used", str(p))
            try:  # created, never written through a link (O_EXCL refuses one)
                fd = os.open(self.directory / ".gitignore", os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
                with os.fdopen(fd, "w", encoding="utf-8") as ignore:
                    ignore.write("# created by citelint\n*\n")
            except OSError:
                pass
            db = sqlite3.connect(self.directory / "results.sqlite", timeout=30, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute(_SCHEMA)
            self._db = db
        return self._db

    def lookup_many(self, paths: list[str]) -> list[tuple[FileReport | None, tuple | None]]:
        """For each of ``paths`` (one query for all): the cached report if the file is unchanged,
        and otherwise what identifies its current state (to store a new result under)."""
        if self.problem is not None:
            return [(None, None)] * len(paths)
        try:
            return self._lookup_many(paths)
        except (sqlite3.Error, OSError) as e:
            self._give_up(e)
            return [(None, None)] * len(paths)

    def _lookup_many(self, paths: list[str]) -> list[tuple[FileReport | None, tuple | None]]:
        cwd = os.getcwd()
        keys = [os.path.normpath(os.path.join(cwd, p)) for p in paths]  # os.path.abspath, one getcwd
        rows: dict[str, tuple] = {}
        for i in range(0, len(keys), 500):
            part = keys[i : i + 500]
            query = f"SELECT path, size, mtime_ns, sha256, report FROM results WHERE settings=? AND path IN ({','.join('?' * len(part))})"
            rows.update((r[0], r[1:]) for r in self.db.execute(query, (self.settings, *part)))
        return [self._answer(path, key, rows.get(key)) for path, key in zip(paths, keys)]

    def _answer(self, path: str, key: str, row: tuple | None) -> tuple[FileReport | None, tuple | None]:
        try:
            st = os.stat(path)
        except OSError:
            return None, None
        if row is not None and row[0] == st.st_size and row[1] == st.st_mtime_ns:
            report = _decode(row[3], path)
            if report is not None:
                return report, None
            row = None
        try:
            with open(path, "rb") as f:
                digest = hashlib.sha256(f.read()).hexdigest()
        except OSError:
            return None, None
        state = (key, st.st_size, st.st_mtime_ns, digest)
        if row is not None and row[2] == digest:
            report = _decode(row[3], path)
            if report is not None:
                self._write(state, row[3])  # touched, not changed: the entry takes the new mtime
                return report, None
        return None, state

    def store(self, state: tuple, report: FileReport, blob: bytes | None = None) -> None:
        """Keep ``report`` (already encoded as ``blob``, if given) for the file in ``state``.
        Entries are written a few hundred to a transaction, and at :meth:`close`."""
        self._write(state, blob or encode_report(report))

    def _write(self, state: tuple, blob: bytes) -> None:
        if self.problem is not None:
            return
        self._unwritten.append((self.settings, *state, blob))
        if len(self._unwritten) >= 256:
            self.flush()

    def flush(self) -> None:
        if not self._unwritten or self.problem is not None:
            return
        try:
            db = self.db
            db.execute("BEGIN IMMEDIATE")  # one transaction: all of these entries or none
            try:
                db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?, ?)", self._unwritten)
                db.execute("COMMIT")
            finally:
                if db.in_transaction:
                    db.execute("ROLLBACK")
        except (sqlite3.Error, OSError) as e:
            self._give_up(e)
        self._unwritten.clear()

    def close(self) -> None:
        self.flush()
        if self._db is not None:
            self._db.close()
            self._db = None


# Data only: a results cache lives in the project, where anyone who can commit can write it, so
# nothing in it may run code when read (no pickle, no marshal).  Most files have no findings:
# their entry is a JSON array of a few plain values; a report with findings is the model's JSON,
# without its text, validated when read.  The same encoding carries reports from the worker
# processes to the parent.
_PLAIN, _REPORT = b"J", b"R"


_CONTEXT_FIELDS = field_names(ArticleContext)
_DATE_FIELDS = frozenset(name for name, hint in type_hints(ArticleContext).items() if dt.date in (hint, *typing.get_args(hint)))


def encode_report(report: FileReport) -> bytes:
    c = report.context
    if not report.diagnostics and (c is None or type(c) is ArticleContext):
        context = None if c is None else [
            v.toordinal() if name in _DATE_FIELDS and v is not None else v
            for name, v in ((name, getattr(c, name)) for name in _CONTEXT_FIELDS)]
        return _PLAIN + json.dumps([context, report.citations, report.resolved, report.documents], ensure_ascii=False).encode("utf-8")
    return _REPORT + json.dumps(to_json(report), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _decode(blob: bytes, path: str) -> FileReport | None:
    try:
        return decode_report(blob, path)
    except Exception:  # noqa: BLE001 - a damaged entry is a miss: the file is checked again
        return None


def decode_report(blob: bytes, path: str) -> FileReport | None:
    """The report stored in ``blob``, for the file as ``path`` names it now (the same file may be
    named relative to another directory than when it was stored); None for anything else (an
    entry of an older format, or not citelint's)."""
    if blob[:1] == _PLAIN:
        context, citations, resolved, documents = json.loads(blob[1:])
        if not (isinstance(citations, int) and isinstance(resolved, int) and isinstance(documents, list)
                and all(isinstance(d, str) for d in documents)):
            return None
        if context is not None:
            context = ArticleContext(**{name: dt.date.fromordinal(v) if name in _DATE_FIELDS and v is not None else v
                                     for name, v in zip(_CONTEXT_FIELDS, context)})
        return FileReport(path=path, context=context, citations=citations, resolved=resolved, documents=tuple(documents))
    if blob[:1] != _REPORT:
        return None
    report = from_json(FileReport, json.loads(blob[1:]))
    # Findings carry the file's name in several places; named otherwise now, it is checked again.
    return report if report.path == path else None


def cache_directory(config) -> Path:
    """Beside the configuration file that applies, else in the working directory."""
    return config.root / CACHE_DIR
