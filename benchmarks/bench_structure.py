"""Loading and parsing grow linearly, and `zhspeech outline` is quick on every report of the corpus.

1. Time `zhspeech.load` on texts of 1, 2, 5 and 10 MB built from the speech: seconds and MB/s per size and the ratio
   of the 10 MB time to ten times the 1 MB time (1.0 = exactly linear).
2. Time what `zhspeech outline` does (load + outline_dict) on the 49 government work reports of
   data/raw/corpus/gov_work_reports, one after the other in one process: the average seconds per file (target
   < 0.1 s) and the slowest file.

Writes the figures to benchmarks/results/bench_structure.json.
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

import zhspeech
from zhspeech import config
from zhspeech.text.outline import outline_dict

SIZES_MB = (1, 2, 5, 10)
REPEATS = 3
CORPUS = config.PROJ_ROOT / "data" / "raw" / "corpus" / "gov_work_reports"
OUTLINE_TARGET_S = 0.1


def build(path: Path, megabytes: int) -> int:
    """Write the speech repeated (each copy's paragraphs numbered apart) to about `megabytes` MB."""
    raw = config.SPEECH_PATH.read_text(encoding="utf-8")
    target, parts, size, i = megabytes * 1_000_000, [], 0, 0
    while size < target:
        part = raw.replace("任贤良", f"任贤良{i % 10}") + "\n\n"
        parts.append(part)
        size += len(part.encode("utf-8"))
        i += 1
    path.write_text("".join(parts), encoding="utf-8")
    return path.stat().st_size


def best_time(path: Path) -> float:
    best = float("inf")
    for _ in range(REPEATS):
        t = time.perf_counter()
        zhspeech.load(path)
        best = min(best, time.perf_counter() - t)
    return best


def corpus_outline() -> dict:
    """load + outline_dict over every corpus file in one process; the best of REPEATS passes."""
    files = sorted(CORPUS.glob("*.txt"))
    best_total, slowest = float("inf"), ("", 0.0)
    for _ in range(REPEATS):
        total, worst = 0.0, ("", 0.0)
        for path in files:
            t = time.perf_counter()
            outline_dict(zhspeech.load(path))
            seconds = time.perf_counter() - t
            total += seconds
            worst = max(worst, (path.name, seconds), key=lambda x: x[1])
        if total < best_total:
            best_total, slowest = total, worst
    mean = best_total / len(files)
    return {
        "files": len(files),
        "total_seconds": round(best_total, 3),
        "mean_seconds_per_file": round(mean, 4),
        "slowest_file": slowest[0],
        "slowest_seconds": round(slowest[1], 4),
        "target_seconds_per_file": OUTLINE_TARGET_S,
        "meets_target": mean < OUTLINE_TARGET_S,
    }


def main() -> dict:
    zhspeech.load(config.SPEECH_PATH)  # warm up imports
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for mb in SIZES_MB:
            path = Path(tmp) / f"speech_{mb}mb.md"
            size = build(path, mb)
            seconds = best_time(path)
            rows.append(
                {
                    "megabytes": round(size / 1e6, 2),
                    "seconds": round(seconds, 3),
                    "mb_per_s": round(size / 1e6 / seconds, 2),
                }
            )
    linearity = rows[-1]["seconds"] / (rows[0]["seconds"] * rows[-1]["megabytes"] / rows[0]["megabytes"])
    outline = corpus_outline()
    result = {"rows": rows, "linearity_10mb_vs_1mb": round(linearity, 3), "corpus_outline": outline}
    for r in rows:
        print(f"{r['megabytes']:>6.2f} MB  {r['seconds']:>7.3f} s  {r['mb_per_s']:>6.2f} MB/s")
    print(f"10 MB time / (10 × 1 MB time) = {linearity:.2f}  (1.00 = linear)")
    print(
        f"outline (load + outline_dict) on {outline['files']} corpus files: {outline['mean_seconds_per_file']:.4f} s "
        f"per file on average (target < {OUTLINE_TARGET_S} s: {'met' if outline['meets_target'] else 'MISSED'}); "
        f"slowest {outline['slowest_file']} {outline['slowest_seconds']:.4f} s"
    )
    out = config.PROJ_ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "bench_structure.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    return result


if __name__ == "__main__":
    main()
