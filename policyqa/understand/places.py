"""Where a question is about: a place the corpus has no document for is named, so it is refused
rather than answered from another district's documents."""

from __future__ import annotations

import re
from collections.abc import Sequence

from policyqa.corpus import Corpus

# 「火星区」「上海浦东新区」: a place named like a district that is not one the corpus covers.
_PLACE = re.compile(r"([\u4e00-\u9fff]{2,4}?)(?:新区|区|县)(?![域级内外属里])")
_AREA_WORDS = ("开发", "示范", "自贸", "保税", "功能", "试验", "集聚", "聚集", "核心", "涵养", "园", "城", "郊", "社",
               "景", "商", "辖", "校", "厂", "街", "片", "山", "老", "新城", "地", "小", "行政", "高新", "工业",
               "科技", "矿", "农", "林", "牧", "风景", "住宅", "办公", "生活", "边")
_NOT_A_NAME = set("哪几个各些的在本全我你该这那每多其他它有们所和与及或是")
# Places people name without 区 (上海浦东, 天津滨海新区, 海淀): Beijing's districts the corpus lacks
# and cities a hotline hears about. Places named with 区/县 are caught by _PLACE.
_KNOWN_PLACES = (
    "东城", "西城", "朝阳", "海淀", "石景山", "通州", "顺义", "昌平", "大兴", "房山", "平谷", "密云", "延庆",
    "上海", "浦东", "天津", "滨海", "深圳", "南山", "广州", "天河", "杭州", "滨江", "苏州", "南京", "武汉",
    "成都", "重庆", "西安", "雄安", "河北", "廊坊", "香港", "澳门",
)

def elsewhere_in(corpus: Corpus, text: str, covered: Sequence[str]) -> str | None:
    """A place the question names that no document covers (None when it names a covered one)."""
    if covered:
        return None
    texts = corpus.texts.values()
    starts = sorted(p for p in (text.find(n) for n in _KNOWN_PLACES) if p >= 0)
    for pos in starts:
        name = _whole_name(text, pos)
        if any(name in alias or alias in name for alias in corpus.district_aliases):
            continue
        if len(name) >= 2 and not any(name in t for t in texts):
            return name
    for m in _PLACE.finditer(text):
        name, stem = m.group(), m.group(1)
        if stem.endswith(_AREA_WORDS) or set(stem) & _NOT_A_NAME or any(name in t for t in texts):
            continue
        if any(alias in name for alias in corpus.district_aliases):
            continue  # 北京经开区 names 经开区
        return name
    return None


_SUFFIX = re.compile(r"新区|区|县|市")


def _whole_name(text: str, pos: int) -> str:
    """The place as named: 上海浦东 (two known parts), 朝阳区, 天津滨海新区 (with its suffix)."""
    end = pos
    while True:
        nxt = next((n for n in _KNOWN_PLACES if text.startswith(n, end)), None)
        if nxt is None:
            break
        end += len(nxt)
        suffix = _SUFFIX.match(text, end)
        if suffix:
            end = suffix.end()
    return text[pos:end]
