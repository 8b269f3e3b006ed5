"""Corpus benchmark (issue 12, "Speed and memory"): the shipped corpus read cold and warm, on one and two processes
and on Dask, memory as the corpus grows, and a comparison of two speeches from warm caches.

    .venv/bin/python benchmarks/bench_corpus.py [--copies 1 4 16] [--no-dask] [--repeat 3]

Every measurement runs in a fresh Python process with the kit imported and nothing else built: the tokenizer
(jieba's dictionary and the lexicon) is loaded inside the timing, by this process or by each worker, as in a new
notebook. Each cold run has a cache folder of its own (ZHSPEECH_CACHE under a temporary folder) holding only the
kit's dictionary tables (``jieba-*.marshal``: built from jieba's dictionary once per installation, like jieba's own
cache in the temporary folder) — no document, record or token table; the n_jobs pair is also run with an empty
folder, where each process builds those tables too. The timings are the fastest of ``--repeat`` runs, the jobs
interleaved (a shared machine slows some runs); memory is measured once per size. In one run:

1. ``Corpus(folder, n_jobs=2).dtm()`` against ``n_jobs=1`` on the 49 reports of data/raw/corpus/gov_work_reports,
   cold cache (target ≥ 1.6×);
2. the same call again on the cache of the ``n_jobs=2`` run, warm (target ≥ 10× faster than cold);
3. ``backend="dask"`` with a two-worker LocalCluster started by the call (and, on its own line, on a cluster already
   running, ``client=``) against the process backend (target ≤ 1.3× its time; the same document-term matrix);
4. peak RSS of the main process and of the largest worker with 1, 4 and 16 copies of the corpus (each file of each
   copy ends with a line naming its copy, so no copy is a duplicate), cold, process backend: growth against the
   number of non-zero cells of the document-term matrix (target: no faster than linear);
5. the two most recent reports loaded, their token tables read from the warm cache and compared with
   ``textstat_compare`` (target < 1 s).

The children import a copy of the kit made at the start (``src/zhspeech`` copied, ``data`` linked), so an edit of
the working tree during the run cannot change the cache keys between the cold and the warm runs. The machine may be
shared: the load average is printed with the figures. Results are printed as a table and
written to ``benchmarks/results/bench_corpus.json``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
CORPUS = ROOT / "data" / "raw" / "corpus" / "gov_work_reports"
TARGETS = {"parallel": 1.6, "warm": 10.0, "dask": 1.3, "compare_s": 1.0}


# ------------------------------------------------------------------------------------- in the child process


def _dtm_digest(dtm) -> str:
    h = hashlib.sha256()
    for array in (dtm.matrix.indptr, dtm.matrix.indices, dtm.matrix.data):
        h.update(array.astype("int64").tobytes())
    h.update("\n".join(dtm.terms).encode())
    return h.hexdigest()[:16]


def _cpu_s() -> tuple[float, float]:
    """CPU seconds (user + system) of this process and of its finished children."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime


def _peak_mb() -> tuple[float, float]:
    """Peak RSS of this process and of its largest finished child, in MB (Linux reports kB)."""
    unit = 1 if sys.platform == "darwin" else 1024  # bytes on macOS
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * unit / 2**20
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * unit / 2**20
    return round(own, 1), round(child, 1)


def child_corpus(job: dict) -> dict:
    from zhspeech.corpus import Corpus

    client = cluster = None
    if job.get("client"):
        from dask.distributed import Client, LocalCluster

        cluster = LocalCluster(n_workers=job["n_jobs"], threads_per_worker=1, dashboard_address=None)
        client = Client(cluster)
    cpu0 = _cpu_s()
    t0 = time.perf_counter()
    corpus = Corpus(job["source"], backend=job["backend"], n_jobs=job["n_jobs"], client=client, progress=False)
    dtm = corpus.dtm()
    seconds = time.perf_counter() - t0
    cpu1 = _cpu_s()
    if client is not None:
        client.close()
        cluster.close()
    own, child = _peak_mb()
    docs = corpus.documents.to_json(orient="records", force_ascii=False).encode()
    return {
        "seconds": round(seconds, 3),
        "cpu_main_s": round(cpu1[0] - cpu0[0], 2),
        "cpu_workers_s": round(cpu1[1] - cpu0[1], 2),
        "documents": len(corpus),
        "skipped": len(corpus.skipped),
        "duplicates": len(corpus.duplicates),
        "terms": len(dtm.terms),
        "nnz": int(dtm.matrix.nnz),
        "dtm_digest": _dtm_digest(dtm),
        "documents_digest": hashlib.sha256(docs).hexdigest()[:16],
        "rss_main_mb": own,
        "rss_worker_mb": child,
    }


