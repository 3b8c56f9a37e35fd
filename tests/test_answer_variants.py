"""Answer classes of the fourth session: parallel rule variants, who pays vs what was won, totals over
one award's years, figures' own measure words, a topic carried into a bare follow-up."""

import re
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


def test_a_claim_cue_after_a_rate_asks_about_the_rate(engine) -> None:
    answer = engine.ask("我们拿到市级绿色工厂建设资金500万。听说首台套是按30%配的，那绿色工厂丰台也按30%吧？能配多少")
    assert answer.calculations[0].amount_yuan == Decimal("1000000")
    assert "不是您说的30%" in answer.text and "没有依据" not in answer.text


def test_another_partys_rate_is_not_the_users_claim(engine) -> None:
    answer = engine.ask("我们是丰台的揭榜方，跟发榜企业签了800万合同，发榜企业说他们能拿30%，我们是不是也30%？")
    assert answer.calculations[0].amount_yuan == Decimal("1000000")  # 800万 × 15% = 120万, capped at 100万
    assert "揭榜企业配套支持" in answer.text.splitlines()[1]


def test_this_years_increment_is_over_last_year_not_the_year_before(engine) -> None:
    answer = engine.ask("丰台的软件企业，前年营收5亿，去年6亿，今年8亿，增速高于全区平均，营收增量能拿多少")
    assert answer.calculations[0].amount_yuan == Decimal("1000000")
    assert "8亿元 − 6亿元" in answer.text


@pytest.mark.parametrize(
    "question",
    ["丰台大中型重点企业，研发费用今年比去年降了500万，研发费用增量那条能拿吗",
     "我们丰台工厂今年产值比去年少了1200万，产值增量那条奖励能申请吗"],
)
def test_a_fall_is_no_increment(engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.calculations and all(c.amount_yuan == 0 for c in answer.calculations)
    assert "首次达到" not in answer.text.splitlines()[0]


def test_the_words_before_na_tiao_name_the_award(engine) -> None:
    answer = engine.ask("丰台剥离那条，我们剥离出来的数字化公司营收3000万，增速高于全区平均，能拿多少")
    assert answer.calculations[0].amount_yuan == Decimal("300000")
    assert answer.citations[0].locator == "第七条"


def test_how_a_figure_is_determined_is_not_an_amount_ask(engine) -> None:
    answer = engine.ask("怀柔技改项目，固定资产投资怎么认定？")
    assert answer.found and "当年合法发票" in answer.text


def test_a_part_with_no_words_of_its_own_is_not_a_second_question(engine) -> None:
    answer = engine.ask("哪几个区对首台（套）有支持？有写金额的吗？")
    assert not answer.text.startswith("（1）")
    assert "怀柔区的文件中未提及" in answer.text and "北京经济技术开发区的文件中未提及" in answer.text


def test_a_promise_not_to_reduce_capital_is_kept_not_broken(engine) -> None:
    answer = engine.ask("我们做协作机器人，注册、税务、统计都在亦庄，独立法人，财务健全，愿意承诺10年不搬走、不减资，能享受经开区机器人8条吗？")
    assert "不符合" not in answer.text.splitlines()[0]


def test_a_tier_an_earlier_year_reached_is_not_reached_first(engine) -> None:
    answer = engine.ask("丰台软件公司，前年营收过了5个亿，去年5.5亿，今年8亿。首次达到那个奖我们今年还能不能再拿？")
    assert [c.amount_yuan for c in answer.calculations] == [Decimal(0)]
    assert "不是首次达到" in answer.text


def test_a_second_question_naming_another_award_is_answered(engine) -> None:
    answer = engine.ask("丰台软件企业，去年营收3亿，今年3.6亿，增速高于全区平均，营收增量那条能拿多少？还能不能再拿个首次达到的奖？")
    assert answer.text.startswith("（1）") and "（2）" in answer.text


def test_an_article_a_jiedu_only_mentions_is_said_not_reproduced(engine) -> None:
    answer = engine.ask("门头沟工业若干措施 第五条讲的什么")
    assert answer.text.startswith("结论：") and "未载明第五条的原文" in answer.text.splitlines()[0]


def test_an_article_of_a_measure_only_interpreted_is_not_said_absent(engine) -> None:
    answer = engine.ask("怀柔扶持办法第五条是什么")
    assert "政策解读" in answer.text and "未载明第五条的原文" in answer.text
    assert "没有第五条" not in answer.text


def test_what_a_section_holds_is_listed_with_each_items_amount(engine) -> None:
    answer = engine.ask("经开区机器人和智能制造8条都有哪些支持")
    lines = answer.text.splitlines()
    assert lines[0].startswith("结论：") and "共8项" in lines[0]
    assert sum(line[:2] in {f"{i}." for i in range(1, 9)} for line in lines) == 8
    assert any("最高给予1亿元" in line for line in lines)  # 五、(四)5 innovation centres, quoted as written
    assert len(answer.citations) == 9


def test_a_glossary_is_not_listed_as_measures(engine) -> None:
    answer = engine.ask("门头沟工业措施里的产业服务平台具体包括哪些")
    assert not re.search(r"共\d+项", answer.text)  # not a section's measures…
    assert "科技企业孵化器" in answer.text.splitlines()[0]  # …but the definition's own list


@pytest.mark.parametrize(
    "question",
    ["我们工厂2018年就进过规上，后来掉出去了，今年重新纳入规上统计，丰台升规纳统那笔还能拿吗",
     "公司前几年进过工业规上，今年又纳入了，丰台首次纳入规上的支持能申请吗"],
)
def test_coming_back_is_not_the_first_time(engine, question: str) -> None:
    head = engine.ask(question).text.splitlines()[0]
    assert "不" in head and "可以申请" not in head


def test_a_topic_no_document_uses_is_refused_across_districts(engine) -> None:
    answer = engine.ask("这几个区有没有给企业招退役军人发岗位补贴的？每人补多少？")
    assert not answer.found and not answer.calculations and answer.amounts_yuan == ()


def test_either_legal_form_will_do(engine) -> None:
    answer = engine.ask("我们在门头沟注册的是分公司，不是独立法人，近三年没有失信记录，能报门头沟工业高质量发展的措施吗？")
    assert "不符合" not in answer.text.splitlines()[0]


def test_the_level_a_user_compares_with_is_not_their_own(engine) -> None:
    answer = engine.ask("承担了北京市智能制造领域的重点课题，市里给了900万，丰台配套多少？是不是跟国家课题一样按20%？")
    assert answer.calculations[0].amount_yuan == Decimal("900000")
    assert "不是您说的20%" in answer.text and "没有依据" not in answer.text


def test_a_later_year_below_average_fails_that_year_only(engine) -> None:
    answer = engine.ask("丰台的企业，前年首次认定国家高新技术企业，当年营收增速超过行业平均，去年也超过了，今年没跑赢行业平均，一共能拿多少？")
    assert answer.calculations[0].amount_yuan == Decimal("200000")


def test_an_earlier_figure_of_another_measure_is_no_earlier_tier(engine) -> None:
    answer = engine.ask("丰台软件企业，去年投资了12亿建园区，今年营收首次过10亿，首次达到奖多少")
    assert answer.calculations[0].amount_yuan == Decimal("1000000")
