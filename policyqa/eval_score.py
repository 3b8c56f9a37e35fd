"""The scoring of ``policyqa eval``: pure functions over (gold item, answer JSON as
``serialize.answer_json`` writes it, retrieved passages), unit-tested on hand-made pairs.

``score_item`` gives every score of one item, the lenient verdict (``passed``, ``reasons``:
the checks ``policyqa eval`` always had) and the strict one (``passed_strict``,
``strict_reasons``): also every checkable must_include fact covered (``eval_facts``) and the
headline figure taken from a gold clause or a calculation on one (``headline_source``).
``aggregate`` and ``breakdown`` turn rows into metrics. The method is in ``evals/README.md``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from policyqa.eval_facts import canon, fact_scores
from policyqa.numbers import find_amounts

K_RETRIEVE = 10  # passages kept per question; recall@1/@5 and MRR@10 are read from them
BASELINE_MODES = ("bm25", "dense", "hybrid", "llamaindex")
# Chinese names of the metrics, for the gate's messages and the report.
NAMES = {
    "retrieval_recall_at_1": "检索召回率@1", "retrieval_recall_at_5": "检索召回率@5", "mrr": "平均倒数排名 MRR",
    "citation_recall": "引用召回率", "citation_precision": "引用准确率", "top_citation_correct": "首条引用正确率",
    "mean_citations": "平均引用条数", "numeric_exact": "金额精确率", "numeric_mentioned": "金额提及率",
    "fabricated_figures": "虚构金额数", "fabricated_items": "含虚构金额的回答数", "refusal_accuracy": "拒答准确率",
    "false_refusal_rate": "误拒率", "must_include_literal": "要点覆盖率（字面，参考）",
    "pass_rate": "逐题通过率（宽松）", "must_include_coverage": "要点覆盖率（可核对要点）",
    "must_include_unchecked": "无法自动核对的要点数",
    "numeric_sourced": "金额精确且有据率", "strict_pass_rate": "逐题通过率（严格）",
    "latency_p50_ms": "延迟 p50（毫秒）", "latency_p95_ms": "延迟 p95（毫秒）", "n": "题数",
}

OUT_OF_SCOPE = "out_of_scope"
_AMOUNT_ONLY = re.compile(r"[\d.,]+(?:万|亿)?元")


@dataclass(frozen=True, slots=True)
class Passage:
    """A retrieved or cited text and the seed file it comes from (``None`` when unknown)."""

    source: str | None
    text: str


def squash(text: str) -> str:
    """Text without whitespace: quotes match across the line breaks of the source files."""
    return "".join(str(text).split())


def mean(values: Iterable[float]) -> float | None:
    values = list(values)
    return round(sum(values) / len(values), 4) if values else None


def percentile(values: Sequence[float], q: float) -> float | None:
    """Linear-interpolated percentile (numpy's default), ``None`` for no values."""
    if not values:
        return None
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    lo = int(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return round(ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo), 2)


# --------------------------------------------------------------------------- gold quotes


def gold_pairs(item: Mapping[str, Any]) -> list[tuple[str | None, str]]:
    """(seed file, quote) per gold quote; a single ``gold_doc`` applies to every quote."""
    quotes = item.get("gold_quote")
    if not quotes:
        return []
    quotes = [quotes] if isinstance(quotes, str) else list(quotes)
    docs = item.get("gold_doc")
    docs = list(docs) if isinstance(docs, list) else [docs] * len(quotes)
    if len(docs) != len(quotes):
        docs = [docs[0] if len(docs) == 1 else None] * len(quotes)
    return list(zip(docs, quotes, strict=True))


def covers(passage: Passage, doc: str | None, quote: str) -> bool:
    """The passage holds the quote (whitespace ignored) and, when both are known, is from the gold file."""
    if squash(quote) not in squash(passage.text):
        return False
    return passage.source is None or doc is None or passage.source == doc


def retrieval_scores(item: Mapping[str, Any], passages: Sequence[Passage]) -> dict[str, Any] | None:
    """recall@1, recall@5 (share of the item's quotes found) and reciprocal rank (mean over quotes)."""
    pairs = gold_pairs(item)
    if not pairs:
        return None
    ranks = [next((i for i, p in enumerate(passages, 1) if covers(p, d, q)), None) for d, q in pairs]
    return {
        "recall_at_1": sum(1 for r in ranks if r is not None and r <= 1) / len(ranks),
        "recall_at_5": sum(1 for r in ranks if r is not None and r <= 5) / len(ranks),
        "rr": sum(1 / r for r in ranks if r) / len(ranks),
        "ranks": ranks,
    }


def cited_passages(answer: Mapping[str, Any], sources: Mapping[str, str] | None = None) -> list[Passage]:
    sources = sources or {}
    return [Passage(sources.get(c.get("doc_id", "")), c.get("text", "")) for c in answer.get("citations") or []]


def citation_scores(item: Mapping[str, Any], answer: Mapping[str, Any],
                    sources: Mapping[str, str] | None = None) -> dict[str, Any] | None:
    """A citation is correct when its clause holds a gold quote; recall = gold quotes cited."""
    pairs = gold_pairs(item)
    if not pairs:
        return None
    cited = cited_passages(answer, sources)
    correct = [any(covers(c, d, q) for d, q in pairs) for c in cited]
    covered = [any(covers(c, d, q) for c in cited) for d, q in pairs]
    return {
        "n_citations": len(cited),
        "n_correct": sum(correct),
        "recall": sum(covered) / len(covered),
        "top_correct": bool(correct and correct[0]),
        "missing": [i for i, ok in enumerate(covered) if not ok],  # indexes into gold_pairs(item)
    }


# --------------------------------------------------------------------------- numbers, refusal


def _dec(value: Any) -> Decimal:
    return Decimal(str(value))


def stated_result(answer: Mapping[str, Any]) -> Decimal | None:
    """The amount the answer gives as its result: the calculator's, else the first amount stated."""
    calculations = answer.get("calculations") or []
    if calculations and calculations[0].get("amount_yuan") is not None:
        return _dec(calculations[0]["amount_yuan"])
    amounts = find_amounts(answer.get("answer") or "")
    return amounts[0][0] if amounts else None


def fabricated_amounts(answer: Mapping[str, Any]) -> list[Decimal]:
    """Amounts in the answer text found neither in a cited clause nor in a calculation
    (its result, base, cap, steps or assumptions). Mirrors ``answer.unsupported_amounts``."""
    allowed: set[Decimal] = set()
    for citation in answer.get("citations") or []:
        allowed |= {v for v, _, _ in find_amounts(citation.get("text", ""))}
    for calc in answer.get("calculations") or []:
        allowed |= {_dec(calc[k]) for k in ("amount_yuan", "base_yuan", "cap_yuan") if calc.get(k) is not None}
        for line in [*(calc.get("steps") or []), *(calc.get("assumptions") or [])]:
            allowed |= {v for v, _, _ in find_amounts(line)}
    return [v for v, _, _ in find_amounts(answer.get("answer") or "") if v not in allowed]


def numeric_scores(item: Mapping[str, Any], answer: Mapping[str, Any]) -> dict[str, Any] | None:
    if item.get("gold_number") is None:
        return None
    gold = _dec(item["gold_number"])
    stated = stated_result(answer)
    text_amounts = {v for v, _, _ in find_amounts(answer.get("answer") or "")}
    return {"gold": gold, "stated": stated, "exact": stated == gold, "mentioned": gold in text_amounts}


def headline_source(item: Mapping[str, Any], answer: Mapping[str, Any],
                    sources: Mapping[str, str] | None = None) -> str:
    """Where the stated result comes from: "calculator" (a calculation giving it whose clause is cited
    and holds a gold quote), "clause" (a cited clause holding a gold quote and the figure), else "none".

    Without a gold quote any cited clause counts as a gold clause."""
    stated = stated_result(answer)
    if stated is None:
        return "none"
    pairs = gold_pairs(item)
    cited = answer.get("citations") or []
    gold_clauses = [c for c, p in zip(cited, cited_passages(answer, sources), strict=True)
                    if not pairs or any(covers(p, d, q) for d, q in pairs)]
    gold_ids = {c.get("clause_id") for c in gold_clauses}
    for calc in answer.get("calculations") or []:
        if calc.get("amount_yuan") is not None and _dec(calc["amount_yuan"]) == stated \
                and calc.get("clause_id") in gold_ids:
            return "calculator"
    if any(stated in {v for v, _, _ in find_amounts(c.get("text", ""))} for c in gold_clauses):
        return "clause"
    return "none"


def is_refusal(answer: Mapping[str, Any]) -> bool:
    """The answer says the documents do not state it (``found`` false). An error is not a refusal:
    it fails the item (and an out-of-scope item's refusal accuracy) on its own."""
    return answer.get("found") is False and not answer.get("error")


def literal_facts(item: Mapping[str, Any], source_text: str) -> list[str]:
    """must_include entries a string match can check: an amount (150万元) or text found verbatim in
    the sources. Reviewer-style facts ("上限200万元未触及") are left to people."""
    flat = squash(source_text)
    return [f for f in item.get("must_include") or [] if _AMOUNT_ONLY.fullmatch(squash(f)) or squash(f) in flat]


def fact_covered(fact: str, answer_text: str) -> bool:
    if _AMOUNT_ONLY.fullmatch(squash(fact)):
        wanted = {v for v, _, _ in find_amounts(fact)}
        return bool(wanted & {v for v, _, _ in find_amounts(answer_text)})
    return squash(fact) in squash(answer_text)


# --------------------------------------------------------------------------- one item, all items


@lru_cache(maxsize=2)
def _corpus_canon(source_text: str) -> str:
    return canon(source_text) if source_text else ""


def _yuan(value: Decimal | None) -> str:
    if value is None:
        return "无"
    return f"{int(value):,} 元" if value == value.to_integral_value() else f"{value:,f} 元"


def score_item(item: Mapping[str, Any], answer: Mapping[str, Any], passages: Sequence[Passage],
               sources: Mapping[str, str] | None = None, source_text: str = "",
               doc_names: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Every score of one item, whether it passed, and why it failed (in Chinese).

    ``passed``/``reasons``: the lenient checks (refusal behaviour, no error, no fabricated
    amount, every gold quote cited, the stated result exact). ``passed_strict``/``strict_reasons``:
    those plus the headline figure's source (``headline_source`` not "none") and every checkable
    must_include fact covered (``facts_covered``/``facts_missing``/``facts_unchecked``).

    ``sources`` maps doc_id → seed file (so a citation must come from the gold document);
    ``source_text`` is the corpus text (to tell literal must_include facts); ``doc_names``
    maps seed file → short title for the messages."""
    # A multi-turn item whose last turn leaves the corpus (gold doc and quote null) is out of scope too.
    out_of_scope = item.get("type") == OUT_OF_SCOPE or (
        item.get("type") == "multi_turn" and not item.get("gold_doc") and not item.get("gold_quote")
    )
    refused = is_refusal(answer)
    fabricated = fabricated_amounts(answer)
    retrieval = None if out_of_scope else retrieval_scores(item, passages)
    citation = None if out_of_scope else citation_scores(item, answer, sources)
    numeric = numeric_scores(item, answer)
    if numeric:
        numeric["source"] = headline_source(item, answer, sources)
    checked = fact_scores(item, answer.get("answer") or "", _corpus_canon(source_text))
    facts = literal_facts(item, source_text)
    facts_hit = [f for f in facts if fact_covered(f, answer.get("answer") or "")]
    reasons: list[str] = []
    notes: list[str] = []
    if answer.get("error"):
        reasons.append(f"出错：{answer['error']}")
    if out_of_scope and not refused:
        reasons.append("应答“文件未提及”却给出了答案")
    if not out_of_scope and refused:
        reasons.append("误拒答：" + (answer.get("answer") or "").split("\n")[0][:60])
    if fabricated:
        reasons.append("虚构金额（不见于引用条款或测算）：" + "、".join(_yuan(v) for v in fabricated))
    if citation and citation["missing"] and not refused:
        pairs, locs = gold_pairs(item), item.get("gold_locator")
        locs = locs if isinstance(locs, list) and len(locs) == len(pairs) else [locs] * len(pairs)
        missing = [f"{(doc_names or {}).get(pairs[i][0] or '', pairs[i][0])} {locs[i]}「{pairs[i][1][:24]}」"
                   for i in citation["missing"]]
        reasons.append("未引用含金标原文的条款：" + "；".join(missing))
    if numeric and not numeric["exact"]:
        reasons.append(f"金额不符：答 {_yuan(numeric['stated'])}，应为 {_yuan(numeric['gold'])}")
    strict = list(reasons)
    if numeric and numeric["exact"] and numeric["source"] == "none":
        strict.append(f"金额来源不明：{_yuan(numeric['stated'])} 既非金标条款上的测算结果，也不见于引用的金标条款")
    for miss in checked["facts_missing"]:
        parts = "、".join(miss["parts"])
        strict.append(f"缺少要点：{miss['fact']}" + (f"（未见：{parts}）" if parts != miss["fact"] else ""))
    if citation and citation["n_citations"] and not citation["top_correct"] and not citation["missing"]:
        notes.append("首条引用不是金标条款")
    if retrieval and retrieval["recall_at_5"] < 1:
        notes.append(f"检索前5未全部命中金标原文（名次 {retrieval['ranks']}）")
    if len(facts_hit) < len(facts):
        notes.append("未出现的字面要点：" + "、".join(f for f in facts if f not in facts_hit))
    return {
        "id": item.get("id"),
        "type": item.get("type"),
        "gold_doc": item.get("gold_doc"),
        "question": item.get("question"),
        "passed": not reasons,
        "reasons": reasons,
        "passed_strict": not strict,
        "strict_reasons": strict,
        "headline_source": numeric["source"] if numeric else None,
        **checked,
        "notes": notes,
        "refused": refused,
        "out_of_scope": out_of_scope,
        "fabricated": [str(v) for v in fabricated],
        "retrieval": retrieval,
        "citation": citation,
        "numeric": {k: (str(v) if isinstance(v, Decimal) else v) for k, v in numeric.items()} if numeric else None,
        "facts": len(facts),
        "facts_hit": len(facts_hit),
        "latency_ms": answer.get("latency_ms"),
        "answer": dict(answer),
    }


def aggregate(rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Flat metrics over scored rows; ``None`` where no row applies."""
    ret = [r["retrieval"] for r in rows if r.get("retrieval")]
    cit = [r["citation"] for r in rows if r.get("citation")]
    num = [r["numeric"] for r in rows if r.get("numeric")]
    oos = [r for r in rows if r["out_of_scope"]]
    ins = [r for r in rows if not r["out_of_scope"]]
    n_cit = sum(c["n_citations"] for c in cit)
    facts = sum(r["facts"] for r in rows)
    covered = sum(len(r.get("facts_covered") or []) for r in rows)
    missing = sum(len(r.get("facts_missing") or []) for r in rows)
    latencies = [float(r["latency_ms"]) for r in rows if r.get("latency_ms") is not None]
    return {
        "retrieval_recall_at_1": mean(r["recall_at_1"] for r in ret),
        "retrieval_recall_at_5": mean(r["recall_at_5"] for r in ret),
        "mrr": mean(r["rr"] for r in ret),
        "citation_recall": mean(c["recall"] for c in cit),
        "citation_precision": round(sum(c["n_correct"] for c in cit) / n_cit, 4) if n_cit else None,
        "top_citation_correct": mean(float(c["top_correct"]) for c in cit),
        "mean_citations": mean(len(r["answer"].get("citations") or []) for r in rows),
        "numeric_exact": mean(float(x["exact"]) for x in num),
        "numeric_mentioned": mean(float(x["mentioned"]) for x in num),
        "fabricated_figures": sum(len(r["fabricated"]) for r in rows),
        "fabricated_items": sum(1 for r in rows if r["fabricated"]),
        "refusal_accuracy": mean(float(r["refused"] and not r["fabricated"]) for r in oos),
        "false_refusal_rate": mean(float(r["refused"]) for r in ins),
        "must_include_literal": round(sum(r["facts_hit"] for r in rows) / facts, 4) if facts else None,
        "must_include_coverage": round(covered / (covered + missing), 4) if covered + missing else None,
        "must_include_unchecked": sum(len(r.get("facts_unchecked") or []) for r in rows),
        "numeric_sourced": mean(float(x["exact"] and x.get("source") != "none") for x in num),
        "pass_rate": mean(float(r["passed"]) for r in rows),
        "strict_pass_rate": mean(float(r["passed_strict"]) for r in rows),
        "latency_p50_ms": percentile(latencies, 50),
        "latency_p95_ms": percentile(latencies, 95),
        "n": len(rows),
    }


def _docs_of(row: Mapping[str, Any]) -> list[str]:
    docs = row.get("gold_doc")
    return [d for d in (docs if isinstance(docs, list) else [docs]) if d] or ["（无金标文件）"]


def breakdown(rows: Sequence[Mapping[str, Any]], doc_names: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The same metrics per question type and per gold document (an item counts for each of its docs)."""
    doc_names = doc_names or {}
    by_type: dict[str, list[Mapping[str, Any]]] = {}
    by_doc: dict[str, list[Mapping[str, Any]]] = {}
    for row in rows:
        by_type.setdefault(str(row["type"]), []).append(row)
        for doc in dict.fromkeys(_docs_of(row)):
            by_doc.setdefault(doc_names.get(doc, doc), []).append(row)
    return {"by_type": {k: aggregate(v) for k, v in by_type.items()},
            "by_document": {k: aggregate(v) for k, v in sorted(by_doc.items())}}


