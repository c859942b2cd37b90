"""The built-in registry: the documents shipped with citelint, used with no configuration and as
the layer under a project's own registry."""

from __future__ import annotations

import json
import re
import os
import shutil
import subprocess
import sys
import textwrap

import pytest
from conftest import SEEDS, SHIPPED_REGISTRY, run_captured, run_citelint

from citelint.errors import RegistryInvalid
from citelint.registry.build import BUILTIN, PROJECT, builtin_registry_dir, load_layered

SEED_003 = SEEDS / "003_f1b95d96ca388da7.txt"


def test_the_built_in_registry_is_the_shipped_one():
    assert builtin_registry_dir() == SHIPPED_REGISTRY.resolve()


def test_with_no_configuration_the_built_in_registry_checks(tmp_path):
    # an empty folder: no citelint.toml, no pyproject.toml, no registry
    shutil.copy(SEED_003, tmp_path / "article.txt")
    p = run_citelint("check", "article.txt", "--format", "json", cwd=tmp_path, cache=tmp_path / ".cache")
    assert p.returncode == 1, p.stderr
    findings = json.loads(p.stdout)
    assert "CL304" in [d["code"] for d in findings]
    assert "no registry" not in p.stderr
    # turned off, only the style rules run, and the output says why
    p = run_citelint("check", "article.txt", "--format", "json", "--no-builtin-registry", cwd=tmp_path, cache=tmp_path / ".cache")
    assert "CL304" not in [d["code"] for d in json.loads(p.stdout)]
    assert "no registry" in p.stderr


PROJECT_DOCS = textwrap.dedent("""\
    documents:
      # the built-in 24-QĐ/TW, with another title: the project's entry replaces it
      - id: tw-qd-24-2021
        type: "Quy định"
        number: "24"
        symbol: "24-QĐ/TW"
        issuer: tw-bch
        date: "2021-07-30"
        term: "XIII"
        title: "Thi hành Điều lệ Đảng (bản của tòa soạn)"
        sources: ["https://example.org/quy-dinh-24"]
        verified: false
      # a document the built-in registry lacks: added
      - id: toa-soan-qd-07-2024
        type: "Quy định"
        number: "07"
        symbol: "07-QĐ/TU"
        issuer: hn-tu
        date: "2024-03-01"
        term: "XVII"
        sources: ["https://example.org/quy-dinh-07"]
    """)


def test_a_project_registry_adds_to_and_overrides_the_built_in_one(tmp_path):
    project = tmp_path / "registry"
    project.mkdir()
    (project / "documents.yaml").write_text(PROJECT_DOCS, encoding="utf-8")
    builtin = load_layered(None, use_cache=False)
    layered = load_layered(project, use_cache=False)
    assert builtin is not None and layered is not None
    assert "tw-qd-24-2021" in builtin.documents and builtin.layer_of("documents", "tw-qd-24-2021") == BUILTIN
    assert layered.documents["tw-qd-24-2021"].title == "Thi hành Điều lệ Đảng (bản của tòa soạn)"
    assert layered.layer_of("documents", "tw-qd-24-2021") == PROJECT
    assert layered.layer_of("documents", "toa-soan-qd-07-2024") == PROJECT
    assert len(layered.documents) == len(builtin.documents) + 1
    others = [i for i in layered.documents if i not in ("tw-qd-24-2021", "toa-soan-qd-07-2024")]
    assert {layered.layer_of("documents", i) for i in others} == {BUILTIN}
    # the override is what resolution finds: one document for the symbol, not two
    assert [d.id for d in layered.party_symbol("TW", "QĐ", 24)] == ["tw-qd-24-2021"]
    # without the built-in layer, the project's entries alone: they name issuers it lacks
    with pytest.raises(RegistryInvalid, match="unknown issuer 'hn-tu'"):
        load_layered(project, builtin=False, use_cache=False)


