"""Traditional and simplified script: which one a text is written in, and its simplified form (OpenCC ``t2s``),
character for character so every offset into the simplified form is an offset into the text as written."""

from __future__ import annotations

from functools import cache, lru_cache

from .._checks import HAN

#: A text is traditional when at least this share of its Han characters change under t2s (a simplified text with a
#: few traditional names or quotations stays below it: OpenCC changes about 0 % of a simplified text, 15–25 % of a
#: traditional one).
TRADITIONAL_SHARE = 0.04
#: Fewer Han characters than this are too few to judge: the text counts as traditional if any character changes.
_MIN_HAN = 50


@lru_cache(maxsize=1)
def _t2s():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """``text`` in simplified characters, of the same length: OpenCC's phrase-aware t2s on each line; where a line's
    conversion changes its length (a rare phrase mapping), that line is converted character by character."""
    if not text:
        return text
    cc = _t2s()
    whole = cc.convert(text)
    if len(whole) == len(text):
        return whole
    lines = text.split("\n")
    out = []
    for line in lines:
        converted = cc.convert(line)
        if len(converted) != len(line):
            converted = "".join(_one(cc, ch) for ch in line)
        out.append(converted)
    return "\n".join(out)


def _one(cc, ch: str) -> str:  # type: ignore[no-untyped-def]
    converted = cc.convert(ch)
    return converted if len(converted) == 1 else ch


@cache
def simplified_char(ch: str) -> str:
    """The simplified form of one character (itself when t2s would give none, or more than one)."""
    return _one(_t2s(), ch)


def script_of(text: str, simplified: str | None = None) -> str:
    """``"traditional"`` or ``"simplified"``: traditional when at least :data:`TRADITIONAL_SHARE` of the Han
    characters differ from their simplified form (any one, for a text of fewer than 50 Han characters)."""
    simplified = to_simplified(text) if simplified is None else simplified
    han = changed = 0
    for a, b in zip(text, simplified):
        if HAN.match(a):
            han += 1
            changed += a != b
    if not changed:
        return "simplified"
    if han < _MIN_HAN:
        return "traditional"
    return "traditional" if changed / han >= TRADITIONAL_SHARE else "simplified"
