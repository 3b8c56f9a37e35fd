"""Conclusions read off the cited clauses' own words, each for one kind of question: an industry code against an
article's scope, a kind against a defined list or a closed list, a body named for a level, a coined term."""

from __future__ import annotations

import re
from collections.abc import Sequence

import cn2an

from policyqa import numbers
from policyqa.answer.authority import authority_claims, by_topic, divided_verdict, who_verdict
from policyqa.answer.library import Library, token_set
from policyqa.answer.membership import (
    CODE_RANGE,
    articles_verdict,
    asks_kind,
    coined_verdict,
    listed_verdict,
    only_verdict,
    scope_verdict,
    subject_verdict,
)
from policyqa.answer.scope import GRANTS, content_tokens
from policyqa.tokenize import tokenize, word_frequency
from policyqa.types import Clause
from policyqa.understand import vocab
from policyqa.understand.frame import QuestionFrame


def findings(lib: Library, frame: QuestionFrame, chosen: Sequence[Clause]) -> list[str]:
    """The conclusion lines the clauses give this question, first to last."""
    docs = lib.scope(frame.districts)
    coded = [c for c in lib.corpus.clauses if (docs is None or c.doc_id in docs) and CODE_RANGE.search(c.text)]
    return [
        *scope_verdict(frame.text, chosen, coded),
        *articles_verdict(frame.text, chosen, coded),
        # 「…都包括哪些？我们…算不算」: the term may be earlier (the kind is asked in this part)
        *(listed_verdict(frame.context + frame.text, chosen) if asks_kind(frame.text) else []),
        *only_verdict(frame.text, chosen),
        *(authority_claims(frame.text, chosen) or who_verdict(frame.text, chosen, lib.df)),
        *divided_verdict(frame.text, chosen),
        *coined_verdict(frame.text, chosen),
        *subject_verdict(frame.text, chosen),
        *target_verdict(frame.text, chosen),
        *enumerated_verdict(frame.text, chosen),
        *counted_verdict(frame.text, chosen),
        *placed_verdict(lib, frame.text, chosen),
        *form_verdict(frame.text, chosen),
        *explicit_verdict(lib, frame.text, chosen),
        *(level_verdict(frame.text, chosen) if frame.asks_for("eligibility") else []),
        *(renewal_verdict(frame.text, chosen) if frame.asks_for("status") else []),
    ]


# 「全文一共分几部分、多少条」: how many parts, articles or items a document has.
_HOW_MANY = re.compile(r"(?<![那这哪])(?:几|多少)(?:个|大)?(部分|章|条|项|节|大类)")  # (not 「那几条里」)
_COUNT_CUE = re.compile(r"共|分(?!别)为?|包括")
_UNITS_COUNTED = re.compile(r"[一二三四五六七八九十百\d]+(?:个|大)?(部分|章|条|项|节|大类)")


def _counted_units(sentence: str) -> set[str]:
    """The units a sentence counts after its cue: 「共六部分十五条」 counts both 部分 and 条."""
    cue = _COUNT_CUE.search(sentence)
    return {m[1] for m in _UNITS_COUNTED.finditer(sentence[cue.end():cue.end() + 80])} if cue else set()


def _sentences(clause: Clause) -> list[str]:
    return re.split(r"(?<=[。；;？?\n])", clause.text)


def _counts(clause: Clause, units: set[str]) -> bool:
    return any(_counted_units(s) & units for s in _sentences(clause))


def count_clauses(lib: Library, frame: QuestionFrame, chosen: Sequence[Clause]) -> list[Clause]:
    """「…是根据哪个文件制定的？一共几条？」: the clause of the cited document that counts its parts, cited beside
    the one the other part found (the count is rarely where the question's other words are)."""
    units = {m[1] for m in _HOW_MANY.finditer(frame.text)}
    if not units or not chosen or any(_counts(c, units) for c in chosen):
        return []
    return [c for c in lib.corpus.clauses_of(chosen[0].doc_id) if _counts(c, units)][:1]


