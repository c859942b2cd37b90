"""The baseline: findings accepted once, by a fingerprint that survives edits elsewhere in the
file, so that only new findings are reported."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostic, FileReport
from ..records import replace
from ..errors import BaselineError
from ..fs import write_atomically
from ..i18n import _
from ..jsonio import dumps_indented


def fingerprint(d: Diagnostic, occurrence: int, source: str | None, root: Path | None = None) -> str:
    """Stable across edits elsewhere in the file: path (relative to ``root``, the baseline's
    directory, so that it does not depend on where citelint runs), rule, the text it is about,
    and which occurrence of that text it is."""
    span = source[d.start : d.end] if source else (d.citation.text if d.citation else "")
    key = f"{_relative(d.path, root)}\0{d.code}\0{span}\0{occurrence}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def _relative(path: str, root: Path | None) -> str:
    if root is not None:
        try:
            return Path(path).resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return Path(path).as_posix()


def fingerprints(report: FileReport, root: Path | None = None) -> list[str]:
    seen: Counter = Counter()
    out = []
    for d in report.diagnostics:
        span = report.source[d.start : d.end] if report.source else ""
        k = (d.code, span)
        out.append(fingerprint(d, seen[k], report.source, root))
        seen[k] += 1
    return out


@dataclass
class Baseline:
    path: Path
    accepted: Counter = field(default_factory=Counter)

    @classmethod
    def load(cls, path: Path) -> "Baseline":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            entries = data["findings"]
            accepted = Counter(e["fingerprint"] for e in entries)
        except FileNotFoundError:
            raise BaselineError(_('{path}: no such baseline file (create it with --write-baseline)').format(path=path)) from None
        except (OSError, ValueError, KeyError, TypeError) as e:
            raise BaselineError(_('{path}: not a citelint baseline: {e}').format(path=path, e=e)) from None
        return cls(path, accepted)

    def filter(self, report: FileReport) -> FileReport:
        remaining = Counter(self.accepted)
        kept = []
        for d, fp in zip(report.diagnostics, fingerprints(report, self.path.parent)):
            if remaining[fp] > 0:
                remaining[fp] -= 1
            else:
                kept.append(d)
        return replace(report, diagnostics=tuple(kept))


def write_baseline(path: Path, reports: list[FileReport], *, root: Path | None = None) -> tuple[int, int]:
    """Record the findings of ``reports``: they replace the baseline's entries for the files
    checked; the entries of every other file are kept (`--write-baseline some/path` must not
    forget the rest of the tree).  Returns how many were recorded, and how many kept."""
    kept = []
    if path.exists():
        checked = {_relative(r.path, path.parent) for r in reports}
        kept = [e for e in _entries(path) if e.get("path") not in checked]
    findings = []
    for report in reports:
        for d, fp in zip(report.diagnostics, fingerprints(report, path.parent)):
            findings.append({"fingerprint": fp, "path": _relative(d.path, path.parent), "code": d.code, "line": d.line,
                             "message": d.message})
    merged = sorted(kept + findings, key=lambda e: e.get("path", ""))  # stable: a file's entries keep their order
    data = {"version": 1, "tool": "citelint", "findings": merged}
    write_atomically(path, dumps_indented(data) + "\n", root=root)
    return len(findings), len(kept)


def _entries(path: Path) -> list[dict]:
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))["findings"]
        if not all(isinstance(e, dict) and "fingerprint" in e for e in entries):
            raise ValueError(_('an entry without a fingerprint'))
        return entries
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise BaselineError(_('{path}: not a citelint baseline, so not rewritten: {e}').format(path=path, e=e)) from None
