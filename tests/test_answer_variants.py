"""Answer classes of the fourth session: parallel rule variants, who pays vs what was won, totals over
one award's years, figures' own measure words, a topic carried into a bare follow-up."""

from decimal import Decimal

import pytest

pytestmark = pytest.mark.slow


def test_the_variant_the_question_names_is_the_only_one_totalled(engine) -> None:
    answer = engine.ask("丰台升规纳统的软件企业，第二年营收增速超过行业平均，两年合计最多多少")
    assert [c.amount_yuan for c in answer.calculations] == [Decimal("150000")]
    assert "工业规模以上" not in answer.text


def test_both_variants_named_are_both_answered(engine) -> None:
    answer = engine.ask("丰台升规纳统，工业的和软件的各给多少")
    assert "首次纳入工业规模以上统计范围" in answer.text and "首次纳入软件和信息服务业" in answer.text


@pytest.mark.parametrize(
    ("question", "amount"),
    [
        ("我们承担了国家智能制造重点课题，国家给了1000万，丰台配套多少？", "2000000"),
        ("市里给我们的智能制造重点课题拨了600万，丰台区级配套能有多少", "600000"),
    ],
)
def test_who_pays_is_not_the_level_of_what_was_won(engine, question: str, amount: str) -> None:
    answer = engine.ask(question)
    assert answer.calculations[0].amount_yuan == Decimal(amount)
    assert "未规定" not in answer.text.splitlines()[0]


def test_a_total_over_one_awards_years_is_that_award_alone(engine) -> None:
    answer = engine.ask("刚认定小巨人，营收增速超过行业平均，丰台三年一共能拿多少？")
    assert [c.amount_yuan for c in answer.calculations] == [Decimal("500000")]
    assert "营业收入增量" not in answer.text


def test_a_figures_measure_word_is_not_a_missing_topic(engine) -> None:
    answer = engine.ask("我们在怀柔做软件，去年营收8000万，能拿多少奖励？")
    assert "「营收」" not in answer.text and "未载明" in answer.text


def test_a_bare_follow_up_quotes_the_earlier_topic(engine) -> None:
    answer = engine.ask(["丰台小试中试项目投资3000万能补多少？", "如果是5000万呢", "那门头沟呢"])
    assert not answer.calculations and "小试中试" in answer.text.splitlines()[0]


@pytest.mark.parametrize(
    ("question", "subjects"),
    [
        ("丰台揭榜挂帅最高给多少", ("揭榜企业配套支持", "发榜企业配套补贴")),
        ("丰台智能工厂最高补多少", ("获得市级智能工厂", "获得国家级智能工厂")),
    ],
)
def test_a_question_naming_no_variant_gets_each(engine, question: str, subjects: tuple[str, str]) -> None:
    heads = [line for line in engine.ask(question).text.splitlines() if line.startswith("结论")]
    assert all(any(s in line for line in heads) for s in subjects)


def test_a_question_naming_one_side_gets_that_side(engine) -> None:
    heads = [line for line in engine.ask("丰台揭榜挂帅，我们是揭榜方，最高给多少").text.splitlines() if line.startswith("结论")]
    assert len(heads) == 1 and "揭榜企业配套支持" in heads[0]
