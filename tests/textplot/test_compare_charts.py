"""Comparison charts: two-sided keyness, the two-group scatter, trajectories and the terms × years heatmap."""

from __future__ import annotations

import io
from itertools import combinations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection

from tests.textplot.test_charts import no_glyph_warnings
from zhspeech import config
from zhspeech.errors import OptionError, TableError
from zhspeech.textplot.compare import (
    textplot_heatmap,
    textplot_keyness_compare,
    textplot_scatter,
    textplot_trajectories,
)
from zhspeech.textplot.plotstyle import savefig


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


# -- small tables built to the column contracts of textstat_compare / compare_groups / trajectories --------------


def _z(y_a: np.ndarray, y_b: np.ndarray, n_a: int, n_b: int) -> np.ndarray:
    """Log-odds z-scores with a flat prior of 0.5 per term (enough to give the charts signed, ranked values)."""
    a, b = y_a + 0.5, y_b + 0.5
    delta = np.log(b / (n_b - b)) - np.log(a / (n_a - a))
    return delta / np.sqrt(1 / a + 1 / b)


def _pair(terms: list[str], y_a: list[int], y_b: list[int], n_a: int = 20000, n_b: int = 24000) -> pd.DataFrame:
    y_a, y_b = np.asarray(y_a), np.asarray(y_b)
    z = _z(y_a, y_b, n_a, n_b)
    table = pd.DataFrame(
        {
            "term": terms,
            "count_a": y_a,
            "count_b": y_b,
            "words_a": n_a,
            "words_b": n_b,
            "per_10k_a": y_a / n_a * 1e4,
            "per_10k_b": y_b / n_b * 1e4,
            "g2": 2.5 * z,
            "p": np.where(np.abs(z) > 2, 0.001, 0.4),
            "p_fdr": np.where(np.abs(z) > 2, 0.01, 0.6),
            "log_ratio": np.log2(((y_b + 0.5) / n_b) / ((y_a + 0.5) / n_a)),
            "pct_diff": 0.0,
            "prior": 0.5,
            "log_odds_z": z,
            "lean": np.where(z > 0, "b", "a"),
        }
    )
    table.attrs.update(
        words_a=n_a,
        words_b=n_b,
        prior_total=n_a + n_b,
        a={"year": 2016, "author": "李克强", "title": "2016政府工作报告"},
        b={"year": 2017, "author": "李克强", "title": "2017政府工作报告"},
    )
    return table


@pytest.fixture
def pair() -> pd.DataFrame:
    terms = ["创新", "改革", "开放", "阶级", "互联网", "生态", "人民", "发展"]
    return _pair(terms, [12, 40, 30, 25, 0, 2, 50, 60], [40, 12, 31, 0, 18, 9, 45, 66])


def _crowded(n: int = 400, seed: int = 3) -> pd.DataFrame:
    """Many terms, a few hundred sharing a handful of small counts: the scatter's hard case for labels."""
    rng = np.random.default_rng(seed)
    y_a = rng.poisson(rng.gamma(0.7, 6, n))
    y_b = rng.poisson(rng.gamma(0.7, 6, n))
    terms = [f"{'改革发展创新开放生态民生'[k % 12]}{'经济社会文化'[k % 6]}{k}" for k in range(n)]
    return _pair(terms, y_a.tolist(), y_b.tolist())


@pytest.fixture
def groups(pair) -> pd.DataFrame:
    frames = []
    for k, author in enumerate(["李克强", "温家宝"]):
        rows = pair.rename(
            columns={
                "count_b": "count",
                "count_a": "count_rest",
                "per_10k_b": "per_10k",
                "per_10k_a": "per_10k_rest",
                "words_b": "words",
                "words_a": "words_rest",
            }
        )
        if k:
            rows = rows.assign(log_odds_z=-rows["log_odds_z"])
        frames.append(rows.assign(group=author, docs=1, docs_rest=3, n_docs=1, n_docs_rest=4))
    table = pd.concat(frames, ignore_index=True)
    table.attrs.update(by="author", prior_total=44000)
    return table


