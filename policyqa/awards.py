"""Award rules (corpus/awards.toml) and a pure calculator over them.

The table is read in ``policyqa.award_table``; ``calculate`` turns one rule plus the user's figures into
an ``AwardResult`` with Chinese steps; ``cap_result`` gives the stated maximum when no figures are known.
Which rule a question is about, and with which of its figures, is decided in ``policyqa.rules``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from policyqa.award_table import DRAFT_NOTE
from policyqa.errors import InputError, RuleError
from policyqa.numbers import MAX_YUAN, format_wan, parse_amount
from policyqa.types import AwardResult, AwardRule

# Level names as users say them; the level name itself always matches too.
LEVEL_ALIASES = {"国家级": ("国家级", "国家"), "市级": ("市级", "北京市", "市里", "省市级")}
_CENT = Decimal("0.01")


def _money(d: Decimal) -> Decimal:
    q = d.quantize(_CENT, rounding=ROUND_HALF_UP)
    return q.quantize(Decimal(1)) if q == q.to_integral_value() else q


def _num(d: Decimal) -> str:
    """Thousands-separated number without unit, as used inside arithmetic steps."""
    d = _money(d)
    return f"{d:,}" if d == d.to_integral_value() else f"{d:,.2f}"


def _pct(rate: Decimal) -> str:
    return f"{format(_money(rate * 100).normalize(), 'f')}%"


# ─────────────────────────────── calculating ───────────────────────────────


def cap_of(rule: AwardRule) -> Decimal | None:
    """The most the rule can ever pay in one application (annual cap for per-unit rules)."""
    if rule.kind == "tiers":
        return max(a for _, a in rule.tiers)
    if rule.kind == "per_unit":
        return rule.annual_cap_yuan
    if rule.kind == "staged" and rule.cap_yuan is None:
        return sum((a for _, a in rule.stages), Decimal(0))
    if rule.levels:
        return max(a for _, a in rule.levels)
    return rule.cap_yuan


def _check_value(value: object, label: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, Decimal | int | float | str):
        raise InputError(f"{label}应为金额数字，收到：{value!r}")
    d = parse_amount(value) if isinstance(value, str) else Decimal(str(value))
    if not d.is_finite():
        raise InputError(f"{label}不是有效数字：{value}")
    if d <= 0:
        raise InputError(f"{label}必须大于0元：{value}")
    if d > MAX_YUAN:
        raise InputError(f"{label}过大（超过10万亿元），请检查：{value}")
    return d


def _overlap(a: str, b: str, size: int = 4) -> bool:
    """True when ``a`` and ``b`` share a run of ``size`` characters — a user restating a condition."""
    core = re.sub(r"^(?:具备|具有|属于|为)|性$", "", a)  # 「具备高成长性」 restated as 「高成长」
    return any(a[i : i + size] in b for i in range(len(a) - size + 1)) or (len(core) >= 3 and core in b)


def _assumptions(conditions: Iterable[str], stated: Iterable[str] | None) -> tuple[str, ...]:
    said = [s for s in (stated or ()) if s]
    return tuple(f"假设：{c}" for c in conditions if not any(c == s or _overlap(c, s) for s in said))


def _level_cap(rule: AwardRule, level: str | None) -> tuple[Decimal | None, str]:
    if not rule.levels:
        return rule.cap_yuan, ""
    if level is None:
        names = "/".join(n for n, _ in rule.levels)
        raise InputError(f"需要提供：级别（{names}）")
    for name, cap in rule.levels:
        if level == name or level in LEVEL_ALIASES.get(name, ()):
            return cap, name
    raise InputError(f"未知级别「{level}」，应为：{'、'.join(n for n, _ in rule.levels)}")


def _noted(rule: AwardRule, result: AwardResult) -> AwardResult:
    """A result from a draft rule says so (every result of the calculator passes through here)."""
    if rule.reviewed or DRAFT_NOTE in result.assumptions:
        return result
    return replace(result, assumptions=(*result.assumptions, DRAFT_NOTE))


def _result(
    rule: AwardRule,
    amount: Decimal,
    steps: list[str],
    assumed: tuple[str, ...],
    base: Decimal | None,
    cap: Decimal | None,
) -> AwardResult:
    return _noted(rule, AwardResult(rule.rule_id, rule.clause_id, _money(amount), tuple(steps), assumed, base, cap))


def _rate_steps(rule: AwardRule, base: Decimal, cap: Decimal | None) -> tuple[Decimal, list[str]]:
    assert rule.rate is not None
    raw = _money(base * rule.rate)
    head = f"{_num(base)} × {_pct(rule.rate)} = {_num(raw)}"
    said = f"按{rule.base_label}{format_wan(base)}的{_pct(rule.rate)}计算为{format_wan(raw)}"  # 万: how users count
    if cap is None:
        return raw, [f"{head} → {_num(raw)} 元", said]
    if raw > cap:
        return cap, [
            f"{head} > 上限 {_num(cap)} → {_num(cap)} 元",
            f"{said}，超过上限{format_wan(cap)}，按上限{format_wan(cap)}计",
        ]
    reached = "恰好达到上限" if raw == cap else "未触及"
    return raw, [f"{head} ≤ 上限 {_num(cap)} → {_num(raw)} 元", f"{said}，上限{format_wan(cap)}{reached}"]


def cap_result(
    rule: AwardRule, level: str | None = None, stated_conditions: Iterable[str] | None = None
) -> AwardResult:
    """The rule's stated maximum as a result (used when the user gave no figures)."""
    assumptions = list(_assumptions(rule.conditions, stated_conditions))
    if rule.levels and level is None:
        level = max(rule.levels, key=lambda nl: nl[1])[0]
        assumptions.append(f"假设：级别为{level}（未说明级别，按最高档）")
    cap, name = _level_cap(rule, level) if rule.levels else (cap_of(rule), "")
    if cap is None:
        if rule.rate is not None:  # an uncapped rate: only the user's figure gives an amount
            raise InputError(f"需要提供：{rule.base_label}（元）（条款未规定上限）")
        raise RuleError(f"规则 {rule.rule_id} 未规定上限")
    if "最高" in rule.quote or "不超过" in rule.quote:
        steps = [f"条款规定{name}最高 {_num(cap)} 元（{format_wan(cap)}），此为上限，实际金额以审定为准"]
    else:  # e.g. an annual budget: the figure is stated, but it is not a ceiling for one applicant
        steps = [f"条款所列金额：{_num(cap)} 元（{format_wan(cap)}）"]
    if rule.kind == "per_unit":
        assert rule.unit_yuan is not None
        steps = [f"每{rule.unit_label}最高 {_num(rule.unit_yuan)} 元，每年合计不超过 {_num(cap)} 元"]
    elif rule.kind == "tiers":
        steps = [f"{rule.threshold_label}{format_wan(t)}：最高{format_wan(a)}" for t, a in rule.tiers]
    elif rule.rate is not None:
        steps.append(f"计算方式：{rule.base_label}的{_pct(rule.rate)}，最高{format_wan(cap)}")
    if rule.reason:
        steps.append(rule.reason)
    result = AwardResult(rule.rule_id, rule.clause_id, cap, tuple(steps), tuple(assumptions), None, cap, True)
    return _noted(rule, result)


