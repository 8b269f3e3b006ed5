"""``zhspeech rhetoric``: formulas, enumerations, parallels, quotations, documents, timeline and entities.

The tokenizer (for quotation speakers and entities) is imported inside the handler only.
"""

from __future__ import annotations

import argparse
from typing import Any

from .._checks import pad
from ..errors import SpeechError
from ..rhetoric.dates import YEAR_RANGE
from ..text.read import load
from ._output import add_input, emit_json, records


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "rhetoric",
        help="numbered formulas, enumerations, parallels, quotations, documents, timeline, named entities",
        description="Find the rhetorical devices of a speech: numbered formulas (四项原则), "
        "enumerations (一是…二是…), parallel frames, quotations with speaker and verb, "
        "documents in 《》, dated events and named entities.",
    )
    add_input(p)
    p.add_argument(
        "--year",
        metavar="YYYY",
        help="the document's year, for 今年/去年/明年 (default: the dateline's year, else inferred from "
        "the latest year the text mentions)",
    )
    p.set_defaults(func=run)


def parse_year(value: str | None) -> int | None:
    """The --year option as an int; SpeechError (one line) if it is not a year in range."""
    if value is None:
        return None
    text = value.strip()
    if not text.isdecimal() or not text.isascii():
        raise SpeechError(f"--year must be a year such as 2024, got {value!r}")
    year = int(text)
    if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        raise SpeechError(f"--year {year} is out of range: give a year from {YEAR_RANGE[0]} to {YEAR_RANGE[1]}")
    return year


def run(args: argparse.Namespace) -> int:
    year = parse_year(args.year)  # fail before reading and tokenizing the speech
    speech = load(args.path, encoding=args.encoding)
    result = rhetoric_dict(speech, year=year)
    if args.json:
        emit_json(result)
    else:
        print(rhetoric_text(result))
    return 0


def rhetoric_dict(speech: Any, *, year: int | None = None) -> dict[str, Any]:
    """The JSON document of ``zhspeech rhetoric``; every list recomputes from the tables of ``zhspeech.rhetoric``."""
    from .. import rhetoric as r

    timeline = r.timeline(speech, year=year)
    parallels = r.parallels(speech)
    parallel_rows = records(
        parallels,
        {
            "frame": "frame",
            "scope": "scope",
            "n": "n",
            "sentence": "sentence",
            "sentences": "sentences",
            "start": "start",
            "end": "end",
        },
    )
    for row, fillers in zip(parallel_rows, parallels["fillers"]):
        slots = [[f] if isinstance(f, str) else list(f) for f in fillers]
        row["fillers"] = ["…".join(s) for s in slots]
        row["slots"] = slots
    return {
        "path": str(speech.path) if getattr(speech, "path", None) else None,
        "title": speech.title,
        "year": timeline.attrs.get("document_year"),
        "year_inferred": timeline.attrs.get("document_year_inferred"),
        "formulas": records(
            r.formulas(speech),
            {c: c for c in ("text", "count", "first_sentence", "number", "measure", "quoted", "start", "end")},
        ),
        "enumerations": records(
            r.enumerations(speech),
            {c: c for c in ("sentence", "items", "style", "n_items", "last_sentence", "start", "end")},
        ),
        "parallels": parallel_rows,
        "quotations": records(
            r.quotations(speech),
            {c: c for c in ("text", "kind", "speaker", "speaker_title", "verb", "sentence", "start", "end")},
        ),
        "documents": records(r.documents(speech), {c: c for c in ("title", "count", "first_sentence", "start", "end")}),
        "timeline": records(
            timeline,
            {c: c for c in ("date", "inferred", "text", "end_date", "kind", "expression", "sentence", "start", "end")},
        ),
        "entities": records(
            r.entities(speech), {c: c for c in ("text", "kind", "count", "first_sentence", "start", "end")}
        ),
    }


def _clip(text: str, width: int = 36) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def rhetoric_text(result: dict[str, Any]) -> str:
    """The readable report of ``zhspeech rhetoric``: one section per device."""
    year = result["year"]
    how = "not found" if year is None else "inferred from the text" if result["year_inferred"] else "given"
    lines = [f"Rhetoric of {result['title'] or result['path'] or 'the speech'} (document year {year}, {how})", ""]
    lines += [f"Formulas ({len(result['formulas'])})"]
    lines += [
        f"  {f['text']}  ×{f['count']}{'  quoted' if f['quoted'] else ''}  first in sentence {f['first_sentence']}"
        for f in result["formulas"]
    ]
    lines += ["", f"Enumerations ({len(result['enumerations'])})"]
    for e in result["enumerations"]:
        lines.append(f"  sentence {e['sentence']} · {e['style']} · {e['n_items']} items")
        lines += [f"    {i}. {_clip(item, 60)}" for i, item in enumerate(e["items"], start=1)]
    lines += ["", f"Parallels ({len(result['parallels'])})"]
    for p in result["parallels"]:
        where = ", ".join(map(str, dict.fromkeys(p["sentences"])))
        lines.append(f"  {p['frame']}  ({p['scope']}, {p['n']} members; sentence {where})")
        lines.append(f"    {' / '.join(p['fillers'])}")
    speech_quotes = [q for q in result["quotations"] if q["kind"] == "speech"]
    terms = [q["text"] for q in result["quotations"] if q["kind"] == "term"]
    lines += ["", f"Quotations ({len(speech_quotes)} speech, {len(terms)} terms)"]
    for q in speech_quotes:
        who = (q["speaker"] or "?") + (f"（{q['speaker_title']}）" if q["speaker_title"] else "")
        lines.append(f"  {who} {q['verb']} [sentence {q['sentence']}]: “{_clip(q['text'], 50)}”")
    if terms:
        lines.append("  terms: " + "、".join(f"“{t}”" for t in dict.fromkeys(terms)))
    lines += ["", f"Documents ({len(result['documents'])})"]
    lines += [f"  《{d['title']}》 ×{d['count']}  sentence {d['first_sentence']}" for d in result["documents"]]
    lines += ["", f"Timeline ({len(result['timeline'])})"]
    for t in result["timeline"]:
        date = (t["date"] or "?") + ("*" if t["inferred"] else "")
        lines.append(f"  {pad(date, 11)} {pad(t['expression'], 15)} {_clip(t['text'], 40)}")
    if any(t["inferred"] for t in result["timeline"]):
        lines.append(f"  * resolved against the inferred document year {year}")
    lines += ["", f"Entities ({len(result['entities'])})"]
    for kind in ("person", "place", "organization"):
        names = [f"{e['text']} {e['count']}" for e in result["entities"] if e["kind"] == kind]
        if names:
            lines.append(f"  {kind}: " + "、".join(names))
    return "\n".join(lines)
