"""What the documents can answer at all: cited articles, absent articles, places without
documents, topics a district never mentions, and programmes pinned on the wrong district."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from policyqa import numbers
from policyqa.answer.articles import ARTICLE
from policyqa.answer.conditions import grams4
from policyqa.answer.library import Library, token_set
from policyqa.answer.sentences import glossary_entry
from policyqa.answer.unknown_words import bridged, named_support
from policyqa.serialize import book_title
from policyqa.tokenize import normalize, tokenize, word_frequency
from policyqa.types import Clause, Hit
from policyqa.understand import vocab
from policyqa.understand.facts import negated_phrases
from policyqa.understand.frame import QuestionFrame
from policyqa.understand.places import elsewhere_in  # noqa: F401 - part of this stage's API

# Words with which a clause grants support (「特制定本政策」 grants nothing).
GRANTS = re.compile(r"给予|予以|补贴|奖励|资助|贴息|配套|支持(?:实施|建设|开展|引进|企业|符合)")
# A measure that backs a named thing without money (「支持心血管医疗器械创新成果落地转化，建立专项引导基金」):
# support, when support is what is asked, though no amount is granted.
BACKS = re.compile(r"支持[^，。；]{2,24}?(?:建设|落地|转化|发展|集聚|入驻|布局|申请|开展)|建立[^，。；]{0,8}基金"
                   r"|鼓励[^，。；]{2,24}?(?:开展|建设|发展|申请|入驻|集聚)")

QUOTED = re.compile(r"[“「『\"]([^”」』\"]{2,20})[”」』\"]")
# Words of a question that say nothing about its topic (kept out of the topic checks).
GENERIC = frozenset(
    "企业 公司 政策 措施 文件 支持 多少 什么 哪些 哪个 哪几个 怎么 是否 能否 可以 能不能 给予 给 拿 补 钱 最高 最多"
    " 奖励 补贴 资金 规定 要求 条件 申请 申报 享受 区 区里 现在 今年 去年 具体 到底 那个 这个 那边 这边 我们 听说"
    " 一下 情况 相关 有没有 还有 分别 标准 一样 政府 北京 北京市 如果 要是 那么 配套 能拿 一共"
    " 封顶 上限 顶格 比例 门槛"  # (how an award is bounded or rated: 「单个项目封顶多少」 asks its figure, not a topic)
    " 换成 改成 换到 变成 假如 假设 那要 类似 相似 同样 这种 那种 这类 那类 之类 这块 那块 这边"
    " 能补 能给 能配 补多少 给多少 几个 这几个 哪几个 几个区 单个 一年 每年 报销"
    # comparison words say how a figure stands, not what the question is about
    " 高于 低于 超过 多于 少于 不到 达到 以上 以下 比较 差不多"
    # nor do words of manner (统一按年营收5%给): how a figure is said to be paid, not what for
    " 统一 一律 按年 按月 按季度 全部 全都 统统 每人 每家 每个 每位"
    # nor the spoken 「first time」 and 「which tier」 (头回冲到28个亿，能拿哪一档)
    " 头回 头一回 一回 头一次 第一次 第一 一次 哪一档 哪档 一档 档位".split()
)



def content_tokens(lib: Library, text: str) -> list[str]:
    aliases = lib.corpus.district_aliases
    return [
        t
        for t in dict.fromkeys(tokenize(text))
        if len(t) >= 2 and t not in GENERIC and not t.isdigit() and not any(t in a for a in aliases)
    ]


def topic_terms(lib: Library, text: str) -> set[str]:
    """Words that name a subject: policy terms and the award table's keywords (not 实际, 搞错)."""
    keywords = {k for r in lib.rules for k in r.keywords}
    return {t for t in content_tokens(lib, text) if t in lib.policy_terms or t in keywords}


def shares_topic(lib: Library, before: str, now: str) -> bool:
    """Does ``now`` continue ``before``? A turn naming no subject of its own does; one naming a
    subject continues only if the earlier turns named it too."""
    mine = topic_terms(lib, now)
    if not mine:
        return True
    return bool(mine & set(content_tokens(lib, before)))


