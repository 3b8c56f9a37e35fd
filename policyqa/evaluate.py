"""Score the answer path on a gold set (``evals/dev.jsonl``); the method is in ``evals/README.md``.

The scoring is pure functions in ``eval_score`` (must_include facts: ``eval_facts``), re-exported
here; this module runs it: ``run_eval`` wires the engine, the retrieval baselines (BM25 / dense /
hybrid / stock llama-index) and ``eval_report`` (report.md + chart); ``run_cli`` adds the
``--baseline`` deltas and the gate.
"""

from __future__ import annotations

import json
import sys
import time
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from policyqa.errors import InputError
from policyqa.eval_facts import check_fact, fact_parts, fact_scores
from policyqa.eval_score import (
    BASELINE_MODES,
    K_RETRIEVE,
    NAMES,
    OUT_OF_SCOPE,
    Passage,
    aggregate,
    breakdown,
    citation_scores,
    cited_passages,
    covers,
    fabricated_amounts,
    fact_covered,
    gold_pairs,
    headline_source,
    is_refusal,
    literal_facts,
    mean,
    numeric_scores,
    percentile,
    retrieval_scores,
    score_item,
    squash,
    stated_result,
)

__all__ = [
    "BASELINE_MODES", "K_RETRIEVE", "NAMES", "OUT_OF_SCOPE", "Passage", "aggregate", "breakdown", "check_fact",
    "check_gate", "citation_scores", "cited_passages", "covers", "fabricated_amounts", "fact_covered", "fact_parts",
    "fact_scores", "gold_pairs", "headline_source", "is_refusal", "literal_facts", "mean", "numeric_scores",
    "percentile", "read_dataset", "retrieval_scores", "run_cli", "run_eval", "score_item", "squash", "stated_result",
]



def check_gate(metrics: Mapping[str, Any], gate: Mapping[str, Any]) -> list[str]:
    """Chinese messages for every metric below its ``[min]`` floor or above its ``[max]`` ceiling."""
    failures = []
    for table, worse, word in (("min", lambda v, b: v < b, "低于下限"), ("max", lambda v, b: v > b, "高于上限")):
        for key, bound in (gate.get(table) or {}).items():
            value = metrics.get(key)
            name = f"{NAMES.get(key, key)}（{key}）"
            if value is None:
                failures.append(f"门槛未通过：{name} 没有测得数值（门槛 {bound}）")
            elif worse(float(value), float(bound)):
                failures.append(f"门槛未通过：{name} = {value}，{word} {bound}")
    return failures


# --------------------------------------------------------------------------- running


def read_dataset(path: Path) -> list[dict[str, Any]]:
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InputError(f"找不到评测集：{path}") from None
    items = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError:
            item = None
        if not isinstance(item, dict) or not item.get("question") or not item.get("type"):
            raise InputError(f"{path} 第{number}行不是含 question、type 字段的金标条目")
        items.append(item)
    if not items:
        raise InputError(f"评测集为空：{path}")
    return items


def run_eval(settings: Any, dataset: Path, out: Path, baselines: bool = True,
             previous: Path | None = None) -> dict[str, Any]:
    """Answer every gold item with the batch answer path, score it, write metrics.json, breakdown.json,
    baselines.json, results.jsonl, report.md and chart.png into ``out``; return the flat metrics."""
    from policyqa import eval_report
    from policyqa.engine import Engine, build
    from policyqa.serialize import answer_json, error_json
    from policyqa.store import IndexStaleError

    started = time.perf_counter()
    items = read_dataset(dataset)
    try:
        engine = Engine.load(settings, build_if_missing=True)
    except IndexStaleError:  # the corpus or the chunker changed: evaluate what the corpus holds now
        print("索引与语料不一致，正在增量更新索引……")
        build(settings)
        engine = Engine.load(settings)
    corpus = engine.corpus
    sources = {d.doc_id: d.source_file for d in corpus.documents.values()}
    source_text = "\n".join(corpus.texts.values())
    doc_names = {d.source_file: d.short_title for d in corpus.documents.values()}
    engine.ask("丰台区对首台套有什么支持？")  # warm-up: latency is measured warm
    rows, queries = [], []
    for item in items:
        question = item["question"]
        t0 = time.perf_counter()
        try:
            answer = engine.ask(question)
            hits = list(answer.hits)
            data = answer_json(answer, item.get("id"), (time.perf_counter() - t0) * 1000)
            queries.append(engine.assistant.understand(question).context)
        except Exception as err:  # one failing question is a failed item, not a failed run
            message = str(err) if isinstance(err, InputError) else f"{type(err).__name__}: {err}"
            hits, data = [], error_json(message, item.get("id"))
            queries.append(question[-1] if isinstance(question, list) else str(question))
        passages = [Passage(sources[h.clause.doc_id], h.clause.text) for h in hits[:K_RETRIEVE]]
        row = score_item(item, data, passages, sources, source_text, doc_names)
        row["hits"] = [h.clause.clause_id for h in hits[:K_RETRIEVE]]
        rows.append(row)
    metrics = aggregate(rows)
    parts = breakdown(rows, doc_names)
    base = eval_report.run_baselines(engine, items, queries) if baselines else {}
    for mode in BASELINE_MODES:
        for key in ("recall_at_1", "recall_at_5", "mrr"):
            if mode in base:
                metrics[f"baseline_{mode}_{key}"] = base[mode][key]
    metrics["eval_seconds"] = round(time.perf_counter() - started, 1)
    prev_metrics, prev_rows = eval_report.load_previous(previous) if previous else ({}, [])
    out.mkdir(parents=True, exist_ok=True)
    for name, data in (("metrics", metrics), ("breakdown", parts), ("baselines", base)):
        (out / f"{name}.json").write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", "utf-8")
    (out / "results.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in rows), "utf-8")
    eval_report.plot(out / "chart.png", rows, parts)
    eval_report.write_report(out / "report.md", metrics, rows, parts, base, prev_metrics, prev_rows,
                             dataset=str(dataset), embedder=engine.retriever.dense_available and settings.embedder)
    return metrics


def run_cli(args: Any, settings: Any) -> int:
    """``policyqa eval``: 0 when done (and the gate, if given, holds), 1 when a gate floor is missed."""
    gate = None
    if args.gate:
        try:
            gate = tomllib.loads(Path(args.gate).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise InputError(f"找不到门槛文件：{args.gate}") from None
        except tomllib.TOMLDecodeError as err:
            raise InputError(f"门槛文件 {args.gate} 格式错误：{err}") from None
    if args.baseline and not (Path(args.baseline) / "metrics.json").is_file():
        raise InputError(f"对比目录中没有 metrics.json：{args.baseline}")
    out = Path(args.out)
    metrics = run_eval(settings, Path(args.dataset), out, baselines=not args.no_baselines,
                       previous=Path(args.baseline) if args.baseline else None)
    shown = ("retrieval_recall_at_5", "citation_recall", "numeric_exact", "fabricated_figures",
             "refusal_accuracy", "false_refusal_rate", "pass_rate", "must_include_coverage", "strict_pass_rate",
             "latency_p95_ms")
    print(f"评测完成：{metrics['n']} 题，用时 {metrics['eval_seconds']} 秒；结果在 {out}/（report.md、metrics.json）")
    print("；".join(f"{NAMES[k]} {metrics[k]}" for k in shown))
    if gate is None:
        return 0
    failures = check_gate(metrics, gate)
    for line in failures:
        print(line, file=sys.stderr)
    if failures:
        return 1
    print(f"门槛检查通过（{args.gate}）")
    return 0
