"""citelint's language server (LSP over stdio, pygls 2).

    citelint server            # or: python -m citelint.server

What an editor gets:

- diagnostics, published when a document is opened or saved and ~150 ms after the last change
  (``CITELINT_LSP_DEBOUNCE_MS`` or ``--debounce-ms`` sets the delay; a newer change cancels the
  run still waiting), cleared when it is closed;
- hover on a citation: the registry entry it resolves to (symbol, type, issuing body, date,
  title, status, what replaced it and from when, sources, verified), or why it does not
  resolve (with the candidates when several documents fit);
- code actions: each finding's fix (unsafe fixes labelled as such), "Disable CLxxx for this
  line" in Markdown and HTML (markdownlint's comment syntax, see :class:`citelint.check.suppress.Suppressions`),
  and "Fix all safe findings in this file" (``source.fixAll.citelint``).

Configuration is found as ``citelint check`` finds it: the nearest citelint.toml or
pyproject.toml with ``[tool.citelint]`` above each document, the registry it names (loaded once
and reloaded when one of its files changes), its rule selection, severities, per-file ignores,
exclusions and baseline.  A document outside any configured project is checked without a
registry: only the CL1xx rules run.

Positions: citelint counts Unicode code points; LSP counts UTF-16 code units unless the client
and server agree on UTF-8 or UTF-32 (pygls negotiates it).  This module keeps its own copy of
each open document and converts positions itself, with the LSP's notion of a line (``\\n``,
``\\r\\n`` or ``\\r``; pygls's workspace splits on U+2028 and the like as well, which would
misplace every incremental change after such a character).

Linting runs on one worker thread, never on the thread that reads messages; a failure while
linting one document is logged (window/logMessage) and leaves its previous diagnostics in
place.

Reading messages (:mod:`citelint.server.framing`): a message body may be up to 64 MiB
(``MAX_CONTENT_LENGTH``); a longer one is refused with a JSON-RPC error (-32600, id null) and
skipped in bounded chunks, never read into memory.  A wrong or missing ``Content-Length``, a body
that is not JSON, or bytes where a header should be get a parse error (-32700, id null), and the
server finds its place again at the next ``Content-Length:`` header.  Every request gets an
answer: a message that is not a JSON-RPC object gets -32600, a request whose parameters do not
fit its method (a negative line, ``"line": "a"``, no ``textDocument``) gets -32602, a request
after ``shutdown`` gets -32600; positions past the end of a line or of the document are taken
as that end.  Each refusal is also logged on standard error.
"""

from __future__ import annotations

import asyncio
import logging
import re
import sys
import threading
import traceback
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp
from pygls.io_ import StdoutWriter
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol, lsp_method
from pygls.uris import to_fs_path

from .. import __version__
from .framing import INVALID_REQUEST, FrameReader, Message
from .options import build_parser, debounce_from_env
from ..check.analyse import Article, analyse, lint_article, lint_text
from ..check.fixes import applicable, fix_text
from ..diagnostics import Diagnostic, FileReport, TextEdit
from ..text.files import TEXT_SUFFIXES
from .hover import hover_markdown
from .positions import TextIndex, apply_change
from .projects import Projects, Settings

log = logging.getLogger("citelint.server")

SOURCE = "citelint"
FIX_ALL_KIND = f"{lsp.CodeActionKind.SourceFixAll.value}.citelint"  # source.fixAll.citelint
_FIX_PASSES = 4  # as `check --fix`: a fix can reveal another
_MARKUP_BY_LANGUAGE = {"markdown": "markdown", "html": "html", "xhtml": "html", "plaintext": "text"}
_SUPPRESSIBLE_MARKUP = ("markdown", "html")
INVALID_PARAMS, INTERNAL_ERROR = -32602, -32603  # JSON-RPC's (framing.py has those for unreadable bytes)


# --- documents and lint results ------------------------------------------------------------------


