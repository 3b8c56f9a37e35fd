"""Verdicts + clauses → answer text, conclusion first: 结论 → 计算 → 依据 → 注意."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from policyqa import numbers
from policyqa.answer.compare import SAME
from policyqa.answer.library import Library
from policyqa.answer.membership import CODE, CODE_RANGE
from policyqa.answer.sentences import best_sentences, glossary_entry
from policyqa.rules.per_year import SUM
from policyqa.rules.verdict import Verdict
from policyqa.serialize import book, citation_line, draft_note
from policyqa.types import AwardResult, Clause, Document
from policyqa.understand.frame import QuestionFrame

_MINIMUM = re.compile(r"至少|最少|最低|保底")


def money(amount: object) -> str:
    value = numbers.Decimal(str(amount))
    return f"{numbers.format_wan(value)}（{numbers.format_yuan(value)}）"


def conclusion(verdict: Verdict, marker: int, eligibility: bool = False, computing: bool = True,
               rate_asked: bool = False) -> str:
    """One line that answers: the amount, 不能 with the reason, what is missing, or 未写明.

    ``computing``: the user gave figures to compute with; without them a missing figure is not
    what the user asked about, so the rule's own terms lead (每家最高5万元…) and the ask follows."""
    rule, result = verdict.rule, verdict.result
    subject = f"（{rule.subject}）"
    if eligibility and (verdict.outcome == "computed" or (verdict.outcome == "not_stated" and computing)):
        subject += "：按您所述可以申请"  # the user's figures pass the clause's tests; only the amount is open
    if verdict.outcome == "computed" and result is not None:
        if result.cap_only:
            if rule.kind == "per_unit" and result.amount_yuan == rule.unit_yuan:
                return f"结论{subject}：每{rule.unit_label}最高 {money(result.amount_yuan)}。[{marker}]"
            stated = money(result.amount_yuan)
            if rate_asked and re.search(r"未载明|未写明", rule.reason):
                # 「具体按研发投入的百分之几算」 against 「给予一定比例」: the rate asked is what is not stated.
                cannot = "，无法按您所述金额计算" if computing else ""
                return (f"结论{subject}：文件未写明具体比例（{rule.reason.split('；')[0]}）{cannot}；"
                        f"条款只规定上限 {stated}，实际金额以审定为准。[{marker}]")
            if computing and re.search(r"未载明|未写明", rule.reason):
                # 「研发投了0.6个亿」 against 「按一定比例」: the user's figure cannot be computed with.
                return (f"结论{subject}：文件未写明比例或计算方法（{rule.reason.split('；')[0]}），无法按您所述金额"
                        f"计算；条款上限为 {stated}，实际金额以审定为准。[{marker}]")
            return f"结论{subject}：最高可获得 {stated}，此为条款上限，实际金额以审定为准。[{marker}]"
        about = "约" if verdict.approximate else ""
        if not computing:  # e.g. every stage of a staged award: the clause's own total, not the user's data
            return f"结论{subject}：最高可获得 {money(result.amount_yuan)}。[{marker}]"
        return f"结论{subject}：按您提供的数据，{about}最高可获得 {money(result.amount_yuan)}。[{marker}]"
    if verdict.outcome == "not_eligible":
        return f"结论{subject}：按您所述不满足支持条件，不能获得该项支持，可获支持 0 元。[{marker}]"
    cap = result.cap_yuan if result is not None else None
    limit = f"；条款上限为 {money(cap)}" if cap else ""
    if verdict.outcome == "needs_info":
        if not computing and result is not None and result.steps:
            terms = result.steps[0] if rule.kind != "tiers" else "；".join(result.steps[:-1])
            if rate_asked:  # 「按百分之几给」: the way it is computed is the answer, the cap its limit
                terms = next((s.removeprefix("计算方式：") for s in result.steps if s.startswith("计算方式")), terms)
            return f"结论{subject}：{terms}；如需测算，请提供{'、'.join(verdict.missing)}。[{marker}]"
        return f"结论{subject}：需要您提供{'、'.join(verdict.missing)}才能计算具体金额{limit}。[{marker}]"
    readings = next((step for step in (result.steps if result else ()) if step.startswith("若按")), "")
    if readings:  # the user's figure under each reading says more than the clause's cap
        # (the part above the threshold is how 「超出部分增量」 reads; the whole increment is said beside it)
        part, whole = readings.split("（")[0].removeprefix("若按").split("；若按")
        return (f"结论{subject}：按{part.replace('：', '计算：', 1)}{limit}；若按{whole.replace('：', '计算则为：', 1)}"
                f"（文件未明确界定计算基数，以主管部门审定为准）。[{marker}]")
    if result is None and verdict.reason.startswith("文件未规定"):  # 「国家级首台套」 of a rule for 市级
        return f"结论：{verdict.reason}。[{marker}]"
    return f"结论{subject}：文件未写明可据以计算的具体金额（{verdict.reason}）{limit}。[{marker}]"


