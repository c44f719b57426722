"""Fixtures of the network tests."""

from __future__ import annotations

import pytest
from network_fixtures import PROFILE_DOC

from appaudit.network.profile import DeviceProfile, parse_profile


@pytest.fixture(scope="session")
def profile() -> DeviceProfile:
    return parse_profile(PROFILE_DOC)
