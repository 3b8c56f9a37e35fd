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
