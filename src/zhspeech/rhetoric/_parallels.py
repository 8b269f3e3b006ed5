"""Parallel frames (排比, 对偶): sentences, point leads and clauses built on one template."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Literal

import pandas as pd

from .._checks import check_choice
from ._common import SentenceIndex, clauses, frame_table, strip_terminal

Part = str | None  # fixed text, or None for a slot
SLOT_NAMES = "XYZWVU"
_CLAUSE_MARK = re.compile("[，；：,;:]")
SENTENCE_MAX = 60
WINDOW = 8
COLUMNS = ["parallel", "scope", "frame", "fillers", "n", "sentence", "sentences", "start", "end"]
MEMBER_COLUMNS = ["parallel", "scope", "frame", "member", "text", "fillers", "sentence", "start", "end"]
Scope = Literal["all", "sentence", "clause"]
_SCOPES = ("all", "sentence", "clause")


@dataclass(frozen=True)
class _Unit:
    start: int
    end: int
    text: str
    sentence: int


# ---------------------------------------------------------------- frames


def _positional(texts: list[str]) -> tuple[Part, ...]:
    parts: list[Part] = []
    for chars in zip(*texts):
        same = all(c == chars[0] for c in chars)
        if same and parts and isinstance(parts[-1], str):
            parts[-1] += chars[0]
        elif same:
            parts.append(chars[0])
        elif not parts or parts[-1] is not None:
            parts.append(None)
    return tuple(parts)


def _pairwise(a: str, b: str) -> tuple[Part, ...]:
    blocks = [(k.a, k.b, k.size) for k in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks() if k.size]
    while True:  # drop blocks that would leave a slot empty on one side only
        bad = None
        for i in range(len(blocks) + 1):
            pa, pb = (blocks[i - 1][0] + blocks[i - 1][2], blocks[i - 1][1] + blocks[i - 1][2]) if i else (0, 0)
            na, nb = (blocks[i][0], blocks[i][1]) if i < len(blocks) else (len(a), len(b))
            if (na == pa) != (nb == pb):
                bad = i
                break
        if bad is None:
            break
        neighbours = [j for j in (bad - 1, bad) if 0 <= j < len(blocks)]
        del blocks[min(neighbours, key=lambda j: blocks[j][2])]
    parts: list[Part] = []
    pa = 0
    for ia, _, size in [*blocks, (len(a), len(b), 0)]:
        if ia > pa:
            parts.append(None)
        if size:
            parts.append(a[ia : ia + size])
        pa = ia + size
    return tuple(parts)


def _regex(frame: tuple[Part, ...], anchored_end: bool = True) -> re.Pattern:
    slots = [i for i, p in enumerate(frame) if p is None]
    body = "".join(
        re.escape(p) if p is not None else ("(.+)" if i == slots[-1] and anchored_end else "(.+?)")
        for i, p in enumerate(frame)
    )
    return re.compile("^" + body + ("$" if anchored_end else ""))


def frame_text(frame: tuple[Part, ...]) -> str:
    """The frame with its slots named X, Y, Z …: ``倡导X，构建更加Y的网络空间``."""
    names = iter(list(SLOT_NAMES) + [f"X{i}" for i in range(7, 100)])
    return "".join(p if p is not None else next(names) for p in frame)


def _fixed(frame: tuple[Part, ...]) -> int:
    return sum(len(p) for p in frame if p)


def _acceptable(frame: tuple[Part, ...], fillers: list[tuple[str, ...]], texts: list[str], scope: str) -> bool:
    if None not in frame or (frame[0] is None and frame[-1] is None):
        return False  # identical members, or no shared start or end
    ratio = _fixed(frame) / (sum(map(len, texts)) / len(texts))
    if scope == "sentence":
        shapes = {_clause_count(t) for t in texts}
        return _fixed(frame) >= 4 and ratio >= 0.5 and len(shapes) == 1
    even = all(len({len(f[k]) for f in fillers}) == 1 for k in range(len(fillers[0])))
    return (_fixed(frame) >= 2 and ratio >= 0.25) or (even and ratio >= 0.2 and min(map(len, fillers[0])) >= 2)


@dataclass
class _Group:
    scope: str
    frame: tuple[Part, ...]
    members: list[_Unit]
    fillers: list[tuple[str, ...]]

    @property
    def key(self) -> tuple[int, int, int]:
        return (-len(self.members), -_fixed(self.frame), self.members[0].start)


def _refine(group: _Group) -> _Group | None:
    """Align equal-length members position by position when that shares more; None if not acceptable."""
    texts = [u.text for u in group.members]
    if len({len(t) for t in texts}) == 1:
        positional = _positional(texts)
        if _fixed(positional) >= _fixed(group.frame) and None in positional:
            rx = _regex(positional)
            group = _Group(group.scope, positional, group.members, [rx.match(t).groups() for t in texts])
    if not _acceptable(group.frame, group.fillers, texts, group.scope):
        return None
    return group


@lru_cache(maxsize=4096)
def _pair_frame(a: str, b: str) -> tuple[Part, ...] | None:
    """The frame two texts share (anchored, with slots both fill), or None."""
    if a == b:
        return None
    # members of equal length are aligned position by position (the usual case of 对仗); others by their longest
    # common blocks (difflib)
    frame = _positional([a, b]) if len(a) == len(b) else _pairwise(a, b)
    if not _fixed(frame) or None not in frame or (frame[0] is None and frame[-1] is None):
        return None
    rx = _regex(frame)
    return frame if rx.match(a) and rx.match(b) else None


# ---------------------------------------------------------------- sentence scope


def _sentence_units(speech, index: SentenceIndex) -> list[_Unit]:
    text = speech.text
    units: dict[tuple[int, int], _Unit] = {}
    spans = [(start, end) for _, start, end, _ in index.spans()]
    spans += [(p.start, p.end) for p in getattr(speech, "points", None) or []]
    for start, end in spans:
        a, b = strip_terminal(text, start, end)
        if 4 <= b - a <= SENTENCE_MAX:
            units.setdefault((a, b), _Unit(a, b, text[a:b], index.sentence(a)))
    return sorted(units.values(), key=lambda u: (u.start, u.end))


def _may_pair(a: str, b: str) -> bool:
    """Cheap tests a sentence pair must pass before alignment: same number of clauses, and lengths close enough
    for half of them to be shared."""
    return 3 * min(len(a), len(b)) >= max(len(a), len(b)) and _clause_count(a) == _clause_count(b)


def _clause_count(text: str) -> int:
    return len(_CLAUSE_MARK.findall(text))


def _sentence_groups(units: list[_Unit]) -> list[_Group]:
    # linear in the length of the text: candidates are bucketed by their first and by their last two characters,
    # and each is compared with the next few (WINDOW) in its bucket
    buckets: dict[tuple[str, str], list[_Unit]] = {}
    for u in units:
        buckets.setdefault(("start", u.text[:2]), []).append(u)
        buckets.setdefault(("end", u.text[-2:]), []).append(u)
    candidates: list[_Group] = []
    seen: set[tuple[int, int]] = set()
    for bucket in buckets.values():
        for i, u in enumerate(bucket):
            for j in range(i + 1, min(len(bucket), i + 1 + WINDOW)):
                v = bucket[j]
                if (u.start, v.start) in seen:
                    continue
                seen.add((u.start, v.start))
                if not _may_pair(u.text, v.text):
                    continue
                frame = _pair_frame(u.text, v.text)
                if frame is None:
                    continue
                rx = _regex(frame)
                members = [u, v] + [w for w in bucket[j + 1 : j + 1 + WINDOW] if rx.match(w.text)]
                group = _refine(_Group("sentence", frame, members, [rx.match(w.text).groups() for w in members]))
                if group:
                    candidates.append(group)
    return _disjoint(candidates)


def _disjoint(candidates: list[_Group]) -> list[_Group]:
    """Largest groups first (then most shared text, then earliest); no unit in two groups."""
    chosen: list[_Group] = []
    used: set[tuple[int, int]] = set()
    for group in sorted(candidates, key=lambda g: g.key):
        spans = {(u.start, u.end) for u in group.members}
        if not spans & used:
            chosen.append(group)
            used |= spans
    return chosen


# ---------------------------------------------------------------- clause scope

CLAUSE_MAX = 30


def _first_member_starts(a: str, b: str) -> list[int]:
    """Where the first member may begin inside clause ``a``: its start, where ``b``'s opening reappears late in
    ``a`` (对共同维护 → 共同维护), or ``len(b)`` before its end when both end alike (…的亲历者 → 亲历者)."""
    starts = [0]
    for k in (2, 1):
        pos = a.rfind(b[:k])
        if pos > 0:
            starts.append(pos)
            break
    if len(a) > len(b) and a[-1] == b[-1]:
        starts.append(len(a) - len(b))
    return list(dict.fromkeys(starts))


def _fit(frame: tuple[Part, ...], text: str, last_slot_no_de: bool) -> tuple[int, tuple[str, ...], bool] | None:
    """How a later clause fills ``frame``: (member length, fillers, clause goes on after the member)."""
    m = _regex(frame).match(text)
    if m:
        fillers = m.groups()
        if frame[-1] is None and last_slot_no_de and "的" in fillers[-1][1:]:
            cut = m.start(len(fillers)) + fillers[-1].index("的", 1)
            return cut, fillers[:-1] + (text[m.start(len(fillers)) : cut],), True
        return len(text), fillers, False
    if frame[-1] is not None:
        m = _regex(frame, anchored_end=False).match(text)
        if m:
            return m.end(), m.groups(), True
    return None


def _widen(frame: tuple[Part, ...], members: list[_Unit], text: str) -> tuple[Part, ...] | None:
    """A coarser frame that also takes ``text`` (稳就业、稳企业 share 稳X业; with 稳预期, 稳X), if still acceptable."""
    texts = [u.text for u in members] + [text]
    options = [_pair_frame(members[0].text, text)]
    if len({len(t) for t in texts}) == 1:
        options.append(_positional(texts))
    best = None
    for option in options:
        if option is None or None not in option or not _fixed(option) or option == frame:
            continue
        rx = _regex(option)
        matches = [rx.match(t) for t in texts]
        if (
            all(matches)
            and _acceptable(option, [m.groups() for m in matches], texts, "clause")
            and (best is None or _fixed(option) > _fixed(best))
        ):
            best = option
    return best


def _grow_clauses(frame: tuple[Part, ...], first: _Unit, second: _Unit, rest: list[_Unit]) -> _Group | None:
    members = [first, second]
    for unit in rest:
        fillers = [_regex(frame).match(u.text).groups() for u in members]
        fit = _fit(frame, unit.text, all("的" not in f[-1] for f in fillers))
        if fit is None and len(unit.text) <= CLAUSE_MAX:
            wider = _widen(frame, members, unit.text)
            frame, fit = (wider, (len(unit.text), (), False)) if wider else (frame, None)
        if fit is None:
            break
        length, _, goes_on = fit
        members.append(_Unit(unit.start, unit.start + length, unit.text[:length], unit.sentence))
        if goes_on:
            break
    if len(members) < 3:
        return None
    rx = _regex(frame)
    return _refine(_Group("clause", frame, members, [rx.match(u.text).groups() for u in members]))


def _clause_group(units: list[_Unit], i: int) -> _Group | None:
    """The best clause frame opening at ``units[i]`` (its first member possibly starting inside the clause)."""
    a, b = units[i], units[i + 1]
    if len(b.text) > CLAUSE_MAX:
        return None
    best = None
    for offset in _first_member_starts(a.text, b.text):
        first = _Unit(a.start + offset, a.end, a.text[offset:], a.sentence)
        second = b
        if len(first.text) > CLAUSE_MAX:
            continue
        frame = _pair_frame(first.text, second.text)
        if frame is None:
            continue
        group = _grow_clauses(frame, first, second, units[i + 2 :])
        if group and (best is None or group.key < best.key):
            best = group
    return best


def _clause_groups(index: SentenceIndex) -> list[_Group]:
    groups: list[_Group] = []
    text = index.text
    for sid, start, _end, sent in index.spans():
        units = [_Unit(a, b, text[a:b], sid) for a, b in clauses(sent, start)]
        i = 0
        while i < len(units) - 2:
            group = _clause_group(units, i)
            if group:
                groups.append(group)
                i += len(group.members)
            else:
                i += 1
    return groups


# ---------------------------------------------------------------- tables


def _fillers_cell(fillers: tuple[str, ...]) -> str | tuple[str, ...]:
    return fillers[0] if len(fillers) == 1 else tuple(fillers)


def parallel_members(speech, *, scope: Scope = "all") -> pd.DataFrame:
    """One row per member of a parallel: parallel id, scope, frame, member number, text, fillers, sentence,
    start, end (see ``parallels``)."""
    check_choice("scope", scope, _SCOPES)
    index = SentenceIndex(speech)
    groups: list[_Group] = []
    if scope in ("all", "sentence"):
        groups += _sentence_groups(_sentence_units(speech, index))
    if scope in ("all", "clause"):
        groups += _clause_groups(index)
    groups.sort(key=lambda g: (g.members[0].start, g.scope))
    rows = [
        dict(
            parallel=p,
            scope=g.scope,
            frame=frame_text(g.frame),
            member=k,
            text=u.text,
            fillers=_fillers_cell(f),
            sentence=u.sentence,
            start=u.start,
            end=u.end,
        )
        for p, g in enumerate(groups, start=1)
        for k, (u, f) in enumerate(zip(g.members, g.fillers), start=1)
    ]
    return frame_table(rows, MEMBER_COLUMNS)


def parallels(speech, *, scope: Scope = "all", members: bool = False) -> pd.DataFrame:
    """Sentences, point leads and clauses that share a template: the frame and its fillers.

    One row per parallel in text order: ``parallel`` (id), ``scope`` (sentence | clause), ``frame``
    (``倡导X，构建更加Y的网络空间``), ``fillers`` (one entry per member: a str for one slot, a tuple for several),
    ``n`` (members), ``sentence`` (of the first member), ``sentences`` (list), ``start``/``end`` (first member's
    start, last member's end). ``scope`` limits the search; ``members=True`` gives one row per member instead.

    A *frame* is what the members share, character for character and in order, with slots X, Y, Z … for what they
    do not: the three leads 倡导发展优先，构建更加普惠繁荣的网络空间 / 倡导安危与共，… / 倡导文明互鉴，… share the
    frame ``倡导X，构建更加Y的网络空间``, the fillers are (发展优先, 普惠繁荣), (安危与共, 和平安全), (文明互鉴,
    平等包容). The frame must be anchored (start or end with shared text) and every member must fill every slot.

    Two scopes:

    * ``sentence`` — whole sentences and point leads of at most 60 characters, across the text. Two members
      suffice, but the frame must hold at least 4 shared characters and half of the members' length, and the
      members must have the same number of clauses (a long term repeated in two leads is an echo, not a parallel).
    * ``clause`` — adjacent clauses (split at ，、；：) within one sentence: 以文载道、以文传声，以文化人;
      共同维护…、共同参与…、共同开创…. Chinese rhetoric calls a parallel of three or more 排比, and pairs of clauses
      (反对…，反对…) are too often plain repetition, so a clause frame needs three members; its shared text must be
      two characters and a quarter of the members' length, or a fifth when every slot has fillers of one length of
      at least two characters (多层面协同、多平台支撑、多主体参与). A frame two clauses share is widened when a third
      clause shares less of it but still enough (稳就业、稳企业 → 稳X业; with 稳预期 → 稳X).
      The first member may begin inside its clause (…人民对共同维护…) and the last may end before its clause does
      (治理好互联网 → 治理好; …美好未来的强烈期盼 → 美好未来, cut at 的 when the other members have none).
    """
    long = parallel_members(speech, scope=scope)
    if members:
        return long
    if long.empty:
        return frame_table([], COLUMNS)
    out = (
        long.groupby("parallel", sort=True)
        .agg(
            scope=("scope", "first"),
            frame=("frame", "first"),
            fillers=("fillers", list),
            n=("member", "size"),
            sentence=("sentence", "first"),
            sentences=("sentence", list),
            start=("start", "first"),
            end=("end", "last"),
        )
        .reset_index()
    )
    return out[COLUMNS]
