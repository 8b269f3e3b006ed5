"""Errors the kit raises for bad input. The command line prints them as one line and exits 2."""
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
