"""The seams: one vocabulary of deviation codes shared by the extractor and the rules, symbol
shapes that are the grammar's, rule families that say whether they need the registry, one error
root, and light package imports."""

from __future__ import annotations

import ast
import re
import os
import subprocess
import sys
from typing import get_args

import pytest

from citelint import errors
from citelint.find.parse import SymbolShape
from citelint.models import DeviationCode
from citelint.resolve import Status
from citelint.rules.catalog import RULE_FOR_DEVIATION, RULES
from citelint.rules.families import FAMILIES
from conftest import ROOT


def test_every_deviation_code_is_reported_by_one_cl1xx_rule():
    codes = set(get_args(DeviationCode))
    assert set(RULE_FOR_DEVIATION) == codes
    declared = [d for r in RULES.values() for d in r.deviations]
    assert sorted(declared) == sorted(codes)  # each code declared once
    assert all(r.code.startswith("CL1") for r in RULE_FOR_DEVIATION.values())


def test_every_deviation_the_extractor_writes_is_a_declared_code():
    sources = [ROOT / "src" / "citelint" / "find" / name for name in ("assemble.py", "place.py")]
    written = set()
    for path in sources:
        text = path.read_text(encoding="utf-8")
        written |= set(re.findall(r'DeviationTemplate\(\s*"([a-z-]+)"', text))
        written |= set(re.findall(r'Deviation\(code="([a-z-]+)"', text))
    assert written and written <= set(get_args(DeviationCode)), written - set(get_args(DeviationCode))


def test_symbol_shapes_are_the_grammars_symbol_rules():
    grammar = (ROOT / "grammar" / "citation.lark").read_text(encoding="utf-8")
    symbol_rule = grammar[grammar.index("\nsymbol:"): grammar.index("\n\n", grammar.index("\nsymbol:"))]
    assert set(re.findall(r"->\s*(\w+)", symbol_rule)) == set(get_args(SymbolShape))


def test_each_rule_family_says_whether_it_needs_the_registry():
    needs = {f.__name__.rsplit(".", 1)[-1]: f.NEEDS_REGISTRY for f in FAMILIES}
    assert needs == {"malformed": False, "unresolved": True, "conflicting": True}


def test_resolution_statuses_are_declared():
    assert {"resolved", "ambiguous", "unknown", "no-antecedent", "antecedent-unknown", "meeting-without-type",
            "no-registry", "not-looked-up", "version-unknown"} == set(get_args(Status))


@pytest.mark.parametrize("name", ["UsageError", "ConfigError", "BaselineError", "DistributedError", "RegistryInvalid",
                                  "DecodeError", "LoadError"])
def test_every_error_kind_derives_from_the_root(name):
    assert issubclass(getattr(errors, name), errors.CitelintError)


def test_package_init_files_stay_light():
    # Importing the packages (not their modules) loads neither the grammar nor pydantic nor rich.
    code = ("import sys\n"
            "import citelint, citelint.text, citelint.find, citelint.context, citelint.registry, citelint.check, "
            "citelint.harvest, citelint.report, citelint.cli, citelint.server\n"
            "heavy = [m for m in ('lark', 'pydantic', 'rich', 'yaml', 'ruamel') if m in sys.modules]\n"
            "assert not heavy, heavy\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_no_module_imports_a_private_name_of_another():
    offenders = []
    for path in (ROOT / "src" / "citelint").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                for alias in node.names:
                    # `_` is gettext's conventional name for "translate", public by convention
                    if alias.name.startswith("_") and not alias.name.startswith("__") and alias.name != "_":
                        offenders.append(f"{path.relative_to(ROOT)}: {alias.name}")
    assert offenders == []


@pytest.mark.parametrize("fmt, loaded", [("json", ()), ("sarif", ()), ("github", ()), ("full", ("rich",))])
def test_a_check_imports_what_its_format_needs(tmp_path, fmt, loaded):
    """pydantic only validates registry YAML, rich only writes the text formats: a check of an
    article with the registry cached imports neither unless its format prints styled text."""
    article = tmp_path / "a.md"
    article.write_text("Theo Nghị định 30/2020/NĐ-CP ngày 5/3/2020 của Chính phủ.\n", encoding="utf-8")
    env = {**os.environ, "CITELINT_CACHE_DIR": str(tmp_path / "cache")}
    code = ("import sys\n"
            "from citelint.cli.main import main\n"
            f"status = main(['check', {str(article)!r}, '--format', {fmt!r}, '--no-cache'])\n"
            "heavy = sorted(m for m in ('pydantic', 'rich') if m in sys.modules)\n"
            "print(' '.join(heavy), file=sys.stderr)\n"
            "sys.exit(status)\n")
    # the first run reads the registry's YAML (and validates it) into the cache; the second is a check's usual run
    subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True)
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stderr.split() == list(loaded)


def test_a_console_made_later_serves_rich_live_displays():
    # rich's progress display enters its console as a context manager, which a stand-in cannot be
    import io

    from rich.console import Console

    from citelint.cli.common import progress
    from citelint.richlater import LaterConsole

    out = io.StringIO()
    console = LaterConsole(lambda: Console(file=out, force_terminal=True, width=80))
    with progress(console, "reading articles") as step:
        assert step is not None
        step("a.txt")
    assert "reading articles" in out.getvalue()
