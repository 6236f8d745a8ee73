"""Which ``Host`` headers the workbench answers: a guard against DNS rebinding.

A page on another site can make the user's browser resolve its own name to
127.0.0.1 and read the workbench as if it were that site; the browser then
sends that site's name as ``Host``. A server answers only the names it was
started for: the address it listens on (the loopback names for a loopback
address) and those given with ``--allowed-host``.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
#: addresses that mean "every interface": the machine's own names are added
ANY_ADDRESS = frozenset({"0.0.0.0", "::", ""})


def allowed_hosts(host: str, extra: Iterable[str] = ()) -> frozenset[str]:
    """The host names a server listening on ``host`` answers to."""
    names = {_bare(host)} | {_bare(name) for name in extra if name.strip()}
    if _is_loopback(host) or host in ANY_ADDRESS:
        names |= LOOPBACK_NAMES
    if host in ANY_ADDRESS:
        names |= {socket.gethostname().lower(), socket.getfqdn().lower()}
    return frozenset(names - {""})


def host_name(header: str) -> str:
    """The name in a ``Host`` header, without its port: ``[::1]:8000`` -> ``::1``."""
    header = header.strip().lower()
    if header.startswith("["):  # an IPv6 address, bracketed
        return header[1:header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def _bare(name: str) -> str:
    return host_name(name).rstrip(".")


def _is_loopback(host: str) -> bool:
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def host_allowed(header: str | None, allowed: frozenset[str]) -> bool:
    """Whether a request's ``Host`` header names this server."""
    return header is not None and host_name(header).rstrip(".") in allowed