def child_compare(job: dict) -> dict:
    import zhspeech
    from zhspeech.textstat.compare import textstat_compare
    from zhspeech.tokens import pipeline

    def fail(*args, **kwargs):
        raise RuntimeError("not in the cache: the comparison would tokenize")

    pipeline._pipeline = fail  # a warm cache is what is measured
    t0 = time.perf_counter()
    a, b = zhspeech.load(job["a"]), zhspeech.load(job["b"])
    tables = len(a.tokens) + len(b.tokens)
    t1 = time.perf_counter()
    table = textstat_compare(a, b)
    t2 = time.perf_counter()
    return {"load_tokens_s": round(t1 - t0, 3), "compare_s": round(t2 - t1, 3), "total_s": round(t2 - t0, 3),
            "tokens": tables, "rows": len(table)}  # fmt: skip


# --------------------------------------------------------------------------------------- in the main process


def _spin(n: int) -> float:
    t0 = time.perf_counter()
    x = 0
    for i in range(n):
        x += i * i
    return time.perf_counter() - t0


def machine_capacity(n: int = 10_000_000) -> float:
    """How many busy processes this machine runs at once right now: a pure-Python loop's time alone over its time
    beside a copy of itself (2.0 on two idle cores; near 1.0 when another program holds a core)."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(2) as pool:
        pool.submit(_spin, 1000).result()  # workers started
        alone = pool.submit(_spin, n).result()
        together = max(pool.map(_spin, [n, n]))
    return round(2 * alone / together, 2)


def snapshot(tmp: Path) -> Path:
    """A copy of the kit's code under ``tmp`` (its data folder linked): the ``src`` folder to import it from."""
    shutil.copytree(ROOT / "src" / "zhspeech", tmp / "src" / "zhspeech", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp / "data").symlink_to(ROOT / "data", target_is_directory=True)
    return tmp / "src"


