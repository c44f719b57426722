"""The one host-suffix check behind the addon's party and compare's --first-party (appaudit/hosts.py)."""

from __future__ import annotations

import pytest

from appaudit.compare import Settings
from appaudit.hosts import host_in, normalize_host
from appaudit.network.addon import host_in as addon_host_in

CASES = [
    # (host, domains, expected)
    ("demo.example", ["demo.example"], True),
    ("api.v2.demo.example", ["demo.example"], True),  # any depth of subdomain
    ("evildemo.example", ["demo.example"], False),  # label boundary
    ("demo.example.evil.example", ["demo.example"], False),  # a suffix, not a substring
    ("example", ["demo.example"], False),  # the parent is not a subdomain
    ("API.Demo.EXAMPLE", ["demo.example"], True),  # case
    ("api.demo.example", ["DEMO.Example"], True),
    ("api.demo.example.", ["demo.example"], True),  # trailing root dot on the host
    ("api.demo.example", ["demo.example."], True),  # ... and on the domain
    ("api.demo.example", [".demo.example"], True),  # cookie-style leading dot
    ("  api.demo.example ", [" demo.example "], True),  # blanks from a config file
    ("api.demo.example:8443", ["demo.example"], True),  # port
    ("demo.example", [""], False),  # an empty domain matches nothing
    ("", ["demo.example", ""], False),
    ("127.0.0.1", ["127.0.0.1"], True),  # IP literal: the same address
    ("127.0.0.1:8080", ["127.0.0.1"], True),
    ("127.0.0.1", ["0.0.1"], False),  # an address has no "parent domain"
    ("10.1.2.3", ["1.2.3"], False),
    ("::1", ["0:0::1"], True),  # IPv6 compared as addresses
    ("[::1]:8080", ["::1"], True),
    ("[2001:db8::1]", ["[2001:db8::1]"], True),
    ("2001:db8::1", ["db8::1"], False),
]


@pytest.mark.parametrize(("host", "domains", "expected"), CASES)
def test_host_in_edge_cases(host: str, domains: list[str], expected: bool) -> None:
    assert host_in(host, domains) is expected


@pytest.mark.parametrize(("host", "domains", "expected"), CASES)
def test_compare_and_the_addon_decide_alike(host: str, domains: list[str], expected: bool) -> None:
    # compare's --first-party setting and the addon's party of a flow are the same function
    assert Settings(first_party_domains=tuple(domains)).is_first_party(host) is expected
    assert addon_host_in(host, domains) is expected


def test_normalize_host() -> None:
    assert normalize_host(" API.Example.com.:8443 ") == "api.example.com"
    assert normalize_host("[::1]:8080") == "::1"
    assert normalize_host("fe80::1") == "fe80::1"  # bare IPv6: the last group is not a port
    assert normalize_host("example.com:http") == "example.com:http"  # not a numeric port: left as given
