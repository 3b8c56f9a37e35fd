"""Which rules a question is about: a rule is a candidate only when its clause is among the
clauses retrieval found for the question (agreement on the topic); the question's words
and figures then rank the candidates. A keyword alone never brings a rule in."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence

from policyqa.rules.bind import GENERIC, label_cues
from policyqa.types import AwardRule, Clause, Hit
from policyqa.understand.facts import Facts, without_likeness

_STRIP = re.compile(r"[\s()（）“”\"'‘’「」『』《》〈〉【】]")
MAX_RULES = 3
_TOTAL_ASKED = re.compile(r"加起来|加一起|加在一起|一共|合计|总共|总计|共计")
TOP_HITS = 3
WIDE_HITS = 5


def normalized(text: str) -> str:
    """The form headings and keywords are matched in."""
    return _STRIP.sub("", unicodedata.normalize("NFKC", text)).lower()


_LEAD = re.compile(r"^第[一二三四五六七八九十百]+条\s*")
_VERB = re.compile(r"^(?:支持|鼓励|加大|推动|促进|加强|强化|优化|提升|做好)")


def heading(clause: Clause) -> str:
    """A clause's heading: its title, or a short opening sentence (「支持成套装备应用示范。」) without
    its leading verb — the words a question uses to name the clause."""
    text = clause.title or _LEAD.sub("", clause.text).split("。")[0]
    text = _VERB.sub("", normalized(text))
    return text if 4 <= len(text) <= 16 else ""


def clause_rank(rule: AwardRule, clause_ids: Sequence[str]) -> int | None:
    for rank, cid in enumerate(clause_ids):
        if cid == rule.clause_id or cid.startswith(rule.clause_id + "#"):
            return rank
    return None


@functools.lru_cache(maxsize=4096)
def _spelled_out(keyword: str) -> re.Pattern[str] | None:
    """A keyword's characters in order with up to two between each: the long form a user types for a
    clause's abbreviation (委外加工 ← 「零件委托外头加工」, 首试首用 ← 「首次试用首次应用」)."""
    if len(keyword) < 3 or not all("\u4e00" <= ch <= "\u9fff" for ch in keyword):
        return None
    return re.compile(".{0,2}".join(map(re.escape, keyword)))


def keyword_score(rule: AwardRule, latest: str, earlier: str = "") -> float:
    """Matched keywords weighted by length; those in the latest turn count double, a keyword found
    only spelled out (its characters in order, a few apart) counts half."""
    score = 0.0
    for keyword in {normalized(k) for k in rule.keywords}:
        if keyword in latest and affirmed(latest, keyword):
            score += 2 * len(keyword)
        elif keyword in latest:
            continue  # 「不搞委外加工」: a keyword the asker denies does not point at its award
        elif keyword in earlier:
            score += len(keyword)
        elif (pattern := _spelled_out(keyword)) is not None and pattern.search(latest):
            score += len(keyword)
        elif _abbreviated(keyword, latest):
            score += len(keyword)
    return score


def _abbreviated(keyword: str, text: str) -> bool:
    """The user's three-character short form of a keyword (国高新 ← 国家高新): the keyword's first
    character, then two more of it in order, not a run of the keyword itself."""
    if len(keyword) < 4 or len(keyword) > 9:
        return False
    for i in range(len(text) - 2):
        gram = text[i : i + 3]
        if gram[0] != keyword[0] or gram in keyword or not all("\u4e00" <= ch <= "\u9fff" for ch in gram):
            continue
        rest = iter(keyword[1:])
        if all(ch in rest for ch in gram[1:]):
            return True
    return False


def fact_fit(rule: AwardRule, facts: Facts) -> float:
    """A stated figure named like the rule's base or level (市级…/研发费用增量…) points at it;
    a level reached (首次到12亿) points at a tier table rather than at a rate on the same figure."""
    if rule.kind == "per_unit" and any(c.unit == rule.unit_label for c in facts.counts):
        return 2.0  # 「培育起来12家」: a number of the rule's own units points at it
    wanted = (label_cues(rule.base_label) | label_cues(rule.threshold_label)) - GENERIC
    if not wanted:
        return 0.0
    best = 0.0
    for fact in facts.money:
        if fact.increment and rule.kind == "tiers":
            continue  # 「产值少了800万」「多了300万」: a change, not a level a tier table tests
        fit = 2.0 * len(fact.cues & wanted)
        if fit and fact.reached:
            fit += 2.0 if rule.kind == "tiers" else -1.0
        best = max(best, fit)
    return best


