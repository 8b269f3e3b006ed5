"""The ``zhspeech`` command line.

Each group of subcommands is a module of this package with ``register(subparsers)``; bad input raises
``SpeechError``, which ``main`` prints as ``error: …`` on one line before exiting 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .._version import __version__
from ..errors import SpeechError
from . import compare, corpus, outline, report, rhetoric, themes, vocab
from ._output import emit_json

__all__ = ["build_parser", "emit_json", "main"]

# heavy libraries (jieba, scikit-learn, matplotlib) are imported inside the command handlers, so that
# ``zhspeech outline`` never loads them
_GROUPS = (outline, vocab, rhetoric, themes, compare, corpus, report)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="zhspeech",
        description="Close reading of Chinese policy speeches: outline, vocabulary, formulas, themes, report.",
    )
    parser.add_argument("--version", action="version", version=f"zhspeech {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for group in _GROUPS:
        group.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except SpeechError as exc:
        print(f"error: {' '.join(str(exc).split())}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
