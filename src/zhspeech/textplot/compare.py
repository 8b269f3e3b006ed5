"""Charts of comparisons: two speeches (or a group against the rest of a corpus), and terms across a corpus.

Each helper takes a table of ``zhspeech.textstat.compare`` or ``zhspeech.textstat.change`` and draws on ``ax`` when
given (the CJK font is applied to its texts) or on a new figure sized for the chart, inside :func:`zhspeech.style`.

    >>> table = zhspeech.textstat_compare(speech_2016, speech_2017)
    >>> zhspeech.textplot_keyness_compare(table)          # two-sided bars, each with its two counts
    >>> zhspeech.textplot_scatter(table)                  # rate in A against rate in B, distinctive terms named
    >>> traj = zhspeech.textstat_trajectories(corpus.dtm(), ["改革", "创新", "开放"])
    >>> zhspeech.textplot_trajectories(traj)              # one small panel per term
    >>> zhspeech.textplot_heatmap(traj)                   # terms × years
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .._checks import check_choice, check_positive, require_columns
from ..errors import OptionError, TableError
from ..textstat.compare import side_label
from .charts import _axes, _clip, _empty, _value_grid
from .plotstyle import PALETTE, apply_font, style

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.colors import Colormap
    from matplotlib.text import Text

#: Colour of the side a term leans to: A (left, negative values) and B (right, positive), as in textplot_keyness.
COLOUR_A, COLOUR_B = PALETTE[1], PALETTE[0]
MEASURES = ("log_odds_z", "g2", "log_ratio")
_MEASURE_NAMES = {
    "log_odds_z": "weighted log-odds, z-score (Monroe et al. 2008)",
    "g2": "signed log-likelihood G²",
    "log_ratio": "log ratio (log₂ of the rate ratio)",
}
Z_95 = 1.959964  # |z| of a two-sided 95 % test
_LABEL_ITERATIONS = 100  # adjustText iterations: a fixed number, no time limit, so every run places labels alike


# -- the two sides of a comparison table -------------------------------------------------------------------------


def _two_sides(
    table: pd.DataFrame, measure: str, labels: Sequence[str] | None, group: object, where: str
) -> tuple[pd.DataFrame, tuple[str, str]]:
    """One frame with term, count_a, count_b, per_10k_a, per_10k_b (when given), value, significant — from a pair
    table (``textstat_compare``: count_a/count_b) or one group of a group table (``textstat_compare_groups``:
    count_rest is side A, the group side B) — and the two side names."""
    require_columns(table, ("term", measure), f"{where}: the table")
    if _is_groups(table):
        rows, chosen = _one_group(table, group, where)
        names = ("the rest of the corpus", str(chosen) if chosen is not None else "the group")
        renamed = {"count_rest": "count_a", "count": "count_b", "per_10k_rest": "per_10k_a", "per_10k": "per_10k_b"}
    elif {"count_a", "count_b"} <= set(table.columns):
        rows, names, renamed = table, _pair_names(table), {}
    else:
        raise TableError(
            f"{where}: the table lacks count_a and count_b (a textstat_compare table) "
            "or count and count_rest (a textstat_compare_groups table)"
        )
    named = rows.rename(columns=renamed)
    sides = named[[c for c in ("count_a", "count_b", "per_10k_a", "per_10k_b") if c in named.columns]].copy()
    sides.insert(0, "term", rows["term"].astype(str).to_numpy())
    sides["value"] = pd.to_numeric(rows[measure], errors="coerce").to_numpy(dtype=float)
    sides["significant"] = _significant(rows, measure)
    return sides.reset_index(drop=True), _given_labels(labels) if labels is not None else names


def _is_groups(table: pd.DataFrame) -> bool:
    """Whether ``table`` is a group-against-the-rest table (count and count_rest) rather than a pair table."""
    return {"count", "count_rest"} <= set(table.columns) and not {"count_a", "count_b"} <= set(table.columns)


def _one_group(table: pd.DataFrame, group: object, where: str) -> tuple[pd.DataFrame, object]:
    if "group" not in table.columns:
        return table, group
    groups = list(pd.unique(table["group"]))
    if group is None:
        if len(groups) > 1:
            shown = ", ".join(map(repr, groups[:8])) + (" …" if len(groups) > 8 else "")
            raise TableError(f"{where}: the table holds {len(groups)} groups ({shown}); pass group= to pick one")
        return table, groups[0] if groups else None
    rows = table[table["group"] == group]
    if rows.empty and len(table):
        raise OptionError(f"group={group!r} is not in the table; it holds {', '.join(map(repr, groups[:8]))}")
    return rows, group


def _pair_names(table: pd.DataFrame) -> tuple[str, str]:
    """Side names from ``attrs``: ``label_a``/``label_b``, else ``a``/``b`` (a name, or a dict with year, author,
    title, name or path), else "A" and "B"."""
    attrs = table.attrs
    names = []
    for side in ("a", "b"):
        given = attrs.get(f"label_{side}") or attrs.get(side)
        if isinstance(given, dict):
            given = side_label(given)
        names.append(_clip(str(given), 24) if given not in (None, "") else side.upper())
    return names[0], names[1]


def _given_labels(labels: Sequence[str]) -> tuple[str, str]:
    if isinstance(labels, str) or len(labels) != 2 or not all(isinstance(x, str) and x.strip() for x in labels):
        raise OptionError(f"labels={labels!r}: give two names, for side A and side B, e.g. ('2016', '2017')")
    return labels[0], labels[1]


def _significant(rows: pd.DataFrame, measure: str) -> np.ndarray:
    """|z| ≥ 1.96 for the log-odds z-score; else p_fdr (or p) < 0.05 when the table has it; else every row."""
    if measure == "log_odds_z":
        return np.abs(rows[measure].to_numpy(dtype=float)) >= Z_95
    p_col = "p_fdr" if "p_fdr" in rows.columns else ("p" if "p" in rows.columns else None)
    return rows[p_col].to_numpy(dtype=float) < 0.05 if p_col else np.ones(len(rows), bool)


# -- two-sided keyness -------------------------------------------------------------------------------------------


def textplot_keyness_compare(
    table: pd.DataFrame,
    *,
    top: int = 15,
    labels: Sequence[str] | None = None,
    measure: str = "log_odds_z",
    group: object = None,
    ax: Axes | None = None,
) -> Axes:
    """Two-sided bars: the ``top`` terms leaning to A to the left, the ``top`` leaning to B to the right.

    Takes ``textstat_compare(a, b)`` (term, count_a, count_b and ``measure``; + = leans B) or
    ``textstat_compare_groups`` (term, count, count_rest, group: the group is side B, the rest side A; ``group``
    picks one group when the table holds several). Bars show ``measure`` ("log_odds_z", "g2" or "log_ratio"),
    strongest first on each side; each is annotated with its two counts, "count in A → count in B". Faded bars
    are not significant (|z| < 1.96 for the z-score, else ``p_fdr`` ≥ 0.05). ``labels`` names the two sides;
    by default they come from ``table.attrs`` (``label_a``/``label_b``, or ``a``/``b`` with year and author, as
    "2016 李克强"), else "A" and "B".
    """
    check_choice("measure", measure, MEASURES)
    top = check_positive("top", top)
    sides, (name_a, name_b) = _two_sides(table, measure, labels, group, "textplot_keyness_compare")
    ranked = sides.iloc[np.argsort(-np.abs(np.nan_to_num(sides["value"].to_numpy())), kind="stable")]
    lean_a, lean_b = ranked[ranked["value"] < 0].head(top), ranked[ranked["value"] > 0].head(top)
    with style() as font:
        ax = _axes(ax, (8.5, 0.27 * (len(lean_a) + len(lean_b)) + 2.3))
        ax.set_title(
            f"What sets {name_b} apart from {name_a}" if _is_groups(table) else f"What sets {name_a} and {name_b} apart"
        )
        if lean_a.empty and lean_b.empty:
            return apply_font(_empty(ax, "no term leans to either side"), font)
        gap = 1.0 if len(lean_a) and len(lean_b) else 0.0
        rows = pd.concat(
            [lean_a.assign(_y=np.arange(len(lean_a))), lean_b.assign(_y=np.arange(len(lean_b)) + len(lean_a) + gap)]
        )
        _two_sided_bars(ax, rows)
        ax.axvline(0, color="0.3", linewidth=0.8)
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        reach = 1.35 * float(np.abs(rows["value"]).max())
        ax.set_xlim(-reach, reach)  # symmetric: room for the terms and counts on either side, even when one is empty
        _side_headers(ax, name_a, name_b, len(rows) + gap)
        ax.set_xlabel(f"{_MEASURE_NAMES[measure]}\nnumbers: count in {name_a} → count in {name_b}")
        _value_grid(ax, "x")
        _lean_legend(ax, name_a, name_b, measure, "lower right" if lean_b.empty else "lower left")
        return apply_font(ax, font)


def _two_sided_bars(ax: Axes, rows: pd.DataFrame) -> None:
    """Bars (solid when significant), the term at the bar's base and the two counts at its end."""
    values = rows["value"].to_numpy(dtype=float)
    colours = [_faded(COLOUR_B if v > 0 else COLOUR_A, 1.0 if s else 0.35) for v, s in zip(values, rows["significant"])]
    ax.barh(rows["_y"], values, height=0.72, color=colours, edgecolor="none")
    pad = 0.012 * float(np.ptp(np.r_[values, 0.0]) or 1.0)
    for y, term, value, a, b in zip(rows["_y"], rows["term"], values, rows["count_a"], rows["count_b"]):
        right = value > 0
        ax.text(-pad if right else pad, y, term, ha="right" if right else "left", va="center", fontsize=9.5)
        ax.text(
            value + (pad if right else -pad),
            y,
            f"{_count(a)} → {_count(b)}",
            ha="left" if right else "right",
            va="center",
            fontsize=8,
            color="0.35",
        )


