"""A document's list of cases that get no support (「有下列情形的不予支持：…发生一般生产安全事故…的」) applied to
every award of that document the user asks about: a computed amount becomes 0 when the user names a listed case."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from policyqa.answer.conditions import named_case
from policyqa.answer.library import Library
from policyqa.rules.outcome import Verdict
from policyqa.types import AwardResult, Clause
from policyqa.understand.frame import QuestionFrame

_EXCLUDES = re.compile(r"有下列情形(?:之一)?的?(?:不予支持|不予受理|不得申报|不予资助|不予奖励)")


def barring(lib: Library, frame: QuestionFrame, verdicts: Sequence[Verdict]) -> tuple[Clause, str] | None:
    """The exclusion clause and the listed case the user names, for the document of the awards computed."""
    docs = {v.rule.clause_id.split("#")[0] for v in verdicts if v.outcome == "computed"}
    listing = [c for c in lib.corpus.clauses if c.doc_id in docs and _EXCLUDES.search(c.text)]
    return named_case(frame.text, listing)


def barred(verdicts: Sequence[Verdict], clause: Clause, item: str) -> list[Verdict]:
    """The awards of that document at 0, each with the case and the article that bars it."""
    out = []
    for v in verdicts:
        if v.outcome != "computed" or v.rule.clause_id.split("#")[0] != clause.doc_id or v.result is None:
            out.append(v)
            continue
        step = f"按{clause.locator}，“{item}”不予支持 → 0 元"
        zero = AwardResult(v.rule.rule_id, v.rule.clause_id, Decimal(0), (*v.result.steps[:1], step), (),
                           v.result.base_yuan, v.result.cap_yuan)
        out.append(replace(v, outcome="not_eligible", result=zero, reason=f"{clause.locator}：{item}不予支持"))
    return out
