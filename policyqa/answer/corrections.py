"""Premises about the wrong district, corrected with the clause where the thing really stands:
a figure the user attributes to one district that another's document sets (「怀柔…奖100万，对吧？」),
or a programme named for a district whose documents do not have it."""

from __future__ import annotations

import re

from policyqa.answer import compose as C
from policyqa.answer import scope
from policyqa.answer.build import make_answer
from policyqa.answer.library import Library, token_set
from policyqa.answer.placement import APPLIES_HERE
from policyqa.answer.premises import check_claims
from policyqa.numbers import find_amounts, format_wan
from policyqa.rules.select import keyword_score
from policyqa.rules.verdict import evaluate
from policyqa.serialize import citation_line
from policyqa.types import Answer, AwardResult, Clause, Hit
from policyqa.understand import vocab
from policyqa.understand.frame import QuestionFrame

# The user asserts where it stands (听说…/是…哪个文件里的): a premise to correct, not just a question.
_OPEN = re.compile(r"有没有|有没|是否有|有[^，。？?]{0,12}[吗么嘛]|有啥|有什么|有哪些")
_ASSERTED = re.compile(vocab.CLAIM.pattern + r"|哪个文件|哪份文件|哪一条|出自|里的")


def claimed_elsewhere(
    lib: Library, frame: QuestionFrame, hits: list[Hit], rival: Clause | None = None
) -> Answer | None:
    """「怀柔…奖100万，对吧？」 where the figure is another district's: corrected before anything else — also
    over a rule of the asked district (``rival``) whose clause shares fewer of the question's words than the
    clause where the claimed figure stands (「丰台…首批成果转化…3000万」 is 经开区's, not 丰台's 首批次 rule)."""
    if not frame.districts or not any(f.claimed for f in frame.facts.figures):
        return None
    premise = check_claims(lib, frame, hits)
    if premise is None or premise.where is None or premise.holds:
        return None
    if lib.corpus.documents[premise.where.doc_id].district in frame.districts:
        return None
    if rival is not None:
        words = set(scope.content_tokens(lib, frame.text))
        if len(words & token_set(premise.where.text)) <= len(words & token_set(rival.text)):
            return None
    return _placed(lib, frame, premise.note, premise.where, hits, premise.sentence)

def _placed(lib: Library, frame: QuestionFrame, note: str, clause: Clause, hits: list[Hit], said: str = "") -> Answer:
    named = "、".join(frame.districts)
    said = said or C.best_sentences(clause, frame.text, context=frame.context, limit=1)
    chosen = [clause]
    lines = [f"{note}[1]", f"原文：“{said}”[1]"]
    terms = {t for t in scope.content_tokens(lib, frame.text) if len(t) >= 3}
    own = next((h.clause for h in hits[:1] if lib.corpus.documents[h.clause.doc_id].district in frame.districts
                and terms & token_set(h.clause.text)), None)  # only a clause on the same subject
    if own is not None:  # what the asked district's documents do say on the topic
        chosen.append(own)
        lines.append(f"{named}的文件中未载明这一奖励的金额，相关内容为：" + C.quote_line(lib, own, frame, 2))
    else:
        lines.append(f"{named}的文件中未载明这一奖励的金额。")
    chosen += C.validity_clauses(lib, chosen)  # (an expiry note cites where the term is written)
    lines += C.status_notes(lib, chosen, markers={c.clause_id: i for i, c in enumerate(chosen, start=1)})
    citations = [lib.citation(i, c) for i, c in enumerate(chosen, start=1)]
    return make_answer(frame, "\n".join(lines), True, citations, [], hits)

def _widened(term: str, question: str, text: str) -> str:
    """The question's words around ``term`` as far as the clause spells them too (推广 → 绿色能源新技术新产品应用
    推广奖励): the programme named whole, not a fragment of it."""
    at = question.find(term)
    if at < 0:
        return term
    start, end = at, at + len(term)
    def word(char: str) -> bool:  # (not over quotes or punctuation: 「丰泽计划」, not 「“丰泽计划”」)
        return "\u4e00" <= char <= "\u9fff" or char.isalnum()

    while start > 0 and word(question[start - 1]) and question[start - 1 : end] in text and end - start < 24:
        start -= 1
    while end < len(question) and word(question[end]) and question[start : end + 1] in text and end - start < 24:
        end += 1
    return question[start:end].rstrip("的之")


