"""The Play Data safety CSV draft: Play Console's five columns, answers backed by evidence, marked as a draft."""

from __future__ import annotations

import csv
import io

from appaudit.compare import compare
from appaudit.model import AppInfo, Evidence, Report, Source
from appaudit.report import render
from appaudit.report.datasafety import HEADER


def _rows(report: Report) -> list[list[str]]:
    return list(csv.reader(io.StringIO(render(report, "datasafety"))))


def _answer(rows: list[list[str]], question: str, response: str = "") -> list[str]:
    return next(r for r in rows if r[0] == question and r[1] == response)


def test_draft_from_observed_and_declared_data() -> None:
    ev = (
        Evidence(None, Source.CODE, "umeng-analytics", "sdk:umeng-analytics",
                 {"kind": "sdk", "name": "Umeng", "category": "analytics", "grades": ["code"]}),
        Evidence("imei", Source.RUNTIME, "umeng-analytics", "TM.getDeviceId",
                 {"kind": "read", "value": "867530912345678"}, at=1.0),
        Evidence("location_precise", Source.CODE, "app", "Lx;->m()V", {"kind": "call_site", "reachable": True}),
        Evidence("location_precise", Source.CODE, "app", "Lx;->dead()V", {"kind": "call_site", "reachable": False}),
        Evidence("contacts", Source.POLICY, "app", "policy.md §1", {"kind": "declared_data_type", "file": "policy.md",
                                                                      "line": 4, "quote": "We read contacts"}),
        Evidence("ip_address", Source.RUNTIME, "app", "x", {"kind": "read"}, at=2.0),
    )  # fmt: skip
    report = compare(
        Report(
            app=AppInfo(package="com.shop", version_name="2.0"),
            evidence=ev,
            sections={"static": {}, "policy": {}, "runtime": {}},
            tool_version="0.1.0",
        )
    )
    rows = _rows(report)
    assert tuple(rows[0]) == HEADER and all(len(r) == 5 for r in rows)
    first = _answer(rows, "PSL_DATA_COLLECTION_COLLECTS_PERSONAL_DATA")
    assert first[2] == "true" and first[4].startswith("DRAFT") and "com.shop 2.0" in first[4]
    assert "ip_address" in first[4]  # not a Play data type: said, not guessed
    device = _answer(rows, "PSL_DATA_TYPES_IDENTIFIERS", "PSL_DEVICE_ID")
    assert device[2] == "true" and "umeng-analytics (runtime)" in device[4]
    assert "867530912345678" not in render(report, "datasafety")  # no identifier value in the draft
    shared = _answer(rows, "PSL_DATA_USAGE_RESPONSES:PSL_DEVICE_ID:PSL_DATA_USAGE_COLLECTION_AND_SHARING",
                     "PSL_DATA_USAGE_ONLY_SHARED")  # fmt: skip
    assert shared[2] == "true" and "umeng-analytics" in shared[4]  # an analytics SDK sends to its vendor
    analytics = _answer(rows, "PSL_DATA_USAGE_RESPONSES:PSL_DEVICE_ID:DATA_USAGE_COLLECTION_PURPOSE", "PSL_ANALYTICS")
    assert analytics[2] == "true"
    precise = _answer(rows, "PSL_DATA_TYPES_LOCATION", "PSL_PRECISE_LOCATION")
    assert precise[2] == "true" and "app (code)" in precise[4]
    own = _answer(rows, "PSL_DATA_USAGE_RESPONSES:PSL_PRECISE_LOCATION:PSL_DATA_USAGE_COLLECTION_AND_SHARING",
                  "PSL_DATA_USAGE_ONLY_SHARED")  # fmt: skip
    assert own[2] == ""  # the app's own collection is not sharing
    contacts = _answer(rows, "PSL_DATA_TYPES_CONTACTS", "PSL_CONTACTS")
    assert contacts[2] == "true" and "declared in the policy (policy.md:4)" in contacts[4]
    assert _answer(rows, "PSL_DATA_TYPES_PERSONAL", "PSL_NAME")[2] == ""
    # only the developer knows these: left empty, and said so
    delete = _answer(rows, "PSL_DATA_COLLECTION_USER_REQUEST_DELETE")
    assert delete[2] == "" and "answer yourself" in delete[4]
    transit = _answer(rows, "PSL_DATA_COLLECTION_ENCRYPTED_IN_TRANSIT")
    assert transit[2] == "" and "no traffic was captured" in transit[4]


def test_nothing_observed_is_no_collection() -> None:
    rows = _rows(compare(Report(app=AppInfo(package="p"), sections={"static": {}})))
    assert _answer(rows, "PSL_DATA_COLLECTION_COLLECTS_PERSONAL_DATA")[2] == "false"
    assert not any(r[0].startswith("PSL_DATA_USAGE_RESPONSES") for r in rows)
