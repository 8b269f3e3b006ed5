"""The speech's outline as a dict (for JSON), readable text, and tidy tables."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import pandas as pd

from .model import Heading, Speech


def _counts(paras: pd.DataFrame) -> dict[str, int]:
    return {
        "paragraphs": int(len(paras)),
        "sentences": int(paras["sentences"].sum()),
        "characters": int(paras["chars"].sum()),
        "han": int(paras["han"].sum()),
    }


def _body(speech: Speech) -> pd.DataFrame:
    return speech.paragraphs[speech.paragraphs["part"] == "body"]


def _spans(speech: Speech) -> list[tuple[int, int]]:
    """Each section's span in the text: from its heading to the next section's (or the back matter, or the end)."""
    end = speech.back_matter[0].start if speech.back_matter else len(speech.text)
    starts = [h.start for h in speech.sections]
    return list(zip(starts, starts[1:] + [end]))


def _section_counts(speech: Speech, number: int) -> dict[str, int]:
    """Body counts of the section numbered ``number`` (0: the opening before the first section)."""
    body = _body(speech)
    return _counts(body[body["section"] == number])


def _heading_dict(h: Heading, items: list[dict] | None = None) -> dict[str, Any]:
    d: dict[str, Any] = {"number": h.number, "label": h.label, "heading": h.heading}
    return d if items is None else {**d, "items": items}


def _item_subsections(speech: Speech) -> list[int]:
    """For each item (third-level heading): the subsection it sits in (0: directly in its section), read from the
    first row of the sentence table that carries its id."""
    rows = speech.sentences.drop_duplicates("item").set_index("item")
    return [int(rows.loc[i, "subsection"]) for i in range(1, len(speech.items) + 1)]


def _section_dict(speech: Speech, h: Heading, span: tuple[int, int], item_sub: list[int]) -> dict[str, Any]:
    body = _body(speech)
    inside = body[(body["start"] >= span[0]) & (body["start"] < span[1])]
    subs = [i for i, s in enumerate(speech.subsections) if span[0] <= s.start < span[1]]
    items = [i for i, t in enumerate(speech.items) if span[0] <= t.start < span[1]]
    heading_rows = speech.sentences[(speech.sentences["part"] == "heading")]
    heading_rows = heading_rows[(heading_rows["start"] >= span[0]) & (heading_rows["start"] < span[1])]
    return {
        **_heading_dict(h),
        "subsections": [
            _heading_dict(
                speech.subsections[i], [_heading_dict(speech.items[j]) for j in items if item_sub[j] == i + 1]
            )
            for i in subs
        ],
        "items": [_heading_dict(speech.items[j]) for j in items if item_sub[j] == 0],
        "points": [
            {"point": p.point, "paragraph": p.paragraph, "lead": p.lead}
            for p in speech.points
            if span[0] <= p.start < span[1]
        ],
        **_counts(inside),
        "heading_lines": int(len(heading_rows)),
    }


def _back_matter(speech: Speech) -> list[dict[str, Any]]:
    paras = speech.paragraphs[speech.paragraphs["part"] == "back"]
    return [
        {
            "kind": b.kind,
            "heading": b.heading,
            **_counts(paras[(paras["start"] >= b.start) & (paras["start"] < b.end)]),
        }
        for b in speech.back_matter
    ]


def _front_matter(speech: Speech) -> dict[str, Any]:
    """The keys of the front matter: title, subtitle, byline, date (ISO) and date_text (as written), the document
    year and where it comes from, the salutation, and every front-matter line with its kind."""
    return {
        "title": speech.title,
        "subtitle": speech.subtitle,
        "byline": {"author": speech.byline.author, "role": speech.byline.role},
        "date": speech.date,
        "date_text": speech.date_text,
        "year": speech.year,
        "year_source": speech.year_source,
        "salutation": speech.salutation,
        "front_matter": [{"kind": line.kind, "text": line.text} for line in speech.front_matter],
    }


def _front_lines(d: dict[str, Any]) -> list[str]:
    """The readable lines of the front matter under the title."""
    lines = [d["subtitle"]] if d["subtitle"] else []
    by = " · ".join(x for x in (d["byline"]["author"], d["byline"]["role"]) if x)
    lines += [by] if by else []
    if d["date_text"]:
        lines.append(d["date_text"] + (f"  [{d['date']}]" if d["date"] else ""))
    year = f"year {d['year']} (from the {d['year_source']})" if d["year"] else "year unknown"
    lines.append(year.replace("from the argument", "given"))
    lines += [f"salutation: {d['salutation']}"] if d["salutation"] else []
    chrome = sum(line["kind"] == "chrome" for line in d["front_matter"])
    lines += [f"web-page lines left out: {chrome}"] if chrome else []
    return lines


def outline_dict(speech: Speech) -> dict[str, Any]:
    """The outline as the JSON object ``zhspeech outline --json`` prints.

    Each section lists its subsections (each with its items), the items directly under it, its points, and counts.
    ``paragraphs``, ``sentences``, ``characters`` and ``han`` count body text only (in the sections, in
    ``preamble`` — the opening before the first section — and in ``counts``), so the sections and the preamble add
    up to ``counts``. Title, headings and back matter are counted apart: ``counts["title_characters"]``,
    ``counts["headings"]`` (heading lines, each a sentence of part "heading"; a run-in numbered lead is body text)
    and ``counts["heading_characters"]``, ``counts["items"]``, and ``back_matter`` (one entry per appendix or
    glossary, with its own counts) with ``counts["back_matter"]``/``counts["back_characters"]``.
    """
    item_sub = _item_subsections(speech)
    sections = [_section_dict(speech, h, span, item_sub) for h, span in zip(speech.sections, _spans(speech))]
    body = _body(speech)
    sents = speech.sentences
    heads, title = sents[sents["part"] == "heading"], sents[sents["part"] == "title"]
    back = _back_matter(speech)
    return {
        **_front_matter(speech),
        "preamble": _counts(body[body["section"] == 0]),
        "sections": sections,
        "back_matter": back,
        "counts": {
            "sections": len(speech.sections),
            "subsections": len(speech.subsections),
            "items": len(speech.items),
            "points": len(speech.points),
            **_counts(body),
            "title_characters": int(title["chars"].sum()),
            "headings": int(len(heads)),
            "heading_characters": int(heads["chars"].sum()),
            "back_matter": len(back),
            "back_characters": sum(b["characters"] for b in back),
        },
        "repairs": [asdict(r) for r in speech.repairs],
        "warnings": list(speech.warnings),
        "encoding": speech.encoding,
    }


def _tree(nodes: list[tuple[str, list]], prefix: str = "") -> list[str]:
    """Lines of a tree drawn with ├─ └─ │ from (label, children) nodes."""
    lines = []
    for i, (label, children) in enumerate(nodes):
        last = i == len(nodes) - 1
        lines.append(prefix + ("└─ " if last else "├─ ") + label)
        lines += _tree(children, prefix + ("   " if last else "│  "))
    return lines


def _section_node(s: dict[str, Any]) -> tuple[str, list]:
    head = (
        f"{s['label']}{s['heading']}  [{s['paragraphs']} ¶ · {s['sentences']} sentences · "
        f"{s['characters']:,} characters]"
    )
    children: list[tuple[str, list]] = [
        (f"{sub['label']}{sub['heading']}", [(f"{t['label']}{t['heading']}", []) for t in sub["items"]])
        for sub in s["subsections"]
    ]
    children += [(f"{t['label']}{t['heading']}", []) for t in s["items"]]
    children += [(f"point {p['point']}: {p['lead']}", []) for p in s["points"]]
    return head, children


def outline_text(speech: Speech) -> str:
    """A readable outline tree: sections, their subsections and items (third-level headings), points, and the
    back matter; counts are of body text, as in ``outline_dict``."""
    d = outline_dict(speech)
    c = d["counts"]
    lines = [d["title"] or "(untitled)"] + _front_lines(d)
    lines.append(
        f"{c['sections']} sections · {c['points']} points · {c['paragraphs']} paragraphs · "
        f"{c['sentences']} sentences · {c['characters']:,} characters ({c['han']:,} Han)"
        + (f" · {c['items']} items" if c["items"] else "")
    )
    lines.append("")
    nodes: list[tuple[str, list]] = []
    if d["preamble"]["paragraphs"]:
        p = d["preamble"]
        text = f"(opening) {p['paragraphs']} paragraphs · {p['sentences']} sentences · {p['characters']:,} characters"
        nodes.append((text, []))
    nodes += [_section_node(s) for s in d["sections"]]
    nodes += [
        (f"(back matter, {b['kind']}) {b['heading']}  [{b['paragraphs']} ¶ · {b['characters']:,} characters]", [])
        for b in d["back_matter"]
    ]
    lines += _tree(nodes)
    if d["repairs"]:
        lines += ["", f"repairs: {len(d['repairs'])} page breaks rejoined"]
        lines += [f"  offset {r['offset']}: {r['before']}|{r['after']}" for r in d["repairs"]]
    if d["warnings"]:
        lines += ["", "warnings:"] + [f"  {w}" for w in d["warnings"]]
    return "\n".join(lines)


def textstat_outline(speech: Speech) -> pd.DataFrame:
    """One row per section (0 = the opening before the first section, if it has body text): heading, number of
    subsections, items (third-level headings) and points, and the body text's lengths (headings and back matter
    are not counted; ``mean_sentence_chars`` is over body sentences)."""
    rows = []
    body = _body(speech)
    sents = speech.sentences[speech.sentences["part"] == "body"]
    spans = [(None, (0, speech.sections[0].start if speech.sections else len(speech.text)))]
    spans = (spans if (body["section"] == 0).any() else []) + list(zip(speech.sections, _spans(speech)))
    for h, (a, b) in spans:
        paras = body[(body["start"] >= a) & (body["start"] < b)] if h is not None else body[body["section"] == 0]
        inside = sents[sents["paragraph"].isin(paras["paragraph"])]
        rows.append(
            {
                "section": h.number if h is not None else 0,
                "heading": h.heading if h is not None else "(opening)",
                "subsections": sum(a <= x.start < b for x in speech.subsections) if h is not None else 0,
                "items": sum(a <= x.start < b for x in speech.items) if h is not None else 0,
                "points": sum(p.section == 0 for p in speech.points)
                if h is None
                else sum(a <= p.start < b for p in speech.points),
                **_counts(paras),
                "mean_sentence_chars": round(float(inside["chars"].mean()), 1) if len(inside) else 0.0,
            }
        )
    return pd.DataFrame(rows)


def textstat_findings(speech: Speech) -> pd.DataFrame:
    """Source-quality findings: heading levels, repaired page breaks, doubled characters, quotes, numbering."""
    return pd.DataFrame([asdict(f) for f in speech.findings], columns=["kind", "offset", "text", "message"])


def textstat_points(speech: Speech) -> pd.DataFrame:
    """The lead sentences (points, bold or found in plain text): section, paragraph, lead, and the length of lead
    and paragraph."""
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
