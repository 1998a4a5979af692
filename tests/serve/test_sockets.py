"""The sockets of ``kroniek serve --workers N``: each worker's own, on one shared port."""

from __future__ import annotations

import asyncio
import socket

import pytest

from kroniek.serve.app import listen_socket

pytestmark = pytest.mark.skipif(not hasattr(socket, "SO_REUSEPORT"), reason="workers share a port by SO_REUSEPORT")


async def _accepted_nodelay(sock: socket.socket) -> int:
    """TCP_NODELAY of the connection a server on ``sock`` accepts, as asyncio (uvicorn's loop) sets it up."""
    seen: asyncio.Future[int] = asyncio.get_running_loop().create_future()

    async def accept(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        seen.set_result(writer.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
        writer.close()

    server = await asyncio.start_server(accept, sock=sock)
    async with server:
        _, writer = await asyncio.open_connection(*sock.getsockname()[:2])
        try:
            return await asyncio.wait_for(seen, 5)
        finally:
            writer.close()


def test_accepted_connections_send_without_nagle():
    # with Nagle on, every response waited for the client's delayed ACK of its headers (~40 ms)
    sock = listen_socket("127.0.0.1", 0)
    assert asyncio.run(_accepted_nodelay(sock)) != 0


def test_two_workers_bind_one_port():
    first = listen_socket("127.0.0.1", 0)
    try:
        second = listen_socket("127.0.0.1", first.getsockname()[1])
        assert second.getsockname() == first.getsockname()
        second.close()
    finally:
        first.close()
