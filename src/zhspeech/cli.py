"""The ``zhspeech`` command line.

Each group of subcommands lives in its own ``_cli_*`` module exposing ``register(subparsers)``; those modules import
heavy libraries (jieba, scikit-learn, matplotlib) only inside their handlers, so ``zhspeech outline`` stays light.
Bad input raises ``SpeechError``; ``main`` prints it as ``error: …`` on one line and exits 2.
"""
from __future__ import annotations

import argparse
import importlib
import json
import sys
from typing import Any, Sequence

from . import __version__
from .errors import SpeechError

_GROUPS = ("_cli_outline", "_cli_vocab", "_cli_rhetoric", "_cli_themes", "_cli_report")


def emit_json(obj: Any) -> None:
    """Print one JSON object (UTF-8, Chinese unescaped)."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="zhspeech",
        description="Close reading of Chinese policy speeches: outline, vocabulary, formulas, themes, report.",
    )
    parser.add_argument("--version", action="version", version=f"zhspeech {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in _GROUPS:
        try:
            module = importlib.import_module(f".{name}", __package__)
        except ModuleNotFoundError as exc:  # a group not yet present in this build
            if exc.name == f"{__package__}.{name}":
                continue
            raise
        module.register(sub)
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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
