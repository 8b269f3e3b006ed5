"""The lexicon: which strings the tokenizer keeps whole, and why.

Three layers, applied in this order: lexicon files (:func:`read_lexicon`), terms the text marks
(:func:`marked_terms`) and multiword terms (:func:`multiword_pairs`). ``zhspeech.tokenize`` describes each;
``data/lexicon/README.md`` documents them in full.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np
import pandas as pd

from .. import config
from ..errors import LexiconError

LexiconArg = str | Path | Sequence[str | Path] | None

#: Characters jieba can join into one token (its ``re_han_default``); a term with any other character cannot be
#: a single token, whatever the dictionary says.
JOINABLE = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+")
#: The Han characters jieba joins into words (its ``re_han_default`` range, narrower than ``_checks.HAN``).
JIEBA_HAN = re.compile(r"[\u4E00-\u9FD5]")

#: jieba's part-of-speech tags (ICTCLAS), as found in its dictionary, plus ``eng`` and ``x``.
POS_TAGS: frozenset[str] = frozenset(
    "a ad ag an b c d df dg e eng f g h i j k l m mg mq n ng nr nrfg nrt ns nt nz o p q r rg rr rz s t tg u ud ug "
    "uj ul uv uz v vd vg vi vn vq x y z zg".split()
)

#: Tag given to lexicon entries that have none (posseg would say ``x``, "unknown", for a word it has no tag for).
DEFAULT_TAG = "nz"


@dataclass(frozen=True)
class Entry:
    """One lexicon line."""

    word: str
    freq: int | None
    tag: str | None
    file: str
    line: int


# --------------------------------------------------------------------------------------------- lexicon files


def lexicon_paths(lexicon: LexiconArg = None, *, project: bool = True, genre: bool = False) -> tuple[Path, ...]:
    """The lexicon files to load, in order: the project lexicon (if ``project``), the genre lexicon learned from
    the work reports (``config.GENRE_LEXICON_PATH``, if ``genre``: opt-in for now, see data/lexicon/README.md),
    then the user's file(s)."""
    if lexicon is None:
        user: list[str | Path] = []
    elif isinstance(lexicon, (str, Path)):
        user = [lexicon]
    else:
        user = list(lexicon)
    for item in user:
        if not isinstance(item, (str, Path)):
            raise LexiconError(f"lexicon must be a path or a list of paths, got {item!r}")
    paths = [config.LEXICON_PATH] if project else []
    if genre:
        paths.append(config.GENRE_LEXICON_PATH)
    return tuple(Path(p) for p in (*paths, *user))


def _parse_line(line: str, where: str) -> tuple[str, int | None, str | None]:
    fields = line.split()
    if len(fields) > 3:
        raise LexiconError(f"{where}: expected `word [freq] [pos]`, got {len(fields)} fields: {line!r}")
    word, freq, tag = fields[0], None, None
    for field in fields[1:]:
        if field.isascii() and field.isdigit() and freq is None and tag is None:
            freq = int(field)
        elif field.isascii() and field.isalpha() and tag is None:
            tag = field
        else:
            raise LexiconError(
                f"{where}: expected `word [freq] [pos]` (freq a whole number, pos a tag such as nz), got {line!r}"
            )
    if freq == 0:
        raise LexiconError(f"{where}: freq must be at least 1 (0 would make jieba split {word!r}): {line!r}")
    if tag is not None and tag not in POS_TAGS:
        raise LexiconError(
            f"{where}: unknown POS tag {tag!r} in {line!r}; use a jieba/ICTCLAS tag such as nz, nt, ns, nr, n, v, l"
        )
    if not JOINABLE.fullmatch(word):
        bad = next(ch for ch in word if not JOINABLE.fullmatch(ch))
        raise LexiconError(
            f"{where}: {word!r} can never be one token: jieba always splits at {bad!r} (only Han "
            f"characters, Latin letters, digits and + # & . _ % - join)"
        )
    return word, freq, tag


