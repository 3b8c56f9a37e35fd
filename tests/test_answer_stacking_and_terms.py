"""Answer classes of the sixth session: alternatives of one article (one award per kind of recipient) versus awards
that add up (a tier reached and a rate on the increase), the years a user says passed or failed, a period against
a clause's time limit, figures given per year with 分别, the no-double-benefit article, a figure the user says a
document states, a follow-up correcting a figure, the granting clause over a definition, and one clause per
district when the question asks which districts."""

from decimal import Decimal

import pytest

pytestmark = pytest.mark.slow


def _first(text: str) -> str:
    return text.splitlines()[0]


def test_the_recipient_named_drops_the_other_recipients_award(engine) -> None:
    answer = engine.ask("丰台，我们去年刚认定为国家高新技术企业，具备高成长性，头一年和第二年增速都超过行业平均，合计能拿多少")
    assert [c.amount_yuan for c in answer.calculations] == [Decimal("200000")]
    assert "小巨人" not in answer.text.split("依据")[0]


def test_a_recipient_denied_is_not_named(engine) -> None:
    answer = engine.ask("丰台首次认定的专精特新中小企业，不是小巨人，当年达标能拿多少")
    assert "专精特新中小企业" in _first(answer.text) and "10万元" in _first(answer.text)


def test_a_year_said_to_fail_is_not_offered_again(engine) -> None:
    answer = engine.ask("丰台首次认定的国家高新技术企业，高成长，认定当年达标，次年达标，第三年没跑赢行业平均，总共能拿多少")
    assert [c.amount_yuan for c in answer.calculations] == [Decimal("200000")]
    assert "如后续第二年达标" not in answer.text and "后续第二年未达标，不计" in answer.text
    assert "假设：后续第一年达标" not in answer.text


def test_the_year_asked_past_the_term_beside_the_amount(engine) -> None:
    answer = engine.ask("丰台中试项目，第一年固投2000万，第二年1500万，最多给多少？第三年还可以继续申请吗")
    assert Decimal("7000000") in [c.amount_yuan for c in answer.calculations]  # 400万 + 300万
    assert any("结论：不能" in line and "两年" in line for line in answer.text.splitlines())


def test_a_span_over_a_limit_said_in_other_words(engine) -> None:
    first = _first(engine.ask("怀柔技改项目的设备款一共要五年才付清，所有付款都能计入吗").text)
    assert first.startswith("结论：原则上不算") and "三年" in first


def test_figures_given_for_each_year_with_fenbie(engine) -> None:
    answer = engine.ask("丰台中试项目，两年分别投了1500万和3000万，连续两年最多支持多少")
    assert [c.amount_yuan for c in answer.calculations] == [Decimal("8000000")]  # 300万 + 500万 (年度上限)


def test_a_tier_reached_and_the_increase_add_up(engine) -> None:
    answer = engine.ask("丰台软件和信息服务业企业，营收去年9亿，今年10.4亿，增速高于全区平均，能拿多少")
    amounts = sorted(c.amount_yuan for c in answer.calculations)
    assert amounts == [Decimal("700000"), Decimal("1000000")]  # 1.4亿 × 0.5%, and the 10亿 tier's 100万


def test_support_of_the_same_kind_already_received(engine) -> None:
    answer = engine.ask("丰台市级智能工厂（先进级），设备和软件投入200万，这个项目已经享受过丰台另一项政策的同类补贴，还能拿吗")
    assert [c.amount_yuan for c in answer.calculations] == [Decimal("0")]
    assert "不能重复享受" in answer.text and any(c.locator == "第二十四条" for c in answer.citations)


def test_a_figure_said_to_be_in_a_document_is_checked(engine) -> None:
    answer = engine.ask("怀柔扶持办法里首台套奖励30万，怎么申报")
    assert answer.text.startswith("更正") and "丰台" in _first(answer.text)


def test_a_corrected_figure_in_a_follow_up_keeps_the_award(engine) -> None:
    answer = engine.ask("其实今年是10.2亿，那能拿多少", ["丰台软件和信息服务业企业，营收去年9亿，今年10.4亿，增速高于全区平均，能拿多少"])
    amounts = sorted(c.amount_yuan for c in answer.calculations)
    assert amounts == [Decimal("600000"), Decimal("1000000")]  # 1.2亿 × 0.5%, and the 10亿 tier


def test_the_clause_granting_support_answers_over_a_definition(engine) -> None:
    answer = engine.ask("门头沟对获得国家企业技术中心称号的企业奖励多少")
    assert "未写明" in _first(answer.text)
    assert answer.citations and "配套奖励" in answer.citations[0].text


def test_which_districts_cites_one_clause_of_each_district_using_the_topic(engine) -> None:
    answer = engine.ask("贷款贴息在哪些区的政策里有")
    first = _first(answer.text)
    assert "北京经济技术开发区" in first and "怀柔区" in first and "门头沟区" in first
    assert all("贴息" in c.text for c in answer.citations[:3])  # (a validity clause may follow)


def test_a_condition_said_unmet_in_an_amount_question(engine) -> None:
    answer = engine.ask("丰台的链主企业，还没进丰台区发展伙伴名单，今年引进了4家营收超2000万的智能制造企业，能拿多少")
    assert [c.amount_yuan for c in answer.calculations] == [Decimal("0")]
    assert "发展伙伴" in answer.text.split("依据")[0]


def test_the_party_signed_with_is_not_the_asker(engine) -> None:
    answer = engine.ask("合同是320万，我们能拿多少", ["丰台应用场景揭榜挂帅，发榜企业怎么补？", "我们和一家揭榜企业签了合同"])
    assert [c.amount_yuan for c in answer.calculations] == [Decimal("960000")]  # 发榜企业 30%