def test_registry_commands_say_which_layer_an_entry_comes_from(tmp_path):
    project = tmp_path / "registry"
    project.mkdir()
    (project / "documents.yaml").write_text(PROJECT_DOCS, encoding="utf-8")
    p = run_citelint("registry", "stats", "--format", "json", "--registry", str(project), cwd=tmp_path, cache=tmp_path / ".cache")
    assert p.returncode == 0, p.stderr
    stats = json.loads(p.stdout)
    builtin = load_layered(None)
    assert stats["by_layer"] == {"built-in": len(builtin.documents) - 1, "project": 2}
    p = run_citelint("registry", "show", "24-QĐ/TW", "--registry", str(project), cwd=tmp_path, cache=tmp_path / ".cache")
    assert "layer: project" in " ".join(p.stdout.split())
    p = run_citelint("registry", "validate", str(project), cwd=tmp_path, cache=tmp_path / ".cache")
    assert p.returncode == 0 and "2 project" in " ".join(p.stdout.split()), p.stdout
    # the layers are validated together: a project entry naming a built-in one is fine, one
    # naming nothing is an error located in the project's file
    (project / "documents.yaml").write_text(PROJECT_DOCS.replace("issuer: hn-tu", "issuer: no-such-issuer"), encoding="utf-8")
    p = run_citelint("registry", "validate", str(project), cwd=tmp_path, cache=tmp_path / ".cache")
    assert p.returncode == 2 and f"{project / 'documents.yaml'}:" in p.stderr and "unknown issuer 'no-such-issuer'" in p.stderr