def _faded(colour: str, strength: float) -> tuple[float, float, float]:
    """``colour`` mixed with white (opaque, so the grid stays behind a faded bar)."""
    from matplotlib.colors import to_rgb

    return tuple(strength * c + (1 - strength) for c in to_rgb(colour))  # type: ignore[return-value]


def _count(value: object) -> str:
    number = float(value)
    return f"{number:,.0f}" if number == int(number) else f"{number:,.1f}"


def _side_headers(ax: Axes, name_a: str, name_b: str, n_rows: float) -> None:
    """'← more in A' and 'more in B →' on a header row above the bars, on either side of zero."""
    ax.set_ylim(n_rows - 0.4, -1.7)
    ax.text(0, -1.15, f"← more in {name_a}  ", ha="right", va="center", fontsize=10, color=COLOUR_A)
    ax.text(0, -1.15, f"  more in {name_b} →", ha="left", va="center", fontsize=10, color=COLOUR_B)


def _lean_legend(ax: Axes, name_a: str, name_b: str, measure: str, corner: str) -> None:
    """The legend in a corner the bars leave free (lower left under B's bars, lower right when only A has bars)."""
    from matplotlib.patches import Patch

    rule = "|z| < 1.96" if measure == "log_odds_z" else "p_fdr ≥ 0.05"
    handles = [
        Patch(color=COLOUR_A, label=f"leans {name_a}"),
        Patch(color=COLOUR_B, label=f"leans {name_b}"),
        Patch(color=_faded("0.5", 0.35), label=f"not significant ({rule})"),
    ]
    ax.legend(handles=handles, loc=corner, fontsize=8.5)


