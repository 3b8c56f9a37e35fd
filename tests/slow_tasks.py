"""Tasks for the worker-pool tests (imported by the spawned worker processes, so a module of their own)."""

from __future__ import annotations

import os
import time


def make_state() -> str:
    return "state"


def echo(state: str, value: object) -> tuple[str, object, int]:
    return state, value, os.getpid()


def spin(state: str, seconds: float) -> str:
    """Pure-Python busy work that never yields: only killing the process stops it early."""
    ends = time.monotonic() + seconds
    n = 0
    while time.monotonic() < ends:
        n += 1
    return f"{state} spun {n}"


def die(state: str) -> None:
    os._exit(3)
