"""The tokens topic models and networks are built from."""

from __future__ import annotations

import pandas as pd


def content_tokens(tokens: pd.DataFrame, *, min_chars: int = 2) -> pd.DataFrame:
    """The tokens topic models and networks are built from: words (``is_word``), not stopwords, ≥ ``min_chars``.

    Single characters left after the stoplist (新, 搞, 正 …) are mostly fragments or function-like in this genre, so
    the default keeps terms of two characters or more.
    """
    keep = tokens["is_word"].astype(bool) & ~tokens["is_stop"].astype(bool)
    if min_chars > 1:
        keep &= tokens["token"].astype(str).str.len() >= min_chars
    return tokens.loc[keep]
