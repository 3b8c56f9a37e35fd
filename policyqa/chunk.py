"""Pure clause parser: document text → clauses, by the numbering people cite.

Three layouts occur in Chinese policy documents and are handled by rule:
- articles (第N条 under 第N章 and （一） sections): one clause per article;
- outlines (一、 / （一） / 1.): one clause per heading with its body;
- FAQ (政策解读问答): one clause per question, split into one clause per enumerated
  item (一是 / （一） / term：definition) when the answer enumerates.
Passages longer than ``MAX_CHARS`` are split at sentence ends into consecutive parts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import cn2an

from policyqa.types import Clause, Document

MAX_CHARS = 600
PART_CHARS = 260

_CN_DIGITS = {"零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN = "一二三四五六七八九十百零"

ARTEFACT = re.compile(r"\[bookmark:[^\]]*\]")
RE_CHAPTER = re.compile(rf"^第[{_CN}]+章")
# 第三条 starts an article; 第一条第(一)款规定的… / 第三条所称… at a line start is a cross-reference.
RE_ARTICLE = re.compile(rf"^(第[{_CN}]+条)(?!\s*(?:第|规定|所称|所列|所述|中|的|之|和|、|至|或))\s*(.*)$", re.S)
RE_BRACKET = re.compile(r"^【([^】]{1,20})】\s*(.*)$", re.S)  # 【落户奖】 names an article or item
RE_ANNEX = re.compile(r"^附件\s*[:：]?\s*(.*)$", re.S)
_HEADING_END = re.compile(r"[。；;：:，,、]$")
RE_TOP = re.compile(rf"^([{_CN}]+|\d+)、\s*(.*)$", re.S)
RE_SUB = re.compile(rf"^[（(]([{_CN}]+|\d+)[）)]\s*(.*)$", re.S)
RE_ITEM = re.compile(r"^(\d+)[.．]\s*(.*)$", re.S)
RE_SHI = re.compile(rf"^([{_CN}]+是)(.*)$", re.S)
RE_TERM = re.compile(r"^([^，。；：:,;]{1,40})[：:](.+)$", re.S)
_SENTENCE_END = re.compile(r"(?<=[。；！？!?;])")


def cn_to_int(numeral: str) -> int:
    """一 → 1, 十五 → 15, 二十六 → 26, 15 → 15."""
    if numeral.isdigit():
        return int(numeral)
    total, current = 0, 0
    for ch in numeral:
        if ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            current = _CN_DIGITS[ch]
    return total + current


def int_to_cn(n: int) -> str:
    """1 → 一, 15 → 十五, 100 → 一百, 110 → 一百一十 (cn2an; any n below 10**16).

    Larger or negative numbers have no citable Chinese form and are returned as Arabic digits.
    """
    if not 0 <= n < 10**16:
        return str(n)
    return str(cn2an.an2cn(n))


def clean_line(line: str) -> str:
    """Remove conversion artefacts and outer whitespace; the rest stays verbatim."""
    return ARTEFACT.sub("", line).strip()


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class _Block:
    key: str  # numeric key, unique in the document: 第三条, 五、(二)3, 三、>一是
    locator: str  # as cited
    path: tuple[str, ...]
    lines: list[str] = field(default_factory=list)
    title: str = ""


def _title_span(lines: list[str], title: str) -> tuple[int, int] | None:
    """Lines [i, j) whose concatenation is the document title, if the text states it."""
    target = re.sub(r"\s+", "", title)
    for i in range(len(lines)):
        acc = ""
        for j in range(i, min(i + 4, len(lines))):
            acc += re.sub(r"\s+", "", lines[j])
            if acc == target:
                return i, j + 1
            if not target.startswith(acc):
                break
    return None


def split_document(doc: Document, text: str) -> list[Clause]:
    """Split one document's text into clauses (pure: no I/O)."""
    lines = [ln for ln in (clean_line(raw) for raw in text.splitlines()) if ln]
    blocks: list[_Block] = []
    span = _title_span(lines, doc.title)
    body_start = 0
    if span:
        if span[0] > 0:
            blocks.append(_Block("文件头", "文件头", (), lines[: span[0]]))
        blocks.append(_Block("标题", "标题", (), lines[span[0] : span[1]]))
        body_start = span[1]
    body = lines[body_start:]
    if doc.kind == "政策解读问答":
        blocks += _faq_blocks(body)
    elif any(RE_ARTICLE.match(ln) for ln in body):
        blocks += _article_blocks(body)
    else:
        blocks += _outline_blocks(body)
    return _to_clauses(doc, blocks)


