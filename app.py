"""Gradio web UI for policyqa: 政策问答 · 条款查询 · 补贴测算, plus named API endpoints.

The UI only wires typed results from :mod:`policyqa` to components; HTML comes from
:mod:`ui_format`, which escapes every piece of user and document text. Named endpoints for
``gradio_client``:

- ``/ask(question, history)`` → ``serialize.answer_json`` (on a bad question: the batch interface's
  error line, ``{"error": "…", "found": false, …}``)
- ``/lookup(query, district)`` → list of ``serialize.clause_json`` (+ ``citation``; ``match``: locator /
  keyword / related; ``score`` for searches); a bad query raises an error with a Chinese message
- ``/award(rule_or_question, base, count, level)`` → ``serialize.result_json`` (+ rule, clause,
  citation) or ``{"error": "中文消息"}``

Start with ``policyqa serve`` (or ``python app.py``); ``serve`` builds the index when missing.
"""

from __future__ import annotations

import functools
import ipaddress
import logging
import os
import re
import sys
import time
from collections.abc import Iterator
from typing import Any

from policyqa.engine import Engine
from policyqa.errors import PolicyQAError
from policyqa.feedback import FeedbackStore
from policyqa.numbers import find_amounts
from policyqa.serialize import answer_json, citation_json, citation_line, clause_json, error_json
from policyqa.service import (
    ALL_DISTRICTS,
    KEYWORD_HIT,
    LOCATOR_HIT,
    LRU,
    RELATED,
    ask_inputs,
    ask_task,
    award_inputs,
    award_json,
    award_task,
    load_engine,
    lookup_inputs,
    lookup_task,
)
from policyqa.settings import Settings
from policyqa.workers import InProcess, Runner, WorkerPool

os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"  # before gradio is imported: no analytics calls
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

import gradio as gr

import ui_format as fmt
import ui_match
import ui_sessions

log = logging.getLogger("policyqa.app")

INTERNAL_ERROR = "系统内部错误，请稍后重试"
KEEP_CONCLUSION_JS = """() => {
  const answers = document.querySelectorAll('#pq-chat .pq-answer, #pq-chat .pq-error');
  if (answers.length) answers[answers.length - 1].scrollIntoView({block: 'start'});
}"""
ANSWER_CACHE_SIZE = 2048
# Requests per API endpoint in progress at once. Engine work is bounded by the worker pool (a request waits
# there, within its deadline); a low limit here would instead park requests in Gradio's queue, which sends
# every waiting request an estimate each time one finishes (quadratic in the queue length).
API_CONCURRENCY = 32
EXAMPLES = [
    "我们公司获得市级首台套项目补贴五百万，丰台区最多给多少配套？",
    "丰台区对灯塔工厂有什么支持？",
    "丰台区首次进规上的工业企业能拿多少钱？",
    "怀柔区对专精特新“小巨人”企业有什么支持？",
    "经开区是否有小巨人奖励？",
    "门头沟区的现代产业体系实施意见现在正式发布了吗？",
]
LOOKUP_EXAMPLES = [["丰台 第十四条", ALL_DISTRICTS], ["经开区 五、(二)3", ALL_DISTRICTS],
                   ["首台套", ALL_DISTRICTS], ["小巨人", "丰台区"]]
_CJK_FONTS = ["Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
              "ui-sans-serif", "system-ui", "sans-serif"]
# Only plain font names: the default theme would otherwise reference web fonts. No CDN assets.
THEME = gr.themes.Default(primary_hue="red", secondary_hue="blue", neutral_hue="slate",
                          font=_CJK_FONTS, font_mono=["Noto Sans Mono CJK SC", "ui-monospace", "monospace"])
