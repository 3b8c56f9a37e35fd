"""The 政策问答 tab in a real browser (Playwright, Debian chromium): ask, see the citation card, vote 👍.

Screenshots go to the test's temporary folder (``docs/screenshot.png`` is tracked and updated by hand).
Gradio keeps a stream open, so pages load with ``wait_until="load"``.
"""

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from servers import CHROMIUM, chromium, open_page, running_app

os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"

ROOT = Path(__file__).resolve().parent.parent
FIRST_SET = "我们公司获得市级首台套项目补贴五百万，丰台区最多给多少配套？"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian chromium at /usr/bin/chromium"),
]



@pytest.fixture(scope="session")
def browser_engine(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from policyqa.engine import Engine
    from policyqa.settings import Settings

    base = tmp_path_factory.getbasetemp()  # the same index directory as test_app.py: built once per session
    settings = Settings.from_env(index_dir=base / "shared-index", data_dir=tmp_path_factory.mktemp("browser-data"))
    return Engine.load(settings, build_if_missing=True)


@pytest.fixture(scope="module")
def feedback(browser_engine: Any) -> Any:
    from policyqa.feedback import FeedbackStore

    return FeedbackStore(browser_engine.settings.data_dir / "feedback.sqlite3")


@pytest.fixture(scope="module")
def url(browser_engine: Any, feedback: Any) -> Iterator[str]:
    with running_app(browser_engine, feedback) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


@pytest.fixture()
def page(browser: Any, url: str) -> Iterator[Any]:
    with open_page(browser, url) as opened:
        yield opened


def card_for(cards: Any, locator: str) -> Any:
    """The citation card whose locator reads exactly ``locator`` (the chat's sanitizer drops data-* attributes)."""
    return cards.locator(".pq-card").filter(has=cards.page.locator(".pq-locator", has_text=re.compile(f"^{locator}$")))


def ask(page: Any, question: str, expect_selector: str = ".pq-cards") -> Any:
    """Send ``question`` and wait until its answer is complete; returns the new answer's ``expect_selector``."""
    from playwright.sync_api import expect

    answers = page.locator(f"#pq-chat {expect_selector}")
    before = answers.count()
    page.locator("#pq-question textarea").fill(question)
    page.locator("#pq-send").click()
    expect(answers).to_have_count(before + 1, timeout=60_000)
    return answers.last


def test_ask_shows_citation_card_and_stores_vote(page: Any, feedback: Any, tmp_path: Path) -> None:
    before = feedback.count()
    cards = ask(page, FIRST_SET)
    card = card_for(cards, "第十四条")
    assert card.count() == 1
    assert "丰台区促进智能制造产业高质量发展若干措施（征求意见稿）" in card.inner_text()
    assert card.locator(".pq-badge-draft").inner_text() == "征求意见稿"
    steps = page.locator("#pq-chat table.pq-steps").last
    assert "150万元" in steps.inner_text()
    card.locator("summary").click()  # the clause text expands
    assert "首台（套）" in card.locator(".pq-clause-text").inner_text()

    page.locator("#pq-comment textarea").fill("引用准确，金额清楚")
    page.locator("#pq-vote-up").click()
    page.locator("#pq-feedback-status", has_text="已记录").wait_for(timeout=30_000)
    assert feedback.count() == before + 1
    row = feedback.rows()[-1]
    assert row["vote"] == "up" and row["comment"] == "引用准确，金额清楚"
    assert row["question"] == FIRST_SET
    assert "第十四条" in [c["locator"] for c in row["citations"]]

    tracked = (ROOT / "docs" / "screenshot.png").read_bytes() if (ROOT / "docs" / "screenshot.png").exists() else b""
    page.screenshot(path=str(tmp_path / "screenshot.png"), full_page=True)
    assert (tmp_path / "screenshot.png").stat().st_size > 10_000
    if tracked:
        assert (ROOT / "docs" / "screenshot.png").read_bytes() == tracked  # the tracked image is never rewritten
    assert page.external_requests == []  # type: ignore[attr-defined]


def test_follow_up_and_script_are_shown_as_text(page: Any) -> None:
    ask(page, "丰台区对灯塔工厂有什么支持？")
    cards = ask(page, "那国家级智能工厂呢？")
    assert card_for(cards, "第十一条").count() == 1

    evil = "<script>window.__pwned = 1</script>[click](http://evil.example)"
    error = ask(page, evil, expect_selector=".pq-error").inner_text()
    assert "中文" in error and "Traceback" not in page.content()
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#pq-chat a[href^='http://evil']").count() == 0
    assert evil in page.locator("#pq-chat").inner_text()


def test_vote_before_asking_is_refused_politely(page: Any, feedback: Any) -> None:
    before = feedback.count()
    page.locator("#pq-vote-down").click()
    page.locator("#pq-feedback-status", has_text="请先提问").wait_for(timeout=30_000)
    assert feedback.count() == before


def test_a_long_paste_stays_in_the_box_with_the_reason(page: Any) -> None:
    from playwright.sync_api import expect

    pasted = "丰台区首台套补贴" * 625  # 5,000 characters
    box = page.locator("#pq-question textarea")
    box.fill(pasted)
    page.locator("#pq-send").click()
    expect(page.locator("#pq-ask-status .pq-error")).to_contain_text("问题过长（5000 字）", timeout=30_000)
    assert box.input_value() == pasted


def test_sending_an_empty_question_says_why(page: Any) -> None:
    from playwright.sync_api import expect

    page.locator("#pq-question textarea").fill("")
    page.locator("#pq-send").click()
    expect(page.locator("#pq-ask-status")).to_contain_text("请先输入问题", timeout=30_000)
