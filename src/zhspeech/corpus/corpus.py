"""Many speeches read as one corpus: a documents table, a lazy ``Speech`` per document, cached token tables and the
document-term matrix.

>>> corpus = zhspeech.Corpus("data/raw/corpus/gov_work_reports/")     # a folder, a glob, paths or a table
>>> corpus.documents[["year", "author", "words"]].head()
>>> corpus.dtm().grouped("decade").documents                         # words per decade
>>> corpus.speech(0).title, corpus.tokens(0).head()

Each document is read, tokenized and counted once: a worker reads the file, tokenizes it (the token table goes to
the on-disk cache, :mod:`zhspeech.cache`) and sends back only the document's record and its term counts, which are
cached too, keyed by the file's bytes, its name, its metadata, the lexicon files' contents and the kit's code. A
second run reads those records and neither parses nor tokenizes; the matrix is built from the counts, one document
at a time, so no more than one token table per worker is ever held.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import warnings
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .. import cache
from .._checks import check_choice
from ..errors import CorpusError, LexiconError, SpeechError, TableError
from ..text.model import Speech
from ..textstat._tokens import DEFAULT_PARTS, _words, in_parts
from ..tokens import lexicon as lx
from ..tokens.pipeline import get_tokenizer, speech_tokens
from ..tokens.shared import added_terms, merged_counts
from ..tokens.stopwords import stopwords
from . import backends
from .dtm import DocumentTermMatrix
from .inputs import Source, file_sha256, list_sources, read_source, source_meta

#: With ``progress=None``, a bar is shown when the documents left to tokenize hold more bytes than this (about two
#: seconds of work).
PROGRESS_MIN_BYTES = 400_000
_SPEECHES_KEPT = 4  # speeches held by .speech(i); older ones are read again on demand

_COLUMNS = ["doc_id", "path", "name", "sha256", "title", "date", "year", "author", "decade"]
_SIZES = ["sections", "paragraphs", "sentences", "chars", "words"]


@dataclass(frozen=True)
class TermCounts:
    """A document's term counts in a compact form (one string, one array) that pickles fast and holds few
    objects: ``terms`` joined by newlines (a term never holds whitespace) and ``counts`` in the same order."""

    terms: str
    counts: np.ndarray
    added: tuple[tuple[str, str], ...] = ()  # the terms the document added to the dictionary, with their tags

    @classmethod
    def from_tokens(cls, tokens: pd.DataFrame, added: Mapping[str, str] | None = None) -> TermCounts:
        """The counted words of a token table: the ``norm`` of ``is_word`` rows in the title, headings and body."""
        counts = _words(in_parts(tokens, DEFAULT_PARTS))["term"].value_counts().sort_index()
        return cls.from_counts(counts.to_dict(), added)

    @classmethod
    def from_counts(cls, counts: Mapping[str, int], added: Mapping[str, str] | None = None) -> TermCounts:
        terms = sorted(counts)
        values = np.array([counts[t] for t in terms], dtype=np.int64)
        return cls("\n".join(terms), values, tuple(sorted((added or {}).items())))

    def as_dict(self) -> dict[str, int]:
        return dict(zip(self.terms.split("\n"), self.counts.tolist())) if self.terms else {}

    @property
    def words(self) -> int:
        return int(self.counts.sum())


@dataclass(frozen=True)
class _Sequence:
    """The counted tokens of a document (title, headings, body) in text order, compact: what the shared
    segmentation re-counts once the terms of every document are known (:func:`merged_counts`)."""

    vocab: tuple[str, ...]
    codes: np.ndarray  # int32 index into vocab, one per token
    joined: np.ndarray  # bool: the next token follows in the same sentence with nothing between
    word: np.ndarray  # bool: the token is a word

    @classmethod
    def from_tokens(cls, tokens: pd.DataFrame) -> _Sequence:
        tokens = in_parts(tokens, DEFAULT_PARTS)
        norm = (tokens["norm"] if "norm" in tokens.columns else tokens["token"]).astype(str)
        codes, vocab = pd.factorize(norm, sort=True)
        sentence, start, end = (tokens[c].to_numpy() for c in ("sentence", "start", "end"))
        joined = (sentence[1:] == sentence[:-1]) & (start[1:] == end[:-1])
        word = tokens["is_word"].to_numpy(dtype=bool)
        return cls(tuple(vocab), codes.astype(np.int32), joined, word)

    def counts(self, terms: Mapping[str, str]) -> dict[str, int]:
        norms = np.array(self.vocab, dtype=object)[self.codes] if self.vocab else np.array([], dtype=object)
        return dict(merged_counts(norms, self.joined, self.word, terms))


@dataclass(frozen=True)
class _Task:
    """One document for a worker: its source, the cache entry of its record, the lexicon to tokenize with."""

    source: Source
    entry: str
    lexicon: lx.LexiconArg


def _init_worker(lexicon: lx.LexiconArg) -> None:
    """Once per worker, before its first document: build the tokenizer (jieba's dictionary and the lexicon)."""
    get_tokenizer(lexicon)
    stopwords()
    cache.key("corpus", [])  # the code digest of the cache keys


def _document(task: _Task) -> tuple[dict[str, Any], TermCounts]:
    """Read, tokenize and count one document (in a worker); the record and counts are cached before returning, and
    so is the document's token sequence (for the shared segmentation)."""
    speech = read_source(task.source, lexicon=task.lexicon)
    tokens = speech_tokens(speech)
    counts = TermCounts.from_tokens(tokens, added_terms(speech))
    cache.put(_sequence_entry(task.entry), _Sequence.from_tokens(tokens))
    counted = in_parts(speech.sentences, DEFAULT_PARTS)
    record = dict(source_meta(speech, task.source))
    record.update(
        sections=len(speech.sections),
        paragraphs=int((speech.paragraphs["part"] == "body").sum()) if "part" in speech.paragraphs else 0,
        sentences=len(counted),
        chars=len(speech.text),
        words=counts.words,
    )
    cache.put(task.entry, (record, counts))
    return record, counts


class Corpus:
    """Documents read from ``source`` (a folder, a glob, a path, a list of paths, a table file or a DataFrame; see
    :func:`zhspeech.corpus.inputs.list_sources`), each tokenized once and counted.

    ``backend``: ``"process"`` (worker processes on this machine, the default), ``"serial"`` or ``"dask"``
    (``client``: a ``dask.distributed.Client``, else a local cluster of ``n_jobs`` workers); every backend gives
    the same tables. ``n_jobs``: worker processes (``None``: one per core). ``lexicon``: user lexicon file(s).
    ``metadata``: columns to set or override, as a DataFrame with a ``path`` or ``name`` column (else keyed by
    its index) or a dict ``{path or name: {column: value}}``. ``text_column``: the text column of a table.
    ``strict``: raise on the first file that cannot be read instead of skipping it. ``progress``: a bar on
    stderr (``None``: when there is more than about two seconds of work and stderr is a terminal).

    ``documents``: one row per document, sorted by year (unknown last), then path:

    ============  ==================================================================================================
    doc_id        row number (0, 1, …): ``corpus.speech(doc_id)``, row ``doc_id`` of ``corpus.dtm()``
    path, name    the file (or ``table.csv#12`` for a table's row) and its name (or the row's label)
    sha256        digest of the file's bytes (of the text for a table row); exact duplicates are read once
    title, date   the metadata given (a table's columns, ``metadata=``), else the front matter, else the file name
    year, author  (the ``*_source`` columns say which; see ``inputs.source_meta``); ``year``: an integer or missing
    decade        the year rounded down to ten (1978 → 1970)
    sections      numbered sections; ``paragraphs``: body paragraphs; ``sentences``: sentences counted (title,
                  headings and body, as the words are); ``chars``: characters of the normalized text
    words         counted words (title, headings and body; stopwords included): the sum of the document's row
    …             any other column of the table or of ``metadata``
    ============  ==================================================================================================

    ``skipped``: ``path``, ``error`` (one line) for each file that could not be read (each also a one-line
    warning). ``duplicates``: ``path``, ``duplicate_of``, ``sha256`` for each exact copy left out.
    """

    def __init__(
        self,
        source: Any,
        *,
        backend: str = "process",
        n_jobs: int | None = None,
        client: Any = None,
        lexicon: lx.LexiconArg = None,
        metadata: pd.DataFrame | Mapping[str, Mapping[str, Any]] | None = None,
        text_column: str = "text",
        strict: bool = False,
        progress: bool | None = None,
        shared: bool = True,
    ) -> None:
        check_choice("backend", backend, backends.BACKENDS)
        check_choice("shared", shared, (True, False))
        backends.check_jobs(n_jobs)
        self.lexicon = lexicon
        lexicon_digest = _lexicon_digest(lexicon)
        sources = _with_metadata(list_sources(source, text_column=text_column), metadata)
        failed: list[tuple[Source, BaseException]] = []
        unique, duplicates = _fingerprints(sources, strict, failed)
        tasks = [_Task(src, _entry(src, sha, lexicon_digest), lexicon) for src, sha in unique]
        results = _records(tasks, backend=backend, n_jobs=n_jobs, client=client, progress=progress)
        done = []
        for (src, sha), result in zip(unique, results):
            if isinstance(result, BaseException):
                _fail(src, result, strict, failed)
            else:
                done.append((src, sha, *result))
        failed.sort(key=lambda f: f[0].path)
        for src, exc in failed:
            warnings.warn(f"skipped {src.path}: {_one_line(exc)}", stacklevel=2)
        if not done:
            raise CorpusError(_nothing_read(len(sources), failed))
        done.sort(key=lambda d: _order(d[2].get("year"), d[0].path))
        if shared:  # one segmentation: the terms any document added, joined in every document
            task_of = {id(t.source): t for t in tasks}
            recounted = _shared_counts([(task_of[id(d[0])], d[3]) for d in done], client)
            done = [(src, sha, {**record, "words": c.words}, c) for (src, sha, record, _), c in zip(done, recounted)]
        self._sources = [d[0] for d in done]
        self._counts: list[TermCounts] | None = [d[3] for d in done]
        self.documents = _documents_table([_row(src, sha, record) for src, sha, record, _ in done])
        self.skipped = pd.DataFrame(
            [{"path": src.path, "error": _one_line(exc)} for src, exc in failed], columns=["path", "error"]
        )
        self.duplicates = pd.DataFrame(duplicates, columns=["path", "duplicate_of", "sha256"])
        self._dtm: DocumentTermMatrix | None = None
        self._speeches: OrderedDict[int, Speech] = OrderedDict()

    def __len__(self) -> int:
        return len(self._sources)

    def __iter__(self) -> Iterator[Speech]:
        """The documents' speeches in order, each read on demand."""
        for i in range(len(self)):
            yield self.speech(i)

    def __repr__(self) -> str:
        return f"Corpus(documents={len(self)}, skipped={len(self.skipped)}, duplicates={len(self.duplicates)})"

    def source(self, i: int) -> Source:
        """Where document ``i`` comes from (path, name, text of a table row, metadata given)."""
        return self._sources[self._check_index(i)]

    def speech(self, i: int) -> Speech:
        """Document ``i`` as a ``Speech``, read again from its source when not among the last few asked for."""
        i = self._check_index(i)
        if i in self._speeches:
            self._speeches.move_to_end(i)
            return self._speeches[i]
        speech = read_source(self._sources[i], lexicon=self.lexicon)
        self._speeches[i] = speech
        while len(self._speeches) > _SPEECHES_KEPT:
            self._speeches.popitem(last=False)
        return speech

    def tokens(self, i: int) -> pd.DataFrame:
        """Token table of document ``i`` (``speech.tokens``; read from the on-disk cache after the first run)."""
        return self.speech(i).tokens

    def dtm(self) -> DocumentTermMatrix:
        """The document-term matrix: one row per row of ``documents``, one column per counted term (built once)."""
        if self._dtm is None:
            counts = self._counts or []
            self._dtm = DocumentTermMatrix.from_counts((c.as_dict() for c in counts), self.documents, stopwords())
            self._counts = None  # the matrix holds them now
        return self._dtm

    def grouped(self, by: str) -> DocumentTermMatrix:
        """The matrix with one row per value of the documents' column ``by`` (``dtm().grouped(by)``)."""
        return self.dtm().grouped(by)

    def _check_index(self, i: int) -> int:
        if isinstance(i, bool) or not isinstance(i, (int, np.integer)) or not -len(self) <= i < len(self):
            raise IndexError(f"document {i!r} is not one of the corpus's {len(self)} (0 … {len(self) - 1})")
        return int(i) % len(self)


def _lexicon_digest(lexicon: lx.LexiconArg) -> str:
    """Digest of the lexicon files' names and contents (project lexicon first), for the cache keys."""
    h = hashlib.sha256()
    for path in lx.lexicon_paths(lexicon):
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise LexiconError(f"cannot read lexicon {path}: {exc.strerror or exc}") from None
        h.update(str(path.resolve()).encode() + b"\0" + len(data).to_bytes(8, "little") + data)
    return h.hexdigest()


def _entry(src: Source, sha256: str, lexicon_digest: str) -> str:
    """Cache entry of a document's record: what the record depends on besides the code."""
    kind = "row" if src.text is not None else "file"
    meta = repr([sorted((str(k), repr(v)) for k, v in given.items()) for given in (src.meta, src.row_meta)])
    return cache.key("corpus", [kind, sha256, src.name, meta, lexicon_digest])


def _records(tasks: list[_Task], *, backend: str, n_jobs: int | None, client: Any, progress: bool | None) -> list:
    """Each task's (record, counts) from the cache, or computed on ``backend`` (an exception for a bad file)."""
    results: list[Any] = [cache.get(task.entry) for task in tasks]
    missing = [i for i, r in enumerate(results) if not _is_record(r)]
    if not missing:
        return results
    todo = [tasks[i] for i in missing]
    sizes = [_size(task.source) for task in todo]
    if progress is None:
        progress = sum(sizes) > PROGRESS_MIN_BYTES
    computed = backends.run(
        _document,
        todo,
        backend=backend,
        n_jobs=n_jobs,
        client=client,
        progress=progress,
        initializer=_init_worker,
        initargs=(todo[0].lexicon,),
        weights=sizes,
    )
    for i, result in zip(missing, computed):
        results[i] = result
        if backend == "dask" and _is_record(result):  # workers elsewhere cache on their own disks
            cache.put(tasks[i].entry, result)
    return results


@dataclass(frozen=True)
class _Recount:
    """One document to count again in the shared segmentation: its task, the terms to join, the result's entry."""

    task: _Task
    terms: tuple[tuple[str, str], ...]
    entry: str


def _sequence_entry(entry: str) -> str:
    return cache.key("corpusseq", [entry])


def _recount(job: _Recount) -> TermCounts:
    """The document's counts with ``job.terms`` joined, from its cached token sequence (re-read when missing)."""
    sequence = cache.get(_sequence_entry(job.task.entry))
    if not isinstance(sequence, _Sequence):
        speech = read_source(job.task.source, lexicon=job.task.lexicon)
        sequence = _Sequence.from_tokens(speech_tokens(speech))
        cache.put(_sequence_entry(job.task.entry), sequence)
    counts = TermCounts.from_counts(sequence.counts(dict(job.terms)))
    cache.put(job.entry, counts)
    return counts


def _shared_counts(documents: list[tuple[_Task, TermCounts]], client: Any) -> list[TermCounts]:
    """Every document counted again with the terms any of them added joined (first document's tag wins), so a
    term is one word in all documents or in none; cached per document and set of terms."""
    union: dict[str, str] = {}
    for _, counts in documents:
        for term, tag in counts.added:
            union.setdefault(term, tag)
    terms = tuple(sorted(union.items()))
    digest = hashlib.sha256("\n".join(f"{t}\t{g}" for t, g in terms).encode()).hexdigest()
    jobs = [_Recount(task, terms, cache.key("corpusmerged", [task.entry, digest])) for task, _ in documents]
    results: list[Any] = [cache.get(job.entry) for job in jobs]
    missing = [i for i, r in enumerate(results) if not isinstance(r, TermCounts)]
    if missing:  # cheap (no tokenizing): in this process, except on a given cluster (its workers hold the sequences)
        where = "dask" if client is not None else "serial"
        computed = backends.run(_recount, [jobs[i] for i in missing], backend=where, client=client, progress=False)
        for i, value in zip(missing, computed):
            if isinstance(value, BaseException):
                raise value
            results[i] = value
    return results


def _is_record(value: Any) -> bool:
    return isinstance(value, tuple) and len(value) == 2 and isinstance(value[1], TermCounts)


def _size(src: Source) -> int:
    """Bytes of the document (of the row's text for a table row): its expected cost."""
    if src.text is not None:
        return len(src.text.encode("utf-8"))
    try:
        return os.path.getsize(src.path)
    except OSError:
        return 0


def _fingerprints(
    sources: list[Source], strict: bool, failed: list[tuple[Source, BaseException]]
) -> tuple[list[tuple[Source, str]], list[dict[str, str]]]:
    """The sources with their sha256, each content once; the exact copies as rows of ``duplicates``."""
    first: dict[str, Source] = {}
    unique, duplicates = [], []
    for src in sources:
        try:
            sha = file_sha256(src)
        except (OSError, SpeechError) as exc:
            _fail(src, exc, strict, failed)
            continue
        if sha in first:
            duplicates.append({"path": src.path, "duplicate_of": first[sha].path, "sha256": sha})
        else:
            first[sha] = src
            unique.append((src, sha))
    return unique, duplicates


def _fail(src: Source, exc: BaseException, strict: bool, failed: list[tuple[Source, BaseException]]) -> None:
    """A file that could not be read: raised when ``strict``, else recorded (and warned about, in one line)."""
    if strict:
        raise exc
    failed.append((src, exc))


def _one_line(exc: BaseException) -> str:
    """The error as one line (the message of a kit error; type and message of any other)."""
    message = " ".join(str(exc).split())
    return message if isinstance(exc, SpeechError) else f"{type(exc).__name__}: {message}".rstrip(": ")


def _nothing_read(n_sources: int, failed: list[tuple[Source, BaseException]]) -> str:
    src, exc = failed[0]
    return f"none of the {n_sources} documents could be read; the first: {src.path}: {_one_line(exc)}"


def _order(year: Any, path: str) -> tuple:
    """Documents by year (unknown last), then path."""
    known = year is not None and not pd.isna(year)
    return (0, int(year), path) if known else (1, 0, path)


def _row(src: Source, sha256: str, record: dict[str, Any]) -> dict[str, Any]:
    """The documents row: where it comes from, the worker's record, the table's and the caller's other columns."""
    row = {"path": src.path, "name": src.name, "sha256": sha256, **record}
    for key, value in src.meta.items():
        row.setdefault(key, value)
    return row


def _documents_table(rows: list[dict[str, Any]]) -> pd.DataFrame:
    table = pd.DataFrame(rows)
    table.insert(0, "doc_id", np.arange(len(table), dtype=np.int64))
    for column in ("title", "date", "year", "author"):
        if column not in table:
            table[column] = None
    year = pd.to_numeric(table["year"], errors="coerce").astype("Int64")
    table["year"] = year
    table["decade"] = (year // 10) * 10
    sources = [c for c in table.columns if c.endswith("_source")]
    first = _COLUMNS + _SIZES + sources
    return table[first + [c for c in table.columns if c not in first]]


def _with_metadata(sources: list[Source], metadata: Any) -> list[Source]:
    """The sources with the caller's metadata merged into ``meta`` (the caller's values win)."""
    given = _metadata_rows(metadata)
    if not given:
        return sources
    used: set[str] = set()
    merged = []
    for src in sources:
        keys = [src.path, src.name, Path(src.path).stem]
        if src.text is None:
            keys.append(str(Path(src.path).resolve()))
        found = next((k for k in keys if k in given), None)
        if found is None:
            merged.append(src)
            continue
        used.add(found)
        merged.append(dataclasses.replace(src, meta={**src.meta, **given[found]}))
    unmatched = [k for k in given if k not in used]
    if unmatched:
        shown = ", ".join(unmatched[:5]) + (", …" if len(unmatched) > 5 else "")
        warnings.warn(f"metadata for {len(unmatched)} name(s) matched no document: {shown}", stacklevel=3)
    return merged


def _metadata_rows(metadata: Any) -> dict[str, dict[str, Any]]:
    """``metadata`` as {path or name: {column: value}} (missing values left out, so they override nothing)."""
    if metadata is None:
        return {}
    if isinstance(metadata, pd.DataFrame):
        key = next((c for c in ("path", "name") if c in metadata.columns), None)
        table = metadata.set_index(key) if key else metadata
        rows = {str(k): dict(v) for k, v in zip(table.index, table.to_dict("records"))}
    elif isinstance(metadata, Mapping) and all(isinstance(v, Mapping) for v in metadata.values()):
        rows = {str(k): dict(v) for k, v in metadata.items()}
    else:
        raise TableError(
            "metadata must be a DataFrame with a path or name column, or a dict {path or name: {column: value}}"
        )
    return {k: {c: v for c, v in row.items() if not _missing(v)} for k, row in rows.items()}


def _missing(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # lists and other containers are values
        return False
