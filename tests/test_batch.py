"""``ask --batch`` / ``search --batch`` keep what they computed (issue 15, case 4): real subprocesses.

Before the change one truncated JSON line, a ``[1,2]`` line or one invalid byte ended the batch with exit 2 and
no output at all. Now every good line is answered, every bad line is one error line with its line number, output
is flushed as it goes, ``--resume`` skips the ids already written, and the exit code says whether errors occurred.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOOD = "丰台区对灯塔工厂有什么支持？"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A BM25-only index: quick to build and to load in each subprocess."""
    from policyqa.engine import build
    from policyqa.settings import Settings

    base = tmp_path_factory.mktemp("batch")
    settings = Settings(index_dir=base / "index", data_dir=base / "data", corpus_dir=ROOT / "corpus", embedder="none")
    build(settings)
    return {**os.environ, "POLICYQA_INDEX_DIR": str(settings.index_dir), "POLICYQA_DATA_DIR": str(settings.data_dir),
            "POLICYQA_EMBEDDER": "none", "POLICYQA_CORPUS_DIR": str(ROOT / "corpus")}


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "policyqa", *args], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=300)


def rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def good(item_id: str, question: object = GOOD) -> bytes:
    return (json.dumps({"id": item_id, "question": question}, ensure_ascii=False) + "\n").encode()


def test_bad_lines_cost_one_error_line_each(env: dict[str, str], tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(
        good("a")
        + b'{"id": "b", "question": "\xe4\xb8\xb0\xe5\x8f\xb0\n'  # truncated JSON
        + b"[1,2]\n"
        + b'{"id": "d", "question": "\xff\xfe"}\n'  # one invalid byte
        + b"\n"  # blank: skipped
        + good("e", ["丰台区对灯塔工厂有什么支持？", "那国家级智能工厂呢？"])
        + b'{"id": "f"}\n'
        + good("g", 42)
        + good("h", "长" * 5000)
        + b'{"id": "i", "question": ' + b"[" * 50_000 + b"]" * 50_000 + b"}\n"  # deeper than json parses: no id
        + good("j")
    )
    out = tmp_path / "out.jsonl"
    done = run(env, "ask", "--batch", str(source), "--out", str(out))
    assert done.returncode == 1, done.stderr  # some lines were errors
    assert "Traceback" not in done.stderr
    got = rows(out)
    assert [r["id"] for r in got] == ["a", "2", "3", "4", "e", "f", "g", "h", "10", "j"]
    by_id = {r["id"]: r for r in got}
    for answered in ("a", "e", "j"):
        assert by_id[answered]["found"] is True and "error" not in by_id[answered]
    assert by_id["e"]["citations"][0]["locator"] == "第十一条"  # the follow-up was answered in context
    expected = {"2": "第2行不是有效的 JSON", "3": "第3行应为含 question 字段的 JSON 对象", "4": "第4行不是 UTF-8 文本",
                "f": "第7行缺少 question 字段", "g": "第8行", "h": "第9行：问题过长", "10": "第10行不是有效的 JSON"}
    for item_id, fragment in expected.items():
        assert fragment in by_id[item_id]["error"], by_id[item_id]
        assert by_id[item_id]["found"] is False
    assert by_id["4"]["line"] == 4 and by_id["h"]["line"] == 9


def test_all_good_lines_exit_0_and_resume_skips_done_ids(env: dict[str, str], tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"".join(good(str(i)) for i in range(4)))
    out = tmp_path / "out.jsonl"
    # An output left by a killed run: two complete lines and half of a third.
    first = run(env, "ask", "--batch", str(source), "--out", str(out))
    assert first.returncode == 0, first.stderr
    lines = out.read_bytes().splitlines(keepends=True)
    out.write_bytes(lines[0] + lines[1] + lines[2][:40])
    again = run(env, "ask", "--batch", str(source), "--out", str(out), "--resume")
    assert again.returncode == 0, again.stderr
    assert "跳过已完成 2 条" in again.stdout
    assert [r["id"] for r in rows(out)] == ["0", "1", "2", "3"]  # the partial line was replaced, nothing repeated


def test_search_batch_keeps_going(env: dict[str, str], tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(good("a", "首台套") + b"not json\n" + good("c", "小巨人"))
    out = tmp_path / "out.jsonl"
    done = run(env, "search", "--batch", str(source), "--out", str(out))
    assert done.returncode == 1
    got = rows(out)
    assert [r["id"] for r in got] == ["a", "2", "c"]
    assert got[0]["hits"] and got[2]["hits"] and "第2行" in got[1]["error"]


def test_killed_batch_keeps_what_it_wrote(env: dict[str, str], tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"".join(good(str(i)) for i in range(3000)))
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen([sys.executable, "-m", "policyqa", "ask", "--batch", str(source), "--out", str(out)],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and (not out.exists() or out.read_bytes().count(b"\n") < 5):
            time.sleep(0.2)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    written = [line for line in out.read_bytes().splitlines() if line.strip()]
    assert len(written) >= 5
    complete = [json.loads(line) for line in written[:-1]]
    assert [r["id"] for r in complete] == [str(i) for i in range(len(complete))]
