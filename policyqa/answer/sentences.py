"""The sentences of a clause that answer this question (the whole clause stays one click away)."""

from __future__ import annotations

import re

from policyqa import numbers
from policyqa.answer.library import token_set
from policyqa.tokenize import tokenize
from policyqa.types import Clause

SENTENCE = re.compile(r"[^。；;！？!?\n]+[。；;！？!?]?")
_HEADING_SENTENCE = re.compile(r"^(第[一二三四五六七八九十百]+条\s*)?\S{2,24}[。]?$")
_UNIT = re.compile(r"[(（]责任单位[:：][^)）]+[)）]")
_WHO = re.compile(r"责任|负责|哪个单位|哪个部门|谁")
_STATUS_WORDS = re.compile(r"有效期|施行|印发|实施|执行")
_DECIDES_ASKED = re.compile(r"说了算|谁定|谁决定|谁拍板|以谁为准|谁审|谁批|最终")
_DECIDES = re.compile(r"审定|为准|决定|批准|核定")
SHORT_CLAUSE = 120  # clauses up to this length are quoted whole
GLOSSARY_ENTRY = 320  # a glossary entry (关键词诠释) up to this length is quoted whole
_GLOSSARY = re.compile(r"诠释|释义|名词解释|术语|定义")


_AWARD_CUE = re.compile(r"给予|最高|奖励|补贴|补助|资助|支持|配套|贴息")


def awarded(text: str) -> set[numbers.Decimal]:
    """Amounts a text pays (给予最高500万元), not thresholds it sets (增量达到500万元以上): a claimed award
    is placed only on a clause that awards that figure."""
    out = set()
    for value, start, _ in numbers.find_amounts(text):
        phrase = re.split(r"[，,。；;：:]", text[max(0, start - 30) : start])[-1]
        if _AWARD_CUE.search(phrase):
            out.add(value)
    return out


def sentence_awarding(
    clause: Clause, value: numbers.Decimal, question: str = "", others: set[numbers.Decimal] | None = None
) -> str:
    """The clause's sentence that awards ``value`` — the one also stating the user's other figures, then the one
    sharing most words with the question (the whole clause when it is short or none does)."""
    if len(clause.text) <= SHORT_CLAUSE:
        return clause.text.replace("\n", "")
    found = [s.strip() for s in SENTENCE.findall(clause.text) if value in awarded(s)]
    if not found:
        return best_sentences(clause, question)
    asked = token_set(question)

    def fit(sentence: str) -> tuple[int, int]:
        stated = {v for v, _, _ in numbers.find_amounts(sentence)}
        return len((others or set()) & stated), len(token_set(sentence) & asked)

    return max(found, key=fit)


def glossary_entry(clause: Clause) -> bool:
    """A clause under a glossary heading (关键词诠释, 名词解释): it defines a term."""
    return any(_GLOSSARY.search(h) for h in (*clause.heading_path, clause.locator))


_LISTED = re.compile(r"哪[几些]个?(?:项|条|种|类)?([\u4e00-\u9fff]{2,3}?)(?:来|去|[办做搞管算]|是|呢|[？?，,]|$)")


def best_sentences(
    clause: Clause,
    question: str,
    context: str = "",
    limit: int = 2,
    prefer_figures: bool = False,
    prefer_status: bool = False,
) -> str:
    """The clause's sentences sharing most words with the question, best first, then close runners-up."""
    if clause.locator in ("标题", "文件头"):  # headers are short and broken over lines
        return clause.text.replace("\n", " ")
    unit = _UNIT.search(clause.text)
    tail = unit.group() if unit and _WHO.search(question) else ""
    if len(clause.text) <= (GLOSSARY_ENTRY if glossary_entry(clause) else SHORT_CLAUSE):
        # A glossary entry is the definition asked for: who confers it and what it covers are both answers.
        return clause.text.replace("\n", "")
    sentences = [s.strip() for s in SENTENCE.findall(clause.text) if s.strip()]
    if len(sentences) <= limit:
        return "".join(sentences)
    asks = [q for q in re.split(r"(?<=[？?])", question) if len(q.strip(" ？?")) >= 4]
    if len(asks) >= 2:  # 「谁说了算？归哪个局管？」: each question gets its own sentence
        picked: list[int] = []
        for ask in asks[:3]:
            scores = _scores(sentences, clause, ask, context, prefer_figures, prefer_status)
            best = _best(sentences, scores, ask)
            if scores[best] > 0 and best not in picked:
                picked.append(best)
        if picked:
            text = _joined(sentences, _with_grant(sentences, picked))
            return text + tail if tail and tail not in text else text
    scores = _scores(sentences, clause, question, context, prefer_figures, prefer_status)
    best = _best(sentences, scores, question)
    others = sorted(
        (i for i in range(len(sentences)) if i != best and scores[i] >= 0.8 * scores[best] > 0),
        key=lambda i: (-scores[i], i),
    )[: limit - 1]
    picked_text = _joined(sentences, _with_grant(sentences, [best, *others]))
    return picked_text + tail if tail and tail not in picked_text else picked_text


_HEADLINE = re.compile(r"[^，,。]{2,14}[；;]")
_GIVES = re.compile(r"给予|奖励|资助|补贴")


def _with_grant(sentences: list[str], picked: list[int]) -> list[int]:
    """「鼓励企业升规纳统；」 names a measure; the sentence after it, saying what is given for it, goes with it."""
    out = list(picked)
    for i in picked:
        if _HEADLINE.fullmatch(sentences[i]) and i + 1 < len(sentences) and _GIVES.search(sentences[i + 1]) \
                and i + 1 not in out:
            out.append(i + 1)  # (_joined puts them back in the document's order)
    return out


def _best(sentences: list[str], scores: list[float], question: str) -> int:
    """The best-scoring sentence; for 「按哪几个原则来办」 the one listing them (产业导向原则、依法行政原则…),
    whatever else matches."""
    best = max(range(len(sentences)), key=lambda i: (scores[i], -i))
    if (listed := _LISTED.search(question)) is not None:
        noun = listed[1][-2:]
        best = next((i for i, x in enumerate(sentences) if x.count(noun) >= 2), best)
    return best


def _joined(sentences: list[str], picked: list[int]) -> str:
    """The picked sentences in the document's order, 「……」 where sentences between them are left out."""
    order = sorted(picked)
    return "".join(("……" if k and i != order[k - 1] + 1 else "") + sentences[i] for k, i in enumerate(order))


def _scores(
    sentences: list[str], clause: Clause, question: str, context: str, prefer_figures: bool, prefer_status: bool
) -> list[float]:
    """How well each sentence answers ``question``: shared words, figures or validity when asked."""
    current = set(tokenize(question))
    earlier = set(tokenize(context))
    scores = []
    for i, sentence in enumerate(sentences):
        tokens = token_set(sentence)
        score = 2.0 * len(tokens & current) + 0.5 * len(tokens & earlier)
        heading = clause.locator.split(" > ")[0]
        if i == 0 and (_HEADING_SENTENCE.match(sentence) or sentence in clause.locator
                       or (len(heading) >= 6 and sentence.startswith(heading))):  # a FAQ's own question
            score *= 0.3  # an article's opening headline ("加大应用场景支持。") says little
        if prefer_figures and numbers.find_amounts(sentence):
            score += 3.0
        if prefer_status and _STATUS_WORDS.search(sentence):
            score += 3.0
        if _DECIDES_ASKED.search(question) and _DECIDES.search(sentence):  # 「谁说了算」: 以…审定结果为准
            score += 3.0
        scores.append(score)
    return scores
