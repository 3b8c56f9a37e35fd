"""A turn that asks several things (「能拿多少？是不是要先扣掉500万再算？」): each part answered in turn, then
put together with its citations renumbered."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from policyqa import numbers
from policyqa.answer.build import combine, gist
from policyqa.answer.compare import weigh_parts, weighs_parts
from policyqa.answer.library import Library
from policyqa.serialize import draft_note
from policyqa.types import Answer
from policyqa.understand.facts import merge_facts_for_part
from policyqa.understand.frame import QuestionFrame


def answer_parts(
    lib: Library,
    frame: QuestionFrame,
    frame_of: Callable[[str], QuestionFrame],
    answer_of: Callable[[QuestionFrame], Answer],
) -> Answer:
    """Each part of a multi-part question gets its own conclusion; citations are renumbered."""
    answers: list[Answer] = []
    for part in frame.parts:
        sub = frame_of(part)
        if len(answers) >= 2 and weighs_parts(sub):  # 「…多少？…多少？哪个多？」 weighs the parts before it
            continue
        sub = replace(
            sub,
            districts=sub.districts or frame.districts,
            facts=merge_facts_for_part(frame.facts, sub.facts),
            context=f"{sub.text} {frame.context}",  # a part leans on the rest of its turn for its topic
            raw=frame.raw,
        )
        answer = _failed_before(_echoed(lib, sub, answer_of(sub), answers), answers)
        # Two parts one answer (the same text, or the same findings in another order): say it once.
        if any(a.text == answer.text or gist(a) == gist(answer) for a in answers):
            continue
        if (same := next((i for i, a in enumerate(answers) if _same_result(a, answer)), None)) is not None:
            answers[same] = _with_new_findings(answers[same], answer)  # 「…能补多少？…人数不影响吧」: one result
            continue
        answers.append(answer)
    combined = answers[0] if len(answers) == 1 else combine(frame.raw, answers)
    weighed = weigh_parts(lib, answers) if any(weighs_parts(frame_of(p)) for p in frame.parts) else ""
    return replace(combined, text=f"{weighed}\n{combined.text}") if weighed else combined


_SENTENCE = re.compile(r"[^。；;\n]+")
_MARKERS = re.compile(r"\[\d+\]")


def _same_result(a: Answer, b: Answer) -> bool:
    """The same clauses cited and the same rules computed the same way: one result, whatever the wording around it."""
    return bool(a.calculations) and [c.clause_id for c in a.citations] == [c.clause_id for c in b.citations] \
        and [(c.rule_id, c.amount_yuan, c.steps) for c in a.calculations] \
        == [(c.rule_id, c.amount_yuan, c.steps) for c in b.calculations]


def _with_new_findings(kept: Answer, later: Answer) -> Answer:
    """The later part's conclusion lines the kept answer lacks (「未把「人数」列为条件」), after its first line."""
    said = {_MARKERS.sub("", line) for line in kept.text.splitlines()}
    new = [line for line in later.text.splitlines()[1:]
           if line.startswith("结论：") and _MARKERS.sub("", line) not in said]
    lines = kept.text.splitlines()
    return replace(kept, text="\n".join([*lines[:1], *new, *lines[1:]])) if new else kept


def _echoed(lib: Library, part: QuestionFrame, answer: Answer, earlier: Sequence[Answer]) -> Answer:
    """「…按产值增量能拿多少？是不是要先扣掉500万再算？」: a later part with no conclusion of its own that names a
    figure of the clause computed before is answered by that clause's sentence stating the figure — not by
    whichever neighbour its few words retrieve (the 委外 variant)."""
    if not earlier or "结论" in answer.text or not earlier[0].calculations or not earlier[0].citations:
        return answer
    named = {v for v, _, _ in numbers.find_amounts(part.text)}
    if not named:
        return answer
    cited = earlier[0].citations[0]
    clause = lib.corpus.by_id[cited.clause_id]
    said = next((s.strip() for s in _SENTENCE.findall(clause.text)
                 if named <= {v for v, _, _ in numbers.find_amounts(s)}), None)
    if said is None:
        return answer
    # the clause of the sentence naming the figure and the one after it (增量达到500万元以上的，按照超出部分…)
    pieces = said.split("，")
    at = next(i for i, p in enumerate(pieces) if named & {v for v, _, _ in numbers.find_amounts(p)})
    doc = lib.corpus.documents[clause.doc_id]
    lines = [f"结论：{clause.locator}写明“{'，'.join(pieces[at:at + 2])}”，上面的计算已按此列出。[1]"]
    if doc.status == "征求意见稿":
        lines.append(draft_note(doc.title))
    return Answer(question=answer.question, text="\n".join(lines), found=True,
                  citations=(lib.citation(1, clause),))


def _failed_before(answer: Answer, earlier: Sequence[Answer]) -> Answer:
    """「第二笔还能贴息吗？担保费能不能补？」: an item in the clause's list is still under the condition an earlier
    part of the turn failed on that clause (首次贷款), so 「可以」 would contradict that part."""
    if not answer.text.startswith("结论：可以") or not answer.citations:
        return answer
    clause_id = answer.citations[0].clause_id
    if not any(a.text.startswith("结论：按您所述不符合") and a.citations
               and a.citations[0].clause_id == clause_id for a in earlier):
        return answer
    head, _, rest = answer.text.partition("\n")
    head = head.replace("结论：可以，", "结论：").replace("（还须符合该项的其他条件）", "")
    head = f"{head.rstrip('。')}；但同一条款的条件按您所述不符合（见上），所以同样不能申请。"
    return replace(answer, text=f"{head}\n{rest}" if rest else head)
