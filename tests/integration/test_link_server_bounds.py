"""The link's HTTPS server reads only what it bounds, answers hostile or broken requests
with one refusal (or by hanging up), and keeps serving everyone else: a body above the
limit is refused before it is read, a request that is not JSON is refused, an endless
header list or a request line that is not ``POST`` ends that connection only."""

from __future__ import annotations

import json
import socket
import ssl

import pytest

from app.net import lan_http, protocol
from app.net.master import MAX_BODY, MasterLink
from app.net.terminal import Client


@pytest.fixture
def master(site):
    link = MasterLink(site).start()
    yield link
    link.stop()


def raw_connection(link) -> ssl.SSLSocket:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname, ctx.verify_mode = False, ssl.CERT_NONE
    s = ctx.wrap_socket(socket.create_connection(("127.0.0.1", link.port), timeout=10))
    return s


def read_reply(s) -> tuple[int | None, dict | None]:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = s.recv(65536)
        if not chunk:
            return None, None  # the server hung up without an answer
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    length = next(int(v) for k, _, v in (x.partition(":") for x in lines[1:]) if k.lower() == "content-length")
    while len(body) < length:
        body += s.recv(65536)
    return int(lines[0].split()[1]), json.loads(body)


def still_serves(link) -> bool:
    """An unsigned heartbeat gets its refusal: the server answers, it did not fall over."""
    c = Client(link.url, link.fingerprint, None, "T999")
    try:
        c.post(protocol.API + "/heartbeat", {}, signed=False)
    except Exception as exc:  # noqa: BLE001 - the refusal is the answer we want
        return "401" in str(exc)
    return False


def test_a_body_above_the_limit_is_refused_before_it_is_read(master):
    s = raw_connection(master)
    s.sendall(f"POST {protocol.API}/records HTTP/1.1\r\nContent-Length: {MAX_BODY + 1}\r\n\r\n".encode())
    status, reply = read_reply(s)
    assert status == 413 and reply["code"] == protocol.TOO_LARGE
    assert s.recv(10) == b""  # and the connection is closed
    assert still_serves(master)


def test_a_body_that_is_not_json_is_refused_in_one_line(master):
    s = raw_connection(master)
    body = b"\xff\xfe not json"
    s.sendall(f"POST {protocol.API}/heartbeat HTTP/1.1\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body)
    status, reply = read_reply(s)
    assert status == 400 and reply["code"] == protocol.BAD_REQUEST and reply["error"] == "请求不是 JSON 对象"
    assert still_serves(master)


@pytest.mark.parametrize("request_head", [
    b"GET / HTTP/1.1\r\n\r\n",
    b"garbage\r\n\r\n",
    b"POST /v1/heartbeat HTTP/1.1\r\n" + b"".join(b"X-H%d: v\r\n" % i for i in range(lan_http.HEADERS_MAX + 5)),
    b"POST /v1/heartbeat HTTP/1.1\r\nX-Long: " + b"a" * (lan_http.LINE_MAX + 10) + b"\r\n\r\n",
    b"POST /v1/heartbeat HTTP/1.1\r\nContent-Length: -5\r\n\r\n",
])
def test_a_broken_request_ends_only_its_own_connection(master, request_head):
    s = raw_connection(master)
    s.sendall(request_head)
    assert read_reply(s) == (None, None)
    assert still_serves(master)


def test_header_names_are_read_whatever_their_case():
    h = lan_http.Headers({"x-es-machine": "T001"})
    assert h.get("X-ES-Machine") == "T001" and h.get("x-Es-machine") == "T001" and h.get("X-ES-Sig") is None


def test_a_server_that_cannot_listen_says_so_instead_of_pretending():
    """A loop that fails to start (here: its socket already gone) is an error at ``start``,
    not a link that looks up and answers nobody."""
    broken = lan_http.LoopServer("127.0.0.1", 0, ssl.create_default_context(), lambda *_: (200, {}), 1024, {}, {})
    broken.socket.close()
    with pytest.raises(OSError, match="未能开始监听"):
        broken.start()
