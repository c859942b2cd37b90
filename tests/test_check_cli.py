"""`citelint check` as users run it: a real process on real files."""

from __future__ import annotations

import json
import os
import subprocess
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CITELINT as CLI
from conftest import FIXTURE_REGISTRY, ROOT, finishes_within, run_citelint, write_config

ERROR_ARTICLE = "Thứ Sáu, 19/11/2021, 10:43\n\nQuy định số 41-QĐ/TW ngày 3/11/2021 của Ban Bí thư về miễn nhiệm.\n"
WARNING_ARTICLE = "Thứ Sáu, 19/11/2021, 10:43\n\nQuy định số 41-QĐ/TƯ ngày 3/11/2021 của Bộ Chính trị.\n"
CLEAN_ARTICLE = "Thứ Sáu, 19/11/2021, 10:43\n\nQuy định số 41-QĐ/TW ngày 3/11/2021 của Bộ Chính trị.\n"


def run(*args, cwd: Path, stdin: str | None = None):
    return run_citelint(*args, cwd=cwd, cache=cwd / ".cache", input=stdin)


@pytest.fixture
def project(tmp_path):
    write_config(tmp_path, FIXTURE_REGISTRY)
    (tmp_path / "articles").mkdir()
    return tmp_path


def write(project: Path, name: str, text: str) -> Path:
    path = project / "articles" / name
    path.write_text(text, encoding="utf-8")
    return path


def test_exit_codes(project):
    write(project, "clean.txt", CLEAN_ARTICLE)
    assert run("check", "articles/clean.txt", cwd=project).returncode == 0
    write(project, "warn.txt", WARNING_ARTICLE)
    assert run("check", "articles/warn.txt", cwd=project).returncode == 0  # warnings only
    write(project, "bad.txt", ERROR_ARTICLE)
    result = run("check", "articles", "--format", "concise", cwd=project)
    assert result.returncode == 1
    assert "articles/bad.txt:3:1: CL302 [error] 41-QĐ/TW was issued by Bộ Chính trị, not Ban Bí thư" in result.stdout
    assert "articles/warn.txt:3:19: CL107 [warning] issuer code 'TƯ' should be written 'TW'" in result.stdout
    assert result.stdout.rstrip().endswith("1 error, 1 warning in 3 articles (3 citations, 3 resolved)\n1 fixable with --fix (1 more with --unsafe-fixes)")


def test_usage_config_and_registry_errors_exit_2(project):
    write(project, "a.txt", CLEAN_ARTICLE)
    bad_select = run("check", "articles", "--select", "XY9", cwd=project)
    assert bad_select.returncode == 2 and "'XY9' selects no rule" in bad_select.stderr
    (project / "citelint.toml").write_text('registry = "reg"\nselct = ["CL1"]\n', encoding="utf-8")
    bad_key = run("check", "articles", cwd=project)
    assert bad_key.returncode == 2 and "unknown key(s): selct" in bad_key.stderr
    (project / "reg").mkdir()
    (project / "reg" / "d.yaml").write_text('documents:\n  - id: x\n    type: Quy định\n    issuer: nobody\n    date: 2021-01-01\n    sources: [s]\n', encoding="utf-8")
    (project / "citelint.toml").write_text('registry = "reg"\n', encoding="utf-8")
    bad_registry = run("check", "articles", cwd=project)
    assert bad_registry.returncode == 2
    assert f"{project / 'reg' / 'd.yaml'}:5:5: date: unquoted date '2021-01-01'" in bad_registry.stderr


def test_a_broken_file_does_not_hide_the_others(project):
    write(project, "bad.txt", ERROR_ARTICLE)
    (project / "articles" / "photo.txt").write_bytes(b"GIF89a\x00\x01\x02")
    result = run("check", "articles", "--format", "concise", cwd=project)
    assert result.returncode == 1
    assert "articles/photo.txt:1:7: CL901 [error] binary file (NUL byte)" in result.stdout
    assert "articles/bad.txt:3:1: CL302" in result.stdout


