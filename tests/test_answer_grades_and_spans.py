"""Answer classes of the twelfth session (from the unfixed classes of set AX): a certification grade the clause
does not name (基础级 against 先进级 / 卓越级和领航级) fails it; a payment span said by its length so far
(快五年了, 将近两年) is tested against 原则上不超过三年; an item of a closed list asked in a later part of the
turn stays under the condition an earlier part failed on the same clause; a clause whose heading names the
question's term (一事一议) is answered from its own sentences, each part getting the one that lists what it asks.
From sets AY–AZ: the spoken 亿 form (一亿五 = 1.5亿) is a figure; 「有钱拿吗」 asks the form of support; two
alternatives asked between (按合同还是按发票, 每年还是一次性) get which one the clause names, or that it names
neither, and a short form (科信局) counts as named; a question asked of a looked-up article gets the sentence that
answers it first; 「哪边对X本身有支持」 names the district whose clause says X. Phrasings are neighbours of the
misses, not the sets' own."""

import re
from decimal import Decimal

import pytest

from policyqa import numbers


@pytest.mark.parametrize("text,yuan", [("营收两亿三，增速", 230_000_000), ("产值一亿五", 150_000_000),
                                       ("两个亿三", 230_000_000), ("一亿五千万", 150_000_000), ("三亿元", 300_000_000)])
def test_the_spoken_yi_form_is_one_figure(text: str, yuan: int) -> None:
    assert [v for v, _, _ in numbers.find_amounts(text)] == [Decimal(yuan)]




@pytest.mark.slow
@pytest.mark.parametrize("question,grade", [
    ("我们刚评上智能工厂的基础级，丰台那条20%的补贴能申请吗？", "基础级"),
    ("厂子是示范级智能工厂，按丰台第十一条能拿钱不", "示范级"),
])
def test_a_grade_the_clause_does_not_name_fails_it(engine, question: str, grade: str) -> None:
    answer = engine.ask(question)
    head = answer.text.splitlines()[0]
    assert "不符合" in head and grade in head and "先进级" in head
    assert answer.citations[0].clause_id == "fengtai-zhizao#第十一条"


@pytest.mark.slow
def test_a_grade_the_clause_names_is_not_failed(engine) -> None:
    answer = engine.ask("我们是国家级领航级智能工厂，丰台第十一条能申请吗")
    assert "不符合" not in answer.text.splitlines()[0]


@pytest.mark.slow
@pytest.mark.parametrize("question,verdict", [
    ("怀柔技改买的设备分期付，到现在将近四年了，还能按实际付款算吗", "不算"),
    ("怀柔技改设备款分期付，到现在差不多两年了，能按实际付款计入吗", "可以计入"),
])
def test_a_span_said_by_its_length_so_far_meets_the_payment_limit(engine, question: str, verdict: str) -> None:
    head = engine.ask(question).text.splitlines()[0]
    assert verdict in head and "三年" in head


@pytest.mark.slow
def test_a_later_part_keeps_the_condition_an_earlier_part_failed(engine) -> None:
    answer = engine.ask("我们在怀柔以前贷过一次款，今年新贷了300万，这笔还能申请贴息吗？担保费能补吗？")
    second = answer.text.split("（2）", 1)[1]
    assert "不能" in second.splitlines()[0] and "可以，" not in second.splitlines()[0]


@pytest.mark.slow
def test_a_clause_named_by_its_heading_answers_each_part_with_its_own_sentence(engine) -> None:
    answer = engine.ask("门头沟实施意见里一事一议是按什么原则办的？在哪些方面给条件？")
    assert [c.clause_id for c in answer.citations] == ["mentougou-shishi#（十二）"]
    assert "特事特办原则" in answer.text and "审批服务" in answer.text


@pytest.mark.slow
def test_a_spoken_yi_figure_is_computed_on(engine) -> None:
    answer = engine.ask("我们是从批发零售转型出来的软件企业，今年营收两亿三，增速高于全区平均，丰台转型那条给多少")
    assert answer.calculations and answer.calculations[0].amount_yuan == Decimal(1_000_000)
    assert "230,000,000" in answer.text


@pytest.mark.slow
def test_asking_whether_there_is_money_gets_the_form_of_support(engine) -> None:
    head = engine.ask("在亦庄做智能汽车复杂场景测试，8条里能有钱拿吗").text.splitlines()[0]
    assert "场景准入支持" in head and "未写明资金" in head


