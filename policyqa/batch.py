"""Batch files (``ask --batch``, ``search --batch``): a bad line costs one error line, never the batch.

Input lines are read one at a time as bytes, each bounded in size, decoded and parsed on its own;
a line that is not UTF-8, not JSON, not an object or carries no usable question becomes one error line
naming its line number. Output lines are written and flushed as they are computed, so a killed batch
keeps what it wrote, and ``--resume`` skips the ids already in the output.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from policyqa import limits
from policyqa.errors import InputError, PolicyQAError
from policyqa.serialize import error_json


@dataclass(frozen=True, slots=True)
class BatchLine:
    """One non-blank input line: its number, id and question, or the reason it cannot be used."""

    number: int
    item_id: str
    question: str | list[str] | None = None
    error: str | None = None


def _lines(handle: IO[bytes], max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """(number, raw line) pairs; ``None`` for a line longer than ``max_bytes`` (skipped, not held in memory)."""
    number = 0
    while True:
        chunk = handle.readline(max_bytes + 1)
        if not chunk:
            return
        number += 1
        if len(chunk) > max_bytes and not chunk.endswith(b"\n"):
            while chunk and not chunk.endswith(b"\n"):  # drain the rest of the over-long line
                chunk = handle.readline(1 << 20)
            yield number, None
            continue
        yield number, chunk


def _item_id(item: dict[str, Any], number: int) -> str:
    value = item.get("id", number)
    if isinstance(value, bool) or not isinstance(value, str | int):
        return str(number)
    text = str(value) if not isinstance(value, int) or abs(value) < 10**30 else str(number)
    return text[: limits.MAX_ID_CHARS]


def parse_line(raw: bytes, number: int, max_chars: int) -> BatchLine | None:
    """One raw line → BatchLine (``None`` for a blank line)."""
    where = f"第{number}行"
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError:
        return BatchLine(number, str(number), error=f"{where}不是 UTF-8 文本")
    if not line.strip():
        return None
    try:
        item = json.loads(line)
    except (ValueError, RecursionError):
        return BatchLine(number, str(number), error=f"{where}不是有效的 JSON（可能被截断）")
    if not isinstance(item, dict):
        return BatchLine(number, str(number), error=f"{where}应为含 question 字段的 JSON 对象，收到{_kind(item)}")
    item_id = _item_id(item, number)
    if "question" not in item:
        return BatchLine(number, item_id, error=f"{where}缺少 question 字段")
    question = item["question"]
    try:
        current, earlier = limits.turns(question, None, max_chars)
    except InputError as err:
        return BatchLine(number, item_id, error=f"{where}：{err}")
    return BatchLine(number, item_id, [*earlier, current] if isinstance(question, list) else current)


def _kind(value: object) -> str:
    return {list: "列表", str: "文字", int: "数字", float: "数字", bool: "真假值", type(None): "null"}.get(
        type(value), type(value).__name__)


def read_batch(path: Path, max_chars: int = limits.MAX_QUESTION_CHARS) -> Iterator[BatchLine]:
    """Every non-blank line of a JSONL file; raises InputError only when the file cannot be opened."""
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        raise InputError(f"找不到输入文件：{path}") from None
    except IsADirectoryError:
        raise InputError(f"输入路径是目录，不是文件：{path}") from None
    with handle:
        for number, raw in _lines(handle, limits.MAX_BATCH_LINE_BYTES):
            if raw is None:
                too_long = f"第{number}行过长（超过 {limits.MAX_BATCH_LINE_BYTES} 字节）"
                yield BatchLine(number, str(number), error=too_long)
                continue
            parsed = parse_line(raw, number, max_chars)
            if parsed is not None:
                yield parsed


def done_ids(out: Path) -> set[str]:
    """Ids already in ``out``; a partial last line (a killed writer) is cut off so appending stays valid."""
    if not out.is_file():
        return set()
    data = out.read_bytes()
    keep = data if data.endswith(b"\n") or not data else data[: data.rfind(b"\n") + 1]
    ids: set[str] = set()
    for raw in keep.splitlines():
        try:
            row = json.loads(raw)
        except (ValueError, RecursionError):
            continue
        if isinstance(row, dict) and row.get("id") is not None:
            ids.add(str(row["id"]))
    if len(keep) != len(data):
        with out.open("r+b") as handle:
            handle.truncate(len(keep))
    return ids


@dataclass
class BatchReport:
    written: int = 0
    errors: int = 0
    skipped: int = 0


def run_batch(
    source: Path, out: Path, answer: Callable[[BatchLine], dict[str, Any]], *, resume: bool = False,
    max_chars: int = limits.MAX_QUESTION_CHARS,
) -> BatchReport:
    """Answer every line of ``source`` into ``out`` (one JSON line each, flushed as it goes).

    ``answer`` maps a good line to its output row and raises PolicyQAError for a question it cannot
    answer; that, and every bad line, becomes an error row with ``error`` and ``line``.
    """
    skip = done_ids(out) if resume else set()
    out.parent.mkdir(parents=True, exist_ok=True)
    report = BatchReport()
    with out.open("a" if resume else "w", encoding="utf-8") as handle:
        for line in read_batch(source, max_chars):
            if line.item_id in skip:
                report.skipped += 1
                continue
            row = _row(line, answer)
            report.errors += "error" in row
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            handle.flush()
            report.written += 1
        os.fsync(handle.fileno())
    return report


def _row(line: BatchLine, answer: Callable[[BatchLine], dict[str, Any]]) -> dict[str, Any]:
    if line.error is None:
        try:
            return answer(line)
        except PolicyQAError as err:
            message = f"第{line.number}行：{err}"
        except RecursionError:
            message = f"第{line.number}行：问题结构过深，无法处理"
        except Exception as err:  # a bug on one line must not sink the batch; it is reported on that line
            message = f"第{line.number}行：内部错误（{type(err).__name__}），请将此信息反馈给维护人员"
    else:
        message = line.error
    return {**error_json(message, line.item_id), "line": line.number}
