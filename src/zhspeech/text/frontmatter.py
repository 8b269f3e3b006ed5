"""The lines before the body (title, subtitle, date line, byline, salutation, web-page chrome) and the year they give.

``read_front_matter`` reads the leading blocks in whatever order they come, sets each one's ``kind`` and stops at
the first body line, numbered heading or table of contents (目录). Web-page chrome trailing at the end of a copied
page is marked too. Nothing here becomes a paragraph or a token.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from numbers import Integral

from .._checks import HAN_CLASS
from ..errors import OptionError
from .blocks import CN_DIGITS, Block, cn_to_int, is_short_line
from .model import Byline, FrontMatterLine

#: The years a document can be dated to (a year outside is a typo or not a year).
YEAR_RANGE = (1800, 2200)

_H = f"[{HAN_CLASS}]"

# ---------------------------------------------------------------------------------------------------- bylines

_ROLE_WORDS = (
    r"(?:总书记|书记|主席|总理|委员长|委员|部长|省长|市长|县长|区长|州长|旗长|乡长|镇长|秘书长|主任|院长|校长|会长|"
    r"理事长|局长|署长|司长|厅长|处长|大使|发言人|总裁|董事长|总经理|首席执行官|特使|行长|社长|台长|主编|总编辑|"
    r"检察长|审计长|司令员|政委|参谋长|行政长官|议长|总统|首相|总干事|干事长|馆长|所长|教授|研究员|院士|"
    r"總書記|書記|總理|委員長|委員|部長|省長|市長|縣長|區長|秘書長|院長|校長|會長|理事長|局長|署長|司長|廳長|"
    r"處長|發言人|總裁|董事長|總經理|行長|社長|檢察長|審計長|行政長官|議長|總統|總幹事|館長|研究員)"
)
_ROLE_END = re.compile(_ROLE_WORDS + "$")
_DOTS = "·•・‧･∙"
_NAME = re.compile(rf"^(?:{_H}{{2,5}}|{_H}{{1,10}}(?:·{_H}{{1,10}}){{1,3}})$")
_ROLE_THEN_NAME = re.compile(rf"^(.*?{_ROLE_WORDS})({_H}{{2,4}}|{_H}{{1,10}}(?:·{_H}{{1,10}}){{1,3}})$")
_NOT_NAMES = re.compile(_ROLE_WORDS + r"|代表|同志|报告|讲话|目录|前言|引言|序言|说明")


def _name(text: str) -> str | None:
    """``text`` as a person's name (dots unified to ·), or None."""
    name = "".join(text.split())
    name = re.sub(f"[{_DOTS}]", "·", name)
    return name if _NAME.match(name) and not _NOT_NAMES.search(name) else None


def _merge_padded(parts: list[str]) -> list[str]:
    """Rejoin a name padded with spaces, one character a part: 李　强 → 李强."""
    out: list[str] = []
    run = False  # the last part is a run of single characters
    for part in parts:
        single = len(part) == 1 and re.fullmatch(_H, part) is not None
        if single and out and (run or (len(out[-1]) == 1 and re.fullmatch(_H, out[-1]))):
            out[-1] += part
            run = True
            continue
        out.append(part)
        run = False
    return out


def split_byline(text: str) -> Byline | None:
    """Name and role from a byline in either order (任贤良 世界互联网大会秘书长, 国务院总理　李　强,
    副总理兼财政部长李先念, 新疆维吾尔自治区主席雪克来提·扎克尔); None if the line is not one."""
    text = text.strip()
    if len(text) > 60 or re.search(r"[。！？!?；;：:，,、（）()《》“”]", text):
        return None
    parts = _merge_padded(text.split())
    if len(parts) == 2:
        a, b = parts
        if _ROLE_END.search(a) and _name(b):
            return Byline(author=_name(b), role=a)
        if _ROLE_END.search(b) and _name(a):
            return Byline(author=_name(a), role=b)
    if len(parts) > 2 and _name(parts[0]) and _ROLE_END.search(parts[-1]):
        return Byline(author=_name(parts[0]), role=" ".join(parts[1:]))
    joined = re.sub(f"[{_DOTS}]", "·", "".join(text.split()))
    m = _ROLE_THEN_NAME.match(joined)
    if m and _name(m.group(2)) and m.group(1):
        role_end = len(joined) - len(m.group(2))
        return Byline(author=_name(m.group(2)), role=_role_as_written(text, role_end))
    return None


