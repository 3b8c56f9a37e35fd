"""Free text → ``Profile``, through the question-understanding stage (:func:`read_facts`).

「丰台的工业企业，去年产值首次过5亿，研发费用比上年多了300万，增速高于全区平均，拿了市级首台套补贴500万」
→ 丰台区 · 工业企业 · 工业产值 5亿 (last year) · 研发费用增量 300万 · 研发费用增速高于平均 ·
市级首台（套）项目补贴 500万. Each money figure's role is read from its own phrase (its cues).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal

from policyqa.errors import InputError
from policyqa.profile import DISTRICTS, Award, Profile, industry_types
from policyqa.understand.facts import read_facts

_SEG = re.compile(r"[，,。；;！!？?\n]")
_MAX_CHARS = 1000
_TYPES: tuple[tuple[str, str], ...] = (
    (r"工业企业|制造企业|制造业企业|工厂|生产企业|装备企业|制造商", "工业企业"),
    (r"软件|信息服务|信息技术服务|SaaS|互联网企业", "软件和信息服务业企业"),
    (r"大中型|大型企业|中型企业|重点企业", "大中型重点企业"),
    (r"委外", "委外加工企业"),
    (r"转型|剥离", "转型软件企业"),
    (r"链主|链长", "链长单位"),
    (r"孵化器|特色园区|育新基地|众创空间", "孵化器等服务机构"),
    (r"发榜", "发榜企业"),
    (r"揭榜(?!挂帅)|揭了榜", "揭榜企业"),
    (r"小试|中试|调试组装", "小试中试项目"),
    (r"重大产业化项目|关键环节项目", "重大产业化项目"),
    (r"解决方案供应商", "智能制造系统解决方案供应商"),
    (r"卡脖子|固态电池|车规级芯片|三电系统", "汽车关键技术研发"),
)
_QUALS: tuple[tuple[str, str], ...] = (
    (r"高新技术企业|国家高新|高企", "国家高新技术企业"),
    (r"专精特新(?!.{0,3}小巨人)(中小企业)?", "专精特新中小企业"),
    (r"小巨人", "专精特新小巨人"),
)
_FIRST = re.compile(r"首次|第一次|头一回|刚|新认定|新评|今年评上|去年评上|今年认定|去年认定|升规|进规|纳入|新进")
_SCALE = re.compile(r"规上|规模以上|升规|进规")
# Awards: keyword → name; amounts are taken from the same phrase.
_AWARDS: tuple[tuple[str, str], ...] = (
    (r"首台套?(（套）)?[^，。]{0,4}目录|装备目录", "北京市首台（套）重大技术装备目录"),
    (r"首台", "市级首台（套）项目补贴"),
    (r"首批次|新材料[^，。]{0,6}奖励", "重点新材料首批次应用示范奖励"),
    (r"绿色能源|应用推广", "绿色能源新技术新产品应用推广奖励"),
    (r"流片", "集成电路首轮流片奖励"),
    (r"行业模型", "行业模型首方案奖励"),
    (r"首方案|信创", "行业标杆示范首方案奖励"),
    (r"首试首用|机器人创新产品", "机器人创新产品首试首用奖励"),
    (r"5G工厂|5g工厂|绿色工厂|零碳工厂", "市级5G工厂/绿色工厂/零碳工厂建设资金"),
    (r"老旧厂房|厂房改造", "市级老旧厂房改造项目资金"),
    (r"灯塔", "灯塔工厂"),
    (r"(国家级|国家)[^，。]{0,4}智能工厂|卓越级|领航级", "国家级智能工厂（卓越级/领航级）"),
    (r"智能工厂|先进级", "市级智能工厂（先进级）"),
    (r"国家[^，。]{0,6}课题", "国家智能制造重点课题"),
    (r"课题", "北京市智能制造重点课题"),
    (r"重点实验室|工程研究中心|企业技术中心|概念验证平台", "智能制造研发创新平台"),
    (r"高质量发展项目", "国家重点专精特新小巨人高质量发展项目"),
)
_PROJECTS: tuple[tuple[str, str], ...] = (
    (r"设备|软件投入|软硬件", "设备和软件投入"),
    (r"合同", "项目合同金额"),
    (r"固定资产|固投|投资", "固定资产投资额"),
)
_METRICS: tuple[tuple[str, str], ...] = (
    (r"研发", "研发费用"), (r"产值", "工业产值"), (r"营收|营业收入|收入|销售额|销售收入", "营业收入"),
)
_CODE = re.compile(r"(?:行业代码|行业分类代码|行业分类|国民经济行业代码)[是为：:\s]*([A-Ta-t]?\d{2,4})")
_UNIT_WORDS = r"培育|孵化|毕业|引进|落地|吸引|招引|带来|招来"
_NEGATED = re.compile(r"没|未|尚未|还没|不是")


def _first(table: tuple[tuple[str, str], ...], text: str) -> str | None:
    return next((name for pattern, name in table if re.search(pattern, text)), None)


def _year(before: str, as_of: date, default: int) -> int:
    explicit = re.findall(r"(20\d\d)年", before)
    if explicit:
        return int(explicit[-1])
    words = [(before.rfind(w), y) for w, y in (("前年", 2), ("去年", 1), ("上年", 1), ("上一年", 1), ("今年", 0),
                                               ("本年", 0), ("当年", 0))]
    pos, back = max(words)
    return as_of.year - back if pos >= 0 else default


def profile_from_text(text: str, as_of: date | None = None) -> Profile:
    """Read a profile from a description; errors (no district, too long) name the field."""
    if not isinstance(text, str) or not text.strip():
        raise InputError("描述为空：请用一两句话写明注册区、企业类型和主要数据")
    if len(text) > _MAX_CHARS:
        raise InputError(f"描述过长（{len(text)} 字），请精简到 {_MAX_CHARS} 字以内")
    as_of = as_of or date.today()
    facts = read_facts(text)
    canon = facts.text
    district = _district(canon)
    segments = [s for s in _SEG.split(canon) if s]
    notes: list[str] = []

    # 「智能工厂」「设备和软件投入」 name an award and a project, not what the enterprise is.
    plain = re.sub(r"(智能|灯塔|绿色|零碳|5G|5g)工厂|设备和软件|软件投入|软硬件|信息软件|智能制造企业", "", canon)
    types = tuple(dict.fromkeys(name for pattern, name in _TYPES if re.search(pattern, plain)))
    code_match = _CODE.search(canon)
    code = code_match[1] if code_match else ""
    types, code_notes = industry_types(code, types)
    quals: list[str] = []
    first: list[str] = []
    for seg in segments:
        if _NEGATED.search(seg) and not _SCALE.search(seg):
            continue
        found = [name for pattern, name in _QUALS if re.search(pattern, seg)]
        if _SCALE.search(seg):
            found.append("软件规上" if "软件和信息服务业企业" in types and "工业企业" not in types else "工业规上")
        quals += found
        if _FIRST.search(seg):
            first += found
    awards: dict[str, Award] = {}
    for seg in segments:
        name = _first(_AWARDS, seg)
        if name is None or re.search(r"没|未|尚未|还没", seg):
            continue
        level = "国家级" if re.search(r"国家", seg) else "市级" if re.search(r"市级|北京市|市里", seg) else ""
        awards.setdefault(name, Award(name, None, level))

    figures: list[tuple[str, int, Decimal]] = []
    increments: list[tuple[str, Decimal]] = []
    projects: dict[str, Decimal] = {}
    last_metric: str | None = None
    default_year = as_of.year - 1
    for fact in facts.money:
        phrase = fact.phrase
        if re.search(_UNIT_WORDS, phrase) and re.search(r"[万亿]元?(及以上|以上)?的", phrase):
            notes.append(f"「{phrase}」中的金额是所培育/引进企业的条件，未作为本企业数据")
            continue
        if fact.approximate:
            notes.append(f"「{phrase}」是约数，按{fact.value:,.0f}元估算")
        award = _first(_AWARDS, phrase)
        if award is not None and award in awards:
            awards[award] = replace(awards[award], amount_yuan=fact.value)
            last_metric = None
            continue
        metric = _first(_METRICS, phrase)
        project = _first(_PROJECTS, phrase)
        pending = [a for a in awards.values() if a.amount_yuan is None]
        if not metric and not project and pending and re.search(r"资金|支持|补贴|奖励|拿了|给了", phrase):
            # 「承担国家重点课题，国家支持资金1500万」: the amount of the award named just before
            level = "国家级" if "国家" in phrase else "市级" if re.search(r"市级|北京市|市里", phrase) else ""
            target = next((a for a in pending if not level or a.level in ("", level)), pending[0])
            awards[target.name] = replace(target, amount_yuan=fact.value)
            continue
        if project == "固定资产投资额" and metric and not re.search(r"固定资产|固投", phrase):
            project = None  # 「研发投资」 is a metric, 「投资2000万建线」 a project
        if project:
            projects.setdefault(project, fact.value)
            last_metric = None
            continue
        metric = metric or last_metric
        if metric is None:
            notes.append(f"未能判断「{phrase}」中的金额指什么，未使用")
            continue
        last_metric = metric
        if fact.increment:
            increments.append((metric, fact.value))
        else:
            year = _year(fact.before, as_of, default_year)
            if any(m == metric and y == year for m, y, _ in figures):
                year -= 1  # 「营收3.6亿，上年3亿」: a second level of the same metric is the earlier year
            figures.append((metric, year, fact.value))
    for fact in facts.figures:
        if fact.invalid:
            raise InputError(f"描述中的金额「{fact.phrase}」为负数，无法测算")

    counts: dict[str, int] = {}
    for c in facts.counts:
        if c.unit != "家" or not re.search(rf"({_UNIT_WORDS})[^，。]{{0,8}}家", c.phrase):
            continue  # 「一家孵化器」 names us; 「培育了3家」 counts what the rule pays for
        kind = "培育企业" if re.search(r"培育|孵化|毕业", c.phrase) else "引进企业"
        counts.setdefault(kind, c.n)

    growth = _growth(segments, [m for m, _, _ in figures] + [m for m, _ in increments])
    return Profile(
        district=district, name="", types=types, industry_code=code, qualifications=tuple(dict.fromkeys(quals)),
        first_time=tuple(dict.fromkeys(first)), figures=tuple(figures), increments=tuple(increments),
        growth_above=growth, awards=tuple(awards.values()), projects=tuple(projects.items()),
        counts=tuple(counts.items()), notes=(*code_notes, *notes),
    )


def _district(text: str) -> str:
    found = []
    for canon, aliases in DISTRICTS.items():
        for alias in (canon, *aliases):
            pos = text.find(alias)
            if pos >= 0:
                found.append((pos, -len(alias), canon))
    if not found:
        raise InputError("字段 district（注册区）：描述中没有读到注册区，请写明如「丰台的工业企业…」")
    return min(found)[2]


def _growth(segments: list[str], stated: list[str]) -> tuple[tuple[str, bool], ...]:
    """增速高于/低于平均 → the metrics named in that phrase, else in the phrase before, else all stated."""
    out: dict[str, bool] = {}
    for i, seg in enumerate(segments):
        if not re.search(r"平均|均值", seg):
            continue
        above = read_facts(seg).above_average
        if above is None:
            continue
        named = [m for p, m in _METRICS if re.search(p, seg)]
        if not named and i > 0:
            named = [m for p, m in _METRICS if re.search(p, segments[i - 1])]
        for metric in named or list(dict.fromkeys(stated)) or ["营业收入"]:
            out[metric] = above
    return tuple(out.items())

