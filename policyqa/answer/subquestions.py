"""A turn asking several things in one breath (「…以谁的审定为准？要是特别大的项目怎么处理？」): a question no
conclusion line speaks to is answered by the cited sentence that does — so it is not left inside a quote."""

from __future__ import annotations

import re
from collections.abc import Sequence

from policyqa.answer.library import Library, token_set
from policyqa.answer.scope import DISTINCTIVE, content_tokens
from policyqa.types import Clause

_QUESTIONS = re.compile(r"[^？?]+[？?]")
_SENTENCES = re.compile(r"[^。；;\n]+")
_PRICE_ASKED = re.compile(r"比例|几个点|几成|多少钱|额度|标准是多少|给多少|补多少|贴多少")
_FIGURE = re.compile(r"\d+(?:\.\d+)?\s*(?:%|％|万|亿|元)|百分之")


def unanswered_parts(lib: Library, question: str, head: Sequence[str], chosen: Sequence[Clause]) -> list[str]:
    """One line per question of the turn that no conclusion shares a word with, from the cited sentence sharing
    most of its words (at least one of them rare in the documents)."""
    asked = [q.strip(" ，,。") for q in _QUESTIONS.findall(question)]
    concluded = [line for line in head if line.startswith(("结论", "更正", "比较"))]
    if len(asked) < 2 or not concluded or not chosen:
        return []
    said = token_set("".join(concluded))
    lines = []
    for part in asked[1:]:  # (the turn's first question is the one the conclusions were built for)
        words = {t for t in content_tokens(lib, part) if not re.search(r"\d", t)}
        if not words or re.search(r"\d|[零一二两三四五六七八九十百千]+[万亿]", part):
            continue  # (a part with a figure is a claim or a sum, weighed elsewhere; its figure is never echoed)
        # (a part naming a district is answered from that district's clauses only; a sentence the conclusions
        # already carry is no answer to another question)
        named = set(lib.corpus.districts_in(part))
        best = max(((len(words & token_set(s)), -len(token_set(s) & said), i, s.strip())
                    for i, c in enumerate(chosen, start=1)
                    if not named or lib.corpus.documents[c.doc_id].district in named
                    for s in _SENTENCES.findall(c.text) if len(token_set(s) & said) * 2 < len(token_set(s))),
                   default=None)
        if best is None or best[0] <= len(words & said):
            continue  # the conclusions already say as much of it as any cited sentence could
        shared = words & token_set(best[3])
        if len(shared) < 2 and all(lib.df.get(t, 0) > DISTINCTIVE for t in shared):
            continue  # one common word in common says nothing of the question
        if _PRICE_ASKED.search(part) and not any(
                _FIGURE.search(x) for c in chosen for x in _SENTENCES.findall(c.text) if words & token_set(x)):
            # 「贴息比例各是多少」 where no cited sentence on it states a rate or sum: that is the answer, not a quote.
            lines.append(f"结论：关于“{part.rstrip('？?')}”，所引条款均未写明具体比例或金额。")
            continue
        lines.append(f"结论：关于“{part.rstrip('？?')}”，文件写明：“{best[3]}”[{best[2]}]。")
    return lines
