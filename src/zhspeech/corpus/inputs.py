"""What a corpus reads: folders, globs, lists of paths and tables, each document a ``Source``; and the metadata
(title, date, year, author) of each document, with where every value came from.

>>> sources = list_sources("data/raw/corpus/gov_work_reports")       # 49 Source objects, sorted by path
>>> speech = read_source(sources[0])
>>> source_meta(speech, sources[0])["author"], _["author_source"]
('周恩来', 'front matter')

Files: .txt/.md in any encoding, .docx, .html/.htm and .pdf (``zhspeech.load``). Tables: .csv, .jsonl and .parquet
files, or a pandas DataFrame, one document per row.
"""

from __future__ import annotations

import glob
import hashlib
import io
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .._checks import HAN_CLASS, check_positive
from ..errors import CorpusError, OptionError, SpeechError
from ..text.formats import FORMATS
from ..text.frontmatter import YEAR_RANGE, year_in_name
from ..text.model import Speech
from ..text.read import check_text, load, normalize, parse, read_bytes, read_text

#: Suffixes of the files a folder or a glob yields as documents.
DOCUMENT_SUFFIXES = (".txt", ".md", ".markdown", ".text", *FORMATS)
#: Suffixes of table files: one document per row.
TABLE_SUFFIXES = (".csv", ".jsonl", ".ndjson", ".parquet")
#: Columns that name a table row, in order of preference.
NAME_COLUMNS = ("name", "title", "file")


@dataclass(frozen=True)
class Source:
    """One document of a corpus.

    ``path``: the file's path as given (for a table row ``speeches.csv#3``, rows counted from 1);
    ``name``: the file name, or the row's ``name``/``title``/``file`` column, else ``speeches.csv#3``;
    ``text``: the row's text for a table row, None for a file (read when needed);
    ``meta``: metadata given with the document — the row's other columns and any the caller adds — already parsed
    (``year`` an int where it is a year, other values strings); it overrides what the text and file name say;
    ``row_meta``: the row's own columns as read, which tell ``source_meta`` a table's values from the caller's.
    """

    path: str
    name: str
    text: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict, hash=False)
    row_meta: Mapping[str, Any] = field(default_factory=dict, hash=False, repr=False)


# ------------------------------------------------------------------------------------------------- listing


def list_sources(source: Any, *, text_column: str = "text", pattern: str | None = None) -> list[Source]:
    """The documents of ``source``, in order.

    ``source`` is a folder (its documents — .txt .md .docx .html .htm .pdf — sorted by name; ``pattern`` picks
    others, ``**`` in it reaches into subfolders; tables, hidden files and Word's ``~$`` lock files in it are left
    out), a glob (``reports/20*.txt``: every match, tables read row by row), one file (a table is read row by row),
    a list of any of these, or a pandas DataFrame. ``text_column`` names a table's text column.

    A file that cannot be read is not an error here (the corpus reports it as skipped), and a path in a list that
    does not exist is listed too; ``CorpusError`` when there is nothing to read: an empty folder, a glob matching
    nothing, a missing path given alone, a list of paths none of which exists, a table without its text column.
    """
    if isinstance(source, pd.DataFrame):
        return table_sources(source, label="<DataFrame>", text_column=text_column)
    if isinstance(source, (str, os.PathLike)):
        return _one(source, text_column, pattern, in_list=False)
    if isinstance(source, Iterable) and not isinstance(source, (bytes, Mapping)):
        items = list(source)
        if not items:
            raise CorpusError("no source given: the list of paths is empty")
        found = [s for item in items for s in _one(_as_path(item), text_column, pattern, in_list=True)]
        if found and all(s.text is None and not Path(s.path).exists() for s in found):
            shown = ", ".join(s.path for s in found[:3]) + (", …" if len(found) > 3 else "")
            raise CorpusError(f"none of the {len(found)} path(s) given exists: {shown}")
        return found
    raise OptionError(
        f"source must be a folder, a glob, a file, a list of paths or a pandas DataFrame; got {type(source).__name__}"
    )


