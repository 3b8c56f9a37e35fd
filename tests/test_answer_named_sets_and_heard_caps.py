"""Answer classes of the fifteenth session (from the last reads BY and BZ): a city bureau named by its short form
(市经信局, 市科委) pays 市级 money; 「增了300万」 is an increment; a trade the document never names fails a
condition limited to a set the document lists (「四大主导产业企业」); a heard maximum stands only where a clause
pays it, not where the figure is a threshold; a user's word for the clause's word (生产批件 / 生产批准) is no
unknown topic. Phrasings are neighbours of the misses, not the sets' own."""

from decimal import Decimal

import pytest

from policyqa.understand.facts import read_facts


@pytest.mark.parametrize("text", ["市科委给了我们300万", "市发改委支持了我们300万", "市经信局拨了300万"])
def test_a_city_bureau_pays_city_money(text: str) -> None:
    assert "市级" in read_facts(text).figures[0].cues


def test_a_city_word_inside_another_name_is_not_the_city() -> None:
    assert "市级" not in read_facts("城市更新局给了100万").figures[0].cues


@pytest.mark.parametrize("text,value", [("产值今年增了300万", 3_000_000), ("营收比去年增了四百来万", 4_000_000)])
def test_zeng_le_is_an_increment(text: str, value: int) -> None:
    fact = read_facts(text).figures[0]
    assert fact.increment and fact.value == Decimal(value)


@pytest.mark.slow
def test_city_bureau_money_is_the_base_of_the_district_match(engine) -> None:
    answer = engine.ask("去年市经信局给我们绿色工厂建设拨了600万，丰台这边配套能有多少？")
    assert answer.calculations and answer.calculations[0].amount_yuan == 1_200_000


@pytest.mark.slow
def test_an_increment_below_the_threshold_gets_nothing(engine) -> None:
    answer = engine.ask("丰台委外加工那条，我们关键研发都在丰台，产值今年增了400万，增速高于全区平均，能拿多少？")
    assert answer.calculations and answer.calculations[0].amount_yuan == 0


@pytest.mark.slow
@pytest.mark.parametrize("trade", ["跨境电商", "冷链仓储"])
def test_a_trade_outside_the_listed_industries_fails(engine, trade: str) -> None:
    answer = engine.ask(f"我们是做{trade}的，注册、税务和统计关系都在亦庄，承诺十年不迁，能享受经开区的8条政策吗？")
    assert answer.text.startswith("结论：按您所述不符合条件")
    assert f"「{trade}」不在其列" in answer.text
    assert "jingkai-sida#序言" in [c.clause_id for c in answer.citations]


@pytest.mark.slow
def test_a_trade_named_by_a_listed_industry_is_not_failed(engine) -> None:
    answer = engine.ask("我们是做新能源汽车电池的，注册、税务和统计关系都在亦庄，承诺十年不迁，能享受经开区的8条政策吗？")
    assert "不在其列" not in answer.text


@pytest.mark.slow
def test_a_heard_maximum_that_is_a_threshold_there_is_placed_where_it_is_paid(engine) -> None:
    answer = engine.ask("听说丰台对智能制造系统解决方案供应商的服务也是最高给2000万？")
    assert answer.text.startswith("更正：丰台区的文件中没有2000万元")
    assert "jingkai-sida#五、(四)4" in [c.clause_id for c in answer.citations]


@pytest.mark.slow
def test_the_users_word_for_the_clauses_word_is_answered(engine) -> None:
    answer = engine.ask("开发区转化的新药拿到生产批件了，听说每项最高奖一个亿？")
    assert answer.found and not answer.text.startswith("文件未提及")
    assert "5000万元" in answer.text.split("\n")[0]


# Second batch, from the first reads CA and CB: support named by a word the documents never use; 「另外我们还想…」
# starts a new topic; 「这块有政策吗」「怎么给钱」 ask the support; who confers a title asked as yes/no; the status
# of two documents named by their own words; 「超出部分增量」 worked out on the part above the threshold first;
# 入选 alone no longer points at the 首台（套）目录.


@pytest.mark.slow
@pytest.mark.parametrize("question,word", [
    ("我们在丰台租了个厂房搞智能制造，有没有租金补贴，一平米给多少？", "租金补贴"),
    ("门头沟招了二十个应届生，社保补贴一人能给多少？", "社保补贴"),
])
def test_support_named_by_a_word_the_documents_never_use_is_not_covered(engine, question: str, word: str) -> None:
    answer = engine.ask(question)
    assert not answer.found and f"「{word}」" in answer.text


@pytest.mark.slow
def test_another_wish_after_an_answer_starts_a_new_topic(engine) -> None:
    answer = engine.ask(["开发区对创新药临床三期最多支持多少？", "另外我们还打算做欧盟cGMP认证，这块有政策吗？"])
    assert "jingkai-sida#五、(三)5" in [c.clause_id for c in answer.citations]
    assert "2000万" not in answer.text.split("\n")[0]


@pytest.mark.slow
def test_how_is_money_given_asks_the_amount(engine) -> None:
    answer = engine.ask(["丰台对首次认定的小巨人怎么给钱？", "那我们在怀柔呢？"])
    assert answer.text.startswith("结论：怀柔区的文件对此有支持规定，但未写明具体金额")


@pytest.mark.slow
@pytest.mark.parametrize("question,verdict", [
    ("门头沟那份解读里的灯塔工厂，是国务院评的吗？", "结论：不是。文件写明由世界经济论坛与麦肯锡合作评选"),
    ("灯塔工厂是世界经济论坛评选的吗？", "结论：是。文件写明由世界经济论坛与麦肯锡合作评选"),
])
def test_who_confers_a_title_asked_as_yes_or_no(engine, question: str, verdict: str) -> None:
    assert verdict in engine.ask(question).text


@pytest.mark.slow
def test_who_confers_asked_openly_gets_no_yes_or_no(engine) -> None:
    text = engine.ask("单项冠军是哪个部门认定的？").text
    assert "结论：不是" not in text and "结论：是。" not in text


@pytest.mark.slow
def test_the_status_of_two_documents_named_by_their_words(engine) -> None:
    answer = engine.ask("丰台智能制造那份措施和经开区四大主导产业实施意见，现在哪份还有效？")
    first = answer.text.split("\n")[0]
    assert "征求意见稿" in first and "2029年12月31日" in first and "2023年6月21日" in first


@pytest.mark.slow
def test_the_part_above_the_threshold_is_worked_out_first(engine) -> None:
    answer = engine.ask("丰台的工业企业，产值从1.6亿涨到2亿，增速高于全区平均，产值增量支持能拿多少？")
    first = answer.text.split("\n")[0]
    assert first.index("按超出500万元的部分计算") < first.index("若按全部增量")
    assert "3500万元 × 1% = 35万元" in first
    assert "无法据此计算金额" not in answer.text


@pytest.mark.slow
def test_selected_alone_does_not_point_at_the_first_set_catalog(engine) -> None:
    answer = engine.ask("丰台引进人才有啥计划？入选的话每人给多少？")
    assert "fengtai-zhizao#第十四条" not in [c.clause_id for c in answer.citations]
