"""Speech or token table → themes: codebook coding of sentences, NMF topics, the term co-occurrence network."""

from ._content import content_tokens
from .codebook import Codebook, Theme, UncodedWarning, load_codebook, shipped_codebooks, textstat_themes, theme_hits
from .network import cooccurrence_network, network_communities
from .topics import Topics, textmodel_topics

__all__ = [
    "Codebook",
    "Theme",
    "Topics",
    "UncodedWarning",
    "content_tokens",
    "cooccurrence_network",
    "load_codebook",
    "network_communities",
    "shipped_codebooks",
    "textmodel_topics",
    "textstat_themes",
    "theme_hits",
]
