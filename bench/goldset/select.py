"""Choose the development snippets: for each class of citation form (and of look-alike) the
extraction issue names, a few places in the corpora where a pattern of that class occurs,
sampled with a fixed seed.  The pattern only chooses where to look; what is a citation there,
and its fields, is annotated by hand from the text (annotations/*.jsonl).

    python bench/goldset/select.py            # rewrite bench/goldset/snippets.jsonl
    python bench/goldset/select.py --export DIR   # write each snippet's text to DIR/ID.txt for annotators

A snippet is the line the match is on, cut to about 300 characters on each side at a space
(for the line-wrap class, the line before too), given by its offsets in the decompressed corpus.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import HERE, corpus_text, digest, document_name, snippet_text  # noqa: E402

SNIPPETS = HERE / "snippets.jsonl"
REACH = 300

# class -> (pattern, corpora to look in, how many snippets)
CLASSES: dict[str, tuple[str, tuple[str, ...], int]] = {
    # forms to read
    "old-state": (r"\b\d+[-/](?:HĐBT|CP|TTg|SL|L/CTN|LCT/HĐNN\d?)\b", ("news", "legal"), 10),
    "joint": (r"\d+/\d{4}/(?:TTLT|NQLT)[-/]", ("legal",), 8),
    "ampersand-issuer": (r"\d+/[^\s]*&Đ?T\b", ("legal",), 5),
    "lower-case-code": (r"\b\d+/\d{4}/(?:tt|nđ|qđ|ttlt)-[a-zđ]+", ("legal",), 5),
    "number-year-no-type": (r"(?:Nghị định|Thông tư|Quyết định|Chỉ thị) (?:số )?\d+/\d{4}(?![/\d-])", ("news", "legal"), 6),
    "number-year-in-words": (r"(?:Nghị định|Thông tư|Quyết định|Nghị quyết) số \d+ năm \d{4}", ("news", "legal"), 4),
    "letter": (r"(?:[Cc]ông văn|[Vv]ăn bản) (?:số )?\d+/[A-ZĐ][A-ZĐa-z]*-[A-ZĐ]+", ("news", "legal"), 8),
    "separator-swap": (r"\b\d+ ?[-/] ?(?:NQ|QĐ|CT|KL)/(?:TU|TW|UB|HU)\b|\b\d+ (?:NQ|QĐ|CT)/T[WU]\b|\b\d+CP\b|\bH\.U\b", ("news", "legal"), 6),
    "line-wrap": (r"(?:Chỉ thị|Nghị quyết|Nghị định|Quyết định|Thông tư|Luật)[ \t]*\n[ \t]*(?:số[ \t]*)?\d", ("news", "legal"), 4),
    "all-caps": (r"(?:QUYẾT ĐỊNH|NGHỊ ĐỊNH|THÔNG TƯ|NGHỊ QUYẾT|CHỈ THỊ|LUẬT)(?: SỐ)? \d+", ("news", "legal"), 4),
    "assembly": (r"\b\d+/\d{4}/(?:QH1\d|UBTVQH1\d|NQ-UBTVQH1\d)\b", ("news", "legal"), 8),
    "named-law": (r"\b(?:Bộ luật|Luật) [A-ZĐ][\wÀ-ỹ]*(?: [a-zà-ỹđ][\wÀ-ỹ]*){0,4}(?: (?:năm )?\d{4})?", ("news", "legal"), 12),
    "constitution-charter": (r"\bHiến pháp(?: năm)?(?: \d{4})?|\bĐiều lệ Đảng", ("news", "legal"), 6),
    "congress": (r"Nghị quyết Đại hội[^.;\n]{0,80}", ("news", "legal"), 6),
    "pinpoint": (r"(?:điểm [a-zđ],? )?khoản \d+,? Điều \d+ (?:của )?(?:Luật|Bộ luật|Nghị định|Thông tư|Quyết định)", ("news", "legal"), 8),
    "party": (r"\b\d+-(?:NQ|QĐ|CT|KL|HD|TB|CTr)/T[WƯU]\b", ("news", "legal"), 8),
    "state": (r"\b\d+/\d{4}/(?:NĐ-CP|TT-[A-ZĐ]+|QĐ-TTg)\b", ("news", "legal"), 8),
    # look-alikes
    "form-code": (r"[Mm]ẫu số \S+|MẪU SỐ \S+", ("legal",), 5),
    "standard": (r"\b(?:QCVN|TCVN) [\d.:/A-Z-]+", ("news", "legal"), 5),
    "file-name": (r"\S+\.docx?\b", ("legal",), 4),
    "draft": (r"dự thảo (?:Luật|Nghị định|Nghị quyết|Thông tư|Bộ luật)", ("news", "legal"), 4),
    "count-or-period": (r"\b\d+ (?:Nghị định|Thông tư|Quyết định|văn bản)\b|Kế hoạch \d+ năm|[Qq]uý [IV]+/\d{4}|giai đoạn \d{4} ?- ?\d{4}", ("news", "legal"), 6),
    "codification-id": (r"Điều \d+\.\d+\.[A-Z]+\.\d+", ("legal",), 3),
    "numbers-in-news": (r"số \d+ (?:phố|đường)|km \d+|\b\d{2}[A-Z]-\d{3}\.?\d{2}\b|\b0\d{2,3}[ .]\d{3,4}[ .]?\d{3,4}\b|COVID-19", ("news",), 5),
    # a second round (appended, so that the snippets above stay as they were): ordinary text
    "legal-dense": (r"\b\d+/\d{4}/[A-ZĐ]+-[A-ZĐ]+\b", ("legal",), 25),
    "news-type-word": (r"(?:Nghị quyết|Nghị định|Quyết định|Thông tư|Chỉ thị|Luật|Chương trình|Kế hoạch) (?:số )?\d+", ("news",), 20),
    "news-named": (r"\b(?:Luật|Bộ luật|Pháp lệnh) [A-ZĐ]\w+", ("news",), 10),
    "lookalike-mixed": (r"[Mm]ẫu số|QCVN|TCVN|số \d+ (?:phố|đường)|[Qq]uý [IV]+|\d+ (?:văn bản|Nghị định|Thông tư)\b", ("news", "legal"), 10),
    # a third round (appended): more ordinary text
    "legal-citing": (r"(?:Căn cứ|theo|tại) (?:Luật|Nghị định|Thông tư|Quyết định)", ("legal",), 15),
    "news-citing": (r"(?:theo|Theo|căn cứ|Căn cứ) (?:Luật|Nghị định|Thông tư|Quyết định|Nghị quyết|Chỉ thị)", ("news",), 12),
    # a fourth round (appended): references between documents in the codification's notes
    "legal-amending": (r"(?:sửa đổi, bổ sung|bãi bỏ|thay thế) (?:bởi|theo|tại) ", ("legal",), 10),
    # a fifth round (appended), chosen after the extractor's forms were written: any mention of a
    # document type, a symbol or an abbreviation, in ordinary news and legal text
    "news-unseen": (r"\b(?:[Nn]ghị (?:quyết|định)|[Qq]uyết định|[Tt]hông tư|[Cc]hỉ thị|[Ll]uật|Pháp lệnh|Hiến pháp|NĐ|QĐ|NQ)\b|\b\d+[-/][A-ZĐ]", ("news",), 20),
    "legal-unseen": (r"\b(?:Nghị (?:quyết|định)|Quyết định|Thông tư|Chỉ thị|Luật|Pháp lệnh|Bộ luật)\b", ("legal",), 12),
}


def window(text: str, start: int, end: int, wrap: bool) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, start) + 1
    if wrap:
        line_start = text.rfind("\n", 0, max(0, line_start - 1)) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    a = max(line_start, start - REACH)
    b = min(line_end, end + REACH)
    if a > line_start:
        space = text.find(" ", a, start)
        a = space + 1 if space >= 0 else a
    if b < line_end:
        space = text.rfind(" ", end, b)
        b = space if space >= 0 else b
    return a, b


def select(seed: int = 20261130) -> list[dict]:
    rng = random.Random(seed)
    chosen: list[dict] = []
    taken: dict[str, list[tuple[int, int]]] = {"news": [], "legal": []}
    for cls, (pattern, corpora, count) in CLASSES.items():
        regex = re.compile(pattern)
        matches = [(c, m.start(), m.end()) for c in corpora for m in regex.finditer(corpus_text(c))]
        rng.shuffle(matches)
        picked = 0
        for corpus, s, e in matches:
            if picked >= count:
                break
            if any(a <= s < b for a, b in taken[corpus]):
                continue  # inside a snippet already chosen
            a, b = window(corpus_text(corpus), s, e, cls == "line-wrap")
            taken[corpus].append((a, b))
            text = snippet_text(corpus, a, b)
            chosen.append({"id": f"{cls}-{picked + 1:02d}", "class": cls, "corpus": corpus, "doc": document_name(corpus, a),
                           "start": a, "end": b, "sha1": digest(text)})
            picked += 1
    return chosen


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--export", type=Path, help="write each snippet's text to DIR/ID.txt (outside the project)")
    args = ap.parse_args(argv)
    if args.export:
        args.export.mkdir(parents=True, exist_ok=True)
        for line in SNIPPETS.read_text(encoding="utf-8").splitlines():
            s = json.loads(line)
            text = snippet_text(s["corpus"], s["start"], s["end"])
            if digest(text) != s["sha1"]:
                raise SystemExit(f"{s['id']}: the corpus changed (hash {digest(text)}, recorded {s['sha1']})")
            (args.export / f"{s['id']}.txt").write_text(text, encoding="utf-8")
        return 0
    snippets = select()
    SNIPPETS.write_text("".join(json.dumps(s, ensure_ascii=False) + "\n" for s in snippets), encoding="utf-8")
    by_class = {}
    for s in snippets:
        by_class[s["class"]] = by_class.get(s["class"], 0) + 1
    print(f"{len(snippets)} snippets: " + ", ".join(f"{k} {v}" for k, v in by_class.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
