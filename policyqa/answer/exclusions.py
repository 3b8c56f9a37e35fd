"""A document's list of cases that get no support (「有下列情形的不予支持：…发生一般生产安全事故…的」) applied to
every award of that document the user asks about: a computed amount becomes 0 when the user names a listed case."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from policyqa.answer.conditions import named_case
from policyqa.answer.library import Library
from policyqa.rules.outcome import Verdict
from policyqa.types import AwardResult, Clause
from policyqa.understand.frame import QuestionFrame, says_located

_EXCLUDES = re.compile(r"有下列情形(?:之一)?的?(?:不予支持|不予受理|不得申报|不予资助|不予奖励)")


_NO_DOUBLE = re.compile(r"[^。；;]*(?:不能|不得|不予|不)重复(?:享受|支持|申报|奖励)[^。；;]*")
# 「同一个技改项目已经拿过…同类补贴」: support of the same kind already received.
_GOT = r"(?:拿过|拿了|享受过|享受了|获得过|获得了|领过|已获|给了|给过|配了|配过|补了|补过|发了|发过)"
_DOUBLE_SAID = re.compile(
    rf"(?:同类|同样的|类似的|一样的|同一)[^，。？?]{{0,16}}{_GOT}"
    rf"|{_GOT}[^，。？?]{{0,16}}(?:同类|同样的|类似的|一样的)"
    # 「已经按丰台另一个现行产业政策拿过首次进规上的奖励了」「另一个现行政策已经按同类条款给了我们配套」
    rf"|另一个[^，。？?]{{0,12}}(?:政策|措施|办法)[^，。？?]{{0,12}}{_GOT}"
)


# 「本措施适用于在丰台区依法合规开展经营活动…的企业」: where a document's support applies.
_APPLIES = re.compile(r"[^。；;]*适用于在[^。；;，,]*(?:[，,][^。；;，,包]*)?")  # up to its 「，包括…」


def barring(lib: Library, frame: QuestionFrame, verdicts: Sequence[Verdict]) -> tuple[Clause, str, str] | None:
    """The clause that bars the awards computed, the sentence that does, and what the user said to meet it:
    a listed case the user names; the no-double-benefit sentence when the user already had support of the same
    kind; the document's scope when the user's firm is in another covered district (「我们厂在怀柔」)."""
    docs = {v.rule.clause_id.split("#")[0] for v in verdicts if v.outcome == "computed"}
    pool = [c for c in lib.corpus.clauses if c.doc_id in docs]
    if _DOUBLE_SAID.search(frame.text):
        for clause in pool:
            if (m := _NO_DOUBLE.search(clause.text)) is not None:
                return clause, _without_label(m[0]), "您所述已获同类支持"
    for district in lib.corpus.districts_in(frame.text):  # (however the districts asked were narrowed)
        if not says_located(frame.text, district):
            continue
        for clause in pool:
            if lib.corpus.documents[clause.doc_id].district != district and (m := _APPLIES.search(clause.text)):
                return clause, _without_label(m[0]), f"您所述企业在{district}"
    if (case := named_case(frame.text, [c for c in pool if _EXCLUDES.search(c.text)])) is not None:
        return case[0], case[1], ""
    return None


def double_benefit(lib: Library, frame: QuestionFrame) -> tuple[Clause, str] | None:
    """「已经拿了怀柔另一个同类政策的补助，还能再申请吗」 with no figure to compute: the no-double-benefit
    sentence of the districts asked (原则上不重复支持)."""
    if not _DOUBLE_SAID.search(frame.text):
        return None
    rules = _no_double_rules(lib, frame)
    return (rules[0], _without_label(_NO_DOUBLE.search(rules[0].text)[0])) if rules else None


def _no_double_rules(lib: Library, frame: QuestionFrame) -> list[Clause]:
    """The clauses of the districts asked that forbid a second benefit of the same kind, in corpus order."""
    docs = lib.scope(frame.districts)
    return [c for c in lib.corpus.clauses if (docs is None or c.doc_id in docs) and _NO_DOUBLE.search(c.text)]


# 「跟本区其他政策能不能叠加享受」: whether support may be stacked, asked without saying any was had.
STACKING_ASKED = re.compile(r"叠加|重复享受|同时享受|一起享受|兼得|重复申报|重复拿|两头拿|都拿")


def stacked(lib: Library, frame: QuestionFrame, chosen: Sequence[Clause]) -> list[Clause]:
    """For a stacking question, each district's no-double-benefit clause first (retrieval may miss one)."""
    if not STACKING_ASKED.search(frame.text):
        return list(chosen)
    rules = _no_double_rules(lib, frame)
    first = list({lib.corpus.documents[c.doc_id].district: c for c in reversed(rules)}.values())[::-1]
    return list(dict.fromkeys([*first, *chosen]))[: max(len(chosen), len(first))]


def stacking_lines(lib: Library, question: str, chosen: Sequence[Clause]) -> list[str]:
    """Each cited document's own no-double-benefit sentence as its verdict, and — two asked alike — how they differ."""
    if not STACKING_ASKED.search(question):
        return []
    said = [(i, lib.corpus.documents[c.doc_id].district, _without_label(m[0]))
            for i, c in enumerate(chosen, start=1) if (m := _NO_DOUBLE.search(c.text))]
    lines = [f"结论：{district}：{'原则上' if '原则上' in sentence else ''}不能重复享受同类支持——“{sentence}”[{i}]。"
             for i, district, sentence in said]
    hedged = [district for _, district, sentence in said if "原则上" in sentence]
    if len({d for _, d, _ in said}) >= 2 and re.search(r"一样|相同|区别|不同|差别", question):
        lines.append("比较：都限制与本区同类政策重复享受" +
                     (f"；{'、'.join(hedged)}的表述带“原则上”。" if hedged and len(hedged) < len(said) else "。"))
    return lines


def _without_label(sentence: str) -> str:
    # (a heading's label too: 「（三）关于政策叠加支持：」)
    sentence = re.sub(r"^第[一二三四五六七八九十百]+条\s*", "", sentence.strip())
    return re.sub(r"^（[一二三四五六七八九十]+）[^：:，。]{0,12}[：:]", "", sentence)


def barred(verdicts: Sequence[Verdict], clause: Clause, item: str, why: str = "") -> list[Verdict]:
    """The awards of that document at 0, each with the case and the article that bars it."""
    out = []
    for v in verdicts:
        if v.outcome != "computed" or v.rule.clause_id.split("#")[0] != clause.doc_id or v.result is None:
            out.append(v)
            continue
        said = f"“{item}”，{why}" if why else f"“{item}”不予支持"  # a rule the user fails, or a listed case
        step = f"按{clause.locator}，{said} → 0 元"
        zero = AwardResult(v.rule.rule_id, v.rule.clause_id, Decimal(0), (*v.result.steps[:1], step), (),
                           v.result.base_yuan, v.result.cap_yuan)
        reason = f"{clause.locator}：{item}，{why}" if why else f"{clause.locator}：{item}不予支持"
        out.append(replace(v, outcome="not_eligible", result=zero, reason=reason))
    return out
