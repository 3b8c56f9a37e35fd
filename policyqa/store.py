"""Build and load the retrieval index: a Chroma collection of clause vectors + a bm25s index.

Layout of ``settings.index_dir``::

    manifest.json   format, tokenizer fingerprint, embedder, collection, one content hash per
                    clause (in BM25 row order) and a sha256 per BM25 file
    bm25/           bm25s.BM25.save() over tokenize(index_text) of every clause
    chroma/         chromadb.PersistentClient (absent when the vectors live on a Chroma server)

Incremental: a clause's vector key hashes the text that is embedded plus the embedder
name, so an unchanged clause is never re-embedded; its vector is read back from the
previous Chroma collection. BM25 (a fraction of a second) is always rebuilt.
Atomic: every build writes a fresh sibling directory and swaps it in (``renameat2``
RENAME_EXCHANGE on Linux, two renames elsewhere), so a reader never sees a half-built
index. A loaded :class:`Index` keeps BM25 and the vectors (read once from Chroma) in
memory, so a server keeps answering from the old index while a rebuild runs.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from policyqa import tokenize as tok
from policyqa.chroma_io import chroma_client, open_remote, read_vectors, write_collection
from policyqa.errors import IndexCorruptError, IndexMissingError
from policyqa.index_swap import clean_leftovers, hold_build_lock, release_build_lock, swap_in
from policyqa.types import Clause

if TYPE_CHECKING:  # pragma: no cover
    import bm25s

    from policyqa.corpus import Corpus
    from policyqa.embed import Embedder
    from policyqa.settings import Settings

log = logging.getLogger(__name__)

FORMAT = 1
MANIFEST = "manifest.json"
BM25_DIR = "bm25"
CHROMA_DIR = "chroma"
LOCAL_COLLECTION = "policyqa_clauses"
BM25_K1, BM25_B = 1.2, 0.5  # short clauses sharing a title prefix: less length normalisation
REMOTE_PREFIX = "policyqa_"
EMBED_BATCH = 16
MISSING_MSG = "索引不存在，请先运行 policyqa index（目录：{path}）"
CORRUPT_MSG = "索引已损坏，请运行 policyqa index --rebuild（{detail}）"


class IndexStaleError(IndexCorruptError):
    """The index was built from other clauses than the corpus now holds."""


@dataclass(frozen=True, slots=True)
class BuildReport:
    n_clauses: int
    n_embedded: int
    seconds: float
    n_reused: int = 0
    embedder: str | None = None
    path: Path | None = None


@dataclass
class Index:
    """What retrieval needs, in memory; rows of ``vectors`` and BM25 follow ``clauses``."""

    corpus: Corpus
    clauses: list[Clause]
    bm25: bm25s.BM25
    vectors: np.ndarray | None  # (n, dim) L2-normalised, read from Chroma; None without an embedder
    embedder_name: str | None
    manifest: dict[str, Any]
    path: Path
    collection: Any = None  # a Chroma server's collection (settings.chroma_url), queried directly
    row_of: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.row_of = {c.clause_id: i for i, c in enumerate(self.clauses)}

    def __len__(self) -> int:
        return len(self.clauses)


# --------------------------------------------------------------------------- index text, hashes


def index_text(clause: Clause, corpus: Corpus) -> str:
    """Document short title + heading path + locator/title + clause text.

    The prefix carries the document's (and district's) name into every clause, which
    lifted recall for BM25 and dense retrieval alike.
    """
    doc = corpus.documents[clause.doc_id]
    head = [doc.short_title, *clause.heading_path]
    flat = "".join(clause.text.split())
    for label in (clause.locator.split(" > ")[-1], clause.title):
        if label and "".join(label.split()) not in flat[: len(label) + 40] and label not in head:
            head.append(label)
    return " > ".join(head) + "\n" + clause.text


def dense_text(clause: Clause, corpus: Corpus) -> str:
    """What is embedded: document short title + clause text.

    The heading path, which helps BM25, diluted the small e5 model's vectors on the dev
    set (recall@5 0.81 with it, 0.87 without), so the dense side gets only the title.
    """
    return f"{corpus.documents[clause.doc_id].short_title}：{clause.text}"


def clause_hash(text: str, embedder_name: str | None) -> str:
    """Content hash of what is embedded, keyed by the embedder (``None``: BM25 only)."""
    return hashlib.sha256(f"{embedder_name or '-'}\0{text}".encode()).hexdigest()[:32]


def _clause_rows(corpus: Corpus, embedder_name: str | None) -> list[dict[str, str]]:
    """Manifest rows: clause id, vector hash, BM25 text hash — in index row order."""
    return [
        {
            "id": c.clause_id,
            "hash": clause_hash(tok.normalize(dense_text(c, corpus)), embedder_name),
            "bm25": clause_hash(index_text(c, corpus), None),
        }
        for c in corpus.clauses
    ]


def _file_sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --------------------------------------------------------------------------- build


def _read_manifest(index_dir: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((index_dir / MANIFEST).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else None
    except (OSError, ValueError):
        return None


def _old_vectors(settings: Settings, old: dict[str, Any] | None, wanted: list[str]) -> dict[str, np.ndarray]:
    """Vectors of ``wanted`` clause ids from the current index's Chroma collection ({} if unreadable)."""
    if not old or not wanted or not old.get("collection"):
        return {}
    local = None if settings.chroma_url else settings.index_dir / CHROMA_DIR
    if local is not None and not (local / "chroma.sqlite3").is_file():
        return {}
    try:
        with chroma_client(settings, local) as client:
            collection = client.get_collection(old["collection"], embedding_function=None)
            return read_vectors(collection, wanted)
    except Exception as err:
        log.warning("无法读取旧索引的向量（%s），将重新计算全部向量", err)
        return {}


