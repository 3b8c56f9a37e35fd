"""Answer objects: a refusal with the nearest clauses, an answer from text and citations, and
several parts' answers combined."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from policyqa import numbers
from policyqa.answer.articles import CITATION, LOOKUP_TAIL
from policyqa.answer.cite import validity_sources
from policyqa.answer.compose import status_notes
from policyqa.answer.library import Library
from policyqa.answer.premises import unsupported_claim
from policyqa.answer.scope import content_tokens
from policyqa.answer.sentences import best_sentences
from policyqa.answer.subquestions import either_or
from policyqa.serialize import citation_line
from policyqa.types import Answer, AwardResult, Citation, Clause, Hit
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


# 「由世界经济论坛与麦肯锡合作评选」 names who decides as much as 负责 does.
WHO_STATED = re.compile(
    r"负责|解释|审定|拨付|责任单位|牵头|认定|审核|受理|由[^，。；]{2,30}(?:评选|评定|评审|批准|颁发|授牌|确定|统筹管理)"
)


_MEASURES = (("支持标准", r"标准|门槛|增长多少|达到多少|多少(?:才)?能|[要得]到多少|够多少|多少才算|才算"),
             ("比例", r"比例|百分之|几个点|多少点|贴几|\d\s*[%％]"), ("期限", r"几年|多久|期限|多长时间|最长"),
             ("金额", r"多少钱|金额|几万|多少万|[给补奖拿发贴配]多少|最[多高].{0,2}多少"),
             ("上限", r"封顶|上限|顶格|最多能?[给补拿]?到?多少"))


def unstated(question: str, text: str) -> str:
    """What the question asks that the clause leaves unsaid (「按多少比例贴？最长贴几年？」 → 比例、期限)."""
    names = [name for name, asked in _MEASURES if re.search(asked, question)
             and not (name == "期限" and re.search(r"[一二两三四五六七八九十\d]+\s*(?:个)?(?:年|月)", text))
             and not (name == "支持标准" and re.search(r"\d", text))]  # a clause with figures states its bar
    vague = re.search(r"一定(?:规模|比例|数量|金额)", text)  # 「达到一定规模」: the bar is named, not set
    if vague and "支持标准" in names:
        names[names.index("支持标准")] = f"支持标准（原文只说“{vague[0]}”）"
    return "具体" + "、".join(names) if names else "具体金额或比例"


def no_amount(lib: Library, frame: QuestionFrame, clause: Clause, said: str, hits: Sequence[Hit]) -> Answer:
    """「怀柔给多少钱」 where the clause grants the support and sets no figure: said so, with that clause cited
    (found stays false: the amount asked for is not in the documents)."""
    doc = lib.corpus.documents[clause.doc_id]
    unsaid = unstated(frame.text, clause.text)
    # 「是按申报费的50%补吗」: the rate or amount the user puts forward has no clause behind it either
    asked = re.search(r"(\d+(?:\.\d+)?\s*[%％])[^，。？?]{0,4}[吗么嘛]", frame.text)  # 「按50%补吗」
    claim = unsupported_claim(frame) or (asked[1] if asked else None)
    basis = f"；您说的{claim}在文件中没有依据" if claim and claim not in clause.text else ""
    # An expired document's note cites where its validity and start date are written (有效期限三年, 印发日期).
    cited = [clause, *(c for c in validity_sources(lib, [clause]) if c is not clause)]
    markers = {c.clause_id: i for i, c in enumerate(cited, start=1)}
    lines = [f"结论：{doc.district}的文件对此有支持规定，但未写明{unsaid}{basis}，无法给出具体数额。[1]",
             *either_or(lib, frame.text, [clause]),  # 「…多少钱？是每年给还是一次性给？」
             f"依据：{citation_line(doc.title, clause.locator)}：“{said}”[1]",
             *status_notes(lib, cited, markers=markers)]
    return Answer(question=frame.raw, text="\n".join(lines), found=False,
                  citations=tuple(lib.citation(i, c) for i, c in enumerate(cited, start=1)), hits=tuple(hits))


def gist(answer: Answer) -> tuple[frozenset[str], frozenset[str]]:
    """What an answer finds, whatever the order: its clauses and the pieces of its conclusion lines."""
    pieces = {p.strip("。（）") for line in answer.text.splitlines() if line.startswith(("结论", "更正", "判断"))
              for p in re.split(r"[；;]", re.sub(r"^\S{2}：|（详见下列条款）|\[\d+\]", "", line))}
    # The clauses quoted, too, as quoted (a part asking who also gets the clause's 责任单位).
    pieces |= {re.sub(r"\[\d+\]", "", line) for line in answer.text.splitlines() if line.startswith(("依据", "原文"))}
    return frozenset(c.clause_id for c in answer.citations), frozenset(pieces)


def quoted(lib: Library, frame: QuestionFrame, clauses: Sequence[Clause]) -> Answer:
    """A hotline lookup (「丰台 第十四条」): the clauses in full, each with its document and locator, then the
    drafts' and expiry notes."""
    citations = [lib.citation(i, c) for i, c in enumerate(clauses, start=1)]
    lines = [f"{citation_line(lib.corpus.documents[c.doc_id].title, c.locator)}：\n{c.text}[{i}]"
             for i, c in enumerate(clauses, start=1)]
    # 「丰台 第二十一条 补贴金额最后谁说了算」: a question asked of the clause gets the sentences that answer it first
    located = list(CITATION.finditer(frame.text))  # (「机器人8条 第6条讲的啥」: the last one is the article)
    asked = frame.text[located[-1].end():].strip(" ，,") if located else ""
    if asked and not LOOKUP_TAIL.match(asked) and content_tokens(lib, asked):
        lines[:0] = [f"结论：{c.locator}写明：“{best_sentences(c, asked)}”[{i}]"
                     for i, c in enumerate(clauses, start=1)]
    return make_answer(frame, "\n".join([*lines, *status_notes(lib, clauses)]), True, citations, [], [])
