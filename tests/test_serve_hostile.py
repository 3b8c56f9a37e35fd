"""The server stays up and answers everyone (issue 15): real worker processes, a real server, real requests.

- The worker pool stops a request at its deadline by killing its process, replaces it, and answers other
  requests meanwhile (a pure-Python busy loop stands in for any long parse: only a kill can stop it).
- Against the running app: the inputs that froze the old server (a 2,000,000-digit ``count``, a 60,000-character
  numeral ``base``, a 1,000,000-digit base, article 100, a list where text belongs, 600 turns) each get a Chinese
  message or an answer, and a normal ``/ask`` sent while they run is answered within 2 s.
- ``policyqa serve`` starts behind an unreachable proxy (HTTP(S)_PROXY set, NO_PROXY empty).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import slow_tasks
from servers import RestClient, free_port, running_app

from policyqa.errors import PolicyQAError
from policyqa.workers import InternalError, WorkerPool

ROOT = Path(__file__).resolve().parent.parent
CJK = re.compile(r"[\u4e00-\u9fff]")
NORMAL = "我们公司获得市级首台套项目补贴五百万，丰台区最多给多少配套？"
RATE_RULE = "fengtai-14-first-set-subsidy"
UNIT_RULE = "fengtai-17-chain-leader"
LIVE_S = 2.0  # the liveness bound the issue asks for

pytestmark = pytest.mark.slow


# ---------------------------------------------------------------------- the pool itself
@pytest.fixture()
def pool() -> Iterator[WorkerPool]:
    workers = WorkerPool(slow_tasks.make_state, size=2, deadline_s=1.0)
    try:
        yield workers
    finally:
        workers.close()


def _wait_for(condition: Any, timeout: float = 60.0) -> None:
    ends = time.monotonic() + timeout
    while time.monotonic() < ends and not condition():
        time.sleep(0.05)
    assert condition()


def test_a_request_past_its_deadline_is_killed_and_others_are_answered(pool: WorkerPool) -> None:
    outcome: dict[str, Any] = {}

    def hostile() -> None:
        started = time.monotonic()
        try:
            outcome["result"] = pool.run(slow_tasks.spin, 120.0)
        except PolicyQAError as err:
            outcome["error"] = str(err)
        outcome["took"] = time.monotonic() - started

    thread = threading.Thread(target=hostile)
    thread.start()
    time.sleep(0.3)
    started = time.monotonic()
    assert pool.run(slow_tasks.echo, "正常请求")[:2] == ("state", "正常请求")
    assert time.monotonic() - started < LIVE_S
    thread.join(timeout=30)
    assert "处理超时" in outcome["error"] and outcome["took"] < 5  # its own deadline (1 s), not 120 s
    _wait_for(lambda: pool.replaced == 1 and pool.size == 2)
    pids = set()
    for i in range(8):  # both workers serve again, the replacement included
        pids.add(pool.run(slow_tasks.echo, i, deadline_s=60)[2])
    assert len(pids) >= 1 and pool.run(slow_tasks.spin, 0.01).startswith("state spun")


def test_a_worker_that_dies_is_reported_and_replaced(pool: WorkerPool) -> None:
    with pytest.raises(InternalError) as info:
        pool.run(slow_tasks.die)
    assert CJK.search(str(info.value))
    _wait_for(lambda: pool.replaced == 1 and pool.size == 2)
    assert pool.run(slow_tasks.echo, 1, deadline_s=60)[1] == 1


def test_waiting_for_a_busy_pool_counts_against_the_deadline() -> None:
    workers = WorkerPool(slow_tasks.make_state, size=1, deadline_s=3.0)
    try:
        def busy() -> None:
            with pytest.raises(PolicyQAError):
                workers.run(slow_tasks.spin, 30)

        thread = threading.Thread(target=busy)
        thread.start()
        time.sleep(0.2)
        started = time.monotonic()
        with pytest.raises(PolicyQAError, match="处理超时"):
            workers.run(slow_tasks.echo, "queued", deadline_s=0.5)  # the only worker is busy for 3 s
        assert time.monotonic() - started < 2
        thread.join(timeout=30)
    finally:
        workers.close()


# ---------------------------------------------------------------------- the real server
@pytest.fixture(scope="module")
def server(engine: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from policyqa.feedback import FeedbackStore

    with running_app(engine, FeedbackStore(tmp_path_factory.mktemp("hostile-fb") / "fb.sqlite3")) as url:
        RestClient(url, timeout=120).call("/ask", NORMAL, [])  # workers loaded, warm
        yield url


HOSTILE: dict[str, tuple[str, tuple[Any, ...]]] = {
    "count_2m_digits": ("/award", (UNIT_RULE, "", "9" * 2_000_000, "")),
    "base_60k_numerals": ("/award", (RATE_RULE, "九" * 60_000 + "万", "", "")),
    "base_1m_digits": ("/award", (RATE_RULE, "9" * 1_000_000, "", "")),
    "count_list": ("/award", (UNIT_RULE, "", [1, 2], "")),
    "base_object": ("/award", (RATE_RULE, {"$gt": 1}, "", "")),
    "article_100_ask": ("/ask", ("第100条讲的是什么？", [])),
    "article_100_fengtai": ("/ask", ("丰台区第100条规定了什么", [])),
    "article_100_lookup": ("/lookup", ("丰台 第100条", "")),
    "lookup_list": ("/lookup", (["丰台 第十四条"], "")),
    "lookup_district_list": ("/lookup", ("首台套", ["丰台"])),
    "ask_600_turns": ("/ask", (NORMAL, ["长" * 2000] * 600)),
    "ask_nested": ("/ask", ([[["丰台"]]], [])),
    "ask_number": ("/ask", (12345, None)),
    "ask_numeral_question": ("/ask", ("我们拿到" + "九" * 1990 + "万补贴", [])),
}


def _judge(case: str, kind: str, value: Any) -> str:
    """'' when the reply is an answer or a Chinese message (never an internal error); else what is wrong."""
    text = str(value)
    if "Traceback" in text or "系统内部错误" in text or "内部错误" in text:
        return f"{case}: internal error {text[:200]}"
    if kind == "complete":
        if isinstance(value, dict) and (value.get("error") or value.get("answer") or "amount_yuan" in value):
            message = value.get("error") or value.get("answer") or "ok"
            return "" if CJK.search(str(message)) or "amount_yuan" in value else f"{case}: no Chinese {text[:200]}"
        if isinstance(value, list):
            return ""
        return f"{case}: unexpected {text[:200]}"
    if kind == "error" and isinstance(value, dict) and CJK.search(str(value.get("error") or "")):
        return ""
    return f"{case}: {kind} {text[:200]}"


NORMALS = ["丰台区对灯塔工厂有什么支持？", "怀柔区对专精特新“小巨人”企业有什么支持？", "经开区是否有小巨人奖励？",
           "门头沟区的现代产业体系实施意见现在正式发布了吗？", "丰台区首次进规上的工业企业能拿多少钱？"]


def test_hostile_requests_get_messages_and_never_delay_a_normal_question(server: str) -> None:
    """Every hostile request at once (two rounds), and meanwhile five different normal questions."""
    problems: list[str] = []
    lock = threading.Lock()

    def hostile(case: str) -> None:
        client = RestClient(server, timeout=60)
        try:
            for _ in range(2):
                api, args = HOSTILE[case]
                problem = _judge(case, *client.call(api, *args))
                if problem:
                    with lock:
                        problems.append(problem)
        finally:
            client.close()

    normal = RestClient(server, timeout=30)
    latencies = []
    with ThreadPoolExecutor(max_workers=len(HOSTILE)) as attackers:
        futures = [attackers.submit(hostile, case) for case in HOSTILE]
        time.sleep(0.2)
        for question in NORMALS:
            started = time.monotonic()
            kind, value = normal.call("/ask", question, [])
            latencies.append(time.monotonic() - started)
            assert kind == "complete" and CJK.search(value["answer"]) and "error" not in value, value
        running = sum(not f.done() for f in futures)
        for future in futures:
            future.result(timeout=120)
    assert problems == [], problems
    assert max(latencies) <= LIVE_S, (latencies, f"{running} hostile clients were still running")
    started = time.monotonic()
    kind, value = normal.call("/ask", NORMAL, [])
    assert kind == "complete" and value["calculations"][0]["amount_yuan"] == 1_500_000
    assert time.monotonic() - started <= LIVE_S


@pytest.mark.parametrize("case", list(HOSTILE))
def test_each_hostile_request_gets_a_chinese_message_or_an_answer(server: str, case: str) -> None:
    api, args = HOSTILE[case]
    kind, value = RestClient(server, timeout=60).call(api, *args)
    assert _judge(case, kind, value) == ""
    if case.startswith(("count_2m", "base_60k", "base_1m")):
        assert "过长" in value["error"]
    if case == "lookup_list":
        assert "查询应为文字" in value["error"]
    if case == "article_100_lookup":  # not a citation that exists: the keyword search's related clauses
        assert isinstance(value, list) and "第一百条" not in [c["locator"] for c in value]


# ---------------------------------------------------------------------- start-up behind a proxy
def test_serve_starts_behind_an_unreachable_proxy(tmp_path: Path) -> None:
    from policyqa.engine import build
    from policyqa.settings import Settings

    settings = Settings(index_dir=tmp_path / "index", data_dir=tmp_path / "data", corpus_dir=ROOT / "corpus",
                        embedder="none")
    build(settings)
    dead = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    env = {**os.environ, "POLICYQA_INDEX_DIR": str(settings.index_dir), "POLICYQA_DATA_DIR": str(settings.data_dir),
           "POLICYQA_EMBEDDER": "none", "POLICYQA_WORKERS": "1", "HTTP_PROXY": dead, "HTTPS_PROXY": dead,
           "http_proxy": dead, "https_proxy": dead, "ALL_PROXY": dead, "NO_PROXY": "", "no_proxy": ""}
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "policyqa", "serve", "--port", str(port)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    url = f"http://127.0.0.1:{port}/"
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # the test itself goes direct
    try:
        ends = time.monotonic() + 240
        ready = False
        while time.monotonic() < ends and proc.poll() is None and not ready:
            try:
                with opener.open(url, timeout=2) as response:
                    ready = response.status == 200
            except OSError:
                time.sleep(0.5)
        if not ready:
            proc.kill()
            output = proc.communicate(timeout=30)[0]
            pytest.fail(f"serve did not start behind the proxy:\n{output[-2000:]}")
        kind, value = RestClient(url, timeout=60).call("/ask", NORMAL, [])
        assert kind == "complete" and value["calculations"][0]["amount_yuan"] == 1_500_000
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, 15)
            proc.wait(timeout=30)
