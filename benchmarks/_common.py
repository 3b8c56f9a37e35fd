"""Shared bits of the benchmark scripts: offline environment, machine description, percentiles.

Import this first (it sets the environment before any model or Gradio import).
"""

from __future__ import annotations

import json
import os
import platform
import sys
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from policyqa.evaluate import percentile  # noqa: E402


def machine() -> str:
    """nproc, RAM, CPU model, load average and Python — printed with every result."""
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "?"
    try:
        import psutil

        ram = f"{psutil.virtual_memory().total / 2**30:.1f} GiB"
    except ImportError:
        pass
    load = " ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return (f"nproc={os.cpu_count()}, RAM={ram}, CPU={cpu}, load average={load}, "
            f"Python {platform.python_version()}, {platform.system()} {platform.release()}")


def dev_items() -> list[dict[str, Any]]:
    lines = (ROOT / "evals" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def all_distinct_items() -> list[dict[str, Any]]:
    """Items of dev and every blind set, each question (or conversation) once."""
    seen: dict[str, dict[str, Any]] = {}
    for path in [ROOT / "evals" / "dev.jsonl", *sorted((ROOT / "evals").glob("blind_*.jsonl"))]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                seen.setdefault(json.dumps(item["question"], ensure_ascii=False), item)
    return list(seen.values())


def summary(values: list[float], unit: str = "ms") -> str:
    if not values:
        return "无数据"
    return (f"n={len(values)} p50={percentile(values, 50):.1f}{unit} p95={percentile(values, 95):.1f}{unit} "
            f"mean={sum(values) / len(values):.1f}{unit} max={max(values):.1f}{unit}")
