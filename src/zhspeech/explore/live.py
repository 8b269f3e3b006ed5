"""Live mode: when a kernel runs, any term or regular expression, searched as you type (ipywidgets).

The page's explorer holds the top terms only; live mode asks the kernel, so it finds anything: a string anywhere
in the text (数字 inside 数字经济, across token boundaries) or a regular expression (``数字\\w{2}``,
``[一二三四五]个\\w+``).
It shows, for the matches: how many and which strings matched, where they fall (``textplot_xray``), their KWIC lines
(searchable, sortable) and the collocates of the most frequent matched strings. In an exported page, where no kernel
runs, the widget is replaced by a note saying so.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd

from .._checks import check_choice, check_positive
from ..errors import OptionError
from ..textstat._tokens import _search_text
from ..textstat.collocations import textstat_collocations
from ..textstat.kwic import KWIC_COLUMNS, kwic

if TYPE_CHECKING:  # pragma: no cover
    from ..text.model import Speech

_NOTE = (
    "<p><em>Live mode needs a running kernel: open this notebook in JupyterLab and run it to search any term or "
    "regular expression. The explorer above works without one.</em></p>"
)


def find_spans(speech: Speech, pattern: str, *, regex: bool = False) -> pd.DataFrame:
    """Where ``pattern`` occurs in ``speech.text``: ``start``, ``end``, ``match`` (the string as written).

    A plain pattern is a substring search; ``regex=True`` reads it as a Python regular expression (empty matches are
    skipped). A traditional text is searched in its simplified form (same offsets), so either script finds it.
    ``OptionError`` for an empty pattern or a regular expression that does not compile."""
    if not isinstance(pattern, str) or not pattern.strip():
        raise OptionError("pattern must be a non-empty string")
    try:
        compiled = re.compile(pattern if regex else re.escape(pattern.strip()))
    except re.error as exc:
        raise OptionError(f"pattern {pattern!r} is not a regular expression: {exc}") from None
    text = speech.text
    search = _search_text(text, speech.tokens)
    spans = [(m.start(), m.end()) for m in compiled.finditer(search) if m.end() > m.start()]
    if not regex and search != text:  # the pattern may be written traditional: search the text as written too
        spans += [(m.start(), m.end()) for m in compiled.finditer(text)]
    spans = sorted(set(spans))
    return pd.DataFrame(
        {
            "start": np.array([s for s, _ in spans], dtype=np.int64),
            "end": np.array([e for _, e in spans], dtype=np.int64),
            "match": [text[s:e] for s, e in spans],
        }
    )


def live_kwic(
    speech: Speech,
    pattern: str,
    *,
    regex: bool = False,
    width: int = 20,
    sort: Literal["position", "left", "right"] = "position",
) -> pd.DataFrame:
    """KWIC lines of every match of ``pattern`` (see :func:`find_spans`): the columns of ``zhspeech.kwic`` plus
    ``match``. ``sort`` as ``zhspeech.kwic`` (left context read backwards, or right context; ties in text order)."""
    check_positive("width", width)
    check_choice("sort", sort, ("position", "left", "right"))
    spans = find_spans(speech, pattern, regex=regex)
    wanted = set(zip(spans["start"], spans["end"]))
    parts = [kwic(speech, form, width=width) for form in dict.fromkeys(spans["match"])]
    rows = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=KWIC_COLUMNS)
    rows = rows[[(s, e) in wanted for s, e in zip(rows["start"], rows["end"])]]
    rows = rows.drop_duplicates(["start", "end"]).sort_values("start", kind="mergesort")
    rows = rows.assign(match=rows["node"])
    if sort != "position" and len(rows):
        key = rows["left"].str[::-1] if sort == "left" else rows["right"]
        rows = rows.assign(_key=key).sort_values("_key", kind="mergesort").drop(columns="_key")
    return rows.reset_index(drop=True)


def live_collocates(speech: Speech, lines: pd.DataFrame, *, forms: int = 3, window: int = 5) -> pd.DataFrame:
    """Collocates (``textstat_collocations``) of the ``forms`` most frequent matched strings of a ``live_kwic``
    table that are whole tokens, one block per form: ``node`` then the collocation columns."""
    check_positive("forms", forms)
    whole = lines[lines["whole_tokens"].astype(bool)] if len(lines) else lines
    nodes = whole["match"].value_counts().head(forms).index if len(whole) else []
    blocks = [textstat_collocations(speech.tokens, str(n), window=window).assign(node=str(n)) for n in nodes]
    blocks = [b for b in blocks if len(b)]
    if not blocks:
        return pd.DataFrame(columns=["node", "collocate", "n12", "n1", "n2", "N", "g2", "logdice"])
    table = pd.concat(blocks, ignore_index=True)
    return table[["node", *[c for c in table.columns if c != "node"]]]


class LiveExplorer:
    """The live explorer's widget (``widget``) and what it last showed (``lines``, ``collocates``)."""

    def __init__(self, speech: Speech, start: str = "", *, width: int = 20, window: int = 5) -> None:
        import ipywidgets as w

        self.speech, self.width, self.window = speech, width, window
        self.lines, self.collocates = pd.DataFrame(), pd.DataFrame()
        self.query = w.Text(value=start, placeholder="a term or a regular expression", description="Search")
        self.regex = w.Checkbox(value=False, description="regular expression", indent=False)
        self.sort = w.ToggleButtons(options=["position", "left", "right"], description="KWIC by")
        self.output = w.Output()
        self.widget = w.VBox([w.HBox([self.query, self.regex]), self.sort, self.output])
        for control in (self.query, self.regex, self.sort):
            control.observe(lambda _change: self.update(), names="value")
        self.query.continuous_update = False
        if start:
            self.update()

    def update(self) -> None:
        """Search again and redraw the output (called on every change of the controls)."""
        from IPython.display import display

        self.output.clear_output(wait=True)
        with self.output:
            try:
                self.lines = live_kwic(
                    self.speech, self.query.value, regex=self.regex.value, width=self.width, sort=self.sort.value
                )
            except OptionError as exc:
                print(exc)
                return
            self._draw(display)

    def _draw(self, display: Any) -> None:
        from matplotlib import pyplot as plt

        from ..textplot.charts import textplot_xray
        from .tables import show

        counts = self.lines["match"].value_counts()
        print(f"{len(self.lines)} matches, {len(counts)} different strings: " + "、".join(counts.index[:12]))
        if len(counts):
            textplot_xray(self.speech.tokens, list(counts.index[:8]), speech=self.speech)
            plt.show()
        display(show(self.lines.drop(columns=["whole_tokens"])))
        self.collocates = live_collocates(self.speech, self.lines, window=self.window)
        display(show(self.collocates))

    def _repr_mimebundle_(self, **kwargs: Any) -> dict:
        bundle = self.widget._repr_mimebundle_(**kwargs)
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        return {**data, "text/html": _NOTE, "text/plain": "Live mode: needs a running kernel."}


def live(speech: Speech, start: str = "", *, width: int = 20, window: int = 5) -> LiveExplorer:
    """The live explorer of ``speech``: type any term or regular expression (``start``: the first search).

    Needs a running kernel and ipywidgets; display it as a cell's last line (``zhspeech.explore.live(speech)``)."""
    check_positive("width", width)
    check_positive("window", window)
    return LiveExplorer(speech, start, width=width, window=window)
