"""``citelint registry show | stats | export`` (citelint.cli.registry, citelint.registry.inspect).

Tested two ways: the views called directly and the command run in this process, and the
command run for real in a subprocess.  Expected values come from the YAML files themselves,
read here with ruamel.yaml, not from citelint's loader.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from citelint.cli.main import build_parser, main
from citelint.registry import inspect
from citelint.records import replace
from conftest import FIXTURE_REGISTRY as FIXTURE
from conftest import ROOT, SEED_004, SEEDS, plain_env, run_citelint
from conftest import SHIPPED_REGISTRY as SHIPPED

# --- the YAML, read independently -----------------------------------------------------------------


def yaml_documents(root: Path) -> list[dict]:
    yaml = YAML(typ="safe", pure=True)
    docs: list[dict] = []
    for path in sorted(root.rglob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8")) or {}
        docs += data.get("documents") or []
    return docs


def yaml_count(root: Path, section: str) -> int:
    yaml = YAML(typ="safe", pure=True)
    return sum(len((yaml.load(p.read_text(encoding="utf-8")) or {}).get(section) or []) for p in root.rglob("*.yaml"))


SHIPPED_DOCS = {d["id"]: d for d in yaml_documents(SHIPPED)}
FIXTURE_DOCS = {d["id"]: d for d in yaml_documents(FIXTURE)}


# --- fixtures -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped(shipped_registry):
    return shipped_registry


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="module")
def cli(cache_dir):
    def run(*args: str, registry: Path = SHIPPED, cwd: Path = ROOT) -> subprocess.CompletedProcess:
        alone = () if registry == SHIPPED else ("--no-builtin-registry",)  # a test registry is all it knows
        p = run_citelint("registry", *args, "--registry", str(registry), *alone, cwd=cwd, cache=cache_dir, env=plain_env(),
                         binary=True, timeout=60)
        assert "Traceback" not in p.err, p.err
        return p

    return run


def call(*argv: str, path: Path = SHIPPED) -> tuple[int, str, str]:
    """``citelint registry ARGV --registry PATH`` in this process: exit status, output, errors."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        alone = [] if path == SHIPPED else ["--no-builtin-registry"]  # a test registry is all it knows
        code = main(["registry", *argv, "--registry", str(path), *alone])
    return code, out.getvalue(), err.getvalue()


def entry_blocks(text: str) -> dict[str, str]:
    """The text output of `show`, one block per entry, by id (a block starts with its id)."""
    blocks: dict[str, str] = {}
    current = None
    for line in text.splitlines():
        m = re.match(r"^([a-z0-9][a-z0-9._-]*)(  \S.*)?$", line)
        if m and (m.group(1) in SHIPPED_DOCS or m.group(1) in FIXTURE_DOCS):
            current = m.group(1)
            blocks[current] = ""
        if current:
            blocks[current] += line + "\n"
    return blocks


# --- show -----------------------------------------------------------------------------------------


def test_show_24_qd_tw_as_a_user_sees_it(cli):
    p = cli("show", "24-QĐ/TW")
    assert p.returncode == 0, p.err
    blocks = entry_blocks(p.out)
    assert list(blocks) == ["tw-qd-24-2021"]
    block = blocks["tw-qd-24-2021"]
    assert "30/07/2021" in block or "2021-07-30" in block
    lines = [line.strip() for line in block.splitlines()]
    sources = SHIPPED_DOCS["tw-qd-24-2021"]["sources"]
    assert len(sources) >= 2
    for source in sources:  # each source on a line of its own
        assert source in lines
    replaced = next(line for line in lines if line.startswith("replaced by"))
    assert "232-QĐ/TW" in replaced and "tw-qd-232-2025" in replaced
    assert "effective 2025-01-20" in replaced
    assert "Ban Chấp hành Trung ương" in block  # the issuer's name, not only its id
    assert "Quy định thi hành Điều lệ Đảng" in block
    assert "superseded" in block


def test_show_a_symbol_shared_across_terms_shows_every_entry(cli):
    p = cli("show", "01-CTr/TU")
    assert p.returncode == 0, p.err
    blocks = entry_blocks(p.out)
    assert set(blocks) == {"hn-ctr-01-2016", "hn-ctr-01-2021"}
    dates = {i: re.search(r"^date:\s+(\S+)", b, re.MULTILINE).group(1) for i, b in blocks.items()}
    assert dates == {"hn-ctr-01-2016": "2016-04-26", "hn-ctr-01-2021": "2021-03-17"}
    for block in blocks.values():
        assert "Thành ủy Hà Nội" in block


