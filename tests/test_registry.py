"""The registry: validation errors with their positions, the index, the cache."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from citelint.errors import RegistryInvalid
from citelint.registry.build import load_registry
from conftest import FIXTURE_REGISTRY, SHIPPED_REGISTRY, run_citelint, write_config

TERMS = textwrap.dedent(
    """\
    term_sets:
      - id: trung-uong
        name: Ban Chấp hành Trung ương Đảng
        terms:
          - {name: XII, start: "2016-01-29", end: "2021-02-01"}
          - {name: XIII, start: "2021-02-02", end: "2026-01-25"}
    issuers:
      - id: tw-bct
        kind: party
        name: Bộ Chính trị
        codes: [TW]
        numbering: term
        terms: trung-uong
        sources: [test]
    """
)

GOOD_DOC = textwrap.dedent(
    """\
    documents:
      - id: tw-qd-41-2021
        type: Quy định
        number: "41"
        symbol: 41-QĐ/TW
        issuer: tw-bct
        date: "2021-11-03"
        term: XIII
        sources: [https://example.org/qd41]
        verified: true
    """
)


def make(tmp_path: Path, documents: str, terms: str = TERMS) -> Path:
    root = tmp_path / "registry"
    root.mkdir(parents=True)
    (root / "issuers.yaml").write_text(terms, encoding="utf-8")
    (root / "documents.yaml").write_text(documents, encoding="utf-8")
    return root


def errors(tmp_path: Path, documents: str, terms: str = TERMS) -> list[str]:
    root = make(tmp_path, documents, terms)
    with pytest.raises(RegistryInvalid) as info:
        load_registry(root, use_cache=False)
    return [f"{Path(e.path).name}:{e.line}:{e.column}: {e.message}" for e in info.value.errors]


def test_a_valid_registry_loads_and_indexes(tmp_path):
    reg = load_registry(make(tmp_path, GOOD_DOC), use_cache=False)
    (doc,) = reg.party_symbol("TW", "QĐ", 41)
    assert doc.id == "tw-qd-41-2021" and doc.date.isoformat() == "2021-11-03"
    assert reg.issuers["tw-bct"].name == "Bộ Chính trị"


def test_duplicate_id(tmp_path):
    doc2 = GOOD_DOC + GOOD_DOC.split("documents:\n", 1)[1]
    # the second entry's "id" key is on line 11
    assert errors(tmp_path, doc2) == ["documents.yaml:11:5: duplicate id 'tw-qd-41-2021' (first in " + str(tmp_path / "registry" / "documents.yaml") + ":2)"]


def test_duplicate_yaml_key(tmp_path):
    doc = GOOD_DOC.replace('    date: "2021-11-03"\n', '    date: "2021-11-03"\n    date: "2021-11-04"\n')
    assert errors(tmp_path, doc) == ["documents.yaml:8:5: duplicate key 'date' (first at line 7)"]


def test_unknown_issuer(tmp_path):
    assert errors(tmp_path, GOOD_DOC.replace("issuer: tw-bct", "issuer: tw-nobody")) == [
        "documents.yaml:6:5: document 'tw-qd-41-2021': unknown issuer 'tw-nobody'"]


def test_dangling_replaced_by(tmp_path):
    doc = GOOD_DOC.replace("    verified: true\n", '    verified: true\n    replaced_by: {id: tw-qd-999-2030, effective: "2025-10-08"}\n')
    assert errors(tmp_path, doc) == ["documents.yaml:11:5: document 'tw-qd-41-2021': replaced_by names no document: 'tw-qd-999-2030'"]


def test_unquoted_date(tmp_path):
    (msg,) = errors(tmp_path, GOOD_DOC.replace('date: "2021-11-03"', "date: 2021-11-03"))
    assert msg.startswith("documents.yaml:7:5: date: unquoted date '2021-11-03'")


def test_impossible_unquoted_date_is_an_error_not_a_crash(tmp_path):
    (msg,) = errors(tmp_path, GOOD_DOC.replace('date: "2021-11-03"', "date: 2019-02-30"))
    assert msg.startswith("documents.yaml:7:5: date: unquoted date '2019-02-30'")


def test_impossible_quoted_date(tmp_path):
    assert errors(tmp_path, GOOD_DOC.replace('"2021-11-03"', '"2021-02-30"')) == ["documents.yaml:7:5: date: no such date: '2021-02-30'"]


def test_document_dated_outside_its_term(tmp_path):
    assert errors(tmp_path, GOOD_DOC.replace("term: XIII", "term: XII")) == [
        "documents.yaml:7:5: document 'tw-qd-41-2021' is dated 2021-11-03, outside term XII (2016-01-29 to 2021-02-01)"]


def test_missing_and_unknown_fields(tmp_path):
    doc = GOOD_DOC.replace("    sources: [https://example.org/qd41]\n", "    colour: red\n")
    assert sorted(errors(tmp_path, doc)) == [
        "documents.yaml:2:5: missing field 'sources'",
        "documents.yaml:9:5: unknown field 'colour'",
    ]


def test_number_must_be_quoted(tmp_path):
    (msg,) = errors(tmp_path, GOOD_DOC.replace('number: "41"', "number: 41"))
    assert msg.startswith("documents.yaml:4:5: number: write the number as written, quoted")


def test_yaml_syntax_error_is_located(tmp_path):
    (msg,) = errors(tmp_path, GOOD_DOC + "  - id: [unclosed\n")
    assert msg.startswith("documents.yaml:12:") and "YAML syntax error" in msg


def test_all_errors_are_reported_at_once(tmp_path):
    # a document that fails its schema is not cross-checked: one error for it
    doc = GOOD_DOC.replace("issuer: tw-bct", "issuer: nobody").replace('"2021-11-03"', "2021-11-03")
    assert len(errors(tmp_path / "a", doc)) == 1
    second = GOOD_DOC.split("documents:\n", 1)[1].replace("tw-qd-41-2021", "tw-qd-42-2021").replace('"41"', '"42"')
    second = second.replace("41-QĐ", "42-QĐ").replace("XIII", "XII")
    found = errors(tmp_path / "b", GOOD_DOC.replace("issuer: tw-bct", "issuer: nobody") + second)
    assert [m.split(": ", 1)[1].split(" ")[0] for m in found] == ["document", "document"]
    assert "unknown issuer" in found[0] and "outside term XII" in found[1]


def test_cache_is_used_and_invalidated_by_content(tmp_path, monkeypatch):
    monkeypatch.setenv("CITELINT_CACHE_DIR", str(tmp_path / "cache"))
    root = make(tmp_path, GOOD_DOC)
    first = load_registry(root)
    cached = list((tmp_path / "cache").glob("registry-*.json"))
    assert len(cached) == 1
    again = load_registry(root)
    assert again.documents == first.documents
    (root / "documents.yaml").write_text(GOOD_DOC.replace("2021-11-03", "2021-11-04"), encoding="utf-8")
    changed = load_registry(root)
    assert changed.documents["tw-qd-41-2021"].date.isoformat() == "2021-11-04"
    assert len(list((tmp_path / "cache").glob("registry-*.json"))) == 2


def test_a_corrupt_cache_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("CITELINT_CACHE_DIR", str(tmp_path / "cache"))
    root = make(tmp_path, GOOD_DOC)
    load_registry(root)
    (cache,) = (tmp_path / "cache").glob("registry-*.json")
    cache.write_bytes(b"not a marshal payload")
    assert load_registry(root).documents["tw-qd-41-2021"].number == "41"


@pytest.mark.parametrize("damage", ["cut short", "an entry edited", "a bit flipped"])
def test_a_damaged_cache_is_a_miss_not_a_failure_at_lookup(tmp_path, monkeypatch, damage):
    """JSON that still parses but no longer says what was cached (a document pointing at an
    issuer that is not there) would fail at the first lookup of that document in every file."""
    monkeypatch.setenv("CITELINT_CACHE_DIR", str(tmp_path / "cache"))
    root = make(tmp_path, GOOD_DOC)
    load_registry(root)
    (cache,) = (tmp_path / "cache").glob("registry-*.json")
    data = cache.read_bytes()
    if damage == "cut short":
        data = data[: len(data) - 10]
    elif damage == "an entry edited":
        data = data.replace(b'"tw-bct"', b'"tw-xxx"', 1)
        assert b'"tw-xxx"' in data
    else:
        k = len(data) // 2
        data = data[:k] + bytes([data[k] ^ 0x01]) + data[k + 1:]
    cache.write_bytes(data)
    reg = load_registry(root)
    assert reg.issuers[reg.documents["tw-qd-41-2021"].issuer].name == "Bộ Chính trị"
    assert cache.read_bytes() != data  # and it was built again


def test_a_number_thousands_of_digits_long_is_a_located_error(tmp_path):
    root = make(tmp_path, GOOD_DOC.replace('number: "41"', "number: " + "9" * 5000))
    run = run_citelint("registry", "validate", str(root), "--no-builtin-registry")
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert f"{root / 'documents.yaml'}:" in run.stderr and "at most 12" in run.stderr
    assert len(run.stderr) < 2000


def test_registry_validate_command(tmp_path):
    root = make(tmp_path, GOOD_DOC.replace('date: "2021-11-03"', "date: 2021-11-03").replace("issuer: tw-bct", "issuer: tw-bct\n    issuer: x"))
    bad = run_citelint("registry", "validate", str(root), "--no-builtin-registry")
    assert bad.returncode == 2
    lines = [line for line in bad.stderr.splitlines() if ": error: " in line]
    assert lines == [
        f"{root / 'documents.yaml'}:7:5: error: duplicate key 'issuer' (first at line 6)",
        f"{root / 'documents.yaml'}:8:5: error: date: unquoted date '2021-11-03': write dates as quoted strings, \"2021-11-03\"",
    ]
    good = run_citelint("registry", "validate", str(make(tmp_path / "ok", GOOD_DOC)), "--no-builtin-registry")
    assert good.returncode == 0 and "valid: 1 documents (1 project)" in good.stdout


def test_shipped_registry_is_valid():
    reg = load_registry(SHIPPED_REGISTRY, use_cache=False)
    assert len(reg.documents) >= 25
    for doc in reg.documents.values():
        assert doc.sources, doc.id


BOMB = """documents:
  - &a [x, x, x, x, x, x, x, x, x]
  - &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
  - &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
  - &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
  - &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
  - &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
  - &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
  - &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
  - [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


@pytest.mark.parametrize("text", [BOMB, "documents: &r\n  - *r\n"], ids=["alias bomb", "recursive alias"])
def test_aliases_in_a_registry_are_refused_quickly(tmp_path, text):
    import time

    reg = tmp_path / "reg"
    shutil.copytree(FIXTURE_REGISTRY, reg)
    (reg / "bomb.yaml").write_text(text, encoding="utf-8")
    write_config(tmp_path, reg)
    (tmp_path / "a.txt").write_text("Quy định số 41-QĐ/TW.\n", encoding="utf-8")
    started = time.monotonic()
    result = run_citelint("check", "a.txt", cwd=tmp_path, cache=tmp_path / ".cache")
    assert time.monotonic() - started < 20
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{reg / 'bomb.yaml'}:" in result.stderr and "aliases (*name) are not allowed" in result.stderr


@pytest.mark.parametrize("change", [("tw-qd-377-2025", "tw-qd-41-2021"), ("tw-qd-41-2021", "tw-qd-41-2021")],
                         ids=["cycle", "itself"])
def test_a_document_replaced_by_itself_or_in_a_cycle_is_refused(tmp_path, change):
    reg = tmp_path / "reg"
    shutil.copytree(FIXTURE_REGISTRY, reg)
    docs = reg / "documents.yaml"
    text = docs.read_text(encoding="utf-8")
    which, by = change
    if which == "tw-qd-377-2025":
        text = text.replace("term: XIII, status: in-force, sources: [fixture], verified: true}",
                            "term: XIII, status: replaced, replaced_by: {id: tw-qd-41-2021, effective: \"2025-10-09\"}, "
                            "sources: [fixture], verified: true}", 1)
    else:
        text = text.replace("replaced_by: {id: tw-qd-377-2025,", f"replaced_by: {{id: {by},", 1)
    docs.write_text(text, encoding="utf-8")
    with pytest.raises(RegistryInvalid) as e:
        load_registry(reg)
    assert "replaced_by comes back to it" in str(e.value)


def test_a_large_registry_is_cached_as_an_index_looked_up_on_disk(tmp_path, monkeypatch):
    """From SQLITE_FROM documents the cache is an SQLite file whose entries are read when a
    lookup asks for them; every lookup answers as the registry read from its files does."""
    from citelint.registry import cache as cache_module
    from citelint.registry.build import load_layered

    monkeypatch.setenv("CITELINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(cache_module, "SQLITE_FROM", 1000)
    fresh = load_layered(None, use_cache=False)
    load_layered(None)  # writes the cache
    (written,) = (tmp_path / "cache").glob("registry-*")
    assert written.suffix == ".sqlite"
    cached = load_layered(None)
    assert isinstance(cached.documents, cache_module._Section)
    for name in ("by_party_symbol", "by_state_symbol", "by_meeting", "by_type_number", "by_name", "replaces", "origin"):
        mine, theirs = getattr(cached, name), getattr(fresh, name)
        assert len(mine) == len(theirs) and set(mine) == set(theirs), name
        assert all(mine[k] == theirs[k] for k in list(theirs)[:500]), name
        assert mine.get(("nope", "x", 0) if name in cache_module._TUPLE_KEYED else "nope") is None
    assert all(cached.documents[i] == fresh.documents[i] for i in list(fresh.documents)[::7])
    assert cached.issuers == fresh.issuers and cached.term_sets == fresh.term_sets and cached.plenums == fresh.plenums
    assert [d.id for d in cached.party_symbol("TW", "QĐ", 24)] == [d.id for d in fresh.party_symbol("TW", "QĐ", 24)]


def test_a_damaged_index_falls_back_to_the_files(tmp_path, monkeypatch):
    from citelint.registry import cache as cache_module
    from citelint.registry.build import load_layered

    monkeypatch.setenv("CITELINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(cache_module, "SQLITE_FROM", 1000)
    load_layered(None)
    (written,) = (tmp_path / "cache").glob("registry-*.sqlite")
    data = written.read_bytes()
    assert "24-QĐ/TW".encode() in data
    written.write_bytes(data.replace("24-QĐ/TW".encode(), "24-QĐ/TX".encode()))  # damaged where the lookup reads
    reg = load_layered(None)
    doc = reg.party_symbol("TW", "QĐ", 24)
    assert doc and all(d.symbol == "24-QĐ/TW" for d in doc)  # answered from the files
    assert not written.exists()  # and the damaged file is gone for the next run
