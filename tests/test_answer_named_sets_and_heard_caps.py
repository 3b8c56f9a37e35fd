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


@pytest.mark.parametrize("text", ["产值今年增了300万", "营收比去年增了四百来万"])
def test_zeng_le_is_an_increment(text: str) -> None:
    fact = read_facts(text).figures[0]
    assert fact.increment and fact.value in (Decimal(3_000_000), Decimal(4_000_000))


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
