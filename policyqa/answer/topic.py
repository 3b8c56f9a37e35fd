"""Whether a rule the question's words selected is about what the question is about: the clause it prices
must speak of the question's topic as the best-retrieved clause does (not merely share a keyword with it)."""

from __future__ import annotations

from policyqa.answer import scope
from policyqa.answer.library import Library, token_set
from policyqa.rules.select import denied, heading, keyword_score, named_outright, normalized
from policyqa.tokenize import tokenize
from policyqa.types import AwardRule, Clause, Hit
from policyqa.understand.frame import QuestionFrame


def on_topic(lib: Library, frame: QuestionFrame, hits: list[Hit], clause: Clause, rule: AwardRule) -> bool:
    """「技改项目的配套比例」: the top clause speaks of 技改 and the rule's clause does not; 「贷款贴息贴几个点」:
    the clause speaks of it in another sentence than the one the rule prices — about something else."""
    terms = [t for t in scope.content_tokens(lib, frame.text) if t in lib.df]
    if not terms or not hits or named_outright(rule, lib.rules, frame.text) \
            or denied(rule, lib.rules, normalized(frame.text)):  # (「不是链长单位」: its condition fails)
        return True  # (an award named outright is the question's, whatever the top clause speaks of)
    if (title := heading(clause)) and title in normalized(frame.text):
        return True  # 「成套装备应用示范支持多少」 names the article by its heading: its awards are the answer
    key = min(terms, key=lambda t: lib.df[t])
    own = token_set(clause.text)
    if key in own and key not in token_set(rule.quote) and not keyword_score(rule, frame.text.lower()):
        return False
    top = token_set(hits[0].clause.text)
    # 「人才计划…入选了给多少」: 入选 alone is not 人才计划 — against the best clause of the rule's own document
    # (another district's best clause speaks its own words).
    best = next((h.clause for h in hits if h.clause.doc_id == clause.doc_id), None)
    if best is not None and len({t for t in terms if t in token_set(best.text)} - own) >= 2:
        return False
    return key not in top or key in own or key in tokenize(frame.context[len(frame.text):])

