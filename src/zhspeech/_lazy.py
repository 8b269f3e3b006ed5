"""Names a package loads on first use: the ``__getattr__`` of ``zhspeech``, ``zhspeech.corpus`` and
``zhspeech.explore``, so importing a package never imports the heavy libraries of the modules it names."""

from __future__ import annotations

import importlib
from collections.abc import Mapping, MutableMapping
from typing import Any


def load_name(package: str, namespace: MutableMapping[str, Any], table: Mapping[str, str], name: str) -> Any:
    """``name`` from the module of ``package`` that ``table`` maps it to, kept in ``namespace`` (the package's
    globals) so the next access is a plain lookup; ``AttributeError`` for a name the table lacks."""
    module = table.get(name)
    if module is None:
        raise AttributeError(f"module {package!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", package), name)
    namespace[name] = value
    return value