_LIKEWISE = re.compile(r"也(?:按|是|能|给|有|照)|同样|照样|一样")  # (not 类似: 「有啥类似支持」 asks its own)


def asked_text(lib: Library, frame: QuestionFrame) -> str:
    """「那怀柔呢」 after 「丰台首台套补贴多少」: a turn with no words of its own asks about the earlier topic; so
    does one with only common words that says it asks the same (「那我们厂在门头沟，也按市级资金的两成配套吗」)."""
    own = content_tokens(lib, frame.text)
    if not frame.carried or (own and not _LIKEWISE.search(frame.text)):
        return frame.text
    if own and any(0 < lib.df.get(t, 0) <= DISTINCTIVE for t in own
                   if not re.search(r"\d", t) and not _about_user(lib, t, frame.text, set())):  # (a figure: no topic)
        return frame.text
    return frame.context


def missing_topic_terms(lib: Library, frame: QuestionFrame) -> list[str]:
    """Policy terms of the question that the corpus knows but the named districts never use."""
    if not frame.districts:
        return []
    scope_vocab: set[str] = set()
    for district in frame.districts:
        scope_vocab |= lib.vocab_by_district.get(district, frozenset())
    text = asked_text(lib, frame)
    quoted = set(tokenize(" ".join(QUOTED.findall(text))))
    taken = measure_span(frame, text)
    missing = []
    others = [d.removesuffix("区") for d in lib.corpus.districts() if d not in frame.districts]
    for token in content_tokens(lib, text):
        if (token not in lib.policy_terms and token not in quoted) or _about_user(lib, token, text, taken):
            continue
        if any(o and o in token for o in others):
            continue  # 「怀柔科学城」 in a question about 亦庄: where the project came from, not the topic
        if token in lib.df and token not in scope_vocab:
            parts = [p for p in tokenize(token) if p != token and len(p) >= 2]
            if parts and all(p in scope_vocab for p in parts):
                continue  # 专精特新中小企业 written 「“专精特新”中小企业」: every part is there
            missing.append(token)
    # 「新落户丰台，揭了…的榜」: a term as rare as the missing one that the district does use (揭榜) is the
    # topic; the missing one (落户) only tells of the user.
    # It must come after the missing one, nearer the ask: 「门头沟工业企业技改投资…」 asks about 技改.
    # (its last mention: 「刚评上小巨人，琢磨落户哪个区…对小巨人分别怎么说」 asks about 小巨人 at the end)
    covered = [(lib.df[t], text.rfind(t)) for t in content_tokens(lib, text)
               if t in lib.policy_terms and t in scope_vocab and t in lib.df]
    # (a term the user is deciding about — 「在丰台和怀柔之间考虑落户」 — gives way to any covered term, wherever)
    missing = [t for t in missing if not any(_deliberated(t, text) or (df <= lib.df[t] and at > text.rfind(t))
                                             for df, at in covered)]
    # 「…在琢磨落户哪个区。…对小巨人分别是怎么说的？」: the sentence that asks names a topic the district uses;
    # a term only in the sentences before it tells of the user.
    ask = [s for s in re.split(r"(?<=[。！!；;])", text) if s.strip()][-1:]
    if ask and any(t in ask[0] for t in content_tokens(lib, ask[0]) if t in lib.policy_terms and t in scope_vocab):
        missing = [t for t in missing if t in ask[0]]
    return [t for t in missing if not any(t != o and t in o for o in missing)]


_MEASURES = frozenset({"营业收入", "产值", "投资", "投入", "固定资产", "研发费用", "合同金额"})


_REACHING = re.compile(r"(?:首次|第一次)?(?:超过|达到|突破|过了?|到了?|超|破)")


