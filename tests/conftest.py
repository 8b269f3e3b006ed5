"""Shared fixtures: the real speech, parsed once per test session, and its token table."""
from __future__ import annotations

import atexit
import os
import shutil
import tempfile

# A fresh cache per test session (set before zhspeech.config reads it), shared with the notebook kernels.
_CACHE = tempfile.mkdtemp(prefix="zhspeech-cache-")
os.environ["ZHSPEECH_CACHE"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)

import pytest  # noqa: E402

import zhspeech  # noqa: E402
from zhspeech import config  # noqa: E402


@pytest.fixture(scope="session")
def speech() -> "zhspeech.Speech":
    return zhspeech.load(config.SPEECH_PATH)


@pytest.fixture(scope="session")
def tokens(speech):
    return speech.tokens
