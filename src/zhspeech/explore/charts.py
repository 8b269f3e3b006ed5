"""The term explorer as one Vega-Lite specification (built with Altair): linked views that run in the browser.

A term is chosen by clicking a bar of the top-terms or the keyness chart or by typing it in the search box (one
point selection, ``pick``, on the field ``term``, bound to the box both ways); the dispersion strip, the KWIC lines
and the collocates then show that term. A radio control orders the KWIC lines by position, left or right context.
Selections are evaluated by Vega in the page, so the explorer works in an exported HTML page with no kernel.
"""

from __future__ import annotations

import json
import warnings
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    from .data import ExplorerData

#: Fonts the page draws Chinese with (the first one installed wins), as in the report's index page.
FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif'
ACCENT, BASE, MUTED = "#c0392b", "#4878a8", "#9aa7b4"
CHAR_PX = 14  # room for one Chinese character at the KWIC font size (13 px), in pixels
ROW_PX = 17  # height of one KWIC line or one bar
WIDE = 780  # width of the dispersion strip


def records(table: pd.DataFrame) -> list[dict[str, Any]]:
    """A table as JSON-ready records: missing values as null, floats to 4 significant decimals."""
    return json.loads(table.to_json(orient="records", force_ascii=False, double_precision=4))


def explorer_spec(data: ExplorerData, controls: str) -> dict[str, Any]:
    """The Vega-Lite specification of the explorer (a dict, data inline as named datasets).

    ``controls`` is the CSS selector of the element the search box and the KWIC order control go into. The layout
    is recomputed on every change (``autosize.resize``), so the KWIC view grows and shrinks with the term's lines."""
    with warnings.catch_warnings():  # the one selection is shared by both bar charts, on purpose
        warnings.filterwarnings("ignore", message="Automatically deduplicated selection parameter")
        spec = _chart(data, controls).to_dict()
    spec["datasets"] = {
        "terms": records(data.terms),
        "positions": records(data.positions),
        "sections": records(data.sections),
        "kwic": records(data.kwic),
        "collocates": records(data.collocates),
    }
    return spec


def term_pick(first: str | None, controls: str):
    """The term selection every explorer shares: a click on a term's mark, or the search box in ``controls``
    (the element the box is drawn into), starting on ``first``."""
    import altair as alt

    return alt.selection_point(
        name="pick",
        fields=["term"],
        value=[{"term": first}] if first else alt.Undefined,
        on="click",
        clear=False,
        toggle=False,
        empty=False,
        bind=alt.binding(input="search", name="Term ", placeholder="type a term", element=controls),
    )


def _chart(data: ExplorerData, controls: str):
    """The linked views: bars (top terms, keyness), dispersion, then KWIC beside the collocates."""
    import altair as alt

    pick = term_pick(_first_term(data), controls)
    order = alt.param(
        name="order",
        value="position",
        bind=alt.binding_radio(
            options=["position", "left", "right"],
            labels=["text order", "left context", "right context"],
            name="KWIC lines in ",
            element=controls,
        ),
    )
    bars = alt.hconcat(_bars(data, pick, "top"), _bars(data, pick, "key"), spacing=40).resolve_scale(y="independent")
    lower = alt.hconcat(_kwic(data, pick, order), _collocates(data, pick), spacing=30).resolve_scale(y="independent")
    chart = alt.vconcat(bars, _dispersion(data, pick), lower, spacing=24).add_params(order)
    chart = chart.properties(autosize=alt.AutoSizeParams(type="pad", resize=True))
    return chart.configure(font=FONT).configure_view(stroke=None).configure_axis(labelFontSize=12, titleFontSize=12)


def _first_term(data: ExplorerData) -> str | None:
    """The term shown when the page opens: the most distinctive one, else the most frequent."""
    terms = data.terms
    for column in ("key_rank", "top_rank"):
        ranked = terms[terms[column] > 0].sort_values(column)
        if len(ranked):
            return str(ranked["term"].iloc[0])
    return str(terms["term"].iloc[0]) if len(terms) else None


def _bars(data: ExplorerData, pick, which: str):
    """The top terms by count (``which="top"``) or by G² against general Chinese (``"key"``); a click picks one."""
    import altair as alt

    rank, value, title = {
        "top": ("top_rank", "count", "Most frequent terms (click one)"),
        "key": ("key_rank", "g2", "Most distinctive against general Chinese: G² (click one)"),
    }[which]
    shown = int((data.terms[rank] > 0).sum())
    tips = ["term", "count", "per_10k", "dp", "g2", "log_ratio", "p_fdr"]
    return (
        alt.Chart(alt.NamedData("terms"), name=f"{which}_terms", title=title)
        .mark_bar(cursor="pointer")
        .encode(
            x=alt.X(f"{value}:Q", title="count" if which == "top" else "G²"),
            y=alt.Y("term:N", sort=alt.EncodingSortField(rank, order="ascending"), title=None).axis(labelLimit=220),
            color=alt.condition(pick, alt.value(ACCENT), alt.value(BASE)),
            tooltip=[alt.Tooltip(f"{t}:{'N' if t == 'term' else 'Q'}") for t in tips],
        )
        .transform_filter(f"datum.{rank} > 0")
        .add_params(pick)
        .properties(width=300, height=alt.Step(ROW_PX) if shown else 40)
    )