def _role_as_written(text: str, n_chars: int) -> str:
    """The first ``n_chars`` non-space characters of ``text``, with the spaces between them as written."""
    seen = 0
    for i, char in enumerate(text):
        if not char.isspace():
            seen += 1
            if seen == n_chars:
                return text[: i + 1].strip()
    return text.strip()


# ---------------------------------------------------------------------------------------------------- dates

_Y = r"(?:\d{4}|[〇零○一二三四五六七八九]{4})"
_M = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_D = r"(?:3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
_DATE = re.compile(
    rf"(?P<y>{_Y})年(?:(?P<m>{_M})月(?:(?P<d>{_D})[日号])?)?"
    rf"|(?P<iy>\d{{4}})(?P<sep>[-/.])(?P<im>{_M})(?P=sep)(?P<id>{_D})(?!\d)"
)
# a second day after the first: 5日至6日, 21日和22日, 30日和12月1日, 5—6日
_RANGE = re.compile(rf"\s*(?:至|到|和|及|、|—|–|-|~)\s*(?:{_Y}年)?(?:{_M}月)?{_D}[日号]")
_WEEKDAY = re.compile(r"\s*[（(]?(?:星期|礼拜|周)[一二三四五六日天][）)]?")
_DASHES = "—―─–－﹣\\-~～"  # —— and －－ open a date line
_DASH_OPEN = re.compile(rf"^[（(【\[]?\s*[{_DASHES}]{{0,2}}\s*")
_OCCASION = re.compile(
    r"在(?P<where>.{2,60}?)(?:上|中|时|期间|之际)"
    r"(?:的(?:讲话|致辞|发言|报告|演讲|主旨演讲|工作报告|政府工作报告|講話|致辭|發言|報告|演講))?"
)
_DELIVERED = re.compile(r"\s*(?:作|做|發表|发表)了?.{0,16}?(?:报告|讲话|致辞|发言|演讲|報告|講話|致辭|發言|演講|说明)$")


def year_of(text: str) -> int | None:
    """The year a four-digit numeral names (1955, 一九五五, 二〇三五), or None outside ``YEAR_RANGE``."""
    value = int(text) if text.isdigit() else int("".join(str(CN_DIGITS[c]) for c in text))
    return value if YEAR_RANGE[0] <= value <= YEAR_RANGE[1] else None


def _num(text: str | None) -> int | None:
    if not text:
        return None
    return int(text) if text.isdigit() else cn_to_int(text)


_SPACED_DIGITS = re.compile(r"(?<!\d)\d(?:[ \u3000]+\d)+(?!\d)")  # 1 9 9 8
_DATE_SPACE = re.compile(r"(?<=[\d〇零○一二三四五六七八九十])[ \u3000]+(?=[年月日号])|(?<=[年月])[ \u3000]+(?=\d)")


def _digits(text: str) -> str:
    """Full-width digits made ASCII and the spaces inside a written date removed (1 9 9 8 年3 月 → 1998年3月)."""
    text = "".join(unicodedata.normalize("NFKC", c) if "０" <= c <= "９" else c for c in text)
    text = _SPACED_DIGITS.sub(lambda m: "".join(m.group(0).split()), text)
    return _DATE_SPACE.sub("", text)


def date_of(text: str) -> tuple[str | None, int | None]:
    """(ISO date, year) of the first date written in ``text``: ``"1955-07-05"`` for 1955年7月5日至6日,
    ``"1958-02"`` for 一九五八年二月, ``"2024"`` for 2024年; (None, None) without one."""
    for m in _DATE.finditer(_digits(text)):
        y, mo, d = (m["y"], m["m"], m["d"]) if m["y"] else (m["iy"], m["im"], m["id"])
        year, month, day = year_of(y), _num(mo), _num(d)
        if year is None or (month is not None and not 1 <= month <= 12) or (day is not None and not 1 <= day <= 31):
            continue
        iso = f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if month and day else "")
        return iso, year
    return None, None