# 「提到REITs没有？放在哪个工程里」: the part of the document a thing is found in.
_WHERE_PUT = re.compile(r"(?:放|写|列|归|属于|在)(?:在|到|进)?哪(?:个|一个|一|些)?(工程|部分|条|章|节|方面|板块|项)")


def placed_verdict(lib: Library, question: str, clauses: Sequence[Clause]) -> list[str]:
    if not (asked := _WHERE_PUT.search(question)) or not clauses:
        return []
    marker, clause = by_topic(question, clauses, lib.df)[0]
    said = _longest_shared(question[max(0, asked.start() - 40):asked.start()], clause.text)  # (bounded: quadratic)
    fits = asked[1] in clause.locator or asked[1] in "条部分项"  # (「哪个工程」 of a clause that is one)
    return [f"结论：文件在{clause.locator}中提到「{said}」[{marker}]。"] if len(said) >= 3 and fits else []


def _longest_shared(question: str, text: str) -> str:
    """The longest run of the question the clause says word for word (一枚印章管审批, REITs in any case)."""
    lower, best = text.lower(), ""
    for i in range(len(question)):
        for j in range(len(question), i + len(best), -1):
            if (at := lower.find(question[i:j].lower())) >= 0:
                best = text[at:at + j - i]
                break
    return best.strip("，,。、 “”\"「」")


def counted_verdict(question: str, clauses: Sequence[Clause]) -> list[str]:
    """The sentence of a cited clause that counts what is asked (「…共六部分十五条」), as the conclusion."""
    units = {m[1] for m in _HOW_MANY.finditer(question)}
    if not units:
        return []
    for marker, clause in enumerate(clauses, start=1):
        for sentence in _sentences(clause):
            if _counted_units(sentence) & units:
                return [f"结论：文件写明：“{sentence.strip().rstrip('：:')}”[{marker}]。"]
    return []


_RENEWAL = re.compile(r"续上|续了|续期|延续|接续|新版|新一版|后续政策|换新政策")


def renewal_verdict(question: str, clauses: Sequence[Clause]) -> list[str]:
    """「三年到期以后续上了没有？新版叫啥？」: no clause says what follows the term, so the answer says that."""
    if not _RENEWAL.search(question) or any(_RENEWAL.search(c.text) or "任务期" in c.text for c in clauses):
        return []
    return ["结论：文件未说明到期后是否延续或另有新版政策，请向主管部门核实。"]


# 「被认定为丰台区级工程研究中心」「评上了区级的」: the user's title at district level.
_DISTRICT_LEVEL = re.compile(r"区级|区一级|区里(?:认定|评定|评上|授牌)")
# The levels a clause names for what it supports (国家和市级, 国家级、市级, 市级及以上).
_LEVELS = re.compile(r"(国家(?:级)?(?:和|、|或|及)市级|国家(?:级)?(?:和|、|或|及)北京市|市级及以上|国家级)"
                     r"(?=[^。；]{0,30}(?:实验室|中心|平台|工厂|企业|基地|项目))")


# A certification's grades a clause names in brackets (「市级智能工厂（先进级）」「（卓越级和领航级）」).
_GRADES = re.compile(r"（([^（）]{0,12}级)）")
_GRADE = re.compile(r"基础级|先进级|卓越级|领航级|示范级|标杆级|引领级|成长级|入门级")


def level_verdict(question: str, clauses: Sequence[Clause]) -> list[str]:
    """「区级工程研究中心能拿吗」 against a clause for 国家和市级 ones, 「评的是基础级」 against one for 先进级 and
    卓越级: the level the user holds is not among those the clause names."""
    if clauses and (held := _GRADE.search(question)):
        named = [g for m in _GRADES.finditer(clauses[0].text) for g in re.split(r"和|、|或|及", m[1])]
        if named and held[0] not in named:
            return [f"结论：按您所述不符合：该条支持的等级为{'、'.join(named)}[1]，未包括「{held[0]}」。"]
    if not clauses or not _DISTRICT_LEVEL.search(question) or re.search(r"国家级|市级|北京市级", question):
        return []
    text = clauses[0].text
    levels = _LEVELS.search(text)
    if levels is None or "区级" in text:
        return []
    return [f"结论：按您所述不符合：该条支持的是{levels[1]}[1]，未包括区级认定。"]


