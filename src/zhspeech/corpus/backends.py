"""One function over many items, with one interface for three ways to run it: in this process (``"serial"``), in a
pool of worker processes on this machine (``"process"``, the default) or on the workers of a Dask cluster
(``"dask"``, local or remote; ``pip install 'zhspeech[dask]'``).

>>> run(len, ["一二", "三"], backend="serial")
[2, 1]

Every backend returns the results in the order of the items, and an item whose call raised gets the exception as
its result, so one bad file is skipped by the caller instead of stopping the run. Each worker runs ``initializer``
once before its first item (the corpus builds its tokenizer and loads the lexicon there); heavy items go first
(``weights``), so the workers finish together.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Any

from .._checks import check_choice, check_positive
from ..errors import OptionError

BACKENDS = ("serial", "process", "dask")
#: With ``progress=None`` a bar is shown from this many items on (when stderr is a terminal).
PROGRESS_MIN_ITEMS = 8


def check_jobs(n_jobs: int | None) -> int:
    """Number of workers: ``None`` or -1 for one per core, else a whole number ≥ 1."""
    if n_jobs is None or (isinstance(n_jobs, int) and not isinstance(n_jobs, bool) and n_jobs == -1):
        return os.cpu_count() or 1
    return check_positive("n_jobs (or -1 for all cores)", n_jobs)


def run(
    func: Callable[[Any], Any],
    items: Sequence[Any],
    *,
    backend: str = "process",
    n_jobs: int | None = None,
    client: Any = None,
    progress: bool | None = None,
    initializer: Callable[..., Any] | None = None,
    initargs: tuple = (),
    weights: Sequence[float] | None = None,
    desc: str = "documents",
) -> list[Any]:
    """``[func(item) for item in items]`` on ``backend``; an item whose call raised gets the exception instead.

    ``func``, ``initializer`` and the items must be picklable for ``"process"`` and ``"dask"`` (module-level
    functions, plain data). ``n_jobs``: worker processes (``None`` or -1: one per core; ``"process"`` with one
    worker or one item runs in this process). ``client``: a ``dask.distributed.Client`` to run on (``"dask"``
    only); without one a ``LocalCluster`` of ``n_jobs`` single-threaded workers is started for the call and closed
    after it. ``weights``: the expected cost of each item (e.g. its size): the heaviest are started first.
    ``progress``: a tqdm bar on stderr — ``None`` shows it from :data:`PROGRESS_MIN_ITEMS` items on, ``True``
    always, ``False`` never; never when stderr is not a terminal.
    """
    check_choice("backend", backend, BACKENDS)
    if client is not None and backend != "dask":
        raise OptionError(f"client= runs the work on Dask: pass backend='dask' (got backend={backend!r})")
    jobs = check_jobs(n_jobs)
    if not items:
        return []
    order = _heaviest_first(len(items), weights)
    show = progress is not False and (progress is True or len(items) >= PROGRESS_MIN_ITEMS) and _terminal()
    with _bar(len(items), show, desc) as bar:
        if backend == "dask":
            return _on_dask(func, items, order, jobs, client, initializer, initargs, bar)
        if backend == "process" and jobs > 1 and len(items) > 1:
            return _in_pool(func, items, order, jobs, initializer, initargs, bar)
        if initializer is not None and items:
            initializer(*initargs)
        results = []
        for item in items:
            results.append(_call(func, item))
            bar.update()
        return results


def _heaviest_first(n: int, weights: Sequence[float] | None) -> list[int]:
    """Positions of the items, heaviest first (ties in input order)."""
    if weights is None:
        return list(range(n))
    if len(weights) != n:
        raise OptionError(f"weights has {len(weights)} values for {n} items")
    return sorted(range(n), key=lambda i: -weights[i])


def _terminal() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):  # replaced or closed stream
        return False


def _bar(total: int, show: bool, desc: str) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit="doc", file=sys.stderr, disable=not show, leave=False)


def _call(func: Callable[[Any], Any], item: Any) -> Any:
    """``func(item)``, or the exception it raised."""
    try:
        return func(item)
    except Exception as exc:
        return exc


def _call_remote(func: Callable[[Any], Any], item: Any) -> Any:
    """``_call`` in a worker: an exception that cannot travel back (unpicklable) becomes a RuntimeError saying it."""
    result = _call(func, item)
    if isinstance(result, Exception):
        try:
            pickle.dumps(result)
        except Exception:
            return RuntimeError(f"{type(result).__name__}: {result}")
    return result


def _in_pool(func, items, order, jobs, initializer, initargs, bar) -> list[Any]:
    """A ``ProcessPoolExecutor`` with the platform's default start method (fork or spawn: only picklable
    module-level code crosses), items queued heaviest first; results put back in input order."""
    results: list[Any] = [None] * len(items)
    context = multiprocessing.get_context()
    with ProcessPoolExecutor(
        min(jobs, len(items)), mp_context=context, initializer=initializer, initargs=initargs
    ) as pool:
        futures = {pool.submit(_call_remote, func, items[i]): i for i in order}
        for future in as_completed(futures):
            error = future.exception()  # a worker that died (killed, out of memory) fails its items
            results[futures[future]] = error if error is not None else future.result()
            bar.update()
    return results


def _on_dask(func, items, order, jobs, client, initializer, initargs, bar) -> list[Any]:
    """The items as Dask futures on ``client``'s workers (or on a LocalCluster started for the call)."""
    try:
        from dask.distributed import Client, LocalCluster
        from dask.distributed import as_completed as dask_completed
    except ImportError:
        raise OptionError("backend='dask' needs Dask: pip install 'zhspeech[dask]'") from None
    cluster = None
    if client is None:
        cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        if initializer is not None:
            client.run(initializer, *initargs)  # the workers there now; later ones initialize on first use
        position = {}
        for rank, i in enumerate(order):  # higher priority runs first: the heaviest items
            future = client.submit(_call_remote, func, items[i], pure=False, priority=len(order) - rank)
            position[future.key] = (i, future)
        results: list[Any] = [None] * len(items)
        for future in dask_completed([f for _, f in position.values()]):
            error = future.exception()
            results[position[future.key][0]] = error if error is not None else future.result()
            bar.update()
        return results
    finally:
        if cluster is not None:
            client.close()
            cluster.close()
