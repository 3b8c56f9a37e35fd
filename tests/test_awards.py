"""Award calculator: hand-worked cases, properties, bad input, rule loading, and the dev gold numbers."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policyqa.award_table import load_rules
from policyqa.awards import calculate, cap_of, cap_result
from policyqa.corpus import load_corpus
from policyqa.errors import InputError, RuleError
from policyqa.rules.question import from_question as _from_question
from policyqa.types import AwardRule

ROOT = Path(__file__).resolve().parent.parent
RULES = load_rules(ROOT / "corpus" / "awards.toml")
CORPUS = load_corpus(corpus_dir=ROOT / "corpus")


def from_question(question: str, rules: list[AwardRule]) -> list:
    return _from_question(question, rules, CORPUS)
BY_ID = {r.rule_id: r for r in RULES}
CJK = re.compile(r"[\u4e00-\u9fff]")
W = Decimal(10_000)  # 1万元


def rule(rule_id: str) -> AwardRule:
    return BY_ID[rule_id]


# ─────────────── hand-worked cases ───────────────

CASES = [
    # (rule_id, kwargs, expected yuan) — worked by hand from the clause text
    ("fengtai-14-first-set-subsidy", {"base_yuan": 500 * W}, 150 * W),  # 500万×30%=150万 ≤ 200万
    ("fengtai-14-first-set-subsidy", {"base_yuan": 1_234_567}, Decimal("370370.1")),  # cents kept
    ("fengtai-11-lighthouse", {"base_yuan": 15_000 * W}, 500 * W),  # 1.5亿×20%=3000万 > 500万
    ("fengtai-11-city-smart-factory", {"base_yuan": 100 * W}, 20 * W),
    ("fengtai-11-national-smart-factory", {"base_yuan": 2_000 * W}, 300 * W),  # 400万 > 300万
    ("fengtai-04-pilot-project", {"base_yuan": 1_800 * W}, 360 * W),
    ("fengtai-04-pilot-project", {"base_yuan": 3_000 * W}, 500 * W),  # annual cap binds
    ("fengtai-08-national-topic", {"base_yuan": 1_500 * W}, 200 * W),  # 300万 > 200万
    ("fengtai-08-city-topic", {"base_yuan": 1_500 * W}, 150 * W),  # 10%
    ("fengtai-08-city-topic", {"base_yuan": 3_000 * W}, 200 * W),
    ("fengtai-07-transformation", {"base_yuan": 8_000 * W}, 80 * W),
    ("fengtai-07-transformation", {"base_yuan": 15_000 * W}, 100 * W),  # 150万 > 100万
    ("fengtai-07-transformation", {"base_yuan": 2_000 * W}, 20 * W),  # 达到 2000万: inclusive
    ("fengtai-07-transformation", {"base_yuan": 1_999 * W}, 0),
    ("fengtai-08-rd-growth", {"base_yuan": 100 * W}, 0),  # 超过 100万: exclusive
    ("fengtai-08-rd-growth", {"base_yuan": 1_000_100}, 10_001),
    ("fengtai-08-rd-growth", {"base_yuan": 200_000 * W}, 1_000 * W),  # 20亿×1%=2000万 > 1000万
    ("fengtai-06-software-revenue-growth", {"base_yuan": 6_000 * W}, 30 * W),
    ("fengtai-06-software-revenue-growth", {"base_yuan": 999 * W}, 0),
    ("fengtai-06-software-revenue-growth", {"base_yuan": 100_000 * W}, 200 * W),  # 500万 > 200万
    ("fengtai-19-challenge-issuer", {"base_yuan": 1_000 * W}, 200 * W),
    ("fengtai-19-challenge-solver", {"base_yuan": 500 * W}, 75 * W),
    ("fengtai-19-challenge-solver", {"base_yuan": 800 * W}, 100 * W),
    ("fengtai-06-output-tiers", {"tier_value_yuan": 10_000 * W}, 30 * W),  # 1亿 → 30万
    ("fengtai-06-output-tiers", {"tier_value_yuan": 99_900 * W}, 50 * W),  # 9.99亿 → 5亿档
    ("fengtai-06-output-tiers", {"tier_value_yuan": 100_000 * W}, 100 * W),
    ("fengtai-06-output-tiers", {"tier_value_yuan": 5_000 * W}, 20 * W),
    ("fengtai-06-output-tiers", {"tier_value_yuan": 4_999 * W}, 0),
    ("fengtai-06-software-tiers", {"tier_value_yuan": 1_000_000 * W}, 1_000 * W),  # 100亿
    ("fengtai-06-software-tiers", {"tier_value_yuan": 250_000 * W}, 200 * W),  # 25亿 → 20亿档
    ("fengtai-06-software-tiers", {"tier_value_yuan": 36_000 * W}, 0),  # 3.6亿 < 5亿
    ("fengtai-17-chain-leader", {"count": 7}, 35 * W),
    ("fengtai-17-chain-leader", {"count": 10}, 50 * W),
    ("fengtai-18-incubator", {"count": 11}, 50 * W),  # 55万 > 50万
    ("fengtai-10-little-giant", {}, 50 * W),  # stated total → all stages
    ("fengtai-10-little-giant", {"count": 1}, 17 * W),
    ("fengtai-10-little-giant", {"count": 2}, Decimal("335000")),
    ("fengtai-10-hightech-srdi", {}, 30 * W),
    ("fengtai-05-software-scale-up", {}, 10 * W),  # no total stated → first stage
    ("fengtai-05-software-scale-up", {"count": 2}, 15 * W),
    ("fengtai-05-industrial-scale-up", {"count": 2}, 20 * W),
    ("fengtai-09-innovation-platform", {"level": "市级"}, 50 * W),
    ("fengtai-09-innovation-platform", {"level": "国家级"}, 100 * W),
    ("fengtai-09-innovation-platform", {"level": "北京市"}, 50 * W),  # alias
    ("fengtai-03-major-project", {}, 10_000 * W),
    ("fengtai-06-output-growth", {}, 200 * W),  # not computable: the cap only
    ("jingkai-5-2-3-auto-key-tech", {}, 5_000 * W),
    ("jingkai-01-annual-budget", {}, 1_000_000 * W),
]


@pytest.mark.parametrize(("rule_id", "kwargs", "expected"), CASES)
def test_hand_worked(rule_id: str, kwargs: dict[str, object], expected: int | Decimal) -> None:
    result = calculate(rule(rule_id), **kwargs)  # type: ignore[arg-type]
    assert result.amount_yuan == Decimal(expected)
    assert result.rule_id == rule_id and result.clause_id == rule(rule_id).clause_id
    assert result.steps and all(CJK.search(s) or "→" in s for s in result.steps)


def test_step_text_and_fields_when_cap_not_binding() -> None:
    result = calculate(rule("fengtai-14-first-set-subsidy"), base_yuan=Decimal(5_000_000))
    assert result.steps[0] == "5,000,000 × 30% = 1,500,000 ≤ 上限 2,000,000 → 1,500,000 元"
    assert "上限200万元未触及" in result.steps[1]
    assert result.base_yuan == Decimal(5_000_000) and result.cap_yuan == Decimal(2_000_000)
    assert not result.cap_only


def test_step_text_when_cap_binds() -> None:
    result = calculate(rule("fengtai-08-national-topic"), base_yuan=Decimal(15_000_000))
    assert result.steps[0] == "15,000,000 × 20% = 3,000,000 > 上限 2,000,000 → 2,000,000 元"
    assert "国家支持资金1500万元的20%计算为300万元，超过上限" in result.steps[1]


def test_below_threshold_gives_reason() -> None:
    result = calculate(rule("fengtai-07-transformation"), base_yuan=Decimal(15_000_000))
    assert result.amount_yuan == 0
    assert any("不予支持" in s for s in result.steps)


def test_unstated_conditions_become_assumptions() -> None:
    r = rule("fengtai-07-transformation")
    bare = calculate(r, base_yuan=Decimal(80_000_000))
    assert "假设：年度营业收入增速高于全区平均水平" in bare.assumptions
    told = calculate(r, base_yuan=Decimal(80_000_000), stated_conditions=["今年营收增速比全区平均高"])
    assert "假设：年度营业收入增速高于全区平均水平" not in told.assumptions
    assert len(told.assumptions) == len(bare.assumptions) - 1


def test_not_computable_with_base_says_why() -> None:
    result = calculate(rule("fengtai-06-output-growth"), base_yuan=Decimal(8_000_000))
    assert result.cap_only and result.amount_yuan == Decimal(2_000_000)
    assert "无法直接套用" in result.steps[0] and "超出部分增量" in result.steps[0]


def test_staged_mentions_remaining_stage() -> None:
    result = calculate(rule("fengtai-05-industrial-scale-up"))
    assert result.amount_yuan == Decimal(100_000)
    assert any("可再获最高10万元" in s for s in result.steps)


def test_cap_result_and_cap_of() -> None:
    assert cap_of(rule("fengtai-06-software-tiers")) == Decimal(10_000_000)
    assert cap_of(rule("fengtai-17-chain-leader")) == Decimal(500_000)
    assert cap_of(rule("fengtai-05-software-scale-up")) == Decimal(150_000)
    assert cap_of(rule("fengtai-09-innovation-platform")) == Decimal(1_000_000)
    result = cap_result(rule("fengtai-09-innovation-platform"))
    assert result.cap_only and result.amount_yuan == Decimal(1_000_000)
    assert any("级别" in a for a in result.assumptions)


# ─────────────── bad input ───────────────

BAD_BASES = [Decimal(-1), Decimal(0), Decimal("NaN"), Decimal("1e30"), float("inf"), -5, True, "abc", None, [1]]


@pytest.mark.parametrize("base", BAD_BASES)
def test_bad_base_rejected_in_chinese(base: object) -> None:
    with pytest.raises(InputError) as err:
        calculate(rule("fengtai-14-first-set-subsidy"), base_yuan=base)  # type: ignore[arg-type]
    assert CJK.search(str(err.value))


@pytest.mark.parametrize("count", [0, -1, True, 1.5, "七", 10**7])
def test_bad_count_rejected(count: object) -> None:
    with pytest.raises(InputError, match="数量"):
        calculate(rule("fengtai-17-chain-leader"), count=count)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("rule_id", "needed"),
    [
        ("fengtai-04-pilot-project", "项目固定资产投资额"),
        ("fengtai-06-output-tiers", "工业产值"),
        ("fengtai-17-chain-leader", "数量"),
        ("fengtai-09-innovation-platform", "级别"),
    ],
)
def test_missing_input_names_what_is_needed(rule_id: str, needed: str) -> None:
    with pytest.raises(InputError, match=f"需要提供：.*{needed}"):
        calculate(rule(rule_id))


def test_unknown_level_and_too_many_stages() -> None:
    with pytest.raises(InputError, match="区级"):
        calculate(rule("fengtai-09-innovation-platform"), level="区级")
    with pytest.raises(InputError):
        calculate(rule("fengtai-10-little-giant"), count=4)


# ─────────────── properties ───────────────

RATE_RULES = [r for r in RULES if r.kind in ("rate_cap", "threshold_rate_cap")]
bases = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1e12"), places=2, allow_nan=False)


@given(st.sampled_from(RATE_RULES), bases)
def test_never_above_cap(r: AwardRule, base: Decimal) -> None:
    result = calculate(r, base_yuan=base)
    cap = cap_of(r)
    assert cap is not None and Decimal(0) <= result.amount_yuan <= cap
    assert r.rate is not None and result.amount_yuan <= base * r.rate + Decimal("0.005")  # rounded to cents


@given(st.sampled_from(RATE_RULES), bases, bases)
def test_monotone_in_base(r: AwardRule, a: Decimal, b: Decimal) -> None:
    lo, hi = sorted((a, b))
    assert calculate(r, base_yuan=lo).amount_yuan <= calculate(r, base_yuan=hi).amount_yuan


@given(st.sampled_from([r for r in RULES if r.kind == "threshold_rate_cap"]), st.data())
def test_zero_below_threshold(r: AwardRule, data: st.DataObject) -> None:
    assert r.threshold_yuan is not None
    base = data.draw(st.decimals(min_value=Decimal("0.01"), max_value=r.threshold_yuan - Decimal("0.01"), places=2))
    assert calculate(r, base_yuan=base).amount_yuan == 0


@given(st.sampled_from([r for r in RULES if r.kind == "tiers"]), bases, bases)
def test_tiers_monotone_and_from_table(r: AwardRule, a: Decimal, b: Decimal) -> None:
    lo, hi = sorted((a, b))
    x, y = calculate(r, tier_value_yuan=lo).amount_yuan, calculate(r, tier_value_yuan=hi).amount_yuan
    assert x <= y
    assert {x, y} <= {Decimal(0)} | {award for _, award in r.tiers}


@given(st.sampled_from([r for r in RULES if r.kind == "per_unit"]), st.integers(1, 1000))
def test_per_unit_is_capped_product(r: AwardRule, n: int) -> None:
    assert r.unit_yuan is not None and r.annual_cap_yuan is not None
    assert calculate(r, count=n).amount_yuan == min(r.unit_yuan * n, r.annual_cap_yuan)


# ─────────────── loading the table ───────────────

GOOD = """
[[rule]]
rule_id = "t-1"
clause_id = "doc#第一条"
subject = "测试"
kind = "rate_cap"
quote = "按照30%给予最高200万元支持"
rate = "30%"
base_label = "市级补贴资金"
cap = "200万元"
keywords = ["测试"]
"""


def _load(tmp_path: Path, text: str) -> list[AwardRule]:
    path = tmp_path / "awards.toml"
    path.write_text(text, encoding="utf-8")
    return load_rules(path)


def test_load_minimal(tmp_path: Path) -> None:
    (r,) = _load(tmp_path, GOOD)
    assert r.rate == Decimal("0.3") and r.cap_yuan == Decimal(2_000_000)


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ('kind = "rate_cap"', 'kind = "bonus"', "kind"),
        ('quote = "按照30%给予最高200万元支持"\n', "", "quote"),
        ('cap = "200万元"', 'cap = "二百万X"', "cap"),
        ('cap = "200万元"', 'cap = "-200万元"', "cap"),
        ('rate = "30%"', 'rate = "三成"', "rate"),
        ('base_label = "市级补贴资金"\n', "", "base_label"),
        ('cap = "200万元"', 'cap = "200万元"\ncapp = "1"', "capp"),
        ('keywords = ["测试"]', "keywords = []", "keywords"),
    ],
)
def test_bad_rule_names_rule_and_field(tmp_path: Path, old: str, new: str, field: str) -> None:
    assert old in GOOD
    with pytest.raises(RuleError) as err:
        _load(tmp_path, GOOD.replace(old, new))
    assert "t-1" in str(err.value) and field in str(err.value)


def test_duplicate_id_and_stage_sum(tmp_path: Path) -> None:
    with pytest.raises(RuleError, match="重复"):
        _load(tmp_path, GOOD + GOOD)
    staged = GOOD.replace('kind = "rate_cap"', 'kind = "staged"').replace(
        'rate = "30%"', 'stages = [["当年", "10万元"], ["次年", "5万元"]]'
    )
    with pytest.raises(RuleError, match="stages"):
        _load(tmp_path, staged)  # cap 200万 ≠ 15万


def test_missing_or_broken_file(tmp_path: Path) -> None:
    with pytest.raises(RuleError, match="找不到"):
        load_rules(tmp_path / "none.toml")
    with pytest.raises(RuleError, match="格式错误"):
        _load(tmp_path, "[[rule]\nrule_id=")


# ─────────────── questions ───────────────


def _gold_items() -> list[tuple[str, str, int]]:
    items = []
    for line in (ROOT / "evals" / "dev.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        if item.get("type") in ("numeric_award", "calculation", "multi_turn") and item.get("gold_number") is not None:
            question = item["question"]
            text = " ".join(question) if isinstance(question, list) else question
            items.append((item["id"], text, item["gold_number"]))
    return items


GOLD = _gold_items()


def test_gold_set_is_not_empty() -> None:
    assert len(GOLD) >= 20


@pytest.mark.parametrize(("item_id", "question", "gold"), GOLD, ids=[g[0] for g in GOLD])
def test_dev_gold_number_reproduced(item_id: str, question: str, gold: int) -> None:
    results = from_question(question, RULES)
    assert results, f"{item_id}: no rule matched"
    assert results[0].amount_yuan == Decimal(gold), (item_id, results[0])


@pytest.mark.parametrize(
    "question",
    [
        "今天天气怎么样？",
        "怀柔的政策最多给多少？",
        "丰台智能制造措施有效期到哪年？",
        "亦庄灯塔工厂补多少？",
        "首台套到底指啥？北京市级和国家级分别是谁认定的？",  # names a rule's terms but asks no amount
        "朝阳区对智能制造企业有没有类似产值首次过亿的奖励？",  # a district the corpus does not cover
    ],
)
def test_no_rule_fits(question: str) -> None:
    assert from_question(question, RULES) == []


def test_later_turn_wins_either_way() -> None:
    first = from_question("丰台区国家级智能工厂有什么支持？ 那灯塔工厂呢？", RULES)
    assert first[0].rule_id == "fengtai-11-lighthouse" and first[0].amount_yuan == Decimal(5_000_000)


def test_a_question_naming_no_award_gets_no_rule() -> None:
    # Without retrieval, a question whose words name no award must not get a figure.
    assert from_question("丰台这项区级配套最多多少？", RULES) == []


def test_an_unrelated_figure_is_not_the_base() -> None:
    (res, *_) = from_question("我们研发投入500万，丰台市级首台套项目补贴能配多少？", RULES)
    assert res.rule_id == "fengtai-14-first-set-subsidy"
    assert res.base_yuan is None and res.amount_yuan == Decimal(2_000_000)  # the cap, not 30% of 500万


def test_figures_read_from_question() -> None:
    (res, *_) = from_question("丰台区链主单位今年拉来十二家企业落地，能拿多少？", RULES)
    assert res.amount_yuan == Decimal(500_000)  # 12 × 5万 = 60万 > 50万
    (res, *_) = from_question("丰台，研发费用增加了5000万，给多少？", RULES)
    assert res.rule_id == "fengtai-08-rd-growth" and res.amount_yuan == Decimal(500_000)
    (res, *_) = from_question("丰台软件公司去年营收3.6亿，今年3亿，按营收增量能拿多少", RULES)
    assert res.amount_yuan == 0


def test_per_unit_question_without_count() -> None:
    (res, *_) = from_question("丰台链主单位每落地一家企业给多少？", RULES)
    assert res.amount_yuan == Decimal(50_000) and res.cap_yuan == Decimal(500_000)
    (res, *_) = from_question("丰台链主单位引进企业，每年最多能拿多少？", RULES)
    assert res.cap_only and res.amount_yuan == Decimal(500_000)


def test_below_threshold_answers_eligibility() -> None:
    question = "做建筑的企业转型成软件和信息服务业企业了，年营收1800万，增速挺高，能申请丰台支持企业转型发展那条吗？"
    (res, *_) = from_question(question, RULES)
    assert res.rule_id == "fengtai-07-transformation" and res.amount_yuan == 0
    assert any("2000万元" in s for s in res.steps)


def test_non_string_question() -> None:
    with pytest.raises(InputError):
        from_question(None, RULES)  # type: ignore[arg-type]


def test_a_stage_the_user_says_failed_is_not_counted() -> None:
    (res, *_) = from_question("首次认定专精特新中小企业，丰台，当年和第二年达标，第三年没达标，一共多少？", RULES)
    assert res.amount_yuan == Decimal(200_000)  # 10万 + 10万, not the 30万 of all three stages
    (res, *_) = from_question("首次认定国家专精特新小巨人，丰台，第二年没达标，一共能拿多少？", RULES)
    assert res.amount_yuan == Decimal(170_000)


def test_a_total_over_years_is_capped_per_year() -> None:
    # 第四条: 20% of the investment, 年度最高500万元, 连续支持不超过两年.
    over_two = calculate(rule("fengtai-04-pilot-project"), base_yuan=Decimal(300_000_000), years=2)
    assert over_two.amount_yuan == 10_000_000 and "2年合计" in " ".join(over_two.steps)
    small = calculate(rule("fengtai-04-pilot-project"), base_yuan=Decimal(25_000_000), years=2)
    assert small.amount_yuan == 5_000_000  # the rate's total binds before twice the yearly cap
    asked_five = calculate(rule("fengtai-04-pilot-project"), base_yuan=Decimal(300_000_000), years=5)
    assert asked_five.amount_yuan == 10_000_000 and any("不超过2年" in s for s in asked_five.steps)
    one_year = calculate(rule("fengtai-04-pilot-project"), base_yuan=Decimal(300_000_000))
    assert one_year.amount_yuan == 5_000_000
