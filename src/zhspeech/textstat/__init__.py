"""Token table → statistics tables: frequency, keyness, collocations, KWIC, diversity, lengths; two speeches or
groups of documents compared, change over time, two editions side by side.

Each ``textstat_*`` function takes a token table (``speech.tokens``, a slice of it, or a table built by hand) or a
``Speech`` (whose tokens are used) and returns a tidy DataFrame whose sizes travel with it, as columns or in
``attrs``, so every figure recomputes from the counts. They count the title, the headings and the body
(:data:`DEFAULT_PARTS`) unless ``parts=`` names others from :data:`PARTS` (back matter: ``"back"``).
"""

from ._tokens import DEFAULT_PARTS, PARTS, script_notice
from .change import formula_shaped, textstat_first_last, textstat_new_terms, textstat_trajectories
from .collocations import textstat_collocations
from .compare import side_label, term_counts, textstat_compare, textstat_compare_groups
from .diversity import textstat_diversity
from .editions import edition_diff_html, textstat_edition_diff, textstat_section_alignment
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
    "edition_diff_html",
    "formula_shaped",
    "g2_statistic",
    "kwic",
    "load_reference",
    "script_notice",
    "side_label",
    "term_counts",
    "textstat_collocations",
    "textstat_compare",
    "textstat_compare_groups",
    "textstat_diversity",
    "textstat_edition_diff",
    "textstat_first_last",
    "textstat_frequency",
    "textstat_keyness",
    "textstat_keyness_sections",
    "textstat_length_summary",
    "textstat_new_terms",
    "textstat_ngrams",
    "textstat_pos",
    "textstat_section_alignment",
    "textstat_sentence_lengths",
    "textstat_trajectories",
]
