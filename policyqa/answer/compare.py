"""「哪几个区…能比一下吗」: each district's figure (computed, or as its clause states it) or that it states
none, and which gives more when that is asked."""

from __future__ import annotations

import re
from collections.abc import Sequence

from policyqa import numbers
from policyqa.answer.library import Library, token_set
from policyqa.answer.membership import DEFINITION
from policyqa.answer.placement import ARTICLE_HEAD
from policyqa.answer.scope import DISTINCTIVE, GRANTS
from policyqa.answer.sentences import best_sentences, glossary_entry
from policyqa.rules.verdict import Verdict
from policyqa.types import Answer, AwardRule, Clause
from policyqa.understand.frame import QuestionFrame

_AWARDED = re.compile(r"最高|给予|奖励|补贴|支持|资助|不超过")


# 「哪边给得多」「标准一样吗」: the user wants the figures weighed, not only listed.
_WEIGH = re.compile(r"(哪边|哪个区|哪个|哪家|哪里|谁)[^，。？?]{0,6}(多|高|大|划算|合适|优惠)|一样吗|相同吗|一致吗"
                    r"|一样不|有(什么|啥)?(区别|不同|差别)|差多少|差别|比较|对比|比一下")


_BARS_ASKED = re.compile(r"限制|不予|不支持|禁止|哪些情形|什么情形|门槛|失信|信用")
_MONEY_ASKED = re.compile(r"多少|金额|额度|钱|给|补|奖|最高")
_GENERIC_WORDS = frozenset("支持 补贴 奖励 资金 政策 企业 措施 文件 哪些 哪个 多少 提到 给予 最高 标准 一样".split())
SAME = re.compile(r"一样|相同|一致|区别|不同|差别|差异|同一[拨批套家个]|是一[拨批套]|一拨|一回事")


