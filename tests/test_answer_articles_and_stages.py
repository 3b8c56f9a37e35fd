"""Answer classes of the thirteenth session (from the first reads of sets BG and BH): an amount asked of a named
article about the asker's case goes through the calculator on that article; a staged award with year one failed
and the later years met is summed; 连着N年 is a span; a numbered list (「哪四张」) and a count (「几部分几条」) are
the conclusion; a district compared on one missing term but answering by two others stays in the comparison; a
district unpriced by one clause is priced by a later one; a rate claimed of a clause with no rate is corrected;
「给钱吗」 over clauses naming no money says so; a word said of a place (落户丰台) is no topic; a per-unit bar fails
a unit under it; two parts with one result are said once. Phrasings are neighbours of the misses, not the sets' own."""

import pytest

from policyqa.understand.stage_years import stage_years


@pytest.mark.parametrize("text,years", [
    ("认定当年没达标，接下来两年都达标了", {1: False, 2: True, 3: True}),
    ("第一年没跑赢行业平均，之后两年都跑赢了", {1: False, 2: True, 3: True}),
    ("当年和第二年都超过了，第三年没超过", {1: True, 2: True, 3: False}),
])
def test_the_years_after_the_first_are_the_later_stages(text: str, years: dict[int, bool]) -> None:
    assert stage_years(text) == years


@pytest.mark.slow
@pytest.mark.parametrize("question,amount", [
    ("丰台第十一条，我们是市级智能工厂先进级，设备软件投了150万，能补多少钱？", 300_000),
    ("丰台 第九条 我们新评上市级企业技术中心 给多少", 500_000),
])
def test_an_amount_asked_of_a_named_article_is_computed_on_it(engine, question: str, amount: int) -> None:
    answer = engine.ask(question)
    assert answer.calculations and answer.calculations[0].amount_yuan == amount
    assert answer.citations[0].clause_id.endswith(question.split("第")[1].split("条")[0] + "条")


@pytest.mark.slow
def test_a_bare_article_with_an_amount_word_still_gets_its_text(engine) -> None:
    answer = engine.ask("丰台 第十四条 给多少")
    assert "对入选北京市首台（套）重大技术装备目录的企业" in answer.text
    assert answer.citations[0].clause_id == "fengtai-zhizao#第十四条"


@pytest.mark.slow
def test_a_staged_award_pays_the_later_years_met(engine) -> None:
    answer = engine.ask("丰台首次认定的专精特新中小企业，认定当年营收增速低于行业平均，接下来两年都高于平均，"
                        "一共能拿多少？")
    assert answer.calculations and answer.calculations[0].amount_yuan == 200_000
    assert "不能获得" not in answer.text.splitlines()[0]


@pytest.mark.slow
def test_two_years_in_a_row_is_short_of_three(engine) -> None:
    answer = engine.ask("怀柔的制造企业，一连两年都在规模以上，连续保持规上的那项支持我们能申请吗？")
    head = "\n".join(line for line in answer.text.splitlines() if line.startswith("结论"))
    assert "不符合" in head and "不足3年" in head


@pytest.mark.slow
def test_a_numbered_list_is_the_conclusion(engine) -> None:
    answer = engine.ask("门头沟服务包提到的四张清单，分别是哪四张？")
    head = answer.text.splitlines()[0]
    assert head.startswith("结论：") and all(x in head for x in ("双平台", "报审建", "促成长", "促共赢"))


@pytest.mark.slow
def test_a_count_asked_is_the_conclusion(engine) -> None:
    answer = engine.ask("怀柔扶持办法分了几个部分？")
    assert answer.text.splitlines()[0].startswith("结论：") and "共六部分十五条" in answer.text.splitlines()[0]


@pytest.mark.slow
def test_a_district_answering_by_other_terms_stays_in_the_comparison(engine) -> None:
    answer = engine.ask("我们的模型过了中央网信办生成式人工智能备案，也拿了市里的行业模型首方案奖励，丰台、怀柔各有什么？")
    cited = {c.clause_id for c in answer.citations}
    assert "fengtai-zhizao#第十六条" in cited and any(c.startswith("huairou") for c in cited)
    assert "怀柔区的文件中未提及「首方案」" in answer.text


