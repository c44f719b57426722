"""Fixtures of the report tests."""

from __future__ import annotations

import pytest
from report_fixtures import hostile_report

from appaudit.model import Report


@pytest.fixture()
def hostile() -> Report:
    return hostile_report()
