"""Question → ``QuestionFrame``: what is asked, about which districts, with which facts."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from policyqa.understand import vocab
from policyqa.understand.facts import Facts, read_facts
from policyqa.understand.figures import canonical

# Sub-questions: "…多少？另外…什么时候申报？" — split at question marks and 另外/还有 openers.
_PARTS = re.compile(r"(?<=[？?])|[；;](?=.{4,})|(?:，|,)?(?=另外|还有就是|还想问|顺便问)")


@dataclass(frozen=True, slots=True)
class QuestionFrame:
    raw: str  # as typed
    text: str  # normalized, money forms canonical
    districts: tuple[str, ...] = ()  # covered districts this turn names (or, merged, that are in scope)
    elsewhere: str | None = None  # a place named that no document covers
    located: str | None = None  # an uncovered place the user says they are in (「我们注册地在通州，能拿吗」)
    asks: frozenset[str] = frozenset()
    facts: Facts = field(default_factory=Facts)
    parts: tuple[str, ...] = ()  # sub-questions when the turn asks several things
    follow_up: bool = False  # leans on the previous turn (那…呢, a bare figure)
    context: str = ""  # the text to search with: this turn plus what it carries from earlier ones
    carried: bool = False  # merged with an earlier turn

    def asks_for(self, *names: str) -> bool:
        return any(n in self.asks for n in names)


_LOCATED = re.compile(r"(?:我们|我司|公司|企业|厂区?|工厂|注册地?|生产基地)[^，。？?]{0,12}?"
                      r"(?:在|位于|落在|落户|挂在)\s*$"
                      # 「营业执照是石景山的」「税务登记归大兴」: the papers that say where a firm is registered
                      r"|(?:营业执照|执照|工商登记|工商注册|税务登记|注册地址?|纳税地)(?:也|都|还)?(?:是|在|属于|归|挂在)\s*$")


def _asked_there(text: str, place: str) -> bool:
    """「朝阳那边有没有类似的奖励」: the place is what the question asks about, not only where the user is."""
    short = re.escape(place.removesuffix("区").removesuffix("市"))
    return bool(re.search(rf"{short}区?(?:那边|这边|那里|那儿)?(?:呢|有没有|有什么|有啥|给多少|能给|对)", text))


def says_located(text: str, place: str) -> bool:
    """「我们厂区和注册地其实都在通州」: the place follows words saying where the user is."""
    short = place.removesuffix("区").removesuffix("市")
    at = text.find(short)
    return at > 0 and bool(_LOCATED.search(text[max(0, at - 14) : at]))


_REFERS_BACK = re.compile(r"两边|两个区|各自|各能|各给|哪边|这么多|这个数|这些|上述|两项|两笔|这两")


_MONEY_ASK = re.compile(r"多少|金额|额度|几万|比例")


def detect_asks(text: str) -> frozenset[str]:
    asks = {name for name, pattern in vocab.ASKS.items() if pattern.search(text)}
    if "who" in asks and not vocab.ASKS["who"].search(_PASSIVE_SAID.sub("", text)):
        asks.discard("who")  # 「产品刚被国家五部门认定为首台套」 tells who did, it does not ask
    if "status" in asks and _BAR_SAID.search(text) and not _STATUS_WORD.search(text):
        asks = (asks - {"status"}) | {"eligibility"}  # 「属于限制类…措施还能申请吗」: barred or not, not the status
    if vocab.WHAT_CAN_GET.search(text):
        asks |= {"support", "eligibility"}
    if _AMOUNT_CHECKED.search(text):
        asks.add("amount")  # 「想确认下丰台这边的金额」
    if re.search(r"多少[^，。,；？?]{0,3}[吗么嘛]|多少比例|什么比例", text):  # 「能算出来多少吗」 asks an amount
        asks = (asks - {"eligibility"}) | {"amount"}
    if "who" in asks or vocab.CONTACT.search(text):
        asks.discard("amount")  # 「咨询电话多少」 asks a number to call, not a sum
    if (re.search(r"(时间|期限|范围|年限|日期|时限|周期)[^，。？?]{0,4}怎么算", text)
            or re.search(r"[怎如]么?(认定|界定|确定|核定)|认定标准|以什么为准", text)) and not _MONEY_ASK.search(text):
        asks.discard("amount")  # 「时间范围怎么算」「固定资产投资怎么认定」 ask a definition, not a sum
    if _EITHER_BASIS.search(text):
        asks.discard("amount")  # 「按发票金额算还是按实际付了多少算」 asks which basis, not a sum
    if _RATE_CLAIMED.search(text):
        asks = (asks - {"eligibility"}) | {"amount"}  # 「是按30%补吗」: the rate is the question
    if vocab.TARGET_ASKED.search(text) and not vocab.AWARD_WORD.search(text):
        asks = (asks - {"amount"}) | {"list"}  # 「各自产值目标是多少」: a plan's target, not an award
    return frozenset(asks)


# (said of the asker — 「我们的项目属于…限制类」「去年出过一次…火灾事故」 —, not a clause read out)
_EITHER_BASIS = re.compile(r"按[^，。？?]{1,12}算还是按|还是按[^，。？?]{1,12}算")
_BAR_SAID = re.compile(r"(?:我们|我司|咱|项目|属于|出过|发生过?|有过)[^，。？?“”]{0,20}"
                       r"(?:限制类|禁止类|失信|不良信用|安全事故|火灾事故)")
_STATUS_WORD = re.compile(r"有效期|过期|到期|失效|征求意见|正式|印发|施行|废止")
_PASSIVE_SAID = re.compile(r"被[^，。？?！!；;]{0,12}?(?:部门|单位|机构|部委)(?:联合)?(?:认定|评定|批准|评为)")
_AMOUNT_CHECKED = re.compile(r"(?:确认|核实|问问|问下|问一下)[^，。？?]{0,10}(?:金额|额度|标准|钱数)")
_RATE_CLAIMED = re.compile(r"\d\s*[%％][^，。？?]{0,4}[吗么嘛]")


_FIGURE_ASKS = frozenset({"amount", "support", "list", "eligibility"})
_FUNCTION = re.compile(r"[有没写的吗呢么嘛是不了吧啊呀还都也就那这个些再能可以给会要说提到]")


def _own_words(part: str) -> str:
    """What a part says beyond asking (「有写金额的吗」 says nothing of its own)."""
    for pattern in vocab.ASKS.values():
        part = pattern.sub("", part)
    part = _WHICH_SAYS.sub("", part)
    return "".join(re.findall(r"[\u4e00-\u9fff]", _FUNCTION.sub("", part)))


# 「有写明具体金额的是哪家」: words that ask which of the listed ones says it, not about a thing of their own.
_WHICH_SAYS = re.compile(r"写明|写了|写出|写到|标明|注明|明确|具体|哪家|哪几家|哪个区|哪些区|哪几个区|谁家|哪边")


_BESIDE = re.compile(r"(?:和|跟|与|同)[^，。？?]{2,20}(?:一样|相同|区别|不同|比)")


_LANDMARK = re.compile(r"[\u4e00-\u9fff]{2,3}(?:科学城|科技园区|科技园|产业园|园区)")


_ANOTHER = re.compile(r"^(?:另外|此外|另有一个问题|再问一下|还想问|顺便问)")


def split_parts(text: str, covered_in: Callable[[str], list[str]] | None = None) -> tuple[str, ...]:
    """Sub-questions that ask different things (an amount and a date) or about different districts;
    sentences that only restate or lead up to one ask stay one question."""
    parts = [p.strip(" ，,") for p in _PARTS.split(text) if p and p.strip(" ，,？?；;")]
    if len(parts) < 2:
        return ()
    asks = [detect_asks(p) for p in parts]
    if not all(asks):
        return ()
    places = [tuple(covered_in(p)) for p in parts] if covered_in else []
    # 「…有没有说法？给多少？」: a part with no words of its own asks about the same thing as the one before.
    # 「…哪几个区有？有写金额的吗？」: a part that only asks for the figure of what the part before lists.
    bare = any(len(re.findall(r"[\u4e00-\u9fff]", p)) < 6 or (len(_own_words(p)) < 3 and a <= _FIGURE_ASKS)
               for p, a in zip(parts[1:], asks[1:], strict=True))
    # 「…都有支持吗？要是市里给了500万，两边各能配多少？」: a part that leans on the one before continues it.
    # 「…区里配多少？另外入选目录还能再拿多少？」: 另外/此外 opens another question, not a restatement.
    another = any(_ANOTHER.match(p) and len(re.findall(r"[\u4e00-\u9fff]", p)) >= 6 for p in parts[1:])
    # 「…是哪些部门认定的？和标杆企业的认定部门一样吗」: a part opening with 和/跟/与 sets itself beside the last.
    bare = not another and (bare or any(vocab.FOLLOW_UP.search(p) or _REFERS_BACK.search(p) or _BESIDE.match(p)
                                        for p in parts[1:]))
    different = (len(set(asks)) == len(asks) or another) and not bare
    different = different or bool(places and len({p for p in places if p}) >= 2)
    return tuple(parts) if different else ()


def frame_question(
    question: str,
    covered_in: Callable[[str], list[str]],
    elsewhere_in: Callable[[str, list[str]], str | None],
    elsewhere_at: Callable[[str], tuple[str, int] | None] | None = None,
) -> QuestionFrame:
    """Read one (already normalized) turn. ``covered_in`` names covered districts in a text;
    ``elsewhere_in`` names a place the corpus has no document for (given the covered ones named)."""
    text, _ = canonical(question)
    # 「我们在大兴区、不在亦庄新城范围内」: a place the user says they are not in is not the place asked about.
    districts = covered_in(re.sub(r"不(?:在|属于|是)[^，。、,？?]{1,10}", "", text))
    # 「承接了怀柔科学城的一个项目放在亦庄转化」: a district named only inside a landmark's name, beside another
    # district named outright, is where something came from, not the district asked.
    outright = covered_in(_LANDMARK.sub("", text))
    if outright and len(outright) < len(districts):
        districts = outright
    elsewhere = elsewhere_in(text, districts)
    if elsewhere is None and districts and not vocab.ASKS["compare"].search(text) and elsewhere_at is not None:
        # 「天津滨海新区…奖多少？我看丰台文件里也提到天津了」: the place asked about comes first.
        first = elsewhere_at(text)
        origin = bool(first) and bool(re.search(r"[从由自]$", text[: first[1]]))  # 「从海淀搬到丰台」: came from
        # (asked there, or where the user says they are — not 上海一家公司在亦庄设的分公司: where it came from)
        asked_first = first and (_asked_there(text, first[0]) or says_located(text, first[0]))
        if asked_first and not origin and first[1] < _first_named(text, districts, covered_in):
            elsewhere = first[0]
        # 「丰台入选首台套目录给30万，那海淀区给多少」: the last clause asks the uncovered place alone.
        last = re.split(r"[，,。；;！!？?]", text.rstrip("？? "))[-1]
        if first and not origin and first[0].removesuffix("区") in last and _asked_there(last, first[0]) \
                and not any(d.removesuffix("区") in last for d in districts):
            elsewhere = first[0]
    located = None
    moved_in = any(re.search(rf"(?:搬|迁|挪|转)(?:到|至|入|去|回)了?{re.escape(d.removesuffix('区'))}", text)
                   for d in districts)  # 「去年在海淀…今年整体搬到怀柔了」: the user is now in the covered district
    # 「在海淀评上的…想迁出来，在丰台和怀柔之间选」「今年整体迁过来」: leaving the uncovered place for a covered one.
    moved_in = moved_in or (bool(districts) and bool(re.search(r"(?:迁|搬|挪)(?:出来|出去|出|走|过来|进来|来)", text)))
    if moved_in:
        elsewhere = None  # where the user came from is no place asked about
    # (an amount asked counts only beside a covered district named in this turn: 「丰台不是给50万吗？我们能拿多少」,
    # not 「注册在海淀呢，海淀给多少」, which asks the uncovered district's own policy)
    asks_here = "eligibility" in detect_asks(text) or ("amount" in detect_asks(text) and bool(districts))
    if elsewhere and asks_here and says_located(text, elsewhere) and not _asked_there(text, elsewhere):
        # Where the user is, not whose policy is asked: the policy asked is the covered district's.
        located, elsewhere = elsewhere, None
    facts = read_facts(text)
    short = len(text) <= 12
    # A turn that asks nothing of its own (「不过我们增速比全区平均低一点」) adds to the previous question.
    follow_up = bool(vocab.FOLLOW_UP.search(text)) or not detect_asks(text) or (short and not districts)
    asks = detect_asks(text)
    if not asks and facts.money:
        asks = frozenset({"amount"})  # 「设备和软件投了180万」: figures stated alone ask what they are worth
    return QuestionFrame(
        raw=question,
        text=text,
        districts=tuple(districts),
        elsewhere=elsewhere,
        located=located,
        asks=asks,
        facts=facts,
        parts=split_parts(text, covered_in),
        follow_up=follow_up,
        context=text,
    )


def _first_named(text: str, districts: list[str], covered_in: Callable[[str], list[str]]) -> int:
    """Where the text first names a covered district, by its name or an alias (亦庄 for 北京经济技术开发区): the end of
    the shortest opening that names one (only reached when an uncovered place is named too)."""
    return next((i for i in range(1, len(text) + 1) if set(covered_in(text[:i])) & set(districts)), 0)


_CLAUSE_END = re.compile(r"[，,。？?；;！!]")


def hearsay_about(text: str, covered_in: Callable[[str], list[str]]) -> tuple[str, str] | None:
    """「听说怀柔对营收首次过10亿的软件企业奖100万，丰台是不是也差不多」: a figure heard of one covered district
    while the question asks another — the heard clause (to be checked alone) and the district it names."""
    m = re.search(vocab.HEARSAY, text)
    if m is None:
        return None
    end = _CLAUSE_END.search(text, m.end())
    heard = text[m.start() : end.start() if end else len(text)]
    named = covered_in(heard)
    rest = text.replace(heard, " ")
    others = [d for d in covered_in(rest) if d not in named and not says_located(rest, d)]
    if len(named) != 1 or not others or not read_facts(heard).figures:
        return None
    return heard, named[0]

