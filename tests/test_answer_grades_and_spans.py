"""Answer classes of the twelfth session (from the unfixed classes of set AX): a certification grade the clause
does not name (基础级 against 先进级 / 卓越级和领航级) fails it; a payment span said by its length so far
(快五年了, 将近两年) is tested against 原则上不超过三年; an item of a closed list asked in a later part of the
turn stays under the condition an earlier part failed on the same clause; a clause whose heading names the
question's term (一事一议) is answered from its own sentences, each part getting the one that lists what it asks.
Phrasings are neighbours of the misses, not the set's own."""

import pytest

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("question,grade", [
    ("我们刚评上智能工厂的基础级，丰台那条20%的补贴能申请吗？", "基础级"),
    ("厂子是示范级智能工厂，按丰台第十一条能拿钱不", "示范级"),
])
def test_a_grade_the_clause_does_not_name_fails_it(engine, question: str, grade: str) -> None:
    answer = engine.ask(question)
    head = answer.text.splitlines()[0]
    assert "不符合" in head and grade in head and "先进级" in head
    assert answer.citations[0].clause_id == "fengtai-zhizao#第十一条"


def test_a_grade_the_clause_names_is_not_failed(engine) -> None:
    answer = engine.ask("我们是国家级领航级智能工厂，丰台第十一条能申请吗")
    assert "不符合" not in answer.text.splitlines()[0]


@pytest.mark.parametrize("question,verdict", [
    ("怀柔技改买的设备分期付，到现在将近四年了，还能按实际付款算吗", "不算"),
    ("怀柔技改设备款分期付，到现在差不多两年了，能按实际付款计入吗", "可以计入"),
])
def test_a_span_said_by_its_length_so_far_meets_the_payment_limit(engine, question: str, verdict: str) -> None:
    head = engine.ask(question).text.splitlines()[0]
    assert verdict in head and "三年" in head


def test_a_later_part_keeps_the_condition_an_earlier_part_failed(engine) -> None:
    answer = engine.ask("我们在怀柔以前贷过一次款，今年新贷了300万，这笔还能申请贴息吗？担保费能补吗？")
    second = answer.text.split("（2）", 1)[1]
    assert "不能" in second.splitlines()[0] and "可以，" not in second.splitlines()[0]


def test_a_clause_named_by_its_heading_answers_each_part_with_its_own_sentence(engine) -> None:
    answer = engine.ask("门头沟实施意见里一事一议是按什么原则办的？在哪些方面给条件？")
    assert [c.clause_id for c in answer.citations] == ["mentougou-shishi#（十二）"]
    assert "特事特办原则" in answer.text and "审批服务" in answer.text
