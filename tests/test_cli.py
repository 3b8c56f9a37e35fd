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