def measure_span(frame: QuestionFrame, text: str) -> set[int]:
    """Positions of ``text`` taken by words that only name what a stated figure measures (「去年营收8000万」,
    「营收过亿」): facts about the user, not the topic asked about — a district that never says 营收 may
    still cover the question."""
    labels = {cue for fact in frame.facts.figures for cue in fact.cues} & _MEASURES
    taken: set[int] = set()
    for word, label in vocab.ROLE_CUES:
        if label not in labels:
            continue
        for m in re.finditer(re.escape(word), text):
            end = m.end()
            if reach := _REACHING.match(text, end):
                end = reach.end()
            taken |= set(range(m.start(), end))
    # The two characters each side of a stated figure say how it was reached (冲到28个亿, 19亿出头): no topic.
    for _, start, end in numbers.find_amounts(text) if frame.facts.figures else ():
        taken |= set(range(max(0, start - 2), end + 2))
    return taken


def _deliberated(token: str, text: str) -> bool:
    """「正在丰台和怀柔之间选落户地」「琢磨搬迁到哪」: the term is what the user is deciding, not what is asked."""
    t = re.escape(token)
    return bool(re.search(rf"(?:选|挑|打算|准备|想|考虑|琢磨|计划|纠结)[^，。？?]{{0,10}}{t}"
                          rf"|{t}(?:地|到哪|哪个区|哪里|在哪)", text))


def _about_user(lib: Library, token: str, text: str, taken: set[int]) -> bool:
    at = text.find(token)
    return at >= 0 and (set(range(at, at + len(token))) <= taken or own_plan(lib, token, text))


def own_plan(lib: Library, token: str, text: str) -> bool:
    """A word the user says of their own plans (「打算落户」「刚入驻」) or of a place (「拉了一家配套厂落户丰台」)
    names no programme of anyone's."""
    t = re.escape(token)
    return bool(re.search(rf"(?:打算|准备|计划|想要?|刚刚?|已经|正在){t}"
                          rf"|{t}(?:在|到|于)?(?:{lib.places}|北京|本区|我区|区里|这边)", text))


_WHAT_IT_SAYS = re.compile(r"说的|讲的|说了?什么|讲了?什么|是什么|写的|写了什么|内容|原文|说啥|讲啥|啥意思")


def mentioned_only(lib: Library, frame: QuestionFrame, chosen: Sequence[Clause]) -> str:
    """「门头沟工业若干措施 第八条说的啥」 over a 解读 that only names 第八条 in passing: say the article's
    own text is not in the documents, so the quote is not taken for it."""
    asked = [a for a in ARTICLE.findall(frame.text) if a.endswith("条")]
    if frame.asks_for("eligibility") or not _WHAT_IT_SAYS.search(frame.text):
        return ""  # 「第九条能报吗」 asks for a verdict, which leads
    if not asked or not chosen or any(asked[0] in c.locator for c in chosen):
        return ""
    if any((term := re.match(r"([^：:，。\s]{2,12})[：:]", c.text)) and term[1] in frame.text for c in chosen[:1]):
        return ""  # 「第九条说的产业服务平台包括哪些」: the term's own definition answers
    if not any(asked[0] in c.text for c in chosen):
        return ""
    title = book_title(lib.corpus.documents[chosen[0].doc_id].title)
    return f"结论：{title}未载明{asked[0]}的原文，只在下方条款中提到{asked[0]}。"


def _side_by_side(lib: Library, frame: QuestionFrame) -> bool:
    """Two districts asked side by side (丰台和怀柔, 丰台、怀柔, 各/分别), not one where the user is registered."""
    if len(frame.districts) < 2:
        return False
    joined = _joined_names(tuple(lib.corpus.district_aliases)).search(frame.text)
    return bool(joined) or bool(re.search(r"各[给自有]|分别|哪边|哪家|哪个区", frame.text))


