"""Typed conditions on the rules (corpus/rule_conditions.toml): who a rule applies to, checked
against a ``Profile`` before the one evaluator runs, and the profile values that become its ``Facts``.

A profile figure becomes a ``Fact`` whose cues are the rule's own label words, so
:func:`policyqa.rules.bind.bind` binds it exactly as it binds a figure typed in the chat.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from policyqa.errors import RuleError
from policyqa.profile import Profile
from policyqa.rules.bind import label_cues
from policyqa.types import AwardRule
from policyqa.understand.facts import Count, Fact, Facts

FACTS = ("type", "qualification", "first_time", "award", "growth.营业收入", "growth.工业产值", "growth.研发费用",
         "info_only")
OPS = ("any", "above_average", "never")
_METRIC_WORDS = {"营业收入": "年度营业收入", "工业产值": "年度工业产值", "研发费用": "年度研发费用"}


@dataclass(frozen=True, slots=True)
class Condition:
    fact: str
    op: str
    value: tuple[str, ...] | bool
    quote: str  # the words of the clause that state it


@dataclass(frozen=True, slots=True)
class RuleConditions:
    rule_id: str
    when: tuple[Condition, ...] = ()
    inputs: tuple[str, ...] = ()  # award | project:NAME | metric:NAME | count:NAME | level
    group: str = ""  # 同类条款: only the highest amount in a group is counted


@dataclass(frozen=True, slots=True)
class Check:
    """The outcome of the typed conditions: ok, fail (reason), unknown (what to provide) or info (not stated)."""

    state: str
    reason: str = ""
    missing: tuple[str, ...] = ()
    condition: Condition | None = None


def load_conditions(path: Path) -> dict[str, RuleConditions]:
    """Read the typed conditions; errors name the rule and field. A rule without an entry has none."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except tomllib.TOMLDecodeError as err:
        raise RuleError(f"条件表 {path} 格式错误：{err}") from None
    out: dict[str, RuleConditions] = {}
    for rule_id, entry in (data.get("rule") or {}).items():
        when = []
        for i, c in enumerate(entry.get("when", [])):
            where = f"条件表 {rule_id} 的 when[{i}]"
            if c.get("fact") not in FACTS or c.get("op") not in OPS or not c.get("quote"):
                raise RuleError(f"{where} 应含 fact（{'/'.join(FACTS)}）、op（{'/'.join(OPS)}）与 quote")
            value = c.get("value")
            value = tuple(value) if isinstance(value, list) else bool(value)
            when.append(Condition(c["fact"], c["op"], value, c["quote"]))
        inputs = tuple(entry.get("inputs", ()))
        for name in inputs:
            if name not in ("award", "level") and name.split(":")[0] not in ("project", "metric", "count"):
                raise RuleError(f"条件表 {rule_id} 的 inputs 项「{name}」未知")
        out[rule_id] = RuleConditions(rule_id, tuple(when), inputs, str(entry.get("group", "")))
    return out


def _have(profile: Profile, fact: str) -> tuple[str, ...]:
    if fact == "type":
        return profile.types
    if fact == "qualification":
        return profile.qualifications
    if fact == "first_time":
        return profile.first_time
    return tuple(a.name for a in profile.awards)


_WHAT = {"type": "适用对象", "qualification": "资质", "first_time": "首次认定/首次纳入", "award": "已获奖励或认定"}


def check(profile: Profile, rc: RuleConditions | None) -> Check:
    """Every typed condition in order; the first failing one decides, then the first unknown one."""
    unknown: Check | None = None
    for c in rc.when if rc else ():
        if c.op == "never":
            return Check("info", condition=c)
        if c.op == "any":
            assert isinstance(c.value, tuple)
            if not set(c.value) & set(_have(profile, c.fact)):
                said = "、".join(c.value)
                return Check("fail", f"本条要求{_WHAT[c.fact]}为「{said}」，画像中没有", condition=c)
        elif c.op == "above_average":
            metric = c.fact.split(".", 1)[1]
            growth = profile.growth(metric)
            if growth is False:
                return Check("fail", f"本条要求“{c.quote}”，画像所述{metric}增速低于平均水平", condition=c)
            if growth is None and unknown is None:
                unknown = Check("unknown", missing=(f"{_METRIC_WORDS[metric]}增速是否高于全区/行业平均水平",),
                                condition=c)
    return unknown or Check("ok")


def rule_facts(profile: Profile, rule: AwardRule, rc: RuleConditions | None) -> Facts:
    """The profile values this rule reads, as ``Facts`` whose cues are the rule's label words."""
    cues = label_cues(rule.base_label) | label_cues(rule.threshold_label)
    phrase = rule.base_label or rule.threshold_label
    figures: list[Fact] = []
    counts: list[Count] = []
    levels: list[str] = []
    award_names = next((c.value for c in (rc.when if rc else ()) if c.fact == "award"), ())
    for name in rc.inputs if rc else ():
        kind, _, what = name.partition(":")
        if kind == "award":
            for a in profile.awards:
                if a.name in award_names and a.amount_yuan is not None:
                    figures.append(_fact(a.amount_yuan, phrase, cues, len(figures)))
        elif kind == "level":
            levels += [a.level for a in profile.awards if a.name in award_names and a.level]
        elif kind == "project":
            value = profile.project(what)
            if value is not None:
                figures.append(_fact(value, phrase, cues, len(figures)))
        elif kind == "count":
            n = profile.count(what)
            if n is not None:
                counts.append(Count(n, rule.unit_label or "家", what))
        elif kind == "metric":
            inc = profile.increment(what)
            if inc is not None:
                figures.append(_fact(inc, f"{what}增加了", cues, len(figures), increment=True))
            for i, (_, value) in enumerate(profile.years(what)[:2]):
                figures.append(_fact(value, phrase, cues, len(figures), before="今年" if i == 0 else "上年"))
    return Facts(figures=tuple(figures), counts=tuple(counts), levels=tuple(levels), text="")


def _fact(value: Decimal, phrase: str, cues: frozenset[str], order: int, *, increment: bool = False,
          before: str = "") -> Fact:
    return Fact(value=value, phrase=phrase, before=before, cues=cues, increment=increment, reached=not increment,
                order=order)