CSS = """
.gradio-container { max-width: 1180px !important; margin: 0 auto; }
#pq-header h1 { margin: 0.2em 0 0.1em; font-size: 1.6em; }
#pq-header p { margin: 0; color: var(--body-text-color-subdued); font-size: 0.92em; }
.pq-answer { line-height: 1.7; }
.pq-cards { margin-top: 0.6em; }
.pq-cards-title { font-weight: 600; font-size: 0.9em; margin: 0.4em 0 0.3em; color: var(--body-text-color-subdued); }
.pq-card { border: 1px solid var(--border-color-primary); border-left: 4px solid var(--color-accent);
           border-radius: 8px; padding: 0.5em 0.75em; margin: 0.4em 0; background: var(--background-fill-primary); }
.pq-card-head { display: flex; flex-wrap: wrap; align-items: center; gap: 0.4em; font-weight: 600; }
.pq-marker { color: var(--color-accent); }
.pq-locator { background: var(--background-fill-secondary); border-radius: 4px; padding: 0 0.35em; }
.pq-validity, .pq-path { font-size: 0.85em; color: var(--body-text-color-subdued); margin-top: 0.2em; }
.pq-clause-text { white-space: normal; line-height: 1.7; margin-top: 0.3em; }
.pq-card details summary { cursor: pointer; font-size: 0.88em; color: var(--link-text-color); margin-top: 0.25em; }
.pq-badge { font-size: 0.78em; font-weight: 600; border-radius: 999px; padding: 0.05em 0.6em; white-space: nowrap; }
.pq-badge-draft { background: #fff3e0; color: #b45309; border: 1px solid #f59e0b; }
.pq-badge-issued { background: #ecfdf5; color: #047857; border: 1px solid #10b981; }
.pq-how, .pq-score { font-size: 0.78em; font-weight: 400; color: var(--body-text-color-subdued); }
table.pq-steps, table.pq-meta { border-collapse: collapse; margin: 0.6em 0; font-size: 0.9em; width: auto; }
table.pq-steps caption { text-align: left; font-weight: 600; font-size: 0.9em; padding-bottom: 0.2em; }
table.pq-steps th, table.pq-steps td, table.pq-meta th, table.pq-meta td {
    border: 1px solid var(--border-color-primary); padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
table.pq-steps th, table.pq-meta th { white-space: nowrap; background: var(--background-fill-secondary); }
.pq-amount { font-weight: 700; color: var(--color-accent); }
.pq-error { color: #b91c1c; background: #fef2f2; border: 1px solid #fecaca; border-radius: 6px; padding: 0.4em 0.7em; }
.pq-notice { color: #92400e; background: #fffbeb; border: 1px solid #fde68a; border-radius: 6px;
             padding: 0.4em 0.7em; margin: 0.4em 0; }
.pq-award { border-radius: 10px; padding: 0.8em 1em; background: var(--background-fill-secondary); }
.pq-award-label { font-size: 0.85em; color: var(--body-text-color-subdued); }
.pq-award-amount { font-size: 2em; font-weight: 700; color: var(--color-accent); line-height: 1.2; }
.pq-award-yuan { font-size: 0.9em; }
.pq-award-subject { margin-top: 0.3em; }
.pq-quote { font-size: 0.88em; color: var(--body-text-color-subdued); margin: 0.3em 0; }
.pq-doc-body { max-height: 640px; overflow-y: auto; padding-right: 0.5em; }
.pq-heading { font-weight: 700; margin: 0.9em 0 0.3em; }
.pq-h1 { font-size: 1.1em; } .pq-h2 { font-size: 1.0em; } .pq-h3 { font-size: 0.95em; }
.pq-doc-clause { margin: 0.4em 0 0.6em; }
.pq-doc-clause .pq-locator { font-size: 0.78em; color: var(--body-text-color-subdued); }
.pq-doc-clause .pq-clause-text { margin-top: 0.1em; }
#pq-feedback-status p { margin: 0; }
#pq-feedback-row { align-items: center; }
.pq-vote::before { content: ""; display: inline-block; width: 1.1em; height: 1.1em; margin-right: 0.35em;
                   vertical-align: -0.2em; background: no-repeat center / contain url("__THUMB__"); }
#pq-vote-down::before { transform: rotate(180deg); }
"""


