"""What the web process does per request: a question many clients ask at once is computed once, and a new
Gradio session is a copy of the app's template, equal to the session Gradio itself would build."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from servers import RestClient, running_app

from policyqa.errors import PolicyQAError
from policyqa.service import LRU


def test_concurrent_callers_of_one_key_share_one_computation() -> None:
    cache: LRU[str] = LRU(8)
    calls = []
    gate = threading.Event()

    def compute() -> str:
        calls.append(1)
        gate.wait(5)
        return "answer"

    with ThreadPoolExecutor(8) as pool:
        futures = [pool.submit(cache.get_or_compute, "q", compute) for _ in range(8)]
        time.sleep(0.3)  # all eight are waiting on the one computation
        gate.set()
        results = [f.result(timeout=10) for f in futures]
    assert results == ["answer"] * 8
    assert len(calls) == 1
    assert cache.get_or_compute("q", lambda: "other") == "answer"  # kept


def test_an_error_reaches_every_waiter_and_is_not_cached() -> None:
    cache: LRU[str] = LRU(8)
    gate = threading.Event()

    def fail() -> str:
        gate.wait(5)
        raise PolicyQAError("处理超时")

    with ThreadPoolExecutor(4) as pool:
        futures = [pool.submit(cache.get_or_compute, "q", fail) for _ in range(4)]
        time.sleep(0.3)
        gate.set()
        errors = [f.exception(timeout=10) for f in futures]
    assert all(isinstance(e, PolicyQAError) for e in errors)
    assert cache.get_or_compute("q", lambda: "later") == "later"  # a failure is retried, not remembered


def test_a_shared_config_session_equals_gradios_own(engine) -> None:
    from gradio import state_holder

    import app
    import ui_sessions

    demo = app.build_app(engine)
    try:
        assert state_holder.SessionState is ui_sessions.SharedConfigSession
        original = ui_sessions._ORIGINAL(demo)
        first, second = ui_sessions.SharedConfigSession(demo), ui_sessions.SharedConfigSession(demo)
        assert isinstance(first, ui_sessions._ORIGINAL)
        assert set(vars(first)) == set(vars(original))
        assert first.config_values == original.config_values
        assert len(first.config_values) == len(demo.blocks)
        # Each session owns its config and state: a change in one is not seen by another.
        key = next(k for k, v in first.config_values.items() if "props" in v)
        first.config_values[key]["props"]["value"] = "只属于第一个会话"
        first.state_data[key] = "x"
        assert second.config_values[key]["props"].get("value") != "只属于第一个会话"
        assert key not in second.state_data
    finally:
        demo.close()


@pytest.mark.slow
def test_many_one_shot_api_sessions_each_get_their_answer(engine) -> None:
    """Each REST call opens its own session; every one is answered, with the answer to its own question."""
    with running_app(engine) as url:
        client = RestClient(url, timeout=60)
        questions = ["丰台 第十四条", "门头沟区的政策现在还有效吗", "朝阳区有什么补贴？"]
        with ThreadPoolExecutor(6) as pool:
            outcomes = list(pool.map(lambda q: client.call("ask", q, []), questions * 4))
    for question, (kind, data) in zip(questions * 4, outcomes, strict=True):
        assert kind == "complete", data
        again = engine.ask(question)
        assert data["answer"] == again.text
