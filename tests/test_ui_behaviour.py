"""UI defects of issue 14: the UI says what it did with the user's input, never silently drops or replaces it.

Handlers of the real app over the session engine (its worker processes included): a rejected question stays in
the box with the reason, an empty one says why; the calculator names a base it does not use and a rule other than
the one selected; lookup names a district in the query that differs from the dropdown.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

CJK = re.compile(r"[\u4e00-\u9fff]")
FIXED_CAP_RULE = "fengtai-03-major-project"
RATE_RULE = "fengtai-14-first-set-subsidy"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def ui(engine: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    import app
    from policyqa.feedback import FeedbackStore

    demo = app.build_app(engine, FeedbackStore(tmp_path_factory.mktemp("ui-behaviour") / "fb.sqlite3"))
    try:
        yield demo
    finally:
        demo.policyqa_runner.close()


def handler(demo: Any, name: str) -> Any:
    return next(f.fn for f in demo.fns.values() if f.api_name == name)


def test_a_too_long_question_is_kept_in_the_box_with_the_reason(ui: Any) -> None:
    import gradio as gr

    pasted = "丰台区首台套补贴" * 625  # 5,000 characters
    outputs = list(handler(ui, "chat")(pasted, [], []))
    assert len(outputs) == 1
    box, messages, turns, _, _, status = outputs[0]
    assert box == gr.skip()  # the text box is left as it is: the paste is not lost
    assert messages == [] and turns == []
    assert "问题过长（5000 字）" in status and 'class="pq-error"' in status


@pytest.mark.parametrize("empty", ["", "   ", "\n\t"])
def test_an_empty_question_says_why_nothing_happened(ui: Any, empty: str) -> None:
    outputs = list(handler(ui, "chat")(empty, [], []))
    assert len(outputs) == 1
    *_, status = outputs[0]
    assert "请先输入问题" in status


def test_an_answered_question_clears_the_box_and_the_status(ui: Any) -> None:
    *_, last = handler(ui, "chat")("丰台区对灯塔工厂有什么支持？", [], [])
    box, messages, turns, _, _, status = last
    assert box == "" and status == "" and turns == ["丰台区对灯塔工厂有什么支持？"]
    assert "第十一条" in messages[-1]["content"]


def test_a_base_for_a_fixed_cap_rule_is_named_as_unused(ui: Any) -> None:
    html = handler(ui, "do_award")(FIXED_CAP_RULE, "500万", "", None)
    assert "未使用填写的基数金额「500万」" in html and "pq-award-amount" in html
    assert "未使用" not in handler(ui, "do_award")(FIXED_CAP_RULE, "", "", None)


def test_a_count_and_level_the_rule_does_not_use_are_named(ui: Any) -> None:
    html = handler(ui, "do_award")(RATE_RULE, "500万", "3", "市级")
    assert "未使用填写的数量「3」" in html and "未使用填写的级别「市级」" in html
    assert "150万元" in html


def test_describing_a_different_rule_than_the_selected_one_says_so(ui: Any) -> None:
    described = "获得市级首台套项目补贴500万，丰台最多配套多少？"
    html = handler(ui, "do_award")(described, "", "", None, FIXED_CAP_RULE)
    assert "按描述匹配到的规则是" in html and "而不是左侧所选的" in html
    same = handler(ui, "do_award")(described, "", "", None, RATE_RULE)
    assert "而不是左侧所选的" not in same


def test_the_award_api_reports_unused_inputs(ui: Any) -> None:
    result = handler(ui, "award")(FIXED_CAP_RULE, "500万", "", "")
    assert result["notes"] and "未使用填写的基数金额" in result["notes"][0]


def test_lookup_names_a_district_in_the_query_that_differs_from_the_dropdown(ui: Any) -> None:
    items, summary = handler(ui, "do_lookup")("门头沟 首台套", "丰台区")
    assert items and "查询中的「门头沟区」与所选区「丰台区」不一致" in summary
    assert "不一致" not in handler(ui, "do_lookup")("丰台 首台套", "丰台区")[1]
