"""Font resolution: the user's choice wins, then system fonts, then the bundled open-licensed font."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import matplotlib
import pytest

from zhspeech.errors import SpeechError
from zhspeech.textplot import fonts, plotstyle
from zhspeech.textplot.fonts import CjkFont, cjk_font

DEJAVU = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"


@pytest.fixture(autouse=True)
def fresh_resolution(monkeypatch):
    """Each test resolves anew and starts without the user's environment variable."""
    monkeypatch.delenv(fonts.FONT_ENV, raising=False)
    fonts._resolve.cache_clear()
    yield
    fonts._resolve.cache_clear()


@pytest.fixture
def bundled() -> Path:
    path = fonts._bundled_file()
    assert path is not None, "the kit's font package (pylopdf-fonts-zh-cn) is not installed"
    return path


def test_bundled_font_is_the_open_licensed_noto_file(bundled):
    assert bundled.name == "NotoSansSC-Regular.otf"
    assert "simhei" not in str(bundled).lower()
    font = cjk_font("bundled")
    assert (font.family, font.source, font.index) == ("Noto Sans SC", "bundled", 0)


def test_bundled_fallback_when_no_system_font(monkeypatch, bundled):
    monkeypatch.setattr(fonts, "_find_family", lambda family: None)  # a bare machine: no CJK font installed
    font = cjk_font()
    assert font.source == "bundled"
    assert font.path == bundled


def test_user_font_file_argument_wins(bundled):
    font = cjk_font(bundled)
    assert font.source == "user"
    assert font.path == bundled.resolve()
    assert font.family == "Noto Sans SC"


def test_environment_variable_path_wins(monkeypatch, bundled):
    monkeypatch.setenv(fonts.FONT_ENV, str(bundled))
    font = cjk_font()
    assert (font.source, font.path) == ("user", bundled.resolve())


def test_environment_variable_family_name(monkeypatch):
    cjk_font("bundled")  # registers Noto Sans SC with matplotlib
    monkeypatch.setenv(fonts.FONT_ENV, "Noto Sans SC")
    font = cjk_font()
    assert (font.family, font.source) == ("Noto Sans SC", "user")


def test_argument_beats_environment_variable(monkeypatch, bundled):
    monkeypatch.setenv(fonts.FONT_ENV, "No Such Family")
    assert cjk_font(bundled).source == "user"
    with pytest.raises(SpeechError, match="No Such Family"):
        cjk_font()


def test_environment_variable_bundled_skips_system_fonts(monkeypatch):
    monkeypatch.setattr(fonts, "_system_font", lambda: pytest.fail("system fonts searched"))
    monkeypatch.setenv(fonts.FONT_ENV, "bundled")
    assert cjk_font().source == "bundled"


@pytest.mark.parametrize(
    "choice, message",
    [
        ("/no/such/font.otf", "font file not found"),
        ("Definitely Not A Font", "is not installed"),
        (str(DEJAVU), "cannot draw Chinese"),
    ],
)
def test_bad_user_choice_is_one_clear_error(choice, message):
    with pytest.raises(SpeechError, match=message):
        cjk_font(choice)


def test_system_search_follows_the_family_order(monkeypatch):
    cjk_font("bundled")
    monkeypatch.setattr(fonts, "SYSTEM_FAMILIES", ("No Such Family", "Noto Sans SC", "DejaVu Sans"))
    font = cjk_font()
    assert (font.family, font.source) == ("Noto Sans SC", "system")


def test_system_search_skips_a_family_without_chinese(monkeypatch):
    cjk_font("bundled")
    monkeypatch.setattr(fonts, "SYSTEM_FAMILIES", ("DejaVu Sans", "Noto Sans SC"))
    assert cjk_font().family == "Noto Sans SC"


def _fontconfig_has(family: str) -> bool:
    if shutil.which("fc-list") is None:
        return False
    out = subprocess.run(["fc-list", family], capture_output=True, text=True, check=False).stdout
    return bool(out.strip())


@pytest.mark.skipif(not _fontconfig_has("Noto Sans CJK SC"), reason="no system Noto Sans CJK SC installed")
def test_installed_system_font_is_preferred_and_found_through_fontconfig(monkeypatch):
    from matplotlib import font_manager

    # a matplotlib font cache built before the font was installed: fontconfig still finds it
    stale = [e for e in font_manager.fontManager.ttflist if "CJK" not in e.name]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", stale)
    font = cjk_font()
    assert (font.family, font.source) == ("Noto Sans CJK SC", "system")
    assert font.path.suffix.lower() in fonts.FONT_SUFFIXES
    assert font.missing("中华人民共和国网络空间") == ""
    bold_installed = (
        "bold"
        in subprocess.run(
            ["fc-list", "--format", "%{style}\n", "Noto Sans CJK SC"], capture_output=True, text=True, check=False
        ).stdout.lower()
    )
    # every installed style is registered with it, so section headings drawn in bold find a bold face
    assert font.heading_weight == ("bold" if bold_installed else "normal")


def test_the_regular_only_bundled_font_draws_headings_in_its_regular_face(caplog, monkeypatch):
    import logging

    import matplotlib.pyplot as plt

    import zhspeech

    monkeypatch.setenv(fonts.FONT_ENV, "bundled")
    assert cjk_font().heading_weight == "normal"  # the pip font has no bold face: asking would warn and fall back
    speech = zhspeech.load(zhspeech.config.SPEECH_PATH)
    with caplog.at_level(logging.WARNING, logger="matplotlib.font_manager"):
        try:
            zhspeech.textplot_outline(speech).figure.canvas.draw()
        finally:
            plt.close("all")
    assert not [r.getMessage() for r in caplog.records if "findfont" in r.getMessage()]


def test_wordcloud_gets_a_single_face_file(bundled):
    collection = CjkFont("Noto Sans CJK SC", Path("/fonts/NotoSansCJK-Regular.ttc"), "system", index=2)
    assert fonts.pil_font_path(collection) == bundled
    single = CjkFont("Noto Sans SC", bundled, "bundled")
    assert fonts.pil_font_path(single) == bundled


def test_unicode_minus_follows_the_font():
    font = cjk_font()
    assert font.has_minus == (font.missing("\u2212") == "")
    with plotstyle.style() as used:
        assert matplotlib.rcParams["axes.unicode_minus"] == used.has_minus
        assert matplotlib.rcParams["font.family"][0] == used.family
    assert matplotlib.rcParams["font.family"][0] != font.family  # the context restores the user's settings


def test_every_character_of_the_speech_has_a_glyph(speech):
    font = cjk_font()
    assert font.missing(speech.text) == ""
    # and the file wordcloud opens (face 0) draws the same characters
    face0 = CjkFont("wordcloud", fonts.pil_font_path(font), "bundled")
    assert face0.missing(speech.text) == ""
