"""Eligibility from what the user says against what a clause requires, where it is mechanical:
a requirement the user negates (「还没纳入…企业库」 against 「纳入丰台区智能制造企业库的企业」) or a
number of years below the one a clause demands (「只肯承诺5年」 against 「承诺10年内不迁离」)."""

from __future__ import annotations

import re
from collections.abc import Sequence

import cn2an

from policyqa.answer.library import token_set
from policyqa.answer.placement import APPLIES_HERE, registered_elsewhere, relation_elsewhere
from policyqa.answer.recent import within_window
from policyqa.answer.sentences import SENTENCE, glossary_entry
from policyqa.rules.select import who_asks
from policyqa.rules.verdict import contradicted
from policyqa.tokenize import tokenize
from policyqa.types import Clause
from policyqa.understand import vocab
from policyqa.understand.facts import negated_phrases

_NEGATION_WORDS = frozenset({"没", "未", "没有", "还没", "尚未", "并未", "还", "但是", "不过", "可是", "就是"})
_USER_YEARS = re.compile(
    r"(?:承诺|只肯|只能|只愿意|最多|只打算|计划)[^，。,；]{0,6}?(\d{1,2}|[一二两三四五六七八九十]{1,3})\s*年"
)
_CLAUSE_YEARS = re.compile(r"(?:承诺|不少于|至少)[^，。,；]{0,4}?(\d{1,2}|[一二两三四五六七八九十]{1,3})\s*年")


def _years(raw: str) -> int | None:
    try:
        return int(raw) if raw.isdigit() else int(cn2an.cn2an(raw, "normal"))
    except (ValueError, KeyError, IndexError):
        return None


def sentences_of(clauses: Sequence[Clause]) -> list[str]:
    return [s.strip() for c in clauses for s in SENTENCE.findall(c.text) if s.strip()]


# 「啥样的企业才够格」「哪一级认定的」: what the title is, asked of its definition.
_WHAT_KIND = re.compile(r"啥样|什么样|哪一级|哪级")


def unmet_conditions(question: str, clauses: Sequence[Clause], yes_no: bool = False) -> list[str]:
    """Conclusion lines (不能 + the requirement + what the user said), or [] when nothing is mechanical."""
    sentences = sentences_of(clauses[:3])
    lines: list[str] = _run_broken(question, sentences)  # a gap in a run the clause requires decides it first
    barring_cases = set(sentences_of([c for c in clauses[:3] if _EXCLUDES.search(c.text)]))
    for phrase in negated_phrases(question) if not lines else ():
        words = {t for t in tokenize(phrase) if len(t) >= 2 and t not in _NEGATION_WORDS}
        if not words:
            continue
        best = max(sentences, key=lambda s: len(words & token_set(s)), default="")
        if best in barring_cases:
            continue  # 「没有发生过一般生产安全事故」 denies a case that bars support: nothing is lacking
        shared = words & token_set(best)
        if re.search(r"或(?:者)?非(?:独立)?法人|或非", best) and "法人" in phrase:
            continue  # 「具有独立法人或非法人主体资格」: either will do, so 不是独立法人 fails nothing
        if len(shared) >= 2 or any(len(w) >= 4 for w in shared) or shared & {"承诺", "保证"}:
            lines.append(f"结论：按您所述不符合条件，不能享受：条款要求“{best}”，而您所述为「{phrase}」。")
            break
    if not lines:
        lines += _has_what_is_excluded(question, sentences)
    if not lines:
        lines += _in_an_excluded_case(question, clauses[:3])
    if not lines:
        for sentence in sentences:
            clash = contradicted(sentence, question)
            if clash:
                lines.append(f"结论：按您所述不符合条件，不能享受：条款要求“{sentence}”，而您所述为「{clash[1]}」。")
                break
    if not lines:
        lines += _shrank(question, sentences) or within_window(question, sentences)
    short = _year_clash(question, sentences, _USER_YEARS, _CLAUSE_YEARS, over=False)
    if short:  # 「只肯承诺5年」 against 「承诺10年内不迁离」
        have, want, _, words = short
        lines.append(f"结论：按您所述不符合条件，不能享受：条款要求“{words}”，您所述为{have}年，少于{want}年。")
    if not lines:
        lines += over_a_limit(question, sentences) or _too_few_years(question, sentences)
    if not lines:
        lines += registered_elsewhere(question, sentences) or _not_first(question, sentences)
    if not lines:
        fit = fits_scope(question, sentences, who_asks(question))
        if fit:
            lines.append(f"结论：按您所述属于条款所列支持对象，可以申请（还须满足条款的其他条件）：“{fit}”")
    lines += relation_elsewhere(question, sentences)  # (a second failure is said too: both must be met)
    # Only a yes/no question wants 可以/还取决于 as its conclusion — not one whose first clause is a definition
    # (「单项冠军是哪一级认定的？啥样的企业才够格」: the definition is what qualifies, no condition left unsaid).
    defines = bool(clauses) and glossary_entry(clauses[0]) and bool(_WHAT_KIND.search(question))
    if not lines and yes_no and not defines:
        lines += _conditions_said(question, sentences[:6])
    return lines





