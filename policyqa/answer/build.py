"""Answer objects: a refusal with the nearest clauses, an answer from text and citations, and
several parts' answers combined."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from policyqa import numbers
from policyqa.answer.compose import status_notes
from policyqa.answer.library import Library
from policyqa.serialize import citation_line
from policyqa.types import Answer, AwardResult, Citation, Hit
from policyqa.understand.frame import QuestionFrame


def refuse(lib: Library, frame: QuestionFrame, reason: str, hits: Sequence[Hit]) -> Answer:
    related = [lib.citation(i, h.clause) for i, h in enumerate(hits[:3], start=1)]
    text = f"文件未提及：{reason}"
    if related:
        text += "\n可参考的相关条款：" + "；".join(citation_line(c.document_title, c.locator) for c in related)
        # A user who may still apply under the district's documents is told they are drafts or past their term.
        asked = [h.clause for h in hits[:3] if lib.corpus.documents[h.clause.doc_id].district in frame.districts]
        text = "\n".join([text, *status_notes(lib, asked)])
    return Answer(question=frame.raw, text=text, found=False, related=tuple(related), hits=tuple(hits))


def make_answer(
    frame: QuestionFrame,
    text: str,
    found: bool,
    citations: Sequence[Citation],
    calculations: Sequence[AwardResult],
    hits: Sequence[Hit],
) -> Answer:
    amounts = tuple(value for value, _, _ in numbers.find_amounts(text))
    return Answer(
        question=frame.raw,
        text=text,
        found=found,
        citations=tuple(citations),
        calculations=tuple(calculations),
        amounts_yuan=amounts,
        hits=tuple(hits),
    )


def combine(question: str, answers: Sequence[Answer]) -> Answer:
    """Several parts' answers as one: each part's text in turn, citation markers renumbered."""
    found = [a for a in answers if a.found]
    if not found:
        return replace(answers[0], question=question, text="\n".join(a.text for a in answers))
    citations: list[Citation] = []
    texts = []
    for n, answer in enumerate(answers, start=1):
        offset = len(citations)
        text = re.sub(r"\[(\d+)\]", lambda m, o=offset: f"[{int(m[1]) + o}]", answer.text)  # type: ignore[misc]
        citations += [replace(c, marker=c.marker + offset) for c in answer.citations]
        texts.append(f"（{n}）{text}")
    text = "\n".join(texts)
    return Answer(
        question=question,
        text=text,
        found=True,
        citations=tuple(citations),
        calculations=tuple(c for a in answers for c in a.calculations),
        amounts_yuan=tuple(v for v, _, _ in numbers.find_amounts(text)),
        hits=tuple(h for a in answers for h in a.hits),
        related=tuple(r for a in answers for r in a.related),
    )


_WHO_STATED = re.compile(r"负责|解释|审定|拨付|责任单位|牵头|认定|审核|受理")
