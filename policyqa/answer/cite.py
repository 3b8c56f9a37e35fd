"""Which clauses an answer cites: the best hits, each district's best clause for a comparison,
the documents a status question is about and their headers."""

from __future__ import annotations

import re
from collections.abc import Sequence

from policyqa.answer import scope
from policyqa.answer.articles import ARTICLE, names_own_words
from policyqa.answer.compare import SAME
from policyqa.answer.library import Library, token_set
from policyqa.answer.membership import through_terms
from policyqa.answer.sentences import glossary_entry
from policyqa.types import Clause, Document, Hit
from policyqa.understand.frame import QuestionFrame

RUNNER_UP = 0.85  # cite the second hit when its score is at least this share of the best
_SUPPORT = re.compile(r"支持|给予|奖励|补贴|扶持|资助")
_TARGET = re.compile(r"到(20\d\d)年")
_DEFINED = re.compile(r"^([^：:，。]{2,20})[：:]\s*(?:是指|指|包括)")
_GRANT = re.compile(r"给予[^。；]{0,30}(支持|奖励|补贴|资金|贴息)|(配套|资金)奖励|最高\d")


def status_docs(lib: Library, frame: QuestionFrame, chosen: list[Clause]) -> list[Document]:
    """Every document of the districts asked about, or those the question names by title."""
    docs = lib.corpus.documents
    if not frame.districts:
        named = [d for d in docs.values() if names_title(frame.text, d)]
        return named or [docs[d] for d in dict.fromkeys(c.doc_id for c in chosen[:2])]
    out: list[Document] = []
    for district in frame.districts:
        pool = [docs[d] for d in lib.corpus.doc_ids_of(district)]
        out += ([d for d in pool if names_title(frame.text, d)]
                or [d for d in pool if names_own_words(frame.text, d, pool)] or pool)
    return out


def target_years(lib: Library, docs: Sequence[Document]) -> dict[str, Clause]:
    """For a document that states no validity, the clause that sets its goals' horizon (到2025年…): what a
    reader can say of how long it is meant to run."""
    out: dict[str, Clause] = {}
    for doc in docs:
        if doc.expires is not None:
            continue
        clause = next((c for c in lib.corpus.clauses_of(doc.doc_id)
                       if "目标" in (c.title or c.locator) and _TARGET.search(c.text)), None)
        if clause is not None:
            out[doc.doc_id] = clause
    return out


def _named(title: str, text: str) -> bool:
    """A glossary title the question names whole or by a run of four of its characters (单项冠军 for
    国家制造业单项冠军, 隐形冠军 for 北京市“隐形冠军”)."""
    if title in text:
        return True
    runs = re.findall(r"[\u4e00-\u9fff]{4,}", title)
    return any(run[i : i + 4] in text for run in runs for i in range(len(run) - 3))


