"""A rule's verdict for what the user stated: one of four outcomes, as data."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from policyqa.types import AwardResult, AwardRule


@dataclass(frozen=True, slots=True)
class Verdict:
    rule: AwardRule
    outcome: str
    result: AwardResult | None  # computed: the amount; otherwise the rule's stated maximum (cap_only) if any
    reason: str = ""  # not_eligible: the failing condition; not_stated: why no figure
    missing: tuple[str, ...] = ()  # needs_info: facts to provide
    approximate: bool = False  # computed from a figure the user gave as approximate (300来万)

    @property
    def amount(self) -> Decimal | None:
        return self.result.amount_yuan if self.result is not None and self.outcome == "computed" else None
