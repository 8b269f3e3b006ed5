"""``zhspeech report``: one real run on a traditional-character speech, a failing notebook, bad input."""

from __future__ import annotations

import html
import json
import os
import re
import sys
from importlib import metadata
from pathlib import Path

import nbformat
import pytest
from _report_fixture import TITLE, YEAR_IN_DATE_LINE, figure_snapshot, markup_report, traditional_report

import zhspeech
from zhspeech import cli, config
from zhspeech.report import describe_speech, notebook_paths, package_versions

pytestmark = pytest.mark.slow

NOTEBOOKS = notebook_paths() if any(config.NOTEBOOKS_DIR.glob("*.ipynb")) else []


@pytest.fixture(scope="module")
def committed_figures_before() -> dict[str, int]:
    return figure_snapshot()


@pytest.fixture(scope="module")
def run(tmp_path_factory, committed_figures_before):
    return traditional_report(tmp_path_factory)


# ---------------------------------------------------------------- the real report


def test_report_succeeds_and_shows_progress_per_notebook(run):
    assert run.code == 0, run.stderr
    lines = [line for line in run.stderr.splitlines() if line.startswith("[")]
    assert len(lines) == len(NOTEBOOKS)  # one per notebook as it finishes, numbered by its place in the report
    for i, notebook in enumerate(NOTEBOOKS, 1):
        pattern = rf"\[{i}/{len(NOTEBOOKS)}\] {re.escape(notebook.stem)} … \d+\.\d s"
        assert sum(bool(re.fullmatch(pattern, line)) for line in lines) == 1, (pattern, lines)
    assert f"report: {run.index}" in run.stdout
    assert not [l for l in run.stderr.splitlines() if l.startswith("warning:")]  # e.g. a Glyph missing from font


def test_index_links_every_notebook_under_the_speech_title(run):
    index = run.index.read_text(encoding="utf-8")
    assert f"<title>{TITLE} — zhspeech report</title>" in index and f"<h1>{TITLE}</h1>" in index
    hrefs = re.findall(r'<ol class="toc">.*?</ol>', index, flags=re.S)[0]
    linked = re.findall(r'<li><a href="([^"]+)">', hrefs)
    assert linked == [f"{p.stem}.html" for p in NOTEBOOKS]
    for page in linked:
        assert (run.out / page).is_file()
    counts = describe_speech(zhspeech.load(run.speech))
    assert counts in index  # the speech in a paragraph, computed from its tables
    assert f"year: {YEAR_IN_DATE_LINE} (from the date line)." in index  # 2023年9月12日, no --year given


def test_pages_are_self_contained_and_link_to_each_other_as_html(run):
    names = {p.stem for p in NOTEBOOKS}
    for notebook in NOTEBOOKS:
        page = (run.out / f"{notebook.stem}.html").read_text(encoding="utf-8")
        assert not re.search(r'<script[^>]+src="https?://', page), notebook.name
        assert not re.search(r'<link[^>]+href="https?://', page), notebook.name
        markup = re.sub(r"<script\b.*?</script>", "", page, flags=re.S)  # an inlined library's code is not markup
        for src in re.findall(r'<img[^>]+src="([^"]+)"', markup):
            assert src.startswith("data:image/"), (notebook.name, src[:60])
        for target in re.findall(r'href="([^"#?/]+)\.ipynb', page):
            assert target not in names, f"{notebook.name} still links {target}.ipynb"
    if "00_overview" in names and "01_structure" in names:
        assert 'href="01_structure.html"' in (run.out / "00_overview.html").read_text(encoding="utf-8")


def test_notebooks_ran_on_the_given_speech_without_errors(run):
    for notebook in NOTEBOOKS:
        nb = nbformat.read(run.out / notebook.name, as_version=4)
        injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
        assert injected, notebook.name
        assert f'SPEECH_PATH = "{run.speech.resolve()}"' in injected[0].source  # the executed notebook keeps it
        assert "YEAR = None" in injected[0].source  # as given: each notebook reads the date line itself
        errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
        assert not errors, (notebook.name, errors[:1])
    if NOTEBOOKS and NOTEBOOKS[0].stem == "00_overview":
        assert TITLE in (run.out / "00_overview.html").read_text(encoding="utf-8")
        overview = nbformat.read(run.out / "00_overview.ipynb", as_version=4)
        shown = [o.get("data", {}).get("text/plain", "") for c in overview.cells for o in c.get("outputs", [])]
        assert f"({YEAR_IN_DATE_LINE}, 'date line')" in shown  # speech.year, speech.year_source in the notebook


