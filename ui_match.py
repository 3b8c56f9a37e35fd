"""The 政策体检 tab and the ``/match`` API endpoint (formats results only; the logic is policyqa.match).

Registered from app.py with one call inside its ``gr.Tabs``: ``ui_match.match_tab(engine, question, tabs)``.
"""

from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import gradio as gr

import ui_format as fmt
from policyqa.errors import PolicyQAError
from policyqa.match import Line, Matcher, Report, expired_part, lines_status
from policyqa.match_cli import parse_date
from policyqa.match_report import OUTCOME_CN, explain, report_csv, report_json, report_markdown
from policyqa.numbers import format_wan
from policyqa.profile import COUNTS, DISTRICTS, PROJECTS, QUALIFICATIONS, TYPES, profile_from_dict
from policyqa.profile_text import profile_from_text
from policyqa.serialize import book

CSS = """
.pq-match-total { font-size: 1.6em; font-weight: 700; color: var(--color-accent); }
table.pq-match { border-collapse: collapse; width: 100%; font-size: 0.9em; margin: 0.3em 0 0.8em; }
table.pq-match th, table.pq-match td { border: 1px solid var(--border-color-primary); padding: 0.3em 0.5em;
                                       text-align: left; vertical-align: top; }
table.pq-match th { background: var(--background-fill-secondary); white-space: nowrap; }
.pq-o { font-size: 0.78em; font-weight: 600; border-radius: 999px; padding: 0.05em 0.6em; white-space: nowrap; }
.pq-o-computed { background: #ecfdf5; color: #047857; border: 1px solid #10b981; }
.pq-o-not_eligible { background: #f1f5f9; color: #475569; border: 1px solid #cbd5e1; }
.pq-o-needs_info { background: #eff6ff; color: #1d4ed8; border: 1px solid #60a5fa; }
.pq-o-not_stated { background: #fff7ed; color: #c2410c; border: 1px solid #fb923c; }
.pq-badge-expired { background: #fef2f2; color: #b91c1c; border: 1px solid #f87171; }
.pq-near { background: #fffbeb; border: 1px solid #fde68a; border-radius: 6px; padding: 0.3em 0.8em; }
"""
# Amount fields of the form: label → award name (an amount means the award was received).
AWARD_AMOUNTS = {
    "市级首台（套）项目补贴金额": "市级首台（套）项目补贴",
    "重点新材料首批次奖励金额": "重点新材料首批次应用示范奖励",
    "集成电路首轮流片奖励金额": "集成电路首轮流片奖励",
    "机器人首试首用奖励金额": "机器人创新产品首试首用奖励",
    "市级5G/绿色/零碳工厂建设资金": "市级5G工厂/绿色工厂/零碳工厂建设资金",
    "市级老旧厂房改造资金": "市级老旧厂房改造项目资金",
    "国家重点课题支持资金": "国家智能制造重点课题",
    "北京市重点课题支持资金": "北京市智能制造重点课题",
}
# Awards and recognitions a rule needs without an amount of their own.
RECOGNITIONS = ("北京市首台（套）重大技术装备目录", "市级智能工厂（先进级）", "国家级智能工厂（卓越级/领航级）",
                "灯塔工厂", "国家重点专精特新小巨人高质量发展项目")
GROWTH = ("未说明", "高于平均", "低于平均")


def _badge(ln: Line) -> str:
    return f'<span class="pq-o pq-o-{ln.outcome}">{OUTCOME_CN[ln.outcome]}</span>'


def _status(status: str) -> str:
    if status == "已到期":
        return f'<span class="pq-badge pq-badge-expired">{fmt.esc(status)}</span>'
    return fmt.status_badge(status)


