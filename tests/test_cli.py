"""The ``citelint`` command, run for real in a subprocess: output formats, exit codes, messages."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CITELINT as CLI
from conftest import ROOT, plain_env, run_citelint
from conftest import SEEDS as SEED_DIR

SEEDS = sorted(SEED_DIR.glob("*.txt"))
ND30 = "Nghị định 30/2020/NĐ-CP"
QD24 = "Quy định số 24-QĐ/TƯ ngày 30/7/2021 của Ban Chấp hành Trung ương"
RECORD_KEYS = {
    "path", "start", "end", "line", "column", "text", "kind", "type_name", "type_code", "number",
    "year", "issuer_code", "issuer_text", "date", "term", "plenum", "title", "deviations",
}


def env(**extra: str) -> dict[str, str]:
    return plain_env(LINES="50", **extra)


def run(*args: str, cwd: Path = ROOT, stdin: bytes | None = None, **extra_env: str) -> subprocess.CompletedProcess:
    return run_citelint(*args, cwd=cwd, input=stdin if stdin is not None else b"", env=env(**extra_env), binary=True, timeout=60)


def jsonl(p) -> list[dict]:
    return [json.loads(line) for line in p.out.splitlines()]


def decoded(path: Path) -> str:
    return path.read_bytes().decode("utf-8-sig")


@pytest.fixture(scope="module")
def seeds_jsonl() -> list[dict]:
    p = run("extract", "seeds/", "--format", "jsonl")
    assert p.returncode == 0, p.err
    assert "Traceback" not in p.err
    return jsonl(p)


def test_seeds_jsonl_records(seeds_jsonl):
    assert len(SEEDS) == 5
    assert len(seeds_jsonl) == 42  # 40 by symbol or meeting, and the Party Charter twice by name
    assert {r["path"] for r in seeds_jsonl} == {f"seeds/{s.name}" for s in SEEDS}
    texts = {f"seeds/{s.name}": decoded(s) for s in SEEDS}
    for r in seeds_jsonl:
        assert RECORD_KEYS <= r.keys(), RECORD_KEYS - r.keys()
        original = texts[r["path"]]
        assert 0 <= r["start"] < r["end"] <= len(original)
        assert original[r["start"] : r["end"]] == r["text"]
        line = original.count("\n", 0, r["start"]) + 1
        assert (r["line"], r["column"]) == (line, r["start"] - (original.rfind("\n", 0, r["start"]) + 1) + 1)
    # Records come file by file, in order of position within each file.
    paths = [r["path"] for r in seeds_jsonl]
    assert paths == sorted(paths)
    for path in texts:
        starts = [r["start"] for r in seeds_jsonl if r["path"] == path]
        assert starts == sorted(starts)
    qd24 = next(r for r in seeds_jsonl if r["text"].startswith("Quy định số 24-QĐ/TƯ"))
    assert (qd24["kind"], qd24["symbol"], qd24["issuer_code"], qd24["date"]) == ("party", "24-QĐ/TW", "TW", "2021-07-30")


def test_json_format_is_one_array_with_the_same_records(seeds_jsonl):
    p = run("extract", "seeds/", "--format", "json")
    assert p.returncode == 0, p.err
    assert json.loads(p.out) == seeds_jsonl


def test_table_format_shows_paths_and_symbols():
    p = run("extract", "seeds/")
    assert p.returncode == 0, p.err
    for s in SEEDS:
        assert f"seeds/{s.name}" in p.out
    assert "24-QĐ/TW" in p.out  # parsed, canonical
    assert "24-QĐ/TƯ" in p.out  # as written
    assert "6:76" in p.out  # line:col of that citation
    assert "42 citations in 5 files" in p.out


def test_unreadable_inputs_are_reported_and_the_rest_is_processed(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"GIF89a\nab\x00cd\n")
    (tmp_path / "good.md").write_text(f"Theo **{ND30}**.\n", encoding="utf-8")
    p = run("extract", "bad.txt", "good.md", "missing.txt", "--format", "jsonl", cwd=tmp_path)
    assert p.returncode == 1
    records = jsonl(p)
    assert [(r["path"], r["text"], r["start"]) for r in records] == [("good.md", ND30, 7)]
    err_lines = p.err.splitlines()
    assert "bad.txt:2:3: error: binary file (NUL byte)" in err_lines
    assert "missing.txt: error: no such file or directory" in err_lines
    assert "good.md" not in p.err
    assert "Traceback" not in p.err


def test_directory_with_an_unreadable_file_exits_1_but_lists_the_others(tmp_path):
    (tmp_path / "a.txt").write_text(ND30 + "\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02\x03" * 10)
    p = run("extract", ".", "--format", "jsonl", cwd=tmp_path)
    assert p.returncode == 1
    assert [r["path"] for r in jsonl(p)] == ["a.txt"]
    assert "b.txt:1:1: error: binary file" in p.err


def test_stdin_with_stdin_filename_is_read_as_markdown():
    md = f"---\ntitle: Nghị định 99/2019/NĐ-CP\n---\nTheo [{ND30}](https://example.org/nd30).\n".encode()
    p = run("extract", "-", "--stdin-filename", "x.md", "--format", "jsonl", stdin=md)
    assert p.returncode == 0, p.err
    assert [(r["path"], r["text"], r["line"], r["column"]) for r in jsonl(p)] == [("x.md", ND30, 4, 7)]
    # Without a name, standard input is plain text: front matter and the link markup are read.
    p = run("extract", "-", "--format", "jsonl", stdin=md)
    assert p.returncode == 0, p.err
    assert [(r["path"], r["symbol"]) for r in jsonl(p)] == [("-", "99/2019/NĐ-CP"), ("-", "30/2020/NĐ-CP")]


def test_stdin_binary_is_reported_with_the_stdin_name():
    p = run("extract", "-", "--stdin-filename", "in.txt", "--format", "jsonl", stdin=b"x\n\x00y")
    assert p.returncode == 1
    assert p.out == ""
    assert "in.txt:2:1: error: binary file (NUL byte)" in p.err.splitlines()


def test_include_and_exclude_on_a_directory(tmp_path):
    for name in ["a.txt", "b.md", "sub/c.html", "sub/notes.csv", "skip/d.txt", ".git/e.txt"]:
        f = tmp_path / "docs" / name
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(f"<p>{ND30}</p>\n" if name.endswith(".html") else ND30 + "\n", encoding="utf-8")

    def paths(*opts: str) -> list[str]:
        p = run("extract", "docs", "--format", "jsonl", *opts, cwd=tmp_path)
        assert p.returncode == 0, p.err
        return [r["path"] for r in jsonl(p)]

    assert paths() == ["docs/a.txt", "docs/b.md", "docs/skip/d.txt", "docs/sub/c.html"]
    assert paths("--exclude", "skip", "--exclude", "*.md") == ["docs/a.txt", "docs/sub/c.html"]
    assert paths("--include", "*.csv") == ["docs/sub/notes.csv"]
    assert paths("--include", "sub/*", "--exclude", "*.html") == ["docs/sub/notes.csv"]


@pytest.mark.parametrize(
    "args,message",
    [
        (["extract", "seeds/", "--bogus"], "unrecognized arguments: --bogus"),
        (["extract"], "the following arguments are required: PATH"),
        (["extract", "seeds/", "--format", "xml"], "invalid choice: 'xml'"),
        ([], "the following arguments are required: COMMAND"),
        (["lint", "seeds/"], "invalid choice: 'lint'"),
    ],
)
def test_bad_usage_exits_2(args, message):
    p = run(*args)
    assert p.returncode == 2
    assert p.out == ""
    assert "usage: citelint" in p.err
    assert message in p.err


def test_version():
    p = run("--version")
    assert p.returncode == 0
    assert p.out.startswith("citelint ")


def test_console_script_matches_python_m(seeds_jsonl):
    script = Path(sys.executable).with_name("citelint")
    if not script.exists():
        pytest.skip("the citelint console script is not installed next to this interpreter")
    p = subprocess.run(
        [str(script), "extract", "seeds/", "--format", "jsonl"], cwd=ROOT, capture_output=True, env=env(), timeout=60
    )
    assert p.returncode == 0
    assert [json.loads(line) for line in p.stdout.decode().splitlines()] == seeds_jsonl


@pytest.mark.parametrize("fmt", ["jsonl", "json", "table"])
def test_closed_stdout_stops_quietly(tmp_path, fmt):
    # Far more output than a pipe buffer holds, so the command is still writing when we close.
    (tmp_path / "big.txt").write_text(f"Theo {QD24} và {ND30}.\n" * 250, encoding="utf-8")
    proc = subprocess.Popen(
        [*CLI, "extract", "big.txt", "--format", fmt],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env(),
    )
    first = proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode("utf-8", errors="replace")
    proc.stderr.close()
    rc = proc.wait(timeout=60)
    assert first.strip()
    assert "Traceback" not in err
    assert "Exception ignored" not in err
    assert err == ""
    assert rc == 0  # as for every format: 1 would mean "some input could not be read"


def test_json_output_is_utf8_whatever_the_locale_encoding():
    # A Windows pipe, or a Latin-1 locale: JSON is still UTF-8, never a UnicodeEncodeError.
    for fmt in ("jsonl", "json"):
        p = run("extract", "seeds/004_8b74df4c981ce569.txt", "--format", fmt, PYTHONIOENCODING="latin-1", PYTHONUTF8="0")
        assert p.returncode == 0, p.err
        assert "Traceback" not in p.err
        assert "Quy định số 24-QĐ/TƯ" in p.out


def test_table_output_in_an_ascii_locale_does_not_crash():
    p = run("extract", "seeds/004_8b74df4c981ce569.txt", PYTHONIOENCODING="ascii", PYTHONUTF8="0")
    assert p.returncode == 0, p.err
    assert "Traceback" not in p.err
    assert "12 citations in 1 file" in p.out


@pytest.mark.skipif(sys.platform != "linux", reason="needs a file system that takes any bytes as a name")
def test_undecodable_file_name_round_trips_through_json(tmp_path):
    name = b"t\xe0i.txt"  # Latin-1 bytes, not UTF-8
    with open(os.path.join(os.fsencode(tmp_path), name), "wb") as f:
        f.write((ND30 + "\n").encode())
    for encoding in ("utf-8", None):  # strict UTF-8 stdout, and the locale's (UTF-8 mode here)
        extra = {"PYTHONIOENCODING": encoding} if encoding else {}
        p = run("extract", ".", "--format", "json", cwd=tmp_path, **extra)
        assert p.returncode == 0, p.err
        (r,) = json.loads(p.out)
        assert os.fsencode(r["path"]) == name
        assert r["text"] == ND30


def test_the_server_explains_itself_without_pygls(tmp_path):
    # an installation without the server extra: `citelint server --help` works, and starting the
    # server says what to install
    code = ("import sys; sys.modules['pygls'] = None; from citelint.cli.main import main; "
            "sys.exit(main(sys.argv[1:]))")
    helped = subprocess.run([sys.executable, "-c", code, "server", "--help"], capture_output=True, text=True, cwd=tmp_path)
    assert helped.returncode == 0 and "--debounce-ms" in helped.stdout, helped.stderr
    started = subprocess.run([sys.executable, "-c", code, "server"], capture_output=True, text=True, cwd=tmp_path,
                             stdin=subprocess.DEVNULL)
    assert started.returncode == 2
    assert "pip install 'citelint-vn[server]'" in started.stderr


def test_check_with_no_path_in_this_repository_checks_the_articles_only():
    result = run_citelint("check", "--format", "json", "--no-baseline", "--no-cache", cwd=ROOT)
    paths = {d["path"] for d in json.loads(result.stdout)}
    assert paths and all(p.startswith("seeds/") for p in paths), paths


def test_bash_completion_completes_commands_and_options(tmp_path):
    script = run_citelint("completion", "bash", cwd=tmp_path).stdout
    probe = ("source /dev/stdin; COMP_WORDS=(citelint ch); COMP_CWORD=1; _shtab_citelint; echo \"${COMPREPLY[@]}\"; "
             "COMP_WORDS=(citelint check --for); COMP_CWORD=2; _shtab_citelint; echo \"${COMPREPLY[@]}\"")
    done = subprocess.run(["bash", "-c", probe], input=script, capture_output=True, text=True, check=True)
    assert done.stdout.split("\n")[:2] == ["check", "--format"]
