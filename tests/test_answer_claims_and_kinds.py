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


def test_each_years_figure_is_capped_then_added(engine) -> None:
    answer = engine.ask("丰台，机器人首试首用奖励前年拿了300万，去年拿了900万，区级配套两年一共多少")
    assert [c.amount_yuan for c in answer.calculations] == [Decimal("2900000")]  # 90万 + 200万 (年度上限)


def test_project_years_counted_by_the_project_are_a_series(engine) -> None:
    answer = engine.ask("丰台中试项目，第一年固定资产投资3000万，第二年投1500万，两年合计能拿多少")
    assert [c.amount_yuan for c in answer.calculations] == [Decimal("8000000")]  # 500万（封顶）+ 300万


def test_a_cue_closing_its_own_sentence_makes_no_figure_a_claim(engine) -> None:
    answer = engine.ask("丰台机器人首试首用奖励拿了600万。区里配套是按年算的吧？能配多少")
    assert not answer.text.startswith("更正")
    assert [c.amount_yuan for c in answer.calculations] == [Decimal("1800000")]


def test_a_follow_up_naming_the_other_party_switches_variant(engine) -> None:
    answer = engine.ask(["丰台场景揭榜，我们发榜方跟新入区企业签了400万合同，能拿多少", "那揭榜那家呢"])
    assert [c.amount_yuan for c in answer.calculations] == [Decimal("600000")]  # 400万 × 15%


def test_a_broken_run_is_no_continuous_run(engine) -> None:
    answer = engine.ask("怀柔的制造业企业，2022年在规上，2023年跌出规上，2024年重新进入规上，能享受连续三年规上的支持吗")
    assert "不能享受" in answer.text.splitlines()[0] and "连续三年" in answer.text.splitlines()[0]


def test_growth_below_the_average_decides_a_yes_no_question(engine) -> None:
    answer = engine.ask("丰台首次认定国家高新技术企业，营收增速4%，行业平均10%，这个支持能拿吗")
    assert answer.calculations and answer.calculations[0].amount_yuan == 0


def test_a_granted_support_with_no_figure_is_cited_not_called_absent(engine) -> None:
    answer = engine.ask("门头沟对获得国家企业技术中心称号的企业，具体奖多少钱")
    assert not answer.found and answer.citations
    assert "文件未提及" not in answer.text and "未写明具体金额" in answer.text.splitlines()[0]


def test_a_precondition_asked_is_answered_yes(engine) -> None:
    answer = engine.ask("申请丰台智能制造的支持，是不是得先纳入智能制造企业库？")
    assert answer.text.startswith("结论：是的，需要") and "企业库" in answer.text.splitlines()[0]


def test_a_thing_outside_an_only_list_is_not_covered(engine) -> None:
    answer = engine.ask("怀柔首次贷款贴息，银行的评估费能不能一起补？")
    assert "评估费不在支持范围内" in answer.text


def test_a_body_named_for_the_wrong_level_is_corrected(engine) -> None:
    answer = engine.ask("北京市级中小企业公共服务示范平台是工信部认定的吧")
    assert "更正：市级由北京市经济和信息化局认定" in answer.text


def test_an_article_number_in_a_reading_only_district(engine) -> None:
    answer = engine.ask("怀柔扶持办法第八条的原文能发我一下吗？我们要写进申报材料")
    assert not answer.found and "政策解读" in answer.text and "第八条" in answer.text


def test_a_payment_spread_over_too_many_years(engine) -> None:
    assert "不算" in engine.ask("怀柔技改，设备款分五年付，能全算进固定资产投资吗").text.splitlines()[0]
    assert "可以计入" in engine.ask("怀柔技改，设备款分两年付，能算进固定资产投资吗").text.splitlines()[0]


def test_a_year_below_the_average_by_figures_is_not_paid(engine) -> None:
    answer = engine.ask("丰台，22年首次认定专精特新中小企业，营收增速22年15%（行业平均10%），23年6%（行业平均8%），"
                        "24年12%（行业平均9%），三年一共能拿多少")
    assert [c.amount_yuan for c in answer.calculations] == [Decimal("200000")]


def test_a_tier_an_earlier_unnamed_year_reached_is_no_first(engine) -> None:
    answer = engine.ask("丰台软件企业，去年营收12个亿，今年15个亿，首次达到那档奖励能拿多少")
    assert [c.amount_yuan for c in answer.calculations] == [Decimal("0")]


def test_a_part_asking_about_a_tier_uses_the_turns_figures(engine) -> None:
    answer = engine.ask("丰台做软件的，去年营收6个亿，今年9个亿。营收增量奖励多少？是不是还能拿首次达到10亿的奖？")
    second = answer.text.split("（2）")[1]
    assert "不能" in second.splitlines()[0] or "0 元" in second.splitlines()[0]


def test_the_other_partys_award_is_not_offered_to_the_asker(engine) -> None:
    answer = engine.ask("丰台场景榜我们是发榜方，揭榜的是本区注册十年的老企业，合同200万，发榜方配套能拿吗")
    assert "揭榜企业配套支持" not in answer.text


def test_a_figure_in_another_sentence_of_the_clause_prices_nothing(engine) -> None:
    answer = engine.ask("哪几个区提到了贷款贴息？贴多少写了吗")
    assert "5000万" not in answer.text.splitlines()[0]


def test_a_how_question_gets_no_missing_amount_line(engine) -> None:
    answer = engine.ask("怀柔技改支持的金额按什么口径计算？")
    assert "无法给出金额" not in answer.text and "实际付款" in answer.text


def test_a_coined_term_is_defined_by_the_clause_that_coins_it(engine) -> None:
    answer = engine.ask("亦庄说的“四大主导产业”具体是哪几个？")
    assert answer.text.startswith("结论：“四大主导产业”指") and "生物技术和大健康" in answer.text.splitlines()[0]


