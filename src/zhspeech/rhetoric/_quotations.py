"""Quotations: direct speech with its speaker and reporting verb, told apart from quoted terms, slogans and names."""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import pandas as pd

from ._common import SentenceIndex, frame_table, quote_spans
from ._entities import token_kinds
from ._people import TITLES, fold

_VERB_WORDS = (
    "指出 强调 強調 提出 表示 说道 說道 说 說 宣布 宣佈 声称 聲稱 宣称 宣稱 称 稱 认为 認為 "
    "写道 寫道 谈到 談到 讲到 講到 提到 要求 呼吁 呼籲 重申 坦言 直言 指示 批示 号召 號召 回忆 "
    "回憶 介绍 介紹 回答 答道 问道 問道 告诉 告訴 声明 聲明 阐述 闡述 阐明 闡明 寄语 寄語 勉励 "
    "勉勵 嘱托 囑託 感慨 形容 比喻 规定 規定"
).split()
_VERB = "|".join(sorted(_VERB_WORDS, key=len, reverse=True))
_BEFORE = re.compile(rf"(?P<verb>{_VERB})(?:道|了)?\s*[：:，,]?\s*$")
_AFTER = re.compile(
    rf"\s*[，,]?\s*(?P<who>[^，。！？；“”「」\n]{{0,12}}?)(?P<verb>{_VERB})(?:道)?\s*(?:[。，,.：:！!]|$)"
)
_UTTERANCE = re.compile(r"[，。！？；：,.!?;:]")
_TERMINAL = re.compile(r"[。！？!?…]")
_PARTS = re.compile(r"[、，,；;：:\s]+")
_CLAUSE_END = re.compile(r"[，。；：！？,;:!?]")
_PRONOUNS = ("他们", "她们", "他", "她", "我们", "我", "其", "他們", "她們", "我們")
_PREPOSITIONS = tuple("在于於从從对對向就据據按")  # 在会上指出: an adverbial, the subject is carried over
_CONNECTIVES = re.compile(
    r"^(?:即|并|並|还|還|又|也|同时|同時|进一步|進一步|再次|曾经|曾經|曾|更|则|則|随后|隨後|明确地|明確地)+|"
    r"(?:明确|明確|郑重|鄭重|深刻|特别|特別|多次|反复|反覆|再次|进一步|進一步|一再地|一再|尖锐地|尖銳地|就)+$"
)
#: What a document or a meeting is called when it "says" something: 报告指出, 公报强调, 会议认为, 《决定》指出.
_DOCUMENTS = tuple(
    "报告 報告 决定 決定 决议 決議 公报 公報 声明 聲明 宣言 文件 纲要 綱要 意见 意見 通知 讲话 "
    "講話 文章 社论 社論 宪法 憲法 条例 條例 会议 會議 全会 全會 大会 大會".split()
)
_DOCUMENT_EDGES = re.compile(r"^(?:根据|根據|按照|依照|依据|依據|据|據)|(?:中|里|裡|上|又|也|还|還)+$")
COLUMNS = ["quotation", "text", "kind", "speaker", "speaker_title", "speaker_kind", "verb", "sentence", "start", "end"]

Speaker = tuple[str, "str | None", str]  # (speaker, title, kind)


