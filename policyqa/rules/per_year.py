"""One award over several years: 「两年加起来」 asked, a figure per year (2023年…2024年, 去年…今年, 第一年…第二年),
each year computed and capped on its own (年度最高…, 连续支持不超过两年), then added."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from itertools import pairwise

from policyqa.awards import calculate
from policyqa.numbers import format_wan
from policyqa.rules.bind import GENERIC, growth_rule, label_cues
from policyqa.rules.outcome import Verdict
from policyqa.types import AwardRule
from policyqa.understand.facts import Fact, Facts

SUM = re.compile(r"加起来|加一起|加在一起|加一块|放一块|合计|一共|总共|累计|前后|两笔|三笔|全部|总计")
_YEARS_ASKED = re.compile(
    r"([两二三四五2-5])年(?:加起来|加一起|一共|合计|总共|累计|下来)|(?:连续|这)([两二三四五2-5])年"
)
# The year a figure is for, by the last time word before it: a calendar year, one said relative to now,
# or the project's own count of years. Only figures counted the same way are put in one series.
_YEAR_WORDS = re.compile(r"(\d{4})\s*年|前年|去年|上一?年|今年|当年|本年|明年|第([一二三四五1-5])年|首年|头一?年|次年")
_RELATIVE = {"前年": -2, "去年": -1, "上年": -1, "上一年": -1, "今年": 0, "当年": 0, "本年": 0, "明年": 1}
_ORDINAL = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "首年": 1, "头年": 1, "头一年": 1, "次年": 2}
_CN = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5}


_TOTAL_ASKED = re.compile(rf"{SUM.pattern}|总额|给满|[两三四五几]年[^，。？?]{{0,3}}下来")  # (SUM: 加起来, 前后…)
# 「前前后后投了三千来万」 tells how the figure was spent; 「一年最多能拿多少」 asks one year, not the term.
_SPENT = re.compile(r"前前后后|(?:前后|一共|总共|累计)(?=[^，。？?]{0,3}(?:投|花|砸|买|付|用了))")
_ONE_YEAR = re.compile(r"(?:一年|每年|单年|年度|一年内)[^，。？?]{0,4}(?:最多|最高|能拿|能给|能补|多少)")


def one_year_asked(text: str) -> bool:
    return bool(_ONE_YEAR.search(text))


def asks_total(text: str) -> bool:
    """「总共最多多少」 of a rule paid over several years asks the whole term."""
    # (both asked — 「一年最多给多少？两年加一块呢」 — the total is computed and the year's cap said beside it)
    return bool(_TOTAL_ASKED.search(_SPENT.sub("", text)))


def years_asked(text: str) -> int | None:
    """「连续两年加起来最多拿多少」: the number of years a total is asked over."""
    m = _YEARS_ASKED.search(text)
    if not m:
        return None
    said = m[1] or m[2]
    return int(said) if said.isdigit() else _CN[said]


def year_of(fact: Fact) -> tuple[str, int, str] | None:
    """(how it is counted, which year, the words) for the figure, or None when no year is said."""
    found = list(_YEAR_WORDS.finditer(fact.before))
    if not found:
        return None
    # 「第二年按当年投资」: 当年 points back to the year just named.
    named = [m for m in found if m[0] not in ("当年", "本年")]
    m = named[-1] if named and found[-1][0] in ("当年", "本年") else found[-1]
    if m[1]:
        return "calendar", int(m[1]), m[0]
    if m[0] in _RELATIVE:
        return "relative", _RELATIVE[m[0]], m[0]
    said = m[2] or m[0]
    return "ordinal", int(said) if said.isdigit() else _ORDINAL[said], m[0]


_RESPECTIVELY = re.compile(r"[两二三四五2-5]\s*年(?:里|内|中|)分别")


def _respectively(pool: list[Fact]) -> list[tuple[Fact, tuple[str, int, str]]]:
    """「两年分别投1.8亿和2.4亿」: the figures after 分别 are the first, second… year's, in order."""
    said = sorted((f for f in pool if _RESPECTIVELY.search(f.before)), key=lambda f: f.order)
    return [(f, ("ordinal", i, f"第{i}年")) for i, f in enumerate(said, start=1)]


