"""Long fuzz run: the strategies of ``tests/fuzzing.py`` against a real server and the CLI, with counts.

Run:  python benchmarks/fuzz.py [--examples 400] [--cli-examples 300] [--clients 3]

Starts the app in this process over the index under ``index/`` (built if missing) with its worker processes,
then for each endpoint (/ask, /lookup, /award) runs ``--examples`` hypothesis examples on each of ``--clients``
threads at once, then ``--cli-examples`` CLI invocations (in process, each under a wall-clock limit), then
checks that a normal question is still answered within 2 s. Prints calls, problems (tracebacks, internal
errors, replies without a Chinese message), hangs and the liveness latency; exits 1 if any problem or hang.
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from pathlib import Path

from _common import ROOT, machine

sys.path.insert(0, str(ROOT / "tests"))

import fuzzing
from hypothesis import HealthCheck, given, seed, settings
from servers import RestClient, running_app


def fuzz_endpoint(url: str, endpoint: str, examples: int, number: int, tally: fuzzing.Tally) -> None:
    client = RestClient(url, timeout=fuzzing.CALL_LIMIT_S)

    @seed(number)  # distinct examples per thread
    @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(fuzzing.ENDPOINTS[endpoint]())
    def run(args: tuple) -> None:
        fuzzing.call_api(client, endpoint, args, tally)

    run()
    client.close()


def fuzz_cli(examples: int, tally: fuzzing.Tally) -> None:
    @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(fuzzing.cli_argv)
    def run(argv: list[str]) -> None:
        code, out, err = fuzzing.run_cli(argv)
        problem = fuzzing.cli_verdict(argv, code, out, err)
        tally.add(problem="" if problem.startswith("hang") else problem, hang=problem if problem.startswith("hang")
                  else "")

    run()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--examples", type=int, default=400, help="hypothesis examples per endpoint and client")
    parser.add_argument("--cli-examples", type=int, default=300)
    parser.add_argument("--clients", type=int, default=3, help="concurrent fuzzing clients per endpoint")
    args = parser.parse_args()
    print(machine())
    from policyqa.engine import Engine
    from policyqa.feedback import FeedbackStore
    from policyqa.settings import Settings

    settings_ = Settings.from_env()
    engine = Engine.load(settings_, build_if_missing=True)
    data = Path(ROOT / "data" / "fuzz")
    data.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with running_app(engine, FeedbackStore(data / "feedback.sqlite3")) as url:
        RestClient(url, timeout=120).call("/ask", "丰台区对灯塔工厂有什么支持？", [])
        results: dict[str, fuzzing.Tally] = {}
        for endpoint in fuzzing.ENDPOINTS:
            tally = results[endpoint] = fuzzing.Tally()
            t0 = time.perf_counter()
            threads = [threading.Thread(target=fuzz_endpoint, args=(url, endpoint, args.examples, number, tally))
                       for number in range(args.clients)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            print(f"{endpoint}: {tally.calls} calls in {time.perf_counter() - t0:.0f} s, "
                  f"{len(tally.problems)} problems, {len(tally.hangs)} hangs")
        cli = results["cli"] = fuzzing.Tally()
        t0 = time.perf_counter()
        fuzz_cli(args.cli_examples, cli)
        print(f"cli: {cli.calls} calls in {time.perf_counter() - t0:.0f} s, {len(cli.problems)} problems, "
              f"{len(cli.hangs)} hangs")
        client = RestClient(url, timeout=30)
        t0 = time.perf_counter()
        kind, value = client.call("/ask", "我们公司获得市级首台套项目补贴五百万，丰台区最多给多少配套？", [])
        live = time.perf_counter() - t0
        alive = kind == "complete" and value["calculations"][0]["amount_yuan"] == 1_500_000
        print(f"afterwards a normal /ask: {'answered' if alive else 'FAILED'} in {live * 1000:.0f} ms")
    calls = sum(t.calls for t in results.values())
    problems = [p for t in results.values() for p in t.problems]
    hangs = [h for t in results.values() for h in t.hangs]
    print(f"total: {calls} calls in {time.perf_counter() - started:.0f} s; {len(problems)} tracebacks/problems, "
          f"{len(hangs)} hangs")
    for line in (problems + hangs)[:20]:
        print("  " + line[:300])
    sys.exit(1 if problems or hangs or not alive or live > 2.0 else 0)


if __name__ == "__main__":
    main()
