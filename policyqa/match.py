"""政策体检: one ``Profile`` checked against every award rule → ``Report``.

For each rule: the document's district and the rule's typed conditions (:mod:`policyqa.rules.applies`)
are checked first; then the one evaluator, :func:`policyqa.rules.verdict.evaluate`, runs on the
profile's values turned into ``Facts``. Same-kind rules (第二十四条 「不能重复享受」) count only the
highest amount; documents expired on the report date are shown but not totalled.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from policyqa.award_table import load_rules
from policyqa.corpus import Corpus, load_corpus
from policyqa.numbers import format_wan
from policyqa.profile import Profile
from policyqa.rules.applies import RuleConditions, check, load_conditions, rule_facts
from policyqa.rules.verdict import evaluate
from policyqa.settings import Settings
from policyqa.types import AwardRule, Document

NEAR = Decimal("0.8")  # 差一点: a figure within 20% of a threshold it misses
STACKING_CLAUSE = "fengtai-zhizao#第二十四条"
STACKING_QUOTE = "本措施中的财政支持政策条款与丰台区现行相关财政政策同类条款不能重复享受。"


@dataclass(frozen=True, slots=True)
class NearMiss:
    rule_id: str
    label: str  # what is measured: 研发费用增量
    value: Decimal
    threshold: Decimal
    text: str  # 「研发费用增量90万元，距“超过100万元”差10万元」


@dataclass(frozen=True, slots=True)
class Line:
    """One rule's result for the profile."""

    rule: AwardRule
    document: Document
    locator: str
    status: str  # 征求意见稿 / 已印发 / 已到期
    outcome: str  # computed | not_eligible | needs_info | not_stated
    amount_yuan: Decimal | None
    steps: tuple[str, ...]
    reason: str
    missing: tuple[str, ...]
    assumptions: tuple[str, ...]
    clause_text: str
    counted: bool  # part of the total (computed, in force, not superseded by a same-kind rule)
    note: str = ""  # why a computed amount is not counted
    near: NearMiss | None = None


@dataclass(frozen=True, slots=True)
class Report:
    profile: Profile
    as_of: date
    lines: tuple[Line, ...]
    total_yuan: Decimal

    @property
    def near_misses(self) -> tuple[NearMiss, ...]:
        return tuple(line.near for line in self.lines if line.near is not None)


def doc_status(doc: Document, as_of: date, locator: str = "") -> str:
    expires = doc.expires_for(locator) if locator else doc.expires
    return "已到期" if expires is not None and as_of > expires else doc.status


def lines_status(lines: Sequence[Line]) -> str:
    """A document's status in a report: expired when any of its lines is (the 8条政策 of 经开区 expire,
    the plan around them states no end)."""
    return "已到期" if any(ln.status == "已到期" for ln in lines) else lines[0].status


def expired_part(doc: Document) -> str:
    return f"{doc.expires_under}部分（{doc.validity}）" if doc.expires_under else "该文件"


class Matcher:
    """Rules, typed conditions and the corpus, loaded once; ``match`` is a pure function of a profile."""

    def __init__(self, corpus: Corpus, rules: list[AwardRule], conditions: dict[str, RuleConditions]) -> None:
        self.corpus, self.rules, self.conditions = corpus, rules, conditions
        order = {doc_id: i for i, doc_id in enumerate(corpus.documents)}
        self._ordered = sorted(rules, key=lambda r: order.get(r.clause_id.split("#")[0], len(order)))

    @classmethod
    def load(cls, settings: Settings | None = None, corpus: Corpus | None = None) -> Matcher:
        settings = settings or Settings.from_env()
        corpus = corpus or load_corpus(settings)
        rules = load_rules(settings.corpus_dir / "awards.toml")
        return cls(corpus, rules, load_conditions(settings.corpus_dir / "rule_conditions.toml"))

    def match(self, profile: Profile, as_of: date | None = None) -> Report:
        as_of = as_of or date.today()
        lines = [self._line(profile, rule, as_of) for rule in self._ordered]
        lines = _stacking(lines, self.conditions)
        total = sum((ln.amount_yuan or Decimal(0) for ln in lines if ln.counted), Decimal(0))
        return Report(profile, as_of, tuple(lines), total)

    def _line(self, profile: Profile, rule: AwardRule, as_of: date) -> Line:
        doc_id = rule.clause_id.split("#")[0]
        doc = self.corpus.documents[doc_id]
        clause = self.corpus.by_id.get(rule.clause_id)
        status = doc_status(doc, as_of, rule.clause_id.split("#", 1)[1])
        base = dict(rule=rule, document=doc, locator=clause.locator if clause else rule.clause_id.split("#", 1)[1],
                    status=status, clause_text=clause.text if clause else rule.quote)

        def line(outcome: str, reason: str = "", missing: tuple[str, ...] = ()) -> Line:
            return Line(**base, outcome=outcome, amount_yuan=None, steps=(), reason=reason, missing=missing,
                        assumptions=(), counted=False)  # type: ignore[arg-type]

        if profile.district != doc.district:
            return line("not_eligible", f"本条适用于{doc.district}，画像注册区为{profile.district}")
        rc = self.conditions.get(rule.rule_id)
        checked = check(profile, rc)
        if checked.state == "fail":
            return line("not_eligible", checked.reason)
        if checked.state == "info":
            return line("not_stated", rule.reason or "条款所列金额不是单个企业可获得的金额")
        facts = rule_facts(profile, rule, rc)
        for c in facts.counts:
            if c.n == 0:
                return line("not_eligible", f"{c.phrase}为0{c.unit}，没有可据以计算的数量")
        verdict = evaluate(rule, facts, "当年" if rule.kind == "staged" else "")
        outcome, reason, missing = verdict.outcome, verdict.reason, verdict.missing
        if checked.state == "unknown" and outcome in ("computed", "needs_info"):
            outcome, missing = "needs_info", (*checked.missing, *missing)
        result = verdict.result
        near = None
        if outcome == "not_eligible" and result is not None and result.base_yuan is not None:
            reason, near = _shortfall(rule, result.base_yuan) or (reason, None)
        if rule.kind == "tiers" and outcome == "computed" and result is not None and result.base_yuan is not None:
            first = _not_first(profile, rule, result.amount_yuan)
            if first:
                return replace(line("not_eligible", first), steps=result.steps)
            near = _next_tier(rule, result.base_yuan)
        steps = result.steps if result is not None else ()
        assumed = _unmet(result.assumptions if result else (), rc, profile, rule)
        amount = verdict.amount if outcome == "computed" else None
        counted = outcome == "computed" and status != "已到期"
        note = f"文件已于{doc.expires}到期，不计入合计" if outcome == "computed" and status == "已到期" else ""
        return Line(**base, outcome=outcome, amount_yuan=amount, steps=steps, reason=reason,  # type: ignore[arg-type]
                    missing=missing, assumptions=assumed, counted=counted, note=note,
                    near=near)


