"""A question through the stages: understand → retrieve → evaluate rules → check premises → compose.

Each stage hands the next plain data (``QuestionFrame`` → hits → ``Verdict``s → ``Answer``);
this module only wires them. The default path never generates text: it quotes clauses and
states amounts only from the calculator or the quoted clause; when the documents do not
carry what is asked it says so and offers the nearest clauses instead of guessing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from policyqa.answer import articles, cite, scope
from policyqa.answer import compose as C
from policyqa.answer.build import combine, make_answer, no_amount, quoted, refuse
from policyqa.answer.compare import compare_conclusion
from policyqa.answer.conditions import condition_claims, over_a_limit, sentences_of, unmet_conditions
from policyqa.answer.corrections import claimed_elsewhere, located_elsewhere, moved_topic, wrong_district
from policyqa.answer.evaluator import evaluator_said
from policyqa.answer.exclusions import barred, barring, double_benefit, stacked, stacking_lines
from policyqa.answer.findings import bearing_verdict, count_clauses, findings
from policyqa.answer.gaps import criteria_unstated, find_gap, unstated_share
from policyqa.answer.lacking import lacking_districts, silent_districts, with_unsaid_terms
from policyqa.answer.library import Library
from policyqa.answer.membership import code_definitions, membership, membership_line, through_terms
from policyqa.answer.named_sets import outside_named_set
from policyqa.answer.overview import overview
from policyqa.answer.parts import answer_parts
from policyqa.answer.placement import home_rule
from policyqa.answer.premises import check_claims, claimed_cap, claimed_ratio
from policyqa.answer.shown import scope_overrules, shown_verdicts
from policyqa.answer.subquestions import unanswered_parts
from policyqa.answer.topic import on_topic
from policyqa.answer.turns import validate
from policyqa.answer.unheard import unheard_benefit
from policyqa.answer.which import ask_which
from policyqa.rules.level_check import level_checked
from policyqa.rules.per_year import one_year_asked
from policyqa.rules.said import long_ago
from policyqa.rules.select import denied, fact_fit, keyword_score, normalized, select_rules
from policyqa.rules.verdict import Verdict, evaluate
from policyqa.serialize import citation_line
from policyqa.tokenize import normalize
from policyqa.types import Answer, AwardRule, Hit
from policyqa.understand import vocab
from policyqa.understand.frame import QuestionFrame, frame_question, hearsay_about
from policyqa.understand.places import elsewhere_at
from policyqa.understand.state import merge

# several, not 「哪个区的」; 「四个区的文件里哪些有提到」「哪几份文件提到」 ask the same across documents
_WHICH_DISTRICTS = re.compile(r"哪几个区|哪些区|几个区|各区|哪些地方|哪几个地方|哪些文件|哪几份|哪几个文件"
                              r"|(?:区|文件)[^，。？?]{0,6}哪些(?:有|提到|提及|涉及|写了)")
_ACROSS = re.compile(r"哪几个区|哪些区|哪个区|各区|几个区|哪些地方|哪几个地方")
_VALIDITY = re.compile(r"有效期|施行|起实施|起执行")
_APPLY = re.compile(r"申请|申报|享受|[拿领报]|资格|够格|有份|适用|符合|给不给|还给|才(?:给|能给|有|发|支持)")


class Assistant:
    """Answers questions from the corpus; one instance serves many questions (stateless per call)."""

    def __init__(self, lib: Library) -> None:
        self.lib = lib

    def understand(self, question: str | Sequence[str], history: Sequence[str] = ()) -> QuestionFrame:
        turns = validate(question, history, self.lib.max_question_chars)
        frames = [self._frame(vocab.rejoin(normalize(t))) for t in turns]
        frame = merge(frames, lambda a, b: scope.shares_topic(self.lib, a, b))
        return replace(frame, raw=turns[-1])

    def _frame(self, text: str) -> QuestionFrame:
        lib = self.lib
        return frame_question(
            text,
            lib.corpus.districts_in,
            lambda t, cov: scope.elsewhere_in(lib.corpus, t, cov),
            lambda t: elsewhere_at(lib.corpus, t),
        )

    def ask(self, question: str | Sequence[str], history: Sequence[str] = ()) -> Answer:
        frame = self.understand(question, history)
        if not frame.carried and (heard := hearsay_about(frame.text, self.lib.corpus.districts_in)) is not None:
            return self._heard_elsewhere(frame, *heard)
        return self.ask_parts(frame)

    def ask_parts(self, frame: QuestionFrame) -> Answer:
        if len(frame.parts) >= 2 and not frame.elsewhere:
            return answer_parts(self.lib, frame, self._frame, self.answer)
        return self.answer(frame)

    def _heard_elsewhere(self, frame: QuestionFrame, heard: str, district: str) -> Answer:
        """「听说怀柔…奖100万，丰台是不是也差不多」: the heard figure checked against its own district's documents
        first, then the other district asked — without the heard figures, which are no data of the user's."""
        rest = self._frame(frame.text.replace(heard, ""))
        if rest.asks:  # 「…比，哪边多」「丰台那边又是怎么支持的」: the parts and comparisons weigh the claim
            return self.ask_parts(frame)
        heard_frame = self._frame(f"{heard}，是吗？")
        claim = self.answer(replace(heard_frame, districts=(district,), raw=frame.raw,
                                    context=f"{heard_frame.text} {frame.text}"))  # (「对这个」: the topic is around)
        asked = replace(frame, districts=tuple(d for d in frame.districts if d != district),
                        facts=rest.facts, parts=(), located=None)
        return combine(frame.raw, [claim, self.answer(asked)])

    # ------------------------------------------------------------------ one frame
    def answer(self, frame: QuestionFrame) -> Answer:
        return with_unsaid_terms(self.lib, frame, self._answer(frame))

    def _answer(self, frame: QuestionFrame) -> Answer:
        lib = self.lib
        if frame.elsewhere:
            covered = "、".join(lib.corpus.districts())
            reason = f"现有文件库只收录{covered}的政策，没有{frame.elsewhere}的政策文件，无法回答。"
            if home := home_rule(lib.corpus, frame):
                return refuse(lib, frame, f"{reason}{home[0]}", [Hit(home[1], 1.0, ())])
            return refuse(lib, frame, reason, [])
        if frame.located and (placed := located_elsewhere(lib, frame)) is not None:
            return placed
        cited = articles.cited_clauses(lib, frame)
        if cited and not articles.priced(frame):
            return quoted(lib, frame, cited)
        absent = articles.absent_article(lib, frame)
        if absent:
            return refuse(lib, frame, absent, [])
        hits = scope.search(lib, frame)
        if cited:
            hits = articles.pinned(hits, cited)
        if not frame.districts and vocab.CITY_ASKED.search(frame.text) and frame.asks_for("amount"):
            return refuse(lib, frame, "现有文件均为区级政策，未载明北京市级的补贴标准或比例。", hits)
        if said := criteria_unstated(lib, frame, hits):  # 「小巨人认定有啥硬杠杠」
            return refuse(lib, frame, said, hits)
        if (share := unstated_share(lib, frame)) is not None:  # 「100亿资金里分给汽车的是多少」
            return share
        if unheard := unheard_benefit(lib, frame):  # 「听说…有新落户企业10年房租全免，在哪申请」: reject, then answer
            where = "、".join(frame.districts) or "现有"
            heard = "听" if vocab.PRESUMED.search(frame.text) else ""  # (「…对吧」 asserts, 「听说…」 reports)
            said = f"{where}的文件中没有「{unheard}」的规定，您{heard}说的这项支持在文件中找不到依据。"
            return refuse(lib, frame, said, hits)
        missing = scope.missing_topic_terms(lib, frame)
        if missing and (elsewhere := claimed_elsewhere(self.lib, frame, hits)) is not None:
            return elsewhere
        if not frame.asks_for("status") and (lacking := lacking_districts(lib, frame)):  # (status: of each document)
            rest = self.answer(replace(frame, districts=tuple(d for d in frame.districts if d not in lacking)))
            said = "；".join(f"{d}的文件中未提及「{'、'.join(m)}」" for d, m in lacking.items())
            return replace(rest, text=f"结论：{said}。\n{rest.text}")
        if missing and frame.districts and _ACROSS.search(frame.text):
            # 「哪几个区提到了贷款贴息？丰台那个有没有？」: every district is asked; the named one's absence is said.
            wider = self.answer(replace(frame, districts=()))
            named = "、".join(frame.districts)
            note = f"结论：{named}的文件中未提及「{'、'.join(missing)}」。"
            rest = [line for line in wider.text.splitlines() if line != note.removeprefix("结论：")]  # said once
            return replace(wider, text="\n".join([note, *rest]))
        if missing and not frame.asks_for("status"):  # 「…正式印发了吧？听说对总部企业落户…」: the status is answered
            if (moved := moved_topic(lib, frame, missing)) is not None:
                return wrong_district(self.lib, frame, *moved)
            where = "、".join(frame.districts)
            return refuse(lib, frame, f"{where}的文件中未提及「{'、'.join(missing)}」相关内容。", hits)
        if not hits:
            return refuse(lib, frame, "文件中没有找到与该问题相关的条款。", [])
        if (listed := overview(lib, frame, hits)) is not None:
            return listed
        wants = self._wants_rules(frame)
        options = self._which(frame) if wants else []
        if len(options) >= 2:
            return ask_which(lib, frame, options, hits)
        verdicts = self._verdicts(frame, hits) if wants else []
        return self._compose(frame, hits, verdicts)

    def _wants_rules(self, frame: QuestionFrame) -> bool:
        if frame.asks_for("who", "application") and not frame.asks_for("amount"):
            return False
        if _WHICH_DISTRICTS.search(frame.text) and not (frame.facts.money or frame.facts.counts):
            return False  # 「哪几个区有支持？写了金额的是哪个」: each district's figure is listed, nothing computed
        if frame.asks_for("amount", "support"):
            return True
        if vocab.PRECONDITION.search(frame.text):
            return False  # 「是不是得先进企业库」 asks what is required, not what is paid
        if any(f.claimed for f in frame.facts.figures):
            return True  # 「一次性给200万对吧」: the claim is checked against the rule's own figure
        if vocab.CLAIM.search(frame.text) and re.search(r"\d+(?:\.\d+)?\s*[%％]|百分之", frame.text):
            return True  # 「首台套是按10%给吧」: a rate claimed, checked against the rule's own rate
        # 「增速只有3%，行业平均8%…能拿吗」: a growth against the average decides it as a figure would.
        stated = frame.facts.money or frame.facts.counts or frame.facts.negated_cues \
            or frame.facts.above_average is False or frame.facts.failed_stage is not None or long_ago(frame.text)
        return bool(stated) and frame.asks_for("eligibility")

    def _verdicts(self, frame: QuestionFrame, hits: list[Hit]) -> list[Verdict]:
        latest = frame.text
        earlier = frame.context[len(frame.text):] if frame.carried else ""
        # A part of a two-part turn takes from the rest of it only which variant it means (做软件的 → 软件 tiers).
        rest = frame.context[len(frame.text):] if frame.context.startswith(f"{frame.text} ") else ""
        docs = self.lib.scope(frame.districts)
        prefer: list[str] = []
        if earlier and (vocab.CONTINUES.search(latest) or vocab.BOTH_AWARDS.search(latest)):
            # 「还能再拿多少」「两笔一共最多多少」 continue the award the earlier turn was about.
            pool = [r for r in self.lib.rules if docs is None or r.clause_id.split("#")[0] in docs]
            said = earlier.lower()
            # Ties (「软件」 names 第五条 and 第六条 alike) go to the rule the figures fit.
            best = max(pool, key=lambda r: (keyword_score(r, said), fact_fit(r, frame.facts)), default=None)
            if best is not None and keyword_score(best, said) > 0:
                prefer = [r.rule_id for r in pool if r.clause_id == best.clause_id and keyword_score(r, said)]
        rules = select_rules(self.lib.rules, hits, frame.facts, latest, earlier, docs, prefer, rest)
        by_id = self.lib.corpus.by_id
        rules = [r for r in rules if r.clause_id in by_id and on_topic(self.lib, frame, hits, by_id[r.clause_id], r)]
        return [level_checked(evaluate(r, frame.facts, frame.context), frame, self.lib.rules) for r in rules]

    def _which(self, frame: QuestionFrame) -> list[AwardRule]:
        """Rules a named figure could feed when the question names no programme
        (「市里给了450万，丰台配套多少」): the user must say which one."""
        docs = self.lib.scope(frame.districts)
        text = frame.context.lower()
        pool = [r for r in self.lib.rules if docs is None or r.clause_id.split("#")[0] in docs]
        if any(keyword_score(r, text) or denied(r, self.lib.rules, normalized(text)) for r in pool):
            return []
        return [r for r in pool if fact_fit(r, frame.facts) > 0 and r.kind in ("rate_cap", "threshold_rate_cap")]

    # ------------------------------------------------------------------ composing
    def _compose(self, frame: QuestionFrame, hits: list[Hit], verdicts: list[Verdict]) -> Answer:
        lib = self.lib
        by_id = lib.corpus.by_id
        if (bar := barring(lib, frame, verdicts)) is not None:  # 「去年出过一次一般生产安全事故」
            verdicts = barred(verdicts, *bar)
        shown = shown_verdicts(lib, frame, verdicts)
        support = cite.supporting(lib, frame, hits)
        # 「哪几个区…？给的标准一样吗？」: the second part compares the districts the first asked across.
        if not shown and (_WHICH_DISTRICTS.search(frame.text) or (
                frame.asks_for("compare") and not frame.districts and _WHICH_DISTRICTS.search(frame.context))):
            support = through_terms(lib, scope.across(lib, frame, hits, support))  # one clause per document
            silent = silent_districts(lib, frame)  # (a district never naming the topic has no figure for it)
            support = [c for c in support if lib.corpus.documents[c.doc_id].district not in silent]
        if shown and not (frame.asks_for("compare") or len(frame.districts) > 1):
            support = []  # the verdict's clause answers; neighbours would only look like support
        chosen = list(dict.fromkeys([*(by_id[v.rule.clause_id] for v in shown), *(bar[:1] if bar else ()), *support]))
        chosen = chosen[: max(articles.MAX_CITATIONS + (1 if frame.asks_for("compare") else 0), len(shown),
                              len(frame.districts) + 1)]  # (three districts named: each keeps its clause)
        rival = by_id[shown[0].rule.clause_id] if shown else None
        if (elsewhere := claimed_elsewhere(self.lib, frame, hits, rival)) is not None:
            return elsewhere
        gap = find_gap(lib, frame, chosen, shown, hits)
        if gap.refusal:
            if gap.unknown and frame.districts and (moved := moved_topic(lib, frame, list(gap.unknown))) is not None:
                return wrong_district(self.lib, frame, *moved)  # 「…应用推广奖励的配套，怀柔给多少」: 丰台's
            if gap.unpriced is not None:
                said = gap.refusal.split("“", 1)[1].rstrip("”")
                return no_amount(lib, frame, gap.unpriced, said, hits)
            return refuse(lib, frame, gap.refusal, hits)
        chosen, unstated = gap.chosen, gap.lead
        chosen = stacked(lib, frame, chosen) if not shown else chosen  # 「能不能叠加享受」: each district's rule
        about = by_id[shown[0].rule.clause_id] if shown else None
        computed = shown[0].amount if shown else None
        if shown and shown[0].outcome == "not_eligible" and shown[0].result is not None:
            computed = shown[0].result.amount_yuan  # 0: the claim is checked against nothing being due
        premise = check_claims(lib, frame, hits, about, computed)
        ratio = claimed_ratio(frame, [*shown, *verdicts], chosen)  # (the rule with a rate, shown or not)
        if premise is not None and premise.where is not None and not premise.holds:
            chosen.append(premise.where)
        documents = cite.status_docs(lib, frame, chosen) if frame.asks_for("status") else []
        if documents and not shown:
            # A status question is answered by the validity clauses and the documents' headers.
            valid = [h.clause for h in hits if _VALIDITY.search(h.clause.text)]
            chosen = list(dict.fromkeys([*valid[:2], *cite.headers(lib, documents)])) or chosen
        elif documents:
            chosen += [h for h in cite.headers(lib, documents) if h not in chosen]
        targets = cite.target_years(lib, documents)
        found = [*targets.values(), *code_definitions(lib, frame, chosen), *count_clauses(lib, frame, chosen)]
        chosen += [c for c in found if c not in chosen]
        ids = [c.clause_id for c in chosen]
        citations = [lib.citation(i, c) for i, c in enumerate(chosen, start=1)]
        head: list[str] = []
        if premise is not None and not premise.holds and not unstated.startswith("更正"):  # (said once)
            head.append(premise.note + (f"[{ids.index(premise.where.clause_id) + 1}]" if premise.where else ""))
        if ratio:
            head.append(ratio)
        if (cap_said := claimed_cap(frame, shown, lib.rules)) and not any(
                x.startswith("更正") and (m := re.search(r"最高(\S+?元)", cap_said)) and m[1] in x for x in head):
            # (once: a cap already corrected to its figure is not corrected again; the bare 「没有依据」 gives way)
            head = [x for x in head if not x.endswith("没有依据，以下为条款实际规定。")] + [cap_said]
        if documents:
            head += C.status_lines(lib, documents, targets, chosen)
        body: list[str] = []
        for verdict in shown:
            marker = ids.index(verdict.rule.clause_id) + 1
            clause = chosen[marker - 1]
            # A figure typed but unreadable (1e30元, abc元) still means the user wanted a computation.
            typed = re.search(r"[\dA-Za-z零一二两三四五六七八九十百千]+\s*[万亿]*元", frame.text)
            computing = bool(frame.facts.money or frame.facts.counts or typed)
            head.append(C.conclusion(verdict, marker, frame.asks_for("eligibility"), computing,
                                     bool(vocab.RATE_ASKED.search(frame.text))))
            if one_year_asked(frame.text) and (r := verdict.result) and r.cap_yuan and r.amount_yuan > r.cap_yuan:
                head.append(f"结论：其中每年最高 {C.money(min(r.cap_yuan, r.amount_yuan))}（年度上限）。[{marker}]")
            body += C.verdict_lines(verdict, lib.corpus.documents[clause.doc_id], clause, marker)
        quoted = {v.rule.clause_id for v in shown}
        for i, clause in enumerate(chosen, start=1):
            if premise is not None and premise.sentence and clause == premise.where:
                # The claimed figure's own sentence, not the one nearest the question's words.
                doc = lib.corpus.documents[clause.doc_id]
                body.append(f"依据：{citation_line(doc.title, clause.locator)}：“{premise.sentence}”[{i}]")
            elif clause.clause_id not in quoted:
                body.append("依据：" + C.quote_line(lib, clause, frame, i))
        total = C.total_line(shown, frame.text)
        if total:
            head.insert(len(head) - len(shown), total)
        # 「…第三年还能接着报不」「设备款分四年付清，怎么算」: a period the user states, against the limit.
        periods = C.marked(over_a_limit(frame.text, sentences_of(chosen)), chosen)
        found_here = findings(lib, frame, chosen)
        head = list(dict.fromkeys([*found_here, *head, *periods,  # (each line said once)
                                   *C.code_verdicts(frame.text, chosen), *C.list_difference(frame.text, chosen),
                                   *C.distinct_terms(frame.text, chosen), *bearing_verdict(lib, frame.text, chosen),
                                   *evaluator_said(frame.text, chosen, [*found_here, *head])]))
        barred_here = bar is not None  # 0 already said by a document's own bar (scope, double support, a case)
        # (「认定部门一样吗」 weighs bodies, 「能不能叠加享受？两边一样吗」 the no-double rules: no money)
        stacking = stacking_lines(lib, frame.text, chosen) if not shown else []
        weighs_money = not (frame.asks_for("who", "status") and not frame.asks_for("amount")) and not stacking \
            and not any(line.startswith("结论：明确写到") for line in head)  # (the named thing, not the money)
        if weighs_money and (frame.asks_for("compare") or (len(frame.districts) > 1 and not barred_here)):
            head = [line for line in [compare_conclusion(lib, frame, chosen, shown)] if line] + head
        head = [*stacking, *head]
        head.sort(key=lambda line: not line.startswith("结论：明确写到"))  # 「哪家明确管新迁入的」 is what is asked
        if _WHICH_DISTRICTS.search(frame.text) and (silent := silent_districts(lib, frame)):
            said = "；".join(f"{d}的文件中未提及「{'、'.join(m)}」" for d, m in silent.items())
            head.insert(1 if head else 0, f"{said}。")  # 哪几个区…: the districts that do not, too
        if unstated:
            head.insert(0, unstated)
        if not shown and (passing := scope.mentioned_only(lib, frame, chosen)):
            head.insert(0, passing)
        double = double_benefit(lib, frame) if not shown and frame.asks_for("eligibility") else None
        if double is not None:
            if double[0] not in chosen:
                chosen.append(double[0])
                citations.append(lib.citation(len(citations) + 1, double[0]))
            hedge, at = "原则上" if "原则上" in double[1] else "", chosen.index(double[0]) + 1
            head.insert(0, f"结论：{hedge}不能：条款规定“{double[1]}”[{at}]，您所述已获同类支持。")
        claims = condition_claims(frame.text, chosen)
        if claims:
            head = [claims[0], *(line for line in head if "文件未写明" not in line)]
        member = membership(lib, frame) if frame.asks_for("eligibility") and not shown else None
        if member is not None:
            for clause in member.clauses:
                if clause not in chosen:
                    chosen.append(clause)
                    citations.append(lib.citation(len(citations) + 1, clause))
            ids = [c.clause_id for c in chosen]
            asked = [a for a in articles.ARTICLE.findall(frame.text) if a.startswith("第") and a.endswith("条")]
            head.insert(0, membership_line(member, asked, {c: ids.index(c) + 1 for c in ids}))
        elif frame.asks_for("eligibility", "amount", "support") and double is None:
            # 「发票还算不算」 asks what counts, not whether they may apply: no 可以/还取决于 verdict for it.
            yes_no = frame.asks_for("eligibility") and not frame.asks_for("amount") and bool(_APPLY.search(frame.text))
            said_no = any(line.startswith(("结论：按您所述不能", "结论：不算")) for line in head)  # (said already)
            unmet = unmet_conditions(frame.text, chosen, yes_no) if not shown and not said_no else []
            # 「没有进丰台智能制造企业库」: the requiring clause may not be a hit — tried too when the hits gave only a
            # soft line (可以/还取决于), since a failed condition elsewhere outranks it
            soft = not any(line.startswith("结论：按您所述不") for line in unmet)
            extra = scope.requiring(lib, frame, chosen) if soft and not said_no and not barred_here else []
            hard = unmet_conditions(frame.text, extra, yes_no) if extra else []
            if soft and not hard and not said_no and (outside := outside_named_set(lib, frame, chosen)):
                hard, extra = [outside[0]], [outside[1]]  # (a trade outside the set the clause is limited to)
            if hard and (not unmet or hard[0].startswith("结论：按您所述不")):
                unmet = hard
                if unmet:
                    marker = len(citations) + 1
                    chosen.append(extra[0])
                    citations.append(lib.citation(marker, extra[0]))
                    body.append("依据：" + C.quote_line(lib, extra[0], frame, marker))  # (shown as it is cited)
                    unmet = [f"{line}[{marker}]" for line in unmet]
            head = [*C.marked(unmet, chosen), *head]
            if any(line.startswith(("结论：按您所述不", "结论：不")) for line in head):  # a failed condition decides
                # (the closed list's yes; the conditions' 符合 or 还取决于 when a level or grade fails the clause)
                head = [line for line in head if not line.startswith(_SOFT)]
            if unstated and head[0] != unstated:  # what the support is comes before whether it fits
                head.remove(unstated)
                head.insert(0, unstated)
        body += [*C.minimum_note(frame.text), *C.later_years_note(shown, chosen)]
        if frame.asks_for("compare"):
            extra = scope.elsewhere_in(lib.corpus, frame.text, ())
            if extra:
                body.append(f"说明：文件库中没有{extra}的政策文件，以上仅为已收录区的规定。")
        stated = [d.doc_id for d in documents]
        for clause in [c for c in cite.validity_sources(lib, chosen, stated) if c not in chosen]:
            chosen.append(clause)
            citations.append(lib.citation(len(citations) + 1, clause))
        notes = C.status_notes(lib, chosen, stated, {c.clause_id: i for i, c in enumerate(chosen, start=1)})
        head += unanswered_parts(lib, frame.text, head, chosen) if not frame.carried else []
        head, body, overruled = scope_overrules(head, body) if shown else (head, body, False)
        text = "\n".join([*dict.fromkeys(head), *body, *notes])  # (a line two checks reach is said once)
        calcs = [v.result for v in shown if v.result is not None and not overruled]
        if total and len(calcs) >= 2:
            calcs.insert(0, C.total_result(shown, frame.text))
        return make_answer(frame, text, True, citations, calcs, hits)

_SOFT = ("结论：可以，", "结论：按您所述符合", "结论：能否申请还取决于")