def compare_conclusion(
    lib: Library, frame: QuestionFrame, clauses: Sequence[Clause], verdicts: Sequence[Verdict] = ()
) -> str:
    """「哪几个区…能比一下吗」: each district's figure — computed from the user's figures where a rule of
    that district was computed, else as its clause states it —, or that it states none; and, when the user
    asks which gives more, the comparison of those figures."""
    if _BARS_ASKED.search(frame.text) and not _MONEY_ASKED.search(frame.text):
        return _bars(lib, frame, clauses)  # 「失信企业申请分别有啥限制」: the bars each district sets, not its pay
    defined = {c.title for c in clauses if glossary_entry(c) and len(c.title) >= 2}
    if not frame.districts and len({t for t in defined if t in frame.text}) >= 2:
        return ""  # 「标杆企业和示范工厂有啥区别」 weighs two defined terms, not what districts give
    parts: dict[str, str] = {}
    values: dict[str, tuple[numbers.Decimal | None, bool]] = {}  # district → (figure, is it only a cap)
    for verdict in verdicts:
        clause = lib.corpus.by_id.get(verdict.rule.clause_id)
        if clause is None:
            continue
        district = lib.corpus.documents[clause.doc_id].district
        if district in parts:
            continue
        rule = verdict.rule
        cap = f"（上限{numbers.format_wan(rule.cap_yuan)}）" if rule.cap_yuan else ""
        stated = bool(frame.facts.money or frame.facts.counts)
        if not stated and len(siblings := _priced_rules(lib, rule.clause_id)) >= 2:
            # 第十四条 gives 30万 for the 目录 and 30%/200万 for a 市级 subsidy: a comparison shows both.
            parts[district], values[district] = _all_awards(district, siblings)
        elif verdict.outcome == "computed" and verdict.result is not None and not verdict.result.cap_only:
            said = "按您所述可得" if stated else "最高"
            parts[district] = f"{district}{said}{numbers.format_wan(verdict.result.amount_yuan)}{cap}"
            values[district] = (verdict.result.amount_yuan, not stated)
        elif rule.unit_yuan is not None:  # the rule's own figures, never a threshold read from the sentence
            parts[district], values[district] = _per_unit(district, rule)
        elif rule.cap_yuan is not None:
            parts[district] = f"{district}最高{numbers.format_wan(rule.cap_yuan)}"
            values[district] = (rule.cap_yuan, True)
    for clause in clauses:
        doc = lib.corpus.documents[clause.doc_id]
        if (doc.district in parts and values[doc.district][0] is not None) or clause.locator in ("标题", "文件头"):
            continue  # (a district said unpriced by one clause is priced by a later one: 五、 then 五、(三)1)
        own = _priced_rules(lib, clause.clause_id)
        if len(own) == 1 and own[0].unit_yuan is not None:  # 「每培育一家…最高5万元，每年不超过50万元」
            parts[doc.district], values[doc.district] = _per_unit(doc.district, own[0])
            continue
        if len(own) >= 2:
            parts[doc.district], values[doc.district] = _all_awards(doc.district, own)
            continue
        sentence = best_sentences(clause, frame.text, context=frame.context, prefer_figures=True, limit=1)
        # Award figures only (最高50万元, 给予10万元), not thresholds (营收达到2000万元), and only from a
        # sentence on the question's topic: 「贷款贴息」 is not priced by the clause's 5000万 for 创新产品.
        # 「给法有啥不一样」 has no topic words of its own: the rest of the turn's.
        topic = _topic(lib, frame.text) or _topic(lib, frame.context) or _topic(lib, frame.text, distinctive=False)
        common = not topic & token_set(clause.text)
        if common:  # (a district's clause on the question's common words: 人工智能)
            topic = _topic(lib, frame.text, distinctive=False) & token_set(clause.text)
        pool = re.split(r"(?<=[。；;])", "".join((sentence, *re.findall(r"[^。；]*最高[^。；]*", clause.text))))
        found = [
            hit for s in pool if topic & token_set(s)
            for hit in numbers.find_amounts(s) if _AWARDED.search(s[: hit[1]][-8:])
        ]
        if not found and common and topic:  # a clause of one measure with one figure: that measure's figure
            awarded = [h for h in numbers.find_amounts(clause.text) if _AWARDED.search(clause.text[: h[1]][-8:])]
            found = awarded if len({v for v, _, _ in awarded}) == 1 else []
        if found:
            top = max(v for v, _, _ in found)
            parts[doc.district] = f"{doc.district}最高{numbers.format_wan(top)}"
            values[doc.district] = (top, True)
        elif not topic & token_set(clause.text):
            continue  # 「资金由区财政预算安排」 says nothing of 贷款贴息: no part for that district from it
        else:
            # 「灯塔工厂：…」 in a glossary only defines the term: no support is said to exist.
            # ...unless a clause of the district grants it, by the topic's words or by the defined term
            # (孵化器 is listed under 产业服务平台, which 五是 rewards).
            term = m[1] if (m := DEFINITION.match(clause.text)) else ""
            defines = bool(term) and not any(
                GRANTS.search(c.text) and (topic & token_set(c.text) or term in c.text) for c in lib.corpus.clauses
                if lib.corpus.documents[c.doc_id].district == doc.district and c is not clause)
            said = "仅在名词解释中提及，未写明支持内容和金额" if defines else "有支持规定，未写明金额"
            parts.setdefault(doc.district, f"{doc.district}{said}")
            values.setdefault(doc.district, (None, True))
    if len(parts) < 2:
        return ""
    line = "结论：" + "；".join(parts.values()) + "（详见下列条款）。"
    weighed = _weigh(values, bool(SAME.search(frame.text))) if _WEIGH.search(frame.text) else ""
    return f"{line}\n{weighed}" if weighed else line


def _per_unit(district: str, rule: AwardRule) -> tuple[str, tuple[numbers.Decimal | None, bool]]:
    annual = f"，每年不超过{numbers.format_wan(rule.annual_cap_yuan)}" if rule.annual_cap_yuan else ""
    return f"{district}每{rule.unit_label}最高{numbers.format_wan(rule.unit_yuan)}{annual}", (rule.unit_yuan, True)


def _topic(lib: Library, text: str, distinctive: bool = True) -> set[str]:
    """The question's distinctive words (贷款贴息, in a handful of clauses), or all its content words."""
    topic = {t for t in token_set(text) if len(t) >= 2} - _GENERIC_WORDS
    return {t for t in topic if lib.df.get(t, 99) <= DISTINCTIVE} if distinctive else topic


def _priced_rules(lib: Library, clause_id: str) -> list[AwardRule]:
    """The award rules of one clause that carry a figure of their own (a cap or a per-unit amount)."""
    return [r for r in lib.rules if r.clause_id == clause_id and (r.cap_yuan or r.unit_yuan)]


