"""SARIF 2.1.0 output: one document for the run, with the rules' descriptors, every finding with
its region in code points, its fix and a fingerprint that survives edits elsewhere in the file."""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import PurePosixPath, PureWindowsPath
from urllib.parse import quote

from ..diagnostics import Diagnostic, FileReport
from ..records import replace, to_json
from ..i18n import _
from ..rules.catalog import RULES, Rule, rule_doc
from ..text.offsets import LineIndex
from .formats import ordered

SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "citelintCitation/v1"


_URI_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]+:")
_WINDOWS_ABS = re.compile(r"(?:[A-Za-z]:[\\/]|\\\\)")


def _path_uri(path: str) -> tuple[str, bool]:
    """The path as a URI reference, and whether it is relative (to ``%SRCROOT%``)."""
    if _WINDOWS_ABS.match(path):
        return PureWindowsPath(path).as_uri(), False
    p = path.replace(os.sep, "/") if os.sep != "/" else path
    if p.startswith("/"):
        return PurePosixPath(p).as_uri(), False
    while p.startswith("./"):
        p = p[2:]
    return quote(p, safe="/", errors="surrogateescape"), True


def _base_uri(base: str) -> str:
    """A base URI for ``originalUriBaseIds``: a URI as given, a path as a file URI; ends in /."""
    if _URI_SCHEME.match(base) and not _WINDOWS_ABS.match(base):
        uri = base
    elif _WINDOWS_ABS.match(base):
        uri = PureWindowsPath(base).as_uri()
    else:
        uri = PurePosixPath(os.path.abspath(base).replace(os.sep, "/")).as_uri()
    return uri if uri.endswith("/") else uri + "/"


def _artifact_location(path: str, index: int | None = None) -> dict:
    uri, relative = _path_uri(path)
    loc: dict = {"uri": uri}
    if relative:
        loc["uriBaseId"] = SRCROOT
    if index is not None:
        loc["index"] = index
    return loc


def _rule_descriptor(rule: Rule) -> dict:
    doc = rule_doc(rule)
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": _(rule.summary)},
        "fullDescription": {"text": _(rule.what)},
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {"level": rule.severity},
        # how often a finding is right (bench/RESULTS.md: the judged findings of each severity) and
        # how code scanning ranks it
        "properties": {"family": rule.family, "tags": [rule.family],
                       "precision": "very-high" if rule.severity == "error" else "high",
                       "problem.severity": rule.severity},
    }


def _fingerprint(uri: str, code: str, text: str, occurrence: int) -> str:
    data = "\x1f".join((uri, code, text, str(occurrence))).encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()[:32]


def _cited_text(d: Diagnostic, source: str | None) -> str:
    """What a fingerprint identifies a result by: the citation as written, else the span."""
    if d.citation is not None:
        return d.citation.text
    if source is not None and 0 <= d.start <= d.end <= len(source):
        return source[d.start : d.end]
    return ""


