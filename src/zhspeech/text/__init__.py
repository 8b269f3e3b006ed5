"""One file → ``Speech``: read any encoding, model the structure of an official text, outline it."""

from .model import Byline, Finding, Heading, Point, Repair, Speech
from .outline import outline_dict, outline_text, textstat_findings, textstat_outline, textstat_points
from .read import load, normalize, parse, read_text

__all__ = [
    "Byline",
    "Finding",
    "Heading",
    "Point",
    "Repair",
    "Speech",
    "load",
    "normalize",
    "outline_dict",
    "outline_text",
    "parse",
    "read_text",
    "textstat_findings",
    "textstat_outline",
    "textstat_points",
]