# 「哪家的政策明确管新迁入的」: which district's text itself names a case (group 1), not which supports the topic.
_WHICH_NAMES = re.compile(r"哪(?:家|个区|个|边|些区|几个区|些)[^，。？?]{0,8}?(?:明确|专门)"
                          r"(?:写了|写明|写到|提到|提了|规定了?|涉及|覆盖|管|针对|包括)?(?:到|了)?"
                          r"([\u4e00-\u9fff]{2,8}?)(?:的|企业|吗|呢|[，。？?]|$)")


# 「怀柔和丰台哪个对备案本身有支持」: which district's clause names the thing itself, not a support around it.
_ITSELF = re.compile(r"哪[^，。？?]{0,8}?对([\u4e00-\u9fff]{2,10}?)本身")


def explicit_verdict(lib: Library, question: str, clauses: Sequence[Clause]) -> list[str]:
    """The districts whose cited clause uses the asked words, and the cited ones whose clause does not."""
    asked = _WHICH_NAMES.search(question)
    itself = _ITSELF.search(question) if asked is None else None
    if (asked is None and itself is None) or len(clauses) < 2:
        return []
    # 「哪边对拿到备案本身有支持」: the thing itself is the group's last word (备案), not the verb before it
    word = asked[1] if asked else next((w for w in reversed(tokenize(itself[1])) if len(w) >= 2), "")
    if not word:
        return []
    districts = {c.clause_id: lib.corpus.documents[c.doc_id].district for c in clauses}
    naming = [(i, c) for i, c in enumerate(clauses, start=1) if word in c.text]
    if not naming or len(set(districts.values())) < 2:
        return []
    named = list(dict.fromkeys(districts[c.clause_id] for _, c in naming))
    silent = [d for d in dict.fromkeys(districts.values()) if d not in named]
    said = "、".join(f"{districts[c.clause_id]}[{i}]" for i, c in naming)
    rest = f"；{'、'.join(silent)}所引条款未写到「{word}」" if silent else ""
    return [f"结论：明确写到「{word}」的是{said}{rest}。"]


_REACHES = re.compile(r"[^。；\n]*(?:规模|产值|收入)[^。；\n]{0,12}达到\d+(?:\.\d+)?[万亿]元[^。；\n]*")


def target_verdict(question: str, clauses: Sequence[Clause]) -> list[str]:
    """「各自产值目标是多少」: the plan's own target sentence (「…总产值规模达到6000亿元,其中…」), said first;
    「汽车是不是定的1000亿」: the piece of it naming the user's subject, against the figure claimed."""
    if (claimed := _claimed_target(question, clauses)) is not None:
        return claimed
    if not vocab.TARGET_ASKED.search(question) or vocab.AWARD_WORD.search(question):
        return []
    for marker, clause in enumerate(clauses, start=1):
        if m := _REACHES.search(clause.text):
            return [f"结论：目标为：{m[0].strip()}[{marker}]。"]
    if clauses and not any(numbers.find_amounts(c.text) for c in clauses):  # 「引导母基金规模多少个亿」
        return ["结论：所引条款未写明具体规模或数额[1]。"]
    return []


