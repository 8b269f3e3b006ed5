"""A corpus of four short reports (the opening of each, copied to a temporary folder): every backend gives the same
tables, a second run reads the cache, bad files are skipped and named, copies are counted once, the matrix holds
the counts the token tables give, and documents group by any column."""

from __future__ import annotations

import os
import shutil
import warnings

import numpy as np
import pandas as pd
import pytest

from zhspeech import cache, config
from zhspeech.corpus import Corpus, DocumentTermMatrix
from zhspeech.corpus import corpus as corpus_module
from zhspeech.errors import CorpusError, SpeechError
from zhspeech.textstat._tokens import DEFAULT_PARTS, _words, in_parts
from zhspeech.tokens import pipeline
from zhspeech.tokens.shared import shared_tokens

REPORTS = config.RAW_DIR / "corpus" / "gov_work_reports"
AUTHORS = {1960: "谭震林", 1975: "周恩来", 1980: "姚依林", 1985: "赵紫阳"}
NAMES = [f"{year}政府工作报告_{name}.txt" for year, name in AUTHORS.items()]
CHARS = 2500  # the opening of each report: front matter and a few paragraphs


def _opening(name: str) -> str:
    text = (REPORTS / name).read_text(encoding="utf-8")
    return text[: text.index("\n", CHARS) + 1]


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setattr(config, "CACHE_DIR", folder)
    monkeypatch.setenv("ZHSPEECH_CACHE", str(folder))  # worker processes started afresh read it
    return folder


@pytest.fixture
def folder(tmp_path, cache_dir):
    reports = tmp_path / "reports"
    reports.mkdir()
    for name in NAMES[::-1]:  # written in another order than the documents come out
        (reports / name).write_text(_opening(name), encoding="utf-8")
    return reports


def _same(a: Corpus, b: Corpus) -> None:
    pd.testing.assert_frame_equal(a.documents, b.documents)
    da, db = a.dtm(), b.dtm()
    assert da.terms.equals(db.terms)
    assert (da.matrix != db.matrix).nnz == 0 and da.matrix.dtype == db.matrix.dtype == np.int64
    assert np.array_equal(da.stop, db.stop)


def test_documents_table_sorted_by_year_with_decade(folder):
    corpus = Corpus(folder, backend="serial")
    docs = corpus.documents
    assert len(corpus) == 4 and docs["doc_id"].tolist() == [0, 1, 2, 3]
    assert docs["year"].tolist() == [1960, 1975, 1980, 1985]
    assert docs["decade"].tolist() == [1960, 1970, 1980, 1980]
    assert docs["author"].tolist() == ["谭震林", "周恩来", "姚依林", "赵紫阳"]
    assert docs["name"].tolist() == NAMES
    for column in ("path", "sha256", "title", "date", "sections", "sentences", "words"):
        assert column in docs.columns
    assert (docs["words"] > 100).all() and docs["sha256"].str.len().eq(64).all()
    assert corpus.skipped.empty and corpus.duplicates.empty


def test_serial_and_process_give_identical_tables(folder):
    _same(Corpus(folder, backend="serial"), Corpus(folder, backend="process", n_jobs=2))


@pytest.mark.slow
def test_dask_local_cluster_gives_identical_tables(folder, tmp_path, monkeypatch):
    distributed = pytest.importorskip("dask.distributed")
    serial = Corpus(folder, backend="serial")
    monkeypatch.setattr(config, "CACHE_DIR", tmp_path / "cold")  # a cold cache: the workers compute every document
    monkeypatch.setenv("ZHSPEECH_CACHE", str(tmp_path / "cold"))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            _same(serial, Corpus(folder, backend="dask", client=client))
    assert len(list((tmp_path / "cold").glob("corpus-*.pickle"))) == 4  # written by the workers


@pytest.mark.slow
def test_worker_processes_started_by_spawn_give_identical_tables(folder, monkeypatch):
    import multiprocessing

    from zhspeech.corpus import backends

    serial = Corpus(folder, backend="serial")
    get_context = multiprocessing.get_context
    monkeypatch.setattr(backends.multiprocessing, "get_context", lambda method=None: get_context("spawn"))
    monkeypatch.setattr(config, "CACHE_DIR", config.CACHE_DIR.parent / "cold")
    monkeypatch.setenv("ZHSPEECH_CACHE", str(config.CACHE_DIR))
    _same(serial, Corpus(folder, backend="process", n_jobs=2))
    assert len(list(config.CACHE_DIR.glob("corpus-*.pickle"))) == 4