def test_json_formats_carry_citation_and_resolution(project):
    write(project, "bad.txt", ERROR_ARTICLE)
    records = json.loads(run("check", "articles", "--format", "json", cwd=project).stdout)
    (r,) = records
    for key in ("path", "line", "column", "end_line", "end_column", "code", "name", "severity", "message", "fix", "citation", "resolution"):
        assert key in r
    assert (r["code"], r["name"], r["severity"]) == ("CL302", "issuer-mismatch", "error")
    assert r["resolution"]["resolved"]["id"] == "tw-qd-41-2021"
    assert r["resolution"]["resolved"]["issuer"] == "Bộ Chính trị"
    assert r["citation"]["symbol"] == "41-QĐ/TW"
    lines = run("check", "articles", "--format", "json-lines", cwd=project).stdout.splitlines()
    assert [json.loads(line) for line in lines] == records


def test_sarif_and_github_formats(project):
    write(project, "bad.txt", ERROR_ARTICLE)
    sarif = json.loads(run("check", "articles", "--format", "sarif", cwd=project).stdout)
    assert sarif["version"] == "2.1.0"
    (result,) = sarif["runs"][0]["results"]
    assert result["ruleId"] == "CL302" and result["level"] == "error"
    gh = run("check", "articles", "--format", "github", cwd=project).stdout
    assert gh.startswith("::error file=articles/bad.txt,line=3,col=1,")


def test_select_ignore_and_statistics(project):
    write(project, "bad.txt", ERROR_ARTICLE)
    write(project, "warn.txt", WARNING_ARTICLE)
    only_style = run("check", "articles", "--select", "CL1", "--format", "concise", cwd=project)
    assert only_style.returncode == 0 and "CL302" not in only_style.stdout and "CL107" in only_style.stdout
    ignored = run("check", "articles", "--ignore", "CL302,CL107", "--format", "concise", cwd=project)
    assert ignored.returncode == 0 and "CL" not in ignored.stdout.split("\n")[0]
    stats = run("check", "articles", "--statistics", "--format", "concise", cwd=project)
    assert "CL302" in stats.stdout and "issuer-mismatch" in stats.stdout


def test_configuration_in_pyproject(project):
    (project / "citelint.toml").unlink()
    (project / "pyproject.toml").write_text(textwrap.dedent(f"""\
        [project]
        name = "newsroom"
        [tool.citelint]
        registry = "{FIXTURE_REGISTRY.as_posix()}"
        builtin-registry = false
        ignore = ["CL107"]
        [tool.citelint.severity]
        CL302 = "warning"
        [tool.citelint.per-file-ignores]
        "archive/*" = ["CL302"]
        """), encoding="utf-8")
    write(project, "bad.txt", ERROR_ARTICLE)
    write(project, "warn.txt", WARNING_ARTICLE)
    (project / "archive").mkdir()
    (project / "archive" / "old.txt").write_text(ERROR_ARTICLE, encoding="utf-8")
    result = run("check", "articles", "archive", "--format", "concise", cwd=project)
    assert result.returncode == 0  # CL302 made a warning, CL107 ignored
    assert "articles/bad.txt:3:1: CL302 [warning]" in result.stdout
    assert "CL107" not in result.stdout and "archive/old.txt" not in result.stdout


def test_jurisdiction_from_the_configuration(project):
    write_config(project, FIXTURE_REGISTRY, 'jurisdiction = "Nghệ An"')
    # dated by its header (a date in the lead would be too weak to exclude a document)
    write(project, "a.txt", "Thứ Sáu, 20/05/2016 08:00\nThực hiện Nghị quyết số 15-NQ/TU của Tỉnh ủy.\n")
    records = json.loads(run("extract", "articles", "--format", "json", cwd=project).stdout)
    assert records[0]["resolution"]["resolved"]["id"] == "na-nq-15-tu-2016"
    assert run("check", "articles", "--format", "concise", cwd=project).returncode == 0
    # the flag wins over the configuration: Hà Nội's 15-NQ/TU is of 2017, after this 2016 article,
    # so it is another document with the same number (numbering restarts), not a misdated one
    records = json.loads(run("extract", "articles", "--jurisdiction", "Hà Nội", "--format", "json", cwd=project).stdout)
    assert records[0]["resolution"]["resolved"] is None
    assert "04/07/2017" in records[0]["resolution"]["note"]
    result = run("check", "articles", "--jurisdiction", "Hà Nội", "--format", "concise", cwd=project)
    assert result.returncode == 0 and "CL305" not in result.stdout
    assert "CL201 [warning] 15-NQ/TU of this date or term is not in the registry (the registry knows this symbol only for 04/07/2017" \
        in result.stdout