# 「具体提了哪几种供地方式」「能在哪些方面给支持」: the kinds a clause enumerates (…、…、…等方式 / 等方面).
_WHICH_KINDS = re.compile(r"(?:哪几|哪些|哪|几)(?:种|个|类|项|样)?([\u4e00-\u9fff]{2,4})")
_ITEM = r"[\u4e00-\u9fffA-Za-z0-9（）()“”]{1,14}"
_NUMBERED = r"[一二三四五六七八九十两]+[张个项类种条家大]"  # 「“双平台”、…、“促共赢”四张服务清单」
_WHICH_COUNT = re.compile(r"哪[一二三四五六七八九十两几]+[张个项类种条家大]")
def _count(question: str) -> int:
    """How many 「哪四张」「哪十二个」 asks for; -1 for 「哪几个」."""
    said = m[0][1:-1].replace("两", "二") if (m := _WHICH_COUNT.search(question)) else ""
    try:
        return int(cn2an.cn2an(said, "normal"))
    except (ValueError, KeyError, IndexError):  # 几
        return -1


_COUNTED = re.compile(rf"{_NUMBERED}([\u4e00-\u9fff]{{2,6}}?)(?=[，,。？?]|具体|是|都|分别|有|包括|指)")
_WAYS = {"方式", "办法", "途径", "手段", "措施", "举措"}
_LEAD = re.compile(r"^.*(?:实行|采取|包括|通过|开展|实施|推进|按照|围绕|用好|利用|依托|壮大|做强|发展|培育|聚焦"
                   r"|在|对|以|将|从)")


def enumerated_verdict(question: str, clauses: Sequence[Clause]) -> list[str]:
    """The items a cited clause lists for the kind asked (弹性年期出让土地、土地年租制、出租持有产业用房等方式)."""
    counted = _COUNTED.search(question) if _WHICH_COUNT.search(question) else None  # 「四张服务清单是哪四张」
    asked = counted or _WHICH_KINDS.search(question)
    if asked is None:
        return []
    kinds = {asked[1][i:i + 2] for i in range(len(asked[1]) - 1)} - {"政策", "支持", "文件", "条款", "企业"}
    kinds = {asked[1]} if counted else kinds  # (the whole noun counted: 服务清单, not 服务)
    if kinds & _WAYS:  # 「用哪些办法降成本」 asks the 方式 a clause lists
        kinds |= _WAYS
    lines: list[str] = []  # (each cited clause listing them: 「两份文件说法不太一样」)
    for marker, clause in enumerate(clauses, start=1):
        for kind in sorted(kinds, key=asked[1].find):
            said = []
            listed = rf"((?:{_ITEM}、)+{_ITEM})((?:等(?:一批|各类|多种)?|{_NUMBERED})[\u4e00-\u9fff]{{0,4}}?{kind})"
            for m in re.finditer(listed, clause.text):
                items = m[1].split("、")
                # (「…特事特办原则在用地、财政…等方面」: the list of 方面 starts after the 在)
                start = max((i for i, x in enumerate(items) if i and _LEAD.match(x)), default=0)
                items = [_LEAD.sub("", items[start]) or items[start], *items[start + 1:]]  # (实行弹性…: the item)
                if counted and (n := _count(question)) > 0 and len(items) != n:
                    continue  # 「哪四个」 is answered by a list of four
                said.append("、".join(items) + m[2])  # the clause's own words, 等…方式 and all
            if said:
                lines.append(f"结论：文件写明：{'；'.join(said)}[{marker}]。")
                break
    return lines


def _claimed_target(question: str, clauses: Sequence[Clause]) -> list[str] | None:
    said = numbers.find_amounts(question)
    if not said or not vocab.CLAIM.search(question) or "目标" not in question:
        return None
    words = {t for t in tokenize(question) if len(t) >= 2 and not re.search(r"\d", t)}
    for marker, clause in enumerate(clauses, start=1):
        for m in _REACHES.finditer(clause.text):
            if GRANTS.search(m[0]):
                continue  # (「产值达到2000万元及以上的…给予」 is an award's threshold, not a target)
            pieces = [p.strip() for p in re.split(r"[,，]", m[0]) if numbers.find_amounts(p)]
            # The pieces after 其中 name the parts; the first is the whole (四大主导产业总产值), named only when no
            # part is (「机器人和智能制造的产值目标」 is a part, though 产值 is in the whole too).
            # (a word several pieces share, 产业 or 智能, names none of them)
            own = [words & token_set(p) - {w for o in pieces if o != p for w in token_set(o)} for p in pieces]
            naming = [p for p, w in zip(pieces[1:], own[1:], strict=True) if w] or [p for p in pieces[:1] if own[0]]
            if len(naming) != 1:
                continue  # (the subject must pick out one piece of the sentence)
            target = numbers.find_amounts(naming[0])[-1][0]
            if target == said[-1][0]:
                return [f"结论：是的，文件写明“{naming[0]}”[{marker}]。"]
            return [f"更正：不是您所说的金额，文件写明“{naming[0]}”[{marker}]。"]
    return None


