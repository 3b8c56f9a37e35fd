"""`/match` latency, warm: every hand-worked profile (tests/profiles) and a free-text description,
against the real Gradio server after a warm-up; also the engine alone.

Run:  python benchmarks/match_latency.py [--rounds 10]

Prints p50/p95/max in ms for ``Matcher.match`` in process, for ``POST /gradio_api/run/match`` (the
endpoint over HTTP, what any HTTP client pays), and for a gradio_client ``predict`` round trip, with
gradio_client on the existing ``/lookup`` endpoint beside it (the client's own overhead).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import tomllib
import urllib.request

from _common import ROOT, machine, percentile

sys.path.insert(0, str(ROOT / "tests"))

from servers import running_app

from policyqa.engine import Engine
from policyqa.match import Matcher
from policyqa.profile import profile_from_dict
from policyqa.settings import Settings

TEXT = "丰台的工业企业，去年产值首次过5亿，研发费用比上年多了300万，增速高于全区平均，拿了市级首台套补贴500万"


def _figures(name: str, ms: list[float]) -> str:
    return (f"{name:<22} n={len(ms):<4} p50 {percentile(ms, 50):6.1f} ms   p95 {percentile(ms, 95):6.1f} ms   "
            f"max {max(ms):6.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    profiles = [json.dumps(tomllib.loads(p.read_text(encoding="utf-8")), ensure_ascii=False)
                for p in sorted((ROOT / "tests" / "profiles").glob("*.toml"))]
    engine = Engine.load(Settings.from_env(), build_if_missing=True)
    matcher = Matcher.load(engine.settings, corpus=engine.corpus)
    local: list[float] = []
    for _ in range(args.rounds):
        for raw in profiles:
            start = time.perf_counter()
            matcher.match(profile_from_dict(json.loads(raw)))
            local.append((time.perf_counter() - start) * 1000)

    from gradio_client import Client

    def post(url: str, data: list[str]) -> float:
        body = json.dumps({"data": data}, ensure_ascii=False).encode("utf-8")
        start = time.perf_counter()
        req = urllib.request.Request(f"{url}gradio_api/run/match", body, {"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=30) as resp:
            out = json.loads(resp.read())["data"][0]
        assert "results" in out, out
        return (time.perf_counter() - start) * 1000

    with running_app(engine) as url:
        client = Client(url, verbose=False)
        for raw in profiles[:3]:  # warm-up
            post(url, [raw, "", ""])
            client.predict(raw, "", "", api_name="/match")
        api: list[float] = []
        text: list[float] = []
        via_client: list[float] = []
        lookup: list[float] = []
        for _ in range(args.rounds):
            for raw in profiles:
                api.append(post(url, [raw, "", "2026-11-26"]))
            text.append(post(url, ["", TEXT, "2026-11-26"]))
            for raw in profiles[:3]:
                start = time.perf_counter()
                client.predict(raw, "", "2026-11-26", api_name="/match")
                via_client.append((time.perf_counter() - start) * 1000)
                start = time.perf_counter()
                client.predict("丰台 第十四条", "", api_name="/lookup")
                lookup.append((time.perf_counter() - start) * 1000)
    print(machine())
    print(f"profiles: {len(profiles)} hand-worked, {args.rounds} rounds, 42 rules each")
    print(_figures("Matcher.match (engine)", local))
    print(_figures("/match profile (HTTP)", api))
    print(_figures("/match text (HTTP)", text))
    print(_figures("/match gradio_client", via_client))
    print(_figures("/lookup gradio_client", lookup))
    ok = percentile(api, 95) <= 200 and percentile(text, 95) <= 200
    print(f"/match over HTTP p95 ≤ 200 ms warm: {'yes' if ok else 'NO'}")


if __name__ == "__main__":
    main()
