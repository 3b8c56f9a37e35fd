"""Shared by the tests that start real servers on loopback (Gradio app, Chroma, scripted LLM)."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_app(engine: Any, feedback: Any = None) -> Iterator[str]:
    """The real Gradio app over ``engine`` on a free loopback port; yields its URL."""
    import app

    demo = app.build_app(engine, feedback)
    port = free_port()
    demo.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        demo.close()


class RestClient:
    """Gradio's REST protocol over one keep-alive connection: any JSON value can be sent (gradio_client
    coerces some types first), and every call has a wall-clock limit."""

    def __init__(self, url: str, timeout: float = 30.0) -> None:
        import httpx

        self.base = url.rstrip("/") + "/gradio_api/call"
        self.http = httpx.Client(timeout=timeout, trust_env=False)

    def call(self, api_name: str, *data: Any) -> tuple[str, Any]:
        """("complete", output) or ("error", the server's error payload)."""
        import json

        name = api_name.strip("/")
        # Escaped JSON (\\ud800 stays an escape; NaN is sent as the token browsers' JSON cannot make but clients can).
        body = json.dumps({"data": list(data)}, ensure_ascii=True).encode("ascii")
        posted = self.http.post(f"{self.base}/{name}", content=body, headers={"Content-Type": "application/json"})
        if posted.status_code != 200:
            return "rejected", posted.text
        event_id = posted.json()["event_id"]
        kind = None
        with self.http.stream("GET", f"{self.base}/{name}/{event_id}") as response:
            for line in response.iter_lines():
                if line.startswith("event:"):
                    kind = line[6:].strip()
                elif line.startswith("data:") and kind in ("complete", "error"):
                    payload = json.loads(line[5:])
                    return kind, payload[0] if kind == "complete" and isinstance(payload, list) else payload
        return "no-result", None

    def close(self) -> None:
        self.http.close()


CHROMIUM = "/usr/bin/chromium"  # Debian's package; never `playwright install`
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
LOCAL = ("http://127.0.0.1", "data:", "blob:", "about:")


@contextmanager
def chromium() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright, closed afterwards."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def open_page(browser: Any, url: str, width: int = 1280, height: int = 1000) -> Iterator[Any]:
    """A fresh page on ``url`` that records every request leaving loopback in ``page.external_requests``."""
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    page = context.new_page()
    page.external_requests = []
    page.on("request", lambda r: None if r.url.startswith(LOCAL) else page.external_requests.append(r.url))
    page.goto(url, wait_until="load")
    try:
        yield page
    finally:
        context.close()
