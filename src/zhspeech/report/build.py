"""Execute the notebooks on a speech, a pair of speeches or a corpus and write the HTML report: the plan, the
runner and its order of work.

Each notebook of ``config.NOTEBOOKS_DIR`` is of one kind, named by the parameters its ``parameters`` cell declares
(:data:`KINDS`): a *speech* notebook (``SPEECH_PATH``, ``YEAR``), a *compare* notebook (``A_PATH``, ``B_PATH``) or a
*corpus* notebook (``CORPUS_PATH``); every one also takes ``OUTPUT_DIR`` (the figure folder). ``build_report`` checks
its inputs first (bad input raises ``SpeechError`` before any notebook runs), then executes the notebooks of the
kinds it was given inputs for with papermill and renders each to HTML (``report.html``); ``index.html`` is written
last, only when every notebook succeeded. Kernels are handled in ``report._kernels``.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .. import cache, config
from .._checks import check_positive
from ..errors import NotebookFailed, SpeechError
from ..text.model import Speech
from ..text.read import load
from ._kernels import _Kernels, _one_line, execute_notebook
from .html import NotebookPage, _exporter, _glyph_warnings, _header, _index_html, _title_and_summary, render_html

if TYPE_CHECKING:  # pragma: no cover
    import nbformat


#: The kinds of notebook, each named by the parameters its ``parameters`` cell declares (first match wins; a
#: notebook declaring none of them is a speech notebook).
KINDS: dict[str, tuple[str, ...]] = {
    "compare": ("A_PATH", "B_PATH"),
    "corpus": ("CORPUS_PATH",),
    "speech": ("SPEECH_PATH",),
}


def notebook_kind(notebook: str | Path) -> str:
    """``"speech"``, ``"compare"`` or ``"corpus"``: which inputs the notebook takes (see :data:`KINDS`)."""
    import papermill

    try:
        declared = set(papermill.inspect_notebook(str(notebook)))
    except Exception:  # unreadable: it fails when executed, with the notebook named
        return "speech"
    return next((kind for kind, names in KINDS.items() if set(names) <= declared), "speech")


def notebook_paths(
    notebooks: str | Path | Sequence[str | Path] | None = None, *, kinds: Sequence[str] | None = ("speech",)
) -> list[Path]:
    """The notebooks a report runs: those of a folder (default ``config.NOTEBOOKS_DIR``), sorted by name, or the
    list given; only those of ``kinds`` (default: the speech notebooks; ``None``: every kind)."""
    paths = _notebook_files(notebooks)
    if kinds is not None:
        paths = [p for p in paths if notebook_kind(p) in kinds]
        if not paths:
            raise SpeechError(f"no {' or '.join(kinds)} notebook in {notebooks or config.NOTEBOOKS_DIR}")
    return paths


def _notebook_files(notebooks: str | Path | Sequence[str | Path] | None) -> list[Path]:
    if notebooks is None or isinstance(notebooks, (str, Path)):
        folder = Path(notebooks) if notebooks is not None else config.NOTEBOOKS_DIR
        paths = sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("."))
    else:
        paths = [Path(p) for p in notebooks]
    if not paths:
        raise SpeechError(
            f"no notebooks to run in {notebooks or config.NOTEBOOKS_DIR}; pass a folder holding .ipynb files"
        )
    seen: dict[str, Path] = {}
    for path in paths:
        if path.stem in seen:
            raise SpeechError(
                f"two notebooks named {path.stem}: {seen[path.stem]} and {path}; their pages would "
                "overwrite each other — rename one"
            )
        seen[path.stem] = path
    return paths


def _make_folder(folder: Path, option: str) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise SpeechError(f"{option} {folder}: exists and is not a folder; give a folder path") from None
    except OSError as exc:
        raise SpeechError(f"{option} {folder}: cannot create it ({exc.strerror}); give a writable folder") from None


def default_jobs(notebooks: int) -> int:
    """Notebooks run side by side by default: one per CPU this process may use, at most one per notebook."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cpus, notebooks))


