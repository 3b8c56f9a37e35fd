"""Typed results → HTML fragments for the web UI (no gradio import, no business logic).

Every piece of user or document text goes through :func:`esc` before it is placed into markup:
HTML special characters become entities, and so do the characters Markdown and the chatbot's
LaTeX renderer act on, so a question or clause containing ``<script>`` or ``[链接](http://…)``
is shown as text. Fragments never contain blank lines, so a Markdown renderer passes them
through as one raw HTML block.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from policyqa.corpus import Corpus
from policyqa.numbers import format_wan, format_yuan
from policyqa.serialize import book_title
from policyqa.types import Answer, AwardResult, AwardRule, Citation, Clause, Document

# HTML specials, and the characters Markdown (and $…$ LaTeX, autolinks) would act on, as numeric entities.
_ESCAPES = str.maketrans({c: f"&#{ord(c)};" for c in "&<>\"'\\`*_[](){}#+-.!|~$:="})
DRAFT = "征求意见稿"


def esc(text: object) -> str:
    """Text → inert HTML: every HTML or Markdown special character as an entity, newlines → <br>."""
    return str(text).replace("\r\n", "\n").translate(_ESCAPES).replace("\n", "<br>")


def status_badge(status: str) -> str:
    kind = "draft" if status == DRAFT else "issued"
    return f'<span class="pq-badge pq-badge-{kind}">{esc(status)}</span>'


def yuan(amount: Decimal | None) -> str:
    if amount is None:
        return "—"
    return f"{format_wan(amount)}（{format_yuan(amount)}）"


# ---------------------------------------------------------------------- chat
def answer_text_html(text: str) -> str:
    return f'<div class="pq-answer">{esc(text)}</div>'


def steps_table(result: AwardResult, caption: str = "测算过程") -> str:
    """A small table: amount, each step, each assumption."""
    rows = [f'<tr><th>测算金额</th><td class="pq-amount">{esc(yuan(result.amount_yuan))}</td></tr>']
    if result.base_yuan is not None:
        rows.append(f"<tr><th>基数</th><td>{esc(yuan(result.base_yuan))}</td></tr>")
    if result.cap_yuan is not None:
        rows.append(f"<tr><th>上限</th><td>{esc(yuan(result.cap_yuan))}</td></tr>")
    rows += [f"<tr><th>步骤{i}</th><td>{esc(step)}</td></tr>" for i, step in enumerate(result.steps, start=1)]
    rows += [f"<tr><th>前提</th><td>{esc(a)}</td></tr>" for a in result.assumptions]
    if result.cap_only:
        rows.append("<tr><th>说明</th><td>未给出计算所需数据，以上为条款规定的上限</td></tr>")
    return (f'<table class="pq-steps"><caption>{esc(caption)}</caption><tbody>{"".join(rows)}</tbody></table>')


def citation_card(citation: Citation, open_text: bool = False) -> str:
    """Document title, locator, status badge, validity; the clause text in an expandable block."""
    return (
        '<div class="pq-card">'
        f'<div class="pq-card-head"><span class="pq-marker">[{citation.marker}]</span>'
        f'<span class="pq-doc">{esc(book_title(citation.document_title))}</span>'
        f'<span class="pq-locator">{esc(citation.locator)}</span>{status_badge(citation.status)}</div>'
        f'<div class="pq-validity">有效期：{esc(citation.validity or "文件未载明")}</div>'
        f'<details{" open" if open_text else ""}><summary>查看条款原文</summary>'
        f'<div class="pq-clause-text">{esc(citation.text)}</div></details></div>'
    )


def answer_html(answer: Answer, text: str | None = None, final: bool = True) -> str:
    """One assistant chat message: the (possibly partial) answer text, then on the final render the
    calculation table and the citation cards (or the related clauses of a refusal)."""
    parts = [answer_text_html(answer.text if text is None else text)]
    if not final:
        return "".join(parts)
    if answer.calculations:
        parts.append(steps_table(answer.calculations[0]))
    if answer.citations:
        parts.append('<div class="pq-cards"><div class="pq-cards-title">引用条款</div>')
        parts += [citation_card(c) for c in answer.citations]
        parts.append("</div>")
    elif answer.related:
        parts.append('<div class="pq-cards pq-related"><div class="pq-cards-title">可参考的相关条款</div>')
        parts += [citation_card(c) for c in answer.related]
        parts.append("</div>")
    return "".join(parts)


def error_html(message: str) -> str:
    return f'<div class="pq-error">{esc(message)}</div>'


def notice_html(message: str) -> str:
    return f'<div class="pq-notice">{esc(message)}</div>'


def stream_chunks(text: str, size: int = 24) -> Iterable[str]:
    """Growing prefixes of ``text`` for a streamed display."""
    for end in range(size, len(text), size):
        yield text[:end]
    yield text


# ---------------------------------------------------------------------- lookup
def clause_card(corpus: Corpus, clause: Clause, how: str = "", score: float | None = None) -> str:
    doc = corpus.documents[clause.doc_id]
    path = " › ".join(clause.heading_path)
    meta = f'<span class="pq-how">{esc(how)}</span>' if how else ""
    if score is not None:
        meta += f'<span class="pq-score">相关度 {score:.2f}</span>'
    return (
        f'<div class="pq-card pq-result" data-locator="{esc(clause.locator)}">'
        f'<div class="pq-card-head"><span class="pq-locator">{esc(clause.locator)}</span>'
        f'<span class="pq-doc">{esc(book_title(doc.title))}</span>{status_badge(doc.status)}{meta}</div>'
        f'<div class="pq-validity">{esc(doc.district)} · {esc(doc.issuer)}'
        f'{" · " + esc(doc.doc_number) if doc.doc_number else ""} · 有效期：{esc(doc.validity or "文件未载明")}</div>'
        + (f'<div class="pq-path">{esc(path)}</div>' if path else "")
        + f'<div class="pq-clause-text">{esc(clause.text)}</div></div>'
    )


def document_header(doc: Document, n_clauses: int) -> str:
    rows = [
        ("文件", book_title(doc.title)),
        ("区", doc.district),
        ("发文单位", doc.issuer),
        ("文号", doc.doc_number or "—"),
        ("类型", doc.kind),
        ("有效期", doc.validity or "文件未载明"),
        ("条款数", str(n_clauses)),
    ]
    body = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in rows)
    return (f'<div class="pq-doc-head"><div>{status_badge(doc.status)}</div>'
            f'<table class="pq-meta"><tbody>{body}</tbody></table></div>')


def document_html(corpus: Corpus, doc_id: str) -> str:
    """Full text of one document as its clause structure: headings once, then each clause with its locator."""
    doc = corpus.documents[doc_id]
    clauses = sorted(corpus.clauses_of(doc_id), key=lambda c: c.order)
    parts = [document_header(doc, len(clauses)), '<div class="pq-doc-body">']
    shown: tuple[str, ...] = ()
    first_lines: set[str] = set()  # a heading that is itself a clause (三、实现“6个一批”) is not repeated
    for clause in clauses:
        path = clause.heading_path
        common = 0
        while common < min(len(path), len(shown)) and path[common] == shown[common]:
            common += 1
        for depth in range(common, len(path)):
            if path[depth].strip() not in first_lines:
                parts.append(f'<div class="pq-heading pq-h{min(depth + 1, 3)}">{esc(path[depth])}</div>')
        shown = path
        first_lines.add(clause.text.strip().split("\n", 1)[0].strip())
        # 正文 clauses start with their own locator (第十四条 …); others get it as a label.
        label = "" if clause.text.startswith(clause.locator) else clause.locator
        if clause.part > 1:
            label = f"{clause.locator}（续{clause.part - 1}）"
        parts.append(
            f'<div class="pq-doc-clause" data-locator="{esc(clause.locator)}">'
            + (f'<span class="pq-locator">{esc(label)}</span>' if label else "")
            + f'<div class="pq-clause-text">{esc(clause.text)}</div></div>'
        )
    parts.append("</div>")
    return "".join(parts)


# ---------------------------------------------------------------------- awards
def rule_label(rule: AwardRule, clause: Clause | None) -> str:
    where = clause.locator if clause else rule.clause_id.split("#", 1)[-1]
    return f"{where} · {rule.subject}"


_NEEDS = {
    "rate_cap": "需要：{base_label}",
    "threshold_rate_cap": "需要：{base_label}",
    "tiers": "需要：{threshold_label}的金额",
    "per_unit": "需要：数量（{unit_label}）",
    "staged": "可选：数量（达到的阶段数）",
    "fixed_cap": "无需金额：结果为条款上限",
    "not_computable": "无法按公式计算：结果为条款所述上限",
}


def rule_hint(rule: AwardRule) -> str:
    """What the calculator needs for this rule, and the clause sentence it quotes."""
    needs = _NEEDS.get(rule.kind, "").format(base_label=rule.base_label, threshold_label=rule.threshold_label,
                                             unit_label=rule.unit_label)
    if rule.levels:
        needs += f"；级别：{'/'.join(name for name, _ in rule.levels)}"
    return f'{esc(f"{rule.subject} —— {needs}")}<div class="pq-quote">原文：“{esc(rule.quote)}”</div>'


def award_html(result: AwardResult, rule: AwardRule, clause: Clause | None, doc: Document | None) -> str:
    """Amount, steps, assumptions and the clause the rule quotes."""
    head = "条款上限" if result.cap_only else "测算金额"
    parts = [
        f'<div class="pq-award"><div class="pq-award-label">{esc(head)}</div>'
        f'<div class="pq-award-amount">{esc(format_wan(result.amount_yuan))}</div>'
        f'<div class="pq-award-yuan">{esc(format_yuan(result.amount_yuan))}</div>'
        f'<div class="pq-award-subject">{esc(rule.subject)}</div></div>',
        steps_table(result, caption="计算步骤与前提"),
    ]
    if rule.conditions:
        items = "".join(f"<li>{esc(c)}</li>" for c in rule.conditions)
        parts.append(f'<div class="pq-conditions"><div class="pq-cards-title">适用条件</div><ul>{items}</ul></div>')
    if clause is not None and doc is not None:
        citation = Citation(1, clause.clause_id, doc.doc_id, doc.title, clause.locator, doc.status, doc.validity,
                            clause.text)
        parts.append('<div class="pq-cards"><div class="pq-cards-title">依据条款</div>')
        parts.append(citation_card(citation, open_text=True))
        parts.append(f'<div class="pq-quote">规则引用原文：“{esc(rule.quote)}”</div></div>')
        if doc.is_draft:
            parts.append(notice_html(f"{book_title(doc.title)}为征求意见稿，尚未正式发布，测算结果仅供参考，以正式印发文件为准。"))
    return "".join(parts)


def rule_choices(corpus: Corpus, rules: Sequence[AwardRule], doc_id: str) -> list[tuple[str, str]]:
    by_id = corpus.by_id
    return [(rule_label(r, by_id.get(r.clause_id)), r.rule_id) for r in rules if r.clause_id.split("#")[0] == doc_id]
