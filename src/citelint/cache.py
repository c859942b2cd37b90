"""A cache of `check` results for unchanged files: `.citelint_cache/` beside the configuration.

A result is reused when the file's content, the settings (configuration, registry content,
command-line options) and citelint's version are what they were.  The content is compared by
SHA-256; a file whose size and modification time are unchanged is taken as unchanged without
being read again (as ruff does).  Entries live in SQLite (one small database, WAL mode with a
busy timeout), so that several processes can read and write it at once, as pre-commit runs
them, and a run over 80,000 files keeps no index in memory.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
from dataclasses import asdict, is_dataclass
from pathlib import Path

from . import __version__
from .diagnostics import FileReport

CACHE_DIR = ".citelint_cache"
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


def settings_key(config, registry, options: dict) -> str:
    """What a result depends on besides the file: version, configuration, registry content,
    the article date and jurisdiction given on the command line."""
    h = hashlib.sha256(f"citelint {__version__}\n".encode())
    fields = asdict(config) if is_dataclass(config) else dict(config)
    fields.pop("path", None)
    h.update(repr(sorted((k, repr(v)) for k, v in fields.items())).encode())
    h.update(f"registry:{getattr(registry, 'content_key', '') if registry is not None else '-'}".encode())
    h.update(repr(sorted((k, repr(v)) for k, v in options.items())).encode())
    return h.hexdigest()


class ResultCache:
    def __init__(self, directory: Path, settings: str) -> None:
        self.directory = Path(directory)
        self.settings = settings
        self._db: sqlite3.Connection | None = None

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            self.directory.mkdir(parents=True, exist_ok=True)
            ignore = self.directory / ".gitignore"
            if not ignore.exists():
                try:
                    ignore.write_text("# created by citelint\n*\n", encoding="utf-8")
                except OSError:
                    pass
            db = sqlite3.connect(self.directory / "results.sqlite", timeout=30, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute(_SCHEMA)
            self._db = db
        return self._db

    def lookup(self, path: str) -> tuple[FileReport | None, tuple | None]:
        """The cached report for ``path`` if the file is unchanged, and what identifies its
        current state (to store a new result under)."""
        try:
            st = os.stat(path)
        except OSError:
            return None, None
        key = os.path.abspath(path)
        row = self.db.execute("SELECT size, mtime_ns, sha256, report FROM results WHERE settings=? AND path=?",
                              (self.settings, key)).fetchone()
        if row is not None and row[0] == st.st_size and row[1] == st.st_mtime_ns:
            return _load(row[3]), None
        try:
            with open(path, "rb") as f:
                digest = hashlib.sha256(f.read()).hexdigest()
        except OSError:
            return None, None
        state = (key, st.st_size, st.st_mtime_ns, digest)
        if row is not None and row[2] == digest:
            self.db.execute("UPDATE results SET size=?, mtime_ns=? WHERE settings=? AND path=?",
                            (st.st_size, st.st_mtime_ns, self.settings, key))
            return _load(row[3]), None
        return None, state

    def store(self, state: tuple, report: FileReport) -> None:
        key, size, mtime_ns, digest = state
        blob = pickle.dumps(report.model_copy(update={"source": None}), protocol=pickle.HIGHEST_PROTOCOL)
        self.db.execute("INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?, ?)",
                        (self.settings, key, size, mtime_ns, digest, blob))

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def _load(blob: bytes) -> FileReport:
    return pickle.loads(blob)


def cache_directory(config) -> Path:
    """Beside the configuration file that applies, else in the working directory."""
    base = config.path.parent if getattr(config, "path", None) is not None else Path.cwd()
    return base / CACHE_DIR