def _embed(embedder: Embedder, texts: list[str], progress: bool) -> np.ndarray | None:
    """Embed ``texts`` in batches under a progress bar; None when there are none."""
    from tqdm import tqdm

    if not texts:
        return None
    parts = []
    with tqdm(total=len(texts), desc="计算向量", unit="条", disable=not progress) as bar:
        for start in range(0, len(texts), EMBED_BATCH):
            batch = texts[start : start + EMBED_BATCH]
            parts.append(embedder.embed_documents(batch))
            bar.update(len(batch))
    return np.vstack(parts).astype(np.float32)


def build_index(
    corpus: Corpus, settings: Settings, embedder: Embedder | None, rebuild: bool = False, progress: bool = True
) -> BuildReport:
    """Build the index for ``corpus`` under ``settings.index_dir`` and swap it in atomically.

    Clauses whose hash matches the current index reuse their stored vector unless
    ``rebuild``; only new or changed clauses are embedded.
    """
    import bm25s

    started = time.perf_counter()
    tok.learn(corpus.terms)  # the corpus's own programme names stay whole in BM25 (policyqa.terms)
    target = settings.index_dir
    target.parent.mkdir(parents=True, exist_ok=True)
    clean_leftovers(target)
    name = embedder.name if embedder else None
    clauses = list(corpus.clauses)
    texts = [index_text(c, corpus) for c in clauses]
    embed_texts = [tok.normalize(dense_text(c, corpus)) for c in clauses]  # exactly what is embedded
    rows = _clause_rows(corpus, name)

    old = None if rebuild else _read_manifest(target)
    vectors: np.ndarray | None = None
    n_embedded = n_reused = 0
    if embedder is not None:
        old_hash = {}
        if old and old.get("embedder") == name and old.get("format") == FORMAT:
            old_hash = {row["id"]: row["hash"] for row in old.get("clauses", [])}
        same = [row["id"] for row in rows if old_hash.get(row["id"]) == row["hash"]]
        reused = _old_vectors(settings, old, same)
        missing = [i for i, c in enumerate(clauses) if c.clause_id not in reused]
        fresh = _embed(embedder, [embed_texts[i] for i in missing], progress)
        if fresh is not None:
            dim = fresh.shape[1]
        else:
            dim = next(iter(reused.values())).shape[0] if reused else embedder.dim
        vectors = np.zeros((len(clauses), dim), np.float32)
        for i, c in enumerate(clauses):
            if c.clause_id in reused:
                vectors[i] = reused[c.clause_id]
        if fresh is not None:
            vectors[missing] = fresh
        n_embedded, n_reused = len(missing), len(clauses) - len(missing)

    build_dir = target.with_name(f".{target.name}.new-{uuid.uuid4().hex[:8]}")
    build_dir.mkdir()
    lock = hold_build_lock(build_dir)
    collection = None
    try:
        retriever = bm25s.BM25(k1=BM25_K1, b=BM25_B)
        retriever.index([tok.tokenize(t) for t in texts], show_progress=False)
        retriever.save(str(build_dir / BM25_DIR), show_progress=False)
        if vectors is not None:
            if settings.chroma_url:
                collection = f"{REMOTE_PREFIX}{time.strftime('%Y%m%d%H%M%S')}_{uuid.uuid4().hex[:6]}"
                with chroma_client(settings, None) as client:
                    write_collection(client, collection, clauses, corpus, embed_texts, vectors)
            else:
                collection = LOCAL_COLLECTION
                with chroma_client(settings, build_dir / CHROMA_DIR) as client:
                    write_collection(client, collection, clauses, corpus, embed_texts, vectors)
        manifest = {
            "format": FORMAT,
            "tokenizer": tok.corpus_fingerprint(corpus.terms),
            "embedder": name,
            "dim": int(vectors.shape[1]) if vectors is not None else 0,
            "collection": collection,
            "chroma_url": settings.chroma_url or None,
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "clauses": rows,
            "bm25_files": {p.name: _file_sha(p) for p in sorted((build_dir / BM25_DIR).iterdir())},
        }
        (build_dir / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), "utf-8")
        swap_in(build_dir, target)  # still locked: a concurrent clean-up must not take it mid-swap
        release_build_lock(target, lock)
    except BaseException:
        lock.close()
        shutil.rmtree(build_dir, ignore_errors=True)
        raise
    if settings.chroma_url:
        _drop_old_remote_collections(settings, keep={collection, (old or {}).get("collection")})
    seconds = time.perf_counter() - started
    log.info("索引完成：%d 条，新计算向量 %d 条，用时 %.1f 秒", len(clauses), n_embedded, seconds)
    return BuildReport(len(clauses), n_embedded, seconds, n_reused, name, target)