def _as_path(item: Any) -> str | os.PathLike:
    if not isinstance(item, (str, os.PathLike)):
        raise OptionError(f"a list of sources holds paths (str or Path); got {type(item).__name__}: {item!r}")
    return item


def _one(source: str | os.PathLike, text_column: str, pattern: str | None, *, in_list: bool) -> list[Source]:
    p = Path(source)
    if p.is_dir():
        return _folder(p, pattern)
    if p.is_file():
        return _table_file(p, text_column) if _is_table(p) else [_file(p)]
    text = os.fspath(source)
    if _is_glob(text):
        matches = [Path(m) for m in sorted(glob.glob(text, recursive=True))]
        files = [m for m in matches if m.is_file() and _listed(m, TABLE_SUFFIXES)]
        if not files:
            raise CorpusError(f"no document matches {text!r} (supported: {', '.join(DOCUMENT_SUFFIXES)})")
        return [s for m in files for s in (_table_file(m, text_column) if _is_table(m) else [_file(m)])]
    if in_list:
        return [_file(p)]  # listed so that the corpus reports it as skipped
    raise CorpusError(f"{text}: no such file or folder (check the path)")


def _file(p: Path) -> Source:
    return Source(path=str(p), name=p.name)


def _is_table(p: Path) -> bool:
    return p.suffix.lower() in TABLE_SUFFIXES


def _is_glob(text: str) -> bool:
    return any(c in text for c in "*?[")


def holds_many(source: str | os.PathLike) -> bool:
    """Whether ``source`` names many documents rather than one speech: a folder, a table file (a document a row)
    or a glob pattern."""
    p = Path(source)
    return p.is_dir() or _is_table(p) or _is_glob(os.fspath(source))


def _listed(p: Path, also: tuple[str, ...] = ()) -> bool:
    """A document a folder or glob yields: a supported suffix, not hidden, not a Word lock file (~$…)."""
    return p.suffix.lower() in DOCUMENT_SUFFIXES + also and not p.name.startswith((".", "~$"))


def _folder(folder: Path, pattern: str | None) -> list[Source]:
    files = sorted(p for p in folder.glob(pattern or "*") if p.is_file() and _listed(p))
    if not files:
        how = f" matching {pattern!r}" if pattern else ""
        raise CorpusError(
            f"{folder}: no document{how} in this folder (supported: {', '.join(DOCUMENT_SUFFIXES)}; "
            "a table is read when given as the source itself)"
        )
    return [_file(p) for p in files]


# -------------------------------------------------------------------------------------------------- tables


def _table_file(path: Path, text_column: str) -> list[Source]:
    suffix = path.suffix.lower()
    try:
        if suffix == ".parquet":
            table = pd.read_parquet(path)
        else:
            text, _ = read_text(path)  # any encoding, as a speech file
            reader = pd.read_csv if suffix == ".csv" else lambda f: pd.read_json(f, lines=True, dtype=False)
            table = reader(io.StringIO(text))
    except SpeechError as exc:
        raise CorpusError(f"{path} cannot be read as a table: {exc}") from None
    except Exception as exc:  # pandas and pyarrow parser errors
        message = " ".join(str(exc).split())[:120]
        raise CorpusError(f"{path} cannot be read as a table ({type(exc).__name__}: {message})") from None
    return table_sources(table, label=str(path), text_column=text_column)