YEARS = [1954, 1955, 1956, 1964, 1975, 1978, 1979, 1980, 1990, 1991]


@pytest.fixture
def traj() -> pd.DataFrame:
    rows = []
    for t, term in enumerate(["改革", "创新", "阶级"]):
        for k, year in enumerate(YEARS):
            count = (k * (t + 1)) % 7 if not (term == "创新" and year == 1978) else 0
            rows.append(
                {
                    "term": term,
                    "year": year,
                    "count": count,
                    "words": 10000 + 1000 * k,
                    "per_10k": count / (10000 + 1000 * k) * 1e4,
                    "docs": int(count > 0),
                    "n_docs": 1,
                }
            )
    return pd.DataFrame(rows)


def _texts(ax: Axes) -> list[str]:
    return [t.get_text() for t in ax.texts]


# -- two-sided keyness --------------------------------------------------------------------------------------------


def test_keyness_compare_puts_a_left_and_b_right_with_both_counts(pair):
    ax = textplot_keyness_compare(pair, top=2)
    assert isinstance(ax, Axes)
    widths = [p.get_width() for p in ax.patches]
    z = pair.set_index("term")["log_odds_z"]
    lean_a = z[z < 0].abs().sort_values(ascending=False).index[:2].tolist()  # 阶级 and 改革
    lean_b = z[z > 0].sort_values(ascending=False).index[:2].tolist()  # 互联网 and 创新
    assert widths == [z[t] for t in lean_a + lean_b]
    assert all(w < 0 for w in widths[:2]) and all(w > 0 for w in widths[2:])
    texts = _texts(ax)
    for term in lean_a + lean_b:
        row = pair.set_index("term").loc[term]
        assert term in texts
        assert f"{row['count_a']} → {row['count_b']}" in texts
    assert "← more in 2016 李克强  " in texts and "  more in 2017 李克强 →" in texts
    assert "2016 李克强" in ax.get_title(loc="left") and "2017 李克强" in ax.get_xlabel()


def test_keyness_compare_fades_what_is_not_significant(pair):
    ax = textplot_keyness_compare(pair, top=10)
    z = pair["log_odds_z"].to_numpy()
    shown = sorted(z[z != 0], key=lambda v: (v > 0, -abs(v)))
    solid = [p.get_facecolor()[:3] for p in ax.patches]
    faded = [min(c) > 0.5 for c in solid]  # mixed with white: every channel light
    assert faded == [abs(v) < 1.96 for v in shown]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["leans 2016 李克强", "leans 2017 李克强", "not significant (|z| < 1.96)"]


def test_keyness_compare_labels_measure_and_plain_sides(pair):
    plain = pair.copy()
    plain.attrs = {}
    ax = textplot_keyness_compare(plain, measure="g2", labels=None)
    assert "  more in B →" in _texts(ax) and "signed log-likelihood G²" in ax.get_xlabel()
    assert [p.get_width() for p in ax.patches][0] == pytest.approx(plain["g2"].min())
    ax = textplot_keyness_compare(pair, labels=("甲年", "乙年"))
    assert "← more in 甲年  " in _texts(ax)


def test_keyness_compare_reads_one_group_of_the_group_table(groups):
    with pytest.raises(TableError, match="holds 2 groups.*pass group="):
        textplot_keyness_compare(groups)
    ax = textplot_keyness_compare(groups, group="温家宝", top=3)
    assert "  more in 温家宝 →" in _texts(ax) and "← more in the rest of the corpus  " in _texts(ax)
    assert ax.get_title(loc="left") == "What sets 温家宝 apart from the rest of the corpus"
    one = groups[groups["group"] == "温家宝"].set_index("term")
    strongest = one["log_odds_z"].idxmax()
    assert f"{one.loc[strongest, 'count_rest']} → {one.loc[strongest, 'count']}" in _texts(ax)
    with pytest.raises(OptionError, match="group='朱镕基' is not in the table"):
        textplot_keyness_compare(groups, group="朱镕基")