class _People:
    """Tokens that can be a speaker — people, titles, organizations — searchable by offset."""

    def __init__(self, speech) -> None:
        tokens = speech.tokens
        kinds = token_kinds(speech)
        folded = [fold(w) for w in tokens["token"].astype(str)]
        keep = [k in ("person", "organization") or w in TITLES for w, k in zip(folded, kinds)]
        self.tokens = [w for w, k in zip(tokens["token"].astype(str), keep) if k]
        self.kinds = [("title" if w in TITLES else k) for w, k, kp in zip(folded, kinds, keep) if kp]
        self.starts = tokens["start"].to_numpy()[keep]
        self.ends = tokens["end"].to_numpy()[keep]

    def _between(self, a: int, b: int) -> range:
        return range(int(np.searchsorted(self.starts, a)), int(np.searchsorted(self.starts, b)))

    def first_speaker(self, a: int, b: int, *, organizations: bool = True) -> Speaker | None:
        """The first person in [a, b) with an adjacent title; else a lone title; else an organization."""
        rows = self._between(a, b)
        for i in rows:
            if self.kinds[i] == "person":
                return self._name_and_title(i)
        for want in ("title", "organization") if organizations else ("title",):
            for i in rows:
                if self.kinds[i] == want:
                    return self.tokens[i], None, "person" if want == "title" else want
        return None

    def opening_organization(self, a: int, b: int) -> str | None:
        """The organization ``text[a:b]`` opens with (中国政府宣布), if any."""
        rows = self._between(a, b)
        return self.tokens[rows[0]] if len(rows) and self.kinds[rows[0]] == "organization" else None

    def _name_and_title(self, i: int) -> Speaker:
        name = self.tokens[i]
        for t in sorted(TITLES, key=len, reverse=True):  # a lexicon may keep 习近平主席 as one token
            if fold(name).endswith(t) and len(name) > len(t) + 1:
                return name[: -len(t)], name[-len(t) :], "person"
        for j in (i + 1, i - 1):
            adjacent = 0 <= j < len(self.tokens) and (self.starts[j] == self.ends[i] or self.ends[j] == self.starts[i])
            if adjacent and self.kinds[j] == "title":
                return name, self.tokens[j], "person"
        return name, None, "person"


def _attribution(text: str, sent_start: int, open_at: int, close_at: int) -> tuple[str, int, int] | None:
    """(verb, start, end of the text that may name the speaker) if a reporting verb introduces the quotation
    (the speaker is then sought from the sentence start) or follows it (between the quotation and the verb)."""
    m = _BEFORE.search(text, sent_start, open_at)
    if m:
        return m.group("verb"), sent_start, m.start("verb")
    m = _AFTER.match(text, close_at)
    if m:
        return m.group("verb"), m.start("who"), m.start("verb")
    return None


def _said(text: str, content: str, close_at: int) -> bool:
    """Whether quoted ``content`` reads as something said, not as a term, slogan or name: it is not used as a
    modifier (“…”的要求, “…”的主张), and it ends a sentence (。！？) or holds a part longer than a slogan's —
    slogans are runs of short phrases (“政治合格、军事过硬、作风优良”, “搁置争议，共同开发”)."""
    if text.startswith("的", close_at):
        return False
    if not (_UTTERANCE.search(content) or len(content) >= 10):
        return False
    return bool(_TERMINAL.search(content)) or max(len(p) for p in _PARTS.split(content)) > 6


def _document(subject: str) -> str | None:
    """A document or meeting as the subject (报告, 十九大报告, 《决定》, 宪法第四条, 会议), as written, without a
    leading 根据/按照 or a trailing 中/又 (根据宪法第十条规定 → 宪法第十条; 宪法中规定 → 宪法)."""
    subject = _DOCUMENT_EDGES.sub("", subject)
    if "《" in subject and "》" in subject:
        return subject[subject.index("《") : subject.rindex("》") + 1]
    return subject if len(subject) <= 12 and any(d in subject for d in _DOCUMENTS) else None


def _speaker(
    people: _People, text: str, region: tuple[int, int], carried: Callable[[], Speaker | None]
) -> Speaker | None:
    """Speaker, title and kind for a reporting verb whose subject lies in ``text[region[0]:region[1]]``;
    ``carried`` gives the subject carried over from earlier sentences."""
    a, b = region
    clause_start = max((m.end() for m in _CLAUSE_END.finditer(text, a, b)), default=a)
    found = people.first_speaker(clause_start, b, organizations=False)
    if found:
        return found
    subject = _CONNECTIVES.sub("", text[clause_start:b]).strip()
    if not subject or subject in _PRONOUNS or subject.startswith(_PREPOSITIONS):
        return people.first_speaker(a, clause_start) or carried()
    start = clause_start + text[clause_start:b].index(subject)
    organization = people.opening_organization(start, b)
    if organization and text.startswith(organization, start):
        return organization, None, "organization"
    document = _document(subject)
    return (document, None, "document") if document else None  # another subject: 那种认为, 北京工人说


