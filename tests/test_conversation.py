"""Conversation suite: a later turn that changes a figure, a district (covered or not), a level, a count or
the topic — through the engine, through the real server's /ask (history as the API takes it), and in a
real browser where both of the chat's clearing controls must clear the conversation, not only the screen."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from servers import CHROMIUM, chromium, open_page, running_app

from policyqa.evidence import unsupported_amounts

pytestmark = pytest.mark.slow
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
WAN = Decimal(10_000)
FIRST_SET = "丰台首台套，市级补贴500万，配套多少"


def calc(rule_id: str, amount: Decimal) -> Callable[[dict[str, Any]], None]:
    def check(a: dict[str, Any]) -> None:
        assert a["found"], a["answer"]
        first = a["calculations"][0]
        assert (first["rule_id"], Decimal(str(first["amount_yuan"]))) == (rule_id, amount), a["answer"]
    return check


def refused(place: str) -> Callable[[dict[str, Any]], None]:
    def check(a: dict[str, Any]) -> None:
        assert not a["found"] and not a["calculations"] and not a["amounts_yuan"], a["answer"]
        assert place in a["answer"]
    return check


def not_stated(related: str) -> Callable[[dict[str, Any]], None]:
    def check(a: dict[str, Any]) -> None:
        assert not a["found"] and not a["calculations"] and not a["amounts_yuan"], a["answer"]
        assert related in [c["clause_id"] for c in a["related"]], a["answer"]
    return check


def cites(clause_id: str, no_calc_of: str = "") -> Callable[[dict[str, Any]], None]:
    def check(a: dict[str, Any]) -> None:
        assert a["found"], a["answer"]
        assert clause_id in [c["clause_id"] for c in a["citations"]], a["answer"]
        if no_calc_of:
            assert no_calc_of not in [c["rule_id"] for c in a["calculations"]], a["answer"]
    return check


CASES: dict[str, tuple[list[str], Callable[[dict[str, Any]], None]]] = {
    "figure raised": ([FIRST_SET, "那如果是八百万呢？"], calc("fengtai-14-first-set-subsidy", 200 * WAN)),
    "figure lowered": (["丰台首台套，市级补贴800万，配套多少", "要是只有300万呢"],
                       calc("fengtai-14-first-set-subsidy", 90 * WAN)),
    "figure in another form": ([FIRST_SET, "改成400W呢"], calc("fengtai-14-first-set-subsidy", 120 * WAN)),
    "figure below threshold": (["丰台大中型企业研发费用比去年多了2600万，能拿多少", "那研发费用只多了60万呢"],
                               calc("fengtai-08-rd-growth", Decimal(0))),
    "threshold after a rate question": (["丰台软件企业营收增量奖励是按多少比例给的？",
                                         "我们今年营收增量800W，增速也高于全区平均，能拿多少？"],
                                        calc("fengtai-06-software-revenue-growth", Decimal(0))),
    "count changed": (["丰台链主单位引进了3家智能制造企业，能拿多少", "那要是12家呢"],
                      calc("fengtai-17-chain-leader", 50 * WAN)),
    "level changed": (["丰台国家级智能工厂，设备和软件投入1000万，能拿多少", "那市级的呢"],
                      calc("fengtai-11-city-smart-factory", 50 * WAN)),
    "condition added": (["丰台转型成软件企业那条，营收2500万能拿多少", "不过我们增速比全区平均低一点"],
                        calc("fengtai-07-transformation", Decimal(0))),
    "continues the same award": (["丰台对首次进规上的工业企业给多少？", "那第二年工业产值增速超过行业平均，还能再拿多少？"],
                                 calc("fengtai-05-industrial-scale-up", 10 * WAN)),
    "three turns, figure last": (["丰台对智能工厂有啥补贴？", "我们是市级智能工厂先进级，设备和软件投了180万",
                                  "那如果是八百万呢？"], calc("fengtai-11-city-smart-factory", 50 * WAN)),
    "three turns, level last": (["丰台对智能工厂有啥补贴？", "市级智能工厂，设备和软件投了180万", "如果是国家级呢"],
                                calc("fengtai-11-national-smart-factory", 36 * WAN)),
    "district to a covered one": (["丰台区对灯塔工厂有什么支持？", "那经开区呢？"], cites("jingkai-sida#五、(四)7")),
    "district to an uncovered one": ([FIRST_SET, "朝阳区有什么补贴？"], refused("朝阳区")),
    "place without 区": ([FIRST_SET, "那上海浦东呢"], refused("浦东")),
    "uncovered, then covered again": (["朝阳区对首台套有什么补贴？", "那丰台呢？"], cites("fengtai-zhizao#第十四条")),
    "topic changed": ([FIRST_SET, "丰台这套措施由哪个部门负责解释？"],
                      cites("fengtai-zhizao#第二十八条", no_calc_of="fengtai-14-first-set-subsidy")),
    "topic changed with a figure": ([FIRST_SET, "另外我们研发费用比上年多了2600万，增速高于全区平均，能拿多少"],
                                    calc("fengtai-08-rd-growth", 26 * WAN)),
    "status asked of another district": (["丰台区那个智能制造措施有效期到啥时候？", "那经开区四大主导产业那几个8条政策呢？"],
                                         cites("jingkai-sida#文件头")),
    # 经开区 supports 智能工厂 (五、(四)7) but states no amount: the 丰台 figure must not follow it there.
    "district and figure both change": (["丰台国家级智能工厂，设备和软件投入1000万，能拿多少", "那经开区呢"],
                                        not_stated("jingkai-sida#五、(四)7")),
    "a figure for the award asked about, named with 和": (["丰台灯塔工厂给多少？", "设备和软件投了3000万呢？"],
                                                        calc("fengtai-11-lighthouse", 500 * WAN)),
    "a correction named by fewer words": (["丰台市级智能工厂，设备和软件投了一百来万，能补多少",
                                           "不对，加上追加的一共投了200万，那呢"],
                                          calc("fengtai-11-city-smart-factory", 40 * WAN)),
    "this year's figure corrected, last year's kept": (
        ["丰台大中型企业，研发费用去年3000万今年3300万，增速高于全区平均，能拿多少", "说错了，今年其实是3050万"],
        calc("fengtai-08-rd-growth", Decimal(0))),
    "a claim corrected after a question": (["丰台首台套配套比例是多少", "市级补贴200万，那区里就能配100万吧？"],
                                           calc("fengtai-14-first-set-subsidy", 60 * WAN)),
}


def _json(answer: Any) -> dict[str, Any]:
    from policyqa.serialize import answer_json

    return answer_json(answer)


@pytest.mark.parametrize("case", CASES)
def test_conversation_through_the_engine(engine: Any, case: str) -> None:
    turns, check = CASES[case]
    answer = engine.ask(turns)
    assert unsupported_amounts(answer) == [], answer.text
    check(_json(answer))


def test_cleared_history_is_no_history(engine: Any) -> None:
    """What a cleared chat sends: the bare follow-up alone, which must not compute the earlier award."""
    alone = engine.ask("那如果是八百万呢？", [])
    assert "fengtai-14-first-set-subsidy" not in [c.rule_id for c in alone.calculations]
    carried = engine.ask("那如果是八百万呢？", [FIRST_SET])
    assert carried.calculations[0].rule_id == "fengtai-14-first-set-subsidy"


# ---------------------------------------------------------------------- the real server
@pytest.fixture(scope="module")
def client(engine: Any) -> Iterator[Any]:
    from gradio_client import Client

    with running_app(engine) as url:
        yield Client(url, verbose=False)


SERVER_CASES = ["figure raised", "district to an uncovered one", "topic changed", "three turns, level last",
                "count changed", "district to a covered one"]


@pytest.mark.parametrize("case", SERVER_CASES)
def test_conversation_through_the_server(client: Any, case: str) -> None:
    turns, check = CASES[case]
    check(client.predict(turns[-1], turns[:-1], api_name="/ask"))


# ---------------------------------------------------------------------- a real browser


@pytest.fixture(scope="module")
def page(engine: Any) -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip("needs Debian chromium at /usr/bin/chromium")
    with running_app(engine) as url, chromium() as browser, open_page(browser, url) as opened:
        yield opened


def _ask(page: Any, question: str) -> str:
    from playwright.sync_api import expect

    bubbles = page.locator("#pq-chat .pq-answer, #pq-chat .pq-error")
    before = bubbles.count()
    page.locator("#pq-question textarea").fill(question)
    page.locator("#pq-send").click()
    expect(bubbles).to_have_count(before + 1, timeout=60_000)
    last = bubbles.last
    expect(last).not_to_contain_text("正在检索", timeout=60_000)
    page.wait_for_timeout(800)  # the answer streams in; let it finish
    return str(last.inner_text())


def _clear_with_button(page: Any) -> None:
    page.get_by_role("button", name=re.compile("清空")).first.click()


def _clear_with_trash_icon(page: Any) -> None:
    page.locator("#pq-chat button[aria-label*='Clear'], #pq-chat button[aria-label*='清']").first.click()


@pytest.mark.parametrize("clear", [_clear_with_button, _clear_with_trash_icon], ids=["clear button", "trash icon"])
def test_every_clearing_control_clears_the_conversation(page: Any, clear: Callable[[Any], None]) -> None:
    first = _ask(page, FIRST_SET)
    assert "150万元" in first
    clear(page)
    page.wait_for_timeout(500)
    after = _ask(page, "那如果是八百万呢？")
    # With the history gone the bare follow-up has no award to continue: no 首台套 figure.
    assert "200万元" not in after and "首台" not in after, after


def test_a_long_answer_keeps_its_conclusion_in_view(page: Any) -> None:
    """The chat does not scroll a long answer's first line (its conclusion) out of view."""
    said = _ask(page, "哪几个区对专精特新、小巨人有支持？给钱多少能比一下吗？各区的条款原文也都列一下")
    last = page.locator("#pq-chat .pq-answer").last
    last.wait_for(state="visible", timeout=30_000)  # (an error bubble instead would fail here, with its text)
    chat = answer = None
    for _ in range(20):  # the chat scrolls once the streamed answer has settled; on a loaded machine that is later
        page.wait_for_timeout(250)
        chat, answer = page.locator("#pq-chat").bounding_box(), last.bounding_box()
        if chat and answer and chat["y"] - 2 <= answer["y"] <= chat["y"] + chat["height"] / 2:
            break
    assert chat is not None and answer is not None, said
    assert answer["height"] > chat["height"] / 3, "the answer should be long enough to matter"
    assert chat["y"] - 2 <= answer["y"] <= chat["y"] + chat["height"] / 2, (chat, answer)
