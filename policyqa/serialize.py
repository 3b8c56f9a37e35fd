"""Stable JSON shapes of the batch interfaces (search, ask, award); kept in one place."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from policyqa.corpus import Corpus
from policyqa.types import Answer, AwardResult, AwardRule, Citation, Clause, Document, Hit


def book_title(title: str) -> str:
    """《title》; a title that itself quotes a title (《…》政策解读) nests it as 〈…〉, never 《《…》…》."""
    inner = title.strip()
    if inner.startswith("《") and inner.endswith("》") and inner.count("《") == 1:
        inner = inner[1:-1]  # already a book title
    return f"《{inner.replace('《', '〈').replace('》', '〉')}》"


book = book_title  # the short name used by the answer stages and reports


def citation_line(title: str, locator: str) -> str:
    """《title》第十四条 — the line hotline staff paste (a document's title clause cites as the title alone)."""
    return f"{book_title(title)}{'' if locator == '标题' else locator}"


def draft_note(title: str) -> str:
    """The warning every answer citing a consultation draft carries."""
    return f"注意：{book(title)}为征求意见稿，尚未正式发布，内容以正式印发文件为准。"


def _num(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def document_json(doc: Document) -> dict[str, Any]:
    return {
        "doc_id": doc.doc_id,
        "title": doc.title,
        "district": doc.district,
        "issuer": doc.issuer,
        "doc_number": doc.doc_number,
        "kind": doc.kind,
        "status": doc.status,
        "issued": doc.issued.isoformat() if doc.issued else None,
        "expires": doc.expires.isoformat() if doc.expires else None,
        "validity": doc.validity,
        "source_file": doc.source_file,
    }


def clause_json(corpus: Corpus, clause: Clause) -> dict[str, Any]:
    doc = corpus.documents[clause.doc_id]
    return {
        "clause_id": clause.clause_id,
        "doc_id": clause.doc_id,
        "document": doc.title,
        "locator": clause.locator,
        "heading_path": list(clause.heading_path),
        "status": doc.status,
        "validity": doc.validity,
        "text": clause.text,
    }


def hit_json(corpus: Corpus, hit: Hit) -> dict[str, Any]:
    return {**clause_json(corpus, hit.clause), "score": round(hit.score, 4), "via": list(hit.via)}


def citation_json(citation: Citation) -> dict[str, Any]:
    return {
        "marker": citation.marker,
        "clause_id": citation.clause_id,
        "doc_id": citation.doc_id,
        "document": citation.document_title,
        "locator": citation.locator,
        "status": citation.status,
        "validity": citation.validity,
        "text": citation.text,
    }


def result_json(result: AwardResult) -> dict[str, Any]:
    return {
        "rule_id": result.rule_id,
        "clause_id": result.clause_id,
        "amount_yuan": _num(result.amount_yuan),
        "base_yuan": _num(result.base_yuan),
        "cap_yuan": _num(result.cap_yuan),
        "steps": list(result.steps),
        "assumptions": list(result.assumptions),
    }


def rule_json(rule: AwardRule) -> dict[str, Any]:
    return {
        "rule_id": rule.rule_id,
        "clause_id": rule.clause_id,
        "subject": rule.subject,
        "kind": rule.kind,
        "quote": rule.quote,
        "cap_yuan": _num(rule.cap_yuan),
        "rate": _num(rule.rate),
        "conditions": list(rule.conditions),
        "reason": rule.reason,
        "reviewed": rule.reviewed,
    }


def answer_json(answer: Answer, item_id: str | None = None, latency_ms: float | None = None) -> dict[str, Any]:
    return {
        "id": item_id,
        "answer": answer.text,
        "conclusion": answer.text.splitlines()[0] if answer.text else "",  # the line that answers, stated first
        "found": answer.found,
        "citations": [citation_json(c) for c in answer.citations],
        "calculations": [result_json(r) for r in answer.calculations],
        "amounts_yuan": [_num(a) for a in answer.amounts_yuan],
        "related": [citation_json(c) for c in answer.related],
        "notes": list(answer.notes),
        "latency_ms": round(latency_ms, 2) if latency_ms is not None else None,
    }


def error_json(message: str, item_id: str | None = None) -> dict[str, Any]:
    """The batch line for a question that could not be answered (same keys as ``answer_json``)."""
    return {
        "id": item_id,
        "error": message,
        "answer": "",
        "found": False,
        "citations": [],
        "calculations": [],
        "amounts_yuan": [],
        "related": [],
        "notes": [],
        "latency_ms": 0.0,
    }
