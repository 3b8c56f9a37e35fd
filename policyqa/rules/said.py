"""What the user says against a rule's conditions: a condition they deny (「我们不是链长单位」), a title attained
long ago (「2018年就获评的」) against an award for the newly recognised."""

from __future__ import annotations

import re
from datetime import date

from policyqa.tokenize import tokenize
from policyqa.types import AwardRule
from policyqa.understand.facts import Facts, negated_phrases

NEW_ONLY = re.compile(r"新获评|新认定|新获得|首次(?:认定|获得|获评|入选|纳入)")
_ATTAINED_AT = re.compile(r"((?:20)?\d{2})\s*年(?:就|已经|已|便)?(?:获评|认定|评上|评为|拿到|获得|入选|纳入)"
                          r"|(?:早(?:就|已)|多年前|好几年前|几年前)(?:就)?(?:获评|认定|评上|评为|拿到|获得|入选)")


def long_ago(text: str) -> str | None:
    """「2018年就获评的」「早就认定了」: something attained two or more years back — not new, not a first time now."""
    for m in _ATTAINED_AT.finditer(text):
        if not m[1]:
            return m[0]
        year = int(m[1]) + (2000 if len(m[1]) == 2 else 0)
        if year <= date.today().year - 2:
            return m[0]
    return None


def condition_lacked(rule: AwardRule, facts: Facts) -> str | None:
    """「还没拿到任何区级或者市级的认定」 against the condition 「获得区级及以上认定的…服务机构」: a condition the
    user says they do not meet (its distinctive words in the phrase the user negates)."""
    for phrase in negated_phrases(facts.text):
        said = {t for t in tokenize(phrase) if len(t) >= 2} - _NOT_DISTINCTIVE
        for condition in rule.conditions:
            shared = said & set(tokenize(condition))
            # (or a keyword of the award on each side: 「并非链主单位」 against 「…发展伙伴的链长单位」)
            keyed = _keyed(rule, phrase, condition)
            # (or one shared word denied outright: 「没拿过任何级别的认定」 against 「获得区级及以上认定」)
            whole = bool(shared) and bool(_ANY.search(phrase))
            # (or the level it requires, when no level above it is said: 「只有街道给的认定，没有区级的」 fails,
            # 「没有区级认定，但有市级的」 does not)
            levels = [t for t in shared if t in _LEVELS]
            if any(_ABOVE[t].search(facts.text.replace(phrase, "")) for t in levels):
                continue
            if len(shared) >= 2 or any(len(t) >= 3 for t in shared) or keyed or whole or levels:
                return f"条款要求“{condition}”，您所述为「{phrase}」，不满足条件"
    return None


_LEVELS = ("区级", "市级")
_ABOVE = {"区级": re.compile(r"市级|北京市|国家"), "市级": re.compile(r"国家")}
_ANY = re.compile(r"任何|任一|哪一级|哪级都|一个都|从来|从没|从未")


def _keyed(rule: AwardRule, phrase: str, condition: str) -> bool:
    """A keyword of the award in the phrase and a kindred one in the condition (链主单位 ~ 链长单位: a character
    shared), so a denied role is the condition that names the role, not any condition of the award."""
    said = [k for k in rule.keywords if len(k) >= 2 and k in phrase]
    named = [k for k in rule.keywords if len(k) >= 2 and k in condition]
    return any(set(a) & set(b) for a in said for b in named)


_NOT_DISTINCTIVE = frozenset({"没有", "还没", "尚未", "拿到", "获得", "企业", "支持", "资金", "我们", "任何"})