_SELF = re.compile(r"(?:我们是|我们作为|我们在|我司是|本公司是|我们)([^,，。.？?；;]{1,24})")
_ASKING = re.compile(r"([^,，。.？?；;]{1,6})(?:能拿|可以拿|拿多少|能给|给多少|能补|补多少|能配|配多少|能申请)")


_POINTED = re.compile(
    r"([\u4e00-\u9fff]{2,8}?)(?:的)?(?:那一?条|这一?条|那一?项|这一?项|那一?档|这一?档|那块|那个(?:政策|奖励|补贴|支持))"
)
_THIRD = re.compile(r"他们|他|她|对方|人家|别人|别家")


# 「我们跟一家揭榜企业签了」: the one the user signs with is the other party, not the user.
COUNTERPARTY = re.compile(r"(?:跟|和|与|同)([^，,。.？?；;]{1,14}?)(?:签|合作|对接|谈|订)")


def who_asks(text: str) -> str:
    """The words that say who the user is or who would receive the award (「我们是…揭榜企业」, 「发榜方能拿」)."""
    # 「发榜方说他们能拿30%」 says who else gets what: a third party is not the asker.
    asking = [m[1] for m in _ASKING.finditer(text) if not _THIRD.search(m[1])]
    return " ".join([*(COUNTERPARTY.sub("", m[1]) for m in _SELF.finditer(text)), *asking])


def _counterparty_named(rule: AwardRule, siblings: Sequence[AwardRule], text: str) -> bool:
    """The rule's own side (揭榜 for the 揭榜企业 rule, as its subject names it) is said only as the other party."""
    other = {normalized(k) for r in siblings if r.rule_id != rule.rule_id for k in r.keywords}
    own = {normalized(k) for k in rule.keywords if normalized(k) in normalized(rule.subject)} - other
    parties = " ".join(m[1] for m in COUNTERPARTY.finditer(text))
    return bool(own) and any(k in parties for k in own)


def _grams(text: str) -> set[str]:
    return {text[i : i + n] for n in (2, 3) for i in range(len(text) - n + 1)}


_LEVEL_WORDS = ("国家级", "市级", "区级")


def level_fit(rule: AwardRule, facts: Facts) -> float:
    """The level the user said last (「那市级的呢」) against the level a sibling rule is for."""
    if not facts.levels:
        return 0.0
    said = facts.levels[-1]
    subject = rule.subject.replace("北京市", "市级")
    if "区级配套" in subject:  # 「…的区级配套」 names who pays, not the level of what was won
        if said == "区级":
            return 0.0
        subject = subject.replace("区级配套", "配套")
    named = [w for w in _LEVEL_WORDS if w in subject]
    if not named:
        return 0.0
    return 6.0 if said in named else -6.0


def subject_score(rule: AwardRule, siblings: Sequence[AwardRule], text: str) -> float:
    """Who the user is, against what tells this rule from the other rules of its clause
    (揭榜企业 vs 发榜企业): only the pieces of the subject its siblings do not share count."""
    others = [_grams(normalized(r.subject)) for r in siblings if r.rule_id != rule.rule_id]
    if not others:
        return 0.0
    own = _grams(normalized(rule.subject)) - set().union(*others)
    asker = normalized(who_asks(text))
    return 5.0 if any(g in asker for g in own) else 0.0  # a tie-breaker between siblings, not a topic