def _dispersion(data: ExplorerData, pick):
    """Where the chosen term occurs: one tick per occurrence over the text, sections shaded and named."""
    import altair as alt

    axis = "position in the text (characters from the start)"
    x = alt.X("start:Q", title=axis, scale=alt.Scale(domain=[0, max(data.length, 1)]))
    shade = (
        alt.Chart(alt.NamedData("sections"))
        .mark_rect(opacity=0.5)
        .encode(x=x, x2="end:Q", color=alt.Color("shade:N", scale=alt.Scale(range=["#eef1f5", "#dde3ea"]), legend=None))
    )
    names = (
        alt.Chart(alt.NamedData("sections"))
        .mark_text(align="left", baseline="top", dx=3, dy=2, fontSize=10, color="#666", limit=150)
        .encode(x=x, y=alt.value(0), text="label:N")
    )
    ticks = (
        alt.Chart(alt.NamedData("positions"), name="dispersion")
        .mark_tick(thickness=2, size=40, color=ACCENT)
        .encode(
            x=x,
            y=alt.value(38),
            opacity=alt.condition("datum.shown", alt.value(1.0), alt.value(0.6)),
            tooltip=["term:N", "start:Q", "section:Q", "paragraph:Q"],
        )
        .transform_filter(pick)
    )
    total = (
        alt.Chart(alt.NamedData("positions"), name="occurrence_total")
        .mark_text(align="right", baseline="bottom", dy=-4, fontSize=12, color="#333")
        .encode(x=alt.value(WIDE), y=alt.value(0), text="label:N")
        .transform_filter(pick)
        .transform_aggregate(n="count()", groupby=["term"])
        .transform_calculate(label="datum.term + ': ' + datum.n + (datum.n == 1 ? ' occurrence' : ' occurrences')")
    )
    title = "Where the term occurs (alternate sections shaded)" if len(data.sections) else "Where the term occurs"
    return alt.layer(shade, names, ticks, total).properties(width=WIDE, height=60, title=title)


def _kwic(data: ExplorerData, pick, order):
    """The chosen term's KWIC lines: left context, the term, right context, in the order the control says."""
    import altair as alt

    width = int(data.settings.get("width", 20)) * CHAR_PX
    node_chars = int(data.kwic["node"].str.len().max()) if len(data.kwic) else 4
    node = min(node_chars, 10) * CHAR_PX + 16
    base = (
        alt.Chart(alt.NamedData("kwic"))
        .transform_filter(pick)
        .transform_calculate(row="order == 'left' ? datum.by_left : order == 'right' ? datum.by_right : datum.line")
        .encode(y=alt.Y("row:O", axis=None), tooltip=["section:Q", "paragraph:Q", "sentence:Q", "start:Q"])
    )
    text = {"fontSize": 13, "baseline": "middle"}
    layers = [
        base.mark_text(align="left", color="#888", fontSize=11, baseline="middle").encode(
            x=alt.value(0), text=alt.Text("section:Q", format="d")
        ),
        base.mark_text(align="right", **text).encode(x=alt.value(28 + width), text="left:N"),
        base.mark_text(align="center", fontWeight="bold", color=ACCENT, limit=node, **text).encode(
            x=alt.value(28 + width + node / 2), text="node:N"
        ),
        base.mark_text(align="left", **text).encode(x=alt.value(28 + width + node), text="right:N"),
    ]
    names = ("section", "left", "node", "right")
    layers = [layer.properties(name=f"kwic_{part}") for layer, part in zip(layers, names)]
    lines = int(data.settings.get("lines", 40))
    title = f"Key word in context (section, left, term, right; at most {lines} lines a term, spread over the text)"
    return alt.layer(*layers).properties(width=28 + 2 * width + node, height=alt.Step(ROW_PX), title=title)


def _collocates(data: ExplorerData, pick):
    """The chosen term's best collocates by G², each bar labelled with n12 (window positions holding it)."""
    import altair as alt

    base = (
        alt.Chart(alt.NamedData("collocates"))
        .transform_filter(pick)
        .encode(
            y=alt.Y("collocate:N", sort=alt.EncodingSortField("rank", op="min", order="ascending"), title=None),
            tooltip=[
                alt.Tooltip(f"{c}:{'N' if c == 'collocate' else 'Q'}")
                for c in ("collocate", "n12", "left", "right", "n1", "n2", "N", "g2", "logdice", "mi", "t")
            ],
        )
    )
    bars = base.mark_bar(color=BASE).encode(x=alt.X("g2:Q", title="G²"))
    counts = base.mark_text(align="left", dx=3, fontSize=11, color="#333").encode(x="g2:Q", text="n12:Q")
    window = int(data.settings.get("window", 5))
    title = f"Collocates within ±{window} words (G²; label: n12)"
    return alt.layer(bars, counts).properties(width=180, height=alt.Step(ROW_PX), title=title)
