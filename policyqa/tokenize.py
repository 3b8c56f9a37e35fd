"""The one tokenizer used at index time and at query time.

``normalize`` folds the surface forms people type (full-width digits and brackets,
upper case, traditional characters, common typos) into one form; ``tokenize`` cuts
the normalized text with jieba plus a user dictionary of policy terms (专精特新,
首台套, 灯塔工厂 …) so those stay whole, drops stopwords and punctuation, and keeps
numbers. BM25 only matches when both sides went through the same function, so the
index builder and the retriever both call :func:`tokenize`.

Data files live in ``policyqa/data``: ``userdict.txt`` (jieba format),
``stopwords.txt`` (one a line), ``synonyms.txt`` (``a => b`` replacements and
``a += b`` extra tokens). jieba is initialised once, lazily and thread-safely, in a
private ``jieba.Tokenizer`` whose cache file lives under ``tempfile.gettempdir()``
(or the directory given to :func:`configure`), never in jieba's global instance.
"""

from __future__ import annotations

import hashlib
import logging
import re
import tempfile
import threading
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import jieba

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"
USERDICT = DATA_DIR / "userdict.txt"
STOPWORDS = DATA_DIR / "stopwords.txt"
SYNONYMS = DATA_DIR / "synonyms.txt"

# Bump when the tokenization code changes; edits of the data files are caught by fingerprint().
VERSION = "1"

_lock = threading.Lock()
_jieba: jieba.Tokenizer | None = None
_learned: set[str] = set()  # terms learned from corpora loaded in this process (policyqa.terms)
_cache_dir: Path | None = None
_WHITESPACE = re.compile(r"\s+")
_KEEP = re.compile(r"[\w%]", re.UNICODE)  # a token must hold a letter, digit, CJK char or %


def configure(cache_dir: Path | str | None) -> None:
    """Put jieba's prefix-dictionary cache under ``cache_dir`` (call before first use)."""
    global _cache_dir
    _cache_dir = Path(cache_dir) if cache_dir else None


# --------------------------------------------------------------------------- normalize


@lru_cache(maxsize=1)
def _t2s() -> Callable[[str], str]:
    """Traditional → simplified converter; identity (with a warning) if OpenCC is missing."""
    try:
        import opencc  # the `opencc` wheel; `opencc-python-reimplemented` has the same API
    except ImportError:
        log.warning("未安装 OpenCC，繁体字不会转换为简体")
        return lambda s: s
    for config in ("t2s", "t2s.json"):  # the reimplementation wants no suffix, old wheels want .json
        try:
            converter = opencc.OpenCC(config)
            converter.convert("測試")
            return converter.convert
        except Exception:
            continue
    log.warning("OpenCC 无法加载 t2s 配置，繁体字不会转换为简体")
    return lambda s: s


@dataclass(frozen=True, slots=True)
class _Synonyms:
    replace: tuple[tuple[str, str], ...]  # longest first
    expand: dict[str, tuple[str, ...]]