def test_show_press_spelling_through_the_command(cli):
    p = cli("show", "24-QĐ/TƯ", "--format", "json")
    assert p.returncode == 0, p.err
    data = json.loads(p.out)
    assert [e["id"] for e in data["entries"]] == ["tw-qd-24-2021"]
    assert data["symbol"] == "24-QĐ/TW"


@pytest.mark.parametrize("query", ["24-QĐ/TW", "24-QĐ/TƯ", "24-QĐ/T.Ư", "24 - QĐ/TW", "24-QÐ/TW", " tw-qd-24-2021 ", "TW-QD-24-2021",
                                   "Quy định số 24-QĐ/TW"])
def test_find_entries_normalises_what_the_user_typed(shipped, query):
    docs, _ = inspect.find_entries(shipped, query)
    assert [d.id for d in docs] == ["tw-qd-24-2021"]


def test_find_entries_leading_zeros_and_state_symbols(shipped):
    assert [d.id for d in inspect.find_entries(shipped, "1-CTr/TU")[0]] == ["hn-ctr-01-2016", "hn-ctr-01-2021"]
    assert [d.id for d in inspect.find_entries(shipped, "30/2020/NĐ-CP")[0]] == ["cp-nd-30-2020"]
    assert [d.id for d in inspect.find_entries(shipped, "01-HD/TW")[0]] == ["tw-hd-01-2012", "tw-hd-01-2016", "tw-hd-01-2021"]


def test_show_in_lists_the_citations_of_the_entry(cli):
    p = cli("show", "tw-qd-41-2021", "--in", "seeds/")
    assert p.returncode == 0, p.err
    line6 = SEED_004.read_bytes().decode("utf-8-sig").splitlines()[5]
    cited = "Quy định số 41-QĐ/TƯ ngày 3/11/2021 của Bộ Chính trị"
    column = line6.index(cited) + 1
    assert f"seeds/004_8b74df4c981ce569.txt:6:{column}  {cited}" in [line.strip() for line in p.out.splitlines()]
    # only the one article cites it
    assert len(re.findall(r"^\s*seeds/\S+:\d+:\d+  ", p.out, re.MULTILINE)) == 1


def test_show_in_json_lists_full_and_short_forms(shipped):
    code, out, err = call("show", "hn-ctr-01-2021", "--in", str(SEEDS), "--format", "json")
    assert code == 0, err
    (entry,) = json.loads(out)["entries"]
    cited = entry["cited_in"]
    assert cited and all(set(c) == {"path", "line", "column", "text"} for c in cited)
    assert all(c["path"].endswith("001_9387de9a32f19963.txt") for c in cited)
    texts = [c["text"] for c in cited]
    assert any("01-CTr/TU" in t for t in texts)
    assert any(re.fullmatch(r"Chương trình (số )?01", t) for t in texts)  # short forms resolved to it
    # each listed position really holds that text
    for c in cited:
        line = Path(c["path"]).read_bytes().decode("utf-8-sig").splitlines()[c["line"] - 1]
        assert line[c["column"] - 1:].startswith(c["text"].splitlines()[0])


def test_show_json_without_in(shipped):
    code, out, _ = call("show", "232-QĐ/TW", "--format", "json")
    assert code == 0
    (entry,) = json.loads(out)["entries"]
    assert entry["id"] == "tw-qd-232-2025" and entry["date"] == "2025-01-20"
    assert entry["cited_in"] is None
    assert entry["replaces"] == [{"id": "tw-qd-24-2021", "symbol": "24-QĐ/TW", "type": "Quy định", "date": "2021-07-30",
                                  "effective": "2025-01-20"}]
    assert entry["sources"] == SHIPPED_DOCS["tw-qd-232-2025"]["sources"]


def test_show_meeting_and_evidence(shipped):
    code, out, _ = call("show", "dh-xiii-nq-2021")
    assert code == 0
    assert re.search(r"^meeting:\s+congress .*XIII", out, re.MULTILINE)
    doc = shipped.documents["tw-qd-24-2021"]
    with_evidence = replace(doc, evidence={"date": {"2021-07-30": ["seeds/004.txt:6"]}, "articles": 2})
    record = inspect.entry_record(shipped, with_evidence)
    assert record["evidence"] == {"date": {"2021-07-30": ["seeds/004.txt:6"]}, "articles": 2}
    assert inspect.entry_record(shipped, doc)["evidence"] is None


