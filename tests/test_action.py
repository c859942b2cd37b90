"""The GitHub Action: its script run as the Action runs it (in a git repository, its inputs as
environment variables), with the citelint of this environment instead of a fresh install."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import FIXTURE_REGISTRY, ROOT, write_config
from ruamel.yaml import YAML

SCRIPT = ROOT / "action" / "run.sh"
ERROR_ARTICLE = "Thứ Sáu, 19/11/2021, 10:43\n\nQuy định số 41-QĐ/TƯ ngày 3/11/2021 của Ban Bí thư về miễn nhiệm.\n"


def _run(repo: Path, **inputs: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("INPUT_", "CITELINT_", "LANG", "LC_"))}
    env.update(PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}", INPUT_INSTALL="false",
               CITELINT_CACHE_DIR=str(repo / ".registry-cache"), GITHUB_ACTION_PATH=str(ROOT), **inputs)
    return subprocess.run(["bash", str(SCRIPT)], cwd=repo, env=env, capture_output=True, text=True, timeout=300)


def test_the_action_writes_sarif_annotates_and_fails_on_errors(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    write_config(tmp_path, FIXTURE_REGISTRY)
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.txt").write_text(ERROR_ARTICLE, encoding="utf-8")
    result = _run(tmp_path, INPUT_PATHS="articles", INPUT_SARIF="citelint.sarif")
    assert result.returncode == 1, result.stderr
    assert "::error file=articles/a.txt,line=3,col=1," in result.stdout  # the pull request's annotations
    sarif = json.loads((tmp_path / "citelint.sarif").read_text(encoding="utf-8"))
    assert {r["ruleId"] for r in sarif["runs"][0]["results"]} == {"CL107", "CL302"}
    # a clean tree passes; extra options reach citelint
    (tmp_path / "articles" / "a.txt").write_text(ERROR_ARTICLE.replace("TƯ", "TW").replace("Ban Bí thư", "Bộ Chính trị"),
                                                 encoding="utf-8")
    assert _run(tmp_path, INPUT_PATHS="articles", INPUT_SARIF="").returncode == 0
    assert _run(tmp_path, INPUT_PATHS="articles", INPUT_ARGS="--select XY9").returncode == 2


def test_the_action_metadata_runs_the_script_with_its_inputs():
    action = YAML(typ="safe").load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    (run,) = [s for s in steps if "run" in s]
    assert run["run"] == "$GITHUB_ACTION_PATH/action/run.sh" and run["shell"] == "bash"
    assert {"INPUT_PATHS", "INPUT_ARGS", "INPUT_VERSION", "INPUT_SARIF"} <= set(run["env"])
    assert set(action["inputs"]) >= {"paths", "args", "version", "upload-sarif"}
    assert any(s.get("uses", "").startswith("github/codeql-action/upload-sarif@") for s in steps)
