"""``zhspeech outline``: the structure of a speech, as a tree or JSON. Imports no tokenizer."""
from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("outline", help="the structure of a speech: title, byline, sections, points, repairs",
                       description="Print the outline of a speech (sections, subsections, points, counts, "
                                   "page-break repairs, source-quality warnings).")
    p.add_argument("path", metavar="PATH", help="speech file (UTF-8, UTF-16, GB18030/GBK, Big5; markdown or plain)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--encoding", metavar="ENC", help="force the file's encoding (e.g. gb18030)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from .cli import emit_json
    from .outline import outline_dict, outline_text
    from .speech import load

    speech = load(args.path, encoding=args.encoding)
    if args.json:
        emit_json(outline_dict(speech))
    else:
        print(outline_text(speech))
    return 0
