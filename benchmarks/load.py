"""Load test: N concurrent gradio_client clients × M questions against a real ``policyqa serve``.

Run:  python benchmarks/load.py [--clients 20] [--questions 10] [--port 7871] [--url http://127.0.0.1:7860]
                                [--client http|gradio]

Without ``--url`` it starts ``policyqa serve --host 127.0.0.1 --port PORT`` itself, waits until
the page answers, runs the clients, and stops that server (only the process it started).
Each client runs in its own thread and calls ``/ask`` with (question, history) for dev questions
(multi-turn items send their earlier turns as history); with ``--distinct`` every request is a different question
of dev + the blind sets, so no request is helped by another's answer (hotlines repeat questions; this is the
worst case). ``--client http`` (default) speaks Gradio's
documented REST protocol (POST ``/gradio_api/call/ask``, then read the event stream) over one keep-alive
connection per client; ``--client gradio`` uses ``gradio_client.Client``, which costs ~120–150 ms of CPU per
request *in the load generator* — on a 2-core machine that alone caps the rate near 7 req/s, so it measures
the client more than the server.
An error is an exception or an answer JSON carrying ``error``. Only 127.0.0.1 is allowed.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

from _common import ROOT, all_distinct_items, dev_items, machine, summary


def wait_ready(url: str, proc: subprocess.Popen | None, timeout: float) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if proc is not None and proc.poll() is not None:
            raise SystemExit(f"server exited with code {proc.returncode} before it was ready")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return time.perf_counter() - started
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"server not ready after {timeout:.0f} s: {url}")


class RestClient:
    """Gradio's REST protocol: POST the inputs, then read the job's server-sent events until it completes."""

    def __init__(self, url: str) -> None:
        import httpx

        self.base = url.rstrip("/") + "/gradio_api/call"
        self.http = httpx.Client(timeout=120, trust_env=False)

    def predict(self, *data: object, api_name: str) -> object:
        name = api_name.strip("/")
        event_id = self.http.post(f"{self.base}/{name}", json={"data": list(data)}).raise_for_status().json()
        kind = None
        with self.http.stream("GET", f"{self.base}/{name}/{event_id['event_id']}") as response:
            for line in response.iter_lines():
                if line.startswith("event:"):
                    kind = line[6:].strip()
                elif line.startswith("data:") and kind in ("complete", "error"):
                    payload = json.loads(line[5:])
                    if kind == "error":
                        raise RuntimeError(f"server error: {payload}")
                    return payload[0]
        raise RuntimeError("event stream ended without a result")


def client_run(url: str, questions: list, latencies: list, errors: list, lock: threading.Lock,
               kind: str = "http") -> None:
    try:
        if kind == "gradio":
            from gradio_client import Client

            client = Client(url, verbose=False)
        else:
            client = RestClient(url)
    except Exception as err:  # a client that cannot connect fails all its requests
        with lock:
            errors.extend([f"connect: {err}"] * len(questions))
        return
    for question in questions:
        turns = question if isinstance(question, list) else [question]
        t0 = time.perf_counter()
        try:
            result = client.predict(turns[-1], turns[:-1], api_name="/ask")
            ms = (time.perf_counter() - t0) * 1000
            bad = not isinstance(result, dict) or bool(result.get("error"))
            with lock:
                latencies.append(ms)
                if bad:
                    errors.append(f"answer: {str(result)[:120]}")
        except Exception as err:  # count it and go on
            with lock:
                errors.append(f"request: {type(err).__name__}: {err}"[:200])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--questions", type=int, default=10)
    parser.add_argument("--port", type=int, default=7871)
    parser.add_argument("--url", help="an already running server on 127.0.0.1 (default: start one)")
    parser.add_argument("--ready-timeout", type=float, default=300)
    parser.add_argument("--warmup", action="store_true",
                        help="ask every distinct question once before timing (a server that has seen them)")
    parser.add_argument("--distinct", action="store_true",
                        help="every request a different question (dev + blind sets), so no answer is shared")
    parser.add_argument("--client", choices=("http", "gradio"), default="http",
                        help="load generator: Gradio's REST protocol (light) or gradio_client (heavy)")
    args = parser.parse_args()
    url = args.url or f"http://127.0.0.1:{args.port}/"
    if urlparse(url).hostname not in ("127.0.0.1", "localhost"):
        raise SystemExit("load tests run only against 127.0.0.1")
    print(machine())
    proc = None
    log_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"policyqa-load-serve-{args.port}.log"
    if not args.url:
        env = {**os.environ, "POLICYQA_HOST": "127.0.0.1", "POLICYQA_PORT": str(args.port)}
        with open(log_path, "w") as log:
            proc = subprocess.Popen([sys.executable, "-m", "policyqa", "serve", "--host", "127.0.0.1",
                                     "--port", str(args.port)], cwd=ROOT, env=env, stdout=log,
                                    stderr=subprocess.STDOUT, start_new_session=True)
        print(f"started policyqa serve (pid {proc.pid}), log {log_path}")
    try:
        print(f"server ready after {wait_ready(url, proc, args.ready_timeout):.1f} s")
        items = all_distinct_items() if args.distinct else dev_items()
        if args.distinct and len(items) < args.clients * args.questions:
            raise SystemExit(f"only {len(items)} distinct questions for {args.clients * args.questions} requests")
        latencies: list[float] = []
        errors: list[str] = []
        lock = threading.Lock()
        threads = []
        for c in range(args.clients):
            questions = [items[(c * args.questions + q) % len(items)]["question"] for q in range(args.questions)]
            threads.append(threading.Thread(target=client_run,
                                            args=(url, questions, latencies, errors, lock, args.client)))
        if args.warmup:
            distinct = {json.dumps(q, ensure_ascii=False): q for t in threads for q in t._args[1]}  # type: ignore[attr-defined]
            warm_errors: list[str] = []
            client_run(url, list(distinct.values()), [], warm_errors, lock, args.client)
            print(f"warm-up: {len(distinct)} distinct questions asked once ({len(warm_errors)} errors)")
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - started
        total = args.clients * args.questions
        print(f"client: {args.client}; server workers: {os.environ.get('POLICYQA_WORKERS', 'default')}")
        print(f"{args.clients} clients × {args.questions} questions = {total} requests in {wall:.1f} s "
              f"({total / wall:.1f} req/s)")
        print(f"errors: {len(errors)}")
        for line in sorted(set(errors))[:10]:
            print(f"  {line}")
        print(f"latency per request (client side): {summary(latencies)}")
    finally:
        if proc is not None and proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)  # its own session: the server and nothing else
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
            print(f"stopped server pid {proc.pid}")


if __name__ == "__main__":
    main()
