"""The language server, driven over stdio by a real LSP client (pytest-lsp).

One server process serves most tests (module scope); each test opens its own documents.  The
articles live in a temporary project whose citelint.toml names the test registry, so that the
server finds its configuration the way `citelint check` does.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import sys
import time
from pathlib import Path

import pytest

pytest_lsp = pytest.importorskip("pytest_lsp")
pytest_asyncio = pytest.importorskip("pytest_asyncio")

from lsprotocol import types as lsp
from pygls.protocol import default_converter
from pygls.uris import from_fs_path
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

from conftest import FIXTURE_REGISTRY, SEED_004, write_config

DEBOUNCE_MS = 150

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.slow]  # the real server over stdio

HEADER = "Thứ Sáu, 19/11/2021, 10:43\n\n"
SENTENCE = "Quy định số 41-QĐ/TƯ ngày 3/11/2021 của Ban Bí thư."
CITATION = "Quy định số 41-QĐ/TƯ ngày 3/11/2021 của Ban Bí thư"


# --- a client that records every publishDiagnostics ---------------------------------------------


class Client(LanguageClient):
    published: dict[str, list[lsp.PublishDiagnosticsParams]]
    registrations: list[lsp.Registration]


def make_client() -> Client:
    client = Client(converter_factory=default_converter)
    client.published = {}
    client.registrations = []

    def publish(client: Client, params: lsp.PublishDiagnosticsParams) -> None:
        client.diagnostics[params.uri] = params.diagnostics
        client.published.setdefault(params.uri, []).append(params)

    def register(client: Client, params: lsp.RegistrationParams) -> None:
        client.registrations.extend(params.registrations)

    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES, lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: publish,
                                   lsp.CLIENT_REGISTER_CAPABILITY: register})
    return client


async def start(tmp: Path, capabilities: lsp.ClientCapabilities, env: dict | None = None) -> Client:
    config = ClientServerConfig(
        server_command=[sys.executable, "-m", "citelint.server"],
        client_factory=make_client,
        server_env={**os.environ, "CITELINT_CACHE_DIR": str(tmp / ".cache"),
                    "CITELINT_LSP_DEBOUNCE_MS": str(DEBOUNCE_MS), **(env or {})},
    )
    client = await config.start()
    client.init_result = await client.initialize_session(lsp.InitializeParams(
        capabilities=capabilities, root_uri=from_fs_path(str(tmp)), workspace_folders=[
            lsp.WorkspaceFolder(uri=from_fs_path(str(tmp)), name="articles")]))
    return client


async def stop(client: Client) -> None:
    await client.shutdown_session()
    await client.stop()


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("articles")
    write_config(tmp, FIXTURE_REGISTRY)
    return tmp


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def client(project: Path):
    c = await start(project, client_capabilities("visual-studio-code"))
    yield c
    await stop(c)


# --- helpers -------------------------------------------------------------------------------------


def lsp_lines(text: str) -> list[str]:
    """The text's lines as the LSP counts them (\\n, \\r\\n, \\r), without their breaks."""
    return re.split(r"\r\n|\r|\n", text)


def offset_at(text: str, pos: lsp.Position, encoding: str = "utf-16") -> int:
    """Independent of the server's code: slice the line in the client's encoding."""
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    line = lsp_lines(text)[pos.line]
    width = {"utf-16": 2, "utf-8": 1, "utf-32": 4}[encoding]
    codec = {"utf-16": "utf-16-le", "utf-8": "utf-8", "utf-32": "utf-32-le"}[encoding]
    prefix = line.encode(codec)[: pos.character * width].decode(codec)
    return starts[pos.line] + len(prefix)


