"""``zhspeech report`` on two speeches (the compare notebook) and on a folder (the corpus notebook): which
notebooks run for which inputs, and the reports they write."""

from __future__ import annotations

import argparse
import re
import shutil

import nbformat
import pytest

from zhspeech import config
from zhspeech.cli import main
from zhspeech.cli.report import report_inputs
from zhspeech.errors import SpeechError
from zhspeech.report.build import notebook_paths

REPORTS = sorted(config.CORPUS_DIR.glob("*.txt"))


def _args(*inputs: str, compare=None, corpus=None, year=None) -> argparse.Namespace:
    return argparse.Namespace(inputs=list(inputs), compare=compare, corpus=corpus, year=year)


def test_inputs_choose_the_kind_of_report(tmp_path):
    speech, other = str(REPORTS[-1]), str(REPORTS[-2])
    assert report_inputs(_args(speech)) == {"path": speech, "compare": None, "corpus": None}
    assert report_inputs(_args(other, speech)) == {"path": None, "compare": [other, speech], "corpus": None}
    folder = str(config.CORPUS_DIR)
    assert report_inputs(_args(folder))["corpus"] == folder
    assert report_inputs(_args(str(tmp_path / "*.txt")))["corpus"] == str(tmp_path / "*.txt")
    for table in ("speeches.csv", "speeches.jsonl", "speeches.ndjson", "speeches.parquet"):  # what a Corpus reads
        assert report_inputs(_args(str(tmp_path / table)))["corpus"] == str(tmp_path / table)
    assert report_inputs(_args(speech, other, speech))["corpus"] == [speech, other, speech]
    both = report_inputs(_args(speech, compare=[other, speech], corpus=[folder], year="2017"))
    assert both == {"path": speech, "compare": [other, speech], "corpus": [folder]}
    with pytest.raises(SpeechError, match="--year"):
        report_inputs(_args(other, speech, year="2017"))
    with pytest.raises(SpeechError, match="once"):
        report_inputs(_args(other, speech, compare=[other, speech]))


def test_each_kind_has_its_notebooks():
    speech = [p.stem for p in notebook_paths()]
    assert speech[:5] == ["00_overview", "01_structure", "02_vocabulary", "03_themes", "04_charts"]
    assert [p.stem for p in notebook_paths(kinds=("compare",))] == ["05_compare"]
    assert [p.stem for p in notebook_paths(kinds=("corpus",))] == ["06_corpus"]
    every = notebook_paths(kinds=None)
    assert len(every) == len(speech) + 2 and every == sorted(every)


def test_bad_inputs_fail_before_any_notebook(tmp_path, capsys):
    empty = tmp_path / "empty"
    empty.mkdir()
    for argv in (["report", str(empty)], ["report", str(REPORTS[-1]), str(tmp_path / "missing.txt")]):
        assert main([*argv, "--out", str(tmp_path / "out")]) == 2
        err = capsys.readouterr().err
        assert err.startswith("error:") and len(err.strip().splitlines()) == 1
        assert not (tmp_path / "out" / "index.html").exists()


@pytest.mark.slow
def test_compare_and_corpus_reports(tmp_path, capsys):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in REPORTS[-4:]:
        shutil.copy(path, folder / path.name)
    out = tmp_path / "out"
    argv = ["report", str(REPORTS[-1]), "--compare", str(REPORTS[-3]), str(REPORTS[-2]), "--corpus", str(folder)]
    assert main([*argv, "--out", str(out)]) == 0, capsys.readouterr().err
    err = capsys.readouterr().err
    n = len(notebook_paths(kinds=None))
    assert len([line for line in err.splitlines() if re.match(rf"\[\d/{n}\] ", line)]) == n
    index = (out / "index.html").read_text(encoding="utf-8")
    linked = re.findall(r'<li><a href="([^"]+)">', re.findall(r'<ol class="toc">.*?</ol>', index, flags=re.S)[0])
    assert linked == [f"{p.stem}.html" for p in notebook_paths(kinds=None)]
    compare = nbformat.read(out / "05_compare.ipynb", as_version=4)
    assert any("injected-parameters" in c.metadata.get("tags", []) for c in compare.cells)
    given = compare.metadata["papermill"]["parameters"]  # the source cell escapes the Chinese of the file names
    assert (given["A_PATH"], given["B_PATH"]) == (str(REPORTS[-3].resolve()), str(REPORTS[-2].resolve()))
    corpus = nbformat.read(out / "06_corpus.ipynb", as_version=4)
    shown = "".join(o.get("data", {}).get("text/markdown", "") for c in corpus.cells for o in c.get("outputs", []))
    assert "4 documents from 2014 to 2017" in shown  # the reading computed from the folder given
    for nb in (compare, corpus):
        assert not [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