# A growth the user states below zero (「我们厂-1%」「产值同比下降了2%」「负增长」), not the average's.
_SHRANK = re.compile(r"[-－−负]\s*\d+(?:\.\d+)?\s*[%％]|负增长"
                     r"|(?:下降|下滑|下跌|减少|萎缩|跌)了?\s*\d+(?:\.\d+)?\s*[%％]|[少降掉]了\s*\d+(?:\.\d+)?\s*[%％]")
_AVERAGE_SAID = re.compile(r"(?:平均|均值|全区|行业)[^，,。；;]{0,10}$")


def _shrank(question: str, sentences: Sequence[str]) -> list[str]:
    """「全区平均增速-3%，我们厂-1%，比平均强」 against 「增速达到全区平均水平以上且正增长」: beating a falling average
    is no growth — the 正增长 the clause also requires fails."""
    requiring = next((s for s in sentences if "正增长" in s), None)
    if requiring is None:
        return []
    for found in _SHRANK.finditer(question):
        if not _AVERAGE_SAID.search(question[: found.start()]):
            return [f"结论：按您所述不符合条件，不能享受：条款要求“{requiring}”，而您所述为「{found[0]}」，"
                    "不是正增长。"]
    return []


_OBTAIN = re.compile(r"获得|入选|认定|纳入|评为")
_ATTAINED = re.compile(r"拿到|拿了|拿的|获得|获批|批了|评上|评为|认定了|入选了|已经|已被|被认定|纳入了|进了|有了"
                       r"|(?:第一次|首次|刚|今年)(?:进|纳入|入|升)")  # 「今年第一次进规上」


_PRECONDITION = vocab.PRECONDITION


# 「具有独立法人或非法人主体资格」: every registered body is one or the other — no condition for the user to state.
_EITHER_FORM = re.compile(r"法人或(?:者)?非(?:独立)?法人")