@lru_cache(maxsize=4)
def _joined_names(aliases: tuple[str, ...]) -> re.Pattern[str]:
    """丰台和怀柔, 丰台区、怀柔: two district names joined (built once per corpus, not per question)."""
    names = "|".join(sorted(map(re.escape, aliases), key=len, reverse=True))
    return re.compile(rf"(?:{names})(?:区)?(?:和|与|跟|、|及|还是|或者?|对比|比)(?:{names})")


def search(lib: Library, frame: QuestionFrame, k: int = 8) -> list[Hit]:
    """Retrieve for the frame: its context (this turn and what it carries), scoped to its districts."""
    query = frame.context or frame.text
    # The user's figures in the documents' words: 营收头回到了12个亿 → 营业收入 首次达到.
    for fact in frame.facts.money:
        query += " " + " ".join(sorted(fact.cues - {"资金", "支持"}))
        query += " 首次达到" if fact.reached else " 增量" if fact.increment else ""
    if vocab.TARGET_ASKED.search(frame.text) and not frame.facts.money:
        # 「产值目标是多少」: the plan says 达到…规模
        query += " 总产值规模达到 目标"
    if frame.asks_for("status"):  # people ask "到期了吗"; the documents say 有效期/施行
        query += " 有效期 施行 印发"
    if frame.asks_for("who") and re.search(r"认定|评定|评选|批准|授牌", frame.text):
        query += " 认定"  # 「示范工厂是哪些部门认定的」: a definition names who recognises the title
    elif frame.asks_for("who") and "责任单位" not in frame.text:  # "谁说了算/哪个部门拨": 负责/审定/拨付/解释
        # (「…提到REITs？责任单位是谁」 names the documents' own word: its topic finds the clause that has it)
        query += " 负责 审定 拨付 解释 责任单位"
    hits = lib.retriever.search(query, k=k, doc_ids=lib.scope(frame.districts))
    if _side_by_side(lib, frame) and len({lib.corpus.documents[h.clause.doc_id].district for h in hits[:3]}) < 2:
        # 「刚升规的企业，丰台和怀柔都给钱吗」: one district's wording (升规) must not crowd out the other's clause
        each = [lib.retriever.search(query, k=k, doc_ids=lib.scope((d,))) for d in frame.districts]
        hits = list(dict.fromkeys(h for rank in zip(*each, strict=False) for h in rank))[:k]
    # A clause whose own heading the question names verbatim answers it better than a neighbour
    # that merely mentions the words (not when support is asked for: that wants the grant).
    named = [h for h in hits if len(h.clause.title) >= 3 and normalize(h.clause.title) in frame.text]
    if named and not re.search(r"支持|给予|奖励|补贴|扶持|资助", frame.text):
        best = max(named, key=lambda h: len(h.clause.title))
        hits = [best, *(h for h in hits if h is not best)]
    # 「“四大主导产业”是哪四个」: the clause that coins the term (…(以下简称“四大主导产业”)) defines it.
    if not frame.facts.money or frame.asks_for("list", "definition"):
        docs = lib.scope(frame.districts)
        for term in QUOTED.findall(frame.text):
            coined = re.compile(rf"(?:以下简称|以下统称|简称|统称)[“\"「]{re.escape(term)}[”\"」]")
            clause = next((c for c in lib.corpus.clauses if (docs is None or c.doc_id in docs)
                           and coined.search(c.text)), None)
            if clause is not None:
                hits = [Hit(clause, hits[0].score if hits else 1.0, ("coined",)),
                        *(h for h in hits if h.clause is not clause)]
                break
    return hits


# What the user says of their legal form or registration → the clause word that rules on it.
_SAID_FORM = ((re.compile(r"分公司|分支机构|办事处"), "法人"), (re.compile(r"注册|营业执照|执照|工商登记"), "登记注册"))


