"""Chroma access for the index: one client per use (local PersistentClient or a server's HttpClient),
vectors read back by clause id and written in batches with explicit embeddings (never Chroma's default
ONNX model, which would download at run time)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

import numpy as np

from policyqa.types import Clause

if TYPE_CHECKING:  # pragma: no cover
    from policyqa.corpus import Corpus
    from policyqa.settings import Settings


def chroma_settings() -> Any:
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False)


@contextlib.contextmanager
def chroma_client(settings: Settings, local_dir: Path | None) -> Iterator[Any]:
    """A PersistentClient on ``local_dir``, or an HttpClient when ``settings.chroma_url`` is set."""
    import chromadb

    if settings.chroma_url:
        client = open_remote(settings)
    else:
        assert local_dir is not None
        try:
            client = chromadb.PersistentClient(path=str(local_dir), settings=chroma_settings())
        except Exception:
            forget_system(local_dir)
            raise
    try:
        yield client
    finally:
        # Releases the SQLite handles; chroma caches one System per path, and a stale one
        # would keep serving the files of an index that has since been swapped out.
        with contextlib.suppress(Exception):
            client.close()


def forget_system(local_dir: Path) -> None:
    """Drop chroma's cached System for ``local_dir`` after a client failed to open there.

    Chroma registers one System per path *before* starting it; one that failed to start (a corrupt
    chroma.sqlite3) stays cached, and every later client on that path fails with it ("'RustBindingsAPI'
    object has no attribute 'bindings'") — even after the index was rebuilt.
    """
    from chromadb.api.shared_system_client import SharedSystemClient

    with contextlib.suppress(Exception):
        SharedSystemClient._identifier_to_refcount.pop(str(local_dir), None)
        SharedSystemClient._identifier_to_system.pop(str(local_dir), None)


def read_vectors(collection: Any, ids: list[str]) -> dict[str, np.ndarray]:
    got = collection.get(ids=ids, include=["embeddings"])
    return {i: np.asarray(v, dtype=np.float32) for i, v in zip(got["ids"], got["embeddings"], strict=True)}


def write_collection(
    client: Any, name: str, clauses: list[Clause], corpus: Corpus, texts: list[str], vectors: np.ndarray
) -> None:
    with contextlib.suppress(Exception):
        client.delete_collection(name)
    collection = client.create_collection(name, embedding_function=None, metadata={"hnsw:space": "cosine"})
    batch = max(1, min(1000, int(client.get_max_batch_size())))
    for start in range(0, len(clauses), batch):
        part = clauses[start : start + batch]
        collection.add(
            ids=[c.clause_id for c in part],
            embeddings=vectors[start : start + batch],  # always explicit: no default ONNX model
            documents=texts[start : start + batch],
            metadatas=[
                {
                    "doc_id": c.doc_id,
                    "locator": c.locator,
                    "district": corpus.documents[c.doc_id].district,
                    "order": c.order,
                }
                for c in part
            ],
        )


def open_remote(settings: Settings) -> Any:
    import chromadb

    url = urlparse(settings.chroma_url)
    return chromadb.HttpClient(
        host=url.hostname or "127.0.0.1",
        port=url.port or (443 if url.scheme == "https" else 8000),
        ssl=url.scheme == "https",
        settings=chroma_settings(),
    )
