"""Which of the evaluated verdicts the answer states: one award, or several when several are asked, when the
question names no variant, when awards of one article add up on the user's figures, or when one rule gives 0."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from policyqa import numbers
from policyqa.answer.conditions import over_a_limit, sentences_of
from policyqa.answer.findings import level_verdict
from policyqa.answer.library import Library
from policyqa.rules.per_year import SUM
from policyqa.rules.select import alternative, cumulative, other_party, parallel, unlabelled
from policyqa.rules.verdict import Verdict
from policyqa.types import AwardRule
from policyqa.understand.facts import when
from policyqa.understand.frame import QuestionFrame
from policyqa.understand.vocab import RATE_ASKED

# Several awards asked for at once; 「两边各能配多少」 asks each district, not each award.
_SEVERAL = re.compile(r"(?<!两边)(?<!两区)(?<!各区)各|分别|一共|总共|合计|加起来|两项|几项|和.{0,12}(呢|多少)|都能"
                      r"|都算上?|都加上?|一起算|都包括|两样")
# 「三年一共」「两年合计」: a total over one award's years, not over several awards.
_OVER_YEARS = re.compile(r"[两二三四五几\d]年(?:下来|内|里)?[^，,。？?]{0,3}(?:一共|总共|合计|加起来)")


# 「能享受开发区的汽车产业8条政策吗」: the package asked about as a whole, not one award inside it.
_PACKAGE = re.compile(r"(?:享受|适用|申请|申报|够得着|够格|沾得上)[^，。？?]{0,16}"
                      r"(?:\d+条政策|[八十]条政策|若干措施|扶持办法)(?:吗|么|嘛|[？?]|$)")


def shown_verdicts(lib: Library, frame: QuestionFrame, verdicts: Sequence[Verdict]) -> list[Verdict]:
    if frame.asks == {"eligibility"} and not frame.facts.money and _PACKAGE.search(frame.text):
        return []  # (its conditions answer; an award a keyword of the package's industry matched does not)
    first = lib.corpus.by_id.get(verdicts[0].rule.clause_id) if verdicts else None
    if first is not None and frame.asks_for("eligibility") and level_verdict(frame.text, [first]):
        return []  # 「区级企业技术中心能申请吗」: the level fails the clause; no tier of it is the user's
    several = _SEVERAL.search(unlabelled(lib.rules, frame.text)) and not _OVER_YEARS.search(frame.text)
    shown = list(verdicts) if several else list(verdicts[:1])
    if several:  # 「台阶奖和增量奖都算上」: of two variants for different recipients (工业 / 委外加工), the better
        # fitting one — unless they are the two parties of one deal (发榜方 / 揭榜方 「两家加起来」)
        # — or each is named by a word of its own (「工业的和软件的各给多少」)
        shown = [v for i, v in enumerate(shown) if not any(
            alternative(v.rule, w.rule) and not other_party(v.rule, w.rule)
            and not any(k in frame.text for k in _own_words(v.rule, w.rule)) for w in shown[:i])]
        computed = [v for v in shown if v.outcome == "computed"]
        if computed:  # (a rule the figures do not feed, named by no word of its own)
            said = {k for v in computed for k in v.rule.keywords}
            shown = [v for v in shown if v.outcome != "needs_info"
                     or any(k in frame.text for k in set(v.rule.keywords) - said)]
    if shown and not several and RATE_ASKED.search(frame.text) and shown[0].rule.rate is None:
        # 「首台套按百分之几给」: the article's award that has a rate answers, not the fixed sum beside it.
        shown = [next((v for v in verdicts if v.rule.clause_id == shown[0].rule.clause_id
                       and v.rule.rate is not None), shown[0])]
    if shown and not several and unpriced(shown[0], frame):
        # 「丰台应用场景揭榜最高多少」 names neither side: each parallel variant is said, not the first alone.
        shown += [v for v in verdicts[1:] if v.rule.clause_id == shown[0].rule.clause_id
                  and unpriced(v, frame) and parallel(v.rule, shown[0].rule)]
    if shown and not several and from_figures(shown[0]):
        # 「去年4.6亿，今年5.3亿」 reaches the 5亿 tier and has a 7000万 increment: another award of the same
        # article, computed from this year's figures and not an alternative to the first, is due as well —
        # unless the question points at one award (「按产值增量那条」「增量奖励」「按1.5%」).
        shown += [v for v in verdicts[1:] if from_figures(v) and cumulative(v.rule, shown[0].rule)
                  and _this_years(v, frame) and (SUM.search(frame.text) or not _one_award(frame.text, shown[0], v))]
    if shown and shown[0].rule.kind == "per_unit" and shown[0].outcome == "computed":
        # 「落地了13家，其中两家营收只有1500万，总共多少」: the figures describe the units counted, so another
        # rule they fail (a revenue tier of the user's own) is no award asked about.
        shown = [shown[0], *(v for v in shown[1:] if v.outcome != "not_eligible")]
    # A rule the user's own words rule out (没拿到市级资金) is said too, not silently skipped.
    shown += [v for v in verdicts if v not in shown and v.outcome == "not_eligible" and "未获得" in v.reason]
    if shown and shown[0].outcome == "not_eligible":  # 0 by one rule: the article's other rule, on their figures
        # (not the other party's variant: 揭榜方's 15% is no answer to a 发榜方 asking about its own 30%; nor an
        # award adding up with it when the question points at the one award)
        shown += [v for v in verdicts if v not in shown and v.rule.clause_id == shown[0].rule.clause_id
                  and v.outcome in ("computed", "not_eligible") and v.result and not v.result.cap_only
                  and not other_party(v.rule, shown[0].rule)
                  and not (cumulative(v.rule, shown[0].rule) and _one_award(frame.text, shown[0], v))]
    clause = lib.corpus.by_id.get(shown[0].rule.clause_id) if shown else None
    if clause is not None and not numbers.find_amounts(frame.text) and any(
            "不能" in line for line in over_a_limit(frame.text, sentences_of([clause]))):
        return []  # 「…多少？第三年还能接着拿吗」's second part: past the term, nothing is computed for it
    return [v for i, v in enumerate(shown) if not any(v is w for w in shown[:i])]  # each said once


_HAN2 = re.compile(r"[\u4e00-\u9fff]{2}")


def _own_words(rule: AwardRule, other: AwardRule) -> set[str]:
    """Keywords and two-character pieces of the subject one variant has and the other lacks (工业 / 软件)."""
    def pairs(subject: str) -> set[str]:
        return {p for i in range(len(subject) - 1) if _HAN2.fullmatch(p := subject[i : i + 2])}

    return (set(rule.keywords) - set(other.keywords)) | (pairs(rule.subject) - pairs(other.subject))


_POINTS = re.compile(r"那条|这条|那项|这项|那块|这块")  # (a rate points by its value, read below)


def _one_award(text: str, first: Verdict, other: Verdict) -> bool:
    """The question points at the first award and not the other: by its rate (按1.5%), by its name before
    那条 or 奖励 (「按产值增量那条」「增量奖励」), or by 那条 alone when the other is not named either."""
    rates = {m[1] for m in re.finditer(r"(\d+(?:\.\d+)?)\s*[%％]", text)}
    # (the words before 那条/奖/支持 up to the clause's length of a name: 「“营收首次达到”那个奖」)
    named = [text[max(0, m.start() - 10) : m.start()]
             for m in re.finditer(r"那条|这条|那项|这项|奖励|奖|补贴|支持", text)]

    def says(verdict: Verdict, besides: Verdict | None = None) -> bool:
        rate = verdict.rule.rate
        if rate is not None and f"{(rate * 100).normalize():f}" in rates:
            return True
        # (产值 inside 产值增量 names the increment award, not the tier table)
        taken = sorted(besides.rule.keywords, key=len, reverse=True) if besides else []
        windows = [functools.reduce(lambda w, k: w.replace(k, " "), taken, n) for n in named]
        return any(k in w for w in windows for k in verdict.rule.keywords if len(k) >= 2)

    if says(other, besides=first):
        return False
    return says(first) or bool(_POINTS.search(text))


def _this_years(verdict: Verdict, frame: QuestionFrame) -> bool:
    """The verdict's figure is not one said for an earlier year (「去年产值10个亿」 is no tier reached now)."""
    base = verdict.result.base_yuan if verdict.result else None
    said = [f for f in frame.facts.money if f.value == base]
    return not said or any(when(f) != "then" for f in said)


