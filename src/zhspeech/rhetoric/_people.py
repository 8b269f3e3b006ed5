"""People in a speech's tokens — titles, historical figures, the person rule that entities and quotations share —
and the traditional→simplified folding that lets one list of names serve texts in either script."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from .. import config
from .._checks import HAN_CLASS
from ..text.script import simplified_char

#: Titles and forms of address that stand next to a person's name (习近平主席, 国务院总理李强, 江泽民同志),
#: in simplified characters (a traditional token is folded before it is looked up).
TITLES = frozenset(
    "总书记 书记 国家主席 主席 副主席 总理 副总理 委员长 副委员长 部长 副部长 外长 外交部长 省长 副省长 市长 副市长 "
    "秘书长 副秘书长 主任 副主任 院长 会长 理事长 局长 大使 特使 发言人 总统 副总统 首相 国王 女王 亲王 元帅 将军 "
    "同志 先生 女士 教授 院士 董事长 总裁 总经理 首席执行官 司令员 政委".split()
)
_NAME = re.compile(rf"[{HAN_CLASS}]{{2,4}}")
_TITLES_LONGEST = sorted(TITLES, key=len, reverse=True)
_FOREIGN = re.compile(rf"[{HAN_CLASS}]{{2,8}}")  # transliterations run longer: 艾森豪威尔
_NUMERALS = frozenset("一二两三四五六七八九十百千万")
_NAME_TAGS = ("nr", "ns")  # jieba tags 普京, 里根, 安南 ns: next to a title and not a known place, they are people


def fold(word: str) -> str:
    """``word`` in simplified characters, one character for one (台灣 → 台湾, 習近平 → 习近平); a simplified word
    comes back unchanged. Character by character, so offsets and lengths stay those of the text."""
    if word.isascii():
        return word
    return "".join(simplified_char(ch) for ch in word)


def read_names(path: Path) -> frozenset[str]:
    """The names in a name list: one a line, ``#`` comments and blank lines skipped."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(s for line in lines if (s := line.strip()) and not s.startswith("#"))


@lru_cache(maxsize=1)
def historical_figures() -> frozenset[str]:
    """Names the genre cites without a title (马克思, 毛泽东 …): ``data/entities/historical_figures.txt``."""
    return read_names(config.ENTITIES_DIR / "historical_figures.txt")


def _name_like(word: str, tag: str) -> bool:
    """A token that may be a person's name when a title stands next to it."""
    if not tag.startswith(_NAME_TAGS) or any(ch in _NUMERALS for ch in word) or (tag == "ns" and word[-1] == "国"):
        return False  # 两国总理, 波两国总理: countries, not people
    return bool((_FOREIGN if tag == "nrt" else _NAME).fullmatch(word))


def _stem(word: str) -> str | None:
    """The name before a title in one token (毛泽东主席 → 毛泽东, 周总理 → 周); None without a title."""
    for title in _TITLES_LONGEST:
        if word.endswith(title) and len(word) > len(title):
            return word[: -len(title)]
    return None


def person_flags(
    folded: Sequence[str], tags: Sequence[str], lexicon: dict[str, str], not_names: set[str]
) -> list[bool]:
    """Which tokens name a person, by the rule ``entities`` documents.

    ``folded`` are the tokens in simplified characters, ``tags`` their POS tags, ``lexicon`` the tags the project
    and user lexicons give, ``not_names`` tokens known to be places or organizations. A name found once with a
    title counts at each of its mentions, and a token that joins a name and a title (毛泽东主席, 江泽民同志, and
    周总理, 毛主席 with a one-character surname) names that person.
    """
    from ..tokens._fastcut import dictionary_tags

    titled = [w in TITLES for w in folded]
    for i in range(len(folded) - 2, -1, -1):  # 叶剑英 副 主席: a title with 副/代 cut off is still one
        titled[i] = titled[i] or (folded[i] in ("副", "代") and titled[i + 1])
    names: set[str] = set()
    last = len(folded) - 1
    for i, (word, tag) in enumerate(zip(folded, tags)):
        if word in names or word in not_names or titled[i]:
            continue
        if word in historical_figures() or lexicon.get(word, "").startswith("nr"):
            names.add(word)
        elif _name_like(word, tag) and ((i > 0 and titled[i - 1]) or (i < last and titled[i + 1])):
            names.add(word)
    dictionary = dictionary_tags()
    for word in set(folded) - names - not_names - TITLES:
        stem = _stem(word)
        if not stem:
            continue
        tag = dictionary.get(stem, "")
        if stem in names or (tag == "nr" if len(stem) == 1 else tag.startswith("nr") and len(stem) <= 4):
            names.add(word)
    return [w in names for w in folded]