@pytest.mark.slow
def test_a_district_is_priced_by_its_later_clause(engine) -> None:
    answer = engine.ask("创新药进了临床，怀柔和经开区各给什么支持，有金额吗？")
    head = answer.text.splitlines()[0]
    assert "北京经济技术开发区最高2000万元" in head


@pytest.mark.slow
def test_a_rate_claimed_of_a_clause_without_one_is_corrected(engine) -> None:
    answer = engine.ask("怀柔对新材料首批次的支持，是不是也按市级奖励的百分之三十配套？")
    assert any(line.startswith("更正：") and "没有依据" in line for line in answer.text.splitlines())


@pytest.mark.slow
def test_money_asked_of_clauses_naming_none_is_said_unstated(engine) -> None:
    answer = engine.ask("门头沟对专精特新小巨人的培育，给不给钱？")
    assert "文件未写明给予资金或具体金额" in answer.text.splitlines()[0]


@pytest.mark.slow
def test_a_unit_under_the_bar_fails_a_per_unit_award(engine) -> None:
    answer = engine.ask("我们是丰台发展伙伴的链长单位，带了一家配套企业落户丰台，它一年营收1500万，能拿每家5万吗？")
    assert not any(line.startswith("更正") for line in answer.text.splitlines())
    assert answer.calculations and answer.calculations[0].amount_yuan == 0
    assert "2000万" in answer.text


@pytest.mark.slow
def test_one_result_asked_in_two_parts_is_said_once(engine) -> None:
    answer = engine.ask("丰台市级智能工厂先进级，设备软件投了900万，能补多少？我们有300多号人，这个应该不影响吧")
    assert answer.text.count("计算：") == 2 and "（2）" not in answer.text
    assert "「人数」列为条件" in answer.text


@pytest.mark.slow
def test_a_condition_only_one_districts_clause_grants_on_is_said(engine) -> None:
    answer = engine.ask("我们前两年在外地评上了国家级专精特新小巨人，准备整体迁入，丰台和怀柔哪个对迁入的小巨人有支持？")
    notes = [line for line in answer.text.splitlines() if line.startswith("说明：") and "迁入" in line]
    assert notes and "怀柔区所引条款" in notes[0] and "丰台区所引条款未写到" in notes[0]


@pytest.mark.slow
def test_the_nth_year_said_is_a_span(engine) -> None:
    answer = engine.ask("怀柔的制造企业，前年首次进规上，今年是第二年在规上，连续保持规上的支持能报吗？")
    assert any(line.startswith("结论") and "不足3年" in line for line in answer.text.splitlines())


@pytest.mark.slow
def test_cutting_registered_capital_by_a_figure_breaks_the_commitment(engine) -> None:
    answer = engine.ask("我们在亦庄，独立法人，做生物医药的，准备把注册资本从5000万降到3000万，8条政策还能享受吗？")
    assert answer.text.splitlines()[0].startswith("结论：按您所述不符合")


@pytest.mark.slow
def test_where_the_plant_stands_is_no_topic(engine) -> None:
    answer = engine.ask("我们的IVD产品拿到了国家药监局批准注册，厂房在怀柔，怀柔这块能奖多少？")
    assert "厂房" not in answer.text.splitlines()[0] and answer.citations


@pytest.mark.slow
def test_a_turn_of_figures_only_keeps_the_variant_asked_before(engine) -> None:
    answer = engine.ask(["丰台对评上灯塔工厂的怎么支持？", "设备和软件投了2000来万，能拿多少？", "要是只有1500万呢？"])
    assert answer.calculations and answer.calculations[0].amount_yuan == 3_000_000


@pytest.mark.slow
def test_a_glossary_entry_saying_what_a_title_is_answers_its_criteria(engine) -> None:
    answer = engine.ask("国家级单项冠军 谁认定 什么标准")
    assert "工信部" in answer.text.splitlines()[0] and answer.found