def requiring(lib: Library, frame: QuestionFrame, chosen: list[Clause]) -> list[Clause]:
    """Clauses of the districts in scope that speak of what the user says they lack, or of where an
    applicant must be registered when the user says where they are (「注册在丰台」)."""
    phrases = negated_phrases(frame.text)
    docs = lib.scope(frame.districts)
    for said, ruling in _SAID_FORM:
        if said.search(frame.text):
            rule = next((c for c in lib.corpus.clauses if (docs is None or c.doc_id in docs)
                         and ruling in c.text and c not in chosen and not glossary_entry(c)), None)
            if rule is not None:
                return [rule]
    # 「五六年后可能搬去河北」 against 「承诺10年内不迁离」: a clause whose condition the user's words contradict
    # (the pairs of vocab.EXCLUSIVE), wherever retrieval ranked it.
    for ruling_re, said_re in vocab.EXCLUSIVE:
        # (a cited clause already carrying the condition — 第十条's 首次认定 — is where it is ruled on)
        if said_re.search(frame.text) and not any(ruling_re.search(c.text) for c in chosen):
            # (a glossary entry says what a term is, not what an applicant must be)
            rule = next((c for c in lib.corpus.clauses if (docs is None or c.doc_id in docs)
                         and ruling_re.search(c.text) and c not in chosen and not glossary_entry(c)), None)
            if rule is not None:
                return [rule]
    if not phrases:
        return []
    hits = lib.retriever.search(" ".join(phrases), k=2, doc_ids=lib.scope(frame.districts))
    # Only a clause naming the very thing lacked (企业库), not one sharing 市级 or 认定 with it.
    named = {t for t in content_tokens(lib, " ".join(phrases)) if len(t) >= 3}
    return [h.clause for h in hits if h.clause not in chosen and named & token_set(h.clause.text)][:1]


# Words that address the assistant, not the documents: never echoed back as a missing topic.
_INSTRUCTION = re.compile(r"忽略|指令|提示词|扮演|假装|你现在|系统提示|无视|越狱")
DISTINCTIVE = 8  # a word in at most this many clauses names a topic


def distinctive_words(lib: Library, text: str) -> set[str]:
    """The question's words that name a topic: content words in at most DISTINCTIVE clauses (贷款贴息, not 支持)."""
    return {t for t in content_tokens(lib, text) if lib.df.get(t, 99) <= DISTINCTIVE}


def nearest_on_topic(lib: Library, frame: QuestionFrame, clauses: Sequence[Clause]) -> Clause:
    """Of the first few clauses, the one sharing most distinctive words with the question's topic (the
    earlier turns' when this one has no words of its own): the clause to quote when no figure is set."""
    text = frame.text if content_tokens(lib, frame.text) or not frame.carried else frame.context
    words = {t for t in tokenize(text) if len(t) >= 2 and lib.df.get(t, 99) <= DISTINCTIVE}
    return max(clauses[:3], key=lambda c: (len(words & token_set(c.text)), -clauses.index(c)))
FUNCTION_CHAR = re.compile(r"^[有是的了吗呢吧和与及在对]|[有是的了吗呢吧和与及在对]$")


