"""The web interface's operations, without Gradio: validated inputs, worker tasks, JSON shapes.

``app.py`` wires these to components and endpoints. Each operation has one validation function
(``*_inputs``) that bounds and types every field before anything is parsed, and one task
(``*_task(engine, …)``) that runs in a worker process (:mod:`policyqa.workers`), so a request that
runs long is stopped at its deadline without holding up the others.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import os
import re
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

from policyqa import awards, limits
from policyqa.engine import Engine
from policyqa.errors import InputError, NotFoundError, RuleError
from policyqa.lookup import lookup
from policyqa.rules.question import from_question as awards_from_question
from policyqa.serialize import citation_line, clause_json, result_json, rule_json
from policyqa.settings import Settings
from policyqa.types import Answer, AwardResult, AwardRule, Clause

ALL_DISTRICTS = "全部区"
LOCATOR_HIT, KEYWORD_HIT, RELATED = "条款编号匹配", "关键词命中", "内容相近"
_RULE_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
LOOKUP_EMPTY = "请输入条款编号或关键词，例如「丰台 第十四条」或「首台套」"
AWARD_EMPTY = "请选择测算规则，或用一句话描述情况"


# ---------------------------------------------------------------------- validation (one place per operation)
def ask_inputs(question: Any, history: Any, settings: Settings) -> tuple[str, list[str]]:
    """(question, earlier turns), each a bounded string; InputError with a Chinese message otherwise."""
    current, earlier = limits.turns(question, history, settings.max_question_chars)
    return current, earlier


def lookup_inputs(query: Any, district: Any, settings: Settings) -> tuple[str, str | None]:
    text = limits.text(query, "查询", settings.max_question_chars, empty_message=LOOKUP_EMPTY)
    place = limits.optional_text(district, "区名")
    return text, None if place in (None, ALL_DISTRICTS) else place


def award_inputs(
    key: Any, base: Any, count: Any, level: Any, settings: Settings
) -> tuple[str, str | None, int | None, str | None]:
    return (limits.text(key, "描述", settings.max_question_chars, empty_message=AWARD_EMPTY),
            limits.amount(base), limits.count(count), limits.optional_text(level, "级别"))


V = TypeVar("V")


class LRU(Generic[V]):
    """A small thread-safe least-recently-used map.

    The web process keeps the default answers it got from the workers: an engine never changes after it is
    loaded, so a repeated (question, earlier turns) pair has the same answer, and hotlines repeat questions.
    """

    def __init__(self, size: int = 1024) -> None:
        self._size = size
        self._items: OrderedDict[Hashable, V] = OrderedDict()
        self._lock = threading.Lock()
        self._pending: dict[Hashable, concurrent.futures.Future[V]] = {}
        self.hits = self.misses = 0

    def get(self, key: Hashable) -> V | None:
        with self._lock:
            value = self._items.get(key)
            if value is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return value

    def put(self, key: Hashable, value: V) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)

    def get_or_compute(self, key: Hashable, compute: Callable[[], V]) -> V:
        """The cached value, else ``compute()`` — run once for concurrent callers of one key (the others
        wait for it and share its result or its error), so a question many users ask at once costs one
        worker's time, not one per user."""
        value = self.get(key)
        if value is not None:
            return value
        with self._lock:
            pending = self._pending.get(key)
            owner = pending is None
            if owner:
                pending = self._pending[key] = concurrent.futures.Future()
        assert pending is not None
        if not owner:
            return pending.result()
        try:
            value = compute()
        except BaseException as err:
            pending.set_exception(err)
            raise
        else:
            self.put(key, value)
            pending.set_result(value)
            return value
        finally:
            with self._lock:
                self._pending.pop(key, None)


