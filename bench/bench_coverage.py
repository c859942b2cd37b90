"""How many numbered citations of central Party (/TW) and State documents resolve, per registry.

    python bench/bench_coverage.py --base DIR [--write bench/RESULTS.md]

Extracts every citation of the seeds and of ../shared/corpus/ (news split into its articles,
legal text into its topics, as bench/golden.py splits them), resolves them against the built-in
registry of this checkout and against the registry of DIR (an older checkout), and counts, per
corpus, the /TW Party citations and the State citations (symbol, or a law by name) and how many
of each resolve to one document.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from bench_extract import emit_table  # noqa: E402
from golden import DEFAULT_CORPUS, prepare  # noqa: E402


def count(root: Path, registry) -> Counter:
    from citelint.check.analyse import analyse
    from citelint.config import Options

    c: Counter = Counter()
    for path in sorted(root.rglob("*.txt")):
        corpus = path.relative_to(root).parts[0]
        a = analyse(path.read_text(encoding="utf-8"), path=str(path), options=Options(registry=registry))
        for r in a.resolved:
            x = r.citation
            if x.kind == "party" and x.issuer_code == "TW":
                kind = "party /TW"
            elif x.kind in ("state", "law"):
                kind = "State, by symbol"
            elif x.kind == "named" and x.meeting is None and x.canonical_name:
                kind = "State, a law by name"
            else:
                continue
            c[corpus, kind, "all"] += 1
            c[corpus, kind, "resolved"] += r.status == "resolved"
    return c


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--base", type=Path, required=True, help="an older checkout whose registry/ is compared")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--write", type=Path)
    args = ap.parse_args(argv)
    from citelint.registry.build import load_layered, load_registry

    now = load_layered(None)
    before = load_registry(args.base / "registry")
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        prepare(args.corpus, tmp)
        root = tmp
        for d in list(root.iterdir()):
            if d.is_dir() and d.name not in ("seeds", "news", "legal"):
                continue
        a, b = count(root, before), count(root, now)
    rows = []
    for corpus in ("seeds", "news", "legal"):
        for kind in ("party /TW", "State, by symbol", "State, a law by name"):
            n = b[corpus, kind, "all"]
            if not n:
                continue
            rows.append((f"{corpus}: {kind} citations resolved", f"{a[corpus, kind, 'resolved']} → {b[corpus, kind, 'resolved']} of {n}",
                         f"{b[corpus, kind, 'resolved'] / n:.0%} now, {a[corpus, kind, 'resolved'] / n:.0%} before "
                         f"({len(before.documents)} → {len(now.documents)} documents)"))
    emit_table(rows, args.write, "bench_coverage.py")
    return 0


if __name__ == "__main__":
    sys.exit(main())