def position_at(text: str, offset: int, encoding: str = "utf-16") -> lsp.Position:
    before = text[:offset]
    line = len(re.findall(r"\r\n|\r|\n", before))
    start = ([0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", before)])[-1]
    codec, width = {"utf-16": ("utf-16-le", 2), "utf-8": ("utf-8", 1), "utf-32": ("utf-32-le", 4)}[encoding]
    return lsp.Position(line=line, character=len(text[start:offset].encode(codec)) // width)


def range_text(text: str, rng: lsp.Range, encoding: str = "utf-16") -> str:
    return text[offset_at(text, rng.start, encoding) : offset_at(text, rng.end, encoding)]


def apply_edits(text: str, edits: list[lsp.TextEdit], encoding: str = "utf-16") -> str:
    spans = sorted(((offset_at(text, e.range.start, encoding), offset_at(text, e.range.end, encoding), e.new_text) for e in edits),
                   reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def edits_of(action: lsp.CodeAction, uri: str) -> list[lsp.TextEdit]:
    edit = action.edit
    assert edit is not None
    if edit.document_changes:
        out = []
        for change in edit.document_changes:
            assert change.text_document.uri == uri
            out.extend(change.edits)
        return out
    return list(edit.changes[uri])


def write(project: Path, name: str, text: str) -> tuple[str, Path]:
    path = project / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return from_fs_path(str(path)), path


def open_doc(client: Client, uri: str, text: str, language: str = "plaintext", version: int = 1) -> None:
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        text_document=lsp.TextDocumentItem(uri=uri, language_id=language, version=version, text=text)))


def change_doc(client: Client, uri: str, version: int, text: str, rng: lsp.Range | None = None) -> None:
    change = lsp.TextDocumentContentChangeWholeDocument(text=text) if rng is None else \
        lsp.TextDocumentContentChangePartial(range=rng, text=text)
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version), content_changes=[change]))


