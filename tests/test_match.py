"""政策体检 engine: hand-worked profiles (tests/profiles/*.toml, worked from the clauses), the typed
conditions table, stacking, expiry, shortfalls, and properties over generated profiles."""

from __future__ import annotations

import dataclasses
import tomllib
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policyqa.award_table import KINDS
from policyqa.errors import InputError
from policyqa.match import Matcher
from policyqa.match_report import report_csv, report_json, report_markdown
from policyqa.profile import Award, Profile, load_profile, profile_from_dict
from policyqa.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
PROFILES = ROOT / "tests" / "profiles"
AS_OF = date(2026, 11, 26)
W = 10_000  # 万

# Every rule not listed for a profile is expected not_eligible. Amounts are worked by hand from the clauses
# (the comment at the top of each profile file shows the arithmetic).
EXPECTED: dict[str, dict[str, tuple[str, int | None]]] = {
    "fengtai_equipment": {
        "fengtai-06-output-tiers": ("computed", 50 * W),
        "fengtai-06-output-growth": ("not_stated", None),
        "fengtai-08-rd-growth": ("computed", 3 * W),
        "fengtai-14-first-set-subsidy": ("computed", 150 * W),
    },
    "fengtai_software": {
        "fengtai-05-software-scale-up": ("computed", 10 * W),
        "fengtai-06-software-revenue-growth": ("computed", 30 * W),
    },
    "fengtai_rd_near": {
        "fengtai-06-output-tiers": ("computed", 30 * W),
        # 增量3.6亿: even the smaller reading of 「超出部分增量」 (3.55亿 × 1% = 355万) passes the 200万 cap,
        # so the amount is fixed once the unstated growth-vs-average condition is known.
        "fengtai-06-output-growth": ("needs_info", None),
    },
    "fengtai_smart_factory": {
        "fengtai-06-output-tiers": ("needs_info", None),
        "fengtai-06-output-growth": ("not_stated", None),
        "fengtai-11-city-smart-factory": ("computed", 50 * W),
        "fengtai-11-national-smart-factory": ("computed", 300 * W),
        "fengtai-11-5g-green-zero-carbon": ("computed", 40 * W),
    },
    "fengtai_needs_info": {
        "fengtai-06-output-tiers": ("needs_info", None),
        "fengtai-06-output-growth": ("not_stated", None),
        "fengtai-10-hightech-srdi": ("needs_info", None),
        "fengtai-11-city-smart-factory": ("needs_info", None),
        "fengtai-15-new-energy-materials": ("needs_info", None),
    },
    "fengtai_incubator": {"fengtai-18-incubator": ("computed", 50 * W)},
    "fengtai_chain_leader": {
        "fengtai-06-output-tiers": ("needs_info", None),
        "fengtai-06-output-growth": ("not_stated", None),
        "fengtai-17-chain-leader": ("computed", 15 * W),
    },
    "fengtai_little_giant": {
        "fengtai-06-output-tiers": ("needs_info", None),
        "fengtai-06-output-growth": ("not_stated", None),
        "fengtai-09-innovation-platform": ("computed", 100 * W),
        "fengtai-10-hightech-srdi": ("computed", 10 * W),
        "fengtai-10-little-giant": ("computed", 17 * W),
        "fengtai-10-key-little-giant": ("computed", 100 * W),
    },
    "fengtai_below_average": {"fengtai-06-software-tiers": ("computed", 50 * W)},
    "jingkai_auto": {
        "jingkai-01-annual-budget": ("not_stated", None),
        "jingkai-5-1-3-innovation-platform": ("computed", 10_000 * W),
        "jingkai-5-2-3-auto-key-tech": ("computed", 5_000 * W),
        "jingkai-5-2-4-auto-innovation-platform": ("computed", 10_000 * W),
        "jingkai-5-4-5-innovation-center": ("computed", 10_000 * W),
    },
    "haidian_elsewhere": {},
    "fengtai_projects": {
        "fengtai-03-major-project": ("computed", 10_000 * W),
        "fengtai-04-pilot-project": ("computed", 300 * W),
        "fengtai-07-transformation": ("computed", 25 * W),
        "fengtai-08-national-topic": ("computed", 200 * W),
        "fengtai-08-city-topic": ("computed", 80 * W),
        "fengtai-12-old-factory": ("computed", 60 * W),
        "fengtai-13-robot-first-use": ("computed", 30 * W),
        "fengtai-14-first-set-catalog": ("computed", 30 * W),
        "fengtai-16-ai-first-solution": ("computed", 150 * W),
        "fengtai-19-challenge-issuer": ("computed", 200 * W),
        "fengtai-19-challenge-solver": ("computed", 100 * W),
    },
    "fengtai_not_first": {
        "fengtai-06-output-growth": ("not_stated", None),
        "fengtai-06-outsourcing-growth": ("not_stated", None),
    },
    "fengtai_output_small": {
        "fengtai-05-industrial-scale-up": ("computed", 10 * W),
        "fengtai-06-output-tiers": ("computed", 20 * W),
    },
}
TOTALS = {
    "fengtai_equipment": 203 * W, "fengtai_smart_factory": 340 * W, "fengtai_little_giant": 217 * W,
    "jingkai_auto": 0, "haidian_elsewhere": 0, "fengtai_needs_info": 0, "fengtai_projects": 11_175 * W,
}


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher.load(Settings.from_env(corpus_dir=ROOT / "corpus"))


