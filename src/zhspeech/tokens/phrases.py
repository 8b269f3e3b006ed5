"""Genre phrases: multiword terms learned from a corpus of reports (the generated ``genre_terms.txt``).

Adjacent content words that recur as a unit across several documents are joined: log-likelihood (Dunning's G²)
measures the association, a minimum count and a minimum number of documents keep one report's habit out, and
rounds join a joined pair with a neighbour (大众创业 + 万众创新). ``python -m zhspeech.tokens.phrases`` rebuilds
``data/lexicon/genre_terms.txt``; ``data/lexicon/README.md`` states the rules.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .. import config
from .lexicon import JIEBA_HAN, SCOPE_WORDS

#: The corpus the shipped genre lexicon is learned from (``YEAR政府工作报告_SPEAKER.txt``).
CORPUS_DIR: Path = config.CORPUS_DIR

_YEAR_FILE = re.compile(r"^(\d{4})")
_HAN_WORD = re.compile(r"[\u4E00-\u9FD5]{2,}")
#: Tags a phrase may open with (nouns, proper nouns, verbal and adjectival nouns, non-predicate adjectives,
#: adjectives, abbreviations, fixed expressions) and close with (the same without adjectives: the head is a noun).
#: Person names (nr…) are neither: 毛泽东主席, 江泽民同志 are forms of address, not terms of the genre.
#: Adjectives (a) do not open one: 重要内容, 有力措施, 不同程度 are descriptions, not terms.
_FIRST_TAGS = frozenset("n nz nt ns vn an b j ng l".split())
_LAST_TAGS = frozenset("n nz nt ns vn an j ng l".split())


@dataclass(frozen=True)
class PhraseRule:
    """When adjacent words of a corpus are a genre phrase (see data/lexicon/README.md)."""

    min_count: int = 5  # the pair occurs at least this often in the corpus
    min_docs: int = 3  # ... in at least this many documents
    min_g2: float = 15.13  # log-likelihood G² (1 degree of freedom; 15.13 is p < 0.0001)
    min_dice: float = 0.05  # Dice = 2·n12 / (n1 + n2): the pair is not a rare use of two common words
    max_neighbour: float = 0.75  # a phrase this often followed (preceded) by one same word is a fragment
    max_chars: int = 10  # the joined phrase is at most this long
    rounds: int = 3  # round k can join phrases of round k-1 with a neighbour


def read_corpus(folder: str | Path = CORPUS_DIR, *, until: int | None = None, since: int | None = None) -> dict:
    """The reports of ``folder`` (``YEAR…txt``, UTF-8) as ``{file name: text}``, in year order; ``until``/``since``
    keep the years up to / from the one given (both inclusive)."""
    texts = {}
    for path in sorted(Path(folder).glob("*.txt")):
        m = _YEAR_FILE.match(path.name)
        year = int(m.group(1)) if m else None
        if year is None or (until is not None and year > until) or (since is not None and year < since):
            continue
        texts[path.name] = path.read_text(encoding="utf-8-sig")
    return texts


def _runs(tok, text: str) -> list[list[str]]:
    """Token runs of ``text``: maximal stretches of Han tokens (punctuation, digits and Latin break a run)."""
    runs: list[list[str]] = []
    for stretch in _HAN_WORD.findall(text):
        runs.append(tok.cut(stretch))
    return runs


def _candidates(vocab: Counter, tok, stop: frozenset[str], protected: frozenset[str]) -> tuple[set, set]:
    """Words that may open / close a phrase: two or more Han characters, not stopwords, not protected (lexicon
    entries and the policy words of the keep-list, counted on their own), by tag; no scope word opens one."""
    first, last = set(), set()
    for word in vocab:
        if len(word) < 2 or not JIEBA_HAN.fullmatch(word[0]) or word in stop or word in protected:
            continue
        tag = tok.tag(word)
        if tag in _FIRST_TAGS and word not in SCOPE_WORDS:
            first.add(word)
        if tag in _LAST_TAGS:
            last.add(word)
    return first, last


def g2(n12: np.ndarray, n1: np.ndarray, n2: np.ndarray, n: int) -> np.ndarray:
    """Dunning's log-likelihood G² of the 2×2 table of a pair: ``n12`` together, ``n1``/``n2`` each, ``n`` pairs."""
    n12, n1, n2 = (np.asarray(x, dtype=float) for x in (n12, n1, n2))
    observed = np.stack([n12, n1 - n12, n2 - n12, n - n1 - n2 + n12])
    rows = np.stack([n1, n1, n - n1, n - n1])
    cols = np.stack([n2, n - n2, n2, n - n2])
    expected = rows * cols / n
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(observed > 0, observed * np.log(observed / expected), 0.0)
    return 2 * terms.sum(axis=0)


