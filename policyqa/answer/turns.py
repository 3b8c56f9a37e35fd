"""The turns a question brings, checked before anything is read: text, not empty, not too long, in Chinese.
Bad input gets an ``InputError`` with a Chinese message (the UI shows it, the CLI exits non-zero)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from policyqa.errors import InputError

MAX_HISTORY_TURNS = 20
_CJK = re.compile(r"[\u4e00-\u9fff]")


def validate(question: object, history: Sequence[object], limit: int) -> list[str]:
    """The turns to read (earlier ones capped), or InputError with a Chinese message."""
    if not isinstance(question, str | list | tuple):
        raise InputError("问题应为文字（字符串，或多轮对话时的字符串列表）")
    turns = [question] if isinstance(question, str) else list(question)
    if not turns:
        raise InputError("请输入问题")
    if not all(isinstance(t, str) for t in [*turns, *history]):
        raise InputError("问题应为文字（字符串，或多轮对话时的字符串列表）")
    *earlier, current = turns
    earlier = [*history, *earlier][-MAX_HISTORY_TURNS:]  # type: ignore[list-item]
    for turn in earlier:
        if len(turn) > limit:
            raise InputError(f"对话记录中有一条过长（{len(turn)} 字），请清空对话后重新提问")
    current = current.strip()
    if not current:
        raise InputError("问题为空，请输入要咨询的政策问题")
    if len(current) > limit:
        raise InputError(f"问题过长（{len(current)} 字），请精简到 {limit} 字以内")
    if not _CJK.search(current):
        if re.search(r"[A-Za-z]{2,}", current):
            raise InputError("目前仅支持中文提问，请用中文描述您的问题")
        raise InputError("问题中没有可识别的文字，请用中文描述您的问题")
    return [*(t for t in earlier if t.strip()), current]
