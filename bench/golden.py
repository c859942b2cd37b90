"""Byte-for-byte comparison of citelint's output against a recorded run.

    python bench/golden.py record  [--corpus ../shared/corpus] [--out bench/golden.json]
    python bench/golden.py compare [--corpus ../shared/corpus] [--out bench/golden.json]

Runs the command-line tool on the seeds, on the news corpus split into its 12,676 articles
(one file each) and on the legal corpus split into its 149 topics, in every output format of
`check` (with and without the baseline on the seeds), `extract --format jsonl` (with and
without the registry) and `registry generate --dry-run --diff` into a copy of the shipped
registry.  Each output (standard output, standard error, exit status) is reduced to its
SHA-256 and recorded in `bench/golden.json`; `compare` runs the same commands and names every
one whose output changed.  The outputs themselves are kept in `bench/.work/golden/` (not
committed) so that a difference can be read with `diff`.

The corpora are read from `../shared/corpus/` and written, split, into a temporary folder;
they are never copied into the project.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import lzma
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
WORK = HERE / ".work" / "golden"

CHECK_FORMATS = ("full", "concise", "json", "json-lines", "sarif", "github")


def split_into_files(text: str, into: Path) -> None:
    """One file per `### name` document, named by its position (names may repeat)."""
    into.mkdir(parents=True)
    parts = text.split("\n### ")
    for i, part in enumerate(parts):
        body = part[4:] if i == 0 and part.startswith("### ") else part
        (into / f"{i:05d}.txt").write_text("### " + body if i else body, encoding="utf-8")


def commands() -> list[tuple[str, list[str]]]:
    """(name, argv) of every command compared; run from the temporary folder."""
    registry = str(ROOT / "registry")
    baseline = str(ROOT / "citelint-baseline.json")
    cmds: list[tuple[str, list[str]]] = []
    for fmt in CHECK_FORMATS:
        cmds.append((f"check-seeds-{fmt}", ["check", "seeds", "--format", fmt, "--registry", registry,
                                             "--baseline", baseline]))
        cmds.append((f"check-seeds-nobaseline-{fmt}", ["check", "seeds", "--format", fmt, "--registry", registry,
                                                        "--no-baseline"]))
        for corpus in ("news", "legal"):
            cmds.append((f"check-{corpus}-{fmt}", ["check", corpus, "--format", fmt, "--registry", registry,
                                                    "--no-baseline"]))
    cmds.append(("check-seeds-statistics", ["check", "seeds", "--statistics", "--registry", registry, "--no-baseline"]))
    cmds.append(("check-seeds-noregistry", ["check", "seeds", "--format", "concise", "--no-registry", "--no-baseline"]))
    for corpus in ("seeds", "news", "legal"):
        cmds.append((f"extract-{corpus}", ["extract", corpus, "--format", "jsonl", "--no-registry"]))
        cmds.append((f"extract-{corpus}-registry", ["extract", corpus, "--format", "jsonl", "--registry", registry]))
        cmds.append((f"generate-{corpus}", ["registry", "generate", corpus, "--into", "reg", "--dry-run", "--diff"]))
    return cmds


def prepare(corpus: Path, tmp: Path) -> None:
    shutil.copytree(ROOT / "seeds", tmp / "seeds")
    shutil.copytree(ROOT / "registry", tmp / "reg")
    split_into_files(lzma.decompress((corpus / "vntc-news.txt.xz").read_bytes()).decode("utf-8"), tmp / "news")
    split_into_files(lzma.decompress((corpus / "phapdien-legal.txt.xz").read_bytes()).decode("utf-8"), tmp / "legal")
    # An empty configuration, so that the project's own (baseline, registry) is not picked up.
    (tmp / "citelint.toml").write_text("", encoding="utf-8")


def run_all(corpus: Path) -> dict[str, str]:
    exe = shutil.which("citelint") or str(Path(sys.executable).with_name("citelint"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CITELINT_", "COLUMNS", "LINES"))}
    env.update({"COLUMNS": "100", "TERM": "dumb", "NO_COLOR": "1", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"})
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    digests: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="citelint-golden-") as name:
        tmp = Path(name)
        prepare(corpus, tmp)
        env["CITELINT_CACHE_DIR"] = str(tmp / ".registry-cache")
        for key, argv in commands():
            if argv[0] == "check":
                argv = argv + ["--no-cache", "--jobs", "2"]
            proc = subprocess.run([exe, *argv], cwd=tmp, env=env, capture_output=True, timeout=1800)
            blob = proc.stdout + b"\n--- stderr ---\n" + proc.stderr + f"\n--- exit {proc.returncode} ---\n".encode()
            (WORK / f"{key}.out").write_bytes(blob)
            digests[key] = hashlib.sha256(blob).hexdigest()
            print(f"{key}: exit {proc.returncode}, {len(proc.stdout):,} bytes", flush=True)
    return digests


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("action", choices=("record", "compare"))
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--out", type=Path, default=HERE / "golden.json")
    args = ap.parse_args(argv)
    digests = run_all(args.corpus)
    if args.action == "record":
        args.out.write_text(json.dumps(digests, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"recorded {len(digests)} outputs in {args.out}")
        return 0
    recorded = json.loads(args.out.read_text(encoding="utf-8"))
    changed = sorted(k for k in recorded.keys() | digests.keys() if recorded.get(k) != digests.get(k))
    for key in changed:
        print(f"CHANGED: {key} (see {WORK / (key + '.out')})")
    print(f"{len(recorded) - len(changed)} of {len(recorded)} outputs identical")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