def test_keyness_compare_empty_and_bad_input(pair):
    ax = textplot_keyness_compare(pair.iloc[:0])
    assert "no term leans to either side" in _texts(ax)
    with pytest.raises(TableError, match="lacks count_a and count_b"):
        textplot_keyness_compare(pair.drop(columns=["count_b"]))
    with pytest.raises(TableError, match="lacks column.*log_odds_z"):
        textplot_keyness_compare(pair.drop(columns=["log_odds_z"]))
    with pytest.raises(OptionError, match="measure='pct_diff' is not one of"):
        textplot_keyness_compare(pair, measure="pct_diff")
    with pytest.raises(OptionError, match="top must be"):
        textplot_keyness_compare(pair, top=0)
    with pytest.raises(OptionError, match="give two names"):
        textplot_keyness_compare(pair, labels="AB")


# -- the two-group scatter ----------------------------------------------------------------------------------------


def test_scatter_places_every_term_and_names_the_most_distinctive(pair):
    ax = textplot_scatter(pair, label=2)
    (points,) = [c for c in ax.collections if isinstance(c, PathCollection)]
    xy = {tuple(p) for p in np.asarray(points.get_offsets())}
    assert xy == set(zip(pair["per_10k_a"], pair["per_10k_b"]))
    low, high = points.get_clim()
    assert low == -high and high >= np.abs(pair["log_odds_z"]).max()  # symmetric limits
    z = pair.set_index("term")["log_odds_z"]
    expected = set(z.nsmallest(2).index) | set(z.nlargest(2).index)
    assert {t.get_text() for t in ax.texts if t.get_visible()} == expected
    assert ax.get_xscale() == ax.get_yscale() == "symlog"
    assert ax.get_xlabel() == "per 10,000 words in 2016 李克强" and ax.get_ylabel() == "per 10,000 words in 2017 李克强"
    (diagonal,) = [line for line in ax.get_lines() if line.get_label() == "equal rates"]
    assert np.array_equal(diagonal.get_xdata(), diagonal.get_ydata())
    assert 0.0 in [tick for tick in ax.get_xticks()]  # terms absent from A sit on a 0 line, not off a log axis


def _label_boxes(ax: Axes) -> list:
    fig = ax.get_figure()
    renderer = fig.canvas.get_renderer()
    fig.draw(renderer)
    return [t.get_window_extent(renderer) for t in ax.texts if t.get_visible()]


def test_scatter_labels_never_overlap_on_a_crowded_table():
    table = _crowded()
    ax = textplot_scatter(table, label=20)
    boxes = _label_boxes(ax)
    assert len(boxes) >= 30  # of the 40 asked for: adjustText moves them apart; only the few it cannot are dropped
    overlapping = [(i, j) for (i, a), (j, b) in combinations(enumerate(boxes), 2) if a.overlaps(b)]
    assert not overlapping
    axes_box = ax.get_window_extent()
    assert all(axes_box.x0 - 1 <= b.x0 and b.x1 <= axes_box.x1 + 1 for b in boxes)  # kept inside the plot


def test_scatter_draws_the_same_bytes_every_run(tmp_path):
    table = _crowded(80, seed=5)
    first = savefig(textplot_scatter(table, label=8), "scatter.png", folder=tmp_path / "a")
    second = savefig(textplot_scatter(table, label=8), "scatter.png", folder=tmp_path / "b")
    assert first[0].read_bytes() == second[0].read_bytes()


def test_scatter_of_one_group_against_the_rest(groups):
    ax = textplot_scatter(groups, group="李克强", label=1)
    assert ax.get_xlabel() == "per 10,000 words in the rest of the corpus"
    assert ax.get_ylabel() == "per 10,000 words in 李克强"
    (points,) = [c for c in ax.collections if isinstance(c, PathCollection)]
    one = groups[groups["group"] == "李克强"]
    assert len(points.get_offsets()) == len(one)


