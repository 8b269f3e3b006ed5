"""Every path the kit uses, in one place.

Notebooks, the command line and a user's own scripts import their paths from here, so they all find the same
files. ``ZHSPEECH_FIGURES`` overrides the figure folder (used by the tests so a run never touches the committed
figures).
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR: Path = Path(__file__).resolve().parent
PROJ_ROOT: Path = PACKAGE_DIR.parents[1]

DATA_DIR: Path = PROJ_ROOT / "data"
RAW_DIR: Path = DATA_DIR / "raw"
LEXICON_DIR: Path = DATA_DIR / "lexicon"
#: The project lexicon (jieba user-dictionary format) loaded before any user lexicon.
LEXICON_PATH: Path = LEXICON_DIR / "policy_terms.txt"
#: The genre lexicon (generated from the government work reports), loaded after the project lexicon.
GENRE_LEXICON_PATH: Path = LEXICON_DIR / "genre_terms.txt"
#: Genre stopwords added to stopwordsiso's zh list, and policy words kept out of it.
STOPWORDS_GENRE_PATH: Path = LEXICON_DIR / "stopwords_genre.txt"
STOPWORDS_KEEP_PATH: Path = LEXICON_DIR / "stopwords_keep.txt"
#: Theme codebooks shipped with the kit, one YAML file each; ``load_codebook(NAME)`` takes a file's stem.
CODEBOOKS_DIR: Path = DATA_DIR / "codebooks"
#: The default codebook: major topics of the Comparative Agendas Project with Chinese rules, for any policy text.
DEFAULT_CODEBOOK: str = "policy_agendas"
THEMES_PATH: Path = CODEBOOKS_DIR / f"{DEFAULT_CODEBOOK}.yml"
#: The codebook the first speech's report uses (written for it: internet, digital economy, global governance).
SPEECH_CODEBOOK: str = "cyberspace"
#: Name lists for zhspeech.entities (historical figures, former places); see the header of each file.
ENTITIES_DIR: Path = DATA_DIR / "entities"
#: The shipped corpus: 49 government work reports, 1954–2017 (see its SOURCE.md); the corpus notebook's default.
CORPUS_DIR: Path = RAW_DIR / "corpus" / "gov_work_reports"
NOTEBOOKS_DIR: Path = PROJ_ROOT / "notebooks"
REPORTS_DIR: Path = PROJ_ROOT / "reports"
FIGURES_DIR: Path = Path(os.environ.get("ZHSPEECH_FIGURES", PROJ_ROOT / "figures"))
#: Derived tables (token tables, reference counts) kept between processes; safe to delete at any time.
CACHE_DIR: Path = Path(
    os.environ.get("ZHSPEECH_CACHE") or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "zhspeech"
)

#: The speech the kit was first built for (see data/README.md for its provenance).
SPEECH_PATH: Path = RAW_DIR / "ren_xianliang_cyberspace_community_2024.md"
#: The year the speech was published; relative dates (今年, 去年) resolve against it.
SPEECH_YEAR: int = 2024
#: SHA-256 of that file: hand-written readings of the speech are shown only for a file with this digest.
SPEECH_SHA256: str = "e61290a646b194f54b33958be2a6d494b2fbc1fe4c8b6f3e0b32f60534facf6e"
