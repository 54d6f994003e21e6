"""A fake OpenAI-compatible endpoint for the LLM writer's tests: the standard library's HTTP
server on 127.0.0.1 (a free port), in a thread, started and stopped by the test.

    with FakeLLM(reply) as fake:          # reply(request body) -> Reply
        endpoint = Endpoint(url=fake.url, model="fake")
        ...
        fake.requests                     # every request body it received

`passages(prompt)` reads the numbered passages back out of a prompt, so a fake can cite the
passage that holds the words it writes about, as a model would.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

_PASSAGE = re.compile(r"^\[P(\d+)\] \((?:[^()]*)\) (.*)$", re.MULTILINE)


@dataclass(frozen=True, slots=True, kw_only=True)
class Reply:
    content: str = ""
    status: int = 200
    delay: float = 0.0  # seconds to wait before answering (a slow or hung server)


def passages(prompt: str) -> dict[int, str]:
    """Passage number -> text, as the prompt lists them."""
    return {int(m.group(1)): m.group(2) for m in _PASSAGE.finditer(prompt)}


def prompt_of(request: dict[str, Any]) -> str:
    return "\n".join(str(m.get("content", "")) for m in request.get("messages", ()))


def cite(prompt: str, *needles: str) -> list[int]:
    """The numbers of the passages holding each needle (the first that does)."""
    found = passages(prompt)
    out = []
    for needle in needles:
        numbers = [n for n, text in sorted(found.items()) if needle in text]
        assert numbers, f"no passage holds {needle!r}"
        out.append(numbers[0])
    return out


def sentences_json(
    prompt: str, sections: dict[str, list[tuple[str, tuple[str, ...]]]], key: str = "sections"
) -> str:
    """A reply that writes each (text, needles) citing the passages holding the needles."""
    written = {
        name: [{"text": text, "passages": cite(prompt, *needles)} for text, needles in items]
        for name, items in sections.items()
    }
    if key == "sentences":
        return json.dumps({"sentences": written.get("answer", [])})
    return json.dumps({key: written})


class FakeLLM:
    """Serves POST /v1/chat/completions with what `reply` makes of each request."""

    def __init__(self, reply: Callable[[dict[str, Any]], Reply]) -> None:
        self.reply = reply
        self.requests: list[dict[str, Any]] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                size = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(size) or b"{}")
                fake.requests.append(body)
                answer = fake.reply(body)
                if answer.delay:
                    time.sleep(answer.delay)
                if answer.status == 200:
                    payload: dict[str, Any] = {
                        "id": f"fake-{len(fake.requests)}",
                        "object": "chat.completion",
                        "created": 0,
                        "model": body.get("model", "fake"),
                        "choices": [
                            {
                                "index": 0,
                                "message": {"role": "assistant", "content": answer.content},
                                "finish_reason": "stop",
                            }
                        ],
                        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                    }
                else:
                    payload = {"error": {"message": answer.content or "fake failure"}}
                data = json.dumps(payload).encode()
                try:
                    self.send_response(answer.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (the timeout test)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.block_on_close = False  # a handler still sleeping must not hold the test
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def __enter__(self) -> FakeLLM:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