def test_show_unknown_entry_exits_1(cli, shipped):
    p = cli("show", "nonexistent")
    assert p.returncode == 1
    assert "no registry entry for 'nonexistent'" in p.err
    assert p.out == ""
    code, out, err = call("show", "999-QĐ/TW")
    assert (code, out) == (1, "") and "no registry entry for '999-QĐ/TW'" in err


def test_usage_errors_exit_2(cli, shipped, tmp_path):
    assert cli("show").returncode == 2
    p = cli("show", "24-QĐ/TW", "--in", str(tmp_path / "missing"))
    assert p.returncode == 2 and "missing" in p.err
    code, _, err = call("export")
    assert code == 2 and "--format" in err
    code, _, err = call("show", "24-QĐ/TW và 22-QĐ/TW")
    assert code == 2 and "one symbol" in err


def test_every_subcommand_takes_the_registry_and_config_options():
    for argv in (["show", "x"], ["stats"], ["export", "--format", "csv"]):
        args = build_parser().parse_args(["registry", *argv, "--registry", "r", "--config", "c.toml"])
        assert args.registry == Path("r") and args.config == Path("c.toml")


# --- stats ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("root", [pytest.param(SHIPPED, marks=pytest.mark.slow), FIXTURE], ids=["shipped", "fixture"])
def test_stats_counts_match_the_yaml(root):  # the shipped registry's 5,800 entries read twice: slow
    docs = list((SHIPPED_DOCS if root == SHIPPED else FIXTURE_DOCS).values())
    code, out, _ = call("stats", "--format", "json", path=root)
    assert code == 0
    stats = json.loads(out)
    if root == SHIPPED:  # as the brief says: count the `- id:` lines
        ids = sum(len(re.findall(r"^\s*- id:", p.read_text(encoding="utf-8"), re.MULTILINE))
                  for p in root.rglob("*.yaml") if p.name not in ("issuers.yaml", "term_sets.yaml", "plenums.yaml"))
        assert stats["documents"] == ids == len(docs)
    assert stats["documents"] == len(docs)
    verified = sum(1 for d in docs if d.get("verified") is True)
    assert (stats["verified"], stats["unverified"]) == (verified, len(docs) - verified)
    types: dict[str, int] = {}
    statuses: dict[str, int] = {}
    terms: dict[str, int] = {}
    for d in docs:
        types[d["type"]] = types.get(d["type"], 0) + 1
        statuses[d.get("status", "unknown")] = statuses.get(d.get("status", "unknown"), 0) + 1
        terms[d.get("term") or "(none)"] = terms.get(d.get("term") or "(none)", 0) + 1
    assert stats["by_type"] == types
    assert stats["by_status"] == statuses
    assert stats["by_term"] == terms
    assert sum(stats["by_issuer"].values()) == len(docs)
    assert stats["issuers"] == yaml_count(root, "issuers")
    assert stats["term_sets"] == yaml_count(root, "term_sets")
    assert stats["with_replaced_by"] == sum(1 for d in docs if d.get("replaced_by"))
    assert stats["without_date"] == sorted(d["id"] for d in docs if not d.get("date"))
    by_symbol: dict[str, list[str]] = {}
    for d in docs:
        if d.get("symbol"):
            by_symbol.setdefault(str(d["symbol"]), []).append(d["id"])
    assert stats["shared_symbols"] == {s: sorted(ids) for s, ids in sorted(by_symbol.items()) if len(ids) > 1}
    n_sources = sorted(len(d["sources"]) for d in docs)
    assert stats["sources_per_document"]["min"] == n_sources[0]
    assert stats["sources_per_document"]["max"] == n_sources[-1]


def test_stats_by_issuer_uses_names(shipped):
    stats = inspect.registry_stats(shipped)
    yaml = YAML(typ="safe", pure=True)
    issuers = {i["id"]: i["name"] for p in SHIPPED.rglob("issuers.yaml") for i in yaml.load(p.read_text(encoding="utf-8"))["issuers"]}
    expected: dict[str, int] = {}
    for d in SHIPPED_DOCS.values():
        expected[issuers[d["issuer"]]] = expected.get(issuers[d["issuer"]], 0) + 1
    assert stats["by_issuer"] == expected


def test_stats_text_through_the_command(cli):
    p = cli("stats")
    assert p.returncode == 0, p.err
    assert "\x1b[" not in p.out  # plain when not a terminal
    assert re.search(rf"^\s*documents\s+{len(SHIPPED_DOCS)}$", p.out, re.MULTILINE)
    assert re.search(r"^\s*01-CTr/TU\s+hn-ctr-01-2016, hn-ctr-01-2021$", p.out, re.MULTILINE)
    assert "Ban Chấp hành Trung ương" in p.out


