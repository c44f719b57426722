"""English SDK rows of the record readers (records.py, sdk_table.py) on the ways English policies write their
third parties: every case written as several synthetic variants, each with a counter-case that gives no row."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from appaudit.policy.analyze import analyze


def _rows(tmp_path: Path, text: str, name: str = "privacy.md") -> dict[str, dict[str, Any]]:
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    return {r["name"]: r for r in analyze([f]).sections["policy"]["sdk_rows"]}


@pytest.mark.parametrize("dash", ["--", "-", "—"])
def test_list_items_with_a_double_hyphen_dash_name_their_services(tmp_path: Path, dash: str) -> None:
    rows = _rows(
        tmp_path,
        "# Privacy\n\n## Services we rely on\n\nThe app works with these services:\n\n"
        f"- **Paddlewing** {dash} Handles subscription receipts.\n"
        f"- **Glimmer Insights** {dash} Counts screens opened, without identifiers.\n"
        f"- **Sentry** {dash} Receives crash reports.\n",
    )
    assert set(rows) == {"Paddlewing", "Glimmer Insights", "Sentry"}
    assert all(r["how"] == "list" for r in rows.values())


def test_data_items_with_a_double_hyphen_dash_are_no_rows(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "# Privacy\n\n## What we collect\n\nWe collect the following:\n\n"
        "- **Age range** -- Given when you set up the app.\n"
        "- **Usage statistics** -- Daily counts kept on your device.\n"
        "- **Feedback** -- The text you send us.\n",
    )
    assert rows == {}
