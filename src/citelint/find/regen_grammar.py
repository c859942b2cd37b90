"""Regenerate the vocabulary section of grammar/citation.lark from citelint/vocabulary.py.

    python -m citelint.find.regen_grammar          # rewrite it
    python -m citelint.find.regen_grammar --check  # exit 1 if it is stale
"""

from __future__ import annotations

import argparse
import sys

from .grammar import is_vocabulary_current, repo_grammar_path, with_vocabulary


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m citelint.find.regen_grammar", description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if the vocabulary section is stale")
    args = ap.parse_args(argv)
    path = repo_grammar_path()
    text = path.read_text(encoding="utf-8")
    if args.check:
        if is_vocabulary_current(text):
            return 0
        print(f"{path}: generated vocabulary is stale; run python -m citelint.find.regen_grammar", file=sys.stderr)
        return 1
    new = with_vocabulary(text)
    if new != text:
        path.write_text(new, encoding="utf-8")
        print(f"rewrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