def calculate(
    rule: AwardRule,
    base_yuan: Decimal | None = None,
    count: int | None = None,
    level: str | None = None,
    tier_value_yuan: Decimal | None = None,
    stated_conditions: Iterable[str] | None = None,
    years: int | None = None,
) -> AwardResult:
    """Compute the award for ``rule`` from the user's figures; steps and assumptions are in Chinese.

    ``years``: the number of years asked about for a rule paid yearly (连续两年加起来): the total is the
    rate's amount, at most the yearly cap times the years the clause allows.

    ``count`` is the number of units (per_unit) or of stages reached (staged; default: all stages when
    the clause states a total, else the first). Missing inputs raise ``InputError("需要提供：…")``.
    """
    notes = [rule.reason] if rule.reason else []
    assumed = _assumptions(rule.conditions, stated_conditions)
    if rule.kind in ("fixed_cap", "not_computable"):
        if rule.levels:
            _level_cap(rule, level)  # a missing or unknown level is the user's to fix
        result = cap_result(rule, level, stated_conditions)
        if rule.kind == "not_computable" and base_yuan is not None:
            base = _check_value(base_yuan, "金额")
            steps = (f"所给金额 {_num(base)} 元无法直接套用：{rule.reason}", *result.steps[:-1])
            return replace(result, steps=steps)
        return result
    if rule.kind in ("rate_cap", "threshold_rate_cap"):
        if base_yuan is None:
            raise InputError(f"需要提供：{rule.base_label}（元）")
        base = _check_value(base_yuan, rule.base_label)
        cap, _ = _level_cap(rule, level)
        steps: list[str] = []
        if rule.kind == "threshold_rate_cap":
            assert rule.threshold_yuan is not None
            ok = base >= rule.threshold_yuan if rule.threshold_inclusive else base > rule.threshold_yuan
            sign = ("≥" if rule.threshold_inclusive else ">") if ok else ("<" if rule.threshold_inclusive else "≤")
            steps.append(
                f"{rule.base_label} {_num(base)} 元 {sign} 门槛 {_num(rule.threshold_yuan)} 元"
                f"（{rule.threshold_label}{format_wan(rule.threshold_yuan)}）"
            )
            if not ok:
                steps.append(f"未满足“{rule.threshold_label}{format_wan(rule.threshold_yuan)}”，不予支持 → 0 元")
                return _result(rule, Decimal(0), steps, assumed, base, cap)
        amount, more = _rate_steps(rule, base, cap)
        if rule.years > 1 and years and years > 1 and cap is not None:
            n = min(years, rule.years)
            raw = _money(base * rule.rate)  # type: ignore[operator]
            amount = min(raw, cap * n)
            more.append(f"{n}年合计：年度上限 {_num(cap)} × {n} = {_num(cap * n)}，与按比例计算的 {_num(raw)} "
                        f"取较小者 → {_num(amount)} 元")
            if years > rule.years:
                more.append(f"条款规定连续支持不超过{rule.years}年，按{rule.years}年计")
            assumed = (*assumed, "假设：按比例计算的金额为各年支持的总额，每年不超过年度上限")
        elif rule.years > 1:
            more.append(f"以上为单个年度金额，连续支持不超过{rule.years}年")
        return _result(rule, amount, steps + more + notes, assumed, base, cap)
    if rule.kind == "tiers":
        value = tier_value_yuan if tier_value_yuan is not None else base_yuan
        if value is None:
            raise InputError(f"需要提供：{rule.threshold_label}的金额（元）")
        v = _check_value(value, rule.threshold_label)
        top = max(a for _, a in rule.tiers)
        for threshold, award in rule.tiers:
            if v >= threshold:
                steps = [
                    f"{_num(v)} 元 ≥ {format_wan(threshold)}档门槛 {_num(threshold)} 元 → 最高 {_num(award)} 元",
                    f"{rule.threshold_label}{format_wan(threshold)}，给予最高{format_wan(award)}",
                ]
                return _result(rule, award, steps + notes, assumed, v, top)
        lowest = rule.tiers[-1][0]
        steps = [
            f"{_num(v)} 元 < 最低档门槛 {_num(lowest)} 元（{format_wan(lowest)}）→ 0 元",
            f"未达到“{rule.threshold_label}{format_wan(lowest)}”，不予支持",
        ]
        return _result(rule, Decimal(0), steps, assumed, v, top)
    if rule.kind == "per_unit":
        assert rule.unit_yuan is not None and rule.annual_cap_yuan is not None
        if count is None:
            raise InputError(f"需要提供：数量（{rule.unit_label}）")
        n = _check_count(count, rule.unit_label, 100_000)
        raw, cap = rule.unit_yuan * n, rule.annual_cap_yuan
        amount = min(raw, cap)
        head = f"{n} {rule.unit_label} × {_num(rule.unit_yuan)} = {_num(raw)}"
        if raw > cap:
            steps = [
                f"{head} > 年度上限 {_num(cap)} → {_num(cap)} 元",
                f"每{rule.unit_label}最高{format_wan(rule.unit_yuan)}，合计{format_wan(raw)}超过每年上限{format_wan(cap)}，"
                f"按{format_wan(cap)}计",
            ]
        else:
            steps = [
                f"{head} ≤ 年度上限 {_num(cap)} → {_num(amount)} 元",
                f"每{rule.unit_label}最高{format_wan(rule.unit_yuan)}，每年不超过{format_wan(cap)}，上限未触及",
            ]
        return _result(rule, amount, steps + notes, assumed, None, cap)
    # staged
    default = len(rule.stages) if rule.cap_yuan is not None else 1
    n = default if count is None else _check_count(count, "个阶段", len(rule.stages))
    taken = rule.stages[:n]
    total = sum((a for _, a in taken), Decimal(0))
    if n > 1:
        steps = [
            " + ".join(f"{label} {_num(a)}" for label, a in taken) + f" = {_num(total)} 元",
            "、".join(f"{label}{format_wan(a)}" for label, a in taken) + f"，合计最高{format_wan(total)}",
        ]
    else:
        steps = [f"{taken[0][0]}：最高 {_num(total)} 元（{format_wan(total)}）"]
    if rule.cap_yuan is not None:
        steps.append(f"条款所述合计最高{format_wan(rule.cap_yuan)}")
    for label, a in rule.stages[n:]:
        steps.append(f"如{label}，可再获最高{format_wan(a)}")
    assumed = _assumptions([*rule.conditions, *(label for label, _ in taken)], stated_conditions)
    return _result(rule, total, steps + notes, assumed, None, cap_of(rule))


def _check_count(count: object, label: str, most: int) -> int:
    if isinstance(count, bool) or not isinstance(count, int):
        raise InputError(f"数量应为整数，收到：{count!r}")
    if not 1 <= count <= most:
        raise InputError(f"数量应在 1 到 {most} {label}之间：{count}")
    return count