def from_figures(verdict: Verdict) -> bool:
    """An amount the calculator computed from the user's own figures, not the clause's maximum restated."""
    result = verdict.result
    return verdict.outcome == "computed" and result is not None and not result.cap_only and result.amount_yuan > 0


def unpriced(verdict: Verdict, frame: QuestionFrame) -> bool:
    """No figure of the user's went into the verdict: only the clause's own amounts are known."""
    if verdict.outcome == "needs_info" or (verdict.result is not None and verdict.result.cap_only):
        return True
    return verdict.outcome == "computed" and not (frame.facts.money or frame.facts.counts)


def scope_overrules(head: list[str], body: list[str]) -> tuple[list[str], list[str], bool]:
    """「…在亦庄设的分公司…能不能享受8条政策」: a failed scope condition (不符合条件，不能享受) decides; a rule's
    「可以申请」 beside it is dropped, and with every rule's conclusion gone, their computations too."""
    if not any(line.startswith("结论：按您所述不符合条件") for line in head):
        return head, body, False
    kept = [line for line in head if not (line.startswith("结论（") and "可以申请" in line)]
    if len(kept) == len(head) or any(line.startswith("结论（") for line in kept):
        return kept, body, False
    return kept, [line for line in body if not line.startswith(("计算：", "前提："))], True
