"""Policy terms learned from the corpus itself, for the tokenizer (the hand dictionary only supplements them).

Programme and measure names are what questions quote and what BM25 must keep whole: 「天英汇国际创新创业大赛」,
“独角兽”创新企业榜单, 【落户奖】, and the short names that head enumerated measures (（一）落户补贴).
They are read from the texts when the corpus is loaded, so a new document's names need no code or data edit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from policyqa.types import Clause

# A quoted name ending in a programme/measure word: “…计划” 「…工程」 《…行动》.
_QUOTED = re.compile(
    r"[“「\"《]([\u4e00-\u9fffA-Za-z0-9（）()]{2,14}?"
    r"(?:计划|工程|行动|基金|大赛|平台|中心|之家|榜单|专项|示范区|示范基地|工厂|企业|奖))[”」\"》]"
)
_BRACKETED = re.compile(r"【([\u4e00-\u9fff]{2,12})】")
# The short name that heads a measure: （一）落户补贴。 / 第三条 载体建设。
_HEAD = re.compile(
    r"^(?:第[一二三四五六七八九十百]+条\s*|[（(][一二三四五六七八九十]+[）)])([\u4e00-\u9fff]{2,6})[。：:]", re.M
)
_NOT_TERM = re.compile(r"^[一二三四五六七八九十]+是$")


def corpus_terms(texts: Mapping[str, str], clauses: Iterable[Clause]) -> tuple[str, ...]:
    """Sorted distinct terms: quoted programme names, 【】 names and short measure headings."""
    found: set[str] = set()
    for text in texts.values():
        found.update(_QUOTED.findall(text))
        found.update(_BRACKETED.findall(text))
        found.update(_HEAD.findall(text))
    # Clause titles are not learned: an FAQ's defined term (世界灯塔工厂) as one token would hide the shorter
    # term other documents use (灯塔工厂) — measured on the dev set.
    del clauses
    return tuple(sorted(t for t in found if not _NOT_TERM.match(t)))
