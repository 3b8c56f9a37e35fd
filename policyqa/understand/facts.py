"""What a question states: money figures with the words that give them a role, counts,
levels, increments, growth against the average, negations and claims.

Pure functions of the (normalized) question text; roles are bound to a rule's labels later
(:mod:`policyqa.rules.bind`), so nothing here knows the rules or the corpus.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

import cn2an

from policyqa.understand import vocab
from policyqa.understand.average import against_average
from policyqa.understand.figures import read_figures
from policyqa.understand.stage_years import failed_stage

_DELIM = re.compile(r"[，,。；;？?！!、\n]|还有|另外|而且|并且")
_CN_COUNT = "一二两三四五六七八九十百千"
_COUNT = re.compile(rf"(\d{{1,6}}|[{_CN_COUNT}]{{1,6}})\s*(家|名|位|项|人|台|套|款|个)")
_AWARD_WORD = re.compile(r"[奖给补配发拿领]|支持|资助|最高")
_NEGATIVE = re.compile(r"(?:负|-|－|−)\s*$")
_HEARSAY = re.compile(vocab.HEARSAY)
# A sentence end or 另外/还有 between two figures: the second is another item, not the first said again.
_ANOTHER = re.compile(r"[。？?！!；;]|另外|还有|此外|另有|以及")
_MAX_FIGURES = 12  # a question states a handful of figures; more is noise, and bounds the work


@dataclass(frozen=True, slots=True)
class Fact:
    """One money figure of the question with what its own phrase says about it."""

    value: Decimal
    phrase: str  # the words of its phrase, as typed (normalized)
    before: str  # the words just before the figure inside the phrase
    cues: frozenset[str]  # label words its phrase maps to (市里 → 市级, 营收 → 营业收入)
    increment: bool = False  # 增加了300万: an increase, not a level
    decrease: bool = False  # 产值少了800万: a change, but downwards
    reached: bool = False  # 营收过2000万 / 首次到20亿: a level reached
    cap: bool = False  # 最高500万: the user quoting a maximum
    approximate: bool = False  # 300来万
    negated: bool = False  # 没拿到市级资金
    received: bool = False  # 「丰台给了10万」: an award the district already paid, no figure to compute on
    claimed: bool = False  # 奖500万，是这样吧: a figure the user asserts about the documents
    invalid: bool = False  # 负五百万: not a figure anything can be computed from
    order: int = 0


@dataclass(frozen=True, slots=True)
class Count:
    n: int
    unit: str
    phrase: str


@dataclass(frozen=True, slots=True)
class Facts:
    figures: tuple[Fact, ...] = ()
    counts: tuple[Count, ...] = ()
    levels: tuple[str, ...] = ()  # 国家级 / 市级 as said, latest last
    negated_cues: frozenset[str] = frozenset()  # label words of things the user says they did NOT get
    above_average: bool | None = None  # 增速高于全区平均 → True; 低于 → False
    qualifications: tuple[str, ...] = ()
    failed_stage: int | None = None  # 第三年没达标 → 3
    text: str = ""  # the canonical text the facts were read from

    @property
    def money(self) -> tuple[Fact, ...]:
        """Figures that may be a base or a level of the user's own (not quoted caps or claims)."""
        return tuple(f for f in self.figures if not f.cap and not f.claimed and not f.invalid)


# (「产值从12个亿涨到14.5个亿」: the figure right after 从 is the earlier one, the one 涨到 reaches the latest)
NOW = re.compile(r"今年|本年|当年|这一年|现在|目前|(?:涨|增长|增加|提高|提升|升)到(?=\s*$)")
_THEN = re.compile(r"去年|上年|上一年|前年|之前|原来|以前|过去|从(?=\s*$)")


def when(fact: Fact) -> str:
    """The time word said last before the figure: "now", "then" or "" (「去年8000万今年1.1亿」: now for 1.1亿)."""
    found = [(m.start(), "now") for m in NOW.finditer(fact.before)]
    found += [(m.start(), "then") for m in _THEN.finditer(fact.before)]
    return max(found)[1] if found else ""


_MONEY_WORDS = frozenset({"投入", "资金", "支持", "补贴", "奖励"})


def expand_cues(text: str) -> frozenset[str]:
    """The role labels a phrase's words carry; a word met only inside a longer cue word gives no role of its
    own (「多投了」 is 投入, not the 投资 of 「投了」) — a bare money word (投入, 资金) may still count."""
    words = [w for w, _ in vocab.ROLE_CUES if w in text]
    inside = {w for w in words for longer in words if w != longer and w in longer
              and text.count(w) == text.count(longer)}
    city = {"市级"} if vocab.CITY_BUREAU.search(text) else set()
    return frozenset(label for word, label in vocab.ROLE_CUES
                     if word in text and (word not in inside or label in _MONEY_WORDS)) | city


