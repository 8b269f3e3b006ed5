"""Plot helpers, the chart style and savefig: what each chart draws, Chinese without missing glyphs, same bytes."""

from __future__ import annotations

import io
import logging
import warnings
from contextlib import contextmanager

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PathCollection

import zhspeech
from zhspeech import config
from zhspeech.textplot import charts as plots
from zhspeech.textplot.plotstyle import decorate, savefig, style


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


# -- small tables built to the column contracts ------------------------------------------------------------------


@pytest.fixture
def freq() -> pd.DataFrame:
    terms = ["网络空间", "发展", "合作", "治理", "命运共同体"]
    counts = [47, 51, 30, 18, 26]
    return pd.DataFrame(
        {
            "term": terms,
            "count": counts,
            "per_10k": [c / 2500 * 1e4 for c in counts],
            "paragraphs": [15, 14, 12, 9, 11],
            "dp": [0.2, 0.18, 0.3, 0.4, 0.35],
        }
    )


@pytest.fixture
def keyness() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "term": ["网络空间", "乌镇", "数字", "我们", "问题"],
            "count": [47, 9, 41, 2, 1],
            "ref_count": [900, 40, 9000, 90000, 60000],
            "g2": [300.0, 80.0, 150.0, 40.0, 30.0],
            "p": [1e-9, 1e-6, 1e-8, 0.001, 0.2],
            "p_fdr": [1e-8, 1e-5, 1e-7, 0.004, 0.3],
            "log_ratio": [7.1, 6.2, 4.0, -2.5, -3.1],
        }
    )


@pytest.fixture
def scores() -> pd.DataFrame:
    table = pd.DataFrame(
        [[0.5, 0.0, 1.0, 0.25], [0.2, 0.4, 0.1, 0.0], [0.3, 0.3, 0.6, 0.05]],
        index=pd.Index([0, 1, 2], name="section"),
        columns=["发展", "安全", "命运共同体", "中国方案"],
    )
    table.columns.name = "theme"
    return table


@pytest.fixture
def graph() -> nx.Graph:
    g = nx.Graph()
    g.add_edge("网络空间", "命运共同体", weight=13.2, n12=9)
    g.add_edge("网络空间", "治理", weight=12.1, n12=4)
    g.add_edge("数字", "经济", weight=13.5, n12=7)
    g.add_edge("数字", "合作", weight=11.4, n12=3)
    for node, count, community in [
        ("网络空间", 47, 1),
        ("命运共同体", 26, 1),
        ("治理", 18, 1),
        ("数字", 41, 2),
        ("经济", 15, 2),
        ("合作", 30, 2),
    ]:
        g.nodes[node].update(count=count, community=community)
    return g


@pytest.fixture
def dates() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "date": ["2014", "2015-12-16", "2024-02", None],
            "end_date": [None, None, None, None],
            "year": pd.array([2014, 2015, 2024, None], dtype="Int64"),
            "month": pd.array([None, 12, 2, None], "Int64"),
            "day": pd.array([None, 16, None, None], "Int64"),
            "kind": ["year", "full", "relative", "relative"],
            "inferred": [False, False, False, False],
            "expression": ["2014年", "2015年12月16日", "今年2月", "去年"],
            "text": [
                "2014年，首届世界互联网大会乌镇峰会举办。",
                "2015年12月16日，在第二届世界互联网大会乌镇峰会上。",
                "今年2月，世界互联网大会在西班牙举办“算力网络”专题论坛。",
                "去年如何。",
            ],
            "sentence": [20, 4, 40, 41],
        }
    )


@pytest.fixture
def small_tokens() -> pd.DataFrame:
    rows = [("网络", 0, 0), ("合作", 10, 0), ("网络", 120, 1), ("发展", 130, 1), ("网络", 260, 2), ("合作", 270, 2)]
    return pd.DataFrame(
        {
            "token": pd.Categorical([r[0] for r in rows]),
            "start": [r[1] for r in rows],
            "end": [r[1] + 2 for r in rows],
            "section": [r[2] for r in rows],
        }
    )


# -- every helper returns an Axes and draws what its table says --------------------------------------------------