@pytest.mark.slow
def test_the_installed_wheel_knows_the_documents(wheelhouse, tmp_path):
    # a fresh environment outside the repository, installed from the wheel as a user would
    venv = tmp_path / "venv"
    assert run_captured([sys.executable, "-m", "venv", str(venv)], tmp_path).returncode == 0
    pip = run_captured([str(venv / "bin" / "python"), "-m", "pip", "install", "--disable-pip-version-check", "--no-index",
                        "--find-links", str(wheelhouse), "citelint-vn"], tmp_path, timeout=600)
    assert pip.returncode == 0, pip.stdout
    article = tmp_path / "empty" / "article.txt"
    article.parent.mkdir()
    shutil.copy(SEED_003, article)
    shutil.copy(SEEDS / "004_8b74df4c981ce569.txt", article.parent / "other.txt")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CITELINT_", "PYTHON"))}
    env["CITELINT_CACHE_DIR"] = str(tmp_path / "cache")
    p = subprocess.run([str(venv / "bin" / "citelint"), "check", "article.txt", "--format", "json"], cwd=article.parent, env=env,
                       capture_output=True, text=True, timeout=120, check=False)
    assert p.returncode == 1, p.stderr
    findings = json.loads(p.stdout)
    assert "CL304" in [d["code"] for d in findings]
    p = subprocess.run([str(venv / "bin" / "citelint"), "extract", "other.txt", "--format", "json"], cwd=article.parent, env=env,
                       capture_output=True, text=True, timeout=120, check=False)
    citations = json.loads(p.stdout)
    resolved = {c["resolution"]["resolved"]["symbol"] for c in citations if (c.get("resolution") or {}).get("resolved")}
    assert "24-QĐ/TW" in resolved, resolved  # Quy định số 24-QĐ/TW ngày 30/7/2021, resolved by the packaged registry
    # the wheel carries the Vietnamese catalogue
    p = subprocess.run([str(venv / "bin" / "citelint"), "check", "other.txt", "--lang", "vi", "--format", "concise"],
                       cwd=article.parent, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert "cần viết là 'TW'" in p.stdout, p.stdout + p.stderr


def test_laws_cited_by_name_resolve_to_their_version():
    import datetime as dt

    from citelint.check.analyse import analyse
    from citelint.config import Options

    registry = load_layered(None)

    def resolved(text, date=None):
        (r,) = [r for r in analyse(text, options=Options(registry=registry, date=date)).resolved if r.citation.kind == "named"]
        return r.status, r.document.symbol if r.document else None, bool(r.weak)

    # with its year: that version
    assert resolved("Theo Bộ luật Lao động năm 2019, người lao động được nghỉ.") == ("resolved", "45/2019/QH14", False)
    # without: the version in force at the article's date
    assert resolved("Theo Bộ luật Lao động, người lao động được nghỉ.", dt.date(2021, 5, 1)) == ("resolved", "45/2019/QH14", False)
    # ... and with no date to go by, none: laws are re-enacted under one name, and a 2005 article's
    # "Bộ luật Lao động" is the 1994 code (judged resolutions: the latest version was wrong 18 of 20
    # times on the news of 2005-06)
    assert resolved("Theo Bộ luật Lao động, người lao động được nghỉ.") == ("version-unknown", None, False)
    assert resolved("Theo Bộ luật Lao động, người lao động được nghỉ.", dt.date(2005, 5, 1)) == ("resolved", "35-L/CTN", False)
    # ... none with a date before every version the registry knows
    assert resolved("Theo Bộ luật Lao động, người lao động được nghỉ.", dt.date(1990, 5, 1))[:2] == ("unknown", None)
    # between a version's passing and its taking effect, either may be meant
    assert resolved("Theo Bộ luật Lao động, người lao động được nghỉ.", dt.date(2019, 12, 15))[0] == "version-unknown"
    # a year the registry has no version of is unknown, and says which versions it knows
    status, symbol, _ = resolved("Luật Doanh nghiệp 2010 quy định về vốn.")
    assert (status, symbol) == ("unknown", None)


def test_every_built_in_source_is_a_public_reference():
    # a URL, or a published document named by its title; never a path in this repository or a
    # note about how an entry was gathered
    registry = load_layered(None)
    sources = [(d.id, s) for d in registry.documents.values() for s in d.sources]
    sources += [(p.id, s) for p in registry.plenums.values() for s in p.sources]
    sources += [(i.id, s) for i in registry.issuers.values() for s in i.sources]
    bad = [(k, s) for k, s in sources
           if not (s.startswith(("http://", "https://")) or re.match(r"(?:Article|Hướng dẫn|Quy định|Luật|Nghị định) ", s))
           or re.search(r"seeds/|\.txt\b|\bCSV\b|GitHub SQL dump|registry-facts", s)]
    assert bad == []


def test_same_symbol_documents_of_different_terms_are_all_known():
    registry = load_layered(None)
    years = {}
    for d in registry.documents.values():
        if d.symbol in ("01-HD/TW", "12-NQ/TW", "18-NQ/TW", "35-CT/TW", "39-NQ/TW", "28-KL/TW"):
            years.setdefault(d.symbol, set()).add(d.date.year)
    assert years == {"01-HD/TW": {2012, 2016, 2021}, "12-NQ/TW": {2012, 2017, 2022}, "18-NQ/TW": {2017, 2022},
                     "35-CT/TW": {2014, 2019, 2024}, "39-NQ/TW": {2004, 2015, 2019, 2023}, "28-KL/TW": {2012, 2022}}


def test_an_uncertain_article_date_does_not_choose_an_older_namesake():
    from citelint.check.analyse import analyse
    from citelint.config import Options

    registry = load_layered(None)
    # 28-KL/TW is khóa XI's of 2012 and khóa XIII's of 2022; a text whose only date is a year it
    # mentions (2019, khóa XII: neither's term) tells neither
    text = "Năm 2019, tỉnh giảm biên chế. Kế hoạch năm 2019 thực hiện Kết luận số 28-KL/TW về tinh giản biên chế."
    a = analyse(text, options=Options(registry=registry))
    assert a.context.date_confidence == "low"
    (r,) = [r for r in a.resolved if r.citation.symbol == "28-KL/TW"]
    assert (r.status, r.document) == ("ambiguous", None)
    # a trusted date in khóa XIII's term chooses khóa XIII's
    import datetime as dt

    (r,) = [r for r in analyse(text, options=Options(registry=registry, date=dt.date(2024, 3, 1))).resolved
            if r.citation.symbol == "28-KL/TW"]
    assert r.document.id == "tw-kl-28-2022"