def _pair_counts(docs: Mapping[str, list[list[str]]], first: set, last: set, max_chars: int) -> tuple:
    """Counts of candidate pairs, of pair documents, of words and the number of adjacent positions."""
    pairs: Counter = Counter()
    pair_docs: Counter = Counter()
    words: Counter = Counter()
    n = 0
    for runs in docs.values():
        seen = set()
        for run in runs:
            words.update(run)
            n += max(len(run) - 1, 0)
            for a, b in zip(run, run[1:]):
                if a in first and b in last and len(a) + len(b) <= max_chars:
                    pairs[a, b] += 1
                    seen.add((a, b))
        pair_docs.update(seen)
    return pairs, pair_docs, words, n


def _score_round(docs: Mapping[str, list[list[str]]], tok, rule: PhraseRule, protected: frozenset, rnd: int):
    from .stopwords import stopwords

    vocab: Counter = Counter(w for runs in docs.values() for run in runs for w in run)
    first, last = _candidates(vocab, tok, stopwords(), protected)
    pairs, pair_docs, words, n = _pair_counts(docs, first, last, rule.max_chars)
    keys = [k for k, c in pairs.items() if c >= rule.min_count and pair_docs[k] >= rule.min_docs]
    table = pd.DataFrame(
        {
            "phrase": [a + b for a, b in keys],
            "parts": [f"{a} {b}" for a, b in keys],
            "n12": [pairs[k] for k in keys],
            "n1": [words[k[0]] for k in keys],
            "n2": [words[k[1]] for k in keys],
            "docs": [pair_docs[k] for k in keys],
        },
        columns=["phrase", "parts", "n12", "n1", "n2", "docs"],
    ).astype({"n12": "int64", "n1": "int64", "n2": "int64", "docs": "int64"})
    table["dice"] = 2 * table["n12"] / (table["n1"] + table["n2"])
    table["g2"] = g2(table["n12"], table["n1"], table["n2"], max(n, 1))
    table["round"] = rnd
    keep = (table["g2"] >= rule.min_g2) & (table["dice"] >= rule.min_dice)
    known = np.array([tok.known(p) for p in table["phrase"]], dtype=bool)
    return table[keep & ~known]


def _fragments(docs: Mapping[str, list[list[str]]], phrases: set[str], share: float) -> set[str]:
    """Phrases that are pieces of a longer unit: one and the same word follows (or precedes) at least ``share`` of
    their occurrences (下岗职工基本 → 生活, 利用外商 → 直接投资)."""
    after: dict[str, Counter] = {p: Counter() for p in phrases}
    before: dict[str, Counter] = {p: Counter() for p in phrases}
    total: Counter = Counter()
    for runs in docs.values():
        for run in runs:
            for i, w in enumerate(run):
                if w in phrases:
                    total[w] += 1
                    if i + 1 < len(run):
                        after[w][run[i + 1]] += 1
                    if i:
                        before[w][run[i - 1]] += 1
    out = set()
    for p, n in total.items():
        top = max((c.most_common(1)[0][1] for c in (after[p], before[p]) if c), default=0)
        if top >= share * n:
            out.add(p)
    return out


