"""(rule, facts) → ``Verdict``: computed | not_eligible | needs_info | not_stated, as data.

One evaluator for the chat and for a whole-company check. The calculator
(:mod:`policyqa.awards`) does the arithmetic; this module decides which of the user's facts
feed it and which condition a stated fact fails.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from policyqa.awards import LEVEL_ALIASES, calculate, cap_result
from policyqa.errors import InputError, RuleError
from policyqa.numbers import format_wan, format_yuan, percent
from policyqa.rules.bind import GENERIC, Binding, bind, growth_rule, label_cues, several
from policyqa.rules.outcome import Verdict
from policyqa.rules.per_year import SUM, asks_total, per_year, years_asked
from policyqa.rules.said import NEW_ONLY, condition_lacked, long_ago
from policyqa.rules.thresholds import below_threshold, tier_reached_before
from policyqa.types import AwardResult, AwardRule
from policyqa.understand import vocab
from policyqa.understand.facts import Facts
from policyqa.understand.stage_years import stage_years

_MEETS = re.compile(r"过了?|达到|以上|超过")
_SHORT = re.compile(r"不到|没|未|才|只有|仅")
OUTCOMES = ("computed", "not_eligible", "needs_info", "not_stated")
# (第二笔, 已经拿了: the first stage is had, the later one asked)
_LATER_STAGE = re.compile(r"次年|第二年|明年|再给|还能再|再拿|还能拿|后续|第二笔|后一笔|后面那笔"
                          r"|已经(?:拿|领)了?|拿过了|领过了")
# (「今年先能拿多少」「今年这一笔最多给多少」)
_FIRST_STAGE = re.compile(r"当年|首年|第一年|头一年|今年先|先能?拿|头一笔|第一笔|今年(?:这|的)一?笔")


_LEVEL_WORD = re.compile(r"国家级|国家|市级|北京市|市里|区级")


def _level(rule: AwardRule, facts: Facts) -> str | None:
    # 「国家级企业技术中心，另外…市级补贴200万」: the level said with the rule's own words is its level.
    for keyword in (k for k in rule.keywords if len(k) >= 4 and k in facts.text):
        near = re.split(r"[，,。；;？?]", facts.text[: facts.text.find(keyword)])[-1][-12:]
        words = _LEVEL_WORD.findall(near)
        for name, _ in rule.levels:
            if words and (words[-1] == name or words[-1] in LEVEL_ALIASES.get(name, ())):
                return name
    for said in reversed(facts.levels):
        for name, _ in rule.levels:
            if said == name or said in LEVEL_ALIASES.get(name, ()):
                return name
    return None


def contradicted(requirements: str, said: str) -> tuple[str, str] | None:
    """(requirement word, user's words) when what the user says excludes a requirement of the text."""
    for need, against in vocab.EXCLUSIVE:
        wanted, found = need.search(requirements), against.search(said)
        if wanted and found:
            return wanted[0], found[0]
    return None


def _blocked(rule: AwardRule, facts: Facts) -> str | None:
    """A condition the user's own words contradict: growth below the average, a base not obtained,
    a kind of enterprise the rule excludes."""
    said_year = re.search(r"第([三四五六3-6])年[^，。]{0,10}(?:还能|接着|继续|再)", facts.text)
    # 「三年加起来」 with a figure a year: the years inside the term are paid, the rest not (see per_year).
    if rule.years > 1 and said_year and not SUM.search(facts.text):
        nth = "零一二三四五六".find(said_year[1]) if not said_year[1].isdigit() else int(said_year[1])
        if nth > rule.years:
            return f"条款规定连续支持不超过{rule.years}年，第{said_year[1]}年不在支持期内"
    # (a staged award is paid over the years after recognition: an earlier year is no bar to it)
    if rule.kind != "staged" and (new := NEW_ONLY.search(rule.quote)) and (old := long_ago(facts.text)):
        return f"条款支持“{new[0]}”的企业，您所述为「{old}」，不属于{new[0]}"
    clash = contradicted(" ".join((*rule.conditions, rule.quote)), facts.text)
    if clash:
        return f"条款要求“{clash[0]}”，您所述为「{clash[1]}」，不满足条件"
    lacking = condition_lacked(rule, facts)
    if lacking:
        return lacking
    # 「当年超过，去年也超过，今年没跑赢」: a staged rule pays the years that met it, so one year below is
    # that stage's failure (failed_stage), not the whole rule's.
    # (「当年没赶上，后面两年都超过了」: the later years met it)
    later_fail = rule.kind == "staged" and facts.failed_stage is not None and (
        facts.failed_stage > 1 or any(stage_years(facts.text).values()))
    if facts.above_average is False and any("平均" in c for c in rule.conditions) and not later_fail:
        cond = next(c for c in rule.conditions if "平均" in c)
        return f"条款要求“{cond}”，您所述增速低于平均水平，不满足条件"
    wanted = label_cues(rule.base_label) - GENERIC
    if rule.base_label and wanted & facts.negated_cues and not any(
        f.cues & wanted for f in facts.money if not f.negated
    ):
        return f"本条按{rule.base_label}的比例配套，您未获得{rule.base_label}，不适用本条"
    return None


def _cap_or_none(rule: AwardRule, level: str | None, text: str) -> AwardResult | None:
    try:
        return cap_result(rule, level, [text])
    except (InputError, RuleError):  # a draft rule may state no cap
        return None


def _needs(rule: AwardRule, level: str | None, text: str, missing: str) -> Verdict:
    try:
        cap = cap_result(rule, level, [text])
    except (InputError, RuleError):  # a (draft) rule that states no cap: nothing to show but what is missing
        return Verdict(rule, "needs_info", None, missing=(missing,))
    steps = (*cap.steps, f"需要提供：{missing}")
    return Verdict(rule, "needs_info", replace(cap, steps=steps), missing=(missing,))


def _from_result(rule: AwardRule, result: AwardResult, binding: Binding | None = None) -> Verdict:
    if binding is not None:
        extra = tuple(s for s in (binding.derivation,) if s)
        assumed = tuple(s for s in (binding.assumption,) if s)
        result = replace(result, steps=(*extra, *result.steps), assumptions=(*assumed, *result.assumptions))
    if result.amount_yuan == 0:
        reason = next((s for s in result.steps if "不予支持" in s or "未满足" in s or "未达到" in s), result.steps[-1])
        return Verdict(rule, "not_eligible", result, reason=reason)
    approx = binding is not None and binding.approximate
    if approx:
        approx_note = "您给出的是约数，以上按该约数估算，请以实际金额为准"
        result = replace(result, assumptions=(*result.assumptions, approx_note))
    return Verdict(rule, "computed", result, approximate=approx)


def evaluate(rule: AwardRule, facts: Facts, text: str = "") -> Verdict:
    """The verdict of ``rule`` for what the user stated (``text`` = the words, for stage cues)."""
    text = text or facts.text
    level = _level(rule, facts)
    blocked = _blocked(rule, facts)
    if blocked:
        cap = _cap_or_none(rule, level, text) if rule.kind != "staged" or rule.cap_yuan else None
        zero = AwardResult(rule.rule_id, rule.clause_id, Decimal(0), (blocked, "→ 0 元"), (), None,
                           cap.cap_yuan if cap else None)
        return Verdict(rule, "not_eligible", zero, reason=blocked)
    try:
        if rule.kind == "not_computable":
            below = below_threshold(rule, facts)
            if below is not None:
                return below
            capped = _capped_either_way(rule, facts)
            if capped is not None:
                return capped
            cap = cap_result(rule, level, [text])
            # (with the user's figure, each reading is worked out; "only the cap can be given" no longer holds)
            readings = _readings(rule, facts)
            steps = (*(x for x in cap.steps if x.startswith("计算方式")), *readings) if readings else cap.steps
            return Verdict(rule, "not_stated", replace(cap, steps=steps), reason=rule.reason)
        if rule.kind == "fixed_cap":
            return Verdict(rule, "computed", _each(rule, facts, cap_result(rule, level, [text])))
        if rule.kind in ("rate_cap", "threshold_rate_cap"):
            hints = rule.keywords if "资金" in rule.base_label or "奖励" in rule.base_label else ()
            binding = bind(rule.base_label, facts, hints=hints)
            if binding is None and not several(rule.base_label, facts, hints):
                return _needs(rule, level, text, rule.base_label)
            yearly = per_year(rule, facts, text, level)
            if yearly is not None:
                return yearly
            items = several(rule.base_label, facts, hints)
            if items:
                return _items(rule, items, level, text)
            if any(f.decrease for f in binding.facts):  # 「研发费用比去年减少了300万」: a fall, no increment
                steps = (f"所述为减少{format_wan(binding.value)}，{rule.base_label}为负，没有增长，不予支持 → 0 元",)
                zero = AwardResult(rule.rule_id, rule.clause_id, Decimal(0), steps, (), binding.value, rule.cap_yuan)
                return Verdict(rule, "not_eligible", zero, reason="没有增长，不予支持")
            if binding.value <= 0 and "增量" not in rule.base_label:
                steps = (f"所述{rule.base_label}为 0 元，没有可据以计算的基数 → 0 元",)
                zero = AwardResult(rule.rule_id, rule.clause_id, Decimal(0), steps, (), binding.value, rule.cap_yuan)
                return Verdict(rule, "not_eligible", zero, reason=f"{rule.base_label}为0")
            if binding.value <= 0:
                steps = (f"{binding.derivation or rule.base_label}，没有增长，不予支持 → 0 元",)
                zero = AwardResult(rule.rule_id, rule.clause_id, Decimal(0), steps, (), binding.value, rule.cap_yuan)
                return Verdict(rule, "not_eligible", zero, reason="没有增长，不予支持")
            years = years_asked(facts.text)
            if years is None and rule.years > 1 and not growth_rule(rule) and asks_total(text):
                years = rule.years  # 「总共最多多少」 of a rule paid for several years: the whole term
            if rule.levels and level is None:
                level = max(rule.levels, key=lambda nl: nl[1])[0]
                result = calculate(rule, base_yuan=binding.value, level=level, stated_conditions=[text], years=years)
                result = replace(result, assumptions=(*result.assumptions, f"假设：级别为{level}（未说明级别）"))
            else:
                result = calculate(rule, base_yuan=binding.value, level=level, stated_conditions=[text], years=years)
            return _from_result(rule, result, binding)
        if rule.kind == "tiers":
            binding = bind(rule.threshold_label, facts, reached=True)
            if binding is None or all(f.increment for f in binding.facts):  # a change is not a level reached
                return _needs(rule, level, text, f"{rule.threshold_label.replace('首次达到', '')}的金额")
            reached_before = tier_reached_before(rule, facts, binding)
            if reached_before is not None:
                return reached_before
            return _from_result(rule, calculate(rule, tier_value_yuan=binding.value, stated_conditions=[text]), binding)
        if rule.kind == "per_unit":
            # 「那家年产值大概1800万」「4家…年营收都在1800万」 < 2000万: a figure of the bar's measure for one unit or
            # said of every unit (several figures: counted below)
            named = replace(facts, figures=tuple(f for f in facts.figures
                                                 if f.cues & (label_cues(rule.threshold_label) - GENERIC)))
            one = all(c.n <= 1 for c in facts.counts if c.unit == rule.unit_label) \
                or (len(named.figures) == 1 and re.search(r"都|均|各自|每家", named.figures[0].phrase) is not None)
            if one and (below := below_threshold(rule, named)) is not None:
                return below
            same = [c for c in facts.counts if c.unit == rule.unit_label]
            # 「9家，其中8家营收过了2000万，1家1900万」: the units that meet the clause's bar are counted.
            meeting = [c for c in same if _MEETS.search(c.phrase) and not _SHORT.search(c.phrase)]
            short = [c for c in same if _SHORT.search(c.phrase)]
            whole = max((c for c in same if c not in short), key=lambda c: c.n, default=None)
            if not meeting and short and whole is not None and whole.n > sum(c.n for c in short):
                # 「11家，其中2家营收才1500万，剩下的都过了」: the rest meet the bar.
                meeting = [replace(whole, n=whole.n - sum(c.n for c in short))]
            count = (meeting or same or [None])[0]
            if count is None:
                if rule.unit_yuan and re.search(rf"每[^，。？]*?{re.escape(rule.unit_label)}", text):
                    unit = replace(cap_result(rule, level, [text]), amount_yuan=rule.unit_yuan)
                    return Verdict(rule, "computed", unit)  # "每落地一家给多少" asks for the unit amount
                return _needs(rule, level, text, f"数量（{rule.unit_label}）")
            result = calculate(rule, count=count.n, stated_conditions=[text])
            if meeting and (more := max((c.n for c in same), default=0)) > count.n:
                # 「12家，其中11家过了2000万，1家只有1800万」: say which units were left out, and why.
                note = (f"按您所述共{more}{rule.unit_label}，其中{count.n}{rule.unit_label}达到条款标准计入，"
                        f"其余{more - count.n}{rule.unit_label}未达到，不计")
                result = replace(result, steps=(*result.steps, note))
            return _from_result(rule, result)
        return _from_result(rule, _staged(rule, facts, text))
    except InputError as err:
        return _needs(rule, level, text, str(err).removeprefix("需要提供："))


_EACH = re.compile(r"每(项|个|款|件|套|台)")


def _each(rule: AwardRule, facts: Facts, cap: AwardResult) -> AwardResult:
    """「每项最高5000万元」 and 「我们有3个创新药」: the maximum is per item, so the items' maxima add up."""
    if not _EACH.search(rule.quote):
        return cap
    count = next((c for c in facts.counts if c.unit in ("项", "个", "款", "件", "套", "台") and c.n >= 2), None)
    if count is None or cap.amount_yuan <= 0:
        return cap
    total = cap.amount_yuan * count.n
    steps = (f"每项最高 {cap.amount_yuan:,.0f} 元 × {count.n} = {total:,.0f} 元（{format_wan(total)}，为各项上限之和）",
             *cap.steps[1:])
    return replace(cap, amount_yuan=total, steps=steps)


def _readings(rule: AwardRule, facts: Facts) -> tuple[str, ...]:
    """「超出部分增量」 under each reading, from the user's figure — shown as what each would give, since the
    documents do not say which is meant (the answer stays "not stated")."""
    if rule.rate is None or rule.threshold_yuan is None:
        return ()
    binding = bind(rule.threshold_label, facts)
    if binding is None or binding.value <= rule.threshold_yuan:
        return ()
    cap = rule.cap_yuan
    whole = min(binding.value * rule.rate, cap) if cap else binding.value * rule.rate
    part = (binding.value - rule.threshold_yuan) * rule.rate
    part = min(part, cap) if cap else part
    return (
        *((binding.derivation,) if binding.derivation else ()),
        f"若按超出{format_wan(rule.threshold_yuan)}的部分：{format_wan(binding.value - rule.threshold_yuan)} × "
        f"{percent(rule.rate)} = {format_wan(part)}；"
        f"若按全部增量：{format_wan(binding.value)} × {percent(rule.rate)} = {format_wan(whole)}"
        "（文件未界定，以主管部门审定为准）",
    )


def _capped_either_way(rule: AwardRule, facts: Facts) -> Verdict | None:
    """「超出部分增量」 read either as the whole increment or as the part above the threshold: when
    even the smaller reading reaches the cap, the amount is the cap whichever is meant."""
    if rule.rate is None or rule.cap_yuan is None or rule.threshold_yuan is None:
        return None
    binding = bind(rule.threshold_label, facts)
    if binding is None:
        return None
    smaller = binding.value - rule.threshold_yuan
    if smaller * rule.rate < rule.cap_yuan:
        return None
    steps = (
        *((binding.derivation,) if binding.derivation else ()),
        f"按较小的理解（超出{format_wan(rule.threshold_yuan)}的部分）：{smaller:,.0f} × {percent(rule.rate)} = "
        f"{smaller * rule.rate:,.0f} ≥ 上限 {rule.cap_yuan:,.0f} → {rule.cap_yuan:,.0f} 元",
        f"两种理解下均达到上限，按上限{format_wan(rule.cap_yuan)}计",
    )
    result = AwardResult(rule.rule_id, rule.clause_id, rule.cap_yuan, steps, (), binding.value, rule.cap_yuan)
    return Verdict(rule, "computed", result)


def _staged(rule: AwardRule, facts: Facts, text: str) -> AwardResult:
    """Which stages are asked about: all (加起来), a later one (次年还能再给多少), the first (当年),
    those before a failed one (第三年没达标), or the clause's default."""
    years = stage_years(text)
    if facts.above_average is False and len(rule.stages) > 1 and any("平均" in label for label, _ in rule.stages):
        taken = [(label, a) for label, a in rule.stages if "平均" not in label]
        if taken and len(taken) < len(rule.stages):
            total = sum((a for _, a in taken), Decimal(0))
            lost = "、".join(label for label, _ in rule.stages if "平均" in label)
            if _LATER_STAGE.search(text) and not SUM.search(text):  # 「次年那10万还能拿吗」: only the later stage
                steps = (f"{lost}：所述增速未超过平均水平，该部分不能获得 → 0 元",)
                return AwardResult(rule.rule_id, rule.clause_id, Decimal(0), steps, (), None, rule.cap_yuan)
            steps = (
                "、".join(f"{label}{format_wan(a)}" for label, a in taken) + f"，合计最高{format_wan(total)}",
                f"所述增速未超过平均水平，{lost}的部分不能获得",
            )
            return AwardResult(rule.rule_id, rule.clause_id, total, steps, (), None, rule.cap_yuan)
    if facts.failed_stage and len(rule.stages) > 1:
        # Stages are paid year by year: a year said to fail is not counted, a year said to pass is;
        # a year not mentioned counts only before the first failure.
        first_fail = min(y for y, ok in years.items() if not ok)
        taken = [i for i in range(1, len(rule.stages) + 1) if years.get(i, i < first_fail)]
        if not taken:
            steps = (f"{rule.stages[0][0]}未达标，不予支持 → 0 元",)
            return AwardResult(rule.rule_id, rule.clause_id, Decimal(0), steps, (), None, rule.cap_yuan)
        if taken == list(range(1, len(taken) + 1)):
            return _said_stages(calculate(rule, count=len(taken), stated_conditions=[text]), rule, years)
        picked = [rule.stages[i - 1] for i in taken]
        total = sum((a for _, a in picked), Decimal(0))
        skipped = "、".join(
            rule.stages[i - 1][0].removesuffix("达标") for i in range(1, len(rule.stages) + 1) if i not in taken
        )
        steps = (
            " + ".join(f"{label} {a:,.0f}" for label, a in picked) + f" = {total:,.0f} 元",
            "、".join(f"{label}{format_wan(a)}" for label, a in picked)
            + f"，合计最高{format_wan(total)}；{skipped}未达标，不计",
        )
        return AwardResult(rule.rule_id, rule.clause_id, total, steps, (), None, rule.cap_yuan)
    passed = sorted(y for y, ok in years.items() if ok)
    if len(passed) >= 2 and passed == list(range(1, passed[-1] + 1)) and passed[-1] < len(rule.stages):
        # 「头一年和第二年都超过…合计」: the years said to pass, the later one offered as 「如…达标」.
        return _said_stages(calculate(rule, count=passed[-1], stated_conditions=[text]), rule, years)
    if SUM.search(text):
        return calculate(rule, count=len(rule.stages), stated_conditions=[text])
    if _LATER_STAGE.search(text) and len(rule.stages) > 1:
        label, amount = rule.stages[1]
        first = calculate(rule, count=1, stated_conditions=[text])
        steps = (f"{label}：最高 {format_yuan(amount)}（{format_wan(amount)}）",
                 f"（{rule.stages[0][0]}的{format_wan(rule.stages[0][1])}另计）")
        return replace(first, amount_yuan=amount, steps=steps)
    if _FIRST_STAGE.search(text):
        return calculate(rule, count=1, stated_conditions=[text])
    return calculate(rule, stated_conditions=[text])


def _said_stages(result: AwardResult, rule: AwardRule, years: dict[int, bool]) -> AwardResult:
    """The years the user said: one said to pass is no assumption, one said to fail is not 「可再获」."""
    said = {rule.stages[y - 1][0]: ok for y, ok in years.items() if 1 <= y <= len(rule.stages)}
    failed = [label for label, ok in said.items() if not ok]
    steps = [s for s in result.steps if not any(s.startswith(f"如{label}，") for label in failed)]
    steps += [f"{label.removesuffix('达标')}未达标，不计" for label in failed]
    assumed = tuple(a for a in result.assumptions if not said.get(a.removeprefix("假设：")))
    return replace(result, steps=tuple(steps), assumptions=assumed)


# Whose cap it is: 单个项目最高 caps each item; 单个企业年度最高 (or nothing said) caps the enterprise's total.
_PER_ITEM = re.compile(r"单个(?:项目|产品|合同|课题|场景)|每个(?:项目|产品|合同|课题|场景)|单项|每项|每笔")


def _items(rule: AwardRule, items: tuple, level: str | None, text: str) -> Verdict:  # type: ignore[type-arg]
    """Several items of one rule (two contracts, two products): each computed, then added; the cap
    applies per item when the clause says so (单个项目最高), otherwise to the total."""
    values = [f.value for f in items]
    listed = " + ".join(format_wan(v) for v in values)
    if _PER_ITEM.search(rule.quote):
        results = [calculate(rule, base_yuan=v, level=level, stated_conditions=[text]) for v in values]
        total = sum((r.amount_yuan for r in results), Decimal(0))
        steps = [f"第{i}项：{r.steps[0]}" for i, r in enumerate(results, start=1)]
        added = " + ".join(format_wan(r.amount_yuan) for r in results)
        steps.append(f"{added} = {format_wan(total)}（{total:,.0f} 元）")
        steps.append("上限按单个项目计，各项分别封顶后相加")
        combined = replace(results[0], amount_yuan=total, steps=tuple(steps), base_yuan=sum(values, Decimal(0)))
        return _from_result(rule, combined)
    base = sum(values, Decimal(0))
    result = calculate(rule, base_yuan=base, level=level, stated_conditions=[text])
    steps = (f"{rule.base_label}合计：{listed} = {format_wan(base)}", *result.steps, "上限按企业合计计算")
    return _from_result(rule, replace(result, steps=steps))
