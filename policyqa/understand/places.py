"""Where a question is about: a place the corpus has no document for is named, so it is refused
rather than answered from another district's documents.

Covered districts come from the manifest and every other place from the gazetteer of China's
administrative divisions (:mod:`policyqa.places`); a made-up name shaped like a district
(「火星区」, or 雄安新区, which is no formal division) is caught by its shape.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from policyqa import places
from policyqa.corpus import Corpus

# 「火星区」: a name shaped like a district that neither the manifest nor the gazetteer knows…
_PLACE = re.compile(r"([\u4e00-\u9fff]{2,4}?)(?:新区|区|县)(?![域级内外属里平均])")  # 比区平均 is no place
# …unless it is a kind of area rather than a place (示范区, 产业园区, 城区, 生态涵养区).
_AREA_WORDS = ("开发", "示范", "自贸", "保税", "功能", "试验", "集聚", "聚集", "核心", "涵养", "园", "城", "郊", "社",
               "景", "商", "辖", "校", "厂", "街", "片", "山", "老", "新城", "地", "小", "行政", "高新", "工业",
               "科技", "矿", "农", "林", "牧", "风景", "住宅", "办公", "生活", "边",
               "入", "进", "驻", "迁", "出")  # 新入区/进区/出区 say a move, not a place
_NOT_A_NAME = set("哪几个各些的在本全我你该这那每多其他它有们所和与及或是")


def elsewhere_at(corpus: Corpus, text: str) -> tuple[str, int] | None:
    """The first place ``text`` names that no document covers, with where it is named."""
    cover = places.coverage(corpus.district_aliases)
    found = []
    for name in cover.uncovered_places(text)[:1]:  # the most specific: 浦东新区 for 上海浦东
        pos = min((p for p in (text.find(name), text.find(places.stem(name))) if p >= 0), default=-1)
        found.append((max(pos, 0), name))
    texts = corpus.texts.values()
    for m in _PLACE.finditer(text):
        name, stem = m.group(), m.group(1)
        if stem.endswith(_AREA_WORDS) or set(stem) & _NOT_A_NAME or any(name in t for t in texts):
            continue
        if any(alias in name for alias in corpus.district_aliases) or cover.gazetteer.lookup(name):
            continue  # 北京经开区 names 经开区; a known division was judged above
        if any(n in name or places.stem(n) in name for _, n in found):
            continue  # 天津滨海新区 is the 滨海新区 the gazetteer found
        found.append((m.start(), name))
    if not found:
        return None
    pos, name = min(found)
    return name, pos


def elsewhere_in(corpus: Corpus, text: str, covered: Sequence[str]) -> str | None:
    """A place the question names that no document covers (None when it names a covered one)."""
    if covered:
        return None
    at = elsewhere_at(corpus, text)
    return at[0] if at else None