async def diagnostics_for(client: Client, uri: str, version: int | None = None, timeout: float = 5.0) -> lsp.PublishDiagnosticsParams:
    """The first publication for ``uri`` at ``version`` (any version if None)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for p in client.published.get(uri, []):
            if version is None or p.version == version:
                return p
        await asyncio.sleep(0.005)
    raise AssertionError(f"no diagnostics for {uri} at version {version}: {client.published.get(uri)}")


def by_code(params: lsp.PublishDiagnosticsParams) -> dict[str, list[lsp.Diagnostic]]:
    out: dict[str, list[lsp.Diagnostic]] = {}
    for d in params.diagnostics:
        out.setdefault(d.code, []).append(d)
    return out


async def code_actions(client: Client, uri: str, rng: lsp.Range, only: list[str] | None = None) -> list[lsp.CodeAction]:
    result = await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), range=rng,
        context=lsp.CodeActionContext(diagnostics=[], only=only)))
    return [a for a in result or [] if isinstance(a, lsp.CodeAction)]


async def hover_at(client: Client, uri: str, pos: lsp.Position) -> lsp.Hover | None:
    return await client.text_document_hover_async(lsp.HoverParams(text_document=lsp.TextDocumentIdentifier(uri=uri), position=pos))


# --- tests ---------------------------------------------------------------------------------------


async def test_initialize(client: Client):
    caps = client.init_result.capabilities
    assert client.init_result.server_info.name == "citelint"
    assert caps.hover_provider
    assert set(caps.code_action_provider.code_action_kinds) == {"quickfix", "source.fixAll.citelint"}
    assert caps.text_document_sync.change == lsp.TextDocumentSyncKind.Incremental
    assert caps.text_document_sync.open_close and caps.text_document_sync.save
    assert caps.notebook_document_sync is None
    assert caps.position_encoding in (None, lsp.PositionEncodingKind.Utf16)


async def test_diagnostics_hover_quick_fix_and_change(client: Client, project: Path):
    text = HEADER + SENTENCE + "\n"
    uri, _ = write(project, "article.txt", text)
    open_doc(client, uri, text)
    published = await diagnostics_for(client, uri, 1)
    codes = by_code(published)
    assert sorted(codes) == ["CL107", "CL302"]
    (cl107,), (cl302,) = codes["CL107"], codes["CL302"]
    assert range_text(text, cl107.range) == "TƯ"
    assert cl107.range == lsp.Range(start=lsp.Position(2, 18), end=lsp.Position(2, 20))
    assert cl107.severity == lsp.DiagnosticSeverity.Warning and cl107.source == "citelint"
    assert range_text(text, cl302.range) == CITATION
    assert cl302.severity == lsp.DiagnosticSeverity.Error
    assert "Bộ Chính trị" in cl302.message

    # Hover anywhere inside the citation: the registry entry and what replaced it.
    start = text.index(CITATION)
    for offset in (start, start + 14, start + len(CITATION) - 1):
        hover = await hover_at(client, uri, position_at(text, offset))
        assert hover is not None, offset
        value = hover.contents.value
        for expected in ("41-QĐ/TW", "Bộ Chính trị", "377-QĐ/TW", "2025-10-08", "Verified"):
            assert expected in value, (expected, value)
        assert range_text(text, hover.range) == CITATION
    assert await hover_at(client, uri, lsp.Position(0, 3)) is None  # the header line

    # Quick fixes on the CL107 range: the safe one first-class, the unsafe one labelled.
    actions = await code_actions(client, uri, cl107.range)
    fixes = [a for a in actions if a.kind == lsp.CodeActionKind.QuickFix and "TW" in a.title]
    assert len(fixes) == 1 and fixes[0].is_preferred
    assert [d.code for d in fixes[0].diagnostics] == ["CL107"]
    unsafe = [a for a in actions if "unsafe" in a.title]
    assert len(unsafe) == 1 and "CL302" in unsafe[0].title and not unsafe[0].is_preferred
    assert not any(a.title.startswith("Disable") for a in actions)  # plain text: no comment syntax
    edits = edits_of(fixes[0], uri)
    fixed = apply_edits(text, edits)
    assert "41-QĐ/TW" in fixed and "TƯ" not in fixed

    # Send the edit as an incremental change; after the debounce, CL107 is gone.
    sent = time.monotonic()
    change_doc(client, uri, 2, edits[0].new_text, edits[0].range)
    published = await diagnostics_for(client, uri, 2)
    elapsed = time.monotonic() - sent
    assert sorted(by_code(published)) == ["CL302"]
    assert range_text(fixed, by_code(published)["CL302"][0].range) == CITATION.replace("TƯ", "TW")
    assert elapsed >= DEBOUNCE_MS / 1000 * 0.9, elapsed

    # Closing clears the diagnostics.
    client.text_document_did_close(lsp.DidCloseTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=uri)))
    deadline = time.monotonic() + 5
    while client.published[uri][-1].diagnostics and time.monotonic() < deadline:
        await asyncio.sleep(0.005)
    assert not client.published[uri][-1].diagnostics


async def test_debounce_cancels_pending_runs(client: Client, project: Path):
    text = HEADER + SENTENCE + "\n"
    uri, _ = write(project, "typing.txt", text)
    open_doc(client, uri, text)
    await diagnostics_for(client, uri, 1)
    # Type five characters, 10 ms apart: only the last version is checked.
    for i in range(5):
        change_doc(client, uri, 2 + i, "x", lsp.Range(start=lsp.Position(3, i), end=lsp.Position(3, i)))
        await asyncio.sleep(0.01)
    await diagnostics_for(client, uri, 6)
    await asyncio.sleep(DEBOUNCE_MS / 1000 + 0.1)
    assert [p.version for p in client.published[uri]] == [1, 6]
    client.text_document_did_close(lsp.DidCloseTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=uri)))


async def test_disable_line_in_markdown(client: Client, project: Path):
    text = "---\ndate: 2021-11-19\n---\n\n# Tin\n\n  - Theo " + SENTENCE + "\n"
    uri, _ = write(project, "notes/tin.md", text)
    open_doc(client, uri, text, "markdown")
    codes = by_code(await diagnostics_for(client, uri, 1))
    assert sorted(codes) == ["CL107", "CL302"]
    actions = await code_actions(client, uri, codes["CL107"][0].range)
    disable = [a for a in actions if a.title == "Disable CL107 for this line"]
    assert len(disable) == 1
    text2 = apply_edits(text, edits_of(disable[0], uri))
    assert "\n  <!-- citelint-disable-next-line CL107 -->\n  - Theo Quy định" in text2
    change_doc(client, uri, 2, text2)
    codes = by_code(await diagnostics_for(client, uri, 2))
    assert sorted(codes) == ["CL302"]

    # Disabling a second rule on that line adds it to the comment already there.
    actions = await code_actions(client, uri, codes["CL302"][0].range)
    disable = [a for a in actions if a.title == "Disable CL302 for this line"]
    text3 = apply_edits(text2, edits_of(disable[0], uri))
    assert "\n  <!-- citelint-disable-next-line CL107 CL302 -->\n  - Theo" in text3
    change_doc(client, uri, 3, text3)
    assert not (await diagnostics_for(client, uri, 3)).diagnostics


async def test_fix_all(client: Client, project: Path):
    text = SEED_004.read_text(encoding="utf-8")
    uri, _ = write(project, "seed_004.txt", text)
    open_doc(client, uri, text)
    codes = by_code(await diagnostics_for(client, uri, 1))
    assert len(codes["CL107"]) == 5
    end = position_at(text, len(text))
    actions = await code_actions(client, uri, lsp.Range(start=lsp.Position(0, 0), end=end), only=["source.fixAll"])
    assert [a.kind for a in actions] == ["source.fixAll.citelint"]
    fixed = apply_edits(text, edits_of(actions[0], uri))
    assert "/TƯ" not in fixed and fixed.count("/TW") == text.count("/TƯ") + text.count("/TW")
    assert fixed.replace("/TW", "/TƯ") == text.replace("/TW", "/TƯ")  # nothing else changed
    change_doc(client, uri, 2, fixed)
    codes = by_code(await diagnostics_for(client, uri, 2))
    assert "CL107" not in codes
    # Nothing safe left to fix: no fix-all action.
    assert await code_actions(client, uri, lsp.Range(start=lsp.Position(0, 0), end=end), only=["source.fixAll"]) == []


async def test_non_bmp_character_before_citation(client: Client, project: Path):
    text = HEADER + "😀🇻🇳 Theo " + SENTENCE + "\n"
    uri, _ = write(project, "emoji.md", text)
    open_doc(client, uri, text, "markdown")
    codes = by_code(await diagnostics_for(client, uri, 1))
    cl107 = codes["CL107"][0]
    # 3 astral characters before it: UTF-16 columns are 3 more than code points.
    assert cl107.range.start.character == text.split("\n")[2].index("TƯ") + 3
    assert range_text(text, cl107.range) == "TƯ"
    assert range_text(text, codes["CL302"][0].range) == CITATION
    hover = await hover_at(client, uri, cl107.range.start)
    assert hover is not None and "Bộ Chính trị" in hover.contents.value
    assert range_text(text, hover.range) == CITATION
    actions = await code_actions(client, uri, cl107.range)
    fix = next(a for a in actions if a.is_preferred)
    assert apply_edits(text, edits_of(fix, uri)) == text.replace("TƯ", "TW")
    # An incremental change after the emoji, in UTF-16 units: "Theo" → "Căn cứ".
    theo = text.index("Theo")
    change_doc(client, uri, 2, "Căn cứ", lsp.Range(start=position_at(text, theo), end=position_at(text, theo + 4)))
    text2 = text.replace("Theo", "Căn cứ")
    codes = by_code(await diagnostics_for(client, uri, 2))
    assert range_text(text2, codes["CL107"][0].range) == "TƯ"
    assert range_text(text2, codes["CL302"][0].range) == CITATION


async def test_line_separator_is_not_a_line_break(client: Client, project: Path):
    # U+2028 is not an LSP line break (pygls's own document copy would split on it).
    text = HEADER + "Mở đầu\u2028tiếp theo.\n" + SENTENCE + "\n"
    uri, _ = write(project, "separator.txt", text)
    open_doc(client, uri, text)
    await diagnostics_for(client, uri, 1)
    dot = text.index("Ban Bí thư.") + len("Ban Bí thư")
    change_doc(client, uri, 2, " Trung ương", lsp.Range(start=position_at(text, dot), end=position_at(text, dot)))
    text2 = text[:dot] + " Trung ương" + text[dot:]
    codes = by_code(await diagnostics_for(client, uri, 2))
    assert range_text(text2, codes["CL107"][0].range) == "TƯ"
    assert range_text(text2, codes["CL302"][0].range) == CITATION + " Trung ương"


async def test_outside_any_project_the_built_in_registry_checks(client: Client, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    text = HEADER + SENTENCE + "\n"
    uri, _ = write(elsewhere, "loose.txt", text)
    open_doc(client, uri, text)
    codes = by_code(await diagnostics_for(client, uri, 1))
    assert sorted(codes) == ["CL107", "CL302"]  # the built-in registry knows 41-QĐ/TW's issuer
    hover = await hover_at(client, uri, codes["CL302"][0].range.start)
    assert hover is not None and "41-QĐ/TW" in hover.contents.value


async def test_untitled_document(client: Client):
    uri = "untitled:Untitled-1"
    open_doc(client, uri, HEADER + SENTENCE + "\n", "markdown")
    codes = by_code(await diagnostics_for(client, uri, 1))
    assert sorted(codes) == ["CL107", "CL302"]  # no project: the built-in registry


async def _open_in_own_project(client: Client, tmp_path_factory, name: str) -> tuple[Path, str]:
    """An article opened in a project with its own copy of the test registry: CL107 and CL302."""
    proj = tmp_path_factory.mktemp(name)
    shutil.copytree(FIXTURE_REGISTRY, proj / "registry")
    (proj / "pyproject.toml").write_text('[tool.citelint]\nregistry = "registry"\nbuiltin-registry = false\n', encoding="utf-8")
    text = HEADER + SENTENCE + "\n"
    uri, _ = write(proj, "a.txt", text)
    open_doc(client, uri, text)
    assert sorted(by_code(await diagnostics_for(client, uri, 1))) == ["CL107", "CL302"]
    return proj, uri


def _registry_names_ban_bi_thu(proj: Path) -> Path:
    """The project's registry changed on disk: 41-QĐ/TW now by the Ban Bí thư (and newer)."""
    docs = proj / "registry" / "documents.yaml"
    docs.write_text(docs.read_text(encoding="utf-8").replace("symbol: 41-QĐ/TW, issuer: tw-bct", "symbol: 41-QĐ/TW, issuer: tw-bbt"),
                    encoding="utf-8")
    os.utime(docs, ns=(time.time_ns(), time.time_ns() + 10**9))
    return docs


