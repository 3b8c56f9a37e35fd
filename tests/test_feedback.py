"""FeedbackStore: concurrent writers (threads and processes), CSV export, crash safety."""

import csv
import json
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from policyqa.errors import InputError
from policyqa.feedback import CSV_COLUMNS, FeedbackStore

ROOT = Path(__file__).resolve().parent.parent

WRITER = textwrap.dedent(
    """
    import sys
    from policyqa.feedback import FeedbackStore
    path, tag, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    store = FeedbackStore(path)
    i = 0
    while n < 0 or i < n:
        store.add(f"问题 {tag}-{i}", "回答" * 50, [{"locator": "第十四条"}], "down" if i % 2 else "up", f"{tag}")
        i += 1
    """
)


def _writer(path: Path, tag: str, n: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", WRITER, str(path), tag, str(n)], cwd=ROOT)


def test_add_returns_increasing_ids_and_normalizes_votes(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "fb.sqlite3")
    first = store.add("丰台区首台套补贴多少？", "最高300万元", [], "👍", "")
    second = store.add("问题", "回答", None, -1, "引用不对")
    assert second > first
    assert [r["vote"] for r in store.rows()] == ["up", "down"]
    assert store.count() == 2
    with pytest.raises(InputError, match="无法识别的评价"):
        store.add("q", "a", [], "maybe", "")


def test_wal_mode(tmp_path: Path) -> None:
    FeedbackStore(tmp_path / "fb.sqlite3")
    with sqlite3.connect(tmp_path / "fb.sqlite3") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_concurrent_threads_and_processes_all_stored(tmp_path: Path) -> None:
    path = tmp_path / "data" / "fb.sqlite3"
    store = FeedbackStore(path)
    per_thread, per_process = 40, 60
    errors: list[BaseException] = []

    def work(tag: int) -> None:
        try:
            for i in range(per_thread):
                store.add(f"线程{tag}问题{i}", "回答", [{"marker": 1}], "up", "")
        except BaseException as err:  # surfaced below
            errors.append(err)

    procs = [_writer(path, f"p{n}", per_process) for n in range(3)]
    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for p in procs:
        assert p.wait(timeout=120) == 0
    assert not errors
    assert store.count() == 8 * per_thread + 3 * per_process
    questions = [r["question"] for r in store.rows()]
    assert len(set(questions)) == len(questions)


def test_export_csv_round_trip(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "fb.sqlite3")
    citations = [{"marker": 1, "document": "丰台区促进智能制造产业高质量发展若干措施（征求意见稿）", "locator": "第十四条"}]
    store.add("我们公司获得市级首台套项目补贴五百万，丰台区最多给多少配套？", "最高150万元，\n见第十四条", citations, "up",
              '引号"和,逗号')
    store.add("<script>alert(1)</script>", "文件未提及", [], "down", "")
    out = tmp_path / "export" / "feedback.csv"
    assert store.export_csv(out) == 2
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel opens it as UTF-8
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert rows[0]["question"].startswith("我们公司获得市级首台套")
    assert rows[0]["answer"] == "最高150万元，\n见第十四条"
    assert rows[0]["comment"] == '引号"和,逗号'
    assert rows[0]["vote"] == "up" and rows[1]["vote"] == "down"
    assert json.loads(rows[0]["citations"]) == citations
    assert rows[1]["question"] == "<script>alert(1)</script>"


def test_export_neutralises_spreadsheet_formulas(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "fb.sqlite3")
    store.add('=HYPERLINK("http://evil.example","点我")', "-1+1", [], "down", "@SUM(A1)")
    out = tmp_path / "f.csv"
    store.export_csv(out)
    with out.open(encoding="utf-8-sig", newline="") as fh:
        row = next(csv.DictReader(fh))
    assert row["question"] == "'=HYPERLINK(\"http://evil.example\",\"点我\")"
    assert row["answer"] == "'-1+1" and row["comment"] == "'@SUM(A1)"
    assert store.rows()[0]["question"].startswith("=HYPERLINK")  # stored as given


def test_export_empty_store(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "fb.sqlite3")
    out = tmp_path / "empty.csv"
    assert store.export_csv(out) == 0
    assert out.read_text(encoding="utf-8-sig").splitlines() == [",".join(CSV_COLUMNS)]


def test_killed_writer_leaves_database_readable(tmp_path: Path) -> None:
    path = tmp_path / "fb.sqlite3"
    store = FeedbackStore(path)
    proc = _writer(path, "crash", -1)  # writes until killed
    deadline = time.monotonic() + 60
    while store.count() < 50:
        assert proc.poll() is None, "writer exited early"
        assert time.monotonic() < deadline, "writer made no progress"
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)  # most likely mid-transaction: it writes in a tight loop
    proc.wait(timeout=10)
    reopened = FeedbackStore(path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    before = reopened.count()
    assert before >= 50
    assert all(r["question"].startswith("问题 crash-") for r in reopened.rows())
    reopened.add("重启后的问题", "回答", [], "up", "")
    assert reopened.count() == before + 1
    assert reopened.export_csv(tmp_path / "after.csv") == before + 1
