"""Nouns of a question the documents in scope never use (所得税, 展位): a provision that shares only the
question's setting (四大主导产业企业) does not treat its object, so no 「有支持规定，但未写明金额」 for it."""

from __future__ import annotations

import re

from policyqa.answer.library import Library
from policyqa.answer.scope import GENERIC
from policyqa.tokenize import nouns, tokenize, word_frequency
from policyqa.understand.frame import QuestionFrame

# What is asked of a provision (its rate, its amount) or the figure it is computed on, not what it is about.
_MEASURES = frozenset("比例 百分比 利息 利率 费率 金额 额度 数额 上限 标准 点数 幅度"
                      " 营收 产值 收入 营业额 投资额".split())
_ASKED = re.compile(r"多少|比例|几[个成点年万]|百分之|额度|标准|怎么给|怎么算")
# A clause about the asker (我们在门头沟也有个厂子, 预算表里想填…) or the call (有人打热线问), not the topic.
_ABOUT_ASKER = re.compile(r"我们|我司|咱|我|想|打算|准备|有人|热线|老板")


def _asking_segments(text: str) -> str:
    sentences = [s for s in re.split(r"(?<=[。？?！!])", text) if _ASKED.search(s)]
    return "，".join(seg for s in sentences for seg in re.split(r"[，,：:；;]", s) if not _ABOUT_ASKER.search(seg))


def unheard_nouns(lib: Library, frame: QuestionFrame) -> list[str]:
    asking = _asking_segments(frame.text)
    if not asking:
        return []
    docs = lib.scope(frame.districts)
    texts = [c.text for c in lib.corpus.clauses if docs is None or c.doc_id in docs]
    known: set[str] = set()
    for district in frame.districts:
        known |= lib.vocab_by_district.get(district, frozenset())
    known = known or set(lib.df)
    aliases = lib.corpus.district_aliases
    found = [n for n in dict.fromkeys(nouns(asking))
             if n not in GENERIC and n not in _MEASURES and word_frequency(n) is not None  # (no cut like 条里)
             and not any(n in a for a in aliases) and not any(t in known for t in tokenize(n))  # (规上 = 规模以上)
             and not any(n in t for t in texts)]
    return [n for n in found if not any(n != o and n in o for o in found)]