@pytest.mark.slow
@pytest.mark.parametrize("question,said", [
    ("怀柔技改的固定资产投资，认定时看合同还是看发票？", "「发票」（未提「合同」）"),
    ("怀柔对连续三年规上的制造业企业给多少钱？按季度给还是一次性给？", "未写明是季度还是一次性"),
])
def test_two_alternatives_get_the_one_the_clause_names_or_neither(engine, question: str, said: str) -> None:
    assert said in engine.ask(question).text


@pytest.mark.slow
def test_a_short_form_of_a_name_counts_as_named(engine) -> None:
    assert "未提「科信局」" not in engine.ask("丰台补贴金额是科信局审定还是财政局审定？").text


@pytest.mark.slow
@pytest.mark.parametrize("question,words", [
    ("丰台 第二十六条 违规了钱要退吗", "追索权"),
    ("门头沟意见稿（十六） 用地成本怎么降", "土地年租制"),
])
def test_a_question_asked_of_a_looked_up_article_is_answered_first(engine, question: str, words: str) -> None:
    head = engine.ask(question).text.splitlines()[0]
    assert head.startswith("结论：") and words in head


@pytest.mark.slow
def test_a_bare_lookup_stays_the_clause_itself(engine) -> None:
    assert not engine.ask("经开区汽车8条 第3条讲的啥").text.startswith("结论")


@pytest.mark.slow
def test_which_district_supports_the_thing_itself(engine) -> None:
    head = engine.ask("刚拿到网信办大模型备案，丰台和怀柔哪个对备案本身有支持？").text.splitlines()[0]
    assert "「备案」的是怀柔区" in head and "丰台区所引条款未写到" in head


@pytest.mark.slow
def test_a_question_asking_no_kind_keeps_the_substantive_clause_first(engine) -> None:
    answer = engine.ask("门头沟以后增量产业用地准备怎么出让，能帮企业把用地成本压下来吗")
    assert answer.citations[0].clause_id == "mentougou-shishi#（十六）"


@pytest.mark.slow
@pytest.mark.parametrize("question,noted", [
    ("新认定的国家高新技术企业，但今年营收增速没跑赢行业平均，丰台那笔还能领吗", True),
    ("高新证书过期后今年又重新认定了，增速高于行业平均，丰台首次认定那30万能报吗", False),
])
def test_a_year_failed_on_performance_leaves_the_later_years_open(engine, question: str, noted: bool) -> None:
    answer = engine.ask(question)
    assert "0 元" in answer.text.splitlines()[0]
    assert ("后续两年达标" in answer.text and "以后年度达标的仍可" in answer.text) == noted


@pytest.mark.slow
@pytest.mark.parametrize("question,head", [
    ("亦庄的产值目标里，生物技术和大健康是不是定了2000亿？", "更正：不是您所说的金额"),
    ("经开区新一代信息技术的产值目标是2000亿对吧", "结论：是的"),
])
def test_a_claimed_target_is_checked_against_the_piece_naming_its_subject(engine, question: str, head: str) -> None:
    first = engine.ask(question).text.splitlines()[0]
    assert first.startswith(head) and "两大产业分别达到" in first


@pytest.mark.slow
@pytest.mark.parametrize("question,cap", [
    ("丰台委外加工的产值增量奖励，听说最多能给800万？", "300万元"),
    ("听人讲亦庄对首批成果转化的企业最高奖4000万，是这个数吗？", "3000万元"),
])
def test_a_cap_claimed_with_a_verb_between_is_corrected(engine, question: str, cap: str) -> None:
    corrections = [line for line in engine.ask(question).text.splitlines() if line.startswith("更正")]
    assert len(corrections) == 1 and cap in corrections[0]


@pytest.mark.slow
@pytest.mark.parametrize("question,items", [
    ("门头沟实施意见里新增产业用地有哪几种出让方式？", "弹性年期出让土地、土地年租制、出租持有产业用房"),
    ("门头沟一事一议的项目能在哪些方面得到支持", "用地、财政、税收、金融、审批服务"),
])
def test_the_kinds_a_clause_enumerates_are_the_conclusion(engine, question: str, items: str) -> None:
    assert any(line.startswith("结论：文件写明：") and items in line for line in engine.ask(question).text.splitlines())


@pytest.mark.slow
def test_a_span_paid_gradually_over_years_meets_the_limit(engine) -> None:
    head = engine.ask("怀柔技改的设备款我们分五年陆续付清，这样能按实际付款算吗").text.splitlines()[0]
    assert "不算" in head and "三年" in head


