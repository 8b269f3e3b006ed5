"""Tokens: jieba segmentation with the project lexicon, dictionary POS tags, one memory-lean row per token.

>>> speech = zhspeech.load(zhspeech.config.SPEECH_PATH)
>>> speech.tokens.head()                       # = zhspeech.tokens.speech_tokens(speech)
>>> zhspeech.tokenize("推动构建网络空间命运共同体。")
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .. import cache
from ..text.script import script_of, to_simplified
from . import lexicon as lx
from ._fastcut import _NUMBER, Tokenizer, _file_key, get_tokenizer
from ._multiword import _merge_round, _Multiword, _stopset, _tags_of
from ._segment import _check_jobs, _segment, _Segments

if TYPE_CHECKING:  # pragma: no cover
    from ..text.model import Speech

__all__ = ["Tokenizer", "get_tokenizer", "tokenize", "speech_tokens", "text_terms", "compare_posseg"]


def _small_int(values: np.ndarray) -> np.ndarray:
    """The smallest signed integer dtype that holds ``values`` (ids are small: int8/int16 mostly)."""
    top = int(values.max()) if len(values) else 0
    low = int(values.min()) if len(values) else 0
    for dtype in (np.int8, np.int16, np.int32):
        if np.iinfo(dtype).min <= low and top <= np.iinfo(dtype).max:
            return values.astype(dtype)
    return values.astype(np.int64)


#: Tags of terms (from the lexicon or the text) that stay words even when written in numerals only (十三五, 三五).
_TERM_TAGS = frozenset({"nz", "n", "j", "l", "i", "nt", "ns"})


def _word_flags(vocab: list[str], tags: list[str] | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per vocabulary entry: is_punct, is_word, is_stop. A token of numerals only is a number, not a word, unless
    the lexicon or the text gives it a term's tag (十三五, the 13th five-year plan)."""
    punct = np.array([not any(ch.isalnum() for ch in w) for w in vocab], dtype=bool)
    tags = tags if tags is not None else ["m"] * len(vocab)
    number = np.array(
        [_NUMBER.fullmatch(w) is not None and t not in _TERM_TAGS for w, t in zip(vocab, tags)], dtype=bool
    )
    word = ~punct & ~number
    stop = word & np.array([w in _stopset() for w in vocab], dtype=bool)
    return punct, word, stop


#: Parts of a text in reading order: the order of the ``part`` categories of a token table.
PART_ORDER = ("title", "heading", "body", "back")


def _sentence_parts(sentences: pd.DataFrame) -> pd.Categorical:
    """The ``part`` of each sentence row ("body" for a table without the column), categories in reading order."""
    if "part" not in sentences.columns:
        values = np.full(len(sentences), "body", dtype=object)
    else:
        values = sentences["part"].astype(str).to_numpy(dtype=object)
    present = set(values.tolist())
    categories = [p for p in PART_ORDER if p in present] + sorted(present - set(PART_ORDER))
    return pd.Categorical(values, categories=pd.Index(categories, dtype=object))


def _written(text: str, seg: _Segments) -> pd.Categorical:
    """The tokens as written in ``text`` (the segmented string was its simplified form, of the same length)."""
    return pd.Categorical([text[a:b] for a, b in zip(seg.starts.tolist(), seg.ends.tolist())])


def _assemble(
    seg: _Segments, ids: Mapping[str, np.ndarray], tags: list[str], parts: pd.Categorical, written: str | None
) -> pd.DataFrame:
    """The token table: categorical token, norm, pos and part, small-int ids, int32 offsets, word flags.
    ``written``: the text as written when the segmented string was its simplified form (else ``None``)."""
    used = np.bincount(seg.codes, minlength=len(seg.vocab)) > 0
    remap = (np.cumsum(used) - 1).astype(np.int32)
    vocab = [w for w, u in zip(seg.vocab, used) if u]
    tags = [t for t, u in zip(tags, used) if u]
    codes = remap[seg.codes]
    tag_names = sorted(set(tags))
    tag_codes = np.array([tag_names.index(t) for t in tags], dtype=np.int8)
    punct, word, stop = _word_flags(vocab, tags)
    norm = pd.Categorical.from_codes(codes, categories=pd.Index(vocab, dtype=object))
    table = pd.DataFrame(
        {
            "token": norm if written is None else _written(written, seg),
            "norm": norm,
            "pos": pd.Categorical.from_codes(
                tag_codes[codes] if len(codes) else codes, categories=pd.Index(tag_names, dtype=object)
            ),
            **{name: _small_int(values[seg.sent]) for name, values in ids.items()},
            "part": pd.Categorical.from_codes(parts.codes[seg.sent], categories=parts.categories),
            "start": seg.starts.astype(np.int32),
            "end": seg.ends.astype(np.int32),
            "is_stop": stop[codes],
            "is_punct": punct[codes],
            "is_word": word[codes],
        }
    )
    table.attrs["script"] = "simplified" if written is None else "traditional"
    return table


