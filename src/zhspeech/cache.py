"""A small on-disk cache for derived tables, so the notebooks of one report do not each rebuild them.

An entry's key hashes everything its value depends on, so a changed input, a changed line of code or an upgraded
library never reads a stale entry. Entries live under ``config.CACHE_DIR`` (``ZHSPEECH_CACHE`` overrides it); the
cache is an optimization only — any error reading or writing it falls back to computing the value.

Each namespace keeps its most recently used entries (a read counts as a use): ``KEEP`` of them, or the number
``LIMITS`` gives for the namespaces with one entry per document, so a corpus read a second time finds all of its
documents' entries instead of the last few.
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
#: Entries kept in the namespaces written once per document: token tables (a few hundred kB each) and a corpus
#: document's record and term counts (tens of kB).
LIMITS: dict[str, int] = {"tokens": 2048, "corpus": 8192, "corpusseq": 8192, "corpusmerged": 8192}
_MISSING: Any = object()
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
    value = get(entry, _MISSING)
    if value is _MISSING:
        value = compute()
        # entries are pickles written atomically: notebooks running side by side on an empty cache may each compute
        # the same entry, but the values are identical, so the last write simply wins
        put(entry, value)
    return value


def get(entry: str, default: Any = None) -> Any:
    """The value stored under ``entry``, or ``default`` when there is none (or it cannot be read)."""
    path = config.CACHE_DIR / f"{entry}.pickle"
    try:
        with open(path, "rb") as f:
            value = pickle.load(f)
    except Exception:  # missing, unreadable or from another Python: recompute
        return default
    try:
        os.utime(path)  # a read is a use: pruning removes the least recently used entries
    except OSError:
        pass
    return value


def put(entry: str, value: Any) -> None:
    """Store ``value`` under ``entry`` (best effort: nothing happens when it cannot be pickled or written)."""
    _store(config.CACHE_DIR / f"{entry}.pickle", value)


def _store(path: Path, value: Any) -> None:
    try:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError):
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
    """Remove the least recently used entries of ``path``'s namespace beyond its limit (``LIMITS``, else ``KEEP``).
    The folder is listed by name only; entries are looked at (stat) only when there are too many."""
    namespace = path.name.rsplit("-", 1)[0]
    limit = LIMITS.get(namespace, KEEP)
    try:
        with os.scandir(path.parent) as found:
            names = [e.name for e in found if e.name.endswith(".pickle") and e.name.rsplit("-", 1)[0] == namespace]
        if len(names) <= limit:
            return
        entries = []
        for name in names:
            try:
                entries.append(((path.parent / name).stat().st_mtime_ns, name))
            except OSError:  # removed meanwhile by another process
                continue
        entries.sort(reverse=True)
        for _, name in entries[limit:]:
            (path.parent / name).unlink(missing_ok=True)
    except OSError:
        return
