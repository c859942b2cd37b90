"""Resolutions judged by hand: when a citation resolves, is it the document the article means?

    python bench/judged/resolutions.py sample --out DIR [--seed N]   # resolutions to judge
    python bench/judged/resolutions.py score [--write bench/RESULTS.md]

Both resolve every citation of the seeds and of `../shared/corpus/` (split as bench/golden.py
splits it) against the built-in registry, as `citelint check` does with no configuration.

`sample` draws resolved citations at random (fixed seed) in three strata, so that the rare kinds
are judged too: 20 State citations of the news, 15 of the legal text, 15 central-Party (/TW)
citations of any corpus; none judged before.  It writes DIR/to-judge.jsonl (outside the project:
it quotes the corpus): the citation, the text around it, and the registry document it resolved to
(type, symbol, date, issuer, title, names, sources).  A judge reads the text — and, where the text
does not settle it, the document's public source — and gives a verdict: "right" (the article
means this document), "wrong" (it means another one: another year's, another term's, another
body's), or "unsure", with a one-line reason.  Verdicts are kept in `resolutions.jsonl` here:
key (file, span), the document's id when judged, the stratum, verdict, reason, round.

`score` resolves again and counts, per stratum: judged resolutions still resolved to the same
document, and of those how many were judged right; judged ones now resolved elsewhere or not at
all.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCH = HERE.parent
sys.path.insert(0, str(BENCH))

from bench_extract import emit_table  # noqa: E402
from golden import DEFAULT_CORPUS, prepare  # noqa: E402

JUDGMENTS = HERE / "resolutions.jsonl"
CONTEXT = 300
STRATA = {"news State": 20, "legal State": 15, "party /TW": 15}


def stratum(path: str, citation) -> str | None:
    corpus = path.split("/", 1)[0]
    if citation.kind == "party" and citation.issuer_code == "TW":
        return "party /TW"
    state = citation.kind in ("state", "law") or (
        citation.kind == "named" and citation.meeting is None and citation.canonical_name)
    if state and corpus in ("news", "legal"):
        return f"{corpus} State"
    return None


def resolutions(root: Path) -> tuple[dict[str, tuple[str, object, str]], object]:
    """Every resolved citation in scope: key -> (stratum, Resolved, file text)."""
    from citelint.check.analyse import analyse
    from citelint.config import Options
    from citelint.registry.build import load_layered

    registry = load_layered(None)
    found: dict[str, tuple[str, object, str]] = {}
    for corpus in ("seeds", "news", "legal"):
        for path in sorted((root / corpus).rglob("*.txt")):
            rel = path.relative_to(root).as_posix()
            with path.open(encoding="utf-8", newline="") as f:  # offsets count "\r" too
                text = f.read()
            a = analyse(text, path=rel, options=Options(registry=registry))
            for r in a.resolved:
                s = stratum(rel, r.citation)
                if s and r.status == "resolved" and r.document is not None:
                    found[f"{rel}:{r.citation.start}:{r.citation.end}"] = (s, r, text)
    return found, registry


def judged() -> list[dict]:
    if not JUDGMENTS.exists():
        return []
    return [json.loads(line) for line in JUDGMENTS.read_text(encoding="utf-8").splitlines() if line.strip()]


def sample(found: dict, registry, out: Path, seed: int) -> None:
    seen = {j["key"] for j in judged()}
    rng = random.Random(seed)
    chosen: list[str] = []
    for s, n in STRATA.items():
        keys = sorted(k for k, (st, _, _) in found.items() if st == s and k not in seen)
        chosen += rng.sample(keys, min(n, len(keys)))
    out.mkdir(parents=True, exist_ok=True)
    with (out / "to-judge.jsonl").open("w", encoding="utf-8") as f:
        for k in chosen:
            s, r, text = found[k]
            c, d = r.citation, r.document
            f.write(json.dumps({
                "key": k, "stratum": s, "document": {
                    "id": d.id, "type": d.type, "symbol": d.symbol, "number": d.number,
                    "date": d.date.isoformat() if d.date else None, "issuer": registry.issuers[d.issuer].name,
                    "term": d.term, "title": d.title, "names": list(d.names), "sources": list(d.sources)},
                "before": text[max(0, c.start - CONTEXT): c.start], "citation": text[c.start: c.end],
                "after": text[c.end: c.end + CONTEXT],
            }, ensure_ascii=False) + "\n")
    print(f"{len(chosen)} resolutions to judge in {out / 'to-judge.jsonl'}")


def score(found: dict) -> list[tuple[str, str, str]]:
    judgments = judged()
    rows = [_row(f"resolutions judged: {s}", _tally((j for j in judgments if j["stratum"] == s), found)) for s in STRATA]
    rows.append(_row("resolutions judged: all", _tally(judgments, found)))
    for rnd in sorted({j["round"] for j in judgments}):
        rows.append(_row(f"round {rnd}", _tally((j for j in judgments if j["round"] == rnd), found)))
    return rows


def _tally(judgments, found: dict) -> Counter:
    """For judged resolutions: how many still resolve to the judged document (and their
    verdicts), resolve elsewhere now, or no longer resolve."""
    c: Counter = Counter()
    for j in judgments:
        now = found.get(j["key"])
        if now is None:
            c["no longer resolved"] += 1
        elif now[1].document.id != j["document"]:
            c["now another document"] += 1
        else:
            c["same"] += 1
            c[j["verdict"]] += 1
    return c


def _row(name: str, c: Counter) -> tuple[str, str, str]:
    same = c["same"]
    share = f"{c['right'] / same:.2f}" if same else "–"
    return (name, f"{c['right']} right of {same} ({share})",
            f"wrong {c['wrong']}, unsure {c['unsure']}; judged but now another document {c['now another document']}, "
            f"no longer resolved {c['no longer resolved']}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("action", choices=("sample", "score"))
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--out", type=Path, help="sample: where to write the resolutions to judge (outside the project)")
    ap.add_argument("--seed", type=int, default=20261201, help="sample: the random seed (a new one for a new sample)")
    ap.add_argument("--write", type=Path, help="score: rewrite this section of a results file")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        prepare(args.corpus, tmp)
        found, registry = resolutions(tmp)
        if args.action == "sample":
            if args.out is None:
                ap.error("sample needs --out DIR")
            sample(found, registry, args.out, args.seed)
            return 0
        rows = score(found)
    emit_table(rows, args.write, "judged/resolutions.py")
    return 0


if __name__ == "__main__":
    sys.exit(main())
