"""``policyqa match --profile FILE | --text "…" [--as-of YYYY-MM-DD] [--json] [--markdown F] [--csv F]``."""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path
from typing import Any

from policyqa.errors import InputError
from policyqa.settings import Settings


def add_parser(sub: Any, func: Any) -> None:
    """Register the ``match`` sub-command on the CLI's sub-parsers."""
    p = sub.add_parser("match", help="政策体检：按企业画像逐条核对全部奖励规则")
    p.add_argument("--profile", help="企业画像文件（.toml 或 .json）")
    p.add_argument("--text", help="用一段话描述企业，例如「丰台的工业企业，去年产值首次过5亿……」")
    p.add_argument("--as-of", dest="as_of", help="体检日期 YYYY-MM-DD（判断文件是否到期），默认今天")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.add_argument("--all", action="store_true", help="文本报告中也列出不符合的条目")
    p.add_argument("--markdown", help="另存 Markdown 报告到此文件")
    p.add_argument("--csv", help="另存 CSV 到此文件")
    p.set_defaults(func=func)


def parse_date(value: str | None) -> date:
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"字段 --as-of（体检日期）的值「{value[:40]}」无效，应为 YYYY-MM-DD，如 2026-11-26") from None


def run(args: argparse.Namespace, settings: Settings) -> int:
    from policyqa.match import Matcher
    from policyqa.match_report import report_csv, report_json, report_markdown
    from policyqa.profile import load_profile
    from policyqa.profile_text import profile_from_text

    if bool(args.profile) == bool(args.text):
        raise InputError("请用 --profile 指定企业画像文件，或用 --text 描述企业（二者选一）")
    as_of = parse_date(args.as_of)
    profile = load_profile(Path(args.profile)) if args.profile else profile_from_text(args.text, as_of)
    report = Matcher.load(settings).match(profile, as_of)
    if args.markdown:
        Path(args.markdown).write_text(report_markdown(report), encoding="utf-8")
    if args.csv:
        Path(args.csv).write_text(report_csv(report), encoding="utf-8")
    if args.json:
        print(json.dumps(report_json(report), ensure_ascii=False, indent=2))
    else:
        print(report_markdown(report, all_rules=args.all), end="")
    return 0
