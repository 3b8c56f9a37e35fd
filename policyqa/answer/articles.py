"""Articles asked by number: the clauses a question cites (丰台 第十四条, 经开区 生物医药8条 第3条),
and an article or item no document in scope has — said plainly, not answered with a neighbour."""

from __future__ import annotations

import re
from collections.abc import Sequence

import cn2an

from policyqa.answer.library import Library
from policyqa.chunk import int_to_cn
from policyqa.errors import NotFoundError, PolicyQAError
from policyqa.lookup import lookup
from policyqa.serialize import book_title
from policyqa.types import Clause, Document, Hit
from policyqa.understand.frame import QuestionFrame

CITATION = re.compile(
    r"第[一二三四五六七八九十百\d]+条|^\S{0,8}\s*[一二三四五六七八九十]+、|关键词诠释"
    r"|[（(][一二三四五六七八九十]{1,3}[）)](?![^，。？?]{0,3}[、：:])|(?<![第\d])\d{1,3}条(?!政策|措施|意见|规定)"
)
_BARE_ARTICLE = re.compile(r"(?<![第\d])(\d{1,3})条(?!政策|措施|意见|规定)")
ARTICLE = re.compile(r"第[一二三四五六七八九十百\d]+条")

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
    if frame.asks_for("eligibility") and (frame.facts.qualifications or frame.facts.levels):
        return []  # 「厂子是示范级智能工厂，按第十一条能拿钱不」 wants a verdict on what they hold, not the text
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
    return renumbered(lib, frame)


def priced(frame: QuestionFrame) -> bool:
    """「第十四条…补了300万能配多少」「丰台 第九条 新获评国家级… 一次性给多少」: an amount asked of an article wants
    the calculation or the tier on that article, not its text (who decides it is a sentence of the text)."""
    if not frame.asks_for("amount") or frame.asks_for("who"):
        return False
    if frame.facts.money:
        return True
    case = CITATION.sub("", frame.text)
    for alias in frame.districts:
        case = case.replace(alias, "").replace(alias.removesuffix("区"), "")
    return len(_ASK_WORDS.sub("", case)) >= 2  # 「丰台 第十四条 给多少」 names no case: the text answers it


# What an amount question says besides its case: 「…一次性能给多少钱？」
_ASK_WORDS = re.compile(r"[能可以给拿领补奖多少钱元万最高是的吗呢啊了一次性共总计合获得到够\s？?，,。！!]")


def pinned(hits: list[Hit], cited: list[Clause]) -> list[Hit]:
    """The article the question names leads retrieval's hits, whatever else the words found."""
    top = max((h.score for h in hits), default=1.0)
    return [*(Hit(c, top, ("cited",)) for c in cited), *(h for h in hits if h.clause not in cited)]


_ITEM_NO = re.compile(r"第?([一二三四五六七八九十\d]{1,3})条(?!政策|措施|意见|规定)")
_SECTION_FILLER = re.compile(r"\d+条政策|产业|政策|措施|发展|支持")


def _item_asked(lib: Library, frame: QuestionFrame) -> tuple[int, list[Clause], str] | None:
    """The item number a lookup ends with (「…第3条 说的啥」), the clauses in scope, the words without the
    district names; None when the number is not what is looked up (「8条里那个技改配套」)."""
    numbers_said = list(_ITEM_NO.finditer(frame.text))
    if not numbers_said or not LOOKUP_TAIL.match(frame.text[numbers_said[-1].end() :]):
        return None
    raw = numbers_said[-1][1]
    try:
        n = int(raw) if raw.isdigit() else int(cn2an.cn2an(raw, "normal"))
    except (ValueError, KeyError, IndexError):
        return None
    docs = lib.scope(frame.districts)
    asked = frame.text
    for alias in lib.corpus.district_aliases:
        asked = asked.replace(alias, "")
    return n, [c for c in lib.corpus.clauses if docs is None or c.doc_id in docs], asked


def _named_section(pool: list[Clause], asked: str) -> Clause | None:
    """The section with numbered items (五、(三) 1…8) whose name shares most words with the question."""
    keys = {c.clause_id for c in pool}
    grams = {asked[i : i + 2] for i in range(len(asked) - 1)}
    best: tuple[int, Clause] | None = None
    for section in pool:
        if f"{section.clause_id}1" not in keys:
            continue
        name = _SECTION_FILLER.sub("", section.title or section.locator)
        shared = len({name[i : i + 2] for i in range(len(name) - 1)} & grams)
        if shared and (best is None or shared > best[0]):
            best = (shared, section)
    return best[1] if best else None


