"""The lexicon: which strings the tokenizer keeps whole, and why.

Three layers, applied in this order: lexicon files (:func:`read_lexicon`), terms the text marks
(:func:`marked_terms`) and multiword terms (:func:`multiword_chains`). ``zhspeech.tokenize`` describes each;
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

#: Tags of the words a multiword term may open with (nouns, proper nouns, verbal and adjectival nouns,
#: abbreviations, non-predicate adjectives), close with (a nominal head; ``l`` fixed expressions such as 体制改革)
#: and hold inside (both, plus an adjective directly before a noun: 粮食 最低 收购价).
_FIRST_TAGS = frozenset("n nz nt ns nr nrt vn an j b eng ng".split())
_LAST_TAGS = frozenset("n nz nt ns nr vn an eng ng l".split())
_NOUN_TAGS = frozenset("n nz nt ns nr ng j eng l".split())
#: Words of scope that open a phrase without making it a term (全国人民, 广大群众, 整个国民经济, 各级政府).
SCOPE_WORDS = frozenset(
    "全国 全体 整个 广大 各级 各族 各国 我国 本国 一切 所有 各项 各类 各种 有关 相关 一些 许多".split()
)
#: Light heads: nouns that close a description, not a term (就业困难问题, 扶贫开发工作, 支持力度).
LIGHT_HEADS = frozenset("问题 工作 方面 情况 力度 程度 作用 意义 过程 水平 条件".split())
#: Forms of address after a name (胡锦涛同志): a person named, not a term.
ADDRESS_WORDS = frozenset("同志 先生 女士 主席 总理 总书记 委员长 书记 部长".split())
#: Directional complements: 结合 + 起来 is a verb and its complement, not a compound.
COMPLEMENTS = frozenset("起来 下去 出来 进来 上来 下来 过来 回来 出去 进去 过去".split())
#: Words that never extend a term, so never make a fragment of the words next to them.
_NOT_NEIGHBOURS = SCOPE_WORDS | LIGHT_HEADS | ADDRESS_WORDS
#: Aspect particles: a word sequence followed by one is a predicate (科学总结了…), not a term.
ASPECT_MARKS = frozenset("了 着".split())


@dataclass(frozen=True)
class MultiwordRule:
    """When adjacent words count as one multiword term (see data/lexicon/README.md).

    ``min_count``, ``min_dice`` and ``max_chars`` are also the pair rule of :func:`multiword_pairs`."""

    min_count: int = 3  # a pair occurs at least this often (or twice when one word never occurs without the other)
    min_dice: float = 0.25  # multiword_pairs: Dice = 2·n12 / (n1 + n2), the pair is a large share of both words' uses
    max_chars: int = 8  # a joined pair is at most this long
    min_share: float = 0.5  # at every inner boundary the term is at least this share of one side's uses
    min_chain_count: int = 2  # a chain of three or more words occurs at least this often
    max_words: int = 5  # a term joins at most this many words
    max_chain_chars: int = 10  # ... and is at most this long
    max_neighbour: float = 0.75  # one word next to this share of the occurrences: a fragment of a longer unit
    verb_dice: float = 0.6  # two two-character verbs used mostly together (节能 减排) form one compound
    rounds: int = 1  # the chain step joins in one pass (the pipeline's round loop then stops)


@dataclass(frozen=True)
class ChainWords:
    """What each vocabulary entry may be in a multiword term: boolean arrays by code (see :func:`chain_words`)."""

    first: np.ndarray  # may open a term
    last: np.ndarray  # may close one
    inner: np.ndarray  # may stand inside one
    verb: np.ndarray  # a verb or verbal noun (v, vn): opens a term only when mostly used in it
    compound_verb: np.ndarray  # a two-character verb: a part of a two-verb compound (节能 减排)
    adjective: np.ndarray  # an adjective: inside a term only directly before a noun
    noun: np.ndarray  # a noun (what an adjective inside a term must precede)
    neighbour: np.ndarray  # a content word whose recurrence next to a term marks the term as a fragment
    nominal: np.ndarray  # a nominal word: a left neighbour counts only when nominal (or bound to the term)
    aspect: np.ndarray  # an aspect particle (了, 着)
    lengths: np.ndarray  # characters


#: Flags of the words seen so far (they depend on the word and the keep-list only), by keep-list.
_FLAGS: dict[frozenset[str], dict[str, tuple[bool, ...]]] = {}


def _word_flags(vocab: Sequence[str], protected: set[str], keep: frozenset[str]) -> np.ndarray:
    """Per word: [Han first character, may be a part (joinable, not protected), opens badly, closes badly,
    never a neighbour, two characters and not a complement, an aspect particle]."""
    cache = _FLAGS.setdefault(keep, {})
    if len(cache) > 200_000:
        cache.clear()
    missing = [w for w in set(vocab) if w not in cache]
    if missing:
        policy = {k for k in keep if len(k) > 1}
        sizes = sorted({len(k) for k in policy})
        for w in missing:
            cache[w] = (
                JIEBA_HAN.fullmatch(w[:1]) is not None,
                JOINABLE.fullmatch(w) is not None,
                w in SCOPE_WORDS or any(w[:n] in policy for n in sizes),
                w in LIGHT_HEADS or w in ADDRESS_WORDS or any(w[-n:] in policy for n in sizes),
                w in keep or w in _NOT_NEIGHBOURS,
                len(w) == 2 and w not in COMPLEMENTS,
                w in ASPECT_MARKS,
            )
    flags = np.array([cache[w] for w in vocab], dtype=bool).reshape(len(vocab), 7)
    flags[:, 1] &= np.array([w not in protected for w in vocab], dtype=bool)
    return flags


def chain_words(
    vocab: Sequence[str],
    tags: Sequence[str],
    stop: np.ndarray,
    protected: set[str],
    keep: frozenset[str],
    head_tags: Sequence[str] | None = None,
) -> ChainWords:
    """The roles of each vocabulary entry in a multiword term.

    Parts are content words: two or more Han characters (or a Latin word), not stopwords, not ``protected``
    (lexicon and text terms, and the policy words of the keep-list ``keep``, which are counted on their own). A term
    never opens with a word that starts with a policy word or with a word of scope (:data:`SCOPE_WORDS`), and never
    closes with a word that ends with a policy word, a light head (:data:`LIGHT_HEADS`) or a form of address. A
    fixed expression (``l``) closes one only when its last two characters are a noun or verbal noun of the
    dictionary (``head_tags``: their tag, "" when they are not a word): 体制改革, not 有所改善 or 成本上升.
    """
    han, part, opens_badly, closes_badly, not_neighbour, two, aspect = _word_flags(vocab, protected, keep).T
    tag_codes, tag_names = pd.factorize(pd.Series(tags, dtype=object))

    def tag_in(tagset) -> np.ndarray:
        return np.array([t in tagset for t in tag_names], dtype=bool)[tag_codes] if len(vocab) else part

    lengths = np.array([len(w) for w in vocab], dtype=np.int64)
    long = (lengths >= 2) & ~np.asarray(stop, dtype=bool)
    content = long & part & (han | tag_in({"eng"}))
    if head_tags is not None:
        closes_badly = closes_badly | (tag_in({"l"}) & ~np.isin(np.array(head_tags, dtype=object), ["n", "vn", "nz"]))
    nominal, verb, adjective = tag_in(_FIRST_TAGS | _LAST_TAGS), tag_in({"v", "vn"}), tag_in({"a"})
    return ChainWords(
        first=content & tag_in(_FIRST_TAGS) & ~opens_badly,
        last=content & tag_in(_LAST_TAGS) & ~closes_badly,
        inner=content & (nominal | adjective),
        verb=verb,
        compound_verb=content & verb & two,
        adjective=adjective,
        noun=tag_in(_NOUN_TAGS),
        neighbour=long & han & ~not_neighbour & (nominal | tag_in({"v", "a", "l", "i"})),
        nominal=nominal,
        aspect=aspect,
        lengths=lengths,
    )


def _ngram_counts(codes: np.ndarray, link: np.ndarray, max_words: int) -> dict[tuple[int, ...], np.ndarray]:
    """Every sequence of 2..``max_words`` linked tokens that occurs at least twice, with its start positions.

    ``link[i]``: token i and i+1 may be parts of one term. A sequence of k tokens is numbered from the number of its
    first k-1 tokens and its last code, so no tuple is built for a sequence seen once."""
    n = len(codes)
    if n < 2:
        return {}
    breaks = np.append(np.flatnonzero(~np.asarray(link[: n - 1], dtype=bool)), n - 1)
    run = breaks[np.searchsorted(breaks, np.arange(n - 1))] - np.arange(n - 1)  # links that follow position i
    size = np.int64(int(codes.max()) + 1)
    pos = np.flatnonzero(run >= 1)
    ids = codes[pos].astype(np.int64)
    found: dict[tuple[int, ...], np.ndarray] = {}
    for k in range(2, max_words + 1):
        keep = run[pos] >= k - 1
        pos, ids = pos[keep], ids[keep]
        if not len(pos):
            break
        _, ids, counts = np.unique(ids * size + codes[pos + k - 1], return_inverse=True, return_counts=True)
        ids = ids.ravel().astype(np.int64)
        order = np.argsort(ids, kind="stable")
        ends = np.cumsum(counts)
        for g in np.flatnonzero(counts >= 2).tolist():
            starts = pos[order[ends[g] - counts[g] : ends[g]]]
            found[tuple(codes[starts[0] : starts[0] + k].tolist())] = starts
    return found


def _shape_share(g: tuple[int, ...], n12: int, count, words: ChainWords, rule: MultiwordRule) -> float | None:
    """The cohesion of a word sequence that is a term, else None: the smallest, over its inner boundaries, of the
    larger of n12 / count(part before) and n12 / count(part after) (for a two-verb compound, its Dice).

    A pair seen ``min_count`` times is also a term when its Dice reaches ``min_dice`` (both words are often used
    together: 人民 群众); two two-character verbs when their Dice reaches ``verb_dice`` (节能 减排)."""
    k, first, last = len(g), g[0], g[-1]
    dice = 2 * n12 / (count(g[:1]) + count(g[1:])) if k == 2 else 0.0
    if k == 2 and words.compound_verb[first] and words.compound_verb[last] and n12 >= rule.min_count:
        if dice >= rule.verb_dice:
            return dice
    if not (words.first[first] and words.last[last] and all(words.inner[w] for w in g[1:-1])):
        return None
    if int(words.lengths[list(g)].sum()) > (rule.max_chars if k == 2 else rule.max_chain_chars):
        return None
    share = min(max(n12 / count(g[:j]), n12 / count(g[j:])) for j in range(1, k))
    if k == 2 and n12 >= rule.min_count and dice >= rule.min_dice:
        return share
    if n12 < rule.min_chain_count or any(words.adjective[g[j]] and not words.noun[g[j + 1]] for j in range(1, k - 1)):
        return None  # 经济 稳定 增长: an adjective before a verb makes a predicate
    if words.verb[first] and n12 < rule.min_share * count(g[:1]):
        return None  # 管理 通胀预期: a verb opens a term only when it is mostly used in it
    needed = 1.0 if k == 2 and n12 < rule.min_count else rule.min_share  # a pair seen twice: never apart
    return share if share >= needed else None


def _neighbours(
    k: int, starts: np.ndarray, codes: np.ndarray, touch: np.ndarray, words: ChainWords, counts: np.ndarray
) -> tuple[tuple[int, int], tuple[int, int], bool]:
    """The most frequent word touching a k-word sequence (at ``starts``) on the left and on the right, each as
    (code, times) or (-1, 0): content words only, and on the left only nominal ones or ones mostly used next to it
    (退休 人员基本养老金, not 建立 基本药物制度). Third: whether an aspect particle ever follows it."""
    n12, n = len(starts), len(codes)
    before = starts[starts > 0]
    before = codes[before[touch[before - 1]] - 1]
    before = before[words.neighbour[before] & (words.nominal[before] | (counts[before] <= 2 * n12))]
    ends = starts + k - 1
    ends = ends[ends < n - 1]
    after = codes[ends[touch[ends]] + 1]
    aspect = bool(words.aspect[after].any())
    after = after[words.neighbour[after]]
    top = []
    for found in (before, after):
        values, times = np.unique(found, return_counts=True)
        top.append((int(values[times.argmax()]), int(times.max())) if len(found) else (-1, 0))
    return top[0], top[1], aspect


def multiword_chains(codes: np.ndarray, touch: np.ndarray, words: ChainWords, rule: MultiwordRule) -> pd.DataFrame:
    """Sequences of adjacent words that recur as a unit in a text: its multiword terms, longest first.

    ``codes``: vocabulary codes in text order; ``touch[i]``: token i and i+1 touch within one sentence; ``words``:
    what each word may be in a term (:func:`chain_words`). A sequence of 2..``rule.max_words`` words is a term when
    it is shaped like one (it opens and closes with the right words), recurs (a pair ``min_count`` times, or twice
    when one of its words never occurs without the other; a longer chain ``min_chain_count`` times), holds together
    (at each inner boundary it is at least ``min_share`` of the uses of the part before or of the part after), is
    never followed by an aspect particle, and is not a fragment: a sequence that one and the same word follows or
    precedes in ``max_neighbour`` of its occurrences is a term only when that longer sequence is one.

    Returns ``parts`` (tuple of codes), ``n12`` (times the sequence occurs), ``share`` (its cohesion; a two-verb
    compound's Dice) and ``starts`` (positions of its first word), sorted longest first (words, characters), then
    by ``n12``.
    """
    counts = np.bincount(codes, minlength=len(words.lengths)) if len(codes) else np.zeros(0, dtype=np.int64)
    link = np.zeros(len(codes), dtype=bool)
    if len(codes) > 1:
        linkable = words.inner | words.compound_verb
        link[:-1] = touch[:-1] & linkable[codes[:-1]] & linkable[codes[1:]]
    grams = _ngram_counts(codes, link, rule.max_words)

    def count(g: tuple[int, ...]) -> int:
        return int(counts[g[0]]) if len(g) == 1 else len(grams[g])

    opens = (words.first | words.compound_verb).tolist()
    closes = (words.last | words.compound_verb).tolist()
    terms, fragments = {}, {}
    for g, starts in grams.items():
        if not (opens[g[0]] and closes[g[-1]]):
            continue
        share = _shape_share(g, len(starts), count, words, rule)
        if share is None:
            continue
        before, after, aspect = _neighbours(len(g), starts, codes, touch, words, counts)
        if aspect:
            continue
        longer = [(w, *g) for w, times in (before,) if times >= rule.max_neighbour * len(starts)]
        longer += [(*g, w) for w, times in (after,) if times >= rule.max_neighbour * len(starts)]
        (fragments if longer else terms)[g] = (share, starts, longer)
    terms.update({g: v for g, v in fragments.items() if all(h in terms for h in v[2])})
    lengths = words.lengths.tolist()
    rows = sorted(
        ((g, len(v[1]), v[0], v[1]) for g, v in terms.items()),
        key=lambda r: (-len(r[0]), -sum(lengths[w] for w in r[0]), -r[1], r[0]),
    )
    return pd.DataFrame(rows, columns=["parts", "n12", "share", "starts"])


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
    """Adjacent word pairs whose Dice coefficient passes ``rule`` (``min_count``, ``min_dice``, ``max_chars``): the
    pair half of the multiword rule, with its counts (:func:`multiword_chains` applies it to two-word terms next
    to its share rule).

    ``codes`` are vocabulary codes in text order; ``joined[i]`` says token i and i+1 touch within one sentence;
    ``first``/``last`` say which vocabulary entries may open/close a term (as :func:`chain_words` gives them).
    Returns the selected pairs: ``a``, ``b`` (codes), ``n12``, ``n1``, ``n2``, ``dice``, sorted by n12 descending.
    """
    positions = candidate_positions(codes, joined, first, last, lengths, rule)
    return pair_table(codes, positions, len(first), rule)
