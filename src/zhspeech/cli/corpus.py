"""``zhspeech corpus PATH…``: read many documents as one — the documents table, what was skipped, and with ``--by``
each group's key terms against the rest — as tables or JSON.

Bad files inside a folder are named (``skipped``, and a one-line warning) and the rest is read: exit 0, or 1 with
``--strict``. No document at all (an empty folder, a glob matching nothing) is an error: exit 2.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from typing import Any

from ..errors import SpeechError
from ._output import emit_json, positive, print_table, records

_DOCUMENTS = ("path", "sha256", "title", "date", "year", "author", "sections", "words")
_GROUP_ROWS = ("term", "count", "count_rest", "per_10k", "per_10k_rest", "docs", "g2", "p_fdr", "log_odds_z")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "corpus",
        help="read many documents: documents table, skipped files, key terms of each group",
        description="Read a corpus — folders, globs, files (.txt/.md in any encoding, .docx, .html, .pdf) or a "
        "table (.csv/.jsonl/.parquet with a text column) — and print one row per document (title, date, year, "
        "author from the front matter, else the file name, else the table). With --by, each group of documents "
        "(year, author, decade or any column) against all the others: the terms it uses most distinctively "
        "(weighted log-odds z with the corpus as prior).",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="folder, glob, file or table (several allowed)")
    p.add_argument("--by", metavar="COLUMN", help="compare each group of this column with the rest")
    p.add_argument("--backend", default="process", choices=("serial", "process", "dask"), help="default: process")
    p.add_argument("--jobs", metavar="N", help="worker processes (default: one per core)")
    p.add_argument("--scheduler", metavar="ADDRESS", help="with --backend dask: a running scheduler's address")
    p.add_argument("--text-column", default="text", metavar="NAME", help="a table's text column (default: text)")
    p.add_argument("--top", default="10", metavar="N", help="key terms per group (default 10)")
    p.add_argument("--min-count", default="5", metavar="N", help="least corpus count of a term tested (default 5)")
    p.add_argument("--strict", action="store_true", help="exit 1 when any file was skipped")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=run)


def _client(args: argparse.Namespace) -> Any:
    if args.scheduler is None:
        return None
    if args.backend != "dask":
        raise SpeechError("--scheduler needs --backend dask")
    try:
        from dask.distributed import Client
    except ImportError:
        raise SpeechError("--backend dask needs dask: pip install 'zhspeech[dask]'") from None
    try:
        return Client(args.scheduler, timeout="10s")
    except OSError as exc:
        raise SpeechError(f"--scheduler {args.scheduler}: cannot connect ({exc})") from None


def corpus_dict(corpus: Any, *, by: str | None = None, top: int = 10, min_count: int = 5) -> dict[str, Any]:
    """The JSON document of ``zhspeech corpus``: documents, skipped files, duplicates, and groups when ``by``."""
    dtm = corpus.dtm()
    result: dict[str, Any] = {
        "documents": records(corpus.documents, _DOCUMENTS),
        "skipped": records(corpus.skipped, ("path", "error")),
        "duplicates": records(corpus.duplicates, ("path", "duplicate_of", "sha256")),
        "words": int(dtm.words.sum()),
        "terms": len(dtm.terms),
    }
    if by is not None:
        from ..textstat.compare import textstat_compare_groups

        table = textstat_compare_groups(dtm, by, min_count=min_count)
        grouped = dtm.grouped(by).documents
        result["by"] = by
        result["prior_total"] = float(table.attrs["prior_total"])
        result["groups"] = [
            {
                "group": records(grouped.iloc[[i]], (by,))[0][by],
                "n_docs": int(grouped["n_docs"].iloc[i]),
                "words": int(grouped["words"].iloc[i]),
                "rows": records(table[table["group"] == grouped[by].iloc[i]].head(top), _GROUP_ROWS),
            }
            for i in range(len(grouped))
        ]
    return result


_DOC_COLUMNS = [
    ("year", "year", lambda v: "" if v is None else str(v)),
    ("author", "author", lambda v: v or ""),
    ("title", "title", lambda v: (v or "")[:30]),
    ("sections", "sections", lambda v: f"{v:,}"),
    ("words", "words", lambda v: f"{v:,}"),
]


def corpus_text(result: dict[str, Any]) -> None:
    print(f"{len(result['documents'])} documents, {result['words']:,} words, {result['terms']:,} distinct terms")
    print_table(result["documents"], _DOC_COLUMNS)
    for row in result["duplicates"]:
        print(f"duplicate: {row['path']} (same bytes as {row['duplicate_of']})")
    for group in result.get("groups", []):
        terms = "、".join(f"{r['term']} {r['log_odds_z']:+.1f}" for r in group["rows"]) or "(none)"
        print(f"\n{result['by']} = {group['group']} ({group['n_docs']} documents, {group['words']:,} words): {terms}")


def run(args: argparse.Namespace) -> int:
    from ..corpus import Corpus

    jobs = None if args.jobs is None else positive(args.jobs, "--jobs")
    top, min_count = positive(args.top, "--top"), positive(args.min_count, "--min-count")
    client = _client(args)
    source = args.paths[0] if len(args.paths) == 1 else args.paths
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            corpus = Corpus(source, backend=args.backend, n_jobs=jobs, client=client, text_column=args.text_column)
        for w in caught:  # the files skipped, one line each (other libraries' warnings are not ours to print)
            if str(w.message).startswith("skipped "):
                print(f"warning: {' '.join(str(w.message).split())}", file=sys.stderr)
        result = corpus_dict(corpus, by=args.by, top=top, min_count=min_count)
    finally:
        if client is not None:
            client.close()
    if args.json:
        emit_json(result)
    else:
        corpus_text(result)
    return 1 if args.strict and result["skipped"] else 0
