"""What a question asks for, read from its wording (pure, no models).

The answer path uses this to decide which evidence an answer needs: an amount needs a
calculation or a stated figure, an application window needs a date or a system, a status
question needs the document's status and validity.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from policyqa import places

_AMOUNT = re.compile(
    r"多少钱|多少万|多少资金|多少补贴|多少奖励|多少支持|多少配套|[补给拿奖配]多少|最[多高]多少"
    r"|(奖励|补贴|补助|资助|支持|配套|奖补)多少|最[多高][能可]?[给补拿]|封顶|上限|金额|几万|几百万"
)
_APPLICATION = re.compile(
    r"(申报|申请|报名|递交|提交).{0,12}(时间|何时|啥时候|什么时候|几月|截止|系统|平台|网站|网址|渠道|入口|窗口)"
    r"|(何时|啥时候|什么时候|几月|哪天).{0,8}(申报|申请|报名)"
    r"|(在哪|哪个系统|什么系统|哪个平台).{0,6}(报|申请)"
)
_STATUS = re.compile(r"生效|有效期|还有效|正式发布|发布了|正式印发|施行|征求意见|过期|到期|失效|废止")
_COMPARE = re.compile(r"哪几个区|哪些区|各区|几个区|分别|对比|比较|一样吗|有什么不同|区别")


@dataclass(frozen=True, slots=True)
class Intent:
    amount: bool = False
    application: bool = False
    status: bool = False
    compare: bool = False
    who: bool = False  # who decides, pays, interprets

    def merged(self, other: Intent) -> Intent:
        return Intent(*(a or b for a, b in zip(_astuple(self), _astuple(other), strict=True)))


def _astuple(intent: Intent) -> tuple[bool, ...]:
    return (intent.amount, intent.application, intent.status, intent.compare, intent.who)


# "补贴给多少谁说了算" asks who decides, not how much.
_WHO = re.compile(r"谁说了算|谁决定|谁审定|谁负责|谁来|由谁|哪个部门|哪个单位|哪个局|哪个机构|谁解释|谁拨")


def detect_intent(question: str) -> Intent:
    return Intent(
        amount=bool(_AMOUNT.search(question)) and not _WHO.search(question),
        application=bool(_APPLICATION.search(question)),
        status=bool(_STATUS.search(question)),
        compare=bool(_COMPARE.search(question)),
        who=bool(_WHO.search(question)),
    )


def unsupported_district(
    question: str, covered_named: Sequence[str], aliases: Mapping[str, str] | None = None
) -> str | None:
    """The place a question asks about that no document covers (gazetteer), when it names no covered one.

    ``aliases`` are the corpus's district aliases; by default they are read from the configured manifest.
    """
    if covered_named:
        return None
    cover = places.coverage(aliases) if aliases is not None else places.corpus_coverage()
    return cover.uncovered_place(question)
