"""The data behind the term explorer of one speech, computed once for its top terms: tidy tables the page carries.

A page cannot ask a kernel, so everything the explorer shows is computed here for a capped set of terms — the
``top`` most frequent and the ``top`` most distinctive — and the number of KWIC lines kept per term is capped too, so
the page stays small on a long report. Every occurrence's position is kept (the dispersion view shows them all).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .._checks import check_positive
from ..textstat.collocations import textstat_collocations
from ..textstat.frequency import textstat_frequency
from ..textstat.keyness import textstat_keyness
from ..textstat.kwic import kwic

if TYPE_CHECKING:  # pragma: no cover
    from ..text.model import Speech

TERM_COLUMNS = ["term", "norm", "count", "per_10k", "dp", "g2", "log_ratio", "p_fdr", "top_rank", "key_rank"]
KWIC_COLUMNS = ["term", "line", "left", "node", "right", "section", "paragraph", "sentence", "start", "end"]
POSITION_COLUMNS = ["term", "start", "end", "section", "paragraph", "shown"]
SECTION_COLUMNS = ["section", "label", "start", "end", "shade"]
COLLOCATE_COLUMNS = ["term", "rank", "collocate", "n12", "left", "right", "n1", "n2", "N", "mi", "logdice", "g2", "t"]


@dataclass(frozen=True)
class ExplorerData:
    """What the explorer of one speech shows, as five tidy tables keyed by ``term`` (the term as written).

    ``terms``: one row per term the page offers — ``term`` (as written in the text), ``norm`` (the form counted:
    simplified in a traditional text), ``count``, ``per_10k``, ``dp`` (from ``textstat_frequency``), ``g2``,
    ``log_ratio``, ``p_fdr`` (from ``textstat_keyness`` against general Chinese; missing for a term not tested),
    ``top_rank`` (its rank by count among the top terms, 0 when not among them), ``key_rank`` (its rank by G² among
    the over-used terms, 0 when not among them), ``occurrences`` (KWIC occurrences: the term as a whole token, in
    every part of the text) and ``lines`` (KWIC lines kept).

    ``kwic``: the kept KWIC lines — ``term``, ``line`` (1, 2 … in text order), ``left``, ``node``, ``right``,
    ``section``, ``paragraph``, ``sentence``, ``start``, ``end`` (as ``zhspeech.kwic``), ``by_left`` and
    ``by_right`` (the line's rank when sorted by the left context read backwards, or by the right context).

    ``positions``: every occurrence — ``term``, ``start``, ``end`` (character offsets in ``speech.text``),
    ``section``, ``paragraph``, ``shown`` (its KWIC line is among those kept).

    ``sections``: ``section``, ``label`` (一、 and the heading's first clause; "opening" for the text before the first
    heading), ``start``, ``end`` (character offsets), ``shade`` (alternate sections: 0 or 1). Empty without sections.

    ``collocates``: the best collocates of each term within ±``window`` words (``textstat_collocations``, by G²):
    ``term``, ``rank``, ``collocate`` (as written), ``n12``, ``left``, ``right``, ``n1``, ``n2``, ``N``, ``mi``,
    ``logdice``, ``g2``, ``t``.

    ``length``: characters of ``speech.text`` (the dispersion axis); ``settings``: the caps and widths used.
    """

    terms: pd.DataFrame
    kwic: pd.DataFrame
    positions: pd.DataFrame
    sections: pd.DataFrame
    collocates: pd.DataFrame
    length: int
    title: str = ""
    settings: dict = field(default_factory=dict)


def explorer_data(
    speech: Speech,
    *,
    top: int = 25,
    lines: int = 40,
    collocates: int = 10,
    width: int = 20,
    window: int = 5,
    terms: list[str] | None = None,
) -> ExplorerData:
    """The explorer's tables for ``speech``: the ``top`` most frequent terms (stopwords left out) and the ``top``
    most distinctive against general Chinese (over-used, G²), or the ``terms`` given; at most ``lines`` KWIC lines
    per term (with ``width`` characters either side; evenly spread over the text when a term has more), every
    occurrence's position, the sections, and the ``collocates`` best collocates within ±``window`` words.

    Terms are matched as whole tokens, as they are counted; ``zhspeech.explore.live`` searches any string or regular
    expression when a kernel runs. Same speech and settings → same tables.
    """
    settings = {
        "top": check_positive("top", top),
        "lines": check_positive("lines", lines),
        "collocates": check_positive("collocates", collocates),
        "width": check_positive("width", width),
        "window": check_positive("window", window),
    }
    tokens = speech.tokens
    table = _term_table(tokens, top, terms)
    forms = _written_forms(tokens)
    found = [_occurrences(speech, term, width) for term in table["term"]]
    positions = pd.concat([_positions(term, rows) for term, rows in zip(table["term"], found)], ignore_index=True)
    kept = pd.concat([_kept_lines(term, rows, lines) for term, rows in zip(table["term"], found)], ignore_index=True)
    shown = set(zip(kept["term"], kept["start"]))
    positions["shown"] = [(t, s) in shown for t, s in zip(positions["term"], positions["start"])]
    table["occurrences"] = [len(rows) for rows in found]
    table["lines"] = table["term"].map(kept["term"].value_counts()).fillna(0).astype("int64")
    near = [_collocates(tokens, term, norm, collocates, window, forms) for term, norm in zip(table.term, table.norm)]
    return ExplorerData(
        terms=table,
        kwic=kept,
        positions=positions[POSITION_COLUMNS],
        sections=section_table(speech),
        collocates=pd.concat(near, ignore_index=True)[COLLOCATE_COLUMNS],
        length=len(speech.text),
        title=speech.title or "",
        settings=settings,
    )


def _label(table: pd.DataFrame) -> pd.Series:
    """The term as written (the ``written`` column of a traditional text), else as counted."""
    return table["written"] if "written" in table.columns else table["term"]


def _written_forms(tokens: pd.DataFrame) -> dict[str, str]:
    """Counted form → the form most often written (the same string in a simplified text)."""
    if "norm" not in tokens.columns:
        return {}
    words = tokens[tokens["is_word"].to_numpy(dtype=bool)]
    pairs = words.groupby(["norm", "token"], observed=True).size().reset_index(name="n")
    pairs = pairs.sort_values(["norm", "n", "token"], ascending=[True, False, True], kind="mergesort")
    return dict(zip(pairs["norm"].astype(str), pairs["token"].astype(str)))


def _term_table(tokens: pd.DataFrame, top: int, terms: list[str] | None) -> pd.DataFrame:
    """One row per term offered: the top terms by count and by G², or ``terms``, with their counts and keyness."""
    freq = textstat_frequency(tokens, drop_stopwords=True)
    key = textstat_keyness(tokens, direction="over", drop_stopwords=True)
    freq = freq.assign(label=_label(freq).astype(str), norm=freq["term"].astype(str))
    key = key.assign(label=_label(key).astype(str))
    if terms is None:
        chosen = list(dict.fromkeys([*freq["label"].head(top), *key["label"].head(top)]))
    else:
        chosen = list(dict.fromkeys(t.strip() for t in terms if isinstance(t, str) and t.strip()))
    rows = pd.DataFrame({"term": chosen})
    rows = rows.merge(freq[["label", "norm", "count", "per_10k", "dp"]], left_on="term", right_on="label", how="left")
    rows = rows.merge(key[["label", "g2", "log_ratio", "p_fdr"]], left_on="term", right_on="label", how="left")
    rows["norm"] = rows["norm"].fillna(rows["term"])
    rows["count"] = rows["count"].fillna(0).astype("int64")
    top_rank = {t: i + 1 for i, t in enumerate(freq["label"].head(top))}
    key_rank = {t: i + 1 for i, t in enumerate(key["label"].head(top))}
    rows["top_rank"] = rows["term"].map(top_rank).fillna(0).astype("int64")
    rows["key_rank"] = rows["term"].map(key_rank).fillna(0).astype("int64")
    return rows[TERM_COLUMNS].reset_index(drop=True)


def _occurrences(speech: Speech, term: str, width: int) -> pd.DataFrame:
    """Every occurrence of ``term`` as a whole token (or run of tokens), in text order."""
    return kwic(speech, term, width=width, match="token").sort_values("start", kind="mergesort")


def _positions(term: str, rows: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "term": term,
            "start": rows["start"].to_numpy(dtype=np.int64),
            "end": rows["end"].to_numpy(dtype=np.int64),
            "section": rows["section"].to_numpy(dtype=np.int64),
            "paragraph": rows["paragraph"].to_numpy(dtype=np.int64),
        }
    )


def _kept_lines(term: str, rows: pd.DataFrame, lines: int) -> pd.DataFrame:
    """At most ``lines`` KWIC lines of ``term``, evenly spread over its occurrences, with their sort ranks."""
    if len(rows) > lines:
        rows = rows.iloc[np.unique(np.linspace(0, len(rows) - 1, lines).round().astype(int))]
    rows = rows.reset_index(drop=True).assign(term=term, line=lambda t: np.arange(1, len(t) + 1))
    table = rows[KWIC_COLUMNS].copy()
    for column, key in (("by_left", rows["left"].str[::-1]), ("by_right", rows["right"])):
        order = np.argsort(key.to_numpy(dtype=str), kind="stable")
        table[column] = np.empty(len(rows), dtype=np.int64)
        table.loc[order, column] = np.arange(1, len(rows) + 1)
    return table.astype({"by_left": "int64", "by_right": "int64"})


def _collocates(tokens: pd.DataFrame, term: str, norm: str, n: int, window: int, forms: dict[str, str]) -> pd.DataFrame:
    """The ``n`` best collocates of ``term`` by G², collocates shown as written."""
    table = textstat_collocations(tokens, norm, window=window).head(n)
    table = table.assign(term=term, rank=np.arange(1, len(table) + 1, dtype=np.int64))
    table["collocate"] = [forms.get(c, c) for c in table["collocate"].astype(str)]
    return table[COLLOCATE_COLUMNS] if len(table) else pd.DataFrame(columns=COLLOCATE_COLUMNS)


def section_table(speech: Speech) -> pd.DataFrame:
    """The speech's sections as spans of ``speech.text``: ``section``, ``label``, ``start``, ``end``, ``shade``.

    A section runs from its heading to the next heading (the last to the end of the text); section 0, the opening,
    runs from the start of the text to the first heading. No rows when the speech has no sections."""
    heads = list(speech.sections)
    if not heads:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c != "label" else object) for c in SECTION_COLUMNS})
    starts = [h.start for h in heads]
    labels = [(h.label.rstrip("、. ") + "、" if h.label else "") + _first_clause(h.heading) for h in heads]
    numbers = list(range(1, len(heads) + 1))
    if starts[0] > 0:
        starts, labels, numbers = [0, *starts], ["opening", *labels], [0, *numbers]
    ends = [*starts[1:], len(speech.text)]
    table = pd.DataFrame({"section": numbers, "label": labels, "start": starts, "end": ends})
    table["shade"] = np.arange(len(table)) % 2
    return table.astype({"section": "int64", "start": "int64", "end": "int64", "shade": "int64"})


def _first_clause(heading: str) -> str:
    return re.split(r"[，,：:；;]", heading)[0]