def test_a_changed_lexicon_reads_the_documents_again(folder, tmp_path):
    lexicon = tmp_path / "mine.txt"
    lexicon.write_text("云端桥梁\n", encoding="utf-8")
    before = Corpus(folder, backend="serial", lexicon=lexicon).dtm()
    lexicon.write_text("政治生活\n", encoding="utf-8")
    after = Corpus(folder, backend="serial", lexicon=lexicon).dtm()
    assert "政治生活" not in before.terms
    assert "政治生活" in after.terms
    assert "政治生活" not in Corpus(folder, backend="serial").dtm().terms


def test_a_table_of_texts_with_its_columns(cache_dir):
    texts = [_opening(name) for name in NAMES[:3]]
    table = pd.DataFrame({"text": [texts[1], texts[0], texts[1]], "year": [1975, 1960, 1975], "party": ["b", "a", "b"]})
    corpus = Corpus(table, backend="serial")
    docs = corpus.documents
    assert docs["year"].tolist() == [1960, 1975] and docs["party"].tolist() == ["a", "b"]
    assert docs["path"].tolist() == ["<DataFrame>#2", "<DataFrame>#1"]
    assert corpus.duplicates["path"].tolist() == ["<DataFrame>#3"]
    assert corpus.grouped("party").documents["n_docs"].tolist() == [1, 1]


def test_a_second_run_reads_the_cache_without_parsing_or_tokenizing(folder, monkeypatch):
    first = Corpus(folder, backend="serial")
    read_source = corpus_module.read_source

    def fail(*args, **kwargs):
        raise AssertionError("read or tokenized again")

    monkeypatch.setattr(corpus_module, "read_source", fail)  # a document missing from the cache would be skipped
    monkeypatch.setattr(pipeline, "_pipeline", fail)
    second = Corpus(folder, backend="serial")
    _same(first, second)
    assert second.skipped.empty
    monkeypatch.setattr(corpus_module, "read_source", read_source)  # the speech is read again, its tokens are not
    assert second.tokens(3)["is_word"].sum() >= second.documents["words"][3] > 0


@pytest.mark.parametrize("shared", [False, True])
def test_the_matrix_holds_the_counts_of_each_token_table(folder, shared):
    corpus = Corpus(folder, backend="serial", shared=shared)
    dtm = corpus.dtm()
    assert isinstance(dtm, DocumentTermMatrix) and corpus.dtm() is dtm
    assert dtm.matrix.shape == (4, len(dtm.terms)) and list(dtm.terms) == sorted(dtm.terms)
    # shared: one segmentation, the terms any document added joined in all (zhspeech.shared_tokens)
    tables = shared_tokens(list(corpus)) if shared else [corpus.tokens(i) for i in range(len(corpus))]
    if shared:
        assert sum(t.attrs["merged"] for t in tables) > 0  # the four reports do join each other's terms
    for i in range(len(corpus)):
        expected = _words(in_parts(tables[i], DEFAULT_PARTS))["term"].value_counts().sort_index()
        row = dtm.row(i).sort_index()
        assert row.index.tolist() == expected.index.tolist() and row.tolist() == expected.tolist()
        assert corpus.documents["words"][i] == expected.sum() == dtm.documents["words"][i]
    assert dtm.stop.any() and not dtm.stop.all()


def test_speeches_are_read_on_demand(folder):
    corpus = Corpus(folder, backend="serial")
    speeches = list(corpus)
    assert [s.year for s in speeches] == [1960, 1975, 1980, 1985]
    assert corpus.speech(1).title == corpus.documents["title"][1]
    assert corpus.speech(-1).year == 1985
    with pytest.raises(IndexError):
        corpus.speech(4)


def test_bad_files_are_skipped_and_named(folder):
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "english.txt").write_text("Only English here.\n", encoding="utf-8")
    with pytest.warns(UserWarning) as caught:
        corpus = Corpus(folder, backend="serial")
    assert len(corpus) == 4
    skipped = dict(zip(corpus.skipped["path"].map(lambda p: p.rsplit("/", 1)[-1]), corpus.skipped["error"]))
    assert sorted(skipped) == ["binary.txt", "empty.txt", "english.txt"]
    assert all(error and "\n" not in error for error in skipped.values())
    messages = [str(w.message) for w in caught if str(w.message).startswith("skipped")]
    assert len(messages) == 3 and all("\n" not in m for m in messages)


def test_strict_raises_on_the_first_bad_file(folder):
    (folder / "empty.txt").write_text("  \n", encoding="utf-8")
    with pytest.raises(SpeechError, match="empty"):
        Corpus(folder, backend="serial", strict=True)