# -- the two-group scatter ---------------------------------------------------------------------------------------


def textplot_scatter(
    table: pd.DataFrame,
    *,
    label: int = 20,
    labels: Sequence[str] | None = None,
    group: object = None,
    ax: Axes | None = None,
) -> Axes:
    """Every term placed by its rate in A (x) and in B (y), per 10,000 words, coloured by ``log_odds_z``.

    In the manner of Scattertext's two-category plot. Takes ``textstat_compare(a, b)`` (term, count_a, count_b,
    per_10k_a, per_10k_b, log_odds_z) or one group of ``textstat_compare_groups`` (the rest on x, the group on y).
    Both axes share one symmetric-log scale: logarithmic from the smallest rate of the table up, linear below it, so
    a term absent from one side sits on that side's 0 line instead of being lost off a log axis. The dashed diagonal is
    equal rates; terms above it lean B, below it A. Colours run from A's colour through grey to B's, with limits
    symmetric around 0. The ``label`` most distinctive terms each way (by z) are named, with labels moved apart by
    adjustText in a fixed number of iterations (so the same table always draws the same); a label that would
    still overlap another is left out, weakest first.
    """
    label = check_positive("label", label, minimum=0)
    sides, (name_a, name_b) = _two_sides(table, "log_odds_z", labels, group, "textplot_scatter")
    if not {"per_10k_a", "per_10k_b"} <= set(sides.columns):
        raise TableError("textplot_scatter: the table lacks per_10k_a and per_10k_b (or per_10k and per_10k_rest)")
    sides = sides.dropna(subset=["value"])
    sides = sides.iloc[np.argsort(np.abs(sides["value"].to_numpy()), kind="stable")]  # distinctive ones on top
    with style() as font:
        ax = _axes(ax, (8.5, 7.0))
        ax.set_title(f"Term rates in {name_a} and in {name_b}")
        if sides.empty:
            return apply_font(_empty(ax, "no term to place"), font)
        x, y = sides["per_10k_a"].to_numpy(dtype=float), sides["per_10k_b"].to_numpy(dtype=float)
        _symlog_axes(ax, x, y)
        points = _lean_points(ax, x, y, sides["value"].to_numpy(dtype=float), name_a, name_b)
        ax.set_xlabel(f"per 10,000 words in {name_a}")
        ax.set_ylabel(f"per 10,000 words in {name_b}")
        ax.get_figure().draw_without_rendering()  # the final layout (colourbar included) before labels are placed
        named = pd.concat([sides[sides["value"] < 0].tail(label), sides[sides["value"] > 0].tail(label)])
        named = named.iloc[np.argsort(-np.abs(named["value"].to_numpy()), kind="stable")]
        _place_labels(ax, named, points, font)
        return apply_font(ax, font)


