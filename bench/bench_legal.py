"""Extraction throughput on dense legal text, against an earlier revision, in the same run.

    git worktree add /tmp/citelint-base REV
    python bench/bench_legal.py --base /tmp/citelint-base [--runs 3] [--write bench/RESULTS.md]

The legal codification text (55 MB, one citation every kilobyte) is the densest text citelint
meets; the news text measured by bench_extract.py has one citation every 33 KB.  Each run is a
fresh process that decompresses the corpus in memory (untimed), builds the parser on a short
text (untimed), then times ``citelint.extract`` over the whole text on one core.  Runs alternate
between this checkout and the one at ``--base`` so that both see the same machine; the table
gives each one's median throughput, the citations each found, and the ratio of the medians.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from bench_extract import DEFAULT_CORPUS, emit  # noqa: E402

ONE_RUN = """
import json, lzma, sys, time
from citelint import extract
text = lzma.decompress(open(sys.argv[1], "rb").read()).decode("utf-8")
extract("Nghị quyết số 15-NQ/TW")
t0 = time.perf_counter()
found = extract(text)
print(json.dumps({"seconds": time.perf_counter() - t0, "mb": len(text.encode()) / 1e6, "citations": len(found)}))
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--base", type=Path, required=True, help="a checkout of the revision to compare with")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--write", type=Path, help="rewrite this section of a results file")
    args = ap.parse_args(argv)
    legal = args.corpus / "phapdien-legal.txt.xz"
    trees = {"this checkout": ROOT, f"base ({args.base})": args.base.resolve()}
    runs: dict[str, list[dict]] = {name: [] for name in trees}
    for _ in range(args.runs):
        for name, tree in trees.items():
            env = dict(os.environ, PYTHONPATH=str(tree / "src"))
            out = subprocess.run([sys.executable, "-c", ONE_RUN, str(legal)], env=env, capture_output=True,
                                 text=True, check=True)
            runs[name].append(json.loads(out.stdout))
    rates = {name: statistics.median(r["mb"] / r["seconds"] for r in rs) for name, rs in runs.items()}
    rows = [(f"legal text ({rs[0]['mb']:.1f} MB), {name}", f"{rates[name]:.2f} MB/s median",
             f"{rs[0]['citations']} citations; runs " + ", ".join(f"{r['seconds']:.1f}" for r in rs) + " s")
            for name, rs in runs.items()]
    this, base = rates.values()
    rows.append(("this checkout / base (median throughput, same run)", f"{this / base:.2f}×", "above 1: faster"))
    emit(rows, "bench_legal.py", args.write, note=f", median of {args.runs} runs each")
    return 0


if __name__ == "__main__":
    sys.exit(main())
