"""`--text`: 20 varied descriptions read into the right roles (district, types, each figure's role),
through the question-understanding stage (policyqa.understand.read_facts)."""

from __future__ import annotations

from datetime import date

import pytest

from policyqa.errors import InputError
from policyqa.profile import Profile
from policyqa.profile_text import profile_from_text

AS_OF = date(2026, 11, 26)

CASES = [
    ('丰台的工业企业，去年产值首次过5亿，研发费用比上年多了300万，增速高于全区平均，拿了市级首台套补贴500万', '丰台区', ['工业企业'],
     {'工业产值@2025': 500000000, '研发费用增量': 3000000, 'award:市级首台（套）项目补贴': 5000000, 'growth:研发费用': True}),
    ('我们是丰台的软件企业，今年营收3.6个亿，去年3个亿，营收增速高于全区平均', '丰台区', ['软件和信息服务业企业'],
     {'营业收入@2026': 360000000, '营业收入@2025': 300000000, 'growth:营业收入': True}),
    ('丰台一家孵化器，今年培育了3家营收过2000万的智能制造企业', '丰台区', ['孵化器等服务机构'],
     {'count:培育企业': 3}),
    ('丰台的工业企业，评上了市级智能工厂（先进级），设备和软件投入800万', '丰台区', ['工业企业'],
     {'award:市级智能工厂（先进级）': None, 'project:设备和软件投入': 8000000}),
    ('我们在丰台，是链主单位，今年引进了12家上下游企业', '丰台区', ['链长单位'],
     {'count:引进企业': 12}),
    ('丰台的软件公司，去年首次认定国家高新技术企业，营收增速超过行业平均', '丰台区', ['软件和信息服务业企业'],
     {'growth:营业收入': True, 'first:国家高新技术企业': True}),
    ('亦庄的汽车企业，做固态电池卡脖子技术研发，研发投入3000万', '北京经济技术开发区', ['汽车关键技术研发'],
     {'研发费用@2025': 30000000}),
    ('海淀区的工业企业，产值2亿', '海淀区', ['工业企业'],
     {'工业产值@2025': 200000000}),
    ('丰台区大中型制造企业，研发费用增加了80万，研发增速高于全区平均水平', '丰台区', ['工业企业', '大中型重点企业'],
     {'研发费用增量': 800000, 'growth:研发费用': True}),
    ('公司注册在丰台，工业企业，2025年产值1.2亿，2024年产值9000万，产值增速低于全区平均', '丰台区', ['工业企业'],
     {'工业产值@2025': 120000000, '工业产值@2024': 90000000, 'growth:工业产值': False}),
    ('丰台的新材料公司，拿到北京市重点新材料首批次应用示范奖励300来万', '丰台区', [],
     {'award:重点新材料首批次应用示范奖励': 3000000}),
    ('丰台，工业企业，刚进规上，产值6000万', '丰台区', ['工业企业'],
     {'工业产值@2025': 60000000, 'first:工业规上': True}),
    ('门头沟的制造企业，营收8000万', '门头沟区', ['工业企业'],
     {'营业收入@2025': 80000000}),
    ('丰台的揭榜企业，签了项目合同1200W', '丰台区', ['揭榜企业'],
     {'project:项目合同金额': 12000000}),
    ('我们在丰台做小试中试，固定资产投资2000万', '丰台区', ['小试中试项目'],
     {'project:固定资产投资额': 20000000}),
    ('丰台的企业，承担国家智能制造重点课题，国家支持资金1500万', '丰台区', [],
     {'award:国家智能制造重点课题': 15000000}),
    ('丰台的工业企业，老旧厂房改造拿了市级资金400万，产值3亿', '丰台区', ['工业企业'],
     {'工业产值@2025': 300000000, 'award:市级老旧厂房改造项目资金': 4000000}),
    ('丰台的软件和信息服务业企业，首次认定专精特新小巨人，营收增速超过行业平均，去年营收5亿3千万', '丰台区', ['软件和信息服务业企业'],
     {'营业收入@2025': 530000000, 'growth:营业收入': True, 'first:专精特新小巨人': True}),
    ('丰台的工厂获评国家级智能工厂（卓越级），设备软件投入2500万，还拿了市级绿色工厂建设资金150万', '丰台区', ['工业企业'],
     {'award:国家级智能工厂（卓越级/领航级）': None, 'award:市级5G工厂/绿色工厂/零碳工厂建设资金': 1500000, 'project:设备和软件投入': 25000000}),
    ('丰台的集成电路设计公司，拿了北京市首轮流片奖励200万元，营收2.2亿', '丰台区', [],
     {'营业收入@2025': 220000000, 'award:集成电路首轮流片奖励': 2000000}),
]

