"""zhspeech — close reading of Chinese policy speeches.

    >>> import zhspeech
    >>> speech = zhspeech.load(zhspeech.config.SPEECH_PATH)
    >>> zhspeech.textstat_frequency(speech).head()

The public API, by pipeline stage (each stage is a subpackage): ``text`` reads a file into a ``Speech``;
``tokens`` cuts it into a token table; ``textstat`` turns tables into statistics; ``themes`` and ``rhetoric``
code its themes and devices; ``textplot`` draws; ``report`` runs every notebook into HTML; ``cli`` is the command.

Grammar: ``textstat_*`` returns a table (DataFrame) and ``textplot_*`` draws one and returns the ``Axes``. The first
argument of a ``textstat_*`` function is a ``Speech`` or its token table (``speech.tokens``, a slice of it, or a table
with the same columns); those about structure (outline, points, findings, themes, length summary) need the
``Speech``. Bad options raise ``OptionError``, bad tables ``TableError`` (both ``SpeechError`` and ``ValueError``).

Names are resolved lazily, so ``import zhspeech`` (and ``zhspeech outline``) never imports jieba, scikit-learn or
matplotlib until a function that needs them is called.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from . import config
from ._lazy import load_name
from ._version import __version__
from .errors import CodebookError, LexiconError, OptionError, SpeechError, TableError
from .text import Speech, load, parse

if TYPE_CHECKING:  # names for IDEs and type checkers; at run time they load on first use (see _LAZY)
    from .corpus.corpus import Corpus as Corpus
    from .corpus.dtm import DocumentTermMatrix as DocumentTermMatrix
    from .report.build import build_report as build_report
    from .report.html import describe_speech as describe_speech
    from .report.html import package_versions as package_versions
    from .rhetoric import documents as documents
    from .rhetoric import entities as entities
    from .rhetoric import enumerations as enumerations
    from .rhetoric import formulas as formulas
    from .rhetoric import parallels as parallels
    from .rhetoric import quotations as quotations
    from .rhetoric import timeline as timeline
    from .text.outline import outline_dict as outline_dict
    from .text.outline import outline_text as outline_text
    from .text.outline import textstat_findings as textstat_findings
    from .text.outline import textstat_outline as textstat_outline
    from .text.outline import textstat_points as textstat_points
    from .textplot.charts import textplot_keyness as textplot_keyness
    from .textplot.charts import textplot_network as textplot_network
    from .textplot.charts import textplot_outline as textplot_outline
    from .textplot.charts import textplot_sentence_lengths as textplot_sentence_lengths
    from .textplot.charts import textplot_terms as textplot_terms
    from .textplot.charts import textplot_themes as textplot_themes
    from .textplot.charts import textplot_timeline as textplot_timeline
    from .textplot.charts import textplot_wordcloud as textplot_wordcloud
    from .textplot.charts import textplot_xray as textplot_xray
    from .textplot.compare import textplot_heatmap as textplot_heatmap
    from .textplot.compare import textplot_keyness_compare as textplot_keyness_compare
    from .textplot.compare import textplot_scatter as textplot_scatter
    from .textplot.compare import textplot_trajectories as textplot_trajectories
    from .textplot.fonts import cjk_font as cjk_font
    from .textplot.plotstyle import decorate as decorate
    from .textplot.plotstyle import savefig as savefig
    from .textplot.plotstyle import style as style
    from .textstat.change import textstat_first_last as textstat_first_last
    from .textstat.change import textstat_new_terms as textstat_new_terms
    from .textstat.change import textstat_trajectories as textstat_trajectories
    from .textstat.collocations import textstat_collocations as textstat_collocations
    from .textstat.compare import textstat_compare as textstat_compare
    from .textstat.compare import textstat_compare_groups as textstat_compare_groups
    from .textstat.diversity import textstat_diversity as textstat_diversity
    from .textstat.editions import edition_diff_html as edition_diff_html
    from .textstat.editions import textstat_edition_diff as textstat_edition_diff
    from .textstat.editions import textstat_section_alignment as textstat_section_alignment
    from .textstat.frequency import textstat_frequency as textstat_frequency
    from .textstat.frequency import textstat_ngrams as textstat_ngrams
    from .textstat.frequency import textstat_pos as textstat_pos
    from .textstat.keyness import textstat_keyness as textstat_keyness
    from .textstat.keyness import textstat_keyness_sections as textstat_keyness_sections
    from .textstat.kwic import kwic as kwic
    from .textstat.lengths import textstat_length_summary as textstat_length_summary
    from .textstat.lengths import textstat_sentence_lengths as textstat_sentence_lengths
    from .textstat.reference import Reference as Reference
    from .textstat.reference import load_reference as load_reference
    from .themes.codebook import load_codebook as load_codebook
    from .themes.codebook import textstat_themes as textstat_themes
    from .themes.codebook import theme_hits as theme_hits
    from .themes.network import cooccurrence_network as cooccurrence_network
    from .themes.network import network_communities as network_communities
    from .themes.topics import textmodel_topics as textmodel_topics
    from .tokens.lexicon import load_lexicon as load_lexicon
    from .tokens.pipeline import text_terms as text_terms
    from .tokens.pipeline import tokenize as tokenize
    from .tokens.shared import shared_tokens as shared_tokens
    from .tokens.stopwords import stopwords as stopwords

# public name -> module that defines it
_LAZY: dict[str, str] = {
    # text: one file → Speech, its structure and outline
    "outline_dict": "text.outline",
    "outline_text": "text.outline",
    "textstat_outline": "text.outline",
    "textstat_points": "text.outline",
    "textstat_findings": "text.outline",
    # tokens: Speech → token table
    "tokenize": "tokens.pipeline",
    "text_terms": "tokens.pipeline",
    "load_lexicon": "tokens.lexicon",
    "stopwords": "tokens.stopwords",
    # textstat: token table → statistics
    "textstat_frequency": "textstat.frequency",
    "textstat_ngrams": "textstat.frequency",
    "textstat_pos": "textstat.frequency",
    "textstat_keyness": "textstat.keyness",
    "textstat_keyness_sections": "textstat.keyness",
    "textstat_collocations": "textstat.collocations",
    "kwic": "textstat.kwic",
    "textstat_diversity": "textstat.diversity",
    "textstat_sentence_lengths": "textstat.lengths",
    "textstat_length_summary": "textstat.lengths",
    "Reference": "textstat.reference",
    "load_reference": "textstat.reference",
    # themes: codebook themes, topics, network
    "load_codebook": "themes.codebook",
    "theme_hits": "themes.codebook",
    "textstat_themes": "themes.codebook",
    "textmodel_topics": "themes.topics",
    "cooccurrence_network": "themes.network",
    "network_communities": "themes.network",
    # rhetoric: formulas, enumerations, parallels, quotations, documents, dates, entities
    "formulas": "rhetoric",
    "enumerations": "rhetoric",
    "parallels": "rhetoric",
    "quotations": "rhetoric",
    "documents": "rhetoric",
    "timeline": "rhetoric",
    "entities": "rhetoric",
    # textplot: fonts, style and the charts (each returns its Axes)
    "style": "textplot.plotstyle",
    "savefig": "textplot.plotstyle",
    "decorate": "textplot.plotstyle",
    "cjk_font": "textplot.fonts",
    "textplot_terms": "textplot.charts",
    "textplot_keyness": "textplot.charts",
    "textplot_wordcloud": "textplot.charts",
    "textplot_xray": "textplot.charts",
    "textplot_themes": "textplot.charts",
    "textplot_sentence_lengths": "textplot.charts",
    "textplot_network": "textplot.charts",
    "textplot_timeline": "textplot.charts",
    "textplot_outline": "textplot.charts",
    # comparisons and corpora: two speeches, many speeches, editions
    "Corpus": "corpus.corpus",
    "DocumentTermMatrix": "corpus.dtm",
    "textstat_compare": "textstat.compare",
    "textstat_compare_groups": "textstat.compare",
    "textstat_trajectories": "textstat.change",
    "textstat_first_last": "textstat.change",
    "textstat_new_terms": "textstat.change",
    "textstat_section_alignment": "textstat.editions",
    "textstat_edition_diff": "textstat.editions",
    "edition_diff_html": "textstat.editions",
    "shared_tokens": "tokens.shared",
    "textplot_keyness_compare": "textplot.compare",
    "textplot_scatter": "textplot.compare",
    "textplot_trajectories": "textplot.compare",
    "textplot_heatmap": "textplot.compare",
    # report: every notebook → an HTML report
    "build_report": "report.build",
    "describe_speech": "report.html",
    "package_versions": "report.html",
}

__all__ = [
    "CodebookError",
    "LexiconError",
    "OptionError",
    "Speech",
    "SpeechError",
    "TableError",
    "__version__",
    "config",
    "load",
    "parse",
    *_LAZY,
]


#: Stage subpackages reachable as attributes (``zhspeech.corpus.latest``) without importing them first.
_SUBPACKAGES = frozenset(
    {"corpus", "explore", "report", "rhetoric", "text", "textplot", "textstat", "themes", "tokens"}
)


def __getattr__(name: str) -> Any:
    if name in _SUBPACKAGES:
        return importlib.import_module(f".{name}", __name__)
    return load_name(__name__, globals(), _LAZY, name)


def __dir__() -> list[str]:
    return sorted(__all__)