# ---------------------------------------------------------------------- worker side
def load_engine(settings: Settings) -> Engine:
    """A worker's engine: the same index and rules; the optional LLM stays in the web process."""
    threads = settings.embed_threads or max(1, (os.cpu_count() or 1) // max(1, settings.workers))
    engine = Engine.load(dataclasses.replace(settings, llm_base_url="", llm_model="", embed_threads=threads))
    # The first answer loads jieba's dictionary and the embedder's buffers (~0.4 s): paid before the worker
    # reports ready, not by the first user it serves.
    engine.ask("丰台区对首台套有什么支持？")
    return engine


def ask_task(engine: Engine, question: str, history: list[str]) -> Answer:
    return engine.ask(question, history)


def lookup_task(engine: Engine, query: str, district: str | None) -> tuple[list[Row], str]:
    return find_clauses(engine, query, district)


def award_task(engine: Engine, key: str, base: str | None, count: int | None,
               level: str | None) -> tuple[AwardResult, AwardRule, list[str]]:
    return compute_award(engine, key, base, count, level)


# ---------------------------------------------------------------------- operations
Row = tuple[Clause, str, float | None]  # clause, how it was found, keyword-search score


def find_clauses(engine: Engine, query: str, district: str | None) -> tuple[list[Row], str]:
    """Locator lookup (丰台 第十四条) first; keyword search when the query is not a citation.

    Returns (clause, how, score) rows and a note for the user (empty when nothing to say).
    """
    query, district = lookup_inputs(query, district, engine.settings)
    canonical = engine.resolve_district(district) if district and district != ALL_DISTRICTS else None
    scoped = query
    if canonical and not engine.corpus.districts_in(query.split()[0]):
        scoped = f"{canonical} {query}"
    try:
        clauses = lookup(engine.corpus, scoped)
    except (NotFoundError, InputError):
        clauses = []
    if canonical and clauses:
        kept = [c for c in clauses if engine.corpus.documents[c.doc_id].district == canonical]
        if not kept:
            return [], f"「{query}」指向其他区的文件，与筛选条件「{canonical}」不一致"
        clauses = kept
    if clauses:
        return [(c, LOCATOR_HIT, None) for c in clauses], ""
    doc_ids = engine.corpus.doc_ids_of(canonical) if canonical else None
    hits = engine.retriever.search(query, k=8, doc_ids=doc_ids)
    if not hits:
        return [], f"没有找到与「{query}」相关的条款"
    # Staff searching a term want the clauses that contain it first; the rest are only related.
    terms = [_plain(t) for t in query.split() if _plain(t) and t not in engine.corpus.district_aliases]
    literal = [h for h in hits if all(t in _plain(h.clause.text) for t in terms)]
    related = [h for h in hits if h not in literal]
    rows = [(h.clause, KEYWORD_HIT, h.score) for h in literal] + [(h.clause, RELATED, h.score) for h in related]
    where = f"{canonical}的文件" if canonical else "已收录的文件"
    note = "" if literal else f"{where}中没有条款包含「{query}」，以下为内容相近的条款"
    named = [d for d in engine.corpus.districts_in(query) if d != canonical] if canonical else []
    if named:
        conflict = f"查询中的「{'、'.join(named)}」与所选区「{canonical}」不一致，已按所选区「{canonical}」检索"
        note = f"{conflict}；{note}" if note else conflict
    return rows, note


def _plain(text: str) -> str:
    """Comparable text: NFKC, no spaces, brackets or quotes (首台（套） matches 首台套)."""
    return re.sub(r"[\s()\"'“”‘’《》〈〉【】\[\]]", "", unicodedata.normalize("NFKC", text))


def compute_award(
    engine: Engine, rule_or_question: str, base: Any = None, count: Any = None, level: Any = None
) -> tuple[AwardResult, AwardRule, list[str]]:
    """A rule id → ``awards.calculate``; free text → the matched rule, recomputed with the given figures.

    The third item lists what was done with the user's input beyond the result (a figure the rule does
    not use, and so was ignored), so nothing entered is dropped silently.
    """
    key, base_v, count_v, level_v = award_inputs(rule_or_question, base, count, level, engine.settings)
    rules = {r.rule_id: r for r in engine.rules}
    if key in rules:
        rule = rules[key]
        result = awards.calculate(rule, base_yuan=base_v, count=count_v, level=level_v)
        return result, rule, unused_inputs(rule, base_v, count_v, level_v)
    if _RULE_ID.match(key):
        raise RuleError(f"未知的测算规则「{limits.preview(key)}」")
    results = awards_from_question(key, engine.rules, engine.corpus)
    if not results:
        raise InputError("未能从描述中识别出适用的补贴条款，请换一种说法，或直接选择测算规则")
    rule = rules[results[0].rule_id]
    if base_v is None and count_v is None and level_v is None:
        return results[0], rule, []
    result = awards.calculate(rule, base_yuan=base_v, count=count_v, level=level_v, stated_conditions=[key])
    return result, rule, unused_inputs(rule, base_v, count_v, level_v)


def unused_inputs(rule: AwardRule, base: str | None, count: int | None, level: str | None) -> list[str]:
    """One sentence per entered figure the rule's calculation does not use."""
    notes = []
    if base is not None and rule.kind == "fixed_cap":
        notes.append(f"所选条款按固定上限给予支持，与金额无关：未使用填写的基数金额「{base}」")
    if count is not None and rule.kind not in ("per_unit", "staged"):
        notes.append(f"所选条款不按数量计算：未使用填写的数量「{count}」")
    if level is not None and not rule.levels:
        notes.append(f"所选条款不区分级别：未使用填写的级别「{level}」")
    return notes


def award_json(engine: Engine, result: AwardResult, rule: AwardRule, notes: list[str] | None = None) -> dict[str, Any]:
    clause = engine.corpus.by_id.get(result.clause_id)
    out: dict[str, Any] = {**result_json(result), "cap_only": result.cap_only, "rule": rule_json(rule),
                           "notes": list(notes or [])}
    if clause is not None:
        doc = engine.corpus.documents[clause.doc_id]
        out["clause"] = clause_json(engine.corpus, clause)
        out["citation"] = citation_line(doc.title, clause.locator)
    return out


