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


def test_one_years_most_of_a_two_year_rule_is_the_yearly_cap(engine) -> None:
    # 「前后投了」 tells how the investment was spent; 「一年最多」 asks one year's award, not the two-year term.
    answer = engine.ask("丰台有个系统集成项目，设备厂房前后投了四千来万，小试中试那条一年最多给多少")
    assert answer.calculations[0].amount_yuan == 5_000_000
    assert "500万" in _first(answer.text)


def test_a_growth_below_the_stated_average_fails_the_later_stage(engine) -> None:
    answer = engine.ask("前年首次进规上，丰台那笔10万早领过了，去年产值增长了4%，行业平均增长7%，后面那笔还有吗")
    assert "不能" in _first(answer.text) and answer.calculations[0].amount_yuan == 0


def test_an_item_in_a_closed_list_is_said_to_be_in_it(engine) -> None:
    answer = engine.ask("怀柔的首次贷款，担保费可以申请补吗")
    assert _first(answer.text).startswith("结论：可以") and "担保费" in _first(answer.text)


def test_the_topic_of_the_asking_sentence_outranks_a_word_of_the_users_plans(engine) -> None:
    answer = engine.ask("公司打算把总部迁过来落户。丰台和门头沟的文件，对绿色工厂分别怎么支持？")
    assert "未提及「落户」" not in answer.text
    assert any("绿色工厂" in c.text for c in answer.citations)


def test_a_hearsay_report_without_you_is_checked_too(engine) -> None:
    answer = engine.ask("听人家讲丰台给新招的大学生免费提供人才公寓，找哪个部门")
    assert not answer.found and "找不到依据" in _first(answer.text)


def test_an_either_legal_form_condition_is_no_open_condition(engine) -> None:
    answer = engine.ask("我们行业代码是29，在门头沟注册，近三年没失信，门头沟工业措施第五条能申请吗")
    assert "取决于您未说明的条件" not in answer.text and "可以申" in answer.text
