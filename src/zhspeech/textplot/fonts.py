"""One place that finds a font able to draw Chinese, for matplotlib and wordcloud alike.

>>> font = zhspeech.cjk_font()
>>> font.family, font.source
('Noto Sans CJK SC', 'system')
"""

from __future__ import annotations

import functools
import importlib.util
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..errors import SpeechError

#: Environment variable naming the user's font (a file or an installed family name, or ``bundled``).
FONT_ENV = "ZHSPEECH_FONT"

#: Installed families tried in order; regular weight is preferred within a family.
SYSTEM_FAMILIES: tuple[str, ...] = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "STHeiti",
    "Microsoft YaHei",
    "DengXian",
    "Sarasa Gothic SC",
    "SimHei",
)

#: Open-licensed fonts shipped by PyPI packages: (import name, file inside the package). Picked by exact file name.
BUNDLED_FONTS: tuple[tuple[str, str], ...] = (
    ("pylopdf_fonts_zh_cn", "NotoSansSC-Regular.otf"),
    ("mplfonts", "fonts/NotoSansCJKsc-Regular.otf"),  # an older optional source; its SimHei.ttf is never used
)

FONT_SUFFIXES = (".otf", ".ttf", ".ttc", ".otc")
_PROBE = "中国网络空间命运共同体"  # a font that lacks these cannot draw the speech


@dataclass(frozen=True)
class CjkFont:
    """A resolved font: the matplotlib family name, its file, where it came from, the face inside a collection."""

    family: str
    path: Path
    source: Literal["user", "system", "bundled"]
    index: int = 0  # face number inside a .ttc collection (0 for single-face files)

    @property
    def has_minus(self) -> bool:
        """Whether the font draws U+2212 MINUS SIGN (sets ``axes.unicode_minus``)."""
        return 0x2212 in _charmap(self.path, self.index)

    @property
    def heading_weight(self) -> str:
        """``"bold"`` when a bold face of the family is registered with matplotlib, else ``"normal"`` (the bundled
        font is regular only; asking for bold would fall back to it with a warning)."""
        from matplotlib import font_manager

        bold = any(
            e.name.lower() == self.family.lower() and _weight(e.weight) >= 600 for e in font_manager.fontManager.ttflist
        )
        return "bold" if bold else "normal"

    def missing(self, text: str) -> str:
        """The distinct characters of ``text`` (whitespace aside) this font has no glyph for, in order."""
        cmap = _charmap(self.path, self.index)
        return "".join(dict.fromkeys(c for c in text if not c.isspace() and ord(c) not in cmap))


def cjk_font(font: str | os.PathLike[str] | None = None) -> CjkFont:
    """Resolve (once per choice) and register the CJK font.

    Resolution order:

    1. the user's choice — the ``font`` argument, else the ``ZHSPEECH_FONT`` environment variable: a font file
       (.otf, .ttf, .ttc) or an installed family name; the special value ``bundled`` skips the system search, so
       figures come out the same on every machine;
    2. an installed system font, first of :data:`SYSTEM_FAMILIES` (Noto Sans CJK SC, Source Han Sans SC,
       WenQuanYi, PingFang SC, Microsoft YaHei, …), looked up in matplotlib's font list and, when that list
       predates the font's installation, through fontconfig (``fc-list``);
    3. Noto Sans SC (SIL Open Font License), which installs with the kit from PyPI (package
       ``pylopdf-fonts-zh-cn``), so a pip-only install on a bare Linux machine still draws Chinese.

    The file is registered with ``matplotlib.font_manager.fontManager.addfont``; nothing is written into
    matplotlib's own files. Fonts that are not open-licensed are never bundled or picked from a package's data.
    """
    choice = os.fspath(font) if font is not None else os.environ.get(FONT_ENV) or None
    return _resolve(choice)


def pil_font_path(font: CjkFont | None = None) -> Path:
    """A font file PIL (and so wordcloud) opens at face 0 and that draws Chinese.

    wordcloud takes a file path only, so a face inside a collection other than the first (Noto Sans CJK SC is
    face 2 of Debian's NotoSansCJK-Regular.ttc) is replaced by the bundled Noto Sans SC, the same design.
    """
    font = font or cjk_font()
    if font.index == 0:
        return font.path
    bundled = _bundled_file()
    return bundled if bundled is not None else font.path