def test_inline_suppression_in_markdown(project):
    write(project, "a.md", textwrap.dedent("""\
        ---
        date: 2021-11-19
        ---
        <!-- citelint-disable-next-line CL302 -->
        Quy định số 41-QĐ/TW ngày 3/11/2021 của Ban Bí thư.

        Quy định số 41-QĐ/TW ngày 3/11/2021 của Ban Bí thư.
        """))
    result = run("check", "articles", "--format", "concise", cwd=project)
    assert "articles/a.md:5:" not in result.stdout
    assert "articles/a.md:7:1: CL302" in result.stdout


def test_a_mistyped_suppression_code_disables_nothing_and_is_reported(project):
    write(project, "a.md", textwrap.dedent("""\
        ---
        date: 2021-11-19
        ---
        <!-- citelint-disable-next-line CL3O2 -->
        Quy định số 41-QĐ/TW ngày 3/11/2021 của Ban Bí thư.

        <!-- citelint-disable-next-line cl302, XYZ -->
        Quy định số 41-QĐ/TW ngày 3/11/2021 của Ban Bí thư.

        <!-- citelint-disable-next-line issuer-mismatch -->
        Quy định số 41-QĐ/TW ngày 3/11/2021 của Ban Bí thư.
        """))
    result = run("check", "articles", "--format", "concise", cwd=project)
    out = result.stdout
    # the error is still reported under both broken comments, and the run fails
    assert result.returncode == 1
    assert "articles/a.md:5:1: CL302 [error]" in out and "articles/a.md:8:1: CL302 [error]" in out
    # each word that names no rule is reported where it is written
    assert "articles/a.md:4:33: CL902 [warning] 'CL3O2' names no rule" in out
    assert "articles/a.md:7:33: CL902 [warning] 'cl302' names no rule" in out
    assert "articles/a.md:7:40: CL902 [warning] 'XYZ' names no rule" in out
    # a rule's name works as its code does
    assert "articles/a.md:11:" not in out and out.count("CL902") == 3


def test_unterminated_suppression_comments_take_linear_time():
    from citelint.check.analyse import lint_text
    from citelint.check.suppress import Suppressions
    from citelint.text.prepared import PreparedText

    # each "<!-- citelint-disable" was read on to the ">" that fails it, the next one again
    text = "<!-- citelint-disable " * 30_000 + ">\n<!-- citelint-disable-line CL201 -->\n"
    with finishes_within(30):
        suppressions = Suppressions(PreparedText(text, "markdown"))
        assert not lint_text("<!-- citelint-disable-next-line " * 30_000, markup="markdown").diagnostics
    assert suppressions.covers("CL201", 2)
    assert not suppressions.covers("CL201", 1) and not suppressions.covers("CL302", 2) and suppressions.unknown == []


def test_many_disable_and_enable_directives_take_linear_time():
    from citelint.check.suppress import Suppressions
    from citelint.text.prepared import PreparedText

    # each "enable CL302" looked at every "disable CL201" still open, and each line asked about
    # looked at every range
    text = "<!-- citelint-disable CL201 -->\n" * 15_000 + "<!-- citelint-enable CL302 -->\n" * 15_000
    text += "<!-- citelint-enable CL201 -->\nx\n"
    with finishes_within(30):
        suppressions = Suppressions(PreparedText(text, "markdown"))
        covered = [line for line in range(1, 30_004) if suppressions.covers("CL201", line)]
        assert not any(suppressions.covers("CL302", line) for line in range(1, 30_004))
    assert covered == list(range(1, 30_002))  # every "disable" closed by the "enable CL201" of line 30 001