async def test_registry_reload_and_bad_config(client: Client, tmp_path_factory):
    proj, uri = await _open_in_own_project(client, tmp_path_factory, "reload")
    # The registry now says Ban Bí thư issued it: on save, the server reloads it.
    _registry_names_ban_bi_thu(proj)
    client.text_document_did_save(lsp.DidSaveTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=uri)))
    deadline = time.monotonic() + 5
    while len(client.published[uri]) < 2 and time.monotonic() < deadline:
        await asyncio.sleep(0.005)
    assert sorted(by_code(client.published[uri][-1])) == ["CL107"]
    # A broken configuration: logged, and the document is checked without it.
    (proj / "pyproject.toml").write_text('[tool.citelint]\nregistry = "registry"\nbogus = 1\n', encoding="utf-8")
    client.text_document_did_save(lsp.DidSaveTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=uri)))
    while len(client.published[uri]) < 3 and time.monotonic() < deadline:
        await asyncio.sleep(0.005)
    assert sorted(by_code(client.published[uri][-1])) == ["CL107"]
    assert any("unknown key" in m.message and m.type == lsp.MessageType.Error for m in client.log_messages)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-32"])
async def test_negotiated_position_encoding(project: Path, encoding: str):
    caps = lsp.ClientCapabilities(general=lsp.GeneralClientCapabilities(position_encodings=[encoding]),
                                  text_document=lsp.TextDocumentClientCapabilities(
                                      hover=lsp.HoverClientCapabilities(content_format=[lsp.MarkupKind.Markdown])))
    c = await start(project, caps)
    try:
        assert c.init_result.capabilities.position_encoding == encoding
        text = HEADER + "😀 Theo " + SENTENCE + "\n"
        uri, _ = write(project, f"enc-{encoding}.md", text)
        open_doc(c, uri, text, "markdown")
        codes = by_code(await diagnostics_for(c, uri, 1))
        assert range_text(text, codes["CL107"][0].range, encoding) == "TƯ"
        assert range_text(text, codes["CL302"][0].range, encoding) == CITATION
        actions = await code_actions(c, uri, codes["CL107"][0].range)
        fix = next(a for a in actions if a.is_preferred)
        assert apply_edits(text, edits_of(fix, uri), encoding) == text.replace("TƯ", "TW")
    finally:
        await stop(c)


