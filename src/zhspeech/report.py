"""The HTML report: every notebook executed on one speech, rendered to HTML, and an index linking them.

    >>> from zhspeech.report import build_report
    >>> build_report("my_speech.txt", "reports/my_speech")        # doctest: +SKIP

``build_report`` reads the speech first (bad input raises ``SpeechError`` before any notebook runs), then executes
each notebook of ``config.NOTEBOOKS_DIR`` with papermill, passing the parameters ``SPEECH_PATH``, ``OUTPUT_DIR``
(the figure folder) and ``YEAR``, and converts it with nbconvert's ``HTMLExporter`` (lab template, images embedded
as data URIs, no script or font loaded from the network, so the report opens offline and can be sent as a folder).
``index.html`` is written last, only when every notebook succeeded; a stale one is removed first.

Notebooks run side by side (``jobs``, default one per CPU), each driven by a thread of this process, the longest
first by the time it took in the last report (kept in ``config.CACHE_DIR``) so that the last ones to finish are
short. The notebooks are independent, so the order changes nothing but the wall time; HTML is rendered in the
calling thread as each notebook finishes. On an interrupt (Ctrl-C) the kernels still running are stopped.

Kernel: every notebook runs in a fresh ``python3`` kernel started from the interpreter running the report
(``sys.executable``, through ipykernel's own kernel spec), whatever kernel specs are installed elsewhere, so the
notebooks see the same zhspeech and packages as the command. The kernel's working directory is the notebook folder
(set for the kernel process, not with ``os.chdir``) and ``ZHSPEECH_FIGURES`` points at the figure folder.

Traditional-character speeches run through every notebook; no table rewrites the text. The loader and the structure
model read it as written (traditional role words such as 秘書長 are recognized in bylines); theme coding folds both
the sentences and the codebook to simplified characters with OpenCC (t2s, one character for one, so offsets hold —
see ``zhspeech.themes``); tokens are jieba's segmentation of the characters as written, with no conversion — its
dictionary, the stopword list and the keyness reference are simplified, so on traditional text segmentation is
rougher and keyness less reliable than on simplified text (see ``zhspeech.tokens``).
"""
from __future__ import annotations

import hashlib
import html
import json
import os
import platform
import re
import tempfile
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

import pandas as pd

from . import __version__, cache, config
from .errors import SpeechError
from .speech import Speech, load

if TYPE_CHECKING:  # pragma: no cover
    import nbformat

