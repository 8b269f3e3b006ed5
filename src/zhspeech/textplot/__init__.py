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
from .compare import textplot_heatmap, textplot_keyness_compare, textplot_scatter, textplot_trajectories
from .fonts import CjkFont, cjk_font
from .plotstyle import decorate, savefig, style

__all__ = [
    "CjkFont",
    "cjk_font",
    "decorate",
    "savefig",
    "style",
    "textplot_heatmap",
    "textplot_keyness",
    "textplot_keyness_compare",
    "textplot_network",
    "textplot_outline",
    "textplot_scatter",
    "textplot_sentence_lengths",
    "textplot_terms",
    "textplot_themes",
    "textplot_timeline",
    "textplot_trajectories",
    "textplot_wordcloud",
    "textplot_xray",
]
