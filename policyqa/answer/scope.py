"""What the documents can answer at all: cited articles, absent articles, places without
documents, topics a district never mentions, and programmes pinned on the wrong district."""

from __future__ import annotations

import re
from dataclasses import replace

from policyqa.answer.library import Library, token_set
from policyqa.errors import NotFoundError, PolicyQAError
from policyqa.lookup import lookup
from policyqa.tokenize import normalize, tokenize
from policyqa.types import Clause, Hit
from policyqa.understand.frame import QuestionFrame
from policyqa.understand.places import elsewhere_in  # noqa: F401 - part of this stage's API

CITATION = re.compile(
    r"第[一二三四五六七八九十百\d]+条|^\S{0,8}\s*[一二三四五六七八九十]+、|关键词诠释"
    r"|[（(][一二三四五六七八九十]{1,3}[）)](?![^，。？?]{0,3}[、：:])|(?<![第\d])\d{1,3}条(?!政策|措施|意见|规定)"
)
_BARE_ARTICLE = re.compile(r"(?<![第\d])(\d{1,3})条(?!政策|措施|意见|规定)")
ARTICLE = re.compile(r"第[一二三四五六七八九十百\d]+条")
_QUOTED = re.compile(r"[“「『\"]([^”」』\"]{2,20})[”」』\"]")
# Words of a question that say nothing about its topic (kept out of the topic checks).
GENERIC = frozenset(
    "企业 公司 政策 措施 文件 支持 多少 什么 哪些 哪个 哪几个 怎么 是否 能否 可以 能不能 给予 给 拿 补 钱 最高 最多"
    " 奖励 补贴 资金 规定 要求 条件 申请 申报 享受 区 区里 现在 今年 去年 具体 到底 那个 这个 那边 这边 我们 听说"
    " 一下 情况 相关 有没有 还有 分别 标准 一样 政府 北京 北京市 如果 要是 那么 配套 能拿 一共".split()
)
_ARTICLE_REQUEST = re.compile(
    r"^(?P<pre>.{0,12}?)\s*第[一二三四五六七八九十百\d]+条\s*"
    r"(?:讲的是什么|说的是什么|讲了?什么|说了?什么|规定了?什么|是什么|写的什么|的?内容|原文)?\s*[？?。！!]*$"
)
MAX_CITATIONS = 3


def cited_clauses(lib: Library, frame: QuestionFrame) -> list[Clause]:
    """Clauses a hotline-style question cites directly ("丰台 第十四条"), else []."""
    question = frame.text
    match = CITATION.search(question)
    if len(question) > 40 or not match:
        return []
    if frame.asks_for("amount") and frame.facts.money:
        return []  # "第十四条…补了300万能配多少" wants the calculation, not the text
    locator = match.group()
    bare = _BARE_ARTICLE.fullmatch(locator)
    if bare:  # 「丰台26条」 is 第二十六条
        locator = f"第{bare[1]}条"
    queries = [question]
    if locator.startswith(("第", "（", "(")):  # scoped to the districts in play; never jump to another district
        queries = [f"{d} {locator}" for d in frame.districts] or [question, locator]
    for query in queries:
        try:
            return lookup(lib.corpus, query)[:MAX_CITATIONS]
        except PolicyQAError:
            continue
    return []


def absent_article(lib: Library, frame: QuestionFrame) -> str | None:
    """「丰台 第九十九条」: an article no document in scope has — said plainly, not answered with 第九条."""
    match = ARTICLE.search(frame.text)
    request = _ARTICLE_REQUEST.match(frame.text)
    if not match or not request:
        return None
    pre = request["pre"]
    for alias in sorted(lib.corpus.district_aliases, key=len, reverse=True):
        pre = pre.replace(alias, "")
    if pre.strip(" 　的区措施政策文件里中"):
        return None
    for district in frame.districts or ("",):
        try:
            lookup(lib.corpus, f"{district} {match.group()}".strip())
        except NotFoundError:
            continue
        except PolicyQAError:
            return None
        return None
    where = "、".join(frame.districts) or "已收录"
    return f"{where}的文件中没有{match.group()}。"


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


def missing_topic_terms(lib: Library, frame: QuestionFrame) -> list[str]:
    """Policy terms of the question that the corpus knows but the named districts never use."""
    if not frame.districts:
        return []
    scope_vocab: set[str] = set()
    for district in frame.districts:
        scope_vocab |= lib.vocab_by_district.get(district, frozenset())
    quoted = set(tokenize(" ".join(_QUOTED.findall(frame.text))))
    missing = []
    for token in content_tokens(lib, frame.text):
        if token not in lib.policy_terms and token not in quoted:
            continue
        if token in lib.df and token not in scope_vocab:
            missing.append(token)
    return [t for t in missing if not any(t != o and t in o for o in missing)]


def lacking_districts(lib: Library, frame: QuestionFrame) -> dict[str, list[str]]:
    """「首台套丰台和经开区哪边多」: of several districts named, those whose documents never use a topic
    term the others use — said as such, not compared with whatever clause comes nearest."""
    if len(frame.districts) < 2 or missing_topic_terms(lib, frame):
        return {}
    lacking = {d: m for d in frame.districts if (m := missing_topic_terms(lib, replace(frame, districts=(d,))))}
    return lacking if len(lacking) < len(frame.districts) else {}


def attribution(lib: Library, frame: QuestionFrame, missing: list[str]) -> tuple[Clause, list[str]] | None:
    """The question pins a named programme on the wrong district: the clause where it really stands.

    Only for distinctive terms (found in a few clauses); a common word missing from a district
    (上市) means the district does not cover the topic.
    """
    distinctive = [t for t in missing if lib.df.get(t, 0) <= 2]
    if not distinctive:
        return None
    hits = lib.retriever.search(" ".join(missing), k=3)
    if not hits:
        return None
    top = hits[0]
    if lib.corpus.documents[top.clause.doc_id].district in frame.districts:
        return None
    tokens = token_set(top.clause.text)
    if not all(term in tokens for term in distinctive):
        return None
    return top.clause, distinctive


def search(lib: Library, frame: QuestionFrame, k: int = 8) -> list[Hit]:
    """Retrieve for the frame: its context (this turn and what it carries), scoped to its districts."""
    query = frame.context or frame.text
    # The user's figures in the documents' words: 营收头回到了12个亿 → 营业收入 首次达到.
    for fact in frame.facts.money:
        query += " " + " ".join(sorted(fact.cues - {"资金", "支持"}))
        query += " 首次达到" if fact.reached else " 增量" if fact.increment else ""
    if frame.asks_for("status"):  # people ask "到期了吗"; the documents say 有效期/施行
        query += " 有效期 施行 印发"
    if frame.asks_for("who"):  # "谁说了算/哪个部门拨": the documents say 负责/审定/拨付/解释
        query += " 负责 审定 拨付 解释 责任单位"
    hits = lib.retriever.search(query, k=k, doc_ids=lib.scope(frame.districts))
    # A clause whose own heading the question names verbatim answers it better than a neighbour
    # that merely mentions the words (not when support is asked for: that wants the grant).
    named = [h for h in hits if len(h.clause.title) >= 3 and normalize(h.clause.title) in frame.text]
    if named and not re.search(r"支持|给予|奖励|补贴|扶持|资助", frame.text):
        best = max(named, key=lambda h: len(h.clause.title))
        hits = [best, *(h for h in hits if h is not best)]
    return hits
