"""The default (offline, extractive) answer path on real retrieval."""

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from policyqa.answer import unsupported_amounts
from policyqa.errors import InputError

pytestmark = pytest.mark.slow
DEV = Path(__file__).resolve().parent.parent / "evals" / "dev.jsonl"


def test_calculation_answer_cites_its_clause(engine) -> None:
    answer = engine.ask("我们公司获得市级首台套项目补帖五百万，丰台区最多给多少配套？")
    assert answer.found
    assert answer.calculations[0].amount_yuan == Decimal("1500000")
    assert answer.citations[0].locator == "第十四条"
    assert answer.amounts_yuan[0] == Decimal("1500000")
    assert "征求意见稿" in answer.text  # 丰台 measures are a consultation draft


def test_uncovered_district_is_refused(engine) -> None:
    answer = engine.ask("朝阳区对智能制造企业有没有类似产值首次过亿的奖励？")
    assert not answer.found and not answer.amounts_yuan and not answer.citations
    assert "朝阳区" in answer.text


def test_amount_not_stated_is_refused(engine) -> None:
    answer = engine.ask("门头沟对市级认定数字化达标的企业，具体给多少钱？")
    assert not answer.found and not answer.amounts_yuan
    assert answer.related, "nearest clauses are offered"


def test_wrong_district_is_corrected(engine) -> None:
    answer = engine.ask("听说门头沟有个“丰泽计划”，入选的人才能拿钱，这是门头沟哪个文件里的？")
    assert answer.found
    assert answer.citations[0].clause_id == "fengtai-zhizao#第二十条"
    assert "丰台" in answer.text and "更正" in answer.text


def test_follow_up_uses_history(engine) -> None:
    answer = engine.ask(["丰台区对灯塔工厂有什么支持？", "那国家级智能工厂呢？"])
    assert answer.citations[0].clause_id == "fengtai-zhizao#第十一条"
    assert answer.amounts_yuan[0] == Decimal("3000000")


def test_cross_district_question_cites_each_district(engine) -> None:
    answer = engine.ask("评上世界灯塔工厂的话，丰台和亦庄经开区分别有啥政策？")
    ids = [c.clause_id for c in answer.citations]
    assert "fengtai-zhizao#第十一条" in ids and "jingkai-sida#五、(四)7" in ids


@pytest.mark.parametrize("question", ["", "   ", "😀😀😀", "x" * 20000, "How much subsidy in Fengtai?"])
def test_bad_questions_raise_input_error(engine, question: str) -> None:
    with pytest.raises(InputError):
        engine.ask(question)


def test_no_dev_answer_states_an_unsupported_amount(engine) -> None:
    for line in DEV.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        answer = engine.ask(item["question"])
        assert unsupported_amounts(answer) == [], item["id"]
        if item["type"] == "out_of_scope":
            assert not answer.found, item["id"]


def test_eligibility_figure_below_threshold_gets_zero_with_reason(engine) -> None:
    answer = engine.ask("做建筑的企业转型成软件和信息服务业企业了，年营收1800万，能申请丰台支持企业转型发展那条吗？")
    calc = answer.calculations[0]
    assert calc.clause_id == "fengtai-zhizao#第七条" and calc.amount_yuan == 0
    assert "不满足" in answer.text and unsupported_amounts(answer) == []


def test_industry_code_verdict_follows_the_cited_definitions(engine) -> None:
    answer = engine.ask("我们是电力供应企业，行业大类代码44，能申请门头沟措施的第一条吗？")
    assert "不属于制造业企业" in answer.text and "属于工业企业" in answer.text


def test_staged_award_answers_the_stage_asked(engine) -> None:
    answer = engine.ask("软件企业去年首次进规上拿了钱，今年营收增速超过行业平均，丰台还能再给多少？")
    assert answer.calculations[0].amount_yuan == Decimal("50000")


def test_follow_up_that_asks_for_more_continues_the_same_award(engine) -> None:
    answer = engine.ask(["丰台对首次进规上的工业企业给多少？", "那第二年工业产值增速超过行业平均，还能再拿多少？"])
    assert answer.calculations[0].clause_id == "fengtai-zhizao#第五条"
    assert answer.calculations[0].amount_yuan == Decimal("100000")


