"""A figure the user asserts (「怀柔…奖500万，是这样吧」) checked against the clauses."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from policyqa import numbers
from policyqa.answer.library import Library, token_set
from policyqa.answer.scope import distinctive_words, topic_terms
from policyqa.answer.sentences import awarded, sentence_awarding
from policyqa.errors import PolicyQAError
from policyqa.numbers import percent
from policyqa.rules.select import keyword_score
from policyqa.rules.verdict import Verdict
from policyqa.serialize import citation_line
from policyqa.tokenize import nouns
from policyqa.types import AwardRule, Clause, Hit
from policyqa.understand import vocab
from policyqa.understand.frame import QuestionFrame


@dataclass(frozen=True, slots=True)
class Premise:
    claimed: Decimal
    holds: bool
    where: Clause | None  # the clause that states the claimed figure (elsewhere when it does not hold)
    note: str
    sentence: str = ""  # the sentence of ``where`` that states the claimed figure


def _paying(
    lib: Library, clause: Clause, value: Decimal, question: str, others: set[Decimal]
) -> tuple[AwardRule, Decimal | None] | None:
    """The rule of ``clause`` that pays the claimed figure, with its tier — of several, the one whose tier the
    user's other figures name, then the one their words name."""
    paying = []
    for rule in lib.rules:
        if rule.clause_id != clause.clause_id:
            continue
        tier = next((t for t, award in rule.tiers if award == value), None)
        if tier is not None or value in (rule.cap_yuan, rule.unit_yuan) or value in {c for _, c in rule.levels}:
            paying.append((tier in others, keyword_score(rule, question), rule, tier))
    if not paying:
        return None
    _, _, rule, tier = max(paying, key=lambda p: (p[0], p[1]))
    return rule, tier


def _whose(paying: tuple[AwardRule, Decimal | None] | None) -> str:
    """「软件和信息服务业企业…」50亿元档, or the rule's subject."""
    if paying is None:
        return ""
    rule, tier = paying
    return f"中「{rule.subject}」" + (f"{numbers.format_wan(tier)}档" if tier is not None else "")


def _should_be(computed: Decimal, said: Decimal) -> str:
    # The user's figure is not repeated: every amount an answer states comes from a clause or the calculator.
    if computed == 0:  # a rule the user does not meet: nothing, whatever figure was hoped for
        return "更正：按您所述不满足该条的支持条件，应为0元，不是您所说的金额。"
    return f"更正：按条款应为{numbers.format_wan(computed)}，不是您所说的金额。"


