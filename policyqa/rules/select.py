"""Which rules a question is about: a rule is a candidate only when its clause is among the
clauses retrieval found for the question (agreement on the topic); the question's words
and figures then rank the candidates. A keyword alone never brings a rule in."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from policyqa.rules.bind import GENERIC, label_cues
from policyqa.types import AwardRule, Hit
from policyqa.understand.facts import Facts

_STRIP = re.compile(r"[\s()（）“”\"'‘’「」『』《》〈〉【】]")
MAX_RULES = 3
TOP_HITS = 3


def _norm(text: str) -> str:
    return _STRIP.sub("", unicodedata.normalize("NFKC", text)).lower()


def clause_rank(rule: AwardRule, clause_ids: Sequence[str]) -> int | None:
    for rank, cid in enumerate(clause_ids):
        if cid == rule.clause_id or cid.startswith(rule.clause_id + "#"):
            return rank
    return None


def keyword_score(rule: AwardRule, latest: str, earlier: str = "") -> float:
    """Matched keywords weighted by length; those in the latest turn count double."""
    score = 0.0
    for keyword in {_norm(k) for k in rule.keywords}:
        if keyword in latest:
            score += 2 * len(keyword)
        elif keyword in earlier:
            score += len(keyword)
    return score


def fact_fit(rule: AwardRule, facts: Facts) -> float:
    """A stated figure named like the rule's base or level (市级…/研发费用增量…) points at it."""
    label = rule.base_label or rule.threshold_label
    if not label:
        return 0.0
    wanted = label_cues(label) - GENERIC
    return 2.0 * max((len(f.cues & wanted) for f in facts.money), default=0)


def select_rules(
    rules: Sequence[AwardRule],
    hits: Sequence[Hit],
    facts: Facts,
    latest: str,
    earlier: str = "",
    doc_ids: Sequence[str] | None = None,
    prefer: Sequence[str] = (),
) -> list[AwardRule]:
    """Rules of the top hits' clauses, best first (at most ``MAX_RULES``, within half the best score).

    ``prefer`` are rule ids the conversation was already about (a follow-up keeps to them).
    """
    if not hits:
        return []
    top = hits[0].score
    clause_ids = [h.clause.clause_id for h in hits[:TOP_HITS] if h.score >= 0.5 * top]
    latest, earlier = _norm(latest), _norm(earlier)
    scored: list[tuple[float, int, AwardRule]] = []
    for order, rule in enumerate(rules):
        if doc_ids is not None and rule.clause_id.split("#")[0] not in doc_ids:
            continue
        rank = clause_rank(rule, clause_ids)
        if rank is None and rule.rule_id in prefer:
            rank = 0  # the conversation is already about this award
        if rank is None:
            continue
        words = keyword_score(rule, latest, earlier)
        fit = fact_fit(rule, facts)
        if words == 0 and fit == 0 and rule.rule_id not in prefer:
            continue  # retrieval alone never brings a figure in: the question's own words must agree
        score = words + fit + max(3.0 - 1.5 * rank, 0.5) + (20.0 if rule.rule_id in prefer else 0.0)
        scored.append((score, order, rule))
    if not scored:
        return []
    scored.sort(key=lambda t: (-t[0], t[1]))
    best = scored[0][0]
    return [rule for score, _, rule in scored[:MAX_RULES] if score >= best / 2]
