"""Shared fixtures: the real speech, parsed once per test session, and its token table."""
from __future__ import annotations

import pytest

import zhspeech
from zhspeech import config


@pytest.fixture(scope="session")
def speech() -> "zhspeech.Speech":
    return zhspeech.load(config.SPEECH_PATH)


@pytest.fixture(scope="session")
def tokens(speech):
    return speech.tokens
