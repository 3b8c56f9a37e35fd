"""A 政策体检 ``Report`` as JSON, Markdown (grouped by document, 差一点 list, expandable quotes) and CSV."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

from policyqa.match import Line, Report, expired_part, lines_status
from policyqa.numbers import format_wan
from policyqa.profile import profile_json
from policyqa.serialize import book

OUTCOME_CN = {"computed": "可获得", "not_eligible": "不符合", "needs_info": "需补充信息", "not_stated": "未定金额"}


def _num(d: Decimal | None) -> int | float | None:
    if d is None:
        return None
    return int(d) if d == d.to_integral_value() else float(d)


def line_json(ln: Line) -> dict[str, Any]:
    return {
        "rule_id": ln.rule.rule_id, "clause_id": ln.rule.clause_id, "document": ln.document.title,
        "locator": ln.locator, "status": ln.status, "outcome": ln.outcome, "amount_yuan": _num(ln.amount_yuan),
        "steps": list(ln.steps), "reason": ln.reason, "missing": list(ln.missing), "subject": ln.rule.subject,
        "kind": ln.rule.kind, "counted": ln.counted, "note": ln.note, "assumptions": list(ln.assumptions),
        "quote": ln.rule.quote,
    }


def report_json(report: Report) -> dict[str, Any]:
    """The shape of ``policyqa match --json``: every rule of the table once."""
    return {
        "profile": profile_json(report.profile),
        "as_of": report.as_of.isoformat(),
        "total_yuan": _num(report.total_yuan),
        "results": [line_json(ln) for ln in report.lines],
        "near_misses": [n.text for n in report.near_misses],
    }


def explain(ln: Line) -> str:
    """One short sentence: the amount, the failing condition, what to provide, or why no amount."""
    if ln.outcome == "computed":
        text = f"最高{format_wan(ln.amount_yuan)}" if ln.amount_yuan is not None else "可获得"
        return f"{text}（{ln.note}）" if ln.note else text
    if ln.outcome == "needs_info":
        return "需要提供：" + "；".join(ln.missing)
    return ln.reason


def _cell(text: str) -> str:
    return text.replace("|", "｜").replace("\n", " ")


def report_markdown(report: Report, *, all_rules: bool = True) -> str:
    """The report: total, 差一点, then each document with its status and its rules."""
    p = report.profile
    out = [f"# 政策体检报告：{p.name or '（未命名企业）'}", ""]
    kinds, quals = "、".join(p.types) or "未填", "、".join(p.qualifications) or "无"
    out.append(f"- 注册区：{p.district}；类型：{kinds}；资质：{quals}")
    if p.industry_code:
        out.append(f"- 国民经济行业分类代码：{p.industry_code}")
    out += [f"- 说明：{note}" for note in p.notes]
    out.append(f"- 体检日期：{report.as_of.isoformat()}（文件状态按此日期判断）")
    counts = {k: sum(1 for ln in report.lines if ln.outcome == k) for k in OUTCOME_CN}
    out.append("- 结果：" + "，".join(f"{OUTCOME_CN[k]} {n} 条" for k, n in counts.items()))
    out.append(f"- **可获得合计（最高）：{format_wan(report.total_yuan)}**（{report.total_yuan:,.0f} 元；"
               "已到期文件与同类不重复享受的条目不计入）")
    out.append("")
    if report.near_misses:
        out += ["## 差一点", ""] + [f"- {n.text}" for n in report.near_misses] + [""]
    docs: dict[str, list[Line]] = {}
    for ln in report.lines:
        docs.setdefault(ln.document.doc_id, []).append(ln)
    for lines in docs.values():
        doc = lines[0].document
        shown = lines if all_rules else [ln for ln in lines if ln.outcome != "not_eligible"]
        status = lines_status(lines)
        flag = {"已到期": f"⚠ {expired_part(doc)}已到期（{doc.expires}），仅供参考，不计入合计",
                "征求意见稿": "⚠ 征求意见稿，以正式印发文件为准"}
        out += [f"## {book(doc.title)}", "", f"状态：**{status}**　{flag.get(status, '')}", ""]
        if not shown:
            out += ["（无适用条目）", ""]
            continue
        out += ["| 条款 | 事项 | 结果 | 金额/原因 |", "|---|---|---|---|"]
        for ln in shown:
            out.append(f"| {_cell(ln.locator)} | {_cell(ln.rule.subject)} | {OUTCOME_CN[ln.outcome]} | "
                       f"{_cell(explain(ln))} |")
        out.append("")
        for ln in shown:
            if ln.outcome == "not_eligible" and not ln.steps:
                continue
            body = [f"**{ln.rule.rule_id}**（{book(doc.title)}{ln.locator}）：{OUTCOME_CN[ln.outcome]}", ""]
            body += [f"- 计算：{s}" for s in ln.steps] + [f"- 前提：{a}" for a in ln.assumptions]
            out += ["<details><summary>" + f"{ln.locator} {_cell(ln.rule.subject)} · 原文" + "</summary>", "",
                    *body, "", f"> {ln.rule.quote}", "", "</details>", ""]
    return "\n".join(out).rstrip() + "\n"


def report_csv(report: Report) -> str:
    """One row per rule (UTF-8 with BOM so spreadsheet programs read the Chinese)."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["rule_id", "文件", "条款", "文件状态", "事项", "结果", "金额（元）", "计入合计", "原因/说明", "需补充",
                "计算步骤", "原文"])
    for ln in report.lines:
        w.writerow([ln.rule.rule_id, ln.document.title, ln.locator, ln.status, ln.rule.subject,
                    OUTCOME_CN[ln.outcome], "" if ln.amount_yuan is None else f"{ln.amount_yuan:f}",
                    "是" if ln.counted else "否", ln.note or ln.reason, "；".join(ln.missing), "；".join(ln.steps),
                    ln.rule.quote])
    w.writerow(["合计", "", "", "", "", "", f"{report.total_yuan:f}", "", "", "", "", ""])
    return "\ufeff" + buf.getvalue()
