"""Optional LLM path: rewrite the default extractive answer with any OpenAI-compatible model.

The model sees only the clauses the default answer cites (numbered, wrapped in ``<<<条款[n] …>>>`` /
``<<<条款结束>>>`` delimiters as data) and the calculator's results as facts. Its reply is checked
before anyone relies on it (``check_reply``): every ``[n]`` must name a given clause, at least one
must be present, and every amount must appear in a cited clause or a calculation. A reply that fails,
or any transport error (timeout, HTTP 5xx, connection refused), yields the default answer with
``notes=("llm_fallback: <reasons>",)`` — never an exception.

Streaming contract (the UI): ``s = answerer.stream(default, history)``; show the deltas as they come
(``for delta in s``) marked as unverified; then ``answer = s.answer()`` (the same as
``answerer.finish(default, s.text, s.error)``) and replace the shown text with ``answer.text`` —
when the checks fail that is the default answer, not what was streamed.

Needs the ``[llm]`` extra (llama-index-llms-openai-like), imported lazily. The model is always passed
explicitly; llama-index's global ``Settings`` is never consulted (it would fall back to OpenAI).
"""

from __future__ import annotations

import dataclasses
import logging
import re
import string
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from policyqa import numbers
from policyqa.errors import PolicyQAError
from policyqa.evidence import allowed_amounts, allowed_ratios, ratios
from policyqa.serialize import draft_note
from policyqa.settings import Settings
from policyqa.types import Answer, AwardResult, Citation

if TYPE_CHECKING:
    from llama_index.core.llms import LLM, ChatMessage

log = logging.getLogger(__name__)

# [1], [1,2], ［1］, 【1】 — the forms models use for citation markers.
_MARKER = re.compile(r"[\[［【]\s*(\d{1,3}(?:\s*[,，、]\s*\d{1,3})*)\s*[\]］】]")
_DELIMITER_LIKE = re.compile(r"[<>＜＞]{3,}")
MAX_HISTORY_TURNS = 6
MAX_TURN_CHARS = 500
DRAFT = "征求意见稿"


def markers(text: str) -> list[int]:
    """Citation markers in ``text`` in order of appearance ("[1][3]" → [1, 3])."""
    return [int(n) for m in _MARKER.finditer(text) for n in re.split(r"\s*[,，、]\s*", m[1].strip())]


def check_reply(text: str, citations: Sequence[Citation], calculations: Sequence[AwardResult]) -> list[str]:
    """Problems with a model reply (empty list: acceptable). Amounts must be in a clause the reply cites."""
    if not text.strip():
        return ["回复为空"]
    problems: list[str] = []
    used = list(dict.fromkeys(markers(text)))
    known = {c.marker for c in citations}
    problems += [f"引用了不存在的条款[{n}]" for n in used if n not in known]
    if not used:
        problems.append("回复未标注任何条款引用[n]")
    allowed = allowed_amounts([c for c in citations if c.marker in used], calculations)
    unsupported = [text[s:e].strip() for v, s, e in numbers.find_amounts(text) if v not in allowed]
    problems += [f"金额无依据：{a}" for a in dict.fromkeys(unsupported)]
    # Rates count too: "按照50%给予支持[1]" where the clause says 30% is a fabricated figure.
    cited = [c for c in citations if c.marker in used]
    bad_rates = sorted(ratios(text) - allowed_ratios(cited, calculations))
    problems += [f"比例无依据：{r:f}%" for r in bad_rates]
    return problems


def _data(text: str) -> str:
    """Text going into the prompt as data: no run of angle brackets can close or open a delimiter."""
    return _DELIMITER_LIKE.sub(lambda m: "‹" * len(m[0]), text)


def _clause_block(c: Citation) -> str:
    head = f"条款[{c.marker}] 《{_data(c.document_title)}》{_data(c.locator)}（{_data(c.status)}）"
    return f"<<<{head}>>>\n{_data(c.text.strip())}\n<<<条款结束>>>"


def _calculation_block(calc: AwardResult, citations: Sequence[Citation]) -> str:
    marker = next((c.marker for c in citations if c.clause_id == calc.clause_id), None)
    source = f"依据条款[{marker}]" if marker is not None else f"依据 {calc.clause_id}"
    label = "条款规定的最高金额" if calc.cap_only else "测算金额"
    amount = f"{numbers.format_wan(calc.amount_yuan)}（{numbers.format_yuan(calc.amount_yuan)}）"
    lines = [f"{label}：{amount}，{source}"]
    lines += [f"计算步骤：{_data(step)}" for step in calc.steps]
    lines += [f"前提：{_data(a)}" for a in calc.assumptions]
    return "<<<计算结果>>>\n" + "\n".join(lines) + "\n<<<计算结果结束>>>"


def _history_block(history: Sequence[str]) -> str:
    turns = [str(t).strip()[:MAX_TURN_CHARS] for t in history if str(t).strip()][-MAX_HISTORY_TURNS:]
    if not turns:
        return "（无）"
    return "<<<对话记录>>>\n" + "\n".join(f"用户：{_data(t)}" for t in turns) + "\n<<<对话记录结束>>>"


def _error_reason(err: BaseException) -> str:
    detail = " ".join(str(err).split())[:200]
    return f"调用模型失败：{type(err).__name__}" + (f"：{detail}" if detail else "")


def _usable(default: Answer) -> bool:
    """Only answers that found cited evidence are rewritten; refusals stay as they are."""
    return default.found and bool(default.citations)