def check_claims(
    lib: Library, frame: QuestionFrame, hits: list[Hit], about: Clause | None = None, computed: Decimal | None = None
) -> Premise | None:
    """The first claimed figure: does the clause the question is about state it? If not, where does it stand?"""
    claims = [f for f in frame.facts.figures if f.claimed]
    if not claims and about is None and vocab.CLAIM.search(frame.text):
        # 「门头沟是不是也跟丰台一样…最高200万？」: a maximum the user asserts where no rule of theirs applies
        claims = [f for f in frame.facts.figures if f.cap]
    if not claims:
        return None
    value = claims[0].value
    if computed is not None and computed == value:  # 「能配150万对吧」 and the calculator says 150万: it holds
        return Premise(value, True, about, f"按条款计算正是{numbers.format_wan(value)}。")
    # 「过10个亿能奖励200万」 against the tier table: 200万 is another tier's award, said as such.
    tier = next(((r, t) for r in lib.rules if about is not None and r.clause_id == about.clause_id
                 for t, award in r.tiers if award == value and computed != value), None)
    if tier is not None and computed is not None:
        rule, threshold = tier
        note = (f"更正：{numbers.format_wan(value)}是该条「{rule.subject}」中{numbers.format_wan(threshold)}档的金额，"
                f"按您所述的数据计算应为{numbers.format_wan(computed)}。")
        return Premise(value, False, None, note)
    sibling = next((r for r in lib.rules if about is not None and r.clause_id == about.clause_id
                    and value in (r.cap_yuan, r.unit_yuan)), None)
    yearly = sibling is not None and sibling.years > 1 and re.search(r"每年|年度|一年", claims[0].before[-8:])
    if sibling is not None and computed == 0:
        return Premise(value, False, None, _should_be(computed, value))  # (a condition failed: nothing is due)
    if sibling is not None and computed is not None and computed != value and not yearly:
        # (「每年给500万」 of a rule paid for two years is its yearly cap, said right, beside a two-year total)
        # 「听说封顶300万」 for 市级: 300万 is the same article's cap for 国家级 — say whose figure it is.
        note = (f"更正：{numbers.format_wan(value)}是该条「{sibling.subject}」的上限（最高额），"
                f"按您所述的数据计算应为{numbers.format_wan(computed)}。")
        return Premise(value, False, None, note)
    if computed is not None and computed != value and re.search(r"(?:就|能|可以)[配给拿补领]$", claims[0].before):
        # 「那区里就能配100万？」: the user's own arithmetic, checked against the calculator's.
        return Premise(value, False, None, _should_be(computed, value))
    arithmetic = _should_be(computed, value) if computed is not None and computed != value else ""
    in_scope = [about] if about is not None else [h.clause for h in hits[:1]]
    # (a maximum heard — 「最高给2000万」 — stands only where a clause pays it, not where 2000万 is a threshold)
    def holds(c: Clause) -> bool:
        return value in (awarded(c.text) if claims[0].cap else {v for v, _, _ in numbers.find_amounts(c.text)})

    if any(holds(c) for c in in_scope):
        stating = next(c for c in in_scope if holds(c))
        return Premise(value, True, stating, f"文件确有{numbers.format_wan(value)}这一金额。")
    # Searched without the district names: the figure may stand in another district's document.
    unplaced = frame.text
    for district in frame.districts:
        unplaced = unplaced.replace(district, "").replace(district.removesuffix("区"), "")
    wider = [*hits, *lib.retriever.search(unplaced, k=8)]
    # The clause that states the claimed figure together with the other figures the user names with it
    # (「营收首次过10个亿奖100万」: 10亿 and 100万), so a common amount is not pinned on any clause.
    # (only those said with the claim — up to the end of its clause —, not the user's own after it: 「…头一回过5亿的
    # 企业奖50万？我们今年产值5亿3千万」 and 「…首次达到5亿的企业奖50万，我们厂在门头沟，今年产值5亿3千万」 claim
    # 5亿 and 50万 alone)
    heard = next((s for s in re.split(r"(?<=[。？?！!])", frame.text) if claims[0].phrase in s), frame.text)
    if (at := heard.find(claims[0].phrase)) >= 0:
        heard = heard[:at] + re.split(r"[，,；;]", heard[at:])[0]
    others = {f.value for f in frame.facts.figures if not f.claimed and f.phrase in heard}

    # …and on the question's subject (首台套): an amount any clause happens to pay says nothing of the claim.
    subject = topic_terms(lib, unplaced)
    # another district's figure must be on the question's own words even when they name no policy term
    strict = subject or {t for t in distinctive_words(lib, unplaced) if lib.df.get(t)}

    # A figure only one or two clauses award (5000万) placed on any rare word they share (生产批准, not 新药 itself).
    rare = sum(value in awarded(c.text) for c in lib.corpus.clauses) <= 2
    distinct = {t for t in distinctive_words(lib, unplaced) if lib.df.get(t)}
    named_nouns = set(nouns(unplaced))  # (the subject is a noun — 小巨人 — before a manner such as 一次性)

    def states(clause: Clause) -> bool:
        found = {v for v, _, _ in numbers.find_amounts(clause.text)}
        tokens = token_set(clause.text)
        if lib.corpus.documents[clause.doc_id].district in frame.districts:
            on_topic = not subject or bool(subject & tokens)
        else:  # another district's figure: on the question's most distinctive subject word (产业服务平台), not 工业
            on_topic = not strict or min(strict, key=lambda t: (t not in named_nouns, lib.df.get(t, 0), t)) in tokens \
                or 2 * len(strict & tokens) > len(strict) \
                or (rare and bool(distinct & tokens))  # (or on most of them: 小巨人 and 专精特新)
        return value in awarded(clause.text) and others <= found and on_topic

    # Of the clauses stating it, the one sharing most of the subject's words (小巨人 and 专精特新, not 一次性 alone),
    # ties to the one on the question's nouns.
    elsewhere = max((h.clause for h in wider if states(h.clause)),
                    key=lambda c: (len(shared := (subject or strict) & token_set(c.text)), len(shared & named_nouns)),
                    default=None)
    named = "、".join(frame.districts) or "所问地区"
    if elsewhere is not None:
        doc = lib.corpus.documents[elsewhere.doc_id]
        paying = _paying(lib, elsewhere, value, frame.text, others)
        where = citation_line(doc.title, elsewhere.locator) + _whose(paying)
        said = sentence_awarding(elsewhere, value, paying[0].quote if paying else frame.text, others)
        if doc.district not in frame.districts:
            # The documents cannot rule the claim out, only fail to state it: say where the figure does stand.
            # (a rate the user pairs with it that the same sentence states is said with it: 30%、最高200万元)
            rate = next((r for r in _RATE_SAID.findall(frame.text) if r in said), "")
            figure = f"{rate}、{numbers.format_wan(value)}" if rate else numbers.format_wan(value)
            note = (f"更正：{named}的文件中没有{figure}这一{'标准' if rate else '金额'}，无法确认；"
                    f"{figure}是{doc.district}{where}的{'标准' if rate else '金额'}。")
        else:
            note = f"{numbers.format_wan(value)}是{where}的金额，不是所问事项的金额。"
            note += "" if arithmetic or not in_scope or in_scope[0] is elsewhere else _asked_cap(in_scope[0])
            note = f"{arithmetic}{note}" if arithmetic else f"更正：{note}"
        return Premise(value, False, elsewhere, note, said)
    if arithmetic:
        return Premise(value, False, None, arithmetic)
    # The claimed figure is not repeated: a number with no clause behind it is never stated.
    rate = re.search(r"(\d+(?:\.\d+)?)\s*[%％]", frame.text)
    docs = lib.scope(frame.districts)
    if rate and not any(re.search(rf"(?<![\d.]){re.escape(rate[1])}\s*[%％]", c.text)
                        for c in lib.corpus.clauses if docs is None or c.doc_id in docs):
        # 「听说…统一按年营收5%给补贴…是不是能拿1000万」: the rate the figure rests on is stated nowhere there
        # (said where it does stand, when another district's clause states it).
        pattern = rf"(?<![\d.]){re.escape(rate[1])}\s*[%％]"
        words = distinctive_words(lib, frame.text)
        stating = [c for c in lib.corpus.clauses if re.search(pattern, c.text)]
        other = max(stating, key=lambda c: len(words & token_set(c.text)), default=None)  # on the question's topic
        where = ""
        if other is not None:
            doc = lib.corpus.documents[other.doc_id]
            where = f"（{rate[1]}%是{doc.district}{citation_line(doc.title, other.locator)}的比例）"
        return Premise(value, False, None, f"更正：{named}的文件中没有按{rate[1]}%给予支持的规定{where}，"
                                           "据此算出的金额没有依据。")
    return Premise(value, False, None, f"更正：您所说的金额在{named}的相关条款中没有依据，以下为条款实际规定。"
                                       + (_asked_cap(in_scope[0]) if in_scope else ""))


