"""Needs information: a figure that could belong to several programmes — ask which, with each one's formula."""

from __future__ import annotations

from policyqa import numbers
from policyqa.answer import compose as C
from policyqa.answer.build import make_answer
from policyqa.answer.library import Library
from policyqa.numbers import percent
from policyqa.types import Answer, AwardRule, Hit
from policyqa.understand.frame import QuestionFrame


def ask_which(lib: Library, frame: QuestionFrame, options: list[AwardRule], hits: list[Hit]) -> Answer:
    """Needs information: which programme the figure belongs to, with each option's formula."""
    by_id = lib.corpus.by_id
    clauses = list(dict.fromkeys(by_id[r.clause_id] for r in options if r.clause_id in by_id))
    ids = [c.clause_id for c in clauses]
    fig = frame.facts.money[0]
    lines = [f"结论：需要您说明这笔{numbers.format_wan(fig.value)}是哪一项资金，才能计算；可能适用的条款有："]
    for rule in options:
        marker = ids.index(rule.clause_id) + 1
        rate = f"按{rule.base_label}的{percent(rule.rate)}" if rule.rate is not None else ""
        cap = f"，最高{numbers.format_wan(rule.cap_yuan)}" if rule.cap_yuan else ""
        lines.append(f"· {rule.subject}：{rate}{cap}（上限，非测算结果）[{marker}]")
    lines += C.status_notes(lib, clauses)
    citations = [lib.citation(i, c) for i, c in enumerate(clauses, start=1)]
    return make_answer(frame, "\n".join(lines), True, citations, [], hits)
