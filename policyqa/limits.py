"""Typed validation at the edges: every field of every entry point is bounded before it is parsed.

One function per kind of field, used once per interface (the CLI, the batch reader, the web API and
form handlers, the manifest): the type and the length are checked first, with a Chinese message naming
the field, so no parser ever sees an unbounded value (``int(Decimal(s))`` and numeral parsers are
super-linear in the length of ``s``).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from typing import Any

from policyqa.errors import InputError

MAX_QUESTION_CHARS = 2000  # default of Settings.max_question_chars
MAX_TURNS = 500  # turns accepted in one request (the answer keeps the last 20; each is length-checked)
MAX_AMOUNT_CHARS = 40  # "1,500,000,000.00元" or "一千二百三十四万五千六百七十八元" fit easily
MAX_COUNT_CHARS = 12
MAX_COUNT = 1_000_000
MAX_SHORT_CHARS = 40  # a district, a level, a rule id's neighbours
MAX_ID_CHARS = 200  # a batch line's id
MAX_BATCH_LINE_BYTES = 256 * 1024  # 50 turns of 2,000 characters fit

_PREVIEW = 20


def preview(value: object) -> str:
    """A short, printable rendering of a value for a message (never the whole of a huge input)."""
    if isinstance(value, str):
        shown = value[: _PREVIEW + 1]
    elif isinstance(value, int) and not isinstance(value, bool):
        shown = str(value) if abs(value) < 10**_PREVIEW else "（很大的整数）"
    elif isinstance(value, float | Decimal | bool) or value is None:
        shown = str(value)[: _PREVIEW + 1]
    else:
        shown = f"（{_type_name(value)}）"
    shown = "".join(ch if ch.isprintable() else " " for ch in shown)
    return shown[:_PREVIEW] + "…" if len(shown) > _PREVIEW else shown


def _type_name(value: object) -> str:
    names = {list: "列表", dict: "对象", int: "整数", float: "小数", bool: "真假值", type(None): "空值"}
    return names.get(type(value), type(value).__name__)


def _encodable(value: str, what: str) -> None:
    """A lone surrogate (half of an emoji, from a broken client) cannot be written as UTF-8 anywhere: the
    message, the JSON reply, the log. It is refused here, at the edge, with a message."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(f"{what}含有无法识别的字符（可能是复制时损坏的表情符号），请删除后重试") from None


def text(value: Any, what: str, limit: int, *, required: bool = True, empty_message: str = "") -> str:
    """A string of at most ``limit`` characters (stripped); InputError naming ``what`` otherwise."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InputError(f"{what}应为文字，收到{_type_name(value)}")
    if len(value) > limit:
        raise InputError(f"{what}过长（{len(value)} 字），请精简到 {limit} 字以内")
    _encodable(value, what)
    value = value.strip()
    if required and not value:
        raise InputError(empty_message or f"{what}为空，请填写{what}")
    return value


def optional_text(value: Any, what: str, limit: int = MAX_SHORT_CHARS) -> str | None:
    """``None`` for an absent or blank value, else a bounded stripped string."""
    value = text(value, what, limit, required=False)
    return value or None


def turns(value: Any, history: Any = None, limit: int = MAX_QUESTION_CHARS) -> tuple[str, list[str]]:
    """(question, earlier turns) from a question string or a list of turns plus an optional history list.

    Each turn is a string of at most ``limit`` characters; at most ``MAX_TURNS`` turns in all.
    """
    items: list[Any] = []
    for part, name in ((history, "历史对话"), (value, "问题")):
        if part is None:
            continue
        if isinstance(part, list | tuple):
            if len(part) > MAX_TURNS:
                raise InputError(f"{name}轮数过多（{len(part)} 轮），最多 {MAX_TURNS} 轮")
            items += list(part)
        elif isinstance(part, str) and name == "问题":
            items.append(part)
        else:
            raise InputError(f"{name}应为文字列表，收到{_type_name(part)}")
    if len(items) > MAX_TURNS:
        raise InputError(f"对话轮数过多（{len(items)} 轮），最多 {MAX_TURNS} 轮")
    if not items:
        raise InputError("问题为空，请输入要咨询的政策问题")
    checked = [text(t, "问题" if i == len(items) - 1 else f"第{i + 1}轮对话", limit, required=False)
               for i, t in enumerate(items)]
    return checked[-1], checked[:-1]


def count(value: Any) -> int | None:
    """A count of units (1 … 1,000,000) from an int or a short digit string; ``None`` when blank."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise InputError(f"数量应为整数，收到{_type_name(value)}")
    if isinstance(value, int):
        number = value if abs(value) <= 10 * MAX_COUNT else MAX_COUNT + 1
    else:
        raw = value if isinstance(value, str) else str(value) if not isinstance(value, float) else repr(value)
        if len(raw) > MAX_COUNT_CHARS:
            raise InputError(f"数量「{preview(raw)}」过长，请输入不超过 {MAX_COUNT:,} 的整数")
        s = unicodedata.normalize("NFKC", raw).strip().replace(",", "")
        m = re.fullmatch(r"[+]?(\d{1,9})(?:\.0*)?", s)
        if not m:
            if re.fullmatch(r"-\d+(?:\.\d*)?", s):
                raise InputError(f"数量不能为负数：{preview(raw)}")
            raise InputError(f"数量应为整数，收到：{preview(raw)}")
        number = int(m[1])
    if number < 0:
        raise InputError(f"数量不能为负数：{preview(value)}")
    if number > MAX_COUNT:
        raise InputError(f"数量过大：{preview(value)}，应不超过 {MAX_COUNT:,}")
    return number


def amount(value: Any, what: str = "基数金额") -> str | None:
    """An amount as a bounded string for :func:`policyqa.numbers.parse_amount`; ``None`` when blank."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise InputError(f"{what}应为数字或文字金额，收到{_type_name(value)}")
    if isinstance(value, int) and abs(value) >= 10**MAX_AMOUNT_CHARS:
        raise InputError(f"{what}过大，请检查输入")
    raw = value if isinstance(value, str) else repr(value) if isinstance(value, float) else str(value)
    if len(raw) > MAX_AMOUNT_CHARS:
        raise InputError(f"{what}「{preview(raw)}」过长（{len(raw)} 字），请输入不超过 {MAX_AMOUNT_CHARS} 字的金额")
    _encodable(raw, what)
    return raw.strip()
