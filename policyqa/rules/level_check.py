"""A verdict against the level the user says (国家级 / 市级): a rule for another level's award gives no figure
for the level asked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from policyqa.rules.select import level_fit
from policyqa.rules.verdict import Verdict
from policyqa.types import AwardRule
from policyqa.understand.frame import QuestionFrame


def level_checked(verdict: Verdict, frame: QuestionFrame, rules: Sequence[AwardRule]) -> Verdict:
    """「那如果我们是国家级首台（套）呢」 against a rule only for 北京市/市级: the documents set no figure for
    the level asked, so the rule's figure is not that level's answer."""
    if level_fit(verdict.rule, frame.facts) >= 0 or verdict.outcome == "not_eligible":
        return verdict
    said = frame.facts.levels[-1]
    if any(r.clause_id == verdict.rule.clause_id and level_fit(r, frame.facts) >= 0 for r in rules):
        # (the clause has that level's award: 「市级…能不能按国家级那档」 keeps the user's own computed)
        reason = f"条款只规定了「{verdict.rule.subject}」，文件未规定{said}的档位或金额"
        return replace(verdict, outcome="not_stated", reason=reason)
    # No rule sets a figure for the level: no cap or formula of another level is shown, it would read as this one's.
    reason = f"文件未规定{said}的档位或金额，条款只规定了「{verdict.rule.subject}」"
    return replace(verdict, outcome="not_stated", reason=reason, result=None)
