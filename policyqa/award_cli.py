"""``policyqa award``: list the rules, compute one, or compute from a question."""

from __future__ import annotations

import argparse
import json

from policyqa import award_table, awards, limits
from policyqa.errors import InputError, RuleError
from policyqa.serialize import result_json, rule_json
from policyqa.settings import Settings
from policyqa.types import AwardResult


def _print_result(result: AwardResult, as_json: bool) -> None:
    if as_json:
        print(json.dumps(result_json(result), ensure_ascii=False, indent=2))
        return
    print(f"{result.rule_id}（{result.clause_id}）：{result.amount_yuan:,.0f} 元")
    for step in result.steps:
        print(f"  计算：{step}")
    for assumption in result.assumptions:
        print(f"  前提：{assumption}")


def run(args: argparse.Namespace, settings: Settings) -> int:
    rules = award_table.load_rules(settings.corpus_dir / "awards.toml")
    if args.list:
        if args.json:
            print(json.dumps([rule_json(r) for r in rules], ensure_ascii=False, indent=2))
        else:
            for rule in rules:
                print(f"{rule.rule_id:<36}{rule.kind:<20}{rule.clause_id}  {rule.subject}")
        return 0
    question = limits.optional_text(args.question, "描述", settings.max_question_chars)
    base = limits.amount(args.base)
    count = limits.count(args.count)
    level = limits.optional_text(args.level, "级别")
    rule_id = limits.optional_text(args.rule_id, "规则编号", limits.MAX_ID_CHARS)
    if question:
        from policyqa.corpus import load_corpus
        from policyqa.rules.question import from_question

        results = from_question(question, rules, load_corpus(settings))
        if not results:
            raise InputError("没有找到与该描述对应的测算规则，请用 policyqa award --list 查看可测算的事项")
        if args.json:
            print(json.dumps([result_json(r) for r in results], ensure_ascii=False, indent=2))
        else:
            for result in results:
                _print_result(result, False)
        return 0
    if not rule_id:
        raise InputError("请指定规则编号（policyqa award --list 查看），或使用 --question 描述情况")
    rule = next((r for r in rules if r.rule_id == rule_id), None)
    if rule is None:
        raise RuleError(f"未知的规则编号「{limits.preview(rule_id)}」，请用 policyqa award --list 查看")
    if base is None and count is None and rule.kind in ("fixed_cap", "not_computable"):
        result = awards.cap_result(rule, level=level)
    else:
        result = awards.calculate(rule, base_yuan=base, count=count, level=level)
    _print_result(result, args.json)
    return 0
