"""The text of .docx, .html and .pdf files, as lines the structure parser reads like a .txt file.

- **.docx** (python-docx): the body's paragraphs and tables in document order. A paragraph in a heading style
  (Title, Heading 1–6, 标题 1–6) becomes a markdown heading line (``## 一、…``); a paragraph that opens with bold
  runs ending a sentence keeps them as a bold lead (``**…。**…``), as in the markdown the kit reads. A table row is
  one line, its cells separated by a tab (a one-cell row, a frame around text, gives its paragraphs as lines).
  Page headers, footers, footnotes and text boxes are left out.
- **.html / .htm** (trafilatura, offline): the page's main text, with ``favor_precision`` (on government pages it
  keeps the article whole and leaves out navigation, related links and the footer), one line per paragraph.
- **.pdf** (pypdf, layout mode): the visual lines of each page are rejoined into paragraphs — a line continues the
  one before when that one runs to the right margin and it is not indented or set off by extra space — then the
  pages are joined with line breaks, so a sentence cut by a page break is rejoined (and reported) by the parser
  like any other. Running headers and footers (an edge line repeated, digits aside, on half the pages or more) and
  bare page numbers (``— 3 —``, ``第3页``, ``3/20``) at the top or bottom of a page are dropped.

Each reader takes the file's bytes and returns its text; a file the library cannot read raises
``SpeechDecodeError`` (or ``SpeechFileError`` for an encrypted PDF), a page without main text
``SpeechContentError``, each with a one-line message.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import SpeechContentError, SpeechDecodeError, SpeechError, SpeechFileError

#: File suffixes read by this module, and the format name ``Speech.encoding`` records for them.
FORMATS = {".docx": "docx", ".html": "html", ".htm": "html", ".xhtml": "html", ".pdf": "pdf"}


def format_of(path: str | Path) -> str | None:
    """``"docx"``, ``"html"`` or ``"pdf"`` for a file this module reads (by its suffix), else None (plain text)."""
    return FORMATS.get(Path(path).suffix.lower())


def extract(kind: str, data: bytes, *, source: str, encoding: str | None = None) -> str:
    """The text of a file's bytes in format ``kind`` (see ``FORMATS``); ``encoding`` is used for HTML only."""
    if kind == "docx":
        return docx_text(data, source=source)
    if kind == "html":
        return html_text(data, source=source, encoding=encoding)
    if kind == "pdf":
        return pdf_text(data, source=source)
    raise ValueError(f"unknown format {kind!r}")


def _why(exc: BaseException) -> str:
    """An exception as a short single line: ``BadZipFile: File is not a zip file``."""
    message = " ".join(str(exc).split())
    message = message[:117] + "…" if len(message) > 120 else message
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


# ------------------------------------------------------------------------------------------------------ .docx

_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*([1-6])$", re.IGNORECASE)
_TITLE_STYLE = re.compile(r"^(?:title|标题)$", re.IGNORECASE)
_LEAD_END = "。！？!?"


def docx_text(data: bytes, *, source: str) -> str:
    """The body of a .docx file as lines (see the module docstring)."""
    try:
        from docx import Document

        document = Document(io.BytesIO(data))
        return "\n".join(_block_lines(document))
    except Exception as exc:  # python-docx raises zip, XML and key errors for a damaged file
        raise SpeechDecodeError(
            f"{source} is not a readable .docx file ({_why(exc)}): open it in Word and save it again as .docx"
        ) from None


def _block_lines(container) -> Iterator[str]:
    """Lines of a document body or a table cell: its paragraphs and tables, in order."""
    from docx.table import Table

    for item in container.iter_inner_content():
        if isinstance(item, Table):
            yield from _table_lines(item)
        else:
            yield _paragraph_line(item)


def _table_lines(table) -> Iterator[str]:
    for row in table.rows:
        cells = list({id(c._tc): c for c in row.cells}.values())  # a merged cell repeats in row.cells
        if len(cells) == 1:
            yield from _block_lines(cells[0])
        else:
            yield "\t".join(" ".join(line.strip() for line in _block_lines(c) if line.strip()) for c in cells)