def test_a_condition_said_to_be_enough_is_corrected_with_the_others(engine) -> None:
    """「只要…就行吧」「…无所谓吧」: the clause's other conditions are named and the premise rejected."""
    answer = engine.ask("丰台软件企业营收增量那条，只要营收增量到了1000万就能拿吧？跟全区平均增速没关系吧？")
    first = answer.text.splitlines()[0]
    assert first.startswith("结论：不对") and "平均" in first, answer.text
    assert answer.citations[0].clause_id == "fengtai-zhizao#第六条"


def test_a_provision_without_a_figure_is_an_answer_not_a_refusal(engine) -> None:
    """「有没有…？给多少？」: the provision answers the first question; the second is 未写明."""
    answer = engine.ask("经开区对建设智能工厂有没有支持政策？具体给多少？")
    assert answer.found, answer.text
    assert "未写明具体金额" in answer.text.splitlines()[0] or answer.calculations, answer.text


def test_a_refusal_in_a_district_with_an_expired_document_says_so(engine) -> None:
    answer = engine.ask("经开区对企业技术改造项目的配套比例具体是多少？")
    assert not answer.found
    assert "到期" in answer.text, answer.text


def test_a_figure_claimed_for_the_wrong_district_is_placed_where_it_stands(engine) -> None:
    answer = engine.ask("门头沟对软件企业营业收入首次达到20亿元的，奖励200万对吗？")
    first = answer.text.splitlines()[0]
    assert first.startswith("更正") and "丰台区" in first, answer.text
    assert answer.citations[0].clause_id == "fengtai-zhizao#第六条"


def test_a_span_over_the_clauses_limit_is_answered_no(engine) -> None:
    answer = engine.ask("怀柔技改项目，设备款分期付了五年才付完，这部分还能算进固定资产投资吗？")
    assert answer.text.startswith("结论：原则上不算") and "超过3年" in answer.text, answer.text


def test_how_a_defined_term_is_supported_cites_the_grant_first(engine) -> None:
    answer = engine.ask("门头沟对产业服务平台有什么奖励？")
    assert answer.citations[0].clause_id == "mentougou-gongye-faq#三、>五是", answer.text


def test_each_district_is_given_the_amount_computed_from_the_users_figure(engine) -> None:
    answer = engine.ask("首台套这块丰台和门头沟都有支持吗？要是市里给了300万，两边各能配多少？")
    first = answer.text.splitlines()[0]
    assert "丰台区按您所述可得90万元" in first and "门头沟区" in first, answer.text
    assert [c.rule_id for c in answer.calculations] == ["fengtai-14-first-set-subsidy"]


def test_a_topic_only_another_district_has_is_not_found_with_a_pointer(engine) -> None:
    """A plain question about a district that lacks the topic: not found there, and where it stands."""
    answer = engine.ask("丰台区企业落户有奖励吗？")
    assert not answer.found and not answer.calculations
    assert "北京经济技术开发区" in answer.text and answer.related, answer.text


def test_status_names_one_document_by_its_own_words_and_gives_its_horizon(engine) -> None:
    answer = engine.ask("门头沟那个现代产业体系的实施意见现在生效了吗？有效期多长？")
    first = answer.text.splitlines()[0]
    assert "现代产业体系" in first and "促进工业高质量发展" not in first, answer.text
    assert "征求意见稿" in first and "2025年" in first, answer.text
    assert any("总体目标" in c.locator for c in answer.citations)


@pytest.mark.parametrize(
    ("question", "start"),
    [
        ("我们是门头沟的创业孵化示范基地，那套促进工业高质量发展的措施能报哪条？", "结论：可以申报第九条"),
        ("我们是门头沟的科技企业孵化器，能报工业高质量发展措施的第一条吗？", "结论：按您所述不属于第一条"),
    ],
)
def test_eligibility_through_a_definition_and_a_scope_sentence(engine, question: str, start: str) -> None:
    answer = engine.ask(question)
    assert answer.text.startswith(start), answer.text
    cited = {c.clause_id for c in answer.citations}
    assert {"mentougou-gongye-faq#五、>产业服务平台", "mentougou-gongye-faq#二、"} <= cited


