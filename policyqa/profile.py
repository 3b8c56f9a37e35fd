"""An enterprise described once: ``Profile`` (frozen, typed), read from TOML/JSON or a dict.

Vocabulary is fixed here (types, qualifications, awards, projects, counts, metrics), so a profile
read from a file, the UI form or free text (:mod:`policyqa.profile_text`) means the same thing.
Errors are ``InputError`` naming the field (「字段 figures.营业收入.2025：…」).
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from policyqa.errors import InputError
from policyqa.numbers import MAX_YUAN, parse_amount

# Districts a profile may name: the corpus's four, and Beijing's other districts (no rules apply there).
DISTRICTS: dict[str, tuple[str, ...]] = {
    "丰台区": ("丰台",), "门头沟区": ("门头沟",), "怀柔区": ("怀柔",),
    "北京经济技术开发区": ("经开区", "开发区", "亦庄", "北京亦庄", "经济技术开发区"),
    **{f"{n}区": (n,) for n in ("东城", "西城", "朝阳", "海淀", "石景山", "通州", "顺义", "昌平", "大兴",
                                "房山", "平谷", "密云", "延庆")},
}
# 企业类型 / 行业 / 项目类别 the rules distinguish.
TYPES = (
    "工业企业", "软件和信息服务业企业", "大中型重点企业", "委外加工企业", "转型软件企业", "链长单位",
    "孵化器等服务机构", "发榜企业", "揭榜企业", "重大产业化项目", "小试中试项目", "智能制造系统解决方案供应商",
    "汽车关键技术研发", "汽车先进技术成果转化", "千亿级产业集群龙头企业", "新一代信息技术应用示范项目",
    "国家级创新平台", "医药临床研究", "医药成果转化",
)
QUALIFICATIONS = ("国家高新技术企业", "专精特新中小企业", "专精特新小巨人", "工业规上", "软件规上")
# Awards received (from the city or the state); an amount where the rule pays a share of it.
AWARDS = (
    "市级首台（套）项目补贴", "北京市首台（套）重大技术装备目录", "重点新材料首批次应用示范奖励",
    "绿色能源新技术新产品应用推广奖励", "集成电路首轮流片奖励", "行业标杆示范首方案奖励", "行业模型首方案奖励",
    "机器人创新产品首试首用奖励", "市级5G工厂/绿色工厂/零碳工厂建设资金", "市级老旧厂房改造项目资金",
    "市级智能工厂（先进级）", "国家级智能工厂（卓越级/领航级）", "灯塔工厂", "国家智能制造重点课题",
    "北京市智能制造重点课题", "智能制造研发创新平台", "国家重点专精特新小巨人高质量发展项目",
)
LEVELS = ("国家级", "市级")
METRICS = ("营业收入", "工业产值", "研发费用")
PROJECTS = ("固定资产投资额", "设备和软件投入", "项目合同金额")
COUNTS = ("培育企业", "引进企业")
# Short names people write → the canonical names above.
ALIASES: dict[str, str] = {
    "首台套": "市级首台（套）项目补贴", "市级首台套": "市级首台（套）项目补贴", "首台（套）": "市级首台（套）项目补贴",
    "首台套目录": "北京市首台（套）重大技术装备目录", "新材料首批次": "重点新材料首批次应用示范奖励",
    "首批次": "重点新材料首批次应用示范奖励", "首轮流片": "集成电路首轮流片奖励", "流片": "集成电路首轮流片奖励",
    "首试首用": "机器人创新产品首试首用奖励", "绿色工厂": "市级5G工厂/绿色工厂/零碳工厂建设资金",
    "5G工厂": "市级5G工厂/绿色工厂/零碳工厂建设资金", "零碳工厂": "市级5G工厂/绿色工厂/零碳工厂建设资金",
    "老旧厂房改造": "市级老旧厂房改造项目资金", "市级智能工厂": "市级智能工厂（先进级）",
    "国家级智能工厂": "国家级智能工厂（卓越级/领航级）", "高新技术企业": "国家高新技术企业",
    "国家高新": "国家高新技术企业",
    "专精特新": "专精特新中小企业", "小巨人": "专精特新小巨人", "规上": "工业规上", "营收": "营业收入",
    "产值": "工业产值", "研发投入": "研发费用", "软件和信息服务业": "软件和信息服务业企业",
    "软件企业": "软件和信息服务业企业",
    "孵化器": "孵化器等服务机构", "链主": "链长单位", "链主单位": "链长单位", "固投": "固定资产投资额",
}
_MAX_TEXT = 200


@dataclass(frozen=True, slots=True)
class Award:
    name: str  # one of AWARDS
    amount_yuan: Decimal | None = None  # what the city/state paid, where a rule pays a share of it
    level: str = ""  # 国家级 / 市级, for level-dependent rules (研发创新平台)


@dataclass(frozen=True, slots=True)
class Profile:
    """What an enterprise is and has, in the project's vocabulary; every field optional but the district."""

    district: str  # canonical: 丰台区
    name: str = ""
    types: tuple[str, ...] = ()
    industry_code: str = ""  # 国民经济行业分类, e.g. C34 (kept as given)
    qualifications: tuple[str, ...] = ()
    first_time: tuple[str, ...] = ()  # qualifications obtained for the first time (首次认定 / 首次纳入)
    figures: tuple[tuple[str, int, Decimal], ...] = ()  # (metric, year, yuan)
    increments: tuple[tuple[str, Decimal], ...] = ()  # (metric, yuan) stated as an increase over last year
    growth_above: tuple[tuple[str, bool], ...] = ()  # (metric, growth above the 全区/行业 average?)
    awards: tuple[Award, ...] = ()
    projects: tuple[tuple[str, Decimal], ...] = ()
    counts: tuple[tuple[str, int], ...] = ()
    notes: tuple[str, ...] = field(default=())  # how free text was read (shown, never used to compute)

    def years(self, metric: str) -> list[tuple[int, Decimal]]:
        """(year, value) of a metric, latest first."""
        return sorted(((y, v) for m, y, v in self.figures if m == metric), reverse=True)

    def increment(self, metric: str) -> Decimal | None:
        return next((v for m, v in self.increments if m == metric), None)

    def growth(self, metric: str) -> bool | None:
        return next((ok for m, ok in self.growth_above if m == metric), None)

    def award(self, name: str) -> Award | None:
        return next((a for a in self.awards if a.name == name), None)

    def project(self, name: str) -> Decimal | None:
        return next((v for n, v in self.projects if n == name), None)

    def count(self, name: str) -> int | None:
        return next((n for k, n in self.counts if k == name), None)