def _conditions_said(question: str, sentences: Sequence[str]) -> list[str]:
    """The requirements of the sentence the question is about, each either stated by the user or not:
    all stated → 可以申请 (subject to review); some not → what the answer still depends on."""
    words = {t for t in tokenize(question) if len(t) >= 2}
    best = max((x for x in sentences if _requirements(x)), key=lambda x: len(words & token_set(x)), default="")
    needs = _requirements(best)
    if not needs or len(words & token_set(best)) < 3:
        return []
    # A piece that requires having obtained something (获得/入选/认定) counts as stated only when the user says
    # they have it (拿到了/获得/评上), not when they merely name it (「首台套补贴能拿吗」).
    attained = bool(_ATTAINED.search(question))
    said = [n for n in needs if (len(words & token_set(n)) >= 2 and (attained or not _OBTAIN.search(n)))
            or _EITHER_FORM.search(n)]
    left = [n for n in needs if n not in said]
    asked = _PRECONDITION.search(question)
    if asked and (need := max(needs, key=lambda n: len(token_set(asked[1]) & token_set(n)))) \
            and len(token_set(asked[1]) & token_set(need)) >= 2:
        # 「是不是得先进那个企业库」 asks whether it is required, not whether they qualify: yes, it is.
        return [f"结论：是的，需要：条款要求“{need}”（条款原文：“{best}”）"]
    if not left and APPLIES_HERE.search(best) and _AWARD_NAMED.search(question):
        # 「能申请第一条那个配套奖励吗」 against the scope clause: in scope is not yet the award's own standard.
        return [f"结论：按您所述属于适用范围，可以申请（以主管部门审核为准）：条款要求“{best}”；"
                "能否获得所问的那项支持，还须符合该项措施本身的支持标准。"]
    if not left:
        return [f"结论：按您所述符合条款所列条件，可以申请（以主管部门审核为准）：条款要求“{best}”"]
    listed = "；".join(f"“{n}”" for n in left)
    return [f"结论：能否申请还取决于您未说明的条件：{listed}（条款原文：“{best}”）"]


_AWARD_NAMED = re.compile(r"第[一二三四五六七八九十]+条|奖励|补贴|配套|奖金|资助|那[条项个笔]")


_USER_SPAN = re.compile(  # (no digit before a number: 2025年 is a year, not 25年)
    r"(?:拖了?|用了|花了|过了|隔了|跨了|历时|持续了|经过了?|付了|拖到)\s*(\d{1,2}|[一二两三四五六七八九十]{1,3})\s*(?:个)?年"
    r"|((?<!\d)\d{1,2}|[一二两三四五六七八九十]{1,3})\s*年(?:多)?才"
    # 「分四年付的」「四年付完」: a payment spread over that many years.
    r"|分\s*(\d{1,2}|[一二两三四五六七八九十]{1,3})\s*(?:个)?年(?:陆续|分批|逐步|才)?(?:付|支付|还|结清|付款|分期)"
    r"|((?<!\d)\d{1,2}|[一二两三四五六七八九十]{1,3})\s*(?:个)?年(?:才)?(?:付完|付清|结清)"
    # 「前后要四年」「四年的付款」「第三年还能接着报不」: a span, or the year asked about.
    r"|(?:前后|总共|一共|要|需要)\s*(\d{1,2}|[一二两三四五六七八九十]{1,3})\s*(?:个)?年"
    r"|第\s*(\d{1,2}|[一二两三四五六七八九十]{1,3})\s*年(?:还|也|能|可以|接着|继续)"
    # 「一直付到今年，快五年了」「前后将近四年」: a span said by its length so far.
    r"|(?:快|将近|近|差不多|接近|足足|整整)\s*((?<!\d)\d{1,2}|[一二两三四五六七八九十]{1,3})\s*(?:个)?年(?:了|多了)?"
)
_VAGUE_SPAN = re.compile(r"(?:拖|用|过|花|隔|跨|付)了?(?:好几|很多|好多|多|几)年|(?:好几|好多|很多)年(?:才|了)"
                         r"|分(?:了)?(?:好几|几|多)年")  # 「设备款是分几年付的」
_CLAUSE_LIMIT = re.compile(
    r"(原则上)?(?:不超过|不得超过|最长不超过|最长)\s*(\d{1,2}|[一二两三四五六七八九十]{1,3})\s*(?:个)?年"
)