def select_rules(
    rules: Sequence[AwardRule],
    hits: Sequence[Hit],
    facts: Facts,
    latest: str,
    earlier: str = "",
    doc_ids: Sequence[str] | None = None,
    prefer: Sequence[str] = (),
    rest: str = "",
) -> list[AwardRule]:
    """Rules of the top hits' clauses, best first (at most ``MAX_RULES``, within half the best score).

    ``prefer`` are rule ids the conversation was already about (a follow-up keeps to them); ``rest`` is
    the rest of a turn this is a part of, read only for which variant of a clause is meant.
    """
    if not hits:
        return []
    top = hits[0].score
    clause_ids = [h.clause.clause_id for h in hits[:TOP_HITS] if h.score >= 0.5 * top]
    wider = [h.clause.clause_id for h in hits[:WIDE_HITS] if h.score >= 0.5 * top]
    latest, earlier = normalized(without_likeness(latest)), normalized(earlier)
    # A clause whose own heading the question names (「成套装备应用示范支持多少」) is agreed on by both.
    titled = {h.clause.clause_id for h in hits[:TOP_HITS] if (t := heading(h.clause)) and t in latest}
    asker = normalized(who_asks(latest))
    pointed = " ".join(m[1] for m in _POINTED.finditer(latest))
    scored: list[tuple[float, int, AwardRule]] = []
    for order, rule in enumerate(rules):
        if doc_ids is not None and rule.clause_id.split("#")[0] not in doc_ids:
            continue
        rank = clause_rank(rule, clause_ids)
        if rank is None and keyword_score(rule, latest) and fact_fit(rule, facts) >= 2:
            # A figure named like the rule's label and the rule's own words: a little lower is enough.
            rank = clause_rank(rule, wider)
        if rank is None and named_outright(rule, rules, latest):
            rank = len(clause_ids)  # 「…重点实验室，另外…奖励300万」: an award named outright, past the top hits
        if rank is None and rule.rule_id in prefer:
            rank = 0  # the conversation is already about this award
        if rank is None:
            continue
        words = keyword_score(rule, latest, earlier)
        fit = fact_fit(rule, facts)
        named = clause_rank(rule, list(titled)) is not None
        if words == 0 and fit == 0 and not named and rule.rule_id not in prefer:
            continue  # retrieval alone never brings a figure in: the question's own words must agree
        siblings = [r for r in rules if r.clause_id == rule.clause_id]
        score = words + fit + subject_score(rule, siblings, latest) + level_fit(rule, facts) + _stage_said(rule, latest)
        # (the other party an earlier turn named stands until this turn names a side: 「那揭榜这边呢」)
        said = latest if any(keyword_score(r, latest) for r in siblings) else f"{latest} {earlier}"
        score -= 10.0 if _counterparty_named(rule, siblings, said) else 0.0
        # A keyword in the words that say who asks (「我们作为揭榜方」) outweighs one naming a counterparty
        # elsewhere in the question (「跟发榜方签了合同」).
        score += sum(len(k) for k in {normalized(k) for k in rule.keywords} if k in asker)
        # 「丰台转型那条」「按产值增量那条」: the words before 那条 name the award the user means.
        score += 10.0 if any(k in pointed for k in {normalized(k) for k in rule.keywords}) else 0.0
        score += max(3.0 - 1.5 * rank, 0.5)
        score += 20.0 if rule.rule_id in prefer else 0.0
        scored.append((score, order, rule))
    if not scored:
        return []
    scored.sort(key=lambda t: (-t[0], t[1]))
    best = scored[0][0]
    chosen = [rule for score, _, rule in scored[:MAX_RULES] if score >= best / 2]
    # 「首次达标奖+营收增量奖」: an award adding up with the best one, on the figures the user gave, is a candidate
    # however few of its own words are said (the calculator then decides whether it is due).
    # (not when the user points at one award: 「按营收首次达到规模那档能拿多少」 asks that one alone)
    one = any(k in pointed for k in {normalized(k) for k in chosen[0].keywords}) and not _TOTAL_ASKED.search(latest)
    chosen += [rule for _, _, rule in scored if rule not in chosen and cumulative(rule, chosen[0])
               and fact_fit(rule, facts) > 0 and not one]
    # 「评上了智能工厂…投了180万；另外拿到绿色工厂建设资金600万…这两块加起来」: a total asked over awards
    # the user names, each with its own figure, takes every such award — not only those near the best score.
    if _TOTAL_ASKED.search(latest):
        chosen += [rule for _, _, rule in scored if rule not in chosen and keyword_score(rule, latest) > 0
                   and fact_fit(rule, facts) > 0 and not any(alternative(rule, c) for c in chosen)]
    return named_siblings(chosen, rules, latest + earlier + normalized(rest), latest)


_LEVELS_SAID = re.compile(r"国家级|市级|北京市|国家|[（(][^）)]{1,8}[）)]")


_LATER_ASKED = re.compile(r"还能再|再拿|再给|还能拿|又|次年|第二年|后续|接着")