def _drop_old_remote_collections(settings: Settings, keep: set[str | None]) -> None:
    """Keep the new and the previous generation on the server (a running server may use it)."""
    try:
        with chroma_client(settings, None) as client:
            for col in client.list_collections():
                col_name = col if isinstance(col, str) else col.name
                if col_name.startswith(REMOTE_PREFIX) and col_name not in keep:
                    client.delete_collection(col_name)
    except Exception as err:
        log.warning("清理 Chroma 服务器上的旧集合失败：%s", err)


# --------------------------------------------------------------------------- load


LOAD_ATTEMPTS = 3


def _generation(path: Path) -> int | None:
    """Identity of the directory now at ``path`` (every build swaps in a new one)."""
    try:
        return path.stat().st_ino
    except OSError:
        return None


def load_index(corpus: Corpus, settings: Settings) -> Index:
    """Load the index built for ``corpus``; raises IndexMissingError / IndexCorruptError.

    A build swapping a new directory in while this reads (``policyqa index`` in another process)
    can fail the read or mix two generations' files; the load is then repeated on the new directory
    instead of reporting a corrupt index.
    """
    for attempt in range(1, LOAD_ATTEMPTS + 1):
        before = _generation(settings.index_dir)
        try:
            index = _load_index_once(corpus, settings)
        except (IndexMissingError, IndexCorruptError):
            if attempt < LOAD_ATTEMPTS and _generation(settings.index_dir) != before:
                log.info("索引在读取期间被替换，重新读取：%s", settings.index_dir)
                continue
            raise
        if _generation(settings.index_dir) == before or attempt == LOAD_ATTEMPTS:
            return index
        log.info("索引在读取期间被替换，重新读取：%s", settings.index_dir)
    raise AssertionError("unreachable")