def outcomes(report_data: dict) -> dict[str, tuple[str, int | None]]:
    return {r["rule_id"]: (r["outcome"], r["amount_yuan"]) for r in report_data["results"]}


def expected_for(name: str, rule_ids: list[str]) -> dict[str, tuple[str, int | None]]:
    listed = EXPECTED[name]
    return {rid: listed.get(rid, ("not_eligible", None)) for rid in rule_ids}


def test_profiles_cover_every_outcome_and_kind(matcher: Matcher) -> None:
    assert len(EXPECTED) >= 10 and {p.stem for p in PROFILES.glob("*.toml")} == set(EXPECTED)
    seen_outcomes = {o for exp in EXPECTED.values() for o, _ in exp.values()} | {"not_eligible"}
    assert seen_outcomes == {"computed", "not_eligible", "needs_info", "not_stated"}
    kinds = {r.rule_id: r.kind for r in matcher.rules}
    computed_kinds = {kinds[rid] for exp in EXPECTED.values() for rid, (o, _) in exp.items() if o == "computed"}
    assert computed_kinds | {"not_computable"} == set(KINDS)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hand_worked_profile(matcher: Matcher, name: str) -> None:
    report = matcher.match(load_profile(PROFILES / f"{name}.toml"), AS_OF)
    data = report_json(report)
    ids = [r.rule_id for r in matcher.rules]
    assert sorted(r["rule_id"] for r in data["results"]) == sorted(ids)  # every rule once
    assert outcomes(data) == expected_for(name, ids)
    if name in TOTALS:
        assert data["total_yuan"] == TOTALS[name]
    for r in data["results"]:
        if r["outcome"] == "needs_info":
            assert r["missing"]
        if r["outcome"] == "not_eligible":
            assert r["reason"]


def test_shortfall_and_near_misses(matcher: Matcher) -> None:
    rd = matcher.match(load_profile(PROFILES / "fengtai_rd_near.toml"), AS_OF)
    line = next(ln for ln in rd.lines if ln.rule.rule_id == "fengtai-08-rd-growth")
    assert line.reason == "研发费用增量90万元，须超过100万元"
    near = {n.rule_id: n.text for n in rd.near_misses}
    assert "差10万元" in near["fengtai-08-rd-growth"] and "差5000万元" in near["fengtai-06-output-tiers"]
    small = matcher.match(load_profile(PROFILES / "fengtai_output_small.toml"), AS_OF)
    # 增量450万 < 500万: the clause's amount is not computable, but the threshold fails it — and it is close.
    line = next(ln for ln in small.lines if ln.rule.rule_id == "fengtai-06-output-growth")
    assert (line.outcome, line.reason) == ("not_eligible", "产值增量450万元，须达到500万元")
    assert [n.rule_id for n in small.near_misses] == ["fengtai-06-output-growth"]
    sw = matcher.match(load_profile(PROFILES / "fengtai_software.toml"), AS_OF)
    line = next(ln for ln in sw.lines if ln.rule.rule_id == "fengtai-06-software-tiers")
    assert line.reason == "年度营业收入3.6亿元，须达到5亿元" and not sw.near_misses  # 72%: not 差一点


def test_stacking_keeps_the_highest_and_says_so(matcher: Matcher) -> None:
    report = matcher.match(load_profile(PROFILES / "fengtai_smart_factory.toml"), AS_OF)
    by = {ln.rule.rule_id: ln for ln in report.lines}
    assert by["fengtai-11-national-smart-factory"].counted and not by["fengtai-11-city-smart-factory"].counted
    assert "就高保留300万元" in by["fengtai-11-city-smart-factory"].note
    assert "获得国家级智能工厂" in by["fengtai-11-city-smart-factory"].note


