"""Answer classes of the eleventh session (from the unfixed classes of sets AQ–AR): a base the rule names as two
things (设备和软件投入) given as two figures is their sum, and a cost named as neither (租金, 装修) is left out even
when it follows them in the sentence; a later turn's figure for a later year (「那明年要是做到…」) is a level
beside the earlier turn's, so an increment is computed over it; two figures said in one turn are both kept;
support a district gives without money (支持…落地转化，建立专项引导基金) answers 「有啥支持」 with yes, not a
refusal. Phrasings are neighbours of the misses, not the sets' own."""

from decimal import Decimal

import pytest

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("question,amount", [
    ("刚评上市级智能工厂先进级，设备投了150万，软件50万，另外厂房租金一年60万，丰台能补多少", 400_000),
    ("国家级智能工厂卓越级，软件花了300万，设备800万，还有装修200万，丰台给多少", 2_200_000),
])
def test_a_base_of_two_parts_is_their_sum_and_other_costs_are_left_out(engine, question: str, amount: int) -> None:
    answer = engine.ask(question)
    assert answer.calculations and answer.calculations[0].amount_yuan == Decimal(amount)
    assert "不计入" in answer.text


@pytest.mark.parametrize("turns,amount", [
    (["我们软件公司今年营收6个亿，丰台给多少？", "那明年要是做到7个亿，增速超过全区平均，按营收增量那条能拿多少？"], 500_000),
    (["丰台软件企业，今年营收8个亿，头一回过5亿，能拿多少", "下一年要是做到8.6个亿，增速也高于全区平均，增量那条给多少"], 300_000),
])
def test_a_later_year_in_a_follow_up_is_an_increment_over_the_earlier_turn(engine, turns: list[str],
                                                                          amount: int) -> None:
    answer = engine.ask(turns)
    calc = next(c for c in answer.calculations if c.base_yuan is not None and "增量" in " ".join(c.steps))
    assert calc.amount_yuan == Decimal(amount)


def test_two_figures_of_one_turn_are_both_kept_for_the_next() -> None:
    from policyqa.understand.facts import read_facts
    from policyqa.understand.state import merge_facts

    merged = merge_facts(read_facts("丰台软件企业营收怎么奖"), read_facts("我们今年营收12个亿，头一回过10亿。"))
    assert sorted(f.value for f in merged.money) == [Decimal(1_000_000_000), Decimal(1_200_000_000)]


@pytest.mark.parametrize("question,locator", [
    ("门头沟对做心血管医疗器械的企业有什么支持？", "（二）"),
    ("门头沟对超高清视听企业有啥扶持", "（三）"),
])
def test_support_without_money_is_a_yes_not_a_refusal(engine, question: str, locator: str) -> None:
    answer = engine.ask(question)
    assert answer.found and answer.text.startswith("结论：有")
    assert "未写明具体金额" in answer.text.splitlines()[0]
    assert answer.citations[0].locator.startswith(locator)


@pytest.mark.parametrize("question,can,cannot", [
    ("门头沟的企业，行业大类代码44，电力供应，工业措施哪几条能报？", "可以申报第二条、第三条、第四条、第七条", "不能申请第一条、第五条、第六条、第八条"),
    ("门头沟注册的建筑公司，大类代码48，工业措施哪些条款能申请", "", "不能申请第一条、第二条、第三条、第四条、第五条、第六条、第七条、第八条"),
])
def test_which_articles_an_industry_code_can_apply_for(engine, question: str, can: str, cannot: str) -> None:
    answer = engine.ask(question)
    line = next(x for x in answer.text.splitlines() if "按各条的支持范围" in x)
    assert (can in line if can else "可以申报" not in line) and cannot in line and "第九条面向产业服务平台" in line
    assert any("支持范围为" in c.text for c in answer.citations)


def test_which_documents_mention_quoted_terms_lists_every_district_that_uses_them(engine) -> None:
    answer = engine.ask("“服务包”“服务管家”这些说法，四个区哪些文件有提到？")
    cited = {c.clause_id for c in answer.citations}
    assert {"fengtai-zhizao#第二十条", "mentougou-shishi#（二十）", "jingkai-sida#四、(八)"} <= cited
    assert "怀柔区的文件中未提及" in answer.text


def test_districts_compared_on_an_arrangement_keep_retrievals_clause(engine) -> None:
    answer = engine.ask("门头沟和亦庄在产业基金上分别是怎么安排的？")
    assert [c.clause_id for c in answer.citations][:2] == ["mentougou-shishi#（十四）", "jingkai-sida#四、(七)"]


@pytest.mark.parametrize("question,amount", [
    ("公司刚落户丰台，揭了区里一个智能医工场景的榜，和发榜方签了四百万合同，能拿多少", 600_000),
    ("我们在丰台发了一个机器人应用场景的榜，跟新入区的揭榜企业签了300万合同，配套多少", 900_000),
])
def test_a_side_said_as_verb_and_object_names_its_rule(engine, question: str, amount: int) -> None:
    answer = engine.ask(question)
    assert answer.calculations and answer.calculations[0].amount_yuan == Decimal(amount)


def test_an_expired_documents_note_cites_where_its_validity_is_written_when_no_amount_is_stated(engine) -> None:
    answer = engine.ask("经开区对生物医药企业做国际多中心临床研究，具体补多少钱？")
    note = next(x for x in answer.text.splitlines() if "有效期限三年" in x)
    markers = [int(m) for m in __import__("re").findall(r"\[(\d+)\]", note)]
    cited = {c.marker: c for c in answer.citations}
    assert markers and all(m in cited for m in markers)
    assert any("有效期" in cited[m].text for m in markers)


