"""citelint.report: every output format, on FileReports built by hand (no resolver involved)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from citelint import __version__
from citelint.diagnostics import (
    ArticleContext,
    Diagnostic,
    DocumentRef,
    FileReport,
    Fix,
    Resolution,
    TextEdit,
)
from citelint.models import Citation
from citelint.records import replace
from citelint.report.formats import FORMATS, context_summary, diagnostic_records, frame_line, statistics_rows, write_report
from citelint.report.sarif import to_sarif
from citelint.rules.catalog import RULES, rule_doc

SCHEMA_PATH = Path(__file__).parent / "fixtures" / "sarif" / "sarif-schema-2.1.0.json"
SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"

PATH = "bài viết/Tin tức 2021.txt"  # spaces and non-ASCII
NFD_LEAD = unicodedata.normalize("NFD", "Thực hiện nghiêm túc")
LONG_LEFT, LONG_RIGHT = "x" * 300, " " + "y" * 300
QD24 = "Quy định 24-QĐ/TƯ"
CT16 = "Chỉ thị 16/CT–TTg"
NQ15 = "Nghị quyết số 15-NQ/TW"
CTR01 = "Chương trình 01"


def article() -> str:
    return (
        "Hà Nội, ngày 19/11/2021\n"
        f"{NFD_LEAD} {QD24} của Ban Chấp hành Trung ương.\n"
        f"\t\tTheo {CT16} về phòng dịch.\r\n"
        f"{LONG_LEFT} {NQ15}{LONG_RIGHT}\n"
        f"中文 {CTR01} của Thành ủy.\n"
    )


def position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def span(text: str, needle: str) -> dict:
    start = text.index(needle)
    end = start + len(needle)
    (line, column), (end_line, end_column) = position(text, start), position(text, end)
    return {"start": start, "end": end, "line": line, "column": column, "end_line": end_line, "end_column": end_column}


def citation(text: str, needle: str, **fields) -> Citation:
    return Citation(text=needle, **span(text, needle), **fields)


def diag(text: str, needle: str, code: str, message: str, path: str = PATH, **fields) -> Diagnostic:
    rule = RULES[code]
    return Diagnostic(path=path, code=code, name=rule.name, severity=rule.severity, message=message, **span(text, needle), **fields)


REF24 = DocumentRef(id="qd-24-2021", symbol="24-QĐ/TW", type="Quy định", date=dt.date(2021, 7, 30), issuer="Ban Chấp hành Trung ương")
CAND_A = DocumentRef(id="ctr-01-2021", symbol="01-CTr/TU", type="Chương trình", date=dt.date(2021, 3, 17), issuer="Thành ủy Hà Nội")
CAND_B = DocumentRef(id="ctr-01-2016", symbol="01-CTr/TU", type="Chương trình", date=dt.date(2016, 4, 5), issuer="Thành ủy Hà Nội")


def article_report(text: str | None = None, path: str = PATH) -> FileReport:
    text = article() if text is None else text
    qd = text.index(QD24)
    tu = qd + QD24.index("TƯ")
    dash = text.index("–")
    diagnostics = (
        # Given out of order on purpose: reports sort by position.
        diag(text, NQ15, "CL201", "Nghị quyết số 15-NQ/TW is not in the registry", path,
             citation=citation(text, NQ15, kind="party", symbol="15-NQ/TW", type_name="Nghị quyết", number="15", issuer_code="TW")),
        diag(text, QD24, "CL107", "Issuer code TƯ is written for TW", path,
             help="The Central Committee's code is TW; TU is a provincial committee's.",
             fix=Fix(message="write 24-QĐ/TW", applicability="safe", edits=(TextEdit(start=tu, end=tu + 2, replacement="TW"),)),
             citation=citation(text, QD24, kind="party", symbol="24-QĐ/TW", type_name="Quy định", type_code="QĐ", number="24", issuer_code="TW"),
             resolution=Resolution(resolved=REF24, via="symbol")),
        diag(text, CT16, "CL108", "An en dash is used as the hyphen of a symbol", path,
             fix=Fix(message="write 16/CT-TTg", applicability="safe", edits=(TextEdit(start=dash, end=dash + 1, replacement="-"),)),
             citation=citation(text, CT16, kind="state", symbol="16/CT-TTg", type_name="Chỉ thị", number="16")),
        diag(text, CTR01, "CL203", "Several registry documents fit Chương trình 01", path,
             citation=citation(text, CTR01, kind="short", type_name="Chương trình", number="01"),
             resolution=Resolution(candidates=(CAND_A, CAND_B), via="registry", note="the article's year does not tell them apart")),
    )
    context = ArticleContext(date=dt.date(2021, 11, 19), date_source="header (line 3)", jurisdiction="Hà Nội", jurisdiction_source="text (7 mentions)")
    return FileReport(path=path, context=context, citations=6, resolved=3, diagnostics=diagnostics, source=text)


def clean_report() -> FileReport:
    return FileReport(path="sạch.md", context=ArticleContext(year=2019, date_source="text (line 2)"), citations=2, resolved=2, source="Không có lỗi.\n")


def render(reports, fmt: str, **kwargs) -> str:
    out = io.StringIO()
    kwargs.setdefault("color", False)
    kwargs.setdefault("width", 120)
    write_report(reports, fmt, out, **kwargs)
    return out.getvalue()


def cells(s: str) -> int:
    """Display width as a terminal shows it: marks 0, East Asian wide 2, tab 4 (the frame's)."""
    n = 0
    for ch in s:
        if ch == "\t":
            n += 4
        elif unicodedata.combining(ch):
            n += 0
        elif unicodedata.east_asian_width(ch) in "WF":
            n += 2
        else:
            n += 1
    return n


def frame_rows(output: str, location: str) -> list[tuple[str, str]]:
    """(line shown, carets) pairs of the code frame after ``location`` in the full output."""
    lines = output.splitlines()
    i = next(k for k, line in enumerate(lines) if line.startswith(location))
    rows = []
    k = i + 2  # skip the location line and the frame's opening "  |"
    while re.match(r"\s*\d+ \| ", lines[k]):
        shown = re.sub(r"^\s*\d+ \| ", "", lines[k])
        carets = re.sub(r"^\s*\| ", "", lines[k + 1])
        rows.append((shown, carets))
        k += 2
    return rows


# --- full --------------------------------------------------------------------------------------


def test_full_header_names_the_path_and_the_article_context():
    out = render([article_report()], "full")
    assert out.splitlines()[0] == f"{PATH} — article date 2021-11-19 (header, line 3); jurisdiction Hà Nội (text, 7 mentions)"


def test_context_summary_variants():
    assert context_summary(None) == "article date unknown; jurisdiction unknown"
    assert context_summary(ArticleContext(year=2018, date_source="text (line 2)")) == (
        "article date 2018 (year only, text, line 2); jurisdiction unknown"
    )
    assert context_summary(ArticleContext(year=2018)) == "article date 2018 (year only); jurisdiction unknown"
    assert context_summary(
        ArticleContext(date=dt.date(2020, 1, 2), date_source="front matter", jurisdiction="Đà Nẵng")
    ) == "article date 2020-01-02 (front matter); jurisdiction Đà Nẵng"


def test_full_lists_diagnostics_by_position_like_ruff():
    text = article()
    out = render([article_report()], "full")
    locations = [line for line in out.splitlines() if line.startswith(PATH + ":")]
    expected = []
    for needle, code in [(QD24, "CL107"), (CT16, "CL108"), (NQ15, "CL201"), (CTR01, "CL203")]:
        line, column = position(text, text.index(needle))
        expected.append(f"{PATH}:{line}:{column}: {code}")
    assert len(locations) == 4
    assert [loc[: len(e)] for loc, e in zip(locations, expected)] == expected
    assert f"{PATH}:2:{len(NFD_LEAD) + 2}: CL107 Issuer code TƯ is written for TW" in out.splitlines()


def test_caret_under_a_citation_after_decomposed_vietnamese():
    text = article()
    out = render([article_report()], "full")
    line, column = position(text, text.index(QD24))
    [(shown, carets)] = frame_rows(out, f"{PATH}:{line}:{column}:")
    source_line = text.split("\n")[line - 1]
    assert shown == source_line  # NFD kept as written
    assert len(NFD_LEAD) > cells(NFD_LEAD)  # the marks take code points but no cells
    assert carets == " " * cells(source_line[: column - 1]) + "^" * cells(QD24)


def test_caret_after_tabs_and_carriage_return():
    text = article()
    out = render([article_report()], "full")
    line, column = position(text, text.index(CT16))
    [(shown, carets)] = frame_rows(out, f"{PATH}:{line}:{column}:")
    source_line = text.split("\n")[line - 1].rstrip("\r")
    assert shown == source_line.replace("\t", "    ")
    assert "\r" not in out
    assert carets == " " * cells(source_line[: column - 1]) + "^" * cells(CT16)
    assert shown[len(carets) - len(CT16) : len(carets)] == CT16


def test_caret_after_wide_characters():
    text = article()
    out = render([article_report()], "full")
    line, column = position(text, text.index(CTR01))
    [(shown, carets)] = frame_rows(out, f"{PATH}:{line}:{column}:")
    assert shown.startswith("中文 ")
    assert carets == " " * 5 + "^" * len(CTR01)  # 中 and 文 take two cells each


def test_long_line_is_cut_around_the_span():
    text = article()
    width = 100
    out = render([article_report()], "full", width=width)
    line, column = position(text, text.index(NQ15))
    [(shown, carets)] = frame_rows(out, f"{PATH}:{line}:{column}:")
    assert shown.startswith("…x") and shown.endswith("y…")
    assert len(shown) <= width - len(f"{line} | ")
    assert NQ15 in shown
    start = carets.index("^")
    assert carets == " " * start + "^" * len(NQ15)
    assert shown[start : start + len(NQ15)] == NQ15
    assert max(len(row) for row in out.splitlines() if "xxxx" in row) <= width


def test_help_fix_registry_and_candidates_lines():
    out = render([article_report()], "full")
    lines = [line.strip() for line in out.splitlines()]
    assert "= help: The Central Committee's code is TW; TU is a provincial committee's." in lines
    assert "= fix (safe): write 24-QĐ/TW" in lines
    assert "= registry: 24-QĐ/TW · Quy định · 2021-07-30 · Ban Chấp hành Trung ương" in lines
    assert "= candidate: 01-CTr/TU · Chương trình · 2021-03-17 · Thành ủy Hà Nội" in lines
    assert "= candidate: 01-CTr/TU · Chương trình · 2016-04-05 · Thành ủy Hà Nội" in lines
    assert "= note: the article's year does not tell them apart" in lines
    # The help lines follow their own diagnostic.
    i = lines.index(next(line for line in lines if " CL107 " in line))
    j = lines.index("= fix (safe): write 24-QĐ/TW")
    k = lines.index(next(line for line in lines if " CL108 " in line))
    assert i < j < k


def summary_numbers(out: str) -> dict[str, int]:
    rows = re.findall(r"│ (articles|citations found|resolved|errors|warnings)\s*│\s*(\d+) │", out)
    return {k: int(v) for k, v in rows}


def test_summary_table_and_no_findings_message():
    out = render([article_report(), clean_report()], "full")
    assert summary_numbers(out) == {"articles": 2, "citations found": 8, "resolved": 5, "errors": 0, "warnings": 4}
    assert "All checked: no findings." not in out
    # a clean file has no header: it is counted in the summary only
    assert "sạch.md" not in out and "2 fixable with --fix" in out

    out = render([clean_report()], "full")
    assert summary_numbers(out) == {"articles": 1, "citations found": 2, "resolved": 2, "errors": 0, "warnings": 0}
    assert out.rstrip().splitlines()[-1] == "All checked: no findings."
    assert out.index("Summary") < out.index("All checked")

    out = render([], "full")
    assert summary_numbers(out)["articles"] == 0 and "All checked: no findings." in out


def test_errors_are_counted_and_without_source_there_is_no_frame():
    text = "Quy định số 41-QĐ/TW ngày 3/12/2021\n"
    d = diag(text, "Quy định số 41-QĐ/TW ngày 3/12/2021", "CL301", "The registry dates it 2021-11-03", path="x.txt",
             help="Check the date.")
    report = FileReport(path="x.txt", citations=1, resolved=1, diagnostics=(d,))  # no source
    out = render([report], "full")
    assert "x.txt:1:1: CL301 The registry dates it 2021-11-03" in out
    assert " | " not in out
    assert "= help: Check the date." in out
    assert summary_numbers(out)["errors"] == 1
    assert out.splitlines()[0] == "x.txt — article date unknown; jurisdiction unknown"


def test_multi_line_span_underlines_each_line():
    text = "Theo Nghị quyết số\n15-NQ/TW nhé\n"
    needle = "Nghị quyết số\n15-NQ/TW"
    d = diag(text, needle, "CL201", "Not in the registry", path="m.txt")
    out = render([FileReport(path="m.txt", diagnostics=(d,), source=text)], "full")
    assert frame_rows(out, "m.txt:1:6:") == [("Theo Nghị quyết số", "     " + "^" * 13), ("15-NQ/TW nhé", "^" * 8)]


def test_control_and_bidi_characters_are_shown_harmlessly():
    text = "a\x07b\u202e Chỉ thị 16/CT-TTg\n"
    d = diag(text, "Chỉ thị 16/CT-TTg", "CL201", "Not in the registry", path="c.txt")
    out = render([FileReport(path="c.txt", diagnostics=(d,), source=text)], "full")
    [(shown, carets)] = frame_rows(out, "c.txt:1:")
    assert "\x07" not in out and "\u202e" not in out
    assert shown == "a\u2407b\ufffd Chỉ thị 16/CT-TTg"
    assert carets == " " * 5 + "^" * len("Chỉ thị 16/CT-TTg")


def test_statistics_rows_and_table():
    text = article()
    extra = diag(text, "Hà Nội", "CL201", "Another unknown document")
    report = article_report()
    report = replace(report, diagnostics=report.diagnostics + (extra,))
    assert statistics_rows([report]) == [
        (2, "CL201", "unknown-document", False),
        (1, "CL107", "non-canonical-code", True),
        (1, "CL108", "look-alike-character", True),
        (1, "CL203", "ambiguous-citation", False),
    ]
    out = render([report], "full", statistics=True)
    assert re.search(r"^\s*2\s+CL201\s+unknown-document\s+no\s*$", out, re.MULTILINE)
    assert re.search(r"^\s*1\s+CL107\s+non-canonical-code\s+yes\s*$", out, re.MULTILINE)
    # the counts replace the listing, as ruff's --statistics does
    assert "= note:" not in out and out.index("Statistics") < out.index("Summary")
    assert "Statistics" not in render([report], "full")


def test_color_is_off_or_on_as_asked():
    assert "\x1b[" not in render([article_report()], "full", color=False)
    colored = render([article_report()], "full", color=True)
    assert "\x1b[" in colored
    assert re.search(r"\x1b\[[0-9;]*33m" + "CL107", colored)  # a warning's code in yellow


# --- concise -----------------------------------------------------------------------------------


def test_concise_lines_exact():
    text = article()
    out = render([article_report(), clean_report()], "concise")
    l2, c2 = position(text, text.index(QD24))
    l3, c3 = position(text, text.index(CT16))
    l4, c4 = position(text, text.index(NQ15))
    l5, c5 = position(text, text.index(CTR01))
    assert out.splitlines() == [
        f"{PATH}:{l2}:{c2}: CL107 [warning] Issuer code TƯ is written for TW",
        f"{PATH}:{l3}:{c3}: CL108 [warning] An en dash is used as the hyphen of a symbol",
        f"{PATH}:{l4}:{c4}: CL201 [warning] Nghị quyết số 15-NQ/TW is not in the registry",
        f"{PATH}:{l5}:{c5}: CL203 [warning] Several registry documents fit Chương trình 01",
        "0 errors, 4 warnings in 2 articles (8 citations, 5 resolved)",
        "2 fixable with --fix",
    ]
    assert (l2, c2) == (2, len(NFD_LEAD) + 2)
    assert (l3, c3) == (3, 8)  # two tabs and "Theo " are 7 code points
    assert out.endswith("\n")
    assert render([clean_report()], "concise") == "0 errors, 0 warnings in 1 article (2 citations, 2 resolved)\n"


def test_concise_statistics():
    out = render([article_report()], "concise", statistics=True)
    assert "1  CL107  [*] non-canonical-code" in out.splitlines()
    assert "1  CL201  unknown-document" in out.splitlines()


# --- json, json-lines --------------------------------------------------------------------------

REQUIRED = {"path", "line", "column", "end_line", "end_column", "code", "name", "severity", "message", "fix", "citation", "resolution"}


def test_json_round_trip():
    out = render([article_report(), clean_report()], "json")
    assert "Quy định 24-QĐ/TƯ" in out  # not \u-escaped
    records = json.loads(out)
    assert records == diagnostic_records([article_report(), clean_report()])
    assert [r["code"] for r in records] == ["CL107", "CL108", "CL201", "CL203"]
    for r in records:
        assert REQUIRED <= r.keys()
        assert r["path"] == PATH
    qd = records[0]
    assert qd["citation"]["symbol"] == "24-QĐ/TW" and qd["citation"]["text"] == QD24
    assert qd["fix"] == {
        "message": "write 24-QĐ/TW",
        "applicability": "safe",
        "edits": [{"start": article().index("TƯ"), "end": article().index("TƯ") + 2, "replacement": "TW"}],
    }
    resolved = qd["resolution"]["resolved"]
    assert (resolved["id"], resolved["symbol"], resolved["date"], resolved["issuer"]) == (
        "qd-24-2021", "24-QĐ/TW", "2021-07-30", "Ban Chấp hành Trung ương"
    )
    assert [c["date"] for c in records[3]["resolution"]["candidates"]] == ["2021-03-17", "2016-04-05"]
    assert records[2]["resolution"] is None and records[2]["fix"] is None
    assert json.loads(render([], "json")) == []


def test_json_lines_one_record_per_line():
    out = render([article_report()], "json-lines")
    lines = out.splitlines()
    assert len(lines) == 4 and out.endswith("\n")
    assert [json.loads(line) for line in lines] == json.loads(render([article_report()], "json"))
    assert render([clean_report()], "json-lines") == ""


# --- github ------------------------------------------------------------------------------------


def test_github_lines_exact_with_escaping():
    text = "Quy định 29/QĐ-TW\n"
    path = "dir,x/a:b%c.txt"
    d = diag(text, "Quy định 29/QĐ-TW", "CL104", "50% of it:\r\nwrite 29-QĐ/TW, not 29/QĐ-TW", path=path)
    e = diag(text, "29/QĐ-TW", "CL102", "Wrong, type", path=path)
    out = render([FileReport(path=path, diagnostics=(e, d), source=text)], "github")
    assert out.splitlines() == [
        (
            "::warning file=dir%2Cx/a%3Ab%25c.txt,line=1,col=1,endLine=1,endColumn=18,"
            "title=CL104 state-separators-on-party-number::50%25 of it:%0D%0Awrite 29-QĐ/TW, not 29/QĐ-TW"
        ),
        (
            "::error file=dir%2Cx/a%3Ab%25c.txt,line=1,col=10,endLine=1,endColumn=18,"
            "title=CL102 type-word-contradicts-code::Wrong, type"
        ),
    ]


def test_github_for_the_article():
    out = render([article_report()], "github")
    text = article()
    line, column = position(text, text.index(QD24))
    assert out.splitlines()[0] == (
        f"::warning file={PATH},line={line},col={column},endLine={line},endColumn={column + len(QD24)},"
        "title=CL107 non-canonical-code::Issuer code TƯ is written for TW"
    )
    assert len(out.splitlines()) == 4


# --- SARIF -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def schema() -> dict:
    pytest.importorskip("jsonschema", reason="jsonschema (a dev dependency) validates SARIF output")
    assert hashlib.sha256(SCHEMA_PATH.read_bytes()).hexdigest() == SCHEMA_SHA256, "the schema fixture was changed"
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["id"] == "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    return schema


def validate(schema: dict, log: dict) -> None:
    """Against the official schema, with the draft it declares (4) and with Draft 7, formats checked."""
    import jsonschema

    for cls in (jsonschema.validators.validator_for(schema), jsonschema.Draft7Validator):
        cls.check_schema(schema)
        errors = sorted(cls(schema, format_checker=cls.FORMAT_CHECKER).iter_errors(log), key=lambda e: list(e.path))
        assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def test_sarif_validates_against_the_official_schema(schema):
    reports = [article_report(), clean_report()]
    validate(schema, to_sarif(reports))
    validate(schema, to_sarif(reports, base_uri="/srv/bài viết"))
    validate(schema, json.loads(render(reports, "sarif")))
    validate(schema, to_sarif([]))


def test_the_validation_is_not_vacuous(schema):
    log = to_sarif([article_report()])
    log["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(AssertionError):
        validate(schema, log)
    log = to_sarif([article_report()])
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] = "bài viết.txt"
    with pytest.raises(AssertionError):
        validate(schema, log)


def test_sarif_run_tool_and_rules():
    log = to_sarif([article_report()])
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    [run] = log["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("citelint", __version__)
    assert "informationUri" not in driver  # the project publishes no homepage to point at
    rules = driver["rules"]
    assert [r["id"] for r in rules] == sorted(RULES)
    for r in rules:
        rule = RULES[r["id"]]
        assert r["name"] == rule.name
        assert r["shortDescription"]["text"] == rule.summary
        assert r["fullDescription"]["text"] == rule.what
        assert r["help"] == {"text": rule_doc(rule), "markdown": rule_doc(rule)}
        assert r["defaultConfiguration"]["level"] == rule.severity
        assert r["properties"]["family"] == rule.family
    assert "originalUriBaseIds" not in run


def test_sarif_results():
    text = article()
    log = to_sarif([article_report(), clean_report()])
    [run] = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    assert [r["ruleId"] for r in results] == ["CL107", "CL108", "CL201", "CL203"]
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        assert r["level"] == "warning"
    qd = results[0]
    loc = qd["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "b%C3%A0i%20vi%E1%BA%BFt/Tin%20t%E1%BB%A9c%202021.txt"
    assert loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    start = text.index(QD24)
    line, column = position(text, start)
    assert loc["region"] == {
        "startLine": line,
        "startColumn": column,
        "endLine": line,
        "endColumn": column + len(QD24),
        "charOffset": start,
        "charLength": len(QD24),
        "snippet": {"text": QD24},
    }
    assert run["artifacts"][loc["artifactLocation"]["index"]]["location"]["uri"] == loc["artifactLocation"]["uri"]
    assert qd["message"]["text"] == "Issuer code TƯ is written for TW"
    [fix] = qd["fixes"]
    assert fix["description"]["text"] == "write 24-QĐ/TW"
    [change] = fix["artifactChanges"]
    assert change["artifactLocation"]["uri"] == loc["artifactLocation"]["uri"]
    [rep] = change["replacements"]
    tu = text.index("TƯ")
    assert rep["deletedRegion"]["charOffset"] == tu and rep["deletedRegion"]["charLength"] == 2
    assert rep["insertedContent"]["text"] == "TW"
    assert "fixes" not in results[2]
    # The article context of every file, clean ones too.
    contexts = {a["location"]["uri"]: a["properties"] for a in run["artifacts"]}
    assert contexts[loc["artifactLocation"]["uri"]]["articleContext"]["jurisdiction"] == "Hà Nội"
    assert contexts["s%E1%BA%A1ch.md"]["articleContext"]["year"] == 2019


def fingerprints(log: dict) -> list[str]:
    return [r["partialFingerprints"]["citelintCitation/v1"] for r in log["runs"][0]["results"]]


def test_sarif_is_deterministic_and_fingerprints_survive_moved_lines():
    first = render([article_report()], "sarif")
    assert first == render([article_report()], "sarif")
    log = json.loads(first)
    assert len(set(fingerprints(log))) == 4
    moved_text = "Một dòng mới ở đầu bài.\n\n" + article()
    moved = to_sarif([article_report(moved_text)])
    assert fingerprints(moved) == fingerprints(log)
    lines = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in log["runs"][0]["results"]]
    moved_lines = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in moved["runs"][0]["results"]]
    assert moved_lines == [n + 2 for n in lines]
    # Another file, or another cited text, is another result.
    other = to_sarif([article_report(path="khác.txt")])
    assert not set(fingerprints(other)) & set(fingerprints(log))


def test_sarif_fingerprints_count_occurrences():
    text = f"{QD24} và {QD24}\n"
    first = text.index(QD24)
    second = text.index(QD24, first + 1)

    def at(start: int) -> Diagnostic:
        end = start + len(QD24)
        return Diagnostic(path="a.txt", start=start, end=end, line=1, column=start + 1, end_line=1, end_column=end + 1,
                          code="CL107", name="non-canonical-code", severity="warning", message="TƯ for TW",
                          citation=Citation(kind="party", start=start, end=end, line=1, column=start + 1, end_line=1,
                                            end_column=end + 1, text=QD24))

    log = to_sarif([FileReport(path="a.txt", diagnostics=(at(second), at(first)), source=text)])
    a, b = fingerprints(log)
    assert a != b
    alone = to_sarif([FileReport(path="a.txt", diagnostics=(at(first),), source=text)])
    assert fingerprints(alone) == [a]


def test_sarif_paths_and_base_uri(schema):
    absolute = FileReport(path="/srv/bài viết/a b.txt")
    dotted = FileReport(path="./sub/x#1.txt")
    log = to_sarif([absolute, dotted], base_uri="file:///srv/repo")
    run = log["runs"][0]
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": "file:///srv/repo/"}}
    locs = [a["location"] for a in run["artifacts"]]
    assert locs == [
        {"uri": "file:///srv/b%C3%A0i%20vi%E1%BA%BFt/a%20b.txt"},
        {"uri": "sub/x%231.txt", "uriBaseId": "%SRCROOT%"},
    ]
    validate(schema, log)
    assert to_sarif([], base_uri="/srv/repo")["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file:///srv/repo/"


def test_unknown_format():
    from citelint.cli.check import FORMATS as COMMAND_LINE_FORMATS

    assert FORMATS == ("full", "concise", "json", "json-lines", "sarif", "github", "gitlab", "junit", "rdjson", "pylint", "azure",
                       "corpus")
    assert COMMAND_LINE_FORMATS == FORMATS  # the command line's list is its own, to import nothing more at start-up
    with pytest.raises(ValueError, match="unknown output format"):
        write_report([], "xml", io.StringIO())


# --- code frames, any text ----------------------------------------------------------------------

_CHARS = st.sampled_from(list("aQđĐêếỆư ,./-–") + ["\t", "\u0301", "\u0302", "\u0323", "中", "😀", "\x07", "\u202e", "\ufeff", "\u200b"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_CHARS, max_size=400).map("".join), st.data(), st.integers(min_value=20, max_value=140))
def test_frame_line_fits_and_points_inside_what_it_shows(line, data, avail):
    start = data.draw(st.integers(min_value=0, max_value=len(line)))
    end = data.draw(st.integers(min_value=start, max_value=len(line)))
    shown, carets = frame_line(line, start, end, avail)
    width = cell_len(shown)
    stripped = carets.lstrip(" ")
    assert stripped and set(stripped) == {"^"}
    assert width <= avail
    assert len(carets) <= width + 1  # an empty span at the end of a line points just after it
    joins_previous = start < len(line) and (unicodedata.category(line[start]) == "Mn" or line[start] == "\u200b")
    if not shown.startswith("…") and not joins_previous:
        # Nothing cut on the left: the carets start where the span's first character is shown
        # (a span starting at a mark starts under the letter the mark is part of).
        prefix, _ = frame_line(line[:start], 0, 0, 10**6)
        assert len(carets) - len(stripped) == cell_len(prefix)


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_at_80_columns_no_word_is_cut(lang):
    # the seeds' findings rendered for an 80-column terminal: lines wrap between words (a word
    # longer than the line aside), and frames are cut with an ellipsis, never mid-word by the terminal
    from rich.console import Console

    from citelint.check.analyse import check_file
    from citelint.config import Config, Options
    from citelint.i18n import set_language
    from citelint.registry.build import load_layered

    registry = load_layered(None)
    options = Options(registry=registry, config=Config(lang=lang))
    reports = [check_file(str(p), options) for p in sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))]
    set_language(lang)
    try:
        wide = render(reports, "full", width=1000)
        console = Console(width=80, record=True, file=io.StringIO(), color_system=None)
        console.print(render(reports, "full", width=80), end="", soft_wrap=True)
        narrow = console.export_text()
    finally:
        set_language("en")
    assert max(len(line) for line in narrow.splitlines()) <= 80
    words = set(wide.split())
    cut = [t for t in narrow.split() if t not in words and "…" not in t and len(t) < 80]
    assert cut == []
