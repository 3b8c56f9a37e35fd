"""Nouns of a question the documents in scope never use (所得税, 展位): a provision that shares only the
question's setting (四大主导产业企业) does not treat its object, so no 「有支持规定，但未写明金额」 for it."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from policyqa.answer.conditions import grams4
from policyqa.answer.library import Library
from policyqa.answer.scope import FUNCTION_CHAR, GENERIC, content_tokens
from policyqa.tokenize import nouns, tokenize, word_frequency
from policyqa.types import Clause
from policyqa.understand import vocab
from policyqa.understand.frame import QuestionFrame

# What is asked of a provision (its rate, its amount) or the figure it is computed on, not what it is about.
_MEASURES = frozenset("比例 百分比 利息 利率 费率 金额 额度 数额 上限 标准 点数 幅度"
                      " 营收 产值 收入 营业额 投资额"
                      " 顺带 顺便 另外 同时 一并 捎带".split())  # (and the words that join two asks: 顺带申请…)
_ASKED = re.compile(r"多少|比例|几[个成点年万]|百分之|额度|标准|怎么给|怎么算")
# A clause about the asker (我们在门头沟也有个厂子, 预算表里想填…) or the call (有人打热线问), not the topic.
_ABOUT_ASKER = r"我们|我司|咱|我|想|打算|准备|有人|热线|老板|(?:在|位于|落在|设在)(?:{places})"  # 「工厂在怀柔雁栖」


def _asking_segments(lib: Library, text: str) -> str:
    about_asker = re.compile(_ABOUT_ASKER.format(places=lib.places))
    sentences = [s for s in re.split(r"(?<=[。？?！!])", text) if _ASKED.search(s)]
    return "，".join(seg for s in sentences for seg in re.split(r"[，,：:；;]", s) if not about_asker.search(seg))


def _vocabulary(lib: Library, frame: QuestionFrame) -> Collection[str]:
    """The words the asked districts' documents use (every document's when none is named)."""
    known: set[str] = set()
    for district in frame.districts:
        known |= lib.vocab_by_district.get(district, frozenset())
    return known or lib.df


def unheard_nouns(lib: Library, frame: QuestionFrame) -> list[str]:
    asking = _asking_segments(lib, frame.text)
    if not asking:
        return []
    docs = lib.scope(frame.districts)
    texts = [c.text for c in lib.corpus.clauses if docs is None or c.doc_id in docs]
    known = _vocabulary(lib, frame)
    aliases = lib.corpus.district_aliases
    found = [n for n in dict.fromkeys(nouns(asking))
             if n not in GENERIC and n not in _MEASURES and word_frequency(n) is not None  # (no cut like 条里)
             and not any(n in a for a in aliases) and not any(t in known for t in tokenize(n))  # (规上 = 规模以上)
             and not any(n in t for t in texts)]
    return [n for n in found if not any(n != o and n in o for o in found)]


def unheard_benefit(lib: Library, frame: QuestionFrame) -> str:
    """「听说经开区有新落户企业10年房租全免」「是不是有个高管个税全返的政策」: the benefit the question takes as
    existing, in the words no document in scope uses — a claim to reject, not an award to look up. Empty when
    every word of it is the documents' own (or a rare run of four is spelled out in one, so a name cut in
    pieces is still known)."""
    if frame.asks_for("status"):  # 「听说汽车8条过期了」 reports a status, not a benefit
        return ""
    found = vocab.PRESUMED.search(frame.text)
    if found is None:
        return _asserted(lib, frame)
    span = found[1] or found[2]
    if found[2] and not _GRANTED.search(span):
        return ""
    if _FIGURE_SAID.search(span):  # a report of a figure (「听说封顶300万」) is a premise checked elsewhere,
        return _named_benefit(lib, frame, span)  # unless the benefit it prices is unknown (300万开办费补贴)
    return _unknown_runs(lib, frame, span)


def _named_benefit(lib: Library, frame: QuestionFrame, span: str) -> str:
    """The unknown words of a priced benefit, the figure aside — nouns only (开办费), not 「那条」 of
    「不是有按30%配套那条吗」."""
    benefit = _FIGURE_SAID.sub("", span)
    if not _GRANTED.search(benefit):
        return ""
    runs = _unknown_runs(lib, frame, benefit)
    return "、".join(run for run in runs.split("、") if run and (nouns(run) or re.search(r"[费金款贴]$", run)))


def _asserted(lib: Library, frame: QuestionFrame) -> str:
    """「新落户企业有500万开办费补贴对吧」: a benefit asserted with its figure; the figure aside, its words are
    weighed as a heard benefit's are (a figure for a known benefit is a premise checked elsewhere)."""
    found = vocab.ASSERTED.search(frame.text) or vocab.REPORTED.search(frame.text)
    return _named_benefit(lib, frame, found[1]) if found is not None else ""


def _unknown_runs(lib: Library, frame: QuestionFrame, span: str) -> str:
    docs = lib.scope(frame.districts)
    texts = [c.text for c in lib.corpus.clauses if docs is None or c.doc_id in docs]
    if any(g in t for g in grams4(span) for t in texts):
        return ""
    known = _vocabulary(lib, frame)
    runs: list[tuple[int, int]] = []
    for token in content_tokens(lib, span):
        if len(token) < 2 or FUNCTION_CHAR.search(token) or token in known \
                or _MONEY_TALK.match(token):
            continue
        if _abbreviates(token, lib.corpus.clauses):
            continue  # 技改 for 技术改造, 专精特新 for 专业化精细化…: a name the documents spell out
        at = span.find(token)
        if runs and at - runs[-1][1] <= 2:  # 房租 + 全免, 高管个 + 税 + 全返: one benefit
            runs[-1] = (runs[-1][0], at + len(token))
        else:
            runs.append((at, at + len(token)))
    return "、".join(span[a:b] for a, b in runs)


_FIGURE_SAID = re.compile(r"\d+(?:\.\d+)?\s*[万亿元块%％wW]|[一二两三四五六七八九十百千]+[万亿块]"
                          r"|一半|[一二两三四五六七八九]成|封顶|上限|最高|最多|档")  # (not 10年: a span)
_GRANTED = re.compile(r"[免补奖返减送贴发]|给予?|提供|资助|优惠")
_MONEY_TALK = re.compile(r"^[给补拿发返奖领配贴要]?[钱款]|^[给补拿发返奖领配贴][钱款补贴]")  # 「按产值增量给钱的政策」


def _abbreviates(word: str, clauses: Sequence[Clause]) -> bool:
    spelled = re.compile(".{0,4}".join(map(re.escape, word)))
    return any(spelled.search(c.text) for c in clauses)