def _paragraph_line(paragraph) -> str:
    """A paragraph's text, with ``#`` for a heading style and ``**…**`` around a bold lead."""
    text = paragraph.text
    style = paragraph.style.name if paragraph.style is not None else ""
    if text.strip() and (m := _HEADING_STYLE.match(style) or _TITLE_STYLE.match(style)):
        level = int(m.group(1)) if m.groups() else 1
        return "#" * level + " " + text.strip()
    lead = _bold_lead(paragraph)
    return f"**{lead}**{text[len(lead) :]}" if lead else text


def _bold_lead(paragraph) -> str:
    """The bold runs that open a paragraph when they end a sentence and text follows them; else ""."""
    lead = ""
    for run in paragraph.runs:
        if run.bold is not True:
            break
        lead += run.text
    stripped = lead.rstrip()
    text = paragraph.text
    if not stripped or stripped[-1] not in _LEAD_END or not text.startswith(lead) or not text[len(lead) :].strip():
        return ""
    return "" if "*" in lead or "\n" in lead else lead


# ------------------------------------------------------------------------------------------------------ .html


def html_text(data: bytes, *, source: str, encoding: str | None = None) -> str:
    """The main text of a web page, one line per paragraph (trafilatura, no network), headed by the article's
    title when the page shows it as a heading (h1–h3) and the extracted text leaves it out."""
    import trafilatura
    from trafilatura.utils import load_html

    content: bytes | str = data
    if encoding:
        try:
            content = data.decode(encoding)
        except (LookupError, UnicodeDecodeError) as exc:
            raise SpeechDecodeError(f"{source} cannot be decoded as {encoding} ({_why(exc)})") from None
    try:
        tree = load_html(content)
        headings = (
            {" ".join(h.text_content().split()) for h in tree.iter("h1", "h2", "h3")} if tree is not None else set()
        )
        document = trafilatura.bare_extraction(
            tree if tree is not None else content,
            favor_precision=True,
            include_comments=False,
            include_tables=True,
            with_metadata=True,
        )
    except Exception as exc:  # lxml and trafilatura errors on markup they cannot parse
        raise SpeechDecodeError(f"{source} is not a readable web page ({_why(exc)})") from None
    text = (document.text or "") if document is not None else ""
    if not text.strip():
        raise SpeechContentError(
            f"{source}: no main text found in the web page: save the article's text as .txt and read that"
        )
    title = " ".join((document.title or "").split())
    if title and title in headings and title not in text.strip().splitlines()[:5]:
        text = f"{title}\n{text}"
    return text


# ------------------------------------------------------------------------------------------------------- .pdf


@dataclass(frozen=True)
class _Line:
    """A visual line of a PDF page in pypdf's layout text: its text, where it starts and ends (in character
    cells) and the blank lines above it (vertical space)."""

    text: str
    indent: int
    end: int
    gap: int


def pdf_text(data: bytes, *, source: str) -> str:
    """The text of a PDF: paragraphs rejoined on each page, page furniture dropped, pages joined by line breaks."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    encrypted = f"{source} is an encrypted PDF: save an unencrypted copy (or its text) and read that"
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise SpeechFileError(encrypted)
        pages = [_page_lines(page) for page in reader.pages]
    except (DependencyError, FileNotDecryptedError):
        raise SpeechFileError(encrypted) from None
    except SpeechError:
        raise
    except Exception as exc:  # pypdf raises its own and stream errors for a damaged file
        raise SpeechDecodeError(f"{source} is not a readable PDF ({_why(exc)}): save it again as PDF") from None
    pages = drop_furniture(pages)
    if not any(pages):
        raise SpeechContentError(f"{source} has no text layer (a scanned PDF?): run OCR on it first")
    return "\n".join(reflow(pages))


#: A space pypdf puts inside a decimal number of a justified line (74. 4 → 74.4).
_DECIMAL_GAP = re.compile(r"(?<=\d[.．])[ \u3000]+(?=\d)")


def _page_lines(page) -> list[_Line]:
    """The visual lines of a page from pypdf's layout mode (plain mode if layout fails on the page)."""
    try:
        layout = page.extract_text(extraction_mode="layout")
    except Exception:  # layout mode gives up on some fonts and matrices; the plain text is still there
        layout = page.extract_text()
    lines: list[_Line] = []
    blanks = 0
    for raw in layout.split("\n"):
        text = raw.strip(" \u3000\t")
        if not text:
            blanks += 1
            continue
        indent = len(raw) - len(raw.lstrip(" \u3000\t"))
        lines.append(
            _Line(_DECIMAL_GAP.sub("", re.sub(r" {2,}", " ", text)), indent, indent + len(text), blanks if lines else 0)
        )
        blanks = 0
    return lines