_SUM = re.compile(rf"{SUM.pattern}|两家.{{0,4}}多少|两项.{{0,4}}多少|都算上|都加上|一起算")


_MOST = re.compile(r"最多|最高|顶多|上限|封顶")


def _sum_of(verdicts: Sequence[Verdict], question: str = "") -> list[Verdict]:
    """The computed awards to add — with a clause's own maximum too when the most is asked (「两项加起来最多」)."""
    most = bool(_MOST.search(question))
    return [v for v in verdicts if v.outcome == "computed" and v.result is not None
            and (not v.result.cap_only or most)]


def total_line(verdicts: Sequence[Verdict], question: str) -> str:
    """「两家加起来一共多少」 over several computed awards: their sum, from the calculator's figures."""
    parts = _sum_of(verdicts, question)
    if len(parts) < 2 or not _SUM.search(question):
        return ""
    total = sum((v.result.amount_yuan for v in parts if v.result), numbers.Decimal(0))
    terms = " + ".join(numbers.format_wan(v.result.amount_yuan) for v in parts if v.result)
    most = "最高" if any(v.result and v.result.cap_only for v in parts) else ""
    return f"结论：合计{most} {terms} = {money(total)}。"


def total_result(verdicts: Sequence[Verdict], question: str = "") -> AwardResult:
    parts = [v.result for v in _sum_of(verdicts, question) if v.result]
    total = sum((r.amount_yuan for r in parts), numbers.Decimal(0))
    step = " + ".join(f"{r.amount_yuan:,.0f}" for r in parts) + f" = {total:,.0f} 元（各项之和）"
    return replace(parts[0], rule_id="合计", amount_yuan=total, steps=(step,), assumptions=(), base_yuan=None)


def verdict_lines(verdict: Verdict, doc: Document, clause: Clause, marker: int) -> list[str]:
    """计算 and 依据 lines of one verdict (its conclusion is stated first, separately)."""
    lines: list[str] = []
    result = verdict.result
    if result is not None:
        lines += [f"计算：{step}" for step in result.steps]
        lines += [f"前提：{a}" for a in result.assumptions]
    if verdict.outcome == "not_eligible" and verdict.reason and not any(verdict.reason in s for s in lines):
        lines.append(f"原因：{verdict.reason}")
    lines.append(f"依据：{citation_line(doc.title, clause.locator)}。")
    lines.append(f"原文：“{verdict.rule.quote}”[{marker}]")
    return lines


def target_year(clause: Clause) -> str:
    years = re.findall(r"到(20\d\d)年", clause.text)
    return max(years) if years else ""


