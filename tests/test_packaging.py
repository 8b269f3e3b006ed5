"""Packaging: pyproject.toml and environment.yml name the same packages; the kit imports lightly."""

from __future__ import annotations

import re
import subprocess
import sys

import tomllib
import yaml

from zhspeech import config

ALIASES = {"python": None, "pip": None}  # conda-only entries with no PyPI twin


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[; ]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_pyproject_and_environment_name_the_same_packages():
    project = tomllib.loads((config.PROJ_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {_name(r) for r in project["dependencies"]} | {_name(r) for r in project["optional-dependencies"]["dev"]}
    env = yaml.safe_load((config.PROJ_ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert env["channels"] == ["conda-forge"]
    names = set()
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            names |= {_name(r) for r in dep["pip"] if not r.startswith("-e")}
            assert "-e ." in dep["pip"]
        elif _name(dep) not in ALIASES:
            names.add(_name(dep))
    assert names == wanted


def test_import_is_light():
    code = (
        "import sys, zhspeech; zhspeech.load(zhspeech.config.SPEECH_PATH); "
        "print(sorted(m for m in ('jieba', 'sklearn', 'matplotlib', 'networkx', 'wordcloud') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_one_module_owns_the_paths():
    assert config.SPEECH_PATH.is_file() and config.SPEECH_PATH.parent == config.RAW_DIR
    assert config.RAW_DIR.parent == config.DATA_DIR and config.DATA_DIR.parent == config.PROJ_ROOT