def _is_heading(line: str) -> bool:
    """A short line with no sentence punctuation: a section title, not an enumerated sentence."""
    return len(line) < 40 and "。" not in line and not _HEADING_END.search(line)


def _article_blocks(lines: list[str]) -> list[_Block]:
    """第N条 articles under 第N章 chapters, 一、 parts and （一） sections; 附件 lists after the last one."""
    blocks: list[_Block] = []
    chapter, section = "", ""
    current: _Block | None = None
    for line in lines:
        if RE_CHAPTER.match(line) and _is_heading(line):
            chapter, section, current = _squash(line), "", None
        elif (m := RE_ARTICLE.match(line)) is not None:
            path = tuple(p for p in (chapter, section) if p)
            bracket = RE_BRACKET.match(m.group(2))
            current = _Block(m.group(1), m.group(1), path, [line], bracket.group(1) if bracket else "")
            blocks.append(current)
        elif RE_TOP.match(line) and _is_heading(line) and not RE_TOP.match(line).group(1).isdigit():  # type: ignore[union-attr]
            chapter, section, current = _squash(line), "", None
        elif RE_SUB.match(line) and _is_heading(line):
            section, current = _squash(line), None
        elif RE_ANNEX.match(line) and blocks and not any(b.key == "附件" for b in blocks):
            current = _Block("附件", "附件", (), [line])
            blocks.append(current)
        elif current is not None:
            current.lines.append(line)
        else:
            n = sum(1 for b in blocks if b.key.startswith("序言"))
            key = "序言" if n == 0 else f"序言{n + 1}"
            path = tuple(p for p in (chapter, section) if p)
            current = _Block(key, key, path, [line])
            blocks.append(current)
    return blocks


def _outline_blocks(lines: list[str]) -> list[_Block]:
    """一、 / （一） / 1. headings, each a clause with the body lines that follow it."""
    raw: list[tuple[int, int, str, str, list[str]]] = []  # level, number, marker, title, lines
    last = {1: 0, 2: 0, 3: 0}
    preamble: list[str] = []
    for line in lines:
        level, number, marker, title = _outline_heading(line, last)
        if not level and (b := RE_BRACKET.match(line)):
            raw.append((4, 0, b.group(1), b.group(1), [line]))  # 【落户奖】…: a named item
            continue
        if level:
            last[level] = number
            for deeper in range(level + 1, 4):
                last[deeper] = 0
            raw.append((level, number, marker, title, [line]))
        elif raw:
            raw[-1][4].append(line)
        else:
            preamble.append(line)
    # Sub numbering that never restarts (（一）…（二十六）) is cited without its parent.
    subs = [n for lvl, n, *_ in raw if lvl == 2]
    subs_unique = len(subs) == len(set(subs))
    blocks = [_Block("序言", "序言", (), preamble)] if preamble else []
    top = sub = ""
    top_key = sub_key = ""
    for level, number, marker, title, body in raw:
        if level == 1:
            top_key = f"{int_to_cn(number)}、"
            top, sub, sub_key = f"{top_key}{title}", "", ""
            blocks.append(_Block(top_key, top, (), body, title))
        elif level == 2:
            num = f"{marker[0]}{int_to_cn(number)}{marker[1]}"
            sub_key = num if subs_unique else f"{top_key}{num}"
            sub = f"{num}{title}"
            blocks.append(_Block(sub_key, f"{sub_key}{title}", (top,) if top else (), body, title))
        elif level == 4:
            key = f"{sub_key or top_key}【{marker}】"
            blocks.append(_Block(key, key, tuple(p for p in (top, sub) if p), body, title))
        else:
            key = f"{sub_key or top_key}{number}"
            path = tuple(p for p in (top, sub) if p)
            blocks.append(_Block(key, key, path, body, title))
    return blocks