@dataclass
class LintResult:
    generation: int
    text: str
    index: TextIndex
    markup: str
    path: str
    settings: Settings
    report: FileReport  # what is shown (baseline applied)
    all_diagnostics: tuple[Diagnostic, ...]  # before the baseline: what `check --fix` fixes
    lsp_diagnostics: list[lsp.Diagnostic]
    article: Article | None = None  # the analysis the report came from (None: excluded, not analysed)
    fix_all: list[TextEdit] | None = None  # computed on the first code-action request


@dataclass
class OpenDocument:
    uri: str
    path: str | None  # a file system path, or None (an untitled buffer)
    language_id: str
    version: int | None
    text: str
    generation: int = 0  # bumped on every change: a result for an older one is stale
    result: LintResult | None = None
    pending: asyncio.Task | None = None

    @property
    def markup(self) -> str:
        if self.path is not None and Path(self.path).suffix.lower() in TEXT_SUFFIXES:
            return TEXT_SUFFIXES[Path(self.path).suffix.lower()]
        return _MARKUP_BY_LANGUAGE.get(self.language_id, "text")

    @property
    def report_path(self) -> str:
        return self.path if self.path is not None else self.uri


def _uri_path(uri: str) -> str | None:
    if not uri.startswith("file:"):
        return None
    return to_fs_path(uri)


# --- the server --------------------------------------------------------------------------------


class CitelintProtocol(LanguageServerProtocol):
    """pygls's protocol, except that the server keeps the documents' text itself (see the
    module's documentation): the built-in didChange handler does not update pygls's workspace
    copy, so that a change pygls would misapply (or reject) cannot stop ours."""

    @lsp_method(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: lsp.DidChangeTextDocumentParams):
        if (user_handler := self.fm.features.get(lsp.TEXT_DOCUMENT_DID_CHANGE)) is not None:
            yield user_handler, (params,), None

    def send_error(self, msg_id: int | str | None, code: int, message: str) -> None:
        """A JSON-RPC error response (``msg_id`` None: ``"id": null``, which lsprotocol's
        ResponseErrorMessage would leave out)."""
        self._send_data({"jsonrpc": "2.0", "id": msg_id, "error": {"code": code, "message": message}})

    def receive(self, value: Any) -> None:
        """One JSON value read from the client: checked to be a JSON-RPC message, structured,
        handled.  pygls structures a message while parsing its JSON, so that a request whose
        parameters do not fit (a negative line, a missing field) is lost before its id is
        known; here it gets an error response."""
        if not isinstance(value, dict):
            self.refuse(None, INVALID_REQUEST, "a message must be a JSON object (the LSP has no batches)")
            return
        msg_id = value.get("id")
        id_ok = msg_id is None or (isinstance(msg_id, (int, str)) and not isinstance(msg_id, bool))
        reply_to = msg_id if id_ok else None
        method = value.get("method")
        is_request = "method" in value and "id" in value
        if value.get("jsonrpc") != "2.0" or not id_ok or ("method" in value and not isinstance(method, str)) or (
                "method" not in value and "id" not in value):
            if "method" in value or "id" not in value:
                self.refuse(reply_to, INVALID_REQUEST, "not a JSON-RPC 2.0 request or notification")
            else:
                log.warning("ignored a response that is not JSON-RPC 2.0 (id %r)", msg_id)
            return
        if is_request and self._shutdown and method != lsp.EXIT:
            self.refuse(msg_id, INVALID_REQUEST, f"{method}: the server is shutting down")
            return
        try:
            message = self.structure_message(value)
        except Exception as e:  # noqa: BLE001 - what pygls raises for parameters that do not fit
            problem = "; ".join(_structure_problems(e))
            if is_request:
                self.refuse(msg_id, INVALID_PARAMS, f"invalid params for {method}: {problem}")
            else:
                log.warning("ignored %s: invalid params: %s", method or f"the response to {msg_id!r}", problem)
            return
        try:
            self.handle_message(message)
        except Exception as e:  # noqa: BLE001 - pygls answers a handler's failure itself; this is a last resort
            log.exception("cannot handle %s", method or f"the response to {msg_id!r}")
            if is_request:
                self.send_error(msg_id, INTERNAL_ERROR, f"{method}: {e}")

    def refuse(self, msg_id: int | str | None, code: int, reason: str) -> None:
        """Answer a message the server cannot take with an error, and say so on standard error."""
        log.warning("refused a message: %s", reason)
        self.send_error(msg_id, code, reason)