def reference_suppressions(lines: list[tuple[str, set[str] | None]]) -> set[tuple[str, int]]:
    """(code, line) pairs the directives cover, each line holding one (kind, codes) or none,
    worked out directive by directive, as the docstring of Suppressions says."""
    covered = set()
    open_: list[tuple[int, set[str] | None]] = []
    codes_of = lambda codes: CODES if codes is None else codes  # noqa: E731
    for number, (kind, codes) in enumerate(lines, start=1):
        if kind == "disable-line":
            covered |= {(c, number) for c in codes_of(codes)}
        elif kind == "disable-next-line":
            covered |= {(c, number + 1) for c in codes_of(codes)}
        elif kind == "disable":
            open_.append((number, codes))
        elif kind == "enable":
            for start, opened in list(open_):
                if codes is None or (opened is not None and opened <= codes):
                    covered |= {(c, n) for c in codes_of(opened) for n in range(start, number + 1)}
                    open_.remove((start, opened))
    for start, opened in open_:
        covered |= {(c, n) for c in codes_of(opened) for n in range(start, len(lines) + 3)}
    return covered


CODES = {"CL101", "CL201", "CL302"}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["disable", "enable", "disable-line", "disable-next-line", "text"]),
                          st.one_of(st.none(), st.sets(st.sampled_from(sorted(CODES)), max_size=3))), max_size=25))
def test_suppressions_cover_what_the_directives_say(lines):
    from citelint.check.suppress import Suppressions
    from citelint.text.prepared import PreparedText

    text = "\n".join("x" if kind == "text" else f"<!-- citelint-{kind} {' '.join(sorted(codes or ()))} -->" for kind, codes in lines)
    lines = [(kind, codes or None) for kind, codes in lines]  # no code written: every rule
    suppressions = Suppressions(PreparedText(text, "markdown"))
    expected = reference_suppressions(lines)
    for code in sorted(CODES):
        for number in range(1, len(lines) + 3):
            assert suppressions.covers(code, number) == ((code, number) in expected), (code, number)


def test_baseline_accepts_known_findings_only(project):
    write(project, "bad.txt", ERROR_ARTICLE)
    written = run("check", "articles", "--baseline", "baseline.json", "--write-baseline", cwd=project)
    assert written.returncode == 0 and "wrote 1 finding" in written.stderr
    assert run("check", "articles", "--baseline", "baseline.json", cwd=project).returncode == 0
    # the finding moves down a line: still accepted
    write(project, "bad.txt", "\n" + ERROR_ARTICLE)
    assert run("check", "articles", "--baseline", "baseline.json", cwd=project).returncode == 0
    # a new finding is not
    write(project, "bad.txt", ERROR_ARTICLE + "Quyết định số 37-QĐ/TW ngày 25/10/2021.\n")
    result = run("check", "articles", "--baseline", "baseline.json", "--format", "concise", cwd=project)
    assert result.returncode == 1 and "CL303" in result.stdout and "CL302" not in result.stdout
    assert run("check", "articles", "--baseline", "missing.json", cwd=project).returncode == 2


def test_fix_leaves_what_the_baseline_accepts(project):
    accepted = "Thứ Sáu, 19/11/2021, 10:43\n\nQuy định số 41-QĐ/TƯ ngày 3/11/2021 của Ban Bí thư về miễn nhiệm.\n"
    path = write(project, "bad.txt", accepted)
    assert run("check", "articles", "--baseline", "baseline.json", "--write-baseline", cwd=project).returncode == 0
    assert run("check", "articles", "--baseline", "baseline.json", cwd=project).returncode == 0
    # the tree check passes: --fix passes too, and rewrites no accepted finding (CL107's 'TƯ')
    fixed = run("check", "articles", "--baseline", "baseline.json", "--fix", cwd=project)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert path.read_text(encoding="utf-8") == accepted
    assert "2 findings accepted by the baseline" in fixed.stderr
    # a new finding in the same file is fixed; the accepted one stays as it is
    path.write_text(accepted + "Chỉ thị số 05-CT/TƯ ngày 15/5/2016 của Bộ Chính trị.\n", encoding="utf-8")
    fixed = run("check", "articles", "--baseline", "baseline.json", "--fix", cwd=project)
    assert fixed.returncode == 0
    assert path.read_text(encoding="utf-8") == accepted + "Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị.\n"


