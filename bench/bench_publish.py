"""`citelint annotate` and `citelint report` on the news corpus, against `check` in the same run.

    python bench/bench_publish.py [--corpus ../shared/corpus] [--runs 2] [--write bench/RESULTS.md]

The news corpus is split into its 12,676 articles, one file each, in a temporary directory
(never in the project).  Each command runs in a fresh process with the results cache off and the
default number of processes (one per core), alternating, `--runs` times; the best time of each is
kept:

- `check FILES --format json` (the reference);
- `annotate FILES -o DIR` into a new directory on the same disk, and into one in memory
  (/dev/shm), to tell the work from the file system's cost of making 12,676 files;
- `report FILES -o report.html`, and the size of the page.
"""

from __future__ import annotations

import argparse
import lzma
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from bench_extract import emit  # noqa: E402
from golden import split_into_files  # noqa: E402


def timed(cmd: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--write", type=Path)
    args = ap.parse_args(argv)
    citelint = [sys.executable, "-m", "citelint"]
    with tempfile.TemporaryDirectory(prefix="citelint-publish-") as tmp:
        work = Path(tmp)
        news = work / "news"
        split_into_files(lzma.decompress((args.corpus / "vntc-news.txt.xz").read_bytes()).decode("utf-8"), news)
        n = sum(1 for _ in news.iterdir())
        shm = Path("/dev/shm") if Path("/dev/shm").is_dir() else None
        best: dict[str, float] = {}

        def keep(name: str, seconds: float) -> None:
            best[name] = min(best.get(name, seconds), seconds)

        timed([*citelint, "check", str(news / "00000.txt"), "--no-cache"])  # the registry cache made
        for run in range(args.runs):
            keep("check", timed([*citelint, "check", str(news), "--format", "json", "-o", os.devnull, "--no-cache"]))
            out = work / f"annotated-{run}"
            out.mkdir()
            keep("annotate-disk", timed([*citelint, "annotate", str(news), "-o", str(out)]))
            shutil.rmtree(out)
            if shm is not None:
                mem = Path(tempfile.mkdtemp(prefix="citelint-publish-", dir=shm))
                keep("annotate-memory", timed([*citelint, "annotate", str(news), "-o", str(mem)]))
                shutil.rmtree(mem)
            keep("report", timed([*citelint, "report", str(news), "-o", str(work / "report.html"), "--no-cache"]))
        size = (work / "report.html").stat().st_size
    check = best["check"]
    rows = [
        (f"`check` of {n:,} news files (reference)", f"{check:.1f} s", f"{n / check:,.0f} files/s"),
        ("`annotate -o DIR` (a new directory on disk)", f"{best['annotate-disk']:.1f} s",
         f"{check / best['annotate-disk']:.2f}× the speed of `check` (goal ≥ 0.5×)"),
    ]
    if "annotate-memory" in best:
        rows.append(("`annotate -o DIR` (a directory in /dev/shm)", f"{best['annotate-memory']:.1f} s",
                     f"{check / best['annotate-memory']:.2f}× the speed of `check` (without the disk's cost of making the files)"))
    rows.append(("`report -o report.html` (checks, then builds the page)", f"{best['report']:.1f} s",
                 f"goal < 10 s; the page {size / 1e6:.2f} MB (goal < 5 MB)"))
    emit(rows, "bench_publish.py", args.write, note=f", best of {args.runs} runs each, alternating", cores="all used")
    return 0


if __name__ == "__main__":
    sys.exit(main())