def test_terms_draws_the_top_terms_in_order(freq):
    ax = zhspeech.textplot_terms(freq, top=3)
    assert isinstance(ax, Axes)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["发展", "网络空间", "合作"]
    assert [p.get_width() for p in ax.patches] == [51, 47, 30]
    assert len(ax.child_axes) == 1  # the per-10k scale, since the table has per_10k


def test_keyness_two_sided(keyness):
    ax = zhspeech.textplot_keyness(keyness, top=2)
    widths = [p.get_width() for p in ax.patches]
    assert widths == [7.1, 4.0, -2.5, -3.1]  # over-used by |g2| (300, 150; not 80), then under-used (40, 30)
    labels = [t.get_text() for t in ax.texts]
    assert labels == ["网络空间", "数字", "我们", "问题"]
    faded = [p.get_facecolor()[3] for p in ax.patches]
    assert faded == [1.0, 1.0, 1.0, 0.35]  # 问题 is not significant (p_fdr 0.3)


def test_keyness_hatches_terms_the_reference_lacks(keyness):
    lacking = keyness.assign(ref_count=[900, 0, 9000, 90000, 60000], log_ratio=[7.1, 9.9, 4.0, -2.5, -3.1])
    ax = zhspeech.textplot_keyness(lacking, top=3)
    hatched = [(p.get_width(), p.get_hatch()) for p in ax.patches if p.get_hatch()]
    assert hatched == [(9.9, "////")]  # 乌镇 only: its ratio rests on the 0.5 correction
    assert sorted(p.get_width() for p in ax.patches) == [-3.1, -2.5, 4.0, 7.1, 9.9]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[-1].startswith("not in the reference")
    plain = zhspeech.textplot_keyness(keyness, top=3)
    assert not [t for t in plain.get_legend().get_texts() if t.get_text().startswith("not in the reference")]


def test_wordcloud_of_terms_is_drawn_and_reproducible(freq):
    first = zhspeech.textplot_wordcloud(freq, max_words=5, random_state=0)
    image = first.get_images()[0].get_array()
    assert image.shape[:2] == (900, 1600)
    assert (image.mean(axis=2) < 200).mean() > 0.02  # words were drawn on the white background
    again = zhspeech.textplot_wordcloud(freq, max_words=5, random_state=0).get_images()[0].get_array()
    assert np.array_equal(image, again)


def test_wordcloud_needs_a_frequency_table(small_tokens):
    with pytest.raises(ValueError, match="lacks column.*term"):
        zhspeech.textplot_wordcloud(small_tokens)


