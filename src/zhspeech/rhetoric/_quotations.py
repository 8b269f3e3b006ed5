"""Quotations: direct speech with its speaker and reporting verb, told apart from quoted terms and names."""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import pandas as pd

from ._common import TITLES, SentenceIndex, frame_table, lexicon_tags, person_flags, quote_spans

_VERB_WORDS = (
    "指出",
    "强调",
    "強調",
    "提出",
    "表示",
    "说道",
    "說道",
    "说",
    "說",
    "宣布",
    "宣佈",
    "声称",
    "聲稱",
    "宣称",
    "宣稱",
    "称",
    "稱",
    "认为",
    "認為",
    "写道",
    "寫道",
    "谈到",
    "談到",
    "讲到",
    "講到",
    "提到",
    "要求",
    "呼吁",
    "呼籲",
    "重申",
    "坦言",
    "直言",
    "指示",
    "批示",
    "号召",
    "號召",
    "回忆",
    "回憶",
    "介绍",
    "介紹",
    "回答",
    "答道",
    "问道",
    "問道",
    "告诉",
    "告訴",
    "声明",
    "聲明",
    "阐述",
    "闡述",
    "阐明",
    "闡明",
    "寄语",
    "寄語",
    "勉励",
    "勉勵",
    "嘱托",
    "囑託",
    "感慨",
    "形容",
    "比喻",
)
_VERB = "|".join(sorted(_VERB_WORDS, key=len, reverse=True))
_BEFORE = re.compile(rf"(?P<verb>{_VERB})(?:道|了)?\s*[：:，,]?\s*$")
_AFTER = re.compile(
    rf"\s*[，,]?\s*(?P<who>[^，。！？；“”「」\n]{{0,12}}?)(?P<verb>{_VERB})(?:道)?\s*(?:[。，,.：:！!]|$)"
)
_UTTERANCE = re.compile(r"[，。！？；：,.!?;:]")
_CLAUSE_END = re.compile(r"[，。；：！？,;:!?]")
_PRONOUNS = ("他们", "她们", "他", "她", "我们", "我", "其", "他們", "她們", "我們")
_PREPOSITIONS = tuple("在于於从從对對向就据據按")  # 在会上指出: an adverbial, the subject is carried over
_CONNECTIVES = re.compile(
    r"^(?:并|並|还|還|又|也|同时|同時|进一步|進一步|再次|曾经|曾經|曾|更|则|則|随后|隨後)+|"
    r"(?:明确|明確|郑重|鄭重|深刻|特别|特別|多次|反复|反覆|再次|进一步|進一步)+$"
)
COLUMNS = ["quotation", "text", "kind", "speaker", "speaker_title", "verb", "sentence", "start", "end"]


class _People:
    """Person and title tokens of the speech, searchable by offset."""

    def __init__(self, tokens: pd.DataFrame, lexicon: dict[str, str]) -> None:
        words = tokens["token"].astype(str).tolist()
        tok = np.array(words, dtype=object)
        is_person = np.array(person_flags(words, tokens["pos"].astype(str).tolist(), lexicon), dtype=bool)
        is_title = tokens["token"].isin(list(TITLES)).to_numpy(dtype=bool)
        keep = is_person | is_title
        self.tokens = tok[keep].tolist()
        self.person = is_person[keep].tolist()
        self.starts = tokens["start"].to_numpy()[keep]
        self.ends = tokens["end"].to_numpy()[keep]

    def _between(self, a: int, b: int) -> range:
        return range(int(np.searchsorted(self.starts, a)), int(np.searchsorted(self.starts, b)))

    def first_person(self, a: int, b: int) -> tuple[str, str | None] | None:
        """The first person in [a, b) with an adjacent title, or a lone title; None if neither."""
        rows = self._between(a, b)
        for i in rows:
            if self.person[i]:
                return self._name_and_title(i)
        for i in rows:
            return self.tokens[i], None
        return None

    def _name_and_title(self, i: int) -> tuple[str, str | None]:
        name = self.tokens[i]
        for t in sorted(TITLES, key=len, reverse=True):  # a lexicon may keep 习近平主席 as one token
            if name.endswith(t) and len(name) > len(t) + 1:
                return name[: -len(t)], t
        for j in (i + 1, i - 1):
            if (
                0 <= j < len(self.tokens)
                and not self.person[j]
                and (self.starts[j] == self.ends[i] or self.ends[j] == self.starts[i])
            ):
                return name, self.tokens[j]
        return name, None


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