@pytest.mark.slow
def test_the_average_asked_is_said_to_be_unstated(engine) -> None:
    answer = engine.ask("丰台全区平均营收增速大概是几个点？我们软件公司营收增量3000万，增速9%，能拿营收增量那笔吗？")
    assert any(line.startswith("说明：文件未给出平均增速的具体数值") for line in answer.text.splitlines())


@pytest.mark.slow
def test_land_use_kept_meets_the_condition(engine) -> None:
    answer = engine.ask("丰台的老厂房，用地性质没变，改造成智能制造项目，市里批了老旧厂房改造资金1000万，区里能配多少？")
    assert answer.calculations and answer.calculations[0].amount_yuan == 2_000_000


@pytest.mark.slow
def test_a_span_of_n_years_and_more_is_past_n(engine) -> None:
    answer = engine.ask("怀柔技改的设备款，付款前后拖了三年多，还能按发票算进去吗？")
    assert any(line.startswith("结论：原则上不算") for line in answer.text.splitlines())


@pytest.mark.slow
def test_a_size_asked_of_a_clause_without_figures_is_unstated(engine) -> None:
    answer = engine.ask("门头沟那个区级产业引导母基金，总规模有多少？")
    assert answer.text.splitlines()[0].startswith("结论：所引条款未写明具体规模或数额")


@pytest.mark.slow
def test_a_joining_word_is_no_topic(engine) -> None:
    answer = engine.ask("经开区的药企做国际多中心临床，顺便拿美国FDA认证，具体补多少？")
    assert "顺便" not in answer.text and answer.citations


@pytest.mark.slow
def test_spending_said_with_a_verb_is_the_same_expense_year_on_year(engine) -> None:
    answer = engine.ask("丰台的大中型重点企业，去年研发费用2个亿，今年投了2.5个亿，增速超过全区平均，研发增量那条能拿多少？")
    assert answer.calculations and answer.calculations[0].amount_yuan == 500_000


@pytest.mark.slow
def test_both_awards_added_up_keep_the_earlier_turns_award(engine) -> None:
    answer = engine.ask(["丰台对首次进规上的工业企业怎么奖励？", "次年我们工业产值增速也超过了行业平均，这两项加一起最多多少？"])
    assert answer.calculations and answer.calculations[0].amount_yuan == 200_000


def _library_with(corpus, aliases: dict[str, str]):
    """A library over the corpus with more district names, as the ingest path adds them (no retriever needed)."""
    from dataclasses import replace
    from datetime import date

    from policyqa.answer.library import Library

    grown = replace(corpus, district_aliases={**corpus.district_aliases, **aliases})
    return Library(corpus=grown, retriever=None, rules=(), df={}, vocab_by_district={}, texts=(),  # type: ignore[arg-type]
                   policy_terms=frozenset(), today=date(2026, 1, 1))


def test_the_place_words_of_the_asker_come_from_the_corpus_districts(corpus) -> None:
    from policyqa.answer.scope import own_plan
    from policyqa.answer.unheard import _asking_segments

    before, after = _library_with(corpus, {}), _library_with(corpus, {"房山区": "房山区", "房山": "房山区"})
    assert not own_plan(before, "落户", "拉了一家配套厂落户房山") and own_plan(after, "落户", "拉了一家配套厂落户房山")
    assert own_plan(before, "落户", "配套厂落户经济开发区")  # every alias of a district, not a list of five
    text = "工厂在房山良乡，扩产补贴比例多少？"
    assert "良乡" in _asking_segments(before, text) and "良乡" not in _asking_segments(after, text)


# Classes of the fourteenth session (from the first reads of BQ and BR): a topic switch after a word of talk, a count
# asked beside another part, what the asker can get (「能拿到什么」 is no yes/no question), a follow-up moving the
# asker to an uncovered district, an award named only to deny its condition. Neighbours, not the sets' own questions.
def test_a_topic_switch_may_follow_a_word_of_talk() -> None:
    from policyqa.understand.state import NEW_TOPIC

    assert NEW_TOPIC.search("哦对，换个话题，怀柔那个办法有几条")
    assert NEW_TOPIC.search("嗯，换个问题")
    assert not NEW_TOPIC.search("那如果营收换个口径算呢")


