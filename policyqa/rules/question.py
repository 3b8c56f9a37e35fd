"""A free question straight to award verdicts, without retrieval (the calculator's 按描述测算 and
``policyqa award --question``): rules are picked by the question's own words and figures."""

from __future__ import annotations

import re
from collections.abc import Sequence

from policyqa.corpus import Corpus
from policyqa.errors import InputError
from policyqa.rules.select import fact_fit, keyword_score
from policyqa.rules.verdict import Verdict, evaluate
from policyqa.tokenize import normalize
from policyqa.types import AwardResult, AwardRule
from policyqa.understand.facts import read_facts
from policyqa.understand.figures import canonical
from policyqa.understand.places import elsewhere_in

MAX_RESULTS = 3
_MONEY = re.compile(r"多少|最高|最多|封顶|上限|金额|补贴|补助|奖励|奖补|配套|给钱|拿钱|能拿|能补|支持|资助|几万|政策")
_SEGMENT = re.compile(r"[。？?！!；;\n]+|(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")


def verdicts_for(
    question: str, rules: Sequence[AwardRule], districts_of: dict[str, str] | None = None,
    districts: Sequence[str] = (),
) -> list[Verdict]:
    """Verdicts of the rules the question names (keywords and figure labels), best first.

    ``districts_of`` maps doc_id → district; with ``districts`` it keeps to those districts.
    """
    if not isinstance(question, str):
        raise InputError(f"问题应为文字，收到：{question!r}")
    text, _ = canonical(normalize(question))
    facts = read_facts(text)
    if not _MONEY.search(text) and not (facts.money or facts.counts):
        return []  # 「首台套到底指啥？谁认定的？」 names a rule's terms but asks no amount
    segments = [seg for seg in _SEGMENT.split(text.lower()) if seg.strip()]
    pool = [
        r for r in rules
        if not districts or not districts_of or districts_of.get(r.clause_id.split("#")[0]) in districts
    ]
    scored = []
    for order, rule in enumerate(pool):
        words = max((keyword_score(rule, seg, text.lower()) for seg in segments[-1:]), default=0.0)
        words = words or keyword_score(rule, "", text.lower())
        if words == 0:
            continue
        scored.append((words + fact_fit(rule, facts), order, rule))
    scored.sort(key=lambda t: (-t[0], t[1]))
    if not scored:
        return []
    best = scored[0][0]
    return [evaluate(rule, facts, text) for score, _, rule in scored[:MAX_RESULTS] if score >= best / 2]


def from_question(question: str, rules: Sequence[AwardRule], corpus: Corpus | None = None) -> list[AwardResult]:
    """The results of :func:`verdicts_for` (each verdict's amount or stated maximum), kept to the
    districts the question names when a ``corpus`` tells which those are."""
    if not isinstance(question, str):
        raise InputError(f"问题应为文字，收到：{question!r}")
    districts_of = {d.doc_id: d.district for d in corpus.documents.values()} if corpus else None
    districts = corpus.districts_in(normalize(question)) if corpus else []
    if corpus is not None and elsewhere_in(corpus, normalize(question), districts):
        return []  # a place with no documents: no rule of another district applies
    verdicts = verdicts_for(question, rules, districts_of, districts)
    return [v.result for v in verdicts if v.result is not None]