def _visible(page: str) -> str:
    """A page's text as a reader sees it: no styles, scripts or tags; entities decoded."""
    page = re.sub(r"<(style|script)\b.*?</\1>", "", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def test_pages_show_the_parameters_without_the_machines_paths(run):
    for notebook in NOTEBOOKS:
        page = (run.out / f"{notebook.stem}.html").read_text(encoding="utf-8")
        text = _visible(page)
        assert f'SPEECH_PATH = "{run.speech.name}"' in text, notebook.name
        assert 'OUTPUT_DIR = "figures"' in text, notebook.name  # relative to the page's folder
        assert "full paths on the machine that ran the report are left out" in text
        for path in {run.speech.resolve().parent, run.out.resolve()}:
            assert str(path) not in page, (notebook.name, str(path))


def test_figures_go_under_the_report_not_into_the_committed_folder(run, committed_figures_before):
    assert (run.out / "figures").is_dir()
    assert figure_snapshot() == committed_figures_before


# ---------------------------------------------------------------- a failing notebook


def _notebook(path: Path, *codes: str) -> None:
    cells = [nbformat.v4.new_markdown_cell(f"# {path.stem}\n\nA test notebook.")]
    parameters = nbformat.v4.new_code_cell('SPEECH_PATH = ""\nOUTPUT_DIR = ""\nYEAR = 2024')
    parameters.metadata["tags"] = ["parameters"]
    cells += [parameters, *(nbformat.v4.new_code_cell(c) for c in codes)]
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)