class ReplyStream(Iterator[str]):
    """Text deltas of a streamed reply; once exhausted, ``text``/``error`` hold the outcome and
    ``answer()`` gives the checked Answer (the default one if the checks or the transport failed)."""

    def __init__(self, answerer: LLMAnswerer, default: Answer, deltas: Iterator[str] | None,
                 error: str | None = None) -> None:
        self._answerer = answerer
        self._default = default
        self._deltas = deltas
        self.text = ""
        self.error = error

    def __next__(self) -> str:
        if self._deltas is None:
            raise StopIteration
        try:
            delta = next(self._deltas)
        except StopIteration:
            self._deltas = None
            raise
        except Exception as err:  # transport errors surface mid-stream; record them, never raise
            self._deltas = None
            self.error = _error_reason(err)
            raise StopIteration from None
        self.text += delta
        return delta

    def close(self) -> None:
        """Stop early (the user cancelled): release the HTTP response; ``answer()`` then falls back."""
        if self._deltas is not None:
            getattr(self._deltas, "close", lambda: None)()
            self._deltas, self.error = None, self.error or "生成被中断"

    def answer(self) -> Answer:
        for _ in self:  # drain whatever the caller did not consume
            pass
        return self._answerer.finish(self._default, self.text, self.error)


class LLMAnswerer:
    """Rewrites a default Answer with an OpenAI-compatible chat model, keeping it checkable."""

    def __init__(self, settings: Settings, llm: LLM | None = None) -> None:
        self.settings = settings
        self._llm = llm
        self.system_prompt = self._template("answer_system.txt").template
        self.user_template = self._template("answer_user.txt")

    def _template(self, name: str) -> string.Template:
        path = self.settings.prompts_dir / name
        try:
            return string.Template(path.read_text(encoding="utf-8"))
        except OSError as err:
            raise PolicyQAError(f"找不到提示词模板 {path}（POLICYQA_PROMPTS_DIR）：{err}") from None

    @property
    def llm(self) -> LLM:
        if self._llm is None:
            if not self.settings.llm_enabled:
                raise PolicyQAError("未配置大模型：需要 POLICYQA_LLM_BASE_URL 和 POLICYQA_LLM_MODEL")
            try:
                from llama_index.llms.openai_like import OpenAILike
            except ImportError:
                raise PolicyQAError("未安装 llama-index-llms-openai-like，请安装 policyqa[llm]") from None
            self._llm = OpenAILike(
                model=self.settings.llm_model,
                api_base=self.settings.llm_base_url,
                api_key=self.settings.llm_api_key or "none",  # the env var named by llm_api_key_env
                is_chat_model=True,
                timeout=self.settings.llm_timeout_s,
                max_retries=0,
                reuse_client=False,  # a fresh client per call: safe across threads and event loops
                max_tokens=1024,
            )
        return self._llm

    # ------------------------------------------------------------------ prompt
    def prompt(self, default: Answer, history: Sequence[str] = ()) -> tuple[str, str]:
        """(system, user) messages for ``default``: question, delimited clauses, calculations, history."""
        calculations = [_calculation_block(c, default.citations) for c in default.calculations]
        user = self.user_template.substitute(
            question=_data(default.question.strip()),
            clauses="\n\n".join(_clause_block(c) for c in default.citations),
            calculations="\n".join(calculations) or "（无）",
            history=_history_block(history),
        )
        return self.system_prompt, user

    def _messages(self, default: Answer, history: Sequence[str]) -> list[ChatMessage]:
        from llama_index.core.llms import ChatMessage

        system, user = self.prompt(default, history)
        return [ChatMessage(role="system", content=system), ChatMessage(role="user", content=user)]

    # ------------------------------------------------------------------ answering
    def answer(self, default: Answer, history: Sequence[str] = ()) -> Answer:
        """The model's checked answer, or ``default`` with the reason it fell back. Never raises."""
        if not _usable(default):
            return default
        try:
            response = self.llm.chat(self._messages(default, history))
        except Exception as err:  # timeout, HTTP error, refused connection, missing extra
            return self._fallback(default, [_error_reason(err)])
        return self.finish(default, response.message.content or "")

    def stream(self, default: Answer, history: Sequence[str] = ()) -> ReplyStream:
        """Deltas of the model's reply; then call ``.answer()`` (or ``finish``) for the checked Answer."""
        if not _usable(default):
            return ReplyStream(self, default, iter([default.text]))
        try:
            responses = self.llm.stream_chat(self._messages(default, history))
        except Exception as err:
            return ReplyStream(self, default, None, _error_reason(err))
        return ReplyStream(self, default, (r.delta for r in responses if r.delta))

    def finish(self, default: Answer, full_text: str, error: str | None = None) -> Answer:
        """Apply the checks to a complete reply (e.g. the concatenated stream); ``error`` forces fallback."""
        if not _usable(default):
            return default
        if error:
            return self._fallback(default, [error])
        problems = check_reply(full_text, default.citations, default.calculations)
        if problems:
            return self._fallback(default, problems)
        used = set(markers(full_text))
        cited = tuple(c for c in default.citations if c.marker in used)
        text = full_text.strip()
        drafts = () if DRAFT in text else tuple(dict.fromkeys(c.document_title for c in cited if c.status == DRAFT))
        for title in drafts:
            text += "\n" + draft_note(title)
        return dataclasses.replace(
            default,
            text=text,
            citations=cited,
            amounts_yuan=tuple(v for v, _, _ in numbers.find_amounts(text)),
            notes=(*default.notes, "llm"),
        )

    def _fallback(self, default: Answer, reasons: Sequence[str]) -> Answer:
        log.warning("大模型回答未采用，改用默认回答：%s", "；".join(reasons))
        return dataclasses.replace(default, notes=(*default.notes, "llm_fallback: " + "；".join(reasons)))
