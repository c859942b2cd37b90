"""Findings judged by hand: what share of citelint's findings on real text are right.

    python bench/judged/judge.py sample --out DIR [--warnings 100] [--seed N]   # findings to judge
    python bench/judged/judge.py score [--write bench/RESULTS.md]     # precision against the judgments
    python bench/judged/judge.py dates [--write bench/RESULTS.md]     # the news articles' inferred dates

Both run `citelint check --format json-lines` with the shipped registry over the seeds and over
`../shared/corpus/` split as bench/golden.py splits it (news into its articles, legal text into
its topics).  A finding is known by its file, span and code.

`sample` writes DIR/to-judge.jsonl (outside the project: it quotes the corpus): every
error-severity finding and a random sample of warnings (fixed seed), none judged before, each
with the text around
it (and each whole article under DIR/files/).  Judges add a verdict ("true", "false" or "unsure") and a one-line reason, judging from the
text and public sources, not from what the tool says, and the verdicts are kept in
`judgments.jsonl` here: keys, code, severity when judged, the document a conflict is about (its
symbol), verdict, reason, the round of judging, and nothing more of the corpus's text.

`score` runs the check again and reports, per rule family and severity, how many judged findings
are still reported and how many of those were judged true (precision), the judged-true findings
no longer reported (lost), and the error-severity findings nobody has judged yet.

`dates` infers the date of each news article (all of 2004–2006, by the corpus's README) and
counts, per confidence, how many fall inside and outside those years: a date outside them is
certainly wrong, so the share inside bounds how far each confidence can be trusted.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCH = HERE.parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from bench_extract import emit_table  # noqa: E402
from golden import DEFAULT_CORPUS, prepare  # noqa: E402

JUDGMENTS = HERE / "judgments.jsonl"
CONTEXT = 300


def key(d: dict) -> str:
    return f"{d['path']}:{d['start']}:{d['end']}:{d['code']}"


def run_check(corpus: Path, tmp: Path) -> list[dict]:
    prepare(corpus, tmp)
    cmd = [sys.executable, "-m", "citelint", "check", "seeds", "news", "legal", "--format", "json-lines",
           "--registry", str(ROOT / "registry"), "--no-baseline"]
    env = dict(os.environ, CITELINT_CACHE_DIR=str(tmp / ".cache"))
    out = subprocess.run(cmd, cwd=tmp, env=env, capture_output=True, text=True, check=False)
    if out.returncode not in (0, 1):
        raise SystemExit(out.stderr)
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


def sample(findings: list[dict], tmp: Path, out: Path, warnings: int, seed: int = 20261130) -> None:
    judged = {json.loads(line)["key"] for line in JUDGMENTS.read_text(encoding="utf-8").splitlines() if line.strip()} \
        if JUDGMENTS.exists() else set()
    findings = [d for d in findings if key(d) not in judged]  # a new sample judges new findings
    errors = [d for d in findings if d["severity"] == "error"]
    rest = [d for d in findings if d["severity"] != "error"]
    rng = random.Random(seed)
    # warnings spread over their codes: at most a third of the sample from any one code
    by_code: dict[str, list[dict]] = {}
    for d in rest:
        by_code.setdefault(d["code"], []).append(d)
    chosen: list[dict] = []
    cap = max(1, warnings // 3)
    for code in sorted(by_code):
        chosen += rng.sample(by_code[code], min(cap, len(by_code[code])))
    rng.shuffle(chosen)
    chosen = chosen[:warnings]
    out.mkdir(parents=True, exist_ok=True)
    with (out / "to-judge.jsonl").open("w", encoding="utf-8") as f:
        for d in errors + chosen:
            with (tmp / d["path"]).open(encoding="utf-8", newline="") as src:  # offsets count "\r" too
                text = src.read()
            whole = out / "files" / d["path"]  # the whole article, for findings that span it (CL307)
            whole.parent.mkdir(parents=True, exist_ok=True)
            with whole.open("w", encoding="utf-8", newline="") as dst:
                dst.write(text)
            c = d.get("citation") or {}
            f.write(json.dumps({
                "key": key(d), "code": d["code"], "severity": d["severity"], "message": d["message"],
                "help": d.get("help"), "citation": c.get("text"),
                "before": text[max(0, d["start"] - CONTEXT) : d["start"]], "finding": text[d["start"] : d["end"]],
                "after": text[d["end"] : d["end"] + CONTEXT],
            }, ensure_ascii=False) + "\n")
    print(f"{len(errors)} errors and {len(chosen)} warnings to judge in {out / 'to-judge.jsonl'}")


def score(findings: list[dict]) -> list[tuple[str, str, str]]:
    judged = [json.loads(line) for line in JUDGMENTS.read_text(encoding="utf-8").splitlines() if line.strip()]
    now = {key(d): d for d in findings}
    rows: list[tuple[str, str, str]] = []
    families: dict[tuple[str, str], Counter] = {}
    lost = []
    # a conflict is reported once per document and article now: a judged-true finding whose
    # document still has that finding in its article is not lost
    still = {(d["path"], d["code"], d["message"].split()[0]) for d in findings}
    merged = 0
    for j in judged:
        family = j["code"][:3] + "xx"
        d = now.get(j["key"])
        if d is None:
            if j["verdict"] == "true":
                if j.get("document") and (j["key"].split(":")[0], j["code"], j["document"]) in still:
                    merged += 1
                else:
                    lost.append(j)
            continue
        c = families.setdefault((family, d["severity"]), Counter())
        c[j["verdict"]] += 1
    for (family, severity), c in sorted(families.items()):
        decided = c["true"] + c["false"]
        precision = f"{c['true'] / decided:.2f}" if decided else "-"
        rows.append((f"{family} {severity}s judged and still reported", f"precision {precision}",
                     f"{c['true']} true, {c['false']} false, {c['unsure']} unsure"))
    for rnd in sorted({j.get("round", 1) for j in judged}):
        c = Counter(j["verdict"] for j in judged if j.get("round", 1) == rnd and j["key"] in now)
        decided = c["true"] + c["false"]
        rows.append((f"round {rnd}: judged findings still reported", f"precision {c['true'] / decided:.2f}" if decided else "-",
                     f"{c['true']} true, {c['false']} false, {c['unsure']} unsure"))
    errors = [d for d in findings if d["severity"] == "error"]
    unjudged = [d for d in errors if key(d) not in {j["key"] for j in judged}]
    all_true = sum(c["true"] for (f, s), c in families.items() if s == "error")
    all_false = sum(c["false"] for (f, s), c in families.items() if s == "error")
    rows.append(("all errors judged and still reported",
                 f"precision {all_true / (all_true + all_false):.2f}" if all_true + all_false else "-",
                 f"{all_true} true, {all_false} false"))
    rows.append(("judged-true findings no longer reported", str(len(lost)), ", ".join(j["key"] for j in lost[:10])))
    rows.append(("judged-true findings now reported once for their document", str(merged), ""))
    rows.append(("error findings not judged", str(len(unjudged)), ", ".join(f"{d['code']} {key(d)}" for d in unjudged[:10])))
    rows.append(("findings judged", str(len(judged)), f"{len(findings)} reported now"))
    return rows


def dates(corpus: Path) -> list[tuple[str, str, str]]:
    import lzma

    from citelint.context.infer import infer_context

    text = lzma.decompress((corpus / "vntc-news.txt.xz").read_bytes()).decode("utf-8")
    counts: Counter = Counter()
    for article in text.split("\n### "):
        ctx = infer_context(article)
        if ctx.year is None:
            counts["unknown", ""] += 1
        else:
            counts[ctx.date_confidence, "in" if 2004 <= ctx.year <= 2006 else "out"] += 1
    rows = []
    for confidence in ("high", "low"):
        inside, outside = counts[confidence, "in"], counts[confidence, "out"]
        share = f"{inside / (inside + outside):.2f}" if inside + outside else "-"
        rows.append((f"news articles dated with {confidence} confidence", str(inside + outside),
                     f"{inside} within 2004–2006 ({share}), {outside} outside"))
    rows.append(("news articles with no date", str(counts["unknown", ""]), ""))
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("action", choices=("sample", "score", "dates"))
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--out", type=Path, help="sample: where to write the findings to judge (outside the project)")
    ap.add_argument("--warnings", type=int, default=100)
    ap.add_argument("--seed", type=int, default=20261130, help="sample: the random seed (a new one for a new sample)")
    ap.add_argument("--write", type=Path, help="score: rewrite this section of a results file")
    args = ap.parse_args(argv)
    if args.action == "dates":
        return _emit(dates(args.corpus), args.write, "judged/judge.py dates")
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        findings = run_check(args.corpus, tmp)
        if args.action == "sample":
            if args.out is None:
                ap.error("sample needs --out DIR")
            sample(findings, tmp, args.out, args.warnings, args.seed)
            return 0
    return _emit(score(findings), args.write, "judged/judge.py")


def _emit(rows: list[tuple[str, str, str]], write: Path | None, name: str) -> int:
    emit_table(rows, write, name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
