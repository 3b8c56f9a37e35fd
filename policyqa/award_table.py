"""The award table (corpus/awards.toml and the draft tables awards.d/*.toml written by ``policyqa add``):
read, validated field by field, and turned into ``AwardRule``s. Errors name the rule and the field."""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path

from policyqa.errors import InputError, RuleError
from policyqa.numbers import parse_amount, parse_ratio
from policyqa.settings import Settings
from policyqa.types import AwardRule

KINDS = ("fixed_cap", "rate_cap", "tiers", "threshold_rate_cap", "per_unit", "staged", "not_computable")
_COMMON = ("rule_id", "clause_id", "subject", "kind", "quote", "keywords")
_NEEDS = {
    "fixed_cap": (),
    "rate_cap": ("rate", "base_label"),
    "threshold_rate_cap": ("rate", "base_label", "cap", "threshold", "threshold_label"),
    "tiers": ("tiers", "threshold_label"),
    "per_unit": ("unit", "unit_label", "annual_cap"),
    "staged": ("stages",),
    "not_computable": ("reason", "cap"),
}
_AMOUNTS = {"cap": "cap_yuan", "threshold": "threshold_yuan", "unit": "unit_yuan", "annual_cap": "annual_cap_yuan"}
_TEXTS = ("base_label", "threshold_label", "unit_label", "reason")
_OPTIONAL = (
    *_AMOUNTS, *_TEXTS, "rate", "threshold_inclusive", "tiers", "stages", "levels", "years", "conditions", "reviewed"
)
DRAFT_NOTE = "该规则为自动提取，未经人工复核"


