"""Executed notebooks → self-contained HTML pages (nbconvert's lab template without its CDN scripts, images as
data URIs), and the index page that links them with the speech's provenance and the package versions."""

from __future__ import annotations

import hashlib
import html
import os
import platform
import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from .._version import __version__
from ..text.model import Speech

if TYPE_CHECKING:  # pragma: no cover
    import nbformat

    from .build import _Inputs


#: Packages whose versions the hub notebook and the index report (distribution names).
PACKAGES = ("pandas", "jieba", "matplotlib", "wordcloud", "scikit-learn", "networkx", "zhspeech")

_GLYPH_MISSING = re.compile(r"Glyph \d+ [^\n]*missing from[^\n]*")

#: The lab template without the scripts it would fetch from a CDN (require.js, MathJax, mermaid).
_OFFLINE_TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
"""


@dataclass(frozen=True)
class NotebookPage:
    """One notebook of the report: where it came from, where its HTML is, what it answers."""

    name: str  # file stem, e.g. "01_structure"
    title: str
    summary_html: str  # the notebook's first paragraph of purpose, as HTML
    html: Path
    seconds: float


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
    """The speech in one paragraph of plain text: title, byline, date and counts computed from its tables.

    Plain text, not markup: a page that shows it escapes it (``html.escape``, ``readings.escape_markdown``)."""
    title = f"《{speech.title}》" if speech.title else "An untitled speech"
    who = " ".join(x for x in (speech.byline.role, speech.byline.author) if x)
    by = f" by {who}" if who else ""
    when = speech.date or speech.date_text  # ISO date, else the date line as written
    date = f" ({when})" if when else ""
    paragraphs = speech.paragraphs
    sections = f"{len(speech.sections)} sections" if speech.sections else "no numbered sections"
    return (
        f"{title}{by}{date}: {sections}, {len(speech.subsections)} subsections, {len(speech.points)} points, "
        f"{len(paragraphs)} body paragraphs, {len(speech.sentences)} sentences, "
        f"{int(paragraphs['chars'].sum()):,} characters of body text ({int(paragraphs['han'].sum()):,} Han)."
    )


def _glyph_warnings(nb: nbformat.NotebookNode) -> list[str]:
    """matplotlib's "Glyph … missing from font" warnings in a notebook's outputs (Chinese drawn as empty boxes)."""
    texts = (o.get("text", "") for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "stream")
    return [m.group(0) for t in texts for m in _GLYPH_MISSING.finditer(t)]


def _exporter():
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    return HTMLExporter(
        template_name="lab",
        embed_images=True,
        exclude_input_prompt=False,
        extra_loaders=[DictLoader({"zhspeech_offline.html.j2": _OFFLINE_TEMPLATE})],
        template_file="zhspeech_offline.html.j2",
    )


def _link_html(body: str, names: set[str]) -> str:
    """Point links between notebooks (``02_vocabulary.ipynb``) at their HTML pages."""
    pattern = re.compile(r'href="(\./)?([^"/#?]+)\.ipynb(#[^"]*)?"')
    return pattern.sub(lambda m: f'href="{m[2]}.html{m[3] or ""}"' if m[2] in names else m[0], body)


#: Tag papermill puts on the cell holding the parameters it injected.
_INJECTED = "injected-parameters"

_PATHS_LEFT_OUT = "# Parameters (files by name: full paths on the machine that ran the report are left out of the page)"


def _shown_path(value: str, folder: Path) -> str:
    """An absolute path as a page shows it: relative to the page's folder when inside it, else the file's name."""
    path = Path(value)
    try:
        return path.resolve().relative_to(folder.resolve()).as_posix()
    except ValueError:
        return path.name


def shown_parameters(nb: nbformat.NotebookNode, folder: Path) -> nbformat.NotebookNode:
    """A copy of an executed notebook whose injected-parameters cell shows no absolute path of this machine.

    Each injected string parameter that is an absolute path is shown relative to ``folder`` (where the page goes)
    when it lies inside it, else by its file name; a comment says the full paths are left out. The executed notebook
    itself keeps the real values (and papermill's metadata records them)."""
    import copy
    import os.path

    from papermill.translators import PythonTranslator

    values = nb.get("metadata", {}).get("papermill", {}).get("parameters", {})
    injected = [i for i, c in enumerate(nb.cells) if _INJECTED in c.get("metadata", {}).get("tags", [])]
    if not injected:
        return nb
    nb = copy.deepcopy(nb)
    for i in injected:
        lines = [_PATHS_LEFT_OUT]
        for line in nb.cells[i].source.splitlines():
            name = line.split("=", 1)[0].strip()
            value = values.get(name)
            if isinstance(value, str) and os.path.isabs(value):
                line = f"{name} = {PythonTranslator.translate(_shown_path(value, folder))}"
            if line.strip() != "# Parameters":
                lines.append(line)
        nb.cells[i].source = "\n".join(lines)
    return nb


def without_widget_state(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of an executed notebook without its saved widget state (``metadata.widgets``), else ``nb`` itself.

    Widgets (ipywidgets) need a running kernel. With their state saved, nbconvert's page would fetch the widget
    manager from a CDN to draw them; without it, each widget output shows its ``text/html`` (else ``text/plain``)
    form instead, and the page stays self-contained. Outputs that carry their own JavaScript inline (the term
    explorer, searchable tables) are kept as they are."""
    import nbformat

    if "widgets" not in nb.get("metadata", {}):
        return nb
    metadata = {k: v for k, v in nb.metadata.items() if k != "widgets"}
    return nbformat.from_dict({**nb, "metadata": metadata})


def render_html(nb: nbformat.NotebookNode, notebook: Path, target: Path, *, names: set[str], exporter=None) -> None:
    """Write one executed notebook as a self-contained HTML page (images as data URIs).

    The page shows the parameters without this machine's absolute paths (:func:`shown_parameters`) and widgets by
    their static form (:func:`without_widget_state`)."""
    exporter = exporter or _exporter()
    resources = {"metadata": {"name": notebook.stem, "path": str(notebook.parent)}}
    page = without_widget_state(shown_parameters(nb, target.parent))
    body, _ = exporter.from_notebook_node(page, resources=resources)
    target.write_text(_link_html(body, names), encoding="utf-8")


def _title_and_summary(nb: nbformat.NotebookNode, fallback: str) -> tuple[str, str]:
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


#: How the index page names where the year came from (``Speech.year_source``).
_YEAR_SOURCES = {"argument": "given", "date line": "from the date line", "file name": "from the file name"}


def describe_year(speech: Speech) -> str:
    """The document's year with its source, e.g. "2023 (from the date line)", or why relative dates stay open."""
    if speech.year is None:
        return "not known — relative dates (今年, 去年) left unresolved"
    source = speech.year_source
    return f"{speech.year} ({_YEAR_SOURCES.get(source, source)})" if source else str(speech.year)


@dataclass(frozen=True)
class IndexHeader:
    """What the index page says about its inputs: title, byline, one paragraph, one line of provenance (HTML)."""

    title: str
    byline: str
    summary: str
    meta_html: str


def _speech_meta(speech: Speech) -> str:
    esc = html.escape
    source = speech.path.name if speech.path else "(text)"
    digest = hashlib.sha256(speech.path.read_bytes()).hexdigest() if speech.path else ""
    return (
        f"Source: <code>{esc(source)}</code> ({esc(speech.encoding or '')}), sha256 <code>{esc(digest)}</code>; "
        f"year: {esc(describe_year(speech))}."
    )


def _header(inputs: _Inputs) -> IndexHeader:
    """The index header: the speech's when there is one, else the pair's, else the corpus'."""
    metas = []
    if inputs.pair is not None:
        a, b = inputs.pair
        metas.append(f"Compared: {_speech_meta(a)} → {_speech_meta(b)}")
    if inputs.corpus is not None:
        sources = ", ".join(f"<code>{html.escape(Path(c).name or c)}</code>" for c in inputs.corpus)
        metas.append(f"Corpus: {sources} ({inputs.documents} files listed).")
    if inputs.speech is not None:
        speech = inputs.speech
        title = speech.title or (speech.path.stem if speech.path else "speech")
        byline = " ".join(x for x in (speech.byline.role, speech.byline.author) if x)
        return IndexHeader(title, byline, describe_speech(speech), " ".join([_speech_meta(speech), *metas]))
    if inputs.pair is not None:
        a, b = inputs.pair
        names = [s.title or (s.path.stem if s.path else "speech") for s in (a, b)]
        summary = f"A: {describe_speech(a)} B: {describe_speech(b)}"
        return IndexHeader(f"{names[0]} → {names[1]}", "Two speeches compared", summary, " ".join(metas))
    label = ", ".join(Path(c).name or c for c in inputs.corpus)
    summary = f"A corpus of {inputs.documents} files read as one: {label}."
    return IndexHeader(f"Corpus: {label}", "", summary, " ".join(metas))


def _index_html(header: IndexHeader, pages: list[NotebookPage], figures: Path, out: Path) -> str:
    esc = html.escape
    toc = "\n".join(
        f'<li><a href="{esc(p.html.name)}">{esc(p.title)}</a>'
        f'<div class="summary">{_link_html(p.summary_html, {q.name for q in pages})}</div></li>'
        for p in pages
    )
    files = (
        sorted(f for f in figures.glob("*") if f.suffix.lower() in {".png", ".svg", ".pdf"}) if figures.is_dir() else []
    )
    rel = Path(os.path.relpath(figures.resolve(), out.resolve()))
    figs = "\n".join(f'<li><a href="{esc((rel / f.name).as_posix())}">{esc(f.name)}</a></li>' for f in files)
    versions = "\n".join(
        f"<tr><td>{esc(r.package)}</td><td>{esc(r.version)}</td></tr>" for r in package_versions().itertuples()
    )
    return _INDEX.format(
        title=esc(header.title),
        byline=esc(header.byline),
        summary=esc(header.summary),
        meta=header.meta_html,
        toc=toc,
        figures=figs or "<li>(none written)</li>",
        figdir=esc(rel.as_posix()),
        versions=versions,
        version=esc(__version__),
    )


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
<p class="meta">{meta}</p>
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