_THUMB = ("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24' fill='none' "
          "stroke='%23475569' stroke-width='2' stroke-linecap='round' stroke-linejoin='round'%3E"
          "%3Cpath d='M7 10v12'/%3E%3Cpath d='M15 5.88 14 10h5.83a2 2 0 0 1 1.92 2.56l-2.33 8A2 2 0 0 1 17.5 22H4a2 "
          "2 0 0 1-2-2v-8a2 2 0 0 1 2-2h2.76a2 2 0 0 0 1.79-1.11L12 2a3.13 3.13 0 0 1 3 3.88Z'/%3E%3C/svg%3E")
CSS = CSS.replace("__THUMB__", _THUMB)


class PolicyQABlocks(gr.Blocks):
    """Blocks whose ``launch`` defaults to this app's theme, CSS and footer (Gradio 6 takes them in launch)."""

    def launch(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("theme", THEME)
        kwargs.setdefault("css", CSS)
        kwargs.setdefault("footer_links", ["api", "settings"])  # Gradio 6's form of show_api=True
        kwargs.setdefault("show_error", False)  # errors are shown as Chinese messages, never tracebacks
        return super().launch(*args, **kwargs)

    def close(self, *args: Any, **kwargs: Any) -> Any:
        """Stop the server and the engine workers this app started."""
        try:
            return super().close(*args, **kwargs)
        finally:
            runner = getattr(self, "policyqa_runner", None)
            if runner is not None:
                runner.close()


# ---------------------------------------------------------------------- plumbing
def mask_figures(text: str) -> str:
    """Replace every amount and percentage in an unverified draft with ■."""
    spans = [(start, end) for _, start, end in find_amounts(text)]
    spans += [m.span() for m in re.finditer(r"\d+(?:\.\d+)?\s*[%％]", text)]
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + "■" + text[end:]
    return text


def error_message(err: BaseException) -> str:
    if isinstance(err, PolicyQAError):
        return str(err)
    log.error("界面请求失败", exc_info=err)
    return INTERNAL_ERROR


# ---------------------------------------------------------------------- the app
def make_runner(engine: Engine) -> Runner:
    """Engine workers for the web server: ``settings.workers`` processes (killable at the deadline),
    or one in-process thread over ``engine`` when it is 0."""
    settings = engine.settings
    if settings.workers <= 0:
        return InProcess(engine, settings.request_timeout_s)
    return WorkerPool(functools.partial(load_engine, settings), settings.workers, settings.request_timeout_s)


def build_app(engine: Engine, feedback: FeedbackStore | None = None) -> gr.Blocks:
    """All three tabs and the named API endpoints over one loaded engine."""
    ui_sessions.install()
    store = feedback or FeedbackStore(engine.settings.data_dir / "feedback.sqlite3")
    runner = make_runner(engine)
    settings = engine.settings
    corpus = engine.corpus
    by_id = corpus.by_id

    answers: LRU[Any] = LRU(ANSWER_CACHE_SIZE)

    def answer_of(question: str, history: list[str]) -> tuple[Any, Any]:
        """The default answer (a worker computes it, once per distinct conversation) and, with an LLM
        configured, its reply stream (never cached)."""
        answer = answers.get_or_compute((question, tuple(history)),
                                        lambda: runner.run(ask_task, question, history))
        return answer, engine.llm_stream(answer, question, history)

    # ---------------------------------------------------------------- API functions
    def api_ask(question: str, history: list[str] | None = None) -> dict[str, Any]:
        """Answer a question; ``history`` lists the earlier user turns of the conversation."""
        start = time.perf_counter()
        try:
            current, earlier = ask_inputs(question, history, settings)
            answer, stream = answer_of(current, earlier)
            if stream is not None:  # the optional LLM call runs here, outside the workers
                answer = stream.answer()
        except Exception as err:
            return error_json(error_message(err))
        return answer_json(answer, None, (time.perf_counter() - start) * 1000)

    def api_lookup(query: str, district: str = "") -> list[dict[str, Any]]:
        """Clauses cited by ``query`` (丰台 第十四条) or matching its keywords (首台套), within ``district``."""
        try:
            text, place = lookup_inputs(query, district, settings)
            rows, _ = runner.run(lookup_task, text, place)
        except Exception as err:
            raise gr.Error(error_message(err), print_exception=False) from None  # a message, not a bug
        out = []
        match = {LOCATOR_HIT: "locator", KEYWORD_HIT: "keyword", RELATED: "related"}
        for clause, how, score in rows:
            doc = corpus.documents[clause.doc_id]
            item = {**clause_json(corpus, clause), "citation": citation_line(doc.title, clause.locator),
                    "match": match[how]}
            if score is not None:
                item["score"] = round(score, 4)
            out.append(item)
        return out

    def api_award(rule_or_question: str, base: str = "", count: str = "", level: str = "") -> dict[str, Any]:
        """Compute an award from a rule id (or a one-sentence description) and the figures given."""
        try:
            inputs = award_inputs(rule_or_question, base, count, level, settings)
            result, rule, notes = runner.run(award_task, *inputs)
        except Exception as err:
            return {"error": error_message(err)}
        return award_json(engine, result, rule, notes)

    # ---------------------------------------------------------------- UI handlers
    def chat(message: str, messages: list[dict[str, Any]] | None, turns: list[str] | None) -> Iterator[tuple]:
        turns = list(turns or [])
        messages = list(messages or [])
        try:  # checked before anything changes: a rejected question stays in the box, with the reason
            message, _ = ask_inputs(message, turns, settings)
        except PolicyQAError as err:
            yield gr.skip(), messages, turns, gr.skip(), gr.skip(), fmt.error_html(str(err))
            return
        if not message:
            why = fmt.notice_html("请先输入问题再发送，例如：" + EXAMPLES[1])
            yield gr.skip(), messages, turns, gr.skip(), gr.skip(), why
            return
        messages.append({"role": "user", "content": fmt.esc(message)})
        messages.append({"role": "assistant", "content": fmt.notice_html("正在检索政策条款……")})
        yield "", messages, turns, None, "", ""
        try:
            answer, stream = answer_of(message, turns)
            if stream is not None:  # optional LLM: show its draft, then the checked answer replaces it
                draft = ""
                for delta in stream:
                    draft += delta
                    # Figures stay hidden until the checks pass: a draft must not show an unchecked amount.
                    pending = fmt.notice_html("生成中（数字待核验）") + fmt.esc(mask_figures(draft))
                    messages[-1] = {"role": "assistant", "content": pending}
                    yield "", messages, turns, None, "", ""
                answer = stream.answer()
        except Exception as err:
            messages[-1] = {"role": "assistant", "content": fmt.error_html(error_message(err))}
            yield "", messages, turns, None, "", ""
            return
        for partial in fmt.stream_chunks(answer.text):
            messages[-1] = {"role": "assistant", "content": fmt.answer_html(answer, partial, final=False)}
            yield "", messages, turns, None, "", ""
            time.sleep(0.03)
        messages[-1] = {"role": "assistant", "content": fmt.answer_html(answer)}
        last = {"question": message, "history": turns, "answer": answer.text,
                "citations": [citation_json(c) for c in answer.citations or answer.related]}
        yield "", messages, [*turns, message], last, "", ""

    def vote(kind: str, comment: str, last: dict[str, Any] | None) -> tuple[str, Any]:
        if not last:
            return "请先提问，得到回答后再评价。", gr.skip()
        try:
            question = " ｜ ".join([*last.get("history", []), last["question"]])
            store.add(question, last["answer"], last["citations"], kind, comment or "")
        except Exception as err:
            return f"反馈未能保存：{error_message(err)}", gr.skip()
        return f"已记录您的反馈（{'有帮助' if kind == 'up' else '没帮助'}），谢谢！", ""

    def clear_chat() -> tuple:
        return [], [], None, "", ""

    def do_lookup(query: str, district: str) -> tuple[list[dict[str, Any]], str]:
        try:
            text, place = lookup_inputs(query, district, settings)
            rows, note = runner.run(lookup_task, text, place)
        except Exception as err:
            return [], fmt.error_html(error_message(err))
        items = [{"clause_id": c.clause_id, "how": how, "score": score} for c, how, score in rows]
        summary = (fmt.notice_html(note) if note else "") + (fmt.esc(f"共 {len(items)} 条结果") if items else "")
        return items, summary

    def show_document(doc_id: str) -> str:
        if doc_id not in corpus.documents:
            return fmt.error_html("请选择文件")
        return fmt.document_html(corpus, doc_id)

    def pick_document(doc_id: str) -> tuple[Any, Any]:
        choices = fmt.rule_choices(corpus, engine.rules, doc_id)
        first = choices[0][1] if choices else None
        return gr.update(choices=choices, value=first), *pick_rule(first)

    def pick_rule(rule_id: str | None) -> tuple[Any, str]:
        rule = next((r for r in engine.rules if r.rule_id == rule_id), None)
        if rule is None:
            return gr.update(choices=[], value=None), ""
        levels = [name for name, _ in rule.levels]
        info = fmt.rule_hint(rule)
        return gr.update(choices=levels, value=levels[0] if levels else None), info

    def do_award(rule_or_question: str, base: str, count: str, level: str | None, selected: str | None = None) -> str:
        try:
            inputs = award_inputs(rule_or_question, base, count, level, settings)
            result, rule, notes = runner.run(award_task, *inputs)
        except Exception as err:
            return fmt.error_html(error_message(err))
        if selected and selected != rule.rule_id:  # 按描述测算 picked its own rule: say so
            chosen = next((r.subject for r in engine.rules if r.rule_id == selected), selected)
            notes = [f"按描述匹配到的规则是「{rule.subject}」，而不是左侧所选的「{chosen}」；结果按匹配到的规则计算",
                     *notes]
        clause = by_id.get(result.clause_id)
        doc = corpus.documents[clause.doc_id] if clause else None
        return "".join(fmt.notice_html(n) for n in notes) + fmt.award_html(result, rule, clause, doc)

    # ---------------------------------------------------------------- layout
    districts = [ALL_DISTRICTS, *corpus.districts()]
    doc_choices = [(f"{d.title}（{d.district}）" if not d.title.endswith("）") else d.title, d.doc_id)
                   for d in corpus.documents.values()]
    rule_docs = list(dict.fromkeys(r.clause_id.split("#")[0] for r in engine.rules))
    rule_doc_choices = [(f"{corpus.documents[d].short_title}（{corpus.documents[d].status}）", d)
                        for d in rule_docs if d in corpus.documents]
    first_rule_doc = rule_doc_choices[0][1] if rule_doc_choices else None
    first_rules = fmt.rule_choices(corpus, engine.rules, first_rule_doc) if first_rule_doc else []

    with PolicyQABlocks(title="惠企政策问答", analytics_enabled=False) as demo:
        gr.HTML(
            '<div id="pq-header"><h1>惠企政策问答</h1><p>丰台区 · 门头沟区 · 怀柔区 · 北京经济技术开发区 产业政策。'
            "回答均摘自政策原文并注明出处；征求意见稿内容以正式印发文件为准。</p></div>",
            padding=False,
        )
        with gr.Tabs() as tabs:
            with gr.Tab("政策问答", id="ask"):
                chatbot = gr.Chatbot(
                    label="政策问答", height=680, elem_id="pq-chat", latex_delimiters=[], feedback_options=None,
                    buttons=[], sanitize_html=True, layout="bubble", autoscroll=False,
                    placeholder="请输入企业关心的政策问题，例如补贴标准、申报条件、文件状态。回答只引用已收录的政策原文。",
                )
                with gr.Row():
                    question = gr.Textbox(placeholder=f"例如：{EXAMPLES[0]}", show_label=False, scale=8, lines=1,
                                          max_lines=4, elem_id="pq-question", autofocus=True)
                    send = gr.Button("发送", variant="primary", scale=1, min_width=90, elem_id="pq-send")
                ask_status = gr.HTML("", elem_id="pq-ask-status", padding=False)
                gr.Examples(examples=[[e] for e in EXAMPLES], inputs=[question], label="示例问题")
                with gr.Row(elem_id="pq-feedback-row"):
                    # The thumbs are drawn by CSS (an SVG data URI): no emoji font is needed to see them.
                    up = gr.Button("有帮助", size="sm", scale=0, min_width=110, elem_id="pq-vote-up",
                                   elem_classes="pq-vote")
                    down = gr.Button("没帮助", size="sm", scale=0, min_width=110, elem_id="pq-vote-down",
                                     elem_classes="pq-vote")
                    comment = gr.Textbox(placeholder="（可选）补充意见：哪里不对、缺了什么，再点有帮助/没帮助提交",
                                         show_label=False, scale=5, lines=1, container=False, elem_id="pq-comment")
                    clear = gr.Button("清空对话", size="sm", scale=0, min_width=90)
                feedback_status = gr.Markdown("", elem_id="pq-feedback-status")
                turns = gr.State([])
                last = gr.State(None)

            with gr.Tab("条款查询", id="lookup"):
                with gr.Row():
                    lookup_query = gr.Textbox(label="条款编号或关键词", scale=6, elem_id="pq-lookup-query",
                                              placeholder="丰台 第十四条 / 经开区 五、(二)3 / 首台套 / 小巨人")
                    lookup_district = gr.Dropdown(districts, value=ALL_DISTRICTS, label="区", scale=2)
                    lookup_btn = gr.Button("查询", variant="primary", scale=1, min_width=90)
                gr.Examples(examples=LOOKUP_EXAMPLES, inputs=[lookup_query, lookup_district], label="示例")
                lookup_summary = gr.HTML("")
                lookup_items = gr.State([])

                @gr.render(inputs=lookup_items)
                def render_results(items: list[dict[str, Any]]) -> None:
                    for item in items:
                        clause = by_id.get(item["clause_id"])
                        if clause is None:
                            continue
                        doc = corpus.documents[clause.doc_id]
                        with gr.Group():
                            gr.HTML(fmt.clause_card(corpus, clause, item["how"], item["score"]), padding=False)
                            gr.Textbox(citation_line(doc.title, clause.locator), label="引用（点击右侧按钮复制）",
                                       buttons=["copy"], interactive=False, lines=1, elem_classes="pq-cite-line")

                gr.Markdown("### 文件浏览")
                doc_picker = gr.Dropdown(doc_choices, value=doc_choices[0][1], label="选择文件")
                doc_view = gr.HTML(fmt.document_html(corpus, doc_choices[0][1]), padding=False)

            with gr.Tab("补贴测算", id="award"):
                with gr.Row():
                    with gr.Column(scale=1):
                        award_doc = gr.Dropdown(rule_doc_choices, value=first_rule_doc, label="文件")
                        award_rule = gr.Dropdown(first_rules, value=first_rules[0][1] if first_rules else None,
                                                 label="测算规则（按文件分组）")
                        rule_info = gr.HTML("")
                        award_text = gr.Textbox(label="或用一句话描述情况", lines=2,
                                                placeholder="例如：获得市级首台套项目补贴500万，丰台最多配套多少？")
                        with gr.Row():
                            award_base = gr.Textbox(label="基数金额", placeholder="500万 或 5000000", scale=2)
                            award_count = gr.Textbox(label="数量", placeholder="如 3", scale=1)
                            award_level = gr.Dropdown([], label="级别", allow_custom_value=True, scale=1)
                        with gr.Row():
                            by_rule = gr.Button("按所选规则测算", variant="primary")
                            by_text = gr.Button("按描述测算")
                    with gr.Column(scale=1):
                        award_out = gr.HTML(fmt.notice_html("选择规则并填写金额，或用一句话描述情况后点击测算。"))
            ui_match.match_tab(engine, question, tabs)  # 政策体检 tab and /match (ui_match.py)

        # ---------------------------------------------------------------- events
        ui = {"api_visibility": "undocumented", "concurrency_limit": 8}
        chat_io = {"fn": chat, "inputs": [question, chatbot, turns],
                   "outputs": [question, chatbot, turns, last, feedback_status, ask_status], **ui}
        # A long answer must not scroll its conclusion out of view: once it is complete, its first line
        # is brought to the top of the chat.
        keep_conclusion = {"fn": None, "js": KEEP_CONCLUSION_JS, **ui}
        question.submit(**chat_io).then(**keep_conclusion)
        send.click(**chat_io).then(**keep_conclusion)
        up.click(lambda c, s: vote("up", c, s), [comment, last], [feedback_status, comment], **ui)
        down.click(lambda c, s: vote("down", c, s), [comment, last], [feedback_status, comment], **ui)
        clear.click(clear_chat, None, [chatbot, turns, last, feedback_status, comment], **ui)
        # The chat's own trash icon clears the conversation state too, not only the screen.
        chatbot.clear(clear_chat, None, [chatbot, turns, last, feedback_status, comment], **ui)
        lookup_btn.click(do_lookup, [lookup_query, lookup_district], [lookup_items, lookup_summary], **ui)
        lookup_query.submit(do_lookup, [lookup_query, lookup_district], [lookup_items, lookup_summary], **ui)
        doc_picker.change(show_document, doc_picker, doc_view, **ui)
        award_doc.change(pick_document, award_doc, [award_rule, award_level, rule_info], **ui)
        award_rule.change(pick_rule, award_rule, [award_level, rule_info], **ui)
        by_rule.click(do_award, [award_rule, award_base, award_count, award_level], award_out, **ui)
        by_text.click(do_award, [award_text, award_base, award_count, award_level, award_rule], award_out, **ui)
        demo.load(pick_rule, award_rule, [award_level, rule_info], **ui)

        gr.api(api_ask, api_name="ask", concurrency_limit=API_CONCURRENCY)
        gr.api(api_lookup, api_name="lookup", concurrency_limit=API_CONCURRENCY)
        gr.api(api_award, api_name="award", concurrency_limit=API_CONCURRENCY)
    demo.queue(default_concurrency_limit=8)
    demo.policyqa_runner = runner  # type: ignore[attr-defined]  # closed with the app
    return demo


LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")


def bypass_proxy_for_loopback() -> None:
    """Loopback is never proxied: Gradio's start-up self-check requests its own URL, and with
    HTTP(S)_PROXY set (and NO_PROXY empty) it would go to the proxy and fail when that is unreachable."""
    for name in ("NO_PROXY", "no_proxy"):
        present = [p.strip() for p in os.environ.get(name, "").split(",") if p.strip()]
        os.environ[name] = ",".join([*present, *(h for h in LOOPBACK_NAMES if h not in present)])


def is_loopback(host: str) -> bool:
    if host in ("localhost", ""):
        return host == "localhost"
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def open_without_login_warning(host: str, port: int) -> str:
    return (f"警告：服务监听 {host}:{port}，网络上的任何人都能访问，且未设置登录。"
            "如需对外提供服务，请设置 POLICYQA_AUTH_USER 与 POLICYQA_AUTH_PASSWORD（见 SECURITY.md）。")


def serve(settings: Settings | None = None, host: str | None = None, port: int | None = None) -> None:
    """Load (building when missing) the index and serve the UI until interrupted."""
    settings = settings or Settings.from_env()
    if bool(settings.auth_user) != bool(settings.auth_password):
        raise PolicyQAError("登录配置不完整：POLICYQA_AUTH_USER 与 POLICYQA_AUTH_PASSWORD 需同时设置")
    bypass_proxy_for_loopback()
    host = host or settings.host
    port = port or settings.port
    if not settings.auth_user and not is_loopback(host):
        log.warning(open_without_login_warning(host, port))
        print(open_without_login_warning(host, port), file=sys.stderr, flush=True)
    engine = Engine.load(settings, build_if_missing=True)
    demo = build_app(engine)
    auth = (settings.auth_user, settings.auth_password) if settings.auth_user else None
    log.warning("界面启动：http://%s:%s", host, port)
    try:
        demo.launch(server_name=host, server_port=port, auth=auth, prevent_thread_lock=False,
                    auth_message="请使用坐席账号登录" if auth else None)
    except OSError as err:
        raise PolicyQAError(f"无法在 {host}:{port} 启动网页服务：{err}") from None


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    serve()
