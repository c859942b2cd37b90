"""Every error citelint raises on purpose derives from :class:`CitelintError`.

At the command line such an error is printed as ``error: MESSAGE`` and the command exits 2
(:mod:`citelint.cli.main` does that in one place), except where a command has a better
answer for one file: a file that cannot be read (:class:`LoadError`) is a finding of its own
(CL901), and the other files are still checked.
"""

from __future__ import annotations


class CitelintError(Exception):
    """The root: its message is what the user reads."""


class UsageError(CitelintError):
    """A problem with the command line."""


class ConfigError(CitelintError):
    """A configuration problem, with the file (and line/column when known) in the message."""


class BaselineError(CitelintError):
    """A baseline file that is missing or is not a citelint baseline."""


class DistributedError(CitelintError):
    """Dask is missing, the scheduler cannot be reached, or the cluster failed during a run."""


class RegistryInvalid(CitelintError):
    """A registry that does not load: every error with its file, line and column."""

    def __init__(self, errors: list, where: str | None = None) -> None:
        super().__init__(f"{len(errors)} error(s) in the registry")
        self.errors = errors  # list of citelint.registry.source.RegistryError
        self.where = where  # the registry's path, when known

    SHOWN = 10

    def __str__(self) -> str:
        name = f"the registry {self.where}" if self.where else "the registry"
        lines = [str(x) for x in self.errors[: self.SHOWN]]
        if len(self.errors) > self.SHOWN:
            lines.append(f"... and {len(self.errors) - self.SHOWN} more")
        return f"{name} is invalid (`citelint registry validate` lists every error):\n" + "\n".join(lines)


class DecodeError(CitelintError):
    """Raised when the bytes are not text we can decode.

    ``reason`` says what is wrong without saying where ("binary file (NUL byte)"), so a
    caller can prefix its own ``path:line:column``.  ``offset`` is the byte offset of
    the first offending byte in the input; ``line`` and ``column`` (1-based) locate it.
    For byte-oriented input (UTF-8, legacy, binary) the column counts bytes since the
    last ``b"\\n"``; for UTF-16 both are counted in the text decoded before the error.
    After a UTF-8 BOM, line and column are counted from the end of the BOM.

    ``str(err)`` is one line with the location in it, e.g.
    "binary file (NUL byte at line 3, column 5)".  ``message`` (keyword-only) sets that
    line; without it the location is appended to the reason.
    """

    def __init__(
        self,
        reason: str,
        offset: int | None = None,
        line: int | None = None,
        column: int | None = None,
        *,
        message: str | None = None,
    ) -> None:
        super().__init__(reason, offset, line, column)
        self.reason = reason
        self.offset = offset
        self.line = line
        self.column = column
        self.message = message

    def __reduce__(self):
        return (type(self), self.args, {"message": self.message})

    def __str__(self) -> str:
        if self.message:
            return self.message
        if self.line is not None:
            return f"{self.reason} at line {self.line}, column {self.column}"
        return self.reason


class LoadError(CitelintError):
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
