"""Readings built from a speech's tables: short Markdown the notebooks show under their tables, true of any speech.

Each function takes the table a notebook has just shown and says in words what its numbers say (the largest, the
rarest, how many), so a report on any text reads that text's numbers. Every piece of the speech's own text that a
reading quotes — terms, headings, titles, names — goes through :func:`escape_markdown`: a speech carrying HTML or
Markdown (``<script>``, ``<img onerror=…>``, ``**``) shows it as text. The hand-written interpretations of the speech
the kit was first built for live in ``report.first_speech`` and are shown only for that file (:func:`interpretation`).

A reading is a :class:`Reading`, a ``str`` that Jupyter renders as Markdown.
"""

from __future__ import annotations

import hashlib
import html
import math
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .. import config
from .._checks import NON_HAN, check_choice
from ..text.outline import textstat_outline
from ..textstat.compare import side_label
from ..textstat.lengths import textstat_length_summary
from .first_speech import INTERPRETATIONS
from .html import _YEAR_SOURCES, describe_speech

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    import pandas as pd

    from ..text.model import Speech

#: ASCII punctuation Markdown gives a meaning to; a backslash makes each one literal (CommonMark escapes).
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|~$])")


class Reading(str):
    """Markdown that Jupyter renders (``_repr_markdown_``); a plain ``str`` everywhere else."""

    def _repr_markdown_(self) -> str:
        return str(self)


def escape_markdown(text: object) -> str:
    """``text`` as literal Markdown: whitespace runs to one space, Markdown punctuation backslashed, ``<``, ``>``
    and ``&`` as HTML entities — rendered, it shows the characters themselves and never becomes markup."""
    text = " ".join(str(text).split())
    return html.escape(_MARKDOWN_PUNCTUATION.sub(r"\\\1", text), quote=False)


def _md(text: object, limit: int | None = None) -> str:
    """A piece of the speech's text for a reading: shortened to ``limit`` characters, then escaped."""
    text = " ".join(str(text).split())
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return escape_markdown(text)


def _int(n: object) -> str:
    return f"{int(n):,}"


def _num(x: object, digits: int = 2) -> str:
    """A number as a reading prints it: whole numbers without decimals, others rounded; "n/a" when missing."""
    try:
        value = float(x)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return "n/a"
    if math.isnan(value):
        return "n/a"
    return _int(value) if value.is_integer() else f"{value:,.{digits}f}"


def _share(part: float, whole: float) -> str:
    return f"{part / whole:.0%}" if whole else "n/a"