def test_write_baseline_for_some_paths_keeps_the_other_files_entries(project):
    (project / "articles" / "a").mkdir()
    (project / "articles" / "b").mkdir()
    write(project, "a/one.txt", ERROR_ARTICLE)
    write(project, "b/two.txt", ERROR_ARTICLE)
    assert run("check", "articles", "--baseline", "baseline.json", "--write-baseline", cwd=project).returncode == 0
    # rewriting the baseline for one directory keeps the other's entries
    again = run("check", "articles/a", "--baseline", "baseline.json", "--write-baseline", cwd=project)
    assert again.returncode == 0 and "wrote 1 finding" in again.stderr and "kept 1 finding" in again.stderr
    assert run("check", "articles", "--baseline", "baseline.json", cwd=project).returncode == 0
    # a file checked again replaces its own entries: fixed, its finding is no longer accepted
    write(project, "a/one.txt", CLEAN_ARTICLE)
    assert run("check", "articles/a", "--baseline", "baseline.json", "--write-baseline", cwd=project).returncode == 0
    write(project, "a/one.txt", ERROR_ARTICLE)
    assert run("check", "articles", "--baseline", "baseline.json", cwd=project).returncode == 1
    paths = [e["path"] for e in json.loads((project / "baseline.json").read_text(encoding="utf-8"))["findings"]]
    assert paths == ["articles/b/two.txt"]


def test_files_outside_any_project_use_the_working_directorys_configuration(tmp_path):
    project, outside, own = tmp_path / "project", tmp_path / "outside", tmp_path / "own"
    for d in (project, outside, own):
        d.mkdir()
    (project / "citelint.toml").write_text('ignore = ["CL3"]\n', encoding="utf-8")
    (outside / "bad.txt").write_text(ERROR_ARTICLE, encoding="utf-8")
    (own / "bad.txt").write_text(ERROR_ARTICLE, encoding="utf-8")
    (own / "citelint.toml").write_text("", encoding="utf-8")
    # no configuration where the file is: the working directory's applies, and the run says so
    result = run("check", "../outside/bad.txt", "--format", "concise", cwd=project)
    assert result.returncode == 0 and "CL302" not in result.stdout
    assert "using " in result.stderr and "citelint.toml" in result.stderr
    # a file in a project of its own keeps that project's configuration
    result = run("check", "../own/bad.txt", "--format", "concise", cwd=project)
    assert result.returncode == 1 and "CL302" in result.stdout and "using" not in result.stderr


def test_stdin(project):
    result = run("check", "-", "--stdin-filename", "x.txt", "--format", "concise", cwd=project, stdin=ERROR_ARTICLE)
    assert result.returncode == 1 and "x.txt:3:1: CL302" in result.stdout


def test_rule_command(project):
    result = run("rule", "CL304", cwd=project)
    assert result.returncode == 0
    assert result.stdout.startswith("# CL304 no-such-document-of-meeting")
    for heading in ("## What it does", "## Why it matters", "## Example", "## Fix"):
        assert heading in result.stdout
    assert run("rule", "issuer-mismatch", cwd=project).stdout.startswith("# CL302")
    assert run("rule", "CL000", cwd=project).returncode == 2
    listing = run("rule", "--all", cwd=project).stdout
    assert "CL101" in listing and "CL999" in listing


