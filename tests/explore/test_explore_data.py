"""The explorer's tables: the terms offered, capped KWIC lines with their sort ranks, every position, sections,
collocates; the page they make (offline, the speech's text out of the scripts); live search; searchable tables."""

from __future__ import annotations

import base64
import json
import re

import pandas as pd
import pytest

import zhspeech
from zhspeech.errors import OptionError
from zhspeech.explore import data as xd
from zhspeech.explore.live import find_spans, live_collocates, live_kwic
from zhspeech.explore.page import Explorer, explorer_html
from zhspeech.explore.tables import searchable_html, show

PAYLOAD = "<script>window.zhspeechXss=1</script>"


@pytest.fixture(scope="module")
def small(small_speech):
    return xd.explorer_data(small_speech, top=5, lines=2, collocates=3, width=6, window=3)


@pytest.fixture(scope="module")
def traditional():
    from _report_fixture import TRADITIONAL_SPEECH

    return zhspeech.parse(TRADITIONAL_SPEECH)


@pytest.fixture(scope="module")
def kit(speech):
    return xd.explorer_data(speech, top=10, lines=5, collocates=4)


def test_terms_are_the_top_by_count_and_by_keyness(kit, speech):
    freq = zhspeech.textstat_frequency(speech, drop_stopwords=True)
    key = zhspeech.textstat_keyness(speech, direction="over", drop_stopwords=True)
    terms = kit.terms
    assert list(terms.loc[terms["top_rank"] > 0].sort_values("top_rank")["term"]) == list(freq["term"].head(10))
    assert list(terms.loc[terms["key_rank"] > 0].sort_values("key_rank")["term"]) == list(key["term"].head(10))
    assert terms["term"].is_unique and len(terms) <= 20
    row = terms.set_index("term").loc[freq["term"].iloc[0]]
    assert row["count"] == freq["count"].iloc[0]


def test_every_position_is_kept_and_lines_are_capped(kit, speech):
    for term in kit.terms["term"].head(4):
        found = zhspeech.kwic(speech, term, match="token")
        positions = kit.positions[kit.positions["term"] == term]
        assert sorted(positions["start"]) == sorted(found["start"])
        lines = kit.kwic[kit.kwic["term"] == term]
        assert len(lines) == min(5, len(found))
        assert set(lines["start"]) <= set(found["start"])
        assert (lines["node"] == term).all()
        assert positions["shown"].sum() == len(lines)
    counts = kit.terms.set_index("term")
    assert (counts["lines"] <= 5).all() and (counts["lines"] <= counts["occurrences"]).all()


def test_capped_lines_spread_over_the_text(kit):
    term = kit.terms.sort_values("occurrences")["term"].iloc[-1]
    starts = kit.positions.loc[kit.positions["term"] == term, "start"].sort_values().to_numpy()
    kept = kit.kwic.loc[kit.kwic["term"] == term, "start"].to_numpy()
    assert kept[0] == starts[0] and kept[-1] == starts[-1]  # first and last occurrence both shown


def test_sort_ranks_order_by_left_and_right_context(kit):
    for _, lines in kit.kwic.groupby("term"):
        by_left = lines.sort_values("by_left")["left"].tolist()
        assert by_left == sorted(by_left, key=lambda s: s[::-1])
        by_right = lines.sort_values("by_right")["right"].tolist()
        assert by_right == sorted(by_right)
        assert sorted(lines["line"]) == list(range(1, len(lines) + 1))


def test_sections_cover_the_text(kit, speech):
    sections = kit.sections
    assert sections["start"].iloc[0] == 0 and sections["end"].iloc[-1] == len(speech.text)
    assert (sections["start"].iloc[1:].to_numpy() == sections["end"].iloc[:-1].to_numpy()).all()
    assert sections["label"].iloc[1].startswith("一、")
    assert set(sections["shade"]) == {0, 1}


def test_no_sections_gives_an_empty_table():
    speech = zhspeech.parse("标题\n\n我们推动发展。发展是硬道理。我们坚持发展。\n")
    table = xd.section_table(speech)
    assert table.empty and list(table.columns) == xd.SECTION_COLUMNS


def test_collocates_match_textstat_collocations(kit, speech):
    term = kit.terms["term"].iloc[0]
    expected = zhspeech.textstat_collocations(speech.tokens, term, window=5).head(4)
    got = kit.collocates[kit.collocates["term"] == term]
    assert list(got["collocate"]) == list(expected["collocate"])
    assert list(got["n12"]) == list(expected["n12"]) and list(got["rank"]) == [1, 2, 3, 4][: len(got)]


