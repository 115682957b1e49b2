"""STARTTLS without a 256 KiB read buffer per connection.

asyncio's TLS layer (``asyncio.sslproto.SSLProtocol``, which aiosmtpd uses for STARTTLS on
either event loop) gives every connection its own read buffer of ``max_size`` bytes, filled
with zeros, so each idle TLS session holds a quarter of a megabyte. The socket's bytes only
pass through that buffer: the transport asks for it (``get_buffer``), reads into it, and at
once (``buffer_updated``) the layer copies them into its TLS input. On one event loop those
steps never interleave between connections, so one buffer per loop serves them all.
"""

from __future__ import annotations

import asyncio
import asyncio.sslproto as sslproto
import ssl
import weakref
from typing import Any

READ_SIZE = 64 * 1024  # one socket read; TLS records are at most 16 KiB + overhead
_buffers: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, memoryview] = (
    weakref.WeakKeyDictionary()
)


def _shared_buffer(loop: asyncio.AbstractEventLoop) -> memoryview:
    view = _buffers.get(loop)
    if view is None:
        view = _buffers[loop] = memoryview(bytearray(READ_SIZE))
    return view


class LeanTLSProtocol(sslproto.SSLProtocol):
    """asyncio's TLS layer reading the socket into its event loop's one shared buffer."""

    max_size = READ_SIZE

    def __init__(
        self,
        loop: asyncio.AbstractEventLoop,
        app_protocol: asyncio.BaseProtocol,
        sslcontext: ssl.SSLContext,
        waiter: asyncio.Future[Any],
        **kwargs: Any,
    ) -> None:
        super().__init__(loop, app_protocol, sslcontext, waiter, **kwargs)
        shared = _shared_buffer(loop)
        # the attributes asyncio's own get_buffer/buffer_updated use
        self._ssl_buffer = shared.obj
        self._ssl_buffer_view = shared

    def get_buffer(self, n: int) -> memoryview:
        return self._ssl_buffer_view