#: Packages whose versions the hub notebook and the index report (distribution names).
PACKAGES = ("pandas", "jieba", "matplotlib", "wordcloud", "scikit-learn", "networkx", "zhspeech")
#: Seconds a single cell may run before the report gives up on it.
CELL_TIMEOUT = 600
#: Tag papermill puts on the cell holding the injected parameters.
_INJECTED = "injected-parameters"
_ERROR_MARKER = "papermill-error-cell-tag"
_GLYPH_MISSING = re.compile(r"Glyph \d+ [^\n]*missing from[^\n]*")
#: The lab template without the scripts it would fetch from a CDN (require.js, MathJax, mermaid).
_OFFLINE_TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
"""


class NotebookFailed(Exception):
    """A notebook raised while the report executed it. Not a ``SpeechError``: the command exits 1, not 2."""

    def __init__(self, notebook: str, cell: int, source: str, error: str, executed: Path) -> None:
        self.notebook, self.cell, self.source, self.error, self.executed = notebook, cell, source, error, executed
        super().__init__(f"{notebook}: failed {self.where} -> {error} (executed notebook: {executed})")

    @property
    def where(self) -> str:
        """``at cell 4 (y = x + 1)``, or ``before its first cell`` / ``as its kernel started`` (cell 0)."""
        return f"at cell {self.cell} ({self.source})" if self.cell else self.source


@dataclass(frozen=True)
class NotebookPage:
    """One notebook of the report: where it came from, where its HTML is, what it answers."""

    name: str  # file stem, e.g. "01_structure"
    title: str
    summary_html: str  # the notebook's first paragraph of purpose, as HTML
    html: Path
    seconds: float


# ---------------------------------------------------------------- small public helpers


def package_versions() -> pd.DataFrame:
    """Versions of the main packages and of Python, one row per package: ``package``, ``version``."""
    rows = []
    for name in PACKAGES:
        try:
            rows.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            rows.append((name, "not installed"))
    rows.append(("python", platform.python_version()))
    return pd.DataFrame(rows, columns=["package", "version"])


def describe_speech(speech: Speech) -> str:
    """The speech in one paragraph of plain text: title, byline and counts computed from its tables."""
    title = f"《{speech.title}》" if speech.title else "An untitled speech"
    who = " ".join(x for x in (speech.byline.role, speech.byline.author) if x)
    by = f" by {who}" if who else ""
    date = f" ({speech.date})" if speech.date else ""
    paragraphs = speech.paragraphs
    sections = f"{len(speech.sections)} sections" if speech.sections else "no numbered sections"
    return (f"{title}{by}{date}: {sections}, {len(speech.subsections)} subsections, {len(speech.points)} points, "
            f"{len(paragraphs)} body paragraphs, {len(speech.sentences)} sentences, "
            f"{int(paragraphs['chars'].sum()):,} characters of body text ({int(paragraphs['han'].sum()):,} Han).")


def notebook_paths(notebooks: str | Path | Sequence[str | Path] | None = None) -> list[Path]:
    """The notebooks a report runs: those of a folder (default ``config.NOTEBOOKS_DIR``), sorted by name."""
    if notebooks is None or isinstance(notebooks, (str, Path)):
        folder = Path(notebooks) if notebooks is not None else config.NOTEBOOKS_DIR
        paths = sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("."))
    else:
        paths = [Path(p) for p in notebooks]
    if not paths:
        raise SpeechError(f"no notebooks to run in {notebooks or config.NOTEBOOKS_DIR}; "
                          "pass a folder holding .ipynb files")
    seen: dict[str, Path] = {}
    for path in paths:
        if path.stem in seen:
            raise SpeechError(f"two notebooks named {path.stem}: {seen[path.stem]} and {path}; their pages would "
                              "overwrite each other — rename one")
        seen[path.stem] = path
    return paths


# ---------------------------------------------------------------- execution


def _kernel_manager_class() -> type:
    """An AsyncKernelManager that starts ipykernel from this interpreter with the report's environment."""
    import zmq
    from jupyter_client import AsyncKernelManager
    from jupyter_client.kernelspec import KernelSpecManager
    from traitlets import Any, Dict, Unicode, default

    class ReportKernelManager(AsyncKernelManager):
        kernel_env = Dict(config=True, help="Variables added to the kernel's environment.")
        kernel_log = Unicode("", config=True, help="File receiving the kernel process's own stderr.")
        kernel_cwd = Unicode("", config=True, help="Working directory of the kernel process.")
        kernel_registry = Any(None, config=True, help="A _Kernels that receives each started manager.")

        @default("kernel_spec_manager")
        def _here_only(self) -> KernelSpecManager:
            # no kernel directories: "python3" resolves to ipykernel's spec for sys.executable
            return KernelSpecManager(parent=self, kernel_dirs=[])

        @default("shutdown_wait_time")
        def _shorter_shutdown(self) -> float:
            # jupyter_client sends SIGTERM after half of this. ipykernel's control thread now and then hangs in a
            # stdout flush while the kernel closes, until that flush times out (10 s); a finished kernel that has
            # not exited 1 s after the shutdown request is in that state (a normal exit, heavy imports included,
            # takes 0.3-0.6 s here) and is terminated then instead of after 2.5 s
            return 2.0

        @default("transport_encryption")
        def _curve_when_available(self) -> str:
            # CurveZMQ keys for the local TCP channels when libzmq has them (ipykernel warns otherwise)
            return "auto" if zmq.has("curve") else "disabled"

        async def start_kernel(self, **kw):  # type: ignore[override]
            kw["env"] = {**os.environ, **kw.get("env", {}), **self.kernel_env}
            if self.kernel_cwd:  # per kernel, not os.chdir: notebooks run side by side in threads
                kw["cwd"] = self.kernel_cwd
            if self.kernel_log:
                with open(self.kernel_log, "ab") as log:  # the child keeps its own copy of the descriptor
                    await super().start_kernel(stderr=log, **kw)
            else:
                await super().start_kernel(**kw)
            if self.kernel_registry is not None:
                self.kernel_registry.add(self)  # stops it at once if the report is being stopped

    return ReportKernelManager


