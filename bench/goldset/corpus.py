"""The shared corpora, decompressed once into a cache folder, and snippets cut from them by
offset.  Nothing of the corpora is kept in the project: a snippet is (corpus, start, end) in
code points of the decompressed text, with a hash of its text to notice a changed corpus."""

from __future__ import annotations

import hashlib
import lzma
import os
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CORPUS_DIR = Path(os.environ.get("CITELINT_CORPUS", ROOT.parent / "shared" / "corpus"))
CORPORA = {"news": "vntc-news.txt.xz", "legal": "phapdien-legal.txt.xz"}


@lru_cache(maxsize=None)
def corpus_text(name: str) -> str:
    """The decompressed text of one corpus ("news" or "legal")."""
    return lzma.decompress((CORPUS_DIR / CORPORA[name]).read_bytes()).decode("utf-8")


def snippet_text(corpus: str, start: int, end: int) -> str:
    return corpus_text(corpus)[start:end]


def digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def document_name(corpus: str, pos: int) -> str:
    """The ``### name`` of the document a position is in."""
    text = corpus_text(corpus)
    i = text.rfind("\n### ", 0, pos)
    i = 0 if i < 0 and text.startswith("### ") else i + 1
    return text[i + 4 : text.find("\n", i)].strip()