def test_expired_document_shown_not_totalled(matcher: Matcher) -> None:
    profile = load_profile(PROFILES / "jingkai_auto.toml")
    report = matcher.match(profile, AS_OF)
    jk = [ln for ln in report.lines if ln.document.doc_id == "jingkai-sida"]
    # The three years bind the 8条政策 (五、); the plan's other sections carry no expiry of their own.
    assert {ln.status for ln in jk if ln.locator.startswith("五、")} == {"已到期"} and report.total_yuan == 0
    assert {ln.status for ln in jk if not ln.locator.startswith("五、")} <= {"已印发"}
    assert all("到期" in ln.note for ln in jk if ln.outcome == "computed")
    before = matcher.match(profile, date(2022, 1, 1))  # in force then: the same rules are totalled
    assert {ln.status for ln in before.lines if ln.document.doc_id == "jingkai-sida"} == {"已印发"}
    assert before.total_yuan == 35_000 * W  # 1亿 + 5000万 + 1亿 + 1亿


def test_markdown_and_csv(matcher: Matcher) -> None:
    report = matcher.match(load_profile(PROFILES / "fengtai_equipment.toml"), AS_OF)
    md = report_markdown(report)
    assert "可获得合计（最高）：203万元" in md and "征求意见稿" in md and "已到期（2023-06-21）" in md
    assert "<details>" in md and "对获得市级首台（套）项目补贴的企业" in md
    rows = report_csv(report).lstrip("\ufeff").splitlines()
    assert len(rows) == 1 + len(matcher.rules) + 1 and rows[-1].startswith("合计,") and "2030000" in rows[-1]


def test_condition_quotes_are_in_their_clauses(matcher: Matcher) -> None:
    clauses = matcher.corpus.by_id
    assert set(matcher.conditions) == {r.rule_id for r in matcher.rules}
    for rule in matcher.rules:
        for c in matcher.conditions[rule.rule_id].when:
            assert c.quote in clauses[rule.clause_id].text, (rule.rule_id, c.quote)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"district": "火星区"}, "district"),
        ({}, "district"),
        ({"district": "丰台", "figures": {"营业收入": {"2025": "-5万"}}}, "figures.营业收入.2025"),
        ({"district": "丰台", "figures": {"营业收入": {"2025": "很多"}}}, "figures.营业收入.2025"),
        ({"district": "丰台", "projects": {"设备和软件投入": -1}}, "projects.设备和软件投入"),
        ({"district": "丰台", "awards": [{"name": "市级首台（套）项目补贴", "amount": "abc"}]}, "awards[0].amount"),
        ({"district": "丰台", "types": ["外星企业"]}, "types[0]"),
        ({"district": "丰台", "counts": {"培育企业": "三家"}}, "counts.培育企业"),
        ({"district": "丰台", "counts": {"引进企业": 2.5}}, "counts.引进企业"),
        ({"district": "丰台", "colour": "red"}, "colour"),
    ],
)
def test_bad_profiles_name_the_field(data: dict, field: str) -> None:
    with pytest.raises(InputError) as err:
        profile_from_dict(data)
    assert field in str(err.value)


# ---------------------------------------------------------------------- properties
_amount = st.integers(min_value=0, max_value=3 * 10**9).map(Decimal)
_types = st.lists(st.sampled_from(["工业企业", "软件和信息服务业企业", "大中型重点企业", "委外加工企业", "转型软件企业",
                                   "链长单位", "孵化器等服务机构", "发榜企业", "揭榜企业", "小试中试项目"]), unique=True)
_awards = st.lists(st.sampled_from(["市级首台（套）项目补贴", "重点新材料首批次应用示范奖励", "市级智能工厂（先进级）",
                                    "国家级智能工厂（卓越级/领航级）", "北京市智能制造重点课题", "国家智能制造重点课题",
                                    "市级老旧厂房改造项目资金"]), unique=True)


@st.composite
def profiles(draw: st.DrawFn, district: str = "丰台区") -> Profile:
    metrics = draw(st.lists(st.sampled_from(["营业收入", "工业产值", "研发费用"]), unique=True))
    figures = tuple((m, 2025, draw(_amount)) for m in metrics)
    awards = tuple(Award(n, draw(st.none() | _amount.filter(bool))) for n in draw(_awards))
    growth = tuple((m, draw(st.booleans())) for m in draw(st.lists(st.sampled_from(["营业收入", "工业产值", "研发费用"]),
                                                                 unique=True)))
    projects = tuple((p, draw(_amount)) for p in draw(st.lists(st.sampled_from(["固定资产投资额", "设备和软件投入",
                                                                                "项目合同金额"]), unique=True)))
    counts = tuple((c, draw(st.integers(0, 30))) for c in draw(st.lists(st.sampled_from(["培育企业", "引进企业"]),
                                                                      unique=True)))
    incs = tuple((m, draw(_amount)) for m in draw(st.lists(st.sampled_from(["营业收入", "研发费用"]), unique=True)))
    first = tuple(draw(st.lists(st.sampled_from(["国家高新技术企业", "专精特新小巨人", "工业规上"]), unique=True)))
    return Profile(district=district, types=tuple(draw(_types)), first_time=first, qualifications=first,
                   figures=figures, increments=incs, growth_above=growth, awards=awards, projects=projects,
                   counts=counts)