def _cell_number(nb: "nbformat.NotebookNode", index: int) -> int:
    """1-based number in the source notebook of cell ``index`` of the parameterized notebook papermill ran.

    The executed file also holds papermill's error-marker cells; the parameters it injected are not in the source.
    """
    cells = [c for c in nb.cells if _ERROR_MARKER not in c.get("metadata", {}).get("tags", [])]
    injected = sum(1 for c in cells[:index] if _INJECTED in c.get("metadata", {}).get("tags", []))
    return index + 1 - injected


def _glyph_warnings(nb: "nbformat.NotebookNode") -> list[str]:
    """matplotlib's "Glyph … missing from font" warnings in a notebook's outputs (Chinese drawn as empty boxes)."""
    texts = (o.get("text", "") for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "stream")
    return [m.group(0) for t in texts for m in _GLYPH_MISSING.finditer(t)]


def _first_line(source: str) -> str:
    lines = [line.strip() for line in source.splitlines() if line.strip()]
    return lines[0] if lines else "(empty cell)"


def _one_line(text: str, limit: int = 300) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _interrupted_cell(executed: Path) -> tuple[int, str]:
    """The last cell papermill started in a run that stopped without a cell error (dead kernel, timeout)."""
    import nbformat

    if not executed.exists():
        return 0, "as its kernel started"
    nb = nbformat.read(executed, as_version=4)
    started = [i for i, c in enumerate(nb.cells) if c.get("metadata", {}).get("papermill", {}).get("start_time")]
    if not started:
        return 0, "as its kernel started"
    return _cell_number(nb, started[-1]), _first_line(nb.cells[started[-1]].source)


def execute_notebook(notebook: Path, executed: Path, parameters: dict, *, env: dict[str, str],
                     kernel_log: Path | None = None, kernels: "_Kernels | None" = None) -> "nbformat.NotebookNode":
    """Run one notebook with papermill in its own folder; raise ``NotebookFailed`` naming the failing cell.

    ``kernels``, when given (a ``_Kernels``), receives the kernel's manager once it has started, so a caller can
    stop it."""
    import papermill
    from nbclient.exceptions import CellControlSignal
    from papermill.exceptions import PapermillExecutionError
    from traitlets.config import Config

    manager = _kernel_manager_class()
    config = Config({manager.__name__: {"kernel_env": env, "kernel_log": str(kernel_log or ""),
                                        "kernel_cwd": str(notebook.parent), "kernel_registry": kernels}})
    try:
        return papermill.execute_notebook(
            str(notebook), str(executed), parameters=parameters, kernel_name="python3", language="python",
            progress_bar=False, execution_timeout=CELL_TIMEOUT, kernel_manager_class=manager, config=config)
    except PapermillExecutionError as exc:
        import nbformat

        nb = nbformat.read(executed, as_version=4) if executed.exists() else None
        cell = _cell_number(nb, exc.cell_index) if nb is not None else exc.cell_index + 1
        error = _one_line(f"{exc.ename}: {exc.evalue}" if exc.evalue else exc.ename)
        raise NotebookFailed(notebook.name, cell, _first_line(exc.source), error, executed) from None
    except (RuntimeError, TimeoutError, CellControlSignal) as exc:  # dead kernel, cell timeout, no kernel
        cell, source = _interrupted_cell(executed)
        raise NotebookFailed(notebook.name, cell, source, _one_line(f"{type(exc).__name__}: {exc}"),
                             executed) from None


# ---------------------------------------------------------------- conversion


def _exporter():
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    return HTMLExporter(template_name="lab", embed_images=True, exclude_input_prompt=False,
                        extra_loaders=[DictLoader({"zhspeech_offline.html.j2": _OFFLINE_TEMPLATE})],
                        template_file="zhspeech_offline.html.j2")