def test_who_decides_is_quoted_with_who_organises(engine) -> None:
    answer = engine.ask("丰台智能制造措施，谁组织评审？补多少最后谁说了算？")
    assert "审定" in answer.text and "组织项目申报" in answer.text


def test_an_unknown_topic_is_named_by_its_rarer_words(engine) -> None:
    answer = engine.ask("丰台的企业出去参加行业博览会，摊位费能补多少？")
    first = answer.text.splitlines()[0]
    assert not answer.found and "摊位费" in first and "出去" not in first


def test_yearly_levels_of_an_increment_rule_are_differenced(engine) -> None:
    answer = engine.ask("丰台大中型重点企业，研发费用2023年6000万，2024年7500万，2025年7550万，增速都高于全区平均，"
                        "研发增量那条两年一共多少")
    assert [c.amount_yuan for c in answer.calculations] == [Decimal("150000")]  # 1500万×1% + (50万 ≤ 100万 → 0)


def test_financial_numerals_are_amounts(engine) -> None:
    answer = engine.ask("丰台，机器人首试首用奖励拿了贰佰万元，区级配套多少")
    assert [c.amount_yuan for c in answer.calculations] == [Decimal("600000")]


def test_a_total_of_the_most_adds_a_clauses_maximum(engine) -> None:
    answer = engine.ask("丰台，新获评国家级企业技术中心，另外首台套项目市级补贴给了200万，两项加起来最多多少")
    assert answer.calculations[0].amount_yuan == Decimal("1600000")  # 100万 + 200万×30%


def test_a_later_stage_not_caught_up_is_not_paid(engine) -> None:
    answer = engine.ask("丰台，去年首次纳入工业规上，今年产值增速没赶上行业平均，升规那条一共多少")
    assert [c.amount_yuan for c in answer.calculations] == [Decimal("100000")]


def test_every_code_range_of_the_district_counts(engine) -> None:
    first = engine.ask("门头沟注册，行业代码30，门头沟工业措施第五条能申请吗").text
    assert "可以申报第五条" in first and "制造业企业" in first


def test_a_business_licence_elsewhere_is_registration_elsewhere(engine) -> None:
    answer = engine.ask("营业执照办在怀柔，厂房在门头沟，能报门头沟工业措施吗")
    assert "不能申报" in answer.text.splitlines()[0] and "登记注册" in answer.text.splitlines()[0]


def test_a_listed_case_that_bars_support_zeroes_the_award(engine) -> None:
    barred = engine.ask("丰台软件企业，营收增量3000万，增速高于全区平均，今年被纳入了不良信用记录名单，增量奖励能拿多少")
    assert [c.amount_yuan for c in barred.calculations] == [Decimal("0")] and "第二十三条" in barred.text
    clean = engine.ask("丰台软件企业，营收增量3000万，增速高于全区平均，没有被纳入不良信用记录名单，增量奖励能拿多少")
    assert [c.amount_yuan for c in clean.calculations] == [Decimal("150000")]


def test_a_verb_shared_with_a_rule_does_not_bring_the_rule(engine) -> None:
    answer = engine.ask("丰台的人才计划叫什么？入选了给多少钱？")
    assert "首台" not in answer.text


def test_years_past_the_term_are_not_paid_but_the_rest_are(engine) -> None:
    answer = engine.ask("丰台调试组装项目，第一年按当年固定资产投资1000万、第二年按当年投资3000万、第三年按当年投资500万，"
                        "三年一共能拿多少")
    assert [c.amount_yuan for c in answer.calculations] == [Decimal("7000000")]  # 200万 + 500万（封顶）, 第三年不计
    assert "不在支持期内" in answer.text


def test_an_increment_said_in_a_follow_up_meets_the_threshold(engine) -> None:
    answer = engine.ask(["丰台大中型企业研发费用去年6000万，今年7000万，增速高于全区平均，能拿多少", "要是只比去年多投了50万呢"])
    assert [c.amount_yuan for c in answer.calculations] == [Decimal("0")]


def test_the_variant_the_asker_is_wins_over_a_counterparty_named(engine) -> None:
    answer = engine.ask(["丰台场景榜的发榜方能拿多少", "我们其实是揭榜的这一方，跟发榜方签了800万合同，揭榜方拿多少"])
    assert [c.amount_yuan for c in answer.calculations] == [Decimal("1000000")]  # 800万 × 15% = 120万 → 100万


def test_a_branch_has_no_legal_personality(engine) -> None:
    answer = engine.ask("我们是外省公司在亦庄的分公司，工商税务统计都在亦庄，能享受经开区生物医药8条政策吗")
    assert "不能享受" in answer.text.splitlines()[0]


def test_together_is_not_one_yuan(engine) -> None:
    answer = engine.ask("丰台软件企业，营收去年3亿今年3.6亿，增速高于全区平均，增量奖和别的加一块最多多少")
    assert "1 元" not in answer.text
    assert Decimal("300000") in [c.amount_yuan for c in answer.calculations]  # 6000万 × 0.5%


def test_tax_relations_left_elsewhere_fail_the_8_policies(engine) -> None:
    answer = engine.ask("工商注册在亦庄，但税务征管和统计关系都还在顺义，能享受经开区生物医药8条政策吗")
    assert "不能享受" in answer.text.splitlines()[0]


def test_both_sides_asked_are_both_answered_and_added(engine) -> None:
    answer = engine.ask("丰台揭榜挂帅，我们揭榜方跟发榜方签了400万合同，发榜方能拿多少、我们揭榜方能拿多少，两家加起来多少")
    assert answer.calculations[0].amount_yuan == Decimal("1800000")  # 120万 + 60万