def _asked_cap(clause: Clause) -> str:
    """「是不是每个产品最高补一个亿」: the asked clause's own single maximum answers the yes/no, quoted."""
    own = awarded(clause.text)
    cap = next(((s, e) for v, s, e in numbers.find_amounts(clause.text) if v in own), None) if len(own) == 1 else None
    top = clause.text.rfind("最高", max(0, cap[0] - 12), cap[0]) if cap else -1
    if cap is None or top < 0 or re.search(r"[，。；,]", clause.text[top : cap[0]]):
        return ""
    return f"所问事项{clause.locator}规定的是「{clause.text[top : cap[1]]}」。"


_RATE_SAID = re.compile(r"\d+(?:\.\d+)?[%％]")
_RATIO = re.compile(r"(\d+(?:\.\d+)?)\s*[%％]|百分之([零一二两三四五六七八九十]+)|一半|([一二三四五六七八九])成")
_TENTHS = "一二三四五六七八九"
# 「是按市级的30%算吗」: a rate put as a yes/no question is a rate the user asks to have confirmed.
_RATE_CUE = re.compile(r"按|比例|配套|给|补|奖|支持|拿|也")  # words before a rate said as the award's
_RATE_ASKED = re.compile(r"(?:[%％]|百分之[零一二两三四五六七八九十]+|一半|[一二三四五六七八九]成)\s*"
                         r"(?:来)?(?:算|给|配|补|计算|核算|支持)?[吗么嘛]")


def _ratio_of(said: str) -> Decimal:
    """30% / 百分之三十 / 一半 / 三成 as a fraction."""
    if said == "一半":
        return Decimal("0.5")
    if said.endswith("成") and len(said) == 2:
        return Decimal(_TENTHS.index(said[0]) + 1) / 10
    return numbers.parse_ratio(said)


