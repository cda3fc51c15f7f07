"""Which addresses the crawler may contact.

Feeds are written by strangers: a link to 169.254.169.254 or 127.0.0.1 would turn the crawler against our own
network. Hosts resolve before the check, so a public name that answers with a private address is refused too.
Loopback is allowed only when configured (the test replica).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

Resolver = Callable[[str], list[str]]


class ForbiddenAddress(Exception):
    """The URL points at an address the crawler must not contact."""


def system_resolver(host: str) -> list[str]:
    return sorted({str(info[4][0]) for info in socket.getaddrinfo(host, None)})


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    return ip.is_global and not ip.is_multicast


class AddressGuard:
    """Checks URLs against the public-address rule and an allowlist of hosts or addresses."""

    def __init__(self, allowed_hosts: Iterable[str] = (), resolver: Resolver = system_resolver) -> None:
        self.allowed = {host.lower().strip("[]") for host in allowed_hosts}
        self.resolver = resolver

    def check(self, url: str) -> None:
        """Raise ForbiddenAddress unless every address the host resolves to may be contacted."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise ForbiddenAddress(f"scheme {parts.scheme!r} is not crawled: {url}")
        host = (parts.hostname or "").lower()
        if not host:
            raise ForbiddenAddress(f"no host in {url}")
        if host in self.allowed:
            return
        try:
            addresses = [str(ipaddress.ip_address(host))]
        except ValueError:
            try:
                addresses = self.resolver(host)
            except OSError as exc:
                raise ForbiddenAddress(f"cannot resolve {host}: {exc}") from exc
        self.check_resolved(host, addresses)

    def check_resolved(self, host: str, addresses: Iterable[str]) -> None:
        """Raise ForbiddenAddress unless the host is allowlisted or every address is public or allowlisted.

        Used as is by the crawler's DNS resolver, on the address it is about to connect to.
        """
        host = host.lower().strip("[]")
        if host in self.allowed:
            return
        blocked = [a for a in addresses if a not in self.allowed and not _is_public(a)]
        if blocked:
            raise ForbiddenAddress(f"{host} resolves to non-public address {', '.join(blocked)}")