def wrong_district(lib: Library, frame: QuestionFrame, clause: Clause, terms: list[str]) -> Answer:
    """「门头沟的丰泽计划」: the terms asked about stand in another district's document — said, with its clause."""
    doc = lib.corpus.documents[clause.doc_id]
    named = "、".join(frame.districts)
    quoted = "、".join(f"「{t}」" for t in dict.fromkeys(_widened(t, frame.text, clause.text) for t in terms))
    # 「具体是怎么引才的」 asks how: the clause's every way (精准引才…, 柔性引才…), not one of them
    # (the sentences that answer the rest of the question — 进京指标 — not those that only name the programme)
    rest = frame.text
    for term in terms:
        rest = rest.replace(term, "")
    sentences = C.best_sentences(clause, rest, limit=3 if re.search(r"怎么|如何|具体", frame.text) else 2)
    where = f"{doc.district}的{citation_line(doc.title, clause.locator)}"
    hit = Hit(clause, 1.0, ("lookup",))
    # 「怀柔区那个“京西聚智”人才计划」 presupposes where the programme stands.
    named_programme = any(
        re.search(rf"[“\"「『]{re.escape(t)}|(?:那个|这个|那项|这项)[^，。？?]{{0,4}}{re.escape(t)}", frame.text)
        for t in terms
    )
    # 「换成门头沟呢」 after a 丰台 question asks, it does not assert: the same open answer.
    switched = frame.carried and not scope.content_tokens(lib, frame.text)
    if (_OPEN.search(frame.text) or switched) and not _ASSERTED.search(frame.text) and not named_programme:
        # An open question (「丰台区企业落户有奖励吗」) presupposes nothing: the asked district's documents do not
        # say; where it stands is a pointer. 「丰台区港澳青年企业的租金补贴最多多少」 presupposes it, and is corrected.
        text = f"文件未提及：{named}的文件中未提及{quoted}相关内容。该内容见于{where}：“{sentences}”"
        text = "\n".join([text, *C.status_notes(lib, [clause])])
        return Answer(question=frame.raw, text=text, found=False, related=(lib.citation(1, clause),), hits=(hit,))
    lines = [f"更正：{quoted}出自{where}，并非{named}的政策。原文：“{sentences}”[1]"]
    computed = _computed_there(lib, frame, clause)
    if computed is not None:  # 「…我们拿到市级资金2800萬，能配多少」: what that district's clause gives
        lines.append(f"若按{doc.district}该条计算：可获得最高 {format_wan(computed.amount_yuan)}"
                     f"（{computed.amount_yuan:,.0f} 元）。[1]")
        lines += [f"计算：{step}" for step in computed.steps]
    text = "\n".join([*lines, *C.status_notes(lib, [clause])])
    return make_answer(frame, text, True, [lib.citation(1, clause)], [computed] if computed else [], [hit])


def _computed_there(lib: Library, frame: QuestionFrame, clause: Clause) -> AwardResult | None:
    """The award the user's own figures give under the clause where the thing really stands."""
    if not frame.asks_for("amount") or not (frame.facts.money or frame.facts.counts):
        return None
    rules = [r for r in lib.rules if r.clause_id == clause.clause_id]
    if not rules:
        return None
    rule = max(rules, key=lambda r: keyword_score(r, frame.text))
    verdict = evaluate(rule, frame.facts, frame.context)
    return verdict.result if verdict.outcome == "computed" and verdict.result is not None else None