def _link_html(body: str, names: set[str]) -> str:
    """Point links between notebooks (``02_vocabulary.ipynb``) at their HTML pages."""
    pattern = re.compile(r'href="(\./)?([^"/#?]+)\.ipynb(#[^"]*)?"')
    return pattern.sub(lambda m: f'href="{m[2]}.html{m[3] or ""}"' if m[2] in names else m[0], body)


def render_html(nb: "nbformat.NotebookNode", notebook: Path, target: Path, *, names: set[str], exporter=None) -> None:
    """Write one executed notebook as a self-contained HTML page (images as data URIs)."""
    exporter = exporter or _exporter()
    resources = {"metadata": {"name": notebook.stem, "path": str(notebook.parent)}}
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    target.write_text(_link_html(body, names), encoding="utf-8")


def _title_and_summary(nb: "nbformat.NotebookNode", fallback: str) -> tuple[str, str]:
    """The notebook's ``# title`` and its first paragraph of prose (the question it answers)."""
    from nbconvert.filters.markdown import markdown2html

    title, summary = fallback, ""
    for cell in (c for c in nb.cells if c.cell_type == "markdown"):
        for block in re.split(r"\n\s*\n", cell.source):
            block = block.strip()
            if title == fallback and block.startswith("# "):
                title = block.splitlines()[0][2:].strip()
                block = "\n".join(block.splitlines()[1:]).strip()
            if block and not block.startswith(("#", "|", "<", "!", "```")) and not summary:
                summary = markdown2html(block).strip()
        if summary:
            break
    return title, summary


# ---------------------------------------------------------------- index


def _index_html(speech: Speech, pages: list[NotebookPage], figures: Path, out: Path, year: int | None) -> str:
    esc = html.escape
    title = speech.title or (speech.path.stem if speech.path else "speech")
    toc = "\n".join(
        f'<li><a href="{esc(p.html.name)}">{esc(p.title)}</a>'
        f'<div class="summary">{_link_html(p.summary_html, {q.name for q in pages})}</div></li>' for p in pages)
    files = sorted(f for f in figures.glob("*") if f.suffix.lower() in {".png", ".svg", ".pdf"}) if figures.is_dir() else []
    rel = Path(os.path.relpath(figures.resolve(), out.resolve()))
    figs = "\n".join(f'<li><a href="{esc((rel / f.name).as_posix())}">{esc(f.name)}</a></li>' for f in files)
    versions = "\n".join(f"<tr><td>{esc(r.package)}</td><td>{esc(r.version)}</td></tr>"
                         for r in package_versions().itertuples())
    source = speech.path.name if speech.path else "(text)"
    digest = hashlib.sha256(speech.path.read_bytes()).hexdigest() if speech.path else ""
    return _INDEX.format(
        title=esc(title), byline=esc(" ".join(x for x in (speech.byline.role, speech.byline.author) if x)),
        summary=esc(describe_speech(speech)), source=esc(source), sha=esc(digest), encoding=esc(speech.encoding or ""),
        year=esc(str(year) if year is not None else "not given (relative dates unresolved)"),
        toc=toc, figures=figs or "<li>(none written)</li>", figdir=esc(rel.as_posix()), versions=versions,
        version=esc(__version__))


_INDEX = """<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} — zhspeech report</title>
<style>
body {{ font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
       "WenQuanYi Micro Hei", sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.6;
       color: #222; }}
h1 {{ font-size: 1.6rem; margin-bottom: .2rem; }}
.byline {{ color: #555; margin-top: 0; }}
ol.toc li {{ margin-bottom: .8rem; }}
ol.toc a {{ font-weight: 600; }}
.summary p {{ margin: .2rem 0; }}
table {{ border-collapse: collapse; }}
td, th {{ border-bottom: 1px solid #ddd; padding: .2rem .8rem .2rem 0; text-align: left; }}
.meta {{ color: #555; font-size: .9rem; }}
</style>
</head>
<body>
<h1>{title}</h1>
<p class="byline">{byline}</p>
<p>{summary}</p>
<p class="meta">Source: <code>{source}</code> ({encoding}), sha256 <code>{sha}</code>; year: {year}.</p>
<h2>Notebooks</h2>
<ol class="toc">
{toc}
</ol>
<h2>Figures</h2>
<p class="meta">Written to <code>{figdir}/</code>.</p>
<ul>
{figures}
</ul>
<h2>Versions</h2>
<table><thead><tr><th>package</th><th>version</th></tr></thead><tbody>
{versions}
</tbody></table>
<p class="meta">Built by zhspeech {version}.</p>
</body>
</html>
"""


