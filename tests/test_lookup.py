"""Lookup by citation, including every gold locator of the dev set."""

import json
from pathlib import Path

import pytest

from policyqa.corpus import Corpus
from policyqa.errors import InputError, NotFoundError
from policyqa.lookup import lookup

DEV = Path(__file__).resolve().parent.parent / "evals" / "dev.jsonl"


def _as_list(value: object) -> list:
    return value if isinstance(value, list) else [value]


def _gold_pairs() -> list[tuple[str, str, str, str]]:
    pairs = []
    for line in DEV.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        if item["gold_doc"] is None:
            continue
        docs, locs, quotes = (_as_list(item[k]) for k in ("gold_doc", "gold_locator", "gold_quote"))
        if len(docs) == 1:
            docs = docs * len(locs)
        pairs += [(item["id"], d, loc, q) for d, loc, q in zip(docs, locs, quotes, strict=True)]
    return pairs


@pytest.mark.parametrize(("item_id", "source", "locator", "quote"), _gold_pairs())
def test_gold_locator_resolves_to_quote(
    corpus: Corpus, item_id: str, source: str, locator: str, quote: str
) -> None:
    doc = corpus.document_by_source(source)
    assert doc is not None
    found = lookup(corpus, f"{doc.doc_id} {locator}")
    assert any(quote.replace(" ", "") in c.text.replace(" ", "") for c in found), item_id


@pytest.mark.parametrize(
    ("query", "clause_id"),
    [
        ("丰台 第十四条", "fengtai-zhizao#第十四条"),
        ("丰台 第14条", "fengtai-zhizao#第十四条"),
        ("经开区 五、(二)3", "jingkai-sida#五、(二)3"),
        ("亦庄 五、（二）3", "jingkai-sida#五、(二)3"),
        ("门头沟 关键词诠释 首台（套）", "mentougou-gongye-faq#五、>首台（套）"),
        ("门头沟 （十五）", "mentougou-shishi#（十五）"),
    ],
)
def test_lookup_queries(corpus: Corpus, query: str, clause_id: str) -> None:
    assert [c.clause_id for c in lookup(corpus, query)] == [clause_id]


def test_bare_locator_across_documents(corpus: Corpus) -> None:
    docs = {c.doc_id for c in lookup(corpus, "一、")}
    assert {"mentougou-gongye-faq", "huairou-banfa-faq", "mentougou-shishi", "jingkai-sida"} <= docs


def test_missing_and_empty(corpus: Corpus) -> None:
    with pytest.raises(NotFoundError, match="第九十九条"):
        lookup(corpus, "丰台 第九十九条")
    with pytest.raises(InputError):
        lookup(corpus, "   ")


def test_citation_line_is_what_staff_paste() -> None:
    from policyqa.serialize import citation_line

    title = "丰台区促进智能制造产业高质量发展若干措施（征求意见稿）"
    assert citation_line(title, "第十四条") == f"《{title}》第十四条"
    assert citation_line(title, "标题") == f"《{title}》"  # the title clause cites as the document itself
