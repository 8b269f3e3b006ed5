"""Errors the kit raises for bad input; the command line prints a ``SpeechError`` as one line and exits 2.

Every helper raises the same type for the same fault:

- ``OptionError`` — an option outside its allowed values or range (``by="point"``, ``top=0``);
- ``TableError`` — a table argument that is not a table or lacks columns the helper needs;
- ``SpeechFileError`` / ``SpeechDecodeError`` / ``SpeechContentError`` — a file that cannot be read as a speech;
- ``LexiconError`` / ``CodebookError`` — a malformed line of a lexicon or codebook.

``OptionError`` and ``TableError`` are also ``ValueError``s, so code that catches ``ValueError`` keeps working.
"""

from __future__ import annotations


class SpeechError(Exception):
    """Input the kit cannot use; the message says what is wrong and what to do."""


class SpeechFileError(SpeechError):
    """The path is missing, a directory, or cannot be read."""


class SpeechDecodeError(SpeechError):
    """The bytes are binary or in no encoding the kit can detect."""


class SpeechContentError(SpeechError):
    """The file decodes but holds no usable Chinese text."""


class LexiconError(SpeechError):
    """A lexicon file has a malformed line."""


class CodebookError(SpeechError):
    """A theme codebook has a malformed entry."""


class OptionError(SpeechError, ValueError):
    """An option has a value outside the allowed ones; the message names the option and what is allowed."""


class TableError(SpeechError, ValueError):
    """A table argument is not a table, or lacks columns the helper needs; the message names them."""


class NotebookFailed(Exception):
    """A notebook raised while the report executed it. Not a ``SpeechError``: the command exits 1, not 2."""

    def __init__(self, notebook: str, cell: int, source: str, error: str, executed) -> None:
        self.notebook, self.cell, self.source, self.error, self.executed = notebook, cell, source, error, executed
        super().__init__(f"{notebook}: failed {self.where} -> {error} (executed notebook: {executed})")

    @property
    def where(self) -> str:
        """``at cell 4 (y = x + 1)``, or ``before its first cell`` / ``as its kernel started`` (cell 0)."""
        return f"at cell {self.cell} ({self.source})" if self.cell else self.source


class CorpusError(SpeechError):
    """A corpus source with no document to read: an empty folder, a pattern matching nothing, a table without
    its text column."""
