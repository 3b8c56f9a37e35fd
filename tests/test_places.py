"""Covered districts come from the manifest; places without a document come from the gazetteer."""

import pytest

from policyqa.corpus import Corpus
from policyqa.places import Gazetteer, coverage, stem
from policyqa.understand.places import elsewhere_in


def test_gazetteer_is_a_real_division_table() -> None:
    g = Gazetteer.load()
    assert len({p.code for ps in g.by_name.values() for p in ps}) > 3000
    assert [p.code for p in g.lookup("海淀区")] == ["110108"]
    assert {p.code for p in g.lookup("朝阳区")} == {"110105", "220104"}  # Beijing and Changchun
    assert stem("浦东新区") == "浦东" and stem("上海市") == "上海" and stem("香港特别行政区") == "香港"


@pytest.mark.parametrize(
    ("question", "place"),
    [("上海浦东的企业能申请吗？", "浦东新区"), ("天津滨海新区有首台套补贴吗", "滨海新区"), ("海淀有什么政策？", "海淀区")],
)
def test_places_without_documents_are_named(corpus: Corpus, question: str, place: str) -> None:
    assert coverage(corpus.district_aliases).uncovered_place(question) == place
    assert elsewhere_in(corpus, question, corpus.districts_in(question)) == place


@pytest.mark.parametrize(
    "question",
    [
        "丰台首台套最多补多少？",
        "北京市级首台套补贴五百万，亦庄配套多少？",  # 北京市 contains covered districts
        "亦庄的灯塔工厂补多少？",  # 灯塔 is part of a policy term here, not 灯塔市
        "和平发展的大环境下企业怎么申报？",  # 和平 is a word, not 和平区
        "门头沟区的企业技术中心认定标准？",
    ],
)
def test_covered_or_placeless_questions_are_not_refused(corpus: Corpus, question: str) -> None:
    assert coverage(corpus.district_aliases).uncovered_place(question) is None


def test_a_newly_covered_district_is_covered() -> None:
    """Coverage follows the manifest's district table: adding 朝阳区 makes it covered, 海淀 stays not."""
    aliases = {"丰台区": "丰台区", "丰台": "丰台区", "朝阳区": "朝阳区", "朝阳": "朝阳区"}
    cover = coverage(aliases)
    assert cover.uncovered_place("朝阳区和丰台区分别给多少？") is None
    assert cover.uncovered_places("朝阳区和海淀区分别给多少？") == ["海淀区"]
    assert coverage({"丰台区": "丰台区"}).uncovered_place("朝阳区有什么政策") == "朝阳区"
    # A district of a covered city (广州市天河区 covered) is still uncovered: 越秀区.
    cover = coverage({"天河区": "天河区", "天河": "天河区"})
    assert cover.uncovered_place("广州越秀区的港澳青年补贴") == "越秀区"
    assert cover.uncovered_place("广州天河区的港澳青年补贴") is None