def _raise(p: Profile, factor: Decimal) -> Profile:
    """Every current figure, increment, received amount, project and count raised (earlier years unchanged)."""
    return dataclasses.replace(
        p, figures=tuple((m, y, v * factor) for m, y, v in p.figures),
        increments=tuple((m, v * factor) for m, v in p.increments),
        awards=tuple(dataclasses.replace(a, amount_yuan=a.amount_yuan * factor if a.amount_yuan else None)
                     for a in p.awards),
        projects=tuple((n, v * factor) for n, v in p.projects), counts=tuple((k, n * 2) for k, n in p.counts),
    )


_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@_SETTINGS
@given(p=profiles(), factor=st.sampled_from([Decimal("1.01"), Decimal("1.5"), Decimal(3)]))
def test_raising_a_figure_never_lowers_an_amount(matcher: Matcher, p: Profile, factor: Decimal) -> None:
    low, high = matcher.match(p, AS_OF), matcher.match(_raise(p, factor), AS_OF)
    for a, b in zip(low.lines, high.lines, strict=True):
        if a.outcome == "computed":
            assert b.outcome == "computed" and b.amount_yuan >= a.amount_yuan, (a.rule.rule_id, a, b)
    assert high.total_yuan >= low.total_yuan


@_SETTINGS
@given(p=profiles(), extra=profiles())
def test_adding_a_fact_never_turns_computed_into_needs_info(matcher: Matcher, p: Profile, extra: Profile) -> None:
    have = {m for m, _, _ in p.figures}
    more = dataclasses.replace(
        p, figures=p.figures + tuple(f for f in extra.figures if f[0] not in have),
        projects=p.projects + tuple(x for x in extra.projects if x[0] not in dict(p.projects)),
        counts=p.counts + tuple(x for x in extra.counts if x[0] not in dict(p.counts)),
        growth_above=p.growth_above + tuple(g for g in extra.growth_above if g[0] not in dict(p.growth_above)),
    )
    before, after = matcher.match(p, AS_OF), matcher.match(more, AS_OF)
    for a, b in zip(before.lines, after.lines, strict=True):
        if a.outcome == "computed":
            assert b.outcome != "needs_info", a.rule.rule_id


@_SETTINGS
@given(p=profiles(district="海淀区"), district=st.sampled_from(["海淀区", "门头沟区", "怀柔区", "朝阳区"]))
def test_another_district_matches_none_of_these_rules(matcher: Matcher, p: Profile, district: str) -> None:
    report = matcher.match(dataclasses.replace(p, district=district), AS_OF)
    assert {ln.outcome for ln in report.lines} == {"not_eligible"} and report.total_yuan == 0
    assert all("本条适用于" in ln.reason for ln in report.lines)


def test_profile_file_toml_and_json_agree(tmp_path: Path) -> None:
    import json

    data = tomllib.loads((PROFILES / "fengtai_equipment.toml").read_text(encoding="utf-8"))
    path = tmp_path / "p.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert load_profile(path) == load_profile(PROFILES / "fengtai_equipment.toml")


def test_industry_code_makes_an_industrial_enterprise(matcher: Matcher) -> None:
    # 门头沟 FAQ: 行业大类代码属于06-46的企业为工业企业 — a code alone is enough for the 工业企业 rules.
    p = profile_from_dict({"district": "丰台", "industry_code": "C34", "figures": {"工业产值": {"2025": "1.2亿"}}})
    assert p.types == ("工业企业",) and "06–46" in p.notes[0]
    line = next(ln for ln in matcher.match(p, AS_OF).lines if ln.rule.rule_id == "fengtai-06-output-tiers")
    assert (line.outcome, line.amount_yuan) == ("computed", 30 * W)
    services = profile_from_dict({"district": "丰台", "industry_code": "I65"})
    assert services.types == () and services.notes == ()
    with pytest.raises(InputError, match="industry_code"):
        profile_from_dict({"district": "丰台", "industry_code": "三十四"})
