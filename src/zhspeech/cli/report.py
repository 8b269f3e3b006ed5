"""``zhspeech report PATH [--out DIR] [--year YYYY] [--figures DIR] [--jobs N]``: every notebook on one speech, as HTML.

Exit codes: 0 report written; 1 a notebook failed (the message names the notebook and the cell); 2 bad input.
"""

from __future__ import annotations

import argparse
import sys
import time

from ..errors import NotebookFailed
from ._output import add_year, parse_year, positive


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "report",
        help="execute every notebook on a speech and write an HTML report",
        description="Execute every notebook (00–04) on PATH and write them as HTML pages with an index.html. "
        "Exits 1 naming the notebook and cell if one fails (no index.html is left then), 2 on bad input.",
    )
    parser.add_argument("path", metavar="PATH", help="the speech: a UTF-8/GB18030/UTF-16 text or markdown file")
    parser.add_argument("--out", default="reports", metavar="DIR", help="folder for the report (default: reports)")
    add_year(parser)
    parser.add_argument("--figures", metavar="DIR", help="folder for the figures (default: OUT/figures)")
    parser.add_argument(
        "--jobs",
        metavar="N",
        help="notebooks run at once, each in its own kernel (default: one per CPU; 1: one by one)",
    )
    parser.set_defaults(func=handle_report)


def handle_report(args: argparse.Namespace) -> int:
    from ..report.build import build_report  # papermill and nbconvert: loaded for this command only

    jobs = None if args.jobs is None else positive(args.jobs, "--jobs")
    done: list[str] = []

    def progress(line: str) -> None:
        done.append(line)
        print(line, file=sys.stderr, flush=True)

    started = time.perf_counter()
    try:
        index = build_report(
            args.path, args.out, year=parse_year(args.year), figures=args.figures, jobs=jobs, progress=progress
        )
    except NotebookFailed as exc:
        kept = f"executed notebook kept at {exc.executed}; " if exc.executed.exists() else ""
        print(f"error: {exc.notebook} failed {exc.where}: {exc.error} — {kept}no index.html written", file=sys.stderr)
        return 1
    print(f"report: {index} ({len(done)} notebooks, {time.perf_counter() - started:.1f} s)")
    return 0