@pytest.mark.parametrize(
    ("question", "start", "names"),
    [
        ("我们在丰台，获得了市级智能工厂，能拿补贴吗？", "结论：按您所述符合条款所列条件，可以申请", "获得市级智能工厂"),
        ("我们企业在门头沟注册，有独立法人资格，能申报工业高质量发展措施吗？", "结论：能否申请还取决于您未说明的条件",
         "没有严重失信记录"),
    ],
)
def test_a_yes_no_question_gets_a_verdict_from_the_conditions_said(engine, question, start, names) -> None:
    first = engine.ask(question).text.splitlines()[0]
    assert first.startswith(start) and names in first, first


@pytest.mark.parametrize(
    ("question", "start"),
    [
        ("我们在怀柔，软件企业进规上刚连续两年，连续保持规上那条能申请吗？", "结论：按您所述暂不符合条件"),
        ("我们注册在怀柔，工厂在门头沟，能申报门头沟促进工业高质量发展措施吗？", "结论：按您所述不符合条件，不能申报"),
    ],
)
def test_a_number_of_years_or_a_place_that_falls_short(engine, question: str, start: str) -> None:
    assert engine.ask(question).text.startswith(start)


def test_a_wrong_district_premise_is_corrected_and_the_users_figure_computed_there(engine) -> None:
    answer = engine.ask("听说怀柔对机器人首试首用有区级配套，我们拿了北京市首试首用奖励300万，能配多少？")
    assert answer.text.startswith("更正") and "丰台区" in answer.text.splitlines()[0], answer.text
    assert [(c.rule_id, c.amount_yuan) for c in answer.calculations] == [("fengtai-13-robot-first-use", Decimal(900_000))]


def test_a_short_form_and_next_years_named_as_明年_后年(engine) -> None:
    answer = engine.ask("丰台这边我们今年首次认定国高新，当年达标了，明年够呛，后年能达标，三年一共能拿多少？")
    assert [(c.rule_id, c.amount_yuan) for c in answer.calculations] == [("fengtai-10-hightech-srdi", Decimal(200_000))]


def test_an_across_districts_question_names_the_district_that_lacks_it(engine) -> None:
    answer = engine.ask("哪些区的政策里有贷款贴息？丰台智能制造措施里有吗？")
    assert answer.text.startswith("结论：丰台区的文件中未提及"), answer.text
    assert {"mentougou", "huairou"} <= {c.doc_id.split("-")[0] for c in answer.citations}, answer.text


def test_status_says_what_happens_to_projects_begun_before_expiry(engine) -> None:
    answer = engine.ask("丰台智能制造这个措施2029年到期以后，之前已经立项的项目还管吗？")
    assert "期间已立项项目至约定任务期止" in answer.text, answer.text


def test_a_count_of_the_rules_own_units_brings_in_its_rule(engine) -> None:
    answer = engine.ask("我们是丰台的特色园区运营方，今年培育了6家智能制造企业，营收都过了2000万，能给多少？")
    assert [(c.rule_id, c.amount_yuan) for c in answer.calculations] == [("fengtai-18-incubator", Decimal(300_000))]


@pytest.mark.parametrize(
    "question",
    [
        "丰台有个老厂房我们想改成商场，用地性质要变更为商业，老旧厂房改造的区级配套还能拿吗？",
        "我们的孵化器还没有获得任何级别的认定，今年在丰台培育了4家营收过2000万的智能制造企业，能给多少？",
    ],
)
def test_a_condition_the_user_says_they_do_not_meet_is_a_no(engine, question: str) -> None:
    answer = engine.ask(question)
    first = answer.text.splitlines()[0]
    assert "不能" in first or "不满足" in first, answer.text
    assert all(c.amount_yuan == 0 for c in answer.calculations), answer.text


