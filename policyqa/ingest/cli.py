"""``policyqa add PATH… [--district …] [--yes]`` and ``policyqa awards review``.

``add`` reads each file, shows the metadata found (and what is missing), the structure report and the
draft award rules, asks to confirm or correct each field on stdin (unless ``--yes``), writes the corpus
entry and updates the index incrementally (only the new clauses are embedded).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from policyqa.errors import InputError
from policyqa.settings import Settings

_OVERRIDES = ("title", "issuer", "doc_number", "issued", "effective", "expires", "status", "district")


def register(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    """Add the ``add`` and ``awards`` subcommands to the main parser's subparsers."""
    p = sub.add_parser("add", help="添加政策文件（.txt/.docx/.html/.pdf）到文件库并更新索引")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--yes", action="store_true", help="接受识别出的元数据，不逐项确认")
    p.add_argument("--doc-id", help="文档编号（只添加一个文件时），默认取自文件名")
    for name in _OVERRIDES:
        p.add_argument(f"--{name.replace('_', '-')}", dest=name, help=f"指定{name}（覆盖识别结果）")
    p.add_argument("--no-index", action="store_true", help="只写入文件库，不更新索引")
    p.set_defaults(func=cmd_add)

    p = sub.add_parser("awards", help="奖励规则：review 列出自动提取、待复核的规则")
    asub = p.add_subparsers(dest="action", required=True, parser_class=parser_class)
    r = asub.add_parser("review", help="列出待复核的规则草稿及各自需要核对的内容")
    r.add_argument("--doc", help="只看某个文档编号")
    r.set_defaults(func=cmd_review)


def _ask(prompt: str) -> str:
    print(prompt, end="", flush=True)
    line = sys.stdin.readline()
    if not line:
        raise InputError("标准输入已结束，未完成确认；可使用 --yes 接受识别结果")
    return line


def cmd_add(args: argparse.Namespace, settings: Settings) -> int:
    from policyqa.corpus import load_manifest
    from policyqa.ingest.add import check, confirm, prepare, write
    from policyqa.ingest.extract import check_file
    from policyqa.ingest.meta import LABELS

    paths = [Path(p) for p in args.paths]
    for path in paths:  # every file is checked before anything is written
        check_file(path)
    if args.doc_id and len(paths) > 1:
        raise InputError("--doc-id 只能在添加一个文件时使用")
    documents, _ = load_manifest(settings.corpus_dir)
    taken = {d.doc_id for d in documents}
    overrides = {name: getattr(args, name) for name in _OVERRIDES}
    started = time.perf_counter()
    prepared = []
    for path in paths:  # read and confirm every file before writing any
        added = prepare(path, overrides, taken, args.doc_id)
        taken.add(added.doc_id)
        print(f"== {path.name} → {added.doc_id}")
        for name, label in LABELS.items():
            print(f"  {label}：{added.meta.values.get(name) or '（文件未载明）'}")
        if added.meta.missing:
            print("  缺少：" + "、".join(LABELS[m] for m in added.meta.missing))
        for note in added.meta.notes:
            print(f"  说明：{note}")
        for line in added.structure.lines():
            print(f"  {line}")
        print(f"  奖励规则草稿 {len(added.drafts.rules)} 条，叠加限制 {len(added.drafts.limits)} 条（均未经人工复核）")
        if not args.yes:
            print("逐项确认（回车保留，输入新值替换，输入 - 清空）：")
            confirm(added.meta, _ask)
        check(added.meta)
        prepared.append(added)
    for added in prepared:
        write(added, settings.corpus_dir)
        print(f"已写入：{added.doc_id}（{added.n_clauses} 个条款）")
    if args.no_index:
        return 0
    from policyqa.engine import build

    report = build(settings)
    total = time.perf_counter() - started
    print(
        f"索引已更新：{report.n_clauses} 个条款，新嵌入 {report.n_embedded} 个，复用 {report.n_reused} 个，"
        f"用时 {report.seconds:.1f} 秒（共 {total:.1f} 秒）"
    )
    print("请运行 policyqa awards review 复核规则草稿。")
    return 0


def needs(rule: Any) -> list[str]:
    """What a person must check before a draft rule is marked reviewed."""
    out = ["核对金额、类型与原文一致", "补充 conditions（申请条件）与 keywords（提问用词）"]
    if rule.kind in ("rate_cap", "threshold_rate_cap"):
        out.append(f"确认计算基数「{rule.base_label}」")
        if rule.cap_yuan is None and not rule.levels:
            out.append("原文未写上限：确认是否确无上限")
    if rule.kind == "threshold_rate_cap":
        out.append(f"确认门槛「{rule.threshold_label}」及是否含本数")
    if rule.levels:
        out.append("确认各档名称：" + "、".join(n for n, _ in rule.levels))
    if rule.kind == "per_unit":
        out.append(f"确认计量单位「{rule.unit_label}」与年度/总额上限")
    if rule.kind == "staged":
        out.append("确认各阶段条件：" + "；".join(n for n, _ in rule.stages))
    return out


def cmd_review(args: argparse.Namespace, settings: Settings) -> int:
    import tomllib

    from policyqa.award_table import load_rules

    rules = [r for r in load_rules(settings.corpus_dir / "awards.toml") if not r.reviewed]
    if args.doc:
        rules = [r for r in rules if r.clause_id.split("#")[0] == args.doc]
    for rule in rules:
        print(f"{rule.rule_id}  [{rule.kind}]  {rule.clause_id}")
        print(f"  原文：{rule.quote}")
        for need in needs(rule):
            print(f"  待核对：{need}")
    limits = 0
    for path in sorted((settings.corpus_dir / "awards.d").glob("*.toml")):
        for limit in tomllib.loads(path.read_text(encoding="utf-8")).get("limit", []):
            if args.doc and not str(limit.get("clause_id", "")).startswith(f"{args.doc}#"):
                continue
            limits += 1
            print(f"叠加限制  {limit.get('clause_id')}\n  原文：{limit.get('quote')}\n  待核对：与其他条款的叠加关系")
    print(f"共 {len(rules)} 条规则草稿、{limits} 条叠加限制待复核（复核后将 reviewed 改为 true）")
    return 0
