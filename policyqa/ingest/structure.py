"""Structure report of a parsed document: how many clauses per level, and numbering gaps or duplicates."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policyqa.chunk import RE_SUB, cn_to_int
from policyqa.types import Clause

_ARTICLE = re.compile(r"^第([一二三四五六七八九十百零]+)条$")
_CHAPTER = re.compile(r"^第([一二三四五六七八九十百零]+)章")
_PART = re.compile(r"^([一二三四五六七八九十]+)、")


@dataclass
class StructureReport:
    counts: dict[str, int] = field(default_factory=dict)  # level name → count
    warnings: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = ["结构：" + "，".join(f"{name} {n} 个" for name, n in self.counts.items() if n)]
        out += [f"警告：{w}" for w in self.warnings]
        return out


def _sequence(label: str, numbers: list[int], unit: str) -> list[str]:
    """Gaps and duplicates in a numbering that should run 1, 2, 3 …"""
    warnings = []
    seen: set[int] = set()
    for n in numbers:
        if n in seen:
            warnings.append(f"{label}编号重复：第{n}{unit}")
        seen.add(n)
    if numbers:
        missing = [n for n in range(1, max(numbers) + 1) if n not in seen]
        if missing:
            warnings.append(f"{label}编号缺少：" + "、".join(f"第{n}{unit}" for n in missing))
    return warnings


def structure_report(clauses: list[Clause]) -> StructureReport:
    """Counts per level (章, 部分 一、, 节 （一）, 条, 条内项 （一）, 其他) and numbering warnings."""
    heads = list(dict.fromkeys(h for c in clauses for h in c.heading_path))
    chapters = [cn_to_int(m.group(1)) for h in heads if (m := _CHAPTER.match(h))]
    parts = [cn_to_int(m.group(1)) for h in heads if (m := _PART.match(h))]
    sections = [h for h in heads if RE_SUB.match(h)]
    firsts = [c for c in clauses if c.part == 1]
    articles = [cn_to_int(m.group(1)) for c in firsts if (m := _ARTICLE.match(c.locator))]
    items = sum(1 for c in firsts if _ARTICLE.match(c.locator) for ln in c.text.splitlines()[1:] if RE_SUB.match(ln))
    outline = [c for c in firsts if not _ARTICLE.match(c.locator) and c.locator not in ("标题", "文件头")]
    report = StructureReport(
        {
            "章": len(chapters),
            "部分（一、）": len(parts) if articles else 0,
            "节（（一））": len(sections),
            "条": len(articles),
            "条内项（（一））": items,
            "其他段落": len(outline),
        }
    )
    report.warnings += _sequence("章", chapters, "章")
    report.warnings += _sequence("条", articles, "条")
    if not articles:
        tops = [cn_to_int(m.group(1)) for c in firsts if (m := _PART.match(c.locator))]
        report.warnings += _sequence("一级标题", tops, "部分")
    if not articles and not outline:
        report.warnings.append("没有识别出任何条款编号（第N条 / 一、），请检查文本")
    return report