def test_a_user_located_in_an_uncovered_district_asking_a_covered_ones_measure_is_told_no(engine) -> None:
    answer = engine.ask(["门头沟对首台套有什么支持？", "我们公司注册地和厂房其实都在昌平，这个能申请吗？"])
    assert answer.found and answer.text.startswith("结论：按您所述不能申请"), answer.text
    assert answer.citations[0].clause_id == "mentougou-gongye-faq#二、"
    alone = engine.ask("我们在海淀，能申请补贴吗？")
    assert not alone.found and "海淀" in alone.text


def test_naming_a_condition_is_not_saying_it_is_met(engine) -> None:
    first = engine.ask("我们在丰台，首台套补贴能拿吗？").text.splitlines()[0]
    assert first.startswith("结论：能否申请还取决于"), first


def test_a_comparison_says_which_gives_more_or_that_it_cannot_be_said(engine) -> None:
    answer = engine.ask("我们的新材料产品进了市里的重点新材料首批次应用示范，也拿到了市级奖励，丰台和怀柔哪边给得多？")
    assert "无法判断哪边给得多" in answer.text and "怀柔区未写明金额" in answer.text
    same = engine.ask("现在哪几个区的政策对首台（套）有支持？给的标准一样吗？")
    assert "标准不一样" in same.text and "200万元" in same.text  # both awards of 第十四条 are shown


def test_two_cited_lists_are_compared_member_by_member(engine) -> None:
    answer = engine.ask(["门头沟工业措施对申报国家智能制造标杆企业有啥支持？",
                         "这个标杆企业是哪几个部门认定的？跟智能制造示范工厂的认定部门一样吗？"])
    line = next(t for t in answer.text.splitlines() if re.sub(r"^（\d）", "", t).startswith("比较："))
    assert "不完全一样" in line and "国家数据局" in line


def test_the_expiry_binds_only_the_part_it_covers_and_cites_its_source(engine) -> None:
    plan = engine.ask("经开区主导产业倍增工程里说的企业成长梯队是哪几类企业？")
    assert "到期" not in plan.text  # 四、 is not part of the 8条政策
    eight = engine.ask("经开区生物医药企业完成首批成果转化能拿多少")
    note = next(t for t in eight.text.splitlines() if "到期" in t and t.startswith("注意"))
    cited = {c.locator for c in eight.citations}
    assert "文件头" in cited and any("8条政策" in c for c in cited) and note.endswith("]")


@pytest.mark.parametrize(
    ("question", "clause_id"),
    [
        ("经开区 生物医药8条 第3条 说的啥", "jingkai-sida#五、(三)3"),
        ("经开区汽车8条第5条说的啥", "jingkai-sida#五、(二)5"),
        ("门头沟 征求意见稿 第十五条 是啥内容", "mentougou-shishi#（十五）"),
    ],
)
def test_item_numbers_written_the_documents_own_way(engine, question: str, clause_id: str) -> None:
    assert [c.clause_id for c in engine.ask(question).citations][:1] == [clause_id]


def test_a_word_about_the_user_is_not_the_topic(engine) -> None:
    answer = engine.ask("我们今年新落户丰台，揭了区里一家企业发的榜，合同六百五十万，在丰台落地新产品。我们揭榜方这边能拿多少？")
    assert "更正" not in answer.text and answer.calculations[0].amount_yuan == Decimal("975000")


def test_a_topic_no_document_uses_is_not_mentioned(engine) -> None:
    answer = engine.ask("门头沟对企业参加展会的展位费有补贴吗？补多少？")
    assert not answer.found and "展位" in answer.text and "相关原文仅为" not in answer.text


def test_outside_every_code_range_is_a_no(engine) -> None:
    answer = engine.ask("我们是注册在门头沟的软件开发公司，行业大类代码65，门头沟促进工业高质量发展那几条能申请吗？")
    assert answer.text.startswith("结论：按您所述不能申请") and "还取决于" not in answer.text


def test_a_repeat_is_not_a_first(engine) -> None:
    answer = engine.ask("三年前我们在怀柔工行贷过一次款，今年又在怀柔贷了一笔，能按怀柔扶持办法申请贷款贴息吗？")
    assert answer.text.startswith("结论：按您所述不符合条件")