@dataclass(frozen=True)
class Dateline:
    iso: str | None
    year: int | None
    byline: Byline | None


def read_dateline(text: str) -> Dateline | None:
    """A date line: ——1954年5月23日在…会议上, （2024年1月23日）, 一九五八年二月三日, 1 9 9 8 年3 月5 日, a range
    (5日至6日, 30日和12月1日), the occasion alone (——在…上的讲话), or with the byline inside (——2024年1月23日省长
    某某在…上的讲话, …会议上某某省省长某某作政府工作报告). None if ``text`` is not one."""
    if len(text) > 100 or re.search(r"[。！？!?；;]", text[:-1]):
        return None
    s = _digits(text).strip()
    opened = bool(re.match(rf"^[（(【\[{_DASHES}]", s))
    trailing = re.search(rf"[（(]\s*((?:{_DATE.pattern})(?:{_RANGE.pattern})?)\s*[）)]$", s)
    if trailing and trailing.start() > 0:  # 在…上的讲话（2024年1月23日）
        s = trailing.group(1) + s[: trailing.start()]
    s = re.sub(r"[）)】\]]$", "", _DASH_OPEN.sub("", s)).strip()
    m = _DATE.match(s)
    iso, year, rest = None, None, s
    if m and (m["m"] or m["iy"]):
        iso, year = date_of(m.group(0))
        rest = s[m.end() :]
        if m["d"] or m["iy"]:
            rest = rest[_RANGE.match(rest).end() :] if _RANGE.match(rest) else rest
        rest = rest[_WEEKDAY.match(rest).end() :] if _WEEKDAY.match(rest) else rest
    if m is None and not (opened or re.search(r"上的(?:讲话|致辞|发言|报告|演讲|講話|致辭|發言|報告|演講)$", s)):
        return None
    if m is not None and iso is None:
        return None  # 2024年政府工作报告: a year without a month is a title, not a date line
    return _occasion_and_byline(rest.strip(" ，,"), iso, year)


def _occasion_and_byline(rest: str, iso: str | None, year: int | None) -> Dateline | None:
    """What follows the date: nothing, a place or time, an occasion (在…上), and a byline before or after it."""
    occasion = _OCCASION.search(rest)
    if occasion is None:
        if iso is None:
            return None
        if not rest or (len(rest) <= 10 and not re.search(r"的|以来|以后|以前|工作", rest) and not split_byline(rest)):
            return Dateline(iso, year, None)  # 2024年1月23日 北京
        byline = split_byline(rest)
        return Dateline(iso, year, byline) if byline else None
    if iso is None and occasion.start() > 30:
        return None
    before = rest[: occasion.start()].strip(" ，,")
    after = _DELIVERED.sub("", rest[occasion.end() :].strip(" ，,")).strip()
    bylines = [split_byline(part) if part else None for part in (before, after)]
    if (after and bylines[1] is None) or (before and bylines[0] is None and len(before) > 10):
        return None
    return Dateline(iso, year, bylines[0] or bylines[1])


# ---------------------------------------------------------------------------------------------------- salutations

_ADDRESSEE = (
    r"(?:尊敬的|亲爱的|敬爱的|尊敬的各位|親愛的|敬愛的)?[^\s，,、：:！!；;。？?]{0,10}?"
    r"(?:代表|委员|来宾|嘉宾|同志|朋友|女士|先生|同学|老师|同胞|校友|领导|专家|家长|员工|战友|青年|乡亲|"
    r"委員|來賓|同學|老師|領導|專家|家長|員工|戰友|鄉親)们?們?"
)
_SALUTATION_LINE = re.compile(rf"^(?P<s>{_ADDRESSEE}(?:\s*[、，,]\s*{_ADDRESSEE})*)\s*[：:！!，,]$")
# inside a paragraph only a plain address counts: 各位代表，现在… (not 这些专家，…)
_OPENS_ADDRESS = r"(?=各位|诸位|諸位|尊敬|亲爱|親愛|敬爱|敬愛|(?:同志|朋友|女士|先生|代表|同学|老师)[们們])"
_SALUTATION_OPENING = re.compile(
    rf"^(?P<s>{_OPENS_ADDRESS}{_ADDRESSEE}(?:\s*[、，,]\s*{_ADDRESSEE})*)\s*[：:！!，,](?=.)"
)


