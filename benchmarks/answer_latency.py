"""Warm answer latency: every dev question through ``Engine.ask``, after a warm-up, N rounds.

Run:  python benchmarks/answer_latency.py [--rounds 3]

Prints p50/p95 over all questions and per question type. Uses the index of the current
settings (``policyqa index`` first, or it is built).
"""

from __future__ import annotations

import argparse
import time

from _common import dev_items, machine, summary

from policyqa.engine import Engine
from policyqa.settings import Settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    print(machine())
    started = time.perf_counter()
    engine = Engine.load(Settings.from_env(), build_if_missing=True)
    print(f"engine load: {time.perf_counter() - started:.1f} s (embedder: {engine.settings.embedder})")
    items = dev_items()
    for item in items[:5]:  # warm-up: models, jieba, caches
        engine.ask(item["question"])
    all_ms: list[float] = []
    by_type: dict[str, list[float]] = {}
    for _ in range(args.rounds):
        for item in items:
            t0 = time.perf_counter()
            engine.ask(item["question"])
            ms = (time.perf_counter() - t0) * 1000
            all_ms.append(ms)
            by_type.setdefault(item["type"], []).append(ms)
    print(f"warm answer latency, {args.rounds} rounds × {len(items)} questions: {summary(all_ms)}")
    for kind, values in by_type.items():
        print(f"  {kind:<15} {summary(values)}")


if __name__ == "__main__":
    main()