def _load_index_once(corpus: Corpus, settings: Settings) -> Index:
    import bm25s

    path = settings.index_dir
    manifest_path = path / MANIFEST
    if not manifest_path.is_file():
        if path.is_dir() and any(path.iterdir()):
            raise IndexCorruptError(CORRUPT_MSG.format(detail=f"缺少 {manifest_path}"))
        raise IndexMissingError(MISSING_MSG.format(path=path))
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        rows = manifest["clauses"]
        ids = [row["id"] for row in rows]
        embedder_name = manifest["embedder"]
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise IndexCorruptError(CORRUPT_MSG.format(detail=f"manifest.json 无法解析：{err}")) from None
    tok.learn(corpus.terms)
    if manifest.get("format") != FORMAT or manifest.get("tokenizer") != tok.corpus_fingerprint(corpus.terms):
        raise IndexStaleError("索引由旧版本构建（索引格式或分词词典已变化），请运行 policyqa index 更新索引")
    if (manifest.get("chroma_url") or "") != settings.chroma_url:
        raise IndexStaleError(
            f"索引的向量存放位置（{manifest.get('chroma_url') or '本地'}）与当前设置"
            f"（{settings.chroma_url or '本地'}）不一致，请运行 policyqa index 重建索引"
        )

    by_id = corpus.by_id
    expected = _clause_rows(corpus, embedder_name)
    if rows != expected:
        changed = len({json.dumps(r, sort_keys=True) for r in rows} ^ {json.dumps(r, sort_keys=True) for r in expected})
        raise IndexStaleError(
            f"索引与当前语料不一致（{changed} 处条款差异），请运行 policyqa index 更新索引"
            "（或 policyqa index --rebuild）"
        )

    bm25_dir = path / BM25_DIR
    try:
        for fname, sha in manifest["bm25_files"].items():
            if _file_sha(bm25_dir / fname) != sha:
                raise IndexCorruptError(CORRUPT_MSG.format(detail=f"BM25 文件 {fname} 校验失败"))
        bm25 = bm25s.BM25.load(str(bm25_dir), show_progress=False)
        if int(bm25.scores["num_docs"]) != len(ids):
            raise IndexCorruptError(CORRUPT_MSG.format(detail="BM25 文档数与清单不符"))
    except IndexCorruptError:
        raise
    except Exception as err:
        raise IndexCorruptError(CORRUPT_MSG.format(detail=f"BM25 文件无法读取：{err}")) from None

    vectors, collection = None, None
    if embedder_name:
        vectors, collection = _load_vectors(settings, manifest, ids)
    clauses = [by_id[i] for i in ids]
    return Index(corpus, clauses, bm25, vectors, embedder_name, manifest, path, collection)


def _load_vectors(settings: Settings, manifest: dict[str, Any], ids: list[str]) -> tuple[np.ndarray, Any]:
    local = None if settings.chroma_url else settings.index_dir / CHROMA_DIR
    if local is not None and not (local / "chroma.sqlite3").is_file():
        raise IndexCorruptError(CORRUPT_MSG.format(detail=f"缺少 {local / 'chroma.sqlite3'}"))
    name = manifest.get("collection")
    try:
        if local is None:
            # A server connection outlives this call: retrieval queries the collection directly.
            client = open_remote(settings)
            collection = client.get_collection(name, embedding_function=None)
            found = read_vectors(collection, ids)
        else:
            collection = None
            with chroma_client(settings, local) as client:
                found = read_vectors(client.get_collection(name, embedding_function=None), ids)
    except Exception as err:
        raise IndexCorruptError(CORRUPT_MSG.format(detail=f"Chroma 向量库无法读取：{err}")) from None
    if len(found) != len(ids):
        raise IndexCorruptError(CORRUPT_MSG.format(detail=f"Chroma 中有 {len(found)} 条向量，清单有 {len(ids)} 条"))
    vectors = np.stack([found[i] for i in ids]).astype(np.float32)
    if vectors.shape[1] != manifest.get("dim") or not np.isfinite(vectors).all():
        raise IndexCorruptError(CORRUPT_MSG.format(detail="Chroma 中的向量维度或数值异常"))
    return vectors, collection