def _all_awards(district: str, rules: list[AwardRule]) -> tuple[str, tuple[numbers.Decimal | None, bool]]:
    """A district's part listing every award of its clause, weighed by the largest figure (a cap)."""
    top = max((r.cap_yuan or r.unit_yuan or numbers.Decimal(0) for r in rules), default=numbers.Decimal(0))
    return f"{district}：" + "；".join(_rule_phrase(r) for r in rules), (top or None, True)


def _rule_phrase(rule: AwardRule) -> str:
    rate = f"按{rule.base_label}的{numbers.percent(rule.rate)}、" if rule.rate is not None and rule.base_label else ""
    if rule.unit_yuan is not None:
        return f"{rule.subject}每{rule.unit_label}最高{numbers.format_wan(rule.unit_yuan)}"
    return f"{rule.subject}{rate}最高{numbers.format_wan(rule.cap_yuan)}"


def _weigh(values: dict[str, tuple[numbers.Decimal | None, bool]], sameness: bool) -> str:
    """Which district's figure is larger (or whether they are the same, when that is asked) — or that it
    cannot be said, when a district states no figure. Caps are compared as caps: the amount actually
    granted is decided case by case."""
    unstated = [d for d, (v, _) in values.items() if v is None]
    named = [d for d in values if d not in unstated]
    if unstated and sameness and named:
        return f"比较：标准不一样——{'、'.join(named)}写明了额度，{'、'.join(unstated)}未写明金额。"
    if unstated:
        known = f"；只能确定{'、'.join(named)}的额度" if named else ""
        return f"比较：{'、'.join(unstated)}未写明金额，无法判断哪边给得多{known}。"
    figures = {d: v for d, (v, _) in values.items() if v is not None}
    only_caps = "（按上限比较，实际金额以审定为准）" if any(c for _, c in values.values()) else ""
    ranked = sorted(figures, key=lambda d: figures[d], reverse=True)
    if figures[ranked[0]] == figures[ranked[-1]]:
        return f"比较：额度相同，均为{numbers.format_wan(figures[ranked[0]])}{only_caps}。"
    order = " > ".join(f"{d}{numbers.format_wan(figures[d])}" for d in ranked)
    lead = "标准不一样，" if sameness else ""
    return f"比较：{lead}{ranked[0]}更多：{order}{only_caps}。"


def weighs_parts(frame: QuestionFrame) -> bool:
    """A short part that only asks which is more (「哪个多？」), about the parts before it."""
    return frame.asks <= {"compare"} and bool(frame.asks) and len(frame.text) <= 10 \
        and bool(re.search(r"哪个|哪边|谁", frame.text)) and not SAME.search(frame.text)


def weigh_parts(lib: Library, answers: Sequence[Answer]) -> str:
    """The parts' headline figures weighed: 「比较：丰台区最高1亿元，北京经济技术开发区最高1亿元，一样多。」"""
    said = [(lib.corpus.documents[(a.citations or a.related)[0].doc_id].district,
             a.calculations[0].amount_yuan if a.calculations else None) for a in answers if a.citations or a.related]
    if len(said) < 2 or len({d for d, _ in said}) < len(said):
        return ""
    figures = "，".join(f"{d}最高{numbers.format_wan(v)}" if v is not None else f"{d}未写明金额" for d, v in said)
    if any(v is None for _, v in said):
        return f"比较：{figures}，无法判断哪边多。"
    top = max(v for _, v in said if v is not None)
    if all(v == top for _, v in said):
        return f"比较：{figures}，一样多。"
    return f"比较：{figures}，{next(d for d, v in said if v == top)}更多。"


def _bars(lib: Library, frame: QuestionFrame, clauses: Sequence[Clause]) -> str:
    """Each district's sentence on what the question asks it bars (信用, 失信), quoted as its conclusion."""
    said: dict[str, str] = {}
    for clause in clauses:
        district = lib.corpus.documents[clause.doc_id].district
        if district not in said:
            sentence = best_sentences(clause, frame.text, context=frame.context, limit=1).strip("。；; ")
            said[district] = f"{district}：“{ARTICLE_HEAD.sub('', sentence)}”"
    return "结论：" + "；".join(said.values()) + "（详见下列条款）。" if len(said) >= 2 else ""