async def test_a_failing_check_does_not_stop_the_server(project: Path):
    # The real server with a fault injected: checking any text containing "BOOM" raises.
    code = ("import sys, citelint.server.app as s\n"
            "real = s.lint_article\n"
            "def lint_article(article, config=None):\n"
            "    if 'BOOM' in article.text.original: raise RuntimeError('injected failure')\n"
            "    return real(article, config)\n"
            "s.lint_article = lint_article\n"
            "sys.exit(s.main())\n")
    config = ClientServerConfig(
        server_command=[sys.executable, "-c", code], client_factory=make_client,
        server_env={**os.environ, "CITELINT_CACHE_DIR": str(project / ".cache"), "CITELINT_LSP_DEBOUNCE_MS": "0"})
    c = await config.start()
    await c.initialize_session(lsp.InitializeParams(capabilities=client_capabilities("visual-studio-code")))
    try:
        text = HEADER + SENTENCE + "\n"
        uri, _ = write(project, "boom.txt", text)
        open_doc(c, uri, text)
        assert sorted(by_code(await diagnostics_for(c, uri, 1))) == ["CL107", "CL302"]
        change_doc(c, uri, 2, "BOOM " + text)
        deadline = time.monotonic() + 5
        while not any("injected failure" in m.message for m in c.log_messages) and time.monotonic() < deadline:
            await asyncio.sleep(0.005)
        failure = next(m for m in c.log_messages if "injected failure" in m.message)
        assert failure.type == lsp.MessageType.Error and "previous diagnostics are kept" in failure.message
        assert [p.version for p in c.published[uri]] == [1]  # nothing published for the failed run
        assert await hover_at(c, uri, lsp.Position(2, 10)) is None  # requests still answered
        change_doc(c, uri, 3, text)
        assert sorted(by_code(await diagnostics_for(c, uri, 3))) == ["CL107", "CL302"]
        hover = await hover_at(c, uri, lsp.Position(2, 10))
        assert hover is not None and "Bộ Chính trị" in hover.contents.value
    finally:
        await stop(c)