def status_conclusion(
    lib: Library, docs: Sequence[Document], horizons: dict[str, tuple[str, int]] | None = None
) -> str:
    """Status and validity of every document asked about, as one conclusion line (with the year its goals
    run to, for a document that states no validity)."""
    parts = []
    for doc in docs:
        state = "征求意见稿（尚未正式印发）" if doc.is_draft else doc.status
        line = f"{book(doc.title)}为{state}；{doc.validity}"
        year, marker = (horizons or {}).get(doc.doc_id, ("", 0))
        if year:
            line += f"，其总体目标以{year}年为期[{marker}]"
        if doc.expires and not doc.is_draft:
            if doc.expires < lib.today:
                line += f"，按此推算已于{cn_date(doc.expires)}到期（截至{cn_date(lib.today)}已过有效期）"
            else:
                line += f"，截至{cn_date(lib.today)}仍在有效期内"
        parts.append(line)
    return "结论：" + "；".join(parts) + "。"


_VALIDITY = re.compile(r"有效期|施行|起实施|起执行")
_CARRIED_OVER = re.compile(r"[^，。；]*(?:已立项|已签约|已批复)[^，。；]*")


def status_lines(
    lib: Library, docs: Sequence[Document], targets: dict[str, Clause], chosen: Sequence[Clause]
) -> list[str]:
    """The status conclusion (with each undated document's horizon), and what the validity clause says
    of projects begun before it ends (「期间已立项项目至约定任务期止」)."""
    ids = [c.clause_id for c in chosen]
    horizons = {d: (target_year(c), ids.index(c.clause_id) + 1) for d, c in targets.items()}
    lines = [status_conclusion(lib, docs, horizons)]
    carry = next(((m[0], i) for i, c in enumerate(chosen, start=1) if _VALIDITY.search(c.text)
                  and (m := _CARRIED_OVER.search(c.text))), None)
    if carry:
        lines.append(f"到期前已立项的项目：{carry[0]}[{carry[1]}]")
    return lines


def cn_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def validity_clauses(lib: Library, clauses: Sequence[Clause]) -> list[Clause]:
    """Where an expired document's term and date are written (文件头, the clause stating 有效期限), for the
    documents of ``clauses`` whose cited clauses the term binds — cited beside the expiry note."""
    out: list[Clause] = []
    for doc_id in dict.fromkeys(c.doc_id for c in clauses):
        doc = lib.corpus.documents[doc_id]
        if doc.expires and doc.expires < lib.today and any(doc.expires_for(c.locator) for c in clauses
                                                           if c.doc_id == doc_id):
            out += [c for c in lib.corpus.clauses_of(doc_id) if c not in clauses
                    and (c.locator == "文件头" or (c.part == 1 and "有效期限" in c.text))]
    return out


def status_notes(
    lib: Library, clauses: Sequence[Clause], stated: Sequence[str] = (), markers: dict[str, int] | None = None
) -> list[str]:
    """注意: drafts and expired validity for the documents cited (not repeated when already stated); an
    expiry cites where its validity and start date are written, when those clauses are among ``markers``."""
    notes: list[str] = []
    for doc_id in dict.fromkeys(c.doc_id for c in clauses):
        doc = lib.corpus.documents[doc_id]
        if doc.doc_id in stated:
            continue
        bound = [e for c in clauses if c.doc_id == doc_id and (e := doc.expires_for(c.locator)) is not None]
        if doc.is_draft:
            notes.append(draft_note(doc.title))
        elif doc.expires and bound and doc.expires < lib.today:
            cited = "".join(f"[{m}]" for c in clauses if c.doc_id == doc_id and (m := (markers or {}).get(c.clause_id))
                            and (c.locator in ("文件头", "标题") or "有效期" in c.text))
            # An answer that cites no clause holding the term and the date (a refusal, a correction) names them.
            where = "" if cited else "（见该文件" + "、".join(
                c.locator for c in lib.corpus.clauses if c.doc_id == doc_id
                and (c.locator == "文件头" or (c.part == 1 and "有效期限" in c.text))) + "）"
            notes.append(
                f"注意：{book(doc.title)}{doc.validity}{where}，按此推算已于{cn_date(doc.expires)}到期"
                f"（截至今天{cn_date(lib.today)}），请向主管部门核实是否仍在执行。{cited}"
            )
    return notes


