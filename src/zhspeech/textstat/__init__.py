"""Token table → statistics tables: frequency, keyness, collocations, KWIC, diversity, lengths.

Each ``textstat_*`` function takes a token table (``speech.tokens``, a slice of it, or a table built by hand) or a
``Speech`` (whose tokens are used) and returns a tidy DataFrame whose sizes travel with it, as columns or in
``attrs``, so every figure recomputes from the counts. They count the title, the headings and the body
(:data:`DEFAULT_PARTS`) unless ``parts=`` names others from :data:`PARTS` (back matter: ``"back"``).
"""

from ._tokens import DEFAULT_PARTS, PARTS, script_notice
from .collocations import textstat_collocations
from .diversity import textstat_diversity
from .frequency import POS_NAMES, textstat_frequency, textstat_ngrams, textstat_pos
from .keyness import textstat_keyness, textstat_keyness_sections
from .kwic import kwic
from .lengths import textstat_length_summary, textstat_sentence_lengths
from .measures import bh_adjust, g2_statistic
from .reference import Reference, load_reference

__all__ = [
    "DEFAULT_PARTS",
    "PARTS",
    "POS_NAMES",
    "Reference",
    "bh_adjust",
    "g2_statistic",
    "kwic",
    "load_reference",
    "script_notice",
    "textstat_collocations",
    "textstat_diversity",
    "textstat_frequency",
    "textstat_keyness",
    "textstat_keyness_sections",
    "textstat_length_summary",
    "textstat_ngrams",
    "textstat_pos",
    "textstat_sentence_lengths",
]
