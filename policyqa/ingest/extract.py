"""File → plain text, one paragraph a line, with the hints the file format itself carries.

- .txt: UTF-8 (GB18030 accepted, as Chinese government downloads often are).
- .docx: python-docx paragraphs in body order; Word's automatic numbering (第%1章, %1、) is written out,
  tables are flattened to one line per row (cells joined by ｜).
- .html: a saved government page; BeautifulSoup picks the article body (the element whose own
  paragraphs hold the most text), not the portal's navigation; the page's title and
  来源/发布日期 line and <meta> tags become hints.
- .pdf: pypdf text; a PDF without a text layer (a scan) is refused with a message that it needs OCR.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policyqa.errors import InputError

SUPPORTED = (".txt", ".docx", ".html", ".htm", ".pdf")
_BLANKS = re.compile(r"[ \t\u3000\xa0]+")


@dataclass(frozen=True)
class Extracted:
    text: str  # one paragraph a line
    format: str  # txt | docx | html | pdf
    hints: dict[str, str] = field(default_factory=dict)  # title, published, source, url … when the format says


def _clean(line: str) -> str:
    return _BLANKS.sub(" ", line).strip()


def _lines(paragraphs: list[str]) -> str:
    return "\n".join(p for p in (_clean(x) for x in paragraphs) if p) + "\n"


def check_file(path: Path) -> None:
    """InputError (Chinese) for a missing file or an unsupported extension."""
    if not path.exists():
        raise InputError(f"找不到文件：{path}")
    if not path.is_file():
        raise InputError(f"不是文件：{path}")
    if path.suffix.lower() not in SUPPORTED:
        suffix = path.suffix.lower() or "无扩展名"
        raise InputError(f"不支持的文件类型「{suffix}」：{path.name}（支持 .txt、.docx、.html、.pdf）")


def extract(path: Path) -> Extracted:
    """Read ``path`` by its extension; InputError (Chinese) for a missing, unsupported or unreadable file."""
    check_file(path)
    suffix = path.suffix.lower()
    if suffix == ".txt":
        return Extracted(_read_text(path), "txt")
    if suffix == ".docx":
        return _docx(path)
    if suffix == ".pdf":
        return _pdf(path)
    return _html(path)


def _read_text(path: Path) -> str:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return _lines(raw.decode(encoding).splitlines())
        except UnicodeDecodeError:
            continue
    raise InputError(f"文件 {path.name} 不是 UTF-8 或 GB18030 编码的文本")


# ----------------------------------------------------------------------------- docx


def _numbering(document: Any) -> dict[tuple[str, str], tuple[str, str]]:
    """(numId, ilvl) → (lvlText, numFmt) from the document's numbering part."""
    from docx.oxml.ns import qn

    try:
        root = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    abstract: dict[str, dict[str, tuple[str, str]]] = {}
    for a in root.findall(qn("w:abstractNum")):
        levels = {}
        for lvl in a.findall(qn("w:lvl")):
            text = lvl.find(qn("w:lvlText"))
            fmt = lvl.find(qn("w:numFmt"))
            levels[lvl.get(qn("w:ilvl"))] = (
                text.get(qn("w:val")) if text is not None else "",
                fmt.get(qn("w:val")) if fmt is not None else "decimal",
            )
        abstract[a.get(qn("w:abstractNumId"))] = levels
    out: dict[tuple[str, str], tuple[str, str]] = {}
    for num in root.findall(qn("w:num")):
        ref = num.find(qn("w:abstractNumId"))
        if ref is None:
            continue
        for ilvl, spec in abstract.get(ref.get(qn("w:val")), {}).items():
            out[(num.get(qn("w:numId")), ilvl)] = spec
    return out


def _format_number(n: int, fmt: str) -> str:
    from policyqa.chunk import int_to_cn

    return int_to_cn(n) if fmt.startswith(("chinese", "ideograph", "japanese")) else str(n)


def _docx(path: Path) -> Extracted:
    import docx
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except Exception as err:
        raise InputError(f"无法读取 Word 文件 {path.name}：{err}") from None
    numbering = _numbering(document)
    counters: dict[tuple[str, str], int] = {}
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            para = Paragraph(child, document)
            text = para.text
            num = child.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
            if num is not None and text.strip():
                num_id = num.find(qn("w:numId"))
                ilvl = num.find(qn("w:ilvl"))
                key = (
                    num_id.get(qn("w:val")) if num_id is not None else "",
                    ilvl.get(qn("w:val")) if ilvl is not None else "0",
                )
                if key in numbering:
                    counters[key] = counters.get(key, 0) + 1
                    pattern, fmt = numbering[key]
                    label = re.sub(r"%\d", _format_number(counters[key], fmt), pattern)
                    sep = "" if label.endswith(("、", ".", "．", "）", ")")) else " "
                    text = f"{label}{sep}{text.strip()}"
            lines.append(text)
        elif child.tag == qn("w:tbl"):
            for row in Table(child, document).rows:
                cells = list(dict.fromkeys(_clean(c.text) for c in row.cells))  # merged cells repeat
                lines.append("｜".join(c for c in cells if c))
    hints = {}
    title = (document.core_properties.title or "").strip()
    if title:
        hints["title"] = title
    return Extracted(_lines(lines), "docx", hints)