def phrase_table(texts: Mapping[str, str], *, rule: PhraseRule | None = None, tokenizer=None) -> pd.DataFrame:
    """Multiword phrases of a corpus (``{document: text}``), with the counts behind each score.

    One row per phrase: ``phrase``, ``parts`` (the two tokens joined, space-separated), ``n12`` (times adjacent),
    ``n1``/``n2`` (each part's count), ``docs`` (documents holding the pair), ``dice``, ``g2`` (log-likelihood),
    ``round`` (1 = two jieba words; 2+ = a phrase of an earlier round joined with a neighbour) and ``tag`` (the
    tag of the last part). Sorted by G² descending. ``tokenizer`` defaults to jieba with the project lexicon.
    """
    from . import lexicon as lx
    from ._fastcut import get_tokenizer
    from .stopwords import keep_words

    rule = rule or PhraseRule()
    tok = tokenizer or get_tokenizer(lx.lexicon_paths(genre=False), project=False)
    protected = frozenset(tok.lexicon) | keep_words()  # whole terms and counted policy words: never parts
    tables, found = [], {}
    for rnd in range(1, rule.rounds + 1):
        docs = {name: _runs(tok, text) for name, text in texts.items()}
        table = _score_round(docs, tok, rule, protected, rnd)
        table = table[~table["phrase"].isin(found)]
        if table.empty:
            break
        table = table.assign(tag=[tok.tag(p.split()[-1]) for p in table["parts"]])
        tables.append(table)
        found.update(zip(table["phrase"], table["tag"]))
        tok = tok.with_terms(list(zip(table["phrase"], table["tag"])))
    columns = ["phrase", "parts", "n12", "n1", "n2", "docs", "dice", "g2", "round", "tag"]
    if not tables:
        return pd.DataFrame(columns=columns)
    out = pd.concat(tables, ignore_index=True)[columns]
    docs = {name: _runs(tok, text) for name, text in texts.items()}
    out = out[~out["phrase"].isin(_fragments(docs, set(out["phrase"]), rule.max_neighbour))]
    return out.sort_values(["g2", "phrase"], ascending=[False, True], kind="mergesort", ignore_index=True)


def write_lexicon(table: pd.DataFrame, path: str | Path, *, command: str, source: str) -> Path:
    """Write ``table`` (from :func:`phrase_table`) as a jieba user dictionary with a provenance header; the counts
    go into a sidecar TSV next to it (same name, ``.tsv``)."""
    path = Path(path)
    header = [
        "# zhspeech genre lexicon: multiword terms learned from a corpus of Chinese government work reports.",
        "# GENERATED FILE - do not edit by hand; rebuild with:",
        f"#   {command}",
        f"# Built {dt.date.today().isoformat()} from {source}.",
        "# Each line: `word pos` (jieba user dictionary; no freq, so jieba gives each word its suggested frequency).",
        "# The counts behind each entry are in the sidecar TSV of the same name: n12 = times the two parts are",
        "# adjacent, n1/n2 = each part's count, docs = reports holding the pair, dice = 2*n12/(n1+n2), g2 = Dunning's",
        "# log-likelihood, round = 1 for two jieba words, 2+ for a phrase of an earlier round joined with a neighbour.",
        f"# {len(table)} entries, sorted by g2.",
        "",
    ]
    lines = [f"{p} {t}" for p, t in zip(table["phrase"], table["tag"])]
    path.write_text("\n".join(header + lines) + "\n", encoding="utf-8")
    sidecar = path.with_suffix(".tsv")
    table.round({"dice": 4, "g2": 2}).to_csv(sidecar, sep="\t", index=False)
    return path


def _main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m zhspeech.tokens.phrases", description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", default=str(CORPUS_DIR), help="folder of YEAR…txt reports")
    parser.add_argument("--until", type=int, default=None, help="last year to learn from (inclusive)")
    parser.add_argument("--out", default=str(config.GENRE_LEXICON_PATH), help="lexicon file to write")
    args = parser.parse_args(argv)
    texts = read_corpus(args.corpus, until=args.until)
    table = phrase_table(texts)
    years = sorted(name[:4] for name in texts)
    source = f"{len(texts)} reports {years[0]}–{years[-1]} in {Path(args.corpus).name}/" if years else "no reports"
    command = "python -m zhspeech.tokens.phrases" + (f" --until {args.until}" if args.until else "")
    if Path(args.out).resolve() != config.GENRE_LEXICON_PATH.resolve():
        out = Path(args.out).resolve()
        command += f" --out {out.relative_to(config.PROJ_ROOT) if out.is_relative_to(config.PROJ_ROOT) else out}"
    write_lexicon(table, args.out, command=command, source=source)
    print(f"{len(table)} phrases → {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(_main())
