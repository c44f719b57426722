"""appaudit/cli/base.py FiniteFloat: numeric options refuse inf, nan and out-of-range values (exit 2)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from appaudit.cli import main


@pytest.mark.parametrize(
    "argv",
    [
        ["audit", "x.apk", "--frequency-window", "inf"],
        ["audit", "x.apk", "--frequency-window", "nan"],
        ["audit", "x.apk", "--frequency-grace", "1e999"],
        ["audit", "x.apk", "--frequency-grace", "-1"],
        ["flows", "f.jsonl", "--start", "nan"],
        ["run", "x.apk", "--duration", "inf"],
    ],
)
def test_non_finite_numbers_are_usage_errors(argv: list[str]) -> None:
    r = CliRunner().invoke(main, argv)
    assert r.exit_code == 2 and "Invalid value" in r.output and "Traceback" not in r.output
