"""The CI and code-review formats, end to end through the command line: GitLab Code Quality,
JUnit XML, reviewdog's rdjson, pylint's and Azure Pipelines' line formats; GitHub annotations of
a span that crosses a line."""

from __future__ import annotations

import json
import re
from xml.etree import ElementTree as ET

import pytest
from conftest import FIXTURE_REGISTRY, run_citelint, write_config

from citelint.diagnostics import Diagnostic
from citelint.records import replace
from citelint.report.formats import _github_line

# two findings of one rule on the same text (CL107 twice), one on a line with Vietnamese before it
ARTICLE = ("Thứ Sáu, 19/11/2021, 10:43\n\n"
           "Quy định số 41-QĐ/TƯ ngày 3/11/2021 của Ban Bí thư về miễn nhiệm.\n"
           "Đảng viên thực hiện Quy định số 41-QĐ/TƯ ngày 3/11/2021.\n")

# GitLab's published Code Quality report format: the fields GitLab reads, and their types
GITLAB_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string"},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {"path": {"type": "string"},
                               "lines": {"type": "object", "required": ["begin"],
                                         "properties": {"begin": {"type": "integer", "minimum": 1},
                                                        "end": {"type": "integer", "minimum": 1}}}},
            },
        },
    },
}


@pytest.fixture
def project(tmp_path):
    write_config(tmp_path, FIXTURE_REGISTRY)
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def _run(project, fmt):
    result = run_citelint("check", "articles", "--format", fmt, "--lang", "en", cwd=project, cache=project / ".cache")
    assert result.returncode == 1, result.stderr  # the CL302 error
    return result.stdout


def test_gitlab_code_quality_report(project):
    jsonschema = pytest.importorskip("jsonschema")
    report = json.loads(_run(project, "gitlab"))
    jsonschema.validate(report, GITLAB_SCHEMA)
    assert {r["check_name"] for r in report} >= {"CL107", "CL302"}
    assert len({r["fingerprint"] for r in report}) == len(report)  # the two CL107 on 'TƯ' differ
    cl302 = next(r for r in report if r["check_name"] == "CL302")
    assert cl302["severity"] == "major" and cl302["location"] == {"path": "articles/a.txt", "lines": {"begin": 3, "end": 3}}


def test_junit_report(project):
    root = ET.fromstring(_run(project, "junit"))
    assert root.tag == "testsuites"
    cases = root.findall("./testsuite/testcase")
    assert len(cases) == int(root.get("tests")) == int(root.get("failures")) >= 3
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == "articles/a.txt"
    failures = [c.find("failure") for c in cases]
    assert all(f is not None and f.get("message") for f in failures)
    assert any(f.get("type") == "error" and "Ban Bí thư" in f.get("message") for f in failures)


def test_rdjson_counts_columns_in_utf8_bytes(project):
    report = json.loads(_run(project, "rdjson"))
    assert report["source"]["name"] == "citelint"
    by_line = {(d["location"]["range"]["start"]["line"], d["code"]["value"]): d for d in report["diagnostics"]}
    tu = by_line[(4, "CL107")]
    line = ARTICLE.split("\n")[3]
    chars = line.index("TƯ")
    assert tu["location"]["range"]["start"]["column"] == len(line[:chars].encode("utf-8")) + 1 > chars + 1
    assert tu["severity"] == "WARNING"
    (suggestion,) = tu["suggestions"]
    assert suggestion["text"] == "TW" and suggestion["range"]["start"] == tu["location"]["range"]["start"]


def test_pylint_and_azure_lines(project):
    pylint = _run(project, "pylint").splitlines()
    assert "articles/a.txt:3: [CL302] 41-QĐ/TW was issued by Bộ Chính trị, not Ban Bí thư" in pylint
    assert all(re.fullmatch(r"articles/a\.txt:\d+: \[CL\d{3}\] .+", line) for line in pylint)
    azure = _run(project, "azure").splitlines()
    assert ("##vso[task.logissue type=error;sourcepath=articles/a.txt;linenumber=3;columnnumber=1;code=CL302;]"
            "41-QĐ/TW was issued by Bộ Chính trị, not Ban Bí thư") in azure


def test_github_annotation_of_a_span_across_lines_has_no_columns():
    d = Diagnostic(path="a.txt", start=0, end=30, line=3, column=5, end_line=4, end_column=2, code="CL201",
                       name="unknown-document", severity="warning", message="x")
    assert _github_line(d) == "::warning file=a.txt,line=3,endLine=4,title=CL201 unknown-document::x"
    one = replace(d, end_line=3, end_column=9)
    assert _github_line(one) == "::warning file=a.txt,line=3,col=5,endLine=3,endColumn=9,title=CL201 unknown-document::x"


def test_sarif_for_code_scanning(project):
    import subprocess

    subprocess.run(["git", "init", "-q", str(project)], check=True)
    sub = project / "articles"
    result = run_citelint("check", ".", "--format", "sarif", cwd=sub, cache=project / ".cache")
    run = json.loads(result.stdout)["runs"][0]
    # paths relative to the repository's root, which is the base URI
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
    assert uris == {"articles/a.txt"}
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == project.resolve().as_uri() + "/"
    # GitHub's line hash: one per finding, though CL302 and CL107 share line 3
    hashes = [r["partialFingerprints"]["primaryLocationLineHash"] for r in run["results"]]
    assert len(set(hashes)) == len(hashes) >= 3
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert rules["CL302"]["properties"]["problem.severity"] == "error"
    assert rules["CL302"]["properties"]["precision"] == "very-high" and rules["CL107"]["properties"]["precision"] == "high"
    # --sarif-root chooses another root
    other = run_citelint("check", ".", "--format", "sarif", "--sarif-root", str(sub), cwd=sub, cache=project / ".cache")
    run = json.loads(other.stdout)["runs"][0]
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]} == {"a.txt"}


def test_color_always_and_never(project):
    always = run_citelint("check", "articles", "--color", "always", cwd=project, cache=project / ".cache").stdout
    never = run_citelint("check", "articles", "--color", "never", cwd=project, cache=project / ".cache").stdout
    assert "\x1b[" in always and "\x1b[" not in never
