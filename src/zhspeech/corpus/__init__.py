"""Corpus: many documents read as one — inputs, per-document tokens cached on disk, the document-term matrix,
execution on one machine or a Dask cluster.

Names load on first use, so ``from zhspeech.corpus.dtm import DocumentTermMatrix`` does not import the tokenizer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .._lazy import load_name

if TYPE_CHECKING:  # pragma: no cover
    from .corpus import Corpus as Corpus
    from .corpus import TermCounts as TermCounts
    from .dtm import DocumentTermMatrix as DocumentTermMatrix
    from .inputs import Source as Source
    from .inputs import latest as latest
    from .inputs import list_sources as list_sources
    from .inputs import read_source as read_source

_LAZY = {
    "Corpus": "corpus",
    "TermCounts": "corpus",
    "DocumentTermMatrix": "dtm",
    "Source": "inputs",
    "latest": "inputs",
    "list_sources": "inputs",
    "read_source": "inputs",
}
__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    return load_name(__name__, globals(), _LAZY, name)
