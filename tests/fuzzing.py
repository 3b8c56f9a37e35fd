"""Fuzzing shared by ``tests/test_fuzz.py`` (bounded) and ``benchmarks/fuzz.py`` (long): strategies and verdicts.

Strategies cover every API endpoint and CLI command with random Unicode, huge numbers, Chinese numerals, nested
JSON, wrong types and many turns. A verdict is '' when a reply is an answer or a Chinese message, else what is
wrong (a traceback, an internal error, a hang, no Chinese). Every call has a wall-clock limit.
"""

from __future__ import annotations

import contextlib
import io
import re
import threading
from dataclasses import dataclass, field
from typing import Any

from hypothesis import strategies as st

CJK = re.compile(r"[\u4e00-\u9fff]")
CALL_LIMIT_S = 30.0  # one call; the server's own request deadline is 30 s
RULE_IDS = ["fengtai-14-first-set-subsidy", "fengtai-17-chain-leader", "fengtai-03-major-project",
            "fengtai-05-industrial-scale-up", "fengtai-06-output-tiers", "fengtai-06-output-growth"]
NUMERALS = "零〇一二两三四五六七八九十百千万亿点"
HOSTILE = ["", " ", "\x00", "\u202e反转", "<script>alert(1)</script>", "'; DROP TABLE feedback; --", "=1+1", "＝1+1",
           "第100条", "丰台 第100条", "丰台 第" + "9" * 200 + "条", "1e999999", "NaN", "-0", "Infinity", "0x10",
           "１２３", "¥", "万", "亿亿亿", "点五", "1" * 5000, "九" * 3000 + "万", "😀" * 300, "\ud800", "丰台" * 1500]


@st.composite
def long_runs(draw: Any) -> str:
    unit = draw(st.sampled_from(["九", "9", "一", "万", "亿", "0", "九十", "第一条"]))
    return unit * draw(st.integers(0, 120_000)) + draw(st.sampled_from(["", "万", "元", "条", "亿元"]))


texts = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=NUMERALS + "0123456789.,%万元亿个第条章丰台门头沟怀柔经开区首台套", max_size=400),
    st.integers(min_value=0, max_value=10**80).map(str),
    st.sampled_from(HOSTILE),
    long_runs(),
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(10**40), max_value=10**40) | st.floats() | texts,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=3),
    max_leaves=12,
)
anything = st.one_of(texts, texts, json_values)
histories = st.one_of(st.none(), st.lists(texts, max_size=6), st.lists(st.just("丰台区首台套补贴多少？"), max_size=80),
                      json_values)


def ask_args() -> Any:
    return st.tuples(anything, histories)


def lookup_args() -> Any:
    return st.tuples(anything, st.one_of(st.sampled_from(["", "全部区", "丰台区", "火星"]), anything))


def award_args() -> Any:
    rule = st.one_of(st.sampled_from(RULE_IDS), texts, anything)
    return st.tuples(rule, anything, anything, st.one_of(st.sampled_from(["", "市级", "国家级"]), anything))


ENDPOINTS = {"/ask": ask_args, "/lookup": lookup_args, "/award": award_args}


def api_verdict(endpoint: str, kind: str, value: Any) -> str:
    """'' for an answer or a Chinese message from ``endpoint``; else the problem."""
    text = str(value)[:300]
    if "Traceback" in str(value) or "内部错误" in str(value):
        return f"{endpoint}: internal error: {text}"
    if kind == "error":
        message = value.get("error") if isinstance(value, dict) else None
        return "" if message and CJK.search(str(message)) else f"{endpoint}: error without Chinese message: {text}"
    if kind != "complete":
        return f"{endpoint}: {kind}: {text}"
    if endpoint == "/lookup":
        return "" if isinstance(value, list) else f"{endpoint}: not a list: {text}"
    if not isinstance(value, dict):
        return f"{endpoint}: not an object: {text}"
    if value.get("error"):
        return "" if CJK.search(value["error"]) else f"{endpoint}: error without Chinese: {text}"
    if endpoint == "/ask":
        return "" if CJK.search(value.get("answer") or "") else f"{endpoint}: answer without Chinese: {text}"
    return "" if "amount_yuan" in value else f"{endpoint}: no amount: {text}"