def test_seeds_pass_with_the_committed_baseline():
    result = run_citelint("check", "seeds/", "--format", "concise", cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "7 findings accepted by the baseline" in result.stderr
    unfiltered = run_citelint("check", "seeds/", "--no-baseline", "--format", "concise", cwd=ROOT)
    assert unfiltered.returncode == 1
    assert "seeds/003_f1b95d96ca388da7.txt:27:105: CL304 [error]" in unfiltered.stdout


def test_output_file_quiet_and_exit_flags(project):
    write(project, "bad.txt", ERROR_ARTICLE)
    out = project / "report.json"
    result = run("check", "articles", "--format", "json", "-o", str(out), cwd=project)
    assert result.returncode == 1 and result.stdout == ""
    assert [d["code"] for d in json.loads(out.read_text(encoding="utf-8"))] == ["CL302"]
    # a run that fails leaves the old report as it was, and no temporary file
    failed = run("check", "articles", "--format", "json", "-o", str(out), "--select", "XY9", cwd=project)
    assert failed.returncode == 2 and json.loads(out.read_text(encoding="utf-8"))[0]["code"] == "CL302"
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".report")) == []
    quiet = run("check", "articles", "--format", "concise", "-q", cwd=project)
    assert quiet.stdout.splitlines() == ["articles/bad.txt:3:1: CL302 [error] 41-QĐ/TW was issued by Bộ Chính trị, not Ban Bí thư"]
    assert run("check", "articles", "--exit-zero", cwd=project).returncode == 0
    # the format from the environment
    env = dict(os.environ, CITELINT_OUTPUT_FORMAT="pylint", CITELINT_CACHE_DIR=str(project / ".cache"))
    via_env = subprocess.run([*CLI, "check", "articles"], cwd=project, env=env, capture_output=True, text=True)
    assert via_env.stdout.startswith("articles/bad.txt:3: [CL302]")
    env["CITELINT_OUTPUT_FORMAT"] = "xml"
    assert subprocess.run([*CLI, "check", "articles"], cwd=project, env=env, capture_output=True, text=True).returncode == 2


def test_exit_non_zero_on_fix(project):
    write(project, "warn.txt", WARNING_ARTICLE)
    fixed = run("check", "articles", "--fix", "--exit-non-zero-on-fix", cwd=project)
    assert fixed.returncode == 1  # a file changed, though nothing at error severity remains
    assert run("check", "articles", "--fix", "--exit-non-zero-on-fix", cwd=project).returncode == 0  # nothing left to fix


@pytest.mark.parametrize("args, message", [
    (["-j", "0"], "at least 1"),
    (["--jobs", "-2"], "at least 1"),
    (["--unsafe-fixes"], "--unsafe-fixes needs --fix or --diff"),
    (["--exit-non-zero-on-fix"], "needs --fix"),
    (["--jurisdiction", "Atlantis"], "unknown jurisdiction 'Atlantis'"),
])
def test_meaningless_options_are_refused(project, args, message):
    write(project, "clean.txt", CLEAN_ARTICLE)
    result = run("check", "articles", *args, cwd=project)
    assert result.returncode == 2 and message in result.stderr


def test_paths_that_match_nothing_are_said_and_nothing_checked_is_an_error(project):
    write(project, "clean.txt", CLEAN_ARTICLE)
    result = run("check", "articles/clean.txt", "articles/*.md", cwd=project)
    assert result.returncode == 0 and "articles/*.md: no such file or directory" in result.stderr
    nothing = run("check", "articles/*.md", cwd=project)
    assert nothing.returncode == 2 and "nothing was checked" in nothing.stderr
    (project / "empty").mkdir()
    empty = run("check", "empty", cwd=project)
    assert empty.returncode == 2 and "empty: no article files in this directory" in empty.stderr


def test_other_tools_directories_are_not_walked(project):
    for d in ("node_modules/pkg", "venv/lib", ".git", "ok"):
        (project / "articles" / d).mkdir(parents=True)
        (project / "articles" / d / "a.txt").write_text(ERROR_ARTICLE, encoding="utf-8")
    result = run("check", "articles", "--format", "concise", cwd=project)
    assert "articles/ok/a.txt" in result.stdout
    assert "node_modules" not in result.stdout and "venv" not in result.stdout and ".git" not in result.stdout


def test_fix_on_standard_input_prints_the_fixed_text(project):
    result = run("check", "-", "--fix", "--stdin-filename", "x.txt", cwd=project, stdin=WARNING_ARTICLE + ERROR_ARTICLE)
    assert result.stdout == WARNING_ARTICLE.replace("41-QĐ/TƯ", "41-QĐ/TW") + ERROR_ARTICLE
    assert result.returncode == 1 and "x.txt:6:1: CL302 [error]" in result.stderr  # what remains, on stderr
    assert run("check", "-", "--diff", cwd=project, stdin=WARNING_ARTICLE).returncode == 2