def test_a_word_of_the_users_own_plans_is_no_programme_placed_elsewhere(engine) -> None:
    answer = engine.ask("我们是做工业软件的，准备落户，怀柔和门头沟哪边对软件企业升规有支持？")
    assert not answer.text.startswith("更正") and "并非" not in answer.text.splitlines()[0]


def test_a_figure_claimed_with_you_zhe_hui_shi_ma_is_pinned_where_it_stands(engine) -> None:
    answer = engine.ask("怀柔对承接“三城”项目转化、获得生产批准的创新药每项给5000万，有这回事吗？")
    head = answer.text.splitlines()[0]
    assert head.startswith("更正") and "北京经济技术开发区" in head
    assert answer.citations[0].clause_id == "jingkai-sida#五、(三)2"


def test_which_principles_quotes_the_sentence_that_lists_them(engine) -> None:
    answer = engine.ask("门头沟实施意见里重大项目一事一议按哪些原则办？")
    assert "产业导向原则、依法行政原则、集体研究原则、特事特办原则" in answer.text


def test_a_colloquial_eligibility_ask_gets_the_membership_chain(engine) -> None:
    answer = engine.ask("我们在门头沟注册，运营北京市科委批准的科技企业孵化器，工业措施第九条够得着吗？")
    assert answer.text.startswith("结论：可以申报第九条") and "产业服务平台" in answer.text.splitlines()[0]


def test_a_district_level_title_fails_a_clause_for_national_and_city_ones(engine) -> None:
    answer = engine.ask("我们去年评上了丰台区级企业技术中心，丰台研发创新平台那条一次性支持能拿吗？")
    assert answer.text.startswith("结论：按您所述不符合") and "国家和市级" in answer.text.splitlines()[0]
    assert answer.citations[0].locator == "第九条"


def test_a_second_part_asking_a_rate_no_clause_states_is_said_unstated(engine) -> None:
    answer = engine.ask("门头沟、怀柔、亦庄哪里有贷款贴息？贴息比例是多少？")
    assert "结论：关于“贴息比例是多少”，所引条款均未写明具体比例或金额。" in answer.text


def test_a_package_asked_as_a_whole_cites_its_conditions_not_an_award_inside_it(engine) -> None:
    answer = engine.ask("我们是外地一家生物药企在亦庄设的分公司，能享受开发区生物医药8条政策吗？")
    assert answer.text.startswith("结论：按您所述不符合条件") and "分公司" in answer.text.splitlines()[0]
    assert not answer.calculations
    assert not any("最高" in line for line in answer.text.splitlines() if line.startswith("原文"))


def test_two_defined_terms_compared_get_no_district_money_comparison(engine) -> None:
    answer = engine.ask("智能制造示范工厂和国家智能制造标杆企业有什么不同？")
    assert "哪边给得多" not in answer.text and "有支持规定，未写明金额" not in answer.text
    assert "国家数据局" in answer.text


def test_a_cap_asked_for_an_unpriced_measure_is_said_unstated_not_an_unknown_topic(engine) -> None:
    answer = engine.ask("怀柔企业技改升级，按投资额几个点补？单个项目封顶多少？")
    head = answer.text.splitlines()[0]
    assert "封顶" not in head and "上限" in head and "比例" in head and answer.citations


def test_a_use_change_to_offices_breaks_the_keep_industrial_land_condition(engine) -> None:
    answer = engine.ask("打算把丰台的旧厂房改造成公寓出租，市里老旧厂房改造资金拿到了，区里配套能给吗？")
    assert answer.text.startswith("结论：按您所述不符合") and "改造成公寓" in answer.text.splitlines()[0]
    assert "不改变工业用地性质" in answer.text


def test_a_certificates_expiry_is_no_status_question_and_the_cited_first_clause_rules(engine) -> None:
    answer = engine.ask("高新证书过期了，今年重新认定下来，丰台首次认定高新那30万还能拿吗？")
    assert "有效期至2029年12月31日" not in answer.text and "第五条" not in answer.text
    assert answer.calculations and answer.calculations[0].amount_yuan == 0


def test_a_successor_policy_asked_is_said_unstated(engine) -> None:
    answer = engine.ask("亦庄那四个8条政策到期后有没有续上？新版是什么？")
    assert answer.text.startswith("结论：文件未说明到期后是否延续或另有新版政策")


def test_a_failed_level_shows_no_tier_of_the_clause_as_the_users(engine) -> None:
    answer = engine.ask("我们刚评上丰台区级重点实验室，丰台研发创新平台那条一次性支持能申请吗？")
    assert answer.text.startswith("结论：按您所述不符合") and "可以申请" not in answer.text and not answer.calculations


def test_a_body_named_with_its_city_prefix_names_no_level(engine) -> None:
    answer = engine.ask("国家级绿色工厂是北京市经信局认定的吧？")
    head = answer.text.splitlines()[0]
    assert head.startswith("更正：国家级由工业和信息化部") and "是的" not in answer.text


def test_a_clause_named_by_its_heading_is_not_answered_with_a_sections_list(engine) -> None:
    answer = engine.ask("门头沟实施意见里，重大项目一事一议按哪几条原则来？")
    assert "共7项" not in answer.text and "产业导向原则" in answer.text
