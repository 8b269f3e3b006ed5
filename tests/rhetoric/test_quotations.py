"""Quotations: speech needs a verb of saying and a speaker; slogans and terms in quotation marks are terms.

Expected speakers and kinds below were read off each sentence by hand."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import zhspeech
from zhspeech import config
from zhspeech.rhetoric import quotations

CORPUS = config.RAW_DIR / "corpus" / "gov_work_reports"


def _quotes(body: str) -> pd.DataFrame:
    q = quotations(zhspeech.parse(f"## 标题\n\n{body}\n"))
    return q.assign(speaker=q["speaker"].where(q["speaker"].notna(), None))


def _said(q: pd.DataFrame) -> list[tuple]:
    return [(r.speaker, r.speaker_kind, r.verb) for r in q.itertuples() if r.kind == "speech"]


def test_a_slogan_after_a_verb_of_saying_is_a_term():
    q = _quotes(
        "外交部发言人重申“一个中国、两岸统一”。我们重申“和平统一、一国两制”的方针。"
        "我国提出“搁置争议，共同开发”的主张。按照“政治合格、军事过硬、作风优良、纪律严明、保障有力”的总要求加强建设。"
    )
    assert q["kind"].tolist() == ["term"] * 4
    assert q["speaker"].isna().all() and q["verb"].isna().all() and q["speaker_kind"].isna().all()


def test_speech_needs_a_speaker():
    q = _quotes(
        "必须批判那种认为“建设经验不够，工作经验不够，浪费一点不可避免”的想法。"
        "北京工人说“共产党领导的中国就是工人阶级的天下，就是人民的天下”。"
        "列宁说：“共产主义就是苏维埃政权加全国电气化。”"
    )
    # 那种认为: no speaker; 北京工人: a group, not a person the text names; 列宁: a historical figure
    assert q["kind"].tolist() == ["term", "term", "speech"]
    assert _said(q) == [("列宁", "person", "说")]


def test_speakers_people_organizations_documents():
    q = _quotes(
        "江泽民同志指出：“发展要有新思路，不能继续走盲目追求产值速度的老路。”"
        "中国政府宣布：“中方将于明年举办第三届论坛。”"
        "报告指出：“经济运行总体平稳，稳中有进。”《决定》强调：“要坚持和完善基本经济制度。”"
        "宪法第四条又规定：“国家保障各少数民族的合法的权利和利益。”"
    )
    assert _said(q) == [
        ("江泽民", "person", "指出"),
        ("中国政府", "organization", "宣布"),
        ("报告", "document", "指出"),
        ("《决定》", "document", "强调"),
        ("宪法第四条", "document", "规定"),
    ]
    assert q["speaker_title"].tolist()[0] == "同志"


def test_the_subject_carries_over_and_a_speaker_is_never_missing():
    q = _quotes("李强总理表示：“中方愿与各方一道努力。”他强调，“要坚持多边主义，反对单边主义。”“开放带来进步。”他说。")
    assert _said(q) == [("李强", "person", "表示"), ("李强", "person", "强调"), ("李强", "person", "说")]
    assert q["speaker_title"].tolist() == ["总理"] * 3


def test_first_speech_quotations_unchanged(speech):
    q = quotations(speech)
    said = q[q["kind"] == "speech"]
    assert said[["speaker", "speaker_title", "speaker_kind", "verb"]].values.tolist() == [
        ["习近平", "主席", "person", "指出"],
        ["习近平", "主席", "person", "强调"],
        ["习近平", "主席", "person", "强调"],
    ]


@pytest.mark.parametrize(
    ("name", "speakers"),
    [
        # 毛主席 明确指出 / 尖锐地指出 / 说 / 指出 (checked in the text); 多次指示“把国民经济搞上去” is too short
        ("1978政府工作报告_华国锋.txt", ["毛主席"] * 4),
        ("1994政府工作报告_李鹏.txt", ["江泽民"]),  # 江泽民同志指出：“发展要有新思路…”
        # every other quotation framed by 要求/提出 is a slogan: “政治合格、军事过硬…”的总要求, “一国两制”的构想
        ("1997政府工作报告_李鹏.txt", []),
    ],
)
def test_corpus_speech_and_speakers(name: str, speakers: list[str]):
    q = quotations(zhspeech.load(Path(CORPUS, name)))
    assert q.loc[q["kind"] == "speech", "speaker"].tolist() == speakers
    assert len(q) > len(speakers)  # the rest are terms