# ---------------------------------------------------------------- the report


def resolve_year(speech: Speech, year: int | None) -> int | None:
    """The document year: the one given, else a year written in the speech's date line, else the kit's own speech's
    year when the file is that speech, else None (relative dates such as 今年 then stay unresolved)."""
    if year is not None:
        return int(year)
    found = re.search(r"(19|20)\d\d", speech.date or "")
    if found:
        return int(found[0])
    if speech.path is not None and config.SPEECH_PATH.exists() and speech.path.resolve() == config.SPEECH_PATH.resolve():
        return config.SPEECH_YEAR
    return None


def _make_folder(folder: Path, option: str) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise SpeechError(f"{option} {folder}: exists and is not a folder; give a folder path") from None
    except OSError as exc:
        raise SpeechError(f"{option} {folder}: cannot create it ({exc.strerror}); give a writable folder") from None


class _Kernels:
    """The managers of the kernels a report started, and whether the report is stopping.

    Shared by the worker threads (traitlets copies configuration values; this object survives the copy). A kernel
    that finishes launching after :meth:`stop` is killed as it registers, so none outlives an interrupted report.
    """

    def __init__(self) -> None:
        import threading

        self._lock = threading.Lock()
        self._managers: list = []
        self.stopping = threading.Event()

    def __copy__(self) -> "_Kernels":
        return self

    def __deepcopy__(self, memo: dict) -> "_Kernels":
        return self

    def add(self, manager: object) -> None:
        with self._lock:
            self._managers.append(manager)
            if self.stopping.is_set():
                _kill(manager)

    def stop(self) -> None:
        """Kill every kernel still running, and any that registers from now on."""
        with self._lock:
            self.stopping.set()
            for manager in self._managers:
                _kill(manager)


def _kill(manager: object) -> None:
    """Kill a kernel's process group (a kernel may have started worker processes), else its process."""
    import signal

    provisioner = getattr(manager, "provisioner", None)
    process = getattr(provisioner, "process", None)
    if process is None or process.poll() is not None:
        return
    pgid = getattr(provisioner, "pgid", None)
    try:
        if pgid and hasattr(os, "killpg"):
            os.killpg(pgid, signal.SIGKILL)
        else:
            process.kill()
    except ProcessLookupError:
        pass


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


def _remember_timings(pages: list["NotebookPage"], paths: list[Path]) -> None:
    seconds = {k: v for k, v in _read_timings().items() if Path(k).exists()}  # forget notebooks that are gone
    seconds.update({str(path.resolve()): round(page.seconds, 2) for page, path in zip(pages, paths)})
    # the order of work is an optimization only: a failed write is ignored
    cache.write_atomic(config.CACHE_DIR / _TIMINGS, json.dumps(seconds, indent=1, sort_keys=True).encode())


