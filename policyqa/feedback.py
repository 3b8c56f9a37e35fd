"""User feedback (👍/👎 + comment) on answers, kept in SQLite under ``settings.data_dir``.

Safe under concurrent writers from threads and processes: the database runs in WAL mode,
every connection waits on a busy timeout instead of failing, and each write is one short
``BEGIN IMMEDIATE`` transaction on its own connection (no connection is shared between
threads). A writer killed mid-transaction leaves the database readable: SQLite rolls the
unfinished transaction back on the next open.
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import asdict, is_dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from policyqa.errors import InputError

BUSY_TIMEOUT_S = 30.0
MAX_TEXT_CHARS = 20_000  # a runaway client must not fill the disk through one row

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT    NOT NULL,
    vote       TEXT    NOT NULL CHECK (vote IN ('up', 'down', 'none')),
    question   TEXT    NOT NULL,
    answer     TEXT    NOT NULL,
    citations  TEXT    NOT NULL,  -- JSON list
    comment    TEXT    NOT NULL DEFAULT ''
)
"""
_VOTES = {
    "up": "up", "+1": "up", "1": "up", "👍": "up", "good": "up",
    "down": "down", "-1": "down", "👎": "down", "bad": "down",
    "none": "none", "0": "none", "": "none",
}
CSV_COLUMNS = ("id", "created_at", "vote", "question", "answer", "comment", "citations")
_FORMULA_START = ("=", "+", "-", "@")  # Excel would run these as formulas (CSV injection) …
_SKIPPED = " \t\r\n\u3000\u00a0"  # … also after leading blanks or line breaks, and in full width (＝＋－＠)
# Users and staff are in China (no daylight saving): timestamps are Beijing time whatever the server's zone.
BEIJING = timezone(timedelta(hours=8), "Asia/Shanghai")


def normalize_vote(vote: object) -> str:
    """'up' / 'down' / 'none' from 👍, 👎, 1, -1, True, False …; InputError naming a bad value."""
    if isinstance(vote, bool):
        return "up" if vote else "down"
    key = str(vote if vote is not None else "").strip().lower()
    if key not in _VOTES:
        raise InputError(f"无法识别的评价「{vote}」，应为 👍 或 👎")
    return _VOTES[key]


def _citations_json(citations: Any) -> str:
    if citations is None:
        return "[]"
    if isinstance(citations, str):  # already JSON
        try:
            json.loads(citations)
        except json.JSONDecodeError:
            raise InputError("引用信息不是有效的 JSON") from None
        return citations
    items = [asdict(c) if is_dataclass(c) and not isinstance(c, type) else c for c in citations]
    return json.dumps(items, ensure_ascii=False, default=str)


def _cell(value: object) -> object:
    """User text that Excel would read as a formula gets a leading apostrophe."""
    if not isinstance(value, str):
        return value
    first = unicodedata.normalize("NFKC", value.lstrip(_SKIPPED)[:1])
    if first in _FORMULA_START or value[:1] in ("\t", "\r"):
        return "'" + value
    return value


def beijing_time(stamp: str) -> str:
    """An ISO timestamp (any zone, as older rows were stored) in Beijing time; unparsable text unchanged."""
    try:
        moment = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return stamp
    if moment.tzinfo is None:
        return stamp
    return moment.astimezone(BEIJING).isoformat(timespec="seconds")


class FeedbackStore:
    """Append-only feedback log; one instance may be shared by many threads."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connection() as conn:
            conn.execute("PRAGMA journal_mode=WAL")  # persistent: recorded in the database file
            conn.execute(_SCHEMA)

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        with closing(conn):
            conn.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
            conn.execute("PRAGMA synchronous=NORMAL")  # durable across process crashes in WAL mode
            yield conn

    def add(
        self,
        question: str,
        answer: str,
        citations: Sequence[Any] | str | None = (),
        vote: object = "up",
        comment: str = "",
    ) -> int:
        """Store one feedback record; returns its id."""
        row = (
            datetime.now(BEIJING).isoformat(timespec="seconds"),
            normalize_vote(vote),
            str(question or "")[:MAX_TEXT_CHARS],
            str(answer or "")[:MAX_TEXT_CHARS],
            _citations_json(citations),  # whole: a cut would leave invalid JSON
            str(comment or "")[:MAX_TEXT_CHARS],
        )
        with self._connection() as conn:
            conn.execute("BEGIN IMMEDIATE")  # take the write lock up front: no deadlock on upgrade
            try:
                cursor = conn.execute(
                    "INSERT INTO feedback (created_at, vote, question, answer, citations, comment)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    row,
                )
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        return int(cursor.lastrowid or 0)

    def count(self) -> int:
        with self._connection() as conn:
            return int(conn.execute("SELECT COUNT(*) FROM feedback").fetchone()[0])

    def rows(self) -> list[dict[str, Any]]:
        """All records, oldest first, citations decoded."""
        with self._connection() as conn:
            conn.row_factory = sqlite3.Row
            records = conn.execute(f"SELECT {', '.join(CSV_COLUMNS)} FROM feedback ORDER BY id").fetchall()
        return [{**dict(r), "created_at": beijing_time(r["created_at"]), "citations": json.loads(r["citations"])}
                for r in records]

    def export_csv(self, path: str | os.PathLike[str]) -> int:
        """Write every record to ``path`` (UTF-8 with BOM, so Excel reads Chinese); returns the count.

        Cells that start like a formula (=, +, -, @) are prefixed with ' so Excel shows them as text.
        """
        out = Path(path)
        out.parent.mkdir(parents=True, exist_ok=True)
        with self._connection() as conn:
            records = conn.execute(f"SELECT {', '.join(CSV_COLUMNS)} FROM feedback ORDER BY id").fetchall()
        tmp = out.with_name(out.name + ".tmp")
        with tmp.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(CSV_COLUMNS)
            writer.writerows([_cell(beijing_time(record[1])) if i == 1 else _cell(v) for i, v in enumerate(record)]
                             for record in records)
        tmp.replace(out)  # never leave a half-written export
        return len(records)
