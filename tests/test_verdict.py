"""Rule stage: binding a stated figure to a rule's label, and each rule kind's verdict (pure)."""

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policyqa.award_table import load_rules
from policyqa.awards import cap_of
from policyqa.rules.bind import bind
from policyqa.rules.verdict import OUTCOMES, evaluate
from policyqa.understand.facts import read_facts

ROOT = Path(__file__).resolve().parent.parent
RULES = {r.rule_id: r for r in load_rules(ROOT / "corpus" / "awards.toml")}
WAN = Decimal(10_000)


def verdict(rule_id: str, text: str):
    return evaluate(RULES[rule_id], read_facts(text), text)


def test_a_figure_named_as_something_else_is_not_the_base() -> None:
    assert bind("市级补贴资金", read_facts("研发投入500万")) is None
    assert bind("市级补贴资金", read_facts("市里给了450万")).value == 450 * WAN
    assert bind("设备和软件投入", read_facts("设备投了800万")).value == 800 * WAN


def test_a_lone_unnamed_figure_is_bound_with_an_assumption() -> None:
    binding = bind("市级补贴资金", read_facts("拿了500万"))
    assert binding.value == 500 * WAN and "假设" in binding.assumption


def test_an_increment_from_two_levels() -> None:
    binding = bind("营业收入增量", read_facts("去年营收3个亿，今年做到3.6个亿"))
    assert binding.value == 6000 * WAN and "−" in binding.derivation


@pytest.mark.parametrize(
    ("rule_id", "text", "outcome", "amount"),
    [
        ("fengtai-14-first-set-subsidy", "市里给了450万首台套补贴", "computed", 135 * WAN),
        ("fengtai-14-first-set-subsidy", "市级补贴800万", "computed", 200 * WAN),
        ("fengtai-14-first-set-subsidy", "首台套配套多少", "needs_info", None),
        ("fengtai-14-first-set-subsidy", "没拿到市级资金", "not_eligible", Decimal(0)),
        ("fengtai-08-rd-growth", "研发费用增量只有60万", "not_eligible", Decimal(0)),
        ("fengtai-08-rd-growth", "研发费用比上年多了2600万", "computed", 26 * WAN),
        ("fengtai-07-transformation", "营收2500万，增速比全区平均低", "not_eligible", Decimal(0)),
        ("fengtai-06-software-tiers", "营收第一次到20亿", "computed", 200 * WAN),
        ("fengtai-06-software-tiers", "营收3亿", "not_eligible", Decimal(0)),
        ("fengtai-06-output-growth", "产值增量只有400来万", "not_eligible", Decimal(0)),
        ("fengtai-06-output-growth", "产值增量3000万", "not_stated", None),
        ("fengtai-17-chain-leader", "引进了十二家企业", "computed", 50 * WAN),
        ("fengtai-17-chain-leader", "链主单位能拿多少", "needs_info", None),
        ("fengtai-03-major-project", "重大项目", "computed", 10_000 * WAN),
        ("fengtai-10-hightech-srdi", "当年达标，第二年没达标，第三年又达标，一共多少", "computed", 20 * WAN),
        # stages listed with 、 (each year its own status)
        ("fengtai-10-hightech-srdi", "首年达标、次年没达标、第三年达标，合计多少", "computed", 20 * WAN),
        # several items: a per-project cap caps each, an enterprise cap caps the total
        ("fengtai-19-challenge-solver", "揭了三个榜，合同一个200万一个700万一个900万", "computed", 30 * WAN + 200 * WAN),
        ("fengtai-13-robot-first-use", "两个产品分别拿了市级奖励，一个100万一个150万", "computed", 75 * WAN),
        ("fengtai-13-robot-first-use", "两款产品，一个市级奖励400W一个市级奖励600W", "computed", 200 * WAN),
        # a level reached is this year's, not last year's
        ("fengtai-06-output-tiers", "前年产值8000万，今年做到了1.3个亿", "computed", 30 * WAN),
    ],
)
def test_each_kind_of_verdict(rule_id: str, text: str, outcome: str, amount: Decimal | None) -> None:
    v = verdict(rule_id, text)
    assert v.outcome == outcome, v
    if amount is not None:
        assert v.result is not None and v.result.amount_yuan == amount


def test_needs_info_names_the_fact_and_shows_the_cap_as_a_limit() -> None:
    v = verdict("fengtai-14-first-set-subsidy", "首台套配套多少")
    assert v.missing == ("市级补贴资金",) and v.amount is None
    assert v.result.cap_only and v.result.amount_yuan == 200 * WAN


def test_an_approximate_figure_is_said_to_be_an_estimate() -> None:
    v = verdict("fengtai-14-first-set-subsidy", "首台套市级补贴批下来300来万")
    assert v.approximate and any("约数" in a for a in v.result.assumptions)


@given(st.integers(min_value=1, max_value=10**9), st.integers(min_value=1, max_value=10**9))
def test_raising_the_base_never_lowers_the_amount(low: int, high: int) -> None:
    low, high = sorted((low, high))
    for rule_id in ("fengtai-14-first-set-subsidy", "fengtai-08-rd-growth", "fengtai-07-transformation"):
        rule = RULES[rule_id]
        label = "研发费用增加了" if "增量" in rule.base_label else "市级补贴" if "市级" in rule.base_label else "营收"
        a = evaluate(rule, read_facts(f"{label}{low}元，增速高于全区平均"))
        b = evaluate(rule, read_facts(f"{label}{high}元，增速高于全区平均"))
        assert a.outcome in OUTCOMES and b.outcome in OUTCOMES
        assert (a.amount or 0) <= (b.amount or 0) <= cap_of(rule)


def test_a_series_over_time_or_a_part_of_a_whole_is_not_several_items() -> None:
    from policyqa.rules.bind import several

    assert several("项目合同金额", read_facts("合同一个500万一个800万")) != ()
    assert several("研发费用", read_facts("研发费用去年2000万，今年2500万，两个数")) == ()
    assert several("项目合同金额", read_facts("两个合同一共1300万，其中一个500万")) == ()
    assert several("市级补贴资金", read_facts("市级补贴500万，研发投入800万")) == ()


def test_an_undefined_base_shows_each_reading_and_stays_not_stated() -> None:
    v = verdict("fengtai-06-output-growth", "产值增量800万，增速高于全区平均")
    assert v.outcome == "not_stated"
    reading = next(s for s in v.result.steps if s.startswith("若按超出"))
    assert "300万元 × 1% = 3万元" in reading and "800万元 × 1% = 8万元" in reading