def salutation_line(text: str) -> str | None:
    """各位代表： / 各位代表！ / 名位代表： / 各位來賓、女士們、先生們： as a line of its own → the address
    without its closing mark; None otherwise."""
    if len(text) > 40:
        return None
    m = _SALUTATION_LINE.match(text.strip())
    return m["s"] if m else None


def opening_salutation(text: str) -> str | None:
    """The address that opens a body paragraph (各位代表，现在，我代表国务院…) → 各位代表; None otherwise."""
    m = _SALUTATION_OPENING.match(text.strip())
    return m["s"] if m and len(m["s"]) <= 40 else None


# ---------------------------------------------------------------------------------------------------- web chrome

_CHROME_LABEL = re.compile(
    r"^[【\[（(]?\s*(?:来源|來源|稿源|出处|文章来源|信息来源|稿件来源|新闻来源|时间|時間|发布时间|發佈時間|發布時間|"
    r"发布日期|发表时间|更新时间|日期|作者|编辑|編輯|责任编辑|責任編輯|责编|編審|编审|审核|校对|字号|字體|浏览次数|"
    r"浏览量|阅读量|阅读|阅读次数|点击数|点击|访问量|访问次数|索引号|发文机关|发布机构|主题分类|摄影|记者|通讯员|"
    r"供稿|当前位置|您的位置|您现在的位置|分享到|分享)\s*[：:]"
)
_CHROME_WORDS = frozenset(
    "字号 字體 大 中 小 默认 打印 打印本页 打印此页 打印本文 关闭 关闭窗口 关闭本页 分享 分享到 收藏 收藏本页 "
    "纠错 我要纠错 "
    "返回 返回顶部 顶部 扫一扫 手机看 微信 微博 朋友圈 QQ空间 复制链接 放大 缩小 保存 上一篇 下一篇 相关新闻 "
    "首页 正文 列印 關閉 分享至 字級".split()
)
_DATETIME = re.compile(r"^\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*")


def is_chrome(text: str) -> bool:
    """A line of a copied web page: 来源：…, 发布时间：…, 责任编辑：…, 【字号 大 中 小】, 打印 关闭, 分享到：…, and a
    navigation bar (首页 | 新闻 | 政务公开: three or more short items, one of them 首页)."""
    if len(text) > 120 or re.search(r"[。！？!?]$", text):
        return False
    rest = _DATETIME.sub("", text.strip())
    if rest != text.strip() and not rest:
        return False  # a date alone is a date line
    if _CHROME_LABEL.match(rest):
        return True
    words = [w for w in re.split(r"[\s【】\[\]()（）|｜/、>›»：:]+", rest) if w]
    if len(words) >= 3 and "首页" in words and all(len(w) <= 6 for w in words):
        return True
    return bool(words) and all(w in _CHROME_WORDS for w in words)


# ---------------------------------------------------------------------------------------------------- the reader

_TOC = re.compile(r"^(?:目\s*[录錄]|contents)\s*[：:]?$", re.IGNORECASE)
_REPORT_NAME = re.compile(
    r"^(?:关于|關於).+的(?:报告|說明|说明|報告)$|^在.+上的(?:讲话|致辞|发言|报告|講話|致辭|發言|報告)$"
)
_NAMED = re.compile(r"(?:报告|讲话|说明|决定|决议|意见|发言|致辞|報告|講話|說明|發言|致辭)$")
_ANCHORS = ("date", "byline", "salutation")
MAX_FRONT = 24  # leading blocks read at most (chrome included)


