"""``zhspeech compare`` and ``zhspeech corpus``: the JSON documents, numbers that recompute from their rows, bad
files skipped and named, exit codes."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from zhspeech.cli import main

A_TEXT = """2016年工作报告
——2016年3月5日在大会上
张三

一、过去一年的工作
我们推进结构调整，推进简政放权。淘汰落后产能，淘汰过剩产能，淘汰落后工艺。加强基础设施建设，加强生态保护。
城乡居民收入增长，城乡居民生活改善，就业稳定。

二、今年的任务
稳定经济增长。加强基础设施建设。扩大就业，扩大消费，扩大开放。
"""

B_TEXT = """2017年工作报告
——2017年3月5日在大会上
李四

一、过去一年的工作
我们推进供给侧结构性改革，推进简政放权。“放管服”改革深入推进，“放管服”改革成效明显，“放管服”改革惠及群众。
城乡居民收入增长，就业稳定。

二、今年的任务
深化供给侧结构性改革。加强基础设施建设。扩大就业，扩大开放。
"""


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture()
def pair(tmp_path) -> tuple[Path, Path]:
    a, b = tmp_path / "2016报告_张三.txt", tmp_path / "2017报告_李四.txt"
    a.write_text(A_TEXT, encoding="utf-8")
    b.write_text(B_TEXT, encoding="utf-8")
    return a, b


def _z(row: dict, n_a: int, n_b: int, a0: float) -> float:
    """Monroe, Colaresi & Quinn (2008), written out here from their formulas."""
    aw, ya, yb = row["prior"], row["count_a"], row["count_b"]
    delta = math.log((yb + aw) / (n_b + a0 - yb - aw)) - math.log((ya + aw) / (n_a + a0 - ya - aw))
    return delta / math.sqrt(1 / (ya + aw) + 1 / (yb + aw))


def test_compare_json_recomputes_from_its_rows(capsys, pair):
    code, out, err = run(capsys, "compare", str(pair[0]), str(pair[1]), "--json", "--all", "--min-count", "2")
    assert code == 0, err
    data = json.loads(out)
    assert {"a", "b", "prior_total", "rows", "new_in_b", "gone_in_b"} <= set(data)
    for side, year, author in (("a", 2016, "张三"), ("b", 2017, "李四")):
        assert {"path", "title", "year", "author", "words"} <= set(data[side])
        assert (data[side]["year"], data[side]["author"]) == (year, author)
    n_a, n_b, a0 = data["a"]["words"], data["b"]["words"], data["prior_total"]
    keys = {"term", "count_a", "count_b", "per_10k_a", "per_10k_b", "g2", "p", "p_fdr", "log_ratio", "pct_diff"}
    assert data["rows"]
    for row in data["rows"]:
        assert keys | {"prior", "log_odds_z"} <= set(row)
        assert row["log_odds_z"] == pytest.approx(_z(row, n_a, n_b, a0))
        assert row["per_10k_b"] == pytest.approx(row["count_b"] / n_b * 1e4)
        assert (row["g2"] > 0) == (row["count_b"] / n_b > row["count_a"] / n_a) or row["g2"] == 0
    new = {r["term"]: r["count"] for r in data["new_in_b"]}
    rows = {r["term"]: r for r in data["rows"]}
    assert new and all(rows[t]["count_a"] == 0 and rows[t]["count_b"] == c for t, c in new.items())
    assert "淘汰" in {r["term"] for r in data["gone_in_b"]}


def test_compare_table_and_bad_input(capsys, pair, tmp_path):
    code, out, err = run(capsys, "compare", str(pair[0]), str(pair[1]), "--min-count", "2")
    assert code == 0 and "leaning B" in out and "leaning A" in out
    code, out, err = run(capsys, "compare", str(pair[0]), str(tmp_path / "missing.txt"))
    assert code == 2 and err.startswith("error:") and len(err.strip().splitlines()) == 1
    code, out, err = run(capsys, "compare", str(pair[0]), str(pair[1]), "--p-max", "2")
    assert code == 2 and "--p-max" in err


@pytest.fixture()
def folder(tmp_path, pair) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in pair:
        (corpus / path.name).write_bytes(path.read_bytes())
    (corpus / "2017报告_李四_copy.txt").write_bytes(pair[1].read_bytes())  # an exact duplicate
    (corpus / "broken.txt").write_bytes(b"\x00\x01\x02\x03" * 50)  # binary: skipped, named
    (corpus / "notes.csv.bak").write_text("not a speech", encoding="utf-8")  # not a supported file: ignored
    return corpus


def test_corpus_json_documents_skipped_duplicates(capsys, folder):
    argv = ("corpus", str(folder), "--backend", "serial", "--json", "--by", "author")
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    data = json.loads(out)
    docs = data["documents"]
    assert [d["year"] for d in docs] == [2016, 2017] and [d["author"] for d in docs] == ["张三", "李四"]
    for doc in docs:
        assert {"path", "sha256", "title", "date", "year", "author", "sections", "words"} <= set(doc)
        assert doc["sections"] == 2 and doc["words"] > 0 and len(doc["sha256"]) == 64
    assert [Path(s["path"]).name for s in data["skipped"]] == ["broken.txt"]
    assert len(data["duplicates"]) == 1
    assert "warning: skipped" in err and "broken.txt" in err
    assert {g["group"] for g in data["groups"]} == {"张三", "李四"}
    code, _, _ = run(capsys, *argv, "--strict")
    assert code == 1


def test_corpus_with_nothing_to_read_is_an_error(capsys, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    for target in (str(empty), str(tmp_path / "*.nothing")):
        code, out, err = run(capsys, "corpus", target, "--backend", "serial")
        assert code == 2 and err.startswith("error:") and len(err.strip().splitlines()) == 1
    code, out, err = run(capsys, "corpus", str(empty), "--jobs", "0")
    assert code == 2 and "--jobs" in err
