"""``zhspeech report INPUT… [--compare A B] [--corpus PATH…] [--out DIR] [--year YYYY] [--figures DIR] [--jobs N]``:
the notebooks on a speech, a pair of speeches or a corpus, as HTML.

What runs depends on the inputs: one speech file runs the speech notebooks (00–04 and 07); two files run the compare
notebook (05) on A then B; a folder, a glob, a table (.csv/.jsonl/.parquet) or three or more files run the corpus
notebook (06). ``--compare`` and ``--corpus`` add those notebooks to a speech's report, so one index links all.

Exit codes: 0 report written; 1 a notebook failed (the message names the notebook and the cell); 2 bad input.
"""

from __future__ import annotations

import argparse
import sys
import time

from ..errors import NotebookFailed, SpeechError
from ._output import add_year, parse_year, positive


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "report",
        help="execute the notebooks on a speech, two speeches or a corpus and write an HTML report",
        description="Execute the notebooks and write them as HTML pages with an index.html. One speech file runs "
        "the speech notebooks (00–04 and 07); two files run the comparison (05, A then B); a folder, a glob, a table "
        "(.csv/.jsonl/.parquet) or three or more files run the corpus notebook (06). Exits 1 naming the notebook "
        "and cell if one fails (no index.html is left then), 2 on bad input.",
    )
    parser.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="a speech file; or two speech files (A B); or a folder, glob, table or several files (a corpus)",
    )
    parser.add_argument("--compare", nargs=2, metavar=("A", "B"), help="also compare speech A with speech B (05)")
    parser.add_argument("--corpus", nargs="+", metavar="PATH", help="also read a corpus: folder, glob, table (06)")
    parser.add_argument("--out", default="reports", metavar="DIR", help="folder for the report (default: reports)")
    add_year(parser)
    parser.add_argument("--figures", metavar="DIR", help="folder for the figures (default: OUT/figures)")
    parser.add_argument(
        "--jobs",
        metavar="N",
        help="notebooks run at once, each in its own kernel (default: one per CPU; 1: one by one)",
    )
    parser.set_defaults(func=handle_report)


def report_inputs(args: argparse.Namespace) -> dict:
    """The keyword arguments of ``build_report`` the positional inputs and options stand for."""
    from ..corpus.inputs import holds_many  # a folder, a table or a glob: a corpus

    inputs: list[str] = args.inputs
    chosen: dict = {"path": None, "compare": args.compare, "corpus": args.corpus}
    if len(inputs) == 1 and not holds_many(inputs[0]):
        chosen["path"] = inputs[0]
    elif len(inputs) == 2 and not any(map(holds_many, inputs)):
        if args.compare:
            raise SpeechError("two speeches given and --compare too: give the pair once")
        chosen["compare"] = inputs
    else:
        if args.corpus:
            raise SpeechError("a corpus given and --corpus too: give the corpus once")
        chosen["corpus"] = inputs[0] if len(inputs) == 1 else inputs
    if args.year is not None and chosen["path"] is None:
        raise SpeechError("--year is the year of one speech: the pair and the corpus read their own years")
    return chosen


def handle_report(args: argparse.Namespace) -> int:
    from ..report.build import build_report  # papermill and nbconvert: loaded for this command only

    jobs = None if args.jobs is None else positive(args.jobs, "--jobs")
    chosen = report_inputs(args)
    done: list[str] = []

    def progress(line: str) -> None:
        done.append(line)
        print(line, file=sys.stderr, flush=True)

    started = time.perf_counter()
    try:
        index = build_report(
            chosen["path"],
            args.out,
            compare=chosen["compare"],
            corpus=chosen["corpus"],
            year=parse_year(args.year),
            figures=args.figures,
            jobs=jobs,
            progress=progress,
        )
    except NotebookFailed as exc:
        kept = f"executed notebook kept at {exc.executed}; " if exc.executed.exists() else ""
        print(f"error: {exc.notebook} failed {exc.where}: {exc.error} — {kept}no index.html written", file=sys.stderr)
        return 1
    print(f"report: {index} ({len(done)} notebooks, {time.perf_counter() - started:.1f} s)")
    return 0
