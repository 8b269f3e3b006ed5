"""What a corpus reads: folders, globs, lists and tables become sources; each document's title, date, year and
author come from the metadata given, the front matter or the file name, each with its source."""

from __future__ import annotations

import dataclasses
import hashlib
import pickle
import re

import pandas as pd
import pytest

from zhspeech import config
from zhspeech.corpus.inputs import (
    Source,
    file_sha256,
    is_person_name,
    list_sources,
    name_fields,
    parse_year,
    read_source,
    source_meta,
)
from zhspeech.errors import CorpusError, OptionError, SpeechContentError, SpeechFileError

CORPUS = config.PROJ_ROOT / "data" / "raw" / "corpus" / "gov_work_reports"

SPEECH = """政府工作报告

——2016年3月5日在第十二届全国人民代表大会第四次会议上

国务院总理　李克强

各位代表：

一、2015年工作回顾

过去一年，我国经济运行总体平稳。
"""
BARE = "一、工作回顾\n\n过去一年，经济运行总体平稳，稳中有进。\n"  # no front matter at all


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "2016政府工作报告_李克强.txt").write_text(SPEECH, encoding="utf-8")
    (tmp_path / "1964政府工作报告_周恩来_摘要.md").write_text(BARE, encoding="gb18030")
    (tmp_path / "notes.csv").write_text("text\n一段。\n", encoding="utf-8")  # a table in a folder: left out
    (tmp_path / ".hidden.txt").write_text(SPEECH, encoding="utf-8")
    (tmp_path / "~$lock.docx").write_bytes(b"lock")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "2010政府工作报告_温家宝.txt").write_text(BARE, encoding="utf-8")
    return tmp_path


# ------------------------------------------------------------------------------------------------- listing


def test_a_folder_lists_its_documents_sorted_and_nothing_else(folder):
    sources = list_sources(folder)
    assert [s.name for s in sources] == ["1964政府工作报告_周恩来_摘要.md", "2016政府工作报告_李克强.txt"]
    assert all(s.text is None and s.meta == {} for s in sources)
    deep = list_sources(folder, pattern="**/*.txt")
    assert [s.name for s in deep] == ["2016政府工作报告_李克强.txt", "2010政府工作报告_温家宝.txt"]


def test_globs_paths_and_lists(folder):
    assert [s.name for s in list_sources(str(folder / "20*.txt"))] == ["2016政府工作报告_李克强.txt"]
    one = folder / "2016政府工作报告_李克强.txt"
    assert list_sources(one) == [Source(str(one), one.name)]
    missing = folder / "gone.txt"
    listed = list_sources([one, str(missing), folder / "sub"])
    assert [s.path for s in listed] == [str(one), str(missing), str(folder / "sub" / "2010政府工作报告_温家宝.txt")]


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda p: p, "no document in this folder"),
        (lambda p: str(p / "*.txt"), "no document matches"),
        (lambda p: p / "gone.txt", "no such file or folder"),
        (lambda p: [p / "a.txt", p / "b.txt"], "none of the 2 path"),
        (lambda p: [], "no source given"),
    ],
)
def test_nothing_to_read_is_a_corpus_error_of_one_line(tmp_path, make, message):
    with pytest.raises(CorpusError, match=message) as err:
        list_sources(make(tmp_path))
    assert "\n" not in str(err.value)


def test_a_source_of_the_wrong_type_is_an_option_error():
    with pytest.raises(OptionError, match="got int"):
        list_sources(42)
    with pytest.raises(OptionError, match="holds paths"):
        list_sources([{"text": "一"}])


# -------------------------------------------------------------------------------------------------- tables

ROWS = pd.DataFrame(
    {
        "text": [SPEECH, BARE, None],
        "title": ["二〇一六年报告", None, "空行"],
        "year": ["2016", 1964.0, None],
        "author": ["李克强", "周恩来", None],
        "date": [pd.Timestamp("2016-03-05"), None, None],
        "session": [4, None, 2],
    }
)


