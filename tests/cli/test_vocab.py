"""``zhspeech terms | keyness | collocations | kwic``: JSON keys, numbers that recompute, notes and errors."""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys
from pathlib import Path

import pytest
from scipy import stats as sps

from zhspeech import config
from zhspeech.cli import main

SPEECH = str(config.SPEECH_PATH)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys, *argv: str) -> dict:
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    return json.loads(out)


def g2(count: int, ref_count: int, size: int, ref_size: int) -> float:
    cells = [[count, size - count], [ref_count, ref_size - ref_count]]
    return sps.chi2_contingency(cells, correction=False, lambda_="log-likelihood")[0]


def test_terms_json_recomputes(capsys, tokens):
    data = run_json(capsys, "terms", SPEECH, "--top", "15")
    assert data["tokens"] == int(tokens["is_word"].sum())
    assert len(data["terms"]) == 15
    for row in data["terms"]:
        assert {"term", "count", "per_10k", "paragraphs", "dp"} <= set(row)
        assert row["per_10k"] == pytest.approx(row["count"] / data["tokens"] * 1e4)
        assert 0 <= row["dp"] <= 1
    counts = [row["count"] for row in data["terms"]]
    assert counts == sorted(counts, reverse=True)
    assert "的" not in {row["term"] for row in data["terms"]}  # stopwords left out by default
    every = run_json(capsys, "terms", SPEECH, "--all", "--stopwords")
    assert sum(row["count"] for row in every["terms"]) == data["tokens"]
    assert "的" in {row["term"] for row in every["terms"]}


def test_terms_text_table(capsys):
    code, out, _ = run(capsys, "terms", SPEECH, "--top", "5")
    lines = out.splitlines()
    assert code == 0 and "words" in lines[0] and lines[1].split()[:3] == ["term", "count", "per_10k"]
    assert len(lines) == 2 + 5


def test_keyness_json_recomputes(capsys):
    data = run_json(capsys, "keyness", SPEECH, "--top", "10")
    assert {"corpus_size", "ref_size", "reference", "rows"} <= set(data)
    assert "jieba" in data["reference"] and data["ref_size"] > 10**7
    assert len(data["rows"]) == 10
    for row in data["rows"]:
        assert {"term", "count", "ref_count", "g2", "p", "p_fdr", "log_ratio"} <= set(row)
        assert row["g2"] == pytest.approx(
            g2(row["count"], row["ref_count"], data["corpus_size"], data["ref_size"]), rel=1e-9
        )
        assert row["p"] <= row["p_fdr"] <= 1 and row["log_ratio"] > 0
        a, b = row["count"] or 0.5, row["ref_count"] or 0.5
        assert row["log_ratio"] == pytest.approx(math.log2((a / data["corpus_size"]) / (b / data["ref_size"])))


def test_keyness_by_section(capsys, speech):
    data = run_json(capsys, "keyness", SPEECH, "--by", "section", "--top", "5")
    numbers = [s["number"] for s in data["sections"]]
    assert set(numbers) >= {1, 2, 3}
    for section in data["sections"]:
        assert {"number", "heading", "corpus_size", "ref_size", "reference", "rows"} <= set(section)
        if section["number"] >= 1:
            assert section["heading"] == speech.section_heading(section["number"])
        for row in section["rows"]:
            assert row["g2"] == pytest.approx(
                g2(row["count"], row["ref_count"], section["corpus_size"], section["ref_size"]), rel=1e-9
            )
    code, out, _ = run(capsys, "keyness", SPEECH, "--by", "section", "--top", "3")
    assert code == 0 and "section 1 回答时代课题" in out


def test_collocations_json(capsys):
    data = run_json(capsys, "collocations", SPEECH, "网络空间命运共同体", "--window", "5")
    assert data["node"] == "网络空间命运共同体" and data["window"] == 5 and data["node_count"] > 10
    assert data["rows"] and "构建" in {row["collocate"] for row in data["rows"]}
    for row in data["rows"]:
        assert {"collocate", "n12", "n1", "n2", "mi", "logdice", "g2", "t"} <= set(row)
        n12, n1, n2, n = row["n12"], row["n1"], row["n2"], data["N"]
        assert row["mi"] == pytest.approx(math.log2(n12 * n / (n1 * n2)))
        assert row["logdice"] == pytest.approx(14 + math.log2(2 * n12 / (n1 + n2)))
        assert row["t"] == pytest.approx((n12 - n1 * n2 / n) / math.sqrt(n12))


def test_collocations_substring_and_negative(capsys):
    argv = ("collocations", SPEECH, "数字", "--substring", "--min-count", "1", "--top", "500")
    data = run_json(capsys, *argv)
    assert data["node_forms"] and all("数字" in form for form in data["node_forms"])
    assert data["rows"] and not any(row["negative"] for row in data["rows"])  # the default leaves them out
    for row in data["rows"]:
        assert row["n12"] >= row["expected"] == pytest.approx(row["n1"] * row["n2"] / data["N"])
    every = run_json(
        capsys, "collocations", SPEECH, "数字", "--substring", "--min-count", "1", "--top", "500", "--negative"
    )
    negative = [row for row in every["rows"] if row["negative"]]
    assert negative and all(row["n12"] < row["expected"] for row in negative)
    assert len(every["rows"]) == len(data["rows"]) + len(negative)


