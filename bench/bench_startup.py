"""Start-up of one `citelint check` against an earlier revision, in the same run.

    git worktree add /tmp/citelint-base REV
    python bench/bench_startup.py --base /tmp/citelint-base [--runs 40] [--write bench/RESULTS.md]

Runs `citelint check seeds/004_...txt` (interpreter start, imports, the registry from its
cache, one article checked, the report) in fresh processes, alternating between this checkout
and the one at ``--base`` so that both see the same machine, and reports the median and the
minimum wall time of each and their ratio.  Both trees are byte-compiled first, as an installed
package is (this sandbox sets PYTHONDONTWRITEBYTECODE, which would otherwise make every run
recompile citelint's modules); the registry and parser caches are made before timing.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from bench_extract import emit  # noqa: E402

SEED = "seeds/004_8b74df4c981ce569.txt"


def command(tree: Path) -> list[str]:
    """How to run citelint from the source tree ``tree`` (``python -m citelint``, or the older
    ``python -m citelint.cli``)."""
    module = "citelint" if (tree / "src" / "citelint" / "__main__.py").exists() else "citelint.cli"
    return [sys.executable, "-m", module, "check", SEED]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--base", type=Path, required=True, help="a checkout of the revision to compare with")
    ap.add_argument("--runs", type=int, default=40)
    ap.add_argument("--write", type=Path, help="rewrite this section of a results file")
    args = ap.parse_args(argv)
    trees = {"this checkout": ROOT, f"base ({args.base})": args.base.resolve()}
    with tempfile.TemporaryDirectory() as cache:
        envs = {}
        for name, tree in trees.items():
            compileall.compile_dir(str(tree / "src"), quiet=1)
            env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
            env.update(PYTHONPATH=str(tree / "src"), CITELINT_CACHE_DIR=str(Path(cache) / name.split()[0]))
            envs[name] = env
            for _ in range(3):  # caches made once, as on any machine
                subprocess.run(command(tree), cwd=ROOT, env=env, capture_output=True, check=False)
        times: dict[str, list[float]] = {name: [] for name in trees}
        for _ in range(args.runs):
            for name, tree in trees.items():
                t0 = time.perf_counter()
                subprocess.run(command(tree), cwd=ROOT, env=envs[name], capture_output=True, check=False)
                times[name].append(time.perf_counter() - t0)
    (this, base) = (statistics.median(t) for t in times.values())
    rows = [(f"`citelint check {SEED}`, {name}", f"{statistics.median(t) * 1000:.0f} ms median",
             f"min {min(t) * 1000:.0f} ms over {len(t)} runs") for name, t in times.items()]
    rows.append(("this checkout / base (medians, same run)", f"{this / base:.2f}×", "below 1: faster"))
    emit(rows, "bench_startup.py", args.write)
    return 0


if __name__ == "__main__":
    sys.exit(main())
