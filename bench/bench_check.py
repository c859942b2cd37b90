"""Check benchmarks: throughput on real news, start-up of one check, a large registry.

    python bench/bench_check.py [--corpus ../shared/corpus] [--runs 30] [--write bench/RESULTS.md]

1. `check` throughput on the news corpus, single core: every article (the corpus holds 12,676,
   each starting with a "### name" line) checked against the built-in registry, as
   `citelint check` does for one file: extraction, context inference, resolution, rules.
2. `citelint check seeds/004_...txt` as a user runs it, interpreter start included: the median
   and the minimum of N runs in fresh processes.  Source files are byte-compiled first, as any
   installed package is (this sandbox sets PYTHONDONTWRITEBYTECODE, which would otherwise make
   every run recompile citelint's modules).
3. The built-in registry, then a synthetic one of 100,000 documents: each validated and indexed
   once (in a fresh process, with an empty cache), then loaded again in another fresh process
   from the cache.
"""

from __future__ import annotations

import argparse
import compileall
import lzma
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
sys.path.insert(0, str(HERE))

from bench_extract import emit, mb, split_documents  # noqa: E402

from citelint.check.analyse import check_file, lint_text  # noqa: E402
from citelint.config import Options  # noqa: E402
from citelint.registry.build import load_registry  # noqa: E402


def throughput(corpus: Path) -> list[tuple[str, str, str]]:
    news = lzma.decompress((corpus / "vntc-news.txt.xz").read_bytes()).decode("utf-8")
    docs = split_documents(news)
    registry = load_registry(ROOT / "registry")
    lint_text("Nghị quyết số 15-NQ/TW", options=Options(registry=registry))  # parser built outside the timing
    size = sum(mb(d) for d in docs)
    # As a user runs it on the corpus file: one file, read, decoded and checked as one text.
    with tempfile.TemporaryDirectory() as tmp:
        whole = Path(tmp) / "vntc-news.txt"
        whole.write_text(news, encoding="utf-8")
        t0 = time.perf_counter()
        one = check_file(str(whole), Options(registry=registry))
        whole_seconds = time.perf_counter() - t0
    rows = [(f"`check` of the news corpus file as it is ({mb(news):.1f} MB, one file)", f"{mb(news) / whole_seconds:.1f} MB/s",
             f"{whole_seconds:.2f} s; {one.citations} citations, {len(one.diagnostics)} findings")]
    t0 = time.perf_counter()
    citations = findings = 0
    for i, d in enumerate(docs):
        report = lint_text(d, path=f"news/{i}.txt", options=Options(registry=registry))
        citations += report.citations
        findings += len(report.diagnostics)
    seconds = time.perf_counter() - t0
    return rows + [
        (f"`check` of each of its {len(docs):,} articles ({size:.1f} MB), one by one",
         f"{size / seconds:.1f} MB/s", f"{seconds:.2f} s; {citations} citations, {findings} findings; "
         f"{seconds / len(docs) * 1e6:.0f} µs per article, mostly inferring its date and place"),
    ]


_PROBE = """
import resource, subprocess, sys
out = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout
print(out.strip() + "\\n" + str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024))
"""


def fresh(cmd: list[str], env: dict) -> tuple[str, int]:
    """``cmd``'s output and peak memory (MB), run from a small fresh process: a child forked from
    this one would count this process's own pages, which its peak keeps after it execs."""
    out = subprocess.run([sys.executable, "-c", _PROBE, *cmd], cwd=ROOT, env=env, capture_output=True, text=True,
                         check=True).stdout.strip().splitlines()
    return "\n".join(out[:-1]), int(out[-1])


def timed(cmd: list[str], env: dict, runs: int, warm_up: int = 1) -> tuple[list[float], int]:
    """Wall seconds of ``runs`` runs of ``cmd`` (after ``warm_up`` untimed ones, which make the
    registry and parser caches as on any machine), and its peak memory (MB)."""
    for _ in range(warm_up):
        subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - t0)
    return times, fresh(cmd, env)[1]


def startup(runs: int) -> list[tuple[str, str, str]]:
    compileall.compile_dir(str(ROOT / "src"), quiet=1)
    exe = Path(sys.executable).with_name("citelint")
    cmd = [str(exe), "check", "seeds/004_8b74df4c981ce569.txt"]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    times, peak = timed(cmd, env, runs, warm_up=3)
    return [
        ("`citelint check seeds/004_8b74df4c981ce569.txt`, wall, interpreter start included",
         f"median {statistics.median(times) * 1000:.0f} ms", f"min {min(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms over {runs} runs; "
         f"peak memory {peak} MB"),
    ]


