"""A condition that names a set the document defines by listing it — 「…新一代信息技术、…机器人和智能制造产业
(以下简称“四大主导产业”)」 — against the trade the user says they are in (「我们在亦庄做冷链物流」): a trade the
document never mentions is not in the set, and the condition fails."""

from __future__ import annotations

import re
from collections.abc import Sequence

from policyqa.answer.library import Library
from policyqa.tokenize import tokenize, word_frequency
from policyqa.types import Clause
from policyqa.understand.frame import QuestionFrame

_DEFINED = re.compile(r"([^，,。；;]{4,80}?)[（(]以下简称[“\"「]([^”\"」]{2,12})[”\"」][）)]")
# 「做冷链物流」「从事跨境电商业务」: the trade the user says they are in.
_TRADE = re.compile(r"(?:做|从事|搞|干|经营|主营|主要做|是做)([\u4e00-\u9fff]{2,8}?)"
                    r"(?:的|行业|企业|业务|生意|[，,。？?])")


def _sets(lib: Library) -> tuple[tuple[str, tuple[str, ...], Clause], ...]:
    """(term, members, defining clause) for every 「以下简称」 list in the corpus (read only when a trade is said)."""
    out = []
    for clause in lib.corpus.clauses:
        for m in _DEFINED.finditer(clause.text):
            listing = re.split(r"[)）]", m[1])[-1]  # 「开发区(亦庄新城)新一代信息技术、…」: after the aside
            members = tuple(x for x in listing.split("、") if x)
            if len(members) >= 2:
                out.append((m[2], members, clause))
    return tuple(out)


def outside_named_set(lib: Library, frame: QuestionFrame, chosen: Sequence[Clause]) -> tuple[str, Clause] | None:
    """The failed-condition line and the defining clause, when a chosen clause limits support to a defined set
    and the user's trade is a word the document never uses."""
    trade = _TRADE.search(frame.text)
    if trade is None:
        return None
    words = [t for t in tokenize(trade[1]) if len(t) >= 2]
    for term, members, defining in _sets(lib):
        limiting = next((c for c in chosen[:3] if c.doc_id == defining.doc_id and f"{term}企业" in c.text), None)
        if limiting is None or not words:
            continue
        if any(w in "".join(members) for w in words):
            continue  # 「汽车零部件」 against 高端汽车: a member by its own word
        # (the trade's rarest word — 冷链, not 物流 — used anywhere in the document leaves membership open)
        rarest = min(words, key=lambda w: word_frequency(w) or 0)
        if any(rarest in c.text for c in lib.corpus.clauses if c.doc_id == defining.doc_id):
            continue
        listed = "、".join(members)
        return (f"结论：按您所述不符合条件，不能享受：条款的支持对象是“{term}企业”，文件所称“{term}”为{listed}，"
                f"所述「{trade[1]}」不在其列。", defining)
    return None
