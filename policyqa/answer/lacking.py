"""Districts named in a question whose documents never use one of its topic terms: said as such, not
compared with whatever clause comes nearest — unless the district answers the question by another of its
terms (「已经备案，还拿了首方案奖励，丰台和怀柔分别能给啥」: 怀柔 supports the 备案)."""

from __future__ import annotations

from dataclasses import replace

from policyqa.answer.library import Library
from policyqa.answer.scope import DISTINCTIVE, content_tokens, missing_topic_terms
from policyqa.types import Answer
from policyqa.understand.frame import QuestionFrame


def lacking_districts(lib: Library, frame: QuestionFrame) -> dict[str, list[str]]:
    """「首台套丰台和经开区哪边多」: of several districts named, those whose documents never use a topic
    term the others use — said as such, not compared with whatever clause comes nearest."""
    if len(frame.districts) < 2 or missing_topic_terms(lib, frame):
        return {}
    lacking = {d: m for d in frame.districts if (m := missing_topic_terms(lib, replace(frame, districts=(d,))))}
    lacking = {d: m for d, m in lacking.items() if not _answers_otherwise(lib, frame, d, m)}
    return lacking if len(lacking) < len(frame.districts) else {}


def unsaid_terms(lib: Library, frame: QuestionFrame) -> dict[str, list[str]]:
    """The named districts that lack a topic term yet use another as rare: they stay in the answer, and
    the term they lack is said."""
    if len(frame.districts) < 2 or missing_topic_terms(lib, frame):
        return {}
    lacking = {d: m for d in frame.districts if (m := missing_topic_terms(lib, replace(frame, districts=(d,))))}
    return {d: m for d, m in lacking.items() if _answers_otherwise(lib, frame, d, m)}


def with_unsaid_terms(lib: Library, frame: QuestionFrame, answer: Answer) -> Answer:
    """The answer with the terms a district kept in it lacks said before its 依据 lines."""
    if not (unsaid := unsaid_terms(lib, frame)):
        return answer
    lines = answer.text.splitlines()
    note = "说明：" + "；".join(f"{d}的文件中未提及「{'、'.join(m)}」" for d, m in unsaid.items()) + "。"
    at = next((i for i, line in enumerate(lines) if line.startswith("依据")), len(lines))
    return replace(answer, text="\n".join([*lines[:at], note, *lines[at:]]))


def _answers_otherwise(lib: Library, frame: QuestionFrame, district: str, missing: list[str]) -> bool:
    """A clause of the district holding two rare words of the question (网信办…备案) that another named district
    never uses: the district answers the question by them. (One word alone — 金额, 三年 — is only a word the
    user happened to say.)"""
    others = [lib.vocab_by_district.get(d, frozenset()) for d in frame.districts if d != district]
    own = {t for t in content_tokens(lib, frame.text)
           if t not in missing and lib.df.get(t, 99) <= DISTINCTIVE and not all(t in o for o in others)}
    docs = lib.scope((district,)) or ()
    return len(own) >= 2 and any(len({t for t in own if t in c.text}) >= 2 for c in lib.corpus.clauses
                                 if c.doc_id in docs)


def silent_districts(lib: Library, frame: QuestionFrame) -> dict[str, list[str]]:
    """「哪几个区对小巨人有支持」: the covered districts whose documents never use the topic, said beside those
    that do (not when none does — then the topic itself is missing); every district, whichever are also named."""
    silent = {d: m for d in lib.corpus.districts() if (m := missing_topic_terms(lib, replace(frame, districts=(d,))))}
    return silent if len(silent) < len(lib.corpus.districts()) else {}
