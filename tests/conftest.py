"""Shared fixtures: the real speech (parsed once per session) and its token table, and a small Chinese text."""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

# helpers shared by the test folders (``_report_fixture``) are imported from this folder
sys.path.insert(0, str(Path(__file__).resolve().parent))

# A fresh cache per test session (set before zhspeech.config reads it), shared with the notebook kernels.
_CACHE = tempfile.mkdtemp(prefix="zhspeech-cache-")
os.environ["ZHSPEECH_CACHE"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)

import pytest  # noqa: E402

import zhspeech  # noqa: E402
from zhspeech import config  # noqa: E402


@pytest.fixture(scope="session")
def speech() -> zhspeech.Speech:
    return zhspeech.load(config.SPEECH_PATH)


@pytest.fixture(scope="session")
def tokens(speech):
    return speech.tokens


#: A small speech with the parts every stage reads: title, byline, salutation-free body, two numbered sections,
#: a subsection, a bold lead, a quotation, a numbered formula, an enumeration and a date.
SMALL_TEXT = """# 推动高质量发展 共建美好家园

张三　市长

## 一、过去一年的工作

**经济运行稳中向好。**全年地区生产总值增长5.2%，新增就业12万人。我们坚持“四个全面”，一是稳增长，二是促改革，三是惠民生。

### （一）扎实推进改革

深化改革开放，推动高质量发展。2023年3月，数字经济产业园建成投用。

## 二、今年的主要任务

今年要推动高质量发展，建设美丽中国。习近平总书记指出：“发展是第一要务。”我们要坚定信心，扎实工作。
"""


@pytest.fixture(scope="session")
def small_text() -> str:
    return SMALL_TEXT


@pytest.fixture(scope="session")
def small_speech() -> zhspeech.Speech:
    return zhspeech.parse(SMALL_TEXT)
