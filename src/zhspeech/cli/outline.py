"""``zhspeech outline``: the structure of a speech, as a tree or JSON. Imports no tokenizer."""

from __future__ import annotations

import argparse

from ..text.outline import outline_dict, outline_text
from ..text.read import load
from ._output import add_input, emit_json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "outline",
        help="the structure of a speech: title, byline, sections, points, repairs",
        description="Print the outline of a speech (sections, subsections, points, counts, "
        "page-break repairs, source-quality warnings).",
    )
    add_input(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    speech = load(args.path, encoding=args.encoding)
    if args.json:
        emit_json(outline_dict(speech))
    else:
        print(outline_text(speech))
    return 0