def _outline_heading(line: str, last: dict[int, int]) -> tuple[int, int, str, str]:
    """(level, number, bracket pair, title) of a heading line, or level 0 for body text.

    Arabic numbers in a Chinese-numeral slot (``4、`` for 四、, ``（15）`` for （十五）) are
    accepted when they continue that level's sequence, as drafts often get this wrong.
    """
    if (m := RE_TOP.match(line)) and len(line) < 60:
        n = cn_to_int(m.group(1))
        if not m.group(1).isdigit() or n == last[1] + 1:
            return 1, n, "", m.group(2).strip()
    if (m := RE_SUB.match(line)) and len(line) < 60:
        n = cn_to_int(m.group(1))
        if not m.group(1).isdigit() or n in (last[2] + 1, 1):
            bracket = "()" if line[0] == "(" else "（）"
            return 2, n, bracket, m.group(2).strip()
    if (m := RE_ITEM.match(line)) and len(line) < 60:
        return 3, int(m.group(1)), "", m.group(2).strip()
    return 0, 0, "", ""


def _faq_blocks(lines: list[str]) -> list[_Block]:
    """One block per question (一、…？) and, when its answer enumerates, one per item."""
    questions: list[tuple[str, str, list[str]]] = []
    for line in lines:
        m = RE_TOP.match(line)
        if m and not m.group(1).isdigit() and len(line) < 120:
            questions.append((f"{m.group(1)}、", _squash(line), []))
        elif questions:
            questions[-1][2].append(line)
    blocks: list[_Block] = []
    for key, heading, answer in questions:
        item_kind = _enumeration_kind(answer)
        if not item_kind:
            blocks.append(_Block(key, heading, (), [heading, *answer]))
            continue
        intro: list[str] = []
        items: list[_Block] = []
        for line in answer:
            label = _item_label(line, item_kind)
            if label:
                items.append(_Block(f"{key}>{label}", f"{heading} > {label}", (heading,), [line], label))
            elif items:
                items[-1].lines.append(line)
            else:
                intro.append(line)
        blocks.append(_Block(key, heading, (), [heading, *intro]))
        blocks += items
    return blocks


def _item_label(line: str, kind: str) -> str:
    if kind == "shi" and (m := RE_SHI.match(line)):
        return m.group(1)
    if kind == "sub" and (m := RE_SUB.match(line)):
        return line[: line.index(m.group(2))].strip() if m.group(2) else line
    if kind == "term" and (m := RE_TERM.match(line)):
        return m.group(1).strip()
    return ""


def _enumeration_kind(answer: list[str]) -> str:
    """The kind of enumeration an answer uses, if at least two lines start an item of it."""
    for kind in ("shi", "sub", "term"):
        if sum(1 for line in answer if _item_label(line, kind)) >= 2:
            return kind
    return ""


def _split_long(text: str) -> list[str]:
    """Split at sentence ends into parts of about PART_CHARS; a short headline sentence
    (a measure's name such as 支持企业升规。) starts a new part once the current one is long."""
    sentences = [s for s in _SENTENCE_END.split(text) if s]
    parts: list[str] = []
    current = ""
    for sentence in sentences:
        headline = len(sentence) <= 16 and "，" not in sentence
        if current and (
            len(current) + len(sentence) > PART_CHARS * 1.5 or (headline and len(current) >= PART_CHARS * 0.5)
        ):
            parts.append(current)
            current = ""
        current += sentence
    if current:
        parts.append(current)
    return parts


def _to_clauses(doc: Document, blocks: list[_Block]) -> list[Clause]:
    clauses: list[Clause] = []
    for block in blocks:
        text = "\n".join(block.lines)
        pieces = [text] if len(text) <= MAX_CHARS else _split_block(block.lines)
        for i, piece in enumerate(pieces, start=1):
            suffix = "" if i == 1 else f"#p{i}"
            clauses.append(
                Clause(
                    clause_id=f"{doc.doc_id}#{block.key}{suffix}",
                    doc_id=doc.doc_id,
                    locator=block.locator,
                    heading_path=block.path,
                    text=piece,
                    title=block.title,
                    part=i,
                    order=len(clauses),
                )
            )
    return clauses


def _split_block(lines: list[str]) -> list[str]:
    """Split a long block into parts: whole lines where they fit, long lines at sentence ends."""
    pieces: list[tuple[str, bool]] = []  # (text, starts a line)
    for line in lines:
        sentences = _split_long(line) if len(line) > PART_CHARS * 1.5 else [line]
        pieces += [(s, i == 0) for i, s in enumerate(sentences)]
    merged: list[str] = []
    for piece, starts_line in pieces:
        if merged and len(merged[-1]) + len(piece) <= PART_CHARS:
            merged[-1] += ("\n" if starts_line else "") + piece
        else:
            merged.append(piece)
    return merged