def _speaker(
    people: _People, text: str, region: tuple[int, int], carried: Callable[[], tuple[str, str | None] | None]
) -> tuple[str | None, str | None]:
    """Speaker and title for a reporting verb whose subject lies in ``text[region[0]:region[1]]``; ``carried``
    gives the subject carried over from earlier sentences."""
    a, b = region
    clause_start = max((m.end() for m in _CLAUSE_END.finditer(text, a, b)), default=a)
    found = people.first_person(clause_start, b)
    if found:
        return found
    subject = _CONNECTIVES.sub("", text[clause_start:b]).strip()
    if subject and subject not in _PRONOUNS and not subject.startswith(_PREPOSITIONS):
        return None, None  # another subject (报告指出, 文件强调): not a person the text names
    return people.first_person(a, clause_start) or carried() or (None, None)


def _carried(people: _People, index: SentenceIndex, row: int, last: tuple[str, str | None] | None):
    """The subject carried into sentence ``row``: the last speaker quoted in the paragraph, else the first person
    of the nearest earlier sentence of the paragraph that names one."""

    def find() -> tuple[str, str | None] | None:
        if last:
            return last
        k = row - 1
        while k >= 0 and index.paragraphs[k] == index.paragraphs[row]:
            found = people.first_person(int(index.starts[k]), int(index.ends[k]))
            if found:
                return found
            k -= 1
        return None

    return find


def quotations(speech) -> pd.DataFrame:
    """Quotations in body sentences: direct speech with speaker and verb, or quoted terms.

    One row per quotation in text order: ``quotation`` (id), ``text`` (without the quotation marks;
    ``speech.text[start:end]``), ``kind`` ("speech" | "term"), ``speaker`` and ``speaker_title`` (习近平, 主席),
    ``verb`` (指出, 强调 …; None for terms), ``sentence``, ``start``, ``end``.

    Every first-level quotation in a body sentence (“…”, 「…」, 『…』, ‘…’) is one row. It is **speech** when a
    reporting verb (指出, 强调, 提出, 表示, 说, 宣布 …) introduces it — right before the opening mark, with at most
    道/了 and a colon or comma between (…中指出，“我们要…”; 强调：“要…”; 并强调“要…”) — or follows it (“…”，他说。),
    *and* its content reads as an utterance: it holds clause punctuation or runs to ten characters or more. Anything
    else is a **term**: quoted terms and named concepts (“数字鸿沟”, “战场”, “四项原则”; 提出“三个倡导” is a verb
    with a name).

    The speaker of a speech quotation is the first person (see the person rule of ``entities``) in the clause of the
    verb — the subject, not an object (习近平主席会见古特雷斯时指出 → 习近平). When that clause names nobody and
    holds no other subject — only a connective, a pronoun or an adverbial (并强调, 他指出, 在会上指出, “…”，他说。) —
    the subject is carried over: the first person earlier in the sentence (习近平主席…，提出…，并强调“…” → 习近平),
    else the last speaker quoted in the paragraph, else the first person of the nearest earlier sentence of the
    paragraph that names one (subjects come first). A clause with another subject (报告指出) gets no speaker. A
    title word next to the name (主席, 总书记, 秘书长 …) is given as ``speaker_title``; a title alone (秘书长指出)
    becomes the speaker.
    """
    index = SentenceIndex(speech)
    text = speech.text
    people = _People(speech.tokens, lexicon_tags(speech))
    rows: list[dict] = []
    last: dict[int, tuple[str, str | None]] = {}  # paragraph -> last speaker quoted in it
    for span in quote_spans(text):
        row = index.row(span.start)
        if row < 0:
            continue
        sent_start = int(index.starts[row])
        content = span.content(text)
        found = _attribution(text, sent_start, span.start - 1, span.end + 1)
        kind, speaker, title, verb = "term", None, None, None
        if found and (_UTTERANCE.search(content) or len(content) >= 10):
            verb, a, b = found
            kind = "speech"
            paragraph = int(index.paragraphs[row])
            speaker, title = _speaker(people, text, (a, b), _carried(people, index, row, last.get(paragraph)))
            if speaker:
                last[paragraph] = (speaker, title)
        rows.append(
            dict(
                text=content,
                kind=kind,
                speaker=speaker,
                speaker_title=title,
                verb=verb,
                sentence=int(index.ids[row]),
                start=span.start,
                end=span.end,
            )
        )
    df = frame_table(rows, COLUMNS[1:])
    df.insert(0, "quotation", np.arange(1, len(df) + 1))
    return df
