"""What the documents leave unsaid, decided before an answer is composed.

A question whose topic no clause grants, prices, assigns to a department or dates is answered by saying
so (a refusal with the nearest clauses), or by a leading line (「有支持规定，但未写明金额」) when the
provision exists and only its figure is missing. Nothing here invents a figure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from policyqa import numbers
from policyqa.answer import cite, scope
from policyqa.answer import compose as C
from policyqa.answer.build import WHO_STATED, unstated
from policyqa.answer.conditions import grams4
from policyqa.answer.library import Library, token_set
from policyqa.answer.membership import DEFINITION
from policyqa.answer.premises import unsupported_claim
from policyqa.answer.scope import BACKS, GRANTS
from policyqa.answer.sentences import glossary_entry
from policyqa.answer.unheard import unheard_nouns
from policyqa.rules.verdict import Verdict
from policyqa.serialize import citation_line
from policyqa.types import Answer, Clause, Hit
from policyqa.understand import vocab
from policyqa.understand.frame import QuestionFrame

# 「8条里的企业落户奖」: an award called by a name of its own (X奖), not 「配套奖励」「奖多少」
_NAMED_AWARD = re.compile(r"(?:的|里|中|那个|这个)(?:企业)?([^\s的对给按和与有，。？?\d]{2,4}?)奖(?![励金多])")
_HOW_MUCH = re.compile(r"多少|几[个万成点百千]|百分之|比例|额度|标准|上限|封顶|给[多几]|补[多几]|怎么给|金额是"
                       r"|\d\s*[%％][^，。？?]{0,4}[吗么嘛]")  # 「是按30%补吗」
_SUBSIDY_ASKED = re.compile(r"给不给[补贴钱]|补不补|贴不贴|有没有补贴|能不能补")


@dataclass(frozen=True)
class Gap:
    """``refusal``: the answer is that the documents do not say (the reason); ``lead``: a first line saying
    what is not stated beside what is; ``chosen``: the clauses, the granting one first."""

    chosen: list[Clause]
    refusal: str = ""
    lead: str = ""
    unpriced: Clause | None = None  # the clause that grants the support asked about but sets no figure
    unknown: tuple[str, ...] = ()  # the topic words no document in scope uses (they may stand elsewhere)


_BARE_HEADING = 30  # characters: 「四、实施“8大工程”」 is a heading over its items, not an answer


def find_gap(lib: Library, frame: QuestionFrame, chosen: list[Clause], shown: list[Verdict],
             hits: list[Hit]) -> Gap:
    claim = unsupported_claim(frame)
    several = frame.asks_for("compare") or len(frame.districts) > 1
    chosen = list(chosen)
    # (not past a definition of the term asked: 「产业服务平台包括哪些」 is answered by its definition)
    defined = bool(chosen) and bool(d := DEFINITION.match(chosen[0].text)) and d[1] in frame.text
    # (a question asking none of these — 「用啥方式降成本」 — keeps retrieval's substantive clause first: 奖励 in
    # another clause is no answer; a bare heading or a glossary entry still gives way)
    plain = not frame.asks and chosen and not glossary_entry(chosen[0]) and len(chosen[0].text) > _BARE_HEADING
    if (frame.asks <= {"support", "list"} or (frame.asks_for("amount") and not shown)) and chosen and not plain \
            and not GRANTS.search(chosen[0].text) and not defined:
        # The clause that grants answers before one that only mentions or introduces (「主要内容如下：」).
        granting = next((c for c in chosen[1:3] if GRANTS.search(c.text)), None)
        if granting is not None:
            chosen.remove(granting)
            chosen.insert(0, granting)
    grants = bool(chosen) and bool(GRANTS.search(chosen[0].text))  # 「特制定本政策」 grants nothing
    lead = ""
    # 「这几个区有没有…社保补贴」: a topic no document uses is missing everywhere, however many districts are asked.
    across = several and not frame.districts
    asked = frame.asks_for("amount", "support") or (across and frame.asks_for("compare", "list")) \
        or (frame.asks == {"eligibility"} and bool(_SUBSIDY_ASKED.search(frame.text)))  # 「展位费给不给补」
    if asked and not shown and (not several or across) and not frame.asks_for("application"):
        if unknown := scope.unknown_topic(lib, frame, [*chosen[:2], *(h.clause for h in hits[:3])]):  # 展位费
            # 「展位费是按50%报销吧」: the figure claimed for a topic no document has has no basis either
            basis = f"，您说的{'比例' if '%' in claim else '金额'}在文件中没有依据" if claim else ""
            return Gap(chosen, refusal=f"文件中未提及「{'、'.join(unknown)}」相关内容{basis}。", unknown=tuple(unknown))
    if (unlisted := _unlisted(frame.text, chosen)) is not None:
        return Gap(chosen, refusal=unlisted)
    # 「金额按什么口径算」 asks how, not how much: the clause that says how answers it, with no gap line.
    if frame.asks_for("amount") and not shown and _HOW_MUCH.search(frame.context if frame.carried else frame.text):
        nearest = scope.nearest_on_topic(lib, frame, chosen)
        said = C.best_sentences(nearest, frame.text, context=frame.context, limit=1)
        # Only the sentences on the question's topic count: 「贷款贴息」 is not priced by the 5000万 for 创新产品
        # in the same clause.
        topic = scope.distinctive_words(lib, frame.context if frame.carried else frame.text)
        shared = len(topic & token_set(nearest.text))  # a granting clause must speak of the topic as fully
        if not GRANTS.search(said) and (granting := next(
                (c for c in [*chosen, *(h.clause for h in hits[:5])] if GRANTS.search(c.text)
                 and topic & token_set(c.text) and len(topic & token_set(c.text)) >= shared), None)) is not None:
            # 「国家级企业技术中心给多少」: the clause granting it (一是…给予配套奖励), not the term's definition
            nearest, said = granting, C.best_sentences(granting, frame.text, context=frame.context, limit=1)
        on_topic = [x for x in re.split(r"(?<=[。；;])", said) if x and topic & token_set(x)]
        said = "".join(on_topic) or said
        priced = numbers.find_amounts(said if on_topic else C.quote_line(lib, chosen[0], frame, 1))
        named = _NAMED_AWARD.search(frame.text)
        if not priced and named and named[1] not in nearest.text and not claim:
            # 「8条里的企业落户奖按注册资本几个点给」: no clause grants an award by that name — not an unpriced one
            return Gap(chosen, refusal=f"文件中没有「{named[1]}」方面的奖励规定。")
        if not priced:
            # The sentence that mentions the topic is shown, so the user sees what the text does say.
            if (not frame.asks_for("support", "eligibility") or not grants) and not claim and not several:
                # 「企业所得税返还多少比例」: no clause treats it, unless the user names the provision (“丰泽计划”)
                named = any(q in nearest.text for q in scope.QUOTED.findall(frame.text))
                if not named and (unheard := unheard_nouns(lib, frame)):
                    return Gap(chosen, refusal=f"文件中未提及「{'、'.join(unheard)}」相关内容。")
                # A clause that grants it is cited as the support it is; only its figure is missing.
                return Gap(chosen, refusal=f"文件中未载明该事项的{unstated(frame.text, said)}。相关原文仅为：“{said}”",
                           unpriced=nearest if GRANTS.search(said) else None)
            # 「有没有说法？给多少？」: the provision answers the first question, the amount is not stated;
            # 「是按10%给吧」: the premise is answered — the text sets no such figure.
            lead = (
                # (the user's figure is not restated: only the documents' and the calculator's are)
                f"更正：文件只规定“{said}”，未写明具体比例或金额，您说的{'比例' if '%' in claim else '金额'}"
                "在文件中没有依据。[1]" if claim
                else "" if several else "结论：文件有相关支持规定（见下方原文），但未写明具体金额或比例。[1]"
            )
    if frame.asks <= {"support", "list"} and vocab.ASKS["support"].search(frame.text) and not shown and not several:
        if not grants and not BACKS.search(chosen[0].text):  # only 「有…支持吗」 itself, asked in this turn
            return Gap(chosen, refusal="文件中没有对该事项给予支持的规定。")
        priced = numbers.find_amounts(C.quote_line(lib, chosen[0], frame, 1))  # 「有支持吗」: yes, and how much
        lead = f"结论：有，文件有相关支持规定{'' if priced else '，但未写明具体金额或比例'}（见下方原文）。[1]"
    if frame.asks_for("who") and not shown and not any(WHO_STATED.search(c.text) for c in chosen):
        if (rated := _rated_in_glossary(lib, frame)) is not None:  # 「灯塔工厂到底是谁评的」
            clause, said = rated
            doc = lib.corpus.documents[clause.doc_id]
            if doc.district in frame.districts or not frame.districts:  # (the findings say who, from its words)
                return Gap([clause])
            return Gap([clause], lead=f"{'、'.join(frame.districts)}的文件未写明；以下为{doc.district}"
                                      f"{citation_line(doc.title, clause.locator)}的解释。[1]")
        return Gap(chosen, refusal="文件中未写明由哪个部门负责或解释该事项。")
    # (a clause that uses the question's own words for the time asked answers it: 「申报时间范围怎么界定」)
    timed = [g for g in grams4(re.sub(r"\s", "", frame.text)) if re.search(r"时间|期限|日期", g)]
    if frame.asks_for("application") and not any(cite.states_application_window(c.text) or _WINDOW.search(c.text)
                                                 or any(g in c.text for g in timed) for c in chosen):
        # 「去哪申请」「在哪个部门申请」: where the documents name who organises 申报, that is the answer.
        docs = lib.scope(frame.districts)
        organiser = next((c for c in [*chosen, *lib.corpus.clauses] if (docs is None or c.doc_id in docs)
                          and _ORGANISES.search(c.text)), None) if _WHERE_TO.search(frame.text) else None
        contact = "、咨询电话或联系方式" if vocab.CONTACT.search(frame.text) else ""
        if organiser is None:
            said = f"文件中未提及申报时间、申报渠道或申报系统{contact}，请以主管部门发布的申报通知为准。"
            if vocab.PAYOUT.search(frame.text):  # 「这笔钱一般几月份发」: when it is paid, not when to apply
                said = "文件中未写明资金的发放时间，请以主管部门的通知为准。"
            if claim:  # 「听说…每年奖20万，几月份发」: the figure the question rests on is checked too
                said += f"另外，您说的{'比例' if '%' in claim else '金额'}在文件中没有依据。"
            return Gap(chosen, refusal=said)
        who = _ORGANISES.search(organiser.text)[1]
        chosen = [organiser, *(c for c in chosen if c != organiser)]
        lead = f"结论：项目申报由{who}负责组织；文件未写明申报时间、渠道或流程，请以其发布的申报通知为准。[1]"
    return Gap(chosen, lead=lead)


_RATED = re.compile(r"[^。；]*(?:认定|评选|评定|颁发|授牌|批准)[^。；]*")


def _rated_in_glossary(lib: Library, frame: QuestionFrame) -> tuple[Clause, str] | None:
    """Who confers a title the districts asked never define: a glossary entry of any document that names its
    body (世界灯塔工厂：…由世界经济论坛与麦肯锡合作评选), with the sentence that says so."""
    asked = grams4(frame.text)
    for clause in lib.corpus.clauses:
        term = re.match(r"([^：:，。\s]{2,16})[：:]", clause.text)
        if term is None or not glossary_entry(clause) or not grams4(term[1]) & asked:
            continue
        if (said := next((m[0] for m in _RATED.finditer(clause.text) if WHO_STATED.search(m[0])
                          or "由" in m[0]), None)) is not None:
            return clause, said.strip()
    return None


# (not 按时间进度推进, nor 申报支持的时间范围 of invoices)
_WINDOW = re.compile(r"申报(?:的)?(?:时间|期限|日期|截止)(?!范围)|(?:截止|开始)[^。；]{0,4}(?:申报|受理)")
# 「去哪申请」「找哪个部门报」 ask where to go — a department answers that; a date, a system or a website it does not.
_WHERE_TO = re.compile(r"部门|找谁|找哪|[去到]哪|哪里|哪儿|在哪(?!个系统|个平台|个网)|谁")
_ORGANISES = re.compile(r"([^，。；、\s]{2,20}?)负责[^。；，]{0,6}申报")


_WHICH_N = re.compile(r"哪([几\d一二三四五六七八九十]+)[个项条类种]")
_N_OF = r"({n})个([\u4e00-\u9fff]{{2,10}}?)(?=[中的，,。；]|$)"


def _unlisted(question: str, chosen: list[Clause]) -> str | None:
    """「那5个制造过程指标具体是哪5个」 against 「需满足5个制造过程指标中的3项」: the clause counts them but does
    not list them — said, not passed off with the sentence that only counts."""
    asked = _WHICH_N.search(question)
    if asked is None:
        return None
    for clause in chosen[:2]:
        for m in re.finditer(_N_OF.format(n=re.escape(asked[1])), clause.text):
            after = clause.text[m.end() : m.end() + 6]
            if m[2] in question and not re.search(r"[：:]|包括|即|分别|为", after):
                return f"文件未列明具体是哪{asked[1]}个{m[2]}，相关原文只写明“{m[0]}”。"
    return None


# 「每年拿出的100亿资金里，分给汽车产业的是多少」: a share of a sum the documents state as a whole.
_SHARE = re.compile(r"(?:里|中|当中|之中|其中)[^，。？?]{0,10}(?:分给|分配给|分到|给到|用于|投向|投给|占)"
                    r"[^，。？?]{0,12}(?:多少|几|比例)")


def unstated_share(lib: Library, frame: QuestionFrame) -> Answer | None:
    """The documents state a fund as a whole (每年安排100亿元资金支持高精尖产业): how it is split is not said —
    with the clause that states the whole cited, so its figure stands on a citation."""
    if not _SHARE.search(frame.text) or not frame.facts.figures:
        return None
    docs = lib.scope(frame.districts)
    for fact in frame.facts.figures:
        for clause in lib.corpus.clauses:
            if (docs is None or clause.doc_id in docs) and fact.value in {v for v, _, _ in
                                                                          numbers.find_amounts(clause.text)}:
                said = next((s for s in re.split(r"(?<=[。；,，])", clause.text) if numbers.format_wan(fact.value)
                             .removesuffix("元") in s or str(fact.value) in s), "")
                if said:
                    text = (f"文件未提及：文件只写明“{said.strip('，,。')}”[1]，未写明这笔资金在各产业、各项目之间"
                            "如何分配。")
                    return Answer(question=frame.raw, text="\n".join([text, *C.status_notes(lib, [clause])]),
                                  found=False, citations=(lib.citation(1, clause),))
    return None


def criteria_unstated(lib: Library, frame: QuestionFrame, hits: Sequence[Hit]) -> str:
    """「国家级小巨人认定对营收规模有啥硬杠杠」: the recognition's own criteria, which these district documents
    leave to the body that recognises — unless a glossary entry of the title sets them (数字化达标：…需满足…)."""
    if not vocab.CRITERIA_ASKED.search(frame.text):
        return ""
    for hit in hits[:5]:
        term = re.match(r"([^：:，。\s]{2,12})[：:]", hit.clause.text)
        named = term and any(term[1][i:] in frame.text for i in range(max(len(term[1]) - 3, 1)))  # (…单项冠军)
        if named and glossary_entry(hit.clause) and re.search(r"满足|达到|不低于|以上|指标|是指", hit.clause.text):
            return ""  # (「制造业单项冠军…是指长期专注于…的企业」: the entry of 国家制造业单项冠军 says what it takes)
    # (who sets the criteria is not said either: nothing is added that the documents do not state)
    money = "，也未写明支持金额" if frame.asks_for("amount") and not frame.facts.money \
        and not any(numbers.find_amounts(h.clause.text) for h in hits[:1]) else ""
    if "量化" in frame.text:  # 「高成长性有没有量化标准」: a term of the clause, not a recognition
        return f"现有文件未给出其量化标准{money}，只有相关条款原文的表述。"
    return f"现有文件未载明其认定标准或条件{money}，文件只规定符合后给予支持。"
