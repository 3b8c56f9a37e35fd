"""What the answer stages read: the corpus, the retriever, the rules and word statistics,
built once per process (``Library.build``) and passed to each stage."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache

from policyqa.corpus import Corpus
from policyqa.retrieve import Retriever
from policyqa.tokenize import tokenize, user_terms
from policyqa.types import AwardRule, Citation, Clause


@lru_cache(maxsize=8192)
def token_set(text: str) -> frozenset[str]:
    """The tokens of a clause or sentence, cached: the same clauses are read for many questions."""
    return frozenset(tokenize(text))


@dataclass(frozen=True)
class Library:
    corpus: Corpus
    retriever: Retriever
    rules: tuple[AwardRule, ...]
    df: dict[str, int]  # in how many clauses a token occurs
    vocab_by_district: dict[str, frozenset[str]]
    texts: tuple[str, ...]  # document texts (a district-like name inside them is a term, not a place)
    policy_terms: frozenset[str]
    today: date
    max_question_chars: int = 2000

    @classmethod
    def build(
        cls,
        corpus: Corpus,
        retriever: Retriever,
        rules: Sequence[AwardRule],
        max_question_chars: int = 2000,
        today: date | None = None,
    ) -> Library:
        df: dict[str, int] = {}
        vocab: dict[str, set[str]] = {}
        for clause in corpus.clauses:
            tokens = set(tokenize(clause.text))
            for token in tokens:
                df[token] = df.get(token, 0) + 1
            vocab.setdefault(corpus.documents[clause.doc_id].district, set()).update(tokens)
        return cls(
            corpus=corpus,
            retriever=retriever,
            rules=tuple(rules),
            df=df,
            vocab_by_district={d: frozenset(v) for d, v in vocab.items()},
            texts=tuple(corpus.texts.values()),
            policy_terms=frozenset(user_terms()),
            today=today or date.today(),
            max_question_chars=max_question_chars,
        )

    @cached_property
    def places(self) -> str:
        """An alternation of every district's names (longest first), so a place the ingest path adds is a place."""
        return "|".join(re.escape(a) for a in sorted(self.corpus.district_aliases, key=len, reverse=True))

    def scope(self, districts: Sequence[str]) -> list[str] | None:
        """Document ids of the districts (None = all documents)."""
        if not districts:
            return None
        return [d for district in districts for d in self.corpus.doc_ids_of(district)]


    def citation(self, marker: int, clause: Clause) -> Citation:
        doc = self.corpus.documents[clause.doc_id]
        return Citation(
            marker=marker,
            clause_id=clause.clause_id,
            doc_id=doc.doc_id,
            document_title=doc.title,
            locator=clause.locator,
            status=doc.status,
            validity=doc.validity,
            text=clause.text,
        )
