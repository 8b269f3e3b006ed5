"""Explore a speech by clicking: a term explorer that works in JupyterLab and in the exported HTML page, offline.

>>> from zhspeech import explore
>>> explore.term_explorer(speech)        # click a bar or type a term: KWIC lines, dispersion, collocates
>>> explore.show(freq)                   # a big table, searchable and sortable (itables, offline)
>>> explore.live(speech)                 # with a kernel: any term or regular expression
>>> explore.corpus_explorer(corpus)      # a corpus or a pair: trajectory over the years, KWIC lines per document

The page holds everything it shows (``data``: tables computed once for the top terms, capped), drawn by Vega-Lite
(``charts``, built with Altair) with the JavaScript inlined (``page``); ``tables`` makes big tables searchable;
``live`` asks the kernel when one runs; ``corpus`` does the same across documents.
"""

from __future__ import annotations

from typing import Any

from .._lazy import load_name

_LAZY = {
    "ExplorerData": "data",
    "explorer_data": "data",
    "section_table": "data",
    "explorer_spec": "charts",
    "Explorer": "page",
    "term_explorer": "page",
    "explorer_html": "page",
    "show": "tables",
    "searchable_html": "tables",
    "live": "live",
    "live_kwic": "live",
    "live_collocates": "live",
    "find_spans": "live",
    "CorpusExplorerData": "corpus",
    "corpus_explorer_data": "corpus",
    "corpus_explorer": "corpus",
    "corpus_explorer_spec": "corpus",
    "pair_explorer": "corpus",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    return load_name(__name__, globals(), _LAZY, name)


def __dir__() -> list[str]:
    return __all__
