"""The site link's HTTPS server: every connection in one event loop, in one thread.

Why not a thread per connection (``http.server.ThreadingHTTPServer``, which the link used
first): when a room starts, a hundred terminals send their first answers in the same few
milliseconds.  A hundred request threads then woke together, and each step of every
request -- reading it, checking it, handing it to the writer, waking for the answer --
waited its turn for Python's interpreter lock behind the others.  Measured on the 2-core
bench machine (``bench/room.py``): with the processor half idle, the last request of the
burst waited 300 ms in those hand-overs alone.  One loop does the same work in a row with
no hand-over at all; the only other thread of the link is its writer.

The HTTP spoken is the little the link needs: ``POST`` with a JSON body of known length on
a keep-alive connection (``http.client`` on the terminals).  Everything read is bounded:
the request line and each header line (``LINE_MAX``), the number of headers, the body
(``max_body``), and the time a connection may sit idle.
"""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import ssl
import sys
import threading
from http import HTTPStatus
from typing import Awaitable, Callable

log = logging.getLogger(__name__)

LINE_MAX = 16 * 1024
HEADERS_MAX = 64
IDLE_SECONDS = 120.0
HANDSHAKE_SECONDS = 30.0

# How long a thread may keep Python's interpreter lock while another waits for it.  The link's
# process has two busy threads: this loop and the writer's hand-off to the group commit; with
# the default 5 ms, each of the hand-off's waits for the lock (several per group) could cost
# 5 ms while the loop worked through a room's burst.  bench/room.py, 100 terminals: push p99
# 200 ms at 5 ms, 126 ms at 0.5 ms.
SWITCH_INTERVAL_S = 0.0005

Reply = tuple[int, dict]
Handler = Callable[[str, "Headers", bytes], Awaitable[Reply]]


def tune_link_process() -> None:
    """For a process that runs the link and little else (``app.services.link_host``,
    ``examsite link serve``): shorter turns at the interpreter lock (``SWITCH_INTERVAL_S``)."""
    sys.setswitchinterval(SWITCH_INTERVAL_S)


class Headers(dict):
    """Request headers; ``get`` ignores case, as HTTP does."""

    def get(self, key, default=None):
        return super().get(key.lower(), default)


class BadRequest(Exception):
    pass


def _response(status: int, data: dict, closing: bool) -> bytes:
    body = json.dumps(data, ensure_ascii=False).encode("utf-8")
    try:
        reason = HTTPStatus(status).phrase
    except ValueError:
        reason = ""
    head = (f"HTTP/1.1 {status} {reason}\r\nServer: ExamSiteLink/1\r\n"
            f"Content-Type: application/json; charset=utf-8\r\nContent-Length: {len(body)}\r\n"
            + ("Connection: close\r\n" if closing else "") + "\r\n")
    return head.encode("latin-1") + body


class LoopServer:
    """Serves ``await handler(path, headers, body) -> (status, json)`` on
    ``host:port`` over TLS.  The socket is bound when this is made (``server_address`` is
    known at once); ``start`` runs the loop in its own thread, ``stop`` closes everything."""

    def __init__(self, host: str, port: int, context: ssl.SSLContext, handler: Handler, max_body: int,
                 too_large: dict, failed: dict):
        self.handler, self.context, self.max_body = handler, context, max_body
        self.too_large, self.failed = too_large, failed
        self.socket = socket.create_server((host, port), backlog=512)
        self.server_address = self.socket.getsockname()[:2]
        self.loop = asyncio.new_event_loop()
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._failed: Exception | None = None
        self._server: asyncio.AbstractServer | None = None
        self._writers: set[asyncio.StreamWriter] = set()

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="site-link", daemon=True)
        self._thread.start()
        if not self._ready.wait(30) or self._failed is not None:
            self._thread = None
            self.socket.close()
            raise OSError(f"考点链路服务未能开始监听：{self._failed or '超时'}")

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.set_exception_handler(self._loop_error)
        try:
            self._server = self.loop.run_until_complete(asyncio.start_server(
                self._connection, sock=self.socket, ssl=self.context, ssl_handshake_timeout=HANDSHAKE_SECONDS,
                limit=LINE_MAX))
        except Exception as exc:  # noqa: BLE001 - said by start(), in the caller's thread
            self._failed = exc
            self._ready.set()
            self.loop.close()
            return
        self._ready.set()
        try:
            self.loop.run_forever()
        finally:
            self.loop.run_until_complete(self.loop.shutdown_asyncgens())
            self.loop.close()

    @staticmethod
    def _loop_error(loop, context) -> None:
        # a terminal that hung up mid-handshake or mid-request is not the master's fault
        log.debug("site link connection: %s", context.get("message"), exc_info=context.get("exception"))

    def stop(self) -> None:
        if self._thread is None:
            self.socket.close()
            return

        async def close() -> None:
            self._server.close()
            for w in list(self._writers):
                w.close()
            await asyncio.sleep(0)

        try:
            asyncio.run_coroutine_threadsafe(close(), self.loop).result(10)
        except Exception: # stopping regardless
            log.debug("site link close", exc_info=True)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout=10)
        self._thread = None
        self.socket.close()

    # -- one connection ---------------------------------------------------------------
    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._writers.add(writer)
        try:
            while True:
                try:
                    request = await asyncio.wait_for(self._read_request(reader), IDLE_SECONDS)
                except (asyncio.TimeoutError, asyncio.IncompleteReadError, ConnectionError, ssl.SSLError,
                        asyncio.LimitOverrunError, ValueError, BadRequest):
                    return
                if request is None:
                    return
                path, headers, length = request
                if length > self.max_body:
                    writer.write(_response(413, self.too_large, True))
                    await writer.drain()
                    return
                body = await reader.readexactly(length)
                status, data = await self._answer(path, headers, body)
                closing = (headers.get("Connection") or "").lower() == "close"
                writer.write(_response(status, data, closing))
                await writer.drain()
                if closing:
                    return
        except (ConnectionError, asyncio.IncompleteReadError, ssl.SSLError, OSError):
            return  # the terminal hung up: it sends again (records are idempotent)
        finally:
            self._writers.discard(writer)
            writer.close()

    async def _answer(self, path: str, headers: Headers, body: bytes) -> Reply:
        try:
            return await self.handler(path, headers, body)
        except Exception: # the handler maps what it expects; anything else is one line
            log.exception("site link request failed")
            return 503, self.failed

    @staticmethod
    async def _read_request(reader: asyncio.StreamReader):
        line = await reader.readline()
        if not line:
            return None
        parts = line.decode("latin-1").split()
        if len(parts) != 3 or parts[0] != "POST" or not parts[2].startswith("HTTP/1."):
            raise BadRequest(line[:80])
        headers = Headers()
        for _ in range(HEADERS_MAX + 1):
            h = await reader.readline()
            if h in (b"\r\n", b"\n"):
                break
            if not h:
                return None
            name, sep, value = h.decode("latin-1").partition(":")
            if not sep:
                raise BadRequest(h[:80])
            headers[name.strip().lower()] = value.strip()
        else:
            raise BadRequest("too many headers")
        length = int(headers.get("Content-Length") or 0)
        if length < 0:
            raise BadRequest("negative length")
        return parts[1].split("?")[0], headers, length