@pytest.mark.slow
@pytest.mark.parametrize("question", [
    "听说怀柔对软件企业营收上台阶有奖励，我们营收今年头回冲到28个亿，能拿哪一档？",
    "门头沟的工业企业产值头一回干到6个亿（去年4亿出头），给哪档奖励？",
])
def test_spoken_words_around_a_figure_are_not_taken_for_the_topic(engine, question: str) -> None:
    said = "".join(re.findall(r"未提及「([^」]*)」", engine.ask(question).text))
    assert not any(w in said for w in ("回冲", "一档", "哪档", "冲到", "干到", "出头", "头回", "头一回"))


@pytest.mark.slow
def test_an_incumbent_partner_is_no_new_entrant(engine) -> None:
    answer = engine.ask("丰台发榜的补贴：揭榜的是我们做了十几年的老伙伴，也在丰台，合同200万，能拿多少")
    assert answer.calculations and answer.calculations[0].amount_yuan == 0
    assert "新入区" in answer.text


@pytest.mark.slow
def test_anything_that_applies_asks_for_support(engine) -> None:
    head = engine.ask("我们在怀柔拿到了生成式人工智能模型备案，扶持办法里有用得上的吗？").text.splitlines()[0]
    assert head.startswith("结论：有")


@pytest.mark.slow
def test_a_quantified_standard_the_documents_lack_is_said_so_without_denying_the_award(engine) -> None:
    text = engine.ask("丰台对首次认定的高新企业要求“具备高成长性”，这有量化指标吗？增速要到多少？").text
    assert "未给出其量化标准" in text and "未写明支持金额" not in text


def test_not_below_the_average_is_at_or_above_it() -> None:
    from policyqa.understand.facts import read_facts

    assert read_facts("研发费用增速也不低于全区平均水平").above_average is True
    assert read_facts("营收增速低于全区平均").above_average is False


@pytest.mark.slow
def test_an_increment_under_the_bar_fails_when_growth_is_not_below_average(engine) -> None:
    answer = engine.ask("丰台大中型重点企业，研发费用从3000万到3060万，增速不低于全区平均，增量那条能拿多少")
    assert answer.calculations and answer.calculations[0].amount_yuan == 0
    assert "低于平均" not in answer.text and "门槛" in answer.text


@pytest.mark.slow
@pytest.mark.parametrize("question,said", [
    ("亦庄的汽车企业，各项关系都在亦庄新城，不过股东打算把注册资本减掉三成，8条政策还能享受吗？", "不符合"),
    ("怀柔的软件企业，进规上以后维持了两年，连续在规上那条能申请吗", "不足3年"),
    ("我们的实验室被认定为丰台区级重点实验室，能拿丰台智能制造措施里研发创新平台那条的钱吗？", "未包括区级"),
])
def test_a_condition_said_in_another_order_still_fails(engine, question: str, said: str) -> None:
    assert said in engine.ask(question).text.splitlines()[0]


@pytest.mark.slow
def test_a_list_named_with_words_between_is_enumerated(engine) -> None:
    lines = engine.ask("经开区“拓展一批产业空间”点名建设了哪些载体？").text.splitlines()
    assert any(line.startswith("结论：文件写明：") and "通明湖信创园、马驹桥智造基地等一批重大产业载体" in line
               for line in lines)


@pytest.mark.slow
def test_what_kind_of_firm_qualifies_is_answered_by_the_definition_not_a_pending_condition(engine) -> None:
    answer = engine.ask("门头沟文件里的国家制造业单项冠军，什么样的企业才够格？")
    assert "还取决于您未说明的条件" not in answer.text and "工艺国际领先" in answer.text


@pytest.mark.parametrize("text,yuan", [("奖励4百50万，", 4_500_000), ("3千5百万", 35_000_000), ("1千2百万元", 12_000_000),
                                       ("1亿2千5百万", 125_000_000)])
def test_digits_with_qian_bai_between_are_one_figure(text: str, yuan: int) -> None:
    assert [v for v, _, _ in numbers.find_amounts(text)] == [Decimal(yuan)]


@pytest.mark.slow
def test_an_expiry_note_without_a_cited_validity_clause_names_where_it_is_written(engine) -> None:
    answer = engine.ask("听说怀柔对燃料电池首批成果转化的企业最高给3000万，是这样吗？")
    note = next(line for line in answer.text.splitlines() if "按此推算" in line)
    assert re.search(r"\[\d+\]$", note) or "（见该文件" in note