async def test_configuration_as_check_uses_it(client: Client, tmp_path_factory):
    from citelint.check.analyse import lint_text
    from citelint.check.baseline import write_baseline
    from citelint.config import Options, load_config
    from citelint.registry.build import load_registry
    from citelint.records import replace

    proj = tmp_path_factory.mktemp("configured")
    (proj / "pyproject.toml").write_text(
        f'[tool.citelint]\nregistry = "{FIXTURE_REGISTRY.as_posix()}"\nexclude = ["drafts/"]\nbaseline = "baseline.json"\n'
        '[tool.citelint.per-file-ignores]\n"notes/*" = ["CL302"]\n[tool.citelint.severity]\nCL107 = "error"\n', encoding="utf-8")
    text = HEADER + SENTENCE + "\n"
    # The baseline accepts accepted.txt's CL302 (written as `check --write-baseline` would).
    accepted_uri, accepted = write(proj, "accepted.txt", text)
    config = load_config(proj / "pyproject.toml")
    report = lint_text(text, path=str(accepted), options=Options(config=config, registry=load_registry(FIXTURE_REGISTRY)))
    report = replace(report, diagnostics=tuple(d for d in report.diagnostics if d.code == "CL302"))
    write_baseline(proj / "baseline.json", [report])

    draft_uri, _ = write(proj, "drafts/a.txt", text)
    note_uri, _ = write(proj, "notes/b.txt", text)
    for uri in (draft_uri, note_uri, accepted_uri):
        open_doc(client, uri, text)
    assert not (await diagnostics_for(client, draft_uri, 1)).diagnostics  # excluded
    codes = by_code(await diagnostics_for(client, note_uri, 1))
    assert sorted(codes) == ["CL107"] and codes["CL107"][0].severity == lsp.DiagnosticSeverity.Error
    assert sorted(by_code(await diagnostics_for(client, accepted_uri, 1))) == ["CL107"]


async def test_hover_on_unresolved_citations(client: Client, project: Path):
    text = HEADER + "Theo Nghị quyết số 15-NQ/TU và Quy định số 999-QĐ/TW ngày 1/1/2020.\n"
    uri, _ = write(project, "unresolved.txt", text)
    open_doc(client, uri, text)
    await diagnostics_for(client, uri, 1)
    hover = await hover_at(client, uri, position_at(text, text.index("15-NQ")))
    assert "Ambiguous" in hover.contents.value
    assert "Ban Thường vụ Thành ủy Hà Nội" in hover.contents.value and "Tỉnh ủy Nghệ An" in hover.contents.value
    hover = await hover_at(client, uri, position_at(text, text.index("999")))
    assert "Not in the registry" in hover.contents.value and "999-QĐ/TW" in hover.contents.value
    assert await hover_at(client, uri, position_at(text, text.index(" và "))) is None


async def test_a_registry_changed_on_disk_checks_the_open_documents_again(client: Client, tmp_path_factory):
    # the server asks to watch the registry and configuration files; when the editor says one
    # changed, every open document is checked again (no save of the article needed)
    deadline = time.monotonic() + 5
    while not client.registrations and time.monotonic() < deadline:  # sent after `initialized`
        await asyncio.sleep(0.01)
    watch = [r for r in client.registrations if r.method == lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES]
    assert watch
    options = watch[0].register_options  # unstructured by the client: a dict
    assert {"globPattern": "**/*.yaml"} in options["watchers"]
    proj, uri = await _open_in_own_project(client, tmp_path_factory, "watched")
    docs = _registry_names_ban_bi_thu(proj)
    client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(changes=[
        lsp.FileEvent(uri=from_fs_path(str(docs)), type=lsp.FileChangeType.Changed)]))
    deadline = time.monotonic() + 5
    while len(client.published[uri]) < 2 and time.monotonic() < deadline:
        await asyncio.sleep(0.005)
    assert sorted(by_code(client.published[uri][-1])) == ["CL107"]
