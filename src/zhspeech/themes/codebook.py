"""Theme coding with a codebook: which sentences speak of development, security, civilization, governance …

>>> codebook = zhspeech.load_codebook()            # the default codebook (policy agendas), or by name or path:
>>> codebook = zhspeech.load_codebook("cyberspace")  # load_codebook("mine.yml")
>>> hits = zhspeech.theme_hits(speech, codebook)
>>> zhspeech.textstat_themes(speech, codebook, by="section")
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd

from .. import config
from .._checks import check_choice
from ..errors import CodebookError
from ..text.script import simplified_char
from ..textstat._tokens import DEFAULT_PARTS, Parts, in_parts

if TYPE_CHECKING:  # pragma: no cover
    from ..text.model import Speech

_RULE_KINDS = ("terms", "all", "regex")
_INFO_KEYS = ("name", "gloss", "note")
_MATCHES = ("substring", "token")
_BY = ("section", "paragraph")
_FORMS = ("wide", "long")
HIT_COLUMNS = [
    "sentence",
    "part",
    "paragraph",
    "section",
    "theme",
    "rule",
    "matched",
    "matches",
    "start",
    "end",
    "text",
]


@dataclass(frozen=True)
class Theme:
    """One codebook entry: a name and its rules (any ``terms``; ``all`` groups; ``regex`` patterns)."""

    name: str
    gloss: str = ""
    note: str = ""
    terms: tuple[str, ...] = ()
    all: tuple[tuple[str, ...], ...] = ()
    regex: tuple[re.Pattern[str], ...] = ()

    def rules(self, fold: Callable[[str], str] = str) -> list[Rule]:
        """(label, pattern, group) per rule, matching text passed through ``fold``; ``group``: all-of terms."""
        out: list[Rule] = []
        if self.terms:
            out.append(("terms", _alternation(fold(t) for t in self.terms), ()))
        out += [("all:" + "+".join(g), _alternation(fold(t) for t in g), tuple(fold(t) for t in g)) for g in self.all]
        out += [("regex:" + p.pattern, re.compile(fold(p.pattern), p.flags), ()) for p in self.regex]
        return out


Rule = tuple[str, "re.Pattern[str]", tuple[str, ...]]


def _alternation(terms: Iterable[str]) -> re.Pattern[str]:
    """One pattern for many terms, longest first, so 发展中国家 wins over 发展."""
    return re.compile("|".join(re.escape(t) for t in sorted(set(terms), key=lambda t: (-len(t), t))))


@dataclass(frozen=True)
class Codebook:
    """Themes in codebook order, with the file they came from."""

    themes: tuple[Theme, ...]
    path: Path | None = None
    names: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "names", tuple(t.name for t in self.themes))

    def __len__(self) -> int:
        return len(self.themes)

    def to_frame(self) -> pd.DataFrame:
        """One row per theme: name, gloss, note and its rules written out."""
        return pd.DataFrame(
            [
                {
                    "theme": t.name,
                    "gloss": t.gloss,
                    "note": t.note,
                    "terms": "、".join(t.terms),
                    "all": "; ".join("+".join(g) for g in t.all),
                    "regex": "; ".join(p.pattern for p in t.regex),
                }
                for t in self.themes
            ]
        )


CodebookLike = Codebook | str | Path | None


def load_codebook(name_or_path: str | Path | None = None) -> Codebook:
    """Read a theme codebook (YAML): a shipped one by name, a file by path; ``None`` reads the default.

    The default is ``policy_agendas`` (``data/codebooks/policy_agendas.yml``): the major topics of the Comparative
    Agendas Project with Chinese rules, for any policy text. ``"cyberspace"`` is the codebook written for the speech
    the kit was first built for. :func:`shipped_codebooks` lists the names. Anything with a suffix or a folder in it
    (``"mine.yml"``, ``Path("x/y")``) is read as a file.

    A codebook (documented in the header of ``data/codebooks/cyberspace.yml``) lists themes, each with simple rules —
    any of some terms, all terms of a group in one sentence, a regular expression.

    Any problem — an unknown name, a YAML syntax error, a theme without a name, an unknown rule kind, an empty term
    list, a malformed all-of group, a regex that does not compile — raises ``CodebookError`` naming the file and the
    entry.
    """
    path = codebook_path(name_or_path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CodebookError(f"{path}: no such codebook file (check the path)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CodebookError(f"{path}: cannot read the codebook as UTF-8 text ({exc.__class__.__name__})") from None
    return _parse_codebook(raw, path)


def shipped_codebooks() -> list[str]:
    """The names of the codebooks shipped with the kit (``data/codebooks/*.yml``), the default first."""
    names = sorted(p.stem for p in config.CODEBOOKS_DIR.glob("*.yml"))
    return sorted(names, key=lambda n: n != config.DEFAULT_CODEBOOK)


def codebook_path(name_or_path: str | Path | None = None) -> Path:
    """The file of a shipped codebook's name, or the path given; ``None``: the default codebook."""
    if name_or_path is None:
        return config.THEMES_PATH
    if isinstance(name_or_path, Path) or Path(name_or_path).suffix or re.search(r"[/\\]", name_or_path):
        return Path(name_or_path)
    if not name_or_path.strip():
        raise CodebookError("codebook: empty name (give a shipped name or the path of a YAML file)")
    path = config.CODEBOOKS_DIR / f"{name_or_path}.yml"
    if path.is_file():
        return path
    if Path(name_or_path).is_file():  # a file without a suffix in the working folder
        return Path(name_or_path)
    raise CodebookError(
        f"unknown codebook {name_or_path!r}: shipped codebooks are {', '.join(shipped_codebooks())} "
        "(or give the path of a YAML file)"
    )


@lru_cache(maxsize=16)
def _parse_codebook(raw: str, path: Path) -> Codebook:
    """Parse a codebook's text (cached on the text itself, so an edited file is parsed again)."""
    import yaml

    try:
        data = yaml.load(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise CodebookError(f"{path}: YAML syntax error{where}: {problem}") from None
    entries = data.get("themes") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise CodebookError(f"{path}: expected a top-level 'themes:' list with at least one theme")
    themes: list[Theme] = []
    for i, entry in enumerate(entries, start=1):
        theme = _parse_theme(entry, f"{path}: theme #{i}")
        if theme.name == UNCODED:
            raise CodebookError(f"{path}: theme #{i}: {UNCODED!r} is reserved for the sentences no theme codes")
        if theme.name in {t.name for t in themes}:
            raise CodebookError(f"{path}: theme #{i} {theme.name!r}: duplicate theme name")
        themes.append(theme)
    return Codebook(tuple(themes), path)


def _parse_theme(entry: Any, where: str) -> Theme:
    if not isinstance(entry, dict):
        raise CodebookError(f"{where}: expected a mapping with 'name' and rules, got {type(entry).__name__}")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise CodebookError(f"{where}: missing 'name'")
    where = f"{where} {name.strip()!r}"
    unknown = [k for k in entry if k not in _RULE_KINDS + _INFO_KEYS]
    if unknown:
        raise CodebookError(f"{where}: unknown rule kind {unknown[0]!r} (allowed: {', '.join(_RULE_KINDS)})")
    if not any(k in entry for k in _RULE_KINDS):
        raise CodebookError(f"{where}: no rules (give at least one of {', '.join(_RULE_KINDS)})")
    terms = _strings(entry.get("terms", []), f"{where}: terms") if "terms" in entry else ()
    groups = _groups(entry["all"], f"{where}: all") if "all" in entry else ()
    patterns = _patterns(entry["regex"], f"{where}: regex") if "regex" in entry else ()
    return Theme(name.strip(), str(entry.get("gloss") or ""), str(entry.get("note") or ""), terms, groups, patterns)


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        raise CodebookError(f"{where}: expected a non-empty list of terms")
    out = []
    for v in value:
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            v = str(v)
        if not isinstance(v, str) or not v.strip():
            raise CodebookError(f"{where}: empty or non-text term {v!r}")
        out.append(v.strip())
    return tuple(dict.fromkeys(out))


def _groups(value: Any, where: str) -> tuple[tuple[str, ...], ...]:
    if not isinstance(value, list) or not value:
        raise CodebookError(f"{where}: expected a list of term groups, e.g. [[共享, 成果]]")
    groups = []
    for group in value:
        terms = _strings(group, where) if isinstance(group, list) else ()
        if len(terms) < 2:
            raise CodebookError(f"{where}: group {group!r} needs two or more distinct terms")
        groups.append(terms)
    return tuple(groups)


def _patterns(value: Any, where: str) -> tuple[re.Pattern[str], ...]:
    out = []
    for source in _strings(value, where):
        try:
            pattern = re.compile(source)
        except re.error as exc:
            raise CodebookError(f"{where}: bad regular expression {source!r}: {exc}") from None
        if pattern.search("") is not None:
            raise CodebookError(f"{where}: regular expression {source!r} matches the empty string")
        out.append(pattern)
    return tuple(out)


def _codebook(codebook: CodebookLike) -> Codebook:
    return codebook if isinstance(codebook, Codebook) else load_codebook(codebook)


def theme_hits(
    speech: Speech,
    codebook: CodebookLike = None,
    *,
    match: Literal["substring", "token"] = "substring",
    parts: Parts = DEFAULT_PARTS,
) -> pd.DataFrame:
    """Every sentence a theme was coded in, with the evidence: one row per (sentence, theme).

    Each row gives the rule that fired and the text it matched, so the coding can be audited.

    Columns: ``sentence``, ``part``, ``paragraph``, ``section``, ``theme``, ``rule`` (the rules that fired, in
    codebook order:
    ``terms``, ``all:共享+成果``, ``regex:安全(?!感)``), ``matched`` (the distinct texts matched, in reading order,
    joined by 、), ``matches`` (number of matches), ``start``/``end`` (offsets of the first match in ``speech.text``)
    and ``text`` (the sentence). Rows are in codebook order of themes, then sentence order.

    ``parts``: the sentences coded, by their ``part`` in ``speech.sentences``: the title, the headings and the body
    by default (a heading that names a theme is coded like any sentence); add ``"back"`` for appendices and
    glossaries, or give ``("body",)`` for the body alone.

    ``match="substring"`` (default) matches terms anywhere in the sentence's characters; ``match="token"`` keeps
    only matches that start and end on token boundaries of ``speech.tokens`` (so 安全 no longer matches inside a
    token 安全感, nor inside 网络安全 when the segmenter keeps that as one token); see the header of
    ``data/codebooks/cyberspace.yml``.

    Matching ignores the script: sentences and codebook are both folded to simplified characters (OpenCC t2s, one
    character for one, so offsets stay valid), and a simplified codebook codes a traditional speech (發展 matches
    发展). ``matched`` gives the text as written in the speech.
    """
    check_choice("match", match, _MATCHES)
    book = _codebook(codebook)
    sentences = _sentences(speech, parts)
    texts = sentences["text"].astype(str).tolist()
    starts = sentences["start"].to_numpy(dtype=np.int64)
    fold = _simplifier("".join(texts) + "".join(_codebook_text(book)))
    rules = [theme.rules(fold) for theme in book.themes]
    records = _raw_matches(rules, [fold(t) for t in texts])
    if match == "token" and records:
        records = _token_aligned(records, starts, speech.tokens)
    records = [r[:5] + (texts[r[2]][r[3] : r[4]],) for r in _complete_groups(records, rules)]
    rows = _aggregate(records, book)
    if not rows:
        return pd.DataFrame(columns=HIT_COLUMNS).astype({"sentence": "int64", "start": "int64", "end": "int64"})
    out = pd.DataFrame(rows, columns=["i", "theme", "rule", "matched", "matches", "start", "end"])
    info = sentences.iloc[out["i"].to_numpy()]
    out.insert(0, "sentence", info["sentence"].to_numpy())
    out.insert(1, "part", info["part"].astype(str).to_numpy(dtype=object))
    out.insert(2, "paragraph", info["paragraph"].to_numpy())
    out.insert(3, "section", info["section"].to_numpy())
    out["start"] = out["start"].to_numpy(dtype=np.int64) + starts[out["i"].to_numpy()]
    out["end"] = out["end"].to_numpy(dtype=np.int64) + starts[out["i"].to_numpy()]
    out["text"] = info["text"].to_numpy()
    return out[HIT_COLUMNS].reset_index(drop=True)


def _sentences(speech: Speech, parts: Parts) -> pd.DataFrame:
    """The sentence rows of ``parts``, in text order, with a ``part`` column ("body" for a table without one)."""
    sentences = in_parts(speech.sentences, parts)
    if "part" not in sentences.columns:
        sentences = sentences.assign(part="body")
    return sentences.reset_index(drop=True)


# A raw match: (theme index, rule index, sentence index, start, end, matched text) — offsets within the sentence.
_Match = tuple[int, int, int, int, int, str]


def _raw_matches(rules: list[list[Rule]], texts: list[str]) -> list[_Match]:
    """All matches of all rules. Terms run once over the sentences joined by newlines; regexes run per sentence."""
    joined = "\n".join(texts)
    bounds = np.cumsum([0] + [len(t) + 1 for t in texts[:-1]]) if texts else np.zeros(0, dtype=np.int64)
    out: list[_Match] = []
    for ti, theme_rules in enumerate(rules):
        for ri, (label, pattern, _) in enumerate(theme_rules):
            if label.startswith("regex:"):
                out += [
                    (ti, ri, i, m.start(), m.end(), m.group())
                    for i, text in enumerate(texts)
                    for m in pattern.finditer(text)
                    if m.end() > m.start()
                ]
                continue
            spans = [(m.start(), m.end(), m.group()) for m in pattern.finditer(joined)]
            if not spans:
                continue
            idx = np.searchsorted(bounds, [s for s, _, _ in spans], side="right") - 1
            out += [(ti, ri, int(i), s - int(bounds[i]), e - int(bounds[i]), g) for i, (s, e, g) in zip(idx, spans)]
    return out


def _token_aligned(records: list[_Match], starts: np.ndarray, tokens: pd.DataFrame) -> list[_Match]:
    """Keep matches whose both ends fall on token boundaries (offsets into ``speech.text``)."""
    token_starts = set(tokens["start"].astype(np.int64).tolist())
    token_ends = set(tokens["end"].astype(np.int64).tolist())
    return [r for r in records if int(starts[r[2]]) + r[3] in token_starts and int(starts[r[2]]) + r[4] in token_ends]


def _complete_groups(records: list[_Match], rules: list[list[Rule]]) -> list[_Match]:
    """For all-of rules keep a sentence's matches only when every term of the group occurs; first occurrence each."""
    groups = {(ti, ri): set(g) for ti, rs in enumerate(rules) for ri, (_, _, g) in enumerate(rs) if g}
    if not groups:
        return records
    seen: dict[tuple[int, int, int], dict[str, _Match]] = {}
    out = []
    for r in sorted(records, key=lambda r: (r[0], r[1], r[2], r[3])):
        if (r[0], r[1]) in groups:
            seen.setdefault((r[0], r[1], r[2]), {}).setdefault(r[5], r)
        else:
            out.append(r)
    for (ti, ri, _), found in seen.items():
        if len(found) == len(groups[(ti, ri)]):
            out += found.values()
    return out


def _aggregate(records: list[_Match], book: Codebook) -> list[tuple]:
    """One row per (theme, sentence): rules fired, distinct matched texts, match count, first match span.

    A match lying inside a longer one of another rule (鸿沟 inside 数字鸿沟) counts, but its text is not repeated.
    """
    labels = [[label for label, _, _ in theme.rules()] for theme in book.themes]
    rows: list[tuple] = []
    key = None
    for r in sorted(records, key=lambda r: (r[0], r[2], r[3], -r[4], r[1])):
        if (r[0], r[2]) != key:
            key = (r[0], r[2])
            rules: set[int] = set()
            texts: dict[str, None] = {}
            reach = -1
            rows.append([r[2], r[0], rules, texts, 0, r[3], r[4]])
        rules.add(r[1])
        if r[4] > reach:
            texts[r[5]] = None
            reach = r[4]
        rows[-1][4] += 1
    return [
        (i, book.names[ti], "; ".join(labels[ti][k] for k in sorted(rules)), "、".join(texts), n, s, e)
        for i, ti, rules, texts, n, s, e in rows
    ]


UNCODED = "uncoded"
#: Above this share of uncoded sentences ``textstat_themes`` warns that the codebook does not fit the text.
UNCODED_WARNING = 0.5


class UncodedWarning(UserWarning):
    """More than half the sentences of a text match no theme of the codebook."""


def textstat_themes(
    speech: Speech,
    codebook: CodebookLike = None,
    *,
    by: Literal["section", "paragraph"] = "section",
    form: Literal["wide", "long"] = "wide",
    hits: pd.DataFrame | None = None,
    parts: Parts = DEFAULT_PARTS,
) -> pd.DataFrame:
    """Share of sentences coded with each theme, per section (the section × theme table) or per paragraph.

    ``form="wide"``: one row per section number (0 = text before the first heading) or paragraph id, one column per
    theme (codebook order), values = sentences hit / sentences in the unit, and a last column ``uncoded``: the share
    of the unit's sentences that no theme codes. ``form="long"``: one row per (unit, theme) with the counts the share
    comes from: ``sentences`` (in the unit), ``hits`` (sentences coded), ``share``, and ``uncoded`` (the unit's
    sentences coded with no theme, repeated on each of its rows).
    Pass ``hits`` (from ``theme_hits``, e.g. with ``match="token"``) to score an existing coding.

    When more than half of all the sentences are uncoded, an ``UncodedWarning`` says that the codebook does not fit
    the text (its themes then describe a minority of the text; pick or write another codebook).

    ``parts``: the sentences counted, as in :func:`theme_hits` (title, headings and body by default): the title
    counts in section 0 and a heading in the section it opens. ``by="paragraph"`` covers the paragraphs only, so
    title and heading lines (paragraph 0) are left out of it. Hits of sentences outside the units are ignored.
    """
    check_choice("by", by, _BY)
    check_choice("form", form, _FORMS)
    book = _codebook(codebook)
    sentences = _sentences(speech, parts)
    if by == "paragraph":
        sentences = sentences[sentences["paragraph"] > 0]
    if hits is None:
        hits = theme_hits(speech, book, parts=parts)
    hits = hits[hits["sentence"].isin(sentences["sentence"])]
    totals = sentences.groupby(by).size().rename("sentences")
    coded = (
        hits.drop_duplicates(["sentence", "theme"])
        .groupby([by, "theme"])
        .size()
        .unstack("theme")
        .reindex(index=totals.index, columns=list(book.names))
        .fillna(0)
        .astype("int64")
    )
    coded.columns.name = "theme"
    uncoded = totals - hits.drop_duplicates("sentence").groupby(by).size().reindex(totals.index).fillna(0)
    _warn_uncoded(int(uncoded.sum()), int(totals.sum()), book)
    if form == "wide":
        return coded.div(totals, axis=0).assign(**{UNCODED: uncoded / totals})
    long = coded.stack().rename("hits").reset_index()
    long.insert(1, "sentences", long[by].map(totals).astype("int64"))
    long["share"] = long["hits"] / long["sentences"]
    long[UNCODED] = long[by].map(uncoded).astype("int64")
    return long[[by, "theme", "sentences", "hits", "share", UNCODED]]


def _warn_uncoded(uncoded: int, total: int, book: Codebook) -> None:
    if total and uncoded / total > UNCODED_WARNING:
        name = book.path.stem if book.path is not None else "given"
        warnings.warn(
            f"{uncoded} of {total} sentences ({uncoded / total:.0%}) match no theme of the {name!r} codebook: it does "
            "not fit this text, and its themes describe a minority of it (pick another codebook or write your own)",
            UncodedWarning,
            stacklevel=3,
        )


def _codebook_text(book: Codebook) -> Iterable[str]:
    for theme in book.themes:
        yield from theme.terms
        yield from (t for group in theme.all for t in group)
        yield from (p.pattern for p in theme.regex)


def _simplifier(chars: str) -> Callable[[str], str]:
    """Fold traditional characters to simplified, one character for one (identity for a simplified text)."""
    table = {ord(c): t for c in set(chars) if (t := simplified_char(c)) != c}
    if not table:
        return str
    return lambda text: text.translate(table)
