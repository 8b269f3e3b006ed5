"""One interface for the three ways of running work: order kept, one failing item returned as a value, bad options
refused, no progress bar off a terminal; Dask on a local two-worker cluster gives the same results."""

from __future__ import annotations

import sys

import pytest

from zhspeech.corpus import backends
from zhspeech.errors import OptionError

ITEMS = ["3", "1", "x", "22", "5"]


def _check(results):
    assert results[:2] == [3, 1] and results[3:] == [22, 5]
    assert isinstance(results[2], ValueError) and "'x'" in str(results[2])


@pytest.mark.parametrize("backend", ["serial", "process"])
def test_results_in_input_order_with_the_failure_as_a_value(backend):
    _check(backends.run(int, ITEMS, backend=backend, n_jobs=2, weights=[1, 5, 2, 9, 3]))


def test_one_worker_or_one_item_runs_in_this_process(monkeypatch):
    monkeypatch.setattr(backends, "ProcessPoolExecutor", None)  # a pool would fail
    assert backends.run(int, ["7"], backend="process", n_jobs=2) == [7]
    _check(backends.run(int, ITEMS, backend="process", n_jobs=1))


def test_the_initializer_runs_before_the_items():
    seen = []
    backends.run(seen.append, ["a", "b"], backend="serial", initializer=seen.append, initargs=("init",))
    assert seen == ["init", "a", "b"]


def test_heaviest_items_are_started_first():
    assert backends._heaviest_first(4, [1, 7, 7, 2]) == [1, 2, 3, 0]
    assert backends._heaviest_first(3, None) == [0, 1, 2]
    with pytest.raises(OptionError, match="weights"):
        backends._heaviest_first(3, [1, 2])


def test_bad_options_are_refused():
    with pytest.raises(OptionError, match="backend"):
        backends.run(int, ITEMS, backend="threads")
    with pytest.raises(OptionError, match="n_jobs"):
        backends.run(int, ITEMS, backend="process", n_jobs=0)
    with pytest.raises(OptionError, match="backend='dask'"):
        backends.run(int, ITEMS, backend="process", client=object())
    assert backends.check_jobs(None) >= 1 and backends.check_jobs(-1) == backends.check_jobs(None)


def test_dask_missing_is_one_clear_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "dask.distributed", None)  # import fails as if not installed
    with pytest.raises(OptionError, match=r"pip install 'zhspeech\[dask\]'"):
        backends.run(int, ITEMS, backend="dask", n_jobs=2)


def test_no_progress_bar_when_stderr_is_not_a_terminal(capsys):
    backends.run(int, ["1"] * 20, backend="serial", progress=True)
    assert capsys.readouterr().err == ""


def test_progress_bar_on_a_terminal(monkeypatch, capsys):
    monkeypatch.setattr(backends, "_terminal", lambda: True)
    backends.run(int, ["1"] * 20, backend="serial")
    assert "documents:" in capsys.readouterr().err
    backends.run(int, ["1"] * 20, backend="serial", progress=False)
    backends.run(int, ["1"] * 3, backend="serial")  # a few items: no bar
    assert capsys.readouterr().err == ""


@pytest.mark.slow
def test_dask_local_cluster_gives_the_same_results():
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            _check(backends.run(int, ITEMS, backend="dask", client=client, weights=[1, 5, 2, 9, 3]))
            assert len(client.scheduler_info()["workers"]) == 2  # the client's cluster, left running
    _check(backends.run(int, ITEMS, backend="dask", n_jobs=2))  # a cluster of its own, closed after
