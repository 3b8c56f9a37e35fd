"""Command line: ``policyqa index | search | lookup | docs | award | ask | eval | serve | feedback``.

Errors become a Chinese message on stderr and exit code 2; never a traceback. Heavy
imports (models, Chroma, Gradio) happen inside the commands that need them.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NoReturn

from policyqa.errors import InputError, PolicyQAError
from policyqa.serialize import book
from policyqa.settings import Settings


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"参数错误：{message}\n")


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _read_batch(path: Path) -> Iterator[tuple[str, Any]]:
    """Yield (id, question) from a JSONL file; a bad line is an InputError naming it."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InputError(f"找不到输入文件：{path}") from None
    except UnicodeDecodeError:
        raise InputError(f"输入文件不是 UTF-8 文本：{path}") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            question = item["question"]
        except (json.JSONDecodeError, KeyError, TypeError):
            raise InputError(f"{path} 第{number}行不是含 question 字段的 JSON 对象") from None
        yield str(item.get("id", number)), question


def _check_length(text: str, settings: Settings, what: str = "问题") -> None:
    if len(text) > settings.max_question_chars:
        raise InputError(f"{what}过长（{len(text)} 字），请精简到 {settings.max_question_chars} 字以内")


def _write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    tmp.replace(path)  # never leave a half-written output file


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
    from policyqa.serialize import clause_json

    _check_length(args.query, settings, "查询")
    corpus = load_corpus(settings)
    clauses = lookup(corpus, args.query)
    if args.json:
        _print_json([clause_json(corpus, c) for c in clauses])
        return 0
    for clause in clauses:
        doc = corpus.documents[clause.doc_id]
        print(f"{book(doc.title)}{clause.locator}（{doc.status}；{doc.validity}）")
        if clause.heading_path:
            print("  " + " > ".join(clause.heading_path))
        print(clause.text)
        print()
    return 0


def cmd_search(args: argparse.Namespace, settings: Settings) -> int:
    from policyqa.engine import Engine
    from policyqa.serialize import hit_json

    engine = Engine.load(settings)

    def run(question: Any) -> list[dict[str, Any]]:
        text = question[-1] if isinstance(question, list) and question else question
        if not isinstance(text, str) or not text.strip():
            raise InputError("问题为空，请输入要检索的内容")
        _check_length(text, settings)
        district = engine.resolve_district(args.district) if args.district else None
        doc_ids = engine.corpus.doc_ids_of(district) if district else None
        hits = engine.retriever.search(text, k=args.k, doc_ids=doc_ids, mode=args.mode)
        return [hit_json(engine.corpus, h) for h in hits]

    if args.batch:
        if not args.out:
            raise InputError("使用 --batch 时需要 --out 指定输出文件")
        rows = [{"id": item_id, "hits": run(q)} for item_id, q in _read_batch(Path(args.batch))]
        _write_jsonl(Path(args.out), rows)
        print(f"已写入 {len(rows)} 条结果：{args.out}")
        return 0
    if not args.question:
        raise InputError("请提供要检索的问题，或使用 --batch")
    hits = run(args.question)
    if args.json:
        _print_json(hits)
        return 0
    for i, h in enumerate(hits, start=1):
        print(f"[{i}] {h['score']:.3f} {book(h['document'])}{h['locator']}（{h['status']}）")
        print("    " + h["text"].replace("\n", " ")[:160])
    return 0


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    from policyqa.engine import Engine
    from policyqa.serialize import answer_json, error_json

    engine = Engine.load(settings, build_if_missing=True)
    if args.batch:
        if not args.out:
            raise InputError("使用 --batch 时需要 --out 指定输出文件")
        rows = []
        for item_id, question in _read_batch(Path(args.batch)):
            start = time.perf_counter()
            try:
                answer = engine.ask(question)
            except PolicyQAError as err:  # one bad question must not sink the batch
                rows.append(error_json(str(err), item_id))
                continue
            rows.append(answer_json(answer, item_id, (time.perf_counter() - start) * 1000))
        _write_jsonl(Path(args.out), rows)
        print(f"已写入 {len(rows)} 条回答：{args.out}")
        return 0
    if not args.question:
        raise InputError("请提供问题，或使用 --batch")
    start = time.perf_counter()
    answer = engine.ask(args.question)
    if args.json:
        _print_json(answer_json(answer, None, (time.perf_counter() - start) * 1000))
        return 0
    print(answer.text)
    for c in answer.citations or answer.related:
        print(f"\n[{c.marker}] {book(c.document_title)}{c.locator}（{c.status}；{c.validity}）\n{c.text}")
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
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("ask", help="回答问题（带引用）")
    p.add_argument("question", nargs="?")
    p.add_argument("--json", action="store_true")
    p.add_argument("--batch", help="输入 JSONL：每行 {id, question}，question 可为多轮列表")
    p.add_argument("--out", help="输出 JSONL")
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
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.from_env()
        return int(args.func(args, settings))
    except PolicyQAError as err:
        print(f"错误：{err}", file=sys.stderr)
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
        print(f"错误：配置或参数无效：{err}", file=sys.stderr)
        return 2
    except Exception as err:  # a bug: one line a user can report, never a traceback
        print(f"错误：内部错误（{type(err).__name__}：{err}），请将此信息反馈给维护人员", file=sys.stderr)
        return 1