def _year_clash(question: str, sentences: Sequence[str], said_re: re.Pattern[str], need_re: re.Pattern[str],
                *, over: bool) -> tuple[float, int, str, str] | None:
    """(user's years, clause's years, sentence, clause's words) for the first sentence the user's number of years
    fails: more than its limit (``over``) or fewer than it requires."""
    said = said_re.search(question)
    have = _years(next(g for g in said.groups() if g)) if said else None
    if have is None:
        return None
    if over and said is not None and question[said.end():said.end() + 1] == "多":
        have += 0.5  # 「拖了三年多」 is past three years
    for sentence in sentences:
        need = need_re.search(sentence)
        want = _years(need[need_re.groups]) if need else None  # the number is the pattern's last group
        if want is not None and (have > want if over else have < want):
            return have, want, sentence, need[0]
    return None


# 「2021年签的合同，到2025年才付清」: a span given by its first and last calendar years.
_CALENDAR = re.compile(r"((?:19|20)\d\d)\s*年[^。？?]{0,20}?(?:到|至|直到|一直到)\s*((?:19|20)\d\d)\s*年"
                       r"(?:才|底|初)?(?=付清|付完|结清|付款|还清|完成)")


def _calendar_span(question: str) -> str:
    """The span said as one (历时4年), so 2025年 is not read as 25年."""
    m = _CALENDAR.search(question)
    if m is None or int(m[2]) <= int(m[1]):
        return question
    return f"{question[: m.start()]}历时{int(m[2]) - int(m[1])}年{question[m.end():]}"


def over_a_limit(question: str, sentences: Sequence[str]) -> list[str]:
    """「发票付款拖了四年才付清，还算不算」 against 「实际付款周期原则上不超过三年」: a span over the limit."""
    question = _calendar_span(question)
    clash = _year_clash(question, sentences, _USER_SPAN, _CLAUSE_LIMIT, over=True)
    if not clash:
        # 「两年付完，能算吗」: within the limit — it counts (the other conditions of the sentence still apply).
        said = _USER_SPAN.search(question)
        have = _years(next(g for g in said.groups() if g)) if said else None
        within = next(((s, n[0]) for s in sentences if (n := _CLAUSE_LIMIT.search(s))), None)
        if have is None and within is not None and _VAGUE_SPAN.search(question):
            # 「拖了好几年的还算不算」: no number to test — the limit decides, said both ways.
            limit = _CLAUSE_LIMIT.search(within[0])
            hedge, most = limit[1] or "", limit[limit.re.groups]
            return [f"结论：看实际年数：条款规定“{within[0]}”，超过{most}年的{hedge}不算，{most}年以内的可以计入。"]
        if have is None or within is None:
            return []
        most = _years(_CLAUSE_LIMIT.search(within[0])[_CLAUSE_LIMIT.groups])
        return [f"结论：可以计入：条款规定“{within[0]}”，您所述为{have}年，未超过{most}年。"] if most else []
    have, most, sentence, words = clash
    hedge = "原则上" if words.startswith("原则上") else ""
    if (said := _USER_SPAN.search(question)) and said[0].startswith("第"):  # the year asked about, not a span
        return [f"结论：{hedge}不能：条款规定“{sentence}”，第{have}年已超出{most}年的期限。"]
    more = "多" if have != int(have) else ""
    return [f"结论：{hedge}不算：条款规定“{sentence}”，您所述为{int(have)}年{more}，超过{most}年。"]


_N = r"(\d{1,2}|[一二两三四五六七八九十]{1,3})"
_USER_RUN = re.compile(
    rf"(?:连续|连着|一连|接连|才|刚|只有|仅|已经|满|保持了?|维持了?|是第)[^，。,；]{{0,6}}?{_N}\s*(?:个)?年")
_CLAUSE_RUN = re.compile(rf"连续\s*{_N}\s*(?:个)?年")


def _too_few_years(question: str, sentences: Sequence[str]) -> list[str]:
    """「进规上才连续两年」 against 「连续三年保持在规模以上」: fewer years than the clause requires."""
    clash = _year_clash(question, sentences, _USER_RUN, _CLAUSE_RUN, over=False)
    if not clash:
        return []
    have, want, sentence, _ = clash
    return [f"结论：按您所述暂不符合条件：条款要求“{sentence}”，您所述为{have}年，不足{want}年。"]


