"""The term explorer across documents — a corpus or a pair of speeches: a chosen term's trajectory over the years and
its KWIC lines in each document, in the page, offline.

>>> explore.corpus_explorer(corpus)                    # a zhspeech.Corpus
>>> explore.corpus_explorer(dtm, speeches=[a, b])      # a DocumentTermMatrix and its documents' Speech objects

Terms are counted as the document-term matrix counts them: whole tokens in their counted form (``norm``, simplified)
in the title, headings and body. A click on a point of the trajectory keeps the KWIC lines of that period only (a
double click shows every period again).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .._checks import check_positive
from ..errors import OptionError
from ..textstat._tokens import DEFAULT_PARTS, _words, in_parts
from ..textstat.change import textstat_trajectories

if TYPE_CHECKING:  # pragma: no cover
    from ..corpus.corpus import Corpus
    from ..corpus.dtm import DocumentTermMatrix
    from ..text.model import Speech

CORPUS_KWIC_COLUMNS = ["term", "doc_id", "document", "period", "line", "left", "node", "right", "start", "end"]


@dataclass(frozen=True)
class CorpusExplorerData:
    """What the corpus explorer shows, as tidy tables keyed by ``term`` (as counted).

    ``terms``: ``term``, ``count`` (over the corpus), ``docs`` (documents using it), ``rank`` (by count).
    ``trajectories``: ``textstat_trajectories`` of the terms by ``by`` — ``term``, ``period`` (the value of
    ``by``), ``count``, ``words``, ``per_10k``, ``docs``, ``n_docs``.
    ``kwic``: at most ``lines`` KWIC lines per term and document (evenly spread over the document) — ``term``,
    ``doc_id``, ``document`` (a label: the period, the author or name, the title's start), ``period``, ``line``
    (1, 2 … within the document), ``left``, ``node``, ``right``, ``start``, ``end`` (offsets in the document's text).
    ``documents``: ``doc_id``, ``document``, ``period``, ``words``, and per term the count is in ``trajectories``.
    """

    terms: pd.DataFrame
    trajectories: pd.DataFrame
    kwic: pd.DataFrame
    documents: pd.DataFrame
    by: str = "year"
    title: str = ""
    settings: dict = field(default_factory=dict)


def _source(source: Corpus | DocumentTermMatrix, speeches: Sequence[Speech] | None):
    """The matrix and a function giving document ``i``'s Speech."""
    from ..corpus.dtm import DocumentTermMatrix

    if isinstance(source, DocumentTermMatrix):
        if speeches is None or len(speeches) != len(source.documents):
            raise OptionError("a DocumentTermMatrix needs speeches=: one Speech per row of its documents, in order")
        return source, lambda i: speeches[i]
    if not hasattr(source, "dtm") or not hasattr(source, "speech"):
        raise OptionError(f"expected a zhspeech.Corpus or a DocumentTermMatrix, got {type(source).__name__}")
    return source.dtm(), source.speech


def _default_terms(dtm: DocumentTermMatrix, top: int) -> list[str]:
    """The ``top`` most frequent content words: not stopwords, two characters or more (ties by term)."""
    totals = dtm.totals()
    keep = ~dtm.stop & (totals.index.str.len() >= 2)
    ranked = totals[keep].rename_axis("term").reset_index(name="count")
    ranked = ranked.sort_values(["count", "term"], ascending=[False, True], kind="mergesort")
    return ranked["term"].head(top).tolist()


def _label(row: pd.Series, by: str) -> str:
    """A document's short label: its period and author (else its name, unless the period names it already)."""
    other = row.get("author") if pd.notna(row.get("author", None)) else row.get("name")
    parts = [row.get(by), other if str(other) not in str(row.get(by)) else None]
    label = " ".join(str(p) for p in parts if p is not None and pd.notna(p) and str(p))
    return label or f"document {row.name}"


def _document_lines(
    speech: Speech, tokens: pd.DataFrame, terms: set[str], lines: int, width: int
) -> list[tuple[str, int, str, str, str, int, int]]:
    """(term, line, left, node, right, start, end) of at most ``lines`` occurrences per term in one document."""
    words = _words(in_parts(tokens, DEFAULT_PARTS))
    words = words[words["term"].isin(terms)].sort_values("start", kind="mergesort")
    text, out = speech.text, []
    for term, rows in words.groupby("term", sort=True):
        if len(rows) > lines:
            rows = rows.iloc[np.unique(np.linspace(0, len(rows) - 1, lines).round().astype(int))]
        for k, (s, e) in enumerate(zip(rows["start"].astype(int), rows["end"].astype(int)), start=1):
            left = text[max(0, s - width) : s].replace("\n", " ")
            right = text[e : e + width].replace("\n", " ")
            out.append((str(term), k, left, text[s:e], right, s, e))
    return out


def corpus_explorer_data(
    source: Corpus | DocumentTermMatrix,
    speeches: Sequence[Speech] | None = None,
    *,
    terms: Sequence[str] | None = None,
    top: int = 20,
    lines: int = 3,
    width: int = 15,
    by: str = "year",
    tokens: Sequence[pd.DataFrame] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> CorpusExplorerData:
    """The corpus explorer's tables: ``terms`` (default: the ``top`` most frequent content words), their
    trajectories by ``by`` and at most ``lines`` KWIC lines (``width`` characters either side) per term and
    document. ``source``: a ``zhspeech.Corpus`` (its documents are read one at a time), or a
    ``DocumentTermMatrix`` with ``speeches``, one per row, and optionally ``tokens``, the token tables the matrix
    was counted from (e.g. ``zhspeech.shared_tokens``; default: each speech's own). ``progress(i, n)`` is called
    after each document."""
    for name, value in (("top", top), ("lines", lines), ("width", width)):
        check_positive(name, value)
    dtm, speech_of = _source(source, speeches)
    chosen = list(dict.fromkeys(terms)) if terms is not None else _default_terms(dtm, top)
    traj = textstat_trajectories(dtm, chosen, by=by)
    chosen = list(dict.fromkeys(traj["term"]))  # as counted (a traditional form looked up simplified)
    traj = traj.rename(columns={by: "period"})
    docs = dtm.documents.reset_index(drop=True)
    documents = pd.DataFrame(
        {
            "doc_id": np.arange(len(docs), dtype=np.int64),
            "document": [_label(row, by) for _, row in docs.iterrows()],
            "period": docs[by] if by in docs.columns else None,
            "words": docs["words"].to_numpy(dtype=np.int64),
        }
    )
    rows = []
    for i in range(len(docs)):
        speech = speech_of(i)
        found = _document_lines(speech, speech.tokens if tokens is None else tokens[i], set(chosen), lines, width)
        rows += [(t, i, documents["document"][i], documents["period"][i], *rest) for t, *rest in found]
        if progress:
            progress(i + 1, len(docs))
    kwic = pd.DataFrame(rows, columns=CORPUS_KWIC_COLUMNS)
    totals, present = dtm.totals(), dtm.doc_freq()
    table = pd.DataFrame({"term": chosen})
    table["count"] = [int(totals.get(t, 0)) for t in chosen]
    table["docs"] = [int(present.get(t, 0)) for t in chosen]
    table["rank"] = table["count"].rank(method="first", ascending=False).astype("int64")
    settings = {"top": top, "lines": lines, "width": width}
    return CorpusExplorerData(table, traj, kwic, documents, by, f"{len(docs)} documents", settings)


def corpus_explorer_spec(data: CorpusExplorerData, controls: str) -> dict[str, Any]:
    """The Vega-Lite specification: term bars and search box, the trajectory, the KWIC lines per document."""
    from .charts import FONT, records

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Automatically deduplicated selection parameter")
        spec = _corpus_chart(data, controls).configure(font=FONT).configure_view(stroke=None).to_dict()
    spec["datasets"] = {
        "terms": records(data.terms),
        "trajectories": records(data.trajectories),
        "kwic": records(data.kwic),
    }
    return spec


def _corpus_chart(data: CorpusExplorerData, controls: str):
    import altair as alt

    from .charts import ACCENT, BASE, ROW_PX, term_pick

    first = str(data.terms.sort_values("rank")["term"].iloc[0]) if len(data.terms) else None
    pick = term_pick(first, controls)
    period = alt.selection_point(name="period", fields=["period"], on="click", clear="dblclick", toggle=False)
    bars = (
        alt.Chart(alt.NamedData("terms"), name="corpus_terms", title="Most frequent terms (click one)")
        .mark_bar(cursor="pointer")
        .encode(
            x=alt.X("count:Q", title="count in the corpus"),
            y=alt.Y("term:N", sort=alt.EncodingSortField("rank", order="ascending"), title=None),
            color=alt.condition(pick, alt.value(ACCENT), alt.value(BASE)),
            tooltip=["term:N", "count:Q", "docs:Q"],
        )
        .add_params(pick)
        .properties(width=260, height=alt.Step(ROW_PX))
    )
    numeric = pd.api.types.is_numeric_dtype(data.trajectories["period"])
    x = alt.X("period:Q" if numeric else "period:O", title=data.by, axis=alt.Axis(format="d") if numeric else None)
    tips = ["term:N", x.shorthand, "count:Q", "words:Q", "per_10k:Q", "docs:Q", "n_docs:Q"]
    base = (
        alt.Chart(alt.NamedData("trajectories"))
        .encode(x=x, y=alt.Y("per_10k:Q", title="per 10,000 words"), tooltip=tips)
        .transform_filter(pick)
    )
    points = base.mark_point(size=60, filled=True, cursor="pointer", color=ACCENT).add_params(period)
    line = alt.layer(base.mark_line(color=ACCENT), points.properties(name="trajectory_points")).properties(
        width=480, height=220, title="Rate per 10,000 words (click a period to keep its lines)"
    )
    return alt.vconcat(alt.hconcat(bars, line, spacing=40), _corpus_kwic(data, pick, period), spacing=24).properties(
        autosize=alt.AutoSizeParams(type="pad", resize=True)
    )


def _corpus_kwic(data: CorpusExplorerData, pick, period):
    """KWIC lines of the chosen term, document by document (the period clicked, else all)."""
    import altair as alt

    from .charts import ACCENT, CHAR_PX, ROW_PX

    width = int(data.settings.get("width", 15)) * CHAR_PX
    base = (
        alt.Chart(alt.NamedData("kwic"))
        .transform_filter(pick)
        .transform_filter(period)
        .transform_calculate(row="datum.doc_id * 1000 + datum.line")
        .encode(y=alt.Y("row:O", axis=None), tooltip=["document:N", "start:Q"])
    )
    text = {"fontSize": 13, "baseline": "middle"}
    doc = base.mark_text(align="left", color="#666", fontSize=11, baseline="middle", limit=150)
    layers = [
        doc.encode(x=alt.value(0), text="document:N").properties(name="corpus_kwic_document"),
        base.mark_text(align="right", **text).encode(x=alt.value(160 + width), text="left:N"),
        base.mark_text(align="center", fontWeight="bold", color=ACCENT, **text)
        .encode(x=alt.value(160 + width + 40), text="node:N")
        .properties(name="corpus_kwic_node"),
        base.mark_text(align="left", **text).encode(x=alt.value(160 + width + 80), text="right:N"),
    ]
    lines = int(data.settings.get("lines", 3))
    title = f"The term in each document (at most {lines} lines a document, spread over it)"
    return alt.layer(*layers).properties(width=160 + 2 * width + 80, height=alt.Step(ROW_PX), title=title)


def corpus_explorer(
    source: Corpus | DocumentTermMatrix, speeches: Sequence[Speech] | None = None, **options: Any
) -> Any:
    """The corpus explorer (a :class:`~zhspeech.explore.page.Explorer`): display it in a notebook or ``save`` it.
    Options as :func:`corpus_explorer_data`."""
    from .page import CONTROLS, Explorer

    data = corpus_explorer_data(source, speeches, **options)
    return Explorer(
        data, corpus_explorer_spec(data, CONTROLS), "Click a bar or type a term; click a period to keep its lines."
    )


def pair_explorer(a: Speech, b: Speech, *, terms: Sequence[str] | None = None, **options: Any) -> Any:
    """The explorer of two speeches (A, the earlier or reference, and B): a chosen term's rate in A and in B and its
    lines in each. Both are counted in one segmentation (``zhspeech.shared_tokens``, as ``textstat_compare``
    counts them), so a term is one token in both or in neither; ``terms`` default to the most frequent content
    words of the two. Options as :func:`corpus_explorer_data` (``by`` is the side; 10 lines per speech)."""
    from ..corpus.corpus import TermCounts
    from ..corpus.dtm import DocumentTermMatrix
    from ..tokens.shared import shared_tokens
    from ..tokens.stopwords import stopwords

    names = [s.path.name if s.path is not None else (s.title or "speech") for s in (a, b)]
    documents = pd.DataFrame({"side": [f"A: {names[0]}", f"B: {names[1]}"], "name": names})
    tokens = shared_tokens([a, b])
    dtm = DocumentTermMatrix.from_counts((TermCounts.from_tokens(t).as_dict() for t in tokens), documents, stopwords())
    return corpus_explorer(dtm, [a, b], terms=terms, by="side", tokens=tokens, **{"lines": 10, **options})
