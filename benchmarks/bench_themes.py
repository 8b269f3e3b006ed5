"""Themes and rhetoric take well under a second on the speech once tokens exist, and grow linearly.

Times every theme function (textstat_themes, theme_scores, textmodel_topics, cooccurrence_network with its
communities) and every rhetoric function that exists in this build (formulas, enumerations, parallels, quotations,
documents, timeline, entities) on the speech and on a text of at least 3 MB built by repeating it. Tokens are
computed first and reported apart (they are the prerequisite, cached on the Speech). For each function:

    growth = (seconds on the large text / seconds on the speech) / (characters ratio)

1.0 is exactly linear; below 1 the fixed cost of a call dominates on the speech; well above 1 would mean
super-linear growth. Prints a table and writes benchmarks/results/bench_themes.json.
"""

from __future__ import annotations

import json
import platform
import time
from collections.abc import Callable
from typing import Any

import zhspeech
from zhspeech import config

TARGET_BYTES = 3_000_000
REPEATS = {"speech": 5, "large": 2}
THEMES = ("textstat_themes", "theme_scores", "textmodel_topics", "cooccurrence_network")
RHETORIC = ("formulas", "enumerations", "parallels", "quotations", "documents", "timeline", "entities")


def large_text() -> str:
    """The speech repeated until the text reaches TARGET_BYTES in UTF-8."""
    raw = config.SPEECH_PATH.read_text(encoding="utf-8").strip() + "\n\n"
    copies = -(-TARGET_BYTES // len(raw.encode("utf-8")))
    return raw * copies


def tasks() -> dict[str, Callable[[Any], Any]]:
    """Name -> call on a Speech, for the functions present in this build."""
    out: dict[str, Callable[[Any], Any]] = {
        "textstat_themes": lambda s: zhspeech.theme_hits(s),
        "theme_scores": lambda s: zhspeech.textstat_themes(s, by="section"),
        "textmodel_topics": lambda s: zhspeech.textmodel_topics(s),
        "cooccurrence_network": lambda s: zhspeech.network_communities(zhspeech.cooccurrence_network(s.tokens)),
    }
    for name in RHETORIC:
        try:
            fn = getattr(zhspeech, name)
        except (AttributeError, ImportError):
            continue
        kwargs = {"year": config.SPEECH_YEAR} if name == "timeline" else {}
        out[name] = lambda s, fn=fn, kwargs=kwargs: fn(s, **kwargs)
    return out


def best_time(call: Callable[[Any], Any], speech: Any, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        t = time.perf_counter()
        call(speech)
        best = min(best, time.perf_counter() - t)
    return best


def measure(speech: Any, label: str, calls: dict[str, Callable[[Any], Any]]) -> dict[str, Any]:
    t = time.perf_counter()
    speech.tokens  # noqa: B018 — the prerequisite, computed once and cached
    tokens_seconds = time.perf_counter() - t
    seconds = {name: best_time(call, speech, REPEATS[label]) for name, call in calls.items()}
    return {
        "characters": len(speech.text),
        "bytes": len(speech.text.encode("utf-8")),
        "sentences": len(speech.sentences),
        "tokens": len(speech.tokens),
        "tokens_seconds": round(tokens_seconds, 3),
        "seconds": {k: round(v, 4) for k, v in seconds.items()},
    }


def report(small: dict[str, Any], large: dict[str, Any]) -> dict[str, Any]:
    ratio = large["characters"] / small["characters"]
    rows = []
    for name, s in small["seconds"].items():
        big = large["seconds"][name]
        rows.append(
            {
                "function": name,
                "group": "themes" if name in THEMES else "rhetoric",
                "speech_s": s,
                "large_s": big,
                "growth": round(big / s / ratio, 3) if s > 0 else None,
            }
        )
    totals = {g: round(sum(r["speech_s"] for r in rows if r["group"] == g), 4) for g in ("themes", "rhetoric")}
    print(
        f"speech: {small['characters']:,} characters, {small['sentences']} sentences; "
        f"large: {large['characters']:,} characters ({large['bytes'] / 1e6:.2f} MB UTF-8), "
        f"{large['sentences']:,} sentences; size ratio {ratio:.1f}"
    )
    print(
        f"tokens (prerequisite, not in the totals): {small['tokens_seconds']:.3f} s on the speech, "
        f"{large['tokens_seconds']:.1f} s on the large text"
    )
    print(f"{'function':<22}{'group':<10}{'speech s':>10}{'large s':>10}{'growth':>8}")
    for r in rows:
        print(f"{r['function']:<22}{r['group']:<10}{r['speech_s']:>10.4f}{r['large_s']:>10.3f}{r['growth']:>8.2f}")
    print(
        f"total on the speech: themes {totals['themes']:.3f} s, rhetoric {totals['rhetoric']:.3f} s "
        "(growth 1.00 = linear)"
    )
    return {
        "speech": small,
        "large": large,
        "size_ratio": round(ratio, 2),
        "rows": rows,
        "speech_totals": totals,
        "python": platform.python_version(),
        "machine": platform.machine(),
    }


def main() -> dict[str, Any]:
    calls = tasks()
    small = zhspeech.load(config.SPEECH_PATH)
    for call in calls.values():  # warm up: imports, the jieba dictionary, the codebook file cache
        call(small)
    small = zhspeech.load(config.SPEECH_PATH)
    result = report(measure(small, "speech", calls), measure(zhspeech.parse(large_text()), "large", calls))
    out = config.PROJ_ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "bench_themes.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return result


if __name__ == "__main__":
    main()