def _unmet(assumed: tuple[str, ...], rc: RuleConditions | None, profile: Profile, rule: AwardRule) -> tuple[str, ...]:
    """The evaluator's 假设 lines, less those the profile's checked conditions already establish."""
    said: list[str] = [c.quote for c in (rc.when if rc else ())]
    for c in rc.when if rc else ():
        if isinstance(c.value, tuple):
            said += list(c.value)
    if rule.kind == "tiers" and len(profile.years("工业产值" if "产值" in rule.threshold_label else "营业收入")) > 1:
        said.append("首次达到该档")

    def known(line: str) -> bool:
        body = line.removeprefix("假设：")
        return any(s in body or body in s or any(body[i:i + 6] in s for i in range(len(body) - 5)) for s in said)

    return tuple(a for a in assumed if not known(a))


def _label(rule: AwardRule) -> str:
    label = rule.threshold_label or rule.base_label
    for tail in ("首次达到", "达到", "超过"):
        label = label.removesuffix(tail)
    return label


def _shortfall(rule: AwardRule, value: Decimal) -> tuple[str, NearMiss | None] | None:
    """「研发费用增量80万元，须超过100万元」 and, within 20%, a 差一点 entry."""
    if rule.kind == "tiers":
        threshold, word = rule.tiers[-1][0], "达到"
    elif rule.threshold_yuan is not None:
        threshold, word = rule.threshold_yuan, "达到" if rule.threshold_inclusive else "超过"
    else:
        return None
    if value <= 0:
        return None
    label = _label(rule)
    reason = f"{label}{format_wan(value)}，须{word}{format_wan(threshold)}"
    near = None
    if value >= threshold * NEAR:
        gap = threshold - value
        text = f"{rule.subject}：{label}{format_wan(value)}，距“{word}{format_wan(threshold)}”" + (
            f"差{format_wan(gap)}" if gap > 0 else "仅差一点（须超过）")
        near = NearMiss(rule.rule_id, label, value, threshold, text)
    return reason, near


def _next_tier(rule: AwardRule, value: Decimal) -> NearMiss | None:
    higher = [(t, a) for t, a in rule.tiers if t > value]
    if not higher:
        return None
    threshold, award = higher[-1]
    if value < threshold * NEAR:
        return None
    label = _label(rule)
    text = (f"{rule.subject}：{label}{format_wan(value)}，距上一档“{format_wan(threshold)}（最高{format_wan(award)}）”"
            f"差{format_wan(threshold - value)}")
    return NearMiss(rule.rule_id, label, value, threshold, text)


def _not_first(profile: Profile, rule: AwardRule, award: Decimal) -> str:
    """A tier the previous year already reached is not 首次达到."""
    metric = "工业产值" if "产值" in rule.threshold_label else "营业收入"
    years = profile.years(metric)
    if len(years) < 2:
        return ""
    prev_year, prev = years[1]
    tier = next((t for t, a in rule.tiers if a == award), None)
    if tier is not None and prev >= tier:
        return f"{prev_year}年{metric}{format_wan(prev)}已达到{format_wan(tier)}档，本年不属于首次达到"
    return ""


def _stacking(lines: list[Line], conditions: dict[str, RuleConditions]) -> list[Line]:
    """Within a group of same-kind rules only the highest counted amount stays in the total."""
    groups: dict[str, list[int]] = {}
    for i, ln in enumerate(lines):
        rc = conditions.get(ln.rule.rule_id)
        if rc and rc.group and ln.counted:
            groups.setdefault(rc.group, []).append(i)
    out = list(lines)
    for name, idx in groups.items():
        if len(idx) < 2:
            continue
        keep = max(idx, key=lambda i: (lines[i].amount_yuan or Decimal(0), -i))
        kept = lines[keep]
        for i in idx:
            if i != keep:
                note = (f"与「{kept.rule.subject}」同类（{name}），按第二十四条“同类条款不能重复享受”就高保留"
                        f"{format_wan(kept.amount_yuan or Decimal(0))}，本项不计入合计")
                out[i] = replace(lines[i], counted=False, note=note)
        out[keep] = replace(kept, note=f"同类（{name}）就高保留本项")
    return out
