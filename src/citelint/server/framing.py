"""The LSP base protocol's framing (``Content-Length: N``, a blank line, N bytes of JSON), read
so that no sequence of bytes can crash the server or leave it waiting for ever.

:class:`FrameReader` turns a byte stream into JSON values and refusals:

- a ``Content-Length`` over :data:`MAX_CONTENT_LENGTH` (64 MiB) is refused at once, before any of
  its body is read; the body is then skipped in chunks of at most 1 MiB, so memory stays bounded
  whatever the header says.  Skipping stops early where the next message's header turns up, so
  a header that lies (``Content-Length: 99999999999`` before a short body) costs one message,
  not the connection;
- a header block with no usable ``Content-Length`` (missing, not a decimal number, negative, two
  that disagree), a body that is not one JSON value (UTF-8), and bytes where a header should be
  are refused as parse errors;
- after a refusal the reader finds its place again on the next ``Content-Length:`` header line.
  A body whose declared length runs into the next message is cut where that header begins, and
  the header is kept: the message after a wrong length is answered, even while the server is
  still waiting for bytes the wrong length promised.

Finding a header inside a body cannot mistake a well-formed message for a broken one: a JSON
text can hold a line break only as whitespace between its tokens (inside a string it is
written ``\\n``), so ``Content-Length: 12`` followed by a line break never occurs in one.

The reader does no I/O but blocking reads of its stream; the server runs it on a thread.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from typing import Any, BinaryIO

log = logging.getLogger("citelint.server")

#: The largest message body the server reads: an article of tens of megabytes fits; a header
#: that asks for more is refused and its body skipped.
MAX_CONTENT_LENGTH = 64 * 1024 * 1024

#: JSON-RPC's error codes for what cannot be read.
PARSE_ERROR = -32700
INVALID_REQUEST = -32600

_CHUNK = 1024 * 1024  # the most read from the stream at once
_MAX_HEADER_LINE = 8 * 1024  # a longer "header line" is not one
# A Content-Length header line, wherever it is: where the reader finds its place again.  Its
# length is bounded (53 bytes at most), so a search that restarts _OVERLAP bytes before the end
# of what it has seen finds one that arrived split between two reads.
_HEADER_ANYWHERE = re.compile(rb"content-length:[ \t]{0,8}\d{1,20}[ \t]{0,8}\r?\n", re.IGNORECASE)
_OVERLAP = 64
_HEADER = re.compile(rb"([!#$%&'*+.^_`|~0-9A-Za-z-]+)[ \t]*:[ \t]*(.*?)[ \t]*\r?\n")


@dataclass(frozen=True)
class Message:
    """One message's body, parsed: any JSON value (whether it is a JSON-RPC message is for the
    server to say)."""

    value: Any


@dataclass(frozen=True)
class Refused:
    """Bytes that are not a message: the JSON-RPC error to answer (with id null)."""

    code: int
    reason: str


class FrameReader:
    """Messages from ``stream`` (a binary file: standard input), one :meth:`read` at a time."""

    def __init__(self, stream: BinaryIO, limit: int = MAX_CONTENT_LENGTH) -> None:
        self._stream = stream
        # read1 returns what has arrived (up to n bytes) instead of waiting for all n
        self._read = getattr(stream, "read1", None) or stream.read
        self.limit = limit
        self._buf = bytearray()  # read from the stream, not yet consumed
        self._eof = False
        self._skip = 0  # bytes of a refused body still to skip
        self._lost = False  # out of step: what comes before the next header was already refused

    # -- the stream ---------------------------------------------------------------------------

    def _fill(self) -> bool:
        """Read what the stream has (waiting for at least one byte); False at its end."""
        if self._eof:
            return False
        chunk = self._read(_CHUNK)
        if not chunk:
            self._eof = True
            return False
        self._buf += chunk
        return True

    def _line(self) -> bytes | None:
        """The next line (with its ``\\n``), at most _MAX_HEADER_LINE bytes; None at the end."""
        while True:
            nl = self._buf.find(b"\n", 0, _MAX_HEADER_LINE)
            if nl >= 0:
                return self._take(nl + 1)
            if len(self._buf) >= _MAX_HEADER_LINE:
                return self._take(_MAX_HEADER_LINE)
            if not self._fill():
                return self._take(len(self._buf)) if self._buf else None

    def _take(self, n: int) -> bytes:
        out = bytes(self._buf[:n])
        del self._buf[:n]
        return out

    def _header_within(self, start: int, before: int) -> int | None:
        """Where a Content-Length header line begins in the buffer, at or after ``start`` and
        before ``before`` (using only the bytes already read)."""
        m = _HEADER_ANYWHERE.search(self._buf, start, min(len(self._buf), before + _OVERLAP))
        return m.start() if m is not None and m.start() < before else None

    def _drop_before(self, end: int) -> None:
        """Consume the buffer up to ``end``, except a start of a header line that ends there
        (``...}Content-Le``): the rest of it may be still to come."""
        for start in range(max(0, end - _OVERLAP), end):
            if _could_begin_header(bytes(self._buf[start:end])):
                end = start
                break
        del self._buf[:end]

    # -- messages -----------------------------------------------------------------------------

    def read(self) -> Message | Refused | None:
        """The next message, or what was refused instead; None when the stream ends."""
        if self._skip:
            self._skip_body()
        length = self._headers()
        if not isinstance(length, int):
            return length
        if length > self.limit:
            self._skip, self._lost = length, True
            return Refused(INVALID_REQUEST, f"a message of {length} bytes is over the limit of {self.limit} bytes "
                                            "(Content-Length); it is skipped")
        return self._body(length)

    def _headers(self) -> int | Refused | None:
        """The Content-Length of the next header block, or why there is none."""
        length: int | None = None
        problem: str | None = None
        seen = False  # a header line of this block was read
        while True:
            line = self._line()
            if line is None:
                if seen:
                    log.warning("the input ended inside a message's header")
                return None
            found = _HEADER_ANYWHERE.search(line)
            header = _HEADER.fullmatch(line) if found is None or found.start() == 0 else None
            if header is None and not line.strip() and line.endswith(b"\n"):
                if not seen:
                    continue  # blank lines between messages
                break
            if header is None:  # not a header: the stream is out of step
                self._buf[:0] = line
                if not self._lost:
                    self._lost = True
                    return Refused(PARSE_ERROR, f"expected a message header, got {_show(line)}")
                skipped = self._find_header()
                log.warning("skipped %d bytes that are not a message, up to %s", skipped,
                            "the next header" if self._buf else "the end of the input")
                length, problem, seen = None, None, False
                continue
            seen = True
            if header.group(1).lower() != b"content-length":
                continue  # Content-Type, or a header the protocol does not define
            value = header.group(2)
            digits = value.lstrip(b"0") or b"0"
            if not value.isdigit():
                problem = f"Content-Length {_show(value)} is not a number of bytes"
            elif len(digits) > 18:  # int() would refuse thousands of digits; past the limit anyway
                length = max(length or 0, 10**18)
            elif length is not None and length != int(digits):
                problem = f"two Content-Length headers that disagree ({length} and {int(digits)})"
            else:
                length = int(digits)
        if problem is None and length is None:
            problem = "a message without a Content-Length header"
        if problem is not None:
            self._lost = True
            return Refused(PARSE_ERROR, problem)
        return length

    def _find_header(self) -> int:
        """Skip to the next Content-Length header line (or the end of the input): the number of
        bytes skipped."""
        skipped = 0
        while True:
            at = self._header_within(0, len(self._buf))
            if at is not None:
                del self._buf[:at]
                return skipped + at
            drop = max(0, len(self._buf) - _OVERLAP)  # the tail may be the start of a header
            del self._buf[:drop]
            skipped += drop
            if not self._fill():
                skipped += len(self._buf)
                self._buf.clear()
                return skipped

    def _body(self, length: int) -> Message | Refused | None:
        scanned = 0
        while len(self._buf) < length:
            # Still waiting: if the next message's header has arrived inside what should be
            # this body, the length was wrong and waiting would be for ever.
            at = self._header_within(max(0, scanned - _OVERLAP), len(self._buf))
            if at is not None:
                del self._buf[:at]
                self._lost = False
                return Refused(PARSE_ERROR, f"Content-Length {length} runs into the next message "
                                            f"(a header after {at} bytes)")
            scanned = len(self._buf)
            if not self._fill():
                log.warning("the input ended inside a message's body (%d of %d bytes)", len(self._buf), length)
                return None
        body = self._buf[:length]  # a copy
        try:
            value = json.loads(body.decode("utf-8"))
        except (ValueError, RecursionError) as e:  # UnicodeDecodeError is a ValueError
            at = self._header_within(0, length)  # a too-long length: keep the next message
            if at is None:
                self._drop_before(length)
            else:
                del self._buf[:at]
            self._lost = at is None
            return Refused(PARSE_ERROR, f"the body is not JSON: {_reason(e)}")
        del self._buf[:length]
        self._lost = False
        return Message(value)

    def _skip_body(self) -> None:
        """Skip what is left of a refused body, stopping early at the next message's header."""
        left, self._skip = self._skip, 0
        scanned = 0
        while left > 0:
            at = self._header_within(max(0, scanned - _OVERLAP), min(left, len(self._buf)))
            if at is not None:
                del self._buf[:at]
                log.warning("the refused message's body ended early: the next message begins after %d more bytes", at)
                return
            if len(self._buf) >= left:
                self._drop_before(left)
                return
            drop = max(0, len(self._buf) - _OVERLAP)  # the tail may be the start of a header
            del self._buf[:drop]
            left -= drop
            scanned = len(self._buf)
            if not self._fill():
                return


_HEADER_NAME = b"content-length:"
_HEADER_REST = re.compile(rb"[ \t]{0,8}(\d{1,20}([ \t]{0,8}\r?)?)?")


def _could_begin_header(data: bytes) -> bool:
    """Whether ``data`` is the start of a Content-Length header line (``Content-Le``,
    ``Content-Length: 12``) whose end is still to come."""
    data = data.lower()
    if len(data) <= len(_HEADER_NAME):
        return _HEADER_NAME.startswith(data)
    return data.startswith(_HEADER_NAME) and _HEADER_REST.fullmatch(data, len(_HEADER_NAME)) is not None


def _show(data: bytes, width: int = 40) -> str:
    """A short, printable view of some bytes, for a log line."""
    text = repr(data[:width])
    return text + ("..." if len(data) > width else "")


def _reason(e: BaseException) -> str:
    if isinstance(e, RecursionError):
        return "nested too deeply"
    return str(e)
