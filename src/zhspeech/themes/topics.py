"""Topics: non-negative matrix factorization (scikit-learn NMF) of TF-IDF over paragraphs or sentences.

>>> topics = zhspeech.textmodel_topics(speech)          # number of topics chosen by coherence
>>> topics.topics                                       # topic, label, terms, weights, share, examples
>>> topics.document_topics                              # paragraph × topic weights (rows sum to 1)
>>> topics.selection                                    # the criterion for every k tried
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Literal, NamedTuple

import numpy as np
import pandas as pd

from .._checks import check_choice, check_positive
from ..errors import SpeechError
from ._content import topic_tokens

if TYPE_CHECKING:  # pragma: no cover
    from ..text.model import Speech

_UNITS = ("paragraph", "sentence")
K_RANGE = range(2, 9)
#: A text with this many units (paragraphs or sentences) with content terms or more is long: a government work
#: report covers a dozen policy fields, so k is chosen from LONG_K_RANGE and never below five.
LONG_TEXT = 50
LONG_K_RANGE = range(5, 11)
EXAMPLES = 2
TOP_TERMS = 10
LABEL_TERMS = 3


class Topics(NamedTuple):
    """Result of ``textmodel_topics``; unpack it or use the fields."""

    topics: pd.DataFrame  # topic, label, terms (list), weights (list), share, examples (list of sentences)
    document_topics: pd.DataFrame  # index = paragraph (or sentence) id, one column per topic id; rows sum to 1
    selection: pd.DataFrame  # k, coherence, reconstruction_error, chosen
    n_topics: int
    unit: str


def textmodel_topics(
    speech: Speech,
    *,
    n_topics: int | None = None,
    unit: Literal["paragraph", "sentence"] = "paragraph",
    seed: int = 0,
    min_df: int | None = None,
) -> Topics:
    """Fit an NMF topic model on TF-IDF of content tokens per ``unit``.

    ``topics``: one row per topic, most prevalent first — ``topic`` (1..k), ``label`` (top three terms joined by
    ·), ``terms`` and ``weights`` (top ten terms and their NMF weights), ``share`` (the topic's share of all
    document weight) and ``examples`` (the two sentences with the highest weight of the topic, the fitted model
    applied to each sentence). ``document_topics``: one row per unit, the topic mixture (rows sum to 1; 0 for a
    unit with no content terms). ``min_df``: a term must occur in at least this many units; by default 2 when there
    are ten units or more (a term of one paragraph cannot link paragraphs), else 1.

    Documents are the content tokens of each unit (``speech.tokens``: words, not stopwords, two characters or more),
    without the generic words of the genre (``zhspeech.themes._content.GENERIC_TERMS``: 加强, 推进, 坚持, 建设,
    工作, 发展 …), which occur in every topic and would name each one by what every paragraph says.
    The factorization is deterministic: NNDSVD initialization (an SVD, no random start) and a fixed ``seed`` for the
    solver, so the same speech gives the same topics on every run.

    Choosing the number of topics (``n_topics=None``): every k from 2 to 8 (at most the number of documents − 1) is
    fitted and scored by the mean NPMI coherence of each topic's top terms, counting co-occurrence within sentences
    of the speech itself (normalized pointwise mutual information, Bouma 2009; the measure Lau et al. 2014 and Röder
    et al. 2015 found closest to human judgements of topic quality). The k with the highest mean coherence wins;
    ties go to the smaller k. A long text (``LONG_TEXT`` = 50 units with terms or more) is scored over k = 5…10:
    coherence alone prefers two or three broad topics there, which a reader cannot name. ``Topics.selection``
    lists the score and reconstruction error of every k, so the choice can be checked. On a speech of twenty
    paragraphs the topic model is a reading aid, not a measurement: compare it with the codebook themes, which are
    coded sentence by sentence.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    check_choice("unit", unit, _UNITS)
    if n_topics is not None:
        n_topics = check_positive("n_topics (or None)", n_topics)
    ids, docs = _documents(speech, unit)
    if min_df is None:
        min_df = 2 if sum(1 for d in docs if d) >= 10 else 1
    vectorizer = TfidfVectorizer(analyzer=_identity, min_df=min(min_df, len(docs)), sublinear_tf=True)
    try:
        X = vectorizer.fit_transform(docs)
    except ValueError:
        raise SpeechError(f"too few content terms in the {unit}s for a topic model") from None
    vocab = vectorizer.get_feature_names_out()
    ks = _candidate_ks(X, n_topics, unit)
    reference = _sentence_sets(speech, vocab)
    fits = {k: _fit(X, k, seed) for k in ks}
    scores = [(k, _coherence(H, reference), err) for k, (W, H, err, _) in fits.items()]
    best = max(scores, key=lambda s: (s[1], -s[0]))[0]
    selection = pd.DataFrame(scores, columns=["k", "coherence", "reconstruction_error"])
    selection["chosen"] = selection["k"] == best
    W, H, _, model = fits[best]
    topics, document_topics = _tables(W, H, vocab, ids, unit)
    examples = _examples(speech, vectorizer, model, W if unit == "sentence" else None)
    topics["examples"] = [examples[o] for o in topics.pop("order")]
    return Topics(topics, document_topics, selection, best, unit)


