"""How often each term occurs and how evenly it spreads; part-of-speech profile; recurring n-grams.

Every size is a number of words (rows with ``is_word``) of the parts counted (``parts=``: title, headings and body
unless told otherwise), kept in ``attrs["tokens"]`` so rates recompute.
References: Gries (2008) and Lijffijt & Gries (2012) for DP.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from .._checks import check_choice, check_positive, require_columns
from ._tokens import DEFAULT_PARTS, Parts, _counted, _words, check_parts, with_written

if TYPE_CHECKING:  # pragma: no cover
    from ..text.model import Speech


#: Names of the ICTCLAS tags jieba uses (the common ones; other tags are shown as they are).
POS_NAMES: dict[str, str] = {
    "n": "名词",
    "nr": "人名",
    "ns": "地名",
    "nt": "机构团体",
    "nz": "其他专名",
    "ng": "名语素",
    "nrt": "音译人名",
    "nrfg": "人名",
    "v": "动词",
    "vn": "名动词",
    "vd": "副动词",
    "vg": "动语素",
    "vi": "不及物动词",
    "vq": "动词",
    "a": "形容词",
    "ad": "副形词",
    "an": "名形词",
    "ag": "形语素",
    "d": "副词",
    "df": "副词",
    "dg": "副语素",
    "m": "数词",
    "mq": "数量词",
    "q": "量词",
    "r": "代词",
    "rz": "指示代词",
    "rr": "人称代词",
    "p": "介词",
    "c": "连词",
    "u": "助词",
    "uj": "助词（的）",
    "ul": "助词（了）",
    "uz": "助词（着）",
    "ug": "助词（过）",
    "uv": "助词（地）",
    "ud": "助词（得）",
    "y": "语气词",
    "e": "叹词",
    "o": "拟声词",
    "f": "方位词",
    "s": "处所词",
    "t": "时间词",
    "tg": "时语素",
    "b": "区别词",
    "z": "状态词",
    "i": "成语",
    "l": "习用语",
    "j": "简称",
    "k": "后缀",
    "h": "前缀",
    "g": "语素",
    "x": "非语素字",
    "eng": "外文",
}


def _dp_units(words: pd.DataFrame) -> np.ndarray:
    """The part of the text each word counts in for DP: its paragraph, or for a title or heading row (paragraph 0,
    outside any paragraph) its own sentence, as ``-sentence`` so the two never collide."""
    paragraph = words["paragraph"].to_numpy(dtype=np.int64)
    return np.where(paragraph > 0, paragraph, -words["sentence"].to_numpy(dtype=np.int64))


def _frequency(words: pd.DataFrame) -> pd.DataFrame:
    """count, paragraphs, dp, dp_norm, pos of each term in ``words`` (DP parts: the ``unit`` column)."""
    total = len(words)
    sizes = words.groupby("unit", observed=True).size() / total  # s_i: share of the words in each part
    cells = words.groupby(["term", "unit"], observed=True).size().rename("f").reset_index()
    count = cells.groupby("term")["f"].sum()
    v = cells["f"] / cells["term"].map(count)  # v_i: share of the term's occurrences in each part
    s = cells["unit"].map(sizes)
    # DP = ½ Σ_i |v_i − s_i|; parts without the term contribute s_i, i.e. 1 − Σ s_i over parts with it
    dev = (v - s).abs().groupby(cells["term"]).sum()
    covered = s.groupby(cells["term"]).sum()
    dp = (0.5 * (dev + 1.0 - covered)).clip(0.0, 1.0)
    table = pd.DataFrame({"count": count, "paragraphs": cells.groupby("term").size(), "dp": dp})
    table["dp_norm"] = table["dp"] / (1.0 - sizes.min()) if len(sizes) > 1 else np.nan
    table["per_10k"] = table["count"] / total * 1e4
    if "pos" in words.columns:
        tags = words.groupby(["term", "pos"], observed=True).size().rename("n").reset_index()
        tags = tags.assign(pos=tags["pos"].astype(str)).sort_values(["term", "n", "pos"], ascending=[True, False, True])
        table["pos"] = tags.drop_duplicates("term").set_index("term")["pos"]
    return table.rename_axis("term").reset_index()


def textstat_frequency(
    tokens: pd.DataFrame | Speech,
    *,
    min_count: int = 1,
    by: Literal["section"] | None = None,
    drop_stopwords: bool = False,
    parts: Parts = DEFAULT_PARTS,
) -> pd.DataFrame:
    """How often each term occurs and how evenly it spreads over the paragraphs.

    One row per term: ``count``; ``per_10k`` (count per 10,000 words); ``paragraphs`` (how many paragraphs contain
    it, a title or heading line counting as a paragraph of its own); ``dp`` — Gries' (2008) deviation of
    proportions over paragraphs, ½ Σ|v_i − s_i| with s_i the paragraph's share of all words and v_i its share of
    the term's occurrences: 0 = spread exactly like the text, near 1 = concentrated in one small paragraph;
    ``dp_norm`` = dp / (1 − min s_i) (Lijffijt & Gries 2012), which reaches 1; ``pos`` the term's most frequent
    tag. Sorted by count (descending), then term. In a traditional text (``tokens.attrs["script"]``) a term is the
    simplified form (``norm``), so 發展 and 发展 are one term, and ``written`` lists the forms as written.

    ``parts`` says which parts of the text are counted: ``("title", "heading", "body")`` by default; add
    ``"back"`` for appendices and glossaries, or give ``("body",)`` for the body alone. Title and heading rows
    belong to no paragraph (paragraph 0), so for DP each of their sentences is a part of its own, sized by its
    words like any paragraph: a term the title repeats is not mistaken for one spread evenly.

    ``attrs``: ``tokens`` (the words counted, the per-10k base), ``paragraphs`` (DP parts: paragraphs plus title
    and heading sentences) and ``parts``. ``by="section"`` computes each section on its own (DP over that
    section's paragraphs) and adds ``section`` and ``tokens`` (words in the section) columns. ``drop_stopwords``
    drops stopword rows from the result after counting, so the rates keep all words as base.
    """
    check_positive("min_count", min_count)
    check_choice("by", by, (None, "section"))
    chosen = check_parts(parts)
    words = _words(_counted(tokens, chosen))
    words = words.assign(unit=_dp_units(words))
    columns = ["term", "count", "per_10k", "paragraphs", "dp", "dp_norm"] + (["pos"] if "pos" in words else [])
    if words.empty:
        table = pd.DataFrame({c: pd.Series(dtype=object if c in ("term", "pos") else float) for c in columns})
    elif by is None:
        table = _frequency(words)[columns]
    else:
        frames = [
            _frequency(group)[columns].assign(section=key, tokens=len(group))
            for key, group in words.groupby("section", sort=True, observed=True)
        ]
        table = pd.concat(frames, ignore_index=True)[["section", "tokens", *columns]]
    if drop_stopwords and "is_stop" in words.columns and not table.empty:
        table = table[~table["term"].isin(set(words.loc[words["is_stop"].astype(bool), "term"]))]
    table = table[table["count"] >= min_count]
    keys = (["section"] if by else []) + ["count", "term"]
    table = table.sort_values(keys, ascending=[True] * (len(keys) - 2) + [False, True], kind="mergesort")
    table = table.reset_index(drop=True)
    table = with_written(table, words)
    table.attrs.update(tokens=len(words), paragraphs=int(words["unit"].nunique()), parts=chosen)
    return table


def textstat_pos(tokens: pd.DataFrame | Speech, *, examples: int = 5, parts: Parts = DEFAULT_PARTS) -> pd.DataFrame:
    """Part-of-speech profile: one row per ICTCLAS tag — ``pos``, ``name`` (Chinese name of the tag), ``count``
    (words with the tag), ``share`` (of all words), ``types`` (distinct terms) and the most frequent ``terms``.
    ``parts`` as in :func:`textstat_frequency`; ``attrs["tokens"]``: the words counted."""
    check_positive("examples", examples, minimum=0)
    words = _words(_counted(tokens, parts))
    require_columns(words, ("pos",), "token table")
    words = words.assign(pos=words["pos"].astype(str))
    freq = words.groupby(["pos", "term"]).size().rename("n").reset_index()
    freq = freq.sort_values(["pos", "n", "term"], ascending=[True, False, True])
    table = freq.groupby("pos").agg(
        count=("n", "sum"), types=("term", "size"), terms=("term", lambda t: "、".join(t.iloc[:examples]))
    )
    table["share"] = table["count"] / len(words)
    table["name"] = [POS_NAMES.get(p, p) for p in table.index]
    table = table.reset_index().sort_values(["count", "pos"], ascending=[False, True], kind="mergesort")
    table.attrs["tokens"] = len(words)
    return table[["pos", "name", "count", "share", "types", "terms"]].reset_index(drop=True)


def textstat_ngrams(
    tokens: pd.DataFrame | Speech,
    n: int | Sequence[int] = (2, 3, 4),
    *,
    min_count: int = 2,
    drop_stopwords: bool = False,
    parts: Parts = DEFAULT_PARTS,
) -> pd.DataFrame:
    """Recurring sequences of 2–4 words, in the parts counted (``parts`` as in :func:`textstat_frequency`).

    An n-gram is n consecutive words of one sentence with no punctuation or number between them: n-grams never
    cross a sentence and never bridge a comma or an enumeration mark (、), so 安全、开放 is not a bigram.
    One row per n-gram: ``ngram`` (words joined by a space), ``text`` (joined as written), ``n``, ``count``,
    ``per_10k`` (per 10,000 words, ``attrs["tokens"]``), ``sentences`` (how many sentences contain it).
    ``drop_stopwords`` drops n-grams that begin or end with a stopword. Sorted by count, then n, then n-gram.
    """
    sizes = (n,) if isinstance(n, (int, np.integer)) else tuple(n)
    for size in sizes:
        check_positive("n", size, minimum=2)
    check_positive("min_count", min_count)
    tokens = _counted(tokens, parts)
    is_word = tokens["is_word"].astype(bool).to_numpy()
    sentence = tokens["sentence"].to_numpy()
    brk = ~is_word
    brk[1:] |= sentence[1:] != sentence[:-1]
    run = np.cumsum(brk)[is_word]  # words of one run: same sentence, no non-word between them
    words = _words(tokens)
    terms = words["term"].to_numpy(dtype=object)
    stop = words["is_stop"].astype(bool).to_numpy() if "is_stop" in words else np.zeros(len(words), bool)
    sent = words["sentence"].to_numpy()
    frames = []
    for size in sizes:
        if len(terms) < size:
            continue
        idx = np.nonzero(run[: len(run) - size + 1] == run[size - 1 :])[0]
        if drop_stopwords:
            idx = idx[~stop[idx] & ~stop[idx + size - 1]]
        pieces = [pd.Series(terms[idx + j]) for j in range(size)]
        gram = pieces[0].str.cat(pieces[1:], sep=" ") if size > 1 else pieces[0]
        frames.append(pd.DataFrame({"ngram": gram, "n": size, "sentence": sent[idx]}))
    grams = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["ngram", "n", "sentence"])
    table = grams.groupby(["ngram", "n"]).agg(count=("sentence", "size"), sentences=("sentence", "nunique"))
    table = table.reset_index()
    table = table[table["count"] >= min_count].copy()
    table["text"] = table["ngram"].str.replace(" ", "", regex=False)
    table["per_10k"] = table["count"] / max(len(words), 1) * 1e4
    table = table.sort_values(["count", "n", "ngram"], ascending=[False, True, True], kind="mergesort")
    table.attrs["tokens"] = len(words)
    return table[["ngram", "text", "n", "count", "per_10k", "sentences"]].reset_index(drop=True)
