"""Extraction benchmarks: throughput on real news text against a bare regex scan, scaling with
document size, and adversarial inputs.

    python bench/bench_extract.py [--corpus ../shared/corpus] [--repeat 3] [--write bench/RESULTS.md]

The corpus is read from its .xz file and decompressed in memory or into a temporary directory:
nothing of it is copied into the project.  Everything runs in one process on one core (Python
runs extraction single-threaded).  Each extraction timing starts with citelint's parse caches
cleared, so no run profits from an earlier one.
"""

from __future__ import annotations

import argparse
import lzma
import os
import platform
import re
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import lark

import citelint
from citelint import extract, extract_file
from citelint.find.extract import clear_caches

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus"

# A bare scan for the shapes of document symbols (24-QĐ/TW, 30/2020/NĐ-CP, 719/QĐ-TTg): the
# least a citation finder must do, as one compiled regex and nothing else.
BARE_SHAPES = re.compile(r"\d+\s*[-/]\s*(?:\d{4}\s*/\s*)?[A-ZĐ][A-Za-zĐđ]*")


def timed(fn, repeat: int) -> tuple[float, object]:
    times = []
    result = None
    for _ in range(repeat):
        clear_caches()
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def mb(text: str | bytes) -> float:
    return len(text.encode("utf-8") if isinstance(text, str) else text) / 1e6


def split_documents(text: str) -> list[str]:
    docs = re.split(r"(?m)^### .*\n", text)
    return [d for d in docs if d.strip()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--write", type=Path, help="write the results as Markdown to this file")
    args = ap.parse_args(argv)

    news_xz = args.corpus / "vntc-news.txt.xz"
    raw = lzma.decompress(news_xz.read_bytes())
    news = raw.decode("utf-8")
    extract("Nghị quyết số 15-NQ/TW")  # build the parser once, outside every timing

    rows: list[tuple[str, str, str]] = []

    # 1. throughput on the news text, against the bare scan, same run, same text
    bare_s, bare_hits = timed(lambda: sum(1 for _ in BARE_SHAPES.finditer(news)), args.repeat)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "vntc-news.txt"
        path.write_bytes(raw)
        full_s, result = timed(lambda: extract_file(str(path)), args.repeat)
    assert result.error is None, result.error
    str_s, _ = timed(lambda: extract(news), args.repeat)
    size = mb(raw)
    bare_rate, full_rate, str_rate = size / bare_s, size / full_s, size / str_s
    rows += [
        ("news text", f"{size:.1f} MB, {len(result.citations)} citations", ""),
        ("bare `re` scan for symbol shapes (decoded text)", f"{bare_rate:.1f} MB/s", f"{bare_hits} matches"),
        ("extract_file: read + decode + extract", f"{full_rate:.1f} MB/s", f"{full_rate / bare_rate:.2f} × bare scan"),
        ("extract(text): already decoded", f"{str_rate:.1f} MB/s", f"{str_rate / bare_rate:.2f} × bare scan"),
    ]

    # 2. one 5 MB article against 1,000 small ones
    docs = split_documents(news)
    small = docs[:1000]
    small_mb = sum(mb(d) for d in small)
    small_s, _ = timed(lambda: [extract(d) for d in small], args.repeat)
    big_parts, size_big = [], 0.0
    for d in docs[1000:]:
        big_parts.append(d)
        size_big += mb(d)
        if size_big >= 5.0:
            break
    big = "".join(big_parts)
    big_s, _ = timed(lambda: extract(big), args.repeat)
    per_mb_small, per_mb_big = small_s / small_mb, big_s / mb(big)
    rows += [
        (f"1,000 small articles ({small_mb:.2f} MB)", f"{per_mb_small * 1000:.1f} ms/MB", ""),
        (f"one {mb(big):.1f} MB article", f"{per_mb_big * 1000:.1f} ms/MB", f"{per_mb_big / per_mb_small:.2f} × the small ones' cost per MB"),
    ]

    # 3. adversarial input, 1 MB each
    one_mb = 1_000_000
    no_space = re.sub(r"\s+", "", news)
    adversarial = {
        "`số 1-NQ/` repeated": _to_bytes_len("số 1-NQ/", one_mb),
        "one 1 MB line without spaces (news text, white space removed)": _cut(no_space, one_mb),
        "one 1 MB line without spaces, citation-dense": _to_bytes_len("Nghịquyếtsố24-QĐ/TWngày30/7/2021củaBộChínhtrị", one_mb),
        "100k type words in a row (`Nghị quyết ` × 100,000)": "Nghị quyết " * 100_000,
        "100k type words each followed by `số `": "Nghị quyết số " * 100_000,
    }
    for name, text in adversarial.items():
        s, found = timed(lambda text=text: extract(text), args.repeat)
        rows.append((f"{name}: {mb(text):.2f} MB", f"{s:.2f} s", f"{len(found)} citations"))

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows.append(("peak resident memory of the whole run", f"{peak_mb:.0f} MB", ""))

    emit(rows, "bench_extract.py", args.write, note=f", lark {lark.__version__}, median of {args.repeat} runs")
    return 0


def _to_bytes_len(unit: str, n_bytes: int) -> str:
    reps = n_bytes // len(unit.encode("utf-8"))
    return unit * reps


def _cut(text: str, n_bytes: int) -> str:
    return text.encode("utf-8")[:n_bytes].decode("utf-8", errors="ignore")


def emit(rows: list[tuple[str, str, str]], name: str, write: Path | None, note: str = "", cores: str = "one used") -> None:
    """Print the results as a Markdown table (with the machine it ran on) and, with ``write``,
    put them in that file's section for this benchmark."""
    header = (f"citelint {citelint.__version__}, Python {platform.python_version()}, {platform.machine()}, "
              f"{os.cpu_count()} cores ({cores}){note}")
    table = ["| measurement | result | note |", "|---|---|---|"] + [f"| {a} | {b} | {c.replace('|', '/')} |" for a, b, c in rows]
    out = "\n".join([header, "", *table])
    print(out)
    if write:
        _write_section(write, out, name=name)


def emit_table(rows: list[tuple[str, str, str]], write: Path | None, name: str) -> None:
    """Print ``rows`` as a Markdown table and, with ``write``, put it in that file's section
    for ``name`` (no machine line: for measurements that do not depend on the machine)."""
    table = "\n".join(["| measurement | result | note |", "|---|---|---|"] + [f"| {a} | {b} | {c} |" for a, b, c in rows])
    print(table)
    if write:
        _write_section(write, table, name=name)


def _write_section(path: Path, body: str, name: str = "bench_extract.py") -> None:
    """Replace one benchmark's section of the results file, leaving the rest alone."""
    begin, end = f"<!-- {name} results -->", f"<!-- end {name} results -->"
    section = f"{begin}\n{body}\n{end}"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if begin in text and end in text:
        text = text[: text.index(begin)] + section + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip() + ("\n\n" if text.strip() else "") + section + "\n"
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
