"""The lines before the body: title, byline and date line."""

from __future__ import annotations

import re

from .._checks import HAN_CLASS
from .blocks import Block, is_short_line
from .model import Byline

_ROLE_WORDS = (
    r"(?:总书记|书记|主席|副主席|总理|副总理|委员长|部长|副部长|省长|副省长|市长|副市长|县长|区长|州长|秘书长|"
    r"主任|副主任|院长|校长|会长|理事长|局长|署长|司长|厅长|大使|发言人|总裁|董事长|总经理|首席执行官|特使|"
    r"秘書長|書記|總理|部長|省長|市長|縣長|院長|會長|局長|主任|董事長|總經理|發言人)"
)

_ROLE = re.compile(_ROLE_WORDS + "$")

_ROLE_THEN_NAME = re.compile(rf"^(.{{2,}}?{_ROLE_WORDS})([{HAN_CLASS}·]{{2,4}})$")

_NAME = re.compile(f"^[{HAN_CLASS}·]{{2,5}}$")

_DATE_LINE = re.compile(
    r"^[（(]?\s*(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年[^。！？]{0,20}[）)]?$"
    r"|^[—－-]{1,2}.*$|^[（(].{2,40}[）)]$|.*在.{1,40}上的(?:讲话|致辞|发言|报告|演讲|講話|致辭|發言|演講)[）)]?$"
)


def _split_byline(text: str) -> Byline | None:
    parts = text.replace("\u3000", " ").split()
    if len(parts) == 2:
        a, b = parts
        if _ROLE.search(a) and _NAME.match(b):
            return Byline(author=b, role=a)
        if _ROLE.search(b) and _NAME.match(a):
            return Byline(author=a, role=b)
    if len(parts) == 1:
        m = _ROLE_THEN_NAME.match(text)
        if m:
            return Byline(author=m.group(2), role=m.group(1))
    return None


def front_matter(blocks: list[Block]) -> tuple[str | None, Byline, str | None, int]:
    """Title, byline and date/occasion from the leading blocks; returns how many blocks they use."""
    title, byline, dates = None, Byline(), []
    i = 0
    first = blocks[0] if len(blocks) > 1 else None
    if (
        first
        and first.heading_level == 0
        and (first.md_level or (is_short_line(first) and first.text[-1] not in "。！？!?；;：:，,"))
    ):
        title, i = blocks[0].text, 1
        blocks[0].kind = "title"
    while i < len(blocks) and i < 5 and blocks[i].heading_level == 0 and is_short_line(blocks[i]):
        block = blocks[i]
        found = _split_byline(block.text) if byline.author is None else None
        if found:
            byline, block.kind = found, "byline"
        elif _DATE_LINE.match(block.text):
            dates.append(block.text)
            block.kind = "date"
        else:
            break
        i += 1
    return title, byline, " ".join(dates) or None, i