@dataclass
class Tally:
    """Counts of one fuzz run: calls, problems (tracebacks, internal errors …) and hangs."""

    calls: int = 0
    problems: list[str] = field(default_factory=list)
    hangs: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, problem: str = "", hang: str = "") -> None:
        with self.lock:
            self.calls += 1
            if problem:
                self.problems.append(problem)
            if hang:
                self.hangs.append(hang)


def call_api(client: Any, endpoint: str, args: tuple[Any, ...], tally: Tally) -> None:
    """One request with a wall-clock limit (the client's timeout); judged and counted."""
    try:
        kind, value = client.call(endpoint, *args)
    except Exception as err:  # a timeout is a hang; anything else a problem
        name = type(err).__name__
        if "Timeout" in name:
            tally.add(hang=f"{endpoint}: {name} after {CALL_LIMIT_S:.0f} s: {str(args)[:120]}")
        else:
            tally.add(problem=f"{endpoint}: {name}: {err}"[:300])
        return
    tally.add(problem=api_verdict(endpoint, kind, value))


# ---------------------------------------------------------------------- CLI (in process, no engine needed)
cli_argv = st.one_of(
    st.tuples(st.just("lookup"), texts).map(list),
    st.tuples(st.just("lookup"), texts, st.just("--json")).map(list),
    st.tuples(st.just("award"), st.one_of(st.sampled_from(RULE_IDS), texts), st.just("--base"), texts).map(list),
    st.tuples(st.just("award"), st.sampled_from(RULE_IDS), st.just("--count"), texts, st.just("--level"),
              texts).map(list),
    st.tuples(st.just("award"), st.just("--question"), texts, st.just("--json")).map(list),
    st.lists(texts, max_size=4).map(lambda rest: ["award", *rest]),
    st.lists(texts, max_size=3),
)


def run_cli(argv: list[str], limit_s: float = CALL_LIMIT_S) -> tuple[int | None, str, str]:
    """``policyqa.cli.main(argv)`` in a thread with a wall-clock limit: (exit code or None if it hung, out, err)."""
    from policyqa.cli import main

    out, err = io.StringIO(), io.StringIO()
    result: dict[str, int] = {}

    def target() -> None:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                result["code"] = main(argv)
            except SystemExit as done:  # argparse
                result["code"] = done.code if isinstance(done.code, int) else 2

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(limit_s)
    return result.get("code"), out.getvalue(), err.getvalue()


def cli_verdict(argv: list[str], code: int | None, out: str, err: str) -> str:
    shown = str(argv)[:150]
    if code is None:
        return f"hang: {shown}"
    if "Traceback" in out + err or "内部错误" in err:
        return f"internal error: {shown}: {err[-300:]}"
    if code == 0:
        return ""
    if code == 2:
        last = err.strip().splitlines()[-1] if err.strip() else ""
        ok = last.startswith(("错误：", "参数错误：")) and CJK.search(last)
        return "" if ok else f"exit 2 without a Chinese message: {shown}: {err[-200:]}"
    return f"exit {code}: {shown}: {err[-200:]}"


def batch_lines() -> Any:
    """Lines of an ``ask --batch`` file: objects with any question, and lines that are not objects at all."""
    good = st.builds(lambda i, q: {"id": i, "question": q}, st.one_of(st.integers(0, 10**6), texts), anything)
    raw = st.one_of(st.binary(max_size=60), st.sampled_from([b"[1,2]", b'{"id": 1, "question": "', b"null",
                                                             b'{"question": ' + b"[" * 3000 + b"]" * 3000 + b"}"]))
    return st.lists(st.one_of(good.map(lambda d: _json_line(d)), raw), min_size=1, max_size=25)


def _json_line(item: dict[str, Any]) -> bytes:
    import json

    try:
        return json.dumps(item, ensure_ascii=False).encode("utf-8", "surrogatepass")
    except (ValueError, OverflowError):
        return b'{"id": "x", "question": null}'