def synthetic_registry(directory: Path, n: int) -> None:
    """n Party documents of the Central Committee across three terms, each dated inside its term."""
    (directory / "term_sets.yaml").write_text(
        "term_sets:\n  - id: trung-uong\n    name: Ban Chấp hành Trung ương Đảng\n    terms:\n"
        '      - {name: XI, start: "2011-01-20", end: "2016-01-28"}\n'
        '      - {name: XII, start: "2016-01-29", end: "2021-02-01"}\n'
        '      - {name: XIII, start: "2021-02-02", end: "2026-01-23"}\n',
        encoding="utf-8",
    )
    (directory / "issuers.yaml").write_text(
        "issuers:\n  - {id: tw-bct, kind: party, name: Bộ Chính trị, codes: [TW], numbering: term, terms: trung-uong, sources: [synthetic]}\n",
        encoding="utf-8",
    )
    types = [("Quy định", "QĐ"), ("Nghị quyết", "NQ"), ("Chỉ thị", "CT"), ("Kết luận", "KL"), ("Hướng dẫn", "HD"), ("Thông báo", "TB")]
    terms = [("XI", 2012), ("XII", 2017), ("XIII", 2022)]
    lines = ["# A synthetic registry for the benchmark.", "documents:"]
    for i in range(n):
        type_name, code = types[i % len(types)]
        term, year = terms[(i // len(types)) % len(terms)]
        number = i // (len(types) * len(terms)) + 1
        month, day = 1 + i % 12, 1 + i % 28
        lines += [
            f"  - id: syn-{code.lower().replace('đ', 'd')}-{number}-{term.lower()}",
            f"    type: {type_name}",
            f'    number: "{number:02d}"',
            f"    symbol: {number:02d}-{code}/TW",
            "    issuer: tw-bct",
            f'    date: "{year}-{month:02d}-{day:02d}"',
            f"    term: {term}",
            f"    title: Văn bản số {i} của bộ dữ liệu thử",
            "    sources: [synthetic]",
            "    verified: false",
            "",
        ]
    (directory / "documents.yaml").write_text("\n".join(lines), encoding="utf-8")


_LOAD = """
import sys, time
from citelint.registry.build import load_registry
t0 = time.perf_counter()
registry = load_registry(sys.argv[1])
seconds = time.perf_counter() - t0
print(seconds, len(registry.documents))
"""


def load_twice(reg: Path, name: str) -> list[tuple[str, str, str]]:
    """The registry at ``reg`` loaded in a fresh process with an empty cache, then in another."""
    with tempfile.TemporaryDirectory() as tmp:
        size = sum(p.stat().st_size for p in reg.rglob("*.yaml")) / 1e6
        env = {**os.environ, "CITELINT_CACHE_DIR": str(Path(tmp) / "cache")}
        rows = []
        for label in ("validated and indexed (empty cache)", "loaded again (from the cache)"):
            out, rss = fresh([sys.executable, "-c", _LOAD, str(reg)], env)
            seconds, count = out.split()
            rows.append((f"{name} of {int(count):,} documents ({size:.1f} MB of YAML): {label}",
                         f"{float(seconds):.2f} s", f"peak memory {rss} MB"))
        return rows


def big_registry(n: int, runs: int = 10) -> list[tuple[str, str, str]]:
    with tempfile.TemporaryDirectory() as tmp:
        reg = Path(tmp) / "registry"
        reg.mkdir()
        synthetic_registry(reg, n)
        rows = load_twice(reg, "registry")
        # a one-file check with it (alone: its term set replaces the built-in one), as a user runs it, warm cache
        env = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, "CITELINT_CACHE_DIR": str(Path(tmp) / "cache")}
        exe = Path(sys.executable).with_name("citelint")
        cmd = [str(exe), "check", "--no-cache", "--no-builtin-registry", "--registry", str(reg), "seeds/004_8b74df4c981ce569.txt"]
        times, peak = timed(cmd, env, runs)
        rows.append((f"`citelint check --registry` (the {n:,} documents alone) of one article, warm cache",
                     f"median {statistics.median(times) * 1000:.0f} ms", f"peak memory {peak} MB; min {min(times) * 1000:.0f} ms over {runs} runs"))
        return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--documents", type=int, default=100_000)
    ap.add_argument("--write", type=Path)
    args = ap.parse_args(argv)
    rows = (throughput(args.corpus) + startup(args.runs) + load_twice(ROOT / "registry", "the built-in registry")
            + big_registry(args.documents))
    emit(rows, "bench_check.py", args.write)
    return 0


if __name__ == "__main__":
    sys.exit(main())
