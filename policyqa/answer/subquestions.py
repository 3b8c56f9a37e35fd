"""A turn asking several things in one breath (「…以谁的审定为准？要是特别大的项目怎么处理？」): a question no
conclusion line speaks to is answered by the cited sentence that does — so it is not left inside a quote."""

from __future__ import annotations

import re
from collections.abc import Sequence

from policyqa.answer.library import Library, token_set
from policyqa.answer.scope import DISTINCTIVE, content_tokens
from policyqa.tokenize import tokenize
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
    between = {part: either_or(lib, part, chosen) for part in asked}  # (「A还是B」 parts: answered by that)
    lines = [line for part in asked for line in between[part]]
    if len(asked) < 2 or not concluded or not chosen:
        return lines
    said = token_set("".join(concluded))
    for part in asked[1:]:  # (the turn's first question is the one the conclusions were built for)
        if between[part]:
            continue
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


# 「固定资产投资是按合同金额算还是按发票？」「是每年给还是一次性给？」: two alternatives asked between.
_EITHER = re.compile(r"(?:按|以|看)?([\u4e00-\u9fff]{2,8}?)(?:来算|算|计算|为准|给|发)?还是(?:按|以|看)?"
                     r"([\u4e00-\u9fff]{2,8}?)(?:来算|算|计算|为准|给|发)?(?:呢|啊)?(?:[？?，,]|$)")
_MONEY_OR_SUPPORT = re.compile(r"钱|资金|现金|支持|补贴|奖励|政策")


def either_or(lib: Library, question: str, chosen: Sequence[Clause]) -> list[str]:
    """Which of the two alternatives the cited clauses name, or that they name neither (未写明)."""
    m = _EITHER.search(question)
    if m is None or not chosen or _MONEY_OR_SUPPORT.search(m[0]) or lib.corpus.districts_in(m[0]):
        return []  # (「给钱还是给别的支持」 is the form of support; 「丰台还是怀柔」 a comparison)
    names = [re.split(r"是|按|以|看|都", side)[-1] for side in (m[1], m[2])]  # (投资是按合同金额 → 合同金额)
    sides = [{t for t in tokenize(name) if len(t) >= 2} for name in names]  # (每年 is no topic, but asked)
    if not all(sides):
        return []
    said = [[(i, x.strip()) for i, c in enumerate(chosen, start=1) for x in _SENTENCES.findall(c.text)
             if side & token_set(x) or _abbreviates(name, x)] for side, name in zip(sides, names, strict=True)]
    if not said[0] and not said[1]:
        return [f"结论：所引条款未写明是{names[0]}还是{names[1]}。"]
    if said[0] and said[1]:
        return []
    named, other = (1, 0) if said[1] else (0, 1)
    i, sentence = said[named][0]
    return [f"结论：条款写的是「{names[named]}」（未提「{names[other]}」）：“{sentence}”[{i}]。"]


def _abbreviates(name: str, text: str) -> bool:
    """「科信局」 in 「科学技术和信息化局」: the short form's characters in order, close together."""
    return len(name) >= 3 and re.search(".{0,6}".join(map(re.escape, name)), text) is not None
