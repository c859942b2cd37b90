"""Adversarial and dense inputs: time and peak memory of `extract` and `check` per input, and
the cost per MB of `check` on growing prefixes of the legal corpus (linear or not).

    python bench/bench_adversarial.py [--corpus ../shared/corpus] [--timeout 120] [--base TREE] [--write bench/RESULTS.md]

1. Each input is generated here (about 1 MB; nothing is stored in the repository) and run in a
   fresh process as a pipeline runs it: `citelint extract --format jsonl FILE` and
   `citelint check --no-cache --format json FILE`, output to /dev/null (the terminal formats,
   a rich table and code frames, cost more per citation).  Wall time and the
   process's peak resident memory (getrusage of that child) are recorded; a run past
   ``--timeout`` seconds is stopped and shown as such.  Goal: under 2 s and 300 MiB each.
2. `check --format json` of the first 1, 4, 16 and 55 MB of the legal codification text (the
   densest real text: a citation every kilobyte), each in a fresh process: seconds per MB
   should not grow with the size.

With ``--base TREE`` (a checkout of an earlier revision, e.g. ``git worktree add /tmp/base REV``),
every run is made with that tree too, right after this one's, and the note gives the ratio: this
machine's speed drifts from day to day, and a ratio measured in the same run does not.
"""

from __future__ import annotations

import argparse
import lzma
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_extract import DEFAULT_CORPUS, emit  # noqa: E402

MB = 1_000_000


