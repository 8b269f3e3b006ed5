"""The loader: encodings, line ends, normalization, and a clear error for every kind of bad input."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys

import pytest

import zhspeech
from zhspeech import config
from zhspeech.errors import SpeechContentError, SpeechDecodeError, SpeechError, SpeechFileError
from zhspeech.text.read import read_text

RAW = config.SPEECH_PATH.read_text(encoding="utf-8")
PLAIN = re.sub(r"^#+\s*", "", RAW, flags=re.M).replace("**", "")


def test_raw_speech_matches_its_recorded_checksum():
    readme = (config.DATA_DIR / "README.md").read_text(encoding="utf-8")
    digest = hashlib.sha256(config.SPEECH_PATH.read_bytes()).hexdigest()
    assert digest in readme


@pytest.mark.parametrize(
    "encoding, data",
    [
        ("utf-8", RAW.encode("utf-8")),
        ("utf-8-sig", b"\xef\xbb\xbf" + RAW.replace("\n", "\r\n").encode("utf-8")),
        ("utf-16", RAW.encode("utf-16")),
        ("utf-16", RAW.encode("utf-16-be").join([b"\xfe\xff", b""])),
        ("gb18030", RAW.encode("gb18030")),
        ("gb18030", RAW.replace("\n", "\r").encode("gbk")),
    ],
)
def test_every_encoding_reads_to_the_same_text(tmp_path, encoding, data):
    path = tmp_path / "speech.txt"
    path.write_bytes(data)
    text, used = read_text(path)
    assert used == encoding
    assert text == RAW
    assert path.read_bytes() == data  # never modified


def test_big5_traditional_text_is_detected(tmp_path):
    src = (config.PROJ_ROOT / "tests/texts/traditional_no_headings.txt").read_text(encoding="utf-8")
    path = tmp_path / "big5.txt"
    path.write_bytes(src.encode("big5"))
    text, used = read_text(path)
    assert text == src and used.startswith("big5")


def test_forced_encoding_is_used_and_a_wrong_one_is_reported(tmp_path):
    path = tmp_path / "gb.txt"
    path.write_bytes(RAW.encode("gb18030"))
    assert read_text(path, encoding="gb18030")[0] == RAW
    with pytest.raises(SpeechDecodeError, match="cannot be decoded as utf-8"):
        read_text(path, encoding="utf-8")
    with pytest.raises(SpeechDecodeError, match="unknown encoding"):
        read_text(path, encoding="klingon")


def test_text_is_nfc_normalized(tmp_path):
    path = tmp_path / "nfd.txt"
    path.write_text("讲话：Cafe\u0301 与合作。", encoding="utf-8")
    assert read_text(path)[0] == "讲话：Caf\u00e9 与合作。"


@pytest.mark.parametrize(
    "make, error, words",
    [
        (lambda p: p / "missing.txt", SpeechFileError, "no such file"),
        (lambda p: p, SpeechFileError, "is a directory"),
        (lambda p: _write(p / "empty.txt", b""), SpeechContentError, "is empty"),
        (lambda p: _write(p / "blank.txt", " \n\r\n\t\u3000\n".encode("utf-8")), SpeechContentError, "only whitespace"),
        (lambda p: _write(p / "blank16.txt", " \n \n".encode("utf-16")), SpeechContentError, "only whitespace"),
        (
            lambda p: _write(p / "english.txt", b"We hold these truths to be self-evident.\n"),
            SpeechContentError,
            "no Chinese",
        ),
        (lambda p: _write(p / "image.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40), SpeechDecodeError, "binary"),
        (lambda p: _write(p / "zeros.bin", b"\x00" * 4096), SpeechDecodeError, "binary"),
    ],
)
def test_bad_input_gets_a_clear_error(tmp_path, make, error, words):
    with pytest.raises(error, match=words) as info:
        zhspeech.load(make(tmp_path))
    assert isinstance(info.value, SpeechError)
    assert "\n" not in str(info.value)


def _write(path, data: bytes):
    path.write_bytes(data)
    return path


def test_cli_prints_one_line_error_and_exits_2(tmp_path):
    empty = _write(tmp_path / "empty.txt", b"")
    binary = _write(tmp_path / "x.bin", bytes(range(256)) * 64)
    for target in (tmp_path / "nope.txt", tmp_path, empty, binary):
        run = subprocess.run([sys.executable, "-m", "zhspeech", "outline", str(target)], capture_output=True, text=True)
        assert run.returncode == 2, run.stderr
        assert run.stdout == ""
        lines = run.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in run.stderr


def test_unreadable_file_is_reported(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads files regardless of permissions")
    path = _write(tmp_path / "locked.txt", "讲话。".encode())
    path.chmod(0)
    with pytest.raises(SpeechFileError, match="cannot be read"):
        zhspeech.load(path)
