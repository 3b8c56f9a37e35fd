"""Command line: ``policyqa index | search | lookup | docs | award | ask | eval | serve | feedback``.

Errors become a Chinese message on stderr and exit code 2; never a traceback. Heavy
imports (models, Chroma, Gradio) happen inside the commands that need them.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from policyqa import limits
from policyqa.errors import InputError, PolicyQAError
from policyqa.settings import Settings

MAX_K = 50
MAX_ARG_CHARS = 100_000  # any single argument; questions are further held to max_question_chars


def one_line(message: object, limit: int = 500) -> str:
    """A message as one printable line (user text inside it may hold line breaks or control characters)."""
    text = "".join(ch if ch.isprintable() else " " for ch in str(message)[: limit + 1])
    return text[:limit] + "…" if len(text) > limit else text


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"参数错误：{one_line(message)}\n")


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _check_length(text: str, settings: Settings, what: str = "问题") -> None:
    limits.text(text, what, settings.max_question_chars, required=False)


def _batch(args: argparse.Namespace, settings: Settings, answer: Any, noun: str) -> int:
    """Run a batch; exit 0 when every line was answered, 1 when some lines are error lines."""
    from policyqa.batch import run_batch

    if not args.out:
        raise InputError("使用 --batch 时需要 --out 指定输出文件")
    report = run_batch(Path(args.batch), Path(args.out), answer, resume=args.resume,
                       max_chars=settings.max_question_chars)
    skipped = f"，跳过已完成 {report.skipped} 条" if report.skipped else ""
    errors = f"，其中 {report.errors} 条为错误行（含行号）" if report.errors else ""
    print(f"已写入 {report.written} 条{noun}{errors}{skipped}：{args.out}")
    return 1 if report.errors else 0


# ---------------------------------------------------------------------- commands
def cmd_index(args: argparse.Namespace, settings: Settings) -> int:
    from policyqa.engine import build

    report = build(settings, rebuild=args.rebuild)
    print(
        f"索引完成：{report.n_clauses} 个条款，新嵌入 {report.n_embedded} 个，用时 {report.seconds:.1f} 秒"
        f"（{settings.index_dir}）"
    )
    return 0


def cmd_docs(args: argparse.Namespace, settings: Settings) -> int:
    from policyqa.corpus import load_corpus
    from policyqa.serialize import document_json

    corpus = load_corpus(settings)
    docs = [document_json(d) for d in corpus.documents.values()]
    if args.json:
        _print_json(docs)
        return 0
    for d in docs:
        number = f"  {d['doc_number']}" if d["doc_number"] else ""
        print(f"{d['doc_id']:<22}{d['district']:<12}{d['status']:<8}{d['title']}{number}")
        print(f"{'':<22}有效期：{d['validity']}")
    return 0


def cmd_lookup(args: argparse.Namespace, settings: Settings) -> int:
    from policyqa.corpus import load_corpus
    from policyqa.lookup import lookup
    from policyqa.serialize import book_title, clause_json

    _check_length(args.query, settings, "查询")
    corpus = load_corpus(settings)
    clauses = lookup(corpus, args.query)
    if args.json:
        _print_json([clause_json(corpus, c) for c in clauses])
        return 0
    for clause in clauses:
        doc = corpus.documents[clause.doc_id]
        print(f"{book_title(doc.title)}{clause.locator}（{doc.status}；{doc.validity}）")
        if clause.heading_path:
            print("  " + " > ".join(clause.heading_path))
        print(clause.text)
        print()
    return 0


def cmd_search(args: argparse.Namespace, settings: Settings) -> int:
    from policyqa.engine import Engine
    from policyqa.serialize import book_title, hit_json

    if not 1 <= args.k <= MAX_K:
        raise InputError(f"--k 应在 1 到 {MAX_K} 之间，收到：{args.k}")
    district_name = limits.optional_text(args.district, "区名")
    engine = Engine.load(settings)
    district = engine.resolve_district(district_name) if district_name else None
    doc_ids = engine.corpus.doc_ids_of(district) if district else None

    def run(question: Any) -> list[dict[str, Any]]:
        text, _ = limits.turns(question, None, settings.max_question_chars)
        if not text:
            raise InputError("问题为空，请输入要检索的内容")
        hits = engine.retriever.search(text, k=args.k, doc_ids=doc_ids, mode=args.mode)
        return [hit_json(engine.corpus, h) for h in hits]

    if args.batch:
        return _batch(args, settings, lambda line: {"id": line.item_id, "hits": run(line.question)}, "结果")
    if not args.question:
        raise InputError("请提供要检索的问题，或使用 --batch")
    hits = run(args.question)
    if args.json:
        _print_json(hits)
        return 0
    for i, h in enumerate(hits, start=1):
        print(f"[{i}] {h['score']:.3f} {book_title(h['document'])}{h['locator']}（{h['status']}）")
        print("    " + h["text"].replace("\n", " ")[:160])
    return 0


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    from policyqa.engine import Engine
    from policyqa.serialize import answer_json, book_title

    if not args.batch and not args.question:
        raise InputError("请提供问题，或使用 --batch")
    if not args.batch:
        _check_length(args.question, settings)
    engine = Engine.load(settings, build_if_missing=True)
    if args.batch:
        def answer_line(line: Any) -> dict[str, Any]:
            start = time.perf_counter()
            answer = engine.ask(line.question)
            return answer_json(answer, line.item_id, (time.perf_counter() - start) * 1000)

        return _batch(args, settings, answer_line, "回答")
    start = time.perf_counter()
    answer = engine.ask(args.question)
    if args.json:
        _print_json(answer_json(answer, None, (time.perf_counter() - start) * 1000))
        return 0
    print(answer.text)
    for c in answer.citations or answer.related:
        print(f"\n[{c.marker}] {book_title(c.document_title)}{c.locator}（{c.status}；{c.validity}）\n{c.text}")
    return 0


def cmd_award(args: argparse.Namespace, settings: Settings) -> int:
    from policyqa import award_cli

    return award_cli.run(args, settings)


def cmd_match(args: argparse.Namespace, settings: Settings) -> int:
    from policyqa import match_cli

    return match_cli.run(args, settings)


def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    from policyqa.evaluate import run_cli

    return run_cli(args, settings)


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    import importlib

    try:
        app = importlib.import_module("app")
    except ModuleNotFoundError as err:
        raise PolicyQAError(f"无法加载界面（{err.name}），请安装界面依赖：pip install -e '.[ui]'") from None
    app.serve(settings, host=args.host, port=args.port)
    return 0


def cmd_feedback(args: argparse.Namespace, settings: Settings) -> int:
    from policyqa.feedback import FeedbackStore

    store = FeedbackStore(settings.data_dir / "feedback.sqlite3")
    count = store.export_csv(Path(args.out))
    print(f"已导出 {count} 条反馈：{args.out}")
    return 0


# ---------------------------------------------------------------------- parser
def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="policyqa", description="惠企政策问答：检索、条款查询、补贴测算、问答与评测")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("index", help="构建或更新检索索引")
    p.add_argument("--rebuild", action="store_true", help="丢弃现有索引，完整重建")
    p.set_defaults(func=cmd_index)

    p = sub.add_parser("docs", help="列出文件及其状态、有效期")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_docs)

    p = sub.add_parser("lookup", help="按条款编号查询，例如「丰台 第十四条」")
    p.add_argument("query")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_lookup)

    p = sub.add_parser("search", help="检索相关条款")
    p.add_argument("question", nargs="?")
    p.add_argument("--k", type=int, default=5)
    p.add_argument("--district", help="限定区，例如 丰台 / 经开区")
    p.add_argument("--mode", choices=("hybrid", "bm25", "dense"), default="hybrid")
    p.add_argument("--json", action="store_true")
    p.add_argument("--batch", help="输入 JSONL：每行 {id, question}")
    p.add_argument("--out", help="输出 JSONL")
    p.add_argument("--resume", action="store_true", help="跳过输出文件中已有 id 的行，继续写入")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("ask", help="回答问题（带引用）")
    p.add_argument("question", nargs="?")
    p.add_argument("--json", action="store_true")
    p.add_argument("--batch", help="输入 JSONL：每行 {id, question}，question 可为多轮列表")
    p.add_argument("--out", help="输出 JSONL")
    p.add_argument("--resume", action="store_true", help="跳过输出文件中已有 id 的行，继续写入")
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("award", help="补贴测算")
    p.add_argument("rule_id", nargs="?")
    p.add_argument("--list", action="store_true", help="列出全部测算规则")
    p.add_argument("--question", help="用一句话描述情况，例如「市级首台套补贴五百万，丰台最多配套多少」")
    p.add_argument("--base", help="基数金额，例如 5000000 或 500万")
    p.add_argument("--count", help="数量，例如落地企业家数")
    p.add_argument("--level", help="级别：国家级 / 市级 …")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_award)

    from policyqa.match_cli import add_parser as add_match

    add_match(sub, cmd_match)

    p = sub.add_parser("eval", help="在金标集上评测")
    p.add_argument("--dataset", default="evals/dev.jsonl")
    p.add_argument("--out", required=True)
    p.add_argument("--baseline", help="对比的上一次评测目录")
    p.add_argument("--gate", help="门槛文件（TOML）；低于门槛时退出码非零")
    p.add_argument("--no-baselines", action="store_true", help="不跑检索基线对比")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("serve", help="启动网页界面")
    p.add_argument("--host")
    p.add_argument("--port", type=int)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("feedback", help="反馈数据")
    fsub = p.add_subparsers(dest="action", required=True, parser_class=_Parser)
    e = fsub.add_parser("export", help="导出为 CSV")
    e.add_argument("--out", required=True)
    e.set_defaults(func=cmd_feedback)

    from policyqa.ingest.cli import register  # policyqa add …, policyqa awards review

    register(sub, _Parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    for arg in argv:
        if len(arg) > MAX_ARG_CHARS:
            print(f"错误：参数过长（{len(arg)} 字），请精简，或把大量内容放入文件用 --batch 提交", file=sys.stderr)
            return 2
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:  # bytes that are not UTF-8 arrive as lone surrogates
            print("错误：参数不是有效的 UTF-8 文本", file=sys.stderr)
            return 2
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.from_env()
        return int(args.func(args, settings))
    except PolicyQAError as err:
        print(f"错误：{one_line(err)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("已中断", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `policyqa … | head` closed the pipe: not an error
        sys.stderr.close()
        return 0
    except OSError as err:  # unwritable output path, full disk …
        print(f"错误：文件读写失败：{err.strerror or err}（{err.filename or ''}）", file=sys.stderr)
        return 2
    except ValueError as err:  # bad environment values (e.g. POLICYQA_PORT=abc)
        print(f"错误：配置或参数无效：{one_line(err)}", file=sys.stderr)
        return 2
    except Exception as err:  # a bug: one line a user can report, never a traceback
        detail = f"{type(err).__name__}：{one_line(err, 200)}"
        print(f"错误：内部错误（{detail}），请将此信息反馈给维护人员", file=sys.stderr)
        return 1