_MONEY_OR_ELSE = re.compile(r"(?:给|是|发|补)钱还是|现金还是|资金还是|钱还是别的|给不给钱|有没有钱|有钱吗|给钱吗"
                            r"|有钱拿|能拿到?钱|拿得到钱|给钱不")  # 「能给啥支持？有钱拿吗？」
_MONEY = re.compile(r"资金|奖励|补贴|补助|贴息|拨款|奖补|资助|基金")
_GIVEN = re.compile(r"给予([^，。；,]{2,20}?支持)")


def form_verdict(question: str, clauses: Sequence[Clause]) -> list[str]:
    """「是给钱还是给别的支持」 over a clause that grants no money (优先给予场景准入支持): what it does give."""
    if not _MONEY_OR_ELSE.search(question) or not clauses or numbers.find_amounts(clauses[0].text):
        return []
    given = _GIVEN.search(clauses[0].text)
    if given is None and not any(_MONEY.search(c.text) or numbers.find_amounts(c.text) for c in clauses):
        # 「建立全程支持机制…提供个性化帮助」: no cited clause names money
        return ["结论：文件未写明给予资金或具体金额，写明的支持见下方原文[1]。"]
    if given is None or re.search(r"资金|奖励|补贴|补助", given[1]):
        return []
    return [f"结论：给予的是“{given[1]}”，文件未写明资金支持[1]。"]



# 「我们员工260来人，这个有影响吗」: whether a fact the user adds bears on the award.
_BEARS = re.compile(r"([^，,。；;？?（(]{2,24})[，,]\s*(?:不知道|不清楚|想问)?(?:这个|这|那个|那)?"
                    r"(?:应该|应当|大概|估计)?(?:会|有|不)?(?:有没有|有)?(?:影响|关系)(?:吗|么|吧|不|没|[）)？?。]|$)")
_HEADCOUNT = re.compile(r"[\d一二三四五六七八九十百千]+\s*(?:来|多|余)?\s*(?:号|个)?(?:人|名)")


_MEASURED = re.compile(r"[年月天]|付|期|元|万|亿|[%％]")


def bearing_verdict(lib: Library, question: str, clauses: Sequence[Clause]) -> list[str]:
    """A fact none of whose words the cited clause uses is no condition of it: said, so the user need not wonder."""
    if not clauses or (m := _BEARS.search(question)) is None or _MEASURED.search(m[1]):
        return []  # (a period or a sum — 分四年付清 — is weighed by the clause's own limits, not here)
    # a dictionary word (员工), not a cut like 来人
    words = [t for t in content_tokens(lib, m[1]) if not re.search(r"\d", t) and word_frequency(t) is not None]
    words = [t for t in words if not any(t != o and t in o for o in words)]  # 公司员工, not 员工 and 司员 too
    if _HEADCOUNT.search(m[1]):  # 「厂里200来号人」 is a headcount, whatever words are around it
        words = [] if re.search(r"人数|员工|职工|人员|从业", clauses[0].text) else ["人数"]
    if not words or any(t in token_set(clauses[0].text) for t in words):
        return []
    return [f"结论：{clauses[0].locator}未把「{'、'.join(words)}」列为条件，不影响上述判断[1]。"]