_PAGE_NUMBER = re.compile(
    r"[-—–－―~～·•.]*(?:第?\d{1,3}页?(?:[/／]\d{1,3}|共\d{1,3}页)?|page\d{1,3}(?:of\d{1,3})?)[-—–－―~～·•.]*",
    re.IGNORECASE,
)
_EDGE = 2  # lines at the top and at the bottom of a page looked at for headers, footers and page numbers


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", "".join(text.split()))


def drop_furniture(pages: list[list[_Line]]) -> list[list[_Line]]:
    """Pages without running headers and footers (an edge line repeated, digits aside, at the same edge of at
    least half the pages, and of two) and bare page numbers (up to three digits, so not a year) at a page's edge.
    A title that is also the running header goes with the header: nothing in the text tells them apart."""
    seen: Counter = Counter()
    for lines in pages:
        seen.update({("top", _furniture_key(x.text)) for x in lines[:_EDGE]})
        seen.update({("bottom", _furniture_key(x.text)) for x in lines[-_EDGE:]})
    repeated = {key for key, n in seen.items() if n >= max(2, (len(pages) + 1) // 2)}

    def furniture(line: _Line, edge: str) -> bool:
        key = _furniture_key(line.text)
        return (edge, key) in repeated or _PAGE_NUMBER.fullmatch("".join(line.text.split())) is not None

    out = []
    for lines in pages:
        top = [i for i in range(min(_EDGE, len(lines))) if furniture(lines[i], "top")]
        bottom = [i for i in range(max(len(lines) - _EDGE, 0), len(lines)) if furniture(lines[i], "bottom")]
        drop = set(top) | set(bottom)
        out.append([x for i, x in enumerate(lines) if i not in drop])
    return out


def _layout_measures(pages: list[list[_Line]]) -> tuple[int, int, int, int]:
    """The text block of the document: its left edge (the smallest indent of two lines or more), right edge (the
    commonest end of the longer half of the lines), the tolerance for a full line, and the usual blank lines
    between lines of a paragraph."""
    lines = [x for page in pages for x in page]
    indents = Counter(x.indent for x in lines)
    left = min((i for i, n in indents.items() if n >= 2), default=min(indents))
    ends = sorted(x.end for x in lines)
    right = Counter(ends[len(ends) // 2 :]).most_common(1)[0][0]
    gaps = Counter(x.gap for page in pages for x in page[1:])
    pitch = min(gaps.most_common(), key=lambda kv: (-kv[1], kv[0]))[0] if gaps else 0
    return left, right, max(2, (right - left) // 10), pitch


def _join(a: str, b: str) -> str:
    """Two pieces of a wrapped line: a space only between two Latin letters or digits."""
    return f"{a} {b}" if a[-1:].isascii() and a[-1:].isalnum() and b[:1].isascii() and b[:1].isalnum() else a + b


def reflow(pages: list[list[_Line]]) -> list[str]:
    """One string per page: its paragraphs, one a line. A line continues the previous one when that one runs to
    the right edge (within the tolerance) and this one is neither indented nor set off by extra space."""
    if not any(pages):
        return []
    left, right, tolerance, pitch = _layout_measures(pages)
    out = []
    for lines in pages:
        paragraphs: list[str] = []
        for i, line in enumerate(lines):
            prev = lines[i - 1] if i else None
            continues = (
                prev is not None and prev.end >= right - tolerance and line.indent <= left + 1 and line.gap <= pitch
            )
            if continues:
                paragraphs[-1] = _join(paragraphs[-1], line.text)
            else:
                paragraphs.append(line.text)
        out.append("\n".join(paragraphs))
    return out