_TIMINGS = "report-seconds.json"


def _read_timings() -> dict[str, float]:
    """Seconds per notebook path in the last reports (empty when the file is missing or unreadable)."""
    try:
        seconds = json.loads((config.CACHE_DIR / _TIMINGS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(seconds, dict):
        return {}
    return {k: float(v) for k, v in seconds.items() if isinstance(v, (int, float))}


def _longest_first(paths: list[Path]) -> list[Path]:
    """``paths`` ordered by their time in the last report (unknown ones first, then longest), so that the notebooks
    running side by side finish close together; ties keep the folder order. Only the order of work changes."""
    known = _read_timings()
    return sorted(paths, key=lambda p: known.get(str(p.resolve()), float("inf")), reverse=True)  # stable sort


def _remember_timings(pages: list[NotebookPage], paths: list[Path]) -> None:
    seconds = {k: v for k, v in _read_timings().items() if Path(k).exists()}  # forget notebooks that are gone
    seconds.update({str(path.resolve()): round(page.seconds, 2) for page, path in zip(pages, paths)})
    # the order of work is an optimization only: a failed write is ignored
    cache.write_atomic(config.CACHE_DIR / _TIMINGS, json.dumps(seconds, indent=1, sort_keys=True).encode())


@dataclass
class _Inputs:
    """What a report reads, checked before any notebook runs: a speech, a pair, a corpus (any of them)."""

    speech: Speech | None = None
    pair: tuple[Speech, Speech] | None = None
    corpus: list[str] | None = None  # the corpus source: folder, glob, table or files, as given
    documents: int = 0  # documents the corpus source lists

    @property
    def kinds(self) -> tuple[str, ...]:
        given = {"speech": self.speech, "compare": self.pair, "corpus": self.corpus}
        return tuple(kind for kind in KINDS if given[kind] is not None)

    def parameters(self, kind: str, year: int | None) -> dict:
        if kind == "speech":
            assert self.speech is not None and self.speech.path is not None
            return {"SPEECH_PATH": str(self.speech.path.resolve()), "YEAR": year}
        if kind == "compare":
            assert self.pair is not None
            return {"A_PATH": str(self.pair[0].path.resolve()), "B_PATH": str(self.pair[1].path.resolve())}
        assert self.corpus is not None
        resolved = [str(Path(c).resolve()) if Path(c).exists() else c for c in self.corpus]
        return {"CORPUS_PATH": resolved[0] if len(resolved) == 1 else resolved}


def _read_inputs(
    path: str | Path | None,
    compare: Sequence[str | Path] | None,
    corpus: str | Path | Sequence[str | Path] | None,
    year: int | None,
) -> _Inputs:
    """Read the speech and the pair, list the corpus: a ``SpeechError`` for bad input, before anything runs."""
    inputs = _Inputs()
    if path is not None:
        inputs.speech = load(path, year=year)  # the year given, else the date line's or the file name's
    if compare is not None:
        if isinstance(compare, (str, Path)) or len(compare) != 2:
            raise SpeechError("compare needs exactly two speeches: A (the earlier or reference) and B")
        inputs.pair = (load(compare[0]), load(compare[1]))
    if corpus is not None:
        from ..corpus.inputs import list_sources

        given = [corpus] if isinstance(corpus, (str, Path)) else list(corpus)
        sources = list_sources(given[0] if len(given) == 1 else given)
        inputs.corpus, inputs.documents = [str(c) for c in given], len(sources)
    if not inputs.kinds:
        raise SpeechError("nothing to report on: give a speech, two speeches to compare, or a corpus")
    return inputs


@dataclass
class _Plan:
    """What one report runs, and where it writes: checked and prepared before any notebook starts."""

    inputs: _Inputs
    paths: list[Path]
    jobs: int
    out: Path
    figures: Path
    parameters: dict[Path, dict]  # per notebook: the parameters of its kind, OUTPUT_DIR included
    env: dict[str, str]

    @property
    def index(self) -> Path:
        return self.out / "index.html"


def _plan(
    inputs: _Inputs,
    out: str | Path,
    year: int | None,
    figures: str | Path | None,
    notebooks: str | Path | Sequence[str | Path] | None,
    jobs: int | None,
) -> _Plan:
    """Choose the notebooks, check the options, make the folders and remove what an earlier report left there."""
    paths = notebook_paths(notebooks, kinds=inputs.kinds)
    if jobs is not None:
        jobs = check_positive("jobs", jobs)
    jobs = default_jobs(len(paths)) if jobs is None else min(jobs, len(paths))
    out = Path(out)
    figures = Path(figures) if figures is not None else out / "figures"
    if any(p.resolve().parent == out.resolve() for p in paths):
        raise SpeechError(f"--out {out}: is the notebook folder; the executed notebooks would overwrite them")
    _make_folder(out, "--out")
    _make_folder(figures, "--figures")
    for stale in [out / "index.html", *(out / f"{p.stem}{ext}" for p in paths for ext in (".html", ".ipynb"))]:
        stale.unlink(missing_ok=True)
    # YEAR is the year as given (None when not): each notebook loads the speech with it and resolves it as above
    shared = {"OUTPUT_DIR": str(figures.resolve())}
    parameters = {p: {**inputs.parameters(notebook_kind(p), year), **shared} for p in paths}
    env = {"ZHSPEECH_FIGURES": str(figures.resolve()), "PYTHONHASHSEED": "0"}
    return _Plan(inputs, paths, jobs, out, figures, parameters, env)


class _Runner:
    """Runs a plan's notebooks, at most ``jobs`` at a time, each in a worker thread driving its own kernel.

    The longest notebooks start first (by their time in the last report), so those still running at the end are
    short; the order changes nothing but the wall time. HTML is rendered here, in the calling thread, as each
    notebook finishes (the exporter is shared and not thread-safe). After a failure no notebook starts; those
    already running finish and keep their pages.
    """

    def __init__(
        self, plan: _Plan, pool: ThreadPoolExecutor, logs: Path, progress: Callable[[str], None] | None
    ) -> None:
        self.plan, self.pool, self.logs, self.progress = plan, pool, logs, progress
        self.queue = _longest_first(plan.paths)
        self.place = {p: i for i, p in enumerate(plan.paths)}
        self.running: dict[Future, Path] = {}
        self.pages: dict[Path, NotebookPage] = {}
        self.failures: dict[Path, NotebookFailed] = {}
        self.kernels = _Kernels()
        self.exporter, self.names = _exporter(), {p.stem for p in plan.paths}

    def execute(self, notebook: Path) -> tuple[nbformat.NotebookNode, float] | None:
        """Execute one notebook (in a worker thread): the executed notebook and its seconds; None when stopping."""
        if self.kernels.stopping.is_set():
            return None
        started, executed = time.perf_counter(), (self.plan.out / notebook.name).resolve()
        try:
            nb = execute_notebook(
                notebook.resolve(),
                executed,
                self.plan.parameters[notebook],
                env=self.plan.env,
                kernel_log=self.logs / f"{notebook.stem}.kernel.log",
                kernels=self.kernels,
            )
        except NotebookFailed:
            raise
        except Exception as exc:  # an unreadable notebook, a full disk…: this notebook fails, the others go on
            raise NotebookFailed(
                notebook.name, 0, "before its first cell", _one_line(f"{type(exc).__name__}: {exc}"), executed
            ) from exc
        return nb, time.perf_counter() - started

    def start_more(self) -> None:
        while self.queue and len(self.running) < self.plan.jobs and not self.failures:
            notebook = self.queue.pop(0)
            self.running[self.pool.submit(self.execute, notebook)] = notebook

    def collect(self) -> None:
        while self.running:
            finished, _ = wait(self.running, return_when=FIRST_COMPLETED)
            for future in finished:
                notebook = self.running.pop(future)
                try:
                    result = future.result()
                except NotebookFailed as exc:
                    self.failures[notebook] = exc
                    continue
                if result is not None:
                    self.page(notebook, *result)
            self.start_more()

    def page(self, notebook: Path, nb: nbformat.NotebookNode, seconds: float) -> None:
        """Render a finished notebook's page and report it."""
        rendering = time.perf_counter()
        target = self.plan.out / f"{notebook.stem}.html"
        render_html(nb, notebook, target, names=self.names, exporter=self.exporter)
        seconds += time.perf_counter() - rendering
        title, summary = _title_and_summary(nb, notebook.stem)
        self.pages[notebook] = NotebookPage(notebook.stem, title, summary, target, seconds)
        if self.progress:
            self.progress(f"[{self.place[notebook] + 1}/{len(self.plan.paths)}] {notebook.stem} … {seconds:.1f} s")
            for warning in _glyph_warnings(nb)[:1]:
                self.progress(f"warning: {notebook.stem}: {warning}")

    def run(self) -> list[NotebookPage]:
        """Every page in report order; the first failure in report order is raised."""
        try:
            self.start_more()
            self.collect()
        except BaseException:  # Ctrl-C or a bug here: stop the kernels still running (each is in its own
            self.queue.clear()  # session, so the terminal's interrupt does not reach it), then re-raise
            self.kernels.stop()
            raise
        if self.failures:
            raise self.failures[min(self.failures, key=self.place.__getitem__)]
        return [self.pages[p] for p in self.plan.paths]


def build_report(
    path: str | Path | None,
    out: str | Path,
    *,
    year: int | None = None,
    figures: str | Path | None = None,
    notebooks: str | Path | Sequence[str | Path] | None = None,
    jobs: int | None = None,
    progress: Callable[[str], None] | None = None,
    compare: Sequence[str | Path] | None = None,
    corpus: str | Path | Sequence[str | Path] | None = None,
) -> Path:
    """Execute the notebooks on a speech, two speeches and/or a corpus and write the HTML report into ``out``;
    return index.html.

    ``path``: the speech the speech notebooks (00–04 and 07) read (``None``: none of them runs). ``compare``: two
    speeches (A, the earlier or reference, then B) for the compare notebook (05). ``corpus``: a folder, a glob, a table
    (CSV, JSONL, Parquet) or a list of files for the corpus notebook (06). Only the notebooks of the kinds given
    run; the index page links them all. ``year`` is the speech's year (the pair and the corpus read their own).
    ``figures`` is where notebooks write figures (default ``out/figures``); ``notebooks`` a folder or a list of
    notebooks (default ``config.NOTEBOOKS_DIR``); ``jobs`` how many notebooks run at once, each in its own kernel
    (default :func:`default_jobs`: one per CPU; ``1`` runs them one after another). ``progress`` receives one line
    per notebook as it finishes, numbered by its place in the report, e.g. ``[2/5] 01_structure … 3.1 s``.

    Raises ``SpeechError`` for bad input (before any notebook runs) and ``NotebookFailed`` naming the notebook and
    its cell (counted from 1, markdown cells included) when one fails — the first failing one in report order;
    notebooks already running finish (their pages are written), none starts after a failure — and
    ``index.html`` does not exist.
    """
    inputs = _read_inputs(path, compare, corpus, year)
    plan = _plan(inputs, out, year, figures, notebooks, jobs)
    with tempfile.TemporaryDirectory(prefix="zhspeech-report-") as logs, ThreadPoolExecutor(plan.jobs) as pool:
        pages = _Runner(plan, pool, Path(logs), progress).run()
    _remember_timings(pages, plan.paths)
    header = _header(inputs)
    plan.index.write_text(_index_html(header, pages, plan.figures, plan.out), encoding="utf-8")
    return plan.index
