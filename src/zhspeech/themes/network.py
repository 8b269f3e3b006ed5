"""The co-occurrence network: terms linked when they share sentences, with communities from networkx.

>>> graph = zhspeech.cooccurrence_network(speech.tokens, min_count=3, measure="jaccard")
>>> zhspeech.network_communities(graph)                  # community, size, terms, label
>>> networkx.write_graphml(graph, "network.graphml")     # for Gephi / Cytoscape
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from .._checks import check_choice
from ..textstat.measures import log_dice
from ._content import content_tokens

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

_MEASURES = ("jaccard", "logdice")
#: Default thresholds, the weakest association kept. The two measures rank pairs identically (Dice D = 2J/(1+J),
#: logDice = 14 + log2 D), and the defaults are the same cut: Jaccard 0.25 = Dice 0.4 = logDice 12.68.
THRESHOLDS = {"jaccard": 0.25, "logdice": round(14 + math.log2(0.4), 2)}


def cooccurrence_network(
    tokens: pd.DataFrame,
    *,
    min_count: int = 3,
    measure: Literal["jaccard", "logdice"] = "jaccard",
    threshold: float | None = None,
    min_pair: int = 2,
    seed: int = 0,
) -> nx.Graph:
    """Weighted graph of content terms sharing sentences, thresholded, with Louvain communities.

    Node attributes: ``count`` (occurrences of the term), ``sentences`` (sentences containing it), ``community``
    (1 = largest). Edge attributes: ``weight`` (the ``measure``), ``n12`` (sentences with both terms). Terms left
    without an edge after thresholding are dropped. ``threshold=None`` uses ``THRESHOLDS[measure]``.

    Nodes are content terms (words, not stopwords, two characters or more) occurring in at least ``min_count``
    sentences. Two terms are linked when they appear together in at least ``min_pair`` sentences and their
    association reaches ``threshold``. Counting is by sentence (a term twice in one sentence counts once):

    - ``jaccard`` = n12 / (n1 + n2 − n12), the share of sentences with either term that have both (0–1);
    - ``logdice`` = 14 + log2(2·n12 / (n1 + n2)) (Rychlý 2008), at most 14, the scale lexicographers read in
      Sketch Engine. Both are symmetric and do not grow with the size of the text, so one threshold serves a short
      speech and a long corpus alike; they rank pairs in the same order, only the scale differs.

    Communities are Louvain communities (``networkx.community.louvain_communities``, weighted, with a fixed
    ``seed``), so the same tokens always give the same partition; they are numbered by size, largest first.
    """
    import networkx as nx

    check_choice("measure", measure, _MEASURES)
    threshold = THRESHOLDS[measure] if threshold is None else float(threshold)
    terms, counts, n1, (i, j, both) = _pair_counts(content_tokens(tokens), min_count)
    with np.errstate(divide="ignore", invalid="ignore"):
        if measure == "jaccard":
            weight = both / (n1[i] + n1[j] - both)
        else:
            weight = log_dice(both, n1[i], n1[j])
    keep = (both >= min_pair) & (weight >= threshold)
    graph = nx.Graph(measure=measure, threshold=threshold, min_count=min_count, min_pair=min_pair)
    for a, b, w, n in zip(i[keep], j[keep], weight[keep], both[keep]):
        graph.add_edge(terms[a], terms[b], weight=round(float(w), 6), n12=int(n))
    for k, term in enumerate(terms):
        if term in graph:
            graph.nodes[term].update(count=int(counts[k]), sentences=int(n1[k]))
    _assign_communities(graph, seed)
    return graph


def _pair_counts(
    tokens: pd.DataFrame, min_count: int
) -> tuple[list[str], np.ndarray, np.ndarray, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Terms in ≥ ``min_count`` sentences (sorted), their token counts and sentence counts, and every pair that
    shares a sentence as (i, j, n12) with i < j, in row-major order. Sparse: a large vocabulary stays cheap."""
    from scipy import sparse

    pairs = pd.DataFrame({"term": tokens["token"].astype(str).to_numpy(), "sentence": tokens["sentence"].to_numpy()})
    counts = pairs["term"].value_counts()
    unique = pairs.drop_duplicates()
    n1 = unique["term"].value_counts()
    terms = sorted(n1.index[n1 >= min_count])
    index = pd.Index(terms)
    unique = unique[unique["term"].isin(index)]
    rows = pd.factorize(unique["sentence"])[0]
    cols = index.get_indexer(unique["term"])
    m = sparse.csr_matrix(
        (np.ones(len(rows), dtype=np.int64), (rows, cols)), shape=(rows.max(initial=-1) + 1, len(terms))
    )
    co = sparse.triu(m.T @ m, k=1).tocoo()
    order = np.lexsort((co.col, co.row))
    shared = (co.row[order], co.col[order], co.data[order].astype(float))
    return terms, counts.reindex(index).to_numpy(), n1.reindex(index).to_numpy(dtype=float), shared


def _assign_communities(graph: nx.Graph, seed: int) -> None:
    import networkx as nx

    if graph.number_of_nodes() == 0:
        return
    found = nx.community.louvain_communities(graph, weight="weight", seed=seed)
    ordered = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))
    for number, members in enumerate(ordered, start=1):
        for term in members:
            graph.nodes[term]["community"] = number


def network_communities(graph: nx.Graph) -> pd.DataFrame:
    """One row per community: ``community``, ``size``, ``terms`` (most frequent first), ``label`` (top five)."""
    rows: dict[int, list[tuple[int, str]]] = {}
    for term, data in graph.nodes(data=True):
        if "community" in data:
            rows.setdefault(int(data["community"]), []).append((-int(data.get("count", 0)), term))
    out = []
    for community in sorted(rows):
        terms = [t for _, t in sorted(rows[community])]
        out.append({"community": community, "size": len(terms), "terms": terms, "label": "、".join(terms[:5])})
    return pd.DataFrame(out, columns=["community", "size", "terms", "label"])
