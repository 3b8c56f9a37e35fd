"""The 政策体检 tab in real Chromium (Playwright, Debian chromium): fill the form, read the report
(badges, total, 差一点, expandable quote), ask about one rule in the chat tab, see a validation message.

Screenshots go to a temporary folder; ``docs/match.png`` is refreshed only with POLICYQA_SAVE_SCREENSHOTS=1."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from servers import CHROMIUM, chromium, open_page, running_app

os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"

ROOT = Path(__file__).resolve().parent.parent
YEAR = date.today().year - 1

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian chromium at /usr/bin/chromium"),
]


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from policyqa.engine import Engine
    from policyqa.settings import Settings

    base = tmp_path_factory.getbasetemp()  # the same index directory as test_app.py: built once per session
    settings = Settings.from_env(index_dir=base / "shared-index", data_dir=tmp_path_factory.mktemp("mb-data"))
    engine = Engine.load(settings, build_if_missing=True)
    with running_app(engine) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


@pytest.fixture()
def page(browser: Any, url: str) -> Iterator[Any]:
    with open_page(browser, url, 1400, 1100) as opened:
        opened.get_by_role("tab", name="政策体检").click()
        yield opened


def _box(page: Any, label: str) -> Any:
    return page.get_by_label(label, exact=True)


def _fill_form(page: Any, output_now: str) -> None:
    district = page.locator("#pq-m-district input")
    district.click()
    district.fill("丰台区")
    page.get_by_role("option", name="丰台区").click()
    page.locator("#pq-m-types").get_by_label("工业企业", exact=True).check()
    page.locator("#pq-m-types").get_by_label("大中型重点企业", exact=True).check()
    page.locator("#pq-m-out textarea, #pq-m-out input").first.fill(output_now)
    page.locator("#pq-m-out0 textarea, #pq-m-out0 input").first.fill("4.1亿")
    page.locator("#pq-m-rd textarea, #pq-m-rd input").first.fill("90万")
    page.locator("#pq-m-growth-2").get_by_label("高于平均").check()
    page.get_by_text("已获奖励与认定（按比例配套的条款需要金额）").click()
    page.locator("#pq-m-award-0 textarea, #pq-m-award-0 input").first.fill("500万")
    page.locator("#pq-m-recog").get_by_label("市级智能工厂（先进级）").check()


def test_form_report_and_ask_in_chat(page: Any, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    _fill_form(page, "5.2亿")
    page.locator("#pq-m-go").click()
    summary = page.locator("#pq-match-summary")
    expect(summary).to_be_visible(timeout=60_000)
    assert "200万元" in summary.inner_text()  # 50万 (产值首次过5亿) + 150万 (首台套 500万 × 30%)
    report = page.locator("#pq-m-report")
    row = report.locator("tr[data-rule='fengtai-14-first-set-subsidy']")
    assert row.locator(".pq-o-computed").inner_text() == "可获得" and "150万元" in row.inner_text()
    assert "研发费用增量90万元" in page.locator("#pq-near").inner_text()  # 差一点: 须超过100万元
    factory = report.locator("tr[data-rule='fengtai-11-city-smart-factory']")  # no 设备和软件投入 given
    assert factory.locator(".pq-o-needs_info").inner_text() == "需补充信息" and "设备和软件投入" in factory.inner_text()
    assert report.locator(".pq-badge-draft").first.inner_text() == "征求意见稿"
    assert report.locator(".pq-badge-expired").first.inner_text() == "已到期"
    row.locator("summary").click()
    assert "对获得市级首台（套）项目补贴的企业" in row.locator(".pq-quote").inner_text()
    page.screenshot(path=str(tmp_path / "match.png"), full_page=True)
    if os.environ.get("POLICYQA_SAVE_SCREENSHOTS"):  # a deliberate refresh of the tracked picture only
        page.screenshot(path=str(ROOT / "docs" / "match.png"), full_page=True)

    page.locator(".pq-m-ask", has_text="第十四条").click()
    question = page.locator("#pq-question textarea")
    expect(question).to_be_visible(timeout=30_000)
    expect(question).to_have_value("丰台智能制造若干措施第十四条：获得市级首台（套）项目补贴的区级配套，我们能拿多少？需要什么条件？")
    page.screenshot(path=str(tmp_path / "ask.png"))
    assert page.external_requests == []  # type: ignore[attr-defined]


def test_validation_message_names_the_field(page: Any, tmp_path: Path) -> None:
    _fill_form(page, "-5亿")
    page.locator("#pq-m-go").click()
    error = page.locator("#pq-m-report .pq-error")
    error.wait_for(timeout=30_000)
    assert f"工业产值（{YEAR}年）" in error.inner_text() and "负数" in error.inner_text()
    page.screenshot(path=str(tmp_path / "invalid.png"))


def test_text_description(page: Any) -> None:
    from playwright.sync_api import expect

    page.locator("#pq-m-text textarea").fill("丰台一家孵化器，今年培育了12家营收过2000万的智能制造企业")
    page.locator("#pq-m-go-text").click()
    expect(page.locator("#pq-match-summary")).to_be_visible(timeout=60_000)
    assert "50万元" in page.locator("#pq-match-summary").inner_text()  # 12 × 5万 = 60万 > 每年50万
