"""Shared by the report tests: a compared report whose strings all carry script-injection payloads."""

from __future__ import annotations

from appaudit.compare import Settings, compare
from appaudit.model import AppInfo, Evidence, Phase, Report, Source

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'


def hostile_report() -> Report:
    def e(src: Source, kind: str, dt: str | None, actor: str, loc: str, at: float | None = None,
          phase: Phase | None = None, **d: object) -> Evidence:  # fmt: skip
        return Evidence(dt, src, actor, loc, {"kind": kind, **d}, at=at, phase=phase)

    ev = (
        e(Source.CODE, "sdk", None, "evil-sdk", "sdk:evil-sdk", name=f"Evil {SCRIPT}", vendor=IMG, category="ads"),
        e(
            Source.CODE,
            "call_site",
            "mac",
            "app",
            f"Lcom/x/{SCRIPT};->m()V",
            reachable=True,
            caller_class="com.x.Y",
            caller_method="m",
        ),
        e(
            Source.MANIFEST,
            "permission",
            None,
            "app",
            "AndroidManifest.xml uses-permission",
            permission="android.permission.QUERY_ALL_PACKAGES",
        ),
        e(
            Source.RUNTIME,
            "read",
            "imei",
            "evil-sdk",
            "TelephonyManager.getDeviceId",
            1.0,
            Phase.PRE_CONSENT,
            stack=[
                "android.telephony.TelephonyManager.getDeviceId(TM.java:1)",
                f"com.evil.{SCRIPT}.a(Unknown)",
                "com.evil.B.run(B.java:3)",
            ],
            value=IMG,
        ),
        e(
            Source.RUNTIME,
            "read",
            "app_list",
            "app",
            "PackageManager.getInstalledPackages",
            70.0,
            Phase.POST_CONSENT,
            foreground=False,
        ),
        e(Source.RUNTIME, "consent", None, "app", "PrivacyDialog.onAgree", 5.0, method="hook"),
        e(
            Source.NETWORK,
            "transfer",
            "imei",
            "evil-sdk",
            f"POST http://evil.example/{SCRIPT}",
            3.0,
            url=f"http://evil.example/?q={IMG}",
            host="evil.example",
            tls=False,
            party="third",
        ),
        e(
            Source.POLICY,
            "declared_data_type",
            "oaid",
            "app",
            f"policy.md §{SCRIPT} ¶1",
            quote=f"We collect {IMG}",
            file="policy.md",
            line=12,
        ),
        e(
            Source.POLICY,
            "sdk_row",
            None,
            "jpush",
            "policy.md §SDK row 1",
            name=SCRIPT,
            data_types=[],
            file="policy.md",
        ),
    )
    report = Report(
        app=AppInfo(package=f"com.evil{SCRIPT}", version_name=IMG, file="demo.apk", sha256="ab" * 32),
        evidence=ev,
        sections={"static": {}, "policy": {}, "runtime": {}, "network": {}},
        skipped={"hostjvm": f"not asked {SCRIPT}"},
        tool_version="0.1.0",
        generated_at="2026-11-22T08:00:00Z",
    )
    return compare(report, Settings())
