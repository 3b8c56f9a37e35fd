"""Retrieval benchmark on evals/dev.jsonl: BM25 vs dense vs hybrid (+ the stock llama-index pipeline).

A retrieved clause is a hit for a gold quote when its text contains the quote (whitespace
removed) and it belongs to the quote's gold document. For list quotes every quote must be
found for full credit: recall@k of an item is the fraction of its quotes found in the top
k, its reciprocal rank the mean over its quotes of 1/rank of the first hit (0 beyond
``--depth``). Multi-turn questions are searched as all turns joined (what a rewriter would
produce at best); out-of-scope items (no gold quote) are skipped.

District handling (``--district``):
  none      search(question) — no filter; districts named in the question get a boost
  question  search(question, district=the district named in the question, if exactly one)
  gold      search(question, district=the item's gold district)

Run:  python benchmarks/retrieval.py [--district none|question|gold|all] [--baseline] [--sweep]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from policyqa.corpus import Corpus, load_corpus  # noqa: E402
from policyqa.embed import make_embedder  # noqa: E402
from policyqa.retrieve import Retriever  # noqa: E402
from policyqa.settings import Settings  # noqa: E402
from policyqa.store import build_index, load_index  # noqa: E402
from policyqa.tokenize import normalize  # noqa: E402

DEV = ROOT / "evals" / "dev.jsonl"


def _nows(text: str) -> str:
    return "".join(text.split())


@dataclass
class Item:
    id: str
    question: str
    district: str | None
    quotes: list[tuple[str, str | None]]  # (quote without whitespace, gold doc_id or None)


def load_items(corpus: Corpus, path: Path = DEV) -> list[Item]:
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if not row.get("gold_quote"):
            continue
        quotes = row["gold_quote"] if isinstance(row["gold_quote"], list) else [row["gold_quote"]]
        docs = row.get("gold_doc")
        docs = docs if isinstance(docs, list) else [docs] * len(quotes)
        doc_ids = []
        for source in docs:
            doc = corpus.document_by_source(source) if source else None
            doc_ids.append(doc.doc_id if doc else None)
        question = row["question"]
        question = "".join(question) if isinstance(question, list) else question
        items.append(
            Item(
                row["id"], question, row.get("district"), [(_nows(q), d) for q, d in zip(quotes, doc_ids, strict=True)]
            )
        )
    return items


def _ranks(item: Item, hits: list[tuple[str, str]]) -> list[int | None]:
    """1-based rank of the first hit per quote; ``hits`` are (doc_id, text without whitespace)."""
    ranks: list[int | None] = []
    for quote, doc in item.quotes:
        rank = next((i for i, (d, t) in enumerate(hits, 1) if quote in t and (doc is None or d == doc)), None)
        ranks.append(rank)
    return ranks


@dataclass
class Score:
    r1: float
    r5: float
    mrr: float
    p50: float
    p95: float
    misses: list[str]


def score(items: list[Item], run, depth: int = 10) -> Score:
    """``run(item) -> list[(doc_id, text)]``; returns averaged metrics and timing."""
    r1 = r5 = mrr = 0.0
    times = []
    misses = []
    for item in items:
        t0 = time.perf_counter()
        hits = run(item)
        times.append((time.perf_counter() - t0) * 1000)
        ranks = _ranks(item, [(d, _nows(t)) for d, t in hits[:depth]])
        n = len(ranks)
        r1 += sum(1 for r in ranks if r is not None and r <= 1) / n
        r5 += sum(1 for r in ranks if r is not None and r <= 5) / n
        mrr += sum(1 / r for r in ranks if r is not None) / n
        if any(r is None or r > 5 for r in ranks):
            misses.append(f"{item.id}:{ranks}")
    n = len(items)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return Score(r1 / n, r5 / n, mrr / n, statistics.median(times), p95, misses)


def _district_for(item: Item, how: str, corpus: Corpus) -> str | None:
    if how == "gold":
        return item.district
    if how == "question":
        named = corpus.districts_in(normalize(item.question))
        return named[0] if len(named) == 1 else None  # two districts named: compare, don't filter
    return None


def retriever_run(retriever: Retriever, mode: str, how: str, corpus: Corpus):
    def run(item: Item) -> list[tuple[str, str]]:
        hits = retriever.search(item.question, k=10, district=_district_for(item, how, corpus), mode=mode)
        return [(h.clause.doc_id, h.clause.text) for h in hits]

    return run


def adapter_overhead(retriever: Retriever, items: list[Item], rounds: int = 5) -> None:
    """Per-query cost of going through the llama-index ``PolicyRetriever`` instead of ``search``."""
    from policyqa.retrieve import PolicyRetriever

    print("\n| llama-index adapter | direct search ms/query | PolicyRetriever ms/query | overhead ms/query |")
    print("|---|---:|---:|---:|")
    questions = [i.question for i in items]
    for mode in ("bm25", "hybrid"):
        adapter = PolicyRetriever(retriever, k=5, mode=mode)
        adapter.retrieve(questions[0])
        direct = wrapped = 0.0
        for _ in range(rounds):  # interleaved, so drift hits both sides alike
            t0 = time.perf_counter()
            for q in questions:
                retriever.search(q, k=5, mode=mode)
            t1 = time.perf_counter()
            for q in questions:
                adapter.retrieve(q)
            t2 = time.perf_counter()
            direct += t1 - t0
            wrapped += t2 - t1
        n = rounds * len(questions)
        print(f"| {mode} | {1000 * direct / n:.2f} | {1000 * wrapped / n:.2f} | {1000 * (wrapped - direct) / n:.2f} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--district", default="all", choices=["none", "question", "gold", "all"])
    ap.add_argument("--baseline", action="store_true", help="also score the stock llama-index pipeline")
    ap.add_argument("--sweep", action="store_true", help="sweep dense weight / district boost / candidates")
    ap.add_argument("--misses", action="store_true", help="list items not fully found in the top 5")
    ap.add_argument("--index-dir", type=Path, default=None, help="default: a temporary directory")
    args = ap.parse_args()

    tmp = tempfile.TemporaryDirectory(prefix="policyqa-bench-")
    settings = Settings.from_env(index_dir=args.index_dir or Path(tmp.name) / "index")
    corpus = load_corpus(settings)
    embedder = make_embedder(settings, strict=True)
    full = build_index(corpus, settings, embedder, rebuild=True, progress=False)
    again = build_index(corpus, settings, embedder, progress=False)
    index = load_index(corpus, settings)
    retriever = Retriever(index, embedder, settings)
    items = load_items(corpus)
    retriever.search("预热", k=1)

    print(
        f"\n{len(items)} dev questions with gold quotes; {len(index)} clauses; embedder {embedder.name}; "
        f"dense_weight {settings.dense_weight}\n"
    )
    print(
        f"index build: full {full.seconds:.1f} s ({full.n_embedded} embedded), "
        f"unchanged rebuild {again.seconds:.2f} s ({again.n_embedded} embedded)\n"
    )
    print("| district | mode | recall@1 | recall@5 | MRR@10 | p50 ms | p95 ms |")
    print("|---|---|---:|---:|---:|---:|---:|")
    hows = ["none", "question", "gold"] if args.district == "all" else [args.district]
    all_misses = []
    for how in hows:
        for mode in ("bm25", "dense", "hybrid"):
            s = score(items, retriever_run(retriever, mode, how, corpus))
            print(f"| {how} | {mode} | {s.r1:.3f} | {s.r5:.3f} | {s.mrr:.3f} | {s.p50:.1f} | {s.p95:.1f} |")
            all_misses.append((how, mode, s.misses))

    adapter_overhead(retriever, items)

    if args.baseline:
        from policyqa.llamaindex_baseline import llamaindex_baseline

        t0 = time.perf_counter()
        search = llamaindex_baseline(corpus, embedder)
        built = time.perf_counter() - t0

        def run_baseline(item: Item) -> list[tuple[str, str]]:
            return [(None, text) for text in search(item.question, 10)]

        base_items = [replace(i, quotes=[(q, None) for q, _ in i.quotes]) for i in items]
        s = score(base_items, run_baseline)
        print(
            f"| none | llama-index stock (SentenceSplitter+VectorStoreIndex, built {built:.0f} s) | "
            f"{s.r1:.3f} | {s.r5:.3f} | {s.mrr:.3f} | {s.p50:.1f} | {s.p95:.1f} |"
        )
        print(
            "\n(stock chunks are ~1k-token windows: a hit there is a large window containing the quote, "
            "not a citable clause)"
        )

    if args.misses:
        print()
        for how, mode, misses in all_misses:
            print(f"{how}/{mode} misses@5: {' '.join(misses) or '-'}")

    if args.sweep:
        print("\n| dense_weight | boost | candidates | district | recall@1 | recall@5 | MRR@10 |")
        print("|---:|---:|---:|---|---:|---:|---:|")
        for w in (0.3, 0.4, 0.5, 0.6, 0.7):
            for boost in (0.0, 0.1, 0.2):
                for cand in (20, 50):
                    r = Retriever(
                        index, embedder, replace(settings, dense_weight=w), candidates=cand, district_boost=boost
                    )
                    for how in ("none", "question"):
                        s = score(items, retriever_run(r, "hybrid", how, corpus))
                        print(f"| {w} | {boost} | {cand} | {how} | {s.r1:.3f} | {s.r5:.3f} | {s.mrr:.3f} |")
    tmp.cleanup()


if __name__ == "__main__":
    main()