def _phrase(text: str, start: int, end: int) -> tuple[str, str, str]:
    """(whole phrase, words before the figure, words after it) inside delimiters, bounded."""
    left = text[max(0, start - 24) : start]
    right = text[end : end + 8]
    before = _DELIM.split(left)[-1]
    after = _DELIM.split(right)[0]
    return before + text[start:end] + after, before, after


# 「门头沟工业措施里国家级小巨人奖励100万」: what the user says a document states is a claim about it.
_SOURCE = re.compile(r"(?:措施|办法|政策|文件|意见稿?|细则|条款|那条)(?:里面|里|中|上)(?:说|写|规定)?的?")


def read_facts(question: str) -> Facts:
    """The facts a question states (see :class:`Facts`)."""
    text, found = read_figures(question)
    # Hearsay (听说…) introduces the figure after it; the other cues (…对吧) confirm the figure before them.
    claims = [m.start() for m in vocab.CLAIM.finditer(text) if not _HEARSAY.fullmatch(m[0])]
    # 「是不是能拿170万」: a question cue with a figure after it in its own phrase asks about that figure,
    # like hearsay, not about the figure before it.
    # The question runs to its question mark: 「是不是按20%算，给360万？」 asks about the 360万.
    forward = [m.end() for m in re.finditer(r"是不是|是否", text)
               if any(f.start >= m.end() and not re.search(r"[。？?！!；;]", text[m.end() : f.start]) for f in found)]
    claims = [c for c in claims if c + 3 not in forward]
    hearsay = [m.end() for m in _HEARSAY.finditer(text)] + forward + [m.end() for m in _SOURCE.finditer(text)]
    figures: list[Fact] = []
    for i, fig in enumerate(found[:_MAX_FIGURES]):
        phrase, before, after = _phrase(text, fig.start, fig.end)
        cues = expand_cues(phrase)
        if not cues and not before.strip() and re.match(r"[，,]", text[fig.start - 1 : fig.start]):
            # 「去年拿了市里的…首方案奖励，三百八十万。」: a figure set apart by a comma is the one just named.
            cues = expand_cues(_DELIM.split(text[max(0, fig.start - 30) : fig.start - 1])[-1])
        if not cues and figures and not _ANOTHER.search(text[found[i - 1].end : fig.start]):
            cues = figures[-1].cues  # 「营收12个亿，头一回过10亿」: the same measure, said again in the sentence
        fell = bool(vocab.DECREASE.search(before))
        # (a figure said as a maximum is the award, not the measure: 「产值增量奖励听说最多能给500万」)
        incr = not vocab.CAP_BEFORE.search(before) and (
            fell or bool(vocab.INCREMENT.search(before)) or bool(re.match(r"^\s*的?(增量|增长|增加)", after)))
        figures.append(
            Fact(
                value=fig.value,
                phrase=phrase,
                before=before,
                cues=cues,
                increment=incr,
                decrease=fell,
                reached=bool(vocab.REACHED_BEFORE.search(before) or vocab.REACHED_AFTER.match(after)),
                cap=bool(vocab.CAP_BEFORE.search(before)),
                approximate=fig.approximate,
                negated=bool(vocab.NEGATED.search(before)),
                received=bool(_RECEIVED.search(before)),
                claimed=((_claimed(text, fig.end, before, found, claims)
                          or any(h <= fig.start and not re.search(r"[，,。？?！!；;]", text[h : fig.start])
                                 for h in hearsay))  # 「听说…奖500万」: hearsay reaches to the end of its phrase
                         and bool(_AWARD_WORD.search(before))
                         and not incr) or _names_a_tier(before, after) or _own_result(before, after)
                        or bool(_HEARD_IS.search(before) and _AWARD_WORD.search(text)),  # 「给多少钱？听说是100万」
                invalid=bool(_NEGATIVE.search(before)),
                order=i,
            )
        )
    figures += _grown(text, figures)
    return Facts(
        figures=tuple(figures),
        counts=tuple(_counts(text, found)),
        levels=_levels(text),
        negated_cues=_negated(text),
        above_average=against_average(text, figures, when),
        qualifications=tuple(q for q in vocab.QUALIFICATIONS if q in text),
        failed_stage=failed_stage(text),
        text=text,
    )


_GROWTH = re.compile(
    r"翻了?一番|翻番|翻了?一倍|翻倍|(?:涨|增长|增加|提高|多)了?\s*(?:(\d+(?:\.\d+)?)\s*[%％]|百分之([一二三四五六七八九十]+)|([一二两三四五六七八九])成)"
)
_CN_DIGIT = "零一二三四五六七八九"


