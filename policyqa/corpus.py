"""Corpus files + manifest.toml → Documents and their Clauses."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

from policyqa.chunk import split_document
from policyqa.errors import CorpusError
from policyqa.settings import Settings
from policyqa.terms import corpus_terms
from policyqa.tokenize import learn
from policyqa.types import Clause, Document

STATUSES = ("征求意见稿", "已印发")
KINDS = ("正文", "政策解读问答")
_REQUIRED = ("doc_id", "title", "short_title", "district", "issuer", "kind", "status", "file", "source_file")
_TEXT_FIELDS = (*_REQUIRED, "doc_number", "validity")
MAX_FIELD_CHARS = 500  # a title or issuer; longer values are mistakes (or a file pasted into the manifest)


def _check_values(entry: object, where: str, corpus_dir: Path) -> None:
    """Types and lengths of a document entry's values, and ``file`` inside the corpus directory."""
    if not isinstance(entry, dict):
        raise CorpusError(f"{where} 应为表（[[document]]），收到 {type(entry).__name__}")
    for name in _TEXT_FIELDS:
        value = entry.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            raise CorpusError(f"{where} 字段 {name} 应为文字，收到 {type(value).__name__}：{str(value)[:40]}")
        if len(value) > MAX_FIELD_CHARS:
            raise CorpusError(f"{where} 字段 {name} 过长（{len(value)} 字），最多 {MAX_FIELD_CHARS} 字")
    for name in ("issued", "effective", "expires"):
        value = entry.get(name)
        if value is not None and not isinstance(value, str | date):
            raise CorpusError(f"{where} 字段 {name} 应为日期（YYYY-MM-DD），收到 {type(value).__name__}")
    file = entry.get("file")
    if isinstance(file, str) and file.strip():
        root = corpus_dir.resolve()
        target = (corpus_dir / file).resolve()
        if Path(file).is_absolute() or ".." in Path(file).parts or not target.is_relative_to(root):
            raise CorpusError(f"{where} 字段 file 的路径「{file}」不在语料目录 {corpus_dir} 之内")


def _check_districts(districts: dict[str, object]) -> None:
    for name, names in districts.items():
        if len(name) > MAX_FIELD_CHARS:
            raise CorpusError(f"语料清单 [districts] 的区名「{name[:40]}…」过长")
        if not isinstance(names, list) or not all(isinstance(a, str) and len(a) <= MAX_FIELD_CHARS for a in names):
            raise CorpusError(f"语料清单 [districts] 中「{name}」的别名应为文字列表")


@dataclass(frozen=True)
class Corpus:
    documents: dict[str, Document]
    clauses: list[Clause]
    district_aliases: dict[str, str]  # alias or canonical name → canonical district
    texts: dict[str, str] = field(default_factory=dict, repr=False)  # doc_id → full text

    @cached_property
    def by_id(self) -> dict[str, Clause]:
        return {c.clause_id: c for c in self.clauses}

    @cached_property
    def terms(self) -> tuple[str, ...]:
        """Programme names and measure headings learned from the texts (for the tokenizer)."""
        return corpus_terms(self.texts, self.clauses)

    def clauses_of(self, doc_id: str) -> list[Clause]:
        return [c for c in self.clauses if c.doc_id == doc_id]

    def districts(self) -> list[str]:
        return sorted(set(self.district_aliases.values()))

    def districts_in(self, text: str) -> list[str]:
        """Canonical districts named in ``text`` (by name or alias), in order of first mention."""
        found: list[tuple[int, str]] = []
        # Longest aliases first, so 北京经济技术开发区 is not also read as 开发区 twice.
        for alias in sorted(self.district_aliases, key=len, reverse=True):
            pos = text.find(alias)
            if pos >= 0:
                found.append((pos, self.district_aliases[alias]))
        ordered: list[str] = []
        for _, district in sorted(found):
            if district not in ordered:
                ordered.append(district)
        return ordered

    def doc_ids_of(self, district: str) -> list[str]:
        return [d.doc_id for d in self.documents.values() if d.district == district]

    def document_by_source(self, source_file: str) -> Document | None:
        return next((d for d in self.documents.values() if d.source_file == source_file), None)


