"""The speech's outline as a dict (for JSON), readable text, and tidy tables."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import pandas as pd

from .model import Speech


def _section_counts(speech: Speech, number: int) -> dict[str, int]:
    paras = speech.paragraphs[speech.paragraphs["section"] == number]
    return {
        "paragraphs": int(len(paras)),
        "sentences": int(paras["sentences"].sum()),
        "characters": int(paras["chars"].sum()),
        "han": int(paras["han"].sum()),
    }


def outline_dict(speech: Speech) -> dict[str, Any]:
    """The outline as the JSON object ``zhspeech outline --json`` prints.

    ``characters`` and ``han`` count the characters of body paragraphs (title, byline and headings excluded).
    """
    sections = []
    ends = [h.start for h in speech.sections[1:]] + [len(speech.text)]
    for h, section_end in zip(speech.sections, ends):
        subs = [s for s in speech.subsections if h.start <= s.start < section_end]
        sections.append(
            {
                "number": h.number,
                "label": h.label,
                "heading": h.heading,
                "subsections": [{"number": s.number, "label": s.label, "heading": s.heading} for s in subs],
                "points": [
                    {"point": p.point, "paragraph": p.paragraph, "lead": p.lead}
                    for p in speech.points
                    if p.section == h.number
                ],
                **_section_counts(speech, h.number or 0),
            }
        )
    paras = speech.paragraphs
    return {
        "title": speech.title,
        "byline": {"author": speech.byline.author, "role": speech.byline.role},
        "date": speech.date,
        "preamble": _section_counts(speech, 0),
        "sections": sections,
        "counts": {
            "sections": len(speech.sections),
            "subsections": len(speech.subsections),
            "points": len(speech.points),
            "paragraphs": int(len(paras)),
            "sentences": int(len(speech.sentences)),
            "characters": int(paras["chars"].sum()),
            "han": int(paras["han"].sum()),
        },
        "repairs": [asdict(r) for r in speech.repairs],
        "warnings": list(speech.warnings),
        "encoding": speech.encoding,
    }


def outline_text(speech: Speech) -> str:
    """A readable outline tree."""
    d = outline_dict(speech)
    c = d["counts"]
    lines = [d["title"] or "(untitled)"]
    by = " · ".join(x for x in (d["byline"]["author"], d["byline"]["role"]) if x)
    lines += [by] if by else []
    lines += [d["date"]] if d["date"] else []
    lines.append(
        f"{c['sections']} sections · {c['points']} points · {c['paragraphs']} paragraphs · "
        f"{c['sentences']} sentences · {c['characters']:,} characters ({c['han']:,} Han)"
    )
    lines.append("")
    items = []
    if d["preamble"]["paragraphs"]:
        p = d["preamble"]
        items.append(
            (
                f"(opening) {p['paragraphs']} paragraphs · {p['sentences']} sentences · {p['characters']:,} characters",
                [],
            )
        )
    for s in d["sections"]:
        head = (
            f"{s['label']}{s['heading']}  [{s['paragraphs']} ¶ · {s['sentences']} sentences · "
            f"{s['characters']:,} characters]"
        )
        children = [f"{sub['label']}{sub['heading']}" for sub in s["subsections"]]
        children += [f"point {p['point']}: {p['lead']}" for p in s["points"]]
        items.append((head, children))
    for i, (head, children) in enumerate(items):
        last = i == len(items) - 1
        lines.append(("└─ " if last else "├─ ") + head)
        for j, child in enumerate(children):
            lines.append(("   " if last else "│  ") + ("└─ " if j == len(children) - 1 else "├─ ") + child)
    if d["repairs"]:
        lines += ["", f"repairs: {len(d['repairs'])} page breaks rejoined"]
        lines += [f"  offset {r['offset']}: {r['before']}|{r['after']}" for r in d["repairs"]]
    if d["warnings"]:
        lines += ["", "warnings:"] + [f"  {w}" for w in d["warnings"]]
    return "\n".join(lines)


def textstat_outline(speech: Speech) -> pd.DataFrame:
    """One row per section (0 = text before the first heading): heading, points and lengths."""
    rows = []
    numbers = ([0] if (speech.paragraphs["section"] == 0).any() else []) + [h.number or 0 for h in speech.sections]
    for n in numbers:
        counts = _section_counts(speech, n)
        sents = speech.sentences[speech.sentences["section"] == n]
        rows.append(
            {
                "section": n,
                "heading": speech.section_heading(n) if n else "(opening)",
                "points": sum(p.section == n for p in speech.points),
                **counts,
                "mean_sentence_chars": round(float(sents["chars"].mean()), 1) if len(sents) else 0.0,
            }
        )
    return pd.DataFrame(rows)


def textstat_findings(speech: Speech) -> pd.DataFrame:
    """Source-quality findings: heading levels, repaired page breaks, doubled characters, quotes, numbering."""
    return pd.DataFrame([asdict(f) for f in speech.findings], columns=["kind", "offset", "text", "message"])


def textstat_points(speech: Speech) -> pd.DataFrame:
    """The bold lead sentences (points): section, paragraph, lead, and the length of lead and paragraph."""
    paras = speech.paragraphs.set_index("paragraph")
    rows = [
        {
            "point": p.point,
            "section": p.section,
            "paragraph": p.paragraph,
            "lead": p.lead,
            "lead_chars": len(p.lead),
            "paragraph_chars": int(paras.loc[p.paragraph, "chars"]),
        }
        for p in speech.points
    ]
    return pd.DataFrame(rows, columns=["point", "section", "paragraph", "lead", "lead_chars", "paragraph_chars"])
