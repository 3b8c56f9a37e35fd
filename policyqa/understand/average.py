"""Growth against the average, as the user states it: in words (低于全区平均), as two rates (增速8%，平均11%), or
as the average beside the two figures the growth comes from (从1亿1涨到1亿3，平均25%)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from itertools import pairwise
from typing import Protocol


class Fact(Protocol):
    """What this module reads of a figure (``policyqa.understand.facts.Fact``, which imports this module)."""

    value: Decimal
    phrase: str
    cues: frozenset[str]
    increment: bool
    claimed: bool
    cap: bool
    decrease: bool


def against_average(text: str, figures: Sequence[Fact], when: Callable[[Fact], str]) -> bool | None:
    """True: at or above the average; False: below it; None: not said. ``when`` tells a figure's time
    (then / now), as the facts module reads it."""
    said = _average(text)
    return said if said is not None else _implied_average(text, figures, when)


_BELOW = re.compile(
    r"((?<!不)低于|不如|没到|没达到|达不到|跑输|(?<!不)慢于|不到|没赶上|赶不上|没追上|落后于?|不及)[^，。,；]{0,8}(平均|均值)|(平均|均值)(水平|线)?(还|要|稍|略)?(低|慢|差)"
    r"|(平均|均值)(水平)?(以下|之下)|没(有)?(超过|高于|跑赢|跑过)[^，。,；]{0,8}(平均|均值)"
    # 「全区平均增速比我们高」: the average above the user is the user below it
    r"|(平均|均值)[^，。,；]{0,6}比(?:我们|我司|咱们|我厂|本企业|公司)[^，。,；]{0,4}(高|快)"
)
_ABOVE = re.compile(
    r"(高于|超过|超出|跑赢|快于|达到|不低于|不慢于|不比)[^，。,；]{0,8}(平均|均值)|(平均|均值)(水平)?(以上|之上)"
    r"|比[^，。,；]{0,8}(平均|均值)(水平)?(还|要|都)?(高|快)"
)


# 「产值涨了6%，行业平均是9%」: how a growth rate is said, not only 增速.
_GREW = r"(?:增速|增长率?|增幅|涨幅|涨了?|提高了?|上升了?|多了)"
_RATES = re.compile(
    rf"{_GREW}[^，。,；\d]{{0,6}}?(\d+(?:\.\d+)?)\s*[%％][^。；]{{0,16}}?平均[^，。,；\d]{{0,8}}?(\d+(?:\.\d+)?)\s*[%％]"
    rf"|平均[^，。,；\d]{{0,8}}?(\d+(?:\.\d+)?)\s*[%％][^。；]{{0,16}}?{_GREW}[^，。,；\d]{{0,6}}?(\d+(?:\.\d+)?)\s*[%％]"
)


_AVERAGE_RATE = re.compile(r"平均[^，。,；\d]{0,8}?(\d+(?:\.\d+)?)\s*[%％]")


def _implied_average(text: str, figures: Sequence[Fact], when: Callable[[Fact], str]) -> bool | None:
    """「营收从1亿1涨到1亿3…全区平均增速是25%」: the user's growth, worked out from the two figures they give,
    against the average they state (18.2% < 25%)."""
    said = _AVERAGE_RATE.search(text)
    levels = [f for f in figures if not f.increment and not f.claimed and not f.cap and not f.decrease]
    pair = next(((a, b) for a, b in pairwise(levels) if a.phrase == b.phrase and "从" in a.phrase), None)
    if pair is None:
        then = [f for f in levels if when(f) == "then"]
        now = [f for f in levels if when(f) == "now" and (f.cues & then[-1].cues or not f.cues)] if then else []
        pair = (then[-1], now[0]) if then and now else None
    if pair is None and len(levels) == 2 and (levels[0].cues & levels[1].cues or not levels[1].cues):
        pair = (levels[0], levels[1])  # 「前年1.5个亿，去年做到1.7个亿」: two years said, in order
    if said is None or pair is None or pair[0].value <= 0:
        return None
    growth = (pair[1].value - pair[0].value) / pair[0].value * 100
    return growth >= Decimal(said[1])


def _average(text: str) -> bool | None:
    """Growth against the average as the user states it (below wins: it is the one that disqualifies);
    two rates compare as numbers (「营收增速8%，行业平均是11%」)."""
    rates = _RATES.search(text)
    if rates:
        own, avg = (rates[1], rates[2]) if rates[1] else (rates[4], rates[3])
        return float(own) >= float(avg)
    if _BELOW.search(text):
        return False
    if _ABOVE.search(text):
        return True
    return None
