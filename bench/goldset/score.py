"""Score `citelint.extract` against the hand-annotated development set.

    python bench/goldset/score.py [--list] [--write bench/RESULTS.md]

For every annotated snippet (snippets.jsonl, annotations/*.jsonl) the text is cut from the
corpus again (its hash checked) and extracted as plain text.  A predicted citation and a gold
one *match* when their spans overlap (one to one, the larger overlap first).  Reported:

- found: P/R/F1 of matched spans; exact: of matches whose span is the gold one to the character;
- correct: a match whose kind, symbol and number are the gold ones (named references: kind and
  year) — P is over the predictions, R over the gold citations;
- the same for numbered citations (party, state, law, short) and named ones apart, and recall
  per gold kind and per snippet class;
- every prediction that overlaps an annotated look-alike;
- with ``--list``, every miss, every false positive and every wrong field, with its snippet.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from corpus import HERE, digest, snippet_text  # noqa: E402

NUMBERED = ("party", "state", "law", "short")
FIELDS = ("kind", "symbol", "type_name", "number", "year", "issuer_code", "date", "pinpoint")


@dataclass
class Gold:
    start: int
    end: int
    fields: dict


@dataclass
class Tally:
    gold: int = 0
    predicted: int = 0
    found: int = 0
    exact: int = 0
    correct: int = 0

    def prf(self, hits: int) -> tuple[float, float, float]:
        p = hits / self.predicted if self.predicted else 1.0
        r = hits / self.gold if self.gold else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


@dataclass
class Result:
    all: Tally = field(default_factory=Tally)
    numbered: Tally = field(default_factory=Tally)
    named: Tally = field(default_factory=Tally)
    recall_by_kind: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0]))  # kind -> [correct, gold]
    recall_by_class: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    field_errors: Counter = field(default_factory=Counter)
    lookalike_hits: int = 0
    lookalikes: int = 0
    snippets: int = 0
    listing: list = field(default_factory=list)


def locate(text: str, needle: str, occurrence: int) -> tuple[int, int]:
    pos = -1
    for _ in range(occurrence):
        pos = text.find(needle, pos + 1)
        if pos < 0:
            raise ValueError(f"{needle!r} does not occur {occurrence} times")
    return pos, pos + len(needle)


def normalised(c: dict) -> dict:
    """A gold citation as the scorer compares it: a null year with a date is the date's year; a
    pinpoint is compared by its article."""
    if c.get("year") is None and c.get("date"):
        c = {**c, "year": int(c["date"][:4])}
    pinpoint = c.get("pinpoint")
    return {**c, "pinpoint": str(pinpoint["article"]).split(",")[0].strip() if pinpoint else None}


def predicted_fields(c) -> dict:
    return {"kind": c.kind, "symbol": c.symbol, "type_name": c.type_name, "number": c.number, "year": c.year,
            "issuer_code": c.issuer_code, "date": c.date.isoformat() if c.date else None,
            "pinpoint": c.pinpoint.article if getattr(c, "pinpoint", None) else None}


def is_correct(g: dict, p: dict) -> bool:
    if g["kind"] != p["kind"]:
        return False
    if g["kind"] == "named":
        return g.get("year") in (None, p["year"])
    return g.get("symbol") == p["symbol"] and g.get("number") == p["number"]


def match(gold: list[Gold], pred: list) -> list[tuple[int, int]]:
    pairs = []
    for i, g in enumerate(gold):
        for j, c in enumerate(pred):
            overlap = min(g.end, c.end) - max(g.start, c.start)
            if overlap > 0:
                pairs.append((overlap, i, j))
    used_g, used_p, out = set(), set(), []
    for _, i, j in sorted(pairs, reverse=True):
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            out.append((i, j))
    return out


def score(extract) -> Result:
    snippets = {s["id"]: s for s in map(json.loads, (HERE / "snippets.jsonl").read_text(encoding="utf-8").splitlines())}
    res = Result()
    for path in sorted((HERE / "annotations").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            ann = json.loads(line)
            s = snippets[ann["id"]]
            text = snippet_text(s["corpus"], s["start"], s["end"])
            if digest(text) != s["sha1"]:
                raise SystemExit(f"{s['id']}: the corpus changed")
            res.snippets += 1
            gold = [Gold(*locate(text, c["text"], c.get("occurrence", 1)), normalised(c)) for c in ann["citations"]]
            looks = [locate(text, x["text"], x.get("occurrence", 1)) for x in ann.get("lookalikes", [])]
            res.lookalikes += len(looks)
            pred = extract(text)
            pairs = dict(match(gold, pred))
            matched_pred = set(pairs.values())
            for tally, keep in ((res.all, lambda k: True), (res.numbered, lambda k: k in NUMBERED), (res.named, lambda k: k == "named")):
                tally.gold += sum(1 for g in gold if keep(g.fields["kind"]))
                tally.predicted += sum(1 for c in pred if keep(c.kind))
            for i, g in enumerate(gold):
                kind = g.fields["kind"]
                buckets = [res.all] + ([res.numbered] if kind in NUMBERED else [res.named])
                res.recall_by_kind[kind][1] += 1
                res.recall_by_class[s["class"]][1] += 1
                if i not in pairs:
                    res.listing.append(("miss", s["id"], g.fields["text"], kind))
                    continue
                c = pred[pairs[i]]
                p = predicted_fields(c)
                for t in buckets:
                    t.found += 1
                    t.exact += (c.start, c.end) == (g.start, g.end)
                if is_correct(g.fields, p):
                    for t in buckets:
                        t.correct += 1
                    res.recall_by_kind[kind][0] += 1
                    res.recall_by_class[s["class"]][0] += 1
                wrong = [f for f in FIELDS if f in g.fields and g.fields.get(f) != p[f]]
                res.field_errors.update(wrong)
                if wrong:
                    res.listing.append(("field", s["id"], g.fields["text"],
                                        "; ".join(f"{f}: {g.fields.get(f)!r} → {p[f]!r}" for f in wrong)))
            for j, c in enumerate(pred):
                if j in matched_pred:
                    continue
                on_lookalike = any(min(b, c.end) - max(a, c.start) > 0 for a, b in looks)
                res.lookalike_hits += on_lookalike
                res.listing.append(("false positive" + (" (look-alike)" if on_lookalike else ""), s["id"], c.text, c.kind))
    return res


def rows(res: Result) -> list[tuple[str, str, str]]:
    out = []
    for name, t in (("all citations", res.all), ("numbered (party, state, law, short)", res.numbered), ("named", res.named)):
        fp, fr, ff = t.prf(t.found)
        cp, cr, cf = t.prf(t.correct)
        out.append((f"{name}: {t.gold} gold, {t.predicted} predicted",
                    f"correct P {cp:.3f} R {cr:.3f} F1 {cf:.3f}",
                    f"span found P {fp:.3f} R {fr:.3f}; exact span {t.exact}/{t.found}"))
    for kind, (ok, n) in sorted(res.recall_by_kind.items()):
        out.append((f"recall, gold kind `{kind}`", f"{ok}/{n} = {ok / n:.3f}", ""))
    for cls, (ok, n) in sorted(res.recall_by_class.items()):
        out.append((f"recall, snippet class `{cls}`", f"{ok}/{n} = {ok / n:.3f}" if n else "0/0", ""))
    out.append(("predictions on annotated look-alikes", f"{res.lookalike_hits} of {res.lookalikes} look-alikes", ""))
    out.append(("wrong fields among matches", ", ".join(f"{f} {n}" for f, n in res.field_errors.most_common()) or "none", ""))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--list", action="store_true", help="print every miss, false positive and wrong field")
    ap.add_argument("--write", type=Path, help="rewrite this benchmark's section of a results file")
    args = ap.parse_args(argv)
    from bench_extract import emit

    from citelint import extract

    res = score(extract)
    emit(rows(res), "goldset/score.py", args.write, note=f"; {res.snippets} snippets")
    if args.list:
        for what, sid, text, detail in sorted(res.listing, key=lambda x: (x[0], x[1])):
            print(f"{what:28} {sid:26} {text!r}  [{detail}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