def _carried(people: _People, index: SentenceIndex, row: int, last: Speaker | None) -> Callable[[], Speaker | None]:
    """The subject carried into sentence ``row``: the last speaker quoted in the paragraph, else the first speaker
    of the nearest earlier sentence of the paragraph that names one."""

    def find() -> Speaker | None:
        if last:
            return last
        k = row - 1
        while k >= 0 and index.paragraphs[k] == index.paragraphs[row]:
            found = people.first_speaker(int(index.starts[k]), int(index.ends[k]))
            if found:
                return found
            k -= 1
        return None

    return find


def quotations(speech) -> pd.DataFrame:
    """Quotations in the speech's sentences: direct speech with its speaker and verb, or quoted terms.

    One row per quotation in text order: ``quotation`` (id), ``text`` (without the quotation marks;
    ``speech.text[start:end]``), ``kind`` ("speech" | "term"), ``speaker`` and ``speaker_title`` (习近平, 主席),
    ``speaker_kind`` ("person" | "organization" | "document"), ``verb`` (指出, 强调 …), ``sentence``, ``start``,
    ``end``; speaker, title, speaker kind and verb are None for terms.

    Every first-level quotation (“…”, 「…」, 『…』, ‘…’) is one row. It is **speech** when three things hold:

    * a verb of saying (指出, 强调, 提出, 表示, 说, 宣布, 重申 …) frames it — right before the opening mark, with at
      most 道/了 and a colon or comma between (…中指出，“我们要…”; 强调：“要…”; 并强调“要…”), or after it
      (“…”，他说。);
    * its content reads as something said: it ends a sentence (。！？) or holds a part longer than a slogan's, and it
      is not used as a modifier (“…”的要求). Quoted slogans and terms — runs of short phrases (“政治合格、军事过硬”,
      “搁置争议，共同开发”), names (“数字鸿沟”, “四项原则”) — are **terms**, whatever verb stands before them
      (重申“和平统一、一国两制”; 提出“三个倡导”);
    * it has a speaker: the first person (see the person rule of ``entities``) in the clause of the verb — the
      subject, not an object (习近平主席会见古特雷斯时指出 → 习近平) — with the title next to the name as
      ``speaker_title``; else a title alone (秘书长指出), an organization (中国政府宣布) or a document or meeting
      (报告指出, 《决定》强调, 会议认为). When the clause names none of them and holds no other subject — only a
      connective, a pronoun or an adverbial (并强调, 他指出, 在会上指出, “…”，他说。) — the subject is carried
      over: the first speaker earlier in the sentence, else the last speaker quoted in the paragraph, else the first
      speaker of the nearest earlier sentence of the paragraph. A clause with another subject (那种认为,
      北京工人说) names no speaker, and its quotation is a term.
    """
    index = SentenceIndex(speech)
    text = speech.text
    people = _People(speech)
    rows: list[dict] = []
    last: dict[int, Speaker] = {}  # paragraph -> last speaker quoted in it
    for span in quote_spans(text):
        row = index.row(span.start)
        if row < 0:
            continue
        content = span.content(text)
        found = _attribution(text, int(index.starts[row]), span.start - 1, span.end + 1)
        said = None
        if found and _said(text, content, span.end + 1):
            paragraph = int(index.paragraphs[row])
            said = _speaker(people, text, found[1:], _carried(people, index, row, last.get(paragraph)))
            if said:
                last[paragraph] = said
        speaker, title, kind = said or (None, None, None)
        rows.append(
            dict(
                text=content,
                kind="speech" if said else "term",
                speaker=speaker,
                speaker_title=title,
                speaker_kind=kind,
                verb=found[0] if said else None,
                sentence=int(index.ids[row]),
                start=span.start,
                end=span.end,
            )
        )
    df = frame_table(rows, COLUMNS[1:])
    df.insert(0, "quotation", np.arange(1, len(df) + 1))
    return df