@pytest.mark.parametrize(
    ("question", "said"),
    [("丰台 招应届毕业生 社保补贴 每人每月多少", "社保"), ("丰台对扩大生产的奖励标准是多少", "扩大生产")],
)
def test_a_topic_the_district_never_uses_is_not_priced_by_a_neighbour(engine, question: str, said: str) -> None:
    answer = engine.ask(question)
    assert not answer.found and said in answer.text and not answer.amounts_yuan


def test_units_left_out_of_a_count_are_said(engine) -> None:
    answer = engine.ask("我们是区级认定的特色园区，今年培育出12家智能制造企业，其中11家年营收过了2000万，"
                        "还有1家只有1800万，丰台按培育企业那条能拿多少？")
    assert answer.calculations[0].amount_yuan == Decimal("500000")
    assert any("其余1家未达到" in s for s in answer.calculations[0].steps)


def test_a_claimed_cap_is_placed_on_the_rule_that_sets_it(engine) -> None:
    answer = engine.ask("厂子刚评上市级智能工厂（先进级），设备加软件一共投了三百来万，听说丰台这块封顶300万，我们能拿多少？")
    assert answer.calculations[0].amount_yuan == Decimal("500000")
    assert "国家级智能工厂" in answer.text.splitlines()[0]


def test_zero_by_one_rule_shows_the_articles_other_rule(engine) -> None:
    answer = engine.ask("丰台的软件公司，营收今年4.2个亿，去年3.9个亿，增速7%多点，听说全区平均是10%。"
                        "按丰台第六条软件企业那部分，能拿多少？")
    heads = [line for line in answer.text.splitlines() if line.startswith("结论")]
    assert len(heads) == 2 and all("0 元" in line for line in heads)


def test_asking_for_the_original_text_quotes_the_whole_clause(engine) -> None:
    answer = engine.ask("怀柔 中小企业融资 原文怎么说")
    assert "担保公司" in answer.text


def test_which_districts_mention_cites_the_granting_clause(engine) -> None:
    answer = engine.ask("哪些区的政策里提到了贷款贴息？")
    assert any("支持中小企业融资" in c.locator or "主要内容" in c.locator for c in answer.citations)
    assert "5000万" not in answer.text.splitlines()[0]  # a figure of another topic in the same clause


def test_eligibility_through_a_definition_states_the_basic_conditions(engine) -> None:
    answer = engine.ask("我们是门头沟的北京市级科技企业孵化器，门头沟工业措施第九条我们能报吗？")
    head = answer.text.splitlines()[0]
    assert head.startswith("结论：可以申报第九条") and "严重失信" in head and "未写明具体金额" in head


def test_a_figure_that_cannot_be_computed_with_is_said_so(engine) -> None:
    answer = engine.ask("经开区汽车企业，关键技术研发投了0.6个亿，能拿多少")
    head = answer.text.splitlines()[0]
    assert "无法按您所述金额计算" in head and "上限" in head and "可获得" not in head


def test_a_follow_up_naming_only_a_district_keeps_the_topic(engine) -> None:
    answer = engine.ask(["丰台首台套补贴多少", "那怀柔呢"])
    assert not answer.found and "怀柔区" in answer.text and "首台套" in answer.text


@pytest.mark.parametrize(
    ("question", "found"),
    [("门头沟有没有首台套的支持", True), ("怀柔对企业出口有补贴吗", False),
     ("亦庄经开区个人买新能源车有没有购车补贴？一辆补多少？", False)],
)
def test_a_support_question_gets_a_yes_or_a_no(engine, question: str, found: bool) -> None:
    answer = engine.ask(question)
    assert answer.found is found
    assert answer.text.startswith("结论：有") if found else not answer.amounts_yuan


