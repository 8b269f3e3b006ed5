"""Tables → charts: the CJK font, the project style, and the ``textplot_*`` helpers (each returns its ``Axes``)."""

from .charts import (
    textplot_keyness,
    textplot_network,
    textplot_outline,
    textplot_sentence_lengths,
    textplot_terms,
    textplot_themes,
    textplot_timeline,
    textplot_wordcloud,
    textplot_xray,
)
from .fonts import CjkFont, cjk_font
from .plotstyle import decorate, savefig, style

__all__ = [
    "CjkFont",
    "cjk_font",
    "decorate",
    "savefig",
    "style",
    "textplot_keyness",
    "textplot_network",
    "textplot_outline",
    "textplot_sentence_lengths",
    "textplot_terms",
    "textplot_themes",
    "textplot_timeline",
    "textplot_wordcloud",
    "textplot_xray",
]
