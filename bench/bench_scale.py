"""Scale: `check` with 1 and 2 jobs, cold and warm results cache, and 80,000 files.

    python bench/bench_scale.py [--corpus ../shared/corpus] [--files 80000] [--write bench/RESULTS.md]

The news corpus is split into its 12,676 articles, one file each, in a temporary directory
(never in the project).  Every run is `citelint check DIR --format json` in a fresh process
against the shipped registry; the JSON outputs are compared byte for byte.  Peak memory is the
largest sum of the resident memory of citelint's process and its workers, sampled from /proc
every 50 ms.  This machine's timings vary from run to run by as much as a third, so every
timing is the median of three runs (--repeat).
"""

from __future__ import annotations

import argparse
import lzma
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from bench_extract import emit, mb, split_documents  # noqa: E402


def _tree_rss_kb(pid: int) -> int:
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                total += next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    stack.extend(int(c) for c in f.read().split())
        except (OSError, StopIteration, ValueError):
            pass
    return total


def run(args: list[str], cwd: Path, env: dict) -> tuple[float, int, str, int]:
    """Seconds, peak tree memory (MB), stdout, exit code of one `citelint check` run."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "citelint", "check", *args], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    peak = [0]

    def sample() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], _tree_rss_kb(proc.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    out, _ = proc.communicate()
    seconds = time.perf_counter() - t0
    sampler.join()
    return seconds, peak[0] // 1024, out, proc.returncode


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--files", type=int, default=80_000)
    ap.add_argument("--repeat", type=int, default=3, help="runs per timing; the median is reported")
    ap.add_argument("--write", type=Path)
    args = ap.parse_args(argv)
    news = lzma.decompress((args.corpus / "vntc-news.txt.xz").read_bytes()).decode("utf-8")
    docs = split_documents(news)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "citelint.toml").write_text(f'registry = "{(ROOT / "registry").as_posix()}"\n', encoding="utf-8")
        env = {**os.environ, "CITELINT_CACHE_DIR": str(tmp / "registry-cache")}
        articles = tmp / "news"
        for i, d in enumerate(docs):
            folder = articles / f"{i // 1000:02d}"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{i:05d}.txt").write_text(d, encoding="utf-8")
        size = sum(mb(d) for d in docs)
        run(["news/00/00000.txt", "--no-cache"], tmp, env)  # registry and parser caches made once

        def median_run(args: list[str], before=None) -> tuple[float, int, str]:
            runs = []
            for _ in range(repeat):
                if before is not None:
                    before()
                runs.append(run(args, tmp, env))
            assert len({r[2] for r in runs}) == 1, "outputs differ between repeated runs"
            return statistics.median(r[0] for r in runs), max(r[1] for r in runs), runs[0][2]

        repeat = args.repeat
        cache = tmp / ".citelint_cache"
        one, one_mem, out1 = median_run(["news", "--format", "json", "--jobs", "1", "--no-cache"])
        two, two_mem, out2 = median_run(["news", "--format", "json", "--jobs", "2", "--no-cache"])
        rows.append((f"check {len(docs):,} news articles ({size:.1f} MB), 1 job, no cache", f"{size / one:.1f} MB/s", f"{one:.2f} s, peak {one_mem} MB"))
        rows.append(("same, 2 jobs", f"{size / two:.1f} MB/s", f"{two:.2f} s, peak {two_mem} MB; {one / two:.2f}x the 1-job speed; output identical: {out1 == out2}"))

        cold, cold_mem, out3 = median_run(["news", "--format", "json", "--jobs", "2"], before=lambda: shutil.rmtree(cache, ignore_errors=True))
        warm, warm_mem, out4 = median_run(["news", "--format", "json", "--jobs", "2"])
        rows.append(("same, 2 jobs, empty results cache (cold)", f"{cold:.2f} s", f"peak {cold_mem} MB"))
        rows.append(("same, 2 jobs, second run (warm cache)", f"{warm:.2f} s", f"{cold / warm:.1f}x faster than cold; output identical: {out3 == out4 == out1}"))
        cold1, _, out5 = median_run(["news", "--format", "json", "--jobs", "1"], before=lambda: shutil.rmtree(cache, ignore_errors=True))
        warm1, _, out6 = median_run(["news", "--format", "json", "--jobs", "1"])
        rows.append(("same, 1 job: cold, then warm", f"{cold1:.2f} s, then {warm1:.2f} s",
                     f"{cold1 / warm1:.1f}x faster than cold; output identical: {out5 == out6 == out1}"))
        (tmp / "empty").mkdir()
        start, _, _ = median_run(["empty", "--format", "json"])
        rows.append(("start-up: the same command on an empty folder", f"{start:.2f} s",
                     f"interpreter, imports, configuration, registry; the warm run's per-file cost is "
                     f"{(warm - start) / len(docs) * 1e6:.0f} µs (walk, stat, cache lookup, output)"))

        many = tmp / "many"
        for i in range(args.files):
            folder = many / f"{i // 1000:03d}"
            folder.mkdir(parents=True, exist_ok=True)
            d = docs[i % len(docs)]
            (folder / f"{i:06d}.txt").write_text(d[: 1500] + f"\nBài số {i}.\n", encoding="utf-8")
        total = sum(p.stat().st_size for p in many.rglob("*.txt")) / 1e6
        big, big_mem, out5, code = run(["many", "--format", "concise", "--jobs", "2", "--no-cache"], tmp, env)
        lines = out5.strip().splitlines()
        summary = next((line for line in reversed(lines) if " in " in line and "articles" in line), lines[-1] if lines else "")
        rows.append((f"check {args.files:,} files ({total:.0f} MB), 2 jobs, no cache", f"{big:.1f} s, peak {big_mem} MB",
                     f"memory of citelint and its workers together; {summary}"))
    emit(rows, "bench_scale.py", args.write, cores="as many as each row's jobs", note=f", median of {args.repeat} runs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