@dataclass
class FrontMatter:
    """What the lines before the body say; ``lines`` are filled with offsets once the text is assembled."""

    title: str | None = None
    subtitle: str | None = None
    byline: Byline = field(default_factory=Byline)
    date_text: str | None = None  # the date line(s) as written
    date: str | None = None  # ISO, possibly partial ("1955-07", "1955")
    year: int | None = None  # the year of the date line
    salutation: str | None = None
    lines: list[FrontMatterLine] = field(default_factory=list)


def _title_like(block: Block) -> bool:
    text = block.text
    return bool(block.md_level) or (is_short_line(block) and text[-1] not in "。！？!?；;：:，,、")


def _wraps(first: str, second: str) -> bool:
    """Does ``second`` continue a title line ``first`` broken in two?"""
    if first[-1] in "的之和与及并或对在为把将从向于、，,—-–":
        return True
    if len(second) <= 3 and _NAMED.search(second):
        return True
    return bool(re.match(r"^(?:关于|關於)", first) and not _NAMED.search(first) and _NAMED.search(second))


class _Reader:
    """Reads the leading blocks one by one; ``seen`` counts the anchors (date, byline, salutation) met so far."""

    def __init__(self, blocks: list[Block]) -> None:
        self.blocks, self.fm, self.seen, self.prev = blocks, FrontMatter(), 0, ""

    def _date(self, text: str, dateline: Dateline) -> str:
        self.fm.date_text = f"{self.fm.date_text} {text}" if self.fm.date_text else text
        if self.fm.date is None and dateline.iso:
            self.fm.date, self.fm.year = dateline.iso, dateline.year
        if dateline.byline and self.fm.byline.author is None:
            self.fm.byline = dateline.byline
        return "date"

    def classify(self, i: int) -> str | None:
        block, fm = self.blocks[i], self.fm
        text = block.text
        if is_chrome(text):
            return "chrome"
        if (address := salutation_line(text)) and fm.salutation is None:
            fm.salutation = address
            return "salutation"
        dateline = read_dateline(text)
        if dateline and (dateline.iso or fm.title is not None):
            return self._date(text, dateline)
        if fm.byline.author is None and (byline := split_byline(text) or self._name_alone(i)):
            fm.byline = byline
            return "byline"
        if not (_title_like(block) or self._long_title(i)) or self.seen:
            return None
        if fm.title is None or (self.prev == "title" and _wraps(fm.title, text)):
            fm.title = text if fm.title is None else fm.title + text
            return "title"
        if fm.subtitle is None or (self.prev == "subtitle" and _wraps(fm.subtitle, text)):
            fm.subtitle = text if fm.subtitle is None else fm.subtitle + text
            return "subtitle"
        return None

    def _long_title(self, i: int) -> bool:
        """A first line too long for a heading (a long title, or one with markup pasted into it) is the title when
        it ends without sentence punctuation and a date line, byline or salutation follows it."""
        if i or self.fm.title is not None or len(self.blocks) < 2 or self.blocks[0].text[-1] in "。！？!?；;：:，,、":
            return False
        after = self.blocks[1].text
        return bool(read_dateline(after) or split_byline(after) or salutation_line(after))

    def _name_alone(self, i: int) -> Byline | None:
        """A name with no role: 李　强 padded, or a name next to the date line (after the title)."""
        text = self.blocks[i].text
        if self.fm.title is None or len(text) > 12:
            return None
        padded = re.fullmatch(rf"{_H}[ \u3000]+{_H}(?:[ \u3000]+{_H})?", text)
        near_date = self.prev == "date" or (i + 1 < len(self.blocks) and read_dateline(self.blocks[i + 1].text))
        name = _name(text) if padded or near_date else None
        return Byline(author=name) if name else None