def _stage_said(rule: AwardRule, said: str) -> float:
    """「今年工业产值增速又超过行业平均了，还能再拿」: a later stage's own words said back (4-character runs)."""
    if not _LATER_ASKED.search(said):
        return 0.0
    runs = {label[i : i + 4] for label, _ in rule.stages[1:] for i in range(len(label) - 3)}
    said_back = sum(1 for run in runs if run in said)
    return min(6.0, 2.0 * said_back) if said_back >= 2 else 0.0


def _variant_free(subject: str) -> str:
    """A subject without its level (市级智能工厂（先进级） / 国家级智能工厂（卓越级和领航级）)."""
    return normalized(_LEVELS_SAID.sub("", subject))


def parallel(a: AwardRule, b: AwardRule) -> bool:
    """Two variants of one award told apart by a word or two (工业 / 软件和信息服务业 升规纳统)."""
    ga, gb = _grams(_variant_free(a.subject)), _grams(_variant_free(b.subject))
    return len(ga & gb) >= 0.7 * min(len(ga), len(gb))


def alternative(a: AwardRule, b: AwardRule) -> bool:
    """Two awards of one clause a recipient gets one of: the same kind on the same figure for different
    recipients (高新技术企业 / 小巨人 staged payments; 先进级 / 卓越级 / 灯塔工厂 on 设备和软件投入).
    A tier table and a rate on the increment (首次达到 / 产值增量) differ in kind or figure and add up."""
    same = (a.kind, a.base_label, a.threshold_label) == (b.kind, b.base_label, b.threshold_label)
    return a.clause_id == b.clause_id and (parallel(a, b) or same) and not cumulative(a, b)


def cumulative(a: AwardRule, b: AwardRule) -> bool:
    """Two awards of one clause on one quantity that add up: a tier reached and a rate on the increase
    (营业收入首次达到5亿 / 营业收入增量的0.5%) — different kinds on the same figure named alike."""
    def cues(rule: AwardRule) -> set[str]:
        return (label_cues(rule.base_label) | label_cues(rule.threshold_label)) - GENERIC
    return a.clause_id == b.clause_id and a.kind != b.kind and bool(cues(a) & cues(b))


def _without(said: str, words: set[str]) -> str:
    """The question without the siblings' shared words: 揭榜 inside 揭榜挂帅 names neither side."""
    for word in sorted(words, key=len, reverse=True):
        said = said.replace(word, " ")
    return said


def _says(said: str, keyword: str, shared: set[str]) -> bool:
    """The question names ``keyword`` itself: not inside a shared word (揭榜 in 揭榜挂帅), not denied (不是小巨人)."""
    return affirmed(_without(said, {w for w in shared if keyword in w and w != keyword}), keyword)


def affirmed(said: str, keyword: str) -> bool:
    """Some mention of ``keyword`` is not denied right before it."""
    return any(not _DENIED_BEFORE.search(said[: m.start()]) for m in re.finditer(re.escape(keyword), said))


# 「不是小巨人」「不搞委外加工」「没开展过委外」: the asker denies being or doing what the keyword names.
_DENIED_BEFORE = re.compile(r"(?:不是|并非|不属于|没有|没|未|不|无)(?:搞|做|开展|从事|涉及|参与|是|属于|有)?过?$")


_PLAIN_PAIRS = frozenset({"支持", "补贴", "企业", "配套", "资金", "项目", "获得", "首次"})


def _subject_word_said(rule: AwardRule, chosen: Sequence[AwardRule], said: str) -> bool:
    """「工业的和软件的各给多少」: a two-character word of the subject that its parallel variant lacks."""
    for other in chosen:
        if other.clause_id == rule.clause_id and other.rule_id != rule.rule_id and parallel(rule, other):
            own = {g for g in _grams(normalized(rule.subject)) - _grams(normalized(other.subject))
                   if len(g) == 2 and g not in _PLAIN_PAIRS and all("\u4e00" <= ch <= "\u9fff" for ch in g)}
            if any(g in said for g in own):
                return True
    return False


