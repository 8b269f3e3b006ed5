"""One file → ``Speech``: read the text in whatever encoding it is in, normalize it, parse its structure.

``read_text`` accepts UTF-8 (with or without BOM), UTF-16/32 with BOM and the Chinese legacy encodings
(GB18030/GBK/GB2312, Big5), detected with charset-normalizer; ``encoding=`` forces one. Line ends become LF and
the text is NFC-normalized. The file is opened read-only and never modified. ``read_document`` reads .docx,
.html/.htm and .pdf files too (``text.formats``), by their suffix.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from .._checks import HAN
from ..errors import SpeechContentError, SpeechDecodeError, SpeechFileError
from .formats import extract, format_of
from .frontmatter import check_year, year_in_name
from .model import Speech
from .structure import parse_structure

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Preferred names for what charset-normalizer reports: GB2312 and GBK are subsets of GB18030.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "big5": "big5hkscs"}


def normalize(text: str) -> str:
    """LF line ends, no BOM, Unicode NFC."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def check_text(text: str, *, source: str) -> None:
    """Raise ``SpeechContentError`` for text with nothing to analyse."""
    if not text.strip():
        raise SpeechContentError(f"{source} is empty (only whitespace): give a file with the speech's text")
    if not HAN.search(text):
        raise SpeechContentError(
            f"{source} contains no Chinese characters: zhspeech reads Chinese speeches "
            "(if it is Chinese in a legacy encoding, pass --encoding, e.g. --encoding gb18030)"
        )


def _decode_forced(data: bytes, encoding: str, source: str) -> str:
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise SpeechDecodeError(f"unknown encoding {encoding!r}: use e.g. utf-8, gb18030, big5 or utf-16") from None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise SpeechDecodeError(
            f"{source} cannot be decoded as {encoding} (byte {exc.start}): "
            "check the encoding, or leave it out to have it detected"
        ) from None


