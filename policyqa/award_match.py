"""Question → award rule(s) → figures → ``AwardResult``: the glue between free text and the calculator."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import cn2an

from policyqa import places
from policyqa.awards import LEVEL_ALIASES, calculate, cap_result
from policyqa.errors import InputError, PolicyQAError
from policyqa.numbers import find_amounts, format_wan, format_yuan, parse_amount, parse_ratio
from policyqa.settings import Settings
from policyqa.types import AwardResult, AwardRule

_MAX_RESULTS = 3
_STRIP = re.compile(r"[\s()（）“”\"'‘’「」『』《》〈〉【】]")
# Sentence ends and whitespace between Chinese characters separate turns of a joined conversation.
_SEGMENT = re.compile(r"[。？?！!；;\n]+|(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
# A question must be about money for any rule to apply ("谁认定的？" mentions 首台套 but asks no amount).
_MONEY_INTENT = re.compile(
    r"多少|最高|最多|封顶|上限|金额|补贴|补助|奖励|奖补|配套|给钱|拿钱|能拿|能补|支持|资助|几万|几百万|有啥政策|有什么政策"
)
# An amount right after these is a condition ("营收过2000万"), not the base of the calculation.
_CONDITION_BEFORE = re.compile(r"(?:过|超过|超|达到|满|不低于|突破|破|以上|最高|最多|上限|封顶)\s*$")
_CONDITION_AFTER = re.compile(r"^\s*(?:以上|及以上|以上的)")
_INCREMENT_BEFORE = re.compile(r"(?:增量|增加了?|增长了?|多了|新增|涨了)\s*$")
_BREAK = re.compile(r"(?:破|过|上|突破|超过)(十亿|百亿|千万|亿)")
_CN_COUNT = "一二两三四五六七八九十百"


def _norm(text: str) -> str:
    return _STRIP.sub("", unicodedata.normalize("NFKC", text)).lower()


@functools.lru_cache(maxsize=8)
def _district_map(corpus_dir: Path) -> tuple[dict[str, str], dict[str, str]]:
    """(alias → district, doc_id → district) from the manifest; empty when it cannot be read."""
    from policyqa.corpus import load_manifest  # late: keeps the calculator importable without corpus deps

    try:
        documents, aliases = load_manifest(corpus_dir)
    except PolicyQAError:
        return {}, {}
    return aliases, {d.doc_id: d.district for d in documents}


def _districts(segment: str, aliases: dict[str, str]) -> set[str]:
    """Covered districts named in ``segment``, and places no document covers (so those get no rules)."""
    named = {district for alias, district in aliases.items() if alias in segment}
    return named | set(places.coverage(aliases).uncovered_places(segment))


def _score(rule: AwardRule, segments: list[str], last: int, ratios: list[Decimal], has_amount: bool) -> float:
    """Keyword weight; hits in the latest segment that names any rule count double (follow-ups win)."""
    score = 0.0
    for keyword in {_norm(k) for k in rule.keywords}:
        hits = [i for i, seg in enumerate(segments) if keyword in seg]
        if hits:
            score += len(keyword) * (2 if hits[-1] == last else 1)
    if score and rule.rate is not None and rule.rate in ratios:
        score += 3
    if score and has_amount and rule.kind in ("rate_cap", "threshold_rate_cap", "tiers"):
        score += 1
    return score


def _clause_rank(rule: AwardRule, clause_ids: Sequence[str]) -> int | None:
    for rank, cid in enumerate(clause_ids):
        if cid == rule.clause_id or cid.startswith(rule.clause_id + "#"):
            return rank
    return None


_NEGATIVE_BEFORE = re.compile(r"(?<![\d零一二两三四五六七八九十百千万亿])(?:负|-|－|−)\s*$")


def _reject_negative(question: str) -> None:
    """「负五百万」: a negative figure is not a base to compute with (find_amounts drops the sign)."""
    for _, start, end in find_amounts(question):
        if _NEGATIVE_BEFORE.search(question[:start]):
            raise InputError(f"金额不能为负数：「{question[max(0, start - 1):end]}」")


def _base_amounts(question: str) -> list[Decimal]:
    """Stated amounts that are not conditions or caps (营收过2000万, 最高200万)."""
    out = []
    for value, start, end in find_amounts(question):
        if _CONDITION_BEFORE.search(question[:start]) or _CONDITION_AFTER.match(question[end:]):
            continue
        out.append(value)
    return out


_GENERIC_CHARS = set("的和与及等年度项目额元万亿个")


def _amounts_of(question: str, label: str) -> list[Decimal]:
    """Base amounts the question ties to ``label``: "市级补贴五百万" is a 市级补贴资金, while
    "研发投入500万" asked next to a 首台套 rule is not, and must not become its base."""
    wanted = set(label) - _GENERIC_CHARS
    out = []
    for value, start, end in find_amounts(question):
        if _CONDITION_BEFORE.search(question[:start]) or _CONDITION_AFTER.match(question[end:]):
            continue
        # The words around the figure within its own phrase (commas end a phrase).
        before = re.split(r"[，,。；;？?！!]", question[max(0, start - 12) : start])[-1]
        after = re.split(r"[，,。；;？?！!]", question[end : end + 6])[0]
        window = before + after
        if len(wanted & set(window)) >= 2:
            out.append(value)
    return out


def _increment(question: str, amounts: list[Decimal]) -> tuple[Decimal, str] | None:
    """An increment: stated as such (增加了6000万), or the rise between two stated figures."""
    for value, start, _ in find_amounts(question):
        if _INCREMENT_BEFORE.search(question[:start]):
            return value, ""
    if len(amounts) >= 2:
        diff = amounts[-1] - amounts[0]
        # Each figure carries its unit so an answer quoting 3.6亿元 or 6000万元 is backed by a step.
        return diff, f"{format_wan(amounts[-1])} − {format_wan(amounts[0])} = {format_wan(diff)}（{format_yuan(diff)}）"
    return None


def _tier_value(question: str) -> Decimal | None:
    amounts = [v for v, _, _ in find_amounts(question)]
    broken = [parse_amount("一" + m[1]) for m in _BREAK.finditer(question)]  # 破亿 → 1亿
    found = amounts + broken
    return max(found) if found else None


def _count(question: str, unit: str) -> int | None:
    m = re.search(rf"(\d+|[{_CN_COUNT}]+)\s*{re.escape(unit)}", question)
    if not m:
        return None
    if m[1].isdigit():
        return int(m[1])
    try:
        return int(cn2an.cn2an(m[1], "normal"))
    except ValueError:  # "十十家" is not a number
        raise InputError(f"无法识别的数量：「{m[1]}{unit}」") from None


def _level(question: str, rule: AwardRule) -> str | None:
    """The level mentioned last wins, so a follow-up turn overrides the first one."""
    best: tuple[int, str] | None = None
    for name, _ in rule.levels:
        for alias in {name, *LEVEL_ALIASES.get(name, ())}:
            pos = question.rfind(alias)
            if pos >= 0 and (best is None or pos > best[0]):
                best = (pos, name)
    return best[1] if best else None


def _ratios(question: str) -> list[Decimal]:
    out = []
    for m in re.finditer(r"\d+(?:\.\d+)?\s*[%％]|百分之[零一二两三四五六七八九十点]+", question):
        try:
            out.append(parse_ratio(m[0]))
        except InputError:
            continue
    return out


def _compute(rule: AwardRule, question: str) -> AwardResult:
    stated = [question]
    level = _level(question, rule) if rule.levels else None
    try:
        _reject_negative(question)
        if rule.kind in ("rate_cap", "threshold_rate_cap"):
            amounts = _base_amounts(question)
            if "增量" in rule.base_label:
                inc = _increment(question, amounts)
                if inc is None:
                    raise InputError(f"需要提供：{rule.base_label}")
                if inc[0] <= 0:
                    steps = (f"{rule.base_label} = {inc[1]}，没有增长，不予支持 → 0 元",)
                    return AwardResult(rule.rule_id, rule.clause_id, Decimal(0), steps, (), inc[0], rule.cap_yuan)
                result = calculate(rule, base_yuan=inc[0], level=level, stated_conditions=stated)
                if inc[1]:
                    result = replace(result, steps=(f"{rule.base_label} = {inc[1]}", *result.steps))
                return result
            based = _amounts_of(question, rule.base_label + "".join(rule.keywords))
            if not based:
                raise InputError(f"需要提供：{rule.base_label}")
            return calculate(rule, base_yuan=based[0], level=level, stated_conditions=stated)
        if rule.kind == "tiers":
            value = _tier_value(question)
            if value is None:
                raise InputError(f"需要提供：{rule.threshold_label}的金额")
            return calculate(rule, tier_value_yuan=value, stated_conditions=stated)
        if rule.kind == "per_unit":
            count = _count(question, rule.unit_label)
            if count is None:
                raise InputError(f"需要提供：数量（{rule.unit_label}）")
            return calculate(rule, count=count, stated_conditions=stated)
        if rule.kind == "staged":
            return _staged(rule, question, stated)
        return cap_result(rule, level, stated)
    except InputError as err:
        # No usable figure in the question: the stated maximum is still a correct answer to "最多多少".
        result = cap_result(rule, level, stated)
        if (
            rule.kind == "per_unit"
            and rule.unit_yuan
            and re.search(rf"每[^，。？]*?{re.escape(rule.unit_label)}", question)
        ):
            return replace(result, amount_yuan=rule.unit_yuan)  # "每落地一家给多少" asks for the unit amount
        return replace(result, steps=(*result.steps, f"未能从问题中读出所需数据（{err}），以上为条款上限"))


_CN_ORDINAL = "零一二三四五"
_FAILED_STAGE = re.compile(r"第([一二三四五])年[^，。；,.;]{0,6}(?:没|未|不)(?:有)?达标")
_SUM = re.compile(r"加起来|加一起|合计|一共|总共|累计|前后|两笔|三笔|全部|总计")
_LATER_STAGE = re.compile(r"次年|第二年|明年|再给|还能再|再拿|还能拿|后续")
_FIRST_STAGE = re.compile(r"当年|首年|第一年|头一年")


def _staged(rule: AwardRule, question: str, stated: list[str]) -> AwardResult:
    """Which stage is asked about: all of them (加起来), a later one alone (次年还能再给多少),
    only the first (当年), or the clause's default (its stated total, else the first stage)."""
    failed = _FAILED_STAGE.search(question)  # "第三年没达标": stages stop before the failed one
    if failed and len(rule.stages) > 1:
        # 第三年 is the third stage (当年 = 第一年): failing it leaves the two before it.
        reached = min(max(_CN_ORDINAL.index(failed[1]) - 1, 1), len(rule.stages))
        return calculate(rule, count=reached, stated_conditions=stated)
    if _SUM.search(question):
        return calculate(rule, count=len(rule.stages), stated_conditions=stated)
    if _LATER_STAGE.search(question) and len(rule.stages) > 1:
        label, amount = rule.stages[1]
        first = calculate(rule, count=1, stated_conditions=stated)
        steps = (f"{label}：最高 {format_yuan(amount)}（{format_wan(amount)}）",
                 f"（{rule.stages[0][0]}的{format_wan(rule.stages[0][1])}另计）")
        return replace(first, amount_yuan=amount, steps=steps)
    if _FIRST_STAGE.search(question):
        return calculate(rule, count=1, stated_conditions=stated)
    return calculate(rule, stated_conditions=stated)


