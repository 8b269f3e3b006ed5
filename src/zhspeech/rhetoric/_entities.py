"""Named entities: people, places and organizations, read from the POS tags of ``speech.tokens`` and the lexicon."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from ._common import SentenceIndex, frame_table, lexicon_tags, person_flags

COLUMNS = ["entity", "text", "kind", "count", "first_sentence", "start", "end"]
MENTION_COLUMNS = ["entity", "text", "kind", "mention", "sentence", "start", "end"]
_PLACE_SUFFIX = tuple("省市县区州镇乡村岛湾港江河湖海山峡岭縣區鎮鄉灣嶺")
_LOCATIVE_BEFORE = frozenset(
    "在 于 於 赴 到 来自 來自 位于 位於 访问 訪問 抵达 抵達 前往 途经 起点 起點 会址 會址 首都 落户".split()
)
_LOCATIVE_AFTER = frozenset("举办 舉辦 举行 舉行 召开 召開 峰会 峰會".split())


@lru_cache(maxsize=1)
def territory_names() -> frozenset[str]:
    """Chinese names (simplified and traditional) of countries, territories and continents from the Unicode CLDR."""
    from babel import Locale

    names: set[str] = set()
    for locale in ("zh", "zh_Hant"):
        for code, name in Locale.parse(locale).territories.items():
            if code not in ("001", "ZZ", "EU", "EZ", "UN", "QO"):  # the world, unknown, and organizations
                names.add(name)
    return frozenset(names)


def _kind(word: str, tag: str, prev: str, nxt: str, lexicon: dict[str, str], person: bool) -> str | None:
    lex = lexicon.get(word, "")[:2]
    if tag.startswith("nt"):
        return "organization"
    if tag.startswith("nr"):
        return "person" if person else None
    if tag.startswith("ns"):
        ok = (
            lex == "ns"
            or word in territory_names()
            or word.endswith(_PLACE_SUFFIX)
            or prev in _LOCATIVE_BEFORE
            or nxt in _LOCATIVE_AFTER
        )
        return "place" if ok else None
    return None


def entity_mentions(speech) -> pd.DataFrame:
    """One row per name in a body sentence: entity id, text, kind, mention number, sentence, start, end."""
    index = SentenceIndex(speech)
    tokens = speech.tokens
    words = tokens["token"].astype(str).tolist()
    tags = tokens["pos"].astype(str).tolist()
    starts, ends = tokens["start"].to_numpy(dtype=np.int64), tokens["end"].to_numpy(dtype=np.int64)
    lexicon = lexicon_tags(speech)
    persons = person_flags(words, tags, lexicon)
    rows: list[dict] = []
    for i, (word, tag) in enumerate(zip(words, tags)):
        if tag[:2] not in ("nr", "ns", "nt") or len(word) < 2 or (tag[:2] != "nt" and i and tags[i - 1] == "m"):
            continue
        prev = words[i - 1] if i else ""
        nxt = words[i + 1] if i + 1 < len(words) else ""
        kind = _kind(word, tag, prev, nxt, lexicon, persons[i])
        sentence = index.sentence(int(starts[i]))
        if kind and sentence:
            rows.append(dict(text=word, kind=kind, sentence=sentence, start=int(starts[i]), end=int(ends[i])))
    if not rows:
        return frame_table([], MENTION_COLUMNS)
    df = frame_table(rows, ["text", "kind", "sentence", "start", "end"]).sort_values("start", kind="stable")
    # one kind per name: the kind it gets most often (ties: organization, then person, then place)
    kind = df.groupby("text", sort=False)["kind"].agg(lambda k: k.value_counts().sort_index().idxmax())
    df["kind"] = df["text"].map(kind)
    order = {t: i for i, t in enumerate(dict.fromkeys(df["text"]), start=1)}
    df.insert(0, "entity", df["text"].map(order).astype("int64"))
    df["mention"] = (df.groupby("entity").cumcount() + 1).astype("int64")
    return df[MENTION_COLUMNS].reset_index(drop=True)


def entities(speech, *, mentions: bool = False) -> pd.DataFrame:
    """People, places and organizations named in the speech, with counts.

    One row per name, most frequent first (then first mention): ``entity`` (id in order of first mention),
    ``text``, ``kind`` (person | place | organization), ``count``, ``first_sentence``, ``start``/``end`` of the first
    mention. ``mentions=True`` gives one row per mention instead.

    jieba tags person names nr/nrfg/nrt, places ns and organizations nt; the project lexicon (``data/lexicon``, and
    any lexicon given to ``zhspeech.load``) tags the names jieba does not know or splits — 世界互联网大会, 二十国集团,
    亚太经合组织, 金砖国家, 上合组织 (nt), 乌镇, 尼山 (ns) — so they come out whole and tagged.

    jieba's dictionary also tags many common words as names (文明, 智慧, 高峰 nr; 普及, 嘉宾, 伦理 ns), so a tag
    alone is not trusted:

    * **organization** — every nt token;
    * **person** — nrfg (full names such as 习近平) and nrt (transliterations); nr only next to a title word
      (主席, 总理, 秘书长 …) or when the lexicon tags the word nr;
    * **place** — ns only when the lexicon tags it so, when it is the Chinese name of a country, territory or
      continent in the Unicode CLDR (via Babel: 西班牙, 中国, 亚洲), when it ends in an administrative or geographic
      suffix (省 市 县 区 州 镇 乡 村 岛 湾 港 江 河 湖 海 山 峡 岭), or when a locative word sits next to it
      (在/于/赴/来自/起点/会址 … before it, 举办/举行/召开/峰会 after it: 起点西安, 乌镇峰会).

    A person or place token right after a number is a counted common noun (6大洲, 三个维度), not a name (an
    organization may follow an ordinal: 第二届世界互联网大会); one-character tokens are never names. What remains
    is for a reader to check, not to trust blindly: the tagger still errs.
    """
    long = entity_mentions(speech)
    if mentions or long.empty:
        return long if mentions else frame_table([], COLUMNS)
    g = long.groupby("entity", sort=True)
    first = g.head(1).set_index("entity")
    out = pd.DataFrame(
        {
            "entity": first.index,
            "text": first["text"].to_numpy(),
            "kind": first["kind"].to_numpy(),
            "count": g.size().to_numpy(),
            "first_sentence": first["sentence"].to_numpy(),
            "start": first["start"].to_numpy(),
            "end": first["end"].to_numpy(),
        }
    )
    return out.sort_values(["count", "entity"], ascending=[False, True], kind="stable").reset_index(drop=True)