# 「原文怎么说」「那条讲的啥」: the clerk wants the clause, not the sentence we find best.
_WHOLE = re.compile(
    r"原文|全文|原话|怎么写|怎么说|写的什么|具体内容|[讲说写]的?[啥什]么?(?:内容)?[？?]?$|讲了[啥什]|什么内容"
)


# 「基金怎么安排」「怎么规定的」: how a measure is set up is the clause itself, when it is not long.
_HOW_ARRANGED = re.compile(
    r"(?:怎么|如何|怎样|咋)(?:安排|规定|设置|设立|搭建|建立|运作|管理)|(?:安排|规定)是(?:怎样|什么)"
    r"|规定了?[啥什]么"  # 「产业引导基金咋规定的」: the provision asked whole
)


def quote_line(lib: Library, clause: Clause, frame: QuestionFrame, marker: int) -> str:
    doc = lib.corpus.documents[clause.doc_id]
    if _WHOLE.search(frame.text) or (_HOW_ARRANGED.search(frame.text) and len(clause.text) <= 300):
        return f"{citation_line(doc.title, clause.locator)}：“{clause.text.replace(chr(10), '')}”[{marker}]"
    sentences = best_sentences(
        clause,
        frame.text,
        context=frame.context,
        prefer_figures=frame.asks_for("amount", "compare") or len(frame.districts) > 1,  # (the comparison prices each)
        prefer_status=frame.asks_for("status"),
    )
    return f"{citation_line(doc.title, clause.locator)}：“{sentences}”[{marker}]"


def code_verdicts(question: str, clauses: Sequence[Clause]) -> list[str]:
    """"行业大类代码44" against the ranges the cited definitions state (06-46 → 工业企业)."""
    asked = CODE.search(question)
    if not asked:
        return []
    code = int(asked.group(1))
    verdicts = []
    for clause in clauses:
        for lo, hi, label in CODE_RANGE.findall(clause.text):
            inside = int(lo) <= code <= int(hi)
            verdicts.append(
                f"判断：行业大类代码{asked.group(1)}{'在' if inside else '不在'}{lo}-{hi}之内，"
                f"按定义{'属于' if inside else '不属于'}{label}"
                + ("。" if inside else f"，不能申请以{label}为支持对象的条款。")
            )
    if verdicts and all("不属于" in v for v in verdicts):  # outside every range: that is the answer
        labels = "、".join(label for c in clauses for _, _, label in CODE_RANGE.findall(c.text))
        verdicts.insert(0, f"结论：按您所述不能申请以{labels}为支持对象的条款：行业大类代码{asked.group(1)}"
                           f"不在其定义的代码范围内。")
    return verdicts


_LIST = re.compile(r"[\u4e00-\u9fff（）()]{2,16}(?:、[\u4e00-\u9fff（）()]{2,16}){2,}")
_LIST_HEAD = re.compile(r"^.*?(?:由|包括|即|为|是|有)(?=[\u4e00-\u9fff])")
_LIST_TAIL = re.compile(r"(?:联合|共同|等|进行|组成|开展).*$")


def _items(clause: Clause) -> tuple[str, ...]:
    """The longest 、-list of a clause (六部门, 三大产业), each item without the words around the list."""
    runs = _LIST.findall(clause.text)
    if not runs:
        return ()
    items = max(runs, key=len).split("、")
    items[0] = _LIST_HEAD.sub("", items[0]) or items[0]
    items[-1] = _LIST_TAIL.sub("", items[-1]) or items[-1]
    return tuple(items)