def test_xray_marks_each_occurrence_and_section(small_tokens):
    ax = zhspeech.textplot_xray(small_tokens, ["网络", "合作", "缺席"])
    rows = [c for c in ax.collections if isinstance(c, LineCollection)]
    assert [len(c.get_segments()) for c in rows] == [3, 2, 0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["网络  (3)", "合作  (2)", "缺席  (0)"]
    starts = sorted(line.get_xdata()[0] for line in ax.get_lines())
    assert starts == [120, 260]  # sections 1 and 2 begin at their first token


def test_xray_on_the_speech_finds_phrases_in_the_text(speech, small_tokens):
    ax = zhspeech.textplot_xray(small_tokens, "命运共同体", speech=speech)
    (row,) = [c for c in ax.collections if isinstance(c, LineCollection)]
    assert len(row.get_segments()) == speech.text.count("命运共同体")
    assert sorted(line.get_xdata()[0] for line in ax.get_lines()) == [h.start for h in speech.sections]
    assert ax.get_xlim() == (0, len(speech.text))


def test_themes_heatmap_annotates_every_cell(scores):
    ax = zhspeech.textplot_themes(scores)
    assert ax.get_images()[0].get_array().shape == (3, 4)
    cells = [t.get_text() for t in ax.texts]
    assert cells == [f"{v:.0%}" for v in scores.to_numpy().ravel()]
    assert [t.get_text() for t in ax.get_xticklabels()] == list(scores.columns)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["opening", "section 1", "section 2"]


def test_themes_accepts_the_long_form_and_rejects_counts(scores):
    long = scores.stack().rename("share").reset_index()
    ax = zhspeech.textplot_themes(long)
    assert len(ax.texts) == scores.size
    with pytest.raises(ValueError, match="shares between 0 and 1"):
        zhspeech.textplot_themes(scores * 10)


def test_themes_draws_the_uncoded_share_last_on_its_own_grey_scale(scores):
    table = scores.assign(uncoded=[0.0, 0.9, 0.2])[["uncoded", *scores.columns]]  # given first: drawn last
    ax = zhspeech.textplot_themes(table)
    assert [t.get_text() for t in ax.get_xticklabels()] == [*scores.columns, "uncoded"]
    grey, blue = ax.get_images()
    assert grey.get_cmap().name == "Greys" and blue.get_cmap().name == "Blues"
    assert grey.get_array()[:, :-1].mask.all() and not grey.get_array()[:, -1].mask.any()
    assert blue.get_array()[:, -1].mask.all() and blue.get_clim() == (0, 1.0)  # themes keep their own scale
    assert [t.get_text() for t in ax.texts][4::5] == ["0%", "90%", "20%"]
    assert ax.texts[9].get_color() == "white" and ax.texts[14].get_color() == "0.15"  # 90 % is dark grey


def test_themes_long_form_with_counts_gets_the_uncoded_share(speech):
    long = zhspeech.textstat_themes(speech, "cyberspace", form="long")
    ax = zhspeech.textplot_themes(long)
    assert ax.get_xticklabels()[-1].get_text() == "uncoded"
    per_section = long.drop_duplicates("section")
    expected = [f"{u / n:.0%}" for u, n in zip(per_section["uncoded"], per_section["sentences"])]
    width = len(ax.get_xticklabels())
    assert [t.get_text() for t in ax.texts][width - 1 :: width] == expected


def test_sentence_lengths_by_section_and_whole(speech):
    sentences = speech.sentences
    ax = zhspeech.textplot_sentence_lengths(sentences)
    dots = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert sum(len(c.get_offsets()) for c in dots) == len(sentences)
    assert len(dots) == sentences["section"].nunique()
    ax = zhspeech.textplot_sentence_lengths(sentences, by="speech", measure="han")
    assert sum(p.get_height() for p in ax.patches) == len(sentences)
    assert "median" in ax.get_legend().get_texts()[0].get_text()


def test_network_draws_nodes_labels_and_edges(graph):
    ax = zhspeech.textplot_network(graph, seed=0)
    (nodes,) = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert len(nodes.get_offsets()) == graph.number_of_nodes()
    assert sorted(t.get_text() for t in ax.texts) == sorted(graph.nodes)
    (edges,) = [c for c in ax.collections if isinstance(c, LineCollection)]
    assert len(edges.get_segments()) == graph.number_of_edges()
    for layout in ("kamada_kawai", "spring"):
        first, again = (zhspeech.textplot_network(graph, seed=0, layout=layout) for _ in range(2))
        offsets = [[c for c in a.collections if isinstance(c, PathCollection)][0].get_offsets() for a in (first, again)]
        assert np.array_equal(*offsets), layout


def test_network_places_small_components_beside_the_largest(graph):
    graph = graph.copy()
    graph.add_edge("治理", "合作", weight=11.0)  # one component of six terms, and a pair apart
    graph.add_edge("中国", "乌镇峰会", weight=12.0)
    graph.nodes["中国"].update(count=13, community=3)
    graph.nodes["乌镇峰会"].update(count=6, community=3)
    ax = zhspeech.textplot_network(graph)
    (nodes,) = [c for c in ax.collections if isinstance(c, PathCollection)]
    xy = dict(zip(graph.nodes, nodes.get_offsets()))
    main_right = max(xy[n][0] for n in ("网络空间", "命运共同体", "治理", "数字", "经济", "合作"))
    assert min(xy["中国"][0], xy["乌镇峰会"][0]) > main_right


def test_timeline_one_row_per_dated_mention(dates):
    ax = zhspeech.textplot_timeline(dates)
    markers = [line for line in ax.get_lines() if line.get_marker() == "o"]
    assert len(markers) == 3  # the undated 去年 is left out
    labels = [t.get_text() for t in ax.texts]
    assert labels[0].startswith("2014年") and labels[2].startswith("今年2月 (= 2024-02)")
    assert [m.get_xdata()[0] for m in markers] == sorted(m.get_xdata()[0] for m in markers)


def test_outline_has_every_section_point_and_paragraph(speech):
    ax = zhspeech.textplot_outline(speech)
    assert len(ax.patches) == len(speech.paragraphs)
    texts = [t.get_text() for t in ax.texts]
    assert sum(t.startswith(("一、", "二、", "三、")) for t in texts) == len(speech.sections) == 3
    leads = [p.lead.rstrip("。") for p in speech.points]
    assert sum(t in leads for t in texts) == len(speech.points) == 13
    assert sorted(p.get_width() for p in ax.patches) == sorted(speech.paragraphs["chars"])


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda f: zhspeech.textplot_terms(f, top=0), "top must be a whole number ≥ 1, got 0"),
        (lambda f: zhspeech.textplot_terms(f, top="5"), "top must be a whole number ≥ 1, got '5'"),
        (lambda f: zhspeech.textplot_wordcloud(f, max_words=0), "max_words must be a whole number ≥ 1, got 0"),
        (
            lambda f: zhspeech.textplot_sentence_lengths(f, by="paragraph"),
            "by='paragraph' is not one of 'section', 'speech'",
        ),
        (
            lambda f: zhspeech.textplot_sentence_lengths(f, measure="words"),
            "measure='words' is not one of 'chars', 'han'",
        ),
        (lambda f: zhspeech.textplot_network(f), "expected a networkx Graph"),
        (
            lambda f: zhspeech.textplot_network(nx.Graph(), layout="circle"),
            "layout='circle' is not one of 'kamada_kawai', 'spring'",
        ),
        (lambda f: zhspeech.textplot_xray(f.rename(columns={"term": "token", "count": "start"}), []), "terms must"),
        (lambda f: zhspeech.textplot_keyness(f), "lacks column"),
    ],
)
def test_bad_options_name_the_allowed_values(freq, call, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        call(freq)


def test_draws_on_a_given_axes_made_outside_the_style(freq):
    fig, (left, right) = plt.subplots(1, 2)  # default rcParams: a font without Chinese
    assert zhspeech.textplot_terms(freq, ax=left) is left
    with no_glyph_warnings():
        fig.savefig(io.BytesIO(), format="png")


# -- Chinese renders: no "Glyph … missing from font" anywhere ----------------------------------------------------


@contextmanager
def no_glyph_warnings():
    """Fail on any missing-glyph warning or any matplotlib warning log (e.g. findfont fell back)."""
    records: list[logging.LogRecord] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    handler, logger = Collect(level=logging.WARNING), logging.getLogger("matplotlib")
    logger.addHandler(handler)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield
    finally:
        logger.removeHandler(handler)
    glyphs = [str(w.message) for w in caught if "glyph" in str(w.message).lower() or "font" in str(w.message)]
    assert not glyphs, glyphs[:5]
    assert not records, [r.getMessage() for r in records[:5]]


def _render(ax: Axes, formats: tuple[str, ...] = ("png",)) -> None:
    """Draw outside the style context, as a notebook's inline display or a user's own savefig does."""
    for fmt in formats:
        ax.get_figure().savefig(io.BytesIO(), format=fmt)
    plt.close(ax.get_figure())


def _speech_terms(speech, size: int = 4) -> list[str]:
    """Every character of the speech (punctuation included), grouped into 'terms' of ``size`` characters."""
    chars = "".join(dict.fromkeys(c for c in speech.text if not c.isspace()))
    return [chars[i : i + size] for i in range(0, len(chars), size)]


def test_the_glyph_check_catches_missing_glyphs_and_font_fallbacks():
    fig, ax = plt.subplots()  # matplotlib's default font, DejaVu Sans, has no Chinese
    ax.set_title("网络空间命运共同体")
    with pytest.raises(AssertionError, match="missing from font"):
        with no_glyph_warnings():
            fig.savefig(io.BytesIO(), format="png")
    with matplotlib.rc_context({"font.family": ["No Such Family"]}):
        fig, ax = plt.subplots()
        ax.set_title("x")
        with pytest.raises(AssertionError, match="findfont"):
            with no_glyph_warnings():
                fig.savefig(io.BytesIO(), format="png")


def test_every_character_of_the_speech_renders_in_every_chart(speech):
    """All characters of the speech (punctuation too) through tick labels, PNG and SVG; then each helper's own
    text routes (annotations, rotated labels, path effects, legends) with Chinese from the speech."""
    terms = _speech_terms(speech, size=8)
    n = len(terms)
    counts = np.arange(n, 0, -1)
    freq = pd.DataFrame({"term": terms, "count": counts, "per_10k": counts * 2.0, "paragraphs": 1, "dp": 0.5})
    some = terms[:12]
    key = freq.head(12).assign(
        ref_count=1, g2=counts[:12] * 1.0, p=0.01, p_fdr=[0.02, 0.2] * 6, log_ratio=[3.0, -2.0] * 6
    )
    graph = nx.cycle_graph(some)
    nx.set_node_attributes(graph, {t: {"count": 12 - k, "community": 1 + k % 8} for k, t in enumerate(some)})
    nx.set_edge_attributes(graph, 12.0, "weight")
    scores = pd.DataFrame(np.linspace(0, 1, 48).reshape(4, 12), index=pd.Index(range(4), name="section"), columns=some)
    sentences = speech.sentences
    dated = pd.DataFrame(
        {
            "date": "2024-02",
            "year": 2024,
            "month": 2,
            "day": None,
            "kind": "relative",
            "inferred": True,
            "expression": "今年2月",
            "text": sentences["text"].head(6),
            "sentence": sentences["sentence"].head(6),
        }
    )
    tokens = pd.DataFrame({"token": terms, "start": np.linspace(0, len(speech.text) - 4, n).astype(int)})
    with no_glyph_warnings():
        _render(zhspeech.textplot_terms(freq, top=n), ("png", "svg"))  # SVG draws text as paths: its own route
        _render(zhspeech.textplot_keyness(key))
        _render(zhspeech.textplot_network(graph))
        _render(zhspeech.textplot_themes(scores))
        _render(zhspeech.textplot_timeline(dated))
        _render(zhspeech.textplot_xray(tokens, some[:6], speech=speech))
        _render(zhspeech.textplot_sentence_lengths(sentences))
        _render(zhspeech.textplot_outline(speech), ("png", "svg"))
        ax = decorate(zhspeech.textplot_terms(freq, top=5), title="高频词：" + terms[0], source="来源：" + speech.title)
        _render(ax)


def test_charts_of_the_real_tables_render_without_missing_glyphs(speech, tokens, tmp_path):
    """The statistics, themes and rhetoric functions feed the helpers with the columns these expect.

    (The word cloud is drawn by PIL, which warns of nothing: its font's coverage of the speech is checked in
    test_fonts, and it is drawn from the real table in notebook 04.)"""
    freq = zhspeech.textstat_frequency(tokens, drop_stopwords=True)
    keyness = zhspeech.textstat_keyness(tokens, direction="all")
    with no_glyph_warnings():
        _render(zhspeech.textplot_terms(freq))
        _render(zhspeech.textplot_keyness(keyness))
        _render(zhspeech.textplot_xray(tokens, ["网络空间", "命运共同体", "数字", "治理"], speech=speech))
        _render(zhspeech.textplot_themes(zhspeech.textstat_themes(speech)))
        _render(zhspeech.textplot_network(zhspeech.cooccurrence_network(tokens, min_count=5)))
        _render(zhspeech.textplot_timeline(zhspeech.timeline(speech, year=2024)))


# -- style, decorate, savefig ------------------------------------------------------------------------------------


def test_decorate_sets_title_labels_and_a_source_note(freq):
    ax = zhspeech.textplot_terms(freq)
    assert decorate(ax, title="高频词", xlabel="次数", source="来源：任贤良（2024）", xlim=(0, 80)) is ax
    assert ax.get_title(loc="left") == "高频词" and ax.get_xlabel() == "次数"
    assert ax.get_xlim() == (0, 80)
    assert [t.get_text() for t in ax.get_figure().texts] == ["来源：任贤良（2024）"]


def _chart(freq: pd.DataFrame, graph: nx.Graph):
    fig, (a, b) = plt.subplots(1, 2, figsize=(10, 4))  # the word cloud's own determinism is tested above
    zhspeech.textplot_terms(freq, ax=a)
    zhspeech.textplot_network(graph, ax=b, layout="spring", seed=3)
    return fig


def test_savefig_writes_identical_bytes_on_every_run(freq, graph, tmp_path):
    first = savefig(_chart(freq, graph), "chart", folder=tmp_path / "a", formats=("png", "svg", "pdf"))
    second = savefig(_chart(freq, graph), "chart", folder=tmp_path / "b", formats=("png", "svg", "pdf"))
    assert [p.name for p in first] == ["chart.png", "chart.svg", "chart.pdf"]
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a.name
    assert b"Software" not in first[0].read_bytes()
    svg = first[1].read_text(encoding="utf-8")
    assert "<dc:date>" not in svg and "matplotlib.org" not in svg


def test_savefig_names_formats_and_folder(freq, tmp_path, monkeypatch):
    ax = zhspeech.textplot_terms(freq)
    assert [p.name for p in savefig(ax, "top_terms.png", folder=tmp_path)] == ["top_terms.png"]
    monkeypatch.setattr(config, "FIGURES_DIR", tmp_path / "figures")
    assert savefig(ax, "top_terms", formats=["svg"]) == [tmp_path / "figures" / "top_terms.svg"]
    with pytest.raises(ValueError, match="allowed formats are png, svg, pdf"):
        savefig(ax, "top_terms", formats=["jpg"], folder=tmp_path)
    with pytest.raises(ValueError, match="use folder="):
        savefig(ax, "figures/top_terms", folder=tmp_path)


def test_style_restores_rcparams_and_sets_the_cjk_font():
    before = dict(matplotlib.rcParams)
    with style() as font:
        assert matplotlib.rcParams["font.family"] == [font.family, "DejaVu Sans"]
        assert matplotlib.rcParams["svg.hashsalt"] == "zhspeech"
    assert matplotlib.rcParams["font.family"] == before["font.family"]


def test_plots_module_does_not_set_fonts_globally(freq):
    zhspeech.textplot_terms(freq)
    assert "Noto" not in " ".join(matplotlib.rcParams["font.family"])
    assert plots.__doc__ and "ax" in plots.__doc__


def test_style_keeps_the_interactive_mode_a_backend_switches_on():
    """Jupyter's inline backend turns interactive mode on when it draws its first figure, inside a helper's style;
    restoring it on exit would stop every later figure from showing in the notebook."""
    was = matplotlib.is_interactive()
    try:
        matplotlib.interactive(False)
        with style():
            matplotlib.interactive(True)
            matplotlib.rcParams["lines.linewidth"] = 7.0
        assert matplotlib.is_interactive()
        assert matplotlib.rcParams["lines.linewidth"] != 7.0  # everything else is restored
    finally:
        matplotlib.interactive(was)


def test_savefig_closes_the_figure_and_shows_the_saved_png(freq, tmp_path):
    import matplotlib.pyplot as plt

    ax = zhspeech.textplot_terms(freq, top=5)
    fig = ax.get_figure()
    paths = savefig(ax, "terms", folder=tmp_path)
    assert [p.suffix for p in paths] == [".png", ".svg"]
    assert not plt.fignum_exists(fig.number)
    assert paths._repr_png_() == (tmp_path / "terms.png").read_bytes()
    assert savefig(zhspeech.textplot_terms(freq, top=5), "terms.svg", folder=tmp_path)._repr_png_() is None
    kept = zhspeech.textplot_terms(freq, top=5).get_figure()
    savefig(kept, "kept.png", folder=tmp_path, close=False)
    assert plt.fignum_exists(kept.number)
    plt.close(kept)