@pytest.mark.parametrize(
    ("question", "said"),
    [("经开区 生物医药 第9条", "共8条，没有第9条"), ("丰台智能制造措施 第三十条", "没有第三十条")],
)
def test_an_item_the_document_lacks_is_said_absent(engine, question: str, said: str) -> None:
    answer = engine.ask(question)
    assert not answer.found and said in answer.text and not answer.citations


def test_a_comparison_with_the_district_average_is_not_a_place(engine) -> None:
    answer = engine.ask(["我们在丰台，去年产值9000万，今年1.05亿，第一次过亿，能拿多少", "增量那条呢，增速比区平均高"])
    assert answer.found and "没有增速" not in answer.text


def test_switching_district_asks_and_does_not_assert(engine) -> None:
    answer = engine.ask(["丰台机器人首试首用，市里奖了500万，区里配多少", "换成门头沟呢"])
    assert not answer.found and answer.text.startswith("文件未提及：门头沟区") and "更正" not in answer.text


def test_another_question_in_the_same_turn_gets_its_own_answer(engine) -> None:
    answer = engine.ask("丰台首台套，市里补了300万，区里配多少？另外入选目录还能再拿多少？")
    assert [c.amount_yuan for c in answer.calculations] == [Decimal("900000"), Decimal("300000")]


def test_a_term_written_in_parts_is_not_missing(engine) -> None:
    # 怀柔 writes 「“专精特新”中小企业」: the compound is there in its parts.
    answer = engine.ask("我们是专精特新中小企业，在怀柔，有什么支持")
    assert answer.found and answer.text.startswith("结论：有")


def test_a_right_figure_put_as_a_question_is_not_corrected(engine) -> None:
    right = engine.ask("丰台首台套，市里补了500万，区里能配150万对吧")
    assert "更正" not in right.text and right.calculations[0].amount_yuan == Decimal("1500000")
    cap = engine.ask("丰台首台套，市里补了500万，区里能配200万对吧")
    assert cap.text.startswith("更正：200万元是该条") and "150万元" in cap.text.splitlines()[0]


def test_a_spending_figure_is_the_spending_base_as_an_assumption(engine) -> None:
    answer = engine.ask(["丰台智能工厂", "我们是市级先进级，投了400万", "换成国家级呢"])
    assert answer.calculations[0].amount_yuan == Decimal("800000")
    assert "假设：您所说的400万元即为设备和软件投入" in answer.text


def test_a_question_cue_reaches_to_its_question_mark(engine) -> None:
    answer = engine.ask("公司承担了北京市智能制造领域的重点课题，市里支持了一千八百万。丰台区级配套是不是按20%算，给360万？")
    assert answer.calculations[0].amount_yuan == Decimal("1800000")


def test_the_rest_of_a_count_meets_the_bar(engine) -> None:
    answer = engine.ask("我们是丰台区级认定的孵化器，今年培育出来11家智能制造企业，其中2家营收才1500万左右，剩下的都过了2000万。"
                        "这一项能拿多少？")
    assert answer.calculations[0].amount_yuan == Decimal("450000")


def test_not_being_what_the_clause_requires_is_a_no(engine) -> None:
    answer = engine.ask("我们是外地集团在亦庄设的分公司，不是独立法人，不过税和统计关系都在亦庄，能申请经开区生物医药那8条政策吗？")
    assert answer.text.startswith("结论：按您所述不符合条件")


def test_last_years_figure_stands_beside_this_years_level(engine) -> None:
    answer = engine.ask(["丰台工业企业产值第一次过5000万奖多少？", "我们去年3.8个亿，今年头一回过了5个亿，能拿多少？"])
    assert answer.calculations[0].amount_yuan == Decimal("500000")


def test_the_granting_clause_answers_a_support_question(engine) -> None:
    answer = engine.ask("怀柔的软件公司，已经连着四年在规上了，员工150人，怀柔那个扶持办法对我们这种有支持吗？")
    assert answer.found and answer.text.startswith("结论：有") and "连续三年保持在规模以上" in answer.text


def test_a_clause_on_the_application_period_is_not_refused(engine) -> None:
    answer = engine.ask("怀柔 技改升级 申报时间范围 怎么界定")
    assert answer.found and "当年合法发票" in answer.text