def build_report(path: str | Path, out: str | Path, *, year: int | None = None, figures: str | Path | None = None,
                 notebooks: str | Path | Sequence[str | Path] | None = None, jobs: int | None = None,
                 progress: Callable[[str], None] | None = None) -> Path:
    """Execute every notebook on the speech at ``path`` and write the HTML report into ``out``; return index.html.

    ``figures`` is where notebooks write figures (default ``out/figures``); ``notebooks`` a folder or a list of
    notebooks (default ``config.NOTEBOOKS_DIR``); ``jobs`` how many notebooks run at once, each in its own kernel
    (default :func:`default_jobs`: one per CPU; ``1`` runs them one after another). ``progress`` receives one line
    per notebook as it finishes, numbered by its place in the report, e.g. ``[2/5] 01_structure … 3.1 s``.

    Raises ``SpeechError`` for bad input (before any notebook runs) and ``NotebookFailed`` naming the notebook and
    its cell (counted from 1, markdown cells included) when one fails — the first failing one in report order;
    notebooks already running finish (their pages are written), none starts after a failure — and
    ``index.html`` does not exist.
    """
    from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

    speech = load(path)
    paths = notebook_paths(notebooks)
    if jobs is not None and (isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1):
        raise SpeechError(f"--jobs {jobs}: give a whole number of notebooks to run at once, 1 or more")
    jobs = default_jobs(len(paths)) if jobs is None else min(jobs, len(paths))
    out = Path(out)
    figures = Path(figures) if figures is not None else out / "figures"
    if any(p.resolve().parent == out.resolve() for p in paths):
        raise SpeechError(f"--out {out}: is the notebook folder; the executed notebooks would overwrite them")
    _make_folder(out, "--out")
    _make_folder(figures, "--figures")
    index = out / "index.html"
    for stale in [index, *(out / f"{p.stem}{ext}" for p in paths for ext in (".html", ".ipynb"))]:  # no leftovers
        stale.unlink(missing_ok=True)
    year = resolve_year(speech, year)
    parameters = {"SPEECH_PATH": str(Path(path).resolve()), "OUTPUT_DIR": str(figures.resolve()), "YEAR": year}
    env = {"ZHSPEECH_FIGURES": str(figures.resolve()), "PYTHONHASHSEED": "0"}
    exporter, names = _exporter(), {p.stem for p in paths}
    place = {p: i for i, p in enumerate(paths)}
    pages: dict[Path, NotebookPage] = {}
    failures: dict[Path, NotebookFailed] = {}

    with tempfile.TemporaryDirectory(prefix="zhspeech-report-") as tmp, ThreadPoolExecutor(jobs) as pool:
        def run(notebook: Path) -> tuple["nbformat.NotebookNode", float] | None:
            """Execute one notebook: the executed notebook and its seconds, or None when the report is stopping."""
            if kernels.stopping.is_set():
                return None
            started, executed = time.perf_counter(), (out / notebook.name).resolve()
            try:
                nb = execute_notebook(notebook.resolve(), executed, parameters, env=env,
                                      kernel_log=Path(tmp) / f"{notebook.stem}.kernel.log", kernels=kernels)
            except NotebookFailed:
                raise
            except Exception as exc:  # an unreadable notebook, a full disk…: this notebook fails, the others go on
                raise NotebookFailed(notebook.name, 0, "before its first cell",
                                     _one_line(f"{type(exc).__name__}: {exc}"), executed) from exc
            return nb, time.perf_counter() - started

        queue, running, kernels = list(_longest_first(paths)), {}, _Kernels()

        def start_more() -> None:  # at most ``jobs`` in flight; none started after a failure
            while queue and len(running) < jobs and not failures:
                notebook = queue.pop(0)
                running[pool.submit(run, notebook)] = notebook

        def collect() -> None:
            while running:
                finished, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in finished:
                    notebook = running.pop(future)
                    try:
                        result = future.result()
                    except NotebookFailed as exc:
                        failures[notebook] = exc  # notebooks still running finish; no new one starts
                        continue
                    if result is None:
                        continue
                    nb, seconds = result
                    # HTML is written here, in one thread: the exporter is shared and not thread-safe
                    rendering = time.perf_counter()
                    render_html(nb, notebook, out / f"{notebook.stem}.html", names=names, exporter=exporter)
                    seconds += time.perf_counter() - rendering
                    title, summary = _title_and_summary(nb, notebook.stem)
                    pages[notebook] = NotebookPage(notebook.stem, title, summary, out / f"{notebook.stem}.html",
                                                   seconds)
                    if progress:
                        progress(f"[{place[notebook] + 1}/{len(paths)}] {notebook.stem} … {seconds:.1f} s")
                        for warning in _glyph_warnings(nb)[:1]:
                            progress(f"warning: {notebook.stem}: {warning}")
                start_more()

        try:
            start_more()
            collect()
        except BaseException:  # Ctrl-C or a bug here: stop the kernels still running (each is in its own
            queue.clear()      # session, so the terminal's interrupt does not reach it), then re-raise
            kernels.stop()
            raise
    if failures:
        raise failures[min(failures, key=place.__getitem__)]
    ordered = [pages[p] for p in paths]
    _remember_timings(ordered, paths)
    index.write_text(_index_html(speech, ordered, figures, out, year), encoding="utf-8")
    return index