def named_siblings(
    chosen: list[AwardRule], rules: Sequence[AwardRule], text: str, latest: str = ""
) -> list[AwardRule]:
    """Of two alternatives in one clause (parallel variants, or one award for different recipients), only the
    one the question names by a keyword the other lacks (「升规纳统的软件企业…合计」 is the 软件 rule, not the
    工业 one; 「首次认定高企」 is not the 小巨人 one). A rule with no keyword of its own, or whose own keyword is
    said, stays. A variant the latest turn names alone wins over one an earlier turn named (「那对面揭榜的那家呢」
    after a 发榜 question)."""

    def naming(said: str) -> dict[str, bool]:
        named: dict[str, bool] = {}
        for rule in chosen:
            shared = {normalized(k) for r in rules if r.clause_id == rule.clause_id and r.rule_id != rule.rule_id
                      for k in r.keywords}
            own = {normalized(k) for k in rule.keywords} - shared
            named[rule.rule_id] = not own or any(_says(said, k, shared) for k in own) \
                or _subject_word_said(rule, chosen, said)
        return named

    def keep(named: dict[str, bool]) -> list[AwardRule]:
        return [rule for rule in chosen if named[rule.rule_id] or not any(
            named[other.rule_id] and other.rule_id != rule.rule_id and alternative(rule, other)
            for other in chosen)]

    said = normalized(text)
    # 「不搞委外加工…按产值增量那条」: a variant whose own word the asker denies gives way to its alternative.
    refused = {rule.rule_id for rule in chosen if denied(rule, rules, said)}
    chosen = [rule for rule in chosen if rule.rule_id not in refused or not any(
        other.rule_id not in refused and alternative(rule, other) for other in chosen)]
    whole = keep(naming(said))
    # 「我们其实是揭榜那一方…跟发榜方签了」: the variant the asker is names the one asked about — unless both
    # sides are asked (「发榜方能拿多少、我们揭榜方能拿多少，两家加起来」).
    if latest and not re.search(r"两家|两边|双方|加起来|一共|合计|分别|各自", latest):
        mine = keep(naming(normalized(" ".join(COUNTERPARTY.sub("", m[1]) for m in _SELF.finditer(latest)))))
        if mine and len(mine) < len(whole) and set(mine) <= set(chosen):
            return mine
    if latest and latest != text:
        now = keep(naming(normalized(latest)))
        if len(now) < len(whole):  # the latest turn picks one variant where the conversation named both
            return now
    return whole


def denied(rule: AwardRule, rules: Sequence[AwardRule], said: str) -> bool:
    """The question says the rule's own keyword (one its siblings lack) only to deny it (揭榜挂帅: neither)."""
    shared = {normalized(k) for r in rules if r.clause_id == rule.clause_id and r.rule_id != rule.rule_id
              for k in r.keywords}
    own = {k: _without(said, {w for w in shared if k in w and w != k}) for k in {normalized(k) for k in rule.keywords}
           if k not in shared}
    mentioned = [k for k, text in own.items() if k in text]
    return bool(mentioned) and not any(affirmed(own[k], k) for k in mentioned)


def other_party(rule: AwardRule, asked: AwardRule) -> bool:
    """Variants of one clause for two parties (发榜企业 / 揭榜企业): what one gets is no answer for the other."""
    roles = [set(re.findall(r"([\u4e00-\u9fff]{2})企业", r.subject)) for r in (rule, asked)]
    return parallel(rule, asked) and all(roles) and roles[0] != roles[1]


def unlabelled(rules: Sequence[AwardRule], text: str) -> str:
    """The text without the rules' own 和-phrases (设备和软件投入): that 和 joins one figure's name, it does
    not ask about two awards."""
    for label in {r.base_label for r in rules if "和" in r.base_label}:
        for m in re.finditer(r"[\u4e00-\u9fff]{2}和[\u4e00-\u9fff]{2}", label):
            text = text.replace(m[0], "")
    return text


def named_outright(rule: AwardRule, rules: Sequence[AwardRule], text: str) -> bool:
    """The question names this award by a keyword of four or more characters that its own priced sentence says
    and no other clause's rule has (重点实验室 is 第九条's alone; 新一代信息技术 names a section, 自动驾驶 a field)."""
    said = normalized(text)
    for keyword in (normalized(k) for k in rule.keywords if len(k) >= 4 and k in rule.quote):
        owners = {r.clause_id for r in rules if keyword in map(normalized, r.keywords)}
        if keyword in said and owners == {rule.clause_id}:
            return True
    return False
