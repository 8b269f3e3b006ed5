"""``zhspeech report`` on our speech vs the same number of trivial notebooks, executed and converted the same way.

Both sides go through ``build_report`` (papermill, one fresh kernel per notebook, notebooks side by side with the
default ``jobs``, nbconvert HTML with embedded images, index.html), so the ratio isolates what the real notebooks
cost beyond the fixed machinery (kernel start, conversion). Runs alternate (baseline, report, baseline, report, …)
so both see the same machine load; the best of each is compared. Target: ratio ≤ 3. Figures go to a temporary
folder, never to the committed figures/.

The runs use a cache folder of their own (``ZHSPEECH_CACHE``): the first report run starts from an empty cache, as
a first report on a new machine does, and is reported apart ("cold"); later runs find the token table, the reference
counts and the notebooks' previous times there, as every later report does. CPU seconds of the kernels (children of
this process) are recorded for each side: divided by the number of jobs they bound the wall time from below.

    .venv/bin/python benchmarks/bench_report.py [--repeat N]

Prints both times and the ratio; writes benchmarks/results/bench_report.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from zhspeech import __version__, config
from zhspeech.report import build_report, default_jobs, notebook_paths

TARGET = 3.0
RESULTS = Path(__file__).resolve().parent / "results" / "bench_report.json"


def trivial_notebooks(folder: Path, names: list[str]) -> None:
    """One notebook per real one, same name: a title, the parameters cell, ``print(1)``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        parameters = nbformat.v4.new_code_cell('SPEECH_PATH = ""\nOUTPUT_DIR = ""\nYEAR = 2024')
        parameters.metadata["tags"] = ["parameters"]
        nb = nbformat.v4.new_notebook(
            cells=[
                nbformat.v4.new_markdown_cell(f"# {name}\n\nA trivial notebook."),
                parameters,
                nbformat.v4.new_code_cell("print(1)"),
            ]
        )
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(nb, folder / f"{name}.ipynb")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_report(out: Path, notebooks: Path | None) -> tuple[float, float]:
    """Wall seconds and kernel CPU seconds of one report."""
    cpu, started = _children_cpu(), time.perf_counter()
    build_report(config.SPEECH_PATH, out, year=config.SPEECH_YEAR, figures=out / "figures", notebooks=notebooks)
    return time.perf_counter() - started, _children_cpu() - cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2, help="runs of each side (default 2)")
    args = parser.parse_args(argv)
    names = [p.stem for p in notebook_paths()]
    jobs = default_jobs(len(names))
    runs: dict[str, list[float]] = {"baseline": [], "report": []}
    cpu: dict[str, list[float]] = {"baseline": [], "report": []}
    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
        os.environ["ZHSPEECH_CACHE"] = str(Path(tmp) / "cache")  # the kernels inherit it; empty at first
        config.CACHE_DIR = Path(tmp) / "cache"
        trivial = Path(tmp) / "trivial"
        trivial_notebooks(trivial, names)
        timed_report(Path(tmp) / "warm-up", trivial)  # the runner's own imports, paid once by either side
        cold, cold_cpu = timed_report(Path(tmp) / "cold", None)
        print(f"cold cache: zhspeech report {cold:.1f} s", file=sys.stderr)
        for r in range(args.repeat):
            for side, folder in (("baseline", trivial), ("report", None)):
                wall, used = timed_report(Path(tmp) / f"{side}{r}", folder)
                runs[side].append(wall)
                cpu[side].append(used)
            print(
                f"run {r + 1}: trivial notebooks {runs['baseline'][-1]:.1f} s, "
                f"zhspeech report {runs['report'][-1]:.1f} s",
                file=sys.stderr,
            )
    best = {k: min(v) for k, v in runs.items()}
    ratio = best["report"] / best["baseline"]
    least_cpu = {k: min(v) for k, v in cpu.items()}
    result = {
        "benchmark": "report",
        "notebooks": names,
        "speech": config.SPEECH_PATH.name,
        "jobs": jobs,
        "baseline_s": round(best["baseline"], 2),
        "report_s": round(best["report"], 2),
        "ratio": round(ratio, 2),
        "target_ratio": TARGET,
        "meets_target": ratio <= TARGET,
        "cold_report_s": round(cold, 2),
        "cold_ratio": round(cold / best["baseline"], 2),
        "kernel_cpu_s": {k: round(v, 2) for k, v in least_cpu.items()},
        "cold_kernel_cpu_s": round(cold_cpu, 2),
        "runs": {k: [round(x, 2) for x in v] for k, v in runs.items()},
        "median": {k: round(statistics.median(v), 2) for k, v in runs.items()},
        "zhspeech": __version__,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "machine": platform.machine(),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(names)} trivial notebooks: {best['baseline']:.1f} s")
    print(f"zhspeech report ({len(names)} notebooks on {config.SPEECH_PATH.name}): {best['report']:.1f} s")
    print(f"ratio {ratio:.2f} (target ≤ {TARGET:g}) → {'ok' if ratio <= TARGET else 'over target'}")
    print(f"cold cache: zhspeech report {cold:.1f} s, ratio {cold / best['baseline']:.2f}")
    print(
        f"kernel CPU: report {least_cpu['report']:.1f} s, trivial {least_cpu['baseline']:.1f} s "
        f"({jobs} jobs: the report cannot take less than {least_cpu['report'] / jobs:.1f} s)"
    )
    print(f"written {RESULTS.relative_to(config.PROJ_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