@pytest.mark.slow
def test_a_count_asked_beside_another_part_cites_the_sentence_that_counts(engine) -> None:
    answer = engine.ask("怀柔扶持办法出台的背景是什么？里面共有多少条？")
    assert "十五条" in answer.text.split("依据")[0]
    assert any(c.clause_id.endswith("三、") for c in answer.citations)


@pytest.mark.slow
def test_what_the_asker_can_get_is_the_award_not_a_list_of_conditions(engine) -> None:
    answer = engine.ask("新评上国家级重点实验室，丰台这边能得到什么？")
    assert answer.calculations and answer.calculations[0].amount_yuan == 1_000_000
    assert answer.citations[0].clause_id == "fengtai-zhizao#第九条"


@pytest.mark.slow
def test_a_follow_up_moving_the_asker_to_an_uncovered_district_says_the_rule_does_not_travel(engine) -> None:
    answer = engine.ask(["丰台对绿色工厂有配套吗？", "我们公司其实在顺义，也按这个给吗？"])
    assert not answer.found and "没有顺义区的政策文件" in answer.text
    assert "本措施适用于在丰台区" in answer.text and "不能套用到顺义区" in answer.text
    plain = engine.ask(["丰台对绿色工厂有配套吗？", "顺义呢？"])
    assert "不能套用" not in plain.text  # (a place asked about, not the asker's)


@pytest.mark.slow
def test_an_award_named_only_to_deny_its_condition_is_answered_with_the_failed_condition(engine) -> None:
    answer = engine.ask("我们并非链主单位，帮丰台引进了3家营收5000万的企业，每家能拿5万吗？")
    assert answer.calculations and answer.calculations[0].amount_yuan == 0
    assert answer.citations[0].clause_id == "fengtai-zhizao#第十七条"


@pytest.mark.slow
def test_a_field_listed_in_a_clause_for_other_awards_does_not_bring_their_cap(engine) -> None:
    answer = engine.ask("经开区对集成电路企业有啥支持？")
    assert "1亿" not in answer.text.splitlines()[0]
    assert any(c.clause_id == "jingkai-sida#五、(一)2" for c in answer.citations)


@pytest.mark.slow
def test_where_a_thing_is_placed_and_who_is_in_charge_come_from_the_clause_that_names_it(engine) -> None:
    answer = engine.ask("经开区的实施意见里提到不动产投资信托基金了吗？归在哪个工程，责任单位是哪个？")
    head = answer.text.split("依据")[0]
    assert "产业金融赋能工程" in head and "商务金融局" in head


@pytest.mark.slow
@pytest.mark.parametrize("question,locator", [
    ("听说门头沟给新认定的专精特新中小企业一次性30万，对吗？", "fengtai-zhizao#第十条"),  # (not 一次性's 第九条)
    ("听说怀柔对产值首次过10亿的工业企业奖100万？我们今年产值12个亿，能拿吗？", "fengtai-zhizao#第六条"),
])
def test_a_figure_heard_of_one_district_is_placed_on_the_clause_of_its_subject(engine, question: str,
                                                                                locator: str) -> None:
    answer = engine.ask(question)
    assert answer.text.startswith("更正") and answer.citations[0].clause_id == locator


@pytest.mark.slow
def test_a_level_no_rule_covers_is_said_unstated_without_the_other_levels_cap(engine) -> None:
    answer = engine.ask("国家级的首台套，丰台配套多少")
    first = answer.text.splitlines()[0]
    assert "文件未规定国家级" in first and "万元" not in first and not answer.calculations


@pytest.mark.slow
def test_a_measure_named_in_a_short_sentence_is_quoted_with_what_it_is_given(engine) -> None:
    answer = engine.ask("怀柔对升规纳统的企业怎么支持")
    assert "连续三年保持在规模以上" in answer.text


@pytest.mark.slow
def test_bars_compared_across_districts_are_quoted_not_priced(engine) -> None:
    answer = engine.ask("失信企业在丰台和门头沟申请有什么限制")
    first = answer.text.splitlines()[0]
    assert "不良信用" in first and "失信" in first and "未写明金额" not in first


