"""The corpus explorer's tables: trajectories as textstat_trajectories gives them, KWIC lines per document (capped,
the term as written), one Vega-Lite specification linking them."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import zhspeech
from zhspeech.corpus.corpus import TermCounts
from zhspeech.corpus.dtm import DocumentTermMatrix
from zhspeech.errors import OptionError
from zhspeech.explore.corpus import corpus_explorer_data, corpus_explorer_spec
from zhspeech.tokens.stopwords import stopwords

TEXTS = {
    2021: "推动发展\n\n我们要推动高质量发展。发展是第一要务。改革开放推动发展。\n",
    2022: "深化改革\n\n我们深化改革。改革推动发展。全面深化改革，坚持改革开放。改革要有新突破。\n",
    2023: "數字發展\n\n我們推動數字經濟發展。發展數字經濟，深化改革。\n",
}


@pytest.fixture(scope="module")
def pair():
    speeches = [zhspeech.parse(text) for text in TEXTS.values()]
    documents = pd.DataFrame({"year": list(TEXTS), "author": ["甲", "乙", "丙"], "name": ["a", "b", "c"]})
    counts = (TermCounts.from_tokens(s.tokens).as_dict() for s in speeches)
    return DocumentTermMatrix.from_counts(counts, documents, stopwords()), speeches


def test_trajectories_and_lines_per_document(pair):
    dtm, speeches = pair
    data = corpus_explorer_data(dtm, speeches, terms=["发展", "改革"], lines=2, width=5)
    expected = zhspeech.textstat_trajectories(dtm, ["发展", "改革"]).rename(columns={"year": "period"})
    pd.testing.assert_frame_equal(data.trajectories.reset_index(drop=True), expected.reset_index(drop=True))
    lines = data.kwic
    per_doc = lines.groupby(["term", "doc_id"]).size()
    assert per_doc.max() <= 2
    assert per_doc.loc[("改革", 1)] == 2  # five uses in 2022, two lines kept
    assert set(lines.loc[lines["term"] == "发展", "node"]) == {"发展", "發展"}  # as written in each document
    assert (lines["left"].str.len() <= 5).all() and (lines["right"].str.len() <= 5).all()
    assert list(data.documents["document"]) == ["2021 甲", "2022 乙", "2023 丙"]
    terms = data.terms.set_index("term")
    assert terms.loc["改革", "count"] == int(dtm.totals()["改革"]) and terms.loc["发展", "docs"] == 3


def test_default_terms_and_the_spec(pair):
    dtm, speeches = pair
    data = corpus_explorer_data(dtm, speeches, top=3)
    assert len(data.terms) == 3 and "的" not in set(data.terms["term"])
    spec = corpus_explorer_spec(data, "#c")
    text = json.dumps(spec, ensure_ascii=False)
    assert set(spec["datasets"]) == {"terms", "trajectories", "kwic"}
    assert '"name": "pick"' in text and '"name": "period"' in text


def test_a_matrix_needs_its_speeches(pair):
    dtm, speeches = pair
    with pytest.raises(OptionError):
        corpus_explorer_data(dtm, speeches[:1])
    with pytest.raises(OptionError):
        corpus_explorer_data("not a corpus")


def test_pair_counts_as_textstat_compare(pair):
    from zhspeech.explore.corpus import pair_explorer

    _, speeches = pair
    a, b = speeches[0], speeches[1]
    table = zhspeech.textstat_compare(a, b, min_count=2)
    terms = table["term"].head(5).tolist()
    explorer = pair_explorer(a, b, terms=terms, lines=2)
    counts = explorer.data.trajectories.pivot(index="term", columns="period", values="count").loc[terms]
    assert (counts.to_numpy() == table.set_index("term").loc[terms, ["count_a", "count_b"]].to_numpy()).all()
    assert explorer.data.kwic["period"].str.startswith(("A: ", "B: ")).all()
    assert "vegaEmbed(" in explorer.to_html(bundle=False)