def test_scatter_empty_and_bad_input(pair):
    ax = textplot_scatter(pair.iloc[:0])
    assert "no term to place" in _texts(ax)
    with pytest.raises(TableError, match="per_10k_a and per_10k_b"):
        textplot_scatter(pair.drop(columns=["per_10k_a"]))
    with pytest.raises(TableError, match="lacks column.*log_odds_z"):
        textplot_scatter(pair.drop(columns=["log_odds_z"]))
    with pytest.raises(TableError, match="must be a table"):
        textplot_scatter(pair.to_dict())
    with pytest.raises(OptionError, match="label must be"):
        textplot_scatter(pair, label=-1)
    assert not textplot_scatter(pair, label=0).texts


# -- trajectories and heatmap -------------------------------------------------------------------------------------


def test_trajectories_one_panel_per_term_with_gaps_for_years_without_documents(traj):
    panels = textplot_trajectories(traj, ncols=2)
    assert isinstance(panels, np.ndarray) and len(panels) == 3
    assert all(isinstance(p, Axes) for p in panels)
    assert [p.get_title(loc="left").split()[0] for p in panels] == ["改革", "创新", "阶级"]
    line = panels[1].get_lines()[0]
    x, y = line.get_xdata(), line.get_ydata()
    assert list(x) == list(range(1954, 1992))  # every year on the axis
    per_year = dict(zip(x, y))
    for year in (1957, 1960, 1970, 1977, 1985):
        assert np.isnan(per_year[year])  # no document that year: a gap
    assert per_year[1978] == 0.0  # documents without the term: a zero
    expected = traj[traj["term"] == "创新"].set_index("year")["per_10k"]
    assert all(per_year[year] == pytest.approx(v) for year, v in expected.items())
    assert len({p.get_xlim() for p in panels}) == 1  # the same x range in every panel
    assert line.get_marker() == "o"
    figure = panels[0].get_figure()
    assert figure._suptitle.get_text() == "Terms per 10,000 words by year"
    assert sum(ax.get_visible() and ax.axison for ax in figure.axes) == 3  # the fourth cell is switched off


def test_trajectories_picks_terms_and_other_periods(traj):
    panels = textplot_trajectories(traj, terms=["阶级", "改革"], sharey=True)
    assert [p.get_title(loc="left").split()[0] for p in panels] == ["阶级", "改革"]
    assert panels[0].get_shared_y_axes().joined(panels[0], panels[1])
    by_author = traj.assign(author=traj["year"].map(lambda y: "周恩来" if y < 1976 else "华国锋")).drop(columns="year")
    by_author = by_author.groupby(["term", "author"], as_index=False, sort=False)[["count", "words"]].sum()
    by_author["per_10k"] = by_author["count"] / by_author["words"] * 1e4
    panels = textplot_trajectories(by_author, by="author")
    assert [t.get_text() for t in panels[-1].get_xticklabels()] == ["华国锋", "周恩来"]


def test_trajectories_empty_and_bad_input(traj):
    (panel,) = textplot_trajectories(traj.iloc[:0])
    assert "no term to draw" in _texts(panel)
    with pytest.raises(OptionError, match="民主 not in the table"):
        textplot_trajectories(traj, terms=["改革", "民主"])
    with pytest.raises(TableError, match="lacks column.*per_10k"):
        textplot_trajectories(traj.drop(columns="per_10k"))
    with pytest.raises(TableError, match="lacks column.*decade"):
        textplot_trajectories(traj, by="decade")
    with pytest.raises(TableError, match="several rows per term and year"):
        textplot_trajectories(pd.concat([traj, traj]))
    with pytest.raises(OptionError, match="ncols must be"):
        textplot_trajectories(traj, ncols=0)


def test_heatmap_terms_by_every_year_with_no_document_years_grey(traj):
    ax = textplot_heatmap(traj, terms=["创新", "改革"])
    image = ax.get_images()[0].get_array()
    assert image.shape == (2, 1991 - 1954 + 1)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["创新", "改革"]
    missing = [k for k in range(image.shape[1]) if 1954 + k not in YEARS]
    assert image.mask[:, missing].all() and not image.mask[:, [y - 1954 for y in YEARS]].any()
    assert image[0, 1978 - 1954] == 0.0
    colorbar = ax.get_figure().axes[-1]
    assert colorbar.get_ylabel() == "per 10,000 words"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["no document in that year"]


