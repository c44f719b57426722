"""Host names against domain lists: the one suffix check that first-party decisions use.

The mitmproxy addon (party of a live flow) and compare (`--first-party` settings) must agree on what
"one of the app's domains" means, so both call `host_in`. It lives below both (no mitmproxy, no
compare import) so that neither depends upward on the other.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from appaudit.errors import InputError


def _ip(text: str) -> str | None:
    """The canonical form of an IP literal, or None when TEXT is a name (so "::1" equals "0::1")."""
    try:
        return ipaddress.ip_address(text).compressed
    except ValueError:
        return None


def normalize_host(host: str) -> str:
    """Lower case, no surrounding blanks, no port, no IPv6 brackets, no trailing root dot.

    "API.Example.com.:8443" -> "api.example.com", "[::1]:8080" -> "::1". A bare IPv6 address keeps its
    colons: only a single colon followed by digits is read as a port.
    """
    h = host.strip().lower()
    if h.startswith("["):
        end = h.find("]")
        return h[1:end] if end > 0 else h.strip("[]")
    name, sep, port = h.rpartition(":")
    if sep and port.isdigit() and ":" not in name:
        h = name
    return h.rstrip(".")


def host_in(host: str, domains: Iterable[str]) -> bool:
    """HOST is one of DOMAINS or a subdomain of one.

    Label boundary: evilexample.com is not example.com. Case, a trailing dot, a port and a leading
    dot on the domain (".example.com", the cookie-style spelling) do not matter. An IP literal
    matches only the same address: "0.0.1" is not a parent of "127.0.0.1". Empty domains match nothing.
    """
    h = normalize_host(host)
    if not h:
        return False
    h_ip = _ip(h)
    for raw in domains:
        d = normalize_host(raw).strip(".")
        if not d:
            continue
        if h_ip is not None:
            if _ip(d) == h_ip:
                return True
        elif h == d or h.endswith("." + d):
            return True
    return False


def parse_proxy(proxy: str) -> tuple[str, int]:
    """HOST:PORT of a --proxy option (both backends read it): the host as given and a port in 1..65535."""
    host, _, port = proxy.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise InputError(f"--proxy {proxy!r}: expected HOST:PORT, e.g. 127.0.0.1:8080")
    return host, int(port)