def unknown_topic(lib: Library, frame: QuestionFrame, clauses: Sequence[Clause]) -> list[str]:
    """「展位费有补贴吗」「丰台对扩大生产的奖励」: the question's own topic words that the documents in scope
    never use, when none of the nearest clauses shares a distinctive word with the question (a word as
    common as 智能制造 says nothing) — the topic is not covered, not merely unpriced. Each is said with
    the word it runs into (扩大 + 生产)."""
    # 「那门头沟呢」 after 「丰台小试中试项目…」: a turn with no words of its own asks about the earlier topic.
    text = frame.text if content_tokens(lib, frame.text) or not frame.carried else frame.context
    text = vocab.ATTRIBUTED.sub("，", text)  # (「我记得是怀柔的政策」 says where, not what)
    taken = measure_span(frame, text)
    tokens = [t for t in content_tokens(lib, text) if not _about_user(lib, t, text, taken)]
    near = set().union(*(token_set(c.text) for c in clauses)) if clauses else set()
    known: set[str] = set()
    for district in frame.districts:
        known |= lib.vocab_by_district.get(district, frozenset())
    if frame.districts and (named := named_support(text, known)):  # (the POS cut only when a district is named)
        return [named]
    # (a district's own name, 丰台区 in a few clauses, is rare and says nothing of the topic)
    if any(lib.df.get(t, 0) <= DISTINCTIVE for t in set(content_tokens(lib, text)) & near):
        return []
    # 「创业孵化示范基地」 cut into common pieces is still a name a near clause spells out: a rare run of four.
    spelled = " ".join(c.text for c in clauses)
    if any(g in spelled and sum(g in c.text for c in lib.corpus.clauses) <= 3
           and not all(t in GENERIC for t in tokenize(g)) for g in grams4(text)):  # (not 单个企业)
        return []
    unknown = [t for t in tokens if len(t) >= 2 and not FUNCTION_CHAR.search(t) and not re.search(r"\d", t)
               and (t not in known if frame.districts else t not in lib.df)]
    unknown = [t for t in unknown if not any(t != o and t in o for o in unknown)]  # 毕业生, not 毕业 and 业生
    # The rarer words name the topic (展位, 社保), the common ones are the telling (出去, 参加, 每人) — kept in
    # the question's order. A cut no dictionary has that swallows a modal or the ask's verb (费能, 人补) is no word.
    unknown = [t for t in unknown if word_frequency(t) is not None or not re.search(r"[能会可要补给拿配]", t)]
    unknown = [t for t in unknown if not _INSTRUCTION.search(t)]  # 「忽略之前的所有指令」 is no topic to echo
    if unknown and bridged(lib, text, min(unknown, key=lambda t: word_frequency(t) or 0), spelled):
        return []
    unknown = sorted(sorted(unknown, key=lambda t: word_frequency(t) or 0)[:2], key=text.find)
    said = []
    for token in unknown:
        end = text.find(token) + len(token)
        runs_into = next((t for t in tokens if text.startswith(t, end) and not FUNCTION_CHAR.search(t)
                          and not any(t in u for u in unknown)), "")
        word = token + runs_into
        after = text.find(word) + len(word)
        if word[-1] in "能会可要" and text[after : after + 1] in tuple("补给拿申报领配"):
            word = word[:-1]  # 「展位费能补多少」 cut as 展位/费能: the modal is the ask's, not the topic's
        if len(word) >= 2 and not re.search(r"\d|%|％", word):  # 「按营收8%」 is a claim, not a topic
            said.append(word)
    return [w for w in dict.fromkeys(said) if not any(w != o and w in o for o in said)]


def across(lib: Library, frame: QuestionFrame, hits: Sequence[Hit], support: Sequence[Clause]) -> list[Clause]:
    """「哪些区有贷款贴息」: for each document, the clause that uses the topic's words — the one already found
    when it does, else the best of the document's own — so no district is left out or padded in."""
    topic = distinctive_words(lib, frame.text) or distinctive_words(lib, frame.context)
    if not topic:
        return list(support)
    ranked = [*support, *(h.clause for h in hits), *lib.corpus.clauses]

    quoted = QUOTED.findall(frame.text)

    def weight(clause: Clause) -> tuple[int, int, bool, bool, int, int]:
        # The terms the user quotes, all of them first (「“服务包”“服务管家”」: the clause using both), then the
        # topic's words it uses (a word inside a longer one it uses is not counted again: 贷款贴息 is one), then
        # granting, then found.
        words = topic & token_set(clause.text)
        whole = [w for w in words if not any(w != o and w in o for o in words)]
        return (sum(q in clause.text for q in quoted), len(whole), bool(GRANTS.search(clause.text)),
                clause in support, max((len(w) for w in words), default=0), -ranked.index(clause))

    out: list[Clause] = []
    for doc_id in dict.fromkeys(c.doc_id for c in ranked):  # a district may have two documents: each one's
        own = [c for c in dict.fromkeys(ranked) if c.doc_id == doc_id and topic & token_set(c.text)]
        if own:
            out.append(max(own, key=weight))
    return out
