"""Two readings of a question's words the documents never use: the support it asks named by such a word
(「房租补贴」 — not covered, whatever else it shares with a near clause), and such a word that is the clause's own
word in other letters (「生产批件」 for 「生产批准」 — covered)."""

from __future__ import annotations

import re

from policyqa.answer.library import Library
from policyqa.tokenize import nouns, word_frequency

_SUPPORT_WORD = re.compile(r"补贴|补助|奖励|资助|奖金")


def named_support(text: str, known: set[str]) -> str:
    """「在丰台租厂房做智能制造，房租补贴一平米一天给多少」: the support asked is named by a noun the documents
    never use (房租), whatever else the question shares with a near clause (厂房) — 「房租补贴」, or ""."""
    m = _SUPPORT_WORD.search(text)
    if m is None:
        return ""
    head = nouns(text[: m.start()])[-1:]  # the noun right before the support word, if it ends there
    if not head or not text[: m.start()].endswith(head[0]) or head[0] in known or word_frequency(head[0]) is None:
        return ""
    return head[0] + m[0]


def bridged(lib: Library, text: str, word: str, spelled: str) -> bool:
    """「拿到生产批件」 against 「获得生产批准」: the user's rarest unknown word is the clause's word in other
    letters when a run of three across its edge (生产批) is spelled by a near clause and by almost no other."""
    at = text.find(word)
    runs = {text[i : i + 3] for i in range(max(0, at - 2), at + len(word) - 1) if i < at or i + 3 > at + len(word)}
    return any(len(g) == 3 and re.fullmatch(r"[\u4e00-\u9fff]{3}", g) and g in spelled
               and sum(g in c.text for c in lib.corpus.clauses) <= 2 for g in runs)
