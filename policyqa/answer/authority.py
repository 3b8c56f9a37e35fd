"""Who recognises a title, as the definitions say it (「北京市级和国家级绿色工厂分别由北京市经济和信息化局、
工业和信息化部进行认定」), against who the user says does (「市级的应该也是工信部吧」): confirmed or corrected."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from policyqa.answer.compare import SAME
from policyqa.answer.library import token_set
from policyqa.tokenize import tokenize
from policyqa.types import Clause
from policyqa.understand import vocab

# Short names people use for the bodies the documents name in full.
_ALIASES = (
    ("工信部", "工业和信息化部"), ("经信局", "经济和信息化局"), ("发改委", "发展和改革委员会"),
    ("科委", "科学技术委员会"), ("人社局", "人力资源和社会保障局"), ("市场监管总局", "市场监督管理总局"),
)
# A body's name with its place (北京市经信局, 国家工信部): no level is said by it.
_BODY_NAME = re.compile(rf"(?:北京市|北京|市|国家)?(?:{'|'.join(re.escape(a) for pair in _ALIASES for a in pair)})")
_BOTH = re.compile(r"(?:北京)?市级和国家级[^，。；]{0,20}?分别由([^、，。；]+)、([^，。；]+?)"
                   r"(?:进行)?(?:认定|批准|评定)")
_ONE = re.compile(r"(北京市级|北京|市级|国家级|国家)[^，。；由]{0,20}?由([^，。；]+?)"
                  r"(?:进行|联合)?(认定|批准确定|评定|评选)")
# 「世界灯塔工厂：…由世界经济论坛与麦肯锡合作评选」: a term's one body, with no level.
_TERM_BY = re.compile(r"^([^：:，。]{2,12})[：:].*?由([^，。；由]+?(?:进行|联合|合作)?(?:认定|批准确定|评定|评选))")
_TERM_IS = re.compile(r"^([^：:，。]{2,12})[：:][^。]*?是([^，。；是]+?)(共同|联合)开展的[^，。；]*?(认定|评定|评选)")
_LEVEL = (("市级", re.compile(r"市级|北京市|市里")), ("国家级", re.compile(r"国家级|国家")))
_CLAIM = re.compile(r"吧|是不是|对吗|对吧|吗|么|算不算")


def _full(name: str) -> str:
    for short, full in _ALIASES:
        name = name.replace(short, full)
    return name


def _who(clauses: Sequence[Clause]) -> dict[str, tuple[str, int]]:
    """Level → (body with its verb, marker) from the cited definitions."""
    found: dict[str, tuple[str, int]] = {}
    for marker, clause in enumerate(clauses, start=1):
        before = len(found)
        for m in _BOTH.finditer(clause.text):
            found.setdefault("市级", (m[1] + "认定", marker))
            found.setdefault("国家级", (m[2] + "认定", marker))
        for m in _ONE.finditer(clause.text):
            level = "国家级" if m[1].startswith("国家") else "市级"
            found.setdefault(level, (m[2] + m[3], marker))  # 「…批准确定」 keeps its own verb
        if len(found) == before:  # a term with one body: named by the term itself
            if m := _TERM_BY.match(clause.text):
                found[m[1]] = (m[2], marker)
            elif m := _TERM_IS.match(clause.text):  # 「…是北京市经济和信息化局与…共同开展的…认定工作」
                found[m[1]] = (f"{m[2]}{m[3]}{m[4]}", marker)
    return found


def _named_as(level: str, clause: Clause) -> str:
    """「国家制造业单项冠军：…由国家工信部进行认定」 defines one title: named by it, not by its level alone."""
    term = _TERM_BY.match(clause.text)
    if term and len(_ONE.findall(clause.text)) == 1 and term[1].startswith(level[:2]):
        return term[1]
    return level


def authority_claims(question: str, clauses: Sequence[Clause]) -> list[str]:
    """A body the user names for a level (or for all levels) checked against the definitions' own."""
    who = _who(clauses)
    if not who or not _CLAIM.search(question):
        return []
    lines: list[str] = []
    for segment in re.split(r"[，,。？?！!；;]", question):
        named = next((full for short, full in _ALIASES if short in segment or full in segment), None)
        # The claim cue in the body's own phrase: 「我们是市科委批的孵化器，…能报吗」 states, it does not ask.
        if named is None or not re.search(r"认定|批|评|归|是", segment) or not _CLAIM.search(segment):
            continue
        # (the body's own name — 北京市经信局 — names no level: 「国家级…也是北京市经信局评的吧」 asks of 国家级)
        bare = _BODY_NAME.sub("", segment)
        levels = [level for level, cue in _LEVEL if cue.search(bare)] or list(who)
        for level in levels:
            if level not in who:
                continue
            body, marker = who[level]
            if named in _full(body):  # (each body is kept with its own verb: 认定, 批准确定, 合作评选)
                lines.append(f"结论：是的，{level}由{body}[{marker}]。")
            else:
                lines.append(f"更正：{level}由{body}[{marker}]，不是{named}。")
    return list(dict.fromkeys(lines))


