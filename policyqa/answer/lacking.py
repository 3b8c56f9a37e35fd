"""Districts named in a question whose documents never use one of its topic terms: said as such, not
compared with whatever clause comes nearest — unless the district answers the question by another of its
terms (「已经备案，还拿了首方案奖励，丰台和怀柔分别能给啥」: 怀柔 supports the 备案)."""

from __future__ import annotations

import re
from dataclasses import replace

from policyqa.answer.library import Library
from policyqa.answer.scope import DISTINCTIVE, content_tokens, missing_topic_terms
from policyqa.types import Answer
from policyqa.understand.frame import QuestionFrame


def lacking_districts(lib: Library, frame: QuestionFrame) -> dict[str, list[str]]:
    """「首台套丰台和经开区哪边多」: of several districts named, those whose documents never use a topic
    term the others use — said as such, not compared with whatever clause comes nearest."""
    lacking = {d: m for d, m in _missing_by_district(lib, frame).items() if not _answers_otherwise(lib, frame, d, m)}
    return lacking if len(lacking) < len(frame.districts) else {}


def unsaid_terms(lib: Library, frame: QuestionFrame) -> dict[str, list[str]]:
    """The named districts that lack a topic term yet use another as rare: they stay in the answer, and
    the term they lack is said."""
    return {d: m for d, m in _missing_by_district(lib, frame).items() if _answers_otherwise(lib, frame, d, m)}


def _missing_by_district(lib: Library, frame: QuestionFrame) -> dict[str, list[str]]:
    """Each named district's missing topic terms — none when the districts together lack one (then the topic
    itself is missing) or fewer than two are named."""
    if len(frame.districts) < 2 or missing_topic_terms(lib, frame):
        return {}
    return {d: m for d in frame.districts if (m := missing_topic_terms(lib, replace(frame, districts=(d,))))}


def with_unsaid_terms(lib: Library, frame: QuestionFrame, answer: Answer) -> Answer:
    """The answer with the terms a district kept in it lacks said before its 依据 lines — in its documents, or in
    the clause cited for it (「迁入的小巨人」: 怀柔's clause says 新迁入, 丰台's says 首次认定)."""
    unsaid = unsaid_terms(lib, frame)
    said = [f"{d}的文件中未提及「{'、'.join(m)}」" for d, m in unsaid.items()]
    without: dict[tuple[str, str], list[str]] = {}  # (terms, holders) → the districts whose clauses lack them
    for d, (terms, holders) in _cited_without(lib, frame, answer).items():
        if d not in unsaid:
            without.setdefault(("、".join(terms), "、".join(holders)), []).append(d)
    said += [f"「{terms}」只见于{holders}所引条款，{'、'.join(ds)}所引条款未写到，能否适用请向主管部门确认"
             for (terms, holders), ds in without.items()]
    if not said:
        return answer
    lines = answer.text.splitlines()
    note = "说明：" + "；".join(said) + "。"
    at = next((i for i, line in enumerate(lines) if line.startswith("依据")), len(lines))
    return replace(answer, text="\n".join([*lines[:at], note, *lines[at:]]))


_RARE = 2  # a word in at most this many clauses is the user's own situation, said in the documents' words


def _cited_without(lib: Library, frame: QuestionFrame, answer: Answer) -> dict[str, tuple[list[str], list[str]]]:
    """Rare words of the question that the clauses cited for some named districts use and those cited for
    another do not: district → (the words, the districts whose clauses use them)."""
    if len(frame.districts) < 2:
        return {}
    by_district: dict[str, str] = {}
    for citation in answer.citations:
        district = lib.corpus.documents[citation.doc_id].district
        if district in frame.districts:
            by_district[district] = by_district.get(district, "") + lib.corpus.by_id[citation.clause_id].text
    if len(by_district) < 2:
        return {}
    out: dict[str, tuple[list[str], list[str]]] = {}
    for token in dict.fromkeys(content_tokens(lib, frame.text)):
        if lib.df.get(token, 99) > _RARE:
            continue
        # (only a word the clause grants on — 「对…获得…备案的企业给予」 —, not any word it happens to use)
        granted = re.compile(rf"(?:对|获得|取得|首次或新)[^，。；]{{0,30}}{re.escape(token)}"
                             rf"[^，。；]{{0,30}}(?:企业|项目|单位)")
        holders = [d for d, text in by_district.items() if granted.search(text)]
        for district in by_district:
            # (a word the district's documents use elsewhere — 目录, 称号 — is only not in this clause)
            if holders and district not in holders and token not in lib.vocab_by_district.get(district, ()):
                terms, _ = out.setdefault(district, ([], holders))
                terms.append(token)
    return {d: ([x for x in t if not any(x != y and x in y for y in t)], h) for d, (t, h) in out.items()}


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