def _symlog_axes(ax: Axes, x: np.ndarray, y: np.ndarray) -> None:
    """The same symmetric-log scale on both axes, linear below the smallest rate; plain-number ticks; a diagonal."""
    from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator

    values = np.r_[x, y]
    low = float(values[values > 0].min()) if (values > 0).any() else 1.0
    top = max(float(np.nanmax(values)), low) * 1.6
    ax.set_xscale("symlog", linthresh=low, linscale=0.35)
    ax.set_yscale("symlog", linthresh=low, linscale=0.35)
    for axis in (ax.xaxis, ax.yaxis):
        axis.set_major_locator(FixedLocator(_rate_ticks(low, top)))
        axis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
        axis.set_minor_locator(NullLocator())
    ax.set_xlim(-0.5 * low, top)
    ax.set_ylim(-0.5 * low, top)
    ax.plot([0.0, top], [0.0, top], linestyle="--", color="0.55", linewidth=0.9, zorder=1, label="equal rates")
    ax.grid(True, color="0.93", linewidth=0.7)
    ax.set_axisbelow(True)


def _rate_ticks(low: float, top: float) -> list[float]:
    """0, then powers of ten from the first at or above ``low`` (1-2-5 steps when that gives fewer than three)."""
    start, stop = int(np.ceil(np.log10(low) - 1e-9)), int(np.floor(np.log10(top)))
    ticks = [10.0**k for k in range(start, stop + 1)]
    if len(ticks) < 3:
        ticks = [m * 10.0**k for k in range(start - 1, stop + 1) for m in (1, 2, 5) if low <= m * 10.0**k <= top]
    return [0.0, *ticks]


def _lean_points(ax: Axes, x: np.ndarray, y: np.ndarray, z: np.ndarray, name_a: str, name_b: str) -> Any:
    from matplotlib.colors import Normalize

    limit = max(float(np.abs(z).max()), Z_95)
    points = ax.scatter(
        x, y, c=z, cmap=_lean_cmap(), norm=Normalize(-limit, limit), s=14, alpha=0.85, linewidths=0, zorder=2
    )
    bar = ax.get_figure().colorbar(points, ax=ax, shrink=0.8, pad=0.02)
    bar.set_label(f"log-odds z  (− more in {name_a}, + more in {name_b})", fontsize=9)
    ax.legend(loc="upper left", fontsize=8.5)
    return points


