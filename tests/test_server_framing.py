"""The language server under bad input: raw bytes written to a real ``citelint server`` process
(wrong, missing and huge Content-Length headers, bodies that are not JSON, requests whose
parameters do not fit, a debounce delay that is no sane number), and what it answers.

Each server test starts its own process: a test that leaves the server stuck must not take the
next one with it.  The reader's handling of bytes that arrive a few at a time is tested in
process, on :class:`citelint.server.framing.FrameReader`.
"""

from __future__ import annotations

import io
import json
import queue
import subprocess
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("pygls")

from conftest import CITELINT, citelint_env, run_citelint

from citelint.server.framing import INVALID_REQUEST, MAX_CONTENT_LENGTH, PARSE_ERROR, FrameReader, Message

slow = pytest.mark.slow  # starts the language server

HEADER = "Thứ Sáu, 19/11/2021, 10:43\n\n"
SENTENCE = "Quy định số 41-QĐ/TƯ ngày 3/11/2021 của Ban Bí thư."


# --- a client that speaks raw bytes --------------------------------------------------------------


def frame(message: dict | bytes, *, length_delta: int = 0) -> bytes:
    """``message`` with its header; ``length_delta`` makes the Content-Length wrong."""
    body = message if isinstance(message, bytes) else json.dumps(message, ensure_ascii=False).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % (len(body) + length_delta) + body


def request(msg_id, method: str, params=None) -> dict:
    out = {"jsonrpc": "2.0", "id": msg_id, "method": method}
    if params is not None:
        out["params"] = params
    return out


def notification(method: str, params: dict) -> dict:
    return {"jsonrpc": "2.0", "method": method, "params": params}


