"""Add one policy file to the corpus: original + extracted text, manifest entry, draft rules.

Nothing in code changes: the district (and its aliases) goes into the manifest's ``[districts]``,
the draft rules into ``awards.d/<doc_id>.toml``. The manifest is validated by loading the corpus
after the write; on any error every file written is removed and the manifest restored.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from policyqa.chunk import split_document
from policyqa.corpus import load_corpus
from policyqa.errors import InputError, PolicyQAError
from policyqa.ingest.drafts import Drafts, draft_rules
from policyqa.ingest.extract import extract
from policyqa.ingest.meta import FIELDS, LABELS, Metadata, extract_metadata
from policyqa.ingest.structure import StructureReport, structure_report
from policyqa.types import Document

_PLACE_PREFIX = re.compile(r"^(?:[\u4e00-\u9fff]{2,8}?(?:省|自治区))?(?:[\u4e00-\u9fff]{2,6}?市)?")
_REQUIRED = ("title", "district", "status")  # the corpus cannot hold a document without these
Ask = Callable[[str], str]


@dataclass
class Added:
    doc_id: str
    meta: Metadata
    structure: StructureReport
    drafts: Drafts
    files: list[Path] = field(default_factory=list)
    n_clauses: int = 0


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a TOML basic string


def _table(name: str, entry: dict[str, object]) -> str:
    return f"\n[[{name}]]\n" + "".join(f"{k} = {_toml(v)}\n" for k, v in entry.items() if v is not None)


def doc_id_for(path: Path, taken: set[str]) -> str:
    """A stable id from the file name (tianhe_gangao_banfa → tianhe-gangao-banfa), unique in the corpus."""
    slug = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")
    if len(slug) < 3:
        slug = "doc-" + hashlib.sha256(path.stem.encode()).hexdigest()[:8]
    base, n = slug, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def short_title(title: str) -> str:
    """广州市天河区深化…实施办法 → 天河区深化…实施办法 (province/city prefix dropped)."""
    short = _PLACE_PREFIX.sub("", title, count=1)
    return short if len(short) >= 4 else title


def confirm(meta: Metadata, ask: Ask) -> None:
    """Ask for each field: Enter keeps the value shown, text replaces it, ``-`` clears it."""
    for name in FIELDS:
        current = meta.values.get(name) or ""
        shown = current or "（文件未载明）"
        reply = ask(f"{LABELS[name]} [{shown}]：").strip()
        if reply == "-":
            meta.values[name] = None
        elif reply:
            meta.values[name] = reply


def check(meta: Metadata) -> None:
    """InputError naming a required field the file lacks or a malformed value."""
    v = meta.values
    for name in _REQUIRED:
        if not v.get(name):
            option = {"title": "--title", "district": "--district"}.get(name, f"--{name}")
            raise InputError(f"缺少{LABELS[name]}：文件中没有找到，请用 {option} 提供（或去掉 --yes 逐项确认）")
    for name in ("issued", "effective", "expires"):
        if v.get(name):
            try:
                date.fromisoformat(str(v[name]))
            except ValueError:
                raise InputError(f"{LABELS[name]}「{v[name]}」格式错误，应为 YYYY-MM-DD") from None
    if v["status"] not in ("征求意见稿", "已印发"):
        raise InputError(f"状态「{v['status']}」应为 征求意见稿 或 已印发")


def _add_district(manifest: str, district: str, aliases: list[str]) -> str:
    """Insert ``"天河区" = ["天河"]`` into the [districts] table unless it is there."""
    if re.search(rf'^"?{re.escape(district)}"?\s*=', manifest, re.M):
        return manifest
    m = re.search(r"^\[districts\]\n(?:[^\[\n].*\n)*", manifest, re.M)
    if m is None:
        raise InputError("语料清单缺少 [districts] 表")
    line = f"{_toml(district)} = {_toml([a for a in aliases if a != district])}\n"
    return manifest[: m.end()] + line + manifest[m.end() :]


def prepare(path: Path, overrides: dict[str, str | None], taken: set[str], doc_id: str | None = None) -> Added:
    """Read the file and find its metadata, clauses and draft rules (nothing written yet)."""
    extracted = extract(path)
    meta = extract_metadata(extracted.text, extracted.hints)
    for name, value in overrides.items():
        if value:
            meta.values[name] = value
    the_id = doc_id or doc_id_for(path, taken)
    added = Added(the_id, meta, StructureReport(), Drafts())
    added.files = [path]
    _parse(added, extracted.text)
    return added


def _document(added: Added, text_path: Path) -> Document:
    v = added.meta.values
    return Document(
        added.doc_id, str(v.get("title") or ""), "", str(v.get("district") or ""), (), "", None, "正文",
        str(v.get("status") or "已印发"), None, None, None, "", "", text_path,
    )  # fmt: skip


def _parse(added: Added, text: str) -> None:
    clauses = split_document(_document(added, Path("-")), text)
    added.structure = structure_report(clauses)
    added.drafts = draft_rules(clauses, added.doc_id)
    added.n_clauses = len(clauses)


def write(added: Added, corpus_dir: Path) -> list[Path]:
    """Write original + text + manifest entry + draft rules; validate; roll back on any error."""
    src = added.files[0]
    extracted = extract(src)
    check(added.meta)
    _parse(added, extracted.text)  # title/district may have been corrected: re-parse with them
    v = added.meta.values
    manifest_path = corpus_dir / "manifest.toml"
    before = manifest_path.read_text(encoding="utf-8")
    original = corpus_dir / f"{added.doc_id}{src.suffix.lower()}"
    text_file = corpus_dir / f"{added.doc_id}.txt"
    rules_file = corpus_dir / "awards.d" / f"{added.doc_id}.toml"
    written: list[Path] = []
    if src.suffix.lower() == ".txt" and src.read_bytes() == extracted.text.encode("utf-8"):
        text_file = original  # a clean UTF-8 text is its own extracted text
    else:
        original = corpus_dir / f"{added.doc_id}.original{src.suffix.lower()}"
    entry: dict[str, object] = {
        "doc_id": added.doc_id,
        "title": v["title"],
        "short_title": short_title(str(v["title"])),
        "district": v["district"],
        "issuer": v.get("issuer") or "",
        "doc_number": v.get("doc_number") or "",
        "kind": "正文",
        "status": v["status"],
        "issued": v.get("issued") or "",
        "effective": v.get("effective") or "",
        "expires": v.get("expires") or "",
        "validity": v.get("validity") or "文件未载明有效期",
        "file": text_file.name,
        "source_file": src.name,
        "original": original.name,
        "missing": added.meta.missing,
    }
    try:
        for target in {original, text_file}:
            if target.exists():
                raise InputError(f"语料目录中已有文件 {target.name}，请换一个文档编号（--doc-id）")
        shutil.copyfile(src, original)  # byte for byte
        written.append(original)
        if text_file != original:
            text_file.write_text(extracted.text, encoding="utf-8")
            written.append(text_file)
        manifest = _add_district(before, str(v["district"]), [*added.meta.aliases])
        manifest_path.write_text(manifest.rstrip("\n") + "\n" + _table("document", entry), encoding="utf-8")
        rules_file.parent.mkdir(exist_ok=True)
        rules_file.write_text(rules_toml(added), encoding="utf-8")
        written.append(rules_file)
        corpus = load_corpus(corpus_dir=corpus_dir)  # validates the manifest and parses the new text
        from policyqa.award_table import load_rules

        load_rules(corpus_dir / "awards.toml")
        added.n_clauses = len(corpus.clauses_of(added.doc_id))
    except (PolicyQAError, OSError):
        manifest_path.write_text(before, encoding="utf-8")
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return written


def rules_toml(added: Added) -> str:
    head = (
        f"# Draft award rules for {added.doc_id}, extracted by `policyqa add` — reviewed = false until a person\n"
        "# has checked each against its quote (policyqa awards review). Set reviewed = true once checked.\n"
    )
    body = "".join(_table("rule", r) for r in added.drafts.rules)
    limits = "".join(_table("limit", {"kind": "stacking", **x, "reviewed": False}) for x in added.drafts.limits)
    return head + body + limits