def list_difference(question: str, clauses: Sequence[Clause]) -> list[str]:
    """「跟示范工厂的认定部门一样吗」: two cited clauses each listing members — the members one has and the
    other lacks, or that the lists are the same."""
    if not SAME.search(question):
        return []
    listed = [(c, items) for c in clauses if len(items := _items(c)) >= 3]
    if len(listed) < 2:
        return []
    (a, first), (b, second) = listed[:2]
    if len(set(first) & set(second)) * 2 < min(len(first), len(second)):
        return []  # lists of different things: nothing to weigh
    ids = [c.clause_id for c in clauses]
    name = {c.clause_id: f"{(c.title or c.locator).split(' > ')[-1]}[{ids.index(c.clause_id) + 1}]" for c in (a, b)}
    only_a = [i for i in first if i not in second]
    only_b = [i for i in second if i not in first]
    if not only_a and not only_b:
        return [f"比较：一样——{name[a.clause_id]}与{name[b.clause_id]}列的都是{'、'.join(first)}。"]
    said = [f"{name[c.clause_id]}多出{'、'.join(extra)}" for c, extra in ((a, only_a), (b, only_b)) if extra]
    return ["比较：不完全一样——" + "；".join(said) + f"；其余相同（{'、'.join(i for i in first if i in second)}）。"]


_ONE_THING = re.compile(r"一回事|一码事|是一个东西|是同一个|是同一种|是一样的东西")


def distinct_terms(question: str, clauses: Sequence[Clause]) -> list[str]:
    """「隐形冠军跟单项冠军是一回事吗」: two terms the documents define in entries of their own are two things."""
    if not _ONE_THING.search(question):
        return []
    terms = [(i, m[1]) for i, c in enumerate(clauses, start=1)
             if glossary_entry(c) and (m := re.match(r"([^：:，。\s]{2,16})[：:]", c.text))]
    if len({t for _, t in terms}) < 2:
        return []
    (i, a), (j, b) = terms[:2]
    return [f"结论：不是一回事——文件对「{a}」[{i}]和「{b}」[{j}]分别作了解释，两者所指不同（定义见下）。"]


def minimum_note(question: str) -> list[str]:
    """「至少能拿多少」: only a cap is set; 「全区平均增速是多少」: no document gives the average's value."""
    notes = ["说明：文件只规定了最高额度（上限），没有规定最低金额。"] if _MINIMUM.search(question) else []
    if re.search(r"平均[^，,。？?\s]{0,8}(?:是多少|多少|是几|几个点)", question):
        notes.append("说明：文件未给出平均增速的具体数值，您的增速是否达到平均水平需向主管部门核实。")
    return notes


# 「当年达标给予最高10万元支持，后续两年达标再分别给予最高10万元支持」: support paid year by year.
_LATER_YEARS = re.compile(r"后续[两二三四五几\d]年[^，。；]{0,6}达标[^。；]*")


def later_years_note(shown: Sequence[Verdict], chosen: Sequence[Clause]) -> list[str]:
    """0 for the year asked, by a clause paying year by year, on that year's performance (增速 below average):
    the later years' support is still open — not when what fails is the title itself (重新认定 is no 首次)."""
    if not shown or shown[0].outcome != "not_eligible" or not chosen \
            or not re.search(r"增速|增长|平均水平", shown[0].reason) or "首次" in shown[0].reason:
        return []
    later = next(((i, m[0]) for i, c in enumerate(chosen, start=1) if c.clause_id == shown[0].rule.clause_id
                  for m in [_LATER_YEARS.search(c.text)] if m), None)
    return [f"说明：条款还规定“{later[1]}”[{later[0]}]，以后年度达标的仍可按该年申请。"] if later else []


def marked(lines: list[str], chosen: list[Clause]) -> list[str]:
    """A conclusion that quotes a clause ends with that clause's citation marker."""
    out = []
    for line in lines:
        quoted = re.search(r"“([^”]{6,})”", line)
        if quoted and not re.search(r"\[\d+\]$", line):
            at = next((i for i, c in enumerate(chosen, start=1) if quoted[1][:40] in c.text), None)
            line = f"{line}[{at}]" if at else line
        out.append(line)
    return out
