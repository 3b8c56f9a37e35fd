"""「经开区生物医药8条有哪些支持」「门头沟工业措施主要支持哪些方向」: a question about what a section holds
gets the section's items, each with its heading and the amounts its text states (or that it states none) —
a hotline's table of contents, not the one clause that happens to match best."""

from __future__ import annotations

import re
from collections.abc import Sequence

from policyqa import numbers
from policyqa.answer import compose as C
from policyqa.answer.build import make_answer
from policyqa.answer.library import Library, token_set
from policyqa.answer.membership import DEFINITION
from policyqa.answer.scope import content_tokens
from policyqa.serialize import book_title
from policyqa.types import Answer, Clause, Hit
from policyqa.understand.frame import QuestionFrame

_WHOLE = re.compile(
    # (「按哪几条原则办」 counts principles, not the document's items)
    r"[\d八几]条(?:政策)?[^，。？?]{0,6}(?:哪些|什么|内容)|哪几条(?!原则|标准|要求|条件|规矩)"
    r"|哪些(?:内容|措施|政策|支持|方向|方面|条)"
    r"|(?:政策|措施|办法|意见)[^，。？?]{0,4}包括(?:哪些|什么)|都(?:有|包括)(?:哪些|什么|啥)|有哪些支持|主要支持|支持哪些"
)
_MEASURE = re.compile(r"支持|给予|鼓励|推动|推进|加快|引导")
_MOST = re.compile(r"最高(?:给予|可给予|支持)?\s*[\d.,]+\s*(?:万|亿)元")
MIN_ITEMS = 3
_LOCATOR = re.compile(r"第[一二三四五六七八九十百\d]+条|第?[（(][一二三四五六七八九十\d]+[)）]条?")
_MARKER = re.compile(r"^[一二三四五六七八九十]+是")


def _header(clause: Clause) -> str:
    return clause.text.splitlines()[0].strip()


def children(lib: Library, parent: Clause) -> list[Clause]:
    head = _header(parent)
    return [c for c in lib.corpus.clauses if c.doc_id == parent.doc_id and c.heading_path
            and c.heading_path[-1].strip() == head and c.part == 1]


def _measures(lib: Library, clause: Clause) -> bool:
    """A section of measures (not a glossary): enough items, most of them supporting something."""
    items = children(lib, clause)
    return len(items) >= MIN_ITEMS and 2 * sum(bool(_MEASURE.search(c.text)) for c in items) > len(items)


def _section(lib: Library, hits: Sequence[Hit]) -> Clause | None:
    """The section the best hits belong to (or are): the parent of the first hit that has one."""
    by_id = lib.corpus.by_id
    for hit in hits[:3]:
        if _measures(lib, hit.clause):
            return hit.clause
        path = hit.clause.heading_path
        if path:
            parent = next((c for c in by_id.values() if c.doc_id == hit.clause.doc_id and _header(c) == path[-1]),
                          None)
            if parent is not None and _measures(lib, parent):
                return parent
    return None


def overview(lib: Library, frame: QuestionFrame, hits: Sequence[Hit]) -> Answer | None:
    if not _WHOLE.search(frame.text) or frame.facts.money \
            or frame.asks_for("amount", "eligibility", "compare", "status", "application", "who"):
        return None
    if _LOCATOR.search(frame.text):
        return None  # 「第（十二）条…在哪些方面」 asks that clause, not the section around it
    if any((d := DEFINITION.match(h.clause.text)) and d[1] in frame.text for h in hits[:5]):
        return None  # 「产业服务平台都包括哪些」 asks a defined term's list, not a section's measures
    section = _section(lib, hits)
    if section is None:
        return None
    items = children(lib, section)
    # 「专项基金围绕哪些方向」: a rare word of the question that only one item's text uses asks that item's content
    rare = {t for t in content_tokens(lib, frame.text) if lib.df.get(t, 0) <= 2}
    if hits and hits[0].clause in items and rare & token_set(hits[0].clause.text) \
            and not rare & token_set(" ".join(_header(c) for c in (section, *items))):
        return None
    # 「一事一议按哪几条原则办」「重大项目搞一事一议能在哪些方面支持」: the clause whose heading names the question's
    # rare word or a whole four-character term of it (（十二）…一事一议…), not a section it is not in
    named = rare | {t for t in content_tokens(lib, frame.text) if len(t) >= 4}
    if hits and hits[0].clause not in items and named & token_set(hits[0].clause.title):
        return None
    doc = lib.corpus.documents[section.doc_id]
    lines = [f"结论：{book_title(doc.title)}{_header(section).rstrip('：:')}共{len(items)}项[1]："]
    for i, item in enumerate(items, start=2):
        name = item.title
        if not name or _MARKER.match(name):  # 「一是」 names nothing: the item's own opening words do
            name = _MARKER.sub("", item.text.split("。")[0].split("，")[0]).strip()
            name = name if len(name) <= 40 else name[:40] + "…"
        said = [m[0] for m in _MOST.finditer(item.text)]
        money = f"，{'；'.join(said)}" if said else ("，未写明金额" if not numbers.find_amounts(item.text) else "")
        lines.append(f"{i - 1}. {name}（{item.locator.split(' > ')[-1]}{money}）[{i}]")
    chosen = [section, *items]
    lines += C.status_notes(lib, chosen)
    citations = [lib.citation(i, c) for i, c in enumerate(chosen, start=1)]
    return make_answer(frame, "\n".join(lines), True, citations, [], list(hits))
