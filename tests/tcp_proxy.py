"""A database that can be cut off and brought back, for the outage tests.

On PostgreSQL the default connection is pointed at a small TCP proxy in front of the real server;
cutting the proxy closes its listening socket and every open connection, as a crashed or
unreachable server would. SQLite has no server, so there the connection is pointed at a path
that cannot be opened as a database (a directory) until the outage ends.
"""

import contextlib
import socket
import sqlite3
import threading

from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper


class TcpProxy:
    """Forwards 127.0.0.1:<port> to ``upstream`` with plain threads, one pair per connection."""

    def __init__(self, upstream: tuple[str, int]):
        self.upstream = upstream
        self.port = None
        self._listener = None
        self._sockets = set()
        self._lock = threading.Lock()

    def start(self) -> "TcpProxy":
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port or 0))
        listener.listen(16)
        self.port = listener.getsockname()[1]
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()
        return self

    def cut(self) -> None:
        """Refuse new connections and drop the open ones."""
        listener, self._listener = self._listener, None
        if listener is not None:
            _close(listener)
        with self._lock:
            sockets, self._sockets = self._sockets, set()
        for sock in sockets:
            _close(sock)

    def restore(self) -> None:
        """Listen again on the same port."""
        if self._listener is None:
            self.start()

    stop = cut

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # the listener was closed: the proxy is cut
            try:
                server = socket.create_connection(self.upstream, timeout=5)
                server.settimeout(None)
            except OSError:
                _close(client)
                continue
            with self._lock:
                self._sockets.update((client, server))
            for source, target in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    def _pump(self, source: socket.socket, target: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                _close(sock)
            with self._lock:
                self._sockets.discard(source)
                self._sockets.discard(target)


def _close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()


class DatabaseSwitch:
    """``cut()`` makes the default database unreachable, ``restore()`` brings it back."""

    def __init__(self, unreachable_path):
        self.settings_dict = connection.settings_dict
        self.saved = {key: self.settings_dict[key] for key in ("NAME", "HOST", "PORT")}
        self.unreachable_path = str(unreachable_path)
        self.proxy = None
        self._keeper = None

    def __enter__(self) -> "DatabaseSwitch":
        if connection.vendor == "postgresql":
            upstream = (self.saved["HOST"] or "127.0.0.1", int(self.saved["PORT"] or 5432))
            self.proxy = TcpProxy(upstream).start()
            self.settings_dict.update(HOST="127.0.0.1", PORT=str(self.proxy.port))
            connection.close()  # the next query connects through the proxy
        return self

    def cut(self) -> None:
        if self.proxy is not None:
            self.proxy.cut()
            return
        # An in-memory test database lives only while a connection to it is open: keep one
        # aside so that closing Django's connection does not throw the data away.
        self._keeper = sqlite3.connect(self.saved["NAME"], uri=True)
        self.settings_dict["NAME"] = self.unreachable_path
        BaseDatabaseWrapper.close(connection)

    def restore(self) -> None:
        if self.proxy is not None:
            self.proxy.restore()
            return
        self.settings_dict["NAME"] = self.saved["NAME"]

    def __exit__(self, *exc_info) -> None:
        if self.proxy is not None:
            self.proxy.stop()
        self.settings_dict.update(self.saved)
        connection.close()
        if self._keeper is not None:
            # Django's connection is open on the same in-memory database again by now, or
            # reopens it from the file named in NAME; the spare one can go.
            connection.ensure_connection()
            self._keeper.close()
