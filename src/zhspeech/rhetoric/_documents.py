"""Referenced documents: titles in book marks 《…》 in the body of the speech."""

from __future__ import annotations

import pandas as pd

from ._common import SentenceIndex, frame_table, title_spans

COLUMNS = ["document", "title", "count", "first_sentence", "start", "end"]
MENTION_COLUMNS = ["document", "title", "mention", "sentence", "start", "end"]


def document_mentions(speech) -> pd.DataFrame:
    """One row per 《…》 title in a body sentence: document id, title, mention number, sentence, start, end."""
    index = SentenceIndex(speech)
    rows = [
        dict(title=s.content(speech.text), sentence=index.sentence(s.start), start=s.start, end=s.end)
        for s in title_spans(speech.text)
    ]
    df = frame_table([r for r in rows if r["sentence"]], ["title", "sentence", "start", "end"])
    order = {t: i for i, t in enumerate(dict.fromkeys(df["title"]), start=1)}
    df.insert(0, "document", df["title"].map(order).astype("int64"))
    df.insert(2, "mention", (df.groupby("document").cumcount() + 1).astype("int64"))
    return df[MENTION_COLUMNS]


def documents(speech, *, mentions: bool = False) -> pd.DataFrame:
    """Documents the speech names in 《…》, with counts and first mention.

    One row per title in order of first mention: ``document`` (id), ``title`` (without the book marks), ``count``,
    ``first_sentence``, ``start``/``end`` of the first mention (``speech.text[start:end]`` is the title). Titles
    outside body sentences (the speech's own title, headings) are not counted. ``mentions=True`` gives one row per
    mention instead.
    """
    long = document_mentions(speech)
    if mentions or long.empty:
        return long if mentions else frame_table([], COLUMNS)
    g = long.groupby("document", sort=True)
    first = g.head(1).set_index("document")
    out = pd.DataFrame(
        {
            "document": first.index,
            "title": first["title"].to_numpy(),
            "count": g.size().to_numpy(),
            "first_sentence": first["sentence"].to_numpy(),
            "start": first["start"].to_numpy(),
            "end": first["end"].to_numpy(),
        }
    )
    return out.reset_index(drop=True)
