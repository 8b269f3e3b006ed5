"""``zhspeech themes``: codebook themes per section, NMF topics and co-occurrence communities, as a table or JSON.

Heavy libraries (jieba, scikit-learn, networkx) are imported inside the handler only.
"""

from __future__ import annotations

import argparse
import warnings
from typing import Any

from .._checks import display_width, pad
from ..errors import SpeechError
from ..text.read import load
from ._output import add_input, emit_json, positive


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "themes",
        help="codebook themes per section, topics (NMF) and term communities",
        description="Code every sentence with a theme codebook and print the share of sentences per "
        "section coded with each theme, then the NMF topics and the communities of the "
        "term co-occurrence network.",
    )
    add_input(p)
    p.add_argument(
        "--codebook",
        metavar="NAME|FILE",
        help="theme codebook: a shipped name (policy_agendas, the default for any policy text; cyberspace) or the "
        "path of a YAML file",
    )
    p.add_argument("--topics", metavar="K", help="number of topics (default: chosen by coherence)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..themes.codebook import load_codebook

    n_topics = None if args.topics is None else positive(args.topics, "--topics")
    codebook = load_codebook(args.codebook)  # fail on a bad codebook before reading and tokenizing the speech
    speech = load(args.path, encoding=args.encoding)
    result = themes_dict(speech, codebook, n_topics=n_topics)
    if args.json:
        emit_json(result)
    else:
        print(themes_text(result))
    return 0


def themes_dict(speech: Any, codebook: Any, *, n_topics: int | None = None) -> dict[str, Any]:
    """The JSON document of ``zhspeech themes``; shares recompute as hits / sentences."""
    from ..themes.codebook import UNCODED, UncodedWarning, textstat_themes, theme_hits
    from ..themes.network import cooccurrence_network, network_communities
    from ..themes.topics import textmodel_topics

    hits = theme_hits(speech, codebook)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", UncodedWarning)
        long = textstat_themes(speech, codebook, by="section", form="long", hits=hits)
    sections = []
    for number, rows in long.groupby("section", sort=True):
        sections.append(
            {
                "number": int(number),
                "heading": speech.section_heading(int(number)),
                "sentences": int(rows["sentences"].iloc[0]),
                "hits": {**{r.theme: int(r.hits) for r in rows.itertuples()}, UNCODED: int(rows[UNCODED].iloc[0])},
                "scores": {r.theme: round(float(r.share), 4) for r in rows.itertuples()},
            }
        )
    try:
        topics, topic_error = textmodel_topics(speech, n_topics=n_topics), None
    except SpeechError as exc:  # a very short speech: report the themes and the network all the same
        if n_topics is not None:
            raise
        topics, topic_error = None, str(exc)
    graph = cooccurrence_network(speech.tokens)
    communities = network_communities(graph)
    return {
        "path": str(speech.path) if speech.path else None,
        "codebook": str(codebook.path) if codebook.path else None,
        "themes": list(codebook.names),
        "glosses": {t.name: t.gloss for t in codebook.themes},
        "sentences": sum(s["sentences"] for s in sections),  # title, headings and body
        "hits": {name: int((hits["theme"] == name).sum()) for name in codebook.names},
        "uncoded": sum(s["hits"][UNCODED] for s in sections),
        "warnings": [str(w.message) for w in caught if issubclass(w.category, UncodedWarning)],
        "sections": sections,
        **_topics_dict(topics, topic_error),
        "network": {
            "nodes": graph.number_of_nodes(),
            "edges": graph.number_of_edges(),
            "measure": graph.graph["measure"],
            "threshold": graph.graph["threshold"],
        },
        "communities": [list(terms) for terms in communities["terms"]],
    }


def _topics_dict(topics: Any, error: str | None) -> dict[str, Any]:
    if topics is None:
        return {"n_topics": 0, "topic_selection": [], "topics": [], "topic_error": error}
    return {
        "n_topics": int(topics.n_topics),
        "topic_selection": [
            {"k": int(r.k), "coherence": round(float(r.coherence), 4)} for r in topics.selection.itertuples()
        ],
        "topics": [
            {
                "id": int(r.topic),
                "label": r.label,
                "terms": list(r.terms),
                "share": round(float(r.share), 4),
                "examples": list(r.examples),
            }
            for r in topics.topics.itertuples()
        ],
    }


def themes_text(result: dict[str, Any]) -> str:
    """A readable report: the section × theme table (share and hits/sentences), topics, communities."""
    names = [*result["themes"], "uncoded"]
    widths = [max(display_width(n), 9) for n in names]
    total = result["sentences"]
    lines = [
        "Themes: share of sentences (title, headings and body) coded per section (in brackets: sentences coded)",
        f"codebook: {result['codebook']}",
        f"uncoded: {result['uncoded']} of {total} sentences ({result['uncoded'] / max(total, 1):.0%}) match no theme",
        *(f"warning: {w}" for w in result.get("warnings", [])),
        "",
    ]
    lines.append(
        pad("section", 9)
        + pad("sentences", 10, right=True)
        + "  "
        + "  ".join(pad(n, w, right=True) for n, w in zip(names, widths))
    )
    for s in result["sections"]:
        cells = [f"{s['hits'][n] / s['sentences']:.0%} ({s['hits'][n]})" for n in names]
        lines.append(
            pad(str(s["number"]), 9)
            + pad(str(s["sentences"]), 10, right=True)
            + "  "
            + "  ".join(pad(c, w, right=True) for c, w in zip(cells, widths))
        )
    for s in result["sections"]:
        lines.append(f"  section {s['number']}: {s['heading'] or '(before the first heading)'}")
    if result["topics"]:
        best = next(t["coherence"] for t in result["topic_selection"] if t["k"] == result["n_topics"])
        lines += ["", f"Topics (NMF over paragraphs, k = {result['n_topics']}, mean NPMI coherence {best:.3f})"]
        for t in result["topics"]:
            lines.append(f"  {t['id']:>2}  {t['share']:>4.0%}  {' '.join(t['terms'])}")
            lines += [f"            e.g. {_clip(e, 60)}" for e in t.get("examples", [])]
    else:
        lines += ["", f"Topics: none ({result.get('topic_error')})"]
    net = result["network"]
    lines += [
        "",
        f"Communities of the co-occurrence network ({net['nodes']} terms, {net['edges']} edges, "
        f"{net['measure']} ≥ {net['threshold']:g})",
    ]
    lines += [
        f"  {i:>2}  ({len(c)})  {' '.join(c[:12])}{' …' if len(c) > 12 else ''}"
        for i, c in enumerate(result["communities"], start=1)
    ]
    return "\n".join(lines)


def _clip(text: str, width: int) -> str:
    """``text`` cut to ``width`` display columns, with … when cut."""
    if display_width(text) <= width:
        return text
    out = ""
    for char in text:
        if display_width(out + char) > width - 1:
            break
        out += char
    return out + "…"
