"""Eligibility from what the user says against what a clause requires, where it is mechanical:
a requirement the user negates (「还没纳入…企业库」 against 「纳入丰台区智能制造企业库的企业」) or a
number of years below the one a clause demands (「只肯承诺5年」 against 「承诺10年内不迁离」)."""

from __future__ import annotations

import re
from collections.abc import Sequence

import cn2an

from policyqa.answer.sentences import SENTENCE
from policyqa.tokenize import tokenize
from policyqa.types import Clause
from policyqa.understand.facts import negated_phrases

_NEGATION_WORDS = frozenset({"没", "未", "没有", "还没", "尚未", "并未", "还", "但是", "不过", "可是", "就是"})
_USER_YEARS = re.compile(
    r"(?:承诺|只肯|只能|只愿意|最多|只打算|计划)[^，。,；]{0,6}?(\d{1,2}|[一二两三四五六七八九十]{1,3})\s*年"
)
_CLAUSE_YEARS = re.compile(r"(?:承诺|不少于|至少)[^，。,；]{0,4}?(\d{1,2}|[一二两三四五六七八九十]{1,3})\s*年")


def _years(raw: str) -> int | None:
    try:
        return int(raw) if raw.isdigit() else int(cn2an.cn2an(raw, "normal"))
    except (ValueError, KeyError, IndexError):
        return None


def _sentences(clauses: Sequence[Clause]) -> list[str]:
    return [s.strip() for c in clauses for s in SENTENCE.findall(c.text) if s.strip()]


def unmet_conditions(question: str, clauses: Sequence[Clause]) -> list[str]:
    """Conclusion lines (不能 + the requirement + what the user said), or [] when nothing is mechanical."""
    sentences = _sentences(clauses[:3])
    lines: list[str] = []
    for phrase in negated_phrases(question):
        words = {t for t in tokenize(phrase) if len(t) >= 2 and t not in _NEGATION_WORDS}
        if not words:
            continue
        best = max(sentences, key=lambda s: len(words & set(tokenize(s))), default="")
        shared = words & set(tokenize(best))
        if len(shared) >= 2 or any(len(w) >= 4 for w in shared):
            lines.append(f"结论：按您所述不符合条件，不能享受：条款要求“{best}”，而您所述为「{phrase}」。")
            break
    asked = _USER_YEARS.search(question)
    if asked and (have := _years(asked[1])) is not None:
        for sentence in sentences:
            need = _CLAUSE_YEARS.search(sentence)
            if need and (want := _years(need[1])) is not None and have < want:
                lines.append(
                    f"结论：按您所述不符合条件，不能享受：条款要求“{need[0]}”，您所述为{have}年，少于{want}年。"
                )
                break
    return lines