def table_sources(table: pd.DataFrame, *, label: str, text_column: str = "text") -> list[Source]:
    """One ``Source`` per row of ``table``: ``path`` ``label#n`` (n counted from 1), the row's text, its other
    columns as ``meta``; ``CorpusError`` when the text column is missing or the table has no row."""
    if text_column not in table.columns:
        shown = ", ".join(map(str, table.columns)) or "none"
        raise CorpusError(f"{label} has no text column {text_column!r}; its columns: {shown} (pass text_column=…)")
    if table.empty:
        raise CorpusError(f"{label} has no row: no document to read")
    out = []
    for n, row in enumerate(table.to_dict("records"), start=1):
        meta = {str(k): v for k, v in ((k, _meta_value(k, v)) for k, v in row.items() if k != text_column)}
        meta = {k: v for k, v in meta.items() if v is not None}
        name = next((meta[c] for c in NAME_COLUMNS if isinstance(meta.get(c), str)), None)
        text = row[text_column]
        text = "" if _missing(text) else str(text)
        out.append(Source(f"{label}#{n}", name or f"{Path(label).name}#{n}", text, meta, dict(meta)))
    return out


def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # arrays and lists are values
        return False


def parse_year(value: Any) -> int | None:
    """A year from a metadata value: 2017, 2017.0, "2017", "2017年", "2017-03-05"; None when it holds no single
    year of ``YEAR_RANGE``."""
    if isinstance(value, bool) or _missing(value):
        return None
    if isinstance(value, (int, float)) and float(value).is_integer():
        return int(value) if YEAR_RANGE[0] <= int(value) <= YEAR_RANGE[1] else None
    if isinstance(value, pd.Timestamp):
        return value.year
    return year_in_name(str(value))


def _meta_value(key: Any, value: Any) -> Any:
    """A table cell as metadata: None when empty, an int for a year, else a string (a date without its time)."""
    if _missing(value) or (isinstance(value, str) and not value.strip()):
        return None
    if str(key).strip().lower() == "year" and (year := parse_year(value)) is not None:
        return year
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# ------------------------------------------------------------------------------------------------- reading


def read_source(src: Source, *, lexicon=None, encoding: str | None = None) -> Speech:
    """The ``Speech`` of a source: its file read with ``zhspeech.load`` (any supported format), or its row's text
    parsed. A ``year`` in ``src.meta`` is the speech's year (for 今年, 去年). Raises the ``SpeechError`` of a bad
    file or an empty row."""
    year = parse_year(src.meta.get("year"))
    if src.text is None:
        return load(src.path, encoding=encoding, lexicon=lexicon, year=year)
    text = normalize(src.text)
    check_text(text, source=src.path)
    speech = parse(text, lexicon=lexicon, year=year)
    speech.encoding = "table"
    return speech


def file_sha256(src: Source) -> str:
    """SHA-256 of the file's bytes, or of a table row's text (UTF-8); ``SpeechFileError`` for a missing file."""
    if src.text is not None:
        return hashlib.sha256(src.text.encode("utf-8")).hexdigest()
    return hashlib.sha256(read_bytes(src.path)).hexdigest()


# ------------------------------------------------------------------------------------------------ metadata

_DOTS = "·•・‧･∙"
_NAME_SHAPE = re.compile(f"^[{HAN_CLASS}]{{2,4}}$")
_DOTTED_NAME = re.compile(f"^[{HAN_CLASS}]{{1,10}}(?:[{_DOTS}][{HAN_CLASS}]{{1,10}}){{1,3}}$")
_YEAR_SOURCES = {"date line": "front matter"}  # Speech.year_source → the source named here


def name_fields(name: str) -> tuple[str | None, str | None]:
    """Title and author a file name gives: the stem's first ``_`` field, and the first later field that is a
    plausible person's name (``is_person_name``): 2017政府工作报告_李克强.txt → (2017政府工作报告, 李克强);
    1964政府工作报告_周恩来_摘要.txt → (1964政府工作报告, 周恩来); report.txt → (report, None)."""
    fields = [f.strip() for f in Path(name).stem.split("_")]
    title = fields[0] or None
    author = next((f for f in fields[1:] if is_person_name(f)), None)
    return title, author