def _line_hash(source: str | None, offset: int) -> str:
    """GitHub's ``primaryLocationLineHash``: a hash of the finding's line, whitespace aside."""
    text = ""
    if source is not None and 0 <= offset <= len(source):
        end = source.find("\n", offset)
        text = source[source.rfind("\n", 0, offset) + 1 : end if end >= 0 else len(source)]
    return hashlib.sha256(re.sub(r"\s+", "", text).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _relative_to(path: str, root: str | None) -> str:
    """``path`` relative to ``root`` (the repository's root) when it lies in it, else as given."""
    if root is None:
        return path
    full = os.path.abspath(path)
    rel = os.path.relpath(full, os.path.abspath(root))
    return path if rel.startswith("..") else rel.replace(os.sep, "/")


def to_sarif(reports: Iterable[FileReport], *, base_uri: str | None = None, root: str | None = None) -> dict:
    """A SARIF 2.1.0 log with one run: every rule, one result per diagnostic, one artifact per file.

    Relative paths are URIs relative to ``%SRCROOT%``, which ``base_uri`` (a URI or a directory)
    defines when given.  Each result has a ``partialFingerprints`` entry made of the file, the
    code, the cited text and how many equal ones came before it in the file, so that a result
    keeps its identity when the lines around it change, and GitHub's ``primaryLocationLineHash``
    (the line's hash and how many findings on an equal line came before: distinct per finding).
    With ``root`` (the repository's root), paths are made relative to it, and it is the base URI."""
    from .. import __version__

    reports = list(reports)
    if root is not None:
        reports = [replace(r, path=_relative_to(r.path, root), diagnostics=tuple(
            replace(d, path=_relative_to(d.path, root)) for d in r.diagnostics)) for r in reports]
        base_uri = base_uri or root
    codes = sorted(RULES)
    extra = sorted({d.code for r in reports for d in r.diagnostics} - set(RULES))
    rules = [_rule_descriptor(RULES[c]) for c in codes]
    names = {d.code: d.name for r in reports for d in r.diagnostics}
    for code in extra:
        rules.append({"id": code, "name": names.get(code) or code})
    rule_index = {rule["id"]: i for i, rule in enumerate(rules)}

    artifacts: list[dict] = []
    artifact_index: dict[str, int] = {}

    def artifact(path: str, report: FileReport | None = None) -> int:
        uri = _path_uri(path)[0]
        if uri not in artifact_index:
            entry: dict = {"location": _artifact_location(path), "roles": ["analysisTarget"]}
            if report is not None:
                props: dict = {"citations": report.citations, "resolved": report.resolved}
                if report.context is not None:
                    props["articleContext"] = to_json(report.context)
                entry["properties"] = props
            artifact_index[uri] = len(artifacts)
            artifacts.append(entry)
        return artifact_index[uri]

    results: list[dict] = []
    for report in reports:
        artifact(report.path, report)
        source = report.source
        index = LineIndex(source) if source is not None else None
        seen: Counter[tuple[str, str, str]] = Counter()
        lines_seen: Counter[str] = Counter()
        for d in ordered(report):
            ai = artifact(d.path)
            uri = _path_uri(d.path)[0]
            cited = _cited_text(d, source)
            key = (uri, d.code, cited)
            occurrence = seen[key]
            seen[key] += 1
            region: dict = {
                "startLine": d.line,
                "startColumn": d.column,
                "endLine": d.end_line,
                "endColumn": d.end_column,
                "charOffset": d.start,
                "charLength": max(0, d.end - d.start),
            }
            if source is not None and 0 <= d.start <= d.end <= len(source):
                region["snippet"] = {"text": source[d.start : d.end]}
            result: dict = {
                "ruleId": d.code,
                "ruleIndex": rule_index[d.code],
                "level": d.severity,
                "message": {"text": d.message},
                "locations": [
                    {"physicalLocation": {"artifactLocation": _artifact_location(d.path, ai), "region": region}}
                ],
                "partialFingerprints": {FINGERPRINT_KEY: _fingerprint(uri, d.code, cited, occurrence)},
            }
            line_hash = _line_hash(source, d.start)
            result["partialFingerprints"]["primaryLocationLineHash"] = f"{line_hash}:{lines_seen[line_hash] + 1}"
            lines_seen[line_hash] += 1
            if d.fix is not None:
                replacements = []
                for edit in d.fix.edits:
                    deleted: dict = {"charOffset": edit.start, "charLength": max(0, edit.end - edit.start)}
                    if index is not None:
                        line, col = index.line_col(edit.start)
                        end_line, end_col = index.line_col(edit.end)
                        deleted = {"startLine": line, "startColumn": col, "endLine": end_line, "endColumn": end_col, **deleted}
                    replacements.append({"deletedRegion": deleted, "insertedContent": {"text": edit.replacement}})
                fix: dict = {
                    "description": {"text": d.fix.message},
                    "artifactChanges": [{"artifactLocation": _artifact_location(d.path, ai), "replacements": replacements}],
                    "properties": {"applicability": d.fix.applicability},
                }
                if replacements:
                    result["fixes"] = [fix]
            props: dict = {}
            if d.help:
                props["help"] = d.help
            if d.citation is not None:
                props["citation"] = d.citation.record()
            if d.resolution is not None:
                props["resolution"] = to_json(d.resolution)
            if props:
                result["properties"] = props
            results.append(result)

    run: dict = {
        "tool": {
            "driver": {
                "name": "citelint",
                "version": __version__,
                "rules": rules,
            }
        },
    }
    if base_uri is not None:
        run["originalUriBaseIds"] = {SRCROOT: {"uri": _base_uri(base_uri)}}
    run["artifacts"] = artifacts
    run["results"] = results
    run["columnKind"] = "unicodeCodePoints"
    return {"$schema": SARIF_SCHEMA_URI, "version": SARIF_VERSION, "runs": [run]}