def test_a_firm_in_another_covered_district_gets_nothing_from_this_one(engine) -> None:
    answer = engine.ask("我们企业在门头沟，拿了市级零碳工厂建设资金200万，丰台那条20%配套能给吗")
    assert [c.amount_yuan for c in answer.calculations] == [Decimal("0")]
    assert any(c.locator == "第二条" for c in answer.citations)


def test_a_firm_that_moved_into_the_district_is_not_elsewhere(engine) -> None:
    answer = engine.ask("公司原来在朝阳，去年迁到怀柔了，有北京市专精特新中小企业称号，怀柔专精特新支持能享受吗")
    assert "没有朝阳区的政策文件" not in answer.text and "新迁入" in answer.text


def test_a_total_over_the_term_of_a_yearly_rule(engine) -> None:
    answer = engine.ask("丰台系统集成项目固投8000万，按20%算1600万，这条总共最多能给多少")
    assert [c.amount_yuan for c in answer.calculations] == [Decimal("10000000")]  # 2 × 500万 < 1600万


def test_a_rate_no_document_states_is_corrected(engine) -> None:
    first = _first(engine.ask("听说怀柔对软件企业按营收8%奖励，我们营收5000万，能拿400万对吧").text)
    assert first.startswith("更正") and "8%" in first


def test_years_counted_after_recognition_are_one_on(engine) -> None:
    answer = engine.ask("前年首次认定专精特新中小企业，高成长，认定当年增速超过行业平均，认定后第一年也超过，第二年没超过，丰台总共能拿多少")
    assert [c.amount_yuan for c in answer.calculations] == [Decimal("200000")]


def test_a_firm_elsewhere_asking_a_named_districts_amount_is_told_no(engine) -> None:
    answer = engine.ask("我们公司注册和生产都在大兴，产值今年第一次过了1亿，丰台那条过亿奖30万我们能拿多少？")
    assert answer.text.startswith("结论：按您所述不能申请") and "第二条" in answer.citations[0].locator


def test_no_double_support_answers_an_eligibility_question_without_figures(engine) -> None:
    first = _first(engine.ask("我们的技改项目已经享受过怀柔其他同类政策的补贴，这个扶持办法还能再申请吗").text)
    assert first.startswith("结论：原则上不能") and "不重复支持" in first


def test_what_is_left_unsaid_is_named_as_asked(engine) -> None:
    first = _first(engine.ask("怀柔首次贷款贴息按几个点贴？贴多久？").text)
    assert "比例" in first and "期限" in first and "金额或比例" not in first


def test_a_place_name_inside_a_policy_term_is_no_place(engine) -> None:
    answer = engine.ask("我们的灯塔工厂设备和软件投了3000万，这个灯塔项目丰台能给多少")
    assert "灯塔市" not in answer.text
    assert [c.amount_yuan for c in answer.calculations] == [Decimal("5000000")]  # 600万 capped at 500万


def test_recognised_long_ago_is_not_newly_recognised(engine) -> None:
    answer = engine.ask("我们的国家级企业技术中心是2019年评上的，智能制造领域，在丰台，现在还能申请那个一次性奖励吗")
    assert [c.amount_yuan for c in answer.calculations] == [Decimal("0")] and "新获评" in answer.text


def test_a_two_character_word_is_no_programme_to_attribute(engine) -> None:
    answer = engine.ask("门头沟那份实施意见正式发布了吗？听说企业落户能奖500万")
    assert "并非门头沟区的政策" not in answer.text and "征求意见稿" in answer.text


def test_a_code_outside_every_range_fails_each_article_asked(engine) -> None:
    lines = engine.ask("行业代码72的服务企业在门头沟，第一条和第二条能申请吗").text.splitlines()
    assert any("不能申请第一条" in line for line in lines) and any("不能申请第二条" in line for line in lines)


def test_years_typed_with_spaces_are_read_one_by_one(engine) -> None:
    answer = engine.ask("前年首次认定国家高新技术企业 高成长 前年增速超行业平均 去年没超 今年超了 丰台这条三年一共多少")
    assert [c.amount_yuan for c in answer.calculations] == [Decimal("200000")]


def test_qianhou_asks_the_whole_term(engine) -> None:
    answer = engine.ask("丰台调试组装项目固投五千万，前后一共能补多少")
    assert [c.amount_yuan for c in answer.calculations] == [Decimal("10000000")]  # 2 × 500万 < 1000万


def test_which_bureau_decides_is_a_who_question(engine) -> None:
    answer = engine.ask("丰台这些补贴的最终金额是财政局定还是科信局定？")
    assert "财政局" in answer.text and "未写明具体" not in answer.text


def test_a_plan_to_move_finds_the_stay_commitment_wherever_it_ranks(engine) -> None:
    first = _first(engine.ask("我们在亦庄注册，做新能源汽车零部件，七八年后打算迁往天津，经开区汽车8条还能享受吗").text)
    assert "不能享受" in first and "迁离" in first


def test_huan_peitao_ma_asks_eligibility(engine) -> None:
    first = _first(engine.ask("丰台老厂房我们准备改成商业用途，拿到了市级老旧厂房改造资金，区里还配套吗").text)
    assert first.startswith("结论：按您所述不符合条件")


def test_an_average_said_above_the_user_is_growth_below_it(engine) -> None:
    answer = engine.ask("丰台的工业企业，产值从2亿涨到2.3亿，可全区平均增速比我们快，产值增量那条能拿多少")
    assert all(c.amount_yuan == 0 for c in answer.calculations) and answer.calculations
