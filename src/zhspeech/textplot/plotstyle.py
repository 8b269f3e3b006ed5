"""The look of every chart: rcParams with the CJK font, a finishing ``decorate``, and a deterministic ``savefig``.

>>> with zhspeech.style():
...     ax = freq.head(10).plot.barh(x="term", y="count")
>>> zhspeech.savefig(ax, "top_terms")          # figures/top_terms.png and .svg
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import config
from ..errors import OptionError
from .fonts import CjkFont, cjk_font

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: Okabe–Ito colours: distinguishable with colour-vision deficiencies and in greyscale print.
PALETTE: tuple[str, ...] = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000")
DPI = 200
FORMATS = ("png", "svg", "pdf")
_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
}
SVG_HASHSALT = "zhspeech"


def rc_params(font: CjkFont) -> dict[str, Any]:
    """The project rcParams for ``font`` (used by :func:`style`)."""
    from cycler import cycler

    return {
        # concrete names, not the generic "sans-serif": a text keeps them when drawn after the context closes
        "font.family": font_family(font),
        "font.sans-serif": font_family(font),
        "axes.unicode_minus": font.has_minus,
        "figure.figsize": (8.0, 5.0),
        "figure.dpi": 100,
        "figure.facecolor": "white",
        "savefig.dpi": DPI,
        "savefig.facecolor": "white",
        "savefig.bbox": "tight",
        "svg.fonttype": "path",
        "svg.hashsalt": SVG_HASHSALT,
        "pdf.fonttype": 42,
        "font.size": 10.5,
        "axes.titlesize": 13,
        "axes.titlelocation": "left",
        "axes.titlepad": 10,
        "axes.labelsize": 11,
        "axes.labelcolor": "0.2",
        "axes.edgecolor": "0.35",
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.prop_cycle": cycler(color=list(PALETTE)),
        "xtick.labelsize": 10,
        "ytick.labelsize": 10,
        "xtick.color": "0.25",
        "ytick.color": "0.25",
        "legend.frameon": False,
        "image.cmap": "Blues",
    }


def font_family(font: CjkFont) -> list[str]:
    """The family list every text gets: the CJK font, then DejaVu Sans for any symbol the CJK font lacks."""
    return [font.family, "DejaVu Sans"]


def apply_font(ax: Axes, font: CjkFont | None = None) -> Axes:
    """Give every text already on ``ax`` the CJK font (for axes created outside :func:`style`)."""
    from matplotlib.text import Text

    family = font_family(font or cjk_font())
    for text in ax.findobj(Text):
        text.set_fontfamily(family)
    return ax


@contextmanager
def style(font: str | os.PathLike[str] | None = None) -> Iterator[CjkFont]:
    """Draw inside the project style: ``with zhspeech.style(): ...`` (yields the resolved :class:`CjkFont`).

    ``plt.rc_context`` with the project rcParams; every setting is restored afterwards except interactive mode,
    which a backend may switch on while the first figure is made (Jupyter's inline backend does; undoing it would
    stop later figures from showing).
    """
    import matplotlib

    resolved = cjk_font(font)
    interactive = matplotlib.is_interactive()
    try:
        with matplotlib.rc_context(rc_params(resolved)):
            try:
                yield resolved
            finally:
                interactive = matplotlib.is_interactive()
    finally:
        matplotlib.interactive(interactive)


def decorate(
    ax: Axes,
    *,
    title: str | None = None,
    xlabel: str | None = None,
    ylabel: str | None = None,
    source: str | None = None,
    legend: bool | None = None,
    **options: Any,
) -> Axes:
    """Finish a chart the same way every time: title, axis labels, a source note under the plot, a legend.

    ``options`` go to ``ax.set`` (``xlim=…``, ``xscale="log"``…). ``legend=None`` draws one when the axes
    holds labelled artists and no legend yet. Returns ``ax``.
    """
    with style() as font:
        if title is not None:
            ax.set_title(title)
        if xlabel is not None:
            ax.set_xlabel(xlabel)
        if ylabel is not None:
            ax.set_ylabel(ylabel)
        if options:
            ax.set(**options)
        handles, _ = ax.get_legend_handles_labels()
        if legend or (legend is None and handles and ax.get_legend() is None):
            ax.legend()
        apply_font(ax, font)
        if source:
            fig = ax.get_figure()
            fig.draw_without_rendering()  # run the layout, so the note goes under the final axes
            box = ax.get_tightbbox().transformed(fig.transFigure.inverted())
            fig.text(box.x0, box.y0 - 0.015, source, ha="left", va="top", fontsize=8.5, color="0.4")
    return ax


class SavedFigure(list):
    """The paths ``savefig`` wrote. In a notebook it displays the PNG it saved, so a figure is drawn once for the
    file and not again for the notebook's inline display."""

    def _repr_png_(self) -> bytes | None:
        png = next((p for p in self if p.suffix == ".png"), None)
        return png.read_bytes() if png is not None else None


def savefig(
    fig: Figure | Axes,
    name: str,
    *,
    formats: Sequence[str] | None = None,
    folder: str | os.PathLike[str] | None = None,
    close: bool = True,
) -> SavedFigure:
    """Write ``fig`` (or an Axes' figure) as ``folder/name.<format>`` for each format; return the paths.

    ``name`` may carry its format (``"top_terms.png"`` writes only the PNG); otherwise ``formats`` defaults to
    PNG and SVG. ``folder`` defaults to ``config.FIGURES_DIR``. Output is byte-identical from run to run: a fixed
    dpi, no software/date metadata, and a fixed SVG hash salt; SVG text is stored as paths, so the file shows
    Chinese on machines without a CJK font.
    ``close`` (default) closes the figure in pyplot once written; the returned list of paths shows the saved PNG
    when it is a notebook cell's result.
    """
    stem, suffix = _split_name(name)
    wanted = tuple(formats) if formats is not None else ((suffix,) if suffix else ("png", "svg"))
    bad = [f for f in wanted if f not in FORMATS]
    if bad or not wanted:
        raise OptionError(f"formats={list(wanted)!r}: allowed formats are {', '.join(FORMATS)}")
    figure = fig if hasattr(fig, "savefig") else fig.get_figure()
    out = Path(folder) if folder is not None else config.FIGURES_DIR
    out.mkdir(parents=True, exist_ok=True)
    paths = SavedFigure()
    with style():
        for fmt in wanted:
            path = out / f"{stem}.{fmt}"
            figure.savefig(
                path,
                format=fmt,
                dpi=DPI,
                metadata=_METADATA[fmt],
                bbox_inches="tight",
                pad_inches=0.15,
                facecolor="white",
            )
            paths.append(path)
    if close:
        import matplotlib.pyplot as plt

        plt.close(figure)
    return paths


def _split_name(name: str) -> tuple[str, str | None]:
    if not name or not name.strip() or "/" in name or "\\" in name:
        raise OptionError(
            f"name={name!r}: give a file name such as 'top_terms' or 'top_terms.png' (use folder= for the directory)"
        )
    stem, dot, suffix = name.rpartition(".")
    if dot and suffix.lower() in FORMATS:
        return stem, suffix.lower()
    return name, None