def _lean_cmap() -> Colormap:
    from matplotlib.colors import LinearSegmentedColormap

    return LinearSegmentedColormap.from_list("zhspeech_lean", [COLOUR_A, "0.8", COLOUR_B])


def _place_labels(ax: Axes, named: pd.DataFrame, points: Any, font: Any) -> list[Text]:
    """Name the chosen points, move the names apart (adjustText, fixed iterations), drop any still overlapping."""
    from adjustText import adjust_text
    from matplotlib import patheffects

    outline = [patheffects.withStroke(linewidth=2.2, foreground="white")]
    texts = []
    for term, x, y, z in zip(named["term"], named["per_10k_a"], named["per_10k_b"], named["value"]):
        text = ax.text(x, y, term, fontsize=8.5, color=COLOUR_B if z > 0 else COLOUR_A, path_effects=outline, zorder=4)
        text.set_in_layout(False)
        texts.append(text)
    if not texts:
        return texts
    apply_font(ax, font)  # sizes measured in the font drawn
    near_x, near_y = _points_near(ax, np.asarray(points.get_offsets()), named)
    adjust_text(
        texts,
        x=near_x,
        y=near_y,
        ax=ax,
        iter_lim=_LABEL_ITERATIONS,
        time_lim=None,
        prevent_crossings=False,
        expand=(1.15, 1.35),
        force_text=(0.3, 0.5),
        arrowprops={"arrowstyle": "-", "color": "0.45", "linewidth": 0.5},
    )
    return _drop_overlaps(ax, texts)


def _points_near(ax: Axes, offsets: np.ndarray, named: pd.DataFrame, reach: float = 60.0) -> tuple[np.ndarray, ...]:
    """The distinct points (in display pixels) within ``reach`` pixels of a labelled point, in data coordinates: the
    only ones a label can run into, so the label layout costs the same for 500 terms or 50,000."""
    to_display = ax.transData.transform
    shown = np.unique(np.round(to_display(offsets)), axis=0)
    anchors = to_display(named[["per_10k_a", "per_10k_b"]].to_numpy(dtype=float))
    near = np.zeros(len(shown), dtype=bool)
    for anchor in anchors:
        near |= np.abs(shown - anchor).max(axis=1) <= reach
    kept = ax.transData.inverted().transform(shown[near])
    return kept[:, 0], kept[:, 1]


def _drop_overlaps(ax: Axes, texts: list[Text]) -> list[Text]:
    """Hide every label overlapping one already kept (the list runs strongest first); return the kept ones."""
    renderer = ax.get_figure().canvas.get_renderer()
    kept: list[Text] = []
    boxes: list[Any] = []
    for text in texts:
        box = text.get_window_extent(renderer)
        if any(box.overlaps(other) for other in boxes):
            text.set_visible(False)
            _hide_arrow(ax, text)
            continue
        kept.append(text)
        boxes.append(box)
    return kept


def _hide_arrow(ax: Axes, text: Text) -> None:
    from matplotlib.patches import FancyArrowPatch

    for patch in ax.patches:
        if isinstance(patch, FancyArrowPatch) and getattr(patch, "patchA", None) is text:
            patch.set_visible(False)


# -- terms across periods ----------------------------------------------------------------------------------------


def _rates(traj: pd.DataFrame, terms: str | Iterable[str] | None, by: str, where: str) -> pd.DataFrame:
    """Per-10k rates, one column per term, one row per period: NaN where the period has no document.

    Periods come from the table; a term missing from a period that other rows show has documents is 0 there. A
    whole-number ``by`` (years) runs over every value from the first to the last, so years without a document are
    rows of NaN (gaps, not zeros).
    """
    if not isinstance(by, str) or not by:
        raise OptionError(f"by={by!r}: give the period column's name, such as 'year'")
    require_columns(traj, ("term", by, "per_10k"), f"{where}: the table")
    names = list(pd.unique(traj["term"].astype(str))) if terms is None else _term_list(terms)
    absent = [t for t in names if t not in set(traj["term"].astype(str))] if len(traj) else []
    if absent:
        raise OptionError(f"terms: {', '.join(absent[:10])} not in the table (pass terms to textstat_trajectories)")
    if traj[["term", by]].duplicated().any():
        raise TableError(f"{where}: the table has several rows per term and {by}; expected one")
    known = traj[traj["words"] > 0] if "words" in traj.columns else traj
    periods = pd.unique(known[by].dropna())
    wide = known.assign(term=known["term"].astype(str)).pivot(index=by, columns="term", values="per_10k")
    wide = wide.reindex(index=_period_index(periods), columns=names)
    wide.loc[wide.index.isin(periods)] = wide.loc[wide.index.isin(periods)].fillna(0.0)
    return wide.astype(float)