def hover(msg_id, uri: str = "file:///nowhere/a.txt", line=0, character=0) -> dict:
    return request(msg_id, "textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}})


class RawServer:
    """``citelint server`` in a subprocess: bytes in, the messages it writes out (parsed by a
    thread, strictly: a malformed frame from the server fails the test)."""

    def __init__(self, tmp: Path, *args: str, env: dict[str, str] | None = None) -> None:
        environment = citelint_env(tmp / ".cache", **(env or {}))
        self.proc = subprocess.Popen([*CITELINT, "server", *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, env=environment, cwd=tmp)
        self.inbox: queue.Queue = queue.Queue()
        self.received: list[dict] = []
        self._stderr: list[bytes] = []
        threading.Thread(target=self._read_stdout, daemon=True).start()
        threading.Thread(target=lambda: self._stderr.extend(self.proc.stderr), daemon=True).start()

    def _read_stdout(self) -> None:
        out = self.proc.stdout
        while True:
            headers = {}
            while (line := out.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("ascii").partition(":")
                headers[name.strip().lower()] = value.strip()
            if not line:
                self.inbox.put(None)
                return
            body = out.read(int(headers["content-length"]))
            self.inbox.put(json.loads(body))

    def send(self, data: bytes) -> None:
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def next_message(self, timeout: float = 5.0) -> dict:
        try:
            message = self.inbox.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"no message from the server in {timeout} s; stderr:\n{self.stderr}") from None
        assert message is not None, f"the server closed its output; stderr:\n{self.stderr}"
        self.received.append(message)
        return message

    def reply(self, msg_id, timeout: float = 5.0) -> dict:
        """The next response to ``msg_id`` (notifications and other responses are kept in
        ``received``)."""
        deadline = time.monotonic() + timeout
        while True:
            message = self.next_message(max(0.01, deadline - time.monotonic()))
            if "method" not in message and message.get("id") == msg_id:
                return message

    def responses(self, timeout: float = 5.0, count: int = 1) -> list[dict]:
        """The next ``count`` responses, in order."""
        out = []
        deadline = time.monotonic() + timeout
        while len(out) < count:
            message = self.next_message(max(0.01, deadline - time.monotonic()))
            if "method" not in message:
                out.append(message)
        return out

    def initialize(self) -> dict:
        self.send(frame(request(1, "initialize", {"processId": None, "rootUri": None, "capabilities": {}})))
        result = self.reply(1)["result"]
        self.send(frame(notification("initialized", {})))
        return result

    @property
    def stderr(self) -> str:
        return b"".join(self._stderr).decode("utf-8", "replace")

    def said(self, text: str, timeout: float = 5.0) -> bool:
        """Whether the server wrote ``text`` on standard error (waiting for it a little)."""
        deadline = time.monotonic() + timeout
        while text not in self.stderr:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.01)
        return True

    def alive(self) -> bool:
        return self.proc.poll() is None

    def close(self) -> None:
        if self.proc.poll() is None:
            try:
                self.send(frame(request(99999, "shutdown")) + frame(notification("exit", {})))
                self.proc.stdin.close()
                self.proc.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                self.proc.kill()
                self.proc.wait()


@pytest.fixture
def server(tmp_path):
    s = RawServer(tmp_path)
    yield s
    s.close()


def assert_error(message: dict, code: int, msg_id=None) -> None:
    assert "error" in message, message
    assert message["id"] == msg_id and message["error"]["code"] == code, message
    assert "result" not in message


def assert_answers_hover(server: RawServer, msg_id) -> None:
    """The server still answers a well-formed request."""
    server.send(frame(hover(msg_id)))
    assert server.reply(msg_id) == {"jsonrpc": "2.0", "id": msg_id, "result": None}


# --- a Content-Length over the limit -------------------------------------------------------------


@slow
def test_a_content_length_over_the_limit_is_refused_and_the_server_answers_the_next_request(server: RawServer):
    server.initialize()
    # The header lies: the body is 2 bytes, and the next message follows at once.
    server.send(b"Content-Length: 99999999999\r\n\r\n{}" + frame(hover(2)))
    refused, answered = server.responses(count=2)
    assert_error(refused, INVALID_REQUEST)
    assert "99999999999" in refused["error"]["message"]
    assert answered == {"jsonrpc": "2.0", "id": 2, "result": None}
    assert server.alive()
    assert server.said("99999999999 bytes is over the limit"), server.stderr
    assert_answers_hover(server, 3)


def _peak_memory(pid: int) -> int:
    """The process's peak resident set (VmHWM), in bytes."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmHWM")


@slow
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the peak memory from /proc")
def test_an_oversized_body_is_skipped_without_being_held_in_memory(server: RawServer):
    server.initialize()
    assert_answers_hover(server, 2)
    before = _peak_memory(server.proc.pid)
    # A real body of 64 MiB + 1 byte (a didOpen that is too large), then a request.
    head = b'{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"text":"'
    tail = b'"}}'
    body = head + b"a" * (MAX_CONTENT_LENGTH + 1 - len(head) - len(tail)) + tail
    writer = threading.Thread(target=server.send, args=(frame(body) + frame(hover(3)),), daemon=True)
    writer.start()
    refused = server.reply(None, timeout=10)
    assert_error(refused, INVALID_REQUEST)
    assert server.reply(3, timeout=10)["result"] is None
    writer.join(10)
    grown = _peak_memory(server.proc.pid) - before
    assert grown < MAX_CONTENT_LENGTH // 4, f"the server's peak memory grew by {grown} bytes"


# --- other wrong framing: a parse error, then the next message is answered -----------------------

BROKEN = {
    "too short": frame(hover(7), length_delta=-9),
    "too long": frame(hover(7), length_delta=+9),
    "missing": b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n" + json.dumps(hover(7)).encode(),
    "not a number": b"Content-Length: abc\r\n\r\n" + json.dumps(hover(7)).encode(),
    "negative": b"Content-Length: -5\r\n\r\n" + json.dumps(hover(7)).encode(),
    "zero": b"Content-Length: 0\r\n\r\n" + json.dumps(hover(7)).encode(),
    "not JSON": frame(b'{"jsonrpc": "2.0", "id": 7, "method": '),
    "not UTF-8": frame(b'{"jsonrpc": "2.0", "id": 7, "method": "\xff\xfe"}'),
    "no header": json.dumps(hover(7)).encode() + b"\r\n",
    "a broken header line": b"Content-Length: 50\r\nthis is no header\r\n\r\n" + json.dumps(hover(7)).encode(),
}


@slow
@pytest.mark.parametrize("case", list(BROKEN))
def test_a_message_with_wrong_framing_gets_a_parse_error_and_the_next_is_answered(server: RawServer, case: str):
    server.initialize()
    server.send(BROKEN[case] + frame(hover(2)))
    responses = server.responses(count=2)
    assert_error(responses[0], PARSE_ERROR)
    assert responses[1] == {"jsonrpc": "2.0", "id": 2, "result": None}, responses
    assert server.said("refused a message"), server.stderr
    assert_answers_hover(server, 3)
    assert not any(m.get("id") == 7 for m in server.received)  # the broken message is not answered as well


@slow
def test_a_content_length_longer_than_what_was_sent_does_not_leave_the_server_waiting(server: RawServer):
    server.initialize()
    # The length promises 1000 bytes more than there are; the client then sends one request
    # and waits for its answer: the bytes the length promised never come.
    server.send(frame(hover(7), length_delta=1000))
    time.sleep(0.2)  # the server is now reading the body
    server.send(frame(hover(2)))
    refused, answered = server.responses(count=2)
    assert_error(refused, PARSE_ERROR)
    assert answered == {"jsonrpc": "2.0", "id": 2, "result": None}


@slow
def test_a_document_that_quotes_a_header_is_not_mistaken_for_the_next_message(server: RawServer, tmp_path: Path):
    # JSON writes a line break inside a string as \n: the header in this text is no header.
    server.initialize()
    text = HEADER + "Content-Length: 12\r\n\r\n" + SENTENCE + "\n"
    uri = (tmp_path / "http.txt").as_uri()
    server.send(frame(notification("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "plaintext", "version": 1, "text": text}})))
    offset = text.index("41-QĐ")
    line = text[:offset].count("\n")
    server.send(frame(hover(2, uri, line, offset - text.rfind("\n", 0, offset) - 1)))
    result = server.reply(2)["result"]
    assert result is not None and "41-QĐ/TW" in result["contents"]["value"]
    assert not any("error" in m for m in server.received)


# --- every request gets an answer ----------------------------------------------------------------


@slow
def test_every_request_gets_an_answer_whatever_its_parameters(server: RawServer, tmp_path: Path):
    server.initialize()
    text = HEADER + SENTENCE + "\n"
    uri = (tmp_path / "a.txt").as_uri()
    server.send(frame(notification("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "plaintext", "version": 1, "text": text}})))
    document = {"uri": uri}
    start = {"line": 0, "character": 0}
    far = {"line": 10**6, "character": 10**6}
    past_line_end = {"line": 2, "character": 500}

    def code_action(rng: dict, doc: dict = document) -> dict:
        return {"textDocument": doc, "range": rng, "context": {"diagnostics": []}}

    invalid_params = {
        10: hover(10, uri, -1, 0),
        11: hover(11, uri, 0, -3),
        12: hover(12, uri, "a", 0),
        13: request(13, "textDocument/hover", {"position": {"line": 0, "character": 0}}),
        14: request(14, "textDocument/hover"),
        15: request(15, "textDocument/hover", [1, 2]),
        16: request(16, "textDocument/codeAction", code_action({"start": {"line": -1, "character": 0}, "end": far})),
        17: request(17, "textDocument/codeAction", {"textDocument": document, "range": {"start": far, "end": far}}),  # no context
        18: request(18, "textDocument/codeAction", code_action({"start": {"line": "x", "character": 0}, "end": far})),
        19: request(19, "initialize", {"capabilities": 5}),
        20: request(20, "workspace/executeCommand", {"command": "citelint.nothing", "arguments": []}),
        21: request(21, "workspace/executeCommand", {"arguments": 3}),
        22: hover(22, uri, 2**40, 0),
    }
    answered = {
        30: hover(30, "file:///nowhere/unknown.txt", 2, 5),
        31: hover(31, uri, far["line"], far["character"]),
        32: hover(32, uri, past_line_end["line"], past_line_end["character"]),
        33: request(33, "textDocument/codeAction", code_action({"start": far, "end": far})),
        34: request(34, "textDocument/codeAction", code_action({"start": past_line_end, "end": start})),
        35: request(35, "textDocument/codeAction", code_action({"start": start, "end": start}, {"uri": "untitled:none"})),
    }
    for message in [*invalid_params.values(), *answered.values()]:
        server.send(frame(message))
    replies = {m["id"]: m for m in server.responses(count=len(invalid_params) + len(answered))}
    assert sorted(replies) == sorted([*invalid_params, *answered])
    for msg_id in invalid_params:
        assert_error(replies[msg_id], -32602, msg_id)
    results = {msg_id: replies[msg_id]["result"] for msg_id in answered}  # KeyError: an error reply
    assert results[30] is None and results[31] is None and results[32] is None  # nothing there: no hover
    assert results[35] is None  # not an open document
    # The range is clamped to the end of the text, where no finding is: no quick fix.
    assert all(a["kind"] != "quickfix" for a in results[33] or [])
    # A range that ends before it starts is the same span: the citation's fixes.
    assert any(a["kind"] == "quickfix" and "CL107" in a["title"] for a in results[34])

    # A method the server does not have, and messages that are not JSON-RPC requests.
    server.send(frame(request(40, "textDocument/nothing", {})))
    assert server.reply(40)["error"]["code"] == -32601
    for bad, reply_id in [([1, 2], None), (42, None), ({"jsonrpc": "1.0", "id": 41, "method": "textDocument/hover"}, 41),
                          ({"jsonrpc": "2.0", "id": {"a": 1}, "method": "shutdown"}, None),
                          ({"jsonrpc": "2.0", "id": 42, "method": 5}, 42), ({"jsonrpc": "2.0"}, None)]:
        server.send(frame(json.dumps(bad).encode()))
        assert_error(server.responses()[0], INVALID_REQUEST, reply_id)

    # Notifications whose parameters do not fit get no answer, and change nothing.
    server.send(frame(notification("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                                               "contentChanges": [{"range": {"start": {"line": -1, "character": 0},
                                                                                             "end": {"line": 0, "character": 0}},
                                                                                   "text": "x"}]})))
    server.send(frame(notification("textDocument/didOpen", {"textDocument": {"uri": uri}})))

    # The server still works: the citation is hovered, and a change is checked.
    offset = text.index("41-QĐ")
    server.send(frame(hover(50, uri, 2, offset - len(HEADER))))
    assert "41-QĐ/TW" in server.reply(50)["result"]["contents"]["value"]
    server.send(frame(notification("textDocument/didChange", {"textDocument": {"uri": uri, "version": 3},
                                                               "contentChanges": [{"text": text.replace("TƯ", "TW")}]})))
    deadline = time.monotonic() + 5
    while not any(m.get("method") == "textDocument/publishDiagnostics" and m["params"].get("version") == 3 for m in server.received):
        server.next_message(max(0.01, deadline - time.monotonic()))
    published = [m for m in server.received if m.get("method") == "textDocument/publishDiagnostics"]
    assert [d["code"] for d in published[-1]["params"]["diagnostics"]] == ["CL302"]
    assert published[0]["params"]["version"] == 1 and len(published) == 2  # the broken notifications were not applied

    # After shutdown, a request is refused, not left unanswered.
    server.send(frame(request(60, "shutdown")))
    assert server.reply(60)["result"] is None
    server.send(frame(hover(61, uri, 2, 5)))
    assert_error(server.reply(61), INVALID_REQUEST, 61)


# --- the debounce delay --------------------------------------------------------------------------


BAD_DEBOUNCE = ["inf", "nan", "-5", "1e309", "abc", "10001"]


@slow
@pytest.mark.parametrize("value", BAD_DEBOUNCE)
def test_a_debounce_delay_that_is_not_a_sane_number_is_refused_and_the_default_used(tmp_path: Path, value: str):
    s = RawServer(tmp_path, env={"CITELINT_LSP_DEBOUNCE_MS": value})
    try:
        s.initialize()
        text = HEADER + SENTENCE + "\n"
        uri = (tmp_path / "a.txt").as_uri()
        s.send(frame(notification("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "plaintext", "version": 1, "text": text}})))
        sent = None
        published: dict[int, float] = {}
        deadline = time.monotonic() + 5
        while 2 not in published:
            message = s.next_message(max(0.01, deadline - time.monotonic()))
            if message.get("method") != "textDocument/publishDiagnostics":
                continue
            published[message["params"]["version"]] = time.monotonic()
            if message["params"]["version"] == 1:
                sent = time.monotonic()
                s.send(frame(notification("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                                                     "contentChanges": [{"text": text + "\n"}]})))
        assert published[2] - sent >= 0.15 * 0.9  # the default delay, 150 ms
        assert s.said(f"CITELINT_LSP_DEBOUNCE_MS: not a number of milliseconds from 0 to 10000: {value!r}"), s.stderr
    finally:
        s.close()


@pytest.mark.parametrize("value", BAD_DEBOUNCE)
def test_a_debounce_option_that_is_not_a_sane_number_is_a_usage_error(value: str):
    p = run_citelint("server", f"--debounce-ms={value}", timeout=60)
    assert p.returncode == 2
    assert "--debounce-ms" in p.stderr and repr(value) in p.stderr and "0 to 10000" in p.stderr


# --- the reader, a few bytes at a time -----------------------------------------------------------


class Trickle(io.RawIOBase):
    """A stream that returns at most ``size`` bytes per read, as a pipe may."""

    def __init__(self, data: bytes, size: int) -> None:
        self.data, self.pos, self.size = data, 0, size

    def readable(self) -> bool:
        return True

    def read1(self, n: int = -1) -> bytes:
        out = self.data[self.pos : self.pos + min(n, self.size)]
        self.pos += len(out)
        return out


def read_all(data: bytes, size: int, limit: int = MAX_CONTENT_LENGTH) -> list:
    reader = FrameReader(Trickle(data, size), limit=limit)
    out = []
    while (item := reader.read()) is not None:
        out.append(item.value if isinstance(item, Message) else item.code)
    return out


@pytest.mark.parametrize("size", [1, 2, 3, 7, 64, 1 << 20])
def test_the_reader_finds_its_place_whatever_the_reads_return(size: int):
    ok = [hover(i) for i in range(4)]
    data = (frame(ok[0]) + b"\r\n" + BROKEN["too short"] + frame(ok[1]) + BROKEN["too long"] + frame(ok[2])
            + b"Content-Length: 400\r\n\r\n" + b"x" * 300 + frame(ok[3]) + BROKEN["no header"] + frame(ok[0]))
    assert read_all(data, size, limit=200) == [ok[0], PARSE_ERROR, ok[1], PARSE_ERROR, ok[2], INVALID_REQUEST, ok[3],
                                               PARSE_ERROR, ok[0]]


def test_the_reader_keeps_a_message_whose_body_holds_header_like_text():
    message = notification("textDocument/didOpen", {"text": "Content-Length: 5\r\n\r\nContent-Length: 12\n" * 50})
    assert read_all(frame(message) + frame(hover(1)), 5) == [message, hover(1)]


def test_the_reader_refuses_what_it_cannot_use():
    assert read_all(b"Content-Length: " + b"9" * 5000 + b"\r\n\r\n{}", 4096) == [INVALID_REQUEST]
    assert read_all(b"Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}" + frame(hover(1)), 10) == [PARSE_ERROR, hover(1)]
    assert read_all(frame(b"[" * 100_000 + b"]" * 100_000) + frame(hover(1)), 1 << 20) == [PARSE_ERROR, hover(1)]
    assert read_all(b"x" * 100_000 + frame(hover(1)), 1000) == [PARSE_ERROR, hover(1)]
    assert read_all(b"Content-Length: 10\r\n\r\n{}", 10) == []  # the input ends inside a body
