"""The Dask path against the local one: every article of the news corpus checked in-process, one
by one, and on a LocalCluster with `citelint.distributed.check_paths`.

    python bench/bench_dask.py [--corpus ../shared/corpus] [--workers 2] [--threads 1] [--write bench/RESULTS.md]

The corpus's 12,676 articles (each starts with a "### name" line) are written as files to a
temporary directory, checked against the shipped registry: first locally (a serial loop over
`check_file`, the parser built before the timing), then on a LocalCluster of worker processes
(`--workers`, `--threads` each): once on workers that have run nothing yet (their first task
imports citelint and builds the parser), and once more on the same, now warm, workers.  The JSON
reports of the three runs are compared byte for byte.  The cluster's start-up is timed apart.
"""

from __future__ import annotations

import argparse
import io
import lzma
import os
import pickle
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
sys.path.insert(0, str(HERE))

from bench_extract import emit, split_documents

from citelint.check.analyse import check_file, lint_text
from citelint.check.runner import check_paths as local_check_paths
from citelint.check.runner import pack_report
from citelint.config import Config, Options
from citelint.distributed import batch_size, check_paths, connect
from citelint.registry.build import load_registry
from citelint.report.formats import write_report


def as_sent(reports):
    """Reports as workers send them back: the text only where there are findings."""
    return [r if r.diagnostics else r.model_copy(update={"source": None}) for r in reports]


def as_json(reports) -> str:
    buf = io.StringIO()
    write_report(reports, "json", buf)
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--workers", type=int, default=2, help="worker processes (default: 2)")
    ap.add_argument("--threads", type=int, default=1, help="threads per worker (default: 1)")
    ap.add_argument("--write", type=Path, help="write the results as Markdown to this file")
    args = ap.parse_args(argv)

    from dask.distributed import LocalCluster

    news = lzma.decompress((args.corpus / "vntc-news.txt.xz").read_bytes()).decode("utf-8")
    docs = split_documents(news)
    registry = load_registry(ROOT / "registry")
    config = Config(registry=ROOT / "registry")
    lint_text("Nghị quyết số 15-NQ/TW", options=Options(registry=registry))  # the parser is built outside the timings

    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="citelint-bench-dask-") as tmp:
        paths = []
        for i, d in enumerate(docs):
            path = Path(tmp) / f"{i // 1000:02d}" / f"{i:05d}.txt"
            path.parent.mkdir(exist_ok=True)
            path.write_text(d, encoding="utf-8")
            paths.append(str(path))
        size = sum(os.path.getsize(p) for p in paths) / 1e6
        options = Options(config=config, registry=registry)

        t0 = time.perf_counter()
        local = [check_file(p, options) for p in paths]
        local_s = time.perf_counter() - t0
        local_json = as_json(local)
        findings = sum(len(r.diagnostics) for r in local)
        rows += [
            ("articles", f"{len(paths):,} files, {size:.1f} MB", f"{sum(r.citations for r in local):,} citations, {findings:,} findings"),
            ("local: `check_file` over every file, one process", f"{local_s:.2f} s, {size / local_s:.2f} MB/s",
             f"{local_s / len(paths) * 1e3:.2f} ms per file"),
        ]
        t0 = time.perf_counter()
        pooled = list(local_check_paths(paths, options, jobs=args.workers))
        pooled_s = time.perf_counter() - t0
        rows.append((f"local: `check_paths(jobs={args.workers})` (`citelint check --jobs {args.workers}`), no cache",
                     f"{pooled_s:.2f} s, {size / pooled_s:.2f} MB/s",
                     f"{local_s / pooled_s:.2f} × one process; JSON {'identical' if as_json(pooled) == local_json else 'DIFFERENT'}"))

        t0 = time.perf_counter()
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=args.threads, processes=True,
                               dashboard_address=":0")
        client = connect(cluster.scheduler_address)
        start_s = time.perf_counter() - t0
        try:
            threads = args.workers * args.threads
            tasks = -(-len(paths) // batch_size(len(paths), threads))
            label = f"{args.workers} worker process{'es' if args.workers != 1 else ''} × {args.threads} thread{'s' if args.threads != 1 else ''}"
            rows.append((f"LocalCluster start ({label}) and connect", f"{start_s:.2f} s", ""))
            for run in ("cold workers (first run: import, parser)", "warm workers (second run)"):
                t0 = time.perf_counter()
                remote = check_paths(paths, client, options)
                remote_s = time.perf_counter() - t0
                same = as_json(remote) == local_json and remote == as_sent(local)
                rows.append((f"Dask `check_paths`, {run}", f"{remote_s:.2f} s, {size / remote_s:.2f} MB/s",
                             (f"{local_s / remote_s:.2f} × local; {tasks} tasks of ≤{batch_size(len(paths), threads)} files; "
                             f"JSON {'identical' if same else 'DIFFERENT'} to the local run's")))
                if not same:
                    print("the Dask run's reports differ from the local run's", file=sys.stderr)
        finally:
            client.close()
            cluster.close()

    shipped = len(pickle.dumps([pack_report(r) for r in local], protocol=5)) / 1e6
    rows.append(("reports sent back (compact; the text only of files with findings)", f"{shipped:.1f} MB", f"for {size:.1f} MB of articles"))
    rows.append(("JSON output", f"{len(local_json.encode('utf-8')) / 1e6:.1f} MB",
                 "identical in every run" if all("identical" in r[2] for r in rows if r[0].startswith("Dask")) else "DIFFERENT"))
    emit(rows, "bench_dask.py", args.write, cores=f"{args.workers} used by the pool and the cluster",
         note=f"; the Dask rows: {args.workers} worker processes × {args.threads} thread on the same machine")
    return 0 if all("DIFFERENT" not in r[2] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
