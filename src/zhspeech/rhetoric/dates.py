"""Dates in Chinese text and the timeline of a speech."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from ..text.frontmatter import check_year, year_of
from ._common import SentenceIndex, SpanIndex, cn_number, frame_table, title_spans

_Y = r"(?:\d{4}|[〇零○一二三四五六七八九]{4})"
_M = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_D = r"(?:3[01]|[12]\d|0?[1-9]|三十[一]?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
_DASH = r"\s*(?:[—–\-~～－]{1,2}|至|到)\s*"
_REL = {"今年": 0, "本年": 0, "去年": -1, "前年": -2, "明年": 1, "后年": 2, "後年": 2}
_DATE = re.compile(
    rf"(?P<range>(?P<r1>{_Y})年?{_DASH}(?P<r2>{_Y})年)"
    rf"|(?P<rel>今年|本年|去年|前年|明年|后年|後年)(?:(?P<rm>{_M})月(?:(?P<rd>{_D})[日号號])?|(?P<rh>[上下]半年))?"
    rf"|(?P<y>{_Y})年(?!代|来|來|多|余|間|间)(?:(?P<m>{_M})月(?:(?P<d>{_D})[日号號])?|(?P<h>[上下]半年))?"
    rf"|(?<![\d年月])(?P<mm>{_M})月(?P<dd>{_D})[日号號]"
)
_DURATION_BEFORE = re.compile(r"[多余近约約逾第\d]$")
# 如今年轻人, 过去年代, 此后年均, 以前年份: 今年/去年/后年/前年 inside other words
_NOT_BEFORE_RELATIVE = set("如过過此以之最然而往每近多")
_NOT_AFTER_RELATIVE = set("轻輕纪紀龄齡代均")

COLUMNS = [
    "date",
    "end_date",
    "year",
    "month",
    "day",
    "kind",
    "unresolved",
    "inferred",
    "expression",
    "text",
    "sentence",
    "start",
    "end",
]


@dataclass(frozen=True)
class DateExpression:
    kind: str  # full | year_month | year | range | relative | month_day
    start: int
    end: int
    year: int | None  # None when relative/month_day and not yet resolved
    month: int | None = None
    day: int | None = None
    end_year: int | None = None
    shift: int = 0  # relative: years from the document year


def _valid(month: int | None, day: int | None) -> bool:
    return (month is None or 1 <= month <= 12) and (day is None or 1 <= day <= 31)


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateExpression]:
    """Date expressions in ``text[start:end]`` (absolute offsets), relative ones unresolved.

    Expressions found (Arabic digits or Chinese numerals, 2023年 or 二〇二三年, 11月 or 十一月):

    =============  ==========================================  =============================
    kind           examples                                    date
    =============  ==========================================  =============================
    full           2023年11月8日, 二〇一五年十二月十六日           2023-11-08
    year_month     2023年6月, 2023年上半年 (→ year)              2023-06
    year           2014年, 2014年以来                           2014
    range          2023—2025年, 2023年至2025年, 2023—2025年     2023 (``end_date`` 2025)
    relative       今年4月16日, 今年2月, 去年, 明年, 前年, 后年     resolved against the document year
    month_day      11月9日                                       the year of the last date before it in the
                                                                paragraph, else the document year
    =============  ==========================================  =============================
    """
    found: list[DateExpression] = []
    for m in _DATE.finditer(text, start, len(text) if end is None else end):
        g = m.groupdict()
        if g["range"]:
            y1, y2 = year_of(g["r1"]), year_of(g["r2"])
            if y1 and y2 and y1 < y2:
                found.append(DateExpression("range", m.start(), m.end(), y1, end_year=y2))
        elif g["rel"]:
            month, day = _num(g["rm"]), _num(g["rd"])
            before, after = text[m.start() - 1 : m.start()], text[m.start() + 2 : m.start() + 3]
            if _valid(month, day) and before not in _NOT_BEFORE_RELATIVE and after not in _NOT_AFTER_RELATIVE:
                found.append(DateExpression("relative", m.start(), m.end(), None, month, day, shift=_REL[g["rel"]]))
        elif g["y"]:
            year, month, day = year_of(g["y"]), _num(g["m"]), _num(g["d"])
            if year and _valid(month, day) and not _DURATION_BEFORE.search(text, max(0, m.start() - 1), m.start()):
                kind = "full" if day else "year_month" if month else "year"
                found.append(DateExpression(kind, m.start(), m.end(), year, month, day))
        else:
            month, day = _num(g["mm"]), _num(g["dd"])
            if _valid(month, day):
                found.append(DateExpression("month_day", m.start(), m.end(), None, month, day))
    return found


def _num(value: str | None) -> int | None:
    return cn_number(value) if value else None


def document_year(speech, year: int | None = None) -> tuple[int | None, str | None]:
    """(year, source): ``year`` when given ("argument"), else ``speech.year`` and its ``year_source`` ("date line",
    "file name"), else (None, None). Never guessed from the years the text mentions."""
    if check_year(year) is not None:
        return year, "argument"
    found = getattr(speech, "year", None)
    return (found, getattr(speech, "year_source", None)) if found is not None else (None, None)


def _iso(year: int | None, month: int | None = None, day: int | None = None) -> str | None:
    if year is None:
        return None
    return f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if month and day else "")


def timeline(speech, year: int | None = None) -> pd.DataFrame:
    """Dated events: every date expression in a body sentence, with the sentence as the event.

    One row per expression, sorted by date then position (unresolved rows last): ``date`` ("YYYY[-MM[-DD]]"; None
    when unresolved), ``end_date`` (ranges), ``year``/``month``/``day``, ``kind`` (full, year_month, year, range,
    relative, month_day; examples in ``find_dates``), ``unresolved`` (a relative date — 今年, 去年, 明年… — or a
    month and day with no year before it, while the document year is unknown), ``inferred`` (the date rests on a
    document year read from the file name), ``expression`` (as written), ``text`` (the sentence), ``sentence``,
    ``start``/``end`` of the expression.

    Not dates: four digits not followed by 年 (5G, IPv6, 2035 alone), durations (2000多年, 2000年来), ordinals and
    counts (第十年, 首届, 第二届 — sessions, not dates), and years inside 《…》 titles (《…（2023—2025年）》 names a
    plan).

    The document year resolves relative dates: ``year`` when given, else ``speech.year`` (the date line's, or the
    file name's; see ``zhspeech.load``). It is never guessed from the years the text mentions: without one, relative
    dates stay unresolved (``date`` None, ``unresolved`` True). ``attrs``: ``document_year``,
    ``document_year_source`` ("argument", "date line", "file name" or None), ``unresolved`` (how many rows) and
    ``note`` (a sentence saying why rows are unresolved, or None).
    """
    doc_year, source = document_year(speech, year)
    inferred_year = source == "file name"
    index = SentenceIndex(speech)
    text = speech.text
    titles = SpanIndex(title_spans(text))
    rows: list[dict] = []
    last: dict[int, int | None] = {}  # paragraph -> year of its latest date
    for d in find_dates(text):
        row = index.row(d.start)
        if row < 0 or titles.holds(d.start):
            continue
        paragraph = int(index.paragraphs[row])
        if d.kind == "relative":
            y = doc_year + d.shift if doc_year else None
            on_document_year = True
        elif d.kind == "month_day":
            on_document_year = paragraph not in last
            y = last.get(paragraph, doc_year)
        else:
            y, on_document_year = d.year, False
        last[paragraph] = y
        rows.append(
            dict(
                date=_iso(y, d.month, d.day),
                end_date=_iso(d.end_year),
                year=y,
                month=d.month,
                day=d.day,
                kind=d.kind,
                unresolved=y is None,
                inferred=bool(on_document_year and inferred_year and y is not None),
                expression=text[d.start : d.end],
                text=index.texts[row],
                sentence=int(index.ids[row]),
                start=d.start,
                end=d.end,
            )
        )
    return _timeline_frame(rows, doc_year, source)


def _timeline_frame(rows: list[dict], doc_year: int | None, source: str | None) -> pd.DataFrame:
    df = frame_table(rows, COLUMNS)
    for col in ("year", "month", "day"):
        df[col] = df[col].astype("Int64")
    df["unresolved"] = df["unresolved"].astype(bool)
    df["inferred"] = df["inferred"].astype(bool)
    df = df.sort_values(["unresolved", "date", "start"], kind="stable").reset_index(drop=True)
    df["date"] = df["date"].astype(object).where(df["date"].notna(), None)
    n = int(df["unresolved"].sum())
    note = (
        f"{n} date(s) relative to the document year (今年, 去年, 明年…) left unresolved: the year is unknown "
        "(none given, no date line, no year in the file name); pass year= to resolve them"
        if n
        else None
    )
    df.attrs.update(document_year=doc_year, document_year_source=source, unresolved=n, note=note)
    return df
