"""Rhetoric: the devices a reader of a Chinese policy text looks for, each found as a tidy table.

``formulas`` (numbered 提法), ``enumerations`` (一是…二是…), ``parallels`` (排比, 对偶), ``quotations`` (direct speech
and quoted terms), ``documents`` (titles in 《…》), ``timeline`` (dated events) and ``entities`` (people, places,
organizations). Every table carries ``sentence`` ids and ``start``/``end`` offsets into ``speech.text``, so
``speech.text[start:end]`` is the text found.
"""

from __future__ import annotations

from ._documents import documents
from ._entities import entities
from ._enumerations import enumerations
from ._formulas import formulas
from ._parallels import parallels
from ._quotations import quotations
from .dates import timeline

__all__ = ["documents", "entities", "enumerations", "formulas", "parallels", "quotations", "timeline"]
