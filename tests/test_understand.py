"""Understanding stage: money forms, facts with roles, frames, conversation state (pure, no models)."""

from decimal import Decimal

import pytest

from policyqa.corpus import Corpus
from policyqa.understand.facts import read_facts
from policyqa.understand.figures import read_figures
from policyqa.understand.frame import QuestionFrame, detect_asks, frame_question, split_parts
from policyqa.understand.places import elsewhere_in
from policyqa.understand.stage_years import stage_years
from policyqa.understand.state import merge, merge_facts

WAN = Decimal(10_000)


@pytest.mark.parametrize(
    ("typed", "yuan", "approx"),
    [
        ("设备投了800W", 800 * WAN, False),
        ("营收1200w", 1200 * WAN, False),
        ("1.2千万", 1200 * WAN, False),
        ("一千二百万", 1200 * WAN, False),
        ("12个亿", 120_000 * WAN, False),
        ("5亿3千万", 53_000 * WAN, False),
        ("1亿2000万", 12_000 * WAN, False),
        ("4.2个亿", 42_000 * WAN, False),
        ("批下来300来万", 300 * WAN, True),
        ("三百来万", 300 * WAN, True),
        ("五百萬", 500 * WAN, False),
        ("0.3亿", 3000 * WAN, False),
        ("产值首次过亿", 10_000 * WAN, False),
        ("两千五百万", 2500 * WAN, False),
        ("营收2亿3", 23_000 * WAN, False),
        ("干到7个多亿", 70_000 * WAN, True),
        ("营收6千8百万", 6800 * WAN, False),
        ("3千5百万元", 3500 * WAN, False),
        ("1千2百5十万", 1250 * WAN, False),
        ("1亿6千8百万", 16_800 * WAN, False),
    ],
)
def test_money_as_people_type_it(typed: str, yuan: Decimal, approx: bool) -> None:
    from policyqa.tokenize import normalize

    _, found = read_figures(normalize(typed))
    assert [f.value for f in found] == [yuan]
    assert found[0].approximate is approx


def test_a_figure_carries_the_words_of_its_own_phrase() -> None:
    facts = read_facts("研发投入500万，市里给了450万，丰台配套多少")
    first, second = facts.figures
    assert "研发费用" in first.cues and "市级" not in first.cues
    assert "市级" in second.cues and "研发费用" not in second.cues


@pytest.mark.parametrize(
    ("text", "increment", "reached", "claimed"),
    [
        ("研发费用比上年多了300万", True, False, False),
        ("增量只有60万", True, False, False),
        ("营收第一次到20亿", False, True, False),
        ("营收过2000万", False, True, False),
        ("怀柔首台套奖500万，是这样吧", False, False, True),
        ("设备投了800万", False, False, False),
        ("今年比去年多干了4.2个亿", True, False, False),
        ("营收今年头一回冲过20个亿", False, True, False),
    ],
)
def test_what_a_figure_is(text: str, increment: bool, reached: bool, claimed: bool) -> None:
    (fact,) = read_facts(text).figures
    assert (fact.increment, fact.reached, fact.claimed) == (increment, reached, claimed)


@pytest.mark.parametrize(
    ("text", "above"),
    [
        ("增速高于全区平均", True),
        ("增速比全区平均高", True),
        ("增速比全区平均低一点", False),
        ("增速低于行业平均水平", False),
        ("没超过全区平均", False),
        ("营收3亿", None),
    ],
)
def test_growth_against_the_average(text: str, above: bool | None) -> None:
    assert read_facts(text).above_average is above


def test_negations_name_what_was_not_obtained() -> None:
    assert "市级" in read_facts("没拿到市级资金，丰台能直接给多少").negated_cues
    assert "市级" in read_facts("市里没给建设资金").negated_cues
    assert not read_facts("拿到市级资金500万").negated_cues


def test_counts_levels_and_stage_years() -> None:
    facts = read_facts("国家级的，引进了十二家企业")
    assert [(c.n, c.unit) for c in facts.counts] == [(12, "家")]
    assert facts.levels == ("国家级",)
    assert not read_facts("同一个事项能不能重复拿").counts  # 一个 is not a count of anything
    assert stage_years("当年达标了，第二年没达标，第三年又达标了") == {1: True, 2: False, 3: True}
    assert stage_years("当年和第二年达标，第三年没达标") == {1: True, 2: True, 3: False}
    assert stage_years("当年营收增速超了行业平均，第二年没超，第三年又超了") == {1: True, 2: False, 3: True}


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("丰台首台套配套多少？", {"amount"}),
        ("门头沟的政策现在还有效吗", {"status"}),
        ("补贴金额谁说了算", {"who"}),
        ("什么时候申报，在哪个系统报", {"application"}),
        ("还没纳入企业库，能直接申请这套措施的补贴吗？", {"eligibility"}),
        ("门头沟征求意见稿里说对老企业也有支持，培育期是几年", set()),  # names a draft, asks no status
        ("门头沟那个工业措施对拿到国家企业技术中心称号的有奖励吗？", {"support"}),
        ("经开区的8条还能申请吗", {"status"}),
        ("怀柔技改项目的时间范围怎么算", set()),
        ("门头沟的实施意见是正式文件吗", {"status"}),
        ("今年又在怀柔贷了一笔，能按怀柔扶持办法申请贷款贴息吗？", {"eligibility"}),
    ],
)
def test_what_is_asked(text: str, asks: set[str]) -> None:
    assert set(detect_asks(text)) >= asks
    if not asks:
        assert "status" not in detect_asks(text)