def test_kwic_json_and_text(capsys, speech):
    data = run_json(capsys, "kwic", SPEECH, "数字鸿沟", "--width", "8")
    assert data["term"] == "数字鸿沟" and len(data["hits"]) == speech.text.count("数字鸿沟")
    assert data["match"] == "substring"
    for hit in data["hits"]:
        keys = {"left", "match", "right", "part", "sentence", "paragraph", "section", "start", "end", "whole_tokens"}
        assert set(hit) == keys
        assert hit["match"] == "数字鸿沟" and len(hit["left"]) <= 8 and len(hit["right"]) <= 8
    code, out, _ = run(capsys, "kwic", SPEECH, "数字鸿沟", "--sort", "right")
    assert code == 0 and out.count("【数字鸿沟】") == len(data["hits"])


def test_kwic_finds_every_occurrence_with_its_part(capsys, speech):
    term = "网络空间命运共同体"
    raw = Path(SPEECH).read_text(encoding="utf-8")
    expected = re.sub(r"[*_]{2}|^#+\s*", "", raw, flags=re.M).count(term)  # markdown markers removed
    data = run_json(capsys, "kwic", SPEECH, term)
    assert len(data["hits"]) == expected
    parts = [hit["part"] for hit in data["hits"]]
    assert parts[0] == "title" and parts.count("heading") == 2
    assert all(speech.text[h["start"] : h["end"]] == term and h["whole_tokens"] for h in data["hits"])
    every = run_json(capsys, "kwic", SPEECH, "数字")
    tokens_only = run_json(capsys, "kwic", SPEECH, "数字", "--match", "token")
    assert len(every["hits"]) == speech.text.count("数字") > len(tokens_only["hits"]) > 0
    assert len(tokens_only["hits"]) == sum(h["whole_tokens"] for h in every["hits"])
    assert run_json(capsys, "kwic", SPEECH, "数字", "--substring") == every  # the old flag: now the default
    code, out, _ = run(capsys, "kwic", SPEECH, term)
    assert code == 0 and out.splitlines()[1].split()[:3] == ["1", "§0", "title"]


def test_parts_option(capsys, tokens):
    body = run_json(capsys, "terms", SPEECH, "--parts", "body", "--top", "3")
    assert body["parts"] == ["body"] and body["tokens"] == int(tokens.loc[tokens["part"] == "body", "is_word"].sum())
    every = run_json(capsys, "terms", SPEECH, "--top", "3")
    assert every["parts"] == ["title", "heading", "body"] and every["tokens"] == int(tokens["is_word"].sum())
    keyness = run_json(capsys, "keyness", SPEECH, "--parts", "heading,body", "--top", "3")
    assert keyness["corpus_size"] == int(tokens.loc[tokens["part"].isin(["heading", "body"]), "is_word"].sum())
    colloc = run_json(capsys, "collocations", SPEECH, "网络空间命运共同体", "--parts", "title")
    assert colloc["node_count"] == 1 and colloc["N"] == int(tokens.loc[tokens["part"] == "title", "is_word"].sum())
    code, out, err = run(capsys, "terms", SPEECH, "--parts", "body,appendix")
    assert code == 2 and out == "" and "'appendix' is not one of" in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("command", [["kwic", SPEECH, "量子纠缠"], ["collocations", SPEECH, "量子纠缠"]])
def test_absent_term_is_a_note_not_an_error(capsys, command):
    data = run_json(capsys, *command)
    assert data.get("hits", data.get("rows")) == [] and "量子纠缠" in data["note"]
    code, out, err = run(capsys, *command)
    assert code == 0 and err.startswith("note:") and "Traceback" not in err


@pytest.mark.parametrize(
    "argv",
    [
        ["terms", SPEECH, "--top", "0"],
        ["terms", SPEECH, "--top", "-1"],
        ["keyness", SPEECH, "--top", "x"],
        ["collocations", SPEECH, "数字", "--window", "0"],
        ["kwic", SPEECH, "数字", "--width", "-3"],
        ["keyness", SPEECH, "--by", "section", "--reference", SPEECH],
    ],
)
def test_bad_numbers_are_one_line_errors(capsys, argv):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.startswith("error: ") and len(err.strip().splitlines()) == 1


def test_bad_lexicon_line_names_file_and_line(capsys, tmp_path):
    lexicon = tmp_path / "my_terms.txt"
    lexicon.write_text("网络空间命运共同体 100 nz\n这一行 不是 数字 多余\n", encoding="utf-8")
    code, _, err = run(capsys, "terms", SPEECH, "--lexicon", str(lexicon))
    assert code == 2 and "my_terms.txt" in err and "2" in err and len(err.strip().splitlines()) == 1


def test_console_script_prints_valid_json():
    script = Path(sys.executable).with_name("zhspeech")
    result = subprocess.run(
        [str(script), "keyness", SPEECH, "--top", "3", "--json"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(data["rows"]) == 3 and data["corpus_size"] > 1000