def run_child(job: dict, cache: Path, src: Path) -> dict:
    """One job in a fresh interpreter importing the kit from ``src``, with ``cache`` as its cache folder."""
    env = {**os.environ, "ZHSPEECH_CACHE": str(cache), "PYTHONPATH": str(src)}
    done = subprocess.run(
        [sys.executable, __file__, "--child", json.dumps(job, ensure_ascii=False)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"{job} failed:\n{done.stderr[-3000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if not result.pop("kit", "").startswith(str(src)):
        raise SystemExit(f"the child did not import the copy of the kit in {src}")
    shown = {k: v for k, v in job.items() if k not in ("kind", "source", "a", "b")}
    print(f"  {job['kind']} {shown}: {result}", file=sys.stderr, flush=True)
    return result


def make_copies(root: Path, n: int) -> list[str]:
    """``n`` copies of the corpus in folders copy_00, copy_01, …; each file ends with a line naming its copy."""
    folders = []
    for k in range(n):
        folder = root / f"copy_{k:02d}"
        folder.mkdir(parents=True)
        for path in sorted(CORPUS.glob("*.txt")):
            text = path.read_text(encoding="utf-8").rstrip("\n")
            (folder / path.name).write_text(f"{text}\n\n本文件为第{k + 1}份副本。\n", encoding="utf-8")
        folders.append(str(folder))
    return folders


def best(runs: list[dict]) -> dict:
    """The fastest of several runs of one job, with every run's seconds."""
    fastest = min(runs, key=lambda run: run["seconds"])
    return {**fastest, "all_seconds": [run["seconds"] for run in runs]}


def measure(tmp: Path, copies: list[int], dask: bool, repeat: int) -> dict:
    src = snapshot(tmp / "kit")
    folders = iter(tmp / f"cache_{i:02d}" for i in range(100))
    reports = sorted(CORPUS.glob("*.txt"))
    template = next(folders)
    run_child({"kind": "corpus", "source": [str(reports[-1])], "backend": "serial", "n_jobs": 1}, template, src)
    tables = sorted(template.glob("jieba-*.marshal"))  # the kit's dictionary tables, built once per installation

    def cold(empty: bool = False) -> Path:
        """A new cache folder: with the kit's dictionary tables only, or ``empty``."""
        folder = next(folders)
        folder.mkdir()
        for table in [] if empty else tables:
            shutil.copy(table, folder / table.name)
        return folder

    def run(job: dict, cache: Path) -> dict:
        return run_child(job, cache, src)

    base = {"kind": "corpus", "source": str(CORPUS), "backend": "process"}
    r: dict = {"load_average_start": [round(x, 2) for x in os.getloadavg()], "capacity_start": machine_capacity()}
    jobs = {
        "one": ({**base, "n_jobs": 1}, False),
        "two": ({**base, "n_jobs": 2}, False),
        "one_empty": ({**base, "n_jobs": 1}, True),
        "two_empty": ({**base, "n_jobs": 2}, True),
    }
    if dask:
        jobs["dask"] = ({**base, "backend": "dask", "n_jobs": 2}, False)
        jobs["dask_client"] = ({**base, "backend": "dask", "n_jobs": 2, "client": True}, False)
    runs: dict[str, list[dict]] = {name: [] for name in jobs}
    for _ in range(repeat):  # interleaved, so a busy spell of the machine hits every job alike
        for name, (job, empty) in jobs.items():
            runs[name].append(run(job, cache := cold(empty)))
            if name == "two":
                warm = cache
    r.update({name: best(done) for name, done in runs.items()})
    r["warm"] = best([run({**base, "n_jobs": 2}, warm) for _ in range(repeat)])
    r["compare"] = run({"kind": "compare", "a": str(reports[-2]), "b": str(reports[-1])}, warm)
    copies_of = make_copies(tmp / "copies", max(copies)) if copies else []
    r["memory"] = {}
    for n in copies:
        r["memory"][n] = run({**base, "source": copies_of[:n], "n_jobs": 2}, cold())
    r["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    r["capacity_end"] = machine_capacity()
    return r


def summarize(r: dict) -> dict:
    s = {
        "parallel_speedup": round(r["one"]["seconds"] / r["two"]["seconds"], 2),
        "parallel_speedup_empty_cache": round(r["one_empty"]["seconds"] / r["two_empty"]["seconds"], 2),
        "warm_speedup": round(r["two"]["seconds"] / r["warm"]["seconds"], 1),
        "same_dtm_one_two_warm": r["one"]["dtm_digest"] == r["two"]["dtm_digest"] == r["warm"]["dtm_digest"],
        "same_documents_one_two_warm": r["one"]["documents_digest"]
        == r["two"]["documents_digest"]
        == r["warm"]["documents_digest"],
    }
    if "dask" in r:
        s["dask_ratio"] = round(r["dask"]["seconds"] / r["two"]["seconds"], 2)
        s["dask_client_ratio"] = round(r["dask_client"]["seconds"] / r["two"]["seconds"], 2)
        s["same_dtm_dask"] = r["dask"]["dtm_digest"] == r["dask_client"]["dtm_digest"] == r["two"]["dtm_digest"]
        s["same_documents_dask"] = r["dask"]["documents_digest"] == r["two"]["documents_digest"]
    mem = r["memory"]
    if len(mem) > 1:
        first, last = min(mem), max(mem)
        nnz_growth = mem[last]["nnz"] / mem[first]["nnz"]
        s["nnz_growth"] = round(nnz_growth, 2)
        s["rss_main_growth"] = round(mem[last]["rss_main_mb"] / mem[first]["rss_main_mb"], 2)
        s["rss_worker_growth"] = round(mem[last]["rss_worker_mb"] / mem[first]["rss_worker_mb"], 2)
        extra = (mem[last]["rss_main_mb"] - mem[first]["rss_main_mb"]) * 1e6
        s["main_bytes_per_extra_nnz"] = round(extra / max(mem[last]["nnz"] - mem[first]["nnz"], 1), 1)
        s["at_most_linear"] = s["rss_main_growth"] <= nnz_growth and s["rss_worker_growth"] <= nnz_growth
    return s


def report(r: dict, s: dict) -> None:
    def met(ok: bool) -> str:
        return "met" if ok else "MISSED"

    one, two, warm = r["one"], r["two"], r["warm"]
    rows = [
        ("corpus", f"{one['documents']} documents, {one['terms']:,} terms, {one['nnz']:,} non-zero cells", ""),
        ("cold, n_jobs=1", f"{one['seconds']:.2f} s", f"CPU {one['cpu_main_s']:.1f} s"),
        (
            "cold, n_jobs=2",
            f"{two['seconds']:.2f} s",
            f"{s['parallel_speedup']:.2f}× (target ≥ {TARGETS['parallel']}: {met(s['parallel_speedup'] >= 1.6)}); "
            f"CPU {two['cpu_main_s']:.1f} s + workers {two['cpu_workers_s']:.1f} s",
        ),
        (
            "warm re-run (n_jobs=2)",
            f"{warm['seconds']:.3f} s",
            f"{s['warm_speedup']:.1f}× cold (target ≥ {TARGETS['warm']:.0f}: {met(s['warm_speedup'] >= 10)})",
        ),
        ("  same tables", f"documents {s['same_documents_one_two_warm']}, matrix {s['same_dtm_one_two_warm']}", ""),
        (
            "empty cache folder, n_jobs=1 / 2",
            f"{r['one_empty']['seconds']:.2f} s / {r['two_empty']['seconds']:.2f} s",
            f"{s['parallel_speedup_empty_cache']:.2f}× (each worker also builds the kit's dictionary tables)",
        ),
    ]
    if "dask" in r:
        rows += [
            (
                "dask, LocalCluster(2) per call",
                f"{r['dask']['seconds']:.2f} s",
                f"{s['dask_ratio']:.2f}× process (target ≤ {TARGETS['dask']}: {met(s['dask_ratio'] <= 1.3)})",
            ),
            ("dask, running cluster", f"{r['dask_client']['seconds']:.2f} s", f"{s['dask_client_ratio']:.2f}× process"),
            ("  same tables", f"documents {s['same_documents_dask']}, matrix {s['same_dtm_dask']}", ""),
        ]
    for n, m in r["memory"].items():
        rows.append(
            (
                f"{n:>2}× corpus (cold, n_jobs=2)",
                f"{m['documents']:,} docs, {m['nnz']:,} nnz, {m['seconds']:.1f} s",
                f"peak RSS main {m['rss_main_mb']:.0f} MB, worker {m['rss_worker_mb']:.0f} MB",
            )
        )
    if "nnz_growth" in s:
        rows.append(
            (
                "  growth (largest / smallest)",
                f"nnz {s['nnz_growth']:.1f}×",
                f"RSS main {s['rss_main_growth']:.2f}×, worker {s['rss_worker_growth']:.2f}× "
                f"({s['main_bytes_per_extra_nnz']:.0f} B per extra nnz): "
                f"{'at most linear' if s['at_most_linear'] else 'FASTER than linear'}",
            )
        )
    c = r["compare"]
    rows.append(
        (
            "compare two reports, warm",
            f"{c['total_s']:.3f} s (load + tokens {c['load_tokens_s']:.3f} s, compare {c['compare_s']:.3f} s)",
            f"target < {TARGETS['compare_s']:.0f} s: {met(c['total_s'] < TARGETS['compare_s'])}",
        )
    )
    width = max(len(row[0]) for row in rows)
    for name, value, ratio in rows:
        print(f"{name:<{width}}  {value:<48}  {ratio}")
    print(
        f"fastest of {len(r['one']['all_seconds'])} runs each, fresh processes; {os.cpu_count()} cores, load average "
        f"{r['load_average_start'][0]:.2f} → {r['load_average_end'][0]:.2f}; two busy loops ran "
        f"{r['capacity_start']:.2f}× → {r['capacity_end']:.2f}× as fast as one (2.0: two free cores)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, nargs="*", default=[1, 4, 16], help="corpus copies for memory")
    parser.add_argument("--no-dask", action="store_true", help="leave out the Dask runs")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing; the fastest is kept (default 3)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        job = json.loads(args.child)
        result = child_compare(job) if job["kind"] == "compare" else child_corpus(job)
        print(json.dumps({**result, "kit": sys.modules["zhspeech"].__file__}))
        return 0
    tmp = Path(tempfile.mkdtemp(prefix="zhspeech-bench-corpus-"))
    try:
        results = measure(tmp, sorted(set(args.copies)), not args.no_dask, args.repeat)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    summary = summarize(results)
    report(results, summary)
    import zhspeech

    meta = {"cpus": os.cpu_count(), "python": platform.python_version(), "zhspeech": zhspeech.__version__}
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / "bench_corpus.json"
    out.write_text(json.dumps({**meta, **results, "summary": summary}, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
