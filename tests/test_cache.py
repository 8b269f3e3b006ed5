"""The on-disk cache: a hit returns the same table, any changed input misses, a broken entry is recomputed."""

from __future__ import annotations

import pandas as pd

import zhspeech
from zhspeech import cache, config
from zhspeech.tokens.pipeline import speech_tokens


def test_cached_tokens_equal_a_fresh_computation(tmp_path, monkeypatch, speech):
    monkeypatch.setattr(config, "CACHE_DIR", tmp_path)
    fresh = speech_tokens(speech, terms=True)
    assert len(list(tmp_path.glob("tokens-*.pickle"))) == 1
    again = speech_tokens(zhspeech.load(config.SPEECH_PATH))
    pd.testing.assert_frame_equal(fresh, again)
    assert (
        zhspeech.text_terms(speech)["term"].tolist()
        == zhspeech.text_terms(zhspeech.load(config.SPEECH_PATH))["term"].tolist()
    )


def test_a_changed_text_or_lexicon_is_a_new_entry(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "CACHE_DIR", tmp_path / "cache")
    lexicon = tmp_path / "mine.txt"
    lexicon.write_text("云端桥梁 5 nz\n", encoding="utf-8")
    a = speech_tokens(zhspeech.parse("我们建设云端桥梁。推动合作。"))
    b = speech_tokens(zhspeech.parse("我们建设云端桥梁。推动合作。", lexicon=lexicon))
    lexicon.write_text("云端桥 5 nz\n", encoding="utf-8")
    c = speech_tokens(zhspeech.parse("我们建设云端桥梁。推动合作。", lexicon=lexicon))
    assert len(list((tmp_path / "cache").glob("tokens-*.pickle"))) == 3
    assert "云端桥梁" in b["token"].tolist() and "云端桥梁" not in c["token"].tolist()
    assert a is not b


def test_a_broken_entry_is_recomputed(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "CACHE_DIR", tmp_path)
    entry = cache.key("demo", ["x"])
    (tmp_path / f"{entry}.pickle").write_bytes(b"not a pickle")
    assert cache.cached(entry, lambda: {"value": 1}) == {"value": 1}
    assert cache.cached(entry, lambda: {"value": 2}) == {"value": 1}  # now stored


def test_keys_depend_on_every_part(tmp_path):
    f = tmp_path / "f.txt"
    f.write_text("一", encoding="utf-8")
    k1 = cache.key("n", ["a", f])
    f.write_text("二", encoding="utf-8")
    assert cache.key("n", ["a", f]) != k1
    assert cache.key("n", ["ab", "c"]) != cache.key("n", ["a", "bc"])
    assert cache.key("m", ["a"]) != cache.key("n", ["a"])


def test_old_entries_are_pruned(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "CACHE_DIR", tmp_path)
    for i in range(cache.KEEP + 5):
        cache.cached(cache.key("demo", [str(i)]), lambda i=i: i)
    cache.cached(cache.key("other", ["x"]), lambda: 0)
    assert len(list(tmp_path.glob("demo-*.pickle"))) == cache.KEEP
    assert len(list(tmp_path.glob("other-*.pickle"))) == 1
