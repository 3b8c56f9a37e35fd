"""The stock llama-index pipeline, for comparison in evaluation and benchmarks (same embedder)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from policyqa import tokenize as tok
from policyqa.chroma_io import chroma_settings
from policyqa.store import EMBED_BATCH

if TYPE_CHECKING:  # pragma: no cover
    from policyqa.corpus import Corpus
    from policyqa.embed import Embedder


def llamaindex_embedding(embedder: Embedder) -> Any:
    """``embedder`` wrapped as a llama-index ``BaseEmbedding`` (set explicitly, never OpenAI)."""
    from llama_index.core.base.embeddings.base import BaseEmbedding
    from pydantic import PrivateAttr

    class PolicyEmbedding(BaseEmbedding):
        _inner: Any = PrivateAttr()

        def __init__(self, inner: Embedder) -> None:
            super().__init__(model_name=inner.name, embed_batch_size=EMBED_BATCH)
            self._inner = inner

        def _get_query_embedding(self, query: str) -> list[float]:
            return self._inner.embed_query(tok.normalize(query)).tolist()

        def _get_text_embedding(self, text: str) -> list[float]:
            return self._inner.embed_documents([tok.normalize(text)])[0].tolist()

        def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
            return self._inner.embed_documents([tok.normalize(t) for t in texts]).tolist()

        async def _aget_query_embedding(self, query: str) -> list[float]:
            return self._get_query_embedding(query)

    return PolicyEmbedding(embedder)


def llamaindex_baseline(corpus: Corpus, embedder: Embedder) -> Callable[[str, int], list[str]]:
    """The stock llama-index pipeline, for comparison: default ``SentenceSplitter`` chunks of the
    whole documents, ``VectorStoreIndex`` over an in-memory ``ChromaVectorStore``, same embedder."""
    import chromadb
    from llama_index.core import Document as LIDocument
    from llama_index.core import StorageContext, VectorStoreIndex
    from llama_index.core.node_parser import SentenceSplitter
    from llama_index.vector_stores.chroma import ChromaVectorStore

    client = chromadb.EphemeralClient(settings=chroma_settings())
    name = f"baseline_{uuid.uuid4().hex[:8]}"
    chroma_collection = client.create_collection(name, embedding_function=None)
    store = ChromaVectorStore(chroma_collection=chroma_collection)
    documents = [
        LIDocument(text=corpus.texts[d.doc_id], metadata={"doc_id": d.doc_id, "district": d.district})
        for d in corpus.documents.values()
    ]
    index = VectorStoreIndex.from_documents(
        documents,
        storage_context=StorageContext.from_defaults(vector_store=store),
        embed_model=llamaindex_embedding(embedder),
        transformations=[SentenceSplitter()],
    )

    def search(question: str, k: int = 5) -> list[str]:
        nodes = index.as_retriever(similarity_top_k=k).retrieve(question)
        return [n.node.get_content() for n in nodes]

    return search
