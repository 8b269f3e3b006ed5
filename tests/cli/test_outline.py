"""`zhspeech outline`: the tree, the JSON contract, and staying light (no tokenizer)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import zhspeech
from zhspeech import config
from zhspeech.cli import main

SPEECH = str(config.SPEECH_PATH)
SCRIPT = Path(sys.executable).with_name("zhspeech")


def test_outline_json_contract(capsys):
    assert main(["outline", SPEECH, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {"title", "byline", "date", "sections", "counts", "repairs", "warnings"} <= set(out)
    assert out["byline"] == {"author": "任贤良", "role": "世界互联网大会秘书长"}
    counts = out["counts"]
    assert {k: counts[k] for k in ("sections", "points", "paragraphs")} == {
        "sections": 3,
        "points": 13,
        "paragraphs": 20,
    }
    assert set(counts) >= {"subsections", "sentences", "characters", "han"}
    for s in out["sections"]:
        assert {"number", "label", "heading", "subsections", "points", "paragraphs", "sentences", "characters"} <= set(
            s
        )
        assert all(set(p) >= {"lead"} for p in s["points"])
    assert [s["number"] for s in out["sections"]] == [1, 2, 3]
    assert [len(s["points"]) for s in out["sections"]] == [3, 5, 5]
    # the counts recompute from the parts reported
    parts = out["sections"] + [out["preamble"]]
    for key in ("paragraphs", "sentences", "characters"):
        assert sum(p[key] for p in parts) == counts[key]
    assert len(out["repairs"]) == 4 and {r["kind"] for r in out["repairs"]} == {"page_break"}
    assert all({"offset", "text"} <= set(r) for r in out["repairs"])
    assert any("化化" in w for w in out["warnings"])


def test_outline_tree(capsys):
    assert main(["outline", SPEECH]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "凝聚共识 开拓创新 推动构建网络空间命运共同体迈向新阶段"
    assert "├─ 一、回答时代课题" in out and "└─ 三、奋力展现新作为" in out
    assert out.count("point ") == 13
    assert "repairs: 4 page breaks rejoined" in out


def test_outline_forced_encoding(tmp_path, capsys):
    path = tmp_path / "gb.txt"
    path.write_bytes(config.SPEECH_PATH.read_bytes().decode("utf-8").encode("gb18030"))
    assert main(["outline", str(path), "--encoding", "gb18030", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["counts"]["paragraphs"] == 20


def test_console_script_help_version_and_no_jieba():
    version = subprocess.run([str(SCRIPT), "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.strip() == f"zhspeech {zhspeech.__version__}"
    helptext = subprocess.run([str(SCRIPT), "--help"], capture_output=True, text=True, check=True).stdout
    assert "outline" in helptext
    probe = (
        "import sys, io, contextlib; from zhspeech.cli import main; "
        "buf = io.StringIO(); c = contextlib.redirect_stdout(buf); c.__enter__(); "
        f"rc = main(['outline', {SPEECH!r}, '--json']); c.__exit__(None, None, None); "
        "heavy = [m for m in ('jieba', 'sklearn', 'matplotlib', 'wordcloud') if m in sys.modules]; "
        "print(rc, heavy)"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "0 []"


def test_bad_encoding_option_is_one_line_error(capsys):
    assert main(["outline", SPEECH, "--encoding", "nonsense-enc"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: unknown encoding") and err.count("\n") == 1


CORPUS = config.PROJ_ROOT / "data" / "raw" / "corpus" / "gov_work_reports"


def test_outline_json_front_matter_and_year(capsys):
    assert main(["outline", SPEECH, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {"date", "date_text", "year", "year_source", "salutation", "front_matter"} <= set(out)
    # the kit's speech: no date line, no salutation; the year is the one in its file name (…_2024.md)
    assert (out["date"], out["date_text"], out["salutation"]) == (None, None, None)
    assert (out["year"], out["year_source"]) == (2024, "file name")
    assert out["front_matter"] == [
        {"kind": "title", "text": "凝聚共识 开拓创新 推动构建网络空间命运共同体迈向新阶段"},
        {"kind": "byline", "text": "任贤良 世界互联网大会秘书长"},
    ]
    path = str(CORPUS / "1955政府工作报告_李富春.txt")
    assert main(["outline", path, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    # checked by hand against lines 1-4 and 19 of the file
    assert out["date"] == "1955-07-05" and out["date_text"] == "——1955年7月5日至6日在第一届全国人民代表大会第二次会议上"
    assert (out["year"], out["year_source"], out["salutation"]) == (1955, "date line", "各位代表")
    assert out["byline"] == {"author": "李富春", "role": "国务院副总理兼国家计划委员会主任"}
    assert out["subtitle"] == "关于发展国民经济的第一个五年计划的报告"
    kinds = [f["kind"] for f in out["front_matter"]]
    assert kinds[:4] == ["title", "subtitle", "date", "byline"] and "salutation" in kinds  # 目录 comes between
    assert main(["outline", path, "--json", "--year", "1956"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["year"], out["year_source"], out["date"]) == (1956, "argument", "1955-07-05")


def test_outline_tree_shows_the_front_matter(capsys):
    assert main(["outline", str(CORPUS / "1998政府工作报告_李鹏.txt")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:5] == [
        "1998年政府工作报告",
        "李鹏 · 国务院总理",
        "——1 9 9 8 年3 月5 日在第九届全国人民代表大会第一次会议上  [1998-03-05]",
        "year 1998 (from the date line)",
        "salutation: 各位代表",
    ]
    assert main(["outline", SPEECH, "--year", "2023"]) == 0
    assert "year 2023 (given)" in capsys.readouterr().out


def test_outline_bad_year_is_one_line_error(capsys):
    assert main(["outline", SPEECH, "--year", "20x4"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: --year must be a year") and err.count("\n") == 1
