"""Swapping a freshly built index directory in atomically, and the lock that marks a build as live, so a
reader never sees a half-built index and a clean-up never removes a build that is still writing."""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import shutil
import time
import uuid
from pathlib import Path
from typing import Any


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths (Linux renameat2 RENAME_EXCHANGE); False if unsupported."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    rc = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return rc == 0


def swap_in(new: Path, target: Path) -> None:
    """Make ``new`` the directory at ``target``; the previous one is removed."""
    if not target.exists():
        new.rename(target)
        return
    if _exchange(new, target):
        shutil.rmtree(new, ignore_errors=True)  # ``new`` now holds the previous index
        return
    old = target.with_name(f".{target.name}.old-{uuid.uuid4().hex[:8]}")
    target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


BUILDING = ".building"  # inside a build directory: locked (flock) by the live build that writes it


def hold_build_lock(build_dir: Path) -> Any:
    """Lock ``build_dir`` for this process; the lock dies with the process (a killed build frees it)."""
    handle = open(build_dir / BUILDING, "w")
    with contextlib.suppress(ImportError, OSError):
        import fcntl

        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    handle.write(str(os.getpid()))
    handle.flush()
    return handle


def release_build_lock(build_dir: Path, handle: Any) -> None:
    handle.close()
    with contextlib.suppress(OSError):
        (build_dir / BUILDING).unlink()


def is_live_build(path: Path) -> bool:
    """True while the build that writes ``path`` runs (its lock is held)."""
    lock = path / BUILDING
    if not lock.is_file():
        return False
    try:
        import fcntl
    except ImportError:  # no flock: trust only age
        return time.time() - path.stat().st_mtime < 3600
    try:
        with open(lock) as handle:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False
    return False


def clean_leftovers(target: Path) -> None:
    """Remove build/old siblings left by a killed or crashed build (never one a live build holds)."""
    for path in target.parent.glob(f".{target.name}.*-*"):
        with contextlib.suppress(OSError):
            if path.is_dir() and not is_live_build(path):
                shutil.rmtree(path, ignore_errors=True)
