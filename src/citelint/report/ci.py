"""Formats for CI services and code review: GitLab's Code Quality report, JUnit XML, reviewdog's
rdjson, pylint's line format and Azure Pipelines' logging commands.

Each takes the reports of a run (a finding's position is its line and column in code points, as
everywhere in citelint, except rdjson's columns, which reviewdog counts in UTF-8 bytes)."""

from __future__ import annotations

from collections.abc import Iterable
from xml.etree import ElementTree as ET

from ..check.baseline import fingerprints
from ..diagnostics import Diagnostic, FileReport
from .formats import ordered
from ..jsonio import dump_indented


def _with_fingerprints(reports: Iterable[FileReport]) -> Iterable[tuple[FileReport, Diagnostic, str]]:
    """Every finding with the fingerprint the baseline gives it: stable across edits elsewhere in
    the file, and distinct for two findings of one rule on the same text (their occurrence)."""
    for report in reports:
        prints = dict(zip(report.diagnostics, fingerprints(report)))
        for d in ordered(report):
            yield report, d, prints[d]


# --- GitLab Code Quality ---------------------------------------------------------------------------
# https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format

_GITLAB_SEVERITY = {"error": "major", "warning": "minor"}


def gitlab(reports: Iterable[FileReport]) -> list[dict]:
    return [
        {
            "description": f"{d.code} {d.message}",
            "check_name": d.code,
            "fingerprint": fp,
            "severity": _GITLAB_SEVERITY.get(d.severity, "info"),
            "location": {"path": d.path, "lines": {"begin": d.line, "end": d.end_line}},
        }
        for _report, d, fp in _with_fingerprints(reports)
    ]


def write_gitlab(reports: Iterable[FileReport], out) -> None:
    dump_indented(gitlab(reports), out)
    out.write("\n")


# --- JUnit XML ---------------------------------------------------------------------------------------
# one test suite per file with findings, one failing test case per finding (as ruff and eslint)


def junit(reports: Iterable[FileReport]) -> str:
    root = ET.Element("testsuites", name="citelint")
    total = 0
    for report in reports:
        if not report.diagnostics:
            continue
        suite = ET.SubElement(root, "testsuite", name=report.path, tests=str(len(report.diagnostics)),
                              failures=str(len(report.diagnostics)), errors="0", skipped="0")
        for d in ordered(report):
            case = ET.SubElement(suite, "testcase", name=f"{d.code} at {d.path}:{d.line}:{d.column}",
                                 classname=d.path.replace("/", ".").rsplit(".", 1)[0] if "." in d.path else d.path,
                                 file=d.path, line=str(d.line))
            failure = ET.SubElement(case, "failure", message=d.message, type=d.severity)
            failure.text = f"{d.path}:{d.line}:{d.column}: {d.code} [{d.severity}] {d.message}"
            total += 1
    root.set("tests", str(total))
    root.set("failures", str(total))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


# --- reviewdog rdjson ------------------------------------------------------------------------------------
# https://github.com/reviewdog/reviewdog/tree/master/proto/rdf

_RD_SEVERITY = {"error": "ERROR", "warning": "WARNING"}


def _byte_column(lines: list[str] | None, line: int, column: int) -> int:
    """A code-point column (1-based) of ``line`` as reviewdog counts it: UTF-8 bytes, 1-based."""
    if lines is None or not 0 < line <= len(lines):
        return column
    return len(lines[line - 1][: column - 1].encode("utf-8", "surrogatepass")) + 1


def rdjson(reports: Iterable[FileReport]) -> dict:
    diagnostics = []
    for report in reports:
        lines = report.source.split("\n") if report.source is not None else None
        for d in ordered(report):
            record: dict = {
                "message": d.message,
                "location": {"path": d.path, "range": {
                    "start": {"line": d.line, "column": _byte_column(lines, d.line, d.column)},
                    "end": {"line": d.end_line, "column": _byte_column(lines, d.end_line, d.end_column)},
                }},
                "severity": _RD_SEVERITY.get(d.severity, "INFO"),
                "code": {"value": d.code},
            }
            if d.fix is not None and report.source is not None:
                record["suggestions"] = [_suggestion(report.source, lines, e.start, e.end, e.replacement) for e in d.fix.edits]
            diagnostics.append(record)
    return {"source": {"name": "citelint"}, "severity": "WARNING", "diagnostics": diagnostics}


def _suggestion(source: str, lines: list[str], start: int, end: int, text: str) -> dict:
    def position(offset: int) -> dict:
        line = source.count("\n", 0, offset) + 1
        column = offset - (source.rfind("\n", 0, offset) + 1) + 1
        return {"line": line, "column": _byte_column(lines, line, column)}

    return {"range": {"start": position(start), "end": position(end)}, "text": text}


def write_rdjson(reports: Iterable[FileReport], out) -> None:
    dump_indented(rdjson(reports), out)
    out.write("\n")


# --- line formats ------------------------------------------------------------------------------------------


def pylint_line(d: Diagnostic) -> str:
    """pylint's parseable format, as ruff writes it: ``path:line: [CODE] message``."""
    return f"{d.path}:{d.line}: [{d.code}] {d.message}"


def _azure_property(s: str) -> str:
    return s.replace("%", "%AZP25").replace(";", "%3B").replace("]", "%5D").replace("\r", "%0D").replace("\n", "%0A")


def azure_line(d: Diagnostic) -> str:
    """An Azure Pipelines logging command: ``##vso[task.logissue type=error;sourcepath=...]message``."""
    kind = "error" if d.severity == "error" else "warning"
    props = f"type={kind};sourcepath={_azure_property(d.path)};linenumber={d.line};columnnumber={d.column};code={d.code};"
    message = d.message.replace("\r", "%0D").replace("\n", "%0A")
    return f"##vso[task.logissue {props}]{message}"