# From the first reads of BS and BT (at c2c9858): 「一个半亿」, 「今年整体搬过来」, a heard figure with the user's own
# figures after it, 「听说是100万」, a condition denied outright (「没拿过任何认定」), 「也按…配套吗」 in another district.
def test_a_whole_and_a_half_of_a_unit_is_one_figure() -> None:
    from policyqa.numbers import find_amounts

    assert [v for v, _, _ in find_amounts("今年营收两个半亿")] == [250_000_000]
    assert [v for v, _, _ in find_amounts("大概半个亿的样子")] == [50_000_000]
    assert find_amounts("等了一个半月") == []


@pytest.mark.slow
def test_moving_over_from_an_uncovered_district_is_no_question_about_it(engine) -> None:
    answer = engine.ask("我们前年在朝阳评上了市级专精特新，今年整体搬过来了，丰台能支持吗")
    assert answer.found and "没有朝阳区的政策文件" not in answer.text


@pytest.mark.slow
@pytest.mark.parametrize("question,locator", [
    ("听说怀柔对营收首次过10亿的软件企业奖100万，我们公司在怀柔，今年营收11个亿，怎么申报？", "fengtai-zhizao#第六条"),
    ("怀柔对新认定的国家级小巨人奖多少？听说是100万", "fengtai-zhizao#第十条"),
])
def test_a_heard_figure_is_checked_whatever_the_user_adds_after_it(engine, question: str, locator: str) -> None:
    answer = engine.ask(question)
    assert answer.text.startswith("更正：怀柔区的文件中没有100万元") and answer.citations[0].clause_id == locator


@pytest.mark.slow
def test_a_condition_denied_outright_fails_on_one_shared_word(engine) -> None:
    answer = engine.ask("我们是丰台的特色园区，从来没拿过任何认定，今年培育了3家营收3000万的企业，能拿吗")
    assert answer.calculations and answer.calculations[0].amount_yuan == 0
    assert "区级及以上认定" in answer.text


@pytest.mark.slow
def test_the_same_terms_asked_of_another_district_keep_the_earlier_topic(engine) -> None:
    answer = engine.ask(["丰台对拿到市级绿色工厂建设资金的企业怎么配套？", "那我们厂在怀柔，也按市级资金的两成配套吗？"])
    assert "并非怀柔区的政策" in answer.text and answer.citations[0].clause_id == "fengtai-zhizao#第十一条"


@pytest.mark.slow
@pytest.mark.parametrize("question", ["经开区对企业申请欧盟cGMP认证有政策支持吗", "门头沟工业那个措施里有没有贷款贴息？"])
def test_support_asked_yes_or_no_gets_a_conclusion(engine, question: str) -> None:
    assert engine.ask(question).text.startswith("结论：有")


@pytest.mark.slow
def test_who_leads_and_how_long_it_runs_are_both_concluded(engine) -> None:
    head = engine.ask("经开区那四个8条政策是哪个局牵头？能管几年？").text.split("依据")[0]
    assert "营商合作局" in head and "有效期限三年" in head


@pytest.mark.slow
def test_this_years_part_of_a_staged_award_is_asked_with_first(engine) -> None:
    answer = engine.ask("丰台首次认定的国家级专精特新小巨人，今年营收增速超过行业平均，今年先能拿多少？")
    assert answer.calculations and answer.calculations[0].amount_yuan == 170_000


@pytest.mark.slow
@pytest.mark.parametrize("question,amount", [
    ("我们孵化器只有街道的认定，没有区级的，培育了2家营收3000万的智能制造企业，丰台能拿多少", 0),
    ("我们孵化器没有区级认定，但有市级的，培育了2家营收3000万的智能制造企业，丰台能拿多少", 100_000),
])
def test_a_level_denied_fails_only_when_no_level_above_it_is_said(engine, question: str, amount: int) -> None:
    answer = engine.ask(question)
    assert answer.calculations and answer.calculations[0].amount_yuan == amount


@pytest.mark.slow
def test_a_bar_the_asker_falls_under_is_answered_as_eligibility_not_status(engine) -> None:
    answer = engine.ask("我们的产品属于禁止和限制目录里的限制类，丰台这个措施还能申请吗")
    assert answer.text.startswith("结论：按您所述属于不予支持的情形")
    assert answer.citations[0].clause_id == "fengtai-zhizao#第二十三条"


