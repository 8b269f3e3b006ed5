"""``zhspeech report`` on our speech vs the same number of trivial notebooks, executed and converted the same way.

Both sides go through ``build_report`` (papermill, one fresh kernel per notebook, nbconvert HTML with embedded
images, index.html), so the ratio isolates what the real notebooks cost beyond the fixed machinery (kernel start,
conversion). Runs alternate (baseline, report, baseline, report, …) so both see the same machine load; the best of
each is compared. Target: ratio ≤ 3. Figures go to a temporary folder, never to the committed figures/.

    .venv/bin/python benchmarks/bench_report.py [--repeat N]

Prints both times and the ratio; writes benchmarks/results/bench_report.json.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from zhspeech import __version__, config
from zhspeech.report import build_report, notebook_paths

TARGET = 3.0
RESULTS = Path(__file__).resolve().parent / "results" / "bench_report.json"


def trivial_notebooks(folder: Path, names: list[str]) -> None:
    """One notebook per real one, same name: a title, the parameters cell, ``print(1)``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        parameters = nbformat.v4.new_code_cell('SPEECH_PATH = ""\nOUTPUT_DIR = ""\nYEAR = 2024')
        parameters.metadata["tags"] = ["parameters"]
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(f"# {name}\n\nA trivial notebook."),
                                             parameters, nbformat.v4.new_code_cell("print(1)")])
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(nb, folder / f"{name}.ipynb")


def timed_report(out: Path, notebooks: Path | None) -> float:
    started = time.perf_counter()
    build_report(config.SPEECH_PATH, out, year=config.SPEECH_YEAR, figures=out / "figures", notebooks=notebooks)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2, help="runs of each side (default 2)")
    args = parser.parse_args(argv)
    names = [p.stem for p in notebook_paths()]
    runs: dict[str, list[float]] = {"baseline": [], "report": []}
    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
        trivial = Path(tmp) / "trivial"
        trivial_notebooks(trivial, names)
        for r in range(args.repeat):
            runs["baseline"].append(timed_report(Path(tmp) / f"baseline{r}", trivial))
            runs["report"].append(timed_report(Path(tmp) / f"report{r}", None))
            print(f"run {r + 1}: trivial notebooks {runs['baseline'][-1]:.1f} s, "
                  f"zhspeech report {runs['report'][-1]:.1f} s", file=sys.stderr)
    best = {k: min(v) for k, v in runs.items()}
    ratio = best["report"] / best["baseline"]
    result = {
        "benchmark": "report", "notebooks": names, "speech": config.SPEECH_PATH.name,
        "baseline_s": round(best["baseline"], 2), "report_s": round(best["report"], 2), "ratio": round(ratio, 2),
        "target_ratio": TARGET, "meets_target": ratio <= TARGET,
        "runs": {k: [round(x, 2) for x in v] for k, v in runs.items()},
        "median": {k: round(statistics.median(v), 2) for k, v in runs.items()},
        "zhspeech": __version__, "python": platform.python_version(), "cpus": os.cpu_count(),
        "machine": platform.machine(),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(names)} trivial notebooks: {best['baseline']:.1f} s")
    print(f"zhspeech report ({len(names)} notebooks on {config.SPEECH_PATH.name}): {best['report']:.1f} s")
    print(f"ratio {ratio:.2f} (target ≤ {TARGET:g}) → {'ok' if ratio <= TARGET else 'over target'}")
    print(f"written {RESULTS.relative_to(config.PROJ_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
