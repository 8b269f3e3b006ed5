"""zhspeech — close reading of Chinese policy speeches.

    >>> import zhspeech
    >>> speech = zhspeech.load(zhspeech.config.SPEECH_PATH)
    >>> speech.paragraphs.head()

Names are resolved lazily, so ``import zhspeech`` (and commands such as ``zhspeech outline``) never import jieba,
scikit-learn or matplotlib until a function that needs them is called.
"""
from __future__ import annotations

import importlib
from typing import Any

from . import config
from .errors import CodebookError, LexiconError, SpeechError
from .speech import Speech, load, parse

__version__ = "0.1.0"

# public name -> module that defines it
_LAZY: dict[str, str] = {
    # structure
    "outline_dict": "outline",
    "outline_text": "outline",
    "outline_table": "outline",
    "points_table": "outline",
    "textstat_lengths": "outline",
    "findings_table": "outline",
    # tokens
    "tokenize": "tokens",
    "load_lexicon": "lexicon",
    "text_terms": "lexicon",
    # statistics
    "textstat_frequency": "stats",
    "textstat_ngrams": "stats",
    "textstat_keyness": "stats",
    "textstat_keyness_sections": "stats",
    "textstat_collocations": "stats",
    "textstat_diversity": "stats",
    "textstat_sentence_length": "stats",
    "textstat_pos": "stats",
    "kwic": "stats",
    "Reference": "reference",
    "load_reference": "reference",
    # themes
    "load_codebook": "themes",
    "textstat_themes": "themes",
    "theme_scores": "themes",
    "textmodel_topics": "topics",
    "cooccurrence_network": "network",
    "network_communities": "network",
    # rhetoric
    "formulas": "rhetoric",
    "enumerations": "rhetoric",
    "parallels": "rhetoric",
    "quotations": "rhetoric",
    "documents": "rhetoric",
    "timeline": "rhetoric",
    "entities": "rhetoric",
    # charts
    "style": "plotstyle",  # module not named style: importing it would shadow the function zhspeech.style
    "savefig": "plotstyle",
    "decorate": "plotstyle",
    "cjk_font": "fonts",
    "textplot_terms": "plots",
    "textplot_keyness": "plots",
    "textplot_wordcloud": "plots",
    "textplot_xray": "plots",
    "textplot_themes": "plots",
    "textplot_sentence_lengths": "plots",
    "textplot_network": "plots",
    "textplot_timeline": "plots",
    "textplot_outline": "plots",
    # report
    "build_report": "report",
    "describe_speech": "report",
    "package_versions": "report",
}

__all__ = ["Speech", "SpeechError", "LexiconError", "CodebookError", "config", "load", "parse",
           "__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'zhspeech' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
