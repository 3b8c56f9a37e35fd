"""Which stated figure is a rule's base (or the level it tests): the figure's own words
matched against the rule's label — 「市里给了450万」 is a 市级补贴资金, 「研发投入500万」 is not."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from policyqa.numbers import format_wan
from policyqa.understand.facts import Fact, Facts, expand_cues

# Cues that only say "money": they support a match but never decide one.
GENERIC = frozenset({"资金", "支持", "补贴", "奖励", "投入"})
_NOW = re.compile(r"今年|本年|当年|这一年|现在")
_THEN = re.compile(r"去年|上年|上一年|前年|之前|原来")


@dataclass(frozen=True, slots=True)
class Binding:
    value: Decimal
    facts: tuple[Fact, ...]
    assumption: str = ""  # said when the figure's words did not name the label
    derivation: str = ""  # e.g. "3.6亿元 − 3亿元 = 6000万元" for an increment from two levels

    @property
    def approximate(self) -> bool:
        return any(f.approximate for f in self.facts)


def label_cues(label: str) -> frozenset[str]:
    return expand_cues(label)


def _score(fact: Fact, wanted: frozenset[str]) -> float:
    distinct = fact.cues - GENERIC
    want = wanted - GENERIC
    if distinct and want and not distinct & want:
        return -1.0  # the figure is named as something else (研发投入 against 市级补贴资金)
    return 2.0 * len(distinct & want) + 0.5 * len(fact.cues & wanted & GENERIC)


def bind(label: str, facts: Facts, *, reached: bool = False, hints: tuple[str, ...] = ()) -> Binding | None:
    """The figure that is ``label`` (a base such as 市级补贴资金, or with ``reached`` a level
    such as 工业产值首次达到); None when no stated figure can be it.

    ``hints`` are the rule's own words (首批次, 流片): a figure whose phrase names the award the rule
    tops up (「拿到北京市重点新材料首批次应用示范奖励560万元」) is that award's money."""
    wanted = label_cues(label)
    increment = "增量" in label
    pool = [f for f in facts.money if not f.negated]

    def score(fact: Fact) -> float:
        base = _score(fact, wanted)
        named = any(len(h) >= 2 and h in fact.phrase for h in hints)
        return max(base, 2.0) if named and not fact.increment and not increment else base

    scored = sorted(((score(f), f) for f in pool), key=lambda t: (-t[0], t[1].order))
    named = [f for s, f in scored if s >= 2.0]
    if increment:
        unnamed = [f for s, f in scored if s >= 0 and f.increment and not f.cues - GENERIC]
        inc = [f for f in named if f.increment] or unnamed
        if inc:
            return Binding(inc[0].value, (inc[0],))
        levels = [f for f in named if not f.increment]
        if len(levels) == 1:  # 「去年营收3个亿，今年做到3.6个亿」: the second figure is named by the first
            levels += [f for s, f in scored if s >= 0 and not f.increment and f not in levels and not f.cues - GENERIC]
        if len(levels) >= 2:
            return _difference(label, levels)
        return None
    named = [f for f in named if not f.increment] or named
    if reached:
        named = sorted(named, key=lambda f: not f.reached)
    if named:
        return Binding(named[0].value, (named[0],))
    # One unnamed figure and nothing else: it is the base, said as an assumption.
    bare = [f for s, f in scored if s >= 0 and not f.cues - GENERIC and not f.increment]
    if len(pool) == 1 and bare:
        f = bare[0]
        return Binding(f.value, (f,), assumption=f"假设：您所说的{format_wan(f.value)}即为{label}")
    return None


def _when(fact: Fact) -> str:
    """The time word said last before the figure (「去年8000万今年1.1亿」: 今年 for 1.1亿)."""
    found = [(m.start(), "now") for m in _NOW.finditer(fact.before)]
    found += [(m.start(), "then") for m in _THEN.finditer(fact.before)]
    return max(found)[1] if found else ""


def _difference(label: str, levels: list[Fact]) -> Binding | None:
    now = next((f for f in levels if _when(f) == "now"), None)
    then = next((f for f in levels if _when(f) == "then" and f is not now), None)
    if now is None or then is None:
        then, now = sorted(levels[:2], key=lambda f: f.order)
    diff = now.value - then.value
    text = f"{format_wan(now.value)} − {format_wan(then.value)} = {format_wan(diff)}"
    return Binding(diff, (then, now), derivation=f"{label} = {text}")
