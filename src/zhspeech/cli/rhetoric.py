"""``zhspeech rhetoric``: formulas, enumerations, parallels, quotations, documents, timeline and entities.

The tokenizer (for quotation speakers and entities) is imported inside the handler only.
"""

from __future__ import annotations

import argparse
from typing import Any

from .._checks import pad
from ..text.read import load
from ._output import add_input, add_year, emit_json, parse_year, records

#: The timeline columns in the JSON document, in order.
TIMELINE_KEYS = ("date", "unresolved", "inferred", "text", "end_date", "kind", "expression", "sentence", "start", "end")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "rhetoric",
        help="numbered formulas, enumerations, parallels, quotations, documents, timeline, named entities",
        description="Find the rhetorical devices of a speech: numbered formulas (四项原则), "
        "enumerations (一是…二是…), parallel frames, quotations with speaker and verb, "
        "documents in 《》, dated events and named entities.",
    )
    add_input(p)
    add_year(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    year = parse_year(args.year)  # fail before reading and tokenizing the speech
    speech = load(args.path, encoding=args.encoding, year=year)
    result = rhetoric_dict(speech)
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
        "year_source": timeline.attrs.get("document_year_source"),
        "timeline_note": timeline.attrs.get("note"),
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
        "timeline": records(timeline, TIMELINE_KEYS),
        "entities": records(
            r.entities(speech), {c: c for c in ("text", "kind", "count", "first_sentence", "start", "end")}
        ),
    }


def _clip(text: str, width: int = 36) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def rhetoric_text(result: dict[str, Any]) -> str:
    """The readable report of ``zhspeech rhetoric``: one section per device."""
    year, source = result["year"], result["year_source"]
    how = "unknown" if year is None else f"{year}, given" if source == "argument" else f"{year}, from the {source}"
    lines = [f"Rhetoric of {result['title'] or result['path'] or 'the speech'} (document year {how})", ""]
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
        date = "unresolved" if t["unresolved"] else (t["date"] or "?") + ("*" if t["inferred"] else "")
        lines.append(f"  {pad(date, 11)} {pad(t['expression'], 15)} {_clip(t['text'], 40)}")
    if any(t["inferred"] for t in result["timeline"]):
        lines.append(f"  * resolved against the year in the file name, {year}")
    if result["timeline_note"]:
        lines.append(f"  note: {result['timeline_note']}")
    lines += ["", f"Entities ({len(result['entities'])})"]
    for kind in ("person", "place", "organization"):
        names = [f"{e['text']} {e['count']}" for e in result["entities"] if e["kind"] == kind]
        if names:
            lines.append(f"  {kind}: " + "、".join(names))
    return "\n".join(lines)
