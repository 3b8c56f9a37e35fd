"""The CLI as a user runs it: real subprocesses, Chinese errors, non-zero exits, no tracebacks."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    import os

    env = {**os.environ, **(env_extra or {})}
    return subprocess.run(
        [sys.executable, "-m", "policyqa", *args], capture_output=True, text=True, cwd=ROOT, env=env, timeout=300
    )


def test_lookup_prints_clause_with_status() -> None:
    out = run("lookup", "丰台 第十四条")
    assert out.returncode == 0, out.stderr
    assert "第十四条" in out.stdout and "征求意见稿" in out.stdout
    assert "按照不超过市级补贴资金的30%给予最高200万元支持" in out.stdout


def test_lookup_json_is_stable() -> None:
    out = run("lookup", "经开区 五、(二)3", "--json")
    data = json.loads(out.stdout)
    assert [d["clause_id"] for d in data] == ["jingkai-sida#五、(二)3"]
    assert {"clause_id", "document", "locator", "status", "text"} <= set(data[0])


def test_docs_json_lists_status_and_validity() -> None:
    data = json.loads(run("docs", "--json").stdout)
    by_id = {d["doc_id"]: d for d in data}
    assert by_id["fengtai-zhizao"]["status"] == "征求意见稿"
    assert by_id["jingkai-sida"]["doc_number"] == "京技管〔2020〕48号"
    assert "三年" in by_id["jingkai-sida"]["validity"]


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("lookup", "丰台 第九十九条"), "找不到条款"),
        (("lookup", "   "), "请输入"),
        (("lookup",), "参数错误"),
        (("nonsense",), "参数错误"),
    ],
)
def test_bad_input_is_a_chinese_message(args: tuple[str, ...], fragment: str) -> None:
    out = run(*args)
    assert out.returncode != 0
    assert fragment in out.stderr
    assert "Traceback" not in out.stderr


def test_bad_manifest_is_reported_not_raised(tmp_path: Path) -> None:
    out = run("docs", env_extra={"POLICYQA_CORPUS_DIR": str(tmp_path)})
    assert out.returncode == 2
    assert "找不到语料清单" in out.stderr and "Traceback" not in out.stderr


@pytest.mark.slow
def test_batch_interfaces_keep_their_json_shape(tmp_path: Path) -> None:
    """`search --batch` and `ask --batch`: one model/index load, one stable JSON line per input line."""
    env = {"POLICYQA_INDEX_DIR": str(tmp_path / "index"), "POLICYQA_EMBEDDER": "none"}  # BM25: fast
    assert run("index", env_extra=env).returncode == 0
    batch = tmp_path / "in.jsonl"
    batch.write_text(
        json.dumps({"id": "a", "question": "我们公司获得市级首台套项目补贴五百万，丰台区最多给多少配套？"}, ensure_ascii=False)
        + "\n"
        + json.dumps({"id": "b", "question": ["丰台区对灯塔工厂有什么支持？", "那国家级智能工厂呢？"]}, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "search.jsonl"
    assert run("search", "--batch", str(batch), "--out", str(out), env_extra=env).returncode == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["a", "b"]
    assert {"clause_id", "document", "locator", "status", "text", "score"} <= set(rows[0]["hits"][0])
    assert rows[0]["hits"][0]["clause_id"] == "fengtai-zhizao#第十四条"

    out = tmp_path / "ask.jsonl"
    done = run("ask", "--batch", str(batch), "--out", str(out), env_extra=env)
    assert done.returncode == 0, done.stderr
    first, second = (json.loads(line) for line in out.read_text(encoding="utf-8").splitlines())
    keys = {"id", "answer", "found", "citations", "calculations", "amounts_yuan", "latency_ms"}
    assert keys <= set(first) and keys <= set(second)
    assert {"clause_id", "document", "locator", "status", "text"} <= set(first["citations"][0])
    assert {"rule_id", "clause_id", "amount_yuan", "base_yuan", "cap_yuan", "steps"} <= set(first["calculations"][0])
    assert first["calculations"][0]["amount_yuan"] == 1500000 and first["amounts_yuan"][0] == 1500000
    assert second["citations"][0]["clause_id"] == "fengtai-zhizao#第十一条"
