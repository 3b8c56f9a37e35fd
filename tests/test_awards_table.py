"""corpus/awards.toml against the corpus: quotes are verbatim, ids exist, every stated award is covered."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from policyqa.award_table import load_rules
from policyqa.corpus import Corpus
from policyqa.numbers import find_amounts
from policyqa.types import AwardRule, Clause

ROOT = Path(__file__).resolve().parent.parent
RULES = load_rules(ROOT / "corpus" / "awards.toml")
AWARD_DOCS = ("fengtai-zhizao", "jingkai-sida")
# Phrases that state an award; each must lie inside some rule's quote.
AWARD_PHRASES = [
    re.compile(r"最高[^，。；,;、]*?元"),  # 最高1亿元, 最高每家支持200万元, 年度最高500万元
    re.compile(r"不超过[^，。；,;、]*?万元"),  # 最高不超过100万元, 支持不超过50万元
    re.compile(r"\d+(?:\.\d+)?%"),  # 20%, 0.5%
    re.compile(r"每家[^，。；,;]*"),  # 每家链主单位…, 每家支持200万元
    re.compile(r"给予[^，。；,;]*?\d+(?:\.\d+)?万元"),  # 给予最高10万元 and any bare 给予N万元
]
# Clauses that state awards (as opposed to targets, budgets of scale or headings).
AWARD_CLAUSE = re.compile(
    r"^fengtai-zhizao#第(?:[三四五六七八九]|十[一二三四五六七八九]?)条$|^jingkai-sida#五、\(.\)\d$"
)


def _pct(rate: Decimal) -> str:
    return f"{format((rate * 100).normalize(), 'f')}%"


@pytest.fixture(scope="module")
def award_clauses(corpus: Corpus) -> list[Clause]:
    clauses = [c for c in corpus.clauses if c.doc_id in AWARD_DOCS and AWARD_CLAUSE.match(c.clause_id)]
    assert len(clauses) >= 17 + 32  # 第三条–第十九条 and the 五、 items; fails if the ids drift
    return clauses


@pytest.mark.parametrize("rule", RULES, ids=[r.rule_id for r in RULES])
def test_clause_exists_and_quote_is_verbatim(rule: AwardRule, corpus: Corpus) -> None:
    clauses = corpus.by_id
    assert rule.clause_id in clauses, f"{rule.rule_id}: unknown clause {rule.clause_id}"
    assert rule.quote in clauses[rule.clause_id].text, f"{rule.rule_id}: quote not in {rule.clause_id}"


@pytest.mark.parametrize("rule", RULES, ids=[r.rule_id for r in RULES])
def test_rule_figures_are_in_its_quote(rule: AwardRule) -> None:
    """Every amount and rate in a rule is stated in its own quote (catches typos in the table)."""
    stated = {v for v, _, _ in find_amounts(rule.quote)}
    figures = [rule.cap_yuan, rule.threshold_yuan, rule.unit_yuan, rule.annual_cap_yuan]
    figures += [a for pair in rule.tiers for a in pair] + [a for _, a in rule.stages] + [a for _, a in rule.levels]
    for figure in figures:
        if figure is not None:
            assert figure in stated, f"{rule.rule_id}: {figure} not stated in its quote"
    if rule.rate is not None:
        assert _pct(rule.rate) in rule.quote, f"{rule.rule_id}: rate {_pct(rule.rate)} not in its quote"


def test_rule_ids_unique_and_readable() -> None:
    ids = [r.rule_id for r in RULES]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9-]+", i) for i in ids)
    assert all(r.reason for r in RULES if r.kind == "not_computable")


def test_every_award_phrase_is_covered(award_clauses: list[Clause]) -> None:
    missing = []
    for clause in award_clauses:
        spans = [
            (m.start(), m.start() + len(r.quote))
            for r in RULES
            if r.clause_id == clause.clause_id
            for m in re.finditer(re.escape(r.quote), clause.text)
        ]
        for pattern in AWARD_PHRASES:
            for m in pattern.finditer(clause.text):
                if not any(s <= m.start() and m.end() <= e for s, e in spans):
                    missing.append(f"{clause.clause_id}: {m.group()}")
    assert not missing, "award phrases with no rule:\n" + "\n".join(missing)


def test_every_amount_in_award_clauses_is_covered(award_clauses: list[Clause]) -> None:
    """Stronger than the phrases: any money figure in an award clause sits inside some rule's quote."""
    missing = []
    for clause in award_clauses:
        quotes = [r.quote for r in RULES if r.clause_id == clause.clause_id]
        for value, start, end in find_amounts(clause.text):
            window = [
                q
                for q in quotes
                for m in re.finditer(re.escape(q), clause.text)
                if m.start() <= start and end <= m.end()
            ]
            if not window:
                missing.append(f"{clause.clause_id}: {clause.text[start:end]} ({value})")
    assert not missing, "\n".join(missing)


def test_coverage_check_can_fail(award_clauses: list[Clause]) -> None:
    """Dropping one rule must leave its phrases uncovered — the check above is real."""
    clause = next(c for c in award_clauses if c.clause_id == "fengtai-zhizao#第十四条")
    kept = [r for r in RULES if r.rule_id != "fengtai-14-first-set-subsidy" and r.clause_id == clause.clause_id]
    spans = [(clause.text.find(r.quote), clause.text.find(r.quote) + len(r.quote)) for r in kept]
    uncovered = [
        m.group()
        for p in AWARD_PHRASES
        for m in p.finditer(clause.text)
        if not any(s <= m.start() and m.end() <= e for s, e in spans)
    ]
    assert "30%" in uncovered and any("200万元" in u for u in uncovered)


def test_both_documents_have_rules() -> None:
    docs = {r.clause_id.split("#")[0] for r in RULES}
    assert set(AWARD_DOCS) <= docs
