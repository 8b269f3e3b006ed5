"""``zhspeech compare A B``: what B says more, less, newly or no longer than A, as tables or JSON.

Every row carries both counts and both word counts, so each rate, G², Log Ratio, %DIFF and log-odds z recomputes
from it (the prior's pseudo-count ``prior`` and total ``prior_total`` are given for the z-score).
"""

from __future__ import annotations

import argparse
from typing import Any

from ..errors import SpeechError
from ..text.read import load
from ._output import emit_json, note, positive, print_table, records

_ROWS = (
    "term",
    "count_a",
    "count_b",
    "per_10k_a",
    "per_10k_b",
    "g2",
    "p",
    "p_fdr",
    "log_ratio",
    "pct_diff",
    "prior",
    "log_odds_z",
)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "compare",
        help="compare two speeches: terms leaning each way, new and dropped terms",
        description="Compare speech B with speech A (e.g. this year's report with last year's): per term both "
        "counts and rates per 10,000 words, signed G² with p and Benjamini–Hochberg p, Log Ratio, %DIFF and the "
        "weighted log-odds z-score with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008); positive "
        "values lean B. Also the terms of B absent from A (new) and of A absent from B (gone).",
    )
    p.add_argument("a", metavar="A", help="the earlier or reference speech (any format zhspeech reads)")
    p.add_argument("b", metavar="B", help="the later or target speech")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--top", default="20", metavar="N", help="rows leaning each way in the table (default 20)")
    p.add_argument("--min-count", default="3", metavar="N", help="least count on both sides together (default 3)")
    p.add_argument("--p-max", metavar="P", help="keep rows whose Benjamini–Hochberg p is at most P (default: all)")
    p.add_argument("--all", action="store_true", help="JSON: every tested row, not only --top each way")
    p.set_defaults(func=run)


def _p_max(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        p = float(value)
    except ValueError:
        p = -1.0
    if not 0 < p <= 1:
        raise SpeechError(f"--p-max must be a number in (0, 1], got {value!r}")
    return p


def _side(speech: Any, words: int) -> dict[str, Any]:
    return {
        "path": str(speech.path) if speech.path else None,
        "title": speech.title,
        "year": speech.year,
        "author": speech.byline.author,
        "words": int(words),
    }


def compare_dict(a: Any, b: Any, *, top: int | None = 20, min_count: int = 3, p_max: float | None = None) -> dict:
    """The JSON document of ``zhspeech compare``: rows ranked by |log_odds_z| (``top`` leaning each way, or all)."""
    import pandas as pd

    from ..textstat.compare import textstat_compare

    full = textstat_compare(a, b, min_count=min_count, p_max=p_max)
    table = full
    if top is not None:  # the strongest each way, B's first
        table = pd.concat([table[table["lean"] == "b"].head(top), table[table["lean"] == "a"].head(top)])
    new = full[(full["count_a"] == 0) & (full["count_b"] >= min_count)].sort_values(
        ["count_b", "term"], ascending=[False, True], kind="mergesort"
    )
    gone = full[(full["count_b"] == 0) & (full["count_a"] >= min_count)].sort_values(
        ["count_a", "term"], ascending=[False, True], kind="mergesort"
    )
    return {
        "a": _side(a, full.attrs["words_a"]),
        "b": _side(b, full.attrs["words_b"]),
        "min_count": min_count,
        "p_max": p_max,
        "prior_total": float(full.attrs["prior_total"]),
        "rows": records(table, _ROWS),
        "new_in_b": records(new, {"term": "term", "count_b": "count"}),
        "gone_in_b": records(gone, {"term": "term", "count_a": "count"}),
    }


_COLUMNS = [
    ("term", "term", str),
    ("count_a", "A", lambda v: f"{v:,}"),
    ("count_b", "B", lambda v: f"{v:,}"),
    ("per_10k_a", "A/10k", lambda v: f"{v:.1f}"),
    ("per_10k_b", "B/10k", lambda v: f"{v:.1f}"),
    ("log_odds_z", "z", lambda v: f"{v:+.2f}"),
    ("log_ratio", "LogRatio", lambda v: f"{v:+.2f}"),
    ("p_fdr", "p(BH)", lambda v: f"{v:.2g}"),
]


def compare_text(result: dict, top: int) -> None:
    from ..textstat.compare import side_label

    a, b = result["a"], result["b"]
    print(f"A: {a['title'] or a['path']} ({side_label(a)}), {a['words']:,} words")
    print(f"B: {b['title'] or b['path']} ({side_label(b)}), {b['words']:,} words")
    print(f"z: weighted log-odds with an informative Dirichlet prior (α0 = {result['prior_total']:,.0f}); + leans B")
    for side, name in (("b", "B"), ("a", "A")):
        rows = [r for r in result["rows"] if (r["log_odds_z"] > 0) == (side == "b")][:top]
        print(f"\nleaning {name}:")
        print_table(rows, _COLUMNS) if rows else print("  (none)")
    for key, what in (("new_in_b", "in B, not in A"), ("gone_in_b", "in A, not in B")):
        terms = [f"{r['term']} {r['count']}" for r in result[key][:top]]
        print(f"\n{what} (≥{result['min_count']}): " + ("、".join(terms) if terms else "(none)"))


def run(args: argparse.Namespace) -> int:
    top, min_count = positive(args.top, "--top"), positive(args.min_count, "--min-count")
    p_max = _p_max(args.p_max)
    a, b = load(args.a), load(args.b)
    result = compare_dict(a, b, top=None if args.all else top, min_count=min_count, p_max=p_max)
    if not result["rows"]:
        note(args, result, f"no term occurs at least {min_count} times in A and B together")
    if args.json:
        emit_json(result)
    else:
        compare_text(result, top)
    return 0