def _structure_problems(error: BaseException) -> list[str]:
    """What did not fit, from the exception pygls raises when it cannot structure a message
    (cattrs's, as its cause): each failure with the attribute it was in, as
    ``params.position.line: invalid literal for int()...``."""
    out: list[str] = []

    def walk(e: BaseException, path: str) -> None:
        if isinstance(e, BaseExceptionGroup):
            for sub in e.exceptions:
                notes = [n for n in getattr(sub, "__notes__", ()) if " @ attribute " in n]
                name = notes[0].rsplit(" ", 1)[-1] if notes else ""
                walk(sub, ".".join(p for p in (path, name) if p))
        else:
            what = "missing" if isinstance(e, KeyError) else str(e)
            out.append(f"{path}: {what}" if path else what)

    walk(error.__cause__ or error, "")
    return out


class CitelintServer(LanguageServer):
    def __init__(self, *, debounce: float | None = None) -> None:
        super().__init__("citelint", __version__, protocol_cls=CitelintProtocol,
                         text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental)
        self.debounce = debounce_from_env() if debounce is None else debounce
        self.documents: dict[str, OpenDocument] = {}
        self.projects = Projects()
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="citelint-lint")

    # -- reading messages --------------------------------------------------------------------

    def start_io(self, stdin=None, stdout=None) -> None:
        """Serve over standard input and output, as pygls's ``start_io`` does, but reading the
        messages with :class:`~citelint.server.framing.FrameReader`: pygls's reader trusts the
        Content-Length (reading a body of any size at once, or waiting for ever for bytes that
        belong to the next message) and answers nothing it cannot parse."""
        self._stop_event = threading.Event()  # what pygls's shutdown() sets
        self.protocol.set_writer(StdoutWriter(stdout or sys.stdout.buffer))
        reader = FrameReader(stdin or sys.stdin.buffer)
        try:
            asyncio.run(self._serve(reader))
        except BrokenPipeError:
            log.error("the connection to the client is lost; stopping")
        except (KeyboardInterrupt, SystemExit):
            pass
        finally:
            self.shutdown()

    async def _serve(self, reader: FrameReader) -> None:
        loop = asyncio.get_running_loop()
        protocol: CitelintProtocol = self.protocol  # type: ignore[assignment]
        while not self._stop_event.is_set():
            try:
                item = await loop.run_in_executor(self.thread_pool, reader.read)
            except OSError as e:
                log.error("cannot read standard input (%s); stopping", e)
                break
            if item is None:  # the client closed our standard input
                break
            if isinstance(item, Message):
                protocol.receive(item.value)
            else:
                protocol.refuse(None, item.code, item.reason)

    # -- helpers ------------------------------------------------------------------------------

    @property
    def encoding(self) -> str:
        try:
            return self.workspace.position_encoding or lsp.PositionEncodingKind.Utf16
        except RuntimeError:  # before initialize
            return lsp.PositionEncodingKind.Utf16

    def log(self, kind: lsp.MessageType, message: str) -> None:
        log.log({lsp.MessageType.Error: logging.ERROR, lsp.MessageType.Warning: logging.WARNING}.get(kind, logging.INFO), message)
        try:
            self.window_log_message(lsp.LogMessageParams(type=kind, message=message))
        except Exception:
            log.debug("cannot send window/logMessage", exc_info=True)

    def _flush_messages(self) -> None:
        messages, self.projects.messages = self.projects.messages, []
        for kind, message in messages:
            self.log(kind, message)
            if kind == lsp.MessageType.Error:
                try:
                    self.window_show_message(lsp.ShowMessageParams(type=kind, message=message.split("\n", 1)[0]))
                except Exception:
                    log.debug("cannot send window/showMessage", exc_info=True)

    def publish(self, uri: str, diagnostics: list[lsp.Diagnostic], version: int | None) -> None:
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version))

    # -- linting (on the worker thread) --------------------------------------------------------

    def lint(self, doc: OpenDocument, generation: int, text: str, encoding: str) -> LintResult:
        path = doc.report_path
        settings = self.projects.settings_for(doc.path)
        markup = doc.markup
        index = TextIndex(text, encoding)
        if settings.excluded:
            report = FileReport(path=path, diagnostics=(), source=text)
            return LintResult(generation, text, index, markup, path, settings, report, (), [])
        article = analyse(text, path=path, markup=markup, options=settings.options)
        report = lint_article(article, settings.config)
        all_diagnostics = report.diagnostics
        if settings.baseline is not None:
            report = settings.baseline.filter(report)
        return LintResult(generation, text, index, markup, path, settings, report, all_diagnostics,
                          [to_lsp_diagnostic(d, index) for d in report.diagnostics], article)

    async def _in_worker(self, fn, *args):
        return await asyncio.get_running_loop().run_in_executor(self.executor, fn, *args)

    def schedule(self, doc: OpenDocument, delay: float) -> None:
        """Lint ``doc`` after ``delay`` seconds, unless it changes again before: the run still
        waiting is cancelled."""
        if doc.pending is not None and not doc.pending.done():
            doc.pending.cancel()
        doc.pending = asyncio.get_running_loop().create_task(self._lint_later(doc, doc.generation, delay))

    async def _lint_later(self, doc: OpenDocument, generation: int, delay: float) -> None:
        if delay > 0:
            await asyncio.sleep(delay)
        if self.documents.get(doc.uri) is not doc or doc.generation != generation:
            return
        result = await self.current_result(doc, reuse=True)  # a request may have checked this text already
        if result is None or self.documents.get(doc.uri) is not doc or doc.generation != generation:
            return  # closed or changed meanwhile: the newer run publishes
        self.publish(doc.uri, result.lsp_diagnostics, doc.version)

    async def current_result(self, doc: OpenDocument, *, reuse: bool = False) -> LintResult | None:
        """The lint result for the document's current text (``reuse``: the cached one if it is
        for that text); None when linting failed (logged)."""
        generation, text = doc.generation, doc.text
        if reuse and doc.result is not None and doc.result.generation == generation:
            return doc.result
        try:
            result = await self._in_worker(self.lint, doc, generation, text, self.encoding)
        except asyncio.CancelledError:
            raise
        except Exception as e:  # noqa: BLE001 - one document's failure must not stop the server
            detail = "".join(traceback.format_exception(e))
            self.log(lsp.MessageType.Error, f"citelint: internal error while checking {doc.uri}; "
                     f"its previous diagnostics are kept:\n{detail}")
            return None
        finally:
            self._flush_messages()
        if doc.generation == generation:
            doc.result = result
        return result


