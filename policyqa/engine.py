"""Wires the pieces once per process: corpus, index, embedder, retriever, rules, assistant."""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass

from policyqa import award_table
from policyqa.answer import Assistant, Library
from policyqa.corpus import Corpus, load_corpus
from policyqa.embed import Embedder, QueryCache, make_embedder
from policyqa.errors import IndexMissingError, InputError
from policyqa.llm import LLMAnswerer, ReplyStream
from policyqa.retrieve import Retriever
from policyqa.settings import Settings
from policyqa.store import BuildReport, Index, IndexStaleError, build_index, load_index
from policyqa.types import Answer, AwardRule

log = logging.getLogger(__name__)
_build_lock = threading.Lock()


def build(
    settings: Settings, rebuild: bool = False, corpus: Corpus | None = None, embedder: Embedder | None = None
) -> BuildReport:
    """Build (or incrementally update) the index under ``settings.index_dir``."""
    corpus = corpus or load_corpus(settings)
    embedder = embedder if embedder is not None else make_embedder(settings)
    with _build_lock:
        return build_index(corpus, settings, embedder, rebuild=rebuild)


@dataclass
class Engine:
    settings: Settings
    corpus: Corpus
    index: Index
    embedder: Embedder | None
    retriever: Retriever
    rules: list[AwardRule]
    assistant: Assistant
    llm: LLMAnswerer | None = None  # optional OpenAI-compatible model; the extractive answer is the fallback

    @classmethod
    def load(cls, settings: Settings | None = None, build_if_missing: bool = False) -> Engine:
        settings = settings or Settings.from_env()
        corpus = load_corpus(settings)
        embedder = make_embedder(settings)
        try:
            index = load_index(corpus, settings)
        except (IndexMissingError, IndexStaleError) as err:
            if not build_if_missing:
                raise
            # Incremental: only clauses whose text (or tokenizer) changed are re-embedded.
            if isinstance(err, IndexMissingError):
                log.warning("首次启动：正在构建索引（约 1 分钟，进度见下方「计算向量」）：%s", settings.index_dir)
            else:
                log.warning("%s；正在更新索引（进度见下方「计算向量」）：%s", str(err).split("，请运行")[0],
                            settings.index_dir)
            build(settings, corpus=corpus, embedder=embedder)
            index = load_index(corpus, settings)
        # Questions repeat (examples, hotline FAQs, multi-turn rewrites): their vectors are kept.
        retriever = Retriever(index, QueryCache(embedder) if embedder is not None else None, settings)
        rules = award_table.load_rules(settings.corpus_dir / "awards.toml")
        library = Library.build(corpus, retriever, rules, max_question_chars=settings.max_question_chars)
        assistant = Assistant(library)
        llm = LLMAnswerer(settings) if settings.llm_enabled else None
        return cls(settings, corpus, index, embedder, retriever, rules, assistant, llm)

    def ask(self, question: str | Sequence[str], history: Sequence[str] = ()) -> Answer:
        default = self.assistant.ask(question, history)
        return self.llm.answer(default, _earlier(question, history)) if self.llm else default

    def ask_stream(
        self, question: str | Sequence[str], history: Sequence[str] = ()
    ) -> tuple[Answer, ReplyStream | None]:
        """The default answer and, when an LLM is configured and the documents answer, its reply stream.

        Show the stream's deltas as an unverified draft, then replace them with ``stream.answer()``,
        which applies the same checks as :meth:`ask` (and falls back to the default answer).
        """
        default = self.assistant.ask(question, history)
        return default, self.llm_stream(default, question, history)

    def llm_stream(
        self, default: Answer, question: str | Sequence[str], history: Sequence[str] = ()
    ) -> ReplyStream | None:
        """The LLM's reply stream for a default answer computed elsewhere (a worker process), or None."""
        if self.llm is None or not default.found:
            return None
        return self.llm.stream(default, _earlier(question, history))

    def resolve_district(self, name: str) -> str:
        """丰台 / 亦庄 / 经开区 → canonical district; InputError naming the value otherwise."""
        canonical = self.corpus.district_aliases.get(name.strip())
        if canonical is None:
            found = self.corpus.districts_in(name)
            if not found:
                known = "、".join(self.corpus.districts())
                raise InputError(f"未知的区「{name}」，可选：{known}")
            canonical = found[0]
        return canonical


def _earlier(question: str | Sequence[str], history: Sequence[str]) -> list[str]:
    turns = [question] if isinstance(question, str) else list(question)
    return [*history, *turns[:-1]]
