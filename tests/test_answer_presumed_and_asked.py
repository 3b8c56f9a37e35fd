"""Answer classes of the seventh session: a benefit the question takes as existing that no document grants, where
to apply (the department that organises 申报), the rate itself asked, and a definition whose subject the user's
own words rule out. Phrasings are neighbours of the first-read misses, not the sets' questions."""

import pytest

pytestmark = pytest.mark.slow


def _first(text: str) -> str:
    return text.splitlines()[0]


@pytest.mark.parametrize(
    ("question", "benefit"),
    [
        ("朋友说亦庄对新来的企业有五年办公楼租金减半，找谁办", "租金减半"),
        ("丰台是不是有个员工班车补助的政策，怎么申请", "班车"),
        ("听同行讲怀柔有高管子女入学照顾，在哪报名", "子女入学"),
    ],
)
def test_a_benefit_no_document_grants_is_rejected_not_routed(engine, question: str, benefit: str) -> None:
    answer = engine.ask(question)
    assert not answer.found
    assert "没有" in _first(answer.text) and benefit in _first(answer.text) and "找不到依据" in _first(answer.text)
    assert not answer.amounts_yuan


def test_a_benefit_the_documents_name_in_full_is_not_rejected(engine) -> None:
    # 技改 is the documents' 技术改造 abbreviated: the question is answered, not turned away as unheard of.
    answer = engine.ask("听说怀柔有技改补贴，最多给多少")
    assert "找不到依据" not in answer.text and "有支持规定" in _first(answer.text)


def test_where_to_apply_names_the_department_that_organises_it(engine) -> None:
    answer = engine.ask("丰台的智能工厂奖励到哪里申报")
    assert answer.found
    head = _first(answer.text)
    assert "丰台区科学技术和信息化局" in head and "未写明申报时间" in head
    assert answer.citations[0].locator == "第二十一条"


def test_where_to_apply_without_a_named_department_is_not_stated(engine) -> None:
    answer = engine.ask("门头沟数字化达标的支持在哪个系统申报")
    assert not answer.found and "未提及申报时间" in answer.text


def test_the_rate_asked_of_an_unstated_rate_says_it_is_not_stated(engine) -> None:
    answer = engine.ask("经开区对做车规级芯片研发的企业，研发投入奖励比例是多少")
    head = _first(answer.text)
    assert "未写明具体比例" in head and "上限" in head


def test_the_rate_asked_picks_the_articles_award_with_a_rate(engine) -> None:
    answer = engine.ask("丰台首台套的区级配套按几成给")
    head = _first(answer.text)
    assert "30%" in head and "200万" in head
    assert answer.text.count("结论") == 1


def test_a_definition_whose_subject_the_user_is_not_gives_no(engine) -> None:
    answer = engine.ask("我们厂还是规下企业，两化融合贯标也过了，门头沟那个数字化达标我们算不算")
    head = _first(answer.text)
    assert head.startswith("结论：不算") and "规模以上" in head and "规下" in head