def claimed_ratio(frame: QuestionFrame, verdicts: Sequence[Verdict], chosen: Sequence[Clause] = ()) -> str | None:
    """「是按市级的50%给吧」 against the rule's own rate: a wrong rate is corrected — and a rate claimed of a clause
    that states none (「怀柔是不是也跟丰台一样按30%配套」) is said to have no footing there."""
    if not (vocab.CLAIM.search(frame.text) or _RATE_ASKED.search(frame.text)):
        return None
    if not verdicts:
        said = next((m[0] for m in _RATIO.finditer(frame.text)
                     if _RATE_CUE.search(frame.text[max(0, m.start() - 10):m.start()])), None)
        if said and chosen and not any(re.search(r"[%％]|百分之|比例", c.text) for c in chosen):
            return f"更正：所引条款未规定按比例给予，您说的{said}在条款中没有依据[1]。"
        return None
    rule = next((v.rule for v in verdicts if v.rule.rate is not None), verdicts[0].rule)  # the rule with a rate
    for m in _RATIO.finditer(frame.text):
        around = frame.text[max(0, m.start() - 10) : m.start()]
        if re.search(r"增速|增长|增幅|平均", around) or not _RATE_CUE.search(around):
            continue  # 「平均增速听说是15%」 states a growth rate, not the award's rate
        if re.search(r"他们|对方|人家|别人|别家", around):
            continue  # 「发榜方说他们能拿30%」: another party's rate, not one the user claims for this rule
        try:
            said = _ratio_of(m[0])
        except PolicyQAError:
            continue
        if rule.rate is None and rule.kind == "fixed_cap" and rule.cap_yuan is not None:
            # 「首台套是按30%给吗」 of a fixed maximum: no rate stands in the clause at all
            most = numbers.format_wan(rule.cap_yuan)
            return f"更正：条款未规定按比例给予，规定的是最高{most}，您说的{percent(said)}没有依据。"
        if rule.rate is not None and said != rule.rate:
            return f"更正：条款规定的比例是{rule.base_label}的{percent(rule.rate)}，不是您说的{percent(said)}。"
    return None


_BAR = re.compile(r"门槛|起点|起步线|准入线")


def claimed_cap(
    frame: QuestionFrame, verdicts: Sequence[Verdict], rules: Sequence[AwardRule] = ()
) -> str | None:
    """「最多200万，是这样吗」 against the rule's own maximum: a wrong cap is corrected — with whose cap it
    is when another rule of the same article sets it (300万 is 第十一条's cap for 国家级)."""
    if not verdicts or not vocab.CLAIM.search(frame.text):
        return None
    rule = verdicts[0].rule
    bar = [f.value for f in frame.facts.figures if _BAR.search(f.phrase)]
    if rule.threshold_yuan is not None and bar and rule.threshold_yuan not in bar:
        # 「听说转型那条门槛是3000万」 against 「年度营业收入达到2000万元」: the bar is corrected, not repeated
        threshold = numbers.format_wan(rule.threshold_yuan)
        return f"更正：条款规定的门槛是{threshold}（{rule.threshold_label}），与您所说的不符。"
    said = [f.value for f in frame.facts.figures if f.cap]
    if rule.cap_yuan is None or not said or rule.cap_yuan in said or rule.levels:
        return None
    line = f"更正：条款规定最高{numbers.format_wan(rule.cap_yuan)}，与您所说的上限不符"
    owner = next((r for r in rules if r.clause_id == rule.clause_id and r.cap_yuan in said), None)
    if owner is not None:
        line += f"；{numbers.format_wan(owner.cap_yuan)}是该条中「{owner.subject}」的上限"
    return line + "。"  # no figure of no clause


def unsupported_claim(frame: QuestionFrame) -> str | None:
    """The rate or amount the user asserts (「是按10%给吧」, 「奖50万对吧」), as they said it, or None."""
    if not vocab.CLAIM.search(frame.text):
        return None
    for m in _RATIO.finditer(frame.text):
        around = frame.text[max(0, m.start() - 10) : m.start()]
        if re.search(r"按|比例|配套|给|补|奖|支持", around) and not re.search(r"增速|增长|增幅|平均", around):
            return m[0]
    claimed = [f for f in frame.facts.figures if f.claimed or f.cap]
    return numbers.format_wan(claimed[0].value) if claimed else None
