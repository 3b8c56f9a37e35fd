"""Answer classes of the fifth session: claims put as yes/no questions or hearsay with a named source,
claimed figures placed only on a clause that awards them on the same subject, an industry code against an
article's scope, a kind against a defined list, and a plan to move against a stay commitment."""

from decimal import Decimal

import pytest

pytestmark = pytest.mark.slow


def test_a_rate_put_as_a_yes_no_question_is_corrected(engine) -> None:
    answer = engine.ask("丰台5G工厂，市级资金给了400万，区里是按市级的一半配吗？")
    assert answer.text.startswith("更正") and "不是您说的50%" in answer.text
    assert [c.amount_yuan for c in answer.calculations] == [Decimal("800000")]


def test_hearsay_with_a_named_source_is_a_claim(engine) -> None:
    answer = engine.ask("听财务讲丰台首台套能给50万，是真的吗")
    assert answer.text.startswith("更正")
    assert "30万元" in answer.text.splitlines()[0]


def test_a_claimed_award_is_placed_on_the_tier_that_pays_it(engine) -> None:
    answer = engine.ask("怀柔产值首次到5亿奖50万，对吧")
    first = answer.text.splitlines()[0]
    assert "工业产值" in first and "5亿元档" in first and "丰台" in first


def test_a_threshold_is_not_where_a_claimed_award_stands(engine) -> None:
    answer = engine.ask("丰台首台套奖500万。是这样吗？")
    assert answer.text.startswith("更正") and "增量达到500万元以上" not in answer.text


def test_an_industry_code_against_the_articles_scope(engine) -> None:
    first = engine.ask("门头沟，行业代码35的设备企业，能申请第九条吗").text.splitlines()[0]
    assert "不能申请第九条" in first and "产业服务平台" in first and "第一条" in first


def test_a_kind_the_definition_does_not_list(engine) -> None:
    answer = engine.ask("门头沟的产业服务平台包括哪些？我们是个律师事务所，算不算")
    assert "未列明律师事务所" in answer.text and "但不限于" in answer.text
    assert "共5项" not in answer.text  # the defined term's list, not the section of measures


def test_a_plan_to_move_breaks_a_stay_commitment(engine) -> None:
    answer = engine.ask("经开区8条政策，我们注册税务统计都在亦庄，打算三年后迁往河北，能享受吗")
    assert "不能享受" in answer.text.splitlines()[0]


def test_moving_into_the_district_is_no_move_away(engine) -> None:
    answer = engine.ask("我们刚从海淀搬到亦庄，注册税务统计都在亦庄，能享受经开区8条政策吗")
    assert "不能享受" not in answer.text
