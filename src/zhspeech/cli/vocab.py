"""``zhspeech terms | keyness | collocations | kwic``: the vocabulary of a speech as tables or JSON.

Sizes are numbers of words (punctuation and numbers excluded) in the parts of the text counted (title, headings and
body unless --parts says otherwise) and are printed with every table, so the rates and test statistics recompute
from the counts shown. The statistics (and with them the tokenizer) are imported
inside the handlers, so other commands stay light.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from .._checks import display_width, pad
from ..errors import SpeechError
from ..text.read import load
from ._output import add_input, emit_json, note, positive, print_table, records

_TOP = 20


def register(sub: argparse._SubParsersAction) -> None:
    for add in (_add_terms, _add_keyness, _add_collocations, _add_kwic):
        add(sub)


def _add_terms(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "terms",
        help="term frequencies with paragraph dispersion (Gries' DP)",
        description="Most frequent terms: count, rate per 10,000 words, number of paragraphs "
        "containing the term, and Gries' DP over paragraphs (0 = even, 1 = concentrated). "
        "Stopwords are left out unless --stopwords is given.",
    )
    _common(p)
    top = p.add_mutually_exclusive_group()
    top.add_argument("--top", metavar="N", default=str(_TOP), help=f"show the N most frequent terms ({_TOP})")
    top.add_argument("--all", action="store_true", help="show every term")
    p.add_argument("--stopwords", action="store_true", help="keep stopwords (的, 和, 在 …) in the list")
    _add_parts(p)
    p.set_defaults(func=run_terms)


def _add_keyness(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "keyness",
        help="terms distinctive against general Chinese, or per section",
        description="Keyness: log-likelihood G² over the full 2×2 table, p, Benjamini–Hochberg "
        "adjusted p and Hardie's Log Ratio, against jieba's dictionary counts (general "
        "written Chinese) or, with --by section, each section against the rest.",
    )
    _common(p)
    p.add_argument("--by", choices=["section"], help="compare each section with the rest of the speech")
    p.add_argument("--top", metavar="N", default=str(_TOP), help=f"rows to show (per section) ({_TOP})")
    p.add_argument("--min-count", metavar="N", default="3", help="test terms occurring at least N times (3)")
    p.add_argument(
        "--direction",
        choices=["over", "under", "all"],
        default="over",
        help="over-used terms (default), under-used, or both",
    )
    p.add_argument(
        "--reference",
        metavar="FILE",
        help="reference counts file ('word count' per line) instead of jieba's dictionary",
    )
    p.add_argument("--stopwords", action="store_true", help="keep stopwords in the rows shown")
    _add_parts(p)
    p.set_defaults(func=run_keyness)


def _add_collocations(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "collocations",
        help="words near a node term: MI, logDice, G², t",
        description="Collocates of TERM within ±N words in the same sentence. n1 = window positions, "
        "n2 = collocate frequency, n12 = window positions holding the collocate, "
        "N = words in the speech.",
    )
    _common(p)
    p.add_argument("term", metavar="TERM", help="node term (a token or a run of whole tokens)")
    p.add_argument("--window", metavar="N", default="5", help="words on each side (5)")
    p.add_argument("--min-count", metavar="N", default="2", help="collocates co-occurring at least N times (2)")
    p.add_argument("--top", metavar="N", default=str(_TOP), help=f"rows to show ({_TOP})")
    p.add_argument("--sort", choices=["logdice", "mi", "g2", "t", "n12"], default="g2", help="order of the rows (g2)")
    p.add_argument(
        "--substring", action="store_true", help="every word containing TERM is a node (数字 → 数字经济, 数字鸿沟 …)"
    )
    p.add_argument(
        "--negative", action="store_true", help="keep collocates seen less often near TERM than expected (negative)"
    )
    _add_parts(p)
    p.set_defaults(func=run_collocations)


def _add_kwic(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "kwic",
        help="keyword in context: every occurrence of a term",
        description="Concordance of TERM: every occurrence in the text (title, headings, front matter, body, "
        "back matter; inside longer words too), with characters of context on each side (within the "
        "paragraph or line), the part of the text, sentence and section numbers, and whether it is a run "
        "of whole tokens.",
    )
    _common(p)
    p.add_argument("term", metavar="TERM", help="string to find")
    p.add_argument("--width", metavar="N", default="20", help="characters of context on each side (20)")
    p.add_argument(
        "--sort",
        choices=["position", "left", "right"],
        default="position",
        help="order: text position (default), left context, right context",
    )
    p.add_argument(
        "--match",
        choices=["substring", "token"],
        default="substring",
        help="substring: every occurrence (default); token: only a token or a run of whole tokens",
    )
    p.add_argument("--substring", action="store_true", help=argparse.SUPPRESS)  # the default now; kept for scripts
    p.set_defaults(func=run_kwic)


def _common(p: argparse.ArgumentParser) -> None:
    add_input(p)
    p.add_argument(
        "--lexicon", metavar="FILE", action="append", help="extra user dictionary (jieba format); repeatable"
    )


def _add_parts(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--parts",
        metavar="LIST",
        default="title,heading,body",
        help="parts of the text counted, comma-separated, from title,heading,body,back (title,heading,body)",
    )


def _parts(args: argparse.Namespace) -> tuple[str, ...]:
    """The ``--parts`` list, checked (a one-line error naming the allowed parts)."""
    from ..textstat._tokens import check_parts

    return check_parts([p.strip() for p in args.parts.split(",") if p.strip()])


def _load(args: argparse.Namespace) -> Any:
    return load(args.path, encoding=args.encoding, lexicon=args.lexicon or None)


def _s(value: Any) -> str:
    return str(value)


def _g(value: float) -> str:
    return f"{value:.3g}"


def _f(digits: int) -> Callable[[float], str]:
    return lambda value: "" if value is None else f"{value:.{digits}f}"


# ----------------------------------------------------------------------------------------------- commands

_TERMS = ("term", "count", "per_10k", "paragraphs", "dp", "dp_norm", "pos")


def run_terms(args: argparse.Namespace) -> int:
    from ..textstat.frequency import textstat_frequency

    top = None if args.all else positive(args.top, "--top")
    parts = _parts(args)
    speech = _load(args)
    table = textstat_frequency(speech.tokens, drop_stopwords=not args.stopwords, parts=parts)
    shown = table if top is None else table.head(top)
    payload = {
        "path": str(args.path),
        "parts": list(parts),
        "tokens": table.attrs["tokens"],
        "paragraphs": table.attrs["paragraphs"],
        "stopwords": bool(args.stopwords),
        "terms": records(shown, [c for c in _TERMS if c in table]),
    }
    if table.empty:
        note(args, payload, "the text has no words to count")
    if args.json:
        emit_json(payload)
        return 0
    lines = {"title", "heading"} & set(parts)
    print(
        f"{payload['tokens']:,} words (punctuation and numbers excluded; parts: {', '.join(parts)}) in "
        f"{payload['paragraphs']} paragraphs{' (a title or heading line counts as one)' if lines else ''}; "
        f"stopwords {'kept' if args.stopwords else 'left out'}; per_10k = count / {payload['tokens']} × 10,000"
    )
    print_table(
        payload["terms"],
        [
            ("term", "term", _s),
            ("count", "count", _s),
            ("per_10k", "per_10k", _f(1)),
            ("paragraphs", "paragraphs", _s),
            ("dp", "DP", _f(3)),
        ],
    )
    return 0


_KEYNESS = ("term", "count", "ref_count", "g2", "p", "p_fdr", "log_ratio")
_KEYNESS_COLUMNS = [
    ("term", "term", _s),
    ("count", "count", _s),
    ("ref_count", "ref_count", _s),
    ("g2", "G2", _f(2)),
    ("p", "p", _g),
    ("p_fdr", "p_fdr", _g),
    ("log_ratio", "LogRatio", _f(2)),
]


def _run_keyness_sections(args: argparse.Namespace, speech: Any, options: dict, top: int) -> int:
    """``zhspeech keyness --by section``: each section against the rest of the speech."""
    from ..textstat.keyness import textstat_keyness_sections

    min_count = options["min_count"]
    table = textstat_keyness_sections(speech, **options)
    payload: dict[str, Any] = {
        "parts": list(options["parts"]),
        "reference": "rest of the speech",
        "direction": args.direction,
        "min_count": min_count,
        "sections": [],
    }
    for number, part in table.groupby("section", sort=True):
        payload["sections"].append(
            {
                "number": int(number),
                "heading": str(part["heading"].iloc[0]),
                "corpus_size": int(part["corpus_size"].iloc[0]),
                "ref_size": int(part["ref_size"].iloc[0]),
                "reference": f"rest of the speech (all sections but {int(number)})",
                "rows": records(part.head(top), _KEYNESS),
            }
        )
    if table.empty:
        note(args, payload, "no section has terms meeting --min-count against the rest of the speech")
    if args.json:
        emit_json(payload)
    else:
        _print_keyness_sections(payload)
    return 0


def run_keyness(args: argparse.Namespace) -> int:
    from ..textstat.keyness import textstat_keyness
    from ..textstat.reference import load_reference

    top, min_count = positive(args.top, "--top"), positive(args.min_count, "--min-count")
    if args.by and args.reference:
        raise SpeechError(
            "--reference cannot be used with --by section: sections are compared with the rest of the speech"
        )
    reference = load_reference(args.reference) if args.reference else None
    parts = _parts(args)
    speech = _load(args)
    options = dict(direction=args.direction, min_count=min_count, drop_stopwords=not args.stopwords, parts=parts)
    if args.by == "section":
        return _run_keyness_sections(args, speech, options, top)
    table = textstat_keyness(speech.tokens, reference, **options)
    payload = {
        "parts": list(parts),
        "corpus_size": table.attrs["corpus_size"],
        "ref_size": table.attrs["ref_size"],
        "reference": table.attrs["reference_source"],
        "reference_name": table.attrs["reference"],
        "direction": args.direction,
        "min_count": min_count,
        "rows": records(table.head(top), _KEYNESS),
    }
    if table.empty:
        note(args, payload, f"no term occurs at least {min_count} times in the {args.direction} direction")
    if args.json:
        emit_json(payload)
        return 0
    print(
        f"speech: {payload['corpus_size']:,} words ({', '.join(parts)}); reference: {payload['ref_size']:,} words — "
        f"{payload['reference']}"
    )
    print(
        "G2 over [[count, corpus_size − count], [ref_count, ref_size − ref_count]]; LogRatio = "
        "log2 of the ratio of relative frequencies (0 counted as 0.5)"
    )
    print_table(payload["rows"], _KEYNESS_COLUMNS)
    return 0


def _print_keyness_sections(payload: dict) -> None:
    for i, section in enumerate(payload["sections"]):
        print(("\n" if i else "") + f"section {section['number']} {section['heading']}".rstrip())
        print(f"  {section['corpus_size']:,} words against {section['ref_size']:,} words in the rest of the speech")
        columns = [(k, "rest_count" if k == "ref_count" else h, f) for k, h, f in _KEYNESS_COLUMNS]
        print_table(section["rows"], columns)


_COLLOCATES = ("collocate", "n12", "n1", "n2", "expected", "negative", "mi", "logdice", "g2", "t", "left", "right")


def run_collocations(args: argparse.Namespace) -> int:
    from ..textstat.collocations import textstat_collocations

    window, min_count = positive(args.window, "--window"), positive(args.min_count, "--min-count")
    top, parts = positive(args.top, "--top"), _parts(args)
    speech = _load(args)
    options = dict(window=window, min_count=min_count, measure=args.sort, substring=args.substring, parts=parts)
    options["negative"] = args.negative
    table = textstat_collocations(speech.tokens, args.term, **options)
    attrs = table.attrs
    payload = {
        "node": args.term.strip(),
        "parts": list(parts),
        "window": window,
        "N": attrs["N"],
        "n1": attrs["n1"],
        "node_count": attrs["node_count"],
        "node_forms": attrs["node_forms"],
        "min_count": min_count,
        "rows": records(table.head(top), _COLLOCATES),
    }
    if attrs["node_count"] == 0:
        how = "inside any word" if args.substring else "as a token or run of tokens (try --substring)"
        note(args, payload, f"{payload['node']!r} does not occur {how} in {args.path}")
    elif table.empty:
        note(args, payload, f"no collocate occurs {min_count} or more times within ±{window} words")
    if args.json:
        emit_json(payload)
        return 0
    forms = ", ".join(f"{k} {v}" for k, v in list(payload["node_forms"].items())[:8])
    print(
        f"node {payload['node']}: {payload['node_count']} occurrences ({forms}); window ±{window} words in the "
        f"sentence; N = {payload['N']:,} words ({', '.join(parts)}), n1 = {payload['n1']:,} window positions"
    )
    print_table(
        payload["rows"],
        [
            ("collocate", "collocate", _s),
            ("n12", "n12", _s),
            ("n2", "n2", _s),
            ("left", "left", _s),
            ("right", "right", _s),
            ("mi", "MI", _f(2)),
            ("logdice", "logDice", _f(2)),
            ("g2", "G2", _f(2)),
            ("t", "t", _f(2)),
        ],
    )
    return 0


def run_kwic(args: argparse.Namespace) -> int:
    from ..textstat.kwic import kwic

    width = positive(args.width, "--width")
    speech = _load(args)
    table = kwic(speech, args.term, width=width, sort=args.sort, match=args.match)
    columns = ("left", "match", "right", "part", "sentence", "paragraph", "section", "start", "end", "whole_tokens")
    hits = records(table.rename(columns={"node": "match"}), columns)
    payload = {"term": args.term.strip(), "width": width, "sort": args.sort, "match": args.match, "hits": hits}
    if not hits:
        how = "anywhere" if args.match == "substring" else "as a token or run of tokens (try --match substring)"
        note(args, payload, f"{payload['term']!r} does not occur {how} in {args.path}")
    if args.json:
        emit_json(payload)
        return 0
    if hits:
        inside = sum(not h["whole_tokens"] for h in hits)
        how = f"{inside} inside longer tokens or across token boundaries" if inside else "all runs of whole tokens"
        print(f"{len(hits)} hits of {payload['term']} ({how})")
    left = max([display_width(h["left"]) for h in hits] + [0])
    part = max([len(h["part"]) for h in hits] + [0])
    for h in hits:
        where = f"{h['sentence']:>4} §{h['section']} {h['part']:<{part}}"
        print(f"{where}  {pad(h['left'], left, right=True)} 【{h['match']}】 {h['right']}")
    return 0
