"""`policyqa match`: every hand-worked profile through the command line (JSON shape and outcomes),
Markdown/CSV export, and bad input → a Chinese message naming the field, exit code 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_match import AS_OF, EXPECTED, PROFILES, expected_for

from policyqa.cli import main

ROOT = Path(__file__).resolve().parent.parent
KEYS = {"rule_id", "clause_id", "document", "locator", "status", "outcome", "amount_yuan", "steps", "reason", "missing"}


def run_main(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["match", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_profile_through_cli(capsys: pytest.CaptureFixture[str], name: str) -> None:
    code, out, _ = run_main(capsys, "--profile", str(PROFILES / f"{name}.toml"), "--as-of", AS_OF.isoformat(), "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) >= {"profile", "as_of", "total_yuan", "results"} and data["as_of"] == "2026-11-26"
    assert all(KEYS <= set(r) for r in data["results"])
    ids = [r["rule_id"] for r in data["results"]]
    assert len(ids) == len(set(ids)) == 42
    got = {r["rule_id"]: (r["outcome"], r["amount_yuan"]) for r in data["results"]}
    assert got == expected_for(name, ids)
    assert data["total_yuan"] == sum(r["amount_yuan"] for r in data["results"] if r["counted"])


def test_text_and_exports(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = "丰台的工业企业，去年产值首次过5亿，研发费用比上年多了300万，增速高于全区平均，拿了市级首台套补贴500万"
    md, csv = tmp_path / "r.md", tmp_path / "r.csv"
    code, out, _ = run_main(capsys, "--text", text, "--as-of", "2026-11-26", "--markdown", str(md), "--csv", str(csv))
    assert code == 0 and "可获得合计（最高）：200万元" in out and "第十四条" in out
    assert "大中型重点企业年度研发费用增量支持" in md.read_text(encoding="utf-8")  # the file lists every rule
    assert csv.read_text(encoding="utf-8").count("\n") == 44
    code, out, _ = run_main(capsys, "--text", text, "--as-of", "2026-11-26", "--json")
    assert json.loads(out)["profile"]["increments"] == {"研发费用": 3_000_000}


def _bad(tmp_path: Path, body: str, suffix: str = ".toml") -> str:
    path = tmp_path / f"bad{suffix}"
    path.write_text(body, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("body", "suffix", "words"),
    [
        ('district = "火星区"', ".toml", "district"),
        ('district = "丰台"\n[figures."营业收入"]\n2025 = "-300万"', ".toml", "figures.营业收入.2025"),
        ('district = "丰台"\n[projects]\n"设备和软件投入" = "好多钱"', ".toml", "projects.设备和软件投入"),
        ('district = "丰台"\n[figures', ".toml", "格式错误"),
        ('{"district": "丰台", "counts": {"培育企业": -3}}', ".json", "counts.培育企业"),
        ('{"district": ', ".json", "格式错误"),
    ],
)
def test_bad_profile_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path, body: str, suffix: str,
                             words: str) -> None:
    code, out, err = run_main(capsys, "--profile", _bad(tmp_path, body, suffix))
    assert code == 2 and out == "" and err.startswith("错误：") and words in err


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--text", "丰台的企业", "--as-of", "26/11/2026"], "--as-of"),
        ([], "二者选一"),
        (["--profile", "missing.toml"], "找不到企业画像文件"),
        (["--text", "火星的工业企业，产值5亿"], "district"),
    ],
)
def test_bad_arguments_exit_2(capsys: pytest.CaptureFixture[str], args: list[str], words: str) -> None:
    code, _, err = run_main(capsys, *args)
    assert code == 2 and words in err


def test_real_process_exit_code(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    bad = _bad(tmp_path, 'district = "丰台"\n[figures."工业产值"]\n2025 = "abc"')
    proc = subprocess.run([sys.executable, "-m", "policyqa", "match", "--profile", bad], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=120)
    assert proc.returncode == 2 and "figures.工业产值.2025" in proc.stderr and "Traceback" not in proc.stderr
    good = subprocess.run([sys.executable, "-m", "policyqa", "match", "--profile", str(PROFILES / "fengtai_equipment.toml"),
                           "--as-of", "2026-11-26", "--json"], capture_output=True, text=True, cwd=ROOT, env=env,
                          timeout=120)
    assert good.returncode == 0 and json.loads(good.stdout)["total_yuan"] == 2_030_000
