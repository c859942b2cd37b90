"""Language server latency: from a change to its diagnostics, over stdio, on a ~50 KB article.

    python bench/bench_server.py [--edits 20] [--size 50000] [--write bench/RESULTS.md]

The real server (`python -m citelint.server`) is started as an editor would start it and driven
by pygls's LanguageClient.  The article is the seed articles concatenated (and repeated up to
the size asked for), in a temporary project with an empty citelint.toml, so every rule runs
against the built-in registry, as in an editor out of the box.  After the document is opened, each of N small
edits (a word typed, the same word deleted, "TW" written as "TƯ" and back, a date changed) is
sent as an incremental didChange, and the time to the publishDiagnostics for that version is
measured.  That time includes the debounce (the server waits for typing to pause); the table
shows it with and without the delay, and a second run sets the delay to 0
(CITELINT_LSP_DEBOUNCE_MS=0).  Target: diagnostics within 100 ms of a change (debounce aside).
Hover and code-action round trips on the edited document are measured too.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEEDS = ROOT / "seeds"
TARGET_MS = 100.0


def build_article(size: int) -> str:
    """The seed articles, one after another, repeated until the text is ``size`` bytes (UTF-8)."""
    seeds = [p.read_text(encoding="utf-8").strip() for p in sorted(SEEDS.glob("*.txt"))]
    parts: list[str] = []
    total = 0
    i = 0
    while total < size:
        part = seeds[i % len(seeds)] + "\n\n"
        parts.append(part)
        total += len(part.encode("utf-8"))
        i += 1
    return "".join(parts)


def utf16_position(text: str, offset: int) -> lsp.Position:
    before = text[:offset]
    line = before.count("\n")
    start = before.rfind("\n") + 1
    return lsp.Position(line=line, character=len(text[start:offset].encode("utf-16-le")) // 2)


def edit_plan(text: str, n: int) -> list[tuple[int, int, str]]:
    """N small edits (start, end, replacement), in code points of the text as it is when each
    is applied; spread over the document, each one undone by the next where it makes sense."""
    words = [m.start() for m in re.finditer(r"(?<=\s)(?:cán bộ|Hội nghị|thành phố)\b", text)]
    tus = [m.start() + len(m.group()) - 2 for m in re.finditer(r"\d+-[A-ZĐa-z]+/TW", text)]
    dates = [m.start() for m in re.finditer(r"(?<=ngày )\d{1,2}(?=/\d{1,2}/\d{4})", text)]
    plan: list[tuple[int, int, str]] = []
    k = 0
    while len(plan) < n:
        kind = k % 3
        if kind == 0 and words:  # type a word, then delete it
            p = words[(k * 7) % len(words)]
            plan += [(p, p, "mới "), (p, p + 4, "")]
        elif kind == 1 and tus:  # write TƯ for TW (a CL107 finding), then correct it
            p = tus[(k * 5) % len(tus)]
            plan += [(p, p + 2, "TƯ"), (p, p + 2, "TW")]
        elif dates:  # change a cited day, then restore it
            p = dates[(k * 3) % len(dates)]
            old = re.match(r"\d+", text[p:]).group()
            plan += [(p, p + len(old), "2"), (p, p + 1, old)]
        k += 1
    return plan[:n]


class Bench:
    def __init__(self) -> None:
        self.client = LanguageClient("citelint-bench", "1")
        self.published: dict[int | None, float] = {}
        self.counts: dict[int | None, int] = {}
        self.waiters: dict[int | None, asyncio.Future] = {}

        @self.client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def publish(params: lsp.PublishDiagnosticsParams) -> None:
            now = time.perf_counter()
            self.published.setdefault(params.version, now)
            self.counts[params.version] = len(params.diagnostics)
            fut = self.waiters.pop(params.version, None)
            if fut is not None and not fut.done():
                fut.set_result(now)

        @self.client.feature(lsp.WINDOW_LOG_MESSAGE)
        def log_message(params: lsp.LogMessageParams) -> None:
            if params.type == lsp.MessageType.Error:
                print(f"server: {params.message}", file=sys.stderr)

    def expect(self, version: int) -> asyncio.Future:
        fut = asyncio.get_running_loop().create_future()
        self.waiters[version] = fut
        return fut


async def run(text: str, project: Path, n_edits: int, debounce_ms: int, cache: str) -> dict:
    """One server session; ``cache`` "cold" starts from an empty registry cache, "warm" reuses
    the one the previous session left (an editor opened a second time)."""
    cache_dir = project / ".cache"
    if cache == "cold":
        shutil.rmtree(cache_dir, ignore_errors=True)
    env = {**os.environ, "CITELINT_LSP_DEBOUNCE_MS": str(debounce_ms), "CITELINT_CACHE_DIR": str(cache_dir)}
    bench = Bench()
    client = bench.client
    started = time.perf_counter()
    await client.start_io(sys.executable, "-m", "citelint.server", env=env)
    await client.initialize_async(lsp.InitializeParams(capabilities=lsp.ClientCapabilities(), root_uri=from_fs_path(str(project))))
    client.initialized(lsp.InitializedParams())
    initialized = time.perf_counter() - started

    path = project / "article.txt"
    path.write_text(text, encoding="utf-8")
    uri = from_fs_path(str(path))
    fut = bench.expect(1)
    t0 = time.perf_counter()
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        text_document=lsp.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=text)))
    open_ms = (await asyncio.wait_for(fut, 30) - t0) * 1000
    diagnostics_at_open = bench.counts[1]

    latencies = []
    version = 1
    for start, end, replacement in edit_plan(text, n_edits):
        version += 1
        rng = lsp.Range(start=utf16_position(text, start), end=utf16_position(text, end))
        text = text[:start] + replacement + text[end:]
        fut = bench.expect(version)
        t0 = time.perf_counter()
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[lsp.TextDocumentContentChangePartial(range=rng, text=replacement)]))
        latencies.append((await asyncio.wait_for(fut, 30) - t0) * 1000)
        await asyncio.sleep(0.02)  # a pause between keystrokes

    # Requests on the edited document: hover on a citation, code actions on its line.
    m = re.search(r"\d+-(?:QĐ|NQ|CT|KL)/T[WƯ]", text)
    pos = utf16_position(text, m.start() + 2)
    hover_ms, action_ms = [], []
    for i in range(5):
        if i == 0:  # the first hover after an edit extracts and resolves the whole text
            version += 1
            text = text + " "
            fut = bench.expect(version)
            client.text_document_did_change(lsp.DidChangeTextDocumentParams(
                text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=text)]))
            await asyncio.wait_for(fut, 30)
        t0 = time.perf_counter()
        h = await client.text_document_hover_async(lsp.HoverParams(text_document=lsp.TextDocumentIdentifier(uri=uri), position=pos))
        hover_ms.append((time.perf_counter() - t0) * 1000)
        assert h is not None, "no hover on a citation"
        t0 = time.perf_counter()
        await client.text_document_code_action_async(lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), range=lsp.Range(start=pos, end=pos),
            context=lsp.CodeActionContext(diagnostics=[])))
        action_ms.append((time.perf_counter() - t0) * 1000)

    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return {"debounce_ms": debounce_ms, "cache": cache, "initialize_s": initialized, "open_ms": open_ms, "diagnostics": diagnostics_at_open,
            "latencies": latencies, "hover_first_ms": hover_ms[0], "hover_ms": statistics.median(hover_ms[1:]),
            "action_first_ms": action_ms[0], "action_ms": statistics.median(action_ms[1:])}


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    k = (len(s) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def table(results: list[dict], text: str, n_edits: int) -> str:
    import citelint

    size = len(text.encode("utf-8"))
    description = (
        f"The real server over stdio, driven by pygls's LanguageClient: a {size / 1000:.1f} KB article "
        f"({text.count(chr(10)) + 1} lines; the seed articles one after another, repeated) checked, in a project "
        "with an empty citelint.toml, against the built-in registry (as a user's editor does out of the box), then {n_edits} small incremental edits (a word typed and deleted, TW written as TƯ and "
        "back, a cited day changed and restored), each timed from sending didChange to receiving the "
        "publishDiagnostics for its version.  The server waits for typing to pause (the debounce) before it "
        "checks; the first run starts with an empty registry cache, the second reuses it, and the third also "
        "sets the delay to 0 (`CITELINT_LSP_DEBOUNCE_MS=0`).  "
        f"Targets: diagnostics within {TARGET_MS:.0f} ms of a change, the debounce aside; the first "
        "diagnostics within 1 s of starting the server."
    )
    lines = [
        "## Language server (`citelint server`)",
        "",
        "```sh",
        "python bench/bench_server.py --write bench/RESULTS.md",
        "```",
        "",
        description,
        "",
        (f"citelint {citelint.__version__}, Python {platform.python_version()}, {platform.machine()}, "
         f"{os.cpu_count()} cores (checking runs on one worker thread)"),
        "",
        ("| debounce | registry cache | open → diagnostics | change → diagnostics: median | p90 | max "
         "| minus the debounce: median | p90 | max | within 100 ms |"),
        "|---:|:---|---:|---:|---:|---:|---:|---:|---:|:---:|",
    ]
    for r in results:
        lat = r["latencies"]
        net = [x - r["debounce_ms"] for x in lat]
        ok = "yes" if max(net) <= TARGET_MS else "no"
        lines.append(
            f"| {r['debounce_ms']} ms | {r['cache']} | {r['open_ms']:.0f} ms | {statistics.median(lat):.1f} ms | {pct(lat, 0.9):.1f} ms "
            f"| {max(lat):.1f} ms | {statistics.median(net):.1f} ms | {pct(net, 0.9):.1f} ms | {max(net):.1f} ms | {ok} |")
    lines += [
        "",
        ("| debounce | registry cache | server start + initialize | start → first diagnostics | first hover after an edit "
         "| hover again | first code actions after an edit | code actions again |"),
        "|---:|:---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        first = r["initialize_s"] * 1000 + r["open_ms"]
        lines.append(f"| {r['debounce_ms']} ms | {r['cache']} | {r['initialize_s'] * 1000:.0f} ms | {first:.0f} ms "
                     f"({'within' if first <= 1000 else 'over'} 1 s) | {r['hover_first_ms']:.1f} ms | "
                     f"{r['hover_ms']:.1f} ms | {r['action_first_ms']:.1f} ms | {r['action_ms']:.1f} ms |")
    lines += [
        "",
        (f"Open: the first check of the article ({results[0]['diagnostics']} findings); with a cold cache the "
         "registry is validated from its YAML first.  The first hover after an edit extracts and resolves the whole text "
         "again (the check keeps only its findings); later hovers on that text reuse it.  The first code-action "
         "request computes the file's fix-all edit (the fixed text checked again, as `check --fix` does); later ones "
         "reuse it."),
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--edits", type=int, default=20, help="how many edits to time (default: 20)")
    ap.add_argument("--size", type=int, default=50_000, help="article size in bytes (default: 50000)")
    ap.add_argument("--debounce-ms", type=int, default=150, help="the server's debounce for the first run (default: 150)")
    ap.add_argument("--write", type=Path, help="write the results as Markdown to this file (its bench_server.py section)")
    args = ap.parse_args(argv)

    text = build_article(args.size)
    results = []
    with tempfile.TemporaryDirectory(prefix="citelint-bench-server-") as tmp:
        project = Path(tmp)
        (project / "citelint.toml").write_text("", encoding="utf-8")  # the built-in registry only
        for debounce, cache in ((args.debounce_ms, "cold"), (args.debounce_ms, "warm"), (0, "warm")):
            results.append(asyncio.run(run(text, project, args.edits, debounce, cache)))
    out = table(results, text, args.edits)
    print(out)
    if args.write:
        sys.path.insert(0, str(HERE))
        from bench_extract import _write_section

        _write_section(args.write, out, name="bench_server.py")
    return 0


if __name__ == "__main__":
    sys.exit(main())