def _grown(text: str, figures: list[Fact]) -> list[Fact]:
    """「去年产值8000万，今年翻了一番」「涨了两成」: this year's level, worked out from last year's figure and the
    growth the user states — the only figure of its kind, so an increment can be computed from it."""
    said = _GROWTH.search(text)
    bases = [f for f in figures if not f.increment and not f.claimed and not f.cap and when(f) != "now"]
    if not said or len(bases) != 1 or any(when(f) == "now" for f in figures):
        return []
    if text.find(bases[0].phrase) > said.start():
        return []  # the growth said before the figure is not its growth
    if bases[0].cues <= {"资金", "补贴", "奖励", "支持"}:
        return []  # 「那10万已经拿了。今年产值涨了6%」: an award received does not grow with the output
    pct, cn_pct, tenths = said.group(1), said.group(2), said.group(3)
    if pct:
        rate = Decimal(pct) / 100
    elif cn_pct:
        rate = Decimal(int(cn2an.cn2an(cn_pct, "normal"))) / 100
    elif tenths:
        rate = Decimal(2 if tenths == "两" else _CN_DIGIT.index(tenths)) / 10
    else:
        rate = Decimal(1)  # 翻一番: doubled
    base = bases[0]
    value = (base.value * (1 + rate)).quantize(Decimal(1))
    phrase = f"今年{said[0]}（按{base.phrase}推算）"
    return [Fact(value=value, phrase=phrase, before="今年", cues=base.cues, order=len(figures))]


_RATE = re.compile(r"\d+(?:\.\d+)?\s*[%％]|百分之[一二三四五六七八九十零两\d]+")


# 「能拿那个首次达到5000万的20万吗」: the tier (5000万) and its award (20万) named as the thing asked for — the
# documents' figures the user points at, checked as claims, never the user's own data.
_TIER_ASKED = re.compile(r"(?:拿|领|申请|申报|报|享受|要|够)(?:那个|那档|这个|那一档|那笔)?[^，。？?\d]{0,4}?"
                         r"(?:首次|第一次)?(?:达到|突破|过)$")
_TIER_AWARD = re.compile(r"(?:首次|第一次)(?:达到|突破|过)\d+(?:\.\d+)?\s*[万亿]元?(?:那档|那一档)?的$")


def _own_result(before: str, after: str) -> bool:
    """「…是不是按20%给？那就是240万吧」: the user's own arithmetic put as a question, never a base figure."""
    return bool(re.search(r"(?:那|那么|所以|这样)(?:不)?就是$|算下来(?:就是|是)?$", before)) \
        and bool(re.match(r"\s*元?[吧吗么嘛？?]", after))


def _names_a_tier(before: str, after: str) -> bool:
    if re.match(r"\s*元?的?(?:那一?[条档项]|这一?[条档项])", after):
        return True  # 「营收首次过5亿那条」: a provision pointed at by its figure
    if _TIER_ASKED.search(before):
        return bool(re.match(r"\s*元?(?:的|那档|那一档|那个|档)", after))
    return bool(_TIER_AWARD.search(before)) and bool(re.match(r"\s*元?(?:[吗么嘛吧]|奖|支持|那档|那个|[？?]|$)", after))


_HEARD_IS = re.compile(r"(?:听说|据说|好像|记得|印象中)(?:是|有|能给|能拿)?$")


def _claimed(
    text: str, end: int, before: str, found: list, claims: list[int]  # type: ignore[type-arg]
) -> bool:
    """A claim cue after the figure, before any other figure: 「奖500万，是这样吧」 but not
    「市级补贴200万，那区里就能配100万吧」 for the 200万; or the user's own figure put as a question
    (「那区里就能配100万？」)."""
    own_figure = re.search(r"(?:就|能|可以|会)[^，。？?]{0,8}[配拿给补领奖]$|就是$", before)
    if own_figure and re.match(r"\s*[？?吧吗]", text[end:]):
        return True  # 「那区里就能配100万吧」「能给225万吗」: the user's own figure put as a question
    # A question already asked closes the figure's sentence: 「…1500万…能拿多少？顺便问下是不是按20%？」
    asked = re.search(r"[？?]", text[end:])
    nxt = min((f.start for f in found if f.start >= end), default=len(text))
    nxt = min(nxt, end + asked.start()) if asked else nxt
    # A rate between the figure and the cue is what the cue asks about (「…600万。听说…也按30%配吧？」).
    rate = _RATE.search(text, end)
    nxt = min(nxt, rate.start()) if rate else nxt
    def own_words(c: int) -> bool:
        # 「…又拿了800万。区里的配套是按年封顶的吧？」: a cue closing a sentence of its own confirms that
        # sentence (按年封顶), not a figure of an earlier one; 「奖500万。是这样吗？」 has nothing of its own.
        between = text[end:c]
        if not re.search(r"[。？?！!；;]", between):
            return False
        own = re.split(r"[。？?！!；;，,]", between)[-1]
        if re.match(r"(?:这个|这|那个)(?:标准|说法|数|金额|规定|数字|额度)", own):
            return False  # 「…奖励10万元。这个标准我这么引用没问题吧」: 这个标准 points back at the figure
        return len(re.sub(r"^(?:那|请问|所以|这|那么)", "", own)) > 2

    # 「市里支持了1200W，丰台是不是按20%给」: a cue with a rate right after it asks about the rate, not the figure.
    claims = [c for c in claims if not (c >= end and _RATE.search(text[c : c + 10]))]
    return any((end <= c < nxt and not own_words(c)) or (c < end and not _DELIM.search(text[c:end]))
               for c in claims)