def read_utf8(path: Path, what: str) -> str:
    """The text of a UTF-8 data file (a BOM is allowed); LexiconError naming the file (and line) otherwise."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise LexiconError(f"cannot read {what} {path}: {exc.strerror or exc}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise LexiconError(f"{path}, line {line}: {what} files must be UTF-8") from None


def read_lexicon(path: str | Path) -> list[Entry]:
    """Entries of one lexicon file (UTF-8, ``word [freq] [pos]`` a line; empty lines and ``#`` comments skipped)."""
    path = Path(path)
    text = read_utf8(path, "lexicon")
    entries = []
    for lineno, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        word, freq, tag = _parse_line(line, f"{path}, line {lineno}")
        entries.append(Entry(word, freq, tag, str(path), lineno))
    return entries


def load_lexicon(lexicon: LexiconArg = None, *, project: bool = True) -> pd.DataFrame:
    """The lexicon entries the tokenizer loads, in load order (later entries win).

    Returns one row per entry: ``word``, ``freq`` (empty = jieba's suggested frequency), ``tag``, ``file``, ``line``.
    """
    rows = [e for path in lexicon_paths(lexicon, project=project) for e in read_lexicon(path)]
    table = pd.DataFrame([vars(e) for e in rows], columns=["word", "freq", "tag", "file", "line"])
    return table.astype({"freq": "Int64", "line": "int32"})


# --------------------------------------------------------------------------------------- terms the text marks


class _Cutter(Protocol):  # what marked_terms needs from a tokenizer
    lexicon: dict[str, str]

    def cut(self, text: str) -> list[str]: ...
    def tag(self, word: str) -> str: ...
    def known(self, word: str) -> bool: ...


_QUOTED = re.compile(r"“([^“”\n]{2,10})”|「([^「」\n]{2,10})」|『([^『』\n]{2,10})』")
_TITLE = re.compile(r"《([^《》\n]{1,40})》")
_NUMERAL = r"(?:[二三四五六七八九两]|十[一二三四五六七八九]?|[二三四五六七八九]十[一二三四五六七八九]?)"
_FORMULA = re.compile(r"[二三四五六七八九两十][一二三四五六七八九十]{0,2}[个项点条大种]")  # then checked: _NUMERAL
_NUMERAL_RE = re.compile(_NUMERAL)
_NUMERAL_CHARS = frozenset("一二三四五六七八九十两百千万零〇0123456789")
_ORG_SUFFIX = re.compile(
    r"组织|大会|委员会|论坛|峰会|联盟|协会|理事会|基金会|研究院|办公室|博览会|银行|集团|联合会|秘书处"
)
_BREAK = re.compile(r"[^\u4E00-\u9FD5a-zA-Z0-9]")

#: Heads that make "numeral + measure word + head" a formula even when it occurs once and unquoted.
FORMULA_HEADS = frozenset(
    "原则 主张 倡导 倡议 意识 自信 维护 确立 务必 坚持 全面 代表 规定 结合 理念 布局 基本点 攻坚战 统筹 必须 "
    "支柱 重点 目标 任务 举措 方针 机制 战略 伟大 关系 大局 行动 共识".split()
)
#: Generic heads: "三个维度", "两个方面" are counts of things, not formulas.
GENERIC_HEADS = frozenset(
    "方面 国家 地区 部分 阶段 层面 维度 领域 环节 问题 月份 小时 年代 世纪 百分点 城市 省份 单位 企业 项目 成员 人员 "
    "方向 角度 步骤 时期 季度 案例 批次".split()
)
_NAME_TAGS = frozenset("n nz nt ns nr nrt nrfg j vn an b eng ng l".split())
_PROPER_TAGS = frozenset("nz nt ns nr nrt nrfg j eng".split())
_SOURCES = ("quoted", "title", "formula", "organization", "multiword")


@dataclass
class Term:
    term: str
    source: str
    count: int
    added: bool
    tag: str
    note: str = ""


def _inner_concept(term: str, lexicon: dict[str, str]) -> str | None:
    """A lexicon concept (tag nz, 4+ characters) properly inside ``term``: a slogan or title that, kept whole,
    would hide the concept (“构建人类命运共同体” would swallow 人类命运共同体)."""
    n = len(term)
    for size in range(n - 1, 3, -1):
        for i in range(n - size + 1):
            if lexicon.get(term[i : i + size]) == "nz":
                return term[i : i + size]
    return None


def _judge(tok: _Cutter, term: Term, *, inner_ok: bool = False) -> Term:
    """Whether a candidate goes into the dictionary (``term.added``), and if not, why (``term.note``).

    ``count`` starts as the times the text marks the candidate; for a term that is (or becomes) a word, the
    tokenizer replaces it by the number of its tokens."""
    word = term.term
    if not JOINABLE.fullmatch(word) or not JIEBA_HAN.search(word):
        term.added, term.note = False, "punctuation or symbols inside: cannot be one token"
    elif tok.known(word):
        term.added, term.tag, term.note = False, tok.tag(word), "already a word"
    elif not inner_ok and (inner := _inner_concept(word, tok.lexicon)):
        term.added, term.note = False, f"contains the lexicon term {inner}; kept apart"
    return term


def _quoted_terms(text: str, tok: _Cutter) -> list[Term]:
    found = Counter(m.group(1) or m.group(2) or m.group(3) for m in _QUOTED.finditer(text))
    terms = []
    for term, marked in found.items():
        if not JOINABLE.fullmatch(term) or not JIEBA_HAN.search(term) or "的" in term or "了" in term:
            continue  # a phrase or a quotation (or a Latin word jieba keeps whole anyway), not a term
        terms.append(_judge(tok, Term(term, "quoted", marked, True, "nz", "quoted in the text")))
    return terms


def _title_terms(text: str, tok: _Cutter) -> list[Term]:
    terms = []
    for title, marked in Counter(m.group(1) for m in _TITLE.finditer(text)).items():
        if len(title) > 20 and JOINABLE.fullmatch(title):
            terms.append(Term(title, "title", marked, False, "nz", "longer than 20 characters"))
        else:
            terms.append(_judge(tok, Term(title, "title", marked, True, "nz", "《》 title")))
    return terms


def _formula_terms(text: str, tok: _Cutter) -> list[Term]:
    seen: dict[str, Term | None] = {}
    windows: set[str] = set()
    for m in _FORMULA.finditer(text):
        if m.start() and text[m.start() - 1] in _NUMERAL_CHARS or not _NUMERAL_RE.fullmatch(m.group()[:-1]):
            continue  # part of a larger number (一百二十个), or not a numeral (十二十个)
        window = _BREAK.split(text[m.start() : m.start() + 12], 1)[0]
        if window in windows:
            continue
        windows.add(window)
        first = tok.cut(window)[0] if window else ""
        if len(first) > len(m.group()):  # the numeral starts a longer word: 四项基本原则, 五位一体
            term, head = first, first[len(m.group()) :]
        else:
            rest = tok.cut(window[len(m.group()) :])
            head = rest[0] if rest else ""
            term = m.group() + head
        if term in seen or not (2 <= len(head) <= 4) or not JIEBA_HAN.fullmatch(head[0]) or head in GENERIC_HEADS:
            continue
        seen[term] = None
        if tok.tag(head)[:1] not in ("n", "v", "a", "l", "i", "j") and not tok.known(term):
            continue
        count = text.count(term)
        quoted = any(f"{q}{term}{e}" in text for q, e in ("“”", "「」", "『』"))
        reason = (
            "quoted"
            if quoted
            else f"{count} occurrences"
            if count >= 2
            else f"formula head {head}"
            if head in FORMULA_HEADS
            else ""
        )
        if reason or tok.known(term):
            seen[term] = _judge(tok, Term(term, "formula", count, True, "nz", f"numbered formula ({reason})"))
    return [t for t in seen.values() if t is not None]


def _org_name(window: str, suffix: str, tok: _Cutter) -> tuple[str, str] | None:
    """The organization name ending ``window`` (text up to ``suffix``), and its head token; or None."""
    words = tok.cut(window)
    if len(words) < 2 or not words[-1].endswith(suffix) or words[-1] in tok.lexicon:
        return None  # the suffix is inside another word, or the head is already a complete name (乌镇峰会)
    name = [words[-1]]
    for word in reversed(words[1:-1] if len(window) >= 16 else words[:-1]):  # a 16-char window may cut a word
        if tok.tag(word) not in _NAME_TAGS or not JOINABLE.fullmatch(word):
            break
        name.insert(0, word)
    modifiers = name[:-1]
    if not any(tok.tag(w) in _PROPER_TAGS or w in tok.lexicon for w in modifiers):
        return None  # 行业组织, 大会国际组织: a kind of organization, not a name
    return "".join(name), words[-1]


def _organization_terms(text: str, tok: _Cutter) -> list[Term]:
    seen: dict[str, Term] = {}
    windows = Counter(
        (_BREAK.split(text[max(0, m.end() - 16) : m.end()])[-1], m.group()) for m in _ORG_SUFFIX.finditer(text)
    )
    for (window, suffix), marked in windows.items():
        found = _org_name(window, suffix, tok) if len(window) > len(suffix) else None
        if found is None or found[0] in seen or len(found[0]) > 16:
            continue
        name, head = found
        tag = "nz" if head.endswith(("峰会", "博览会")) else "nt"
        seen[name] = _judge(tok, Term(name, "organization", marked, True, tag, f"name ending in {head}"), inner_ok=True)
    return list(seen.values())


def marked_terms(text: str, tok: _Cutter) -> list[Term]:
    """Terms the text itself marks: quoted terms, 《》 titles, numbered formulas, organization names.

    Each found candidate is reported; ``added`` says whether it goes into the dictionary for this text (a
    candidate already a word, or one that would swallow a lexicon concept, is reported but not added).
    """
    terms: dict[str, Term] = {}
    for find in (_quoted_terms, _title_terms, _formula_terms, _organization_terms):
        for term in find(text, tok):
            terms.setdefault(term.term, term)
    return list(terms.values())


# ----------------------------------------------------------------------------------------- multiword terms

_FIRST_TAGS = frozenset("n nz nt ns nr nrt vn an j b eng ng".split())
_LAST_TAGS = frozenset("n nz nt ns nr vn an j eng ng".split())


@dataclass(frozen=True)
class MultiwordRule:
    """When adjacent words count as one multiword term (see data/lexicon/README.md)."""

    min_count: int = 3  # the pair occurs at least this often
    min_dice: float = 0.25  # Dice = 2·n12 / (n1 + n2): the pair is a large share of both words' uses
    max_chars: int = 8  # the merged term is at most this long
    rounds: int = 2  # merge rounds (round 2 can join a merged pair with a neighbour: three or four words)


def candidate_words(
    vocab: Sequence[str], tags: Sequence[str], stop: np.ndarray, protected: set[str]
) -> tuple[np.ndarray, np.ndarray]:
    """Which vocabulary entries may open (first) or close (last) a multiword term.

    Content words of two or more Han characters (or Latin words), not stopwords, not ``protected`` (lexicon and text
    terms, and the policy words of the stopword keep-list, which are counted on their own), nominal (nouns, verbal
    nouns, proper nouns; a non-predicate adjective may open).
    """
    ok = (
        np.array(
            [
                (
                    len(w) >= 2
                    and (JIEBA_HAN.fullmatch(w[0]) is not None or t == "eng")
                    and JOINABLE.fullmatch(w) is not None
                    and w not in protected
                )
                for w, t in zip(vocab, tags)
            ],
            dtype=bool,
        )
        & ~stop
    )
    first = ok & np.array([t in _FIRST_TAGS for t in tags], dtype=bool)
    last = ok & np.array([t in _LAST_TAGS for t in tags], dtype=bool)
    return first, last


def candidate_positions(
    codes: np.ndarray, joined: np.ndarray, first: np.ndarray, last: np.ndarray, lengths: np.ndarray, rule: MultiwordRule
) -> np.ndarray:
    """Positions i where token i and i+1 could form a multiword term (they touch within a sentence, the first
    may open and the second close a term, and together they are short enough)."""
    if len(codes) < 2:
        return np.zeros(0, dtype=np.int64)
    a, b = codes[:-1], codes[1:]
    return np.flatnonzero(joined[:-1] & first[a] & last[b] & (lengths[a] + lengths[b] <= rule.max_chars))


def pair_table(codes: np.ndarray, positions: np.ndarray, size: int, rule: MultiwordRule) -> pd.DataFrame:
    """The pairs at ``positions`` that pass ``rule``: ``a``, ``b`` (codes), ``n12``, ``n1``, ``n2``, ``dice``."""
    if len(positions) == 0:
        return pd.DataFrame(columns=["a", "b", "n12", "n1", "n2", "dice"])
    counts = np.bincount(codes, minlength=size)
    keys, n12 = np.unique(codes[positions].astype(np.int64) * size + codes[positions + 1], return_counts=True)
    a, b = keys // size, keys % size
    pairs = pd.DataFrame({"a": a, "b": b, "n12": n12, "n1": counts[a], "n2": counts[b]})
    pairs["dice"] = 2 * pairs["n12"] / (pairs["n1"] + pairs["n2"])
    pairs = pairs[(pairs["n12"] >= rule.min_count) & (pairs["dice"] >= rule.min_dice)]
    return pairs.sort_values(["n12", "a", "b"], ascending=[False, True, True], kind="mergesort", ignore_index=True)


def multiword_pairs(
    codes: np.ndarray, joined: np.ndarray, first: np.ndarray, last: np.ndarray, lengths: np.ndarray, rule: MultiwordRule
) -> pd.DataFrame:
    """Adjacent word pairs that recur as a unit.

    ``codes`` are vocabulary codes in text order; ``joined[i]`` says token i and i+1 touch within one sentence;
    ``first``/``last`` say which vocabulary entries may open/close a term (:func:`candidate_words`). Returns the
    selected pairs: ``a``, ``b`` (codes), ``n12``, ``n1``, ``n2``, ``dice``, sorted by n12 descending.
    """
    positions = candidate_positions(codes, joined, first, last, lengths, rule)
    return pair_table(codes, positions, len(first), rule)