def _repeat(piece: str, size: int = MB) -> str:
    return piece * max(1, size // len(piece.encode("utf-8")))


INPUTS: dict[str, tuple[str, str]] = {
    # name: (file suffix, text)
    "`số 1-NQ/ ` repeated (a citation per 10 bytes)": (".txt", _repeat("số 1-NQ/ ")),
    "`24-QĐ/T.Ư ` repeated": (".txt", _repeat("24-QĐ/T.Ư ")),
    "full citations on one 1 MB line": (".txt", _repeat("Nghị quyết số 12-NQ/TW, ")),
    "300 full citations, then short forms": (".txt", "Nghị định số 30/2020/NĐ-CP ngày 5/3/2020. " * 300
                                             + _repeat("Theo Nghị định 30, ", MB - 13_000)),
    "zero-width spaces inside symbols": (".txt", _repeat("Nghị định 3\u200b0/2020/NĐ-CP ")),
    "coordinated numbers (`các Nghị quyết số 1, 2, 3, …`)": (".txt", "Các Nghị quyết số " + ", ".join(str(i) for i in range(1, 150_000)) + "-NQ/TW."),
    "a combining mark repeated": (".txt", "a" + "\u0301" * (MB // 2)),
    "`<a ` repeated (unterminated tags)": (".html", _repeat("<a ")),
    "`<meta ` repeated": (".html", _repeat("<meta ")),
    "`<!--` repeated, never closed": (".md", _repeat("<!-- citelint-disable-next-line ")),
    "nested markup 10,000 deep": (".html", "<div>" * 10_000 + "Nghị quyết số 12-NQ/TW" + "</div>" * 10_000),
    "a 1 MB line without a citation": (".txt", "x" * MB),
}


def tree_env(base: Path | None) -> dict[str, str] | None:
    """The environment that runs citelint from the source tree ``base`` (None: this one)."""
    return None if base is None else {**os.environ, "PYTHONPATH": str(base / "src")}


def run_one(cmd: list[str], timeout: float, env: dict[str, str] | None = None) -> tuple[float | None, int]:
    """Wall seconds (None: stopped at the timeout) and peak RSS in MiB of one child process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    deadline = t0 + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            return time.perf_counter() - t0, usage.ru_maxrss // 1024
        if time.perf_counter() > deadline:
            proc.kill()
            _, _, usage = os.wait4(proc.pid, 0)
            proc.returncode = -9
            return None, usage.ru_maxrss // 1024
        time.sleep(0.01)


def adversarial(timeout: float, base: Path | None = None) -> list[tuple[str, str, str]]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for k, (name, (suffix, text)) in enumerate(INPUTS.items()):
            path = Path(tmp) / f"input{k}{suffix}"
            path.write_text(text, encoding="utf-8")
            size = path.stat().st_size / MB
            for command in (["extract", "--format", "jsonl"], ["check", "--no-cache", "--format", "json"]):
                seconds, rss = run_one([sys.executable, "-m", "citelint", *command, str(path)], timeout)
                shown = f"over {timeout:.0f} s (stopped)" if seconds is None else f"{seconds:.2f} s, {rss} MiB"
                ok = seconds is not None and seconds < 2 and rss < 300
                note = "within 2 s / 300 MiB" if ok else "**over the goal**"
                if base is not None:
                    b_seconds, b_rss = run_one([sys.executable, "-m", "citelint", *command, str(path)], timeout, tree_env(base))
                    if b_seconds is None or seconds is None:
                        note += f"; base: {'stopped' if b_seconds is None else f'{b_seconds:.2f} s'}, {b_rss} MiB"
                    else:
                        note += f"; base {b_seconds:.2f} s, {b_rss} MiB: {seconds / b_seconds:.2f}× the time, {rss / b_rss:.2f}× the memory"
                rows.append((f"{name} ({size:.2f} MB), `{command[0]}`", shown, note))
                print(rows[-1], flush=True)
    return rows


ONE_CHECK = """
import json, sys, time
from citelint.check.analyse import check_file
from citelint.config import Options
from citelint.registry.build import load_registry
from citelint.report.formats import ReportStream
import io, os
options = Options(registry=load_registry(sys.argv[2]))
check_file(sys.argv[3], options)  # parser and registry outside the timing
t0 = time.perf_counter()
report = check_file(sys.argv[1], options)
out = open(os.devnull, "w")
stream = ReportStream("json", out)
stream.add(report)
stream.close()
print(json.dumps({"seconds": time.perf_counter() - t0, "citations": report.citations, "findings": len(report.diagnostics)}))
"""


def linear(corpus: Path, base: Path | None = None) -> list[tuple[str, str, str]]:
    import json

    text = lzma.decompress((corpus / "phapdien-legal.txt.xz").read_bytes()).decode("utf-8")
    data = text.encode("utf-8")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        warm = Path(tmp) / "warm.txt"
        warm.write_text("Nghị quyết số 15-NQ/TW.\n", encoding="utf-8")
        for size in (1, 4, 16, len(data) / MB):
            cut = data[: int(size * MB)].decode("utf-8", "ignore")
            cut = cut[: cut.rfind("\n") + 1]
            path = Path(tmp) / "legal.txt"
            path.write_text(cut, encoding="utf-8")
            mbs = path.stat().st_size / MB
            runs = []
            for env in ([None] if base is None else [None, tree_env(base)]):
                done = subprocess.run([sys.executable, "-c", ONE_CHECK, str(path), str(HERE.parent / "registry"), str(warm)],
                                      capture_output=True, text=True, check=True, env=env)
                runs.append(json.loads(done.stdout))
            r = runs[0]
            note = f"{r['seconds']:.1f} s; {mbs / r['seconds']:.1f} MB/s; {r['citations']} citations, {r['findings']} findings"
            if base is not None:
                note += f"; base {runs[1]['seconds'] / mbs:.3f} s/MB: {r['seconds'] / runs[1]['seconds']:.2f}× the time"
            rows.append((f"`check --format json`, first {mbs:.1f} MB of the legal text", f"{r['seconds'] / mbs:.3f} s/MB", note))
            print(rows[-1], flush=True)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--write", type=Path)
    parser.add_argument("--skip-linear", action="store_true")
    parser.add_argument("--base", type=Path, help="an earlier revision's tree, run alongside for the ratios")
    args = parser.parse_args()
    rows = adversarial(args.timeout, args.base)
    if not args.skip_linear:
        rows += linear(args.corpus, args.base)
    note = "; each run a fresh process" + (f"; base: the tree at {args.base}" if args.base else "")
    emit(rows, "bench_adversarial.py", args.write, note=note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