@pytest.mark.parametrize("suffix", ["csv", "jsonl", "parquet", "frame"])
def test_a_table_gives_one_source_per_row_with_parsed_metadata(tmp_path, suffix):
    path = tmp_path / f"speeches.{suffix}"
    if suffix == "csv":
        ROWS.to_csv(path, index=False, encoding="gb18030")  # a table in a legacy encoding reads too
    elif suffix == "jsonl":
        ROWS.to_json(path, orient="records", lines=True, force_ascii=False, date_format="iso")
    elif suffix == "parquet":
        ROWS.astype({"year": str}).to_parquet(path)
    sources = list_sources(ROWS if suffix == "frame" else path)
    label = "<DataFrame>" if suffix == "frame" else str(path)
    assert [s.path for s in sources] == [f"{label}#1", f"{label}#2", f"{label}#3"]
    assert [s.name for s in sources] == ["二〇一六年报告", f"{re.sub('.*/', '', label)}#2", "空行"]
    first, second, third = (s.meta for s in sources)
    assert first["year"] == 2016 and second["year"] == 1964 and "year" not in third
    assert first["author"] == "李克强" and first["date"].startswith("2016-03-05") and first["session"] == "4"
    assert sources[2].text == "" and "author" not in third
    with pytest.raises(SpeechContentError, match=re.escape(f"{label}#3 is empty")):
        read_source(sources[2])


