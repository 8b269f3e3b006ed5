"""Speech or token table → themes: codebook coding of sentences, NMF topics, the term co-occurrence network."""

from ._content import content_tokens
from .codebook import Codebook, Theme, load_codebook, textstat_themes, theme_hits
from .network import cooccurrence_network, network_communities
from .topics import Topics, textmodel_topics

__all__ = [
    "Codebook",
    "Theme",
    "Topics",
    "content_tokens",
    "cooccurrence_network",
    "load_codebook",
    "network_communities",
    "textmodel_topics",
    "textstat_themes",
    "theme_hits",
]
