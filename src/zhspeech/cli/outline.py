"""``zhspeech outline``: the structure of a speech, as a tree or JSON. Imports no tokenizer."""

from __future__ import annotations

import argparse

from ..text.outline import outline_dict, outline_text
from ..text.read import load
from ._output import add_input, add_year, emit_json, parse_year


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "outline",
        help="the structure of a speech: front matter, sections, points, repairs",
        description="Print the outline of a speech (title, date, year, byline, salutation, sections, subsections, "
        "points, counts, page-break repairs, source-quality warnings).",
    )
    add_input(p)
    add_year(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    year = parse_year(args.year)
    speech = load(args.path, encoding=args.encoding, year=year)
    if args.json:
        emit_json(outline_dict(speech))
    else:
        print(outline_text(speech))
    return 0