# ----------------------------------------------------------------------------- pdf


def _pdf(path: Path) -> Extracted:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, OSError, ValueError) as err:
        raise InputError(f"无法读取 PDF 文件 {path.name}：{err}") from None
    text = "\n".join(pages)
    if len(re.sub(r"\s", "", text)) < 20 * max(1, len(pages)):
        raise InputError(f"{path.name} 是扫描版 PDF（没有文字层），需要先进行 OCR 文字识别后再添加")
    hints = {}
    meta_title = (reader.metadata.title if reader.metadata else None) or ""
    if meta_title.strip():
        hints["title"] = meta_title.strip()
    return Extracted(_lines(text.splitlines()), "pdf", hints)


# ----------------------------------------------------------------------------- html

_INFO = re.compile(r"(?:来源|信息来源|发布日期|发表时间|发布时间|日期)\s*[:：]")
_BLOCK_TAGS = ("p", "div", "h1", "h2", "h3", "h4", "li", "tr", "table", "br", "section", "article")


def _html(path: Path) -> Extracted:
    from bs4 import BeautifulSoup

    raw = path.read_bytes()
    soup = BeautifulSoup(raw, "lxml")
    for tag in soup(["script", "style", "noscript", "iframe", "form", "nav", "header", "footer", "select"]):
        tag.decompose()
    hints: dict[str, str] = {}
    metas = {str(m.get("name", "")).lower(): str(m.get("content", "")) for m in soup.find_all("meta") if m.get("name")}
    for key, name in (("articletitle", "title"), ("pubdate", "published"), ("contentsource", "source"), ("url", "url")):
        if metas.get(key, "").strip():
            hints[name] = metas[key].strip()
    body = _body(soup)
    if body is None:
        raise InputError(f"{path.name} 中没有找到正文")
    heading = _heading(soup, body)
    if heading and "title" not in hints:
        hints["title"] = heading
    info = _info_line(soup, body)
    if info:
        when = re.search(r"(?:发布日期|发表时间|发布时间|日期)\s*[:：]\s*(\d{4}-\d{1,2}-\d{1,2})", info)
        source = re.search(r"(?:信息来源|来源)\s*[:：]\s*(\S+)", info)
        if when and "published" not in hints:
            hints["published"] = when.group(1)
        if source and "source" not in hints:
            hints["source"] = source.group(1)
    lines = [hints.get("title", heading or "")]
    if info:
        lines.append(info)
    lines += _block_lines(body)
    return Extracted(_lines(lines), "html", hints)


def _own_text(element: Any) -> int:
    """Characters in the element's direct <p> children: where an article's paragraphs sit."""
    return sum(len(p.get_text(strip=True)) for p in element.find_all("p", recursive=False))


def _body(soup: Any) -> Any:
    candidates = [el for el in soup.find_all(["div", "td", "article", "section", "body"]) if _own_text(el)]
    return max(candidates, key=_own_text, default=None)


def _heading(soup: Any, body: Any) -> str:
    for tag in ("h1", "h2", "h3"):
        for el in soup.find_all(tag):
            text = _clean(el.get_text(" ", strip=True))
            if 6 <= len(text) <= 80 and el not in body.parents:
                return text
    title = soup.find("title")
    return _clean(re.split(r"[|｜_\-—]", title.get_text())[0]) if title else ""


def _info_line(soup: Any, body: Any) -> str:
    """The 来源：… 发布日期：… line printed above an article, if the page has one outside the body."""
    for el in soup.find_all(["p", "div", "span"]):
        text = _clean(el.get_text(" ", strip=True))
        if len(text) < 80 and len(_INFO.findall(text)) >= 2 and body not in el.parents and el is not body:
            return re.sub(r"【.*?】|(?:浏览量|访问量|浏览次数)\s*[:：]\s*\S*", "", text).strip()
    return ""


def _block_lines(body: Any) -> list[str]:
    """The body's text with a line break at every block element; a table row becomes one line."""
    for row in body.find_all("tr"):
        cells = [_clean(c.get_text(" ", strip=True)) for c in row.find_all(["td", "th"])]
        row.replace_with("\n" + "｜".join(c for c in cells if c) + "\n")
    for tag in body.find_all(_BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    return body.get_text().splitlines()
