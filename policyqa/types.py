"""Frozen data objects that cross module boundaries.

Data flows one way: Document → Clause → Hit → Answer(Citation, AwardResult).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Document:
    """One policy document from ``corpus/manifest.toml``."""

    doc_id: str
    title: str
    short_title: str
    district: str
    aliases: tuple[str, ...]
    issuer: str
    doc_number: str | None  # 文号, e.g. 京技管〔2020〕48号
    kind: str  # 正文 / 政策解读问答
    status: str  # 征求意见稿 / 已印发
    issued: date | None
    effective: date | None
    expires: date | None
    validity: str  # human wording of the validity, from the document
    source_file: str  # original seed file name
    path: Path  # file under corpus/
    # The validity may cover only part of a document (经开区: the 8条政策 under 五、): clauses whose
    # locator starts with this; empty means the whole document.
    expires_under: str = ""

    @property
    def is_draft(self) -> bool:
        return self.status == "征求意见稿"

    def expires_for(self, locator: str) -> date | None:
        """The expiry that binds this clause: none for a clause outside the part the validity covers."""
        return self.expires if locator.startswith(self.expires_under) else None


@dataclass(frozen=True, slots=True)
class Clause:
    """A citable unit of a document: an article, a list item, an FAQ answer or a part of one."""

    clause_id: str  # stable: f"{doc_id}#{locator}" (+ "#p2" for later parts of a long passage)
    doc_id: str
    locator: str  # as people cite it: 第十四条, 五、(二)3, 五、关键词诠释 > 首台（套）
    heading_path: tuple[str, ...]  # enclosing headings, outermost first
    text: str  # verbatim clause text (conversion artefacts removed)
    title: str = ""  # the heading text of the clause itself, when it has one
    part: int = 1  # 1-based part number when a long passage was split
    order: int = 0  # position in the document


@dataclass(frozen=True, slots=True)
class Hit:
    """A retrieved clause with its fused score and the retrievers that found it."""

    clause: Clause
    score: float
    via: tuple[str, ...]  # ("bm25",), ("dense",) or both


@dataclass(frozen=True, slots=True)
class AwardRule:
    """One award stated by a clause, in computable form (see corpus/awards.toml)."""

    rule_id: str
    clause_id: str
    subject: str  # what it rewards, in Chinese
    kind: str  # fixed_cap | rate_cap | tiers | threshold_rate_cap | per_unit | staged | not_computable
    quote: str  # verbatim substring of the clause text
    cap_yuan: Decimal | None = None
    rate: Decimal | None = None
    base_label: str = ""  # what the rate applies to, e.g. 市级补贴资金
    threshold_yuan: Decimal | None = None
    threshold_label: str = ""
    tiers: tuple[tuple[Decimal, Decimal], ...] = ()  # (threshold, award), descending thresholds
    stages: tuple[tuple[str, Decimal], ...] = ()  # (label, award)
    unit_yuan: Decimal | None = None
    unit_label: str = ""
    annual_cap_yuan: Decimal | None = None
    levels: tuple[tuple[str, Decimal], ...] = ()  # (国家级, cap) for level-dependent caps
    years: int = 1
    conditions: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    reason: str = ""  # for not_computable: why no amount can be computed; otherwise a note shown in steps
    threshold_inclusive: bool = True  # 达到/以上 (≥) vs 超过 (>)
    reviewed: bool = True  # False: drafted by `policyqa add` from the clause text, not yet checked by a person


@dataclass(frozen=True, slots=True)
class AwardResult:
    rule_id: str
    clause_id: str
    amount_yuan: Decimal
    steps: tuple[str, ...]
    assumptions: tuple[str, ...] = ()
    base_yuan: Decimal | None = None
    cap_yuan: Decimal | None = None
    cap_only: bool = False  # amount is the clause's stated maximum, not computed from the user's figures


@dataclass(frozen=True, slots=True)
class Citation:
    marker: int
    clause_id: str
    doc_id: str
    document_title: str
    locator: str
    status: str
    validity: str
    text: str


@dataclass(frozen=True, slots=True)
class Answer:
    question: str
    text: str
    found: bool
    citations: tuple[Citation, ...] = ()
    calculations: tuple[AwardResult, ...] = ()
    amounts_yuan: tuple[Decimal, ...] = ()
    hits: tuple[Hit, ...] = ()
    related: tuple[Citation, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)  # e.g. why an LLM answer fell back