def test_traditional_terms_are_shown_as_written(traditional):
    data = xd.explorer_data(traditional, top=8, lines=3)
    assert data.terms["term"].str.contains("[發數網]").any()
    assert (data.terms["norm"] != data.terms["term"]).any()
    lines = data.kwic[data.kwic["term"] == "發展"]
    assert len(lines) and (lines["node"] == "發展").all()


def test_terms_given_and_bad_options(small_speech):
    data = xd.explorer_data(small_speech, terms=["发展", "改革"], lines=1)
    assert list(data.terms["term"]) == ["发展", "改革"]
    assert (data.kwic.groupby("term").size() <= 1).all()
    with pytest.raises(OptionError):
        xd.explorer_data(small_speech, lines=0)


def _payload(page: str) -> dict:
    encoded = re.search(r'atob\("([A-Za-z0-9+/=]+)"\)', page)[1]
    return json.loads(base64.b64decode(encoded).decode("utf-8"))


def test_page_is_offline_and_keeps_the_text_out_of_scripts(small):
    from zhspeech.explore.charts import explorer_spec
    from zhspeech.explore.page import CONTROLS

    spec = explorer_spec(small, CONTROLS)
    spec["datasets"]["kwic"][0]["left"] = PAYLOAD
    page = explorer_html(spec, bundle=False)
    scripts = re.findall(r"<script[^>]*>(.*?)</script>", page, re.S)
    assert scripts and not any("zhspeechXss" in s for s in scripts)
    assert not re.search(r"<script[^>]+src=|<link[^>]+href=", page)
    decoded = _payload(page)
    assert decoded["datasets"]["kwic"][0]["left"] == PAYLOAD
    uid = re.search(r'id="(zhs-explorer-[0-9a-f]+)"', page)[1]
    assert f"#{uid}-controls" in json.dumps(decoded)  # the controls' selector points at this explorer
    assert explorer_html(spec, bundle=False) == page  # same data, same page


def test_spec_links_the_views_through_one_selection(small):
    from zhspeech.explore.charts import explorer_spec

    spec = explorer_spec(small, "#x")
    text = json.dumps(spec, ensure_ascii=False)
    assert text.count('"name": "pick"') == 1 and '"param": "pick"' in text
    assert set(spec["datasets"]) == {"terms", "positions", "sections", "kwic", "collocates"}
    assert len(spec["datasets"]["positions"]) == len(small.positions)


def test_bundle_is_inlined_once_and_has_no_script_end():
    from zhspeech.explore.page import vega_bundle

    code = vega_bundle()
    assert "window.vegaEmbed" in code and "</script" not in code.lower()


def test_explorer_saves_a_standalone_page(small, tmp_path):
    from zhspeech.explore.charts import explorer_spec

    path = Explorer(small, explorer_spec(small, "#zhs-controls")).save(tmp_path / "x.html")
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "vegaEmbed(" in page
    assert not re.search(r'<script[^>]+src="?https?://', page)


def test_live_finds_strings_and_patterns(speech):
    plain = find_spans(speech, "数字")
    assert len(plain) == speech.text.count("数字")
    pattern = find_spans(speech, r"数字\w{2}", regex=True)
    assert len(pattern) and pattern["match"].str.match(r"数字\w{2}").all()
    lines = live_kwic(speech, r"数字\w{2}", regex=True, sort="right")
    assert set(zip(lines["start"], lines["end"])) == set(zip(pattern["start"], pattern["end"]))
    assert lines["right"].tolist() == sorted(lines["right"])
    near = live_collocates(speech, live_kwic(speech, "网络空间"))
    assert len(near) and set(near["node"]) == {"网络空间"}
    with pytest.raises(OptionError):
        find_spans(speech, "[", regex=True)


def test_live_finds_a_simplified_search_in_a_traditional_text(traditional):
    simplified, written = find_spans(traditional, "发展"), find_spans(traditional, "發展")
    assert len(simplified) == len(written) == traditional.text.count("發展")


def test_show_keeps_small_tables_plain_and_big_ones_offline():
    small = pd.DataFrame({"a": [1, 2]})
    assert show(small) is small
    big = pd.DataFrame({"text": [PAYLOAD] * 30, "n": range(30)})
    page = searchable_html(big, pageLength=10)
    scripts = re.findall(r"<script[^>]*>(.*?)</script>", page, re.S)
    assert scripts and not any("zhspeechXss" in s for s in scripts)
    assert not re.search(r"<script[^>]+src=|<link[^>]+href=", page)
    args = _payload(page)
    assert "zhspeechXss" in args["data_json"] and "<script>" not in args["data_json"]  # escaped, then encoded