_CONTINUOUS = re.compile(r"连续([两二三四五六七八九十\d]{1,2})年")
# 「前年进了规上，去年掉出去了，今年又回来」: a run with a gap in it.
_GAP = re.compile(r"掉出|跌出|退出|掉下来|掉了|没保住|中断|断了|断过|中间[^，。；,]{0,6}(?:没|不)"
                  r"|有一年(?:没|不)|又回到|重新(?:回到|进入?|纳入)|又进了?")


def _run_broken(question: str, sentences: Sequence[str]) -> list[str]:
    """「去年掉出去了，今年又回到规上」 against 「连续三年保持在规模以上」: the run the clause requires is broken."""
    gap = _GAP.search(question)
    if not gap:
        return []
    for sentence in sentences:
        need = _CONTINUOUS.search(sentence)
        if need:
            starts = [m.end() for m in re.finditer(r"[，。；,？?！!]", question[: gap.start()])]
            phrase = re.split(r"[，。；,？?！!]", question[starts[-1] if starts else 0 :])[0]
            return [f"结论：按您所述不符合条件，不能享受：条款要求“{sentence}”，而您所述中间有中断"
                    f"（「{phrase.strip()}」），不是{need[0]}。"]
    return []





_FIRST = re.compile(r"(?:首次|第一次)([\u4e00-\u9fff]{2})")


def _not_first(question: str, sentences: Sequence[str]) -> list[str]:
    """「三年前贷过一次款，今年又贷了一笔」 against 「仅支持首次贷款贴息」: the thing is not the user's first.
    Levels (首次达到5亿) are the calculator's: a higher tier is reached for the first time on its own."""
    for sentence in sentences:
        for m in _FIRST.finditer(sentence):
            if m[1] in ("达到", "突破", "超过", "进入"):
                continue
            c = re.escape(m[1][0])
            again = re.search(rf"(?:又|再次?|第[二三四]次|第[二三四]回)[^，。；,]{{0,8}}{c}|{c}过|"
                              rf"(?:以前|之前|前几年|早年|曾经?)[^，。；,]{{0,8}}{c}", question)
            if again:
                return [f"结论：按您所述不符合条件，不能享受：条款只支持“{m[0]}”（“{sentence}”），"
                        f"而您所述为「{again[0]}」，不是第一次。"]
    return []


_WITHOUT = re.compile(r"(?:没有|无|未发生|未受到|未被)([\u4e00-\u9fff]{3,10}?)(?:的|，|。|；|$)")


def _has_what_is_excluded(question: str, sentences: Sequence[str]) -> list[str]:
    """A clause admits only those without X (「近三年以来没有严重失信记录」) and the user has X."""
    for sentence in sentences:
        for m in _WITHOUT.finditer(sentence):
            thing = m[1]
            pos = question.find(thing)
            if pos < 0:
                continue
            before = question[max(0, pos - 6) : pos]
            if re.search(r"没有|没|无|未", before):
                continue  # the user says they do not have it either
            return [f"结论：按您所述不符合条件，不能申报：条款要求“{sentence}”，而您所述有「{thing}」。"]
    return []


_SCOPE_WORDS = re.compile(r"适用于|包括|支持对象|对象为|面向")


def fits_scope(question: str, sentences: Sequence[str], asker: str) -> str | None:
    """The user describes themself in the words of a clause's scope sentence (「给工厂做数字化改造的
    软件公司」 against 「为制造业企业提供数字化、智能化改造服务的软件和信息服务业企业」)."""
    mine = {t for t in tokenize(asker) if len(t) >= 2}
    best, shared = "", 0
    for sentence in sentences:
        if not _SCOPE_WORDS.search(sentence):
            continue
        n = len(mine & token_set(sentence))
        if n > shared:
            best, shared = sentence, n
    return best if shared >= 3 else None