def _candidate_ks(X, n_topics: int | None, unit: str) -> list[int]:
    """The k to fit: ``n_topics``, or the k range (long texts: LONG_K_RANGE) cut to k < units with terms, k < terms."""
    n_docs, n_terms = int((X.getnnz(axis=1) > 0).sum()), X.shape[1]
    limit = min(n_docs, n_terms) - 1
    k_range = LONG_K_RANGE if n_docs >= LONG_TEXT else K_RANGE
    ks = [n_topics] if n_topics is not None else [k for k in k_range if k <= limit]
    if not ks or ks[0] > limit:
        k = n_topics or min(K_RANGE)
        hint = " (try unit='sentence')" if unit == "paragraph" else ""
        raise SpeechError(
            f"{k} topics need more than {k} {unit}s with content terms and more than {k} terms; "
            f"the speech has {n_docs} and {n_terms}{hint}"
        )
    return ks


def _examples(speech: Speech, vectorizer, model, W: np.ndarray | None) -> list[list[str]]:
    """Per topic (in model order), the EXAMPLES sentences with the highest weight of the topic.

    ``W``: the sentence × topic weights when the model was fitted on sentences; else the fitted model is applied to
    the sentences' TF-IDF vectors. Sentences without a vocabulary term weigh 0 and are never examples.
    """
    ids, docs = _documents(speech, "sentence")
    if W is None:
        X = vectorizer.transform(docs)
        W = model.transform(X) if X.shape[0] else np.zeros((0, model.n_components_))
    text = speech.sentences.set_index("sentence")["text"].astype(str)
    out = []
    for t in range(W.shape[1]):
        top = [i for i in np.argsort(-W[:, t], kind="stable")[:EXAMPLES] if W[i, t] > 0]
        out.append([text[ids[i]] for i in top])
    return out


def _identity(doc: list[str]) -> list[str]:
    return doc


def _documents(speech: Speech, unit: str) -> tuple[list[int], list[list[str]]]:
    """Unit ids (every paragraph/sentence, empty ones included) and their content tokens in reading order."""
    tokens = topic_tokens(speech.tokens)
    ids = speech.paragraphs["paragraph"].tolist() if unit == "paragraph" else speech.sentences["sentence"].tolist()
    grouped = tokens.groupby(unit, sort=True, observed=True)["token"].agg(lambda s: s.astype(str).tolist())
    return [int(i) for i in ids], [grouped.get(i, []) for i in ids]


def _fit(X, k: int, seed: int):  # type: ignore[no-untyped-def]
    """(W, H, reconstruction error, the fitted model) of NMF with k components."""
    from sklearn.decomposition import NMF
    from sklearn.exceptions import ConvergenceWarning

    model = NMF(n_components=k, init="nndsvd", random_state=seed, max_iter=1000)
    with warnings.catch_warnings():  # a tiny text may stop at max_iter; the fit is still deterministic and its
        warnings.simplefilter("ignore", ConvergenceWarning)  # reconstruction error is reported in `selection`
        W = model.fit_transform(X)
    return W, model.components_, float(model.reconstruction_err_), model


def _sentence_sets(speech: Speech, vocab: np.ndarray):
    """Binary sentence × term matrix (CSC) of the vocabulary: the reference counts for coherence."""
    from scipy import sparse

    tokens = topic_tokens(speech.tokens)
    col = pd.Index(vocab.astype(str))
    terms = col.get_indexer(tokens["token"].astype(str))
    keep = terms >= 0
    rows = pd.factorize(tokens["sentence"].to_numpy()[keep])[0]
    m = sparse.csc_matrix((np.ones(keep.sum()), (rows, terms[keep])), shape=(rows.max(initial=-1) + 1, len(col)))
    m.sum_duplicates()
    m.data[:] = 1.0
    return m


def _coherence(H: np.ndarray, reference) -> float:
    """Mean NPMI over pairs of each topic's top terms; a pair never seen together scores −1."""
    n = reference.shape[0]
    if n == 0:
        return float("nan")
    per_topic = []
    for row in H:
        top = np.argsort(-row, kind="stable")[:TOP_TERMS]
        sub = reference[:, top]
        joint = (sub.T @ sub).toarray() / n
        p = np.diag(joint)
        i, j = np.triu_indices(len(top), k=1)
        pij = joint[i, j]
        with np.errstate(divide="ignore", invalid="ignore"):
            npmi = np.where(pij > 0, np.log(pij / (p[i] * p[j])) / -np.log(pij), -1.0)
        npmi = np.where(pij >= 1.0, 1.0, npmi)  # two terms in every sentence: log(1)/−log(1)
        per_topic.append(float(np.mean(npmi)) if len(npmi) else 0.0)
    return float(np.mean(per_topic))


def _tables(
    W: np.ndarray, H: np.ndarray, vocab: np.ndarray, ids: list[int], unit: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    order = np.argsort(-W.sum(axis=0), kind="stable")
    W, H = W[:, order], H[order]
    share = W.sum(axis=0) / W.sum() if W.sum() > 0 else np.zeros(W.shape[1])
    rows = []
    for t, row in enumerate(H, start=1):
        top = np.argsort(-row, kind="stable")[:TOP_TERMS]
        top = top[row[top] > 0]
        terms = [str(vocab[i]) for i in top]
        rows.append(
            {
                "topic": t,
                "label": "·".join(terms[:LABEL_TERMS]),
                "terms": terms,
                "weights": [round(float(row[i]), 6) for i in top],
                "share": float(share[t - 1]),
                "order": int(order[t - 1]),
            }
        )
    totals = W.sum(axis=1, keepdims=True)
    mix = np.divide(W, totals, out=np.zeros_like(W), where=totals > 0)
    document_topics = pd.DataFrame(
        mix, index=pd.Index(ids, name=unit), columns=pd.Index(range(1, W.shape[1] + 1), name="topic")
    )
    return pd.DataFrame(rows), document_topics