def from_question(
    question: str,
    rules: Sequence[AwardRule],
    clause_ids: Sequence[str] = (),
    *,
    corpus_dir: Path | None = None,
) -> list[AwardResult]:
    """Results for the rules a question is about, best first; [] when no rule fits.

    ``question`` may be several turns joined by spaces; later turns win over earlier ones. Rules whose
    clause is among the retrieved ``clause_ids`` are preferred (earlier ids more).
    """
    if not isinstance(question, str):
        raise InputError(f"问题应为文字，收到：{question!r}")
    text = unicodedata.normalize("NFKC", question)
    segments = [_norm(s) for s in _SEGMENT.split(text) if s and s.strip()]
    if not segments or not _MONEY_INTENT.search(text):
        return []
    aliases, doc_district = _district_map(corpus_dir or Settings.from_env().corpus_dir)
    named = [d for d in (_districts(s, aliases) for s in segments) if d]
    allowed = named[-1] if named else None
    pool = [r for r in rules if allowed is None or doc_district.get(r.clause_id.split("#")[0]) in allowed]
    if not pool:
        return []
    last = max((i for i, seg in enumerate(segments) for r in pool for k in r.keywords if _norm(k) in seg), default=-1)
    ratios = _ratios(text)
    has_amount = bool(find_amounts(text)) or bool(_BREAK.search(text))
    scored: list[tuple[float, int, AwardRule]] = []
    for order, rule in enumerate(pool):
        score = _score(rule, segments, last, ratios, has_amount)
        rank = _clause_rank(rule, clause_ids)
        # Retrieval only breaks ties between rules the question's words already point at;
        # alone it would put a figure on a question that never asked about that award.
        if rank is not None and score > 0:
            score += max(3.0 - rank * 0.5, 0.5)
        if score > 0:
            scored.append((score, order, rule))
    if not scored:
        return []
    scored.sort(key=lambda t: (-t[0], t[1]))
    top = scored[0][0]
    chosen = [rule for score, _, rule in scored[:_MAX_RESULTS] if score >= top / 2]
    return [_compute(rule, text) for rule in chosen]
