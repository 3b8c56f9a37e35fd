"""Startup benchmark: ``policyqa serve`` (a subprocess on a free port, index already built) → ready UI.

Prints, per run and as the median:
  http_ready_s   until ``GET /`` answers 200
  ask_ready_s    until the ``/ask`` endpoint has answered through gradio_client (includes the first answer)
  first_ask_ms   that first /ask call alone; warm_ask_ms: a second one
  peak_rss_mb    peak resident memory of the serving process (psutil samples; VmHWM where Linux has it)

Usage: ``python benchmarks/startup.py [--runs 3] [--index-dir DIR]``. The index is built first when
missing (not timed into the startup figures, reported separately). Fully offline.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
QUESTION = "我们公司获得市级首台套项目补贴五百万，丰台区最多给多少配套？"
OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "ANONYMIZED_TELEMETRY": "False",
    "OMP_WAIT_POLICY": "PASSIVE",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class RssSampler(threading.Thread):
    """Samples the resident memory of a process (and its children) until stopped."""

    def __init__(self, pid: int, every_s: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.process = psutil.Process(pid)
        self.every_s = every_s
        self.peak = 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            try:
                procs = [self.process, *self.process.children(recursive=True)]
                self.peak = max(self.peak, sum(p.memory_info().rss for p in procs))
            except psutil.Error:
                return
            time.sleep(self.every_s)

    def high_water_mark(self) -> int:
        """Linux's own peak RSS of the server process (VmHWM), 0 where unavailable."""
        try:
            for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
        except OSError:
            pass
        return 0

    def stop(self) -> None:
        self._stop_event.set()


def wait_http_200(url: str, proc: subprocess.Popen[bytes], timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"服务进程提前退出（退出码 {proc.returncode}）")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.05)
    raise TimeoutError(f"{timeout_s:.0f} 秒内 {url} 未就绪")


def one_run(env: dict[str, str], timeout_s: float) -> dict[str, float]:
    from gradio_client import Client

    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    # `python -m policyqa` is the `policyqa` console script's code path (policyqa.cli:main); run from the
    # repository root so the top-level `app` module is importable.
    cmd = [sys.executable, "-m", "policyqa", "serve", "--host", "127.0.0.1", "--port", str(port)]
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        sampler = RssSampler(proc.pid)
        sampler.start()
        try:
            wait_http_200(url, proc, timeout_s)
            http_ready = time.perf_counter() - start
            client = Client(url, verbose=False)
            t = time.perf_counter()
            first = client.predict(QUESTION, [], api_name="/ask")
            first_ask = time.perf_counter() - t
            ask_ready = time.perf_counter() - start
            if not first.get("calculations") or first["calculations"][0]["amount_yuan"] != 1500000:
                raise RuntimeError(f"/ask 返回异常：{first}")
            t = time.perf_counter()
            client.predict(QUESTION, [], api_name="/ask")
            warm_ask = time.perf_counter() - t
            hwm = sampler.high_water_mark()
        except BaseException:
            log.seek(0)
            sys.stderr.write(log.read().decode("utf-8", "replace")[-4000:])
            raise
        finally:
            sampler.stop()
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    return {
        "http_ready_s": http_ready,
        "ask_ready_s": ask_ready,
        "first_ask_ms": first_ask * 1000,
        "warm_ask_ms": warm_ask * 1000,
        "peak_rss_mb": max(sampler.peak, hwm) / 2**20,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--index-dir", help="index directory (default: POLICYQA_INDEX_DIR or ./index)")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds allowed per start-up")
    args = parser.parse_args()

    env = {**os.environ, **OFFLINE_ENV}
    if args.index_dir:
        env["POLICYQA_INDEX_DIR"] = str(Path(args.index_dir).resolve())
    with tempfile.TemporaryDirectory(prefix="policyqa-bench-") as data_dir:
        env["POLICYQA_DATA_DIR"] = data_dir  # feedback database of the benchmark runs stays out of the repo
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "policyqa", "index"], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL)
        print(f"index ready (built or verified): {time.perf_counter() - t:.1f} s — not part of the start-up figures")

        rows = [one_run(env, args.timeout) for _ in range(args.runs)]

    columns = ["http_ready_s", "ask_ready_s", "first_ask_ms", "warm_ask_ms", "peak_rss_mb"]
    print(f"{'run':<8}" + "".join(f"{c:>15}" for c in columns))
    for i, row in enumerate(rows, start=1):
        print(f"{i:<8}" + "".join(f"{row[c]:>15.2f}" for c in columns))
    print(f"{'median':<8}" + "".join(f"{statistics.median(r[c] for r in rows):>15.2f}" for c in columns))
    print(f"machine: {os.cpu_count()} CPUs, {psutil.virtual_memory().total / 2**30:.1f} GiB RAM, "
          f"Python {sys.version.split()[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
