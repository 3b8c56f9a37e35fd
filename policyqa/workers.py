"""Engine work with a deadline: a pool of worker processes (parallel, killable) or one in-process thread.

:class:`WorkerPool` runs ``task(state, *args)`` in one of ``size`` child processes, each holding its own
state (an :class:`~policyqa.engine.Engine` loaded from the same settings). Requests are answered in
parallel, one per worker; a request that is not answered within its deadline (waiting for a worker
included) gets a Chinese message, and the worker still running it is killed and replaced, so no single
request holds the service beyond its own deadline. A worker that dies is replaced the same way.

:class:`InProcess` is the same interface over one thread in this process (``POLICYQA_WORKERS=0``): no
extra memory or start-up, but a request past its deadline cannot be stopped, only abandoned.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import logging
import multiprocessing
import queue
import threading
import time
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, Protocol, TypeVar

from policyqa.errors import PolicyQAError

log = logging.getLogger(__name__)
T = TypeVar("T")

START_TIMEOUT_S = 300.0  # loading an engine (model + index) in a fresh process


def timeout_message(budget_s: float) -> str:
    return f"处理超时（超过 {budget_s:g} 秒），请稍后重试或精简问题"


class Runner(Protocol):
    """Runs ``task(state, *args)`` within a deadline; raises PolicyQAError (a Chinese message) on timeout."""

    def run(self, task: Callable[..., T], *args: Any, deadline_s: float | None = None) -> T: ...

    def close(self) -> None: ...


class InternalError(PolicyQAError):
    """A task failed with an unexpected exception in a worker (the worker logged its traceback)."""


class InProcess:
    """One worker thread over ``state``; calls run one at a time, each within its deadline."""

    def __init__(self, state: Any, deadline_s: float = 30.0) -> None:
        self._state = state
        self._deadline_s = deadline_s
        self._worker = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="policyqa-engine")

    def run(self, task: Callable[..., T], *args: Any, deadline_s: float | None = None) -> T:
        budget = deadline_s or self._deadline_s
        future = self._worker.submit(task, self._state, *args)
        try:
            return future.result(timeout=budget)
        except concurrent.futures.TimeoutError:
            future.cancel()
            log.warning("请求超过时间预算 %.0f 秒", budget)
            raise PolicyQAError(timeout_message(budget)) from None

    def close(self) -> None:
        self._worker.shutdown(wait=False, cancel_futures=True)


def _worker_main(conn: Connection, factory: Callable[[], Any]) -> None:
    """Child process: build the state once, then answer (task, args) messages until told to stop."""
    try:
        state = factory()
    except BaseException as err:  # reported to the parent, which logs it
        conn.send(("failed", f"{type(err).__name__}: {err}"))
        return
    conn.send(("ready", None))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        task, args = message
        try:
            reply: tuple[str, Any] = ("ok", task(state, *args))
        except PolicyQAError as err:
            reply = ("error", str(err))
        except Exception as err:  # a bug: logged here with its traceback, reported as one line
            logging.getLogger("policyqa.worker").error("任务失败：%s", traceback.format_exc())
            reply = ("bug", f"{type(err).__name__}")
        try:
            conn.send(reply)
        except Exception as err:  # an unpicklable result is a bug too
            conn.send(("bug", f"{type(err).__name__}"))


class _Worker:
    def __init__(self, ctx: Any, factory: Callable[[], Any]) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, factory), daemon=True,
                                   name="policyqa-worker")
        self.process.start()
        child.close()

    def wait_ready(self, timeout: float) -> None:
        try:
            if not self.conn.poll(timeout):
                raise PolicyQAError("处理进程启动超时")
            status, detail = self.conn.recv()
        except (EOFError, OSError):  # it died while starting (or the pool closed it)
            raise PolicyQAError("处理进程启动失败：进程已退出") from None
        if status != "ready":
            raise PolicyQAError(f"处理进程启动失败：{detail}")

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.process.kill()
        with contextlib.suppress(Exception):
            self.process.join(timeout=5)
        with contextlib.suppress(Exception):
            self.conn.close()


class WorkerPool:
    """``size`` worker processes, each with the state ``factory()`` builds (run in the child)."""

    def __init__(self, factory: Callable[[], Any], size: int = 2, deadline_s: float = 30.0,
                 start_timeout_s: float = START_TIMEOUT_S) -> None:
        self._ctx = multiprocessing.get_context("spawn")  # never fork: OpenMP and Chroma threads
        self._factory = factory
        self._deadline_s = deadline_s
        self._start_timeout_s = start_timeout_s
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self.replaced = 0  # workers killed (deadline) or lost (crash) and started again
        starting = [self._spawn() for _ in range(max(1, size))]
        for worker in starting:  # all start in parallel; the first failure is reported
            try:
                worker.wait_ready(self._start_timeout_s)
            except PolicyQAError:
                self.close()
                raise
            self._idle.put(worker)

    @property
    def size(self) -> int:
        return len(self._all)

    def _spawn(self) -> _Worker:
        worker = _Worker(self._ctx, self._factory)
        with self._lock:
            self._all.add(worker)
        return worker

    def _replace(self, worker: _Worker) -> None:
        """Kill ``worker`` now; start its successor in the background (idle once loaded)."""
        worker.kill()
        with self._lock:
            self._all.discard(worker)
            self.replaced += 1
            if self._closed:
                return

        def start() -> None:
            while not self._closed:
                fresh = self._spawn()
                try:
                    fresh.wait_ready(self._start_timeout_s)
                except PolicyQAError as err:
                    log.error("处理进程重启失败：%s", err)
                    self._discard(fresh)
                    time.sleep(1.0)
                    continue
                if self._closed:
                    self._discard(fresh)
                else:
                    self._idle.put(fresh)
                return

        threading.Thread(target=start, name="policyqa-worker-restart", daemon=True).start()

    def _discard(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            self._all.discard(worker)

    def run(self, task: Callable[..., T], *args: Any, deadline_s: float | None = None) -> T:
        budget = deadline_s or self._deadline_s
        if self._closed:
            raise PolicyQAError("服务正在关闭，请稍后重试")
        ends = time.monotonic() + budget
        try:
            worker = self._idle.get(timeout=budget)
        except queue.Empty:
            log.warning("请求等待处理进程超过 %.0f 秒", budget)
            raise PolicyQAError(timeout_message(budget)) from None
        try:
            worker.conn.send((task, args))
            if not worker.conn.poll(max(0.0, ends - time.monotonic())):
                log.warning("请求超过时间预算 %.0f 秒：终止并重启处理进程 %s", budget, worker.process.pid)
                self._replace(worker)
                worker = None
                raise PolicyQAError(timeout_message(budget))
            status, value = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            log.error("处理进程 %s 意外退出，正在重启", worker.process.pid if worker else "?")
            if worker is not None:
                self._replace(worker)
                worker = None
            raise InternalError("处理进程意外退出，请重试") from None
        finally:
            if worker is not None:
                self._idle.put(worker)
        if status == "ok":
            return value  # type: ignore[no-any-return]
        if status == "error":
            raise PolicyQAError(value)
        raise InternalError(f"系统内部错误（{value}），请稍后重试")

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            with contextlib.suppress(Exception):
                worker.conn.send(None)
            worker.kill()
