"""Hits (+ award calculations) → Answer: extractive, cited, deterministic.

The default path never generates text: it quotes the clause sentences that answer the
question and states amounts only from the calculator or from the quoted clause. When the
documents do not carry what is asked (an uncovered district, a topic absent from the named
district, an amount or an application window never stated) it says so and offers the
nearest clauses as 相关条款 instead of guessing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from policyqa import awards, numbers
from policyqa.corpus import Corpus
from policyqa.errors import InputError, NotFoundError, PolicyQAError
from policyqa.evidence import unsupported_amounts  # noqa: F401 - re-exported for callers
from policyqa.intent import Intent, detect_intent, unsupported_district
from policyqa.lookup import lookup
from policyqa.retrieve import Retriever
from policyqa.serialize import citation_line, draft_note
from policyqa.tokenize import normalize, tokenize, user_terms
from policyqa.types import Answer, AwardResult, AwardRule, Citation, Clause, Hit

_SENTENCE = re.compile(r"[^。；;！？!?\n]+[。；;！？!?]?")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CITATION = re.compile(r"第[一二三四五六七八九十百\d]+条|^\S{0,8}\s*[一二三四五六七八九十]+、|关键词诠释")
_SUPPORT = re.compile(r"支持|给予|奖励|补贴|扶持|资助")
_GRANT = re.compile(r"给予[^。；]{0,30}(支持|奖励|补贴|资金|贴息)|(配套|资金)奖励|最高\d")
_SEVERAL = re.compile(r"各|分别|一共|总共|合计|加起来|两项|几项|和.{0,12}(呢|多少)")
_MINIMUM = re.compile(r"至少|最少|最低|保底")
_HEADING_SENTENCE = re.compile(r"^(第[一二三四五六七八九十百]+条\s*)?\S{2,24}[。]?$")
_UNIT = re.compile(r"[(（]责任单位[:：][^)）]+[)）]")
_ELIGIBILITY = re.compile(r"能申请|能不能申请|可以申请|能报|能享受|符合|够不够|算不算|有没有资格|能拿到吗|能拿吗")
_CONTINUES = re.compile(r"还能再|再拿|再给|还能拿|再领|还有多少")
_ARTICLE = re.compile(r"第[一二三四五六七八九十百\d]+条")
_QUOTED = re.compile(r"[“「『\"]([^”」』\"]{2,20})[”」』\"]")
# Words of a question that say nothing about its topic (kept out of the topic checks).
_GENERIC = frozenset(
    "企业 公司 政策 措施 文件 支持 多少 什么 哪些 哪个 哪几个 怎么 是否 能否 可以 能不能 给予 给 拿 补 钱 最高 最多"
    " 奖励 补贴 资金 规定 要求 条件 申请 申报 享受 区 区里 现在 今年 去年 具体 到底 那个 这个 那边 这边 我们 听说"
    " 一下 情况 相关 有没有 还有 分别 标准 一样 政府 北京 北京市".split()
)
# 「火星区」「上海浦东新区」: a place named like a district that is not one the corpus covers.
_PLACE = re.compile(r"([\u4e00-\u9fff]{2,4}?)(?:新区|区|县)(?![域级内外属里])")
# …unless it is a kind of area rather than a place (示范区, 产业园区, 城区, 生态涵养区).
_AREA_WORDS = ("开发", "示范", "自贸", "保税", "功能", "试验", "集聚", "聚集", "核心", "涵养", "园", "城", "郊", "社",
               "景", "商", "辖", "校", "厂", "街", "片", "山", "老", "新城", "地", "小", "行政", "高新", "工业",
               "科技", "矿", "农", "林", "牧", "风景", "住宅", "办公", "生活", "边")
_NOT_A_NAME = set("哪几个各些的在本全我你该这那每多其他它有们所和与及或是")  # 在哪几个区, 我们所在区
# 「丰台 第九十九条」「丰台区第九十九条规定了什么？」: a request for an article and nothing else.
_ARTICLE_REQUEST = re.compile(
    r"^(?P<pre>.{0,12}?)\s*第[一二三四五六七八九十百\d]+条\s*"
    r"(?:讲的是什么|说的是什么|讲了?什么|说了?什么|规定了?什么|是什么|写的什么|的?内容|原文)?\s*[？?。！!]*$"
)
MAX_CITATIONS = 3
MAX_HISTORY_TURNS = 20  # earlier turns kept (only the last few matter; the cap bounds the work)
SHORT_CLAUSE = 120  # clauses up to this length are quoted whole
RUNNER_UP = 0.85  # cite the second hit when its score is at least this share of the best


@dataclass(frozen=True, slots=True)
class Turn:
    """The question being answered with what the conversation so far contributes."""

    question: str  # the last user turn, normalized (simplified characters, typos fixed, NFKC)
    raw: str  # the last user turn as typed
    history: tuple[str, ...]
    districts: tuple[str, ...]  # canonical districts in scope (named now or earlier)
    retrieval_query: str
    calc_query: str


class Assistant:
    """Answers questions from the corpus; one instance serves many questions."""

    def __init__(
        self,
        corpus: Corpus,
        retriever: Retriever,
        rules: Sequence[AwardRule],
        max_question_chars: int = 2000,
        today: date | None = None,
    ) -> None:
        self.corpus = corpus
        self.retriever = retriever
        self.rules = list(rules)
        self.max_question_chars = max_question_chars
        self.today = today or date.today()
        self._corpus_dir = next(iter(corpus.documents.values())).path.parent
        self._policy_terms = set(user_terms())
        self._df: dict[str, int] = {}  # in how many clauses a token occurs
        self._vocab_by_district: dict[str, set[str]] = {}
        self._texts = list(corpus.texts.values())
        for clause in corpus.clauses:
            tokens = set(tokenize(clause.text))
            for token in tokens:
                self._df[token] = self._df.get(token, 0) + 1
            district = corpus.documents[clause.doc_id].district
            self._vocab_by_district.setdefault(district, set()).update(tokens)

    # ------------------------------------------------------------------ entry point
    def ask(self, question: str | Sequence[str], history: Sequence[str] = ()) -> Answer:
        turn = self.understand(question, history)
        intent = detect_intent(turn.question)
        if turn.history and _is_follow_up(turn.question):
            # "那经开区的呢？" asks the previous question again about something else.
            intent = intent.merged(detect_intent(turn.history[-1]))
        elsewhere = unsupported_district(turn.question, turn.districts) or (
            None if turn.districts else self._unknown_place(turn.question)
        )
        if elsewhere:
            covered = "、".join(self.corpus.districts())
            return self._refuse(turn, f"现有文件库只收录{covered}的政策，没有{elsewhere}的政策文件，无法回答。", [])
        cited = self._cited_clauses(turn, intent)
        if cited:
            return self._quote_clauses(turn, cited)
        absent = self._absent_article(turn)
        if absent:
            return self._refuse(turn, absent, [])
        hits = self._search(turn, intent)
        missing = self._missing_topic_terms(turn)
        if missing:
            corrected = self._attribution(turn, intent, missing)
            if corrected is not None:
                return corrected
            where = "、".join(turn.districts)
            return self._refuse(turn, f"{where}的文件中未提及「{'、'.join(missing)}」相关内容。", hits)
        if not hits:
            return self._refuse(turn, "文件中没有找到与该问题相关的条款。", [])
        # "年营收1800万，能申请第七条吗": a figure put against a clause's threshold is checked too.
        figures = bool(numbers.find_amounts(turn.question))
        check = intent.amount or (figures and bool(_ELIGIBILITY.search(turn.question)))
        calculations = self._calculate(turn, hits) if check else []
        return self._compose(turn, intent, hits, calculations)

    # ------------------------------------------------------------------ understanding
    def understand(self, question: str | Sequence[str], history: Sequence[str] = ()) -> Turn:
        if not isinstance(question, str | list | tuple):
            raise InputError("问题应为文字（字符串，或多轮对话时的字符串列表）")
        turns = [question] if isinstance(question, str) else list(question)
        if not turns:
            raise InputError("请输入问题")
        if not all(isinstance(t, str) for t in [*turns, *history]):
            raise InputError("问题应为文字（字符串，或多轮对话时的字符串列表）")
        *earlier, current = turns
        earlier = [*history, *earlier][-MAX_HISTORY_TURNS:]
        for turn in earlier:
            if len(turn) > self.max_question_chars:
                raise InputError(f"对话记录中有一条过长（{len(turn)} 字），请清空对话后重新提问")
        current = current.strip()
        if not current:
            raise InputError("问题为空，请输入要咨询的政策问题")
        if len(current) > self.max_question_chars:
            raise InputError(f"问题过长（{len(current)} 字），请精简到 {self.max_question_chars} 字以内")
        if not _CJK.search(current) and not re.search(r"[A-Za-z]{2,}", current):
            raise InputError("问题中没有可识别的文字，请用中文描述您的问题")
        if not _CJK.search(current):
            raise InputError("目前仅支持中文提问，请用中文描述您的问题")
        raw, current = current, normalize(current)  # 豐臺/小钜人/五百萬 → 丰台/小巨人/五百万
        earlier = [normalize(t) for t in earlier]
        districts = self.corpus.districts_in(current)
        previous = earlier[-1].strip() if earlier else ""
        if not districts:
            for turn in reversed(earlier):
                districts = self.corpus.districts_in(turn)
                if districts:
                    break
        # A follow-up ("那国家级智能工厂呢？") leans on the previous turn for its topic.
        retrieval_query = f"{current} {previous}".strip()
        calc_query = f"{previous} {current}".strip()
        return Turn(current, raw, tuple(earlier), tuple(districts), retrieval_query, calc_query)

    def _scope(self, districts: Sequence[str]) -> list[str] | None:
        if not districts:
            return None
        return [d for district in districts for d in self.corpus.doc_ids_of(district)]

    def _search(self, turn: Turn, intent: Intent) -> list[Hit]:
        query = turn.retrieval_query
        if intent.status:  # people ask "到期了吗"; the documents say 有效期/施行
            query += " 有效期 施行 印发"
        if intent.who:  # "谁说了算/哪个部门拨": the documents say 负责/审定/拨付/解释
            query += " 负责 审定 拨付 解释 责任单位"
        hits = self.retriever.search(query, k=8, doc_ids=self._scope(turn.districts))
        # A clause whose own heading (a defined term, a measure's name) the question names
        # verbatim answers it better than a neighbour that merely mentions the words.
        # (Not when support is asked for: "哪些区对首台（套）有支持" wants the grant, not the definition.)
        named = [h for h in hits if len(h.clause.title) >= 3 and normalize(h.clause.title) in turn.question]
        if named and not _SUPPORT.search(turn.question):
            best = max(named, key=lambda h: len(h.clause.title))
            hits = [best, *(h for h in hits if h is not best)]
        return hits

    def _cited_clauses(self, turn: Turn, intent: Intent) -> list[Clause]:
        """Clauses a hotline-style question cites directly ("丰台 第十四条"), else []."""
        question = turn.question
        match = _CITATION.search(question)
        if len(question) > 40 or not match:
            return []
        if intent.amount and numbers.find_amounts(question):
            return []  # "第十四条…补了300万能配多少" wants the calculation, not the text
        queries = [question]
        if match.group().startswith("第"):  # "第十四条讲的是什么": look up the article itself
            # Scoped to the districts in play (also from earlier turns); never jump to another district.
            queries = [f"{d} {match.group()}" for d in turn.districts] or [question, match.group()]
        for query in queries:
            try:
                return lookup(self.corpus, query)[:MAX_CITATIONS]
            except PolicyQAError:
                continue
        return []

    def _absent_article(self, turn: Turn) -> str | None:
        """「丰台 第九十九条」: an article no document in scope has — said plainly, not answered with 第九条."""
        match = _ARTICLE.search(turn.question)
        request = _ARTICLE_REQUEST.match(turn.question)
        if not match or not request:
            return None
        pre = request["pre"]
        for alias in sorted(self.corpus.district_aliases, key=len, reverse=True):
            pre = pre.replace(alias, "")
        if pre.strip(" 　的区措施政策文件里中"):  # 「能申请门头沟措施的第一条吗」 is not a lookup
            return None
        for district in turn.districts or ("",):
            try:
                lookup(self.corpus, f"{district} {match.group()}".strip())
            except NotFoundError:
                continue
            except PolicyQAError:
                return None
            return None  # it exists: the question is about something else
        where = "、".join(turn.districts) or "已收录"
        return f"{where}的文件中没有{match.group()}。"

    def _unknown_place(self, question: str) -> str | None:
        """A district-like name (火星区, 上海浦东新区) that is neither covered nor a term the documents use."""
        for m in _PLACE.finditer(question):
            name, stem = m.group(), m.group(1)
            if stem.endswith(_AREA_WORDS) or set(stem) & _NOT_A_NAME or any(name in t for t in self._texts):
                continue
            return name
        return None

    def _quote_clauses(self, turn: Turn, clauses: list[Clause]) -> Answer:
        citations = [self._citation(i, c) for i, c in enumerate(clauses, start=1)]
        lines = [
            f"{citation_line(self.corpus.documents[c.doc_id].title, c.locator)}：\n{c.text}[{i}]"
            for i, c in enumerate(clauses, start=1)
        ]
        text = "\n".join(lines) + self._status_notes(clauses, Intent())
        return self._answer(turn, text, True, citations, [], [])

    def _missing_topic_terms(self, turn: Turn) -> list[str]:
        """Policy terms of the question that the corpus knows but the named districts never use."""
        if not turn.districts:
            return []
        scope_vocab: set[str] = set()
        for district in turn.districts:
            scope_vocab |= self._vocab_by_district.get(district, set())
        # Only policy terms (user dictionary) and quoted names count: a plain word missing
        # from a district's text (出台, 第一次) says nothing about what it covers.
        quoted = set(tokenize(" ".join(_QUOTED.findall(turn.question))))
        missing = []
        for token in self._content_tokens(turn.question):
            if token not in self._policy_terms and token not in quoted:
                continue
            if token in self._df and token not in scope_vocab:
                missing.append(token)
        # Report whole terms only: 丰泽计划, not also 丰泽.
        return [t for t in missing if not any(t != o and t in o for o in missing)]

    def _content_tokens(self, text: str) -> list[str]:
        aliases = self.corpus.district_aliases
        return [
            t
            for t in dict.fromkeys(tokenize(text))
            if len(t) >= 2 and t not in _GENERIC and not t.isdigit() and not any(t in a for a in aliases)
        ]

    def _attribution(self, turn: Turn, intent: Intent, missing: list[str]) -> Answer | None:
        """The question pins a named measure on the wrong district: answer with the right one.

        Only for distinctive terms (a programme's name, found in a few clauses); a common word
        missing from a district (上市) means the district does not cover the topic.
        """
        distinctive = [t for t in missing if self._df.get(t, 0) <= 2]
        if not distinctive:
            return None
        # Search for the foreign terms alone: the district named in the question would pull toward it.
        hits = self.retriever.search(" ".join(missing), k=3)
        if not hits:
            return None
        top = hits[0]
        doc = self.corpus.documents[top.clause.doc_id]
        if doc.district in turn.districts:
            return None
        tokens = set(tokenize(top.clause.text))
        if not all(term in tokens for term in distinctive):
            return None
        if intent.amount and not numbers.find_amounts(top.clause.text):
            return None
        named = "、".join(turn.districts)
        terms = "、".join(f"「{t}」" for t in distinctive)
        citation = self._citation(1, top.clause)
        sentences = self._best_sentences(top.clause, turn, limit=2)
        text = (
            f"更正：{terms}出自{doc.district}的{citation_line(doc.title, top.clause.locator)}，并非{named}的政策。"
            f"原文：“{sentences}”[1]"
        )
        text += self._status_notes([top.clause], Intent())
        return self._answer(turn, text, True, [citation], [], [top])

    # ------------------------------------------------------------------ calculation
    def _calculate(self, turn: Turn, hits: Sequence[Hit]) -> list[AwardResult]:
        scope = self._scope(turn.districts)
        rules = [r for r in self.rules if scope is None or r.clause_id.split("#")[0] in scope]
        clause_ids = [h.clause.clause_id for h in hits]
        try:
            if turn.history and _CONTINUES.search(turn.question):
                # "还能再拿多少" continues the award the previous turn was about: keep to its rules.
                previous = awards.from_question(turn.history[-1], rules, clause_ids, corpus_dir=self._corpus_dir)
                same = {r.rule_id for r in previous}
                rules = [r for r in rules if r.rule_id in same] or rules
            results = awards.from_question(turn.calc_query, rules, clause_ids, corpus_dir=self._corpus_dir)
        except InputError:
            return []
        by_id = self.corpus.by_id
        return [r for r in results if r.clause_id in by_id]

    # ------------------------------------------------------------------ composing
    def _compose(self, turn: Turn, intent: Intent, hits: list[Hit], calculations: list[AwardResult]) -> Answer:
        by_id = self.corpus.by_id
        chosen: list[Clause] = []
        if calculations:
            chosen.append(by_id[calculations[0].clause_id])
        chosen += self._supporting(turn, intent, hits)
        chosen = list(dict.fromkeys(chosen))[: MAX_CITATIONS + (1 if intent.compare else 0)]
        if intent.status:  # the document's own header or title carries its status and date
            chosen += [h for h in self._headers(chosen) if h not in chosen]
        if intent.amount and not calculations and not any(numbers.find_amounts(c.text) for c in chosen[:1]):
            return self._refuse(turn, "文件中未载明该事项的具体金额。", hits)
        if intent.application and not any(_states_application_window(c.text) for c in chosen):
            return self._refuse(
                turn, "文件中未提及申报时间、申报渠道或申报系统，请以主管部门发布的申报通知为准。", hits
            )
        # "各/分别/一共" asks for several awards; otherwise the best one answers.
        shown = calculations if _SEVERAL.search(turn.question) else calculations[:1]
        # Every calculation shown cites its own clause; results not shown are not returned either.
        chosen = list(dict.fromkeys([*(by_id[r.clause_id] for r in shown), *chosen]))
        chosen_ids = [c.clause_id for c in chosen]
        citations = [self._citation(i, c) for i, c in enumerate(chosen, start=1)]
        lines: list[str] = []
        for result in shown:
            marker = chosen_ids.index(result.clause_id) + 1
            clause = chosen[marker - 1]
            rule = next((r for r in self.rules if r.rule_id == result.rule_id), None)
            lines += _calculation_lines(result, self.corpus.documents[clause.doc_id].title, clause, marker, rule)
        quoted = {chosen_ids.index(r.clause_id) for r in shown}
        for i, clause in enumerate(chosen, start=1):
            if i - 1 in quoted:
                continue
            doc = self.corpus.documents[clause.doc_id]
            sentences = self._best_sentences(clause, turn, prefer_figures=intent.amount or intent.compare)
            lines.append(f"{citation_line(doc.title, clause.locator)}：“{sentences}”[{i}]")
        lines += _code_verdicts(turn.question, chosen)
        if _MINIMUM.search(turn.question):
            lines.append("说明：文件只规定了最高额度（上限），没有规定最低金额。")
        extra = unsupported_district(turn.question, ()) if intent.compare else None
        if extra:  # "朝阳区和丰台区分别…": say the uncovered one has no documents here
            lines.append(f"说明：文件库中没有{extra}的政策文件，以上仅为已收录区的规定。")
        text = "\n".join(lines) + self._status_notes(chosen, intent)
        return self._answer(turn, text, True, citations, shown, hits)

    def _supporting(self, turn: Turn, intent: Intent, hits: list[Hit]) -> list[Clause]:
        """The clauses to cite: the best hit and, for questions across districts, the best clause
        of each other document that carries the question's most distinctive term."""
        if not hits:
            return []
        chosen = [hits[0].clause]
        # A runner-up nearly as strong as the best hit is cited too: ranking between two
        # close clauses is the least reliable decision retrieval makes.
        if len(hits) > 1 and hits[1].score >= RUNNER_UP * hits[0].score:
            chosen.append(hits[1].clause)
        # "能申请门头沟措施的第五条吗": a district whose FAQ only *mentions* 第五条 (its scope
        # clause says who each article supports) answers with that clause.
        for article in dict.fromkeys(_ARTICLE.findall(turn.question)):
            scope = self._scope(turn.districts)
            mention = next(
                (c for c in self.corpus.clauses
                 if (scope is None or c.doc_id in scope) and article in c.text and not c.text.startswith(article)),
                None,
            )
            if mention is not None and mention not in chosen:
                chosen.insert(1, mention)
        if not (intent.compare or len(turn.districts) > 1):
            return chosen
        wide = self.retriever.search(turn.retrieval_query, k=20, doc_ids=self._scope(turn.districts))
        seen = {hits[0].clause.doc_id}
        if len(turn.districts) > 1:  # each district the question names gets its best clause
            seen = {self.corpus.documents[hits[0].clause.doc_id].district}
            for hit in wide:
                district = self.corpus.documents[hit.clause.doc_id].district
                if district not in seen and hit.score >= 0.3 * wide[0].score:
                    chosen.append(hit.clause)
                    seen.add(district)
            return chosen
        content = [t for t in self._content_tokens(turn.question) if t in self._df]
        if not content:
            return chosen
        key = min(content, key=lambda t: self._df[t])
        candidates = [
            h for h in wide if h.score >= 0.3 * wide[0].score and key in set(tokenize(h.clause.text))
        ]
        # "哪些区支持X": per document prefer a clause that grants support over one that defines X.
        if _SUPPORT.search(turn.question):
            candidates.sort(key=lambda h: not _GRANT.search(h.clause.text))
        for hit in candidates:
            if hit.clause.doc_id not in seen:
                chosen.append(hit.clause)
                seen.add(hit.clause.doc_id)
        return chosen

    def _headers(self, clauses: Sequence[Clause]) -> list[Clause]:
        headers = []
        for doc_id in dict.fromkeys(c.doc_id for c in clauses):
            by_key = {c.clause_id.split("#", 1)[1]: c for c in self.corpus.clauses_of(doc_id)[:3]}
            header = by_key.get("文件头") or by_key.get("标题")
            if header is not None:
                headers.append(header)
        return headers

    def _best_sentences(self, clause: Clause, turn: Turn, limit: int = 2, prefer_figures: bool = False) -> str:
        """The sentences of a clause that share most words with the question, in clause order."""
        if clause.locator in ("标题", "文件头"):  # headers are short and broken over lines
            return clause.text.replace("\n", " ")
        unit = _UNIT.search(clause.text)
        tail = unit.group() if unit and re.search(r"责任|负责|哪个单位|哪个部门|谁", turn.question) else ""
        if len(clause.text) <= SHORT_CLAUSE:
            return clause.text.replace("\n", "")
        sentences = [s.strip() for s in _SENTENCE.findall(clause.text) if s.strip()]
        if len(sentences) <= limit:
            return "".join(sentences)
        current = set(tokenize(turn.question))
        context = set(tokenize(" ".join(turn.history[-1:])))
        scores = []
        for i, sentence in enumerate(sentences):
            tokens = set(tokenize(sentence))
            score = 2.0 * len(tokens & current) + 0.5 * len(tokens & context)
            if i == 0 and (_HEADING_SENTENCE.match(sentence) or sentence in clause.locator):
                score *= 0.3  # an article's opening headline ("加大应用场景支持。") says little
            if prefer_figures and numbers.find_amounts(sentence):
                score += 1.5
            scores.append(score)
        best = max(range(len(sentences)), key=lambda i: (scores[i], -i))
        # The best sentence leads (so the first figure stated is the one asked about);
        # close runners-up follow in clause order.
        others = sorted(
            (i for i in range(len(sentences)) if i != best and scores[i] >= 0.8 * scores[best] > 0),
            key=lambda i: (-scores[i], i),
        )[: limit - 1]
        picked = "".join(sentences[i] for i in [best, *sorted(others)])
        return picked + tail if tail and tail not in picked else picked

    def _status_notes(self, clauses: Sequence[Clause], intent: Intent) -> str:
        notes: list[str] = []
        for doc_id in dict.fromkeys(c.doc_id for c in clauses):
            doc = self.corpus.documents[doc_id]
            if doc.is_draft:
                notes.append(draft_note(doc.title))
            if intent.status and not doc.is_draft:
                notes.append(f"《{doc.title}》状态：{doc.status}；{doc.validity}。")
            if doc.expires and doc.expires < self.today and not doc.is_draft:
                notes.append(
                    f"提示：{doc.validity}，按此推算已于{doc.expires.isoformat()}到期，请向主管部门核实是否仍在执行。"
                )
            elif intent.status and doc.is_draft:
                notes.append(f"《{doc.title}》有效期表述：{doc.validity}。")
        return ("\n" + "\n".join(notes)) if notes else ""

    # ------------------------------------------------------------------ building answers
    def _citation(self, marker: int, clause: Clause) -> Citation:
        doc = self.corpus.documents[clause.doc_id]
        return Citation(
            marker=marker,
            clause_id=clause.clause_id,
            doc_id=doc.doc_id,
            document_title=doc.title,
            locator=clause.locator,
            status=doc.status,
            validity=doc.validity,
            text=clause.text,
        )

    def _refuse(self, turn: Turn, reason: str, hits: Sequence[Hit]) -> Answer:
        related = [self._citation(i, h.clause) for i, h in enumerate(hits[:3], start=1)]
        text = f"文件未提及：{reason}"
        if related:
            text += "\n可参考的相关条款：" + "；".join(
                citation_line(c.document_title, c.locator) for c in related
            )
        return Answer(question=turn.raw, text=text, found=False, related=tuple(related), hits=tuple(hits))

    def _answer(
        self,
        turn: Turn,
        text: str,
        found: bool,
        citations: list[Citation],
        calculations: list[AwardResult],
        hits: Sequence[Hit],
    ) -> Answer:
        amounts = tuple(value for value, _, _ in numbers.find_amounts(text))
        return Answer(
            question=turn.raw,
            text=text,
            found=found,
            citations=tuple(citations),
            calculations=tuple(calculations),
            amounts_yuan=amounts,
            hits=tuple(hits),
        )


_CODE = re.compile(r"代码(?:是|为)?\s*(\d{2})(?!\d)")
_CODE_RANGE = re.compile(r"代码属于(\d{2})-(\d{2})的企业为([^。，；]+)")


def _code_verdicts(question: str, clauses: Sequence[Clause]) -> list[str]:
    """"行业大类代码44" against the ranges the cited definitions state (06-46 → 工业企业)."""
    asked = _CODE.search(question)
    if not asked:
        return []
    code = int(asked.group(1))
    verdicts = []
    for clause in clauses:
        for lo, hi, label in _CODE_RANGE.findall(clause.text):
            inside = int(lo) <= code <= int(hi)
            verdicts.append(
                f"判断：行业大类代码{asked.group(1)}{'在' if inside else '不在'}{lo}-{hi}之内，"
                f"按定义{'属于' if inside else '不属于'}{label}。"
            )
    return verdicts


def _is_follow_up(question: str) -> bool:
    return question.startswith(("那", "那么", "还有", "另外", "如果是", "要是")) or len(question) <= 12


def _calculation_lines(
    result: AwardResult, title: str, clause: Clause, marker: int, rule: AwardRule | None
) -> list[str]:
    amount = result.amount_yuan
    subject = f"（{rule.subject}）" if rule else ""
    if amount == 0:  # below a threshold: the steps say which condition is not met
        lines = [f"测算结果{subject}：按所给数据不满足支持条件，可获支持 0 元。[{marker}]"]
    else:
        stated = f"{numbers.format_wan(amount)}（{numbers.format_yuan(amount)}）"
        lines = [f"测算结果{subject}：最高可获得 {stated}。[{marker}]"]
    lines += [f"计算：{step}" for step in result.steps]
    lines += [f"前提：{a}" for a in result.assumptions]
    lines.append(f"依据：{citation_line(title, clause.locator)}。")
    if rule is not None:
        lines.append(f"原文：“{rule.quote}”[{marker}]")
    return lines


def _states_application_window(text: str) -> bool:
    """Does a clause say when or where to apply (a date, a window, a system)?"""
    return bool(re.search(r"(申报|受理|申请).{0,20}(\d{1,2}月|\d{4}年|系统|平台|网站|截止)", text))
