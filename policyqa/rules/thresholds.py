"""Conditions that make a rule pay nothing, read from the user's figures: a figure under the clause's
threshold, a fall where an increment is required, a tier an earlier year already reached."""

from __future__ import annotations

from decimal import Decimal

from policyqa.numbers import format_wan
from policyqa.rules.bind import GENERIC, Binding, bind
from policyqa.rules.outcome import Verdict
from policyqa.rules.per_year import year_of
from policyqa.types import AwardResult, AwardRule
from policyqa.understand.facts import Facts, when


def tier_reached_before(rule: AwardRule, facts: Facts, binding: Binding) -> Verdict | None:
    """「前年就过了10亿，今年16亿」: a tier an earlier year already reached is not reached for the first time;
    only a higher tier this year's figure reaches would be."""
    own = binding.facts[-1].cues - GENERIC
    # Only an earlier figure of the same measure (or unnamed): 「去年投资12亿，今年营收首次过10亿」 is a first.
    earlier = [f.value for f in facts.money if when(f) == "then" and not f.increment and f not in binding.facts
               and (not (f.cues - GENERIC) or f.cues & own or not own)]  # 「去年营收14亿，今年19.5亿」
    if not any(when(f) == "now" for f in facts.money):
        # 「前年9000万，去年1.3亿，第一次破亿」: with no figure for this year, the latest year said is the one asked.
        dated = [(y[1], f.value) for f in facts.money if (y := year_of(f)) and y[0] == "relative"]
        if dated:
            earlier = [v for v in earlier if v != max(dated)[1]]
    if not earlier or when(binding.facts[-1]) == "then":
        return None
    now_tier = next((t for t in rule.tiers if binding.value >= t[0]), None)
    if now_tier is None or max(earlier) < now_tier[0]:
        return None
    higher = [t for t in rule.tiers if t[0] > now_tier[0]]
    nxt = f"，本年{format_wan(binding.value)}未达到更高一档{format_wan(min(higher)[0])}" if higher else ""
    reason = f"{format_wan(now_tier[0])}档此前已达到（所述{format_wan(max(earlier))}），不是首次达到{nxt}"
    steps = (f"{reason}，不予支持 → 0 元",)
    top = max(a for _, a in rule.tiers)
    zero = AwardResult(rule.rule_id, rule.clause_id, Decimal(0), steps, (), binding.value, top)
    return Verdict(rule, "not_eligible", zero, reason=reason)


def below_threshold(rule: AwardRule, facts: Facts) -> Verdict | None:
    """A stated figure under the threshold a clause sets (增量达到500万元以上) fails the rule,
    even where the amount itself cannot be computed."""
    if rule.threshold_yuan is None or not rule.threshold_label:
        return None
    binding = bind(rule.threshold_label, facts)
    if binding is None:
        return None
    fell = any(f.decrease for f in binding.facts)
    ok = binding.value >= rule.threshold_yuan if rule.threshold_inclusive else binding.value > rule.threshold_yuan
    if ok and not fell:
        return None
    sign = "<" if rule.threshold_inclusive else "≤"
    reason = f"{rule.threshold_label}{format_wan(rule.threshold_yuan)}，所述{format_wan(binding.value)}未达到"
    steps = (f"{binding.value:,.0f} 元 {sign} 门槛 {rule.threshold_yuan:,.0f} 元（{reason}）", "不予支持 → 0 元")
    if fell:  # 「产值少了800万」: a fall is no increment at all
        bar = f"{rule.threshold_label}{format_wan(rule.threshold_yuan)}"
        reason = f"您所述为减少{format_wan(binding.value)}，没有增量（条款要求{bar}）"
        steps = (f"减少 {binding.value:,.0f} 元，增量为负，未达到门槛 {rule.threshold_yuan:,.0f} 元（{reason}）",
                 "不予支持 → 0 元")
    zero = AwardResult(rule.rule_id, rule.clause_id, Decimal(0), steps, (), binding.value, rule.cap_yuan)
    return Verdict(rule, "not_eligible", zero, reason=reason)
