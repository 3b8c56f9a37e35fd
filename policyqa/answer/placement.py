"""Where a firm is, against where a clause requires it to be: registered (「注册在丰台」 against 「在门头沟区登记注册」)
and where its tax and statistics are kept (「统计关系还在朝阳」 against 「…统计关系在亦庄新城范围内」)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from policyqa.corpus import Corpus
from policyqa.serialize import citation_line
from policyqa.types import Clause
from policyqa.understand.frame import QuestionFrame

_CLAUSE_PLACE = re.compile(r"在([\u4e00-\u9fff]{2,8}?区)(?:内)?(?:登记注册|注册)")
# A clause saying where an applicant must be (适用于在丰台区… / 在门头沟区登记注册).
APPLIES_HERE = re.compile(r"适用于在|" + _CLAUSE_PLACE.pattern)
_USER_PLACE = re.compile(r"(?:注册(?:地)?|营业执照|执照|工商(?:注册|登记))(?:都|也)?(?:在|于|是|落在|办在)"
                         r"([\u4e00-\u9fff]{2,4})")


def registered_elsewhere(question: str, sentences: Sequence[str]) -> list[str]:
    """「注册在丰台，生产基地在门头沟」 against 「在门头沟区登记注册」: registered in another place."""
    clash = _place_clash(question, sentences, _USER_PLACE, _CLAUSE_PLACE)
    if clash is None:
        return []
    said, need = clash
    return [f"结论：按您所述不符合条件，不能申报：条款要求“{need[0]}”，而您所述为「{said[0]}」。"]


def _place_clash(
    question: str, sentences: Sequence[str], said_re: re.Pattern[str], need_re: re.Pattern[str],
    same: re.Pattern[str] | None = None,
) -> tuple[re.Match[str], re.Match[str]] | None:
    """The place the user states (the last group of ``said_re``) against the place a clause requires (group 1 of
    ``need_re``): the pair when they differ, unless ``same`` says the user's words name the required place."""
    said = said_re.search(question)
    if not said:
        return None
    place = said[said_re.groups]
    for sentence in sentences:
        need = need_re.search(sentence)
        if need and place[:2] not in need[1] and not (same and same.match(place)):
            return said, need
    return None


# 「税务征管和统计关系目前还在朝阳」 against 「税务征管关系以及统计关系在亦庄新城范围内」: where the firm's tax and
# statistics are kept is a condition of its own, beside where it is registered.
_USER_RELATION = re.compile(r"((?:税务征管|税务|纳税|统计|财税)(?:关系)?(?:[和、及与]|以及)?"
                            r"(?:税务征管|统计|纳税)?(?:关系)?)[^，。；？?]{0,6}?在([\u4e00-\u9fff]{2,4})")
_CLAUSE_RELATION = re.compile(r"[^,，。；]*(?:税务征管关系|统计关系|纳税关系)[^,，。；]*?在([^,，。；]{2,10}?)范围内")


_THE_ZONE = re.compile(r"开发区|经开区|亦庄|本区|区内|园区|新城|这边|这里")


def relation_elsewhere(question: str, sentences: Sequence[str]) -> list[str]:
    # (the zone's own names — 开发区, 亦庄, 本区 — are the place the clause requires, not another)
    clash = _place_clash(question, sentences, _USER_RELATION, _CLAUSE_RELATION, same=_THE_ZONE)
    if clash is None:
        return []
    said, need = clash
    return [f"结论：按您所述不符合条件：条款要求“{re.sub(r'^对于', '', need[0])}”，而您所述为「{said[0]}」。"]


# A quoted sentence without the article heading it opens with (「第二十三条  有下列情形的…」).
ARTICLE_HEAD = re.compile(r"^(?:第[一二三四五六七八九十]+条)?\s*")
# 「那我们厂在昌平，也按这个给吗」: the asker places themselves in the uncovered district (not 「海淀呢」).
_MOVED_THERE = re.compile(r"我们|我司|咱|公司|也(?:按|能|适用|给|可以|行)")


def home_rule(corpus: Corpus, frame: QuestionFrame) -> tuple[str, Clause] | None:
    """「丰台对首台套有啥支持？」 then 「那我们厂在昌平，也按这个给吗」: the sentence of the earlier district's
    documents that says where an applicant must be, so the user hears the rule does not travel with them."""
    elsewhere = frame.elsewhere
    if not elsewhere or not _MOVED_THERE.search(frame.text):
        return None
    for district in corpus.districts_in(frame.context[len(frame.text):]):
        for doc_id in corpus.doc_ids_of(district):
            for clause in corpus.clauses_of(doc_id):
                for sentence in re.split(r"(?<=[。；;\n])", clause.text):
                    if said := (APPLIES_HERE.search(sentence) or _CLAUSE_RELATION.search(sentence)):
                        quote = sentence[:said.end()] + re.split(r"[，,。；;]", sentence[said.end():])[0]
                        quote = ARTICLE_HEAD.sub("", quote)
                        where = citation_line(corpus.documents[doc_id].title, clause.locator)
                        return (f"{district}的规定只适用于本区的企业（{where}：“{quote}”），"
                                f"不能套用到{elsewhere}。", clause)
    return None