def _pipeline(
    text: str, sentences: pd.DataFrame, tok: Tokenizer, n_jobs: int, terms: bool
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Token table of the sentences (``start``/``end`` into ``text``) and the table of terms the text added.

    A traditional text is segmented, tagged and flagged in its simplified form (same length, same offsets)."""
    simplified = to_simplified(text)
    written = text if script_of(text, simplified) == "traditional" else None
    text = simplified if written is not None else text
    begin = sentences["start"].to_numpy(dtype=np.int64)
    end = sentences["end"].to_numpy(dtype=np.int64)
    ids = {c: sentences[c].to_numpy(dtype=np.int64) for c in ("sentence", "paragraph", "section")}
    found: dict[str, lx.Term] = {}
    if terms:
        found = {term.term: term for term in lx.marked_terms(text, tok)}
        added = [(t.term, t.tag) for t in found.values() if t.added]
        tok = tok.with_terms(added) if added else tok
    seg = _segment(tok, text, begin, end, n_jobs).complete()
    mw = _Multiword(tok, found=found)
    if terms:
        new: set[str] | None = None
        for _ in range(mw.rule.rounds):
            before = set(mw.tags)
            seg = _merge_round(seg, mw, new)
            new = set(mw.tags) - before  # later rounds only extend the terms just joined
            if not new:
                break
    table = _assemble(seg, ids, _tags_of(tok, seg.vocab, mw.tags), _sentence_parts(sentences), written)
    if found:  # a term that is a word is counted as tokens (the multiword step counted its own joins)
        counts = dict(zip(seg.vocab, np.bincount(seg.codes, minlength=len(seg.vocab)).tolist()))
        for term in found.values():
            if term.source != "multiword" and (term.added or term.note == "already a word"):
                term.count = counts.get(term.term, 0)
    return table, _terms_table(found.values())


def _terms_table(found: Sequence[lx.Term] | Iterator[lx.Term]) -> pd.DataFrame:
    table = pd.DataFrame([vars(t) for t in found], columns=["term", "source", "count", "added", "tag", "note"])
    order = {s: i for i, s in enumerate(lx._SOURCES)}
    table = table.assign(_o=table["source"].map(order)).sort_values(
        ["_o", "added", "count", "term"], ascending=[True, False, False, True], kind="mergesort"
    )
    return table.drop(columns="_o").reset_index(drop=True).astype({"count": "int64", "added": bool})


_SENTENCE = re.compile(r"[^\s。！？!?…][^\n。！？!?…]*(?:[。！？!?…]+[”’」』）)\]]*)?|[。！？!?…]+[”’」』）)\]]*")


def simple_sentences(text: str) -> pd.DataFrame:
    """Paragraphs at line breaks, sentences after 。！？!?… (and a closing quote or bracket): the split
    ``tokenize(text)`` uses. Returns ``sentence``, ``paragraph``, ``section`` (0), ``start``, ``end``."""
    starts, ends = [], []
    for m in _SENTENCE.finditer(text):
        starts.append(m.start())
        ends.append(m.start() + len(m.group().rstrip()))
    begin = np.array(starts, dtype=np.int64)
    newlines = np.array([m.start() for m in re.finditer("\n", text)], dtype=np.int64)
    line = np.searchsorted(newlines, begin)  # line of each sentence
    first_of_line = np.r_[True, line[1:] != line[:-1]] if len(line) else np.zeros(0, dtype=bool)
    return pd.DataFrame(
        {
            "sentence": np.arange(1, len(begin) + 1),
            "paragraph": np.cumsum(first_of_line),
            "section": np.zeros(len(begin), dtype=np.int64),
            "start": begin,
            "end": np.array(ends, dtype=np.int64),
        }
    )


_TERMS: OrderedDict[tuple, pd.DataFrame] = OrderedDict()  # terms of the last few texts, for text_terms()


def _remember(key: tuple, terms: pd.DataFrame) -> None:
    _TERMS[key] = terms
    _TERMS.move_to_end(key)
    while len(_TERMS) > 8:
        _TERMS.popitem(last=False)


def _run(
    text: str, sentences: pd.DataFrame, tok: Tokenizer, n_jobs: int, terms: bool, kind: str | tuple
) -> pd.DataFrame:
    table, found = _pipeline(text, sentences, tok, _check_jobs(n_jobs), terms)
    if terms:
        _remember((kind, text, tok.paths), found)
    return table


def tokenize(text: str, *, n_jobs: int = 1, lexicon: lx.LexiconArg = None, terms: bool = True) -> pd.DataFrame:
    """Token table of a raw text: one row per token, in text order.

    ``lexicon``: user lexicon file(s), loaded after the project lexicon. ``terms=False`` skips the terms the text
    marks and the multiword step (plain lexicon segmentation). ``n_jobs=2`` segments in two worker processes
    (same table). Offsets index ``text`` as given; sentences come from :func:`simple_sentences`.

    ===========  =====================================================================================================
    token        the token as written (categorical); ``text[start:end] == token``
    norm         the simplified form the statistics count (categorical): equal to ``token`` in a simplified text;
                 in a traditional one (``table.attrs["script"] == "traditional"``) its OpenCC t2s conversion
    pos          jieba's ICTCLAS tag (categorical): from the dictionary, the lexicon or the text's own terms
    sentence     sentence id (as in ``speech.sentences``; for ``tokenize(text)``: a simple split, see below)
    paragraph    paragraph id (0 for title and heading rows); ``section``: section number (0 = before the first
                 heading / no sections)
    part         the part of the text the sentence is in (categorical, in reading order): ``"title"``,
                 ``"heading"``, ``"body"`` or ``"back"`` (appendices, glossaries), from ``speech.sentences``;
                 ``"body"`` for ``tokenize(text)`` and for a sentence table without a ``part`` column
    start, end   int32 character offsets into ``speech.text`` (or the text given to ``tokenize``)
    is_stop      a word in the stopword list (``zhspeech.tokens.stopwords``)
    is_punct     punctuation or symbols only (no letter, digit or Han character)
    is_word      not punctuation and not a number (digits, Chinese numerals 一…十百千万亿两零〇, decimal points and
                 percent signs only): statistics count only these rows
    ===========  =====================================================================================================

    A text written in traditional characters (:func:`script_of`: at least 4 % of its Han characters change under
    OpenCC's t2s) is segmented in its simplified form, converted character for character so offsets are the same:
    the dictionary, the lexicon, the stopwords, POS tags and the statistics all see ``norm``; ``token`` keeps the
    text as written. ``table.attrs["script"]`` says which (``"traditional"`` or ``"simplified"``).

    Whitespace is never a token, and tokens never cross a sentence: each sentence is segmented on its own. For a
    Speech every row of ``speech.sentences`` is tokenized: the title, each heading, body and back-matter sentences
    (byline, date line and other front matter are not sentences). ``tokenize(text)``
    splits the raw text into paragraphs at line breaks and into sentences after 。！？!?… (with any closing quote or
    bracket); its ``section`` is 0. For headings, points and page-break repair use ``zhspeech.parse(text).tokens``.

    What the tokenizer keeps whole comes in three layers, applied in this order (``data/lexicon/README.md``
    documents each):

    1. **Lexicon files** in jieba's user-dictionary format, one entry a line, ``word [freq] [pos]``: the project
       lexicon ``data/lexicon/policy_terms.txt`` (terms, formulas, organizations, events and documents of Chinese
       policy speeches), then the user's own files (``zhspeech.load(path, lexicon=…)``). Read with
       :func:`read_lexicon`; a malformed line raises :class:`~zhspeech.errors.LexiconError` naming the file and
       the line.
    2. **Terms the text marks** (:func:`marked_terms`), found afresh in every text: short quoted terms
       (“数字鸿沟”), 《…》 titles, numbered formulas (四项原则, 三个倡导) and organization names (…组织, …论坛,
       …委员会).
    3. **Multiword terms** (:func:`multiword_chains`): sequences of two to five adjacent content words that recur
       as a unit in the text.

    :func:`zhspeech.text_terms` shows layers 2 and 3 for a text: each term, where it came from, how often it
    occurs, and whether it was added (or why not).
    """
    if not isinstance(text, str):
        raise TypeError(f"tokenize() expects a str, got {type(text).__name__}")
    return _run(text, simple_sentences(text), get_tokenizer(lexicon), n_jobs, terms, "text")


def speech_tokens(speech: Speech, *, n_jobs: int = 1, terms: bool = True) -> pd.DataFrame:
    """Token table of a Speech's sentences, title and headings included (``Speech.tokens`` calls this), with its
    lexicon.

    Columns and rules as in :func:`tokenize`.

    With ``terms`` (the default) the table and the text's terms are kept in the on-disk cache
    (:mod:`zhspeech.cache`), keyed by the text, its sentence table (spans, ids, parts), the lexicon files' contents
    and the kit's code, so the notebooks of a report tokenize a speech once.
    """
    units = _sentence_key(speech.sentences)
    kind = ("speech", units)  # the terms of one text differ with its sentence table (multiword counts)
    if not terms:
        return _run(speech.text, speech.sentences, get_tokenizer(speech.lexicon), n_jobs, terms, kind)
    paths = _resolved_paths(speech.lexicon)
    entry = cache.key("tokens", [speech.text, units, *(str(p) for p in paths), *paths])

    def compute() -> tuple[pd.DataFrame, pd.DataFrame]:
        tok = get_tokenizer(speech.lexicon)
        table = _run(speech.text, speech.sentences, tok, n_jobs, terms, kind)
        return table, _TERMS[(kind, speech.text, tok.paths)]

    table, found = cache.cached(entry, compute)
    _remember((kind, speech.text, paths), found)
    return table


def _sentence_key(sentences: pd.DataFrame) -> bytes:
    """The sentence table as the token table depends on it: ids, spans and parts, as bytes for the cache key."""
    columns = [sentences[c].to_numpy(dtype=np.int64).tobytes() for c in ("sentence", "paragraph", "section")]
    columns += [sentences[c].to_numpy(dtype=np.int64).tobytes() for c in ("start", "end")]
    parts = _sentence_parts(sentences)
    return b"\0".join([*columns, "\n".join(map(str, parts.categories)).encode(), parts.codes.tobytes()])


def _resolved_paths(lexicon: lx.LexiconArg) -> tuple[Path, ...]:
    """The lexicon files as a built tokenizer names them (``Tokenizer.paths``), without building it."""
    return tuple(Path(p) for p, _, _ in _file_key(lx.lexicon_paths(lexicon)))


def text_terms(data: str | Speech, *, lexicon: lx.LexiconArg = None) -> pd.DataFrame:
    """The terms a text adds to the lexicon for its own tokens, and why.

    One row per candidate: ``term``, ``source`` (quoted, title, formula, organization, multiword), ``count``
    (its tokens in the token table; for a candidate that is not a word, the times the text marks it), ``added``
    (went into the dictionary for this text), ``tag`` (the POS tag its tokens get) and ``note`` (the reason, or
    why it was not added). For a Speech, the speech's own lexicon is used and ``lexicon`` is ignored. Read from
    the tokenizer's memory when the text was already tokenized.
    """
    key: str | tuple
    if isinstance(data, str):
        key, text = "text", data
        paths = get_tokenizer(lexicon).paths
    else:
        key, text, paths = ("speech", _sentence_key(data.sentences)), data.text, _resolved_paths(data.lexicon)
    found = _TERMS.get((key, text, paths))
    if found is None:
        if key == "text":
            tokenize(text, lexicon=lexicon)
        else:
            speech_tokens(data)  # type: ignore[arg-type]
        found = _TERMS[(key, text, paths)]
    return found.copy()


def compare_posseg(data: str | Speech, *, lexicon: lx.LexiconArg = None) -> pd.DataFrame:
    """Our tokens and tags beside ``jieba.posseg``'s, over an identical dictionary (lexicon + the text's terms).

    ``posseg`` runs on the same sentences. Rows are our tokens: ``token``, ``start``, ``end``, ``pos``,
    ``posseg`` (posseg's tag for a token with exactly the same span; empty where posseg cut the span differently),
    ``agree`` (same span and same tag). ``table["agree"].mean()`` is the agreement rate. Slow: posseg is the
    reference, not the hot path.
    """
    if isinstance(data, str):
        text, tokens, sentences = data, tokenize(data, lexicon=lexicon), simple_sentences(data)
    else:
        text, tokens, sentences = data.text, data.tokens, data.sentences
    if tokens.attrs.get("script") == "traditional":  # segmented in its simplified form: posseg reads that too
        text = to_simplified(text)
    terms = text_terms(data, lexicon=lexicon)
    added = terms[terms["added"]]
    tok = get_tokenizer(lexicon if isinstance(data, str) else data.lexicon)
    postok = tok.with_terms(list(zip(added["term"], added["tag"]))).posseg()
    spans: dict[tuple[int, int], str] = {}
    for a, b in zip(sentences["start"].tolist(), sentences["end"].tolist()):
        pos = a
        for pair in postok.cut(text[a:b]):
            spans[(pos, pos + len(pair.word))] = pair.flag
            pos += len(pair.word)
    table = tokens[["token", "start", "end", "pos"]].astype({"token": str, "pos": str})
    table["posseg"] = [spans.get(k) for k in zip(table["start"].tolist(), table["end"].tolist())]
    table["agree"] = table["posseg"] == table["pos"]
    return table