def _resolutions(article: Article) -> list:
    """How each citation resolved; without a registry, each says so."""
    from ..resolve import Resolved

    if article.registry is None:
        return [Resolved(c, "no-registry") for c in article.citations]
    return article.resolved


def to_lsp_diagnostic(d: Diagnostic, index: TextIndex) -> lsp.Diagnostic:
    data: dict[str, Any] = {"name": d.name}
    if d.fix is not None:
        data["fix"] = d.fix.applicability
    return lsp.Diagnostic(
        range=index.range(d.start, d.end),
        message=d.message,
        severity=lsp.DiagnosticSeverity.Error if d.severity == "error" else lsp.DiagnosticSeverity.Warning,
        code=d.code,
        source=SOURCE,
        data=data,
    )


# --- code actions -------------------------------------------------------------------------------

_DISABLE_LINE = re.compile(r"^([ \t]*)<!--\s*citelint-disable-next-line\b([^>]*?)-->[ \t]*$")


def _line_bounds(text: str, offset: int) -> tuple[int, int, str]:
    """citelint's line (the one Suppressions counts: lines end at \\n) containing ``offset``:
    its start, the end of its content, and its line ending."""
    start = text.rfind("\n", 0, offset) + 1
    nl = text.find("\n", offset)
    if nl < 0:
        return start, len(text), ""
    if nl > start and text[nl - 1] == "\r":
        return start, nl - 1, "\r\n"
    return start, nl, "\n"


