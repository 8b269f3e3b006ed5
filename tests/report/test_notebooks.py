"""Every notebook, executed top to bottom on the kit's own speech, and checked as committed.

The notebooks run once per session (papermill, the same kernel set-up as ``zhspeech report``) into a temporary folder,
with OUTPUT_DIR and ZHSPEECH_FIGURES pointing there, so the committed figures are never touched.
"""

from __future__ import annotations

import re

import nbformat
import papermill
import pytest
from _report_fixture import Executed, figure_snapshot, first_speech_notebooks

from zhspeech import config
from zhspeech.report.build import notebook_kind

pytestmark = pytest.mark.slow

NOTEBOOKS = sorted(p for p in config.NOTEBOOKS_DIR.glob("*.ipynb") if not p.name.startswith("."))
IDS = [p.stem for p in NOTEBOOKS]
GLYPH_MISSING = re.compile(r"Glyph \d+ [^\n]*missing from[^\n]*")
#: The parameters each kind of notebook declares (``zhspeech.report.build.KINDS`` names the kinds).
PARAMETERS = {
    "speech": ("SPEECH_PATH", "OUTPUT_DIR", "YEAR"),
    "compare": ("A_PATH", "B_PATH", "OUTPUT_DIR"),
    "corpus": ("CORPUS_PATH", "OUTPUT_DIR"),
}


@pytest.fixture(scope="module")
def committed_figures() -> dict[str, int]:
    return figure_snapshot()


@pytest.fixture(scope="module")
def executed(tmp_path_factory, committed_figures) -> dict[str, Executed]:
    """Every notebook run once on our speech (shared with the other report tests of the session)."""
    return first_speech_notebooks(tmp_path_factory)


def _texts(nb: nbformat.NotebookNode):
    """Every piece of output text: streams, plain-text and HTML results, error tracebacks."""
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.output_type == "stream":
                yield out.text
            elif out.output_type == "error":
                yield "\n".join(out.traceback)
            else:
                data = out.get("data", {})
                yield "\n".join(str(data.get(k, "")) for k in ("text/plain", "text/html", "text/markdown"))


def test_there_are_notebooks():
    assert NOTEBOOKS, f"no notebooks in {config.NOTEBOOKS_DIR}"
    assert NOTEBOOKS[0].name == "00_overview.ipynb"
    kinds = {p.stem: notebook_kind(p) for p in NOTEBOOKS}
    assert kinds.get("05_compare") == "compare" and kinds.get("06_corpus") == "corpus"
    assert {kinds[p.stem] for p in NOTEBOOKS[:5]} == {"speech"}


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=IDS)
def test_runs_top_to_bottom_without_error(executed, notebook):
    run = executed[notebook.stem]
    assert run.failure is None, str(run.failure)
    errors = [o for c in run.nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=IDS)
def test_no_glyph_missing_from_font(executed, notebook):
    run = executed[notebook.stem]
    texts = list(_texts(run.nb)) if run.nb is not None else []
    hits = [m.group(0) for t in [*texts, run.kernel_log] for m in GLYPH_MISSING.finditer(t)]
    assert not hits, hits[:3]


def test_glyph_check_catches_matplotlibs_warning():
    """The pattern above matches what matplotlib really says when a font lacks a character."""
    import warnings

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = plt.figure()
    fig.text(0.5, 0.5, "中文", family="DejaVu Sans")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.canvas.draw()
    plt.close(fig)
    assert any(GLYPH_MISSING.search(str(w.message)) for w in caught), [str(w.message) for w in caught]


def test_committed_figures_untouched(executed, committed_figures):
    assert figure_snapshot() == committed_figures


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=IDS)
def test_committed_without_outputs(notebook):
    nb = nbformat.read(notebook, as_version=4)
    dirty = [
        i + 1 for i, c in enumerate(nb.cells) if c.cell_type == "code" and (c.outputs or c.execution_count is not None)
    ]
    assert not dirty, f"cells with outputs or execution counts: {dirty}"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=IDS)
def test_title_parameters_and_link_to_next(notebook):
    nb = nbformat.read(notebook, as_version=4)
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# "), "first cell must be a '# title'"
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, "exactly one cell tagged 'parameters'"
    declared = {p["name"] for p in papermill.inspect_notebook(str(notebook)).values()}
    wanted = set(PARAMETERS[notebook_kind(notebook)])
    assert wanted <= declared, f"parameters cell lacks {wanted - declared}"
    position = NOTEBOOKS.index(notebook)
    if position + 1 < len(NOTEBOOKS):
        last = [c for c in nb.cells if c.cell_type == "markdown"][-1]
        assert f"]({NOTEBOOKS[position + 1].name})" in last.source, "last markdown cell must link the next notebook"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=IDS)
def test_notebook_does_not_set_fonts(notebook):
    code = "\n".join(c.source for c in nbformat.read(notebook, as_version=4).cells if c.cell_type == "code")
    assert not re.search(r"font\.family|font\.sans-serif|font_path|FontProperties|set_font", code)
