"""The document-term matrix of a corpus: term counts per document, with the documents' metadata beside them.

>>> dtm = corpus.dtm()                         # zhspeech.Corpus → DocumentTermMatrix
>>> dtm.matrix.shape, dtm.terms[:5]
>>> dtm.grouped("year").documents.head()      # one row per year
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

from .._checks import require_columns
from ..errors import OptionError


@dataclass(frozen=True)
class DocumentTermMatrix:
    """Counts of terms in documents.

    ``matrix``: ``scipy.sparse.csr_matrix`` of int64 counts, one row per document, one column per term.
    ``terms``: the column labels (the simplified form ``norm`` the statistics count), sorted.
    ``documents``: one row per matrix row, in the same order (metadata columns such as ``path``, ``title``,
    ``year``, ``author``, ``date``), with ``words``: the row's total, the word count every rate uses.
    ``stop``: per term, whether it is a stopword (``zhspeech.tokens.stopwords``).
    """

    matrix: sparse.csr_matrix
    terms: pd.Index
    documents: pd.DataFrame
    stop: np.ndarray

    def __post_init__(self) -> None:
        n_docs, n_terms = self.matrix.shape
        if n_docs != len(self.documents) or n_terms != len(self.terms) or n_terms != len(self.stop):
            raise ValueError(
                f"matrix {self.matrix.shape} does not match {len(self.documents)} documents, "
                f"{len(self.terms)} terms and {len(self.stop)} stop flags"
            )

    @classmethod
    def from_counts(
        cls,
        counts: Iterable[Mapping[str, int]],
        documents: pd.DataFrame,
        stopwords: Iterable[str] = (),
    ) -> DocumentTermMatrix:
        """Build from one term → count mapping per document (in the order of ``documents``), one at a time, so
        only the counts are held, never the token tables. ``words`` is set to each row's total."""
        vocab: dict[str, int] = {}
        indptr, indices, data = [0], [], []
        for row in counts:
            for term, n in row.items():
                if n:
                    indices.append(vocab.setdefault(term, len(vocab)))
                    data.append(int(n))
            indptr.append(len(indices))
        terms = sorted(vocab)
        order = np.array([vocab[t] for t in terms], dtype=np.int64)
        remap = np.empty(len(terms), dtype=np.int64)
        remap[order] = np.arange(len(terms))
        cols = remap[np.asarray(indices, dtype=np.int64)] if indices else np.zeros(0, dtype=np.int64)
        matrix = sparse.csr_matrix(
            (np.asarray(data, dtype=np.int64), cols, np.asarray(indptr, dtype=np.int64)),
            shape=(len(indptr) - 1, len(terms)),
        )
        matrix.sort_indices()
        docs = documents.reset_index(drop=True).copy()
        docs["words"] = np.asarray(matrix.sum(axis=1)).ravel().astype(np.int64)
        stopset = set(stopwords)
        stop = np.array([t in stopset for t in terms], dtype=bool)
        return cls(matrix, pd.Index(terms, dtype=object, name="term"), docs, stop)

    @property
    def words(self) -> np.ndarray:
        """Words per document (row totals)."""
        return np.asarray(self.matrix.sum(axis=1)).ravel().astype(np.int64)

    def totals(self) -> pd.Series:
        """Count of each term over all documents."""
        return pd.Series(np.asarray(self.matrix.sum(axis=0)).ravel().astype(np.int64), index=self.terms)

    def doc_freq(self) -> pd.Series:
        """Number of documents each term occurs in."""
        present = (self.matrix > 0).astype(np.int64)
        return pd.Series(np.asarray(present.sum(axis=0)).ravel(), index=self.terms)

    def row(self, i: int) -> pd.Series:
        """Term counts of document ``i`` (its non-zero terms only)."""
        r = self.matrix.getrow(i)
        return pd.Series(r.data.astype(np.int64), index=self.terms[r.indices], name=i)

    def subset(self, rows: np.ndarray | list[int] | pd.Series) -> DocumentTermMatrix:
        """The documents ``rows`` (positions, or a boolean mask over the documents), every term kept."""
        idx = np.asarray(rows)
        if idx.dtype == bool:
            idx = np.flatnonzero(idx)
        docs = self.documents.iloc[idx].reset_index(drop=True)
        return DocumentTermMatrix(self.matrix[idx], self.terms, docs, self.stop)

    def grouped(self, by: str) -> DocumentTermMatrix:
        """One row per value of the documents' column ``by`` (sorted; documents with no value left out), counts
        summed. ``documents`` of the result: ``by``, ``n_docs`` (documents in the group), ``words``."""
        require_columns(self.documents, [by], "documents table")
        values = self.documents[by]
        keep = values.notna().to_numpy()
        if not keep.any():
            raise OptionError(f"by={by!r}: no document has a value in that column")
        groups = sorted(set(values[keep].tolist()), key=lambda v: (str(type(v)), v))
        code = {g: i for i, g in enumerate(groups)}
        rows = np.flatnonzero(keep)
        member = sparse.csr_matrix(
            (np.ones(len(rows), dtype=np.int64), ([code[values.iloc[r]] for r in rows], rows)),
            shape=(len(groups), self.matrix.shape[0]),
        )
        matrix = sparse.csr_matrix(member @ self.matrix)
        docs = pd.DataFrame({by: groups, "n_docs": np.asarray(member.sum(axis=1)).ravel().astype(np.int64)})
        docs["words"] = np.asarray(matrix.sum(axis=1)).ravel().astype(np.int64)
        return DocumentTermMatrix(matrix, self.terms, docs, self.stop)
