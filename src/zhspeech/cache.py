"""A small on-disk cache for derived tables, so the notebooks of one report do not each rebuild them.

An entry's key hashes everything its value depends on, so a changed input, a changed line of code or an upgraded
library never reads a stale entry. Entries live under ``config.CACHE_DIR`` (``ZHSPEECH_CACHE`` overrides it); the
cache is an optimization only — any error reading or writing it falls back to computing the value.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

from . import config

T = TypeVar("T")
KEEP = 16  # entries kept per namespace; older ones (from earlier texts or code) are removed
_LIBRARIES = ("jieba", "pandas", "numpy", "stopwordsiso")


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """Digest of the kit's source and data files and of the computing libraries' versions."""
    h = hashlib.sha256()
    files = sorted(config.PACKAGE_DIR.glob("**/*.py")) + sorted(config.LEXICON_DIR.glob("*"))
    for path in files:
        if path.is_file():
            h.update(path.relative_to(config.PROJ_ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    for lib in _LIBRARIES:
        try:
            h.update(f"{lib}={metadata.version(lib)}".encode())
        except metadata.PackageNotFoundError:
            h.update(lib.encode())
    return h.hexdigest()


def key(namespace: str, parts: Iterable[str | bytes | Path]) -> str:
    """Key of an entry: the namespace, the parts (a Path contributes its bytes), the code digest."""
    h = hashlib.sha256(namespace.encode() + b"\0" + _code_digest().encode())
    for part in parts:
        data = part.read_bytes() if isinstance(part, Path) else part if isinstance(part, bytes) else part.encode()
        h.update(len(data).to_bytes(8, "little") + data)
    return f"{namespace}-{h.hexdigest()[:32]}"


def cached(entry: str, compute: Callable[[], T]) -> T:
    """The value stored under ``entry``, or ``compute()`` stored there."""
    path = config.CACHE_DIR / f"{entry}.pickle"
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    except Exception:  # missing, unreadable or from another Python: recompute
        pass
    value = compute()
    # entries are pickles written atomically: notebooks running side by side on an empty cache may each compute
    # the same entry, but the values are identical, so the last write simply wins
    _store(path, value)
    return value


def _store(path: Path, value: Any) -> None:
    try:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except pickle.PicklingError:
        return
    if write_atomic(path, data):
        _prune(path)


def write_atomic(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` through a temporary file in the same folder, so a reader never sees half a file.
    Best effort: False (and nothing left behind) when the folder is read-only or the disk full."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
        tmp = None
        return True
    except OSError:
        return False
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def _prune(path: Path) -> None:
    namespace = path.name.rsplit("-", 1)[0]
    entries = sorted(path.parent.glob(f"{namespace}-*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in entries[KEEP:]:
        old.unlink(missing_ok=True)