def test_heatmap_thins_the_ticks_of_half_a_century():
    years = range(1954, 2018)
    rows = [
        {"term": t, "year": y, "per_10k": float((y * (k + 3)) % 11)} for k, t in enumerate("改革创新") for y in years
    ]
    ax = textplot_heatmap(pd.DataFrame(rows))
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert 5 <= len(labels) <= 16
    assert labels == [str(y) for y in years if y % 5 == 0]
    assert ax.get_legend() is None  # every year has a document


def test_heatmap_empty_and_bad_input(traj):
    assert "no term to draw" in _texts(textplot_heatmap(traj.iloc[:0]))
    with pytest.raises(TableError, match="lacks column.*term"):
        textplot_heatmap(traj.drop(columns="term"))
    with pytest.raises(OptionError, match="by=None"):
        textplot_heatmap(traj, by=None)


# -- Chinese renders, the same bytes every run --------------------------------------------------------------------


def _render(fig) -> None:
    fig.savefig(io.BytesIO(), format="png")
    plt.close(fig)


@pytest.mark.parametrize("chart", ["keyness", "keyness_groups", "scatter", "trajectories", "heatmap"])
def test_every_chart_draws_chinese_without_missing_glyphs(pair, groups, traj, chart):
    draw = {
        "keyness": lambda: textplot_keyness_compare(pair),
        "keyness_groups": lambda: textplot_keyness_compare(groups, group="李克强"),
        "scatter": lambda: textplot_scatter(pair, label=3),
        "trajectories": lambda: textplot_trajectories(traj)[0],
        "heatmap": lambda: textplot_heatmap(traj),
    }[chart]
    with no_glyph_warnings():
        _render(draw().get_figure())


@pytest.mark.parametrize("chart", ["keyness", "trajectories", "heatmap"])
def test_charts_write_the_same_bytes_every_run(pair, traj, tmp_path, chart):
    draw = {
        "keyness": lambda: textplot_keyness_compare(pair),
        "trajectories": lambda: textplot_trajectories(traj)[0],
        "heatmap": lambda: textplot_heatmap(traj),
    }[chart]
    first = savefig(draw(), "chart.png", folder=tmp_path / "a")[0].read_bytes()
    assert first == savefig(draw(), "chart.png", folder=tmp_path / "b")[0].read_bytes()


@pytest.mark.corpus
def test_the_charts_of_two_real_reports_and_the_corpus():
    """textstat_compare and textstat_trajectories feed the charts the columns they read."""
    import zhspeech
    from zhspeech.corpus.dtm import DocumentTermMatrix
    from zhspeech.textstat.change import textstat_trajectories
    from zhspeech.textstat.compare import textstat_compare

    folder = config.PROJ_ROOT / "data" / "raw" / "corpus" / "gov_work_reports"
    files = sorted(folder.glob("201[4-7]*.txt"))
    speeches = [zhspeech.load(f) for f in files]
    table = textstat_compare(speeches[-2], speeches[-1])
    counts = [s.tokens.loc[s.tokens["is_word"].astype(bool), "token"].astype(str).value_counts() for s in speeches]
    dtm = DocumentTermMatrix.from_counts(counts, pd.DataFrame({"year": [s.year for s in speeches]}))
    traj = textstat_trajectories(dtm, ["创新", "改革", "互联网"])
    with no_glyph_warnings():
        ax = textplot_keyness_compare(table)
        assert "more in 2017 李克强" in " ".join(_texts(ax))
        _render(ax.get_figure())
        ax = textplot_scatter(table)
        boxes = _label_boxes(ax)
        assert len(boxes) >= 20 and not [1 for a, b in combinations(boxes, 2) if a.overlaps(b)]
        _render(ax.get_figure())
        _render(textplot_trajectories(traj)[0].get_figure())
        _render(textplot_heatmap(traj).get_figure())