def _level(fact: Fact, pool: list[Fact]) -> Fact:
    """「今年头一回过5个亿，做到5.6亿」: a bar said passed, then the level reached, is that year's level."""
    after = next((f for f in pool if f.order == fact.order + 1), None)
    if fact.reached and after is not None and year_of(after) is None and after.value > fact.value:
        return replace(fact, value=after.value)
    return fact


def per_year(rule: AwardRule, facts: Facts, text: str, level: str | None) -> Verdict | None:
    """The rule on each year's figure, each capped on its own, then added — for a rule paid yearly
    (连续支持不超过两年, or a 年度 cap) when a total over the years is asked."""
    yearly = rule.years >= 2 or "年度" in rule.quote
    growth = growth_rule(rule)  # the rule pays on a change: a year's base is its increment
    # A figure for each year of a rule paid yearly on a level (第一年2000万，第二年1500万) asks for each year and
    # their sum; on an increment, two years' figures are one increment unless a total is asked.
    if not yearly or not (SUM.search(text) or (not growth and rule.years >= 2)):
        return None
    wanted = label_cues(rule.base_label) - GENERIC

    def named(f: Fact) -> bool:  # named as the rule's base, or by the award it tops up (首试首用奖励300万)
        return bool(f.cues & wanted) or any(len(k) >= 2 and k in f.phrase for k in rule.keywords)

    pool = [f for f in facts.money if not f.negated and not f.received and not f.claimed and not f.cap
            and not f.decrease and (named(f) or not f.cues - GENERIC)]
    increments = [f for f in pool if f.increment]
    pool = increments if growth and len(increments) >= 2 else [f for f in pool if not f.increment]
    dated = [(_level(f, pool), y) for f in pool if (y := year_of(f)) is not None] or _respectively(pool)
    if len({y[0] for _, y in dated}) != 1 or len({y[1] for _, y in dated}) != len(dated) or len(dated) < 2:
        return None  # one series, one figure a year
    total_said = sum((f.value for f, _ in dated), Decimal(0))
    pool = [f for f in pool if f.value != total_said]  # 「总共4.2个亿，两年分别1.8亿和2.4亿」: the sum restated
    if not any(named(f) for f, _ in dated) and len(pool) != len(dated):
        return None  # figures of other roles around: not this rule's series
    dated = sorted(dated, key=lambda t: t[1][1])
    bases = [(f.value, y, "") for f, y in dated]
    if growth and not (increments and len(increments) >= 2):
        # 「2023年0.8亿，2024年1.03亿，2025年1.038亿」: each year's increment over the year before.
        bases = [(b.value - a.value, yb, f"增量 = {format_wan(b.value)} − {format_wan(a.value)} = "
                  f"{format_wan(b.value - a.value)}；") for (a, _), (b, yb) in pairwise(dated)]
    beyond = [y[2] for _, y, _ in bases[rule.years :]] if rule.years >= 2 else []
    if rule.years >= 2:
        bases = bases[: rule.years]
    results = [calculate(rule, base_yuan=v, level=level, stated_conditions=[text]) for v, _, _ in bases]
    total = sum((r.amount_yuan for r in results), Decimal(0))
    steps = [f"{y[2]}：{derived}{_said(r.steps)}" for (_, y, derived), r in zip(bases, results, strict=True)]
    steps.append(" + ".join(format_wan(r.amount_yuan) for r in results) + f" = {format_wan(total)}（{total:,.0f} 元）")
    if beyond:  # 「第三年再申请一次」: past the clause's term
        steps.append(f"{'、'.join(beyond)}：条款规定连续支持不超过{rule.years}年，不在支持期内，不计")
    combined = replace(results[0], amount_yuan=total, steps=tuple(steps), base_yuan=None)
    return Verdict(rule, "computed", combined)


def _said(steps: tuple[str, ...]) -> str:
    """A year's result in one line: the plain-words step (按…计算为…), else the refusal, else the arithmetic."""
    for mark in ("计算为", "不予支持", "→"):
        if (found := next((x for x in steps if mark in x), None)) is not None:
            return found
    return steps[0]