@functools.cache
def _resolve(choice: str | None) -> CjkFont:
    if choice is not None and choice.strip().lower() != "bundled":
        resolved = _user_font(choice.strip())
    else:
        resolved = (None if choice is not None else _system_font()) or _bundled_font()
    if resolved is None:
        raise SpeechError(
            "no font that draws Chinese was found: install the kit's dependencies "
            f"(pip install pylopdf-fonts-zh-cn) or set {FONT_ENV} to a CJK font file"
        )
    _register(resolved)
    return resolved


def _user_font(choice: str) -> CjkFont:
    path = Path(choice).expanduser()
    if path.suffix.lower() in FONT_SUFFIXES or os.sep in choice or path.exists():
        if not path.is_file():
            raise SpeechError(f"font file not found: {choice} (argument or {FONT_ENV})")
        font = CjkFont(_family_of(path), path.resolve(), "user")
    else:
        found = _find_family(choice)
        if found is None:
            raise SpeechError(
                f"font family {choice!r} is not installed: give a font file path or one of "
                f"the installed families (fc-list :lang=zh)"
            )
        font = CjkFont(found.family, found.path, "user", found.index)
    if font.missing(_PROBE):
        raise SpeechError(f"font {choice!r} cannot draw Chinese (no glyph for {font.missing(_PROBE)!r})")
    return font


def _system_font() -> CjkFont | None:
    for family in SYSTEM_FAMILIES:
        found = _find_family(family)
        if found is not None and not found.missing(_PROBE):
            return found
    return None


def _bundled_font() -> CjkFont | None:
    path = _bundled_file()
    return None if path is None else CjkFont(_family_of(path), path, "bundled")


def _bundled_file() -> Path | None:
    for package, name in BUNDLED_FONTS:
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            continue
        for folder in spec.submodule_search_locations:
            if (Path(folder) / name).is_file():
                return (Path(folder) / name).resolve()
    return None


def _find_family(family: str) -> CjkFont | None:
    """An installed regular face of ``family``: matplotlib's font list first, then fontconfig."""
    from matplotlib import font_manager

    found = _from_matplotlib(family)
    if found is None:
        # matplotlib caches its font list once; a font installed later is still known to fontconfig. Every style
        # is registered (each face of a .ttc collection too), so bold text finds the bold face.
        for path in _from_fontconfig(family):
            font_manager.fontManager.addfont(str(path))
        found = _from_matplotlib(family)
    return found


def _from_matplotlib(family: str) -> CjkFont | None:
    from matplotlib import font_manager

    entries = [e for e in font_manager.fontManager.ttflist if e.name.lower() == family.lower() and e.style == "normal"]
    if not entries:
        return None
    best = min(entries, key=lambda e: (abs(_weight(e.weight) - 400), e.fname, getattr(e, "index", 0)))
    return CjkFont(best.name, Path(best.fname), "system", getattr(best, "index", 0))


def _from_fontconfig(family: str) -> list[Path]:
    """Files fontconfig knows for ``family``, every style, so bold text finds its face (empty without fc-list)."""
    if shutil.which("fc-list") is None:
        return []
    try:
        out = subprocess.run(
            ["fc-list", "--format", "%{file}\n", family], capture_output=True, text=True, timeout=20, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return sorted({Path(f) for f in out.splitlines() if Path(f).suffix.lower() in FONT_SUFFIXES})


def _weight(weight: str | int) -> int:
    if isinstance(weight, int):
        return weight
    from matplotlib.font_manager import weight_dict

    return int(weight_dict.get(str(weight).lower(), 400))


def _family_of(path: Path) -> str:
    from matplotlib import ft2font

    return ft2font.FT2Font(str(path)).family_name


def _register(font: CjkFont) -> None:
    from matplotlib import font_manager

    known = {(Path(e.fname).resolve(), getattr(e, "index", 0)) for e in font_manager.fontManager.ttflist}
    if (font.path.resolve(), font.index) not in known:
        font_manager.fontManager.addfont(str(font.path))


@functools.lru_cache(maxsize=8)
def _charmap(path: Path, index: int) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(str(path), fontNumber=index if str(path).lower().endswith((".ttc", ".otc")) else -1, lazy=True) as font:
        return frozenset(font.getBestCmap() or {})