def test_a_table_without_its_text_column_names_the_columns_it_has(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("body,year\n一段。,2017\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"no text column 'text'; its columns: body, year"):
        list_sources(path)
    assert list_sources(path, text_column="body")[0].text == "一段。"
    broken = tmp_path / "t.parquet"
    broken.write_bytes(b"not parquet")
    with pytest.raises(CorpusError, match=r"t\.parquet cannot be read as a table"):
        list_sources(broken)


# ------------------------------------------------------------------------------------------------- reading


def test_a_row_is_parsed_with_its_year_and_files_are_loaded(folder):
    row = list_sources(pd.DataFrame({"text": [BARE], "year": [2019]}))[0]
    speech = read_source(row)
    assert speech.encoding == "table" and speech.year == 2019 and len(speech.sections) == 1
    md = read_source(list_sources(folder)[0])
    assert md.encoding == "gb18030" and md.sections[0].heading == "工作回顾"


def test_the_checksum_is_of_the_file_bytes_or_the_row_text(folder):
    path = folder / "2016政府工作报告_李克强.txt"
    assert file_sha256(list_sources(path)[0]) == hashlib.sha256(path.read_bytes()).hexdigest()
    row = Source("t.csv#1", "t.csv#1", text="一段。")
    assert file_sha256(row) == hashlib.sha256("一段。".encode()).hexdigest()
    with pytest.raises(SpeechFileError, match="no such file"):
        file_sha256(Source(str(folder / "gone.txt"), "gone.txt"))


def test_sources_pickle_and_hash():
    src = Source("t.csv#1", "t", "一段。", {"year": 2017}, {"year": 2017})
    assert pickle.loads(pickle.dumps(src)) == src
    assert hash(src) == hash(dataclasses.replace(src, meta={}))  # metadata does not enter the hash


# ------------------------------------------------------------------------------------------------ metadata


def test_front_matter_wins_over_the_file_name(folder):
    src = list_sources(folder / "2016政府工作报告_李克强.txt")[0]
    meta = source_meta(read_source(src), src)
    assert meta == {
        "title": "政府工作报告",
        "title_source": "front matter",
        "date": "2016-03-05",
        "date_source": "front matter",
        "year": 2016,
        "year_source": "front matter",
        "author": "李克强",
        "author_source": "front matter",
    }


def test_the_file_name_gives_what_the_front_matter_lacks(folder):
    src = list_sources(folder / "1964政府工作报告_周恩来_摘要.md")[0]
    meta = source_meta(read_source(src), src)
    assert (meta["year"], meta["year_source"]) == (1964, "file name")
    assert (meta["author"], meta["author_source"]) == ("周恩来", "file name")
    assert (meta["title"], meta["title_source"]) == ("1964政府工作报告", "file name")
    assert meta["date"] is None and meta["date_source"] is None


def test_given_metadata_overrides_everything_and_says_where_it_came_from(folder):
    row = list_sources(ROWS)[0]
    meta = source_meta(read_source(row), row)
    assert (meta["title"], meta["title_source"]) == ("二〇一六年报告", "table")
    assert (meta["year"], meta["year_source"]) == (2016, "table")
    assert (meta["author"], meta["author_source"]) == ("李克强", "table")
    caller = dataclasses.replace(row, meta={**row.meta, "author": "某人"})  # the caller's override
    meta = source_meta(read_source(caller), caller)
    assert (meta["author"], meta["author_source"]) == ("某人", "argument") and meta["year_source"] == "table"
    file = list_sources(folder / "2016政府工作报告_李克强.txt")[0]
    given = dataclasses.replace(file, meta={"year": "2015年", "title": "别名"})
    meta = source_meta(read_source(given), given)
    assert (meta["year"], meta["year_source"], meta["title"]) == (2015, "argument", "别名")
    assert meta["author_source"] == "front matter"


def test_a_row_takes_no_metadata_from_its_label_and_a_year_from_a_given_date():
    src = Source("2017_张三.csv#1", "2017_张三.csv#1", BARE, {"date": "2018-03-05"}, {"date": "2018-03-05"})
    meta = source_meta(read_source(src), src)
    assert meta["author"] is None and meta["title"] is None
    assert (meta["year"], meta["year_source"]) == (2018, "table")


def test_file_name_fields_and_years():
    assert name_fields("2017政府工作报告_李克强.txt") == ("2017政府工作报告", "李克强")
    assert name_fields("1964政府工作报告_周恩来_摘要.txt") == ("1964政府工作报告", "周恩来")
    assert name_fields("讲话_全文_王小明.docx") == ("讲话", "王小明")
    assert name_fields("报告_修订稿.pdf") == ("报告", None)
    assert name_fields("report.txt") == ("report", None)
    assert [parse_year(v) for v in (2017, 2017.0, "2017年", "2017-03-05", "12017", "1999-2001", True, None)] == [
        2017,
        2017,
        2017,
        2017,
        None,
        None,
        None,
        None,
    ]


@pytest.mark.parametrize(
    "text, is_name",
    [
        *[(n, True) for n in ("王小明", "欧阳修", "刘捷", "许其亮", "胡春华", "雪克来提·扎克尔", "毛泽东")],
        *[(w, False) for w in ("摘要", "全文", "修订稿", "草案", "定稿", "终稿", "第二稿", "讲话", "原文", "英文")],
        *[(w, False) for w in ("新华社", "中国政府网", "征求意见稿", "送审稿", "图解", "v2", "李", "final")],
    ],
)
def test_a_person_name_is_told_from_a_document_label(text, is_name):
    assert is_person_name(text) is is_name


# --------------------------------------------------------------------------------------- the shipped corpus


@pytest.mark.corpus
def test_year_and_author_of_every_shipped_report():
    """All 49 reports: the year is the file name's and comes from the date line; the author is the byline's
    (the 1991 report was delivered by 邹家华, whom its byline names; the file name names the premier), and the
    file-name rule alone reads the speaker in every file name, 1964's ``_摘要`` included."""
    sources = list_sources(CORPUS)
    assert len(sources) == 49
    sources_of_author = {}
    for src in sources:
        year, speaker = re.match(r"^(\d{4})政府工作报告_([^_.]+)", src.name).groups()
        meta = source_meta(read_source(src), src)
        assert (meta["year"], meta["year_source"]) == (int(year), "front matter"), src.name
        assert meta["author"] == ("邹家华" if year == "1991" else speaker), src.name
        sources_of_author[src.name] = meta["author_source"]
        assert name_fields(src.name)[1] == speaker
    assert set(sources_of_author.values()) == {"front matter"}