def _amount(rule_id: str, field: str, value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise RuleError(f"规则 {rule_id} 的字段 {field} 应为金额文字（如“200万元”），实为：{value!r}")
    try:
        return parse_amount(str(value))
    except InputError as err:
        raise RuleError(f"规则 {rule_id} 的字段 {field} 金额有误：{err}") from None


def _pairs(rule_id: str, field: str, value: object) -> list[tuple[str, object]]:
    if not isinstance(value, list) or not value:
        raise RuleError(f"规则 {rule_id} 的字段 {field} 应为非空的 [[名称, 金额], …] 列表")
    out: list[tuple[str, object]] = []
    for item in value:
        if not isinstance(item, list) or len(item) != 2 or not isinstance(item[0], str | int):
            raise RuleError(f"规则 {rule_id} 的字段 {field} 中的条目 {item!r} 应为 [名称, 金额]")
        out.append((str(item[0]), item[1]))
    return out


def _strings(rule_id: str, field: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise RuleError(f"规则 {rule_id} 的字段 {field} 应为非空文字列表")
    return tuple(value)


def build_rule(entry: dict[str, object], index: int) -> AwardRule:
    rule_id = str(entry.get("rule_id") or f"第{index}条规则")
    for name in _COMMON:
        if name not in entry or entry[name] in ("", [], None):
            raise RuleError(f"规则 {rule_id} 缺少字段 {name}")
    unknown = sorted(set(entry) - set(_COMMON) - set(_OPTIONAL))
    if unknown:
        raise RuleError(f"规则 {rule_id} 有未知字段：{'、'.join(unknown)}")
    kind = entry["kind"]
    if kind not in KINDS:
        raise RuleError(f"规则 {rule_id} 的字段 kind 的值「{kind}」未知，应为：{'、'.join(KINDS)}")
    for name in _NEEDS[str(kind)]:
        if name not in entry or entry[name] in ("", [], None):
            raise RuleError(f"规则 {rule_id}（{kind}）缺少字段 {name}")
    # A draft may state a rate with no ceiling (按地方经济贡献额80%奖励); a reviewed rule names its cap.
    capped = ("fixed_cap", "rate_cap") if entry.get("reviewed", True) else ("fixed_cap",)
    if kind in capped and "cap" not in entry and "levels" not in entry:
        raise RuleError(f"规则 {rule_id}（{kind}）缺少字段 cap 或 levels")
    for name in ("rule_id", "clause_id", "subject", "quote", *_TEXTS):
        if name in entry and not isinstance(entry[name], str):
            raise RuleError(f"规则 {rule_id} 的字段 {name} 应为文字")
    if "#" not in str(entry["clause_id"]):
        raise RuleError(f"规则 {rule_id} 的字段 clause_id「{entry['clause_id']}」应为 文档id#条款位置")
    fields: dict[str, object] = {k: entry[k] for k in ("rule_id", "clause_id", "subject", "kind", "quote")}
    for name, target in _AMOUNTS.items():
        if name in entry:
            fields[target] = _amount(rule_id, name, entry[name])
    if "rate" in entry:
        try:
            rate = parse_ratio(str(entry["rate"]))
        except InputError as err:
            raise RuleError(f"规则 {rule_id} 的字段 rate 有误：{err}") from None
        if rate <= 0:
            raise RuleError(f"规则 {rule_id} 的字段 rate 必须大于0：{entry['rate']}")
        fields["rate"] = rate
    for name in _TEXTS:
        if name in entry:
            fields[name] = entry[name]
    if "tiers" in entry:
        tiers = tuple(
            (_amount(rule_id, "tiers", t), _amount(rule_id, "tiers", a))
            for t, a in _pairs(rule_id, "tiers", entry["tiers"])
        )
        if [t for t, _ in tiers] != sorted((t for t, _ in tiers), reverse=True):
            raise RuleError(f"规则 {rule_id} 的字段 tiers 门槛应从高到低排列")
        fields["tiers"] = tiers
    if "stages" in entry:
        stages = _pairs(rule_id, "stages", entry["stages"])
        fields["stages"] = tuple((n, _amount(rule_id, "stages", a)) for n, a in stages)
    if "levels" in entry:
        levels = _pairs(rule_id, "levels", entry["levels"])
        fields["levels"] = tuple((n, _amount(rule_id, "levels", a)) for n, a in levels)
    if "years" in entry:
        if isinstance(entry["years"], bool) or not isinstance(entry["years"], int) or not 1 <= entry["years"] <= 10:
            raise RuleError(f"规则 {rule_id} 的字段 years 应为 1–10 的整数：{entry['years']!r}")
        fields["years"] = entry["years"]
    if "reviewed" in entry:
        if not isinstance(entry["reviewed"], bool):
            raise RuleError(f"规则 {rule_id} 的字段 reviewed 应为 true/false")
        fields["reviewed"] = entry["reviewed"]
    if "threshold_inclusive" in entry:
        if not isinstance(entry["threshold_inclusive"], bool):
            raise RuleError(f"规则 {rule_id} 的字段 threshold_inclusive 应为 true/false")
        fields["threshold_inclusive"] = entry["threshold_inclusive"]
    fields["keywords"] = _strings(rule_id, "keywords", entry["keywords"])
    if "conditions" in entry:
        fields["conditions"] = _strings(rule_id, "conditions", entry["conditions"]) if entry["conditions"] else ()
    rule = AwardRule(**fields)  # type: ignore[arg-type]
    if rule.kind == "staged" and rule.cap_yuan is not None and sum(a for _, a in rule.stages) != rule.cap_yuan:
        raise RuleError(f"规则 {rule_id} 的字段 stages 各阶段之和与 cap（条款所述合计）不一致")
    return rule


def load_rules(path: Path | None = None) -> list[AwardRule]:
    """Read and validate the award table (default ``corpus/awards.toml``) and, beside it, the draft tables
    ``awards.d/*.toml`` written by ``policyqa add``; errors name rule and field."""
    path = Path(path or Settings.from_env().corpus_dir / "awards.toml")
    rules = _load_table(path)
    for extra in sorted((path.parent / "awards.d").glob("*.toml")):
        for rule in _load_table(extra, allow_empty=True):
            if any(r.rule_id == rule.rule_id for r in rules):
                raise RuleError(f"规则 {rule.rule_id} 的字段 rule_id 重复（{extra.name}）")
            rules.append(rule)
    return rules


def _load_table(path: Path, allow_empty: bool = False) -> list[AwardRule]:
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RuleError(f"找不到奖励规则表 {path}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise RuleError(f"奖励规则表 {path} 格式错误：{err}") from None
    entries = data.get("rule", [] if allow_empty else None)
    if not isinstance(entries, list) or not (entries or allow_empty):
        raise RuleError(f"奖励规则表 {path} 没有任何 [[rule]] 条目")
    rules: list[AwardRule] = []
    for i, entry in enumerate(entries, start=1):
        rule = build_rule(entry, i)
        if any(r.rule_id == rule.rule_id for r in rules):
            raise RuleError(f"规则 {rule.rule_id} 的字段 rule_id 重复")
        rules.append(rule)
    return rules
