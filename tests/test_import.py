"""`citelint registry import`: documents from a CSV or JSON table into registry files."""

from __future__ import annotations

import json
import textwrap

from conftest import run_citelint

from citelint.registry.build import load_layered

V = "https://vbpl.vn/TW/Pages/vbpq-toanvan.aspx?ItemID="
HEADER = "symbol,type,issuer,date,status,replaced_by,title,source_url,verified\n"
GOOD = textwrap.dedent(f"""\
    999/2031/TT-BTC,Thông tư,Bộ Tài chính,2031-03-01,,,Hướng dẫn chế độ kế toán thử,{V}1,true
    998/2031/TTLT-BTC-BYT,Thông tư liên tịch,Bộ Tài chính và Bộ Y tế,2031-04-02,,,Hướng dẫn liên tịch thử,{V}2,true
    997/2031/NĐ-CP,Nghị định,Bộ Công Thương.,2031-05-03,,,Quy định thử,{V}3,true
    96/2031/QH15,Luật,Quốc hội,2031-06-04,,,Thử nghiệm pháp luật,{V}4,true
    """)


def _run(tmp_path, *args):
    return run_citelint("registry", "import", *args, cwd=tmp_path, cache=tmp_path / ".cache")


def test_a_bad_row_is_named_by_its_line_and_nothing_is_written(tmp_path):
    table = tmp_path / "docs.csv"
    table.write_text(HEADER + GOOD + f"Không,Thông tư,Bộ Tài chính,2031-01-01,,,x,{V}5\n"
                     + f"995/2031/TT-BTC,Thông tư,Bộ Tài chính,2031-02-30,,,x,{V}6\n"
                     + "994/2031/TT-BTC,Thông tư,Bộ Tài chính,2031-02-03,,,x,,true\n", encoding="utf-8")
    into = tmp_path / "registry" / "imported"
    p = _run(tmp_path, str(table), "--into", str(into))
    assert p.returncode == 2
    assert f"{table}:6: error: 'Không' is not a symbol" in p.stderr
    assert f"{table}:7: error: date '2031-02-30' is not a date" in p.stderr
    assert f"{table}:8: error: no source" in p.stderr
    assert not into.exists()
    # --skip-invalid imports the others and says how many were left out
    p = _run(tmp_path, str(table), "--into", str(into), "--skip-invalid")
    assert p.returncode == 1 and "3 invalid rows skipped" in p.stderr
    assert sorted(f.name for f in into.glob("*.yaml")) == ["btc-2030s.yaml", "cp-2030s.yaml", "qh-2030s.yaml"]


def test_issuers_come_from_the_symbol_and_laws_get_their_names(tmp_path):
    table = tmp_path / "docs.csv"
    table.write_text(HEADER + GOOD, encoding="utf-8")
    into = tmp_path / "registry" / "imported"
    p = _run(tmp_path, str(table), "--into", str(into))
    assert p.returncode == 0, p.stderr
    # the table names the wrong body for a decree: imported from its code (CP), unverified, said
    assert f"{table}:4: warning: the table names 'Bộ Công Thương.', the symbol 997/2031/NĐ-CP another body" in p.stderr
    reg = load_layered(into, use_cache=False)
    assert reg is not None
    tt = reg.state_symbol("999/2031/TT-BTC")[0]
    assert (tt.issuer, tt.verified, tt.sources) == ("btc", True, (f"{V}1",))
    joint = reg.state_symbol("998/2031/TTLT-BTC-BYT")[0]
    assert (joint.type, joint.issuer, joint.co_issuers, joint.verified) == ("Thông tư liên tịch", "btc", ("byt",), True)
    decree = reg.state_symbol("997/2031/NĐ-CP")[0]
    assert (decree.issuer, decree.verified) == ("cp", False)
    (law,) = reg.state_symbol("96/2031/QH15")
    assert (law.issuer, law.names) == ("qh", ("Luật Thử nghiệm pháp luật",))
    assert reg.named("luật thử nghiệm pháp luật") == [law]


def test_importing_again_changes_nothing(tmp_path):
    table = tmp_path / "docs.json"
    table.write_text(json.dumps([
        {"symbol": "999/2031/TT-BTC", "type": "Thông tư", "issuer": "Bộ Tài chính", "date": "2031-03-01",
         "title": "Hướng dẫn thử", "sources": [f"{V}1"], "verified": True},
        {"symbol": "95/2031/QH15", "type": "Bộ luật", "issuer": "Quốc hội", "date": "2031-06-04",
         "title": "Lao động", "source_url": f"{V}7"},
    ], ensure_ascii=False), encoding="utf-8")
    into = tmp_path / "registry" / "imported"
    assert _run(tmp_path, str(table), "--into", str(into)).returncode == 0
    first = {f.name: f.read_bytes() for f in into.glob("*.yaml")}
    again = _run(tmp_path, str(table), "--into", str(into))
    assert again.returncode == 0 and "wrote 0, 2 unchanged" in again.stderr
    assert {f.name: f.read_bytes() for f in into.glob("*.yaml")} == first
    reg = load_layered(into, use_cache=False)
    (code,) = reg.named("Bộ luật Lao động")[-1:]
    assert (code.symbol, code.type, code.names) == ("95/2031/QH15", "Luật", ("Bộ luật Lao động",))
    # a document the registry already has (under another id) is left to the file that has it
    table.write_text(json.dumps([{"symbol": "30/2020/NĐ-CP", "type": "Nghị định", "issuer": "Chính phủ",
                                  "date": "2020-03-05", "source_url": f"{V}141142"}], ensure_ascii=False), encoding="utf-8")
    p = _run(tmp_path, str(table), "--into", str(tmp_path / "other"))
    assert p.returncode == 0 and "1 already in the registry" in p.stderr