def report_html(report: Report, show_all: bool = False) -> str:
    """The report: total, 差一点, then one table per document (status badge), each line with its quote."""
    counts = {k: sum(1 for ln in report.lines if ln.outcome == k) for k in OUTCOME_CN}
    label = "可获得合计（最高，已到期文件与同类不重复享受者不计）"
    parts = [f'<div id="pq-match-summary"><div class="pq-award-label">{label}</div>'
             f'<div class="pq-match-total">{fmt.esc(format_wan(report.total_yuan))}</div>'
             f'<div class="pq-validity">体检日期 {report.as_of.isoformat()} · '
             + " · ".join(f"{OUTCOME_CN[k]} {n} 条" for k, n in counts.items()) + "</div></div>"]
    if report.profile.notes:
        parts.append("".join(fmt.notice_html(n) for n in report.profile.notes))
    if report.near_misses:
        items = "".join(f"<li>{fmt.esc(n.text)}</li>" for n in report.near_misses)
        parts.append(f'<div class="pq-near" id="pq-near"><b>差一点</b><ul>{items}</ul></div>')
    docs: dict[str, list[Line]] = {}
    for ln in report.lines:
        docs.setdefault(ln.document.doc_id, []).append(ln)
    for lines in docs.values():
        doc = lines[0].document
        shown = lines if show_all else [ln for ln in lines if ln.outcome != "not_eligible"]
        status = lines_status(lines)
        parts.append(f'<h4>{fmt.esc(book(doc.title))} {_status(status)}</h4>')
        if status == "已到期":
            parts.append(fmt.notice_html(f"{expired_part(doc)}已于 {doc.expires} 到期：条目仅供参考，不计入合计。"))
        if not shown:
            why = f"无适用条目（{len(lines)} 条均不符合，勾选“显示全部条目”可查看原因）"
            parts.append(f'<p class="pq-validity">{why}</p>')
            continue
        rows = []
        for ln in shown:
            steps = "".join(f"<li>{fmt.esc(s)}</li>" for s in (*ln.steps, *ln.assumptions))
            rows.append(
                f'<tr data-rule="{fmt.esc(ln.rule.rule_id)}"><td>{fmt.esc(ln.locator)}</td>'
                f"<td>{fmt.esc(ln.rule.subject)}</td><td>{_badge(ln)}</td><td>{fmt.esc(explain(ln))}"
                f"<details><summary>计算与原文</summary><ul>{steps}</ul>"
                f'<div class="pq-quote">“{fmt.esc(ln.rule.quote)}”</div></details></td></tr>'
            )
        parts.append('<table class="pq-match"><thead><tr><th>条款</th><th>事项</th><th>结果</th><th>金额 / 原因</th>'
                     f"</tr></thead><tbody>{''.join(rows)}</tbody></table>")
    return "".join(parts)


def form_profile(name: str, district: str | None, types: list[str], code: str, quals: list[str], first: list[str],
                 rev_now: str, rev_prev: str, out_now: str, out_prev: str, rd_inc: str, growth: list[str],
                 amounts: list[str], platform: str | None, projects: list[str], counts: list[Any],
                 year: int, recognitions: list[str] | None = None) -> dict[str, Any]:
    """The form's fields as the profile dict ``profile_from_dict`` reads (blank fields left out)."""
    data: dict[str, Any] = {"name": (name or "").strip(), "district": district or "", "types": list(types or []),
                            "industry_code": (code or "").strip(), "qualifications": list(quals or []),
                            "first_time": list(first or [])}
    figures: dict[str, dict[str, str]] = {}
    for metric, now, prev in (("营业收入", rev_now, rev_prev), ("工业产值", out_now, out_prev)):
        for y, v in ((year, now), (year - 1, prev)):
            if str(v or "").strip():
                figures.setdefault(metric, {})[str(y)] = str(v).strip()
    data["figures"] = figures
    if str(rd_inc or "").strip():
        data["increments"] = {"研发费用": str(rd_inc).strip()}
    data["growth_above_average"] = {m: g == "高于平均" for m, g in zip(("营业收入", "工业产值", "研发费用"), growth,
                                                                   strict=True) if g in ("高于平均", "低于平均")}
    awards: list[dict[str, str]] = [{"name": AWARD_AMOUNTS[label], "amount": str(v).strip()}
                                    for label, v in zip(AWARD_AMOUNTS, amounts, strict=True) if str(v or "").strip()]
    awards += [{"name": name} for name in recognitions or [] if name in RECOGNITIONS]
    if platform:
        awards.append({"name": "智能制造研发创新平台", "level": platform})
    data["awards"] = awards
    data["projects"] = {p: str(v).strip() for p, v in zip(PROJECTS, projects, strict=True) if str(v or "").strip()}
    data["counts"] = {c: v for c, v in zip(COUNTS, counts, strict=True) if v not in (None, "")}
    return data


def _labels(year: int) -> dict[str, str]:
    """Profile field paths → the form's labels, so a validation message names the box to fix."""
    out = {f"figures.{m}.{y}": f"{m}（{y}年）" for m in ("营业收入", "工业产值") for y in (year, year - 1)}
    out.update({"increments.研发费用": "研发费用增量", "district": "注册区"})
    out.update({f"projects.{p}": p for p in PROJECTS})
    out.update({f"counts.{c}": f"{c}家数" for c in COUNTS})
    return out


