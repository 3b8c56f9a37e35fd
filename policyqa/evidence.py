"""What an answer may state: amounts and rates found in its cited clauses or its calculations.

One definition shared by the extractive path (``answer``) and the LLM checks (``llm``), so a
figure is never "supported" in one place and "fabricated" in another.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from policyqa import numbers
from policyqa.types import Answer, AwardResult, Citation

_RATIO = re.compile(r"(\d+(?:\.\d+)?)\s*[%％]")


def allowed_amounts(citations: Sequence[Citation], calculations: Sequence[AwardResult]) -> set[Decimal]:
    """Amounts in the given clauses and those the calculator produced (result, base, cap, steps)."""
    allowed = {v for c in citations for v, _, _ in numbers.find_amounts(c.text)}
    for calc in calculations:
        allowed |= {v for v in (calc.amount_yuan, calc.base_yuan, calc.cap_yuan) if v is not None}
        allowed |= {v for line in (*calc.steps, *calc.assumptions) for v, _, _ in numbers.find_amounts(line)}
    return allowed


def ratios(text: str) -> set[Decimal]:
    """Percentages written in ``text`` ("30%" → 30)."""
    return {Decimal(m[1]).normalize() for m in _RATIO.finditer(text)}


def allowed_ratios(citations: Sequence[Citation], calculations: Sequence[AwardResult]) -> set[Decimal]:
    allowed = {r for c in citations for r in ratios(c.text)}
    for calc in calculations:
        allowed |= {r for line in calc.steps for r in ratios(line)}
    return allowed


def unsupported_amounts(answer: Answer) -> list[Decimal]:
    """Amounts in the answer text found neither in its cited clauses nor in its calculations."""
    allowed = allowed_amounts(answer.citations, answer.calculations)
    return [v for v in answer.amounts_yuan if v not in allowed]
