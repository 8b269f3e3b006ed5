"""Formulas and enumerations of the 49 government work reports in data/raw/corpus, computed once per test session:
each file is parsed and tokenized once for both tests (the on-disk token cache keeps fewer entries than the corpus
has files, so a second pass would tokenize most of them again)."""

from __future__ import annotations

from functools import cache

import zhspeech
from zhspeech import config
from zhspeech.rhetoric import enumerations, formulas

CORPUS = config.PROJ_ROOT / "data" / "raw" / "corpus" / "gov_work_reports"


@cache
def corpus_rhetoric(name: str) -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
    """For one file of the corpus: the texts of its formulas, and (style, first item's first 20 characters) of its
    enumerations."""
    speech = zhspeech.load(CORPUS / name)
    items = enumerations(speech, items=True)
    first = items[items["item"] == 1]
    openings = zip(first["style"], first["text"].str.slice(0, 20).str.replace("\n", " "))
    return frozenset(formulas(speech)["text"]), frozenset(openings)
