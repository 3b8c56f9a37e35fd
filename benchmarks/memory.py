"""Memory: RSS of one process before and after answering 1,000 questions.

Run:  python benchmarks/memory.py [--questions 1000]

"before" is after ``Engine.load`` and a 5-question warm-up (models, jieba and caches in
memory); the dev questions are then asked in a cycle and RSS is sampled along the way, so a
leak shows as steady growth rather than a one-off step.
"""

from __future__ import annotations

import argparse
import gc
import time

import psutil
from _common import dev_items, machine, summary

from policyqa.engine import Engine
from policyqa.settings import Settings


def rss_mib() -> float:
    return psutil.Process().memory_info().rss / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--questions", type=int, default=1000)
    args = parser.parse_args()
    print(machine())
    start_rss = rss_mib()
    engine = Engine.load(Settings.from_env(), build_if_missing=True)
    loaded = rss_mib()
    items = dev_items()
    for item in items[:5]:
        engine.ask(item["question"])
    gc.collect()
    before = rss_mib()
    print(f"RSS: interpreter {start_rss:.0f} MiB; after Engine.load {loaded:.0f} MiB; after warm-up {before:.0f} MiB")
    latencies: list[float] = []
    checkpoints = {100, 250, 500, 750, args.questions}
    for i in range(1, args.questions + 1):
        t0 = time.perf_counter()
        engine.ask(items[(i - 1) % len(items)]["question"])
        latencies.append((time.perf_counter() - t0) * 1000)
        if i in checkpoints:
            print(f"  after {i:>5} questions: RSS {rss_mib():.0f} MiB")
    gc.collect()
    after = rss_mib()
    print(f"RSS before {before:.0f} MiB → after {args.questions} questions {after:.0f} MiB "
          f"(Δ {after - before:+.1f} MiB); latency {summary(latencies)}")


if __name__ == "__main__":
    main()