def is_person_name(text: str) -> bool:
    """Whether a file-name field reads as a person's name rather than a label such as 摘要, 全文 or 修订稿.

    A name is two to four Han characters, or Han names joined by a middle dot (雪克来提·扎克尔). Of those, a word
    of jieba's dictionary is a name when the dictionary tags it as one (nr) or the kit's list of historical
    figures holds it; a word outside the dictionary when jieba's part-of-speech model tags it as a name. Labels
    are common words with other tags (摘要 v, 全文 n, 修订稿 n) or unknown compounds the model reads as nouns
    (终稿, 第二稿). Checked on 121 names of Chinese leaders: 111 read as names; missed are names the dictionary files
    under another tag (回良玉, 黄镇) or the model reads otherwise (黄坤明, 栗战书), which leaves the author unknown
    rather than wrong. Of 87 labels of document versions, 2 are taken as names (修正 and 高清, tagged nr).
    Only a document whose front matter names no author needs this rule."""
    text = text.strip()
    if _DOTTED_NAME.match(text):
        return True
    if not _NAME_SHAPE.match(text):
        return False
    from ..rhetoric._people import historical_figures
    from ..tokens._fastcut import _guess_tag, dictionary_tags

    if text in historical_figures():
        return True
    tag = dictionary_tags().get(text)
    return (tag if tag is not None else _guess_tag(text)).startswith("nr")


def _given(src: Source, key: str) -> tuple[Any, str] | None:
    """A metadata value given with the source and where from: "table" (the row's own column) or "argument"."""
    value = src.meta.get(key)
    if _missing(value) or (isinstance(value, str) and not value.strip()):
        return None
    if key == "year":
        value = parse_year(value)
        if value is None:
            return None
    elif not isinstance(value, str):
        value = _meta_value(key, value)
    return value, "table" if key in src.row_meta and src.row_meta[key] == src.meta[key] else "argument"


def source_meta(speech: Speech, src: Source) -> dict[str, Any]:
    """Title, date, year and author of a document, each with its ``*_source``.

    Each value comes from the first of: the metadata given with the source (``src.meta``: a table's column,
    source "table", or the caller's, "argument"); the front matter (``Speech.title``, ``Speech.date`` and the year
    of the date line, ``Speech.byline.author``: "front matter"); the file name ("file name": its one four-digit
    year, the first ``_`` field as title, the first later field that is a person's name as author, see
    ``is_person_name``; not for table rows). A year missing everywhere comes from a given date. Missing: None.
    """
    out: dict[str, Any] = {}
    found = {
        "title": (speech.title, "front matter") if speech.title else None,
        "date": (speech.date, "front matter") if speech.date else None,
        "year": _speech_year(speech),
        "author": (speech.byline.author, "front matter") if speech.byline.author else None,
    }
    for key in ("title", "date", "year", "author"):
        value = _given(src, key) or found[key]
        if value is None and key in ("title", "author") and src.text is None:
            named = name_fields(src.name)[0 if key == "title" else 1]  # read only when needed: it loads a dictionary
            value = (named, "file name") if named else None
        if value is None and key == "year" and out["date"] is not None:
            value = (parse_year(out["date"]), out["date_source"])
        out[key], out[f"{key}_source"] = value if value is not None and value[0] is not None else (None, None)
    return out


def _speech_year(speech: Speech) -> tuple[int, str] | None:
    if speech.year is None:
        return None
    return speech.year, _YEAR_SOURCES.get(speech.year_source or "", speech.year_source or "file name")


def latest(source: Any, n: int = 2) -> list[str]:
    """The paths of the ``n`` most recent documents of ``source`` (anything :func:`list_sources` reads), oldest
    first: by the year of the file name, else of the document's front matter (read only when the name has none);
    documents without a year come before the dated ones, ties go by path. The compare notebook's default pair."""
    check_positive("n", n)
    dated = []
    for src in list_sources(source):
        year = year_in_name(src.name)
        if year is None:
            try:
                year = source_meta(read_source(src), src).get("year")
            except SpeechError:  # unreadable: not a candidate
                continue
        dated.append((year is not None, year or 0, src.path))
    if len(dated) < n:
        raise CorpusError(f"{source}: {n} readable documents needed, {len(dated)} found")
    return [path for _, _, path in sorted(dated)[-n:]]