def test_failing_notebook_is_named_with_its_cell_and_leaves_no_index(tmp_path, monkeypatch, capsys):
    folder, out = tmp_path / "notebooks", tmp_path / "out"
    folder.mkdir()
    _notebook(
        folder / "01_ok.ipynb",
        "import json, os, sys\n"
        "print(json.dumps({'python': sys.executable, 'cwd': os.getcwd(),"
        " 'figures': os.environ['ZHSPEECH_FIGURES'], 'year': YEAR}))",
        "import warnings\nwarnings.warn('Glyph 20013 (\\N{CJK UNIFIED IDEOGRAPH-4E2D}) missing from font(s) X.')",
    )
    _notebook(folder / "02_broken.ipynb", "x = 1", "y = x + 1\nz = y / 0")
    # a kernel spec named python3 that cannot start: the report must not pick it up
    bogus = tmp_path / "jupyter" / "kernels" / "python3"
    bogus.mkdir(parents=True)
    (bogus / "kernel.json").write_text(
        json.dumps(
            {"argv": ["/nonexistent/python", "-f", "{connection_file}"], "display_name": "bogus", "language": "python"}
        )
    )
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    monkeypatch.setattr(config, "NOTEBOOKS_DIR", folder)
    out.mkdir()
    (out / "index.html").write_text("stale index from an earlier run")
    (out / "02_broken.html").write_text("stale page from an earlier run")

    code = cli.main(["report", str(config.SPEECH_PATH), "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 1
    assert "[1/2] 01_ok … " in err
    assert "warning: 01_ok: Glyph 20013 (中) missing from font(s) X." in err
    message = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(message) == 1, err
    assert "02_broken.ipynb failed at cell 4 (y = x + 1): ZeroDivisionError: division by zero" in message[0]
    assert "Traceback" not in err
    assert not (out / "index.html").exists() and not (out / "02_broken.html").exists()
    assert (out / "01_ok.html").is_file() and (out / "02_broken.ipynb").is_file()

    ok = nbformat.read(out / "01_ok.ipynb", as_version=4)
    seen = json.loads(ok.cells[-2].outputs[0]["text"])
    assert seen == {
        "python": sys.executable,
        "cwd": str(folder.resolve()),
        "figures": str((out / "figures").resolve()),
        "year": None,  # no --year: the notebooks read the year themselves
    }


# ---------------------------------------------------------------- notebooks side by side

_RENDEZVOUS = (
    "import pathlib, time\n"
    "here, there = pathlib.Path({mine!r}), pathlib.Path({other!r})\n"
    "here.touch()\n"
    "deadline = time.monotonic() + 120\n"
    "while not there.exists():\n"
    "    assert time.monotonic() < deadline, 'the other notebook never ran alongside this one'\n"
    "    time.sleep(0.05)"
)


def test_two_jobs_run_two_notebooks_at_once_and_report_them_in_folder_order(tmp_path, monkeypatch, capsys):
    # each notebook waits for the other to have started: this finishes only if both kernels run together
    folder, out, flags = tmp_path / "notebooks", tmp_path / "out", tmp_path / "flags"
    folder.mkdir()
    flags.mkdir()
    _notebook(folder / "01_a.ipynb", _RENDEZVOUS.format(mine=str(flags / "a"), other=str(flags / "b")))
    _notebook(folder / "02_b.ipynb", _RENDEZVOUS.format(mine=str(flags / "b"), other=str(flags / "a")))
    monkeypatch.setattr(config, "NOTEBOOKS_DIR", folder)

    assert cli.main(["report", str(config.SPEECH_PATH), "--out", str(out), "--jobs", "2"]) == 0
    err = capsys.readouterr().err
    assert re.search(r"^\[1/2\] 01_a … ", err, re.M) and re.search(r"^\[2/2\] 02_b … ", err, re.M), err
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.index('href="01_a.html"') < index.index('href="02_b.html"')
    assert "year: 2024 (from the file name)." in index  # no --year, no date line: …_2024.md


def test_the_year_given_reaches_the_notebooks_and_the_index(tmp_path, monkeypatch, capsys):
    folder, out = tmp_path / "notebooks", tmp_path / "out"
    folder.mkdir()
    _notebook(folder / "01_year.ipynb", "print(YEAR)")
    monkeypatch.setattr(config, "NOTEBOOKS_DIR", folder)

    assert cli.main(["report", str(config.SPEECH_PATH), "--out", str(out), "--year", "1999"]) == 0
    assert "year: 1999 (given)." in (out / "index.html").read_text(encoding="utf-8")
    executed = nbformat.read(out / "01_year.ipynb", as_version=4)
    assert executed.cells[-1].outputs[0]["text"].strip() == "1999"


_PLOT = "import matplotlib\nimport matplotlib.pyplot as plt\nprint(matplotlib.get_backend())\nplt.plot([1, 3, 2]);"


def test_charts_are_drawn_inline_whatever_mplbackend_says(tmp_path, monkeypatch):
    from zhspeech.report import build_report

    folder, out = tmp_path / "notebooks", tmp_path / "out"
    folder.mkdir()
    _notebook(folder / "01_plot.ipynb", _PLOT)
    monkeypatch.setattr(config, "NOTEBOOKS_DIR", folder)
    monkeypatch.setenv("MPLBACKEND", "Agg")  # as on a server or in CI: Agg draws nothing into a notebook

    build_report(config.SPEECH_PATH, out)
    outputs = nbformat.read(out / "01_plot.ipynb", as_version=4).cells[-1].outputs
    assert [o["text"].strip() for o in outputs if o.output_type == "stream"] == [
        "module://matplotlib_inline.backend_inline"
    ]
    assert re.search(r'<img[^>]+src="data:image/png', (out / "01_plot.html").read_text(encoding="utf-8"))


def test_the_notebooks_charts_reach_the_pages_under_mplbackend_agg(tmp_path_factory):
    run = markup_report(tmp_path_factory)  # made with MPLBACKEND=Agg in the environment
    assert run.code == 0, run.stderr
    for name in ("01_structure", "02_vocabulary", "04_charts"):
        page = (run.out / f"{name}.html").read_text(encoding="utf-8")
        assert re.search(r'<img[^>]+src="data:image/png', page), f"{name}: no inline chart"


def test_one_job_stops_at_the_first_failure_and_skips_the_rest(tmp_path, monkeypatch, capsys):
    folder, out = tmp_path / "notebooks", tmp_path / "out"
    folder.mkdir()
    _notebook(folder / "01_broken.ipynb", "raise RuntimeError('stop here')")
    _notebook(folder / "02_never.ipynb", "x = 1")
    monkeypatch.setattr(config, "NOTEBOOKS_DIR", folder)
    monkeypatch.setattr(config, "CACHE_DIR", tmp_path / "cache")  # no remembered order: folder order

    assert cli.main(["report", str(config.SPEECH_PATH), "--out", str(out), "--jobs", "1"]) == 1
    err = capsys.readouterr().err
    assert "error: 01_broken.ipynb failed at cell 3 (raise RuntimeError('stop here')): RuntimeError: stop here" in err
    assert not (out / "02_never.ipynb").exists() and not (out / "index.html").exists()


def test_longest_notebook_starts_first_by_the_last_report(tmp_path, monkeypatch):
    from zhspeech.report.build import _longest_first, _remember_timings
    from zhspeech.report.html import NotebookPage

    monkeypatch.setattr(config, "CACHE_DIR", tmp_path / "cache")
    paths = [tmp_path / f"0{i}.ipynb" for i in range(4)]
    assert _longest_first(paths) == paths  # nothing remembered: folder order
    pages = [NotebookPage(p.stem, p.stem, "", p, s) for p, s in zip(paths[:3], (1.0, 7.5, 3.0))]
    _remember_timings(pages, paths[:3])
    assert _longest_first(paths) == [paths[3], paths[1], paths[2], paths[0]]  # unknown first, then longest
    (tmp_path / "cache" / "report-seconds.json").write_text("not json")
    assert _longest_first(paths) == paths


def _running(pid: int) -> bool:
    """Whether process ``pid`` runs (a zombie waiting to be reaped does not)."""
    stat = Path(f"/proc/{pid}/stat")
    if stat.parent.parent.is_dir() and Path("/proc/self").exists():
        try:
            return stat.read_text().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
        except FileNotFoundError:
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_an_interrupted_report_stops_the_kernels_still_running(tmp_path, monkeypatch):
    from zhspeech.report import build_report

    folder, out, pid, done = (
        tmp_path / "notebooks",
        tmp_path / "out",
        tmp_path / "sleeper.pid",
        tmp_path / "sleeper.done",
    )
    folder.mkdir()
    _notebook(folder / "01_quick.ipynb", _RENDEZVOUS.format(mine=str(tmp_path / "quick"), other=str(pid)))
    _notebook(
        folder / "02_sleeper.ipynb",
        f"import os, pathlib, time\npathlib.Path({str(pid)!r}).write_text(str(os.getpid()))",
        "time.sleep(30)",
        f"pathlib.Path({str(done)!r}).touch()",
    )
    monkeypatch.setattr(config, "NOTEBOOKS_DIR", folder)
    monkeypatch.setattr(config, "CACHE_DIR", tmp_path / "cache")

    def interrupt(line: str) -> None:  # as if Ctrl-C arrived once the first notebook is done
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_report(config.SPEECH_PATH, out, jobs=2, progress=interrupt)
    assert not _running(int(pid.read_text())), "the sleeping notebook's kernel still runs"
    assert not done.exists(), "the sleeping notebook ran to its end"
    assert not (out / "index.html").exists() and not (out / "02_sleeper.html").exists()


def test_a_dead_kernel_is_named_with_its_cell_and_the_executed_notebook_kept(tmp_path, monkeypatch, capsys):
    folder, out = tmp_path / "notebooks", tmp_path / "out"
    folder.mkdir()
    out.mkdir()
    _notebook(folder / "01_dies.ipynb", "x = 1", "import os\nos._exit(1)", "y = 2")
    (out / "01_dies.ipynb").write_text("left by an earlier run")
    monkeypatch.setattr(config, "NOTEBOOKS_DIR", folder)

    assert cli.main(["report", str(config.SPEECH_PATH), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "error: 01_dies.ipynb failed at cell 4 (import os): DeadKernelError" in err, err
    executed = nbformat.read(out / "01_dies.ipynb", as_version=4)  # this run's, saved up to the cell that died
    assert "os._exit(1)" in "".join(c.source for c in executed.cells)


def test_an_unreadable_notebook_fails_alone_and_is_named(tmp_path, monkeypatch, capsys):
    folder, out = tmp_path / "notebooks", tmp_path / "out"
    folder.mkdir()
    _notebook(folder / "01_fine.ipynb", "x = 1")
    (folder / "02_garbled.ipynb").write_text("{ not a notebook")
    monkeypatch.setattr(config, "NOTEBOOKS_DIR", folder)

    assert cli.main(["report", str(config.SPEECH_PATH), "--out", str(out), "--jobs", "2"]) == 1
    err = capsys.readouterr().err
    assert "error: 02_garbled.ipynb failed before its first cell: NotJSONError" in err, err
    assert "Traceback" not in err and "kept at" not in err
    assert (out / "01_fine.html").is_file() and not (out / "index.html").exists()


def test_notebooks_with_the_same_name_are_refused(tmp_path):
    from zhspeech.report import notebook_paths

    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        _notebook(tmp_path / folder / "01_same.ipynb", "x = 1")
    with pytest.raises(zhspeech.SpeechError, match="two notebooks named 01_same"):
        notebook_paths([tmp_path / "a" / "01_same.ipynb", tmp_path / "b" / "01_same.ipynb"])


def test_a_kernel_that_registers_after_a_stop_is_killed_with_its_process_group():
    import subprocess
    from types import SimpleNamespace

    from zhspeech.report._kernels import _Kernels

    def kernel() -> SimpleNamespace:
        process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"], start_new_session=True)
        return SimpleNamespace(provisioner=SimpleNamespace(process=process, pgid=os.getpgid(process.pid)))

    kernels = _Kernels()
    early = kernel()
    kernels.add(early)
    assert early.provisioner.process.poll() is None  # registering does not stop a kernel
    kernels.stop()
    assert early.provisioner.process.wait(timeout=30) != 0
    late = kernel()  # finished launching while the report was being stopped
    kernels.add(late)
    assert late.provisioner.process.wait(timeout=30) != 0


@pytest.mark.parametrize("jobs", ["0", "-1", "two"])
def test_jobs_must_be_a_positive_whole_number(jobs, tmp_path, capsys):
    assert cli.main(["report", str(config.SPEECH_PATH), "--out", str(tmp_path / "out"), "--jobs", jobs]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: --jobs must be a whole number") and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_build_report_rejects_bad_jobs_before_any_notebook(tmp_path):
    from zhspeech.report import build_report

    for jobs in (0, 1.5, True):
        with pytest.raises(zhspeech.OptionError, match="jobs must be a whole number"):
            build_report(config.SPEECH_PATH, tmp_path / "out", jobs=jobs)
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------- bad input: exit 2 before any notebook runs


@pytest.mark.parametrize("kind", ["missing", "empty", "binary", "directory"])
def test_bad_input_is_one_line_exit_2_before_any_notebook(kind, tmp_path, capsys):
    path = tmp_path / "speech.txt"
    if kind == "empty":
        path.write_text("  \n")
    elif kind == "binary":
        path.write_bytes(bytes(range(256)) * 8)
    elif kind == "directory":
        path.mkdir()
    out = tmp_path / "out"
    assert cli.main(["report", str(path), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert not out.exists()


# ---------------------------------------------------------------- helpers


def test_describe_speech_counts_come_from_the_tables(speech):
    text = describe_speech(speech)
    assert speech.title in text and speech.byline.author in text
    for n, unit in [
        (len(speech.sections), "sections"),
        (len(speech.points), "points"),
        (len(speech.paragraphs), "body paragraphs"),
        (len(speech.sentences), "sentences"),
        (f"{int(speech.paragraphs['chars'].sum()):,}", "characters"),
    ]:
        assert f"{n} {unit}" in text


def test_package_versions_match_installed_distributions():
    table = package_versions()
    assert list(table.columns) == ["package", "version"]
    versions = dict(zip(table["package"], table["version"]))
    assert versions["zhspeech"] == metadata.version("zhspeech")
    assert versions["jieba"] == metadata.version("jieba")
    assert versions["python"] == ".".join(map(str, sys.version_info[:3]))
    assert {"pandas", "matplotlib", "wordcloud", "scikit-learn", "networkx"} <= set(versions)


def test_out_must_be_a_folder_other_than_the_notebooks(tmp_path, capsys):
    a_file = tmp_path / "a_file"
    a_file.write_text("x")
    for out in (a_file, config.NOTEBOOKS_DIR):
        before = sorted(p.stat().st_mtime_ns for p in config.NOTEBOOKS_DIR.glob("*.ipynb"))
        assert cli.main(["report", str(config.SPEECH_PATH), "--out", str(out)]) == 2
        err = capsys.readouterr().err
        assert err.startswith(f"error: --out {out}") and err.count("\n") == 1, err
        assert sorted(p.stat().st_mtime_ns for p in config.NOTEBOOKS_DIR.glob("*.ipynb")) == before