def roles(p: Profile) -> dict[str, object]:
    out: dict[str, object] = {}
    for m, y, v in p.figures:
        out[f"{m}@{y}"] = int(v)
    for m, v in p.increments:
        out[f"{m}增量"] = int(v)
    for a in p.awards:
        out[f"award:{a.name}"] = None if a.amount_yuan is None else int(a.amount_yuan)
    for n, v in p.projects:
        out[f"project:{n}"] = int(v)
    for n, c in p.counts:
        out[f"count:{n}"] = c
    for m, ok in p.growth_above:
        out[f"growth:{m}"] = ok
    for q in p.first_time:
        out[f"first:{q}"] = True
    return out


def test_twenty_varied_descriptions() -> None:
    assert len(CASES) == 20 and len({c[0] for c in CASES}) == 20


@pytest.mark.parametrize(("text", "district", "types", "expected"), CASES, ids=[c[0][:14] for c in CASES])
def test_description_roles(text: str, district: str, types: list[str], expected: dict[str, object]) -> None:
    p = profile_from_text(text, AS_OF)
    assert p.district == district
    assert list(p.types) == types
    assert roles(p) == expected


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("我们是工业企业，产值5亿", "district"),
        ("丰台的工业企业，产值负500万", "负数"),
        ("", "描述为空"),
        ("丰台" + "的工业企业" * 300, "过长"),
    ],
)
def test_bad_descriptions(text: str, words: str) -> None:
    with pytest.raises(InputError, match=words):
        profile_from_text(text, AS_OF)


def test_issue_example_through_the_matcher() -> None:
    from policyqa.match import Matcher

    text = "丰台的工业企业，去年产值首次过5亿，研发费用比上年多了300万，增速高于全区平均，拿了市级首台套补贴500万"
    report = Matcher.load().match(profile_from_text(text, AS_OF), AS_OF)
    got = {ln.rule.rule_id: (ln.outcome, ln.amount_yuan) for ln in report.lines if ln.outcome != "not_eligible"}
    assert got == {
        "fengtai-06-output-tiers": ("computed", 500_000),
        "fengtai-06-output-growth": ("not_stated", None),
        "fengtai-14-first-set-subsidy": ("computed", 1_500_000),
    }
    # 研发费用增量 300万 is read, but the clause is for 大中型重点企业, which the text does not say
    rd = next(ln for ln in report.lines if ln.rule.rule_id == "fengtai-08-rd-growth")
    assert rd.outcome == "not_eligible" and "大中型重点企业" in rd.reason


def test_industry_code_in_a_description() -> None:
    p = profile_from_text("丰台的企业，行业代码C3491，产值1.2亿", AS_OF)
    assert p.industry_code == "C3491" and p.types == ("工业企业",) and p.figures == (("工业产值", 2025, 120_000_000),)


def test_approximate_figure_is_noted() -> None:
    p = profile_from_text("丰台的新材料公司，拿到北京市重点新材料首批次应用示范奖励300来万", AS_OF)
    assert p.awards[0].amount_yuan == 3_000_000 and any("约数" in n for n in p.notes)
