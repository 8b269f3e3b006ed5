"""Plot helpers: each takes a table from the statistics, themes or rhetoric functions and returns the Axes.

Every helper draws on ``ax`` when given (any Axes; the CJK font is applied to its texts) or on a new figure sized
for the chart, inside :func:`zhspeech.style`, and validates its options (``ValueError`` naming the allowed values).

    >>> ax = zhspeech.textplot_terms(zhspeech.textstat_frequency(speech.tokens), top=20)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from .._checks import check_choice, check_positive, require_columns
from ..errors import TableError
from .fonts import pil_font_path
from .plotstyle import PALETTE, apply_font, style

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    from matplotlib.axes import Axes

    from ..text.model import Speech

_GRID = {"color": "0.9", "linewidth": 0.8}
_SECTION_SHADE = "0.96"


def textplot_terms(freq: pd.DataFrame, *, top: int = 20, ax: Axes | None = None) -> Axes:
    """Horizontal bars of the ``top`` most frequent terms (``textstat_frequency`` table: term, count, per_10k…).

    Bars show counts; when the table has ``per_10k`` the top axis gives the same scale per 10,000 words.
    """
    require_columns(freq, ("term", "count"), "textplot_terms: the table")
    _one_row_per_term(freq, "textplot_terms")
    top = check_positive("top", top)
    data = freq.sort_values("count", ascending=False, kind="mergesort").head(top)
    with style() as font:
        ax = _axes(ax, (8.0, 0.28 * len(data) + 1.3))
        y = np.arange(len(data))
        bars = ax.barh(y, data["count"].to_numpy(), height=0.72, color=PALETTE[0])
        ax.set_yticks(y, labels=data["term"].astype(str).tolist())
        ax.invert_yaxis()
        ax.bar_label(bars, padding=3, fontsize=8.5, color="0.3")
        ax.set_xlabel("occurrences (count)")
        ax.set_title(f"Most frequent terms (top {len(data)})")
        _value_grid(ax, "x")
        ax.margins(x=0.08)
        rate = _per_10k_factor(data)
        if rate is not None:
            top_axis = ax.secondary_xaxis("top", functions=(lambda c: c * rate, lambda r: r / rate))
            top_axis.set_xlabel("per 10,000 words", fontsize=9, color="0.4")
        return apply_font(ax, font)


def textplot_keyness(keyness: pd.DataFrame, *, top: int = 15, ax: Axes | None = None) -> Axes:
    """Two-sided bars of ``log_ratio``: over-used terms (positive) above, under-used (negative) below.

    Within each side the ``top`` terms by |g2| are shown, strongest first; bars are solid when the term is
    significant (``p_fdr`` < 0.05, else ``p``), faded when not. A term with ``ref_count`` 0 — for a word list
    reference, usually a compound the kit's lexicon keeps whole that the reference splits — is hatched: its
    ratio rests on the 0.5 correction and shows direction, not size.
    """
    require_columns(keyness, ("term", "log_ratio", "g2"), "textplot_keyness: the table")
    top = check_positive("top", top)
    ordered = keyness.iloc[np.argsort(-keyness["g2"].abs().to_numpy(dtype=float), kind="stable")]
    over = ordered[ordered["log_ratio"] > 0].head(top)
    under = ordered[ordered["log_ratio"] < 0].head(top)
    p_col = "p_fdr" if "p_fdr" in keyness.columns else ("p" if "p" in keyness.columns else None)
    with style() as font:
        ax = _axes(ax, (8.0, 0.27 * (len(over) + len(under)) + 1.8))
        if over.empty and under.empty:
            return apply_font(_empty(ax, "no term differs from the reference"), font)
        rows = pd.concat(
            [
                over.assign(_y=np.arange(len(over))),
                under.assign(_y=np.arange(len(under)) + len(over) + (0.8 if len(over) else 0)),
            ]
        )
        absent = _keyness_bars(ax, rows, p_col)
        ax.axvline(0, color="0.3", linewidth=0.8)
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        ax.invert_yaxis()
        ax.set_xlabel("log ratio: speech vs reference (right = over-used, left = under-used)")
        reference = keyness.attrs.get("reference")
        ax.set_title(
            f"Keyness against the {reference} reference corpus" if reference else "Keyness against the reference"
        )
        _value_grid(ax, "x")
        ax.margins(x=0.22)
        if p_col:
            _keyness_legend(ax, p_col, absent.any())
        return apply_font(ax, font)


def _keyness_bars(ax: Axes, rows: pd.DataFrame, p_col: str | None) -> np.ndarray:
    """Bars and term labels of the keyness chart; returns which rows have no reference count (hatched)."""
    from matplotlib.colors import to_rgba

    significant = rows[p_col].to_numpy() < 0.05 if p_col else np.ones(len(rows), bool)
    colours = np.array(
        [
            to_rgba(PALETTE[0] if v > 0 else PALETTE[1], 1.0 if sig else 0.35)
            for v, sig in zip(rows["log_ratio"], significant)
        ]
    )
    absent = (rows["ref_count"].to_numpy() == 0) if "ref_count" in rows.columns else np.zeros(len(rows), bool)
    ax.barh(rows["_y"][~absent], rows["log_ratio"][~absent], height=0.72, color=colours[~absent], edgecolor="none")
    if absent.any():
        ax.barh(
            rows["_y"][absent],
            rows["log_ratio"][absent],
            height=0.72,
            color="white",
            edgecolor=colours[absent],
            hatch="////",
            linewidth=0.8,
        )
    pad = 0.01 * float(np.ptp(np.r_[rows["log_ratio"].to_numpy(), 0.0]) or 1.0)
    for y, term, value in zip(rows["_y"], rows["term"].astype(str), rows["log_ratio"]):
        ax.text(-pad if value > 0 else pad, y, term, ha="right" if value > 0 else "left", va="center", fontsize=9.5)
    return absent


def _keyness_legend(ax: Axes, p_col: str, absent: bool) -> None:
    from matplotlib.patches import Patch

    handles = [
        Patch(color=PALETTE[0], label="over-used"),
        Patch(color=PALETTE[1], label="under-used"),
        Patch(color="0.5", alpha=0.35, label=f"not significant ({p_col} ≥ 0.05)"),
    ]
    if absent:
        handles.append(
            Patch(
                facecolor="white",
                edgecolor="0.3",
                hatch="////",
                label="not in the reference: ratio from a count of 0.5",
            )
        )
    ax.legend(handles=handles, loc="lower right", fontsize=8.5)


def textplot_wordcloud(
    freq: pd.DataFrame, *, max_words: int = 100, ax: Axes | None = None, random_state: int = 0
) -> Axes:
    """Word cloud of the ``max_words`` most frequent terms of a frequency table (not of raw tokens).

    Sizes follow ``count``; colours darken with rank. The layout is fixed by ``random_state``; the font is the
    kit's CJK font file, so Chinese draws on every machine.
    """
    from wordcloud import WordCloud

    require_columns(freq, ("term", "count"), "textplot_wordcloud: the table")
    _one_row_per_term(freq, "textplot_wordcloud")
    max_words = check_positive("max_words", max_words)
    data = freq[freq["count"] > 0].sort_values("count", ascending=False, kind="mergesort").head(max_words)
    if data.empty:
        raise TableError("textplot_wordcloud: the frequency table has no term with a count above 0")
    terms = data["term"].astype(str).tolist()
    shade = {t: _blue(i / max(len(terms) - 1, 1)) for i, t in enumerate(terms)}
    with style() as font:
        # laid out on an 800×450 canvas and drawn at scale 2 (1600×900): the same picture as a full-size
        # layout at a quarter of the collision-search cost
        cloud = WordCloud(
            font_path=str(pil_font_path(font)),
            width=800,
            height=450,
            scale=2,
            background_color="white",
            max_words=max_words,
            random_state=random_state,
            collocations=False,
            prefer_horizontal=1.0,
            margin=3,
            relative_scaling=0.5,
            min_font_size=6,
            color_func=lambda word, **_: shade.get(word, "#08519c"),
        )
        cloud.generate_from_frequencies(dict(zip(terms, data["count"].astype(float))))
        ax = _axes(ax, (10.0, 5.8))
        ax.imshow(cloud.to_array(), interpolation="bilinear")
        ax.set_axis_off()
        ax.set_title(f"Word cloud of the {len(terms)} most frequent terms")
        return apply_font(ax, font)


def _blue(rank: float) -> str:
    from matplotlib import colormaps
    from matplotlib.colors import to_hex

    return to_hex(colormaps["Blues"](0.98 - 0.43 * rank))


def textplot_xray(
    tokens: pd.DataFrame, terms: str | Iterable[str], *, speech: Speech | None = None, ax: Axes | None = None
) -> Axes:
    """Dispersion x-ray: where each term occurs along the speech (token ``start`` offsets), one row per term.

    Terms are matched as whole tokens; with ``speech`` given, a term that is never a token (a phrase the
    segmenter splits, such as 命运共同体) is found in ``speech.text`` instead. Section boundaries come from
    ``speech.sections`` (else from the tokens' ``section`` column); alternate sections are shaded.
    """
    require_columns(tokens, ("token", "start"), "textplot_xray: the table")
    names = [terms] if isinstance(terms, str) else list(terms)
    if not names or not all(isinstance(t, str) and t.strip() for t in names):
        raise ValueError("textplot_xray: terms must be one or more non-empty strings")
    hits = _occurrences(tokens, names, speech)
    length = len(speech.text) if speech is not None else int(tokens.get("end", tokens["start"]).max()) + 1
    bounds = _section_starts(tokens, speech)
    with style() as font:
        ax = _axes(ax, (9.0, 0.42 * len(names) + 1.5))
        _shade_sections(ax, bounds, length)
        for row, term in enumerate(names):
            ax.vlines(hits[term], row - 0.34, row + 0.34, color=PALETTE[0], linewidth=1.1)
        ax.set_yticks(range(len(names)), labels=[f"{t}  ({len(hits[t])})" for t in names])
        ax.set_ylim(len(names) - 0.5, -0.5)
        ax.set_xlim(0, length)
        ax.set_xlabel("position in the speech (characters from the start)")
        ax.set_title("Where the terms occur")
        ax.tick_params(axis="y", length=0)
        return apply_font(ax, font)


def _occurrences(tokens: pd.DataFrame, terms: list[str], speech: Speech | None) -> dict[str, np.ndarray]:
    words = tokens["token"].astype(str)
    out = {t: tokens.loc[words == t, "start"].to_numpy(dtype=int) for t in terms}
    if speech is not None:
        for term in terms:
            if len(out[term]) == 0:
                out[term] = np.array([m.start() for m in re.finditer(re.escape(term), speech.text)], dtype=int)
    return out


def _section_starts(tokens: pd.DataFrame, speech: Speech | None) -> list[tuple[int, str]]:
    """(start offset, label) of each section: 一、 plus the heading's first clause, or the section number."""
    if speech is not None and speech.sections:
        # 一、 plus the first clause; an unnumbered section (a heading line with no label) shows its clause alone
        return [
            (h.start, (h.label.rstrip("、. ") + "、" if h.label else "") + re.split(r"[，,：:；;]", h.heading)[0])
            for h in speech.sections
        ]
    if "section" in tokens.columns:
        firsts = tokens[tokens["section"] > 0].groupby("section")["start"].min()
        return [(int(start), f"section {section}") for section, start in firsts.items()]
    return []


def _shade_sections(ax: Axes, bounds: list[tuple[int, str]], length: int) -> None:
    """Dashed line at each section start, alternate sections shaded, section names on a top axis."""
    if not bounds:
        return
    edges = [b for b, _ in bounds] + [length]
    for k, (start, _) in enumerate(bounds):
        if k % 2 == 0:
            ax.axvspan(start, edges[k + 1], color=_SECTION_SHADE, zorder=0, linewidth=0)
        ax.axvline(start, color="0.55", linestyle="--", linewidth=0.8, zorder=1)
    width_chars = 55  # about how many 9-pt characters fit across the plot
    labels = []
    for k, (start, label) in enumerate(bounds):
        room = int((edges[k + 1] - start) / max(length, 1) * width_chars)
        labels.append(_clip(label, room) if room >= 4 else label.split("、")[0])
    top = ax.secondary_xaxis("top")
    top.set_xticks([(a + b) / 2 for a, b in zip(edges[:-1], edges[1:])], labels=labels, fontsize=9, color="0.35")
    top.tick_params(length=0)
    top.spines["top"].set_visible(False)


def textplot_themes(scores: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Section × theme heatmap of shares (0–1) with each cell annotated in percent, and the uncoded share.

    Takes ``textstat_themes(speech)`` (wide: index = section, columns = themes and ``uncoded``); the long form
    (columns section or paragraph, theme, share; with ``sentences`` and ``uncoded`` counts) is pivoted first. The
    ``uncoded`` column — the share of the unit's sentences no theme codes — is drawn last, in grey, on its own scale
    (0–100 %), so a codebook that leaves most of the text uncoded shows it at a glance.
    """
    wide = _wide_scores(scores)
    values = wide.to_numpy(dtype=float)
    if np.nanmin(values) < 0 or np.nanmax(values) > 1:
        raise TableError("textplot_themes: values must be shares between 0 and 1 (textstat_themes, form='wide')")
    unit = wide.index.name or "section"
    has_uncoded = _UNCODED in wide.columns
    themes = values[:, :-1] if has_uncoded else values
    vmax = max(float(np.nanmax(themes)) if themes.size else 0.0, 0.05)
    with style() as font:
        ax = _axes(ax, (max(6.5, 0.95 * wide.shape[1] + 3.0), 0.62 * wide.shape[0] + 2.2))
        main = values.copy()
        if has_uncoded:
            main[:, -1] = np.nan
            grey = np.full_like(values, np.nan)
            grey[:, -1] = values[:, -1]
            ax.imshow(np.ma.masked_invalid(grey), cmap="Greys", vmin=0, vmax=1.25, aspect="auto")
            ax.axvline(wide.shape[1] - 1.5, color="white", linewidth=4)
        image = ax.imshow(np.ma.masked_invalid(main), cmap="Blues", vmin=0, vmax=vmax, aspect="auto")
        _annotate_shares(ax, values, vmax, has_uncoded)
        labels = [str(c) for c in wide.columns]
        ax.set_xticks(range(wide.shape[1]), labels=labels, rotation=35, ha="right", rotation_mode="anchor")
        if has_uncoded:
            ax.get_xticklabels()[-1].set_fontstyle("italic")
        ax.set_yticks(range(wide.shape[0]), labels=[_unit_label(unit, v, wide.index) for v in wide.index])
        ax.tick_params(length=0)
        for side in ax.spines.values():
            side.set_visible(False)
        bar = ax.get_figure().colorbar(image, ax=ax, shrink=0.85, pad=0.02)
        bar.set_label(f"share of the {unit}'s sentences", fontsize=9)
        bar.ax.yaxis.set_major_formatter(_percent())
        ax.set_title(f"Themes by {unit}")
        return apply_font(ax, font)


_UNCODED = "uncoded"


def _annotate_shares(ax: Axes, values: np.ndarray, vmax: float, has_uncoded: bool) -> None:
    """Each cell's share in percent; white on dark cells (the grey uncoded column is dark above 70 %)."""
    last = values.shape[1] - 1
    for (i, j), v in np.ndenumerate(values):
        dark = v > 0.7 if has_uncoded and j == last else v > 0.6 * vmax
        ax.text(
            j,
            i,
            "–" if np.isnan(v) else f"{v:.0%}",
            ha="center",
            va="center",
            fontsize=9,
            color="white" if dark else "0.15",
        )


def _wide_scores(scores: pd.DataFrame) -> pd.DataFrame:
    if {"theme", "share"} <= set(scores.columns):
        unit = next((c for c in ("section", "paragraph") if c in scores.columns), None)
        if unit is None:
            raise TableError("textplot_themes: a long table needs a section or paragraph column")
        wide = scores.pivot(index=unit, columns="theme", values="share")
        if {_UNCODED, "sentences"} <= set(scores.columns):
            per_unit = scores.drop_duplicates(unit).set_index(unit)
            wide[_UNCODED] = (per_unit[_UNCODED] / per_unit["sentences"]).reindex(wide.index)
        scores = wide
    if scores.empty or scores.shape[1] == 0:
        raise TableError("textplot_themes: the score table is empty")
    if _UNCODED in scores.columns:  # the uncoded share last, whatever the order given
        scores = scores[[c for c in scores.columns if c != _UNCODED] + [_UNCODED]]
    return scores


def _unit_label(unit: str, value: object, values: Iterable[object] = ()) -> str:
    """'section 2'; section 0 is the text before the first heading, or the whole speech when it has no sections."""
    if unit == "section" and value == 0:
        return "whole speech" if set(values) <= {0} else "opening"
    return f"{unit} {value}"


def _percent():  # type: ignore[no-untyped-def]
    from matplotlib.ticker import PercentFormatter

    return PercentFormatter(xmax=1.0, decimals=0)


def textplot_sentence_lengths(
    sentences: pd.DataFrame,
    *,
    by: Literal["section", "speech"] = "section",
    measure: Literal["chars", "han"] = "chars",
    ax: Axes | None = None,
) -> Axes:
    """Distribution of sentence lengths: a box and the sentences as dots per section, or one histogram.

    ``measure="chars"`` counts every character, ``"han"`` only Chinese characters. The dots' jitter takes a fixed
    seed, so the chart is the same on every run.
    """
    check_choice("by", by, ("section", "speech"))
    check_choice("measure", measure, ("chars", "han"))
    require_columns(
        sentences, (measure,) + (("section",) if by == "section" else ()), "textplot_sentence_lengths: the table"
    )
    if sentences.empty:
        raise TableError("textplot_sentence_lengths: the sentence table is empty")
    label = "sentence length (characters)" if measure == "chars" else "sentence length (Chinese characters)"
    with style() as font:
        ax = _axes(ax, (8.0, 4.8))
        if by == "speech":
            _length_histogram(ax, sentences[measure].to_numpy(dtype=float), label)
        else:
            _length_boxes(ax, sentences, measure, label)
        return apply_font(ax, font)


def _length_histogram(ax: Axes, values: np.ndarray, label: str) -> None:
    ax.hist(values, bins=np.histogram_bin_edges(values, bins="auto"), color=PALETTE[0], edgecolor="white")
    median, mean = float(np.median(values)), float(np.mean(values))
    ax.axvline(median, color=PALETTE[1], linewidth=1.4, label=f"median {median:.0f}")
    ax.axvline(mean, color="0.3", linewidth=1.2, linestyle="--", label=f"mean {mean:.1f}")
    ax.legend()
    ax.set_xlabel(label)
    ax.set_ylabel("sentences")
    ax.set_title(f"Sentence lengths ({len(values)} sentences)")
    _value_grid(ax, "y")


def _length_boxes(ax: Axes, sentences: pd.DataFrame, measure: str, label: str) -> None:
    groups = [(s, g[measure].to_numpy(dtype=float)) for s, g in sentences.groupby("section", sort=True)]
    ax.boxplot(
        [v for _, v in groups],
        positions=range(len(groups)),
        widths=0.5,
        showfliers=False,
        medianprops={"color": PALETTE[1], "linewidth": 1.6},
        boxprops={"color": "0.35"},
        whiskerprops={"color": "0.35"},
        capprops={"color": "0.35"},
    )
    rng = np.random.default_rng(0)
    for k, (_, values) in enumerate(groups):
        ax.scatter(
            k + rng.uniform(-0.16, 0.16, len(values)), values, s=14, color=PALETTE[0], alpha=0.65, linewidth=0, zorder=3
        )
    sections = [s for s, _ in groups]
    ax.set_xticks(
        range(len(groups)), labels=[f"{_unit_label('section', s, sections)}\n{len(v)} sentences" for s, v in groups]
    )
    ax.set_ylabel(label)
    by = " by section" if sections != [0] else ""
    ax.set_title(f"Sentence lengths{by} (box: quartiles, line: median)")
    _value_grid(ax, "y")


def textplot_network(
    graph: nx.Graph,
    *,
    ax: Axes | None = None,
    seed: int = 0,
    labels: int = 60,
    layout: Literal["kamada_kawai", "spring"] = "kamada_kawai",
) -> Axes:
    """Co-occurrence network: node size ~ ``count``, colour = ``community``, edge width ~ ``weight``.

    Layout per connected component (the largest in the middle, smaller ones in columns to its right):
    ``"kamada_kawai"`` (``networkx.kamada_kawai_layout``: even spacing for the dense graphs of a short text,
    deterministic by construction) or ``"spring"`` (``networkx.spring_layout`` with ``seed``). The same graph
    always draws the same. Only the ``labels`` most frequent terms are named; a dense graph reads better built with
    a higher ``min_count`` or ``threshold``.
    """
    import networkx as nx

    if not isinstance(graph, nx.Graph):
        raise TableError(f"textplot_network: expected a networkx Graph, got {type(graph).__name__}")
    labels = check_positive("labels", labels)
    check_choice("layout", layout, ("kamada_kawai", "spring"))
    with style() as font:
        ax = _axes(ax, (9.0, 8.0) if graph.number_of_nodes() else (9.0, 2.0))
        ax.set_axis_off()
        ax.set_title("Co-occurrence network of terms")
        if graph.number_of_nodes() == 0:
            return apply_font(_empty(ax, "no pair of terms passes the thresholds"), font)
        pos = _layout(graph, layout, seed)
        _draw_edges(ax, graph, pos)
        _draw_nodes(ax, graph, pos, labels)
        ax.margins(0.06)
        return apply_font(ax, font)


def _layout(graph: nx.Graph, layout: str, seed: int) -> dict:
    """Positions: the largest component in the unit square, smaller ones in columns to its right.

    (One layout of a disconnected graph pushes the small components far out and squeezes the rest.)
    """
    import networkx as nx

    parts = sorted((sorted(c, key=str) for c in nx.connected_components(graph)), key=lambda c: (-len(c), str(c[0])))

    def place(nodes: list, scale: float) -> dict:
        if len(nodes) < 3:
            return {n: np.array([0.0, -scale * k]) for k, n in enumerate(nodes)}
        sub = graph.subgraph(nodes)
        if layout == "spring":
            return nx.spring_layout(
                sub, seed=seed, weight="weight", k=1.6 / np.sqrt(len(nodes)), iterations=200, scale=scale
            )
        return nx.kamada_kawai_layout(sub, weight=None, scale=scale)

    pos = place(parts[0], 1.0)
    slot, per_column = 0.34, 6
    for i, nodes in enumerate(parts[1:]):
        x, y = 1.45 + slot * (i // per_column), 0.85 - slot * (i % per_column)
        pos.update({n: xy + (x, y) for n, xy in place(nodes, min(0.12 * np.sqrt(len(nodes)), 0.3)).items()})
    return pos


def _draw_edges(ax: Axes, graph: nx.Graph, pos: dict) -> None:
    from matplotlib.collections import LineCollection

    edges = list(graph.edges(data="weight", default=1.0))
    if not edges:
        return
    w = np.array([float(d) for _, _, d in edges])
    span = float(np.ptp(w)) or 1.0
    segments = [(pos[a], pos[b]) for a, b, _ in edges]
    ax.add_collection(
        LineCollection(segments, linewidths=0.4 + 2.2 * (w - w.min()) / span, colors="0.55", alpha=0.55, zorder=1)
    )


def _draw_nodes(ax: Axes, graph: nx.Graph, pos: dict, labels: int) -> None:
    from matplotlib import patheffects

    nodes = list(graph.nodes)
    count = np.array([float(graph.nodes[n].get("count", 1)) for n in nodes])
    community = [int(graph.nodes[n].get("community", 0)) for n in nodes]
    colours = [_community_colour(c) for c in community]
    xy = np.array([pos[n] for n in nodes])
    scale = min(1.0, np.sqrt(40 / len(nodes)))  # smaller discs when there are many nodes
    ax.scatter(
        xy[:, 0],
        xy[:, 1],
        s=scale * (60 + 900 * np.sqrt(count / count.max())),
        c=colours,
        alpha=0.85,
        edgecolors="white",
        linewidths=0.8,
        zorder=2,
    )
    named = set(np.argsort(-count, kind="stable")[:labels])
    outline = [patheffects.withStroke(linewidth=2.5, foreground="white")]
    for k, node in enumerate(nodes):
        if k in named:
            ax.text(
                *xy[k],
                str(node),
                ha="center",
                va="center",
                zorder=3,
                path_effects=outline,
                fontsize=8 + 5 * np.sqrt(count[k] / count.max()),
            )
    _community_legend(ax, graph)


def _side_legend(ax: Axes, handles: list, title: str) -> None:
    """A legend outside the axes, to their right, top-aligned (the network's communities, the timeline's kinds)."""
    ax.legend(
        handles=handles,
        title=title,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        fontsize=8.5,
        title_fontsize=9,
        alignment="left",
    )


def _community_legend(ax: Axes, graph: nx.Graph) -> None:
    """One legend entry per coloured community, named by its three most frequent terms."""
    from matplotlib.lines import Line2D

    members: dict[int, list[tuple[float, str]]] = {}
    for node, data in graph.nodes(data=True):
        members.setdefault(int(data.get("community", 0)), []).append((-float(data.get("count", 1)), str(node)))
    if len(members) < 2:
        return
    handles = []
    for c in sorted(members):
        shown = c if 0 < c <= len(_NODE_COLOURS) else None
        if shown is None and any(h.get_label().startswith("other") for h in handles):
            continue
        label = f"{c}: " + "、".join(t for _, t in sorted(members[c])[:3]) if shown is not None else "other communities"
        handles.append(Line2D([], [], marker="o", linestyle="", color=_community_colour(c), markersize=8, label=label))
    _side_legend(ax, handles, "community")


_NODE_COLOURS = PALETTE[:6]  # yellow and black are kept for text


def _community_colour(community: int) -> str:
    """The six largest communities (numbered 1–6 by size) get their own colour; the rest are grey."""
    return _NODE_COLOURS[community - 1] if 0 < community <= len(_NODE_COLOURS) else "0.62"


_DATE_KINDS = {
    "full": "full date",
    "year_month": "year and month",
    "year": "year",
    "range": "range of years",
    "relative": "relative (今年, 去年…)",
    "month_day": "month and day (year from context)",
}


def textplot_timeline(timeline: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """The dates a speech mentions, one row per mention in time order, labelled as written plus the event.

    Takes ``zhspeech.timeline(speech, year=…)`` (date ``YYYY[-MM[-DD]]``, year, month, day, kind, unresolved,
    inferred, expression, text, sentence; ``end_date`` draws ranges as bars). Year-only dates sit mid-year, month
    dates mid-month; relative dates show what they resolved to; a hollow marker means the year came from the file
    name. Unresolved rows (a relative date such as 今年 while the document year is unknown) are not placed at any
    year: they are listed in a note beside the axis.
    """
    require_columns(timeline, ("date", "year", "expression"), "textplot_timeline: the table")
    placed = timeline["year"].notna()
    data, unresolved = timeline[placed].copy(), timeline[~placed]
    with style() as font:
        ax = _axes(ax, (11.0, 0.34 * max(len(data), 1) + 1.7))
        ax.set_title("Dates mentioned in the speech")
        if data.empty:
            message = "no date could be placed" if len(unresolved) else "the speech mentions no date"
            _empty(ax, message)
            _timeline_unresolved(ax, unresolved)
            return apply_font(ax, font)
        data["when"] = [_decimal_year(r) for r in data.itertuples()]
        data = data.sort_values(["when", "sentence"] if "sentence" in data.columns else ["when"], kind="mergesort")
        kinds = [k for k in _DATE_KINDS if k in set(data.get("kind", pd.Series(["full"])).astype(str))]
        kinds += sorted(set(data.get("kind", pd.Series(dtype=str)).astype(str)) - set(kinds))
        middle = (data["when"].min() + data["when"].max()) / 2
        for row, rec in enumerate(data.itertuples()):
            colour = PALETTE[kinds.index(str(getattr(rec, "kind", "full"))) % len(PALETTE)] if kinds else PALETTE[0]
            end = getattr(rec, "end_date", None)
            if isinstance(end, str) and end[:4].isdigit():
                ax.plot(
                    [rec.when, int(end[:4]) + 0.5],
                    [row, row],
                    color=colour,
                    linewidth=3,
                    alpha=0.5,
                    solid_capstyle="round",
                )
            hollow = bool(getattr(rec, "inferred", False))
            ax.plot(rec.when, row, "o", markersize=7, color=colour, markerfacecolor="white" if hollow else colour)
            right = rec.when > middle
            ax.annotate(
                _timeline_label(rec),
                xy=(rec.when, row),
                xytext=(-9 if right else 9, 0),
                textcoords="offset points",
                va="center",
                ha="right" if right else "left",
                fontsize=9,
            )
        _timeline_axes(ax, data, kinds)
        _timeline_unresolved(ax, unresolved)
        return apply_font(ax, font)


def _timeline_unresolved(ax: Axes, unresolved: pd.DataFrame) -> None:
    """List the dates no year could be given to (今年, 去年… with the document year unknown) beside the axis."""
    if unresolved.empty:
        return
    counts = unresolved["expression"].astype(str).value_counts(sort=False)
    shown = [f"{expr} ×{n}" if n > 1 else expr for expr, n in counts.items()]
    lines = [", ".join(shown[i : i + 3]) for i in range(0, min(len(shown), 15), 3)]
    if len(shown) > 15:
        lines.append(f"… and {len(shown) - 15} more")
    ax.text(
        1.01,
        0.0,
        "Not placed — the document year is unknown\n(pass year= to resolve):\n" + "\n".join(lines),
        transform=ax.transAxes,
        ha="left",
        va="bottom",
        fontsize=8.5,
        color="0.3",
    )


def _decimal_year(rec: object) -> float:
    year = float(rec.year)
    month, day = getattr(rec, "month", None), getattr(rec, "day", None)
    if month is None or pd.isna(month):
        return year + 0.5
    if day is None or pd.isna(day):
        return year + (float(month) - 0.5) / 12
    return year + (float(month) - 1) / 12 + (float(day) - 0.5) / 365


def _timeline_label(rec: object) -> str:
    expression, date = str(rec.expression), str(rec.date)
    resolved = str(getattr(rec, "kind", "")) in ("relative", "month_day")
    label = f"{expression} (= {date})" if resolved else expression
    text = str(getattr(rec, "text", "") or "")
    at = text.find(expression)
    tail = text[at + len(expression) :] if at >= 0 else ""
    tail = tail.lstrip("，,、。：: 的在").split("。")[0]
    return f"{label}　{_clip(tail, 18)}" if tail else label


def _timeline_axes(ax: Axes, data: pd.DataFrame, kinds: list[str]) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.ticker import MaxNLocator

    lo, hi = int(np.floor(data["when"].min())), int(np.ceil(data["when"].max()))
    span = max(hi - lo, 1)
    ax.set_xlim(lo - 0.08 * span - 0.3, hi + 0.08 * span + 0.3)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=min(span + 1, 14)))
    ax.set_ylim(len(data) - 0.4, -0.6)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    _value_grid(ax, "x")
    ax.set_xlabel("year")
    handles = [
        Line2D([], [], marker="o", linestyle="", color=PALETTE[k % len(PALETTE)], label=_DATE_KINDS.get(kind, kind))
        for k, kind in enumerate(kinds)
    ]
    if "inferred" in data.columns and data["inferred"].astype(bool).any():
        handles.append(
            Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                color="0.3",
                markerfacecolor="white",
                label="year from the file name",
            )
        )
    _side_legend(ax, handles, "date written as")


def textplot_outline(speech: Speech, *, ax: Axes | None = None) -> Axes:
    """The speech as a tree: sections, then their paragraphs (named by their bold point, if any), bars = characters.

    Sections are coloured rows with their total; paragraphs opening with a point are solid, others faded and
    named by their first words.
    """
    paragraphs = speech.paragraphs
    require_columns(paragraphs, ("paragraph", "section", "chars", "text"), "textplot_outline: the table")
    if paragraphs.empty:
        raise TableError("textplot_outline: the speech has no body paragraphs")
    rows = _outline_rows(speech)
    with style() as font:
        ax = _axes(ax, (10.0, 0.3 * len(rows) + 1.4))
        heading_weight = font.heading_weight
        for y, (kind, label, chars, section, _) in enumerate(rows):
            colour = _NODE_COLOURS[(section - 1) % len(_NODE_COLOURS)] if section > 0 else "0.45"
            if kind == "section":
                ax.text(0, y, label, va="center", ha="left", fontsize=10.5, fontweight=heading_weight, color=colour)
            else:
                ax.barh(y, chars, left=0, height=0.66, color=colour, alpha=1.0 if kind == "point" else 0.4)
                ax.text(
                    -0.012,
                    y,
                    label,
                    transform=ax.get_yaxis_transform(),
                    ha="right",
                    va="center",
                    fontsize=9,
                    color="0.1" if kind == "point" else "0.4",
                )
        ax.set_ylim(len(rows) - 0.5, -0.7)
        ax.set_yticks([])
        ax.set_xlabel("characters per paragraph")
        ax.set_title(_clip(speech.title or "Outline of the speech", 40))
        _value_grid(ax, "x")
        ax.set_xlim(0, float(paragraphs["chars"].max()) * 1.05)
        return apply_font(ax, font)


def _outline_rows(speech: Speech) -> list[tuple[str, str, int, int, int]]:
    """(kind, label, chars, section, paragraph) rows in reading order: section headers, then paragraphs."""
    leads = {p.paragraph: p.lead.rstrip("。．.") for p in speech.points}
    headings = {h.number: h for h in speech.sections}
    rows: list[tuple[str, str, int, int, int]] = []
    for section, group in speech.paragraphs.groupby("section", sort=True):
        chars, n = int(group["chars"].sum()), len(group)
        head = headings.get(int(section))
        title = (
            f"{head.label}{_clip(head.heading, 24)}"
            if head is not None
            else _unit_label("section", int(section), [h.number for h in speech.sections] or [0])
        )
        rows.append(("section", f"{title}  —  {n} paragraphs, {chars:,} characters", chars, int(section), 0))
        for rec in group.itertuples():
            p = int(rec.paragraph)
            label = leads.get(p) or f"¶{p}  {_clip(str(rec.text), 14)}"
            rows.append(("point" if p in leads else "paragraph", _clip(label, 26), int(rec.chars), int(section), p))
    return rows


# -- small shared pieces ------------------------------------------------------------------------------------------


def _axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    return plt.figure(figsize=size, layout="constrained").add_subplot()


def _one_row_per_term(table: pd.DataFrame, where: str) -> None:
    if table["term"].duplicated().any():
        raise TableError(
            f"{where}: the table has several rows per term (by section?); "
            "pass one section's rows or the whole-speech table"
        )


def _per_10k_factor(data: pd.DataFrame) -> float | None:
    if "per_10k" not in data.columns or data.empty or (data["count"] <= 0).any():
        return None
    ratio = (data["per_10k"] / data["count"]).to_numpy(dtype=float)
    return float(ratio[0]) if np.allclose(ratio, ratio[0], rtol=1e-3) else None


def _value_grid(ax: Axes, axis: Literal["x", "y"]) -> None:
    ax.grid(True, axis=axis, **_GRID)
    ax.set_axisbelow(True)


def _empty(ax: Axes, message: str) -> Axes:
    ax.text(0.5, 0.5, message, transform=ax.transAxes, ha="center", va="center", color="0.4")
    return ax


def _clip(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