_JOINT = re.compile(r"^([^：:，。]{2,14})[：:].*?由([^。；由]+?)(?:联合|共同)?(?:进行)?(认定|评定|评选|批准确定)")


def _term_bodies(clauses: Sequence[Clause]) -> list[tuple[int, str, list[str]]]:
    """(marker, term, bodies) of each definition naming who recognises its term (「…由工业和信息化部、…、国家数据局
    联合进行认定」)."""
    out = []
    for marker, clause in enumerate(clauses, start=1):
        if m := _JOINT.match(clause.text):
            out.append((marker, m[1], [b for b in m[2].split("、") if b]))
    return out


def _bodies_named(bodies: list[tuple[int, str, list[str]]]) -> list[str]:
    """Each term's bodies, said one line each (what they share and lack is weighed by the list comparison)."""
    return [f"结论：{term}由{'、'.join(names)}认定[{marker}]。" for marker, term, names in bodies]


_DUTY = re.compile(r"责任单位[:：]\s*([^)）。；;]+)")
_BY = re.compile(r"由([^，。；由]{2,20}?)((?:会同[^，。；]{2,10})?(?:负责|统筹管理)[^，。；]{0,16})")
_IN_CHARGE = re.compile(r"(?:^|[，。；\s])([^，。；、\s:：由]{2,20}?)(负责[^，。；]{2,16})")
_FINAL = re.compile(r"金额以([^，。；]{2,12}?)最终审定结果为准")


def by_topic(question: str, clauses: Sequence[Clause], df: Mapping[str, int]) -> list[tuple[int, Clause]]:
    """The clauses (with their markers), the one sharing the question's rarest words first: 「…提到REITs没有？哪个
    局负责」 asks the duty of the REITs clause, not of the clause retrieval put first for 「四大主导产业」."""
    asked = {t for t in tokenize(question) if len(t) >= 2}
    weight = {c.clause_id: sum(1 / df.get(t, 1) for t in asked & token_set(c.text)) for c in clauses}
    return sorted(enumerate(clauses, start=1), key=lambda mc: -weight[mc[1].clause_id])


def who_verdict(question: str, clauses: Sequence[Clause], df: Mapping[str, int] | None = None) -> list[str]:
    """「责任单位是哪个局」「补多少最后谁说了算」: the body the cited clause names for it, said first."""
    if not vocab.ASKS["who"].search(question):
        return []
    if "责任单位" in question or "哪个局" in question:
        for marker, clause in by_topic(question, clauses, df or {}):
            if m := _DUTY.search(clause.text):
                return [f"结论：责任单位为{m[1].strip()}[{marker}]。"]
    if SAME.search(question) and len(bodies := _term_bodies(clauses)) >= 2:
        return _bodies_named(bodies)  # 「示范工厂是哪些部门认定的？和标杆企业的认定部门一样吗」
    if re.search(r"认定|评|批", question) and (who := _who(clauses)):  # 「绿色工厂谁认定」
        return [f"结论：{_named_as(level, clauses[marker - 1])}由{body}[{marker}]。"
                for level, (body, marker) in who.items()]
    lines: list[str] = []
    if re.search(r"多少|金额|钱", question):  # 「补多少最后谁说了算」
        for marker, clause in enumerate(clauses, start=1):
            if m := _FINAL.search(clause.text):
                lines.append(f"结论：补贴资金金额以{m[1]}最终审定结果为准[{marker}]。")
                break
    # 「钱谁拨」 asks who pays out: a duty (负责…拨付) beside the amount's final say.
    if not re.search(r"多少|金额|钱", question) or re.search(r"申报|评审|管|组织|解释|拨|发放|兑付|支付", question):
        pays = re.search(r"拨|发放|兑付|支付", question)
        duties = [(marker, m) for marker, clause in enumerate(clauses, start=1)
                  for m in (*_BY.finditer(clause.text), *_IN_CHARGE.finditer(clause.text))]
        # the duty asked about (负责…资金拨付 for 「钱谁拨」), else the first one the clauses name
        duty = next(((k, m) for k, m in duties if pays and re.search(r"拨|发放|兑付|支付", m[2])), None)
        if duty or duties:
            marker, m = duty or duties[0]
            line = f"结论：由{m[1]}{m[2]}[{marker}]。"
            # said in the order asked: 「谁组织申报评审？最后补多少谁说了算」 puts the duty first
            first = re.search(r"申报|评审|组织|管", question)
            ahead = first is not None and first.start() < re.search(r"多少|金额|钱|$", question).start()
            lines.insert(0 if ahead else len(lines), line)
    return lines


_GRADES_ASKED = re.compile(r"分档|分级|分几|分不分|分类|几类|几档|几级|几种|分成")


def divided_verdict(question: str, clauses: Sequence[Clause]) -> list[str]:
    """「国家级是不是还分档」: the grades a definition divides a title into (分为标准级和卓越级两类), said first."""
    if not _GRADES_ASKED.search(question):
        return []
    for marker, clause in enumerate(clauses, start=1):
        if m := re.search(r"分为[^，。；]{2,30}?[两三四五六七八九十\d]+[类档级个种]", clause.text):
            return [f"结论：{m[0]}[{marker}]。"]
    return []