def _looks_binary(text: str) -> bool:
    sample = text[:200_000]
    return bool(sample) and len(_CONTROL.findall(sample)) > max(2, len(sample) // 1000)


def _detect(data: bytes, source: str) -> tuple[str, str]:
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                break
    if b"\x00" not in data:
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    for match in from_bytes(data):
        name = _SUPERSETS.get(match.encoding.lower(), match.encoding)
        try:
            text = data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        if HAN.search(text) and not _looks_binary(text):
            return text, name
    raise SpeechDecodeError(
        f"{source} is binary or in an encoding that could not be detected: "
        "save it as UTF-8 text, or pass --encoding (e.g. gb18030, big5)"
    )


def read_bytes(path: str | Path) -> bytes:
    """The bytes of ``path``; ``SpeechFileError`` when it is missing, a directory or unreadable,
    ``SpeechContentError`` when it is empty."""
    p = Path(path)
    source = str(path)
    if not p.exists():
        raise SpeechFileError(f"{source}: no such file (check the path)")
    if p.is_dir():
        raise SpeechFileError(f"{source} is a directory: give the path of a speech text file")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise SpeechFileError(f"{source} cannot be read ({exc.strerror or exc}): check its permissions") from None
    if not data.strip():
        raise SpeechContentError(f"{source} is empty: give a file with the speech's text")
    return data


def read_text(path: str | Path, *, encoding: str | None = None) -> tuple[str, str]:
    """Return the normalized text of ``path`` and the encoding it was read with."""
    source = str(path)
    data = read_bytes(path)
    if encoding:
        text, used = _decode_forced(data, encoding, source), encoding
    else:
        text, used = _detect(data, source)
    if _looks_binary(text):
        raise SpeechDecodeError(f"{source} looks like a binary file, not text: give a plain-text or markdown file")
    text = normalize(text)
    check_text(text, source=source)
    return text, used


def read_document(path: str | Path, *, encoding: str | None = None) -> tuple[str, str]:
    """The normalized text of a speech file of any supported format, and how it was read: the encoding of a
    text file (.txt, .md or any other suffix), or ``"docx"``, ``"html"`` or ``"pdf"`` (see ``text.formats``;
    ``encoding`` applies to text and HTML files)."""
    kind = format_of(path)
    if kind is None:
        return read_text(path, encoding=encoding)
    source = str(path)
    text = normalize(extract(kind, read_bytes(path), source=source, encoding=encoding))
    check_text(text, source=source)
    return text, kind


def _set_year(speech: Speech, year: int | None, name: str | None) -> Speech:
    """The document's year: the one given, else the date line's (set by the parser), else the file name's."""
    if year is not None:
        speech.year, speech.year_source = year, "argument"
    elif speech.year is None and name is not None and (found := year_in_name(name)) is not None:
        speech.year, speech.year_source = found, "file name"
    return speech


def load(
    path: str | Path,
    *,
    encoding: str | None = None,
    lexicon: str | Path | Sequence[str | Path] | None = None,
    year: int | None = None,
) -> Speech:
    """Read a speech from a file (plain text or markdown in any common Chinese encoding; .docx, .html/.htm or .pdf)
    and parse its structure.

    A .docx, web page or PDF is turned into lines first (``text.formats``: Word's paragraphs and tables; the page's
    main text; the PDF's paragraphs, page headers, footers and numbers left out) and ``Speech.encoding`` is then
    "docx", "html" or "pdf"; for a text file it is the encoding the file was read with.

    A speech is read as a sequence of blocks (non-empty lines). Front matter comes first, its lines in any order:
    web-page chrome (来源：…, 发布时间：…, 【字号 大 中 小】, 打印 关闭 — trailing at the end of a copied page too),
    the title (one line, or two when the first breaks off mid-phrase), a subtitle (关于…的报告), the date line
    (——1954年5月23日在…会议上, （2024年1月23日）, 一九五八年二月三日, １９５６年, 1 9 9 8 年; ranges 5日至6日, 30日和
    12月1日, dated by their first day), a byline with the author's name and role in either order (国务院总理　李　强 →
    李强; offices joined by 兼; names with a middle dot), possibly inside the date line, and a salutation (各位代表：).
    None of it is a paragraph or a token (``Speech.front_matter`` keeps every line with its kind). A table of contents
    (目录) ends the front matter. A salutation that opens the first paragraph (各位代表，现在，我代表…) is recorded in
    ``Speech.salutation`` and left in the paragraph.

    Then headings numbered 一、 (sections), （一） (subsections) and 1. / 1、 (third level), whatever their markdown
    level or with no markdown at all; body paragraphs, some opening with a bold lead sentence (a *point*); and
    sentences.

    Blocks cut mid-sentence by a page break (no closing punctuation, the next block continues it) are rejoined and
    every repair is reported; front-matter lines are never joined. The clean text (``Speech.text``) drops markdown
    markers, so the same speech with or without markup gives the same text and the same offsets.

    The document's year (``Speech.year``, used to resolve 今年/去年/明年) is ``year`` when given; else the year of the
    date line; else the one four-digit year in the file name (2017政府工作报告_李克强.txt); else unknown (None).
    ``Speech.year_source`` says which: "argument", "date line", "file name" or None. It is never guessed from the
    years the text mentions.
    """
    year = check_year(year)
    text, used = read_document(path, encoding=encoding)
    speech = parse_structure(text)
    speech.path = Path(path)
    speech.encoding = used
    speech.lexicon = lexicon
    return _set_year(speech, year, Path(path).name)


def parse(text: str, *, lexicon: str | Path | Sequence[str | Path] | None = None, year: int | None = None) -> Speech:
    """Parse a speech held in a string (normalized and structured as ``load`` describes).

    The year is ``year`` when given, else the date line's, else unknown (a string has no file name)."""
    year = check_year(year)
    text = normalize(text)
    check_text(text, source="<text>")
    speech = parse_structure(text)
    speech.lexicon = lexicon
    return _set_year(speech, year, None)
