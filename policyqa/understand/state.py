"""A conversation = frames merged turn by turn.

A new figure replaces the old one of the same role (a bare figure — 「那如果是八百万呢」 —
replaces the figure the previous turn was about); a newly named district replaces the old one;
a turn on a new topic starts afresh; a place with no document refuses whatever came before.
Clearing the chat clears the history, and with it all state: nothing is kept server-side.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from policyqa.understand import vocab
from policyqa.understand.facts import NOW, Fact, Facts, when
from policyqa.understand.frame import QuestionFrame

NEW_TOPIC = re.compile(
    # (any short word of talk before the switch: 「对了，换个事」「哦对，换个话题」)
    r"^(?:[^，,。！!？?\s]{1,4}[，,。！!\s]+)?(?:换个问题|换个事儿?|换个话题|说点别的|另一个问题|再问个|另外问|问个别的|还有个问题|顺便问|另外[，,]"
    r"|另外(?:我们|我|公司|咱们)?还(?:想|要|打算|准备))"  # 「另外我们还想申请美国FDA认证，这块有政策吗」
)
_LATER_STAGE = re.compile(r"第[二三2-3]年|次年|后续|接下来|以后|之后|下一年|明年")
_SUPPOSE = re.compile(r"^(?:那|那么)?(?:如果|要是|假如|假设|换成|换作|若是)")
# Cues that say which money a figure is; 资金/支持 alone say only that it is money.
_GENERIC = frozenset({"资金", "支持", "补贴", "奖励", "投入"})


def _distinct(fact: Fact) -> frozenset[str]:
    return fact.cues - _GENERIC


def _same_time(old: Fact, new: Fact) -> bool:
    """「去年2000万今年2500万」 then 「今年其实是2080万」: only this year's figure is corrected."""
    said = when(new)
    return not said or when(old) in (said, "")


_LATER_YEAR = re.compile(vocab.LATER_YEAR)


def _year_before(fact: Fact) -> Fact:
    """The figure as said of the year before the one a later turn supposes (今年 → 上年)."""
    said = when(fact)
    if said == "then":
        return fact
    before = NOW.sub("上年", fact.before) if said else "上年" + fact.before
    return replace(fact, before=before)


def merge_facts(before: Facts, now: Facts) -> Facts:
    """``now``'s figures replace the earlier ones of the same role; other earlier figures stay."""
    kept = list(before.money)
    if _SUPPOSE.match(now.text) and any(_distinct(f) for f in now.money):
        # 「那如果我们是工业企业，产值第一次到了5亿3千万呢」: a case supposed afresh, on a figure of its own role —
        # the earlier turn's figures (软件企业的营收10亿) belong to the case it replaces.
        kept = [k for k in kept if any(_distinct(k) & _distinct(f) for f in now.money)]
    replaced = False
    added: list[Fact] = []
    bare = [f for f in now.money if not _distinct(f)]
    # 「我们去年3.8个亿，今年头一回过了5个亿」: this year's figure is the one that replaces; last year's is beside it.
    lead = next((f for f in bare if when(f) == "now"), bare[0] if bare else None)
    roles = frozenset().union(*(_distinct(k) for k in kept)) if kept else frozenset()
    for fact in now.money:
        role = _distinct(fact)
        if not role and fact is not lead and len(bare) >= 2:
            kept.append(replace(fact, cues=fact.cues | roles))  # same role as the figure it stands beside
            continue
        if not role and kept and not replaced and _LATER_YEAR.search(fact.before):
            # 「那明年要是做到12个亿」: a later year's level stands beside the earlier turn's, which becomes the
            # year before — an increment is this figure over that one, not a replacement of it.
            kept = [_year_before(k) for k in kept]
            kept.append(replace(fact, cues=fact.cues | roles, before=_LATER_YEAR.sub("今年", fact.before)))
            replaced = True
            continue
        if not role:  # a bare figure: the first replaces the one the earlier turn was about
            if kept and not replaced:
                # 「今年其实是3050万」 replaces this year's figure, not last year's
                at = next((i for i, k in enumerate(kept) if when(fact) and when(k) == when(fact)), 0)
                old = kept.pop(at)
                fact = replace(fact, cues=old.cues | fact.cues, phrase=old.phrase + " " + fact.phrase,
                               before=old.before, increment=fact.increment or old.increment,
                               reached=fact.reached or old.reached)
                kept.insert(at, fact)
                replaced = True
            else:
                kept.append(fact)
            continue
        # A correction replaces the earlier figure of the same role and the same time (「今年其实是2080万」
        # replaces this year's, not last year's), and is that figure: it keeps the words that named it
        # (「一共投了400万」 after 「设备加软件投了二百来万」 is still the 设备和软件 money).
        # (only the earlier turns' figures: two said in this turn — 「今年营收12个亿，头一回过10亿」 — are both kept)
        same = [k for k in kept if _distinct(k) & role and k.increment == fact.increment and _same_time(k, fact)
                and not any(k is x for x in added)]
        if same:
            fact = replace(fact, cues=fact.cues | frozenset().union(*(k.cues for k in same)))
        kept = [k for k in kept if not any(k is x for x in same)]
        kept.append(fact)
        added.append(fact)
    # The latest turn's counts of a unit replace the earlier ones, all of them (「一共13家，其中两家只有1500万」).
    units = {c.unit for c in now.counts}
    counts = [*(c for c in before.counts if c.unit not in units), *now.counts]
    return Facts(
        figures=tuple(replace(f, order=i) for i, f in enumerate(kept)) + tuple(f for f in now.figures if f.claimed),
        counts=tuple(counts),
        levels=now.levels or before.levels,
        negated_cues=now.negated_cues | before.negated_cues,
        above_average=now.above_average if now.above_average is not None else before.above_average,
        qualifications=tuple(dict.fromkeys((*before.qualifications, *now.qualifications))),
        failed_stage=now.failed_stage or before.failed_stage,
        text=f"{before.text} {now.text}".strip(),
    )