def test_nothing_readable_is_a_corpus_error(tmp_path, cache_dir):
    (tmp_path / "a.txt").write_text("", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(CorpusError, match="a.txt"):
            Corpus([tmp_path / "a.txt"], backend="serial")


def test_exact_duplicates_are_counted_once(folder):
    shutil.copy(folder / NAMES[1], folder / "copy of 1975.txt")
    corpus = Corpus(folder, backend="serial")
    assert len(corpus) == 4 and corpus.dtm().matrix.shape[0] == 4
    dup = corpus.duplicates.iloc[0]
    assert len(corpus.duplicates) == 1 and dup["sha256"] == corpus.documents["sha256"][1]
    assert {dup["path"].rsplit("/", 1)[-1], dup["duplicate_of"].rsplit("/", 1)[-1]} == {NAMES[1], "copy of 1975.txt"}


def test_grouping_by_year_author_decade_and_a_users_column(folder):
    periods = {NAMES[0]: "planned", NAMES[1]: "planned", NAMES[2]: "reform", NAMES[3]: "reform"}
    corpus = Corpus(folder, backend="serial", metadata={n: {"period": p} for n, p in periods.items()})
    dtm = corpus.dtm()
    for by, groups in [("year", 4), ("author", 4), ("decade", 3), ("period", 2)]:
        grouped = corpus.grouped(by)
        assert len(grouped.documents) == groups and grouped.documents["n_docs"].sum() == 4
        assert (grouped.matrix.sum(axis=0) == dtm.matrix.sum(axis=0)).all()
    decades = corpus.grouped("decade").documents.set_index("decade")
    assert decades.loc[1980, "n_docs"] == 2
    assert decades.loc[1980, "words"] == corpus.documents["words"][2:].sum()


def test_metadata_table_overrides_columns(folder):
    table = pd.DataFrame({"name": [NAMES[2]], "author": ["某某"], "region": ["national"]})
    with pytest.warns(UserWarning, match="matched no document: nowhere.txt"):
        corpus = Corpus(folder, backend="serial", metadata=pd.concat([table, pd.DataFrame({"name": ["nowhere.txt"]})]))
    docs = corpus.documents
    assert docs["author"].tolist() == ["谭震林", "周恩来", "某某", "赵紫阳"]
    assert docs["region"].tolist()[2] == "national" and docs["region"].isna().sum() == 3


def test_a_corpus_keeps_every_documents_cache_entry(cache_dir):
    for i in range(cache.KEEP + 10):
        cache.cached(cache.key("corpus", [str(i)]), lambda i=i: i)
        cache.cached(cache.key("tokens", [str(i)]), lambda i=i: i)
    assert len(list(cache_dir.glob("corpus-*.pickle"))) == cache.KEEP + 10
    assert len(list(cache_dir.glob("tokens-*.pickle"))) == cache.KEEP + 10


def test_pruning_removes_the_least_recently_used(cache_dir, monkeypatch):
    monkeypatch.setitem(cache.LIMITS, "demo", 3)
    keys = [cache.key("demo", [str(i)]) for i in range(4)]
    for i, k in enumerate(keys[:3]):
        cache.cached(k, lambda i=i: i)
    old = (cache_dir / f"{keys[0]}.pickle").stat().st_mtime_ns
    for i, k in enumerate(keys[:3]):  # oldest write first, then make the first entry the most recently used
        os.utime(cache_dir / f"{k}.pickle", ns=(old - 10**9 * (3 - i), old - 10**9 * (3 - i)))
    assert cache.get(keys[0]) == 0
    cache.cached(keys[3], lambda: 3)
    left = sorted(p.stem for p in cache_dir.glob("demo-*.pickle"))
    assert left == sorted([keys[0], keys[2], keys[3]])


def test_a_progress_bar_is_asked_for_only_when_much_is_left_to_read(folder, monkeypatch):
    calls = []
    run = corpus_module.backends.run

    def spy(func, *args, **kwargs):
        if func is corpus_module._document:  # the reading pass (the recount of the shared segmentation has no bar)
            calls.append(kwargs["progress"])
        return run(func, *args, **kwargs)

    monkeypatch.setattr(corpus_module.backends, "run", spy)
    monkeypatch.setattr(corpus_module, "PROGRESS_MIN_BYTES", 10_000)  # the four openings hold about 30 kB
    Corpus(folder, backend="serial")
    Corpus(folder, backend="serial")  # all cached: no work, no bar
    monkeypatch.setattr(config, "CACHE_DIR", config.CACHE_DIR.parent / "other")
    Corpus(folder, backend="serial", progress=False)
    assert calls == [True, False]