# --- export ---------------------------------------------------------------------------------------


def test_export_csv_round_trips(cli, shipped):
    p = cli("export", "--format", "csv")
    assert p.returncode == 0, p.err
    assert p.stdout.startswith(b"id,type,number,symbol,")
    assert b"\r\n" in p.stdout  # RFC 4180 line ends
    rows = list(csv.DictReader(io.StringIO(p.stdout.decode("utf-8"), newline="")))
    assert [r["id"] for r in rows] == sorted(SHIPPED_DOCS) == sorted(shipped.documents)
    assert list(rows[0]) == list(inspect.EXPORT_FIELDS)
    for r in rows:
        y = SHIPPED_DOCS[r["id"]]
        doc = shipped.documents[r["id"]]
        assert r["sources"].split(" | ") == list(y["sources"])
        assert r["date"] == (y.get("date") or "")
        assert r["symbol"] == (y.get("symbol") or "")
        assert r["notes"] == (doc.notes or "")  # quotes, commas and line breaks survive
        assert r["verified"] == ("true" if y.get("verified") else "false")
        assert r["replaced_by"] == (y["replaced_by"]["id"] if y.get("replaced_by") else "")
        assert r["replaced_by_effective"] == (y["replaced_by"]["effective"] if y.get("replaced_by") else "")


def test_export_json_round_trips(cli, fixture_registry):
    p = cli("export", "--format", "json", registry=FIXTURE)
    assert p.returncode == 0, p.err
    records = json.loads(p.stdout.decode("utf-8"))
    assert [r["id"] for r in records] == sorted(FIXTURE_DOCS)
    assert all(list(r) == list(inspect.EXPORT_FIELDS) for r in records)
    for r in records:
        y = FIXTURE_DOCS[r["id"]]
        assert r["sources"] == list(y["sources"])
        assert r["date"] == y.get("date")
        assert r["verified"] is bool(y.get("verified", False))
        assert r["issuer"] == y["issuer"] and r["issuer_name"] == fixture_registry.issuers[y["issuer"]].name
        meeting = y.get("meeting") or {}
        assert (r["meeting_kind"], r["meeting_number"], r["meeting_term"]) == (meeting.get("kind"), meeting.get("number"), meeting.get("term"))
    by_id = {r["id"]: r for r in records}
    assert by_id["tw-qd-41-2021"]["replaced_by"] == "tw-qd-377-2025"
    assert by_id["tw-qd-41-2021"]["replaced_by_effective"] == "2025-10-08"


def test_export_to_a_file_is_atomic(cli, tmp_path):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "documents.csv"
    target.write_text("old", encoding="utf-8")
    p = cli("export", "--format", "csv", "-o", str(target))
    assert p.returncode == 0, p.err
    assert p.out == ""
    assert os.listdir(out_dir) == ["documents.csv"]  # no temporary file left
    rows = list(csv.DictReader(target.open(encoding="utf-8", newline="")))
    assert len(rows) == len(SHIPPED_DOCS)
    # the format from the suffix
    p = cli("export", "-o", str(out_dir / "documents.json"))
    assert p.returncode == 0, p.err
    assert sorted(os.listdir(out_dir)) == ["documents.csv", "documents.json"]
    assert len(json.loads((out_dir / "documents.json").read_text(encoding="utf-8"))) == len(SHIPPED_DOCS)


def test_a_failed_export_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "x.json"
    target.write_text("old", encoding="utf-8")

    def fail(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    code, _, err = call("export", "-o", str(target))
    assert code == 2 and "cannot write" in err and "No space left" in err
    assert target.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["x.json"]


def test_csv_export_runs_no_spreadsheet_formula(tmp_path):
    reg = tmp_path / "reg"
    shutil.copytree(FIXTURE, reg)
    docs = reg / "documents.yaml"
    docs.write_text(docs.read_text(encoding="utf-8").replace("sources: [fixture]", """sources: ['=HYPERLINK("http://evil")']""", 1),
                    encoding="utf-8")
    p = run_citelint("registry", "export", "--format", "csv", "--registry", str(reg), "--no-builtin-registry", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    rows = list(csv.DictReader(io.StringIO(p.stdout, newline="")))
    cells = [v for r in rows for v in r.values()]
    assert "'=HYPERLINK(\"http://evil\")" in cells
    assert not any(v.startswith(("=", "+", "@")) for v in cells)