def located_elsewhere(lib: Library, frame: QuestionFrame) -> Answer | None:
    """「我们厂区和注册地其实都在通州，这个能拿吗」 about a covered district's measure: its applicability clause
    (适用于在丰台区…的企业 / 在门头沟区登记注册) answers 不能; with no covered district asked, nothing does."""
    if not frame.districts:
        covered = "、".join(lib.corpus.districts())
        text = f"文件未提及：现有文件库只收录{covered}的政策，没有{frame.located}的政策文件，无法回答。"
        return Answer(question=frame.raw, text=text, found=False)
    docs = lib.scope(frame.districts) or []
    short = [d.removesuffix("区") for d in frame.districts]
    scope_clause = next((c for c in lib.corpus.clauses if c.doc_id in docs and any(s in c.text for s in short)
                         and APPLIES_HERE.search(c.text)), None)
    if scope_clause is None:
        return None  # (no clause rules on where the firm is: the question is answered as asked — 8条's own terms)
    sentence = next(s for s in re.split(r"(?<=[。；\n])", scope_clause.text) if APPLIES_HERE.search(s))
    text = (f"结论：按您所述不能申请：该措施适用的企业须在{'、'.join(frame.districts)}（原文：“{sentence.strip()}”），"
            f"而您所述在{frame.located}。[1]")
    text = "\n".join([text, *C.status_notes(lib, [scope_clause])])
    return make_answer(frame, text, True, [lib.citation(1, scope_clause)], [], [Hit(scope_clause, 1.0, ("lookup",))])


def moved_topic(lib: Library, frame: QuestionFrame, missing: list[str]) -> tuple[Clause, list[str]] | None:
    """Where the topic the asked district lacks stands — not when an amount is asked and none stands there."""
    moved = attribution(lib, frame, missing)
    if moved is not None and frame.asks_for("amount") and not find_amounts(moved[0].text):
        return None
    return moved


def attribution(lib: Library, frame: QuestionFrame, missing: list[str]) -> tuple[Clause, list[str]] | None:
    """The question pins a named programme on the wrong district: the clause where it really stands.

    Only for distinctive terms (found in a few clauses); a common word missing from a district
    (上市) means the district does not cover the topic.
    """
    missing = [t for t in missing if not scope.own_plan(lib, t, frame.text)]
    distinctive = [t for t in missing if lib.df.get(t, 0) <= 2]
    if len(missing) >= 2 and vocab.CLAIM.search(frame.text):
        distinctive = missing  # 「听说怀柔对绿色工厂有区级配套」: the words together name one programme
    # 「听说怀柔对承接“三城”项目…每项给5000万」: a figure claimed for the term pins it where that figure stands.
    claimed = {f.value for f in frame.facts.figures if f.claimed} if vocab.CLAIM.search(frame.text) else set()
    if not distinctive and claimed:
        distinctive = [t for t in missing if lib.df.get(t, 0) <= 5]
    if not distinctive:
        return None
    hits = lib.retriever.search(" ".join(missing), k=3)
    if not hits or lib.corpus.documents[hits[0].clause.doc_id].district in frame.districts:
        return None
    # The first clause elsewhere that uses every term (a glossary entry naming one of them is passed over);
    # for an amount, the one that sets a figure (「首批次…最高能给多少」: 丰台's grant, not 怀柔's list of aims).
    using = [h for h in hits if all(term in token_set(h.clause.text) for term in distinctive)]
    if claimed and not [t for t in missing if lib.df.get(t, 0) <= 2]:  # (pinned by the figure alone: it must be there)
        using = [h for h in using if claimed & {v for v, _, _ in find_amounts(h.clause.text)}]
    # (a follow-up moving a topic to another district: the earlier turn's district is where it stands —
    # 「丰台…绿色工厂…配套」 then 「那我们厂在怀柔，也按…两成配套吗」 is 丰台's 第十一条, not a glossary's)
    earlier = set(lib.corpus.districts_in(frame.context[len(frame.text):]))
    priced = frame.asks_for("amount")
    using.sort(key=lambda h: (priced and not find_amounts(h.clause.text),
                              lib.corpus.documents[h.clause.doc_id].district not in earlier))
    top = next(iter(using), None)
    if top is None or lib.corpus.documents[top.clause.doc_id].district in frame.districts:
        return None
    return top.clause, distinctive