def test_files_git_ignores_are_not_checked(project):
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    (project / ".gitignore").write_text("articles/drafts/\narticles/old.txt\n", encoding="utf-8")
    (project / "articles" / "drafts").mkdir()
    write(project, "drafts/a.txt", ERROR_ARTICLE)
    write(project, "old.txt", ERROR_ARTICLE)
    write(project, "new.txt", ERROR_ARTICLE)
    result = run("check", "articles", "--format", "concise", cwd=project)
    assert "articles/new.txt" in result.stdout and "drafts" not in result.stdout and "old.txt" not in result.stdout
    # a file named explicitly is checked; --no-respect-gitignore walks everything
    assert "articles/old.txt" in run("check", "articles/old.txt", "--format", "concise", cwd=project).stdout
    every = run("check", "articles", "--format", "concise", "--no-respect-gitignore", cwd=project).stdout
    assert "articles/drafts/a.txt" in every and "articles/old.txt" in every
    (project / "citelint.toml").write_text((project / "citelint.toml").read_text(encoding="utf-8") + "respect-gitignore = false\n",
                                           encoding="utf-8")
    assert "articles/drafts/a.txt" in run("check", "articles", "--format", "concise", cwd=project).stdout


def test_findings_on_one_span_share_one_frame(project):
    write(project, "two.txt", "Thứ Sáu, 19/11/2021, 10:43\n\nQuy định số 41-QĐ/TW ngày 4/11/2021 của Ban Bí thư về miễn nhiệm.\n")
    out = run("check", "articles", cwd=project).stdout
    assert "CL301" in out and "CL302" in out
    assert out.count("3 | Quy định số 41-QĐ/TW") == 1  # one frame for both
    assert "= help (CL301):" in out and "= help (CL302):" in out


@pytest.mark.slow  # a real terminal (pty) or a watching process
def test_a_long_run_shows_progress_on_a_terminal(project):
    import pty

    from citelint.cli.check import PROGRESS_AFTER

    for i in range(PROGRESS_AFTER + 5):
        write(project, f"a{i}.txt", CLEAN_ARTICLE)
    master, slave = pty.openpty()  # standard error is a terminal, the report goes to a file
    env = dict(os.environ, TERM="xterm", COLUMNS="100", CITELINT_CACHE_DIR=str(project / ".cache"))
    proc = subprocess.run([*CLI, "check", "articles", "-o", "report.txt", "--no-cache", "-j", "1"], cwd=project, env=env,
                          stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave, timeout=300)
    os.close(slave)
    shown = b""
    try:
        while chunk := os.read(master, 65536):
            shown += chunk
    except OSError:
        pass
    os.close(master)
    assert proc.returncode == 0
    assert f"checking: {PROGRESS_AFTER + 5} files".encode() in shown
    assert "errors" in (project / "report.txt").read_text(encoding="utf-8")  # the report itself is whole
    # not on a pipe
    piped = run("check", "articles", "-o", "report.txt", "--no-cache", "-j", "1", cwd=project)
    assert "checking:" not in piped.stderr


@pytest.mark.slow  # a real terminal (pty) or a watching process
def test_watch_checks_again_when_a_file_changes(project):
    import time

    path = write(project, "a.txt", CLEAN_ARTICLE)
    env = dict(os.environ, CITELINT_CACHE_DIR=str(project / ".cache"), PYTHONUNBUFFERED="1")
    proc = subprocess.Popen([*CLI, "check", "articles", "--watch", "--format", "concise"], cwd=project, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        lines: list[str] = []

        def wait_for(text: str) -> None:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                line = proc.stdout.readline()
                lines.append(line)
                if text in line:
                    return
            raise AssertionError(f"{text!r} not in {lines}")

        wait_for("0 errors, 0 warnings in 1 article")
        time.sleep(0.2)
        path.write_text(ERROR_ARTICLE, encoding="utf-8")
        wait_for("CL302 [error]")
        wait_for("1 error, 0 warnings in 1 article")
    finally:
        proc.send_signal(__import__("signal").SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
    assert proc.returncode == 0  # Ctrl-C ends the watch
    assert run("check", "articles", "--watch", "--fix", cwd=project).returncode == 2