def _term_list(terms: str | Iterable[str]) -> list[str]:
    names = [terms] if isinstance(terms, str) else list(terms)
    if not names or not all(isinstance(t, str) and t.strip() for t in names):
        raise OptionError(f"terms={terms!r}: give one or more terms")
    return list(dict.fromkeys(names))


def _period_index(periods: np.ndarray) -> pd.Index:
    """Every whole number from the first period to the last when the periods are whole numbers, else the periods
    as given (sorted when they sort)."""
    values = pd.Series(periods)
    numbers = pd.to_numeric(values, errors="coerce")
    if len(values) and numbers.notna().all() and (numbers % 1 == 0).all():
        return pd.Index(range(int(numbers.min()), int(numbers.max()) + 1))
    try:
        return pd.Index(sorted(periods))
    except TypeError:
        return pd.Index(periods)


def textplot_trajectories(
    traj: pd.DataFrame,
    *,
    terms: str | Iterable[str] | None = None,
    by: str = "year",
    ncols: int = 3,
    sharey: bool = False,
) -> np.ndarray:
    """Small multiples: one panel per term, its rate per 10,000 words over the ``by`` periods, as a line with markers.

    Takes ``textstat_trajectories(dtm, terms, by=…)`` (term, <by>, count, words, per_10k, docs, n_docs). Every
    panel spans the same periods. Years with no document are gaps in the line, not zeros (for a year column every
    year from the first to the last is on the axis); a year whose documents lack the term is a 0. ``terms`` picks
    and orders the panels (default: every term of the table in its order); ``sharey`` puts all panels on one
    scale (default: each its own, to show each term's shape). Returns the panels' Axes, one per term, in order.
    """
    import matplotlib.pyplot as plt

    ncols = check_positive("ncols", ncols)
    wide = _rates(traj, terms, by, "textplot_trajectories")
    totals = traj.groupby(traj["term"].astype(str))["count"].sum() if "count" in traj.columns else None
    n = max(wide.shape[1], 1)
    ncols = min(ncols, n)
    nrows = -(-n // ncols)
    with style() as font:
        fig, grid = plt.subplots(
            nrows, ncols, figsize=(3.3 * ncols, 2.2 * nrows + 0.7), sharex=True, sharey=sharey, squeeze=False,
            layout="constrained",
        )  # fmt: skip
        panels = grid.ravel()
        for extra in panels[n:]:
            extra.set_axis_off()
        if wide.empty or wide.shape[1] == 0:
            _empty(panels[0], "no term to draw")
            return np.array([apply_font(panels[0], font)], dtype=object)
        x, ticks = _period_positions(wide.index)
        for k, (panel, term) in enumerate(zip(panels, wide.columns)):
            _trajectory_panel(panel, x, wide[term].to_numpy(), term, totals)
            panel.xaxis.set_tick_params(labelbottom=k + ncols >= n)  # the lowest panel of each column
            if k % ncols == 0:
                panel.set_ylabel("per 10,000 words")
        _period_ticks(panels[0], wide.index, x, ticks)
        fig.suptitle(f"Terms per 10,000 words by {by}", x=0.01, ha="left", fontsize=13)
        for panel in panels[:n]:
            apply_font(panel, font)
        return panels[:n]


def _trajectory_panel(ax: Axes, x: np.ndarray, y: np.ndarray, term: str, totals: pd.Series | None) -> None:
    ax.plot(x, y, color=PALETTE[0], linewidth=1.3, marker="o", markersize=3.2)
    total = f"  ({_count(totals[term])} in all)" if totals is not None and term in totals.index else ""
    ax.set_title(f"{term}{total}", fontsize=11)
    ax.set_ylim(bottom=0)
    ax.margins(x=0.03)
    _value_grid(ax, "y")


def _period_positions(index: pd.Index) -> tuple[np.ndarray, bool]:
    """x positions of the periods: the numbers themselves for whole-number periods, else 0, 1, 2…; and whether the
    periods are numbers (ticks then come from a locator)."""
    numbers = pd.to_numeric(pd.Series(index), errors="coerce")
    if len(index) and numbers.notna().all():
        return numbers.to_numpy(dtype=float), True
    return np.arange(len(index), dtype=float), False


def _period_ticks(ax: Axes, index: pd.Index, x: np.ndarray, numeric: bool) -> None:
    """Whole-number ticks for numeric periods; the period names, thinned to about a dozen, otherwise."""
    from matplotlib.ticker import MaxNLocator

    if numeric:
        ax.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=True, steps=[1, 2, 5, 10]))
        return
    step = max(1, -(-len(index) // 12))
    ax.set_xticks(x[::step], labels=[_clip(str(v), 10) for v in index[::step]], rotation=30, ha="right")


def textplot_heatmap(
    traj: pd.DataFrame, *, terms: str | Iterable[str] | None = None, by: str = "year", ax: Axes | None = None
) -> Axes:
    """Terms × periods: each cell a term's rate per 10,000 words in that period (``textstat_trajectories``).

    Colours follow a square-root scale (a rare term's rise still shows beside a frequent term); the colourbar is
    in words per 10,000. Periods without a document (for years: every year from the first to the last is a column)
    are grey, a 0 is the palest blue. Year ticks are thinned to round years (every 5 or 10 for half a century);
    other periods to about a dozen names. ``terms`` picks and orders the rows.
    """
    wide = _rates(traj, terms, by, "textplot_heatmap")
    values = wide.to_numpy(dtype=float).T  # terms × periods
    with style() as font:
        ax = _axes(ax, (min(max(6.5, 0.15 * wide.shape[0] + 3.2), 15.0), 0.3 * max(wide.shape[1], 1) + 1.9))
        ax.set_title(f"Terms per 10,000 words by {by}")
        if values.size == 0:
            return apply_font(_empty(ax, "no term to draw"), font)
        image = _rate_image(ax, values)
        ax.set_yticks(range(wide.shape[1]), labels=[str(t) for t in wide.columns])
        _heatmap_xticks(ax, wide.index)
        ax.tick_params(length=0)
        for side in ax.spines.values():
            side.set_visible(False)
        bar = ax.get_figure().colorbar(image, ax=ax, shrink=0.85, pad=0.015, aspect=25)
        bar.set_label("per 10,000 words", fontsize=9)
        if np.isnan(values).any():
            _no_document_key(ax, by)
        return apply_font(ax, font)


def _rate_image(ax: Axes, values: np.ndarray) -> Any:
    from matplotlib import colormaps
    from matplotlib.colors import PowerNorm

    cmap = colormaps["Blues"].with_extremes(bad="0.82")
    top = float(np.nanmax(values)) if np.isfinite(values).any() else 1.0
    norm = PowerNorm(0.5, vmin=0.0, vmax=top if top > 0 else 1.0)
    return ax.imshow(np.ma.masked_invalid(values), cmap=cmap, norm=norm, aspect="auto", interpolation="nearest")


def _heatmap_xticks(ax: Axes, index: pd.Index) -> None:
    x, numeric = _period_positions(index)
    if numeric and len(index) > 16:
        span = x[-1] - x[0]
        step = next(s for s in (2, 5, 10, 20, 25, 50, 100, 10**9) if span / s <= 14)
        keep = np.flatnonzero(np.mod(x, step) == 0)
    else:
        keep = np.arange(0, len(index), max(1, -(-len(index) // 14)))
    labels = [f"{v:g}" if numeric else _clip(str(index[k]), 10) for k, v in zip(keep, x[keep])]
    long = not numeric and max(len(s) for s in labels) > 4
    ax.set_xticks(keep, labels=labels, rotation=35 if long else 0, ha="right" if long else "center")


def _no_document_key(ax: Axes, by: str) -> None:
    from matplotlib.patches import Patch

    ax.legend(
        handles=[Patch(color="0.82", label=f"no document in that {by}")],
        loc="lower right",
        bbox_to_anchor=(1.0, 1.0),
        fontsize=8.5,
        borderaxespad=0.0,
    )
