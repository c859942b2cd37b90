"""The README's Neovim configuration for Neovim 0.7 to 0.9, in a real Neovim (Debian's 0.7.2 where
installed): it starts `citelint server` and shows the article's findings."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.slow

NVIM = shutil.which("nvim")


def _readme_config(marker: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index(marker)
    m = re.search(r"```lua\n(.*?)```", text[start:], re.S)
    return m.group(1)


@pytest.mark.skipif(NVIM is None, reason="Neovim is not installed (Debian: apt-get install neovim)")
def test_the_readme_configuration_shows_findings_in_neovim(tmp_path):
    version = subprocess.run([NVIM, "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    major_minor = tuple(int(x) for x in re.search(r"v(\d+)\.(\d+)", version).groups())
    marker = "Neovim 0.7 to 0.9" if major_minor < (0, 10) else "Neovim (0.10+)"
    (tmp_path / "init.lua").write_text(_readme_config(marker), encoding="utf-8")
    (tmp_path / "citelint.toml").write_text("", encoding="utf-8")
    (tmp_path / "a.md").write_text("Thứ Sáu, 19/11/2021, 10:43\n\nQuy định số 41-QĐ/TƯ ngày 3/11/2021 của Ban Bí thư về miễn nhiệm.\n",
                                   encoding="utf-8")
    (tmp_path / "probe.lua").write_text(
        'vim.cmd("edit a.md")\n'
        "vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 100)\n"
        "local codes = {}\n"
        "for _, d in ipairs(vim.diagnostic.get(0)) do table.insert(codes, tostring(d.code)) end\n"
        "table.sort(codes)\n"
        'io.stdout:write("DIAGNOSTICS " .. table.concat(codes, ",") .. "\\n")\n'
        'vim.cmd("qa!")\n', encoding="utf-8")
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
               CITELINT_CACHE_DIR=str(tmp_path / ".cache"), XDG_STATE_HOME=str(tmp_path / "state"),
               XDG_DATA_HOME=str(tmp_path / "data"))
    done = subprocess.run([NVIM, "--headless", "-u", "init.lua", "-c", "luafile probe.lua"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    assert "DIAGNOSTICS CL107,CL302" in done.stdout + done.stderr, (done.stdout, done.stderr)