def _counts(text: str, money: list) -> list[Count]:  # type: ignore[type-arg]
    spans = [(f.start, f.end) for f in money]
    out = []
    for m in _COUNT.finditer(text):
        if any(s <= m.start() < e for s, e in spans):
            continue
        if text[m.end() : m.end() + 1] in ("万", "亿", "元"):
            continue
        if "每" in text[max(0, m.start() - 4) : m.start()]:
            continue  # 「每拉来一家」「每落地一家」: the rule's unit, not a number of the user's
        raw = m[1]
        try:
            n = int(raw) if raw.isdigit() else int(cn2an.cn2an(raw, "normal"))
        except (ValueError, KeyError, IndexError):
            continue
        if m[2] == "个" and (n == 1 or text[max(0, m.start() - 1) : m.start()] == "第"):
            continue  # 同一个事项 / 第二个: an article or an ordinal, not a number of things
        phrase = _phrase(text, m.start(), m.end())[0]
        out.append(Count(n, m[2], phrase))
    return out


# 「是不是也跟国家课题一样按20%」: the level inside a likeness is what the user compares with, not their own.
_LIKENESS = re.compile(r"(?:跟|和|与|像|同)[^，。？?]{1,10}?一样")


def without_likeness(text: str) -> str:
    """The text with 「跟国家课题一样」-style comparisons blanked (same length, so positions hold)."""
    return _LIKENESS.sub(lambda m: "　" * len(m[0]), text)


# 「区级配套」「区里配套」 names who pays the top-up, not the level of what was won.
_PAYER = re.compile(r"区级(?:的)?(?:配套|资金|财政)")


def _levels(text: str) -> tuple[str, ...]:
    text = _PAYER.sub(lambda m: "　" * len(m[0]), without_likeness(text))
    hits: list[tuple[int, str]] = []
    for name, aliases in vocab.LEVELS:
        for alias in aliases:
            pos = text.rfind(alias)
            if pos >= 0:
                hits.append((pos, name))
    hits += [(m.start(), "市级") for m in vocab.CITY_BUREAU.finditer(text)]
    return tuple(dict.fromkeys(name for _, name in sorted(hits)))


def negated_phrases(text: str) -> list[str]:
    """The phrases the user negates: 「但是市里没给建设资金」, 「还没纳入丰台区智能制造企业库」."""
    out = []
    for m in vocab.NEGATED.finditer(text):
        head = _DELIM.split(text[max(0, m.start() - 8) : m.start()])[-1]
        tail = _DELIM.split(text[m.end() : m.end() + 16])[0]
        out.append(head + m[0] + tail)
    return out


def _negated(text: str) -> frozenset[str]:
    cues: set[str] = set()
    for phrase in negated_phrases(text):
        cues |= expand_cues(phrase)
    cues -= {"资金", "支持", "补贴", "奖励"}  # 没拿到 itself maps to 资金; what was not obtained is named
    return frozenset(cues)


# 「去年第一次进规上，丰台给了10万」: paid by a district's own measure — the award got, not a base for another.
_RECEIVED = re.compile(r"(?:丰台|门头沟|怀柔|经开区|开发区|亦庄|区里|区级|区政府)(?:已经|已|也|就)?"
                       r"(?:给了|发了|奖了|补了|拨了|奖励了|支持了|兑现了)\s*$")
def merge_facts_for_part(whole: Facts, part: Facts) -> Facts:
    """A part of a multi-part question reads its own figures, or the whole turn's when it has none of its own —
    a figure it only asks about (「是不是还能拿首次达到20亿的奖」) is kept beside the whole turn's."""
    own = [f for f in part.money if not re.search(r"[“\"「][^”\"」]*$", f.before)]
    if not own and part.money and whole.money:
        return whole  # 「还能不能再拿“首次达到10亿”那档」: a figure quoted as the award's name is asked, not data
    if part.money or part.counts:
        return part
    if not part.figures:
        return whole
    return replace(whole, figures=(*whole.figures, *part.figures))
