"""What every command shares: JSON output, aligned terminal tables, notes, and checked numeric options."""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from .._checks import check_positive, display_width, pad
from ..errors import SpeechError
from ..text.frontmatter import YEAR_RANGE

SPEECH_HELP = "speech file (UTF-8, UTF-16, GB18030/GBK, Big5; markdown or plain)"


def emit_json(obj: Any) -> None:
    """Print one JSON object (UTF-8, Chinese unescaped)."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def positive(value: Any, option: str) -> int:
    """A command-line option that must be a whole number ≥ 1 (``OptionError``, one line, exit 2, otherwise)."""
    text = str(value).strip()
    return check_positive(option, int(text) if text.isascii() and text.isdigit() else value)


def plain(value: Any) -> Any:
    """numpy/pandas scalars and containers → JSON-ready Python values (NaN/NA → None)."""
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if value is None or isinstance(value, (str, bool)):
        return value
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    import pandas as pd  # loaded already by every command that has a table to print

    return None if value is pd.NA else value


def records(table: Any, columns: Sequence[str] | Mapping[str, str]) -> list[dict[str, Any]]:
    """Rows of a DataFrame as JSON-ready dicts; ``columns`` lists the columns, or maps each column to its key."""
    keys = dict(columns) if isinstance(columns, Mapping) else {c: c for c in columns}
    return [{key: plain(row[col]) for col, key in keys.items()} for row in table[list(keys)].to_dict("records")]


def note(args: argparse.Namespace, payload: dict, text: str) -> None:
    """A note on an empty result: in the JSON document, or on stderr beside a table."""
    if args.json:
        payload["note"] = text
    else:
        print(f"note: {text}", file=sys.stderr)


Column = tuple[str, str, Callable[[Any], str]]


def print_table(rows: Sequence[dict], columns: Sequence[Column]) -> None:
    """Print rows as an aligned table; ``columns`` = (key, header, formatter); text columns are left-aligned."""
    cells = [[fmt(row[key]) for key, _, fmt in columns] for row in rows]
    headers = [header for _, header, _ in columns]
    widths = [max([display_width(h)] + [display_width(r[i]) for r in cells]) for i, h in enumerate(headers)]
    numeric = [bool(rows) and isinstance(rows[0][key], (int, float)) for key, _, _ in columns]
    for line in [headers, *cells]:
        print("  ".join(pad(c, w, right=n) for c, w, n in zip(line, widths, numeric)).rstrip())


def add_input(p: argparse.ArgumentParser) -> None:
    """The speech path and the options every single-speech command takes."""
    p.add_argument("path", metavar="PATH", help=SPEECH_HELP)
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--encoding", metavar="ENC", help="force the file's encoding (e.g. gb18030)")


def add_year(p: argparse.ArgumentParser) -> None:
    """The --year option (the document's year, for 今年/去年/明年) shared by the commands that read dates."""
    p.add_argument(
        "--year",
        metavar="YYYY",
        help="the document's year, for 今年/去年/明年 (default: the date line's year, else a four-digit year in the "
        "file name, else unknown: relative dates then stay unresolved)",
    )


def parse_year(value: str | None) -> int | None:
    """The --year option as an int; SpeechError (one line) if it is not a year in range."""
    if value is None:
        return None
    text = value.strip()
    if not text.isdecimal() or not text.isascii():
        raise SpeechError(f"--year must be a year such as 2024, got {value!r}")
    year = int(text)
    if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        raise SpeechError(f"--year {year} is out of range: give a year from {YEAR_RANGE[0]} to {YEAR_RANGE[1]}")
    return year