# From the first reads of BU and BV (at 353c862): 「两成」, 「怎么奖」「配不配套」, an either/or basis asked.
def test_tenths_said_in_words_are_a_rate() -> None:
    from policyqa.understand.vocab import rejoin

    assert rejoin("区里是按三成配套吧") == "区里是按30%配套吧"
    assert rejoin("这个项目八成是丰台的") == "这个项目八成是丰台的"  # (「八成是」: most likely, no rate)


@pytest.mark.slow
def test_a_rate_claimed_in_tenths_is_corrected_and_the_users_figure_computed(engine) -> None:
    answer = engine.ask("我们承担了北京市智能制造领域重点课题，市里支持了八百万，丰台是按两成配套吧？")
    assert answer.calculations and answer.calculations[0].amount_yuan == 800_000
    assert answer.text.startswith("更正")


@pytest.mark.slow
@pytest.mark.parametrize("question,amount", [
    ("首次纳入规上的工业企业，丰台和怀柔分别怎么奖？", 100_000),
    ("拿了市里的集成电路首轮流片奖励600万，丰台配不配套？", 1_800_000),
])
def test_how_it_is_rewarded_or_whether_it_is_matched_is_the_award(engine, question: str, amount: int) -> None:
    answer = engine.ask(question)
    assert answer.calculations and answer.calculations[0].amount_yuan == amount


@pytest.mark.slow
def test_which_basis_asked_either_or_is_no_amount(engine) -> None:
    answer = engine.ask("怀柔技改那块，固定资产投资是按合同额算还是按发票实际付款算？")
    assert "未写明具体金额" not in answer.text.splitlines()[0] and "实际付款" in answer.text


@pytest.mark.slow
def test_a_kind_asked_without_we_are_is_checked_against_the_list_by_its_fuller_item(engine) -> None:
    answer = engine.ask("门头沟说的“产业服务平台”包括哪些？孵化器算不算？")
    assert "结论：算。产业服务平台的定义列有“科技企业孵化器”" in answer.text


# From the last reads of BW and BX (at 6280cd8).
@pytest.mark.slow
@pytest.mark.parametrize("question,amount", [
    ("首次认定为国家级专精特新小巨人，当年增速超过行业平均，今年这笔丰台最多多少？", 170_000),
    ("我们是丰台发展伙伴里的链长单位，拉来3家企业落地，营收都在1900万左右，能拿多少", 0),
])
def test_this_years_sum_and_a_bar_said_of_every_unit(engine, question: str, amount: int) -> None:
    answer = engine.ask(question)
    assert answer.calculations and answer.calculations[0].amount_yuan == amount


@pytest.mark.slow
def test_from_one_level_to_another_the_first_is_the_earlier_year(engine) -> None:
    answer = engine.ask("丰台的工业企业，产值从11个亿涨到13个亿，增速高于全区平均，能拿多少？")
    assert answer.calculations and all(c.amount_yuan != 1_000_000 for c in answer.calculations)  # (no 10亿 first)


@pytest.mark.slow
@pytest.mark.parametrize("last,amount", [("合同改成900万呢？", 2_000_000), ("那揭榜的那家按这600万能拿多少？", 900_000)])
def test_the_other_party_named_earlier_stands_until_a_side_is_named(engine, last: str, amount: int) -> None:
    answer = engine.ask(["丰台揭榜挂帅，发榜方怎么补？", "我们跟一家新入区的揭榜企业签了600万合同", last])
    assert answer.calculations and answer.calculations[0].amount_yuan == amount


@pytest.mark.slow
def test_a_correction_placing_a_figure_in_an_expired_document_cites_where_its_term_is_written(engine) -> None:
    answer = engine.ask("听说门头沟对L4自动驾驶完成首批成果转化能给3000万，是真的吗？")
    assert answer.text.startswith("更正") and "见该文件" not in answer.text
    assert "jingkai-sida#文件头" in [c.clause_id for c in answer.citations]