def supporting(lib: Library, frame: QuestionFrame, hits: list[Hit]) -> list[Clause]:
    """The best hit (and a close runner-up); for questions across districts the best clause of
    each other document carrying the question's most distinctive term."""
    chosen = [hits[0].clause]
    if len(hits) > 1 and hits[1].score >= RUNNER_UP * hits[0].score:
        chosen.append(hits[1].clause)
    term = _DEFINED.match(hits[0].clause.text)
    if term and frame.asks_for("support", "amount"):
        # 「对产业服务平台咋支持」: the clause granting support to the defined term answers; its definition follows.
        grant = next((h.clause for h in hits[1:6] if term[1] in h.clause.text and _GRANT.search(h.clause.text)), None)
        if grant is not None:
            chosen = [grant, hits[0].clause]
    if SAME.search(frame.text):
        # 「标杆企业由哪些部门认定？跟示范工厂的相同吗」: each title weighed is defined in its own glossary entry.
        docs = lib.scope(frame.districts)
        named = [c for c in lib.corpus.clauses if (docs is None or c.doc_id in docs) and glossary_entry(c)
                 and len(c.title) >= 4 and _named(c.title, frame.text)]
        if len(named) >= 2:
            chosen = list(dict.fromkeys([*sorted(named, key=lambda c: frame.text.find(c.title)), *chosen]))
    for article in dict.fromkeys(ARTICLE.findall(frame.text)):
        docs = lib.scope(frame.districts)
        mention = next(
            (c for c in lib.corpus.clauses
             if (docs is None or c.doc_id in docs) and article in c.text and not c.text.startswith(article)),
            None,
        )
        if mention is not None and mention not in chosen:
            chosen.insert(1, mention)
    if not (frame.asks_for("compare") or len(frame.districts) > 1):
        return chosen
    wide = lib.retriever.search(frame.context, k=20, doc_ids=lib.scope(frame.districts))
    if not wide:
        return chosen
    if len(frame.districts) > 1:  # each district the question names gets its best clause
        # Per district, the clause sharing most of the question's words (临床, 阶段), then retrieval's order.
        titles = {t for d in lib.corpus.documents.values() for t in token_set(d.title)}  # naming a document
        content = {t for t in scope.content_tokens(lib, frame.text) if t in lib.df and t not in titles}
        body = [h for h in wide if h.clause.locator not in ("标题", "文件头")]  # a title repeats the question's names
        # A granting clause outranks a glossary entry naming the term alike — by more when support is asked
        # (「两边分别能给多少」: 「…给予配套奖励」, not the definition of 企业技术中心).
        # (none when the districts' arrangements are compared, 「产业基金这块分别是怎么安排的」: any clause may answer)
        bonus = 2 if frame.asks_for("support", "amount") else 1 if frame.asks != {"compare"} else 0

        def weight(clause: Clause) -> int:
            return len(content & token_set(clause.text)) + bonus * (bool(scope.GRANTS.search(clause.text))
                                                                     and not glossary_entry(clause))

        ranked = sorted(body, key=lambda h: -weight(h.clause))
        first = next((h.clause for h in ranked if h.clause.doc_id == chosen[0].doc_id), chosen[0])
        if weight(first) > weight(chosen[0]):
            # (a glossary entry it outranks still says the term's limits: 「仅支持首次贷款贴息及担保费」)
            chosen = [first, *([chosen[0]] if glossary_entry(chosen[0]) else [])]
        seen = {lib.corpus.documents[chosen[0].doc_id].district}
        # (a clause naming the question's rarest term — 贷款贴息 in a long 金融 clause — counts however it scores)
        rare = min(content, key=lambda t: lib.df[t]) if content else ""
        for hit in ranked:
            district = lib.corpus.documents[hit.clause.doc_id].district
            if district not in seen and (hit.score >= 0.3 * wide[0].score or rare in token_set(hit.clause.text)):
                chosen.append(hit.clause)
                seen.add(district)
        return through_terms(lib, chosen)
    content = [t for t in scope.content_tokens(lib, frame.text) if t in lib.df]
    if not content:
        return chosen
    key = min(content, key=lambda t: lib.df[t])
    candidates = [h for h in wide if h.score >= 0.3 * wide[0].score and key in token_set(h.clause.text)]
    # Per document prefer a clause that grants support over one defining X: 「哪些区提到了贷款贴息」 is
    # answered by 「给予贴息支持」, the glossary's 「首次贷款：是指…」 only explains it.
    candidates.sort(key=lambda h: not _GRANT.search(h.clause.text) or glossary_entry(h.clause))
    if glossary_entry(chosen[0]) and re.search(r"哪些区|哪几个区|哪个区|各区|几个区", frame.text):
        grant = next((h.clause for h in wide if h.clause.doc_id == chosen[0].doc_id and _GRANT.search(h.clause.text)
                      and not glossary_entry(h.clause) and set(content) & token_set(h.clause.text)), None)
        if grant is not None and grant not in chosen:
            chosen = [grant, *chosen[1:]]
    seen_docs = {hits[0].clause.doc_id}
    for hit in candidates:
        if hit.clause.doc_id not in seen_docs:
            chosen.append(hit.clause)
            seen_docs.add(hit.clause.doc_id)
    return chosen


def headers(lib: Library, docs: Sequence[Document]) -> list[Clause]:
    """The header (文号, date) or title clause of each document: where its status is written."""
    found = []
    for doc in docs:
        by_key = {c.clause_id.split("#", 1)[1]: c for c in lib.corpus.clauses_of(doc.doc_id)[:3]}
        header = by_key.get("文件头") or by_key.get("标题")
        if header is not None:
            found.append(header)
    return found


def validity_sources(lib: Library, clauses: Sequence[Clause], stated: Sequence[str] = ()) -> list[Clause]:
    """For a cited clause whose document's validity has run out, where that validity is written: the clause
    stating it (有效期限三年) and the header giving the date it runs from — the expiry note cites both."""
    found: list[Clause] = []
    for doc_id in dict.fromkeys(c.doc_id for c in clauses):
        doc = lib.corpus.documents[doc_id]
        bound = [e for c in clauses if c.doc_id == doc_id and (e := doc.expires_for(c.locator)) is not None]
        if doc_id in stated or doc.is_draft or not bound or min(bound) >= lib.today:
            continue
        own = lib.corpus.clauses_of(doc_id)
        found += [c for c in own if "有效期" in c.text and c.locator.startswith(doc.expires_under)][:1]
        found += headers(lib, [doc])
    return found


def names_title(question: str, doc: Document) -> bool:
    """Does the question name this document by (a long enough run of) its title?"""
    title = re.sub(r"[《》〈〉（）()\s]|征求意见稿|政策解读", "", doc.title)
    district = doc.district.removesuffix("区")
    core = title.replace(district + "区", "").replace(district, "")
    return any(core[i : i + 8] in question for i in range(0, max(len(core) - 7, 0)))


def states_application_window(text: str) -> bool:
    """Does a clause say when or where to apply (a date, a window, a system)?"""
    return bool(re.search(r"(申报|受理|申请).{0,20}(\d{1,2}月|\d{4}年|系统|平台|网站|截止)", text))