def _parse_date(value: object, field_name: str, where: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise CorpusError(f"{where} 字段 {field_name} 的日期「{value}」格式错误，应为 YYYY-MM-DD") from None


def load_manifest(corpus_dir: Path) -> tuple[list[Document], dict[str, str]]:
    """Read and validate ``manifest.toml``; errors name the document and field."""
    path = corpus_dir / "manifest.toml"
    if not path.is_file():
        raise CorpusError(f"找不到语料清单 {path}")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise CorpusError(f"语料清单 {path} 格式错误：{err}") from None
    districts = data.get("districts")
    if not isinstance(districts, dict) or not districts:
        raise CorpusError("语料清单缺少 [districts] 表（区名及别名）")
    _check_districts(districts)
    aliases: dict[str, str] = {}
    for name, names in districts.items():
        aliases[name] = name
        for alias in names:
            aliases[str(alias)] = name
    entries = data.get("document")
    if not isinstance(entries, list) or not entries:
        raise CorpusError("语料清单没有任何 [[document]] 条目")
    documents: list[Document] = []
    for i, entry in enumerate(entries, start=1):
        doc_id = entry.get("doc_id", "?") if isinstance(entry, dict) else "?"
        where = f"语料清单第{i}个文档（{str(doc_id)[:40]}）"
        _check_values(entry, where, corpus_dir)
        stated_missing = set(entry.get("missing") or ()) & {"issuer"}  # `policyqa add`: the file names no issuer
        for name in _REQUIRED:
            if name not in stated_missing and not str(entry.get(name, "")).strip():
                raise CorpusError(f"{where} 缺少字段 {name}")
        if entry["district"] not in districts:
            raise CorpusError(f"{where} 字段 district 的值「{entry['district']}」不是已知的区：{'、'.join(districts)}")
        if entry["status"] not in STATUSES:
            raise CorpusError(f"{where} 字段 status 的值「{entry['status']}」应为 {' 或 '.join(STATUSES)}")
        if entry["kind"] not in KINDS:
            raise CorpusError(f"{where} 字段 kind 的值「{entry['kind']}」应为 {' 或 '.join(KINDS)}")
        file = corpus_dir / entry["file"]
        if not file.is_file():
            raise CorpusError(f"{where} 字段 file 指向的文件不存在：{file}")
        if any(d.doc_id == entry["doc_id"] for d in documents):
            raise CorpusError(f"{where} 字段 doc_id 重复：{entry['doc_id']}")
        district = entry["district"]
        documents.append(
            Document(
                doc_id=entry["doc_id"],
                title=entry["title"],
                short_title=entry["short_title"],
                district=district,
                aliases=tuple(a for a, d in aliases.items() if d == district and a != district),
                issuer=entry["issuer"],
                doc_number=entry.get("doc_number") or None,
                kind=entry["kind"],
                status=entry["status"],
                issued=_parse_date(entry.get("issued"), "issued", where),
                effective=_parse_date(entry.get("effective"), "effective", where),
                expires=_parse_date(entry.get("expires"), "expires", where),
                validity=entry.get("validity", ""),
                source_file=entry["source_file"],
                path=file,
                expires_under=entry.get("expires_under", ""),
            )
        )
    return documents, aliases


def load_corpus(settings: Settings | None = None, corpus_dir: Path | None = None) -> Corpus:
    """Load every document of the manifest and split it into clauses."""
    root = corpus_dir or (settings or Settings.from_env()).corpus_dir
    documents, aliases = load_manifest(root)
    clauses: list[Clause] = []
    texts: dict[str, str] = {}
    for doc in documents:
        try:
            text = doc.path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise CorpusError(f"文件 {doc.path} 不是 UTF-8 文本") from None
        texts[doc.doc_id] = text
        clauses += split_document(doc, text)
    corpus = Corpus({d.doc_id: d for d in documents}, clauses, aliases, texts)
    learn(corpus.terms)
    return corpus
