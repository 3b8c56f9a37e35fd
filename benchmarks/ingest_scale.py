"""Ingest at scale: what an `add` costs besides embedding, measured at 100× and projected to 600k clauses.

Run:  python benchmarks/ingest_scale.py [--clauses 17400]

Measures, on this machine:
- tokenization (jieba + policy dictionary) throughput over the real clauses (BM25 is rebuilt on every add);
- bm25s indexing of N token lists (N = 100× the real corpus by default);
- Chroma (PersistentClient, the store's settings) writing N clause vectors with their texts and metadata,
  reading them back by id (what a build does to reuse unchanged vectors), and the bytes on disk per clause;
- a brute-force dense query over an N×384 matrix (what the engine does with vectors in memory).
Vectors are random unit vectors (embedding throughput is measured by index_build.py / scale.py).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np
from _common import machine

from policyqa import tokenize as tok
from policyqa.chroma_io import chroma_settings
from policyqa.corpus import load_corpus
from policyqa.store import EMBED_BATCH, index_text


def _du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clauses", type=int, default=17_400)
    args = parser.parse_args()
    n = args.clauses
    corpus = load_corpus()
    texts = [index_text(c, corpus) for c in corpus.clauses]
    print(machine(), f"EMBED_BATCH={EMBED_BATCH}")

    tok.warm_up()
    started = time.perf_counter()
    rounds = 5
    token_lists = [tok.tokenize(t) for _ in range(rounds) for t in texts]
    rate = len(token_lists) / (time.perf_counter() - started)
    print(f"tokenize: {rate:,.0f} clauses/s ({len(texts)} real clauses × {rounds})")

    import bm25s

    corpus_tokens = [token_lists[i % len(token_lists)] for i in range(n)]
    started = time.perf_counter()
    bm25s.BM25(k1=1.2, b=0.5).index(corpus_tokens, show_progress=False)
    print(f"bm25s index of {n:,} token lists: {time.perf_counter() - started:.1f} s")

    import chromadb

    rng = np.random.default_rng(0)
    vectors = rng.standard_normal((n, 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    docs = [texts[i % len(texts)] for i in range(n)]
    ids = [f"doc{i // 35}#第{i % 35}条" for i in range(n)]
    with tempfile.TemporaryDirectory() as tmp:
        client = chromadb.PersistentClient(path=tmp, settings=chroma_settings())
        col = client.create_collection("bench", embedding_function=None, metadata={"hnsw:space": "cosine"})
        batch = min(1000, int(client.get_max_batch_size()))
        started = time.perf_counter()
        for s in range(0, n, batch):
            col.add(
                ids=ids[s : s + batch],
                embeddings=vectors[s : s + batch],
                documents=docs[s : s + batch],
                metadatas=[{"doc_id": i.split("#")[0], "order": k} for k, i in enumerate(ids[s : s + batch])],
            )
        write = time.perf_counter() - started
        started = time.perf_counter()
        got = col.get(ids=ids, include=["embeddings"])
        read = time.perf_counter() - started
        assert len(got["ids"]) == n
        started = time.perf_counter()
        for q in vectors[:20]:
            col.query(query_embeddings=[q], n_results=5)
        hnsw_ms = (time.perf_counter() - started) / 20 * 1000
        client.close() if hasattr(client, "close") else None
        size = _du(Path(tmp))
    print(f"chroma write {n:,}: {write:.1f} s ({n / write:,.0f} clauses/s); read back: {read:.1f} s")
    per = size / n / 1024
    print(f"chroma HNSW query (k=5): {hnsw_ms:.1f} ms; on disk: {size / 2**20:.1f} MiB = {per:.2f} KiB/clause")
    started = time.perf_counter()
    for q in vectors[:20]:
        np.argpartition(-(vectors @ q), 5)[:5]
    print(f"brute-force dense top-5 over {n:,}×384: {(time.perf_counter() - started) / 20 * 1000:.1f} ms")


if __name__ == "__main__":
    main()