def renumbered(lib: Library, frame: QuestionFrame) -> list[Clause]:
    """An item number the documents write their own way: 「经开区 生物医药8条 第3条」 is item 3 of the
    section the question names by its words (五、(三)3); 「门头沟 实施意见 第十五条」 is （十五） in a
    document numbered so."""
    found = _item_asked(lib, frame)
    if found is None:
        return []
    n, pool, asked = found
    section = _named_section(pool, asked)
    if section is not None:
        return [c for c in pool if c.clause_id == f"{section.clause_id}{n}"]
    # （十五） only in a document the question names (征求意见稿, 实施意见): 「工业措施第九条」 is not its （九）.
    named = {d.doc_id for d in lib.corpus.documents.values() if any(c.doc_id == d.doc_id for c in pool)
             and (("征求意见" in asked and d.is_draft) or _names_own_words(asked, d, lib))}
    return [c for c in pool if c.doc_id in named and c.clause_id.split("#", 1)[1] == f"（{int_to_cn(n)}）"][:1]


def _absent_item(lib: Library, frame: QuestionFrame) -> str | None:
    """「经开区 生物医药8条 第9条」: the section named has fewer items — said, not answered with item 7."""
    found = _item_asked(lib, frame)
    section = _named_section(found[1], found[2]) if found else None
    if found is None or section is None or any(c.clause_id == f"{section.clause_id}{found[0]}" for c in found[1]):
        return None
    items = sum(1 for c in found[1] if re.fullmatch(rf"{re.escape(section.clause_id)}\d+", c.clause_id))
    name = section.title or section.locator
    return f"{name}共{items}条，没有第{found[0]}条。"


# What a lookup asks after the number: 「说的啥」「是啥内容」「讲了什么」「原文」, nothing more.
LOOKUP_TAIL = re.compile(r"^[\s讲说写的是啥什么内容原文怎么了规定具体呢吗]{0,10}[？?。！!]*$")


def _names_own_words(question: str, doc: Document, lib: Library) -> bool:
    pool = [d for d in lib.corpus.documents.values() if d.district == doc.district]
    return names_own_words(question, doc, pool)


def names_own_words(question: str, doc: Document, pool: Sequence[Document]) -> bool:
    """「门头沟那个现代产业体系的实施意见」: four characters of this title that no other title of the district
    has (现代产业, 实施意见) name it, where no longer run does."""
    others = "".join(d.title for d in pool if d.doc_id != doc.doc_id)
    core = re.sub(r"[《》〈〉（）()\s]|征求意见稿|政策解读", "", doc.title)
    grams = {core[i : i + 4] for i in range(len(core) - 3)}
    return any(g in question and g not in others for g in grams)



def _only_readings(lib: Library, frame: QuestionFrame, article: str) -> bool:
    """Every document of the districts asked is a 解读 and none has ``article``: however the question is
    worded, the article's text cannot be here."""
    docs = [lib.corpus.documents[d] for d in (lib.scope(frame.districts) or ())]
    if not docs or not all("解读" in d.kind for d in docs):
        return False
    for district in frame.districts:
        try:
            lookup(lib.corpus, f"{district} {article}")
        except PolicyQAError:
            continue
        return False
    return True


def absent_article(lib: Library, frame: QuestionFrame) -> str | None:
    """「丰台 第九十九条」: an article no document in scope has — said plainly, not answered with 第九条."""
    if item := _absent_item(lib, frame):
        return item
    match = ARTICLE.search(frame.text)
    request = _ARTICLE_REQUEST.match(frame.text)
    if match and not request and frame.districts and _only_readings(lib, frame, match.group()):
        request = _ARTICLE_REQUEST.match(match.group())  # 「怀柔…第十二条原文是怎么写的？我们写申报书…」
    if not match or not request:
        return None
    pre = request["pre"]
    for alias in sorted(lib.corpus.district_aliases, key=len, reverse=True):
        pre = pre.replace(alias, "")
    titles = "".join(d.short_title + d.title for d in lib.corpus.documents.values())
    # 「丰台智能制造措施 第三十条」: words of a document's title name the document, not another topic.
    pre = "".join(
        ch for i, ch in enumerate(pre) if pre[i : i + 2] not in titles and pre[max(i - 1, 0) : i + 1] not in titles
    )
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
    docs = [lib.corpus.documents[d] for d in (lib.scope(frame.districts) or lib.corpus.documents)]
    if docs and all("解读" in d.kind for d in docs):
        # A 解读 speaks about the measures without reproducing them: the article exists, its text is not here.
        named = "、".join(book_title(d.title) for d in docs)
        return f"{where}的文件库中只有{named}（政策解读），未载明{match.group()}的原文。"
    return f"{where}的文件中没有{match.group()}。"