def canonical_district(value: object, where: str = "district") -> str:
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"字段 {where}（注册区）缺失或为空，请填写如「丰台区」")
    name = value.strip()
    for canon, aliases in DISTRICTS.items():
        if name == canon or name in aliases:
            return canon
    raise InputError(
        f"字段 {where}（注册区）的值「{name[:_MAX_TEXT]}」未知，应为北京市的区，如：丰台区、门头沟区、怀柔区、经开区"
    )


def _name(value: object, allowed: tuple[str, ...], where: str, what: str) -> str:
    if not isinstance(value, str):
        raise InputError(f"字段 {where}（{what}）应为文字，收到：{value!r}"[:300])
    name = ALIASES.get(value.strip(), value.strip())
    if name not in allowed:
        raise InputError(f"字段 {where}（{what}）的值「{value[:_MAX_TEXT]}」未知，可选：{'、'.join(allowed)}")
    return name


def _names(value: object, allowed: tuple[str, ...], where: str, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise InputError(f"字段 {where}（{what}）应为列表，如 [\"{allowed[0]}\"]")
    return tuple(dict.fromkeys(_name(v, allowed, f"{where}[{i}]", what) for i, v in enumerate(value)))


def money(value: object, where: str) -> Decimal:
    """A non-negative amount (number of yuan, or text such as 「500万」); errors name the field."""
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise InputError(f"字段 {where} 应为金额（如 5000000 或 \"500万\"），收到：{value!r}"[:300])
    if isinstance(value, str) and len(value) > 40:
        raise InputError(f"字段 {where} 的金额过长，请检查")
    if isinstance(value, str) and value.strip().startswith(("-", "－", "−", "负")):
        raise InputError(f"字段 {where} 的金额不能为负数：{value}")
    try:
        amount = parse_amount(value) if isinstance(value, str) else Decimal(str(value))
    except (InputError, ArithmeticError, ValueError):
        raise InputError(f"字段 {where} 的值「{value}」不是有效金额（如 5000000 或 \"500万\"）") from None
    if not amount.is_finite():
        raise InputError(f"字段 {where} 的值「{value}」不是有效金额")
    if amount < 0:
        raise InputError(f"字段 {where} 的金额不能为负数：{value}")
    if amount > MAX_YUAN:
        raise InputError(f"字段 {where} 的金额过大（超过10万亿元），请检查：{value}")
    return amount


def _count(value: object, where: str) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a number box sends 3.0
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise InputError(f"字段 {where} 应为整数（家数），收到：{value!r}"[:300])
    try:
        n = int(value)
    except ValueError:
        raise InputError(f"字段 {where} 的值「{str(value)[:40]}」不是整数") from None
    if not 0 <= n <= 100_000:
        raise InputError(f"字段 {where} 的值应在 0 到 100000 之间：{value}")
    return n


def _table(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key) or {}
    if not isinstance(value, dict):
        raise InputError(f"字段 {key} 应为表（键值对）")
    return value


def _growth(value: object, where: str) -> bool:
    if isinstance(value, bool):
        return value
    if value in ("高于平均", "above", "高于", "超过"):
        return True
    if value in ("低于平均", "below", "低于", "未超过"):
        return False
    raise InputError(
        f"字段 {where}（增速与平均水平相比）应为 true/false 或「高于平均」/「低于平均」，收到：{value!r}"[:300]
    )


def profile_from_dict(data: object) -> Profile:
    """A profile from parsed TOML/JSON (or the UI form); unknown fields are errors naming them."""
    if not isinstance(data, dict):
        raise InputError("企业画像应为一个对象（TOML 表或 JSON 对象）")
    known = {"name", "district", "types", "industry_code", "qualifications", "first_time", "figures",
             "increments", "growth_above_average", "awards", "projects", "counts", "notes"}
    unknown = sorted(set(data) - known)
    if unknown:
        names = "、".join(map(str, unknown))[:200]
        raise InputError(f"企业画像有未知字段：{names}（可用：{'、'.join(sorted(known))}）")
    figures: list[tuple[str, int, Decimal]] = []
    for metric, years in _table(data, "figures").items():
        m = _name(metric, METRICS, f"figures.{metric}", "指标")
        if not isinstance(years, dict):
            raise InputError(f"字段 figures.{metric} 应为 {{年份 = 金额}} 表，如 2025 = \"3亿\"")
        for year, value in years.items():
            if not str(year).isdigit() or not 1990 <= int(year) <= 2100:
                raise InputError(f"字段 figures.{metric} 的年份「{year}」无效")
            figures.append((m, int(year), money(value, f"figures.{metric}.{year}")))
    increments = tuple((_name(k, METRICS, f"increments.{k}", "指标"), money(v, f"increments.{k}"))
                       for k, v in _table(data, "increments").items())
    growth = tuple((_name(k, METRICS, f"growth_above_average.{k}", "指标"), _growth(v, f"growth_above_average.{k}"))
                   for k, v in _table(data, "growth_above_average").items())
    raw_awards = data.get("awards") or []
    if not isinstance(raw_awards, list):
        raise InputError("字段 awards 应为列表，每项含 name（及 amount、level）")
    awards = []
    for i, item in enumerate(raw_awards):
        if isinstance(item, str):
            item = {"name": item}
        if not isinstance(item, dict) or "name" not in item:
            example = '{name = "市级首台（套）项目补贴", amount = "500万"}'
            raise InputError(f"字段 awards[{i}] 应含 name，如 {example}")
        level = item.get("level", "")
        if level and level not in LEVELS:
            raise InputError(f"字段 awards[{i}].level 的值「{level}」未知，应为：国家级、市级")
        amount = money(item["amount"], f"awards[{i}].amount") if item.get("amount") not in (None, "") else None
        awards.append(Award(_name(item["name"], AWARDS, f"awards[{i}].name", "已获奖励"), amount, level))
    projects = tuple((_name(k, PROJECTS, f"projects.{k}", "项目投入"), money(v, f"projects.{k}"))
                     for k, v in _table(data, "projects").items())
    counts = tuple((_name(k, COUNTS, f"counts.{k}", "家数"), _count(v, f"counts.{k}"))
                   for k, v in _table(data, "counts").items())
    code = data.get("industry_code", "")
    if not isinstance(code, str) or len(code) > 10:
        raise InputError(f"字段 industry_code（国民经济行业分类代码）应为如「C34」的代码，收到：{code!r}"[:300])
    name = data.get("name", "")
    if not isinstance(name, str):
        raise InputError("字段 name（企业名称）应为文字")
    types = _names(data.get("types"), TYPES, "types", "企业类型")
    types, notes = industry_types(code.strip(), types)
    quals = _names(data.get("qualifications"), QUALIFICATIONS, "qualifications", "资质")
    first = _names(data.get("first_time"), QUALIFICATIONS, "first_time", "首次认定的资质")
    return Profile(
        district=canonical_district(data.get("district")), name=name[:_MAX_TEXT],
        types=types, industry_code=code.strip(), notes=notes,
        qualifications=tuple(dict.fromkeys((*quals, *first))), first_time=first, figures=tuple(figures),
        increments=increments, growth_above=growth, awards=tuple(awards), projects=projects, counts=counts,
    )


_CODE = re.compile(r"^[A-Ta-t]?(\d{2})\d{0,2}$")


def industry_types(code: str, types: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """工业企业 from a 国民经济行业分类 code (大类 06–46, as the 门头沟 policy FAQ defines it)."""
    m = _CODE.match(code)
    if not code:
        return types, ()
    if m is None:
        raise InputError(f"字段 industry_code（国民经济行业分类代码）的值「{code}」无效，应为如「C34」或「3491」")
    major = int(m[1])
    if 6 <= major <= 46 and "工业企业" not in types:
        note = (f"行业代码 {code}（大类 {major:02d}）属于 06–46，按国民经济行业分类（GB/T 4754-2017）视为工业企业"
                "（《门头沟区促进工业高质量发展的若干措施》政策解读所载定义）")
        return (*types, "工业企业"), (note,)
    return types, ()


def load_profile(path: Path) -> Profile:
    """Read a profile file (.toml or .json); a malformed file is an ``InputError`` naming it."""
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"找不到企业画像文件：{path}") from None
    except UnicodeDecodeError:
        raise InputError(f"企业画像文件不是 UTF-8 文本：{path}") from None
    try:
        data = json.loads(raw) if Path(path).suffix.lower() == ".json" else tomllib.loads(raw)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as err:
        raise InputError(f"企业画像文件 {path} 格式错误：{err}") from None
    return profile_from_dict(data)


def profile_json(p: Profile) -> dict[str, Any]:
    """The profile as understood (the inverse of ``profile_from_dict``, amounts in yuan)."""
    def num(d: Decimal) -> int | float:
        return int(d) if d == d.to_integral_value() else float(d)

    figures: dict[str, dict[str, int | float]] = {}
    for m, y, v in sorted(p.figures):
        figures.setdefault(m, {})[str(y)] = num(v)
    out: dict[str, Any] = {
        "name": p.name, "district": p.district, "types": list(p.types), "industry_code": p.industry_code,
        "qualifications": list(p.qualifications), "first_time": list(p.first_time), "figures": figures,
        "increments": {m: num(v) for m, v in p.increments},
        "growth_above_average": {m: ok for m, ok in p.growth_above},
        "awards": [{"name": a.name, "amount": num(a.amount_yuan) if a.amount_yuan is not None else None,
                    "level": a.level} for a in p.awards],
        "projects": {n: num(v) for n, v in p.projects}, "counts": dict(p.counts),
    }
    if p.notes:
        out["notes"] = list(p.notes)
    return out
