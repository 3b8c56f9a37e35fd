"""Fuzzing every API endpoint and CLI command (bounded: well under a minute once the index is built).

Hypothesis draws random Unicode, huge numbers, Chinese numerals, nested JSON, wrong types and many turns
(``tests/fuzzing.py``); every call has a wall-clock limit and must end in an answer or a Chinese message, never a
traceback or an internal error, and the server must still answer a normal question within 2 s afterwards.
``benchmarks/fuzz.py`` runs the same strategies for much longer.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import fuzzing
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from servers import RestClient, running_app

ROOT = Path(__file__).resolve().parent.parent
NORMAL = "我们公司获得市级首台套项目补贴五百万，丰台区最多给多少配套？"
FUZZ = settings(max_examples=int(os.environ.get("POLICYQA_FUZZ_EXAMPLES", "25")), deadline=None, derandomize=True,
                suppress_health_check=list(HealthCheck), database=None)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(engine: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from policyqa.feedback import FeedbackStore

    with running_app(engine, FeedbackStore(tmp_path_factory.mktemp("fuzz-fb") / "fb.sqlite3")) as url:
        RestClient(url, timeout=120).call("/ask", NORMAL, [])  # workers warm
        yield url


@pytest.fixture(scope="module")
def client(server: str) -> Iterator[RestClient]:
    rest = RestClient(server, timeout=fuzzing.CALL_LIMIT_S)
    yield rest
    rest.close()


def _fuzz_endpoint(client: RestClient, endpoint: str) -> None:
    tally = fuzzing.Tally()

    @FUZZ
    @given(fuzzing.ENDPOINTS[endpoint]())
    def run(args: tuple[Any, ...]) -> None:
        fuzzing.call_api(client, endpoint, args, tally)

    run()
    assert tally.hangs == [] and tally.problems == [], (tally.hangs + tally.problems)[:5]
    assert tally.calls >= 10


@pytest.mark.parametrize("endpoint", list(fuzzing.ENDPOINTS))
def test_fuzz_api_endpoint(client: RestClient, endpoint: str) -> None:
    _fuzz_endpoint(client, endpoint)


def test_server_answers_a_normal_question_within_2s_after_fuzzing(client: RestClient) -> None:
    started = time.monotonic()
    kind, value = client.call("/ask", "丰台区首次进规上的工业企业能拿多少钱？", [])
    assert kind == "complete" and value["found"] is True and "error" not in value
    assert time.monotonic() - started <= 2.0


@FUZZ
@given(fuzzing.cli_argv)
def test_fuzz_cli_commands(argv: list[str]) -> None:
    code, out, err = fuzzing.run_cli(argv)
    assert fuzzing.cli_verdict(argv, code, out, err) == ""


@pytest.fixture(scope="module")
def batch_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    from policyqa.engine import build
    from policyqa.settings import Settings

    base = tmp_path_factory.mktemp("fuzz-batch")
    settings = Settings(index_dir=base / "index", data_dir=base / "data", corpus_dir=ROOT / "corpus", embedder="none")
    build(settings)
    return {**os.environ, "POLICYQA_INDEX_DIR": str(settings.index_dir), "POLICYQA_DATA_DIR": str(settings.data_dir),
            "POLICYQA_EMBEDDER": "none", "POLICYQA_CORPUS_DIR": str(ROOT / "corpus")}


@settings(FUZZ, max_examples=4)
@given(lines=fuzzing.batch_lines(), command=st.sampled_from(["ask", "search"]))
def test_fuzz_batch_files(batch_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory, lines: list[bytes],
                          command: str) -> None:
    folder = tmp_path_factory.mktemp("batch")
    source, out = folder / "in.jsonl", folder / "out.jsonl"
    source.write_bytes(b"\n".join(lines) + b"\n")
    done = subprocess.run([sys.executable, "-m", "policyqa", command, "--batch", str(source), "--out", str(out)],
                          cwd=ROOT, env=batch_env, capture_output=True, text=True, timeout=120)
    assert done.returncode in (0, 1), done.stderr[-500:]
    assert "Traceback" not in done.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    non_blank = [line for line in b"\n".join(lines).split(b"\n") if line.strip()]
    assert len(rows) >= 1 and len(rows) <= len(non_blank)
    errors = [r for r in rows if "error" in r]
    assert (done.returncode == 1) == bool(errors)
    for row in errors:
        assert fuzzing.CJK.search(row["error"]) and "内部错误" not in row["error"] and row["line"] >= 1