def match_tab(engine: Any, question: gr.Textbox, tabs: gr.Tabs) -> None:
    """The 政策体检 tab (call inside ``gr.Tabs``) and the ``/match`` endpoint."""
    matcher = Matcher.load(engine.settings, corpus=engine.corpus)

    def run(profile_data: dict[str, Any] | None, text: str, as_of_text: str) -> Report:
        as_of = parse_date(as_of_text)
        if text.strip():
            return matcher.match(profile_from_text(text, as_of), as_of)
        return matcher.match(profile_from_dict(profile_data), as_of)

    def form_error(err: PolicyQAError, year: int) -> str:
        """The message with profile field paths replaced by the form's labels."""
        message = str(err).replace("字段 district（注册区）", "「注册区」")
        for path, label in sorted(_labels(year).items(), key=lambda kv: -len(kv[0])):
            message = message.replace(f"字段 {path}", f"「{label}」")
        return message

    def api_match(profile: str = "", text: str = "", as_of: str = "") -> dict[str, Any]:
        """政策体检: ``profile`` a JSON object (the profile file's fields) or ``text`` a description."""
        try:
            if not (profile or "").strip() and not (text or "").strip():
                raise PolicyQAError("请提供 profile（企业画像 JSON 对象）或 text（企业描述）")
            data = json.loads(profile) if profile.strip() else None
            if not isinstance(data, dict | None):
                raise PolicyQAError("profile 应为 JSON 对象")
            return report_json(run(data, text or "", as_of or ""))
        except json.JSONDecodeError as err:
            return {"error": f"profile 不是有效的 JSON：{err.msg}（第{err.lineno}行）"}
        except ValueError:  # e.g. an integer of thousands of digits
            return {"error": "profile 中有无法读取的数值，请检查金额与家数"}
        except PolicyQAError as err:
            return {"error": str(err)}

    year = date.today().year - 1
    with gr.Tab("政策体检", id="match"):
        gr.HTML(f"<style>{CSS}</style>", padding=False)
        with gr.Row():
            with gr.Column(scale=2):
                m_text = gr.Textbox(label="用一段话描述企业（可选，填写后按描述体检）", lines=2, elem_id="pq-m-text",
                                    placeholder="例如：丰台的工业企业，去年产值首次过5亿，研发费用比上年多了300万，"
                                                "增速高于全区平均，拿了市级首台套补贴500万")
                with gr.Row():
                    m_name = gr.Textbox(label="企业名称", scale=2, elem_id="pq-m-name")
                    m_district = gr.Dropdown(list(DISTRICTS), value=None, label="注册区", scale=1,
                                             elem_id="pq-m-district")
                    m_code = gr.Textbox(label="国民经济行业分类代码", placeholder="如 C34", scale=1)
                m_types = gr.CheckboxGroup(list(TYPES), label="企业类型 / 行业 / 项目类别", elem_id="pq-m-types")
                with gr.Row():
                    m_quals = gr.CheckboxGroup(list(QUALIFICATIONS), label="已有资质")
                    m_first = gr.CheckboxGroup(list(QUALIFICATIONS), label="其中首次认定 / 首次纳入规上的")
                gr.Markdown(f"**经营数据**（{year}年为最近完整年度）")
                with gr.Row():
                    m_rev = gr.Textbox(label=f"营业收入（{year}年）", placeholder="如 3.6亿", elem_id="pq-m-rev")
                    m_rev0 = gr.Textbox(label=f"营业收入（{year - 1}年）", placeholder="如 3亿")
                    m_out = gr.Textbox(label=f"工业产值（{year}年）", placeholder="如 5.2亿", elem_id="pq-m-out")
                    m_out0 = gr.Textbox(label=f"工业产值（{year - 1}年）", placeholder="如 4.1亿", elem_id="pq-m-out0")
                    m_rd = gr.Textbox(label="研发费用增量", placeholder="如 300万", elem_id="pq-m-rd")
                with gr.Row():
                    m_growth = [gr.Radio(list(GROWTH), value="未说明", label=f"{m}增速与全区/行业平均相比",
                                         elem_id=f"pq-m-growth-{i}")
                                for i, m in enumerate(("营业收入", "工业产值", "研发费用"))]
                with gr.Accordion("已获奖励与认定（按比例配套的条款需要金额）", open=False):
                    with gr.Row():
                        m_amounts = [gr.Textbox(label=label, placeholder="如 500万", min_width=160,
                                                elem_id=f"pq-m-award-{i}") for i, label in enumerate(AWARD_AMOUNTS)]
                    m_recog = gr.CheckboxGroup(list(RECOGNITIONS), label="已获认定 / 入选（无需金额）",
                                               elem_id="pq-m-recog")
                    m_platform = gr.Dropdown(["国家级", "市级"], value=None, label="新获评智能制造研发创新平台（级别）")
                with gr.Accordion("项目与家数", open=False):
                    with gr.Row():
                        m_projects = [gr.Textbox(label=p, placeholder="如 2000万") for p in PROJECTS]
                        m_counts = [gr.Number(label=f"{c}家数", precision=0, minimum=0) for c in COUNTS]
                with gr.Row():
                    m_asof = gr.Textbox(value=date.today().isoformat(), label="体检日期（判断文件是否到期）", scale=1)
                    m_all = gr.Checkbox(label="显示全部条目（含不符合的原因）", value=False, scale=1)
                with gr.Row():
                    m_go = gr.Button("开始体检", variant="primary", elem_id="pq-m-go")
                    m_go_text = gr.Button("按描述体检", elem_id="pq-m-go-text")
            with gr.Column(scale=3):
                hint = "填写左侧企业信息（至少注册区），或用一段话描述企业，然后点击体检。"
                m_out_html = gr.HTML(fmt.notice_html(hint), elem_id="pq-m-report")
                with gr.Row():
                    m_md = gr.File(label="Markdown 报告", interactive=False)
                    m_csv = gr.File(label="CSV 表格", interactive=False)
                m_rules = gr.State([])

                @gr.render(inputs=m_rules)
                def ask_buttons(rules: list[list[str]]) -> None:
                    if not rules:
                        return
                    gr.Markdown("**就某一条去问答**（点击后切换到“政策问答”并填好问题）")
                    with gr.Row(elem_id="pq-m-ask-row"):
                        for _rule_id, label, prompt in rules:
                            btn = gr.Button(f"问：{label}", size="sm", elem_classes="pq-m-ask", min_width=80)
                            btn.click(lambda p=prompt: (p, gr.Tabs(selected="ask")), None, [question, tabs],
                                      api_visibility="undocumented")

        form = [m_name, m_district, m_types, m_code, m_quals, m_first, m_rev, m_rev0, m_out, m_out0, m_rd,
                *m_growth, *m_amounts, m_platform, *m_projects, *m_counts, m_recog]

        def render(report: Report, show_all: bool) -> tuple[str, str, str, list[list[str]]]:
            folder = Path(tempfile.mkdtemp(prefix="pq-match-"))
            md, csv = folder / "政策体检报告.md", folder / "政策体检报告.csv"
            md.write_text(report_markdown(report), encoding="utf-8")
            csv.write_text(report_csv(report), encoding="utf-8")
            asks = [[ln.rule.rule_id, f"{ln.locator} {ln.rule.subject[:12]}",
                     f"{ln.document.short_title}{ln.locator}：{ln.rule.subject}，我们能拿多少？需要什么条件？"]
                    for ln in report.lines if ln.outcome != "not_eligible"]
            return report_html(report, show_all), str(md), str(csv), asks

        def on_form(*values: Any) -> tuple[Any, ...]:
            *fields, recog, as_of_text, show_all = values
            (name, district, types, code, quals, first, rev, rev0, out, out0, rd, g1, g2, g3, *rest) = fields
            amounts, platform = rest[: len(AWARD_AMOUNTS)], rest[len(AWARD_AMOUNTS)]
            projects, counts = rest[len(AWARD_AMOUNTS) + 1: len(AWARD_AMOUNTS) + 4], rest[len(AWARD_AMOUNTS) + 4:]
            y = date.today().year - 1
            try:
                as_of = parse_date(as_of_text)
                y = as_of.year - 1
                data = form_profile(name, district, types, code, quals, first, rev, rev0, out, out0, rd,
                                    [g1, g2, g3], amounts, platform, projects, counts, y, recog)
                if not data["district"]:
                    raise PolicyQAError("请选择「注册区」")
                return render(run(data, "", as_of_text), show_all)
            except PolicyQAError as err:
                return fmt.error_html(form_error(err, y)), None, None, []

        def on_text(text: str, as_of_text: str, show_all: bool) -> tuple[Any, ...]:
            try:
                if not (text or "").strip():
                    raise PolicyQAError("请先在上方文本框中描述企业（注册区、类型、主要数据）")
                return render(run(None, text, as_of_text), show_all)
            except PolicyQAError as err:
                return fmt.error_html(str(err)), None, None, []

        outs = [m_out_html, m_md, m_csv, m_rules]
        ui = {"api_visibility": "undocumented", "concurrency_limit": 8}
        m_go.click(on_form, [*form, m_asof, m_all], outs, **ui)
        m_go_text.click(on_text, [m_text, m_asof, m_all], outs, **ui)
        gr.api(api_match, api_name="match", queue=False)  # a few ms of pure work: no queue round trips