def _join(items: Iterable[str]) -> str:
    """Items as an English sentence lists them: a; a and b; a, b and c."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{_int(n)} {one if n == 1 else (many or one + 's')}"


def _bullets(lines: Iterable[str]) -> Reading:
    return Reading("\n".join(f"- {line}" for line in lines if line))


# ---------------------------------------------------------------- the speech, and the first speech


def is_first_speech(speech: Speech) -> bool:
    """Whether ``speech`` was read from the file the kit was first built for (its SHA-256 is
    ``config.SPEECH_SHA256``); a speech parsed from a string or read from any other file is not."""
    if speech.path is None:
        return False
    try:
        data = speech.path.read_bytes()
    except OSError:
        return False
    return hashlib.sha256(data).hexdigest() == config.SPEECH_SHA256


def interpretation(speech: Speech, notebook: str) -> Reading:
    """The hand-written interpretation of notebook ``notebook`` (e.g. ``"01_structure"``) when ``speech`` is the
    speech it was written about (:func:`is_first_speech`); for any other speech, a line saying there is none."""
    check_choice("notebook", notebook, tuple(INTERPRETATIONS))
    if is_first_speech(speech):
        return Reading(INTERPRETATIONS[notebook])
    return Reading(
        "*No hand-written interpretation: the kit carries one only for the speech it was first built for, and "
        "this is another text. The readings above are computed from this speech's own tables.*"
    )


def summary(speech: Speech) -> Reading:
    """The speech in one paragraph (``describe_speech``: title, byline, date, counts), escaped for Markdown."""
    return Reading(escape_markdown(describe_speech(speech)))


# ---------------------------------------------------------------- 01 structure


def _where(section: int) -> str:
    return "the opening" if section == 0 else f"section {section}"


def _section_name(number: int, heading: object) -> str:
    """A section as a reading names it: its number and the start of its heading; section 0 is "the opening"."""
    return _where(number) if number == 0 else f"section {number} ({_md(heading, 24)})"


def _length_line(summary: pd.DataFrame, unit: str, units: str) -> str:
    rows = summary[(summary["unit"] == unit) & (summary["measure"] == "chars")]
    if rows.empty or not int(rows.iloc[0]["count"]):
        return ""
    row = rows.iloc[0]
    return (
        f"{units.capitalize()} run from {_num(row['min'])} to {_num(row['max'])} characters "
        f"(median {_num(row['median'], 1)}, over {_plural(int(row['count']), unit)})."
    )


def _quality_line(speech: Speech) -> str:
    kinds: dict[str, int] = {}
    for finding in speech.findings:
        kinds[finding.kind] = kinds.get(finding.kind, 0) + 1
    found = _join(f"{n} {kind.replace('_', ' ')}" for kind, n in kinds.items())
    repairs = len(speech.repairs)
    fixed = f"{_plural(repairs, 'block')} cut mid-sentence rejoined" if repairs else "no page-break repair"
    if not kinds:
        return f"Source: {fixed}, and no source-quality finding."
    return f"Source: {fixed}; findings to check against the source: {found}."


def structure(speech: Speech) -> Reading:
    """How the speech is built, from ``textstat_outline`` and ``textstat_length_summary``: its sections, where its
    weight lies (the longest section's share of characters, paragraphs and points), lengths, repairs, findings."""
    outline = textstat_outline(speech)
    chars, paragraphs, points = (int(outline[c].sum()) for c in ("characters", "paragraphs", "points"))
    numbered = outline[outline["section"] > 0]
    lines = []
    if numbered.empty:
        lines.append(f"The text numbers no sections: one body of {_plural(paragraphs, 'paragraph')}.")
    else:
        top = numbered.loc[numbered["characters"].idxmax()]
        longest = _section_name(int(top["section"]), top["heading"])
        lines.append(
            f"{_plural(len(numbered), 'numbered section')}; the longest is {longest}"
            f" with {_int(top['characters'])} of the {_int(chars)} characters ({_share(top['characters'], chars)}), "
            f"{_int(top['paragraphs'])} of the {_int(paragraphs)} paragraphs and {_int(top['points'])} of the "
            f"{_plural(points, 'point')}."
        )
        opening = outline[outline["section"] == 0]
        if not opening.empty and int(opening["paragraphs"].sum()):
            lines.append(
                f"Before the first heading, an opening of {_plural(int(opening['paragraphs'].sum()), 'paragraph')} "
                f"({_int(opening['characters'].sum())} characters)."
            )
        if points:
            per = ", ".join(f"section {int(r.section)}: {int(r.points)}" for r in numbered.itertuples())
            lines.append(f"Points (bold lead sentences) per section — {per}.")
    lengths = textstat_length_summary(speech)
    lines += [_length_line(lengths, "paragraph", "paragraphs"), _length_line(lengths, "sentence", "sentences")]
    lines.append(_quality_line(speech))
    return _bullets(lines)


# ---------------------------------------------------------------- 02 vocabulary


def _counted(table: pd.DataFrame, n: int, term: str = "term", count: str = "count") -> str:
    return _join(f"{_md(r[term])} ({_int(r[count])})" for _, r in table.head(n).iterrows())


def _words(freq: pd.DataFrame) -> int | None:
    """The words a frequency table counts against (its base for ``per_10k``)."""
    if freq.attrs.get("tokens") is not None:
        return int(freq.attrs["tokens"])
    if freq.empty or not freq["per_10k"].iloc[0]:
        return None
    return round(freq["count"].iloc[0] / freq["per_10k"].iloc[0] * 10_000)


def frequency(freq: pd.DataFrame, *, top: int = 20) -> Reading:
    """The size of the speech in words and its most frequent terms, from ``textstat_frequency``; among the ``top``
    terms, the one spread most evenly over the paragraphs and the most concentrated (Gries' DP)."""
    words = _words(freq)
    if freq.empty:
        return Reading("No term to count.")
    size = f"{_plural(words, 'word')}; the" if words is not None else "The"
    lines = [f"{size} most frequent terms: {_counted(freq, 5)}."]
    head = freq.head(top).dropna(subset=["dp"])
    if len(head) > 1:
        even, packed = head.loc[head["dp"].idxmin()], head.loc[head["dp"].idxmax()]
        lines.append(
            f"Of the {len(head)} most frequent, {_md(even['term'])} is spread most evenly (DP {_num(even['dp'])}, "
            f"in {_plural(int(even['paragraphs']), 'paragraph')}) and {_md(packed['term'])} is the most "
            f"concentrated (DP {_num(packed['dp'])}, in {_plural(int(packed['paragraphs']), 'paragraph')})."
        )
    return _bullets(lines)


def key_terms(keyness: pd.DataFrame, freq: pd.DataFrame | None = None, *, n: int = 3) -> list[str]:
    """The ``n`` most distinctive terms: those over-used against the reference, in the keyness table's order (G²);
    when fewer are over-used, the most frequent terms of ``freq`` fill the list. What notebook 02 shows in context
    and as a collocation node when no term is given."""
    terms = list(keyness.loc[keyness["log_ratio"] > 0, "term"].head(n)) if not keyness.empty else []
    if freq is not None:
        terms += [t for t in freq["term"] if t not in terms][: n - len(terms)]
    return terms[:n]


def common_stem(freq: pd.DataFrame) -> str | None:
    """The term of ``freq`` found inside the most other terms (ties: the more frequent) — the head of a family of
    compounds, as 数字 heads 数字经济 and 数字鸿沟; Han terms of two characters or more only. When no term is inside
    another, the most frequent term; None for an empty table."""
    if freq.empty:
        return None
    terms = [t for t in freq["term"] if len(t) >= 2 and not NON_HAN.search(t)]
    counts = dict(zip(freq["term"], freq["count"]))
    inside = {t: sum(1 for other in terms if t != other and t in other) for t in terms}
    best = max(terms, key=lambda t: (inside[t], counts[t]), default=None)
    return best if best is not None and inside[best] else str(freq["term"].iloc[0])


def pos_profile(pos: pd.DataFrame, *, top: int = 3) -> Reading:
    """The commonest part-of-speech tags and their shares of the words, from ``textstat_pos``."""
    if pos.empty:
        return Reading("No words to tag.")
    tags = _join(f"{_md(r['pos'])} ({_md(r['name'])}) {r['share']:.0%}" for _, r in pos.head(top).iterrows())
    names = pos[pos["pos"].isin(["nr", "ns", "nt", "nz"])]
    named = _join(f"{_int(r['count'])} {_md(r['pos'])}" for _, r in names.iterrows())
    return Reading(
        f"The commonest tags are {tags} of the words."
        + (f" Names and proper terms: {named} words." if named else " No word is tagged as a name.")
    )


def keyness(table: pd.DataFrame, under: pd.DataFrame | None = None, *, top: int = 5) -> Reading:
    """What the keyness table against the reference says: how many terms differ significantly, the most over-used
    (and how many of them the reference lacks), and, given the under-used table, the significantly under-used."""
    if table.empty:
        return Reading("No term is frequent enough to test against the reference.")
    significant = int((table["p_fdr"] < 0.05).sum())
    over = table[table["log_ratio"] > 0].head(top)
    lines = [f"{_plural(len(table), 'term')} tested, {_int(significant)} significant at p_fdr < 0.05."]
    if len(table) >= 20 and significant > 0.8 * len(table):
        lines.append(
            "Nearly every term differs: one text against a large general corpus differs almost everywhere, so read "
            "the log ratio and the counts rather than the p-value."
        )
    if not over.empty:
        missing = int((over["ref_count"] == 0).sum())
        lines.append(
            f"Most over-used by G²: {_join(_md(t) for t in over['term'])}"
            + (
                f"; {missing} of them {'has' if missing == 1 else 'have'} no entry in the reference (ref_count 0)."
                if missing
                else "."
            )
        )
    if under is not None:
        low = under[(under["p_fdr"] < 0.05) & (under["log_ratio"] < 0)].head(top)
        expected = low["ref_count"] / low["ref_size"] * low["corpus_size"]
        said = _join(
            f"{_md(r['term'])} ({_int(r['count'])} where {_num(e, 0)} expected)"
            for (_, r), e in zip(low.iterrows(), expected)
        )
        lines.append(f"Significantly under-used: {said}." if said else "No term is significantly under-used.")
    return _bullets(lines)


def section_keyness(table: pd.DataFrame, *, top: int = 3) -> Reading:
    """For each section, the terms that distinguish it from the rest and survive the FDR adjustment."""
    if table.empty:
        return Reading("No section has a term frequent enough to test.")
    lines = []
    for section, rows in table.groupby("section", sort=True):
        kept = rows[rows["p_fdr"] < 0.05].head(top)
        name = _section_name(int(section), rows["heading"].iloc[0])
        if kept.empty:
            lines.append(f"{name.capitalize()}: no term survives the FDR adjustment.")
        else:
            lines.append(f"{name.capitalize()}: {_counted(kept, top)}.")
    return _bullets(lines)


def collocations(table: pd.DataFrame, node: str, *, top: int = 5) -> Reading:
    """The node's strongest collocates by G² with the side they stand on, from ``textstat_collocations``."""
    count = table.attrs.get("node_count")
    occurs = f"{_md(node)} occurs {_plural(int(count), 'time')}" if count is not None else _md(node)
    if table.empty:
        return Reading(f"{occurs}; no word keeps it company often enough to count (see `min_count`).")
    best = table.sort_values("g2", ascending=False).head(top)
    said = _join(
        f"{_md(r['collocate'])} ({_int(r['n12'])}; {_int(r['left'])} left, {_int(r['right'])} right)"
        for _, r in best.iterrows()
    )
    return Reading(
        f"{occurs}; its strongest collocates by G² (window positions holding them; on the left, on the right): {said}."
    )


def word_forms(table: pd.DataFrame, node: str, *, top: int = 5) -> Reading:
    """The words that contain the node (``substring=True``): how many, how often the bare node, the commonest."""
    forms: dict[str, int] = dict(table.attrs.get("node_forms") or {})
    if not forms:
        return Reading(f"No word contains {_md(node)}.")
    ranked = sorted(forms.items(), key=lambda kv: -kv[1])
    compounds = [(w, n) for w, n in ranked if w != node][:top]
    return Reading(
        f"{_plural(len(forms), 'word')} contain {_md(node)}, {_plural(sum(forms.values()), 'occurrence')} in all; "
        f"{_md(node)} on its own {_plural(forms.get(node, 0), 'time')}"
        + (
            f"; the commonest longer words: {_join(f'{_md(w)} ({_int(n)})' for w, n in compounds)}."
            if compounds
            else "."
        )
    )


def diversity(overall: pd.DataFrame, by_section: pd.DataFrame | None = None) -> Reading:
    """TTR, MATTR and MTLD of the speech and, by section, the most and least varied (by MATTR)."""
    row = overall.iloc[0]
    text = f"TTR {_num(row['ttr'])}, MATTR {_num(row['mattr'])}, MTLD {_num(row['mtld'], 0)}."
    ranked = by_section.dropna(subset=["mattr"]) if by_section is not None else None
    if ranked is not None and len(ranked) > 1:
        rich, poor = ranked.loc[ranked["mattr"].idxmax()], ranked.loc[ranked["mattr"].idxmin()]
        text += (
            f" By MATTR the most varied is section {int(rich['section'])} ({_num(rich['mattr'])}), the least "
            f"varied section {int(poor['section'])} ({_num(poor['mattr'])})."
        )
    return Reading(text)


def sentence_lengths(lengths: pd.DataFrame) -> Reading:
    """The median and the longest body sentence, from ``textstat_sentence_lengths``."""
    body = lengths[lengths["part"] == "body"] if "part" in lengths.columns else lengths
    if body.empty:
        return Reading("No body sentence to measure.")
    longest = body.loc[body["chars"].idxmax()]
    return Reading(
        f"The median body sentence has {_num(body['chars'].median(), 1)} characters "
        f"({_num(body['tokens'].median(), 1)} tokens); the longest, sentence {int(longest['sentence'])} in "
        f"{_where(int(longest['section']))}, has {_int(longest['chars'])} "
        f"characters ({_int(longest['tokens'])} tokens)."
    )


# ---------------------------------------------------------------- 03 themes and rhetoric


def codebook_for(speech: Speech, codebook: object = None) -> object:
    """The codebook a report codes ``speech`` with: ``codebook`` when given; else the cyberspace codebook for the
    speech the kit was first built for (its hand-written reading was made with it) and ``None`` — the default
    general codebook — for any other text."""
    if codebook is not None:
        return codebook
    return config.SPEECH_CODEBOOK if is_first_speech(speech) else None


def themes(long: pd.DataFrame, *, top: int = 3) -> Reading:
    """The themes over the whole speech, the sentences no theme codes and the leading theme of each section, from
    the long form of ``textstat_themes`` (``section``, ``theme``, ``sentences``, ``hits``, ``uncoded``)."""
    if long.empty:
        return Reading("No sentence to code.")
    totals = long.groupby("theme", sort=False)[["hits", "sentences"]].sum().sort_values("hits", ascending=False)
    coded = totals[totals["hits"] > 0]
    lines = [_uncoded_line(long)] if "uncoded" in long.columns else []
    if coded.empty:
        return _bullets([*lines, "No theme of the codebook is coded in any sentence."])
    said = _join(
        f"{_md(t)} ({_int(r['hits'])} of {_int(r['sentences'])} sentences)" for t, r in coded.head(top).iterrows()
    )
    lines.insert(0, f"Most frequent over the whole speech: {said}.")
    absent = [_md(t) for t, r in totals.iterrows() if r["hits"] == 0]
    if absent:
        lines.append(f"Never coded: {_join(absent)}.")
    leading = []
    for section, rows in long.groupby("section", sort=True):
        best = rows.loc[rows["hits"].idxmax()]
        if best["hits"]:
            share = _share(best["hits"], best["sentences"])
            leading.append(f"{_where(int(section))}: {_md(best['theme'])} ({share})")
    if len(leading) > 1:
        lines.append(f"Leading theme by section — {'; '.join(leading)}.")
    return _bullets(lines)


def _uncoded_line(long: pd.DataFrame) -> str:
    """How many sentences no theme codes; more than half: the codebook does not fit the text."""
    units = long.drop_duplicates("section")
    uncoded, total = int(units["uncoded"].sum()), int(units["sentences"].sum())
    line = f"No theme codes {_int(uncoded)} of the {_int(total)} sentences ({_share(uncoded, total)})"
    if total and uncoded / total > 0.5:
        return line + ": more than half — the codebook does not fit this text, so read its themes as partial."
    return line + "."


def token_matching(lost: pd.Series, hits: pd.DataFrame) -> Reading:
    """What token matching loses against substring matching: ``lost`` counts lost sentences by theme."""
    total = int(lost.sum())
    if not total:
        return Reading("Token matching loses no coded sentence here: every match starts and ends on token boundaries.")
    worst = lost.sort_values(ascending=False)
    of = hits.groupby("theme").size()
    said = _join(f"{_md(t)} ({_int(n)} of {_int(of.get(t, 0))})" for t, n in worst.head(3).items() if n)
    return Reading(
        f"Token matching loses {_int(total)} of the {_int(len(hits))} coded (sentence, theme) pairs; most for {said}."
    )


def topics(model, *, margin: float = 0.02) -> Reading:
    """The number of topics chosen, how far its coherence stands above the next best k (within ``margin``: no k is
    clearly best), and each topic's label and share, from a ``textmodel_topics`` result."""
    selection, table = model.selection, model.topics
    chosen = selection[selection["chosen"]]
    row = chosen.iloc[0] if not chosen.empty else selection.loc[selection["coherence"].idxmax()]
    others = selection[selection["k"] != row["k"]]
    said = "; ".join(f"{int(r['topic'])} {_md(r['label'])} ({r['share']:.0%})" for _, r in table.iterrows())
    text = f"k = {int(row['k'])}, coherence {_num(row['coherence'], 3)}"
    if not others.empty:
        runner = others.loc[others["coherence"].idxmax()]
        gap = float(row["coherence"] - runner["coherence"])
        verdict = (
            "no k is clearly best, so read the topics as a reading aid, not a measurement"
            if gap < margin
            else "the chosen k stands out"
        )
        text += f"; the next best is k = {int(runner['k'])} ({_num(runner['coherence'], 3)}): {verdict}"
    return Reading(f"{text}. Topics — {said}.")


def network(graph: nx.Graph, communities: pd.DataFrame, *, top: int = 3) -> Reading:
    """The network's size, its largest communities and its strongest links (by weight, then shared sentences)."""
    if not graph.number_of_edges():
        return Reading(f"{_plural(graph.number_of_nodes(), 'term')} and no link strong enough to keep.")
    edges = sorted(graph.edges(data=True), key=lambda e: (-e[2].get("weight", 0), -e[2].get("n12", 0), e[0], e[1]))
    links = _join(
        f"{_md(a)}–{_md(b)} ({_num(d.get('weight'))}, {_int(d.get('n12', 0))} sentences)" for a, b, d in edges[:top]
    )
    biggest = communities.sort_values("size", ascending=False).head(top)
    groups = _join(f"{_md(r['label'])} ({_int(r['size'])} terms)" for _, r in biggest.iterrows())
    return _bullets(
        [
            f"{_plural(graph.number_of_nodes(), 'term')}, {_plural(graph.number_of_edges(), 'link')}, "
            f"{_plural(len(communities), 'community', 'communities')}; the largest: {groups}.",
            f"Strongest links (weight, shared sentences): {links}.",
        ]
    )


def formulas(table: pd.DataFrame, *, top: int = 6) -> Reading:
    """The numbered formulas found, the most repeated first."""
    if table.empty:
        return Reading("No numbered formula (a number, a measure word and a noun) is found.")
    ranked = table.sort_values(["count", "first_sentence"], ascending=[False, True])
    return Reading(f"{_plural(len(table), 'numbered formula')}: {_counted(ranked, top, 'text')}.")


def enumerations(items: pd.DataFrame) -> Reading:
    """How many enumerations, in which style, with how many items, in which sentence (``items=True`` table)."""
    if items.empty:
        return Reading("No enumeration (items marked in order, one by one) is found.")
    lists = items.groupby("enumeration", sort=True).agg(
        style=("style", "first"), n=("item", "size"), sentence=("sentence", "first")
    )
    said = _join(f"{_int(r.n)} items ({_md(r.style)}…) in sentence {int(r.sentence)}" for r in lists.itertuples())
    return Reading(f"{_plural(len(lists), 'enumeration')}: {said}.")


def parallels(table: pd.DataFrame, *, top: int = 3) -> Reading:
    """How many parallel frames at each scope, with the sentence-level ones (or the first ones) and their fillers."""
    if table.empty:
        return Reading("No parallel frame is found.")
    scopes = _join(f"{_int(n)} {_md(scope)}-level" for scope, n in table["scope"].value_counts().sort_index().items())
    shown = table[table["scope"] == "sentence"]
    shown = (shown if not shown.empty else table).head(top)
    said = "; ".join(f"{_md(r['frame'])} × {_int(r['n'])} ({_fillers(r['fillers'])})" for _, r in shown.iterrows())
    return Reading(f"{_plural(len(table), 'parallel frame')} ({scopes}): {said}.")


def _fillers(fillers: object) -> str:
    def one(f: object) -> str:
        return " / ".join(_md(x) for x in f) if isinstance(f, (tuple, list)) else _md(f)

    return ", ".join(one(f) for f in (fillers if isinstance(fillers, (list, tuple)) else [fillers]))


def quotations(quotes: pd.DataFrame, *, top: int = 5) -> Reading:
    """Who is quoted in direct speech, how often and with which verbs; how many quoted terms, the commonest."""
    speech = quotes[quotes["kind"] == "speech"]
    lines = []
    if speech.empty:
        lines.append("No direct speech is quoted.")
    else:
        named = speech.assign(speaker=speech["speaker"].fillna("(no speaker named)"))
        people = named.groupby("speaker", sort=False).agg(
            n=("text", "size"), verbs=("verb", lambda v: sorted(set(v.dropna())))
        )
        said = _join(
            f"{_md(p)} {_plural(int(r.n), 'time')}" + (f" ({', '.join(_md(v) for v in r.verbs)})" if r.verbs else "")
            for p, r in people.sort_values("n", ascending=False).iterrows()
        )
        lines.append(f"{_plural(len(speech), 'passage')} of direct speech: {said}.")
    terms = quotes[quotes["kind"] == "term"]["text"].value_counts()
    if len(terms):
        common = _join(f"{_md(t)} ({_int(n)})" for t, n in terms.head(top).items())
        lines.append(
            f"{_plural(int(terms.sum()), 'quoted term')} ({_int(len(terms))} different), the commonest: {common}."
        )
    return _bullets(lines)


def documents(table: pd.DataFrame, *, top: int = 8) -> Reading:
    """The documents cited in 《》, in order of first mention."""
    if table.empty:
        return Reading("No title in 《》 is cited.")
    said = _join(
        f"《{_md(r['title'])}》" + (f" ({_int(r['count'])}×)" if r["count"] > 1 else "")
        for _, r in table.head(top).iterrows()
    )
    more = f", and {_int(len(table) - top)} more" if len(table) > top else ""
    return Reading(f"{_plural(len(table), 'document')} cited: {said}{more}.")


def timeline(dates: pd.DataFrame) -> Reading:
    """The span of the dates the speech cites, the year cited most, and the year its relative dates resolve against
    (``attrs["document_year"]`` and its source), or how many stay unresolved without one."""
    if dates.empty:
        return Reading("No date is cited.")
    years = dates.dropna(subset=["date"])["date"].astype(str).str[:4]
    span = f", from {years.min()} to {years.max()}" if len(years) else ""
    lines = [f"{_plural(len(dates), 'date expression')}{span}."]
    if len(years):
        counts = years.value_counts()
        lines.append(f"The year cited most: {_md(counts.index[0])} ({_plural(int(counts.iloc[0]), 'mention')}).")
    unresolved = int(dates["date"].isna().sum())
    year, source = dates.attrs.get("document_year"), dates.attrs.get("document_year_source")
    if year is not None:
        said = _YEAR_SOURCES.get(source, source) or "given"
        lines.append(f"Relative dates resolve against {_md(year)} ({_md(said)}).")
    if unresolved:
        lines.append(f"{_plural(unresolved, 'expression')} left unresolved: no document year is known for them.")
    return _bullets(lines)


def entities(table: pd.DataFrame, *, top: int = 5) -> Reading:
    """How many people, places and organizations are named, the most frequent, and how many only once."""
    if table.empty:
        return Reading("No person, place or organization is named.")
    kinds = _join(f"{_int(n)} {_md(k)}" + ("" if n == 1 else "s") for k, n in table["kind"].value_counts().items())
    ranked = table.sort_values("count", ascending=False, kind="stable")
    once = int((table["count"] == 1).sum())
    return Reading(
        f"{_plural(len(table), 'name')} ({kinds}); the most frequent: {_counted(ranked, top, 'text')}. "
        f"{_int(once)} are named once — check those against the text, the tagger can take a phrase for a name."
    )


# ---------------------------------------------------------------- two speeches, a corpus


def _side_name(info: dict) -> str:
    """A side of a comparison as a reading names it (:func:`side_label`), "?" when nothing is known of it."""
    return side_label(info) or "?"


def pair(table: pd.DataFrame) -> Reading:
    """The two speeches of ``textstat_compare`` (``attrs["a"]``, ``attrs["b"]``): titles, years, authors, words."""
    lines = []
    for side in ("a", "b"):
        info = table.attrs.get(side, {})
        title = f"《{_md(info['title'])}》" if info.get("title") else _md(info.get("path") or "untitled")
        who = _md(_side_name(info))
        lines.append(f"**{side.upper()}**: {title} ({who}), {_int(info.get('words', 0))} words counted.")
    merged = table.attrs.get("merged")
    if merged:
        lines.append(
            f"Counted in one segmentation: {_int(merged[0])} runs of words joined in A and {_int(merged[1])} in B "
            "where the other text had made them one term."
        )
    return _bullets(lines)


def comparison(table: pd.DataFrame, *, top: int = 6) -> Reading:
    """What ``textstat_compare`` says: terms tested, how many differ after the FDR adjustment, the strongest each
    way by log-odds z (with their counts), and a caution when nothing is significant."""
    if table.empty:
        return Reading("No term is frequent enough in the two speeches together to compare.")
    a, b = (_md(_side_name(table.attrs.get(s, {}))) for s in ("a", "b"))
    significant = int((table["p_fdr"] < 0.05).sum())
    lines = [
        f"{_plural(len(table), 'term')} compared (stopwords left out); {_int(significant)} differ at p_fdr < 0.05; "
        f"{_int((table['log_odds_z'].abs() >= 1.96).sum())} have |z| ≥ 1.96."
    ]
    for lean, name in (("b", b), ("a", a)):
        rows = table[table["lean"] == lean].head(top)
        said = _join(f"{_md(r.term)} ({_int(r.count_a)} → {_int(r.count_b)})" for r in rows.itertuples())
        lines.append(f"Leaning {name}: {said}." if said else f"No term leans {name}.")
    if significant == 0:
        lines.append(
            "No difference survives the adjustment: the two texts share most of their vocabulary, so read the "
            "rankings as leads to check in context (KWIC), not as findings."
        )
    return _bullets(lines)


def new_and_gone(table: pd.DataFrame, *, min_count: int = 3, top: int = 10) -> Reading:
    """Terms of B absent from A and of A absent from B, used at least ``min_count`` times."""
    new = table[(table["count_a"] == 0) & (table["count_b"] >= min_count)]
    gone = table[(table["count_b"] == 0) & (table["count_a"] >= min_count)]
    new = new.sort_values(["count_b", "term"], ascending=[False, True], kind="mergesort").head(top)
    gone = gone.sort_values(["count_a", "term"], ascending=[False, True], kind="mergesort").head(top)
    said_new = _join(f"{_md(r.term)} {_int(r.count_b)}" for r in new.itertuples()) or "none"
    said_gone = _join(f"{_md(r.term)} {_int(r.count_a)}" for r in gone.itertuples()) or "none"
    return _bullets([f"New in B (≥ {min_count}): {said_new}.", f"Gone from B (≥ {min_count} in A): {said_gone}."])


def formula_change(a: pd.DataFrame, b: pd.DataFrame) -> Reading:
    """Numbered formulas (``zhspeech.formulas``) of B that A lacks, and of A that B lacks."""
    in_a, in_b = set(a["text"]), set(b["text"])
    new, gone = sorted(in_b - in_a), sorted(in_a - in_b)
    return _bullets(
        [
            f"{_plural(len(in_a), 'formula')} in A, {_plural(len(in_b), 'formula')} in B, {_int(len(in_a & in_b))} in "
            "both.",
            f"Only in B: {_join(_md(f) for f in new) or 'none'}.",
            f"Only in A: {_join(_md(f) for f in gone) or 'none'}.",
        ]
    )


def edition(diff: pd.DataFrame, alignment: pd.DataFrame) -> Reading:
    """How much of A survives in B, from ``textstat_edition_diff`` and ``textstat_section_alignment``."""
    counts = {op: int(diff.attrs.get(op, 0)) for op in ("equal", "changed", "added", "removed")}
    paired = alignment[alignment["section_a"].notna() & alignment["section_b"].notna()]
    lines = [
        f"{_int(diff.attrs.get('sentences_a', 0))} sentences in A, {_int(diff.attrs.get('sentences_b', 0))} in B: "
        f"{_int(counts['equal'])} unchanged, {_int(counts['changed'])} changed, {_int(counts['added'])} added, "
        f"{_int(counts['removed'])} removed ({_num(100 * diff.attrs.get('unchanged_share', 0), 1)} % unchanged).",
        f"{_plural(len(paired), 'section')} paired; {_int((alignment['how'] == 'added').sum())} only in B, "
        f"{_int((alignment['how'] == 'removed').sum())} only in A.",
    ]
    if counts["equal"] + counts["changed"] < 0.2 * max(1, diff.attrs.get("sentences_b", 0)):
        lines.append(
            "Few sentences carry over: B is a new text on the same plan rather than a revised edition of A, so the "
            "term comparison above says more than this list."
        )
    return _bullets(lines)


def corpus_documents(documents: pd.DataFrame, skipped: pd.DataFrame, duplicates: pd.DataFrame) -> Reading:
    """The corpus in a few lines: documents, years, authors, where the metadata came from, what was left out."""
    years = documents["year"].dropna()
    span = f"from {int(years.min())} to {int(years.max())}" if len(years) else "with no known year"
    authors = documents["author"].dropna()
    lines = [
        f"{_plural(len(documents), 'document')} {span}, {_int(documents['words'].sum())} words; "
        f"{_plural(authors.nunique(), 'author')} named.",
    ]
    for column in ("year", "author", "title"):
        source = f"{column}_source"
        if source in documents.columns:
            counts = documents[source].fillna("unknown").value_counts()
            lines.append(f"{column.capitalize()}: " + _join(f"{_int(n)} from the {_md(s)}" for s, n in counts.items()))
    if len(skipped):
        lines.append(f"Skipped: {_join(_md(p) for p in skipped['path'])} (see the table of skipped files).")
    if len(duplicates):
        lines.append(f"{_plural(len(duplicates), 'exact duplicate')} read once.")
    return _bullets(lines)


def trajectories(traj: pd.DataFrame, *, by: str = "year") -> Reading:
    """For each term of ``textstat_trajectories``: its peak period and rate, and the periods using it."""
    lines = []
    for term, rows in traj.groupby("term", sort=False):
        used = rows[rows["count"] > 0]
        if used.empty:
            lines.append(f"{_md(term)}: not used in any period.")
            continue
        peak = used.loc[used["per_10k"].idxmax()]
        lines.append(
            f"{_md(term)}: used in {_int(len(used))} of {_int(len(rows))} {by} periods, first {_md(used[by].iloc[0])},"
            f" peak {_md(peak[by])} ({_num(peak['per_10k'], 1)} per 10k words)."
        )
    return _bullets(lines)


def new_terms(new: pd.DataFrame, *, by: str = "year", top: int = 5, periods: int = 5) -> Reading:
    """The last ``periods`` periods of ``textstat_new_terms``: how many terms each brought in and dropped."""
    if new.empty:
        return Reading("No period brings a term used at least the minimum number of times that no earlier one used.")
    lines = []
    for value in sorted(new[by].unique())[-periods:]:
        rows = new[new[by] == value]
        fresh = rows[rows["status"] == "new"]
        dropped = rows[rows["status"] == "dropped"]
        shown = _join(f"{_md(r.term)} {_int(r.count)}" for r in fresh.head(top).itertuples())
        lines.append(
            f"{_md(value)}: {_plural(len(fresh), 'new term')}"
            + (f" ({shown})" if shown else "")
            + f", {_int(len(dropped))} dropped."
        )
    return _bullets(lines)


def groups(table: pd.DataFrame, *, top: int = 5) -> Reading:
    """Each group's most distinctive terms against the rest (``textstat_compare_groups``), by log-odds z."""
    if table.empty:
        return Reading("No group uses any term distinctively enough to list.")
    lines = []
    for group, rows in table.groupby("group", sort=False):
        best = rows[rows["log_odds_z"] > 0].head(top)
        said = _join(f"{_md(r.term)} ({_num(r.log_odds_z, 1)})" for r in best.itertuples())
        lines.append(f"{_md(group)}: {said or 'nothing distinctive'}.")
    return _bullets(lines)


def frequent_terms(dtm: object, n: int = 9) -> list[str]:
    """The ``n`` most frequent content words of a document-term matrix: not stopwords, two characters or more
    (ties by term) — the default terms a corpus notebook follows over the years."""
    totals = dtm.totals()  # type: ignore[attr-defined]
    keep = ~dtm.stop & (totals.index.str.len() >= 2)  # type: ignore[attr-defined]
    ranked = totals[keep].rename_axis("term").reset_index(name="count")
    ranked = ranked.sort_values(["count", "term"], ascending=[False, True], kind="mergesort")
    return ranked["term"].head(n).tolist()


def changing_terms(dtm: object, n: int = 9, *, by: str = "year", pool: int = 200) -> list[str]:
    """The ``n`` terms whose rate changes most across the periods of ``by``: among the ``pool`` most frequent
    content words (:func:`frequent_terms`), those with the largest coefficient of variation of their rate per
    10,000 words over the periods (standard deviation / mean) — the terms that rise and fall, not the ones every
    period uses alike. The corpus notebook's default terms to follow."""
    import numpy as np

    candidates = frequent_terms(dtm, pool)
    grouped = dtm.grouped(by)  # type: ignore[attr-defined]
    columns = grouped.terms.get_indexer(candidates)
    counts = grouped.matrix[:, columns].toarray().astype(float)
    rates = counts / grouped.documents["words"].to_numpy(dtype=float)[:, None] * 1e4
    spread = rates.std(axis=0) / np.maximum(rates.mean(axis=0), 1e-12)
    order = sorted(range(len(candidates)), key=lambda i: (-spread[i], candidates[i]))
    return [candidates[i] for i in order[:n]]


#: Columns the corpus notebook compares groups by when the one asked for has a single value, in this order.
GROUP_COLUMNS = ("author", "decade", "year")


def group_column(documents: pd.DataFrame, asked: str) -> str | None:
    """The column whose groups the corpus notebook compares: ``asked`` when it holds at least two values, else
    the first of :data:`GROUP_COLUMNS` that does (a corpus of one author's speeches is compared by decade or
    year); ``None`` when no column has two groups (a corpus of one document)."""
    for column in (asked, *GROUP_COLUMNS):
        if column in documents.columns and documents[column].dropna().nunique() >= 2:
            return column
    return None


def groups_heading(by: str | None, asked: str) -> Reading:
    """What the groups comparison compares, and why not ``asked`` when another column stands in for it."""
    if by is None:
        return Reading("No column of the documents holds two groups: there is nothing to compare.")
    if by != asked:
        return Reading(f"Every document has the same {_md(asked)}: the groups are each {_md(by)} instead.")
    return Reading(f"Each {_md(by)} against all the other documents.")
