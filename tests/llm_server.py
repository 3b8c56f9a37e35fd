"""A tiny scripted OpenAI-compatible chat server on 127.0.0.1 for the LLM-path tests.

Real HTTP, so the real llama-index/openai client is exercised; only the model is scripted.
``POST /v1/chat/completions`` answers with the next ``Behaviour`` of the script (reply text,
delay before answering, HTTP status, stall between stream chunks) as plain JSON or, for
``"stream": true``, as server-sent events ending with ``data: [DONE]``. Every request body
is recorded in ``requests`` so tests can see exactly what the client sent.

    with ScriptedLLMServer([Behaviour("…[1]")]) as server:
        settings = Settings.from_env(llm_base_url=server.base_url, llm_model="scripted")
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Behaviour:
    text: str = ""
    delay_s: float = 0.0  # sleep before sending anything (timeouts)
    status: int = 200  # non-200: an OpenAI-style error body
    chunk_chars: int = 4  # stream: characters per SSE chunk
    stall_s: float = 0.0  # stream: sleep after the first chunk (a stream that stops mid-way)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # do not join handler threads that are still sleeping

    def __init__(self, owner: ScriptedLLMServer) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.owner = owner


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        pass

    def do_POST(self) -> None:
        owner = self.server.owner
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))) or b"{}")
        with owner.lock:
            owner.requests.append({"path": self.path, "headers": dict(self.headers), "body": body})
            behaviour = owner.script.popleft() if owner.script else Behaviour(status=500, text="script exhausted")
        if self.path.rstrip("/") not in ("/v1/chat/completions", "/chat/completions"):
            return self._json(404, {"error": {"message": f"no route {self.path}", "type": "not_found"}})
        if behaviour.delay_s and owner.closing.wait(behaviour.delay_s):
            return
        try:
            if behaviour.status != 200:
                self._json(behaviour.status, {"error": {"message": behaviour.text or "scripted failure",
                                                        "type": "server_error", "code": behaviour.status}})
            elif body.get("stream"):
                self._stream(body, behaviour)
            else:
                self._json(200, _completion(body, behaviour.text))
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout): fine
            pass

    def _json(self, status: int, payload: dict[str, Any]) -> None:
        data = json.dumps(payload, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _stream(self, body: dict[str, Any], behaviour: Behaviour) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Connection", "close")
        self.end_headers()
        text, n = behaviour.text, max(1, behaviour.chunk_chars)
        deltas: list[dict[str, Any]] = [{"role": "assistant", "content": ""}]
        deltas += [{"content": text[i : i + n]} for i in range(0, len(text), n)]
        for i, delta in enumerate(deltas):
            self._event(_chunk(body, delta, None))
            if i == 1 and behaviour.stall_s and self.server.owner.closing.wait(behaviour.stall_s):
                return
        self._event(_chunk(body, {}, "stop"))
        self.wfile.write(b"data: [DONE]\n\n")
        self.wfile.flush()

    def _event(self, payload: dict[str, Any]) -> None:
        self.wfile.write(b"data: " + json.dumps(payload, ensure_ascii=False).encode() + b"\n\n")
        self.wfile.flush()


def _completion(body: dict[str, Any], text: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-scripted",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model", "scripted"),
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


def _chunk(body: dict[str, Any], delta: dict[str, Any], finish: str | None) -> dict[str, Any]:
    return {
        "id": "chatcmpl-scripted",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": body.get("model", "scripted"),
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }


class ScriptedLLMServer:
    """Serves the behaviours of ``script`` in order, one per request; records every request."""

    def __init__(self, script: Iterable[Behaviour] = ()) -> None:
        self.script: deque[Behaviour] = deque(script)
        self.requests: list[dict[str, Any]] = []
        self.lock = threading.Lock()
        self.closing = threading.Event()
        self._server = _Server(self)
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="scripted-llm", daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def push(self, *behaviours: Behaviour) -> None:
        with self.lock:
            self.script.extend(behaviours)

    def messages(self, i: int = -1) -> dict[str, str]:
        """role → content of the ``i``-th recorded request's chat messages."""
        return {m["role"]: m["content"] for m in self.requests[i]["body"]["messages"]}

    def start(self) -> ScriptedLLMServer:
        self._thread.start()
        return self

    def close(self) -> None:
        self.closing.set()
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> ScriptedLLMServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()