def _base_normalize(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    return _t2s()(text)


def _data_lines(path: Path) -> list[str]:
    """Non-empty lines; a line starting with ``# `` (hash, space) is a comment."""
    lines = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line and not line.startswith("# "):
            lines.append(line)
    return lines


@lru_cache(maxsize=1)
def _synonyms() -> _Synonyms:
    replace: dict[str, str] = {}
    expand: dict[str, list[str]] = {}
    for line in _data_lines(SYNONYMS):
        if "+=" in line:
            src, dst = (_base_normalize(s.strip()) for s in line.split("+=", 1))
            expand.setdefault(src, []).append(dst)
        elif "=>" in line:
            src, dst = (_base_normalize(s.strip()) for s in line.split("=>", 1))
            replace[src] = dst
        else:
            log.warning("synonyms.txt 无法解析的行：%s", line)
    ordered = tuple(sorted(replace.items(), key=lambda kv: len(kv[0]), reverse=True))
    return _Synonyms(ordered, {k: tuple(v) for k, v in expand.items()})


def normalize(text: str) -> str:
    """NFKC (full-width → half-width), lower case, traditional → simplified, typo fixes.

    >>> normalize("經開區「首台（套）」ＡＢＣ１２３")
    '经开区「首台套」abc123'
    """
    text = _base_normalize(text)
    for src, dst in _synonyms().replace:
        if src in text:
            text = text.replace(src, dst)
    return text


# --------------------------------------------------------------------------- tokenize


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    return frozenset(_base_normalize(w) for w in _data_lines(STOPWORDS))


def _userdict_entries() -> list[tuple[str, int | None, str | None]]:
    entries = []
    for line in _data_lines(USERDICT):
        parts = line.split()
        word = _base_normalize(parts[0])
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        tag = parts[2] if len(parts) > 2 else None
        entries.append((word, freq, tag))
    return entries


def _tokenizer() -> jieba.Tokenizer:
    """The shared jieba tokenizer, built once (double-checked under a lock)."""
    global _jieba
    if _jieba is not None:
        return _jieba
    with _lock:
        if _jieba is None:
            import jieba

            jieba.setLogLevel(logging.WARNING)
            tk = jieba.Tokenizer()
            cache_dir = _cache_dir or Path(tempfile.gettempdir()) / "policyqa-jieba"
            try:
                cache_dir.mkdir(parents=True, exist_ok=True)
                tk.tmp_dir = str(cache_dir)
            except OSError:
                log.warning("jieba 缓存目录 %s 不可写，改用系统临时目录", cache_dir)
            tk.initialize()
            for word, freq, tag in _userdict_entries():
                tk.add_word(word, freq, tag)
            for _, dst in _synonyms().replace:  # keep replacement targets whole too
                tk.add_word(dst, 2000)
            for extras in _synonyms().expand.values():
                for extra in extras:
                    tk.add_word(extra, 2000)
            for word in _learned:
                tk.add_word(word, 2000)
            _jieba = tk
    return _jieba


def cut(text: str) -> list[str]:
    """Plain jieba cut of ``text`` as written (no normalization) with the policy dictionary; the pieces
    concatenate back to ``text``. Used to see whether a name stands alone (海淀) or is part of a term (灯塔工厂)."""
    return list(_tokenizer().cut(text, HMM=True))


def learn(terms: Iterable[str]) -> None:
    """Keep corpus-learned terms whole from now on (idempotent; the hand dictionary stays as it is)."""
    with _lock:
        for term in terms:
            word = _base_normalize(term)
            if word and word not in _learned:
                _learned.add(word)
                _cut.cache_clear()
                if _jieba is not None:
                    _jieba.add_word(word, 2000)


def word_frequency(word: str) -> int | None:
    """How common ``word`` is in general Chinese (jieba's dictionary count), or None for a word it lacks."""
    return _tokenizer().FREQ.get(word)


_tagger = None


def nouns(text: str) -> list[str]:
    """The common nouns of ``text`` (所得税, 展位), by jieba's part-of-speech tagger over the shared dictionary;
    names of people, places and bodies are left out."""
    global _tagger
    if _tagger is None:
        import jieba.posseg

        _tagger = jieba.posseg.POSTokenizer(_tokenizer())
    return [w.word for w in _tagger.cut(normalize(text))
            if (w.flag.startswith("n") or w.flag == "j")  # (j: a short form, 房产税)
            and w.flag not in ("nr", "ns", "nt", "nrt") and len(w.word) >= 2]


def user_terms() -> list[str]:
    """The normalized policy terms: the user dictionary, then the terms learned from the corpus."""
    hand = [w for w, _, _ in _userdict_entries()]
    return hand + sorted(_learned - set(hand))


def tokenize(text: str) -> list[str]:
    """Normalize, cut with jieba (search mode: whole terms plus their dictionary sub-words),
    drop stopwords and punctuation, append synonym expansions.

    >>> tokenize("丰台 首台（套） 市级补贴")
    ['丰台', '首台套', '市级', '补贴', '市级补贴']
    """
    return list(_cut(text))  # a copy: callers may change their list


# The answer stages read one question's words many times (once per district in 「哪几个区…」); a text is cut
# once. ``learn`` clears it, since a learned term changes how a text is cut.
@lru_cache(maxsize=8192)
def _cut(text: str) -> tuple[str, ...]:
    norm = _WHITESPACE.sub(" ", normalize(text))
    stop = stopwords()
    expand = _synonyms().expand
    tokens: list[str] = []
    for tok in _tokenizer().cut_for_search(norm, HMM=True):
        tok = tok.strip()
        if not tok or tok in stop or not _KEEP.search(tok):
            continue
        tokens.append(tok)
        tokens.extend(expand.get(tok, ()))
    return tuple(tokens)


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """Identifies this tokenizer: code version + the data files. A built BM25 index records it."""
    digest = hashlib.sha256(VERSION.encode())
    for path in (USERDICT, STOPWORDS, SYNONYMS):
        digest.update(path.read_bytes())
    return f"{VERSION}-{digest.hexdigest()[:12]}"


def corpus_fingerprint(terms: Iterable[str]) -> str:
    """The tokenizer as a corpus uses it: :func:`fingerprint` plus the terms learned from that corpus."""
    words = sorted({_base_normalize(t) for t in terms})
    if not words:
        return fingerprint()
    return f"{fingerprint()}-{hashlib.sha256(chr(10).join(words).encode()).hexdigest()[:8]}"


def warm_up() -> None:
    """Load jieba and the data files now (e.g. at server start) instead of on first query."""
    tokenize("预热")
