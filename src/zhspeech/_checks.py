"""The checks and character classes every stage shares, written once.

Options are checked with :func:`check_choice` and :func:`check_positive` (``OptionError``), tables with
:func:`require_columns` (``TableError``); :data:`HAN` is the one Han character class (CJK unified ideographs with
every extension, compatibility ideographs included) and :func:`display_width` the width of text in a terminal.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

from .errors import OptionError, TableError

#: Han characters: CJK unified ideographs, extension A, compatibility ideographs, extensions B to H.
HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN = re.compile(f"[{HAN_CLASS}]")
NON_HAN = re.compile(f"[^{HAN_CLASS}]+")


def check_choice(name: str, value: object, allowed: Sequence[object]) -> None:
    """``OptionError`` unless ``value`` is one of ``allowed``: ``by='point' is not one of 'section', 'paragraph'``."""
    if value not in allowed:
        raise OptionError(f"{name}={value!r} is not one of {', '.join(map(repr, allowed))}")


def check_positive(name: str, value: Any, minimum: int = 1) -> int:
    """``value`` as an int when it is a whole number ≥ ``minimum``; ``OptionError`` naming ``name`` otherwise.
    Booleans, floats and strings are refused (the command line converts its strings first)."""
    import numpy as np  # loaded by every caller already

    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < minimum:
        raise OptionError(f"{name} must be a whole number ≥ {minimum}, got {value!r}")
    return int(value)


def require_columns(table: object, columns: Iterable[str], what: str) -> None:
    """``TableError`` unless ``table`` is a DataFrame with every one of ``columns``; ``what`` names the table."""
    import pandas as pd  # pandas is loaded by every caller; imported here to keep this module light

    columns = list(columns)
    if not isinstance(table, pd.DataFrame):
        raise TableError(
            f"{what} must be a table (a pandas DataFrame) with the columns {', '.join(columns)}; "
            f"got {type(table).__name__}"
        )
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise TableError(f"{what} lacks column(s) {', '.join(missing)}; expected {', '.join(columns)}")


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: two for wide and full-width characters (Chinese), one otherwise."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, width: int, *, right: bool = False) -> str:
    """``text`` padded with spaces to ``width`` terminal columns (on the left when ``right``)."""
    fill = " " * max(width - display_width(text), 0)
    return fill + text if right else text + fill
