"""Registry generation over the legal corpus: entries produced, conflicts, time, peak memory.

    python bench/bench_generate.py [--corpus ../shared/corpus] [--write bench/RESULTS.md]

The corpus (149 topics of the Bộ Pháp điển, one file) is split into one file per topic in a
temporary directory, never in the project; `citelint registry generate` then runs on it, in a
fresh process, into a copy of the shipped registry, and once more to show the second run is a
no-op.
"""

from __future__ import annotations

import argparse
import lzma
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from bench_extract import emit  # noqa: E402

_RUN = """
import resource, sys, time
from citelint.cli.main import main
t0 = time.perf_counter()
code = main(["registry", "generate", sys.argv[1], "--into", sys.argv[2]])
print(f"RESULT {time.perf_counter() - t0:.2f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} {code}")
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--write", type=Path)
    args = ap.parse_args(argv)
    text = lzma.decompress((args.corpus / "phapdien-legal.txt.xz").read_bytes()).decode("utf-8")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        articles = Path(tmp) / "phapdien"
        articles.mkdir()
        parts = re.split(r"(?m)^### (.*)\n", text)
        n = 0
        for name, body in zip(parts[1::2], parts[2::2]):
            n += 1
            (articles / f"{n:03d}.txt").write_text(body, encoding="utf-8")
        size = len(text.encode("utf-8")) / 1e6
        registry = Path(tmp) / "registry"
        shutil.copytree(ROOT / "registry", registry)
        env = {**os.environ, "CITELINT_CACHE_DIR": str(Path(tmp) / "cache"), "COLUMNS": "200"}
        for label in ("first run", "second run"):
            proc = subprocess.run([sys.executable, "-c", _RUN, str(articles), str(registry)], capture_output=True, text=True, env=env)
            seconds, rss, code = proc.stdout.split("RESULT ")[1].split()
            summary = proc.stderr.strip().splitlines()[-1]
            conflicts = [line for line in proc.stderr.splitlines() if line.startswith("conflict:")]
            rows.append((f"generate over {n} legal topics ({size:.1f} MB) into the shipped registry: {label}",
                         f"{float(seconds):.1f} s, peak {rss} MB", f"exit {code}; {summary}"))
            if label == "first run":
                generated = registry / "generated.yaml"
                entries = len(re.findall(r"(?m)^  - id: ", generated.read_text(encoding="utf-8"))) if generated.exists() else 0
                examples = "; ".join(c.removeprefix("conflict: ")[:160] for c in conflicts[:3])
                rows.append(("entries in generated.yaml (documents and issuers)", str(entries),
                             f"{len(conflicts)} conflicts reported, e.g. {examples}" if conflicts else "no conflicts"))
    emit(rows, "bench_generate.py", args.write)
    return 0


if __name__ == "__main__":
    sys.exit(main())
