"""Load: 20 concurrent clients × 10 questions against the real server (loopback only, bounded in count and time).

Each client thread has its own ``gradio_client.Client`` and asks 10 questions of ``evals/dev.jsonl`` through
``/ask`` (multi-turn items send their earlier turns as ``history``). Asserted: 0 errors, completion within
``DEADLINE_S``, every answer has ``found``/``citations``, states no unsupported amount, and is *identical* to
the answer the engine gives the same question at rest — load changes nothing but latency. p50/p95 are printed;
``benchmarks/load.py`` is the benchmark that records them.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor, wait
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from servers import running_app

from policyqa.answer import unsupported_amounts
from policyqa.types import Answer, AwardResult, Citation

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
CLIENTS, PER_CLIENT = 20, 10
DEADLINE_S = 300.0



def _dev_questions() -> list[tuple[str, list[str]]]:
    """(question, history) for every dev item; a list question is its turns, the last one answered."""
    out = []
    for line in (ROOT / "evals" / "dev.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            q = json.loads(line)["question"]
            out.append((q[-1], list(q[:-1])) if isinstance(q, list) else (q, []))
    return out


def _dec(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _unsupported(data: dict[str, Any]) -> list[Decimal]:
    """:func:`unsupported_amounts` of an /ask JSON answer."""
    cites = tuple(Citation(c["marker"], c["clause_id"], c["doc_id"], c["document"], c["locator"], c["status"],
                           c["validity"], c["text"]) for c in data["citations"])
    calcs = tuple(AwardResult(r["rule_id"], r["clause_id"], _dec(r["amount_yuan"]), tuple(r["steps"]),
                              tuple(r["assumptions"]), _dec(r["base_yuan"]), _dec(r["cap_yuan"]))
                  for r in data["calculations"])
    answer = Answer(question="", text=data["answer"], found=data["found"], citations=cites, calculations=calcs,
                    amounts_yuan=tuple(_dec(a) for a in data["amounts_yuan"]))
    return unsupported_amounts(answer)


@pytest.fixture(scope="module")
def server(engine: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from policyqa.feedback import FeedbackStore

    with running_app(engine, FeedbackStore(tmp_path_factory.mktemp("load-feedback") / "fb.sqlite3")) as url:
        yield url


def test_20_clients_x_10_questions(server: str, engine: Any) -> None:
    from gradio_client import Client

    questions = _dev_questions()
    at_rest = {(q, tuple(h)): engine.ask(q, h) for q, h in questions}  # the same engine, one question at a time
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    started = time.monotonic()

    def client_run(n: int) -> int:
        client = Client(server, verbose=False)
        done = 0
        for j in range(PER_CLIENT):
            if time.monotonic() - started > DEADLINE_S:
                with lock:
                    errors.append(f"client {n}: deadline passed after {done} questions")
                break
            question, history = questions[(n * PER_CLIENT + j) % len(questions)]
            t0 = time.perf_counter()
            try:
                result = client.predict(question, history, api_name="/ask")
            except Exception as err:  # counted, reported below
                with lock:
                    errors.append(f"client {n} q{j}: {type(err).__name__}: {err}")
                continue
            elapsed = time.perf_counter() - t0
            problem = _check(result, at_rest[(question, tuple(history))])
            with lock:
                latencies.append(elapsed)
                if problem:
                    errors.append(f"client {n} {question!r}: {problem}")
            done += 1
        return done

    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        futures = [pool.submit(client_run, n) for n in range(CLIENTS)]
        finished, pending = wait(futures, timeout=DEADLINE_S + 30)
        assert not pending, f"{len(pending)} clients did not finish within {DEADLINE_S:.0f} s"
    wall = time.monotonic() - started
    completed = sum(f.result() for f in finished)

    ordered = sorted(latencies)
    p50 = ordered[len(ordered) // 2] if ordered else float("nan")
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)] if ordered else float("nan")
    print(f"\nload: {CLIENTS} clients × {PER_CLIENT} questions = {completed} answers in {wall:.1f} s "
          f"({completed / wall:.1f}/s); latency p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
          f"max {ordered[-1] * 1000 if ordered else float('nan'):.0f} ms; errors {len(errors)}")
    assert errors == [], errors[:5]
    assert completed == CLIENTS * PER_CLIENT
    assert wall < DEADLINE_S


def _check(result: Any, expected: Answer) -> str:
    """'' when the /ask answer is well-formed, truthful and the same as at rest; else what is wrong."""
    if not isinstance(result, dict):
        return f"not a JSON object: {result!r}"[:200]
    if "error" in result:
        return f"error: {result['error']}"
    if not {"found", "citations", "answer", "calculations", "amounts_yuan"} <= set(result):
        return f"missing fields: {sorted(result)}"
    if result["found"] and not result["citations"]:
        return "found without citations"
    if not result["found"] and not result["answer"].startswith("文件未提及"):
        return "not found, but no refusal"
    if _unsupported(result):
        return f"unsupported amounts {_unsupported(result)}"
    if result["answer"] != expected.text:
        return "answer differs from the answer at rest"
    if [c["clause_id"] for c in result["citations"]] != [c.clause_id for c in expected.citations]:
        return "citations differ from the answer at rest"
    return ""