def test_two_asks_are_two_parts_one_ask_restated_is_one() -> None:
    assert len(split_parts("丰台首台套最多给多少？什么时候申报？")) == 2
    assert split_parts("门头沟那个文件谁解释？实施意见里看不懂找哪个局？") == ()
    assert split_parts("丰台首台套配套是30%吧？我们拿了200万能配多少？") == ()


def _frame(text: str, corpus: Corpus) -> QuestionFrame:
    return frame_question(text, corpus.districts_in, lambda t, cov: elsewhere_in(corpus, t, cov))


def _same(a: str, b: str) -> bool:  # a topic check that always says "same": state is tested on its own
    return True


def test_a_new_figure_replaces_the_old_one(corpus: Corpus) -> None:
    turns = [_frame("丰台首台套，市级补贴500万，配套多少", corpus), _frame("那如果是八百万呢？", corpus)]
    merged = merge(turns, _same)
    assert [f.value for f in merged.facts.money] == [800 * WAN]
    assert "市级" in merged.facts.money[0].cues  # the bare figure takes the role of the one it replaces
    assert merged.districts == ("丰台区",) and "amount" in merged.asks


def test_a_figure_of_another_role_is_kept_beside(corpus: Corpus) -> None:
    before = read_facts("研发费用增加了300万")
    now = read_facts("市级补贴500万")
    assert {f.value for f in merge_facts(before, now).money} == {300 * WAN, 500 * WAN}


def test_a_new_district_replaces_and_an_uncovered_place_refuses(corpus: Corpus) -> None:
    first = _frame("丰台首台套配套多少", corpus)
    assert merge([first, _frame("那经开区呢", corpus)], _same).districts == ("北京经济技术开发区",)
    uncovered = merge([first, _frame("朝阳区有什么补贴？", corpus)], _same)
    assert uncovered.elsewhere == "朝阳区"


def _framed_with_positions(text: str, corpus: Corpus) -> QuestionFrame:
    """A frame read as the app reads it, with where each uncovered place is named."""
    from policyqa.understand.places import elsewhere_at

    return frame_question(
        text, corpus.districts_in, lambda t, cov: elsewhere_in(corpus, t, cov), lambda t: elsewhere_at(corpus, t)
    )


def test_a_place_asked_about_before_a_covered_one_is_the_subject(corpus: Corpus) -> None:
    frame = _framed_with_positions("天津滨海新区对产值首次过10亿奖多少？我看丰台文件里也提到天津了", corpus)
    assert frame.elsewhere == "滨海新区"


def test_a_new_topic_starts_afresh(corpus: Corpus) -> None:
    first = _frame("丰台首台套，市级补贴500万，配套多少", corpus)
    second = _frame("丰台的政策谁负责解释", corpus)
    merged = merge([first, second], lambda a, b: False)
    assert not merged.facts.money and "amount" not in merged.asks and not merged.carried


@pytest.mark.parametrize(
    ("text", "place"),
    [("上海浦东有什么政策", "浦东新区"), ("天津滨海新区补贴", "滨海新区"), ("海淀的首台套", "海淀区"),
     ("朝阳区对智能制造", "朝阳区"), ("火星区有补贴吗", "火星区"), ("雄安新区有补贴吗", "雄安新区")],
)
def test_places_without_documents(corpus: Corpus, text: str, place: str) -> None:
    assert elsewhere_in(corpus, text, []) == place


@pytest.mark.parametrize("text", ["丰台首台套", "亦庄灯塔工厂", "门头沟的示范区", "生态涵养区的企业"])
def test_covered_places_and_area_words_are_not_elsewhere(corpus: Corpus, text: str) -> None:
    assert elsewhere_in(corpus, text, corpus.districts_in(text)) is None


def test_hearsay_marks_the_figure_after_it_and_a_figure_put_as_a_question() -> None:
    facts = read_facts("市里补了450万。听说区里按一半配，能给225万吗？")
    assert [(f.value, f.claimed) for f in facts.figures] == [(450 * WAN, False), (225 * WAN, True)]


def test_a_question_cue_before_a_figure_marks_that_figure() -> None:
    # 「是不是能拿170万」 asks about the 170万; the 850万 before it is the user's own figure.
    facts = read_facts("市里支持了八百五十万。丰台区级配套按20%算，是不是能拿170万？")
    assert [(f.value, f.claimed) for f in facts.figures] == [(850 * WAN, False), (170 * WAN, True)]
    assert [f.value for f in read_facts("怀柔奖500万，是不是").figures if f.claimed] == [500 * WAN]


@pytest.mark.parametrize(
    ("text", "now"),
    [
        ("去年产值8000万，今年翻了一番", 16_000 * WAN),
        ("去年产值2个亿，今年涨了两成", 24_000 * WAN),
        ("研发费用去年1200万，今年增长了50%", 1_800 * WAN),
    ],
)
def test_growth_stated_as_a_rate_gives_this_years_level(text: str, now: Decimal) -> None:
    figures = read_facts(text).figures
    assert [f.value for f in figures][-1] == now and "推算" in figures[-1].phrase


def test_a_rate_said_alone_or_with_both_years_adds_nothing() -> None:
    assert len(read_facts("营收3亿，增速7%多点").figures) == 1
    assert len(read_facts("去年产值8000万今年1亿，涨了25%").figures) == 2


def test_a_place_someone_moved_from_is_not_the_subject(corpus: Corpus) -> None:
    frame = _framed_with_positions("我们从海淀搬到丰台的，智能工厂国家级卓越级，设备软件投了2300W，能拿多少", corpus)
    assert frame.elsewhere is None and frame.districts == ("丰台区",)