def _read_leading(reader: _Reader) -> int:
    blocks, i = reader.blocks, 0
    last_anchor = -1
    while i < min(len(blocks) - 1, MAX_FRONT):
        block = blocks[i]
        if block.heading_level or _TOC.match(block.text):
            break
        kind = reader.classify(i)
        if kind is None:
            break
        block.kind, reader.prev = kind, kind
        if kind in _ANCHORS:
            reader.seen, last_anchor = reader.seen + 1, i
        i += 1
        if kind == "salutation":
            break
    # a subtitle-like line that no date line, byline or salutation follows is the body's first (unnumbered) heading
    while i - 1 > last_anchor and blocks[i - 1].kind == "subtitle" and not _REPORT_NAME.match(reader.fm.subtitle or ""):
        blocks[i - 1].kind, reader.fm.subtitle, i = "body", None, i - 1
    return i


def _salutation_after_toc(reader: _Reader, toc: int) -> None:
    """各位代表： after a table of contents: the first line after the contents' short entries."""
    for j in range(toc + 1, min(len(reader.blocks), toc + 80)):
        block = reader.blocks[j]
        if (address := salutation_line(block.text)) and reader.fm.salutation is None:
            block.kind, reader.fm.salutation = "salutation", address
            return
        if not is_short_line(block) or block.text[-1] in "。！？!?":
            return


def read_front_matter(blocks: list[Block]) -> tuple[FrontMatter, int]:
    """The front matter of the leading blocks, and how many blocks it uses (their ``kind`` is set).

    Also marks web-page chrome at the end of the text (``kind`` "chrome"), a salutation standing after a table of
    contents, and front-matter lines repeated further down (``kind`` "other", see ``_mark_repeats``).

    A salutation that opens the first body paragraph (各位代表，现在，我代表…) is recorded in ``salutation`` but left
    in the paragraph: it is part of the sentence, like the 各位代表！ that open later paragraphs.
    """
    reader = _Reader(blocks)
    n = _read_leading(reader) if blocks else 0
    fm = reader.fm
    if n < len(blocks) and _TOC.match(blocks[n].text):
        _salutation_after_toc(reader, n)
    elif n < len(blocks) and fm.salutation is None and blocks[n].kind == "body" and not blocks[n].heading_level:
        fm.salutation = opening_salutation(blocks[n].text)
    end = len(blocks)
    while end - 1 > max(n, 0) and blocks[end - 1].kind == "body" and is_chrome(blocks[end - 1].text):
        end -= 1
        blocks[end].kind = "chrome"
    _mark_repeats(blocks, n)
    return fm, n


def _mark_repeats(blocks: list[Block], n: int) -> None:
    """A front-matter line (title, subtitle, date line, byline) repeated further down — a copied page that holds the
    text twice — and the salutation right after it: ``kind`` "other", so that they never join a paragraph."""
    seen = {"".join(b.text.split()) for b in blocks[:n] if b.kind in ("title", "subtitle", "date", "byline")}
    seen = {text for text in seen if len(text) >= 6}
    if not seen:
        return
    after_repeat = False
    for block in blocks[n:]:
        if block.kind == "body" and not block.heading_level and "".join(block.text.split()) in seen:
            block.kind, after_repeat = "other", True
        elif after_repeat and block.kind == "body" and salutation_line(block.text):
            block.kind, after_repeat = "other", False
        else:
            after_repeat = False


def check_year(year: object, option: str = "year") -> int | None:
    """``year`` as an int (None stays None); ``OptionError`` unless it is a whole number in ``YEAR_RANGE``."""
    if year is None:
        return None
    if isinstance(year, bool) or not isinstance(year, Integral) or not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        raise OptionError(
            f"{option} must be a whole number from {YEAR_RANGE[0]} to {YEAR_RANGE[1]} or None; got {year!r}"
        )
    return int(year)


def year_in_name(name: str) -> int | None:
    """The one four-digit year written in a file name (2017政府工作报告_李克强.txt → 2017); None if none or several."""
    found = {int(y) for y in re.findall(r"(?<!\d)(\d{4})(?!\d)", name) if YEAR_RANGE[0] <= int(y) <= YEAR_RANGE[1]}
    return found.pop() if len(found) == 1 else None