def disable_edit(text: str, offset: int, code: str) -> TextEdit:
    """The edit that disables ``code`` on the line of ``offset``: a
    ``<!-- citelint-disable-next-line CODE -->`` line above it with its indentation, or the
    code added to such a comment already there."""
    start, end, eol = _line_bounds(text, offset)
    if start > 0:
        p_start, p_end, _ = _line_bounds(text, start - 1)
        m = _DISABLE_LINE.match(text[p_start:p_end])
        if m and m.group(2).strip():  # codes listed: add this one
            codes = m.group(2).split()
            if code not in codes:
                codes.append(code)
            return TextEdit(start=p_start, end=p_end,
                            replacement=f"{m.group(1)}<!-- citelint-disable-next-line {' '.join(codes)} -->")
    line = text[start:end]
    indent = line[: len(line) - len(line.lstrip(" \t"))]
    return TextEdit(start=start, end=start, replacement=f"{indent}<!-- citelint-disable-next-line {code} -->{eol or chr(10)}")


def fix_all_edits(result: LintResult) -> list[TextEdit]:
    """The safe fixes for the whole text, as `check --fix` applies them (every finding, the
    baseline notwithstanding; repeated while a fix reveals another)."""
    text = result.text
    new_text, chosen = fix_text(text, list(result.all_diagnostics))
    if not chosen:
        return []
    edits = [e for d in chosen for e in d.fix.edits]
    settings = result.settings
    for _ in range(_FIX_PASSES - 1):
        report = lint_text(new_text, path=result.path, markup=result.markup, options=settings.options)
        newer, more = fix_text(new_text, list(report.diagnostics))
        if not more:
            break
        new_text, edits = newer, None  # type: ignore[assignment]
    if edits is not None:
        return sorted(edits, key=lambda e: (e.start, e.end))
    # Several passes: one edit over the span that changed.
    prefix = 0
    limit = min(len(text), len(new_text))
    while prefix < limit and text[prefix] == new_text[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and text[-1 - suffix] == new_text[-1 - suffix]:
        suffix += 1
    return [TextEdit(start=prefix, end=len(text) - suffix, replacement=new_text[prefix : len(new_text) - suffix])]


def _kind_wanted(kind: str, only: Iterable[str] | None) -> bool:
    if not only:
        return True
    return any(kind == o or kind.startswith(o + ".") for o in only)


# --- wiring ---------------------------------------------------------------------------------------


#: The files whose change may change every open document's findings: registries (YAML, JSON),
#: configuration, baselines.
WATCHED_GLOBS = ("**/*.yaml", "**/*.yml", "**/citelint.toml", "**/pyproject.toml", "**/*baseline*.json")


def _is_settings_file(path: str | None) -> bool:
    if path is None:
        return False
    name = Path(path).name
    return name.endswith((".yaml", ".yml")) or name in ("citelint.toml", "pyproject.toml") or (
        name.endswith(".json") and "baseline" in name)


def create_server(*, debounce: float | None = None) -> CitelintServer:
    server = CitelintServer(debounce=debounce)

    def workspace_edit(uri: str, version: int | None, index: TextIndex, edits: Iterable[TextEdit]) -> lsp.WorkspaceEdit:
        text_edits = [lsp.TextEdit(range=index.range(e.start, e.end), new_text=e.replacement) for e in edits]
        caps = server.client_capabilities
        document_changes = bool(caps and caps.workspace and caps.workspace.workspace_edit
                                and caps.workspace.workspace_edit.document_changes)
        if document_changes:
            return lsp.WorkspaceEdit(document_changes=[lsp.TextDocumentEdit(
                text_document=lsp.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version),
                edits=text_edits)])
        return lsp.WorkspaceEdit(changes={uri: text_edits})

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: CitelintServer, params: lsp.DidOpenTextDocumentParams) -> None:
        item = params.text_document
        old = ls.documents.get(item.uri)
        if old is not None and old.pending is not None:
            old.pending.cancel()
        doc = OpenDocument(item.uri, _uri_path(item.uri), item.language_id, item.version, item.text)
        if old is not None:
            doc.generation = old.generation + 1
        ls.documents[item.uri] = doc
        ls.schedule(doc, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: CitelintServer, params: lsp.DidChangeTextDocumentParams) -> None:
        doc = ls.documents.get(params.text_document.uri)
        if doc is None:
            ls.log(lsp.MessageType.Warning, f"citelint: didChange for a document that is not open: {params.text_document.uri}")
            return
        text = doc.text
        try:
            for change in params.content_changes:
                text = apply_change(text, change, ls.encoding)
        except Exception as e:  # noqa: BLE001
            ls.log(lsp.MessageType.Error, f"citelint: cannot apply a change to {doc.uri}: {e}")
            return
        doc.text = text
        doc.version = params.text_document.version
        doc.generation += 1
        ls.schedule(doc, ls.debounce)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE, lsp.SaveOptions(include_text=False))
    def did_save(ls: CitelintServer, params: lsp.DidSaveTextDocumentParams) -> None:
        doc = ls.documents.get(params.text_document.uri)
        if doc is None:
            return
        if params.text is not None and params.text != doc.text:
            doc.text = params.text
        doc.generation += 1  # the configuration or the registry may have changed too
        ls.schedule(doc, 0)

    @server.feature(lsp.INITIALIZED)
    async def initialized(ls: CitelintServer, params: lsp.InitializedParams) -> None:
        # ask the editor to say when a registry or configuration file changes on disk (an edit
        # in another buffer, a git checkout): the open articles are then checked again
        caps = ls.client_capabilities
        watched = caps and caps.workspace and caps.workspace.did_change_watched_files
        if not (watched and watched.dynamic_registration):
            return
        watchers = [lsp.FileSystemWatcher(glob_pattern=g) for g in WATCHED_GLOBS]
        try:
            await ls.client_register_capability_async(lsp.RegistrationParams(registrations=[lsp.Registration(
                id="citelint-registry-watch", method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=lsp.DidChangeWatchedFilesRegistrationOptions(watchers=watchers))]))
        except Exception as e:  # noqa: BLE001 - without it, saving an article still reloads
            ls.log(lsp.MessageType.Warning, f"citelint: cannot watch the registry files: {e}")

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(ls: CitelintServer, params: lsp.DidChangeWatchedFilesParams) -> None:
        if not any(_is_settings_file(_uri_path(c.uri)) for c in params.changes):
            return
        for doc in list(ls.documents.values()):  # the registry or configuration changed: check again
            doc.generation += 1
            ls.schedule(doc, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: CitelintServer, params: lsp.DidCloseTextDocumentParams) -> None:
        doc = ls.documents.pop(params.text_document.uri, None)
        if doc is not None and doc.pending is not None:
            doc.pending.cancel()
        ls.publish(params.text_document.uri, [], None)

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    async def hover(ls: CitelintServer, params: lsp.HoverParams) -> lsp.Hover | None:
        doc = ls.documents.get(params.text_document.uri)
        if doc is None:
            return None
        try:
            result = await ls.current_result(doc, reuse=True)
            if result is None:
                return None
            if result.article is None:  # an excluded file: analysed only when hovered
                result.article = await ls._in_worker(
                    lambda: analyse(result.text, path=result.path, markup=result.markup, options=result.settings.options))
            offset = result.index.offset(params.position)
            hits = [r for r in _resolutions(result.article) if r.citation.start <= offset < r.citation.end]
            if not hits:
                return None
            hit = min(hits, key=lambda r: r.citation.end - r.citation.start)
            value = hover_markdown(hit, result.settings.registry)
        except asyncio.CancelledError:
            raise
        except Exception as e:  # noqa: BLE001
            ls.log(lsp.MessageType.Error, "citelint: hover failed:\n" + "".join(traceback.format_exception(e)))
            return None
        return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=value),
                         range=result.index.range(hit.citation.start, hit.citation.end))

    @server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION,
        lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix, FIX_ALL_KIND], resolve_provider=False),
    )
    async def code_action(ls: CitelintServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
        doc = ls.documents.get(params.text_document.uri)
        if doc is None:
            return None
        try:
            result = await ls.current_result(doc, reuse=True)
            if result is None or result.generation != doc.generation:
                return None  # changed meanwhile: the positions asked about are for another text
            return await ls._in_worker(_code_actions, result, doc, params, workspace_edit)
        except asyncio.CancelledError:
            raise
        except Exception as e:  # noqa: BLE001
            ls.log(lsp.MessageType.Error, "citelint: code actions failed:\n" + "".join(traceback.format_exception(e)))
            return None

    @server.feature(lsp.SHUTDOWN)
    def shutdown(ls: CitelintServer, *args) -> None:
        for doc in ls.documents.values():
            if doc.pending is not None:
                doc.pending.cancel()
        ls.executor.shutdown(wait=False, cancel_futures=True)

    return server


def _code_actions(result: LintResult, doc: OpenDocument, params: lsp.CodeActionParams, workspace_edit) -> list[lsp.CodeAction]:
    index = result.index
    lo, hi = sorted((index.offset(params.range.start), index.offset(params.range.end)))  # an end before the start: the same span
    only = params.context.only
    uri, version = doc.uri, doc.version
    actions: list[lsp.CodeAction] = []
    here = [(d, ld) for d, ld in zip(result.report.diagnostics, result.lsp_diagnostics) if d.start <= hi and lo <= d.end]

    if _kind_wanted(lsp.CodeActionKind.QuickFix, only):
        for d, ld in here:
            if d.fix is None or not d.fix.edits:
                continue
            unsafe = d.fix.applicability == "unsafe"
            title = f"{d.fix.message[:1].upper()}{d.fix.message[1:]} ({d.code})" + (" — unsafe fix: check the result" if unsafe else "")
            actions.append(lsp.CodeAction(
                title=title, kind=lsp.CodeActionKind.QuickFix, diagnostics=[ld], is_preferred=not unsafe,
                edit=workspace_edit(uri, version, index, d.fix.edits)))
        if result.markup in _SUPPRESSIBLE_MARKUP:
            seen: set[tuple[str, int]] = set()
            for d, ld in here:
                line = d.line
                if (d.code, line) in seen:
                    continue
                seen.add((d.code, line))
                edit = disable_edit(result.text, d.start, d.code)
                actions.append(lsp.CodeAction(
                    title=f"Disable {d.code} for this line", kind=lsp.CodeActionKind.QuickFix,
                    diagnostics=[x for y, x in here if y.code == d.code and y.line == line],
                    edit=workspace_edit(uri, version, index, [edit])))

    if _kind_wanted(FIX_ALL_KIND, only):
        if result.fix_all is None:
            result.fix_all = fix_all_edits(result) if applicable(list(result.all_diagnostics)) else []
        edits = result.fix_all
        if edits:
            actions.append(lsp.CodeAction(
                title="Fix all safe findings in this file (citelint)", kind=FIX_ALL_KIND,
                edit=workspace_edit(uri, version, index, edits)))
    return actions


def main(argv: list[str] | None = None) -> int:
    ap = build_parser()
    args = ap.parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), stream=sys.stderr, format="citelint-server %(levelname)s %(name)s: %(message)s")
    server = create_server(debounce=None if args.debounce_ms is None else args.debounce_ms / 1000)
    server.start_io()
    return 0
