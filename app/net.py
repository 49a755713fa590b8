"""Small facts about network addresses, shared by the server and the device's sync."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable, Sequence

#: What ``--host`` holds to listen on every address of this machine.
EVERY_ADDRESS = frozenset({"", "0.0.0.0", "::"})


def is_loopback(host: str) -> bool:
    """True when ``host`` names this device only (127.0.0.0/8, ::1 or ``localhost``)."""
    name = host.strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def host_name(host_header: str) -> str:
    """Strip the port from a ``Host`` header value (``[::1]:8550`` -> ``::1``)."""
    if host_header.startswith("["):
        return host_header[1 : host_header.find("]")] if "]" in host_header else host_header
    return host_header.rsplit(":", 1)[0] if host_header.count(":") == 1 else host_header


def _plain(name: str) -> str:
    """One spelling per name or address: lower case, no brackets or final dot, and an IPv4
    address the same whether it came as itself or wrapped in IPv6 (``::ffff:10.0.0.2``)."""
    name = name.strip().strip("[]").rstrip(".").lower()
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return name
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return str(address.ipv4_mapped)
    return str(address)


def this_machine() -> frozenset[str]:
    """This machine's name and the addresses its name stands for (as the system knows them)."""
    name = socket.gethostname()
    found = {_plain(name), _plain(name + ".local")}
    try:
        for *_, address in socket.getaddrinfo(name, None, type=socket.SOCK_STREAM):
            found.add(_plain(str(address[0])))
    except OSError:  # a machine whose own name does not resolve: its name is still known
        pass
    return frozenset(found)


class HostGuard:
    """Which ``Host`` a request may name, so a website cannot reach the household by DNS
    rebinding (pointing its own name at this server: its Host and Origin then agree).

    Allowed: this device's loopback names, the address the server listens on (or, listening
    on every address, this machine's name and addresses), the address the connection itself
    arrived at, and the names the family chose to allow.

    Args:
        listen: the address the server listens on, as given to ``--host``.
        allowed: more names (or addresses) to answer to, as given to ``--allowed-host``.
    """

    def __init__(self, listen: str, allowed: Iterable[str] = ()) -> None:
        names = {_plain(host_name(name)) for name in allowed if name.strip()}
        names |= this_machine() if listen in EVERY_ADDRESS else {_plain(listen)}
        self.names = frozenset(names)

    def allows(self, host_header: str | None, server: Sequence[object] | None) -> bool:
        """True when a request naming ``host_header`` may be answered.

        Args:
            host_header: the request's ``Host``; a request without one is not from a browser.
            server: the ASGI scope's ``server``, the address the connection arrived at.
        """
        if host_header is None:
            return True
        name = _plain(host_name(host_header))
        if is_loopback(name) or name in self.names:
            return True
        arrived_at = _plain(str(server[0])) if server else ""
        try:
            ipaddress.ip_address(arrived_at)
        except ValueError:  # not an address (a test client's made-up name): proves nothing
            return False
        return name == arrived_at