def grams4(text: str) -> set[str]:
    """Every run of four Chinese characters: two shared runs mean a listed case is named."""
    cjk = re.sub(r"[^\u4e00-\u9fff]", "|", text)
    return {cjk[i : i + 4] for i in range(len(cjk) - 3) if "|" not in cjk[i : i + 4]}


_EXCLUDES = re.compile(r"不予支持|不予受理|不得申报|不予资助|不予奖励|不纳入支持范围")


def named_case(question: str, clauses: Sequence[Clause]) -> tuple[Clause, str] | None:
    """The clause listing cases that get no support (「有下列情形的不予支持：被列入…限制类范围的；…」) and the
    listed case the user says they are in — two runs of four characters shared, not denied just before."""
    asked = grams4(question)
    for clause in clauses:
        if not _EXCLUDES.search(clause.text):
            continue
        for item in re.split(r"[；;。：:]", clause.text):
            shared = asked & grams4(item)
            if len(shared) >= 2:
                pos = min(question.find(t) for t in shared)
                if not re.search(r"没|未|不是|不属于", question[max(0, pos - 6) : pos]):
                    return clause, item.strip()
    return None


def _in_an_excluded_case(question: str, clauses: Sequence[Clause]) -> list[str]:
    found = named_case(question, clauses)
    return [f"结论：按您所述属于不予支持的情形，不能申报：条款规定“{found[1]}”不予支持。"] if found else []


_ENOUGH = re.compile(r"只要([^，。,；？?]{2,24}?)就(?:行|可以|能|够|没问题)")
_WAIVED = re.compile(
    r"([^，。,；？?]{2,16}?)(?:比不比|有没有|达不达标|够不够)?(?:都)?(?:无所谓|不用管|没关系|不影响|不重要|不用看)"
)
_REQUIRES = re.compile(r"达到|以上|超过|具备|具有|获得|满足|不低于|正增长|高于|认定|纳入|符合|登记注册|没有|入选")


def _requirements(sentence: str) -> list[str]:
    """The conditions a clause sentence sets, piece by piece
    (「增速达到全区平均水平以上且正增长，增量达到500万元以上的」)."""
    head = re.split(r"[，,]?(?:按照|按不超过|给予|予以)", sentence)[0]  # what follows is the award, not a condition
    pieces = re.split(r"[，,；;]|且(?!正)|并且|同时", head)
    return [p.strip() for p in pieces if _REQUIRES.search(p) and len(p.strip()) >= 4]


def condition_claims(question: str, clauses: Sequence[Clause]) -> list[str]:
    """「只要增量过了500万就行吧？增速无所谓吧？」: a condition said to be enough, or one said not to matter,
    against the conditions the clause sets — 不对 with the conditions the user leaves out."""
    enough = _ENOUGH.search(question)
    waived = [m[1] for m in _WAIVED.finditer(question)]
    if not enough and not waived:
        return []
    said = enough[1] if enough else ""
    words = {t for t in tokenize(" ".join([said, *waived])) if len(t) >= 2}
    pairs = [(s, i) for i, c in enumerate(clauses[:2], start=1) for s in sentences_of([c])]
    best, marker = max(pairs, key=lambda p: len(words & token_set(p[0])), default=("", 0))
    needs = _requirements(best)
    if not needs:
        return []
    covered = {t for t in tokenize(said) if len(t) >= 2}
    left = [n for n in needs if not covered & token_set(n)]
    dropped = [n for n in needs if any({t for t in tokenize(w) if len(t) >= 2} & token_set(n) for w in waived)]
    missing = list(dict.fromkeys([*dropped, *left]))
    if not missing:
        return []
    listed = "；".join(f"“{n}”" for n in missing)
    return [f"结论：不对，条款还要求{listed}，须同时满足，不是只看您说的条件。条款原文：“{best}”[{marker}]"]