def same_topic(before: QuestionFrame, now: QuestionFrame, overlap: Callable[[str, str], bool]) -> bool:
    """Does ``now`` continue ``before``? Follow-up openers and bare figures do; a turn naming
    its own subject that shares no content word with the earlier one does not."""
    if NEW_TOPIC.search(now.text):
        return False
    if now.follow_up:
        # 「那我们是做生物医药的，想在亦庄落一个重大生物医药平台，能给多少钱」: an opener (那) before a whole
        # question on a subject of its own, which the earlier turns never named, starts a new topic.
        # (「那第二年…增速超过行业平均，还能再拿多少」 goes on with the same award: 还能再/第二年 say so)
        whole = bool(now.asks) and len(re.findall(r"[\u4e00-\u9fff]", now.text)) >= 16 \
            and not vocab.CONTINUES.search(now.text) and not _LATER_STAGE.search(now.text)
        return not whole or overlap(before.context, now.text)
    if vocab.BOTH_AWARDS.search(now.text):
        return True  # 「两笔一共最多多少」 adds up the awards the earlier turn was about
    if now.facts.money and not now.districts and now.asks <= {"amount"} \
            and len(re.findall(r"[\u4e00-\u9fff]", now.text)) <= 20:
        return True  # 「设备软件一共投了3000来万，能拿多少？」 after 「丰台对灯塔工厂怎么补？」: figures for it
    return overlap(before.context, now.text)


def merge(
    frames: Sequence[QuestionFrame], overlap: Callable[[str, str], bool]
) -> QuestionFrame:
    """The frame the last turn is answered with, given the earlier turns' frames (oldest first)."""
    current = frames[-1]
    if len(frames) == 1:
        return current
    state = frames[0]
    for frame in frames[1:-1]:
        state = _step(state, frame, overlap)
    if current.elsewhere:
        # 「那我们厂在昌平，也按这个给吗」 is refused afresh; the earlier turns stay readable as where it came from.
        return replace(current, context=f"{current.text} {state.context}")
    return _step(state, current, overlap)


def _step(before: QuestionFrame, now: QuestionFrame, overlap: Callable[[str, str], bool]) -> QuestionFrame:
    if now.elsewhere:
        # 「那海淀区有没有类似的？」 is refused, but the topic it leans on stays for 「怀柔呢？」 after it
        keeps = same_topic(before, now, overlap) and not now.facts.money
        return replace(now, context=f"{now.text} {before.context}".strip(), carried=True,
                       asks=now.asks | before.asks) if keeps else now
    districts = now.districts or before.districts
    if not same_topic(before, now, overlap):
        # A new subject: only the districts carry over (「那首台套呢」 is a follow-up, not this).
        return replace(now, districts=districts)
    asks = now.asks | (before.asks if now.follow_up else frozenset())
    if now.facts.money and "amount" in before.asks:
        asks |= {"amount"}
    return replace(
        now,
        districts=districts,
        asks=frozenset(asks),
        facts=merge_facts(before.facts, now.facts),
        context=f"{now.text} {before.context}".strip(),
        carried=True,
    )
